"""Model search over hierarchical log-linear models (exhaustive or stepwise).

The exhaustive search fits every hierarchical model with all main effects and
interactions up to ``maxorder`` (Rcapture's ``closedpMS.t``): every model is fitted by
IRLS from R's ``glm`` start in compiled code that works on the lattice of list subsets
(:mod:`estimators.loglinear.lattice`; the same iteration as the vectorised
:func:`estimators.loglinear.fit.fit_batch`), so the 32,768 two-way models of six lists
take well under a second instead of Rcapture's minutes.  Existence of the MLE is decided
by the linear-programming test of :mod:`estimators.loglinear.existence`, using its
monotonicity (Chan, Silverman & Vincent 2021): if the MLE exists for a model it exists
for every sub-model with the same zero-statistic terms, and if it does not exist it
does not exist for any super-model; identifiability (full column rank) is monotone in
the same way.

Beyond ``max_exhaustive_lists`` lists the search is a forward stepwise search on the
criterion, adding one two-way term at a time.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np

from .design import (
    Term,
    all_pair_terms,
    cell_patterns,
    design_matrix,
    hierarchical_models,
)
from .existence import is_identifiable, mle_exists

STATUS_OK = "ok"
STATUS_NO_MLE = "mle_does_not_exist"
STATUS_NOT_IDENTIFIABLE = "not_identifiable"
STATUS_NOT_CONVERGED = "not_converged"


@dataclass(frozen=True)
class SearchTable:
    """Columns of the comparison table, one entry per model (array-level type)."""

    terms: list[list[Term]]
    estimate: np.ndarray
    stderr: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    deviance: np.ndarray
    df: np.ndarray
    n_params: np.ndarray
    aic: np.ndarray
    bic: np.ndarray
    status: np.ndarray  # object array of status strings
    candidates: tuple[Term, ...] | None = None  # interaction terms of the columns of ``member``
    member: np.ndarray | None = None  # (models, candidates) bool: the terms of each model


def _membership(models: Sequence[Sequence[Term]], candidates: Sequence[Term]) -> np.ndarray:
    """(models, candidates) bool matrix: True where the model has the term."""
    index = {t: j for j, t in enumerate(candidates)}
    member = np.zeros((len(models), len(candidates)), bool)
    sizes = np.fromiter(map(len, models), dtype=np.int64, count=len(models))
    rows = np.repeat(np.arange(len(models)), sizes)
    cols = np.fromiter((index[t] for model in models for t in model), dtype=np.int64, count=int(sizes.sum()))
    member[rows, cols] = True
    return member


def _model_arrays(
    member: np.ndarray, candidates: Sequence[Term], k: int, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Column masks, cell masks, term bitmasks, empty-term bitmasks, nominal p."""
    pats = cell_patterns(k)
    X = design_matrix(pats, list(candidates))
    T = len(candidates)
    B = member.shape[0]
    stat = y @ X[:, 1 + k :]
    empty = stat <= 0
    used_empty = member & empty[None, :]
    col_masks = np.ones((B, 1 + k + T), bool)
    col_masks[:, 1 + k :] = member & ~empty[None, :]
    term_cells = X[:, 1 + k :] > 0  # (C, T)
    cell_masks = ~((used_empty.astype(np.int64) @ term_cells.T.astype(np.int64)) > 0)
    weights = (1 << np.arange(T, dtype=np.int64)) if T < 63 else None
    if weights is None:
        raise ValueError("too many candidate terms for the exhaustive search")
    bits = member.astype(np.int64) @ weights
    empty_bits = used_empty.astype(np.int64) @ weights
    n_params = 1 + k + member.sum(axis=1)
    return col_masks, cell_masks, bits, empty_bits, n_params


def _param_masks(candidates: Sequence[Term], k: int) -> np.ndarray:
    """Lists of each design column (intercept, main effects, ``candidates``) as k-bit masks,
    list 1 the most significant bit (the pattern-code convention of :mod:`.design`)."""
    def mask(term: Term) -> int:
        return sum(1 << (k - 1 - i) for i in term)

    return np.array([0] + [mask((i,)) for i in range(k)] + [mask(t) for t in candidates], dtype=np.int64)


