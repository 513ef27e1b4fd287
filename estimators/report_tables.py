"""Display tables for the reports: numbers in, readable strings out.

The analysis functions return tidy numeric frames (STYLE 6); this module is the
rendering layer the Quarto reports call, so that the ``.qmd`` files hold prose and
function calls only.  Nothing here computes an estimate.  Counts are shown with
thousands separators; documented counts and estimates keep distinct column names
("documented", "estimate", "95% interval").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .histories import CaptureHistories
from .results import EstimateResult

QUALIFIER = {"at_least": "at least", "more_than": "more than", "exactly": "", "about": "about"}


def _missing(x: Any) -> bool:
    return x is None or (isinstance(x, (float, np.floating)) and not np.isfinite(x))


def count(x: Any) -> str:
    """A count or estimate with thousands separators; ``-`` when absent."""
    if x is None or (isinstance(x, float) and not np.isfinite(x)):
        return "-"
    return f"{float(x):,.0f}"


def interval(lower: Any, upper: Any) -> str:
    """``lower - upper`` with thousands separators; an open upper end says so."""
    if lower is None and upper is None:
        return "-"
    hi = "no upper limit" if upper is None or (isinstance(upper, float) and not np.isfinite(upper)) else count(upper)
    return f"{count(lower)} - {hi}"


def percent(x: Any, digits: int = 1) -> str:
    """A share as a percentage."""
    if x is None or (isinstance(x, float) and not np.isfinite(x)):
        return "-"
    return f"{100 * float(x):.{digits}f}%"


# --- Belarus -----------------------------------------------------------------------------


def belarus_sources_table(counts: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The two Belarus figures side by side (rows: attributes; columns: sources).

    Parameters
    ----------
    counts : ``data.published_counts()`` indexed by ``figure_id``.
    sources : ``data.belarus_sources()`` indexed by ``figure_id``.
    """
    columns = {}
    for fid in sources.index:
        c = counts.loc[fid]
        s = sources.loc[fid]
        qual = QUALIFIER.get(str(c["count_qualifier"]), "")
        period = f"{c['period_start']} to {c['period_end']}"
        columns[str(c["publisher"]).split(",")[0]] = {
            "Count (documented)": f"{qual} {int(c['count']):,}".strip(),
            "Published": str(c["published"]),
            "Document": str(c["source"]),
            "Ages": str(c["ages"]),
            "Period covered": period,
            "Where": str(s["facilities"]),
            "Origin": str(s["origin"]),
            "Method": str(s["method"]),
            "Counts children or transfers": "not stated (a child moved twice may count twice)"
            if c["unit"] == "children_or_transfers"
            else str(c["unit"]),
            "Record-level list public": str(s["record_level_list_public"]),
        }
    table = pd.DataFrame(columns)
    table.index.name = ""
    return table.reset_index()


def scenario_table(grid: pd.DataFrame) -> pd.DataFrame:
    """Implied totals (rows: assumed overlap; columns: odds ratio) from ``scenario_grid``."""
    g = grid.copy()
    g["overlap"] = [f"{int(round(m)):,} ({percent(s, 0)} of the smaller list)" for m, s in zip(g["overlap"], g["overlap_share"], strict=True)]
    g["odds_ratio"] = [f"ψ = {x:g}" for x in g["odds_ratio"]]
    wide = g.pivot(index="overlap", columns="odds_ratio", values="implied_total")
    wide = wide.loc[list(dict.fromkeys(g["overlap"])), list(dict.fromkeys(g["odds_ratio"]))]
    out = wide.map(count)
    out.index.name = "assumed overlap (scenario)"
    return out.reset_index()


def results_table(results: Mapping[str, EstimateResult], *, truth: float | None = None) -> pd.DataFrame:
    """One row per labelled result: documented count, estimate, interval, status."""
    rows = []
    for label, r in results.items():
        row = {
            "method": label,
            "lists": len(r.lists),
            "documented": count(r.observed),
            "estimate": count(r.estimate),
            f"{r.level:.0%} interval": interval(r.lower, r.upper),
            "status": r.status.value,
        }
        if truth is not None:
            covered = r.lower is not None and r.upper is not None and r.lower <= truth <= r.upper
            row["covers the truth"] = ("yes" if covered else "no") if r.has_estimate else "-"
        rows.append(row)
    return pd.DataFrame(rows)


