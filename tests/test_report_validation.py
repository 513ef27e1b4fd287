"""The validation report renders, and every comparison it shows equals what the API computes."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from estimators import data, methods
from estimators.exceptions import RemovalsWarning
from estimators.reporting import tables as report_tables
from estimators.studies.comparison import (
    MADIGAN_YORK_OPTIONS,
    REPORT_DATASETS,
    published_comparison,
    reference_comparison,
)

from .conftest import check_rendered_report, norm, render_once, visible_text

SEED = 20231116  # the seed the reports declare


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_once(tmp_path_factory, "validation")


def test_renders_to_self_contained_html_and_pdf(rendered):
    # 2 figures: the cells with a ``label: fig-...`` option in reports/validation.qmd.
    check_rendered_report(rendered, figures=2)


def test_validation_numbers_equal_the_api(rendered):
    # pandoc prints apostrophes typographically (R's -> R’s)
    text = visible_text(rendered["html"].read_text(encoding="utf-8")).replace("\u2019", "'")
    table = reference_comparison(REPORT_DATASETS, seed=SEED)
    summary = report_tables.agreement_summary(table)
    assert f"Of {summary['rows']} comparisons on {summary['datasets']} datasets" in text
    assert f"{summary['within_1pct']} agree within 1%" in text
    assert f"The other {summary['other']} are not counted as agreement" in text
    # Every row of the comparison appears with our estimate and interval, R's, and the difference.
    shown = report_tables.comparison_table(table)
    for r in shown.to_dict(orient="records"):
        for column in ("ours", "ours 95%", "R", "R 95%", "largest difference"):
            assert norm(r[column]) in text, (r["dataset"], r["method"], column)
    # A limit R leaves open is never reported as agreement.
    diffs = report_tables.comparison_differences(table)
    open_rows = diffs[diffs["ref_upper"].isna() & diffs["ref_lower"].notna() & diffs["upper"].notna()]
    assert len(open_rows) and not open_rows["verdict"].isin(["within 0.1%", "within 1%"]).any()
    # Each dataset has its own sub-heading in the appendix.
    page = rendered["html"].read_text(encoding="utf-8")
    for name in REPORT_DATASETS:
        assert f">{name}</h3>" in page, name


def test_validation_published_values_equal_the_api(rendered):
    text = visible_text(rendered["html"].read_text(encoding="utf-8"))
    published = published_comparison()
    for r in published.itertuples():
        assert norm(f"{r.published} {r.ours} {r.source}") in text
    # Recomputed directly: Madigan & York's set-up through the methods.
    h = data.load_benchmark("dga_spina_MY1997")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        my = methods.create("dga", seed=1, **MADIGAN_YORK_OPTIONS).fit(h)
    assert f"{my.details['posterior_mode']:,.0f}" == published.loc[0, "ours"] == "728"
    assert f"{my.estimate:,.0f}" == published.loc[1, "ours"] == "731"


def test_validation_states_the_model_sets_and_checks_two_source(rendered):
    """The best-AIC comparison is labelled with its model set and set beside loglinear's (two-way); the
    two-source posterior equals a brute-force integration (to the person: the two compute one pmf)."""
    from estimators.studies import model_space, twosource_check
    from estimators.studies.comparison import BEST_AIC_LABEL

    text = visible_text(rendered["html"].read_text(encoding="utf-8")).replace("\u2019", "'")
    assert BEST_AIC_LABEL in text and "two-way interactions only" in text
    picked = ["Rcapture_lesbian", "LCMCR_kosovo_aggregate", "CARE1_HAV"]  # two sets that differ, one the same
    table = reference_comparison(picked, methods=[BEST_AIC_LABEL], seed=SEED)
    sets = model_space.default_vs_reference(table, seed=SEED)
    shown = report_tables.model_space_table(sets)
    for r in shown.to_dict(orient="records"):
        assert norm(f"{r['estimate (people)']} {r['loglinear (two-way): model']} "
                    f"{r['loglinear: estimate (95% interval)']}") in text, r["dataset"]
    kosovo = sets.set_index("dataset").loc["LCMCR_kosovo_aggregate"]
    assert not kosovo["same_set"] and not kosovo["same_model"]  # 3-way in R's set, 2-way by default
    assert sets.set_index("dataset").loc["CARE1_HAV", "same_set"]
    check = twosource_check.twosource_validation(twosource_check.default_cases(), seed=SEED)
    assert (check["max_abs_diff"] <= 1).all() and (check["max_pmf_diff"] < 1e-6).all()
    for r in report_tables.twosource_check_table(check).to_dict(orient="records"):
        assert norm(f"{r['two-source: median (95% interval)']} {r['brute force: median (95% interval)']}") in text
    assert "Coverage of the recommended default" in text
    for n in range(1, 7):
        assert f"Table {n}." in text
    assert "Table A1." in text and "Glossary" in text


def test_validation_shows_the_default_s_coverage_on_the_grid(rendered):
    """The coverage table of the recommended default is the grid summary of the pinned replicates."""
    from estimators.studies import grid

    text = norm(visible_text(rendered["html"].read_text(encoding="utf-8")))
    summary = grid.summarise(data.coverage_grid())
    assert set(summary["method"]) == {"recommended", "loglinear-aic"}
    shown = report_tables.grid_coverage_table(summary, descriptions={n: d.description for n, d in grid.DESIGNS.items()})
    for r in shown.to_dict(orient="records"):
        for column in ("simulated population (SYNTHETIC)", "intervals covering the true N", "coverage (exact 95% range)"):
            assert norm(r[column]) in text, (r["simulated population (SYNTHETIC)"], column)
    default = summary[summary["method"] == "recommended"]
    assert f"in {int((default['coverage'] >= 0.9).sum())} of {len(default)} designs" in text
    assert "Not yet in this version" not in text
