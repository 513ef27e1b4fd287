"""Benchmark every Bayesian method on the pinned benchmark files against R's timings.

For each dataset and method: wall time, bulk ESS of N, ESS per second, and the ratio to
the R reference's elapsed time (``elapsed_s`` in ``data/benchmarks/reference/*.json``:
LCMCR 0.4.14, dga 2.0.2, conting 1.7 on R 4.2.2, same 2-core VM type).

* ``lcm`` runs LCMCR's algorithm (``collapsed=False``: the plain Gibbs sweep) with LCMCR's
  settings (K = 10, burn-in 10,000, 5,000 draws, thinning 10) and 4 chains on 2 threads,
  without the automatic extension: a like-for-like speed comparison.  The default sampler
  (collapsed moves, its own settings) against LCMCR is ``bench/bench_lcm.py``.  R's ESS is not in the
  references (LCMCR returns a bare vector), so R's ESS/s is estimated as our per-chain
  ESS (same algorithm, same sweeps) divided by R's elapsed time:
  ``ratio = (ESS_ours / t_ours) / ((ESS_ours / chains) / t_R)``, with t_ours either the
  wall time or the process CPU time (all threads; ``time.process_time``).  LCMCR is
  single-threaded, so its elapsed time is its CPU time: the per-CPU-second ratio is the
  load-robust comparison, the per-wall-second one is what a user waits on an idle
  2-core machine (it is inflated by other jobs sharing the cores).  Each timing is the
  best of ``--repeat`` runs.  The single-chain ratios ``t_R / t_1chain`` (wall and CPU)
  are printed too (pure per-sweep speed).
* ``dga`` is exact (no chains): the ratio is R's time over ours on the same grid.
* ``bayes-loglinear`` is compared in time with conting's ``bict`` (a different sampler of
  a different, model-averaged posterior): time ratio only, plus our ESS/s.

Run: ``python bench/bench_bayes.py [--methods lcm,dga,bayes-loglinear] [--datasets A,B]``;
prints a markdown table (paste into bench/RESULTS.md with the machine and date).
``--repeat 3`` takes the best of three timings for lcm (less sensitive to other jobs).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import warnings

import numpy as np

from estimators import data, methods
from estimators.exceptions import RemovalsWarning

DATASETS = [
    "CARE1_HAV",
    "dga_spina_MY1997",
    "LCMCR_kosovo_aggregate",
    "Rcapture_lesbian",
    "Rcapture_HIV",
    "CARE1_Diabetes",
    "CARE1_Congenital",
    "SparseMSE_Western",
    "SparseMSE_NewOrl_5",
    "SparseMSE_UKdat_5",
    "SparseMSE_Ned_5",
    "Rcapture_hare",
    "SparseMSE_UKdat",
]
R_ANCHOR = {"lcm": "LCMCR", "dga": "dga", "bayes-loglinear": "conting"}


def r_reference(name: str, anchor: str) -> dict | None:
    for m in data.benchmark_reference(name)["methods"]:
        if m.get("anchor") == anchor and "elapsed_s" in m:
            return m
    return None


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def run(method: str, name: str, **options: object) -> tuple[object, float]:
    result, wall, _ = run_timed(method, name, **options)
    return result, wall


def run_timed(method: str, name: str, repeat: int = 1, **options: object) -> tuple[object, float, float]:
    """(result, best wall seconds, best process CPU seconds) over ``repeat`` identical fits."""
    h = data.load_benchmark(name).collapse_strata()
    spec = methods.create(method, seed=20231116, **options)
    walls, cpus = [], []
    result = None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RemovalsWarning)
            result = spec.fit(h)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return result, min(walls), min(cpus)


def ess_of_n(result: object) -> float:
    for row in getattr(result, "details", {}).get("diagnostics", ()):
        if row["variable"] == "N":
            return float(row["ess_bulk"])
    return float("nan")


def bench(method: str, name: str, repeat: int = 1) -> dict | None:
    ref = r_reference(name, R_ANCHOR[method])
    if ref is None:
        return None
    h = data.load_benchmark(name)
    row: dict = {"dataset": name, "method": method, "lists": h.k, "n": h.n, "r_seconds": ref["elapsed_s"]}
    if method == "lcm":
        settings = {"burnin": 10_000, "draws": 5_000, "thin": 10, "extend": False, "collapsed": False}
        run(method, name, chains=1, burnin=10, draws=10, thin=1, extend=False, ess_min=0)  # compile / load cache
        result, seconds, cpu = run_timed(method, name, repeat, **settings)
        _, one_chain, one_cpu = run_timed(method, name, repeat, chains=1, ess_min=0, **settings)
        ess = ess_of_n(result)
        chains = 4
        r_ess_per_s = (ess / chains) / ref["elapsed_s"]
        row.update(seconds=seconds, cpu=cpu, ess=ess, ess_per_s=ess / seconds, ess_per_cpu_s=ess / cpu,
                   r_ess_per_s_est=r_ess_per_s, ratio=(ess / seconds) / r_ess_per_s,
                   cpu_ratio=(ess / cpu) / r_ess_per_s,
                   one_chain_ratio=ref["elapsed_s"] / one_chain, one_chain_cpu_ratio=ref["elapsed_s"] / one_cpu,
                   status=result.status.value,
                   estimate=result.estimate if result.has_estimate else result.details.get("posterior_median_unconverged"))
    elif method == "dga":
        grid = ref.get("Nmissing_grid")
        options = {"nmissing_max": int(grid[1])} if grid else {}
        run(method, name, **options)  # warm caches (graph enumeration)
        result, seconds, cpu = run_timed(method, name, repeat, **options)
        row.update(seconds=seconds, cpu=cpu, ess=float("nan"), ess_per_s=float("nan"), ratio=ref["elapsed_s"] / seconds,
                   cpu_ratio=ref["elapsed_s"] / cpu,
                   status=result.status.value, estimate=result.estimate)
    else:
        result, seconds, cpu = run_timed(method, name)
        ess = ess_of_n(result)
        row.update(seconds=seconds, cpu=cpu, ess=ess, ess_per_s=ess / seconds, ess_per_cpu_s=ess / cpu,
                   ratio=ref["elapsed_s"] / seconds, cpu_ratio=ref["elapsed_s"] / cpu,
                   status=result.status.value,
                   estimate=result.estimate if result.has_estimate else result.details.get("posterior_median_unconverged"))
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--methods", default="lcm,dga,bayes-loglinear")
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--repeat", type=int, default=1, help="lcm, dga: best of this many timed runs")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    emit(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, {os.cpu_count()} cores, python "
         f"{platform.python_version()}, numpy {np.__version__}; {time.strftime('%Y-%m-%d')}; "
         f"1-min load average at start {load:.2f}\n")
    emit("| method | dataset | k | n | ours wall (s) | ours CPU (s) | R (s) | ESS(N) | ESS/wall-s | ESS/CPU-s | "
         "speed-up vs R (wall) | speed-up vs R (CPU) | 1-chain speed-up wall / CPU | status | median |")
    emit("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for method in args.methods.split(","):
        for name in args.datasets.split(","):
            row = bench(method, name, args.repeat)
            if row is None:
                continue
            one = row.get("one_chain_ratio")
            one_text = "" if one is None else f"{one:.2f}x / {row['one_chain_cpu_ratio']:.2f}x"
            cpu = row.get("cpu", float("nan"))
            cpu_ratio = row.get("cpu_ratio")
            emit(
                f"| {method} | {name} | {row['lists']} | {row['n']} | {row['seconds']:.2f} | {cpu:.2f} | "
                f"{row['r_seconds']:.3f} | {row['ess']:.0f} | {row['ess_per_s']:.0f} | "
                f"{row.get('ess_per_cpu_s', float('nan')):.0f} | {row['ratio']:.2f}x | "
                f"{'' if cpu_ratio is None else f'{cpu_ratio:.2f}x'} | {one_text} | {row['status']} | {row['estimate']} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
