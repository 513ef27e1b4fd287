"""Our estimators side by side with the R reference values on the pinned benchmarks.

Each pairing below names one of our methods (with its options) and the entry of
``data/benchmarks/reference/<dataset>.json`` it reproduces: the R package, the function
call and version are recorded in that file.  The same pairings are asserted, with
tolerances justified per number, in ``tests/test_reference_*.py``, ``tests/test_dga.py``
and ``tests/test_lcm.py``; this module only tabulates them for the validation report.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import data
from ..exceptions import RemovalsWarning
from ..histories import CaptureHistories
from ..loglinear.estimators import search_models
from ..methods import create
from ..results import ClosedFormFit, EstimateResult

#: The benchmark datasets named by the foundation issue (closed populations).
CORE_DATASETS: tuple[str, ...] = (
    "Rcapture_HIV",
    "Rcapture_lesbian",
    "Rcapture_hare",
    "LCMCR_kosovo_aggregate",
    "SparseMSE_UKdat_5",
    "SparseMSE_Ned_5",
    "SparseMSE_Western",
    "CARE1_HAV",
    "CARE1_Diabetes",
    "CARE1_Congenital",
)

#: The other closed-population benchmarks with capture histories: every pinned reference
#: dataset that the pairings below apply to.  The validation report compares on all of them.
OTHER_CLOSED_DATASETS: tuple[str, ...] = (
    "SparseMSE_UKdat",
    "SparseMSE_Ned",
    "SparseMSE_NewOrl",
    "SparseMSE_NewOrl_5",
    "SparseMSE_Artificial_3",
    "dga_spina_MY1997",
    "conting_spina",
    "conting_ScotPWID",
)
REPORT_DATASETS: tuple[str, ...] = CORE_DATASETS + OTHER_CLOSED_DATASETS

#: Pinned reference datasets not compared, and why (none is closed-population list data).
NOT_COMPARED: dict[str, str] = {
    "Rcapture_bunting": "open populations, with births, deaths and migration between occasions",
    "Rcapture_duck": "open populations, with births, deaths and migration between occasions",
    "Rcapture_mvole": "robust designs, open between their primary periods",
    "Rcapture_rbvole": "robust designs, open between their primary periods",
    "Rcapture_BBS2001": "frequencies of capture counts without capture histories",
    "Rcapture_cbird": "frequencies of capture counts without capture histories",
    "Rcapture_ill": "frequencies of capture counts without capture histories",
}

#: Datasets where R LCMCR's answer is stable across seeds (its reference has a
#: ``seed_sensitivity`` block with agreeing runs); elsewhere R itself gives no stable
#: value to compare with (see tests/test_lcm.py).
LCM_STABLE: frozenset[str] = frozenset(
    {
        "LCMCR_kosovo_aggregate",
        "Rcapture_hare",
        "Rcapture_lesbian",
        "conting_spina",
        "dga_spina_MY1997",
        "CARE1_Congenital",
        "SparseMSE_NewOrl",
        "SparseMSE_Western",
    }
)


#: Label of the best-AIC pairing: the model set is R's call's (interactions up to its
#: ``maxorder``), not ``loglinear``'s two-way set: see :mod:`.model_space`.
BEST_AIC_LABEL = "loglinear (best AIC, R's model set)"


@dataclass(frozen=True)
class Pairing:
    """One of our methods and the R reference entry it is validated against."""

    label: str
    anchor: str
    reference_method: str
    fit: Callable[[CaptureHistories, dict[str, Any], int], EstimateResult]
    r_function: str = ""
    applies: Callable[[str], bool] = lambda name: True
    note: str = ""


def _registered(method: str, **options: Any) -> Callable[[CaptureHistories, dict[str, Any], int], EstimateResult]:
    def fit(h: CaptureHistories, ref: dict[str, Any], seed: int) -> EstimateResult:
        return create(method, seed=seed, **options).fit(h)  # type: ignore[no-any-return]

    return fit


def _dga(h: CaptureHistories, ref: dict[str, Any], seed: int) -> EstimateResult:
    # R dga was run with this delta and this grid of missing counts (recorded in the JSON).
    return create(  # type: ignore[no-any-return]
        "dga", seed=seed, delta=ref["delta"], nmissing_max=ref["Nmissing_grid"][1]
    ).fit(h)


def _best_aic(h: CaptureHistories, ref: dict[str, Any], seed: int) -> EstimateResult:
    search = search_models(h, criterion="aic", maxorder=ref["maxorder"], search="exhaustive")
    selected = search.selected
    if selected.model == ref.get("model"):
        return selected
    row = search.table[search.table["model"] == ref.get("model")]
    status = str(row["status"].iloc[0]) if len(row) else "not in our search"
    comment = (
        f"R selects {ref.get('model')} (status here: {status}; R prints {float(ref['estimate']):.3g}); "
        f"we select {selected.model}, the best model whose MLE exists"
    )
    return dataclasses.replace(selected, details={**selected.details, "comparison_comment": comment})


def _closedp(label: str, method: str) -> Pairing:
    return Pairing(
        label=method,
        anchor="Rcapture",
        reference_method=f"{label} [closedpCI.t]",
        fit=_registered(method),
        r_function=f"Rcapture closedpCI.t ({label})",
        note="Rcapture 1.4-4 closedpCI.t, profile-likelihood interval",
    )


PAIRINGS: tuple[Pairing, ...] = (
    _closedp("M0", "M0"),
    _closedp("Mt", "Mt"),
    _closedp("Mh Chao (LB)", "Mh-chao"),
    _closedp("Mh Poisson2", "Mh-poisson2"),
    _closedp("Mh Darroch", "Mh-darroch"),
    _closedp("Mth Chao (LB)", "Mth-chao"),
    _closedp("Mth Poisson2", "Mth-poisson2"),
    _closedp("Mth Darroch", "Mth-darroch"),
    Pairing(
        label="loglinear (main effects, Wald)",
        anchor="SparseMSE",
        reference_method="estimatepopulation.0 main",
        fit=_registered("loglinear", model="main", interval="wald"),
        r_function="SparseMSE estimatepopulation.0 (main effects)",
        note="SparseMSE 2.0.1 estimatepopulation.0(method = 'main')",
    ),
    Pairing(
        label=BEST_AIC_LABEL,
        anchor="Rcapture",
        reference_method="best-AIC hierarchical log-linear model (closedpMS.t)",
        fit=_best_aic,
        r_function="Rcapture closedpMS.t (best AIC)",
        note="Rcapture closedpMS.t; R does not check that the MLE exists",
    ),
    Pairing(
        label="dga",
        anchor="dga",
        reference_method="bma.cr",
        fit=_dga,
        r_function="dga bma.cr",
        note="R dga 2.0.2 bma.cr, posterior median and 2.5%/97.5% quantiles",
    ),
    Pairing(
        label="lcm",
        anchor="LCMCR",
        reference_method="lcmCR",
        fit=_registered("lcm"),
        r_function="LCMCR lcmCR (K = 10)",
        applies=lambda name: name in LCM_STABLE,
        note="R LCMCR 0.4.14, K = 10; compared only where R is stable across seeds",
    ),
)


#: Differences beyond 1% that the tests examine, with what they found.
KNOWN_DIFFERENCES: dict[tuple[str, str], str] = {
    ("SparseMSE_Western", "lcm"): (
        "the package's tests examined this difference: an independent sampler (NUTS, "
        "bench/lcm_nuts_check.py) run on the same posterior agrees with ours, not with R"
    ),
}


def _lcm_note(entry: dict[str, Any]) -> str:
    runs = entry.get("seed_sensitivity", {}).get("runs", [])
    medians = [float(entry["posterior_median"])] + [float(r["median"]) for r in runs]
    return (
        f"R LCMCR 0.4.14 (K = 10); R's posterior median over {len(medians)} seeds: "
        f"{min(medians):,.0f}-{max(medians):,.0f}"
    )


def _seed_ranges(entry: dict[str, Any]) -> dict[str, Any]:
    """R's spread over seeds (main run and the ``seed_sensitivity`` runs): (min, max) per quantity."""
    runs = entry.get("seed_sensitivity", {}).get("runs", [])
    if not runs or "posterior_median" not in entry:
        return {"ref_runs": None, "ref_median_range": None, "ref_lower_range": None, "ref_upper_range": None}
    out: dict[str, Any] = {"ref_runs": len(runs) + 1}
    for col, main, key in (("median", "posterior_median", "median"), ("lower", "ci_lower", "q025"),
                           ("upper", "ci_upper", "q975")):
        values = [float(entry[main])] + [float(r[key]) for r in runs]
        out[f"ref_{col}_range"] = (min(values), max(values))
    return out


