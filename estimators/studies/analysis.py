"""The analysis report of a user's capture histories: every applicable family side by side,
diagnostics, sensitivity, strata, linkage uncertainty, with small cells suppressed on request.

``reports/analysis.qmd`` calls :func:`run_analysis` once and displays what it returns;
``removals report analysis --data FILE`` renders it.  Everything here is an aggregate: no
record, name or identifier of the input reaches the result.

The families compared (:data:`FAMILIES`) each rest on a different assumption about how
the lists depend on each other and how findable people are; the headline is the
command-line default (:data:`HEADLINE`), stated as such.  The methods are compared by
:func:`estimators.studies.compare.compare` (``removals compare``): side by side, with the
internal-consistency check, the drop-one-list sensitivity and the disagreements between
families.

References
----------
Fienberg, S. E. (1972). The multiple recapture census for closed populations and
incomplete 2^k contingency tables. Biometrika 59(3), 591-603.
Madigan, D. and York, J. C. (1997). Bayesian methods for estimation of the size of a
closed population. Biometrika 84(1), 19-31.
Manrique-Vallier, D. (2016). Bayesian population size estimation using Dirichlet process
mixtures. Biometrics 72(4), 1246-1254.
"""

from __future__ import annotations

import hashlib
import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from ..base import Estimator
from ..exceptions import RemovalsWarning, SettingsError
from ..histories import CaptureHistories
from ..methods import get
from ..results import EstimateResult, PosteriorFit
from .compare import Comparison, compare, method_specs


@dataclass(frozen=True)
class Family:
    """A method family of the analysis report: one representative method and its label.

    Attributes
    ----------
    method : registered method name.
    label : plain-language name, with the technical one.

    The assumption each method rests on is the method's own (``Estimator.assumption``),
    as ``removals compare`` states it.
    """

    method: str
    label: str

    @property
    def assumption(self) -> str:
        """What the method assumes, in plain words (the spec's ``assumption``)."""
        spec = get(self.method).spec
        return str(getattr(spec, "assumption", "") or get(self.method).summary)


#: The families compared by default (one method each, as ``removals compare`` groups them), in
#: the order shown.
FAMILIES: tuple[Family, ...] = (
    Family("recommended", "recommended default (recommended; the command-line default)"),
    Family("loglinear", "log-linear, best AIC (loglinear)"),
    Family("dga", "graph averaging (dga)"),
    Family("lcm", "latent classes (lcm)"),
    Family("bayes-loglinear", "Bayesian log-linear (bayes-loglinear)"),
    Family("Mth-darroch", "heterogeneity, Darroch's model (Mth-darroch)"),
    Family("Mth-chao", "heterogeneity, Chao lower bound (Mth-chao)"),
    Family("Mt", "independent lists (Mt)"),
    Family("chao", "Chao's lower bound (chao)"),
    Family("chapman", "Lincoln-Petersen (Chapman)"),
    Family("two-source", "two-source, stated prior on dependence"),
)
FAMILY_BY_METHOD: dict[str, Family] = {f.method: f for f in FAMILIES}

#: The headline method by number of lists: the command-line default (``recommended``) for
#: three or more, the two-source model (its dependence prior stated) for two.
HEADLINE = {2: "two-source", 3: "recommended"}


def headline_method(k: int, methods: Sequence[str]) -> str:
    """The method whose estimate heads the report (:data:`HEADLINE`, else the first of ``methods``)."""
    preferred = HEADLINE[2] if k == 2 else HEADLINE[3]
    if preferred in methods:
        return preferred
    if not methods:
        raise SettingsError("no method applies to these lists")
    return methods[0]


def applicable_methods(k: int, requested: Sequence[str] | None = None) -> list[str]:
    """The families that apply to ``k`` lists, in :data:`FAMILIES` order (or ``requested``'s).

    Parameters
    ----------
    k : number of lists.
    requested : method names (any registered method), or None for every family.

    Raises
    ------
    SettingsError
        For an unknown method, or a requested method that needs more (or fewer) lists.
    """
    names = [f.method for f in FAMILIES] if requested is None else list(dict.fromkeys(requested))
    out = []
    for name in names:
        info = get(name)
        fits = k >= info.min_lists and (info.max_lists is None or k <= info.max_lists)
        if fits:
            out.append(info.name)
        elif requested is not None:
            need = (f"exactly {info.min_lists}" if info.max_lists == info.min_lists
                    else f"at least {info.min_lists}")
            raise SettingsError(f"method {info.name!r} needs {need} lists; the data have {k}")
    return out


