"""Coverage when lists document people in groups (SYNTHETIC; estimators.studies.group_capture).

Every estimator assumes people are caught independently of one another; lists that
document a group at a time (a roster, a news story, a transfer order) break that.  For
each design, ``--replicates`` data sets are simulated (seeds spawned from ``--seed`` per
design, as in the coverage grid) and each method fitted; an interval covers when
lower <= N <= upper, a lower limit alone when lower <= N (as in
:func:`estimators.studies.grid.run_grid`).  ``--heldout`` runs the held-out design only.

Run: ``python bench/group_capture_study.py [--replicates 40] [--seed 20261206]
[--methods recommended,recommended-c1,loglinear] [--heldout]``
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's package

from estimators import methods  # noqa: E402
from estimators.studies import grid  # noqa: E402
from estimators.studies.group_capture import DESIGNS, HELDOUT, LABEL  # noqa: E402

#: label -> (registered method, options)
CATALOGUE: dict[str, tuple[str, dict[str, Any]]] = {
    "recommended": ("recommended", {}),
    "recommended-c1": ("recommended", {"overdispersion": "none"}),  # as before the overdispersion estimate
    "loglinear": ("loglinear", {}),
    "loglinear-avg": ("loglinear", {"averaging": "aic"}),
}


def emit(text: str) -> None:
    """The script's output layer."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def med(values: list[float]) -> str:
    """Median to two decimals ('-' when there is none)."""
    return f"{np.median(values):.2f}" if values else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--methods", default="recommended,recommended-c1,loglinear",
                        help=f"labels of {', '.join(CATALOGUE)}")
    parser.add_argument("--heldout", action="store_true", help="run the held-out design only")
    args = parser.parse_args()
    designs = [HELDOUT] if args.heldout else list(DESIGNS.values())
    emit(f"{LABEL}; {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
         f"{time.strftime('%Y-%m-%d %H:%M')}; master seed {args.seed}, {args.replicates} replicates\n")
    emit("| design | method | covered | bounded | median width / N (bounded) | median estimate / N | median c-hat |")
    emit("|---|---|---|---|---|---|---|")
    for design in designs:
        seeds = grid.design_seeds(args.seed, design.name, args.replicates)
        sims = [design.simulate(np.random.default_rng(s)) for s in seeds]
        for label in args.methods.split(","):
            method, options = CATALOGUE[label]
            covered, widths, ests, chat = 0, [], [], []
            for sim in sims:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    r = methods.create(method, seed=1, **options).fit(sim.histories)
                N = sim.true_n
                covered += int(r.lower is not None and r.lower <= N and (r.upper is None or N <= r.upper))
                if r.lower is not None and r.upper is not None:
                    widths.append((r.upper - r.lower) / N)
                if r.estimate is not None:
                    ests.append(r.estimate / N)
                od = r.details.get("overdispersion")
                if od:
                    chat.append(od["c_hat"])
            emit(f"| {design.name} | {label} | {covered}/{len(sims)} | {len(widths)}/{len(sims)} | {med(widths)} | "
                 f"{med(ests)} | {med(chat)} |")


if __name__ == "__main__":
    main()