def _reference_entry(ref: dict[str, Any], pairing: Pairing) -> dict[str, Any] | None:
    for m in ref["methods"]:
        if m.get("anchor") != pairing.anchor or "estimate" not in m:
            continue
        if m["method"] == pairing.reference_method or m["method"].startswith(pairing.reference_method + " "):
            return dict(m)
    return None


def _ref_value(entry: dict[str, Any], *keys: str) -> float | None:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, (int, float)):
            return float(value)
    return None


def reference_comparison(
    datasets: Iterable[str] = CORE_DATASETS,
    *,
    methods: Sequence[str] | None = None,
    seed: int = 20231116,
) -> pd.DataFrame:
    """Fit every paired method on every dataset and set it beside R's value.

    Parameters
    ----------
    datasets : pinned benchmark stems (strata are collapsed, as the references were).
    methods : labels of :data:`PAIRINGS` to include (default: all).
    seed : seed of the Bayesian methods (recorded in the ``seed`` column).

    Returns
    -------
    pandas.DataFrame
        One row per (dataset, method) with a reference value: ``dataset, lists,
        list_names, observed, method, reference, r_function, estimate, lower, upper,
        ref_estimate, ref_lower, ref_upper, rel_diff`` (estimate / ref_estimate - 1; None
        where the two sides fitted different models), ``status, seed, note``;
        ``model, ref_model`` (the selected log-linear model in Rcapture's notation, e.g.
        ``[12,3]``, for the best-AIC pairing; else None); ``ref_runs, ref_median_range,
        ref_lower_range, ref_upper_range`` (R's number of runs with different seeds and the
        (min, max) of its posterior median and 2.5%/97.5% quantiles over them, where the
        reference records a ``seed_sensitivity`` block; else None); ``known_difference``
        (what the tests found about a difference beyond 1%: :data:`KNOWN_DIFFERENCES`).
        ``estimate`` is None when our status says no estimate exists; R's interval
        limits are None where R gives none (``closedpMS.t`` reports no interval) or leaves
        the limit open (Rcapture's profile search stops at three times its estimate).
    """
    wanted = None if methods is None else set(methods)
    rows: list[dict[str, Any]] = []
    for name in datasets:
        ref = data.benchmark_reference(name)
        h = data.load_benchmark(name).collapse_strata()
        for pairing in PAIRINGS:
            if (wanted is not None and pairing.label not in wanted) or not pairing.applies(name):
                continue
            entry = _reference_entry(ref, pairing)
            if entry is None:
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RemovalsWarning)
                result = pairing.fit(h, entry, seed)
            ref_est = _ref_value(entry, "posterior_median", "estimate")
            est = result.estimate
            rows.append(
                {
                    "dataset": name,
                    "lists": h.k,
                    "list_names": tuple(h.lists),
                    "observed": h.n,
                    "method": pairing.label,
                    "reference": f"{pairing.anchor}: {entry['method']}",
                    "r_function": pairing.r_function,
                    "estimate": est,
                    "lower": result.lower,
                    "upper": result.upper,
                    "ref_estimate": ref_est,
                    "ref_lower": _ref_value(entry, "ci_lower"),
                    "ref_upper": _ref_value(entry, "ci_upper"),
                    # No ratio when the two sides fitted different models (see ``note``).
                    "rel_diff": None
                    if est is None or not ref_est or "comparison_comment" in result.details
                    else est / ref_est - 1.0,
                    "status": result.status.value,
                    "seed": seed,
                    "model": result.model if pairing.fit is _best_aic else None,
                    "ref_model": entry.get("model") if pairing.fit is _best_aic else None,
                    **_seed_ranges(entry),
                    "known_difference": KNOWN_DIFFERENCES.get((name, pairing.label)),
                    "note": KNOWN_DIFFERENCES.get(
                        (name, pairing.label),
                        str(
                            result.details.get(
                                "comparison_comment", _lcm_note(entry) if pairing.anchor == "LCMCR" else pairing.note
                            )
                        ),
                    ),
                }
            )
    return pd.DataFrame(rows)