# --- validation ---------------------------------------------------------------------------


def agreement_summary(comparison: pd.DataFrame) -> dict[str, Any]:
    """Counts for the validation report's headline, from ``comparison.reference_comparison``."""
    rel = pd.to_numeric(comparison["rel_diff"], errors="coerce").abs()
    unexplained = comparison[rel.isna() | (rel > 0.01)]
    notes = sorted({f"{r.dataset}, {r.method}: {r.note}" for r in unexplained.itertuples()})
    return {
        "rows": len(comparison),
        "datasets": comparison["dataset"].nunique(),
        "within_1pct": int((rel <= 0.01).sum()),
        "within_01pct": int((rel <= 0.001).sum()),
        "explained": ("Beyond 1%: " + "; ".join(notes) + ".") if notes else "All comparisons agree within 1%.",
    }


def _signed_percent(x: Any) -> str:
    text = percent(x, 2)
    return "0.00%" if text in ("-0.00%", "0.00%") else text


def _limit_diff(ours: Any, ref: Any) -> float:
    if _missing(ours) or _missing(ref) or not ref:
        return float("nan")
    return abs(float(ours) / float(ref) - 1.0)


def comparison_summary(comparison: pd.DataFrame) -> pd.DataFrame:
    """One row per method: how far ours is from R over all datasets, formatted."""
    rows = []
    for method, g in comparison.groupby("method", sort=False):
        same = g[g["rel_diff"].notna()]
        est = pd.to_numeric(same["rel_diff"], errors="coerce").abs()
        lim = pd.concat(
            [
                pd.Series([_limit_diff(a, b) for a, b in zip(same["lower"], same["ref_lower"], strict=True)], dtype=float),
                pd.Series([_limit_diff(a, b) for a, b in zip(same["upper"], same["ref_upper"], strict=True)], dtype=float),
            ]
        )
        rows.append(
            {
                "method": method,
                "R function": str(g["r_function"].iloc[0]),
                "datasets": len(g),
                "largest difference: estimate": percent(est.max(), 2) if len(est) else "-",
                "largest difference: interval limits": percent(lim.max(), 2) if lim.notna().any() else "no R interval",
                "models differ": str(len(g) - len(same)) if len(g) > len(same) else "",
            }
        )
    return pd.DataFrame(rows)


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """Ours vs R, one row per (dataset, method), formatted."""
    rows = []
    for r in comparison.itertuples():
        rows.append(
            {
                "dataset": r.dataset,
                "method": r.method,
                "ours": count(r.estimate),
                "ours 95%": interval(r.lower, r.upper),
                "R": count(r.ref_estimate),
                "R 95%": "not reported" if _missing(r.ref_lower) else interval(r.ref_lower, r.ref_upper),
                "difference": "models differ (see notes)" if _missing(r.rel_diff) else _signed_percent(r.rel_diff),
            }
        )
    return pd.DataFrame(rows)


# --- worked example -----------------------------------------------------------------------


def list_sizes_table(histories: CaptureHistories) -> pd.DataFrame:
    """Children on each list, overall and by stratum."""
    rows: dict[str, dict[str, str]] = {}
    labels = histories.strata_labels() if histories.is_stratified else []
    for label in labels:
        sub = histories.select_stratum(label)
        name = ", ".join(str(v) for v in (label if isinstance(label, tuple) else (label,)))
        rows[name] = {k: count(v) for k, v in sub.list_sizes.items()} | {"distinct children": count(sub.n)}
    pooled = histories.collapse_strata() if histories.is_stratified else histories
    rows["all"] = {k: count(v) for k, v in pooled.list_sizes.items()} | {"distinct children": count(pooled.n)}
    table = pd.DataFrame(rows).T
    table.index.name = "stratum"
    return table.reset_index()


