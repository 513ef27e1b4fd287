"""Linkage summary: aggregates only (pairs by probability band, cluster sizes, flags).

No name, date or record id enters a summary.  In outputs marked public, counts from 1
to ``min_cell - 1`` (default 5) are suppressed (shown as ``"<5"``), because a small cell
of a table of children can identify a child.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import RemovalsWarning


class ImplausibleClusterWarning(RemovalsWarning):
    """Some clusters hold more records than one child plausibly has (chained false links)."""

__all__ = [
    "BANDS",
    "LinkageSummary",
    "ImplausibleClusterWarning",
    "summarise",
    "suppress_small_cells",
    "DEFAULT_MIN_CELL",
]

DEFAULT_MIN_CELL = 5
#: Lower edges of the match-probability bands of the summary (the last band ends at 1).
BANDS = (0.01, 0.1, 0.5, 0.8, 0.9, 0.95, 0.99)


def suppress_small_cells(value: int, min_cell: int = DEFAULT_MIN_CELL) -> int | str:
    """``value`` unless ``0 < value < min_cell``, then the string ``"<min_cell"``.

    Examples
    --------
    >>> suppress_small_cells(3), suppress_small_cells(0), suppress_small_cells(12)
    ('<5', 0, 12)
    """
    if min_cell < 1:
        raise ValueError(f"min_cell must be >= 1; got {min_cell}")
    v = int(value)
    return f"<{min_cell}" if 0 < v < min_cell else v


@dataclass(frozen=True)
class LinkageSummary:
    """Aggregate description of one linkage.

    Attributes
    ----------
    lists : list names.
    records : records per list.
    threshold : match probability at or above which pairs are linked.
    pairs : DataFrame ``band_lower, band_upper, within_list, across_lists``: scored pairs
        per probability band (within one list = candidate duplicates).
    cluster_sizes : DataFrame ``size, clusters``.
    max_cluster_size : clusters larger than this are flagged as implausible.
    flagged_clusters, flagged_records : number of flagged clusters and their records.
    children : number of clusters (distinct children observed).
    duplicates_merged : records merged into another record of the same list.
    seed : seed of the linkage.
    """

    lists: tuple[str, ...]
    records: dict[str, int]
    threshold: float
    pairs: pd.DataFrame
    cluster_sizes: pd.DataFrame
    max_cluster_size: int
    flagged_clusters: int
    flagged_records: int
    children: int
    duplicates_merged: int
    seed: int

    def to_dict(self, *, public: bool = False, min_cell: int = DEFAULT_MIN_CELL) -> dict[str, Any]:
        """JSON-ready dict; ``public=True`` suppresses cells below ``min_cell``."""

        def c(v: Any) -> Any:
            return suppress_small_cells(int(v), min_cell) if public else int(v)

        return {
            "lists": list(self.lists),
            "records": {k: c(v) for k, v in self.records.items()},
            "threshold": self.threshold,
            "children_observed": c(self.children),
            "duplicates_merged": c(self.duplicates_merged),
            "pairs_by_probability": [
                {"band": [float(r["band_lower"]), float(r["band_upper"])], "within_list": c(r["within_list"]),
                 "across_lists": c(r["across_lists"])}
                for r in self.pairs.to_dict("records")
            ],
            "cluster_sizes": [{"size": int(r["size"]), "clusters": c(r["clusters"])}
                              for r in self.cluster_sizes.to_dict("records")],
            "max_plausible_cluster_size": self.max_cluster_size,
            "flagged_clusters": c(self.flagged_clusters),
            "flagged_records": c(self.flagged_records),
            "public": public,
            "min_cell": min_cell if public else None,
            "seed": self.seed,
        }

    def render(self, *, public: bool = False, min_cell: int = DEFAULT_MIN_CELL) -> str:
        """Readable text (aggregates only)."""
        d = self.to_dict(public=public, min_cell=min_cell)
        lines = [f"linkage of {len(self.lists)} lists at match probability >= {self.threshold:g}"
                 + (f" (public: cells below {min_cell} suppressed)" if public else "")]
        lines.append("records: " + ", ".join(f"{k} {v}" for k, v in d["records"].items()))
        lines.append(f"children observed: {d['children_observed']}; within-list duplicates merged: "
                     f"{d['duplicates_merged']}")
        lines.append("scored pairs by match probability:   within list   across lists")
        for row in d["pairs_by_probability"]:
            lo, hi = row["band"]
            close = "]" if hi >= 1 else ")"
            lines.append(f"  [{lo:.2f}, {hi:.2f}{close}{'':<18}{row['within_list']!s:>11}{row['across_lists']!s:>15}")
        lines.append("cluster sizes: " + ", ".join(f"{r['size']}: {r['clusters']}" for r in d["cluster_sizes"]))
        flag = d["flagged_clusters"]
        lines.append(f"implausibly large clusters (> {self.max_cluster_size} records): {flag}"
                     + (f" ({d['flagged_records']} records) - review them" if flag not in (0, "0") else ""))
        return "\n".join(lines)


def summarise(
    labels: np.ndarray,
    node_list: np.ndarray,
    lists: Sequence[str],
    node_l: np.ndarray,
    node_r: np.ndarray,
    probability: np.ndarray,
    *,
    threshold: float,
    max_cluster_size: int | None,
    seed: int,
) -> LinkageSummary:
    """Summarise a clustering and its scored pairs (see :class:`LinkageSummary`)."""
    labels = np.asarray(labels)
    node_list = np.asarray(node_list)
    k = len(lists)
    limit = max_cluster_size if max_cluster_size is not None else 2 * k
    within = node_list[node_l] == node_list[node_r]
    edges = np.array([*BANDS, 1.0 + 1e-12])
    band = np.searchsorted(edges, probability, side="right") - 1
    rows = []
    for b in range(len(BANDS)):
        sel = band == b
        rows.append({"band_lower": edges[b], "band_upper": min(edges[b + 1], 1.0),
                     "within_list": int((sel & within).sum()), "across_lists": int((sel & ~within).sum())})
    sizes = np.bincount(labels) if labels.size else np.zeros(0, dtype=np.int64)
    size_counts = pd.Series(sizes).value_counts().sort_index()
    cluster_sizes = pd.DataFrame({"size": size_counts.index.astype(int), "clusters": size_counts.to_numpy(dtype=int)})
    flagged = sizes > limit
    distinct = len(pd.DataFrame({"c": labels, "l": node_list}).drop_duplicates())
    return LinkageSummary(
        lists=tuple(lists),
        records={name: int((node_list == i).sum()) for i, name in enumerate(lists)},
        threshold=float(threshold),
        pairs=pd.DataFrame(rows),
        cluster_sizes=cluster_sizes,
        max_cluster_size=int(limit),
        flagged_clusters=int(flagged.sum()),
        flagged_records=int(sizes[flagged].sum()),
        children=int(len(sizes)),
        duplicates_merged=int(len(labels) - distinct),
        seed=int(seed),
    )
