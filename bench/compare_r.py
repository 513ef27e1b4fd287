"""Side by side with the R anchors per CPU-second (issue 16 item 6).

R side: the timings STORED in ``data/benchmarks/reference/<dataset>.json`` - each entry's
``elapsed_s`` is ``system.time(<call>)[["elapsed"]]`` (wall seconds) of the exact R call,
taken in another session; the file's ``timing_note`` (quoted in the output) gives R's
version, BLAS and machine, and says that 2-3 R jobs shared the 2 cores at the time.  R is
not run here.

Our side: fresh runs of the package's equivalent of each anchor, on the same CSV, with the
settings the reference tests use (``tests/test_reference_*.py``, ``tests/test_dga.py``,
``tests/test_lcm.py``, ``tests/test_bayes_loglinear.py``):

=====================================  ==================================================
R anchor (call)                        package (as in the reference tests)
=====================================  ==================================================
Rcapture ``closedp.t`` (one call fits  ``methods.create(m).fit(h)`` for the 10 models we
all standard models)                   have (M0, Mt, Mh-*, Mth-*): the SUM of 10 fits;
                                       R's call also fits Mb and Mbh (we have neither)
Rcapture ``closedpCI.t(m=...)``        ``methods.create(m).fit(h)`` (one model, profile
                                       interval), summed over the 10 calls
Rcapture ``closedpMS.t`` (AIC and BIC  ``search_models(h, criterion="aic",
from one call)                         search="exhaustive", maxorder=<R's>)``: every
                                       model fitted once, the table has AIC and BIC
SparseMSE ``estimatepopulation.0       ``estimate(h, "loglinear", model="main",
(method="main")``                      interval="wald")``
SparseMSE ``estimatepopulation.0       ``search_models(h, search="stepwise",
(method="stepwise")``                  interval="wald")`` - an ANALOGUE only: forward
                                       AIC on two-way terms without SparseMSE's p-value
                                       threshold; no reference test checks it
dga ``bma.cr``                         ``methods.create("dga", delta=<R's>,
                                       nmissing_max=<R's grid end>, seed=1)``
LCMCR ``lcmCR`` + ``lcmCR_PostSampl``  ``LatentClass(seed=20231116)`` at its defaults
                                       (4 chains, extended until converged)
conting ``bict`` (SBH prior)           ``methods.create("bayes-loglinear", seed=1)`` -
                                       different prior and model space (see the test)
=====================================  ==================================================

Data are collapsed over strata, as the R references were computed.  Each comparison runs
in a fresh Python process: the package is imported and the data loaded (timed apart),
then the fit is run once ("cold": first fit in the process, numba/PyTensor caches on disk
as they are) and ``--repeat`` more times in the same process ("warm", median reported).
CPU seconds = ``time.process_time()`` (all threads of the process) plus
``getrusage(RUSAGE_CHILDREN)`` of any child processes; wall = ``time.perf_counter()``.

Not compared (no package equivalent): Rcapture's Mb and Mbh, ``closedp.0``/``closedpCI.0``
on frequency-of-counts files, CARE1 ``estN``, SparseMSE's BCa bootstrap
``estimatepopulation``, conting's stratified ``bict`` fits (ours is compared with ``bict``
on the table collapsed over strata), ``bict`` where R's call failed (Artificial_3); dga on
6+ lists (R has no graphs for them, no R time).  ``--bayes-capped`` runs
``bayes-loglinear`` only on the two files its reference test compares with ``bict``
(a first fit of a new model structure compiles for ~10 s).

Run: ``nice -n 10 python bench/compare_r.py [--datasets A,B] [--methods closedp,search,...]
[--repeat 3] [--quick]``; prints markdown on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DIR = ROOT / "data" / "benchmarks" / "reference"

sys.path.insert(0, str(ROOT))  # this checkout's package, as for the child processes below
from estimators.loglinear.estimators import RCAPTURE_LABELS  # noqa: E402

FAMILY = RCAPTURE_LABELS  # Rcapture's model name -> the method here
KINDS = ("closedp", "closedpCI", "search", "sparsemse-main", "sparsemse-stepwise", "dga", "lcm", "bayes-loglinear")
BAYES_CAPPED = ("dga_spina_MY1997", "SparseMSE_UKdat")
QUICK = {"datasets": ["CARE1_HAV", "dga_spina_MY1997"], "methods": ["closedp", "search", "sparsemse-main", "dga", "lcm"]}
LCM_SEED = 20231116

# The child: import, load, one cold fit, ``repeat`` warm fits; one JSON line on stdout.
CHILD = r"""
import json, resource, sys, time, warnings
t0, c0 = time.perf_counter(), time.process_time()
warnings.simplefilter("ignore")
from estimators import data, methods, estimate, search_models
spec = json.loads(sys.argv[1])
h = data.load_benchmark(spec["dataset"]).collapse_strata()
kind, repeat = spec["kind"], spec["repeat"]

