"""Prior sensitivity of ``bayes-loglinear``: posterior of N across interaction priors.

For each benchmark, the all-two-way model is fitted with normal interaction priors of
scale 0.5, 1, 2 and 5 and with the regularised horseshoe (defaults otherwise: intercept
and main effects Normal(0, 10), 4 chains x 1000 draws after 1000 tuning steps, nutpie's
low-rank mass matrix, seed 1).  Each row gives the posterior median and 95 % equal-tailed
interval of N, the convergence diagnostics of N, and the sampling time; the conting
``bict`` posterior (R reference, model averaging), the MLE of the same all-two-way model
(the limit of wide priors) and the AIC-selected log-linear MLE (``loglinear``) are
listed for context.

Run:  python bench/prior_sensitivity_bayes_loglinear.py [--seed 1] [--datasets A,B]
Prints a markdown table; the numbers in docs/bayes_loglinear_priors.md come from it.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import warnings
from typing import Any

from estimators import data, methods
from estimators.loglinear.design import all_pair_terms

DATASETS = ["SparseMSE_UKdat", "dga_spina_MY1997", "LCMCR_kosovo_aggregate", "Rcapture_lesbian", "SparseMSE_NewOrl"]
SCALES = [0.5, 1.0, 2.0, 5.0]



def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")

def bict_reference(name: str) -> dict[str, Any] | None:
    """conting's bict entry of the pinned R reference (unstratified table)."""
    for m in data.benchmark_reference(name)["methods"]:
        if m.get("anchor") == "conting" and "estimate" in m:
            return dict(m)
    return None


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:,.0f}"


def row(label: str, r: Any, seconds: float | None = None) -> str:
    diag = next((d for d in r.details.get("diagnostics", []) if d["variable"] == "N"), None)
    est = r.estimate if r.estimate is not None else r.details.get("posterior_median_unconverged")
    interval = f"[{fmt(r.lower)}, {fmt(r.upper)}]" if r.lower is not None else "-"
    if diag is not None:
        conv = f"{diag['r_hat']:.3f} / {diag['ess_bulk']:,.0f} / {diag['divergences']}"
    else:
        conv = "-"
    secs = "-" if seconds is None else f"{seconds:.1f}"
    return f"| {label} | {fmt(est)} | {interval} | {r.status.value} | {conv} | {secs} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--burnin", type=int, default=1000)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    emit(f"machine: {platform.machine()} python {platform.python_version()}; seed {args.seed}, "
          f"4 chains x {args.draws} draws, {args.burnin} tuning steps\n")
    for name in args.datasets.split(","):
        h = data.load_benchmark(name)
        if h.is_stratified:
            h = h.collapse_strata()
        emit(f"### {name} ({h.k} lists, n = {h.n:,})\n")
        emit("| interaction prior | median N | 95% interval | status | R-hat / bulk ESS / divergences | seconds |")
        emit("|---|---|---|---|---|---|")
        specs: list[tuple[str, dict[str, Any]]] = [
            (f"Normal(0, {s:g})", {"interaction_sigma": s}) for s in SCALES
        ]
        specs.append(("regularised horseshoe (p0 = D/2, slab 2, df 4)", {"prior": "horseshoe"}))
        for label, options in specs:
            spec = methods.create(
                "bayes-loglinear", seed=args.seed, draws=args.draws, burnin=args.burnin, **options
            )
            t0 = time.perf_counter()
            r = spec.fit(h)
            elapsed = time.perf_counter() - t0
            timing = dict(r.timings)
            emit(row(label, r, timing.get("sampling_seconds", elapsed)))
        ref = bict_reference(name)
        if ref is not None:
            emit(
                f"| conting bict (R reference, model averaging, SBH prior) | {fmt(ref['estimate'])} | "
                f"[{fmt(ref['ci_lower'])}, {fmt(ref['ci_upper'])}] | reference | - | {ref.get('elapsed_s', '-')} |"
            )
        pairs = ",".join(f"{a + 1}:{b + 1}" for a, b in all_pair_terms(h.k))
        full = methods.create("loglinear", model=pairs).fit(h)
        emit(
            f"| loglinear MLE, same all-two-way model (profile interval; the wide-prior limit) | "
            f"{fmt(full.estimate)} | [{fmt(full.lower)}, {fmt(full.upper)}] | {full.status.value} | - | - |"
        )
        mle = methods.create("loglinear").fit(h)
        emit(
            f"| loglinear MLE, AIC-selected {mle.details.get('model', '')} (profile interval) | {fmt(mle.estimate)} | "
            f"[{fmt(mle.lower)}, {fmt(mle.upper)}] | {mle.status.value} | - | - |"
        )
        emit()


if __name__ == "__main__":
    main()
