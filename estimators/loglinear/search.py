"""Model search over hierarchical log-linear models (exhaustive or stepwise).

The exhaustive search fits every hierarchical model with all main effects and
interactions up to ``maxorder`` (Rcapture's ``closedpMS.t``), vectorised over models:
all models share one design and are iterated together (see
:func:`estimators.loglinear.fit.fit_batch`), so the 32,768 two-way models of six lists
take seconds instead of Rcapture's minutes.  Existence of the MLE is decided by the
linear-programming test of :mod:`estimators.loglinear.existence`, using its
monotonicity (Chan, Silverman & Vincent 2021): if the MLE exists for a model it exists
for every sub-model with the same zero-statistic terms, and if it does not exist it
does not exist for any super-model.

Beyond ``max_exhaustive_lists`` lists the search is a forward stepwise search on the
criterion, adding one two-way term at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .design import (
    Term,
    all_pair_terms,
    cell_patterns,
    design_matrix,
    hierarchical_models,
    rcapture_name,
    terms_label,
)
from .existence import is_identifiable, mle_exists
from .fit import fit_batch

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


def _model_arrays(
    models: Sequence[Sequence[Term]], candidates: Sequence[Term], k: int, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Column masks, cell masks, term bitmasks, empty-term bitmasks, nominal p."""
    pats = cell_patterns(k)
    X = design_matrix(pats, list(candidates))
    index = {t: j for j, t in enumerate(candidates)}
    T = len(candidates)
    stat = y @ X[:, 1 + k :]
    empty = stat <= 0
    member = np.zeros((len(models), T), bool)
    for b, model in enumerate(models):
        for t in model:
            member[b, index[t]] = True
    used_empty = member & empty[None, :]
    col_masks = np.ones((len(models), 1 + k + T), bool)
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


def _existence(
    X: np.ndarray,
    y: np.ndarray,
    col_masks: np.ndarray,
    cell_masks: np.ndarray,
    bits: np.ndarray,
    empty_bits: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Existence and identifiability of every model, with few linear programs."""
    B = len(bits)
    exists = np.zeros(B, bool)
    ident = np.ones(B, bool)
    for e in np.unique(empty_bits):
        group = np.flatnonzero(empty_bits == e)
        cells = cell_masks[group[0]]
        if e != 0:
            for b in group:
                ident[b] = is_identifiable(X[np.ix_(cells, col_masks[b])])
        order = group[np.argsort(-np.array([bin(int(v)).count("1") for v in bits[group]]))]
        known_yes: list[int] = []
        known_no: list[int] = []
        for b in order:
            m = int(bits[b])
            if any((m & ~kb) == 0 for kb in known_yes):
                exists[b] = True
                continue
            if any((kb & ~m) == 0 for kb in known_no):
                continue
            ok = mle_exists(X[np.ix_(cells, col_masks[b])], y[cells])
            exists[b] = ok
            (known_yes if ok else known_no).append(m)
    return exists, ident


def fit_models(
    y: np.ndarray,
    k: int,
    models: Sequence[Sequence[Term]],
    *,
    level: float = 0.95,
    chunk: int = 4096,
) -> SearchTable:
    """Fit a set of hierarchical models; Wald (log-scale) intervals for each.

    The interval in the table is n + exp(beta_0 +/- z se(beta_0)), the normal interval
    on the log of the unobserved count used by SparseMSE's ``estimatepopulation.0``.
    """
    n = float(np.sum(y))
    candidates = sorted({t for m in models for t in m}, key=lambda t: (len(t), t))
    pats = cell_patterns(k)
    X = design_matrix(pats, candidates)
    col_masks, cell_masks, bits, empty_bits, n_params = _model_arrays(models, candidates, k, y)
    B = len(models)
    beta0 = np.empty(B)
    var0 = np.empty(B)
    dev = np.empty(B)
    loglik = np.empty(B)
    conv = np.empty(B, bool)
    for start in range(0, B, chunk):
        sl = slice(start, min(start + chunk, B))
        out = fit_batch(X, y, col_masks[sl], cell_masks[sl])
        beta0[sl] = out["beta"][:, 0]
        var0[sl] = out["var0"]
        dev[sl] = out["deviance"]
        loglik[sl] = out["loglik"]
        conv[sl] = out["converged"]
    exists, ident = _existence(X, y, col_masks, cell_masks, bits, empty_bits)
    status = np.full(B, STATUS_OK, dtype=object)
    status[~conv] = STATUS_NOT_CONVERGED
    status[~exists] = STATUS_NO_MLE
    status[~ident] = STATUS_NOT_IDENTIFIABLE
    z = stats.norm.ppf(0.5 + level / 2.0)
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
        terms=[list(m) for m in models],
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
    )


def exhaustive_models(k: int, maxorder: int = 2) -> list[list[Term]]:
    """The model set of the exhaustive search (Rcapture ``closedpMS.t`` order aside)."""
    return hierarchical_models(k, maxorder)


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
    merged = SearchTable(
        terms=all_models,
        **{
            f: np.concatenate([getattr(t, f) for t in tables])
            for f in (
                "estimate",
                "stderr",
                "lower",
                "upper",
                "deviance",
                "df",
                "n_params",
                "aic",
                "bic",
                "status",
            )
        },
    )
    return all_models, merged


def model_labels(terms: Sequence[Sequence[Term]], lists: Sequence[str]) -> tuple[list[str], list[str]]:
    """Rcapture-style names (empty when k > 9) and list-name labels of models."""
    k = len(lists)
    names = [rcapture_name(t, k) if k <= 9 else "" for t in terms]
    labels = [terms_label(list(t), lists) for t in terms]
    return names, labels
