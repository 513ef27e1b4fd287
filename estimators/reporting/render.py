"""Render the reports: with Quarto if it is installed, else with the built-in renderer.

The built-in renderer parses the .qmd (:mod:`.qmd`), runs its cells in a Jupyter kernel
(:mod:`.execute`), assembles pandoc markdown (:mod:`.assemble`) and converts it to a
self-contained HTML page and to a PDF through Typst (:mod:`.pandoc`).  Either way every
pinned data file is verified before anything runs.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from .. import data
from .assemble import assemble_markdown
from .errors import ReportError
from .execute import execute_document
from .pandoc import markdown_to_html, markdown_to_typst, pdf_timestamp, typst_to_pdf
from .provenance import project_root
from .qmd import parse_qmd
from .quarto import SUFFIX, quarto_executable, render_with_quarto

FORMATS = ("html", "pdf")
Engine = Literal["auto", "quarto", "builtin"]


def reports_dir() -> Path:
    """The project's ``reports/`` directory."""
    return project_root() / "reports"


def available_reports() -> list[str]:
    """Names of the reports (stems of ``reports/*.qmd``), sorted."""
    return sorted(p.stem for p in reports_dir().glob("*.qmd"))


def resolve_report(name_or_path: str | Path) -> Path:
    """The .qmd file of a report name (``reports/<name>.qmd``) or an explicit path.

    Parameters
    ----------
    name_or_path : str or Path
        A report name such as ``"belarus"``, or a path to a ``.qmd`` file.

    Returns
    -------
    Path
        The absolute path of the source.

    Raises
    ------
    ReportError
        If no such report exists (the message lists the available ones).
    """
    text = str(name_or_path)
    if text.endswith(".qmd") or "/" in text or "\\" in text:
        path = Path(text).resolve()
        if path.is_file():
            return path
        raise ReportError("report source not found", source=str(name_or_path))
    path = reports_dir() / f"{text}.qmd"
    if path.is_file():
        return path
    raise ReportError(f"no report named {text!r}; available: {', '.join(available_reports()) or 'none'}",
                      source=str(reports_dir()))


def _check_formats(to: Sequence[str]) -> list[str]:
    formats = list(dict.fromkeys(str(t).strip().lower() for t in to))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ReportError(f"output formats must be among {', '.join(FORMATS)}; got {', '.join(map(str, to)) or 'none'}")
    return formats


def render_builtin(
    source: Path, *, to: Sequence[str], out_dir: Path, timeout: int | None = 1800,
    params: Mapping[str, Any] | None = None, metadata: Mapping[str, str] | None = None,
) -> list[Path]:
    """Render one report with the built-in renderer (Jupyter kernel, pandoc, Typst).

    Parameters
    ----------
    source : Path
        The .qmd file.
    to : sequence of {"html", "pdf"}
        Output formats.
    out_dir : Path
        Existing output directory.
    timeout : int or None, default 1800
        Seconds a single cell may run.
    params : mapping, optional
        Report parameters (see :func:`render_report`).
    metadata : mapping, optional
        Front-matter values that replace the report's own (see :func:`render_report`).

    Returns
    -------
    list of Path
        The files written, in the order of ``to``.

    Raises
    ------
    ReportError
        If the source is not supported, a parameter is unknown, a cell fails, or a
        converter fails.
    DataIntegrityError
        If a cell found a pinned data file that does not match its sha256.
    """
    doc = parse_qmd(source)
    if metadata:
        doc = dataclasses.replace(doc, meta={**doc.meta, **metadata})
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="removals-report-") as tmp:
        work = Path(tmp)
        figures = work / "figures"
        figures.mkdir()
        executed = execute_document(doc, cwd=project_root(), timeout=timeout, params=params)
        markdown = assemble_markdown(doc, executed, figures)
        for fmt in to:
            target = out_dir / f"{source.stem}{SUFFIX[fmt]}"
            if fmt == "html":
                target.write_text(markdown_to_html(markdown, work), encoding="utf-8")
            else:
                typ = work / f"{source.stem}.typ"
                typ.write_text(markdown_to_typst(markdown, work), encoding="utf-8")
                typst_to_pdf(typ, target, timestamp=pdf_timestamp(doc.meta.get("date")))
            written.append(target)
    return written


