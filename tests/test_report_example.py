"""The worked-example report renders, and its key numbers equal what the API computes."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from estimators import estimate
from estimators.exceptions import RemovalsWarning
from estimators.reporting import tables as report_tables
from estimators.studies.example_data import synthetic_stratified

from .conftest import check_rendered_report, norm, render_once, visible_text

SEED = 20231116  # the seed the reports declare


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_once(tmp_path_factory, "example")


def test_renders_to_self_contained_html_and_pdf(rendered):
    # 4 figures: the cells with a ``label: fig-...`` option in reports/example.qmd.
    check_rendered_report(rendered, figures=4)


def test_example_numbers_equal_the_api(rendered):
    text = visible_text(rendered["html"].read_text(encoding="utf-8"))
    histories, truth = synthetic_stratified(seed=11)  # SYNTHETIC_SEED of example.qmd
    pooled = histories.collapse_strata()
    assert f"record {pooled.n:,} distinct children" in text
    assert f"synthetic truth, known here because we generated it, is {truth.total:,.0f}" in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        by_area = estimate(histories, "loglinear", criterion="aic", seed=SEED)
        mt = estimate(pooled, "Mt")
    # The headline: documented minimum and estimated total with its interval.
    assert f"Documented minimum: {pooled.n:,} children." in text
    assert (f"Estimated total: {report_tables.count(by_area.estimate)} children (95% interval "
            f"{norm(report_tables.interval(by_area.lower, by_area.upper))})") in text
    for r in by_area.strata or ():
        assert report_tables.count(r.estimate) in text
    # The model comparison table, with whether each interval covers the truth.
    covered = "yes" if mt.lower <= truth.total <= mt.upper else "no"
    assert (f"Independence, equal catchability (Mt) {report_tables.count(mt.estimate)} "
            f"{norm(report_tables.interval(mt.lower, mt.upper))} estimate given (ok) {covered}") in text
    # Every table is numbered and captioned as synthetic; the glossary is there.
    for n in range(1, 6):
        assert f"Table {n}. SYNTHETIC" in text
    assert "Glossary" in text


def test_example_linkage_section_equals_the_api(rendered):
    """The raw-lists section: linkage, the three fits and the width ratio, recomputed (seed 5 = LINKAGE_SEED)."""
    from estimators import methods
    from estimators.linkage import estimate_with_linkage_replicates, generate_lists, link_lists
    from estimators.linkage.schema import validate_list

    # pandoc prints apostrophes typographically (linkage's -> linkage’s)
    text = visible_text(rendered["html"].read_text(encoding="utf-8")).replace("\u2019", "'")
    raw = generate_lists(3000, seed=5)
    assert raw.label == "synthetic"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        linked = link_lists([validate_list(f, name=n) for n, f in raw.lists.items()], seed=5)
        spec = methods.create("Mth-darroch", seed=SEED)
        combined = estimate_with_linkage_replicates(spec, linked.data, 20, seed=SEED)
    assert (f"linked into {linked.histories.n:,} children; the true linkage has {raw.true_histories().n:,}, and "
            f"the synthetic population {raw.n_true:,} children") in text
    ratio = combined.details["linkage"]["interval_width_ratio"]
    assert f"{ratio:.2f} times as wide as the single linkage's" in text
    assert norm(report_tables.interval(combined.lower, combined.upper)) in text
    covers = "covers" if combined.lower <= raw.n_true <= combined.upper else "does not cover"
    assert f"The combined interval {covers} the synthetic truth" in text
