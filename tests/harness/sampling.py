"""numpy's ``Generator.choice`` for one draw by probabilities, without its per-call overhead.

``rng.choice(k, p=p)`` (one draw, with replacement) checks ``p``, builds the cumulative
distribution ``cdf = p.cumsum(); cdf /= cdf[-1]``, draws ONE ``rng.random()`` and returns
``cdf.searchsorted(u, side="right")``.  The harness draws hundreds of thousands of such
choices from a few dozen fixed distributions (a style's mixes, the name tables), and the
checks and array building cost far more than the draw.  :func:`cdf` builds the same
cumulative distribution once (callers keep it) and :func:`pick` draws the same single
uniform and bisects it, so that results, and the generator's state after the draw, are
bit-identical to ``rng.choice`` (checked against it for random distributions and seeds).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence

import numpy as np

_ATOL = math.sqrt(float(np.finfo(np.float64).eps))


def cdf(p: Sequence[float] | np.ndarray) -> list[float]:
    """The cumulative distribution ``rng.choice(len(p), p=p)`` samples by (``p`` must sum to 1
    as for ``rng.choice``; raises as it does otherwise)."""
    arr = np.asarray(p, dtype=np.float64)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError("probabilities must be a non-empty 1-dimensional sequence")
    if not np.all(np.isfinite(arr)):
        raise ValueError("probabilities contain NaN or infinity")
    if np.any(arr < 0):
        raise ValueError("probabilities are not non-negative")
    if abs(float(arr.sum()) - 1.0) > _ATOL:
        raise ValueError("probabilities do not sum to 1")
    c = arr.cumsum()
    c /= c[-1]
    return [float(x) for x in c]


def normalised_cdf(weights: Sequence[float] | np.ndarray) -> list[float]:
    """:func:`cdf` of ``p / p.sum()`` (what ``rng.choice(k, p=p / p.sum())`` samples by)."""
    p = np.asarray(weights, dtype=float)
    return cdf(p / p.sum())


def pick(rng: np.random.Generator, c: list[float]) -> int:
    """The index ``rng.choice(len(c), p=...)`` draws for the distribution whose :func:`cdf` is ``c``."""
    return bisect_right(c, rng.random())
