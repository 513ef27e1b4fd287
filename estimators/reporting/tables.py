"""Display tables for the reports: numbers in, readable strings out.

The analysis functions return tidy numeric frames (STYLE 6); this module is the
rendering layer the Quarto reports call, so that the ``.qmd`` files hold prose and
function calls only.  Nothing here computes an estimate.  Counts are shown with
thousands separators; documented counts and estimates keep distinct column names
("documented", "estimate", "95% interval").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._format import QUALIFIER_WORDS, RANGE, count, interval, is_missing, percent
from ..histories import CaptureHistories
from ..results import EstimateResult
from .references import status_words

# --- Belarus -----------------------------------------------------------------------------


def belarus_sources_table(
    counts: pd.DataFrame, sources: pd.DataFrame, refs: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The two Belarus figures side by side (rows: attributes; columns: sources).

    An attribute the source pages do not give (e.g. NAM's age range for its ICC figure)
    reads "not stated in the coverage seen", never a value from elsewhere.

    Parameters
    ----------
    counts : ``data.published_counts()`` indexed by ``figure_id``.
    sources : ``data.belarus_sources()`` indexed by ``figure_id``.
    refs : mapping figure_id -> str, optional
        Reference marks (e.g. ``"[1]"``) for a "Reference" row.
    """
    columns = {}
    for fid in sources.index:
        c = counts.loc[fid]
        s = sources.loc[fid]
        qual = QUALIFIER_WORDS.get(str(c["count_qualifier"]), "")
        period = f"{c['period_start']} to {c['period_end']}"
        unit = ("children (or transfers: whether a child moved twice counts twice is not stated)"
                if c["unit"] == "children_or_transfers" else str(c["unit"]))
        column = {
            "Count (documented minimum)": f"{qual} {int(str(c['count'])):,} {unit}".strip(),
            "Published": str(c["published"]),
            "Document": str(c["source"]),
            "Ages": str(c["ages"]) if str(c["ages"]).strip() else "not stated in the coverage seen",
            "Period covered": period,
            "Where": str(s["facilities"]),
            "Origin": str(s["origin"]),
            "Method": str(s["method"]),
            "Record-level list public": str(s["record_level_list_public"]),
        }
        if refs is not None:
            column["Reference"] = refs.get(str(fid), "")
        columns[str(c["publisher"]).split(",")[0]] = column
    table = pd.DataFrame(columns)
    table.index.name = ""
    return table.reset_index()


def scenario_table(grid: pd.DataFrame) -> pd.DataFrame:
    """Implied totals in children (rows: assumed overlap; columns: odds ratio ψ) from ``scenario_grid``."""
    g = grid.copy()
    g["overlap"] = [f"{int(round(m)):,} ({percent(s, 0)})" for m, s in zip(g["overlap"], g["overlap_share"], strict=True)]
    g["odds_ratio"] = [f"ψ = {x:g}" for x in g["odds_ratio"]]
    wide = g.pivot(index="overlap", columns="odds_ratio", values="implied_total")
    wide = wide.loc[list(dict.fromkeys(g["overlap"])), list(dict.fromkeys(g["odds_ratio"]))]
    out = wide.map(count)
    out.index.name = "assumed overlap: children on both lists (share of the smaller list)"
    return out.reset_index()


#: Why a published figure of another population is not combined with the Belarus counts,
#: by its ``population`` tag in ``data/published_counts.csv``.
NOT_COMBINED: dict[str, str] = {
    "ukraine_register_deported_or_displaced": "Ukraine's national register counts children deported or forcibly "
        "displaced to Russia, to Belarus and within occupied Ukraine together; it is not split by destination, so "
        "its Belarus share is unknown. Registers are revised up and down.",
    "belarus_red_cross": "A stock of children from Ukraine living with host families in Belarus on one day, stated "
        "by the Belarusian Red Cross: not a count of transfers, and children who had returned are not in it.",
    "belarus_red_cross_recreation_2022": "Children at health camps under a separate Red Cross programme in 2022: not "
        "the Union State transfers the two counts describe.",
    "russia_official_arrivals": "Russian officials' count of all children arriving from Ukraine, most with their "
        "families: not a count of deportations, and not of Belarus.",
    "russia_official_institutions": "Russian officials' count of children from institutions moved to Russia: another "
        "destination, another source's definition.",
    "russia_official_foster_placements": "Russian officials' count of children placed with Russian families: another "
        "destination and outcome.",
    "russia_facilities": "Children documented at facilities in Russia and Crimea: another destination.",
    "adoption_fostering": "Children tracked into adoption and fostering in Russia: another destination and outcome.",
}


