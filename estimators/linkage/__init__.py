"""Record linkage: raw lists -> standardised keys -> Splink model -> clusters -> capture histories.

Pipeline (DOMAIN.md, "Record linkage before estimation"): standardise
(:mod:`.standardise`, :mod:`.places`, :mod:`.gazetteer`) -> neutralise fields that act as
a list label (:mod:`.fields`) -> block and compare in Splink (:mod:`.comparisons`) ->
bounded EM with a sibling class (:mod:`.em`), calibrated prior, checks (:mod:`.checks`),
scoring (:mod:`.model`) -> clusters under a one-record-per-list constraint
(:mod:`.cluster`; implausibly large clusters flagged: :mod:`.summary`) -> one record per
child per list (:mod:`.histories`).  :mod:`.files` writes the capture histories and a
sidecar of numbered records and match probabilities, from which :mod:`.replicates` draws
plausible linkages to carry linkage uncertainty into the estimate.  :mod:`.review` draws
pairs for clerical review and reads the decisions back.  :mod:`.synthetic` generates
SYNTHETIC lists with realistic recording errors for tests and benchmarks.
:mod:`.backends` builds Splink's database for the model: DuckDB (embedded) or Spark
(:func:`spark_session`, optional extra ``removals[spark]``).

Public API
----------
:func:`link_lists`, :class:`LinkageSettings`, :class:`LinkageResult`,
:func:`read_lists`, :func:`read_linkage`, :func:`estimate_with_linkage_replicates`,
:func:`generate_lists`, :func:`review_sample`, :func:`write_review`, :func:`read_labels`,
:func:`review_estimates`, :func:`link_with_labels`, :func:`spark_session`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .backends import spark_session
    from .files import LinkageData, read_linkage
    from .model import LinkageSettings, LinkageWarning
    from .pipeline import LinkageResult, link_lists
    from .replicates import estimate_with_linkage_replicates
    from .review import link_with_labels, read_labels, review_estimates, review_sample, write_review
    from .schema import read_list, read_lists
    from .summary import ImplausibleClusterWarning, LinkageSummary
    from .synthetic import generate_lists

# Submodules are imported on first use (PEP 562), so that importing one of them, e.g.
# ``estimators.linkage.files`` to read capture histories, does not load Splink and the rest.
_LAZY = {
    "ImplausibleClusterWarning": "summary",
    "LinkageData": "files",
    "LinkageResult": "pipeline",
    "LinkageSettings": "model",
    "LinkageSummary": "summary",
    "LinkageWarning": "model",
    "estimate_with_linkage_replicates": "replicates",
    "generate_lists": "synthetic",
    "link_lists": "pipeline",
    "link_with_labels": "review",
    "read_labels": "review",
    "read_linkage": "files",
    "read_list": "schema",
    "read_lists": "schema",
    "review_estimates": "review",
    "review_sample": "review",
    "spark_session": "backends",
    "write_review": "review",
}


__getattr__ = lazy_attributes(__name__, _LAZY)


__all__ = [
    "ImplausibleClusterWarning",
    "LinkageData",
    "LinkageResult",
    "LinkageSettings",
    "LinkageSummary",
    "LinkageWarning",
    "estimate_with_linkage_replicates",
    "generate_lists",
    "link_lists",
    "link_with_labels",
    "read_linkage",
    "read_labels",
    "read_list",
    "read_lists",
    "review_estimates",
    "review_sample",
    "spark_session",
    "write_review",
]
