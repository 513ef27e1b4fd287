"""Registered log-linear estimators: ``loglinear`` (given model or model search) and
Rcapture's closed-population family M0, Mt, Mh and Mth.

References
----------
Fienberg, S. E. (1972). Biometrika 59, 591-603.
Cormack, R. M. (1989). Log-linear models for capture-recapture. Biometrics 45, 395-413.
Cormack, R. M. (1992). Biometrics 48, 567-576 (profile-likelihood intervals).
Rivest, L.-P. and Baillargeon, S. (2007). Applications and extensions of Chao's moment
estimator for the size of a closed population. Biometrics 63, 999-1006.
Baillargeon, S. and Rivest, L.-P. (2007). Rcapture. J. Statistical Software 19(5).
Chan, L., Silverman, B. W. and Vincent, K. (2021). JASA 116, 1297-1306.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from .._lazy import lazy_module
from ..base import Estimator
from ..cells import cell_patterns
from ..exceptions import SettingsError
from ..histories import CaptureHistories
from ..results import EstimateResult, LoglinearFit, ModelSelection, Status, records
from ..validation import check_choice, check_int
from .averaging import AVERAGING, averaged_result
from .bootstrap import reselect_interval
from .design import Term, design_matrix, parse_terms, rcapture_name, terms_label
from .search import STATUS_OK, exhaustive_design, fit_models, stepwise_search, table_labels
from .single import INTERVALS, SingleFit, fit_single

if TYPE_CHECKING:
    from concurrent.futures import Executor

    import pandas as pd
else:
    pd = lazy_module("pandas")


CRITERIA = ("aic", "bic")
RESELECT = "bootstrap-reselect"
SEARCHES = ("auto", "exhaustive", "stepwise")


def _result(spec: Estimator, h: CaptureHistories, fit: SingleFit, *, model: str | None,
            terms: str | None = None) -> EstimateResult:
    parts = () if fit.fit is None else (dataclasses.replace(fit.fit, model=model, terms=terms),)
    return spec.result(h, estimate=fit.estimate, lower=fit.lower, upper=fit.upper, status=fit.status,
                       messages=fit.messages, parts=parts, expected_cells=fit.expected_cells)


@dataclass(frozen=True)
class ModelSearch:
    """Result of a model search: the comparison table and the selected model's result.

    ``table`` has one row per model: ``model`` (Rcapture-style name, k <= 9), ``terms``
    (list-name label), ``estimate``, ``lower``/``upper`` (Wald interval on the log of
    the unobserved count), ``stderr``, ``deviance``, ``df``, ``n_params``, ``aic``,
    ``bic``, ``status``; sorted by the criterion, models without an estimate last.
    """

    table: pd.DataFrame
    selected: EstimateResult
    criterion: str
    search: str


def search_models(
    histories: CaptureHistories,
    *,
    criterion: str = "aic",
    search: str = "auto",
    maxorder: int = 2,
    max_exhaustive_lists: int = 6,
    level: float = 0.95,
    interval: str = "profile",
) -> ModelSearch:
    """Search hierarchical log-linear models and refit the best one.

    Parameters
    ----------
    criterion : "aic" (default) or "bic"; BIC uses log(n), n = observed count, as in
        Rcapture.  Models whose MLE does not exist or is not identifiable are listed
        with their status and never selected.
    search : "exhaustive" (every hierarchical model up to ``maxorder``), "stepwise"
        (forward on two-way terms) or "auto" (exhaustive up to ``max_exhaustive_lists``).
    maxorder : highest interaction order in the exhaustive search (Rcapture's
        ``closedpMS.t`` default is k - 1; 2 keeps two-way interactions).
    """
    check_choice(criterion, "criterion", CRITERIA)
    check_choice(search, "search", SEARCHES)
    k = histories.k
    if k < 3:
        raise SettingsError(f"log-linear model search needs at least 3 lists; got {k}")
    y = histories.cell_counts()
    mode = search if search != "auto" else ("exhaustive" if k <= max_exhaustive_lists else "stepwise")
    if mode == "exhaustive":
        models, candidates, member = exhaustive_design(k, maxorder)
        tab = fit_models(y, k, models, level=level, candidates=candidates, member=member)
    else:
        models, tab = stepwise_search(y, k, criterion=criterion, level=level)
    names, labels = table_labels(tab, histories.lists)
    table = pd.DataFrame(
        {
            "model": names,
            "terms": labels,
            "estimate": tab.estimate,
            "lower": tab.lower,
            "upper": tab.upper,
            "stderr": tab.stderr,
            "deviance": tab.deviance,
            "df": tab.df,
            "n_params": tab.n_params,
            "aic": tab.aic,
            "bic": tab.bic,
            "status": tab.status.astype(str),
        }
    )
    ok = table["status"] == STATUS_OK
    order = np.lexsort((table[criterion].to_numpy(), ~ok.to_numpy()))
    table = table.iloc[order].reset_index(drop=True)
    terms_sorted = [tab.terms[i] for i in order]
    if not ok.any():
        spec = LogLinear(level=level, interval=interval)
        selected = spec.no_estimate(
            histories,
            Status.MLE_DOES_NOT_EXIST,
            "no model in the search has an existing, identifiable MLE",
            n_models=len(table),
        )
        return ModelSearch(table=table, selected=selected, criterion=criterion, search=mode)
    best_terms = terms_sorted[0]
    spec = LogLinear(level=level, interval=interval)
    selected = spec.fit_terms(histories, best_terms)
    selection = ModelSelection(
        criterion=criterion,
        search=mode,
        maxorder=maxorder if mode == "exhaustive" else 2,
        n_models=int(len(table)),
        n_with_estimate=int(ok.sum()),
        top_models=tuple(records(table.head(10))),
    )
    messages = (
        *selected.messages,
        f"model selected by {criterion.upper()} among {len(table)} models ({mode} search); "
        "the interval does not include model-selection uncertainty",
    )
    selected = dataclasses.replace(selected, messages=messages, parts=(*selected.parts, selection))
    return ModelSearch(table=table, selected=selected, criterion=criterion, search=mode)


@dataclass(frozen=True, kw_only=True)
class LogLinear(Estimator):
    """Hierarchical Poisson log-linear model of the incomplete 2^k table.

    N-hat = n + exp(intercept).  With ``model`` (e.g. ``"A:B,B:C"``) that model is
    fitted; without it the model is chosen by :func:`search_models`.

    Parameters
    ----------
    model : interaction terms, list names joined by ':' and separated by ',' or '+';
        1-based numbers and Rcapture names like ``"[12,3]"`` also work.
    criterion, search, maxorder, max_exhaustive_lists : see :func:`search_models`.
    interval : "profile" (default; Cormack 1992), "wald" (normal on the log of the
        unobserved count, as SparseMSE's ``estimatepopulation.0``) or, for a searched
        model, "bootstrap-reselect" (parametric bootstrap redoing the search in every
        resample; :mod:`.bootstrap`).
    reselect_replicates : int, default 200
        Resamples of the "bootstrap-reselect" interval.
    averaging : None or "aic"
        "aic": average every searched model with Akaike (or, with ``criterion="bic"``,
        BIC) weights (Buckland et al. 1997; :mod:`.averaging`) instead of selecting one.
    """

    name = "loglinear"
    summary = "Poisson log-linear model (given --model terms, or selected by AIC/BIC), profile interval"
    reference = "Fienberg (1972); Cormack (1989, 1992); Baillargeon & Rivest (2007)"
    assumption = ("The dependence between lists is captured by the interactions of the chosen log-linear model "
                  "(people are otherwise alike, and there is no interaction among all lists at once); the "
                  "interval leaves out the uncertainty of choosing that model.")
    min_lists = 3

    model: str | None = None
    criterion: str = "aic"
    search: str = "auto"
    maxorder: int = 2
    max_exhaustive_lists: int = 6
    interval: str = "profile"
    reselect_replicates: int = 200
    averaging: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        check_choice(self.criterion, "criterion", CRITERIA)
        check_choice(self.interval, "interval", (*INTERVALS, RESELECT))
        check_choice(self.search, "search", SEARCHES)
        check_int(self.maxorder, "maxorder", minimum=1)
        check_int(self.max_exhaustive_lists, "max_exhaustive_lists", minimum=3)
        check_choice(self.averaging, "averaging", AVERAGING)
        check_int(self.reselect_replicates, "reselect_replicates", minimum=20)
        if self.model is not None and (self.averaging is not None or self.interval == RESELECT):
            raise SettingsError("averaging and interval='bootstrap-reselect' apply to a searched model, not a given one")
        if self.averaging is not None and self.interval == RESELECT:
            raise SettingsError("averaging and interval='bootstrap-reselect' are two different intervals for "
                                "model-selection uncertainty: choose one")

    def _fit(self, histories: CaptureHistories) -> EstimateResult:
        return self._fit_fanned_out(histories, executor=None, progress=None)

    def _fit_fanned_out(
        self, histories: CaptureHistories, *, executor: Executor | None, progress: bool | None
    ) -> EstimateResult:
        # only the "bootstrap-reselect" interval fans out: its resamples are independent searches
        if self.model is None and histories.k - 1 < self.maxorder:
            raise SettingsError(f"maxorder must be at most k - 1 = {histories.k - 1}; got {self.maxorder}")
        if self.model is None and self.averaging is not None:
            search = search_models(histories, criterion=self.criterion, search=self.search, maxorder=self.maxorder,
                                   max_exhaustive_lists=self.max_exhaustive_lists, level=self.level, interval="wald")
            return averaged_result(self, histories, search)
        if self.model is None and self.interval == RESELECT:
            selected = search_models(
                histories, criterion=self.criterion, search=self.search, maxorder=self.maxorder,
                max_exhaustive_lists=self.max_exhaustive_lists, level=self.level, interval="profile",
            ).selected
            return reselect_interval(self, histories, selected, executor=executor, progress=progress)
        if self.model is None:
            return search_models(
                histories,
                criterion=self.criterion,
                search=self.search,
                maxorder=self.maxorder,
                max_exhaustive_lists=self.max_exhaustive_lists,
                level=self.level,
                interval=self.interval,
            ).selected
        terms = parse_terms(self.model, histories.lists)
        return self.fit_terms(histories, terms)

    def fit_terms(self, histories: CaptureHistories, terms: list[Term]) -> EstimateResult:
        """Fit the hierarchical model with these (closed) interaction terms."""
        k = histories.k
        X = design_matrix(cell_patterns(k), terms)
        interaction = np.zeros(X.shape[1], bool)
        interaction[1 + k :] = True
        fit = fit_single(
            X, histories.cell_counts(), interaction=interaction, level=self.level, interval=self.interval
        )
        return _result(self, histories, fit, model=rcapture_name(terms, k) if k <= 9 else None,
                       terms=terms_label(terms, histories.lists))

    def refit_spec(self, result: EstimateResult) -> LogLinear:
        """Bootstrap refits use the selected model (no re-selection) and the cheap Wald interval."""
        fit = result.part(LoglinearFit)
        model = fit.model if fit is not None and fit.model else self.model
        return dataclasses.replace(self, model=model, interval="wald")


def _heterogeneity(nbcap: np.ndarray, kind: str, k: int) -> np.ndarray:
    if kind == "chao":
        return np.column_stack([np.maximum(nbcap - j + 1, 0.0) for j in range(3, k + 1)])
    if kind == "poisson2":
        return (2.0**nbcap - 1.0)[:, None]
    if kind == "darroch":
        return (nbcap**2 / 2.0)[:, None]
    if kind == "gamma3.5":
        return (-np.log(3.5 + nbcap) + math.log(3.5))[:, None]
    raise ValueError(f"unknown heterogeneity {kind!r}")


@dataclass(frozen=True, kw_only=True)
class ClosedPopulationModel(Estimator):
    """Rcapture's closed-population log-linear models (``closedp.t``/``closedpCI.t``).

    * M0: equal capture probabilities: log mu = b0 + b1 * (number of captures).
    * Mt: list effects: log mu = b0 + sum_j bj x_j.
    * Mh / Mth: M0 / Mt plus a heterogeneity term in the number of captures f:
      Chao's lower bound (columns (f - j + 1)+, j = 3..k, constrained >= 0),
      Poisson2 (2^f - 1), Darroch (f^2/2) or Gamma3.5 (-log(3.5 + f) + log 3.5)
      (Rivest & Baillargeon 2007).

    Parameters
    ----------
    interval : "profile" (default, as ``closedpCI.t``) or "wald".
    """

    interval: str = "profile"

    base: ClassVar[str] = "M0"
    heterogeneity: ClassVar[str | None] = None
    min_lists = 3

    def __post_init__(self) -> None:
        super().__post_init__()
        check_choice(self.interval, "interval", INTERVALS)

    def _fit(self, histories: CaptureHistories) -> EstimateResult:
        k = histories.k
        pats = cell_patterns(k).astype(float)
        nbcap = pats.sum(axis=1)
        cols = [np.ones(len(nbcap))]
        cols += [nbcap] if self.base in ("M0", "Mh") else list(pats.T)
        nca = len(cols)
        if self.heterogeneity is not None:
            cols += list(_heterogeneity(nbcap, self.heterogeneity, k).T)
        X = np.column_stack(cols)
        nonneg = np.zeros(X.shape[1], bool)
        if self.heterogeneity == "chao":
            nonneg[nca:] = True
        fit = fit_single(
            X,
            histories.cell_counts(),
            interaction=np.zeros(X.shape[1], bool),
            nonneg=nonneg,
            level=self.level,
            interval=self.interval,
        )
        return _result(self, histories, fit, model=self.name)

    def refit_spec(self, result: EstimateResult) -> ClosedPopulationModel:
        """Bootstrap refits use the cheap Wald interval."""
        return dataclasses.replace(self, interval="wald")


_FAMILY: list[tuple[str, str, str | None, str]] = [
    ("M0", "M0", None, "equal capture probability on every list (Otis et al. 1978)"),
    ("Mt", "Mt", None, "list effects, lists independent (the main-effects log-linear model)"),
]
for _base in ("Mh", "Mth"):
    for _h, _label in (("chao", "Chao"), ("poisson2", "Poisson2"), ("darroch", "Darroch"), ("gamma3.5", "Gamma3.5")):
        what = "M0" if _base == "Mh" else "Mt"
        _FAMILY.append(
            (f"{_base}-{_h}", _base, _h, f"{what} plus {_label} heterogeneity in the number of captures")
        )


_HETEROGENEITY_WORDS = {
    "chao": "in any way (Chao's lower-bound model: the estimate is a lower limit for N)",
    "poisson2": "as the Poisson2 form of Rivest & Baillargeon (2007) describes",
    "darroch": "as Darroch's form (a normal mixing distribution) describes",
    "gamma3.5": "as a gamma mixing distribution (Gamma3.5) describes",
}


def _assumption(base: str, heterogeneity: str | None) -> str:
    """The plain-words assumption of one of Rcapture's closed-population models."""
    if base == "M0":
        return ("Every person has the same chance of being on each list, the same for every list, and the lists "
                "are independent.")
    if base == "Mt":
        return ("The lists are independent (being on one does not change the chance of being on another) and, "
                "on each list, everyone has the same chance of being listed; lists may differ in size.")
    lists = "Every list is equally likely to include a given person" if base == "Mh" else "Lists differ in size"
    return (f"{lists}, and people differ in how easy they are to find, {_HETEROGENEITY_WORDS[str(heterogeneity)]}; "
            "given how easy a person is to find, the lists are independent.")


def _family_class(name: str, base: str, heterogeneity: str | None, summary: str) -> type[ClosedPopulationModel]:
    cls = type(
        f"Rcapture_{name.replace('-', '_').replace('.', '_')}",
        (ClosedPopulationModel,),
        {
            "base": base,
            "heterogeneity": heterogeneity,
            "name": name,
            "summary": f"Rcapture {name}: {summary}",
            "reference": "Baillargeon & Rivest (2007); Rivest & Baillargeon (2007)",
            "assumption": _assumption(base, heterogeneity),
            "__doc__": ClosedPopulationModel.__doc__,
        },
    )
    return dataclass(frozen=True, kw_only=True)(cls)


#: Rcapture's closed-population models, one spec class each (M0, Mt, Mh-*, Mth-*).
RCAPTURE_FAMILY: tuple[type[ClosedPopulationModel], ...] = tuple(_family_class(*row) for row in _FAMILY)
# Module attributes, so that specs pickle by reference (specs travel to worker processes).
globals().update({cls.__name__: cls for cls in RCAPTURE_FAMILY})

#: Rcapture's name of each model (``closedp.t``/``closedpCI.t`` output) -> the method's name here.
RCAPTURE_LABELS: dict[str, str] = {
    "M0": "M0", "Mt": "Mt",
    **{f"{base} {label}": f"{base}-{h}" for base in ("Mh", "Mth")
       for label, h in (("Chao (LB)", "chao"), ("Poisson2", "poisson2"), ("Darroch", "darroch"),
                        ("Gamma3.5", "gamma3.5"))},
}
