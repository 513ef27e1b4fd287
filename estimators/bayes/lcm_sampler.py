"""Compiled sampler of the latent-class model with collapsed moves of the unobserved (numba).

:func:`run_sampler` is LCMCR's Gibbs sweep (Manrique-Vallier 2016; the same steps as
:func:`estimators.bayes.lcm_kernel.run_chain`, built from the same generators) plus one
collapsed Metropolis-Hastings move per latent class of the number of *unobserved*
people in that class, with the class's capture probabilities and all the stick-breaking
weights integrated out.

Why.  The plain Gibbs sampler alternates (a) the unobserved count n0 and its split m over
the classes given the capture probabilities lambda and weights pi, and (b) lambda and pi
given the counts.  When a class has small capture probabilities, a large m_k makes
lambda_.k small, which makes a large m_k likely: the chain creeps along this ridge, and
the posterior of N (often long-tailed, sometimes with two modes) is explored in tens of
thousands of sweeps.  With lambda_.k and pi integrated out, the conditional of m_k given
the observed people's classes is a one-dimensional distribution with a closed form
(Beta and stick-breaking integrals), and a move along it carries lambda_.k and pi along
the ridge in one step.

The collapsed target.  Write N_k = n_k + m_k for the people in class k (n_k observed,
m_k unobserved), s_jk for the observed people of class k on list j, M = sum m_k, n the
number observed, and T_k = sum_{l > k} N_l.  Under p(N) ∝ 1/N, Beta(a, b) capture
probabilities and stick-breaking weights V_k ~ Beta(1, alpha) (k < K, V_K = 1),
integrating lambda and V gives, as a function of m_k with everything else fixed,

    log p(m_k | ...) = lgamma(n + M) - lgamma(m_k + 1)
                       + sum_j lgamma(b + N_k - s_jk) - J lgamma(a + b + N_k)
                       + sum_{l < K} [lgamma(1 + N_l) + lgamma(alpha + T_l)
                                      - lgamma(1 + alpha + N_l + T_l)]  + const,

((n + M - 1)! / prod m_k! from p(N) ∝ 1/N and the multinomial split of the unobserved;
the Beta integrals B(a + s_jk, b + N_k - s_jk); the stick-breaking integral
prod_l B(1 + N_l, alpha + T_l) / B(1, alpha)).  Only the terms that change with m_k are
evaluated: class k's own and those of the classes before it in the stick order.

The move.  m_k is an integer with a heavy-tailed conditional (polynomial in m_k), so it
is proposed on the log scale: the state is augmented with x = m_k + 1 + U, U ~ U(0, 1)
(a fresh U at every move, a Gibbs step of the augmentation), x' = x exp(sigma Z) with
Z ~ N(0, 1) and sigma drawn log-uniformly on [0.02, 2] independently of the state (a
mixture of symmetric proposals, so small and large steps both happen), m_k' =
floor(x') - 1, accepted with probability min(1, p(m_k') x' / (p(m_k) x)) (x'/x the
Jacobian of the log scale).  This leaves p(m_k | c_obs, m_-k, alpha) invariant; lambda
and V are then drawn from their full conditionals given the new counts (steps 3-4 of
the sweep), so the pair of steps is a partially collapsed Gibbs step in the order van
Dyk & Park (2008) require (the marginalised parameters are redrawn right after).

Label moves.  The truncated stick-breaking prior is not exchangeable in the labels: class 1
is a priori the largest, and with the weights integrated out the labels enter only through
prod_l B(1 + N_l, alpha + T_l).  Plain Gibbs changes the order of the classes only by
emptying and refilling them, so the chain can sit for tens of thousands of sweeps with
the classes in an unlikely order (on Rcapture's HIV data LCMCR's chains disagree on N for
this reason).  After the moves of m, each pair of adjacent classes (k, k+1), k < K - 2,
is swapped with all its people with the Metropolis-Hastings probability of that ratio
(Hastie, Liverani & Richardson 2015, who propose label-swapping moves for this prior);
the capture probabilities are redrawn after, so they follow their class.

Measured (bulk ESS of N per 1,000 sweeps, 8 chains of 100,000 sweeps after 10,000
burn-in, LCMCR's sweep -> this one when it still moved every empty class, 2026-12-06):
Kosovo 0.83 -> 2.0, Diabetes 0.18 -> 0.35, HIV 0.09 -> 30.  One chain's CPU per sweep,
LCMCR's sweep -> this one (one empty class moved; label swaps by their closed-form ratio,
short moves of m_k by products instead of log-gammas; load ~1.5, 2026-12-06): 2.15 ->
2.70 µs on spina, 2.35 -> 3.13 µs on HAV, 5.4 -> 6.6 µs on Kosovo, 5.0 -> 5.9 µs on
lesbian.  Per file against LCMCR: ``bench/bench_lcm.py`` and bench/RESULTS.md.

Overrelaxation (``overrelax`` rho in (-1, 0); 0 = off, ``LatentClass``'s default, and then
the sweep and its draws are exactly the above).  What is left slow on files such as lesbian, Kosovo and
Congenital is a random walk of the observed people's classes and the capture
probabilities along a ridge (one large class of hard-to-find people trading people with a
smaller, easier one): each Gibbs step moves a little, in a random direction.  Three
changes, each leaving the posterior invariant:

* Step 2a, before the collapsed moves: every lambda_jk whose Beta(A, B) conditional has
  A, B >= 10 gets one Metropolis-Hastings step proposing y = mu + rho (x - mu) + sd
  sqrt(1 - rho^2) Z (:func:`overrelaxed_beta`; Adler 1981, Neal 1998), which lands on the
  other side of the conditional mean and so keeps moving the same way from sweep to
  sweep.  Step 3 then draws afresh only the lambda_jk that were not overrelaxed or whose
  class a collapsed move changed (``touched``): those must be redrawn (van Dyk & Park).
* The move of m_k carries lambda_.k along instead of integrating it out, so most moves
  leave the class untouched: lambda'_jk = mu'_j + (sd'_j / sd_j)(lambda_jk - mu_j) (the
  Beta conditional's mean and sd before and after), accepted by the target with lambda
  explicit, p(m_k | ...) prod_j Beta(lambda_jk; A_j, B_j), times the Jacobian prod_j
  sd'_j / sd_j.  The Beta integrals of the collapsed target cancel against the Beta
  densities' normalisers, so the ratio is :func:`log_unobserved_ratio` without them
  (``beta_terms=False``) plus the unnormalised Beta log densities.  Used for a class whose
  A_j and b + n_k - s_jk are all >= 10 (free of m_k, so the choice does not depend on
  what the move changes); other classes get the collapsed move.  Label swaps move
  lambda with its class.
* Label swaps also between the last two classes (:func:`last_swap_log_ratio`): with
  overrelaxation a chain was seen to settle, for ~10,000 sweeps, in a state with the
  largest class last and alpha ~20 (LCMCR's sweep, started there, stays too); adjacent
  swaps never reach the last class, whose prior has no stick of its own.

Measured (bench/lcm_mixing.py, 16 chains x 50,000 sweeps, ESS of N per 1,000 sweeps,
collapsed -> rho = -0.95, 2026-12-06): spina 9.7 -> 12.3, Congenital 11.5 -> 16.1,
lesbian 3.2 -> 5.2, HAV 7.0 -> 6.9, Kosovo 1.8 -> 4.2, HIV 37 -> 34; Diabetes (8 x
150,000) 0.44 -> 0.37-0.51 (its two modes are not a ridge).  CPU per sweep +0.25 to
+1.5 µs (+10-23%).  Tried and dropped (no gain per CPU-second): Metropolis-Hastings
transfers of a binomial share of one capture pattern's people between two classes with
lambda and the sticks integrated out (32 per sweep: ESS per sweep +8-42%, CPU x2.1-3.5);
a move of each class's common log-odds with the classes and N summed out
(p(lambda, pi | data) ∝ prior x prod_h (P_h / (1 - P_0))^n_h): +5-18% ESS per sweep for
+37-67% CPU.

Output per stored sweep: n0, alpha, the number of occupied classes and the
*identifiable population* N_eps of Johndrow, Lum & Manrique-Vallier (2019): the people
(observed and not) in classes whose capture probability rho_k = 1 - prod_j (1 -
lambda_jk), the probability of being on at least one list, is at least ``threshold``.
All four are invariant to relabelling the classes, so their R-hat and ESS are free of
label switching.

Concentration prior.  ``alpha_prior`` 0: Gamma(p1, p2) (shape, rate; LCMCR's, conjugate);
1: lognormal(p1, p2) (log-mean, log-sd; StanLCMCR's ``LCMCR_7``), updated by an
independence Metropolis-Hastings step whose proposal is the conditional under a flat
prior, Gamma(K, -sum_k log(1 - V_k)), so the acceptance probability is the prior ratio.

Compiled code is cached on disk (``cache=True``): numba writes next to this file when that
directory is writable, else to a user-wide cache directory (an installed package), and
``NUMBA_CACHE_DIR`` overrides both, e.g. one directory per worker; a second process loads
the machine code instead of compiling (``tests/test_lcm.py`` checks the cache hits).

References
----------
Adler, S. L. (1981). Over-relaxation method for the Monte Carlo evaluation of the partition
function for multiquadratic actions. *Physical Review D* 23(12), 2901-2904.
Hastie, D. I., Liverani, S. and Richardson, S. (2015). Sampling from Dirichlet process
mixture models with unknown concentration parameter: mixing issues in large data
implementations. *Statistics and Computing* 25(5), 1023-1037.
Johndrow, J. E., Lum, K. and Manrique-Vallier, D. (2019). Low-risk population size
estimates in the presence of capture heterogeneity. *Biometrika* 106(1), 197-210
(arXiv:1606.02235).
Manrique-Vallier, D. (2016). Bayesian population size estimation using Dirichlet process
mixtures. *Biometrics* 72(4), 1246-1254.
Neal, R. M. (1998). Suppressing random walks in Markov chain Monte Carlo using ordered
overrelaxation. In *Learning in Graphical Models* (M. I. Jordan, ed.), 205-228. Kluwer.
van Dyk, D. A. and Park, T. (2008). Partially collapsed Gibbs samplers: theory and
methods. *Journal of the American Statistical Association* 103(482), 790-796.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from .lcm_random import _TINY, _allocate, beta, gamma, negative_binomial, normal, seed_state, uniform

_HALF_LOG_2PI = 0.9189385332046728
_LOG_SIGMA_MIN = math.log(0.02)
_LOG_SIGMA_SPAN = math.log(2.0) - math.log(0.02)
_M_MAX = 1e12  # proposals of more unobserved people than this in one class are rejected
_SHIFT_MAX = 8  # moves of m_k by at most this many people: log-gamma differences as products
_OVERRELAX_MIN = 10.0  # overrelaxed updates of lambda_jk only when both Beta parameters are at least this

GAMMA_PRIOR = 0
LOGNORMAL_PRIOR = 1


@njit(cache=True, nogil=True, inline="always")
def lgamma(x: float) -> float:  # pragma: no cover - compiled
    """log Gamma(x) for x > 0: Stirling's series from x >= 10 (absolute error < 1e-12), else libm.

    The collapsed target evaluates ~20 of these per class and sweep, mostly at counts of
    people (large arguments), where the series is 3-4x cheaper than libm's ``lgamma``.
    """
    if x < 10.0:
        return math.lgamma(x)
    r = 1.0 / x
    r2 = r * r
    return (x - 0.5) * math.log(x) - x + _HALF_LOG_2PI + r * (
        0.08333333333333333 - r2 * (0.002777777777777778 - r2 * (0.0007936507936507937 - r2 * 0.0005952380952380952))
    )


@njit(cache=True, nogil=True)
def log_unobserved_target(  # pragma: no cover - compiled
    k: int,
    mk: float,
    m: np.ndarray,
    nk_obs: np.ndarray,
    s: np.ndarray,
    n: int,
    m_rest: float,
    a_lambda: float,
    b_lambda: float,
    alpha: float,
    beta_terms: bool = True,
) -> float:
    """log p(m_k = mk | observed classes, m_-k, alpha) up to a constant (module docstring).

    With ``beta_terms`` False the Beta integrals of class k are left out: the target with
    class k's capture probabilities explicit, less their Beta densities (the moves that
    carry lambda along add those).

    ``m_rest`` is the number of unobserved people outside class k.  Terms that do not
    depend on m_k (the stick-breaking factors of the classes after k, the Beta integrals of
    the other classes) are left out.

    The stick-breaking factors of the classes up to k telescope: with N_l + T_l = T_{l-1}
    (T_{-1} = everyone) and lgamma(1 + x) = lgamma(x) + log x,

        sum_{l <= k} [lgamma(alpha + T_l) - lgamma(1 + alpha + T_{l-1})]
            = lgamma(alpha + T_k) - lgamma(alpha + T_{-1}) - log prod_{l=-1}^{k-1} (alpha + T_l),

    so a target costs J + 5 log-gammas and one log whatever k is.  The last class, k =
    K - 1, has no stick of its own: its sum stops at l = K - 2 and leaves
    lgamma(alpha + T_{K-2}) - lgamma(alpha + T_{-1}) - log prod_{l=-1}^{K-3} (alpha + T_l),
    with T_{K-2} = N_{K-1}.  The product is logged and restarted whenever it leaves
    [1e-250, 1e250] (a large K).
    """
    K = m.shape[0]
    J = s.shape[0]
    Nk = nk_obs[k] + mk
    total = n + m_rest + mk
    lp = lgamma(total) - lgamma(mk + 1.0)
    if beta_terms:
        for j in range(J):
            lp += lgamma(b_lambda + Nk - s[j, k])
        lp -= J * lgamma(a_lambda + b_lambda + Nk)
    # sum_{l <= k} of the stick factors, up to terms free of m_k: lgamma(1 + N_k) (l = k only),
    # -lgamma(alpha + T_{-1}) and -log prod_{l=-1}^{k-1} (alpha + T_l)
    lp -= lgamma(alpha + total)
    prod = 1.0
    T = total
    for i in range(k):
        prod *= alpha + T
        if prod > 1e250 or prod < 1e-250:  # a large K: keep the product finite
            lp -= math.log(prod)
            prod = 1.0
        T -= nk_obs[i] + m[i]
    # T is now T_{k-1} = N_k + T_k
    if k < K - 1:
        prod *= alpha + T
        lp += lgamma(1.0 + Nk)
    else:
        lp += lgamma(alpha + T)  # the last class: lgamma(alpha + T_{K-2}), T_{K-2} = N_{K-1}
    lp -= math.log(prod)
    return lp


@njit(cache=True, nogil=True)
def log_unobserved_ratio(  # pragma: no cover - compiled
    k: int,
    cur: float,
    new: float,
    m: np.ndarray,
    nk_obs: np.ndarray,
    s: np.ndarray,
    n: int,
    m_rest: float,
    a_lambda: float,
    b_lambda: float,
    alpha: float,
    beta_terms: bool = True,
) -> float:
    """log p(m_k = new | ...) - log p(m_k = cur | ...) (:func:`log_unobserved_target` at both).

    Every term of the target is lgamma(x + m_k) for some x, or the log of a product of
    factors alpha + T_l that all contain m_k.  For a step of at most ``_SHIFT_MAX`` people
    the log-gamma differences are logs of short products, lgamma(x + d) - lgamma(x) =
    log prod_{i < d} (x + i), so the whole difference is one log of a ratio of products
    (J + 5 products per person of the step instead of 2 (J + 5) log-gammas).  Used when
    the factors stay where no product can overflow or underflow (J <= 20, factors in
    [1e-6, 1e12]); otherwise, and for longer steps, the difference of the two targets.
    """
    K = m.shape[0]
    J = s.shape[0]
    steps = abs(new - cur)
    lo = min(cur, new)
    total = n + m_rest + lo
    if steps > _SHIFT_MAX or J > 20 or total + steps + alpha > 1e12 or b_lambda < 1e-6 or alpha < 1e-6:
        return _log_ratio_slow(k, cur, new, m, nk_obs, s, n, m_rest, a_lambda, b_lambda, alpha, beta_terms)
    Nk = nk_obs[k] + lo
    last = k == K - 1
    ab = a_lambda + b_lambda + Nk
    acc = 1.0
    for i in range(int(steps)):
        # lgamma(total) - lgamma(alpha + total) - lgamma(m_k + 1) + lgamma(1 + N_k) (or, for the
        # last class, lgamma(alpha + N_k)) + sum_j lgamma(b + N_k - s_jk) - J lgamma(a + b + N_k)
        num = (total + i) * ((alpha + Nk + i) if last else (1.0 + Nk + i))
        den = (lo + 1.0 + i) * (alpha + total + i)
        if beta_terms:
            for j in range(J):
                num *= b_lambda + Nk - s[j, k] + i
                den *= ab + i
        acc *= num / den  # each of num, den in [1e-126, 1e264]: no overflow
        if acc < 1e-150 or acc > 1e150:
            return _log_ratio_slow(k, cur, new, m, nk_obs, s, n, m_rest, a_lambda, b_lambda, alpha, beta_terms)
    # the product prod_l (alpha + T_l) over l = -1 .. k - 1 (the last class: .. K - 3), all T_l
    # containing m_k: at cur over at new
    T = n + m_rest + cur
    shift = new - cur
    ratio = 1.0
    for i in range(k):
        ratio *= (alpha + T) / (alpha + T + shift)
        T -= nk_obs[i] + m[i]
    if not last:
        ratio *= (alpha + T) / (alpha + T + shift)
    if not 1e-150 < ratio < 1e150:  # many empty classes and a large K
        return _log_ratio_slow(k, cur, new, m, nk_obs, s, n, m_rest, a_lambda, b_lambda, alpha, beta_terms)
    if new > cur:
        return math.log(acc * ratio)
    return math.log(ratio / acc)


@njit(cache=True, nogil=True)
def _log_ratio_slow(  # pragma: no cover - compiled
    k: int, cur: float, new: float, m: np.ndarray, nk_obs: np.ndarray, s: np.ndarray, n: int, m_rest: float,
    a_lambda: float, b_lambda: float, alpha: float, beta_terms: bool = True,
) -> float:
    """:func:`log_unobserved_ratio` as the difference of the two targets (any step, any state)."""
    return log_unobserved_target(k, new, m, nk_obs, s, n, m_rest, a_lambda, b_lambda, alpha, beta_terms) - (
        log_unobserved_target(k, cur, m, nk_obs, s, n, m_rest, a_lambda, b_lambda, alpha, beta_terms))


@njit(cache=True, nogil=True)
def collapsed_unobserved_moves(  # pragma: no cover - compiled
    st: np.ndarray,
    m: np.ndarray,
    nk_obs: np.ndarray,
    s: np.ndarray,
    n: int,
    a_lambda: float,
    b_lambda: float,
    alpha: float,
    touched: np.ndarray,
    lam: np.ndarray,
    carry: bool,
    col: np.ndarray,
) -> int:
    """One collapsed Metropolis-Hastings move of m_k per class k (module docstring); in place.

    Classes without observed people are moved only while no earlier such class has been:
    one empty class is enough to start a class of people nobody saw, the label swaps move
    it along the stick, and the others would cost ~20 log-gammas each for proposals that
    are nearly always rejected.  The choice depends on the observed counts only, which
    these moves do not change, so every applied move still leaves the target invariant.
    Returns the number of accepted moves that changed m.
    """
    K = m.shape[0]
    J = s.shape[0]
    total = 0.0
    for k in range(K):
        total += m[k]
    accepted = 0
    empty_seen = False
    for k in range(K):
        if nk_obs[k] == 0:
            if empty_seen:
                continue
            empty_seen = True
        cur = float(m[k])
        x = cur + 1.0 + uniform(st)
        sigma = math.exp(_LOG_SIGMA_MIN + _LOG_SIGMA_SPAN * uniform(st))
        xp = x * math.exp(sigma * normal(st))
        if xp < 1.0 or xp > _M_MAX:
            continue
        new = math.floor(xp) - 1.0
        if new == cur:
            continue
        rest = total - cur
        use_carry = carry
        if carry:
            for j in range(J):
                if a_lambda + s[j, k] < _OVERRELAX_MIN or b_lambda + nk_obs[k] - s[j, k] < _OVERRELAX_MIN:
                    use_carry = False
                    break
        d = log_unobserved_ratio(k, cur, new, m, nk_obs, s, n, rest, a_lambda, b_lambda, alpha, not use_carry)
        d += math.log(xp) - math.log(x)
        if use_carry:
            # lambda_.k carried along: lambda' = mu' + (sd' / sd) (lambda - mu) per list, and the
            # target p(m_k, lambda_.k | ...) = collapsed target x prod_j Beta(lambda_jk; A, B)
            shift = new - cur
            jac = 1.0
            for j in range(J):
                A = a_lambda + s[j, k]
                B = b_lambda + nk_obs[k] + cur - s[j, k]
                B2 = B + shift
                S = A + B
                S2 = A + B2
                mu = A / S
                mu2 = A / S2
                sd = math.sqrt(A * B / (S * S * (S + 1.0)))
                sd2 = math.sqrt(A * B2 / (S2 * S2 * (S2 + 1.0)))
                y = mu2 + (sd2 / sd) * (lam[j, k] - mu)
                if not 0.0 < y < 1.0:
                    d = -np.inf
                    break
                col[j] = y
                xl = lam[j, k]
                # Beta(y; A, B2) / Beta(xl; A, B) without the normalisers (they are the Beta integrals left out)
                d += (A - 1.0) * math.log(y / xl) + (B - 1.0) * math.log((1.0 - y) / (1.0 - xl)) + shift * math.log1p(-y)
                jac *= sd2 / sd
            if d > -np.inf:
                d += math.log(jac)
        if d >= 0.0 or math.log(uniform(st)) < d:
            m[k] = np.int64(new)
            total = rest + new
            if use_carry:
                for j in range(s.shape[0]):
                    lam[j, k] = col[j]
            else:
                touched[k] = True
            accepted += 1
    return accepted


@njit(cache=True, nogil=True, inline="always")
def overrelaxed_beta(st: np.ndarray, x: float, A: float, B: float, rho: float) -> float:  # pragma: no cover - compiled
    """One Metropolis-Hastings step leaving Beta(A, B) invariant from ``x``, proposing by overrelaxation.

    The proposal y = mu + rho (x - mu) + sd sqrt(1 - rho^2) Z (rho in (-1, 0), mu and sd
    the Beta's mean and standard deviation, Z ~ N(0, 1)) is reversible with respect to
    N(mu, sd^2) (Adler 1981; Neal 1998), so the acceptance ratio is
    Beta(y) N(x) / (Beta(x) N(y)).  With rho near -1 the value lands on the other side of
    the mean, which suppresses the random walk of a Gibbs sampler along a ridge.
    """
    S = A + B
    mu = A / S
    var = A * B / (S * S * (S + 1.0))
    y = mu + rho * (x - mu) + math.sqrt(var * (1.0 - rho * rho)) * normal(st)
    if y <= 0.0 or y >= 1.0:
        return x
    d = (A - 1.0) * math.log(y / x) + (B - 1.0) * math.log((1.0 - y) / (1.0 - x))
    d += ((y - mu) * (y - mu) - (x - mu) * (x - mu)) / (2.0 * var)
    if d >= 0.0 or math.log(uniform(st)) < d:
        return y
    return x


@njit(cache=True, nogil=True, inline="always")
def swap_ratio(Nk: float, Nn: float, Tn: float, alpha: float) -> float:  # pragma: no cover - compiled
    """Posterior ratio of swapping classes k and k+1 (N_k, N_k+1 people; T_k+1 after them).

    Only the stick-breaking factors B(1 + N_k, alpha + T_k) B(1 + N_k+1, alpha + T_k+1)
    change, and with T_k = N_k+1 + T_k+1 and Gamma(1 + x) = x Gamma(x) their ratio after /
    before reduces to (alpha + N_k+1 + T_k+1) / (alpha + N_k + T_k+1): no log-gamma needed.
    """
    return (alpha + Nn + Tn) / (alpha + Nk + Tn)


@njit(cache=True, nogil=True)
def last_swap_log_ratio(Nk: float, Nn: float, alpha: float) -> float:  # pragma: no cover - compiled
    """log posterior ratio of swapping the last two classes (N_K-2 = ``Nk``, N_K-1 = ``Nn`` people).

    The last class has no stick: only the factor B(1 + N_K-2, alpha + N_K-1) of the
    stick-breaking marginal changes, to B(1 + N_K-1, alpha + N_K-2); the Gamma of their sum
    cancels.
    """
    return lgamma(1.0 + Nn) + lgamma(alpha + Nk) - lgamma(1.0 + Nk) - lgamma(alpha + Nn)


@njit(cache=True, nogil=True)
def label_swap_moves(  # pragma: no cover - compiled
    st: np.ndarray, m: np.ndarray, nk_obs: np.ndarray, s: np.ndarray, alpha: float,
    touched: np.ndarray, lam: np.ndarray, last: bool,
) -> int:
    """Swap adjacent classes k, k+1 (all their people), accepted by the collapsed stick-breaking ratio.

    With the weights integrated out, the labels enter the posterior only through the
    stick-breaking marginal prod_l B(1 + N_l, alpha + T_l); swapping classes k and k+1
    changes its factors l = k, k+1 only.  Hastie, Liverani & Richardson (2015) propose such
    label moves for the truncated stick-breaking prior, whose weights otherwise mix slowly.
    The ratio has a closed form (:func:`swap_ratio`).  Returns the number of swaps accepted.
    """
    K = m.shape[0]
    J = s.shape[0]
    T = 0.0
    for i in range(K):
        T += nk_obs[i] + m[i]
    accepted = 0
    for k in range(K - 1):
        Nk = float(nk_obs[k] + m[k])
        T -= Nk  # now T_k = people after class k
        if k == K - 2 and not last:
            continue  # the last class has no stick of its own; swapping into it changes its prior form
        Nn = float(nk_obs[k + 1] + m[k + 1])
        Tn = T - Nn  # T_{k+1}
        if Nk == Nn:
            continue
        if k == K - 2:
            # into and out of the last class: B(1 + N_K-1, alpha + N_K-2) / B(1 + N_K-2, alpha + N_K-1)
            go = math.log(uniform(st)) < last_swap_log_ratio(Nk, Nn, alpha)
        else:
            # a swap that puts the larger class first is always accepted (ratio > 1)
            go = Nn > Nk or uniform(st) < swap_ratio(Nk, Nn, Tn, alpha)
        if go:
            t = nk_obs[k]
            nk_obs[k] = nk_obs[k + 1]
            nk_obs[k + 1] = t
            t = m[k]
            m[k] = m[k + 1]
            m[k + 1] = t
            for j in range(J):
                t = s[j, k]
                s[j, k] = s[j, k + 1]
                s[j, k + 1] = t
            for j in range(J):  # the capture probabilities follow their class (they do not enter the ratio)
                x = lam[j, k]
                lam[j, k] = lam[j, k + 1]
                lam[j, k + 1] = x
            tt = touched[k]
            touched[k] = touched[k + 1]
            touched[k + 1] = tt
            T = Nk + Tn
            accepted += 1
    return accepted


@njit(cache=True, nogil=True)
def log_alpha_prior(alpha: float, kind: int, p1: float, p2: float) -> float:  # pragma: no cover - compiled
    """log density of the concentration prior (up to a constant): Gamma(p1, p2) or lognormal(p1, p2)."""
    if kind == GAMMA_PRIOR:
        return (p1 - 1.0) * math.log(alpha) - p2 * alpha
    z = (math.log(alpha) - p1) / p2
    return -0.5 * z * z - math.log(alpha)


@njit(cache=True, nogil=True)
def update_alpha(  # pragma: no cover - compiled
    st: np.ndarray, alpha: float, kind: int, p1: float, p2: float, K: int, sum_log: float
) -> float:
    """Draw the concentration given the stick fractions (``sum_log`` = sum_{k<K} log(1 - V_k)).

    Its conditional is ∝ prior(alpha) alpha^(K-1) exp(alpha sum_log).  Gamma(p1, p2)
    prior: the conjugate Gamma(p1 + K - 1, p2 - sum_log) draw (LCMCR's).  Lognormal(p1, p2)
    prior: an independence Metropolis-Hastings step proposing from Gamma(K, -sum_log) (the
    conditional under a flat prior), accepted with the prior ratio.  Floored at 1e-8.
    """
    if kind == GAMMA_PRIOR:
        alpha = gamma(st, p1 + K - 1) / (p2 - sum_log)
    else:
        proposal = gamma(st, float(K)) / (-sum_log)
        if proposal > 1e-8:
            d = log_alpha_prior(proposal, kind, p1, p2) - log_alpha_prior(alpha, kind, p1, p2)
            if d >= 0.0 or math.log(uniform(st)) < d:
                alpha = proposal
    if alpha < 1e-8:
        alpha = 1e-8
    return alpha


@njit(cache=True, nogil=True)
def run_sampler(  # pragma: no cover - compiled
    X: np.ndarray,
    counts: np.ndarray,
    lam: np.ndarray,
    V: np.ndarray,
    alpha_state: np.ndarray,
    n0_state: np.ndarray,
    a_lambda: float,
    b_lambda: float,
    alpha_kind: int,
    alpha_p1: float,
    alpha_p2: float,
    collapsed: bool,
    overrelax: float,
    threshold: float,
    n_iter: int,
    thin: int,
    seed: int,
    out_n0: np.ndarray,
    out_alpha: np.ndarray,
    out_classes: np.ndarray,
    out_neps: np.ndarray,
    counters: np.ndarray,
) -> None:
    """Run ``n_iter`` sweeps of one chain, storing every ``thin``-th state.

    One sweep: (1) classes of the observed people given lambda and pi, pattern by pattern
    (multinomial counts); (2) n0 ~ NegBin(n, 1 - pi_0) (p(N) ∝ 1/N) and its split over the
    classes; (2b) if ``collapsed``, one collapsed move of each m_k; (3) lambda_jk ~
    Beta(a + s_jk, b + N_k - s_jk); (4) stick fractions V_k ~ Beta(1 + N_k, alpha + T_k);
    (5) alpha given V (conjugate gamma, or independence MH for the lognormal prior).
    With ``overrelax`` < 0 (and ``collapsed``): step (2a) overrelaxes lambda before the
    collapsed moves, those carry lambda along where they can and the label swaps include
    the last class; step (3) redraws only what is stale (module docstring).

    State arrays (``lam`` J×K, ``V`` K, ``alpha_state`` 1, ``n0_state`` 1) are updated in
    place so the chain can be continued by a later call; ``counters`` (int64, length 2)
    accumulates (collapsed moves accepted, alpha moves accepted).  The random stream is a
    fresh xoshiro256** state seeded from ``seed``.  Stored: n0, alpha, occupied classes,
    and N_eps (people in classes with capture probability rho_k >= ``threshold``).
    """
    st = seed_state(seed)
    H, J = X.shape
    K = V.shape[0]
    n = 0
    for h in range(H):
        n += counts[h]
    fac = np.empty((J, 2, K))
    pi = np.empty(K)
    w = np.empty(K)
    cum = np.empty(K)
    alloc = np.zeros(K, dtype=np.int64)
    order = np.empty(K, dtype=np.int64)
    nk_obs = np.zeros(K, dtype=np.int64)
    m = np.zeros(K, dtype=np.int64)
    s = np.zeros((J, K), dtype=np.int64)
    touched = np.zeros(K, dtype=np.bool_)
    col = np.empty(J)
    alpha = alpha_state[0]
    stored = 0
    n0 = n0_state[0]
    for it in range(n_iter):
        rest = 1.0
        for k in range(K):
            pi[k] = V[k] * rest
            rest *= 1.0 - V[k]
        for j in range(J):
            for k in range(K):
                fac[j, 1, k] = lam[j, k]
                fac[j, 0, k] = 1.0 - lam[j, k]
                s[j, k] = 0
        for k in range(K):
            nk_obs[k] = 0
        # 1. classes of the observed people, pattern by pattern
        for h in range(H):
            for k in range(K):
                w[k] = pi[k]
            for j in range(J):
                row = fac[j, X[h, j]]
                for k in range(K):
                    w[k] *= row[k]
            top = 0.0
            for k in range(K):
                top = max(top, w[k])
            if top < _TINY:
                top = -np.inf
                for k in range(K):
                    lw = math.log(pi[k]) if pi[k] > 0.0 else -np.inf
                    for j in range(J):
                        lw += math.log(fac[j, X[h, j], k])
                    w[k] = lw
                    top = max(top, lw)
                for k in range(K):
                    w[k] = math.exp(w[k] - top)
            _allocate(st, counts[h], cum, w, alloc, order)
            for k in range(K):
                a = alloc[k]
                if a:
                    nk_obs[k] += a
                    for j in range(J):
                        if X[h, j]:
                            s[j, k] += a
        # 2. the unobserved: n0 ~ NegBin(n, 1 - pi0), then their classes
        for k in range(K):
            w[k] = pi[k]
        for j in range(J):
            row = fac[j, 0]
            for k in range(K):
                w[k] *= row[k]
        pi0 = 0.0
        for k in range(K):
            pi0 += w[k]
        p_obs = 1.0 - pi0
        if p_obs < 1e-12:
            p_obs = 1e-12
        n0 = negative_binomial(st, n, p_obs)
        _allocate(st, n0, cum, w, m, order)
        # 2a. overrelaxed lambda given the classes (before the collapsed moves: a class they change gets fresh draws)
        if overrelax < 0.0:
            for k in range(K):
                touched[k] = False
                Nk = nk_obs[k] + m[k]
                for j in range(J):
                    A = a_lambda + s[j, k]
                    B = b_lambda + Nk - s[j, k]
                    if A >= _OVERRELAX_MIN and B >= _OVERRELAX_MIN:
                        lam[j, k] = overrelaxed_beta(st, lam[j, k], A, B, overrelax)
        # 2b. collapsed moves of the unobserved per class (lambda and pi integrated out)
        if collapsed:
            counters[0] += collapsed_unobserved_moves(st, m, nk_obs, s, n, a_lambda, b_lambda, alpha, touched, lam,
                                                          overrelax < 0.0, col)
            label_swap_moves(st, m, nk_obs, s, alpha, touched, lam, overrelax < 0.0)
            n0 = 0
            for k in range(K):
                n0 += m[k]
        # 3. capture probabilities
        for j in range(J):
            for k in range(K):
                A = a_lambda + s[j, k]
                B = b_lambda + nk_obs[k] + m[k] - s[j, k]
                if overrelax < 0.0 and not touched[k] and A >= _OVERRELAX_MIN and B >= _OVERRELAX_MIN:
                    continue  # overrelaxed in step 2a, and its class's counts have not changed since
                x = beta(st, A, B)
                if x < 1e-300:
                    x = 1e-300
                elif x > 1.0 - 1e-16:
                    x = 1.0 - 1e-16
                lam[j, k] = x
        # 4. stick-breaking fractions
        tail = n + n0
        rest = 1.0
        sum_log = 0.0
        for k in range(K - 1):
            Nk = nk_obs[k] + m[k]
            tail -= Nk
            v = beta(st, 1.0 + Nk, alpha + tail)
            if v > 1.0 - 1e-12:
                v = 1.0 - 1e-12
            if v < 1e-300:
                v = 1e-300
            V[k] = v
            rest *= 1.0 - v
            if rest < 1e-250:
                sum_log += math.log(rest)
                rest = 1.0
        V[K - 1] = 1.0
        sum_log += math.log(rest)
        # 5. concentration
        new_alpha = update_alpha(st, alpha, alpha_kind, alpha_p1, alpha_p2, K, sum_log)
        if alpha_kind != GAMMA_PRIOR and new_alpha != alpha:
            counters[1] += 1
        alpha = new_alpha
        if (it + 1) % thin == 0 and stored < out_n0.shape[0]:
            out_n0[stored] = n0
            out_alpha[stored] = alpha
            occupied = 0
            neps = 0
            for k in range(K):
                Nk = nk_obs[k] + m[k]
                if Nk > 0:
                    occupied += 1
                    q = 1.0
                    for j in range(J):
                        q *= 1.0 - lam[j, k]
                    if 1.0 - q >= threshold:
                        neps += Nk
            out_classes[stored] = occupied
            out_neps[stored] = neps
            stored += 1
    n0_state[0] = n0
    alpha_state[0] = alpha
