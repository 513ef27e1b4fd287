"""Bounded EM for the Fellegi-Sunter model with a sibling class, on agreement-pattern counts.

Splink computes, for the record pairs of a training block, the agreement level of every
comparison (the comparison vector ``gamma``); pairs with the same vector are counted
once with their number.  This module fits, to those counts, a latent class model with
three classes of record pairs:

``M`` (match)
    the same child; every comparison level has probability ``m``.
``S`` (sibling)
    two children of one household: they agree on the household fields (family name,
    patronymic, origin settlement and institution, removal date, destination) as
    records of one child do - those levels have probability ``m`` - but on the person
    fields (given name, birth date, sex) they follow their own distribution ``s``
    (twins share a birth date, siblings rarely share a given name).
``U`` (unrelated)
    two unrelated children; probability ``u``, fixed (estimated by Splink from random
    pairs).

Within a class the comparisons are independent (Fellegi & Sunter 1969).  Two classes
only - M and U - force the household fields, which siblings share, to count as
independent evidence of a match: a pair of siblings taken together agrees on five or six
fields and outweighs its disagreement on given name and birth date, and twins differ
only in the given name.  With the S class the odds of a match against a sibling depend
on the person fields alone.  Latent classes beyond match / non-match are the mixture
models of Larsen & Rubin (2001).

Bounds.  EM without them drives the ``m`` of a level that no match falls in towards 0
and its weight towards minus infinity (issue 11: weights of -130 to -770 bits).  Here
every M step is a posterior mode under a Dirichlet prior (Winkler 2006 recommends such
constraints; Bayesian FS models use them, Sadinle 2017): ``m`` gets ``prior_m`` pseudo-
pairs spread evenly over its levels, ``s`` gets ``prior_s`` pseudo-pairs spread like
``u`` (a sibling is a random child on the person fields unless the data say otherwise),
and the class shares a weak prior.  Every probability is then at least about
``prior / (levels * (pairs + prior))``, and finally clipped to ``[PROBABILITY_FLOOR,
1 - PROBABILITY_FLOOR]``, so no level's weight exceeds ``log2(1 / PROBABILITY_FLOOR)``
(about 20 bits).

Null levels (a value missing on either record, or a pattern counted in another
comparison) contribute a factor 1 to every class: missing is neutral.

References
----------
Fellegi, I. P. & Sunter, A. B. (1969). A theory for record linkage. *JASA* 64,
    1183-1210.
Larsen, M. D. & Rubin, D. B. (2001). Iterative automated record linkage using mixture
    models. *JASA* 96, 32-41.
Sadinle, M. (2017). Bayesian estimation of bipartite matchings for record linkage.
    *JASA* 112, 600-612.
Winkler, W. E. (2006). Overview of record linkage and current research directions.
    Research Report Statistics 2006-2, U.S. Census Bureau (constrained EM).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["PROBABILITY_FLOOR", "LatentClassFit", "fit_latent_classes", "pattern_log_likelihoods"]

#: Smallest m, s or u probability used (largest level weight about 20 bits).
PROBABILITY_FLOOR = 1e-6
M, S, U = 0, 1, 2


@dataclass(frozen=True)
class LatentClassFit:
    """EM fit on one training block.

    Attributes
    ----------
    comparisons : names of the comparisons fitted (the block's own are left out).
    pi : class shares (M, S, U) within the block.
    m, s : per comparison, probability of each non-null level (index = Splink's
        comparison vector value, 0 = the "else" level); ``s`` only for person fields
        (household fields of S use ``m``).
    match_level_share : per comparison, the share of the M class's pairs at each
        level, with the null level (missing on a record) last: what a block on that
        comparison's exact level would keep of the matches.
    pairs : pairs in the block (sum of the counts).
    matches : expected matches in the block (sum of M posteriors).
    siblings : expected sibling pairs in the block.
    converged, iterations : EM's convergence.
    """

    comparisons: tuple[str, ...]
    pi: np.ndarray
    m: dict[str, np.ndarray]
    s: dict[str, np.ndarray]
    match_level_share: dict[str, np.ndarray]
    pairs: float
    matches: float
    siblings: float
    converged: bool
    iterations: int
    patterns: np.ndarray = field(repr=False, default_factory=lambda: np.zeros((0, 0), dtype=np.int64))
    match_weight: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))

    def match_share(self, levels: Mapping[str, int]) -> float | None:
        """Share of the block's matches at the given levels of several comparisons jointly.

        None if a comparison was not fitted in this block (it was blocked on).
        """
        keep = np.ones(len(self.match_weight), dtype=bool)
        for name, level in levels.items():
            if name not in self.comparisons:
                return None
            keep &= self.patterns[:, self.comparisons.index(name)] == level
        total = float(self.match_weight.sum())
        return float(self.match_weight[keep].sum()) / total if total > 0 else None


def _clip(p: np.ndarray) -> np.ndarray:
    return np.clip(p, PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR)


def pattern_log_likelihoods(
    patterns: np.ndarray,
    m: Sequence[np.ndarray],
    s: Sequence[np.ndarray | None],
    u: Sequence[np.ndarray],
) -> np.ndarray:
    """Log-likelihood of each pattern under M, S and U (columns), nulls contributing 0.

    Parameters
    ----------
    patterns : int array (P, C); comparison vector values, -1 for a null level.
    m, u : per comparison, probability of each level (index = comparison vector value).
    s : per comparison, the sibling distribution, or None for a household field (S uses m).

    Returns
    -------
    ndarray (P, 3)
    """
    out = np.zeros((patterns.shape[0], 3))
    for c in range(patterns.shape[1]):
        g = patterns[:, c]
        ok = g >= 0
        gi = np.where(ok, g, 0)
        lm = np.where(ok, np.log(m[c][gi]), 0.0)
        lu = np.where(ok, np.log(u[c][gi]), 0.0)
        sc = s[c]
        ls = lm if sc is None else np.where(ok, np.log(sc[gi]), 0.0)
        out[:, M] += lm
        out[:, S] += ls
        out[:, U] += lu
    return out


def fit_latent_classes(
    patterns: np.ndarray,
    counts: np.ndarray,
    names: Sequence[str],
    u: Mapping[str, np.ndarray],
    person: Sequence[str],
    *,
    m_start: Mapping[str, np.ndarray] | None = None,
    fixed_m: Mapping[str, np.ndarray] | None = None,
    siblings: bool = True,
    prior_m: float = 2.0,
    prior_s: float = 10.0,
    prior_pi: float = 1.0,
    max_iterations: int = 500,
    tolerance: float = 1e-7,
) -> LatentClassFit:
    """Fit the M / S / U latent class model to agreement-pattern counts by bounded EM.

    Parameters
    ----------
    patterns : int array (P, C)
        Distinct comparison vectors (Splink's comparison vector values; -1 = null).
    counts : array (P,)
        Number of pairs with each vector.
    names : the C comparison names (columns of ``patterns``).
    u : comparison name -> u of each level (fixed).
    person : names of the person fields (given name, birth date, sex): S has its own
        distribution on them; on the others S uses ``m``.
    m_start : starting m (default: 0.8 on the top level, the rest spread evenly).
    fixed_m : comparisons whose m is fixed (e.g. from clerical labels).
    siblings : fit the S class (False: the two-class Fellegi-Sunter model).
    prior_m, prior_s, prior_pi : Dirichlet pseudo-counts (see the module docstring).
    max_iterations, tolerance : EM stops when no probability moves more than
        ``tolerance`` in an iteration.

    Returns
    -------
    LatentClassFit

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> # one comparison with 2 levels; matches agree 95%, non-matches 10%
    >>> truth = rng.random(5000) < 0.3
    >>> agree = np.where(truth, rng.random(5000) < 0.95, rng.random(5000) < 0.1)
    >>> agree2 = np.where(truth, rng.random(5000) < 0.9, rng.random(5000) < 0.2)
    >>> pats, n = np.unique(np.c_[agree, agree2].astype(int), axis=0, return_counts=True)
    >>> fit = fit_latent_classes(pats, n, ["a", "b"], {"a": np.array([0.9, 0.1]), "b": np.array([0.8, 0.2])},
    ...                          person=[], siblings=False)
    >>> round(float(fit.pi[0]), 1), round(float(fit.m["a"][1]), 2)
    (0.3, 0.95)
    """
    patterns = np.asarray(patterns, dtype=np.int64)
    w = np.asarray(counts, dtype=float)
    C = patterns.shape[1]
    if len(names) != C:
        raise ValueError("names must name every column of patterns")
    uu = [_clip(np.asarray(u[n], dtype=float)) for n in names]
    levels = [len(x) for x in uu]
    is_person = [n in set(person) and siblings for n in names]
    fixed = dict(fixed_m or {})
    m: list[np.ndarray] = []
    for c, n in enumerate(names):
        if n in fixed:
            m.append(_clip(np.asarray(fixed[n], dtype=float)))
        elif m_start is not None and n in m_start:
            m.append(_clip(np.asarray(m_start[n], dtype=float)))
        else:
            L = levels[c]
            start = np.full(L, 0.2 / max(L - 1, 1))
            start[L - 1] = 0.8
            m.append(start if L > 1 else np.ones(1))
    s: list[np.ndarray | None] = [uu[c].copy() / uu[c].sum() if is_person[c] else None for c in range(C)]
    pi = np.array([0.3, 0.02 if siblings else 0.0, 0.68 if siblings else 0.7])
    # indicator of each level per pattern, for the M step
    onehots = []
    for c in range(C):
        L = levels[c]
        g = patterns[:, c]
        oh = np.zeros((len(g), L))
        ok = g >= 0
        oh[np.flatnonzero(ok), g[ok]] = 1.0
        onehots.append(oh)
    converged = False
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 (reported below)
        ll = pattern_log_likelihoods(patterns, m, s, uu)
        with np.errstate(divide="ignore"):
            ll = ll + np.log(np.maximum(pi, 0.0))
        ll -= ll.max(axis=1, keepdims=True)
        r = np.exp(ll)
        r /= r.sum(axis=1, keepdims=True)
        wr = r * w[:, None]
        tot = wr.sum(axis=0)
        new_pi = (tot + prior_pi * np.array([1.0, 1.0 if siblings else 0.0, 1.0]))
        if not siblings:
            new_pi[S] = 0.0
        new_pi = new_pi / new_pi.sum()
        delta = float(np.max(np.abs(new_pi - pi)))
        new_m: list[np.ndarray] = []
        new_s: list[np.ndarray | None] = []
        for c in range(C):
            L = levels[c]
            if names[c] in fixed:
                new_m.append(m[c])
            else:
                weight_m = wr[:, M] + (0.0 if is_person[c] else wr[:, S])
                counts_m = onehots[c].T @ weight_m + prior_m / L
                nm = _clip(counts_m / counts_m.sum())
                delta = max(delta, float(np.max(np.abs(nm - m[c]))))
                new_m.append(nm)
            if is_person[c]:
                counts_s = onehots[c].T @ wr[:, S] + prior_s * (uu[c] / uu[c].sum())
                ns = _clip(counts_s / counts_s.sum())
                old = s[c]
                assert old is not None
                delta = max(delta, float(np.max(np.abs(ns - old))))
                new_s.append(ns)
            else:
                new_s.append(None)
        m, s, pi = new_m, new_s, new_pi
        if delta < tolerance:
            converged = True
            break
    ll = pattern_log_likelihoods(patterns, m, s, uu) + np.log(np.maximum(pi, 1e-300))
    ll -= ll.max(axis=1, keepdims=True)
    r = np.exp(ll)
    r /= r.sum(axis=1, keepdims=True)
    wm = r[:, M] * w
    share: dict[str, np.ndarray] = {}
    for c in range(C):
        L = levels[c]
        g = patterns[:, c]
        hist = np.zeros(L + 1)
        np.add.at(hist, np.where(g >= 0, g, L), wm)
        share[names[c]] = hist / max(hist.sum(), 1e-300)
    return LatentClassFit(
        comparisons=tuple(names),
        pi=pi,
        m={names[c]: m[c] for c in range(C)},
        s={names[c]: sc for c, sc in enumerate(s) if sc is not None},
        match_level_share=share,
        pairs=float(w.sum()),
        matches=float(wm.sum()),
        siblings=float((r[:, S] * w).sum()),
        converged=converged,
        iterations=iterations,
        patterns=patterns,
        match_weight=wm,
    )
