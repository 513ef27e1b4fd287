"""``removals report [NAME ...]``: render the Quarto reports to HTML and PDF."""

from __future__ import annotations

import argparse
from typing import Any

from .common import EXIT_OK, UsageError, emit

FORMATS = ("html", "pdf")  # estimators.reporting.render.FORMATS, without importing the renderer here
ENGINES = ("auto", "quarto", "builtin")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``report [NAME ...] [--to html,pdf] [--out DIR] [--engine auto|quarto|builtin]``."""
    p: argparse.ArgumentParser = sub.add_parser(
        "report", help="render the reports (Quarto if installed, else the built-in renderer)",
        description="Render reports/NAME.qmd to OUT/NAME.html (self-contained) and OUT/NAME.pdf (Typst). "
                    "Every pinned data file is verified first. Without Quarto on PATH, the built-in renderer "
                    "runs the Python cells in a Jupyter kernel and converts with pandoc and Typst.")
    p.add_argument("names", nargs="*", metavar="NAME", help="report names (default: every reports/*.qmd)")
    p.add_argument("--to", default=",".join(FORMATS), metavar="html,pdf", help="output formats (default html,pdf)")
    p.add_argument("--out", default="_output", metavar="DIR", help="output directory (default _output)")
    p.add_argument("--engine", choices=ENGINES, default="auto",
                   help="auto: Quarto if on PATH, else built-in (default auto)")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    """Render the reports named in ``args`` and print the files written.

    Unknown report names and formats are usage errors (exit 2); a report that fails to
    render raises :class:`~estimators.reporting.ReportError` (exit 1).
    """
    from ..reporting import available_reports, render_reports

    formats = [f.strip() for f in str(args.to).split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"--to: output formats must be among {', '.join(FORMATS)}; got {', '.join(formats) or 'none'}")
    known = available_reports()
    unknown = [n for n in args.names if n not in known and not str(n).endswith(".qmd")]
    if unknown:
        raise UsageError(f"no report named {unknown[0]!r}; available: {', '.join(known) or 'none'}")
    for path in render_reports(args.names or None, to=formats, out_dir=args.out, engine=args.engine):
        emit(str(path))
    return EXIT_OK
