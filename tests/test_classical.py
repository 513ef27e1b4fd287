"""Petersen, Chapman and Chao's lower bound against published outputs.

Sources (inputs and printed outputs):
* Hoehle, M. (2016-05-22) "Right or Wrong? - Validate Numbers Like a Boss", knitr
  output of CARE1 ``estN.pair`` (z = qnorm(0.975)): cells 10 = 12, 01 = 9, 11 = 6;
  Petersen 45.000000; Chapman 42.428571, se 9.151781, 95% CI 32.259669 - 72.257758
  (Chapman with Seber's variance and Chao's 1987 log-normal interval).
  Same post, SPECIES ``chao1984`` on f1 = 21, f2 = 6, S = 27: Nhat 64 (rounded),
  SE 22.78363, CI 39 - 139 (rounded by the package).
* Rcapture 1.3-1 saved example output (tests/Examples/Rcapture-Ex.Rout.save),
  Seber (1982, p. 107) data n1 = 948, n2 = 421, m = 167: ``closedp.t`` Mt 2389.9
  (se 130.4) = Lincoln-Petersen; ``closedp.bc`` Mt 2382.8 (se 129.1) = Chapman with
  Seber's variance; M0 2805.6 (se 164.1) = Chao's bound with (t-1)/t = 1/2.
  Printed to 0.1, hence abs tolerance 0.05.
* Same file, ``hare`` (t = 6): "Mh Chao (LB)" 79.8 (6.4) = Chao's bound with factor 5/6;
  ``ill`` (t = Inf): 9273.5 (662.6) = Chao's original bound (factor 1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from estimators import CaptureHistories, Status, estimate

from .conftest import load, reference


def two_lists(only1: int, only2: int, both: int) -> CaptureHistories:
    return CaptureHistories.from_frequency_table(
        pd.DataFrame({"L1": [1, 0, 1], "L2": [0, 1, 1], "count": [only1, only2, both]})
    )


def test_chapman_hoehle_care1():
    h = two_lists(12, 9, 6)
    r = estimate(h, "chapman")
    assert r.estimate == pytest.approx(42.428571, abs=5e-7)
    assert r.details["stderr"] == pytest.approx(9.151781, abs=5e-7)
    assert r.lower == pytest.approx(32.259669, abs=5e-6)
    assert r.upper == pytest.approx(72.257758, abs=5e-6)
    assert estimate(h, "petersen").estimate == pytest.approx(45.0, abs=1e-12)


def test_chao1984_species_output():
    r = estimate(two_lists(12, 9, 6), "chao", finite_lists_factor=False)
    assert round(r.estimate) == 64
    assert r.details["stderr"] == pytest.approx(22.78363, abs=5e-6)
    assert (round(r.lower), round(r.upper)) == (39, 139)


def test_seber_1982_two_list_example_rcapture():
    h = two_lists(948 - 167, 421 - 167, 167)
    pet = estimate(h, "petersen")
    assert pet.estimate == pytest.approx(2389.9, abs=0.05)
    assert pet.details["stderr"] == pytest.approx(130.4, abs=0.05)
    cha = estimate(h, "chapman")
    assert cha.estimate == pytest.approx(2382.8, abs=0.05)
    assert cha.details["stderr"] == pytest.approx(129.1, abs=0.05)
    lb = estimate(h, "chao")
    assert lb.estimate == pytest.approx(2805.6, abs=0.05)
    assert lb.details["stderr"] == pytest.approx(164.1, abs=0.05)


def test_chao_hare_rcapture_example():
    r = estimate(load("Rcapture_hare"), "chao")
    assert r.estimate == pytest.approx(79.8, abs=0.05)
    assert r.details["stderr"] == pytest.approx(6.4, abs=0.05)


def test_chao_ill_infinite_occasions():
    # f = (1645, 183, 37, 13, 1, 1), n = 1880; Rcapture closedp.0(ill, t = Inf).
    f = [1645, 183, 37, 13, 1, 1]
    k = 6
    rows = []
    for i, fi in enumerate(f, start=1):
        rows.append([1] * i + [0] * (k - i) + [fi])
    h = CaptureHistories.from_frequency_table(pd.DataFrame(rows, columns=[f"L{j}" for j in range(k)] + ["count"]))
    r = estimate(h, "chao", finite_lists_factor=False)
    assert r.estimate == pytest.approx(9273.5, abs=0.05)
    assert r.details["stderr"] == pytest.approx(662.6, abs=0.05)


@pytest.mark.parametrize("name", ["Rcapture_hare", "CARE1_Congenital", "CARE1_HAV", "Rcapture_lesbian"])
def test_chao_equals_rcapture_lb_model(name):
    """Chao's bound with (k-1)/k equals Rcapture's "Mh Chao (LB)" (closedp.t) where the
    LB model leaves f1 and f2 saturated (Rivest & Baillargeon 2007)."""
    ref = next(m for m in reference(name)["methods"] if m["method"] == "Mh Chao (LB)")
    r = estimate(load(name), "chao")
    assert r.estimate == pytest.approx(ref["estimate"], rel=1e-6)
    assert r.details["stderr"] == pytest.approx(ref["stderr"], rel=1e-4)


def test_zero_overlap_has_no_estimate():
    h = two_lists(10, 7, 0)
    for method in ("petersen", "chapman"):
        r = estimate(h, method)
        assert r.status == Status.MLE_DOES_NOT_EXIST
        assert r.estimate is None and r.lower is None and r.upper is None


def test_chao_needs_f2():
    h = CaptureHistories.from_frequency_table(
        pd.DataFrame({"A": [1, 0, 0], "B": [0, 1, 0], "C": [0, 0, 1], "count": [3, 4, 5]})
    )
    r = estimate(h, "chao")
    assert r.status == Status.INSUFFICIENT_DATA and r.estimate is None


def test_two_list_methods_refuse_three_lists():
    r = estimate(load("CARE1_HAV"), "chapman")
    assert r.status == Status.INSUFFICIENT_DATA
    assert "exactly 2 lists" in r.messages[0]


def test_lognormal_interval_contains_estimate_and_exceeds_n():
    r = estimate(two_lists(30, 40, 12), "chapman", level=0.9)
    assert r.observed < r.lower < r.estimate < r.upper
    assert np.isfinite(r.upper)


@pytest.mark.parametrize("method", ["petersen", "chapman"])
@pytest.mark.parametrize(("only1", "only2"), [(10, 0), (0, 10)])
def test_one_list_holding_the_other_gets_a_likelihood_interval(method, only1, only2):
    # Everyone on one list is on the other (m = n2 or m = n1): the variance formula gives 0
    # and used to print a zero-width "ok" interval [15, 15].  With N = 20 all 5 of the
    # smaller list fall inside the larger with probability C(15,5)/C(20,5) = 0.194 >
    # exp(-chi2_1(0.95)/2) = 0.147, so N = 20 must be inside; N = 22 (0.117) outside.
    r = estimate(two_lists(only1, only2, 5), method)
    assert r.status == Status.WARNING
    assert r.estimate == pytest.approx(15.0)
    assert r.lower == pytest.approx(15.0)
    assert 21.0 < r.upper < 21.1
    assert r.upper == pytest.approx(21.027641658536922, rel=1e-9)
    assert "holds every record" in r.messages[0] and "variance formula gives 0" in r.messages[0]
    assert "stderr" not in r.details
    assert r.details["interval"].startswith("hypergeometric likelihood ratio")


def test_boundary_interval_is_the_hypergeometric_likelihood_ratio_set():
    from scipy.stats import chi2, hypergeom

    from estimators.classical import hypergeometric_boundary_interval

    lo, hi = hypergeometric_boundary_interval(15, 5, 5, 0.95)
    assert lo == 15.0
    # at the (continuous) upper limit the likelihood ratio equals the cut; integers check it
    cut = np.exp(-chi2.ppf(0.95, 1) / 2)
    assert hypergeom(21, 15, 5).pmf(5) / hypergeom(15, 15, 5).pmf(5) > cut
    assert hypergeom(22, 15, 5).pmf(5) / hypergeom(15, 15, 5).pmf(5) < cut
    with pytest.raises(ValueError):
        hypergeometric_boundary_interval(15, 5, 4, 0.95)


def test_identical_lists_get_a_nonzero_width_interval():
    r = estimate(two_lists(0, 0, 7), "chapman")
    assert r.status == Status.WARNING
    assert r.lower == pytest.approx(7.0) and r.upper > 7.5


def test_chao_with_nobody_on_one_list_gives_no_zero_width_interval():
    # f1 = 0: the bound is n and the variance formula 0; it used to print [10, 10] "ok".
    h = CaptureHistories.from_frequency_table(
        pd.DataFrame({"A": [1, 1, 0], "B": [1, 1, 1], "C": [0, 1, 1], "count": [5, 3, 2]})
    )
    r = estimate(h, "chao")
    assert r.status == Status.WARNING
    assert r.estimate == 10.0 and r.lower == 10.0 and r.upper is None
    assert "f1 = 0" in r.messages[0] and "no upper limit" in r.messages[0]
    assert "stderr" not in r.details


def test_chao_with_everyone_on_three_lists_gives_the_bound_n_not_infinity():
    # f1 = f2 = 0 (everyone on all three lists): the bound is n, not "infinite" (f2 = 0 was checked first)
    h = CaptureHistories.from_frequency_table(pd.DataFrame({"A": [1], "B": [1], "C": [1], "count": [7]}))
    r = estimate(h, "chao")
    assert r.status == Status.WARNING and r.estimate == 7.0 and r.lower == 7.0 and r.upper is None
