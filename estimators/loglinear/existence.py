"""Existence and identifiability of the (extended) MLE of a log-linear model.

Existence: the MLE of a Poisson log-linear model with design A (cells x parameters)
exists iff the observed sufficient statistics t = A' y lie in the relative interior of
the cone spanned by the rows of A, i.e. iff some strictly positive table x has the same
statistics, A' x = t.  Following Fienberg & Rinaldo (2012) and SparseMSE's
``checkident`` (Chan, Silverman & Vincent 2021), this is decided by the linear program

    maximise s  subject to  A' x = t,  x_c >= s for every cell c,

the MLE existing iff the optimum is positive.  The test is run after removing the cells
and columns of interaction terms with a zero statistic (their extended MLE is finite in
N, see :mod:`estimators.loglinear.fit`).

Identifiability: the reduced design must have full column rank.

References
----------
Fienberg, S. E. and Rinaldo, A. (2012). Maximum likelihood estimation in log-linear
models. Annals of Statistics 40, 996-1023.
Chan, L., Silverman, B. W. and Vincent, K. (2021). Multiple systems estimation for
sparse capture data: inferential challenges when there are nonoverlapping lists.
Journal of the American Statistical Association 116, 1297-1306.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._lazy import lazy_module

if TYPE_CHECKING:
    from scipy import optimize
else:
    optimize = lazy_module("scipy.optimize")



def mle_exists(A: np.ndarray, y: np.ndarray, *, rtol: float = 1e-9) -> bool:
    """Linear-programming test: does a positive table share the statistics of ``y``?

    Parameters
    ----------
    A : (C, P) reduced design (kept cells and columns only).
    y : (C,) observed counts on those cells.
    """
    C, P = A.shape
    t = A.T @ y
    c = np.zeros(C + 1)
    c[-1] = -1.0
    A_eq = np.hstack([A.T, np.zeros((P, 1))])
    A_ub = np.hstack([-np.eye(C), np.ones((C, 1))])
    b_ub = np.zeros(C)
    res = optimize.linprog(
        c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=t, bounds=[(0, None)] * (C + 1), method="highs"
    )
    if res.status != 0:
        # Infeasible cannot happen (x = y is feasible with s = 0); treat failures as
        # non-existence rather than print a number we cannot vouch for.
        return False
    scale = max(float(np.sum(y)), 1.0)
    return bool(-res.fun > rtol * scale)


def is_identifiable(A: np.ndarray) -> bool:
    """True when the reduced design has full column rank."""
    if A.shape[0] < A.shape[1]:
        return False
    return bool(np.linalg.matrix_rank(A) == A.shape[1])
