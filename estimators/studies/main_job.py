"""The main job: verify the pinned data and estimate on it.

Prints plain-text tables: the published counts of the seed case (documented minimums,
never added across populations) and every main method on each pinned closed-population
benchmark dataset; ``removals run`` then renders the Belarus report (``MAIN_REPORT``).
Output is deterministic for a seed.
"""

from __future__ import annotations

import warnings

import pandas as pd

from .. import data
from .._format import QUALIFIER_SYMBOLS, number
from ..exceptions import RemovalsWarning
from ..methods import create
from ..results import EstimateResult

# Open-population / robust-design files: closed-population methods do not apply.
NOT_CLOSED = {"Rcapture_bunting", "Rcapture_duck", "Rcapture_mvole", "Rcapture_rbvole"}
MAIN_REPORT = "belarus"
MAIN_METHODS = ("chao", "M0", "Mt", "Mh-chao", "Mth-chao", "loglinear")


def closed_benchmarks() -> list[str]:
    """Pinned benchmark datasets that are closed-population capture histories."""
    return [name for name in data.benchmark_names() if name not in NOT_CLOSED]


def estimate_table(seed: int) -> pd.DataFrame:
    """Every main method on every closed benchmark (strata collapsed)."""
    rows = []
    for name in closed_benchmarks():
        h = data.load_benchmark(name).collapse_strata()
        for method in MAIN_METHODS:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RemovalsWarning)
                r: EstimateResult = create(method, seed=seed).fit(h)
            rows.append(
                {
                    "dataset": name,
                    "lists": h.k,
                    "observed": h.n,
                    "method": method,
                    "model": r.model or "",
                    "estimate": r.estimate,
                    "lower": r.lower,
                    "upper": r.upper,
                    "status": r.status.value,
                }
            )
    return pd.DataFrame(rows)


def run_main_job(seed: int) -> str:
    """Verify every pinned file, then return the text of the two tables."""
    files = data.verify_all()
    manifest = data.data_dir().resolve() / data.MANIFEST
    out = [f"Pinned data: {len(files)} files verified against {manifest} (sha256; the manifest itself pinned "
           "by the package).", ""]
    counts = data.published_counts()
    out.append("Published counts (documented minimums; figures of different populations are never added):")
    for row in counts.to_dict(orient="records"):
        q = QUALIFIER_SYMBOLS.get(str(row["count_qualifier"]), "")
        out.append(f"  {row['published']!s:<10}  {q}{int(row['count']):>9,}  {row['population']!s:<38} {str(row['source'])[:60]}")
    out.append("")
    out.append(
        "The two Belarus figures (Yale HRL >= 2,442; NAM/ICC > 2,100) are aggregate counts with no "
        "public overlap: no total can be estimated from them alone."
    )
    out.append("")
    table = estimate_table(seed)
    out.append(f"Estimates on the pinned benchmark datasets (95% intervals; seed {seed}):")
    out.append(f"  {'dataset':<26}{'k':>3}{'observed':>10}  {'method':<12}{'estimate':>12}{'lower':>12}{'upper':>12}  status / model")
    for e in table.to_dict(orient="records"):
        extra = e["status"] if e["status"] != "ok" else e["model"]
        out.append(
            f"  {e['dataset']!s:<26}{int(e['lists']):>3}{int(e['observed']):>10,}  {e['method']!s:<12}"
            f"{number(e['estimate']):>12}{number(e['lower']):>12}{number(e['upper']):>12}  {extra}"
        )
    return "\n".join(out)
