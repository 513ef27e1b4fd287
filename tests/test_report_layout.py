"""Page layout of the built-in renderer's PDF: tables, floating figures, section barriers.

Each test writes a small pandoc-markdown document, converts it with the renderer's own
pandoc + Typst path (:func:`markdown_to_typst`, :func:`typst_to_pdf`, which fails on any
Typst warning, e.g. a layout that does not settle) and reads the pages back with pypdf.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from estimators.reporting.pandoc import markdown_to_typst, typst_to_pdf

FILLER = ("The lists overlap in ways that the methods read differently, and each reading rests "
          "on an assumption that the data alone cannot check. ")


def _pages(markdown: str, workdir: Path) -> list[str]:
    from pypdf import PdfReader

    typ = workdir / "doc.typ"
    typ.write_text(markdown_to_typst(markdown, workdir), encoding="utf-8")
    pdf = workdir / "doc.pdf"
    typst_to_pdf(typ, pdf)
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def _table(rows: int, caption: str) -> str:
    lines = ["| method | estimate | note |", "|:--|--:|:--|"]
    lines += [f"| row{i:02d} | {1000 + i:,} | fine |" for i in range(rows)]
    return "\n".join(lines) + f"\n\n: {caption}\n"


def _figure(workdir: Path, name: str, height_in: float) -> str:
    from matplotlib.figure import Figure

    (workdir / "figures").mkdir(exist_ok=True)
    fig = Figure(figsize=(7.0, height_in))
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1])
    fig.savefig(workdir / "figures" / f"{name}.png", dpi=60)
    return f"![Figure {name}: a caption.](figures/{name}.png)"


@pytest.mark.parametrize("paragraphs", range(8, 17))
def test_a_split_table_never_leaves_a_single_row_alone(tmp_path: Path, paragraphs: int) -> None:
    """Whatever the room left on the page, a split table has at least two body rows on each page."""
    body = "\n\n".join([FILLER * 6] * paragraphs)
    pages = _pages(f"---\ntitle: t\n---\n\n{body}\n\n{_table(30, 'Table 1. Thirty rows.')}", tmp_path)
    counts = [len(re.findall(r"row\d\d", text)) for text in pages]
    assert sum(counts) == 30
    assert all(c == 0 or c >= 2 for c in counts), counts


def test_a_long_table_does_split_where_the_page_ends(tmp_path: Path) -> None:
    """The test above is only worth something if some of its cases split: 8 paragraphs leave room for
    most of the thirty rows on the first page."""
    body = "\n\n".join([FILLER * 6] * 8)
    pages = _pages(f"---\ntitle: t\n---\n\n{body}\n\n{_table(30, 'Table 1. Thirty rows.')}", tmp_path)
    counts = [c for c in (len(re.findall(r"row\d\d", text)) for text in pages) if c]
    assert len(counts) == 2 and min(counts) >= 2, counts


def test_a_short_table_is_never_split(tmp_path: Path) -> None:
    for paragraphs in range(8, 17):
        body = "\n\n".join([FILLER * 6] * paragraphs)
        pages = _pages(f"---\ntitle: t\n---\n\n{body}\n\n{_table(5, 'Table 1. Five rows.')}", tmp_path)
        counts = [len(re.findall(r"row\d\d", text)) for text in pages]
        assert sorted(counts)[-1] == 5, (paragraphs, counts)
        # the caption (above the table) is on the table's page
        assert "Table 1. Five rows." in pages[counts.index(5)]


@pytest.mark.parametrize("paragraphs", [3, 4, 5, 6])
def test_figures_stay_in_their_section(tmp_path: Path, paragraphs: int) -> None:
    """A figure that does not fit where it is written is placed before the next section starts."""
    figure = _figure(tmp_path, "A", 4.5)
    body = "\n\n".join([FILLER * 6] * paragraphs)
    markdown = (f"---\ntitle: t\n---\n\n## One\n\n{body}\n\n{figure}\n\n{FILLER}\n\n"
                f"## Provenance\n\nSECTION-TWO-TEXT {FILLER}\n")
    pages = _pages(markdown, tmp_path)
    text = "\n".join(pages)
    assert text.index("Figure A: a caption.") < text.index("SECTION-TWO-TEXT")


@pytest.mark.parametrize("paragraphs", [3, 4, 5, 6])
def test_a_table_is_not_split_around_a_figure(tmp_path: Path, paragraphs: int) -> None:
    """A figure waiting for room is placed before a table that may split, not between its parts."""
    figure = _figure(tmp_path, "B", 5.0)
    body = "\n\n".join([FILLER * 6] * paragraphs)
    markdown = f"---\ntitle: t\n---\n\n{body}\n\n{figure}\n\n{FILLER}\n\n{_table(40, 'Table 1. Forty rows.')}"
    pages = _pages(markdown, tmp_path)
    figure_page = next(i for i, p in enumerate(pages) if "Figure B: a caption." in p)
    table_pages = [i for i, p in enumerate(pages) if re.search(r"row\d\d", p)]
    assert table_pages[0] >= figure_page, (figure_page, table_pages)
    if table_pages[0] == figure_page:
        text = pages[figure_page]
        assert text.index("Figure B: a caption.") < text.index("row00")


def test_a_page_filling_figure_does_not_hold_back_the_next_section(tmp_path: Path) -> None:
    """After a figure taller than two thirds of a page, the next section fills the page before it."""
    figure = _figure(tmp_path, "C", 9.0)
    body = "\n\n".join([FILLER * 6] * 2)
    markdown = (f"---\ntitle: t\n---\n\n## One\n\n{body}\n\n{figure}\n\n"
                f"## Two\n\nSECTION-TWO-TEXT {FILLER}\n")
    pages = _pages(markdown, tmp_path)
    figure_page = next(i for i, p in enumerate(pages) if "Figure C: a caption." in p)
    assert "SECTION-TWO-TEXT" in pages[figure_page - 1], "the page before the figure was left to its end empty"


# --- the HTML page --------------------------------------------------------------------------

def test_png_width_is_read_from_the_file(tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    from estimators.reporting.assemble import png_width_inches

    fig = Figure(figsize=(9.25, 3.0))
    fig.add_subplot().plot([0, 1])
    fig.savefig(tmp_path / "f.png", dpi=200)
    assert png_width_inches((tmp_path / "f.png").read_bytes()) == pytest.approx(9.25, abs=0.01)
    assert png_width_inches(b"not a png") is None


def test_tables_on_screen_are_sized_by_their_content() -> None:
    """Pandoc's column widths (made for the PDF page) do not force a width on screen: a narrow
    table fits a phone, a wide one scrolls in its box; no table gets a fixed minimum width."""
    from estimators.reporting.styles import HTML_CSS

    assert "div.table-scroll col { width: auto !important; }" in HTML_CSS
    assert "div.table-scroll table { width: auto !important; }" in HTML_CSS
    assert re.search(r"div\.table-scroll \{[^}]*overflow-x: auto", HTML_CSS)
    assert not re.search(r"table[^{]*\{[^}]*min-width", HTML_CSS)
    # a figure on a phone: in proportion to its drawn width, never a fixed width
    assert "figure img { max-width: none; width: calc(var(--fig-width-in, 7) * 4.7rem); }" in HTML_CSS


def test_every_table_of_the_page_has_its_caption_above_its_scroll_box(tmp_path: Path) -> None:
    from estimators.reporting.pandoc import markdown_to_html

    markdown = f"---\ntitle: t\n---\n\n{_table(3, 'Table 1. Three rows.')}\n\n{_table(4, 'Table 2. Four rows.')}"
    page = markdown_to_html(markdown, tmp_path)
    blocks = re.findall(r'<div class="table-block">\s*<div class="table-caption">\s*(.*?)</div>\s*'
                        r'<div class="table-scroll">\s*<table', page, flags=re.S)
    assert [re.sub(r"<[^>]+>", "", b).strip() for b in blocks] == ["Table 1. Three rows.", "Table 2. Four rows."]
