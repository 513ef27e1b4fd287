"""From clusters of records to capture histories (one row per child, one column per list).

A cluster is one child.  The child is *on* list k when at least one record of the
cluster comes from list k (within-list duplicates count once); records too thin to link
(:mod:`.identifiable`) put no child on a list, unless they are kept.  With a stratum column,
the child's stratum is the most frequent standardised value among the cluster's
records, thin ones included (they were linked to it: what they say about the child counts;
ties: the smallest key; all missing: ``unknown``), labelled by the most
frequent raw spelling of that key over all records, so that ``Херсон``, ``Kherson``
and ``Херсон`` typed by a Russian clerk fall in one stratum.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..histories import CaptureHistories
from .schema import RawList
from .standardise import name_key

__all__ = ["STRATUM_COLUMNS", "UNKNOWN", "node_strata", "histories_from_clusters"]

#: Columns of the raw lists that may define strata (never names, dates or ids).
STRATUM_COLUMNS = ("origin_settlement", "origin_institution", "destination", "sex")
UNKNOWN = "unknown"


def node_strata(lists: Sequence[RawList], column: str) -> np.ndarray:
    """Stratum key of every record (stacked in list order), None where missing.

    Returns
    -------
    ndarray of object, shape (n,)
        The standardised key (:func:`.standardise.name_key`; ``sex`` as is) rendered as
        its most frequent raw spelling.
    """
    if column not in STRATUM_COLUMNS:
        raise ValueError(f"stratum column must be one of {', '.join(STRATUM_COLUMNS)}; got {column!r}")
    raw = pd.concat([r.frame[column] for r in lists], ignore_index=True).astype(str)
    if column == "sex":
        keys = raw.where(raw != "", None)
    else:
        cache: dict[str, str | None] = {}
        keys = pd.Series([cache.setdefault(v, name_key(v) if v else None) for v in raw], dtype=object)
    frame = pd.DataFrame({"key": keys, "raw": raw})
    known = frame.dropna(subset=["key"])
    if known.empty:
        return np.full(len(frame), None, dtype=object)
    counts = known.groupby(["key", "raw"]).size().reset_index(name="n")
    counts = counts.sort_values(["key", "n", "raw"], ascending=[True, False, True], kind="mergesort")
    label = counts.drop_duplicates("key").set_index("key")["raw"]
    out = frame["key"].map(label)
    return out.to_numpy(dtype=object)


def histories_from_clusters(
    labels: np.ndarray,
    node_list: np.ndarray,
    lists: Sequence[str],
    *,
    node_stratum: np.ndarray | None = None,
    stratum_column: str | None = None,
    source: str = "<linkage>",
    node_counted: np.ndarray | None = None,
) -> CaptureHistories:
    """Capture histories of a clustering.

    Parameters
    ----------
    labels : ndarray (n,), int
        Cluster of every record.
    node_list : ndarray (n,), int
        List index of every record.
    lists : list names, in order.
    node_stratum : ndarray (n,), object, optional
        Stratum label of every record (None: missing).
    stratum_column : str, optional
        Name of the stratum column (required with ``node_stratum``).
    source : str
        Label for messages.
    node_counted : ndarray (n,) of bool, optional
        Records that count (default all).  A record that does not count (too thin to link:
        :mod:`.identifiable`) puts no child on its list, and a cluster of such records
        only is no child of the histories.

    Returns
    -------
    CaptureHistories
    """
    labels = np.asarray(labels, dtype=np.int64)
    node_list = np.asarray(node_list, dtype=np.int64)
    k = len(lists)
    n_clusters = int(labels.max()) + 1 if labels.size else 0
    patterns = np.zeros((n_clusters, k), dtype=np.int8)
    counted = np.ones(len(labels), dtype=bool) if node_counted is None else np.asarray(node_counted, dtype=bool)
    if counted.shape != labels.shape:
        raise ValueError(f"node_counted must have one entry per record ({labels.shape[0]}); got {counted.shape}")
    patterns[labels[counted], node_list[counted]] = 1
    frame = pd.DataFrame(patterns, columns=list(lists))
    strata = None
    if node_stratum is not None:
        if stratum_column is None:
            raise ValueError("stratum_column is required with node_stratum")
        s = pd.DataFrame({"cluster": labels, "label": pd.Series(node_stratum, dtype=object)}).dropna()
        if len(s):
            counts = s.groupby(["cluster", "label"]).size().reset_index(name="n")
            counts = counts.sort_values(["cluster", "n", "label"], ascending=[True, False, True], kind="mergesort")
            modal = counts.drop_duplicates("cluster").set_index("cluster")["label"]
        else:
            modal = pd.Series(dtype=object)
        frame[stratum_column] = pd.Series(np.arange(n_clusters)).map(modal).fillna(UNKNOWN).to_numpy(dtype=object)
        strata = [stratum_column]
    frame = frame.iloc[np.flatnonzero(patterns.any(axis=1))]
    keys = [*lists, *(strata or [])]
    table = frame.groupby(keys, sort=True).size().reset_index(name="count")
    return CaptureHistories.from_frequency_table(table, lists=list(lists), strata=strata, source=source)
