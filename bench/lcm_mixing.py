"""ESS of N per 1,000 sweeps and CPU per sweep of ``lcm``'s sampler variants, file by file.

Machine-independent part of issue 16.3's ratio: the bulk ESS of N over ``--chains``
chains of ``--sweeps`` sweeps each after ``--burnin`` (every ``--thin``-th stored), from
overdispersed prior starts as ``LatentClass`` draws them, per 1,000 sweeps (burn-in
excluded); and the CPU per sweep of the same runs, one chain at a time on one thread
(process CPU time).  Variants: ``plain`` (LCMCR's sweep), ``collapsed`` (moves of the
unobserved and label swaps), ``orNN`` (collapsed plus overrelaxed capture probabilities,
``overrelax = -0.NN``), ``plainorNN`` (LCMCR's sweep with overrelaxed capture probabilities).

Run: ``python bench/lcm_mixing.py --datasets A,B --variants plain,collapsed,or95``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

from estimators import data
from estimators.bayes import lcm_sampler
from estimators.bayes.rank_diagnostics import rank_diagnostics

SEED = 20231116


def emit(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def run(name: str, variant: str, chains: int, burnin: int, sweeps: int, thin: int) -> tuple[float, float, np.ndarray]:
    """(ESS of N per 1,000 sweeps, CPU µs per sweep, N draws (chains, stored))."""
    h = data.load_benchmark(name).collapse_strata()
    X = np.ascontiguousarray(h.patterns, dtype=np.int64)
    counts = np.ascontiguousarray(h.counts, dtype=np.int64)
    J, K = X.shape[1], 10
    collapsed = not variant.startswith("plain")
    overrelax = -int(variant.split("or")[1]) / 100 if "or" in variant else 0.0
    rng = np.random.default_rng(SEED)
    n_store = sweeps // thin
    N = np.zeros((chains, n_store))
    cpu = 0.0
    for c in range(chains):
        lam = rng.beta(1.0, 1.0, size=(J, K)).clip(1e-6, 1 - 1e-6)
        V = rng.beta(1.0, 1.0, size=K)
        V[-1] = 1.0
        alpha, n0 = np.ones(1), np.zeros(1, dtype=np.int64)
        counters = np.zeros(2, dtype=np.int64)
        burn = (np.zeros(1, dtype=np.int64), np.zeros(1), np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64))
        out = (np.zeros(n_store, dtype=np.int64), np.zeros(n_store), np.zeros(n_store, dtype=np.int64),
               np.zeros(n_store, dtype=np.int64))
        start = time.process_time()
        lcm_sampler.run_sampler(X, counts, lam, V, alpha, n0, 1.0, 1.0, 0, 0.25, 0.25, collapsed, overrelax, 0.1,
                                burnin, max(burnin, 1), 1000 + c, *burn, counters)
        lcm_sampler.run_sampler(X, counts, lam, V, alpha, n0, 1.0, 1.0, 0, 0.25, 0.25, collapsed, overrelax, 0.1,
                                sweeps, thin, 2000 + c, *out, counters)
        cpu += time.process_time() - start
        N[c] = out[0] + h.n
    _, ess, _ = rank_diagnostics(N)
    return 1000 * ess / (chains * sweeps), 1e6 * cpu / (chains * (burnin + sweeps)), N


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", required=True)
    parser.add_argument("--variants", default="plain,collapsed")
    parser.add_argument("--chains", type=int, default=8)
    parser.add_argument("--burnin", type=int, default=2000)
    parser.add_argument("--sweeps", type=int, default=50_000)
    parser.add_argument("--thin", type=int, default=2)
    args = parser.parse_args(argv)
    emit(f"{time.strftime('%Y-%m-%d %H:%M')} load {os.getloadavg()[0]:.2f}; {args.chains} chains x "
         f"({args.burnin} + {args.sweeps}) sweeps, thin {args.thin}")
    emit("| dataset | variant | ESS of N per 1k sweeps | CPU µs per sweep | ESS per CPU-ms | median N | 2.5% | 97.5% |")
    emit("|---|---|---|---|---|---|---|---|")
    run("Rcapture_hare", "or95", 1, 10, 10, 1)  # compile or load the cache
    for name in args.datasets.split(","):
        for variant in args.variants.split(","):
            ess, us, N = run(name, variant, args.chains, args.burnin, args.sweeps, args.thin)
            q = np.quantile(N, [0.5, 0.025, 0.975])
            emit(f"| {name} | {variant} | {ess:.2f} | {us:.2f} | {ess / us:.2f} | {q[0]:,.0f} | {q[1]:,.0f} | {q[2]:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
