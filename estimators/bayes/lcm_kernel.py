"""LCMCR's Gibbs sampler of the latent-class model (numba), and where its time goes.

Layout: the generators and the multinomial allocation are in
:mod:`estimators.bayes.lcm_random` (re-exported here), the sweep with its collapsed moves
in :mod:`estimators.bayes.lcm_sampler`; :func:`run_chain` is that sweep with the
collapsed moves off, i.e. LCMCR's algorithm, kept as the reference for mixing per sweep.

The sampler works on the aggregated data: the distinct observed capture patterns and
their counts.  One sweep costs O(H·K·J) for H distinct patterns, K classes and J lists,
plus per pattern O(K) random draws and ~1.5 per person among the last 40 placed
(see :func:`_allocate`), independent of the number of people beyond that.

Random numbers: one xoshiro256** state per chain, seeded from :func:`run_chain`'s ``seed``
(see :mod:`estimators.bayes.lcm_random` for the generators), so chains can run in
parallel Python threads and the draws do not depend on which thread runs which chain.

Where the time goes.  Before (numba's ``np.random``, log-space class weights), one chain
of 60,000 sweeps on Kosovo (K = 10) took 1.0-1.4 s of CPU on the 2-core dev VM, ~20 µs
per sweep (perf: ~20 % in libm ``log``/``log1p``/``exp`` for the J·K log tables and the
H·K class-weight exponentials, ~8 % in numba's generator helpers and thread-local state
look-ups).  Now the class weights are products of ``lam`` and ``1 - lam``, vectorised
over classes (log space only for a pattern whose every weight underflows); the
generator, the uniforms and the ziggurat normals are inlined, and the BTRS exact test
uses pmf ratios by products instead of ``lgamma``.  Measured (2026-12-03, best of 3
interleaved runs, CPU time, one chain of 60,000 sweeps from a prior start, load average
1.1-2.5): 1.7-2.6x faster per sweep on all 13 LCMCR benchmark tables (Kosovo 1.11 ->
0.64 s, lesbian 1.32 -> 0.70 s, Congenital 1.19 -> 0.49 s, hare 0.95 -> 0.37 s).  The
VM's speed drifts by up to ~30 % from minute to minute with other jobs, so only the
interleaved ratios are precise.

The allocation (about half of a sweep on lesbian) then placed the people left after
the binomials one by one (up to 40 a pattern, ~320 a sweep on lesbian and Kosovo, each
a uniform and a search over K classes) after an insertion sort from the previous
sweep's order (mispredicted whenever the near-empty classes reshuffle).  Now a pattern
of more than ``_SMALL_COUNT`` = 20 people is split by conditional binomials all the
way, largest class first, the ones with at most 40 people left drawn as counts of
Bernoulli trials (~1.4 ns a trial, ~1.5 trials a person) and stopping as soon as
everybody is placed; the class order comes from branch-free ranks.  Micro-benchmark on
the recorded allocations of real sweeps: 25-45 % less time in the allocation (lesbian
4.7 -> 3.6 µs a sweep, Kosovo 6.9 -> 4.6, Ned_5 5.6 -> 3.3, spina 3.1 -> 1.8).
Whole sweeps (2026-12-03, three interleaved old/new comparisons, each best of 3, CPU
time, one chain of 60,000 sweeps, load average 0.5-1.3): Kosovo 0.64-0.69 -> 0.49-0.66
s, Ned_5 0.47-0.54 -> 0.38-0.49 s, spina 0.25-0.35 -> 0.20-0.30 s, Diabetes 0.48 ->
0.41 s, UKdat 0.47 -> 0.42 s, but lesbian 0.53-0.62 -> 0.52-0.63 s and HAV 0.28-0.29 ->
0.23-0.31 s: 0-20 % less, within the VM's noise on lesbian and HAV.
Remaining time (lesbian, ~9 µs a sweep): ~3.5 µs in the allocation (of which ~1 µs in
~14 BTRS binomials of the large classes, ~65 ns each), the rest in the sweep itself
(weights, sufficient statistics), the gammas of the Beta draws of occupied classes and
the negative binomial.

References
----------
Blackman, D. and Vigna, S. (2021). Scrambled linear pseudorandom number generators.
*ACM Transactions on Mathematical Software* 47(4), 36:1-36:32.
Hörmann, W. (1993a). The generation of binomial random variates. *Journal of
Statistical Computation and Simulation* 46(1-2), 101-110.
Hörmann, W. (1993b). The transformed rejection method for generating Poisson random
variables. *Insurance: Mathematics and Economics* 12(1), 39-45.
Marsaglia, G. and Tsang, W. W. (2000a). A simple method for generating gamma variables.
*ACM Transactions on Mathematical Software* 26(3), 363-372.
Marsaglia, G. and Tsang, W. W. (2000b). The ziggurat method for generating random
variables. *Journal of Statistical Software* 5(8), 1-7.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .lcm_random import (  # noqa: F401  (the generators, re-exported: tests and benches use them from here)
    _BERNOULLI_MAX,
    _NEAR_MODE,
    _SMALL_COUNT,
    _TINY,
    _allocate,
    _bernoulli_count,
    _step,
    beta,
    binomial,
    gamma,
    negative_binomial,
    next_u64,
    normal,
    poisson,
    seed_state,
    uniform,
)
from .lcm_sampler import GAMMA_PRIOR, run_sampler


@njit(cache=True, nogil=True)
def run_chain(  # pragma: no cover - compiled
    X: np.ndarray,
    counts: np.ndarray,
    lam: np.ndarray,
    V: np.ndarray,
    alpha_state: np.ndarray,
    n0_state: np.ndarray,
    a_lambda: float,
    b_lambda: float,
    a_alpha: float,
    b_alpha: float,
    n_iter: int,
    thin: int,
    seed: int,
    out_n0: np.ndarray,
    out_alpha: np.ndarray,
    out_classes: np.ndarray,
) -> None:
    """LCMCR's Gibbs sampler as it is (no collapsed moves): ``n_iter`` sweeps of one chain.

    The reference algorithm (Manrique-Vallier 2016, R LCMCR): :func:`run_sampler` with
    the collapsed moves off and LCMCR's Gamma(``a_alpha``, ``b_alpha``) prior on the
    concentration; same state arrays and seeding, so the same draws.  Used by the
    benchmarks to stand in for LCMCR's mixing per sweep.
    """
    neps = np.zeros(out_n0.shape[0], dtype=np.int64)
    counters = np.zeros(2, dtype=np.int64)
    run_sampler(
        X, counts, lam, V, alpha_state, n0_state, a_lambda, b_lambda, GAMMA_PRIOR, a_alpha, b_alpha, False, 0.0, 1.0,
        n_iter, thin, seed, out_n0, out_alpha, out_classes, neps, counters,
    )
