"""``removals compare`` and its API: every method side by side, internal consistency, drop one list.

Fast settings throughout: the sweep over every closed benchmark file leaves the samplers
out (one test runs them on one file with the ``fast`` budget), so the file stays well under
two minutes.  The run time of the ``standard`` budget is measured by ``bench/bench_compare.py``.
"""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pandas as pd
import pytest

from estimators import CaptureHistories, data
from estimators.cli import main
from estimators.exceptions import RemovalsWarning, SettingsError
from estimators.methods import available, create, get
from estimators.studies.compare import (
    BUDGETS,
    DISAGREEMENT_COLUMNS,
    FAMILIES,
    SUMMARY_COLUMNS,
    applicable_methods,
    compare,
    find_disagreements,
    method_specs,
)
from estimators.studies.consistency import CONSISTENCY_COLUMNS, internal_consistency, reference_population
from estimators.studies.consistency import SUMMARY_COLUMNS as CONSISTENCY_SUMMARY
from estimators.studies.coverage import simulate_independent_lists, simulate_latent_classes
from estimators.studies.main_job import NOT_CLOSED, closed_benchmarks
from estimators.studies.sensitivity import drop_one_list

SAMPLERS = ("dga", "lcm", "bayes-loglinear", "two-source")
JSON_KEYS = ["command", "lists", "observed", "level", "seed", "budget", "families_disagree", "messages", "methods",
             "disagreements", "consistency", "drop_one", "settings", "results"]


def bench(name: str) -> str:
    return str(data.verified_path(f"benchmarks/{name}.csv"))


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# ----------------------------------------------------------------------------- catalogue metadata
def test_every_method_states_its_assumption_and_family() -> None:
    for m in available():
        assert len(m.spec.assumption) > 40, f"{m.name} states no assumption in plain words"
        assert m.name in FAMILIES, f"{m.name} is in no family of estimators.studies.compare.FAMILIES"


def test_budget_settings_are_options_of_their_methods() -> None:
    """A renamed option would otherwise be dropped from the budget without notice."""
    for budget, per_method in BUDGETS.items():
        for name, settings in per_method.items():
            assert set(settings) <= set(get(name).options), (budget, name)
            create(name, **settings)  # valid values


def test_the_benchmark_sweep_excludes_the_robust_design_files() -> None:
    assert NOT_CLOSED == {"Rcapture_bunting", "Rcapture_duck", "Rcapture_mvole", "Rcapture_rbvole"}
    assert not set(closed_benchmarks()) & NOT_CLOSED


# ----------------------------------------------------------------------------- every benchmark file
@pytest.mark.parametrize("name", closed_benchmarks())
def test_compare_runs_on_every_closed_benchmark(name: str) -> None:
    h = data.load_benchmark(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RemovalsWarning)  # compare itself must not leak warnings
        c = compare(h, seed=3, budget="fast", exclude=SAMPLERS)
    pooled = h.collapse_strata()
    t = c.summary()
    expected = [m for m in applicable_methods(pooled.k) if m not in SAMPLERS]
    assert list(t.columns) == list(SUMMARY_COLUMNS)
    assert list(t["method"]) == expected
    assert (t["observed"] == pooled.n).all() and c.observed == pooled.n and c.lists == pooled.lists
    assert c.has_estimate
    has = t["estimate"].notna()
    assert (t.loc[has, "lower"] >= pooled.n - 1e-6).all()
    assert (t.loc[has, "lower"] <= t.loc[has, "estimate"] + 1e-6).all()
    bounded = has & t["upper"].notna()
    assert (t.loc[bounded, "estimate"] <= t.loc[bounded, "upper"] + 1e-6).all()
    assert t["status"].isin(["ok", "warning", "not_converged", "mle_does_not_exist", "not_identifiable",
                             "insufficient_data"]).all()
    assert (t.loc[~has, "status"] != "ok").all()
    # the numbers are the catalogued methods' own (same defaults as 'removals estimate'), except the
    # fast budget's stepwise search from six lists on
    for m in ("Mt", "chao") if pooled.k >= 3 else ("chao",):
        direct = create(m).fit(pooled)
        assert t.set_index("method").loc[m, "estimate"] == pytest.approx(direct.estimate, rel=1e-9)
    # drop one list: k + 1 rows per method, the first with every list
    assert c.drop_one is not None
    assert len(c.drop_one) == len(expected) * (pooled.k + 1)
    assert c.drop_one.groupby("method").size().eq(pooled.k + 1).all()
    # internal consistency: three-list methods can be checked from four lists on
    assert c.consistency is not None
    assert list(c.consistency.table.columns) == list(CONSISTENCY_COLUMNS)
    assert list(c.consistency.summary.columns) == list(CONSISTENCY_SUMMARY)
    mt = c.consistency.summary.set_index("method").loc["Mt"]
    if pooled.k == 3:
        assert mt["lists_checked"] == 0 and "needs at least 3 lists" in mt["note"]
    json.dumps(c.to_dict(), allow_nan=False)


