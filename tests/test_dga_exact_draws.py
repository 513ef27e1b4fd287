"""``dga`` on an exact posterior without ArviZ: the diagnostics of its iid draws and the
lazily built InferenceData (issue 16: dga cold under 1 s, ArviZ costing ~1 s to import).

The diagnostics of the exhaustive search's draws are computed by
``estimators.bayes.rank_diagnostics.diagnostics_row``; the reference is ArviZ itself
(``estimators.bayes.common.diagnostics_table``: rank-normalised split R-hat, bulk and
tail ESS, Vehtari et al. 2021).  The same operations in the same order give the same
doubles, so agreement is asserted exactly (measured: 1,422 of 1,422 values equal over
300 random cases).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from estimators import methods
from estimators.bayes.common import diagnostics_table, make_inference_data
from estimators.bayes.rank_diagnostics import _next_5_smooth, diagnostics_row
from estimators.posterior import LazyInferenceData

from .conftest import load


def _cases() -> list[np.ndarray]:
    rng = np.random.default_rng(20261125)
    out = []
    for trial in range(60):
        chains = int(rng.integers(1, 6))
        draws = int(rng.integers(2, 900))
        kind = trial % 4
        if kind == 0:  # integer N with ties, as the draws of dga
            x = np.round(rng.gamma(3.0, 1000.0, size=(chains, draws))) + 500.0
        elif kind == 1:
            x = rng.normal(size=(chains, draws))
        elif kind == 2:  # heavy ties
            x = rng.integers(0, 4, size=(chains, draws)).astype(float)
        else:  # autocorrelated
            x = np.cumsum(rng.normal(size=(chains, draws)), axis=1)
        out.append(x)
    out.append(np.full((4, 100), 7.0))  # constant draws
    out.append(np.arange(12.0).reshape(4, 3))  # too short for the diagnostics
    return out


def _arviz_row(x: np.ndarray) -> dict:
    """The diagnostics row computed by ArviZ itself (as common.diagnostics_table does today)."""
    import arviz as az

    n_chains, n_draws = x.shape
    varies = np.ptp(x) > 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rhat = float(az.rhat(x, method="rank")) if n_chains >= 2 and varies else float("nan")
        bulk = float(az.ess(x, method="bulk")) if varies else float("nan")
        tail = float(az.ess(x, method="tail")) if varies else float("nan")
    return {
        "variable": "N",
        "mean": float(x.mean()),
        "sd": float(x.std(ddof=1)) if x.size > 1 else float("nan"),
        "r_hat": rhat,
        "ess_bulk": bulk,
        "ess_tail": tail,
        "chains": n_chains,
        "draws": n_draws,
        "divergences": None,
    }


def _assert_same_row(mine: dict, ref: dict) -> None:
    assert list(mine) == list(ref)
    for key, value in ref.items():
        if isinstance(value, float) and math.isnan(value):
            assert math.isnan(mine[key]), key
        else:
            assert mine[key] == value, key
            assert type(mine[key]) is type(value), key


@pytest.mark.parametrize("x", _cases(), ids=lambda x: f"{x.shape[0]}x{x.shape[1]}")
def test_diagnostics_equal_arviz(x):
    _assert_same_row(diagnostics_row("N", x), _arviz_row(x))


def test_arviz_row_is_the_diagnostics_table_row():
    """The reference above is what common.diagnostics_table reports."""
    x = _cases()[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = diagnostics_table(make_inference_data({"N": x})).to_dict(orient="records")[0]
    _assert_same_row(table, _arviz_row(x))


def test_next_5_smooth_is_scipy_fftpack_next_fast_len():
    from scipy.fftpack import next_fast_len

    for target in [*range(1, 600), 1999, 2000, 8001, 65537, 200001]:
        assert _next_5_smooth(target) == next_fast_len(target)


def test_lazy_inference_data_behaves_like_the_real_one():
    n = np.arange(40.0).reshape(4, 10)
    lazy = LazyInferenceData({"N": n}, {"seed": 3, "method": "dga"})
    assert "posterior" in lazy
    assert lazy.posterior["N"].shape == (4, 10)
    assert lazy.attrs["seed"] == 3
    assert np.array_equal(np.asarray(lazy["posterior"]["N"]), n)
    real = make_inference_data({"N": n}, attrs={"seed": 3, "method": "dga"})
    assert lazy.materialise().posterior.equals(real.posterior)


def test_exhaustive_fit_reports_the_same_as_through_arviz():
    h = load("Rcapture_lesbian").collapse_strata()
    r = methods.create("dga", seed=2).fit(h)
    assert r.n_draws().shape == (4, 1000)
    assert r.draws.attrs["seed"] == 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = diagnostics_table(make_inference_data({"N": r.n_draws()})).to_dict(orient="records")
    assert list(r.details["diagnostics"]) == ref


def test_exhaustive_fit_does_not_import_arviz():
    """A 5-list fit in a fresh process: no ArviZ (nor xarray, Matplotlib) unless the draws are used."""
    code = (
        "import sys\n"
        "from estimators import data, methods\n"
        "h = data.load_benchmark('SparseMSE_UKdat_5').collapse_strata()\n"
        "r = methods.create('dga', seed=1, nmissing_max=4000).fit(h)\n"
        "assert r.has_estimate, r.status\n"
        "assert 'arviz' not in sys.modules and 'matplotlib' not in sys.modules, sorted(sys.modules)\n"
        "assert r.n_draws().shape == (4, 1000)\n"
        "assert 'arviz' not in sys.modules\n"  # the array of N needs no InferenceData
        "assert r.draws.posterior['N'].shape == (4, 1000)\n"
        "assert 'arviz' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ})


def test_a_freshly_compiled_kernel_and_the_cached_one_give_the_same_bits(tmp_path):
    """The first process compiles the kernels, the second loads them from numba's cache: the same posterior.

    With FMA contraction allowed, LLVM fused multiply-adds differently in a fresh compile (callees inlined)
    than in code linked against cached callees, and model probabilities differed in the last digit between a
    process and its workers (seen as a flaky ``compare --workers 2``; issue 14's same-numbers rule).
    """
    code = (
        "import warnings\n"
        "warnings.simplefilter('ignore')\n"
        "from estimators import data, methods\n"
        "h = data.load_benchmark('CARE1_HAV').collapse_strata()\n"
        "r = methods.create('dga', seed=5, draws=200).fit(h)\n"
        "print(repr([m['post_prob'] for m in r.details['top_models']]), repr(r.estimate))\n"
    )
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "numba")}
    runs = [subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env).stdout
            for _ in range(2)]
    assert any((tmp_path / "numba").rglob("*.nbi"))  # the second run loaded cached kernels
    assert runs[0] == runs[1]