def other_figures_table(counts: pd.DataFrame, figure_ids: Sequence[str],
                        refs: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Published figures of other populations, with why each is not combined with the Belarus counts.

    Parameters
    ----------
    counts : ``data.published_counts()`` indexed by ``figure_id``.
    figure_ids : the rows to show, in order.
    refs : mapping figure_id -> reference mark, optional.
    """
    rows = []
    for fid in figure_ids:
        c = counts.loc[fid]
        qual = QUALIFIER_WORDS.get(str(c["count_qualifier"]), "")
        reason = NOT_COMBINED.get(str(c["population"]))
        if reason is None:
            raise KeyError(f"no reason recorded for not combining population {c['population']!r} ({fid})")
        row = {
            "figure (children)": f"{qual} {int(str(c['count'])):,}".strip(),
            "who says so, when": f"{str(c['publisher']).split(';')[0].split(',')[0]}, {c['published']}",
            "what it counts, and why it is not combined with the Belarus counts": reason,
        }
        if refs is not None:
            row["ref."] = refs.get(str(fid), "")
        rows.append(row)
    return pd.DataFrame(rows)


def status_cell(status: Any) -> str:
    """A status for a table: plain words, then the technical name (``"estimate given (ok)"``)."""
    text = str(getattr(status, "value", status))
    return f"{status_words(text)} ({text})" if text in ("ok", "warning") else status_words(text)


def results_table(results: Mapping[str, EstimateResult], *, truth: float | None = None,
                  people: str = "children") -> pd.DataFrame:
    """One row per labelled result: documented count, estimate, interval, result (status in words).

    ``people`` names what is counted in the headers (``"children"``, ``"people"``).
    """
    rows = []
    for label, r in results.items():
        row = {
            "method": label,
            "lists used": len(r.lists),
            f"documented ({people} on these lists)": count(r.observed),
            f"estimate ({people})": count(r.estimate),
            f"{r.level:.0%} interval": interval(r.lower, r.upper),
            "result": status_cell(r.status),
        }
        if truth is not None:
            covered = r.lower is not None and r.upper is not None and r.lower <= truth <= r.upper
            row["covers the truth"] = ("yes" if covered else "no") if r.has_estimate else "-"
        rows.append(row)
    return pd.DataFrame(rows)


# --- validation ---------------------------------------------------------------------------

#: Agreement thresholds of the validation report (relative differences).
WITHIN_1PCT = 0.01
WITHIN_01PCT = 0.001

#: How each comparison is classed (``comparison_differences``'s ``verdict``), in the order
#: the report lists them.
VERDICTS: dict[str, str] = {
    "within 0.1%": "agree within 0.1% (estimate and both interval limits)",
    "within 1%": "agree within 1% (estimate and both interval limits)",
    "Monte Carlo": "Bayesian sampler (lcm): more than 1% apart, set against R's own run-to-run spread",
    "R limit open": "R leaves an interval limit open where ours is finite",
    "different models": "the two programs select different models",
    "no estimate here": "R prints a number where we report that no estimate exists",
    "beyond 1%": "differ by more than 1%",
}


def _rel(ours: Any, ref: Any) -> float:
    if is_missing(ours) or is_missing(ref) or not ref:
        return float("nan")
    return abs(float(ours) / float(ref) - 1.0)


def _in(x: Any, bounds: Any) -> bool:
    return bounds is not None and not is_missing(x) and float(bounds[0]) <= float(x) <= float(bounds[1])


def comparison_differences(comparison: pd.DataFrame) -> pd.DataFrame:
    """Per comparison: how far ours is from R for the estimate and each interval limit.

    A limit R leaves open (R gives a lower limit but no upper one: Rcapture searches the
    upper limit only up to three times its estimate) while ours is finite is a
    difference, never an agreement.  Where R reports no interval at all, only the
    estimates are compared.

    Parameters
    ----------
    comparison : DataFrame
        :func:`estimators.studies.comparison.reference_comparison`.

    Returns
    -------
    DataFrame
        The comparison with ``d_estimate, d_lower, d_upper`` (absolute relative
        differences; NaN where not comparable), ``r_open`` ("upper"/"lower"/"" : a limit R
        leaves open and ours is finite), ``largest`` (largest of the three; inf with an
        open limit), ``within_spread`` (for Bayesian rows with R runs at several seeds:
        ours within R's range for median and both limits) and ``verdict`` (a key of
        :data:`VERDICTS`).
    """
    out = comparison.copy()
    d_est, d_lo, d_hi, opens, largest, spread, verdicts = [], [], [], [], [], [], []
    for r in comparison.to_dict(orient="records"):
        has = not is_missing(r["estimate"])
        same_model = has and not is_missing(r["rel_diff"])
        de = abs(float(r["rel_diff"])) if same_model else float("nan")
        r_interval = not (is_missing(r["ref_lower"]) and is_missing(r["ref_upper"]))
        dl = _rel(r["lower"], r["ref_lower"]) if same_model and r_interval else float("nan")
        du = _rel(r["upper"], r["ref_upper"]) if same_model and r_interval else float("nan")
        open_ = ""
        if same_model and r_interval:
            if is_missing(r["ref_upper"]) and not is_missing(r["upper"]):
                open_ = "upper"
            elif is_missing(r["ref_lower"]) and not is_missing(r["lower"]):
                open_ = "lower"
        big = float("inf") if open_ else max([v for v in (de, dl, du) if np.isfinite(v)], default=float("nan"))
        runs = not is_missing(r.get("ref_runs"))
        within = bool(
            same_model and runs and _in(r["estimate"], r.get("ref_median_range"))
            and _in(r["lower"], r.get("ref_lower_range")) and _in(r["upper"], r.get("ref_upper_range"))
        )
        if not has:
            verdict = "no estimate here"
        elif not same_model:
            verdict = "different models"
        elif open_:
            verdict = "R limit open"
        elif big <= WITHIN_01PCT:
            verdict = "within 0.1%"
        elif big <= WITHIN_1PCT:
            verdict = "within 1%"
        elif runs:
            verdict = "Monte Carlo"
        else:
            verdict = "beyond 1%"
        d_est.append(de)
        d_lo.append(dl)
        d_hi.append(du)
        opens.append(open_)
        largest.append(big)
        spread.append(within)
        verdicts.append(verdict)
    out["d_estimate"], out["d_lower"], out["d_upper"] = d_est, d_lo, d_hi
    out["r_open"], out["largest"], out["within_spread"], out["verdict"] = opens, largest, spread, verdicts
    return out


def agreement_summary(comparison: pd.DataFrame) -> dict[str, Any]:
    """Counts for the validation report's headline, from ``comparison.reference_comparison``.

    ``within_1pct`` and ``within_01pct`` count comparisons whose estimate **and** both
    interval limits agree within 1% (0.1%); ``verdicts`` counts every class of
    :data:`VERDICTS`; ``other`` = rows - within_1pct; ``mc_within_spread`` counts the
    "Monte Carlo" comparisons within the spread of R's own runs at other seeds.
    """
    d = comparison_differences(comparison)
    counts = d["verdict"].value_counts()
    within01 = int(counts.get("within 0.1%", 0))
    within1 = within01 + int(counts.get("within 1%", 0))
    return {
        "rows": len(d),
        "datasets": d["dataset"].nunique(),
        "within_1pct": within1,
        "within_01pct": within01,
        "other": len(d) - within1,
        "verdicts": {k: int(counts.get(k, 0)) for k in VERDICTS},
        "mc_within_spread": int((d["within_spread"] & (d["verdict"] == "Monte Carlo")).sum()),
    }


def _signed_percent(x: Any) -> str:
    text = percent(x, 2)
    return "0.00%" if text in ("-0.00%", "0.00%") else text


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def comparison_summary(comparison: pd.DataFrame) -> pd.DataFrame:
    """One row per method: how far ours is from R over all datasets, formatted.

    Differences are taken over the comparisons where both programs fit the same model
    and both give the number; the last column counts the comparisons that cannot be
    taken like for like (an interval limit R leaves open, a different model selected,
    no estimate on our side), each explained in the report.
    """
    d = comparison_differences(comparison)
    rows = []
    for method, g in d.groupby("method", sort=False):
        lim = pd.concat([g["d_lower"], g["d_upper"]])
        lim = lim[np.isfinite(lim)]
        est = g["d_estimate"][np.isfinite(g["d_estimate"])]
        other = []
        for verdict, text in (("R limit open", "R limit open"), ("different models", "different model"),
                              ("no estimate here", "no estimate here")):
            n = int((g["verdict"] == verdict).sum())
            if n:
                other.append(f"{text}: {n}")
        rows.append(
            {
                "method": method,
                "R function": str(g["r_function"].iloc[0]),
                "datasets": len(g),
                "largest difference, estimate": percent(est.max(), 2) if len(est) else "-",
                "largest difference, interval limits": percent(lim.max(), 2) if len(lim) else "no R interval",
                "not like for like": "; ".join(other) if other else "-",
            }
        )
    return pd.DataFrame(rows)




def _difference_cell(r: Mapping[Any, Any]) -> str:
    verdict = r["verdict"]
    if verdict == "no estimate here":
        return f"no estimate here ({str(r['status']).replace('_', ' ')})"
    if verdict == "different models":
        return "different models"
    if verdict == "R limit open":
        return f"R gives no {r['r_open']} limit"
    text = _signed_percent(r["largest"])
    if text != "0.00%" and np.isfinite(r["largest"]):
        which = max((("estimate", r["d_estimate"]), ("lower limit", r["d_lower"]), ("upper limit", r["d_upper"])),
                    key=lambda kv: kv[1] if np.isfinite(kv[1]) else -1.0)[0]
        text += f" ({which})"
    if verdict == "Monte Carlo":
        text += ", within R's spread" if r["within_spread"] else ", outside R's spread"
    return text


def comparison_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """Ours vs R, one row per (dataset, method), formatted.

    ``difference`` is the largest relative difference over the estimate and both
    interval limits (which one is named), or why the two cannot be compared like for
    like.
    """
    rows = []
    for r in comparison_differences(comparison).to_dict(orient="records"):
        rows.append(
            {
                "dataset": r["dataset"],
                "method": r["method"],
                "ours": count(r["estimate"]) if not is_missing(r["estimate"]) else "none",
                "ours 95%": interval(r["lower"], r["upper"]),
                "R": count(r["ref_estimate"]),
                "R 95%": "not reported" if is_missing(r["ref_lower"]) and is_missing(r["ref_upper"])
                else interval(r["ref_lower"], r["ref_upper"]),
                "largest difference": _difference_cell(r),
            }
        )
    return pd.DataFrame(rows)


def model_terms(model: Any, lists: Sequence[str]) -> str:
    """A log-linear model in Rcapture's notation as interaction terms of the lists.

    Examples
    --------
    >>> model_terms("[134,145,23,24]", ["A", "B", "C", "D", "E"])
    'ACD, ADE, BC, BD'
    """
    text = str(model or "").strip("[] ")
    if not text:
        return "-"
    return ", ".join("".join(str(lists[int(c) - 1]) for c in term) for term in text.split(","))


def _range(bounds: Any) -> str:
    lo, hi = (count(b) for b in bounds)
    return lo if lo == hi else f"{lo}{RANGE}{hi}"


def _spread_note(r: Mapping[Any, Any]) -> str:
    runs = int(r["ref_runs"])
    head = (
        f"**{r['method']}** (Bayesian, Monte Carlo): ours {count(r['estimate'])} "
        f"({interval(r['lower'], r['upper'])}). R's runs with {runs} seeds give medians "
        f"{_range(r['ref_median_range'])}, lower limits {_range(r['ref_lower_range'])} and upper limits "
        f"{_range(r['ref_upper_range'])}. "
    )
    outside = []
    for name, value, key in (("median", r["estimate"], "ref_median_range"), ("lower limit", r["lower"], "ref_lower_range"),
                             ("upper limit", r["upper"], "ref_upper_range")):
        lo, hi = (float(b) for b in r[key])
        if float(value) < lo:
            outside.append(f"our {name} is {percent(1 - float(value) / lo, 1)} below R's lowest")
        elif float(value) > hi:
            outside.append(f"our {name} is {percent(float(value) / hi - 1, 1)} above R's highest")
    if not outside:
        return head + "Ours lies within R's own run-to-run spread."
    return head + "Outside that spread: " + "; ".join(outside) + "."


def _row_note(r: Mapping[Any, Any], others: pd.DataFrame) -> str | None:
    """A plain-language note for a comparison that does not agree within 1%."""
    verdict = r["verdict"]
    if verdict in ("within 0.1%", "within 1%"):
        return None
    known = "" if is_missing(r.get("known_difference")) else str(r.get("known_difference") or "")
    if verdict == "Monte Carlo":
        text = _spread_note(r)
        return text + (f" {known[0].upper()}{known[1:]}." if known else "")
    if verdict == "R limit open":
        cap = 3 * float(r["ref_estimate"])
        where = (f"ours lies beyond that point, at {count(r[r['r_open']])}" if r["r_open"] == "upper"
                 and float(r["upper"]) > cap else f"ours is {count(r[r['r_open']])}")
        return (
            f"**{r['method']}**: R gives no {r['r_open']} limit (Rcapture searches for it only up to three times "
            f"its estimate, {count(cap)} here); {where}. Counted as a difference, not as agreement."
        )
    if verdict == "different models":
        lists = list(r["list_names"])
        rest = others[(others["method"] != r["method"]) & others["estimate"].notna()]["estimate"].astype(float)
        span = f" The other methods on these data give {count(rest.min())}{RANGE}{count(rest.max())}." if len(rest) else ""
        far = len(rest) > 0 and not (rest.min() / 3 <= float(r["estimate"]) <= 3 * rest.max())
        moral = (
            " Read this as a warning, not an estimate: on these data, choosing a log-linear model by AIC is unstable, "
            "and the selected model extrapolates far beyond the data."
            if far else
            " Our selection agrees with the other methods here; R's choice still shows that the model with the lowest "
            "AIC can be one without an estimate."
        )
        return (
            f"**{r['method']}**: the two programs select different models. R's lowest-AIC model (interactions "
            f"{model_terms(r['ref_model'], lists)}) has no maximum-likelihood estimate on these data: its fit keeps "
            f"improving as the number of people on no list grows, and R prints {count(r['ref_estimate'])} with no upper "
            f"limit. We skip models without an estimate and select the best remaining one (interactions "
            f"{model_terms(r['model'], lists)}), which gives {count(r['estimate'])} ({interval(r['lower'], r['upper'])}) "
            f"from {count(r['observed'])} people observed.{span}{moral}"
        )
    if verdict == "no estimate here":
        why = {
            "mle_does_not_exist": "the maximum-likelihood estimate of this model does not exist on these data "
                                  "(the likelihood has no maximum at a finite total, or only at the boundary), "
                                  "so we report none",
            "not_converged": "our sampler's chains did not pass the convergence checks, so we report no number",
        }.get(str(r["status"]), f"our fit reports no estimate ({str(r['status']).replace('_', ' ')})")
        spread = (f" (R's runs with {int(r['ref_runs'])} seeds: {_range(r['ref_median_range'])})"
                  if not is_missing(r.get("ref_runs")) else "")
        return f"**{r['method']}**: {why}; R does not check this and prints {count(r['ref_estimate'])}{spread}."
    return f"**{r['method']}**: {known or 'not examined'}."


def comparison_appendix(comparison: pd.DataFrame, *, number_prefix: str | None = None) -> str:
    """Markdown: for each dataset a sub-heading, its table (captioned with a one-line description) and notes.

    The table of each dataset is :func:`comparison_table`'s rows for it (without the
    dataset column); under it, a plain-language note for every comparison that does not
    agree within 1%.  With ``number_prefix`` (e.g. ``"A"``) the tables are numbered
    "Table A1.", "Table A2.", ...
    """
    from .. import data
    from .markdown import markdown_table

    table = comparison_table(comparison)
    diffs = comparison_differences(comparison)
    parts = []
    for i, name in enumerate(dict.fromkeys(comparison["dataset"]), start=1):
        rows = diffs[diffs["dataset"] == name]
        first = rows.iloc[0]
        description = " ".join(str(data.benchmark_reference(name).get("description", "")).split())
        parts.append(f"### {name}")
        # The description is the table's caption, so that heading, caption and table stay together.
        caption = f"{description.split('. ')[0].rstrip('.')}. Lists: {', '.join(first['list_names'])}."
        if number_prefix is not None:
            caption = f"Table {number_prefix}{i}. {caption} Estimates and intervals in people."
        shown = table[table["dataset"] == name].drop(columns="dataset")
        parts.append(markdown_table(shown, caption=caption))
        notes = [n for n in (_row_note(r, rows) for r in rows.to_dict(orient="records")) if n]
        if notes:
            parts.append("\n".join(f"- {n}" for n in notes))
    return "\n\n".join(parts)


def model_space_table(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`estimators.studies.model_space.default_vs_reference` formatted: the model
    chosen by AIC in R's model set (validated against R) beside ``loglinear``'s (two-way) choice."""
    rows = []
    for r in table.to_dict(orient="records"):
        lists = list("ABCDEFGHIJ"[: int(r["lists"])])
        same = "same model set" if r["same_set"] else ("same model" if r["same_model"] else "different model")
        rows.append({
            "dataset": r["dataset"],
            "lists": int(r["lists"]),
            "R's call: interactions up to": f"{r['maxorder']}-way" if r["maxorder"] is not None else "-",
            "R's model set: model (validated)": model_terms(r["r_set_model"], lists),
            "estimate (people)": count(r["r_set_estimate"]),
            "loglinear (two-way): model": model_terms(r["default_model"], lists),
            "loglinear: estimate (95% interval)": f"{count(r['default_estimate'])} "
                                                  f"({interval(r['default_lower'], r['default_upper'])})",
            "R's set vs two-way": same,
        })
    return pd.DataFrame(rows)