def _monotone_decisions(order: np.ndarray, bits: np.ndarray, decide: Callable[[int], bool]) -> np.ndarray:
    """Decide a property that passes to sub-models, with few calls of ``decide``.

    ``order`` lists one group's models by decreasing number of terms, ``bits`` holds every
    model's term bitmask.  Models are decided in that order; a "yes" marks all its
    sub-models in the group yes without a call.  (A "no" would mark super-models, but
    those come earlier in the order and are decided already.)  Returns the decisions in
    the order of ``order``; they are ``decide``'s for every model when the property is
    monotone (existence of the MLE, full column rank).
    """
    group_bits = bits[order]
    result = np.zeros(order.size, bool)
    undecided = np.ones(order.size, bool)
    i = 0
    while True:
        left = np.flatnonzero(undecided[i:])
        if left.size == 0:
            return result
        i += int(left[0])
        undecided[i] = False
        if decide(int(order[i])):
            below = undecided & ((group_bits & ~group_bits[i]) == 0)
            below[i] = True
            result[below] = True
            undecided[below] = False


def _existence(
    X: np.ndarray,
    y: np.ndarray,
    col_masks: np.ndarray,
    cell_masks: np.ndarray,
    bits: np.ndarray,
    empty_bits: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Existence and identifiability of every model, with few linear programs and ranks.

    Models are grouped by the zero-statistic terms they use (hence the cells they are
    fitted to).  Within a group both properties are monotone in the terms: a sub-model
    of a model whose MLE exists has one too (Chan, Silverman & Vincent 2021), and the
    columns of a sub-model of a full-rank design have full rank (its singular values
    interlace the larger design's, so NumPy's rank tolerance gives the same answer).
    """
    B = len(bits)
    exists = np.zeros(B, bool)
    ident = np.ones(B, bool)
    popcount = np.bitwise_count(bits.astype(np.uint64)).astype(np.int64)
    for e in np.unique(empty_bits):
        group = np.flatnonzero(empty_bits == e)
        cells = cell_masks[group[0]]
        order = group[np.argsort(-popcount[group])]

        def rank_ok(b: int, cells: np.ndarray = cells) -> bool:
            return is_identifiable(X[np.ix_(cells, col_masks[b])])

        def lp_ok(b: int, cells: np.ndarray = cells) -> bool:
            return mle_exists(X[np.ix_(cells, col_masks[b])], y[cells])

        if e != 0:
            ident[order] = _monotone_decisions(order, bits, rank_ok)
        exists[order] = _monotone_decisions(order, bits, lp_ok)
    return exists, ident


def fit_models(
    y: np.ndarray,
    k: int,
    models: Sequence[Sequence[Term]],
    *,
    level: float = 0.95,
    candidates: Sequence[Term] | None = None,
    member: np.ndarray | None = None,
) -> SearchTable:
    """Fit a set of hierarchical models; Wald (log-scale) intervals for each.

    The interval in the table is n + exp(beta_0 +/- z se(beta_0)), the normal interval
    on the log of the unobserved count used by SparseMSE's ``estimatepopulation.0``.
    ``candidates`` (the terms used, sorted by order then lexicographically) and
    ``member`` (their membership matrix), when given, save deriving them from ``models``
    (see :func:`exhaustive_design`).
    """
    n = float(np.sum(y))
    if candidates is None or member is None:
        candidates = sorted({t for m in models for t in m}, key=lambda t: (len(t), t))
        member = _membership(models, candidates)
    pats = cell_patterns(k)
    X = design_matrix(pats, candidates)
    col_masks, cell_masks, bits, empty_bits, n_params = _model_arrays(member, candidates, k, y)
    B = len(models)
    from .lattice import fit_lattice  # numba: imported on first use

    out = fit_lattice(y, k, _param_masks(candidates, k), col_masks, cell_masks)
    beta0, var0, dev, loglik, conv = out["beta0"], out["var0"], out["deviance"], out["loglik"], out["converged"]
    exists, ident = _existence(X, y, col_masks, cell_masks, bits, empty_bits)
    status = np.full(B, STATUS_OK, dtype=object)
    status[~conv] = STATUS_NOT_CONVERGED
    status[~exists] = STATUS_NO_MLE
    status[~ident] = STATUS_NOT_IDENTIFIABLE
    z = NormalDist().inv_cdf(0.5 + level / 2.0)
    with np.errstate(over="ignore", invalid="ignore"):
        est = n + np.exp(beta0)
        se = np.sqrt(np.exp(beta0) + np.exp(2 * beta0) * var0)
        sd0 = np.sqrt(np.maximum(var0, 0.0))
        lower = n + np.exp(beta0 - z * sd0)
        upper = n + np.exp(beta0 + z * sd0)
    bad = status != STATUS_OK
    for arr in (est, se, lower, upper):
        arr[bad] = np.nan
    aic = -2.0 * loglik + 2.0 * n_params
    bic = -2.0 * loglik + np.log(n) * n_params
    df = (2**k - 1) - n_params
    return SearchTable(
        terms=models if isinstance(models, list) else [list(m) for m in models],
        estimate=est,
        stderr=se,
        lower=lower,
        upper=upper,
        deviance=dev,
        df=df,
        n_params=n_params,
        aic=aic,
        bic=bic,
        status=status,
        candidates=tuple(candidates),
        member=member,
    )


def exhaustive_models(k: int, maxorder: int = 2) -> list[list[Term]]:
    """The model set of the exhaustive search (Rcapture ``closedpMS.t`` order aside)."""
    return hierarchical_models(k, maxorder)


def exhaustive_design(k: int, maxorder: int = 2) -> tuple[list[list[Term]], list[Term], np.ndarray]:
    """The exhaustive model set, its candidate terms and their membership matrix.

    Two-way models are every subset of the k(k-1)/2 pairs, in the order of
    :func:`~.design.hierarchical_models` (the first pair the most significant bit of
    the model's index), so their membership is the binary expansion of 0..2^T - 1.
    """
    models = hierarchical_models(k, maxorder)
    candidates = [t for order in range(2, maxorder + 1) for t in itertools.combinations(range(k), order)]
    if maxorder == 2:
        T = len(candidates)
        shifts = np.arange(T - 1, -1, -1, dtype=np.int64)
        member = ((np.arange(2**T, dtype=np.int64)[:, None] >> shifts[None, :]) & 1).astype(bool)
    else:
        member = _membership(models, candidates)
    return models, candidates, member


def stepwise_search(
    y: np.ndarray, k: int, *, criterion: str = "aic", level: float = 0.95
) -> tuple[list[list[Term]], SearchTable]:
    """Forward stepwise search over two-way terms on AIC or BIC.

    Starts from the main-effects model; at each step fits every model with one more
    two-way term, keeps only those whose MLE exists and is identifiable, and moves to
    the best one if it improves the criterion.  Returns the path's models and the
    table of every model fitted along the way.
    """
    pairs = all_pair_terms(k)
    current: list[Term] = []
    visited: dict[tuple[Term, ...], int] = {}
    all_models: list[list[Term]] = []
    tables: list[SearchTable] = []

    def crit(tab: SearchTable) -> np.ndarray:
        return tab.aic if criterion == "aic" else tab.bic

    base = fit_models(y, k, [current], level=level)
    all_models.append(list(current))
    tables.append(base)
    best_value = float(crit(base)[0])
    while True:
        cand = [sorted([*current, p]) for p in pairs if p not in current]
        cand = [c for c in cand if tuple(c) not in visited]
        if not cand:
            break
        tab = fit_models(y, k, cand, level=level)
        for c in cand:
            visited[tuple(c)] = 1
        all_models.extend(cand)
        tables.append(tab)
        values = np.where(tab.status == STATUS_OK, crit(tab), np.inf)
        j = int(np.argmin(values))
        if not np.isfinite(values[j]) or values[j] >= best_value:
            break
        best_value = float(values[j])
        current = cand[j]
    fields = ("estimate", "stderr", "lower", "upper", "deviance", "df", "n_params", "aic", "bic", "status")
    columns: dict[str, Any] = {f: np.concatenate([getattr(t, f) for t in tables]) for f in fields}
    merged = SearchTable(terms=all_models, **columns)
    return all_models, merged


def _maximal_terms(model: Sequence[Term]) -> list[Term]:
    """Interaction terms of a closed model not contained in another of its terms, sorted
    as :func:`~.design.generating_class` sorts them (highest order first)."""
    if max(map(len, model), default=2) == 2:  # two-way terms only: all maximal
        return sorted(model)
    masks = [sum(1 << i for i in t) for t in model]
    return sorted(
        (t for t, m in zip(model, masks, strict=True) if not any(u != m and (m & u) == m for u in masks)),
        key=lambda t: (-len(t), t),
    )


def model_labels(terms: Sequence[Sequence[Term]], lists: Sequence[str]) -> tuple[list[str], list[str]]:
    """Rcapture-style names (empty when k > 9) and list-name labels of models.

    ``terms`` are the models' closed term lists, as the searches produce them; the
    results are :func:`~.design.rcapture_name` and :func:`~.design.terms_label`
    (the main effects not covered by an interaction close the name).
    """
    k = len(lists)
    digits: dict[Term, str] = {}
    named: dict[Term, str] = {}
    cover: dict[Term, int] = {}
    singles = [[str(i + 1) for i in range(k) if not c >> i & 1] for c in range(1 << k)] if k <= 9 else []
    names: list[str] = []
    labels: list[str] = []
    for model in terms:
        gens = _maximal_terms(model)
        covered = 0
        for t in gens:
            c = cover.get(t)
            if c is None:
                digits[t] = "".join(str(i + 1) for i in t)
                named[t] = ":".join(lists[i] for i in t)
                c = cover[t] = sum(1 << i for i in t)
            covered |= c
        if k <= 9:
            names.append("[" + ",".join([*map(digits.__getitem__, gens), *singles[covered]]) + "]")
        else:
            names.append("")
        labels.append(" + ".join(map(named.__getitem__, gens)) if gens else "main effects")
    return names, labels


def _pair_labels(candidates: Sequence[Term], member: np.ndarray, lists: Sequence[str]) -> tuple[list[str], list[str]]:
    """:func:`model_labels` of models made of two-way terms, from their membership matrix.

    A model's generating class is its pairs in lexicographic order (the order of
    ``candidates``) and then the lists no pair covers, so names and labels are joined
    from per-chunk tables of up to 8 terms instead of per-model term lists.
    """
    k = len(lists)
    T = len(candidates)
    digits = ["".join(str(i + 1) for i in t) for t in candidates]
    named = [":".join(lists[i] for i in t) for t in candidates]
    B = member.shape[0]
    name_parts: list[list[str]] = []
    label_parts: list[list[str]] = []
    for lo in range(0, T, 8):
        cols = list(range(lo, min(lo + 8, T)))
        weights = 1 << np.arange(len(cols) - 1, -1, -1, dtype=np.int64)
        codes = member[:, cols].astype(np.int64) @ weights if B else np.zeros(0, np.int64)
        subsets = [[cols[j] for j in range(len(cols)) if c >> (len(cols) - 1 - j) & 1] for c in range(1 << len(cols))]
        d_tab = np.array([",".join(digits[j] for j in sub) for sub in subsets], dtype=object)
        n_tab = np.array([" + ".join(named[j] for j in sub) for sub in subsets], dtype=object)
        name_parts.append(d_tab[codes].tolist())
        label_parts.append(n_tab[codes].tolist())
    cover_bits = np.array([(1 << t[0]) | (1 << t[1]) for t in candidates], dtype=np.int64)
    covered = np.bitwise_or.reduce(np.where(member, cover_bits[None, :], 0), axis=1) if T else np.zeros(B, np.int64)
    singles = np.array([",".join(str(i + 1) for i in range(k) if not c >> i & 1) for c in range(1 << k)], dtype=object)
    name_parts.append(singles[covered].tolist())
    names = ["[" + ",".join(filter(None, parts)) + "]" for parts in zip(*name_parts, strict=True)]
    labels = [" + ".join(filter(None, parts)) or "main effects" for parts in zip(*label_parts, strict=True)]
    if not label_parts:
        labels = ["main effects"] * B
    return names, labels


def table_labels(tab: SearchTable, lists: Sequence[str]) -> tuple[list[str], list[str]]:
    """:func:`model_labels` of a search table's models (from its membership matrix when
    every candidate term is two-way and k <= 9)."""
    if tab.member is not None and tab.candidates is not None and len(lists) <= 9:
        if all(len(t) == 2 for t in tab.candidates):
            return _pair_labels(tab.candidates, tab.member, lists)
    return model_labels(tab.terms, lists)

