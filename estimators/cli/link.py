"""``removals link LIST ... --out HISTORIES.csv``: raw lists -> capture histories (record linkage)."""

from __future__ import annotations

import argparse
import contextlib
import logging
from pathlib import Path
from typing import Any

from .common import DEFAULT_SEED, EXIT_OK, UsageError, emit, emit_json

# The linkage's stratum columns (estimators.linkage.histories.STRATUM_COLUMNS), stated here so
# that building the parser does not import the linkage (Splink, DuckDB).
STRATUM_COLUMNS = ("origin_settlement", "origin_institution", "destination", "sex")
# Splink's backends (estimators.linkage.backends.BACKENDS), stated here for the same reason.
BACKENDS = ("duckdb", "spark")


def _quiet_splink() -> None:
    # Splink logs progress notes (no data values) on its "splink" logger; the CLI shows
    # only its own output, so they go to a NullHandler instead of Python's last resort.
    logger = logging.getLogger("splink")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _list_path(item: str) -> str:
    """The file of a ``LIST`` argument (``NAME=FILE`` or ``FILE``)."""
    name, sep, path = item.partition("=")
    return path if sep and name and not Path(item).exists() else item


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``link`` on the main parser's subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
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
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    p.add_argument("--public", action="store_true", help="suppress summary cells below --min-cell")
    p.add_argument("--min-cell", type=int, default=5, help="smallest count shown in public output (default 5)")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    p.add_argument("--keep-thin-records", action="store_true",
                   help="keep records too thin to link (no family and given name in full, nor a full birth date with "
                        "one of them where another list mostly records full birth dates) in the histories; by default "
                        "they are left out and counted per list")
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
    p.add_argument("--backend", choices=BACKENDS, default="duckdb",
                   help="Splink's database: duckdb (embedded, default) or spark (needs removals[spark] and Java 17+)")
    p.add_argument("--spark-master", metavar="MASTER", help="with --backend spark: local[N] (this machine, N cores; "
                   "the default is local[2]) or a cluster, e.g. spark://HOST:7077")
    p.add_argument("--spark-conf", action="append", metavar="KEY=VALUE",
                   help="with --backend spark: a Spark setting, e.g. spark.driver.memory=8g (repeatable)")
    p.set_defaults(func=run)
    return p


def _spark_conf(args: argparse.Namespace) -> dict[str, str]:
    """``--spark-conf KEY=VALUE`` settings (usage errors for Spark options without ``--backend spark``)."""
    if args.backend != "spark" and (args.spark_master or args.spark_conf):
        raise UsageError("--spark-master and --spark-conf need --backend spark")
    conf: dict[str, str] = {}
    for item in args.spark_conf or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--spark-conf takes KEY=VALUE; got {item!r}")
        conf[key.strip()] = value.strip()
    return conf


def run(args: argparse.Namespace) -> int:
    """Link the lists, write the histories and sidecar, print the aggregate summary."""
    if not 0 < args.threshold < 1:
        raise UsageError(f"--threshold must be strictly between 0 and 1; got {args.threshold}")
    if args.min_cell < 1:
        raise UsageError(f"--min-cell must be >= 1; got {args.min_cell}")
    from ..validation import check_int

    check_int(args.seed, "--seed", minimum=0)  # as estimate and compare: the seed recorded is a non-negative integer
    if not str(args.out).lower().endswith(".csv"):
        raise UsageError(f"--out must name a .csv file; got {args.out!r}")
    from .._io import check_output_path
    from ..linkage.files import sidecar_paths

    if args.review_size < 1:
        raise UsageError(f"--review-size must be >= 1; got {args.review_size}")
    inputs = [_list_path(item) for item in args.files]
    outputs = [("--out", p) for p in (args.out, *sidecar_paths(args.out))]
    outputs += [(f"--{o}", getattr(args, o)) for o in ("review", "dashboard") if getattr(args, o)]
    seen: set[str] = set()
    for flag, path in outputs:  # before the work: a bad output path fails now, not after the linkage
        check_output_path(path, inputs=[*inputs, *([args.labels] if args.labels else [])], what=flag)
        key = str(Path(path).resolve())
        if key in seen:
            raise UsageError(f"{flag} {path} is also another output of this command")
        seen.add(key)
    if args.labels:  # before the work: a missing file, folder or FIFO fails now, not after the linkage
        from ..validation import check_input_file

        check_input_file(args.labels)
    spark_conf = _spark_conf(args)
    from ..linkage.model import LinkageSettings
    from ..linkage.pipeline import link_lists
    from ..linkage.schema import read_lists

    _quiet_splink()
    lists = read_lists(args.files)
    settings = LinkageSettings(threshold=args.threshold, keep_above=min(0.01, args.threshold), seed=args.seed,
                               backend=args.backend, keep_thin_records=args.keep_thin_records)
    with contextlib.ExitStack() as stack:
        spark = None
        if args.backend == "spark":
            from ..linkage.backends import spark_session

            try:
                spark = stack.enter_context(spark_session(args.spark_master or "local[2]", config=spark_conf))
            except ImportError as exc:  # pyspark missing: say how to install it
                raise UsageError(str(exc)) from None
        if args.labels:
            from ..linkage.review import link_with_labels

            result = link_with_labels(lists, args.labels, settings=settings, strata=args.strata,
                                      dashboard=args.dashboard, spark_session=spark)
        else:
            result = link_lists(lists, settings=settings, strata=args.strata, dashboard=args.dashboard,
                                spark_session=spark)
    paths = result.write(args.out, public=args.public, min_cell=args.min_cell)
    summary = result.summary.to_dict(public=args.public, min_cell=args.min_cell)
    notes = []
    if args.review:
        from ..linkage.review import review_sample, write_review

        sample = review_sample(result.scored.pairs, result.labels, lists, size=args.review_size,
                               seed=result.settings.seed or 0)
        written = write_review(sample, args.review)
        notes.append(f"wrote {len(sample)} pairs for clerical review to {written} (PERSONAL DATA: authorised "
                     "reviewers only)")
    if args.dashboard:
        notes.append(f"wrote the comparison viewer dashboard to {args.dashboard} (PERSONAL DATA)")
    if args.json:
        emit_json({"histories": str(paths[0]), "sidecar": [str(p) for p in paths[1:]],
                   "review": args.review, "dashboard": args.dashboard, **summary})
        return EXIT_OK
    emit("\n".join([
        result.summary.render(public=args.public, min_cell=args.min_cell),
        f"wrote {paths[0]} (capture histories) and {paths[1].name}, {paths[2].name} (linkage sidecar)",
        *notes,
    ]))
    return EXIT_OK