# --- published values ----------------------------------------------------------------------

#: Madigan & York (1997) spina bifida set-up, as in dga's ``bma.cr`` help page: delta = 1,
#: missing count 1..300, negative binomial prior on N (a = 13.14, b = 55.17).
MADIGAN_YORK_OPTIONS: dict[str, Any] = {
    "delta": 1.0, "prior_n": "negbin", "prior_a": 13.14, "prior_b": 55.17, "nmissing_min": 1, "nmissing_max": 300,
}
#: Seber (1982, p. 107) two-list example: n1 = 948, n2 = 421, m = 167 caught on both.
SEBER_1982 = {"n1": 948, "n2": 421, "m": 167}

MADIGAN_YORK_SOURCE = (
    "Madigan, D. and York, J. C. (1997), Bayesian methods for estimation of the size of a closed population, "
    "Biometrika 84(1), 19-31 (values as quoted in the project's issue)"
)
SEBER_SOURCE = (
    "Seber, G. A. F. (1982), The Estimation of Animal Abundance, 2nd ed., p. 107; "
    "values as printed in Rcapture 1.3-1's saved example output"
)


def published_comparison(seed: int = 1) -> pd.DataFrame:
    """Our numbers beside values printed in publications, on the publications' own set-ups.

    Parameters
    ----------
    seed : int, default 1
        Seed of the dga fit (its posterior is computed exactly; the seed only matters for
        reproducibility of the result object).

    Returns
    -------
    pandas.DataFrame
        One row per published number: ``data, quantity, published`` (the number as
        printed; a no-break space before a standard error), ``ours`` (ours at the same precision), ``ours_exact`` (float), ``source``
        (author and year) and ``reference`` (the full citation).
        ``details`` holds extra facts the report states (``posterior_mean`` of the
        Madigan & York fit).
    """
    h = data.load_benchmark("dga_spina_MY1997").collapse_strata()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)
        my = create("dga", seed=seed, **MADIGAN_YORK_OPTIONS).fit(h)
    n1, n2, m = SEBER_1982["n1"], SEBER_1982["n2"], SEBER_1982["m"]
    two = CaptureHistories.from_frequency_table(
        pd.DataFrame({"L1": [1, 0, 1], "L2": [0, 1, 1], "count": [n1 - m, n2 - m, m]})
    )
    pet = create("petersen").fit(two)
    cha = create("chapman").fit(two)
    pet_fit, cha_fit = pet.part(ClosedFormFit), cha.part(ClosedFormFit)
    assert pet_fit is not None and cha_fit is not None and pet_fit.stderr and cha_fit.stderr
    assert my.estimate is not None and pet.estimate is not None and cha.estimate is not None
    top = my.details["top_models"][0]
    spina = f"spina bifida, New York 1969-1974 ({h.n:,} cases, {h.k} lists)"
    seber = f"two-list example (n1 = {n1}, n2 = {n2}, {m} on both)"
    rows = [
        (spina, "posterior mode of N", "728", f"{my.details['posterior_mode']:,.0f}",
         float(my.details["posterior_mode"]), "Madigan & York (1997)", MADIGAN_YORK_SOURCE),
        (spina, "Bayes estimate of N (ours: posterior median)", "731", f"{my.estimate:,.0f}", float(my.estimate),
         "Madigan & York (1997)", MADIGAN_YORK_SOURCE),
        (spina, f"posterior probability of the top model {top['cliques']}", "0.37", f"{top['post_prob']:.2f}",
         float(top["post_prob"]), "Madigan & York (1997)", MADIGAN_YORK_SOURCE),
        (seber, "Lincoln-Petersen estimate (standard error)", "2,389.9\u00a0(130.4)",
         f"{pet.estimate:,.1f}\u00a0({pet_fit.stderr:.1f})", float(pet.estimate), "Seber (1982)", SEBER_SOURCE),
        (seber, "Chapman estimate (standard error)", "2,382.8\u00a0(129.1)",
         f"{cha.estimate:,.1f}\u00a0({cha_fit.stderr:.1f})", float(cha.estimate), "Seber (1982)", SEBER_SOURCE),
    ]
    columns = ["data", "quantity", "published", "ours", "ours_exact", "source", "reference"]
    table = pd.DataFrame(rows, columns=columns)
    table.attrs["posterior_mean"] = float(my.details["posterior_mean"])
    return table
