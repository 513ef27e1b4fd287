"""Every plotting function: returns the Axes, draws something checkable, leaves pyplot alone."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from estimators import EstimateResult, Status, data, estimate  # noqa: E402
from estimators import plotting as P  # noqa: E402
from estimators.bayes.twosource import prior_scenarios, scenario_grid  # noqa: E402
from estimators.studies.example_data import synthetic_belarus_lists, synthetic_stratified  # noqa: E402
from estimators.studies.sensitivity import compare_methods, drop_one_list  # noqa: E402


@pytest.fixture(scope="module")
def lists():
    return synthetic_belarus_lists(1)[0]


@pytest.fixture(scope="module")
def comparison(lists):
    two = lists.drop_lists([lists.lists[2]])
    return compare_methods(two, {"two-source": ("two-source", {"draws": 300}), "Chapman": ("chapman", {})}, seed=1)


def bars(ax) -> list[Rectangle]:
    """Rectangles drawn by bar/barh (not axhspan/axvspan shading)."""
    return [p for c in ax.containers if isinstance(c, BarContainer) for p in c.patches]


def legend_texts(ax) -> list[str]:
    leg = ax.get_legend()
    return [t.get_text() for t in leg.get_texts()] if leg is not None else []


def forest_table() -> pd.DataFrame:
    return pd.DataFrame(
        {"dataset": ["A", "A", "B"], "method": ["M0", "Mt", "lcm"], "estimate": [100.0, 120.0, None],
         "lower": [90.0, 100.0, None], "upper": [115.0, 150.0, None], "ref_estimate": [101.0, 119.0, 990.0],
         "observed": [80, 80, 700], "status": ["ok", "ok", "not_converged"]}
    )


def coverage_table() -> pd.DataFrame:
    return pd.DataFrame(
        {"method": ["chapman", "lcm"], "design": ["d", "d"], "replicates": [200, 100], "coverage": [0.94, 0.81],
         "ci_lower": [0.9, 0.72], "ci_upper": [0.97, 0.88]}
    )


def make_calls(lists, comparison):
    """(name, call(ax), check(ax)) for every plotting function."""
    grid = scenario_grid(2442, 2100, np.linspace(300, 2100, 10), [1, 2, 4])
    prior = prior_scenarios(2442, 2100, draws=500, seed=1)
    strat = estimate(synthetic_stratified(1)[0], "chao", seed=1, bootstrap_replicates=20)
    drop = drop_one_list(lists, "chao", seed=1)
    return [
        ("published", lambda ax: P.plot_published_counts(data.published_counts(), ax=ax),
         lambda ax: len(bars(ax)) == 3 and any("≥2,442" in t.get_text() for t in ax.texts)
         and any(">2,100" in t.get_text() for t in ax.texts)),
        ("union", lambda ax: P.plot_union_bounds(2442, 2100, ("Yale HRL", "NAM"), ax=ax),
         lambda ax: len(bars(ax)) == 4 and any("2,442 – 4,542" in t.get_text() for t in ax.texts)),
        ("overlap", lambda ax: P.plot_overlap_scenarios(grid, ax=ax),
         lambda ax: sum("scenario, not an estimate" in (ln.get_label() or "") for ln in ax.lines) == 3),
        ("prior", lambda ax: P.plot_prior_scenarios(prior, ax=ax),
         lambda ax: "not estimates" in ax.get_title() and len(ax.get_yticklabels()) == len(prior)),
        ("posterior", lambda ax: P.plot_posterior_n(comparison.results, ax=ax),
         lambda ax: any("two-source" in t for t in legend_texts(ax))
         and [t.get_text() for t in ax.get_yticklabels()] == ["two-source", "Chapman"]
         and any(t.startswith("documented (minimum)") for t in legend_texts(ax))),
        ("forest", lambda ax: P.plot_forest(forest_table(), ax=ax),
         lambda ax: len(ax.get_yticklabels()) == 3 and "reference (R)" in legend_texts(ax)
         and any("no estimate" in t.get_text() for t in ax.texts)),
        ("upset", lambda ax: P.plot_upset(lists, ax=ax, max_patterns=5),
         lambda ax: len(bars(ax)) == 5 and any(lab.get_text().startswith("Synthetic list A") for lab in ax.get_yticklabels())),
        ("strata", lambda ax: P.plot_strata_totals(strat, ax=ax),
         lambda ax: [t.get_text() for t in ax.get_yticklabels()] == [
             "Synthetic oblast A", "Synthetic oblast B", "Synthetic oblast C", "total"]),
        ("drop_one", lambda ax: P.plot_drop_one(drop, ax=ax),
         lambda ax: [t.get_text() for t in ax.get_yticklabels()][0] == "all lists" and len(ax.get_yticklabels()) == 4),
        ("coverage", lambda ax: P.plot_coverage(coverage_table(), ax=ax),
         lambda ax: any(ln.get_xdata()[0] == 0.95 for ln in ax.lines)
         and sum(isinstance(c, PolyCollection) for c in ax.collections) >= 2),
    ]


def test_every_plot_on_a_given_axes(lists, comparison):
    for name, call, check in make_calls(lists, comparison):
        fig, ax = plt.subplots()
        try:
            out = call(ax)
            assert out is ax, name
            assert out.get_title(), name
            assert check(out), name
        finally:
            plt.close(fig)


def test_every_plot_makes_its_own_figure_without_touching_pyplot(lists, comparison):
    fig, ax0 = plt.subplots()
    try:
        before_fignums = plt.get_fignums()
        for name, call, check in make_calls(lists, comparison):
            out = call(None)
            assert out is not ax0 and out.figure is not fig, name
            assert plt.gca() is ax0 and plt.gcf() is fig, name
            assert plt.get_fignums() == before_fignums, name
            assert out.get_title() and check(out), name
            assert out.figure.get_size_inches()[0] >= 6, name
        assert not ax0.has_data()
    finally:
        plt.close(fig)


def test_count_axes_use_thousands_separators():
    ax = P.plot_union_bounds(12000, 9000)
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert any("," in t for t in labels), labels
    assert ax.get_xlabel() == "children"


def test_documented_and_estimated_are_visually_distinct(comparison):
    ax = P.plot_forest(forest_table())
    documented = [ln for ln in ax.lines if ln.get_label().startswith("documented")]
    assert documented and documented[0].get_color() == P.DOCUMENTED_COLOR and documented[0].get_marker() == "s"
    est = [c for c in ax.containers if str(c.get_label()).endswith("(95% interval)")]
    assert est and all(c.lines[0].get_markerfacecolor() == "white" for c in est)  # hollow


def test_one_style_per_method_in_every_figure(comparison):
    """Each method keeps one colour and marker in every figure, and no two methods share both."""
    assert P.method_key("loglinear (best AIC)") == P.method_key("Log-linear, best AIC") == "loglinear"
    assert P.method_key("Heterogeneity, lower bound (Mth, Chao)") == "Mth"
    assert P.method_key("Lincoln-Petersen (Chapman), independence") == "petersen"
    assert P.method_key("Graph averaging (dga)") == "dga" and P.method_key("something else") is None
    pairs = [(st.color, st.marker) for st in P.METHOD_STYLES.values()]
    assert len(set(pairs)) == len(pairs)  # colour + marker unique
    assert len({st.marker for st in P.METHOD_STYLES.values()}) == len(pairs)  # markers alone tell them apart
    assert P.DOCUMENTED_COLOR not in {st.color for st in P.METHOD_STYLES.values()}
    # The forest plot draws the three methods in their own markers and colours, one legend entry each.
    ax = P.plot_forest(forest_table())
    drawn = {c.get_label(): (c.lines[0].get_marker(), c.lines[0].get_markeredgecolor()) for c in ax.containers
             if str(c.get_label()).endswith("(95% interval)")}
    st = P.METHOD_STYLES["Mt"]
    assert drawn[f"{st.label} (95% interval)"] == (st.marker, st.color)
    # The posterior plot: the two-source curve in its line style, the Chapman row in its marker.
    ax = P.plot_posterior_n(comparison.results)
    curve = next(p for p in ax.patches if p.get_label().startswith("posterior of N"))
    assert curve.get_linestyle() not in ("-", "solid")
    markers = {c.lines[0].get_marker() for c in ax.containers if c.lines[0] is not None and len(c.lines[0].get_xdata())}
    assert {P.METHOD_STYLES["two-source"].marker, P.METHOD_STYLES["petersen"].marker} <= markers
    # Two results of one method get different markers.
    a, b = P.distinct_styles(["lcm", "lcm"])
    assert a.color == b.color and a.marker != b.marker


def test_figures_text_is_legible_and_log_axes_say_so():
    grid = scenario_grid(2442, 2100, np.linspace(105, 2100, 10), [1, 10])
    ax = P.plot_overlap_scenarios(grid, log=True)
    assert ax.get_yscale() == "log" and ax.get_ylabel().endswith("(log scale)")
    ax.figure.canvas.draw()
    assert min(t.get_fontsize() for t in ax.get_xticklabels()) >= 9.5
    assert ax.title.get_fontsize() >= 11.5
    ax = P.plot_overlap_scenarios(grid, log=False)
    assert "log" not in ax.get_ylabel()
    # rc settings are local to the plotting functions
    assert matplotlib.rcParams["font.size"] == 10.0


def test_labels_never_break_inside_a_word():
    assert P._wrap("Synthetic list A (open-source tally)", 24) == "Synthetic list A\n(open-source tally)"


def test_synthetic_mark_and_source_periods():
    h = synthetic_belarus_lists(1)[0]
    ax = P.mark_synthetic(P.plot_upset(h))
    assert ax.get_title().startswith("SYNTHETIC DATA: ") and any(t.get_text() == "SYNTHETIC" for t in ax.texts)
    P.mark_synthetic(ax)
    assert ax.get_title().count("SYNTHETIC DATA") == 1
    counts = data.published_counts().set_index("figure_id")
    rows = counts.loc[["yale_hrl_belarus_2023", "nam_icc_belarus_2023", "belarus_red_cross_2023_06_21"]].reset_index()
    ax = P.plot_source_periods(rows)
    assert len(bars(ax)) == 2  # the Red Cross figure is a stock at a date: a marker, no bar
    assert sum(ln.get_marker() == "D" for ln in ax.lines) == 3
    assert P._period_date("2022-09", end=True).isoformat() == "2022-09-30"
    assert P._period_date("2022", end=False).isoformat() == "2022-01-01"


def test_posterior_plot_handles_no_estimate(comparison):
    none = EstimateResult(method="x", lists=("A", "B"), observed=10, estimate=None, lower=None, upper=None,
                          level=0.95, status=Status.MLE_DOES_NOT_EXIST)
    ax = P.plot_posterior_n({**comparison.results, "failed": none}, observed=2000, truth=2600)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "failed"
    assert any(t.get_text() == "no estimate (mle does not exist)" for t in ax.texts)
    assert "synthetic truth: 2,600" in legend_texts(ax)
    assert any("2,000" in t for t in legend_texts(ax))


def test_posterior_plot_draws_no_posterior_for_a_sampler_without_an_estimate(comparison):
    """A sampler that did not converge has draws, but they are not an answer: no curve, its row says so."""
    import dataclasses

    label, bayes = next((k, r) for k, r in comparison.results.items() if r.n_draws() is not None)
    stuck = dataclasses.replace(bayes, estimate=None, lower=None, upper=None, status=Status.NOT_CONVERGED)
    ax = P.plot_posterior_n({"stuck": stuck}, observed=2000)
    assert not any("posterior of N" in t for t in legend_texts(ax))
    assert any(t.get_text() == "no estimate (not converged)" for t in ax.texts)
    ax = P.plot_posterior_n({label: bayes}, observed=2000)
    assert any("posterior of N" in t for t in legend_texts(ax))


def test_posterior_plot_separates_posteriors_intervals_and_documented(comparison):
    """Posteriors above the baseline, one interval row per result below it, each row named;
    the documented count and the truth in styles no estimate uses."""
    ax = P.plot_posterior_n(comparison.results, truth=2600)
    rows = ax.get_yticks()
    assert len(rows) == len(comparison.results) and (rows < 0).all()  # interval rows below the densities
    curves = [p for p in ax.patches if p.get_label().startswith("posterior of N")]
    assert len(curves) == 1 and "two-source" in curves[0].get_label()  # only the Bayesian result has draws
    documented = next(ln for ln in ax.lines if ln.get_label().startswith("documented (minimum)"))
    assert documented.get_color() == P.DOCUMENTED_COLOR and documented.get_linestyle() == "-"
    assert min(documented.get_ydata()) >= 0  # over the posteriors only, not across the interval rows
    truth = next(ln for ln in ax.lines if ln.get_label().startswith("synthetic truth"))
    assert truth.get_linestyle() == "--"
    estimate_colors = {c.get_edgecolor() for c in curves} | {
        c.lines[0].get_markeredgecolor() for c in ax.containers if c.lines[0] is not None and len(c.lines[0].get_xdata())
    }
    import matplotlib.colors as mcolors

    used = {mcolors.to_hex(c) for c in estimate_colors}
    assert P.DOCUMENTED_COLOR.lower() not in used and P.OKABE_ITO["sky_blue"].lower() not in used
    assert not [ln for ln in ax.lines if ln.get_linewidth() >= 3 and ln.get_label().startswith("_")]  # no thick bars


def test_documented_marker_sits_apart_from_the_estimate():
    """A documented count next to its estimate stays visible: the square is offset from the row."""
    table = pd.DataFrame({"stratum": ["origin=A", ""], "observed": [285, 400], "estimate": [290.0, 420.0],
                          "lower": [280.0, 400.0], "upper": [300.0, 440.0], "status": ["ok", "ok"]})
    ax = P.plot_strata_totals(table)
    squares = next(ln for ln in ax.lines if ln.get_label().startswith("documented"))
    rows = ax.get_yticks()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "total"]
    assert all(abs(y - r) > 0.1 for y, r in zip(sorted(squares.get_ydata()), sorted(rows), strict=True))


def test_coverage_axis_shows_every_whisker():
    table = pd.DataFrame({"method": ["lcm"], "design": ["d"], "replicates": [20], "coverage": [1.0],
                          "ci_lower": [0.83], "ci_upper": [1.0]})
    ax = P.plot_coverage(table)
    lo, hi = ax.get_xlim()
    assert lo < 0.83 and hi > 1.0


def test_palette_is_okabe_ito():
    assert P.DOCUMENTED_COLOR in P.OKABE_ITO.values() and P.ESTIMATE_COLOR in P.OKABE_ITO.values()
    assert set(P.SERIES_COLORS) <= set(P.OKABE_ITO.values())
    with pytest.raises(ValueError, match="max_patterns"):
        P.plot_upset(synthetic_belarus_lists(1)[0], max_patterns=0)