def twosource_check_table(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`estimators.studies.twosource_check.twosource_validation` formatted."""
    rows = []
    for r in table.to_dict(orient="records"):
        rows.append({
            "two lists": r["case"],
            "prior on the dependence": r["prior"],
            "two-source: median (95% interval)": f"{count(r['median'])} ({interval(r['lower'], r['upper'])})",
            "brute force: median (95% interval)": f"{count(r['bf_median'])} "
                                                  f"({interval(r['bf_lower'], r['bf_upper'])})",
            "largest difference (people)": count(r["max_abs_diff"]),
            "largest pmf difference / peak": f"{float(r['max_pmf_diff']):.0e}",
        })
    return pd.DataFrame(rows)


def grid_coverage_table(summary: pd.DataFrame, descriptions: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A coverage grid's summary (one row per design and method) formatted for a report.

    Parameters
    ----------
    summary : DataFrame
        Columns ``design, method, replicates, hits, coverage, ci_lower, ci_upper,
        bounded, median_width_over_n`` (the coverage grid's per-design summary).
    descriptions : mapping design -> str, optional
        Plain-language description of each design (replaces its name).
    """
    rows = []
    for r in summary.to_dict(orient="records"):
        width = float(r["median_width_over_n"])
        rows.append({
            "simulated population (SYNTHETIC)": (descriptions or {}).get(str(r["design"]), str(r["design"])),
            "method": r["method"],
            "intervals covering the true N": f"{int(r['hits'])} of {int(r['replicates'])}",
            "coverage (exact 95% range)": f"{percent(r['coverage'], 0)} "
                                          f"({percent(r['ci_lower'], 0)}{RANGE}{percent(r['ci_upper'], 0)})",
            "with an upper limit": percent(r["bounded"], 0),
            "median width / true N": "no upper limit" if not np.isfinite(width) else f"{width:.2f}",
        })
    return pd.DataFrame(rows)


def difference_overview(comparison: pd.DataFrame) -> str:
    """Markdown bullets: every comparison beyond 1%, grouped by reason, in plain language."""
    d = comparison_differences(comparison)
    items = []
    for verdict in ("R limit open", "different models", "no estimate here", "Monte Carlo", "beyond 1%"):
        g = d[d["verdict"] == verdict]
        if g.empty:
            continue
        where = "; ".join(
            f"{ds}: {', '.join(gg['method'])}" for ds, gg in g.groupby("dataset", sort=False)
        )
        beyond = all(
            float(u) > 3 * float(e) for u, e, o in zip(g["upper"], g["ref_estimate"], g["r_open"], strict=True)
            if o == "upper"
        )
        intro = {
            "R limit open": "Rcapture searches for the upper limit only up to three times its estimate and gives "
                            "none beyond; " + ("ours lies beyond that point in every case" if beyond else
                                               "ours is finite (see the appendix)") +
                            ". Counted as differences, not as agreement",
            "different models": "R's model with the lowest AIC has no maximum-likelihood estimate, and R prints a "
                                "number anyway; we select the best model whose estimate exists (see the warning "
                                "below)",
            "no estimate here": "the maximum-likelihood estimate of the model does not exist on these data, or our "
                                "sampler did not pass its convergence checks; R checks neither",
            "Monte Carlo": "posterior summaries from a Markov chain change from run to run; R's own runs with five "
                           "more seeds show by how much (details in the appendix)",
            "beyond 1%": "not explained",
        }[verdict]
        if verdict == "Monte Carlo":
            inside = int(g["within_spread"].sum())
            intro += f". Ours lies within R's spread in {inside} of these {len(g)}"
        title = VERDICTS[verdict][0].upper() + VERDICTS[verdict][1:]
        items.append(f"- **{title}** ({_plural(len(g), 'comparison')}): {intro}. {where}.")
    return "\n".join(items) if items else "- None: every comparison agrees within 1%."


# --- worked example -----------------------------------------------------------------------


def list_sizes_table(histories: CaptureHistories, *, min_cell: int | None = None,
                     people: str = "distinct children") -> pd.DataFrame:
    """Children on each list, overall and by stratum.

    With ``min_cell`` (public output), counts from 1 to ``min_cell - 1`` read "<min_cell".
    """

    def c(v: int) -> str:
        return f"<{min_cell}" if min_cell is not None and 0 < v < min_cell else count(v)

    rows: dict[str, dict[str, str]] = {}
    labels = histories.strata_labels() if histories.is_stratified else []
    for label in labels:
        sub = histories.select_stratum(label)
        name = ", ".join(str(v) for v in (label if isinstance(label, tuple) else (label,)))
        rows[name] = {k: c(v) for k, v in sub.list_sizes.items()} | {people: c(sub.n)}
    pooled = histories.collapse_strata() if histories.is_stratified else histories
    rows["all"] = {k: c(v) for k, v in pooled.list_sizes.items()} | {people: c(pooled.n)}
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
            "result": status_cell(r["status"]),
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
            "result": status_cell(r.status),
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
                "result": status_cell(r["status"]),
            }
        )
    return pd.DataFrame(rows)


