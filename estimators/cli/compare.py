"""``removals compare FILE``: every applicable method side by side (no averaging across families).

Contract (stable): ``removals compare FILE [--method NAME ...] [--exclude NAME ...]
[--budget standard|fast|full] [--option METHOD.KEY=VALUE] [--no-consistency]
[--no-drop-one] [--level 0.95] [--seed N] --json`` prints one JSON object: ``command,
lists, observed, level, seed, budget, families_disagree, messages, methods,
disagreements, consistency, drop_one, settings, results`` (see
:meth:`estimators.studies.compare.Comparison.to_dict`).  Exit 0 when at least one method
gives an estimate, 3 when none does (JSON still printed), 2 on bad input or usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING, Any

from .._format import number
from .common import (
    DEFAULT_SEED,
    EXIT_NO_ESTIMATE,
    EXIT_OK,
    UsageError,
    add_input_arguments,
    emit,
    emit_json,
    parse_lists,
    status_line,
)

if TYPE_CHECKING:
    from ..studies.compare import Comparison

BUDGET_CHOICES = ("standard", "fast", "full")


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``compare`` on the main parser's subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
        "compare", help="every applicable method side by side, with checks on your data",
        description="Fit every method that takes this many lists to the same capture histories and show them "
                    "side by side: estimate, interval, status, diagnostics, the assumption each rests on, its "
                    "error on this file's own lists (internal consistency) and how it moves when one list is "
                    "dropped. Flags when families of methods disagree beyond their intervals; never averages "
                    "them into one number.")
    add_input_arguments(p)
    p.add_argument("--method", action="append", metavar="NAME",
                   help="compare only these methods (repeatable or comma-separated; default: every method that "
                        "takes this many lists)")
    p.add_argument("--exclude", action="append", metavar="NAME", help="leave these methods out (repeatable)")
    p.add_argument("--budget", choices=BUDGET_CHOICES, default="standard",
                   help="sampler settings: standard (default, about a minute or two), fast (a first look), "
                        "full (each method's own defaults, as 'removals estimate')")
    p.add_argument("--option", action="append", metavar="METHOD.KEY=VALUE",
                   help="a setting of one method, e.g. lcm.K=20 (repeatable)")
    p.add_argument("--no-consistency", action="store_true", help="skip the internal-consistency check")
    p.add_argument("--no-drop-one", action="store_true", help="skip the drop-one-list sensitivity")
    p.add_argument("--min-observed", type=int, default=30,
                   help="internal consistency: use a list as reference only when at least this many of its "
                        "people are on another list (default 30)")
    p.add_argument("--level", type=float, default=0.95, help="interval level (default 0.95)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N", help="run the methods in N local processes (the numbers "
                       "do not change)")
    where.add_argument("--scheduler", metavar="ADDRESS", help="run them on a Dask cluster, e.g. tcp://HOST:8786 "
                       "(needs removals[dask]; the numbers do not change)")
    p.set_defaults(func=run)
    return p


def _names(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def parse_options(items: list[str] | None) -> dict[str, dict[str, Any]]:
    """``["lcm.K=20", "dga.draws=500"]`` -> ``{"lcm": {"K": 20}, "dga": {"draws": 500}}``."""
    from .estimate import _option_value

    out: dict[str, dict[str, Any]] = {}
    for item in items or ():
        key, sep, raw = item.partition("=")
        method, dot, name = key.strip().rpartition(".")
        if not sep or not dot or not method or not name:
            raise UsageError(f"--option takes METHOD.KEY=VALUE (e.g. lcm.K=20); got {item!r}")
        if name in ("level", "seed"):
            raise UsageError(f"--option {method}.{name}: use --{name} (it applies to every method)")
        out.setdefault(method, {})[name] = _option_value(raw.strip())
    return out


def _pct(x: Any) -> str:
    from .._format import is_missing

    return "-" if is_missing(x) else f"{x:+.0%}"


def render(c: Comparison, source: str) -> str:
    """Readable text of a comparison (the CLI's non-JSON output)."""
    from .._format import is_missing

    t = c.summary()
    lines = [f"compare: {source}    lists: {', '.join(c.lists)}    observed: {c.observed:,}    "
             f"level: {c.level:g}    seed: {c.seed}    budget: {c.budget}", ""]
    lines.append(f"{'method':<16}{'family':<26}{'estimate':>10}{'lower':>10}{'upper':>10}  {'status':<15}"
                 "diagnostics / model")
    for r in t.itertuples(index=False):
        if not is_missing(r.r_hat):
            diag = f"R-hat {number(r.r_hat, 3)}, ESS {number(r.ess_bulk)}/{number(r.ess_tail)}"
            if not is_missing(r.divergences):
                diag += f", {r.divergences} divergences"
        else:
            diag = r.model if isinstance(r.model, str) else ""
        lines.append(f"{r.method:<16}{str(r.family)[:25]:<26}{number(r.estimate):>10}{number(r.lower):>10}"
                     f"{number(r.upper):>10}  {r.status:<15}{diag[:60]}")
    if c.consistency is not None:
        lines += ["", "Internal consistency (each list's people, a known number, estimated from the other lists):",
                  f"{'method':<16}{'lists':>6}{'avg error':>11}{'lowest':>9}{'highest':>9}{'covered':>9}  note"]
        for r in t.itertuples(index=False):
            covered = "-" if is_missing(r.consistency_coverage) else f"{r.consistency_coverage:.0%}"
            n = 0 if is_missing(r.consistency_lists) else int(r.consistency_lists)  # type: ignore[arg-type]
            lines.append(f"{r.method:<16}{n:>6}{_pct(r.consistency_relative_bias):>11}"
                         f"{_pct(r.consistency_min_relative_bias):>9}{_pct(r.consistency_max_relative_bias):>9}"
                         f"{covered:>9}  {str(r.consistency_note)[:70]}")
    if c.drop_one is not None:
        lines += ["", "Drop one list (estimate with each list left out in turn):",
                  f"{'method':<16}{'fits':>5}{'lowest':>10}{'highest':>10}  largest move"]
        for r in t.itertuples(index=False):
            move = "" if is_missing(r.drop_one_largest_change) else \
                f"{_pct(r.drop_one_largest_change)} without {r.drop_one_most_influential}"
            lines.append(f"{r.method:<16}{r.drop_one_fits:>5}{number(r.drop_one_low):>10}"
                         f"{number(r.drop_one_high):>10}  {move}")
    lines += ["", "Assumptions:"]
    lines += [f"  {r.method}: {r.assumption}" for r in t.itertuples(index=False)]
    lines += ["", "What this means:"]
    lines += [f"  - {m}" for m in c.messages]
    lines.append("")
    lines.append("observed = documented minimum (people on at least one list); estimate = total incl. unobserved")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Read the file, compare the methods, print the table (or JSON)."""
    from ..linkage.files import read_histories_noted
    from ..studies.compare import compare

    if not 0 < args.level < 1:
        raise UsageError(f"--level must be strictly between 0 and 1; got {args.level}")
    if args.min_observed < 1:
        raise UsageError(f"--min-observed must be >= 1; got {args.min_observed}")
    histories, read_notes = read_histories_noted(args.file, lists=parse_lists(args.lists), strata=args.strata,
                                                 aggregate=args.aggregate)
    from ..linkage.files import linkage_note

    note = linkage_note(args.file, subject="Every interval here",  # output of 'removals link'
                        remedy="Run 'removals estimate FILE --linkage-replicates R' (e.g. 20)")
    show = not args.json and bool(getattr(sys.stderr, "isatty", lambda: False)())

    def progress(text: str) -> None:
        if show:
            status_line(f"compare: {text}")

    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be >= 1; got {args.workers}")
    from .estimate import _executor

    try:
        with _executor(args) as executor:
            c = compare(histories, seed=args.seed, methods=_names(args.method), exclude=_names(args.exclude) or (),
                        budget=args.budget, options=parse_options(args.option), level=args.level,
                        consistency=not args.no_consistency, drop_one=not args.no_drop_one,
                        min_observed=args.min_observed, progress=None if args.json else progress,
                        executor=executor)
    finally:
        if show:
            status_line("")
    said = [text[0].upper() + text[1:] + "." for text in read_notes]  # rows merged, strata pooled
    if note is not None:
        said.append(note[0].upper() + note[1:] + ".")
    if said:
        c = dataclasses.replace(c, messages=(*c.messages, *said))
    if args.json:
        emit_json(c.to_dict())
    else:
        emit(render(c, str(args.file)))
    return EXIT_OK if c.has_estimate else EXIT_NO_ESTIMATE
