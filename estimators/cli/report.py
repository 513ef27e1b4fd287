"""``removals report [NAME ...]``: render the Quarto reports to HTML and PDF.

``removals report analysis --data FILE [--strata COL] [--lists A,B,...] [--method NAME,...]
[--budget fast|standard|full] [--title TEXT] [--public [--min-cell N]] [--seed N]
[--linkage-replicates R] [--out DIR]``
renders ``reports/analysis.qmd`` on the user's capture histories (or ``removals link``
output): the options become the report's parameters, as ``quarto render
reports/analysis.qmd -P data:FILE`` does.  The input is read and checked before anything
renders, so a bad file stops with exit code 2 and one line naming file, row and column.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import DEFAULT_SEED, EXIT_OK, UsageError, emit, parse_lists

FORMATS = ("html", "pdf")  # estimators.reporting.render.FORMATS, without importing the renderer here
ENGINES = ("auto", "quarto", "builtin")
ANALYSIS = "analysis"
#: Options that only the analysis report takes (argparse dest -> flag).
ANALYSIS_OPTIONS = {"data": "--data", "strata": "--strata", "lists": "--lists", "method": "--method",
                    "budget": "--budget", "title": "--title", "public": "--public", "min_cell": "--min-cell",
                    "seed": "--seed", "linkage_replicates": "--linkage-replicates"}
BUDGETS = ("fast", "standard", "full")  # estimators.studies.compare.BUDGETS


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``report [NAME ...] [--to html,pdf] [--out DIR] [--engine ...]`` and the analysis options."""
    p: argparse.ArgumentParser = sub.add_parser(
        "report", help="render the reports (Quarto if installed, else the built-in renderer)",
        description="Render reports/NAME.qmd to OUT/NAME.html (self-contained) and OUT/NAME.pdf (Typst). "
                    "Every pinned data file is verified first. Without Quarto on PATH, the built-in renderer "
                    "runs the Python cells in a Jupyter kernel and converts with pandoc and Typst. "
                    "'removals report analysis --data FILE' analyses your own capture histories.")
    p.add_argument("names", nargs="*", metavar="NAME", help="report names (default: every reports/*.qmd)")
    p.add_argument("--to", default=",".join(FORMATS), metavar="html,pdf", help="output formats (default html,pdf)")
    p.add_argument("--out", default="_output", metavar="DIR", help="output directory (default _output)")
    p.add_argument("--engine", choices=ENGINES, default="auto",
                   help="auto: Quarto if on PATH, else built-in (default auto)")
    a = p.add_argument_group("report 'analysis' (your data)")
    a.add_argument("--data", metavar="FILE", help="capture histories (CSV or Parquet; 'removals link' output too)")
    a.add_argument("--strata", metavar="COL", help="stratum column: estimate per stratum and in total")
    a.add_argument("--lists", metavar="A,B,...", help="list columns to use (default: all)")
    a.add_argument("--method", metavar="NAME,...",
                   help="methods to compare (default: every family that applies; see 'removals methods')")
    a.add_argument("--budget", choices=BUDGETS,
                   help="sampler settings, as 'removals compare --budget' (default standard)")
    a.add_argument("--title", help="the report's title")
    a.add_argument("--public", action="store_true",
                   help="public output: counts below --min-cell suppressed, small strata left out")
    a.add_argument("--min-cell", type=int, metavar="N", help="smallest count shown with --public (default 5)")
    a.add_argument("--seed", type=int, help=f"seed of every fit (default {DEFAULT_SEED})")
    a.add_argument("--linkage-replicates", type=int, metavar="R",
                   help="linkage replicates for 'removals link' output (default 20)")
    p.set_defaults(func=run)
    return p


def analysis_params(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, str]]:
    """The analysis report's parameters and metadata from the command line, after checking the input.

    The data file is read and validated here (exit 2 on bad input, naming file, row and
    column), and the methods checked against its number of lists, so that the report
    never starts on input it cannot use.  The provenance records the command with the
    file's name only (no directory: paths stay off reports).

    Returns
    -------
    (params, metadata)
        Report parameters (``data`` as an absolute path) and front-matter overrides (``title``).
    """
    from ..studies.analysis import applicable_methods, read_input
    from ..validation import check_input_file, check_int

    if not args.data:
        raise UsageError("report 'analysis' needs --data FILE (capture histories, CSV or Parquet)")
    data = Path(args.data).expanduser()
    check_input_file(data)  # a folder, FIFO or device is named as what it is, not 'no such file'; exit 2
    min_cell = 5 if args.min_cell is None else args.min_cell
    if min_cell < 1:
        raise UsageError(f"--min-cell must be >= 1; got {min_cell}")
    if args.linkage_replicates is not None and args.linkage_replicates < 2:
        raise UsageError(f"--linkage-replicates must be >= 2; got {args.linkage_replicates}")
    check_int(args.seed, "--seed", minimum=0, optional=True)  # before rendering: a bad seed is exit 2, not 1
    strata = [args.strata] if args.strata else []
    lists = parse_lists(args.lists)
    histories = read_input(data, strata=strata, lists=lists)  # InputError: exit 2, file/row/column named
    pooled = histories.collapse_strata() if histories.is_stratified else histories
    methods = parse_lists(args.method) if args.method and args.method.strip().lower() != "all" else None
    applicable_methods(pooled.k, methods)  # SettingsError: exit 2
    params: dict[str, Any] = {"data": str(data.resolve()), "strata": args.strata or "", "lists": args.lists or "",
                              "method": args.method or "all", "budget": args.budget or "standard",
                              "public": bool(args.public), "min_cell": min_cell,
                              "seed": DEFAULT_SEED if args.seed is None else args.seed}
    if args.linkage_replicates is not None:
        params["linkage_replicates"] = args.linkage_replicates
    command = ["removals", "report", ANALYSIS, "--data", data.name]
    for dest in ("strata", "lists", "method", "budget", "min_cell", "seed", "linkage_replicates"):
        value = getattr(args, dest)
        if value is not None:
            command += [ANALYSIS_OPTIONS[dest], str(value)]
    if args.public:
        command.append("--public")
    params["command"] = " ".join(command)
    metadata = {"title": args.title} if args.title else {}
    return params, metadata


def run(args: argparse.Namespace) -> int:
    """Render the reports named in ``args`` and print the files written.

    Unknown report names and formats are usage errors (exit 2); a report that fails to
    render raises :class:`~estimators.reporting.ReportError` (exit 1).
    """
    from ..reporting import available_reports, render_report, render_reports

    formats = [f.strip() for f in str(args.to).split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"--to: output formats must be among {', '.join(FORMATS)}; got {', '.join(formats) or 'none'}")
    known = available_reports()
    unknown = [n for n in args.names if n not in known and not str(n).endswith(".qmd")]
    if unknown:
        raise UsageError(f"no report named {unknown[0]!r}; available: {', '.join(known) or 'none'}")
    given = [flag for dest, flag in ANALYSIS_OPTIONS.items() if getattr(args, dest) not in (None, False)]
    if args.names == [ANALYSIS]:
        params, metadata = analysis_params(args)
        written = render_report(ANALYSIS, to=formats, out_dir=args.out, engine=args.engine, params=params,
                                metadata=metadata)
    else:
        if given:
            raise UsageError(f"{given[0]} applies to report 'analysis' only: removals report analysis --data FILE ...")
        written = render_reports(args.names or None, to=formats, out_dir=args.out, engine=args.engine)
    for path in written:
        emit(str(path))
    return EXIT_OK