def _beta_text(a: float, b: float) -> str:
    from scipy import stats

    lo, hi = stats.beta.ppf([0.025, 0.975], a, b)
    name = "Uniform(0, 1), i.e. Beta(1, 1)" if a == b == 1 else f"Beta({a:g}, {b:g})"
    return f"{name}: mean {percent(a / (a + b), 0)}, 95% between {percent(lo, 0)} and {percent(hi, 0)}"


def _normal_text(m: float, sd: float) -> str:
    psi = np.exp(m)
    mean = "0" if m == 0 else f"log {psi:.2g}"
    lo, hi = np.exp(m - 1.959964 * sd), np.exp(m + 1.959964 * sd)
    return f"Normal({mean}, {sd:g}): ψ 95% between {lo:.2g} and {hi:.2g}"


def prior_scenario_table(table: pd.DataFrame) -> pd.DataFrame:
    """``twosource.prior_scenarios`` formatted: one row per stated prior, its full specification.

    The overlap prior is the Beta distribution of the overlap as a share of the smaller
    list, the dependence prior the Normal distribution of log ψ, each with its 95% range.
    """
    rows = []
    for r in table.to_dict(orient="records"):
        m, s = float(r["log_or_mean"]), float(r["log_or_sd"])
        rows.append(
            {
                "stated prior (scenario, in plain words)": r["scenario"],
                "overlap share of the smaller list": _beta_text(float(r["overlap_a"]), float(r["overlap_b"])),
                "log ψ (dependence)": _normal_text(m, s),
                "implied total, median (children)": count(r["median"]),
                f"{float(r['level']):.0%} range (children)": interval(r["lower"], r["upper"]),
            }
        )
    return pd.DataFrame(rows)


