"""How far the three heterogeneity forms of ``recommended`` disagree about N, per grid replicate.

For every replicate of the named designs of :mod:`estimators.studies.grid` (SYNTHETIC,
master seed 20261206 as the grid study), runs ``recommended`` and reads
``details.heterogeneity``: whether heterogeneity shows, and the spread (largest / smallest
estimate - 1) of the Darroch, Poisson2 and Gamma3.5 forms fitted on the base where it
showed; prints one line per design (min, max, replicates without an estimate for a form).
This is the measurement behind ``form_agreement`` (bench/RESULTS.md, "Slight heterogeneity").

Run: ``python bench/form_spread.py --designs heldout_referral_7_N30000,gamma_6_N10000 [--replicates 20]``
"""

from __future__ import annotations

import argparse
import sys
import warnings

import numpy as np

from estimators import estimate
from estimators.recommended import HETEROGENEITY_FORMS
from estimators.studies.grid import DESIGNS, design_seeds


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--designs", required=True)
    p.add_argument("--replicates", type=int, default=20)
    p.add_argument("--seed", type=int, default=20261206)
    a = p.parse_args(argv)
    for name in a.designs.split(","):
        spreads, missing, shown = [], 0, 0
        for s in design_seeds(a.seed, name, a.replicates):
            histories = DESIGNS[name].simulate(np.random.default_rng(s)).histories
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                het = estimate(histories, "recommended", seed=s).details["heterogeneity"]
            if not het["shown"]:
                continue
            shown += 1
            base = het["best_form"].rsplit(" + ", 1)[0]
            ests = [het["forms"].get(f"{base} + {f}", {}).get("estimate") for f in HETEROGENEITY_FORMS]
            if any(e is None for e in ests):
                missing += 1
                continue
            spreads.append(max(ests) / min(ests) - 1)
        span = f"{100 * min(spreads):.1f}%-{100 * max(spreads):.1f}%" if spreads else "-"
        emit(f"{name}: heterogeneity shown in {shown}/{a.replicates}; spread {span}; a form without estimate in "
             f"{missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