# ----------------------------------------------------------------------------- samplers (one file)
def test_samplers_report_their_diagnostics() -> None:
    """Three lists, so the checks need no second PyMC compile (three-list methods cannot be checked)."""
    h = data.load_benchmark("CARE1_HAV")
    c = compare(h, seed=5, budget="fast", methods=["dga", "lcm", "bayes-loglinear", "Mt"])
    t = c.summary().set_index("method")
    for m in ("dga", "lcm", "bayes-loglinear"):
        assert t.loc[m, "r_hat"] >= 0.99 and t.loc[m, "ess_bulk"] > 0, m
        assert c.results[m].draws is not None
    assert pd.isna(t.loc["Mt", "r_hat"]) and t.loc["Mt", "model"] == "Mt"
    assert t.loc["bayes-loglinear", "divergences"] >= 0
    assert c.settings["lcm"]["extend"] is False and c.settings["lcm"]["draws"] == 1000
    assert (t["drop_one_fits"] == 0).all()  # two lists left: no three-list method applies
    assert "No estimate with any list left out" in " ".join(c.messages)
    again = compare(h, seed=5, budget="fast", methods=["lcm"], drop_one=False, consistency=False)
    assert again.results["lcm"].to_dict() == c.results["lcm"].to_dict()  # same seed, same draws


def test_a_sampler_in_the_consistency_check() -> None:
    c = compare(data.load_benchmark("CARE1_Diabetes"), seed=5, budget="fast", methods=["dga"], drop_one=False)
    rows = c.consistency.table
    assert list(rows["reference_list"]) == ["clinic", "hospital", "prescriptions", "strips"]
    assert rows["checked"].all() and (rows["k"] == 3).all()
    s = c.consistency.summary.iloc[0]
    assert s["lists_with_estimate"] == (rows["estimate"].notna()).sum()
    if s["lists_with_estimate"]:
        assert c.summary().loc[0, "consistency_relative_bias"] == pytest.approx(s["relative_bias"])


# ----------------------------------------------------------------------------- internal consistency
def test_reference_population_by_hand() -> None:
    h = CaptureHistories.from_frequency_table(pd.DataFrame(
        {"A": [1, 1, 1, 1, 0, 0], "B": [1, 0, 0, 1, 1, 0], "C": [0, 1, 0, 1, 1, 1], "count": [5, 7, 11, 2, 9, 4]}))
    pop = reference_population(h, "A")
    assert pop.known_size == 5 + 7 + 11 + 2
    assert pop.observed == 5 + 7 + 2  # the 11 on A alone are the unobserved cell
    assert pop.histories.lists == ("B", "C")
    got = dict(zip(map(tuple, pop.histories.patterns.tolist()), pop.histories.counts.tolist(), strict=True))
    assert got == {(1, 0): 5, (0, 1): 7, (1, 1): 2}
    # a list that saw none of the reference's people is left out, and said so
    h2 = CaptureHistories.from_frequency_table(pd.DataFrame(
        {"A": [1, 1, 0], "B": [1, 0, 1], "C": [0, 0, 1], "count": [3, 4, 5]}))
    pop2 = reference_population(h2, "A")
    assert pop2.empty_lists == ("C",) and pop2.histories.lists == ("B",)
    with pytest.raises(ValueError, match="unknown list"):
        reference_population(h, "Z")


