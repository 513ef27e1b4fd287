"""Records too thin to link: left out of the capture histories, and counted.

A record is *identifiable* when it carries

* a family name and a given name, each written in full, or
* a full birth date (day, month and year) and one of the two names in full, in a list
  with another list most of whose records carry full birth dates (:data:`FULL_DATES_SHARE`).
  Against lists that record years only (a village head's list, testimonies that give an
  age), a day and month meet nothing, and a record with one name and a full date meets its
  child's other records on a name and a year: a birthday post's "Вика" or "Пашенька".

A name written only as its initial (``К.``), masked (``К*******о``), cut to a fragment or
missing does not count as written in full; nor does a birth date known only to its year
or month.  Every other record is *thin*: an anonymised ruling's ``К. В. І.`` born in
2013, a digest's "Timur, from Donetsk", a family name with a birth year.

Why thin records are left out of the histories rather than kept
---------------------------------------------------------------
A thin record meets its child's records on other lists on too little: most children
share an initial, a given name or a birth year with many others, so the model either
never compares the pair or cannot tell it from the pairs that share as much by chance.
Kept, each of those missed links makes its child look seen by the thin record's list
alone (and the child's other records look missed by that list), which moves people out
of the overlaps and pushes every estimate up.  On the package's harness of lists written
by other hands, thin records were up to 20% of a profile's records and most of its missed
links (bench/RESULTS.md).

Left out, each list is *thinned by a rule that reads the record and the lists' formats*
(the share of each list's records with full birth dates: which fields a list records, not which
children it saw) - never whether another list holds the child, never the linkage - so the
identifiable records of a list are still a list in the sense multiple systems estimation needs.
One consequence: a list's thinning depends on which other lists are linked with it (a partner
list with full dates on at least half its records makes its one-name full-date records count).  The estimate then needs
one more assumption, stated with it: whether a list wrote a child's record in full
depends neither on whether the other lists saw the child nor on whether they wrote it in
full.  It fails where poor documentation is a trait of the child that every list shares
(the children no list documents well are written by initials everywhere): then the
thinned lists are dependent.  On the harness it held only in part: leaving thin records
out moved N̂ on the *true* histories by -14% to +18% on four profiles, by less than 3% on
the others.

The documented count changes too: a child named only by thin records is not counted,
since those records cannot be told apart from each other or from the counted children.
The number of thin records per list is reported beside the count, and a list most of
whose records are thin is named (:func:`thin_list_message`): it hardly takes part in the
estimate.  ``removals link --keep-thin-records`` keeps every record (the earlier
behaviour).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

__all__ = ["FULL_DATES_SHARE", "RULE", "THIN_LIST_SHARE", "counted_records", "dates_meet_full_dates",
           "identifiable_records", "shown_thin_lists",
           "thin_list_message", "thin_lists", "wholly_thin_message"]

#: The rule in the words every output uses (``removals link --help`` states it too, without
#: importing the linkage).
RULE = ("no family and given name in full, nor a full birth date with one of them where another list mostly "
        "records full birth dates")

#: A list at least this share of whose records are thin is named in a warning: most of it
#: is left out of the histories, so the estimate rests on the other lists (a list's
#: majority, not a value fitted to data).
THIN_LIST_SHARE = 0.5
#: A full birth date identifies a record only where another list carries full birth dates on at
#: least this share of its records: most of them (a majority, not a value fitted to data).
FULL_DATES_SHARE = 0.5


def identifiable_records(keys: pd.DataFrame, node_list: np.ndarray | None = None) -> np.ndarray:
    """Which records are identifiable (module docstring), from the standardised keys.

    Parameters
    ----------
    keys : DataFrame
        :func:`.standardise.standardise_records` output: ``family_key`` and ``given_key``
        (None unless the name is written in full) and ``birth_day`` (None unless the
        birth date is full).
    node_list : ndarray (n,) of int, optional
        List index of every record.  Without it (or with one list), a full birth date counts
        in every list.

    Returns
    -------
    ndarray of bool, shape (n,)
    """
    family = keys["family_key"].notna().to_numpy()
    given = keys["given_key"].notna().to_numpy()
    full_date = keys["birth_day"].notna().to_numpy()
    if node_list is not None:
        full_date = full_date & dates_meet_full_dates(full_date, np.asarray(node_list))
    return (family & given) | (full_date & (family | given))


def dates_meet_full_dates(full_date: np.ndarray, node_list: np.ndarray) -> np.ndarray:
    """Per record: does another list carry full birth dates on :data:`FULL_DATES_SHARE` of its records?

    Parameters
    ----------
    full_date : ndarray (n,) of bool
        Whether each record's birth date is full (day, month, year).
    node_list : ndarray (n,) of int
        List index of every record.

    Returns
    -------
    ndarray (n,) of bool
        True everywhere when there is one list (a deduplication meets its own dates).
    """
    lists = np.unique(node_list)
    if len(lists) < 2:
        return np.ones(len(node_list), dtype=bool)
    share = {int(k): float(full_date[node_list == k].mean()) for k in lists}
    usable = {k: any(v >= FULL_DATES_SHARE for j, v in share.items() if j != k) for k in share}
    return np.array([usable[int(k)] for k in node_list], dtype=bool)


def counted_records(identifiable: np.ndarray, node_list: np.ndarray, lists: Sequence[str]) -> tuple[np.ndarray,
                                                                                                  list[str]]:
    """The records that count in the histories, and the lists kept whole.

    The identifiable records count; a list with no identifiable record at all is kept whole
    (left out, it would leave the histories with an empty list), and is returned by name so
    that the linkage can say so (:func:`wholly_thin_message`).

    Parameters
    ----------
    identifiable : ndarray (n,) of bool
        :func:`identifiable_records` of every record (not changed).
    node_list : ndarray (n,) of int
        List index of every record.
    lists : list names, in index order.

    Returns
    -------
    counted : ndarray (n,) of bool
    kept_whole : list of str
        The lists every record of which is thin.
    """
    counted = np.asarray(identifiable, dtype=bool).copy()
    node_list = np.asarray(node_list)
    kept = []
    for i, name in enumerate(lists):
        on = node_list == i
        if on.any() and not counted[on].any():
            counted[on] = True
            kept.append(name)
    return counted, kept


def thin_lists(thin: Mapping[str, int], records: Mapping[str, int]) -> dict[str, float]:
    """The lists at least :data:`THIN_LIST_SHARE` of whose records are thin, with that share.

    Parameters
    ----------
    thin, records : mapping
        List name -> thin records, and -> records; a list missing from either is left out.

    Returns
    -------
    dict
        List name -> share of its records that are thin.
    """
    return shown_thin_lists(thin, records)


def shown_thin_lists(thin: Mapping[str, object], records: Mapping[str, object], *,
                     min_cell: int | None = None) -> dict[str, float]:
    """:func:`thin_lists` from counts that may be suppressed, without giving a suppressed count away.

    A list's share is computed only when its thin count and its record count are both
    numbers (a public summary writes a suppressed cell as a string) and, with ``min_cell``,
    both at least ``min_cell``: a share of two suppressed cells would give them away.
    """
    out: dict[str, float] = {}
    for name, v in thin.items():
        r = records.get(name)
        if (isinstance(v, int) and isinstance(r, int) and not isinstance(v, bool) and r > 0
                and (min_cell is None or min(v, r) >= min_cell) and v / r >= THIN_LIST_SHARE):
            out[str(name)] = v / r
    return out


def wholly_thin_message(name: str) -> str:
    """The words for a list every record of which is too thin to link (kept whole; aggregates only)."""
    return (f"list {name!r}: every record is too thin to link ({RULE}); its records are kept, but most of its children's records on other lists cannot be "
            "linked to them, so an estimate on these histories is likely too high; compare it with the estimate "
            "without that list")


def thin_list_message(name: str, share: float) -> str:
    """The words for a list most of whose records are too thin to link (aggregates only)."""
    return (f"list {name!r}: {share:.0%} of its records are too thin to link ({RULE}), so they are left out of the histories and the estimate rests mostly "
            "on the other lists; the children only those records name are not counted (--keep-thin-records keeps "
            "them, at the cost of links missed)")
