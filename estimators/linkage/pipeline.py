"""Raw lists -> linkage -> capture histories and summary, in one call.

Examples
--------
>>> import tempfile
>>> from estimators.linkage.synthetic import generate_lists
>>> d = generate_lists(300, seed=1)
>>> with tempfile.TemporaryDirectory() as tmp:
...     result = link_lists(d.write(tmp), seed=2)
>>> result.histories.lists, result.settings.seed
(('list_a', 'list_b', 'list_c'), 2)
>>> result.histories.n == result.summary.children
True
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..histories import CaptureHistories
from ..seeds import resolve_seed
from .cluster import constrained_clusters, twin_pairs
from .files import LinkageData, write_linkage
from .histories import histories_from_clusters, node_strata
from .identifiable import counted_records
from .model import LinkageSettings, ScoredPairs, cluster_pairs, score_pairs
from .schema import RawList, read_named
from .summary import ImplausibleClusterWarning, LinkageSummary, expected_quality, summarise

__all__ = ["LinkageResult", "link_lists"]


@dataclass(frozen=True)
class LinkageResult:
    """Result of :func:`link_lists`.

    Attributes
    ----------
    histories : capture histories of the linkage at the threshold.
    summary : aggregate summary (no personal data).
    data : numbered records and scored pairs (the sidecar's content).
    settings : the settings used (with the resolved seed).
    scored : Splink's output (timings, trained parameters).
    labels : cluster of every record (node order); kept in memory only.
    """

    histories: CaptureHistories
    summary: LinkageSummary
    data: LinkageData
    settings: LinkageSettings
    scored: ScoredPairs
    labels: np.ndarray

    def write(self, out: str | os.PathLike[str], *, public: bool = False, min_cell: int = 5) -> list[Path]:
        """Write ``out`` (histories CSV) and its sidecar; see :mod:`.files`."""
        import splink

        meta: dict[str, Any] = {
            "splink_version": splink.__version__,
            "backend": self.settings.backend,
            "model": self.scored.parameters,
            "summary": self.summary.to_dict(public=public, min_cell=min_cell),
            "seconds": {k: round(v, 3) for k, v in self.scored.seconds.items()},
        }
        return write_linkage(out, self.data, self.histories, meta)


def link_lists(
    lists: Sequence[RawList | str | os.PathLike[str]],
    *,
    settings: LinkageSettings | None = None,
    strata: str | None = None,
    seed: int | None = None,
    spark_session: Any = None,
    fixed_m: Mapping[str, Sequence[float]] | None = None,
    dashboard: str | os.PathLike[str] | None = None,
) -> LinkageResult:
    """Link raw lists into capture histories.

    Parameters
    ----------
    lists : sequence of RawList or paths
        At least two lists (paths are read and validated by :func:`.schema.read_lists`;
        ``NAME=PATH`` names a list).
    settings : LinkageSettings, optional
        Threshold, backend, ... (default settings otherwise).
    strata : str, optional
        Stratify the histories by this column (one of
        :data:`.histories.STRATUM_COLUMNS`, e.g. ``origin_settlement``).
    seed : int, optional
        Overrides ``settings.seed``; recorded in the result.
    spark_session : optional
        For ``settings.backend == "spark"``.
    fixed_m : mapping, optional
        Comparison name -> m of each non-null level (top first), fixed instead of
        estimated (from clerical labels: :func:`.review.m_from_labels`).
    dashboard : path, optional
        Write Splink's comparison viewer dashboard there (HTML with folded names and
        dates: personal data, for authorised reviewers only).

    Returns
    -------
    LinkageResult

    Raises
    ------
    InputError
        On a schema violation in any list (file, row, column; never the value).

    References
    ----------
    Fellegi & Sunter (1969); Linacre et al. (2022), Splink; see :mod:`.model`.
    """
    paths = [x for x in lists if not isinstance(x, RawList)]
    read = iter([read_named(x) for x in paths])
    raw_lists: list[RawList] = [x if isinstance(x, RawList) else next(read) for x in lists]
    s = settings or LinkageSettings()
    seed_used = resolve_seed(seed if seed is not None else s.seed)
    s = replace(s, seed=seed_used)
    if len(raw_lists) < 2:
        raise ValueError("record linkage needs at least two lists")
    names = [r.name for r in raw_lists]
    if len(set(names)) != len(names):
        raise ValueError("list names must be distinct")
    scored = score_pairs(raw_lists, s, spark_session=spark_session, fixed_m=fixed_m, dashboard=dashboard)
    # twins (one list, same full birth date, different given names) are never one child
    twins = twin_pairs(scored.pairs, scored.node_list, scored.levels)
    if twins.any():
        scored = replace(scored, pairs=scored.pairs[~twins].reset_index(drop=True))
    p = scored.pairs
    node_l = p["node_l"].to_numpy(dtype=np.int64)
    node_r = p["node_r"].to_numpy(dtype=np.int64)
    prob = p["match_probability"].to_numpy(dtype=float)
    weight = p["match_weight"].to_numpy(dtype=float)
    if s.one_to_one:
        labels = constrained_clusters(scored.n, scored.node_list, node_l, node_r, weight, prob >= s.threshold)
    else:
        labels = cluster_pairs(scored.n, node_l, node_r, prob >= s.threshold)
    stratum = node_strata(raw_lists, strata) if strata else None
    # records too thin to link put no child on their list (.identifiable), unless kept
    counted, wholly_thin = (None, []) if s.keep_thin_records or scored.identifiable is None else counted_records(
        scored.identifiable, scored.node_list, scored.lists)
    histories = histories_from_clusters(
        labels, scored.node_list, scored.lists, node_stratum=stratum, stratum_column=strata, source="linkage",
        node_counted=counted,
    )
    precision, recall = expected_quality(labels, node_l, node_r, prob)
    summary = summarise(labels, scored.node_list, scored.lists, node_l, node_r, prob, threshold=s.threshold,
                        max_cluster_size=s.max_cluster_size, seed=seed_used,
                        model=scored.report.to_dict() if scored.report is not None else None,
                        expected_precision=precision, expected_recall=recall, twin_pairs=int(twins.sum()),
                        node_counted=counted, wholly_thin_lists=wholly_thin)
    if summary.flagged_clusters:
        warnings.warn(
            f"{summary.flagged_clusters} cluster(s) hold more than {summary.max_cluster_size} records "
            f"({summary.flagged_records} records in all): likely chains of false links; review them or raise "
            "the threshold",
            ImplausibleClusterWarning,
            stacklevel=2,
        )
    from .model import LinkageWarning

    for flag in summary.flags():
        warnings.warn(flag, LinkageWarning, stacklevel=2)
    data = LinkageData(
        lists=scored.lists, node_list=scored.node_list, node_stratum=stratum, stratum_column=strata,
        node_l=node_l, node_r=node_r, probability=prob, threshold=s.threshold, keep_above=s.keep_above,
        seed=seed_used, source="linkage", weight=weight, one_to_one=s.one_to_one, node_counted=counted,
    )
    return LinkageResult(histories=histories, summary=summary, data=data, settings=s, scored=scored, labels=labels)
