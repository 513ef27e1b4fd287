"""What every subcommand shares: usage errors, the parser class, input arguments, output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, NoReturn

from .._io import console_safe

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_NO_ESTIMATE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
DEFAULT_SEED = 20231116


class UsageError(Exception):
    """Bad command-line usage (exit 2)."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are :class:`UsageError` (one line, exit 2), not SystemExit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see --help)")


def add_input_arguments(p: argparse.ArgumentParser) -> None:
    """FILE and the options that say how to read it."""
    p.add_argument("file", metavar="FILE", help="CSV or Parquet: one 0/1 column per list, optional 'count'")
    p.add_argument("--strata", nargs="+", metavar="COL", help="stratum column(s)")
    p.add_argument("--lists", metavar="A,B,...", help="list columns (default: all but count/strata)")
    p.add_argument("--aggregate", action="store_true", help="sum duplicate patterns instead of rejecting them (the output "
                   "says how many rows were merged)")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")


def parse_lists(value: str | None) -> list[str] | None:
    """``A,B,C`` -> ``["A", "B", "C"]`` (None when not given)."""
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def emit(text: str) -> None:
    """Print one block of the command's output on stdout (control characters removed)."""
    print(console_safe(text), flush=True)


def emit_json(obj: Any) -> None:
    """Print one JSON object on stdout (no NaN: missing numbers are null)."""
    print(json.dumps(obj, allow_nan=False), flush=True)


def error_line(text: str) -> None:
    """One line on stderr (control characters and line breaks removed)."""
    print(f"removals: {console_safe(' '.join(text.split()))}", file=sys.stderr, flush=True)


def status_line(text: str) -> None:
    """Overwrite the current line of stderr with a short progress note (a terminal only); ``""`` clears it."""
    shown = console_safe(" ".join(text.split()))
    print("\r" + (f"removals {shown:<70}" if shown else " " * 80 + "\r"), end="", file=sys.stderr, flush=True)
