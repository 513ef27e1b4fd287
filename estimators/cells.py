"""Pattern conventions of the 2^k capture-history table, shared by every layer.

* A *pattern* is a k-bit capture history; list 1 is the most significant bit, as in the
  benchmark CSV files, so its integer *code* is ``sum(x_i * 2^(k - i))``.
* The canonical *cell vector* holds the 2^k - 1 observable patterns in increasing code
  order (pattern ``0...01`` first).  The all-zero pattern (code 0, the unobserved cell)
  is never part of it; vectors of *all* 2^k cells (expected counts of a fitted model)
  put it first, at index 0.
* List (vertex) i, 0-based, is bit ``k - 1 - i`` of a code: :func:`list_mask` turns a
  set of lists into the mask of the code bits they occupy.

References
----------
Fienberg, S. E. (1972). The multiple recapture census for closed populations and
incomplete 2^k contingency tables. Biometrika 59, 591-603.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np


def cell_patterns(k: int) -> np.ndarray:
    """The (2^k - 1, k) 0/1 matrix of observable patterns in canonical order.

    Examples
    --------
    >>> cell_patterns(2).tolist()
    [[0, 1], [1, 0], [1, 1]]
    """
    codes = np.arange(1, 2**k, dtype=np.int64)
    shifts = np.arange(k - 1, -1, -1, dtype=np.int64)
    return ((codes[:, None] >> shifts[None, :]) & 1).astype(np.int8)


def pattern_codes(patterns: np.ndarray) -> np.ndarray:
    """Integer code of each 0/1 pattern row (list 1 = most significant bit).

    Examples
    --------
    >>> pattern_codes(np.array([[1, 0, 1], [0, 0, 1]])).tolist()
    [5, 1]
    """
    patterns = np.asarray(patterns, dtype=np.int64)
    k = patterns.shape[1]
    weights = 2 ** np.arange(k - 1, -1, -1, dtype=np.int64)
    return patterns @ weights


def list_mask(lists: Iterable[int], k: int) -> int:
    """Mask of the code bits occupied by the 0-based ``lists`` of a k-list table.

    Examples
    --------
    >>> list_mask([0, 2], 3)  # lists 1 and 3: bits 2 and 0
    5
    """
    mask = 0
    for i in lists:
        mask |= 1 << (k - 1 - int(i))
    return mask
