"""``removals run``: the main job (verify pinned data, estimate on it, render the Belarus report)."""

from __future__ import annotations

import argparse
from typing import Any

from .common import DEFAULT_SEED, EXIT_OK, emit


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``run`` on the main parser's subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
        "run", help="the main job: verify pinned data, estimate on it, render the Belarus report",
        description="Verify every pinned data file (sha256), print the published counts and the estimates of "
        "every method on the pinned benchmark datasets, then render the Belarus report to OUT/belarus.html and "
        "OUT/belarus.pdf.")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument("--out", default="_output", metavar="DIR", help="where the report goes (default _output)")
    p.add_argument("--no-report", action="store_true", help="print the tables only; do not render the report")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from ..reporting import render_report
    from ..studies.main_job import MAIN_REPORT, run_main_job

    emit(run_main_job(seed=args.seed))
    if args.no_report:
        return EXIT_OK
    emit(f"\nRendering the {MAIN_REPORT} report (HTML and PDF) from the pinned data ...")
    for path in render_report(MAIN_REPORT, to=("html", "pdf"), out_dir=args.out):
        emit(f"  wrote {path}")
    return EXIT_OK