def render_report(
    name_or_path: str | Path,
    *,
    to: Sequence[str] = FORMATS,
    out_dir: str | Path,
    engine: Engine = "auto",
    timeout: int | None = 1800,
    params: Mapping[str, Any] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> list[Path]:
    """Render one report to ``<out_dir>/<name>.html`` and/or ``<out_dir>/<name>.pdf``.

    Every pinned data file is verified first; a mismatch stops rendering before any
    code runs.  The report is rendered into a scratch folder beside the outputs, and the
    previous outputs are replaced only when every requested format rendered: a failed or
    interrupted render leaves them as they were (and writes nothing that looks current).

    Parameters
    ----------
    name_or_path : str or Path
        Report name (``reports/<name>.qmd``) or path to a .qmd file.
    to : sequence of {"html", "pdf"}, default ("html", "pdf")
        Output formats.
    out_dir : str or Path
        Output directory (created if needed).
    engine : {"auto", "quarto", "builtin"}, default "auto"
        ``"auto"`` uses Quarto if a ``quarto`` executable is on PATH, else the built-in
        renderer.
    timeout : int or None, default 1800
        Seconds a single cell may run (built-in renderer).
    params : mapping of str to str, int, float or bool, optional
        Values of the report's parameters (the names its cell tagged ``parameters``
        assigns), as Quarto's ``-P name:value``; e.g. ``{"data": "lists.csv"}`` for
        ``reports/analysis.qmd``.
    metadata : mapping of str to str, optional
        Front-matter values that replace the report's own: ``title``, ``subtitle``,
        ``author``, ``date`` (Quarto's ``-M key:value``).

    Returns
    -------
    list of Path
        The files written, in the order of ``to``.

    Raises
    ------
    DataIntegrityError
        If a pinned data file does not match its sha256 (message names the file).
    ReportError
        If the report does not exist, ``to`` or ``engine`` is invalid, ``engine="quarto"``
        but Quarto is not installed, a cell fails (message names the report, the cell and
        the exception), or a converter fails.
    """
    formats = _check_formats(to)
    if engine not in ("auto", "quarto", "builtin"):
        raise ReportError(f"engine must be one of auto, quarto, builtin; got {engine!r}")
    source = resolve_report(name_or_path)
    quarto = quarto_executable() if engine in ("auto", "quarto") else None
    if engine == "quarto" and quarto is None:
        raise ReportError("engine 'quarto' requested but no quarto executable is on PATH; use engine 'builtin'")
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    data.verify_all()
    bad = sorted(set(metadata or {}) - {"title", "subtitle", "author", "date"})
    if bad:
        raise ReportError(f"metadata {bad} cannot be set; allowed: title, subtitle, author, date")
    if params:
        # refuse unknown parameters before anything runs, on both paths
        from .execute import parameter_source

        parameter_source(parse_qmd(source), params)
    # Render into a scratch folder beside the outputs; the previous outputs are replaced only
    # once every format rendered (a failure or an interrupt leaves them as they were).
    with tempfile.TemporaryDirectory(prefix=".removals-render-", dir=out) as scratch:
        if quarto is not None:
            made = render_with_quarto(source, to=formats, out_dir=Path(scratch), root=project_root(), quarto=quarto,
                                      params=params, metadata=metadata)
        else:
            made = render_builtin(source, to=formats, out_dir=Path(scratch), timeout=timeout, params=params,
                                  metadata=metadata)
        written = []
        for path in made:
            os.replace(path, out / path.name)
            written.append(out / path.name)
    return written


def render_reports(
    names: Sequence[str | Path] | None = None,
    *,
    to: Sequence[str] = FORMATS,
    out_dir: str | Path,
    engine: Engine = "auto",
    timeout: int | None = 1800,
) -> list[Path]:
    """Render several reports (default: every ``reports/*.qmd``), stopping at the first failure.

    Parameters
    ----------
    names : sequence of str or Path, optional
        Report names or paths; default all of :func:`available_reports`.
    to, out_dir, engine, timeout
        As in :func:`render_report`.

    Returns
    -------
    list of Path
        Every file written.

    Raises
    ------
    ReportError
        If there is no report to render, or as in :func:`render_report`.
    DataIntegrityError
        As in :func:`render_report`.
    """
    selected = list(names) if names else list(available_reports())
    if not selected:
        raise ReportError("no reports to render", source=str(reports_dir()))
    written: list[Path] = []
    for name in selected:
        written += render_report(name, to=to, out_dir=out_dir, engine=engine, timeout=timeout)
    return written
