"""Report rendering: the built-in renderer (Jupyter kernel + pandoc + Typst) and the Quarto path.

The fixture report ``tests/fixtures/reports/fixture.qmd`` uses every cell option the
built-in renderer supports; it is rendered once per module (HTML and PDF) and again for
the reproducibility check.  PDF text is read with ``pypdf`` (a test dependency).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from estimators import DataIntegrityError, data, estimate
from estimators.cli import main
from estimators.reporting import ReportError, markdown_table, parse_qmd, render_report
from estimators.reporting.execute import inline_text
from estimators.reporting.provenance import project_root
from estimators.reporting.qmd import Markdown, split_inline

from .conftest import pdf_text, visible_text

FIXTURE = Path(__file__).parent / "fixtures" / "reports" / "fixture.qmd"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("render1")
    paths = render_report(FIXTURE, to=("html", "pdf"), out_dir=out, engine="builtin")
    assert paths == [out / "fixture.html", out / "fixture.pdf"]
    return {p.suffix.lstrip("."): p for p in paths}


@pytest.fixture(scope="module")
def page(rendered: dict[str, Path]) -> str:
    return rendered["html"].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def api_numbers() -> dict[str, str]:
    """The fixture report's key numbers, computed here through the API."""
    histories = data.load_benchmark("Rcapture_HIV")
    result = estimate(histories, "chao")
    assert result.estimate is not None
    return {"observed": f"{histories.n:,}", "chao": f"{result.estimate:,.1f}"}


# --- the rendered fixture -------------------------------------------------------------------

def test_html_is_self_contained(page: str) -> None:
    assert not re.search(r"""\b(?:src|href)=["']?(?:https?:)?//""", page), "external resource in the HTML"
    assert "<script" not in page
    assert re.search(r'<img [^>]*src="data:image/png;base64,', page), "figure not embedded as a data URI"


def test_cell_options_are_honoured(page: str) -> None:
    text = visible_text(page)
    assert "Figure 1: List sizes of the HIV benchmark (FIGURE-CAPTION-MARKER)." in text  # fig-cap
    assert re.search(r'<figure[^>]*id="fig-sizes"', page)  # label
    assert '<a href="#fig-sizes">Figure 1</a> shows' in page  # @fig-sizes cross-reference
    assert 'histories = data.load_benchmark("Rcapture_HIV")' in text  # echo: true
    assert "ECHO-FALSE-CODE-MARKER" not in page  # execute: echo: false (document default)
    assert "OUTPUT-FALSE-MARKER" not in page  # output: false
    assert "<strong>ASIS-BOLD-MARKER</strong>" in page  # output: asis
    assert "WARNING-FALSE-MARKER" not in page and "after the suppressed warning" in text  # warning: false
    assert "UserWarning: WARNING-SHOWN-MARKER" in text  # warnings shown by default, without temp paths
    assert "this_cell_is_not_run()" in text  # eval: false, echo: true
    assert "INCLUDE-FALSE-MARKER" not in page  # include: false
    assert "{python}" not in page


def test_key_numbers_equal_the_api(page: str, api_numbers: dict[str, str]) -> None:
    text = visible_text(page)
    assert f"The HIV benchmark has {api_numbers['observed']} people on at least one list." in text
    assert f"The Chao lower bound is {api_numbers['chao']} (chao)." in text  # str inline: no quotes
    # Each table sits in a box that scrolls sideways on a phone, its caption above the box.
    block = re.search(r'<div class="table-block">(.*?)</table>', page, flags=re.S)
    assert block is not None
    caption, _, table = block.group(1).partition('<div class="table-scroll">')
    assert "Observed and estimated counts." in visible_text(caption)
    assert f"Chao lower bound {api_numbers['chao']}" in visible_text(table)


def test_provenance_section(page: str) -> None:
    text = visible_text(page)
    manifest = data.load_manifest()["files"]
    for name in ("benchmarks/Rcapture_HIV.csv", "benchmarks/reference/Rcapture_HIV.json"):
        assert f"{name} {manifest[name]['sha256']}" in text
    assert "benchmarks/CARE1_HAV.csv" not in text  # only the files this report used
    assert "Package: removals 0.1.0" in text
    assert re.search(r"Git commit: ([0-9a-f]{40}( \+ uncommitted changes)?|not a git checkout)", text)
    assert "Seeds: bootstrap = 20231116" in text


