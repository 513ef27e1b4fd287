"""Independent check of the ``lcm`` Gibbs sampler: the same posterior sampled by NUTS.

Under p(N) ∝ 1/N the number of unobserved people can be summed out:
p(θ | x) ∝ p(θ) Π_h (p_h(θ) / (1 - p_0(θ)))^{n_h}  (the conditional likelihood), and
N | θ, x = n + NegBin(n, 1 - p_0(θ)).  All of θ = (α, V, λ) is continuous, so PyMC's
model with nutpie's NUTS samples it with no latent classes and no data augmentation: a
different algorithm for the same posterior as LCMCR's Gibbs sampler.  (NUTS reports
divergences on this mixture geometry, so this is a cross-check, not a gold standard.)

Run: ``python bench/lcm_nuts_check.py DATASET [K]``; prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np


def main(name: str, K: int = 10, seed: int = 1) -> dict:
    import nutpie
    import pymc as pm
    import pytensor.tensor as pt

    from estimators import data

    h = data.load_benchmark(name).collapse_strata()
    X = h.patterns.astype(float)
    c = h.counts.astype(float)
    n = h.n
    with pm.Model() as model:
        alpha = pm.Gamma("alpha", 0.25, 0.25)
        V = pm.Beta("V", 1.0, alpha, shape=K - 1)
        rest = pt.concatenate([[1.0], pt.cumprod(1 - V)])
        pi = pt.concatenate([V, [1.0]]) * rest
        lam = pm.Beta("lam", 1.0, 1.0, shape=(h.k, K))
        logp_hk = pt.log(pi)[None, :] + pt.dot(X, pt.log(lam)) + pt.dot(1 - X, pt.log1p(-lam))
        logp_h = pm.math.logsumexp(logp_hk, axis=1).flatten()
        logp0 = pm.math.logsumexp(pt.log(pi) + pt.log1p(-lam).sum(0))
        pm.Potential("conditional_likelihood", (c * logp_h).sum() - n * pt.log1p(-pt.exp(logp0)))
        pm.Deterministic("p0", pt.exp(logp0))
    compiled = nutpie.compile_pymc_model(model)
    start = time.perf_counter()
    trace = nutpie.sample(compiled, draws=2000, tune=2000, chains=4, seed=seed, progress_bar=False)
    p0 = np.asarray(trace.posterior["p0"]).ravel()
    N = n + np.random.default_rng(seed).negative_binomial(n, 1 - p0)
    return {
        "dataset": name,
        "K": K,
        "seed": seed,
        "draws": "4 chains x 2000 (tune 2000), nutpie",
        "median": float(np.median(N)),
        "q025": float(np.quantile(N, 0.025)),
        "q975": float(np.quantile(N, 0.975)),
        "divergences": int(np.asarray(trace.sample_stats["diverging"]).sum()),
        "seconds": time.perf_counter() - start,
    }


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.stdout.write(json.dumps(main(args[0], int(args[1]) if len(args) > 1 else 10)) + "\n")
