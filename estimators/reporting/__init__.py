"""Render the Quarto reports: with Quarto when installed, else with a built-in renderer.

``removals report [NAME ...] [--to html,pdf] [--out DIR] [--engine auto|quarto|builtin]``
renders ``reports/<NAME>.qmd`` to ``<DIR>/<NAME>.html`` (self-contained) and
``<DIR>/<NAME>.pdf`` (Typst).  Every pinned data file is verified before anything runs.

Writing a report that renders alike on both paths
-------------------------------------------------
* Front matter: ``title``, ``subtitle``, ``author``, ``date`` (a fixed date, never
  ``today``), ``abstract``, ``lang``, ``execute`` (document defaults of echo, eval,
  include, output, warning), ``fig-width``, ``fig-height``, ``fig-dpi`` (>= 200),
  ``format`` and ``jupyter`` (read by Quarto only).  Other keys are refused.
* Cells: ```` ```{python} ```` with ``#| key: value`` options ``echo``, ``eval``,
  ``include``, ``output`` (true/false/asis), ``warning``, ``label``, ``fig-cap``,
  ``fig-alt``, ``tags``.  Other options are refused.  One figure per cell; give it
  ``label: fig-...`` and ``fig-cap`` to number it, and refer to it as ``@fig-...``
  (a labelled cell that draws nothing gets no number).
* Parameters: one cell with ``#| tags: [parameters]`` holding only ``name = literal``
  lines (the defaults).  ``render_report(..., params={...})`` replaces them on both paths
  (Quarto ``-P name:value``; the built-in renderer runs the values right after that cell);
  ``metadata={"title": ...}`` replaces front-matter values (``-M``).
* Tables and references: number them with ``reporting.references.TableNumbers`` and
  ``Citations`` (the same numbers on both paths); end with ``glossary_markdown``.
* Tables: ``display(Markdown(markdown_table(df)))`` (never a bare DataFrame, whose HTML
  repr Quarto and the built-in renderer would show differently).
* Inline values: `` `{python} f"{x:,.0f}"` `` (format in the expression; a str is
  inserted without quotes).
* Last cell: ``#| output: asis`` and ``print(provenance_markdown({"name": seed, ...}))``.
* No run-dependent output: object reprs with memory addresses are refused (end a
  plotting line with ``;``); no times.

Public API
----------
render_report, render_reports : render ``reports/<name>.qmd`` to HTML and PDF.
markdown_table : a DataFrame as a pipe table (``display(Markdown(markdown_table(df)))``).
provenance_markdown : the provenance section each report ends with.
parse_qmd : the .qmd parser of the built-in renderer.
ReportError : raised when a report cannot be rendered.
"""

from __future__ import annotations

from .errors import ReportError
from .markdown import markdown_table
from .provenance import git_commit, provenance_markdown
from .qmd import parse_qmd
from .render import available_reports, render_report, render_reports

__all__ = [
    "ReportError",
    "available_reports",
    "git_commit",
    "markdown_table",
    "parse_qmd",
    "provenance_markdown",
    "render_report",
    "render_reports",
]
