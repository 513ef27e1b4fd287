"""The analysis report of a user's data (``removals report analysis --data FILE``): it renders on
benchmark files and on ``removals link`` output, its numbers equal the API's, public output
suppresses small cells, bad input stops before rendering, and a render is byte-reproducible.

Renders are the slow part: each case is rendered once per module (HTML and PDF only for the
first), with a few fast methods (the method families themselves are tested elsewhere)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from estimators import estimate
from estimators.cli import main
from estimators.exceptions import RemovalsWarning
from estimators.reporting import ReportError, render_report
from estimators.reporting import tables as report_tables
from estimators.studies import analysis

from .conftest import check_rendered_report, norm, pdf_text, visible_text

SEED = 20231116  # the report's default seed
ROOT = Path(__file__).resolve().parent.parent
SPINA = ROOT / "data" / "benchmarks" / "conting_spina.csv"     # 3 lists, strata 'eth' (some small)
NEWORL = ROOT / "data" / "benchmarks" / "SparseMSE_NewOrl_5.csv"  # 5 lists: drop-one has estimates
SPINA_METHODS = "loglinear,Mt,Mth-chao,dga"
NEWORL_METHODS = "loglinear,Mt"


def _render(tmp: Path, data: Path, to: tuple[str, ...], **params: object) -> dict[str, Path]:
    written = render_report("analysis", to=to, out_dir=tmp, engine="builtin", params={"data": str(data), **params})
    return {p.suffix.lstrip("."): p for p in written}


@pytest.fixture(scope="module")
def spina(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Stratified, public (min cell 5), HTML and PDF."""
    return _render(tmp_path_factory.mktemp("spina"), SPINA, ("html", "pdf"), strata="eth", method=SPINA_METHODS,
                   public=True, min_cell=5)


