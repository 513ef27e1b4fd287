"""Names cut at a list's field length: detected per list, completed where the cut leaves one reading.

Registers exported from older databases cut text fields at a fixed length, often in
bytes (``VARCHAR(16)`` of UTF-8, where a Cyrillic letter takes two): ``Олександ`` for
Олександр or Олександра, ``Валерійови`` for Валерійович.  A cut value matches no name of
the table and no full value of another list, so the name comparisons treat it as a
different name, and the sex check cannot read a cut given name.

Detection, per list and field (given name, patronymic), in characters and in UTF-8 bytes:
the longest length ``L`` of the list's values is a *cap* when

* ``L`` is at least :data:`MIN_CAP` (a pile of one- or two-letter values is initials), at
  least :data:`MIN_AT_CAP` values and :data:`MIN_SHARE` of the list's values have length
  ``L``, at least :data:`SPIKE` times as many as have length ``L - 1`` (natural lengths
  thin out smoothly; a cut piles values up at the limit), and
* the values at ``L`` are much less often complete names than the shorter ones (a share at
  most :data:`COMPLETE_RATIO` of theirs): a pile of *complete* values is a common long name
  (``Олександрович``), not a cut; and some shorter values are complete (a list of
  initials only has none).

Completion.  A cut value is the prefix of the value that was typed.  A given name is
completed to the name group of the table's forms that start with it, when they all
belong to one group (of the record's sex, when it is known; the folded key reads some
letters by the next one, ``ія`` -> ``a``, so the cut's key without its last one or two
letters is tried next, down to four letters); a patronymic to the key of
the complete patronymics of all the lists that start with it, when they all have one.
Otherwise the value keeps only its initial (compared as an initial: :mod:`.formats`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

import numpy as np

__all__ = ["COMPLETE_RATIO", "MIN_AT_CAP", "MIN_CAP", "MIN_SHARE", "SPIKE", "cut_cells", "unique_completion"]

#: A cap is at least this long (characters or bytes): shorter piles are initials or codes.
MIN_CAP = 6
#: A cap needs at least this many values at it.
MIN_AT_CAP = 20
#: ... and this share of the list's values.
MIN_SHARE = 0.05
#: ... and this many times the share one character (or byte) shorter.
SPIKE = 5.0
#: Values at a cap are complete names at most this share as often as shorter values are.
COMPLETE_RATIO = 0.5


def _cap_mask(texts: list[str], complete: Callable[[str], bool]) -> np.ndarray | None:
    """Mask of the texts at the list's cap, or None when there is no cap."""
    for measure in (len, lambda s: len(s.encode("utf-8"))):
        lengths = np.fromiter((measure(s) for s in texts), dtype=np.int64, count=len(texts))
        cap = int(lengths.max())
        at = lengths == cap
        n_at = int(at.sum())
        if n_at < MIN_AT_CAP or n_at < MIN_SHARE * len(texts) or n_at < SPIKE * int((lengths == cap - 1).sum()):
            continue
        whole = np.fromiter((complete(s) for s in texts), dtype=bool, count=len(texts))
        # no cap on short values (initials, codes), nor where nothing shorter is complete either
        if cap < MIN_CAP or (~at).sum() == 0 or not whole[~at].any():
            continue
        if whole[at].mean() <= COMPLETE_RATIO * whole[~at].mean():
            return at
    return None


def cut_cells(values: Sequence[object], lists: np.ndarray, complete: Callable[[str], bool]) -> np.ndarray:
    """Which cells were cut at their list's length limit.

    Parameters
    ----------
    values : one field's cells, stacked over the lists (strings; missing as None/NaN/"").
    lists : the list of each cell (any labels).
    complete : whether a cell's text is a complete value (a known name form, a patronymic
        with its whole suffix).

    Returns
    -------
    ndarray of bool

    Examples
    --------
    >>> names = ["Олександр", "Олександра", "Валентина", "Дмитро", "Іван", "Марія"]
    >>> cut = [n[:6] for n in names] * 10 + ["Іван", "Петро", "Ганна"] * 10
    >>> full = names * 10
    >>> mask = cut_cells(cut + full, np.repeat([0, 1], [len(cut), len(full)]), lambda s: s in names + ["Петро", "Ганна"])
    >>> int(mask[: len(cut)].sum()), int(mask[len(cut):].sum())
    (40, 0)
    """
    lists = np.asarray(lists)
    out = np.zeros(len(values), dtype=bool)
    text = [v.strip() if isinstance(v, str) else "" for v in values]
    for label in dict.fromkeys(lists.tolist()):
        rows = np.flatnonzero((lists == label) & np.array([bool(s) for s in text]))
        if len(rows) < MIN_AT_CAP:
            continue
        at = _cap_mask([text[i] for i in rows], complete)
        if at is not None:
            out[rows[at]] = True
    return out


def unique_completion(prefix: str, sorted_forms: Sequence[str], key_of: Callable[[str], str | None]) -> str | None:
    """The one key of the forms that start with ``prefix``, or None (none, or several keys).

    ``sorted_forms`` must be sorted; ``key_of`` gives a form's key (None: not a candidate).
    """
    start = bisect.bisect_left(sorted_forms, prefix)
    keys: set[str] = set()
    for form in sorted_forms[start:]:
        if not form.startswith(prefix):
            break
        key = key_of(form)
        if key is not None:
            keys.add(key)
            if len(keys) > 1:
                return None
    return next(iter(keys)) if keys else None