#: Methods shown in the validation report's forest plot: one per family with an R
#: interval to compare (the table shows every pairing).
FOREST_METHODS: tuple[str, ...] = ("loglinear (best AIC, R's model set)", "dga", "lcm")


def forest_rows(
    comparison: pd.DataFrame, methods: tuple[str, ...] = FOREST_METHODS, datasets: Sequence[str] | None = None
) -> pd.DataFrame:
    """Rows of ``reference_comparison`` for the forest plot, labelled ``dataset: method``.

    Rows where the two sides fitted different models or we report no estimate
    (``rel_diff`` missing; see :func:`forest_left_out`) are left out: R's number there
    is not an estimate of the same thing.
    """
    keep = comparison["method"].isin(methods) & comparison["rel_diff"].notna()
    if datasets is not None:
        keep &= comparison["dataset"].isin(list(datasets))
    rows = comparison[keep].copy()
    rows["label"] = rows["dataset"] + ": " + rows["method"]
    return rows.reset_index(drop=True)


def forest_left_out(
    comparison: pd.DataFrame, methods: tuple[str, ...] = FOREST_METHODS, datasets: Sequence[str] | None = None
) -> list[str]:
    """``dataset: method, where ...`` (why) for each row :func:`forest_rows` leaves out."""
    d = comparison_differences(comparison)
    keep = d["method"].isin(methods) & d["rel_diff"].isna()
    if datasets is not None:
        keep &= d["dataset"].isin(list(datasets))
    reason = {"different models": "where R's selected model has no estimate",
              "no estimate here": "where we report no estimate"}
    return [
        f"{ds}: {m}, {reason.get(str(v), str(v))}"
        for ds, m, v in zip(d.loc[keep, "dataset"], d.loc[keep, "method"], d.loc[keep, "verdict"], strict=True)
    ]