def test_pdf_has_the_numbers_and_figure(rendered: dict[str, Path], api_numbers: dict[str, str]) -> None:
    raw = rendered["pdf"].read_bytes()
    assert raw.startswith(b"%PDF-")
    assert b"/CreationDate(D:20240131000000Z)" in raw  # the report's date, never the render time
    assert b"/Subtype /Image" in raw or b"/Subtype/Image" in raw
    text = pdf_text(rendered["pdf"])
    assert "Fixture report" in text
    assert f"The HIV benchmark has {api_numbers['observed']} people" in text
    assert f"The Chao lower bound is {api_numbers['chao']} (chao)." in text
    assert "FIGURE-CAPTION-MARKER" in text
    assert "ECHO-FALSE-CODE-MARKER" not in text and "WARNING-FALSE-MARKER" not in text
    assert "20231116" in text


def test_two_renders_are_identical(rendered: dict[str, Path], tmp_path: Path) -> None:
    again = render_report(FIXTURE, to=("html", "pdf"), out_dir=tmp_path, engine="builtin")
    assert again[0].read_bytes() == rendered["html"].read_bytes()
    assert again[1].read_bytes() == rendered["pdf"].read_bytes()


# --- failures -------------------------------------------------------------------------------

def _copy_data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(data.data_dir(), root)
    return root


def test_tampered_data_stops_rendering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _copy_data(tmp_path)
    target = root / "benchmarks" / "Rcapture_HIV.csv"
    target.write_text(target.read_text() + "\n")
    monkeypatch.setenv("REMOVALS_DATA_DIR", str(root))
    out = tmp_path / "out"
    out.mkdir()
    (out / "fixture.html").write_text("previous")
    with pytest.raises(DataIntegrityError, match=r"Rcapture_HIV\.csv: sha256 mismatch"):
        render_report(FIXTURE, to=("html",), out_dir=out, engine="builtin")
    # the previous output is kept as it was (issue 13: a failed render must not delete it),
    # and nothing new - no scratch folder - is left beside it
    assert (out / "fixture.html").read_text() == "previous"
    assert sorted(p.name for p in out.iterdir()) == ["fixture.html"]


def test_hash_error_inside_a_cell_surfaces_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernel inherits REMOVALS_DATA_DIR; a file changed after the pre-check still stops the render."""
    root = _copy_data(tmp_path)
    monkeypatch.setenv("REMOVALS_DATA_DIR", str(root))
    source = tmp_path / "tamper.qmd"
    source.write_text(
        "---\ntitle: Tamper\n---\n\n```{python}\nimport os, pathlib\n"
        "p = pathlib.Path(os.environ['REMOVALS_DATA_DIR']) / 'benchmarks' / 'Rcapture_HIV.csv'\n"
        "p.write_text(p.read_text() + '\\n')\n```\n\n```{python}\nfrom estimators import data\n"
        "data.load_benchmark('Rcapture_HIV')\n```\n"
    )
    with pytest.raises(DataIntegrityError, match=r"Rcapture_HIV\.csv: sha256 mismatch") as info:
        render_report(source, to=("html",), out_dir=tmp_path / "out", engine="builtin")
    assert str(root) in str(info.value)
    assert not (tmp_path / "out" / "tamper.html").exists()


def test_memory_address_output_is_refused(tmp_path: Path) -> None:
    """An object repr like ``<Foo at 0x7f...>`` would make two renders differ."""
    source = tmp_path / "address.qmd"
    source.write_text("```{python}\nobject()\n```\n")
    with pytest.raises(ReportError, match=r"cell 1 \(line 1\) displays an object whose text includes a memory address"):
        render_report(source, to=("html",), out_dir=tmp_path / "out", engine="builtin")


def test_failing_cell_names_report_and_cell(tmp_path: Path) -> None:
    source = tmp_path / "broken.qmd"
    source.write_text(
        "---\ntitle: Broken\n---\n\nText.\n\n```{python}\nx = 1\n```\n\n"
        "```{python}\n#| label: compute-total\nraise ValueError('total is negative:\\n -3')\n```\n"
    )
    with pytest.raises(ReportError) as info:
        render_report(source, to=("html",), out_dir=tmp_path / "out", engine="builtin")
    message = str(info.value)
    assert "\n" not in message
    assert str(source) in message
    assert "cell 'compute-total' (cell 2, line 11) failed: ValueError: total is negative: -3" in message


def test_unknown_report_and_format(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no report named 'no-such-report'"):
        render_report("no-such-report", out_dir=tmp_path)
    with pytest.raises(ReportError, match="output formats must be among html, pdf; got docx"):
        render_report(FIXTURE, to=("docx",), out_dir=tmp_path)


# --- the Quarto path ------------------------------------------------------------------------

FAKE_QUARTO = """#!{python}
import json, os, pathlib, sys
argv = sys.argv[1:]
log = pathlib.Path({log!r})
with log.open("a") as fh:
    fh.write(json.dumps({{"argv": argv, "cwd": os.getcwd(), "python": os.environ.get("QUARTO_PYTHON")}}) + "\\n")
