"""Benchmark: time of every registered method on every pinned closed benchmark file,
and of the exhaustive two-way search on UKdat (Rcapture closedpMS.t: 196.5 s).

Run:  python bench/bench_estimators.py            (prints a markdown table)
Results are recorded by hand in bench/RESULTS.md with the machine and date.
"""

from __future__ import annotations

import json
import platform
import sys
import time
import warnings

from estimators import data, search_models
from estimators.methods import available, create
from estimators.studies.main_job import closed_benchmarks


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")

def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    warnings.simplefilter("ignore")
    emit(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    h = data.load_benchmark("SparseMSE_UKdat")
    t = best_of(lambda: search_models(h, criterion="aic", maxorder=2, interval="wald"), repeat=3)
    emit(f"\nUKdat exhaustive two-way search (32,768 models, selection + Wald): {t:.2f} s (Rcapture closedpMS.t 196.52 s)")
    t = best_of(lambda: search_models(h, criterion="aic", maxorder=2), repeat=3)
    emit(f"UKdat search + profile interval of the selected model: {t:.2f} s\n")
    methods = [m.name for m in available() if (m.min_lists >= 3 or m.name == "chao") and not getattr(m.spec, "bayesian", False)]  # Bayesian: bench_bayes.py
    emit("| dataset | " + " | ".join(methods) + " |")
    emit("|---" * (len(methods) + 1) + "|")
    for name in closed_benchmarks():
        hist = data.load_benchmark(name).collapse_strata()
        cells = []
        for m in methods:
            spec = create(m)
            cells.append(f"{best_of(lambda spec=spec, hist=hist: spec.fit(hist), repeat=2):.3f}")
        emit(f"| {name} | " + " | ".join(cells) + " |")
    ref = data.benchmark_reference("SparseMSE_UKdat")
    r_ms = [m["elapsed_s"] for m in ref["methods"] if "closedpMS" in m["method"]][0]
    emit(json.dumps({"rcapture_closedpMS_ukdat_s": r_ms}))


if __name__ == "__main__":
    main()
