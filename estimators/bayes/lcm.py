"""``lcm``: the non-parametric latent class model of Manrique-Vallier (2016), as in R's LCMCR.

People belong to latent classes; within a class, the lists capture independently with
class-specific probabilities.  The class weights follow a stick-breaking (Dirichlet
process) prior truncated at ``K`` classes, so heterogeneity in capture is modelled
without choosing the number of classes.  A Gibbs sampler with data augmentation of the
unobserved people draws the population size N.

The sampler works on aggregated pattern counts in compiled code
(:mod:`estimators.bayes.lcm_kernel`); chains run in parallel.  Unlike LCMCR, which
returns a bare vector from one chain, several chains are run and compared: when they
disagree (R-hat) or mix too slowly (ESS), the run is extended (doubling) up to
``max_iterations`` and, if they still disagree, the status is ``not_converged`` and no
number is reported.

References
----------
Manrique-Vallier, D. (2016). Bayesian population size estimation using Dirichlet process
mixtures. *Biometrics* 72(4), 1246-1254.
Manrique-Vallier, D. (2023). LCMCR: Bayesian non-parametric latent-class capture-recapture,
R package version 0.4.14.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..histories import CaptureHistories
from ..results import EstimateResult
from ..seeds import resolve_seed
from .common import (
    BayesianEstimator,
    chain_seeds,
    diagnostic_problems,
    diagnostics_table,
    make_inference_data,
    posterior_result,
    progress_bar,
)

_CHUNK = 2000  # sweeps per compiled call (progress and reseeding granularity)


@dataclass(frozen=True, kw_only=True)
class LatentClass(BayesianEstimator):
    """Latent-class capture-recapture (LCMCR's model) with convergence diagnostics.

    Parameters
    ----------
    K : int, default 10
        Truncation of the stick-breaking prior (maximum number of latent classes).
    a_alpha, b_alpha : float, default 0.25, 0.25
        Gamma(shape, rate) prior of the stick-breaking concentration alpha (LCMCR's).
    a_lambda, b_lambda : float, default 1, 1
        Beta prior of every class-specific capture probability (LCMCR's).
    burnin : int, default 10000
        Sweeps discarded at the start of every chain.
    draws : int, default 5000
        Draws kept per chain.
    thin : int, default 10
        Keep every ``thin``-th sweep (LCMCR's defaults: 10000 / 5000 / 10).
    chains : int, default 4
        Independent chains, run in parallel, started from draws of the prior.
    extend : bool, default True
        When the chains fail the R-hat/ESS thresholds, double the run (the earlier draws
        become burn-in) until they pass or ``max_iterations`` sweeps per chain are spent.
    max_iterations : int, default 1_000_000
        Budget of sweeps per chain for the extension.
    level, seed, interval, rhat_max, ess_min, progress :
        See :class:`~estimators.bayes.common.BayesianEstimator`.

    Notes
    -----
    The prior on N is p(N) ∝ 1/N, under which the number of unobserved people given
    everything else is negative binomial (Manrique-Vallier 2016, section 3).  The model
    assumes a closed population and that, within a latent class, lists capture
    independently; it cannot detect list dependence that the classes do not explain.

    Examples
    --------
    >>> import numpy as np
    >>> from estimators import CaptureHistories
    >>> h = CaptureHistories(lists=("S1", "S2", "S3"), counts=np.array([12, 142, 112, 247, 4, 49, 60]),
    ...     patterns=np.array([[1, 1, 1], [1, 1, 0], [1, 0, 1], [1, 0, 0], [0, 1, 1], [0, 1, 0], [0, 0, 1]]))
    >>> r = LatentClass(seed=1, draws=1000, burnin=2000).fit(h)
    >>> r.status.value
    'ok'
    """

    name = "lcm"
    summary = "Bayesian latent-class model (Dirichlet-process mixture), Gibbs sampler, several chains"
    reference = "Manrique-Vallier (2016) Biometrics 72(4):1246-1254; R LCMCR"
    min_lists = 3

    K: int = 10
    a_alpha: float = 0.25
    b_alpha: float = 0.25
    a_lambda: float = 1.0
    b_lambda: float = 1.0
    burnin: int = 10_000
    draws: int = 5_000
    thin: int = 10
    extend: bool = True
    max_iterations: int = 1_000_000


    def __post_init__(self) -> None:
        super().__post_init__()
        for key in ("K", "burnin", "draws", "thin", "max_iterations"):
            value = getattr(self, key)
            low = 0 if key == "burnin" else 1
            if not isinstance(value, int) or isinstance(value, bool) or value < low:
                raise ValueError(f"{key} must be an integer >= {low}; got {value!r}")
        for key in ("a_alpha", "b_alpha", "a_lambda", "b_lambda"):
            value = getattr(self, key)
            if not (isinstance(value, (int, float)) and value > 0):
                raise ValueError(f"{key} must be a positive number; got {value!r}")

    def _fit(self, histories: CaptureHistories) -> EstimateResult:
        from . import lcm_kernel

        seed = resolve_seed(self.seed)
        X = np.ascontiguousarray(histories.patterns, dtype=np.int64)
        counts = np.ascontiguousarray(histories.counts, dtype=np.int64)
        J, K, C = histories.k, self.K, self.chains
        rng = np.random.default_rng(seed)
        # Overdispersed starts: capture probabilities and stick fractions from the prior.
        lam = rng.beta(self.a_lambda, self.b_lambda, size=(C, J, K)).clip(1e-6, 1 - 1e-6)
        V = rng.beta(1.0, 1.0, size=(C, K))
        V[:, -1] = 1.0
        alpha = np.ones((C, 1))
        n0 = np.zeros((C, 1), dtype=np.int64)
        seeds = chain_seeds(seed, C)
        # numba's thread count: every core, or 1 in a worker process of estimators.executor
        import numba

        pool = ThreadPoolExecutor(max_workers=min(C, numba.get_num_threads()))

        def advance(n_iter: int, thin: int, stream: int, bar: Any) -> tuple[np.ndarray, ...]:
            """Run every chain ``n_iter`` more sweeps; return the stored draws."""
            n_store = n_iter // thin
            out_n0 = np.zeros((C, n_store), dtype=np.int64)
            out_alpha = np.zeros((C, n_store))
            out_classes = np.zeros((C, n_store), dtype=np.int64)
            done = 0
            chunk_index = 0
            step = max(thin, (_CHUNK // thin) * thin)
            while done < n_iter:
                this = min(step, n_iter - done)
                chunk_seeds = np.array(
                    [np.random.SeedSequence([s, stream, chunk_index]).generate_state(1)[0] for s in seeds],
                    dtype=np.int64,
                )
                a, b = done // thin, (done + this) // thin

                def one(c: int, this: int = this, a: int = a, b: int = b, seeds_now: np.ndarray = chunk_seeds) -> None:
                    lcm_kernel.run_chain(
                        X, counts, lam[c], V[c], alpha[c], n0[c], float(self.a_lambda), float(self.b_lambda),
                        float(self.a_alpha), float(self.b_alpha), this, thin, int(seeds_now[c]),
                        out_n0[c, a:b], out_alpha[c, a:b], out_classes[c, a:b],
                    )

                list(pool.map(one, range(C)))
                done += this
                chunk_index += 1
                bar.update(this * C)
            return out_n0, out_alpha, out_classes

        try:
            outcome = self._run(advance, histories, seed, seeds)
        finally:
            pool.shutdown()
        return outcome

    def _run(self, advance: Any, histories: CaptureHistories, seed: int, seeds: list[int]) -> EstimateResult:
        start = time.perf_counter()
        C, K = self.chains, self.K
        thin = self.thin
        samples = self.draws * thin
        total_planned = self.burnin + samples
        burned = 0
        rounds = 0
        with progress_bar(total_planned * C, self.show_progress(), "lcm") as bar:
            if self.burnin:
                advance(self.burnin, self.burnin, 0, bar)  # burn-in: store one draw only
                burned = self.burnin
            n0_draws, alpha_draws, class_draws = advance(samples, thin, 1, bar)
            while True:
                idata = self._idata(histories, n0_draws, alpha_draws, class_draws, seed)
                table = diagnostics_table(idata, ("N",))
                problems = diagnostic_problems(table, rhat_max=self.rhat_max, ess_min=self.ess_min)
                used = burned + samples
                if not problems or not self.extend or used + 2 * samples > self.max_iterations:
                    break
                # Extension: the current draws become burn-in; double the run and the thinning.
                rounds += 1
                burned = used
                samples *= 2
                thin *= 2
                n0_draws, alpha_draws, class_draws = advance(samples, thin, 1 + rounds, bar)
        seconds = time.perf_counter() - start
        iterations = burned + samples
        messages = [
            "assumes a closed population and that, within each latent class, lists capture independently",
            "prior: p(N) ∝ 1/N; stick-breaking weights with Gamma"
            f"({self.a_alpha:g}, {self.b_alpha:g}) concentration; Beta({self.a_lambda:g}, {self.b_lambda:g}) "
            "capture probabilities",
        ]
        if rounds and not problems:
            messages.append(
                f"the chains agreed only after extending the run: {iterations:,} sweeps per chain "
                f"({burned:,} discarded)"
            )
        elif rounds:
            messages.append(f"extended {rounds} time(s) to {iterations:,} sweeps per chain")
        details: dict[str, Any] = {
            "model": f"latent classes, K = {K}",
            "K": K,
            "priors": {
                "N": "1/N",
                "alpha": [self.a_alpha, self.b_alpha],
                "lambda": [self.a_lambda, self.b_lambda],
            },
            "sampler": {
                "algorithm": "Gibbs with data augmentation (aggregated patterns, numba)",
                "chains": C,
                "burnin": burned,
                "draws_per_chain": self.draws,
                "thin": thin,
                "sweeps_per_chain": iterations,
                "extensions": rounds,
                "chain_seeds": seeds,
            },
            "seconds": seconds,
            "posterior_mean": float(np.mean(n0_draws) + histories.n),
            "occupied_classes_median": float(np.median(class_draws)),
        }
        return posterior_result(
            self, histories, idata, seed=seed, details=details, messages=tuple(messages), var_names=("N", "alpha")
        )

    def _idata(
        self, histories: CaptureHistories, n0: np.ndarray, alpha: np.ndarray, classes: np.ndarray, seed: int
    ) -> Any:
        return make_inference_data(
            {"N": n0 + histories.n, "n0": n0, "alpha": alpha, "occupied_classes": classes},
            attrs={"method": self.name, "seed": seed, "K": self.K},
        )
