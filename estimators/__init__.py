"""removals: estimate how many people overlapping lists miss (multiple systems estimation).

Public API
----------
CaptureHistories : the one capture-history data type.
EstimateResult, Status : the one result type and its status enum.
estimate : fit a registered method by name.
registry : method lookup (``registry.available()``, ``registry.create(name, ...)``).
search_models : log-linear model search with its full comparison table.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

from . import registry  # noqa: E402
from .exceptions import (  # noqa: E402
    BoundaryWarning,
    ConvergenceWarning,
    DataIntegrityError,
    DiagnosticsWarning,
    InputError,
    RemovalsWarning,
)
from .histories import CaptureHistories  # noqa: E402
from .loglinear.estimators import ModelSearch, search_models  # noqa: E402
from .results import EstimateResult, Status  # noqa: E402


def estimate(histories: CaptureHistories, method: str = "loglinear", **options: Any) -> EstimateResult:
    """Fit the registered method ``method`` with keyword ``options`` (see its spec)."""
    return registry.create(method, **options).fit(histories)  # type: ignore[no-any-return]


__all__ = [
    "BoundaryWarning",
    "CaptureHistories",
    "ConvergenceWarning",
    "DataIntegrityError",
    "DiagnosticsWarning",
    "EstimateResult",
    "InputError",
    "ModelSearch",
    "RemovalsWarning",
    "Status",
    "estimate",
    "registry",
    "search_models",
    "__version__",
]
