"""Random variates for the latent-class sampler, compiled (numba), all driven by one generator.

Every draw comes from a xoshiro256** generator (Blackman & Vigna 2021) whose 256-bit state
is a ``uint64`` array of length 4 owned by the chain (seeded from the chain's seed by
splitmix64), not from numba's per-thread Mersenne Twister, so chains can run in parallel
Python threads (the kernels release the GIL) and the draws do not depend on which thread
runs which chain: same seed, same draws.  On top of it, all exact: standard normals by
the ziggurat method (Marsaglia & Tsang 2000b, 256 layers), gammas by Marsaglia & Tsang
(2000a), binomials by Hörmann's (1993a) BTRS, Poisson variates by Hörmann's (1993b) PTRS
(inversion for small means), Betas from two gammas (or by inversion when a parameter is
1), negative binomials as gamma-Poisson mixtures, and multinomial counts by conditional
binomials (:func:`_allocate`).  Timings and the history of these choices are in
:mod:`estimators.bayes.lcm_kernel`.

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

import math

import numpy as np
from numba import njit

_SMALL_COUNT = 20  # a pattern of at most this many people: place them one by one, unsorted
_BERNOULLI_MAX = 40  # at most this many people left: a binomial as a count of Bernoulli trials
_NEAR_MODE = 20  # BTRS: pmf ratio by products within this distance of the mode
_TINY = 1e-280  # a pattern whose largest class weight is below this is redone in log space


# --- the generator: xoshiro256** ------------------------------------------------------------


@njit(cache=True, nogil=True)
def _splitmix64(x: np.uint64) -> tuple[np.uint64, np.uint64]:  # pragma: no cover - compiled
    """One step of splitmix64: (new state, output)."""
    x = x + np.uint64(0x9E3779B97F4A7C15)
    z = x
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x, z ^ (z >> np.uint64(31))


@njit(cache=True, nogil=True)
def seed_state(seed: int) -> np.ndarray:  # pragma: no cover - compiled
    """A xoshiro256** state (``uint64[4]``) from an integer seed, by splitmix64.

    Blackman & Vigna's recommended seeding: the four words are consecutive splitmix64
    outputs, which are distinct (splitmix64 is a bijection of its counter), so the state
    is never all zero.
    """
    st = np.empty(4, dtype=np.uint64)
    x = np.uint64(seed)
    for i in range(4):
        x, z = _splitmix64(x)
        st[i] = z
    return st


@njit(cache=True, nogil=True, inline="always")
def next_u64(st: np.ndarray) -> np.uint64:  # pragma: no cover - compiled
    """Next 64-bit output of xoshiro256** (Blackman & Vigna 2021), advancing ``st``.

    References
    ----------
    Blackman, D. and Vigna, S. (2021). Scrambled linear pseudorandom number generators.
    *ACM Transactions on Mathematical Software* 47(4), 36:1-36:32.
    """
    result, st[0], st[1], st[2], st[3] = _step(st[0], st[1], st[2], st[3])
    return result


@njit(cache=True, nogil=True, inline="always")
def _step(
    s0: np.uint64, s1: np.uint64, s2: np.uint64, s3: np.uint64
) -> tuple[np.uint64, np.uint64, np.uint64, np.uint64, np.uint64]:  # pragma: no cover - compiled
    """:func:`next_u64` on a state held in local variables: (output, new state).

    For tight loops, where the state then stays in registers instead of being stored to
    and reloaded from the array at every draw; same stream as :func:`next_u64`.
    """
    x = s1 * np.uint64(5)
    result = ((x << np.uint64(7)) | (x >> np.uint64(57))) * np.uint64(9)
    t = s1 << np.uint64(17)
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << np.uint64(45)) | (s3 >> np.uint64(19))
    return result, s0, s1, s2, s3


@njit(cache=True, nogil=True, inline="always")
def uniform(st: np.ndarray) -> float:  # pragma: no cover - compiled
    """Uniform draw on the open interval (0, 1): ``(k + 1/2) / 2**52`` from the top 52 bits.

    Never 0 or 1, so ``log(u)`` and ``u ** (1/a)`` need no guard.
    """
    return (float(next_u64(st) >> np.uint64(12)) + 0.5) * 2.220446049250313e-16


def _ziggurat_tables(n: int = 256, r: float = 3.6541528853610088) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tables of the 256-layer normal ziggurat (Marsaglia & Tsang 2000b, their ``zigset``).

    Layer 0 is the base strip (the rectangle [0, r] x [0, f(r)] plus the tail beyond r,
    with "virtual" width q = v / f(r)); layer i >= 1 spans [0, x_i] x [f(x_i), f(x_{i-1})]
    with x_{n-1} = r decreasing to x_1 near 0 and f(x_0) = 1.  Every layer has area v.
    ``k[i]`` is the threshold of |abscissa| (53-bit signed integers) below which a point
    of layer i lies under the curve for sure, ``w[i]`` the scale from those integers to
    x, ``f[i]`` = exp(-x_i²/2).
    The recurrence closes the top layer to within ~1e-13 of v: exact to floating point.
    """
    m = 2.0**52
    f_r = math.exp(-0.5 * r * r)
    v = r * f_r + math.sqrt(math.pi / 2.0) * math.erfc(r / math.sqrt(2.0))
    k = np.zeros(n, dtype=np.int64)
    w = np.zeros(n)
    f = np.zeros(n)
    q = v / f_r
    k[0] = int(r / q * m)
    w[0] = q / m
    w[n - 1] = r / m
    f[0] = 1.0
    f[n - 1] = f_r
    x = r
    for i in range(n - 2, 0, -1):
        x_new = math.sqrt(-2.0 * math.log(v / x + math.exp(-0.5 * x * x)))
        k[i + 1] = int(x_new / x * m)
        x = x_new
        f[i] = math.exp(-0.5 * x * x)
        w[i] = x / m
    k[1] = 0
    return k, w, f


