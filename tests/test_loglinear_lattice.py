"""The exhaustive search's compiled IRLS on the subset lattice, against the batched numpy IRLS.

``estimators.loglinear.lattice.fit_lattice`` runs the iteration of
``estimators.loglinear.fit.fit_batch`` (R's glm start, IRLS steps, relative change of
the deviance below 1e-10) with X'WX, X'Wz and X beta computed as zeta transforms over
the 2^k list subsets and a Cholesky solve.  For every model whose MLE exists and is
identifiable the two must agree to rounding: measured on the 90 benchmark searches
(exhaustive at maxorder 2 and R's maxorders, stepwise), estimates within 7e-11 and
deviances within 1.3e-11 relative; the tolerance below is 1e-9.  Models without an MLE
are not compared: their "fit" is the IRLS path towards the boundary, which the numpy
batch bent whenever another model of the same chunk made ``solve`` fall back to
``lstsq`` (UKdat_5 maxorder 4: deviance 0.106 instead of the supremum 0).

The search's other shortcuts are checked for equality with the direct computations:
identifiability and existence decided monotonically within a group of models (against a
rank and a linear program per model), and the names and labels of the two-way models
built from their membership bits (against ``rcapture_name`` / ``terms_label``).
"""

from __future__ import annotations

import numpy as np
import pytest

from estimators.loglinear import search as S
from estimators.loglinear.design import cell_patterns, design_matrix, rcapture_name, terms_label
from estimators.loglinear.existence import is_identifiable, mle_exists
from estimators.loglinear.fit import fit_batch
from estimators.loglinear.lattice import fit_lattice

from .conftest import load


def _setup(name: str, maxorder: int):
    h = load(name).collapse_strata()
    y, k = h.cell_counts(), h.k
    models, candidates, member = S.exhaustive_design(k, maxorder)
    X = design_matrix(cell_patterns(k), candidates)
    col, cells, bits, empty_bits, _ = S._model_arrays(member, candidates, k, y)
    return y, k, candidates, X, col, cells, bits, empty_bits


@pytest.mark.parametrize(
    ("name", "maxorder"),
    [("SparseMSE_UKdat_5", 2), ("SparseMSE_Western", 4), ("CARE1_Congenital", 3), ("SparseMSE_Artificial_3", 2)],
)
def test_lattice_irls_equals_batched_numpy_irls(name, maxorder):
    y, k, candidates, X, col, cells, bits, empty_bits = _setup(name, maxorder)
    new = fit_lattice(y, k, S._param_masks(candidates, k), col, cells)
    old = fit_batch(X, y, col, cells)
    exists, ident = S._existence(X, y, col, cells, bits, empty_bits)
    ok = exists & ident
    assert ok.sum() > 0
    np.testing.assert_array_equal(new["converged"][ok], old["converged"][ok])
    np.testing.assert_allclose(np.exp(new["beta0"][ok]), np.exp(old["beta"][ok, 0]), rtol=1e-9)
    np.testing.assert_allclose(new["var0"][ok], old["var0"][ok], rtol=1e-9)
    np.testing.assert_allclose(new["deviance"][ok], old["deviance"][ok], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(new["loglik"][ok], old["loglik"][ok], rtol=1e-9)


def test_parallel_and_serial_lattice_fits_are_identical():
    y, k, candidates, X, col, cells, *_ = _setup("SparseMSE_Western", 4)
    masks = S._param_masks(candidates, k)
    a = fit_lattice(y, k, masks, col, cells, parallel=False)
    b = fit_lattice(y, k, masks, col, cells, parallel=True)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])


@pytest.mark.parametrize(("name", "maxorder"), [("Rcapture_HIV", 3), ("SparseMSE_Artificial_3", 2), ("conting_ScotPWID", 3)])
def test_monotone_decisions_equal_one_check_per_model(name, maxorder):
    y, k, candidates, X, col, cells, bits, empty_bits = _setup(name, maxorder)
    exists, ident = S._existence(X, y, col, cells, bits, empty_bits)
    for b in range(len(bits)):
        A = X[np.ix_(cells[b], col[b])]
        if empty_bits[b] != 0:
            assert ident[b] == is_identifiable(A), b
        assert exists[b] == mle_exists(A, y[cells[b]]), b


@pytest.mark.parametrize("k", [3, 4, 5, 6])
def test_two_way_labels_from_bits_equal_the_direct_ones(k):
    models, candidates, member = S.exhaustive_design(k, 2)
    np.testing.assert_array_equal(member, S._membership(models, candidates))
    lists = [f"L{i}" for i in range(k)]
    names, labels = S._pair_labels(candidates, member, lists)
    step = max(1, len(models) // 2000)  # every model for k <= 5, a regular sample of 2,000+ for k = 6
    for b in range(0, len(models), step):
        assert names[b] == rcapture_name(models[b], k)
        assert labels[b] == terms_label(models[b], lists)


@pytest.mark.parametrize(("k", "maxorder"), [(4, 3), (5, 3), (5, 4)])
def test_labels_of_higher_order_models_equal_the_direct_ones(k, maxorder):
    models, candidates, member = S.exhaustive_design(k, maxorder)
    np.testing.assert_array_equal(member, S._membership(models, candidates))
    lists = [f"L{i}" for i in range(k)]
    names, labels = S.model_labels(models, lists)
    assert names == [rcapture_name(m, k) for m in models]
    assert labels == [terms_label(m, lists) for m in models]