def file_sha256(path: str | Path) -> str:
    """sha256 of a file's bytes."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def suppress(value: int, public: bool, min_cell: int) -> int | str:
    """A count for public output: ``"<min_cell"`` when ``0 < value < min_cell``, else the count."""
    v = int(value)
    return f"<{min_cell}" if public and 0 < v < min_cell else v


@dataclass(frozen=True)
class LinkageSection:
    """What the analysis says about the linkage of ``removals link`` output.

    Attributes
    ----------
    summary : the sidecar's aggregate summary (cells suppressed when public).
    replicates : number of linkage replicates.
    combined : the headline method over the replicates (Rubin's rules or pooled draws).
    """

    summary: Mapping[str, Any]
    replicates: int
    combined: EstimateResult


@dataclass(frozen=True)
class Analysis:
    """Everything the analysis report shows (aggregates only).

    Attributes
    ----------
    file_name, sha256 : the input file's name (not its path) and hash.
    histories : the histories as read (stratified when ``strata``).
    pooled : strata collapsed.
    strata : the stratum column(s).
    methods : the families fitted (method names).
    headline : the headline method.
    comparison : :func:`estimators.studies.compare.compare` of the methods on the pooled
        lists: side by side, internal consistency, drop one list, disagreements.
    results : label -> result of each family on the pooled lists.
    models : the best log-linear models by AIC (empty when log-linear is not fitted).
    drop_one : the headline method with each list left out (the comparison's drop-one
        rows of that method; None with two lists).
    by_stratum : the headline method per stratum, strata below ``min_cell`` withheld when
        public (None without strata).
    withheld_strata : strata withheld from public output (all of them).
    withheld_secondary : of these, the strata of at least ``min_cell`` people withheld so
        that the small ones cannot be recovered by subtraction from the total
        (:func:`estimators.disclosure.withheld_cells`).
    linkage : the linkage section (None when the input has no linkage sidecar).
    seed, public, min_cell, budget : settings.
    """

    file_name: str
    sha256: str
    histories: CaptureHistories
    pooled: CaptureHistories
    strata: tuple[str, ...]
    methods: tuple[str, ...]
    headline: str
    comparison: Comparison
    results: Mapping[str, EstimateResult]
    models: pd.DataFrame
    drop_one: pd.DataFrame | None
    by_stratum: EstimateResult | None
    withheld_strata: int
    linkage: LinkageSection | None
    seed: int
    public: bool
    min_cell: int
    budget: str = "standard"
    withheld_secondary: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "results", MappingProxyType(dict(self.results)))

    def label(self, method: str) -> str:
        """The display label of a method."""
        return _label(method)

    @property
    def headline_label(self) -> str:
        """The label of the headline result in :attr:`results`."""
        return FAMILY_BY_METHOD[self.headline].label if self.headline in FAMILY_BY_METHOD else self.headline

    @property
    def headline_result(self) -> EstimateResult:
        """The headline method's result on the pooled lists."""
        return self.results[self.headline_label]


def _label(method: str) -> str:
    return FAMILY_BY_METHOD[method].label if method in FAMILY_BY_METHOD else method


def best_models(histories: CaptureHistories, top: int = 5) -> pd.DataFrame:
    """The ``top`` log-linear models by AIC among those whose estimate exists (``loglinear``'s two-way search)."""
    from ..loglinear.estimators import search_models

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        table = search_models(histories, criterion="aic").table
    ok = table[table["status"].isin(["ok", "warning"])].sort_values("aic", kind="stable")
    return ok.head(top).reset_index(drop=True)


def _public_strata(result: EstimateResult, public: bool, min_cell: int) -> tuple[EstimateResult, int, int]:
    """The strata shown, the number withheld, and how many of these have at least ``min_cell`` people."""
    if not public:
        return result, 0, 0
    from ..disclosure import public_strata

    return public_strata(result, min_cell)


def _linkage(path: Path, histories: CaptureHistories, spec: Estimator, replicates: int, seed: int, public: bool,
             min_cell: int) -> LinkageSection | None:
    from ..linkage.files import read_linkage, sidecar_paths
    from ..linkage.replicates import estimate_from_linkage_file

    if not sidecar_paths(path)[0].exists():
        return None
    linkage = read_linkage(path)
    summary = dict((linkage.metadata or {}).get("summary") or {})
    if public:
        summary = _suppress_summary(summary, min_cell)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        combined = estimate_from_linkage_file(spec, path, histories, replicates, seed=seed)
    return LinkageSection(summary=summary, replicates=replicates, combined=combined)


def _suppress_summary(summary: Mapping[str, Any], min_cell: int) -> dict[str, Any]:
    """The sidecar's summary with every count below ``min_cell`` suppressed (as ``link --public``)."""

    def c(v: Any) -> Any:
        return suppress(v, True, min_cell) if isinstance(v, int) and not isinstance(v, bool) else v

    out = dict(summary)
    out["records"] = {k: c(v) for k, v in dict(summary.get("records", {})).items()}
    out["thin_records_left_out"] = {k: c(v) for k, v in dict(summary.get("thin_records_left_out") or {}).items()}
    for key in ("children_observed", "duplicates_merged", "flagged_clusters", "flagged_records", "children_only_thin",
                "twin_pairs_kept_apart", "linked_pairs"):
        if key in out:
            out[key] = c(out[key])
    out["pairs_by_probability"] = [{**r, "within_list": c(r["within_list"]), "across_lists": c(r["across_lists"])}
                                   for r in summary.get("pairs_by_probability", [])]
    out["cluster_sizes"] = [{**r, "clusters": c(r["clusters"])} for r in summary.get("cluster_sizes", [])]
    raw_sizes = list(summary.get("cluster_sizes", []))
    raw_records = dict(summary.get("records", {}))
    if all(isinstance(r.get("clusters"), int) for r in raw_sizes) and all(
            isinstance(v, int) for v in raw_records.values()):  # secondary suppression (as link --public)
        from ..linkage.summary import secondary_suppression

        thin = summary.get("children_only_thin")
        flagged = summary.get("flagged_records")
        cells, out["records"], flagged_cell, thin_cell = secondary_suppression(
            [r["clusters"] for r in raw_sizes], thin if isinstance(thin, int) else 0, raw_records,
            flagged if isinstance(flagged, int) else 0, min_cell)
        out["cluster_sizes"] = [{**r, "clusters": v} for r, v in zip(raw_sizes, cells, strict=True)]
        if isinstance(flagged, int):
            out["flagged_records"] = flagged_cell
        if isinstance(thin, int):
            out["children_only_thin"] = thin_cell
    out["public"], out["min_cell"] = True, min_cell
    return out


def read_input(data: str | Path, *, strata: Sequence[str] = (), lists: Sequence[str] | None = None) -> CaptureHistories:
    """The capture histories of ``data`` (``removals link`` output read with its stratum column)."""
    from ..linkage.files import read_histories

    return read_histories(data, lists=list(lists) if lists else None, strata=list(strata) or None)


def run_analysis(
    data: str | Path,
    *,
    strata: Sequence[str] = (),
    lists: Sequence[str] | None = None,
    methods: Sequence[str] | None = None,
    seed: int,
    public: bool = False,
    min_cell: int = 5,
    linkage_replicates: int = 20,
    budget: str = "standard",
) -> Analysis:
    """Fit everything the analysis report shows.

    Parameters
    ----------
    data : path of a capture-history file (CSV or Parquet; ``removals link`` output too).
    strata : stratum column(s); the headline method is also fitted per stratum.
    lists : list columns to use (default: all).
    methods : method names (default: every family of :data:`FAMILIES` that applies).
    seed : seed of every fit.
    public : suppress counts below ``min_cell`` (list sizes, overlap patterns, linkage
        summary) and leave out strata with fewer than ``min_cell`` people observed.
    min_cell : smallest count shown with ``public``.
    linkage_replicates : replicates of the linkage (``removals link`` output only).
    budget : settings of the samplers, as ``removals compare --budget``
        (:data:`estimators.studies.compare.BUDGETS`).

    Returns
    -------
    Analysis

    Raises
    ------
    InputError
        For a file that is not valid capture histories (named by file, row, column).
    SettingsError
        For an unknown method or budget, one that does not apply, or ``min_cell`` below 1.
    """
    if min_cell < 1:
        raise SettingsError(f"min_cell must be >= 1; got {min_cell}")
    path = Path(data)
    histories = read_input(path, strata=strata, lists=lists)
    pooled = histories.collapse_strata() if histories.is_stratified else histories
    chosen = applicable_methods(pooled.k, methods)
    headline = headline_method(pooled.k, chosen)
    comparison = compare(pooled, seed=seed, methods=chosen, budget=budget)
    results = {_label(m): comparison.results[m] for m in chosen}
    models = best_models(pooled) if "loglinear" in chosen else pd.DataFrame()
    drop: pd.DataFrame | None = None
    if comparison.drop_one is not None:
        drop = comparison.drop_one[comparison.drop_one["method"] == headline].drop(columns="method")
        drop = drop.reset_index(drop=True)
        drop.attrs["method"] = headline
    spec = method_specs(pooled.k, methods=[headline], budget=budget, seed=seed)[headline]
    by_stratum: EstimateResult | None = None
    withheld = secondary = 0
    if histories.is_stratified:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RemovalsWarning)
            fitted = spec.fit(histories)
        by_stratum, withheld, secondary = _public_strata(fitted, public, min_cell)
    link = _linkage(path, pooled, spec, linkage_replicates, seed, public, min_cell)
    return Analysis(
        file_name=path.name, sha256=file_sha256(path), histories=histories, pooled=pooled, strata=tuple(strata),
        methods=tuple(chosen), headline=headline, comparison=comparison, results=results, models=models,
        drop_one=drop, by_stratum=by_stratum, withheld_strata=withheld, linkage=link, seed=seed, public=public,
        min_cell=min_cell, budget=budget, withheld_secondary=secondary,
    )