_ZIG_K, _ZIG_W, _ZIG_F = _ziggurat_tables()
_ZIG_R = 3.6541528853610088


@njit(cache=True, nogil=True, inline="always")
def normal(st: np.ndarray) -> float:  # pragma: no cover - compiled
    """Standard normal draw by the ziggurat method, 256 layers (exact).

    One 64-bit output gives the layer (low 8 bits) and a signed 53-bit abscissa (top 53
    bits, arithmetic shift), as in Marsaglia & Tsang's signed formulation; ~99 % of
    draws return after one multiplication and one comparison, without a data-dependent
    branch on the sign.  Tail beyond r = 3.654 by Marsaglia's exponential method.

    References
    ----------
    Marsaglia, G. and Tsang, W. W. (2000b). The ziggurat method for generating random
    variables. *Journal of Statistical Software* 5(8), 1-7.
    """
    while True:
        r = next_u64(st)
        idx = np.intp(r & np.uint64(0xFF))
        rs = np.int64(r) >> np.int64(11)  # uniform on [-2**52, 2**52)
        x = float(rs) * _ZIG_W[idx]
        if abs(rs) < _ZIG_K[idx]:
            return x
        if idx == 0:
            while True:
                xx = -math.log(uniform(st)) / _ZIG_R
                yy = -math.log(uniform(st))
                if yy + yy > xx * xx:
                    return -(_ZIG_R + xx) if rs < 0 else _ZIG_R + xx
        elif (_ZIG_F[idx - 1] - _ZIG_F[idx]) * uniform(st) + _ZIG_F[idx] < math.exp(-0.5 * x * x):
            return x


# --- distributions ------------------------------------------------------------------------