def coverage_rows(studies: pd.DataFrame) -> pd.DataFrame:
    """One row per (method, design): ``coverage.coverage_summary`` plus the interval width
    relative to the true total (``mean_relative_width`` = mean of (upper - lower) / true N
    over the replicates with an interval) and ``mean_true_n``, ``min_true_n``, ``max_true_n``.
    """
    from ..studies.coverage import coverage_summary

    summary = coverage_summary(studies)
    rel = (studies["upper"] - studies["lower"]) / studies["true_N"]
    extra = (
        studies.assign(_rel=rel)
        .groupby(["method", "design"], sort=False)
        .agg(mean_relative_width=("_rel", "mean"), mean_true_n=("true_N", "mean"), min_true_n=("true_N", "min"),
             max_true_n=("true_N", "max"))
        .reset_index()
    )
    return summary.merge(extra, on=["method", "design"], how="left")


def _true_n(r: Mapping[Any, Any]) -> str:
    lo, hi = float(r["min_true_n"]), float(r["max_true_n"])
    return count(lo) if lo == hi else f"{count(lo)}{RANGE}{count(hi)}"


def coverage_table(studies: pd.DataFrame) -> pd.DataFrame:
    """The coverage summary formatted for the validation report."""
    rows = []
    for r in coverage_rows(studies).to_dict(orient="records"):
        rows.append(
            {
                "method": r["method"],
                "simulation design": r["design"].replace("-", " "),
                "true N": _true_n(r),
                "replicates": int(r["replicates"]),
                "with an interval": percent(r["converged_share"], 0),
                "coverage": percent(r["coverage"], 0),
                "Monte Carlo 95% range": f"{percent(r['ci_lower'], 0)}{RANGE}{percent(r['ci_upper'], 0)}",
                "mean width / true N": percent(r["mean_relative_width"], 0),
            }
        )
    return pd.DataFrame(rows)


