"""Arguments and work of ``removals report``; :mod:`estimators.cli` registers it and prints."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .render import FORMATS, render_reports


def add_report_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``report [NAME ...] [--to html,pdf] [--out DIR] [--engine auto|quarto|builtin]``.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The main parser's subparsers.

    Returns
    -------
    argparse.ArgumentParser
        The ``report`` parser (the CLI sets its ``func``).
    """
    p: argparse.ArgumentParser = subparsers.add_parser(
        "report", help="render the reports (Quarto if installed, else the built-in renderer)",
        description="Render reports/NAME.qmd to OUT/NAME.html (self-contained) and OUT/NAME.pdf (Typst). "
                    "Every pinned data file is verified first. Without Quarto on PATH, the built-in renderer "
                    "runs the Python cells in a Jupyter kernel and converts with pandoc and Typst.")
    p.add_argument("names", nargs="*", metavar="NAME", help="report names (default: every reports/*.qmd)")
    p.add_argument("--to", default=",".join(FORMATS), metavar="html,pdf", help="output formats (default html,pdf)")
    p.add_argument("--out", default="_output", metavar="DIR", help="output directory (default _output)")
    p.add_argument("--engine", choices=["auto", "quarto", "builtin"], default="auto",
                   help="auto: Quarto if on PATH, else built-in (default auto)")
    return p


def run_report(args: argparse.Namespace) -> list[Path]:
    """Render the reports named in ``args``; returns the files written.

    Raises
    ------
    ReportError
        (an :class:`~estimators.exceptions.InputError`) on bad names or formats and on
        a failing report.
    DataIntegrityError
        If a pinned data file does not match its sha256.
    """
    formats = [f for f in str(args.to).split(",") if f.strip()]
    return render_reports(args.names or None, to=formats, out_dir=args.out, engine=args.engine)
