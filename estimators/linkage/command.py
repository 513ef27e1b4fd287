"""The ``removals link`` subcommand and ``estimate --linkage-replicates`` (CLI glue).

Kept out of :mod:`estimators.cli` so that the CLI module only registers the command.
"""

from __future__ import annotations

import argparse
import json
import logging
from typing import Any

from ..histories import CaptureHistories
from ..results import EstimateResult
from .histories import STRATUM_COLUMNS

__all__ = ["add_link_parser", "estimate_with_replicates", "run_link"]


def _quiet_splink() -> None:
    # Splink logs progress notes (no data values) on its "splink" logger; the CLI shows
    # only its own output, so they go to a NullHandler instead of Python's last resort.
    logger = logging.getLogger("splink")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def add_link_parser(sub: Any, default_seed: int) -> argparse.ArgumentParser:
    """Add ``removals link`` to the CLI's subparsers; returns its parser (the CLI sets ``func``)."""
    p = sub.add_parser(
        "link", help="link raw lists into capture histories (Splink)",
        description="Standardise, block, compare and cluster the records of raw lists (one file per list; "
        "NAME=FILE names a list) and write capture histories plus a linkage sidecar "
        "(OUT.linkage.json, OUT.linkage.parquet) for 'estimate --linkage-replicates'.",
    )
    p.add_argument("files", nargs="+", metavar="LIST", help="CSV or Parquet raw list (see README: input schema)")
    p.add_argument("--out", required=True, metavar="HISTORIES.csv", help="capture-history file to write")
    p.add_argument("--threshold", type=float, default=0.5, metavar="P", help="link pairs with match probability "
                   ">= P (default 0.5: the Bayes decision when a false and a missed link cost alike)")
    p.add_argument("--strata", metavar="COLUMN", choices=STRATUM_COLUMNS,
                   help=f"stratify the histories by one of: {', '.join(STRATUM_COLUMNS)}")
    p.add_argument("--seed", type=int, default=default_seed, help=f"random seed (default {default_seed})")
    p.add_argument("--public", action="store_true", help="suppress summary cells below --min-cell")
    p.add_argument("--min-cell", type=int, default=5, help="smallest count shown in public output (default 5)")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    p.add_argument("--review", metavar="REVIEW.csv",
                   help="write a stratified sample of scored pairs, fields side by side, for clerical review "
                        "(PERSONAL DATA: for authorised reviewers only)")
    p.add_argument("--review-size", type=int, default=200, metavar="N",
                   help="pairs in the review sample (default 200)")
    p.add_argument("--labels", metavar="LABELS.csv",
                   help="a review file with decisions: re-estimate m from the labelled matches and report precision "
                        "and recall with intervals")
    p.add_argument("--dashboard", metavar="FILE.html",
                   help="write Splink's comparison viewer dashboard (PERSONAL DATA: folded names and dates)")
    return p  # type: ignore[no-any-return]


def run_link(args: argparse.Namespace) -> str:
    """Run ``removals link``; returns the text to print (errors propagate to the CLI's handler)."""
    from .model import LinkageSettings
    from .pipeline import link_lists
    from .schema import read_lists

    if not 0 < args.threshold < 1:
        raise ValueError(f"--threshold must be strictly between 0 and 1; got {args.threshold}")
    if args.min_cell < 1:
        raise ValueError(f"--min-cell must be >= 1; got {args.min_cell}")
    if not str(args.out).lower().endswith(".csv"):
        raise ValueError(f"--out must name a .csv file; got {args.out!r}")
    if args.review_size < 1:
        raise ValueError(f"--review-size must be >= 1; got {args.review_size}")
    for option in ("review", "dashboard"):
        path = getattr(args, option)
        if path is not None and str(path) == str(args.out):
            raise ValueError(f"--{option} must not be the --out file")
    _quiet_splink()
    lists = read_lists(args.files)
    settings = LinkageSettings(threshold=args.threshold, keep_above=min(0.01, args.threshold), seed=args.seed)
    if args.labels:
        from .review import link_with_labels

        result = link_with_labels(lists, args.labels, settings=settings, strata=args.strata,
                                  dashboard=args.dashboard)
    else:
        result = link_lists(lists, settings=settings, strata=args.strata, dashboard=args.dashboard)
    paths = result.write(args.out, public=args.public, min_cell=args.min_cell)
    summary = result.summary.to_dict(public=args.public, min_cell=args.min_cell)
    notes = []
    if args.review:
        from .review import review_sample, write_review

        sample = review_sample(result.scored.pairs, result.labels, lists, size=args.review_size,
                               seed=result.settings.seed or 0)
        written = write_review(sample, args.review)
        notes.append(f"wrote {len(sample)} pairs for clerical review to {written} (PERSONAL DATA: authorised reviewers "
                     "only)")
    if args.dashboard:
        notes.append(f"wrote the comparison viewer dashboard to {args.dashboard} (PERSONAL DATA)")
    if args.json:
        return json.dumps({"histories": str(paths[0]), "sidecar": [str(p) for p in paths[1:]],
                           "review": args.review, "dashboard": args.dashboard, **summary})
    return "\n".join([
        result.summary.render(public=args.public, min_cell=args.min_cell),
        f"wrote {paths[0]} (capture histories) and {paths[1].name}, {paths[2].name} (linkage sidecar)",
        *notes,
    ])


def estimate_with_replicates(spec: Any, args: argparse.Namespace, histories: CaptureHistories) -> EstimateResult:
    """``estimate --linkage-replicates R``: combine estimates over R linkage replicates."""
    import dataclasses

    from .files import read_linkage
    from .replicates import estimate_with_linkage_replicates

    if args.linkage_replicates < 2:
        raise ValueError(f"--linkage-replicates must be >= 2; got {args.linkage_replicates}")
    linkage = read_linkage(args.file)
    wanted = args.strata[0] if args.strata else None
    if args.strata and len(args.strata) > 1:
        raise ValueError("--linkage-replicates takes at most one --strata column (the one given to 'link')")
    if wanted is not None and wanted != linkage.stratum_column:
        raise ValueError(f"--strata {wanted!r} does not match the linkage's stratum column "
                         f"{linkage.stratum_column!r}; rerun 'removals link --strata {wanted}'")
    if wanted is None and linkage.stratum_column is not None:
        linkage = dataclasses.replace(linkage, node_stratum=None, stratum_column=None)
    if tuple(histories.lists) != linkage.lists:
        raise ValueError("the histories file's lists differ from its linkage sidecar's; rerun 'removals link'")
    return estimate_with_linkage_replicates(spec, linkage, args.linkage_replicates, seed=args.seed)
