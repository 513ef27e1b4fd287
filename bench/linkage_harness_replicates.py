"""Does the interval with linkage replicates cover the true-history N̂?  On the harness's profiles.

For each tuning profile of ``tests/harness`` and each held-out profile named with
``--heldout`` (the flags of ``bench/linkage_harness.py``; only profiles that have already
had their one run belong there), generates the SYNTHETIC lists, links them with ``link_lists``, and
compares three log-linear (AIC) fits: on the true histories, on the point linkage, and
combined over R linkage replicates (``estimate_with_linkage_replicates``, Rubin's rules).
Prints one line per profile (aggregates only).

Run: ``python bench/linkage_harness_replicates.py [--n 3000] [--replicates 20] [--seed 0] [--link-seed 1]
[--profiles p1_registers,...] [--heldout heldout,heldout2,...]``
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: tests.harness

from estimators import methods  # noqa: E402
from estimators.linkage.pipeline import link_lists  # noqa: E402
from estimators.linkage.replicates import estimate_with_linkage_replicates  # noqa: E402
from tests.harness import TUNING, generate, write_profile  # noqa: E402
from tests.harness.metrics import histories, pattern_counts  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/: the harness script's held-out table
from linkage_harness import HELD_OUT  # noqa: E402


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--replicates", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0, help="generation seed")
    ap.add_argument("--link-seed", type=int, default=1)
    ap.add_argument("--profiles", default=",".join(TUNING))
    ap.add_argument("--heldout", default="", help="held-out flags of linkage_harness.py, comma-separated")
    args = ap.parse_args(argv)
    names = [p for p in args.profiles.split(",") if p]
    if any(p not in TUNING for p in names):
        ap.error(f"tuning profiles: {', '.join(TUNING)}")
    flags = [h for h in args.heldout.split(",") if h]
    if any(h not in HELD_OUT for h in flags):
        ap.error(f"held-out flags: {', '.join(HELD_OUT)}")
    logging.getLogger("splink").setLevel(logging.ERROR)
    emit(f"# SYNTHETIC harness profiles, n = {args.n:,}, {args.replicates} linkage replicates, loglinear (AIC)")
    jobs = [(name, lambda name=name: generate(name, args.n, args.seed)) for name in names]
    jobs += [(HELD_OUT[h][0], lambda h=h: HELD_OUT[h][1](args.n, args.seed)) for h in flags]
    for name, make in jobs:
        data = make()
        with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = link_lists(write_profile(data, tmp, "csv"), seed=args.link_seed)
            k = len(data.lists)
            true = histories(pattern_counts(data.true_child, data.record_list, k), data.list_names)
            spec = methods.create("loglinear", seed=args.link_seed)
            fit = spec.fit(true)
            combined = estimate_with_linkage_replicates(spec, result.data, args.replicates, seed=args.link_seed)
        point = combined.details["linkage"]["point_linkage"]
        covers = combined.lower <= fit.estimate <= combined.upper
        emit(f"{name}: true-history {fit.estimate:,.0f} [{fit.lower:,.0f}, {fit.upper:,.0f}]; point linkage "
             f"{point['estimate']:,.0f} [{point['lower']:,.0f}, {point['upper']:,.0f}]; combined "
             f"{combined.estimate:,.0f} [{combined.lower:,.0f}, {combined.upper:,.0f}]; covers: {covers}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
