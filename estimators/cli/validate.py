"""``removals validate FILE``: check a capture-history file and summarise it."""

from __future__ import annotations

import argparse
from typing import Any

from .common import EXIT_OK, add_input_arguments, emit, emit_json, parse_lists


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``validate`` on the main parser's subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
        "validate", help="check a capture-history file",
        description="Validate a capture-history file and summarise it; exit 2 with the file, row and column of "
        "the first problem.")
    add_input_arguments(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from ..linkage.files import read_histories_noted

    h, notes = read_histories_noted(args.file, lists=parse_lists(args.lists), strata=args.strata,
                                    aggregate=args.aggregate)
    strata = [dict(zip(h.strata_columns, lab, strict=True)) for lab in h.strata_labels()]
    if args.json:
        emit_json({"file": args.file, "valid": True, "lists": list(h.lists), "observed": h.n,
                   "list_sizes": h.list_sizes, "patterns": int(len(h.counts)), "strata": strata,
                   "notes": list(notes)})
        return EXIT_OK
    lines = [f"{args.file}: valid; {h.k} lists ({', '.join(h.lists)}), {h.n:,} people observed, "
             f"{len(h.counts)} pattern rows" + (f", {len(strata)} strata" if h.is_stratified else "")]
    lines += [f"  {name}: {size:,}" for name, size in h.list_sizes.items()]
    lines += [f"note: {text}" for text in notes]
    emit("\n".join(lines))
    return EXIT_OK
