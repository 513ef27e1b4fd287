"""``lcm`` against R LCMCR: ESS of N per CPU-second, split into load-robust factors.

For each LCMCR benchmark file (those whose reference JSON has an LCMCR ``elapsed_s``):

* **ours**: ``LatentClass(seed=20231116)`` at its default settings (4 chains on 2 threads,
  collapsed moves, runs extended until R-hat <= 1.01 and ESS >= 400 or the budget is
  spent), timed in process CPU seconds (all threads); bulk ESS of N over the 4 chains;
  sweeps = chains x sweeps per chain, burn-in included.
* **LCMCR**: R's ESS is not in the references (LCMCR returns a bare vector), so it is
  estimated by running LCMCR's own algorithm here (``lcm_kernel.run_chain``: the same
  Gibbs sweep, no collapsed moves) with LCMCR's settings (10,000 burn-in, 50,000 sweeps,
  thinning 10) as ``--lcmcr-chains`` independent single chains and taking the mean of
  their single-chain bulk ESS.  A single chain stuck in one mode looks better than it
  is, so this favours R.  R's CPU time is the reference's ``elapsed_s`` (single-threaded:
  elapsed = CPU), taken on a 2-core VM of this kind with 2-3 R jobs sharing it.

Columns: ESS/CPU-s both ways and their ratio, and the ratio's two factors:
``ESS per 1,000 sweeps`` (ours, and LCMCR's algorithm; independent of machine load) and
``sweeps per CPU-second`` (ours measured now; R's = 60,000 / elapsed_s).  The ratio =
(ours ESS/sweep / LCMCR's ESS/sweep) x (our sweeps/CPU-s / R's sweeps/CPU-s).

Run: ``python bench/bench_lcm.py [--datasets A,B] [--lcmcr-chains 4] [--overrelax -0.95]``; prints
markdown.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import warnings

import numpy as np

from estimators import data
from estimators.bayes import lcm_kernel
from estimators.bayes.lcm import LatentClass
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
SEED = 20231116


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def lcmcr_reference(name: str) -> dict | None:
    for m in data.benchmark_reference(name)["methods"]:
        if m.get("anchor") == "LCMCR" and "elapsed_s" in m:
            return m
    return None


def lcmcr_chain_ess(name: str, chains: int) -> tuple[float, float]:
    """Mean single-chain bulk ESS of N under LCMCR's algorithm and settings; our CPU s per sweep."""
    import arviz as az

    h = data.load_benchmark(name).collapse_strata()
    X = np.ascontiguousarray(h.patterns, dtype=np.int64)
    counts = np.ascontiguousarray(h.counts, dtype=np.int64)
    J, K = X.shape[1], 10
    rng = np.random.default_rng(SEED)
    ess, cpu = [], 0.0
    for c in range(chains):
        lam = rng.beta(1.0, 1.0, size=(J, K)).clip(1e-6, 1 - 1e-6)
        V = rng.beta(1.0, 1.0, size=K)
        V[-1] = 1.0
        alpha, n0 = np.ones(1), np.zeros(1, dtype=np.int64)
        burn = (np.zeros(1, dtype=np.int64), np.zeros(1), np.zeros(1, dtype=np.int64))
        out = (np.zeros(5000, dtype=np.int64), np.zeros(5000), np.zeros(5000, dtype=np.int64))
        start = time.process_time()
        lcm_kernel.run_chain(X, counts, lam, V, alpha, n0, 1.0, 1.0, 0.25, 0.25, 10_000, 10_000, 1000 + c, *burn)
        lcm_kernel.run_chain(X, counts, lam, V, alpha, n0, 1.0, 1.0, 0.25, 0.25, 50_000, 10, 2000 + c, *out)
        cpu += time.process_time() - start
        x = (out[0] + h.n).astype(float)
        ess.append(float(az.ess(x[None, :], method="bulk")) if np.ptp(x) > 0 else float("nan"))
    return float(np.nanmean(ess)), cpu / (chains * 60_000)


def ours(name: str, overrelax: float = 0.0, seed: int = SEED) -> dict:
    h = data.load_benchmark(name).collapse_strata()
    spec = LatentClass(seed=seed, overrelax=overrelax)
    start, cpu = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        r = spec.fit(h)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    row = next(d for d in r.details["diagnostics"] if d["variable"] == "N")
    sweeps = r.details["sampler"]["sweeps_per_chain"] * r.details["sampler"]["chains"]
    point = r.estimate if r.has_estimate else r.details.get("posterior_median_unconverged")
    return {"wall": wall, "cpu": cpu, "ess": float(row["ess_bulk"]), "ess_tail": float(row["ess_tail"]),
            "rhat": float(row["r_hat"]), "sweeps": sweeps, "status": r.status.value, "median": point,
            "lower": r.lower, "upper": r.upper}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--lcmcr-chains", type=int, default=4)
    parser.add_argument("--overrelax", type=float, default=0.0,
                        help="LatentClass(overrelax=...) for ours (default 0: the default sampler)")
    args = parser.parse_args(argv)
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    emit(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}, "
         f"numpy {np.__version__}; {time.strftime('%Y-%m-%d %H:%M')}; load average at start "
         f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min)\n")
    # compile (or load from the cache) before timing anything
    warm = data.load_benchmark("Rcapture_hare").collapse_strata()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        LatentClass(seed=1, chains=1, burnin=10, draws=10, extend=False, ess_min=0).fit(warm)
    lcmcr_chain_ess("Rcapture_hare", 1)
    emit("| dataset | k | n | ours: status, median [interval] | ours ESS (bulk/tail), R-hat | ours CPU s | "
         "ours ESS/CPU-s | LCMCR ESS (est.) | R s | LCMCR ESS/CPU-s | **ratio** | ESS per 1k sweeps ours / LCMCR alg. | "
         "sweeps per CPU-s ours / R | LCMCR alg. here: sweeps per CPU-s |")
    emit("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in args.datasets.split(","):
        ref = lcmcr_reference(name)
        if ref is None:
            continue
        h = data.load_benchmark(name)
        o = ours(name, args.overrelax)
        r_ess, plain_cpu_per_sweep = lcmcr_chain_ess(name, args.lcmcr_chains)
        r_s = float(ref["elapsed_s"])
        ours_rate = o["ess"] / o["cpu"]
        r_rate = r_ess / r_s
        ess_sweep_ours = 1000 * o["ess"] / o["sweeps"]
        ess_sweep_lcmcr = 1000 * r_ess / 60_000
        interval = (f"[{o['lower']:,.0f}, {'None' if o['upper'] is None else format(o['upper'], ',.0f')}]"
                    if o["lower"] is not None else "")
        median = "-" if o["median"] is None else f"{o['median']:,.0f}"
        emit(
            f"| {name} | {h.k} | {h.n} | {o['status']}, {median} {interval} | {o['ess']:.0f}/{o['ess_tail']:.0f}, "
            f"{o['rhat']:.3f} | {o['cpu']:.2f} | {ours_rate:.0f} | {r_ess:.0f} | {r_s:.3f} | {r_rate:.0f} | "
            f"**{ours_rate / r_rate:.1f}x** | {ess_sweep_ours:.2f} / {ess_sweep_lcmcr:.2f} | "
            f"{o['sweeps'] / o['cpu']:,.0f} / {60_000 / r_s:,.0f} | {1 / plain_cpu_per_sweep:,.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