to = argv[argv.index("--to") + 1]
out = pathlib.Path(argv[argv.index("--output-dir") + 1]) / "reports"
out.mkdir(parents=True, exist_ok=True)
(out / (pathlib.Path(argv[1]).stem + (".html" if to == "html" else ".pdf"))).write_text("fake " + to)
"""


@pytest.fixture
def fake_quarto(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "quarto-argv.jsonl"
    script = bindir / "quarto"
    script.write_text(FAKE_QUARTO.format(python=sys.executable, log=str(log)))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    return log


def test_quarto_command_line(fake_quarto: Path, tmp_path: Path) -> None:
    """A fake ``quarto`` records its argv and writes dummy files.

    This checks only the command lines we build and that outputs are moved to the
    output directory, not Quarto's rendering.
    """
    out = tmp_path / "out"
    paths = render_report(FIXTURE, out_dir=out)  # engine="auto" picks quarto from PATH
    assert paths == [out / "fixture.html", out / "fixture.pdf"]
    assert [p.read_text() for p in paths] == ["fake html", "fake typst"]
    calls = [json.loads(line) for line in fake_quarto.read_text().splitlines()]
    root = str(project_root())
    assert [c["argv"][:5] for c in calls] == [
        ["render", str(FIXTURE), "--to", "html", "--output-dir"],
        ["render", str(FIXTURE), "--to", "typst", "--output-dir"],
    ]
    for call in calls:
        argv = call["argv"]
        assert argv[argv.index("--execute-dir") + 1] == root
        assert call["cwd"] == root and call["python"] == sys.executable
    assert "embed-resources:true" in calls[0]["argv"] and "embed-resources:true" not in calls[1]["argv"]


def test_cli_report_subcommand(fake_quarto: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", str(FIXTURE), "--to", "pdf", "--out", str(tmp_path / "o"), "--engine", "quarto"])
    assert code == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "o" / "fixture.pdf")
    code = main(["report", str(FIXTURE), "--to", "html,docx", "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and "got html, docx" in err and len(err.strip().splitlines()) == 1


def test_engine_quarto_without_quarto(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReportError, match="no quarto executable is on PATH"):
        render_report(FIXTURE, out_dir=tmp_path, engine="quarto")


# --- parsing, tables, helpers ---------------------------------------------------------------

def test_parse_fixture() -> None:
    doc = parse_qmd(FIXTURE)
    assert doc.meta["title"] == "Fixture report"
    cells = doc.cells
    assert cells[0].options["echo"] is True and cells[1].options["echo"] is False  # document default
    fig = next(c for c in cells if c.options.get("label") == "fig-sizes")
    assert fig.options["fig-cap"].startswith("List sizes")
    assert [c.options["output"] for c in cells].count("asis") == 2


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("```{python}\n#| fig-width: 5\nx = 1\n```\n", "cell options ['fig-width'] are not supported"),
        ("```{python}\n#| output: maybe\nx = 1\n```\n", "output must be true, false or asis"),
        ("```{r}\nx <- 1\n```\n", "only {python} cells are supported"),
        ("```{python}\nx = 1\n", "never closed"),
        ("---\ntitle: T\ndate: today\n---\n", "would stamp the render time"),
        ("---\ntitle: T\ntoc: true\n---\n", "front matter keys ['toc'] are not supported"),
        ("```{python}\n#| label: a\n```\n\n```{python}\n#| label: a\n```\n", "labels ['a'] are used more than once"),
    ],
)
def test_unsupported_qmd_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    source = tmp_path / "bad.qmd"
    source.write_text(text)
    with pytest.raises(ReportError, match=re.escape(problem)):
        parse_qmd(source)


def test_markdown_fences_are_not_cells(tmp_path: Path) -> None:
    source = tmp_path / "fences.qmd"
    source.write_text("````markdown\n```{python}\nnot a cell\n```\n````\n\nSee `{python} 1 + 1`.\n")
    doc = parse_qmd(source)
    assert doc.cells == [] and isinstance(doc.chunks[0], Markdown)
    pieces = split_inline(doc.chunks[0].text)
    assert pieces[0][0].endswith("````\n\nSee ") and pieces[1:] == [("1 + 1", True), (".", False)]
    assert split_inline("```\n`{python} x`\n```\n") == [("```\n`{python} x`\n```\n", False)]


def test_inline_text_follows_quarto() -> None:
    assert inline_text({"text/plain": "'a \\'quoted\\' str'"}) == "a 'quoted' str"
    assert inline_text({"text/plain": "np.float64(1.5)"}) == "np.float64(1.5)"
    assert inline_text({"text/plain": "3", "text/markdown": "**3**"}) == "**3**"


def test_markdown_table() -> None:
    df = pd.DataFrame({"method": ["a|b", "chao"], "n": [1200, 35], "est": [1234.56, float("nan")], "ok": [True, False]})
    text = markdown_table(df, digits={"est": 2}, align={"method": "center"}, caption="Two  rows.")
    assert text.splitlines() == [
        "| method |     n |      est | ok  |",
        "|:------:|------:|---------:|:----|",
        "|  a\\|b  | 1,200 | 1,234.56 | yes |",
        "|  chao  |    35 |        – | no  |",
        "",
        ": Two rows.",
    ]
    assert markdown_table(df[["n"]], formatters={"n": lambda v: f"{v / 1000:.1f}k"}).splitlines()[2] == "| 1.2k |"
    with pytest.raises(ValueError, match="columns \\['nope'\\] not in the table"):
        markdown_table(df, align={"nope": "left"})


def test_wide_table_columns_fit_their_longest_word() -> None:
    """A table wider than a line gets relative widths (pandoc reads them from the dashes) that
    leave every column room for its longest word, so headers never run together in the PDF;
    a no-break space keeps an interval on one line."""
    from estimators.reporting.markdown import CELL_INSET_EM, PAGE_EM, _em, column_widths

    df = pd.DataFrame({
        "method": ["Lincoln-Petersen (Chapman), independence", "dga"], "lists": [2, 3],
        "documented": ["2,242", "2,450"], "estimate": ["2,453", "2,939"],
        "95% interval": ["2,416\u00a0–\u2060\u00a02,498", "2,852\u00a0–\u2060\u00a03,041"],
        "status": ["ok", "ok"], "covers the truth": ["no", "yes"],
    })
    lines = markdown_table(df).splitlines()
    assert max(len(line) for line in lines) > 72  # pandoc then uses the dashes as relative widths
    dashes = [len(cell.strip(":")) for cell in lines[1].strip("|").split("|")]
    shares = [d / sum(dashes) for d in dashes]
    for name, share in zip(df.columns, shares, strict=True):
        room = share * PAGE_EM - CELL_INSET_EM
        assert room >= 1.08 * max(_em(w) for w in name.split(" ")) - 0.3, name
    interval_share = shares[list(df.columns).index("95% interval")]
    assert interval_share * PAGE_EM - CELL_INSET_EM >= _em("2,852\u00a0–\u2060\u00a03,041") - 0.3
    assert "2,416\u00a0–\u2060\u00a02,498" in lines[2]  # not collapsed to a normal space
    assert abs(sum(column_widths([["a", "b"], ["c", "d"]])) - 1) < 1e-12
    # A narrow table keeps its natural separator (pandoc then sizes the columns itself).
    assert markdown_table(pd.DataFrame({"a": [1]})).splitlines()[1] == "|----:|"


def test_used_files_records_verified_files() -> None:
    data.verified_path("published_counts.csv")
    used = data.used_files()
    assert used["published_counts.csv"] == data.load_manifest()["files"]["published_counts.csv"]["sha256"]


def test_quarto_gets_report_parameters_and_title(fake_quarto: Path, tmp_path: Path) -> None:
    """``removals report analysis --data FILE --title T`` on the Quarto path: ``-P`` and ``-M`` arguments."""
    out = tmp_path / "out"
    data = Path(__file__).resolve().parent.parent / "data" / "benchmarks" / "CARE1_HAV.csv"
    paths = render_report("analysis", to=("html",), out_dir=out, engine="quarto",
                          params={"data": str(data), "public": True, "min_cell": 3}, metadata={"title": "My lists"})
    assert paths == [out / "analysis.html"]
    argv = json.loads(fake_quarto.read_text().splitlines()[0])["argv"]
    pairs = [argv[i + 1] for i, a in enumerate(argv) if a == "-P"]
    assert pairs == [f"data:{data}", "public:true", "min_cell:3"]
    assert argv[argv.index("-M", argv.index("embed-resources:true")) + 1] == "title:My lists"


def test_parameters_cell_is_parsed_and_injected(tmp_path: Path) -> None:
    from estimators.reporting.execute import parameter_source
    from estimators.reporting.qmd import parameter_names

    src = tmp_path / "p.qmd"
    src.write_text("---\ntitle: P\n---\n\n```{python}\n#| tags: [parameters]\nn = 1\nname = 'a'\n```\n\n"
                   "```{python}\n#| echo: false\nprint(n * 2, name)\n```\n", encoding="utf-8")
    doc = parse_qmd(src)
    assert parameter_names(doc) == ["n", "name"]
    assert parameter_source(doc, {"n": 5}) == "n = 5"
    out = render_report(src, to=("html",), out_dir=tmp_path / "o", engine="builtin", params={"n": 21, "name": "b"})
    assert "42 b" in out[0].read_text(encoding="utf-8")
    bad = tmp_path / "bad.qmd"
    bad.write_text("```{python}\n#| tags: [parameters]\nimport os\n```\n", encoding="utf-8")
    with pytest.raises(ReportError, match="may only assign literal values"):
        parse_qmd(bad)



def test_provenance_table_is_numbered_with_the_report_s_tables() -> None:
    from estimators.reporting import provenance_markdown
    from estimators.reporting.references import TableNumbers

    data.verified_path("published_counts.csv")
    tables = TableNumbers(["sources", "provenance"])
    text = provenance_markdown({"report": 1}, tables=tables)
    assert ": Table 2. Pinned data files used, each verified against `data/manifest.json` before use." in text
    assert ": Pinned data files used" in provenance_markdown({"report": 1})  # no numbers given: caption alone


def test_printed_lines_split_across_stream_messages_make_one_block(tmp_path):
    """How a kernel cuts printed text into stream messages depends on timing; the page must not.

    Seen in CI: a provenance list printed line by line came out tight in one render and loose
    (each item its own paragraph) in the next, so the byte-reproducibility test failed.
    """
    from estimators.reporting.assemble import assemble_markdown
    from estimators.reporting.execute import ExecutedCell
    from estimators.reporting.qmd import parse_qmd

    qmd = tmp_path / "t.qmd"
    qmd.write_text("---\ntitle: t\n---\n\n```{python}\n#| output: asis\nprint('- a')\nprint('- b')\n```\n",
                   encoding="utf-8")
    doc = parse_qmd(qmd)
    cell = doc.cells[0]
    whole = [{"output_type": "stream", "name": "stdout", "text": "- a\n- b\n"}]
    split = [{"output_type": "stream", "name": "stdout", "text": "- a\n"},
             {"output_type": "stream", "name": "stdout", "text": "- b\n"}]
    pages = [assemble_markdown(doc, [ExecutedCell(cell=cell, outputs=tuple(outs))], tmp_path / "fig")
             for outs in (whole, split)]
    assert pages[0] == pages[1] and "- a\n- b" in pages[0]