@njit(cache=True, nogil=True)
def binomial(st: np.ndarray, n: int, p: float) -> int:  # pragma: no cover - compiled
    """Binomial(n, p) draw in O(1) expected time.

    Sequential inversion when n·min(p, 1-p) < 10, else Hörmann's (1993a) BTRS
    transformed rejection with squeeze, exact.  When a proposal k falls outside the
    squeeze (up to half of them for n·p·(1-p) near 10), the exact test compares with the
    pmf ratio f(k)/f(mode), a product of |k - mode| factors when that is at most 20,
    else through ``lgamma``.

    References
    ----------
    Hörmann, W. (1993a). The generation of binomial random variates. *Journal of
    Statistical Computation and Simulation* 46(1-2), 101-110.
    """
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    flip = p > 0.5
    if flip:
        p = 1.0 - p
    q = 1.0 - p
    if n * p < 10.0:
        s = p / q
        a = (n + 1) * s
        r = q**n
        u = uniform(st)
        x = 0
        while u > r:
            u -= r
            x += 1
            if x > n:
                x = n
                break
            r *= a / x - s
        return n - x if flip else x
    spq = math.sqrt(n * p * q)
    b = 1.15 + 2.53 * spq
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = n * p + 0.5
    vr = 0.92 - 4.2 / b
    alpha = (2.83 + 5.1 / b) * spq
    r = p / q
    m = int(math.floor((n + 1) * p))  # the mode
    # lgamma constants of the exact test, computed only if a proposal lands far from the mode
    h = -1.0
    lpq = 0.0
    while True:
        u = uniform(st) - 0.5
        v = uniform(st)
        us = 0.5 - abs(u)
        k = int(math.floor((2.0 * a / us + b) * u + c))
        if k < 0 or k > n:
            continue
        if us >= 0.07 and v <= vr:
            break
        # exact test: accept iff t <= f(k) / f(m), f the binomial pmf
        t = v * alpha / (a / (us * us) + b)
        if abs(k - m) <= _NEAR_MODE and n < 1e12:
            # the pmf ratio as a product of |k - m| factors: cheaper and more accurate than
            # differences of lgamma (num and den stay below 1e240 for n < 1e12)
            num = 1.0
            den = 1.0
            if k > m:
                for i in range(m + 1, k + 1):
                    num *= (n - i + 1) * r
                    den *= i
            else:
                for i in range(k + 1, m + 1):
                    num *= i
                    den *= (n - i + 1) * r
            if t * den <= num:
                break
            continue
        if h < 0.0:
            lpq = math.log(r)
            h = math.lgamma(m + 1.0) + math.lgamma(n - m + 1.0)
        if math.log(t) <= h - math.lgamma(k + 1.0) - math.lgamma(n - k + 1.0) + (k - m) * lpq:
            break
    x = int(k)
    return n - x if flip else x


@njit(cache=True, nogil=True)
def gamma(st: np.ndarray, a: float) -> float:  # pragma: no cover - compiled
    """Gamma(a, 1) draw by Marsaglia & Tsang's (2000a) squeeze method (a < 1: boosted).

    References
    ----------
    Marsaglia, G. and Tsang, W. W. (2000a). A simple method for generating gamma
    variables. *ACM Transactions on Mathematical Software* 26(3), 363-372.
    """
    boost = 1.0
    if a < 1.0:
        boost = math.exp(math.log(uniform(st)) / a)
        a += 1.0
    d = a - 1.0 / 3.0
    c = 1.0 / math.sqrt(9.0 * d)
    while True:
        x = normal(st)
        v = 1.0 + c * x
        if v <= 0.0:
            continue
        v = v * v * v
        u = uniform(st)
        x2 = x * x
        if u < 1.0 - 0.0331 * x2 * x2:
            return d * v * boost
        if math.log(u) < 0.5 * x2 + d * (1.0 - v + math.log(v)):
            return d * v * boost


@njit(cache=True, nogil=True)
def beta(st: np.ndarray, a: float, b: float) -> float:  # pragma: no cover - compiled
    """Beta(a, b) draw: two gammas, or exact inversion when a or b is 1 (empty classes)."""
    if a == 1.0:
        if b == 1.0:
            return uniform(st)
        return -math.expm1(math.log(uniform(st)) / b)  # 1 - U^(1/b)
    if b == 1.0:
        return math.exp(math.log(uniform(st)) / a)  # U^(1/a)
    x = gamma(st, a)
    y = gamma(st, b)
    return x / (x + y)


@njit(cache=True, nogil=True)
def poisson(st: np.ndarray, mean: float) -> int:  # pragma: no cover - compiled
    """Poisson(mean) draw: inversion for mean < 10, else Hörmann's (1993b) PTRS, exact.

    References
    ----------
    Hörmann, W. (1993b). The transformed rejection method for generating Poisson random
    variables. *Insurance: Mathematics and Economics* 12(1), 39-45.
    """
    if mean <= 0.0:
        return 0
    if mean < 10.0:
        p = math.exp(-mean)
        u = uniform(st)
        x = 0
        while u > p:
            u -= p
            x += 1
            p *= mean / x
            if p == 0.0:  # only when u was within rounding of 1: the far tail is empty
                break
        return x
    slam = math.sqrt(mean)
    loglam = math.log(mean)
    b = 0.931 + 2.53 * slam
    a = -0.059 + 0.02483 * b
    log_inv_alpha = math.log(1.1239 + 1.1328 / (b - 3.4))
    vr = 0.9277 - 3.6224 / (b - 2.0)
    while True:
        u = uniform(st) - 0.5
        v = uniform(st)
        us = 0.5 - abs(u)
        k = math.floor((2.0 * a / us + b) * u + mean + 0.43)
        if us >= 0.07 and v <= vr:
            return int(k)
        if k < 0 or (us < 0.013 and v > us):
            continue
        if math.log(v) + log_inv_alpha - math.log(a / (us * us) + b) <= -mean + k * loglam - math.lgamma(k + 1.0):
            return int(k)