def row_notes(comparison: pd.DataFrame, verdict: str, *, with_dataset: bool = False) -> list[str]:
    """The plain-language notes of the comparisons of one class (a key of :data:`VERDICTS`).

    Parameters
    ----------
    comparison : DataFrame
        :func:`estimators.studies.comparison.reference_comparison`.
    verdict : str
        Which comparisons.
    with_dataset : bool, default False
        Name the dataset at the start of each note.
    """
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {list(VERDICTS)}; got {verdict!r}")
    d = comparison_differences(comparison)
    notes = []
    for r in d[d["verdict"] == verdict].to_dict(orient="records"):
        note = _row_note(r, d[d["dataset"] == r["dataset"]])
        if note:
            notes.append(f"**{r['dataset']}**, {note}" if with_dataset else note)
    return notes


# --- analysis report ----------------------------------------------------------------------


def _number(x: Any, digits: int) -> str:
    return "–" if is_missing(x) else f"{float(x):,.{digits}f}"


def diagnostics_table(diagnostics: pd.DataFrame) -> pd.DataFrame:
    """:func:`estimators.studies.analysis.diagnostics` formatted: one row per method."""
    rows = []
    for r in diagnostics.to_dict(orient="records"):
        bayes = not is_missing(r["r_hat"])
        rows.append({
            "method": r["label"],
            "result": status_cell(r["status"]),
            "R-hat of N (below 1.01)": _number(r["r_hat"], 3) if bayes else "not a sampler",
            "effective draws of N, bulk / tail (400 or more)": (f"{_number(r['ess_bulk'], 0)} / "
                                                                f"{_number(r['ess_tail'], 0)}") if bayes else "–",
            "divergences": _number(r["divergences"], 0) if bayes else "–",
        })
    return pd.DataFrame(rows)


def diagnostics_notes(diagnostics: pd.DataFrame) -> str:
    """Markdown bullets: each method's notes (its result's messages), or an empty string."""
    items = [f"- **{r['label']}**: {r['messages']}" for r in diagnostics.to_dict(orient="records") if r["messages"]]
    return "\n".join(items)


def models_table(models: pd.DataFrame) -> pd.DataFrame:
    """The best log-linear models by AIC (:func:`estimators.studies.analysis.best_models`), formatted."""
    if models.empty:
        return pd.DataFrame()
    best = float(models["aic"].min())
    rows = []
    for r in models.to_dict(orient="records"):
        rows.append({
            "interactions between lists": str(r["terms"]) or "none (independent lists)",
            "AIC": f"{float(r['aic']):,.1f}",
            "AIC above the best": f"{float(r['aic']) - best:,.1f}",
            "deviance (df)": f"{float(r['deviance']):,.1f} ({int(r['df'])})",
            "estimate": count(r["estimate"]),
            "95% interval": interval(r["lower"], r["upper"]),
        })
    return pd.DataFrame(rows)


