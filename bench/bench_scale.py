"""Benchmark scale-out (issue 14): executors on strata and studies, DuckDB vs Spark on linkage.

* ``strata``: 200 SYNTHETIC strata (4 lists, latent classes, 300-1,000 people each) x
  ``lcm`` (the validation report's coverage settings: burn-in 2,000, 1,000 draws, thin 5,
  no extension), fitted serially, on a 2-process pool and on a 2-worker Dask
  ``LocalCluster`` (one thread each, loopback).
* ``coverage``: a 1,000-replicate coverage study (``loglinear`` with model L1:L2 on the
  ``loglinear-dependent-pair`` design, profile intervals) on the same three executors.
* ``reselect``: ``loglinear`` with ``interval="bootstrap-reselect"`` (1,000 resamples, each
  redoing the exhaustive 1,024-model search) on SparseMSE's New Orleans 5-list data, on
  the same three executors.
* ``linkage``: 2 SYNTHETIC lists of ~20,000 records linked on DuckDB and on local Spark
  (``local[2]``): start-up, Splink's steps, the blocked pairs compared, cost per pair.

Every run checks that the executors give the serial numbers.  Times are wall seconds and
CPU seconds (user + system of this process and every child process: pool workers, Dask
nannies and workers, Spark's JVM), with the load average before and after: the machine
may be shared, and CPU time is the steadier measure then.  Pool and cluster start-up is
timed apart from the work (a pool is started once and reused; its first tasks also pay
the workers' imports and numba cache loads, which the serial run paid earlier).

Run: ``python bench/bench_scale.py strata|coverage|reselect|linkage`` (markdown lines on stdout).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd


def emit(*parts: object) -> None:
    """The script's output: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def cpu_total() -> float:
    """CPU seconds (user + system) of this process and every living descendant."""
    import psutil

    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:  # gone meanwhile
            pass
    return total


@contextmanager
def timed(out: dict[str, float]) -> Iterator[None]:
    c0, t0 = cpu_total(), time.perf_counter()
    yield
    out["wall"], out["cpu"] = time.perf_counter() - t0, cpu_total() - c0


def header() -> None:
    emit(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
         f"date {time.strftime('%Y-%m-%d %H:%M')}; load average {os.getloadavg()[0]:.2f} "
         f"(1 min), {os.getloadavg()[1]:.2f} (5 min)")


def same_numbers(a: Any, b: Any) -> bool:
    if isinstance(a, pd.DataFrame):
        cols = [c for c in a.columns if c != "seconds"]
        return bool(a[cols].equals(b[cols]))
    return json.dumps(a.to_dict()) == json.dumps(b.to_dict())


def compare_executors(work: Callable[[Any], Any], warm: Callable[[Any], Any], label: str) -> None:
    """Run ``work(executor)`` serially, on a 2-process pool and on a 2-worker Dask LocalCluster.

    ``warm(executor)`` (a few tasks of the same kind) runs first on each, outside the
    work's timing and inside the start-up's: workers import the package and load the
    numba kernels there, as the serial run did before it was timed.
    """
    from distributed import LocalCluster

    from estimators.executor import open_executor, process_pool

    rows = []
    warm(None)
    serial: dict[str, float] = {}
    with timed(serial):
        reference = work(None)
    rows.append(("serial (this process)", 0.0, serial, True))
    start: dict[str, float] = {}
    with timed(start):
        pool = process_pool(2)
        warm(pool)
    run: dict[str, float] = {}
    with timed(run):
        result = work(pool)
    pool.shutdown()
    rows.append(("2 local processes", start["wall"], run, same_numbers(reference, result)))
    start = {}
    with timed(start):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        context = open_executor(scheduler=cluster.scheduler_address)
        executor = context.__enter__()
        warm(executor)
    run = {}
    with timed(run):
        result = work(executor)
    context.__exit__(None, None, None)
    cluster.close()
    rows.append(("Dask LocalCluster, 2 workers x 1 thread", start["wall"], run, same_numbers(reference, result)))
    emit("")
    emit(f"**{label}**")
    emit("")
    emit("| executor | start-up incl. warm-up (s) | wall (s) | CPU (s) | speed-up (wall) | CPU overhead | same numbers |")
    emit("|---|---|---|---|---|---|---|")
    for name, startup, t, same in rows:
        emit(f"| {name} | {startup:.1f} | {t['wall']:.1f} | {t['cpu']:.1f} | {serial['wall'] / t['wall']:.2f}x "
             f"| {t['cpu'] / serial['cpu'] - 1:+.0%} | {'yes' if same else 'NO'} |")
    emit(f"load average after: {os.getloadavg()[0]:.2f}")


# ----------------------------------------------------------------------------- strata


def synthetic_strata(n_strata: int, seed: int) -> Any:
    """SYNTHETIC stratified histories: 4 lists, two latent classes, 300-1,000 people per stratum."""
    from estimators import CaptureHistories
    from estimators.studies.coverage import simulate_latent_classes

    rng = np.random.default_rng(seed)
    frames = []
    for s in range(n_strata):
        sim = simulate_latent_classes(rng, N=int(rng.integers(300, 1001)),
                                      capture=((0.5, 0.4, 0.45, 0.35), (0.15, 0.2, 0.1, 0.2)), weights=(0.6, 0.4))
        f = sim.histories.to_frame()
        f["stratum"] = f"s{s:03d}"
        frames.append(f)
    return CaptureHistories.from_frequency_table(pd.concat(frames, ignore_index=True), strata=["stratum"])


