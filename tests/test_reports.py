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

from estimators import data, estimate, report_tables, twosource
from estimators.comparison import CORE_DATASETS, reference_comparison
from estimators.exceptions import DataIntegrityError, RemovalsWarning
from estimators.reporting import available_reports, render_report
from estimators.synthetic import synthetic_belarus_lists, synthetic_stratified

from .conftest import pdf_text, visible_text

SEED = 20231116  # the seed the reports declare


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
    assert report_tables.interval(dga.lower, dga.upper) in text
    # Scenarios are labelled as such, and synthetic data as synthetic.
    assert "scenarios, not estimates" in text and "Synthetic data." in text


def test_belarus_pdf_has_the_headline(rendered):
    text = pdf_text(rendered["belarus"]["pdf"])
    assert "at least 2,442 children" in text and "No total can be estimated" in text


def test_validation_numbers_equal_the_api(rendered):
    text = visible_text(rendered["validation"]["html"].read_text(encoding="utf-8"))
    table = reference_comparison(CORE_DATASETS, seed=SEED)
    summary = report_tables.agreement_summary(table)
    assert f"Of {summary['rows']} comparisons on {summary['datasets']} datasets" in text
    assert f"{summary['within_1pct']} agree within 1%" in text
    # Every row of the comparison appears with our estimate and R's.
    shown = report_tables.comparison_table(table)
    for r in shown.itertuples():
        assert r.ours in text and r.R in text


def test_example_numbers_equal_the_api(rendered):
    text = visible_text(rendered["example"]["html"].read_text(encoding="utf-8"))
    histories, truth = synthetic_stratified(seed=11)  # SYNTHETIC_SEED of example.qmd
    assert f"record {histories.collapse_strata().n:,} distinct children" in text
    assert f"synthetic truth, known here because we generated it, is {truth.total:,.0f}" in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        by_area = estimate(histories, "loglinear", criterion="aic", seed=SEED)
    assert report_tables.interval(by_area.lower, by_area.upper) in text
    for r in by_area.strata or ():
        assert report_tables.count(r.estimate) in text


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