def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime

def run():
    if kind in ("closedp", "closedpCI"):
        return [methods.create(m).fit(h) for m in spec["models"]][-1]
    if kind == "search":
        return search_models(h, criterion="aic", search="exhaustive", maxorder=spec["maxorder"])
    if kind == "sparsemse-main":
        return estimate(h, "loglinear", model="main", interval="wald")
    if kind == "sparsemse-stepwise":
        return search_models(h, search="stepwise", interval="wald")
    if kind == "dga":
        return methods.create("dga", delta=spec["delta"], nmissing_max=spec["nmissing_max"], seed=1).fit(h)
    if kind == "lcm":
        from estimators.bayes.lcm import LatentClass
        return LatentClass(seed=spec["seed"]).fit(h)
    if kind == "bayes-loglinear":
        return methods.create("bayes-loglinear", seed=1).fit(h)
    raise ValueError(kind)

setup = (time.perf_counter() - t0, time.process_time() - c0)
walls, cpus, extra = [], [], {}
for i in range(1 + repeat):
    w, c, cc = time.perf_counter(), time.process_time(), children_cpu()
    r = run()
    walls.append(time.perf_counter() - w)
    cpus.append(time.process_time() - c + children_cpu() - cc)
    if i == 0:
        sel = getattr(r, "selected", r)
        extra["estimate"] = sel.estimate
        extra["status"] = None if kind in ("closedp", "closedpCI") else sel.status.value
        if kind == "search":
            extra["n_models"] = int(len(r.table))
            extra["model"] = sel.details.get("model")
        if kind == "lcm":
            row = next(d for d in r.details["diagnostics"] if d["variable"] == "N")
            extra["ess_bulk"] = float(row["ess_bulk"])
            extra["r_hat"] = float(row["r_hat"])
            extra["sweeps"] = r.details["sampler"]["sweeps_per_chain"] * r.details["sampler"]["chains"]
        if kind == "bayes-loglinear":
            extra["model_source"] = dict(r.timings).get("compiled_model_source")
    if kind == "lcm" and i > 0:
        row = next(d for d in r.details["diagnostics"] if d["variable"] == "N")
        extra.setdefault("warm_ess", []).append(float(row["ess_bulk"]))
