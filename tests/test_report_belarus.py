"""The Belarus report (the README's main command renders it): it renders, says what the API
computes, stops on a tampered data file, and renders identically twice.

The renderer's own behaviour is tested on a fixture in ``tests/test_reporting.py``; here the
same guarantees are checked on this report."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from estimators import data, estimate
from estimators.bayes import twosource
from estimators.exceptions import DataIntegrityError, RemovalsWarning
from estimators.reporting import available_reports, render_report
from estimators.reporting import tables as report_tables
from estimators.studies.example_data import synthetic_belarus_lists

from .conftest import check_rendered_report, norm, pdf_text, render_once, visible_text

SEED = 20231116  # the seed the reports declare


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_once(tmp_path_factory, "belarus")


def test_renders_to_self_contained_html_and_pdf(rendered):
    # 6 figures: the cells with a ``label: fig-...`` option in reports/belarus.qmd.
    check_rendered_report(rendered, figures=6)


def test_belarus_key_numbers_equal_the_api(rendered):
    text = visible_text(rendered["html"].read_text(encoding="utf-8"))
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
    text = pdf_text(rendered["pdf"])
    assert "at least 2,442 children" in text and "No total can be estimated" in text


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
    assert again[0].read_bytes() == rendered["html"].read_bytes()


def test_the_three_reports_exist():
    assert set(available_reports()) >= {"belarus", "validation", "example"}
