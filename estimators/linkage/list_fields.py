"""A list whose field means something else: detected on sure matches, dropped for that list.

Lists record a "removal date" or a "settlement" under the same heading but not always
for the same thing.  A court ruling dates the ruling, an online post the day it was
posted, a registry the day the child was registered; a case-management system records the
territorial community (hromada) where another list records the town.  On such a list the
field of a matching pair agrees no more often than that of two random records, yet
Fellegi-Sunter EM learns one ``m`` per level from all lists together: the disagreement
then costs the true matches of that list (-2 to -3 bits each for the removal date) what it
is worth on the lists that record the same event (issue 11, cause 2: the parameters EM
learns are averages over sources that mean different things).

The check needs no model.  *Sure pairs* are records of two different lists with the
same family name key, the same given name group and the same full birth date: almost
all are the same child (twins differ in the given name).  For a list ``L`` and a field,

* ``k`` of the ``n`` sure pairs between ``L`` and another list agree on the field;
* the sure pairs between the *other* lists agree at a share ``p_same`` (the field means
  the same there: it is what a match looks like);
* two random records of ``L`` and another list agree at ``p_random``, computed exactly
  from the values (the share of other-list dates within the agreement window).

The field judged is the removal date; settlement, destination and institution were
measured the same way and left out (the model does not compare them by equal keys).

When the field is informative on the other lists (``p_same`` at least
:data:`MIN_INFORMATIVE_GAP` above ``p_random``) and ``k`` is likelier under ``p_random``
than under ``p_same`` (binomial likelihood ratio; at least :data:`MIN_SURE_PAIRS` pairs),
the field of ``L`` is taken to record something else: its values are dropped (missing,
Bayes factor 1) for that list only, before training, and the linkage summary names the
list and the field.  Lists are judged one at a time, the least agreeing first, each
against the lists still kept, so that one such list does not make the others look
unreliable.  Nothing is judged where fewer than two other lists have the field, nor on a
list without sure pairs: one that writes names as initials (an anonymised ruling) or gives
birth years only cannot be judged this way, whatever its dates mean.

References
----------
Fellegi, I. P. & Sunter, A. B. (1969). A theory for record linkage. *JASA* 64, 1183-1210.
Winkler, W. E. (1988). Using the EM algorithm for weight computation in the
    Fellegi-Sunter model of record linkage. *Proc. Section on Survey Research Methods,
    ASA*, 667-671.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["MIN_INFORMATIVE_GAP", "MIN_SURE_PAIRS", "REMOVAL_WINDOW_DAYS", "ListFieldCheck",
           "fields_with_another_meaning"]

#: A list needs at least this many sure pairs with the field on both records to be judged.
MIN_SURE_PAIRS = 5
#: The field must agree this much more often in sure pairs than in random pairs elsewhere.
MIN_INFORMATIVE_GAP = 0.2
#: Removal dates this many days apart or fewer agree (the model's widest agreeing level).
REMOVAL_WINDOW_DAYS = 31
#: Identity of a sure pair: every column present and equal on both records.
SURE_PAIR_KEYS = ("family_key", "given_key", "birth_year", "birth_month", "birth_day")
#: Groups larger than this (a common name on a common date, or a list's duplicates) are skipped.
_MAX_GROUP = 6
_CLIP = 0.01


@dataclass(frozen=True)
class ListFieldCheck:
    """One list's field judged on the sure pairs (no data values).

    Attributes
    ----------
    column : key column judged (``removal_month``: the removal date).
    list_index : the list judged.
    sure_pairs : sure pairs between this list and a kept list with the field on both records.
    agreeing : how many of them agree on the field.
    same_share : share of agreeing sure pairs among the other kept lists.
    random_share : share of agreeing random pairs between this list and the others.
    dropped : the field's values of this list were dropped.
    """

    column: str
    list_index: int
    sure_pairs: int
    agreeing: int
    same_share: float
    random_share: float
    dropped: bool

    def to_dict(self) -> dict[str, object]:
        return {"field": self.column, "list_index": self.list_index, "sure_pairs": self.sure_pairs,
                "agreeing": self.agreeing, "same_share": round(self.same_share, 4),
                "random_share": round(self.random_share, 4), "dropped": self.dropped}


def _sure_pairs(keys: pd.DataFrame, node_list: np.ndarray) -> np.ndarray:
    """Index pairs (i, j), i < j, of records of different lists that agree on every sure-pair key."""
    have = [c for c in SURE_PAIR_KEYS if c in keys.columns]
    if len(have) < len(SURE_PAIR_KEYS):
        return np.empty((0, 2), dtype=np.int64)
    frame = keys[have].copy()
    frame["_row"] = np.arange(len(keys))
    frame = frame.dropna(subset=have)
    pairs: list[tuple[int, int]] = []
    for rows in frame.groupby(list(have), sort=False)["_row"]:
        idx = rows[1].to_numpy()
        if len(idx) < 2 or len(idx) > _MAX_GROUP:
            continue
        for a in range(len(idx)):
            for b in range(a + 1, len(idx)):
                i, j = int(idx[a]), int(idx[b])
                if node_list[i] != node_list[j]:
                    pairs.append((min(i, j), max(i, j)))
    return np.asarray(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def _date_agreement(days: pd.Series, window: int) -> tuple[Callable[[np.ndarray, np.ndarray], np.ndarray],
                                                           Callable[[np.ndarray, np.ndarray], float]]:
    d = days.to_numpy(dtype=float, na_value=np.nan)

    def agree(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return np.abs(d[i] - d[j]) <= window

    def random_share(mine: np.ndarray, others: np.ndarray) -> float:
        o = np.sort(d[others])
        near = np.searchsorted(o, d[mine] + window, side="right") - np.searchsorted(o, d[mine] - window, side="left")
        return float(near.sum() / (len(mine) * len(o)))

    return agree, random_share


def _log_likelihood(k: int, n: int, p: float) -> float:
    p = min(max(p, _CLIP), 1.0 - _CLIP)
    return k * np.log(p) + (n - k) * np.log1p(-p)


def _judge_column(column: str, present: np.ndarray, agree: Callable[[np.ndarray, np.ndarray], np.ndarray],
                  random_share: Callable[[np.ndarray, np.ndarray], float], sure: np.ndarray,
                  node_list: np.ndarray, n_lists: int) -> list[ListFieldCheck]:
    usable = sure[present[sure[:, 0]] & present[sure[:, 1]]]
    hits = agree(usable[:, 0], usable[:, 1]) if len(usable) else np.zeros(0, dtype=bool)
    left, right = node_list[usable[:, 0]], node_list[usable[:, 1]]
    kept = [k for k in range(n_lists) if present[node_list == k].any()]
    results: dict[int, ListFieldCheck] = {}
    while True:
        candidates = []
        for k in kept:
            others = [o for o in kept if o != k]
            if len(others) < 2:
                continue
            mine = (left == k) | (right == k)
            mine &= np.isin(np.where(left == k, right, left), others)
            pool = np.isin(left, others) & np.isin(right, others)
            n, n_pool = int(mine.sum()), int(pool.sum())
            if n_pool == 0:
                continue
            agreeing = int(hits[mine].sum())
            same = float(hits[pool].mean())
            rand = random_share(np.flatnonzero(present & (node_list == k)),
                                np.flatnonzero(present & np.isin(node_list, others)))
            bad = (n >= MIN_SURE_PAIRS and same - rand >= MIN_INFORMATIVE_GAP
                   and _log_likelihood(agreeing, n, rand) > _log_likelihood(agreeing, n, same))
            check = ListFieldCheck(column, k, n, agreeing, same, rand, bool(bad))
            results[k] = check
            if bad:
                candidates.append((agreeing / n, k))
        if not candidates:
            break
        worst = min(candidates)[1]
        kept.remove(worst)
        # judged against the lists kept when it was dropped; the others are judged again
        results = {k: c for k, c in results.items() if k == worst or c.dropped and k not in kept}
    return [results[k] for k in sorted(results)]


def fields_with_another_meaning(keys: pd.DataFrame, node_list: np.ndarray, n_lists: int) -> list[ListFieldCheck]:
    """Judge, per list, whether its removal dates mean what they mean on the other lists.

    Removal dates :data:`REMOVAL_WINDOW_DAYS` apart or fewer agree (the day number is read
    from ``removal_day``).  Settlement, destination and institution were measured with the
    same check by key equality and left out: equal keys are not how the model compares them.

    Parameters
    ----------
    keys : standardised keys (:func:`.standardise.standardise_records`), stacked over the lists.
    node_list : list index of every row.
    n_lists : number of lists.

    Returns
    -------
    list of ListFieldCheck
        One per judged list; those with ``dropped`` set are the lists whose removal
        dates are dropped.

    Examples
    --------
    Four lists; the fourth dates each record 200 days after the removal:

    >>> days = np.r_[np.tile(np.arange(40) * 9, 3), np.arange(40) * 9 + 200].astype(float)
    >>> keys = pd.DataFrame({"family_key": [f"f{i}" for i in range(40)] * 4, "given_key": "g",
    ...                      "birth_year": 2010, "birth_month": 1, "birth_day": 1,
    ...                      "removal_month": days // 30, "removal_day": days})
    >>> [(c.list_index, c.dropped) for c in fields_with_another_meaning(keys, np.repeat([0, 1, 2, 3], 40), 4)]
    [(0, False), (1, False), (2, False), (3, True)]

    With three lists, the two kept are not judged again (each has one other list left).
    """
    node_list = np.asarray(node_list)
    sure = _sure_pairs(keys, node_list)
    if "removal_day" not in keys.columns:
        return []
    days = keys["removal_day"]
    agree, rand = _date_agreement(days, REMOVAL_WINDOW_DAYS)
    return _judge_column("removal_month", days.notna().to_numpy(), agree, rand, sure, node_list, n_lists)
