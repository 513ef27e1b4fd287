"""Benchmark: the exhaustive two-way log-linear search on UKdat (6 lists, 32,768 models).

Rcapture 1.4-4 ``closedpMS.t(X, dfreq=TRUE, maxorder=2, stopiflong=FALSE)`` took
196.5 s (``elapsed_s`` in data/benchmarks/reference/SparseMSE_UKdat.json) and 272.5 s in
the side-by-side session of issue 16.

Run:  python bench/bench_search.py [--repeat 5] [--fresh 3] [--instructions]

Prints (markdown-ready):
* machine, date, 1-minute load average before and after;
* the first search in a fresh process (numba kernels loaded from their disk cache;
  imports not counted), wall and CPU seconds, median of ``--fresh`` processes;
* in one process, the best of ``--repeat`` searches: selection + Wald interval, and
  selection + profile interval of the selected model, wall and CPU seconds;
* with ``--instructions``, instructions per search counted by valgrind's callgrind
  (load-independent): a child process is run under callgrind with 1 and with 3
  searches after a warm-up search, and the difference is halved (slow: minutes).
  The child runs numba on one thread (``NUMBA_NUM_THREADS=1``): idle OpenMP workers
  spin, and under valgrind their spinning made the count vary 4-fold between runs.

CPU seconds are ``time.process_time`` (all threads of the process): on a shared
machine they are the steadier number; wall seconds are what a user waits and are
inflated by other jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's package, whatever is installed
CHILD = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
from estimators import data, search_models
h = data.load_benchmark("SparseMSE_UKdat")
n = int(sys.argv[1])
if n < 0:  # fresh-process timing of the first search
    w, c = time.perf_counter(), time.process_time()
    r = search_models(h, criterion="aic", maxorder=2, interval="wald")
    print(json.dumps({"wall": time.perf_counter() - w, "cpu": time.process_time() - c,
                      "model": r.selected.details["model"]}))
else:  # callgrind: one warm-up search, then n more
    for _ in range(n + 1):
        search_models(h, criterion="aic", maxorder=2, interval="wald")
"""


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def fresh_process(runs: int) -> tuple[float, float, str]:
    """Median wall and CPU seconds of the first search in ``runs`` fresh processes."""
    walls, cpus, model = [], [], ""
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CHILD, "-1"], check=True, capture_output=True, text=True, env=_env(), cwd=ROOT)
        d = json.loads(out.stdout.strip().splitlines()[-1])
        walls.append(d["wall"])
        cpus.append(d["cpu"])
        model = d["model"]
    return statistics.median(walls), statistics.median(cpus), model


def best_in_process(repeat: int, interval: str) -> tuple[float, float]:
    """Best wall and best CPU seconds of ``repeat`` searches in this process."""
    from estimators import data, search_models

    h = data.load_benchmark("SparseMSE_UKdat")
    search_models(h, criterion="aic", maxorder=2, interval=interval)  # kernels loaded
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        search_models(h, criterion="aic", maxorder=2, interval=interval)
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def instructions_per_search() -> float:
    """Callgrind instruction count of one search (difference of 3 and 1 searches, halved)."""
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    counts = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1, 3):
            out = Path(tmp) / f"cg.{n}"
            proc = subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", CHILD, str(n)],
                capture_output=True, text=True, env={**_env(), "NUMBA_NUM_THREADS": "1"}, cwd=ROOT, check=True,
            )
            m = re.search(r"Collected : (\d+)", proc.stderr)
            if m is None:
                raise RuntimeError("callgrind did not report a count")
            counts[n] = int(m.group(1))
    return (counts[3] - counts[1]) / 2.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fresh", type=int, default=3)
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    from estimators import data

    ref = data.benchmark_reference("SparseMSE_UKdat")
    r_seconds = next(m["elapsed_s"] for m in ref["methods"] if "closedpMS" in m["method"])
    load0 = os.getloadavg()[0]
    emit(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, python "
         f"{platform.python_version()}; {time.strftime('%Y-%m-%d %H:%M')}; 1-min load average {load0:.2f}")
    fw, fc, model = fresh_process(args.fresh)
    ww, wc = best_in_process(args.repeat, "wald")
    pw, pc = best_in_process(args.repeat, "profile")
    emit(f"selected model: {model}\n")
    emit("| UKdat exhaustive search (32,768 models) | wall (s) | CPU (s) | Rcapture closedpMS.t / ours (wall) |")
    emit("|---|---|---|---|")
    emit(f"| first search in a fresh process (median of {args.fresh}) | {fw:.3f} | {fc:.3f} | {r_seconds / fw:.0f}x |")
    emit(f"| selection + Wald, best of {args.repeat} | {ww:.3f} | {wc:.3f} | {r_seconds / ww:.0f}x |")
    emit(f"| selection + profile interval, best of {args.repeat} | {pw:.3f} | {pc:.3f} | {r_seconds / pw:.0f}x |")
    if args.instructions:
        emit(f"\ninstructions per search (callgrind): {instructions_per_search() / 1e9:.2f} G")
    emit(f"\nRcapture: {r_seconds} s; 1-min load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
