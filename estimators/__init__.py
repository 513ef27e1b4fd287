"""removals: estimate how many people overlapping lists miss (multiple systems estimation).

Public API
----------
CaptureHistories : the one capture-history data type.
EstimateResult, Status : the one result type and its status enum.
estimate : fit a catalogued method by name.
methods : the catalogue (``methods.available()``, ``methods.create(name, ...)``).
search_models : log-linear model search with its full comparison table.

Layers (each imports only from the layers above it in this list)
-----------------------------------------------------------------
1. core: ``exceptions``, ``seeds``, ``_format``, ``cells``, ``validation``, ``results``,
   ``posterior``, ``histories``, ``data``, ``executor``, ``combine``, ``base``;
2. method families: ``classical``, ``loglinear/``, ``bayes/``;
3. ``methods`` (the catalogue);
4. ``linkage/`` (raw lists -> capture histories; linkage replicates);
5. ``studies/`` (comparisons, coverage, sensitivity, example data, the main job);
6. ``plotting``; 7. ``reporting/``; 8. ``cli/``.

``tests/test_layers.py`` checks the order.  The names above are imported lazily, so
``import estimators`` (and the CLI) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._lazy import lazy_attributes

__version__ = "0.1.0"

if TYPE_CHECKING:
    from . import methods
    from .exceptions import (
        BoundaryWarning,
        ConvergenceWarning,
        DataIntegrityError,
        DiagnosticsWarning,
        InputError,
        RemovalsWarning,
        SettingsError,
    )
    from .histories import CaptureHistories
    from .loglinear.estimators import ModelSearch, search_models
    from .results import EstimateResult, Status

_LAZY = {
    "BoundaryWarning": "exceptions",
    "ConvergenceWarning": "exceptions",
    "DataIntegrityError": "exceptions",
    "DiagnosticsWarning": "exceptions",
    "InputError": "exceptions",
    "RemovalsWarning": "exceptions",
    "SettingsError": "exceptions",
    "CaptureHistories": "histories",
    "EstimateResult": "results",
    "Status": "results",
    "ModelSearch": "loglinear.estimators",
    "search_models": "loglinear.estimators",
}


_lazy_attribute = lazy_attributes(__name__, _LAZY)


def __getattr__(name: str) -> Any:
    if name == "methods":
        import importlib

        return importlib.import_module(".methods", __name__)
    return _lazy_attribute(name)


def estimate(histories: CaptureHistories, method: str = "loglinear", **options: Any) -> EstimateResult:
    """Fit the catalogued method ``method`` with keyword ``options`` (see its spec)."""
    from .methods import create

    return create(method, **options).fit(histories)


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
    "SettingsError",
    "Status",
    "estimate",
    "methods",
    "search_models",
    "__version__",
]
