"""Run the coverage grid (estimators.studies.grid) for a set of methods; print the per-design table.

SYNTHETIC data only.  Results are cached per (design, method, options, seed) under
``--cache`` (default /work/scratch/grid or $REMOVALS_GRID_CACHE), so a rerun recomputes
nothing already done.  Run long jobs under ``nice``:

    nice -n 10 python bench/grid_study.py --methods loglinear-aic,Mth-darroch --designs tuning
    nice -n 10 python bench/grid_study.py --methods recommended --designs heldout --markdown out.md

``--designs`` takes ``tuning``, ``heldout``, ``heldout2``, ``heldout3``, ``all`` or comma-separated
design names; ``--methods`` takes labels of :data:`CATALOGUE` (comma-separated).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from estimators.studies import grid

LCM_BUDGET = {"burnin": 2000, "draws": 1000, "thin": 5, "max_iterations": 40_000}

#: label -> (registered method, options)
CATALOGUE: dict[str, tuple[str, dict[str, Any]]] = {
    "loglinear-aic": ("loglinear", {}),
    "loglinear-bic": ("loglinear", {"criterion": "bic"}),
    "loglinear-avg": ("loglinear", {"averaging": "aic"}),
    "loglinear-boot": ("loglinear", {"interval": "bootstrap-reselect", "bootstrap_replicates": 200}),
    "Mt": ("Mt", {}),
    "Mth-chao": ("Mth-chao", {}),
    "Mth-darroch": ("Mth-darroch", {}),
    "Mth-poisson2": ("Mth-poisson2", {}),
    "Mth-gamma3.5": ("Mth-gamma3.5", {}),
    "Mh-chao": ("Mh-chao", {}),
    "dga": ("dga", {}),
    "lcm": ("lcm", LCM_BUDGET),
    # lcm as a user runs it: default run rules (extended until R-hat <= 1.01 and ESS >= 400, up to its budget)
    "lcm-default": ("lcm", {}),
    # its options for honest upper limits (issue 12.2): StanLCMCR's calibrated prior (N/n of a class in
    # [1.1, 3], lognormal concentration), and the prior-sensitivity rule (no upper limit when the
    # upper limit moves by more than 10% between N/n in [1.1, 3] and [1.1, 5])
    "lcm-calibrated": ("lcm", {"prior_range": (1.1, 3.0), "alpha_prior": "lognormal"}),
    "lcm-sensitivity": ("lcm", {"sensitivity": True}),
    "recommended": ("recommended", {}),
    # the version before the form-agreement step (a lower limit whenever heterogeneity is shown)
    "recommended-lower-only": ("recommended", {"form_agreement": 0.0}),
    # the first version (before the stepwise heterogeneity search): only its cached rows are read
    "recommended-v1": ("recommended", {}),
}

#: Fewer replicates where one fit takes minutes (stepwise search over 10 lists, N = 100,000).
REPLICATES = {"classes3_10_N100000": 10}


def cached(labels: list[str], designs: list[str], reps: dict[str, int], seed: int, cache: Path) -> pd.DataFrame:
    """The cached replicates (the first ``reps[design]``) of each label and design, stacked."""
    frames = []
    for d in designs:
        for label in labels:
            method, options = CATALOGUE[label]
            path = grid._cache_file(cache, d, label, method, {**options, "level": 0.95}, seed)
            if path.exists():
                t = pd.read_parquet(path)
                t = t[t["replicate"] < reps[d]].assign(method=label)
                frames.append(t)
    return grid._dtypes(pd.concat(frames, ignore_index=True))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--methods", required=True)
    p.add_argument("--designs", default="tuning")
    p.add_argument("--replicates", type=int, default=20)
    p.add_argument("--seed", type=int, default=20261206)
    p.add_argument("--cache", default=os.environ.get("REMOVALS_GRID_CACHE", "/work/scratch/grid"))
    p.add_argument("--markdown", help="write the per-design table here")
    p.add_argument("--csv", help="write the per-replicate table here")
    p.add_argument("--cached-only", action="store_true",
                   help="fit nothing: summarise the replicates already in the cache (a method or design "
                        "without cached rows is left out)")
    a = p.parse_args(argv)
    labels = a.methods.split(",")
    bad = [m for m in labels if m not in CATALOGUE]
    if bad:
        p.error(f"unknown method label(s) {bad}; choose from {', '.join(CATALOGUE)}")
    if a.designs == "tuning":
        designs = list(grid.TUNING)
    elif a.designs == "heldout":
        designs = list(grid.HELDOUT)
    elif a.designs == "heldout2":
        designs = list(grid.HELDOUT2)
    elif a.designs == "heldout3":
        designs = list(grid.HELDOUT3)
    elif a.designs == "all":
        designs = list(grid.DESIGNS)
    else:
        designs = a.designs.split(",")
    reps = {d: min(a.replicates, REPLICATES.get(d, a.replicates)) for d in designs}
    if a.cached_only:
        table = cached(labels, designs, reps, a.seed, Path(a.cache))
        summary = grid.summarise(table)
        md = grid.markdown_table(summary, [m for m in labels if m in set(summary["method"])])
        sys.stdout.write(md + "\n")
        if a.markdown:
            Path(a.markdown).write_text(md + "\n")
        if a.csv:
            table.to_csv(a.csv, index=False)
        return 0
    frames = []
    for d in designs:  # one design at a time, so partial progress is cached and printed
        t = grid.run_grid({m: CATALOGUE[m] for m in labels}, [d], replicates=reps, seed=a.seed, cache_dir=a.cache)
        frames.append(t)
        s = grid.summarise(t)
        sys.stdout.write(s.to_string(index=False) + "\n")
        sys.stdout.flush()
    table = pd.concat(frames, ignore_index=True)
    summary = grid.summarise(table)
    md = grid.markdown_table(summary, labels)
    sys.stdout.write("\n" + md + "\n")
    if a.markdown:
        Path(a.markdown).write_text(md + "\n")
    if a.csv:
        table.to_csv(a.csv, index=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
