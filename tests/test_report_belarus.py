"""The Belarus report (the README's main command renders it): it renders, says what the API
computes, stops on a tampered data file, and renders identically twice.

The renderer's own behaviour is tested on a fixture in ``tests/test_reporting.py``; here the
same guarantees are checked on this report."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pytest

from estimators import data, estimate
from estimators.bayes import twosource
from estimators.exceptions import DataIntegrityError, RemovalsWarning
from estimators.reporting import available_reports, render_report
from estimators.reporting import tables as report_tables
from estimators.studies import belarus
from estimators.studies.example_data import synthetic_belarus_lists

from .conftest import check_rendered_report, norm, pdf_text, render_once, visible_text

SEED = 20231116  # the seed the reports declare


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render_once(tmp_path_factory, "belarus")


def test_renders_to_self_contained_html_and_pdf(rendered):
    # 7 figures: the cells with a ``label: fig-...`` option in reports/belarus.qmd.
    check_rendered_report(rendered, figures=7)


def test_belarus_key_numbers_equal_the_api(rendered):
    text = visible_text(rendered["html"].read_text(encoding="utf-8"))
    counts = data.published_counts().set_index("figure_id")
    n_yale = int(counts.loc["yale_hrl_belarus_2023", "count"])
    n_nam = int(counts.loc["nam_icc_belarus_2023", "count"])
    low, high = twosource.union_bounds(n_yale, n_nam)
    assert f"at least {n_yale:,} children (or transfers)" in text
    assert f"more than {n_nam:,} children (or transfers)" in text
    assert f"between {low:,} and about {high:,} or more" in text
    # NAM's earlier figure, shown in the first figure, is named in the text with its bounds.
    n_may = int(counts.loc["nam_belarus_2023_05", "count"])
    may_low, may_high = twosource.union_bounds(n_yale, n_may)
    assert f"at least {n_may:,} children" in text and f"{may_low:,} to {may_high:,}" in text
    # The what-if table: implied totals at 50% overlap, for every odds ratio (psi < 1 included).
    m = 0.5 * min(n_yale, n_nam)
    assert 0.5 in belarus.SCENARIO_ODDS_RATIOS
    for psi in belarus.SCENARIO_ODDS_RATIOS:
        assert f"{twosource.implied_total(n_yale, n_nam, m, psi):,.0f}" in text
    # The prior-driven scenarios (same seed and priors as the report), with their full specifications.
    priors = twosource.prior_scenarios(n_yale, n_nam, priors=belarus.REPORT_PRIORS, seed=SEED)
    for r in priors.itertuples():
        assert f"{r.median:,.0f}" in text
    assert "Beta(16, 4): mean 80%" in text and "Uniform(0, 1), i.e. Beta(1, 1)" in text
    assert "Normal(log 0.5, 0.5)" in text and "log ψ ~ Normal(log 2, 0.75)" in text
    # The synthetic demonstration, recomputed through the API.
    syn, truth = synthetic_belarus_lists(seed=2023, groups=belarus.SYNTHETIC_GROUPS,
                                         mean_group_size=belarus.SYNTHETIC_MEAN_GROUP_SIZE)  # SYNTHETIC_SEED
    assert truth.total < 1000  # a scale no one can take for the real counts
    assert f"{truth.total:,.0f} children" in text and f"find {syn.n:,} of them" in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        two = syn.drop_lists([syn.lists[2]])
        chapman = estimate(two, "chapman")
        dga = estimate(syn, "dga", seed=SEED)
        source = estimate(two, "two-source", seed=SEED)
    assert report_tables.count(chapman.estimate) in text
    assert norm(report_tables.interval(dga.lower, dga.upper)) in text
    assert norm(report_tables.interval(source.lower, source.upper)) in text
    # Scenarios are labelled as such, and synthetic data as synthetic, in every caption that shows them.
    assert "scenarios, not estimates" in text and "SYNTHETIC DATA." in text
    page = rendered["html"].read_text(encoding="utf-8")
    captions = re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", page, flags=re.S)
    assert sum("SYNTHETIC lists (not real data)" in c for c in captions) == 2
    assert "Table 5. SYNTHETIC data, not real children" in text


def test_belarus_report_is_dated_sourced_and_defines_its_terms(rendered):
    text = visible_text(rendered["html"].read_text(encoding="utf-8"))
    assert "As of: the published figures were retrieved on 25 November 2026" in text and "Publisher:" in text
    assert "pages on **2026-11-25**" in (data.data_dir() / "published_counts.md").read_text(encoding="utf-8")
    # Every cited figure is in the numbered reference list with its URL and verification status.
    counts = data.published_counts().set_index("figure_id")
    refs = text[text.rindex("References"):text.index("Appendix A. What")]
    for fid in ("yale_hrl_belarus_2023", "nam_icc_belarus_2023", "nam_belarus_2023_05",
                "children_of_war_deported_2023_09_13", "belarus_red_cross_2023_06_21",
                "russia_lvova_belova_arrivals_2023_07_30"):
        assert counts.loc[fid, "url"] in refs, fid
    assert refs.count("Verified: the figure and its date were seen on that page") >= 6
    assert "Not verified" not in refs  # only verified figures are cited
    # NAM's ICC figure states no age range in the sources: the report does not give it one.
    assert "not stated in the coverage seen" in text and "including orphans aged 6 to 15" in text
    # Numbered tables, psi defined with its formula, the glossary.
    for n in range(1, 6):
        assert f"Table {n}." in text
    page = rendered["html"].read_text(encoding="utf-8")
    assert page.count("<math") >= 3 and "odds ratio of this 2×2 table including the unseen cell" in text
    assert "Glossary" in text and "Uniform(0, 1), makes every share equally likely" in text
    # The other figures, each with why it is not combined.
    assert "not split by destination" in text and "not a count of transfers" in text
    assert "What would change the conclusion" in text


def test_belarus_pdf_has_the_headline(rendered):
    text = pdf_text(rendered["pdf"])
    assert "at least 2,442 children" in text and "No total can be estimated" in text
    assert "SYNTHETIC" in text and "Table 5." in text


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
