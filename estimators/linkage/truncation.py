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
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .standardise import NameTable

__all__ = ["COMPLETE_RATIO", "MIN_AT_CAP", "MIN_CAP", "MIN_SHARE", "SPIKE", "complete_given_names",
           "complete_patronymics", "cut_cells", "unique_completion"]

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


def complete_given_names(cut: np.ndarray, written: Sequence[str | None], keys: Sequence[str | None],
                         only_initial: Sequence[bool], sexes: Sequence[str | None],
                         table: NameTable) -> tuple[list[str | None], list[bool]]:
    """Cut given names completed to a name group of the table, else kept as initials.

    Parameters
    ----------
    cut : which cells were cut (:func:`cut_cells`).
    written : each cell's folded key as written (None when missing).
    keys, only_initial : each cell's name group and whether only its initial is kept, so far.
    sexes : each record's sex (``M``, ``F`` or None).
    table : the name table (:class:`.standardise.NameTable`).

    Returns
    -------
    (keys, only_initial) with the cut cells completed: the one group of the table's forms
    that start with the cut (of the record's sex when that decides; the folded key reads
    some letters by the next one, ``ія`` -> ``a``, so the key without its last one or two
    letters is tried next, down to four letters), or no group and only the initial.
    """
    keys, only_initial = list(keys), list(only_initial)
    forms = sorted(table.given) if cut.any() else []
    for i in map(int, np.flatnonzero(cut)):
        fold = written[i]
        if not fold or only_initial[i]:
            continue
        sex = sexes[i]
        group = None
        for prefix in dict.fromkeys(fold[: len(fold) - drop] for drop in range(3) if len(fold) - drop >= 4):
            group = unique_completion(prefix, forms, table.given.get)
            if group is None and sex is not None:
                of_sex = {f: g for (f, fs), g in table.given_by_sex.items() if fs == sex and f.startswith(prefix)}
                group = unique_completion(prefix, sorted(of_sex), of_sex.get)
            if group is not None:
                break
        keys[i] = group
        only_initial[i] = group is None
    return keys, only_initial


def complete_patronymics(cut: np.ndarray, written: Sequence[str | None], keys: Sequence[str | None],
                         only_initial: Sequence[bool], whole_fold: Callable[[str], bool]) -> list[str | None]:
    """Cut patronymics completed from the whole patronymics of all the lists.

    A cut (at least four letters, not an initial) takes the one key of the whole
    patronymics (not cut, and ``whole_fold`` of their folded key) whose folded key starts
    with it; no key when there are none or several.
    """
    keys = list(keys)
    if not cut.any():
        return keys
    whole = {f: k for f, k, c in zip(written, keys, cut, strict=True) if f and k and not c and whole_fold(f)}
    folds = sorted(whole)
    for i in map(int, np.flatnonzero(cut)):
        fold = written[i]
        if fold and len(fold) >= 4 and not only_initial[i]:
            keys[i] = unique_completion(fold, folds, whole.get)
    return keys
