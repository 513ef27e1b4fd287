"""Time ``removals compare`` (the API, every applicable method) on every closed benchmark file.

Usage: ``python bench/bench_compare.py [--budget standard] [--files A,B] [--out FILE.md]``.
Prints one markdown row per file: lists, people, wall and CPU seconds (CPU counts every
thread of the process), the slowest steps, the load average before and after, and how
many methods gave an estimate.  Wall time on a shared machine depends on the load: read
CPU seconds for the cost, wall seconds for what a user waits.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

from estimators import data
from estimators.exceptions import RemovalsWarning
from estimators.studies.compare import compare
from estimators.studies.main_job import closed_benchmarks


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--budget", default="standard")
    ap.add_argument("--files", help="comma-separated benchmark names (default: every closed benchmark)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    names = args.files.split(",") if args.files else closed_benchmarks()
    print(f"budget {args.budget}, seed {args.seed}, {os.cpu_count()} CPUs")
    print("| file | k | observed | wall s | CPU s | load before / after | estimates | slowest steps (wall s) |")
    print("|---|---|---|---|---|---|---|---|")
    for name in names:
        h = data.load_benchmark(name)
        load0 = os.getloadavg()[0]
        cpu0, t0 = time.process_time(), time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RemovalsWarning)
            c = compare(h, seed=args.seed, budget=args.budget)
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
        load1 = os.getloadavg()[0]
        steps = sorted(((v, k) for k, v in c.seconds.items() if k != "total"), reverse=True)[:3]
        slow = ", ".join(f"{k} {v:.0f}" for v, k in steps)
        n_est = sum(r.has_estimate for r in c.results.values())
        print(f"| {name} | {len(c.lists)} | {c.observed:,} | {wall:.0f} | {cpu:.0f} | {load0:.1f} / {load1:.1f} | "
              f"{n_est}/{len(c.results)} | {slow} |", flush=True)


if __name__ == "__main__":
    main()
