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

When the MLE does not exist, :func:`unobserved_cell_limit` tells where the extended MLE
puts the unobserved cell: the log-likelihood keeps rising along the directions d of the
parameters with A d = 0 on the facial set (cells that can be positive) and A d < 0 on
the other observed cells, and the unobserved cell moves as exp(t d_0) along them (column
0 is the intercept, the log of the unobserved cell).  If every such d has d_0 < 0 the
unobserved cell goes to 0: N-hat = n, a finite estimate on the boundary (e.g. one list
holds everyone observed: its capture probability is 1 at the MLE).  If some d has
d_0 > 0, N grows without limit at no cost in likelihood (e.g. no overlaps).

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


def unobserved_cell_limit(A: np.ndarray, y: np.ndarray) -> str:
    """Where the extended MLE puts the unobserved cell when the MLE does not exist.

    Parameters
    ----------
    A : (C, P) reduced design, column 0 the intercept (log of the unobserved cell).
    y : (C,) observed counts on those cells.

    Returns
    -------
    ``"zero"`` (every direction of rising likelihood shrinks the unobserved cell: N-hat
    = n), ``"infinite"`` (some direction grows it: N unbounded) or ``"finite"`` (the
    directions leave it unchanged: non-existence concerns other parameters).

    Two linear programs: the first finds the largest set of zero cells that a direction
    d (A d <= 0 on zero cells, = 0 on positive cells) can make negative (a cone, so
    scaling makes each of them <= -1 together); the second finds the range of d_0 over
    the directions that vanish off that set.
    """
    C, P = A.shape
    pos = y > 0
    zero = ~pos
    nz = int(zero.sum())
    if nz == 0:
        return "finite"
    # variables (d, z): maximise sum z subject to A_zero d + z <= 0, A_pos d = 0, 0 <= z <= 1
    c = np.concatenate([np.zeros(P), -np.ones(nz)])
    A_ub = np.hstack([A[zero], np.eye(nz)])
    A_eq = np.hstack([A[pos], np.zeros((int(pos.sum()), nz))]) if pos.any() else None
    b_eq = np.zeros(int(pos.sum())) if pos.any() else None
    res = optimize.linprog(c, A_ub=A_ub, b_ub=np.zeros(nz), A_eq=A_eq, b_eq=b_eq,
                           bounds=[(None, None)] * P + [(0.0, 1.0)] * nz, method="highs")
    if res.status != 0:
        return "infinite"  # cannot tell: claim no finite estimate (the previous behaviour)
    outside = np.zeros(C, bool)
    outside[np.flatnonzero(zero)[res.x[P:] > 0.5]] = True
    face = ~outside
    signs = []
    for sense in (1.0, -1.0):  # minimise d_0, then maximise it, with |d_0| <= 1
        obj = np.zeros(P)
        obj[0] = sense
        r = optimize.linprog(obj, A_ub=A[outside] if outside.any() else None,
                             b_ub=np.zeros(int(outside.sum())) if outside.any() else None,
                             A_eq=A[face], b_eq=np.zeros(int(face.sum())),
                             bounds=[(-1.0, 1.0)] + [(None, None)] * (P - 1), method="highs")
        if r.status != 0:
            return "infinite"
        signs.append(float(r.x[0]))
    d0_min, d0_max = signs
    tol = 1e-9
    if d0_max > tol:
        return "infinite"
    if d0_min < -tol:
        return "zero"
    return "finite"


def is_identifiable(A: np.ndarray) -> bool:
    """True when the reduced design has full column rank."""
    if A.shape[0] < A.shape[1]:
        return False
    return bool(np.linalg.matrix_rank(A) == A.shape[1])
