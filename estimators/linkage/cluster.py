"""Clusters of linked records under the one-record-per-list constraint, with conflict checks.

Connected components of the links chain records together: a false link between two
children, or between siblings, merges everything either is linked to (issue 11, cause 7:
13-22 merged clusters per set of lists).  A child appears once on a list, unless the
list holds duplicates of it; so here links are taken best first (highest match weight)
and a link that would put two records of one list into one cluster is refused unless
those two records are themselves linked (a within-list duplicate).  A greedy best-first
assignment under the constraint, as in Splink's one-to-one clustering and the
"maximum-weight" bipartite matching of Jaro (1989) and Sadinle (2017), generalised to
several lists with duplicates.

Conflicts.  Two records of one list with the same full birth date and clearly
different given names are twins, not one child recorded twice: their pair can never be
a duplicate link (:func:`twin_pairs`), so the constraint keeps them in different
clusters whatever else links to them.

References
----------
Jaro, M. A. (1989). Advances in record-linkage methodology as applied to matching the
    1985 census of Tampa, Florida. *JASA* 84, 414-420 (one-to-one assignment).
Sadinle, M. (2017). Bayesian estimation of bipartite matchings for record linkage.
    *JASA* 112, 600-612.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["constrained_clusters", "twin_pairs"]


def twin_pairs(pairs: pd.DataFrame, node_list: np.ndarray, levels: dict[str, list[str]]) -> np.ndarray:
    """Mask of the within-list pairs that are twins (same full birth date, given names differ).

    Parameters
    ----------
    pairs : scored pairs with ``node_l, node_r, gamma_birth_date, gamma_given_key``.
    node_list : list index of every record.
    levels : comparison name -> level labels (index = comparison vector value).

    Returns
    -------
    ndarray of bool, one per pair.
    """
    mask = np.zeros(len(pairs), dtype=bool)
    if "gamma_birth_date" not in pairs or "gamma_given_key" not in pairs or not len(pairs):
        return mask
    date_labels, given_labels = levels.get("birth_date", []), levels.get("given_key", [])
    if "same full date" not in date_labels:
        return mask
    same_date = pairs["gamma_birth_date"].to_numpy() == date_labels.index("same full date")
    # "else" (value 0): the given names are present on both and neither equal, nor similar,
    # nor of one skeleton
    differ = pairs["gamma_given_key"].to_numpy() == 0 if given_labels else np.zeros(len(pairs), dtype=bool)
    within = node_list[pairs["node_l"].to_numpy()] == node_list[pairs["node_r"].to_numpy()]
    return same_date & differ & within


def constrained_clusters(n: int, node_list: np.ndarray, node_l: np.ndarray, node_r: np.ndarray,
                         weight: np.ndarray, linked: np.ndarray | None = None) -> np.ndarray:
    """Cluster records by links taken best first, at most one record per list per cluster.

    Parameters
    ----------
    n : number of records.
    node_list : ndarray (n,), list index of every record.
    node_l, node_r : pair endpoints.
    weight : order of the pairs (higher first), e.g. the match weight.
    linked : boolean mask of the pairs that are links (default: all).

    Returns
    -------
    ndarray (n,), int
        Cluster label of every record, ``0..c-1`` in order of first record.

    Notes
    -----
    A link joins two clusters unless, for some list, a record of that list in one
    cluster and a record of the same list in the other are not linked to each other.
    Ties in ``weight`` are broken by pair order (reproducible).

    Examples
    --------
    >>> lists = np.array([0, 1, 1])           # record 0 on list A; records 1 and 2 on list B
    >>> constrained_clusters(3, lists, np.array([0, 0]), np.array([1, 2]), np.array([5.0, 3.0])).tolist()
    [0, 0, 1]
    """
    node_list = np.asarray(node_list, dtype=np.int64)
    node_l = np.asarray(node_l, dtype=np.int64)
    node_r = np.asarray(node_r, dtype=np.int64)
    if linked is not None:
        keep = np.asarray(linked, dtype=bool)
        node_l, node_r, weight = node_l[keep], node_r[keep], np.asarray(weight)[keep]
    order = np.argsort(-np.asarray(weight, dtype=float), kind="stable")
    same_list = node_list[node_l] == node_list[node_r]
    duplicate = {(int(a), int(b)) for a, b in zip(node_l[same_list], node_r[same_list], strict=True)}
    parent = np.arange(n, dtype=np.int64)
    # members of each root, by list: {root: {list: [records]}}
    members: dict[int, dict[int, list[int]]] = {}

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = int(parent[root])
        while parent[x] != root:
            parent[x], x = root, int(parent[x])
        return root

    def of(root: int) -> dict[int, list[int]]:
        got = members.get(root)
        if got is None:
            got = {int(node_list[root]): [root]}
            members[root] = got
        return got

    for i in order:
        a, b = int(node_l[i]), int(node_r[i])
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        ma, mb = of(ra), of(rb)
        ok = True
        for lst, xs in (mb.items() if len(mb) < len(ma) else ma.items()):
            other = (ma if len(mb) < len(ma) else mb).get(lst)
            if other is None:
                continue
            for x in xs:
                for y in other:
                    if (min(x, y), max(x, y)) not in duplicate:
                        ok = False
                        break
                if not ok:
                    break
            if not ok:
                break
        if not ok:
            continue
        if len(ma) < len(mb):
            ra, rb, ma, mb = rb, ra, mb, ma
        parent[rb] = ra
        for lst, xs in mb.items():
            ma.setdefault(lst, []).extend(xs)
        members.pop(rb, None)
    roots = np.array([find(i) for i in range(n)], dtype=np.int64)
    _, labels = np.unique(roots, return_inverse=True)
    # relabel in order of first record
    first: dict[int, int] = {}
    out = np.empty(n, dtype=np.int64)
    for i, lab in enumerate(labels):
        out[i] = first.setdefault(int(lab), len(first))
    return out