def diagnostics(results: Mapping[str, EstimateResult]) -> pd.DataFrame:
    """Per result: status, the Bayesian sampler's diagnostics of N, and the result's messages.

    Returns
    -------
    DataFrame
        ``label, method, status, r_hat, ess_bulk, ess_tail, divergences`` (NaN for
        non-Bayesian results), ``messages`` (joined by "; ").
    """
    rows = []
    for label, r in results.items():
        post = r.part(PosteriorFit)
        diag = post.diagnostics_of("N") if post is not None else None
        rows.append({
            "label": label, "method": r.method, "status": r.status.value,
            "r_hat": float(diag["r_hat"]) if diag and diag.get("r_hat") is not None else math.nan,
            "ess_bulk": float(diag["ess_bulk"]) if diag and diag.get("ess_bulk") is not None else math.nan,
            "ess_tail": float(diag["ess_tail"]) if diag and diag.get("ess_tail") is not None else math.nan,
            "divergences": float(diag["divergences"]) if diag and diag.get("divergences") is not None else math.nan,
            "messages": "; ".join(r.messages),
        })
    return pd.DataFrame(rows)


def consistency(results: Mapping[str, EstimateResult]) -> dict[str, Any]:
    """How far the families agree: the range of their estimates and whether their intervals share a value.

    A method that gives a lower limit only (no estimate, no upper limit) takes part as the
    interval [lower, infinity): it agrees with a method whose interval reaches above its
    lower limit, and contradicts one whose interval ends below it.

    Returns
    -------
    dict
        ``with_estimate`` (labels), ``lower_only`` ((label, lower limit) pairs), ``without``
        (labels with neither), ``lowest``, ``highest`` (label, estimate), ``ratio``
        (highest / lowest), ``common`` (True when every interval, the lower-limit ones
        included, contains one common value: max lower <= min upper), ``common_range``
        ((max lower, min upper or None when no interval is bounded) or None).
    """
    have = {k: r for k, r in results.items() if r.has_estimate and r.estimate is not None}
    lower_only = [(k, float(r.lower)) for k, r in results.items()
                  if k not in have and r.lower is not None and r.upper is None]
    out: dict[str, Any] = {"with_estimate": list(have), "lower_only": lower_only,
                           "without": [k for k in results if k not in have and k not in dict(lower_only)]}
    bounded = [r for r in have.values() if r.lower is not None and r.upper is not None]
    lowers = [float(r.lower) for r in bounded] + [lo for _, lo in lower_only]  # type: ignore[arg-type]
    uppers = [float(r.upper) for r in bounded]  # type: ignore[arg-type]
    top_lower = max(lowers, default=math.nan)
    low_upper = min(uppers) if uppers else None
    common = bool(lowers) and (low_upper is None or top_lower <= low_upper)
    common_range = (top_lower, low_upper) if common else None
    if not have:
        return {**out, "lowest": None, "highest": None, "ratio": None, "common": common and bool(lower_only),
                "common_range": common_range}
    lo = min(have.items(), key=lambda kv: float(kv[1].estimate))  # type: ignore[arg-type]
    hi = max(have.items(), key=lambda kv: float(kv[1].estimate))  # type: ignore[arg-type]
    return {
        **out,
        "lowest": (lo[0], float(lo[1].estimate)),  # type: ignore[arg-type]
        "highest": (hi[0], float(hi[1].estimate)),  # type: ignore[arg-type]
        "ratio": float(hi[1].estimate) / float(lo[1].estimate),  # type: ignore[arg-type]
        "common": common,
        "common_range": common_range,
    }


def drop_one_agrees(result: Analysis) -> bool | None:
    """Whether the headline estimate lies in every drop-one interval (None: no drop-one fit has one)."""
    head = result.headline_result
    if result.drop_one is None or not head.has_estimate or head.estimate is None:
        return None
    rows = [r for r in result.drop_one.to_dict(orient="records")
            if r["dropped"] and pd.notna(r["estimate"]) and pd.notna(r["lower"]) and pd.notna(r["upper"])]
    if not rows:
        return None
    return all(float(r["lower"]) <= float(head.estimate) <= float(r["upper"]) for r in rows)
