"""loglinear options that carry model-selection uncertainty: AIC averaging and the re-selecting bootstrap."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from estimators import estimate, search_models
from estimators.loglinear.averaging import average
from estimators.studies.grid import DESIGNS


def _table(rows):
    return pd.DataFrame(rows, columns=["terms", "estimate", "lower", "upper", "stderr", "aic", "bic", "status"])


def test_one_model_average_is_that_model():
    n, m, s = 400.0, 100.0, 0.2
    z = stats.norm.ppf(0.975)
    t = _table([["main", n + m, n + m * math.exp(-z * s), n + m * math.exp(z * s), 25.0, 10.0, 12.0, "ok"],
                ["x", n + 500, n + 400, n + 600, 50.0, 40.0, 44.0, "ok"],  # weight exp(-15): < 1e-6, left out
                ["y", math.nan, math.nan, math.nan, math.nan, 5.0, 5.0, "mle_does_not_exist"]])
    a = average(t, n)
    assert a.estimate == pytest.approx(n + m) and a.stderr == pytest.approx(25.0)
    assert (a.lower, a.upper) == pytest.approx((n + m * math.exp(-z * s), n + m * math.exp(z * s)))
    assert len(a.weights) == 1 and a.dropped_weight == pytest.approx(math.exp(-15) / (1 + math.exp(-15)))


def test_two_models_buckland_estimate_se_and_mata_limits():
    n = 1000.0
    z = stats.norm.ppf(0.975)
    # equal AIC: weights 1/2 each
    rows = [["a", n + 200, n + 200 * math.exp(-z * 0.1), n + 200 * math.exp(z * 0.1), 20.0, 7.0, 7.0, "ok"],
            ["b", n + 300, n + 300 * math.exp(-z * 0.1), n + 300 * math.exp(z * 0.1), 30.0, 7.0, 7.0, "ok"]]
    a = average(_table(rows), n)
    assert a.estimate == pytest.approx(n + 250)
    # Buckland et al. (1997): sum w sqrt(var + (N_i - N_bar)^2)
    assert a.stderr == pytest.approx(0.5 * math.sqrt(400 + 2500) + 0.5 * math.sqrt(900 + 2500))
    # MATA: the lower limit's mixture tail is 2.5%
    tail = 0.5 * stats.norm.sf((math.log(a.lower - n) - math.log(200)) / 0.1) \
        + 0.5 * stats.norm.sf((math.log(a.lower - n) - math.log(300)) / 0.1)
    assert tail == pytest.approx(0.975, abs=1e-8)
    # each limit lies between the two models' own limits (a mixture, not a union)
    assert n + 200 * math.exp(-z * 0.1) < a.lower < n + 300 * math.exp(-z * 0.1)
    assert n + 200 * math.exp(z * 0.1) < a.upper < n + 300 * math.exp(z * 0.1)


def test_averaging_option_weights_the_search_table():
    h = DESIGNS["referral_4_N2000"].simulate(np.random.default_rng(11)).histories
    s = search_models(h, interval="wald")
    ok = s.table[(s.table["status"] == "ok") & s.table["upper"].notna()]
    w = np.exp(-0.5 * (ok["aic"] - ok["aic"].min()))
    w = w[w / w.sum() >= 1e-6]
    expected = float(np.sum(w * ok.loc[w.index, "estimate"]) / w.sum())
    r = estimate(h, "loglinear", averaging="aic")
    assert r.status.value == "ok" and r.estimate == pytest.approx(expected, rel=1e-9)
    assert r.lower < r.estimate < r.upper
    assert r.details["averaging"]["n_averaged"] == len(w)
    assert "model-selection uncertainty" in r.messages[0]


def test_bootstrap_reselect_is_seeded_and_reports_selection_spread():
    h = DESIGNS["indep_4_N500"].simulate(np.random.default_rng(4)).histories
    a = estimate(h, "loglinear", interval="bootstrap-reselect", reselect_replicates=40, seed=9)
    b = estimate(h, "loglinear", interval="bootstrap-reselect", reselect_replicates=40, seed=9)
    c = estimate(h, "loglinear", interval="bootstrap-reselect", reselect_replicates=40, seed=10)
    plain = estimate(h, "loglinear")
    assert (a.lower, a.upper) == (b.lower, b.upper) and (a.lower, a.upper) != (c.lower, c.upper)
    assert a.estimate == plain.estimate  # the point is the selected model's
    assert h.n <= a.lower < a.estimate < a.upper
    boot = a.details["bootstrap"]
    assert boot["replicates"] == 40 and boot["search"] == "exhaustive" and boot["distinct_models_selected"] >= 1
    assert sum(c for _, c in boot["top_models"]) <= 40
    assert a.details["profile_interval"] == [plain.lower, plain.upper]


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"averaging": "bic"}, "averaging must be"),
        ({"interval": "bootstrap"}, "interval must be"),
        ({"interval": "bootstrap-reselect", "reselect_replicates": 5}, "reselect_replicates"),
        ({"model": "L1:L2", "averaging": "aic"}, "searched model"),
        ({"averaging": "aic", "interval": "bootstrap-reselect"}, "choose one"),
    ],
)
def test_bad_selection_options_are_rejected(options, match):
    h = DESIGNS["indep_4_N500"].simulate(np.random.default_rng(1)).histories
    with pytest.raises(ValueError, match=match):
        estimate(h, "loglinear", **options)
