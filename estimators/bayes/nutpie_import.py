"""nutpie without ArviZ until ArviZ is needed, and nutpie's raw traces as NumPy arrays.

nutpie 0.16 imports ArviZ at import time (``nutpie/sample.py``), but uses it only to name
its return type in annotations and, after sampling, to convert the trace.  Importing
ArviZ costs about 1.5 s in a fresh process (it imports Matplotlib, ``scipy.stats`` and
compiles a numba ufunc), three quarters of a warm ``bayes-loglinear`` fit (issue 16.4).

:func:`import_nutpie` imports nutpie with a stand-in for ArviZ
(:class:`_DeferredArviz`): during nutpie's import the stand-in answers
``arviz.InferenceData`` with a placeholder class of that name (it only appears in the
return annotations of ``nutpie.sample``), and any other use of
it, then or later, imports the real ArviZ and is answered by it.  The stand-in leaves
``sys.modules`` as soon as nutpie is imported, so ``import arviz`` anywhere else gets
the real module.  If ArviZ or nutpie is already imported, nothing is deferred; if the
deferred import fails for any reason, nutpie is imported the ordinary way.  A window
remains: another thread that imports ArviZ while nutpie is being imported gets the
stand-in (whose attributes, ``__version__`` and ``__path__`` included, come from the real
ArviZ), and during that window ``arviz.InferenceData`` is the placeholder.

:func:`raw_trace_arrays` turns ``nutpie.sample(..., return_raw_trace=True)`` into the
same arrays nutpie's own conversion would put in the InferenceData (posterior draws and
per-draw sampler statistics, warm-up rows dropped), so the fit never needs ArviZ; the
result holds them as a :class:`~estimators.posterior.LazyInferenceData`.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["import_nutpie", "raw_trace_arrays"]

_LOCK = threading.Lock()


class _DeferredArviz(types.ModuleType):
    """Stands in for ArviZ inside nutpie until nutpie first really uses it."""

    #: Module dunders answered by the real ArviZ (another thread may import ArviZ while the
    #: stand-in is in ``sys.modules``, during nutpie's import); the others are refused, as for a
    #: plain module, so that the import machinery and copy/pickle probes see a module.
    _FORWARDED = frozenset({"__version__", "__file__", "__path__", "__all__"})

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name not in self._FORWARDED:
            raise AttributeError(name)
        if sys.modules.get("arviz") is self:  # asked while nutpie is still being imported
            del sys.modules["arviz"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            real = importlib.import_module("arviz")
        return getattr(real, name)


class _InferenceDataName:
    """Names ``arviz.InferenceData`` in nutpie's return annotations (never instantiated)."""

    __module__ = "arviz"
    __qualname__ = "InferenceData"


def import_nutpie() -> Any:
    """Import nutpie, deferring its import of ArviZ (see the module docstring)."""
    with _LOCK:
        if "nutpie" in sys.modules or "arviz" in sys.modules:
            return _plain_import()
        stand_in = _DeferredArviz("arviz", "ArviZ, imported by nutpie on first use (estimators.bayes.nutpie_import)")
        stand_in.InferenceData = _InferenceDataName  # type: ignore[attr-defined]
        sys.modules["arviz"] = stand_in
        try:
            import nutpie
        except Exception:  # noqa: BLE001 - fall back to the ordinary import below
            for name in [m for m in sys.modules if m == "nutpie" or m.startswith("nutpie.")]:
                del sys.modules[name]
            nutpie = None
        finally:
            if sys.modules.get("arviz") is stand_in:
                del sys.modules["arviz"]
            del stand_in.InferenceData  # from now on every attribute comes from the real ArviZ
        return nutpie if nutpie is not None else _plain_import()


def _plain_import() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        import nutpie
    return nutpie


def raw_trace_arrays(trace: Any) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, list[str]]]:
    """(posterior, sample_stats, dims) of a raw nutpie trace, warm-up draws dropped.

    Arrays are shaped ``(chains, draws, *item_shape)`` as in nutpie's own conversion
    (``nutpie.sample._arrow_to_arviz``); a chain with fewer draws is padded with NaN (float)
    or zero.  Sampler statistics with a value per parameter (gradients, mass matrix,
    divergence locations: only stored when asked for) are left out.
    """
    import pyarrow

    draw_batches, stat_batches = trace.get_arrow_trace()
    keep = [~pyarrow.array(stat.column("tuning")).to_numpy(zero_copy_only=False).astype(bool) for stat in stat_batches]
    dims: dict[str, list[str]] = {}
    posterior = _stack(draw_batches, keep, dims, scalar_only=False)
    stats = _stack(stat_batches, keep, {}, scalar_only=True)
    return posterior, stats, dims


def _stack(batches: list[Any], keep: list[np.ndarray], dims: dict[str, list[str]], *,
           scalar_only: bool) -> dict[str, np.ndarray]:
    import pyarrow

    n_chains = len(batches)
    length = max((int(k.sum()) for k in keep), default=0)
    out: dict[str, np.ndarray] = {}
    for chain, (batch, rows) in enumerate(zip(batches, keep, strict=True)):
        for name in batch.column_names:
            meta: Mapping[bytes, bytes] = batch.schema.field(name).metadata or {}
            shape = tuple(int(s) for s in meta[b"shape"].decode().split(",")) if meta.get(b"shape") else ()
            col = pyarrow.array(batch.column(name))
            nested = hasattr(col, "flatten")
            if nested and scalar_only:
                continue
            present = ~col.is_null().to_numpy(zero_copy_only=False).astype(bool)
            flat = (col.flatten() if nested else col.drop_null()).to_numpy(zero_copy_only=False)
            fill = np.nan if np.issubdtype(flat.dtype, np.floating) else 0
            full = np.full((len(col), *shape), fill, dtype=flat.dtype)
            full[present] = flat.reshape((int(present.sum()), *shape))  # a missing row stays NaN, as in nutpie
            values = full[rows]
            if name not in out:
                out[name] = np.full((n_chains, length, *shape), fill, dtype=values.dtype)
                if meta.get(b"dims"):
                    dims[name] = meta[b"dims"].decode().split(",")
            out[name][chain, : len(values)] = values
    return out