def _summary(h: CaptureHistories, method: str) -> pd.Series:
    return internal_consistency(h, {method: create(method)}).summary.set_index("method").loc[method]


@pytest.mark.parametrize("seed", [11, 12])
def test_consistency_is_near_zero_for_mt_on_independent_lists(seed: int) -> None:
    """Independent lists with equal catchability: Mt's assumption holds for every reference population.

    N = 5,000, four lists (capture 0.2-0.35), so each reference list has ~1,000-1,750 people and
    the known-size estimates have a relative standard error of ~3%.  On 20 seeds (0-19, checked
    when the test was written) the average relative bias ranged over -5.3% .. +4.5% and at least
    2 of 4 intervals held the known size; the bounds below leave room for that spread.
    """
    sim = simulate_independent_lists(np.random.default_rng(seed), N=5000, capture=[0.3, 0.25, 0.2, 0.35])
    s = _summary(sim.histories, "Mt")
    assert s["lists_with_estimate"] == 4
    assert abs(s["relative_bias"]) < 0.08
    assert s["coverage"] >= 0.5


@pytest.mark.parametrize("seed", [11, 12])
def test_consistency_detects_mt_bias_on_heterogeneous_lists(seed: int) -> None:
    """Two latent classes, 60% hard to find (capture 0.05-0.10): Mt underestimates every known size.

    On 20 seeds (0-19) Mt's average relative bias on the reference lists ranged over -15% .. -10%
    and no seed had more than 1 of 4 intervals holding the known size, while on independent lists
    it stays within +-5.3% (previous test): the check tells the two designs apart.
    """
    sim = simulate_latent_classes(np.random.default_rng(seed), N=5000,
                                  capture=[[0.5, 0.4, 0.45, 0.5], [0.08, 0.05, 0.1, 0.06]], weights=[0.4, 0.6])
    s = _summary(sim.histories, "Mt")
    assert s["relative_bias"] < -0.07
    assert s["coverage"] <= 0.25
    assert s["max_relative_bias"] < 0


def test_consistency_says_what_cannot_be_checked() -> None:
    h = data.load_benchmark("CARE1_HAV")  # three lists
    check = internal_consistency(h, {"Mt": create("Mt"), "chao": create("chao")})
    s = check.summary.set_index("method")
    assert s.loc["Mt", "lists_checked"] == 0 and s.loc["Mt", "note"].startswith("cannot be checked")
    assert "needs at least 3 lists" in s.loc["Mt", "note"] and "2 remain" in s.loc["Mt", "note"]
    assert s.loc["chao", "lists_checked"] == 3 and s.loc["chao", "lists_with_estimate"] == 3
    assert not check.table.loc[check.table["method"] == "Mt", "checked"].any()
    # the threshold on people seen elsewhere (MSETools uses 30)
    few = internal_consistency(h, {"chao": create("chao")}, min_observed=10_000).summary.iloc[0]
    assert few["lists_checked"] == 0 and "fewer than 10000" in few["note"]
    with pytest.raises(ValueError, match="min_observed"):
        internal_consistency(h, {"chao": create("chao")}, min_observed=0)


def test_consistency_rows_match_direct_fits() -> None:
    h = data.load_benchmark("LCMCR_kosovo_aggregate")
    table = internal_consistency(h, {"Mt": create("Mt")}).table
    for row in table.itertuples(index=False):
        pop = reference_population(h, row.reference_list)
        r = create("Mt").fit(pop.histories)
        assert row.known_size == h.list_sizes[row.reference_list]
        assert row.estimate == pytest.approx(r.estimate)
        assert row.relative_bias == pytest.approx(r.estimate / row.known_size - 1)
        assert bool(row.covers) == (r.lower <= row.known_size <= r.upper)


