"""Benchmark: first fits in a fresh process (issue 16: dga cold, bayes-loglinear warm).

Each measurement is a new Python process that imports the package, loads the data and
times ``spec.fit`` once (imports of the package not counted; the fit's own first-use
costs - numba kernels loaded from disk, nutpie/ArviZ imported, a compiled model loaded
or compiled - counted).  The whole process is timed too.

* ``dga`` on 5 lists (Ned_5, UKdat_5): default settings, and R's reference grid
  (``delta`` and ``Nmissing_grid`` of the R reference, as its ``elapsed_s`` was measured).
* ``bayes-loglinear`` on UKdat (default settings, seed 1): with an empty model cache
  (a compile), then with the model cache filled by that process ("warm": no compile).
  The cache directory is a temporary one (``REMOVALS_CACHE_DIR``).

Run:  python bench/bench_cold.py [--runs 3] [--methods dga,bayes-loglinear]
Prints median wall and CPU seconds (``time.process_time`` of the process: all threads)
with the load average; CPU seconds are the steadier number on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package, whatever is installed
CHILD = """
import json, sys, time, warnings
t0, c0 = time.perf_counter(), time.process_time()
warnings.simplefilter("ignore")
from estimators import data, methods
name, method, grid = sys.argv[1], sys.argv[2], sys.argv[3] == "reference"
h = data.load_benchmark(name).collapse_strata()
opts = {}
if grid:
    ref = next(m for m in data.benchmark_reference(name)["methods"] if m.get("anchor") == "dga" and "estimate" in m)
    opts = {"delta": ref["delta"], "nmissing_max": int(ref["Nmissing_grid"][1])}
spec = methods.create(method, seed=1, **opts)
t1, c1 = time.perf_counter(), time.process_time()
r = spec.fit(h)
t2, c2 = time.perf_counter(), time.process_time()
timing = dict(r.timings)
print(json.dumps({"fit_wall": t2 - t1, "fit_cpu": c2 - c1, "setup_wall": t1 - t0, "setup_cpu": c1 - c0,
                  "estimate": r.estimate, "status": r.status.value,
                  "model_source": timing.get("compiled_model_source"),
                  "arviz": "arviz" in sys.modules, "pymc": "pymc" in sys.modules}))
"""


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def run_child(name: str, method: str, grid: str, env: dict[str, str]) -> dict:
    w = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, name, method, grid], check=True, capture_output=True,
                         text=True, env=env, cwd=ROOT)
    d = json.loads(out.stdout.strip().splitlines()[-1])
    d["process_wall"] = time.perf_counter() - w
    return d


def summarise(rows: list[dict]) -> dict:
    keys = ("fit_wall", "fit_cpu", "setup_wall", "setup_cpu", "process_wall")
    out = {k: statistics.median(r[k] for r in rows) for k in keys}
    out.update({k: rows[-1][k] for k in ("estimate", "status", "model_source", "arviz", "pymc")})
    return out


def line(label: str, s: dict) -> str:
    return (f"| {label} | {s['fit_wall']:.2f} | {s['fit_cpu']:.2f} | {s['setup_wall']:.2f} | {s['process_wall']:.2f} | "
            f"{s['estimate']} | {s['model_source'] or ''} | {'yes' if s['arviz'] else 'no'} | {'yes' if s['pymc'] else 'no'} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--methods", default="dga,bayes-loglinear")
    args = parser.parse_args(argv)
    methods = args.methods.split(",")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    emit(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, python "
         f"{platform.python_version()}; {time.strftime('%Y-%m-%d %H:%M')}; 1-min load average {os.getloadavg()[0]:.2f}\n")
    emit("| fresh process | fit wall (s) | fit CPU (s) | import + data (s) | whole process wall (s) | estimate | "
         "compiled model | ArviZ imported | PyMC imported |")
    emit("|---|---|---|---|---|---|---|---|---|")
    if "dga" in methods:
        for name in ("SparseMSE_Ned_5", "SparseMSE_UKdat_5"):
            for grid in ("default", "reference"):
                rows = [run_child(name, "dga", grid, env) for _ in range(args.runs)]
                emit(line(f"dga {name}, {grid} grid (median of {args.runs})", summarise(rows)))
    if "bayes-loglinear" in methods:
        with tempfile.TemporaryDirectory() as cache:
            cenv = {**env, "REMOVALS_CACHE_DIR": cache}
            cold = run_child("SparseMSE_UKdat", "bayes-loglinear", "default", cenv)
            emit(line("bayes-loglinear UKdat, empty model cache (compiles)", summarise([cold])))
            rows = [run_child("SparseMSE_UKdat", "bayes-loglinear", "default", cenv) for _ in range(args.runs)]
            emit(line(f"bayes-loglinear UKdat, warm model cache (median of {args.runs})", summarise(rows)))
    emit(f"\n1-min load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