@pytest.fixture(scope="module")
def neworl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _render(tmp_path_factory.mktemp("neworl"), NEWORL, ("html",), method=NEWORL_METHODS)


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], Path, object]:
    """SYNTHETIC raw lists linked by the package (``removals link`` output), then analysed."""
    from estimators.linkage import generate_lists, link_lists
    from estimators.linkage.schema import validate_list

    tmp = tmp_path_factory.mktemp("linked")
    raw = generate_lists(400, seed=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = link_lists([validate_list(f, name=n) for n, f in raw.lists.items()], seed=3)
    out = tmp / "histories.csv"
    result.write(out)
    rendered = _render(tmp / "out", out, ("html",), method="loglinear,Mt", linkage_replicates=5)
    return rendered, out, raw


def _api(data: Path, **kw: object) -> analysis.Analysis:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        return analysis.run_analysis(data, seed=SEED, **kw)  # type: ignore[arg-type]


def test_benchmark_reports_render_with_their_numbers(spina, neworl):
    check_rendered_report(spina, figures=3)  # overlaps, estimates, strata (no drop-one estimate with 3 lists)
    check_rendered_report({"html": neworl["html"], "pdf": spina["pdf"]}, figures=3)  # overlaps, estimates, drop-one
    text = visible_text(spina["html"].read_text(encoding="utf-8"))
    a = _api(SPINA, strata=["eth"], methods=SPINA_METHODS.split(","), public=True, min_cell=5)
    assert f"Documented: {a.pooled.n:,} people" in text and a.sha256 in text
    head = a.headline_result
    assert f"Estimated total: {report_tables.count(head.estimate)} people (95% interval" in text
    assert norm(report_tables.interval(head.lower, head.upper)) in text
    for label, r in a.results.items():  # every method's row, as the API computes it
        assert norm(f"{label} {len(r.lists)} {r.observed:,} {report_tables.count(r.estimate)} "
                    f"{report_tables.interval(r.lower, r.upper)}") in text, label
    # The headline equals the plain API call on the pooled lists (recommended is not among the methods asked
    # for, so the first of them heads the report).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        direct = estimate(a.pooled, "loglinear", seed=SEED)
    assert direct.estimate == head.estimate and direct.lower == head.lower
    # Strata: each shown stratum's estimate, and the small ones withheld (public output).
    assert a.by_stratum is not None and a.withheld_strata >= 1
    for s in a.by_stratum.strata or ():
        assert report_tables.count(s.observed) in text
    assert f"{a.withheld_strata - a.withheld_secondary} with fewer than 5 people observed" in text
    # Five-list data: the drop-one table's estimates.
    b = _api(NEWORL, methods=NEWORL_METHODS.split(","))
    text_b = visible_text(neworl["html"].read_text(encoding="utf-8"))
    assert b.drop_one is not None
    for r in b.drop_one.to_dict(orient="records"):
        assert report_tables.count(r["estimate"]) in text_b
    assert "Table 1." in text_b and "Glossary" in text_b and "Provenance" in text_b
    # Internal consistency and the drop-one overview come from removals compare's analysis.
    check = b.comparison.consistency
    assert check is not None
    for r in report_tables.consistency_table(check.summary, {m: b.label(m) for m in b.methods}).to_dict("records"):
        assert norm(f"{r['method']} {r['lists checked (with an estimate)']} "
                    f"{r['average error on the known list sizes']}") in text_b
    for r in report_tables.drop_one_overview(b.comparison.summary()).to_dict("records"):
        assert norm(r["their estimates"]) in text_b
    # The plain API agrees with the comparison the report shows.
    from estimators.studies.compare import compare

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        direct_b = compare(b.pooled, seed=SEED, methods=NEWORL_METHODS.split(","))
    assert direct_b.summary()["estimate"].tolist() == b.comparison.summary()["estimate"].tolist()


def test_public_output_suppresses_small_cells(spina):
    text = visible_text(spina["html"].read_text(encoding="utf-8"))
    h = analysis.read_input(SPINA, strata=["eth"])
    small = [label for label in h.strata_labels() if 0 < h.select_stratum(label).n < 5]
    assert small, "the test needs a stratum with fewer than 5 people"
    assert "<5" in text  # list sizes below 5 shown as <5
    assert "Public output: counts from 1 to 4 are shown as <5" in text
    pdf = pdf_text(spina["pdf"])
    assert "Capture-recapture analysis" in pdf and "Provenance" in pdf


def test_linkage_output_reports_linkage_and_its_uncertainty(linked):
    rendered, path, raw = linked
    page = rendered["html"].read_text(encoding="utf-8")
    text = visible_text(page)
    a = _api(path, methods=["loglinear", "Mt"], linkage_replicates=5)
    assert a.linkage is not None
    combined = a.linkage.combined
    assert "Linkage uncertainty" in text and "5 linkage replicates, combined" in text
    assert norm(report_tables.interval(combined.lower, combined.upper)) in text
    assert f"records on {raw.lists and next(iter(raw.lists))}" in text
    # Aggregates only: no name, birth date or record id of the synthetic raw lists is on the page.
    frame = next(iter(raw.lists.values()))
    for column in ("family_name", "given_name", "record_id", "birth_date"):
        if column in frame.columns:
            for value in frame[column].dropna().astype(str).head(50):
                if len(value) >= 6:
                    assert value not in text, column


def test_rendering_is_byte_reproducible(neworl, tmp_path):
    again = _render(tmp_path, NEWORL, ("html",), method=NEWORL_METHODS)
    assert again["html"].read_bytes() == neworl["html"].read_bytes()


def test_bad_input_stops_before_rendering(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,C\n1,0,1\n0,2,1\n", encoding="utf-8")
    code = main(["report", "analysis", "--data", str(bad), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "bad.csv" in err and "row" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o" / "analysis.html").exists()
    assert main(["report", "analysis", "--out", str(tmp_path / "o")]) == 2
    assert "needs --data FILE" in capsys.readouterr().err
    assert main(["report", "belarus", "--data", str(SPINA), "--out", str(tmp_path / "o")]) == 2
    assert "applies to report 'analysis' only" in capsys.readouterr().err
    assert main(["report", "analysis", "--data", str(SPINA), "--strata", "eth", "--method", "chapman",
                 "--out", str(tmp_path)]) == 2
    assert "needs exactly 2 lists" in capsys.readouterr().err


def test_parameters_are_checked_on_both_paths(tmp_path):
    with pytest.raises(ReportError, match="unknown report parameter"):
        render_report("analysis", out_dir=tmp_path, engine="builtin", params={"dataset": "x.csv"})
    with pytest.raises(ReportError, match="takes no parameters"):
        render_report("belarus", out_dir=tmp_path, engine="builtin", params={"data": "x.csv"})
    with pytest.raises(ReportError, match="metadata"):
        render_report("analysis", out_dir=tmp_path, engine="builtin", metadata={"format": "x"})


def test_analysis_helpers():
    assert analysis.applicable_methods(2) == ["chao", "chapman", "two-source"]
    assert "lcm" in analysis.applicable_methods(4) and "chapman" not in analysis.applicable_methods(4)
    assert analysis.headline_method(2, ["chapman", "two-source"]) == "two-source"
    assert analysis.headline_method(4, ["dga", "loglinear", "recommended"]) == "recommended"  # the CLI default
    assert analysis.headline_method(4, ["dga", "loglinear"]) == "dga"  # else the first asked for
    assert analysis.suppress(3, True, 5) == "<5" and analysis.suppress(3, False, 5) == 3
    assert analysis.suppress(0, True, 5) == 0


def test_the_default_heads_the_report_and_a_lower_limit_is_said_as_one(tmp_path):
    """The command-line default (recommended) heads the report when it is among the methods; on these lists it
    gives a lower limit only: the brief says 'at least', never an estimate, and the comparison of methods treats
    that limit as open above (here it contradicts Mt's interval, as removals compare says too).  The lists are
    Rcapture's lesbian data (4 lists; recommended: at least ~4,360, Mt: ~3,560-3,930)."""
    lists = ROOT / "data" / "benchmarks" / "Rcapture_lesbian.csv"
    assert "recommended" in analysis.applicable_methods(4)
    rendered = _render(tmp_path, lists, ("html",), method="recommended,Mt")
    text = visible_text(rendered["html"].read_text(encoding="utf-8"))
    direct = estimate(analysis.read_input(lists), "recommended", seed=SEED)
    assert direct.estimate is None and direct.upper is None and direct.lower is not None  # the file's known case
    assert f"At least {report_tables.count(direct.lower)} people (lower limit at 95%; no estimate and no upper " \
           "limit" in text
    assert "by recommended default (recommended; the command-line default)" in text
    assert "Estimated total:" not in text
    label = "recommended default (recommended; the command-line default)"
    assert "Of the 2 methods compared, one gives an estimate" in text
    assert f"{label} gives a lower limit only, at least {report_tables.count(direct.lower)}" in text
    assert "their 95% intervals do not all overlap" in text and "the methods are consistent" not in text
    assert f"No estimate from {label}" not in text
    cons = analysis.consistency({label: direct, "Mt": estimate(analysis.read_input(lists), "Mt", seed=SEED)})
    assert cons["lower_only"] == [(label, direct.lower)] and cons["without"] == [] and not cons["common"]