@njit(cache=True, nogil=True)
def negative_binomial(st: np.ndarray, n: int, p: float) -> int:  # pragma: no cover - compiled
    """Failures before the n-th success, success probability p: Poisson(Gamma(n)·(1-p)/p)."""
    if n <= 0 or p >= 1.0:
        return 0
    return poisson(st, gamma(st, float(n)) * (1.0 - p) / p)


@njit(cache=True, nogil=True, inline="always")
def _bernoulli_count(st: np.ndarray, n: int, p: float) -> int:  # pragma: no cover - compiled
    """Binomial(n, p) as a sum of n Bernoulli(p) trials, one 64-bit draw each.

    A trial succeeds when the draw's top 53 bits, an integer uniform on [0, 2**53), are
    below floor(p·2**53): success probability p to within 2**-53, the resolution of
    :func:`uniform`.  ~1.4 ns a trial (no float conversion, no branch, the generator's
    state in registers): cheaper than any rejection method while n is below ~45.
    """
    t = np.uint64(p * 9007199254740992.0)
    s0, s1, s2, s3 = st[0], st[1], st[2], st[3]
    c = 0
    for _ in range(n):
        r, s0, s1, s2, s3 = _step(s0, s1, s2, s3)
        c += (r >> np.uint64(11)) < t
    st[0], st[1], st[2], st[3] = s0, s1, s2, s3
    return c


@njit(cache=True, nogil=True)
def _allocate(  # pragma: no cover - compiled
    st: np.ndarray, total: int, cum: np.ndarray, probs: np.ndarray, out: np.ndarray, order: np.ndarray
) -> None:
    """Multinomial(total, probs) into ``out`` (probs need not be normalised, sum > 0).

    At most ``_SMALL_COUNT`` people: placed one by one (one uniform each, located by a
    branch-free count over the cumulative masses).  More: conditional binomials over
    the classes by decreasing mass, ``Binomial(remaining, p_k / mass of classes k on)``,
    until nobody is left, each drawn by BTRS while more than ``_BERNOULLI_MAX`` people
    remain and as a count of Bernoulli trials (:func:`_bernoulli_count`) after that.
    Largest class first, the trials number ~1.5 per person, and the many near-empty
    classes cost nothing once everybody is placed.  Exact: each conditional binomial
    is exact, and the order and the method of each draw depend only on ``probs`` and on
    the draws already made.  The order comes from branch-free ranks (K² comparisons;
    an insertion sort mispredicts its branches when the small classes reshuffle from
    sweep to sweep).  ``cum`` (float) and ``order`` (int64) are work buffers of
    length K.
    """
    K = probs.shape[0]
    for k in range(K):
        out[k] = 0
    if total == 0:
        return
    if total <= _SMALL_COUNT:
        mass = 0.0
        for k in range(K):
            mass += probs[k]
            cum[k] = mass
        last = K - 1
        while last > 0 and probs[last] <= 0.0:
            last -= 1
        s0, s1, s2, s3 = st[0], st[1], st[2], st[3]
        for _ in range(total):
            r, s0, s1, s2, s3 = _step(s0, s1, s2, s3)  # = uniform(st), state in registers
            u = (float(r >> np.uint64(12)) + 0.5) * 2.220446049250313e-16 * mass
            k = 0
            for j in range(last):
                k += cum[j] < u
            out[k] += 1
        st[0], st[1], st[2], st[3] = s0, s1, s2, s3
        return
    # rank of class k: the classes before it by decreasing mass (ties: lower index first)
    for k in range(K):
        pk = probs[k]
        rank = 0
        for j in range(K):
            pj = probs[j]
            rank += (pj > pk) | ((pj == pk) & (j < k))
        order[rank] = k
    # cum[i]: mass of the classes order[i:], summed from the smallest (accurately)
    mass = 0.0
    for i in range(K - 1, -1, -1):
        mass += probs[order[i]]
        cum[i] = mass
    last = K - 1  # the last class with positive mass (zeros sort to the end)
    while last > 0 and probs[order[last]] <= 0.0:
        last -= 1
    remaining = total
    i = 0
    while i < last and remaining > 0:
        k = order[i]
        p = probs[k] / cum[i]
        if remaining > _BERNOULLI_MAX:
            d = binomial(st, remaining, p)
        else:
            d = _bernoulli_count(st, remaining, p)
        out[k] = d
        remaining -= d
        i += 1
    out[order[i]] += remaining