def bench_strata(args: argparse.Namespace) -> None:
    from estimators import methods
    from estimators.exceptions import RemovalsWarning

    h = synthetic_strata(args.strata, args.seed)
    spec = methods.create("lcm", seed=args.seed, burnin=2000, draws=1000, thin=5, extend=False, progress=False)
    emit(f"{args.strata} SYNTHETIC strata, {h.n:,} people observed; lcm burn-in 2,000, 1,000 draws, thin 5, "
         "4 chains (threads inside a fit), no extension")
    few = synthetic_strata(4, args.seed + 1)

    def work(executor: Any, histories: Any = h) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RemovalsWarning)
            return spec.fit(histories, executor=executor, progress=False)

    compare_executors(work, lambda executor: work(executor, few), f"{args.strata} strata x lcm")


# ----------------------------------------------------------------------------- coverage


def bench_coverage(args: argparse.Namespace) -> None:
    from estimators.studies.coverage import coverage_study

    emit(f"coverage study: loglinear (model L1:L2, profile interval) on loglinear-dependent-pair, "
         f"{args.replicates:,} replicates")
    def work(executor: Any, replicates: int = args.replicates) -> Any:
        return coverage_study("loglinear", "loglinear-dependent-pair", replicates=replicates, seed=args.seed,
                              model="L1:L2", executor=executor, progress=False)

    compare_executors(work, lambda executor: work(executor, 8), f"{args.replicates:,}-replicate coverage study")


# ----------------------------------------------------------------------------- reselect


def bench_reselect(args: argparse.Namespace) -> None:
    from estimators import methods
    from estimators.data import load_benchmark

    h = load_benchmark("SparseMSE_NewOrl_5")
    emit(f"loglinear, interval bootstrap-reselect, {args.replicates:,} resamples of the exhaustive search "
         f"(1,024 models) on SparseMSE_NewOrl_5 ({h.n} people, 5 lists)")

    def work(executor: Any, replicates: int = args.replicates) -> Any:
        spec = methods.create("loglinear", interval="bootstrap-reselect", reselect_replicates=replicates,
                              seed=args.seed)
        return spec.fit(h, executor=executor, progress=False)

    compare_executors(work, lambda executor: work(executor, 20),
                      f"{args.replicates:,}-resample bootstrap-reselect interval")


# ----------------------------------------------------------------------------- linkage


def bench_linkage(args: argparse.Namespace) -> None:
    import dataclasses

    from estimators.linkage.backends import spark_session
    from estimators.linkage.model import LinkageSettings
    from estimators.linkage.pipeline import link_lists
    from estimators.linkage.synthetic import DEFAULT_PROFILES, generate_lists

    logging.getLogger("splink").addHandler(logging.NullHandler())
    logging.getLogger("splink").propagate = False
    capture = 0.5
    profiles = [dataclasses.replace(DEFAULT_PROFILES[i], capture=capture) for i in range(2)]
    n = int(args.per_list / (capture * 1.02) * 1.03)
    data = generate_lists(n, profiles=profiles, seed=args.seed)
    emit("2 SYNTHETIC lists: " + ", ".join(f"{k} {len(v):,} records" for k, v in data.lists.items()))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = data.write(tmp)
        # blocked pairs compared: every pair that prediction scores (kept down to p = 1e-300)
        counted = link_lists(paths, settings=LinkageSettings(seed=args.seed, keep_above=1e-300))
        compared = len(counted.data.probability)
        emit(f"pairs compared (blocked, scored by predict): {compared:,}")
        t: dict[str, float] = {}
        with timed(t):
            duck = link_lists(paths, settings=LinkageSettings(seed=args.seed))
        rows.append(("DuckDB (embedded)", 0.0, t, duck.scored.seconds))
        start: dict[str, float] = {}
        with timed(start):
            context = spark_session(args.spark_master)
            spark = context.__enter__()
            spark.range(1).count()
        t = {}
        with timed(t):
            sparked = link_lists(paths, settings=LinkageSettings(seed=args.seed, backend="spark"), spark_session=spark)
        context.__exit__(None, None, None)
        rows.append((f"Spark {args.spark_master}", start["wall"], t, sparked.scored.seconds))
    same = bool(duck.histories.to_frame().equals(sparked.histories.to_frame()))
    diff = float(np.max(np.abs(duck.data.probability - sparked.data.probability))) \
        if len(duck.data.probability) == len(sparked.data.probability) else float("nan")
    emit("")
    emit("| backend | start-up (s) | link wall (s) | link CPU (s) | the model's steps, wall (s) | predict per compared "
         "pair (µs) |")
    emit("|---|---|---|---|---|---|")
    for name, startup, tt, s in rows:
        steps = ", ".join(f"{k} {v:.1f}" for k, v in s.items())
        emit(f"| {name} | {startup:.1f} | {tt['wall']:.1f} | {tt['cpu']:.1f} | {steps} | "
             f"{1e6 * s['predict'] / compared:.2f} |")
    emit(f"same histories: {'yes' if same else 'no'}; largest difference in match probability: {diff:.2e}; "
         f"load average after: {os.getloadavg()[0]:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["strata", "coverage", "reselect", "linkage"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--strata", type=int, default=200)
    ap.add_argument("--replicates", type=int, default=1000)
    ap.add_argument("--per-list", type=int, default=20_000)
    ap.add_argument("--spark-master", default="local[2]")
    args = ap.parse_args(argv)
    header()
    {"strata": bench_strata, "coverage": bench_coverage, "reselect": bench_reselect, "linkage": bench_linkage}[args.what](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