def linkage_tables(summary: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """The linkage summary of a ``removals link`` sidecar as tables (aggregates only).

    Returns
    -------
    dict
        ``records`` (records per list, children observed, duplicates merged, records too
        thin to link left out per list, clusters flagged), ``pairs`` (scored pairs per
        match-probability band, within and across lists), ``clusters`` (records per child:
        how many children).
    """

    from ..linkage.identifiable import RULE as THIN_RULE

    def c(v: Any) -> str:
        return v if isinstance(v, str) else count(v)

    overview = [{"what": f"records on {name}", "count": c(v)} for name, v in dict(summary.get("records", {})).items()]
    overview += [
        {"what": "people observed (clusters)", "count": c(summary.get("children_observed"))},
        {"what": "within-list duplicates merged", "count": c(summary.get("duplicates_merged"))},
        *({"what": f"records on {name} too thin to link, left out ({THIN_RULE})", "count": c(v)}
          for name, v in dict(summary.get("thin_records_left_out") or {}).items()),
        *([{"what": "clusters of such records only (not counted)", "count": c(summary.get("children_only_thin"))}]
          if summary.get("thin_records_left_out") else []),
        {"what": f"clusters larger than plausible (more than {summary.get('max_plausible_cluster_size')} records)",
         "count": c(summary.get("flagged_clusters"))},
    ]
    pairs = []
    for r in summary.get("pairs_by_probability", []):
        lo, hi = r["band"]
        pairs.append({"match probability": f"{lo:.2f} to {hi:.2f}", "pairs within one list (duplicates?)":
                      c(r["within_list"]), "pairs across lists (links?)": c(r["across_lists"])})
    clusters = [{"records per person": int(r["size"]), "people": c(r["clusters"])}
                for r in summary.get("cluster_sizes", [])]
    return {"records": pd.DataFrame(overview), "pairs": pd.DataFrame(pairs), "clusters": pd.DataFrame(clusters)}


def linkage_uncertainty_table(result: EstimateResult) -> pd.DataFrame:
    """The single (point) linkage and the combined replicates, side by side."""
    info = dict(result.details.get("linkage", {}))
    point = dict(info.get("point_linkage", {}))
    rows = [
        {"linkage": f"single linkage (match probability at least {float(info.get('threshold', 0)):g})",
         "documented": count(point.get("observed")), "estimate": count(point.get("estimate")),
         "95% interval": interval(point.get("lower"), point.get("upper"))},
        {"linkage": f"{int(info.get('replicates', 0))} linkage replicates, combined",
         "documented": count(result.observed), "estimate": count(result.estimate),
         "95% interval": interval(result.lower, result.upper)},
    ]
    return pd.DataFrame(rows)


def assumptions_table(assumptions: Mapping[str, str]) -> pd.DataFrame:
    """Method -> what it assumes, in plain words."""
    return pd.DataFrame([{"method": k, "what it assumes": v} for k, v in assumptions.items()])


def consistency_table(summary: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The internal-consistency check per method (``compare``'s ``consistency.summary``), formatted.

    ``relative_bias`` is the method's average error on the known sizes of the lists
    (each list's people estimated from the other lists alone).
    """
    rows = []
    for r in summary.to_dict(orient="records"):
        done = int(r["lists_with_estimate"] or 0)
        rows.append({
            "method": (labels or {}).get(str(r["method"]), str(r["method"])),
            "lists checked (with an estimate)": f"{int(r['lists_checked'])} of {int(r['reference_lists'])} ({done})",
            "average error on the known list sizes": "–" if is_missing(r["relative_bias"])
            else f"{float(r['relative_bias']):+.0%}",
            "range of errors": "–" if is_missing(r["min_relative_bias"])
            else f"{float(r['min_relative_bias']):+.0%} to {float(r['max_relative_bias']):+.0%}",
            "intervals holding the known size": "–" if is_missing(r["coverage"]) else percent(r["coverage"], 0),
        })
    return pd.DataFrame(rows)


def drop_one_overview(table: pd.DataFrame, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per method (``compare``'s summary): estimates with one list left out, and the list that moves it most."""
    rows = []
    for r in table.to_dict(orient="records"):
        fits = int(r["drop_one_fits"] or 0)
        moved = "–" if is_missing(r["drop_one_largest_change"]) else (
            f"{r['drop_one_most_influential']} ({float(r['drop_one_largest_change']):+.0%})")
        rows.append({
            "method": (labels or {}).get(str(r["method"]), str(r["method"])),
            "estimate with all lists": count(r["estimate"]),
            "fits with one list left out": fits,
            "their estimates": "–" if not fits else f"{count(r['drop_one_low'])}{RANGE}{count(r['drop_one_high'])}",
            "list whose removal moves it most": moved,
        })
    return pd.DataFrame(rows)