print(json.dumps({"setup_wall": setup[0], "setup_cpu": setup[1], "walls": walls, "cpus": cpus, **extra}))
"""


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def load_average() -> str:
    la = os.getloadavg()
    return f"{la[0]:.2f} / {la[1]:.2f} / {la[2]:.2f}"


def references() -> dict[str, dict]:
    """Reference JSONs whose CSV is a capture-history file with at least 3 lists."""
    out = {}
    for path in sorted(REFERENCE_DIR.glob("*.json")):
        ref = json.loads(path.read_text(encoding="utf-8"))
        if len(ref.get("lists") or []) >= 3 and ref.get("methods"):
            out[path.stem] = ref
    return out


def comparisons(name: str, ref: dict, kinds: list[str], bayes_capped: bool) -> tuple[list[dict], list[str]]:
    """(what to run, with the R entry it is compared with; anchors skipped, with why)."""
    todo: list[dict] = []
    skipped: list[str] = []
    entries = ref["methods"]

    def first(pred: Callable[[dict], bool]) -> dict | None:
        return next((m for m in entries if pred(m)), None)

    if "closedp" in kinds:
        e = first(lambda m: m.get("call", "").startswith("closedp.t("))
        if e and e.get("elapsed_s") is not None:
            fitted = [m["method"] for m in entries if m.get("call") == e["call"]]
            models = [FAMILY[f] for f in fitted if f in FAMILY]
            others = [f for f in fitted if f not in FAMILY]
            todo.append({"kind": "closedp", "r_call": e["call"], "r_s": e["elapsed_s"], "models": models,
                         "ours": f"sum of {len(models)} fits (M0, Mt, Mh-*, Mth-*)",
                         "note": f"one R call fits all its models; R's also fits {', '.join(others)} (not in the package)"
                         if others else "one R call fits all its models"})
    if "closedpCI" in kinds:
        ci = [m for m in entries if m.get("call", "").startswith("closedpCI.t(") and m["method"].endswith("[closedpCI.t]")]
        ci = [m for m in ci if m["method"].removesuffix(" [closedpCI.t]") in FAMILY and m.get("elapsed_s") is not None]
        if ci:
            todo.append({"kind": "closedpCI", "r_call": f"{len(ci)} x closedpCI.t(m=...)",
                         "r_s": sum(m["elapsed_s"] for m in ci),
                         "models": [FAMILY[m["method"].removesuffix(" [closedpCI.t]")] for m in ci],
                         "ours": f"sum of {len(ci)} fits with profile interval", "note": "R: sum of the calls' elapsed_s"})
    if "search" in kinds:
        e = first(lambda m: "closedpMS" in m["method"] and "AIC" in m["method"])
        if e and e.get("elapsed_s") is not None:
            todo.append({"kind": "search", "r_call": e["call"], "r_s": e["elapsed_s"], "maxorder": e["maxorder"],
                         "r_models": e["n_models_compared"], "r_estimate": e.get("estimate"), "r_model": e.get("model"),
                         "ours": f"search_models exhaustive, maxorder={e['maxorder']}",
                         "note": "one R call gives the AIC and BIC models; one search here (the table has both)"})
        elif any("closedpMS" in m["method"] for m in entries):
            skipped.append("closedpMS.t: no elapsed_s stored")
    if "sparsemse-main" in kinds:
        e = first(lambda m: m["anchor"] == "SparseMSE" and m["method"] == "estimatepopulation.0 main")
        if e and e.get("elapsed_s") is not None:
            todo.append({"kind": "sparsemse-main", "r_call": e["call"], "r_s": e["elapsed_s"],
                         "r_estimate": e.get("estimate"), "ours": 'estimate(h, "loglinear", model="main", interval="wald")',
                         "note": "same model and interval (reference-tested)"})
    if "sparsemse-stepwise" in kinds:
        e = first(lambda m: m["anchor"] == "SparseMSE" and m["method"] == "estimatepopulation.0 stepwise")
        if e and e.get("elapsed_s") is not None:
            todo.append({"kind": "sparsemse-stepwise", "r_call": e["call"], "r_s": e["elapsed_s"],
                         "r_estimate": e.get("estimate"), "ours": 'search_models(h, search="stepwise", interval="wald")',
                         "note": "ANALOGUE: forward AIC, no pthresh test; not reference-tested, may select another model"})
    if "dga" in kinds:
        e = first(lambda m: m["anchor"] == "dga")
        if e and e.get("elapsed_s") is not None and "delta" in e:
            todo.append({"kind": "dga", "r_call": e["call"], "r_s": e["elapsed_s"], "delta": e["delta"],
                         "nmissing_max": int(e["Nmissing_grid"][1]), "r_estimate": e.get("estimate"),
                         "ours": "dga, R's delta and grid, seed 1", "note": "same graphs, prior and grid (reference-tested)"})
        elif e:
            skipped.append(f"dga: {len(ref['lists'])} lists, R dga has no graphs for them (no R time)")
    if "lcm" in kinds:
        e = first(lambda m: m["anchor"] == "LCMCR")
        if e and e.get("elapsed_s") is not None:
            todo.append({"kind": "lcm", "r_call": "lcmCR + lcmCR_PostSampl (K=10, 10k burn-in, 5k x thin 10)",
                         "r_s": e["elapsed_s"], "seed": LCM_SEED, "r_estimate": e.get("estimate"),
                         "r_ess": next((e[k] for k in e if "ess" in k.lower()), None),
                         "ours": f"lcm defaults, seed {LCM_SEED}", "note": "ours: 4 chains, run until converged; R: 1 chain"})
    if "bayes-loglinear" in kinds:
        cands = [m for m in entries if m["anchor"] == "conting" and m.get("elapsed_s") is not None]
        e = next((m for m in cands if m["method"].startswith("bict posterior (SBH")), None) or \
            next((m for m in cands if "collapsed over strata" in m["method"]), None)
        failed = next((m for m in cands if "error" in m), None)
        if e and (not bayes_capped or name in BAYES_CAPPED):
            call = e["call"].removeprefix("{ set.seed(1); ").removesuffix(" }")
            todo.append({"kind": "bayes-loglinear", "r_call": call, "r_s": e["elapsed_s"], "r_estimate": e.get("estimate"),
                         "ours": "bayes-loglinear, seed 1",
                         "note": "different prior and model space (bict: RJMCMC over hierarchical models)"})
        elif e:
            skipped.append("conting bict: bayes-loglinear capped to " + ", ".join(BAYES_CAPPED) + " (--bayes-capped)")
        elif failed:
            skipped.append(f"conting bict: the R call failed ({failed['error']}), no estimate to compare")
    return todo, skipped


def run_child(name: str, job: dict, repeat: int, env: dict[str, str]) -> dict:
    spec = {"dataset": name, "repeat": repeat, **{k: v for k, v in job.items() if k not in ("note", "ours", "r_call")}}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(spec)], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=False)
    if out.returncode != 0:
        tail = out.stderr.strip().splitlines()[-1:] or ["no message"]
        return {"error": tail[0][:160]}
    d = json.loads(out.stdout.strip().splitlines()[-1])
    d["process_wall"] = time.perf_counter() - start
    return d


def ratio(r_s: float, ours: float) -> str:
    if not ours > 0:
        return "-"
    x = r_s / ours
    return f"{x:.1f}x" if x >= 1 else f"{x:.2g}x"


def fmt_est(x: float | None) -> str:
    return "-" if x is None else f"{float(x):,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", help="comma-separated reference names (default: all with capture histories)")
    parser.add_argument("--methods", help=f"comma-separated subset of {','.join(KINDS)}")
    parser.add_argument("--repeat", type=int, default=3, help="warm fits after the cold one (median reported)")
    parser.add_argument("--lcm-repeat", type=int, default=1, help="warm lcm fits (each runs to convergence)")
    parser.add_argument("--bayes-capped", action="store_true",
                        help="bayes-loglinear only on the files its reference test compares with bict")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 small files, fast methods, 1 warm fit")
    parser.add_argument("--no-prime", action="store_true",
                        help="do not fill the on-disk compile caches first (cold then includes any compile)")
    args = parser.parse_args(argv)
    refs = references()
    names = args.datasets.split(",") if args.datasets else list(refs)
    kinds = args.methods.split(",") if args.methods else list(KINDS)
    repeat = args.repeat
    if args.quick:
        names = args.datasets.split(",") if args.datasets else QUICK["datasets"]
        kinds = args.methods.split(",") if args.methods else QUICK["methods"]
        repeat = 1
    unknown = [k for k in kinds if k not in KINDS] + [n for n in names if n not in refs]
    if unknown:
        parser.error(f"unknown method or dataset: {', '.join(unknown)}")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    load_before = load_average()
    notes = {refs[n]["timing_note"] for n in names}
    emit(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, "
         f"python {platform.python_version()}; {time.strftime('%Y-%m-%d %H:%M %Z')}; load average (1/5/15 min) "
         f"before {load_before}")
    emit("")
    for note in sorted(notes):
        emit(f"R timings (stored, not run here): {note}.")
    emit(f"\nOurs: cold = first fit in a fresh process (after import and data load, shown apart); warm = median of {repeat} more fits in that process "
         f"(lcm: {min(repeat, args.lcm_repeat)}). CPU = process_time (all threads) + children. "
         "R elapsed is wall time of a single-threaded R process (BLAS up to 2 threads) on a shared machine.\n")
    if not args.no_prime:
        # One untimed process per method on a small file fills the numba / PyTensor disk caches,
        # so "cold" below is a new process with the caches on disk, as for any second run.
        prime_start = time.perf_counter()
        for kind in kinds:
            for job in comparisons("dga_spina_MY1997", refs["dga_spina_MY1997"], [kind], False)[0]:
                run_child("dga_spina_MY1997", job, 0, env)
        emit(f"Disk caches primed first: one untimed fresh process per method on dga_spina_MY1997 "
             f"({time.perf_counter() - prime_start:.1f} s wall in all).\n")
    emit("| dataset | R call | R elapsed s | ours | ours cold wall / CPU s | ours warm wall / CPU s | "
         "R ÷ ours wall (cold / warm) | R ÷ ours CPU (cold / warm) | ours import + load s | estimate R / ours | note |")
    emit("|---|---|---|---|---|---|---|---|---|---|---|")
    skipped_all: dict[str, list[str]] = {}
    lcm_rows: list[str] = []
    for name in names:
        todo, skipped = comparisons(name, refs[name], kinds, args.bayes_capped)
        if skipped:
            skipped_all[name] = skipped
        for job in todo:
            n_warm = min(repeat, args.lcm_repeat) if job["kind"] == "lcm" else repeat
            d = run_child(name, job, n_warm, env)
            r_s = float(job["r_s"])
            if "error" in d:
                emit(f"| {name} | `{job['r_call']}` | {r_s:.3f} | {job['ours']} | failed: {d['error']} | | | | | | |")
                continue
            cw, cc = d["walls"][0], d["cpus"][0]
            ww = statistics.median(d["walls"][1:]) if len(d["walls"]) > 1 else float("nan")
            wc = statistics.median(d["cpus"][1:]) if len(d["cpus"]) > 1 else float("nan")
            note = job["note"]
            if job["kind"] == "search":
                same = "same model" if d.get("model") == job.get("r_model") else f"R chose {job.get('r_model')}, ours {d.get('model')}"
                note += f"; {d.get('n_models')} models (R {job['r_models']}); best AIC: {same}"
            if job["kind"] == "bayes-loglinear":
                note += f"; cold fit's model: {d.get('model_source')}"
            r_est = job.get("r_estimate")
            if job["kind"] == "sparsemse-stepwise" and r_est and d.get("estimate"):
                gap = abs(d["estimate"] / r_est - 1)
                note += "; same estimate (within 0.01%)" if gap < 1e-4 else f"; estimate differs by {100 * gap:.1f}%: another model"
            est = f"{fmt_est(r_est)} / {fmt_est(d.get('estimate'))}" if r_est is not None else "-"
            if d.get("status") not in (None, "ok"):
                est += f" ({d['status']})"
            warm_ratio_w = ratio(r_s, ww) if ww == ww else "-"
            warm_ratio_c = ratio(r_s, wc) if wc == wc else "-"
            emit(f"| {name} | `{job['r_call']}` | {r_s:.3f} | {job['ours']} | {cw:.3f} / {cc:.3f} | "
                 f"{ww:.3f} / {wc:.3f} | {ratio(r_s, cw)} / {warm_ratio_w} | {ratio(r_s, cc)} / {warm_ratio_c} | "
                 f"{d['setup_wall']:.2f} | {est} | {note} |")
            if job["kind"] == "lcm":
                ess = d["ess_bulk"]
                warm_ess = statistics.median(d.get("warm_ess", [float("nan")]))
                r_ess = job.get("r_ess")
                lcm_rows.append(
                    f"| {name} | {ess:.0f} | {d['r_hat']:.3f} | {d['sweeps']:,} | {cc:.2f} | {ess / cc:.0f} | "
                    f"{(warm_ess / wc) if wc == wc else float('nan'):.0f} | {r_s:.3f} | "
                    f"{'R ESS not stored' if r_ess is None else r_ess} |")
    if lcm_rows:
        emit("\n**lcm: ESS of N per CPU-second (ours).** Bulk ESS of N over our 4 chains, CPU of the fit. "
             "LCMCR returns a bare vector of draws and the reference JSONs store no ESS, so R's ESS/CPU-s "
             "cannot be computed from them (bench/bench_lcm.py estimates it by running LCMCR's algorithm here).\n")
        emit("| dataset | ours ESS bulk (cold fit) | R-hat | sweeps (all chains) | cold CPU s | ours ESS/CPU-s cold | "
             "ours ESS/CPU-s warm | R elapsed s | R ESS |")
        emit("|---|---|---|---|---|---|---|---|---|")
        for row in lcm_rows:
            emit(row)
    emit("\n**Not compared** (no package equivalent, or capped): Rcapture Mb and Mbh (inside closedp.t's time); "
         "CARE1 estN (Indep/HSC/LSC); SparseMSE estimatepopulation with BCa bootstrap; conting's stratified bict "
         "fits (ours is compared with bict on the table collapsed over strata); frequency-of-counts files (Rcapture_BBS2001, _cbird, _ill: closedp.0); open-population files with "
         "no reference (Rcapture_bunting, _duck, _mvole, _rbvole).")
    for name, items in skipped_all.items():
        emit(f"- {name}: {'; '.join(items)}")
    emit(f"\nload average (1/5/15 min) after: {load_average()} (before: {load_before})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
