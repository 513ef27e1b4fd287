"""The project's reports render from the pinned data, and say what the API computes.

Each report in ``reports/`` is rendered once (HTML and PDF) with the built-in renderer
(Quarto is not installable on these machines); the key numbers are then recomputed
through the API and looked for in the rendered text.  The renderer's own behaviour
(cell options, self-contained HTML, identical renders, hash errors) is tested on a
fixture in ``tests/test_reporting.py``; here the same guarantees are checked on the
Belarus report, the one the README's main command produces.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from estimators import data, estimate, registry, report_tables, twosource
from estimators.comparison import MADIGAN_YORK_OPTIONS, REPORT_DATASETS, published_comparison, reference_comparison
from estimators.exceptions import DataIntegrityError, RemovalsWarning
from estimators.reporting import available_reports, render_report
from estimators.synthetic import synthetic_belarus_lists, synthetic_stratified

from .conftest import pdf_text, visible_text

SEED = 20231116  # the seed the reports declare


def norm(text: str) -> str:
    """Whitespace collapsed as in ``visible_text`` (intervals join their limits with no-break spaces)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp("reports")
    paths: dict[str, dict[str, Path]] = {}
    for name in ("belarus", "validation", "example"):
        written = render_report(name, to=("html", "pdf"), out_dir=out, engine="builtin")
        paths[name] = {p.suffix.lstrip("."): p for p in written}
    return paths


def test_the_three_reports_exist():
    assert set(available_reports()) >= {"belarus", "validation", "example"}


# Figure counts: the cells with a ``label: fig-...`` option in each reports/*.qmd.
@pytest.mark.parametrize(("name", "figures"), [("belarus", 6), ("validation", 2), ("example", 4)])
def test_each_report_renders_to_html_and_pdf(rendered, name, figures):
    html, pdf = rendered[name]["html"], rendered[name]["pdf"]
    page = html.read_text(encoding="utf-8")
    assert 'src="http' not in page and '<link href="http' not in page  # self-contained
    assert page.count('src="data:image/png;base64,') == figures  # every figure is embedded
    assert pdf.read_bytes().startswith(b"%PDF")
    text = visible_text(page)
    assert "Provenance" in text and "sha256" in text.lower()
    assert "Traceback" not in text and "Error" not in text


def test_belarus_key_numbers_equal_the_api(rendered):
    text = visible_text(rendered["belarus"]["html"].read_text(encoding="utf-8"))
    counts = data.published_counts().set_index("figure_id")
    n_yale = int(counts.loc["yale_hrl_belarus_2023", "count"])
    n_nam = int(counts.loc["nam_icc_belarus_2023", "count"])
    low, high = twosource.union_bounds(n_yale, n_nam)
    assert f"at least {n_yale:,} children" in text
    assert f"more than {n_nam:,} children" in text
    assert f"between {low:,} and {high:,}" in text
    # NAM's earlier figure, shown in the first figure, is named in the text with its bounds.
    n_may = int(counts.loc["nam_belarus_2023_05", "count"])
    may_low, may_high = twosource.union_bounds(n_yale, n_may)
    assert f"at least {n_may:,} children" in text and f"{may_low:,} to {may_high:,}" in text
    # The what-if table: implied totals at 50% overlap, psi = 1 and 10.
    m = 0.5 * min(n_yale, n_nam)
    for psi in (1, 10):
        assert f"{twosource.implied_total(n_yale, n_nam, m, psi):,.0f}" in text
    # The prior-driven scenarios (same seed as the report).
    priors = twosource.prior_scenarios(n_yale, n_nam, seed=SEED)
    for r in priors.itertuples():
        assert f"{r.median:,.0f}" in text
    # The synthetic demonstration: truth, documented count and the model estimates.
    syn, truth = synthetic_belarus_lists(seed=2023)  # SYNTHETIC_SEED of belarus.qmd
    assert f"{truth.total:,.0f} children" in text and f"find {syn.n:,} of them" in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        two = syn.drop_lists([syn.lists[2]])
        chapman = estimate(two, "chapman")
        dga = estimate(syn, "dga", seed=SEED)
    assert report_tables.count(chapman.estimate) in text
    assert norm(report_tables.interval(dga.lower, dga.upper)) in text
    # Scenarios are labelled as such, and synthetic data as synthetic.
    assert "scenarios, not estimates" in text and "Synthetic data." in text


def test_belarus_pdf_has_the_headline(rendered):
    text = pdf_text(rendered["belarus"]["pdf"])
    assert "at least 2,442 children" in text and "No total can be estimated" in text


def test_validation_numbers_equal_the_api(rendered):
    # pandoc prints apostrophes typographically (R's -> R’s)
    text = visible_text(rendered["validation"]["html"].read_text(encoding="utf-8")).replace("\u2019", "'")
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
    page = rendered["validation"]["html"].read_text(encoding="utf-8")
    for name in REPORT_DATASETS:
        assert f">{name}</h3>" in page, name


def test_validation_published_values_equal_the_api(rendered):
    text = visible_text(rendered["validation"]["html"].read_text(encoding="utf-8"))
    published = published_comparison()
    for r in published.itertuples():
        assert norm(f"{r.published} {r.ours} {r.source}") in text
    # Recomputed directly: Madigan & York's set-up through the registry.
    h = data.load_benchmark("dga_spina_MY1997")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        my = registry.create("dga", seed=1, **MADIGAN_YORK_OPTIONS).fit(h)
    assert f"{my.details['posterior_mode']:,.0f}" == published.loc[0, "ours"] == "728"
    assert f"{my.estimate:,.0f}" == published.loc[1, "ours"] == "731"


def test_example_numbers_equal_the_api(rendered):
    text = visible_text(rendered["example"]["html"].read_text(encoding="utf-8"))
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
            f"{norm(report_tables.interval(mt.lower, mt.upper))} ok {covered}") in text


def test_a_tampered_data_file_stops_the_belarus_report(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    path = copy / "published_counts.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2442", "2443", 1), encoding="utf-8")
    monkeypatch.setenv("REMOVALS_DATA_DIR", str(copy))
    with pytest.raises(DataIntegrityError, match="published_counts.csv: sha256 mismatch"):
        render_report("belarus", to=("html",), out_dir=tmp_path / "out", engine="builtin")
    assert not (tmp_path / "out" / "belarus.html").exists()


def test_two_renders_of_the_belarus_report_are_identical(rendered, tmp_path):
    again = render_report("belarus", to=("html",), out_dir=tmp_path, engine="builtin")
    assert again[0].read_bytes() == rendered["belarus"]["html"].read_bytes()