# ----------------------------------------------------------------------------- disagreement flags
def _table(rows: list[tuple[str, str, float | None, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["method", "family", "lower", "upper"])


def test_find_disagreements_rules() -> None:
    t = _table([
        ("Mt", "independence", 100.0, 120.0),
        ("M0", "independence", 130.0, 140.0),       # same family as Mt: never flagged against it
        ("loglinear", "log-linear", 150.0, 200.0),  # above both independence intervals
        ("chao", "lower bound", 90.0, 110.0),       # a lower limit: open above, agrees with everything above 90
        ("lcm", "latent classes", None, None),      # no interval: takes no part
        ("dga", "graphical models", 60.0, 85.0),    # below the lower bound: flagged against chao
        ("open", "other", 210.0, None),             # open above, above loglinear's interval
    ])
    d = find_disagreements(t)
    assert list(d.columns) == list(DISAGREEMENT_COLUMNS)
    pairs = {(a, b) for a, b in zip(d["method_a"], d["method_b"], strict=True)}
    assert ("Mt", "loglinear") in pairs and ("M0", "loglinear") in pairs
    assert ("Mt", "M0") not in pairs and ("M0", "Mt") not in pairs
    assert ("chao", "dga") in pairs
    assert not any("chao" in p and ("loglinear" in p or "open" in p or "Mt" in p) for p in pairs)
    assert ("loglinear", "open") in pairs
    assert not any("lcm" in p for p in pairs)
    row = d[(d["method_a"] == "chao") & (d["method_b"] == "dga")].iloc[0]
    assert math.isnan(row["upper_a"]) and row["lower_b"] == 60.0
    assert find_disagreements(_table([("Mt", "independence", 1.0, 2.0), ("x", "log-linear", 2.0, 3.0)])).empty


def test_disagreement_is_flagged_and_explained_on_kosovo() -> None:
    """Kosovo: independence models far below the dependence models (known since Ball et al. 2002)."""
    c = compare(data.load_benchmark("LCMCR_kosovo_aggregate"), seed=1, budget="fast",
                methods=["Mt", "loglinear"], drop_one=False, consistency=False)
    assert c.families_disagree
    d = c.disagreements.iloc[0]
    assert {d["method_a"], d["method_b"]} == {"Mt", "loglinear"}
    text = " ".join(c.messages)
    assert "disagree beyond their intervals" in text and "Do not average" in text
    assert "independence" in text and "log-linear" in text
    same = compare(data.load_benchmark("LCMCR_kosovo_aggregate"), seed=1, budget="fast",
                   methods=["Mt", "M0"], drop_one=False, consistency=False)
    assert not same.families_disagree  # one family: not a disagreement between families


# ----------------------------------------------------------------------------- settings
def test_method_selection_and_options() -> None:
    specs = method_specs(4, exclude=["lcm", "dga"], seed=2, budget="fast", options={"LogLinear": {"criterion": "bic"}})
    assert "lcm" not in specs and "dga" not in specs and specs["loglinear"].criterion == "bic"
    assert specs["loglinear"].max_exhaustive_lists == 5 and specs["Mt"].seed == 2
    assert "petersen" not in specs  # two-list methods do not take four lists
    assert list(method_specs(2, seed=1)) == ["petersen", "chapman", "chao", "two-source"]
    with pytest.raises(SettingsError, match="unknown method"):
        method_specs(4, methods=["nope"], seed=1)
    with pytest.raises(SettingsError, match="budget"):
        method_specs(4, budget="huge", seed=1)
    with pytest.raises(SettingsError, match="not among the methods"):
        method_specs(4, methods=["Mt"], options={"lcm": {"K": 5}}, seed=1)
    with pytest.raises(SettingsError, match="no option"):
        method_specs(4, methods=["Mt"], options={"Mt": {"K": 5}}, seed=1)
    with pytest.raises(SettingsError, match="every method"):
        method_specs(4, methods=["Mt"], options={"Mt": {"seed": 5}}, seed=1)
    with pytest.raises(SettingsError, match="no method left"):
        method_specs(4, methods=["Mt"], exclude=["Mt"], seed=1)


def test_stratified_input_is_pooled_and_said() -> None:
    h = data.load_benchmark("conting_spina")
    assert h.is_stratified
    c = compare(h, seed=1, budget="fast", methods=["chao", "Mt"])
    assert c.observed == h.collapse_strata().n
    assert any("Strata pooled" in m for m in c.messages)


def test_drop_one_list_reuses_a_given_fit() -> None:
    h = data.load_benchmark("Rcapture_HIV")
    full = create("Mt", seed=4).fit(h)
    by_spec = drop_one_list(h, create("Mt"), seed=4, all_lists=full)
    by_name = drop_one_list(h, "Mt", seed=4)
    pd.testing.assert_frame_equal(by_spec, by_name)
    with pytest.raises(ValueError, match="options"):
        drop_one_list(h, create("Mt"), seed=4, interval="wald")


# ----------------------------------------------------------------------------- the CLI
def test_cli_json_contract_and_reproducibility(capsys) -> None:
    args = ["compare", bench("Rcapture_HIV"), "--method", "Mt,chao", "--method", "loglinear", "--budget", "fast",
            "--seed", "9", "--json"]
    code, out, err = run(capsys, *args)
    assert code == 0 and err == ""
    obj = json.loads(out)
    assert list(obj) == JSON_KEYS
    assert [m["method"] for m in obj["methods"]] == ["Mt", "chao", "loglinear"]
    assert list(obj["methods"][0]) == list(SUMMARY_COLUMNS)
    assert obj["seed"] == 9 and obj["budget"] == "fast" and obj["observed"] == 1896
    assert set(obj["consistency"]) == {"summary", "by_list"} and len(obj["consistency"]["by_list"]) == 3 * 4
    assert len(obj["drop_one"]) == 3 * 5 and obj["drop_one"][0]["dropped"] is None
    assert obj["results"]["Mt"]["estimate"] == obj["methods"][0]["estimate"]
    assert obj["methods"][0]["r_hat"] is None  # NaN never appears in the JSON
    assert run(capsys, *args)[1] == out  # same seed, same bytes


def test_cli_workers_give_the_serial_json(capsys) -> None:
    """Methods as tasks on 2 local processes (issue 14): the same bytes as in this process."""
    args = ["compare", bench("CARE1_HAV"), "--method", "Mt,Mth-chao,loglinear,dga", "--budget", "fast",
            "--seed", "5", "--json"]
    code, serial, _ = run(capsys, *args)
    assert code == 0
    code, pooled, err = run(capsys, *args, "--workers", "2")
    assert code == 0 and err == ""
    assert pooled == serial
    assert run(capsys, "compare", bench("CARE1_HAV"), "--workers", "0")[0] == 2


def test_cli_text_output(capsys) -> None:
    code, out, _ = run(capsys, "compare", bench("CARE1_Diabetes"), "--method", "Mt,Mth-chao,loglinear",
                       "--budget", "fast")
    assert code == 0
    for heading in ("Internal consistency", "Drop one list", "Assumptions:", "What this means:"):
        assert heading in out
    assert "documented minimum" in out


def test_cli_exit_3_when_no_method_gives_an_estimate(capsys, tmp_path) -> None:
    f = tmp_path / "apart.csv"
    pd.DataFrame({"A": [1, 0], "B": [0, 1], "count": [40, 30]}).to_csv(f, index=False)
    code, out, _ = run(capsys, "compare", str(f), "--method", "petersen,chapman", "--json")
    obj = json.loads(out)
    assert code == 3
    assert all(m["estimate"] is None for m in obj["methods"])
    assert {m["status"] for m in obj["methods"]} == {"mle_does_not_exist"}
    assert obj["consistency"] is None and obj["drop_one"] is None  # two lists: neither check applies
    assert any("cannot be measured" in m for m in obj["messages"])


@pytest.mark.parametrize("args, says", [
    (["--method", "nope"], "unknown method"),
    (["--option", "lcm:K=3"], "METHOD.KEY=VALUE"),
    (["--method", "Mt", "--option", "Mt.K=3"], "no option"),
    (["--budget", "huge"], "invalid choice"),
    (["--level", "1.5"], "--level"),
    (["--min-observed", "0"], "--min-observed"),
])
def test_cli_bad_usage_exit_2(capsys, args, says) -> None:
    code, out, err = run(capsys, "compare", bench("CARE1_HAV"), *args)
    assert code == 2 and out == "" and says in err and "Traceback" not in err


def test_cli_bad_file_exit_2(capsys, tmp_path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("A,B,count\n1,0,3\n0,2,4\n", encoding="utf-8")
    code, out, err = run(capsys, "compare", str(f))
    assert code == 2 and out == "" and "bad.csv" in err
    code, _, err = run(capsys, "compare", str(tmp_path / "missing.csv"))
    assert code == 2
