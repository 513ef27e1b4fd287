"""Time ``removals compare FILE --json`` on every closed benchmark file, each in a fresh process.

Usage: ``python bench/bench_compare.py [--budget standard] [--files A,B] [--seed 1]``.

Each file runs as its own ``python -m estimators.cli compare`` process, as a user runs it,
so every run pays the imports and the compilations (numba kernels, the PyMC models of
``bayes-loglinear``) that a process caches.  Prints one markdown row per file: lists,
people observed, wall seconds, CPU seconds of the process (user + system, every thread),
the load average before and after, and how many methods gave an estimate.  On a shared
machine wall time depends on the load: CPU seconds are the cost, wall seconds what a user
waited here.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

from estimators import data
from estimators.studies.main_job import closed_benchmarks


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--budget", default="standard")
    ap.add_argument("--files", help="comma-separated benchmark names (default: every closed benchmark)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    names = args.files.split(",") if args.files else closed_benchmarks()
    print(f"budget {args.budget}, seed {args.seed}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print("| file | k | observed | wall s | CPU s | load before / after | estimates | exit |")
    print("|---|---|---|---|---|---|---|---|")
    for name in names:
        path = str(data.verified_path(f"benchmarks/{name}.csv"))
        strata = data.load_benchmark(name).strata_columns
        cmd = [sys.executable, "-m", "estimators.cli", "compare", path, "--budget", args.budget,
               "--seed", str(args.seed), "--json"]
        if strata:
            cmd += ["--strata", *strata]
        load0 = os.getloadavg()[0]
        cpu0, t0 = _cpu_children(), time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        wall, cpu = time.perf_counter() - t0, _cpu_children() - cpu0
        load1 = os.getloadavg()[0]
        if proc.returncode not in (0, 3):
            print(f"| {name} | - | - | {wall:.0f} | {cpu:.0f} | {load0:.1f} / {load1:.1f} | - | "
                  f"{proc.returncode}: {proc.stderr.strip()[:80]} |", flush=True)
            continue
        out = json.loads(proc.stdout)
        n_est = sum(m["estimate"] is not None for m in out["methods"])
        print(f"| {name} | {len(out['lists'])} | {out['observed']:,} | {wall:.0f} | {cpu:.0f} | "
              f"{load0:.1f} / {load1:.1f} | {n_est}/{len(out['methods'])} | {proc.returncode} |", flush=True)


if __name__ == "__main__":
    main()