def method_table(table: pd.DataFrame, *, truth: float | None = None) -> pd.DataFrame:
    """The model-comparison table of ``sensitivity.compare_methods``, formatted."""
    rows = []
    for r in table.to_dict(orient="records"):
        row = {
            "method": r["label"] if "label" in r else r["method"],
            "estimate": count(r["estimate"]),
            "95% interval": interval(r["lower"], r["upper"]),
            "status": r["status"],
        }
        if truth is not None:
            has = r["estimate"] is not None and not pd.isna(r["estimate"])
            covered = has and r["lower"] is not None and r["upper"] is not None and r["lower"] <= truth <= r["upper"]
            row["covers the truth"] = ("yes" if covered else "no") if has else "-"
        rows.append(row)
    return pd.DataFrame(rows)


def strata_table(result: EstimateResult, *, truth: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Per-stratum and total estimates of a stratified result, formatted."""
    rows = []
    for r in (*(result.strata or ()), result):
        name = ", ".join(str(v) for v in r.stratum.values()) if r.stratum else "total"
        row = {
            "stratum": name,
            "documented": count(r.observed),
            "estimate": count(r.estimate),
            f"{r.level:.0%} interval": interval(r.lower, r.upper),
            "status": r.status.value,
        }
        if truth is not None:
            t = truth.get(name, sum(truth.values()) if name == "total" else None)
            row["synthetic truth"] = count(t)
        rows.append(row)
    return pd.DataFrame(rows)


def drop_one_table(table: pd.DataFrame) -> pd.DataFrame:
    """``sensitivity.drop_one_list`` formatted."""
    rows = []
    for r in table.to_dict(orient="records"):
        rows.append(
            {
                "list dropped": r["dropped"] if r["dropped"] else "none (all lists)",
                "lists used": int(r["k"]),
                "documented": count(r["observed"]),
                "estimate": count(r["estimate"]),
                "95% interval": interval(r["lower"], r["upper"]),
                "status": r["status"],
            }
        )
    return pd.DataFrame(rows)


def prior_scenario_table(table: pd.DataFrame) -> pd.DataFrame:
    """``twosource.prior_scenarios`` formatted: one row per stated prior."""
    rows = []
    for r in table.to_dict(orient="records"):
        m, s = float(r["log_or_mean"]), float(r["log_or_sd"])
        rows.append(
            {
                "stated prior (scenario)": r["scenario"],
                "overlap, prior mean share of the smaller list": percent(r["overlap_share_mean"], 0),
                "dependence ψ, prior median (95% range)": f"{np.exp(m):.2g} ({np.exp(m - 1.96 * s):.2g} - {np.exp(m + 1.96 * s):.2g})",
                "implied total, median": count(r["median"]),
                f"{float(r['level']):.0%} range": interval(r["lower"], r["upper"]),
            }
        )
    return pd.DataFrame(rows)


#: Methods shown in the validation report's forest plot: one per family with an R
#: interval to compare (the table shows every pairing).
FOREST_METHODS: tuple[str, ...] = ("loglinear (best AIC)", "dga", "lcm")


def forest_rows(comparison: pd.DataFrame, methods: tuple[str, ...] = FOREST_METHODS) -> pd.DataFrame:
    """Rows of ``reference_comparison`` for the forest plot, labelled ``dataset: method``.

    Rows where the two sides fitted different models (``rel_diff`` missing; explained in
    the table's notes) are left out: R's number there is not an estimate of the same thing.
    """
    rows = comparison[comparison["method"].isin(methods) & comparison["rel_diff"].notna()].copy()
    rows["label"] = rows["dataset"] + ": " + rows["method"]
    return rows.reset_index(drop=True)


def coverage_rows(studies: pd.DataFrame) -> pd.DataFrame:
    """One row per (method, design) of a coverage study: ``coverage.coverage_summary``."""
    from .coverage import coverage_summary

    return coverage_summary(studies)


def coverage_table(studies: pd.DataFrame) -> pd.DataFrame:
    """The coverage summary formatted for the validation report."""
    rows = []
    for r in coverage_rows(studies).to_dict(orient="records"):
        rows.append(
            {
                "method": r["method"],
                "simulation design": r["design"],
                "replicates": int(r["replicates"]),
                "with an interval": percent(r["converged_share"], 0),
                "coverage of the 95% interval": percent(r["coverage"], 0),
                "Monte Carlo 95% range": f"{percent(r['ci_lower'], 0)} - {percent(r['ci_upper'], 0)}",
                "mean interval width": count(r["mean_width"]),
            }
        )
    return pd.DataFrame(rows)
