"""``removals methods``: every estimation method, one line each."""

from __future__ import annotations

import argparse
from typing import Any

from .common import EXIT_OK, emit, emit_json


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Register ``methods`` on the main parser's subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
        "methods", help="list the estimation methods", description="List every catalogued method.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from ..methods import available

    infos = available()
    if args.json:
        emit_json([{"name": m.name, "summary": m.summary, "min_lists": m.min_lists, "reference": m.reference}
                   for m in infos])
        return EXIT_OK
    width = max(len(m.name) for m in infos)
    emit("\n".join(f"{m.name:<{width}}  {m.summary}" for m in infos))
    return EXIT_OK
