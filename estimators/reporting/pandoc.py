"""Convert the assembled markdown: pandoc to self-contained HTML, pandoc + Typst to PDF.

Pandoc comes with the ``pypandoc-binary`` wheel and Typst with the ``typst`` wheel, so
neither LaTeX nor a network connection is needed.  The PDF uses only the fonts embedded
in Typst (system fonts are ignored), so it looks the same on every machine, and its
creation date is pinned, so that two renders give the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ReportError
from .styles import HTML_CSS, TABLE_FILTER, TYPST_HEADER

PDF_TIMESTAMP = 0
"""Unix time of the PDF's creation date when the report has no fixed ``date`` (pinned, for reproducible PDFs)."""

TYPST_VARIABLES = """\
papersize: a4
margin:
  x: 2.2cm
  y: 2.4cm
mainfont: Libertinus Serif
codefont: DejaVu Sans Mono
fontsize: 11pt
page-numbering: "1"
"""


def _pandoc(markdown: str, to: str, workdir: Path, extra: list[str]) -> str:
    import pypandoc

    try:
        return str(pypandoc.convert_text(markdown, to, format="markdown", extra_args=extra, cworkdir=str(workdir)))
    except RuntimeError as exc:
        message = " ".join(str(exc).split())
        raise ReportError(f"pandoc could not convert the report to {to}: {message}") from None


def markdown_to_html(markdown: str, workdir: Path) -> str:
    """A self-contained HTML page: images, CSS and code highlighting embedded, no external URL.

    Parameters
    ----------
    markdown : str
        Pandoc markdown with a YAML metadata block; image paths relative to ``workdir``.
    workdir : Path
        Directory the image paths are relative to.

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    ReportError
        If pandoc fails, or the page would still refer to an external resource.
    """
    css = workdir / "report.css"
    css.write_text(HTML_CSS, encoding="utf-8")
    tables = workdir / "tables.lua"
    tables.write_text(TABLE_FILTER, encoding="utf-8")
    html = _pandoc(markdown, "html5", workdir, [
        "--standalone", "--embed-resources", "--mathml", f"--css={css.name}", f"--lua-filter={tables.name}",
        f"--resource-path={workdir}", "--section-divs", "--wrap=none",
    ])
    external = re.search(r"""<(?:link|script|img|iframe|source)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", html)
    if external:
        raise ReportError(f"the HTML would load an external resource ({external.group(0)[:80]}...); "
                          "reports must render self-contained")
    return html


def markdown_to_typst(markdown: str, workdir: Path, *, header: str = TYPST_HEADER) -> str:
    """Typst source of the report (A4, embedded fonts, styled tables and code).

    Parameters
    ----------
    markdown : str
        Pandoc markdown with a YAML metadata block; image paths relative to ``workdir``.
    workdir : Path
        Directory the image paths are relative to; the style files are written there.
    header : str, default TYPST_HEADER
        Typst set and show rules.

    Returns
    -------
    str
        The Typst document.
    """
    variables = workdir / "typst-variables.yaml"
    variables.write_text(TYPST_VARIABLES, encoding="utf-8")
    header_file = workdir / "report-header.typ"
    header_file.write_text(header, encoding="utf-8")
    return _pandoc(markdown, "typst", workdir, [
        "--standalone", f"--metadata-file={variables.name}", f"--include-in-header={header_file.name}",
        "--wrap=none",
    ])


def typst_to_pdf(source: Path, output: Path, *, timestamp: int = PDF_TIMESTAMP) -> None:
    """Compile a Typst file to PDF with Typst's embedded fonts and a pinned creation date.

    Parameters
    ----------
    source : Path
        The ``.typ`` file; files it refers to must lie under its directory.
    output : Path
        The PDF to write.
    timestamp : int, default PDF_TIMESTAMP
        Unix time recorded as the PDF's creation date (never the time of rendering).

    Raises
    ------
    ReportError
        If Typst reports an error or any warning (e.g. a missing font or glyph).
    """
    import typst

    try:
        _, warnings = typst.compile_with_warnings(
            str(source), output=str(output), root=str(source.parent), ignore_system_fonts=True,
            timestamp=timestamp,
        )
    except typst.TypstError as exc:
        message = " ".join(str(exc).split())
        raise ReportError(f"typst could not compile the PDF: {message}", source=str(source.name)) from None
    if warnings:
        text = "; ".join(" ".join(str(w).split()) for w in warnings)
        raise ReportError(f"typst warned while compiling the PDF: {text}", source=str(source.name))


def pdf_timestamp(date: object) -> int:
    """The PDF creation time of a report: midnight UTC of its ``date`` if that is an ISO date, else 0.

    Parameters
    ----------
    date : object
        The front matter's ``date`` (a ``datetime.date``, an ISO string, or anything else).

    Returns
    -------
    int
        Unix time.

    Examples
    --------
    >>> pdf_timestamp("2024-01-31"), pdf_timestamp("January 2024")
    (1706659200, 0)
    """
    import datetime as dt

    if isinstance(date, dt.date):
        day = date if not isinstance(date, dt.datetime) else date.date()
    else:
        try:
            day = dt.date.fromisoformat(str(date).strip())
        except ValueError:
            return PDF_TIMESTAMP
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
