"""Record linkage: raw lists -> standardised keys -> Splink model -> clusters -> capture histories.

Pipeline (DOMAIN.md, "Record linkage before estimation"): standardise
(:mod:`.standardise`) -> block, compare, classify with a Fellegi-Sunter model trained by
EM in Splink (:mod:`.model`) -> cluster (connected components at a threshold, with
implausibly large clusters flagged: :mod:`.summary`) -> one record per child per list
(:mod:`.histories`).  :mod:`.files` writes the capture histories and a sidecar of
numbered records and match probabilities, from which :mod:`.replicates` draws plausible
linkages to carry linkage uncertainty into the estimate.  :mod:`.synthetic` generates
SYNTHETIC lists with realistic recording errors for tests and benchmarks.
:mod:`.backends` builds Splink's database for the model: DuckDB (embedded) or Spark
(:func:`spark_session`, optional extra ``removals[spark]``).

Public API
----------
:func:`link_lists`, :class:`LinkageSettings`, :class:`LinkageResult`,
:func:`read_lists`, :func:`read_linkage`, :func:`estimate_with_linkage_replicates`,
:func:`generate_lists`, :func:`spark_session`.
"""

from .backends import spark_session
from .files import LinkageData, read_linkage
from .model import LinkageSettings, LinkageWarning
from .pipeline import LinkageResult, link_lists
from .replicates import estimate_with_linkage_replicates
from .schema import read_list, read_lists
from .summary import ImplausibleClusterWarning, LinkageSummary
from .synthetic import generate_lists

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
    "read_linkage",
    "read_list",
    "read_lists",
    "spark_session",
]
