"""Benchmark record linkage: K SYNTHETIC lists of about M records each, linked end to end.

Generates the lists with :func:`estimators.linkage.synthetic.generate_lists` (seeded;
excluded from the timing), writes them as CSV, then times ``link_lists`` from the files
(reading, validation, standardisation, Splink training and prediction on DuckDB,
clustering, capture histories) and writing the linkage output.  Reports wall time, CPU
time of the process (user + system, all threads: DuckDB runs on every core), peak
resident memory, the Splink steps' times, the number of scored pairs, pairwise
precision/recall against the generator's truth, the load average (the machine may be
shared), and the estimate of N with linkage uncertainty (``Mth-darroch``, which suits
the generator's heterogeneous capture, and ``loglinear`` with AIC) beside the same
method on the true linkage.

Run: ``python bench/bench_linkage.py [--per-list 100000] [--lists 3] [--seed 1]``;
prints a markdown table (paste into bench/RESULTS.md with the machine and date).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from estimators import methods
from estimators.linkage.model import LinkageSettings
from estimators.linkage.pipeline import link_lists
from estimators.linkage.replicates import estimate_with_linkage_replicates
from estimators.linkage.synthetic import DEFAULT_PROFILES, generate_lists, pairwise_quality


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-list", type=int, default=100_000, help="target records per list (default 100,000)")
    ap.add_argument("--lists", type=int, default=3, help="number of lists (default 3)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threshold", type=float, default=LinkageSettings().threshold)
    ap.add_argument("--replicates", type=int, default=20, help="linkage replicates for the estimate (default 20)")
    args = ap.parse_args(argv)
    logging.getLogger("splink").addHandler(logging.NullHandler())
    capture = 0.5
    profiles = [dataclasses.replace(DEFAULT_PROFILES[i % len(DEFAULT_PROFILES)], capture=capture)
                for i in range(args.lists)]
    # per list ~ N * capture * (1 + duplicate share); the shared random effect lowers it a little
    n = int(args.per_list / (capture * 1.02) * 1.03)
    emit(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
         f"load average {os.getloadavg()[0]:.2f}")
    t = time.perf_counter()
    data = generate_lists(n, profiles=profiles, seed=args.seed)
    emit(f"generated SYNTHETIC lists in {time.perf_counter() - t:.1f} s (not timed below): N = {n:,}, "
         + ", ".join(f"{k} {len(v):,}" for k, v in data.lists.items()))
    with tempfile.TemporaryDirectory() as tmp:
        paths = data.write(tmp)
        c0, t0 = cpu_seconds(), time.perf_counter()
        result = link_lists(paths, settings=LinkageSettings(threshold=args.threshold, seed=args.seed))
        result.write(Path(tmp) / "histories.csv")
        wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    truth = pd.concat([data.truth[data.truth["list"] == k].reset_index(drop=True) for k in data.lists],
                      ignore_index=True)
    q = pairwise_quality(pd.Series(result.labels), truth["person_id"])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    emit("")
    emit("| lists x records | wall (s) | CPU (s) | peak RSS (MB) | standardise / u / EM / predict (s) "
         "| scored pairs | precision | recall |")
    emit("|---|---|---|---|---|---|---|---|")
    s = result.scored.seconds
    emit(f"| {args.lists} x ~{args.per_list:,} ({result.scored.n:,} records) | {wall:.1f} | {cpu:.1f} | {peak:,.0f} "
         f"| {s.get('standardise', 0):.1f} / {s.get('u', 0):.1f} / {s.get('em', 0):.1f} / {s.get('predict', 0):.1f} "
         f"| {len(result.data.probability):,} | {q['precision']:.4f} | {q['recall']:.4f} |")
    emit("")
    emit(f"children observed: linked {result.histories.n:,}, true {data.true_histories().n:,}; "
         f"threshold {args.threshold}; seed {args.seed}; load average now {os.getloadavg()[0]:.2f}")
    identity = {lv["level"]: lv["m"] for lv in result.scored.parameters["comparisons"].get("identity", [])}
    if identity:
        emit(f"EM share of matches with every identity field rewritten: "
             f"{identity.get('every identity field present differs', float('nan')):.4f}")
    for method in ("Mth-darroch", "loglinear"):
        spec = methods.create(method, seed=args.seed)
        c0, t0 = cpu_seconds(), time.perf_counter()
        combined = estimate_with_linkage_replicates(spec, result.data, args.replicates, seed=args.seed)
        wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
        point = combined.details["linkage"]["point_linkage"]
        truth = spec.fit(data.true_histories())
        emit(f"{method} with {args.replicates} linkage replicates: {wall:.1f} s wall, {cpu:.1f} s CPU; "
             f"point linkage {point['estimate']:,.0f} [{point['lower']:,.0f}, {point['upper']:,.0f}], "
             f"combined {combined.estimate:,.0f} [{combined.lower:,.0f}, {combined.upper:,.0f}], "
             f"true-linkage {truth.estimate:,.0f} [{truth.lower:,.0f}, {truth.upper:,.0f}], true N {n:,} (SYNTHETIC)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
