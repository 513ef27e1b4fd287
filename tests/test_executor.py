"""The executor interface: same seed, same numbers, serial or on a local process pool.

A process pool (``spawn``, 2 workers: CI machines have 2 cores) is started once for the
module.  The Dask half of these checks is ``tests/test_executor_dask.py`` (optional
extra ``removals[dask]``, CI's scale-out stage).
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import warnings

import numpy as np
import pytest

from estimators import data, methods
from estimators.cli import main
from estimators.data import load_benchmark
from estimators.exceptions import RemovalsWarning
from estimators.executor import THREAD_VARIABLES, TaskError, configure_worker, process_pool, run_tasks
from estimators.linkage.replicates import estimate_with_linkage_replicates
from estimators.studies.coverage import coverage_study

from .test_linkage_replicates import toy_linkage


@pytest.fixture(scope="module")
def pool():
    with process_pool(2) as executor:
        yield executor


# ----------------------------------------------------------------------------- task functions
# (module level: the workers import them by name)


def square_or_fail(x: int) -> int:
    if x in (3, 5):
        raise ValueError(f"task input {x} refused")
    return x * x


def warn_and_return(x: int) -> int:
    warnings.warn(f"note from task {x}", RemovalsWarning, stacklevel=1)
    return x


def worker_settings(_: int) -> dict[str, str | None]:
    import time

    time.sleep(0.3)  # long enough for both workers to take a task
    keys = (*THREAD_VARIABLES, "NUMBA_CACHE_DIR", "PYTENSOR_FLAGS", "REMOVALS_WORKER")
    return {"pid": str(os.getpid()), **{k: os.environ.get(k) for k in keys}}


# ----------------------------------------------------------------------------- run_tasks


def test_results_keep_task_order(pool) -> None:
    assert run_tasks(abs, [-3, 1, -2, 5]) == [3, 1, 2, 5]
    assert run_tasks(abs, list(range(-20, 0)), executor=pool, chunksize=3) == list(range(20, 0, -1))


@pytest.mark.parametrize("where", ["serial", "pool"])
def test_a_failed_task_is_named_and_the_others_still_report(where, pool) -> None:
    executor = pool if where == "pool" else None
    with pytest.raises(TaskError) as caught:
        run_tasks(square_or_fail, list(range(7)), executor=executor, labels=[f"stratum {i}" for i in range(7)],
                  what="strata", chunksize=2)
    err = caught.value
    assert [f.label for f in err.failures] == ["stratum 3", "stratum 5"]
    assert err.failures[0].error == "ValueError" and "task input 3 refused" in err.failures[0].message
    assert "square_or_fail" in err.failures[0].traceback
    assert err.results == [0, 1, 4, None, 16, None, 36]
    assert str(err).startswith("2 of 7 strata failed (5 finished): stratum 3: ValueError")


def test_task_warnings_reach_the_caller_from_workers(pool) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert run_tasks(warn_and_return, [1, 2, 3], executor=pool, chunksize=1) == [1, 2, 3]
    assert [str(w.message) for w in caught] == ["note from task 1", "note from task 2", "note from task 3"]
    assert all(issubclass(w.category, RemovalsWarning) for w in caught)


def test_progress_bar_over_tasks_on_stderr_only_when_asked(capsys) -> None:
    run_tasks(abs, [1, 2, 3], progress=True, what="strata")
    assert "strata" in capsys.readouterr().err
    run_tasks(abs, [1, 2, 3], progress=False, what="strata")
    run_tasks(abs, [1, 2, 3], what="strata")  # stderr captured here, not a terminal
    out = capsys.readouterr()
    assert out.err == "" and out.out == ""


def test_labels_must_match_the_tasks() -> None:
    with pytest.raises(ValueError, match="one name per task"):
        run_tasks(abs, [1, 2], labels=["a"])


def test_workers_have_one_thread_and_caches_of_their_own(pool) -> None:
    settings = run_tasks(worker_settings, list(range(6)), executor=pool, chunksize=1)
    by_pid = {s["pid"]: s for s in settings}
    assert len(by_pid) == 2 and str(os.getpid()) not in by_pid
    for s in by_pid.values():
        assert all(s[k] == "1" for k in THREAD_VARIABLES)
        assert s["NUMBA_CACHE_DIR"].endswith(f"slot-{s['REMOVALS_WORKER']}/numba")
        assert f"base_compiledir={s['NUMBA_CACHE_DIR'][:-len('numba')]}pytensor" in s["PYTENSOR_FLAGS"]
    assert len({s["NUMBA_CACHE_DIR"] for s in by_pid.values()}) == 2
    assert configure_worker() is None  # the main process is left as it is
    assert "REMOVALS_WORKER" not in os.environ


def test_every_method_spec_pickles() -> None:
    for info in methods.available():
        spec = methods.create(info.name, seed=3)
        assert pickle.loads(pickle.dumps(spec)) == spec, info.name


# ----------------------------------------------------------------------------- same numbers


def _without_timings(result) -> dict:
    return json.loads(json.dumps(result.to_dict()))


# The checks below run on any executor: here on a local pool, in tests/test_executor_dask.py on a
# Dask cluster.


def check_strata_equal_serial(executor) -> None:
    """conting_spina by ethnicity (3 strata): totals, intervals, per-stratum seeds identical."""
    h = load_benchmark("conting_spina", strata=["eth"])
    spec = methods.create("Mt", seed=11, bootstrap_replicates=200)
    serial, remote = spec.fit(h), spec.fit(h, executor=executor)
    assert _without_timings(remote) == _without_timings(serial)
    seeds = [s.seed for s in serial.strata]
    assert len(set(seeds)) == 3 and serial.seed == 11


def check_bayesian_strata_equal_serial(executor) -> None:
    """Posterior draws of every stratum (lcm, a short run) are the same, so their sum is."""
    h = load_benchmark("conting_spina", strata=["eth"])
    spec = methods.create("lcm", seed=5, burnin=200, draws=100, thin=1, extend=False, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)  # a short run: not converged is expected
        serial, remote = spec.fit(h), spec.fit(h, executor=executor)
    assert _without_timings(remote) == _without_timings(serial)
    for a, b in zip(serial.strata, remote.strata, strict=True):
        np.testing.assert_array_equal(a.n_draws(), b.n_draws())


def check_linkage_replicates_equal_serial(executor, rng) -> None:
    data = toy_linkage(rng, uncertain=0.3)
    spec = methods.create("loglinear", model="[1,2,3]", seed=4)
    serial = estimate_with_linkage_replicates(spec, data, 6, seed=8)
    remote = estimate_with_linkage_replicates(spec, data, 6, seed=8, executor=executor)
    assert _without_timings(remote) == _without_timings(serial)
    assert len(set(serial.details["linkage"]["replicate_estimates"])) > 1
    seeds = serial.details["linkage"]["replicate_seeds"]
    assert len(seeds) == 6 and len({s for pair in seeds for s in pair}) == 12


def check_reselect_bootstrap_equal_serial(executor) -> None:
    """loglinear's bootstrap-reselect interval: its searches in blocks on the executor, same interval."""
    h = load_benchmark("SparseMSE_UKdat_5")
    assert not h.is_stratified
    spec = methods.create("loglinear", interval="bootstrap-reselect", reselect_replicates=40, seed=3)
    serial, remote = spec.fit(h), spec.fit(h, executor=executor)
    assert _without_timings(remote) == _without_timings(serial)
    boot = serial.details["bootstrap"]
    assert boot["replicates"] == 40 and boot["distinct_models_selected"] >= 2  # the resamples differ
    assert (serial.lower, serial.upper) != tuple(serial.details["profile_interval"])


def check_coverage_study_equal_serial(executor) -> None:
    serial = coverage_study("Mt", "independent-lists", replicates=12, seed=5)
    remote = coverage_study("Mt", "independent-lists", replicates=12, seed=5, executor=executor)
    cols = [c for c in serial.columns if c != "seconds"]  # wall time, the one column that varies
    assert remote[cols].equals(serial[cols])


def check_cli_gives_the_serial_json(capsys, where: list[str]) -> None:
    """``removals estimate`` on strata, then with ``where`` (--workers N / --scheduler ADDRESS)."""
    f = str(data.verified_path("benchmarks/conting_spina.csv"))
    args = ["estimate", f, "--strata", "eth", "--method", "Mt", "--bootstrap", "100", "--seed", "7", "--json"]
    assert main(args) == 0
    serial = capsys.readouterr().out
    assert main([*args, *where]) == 0
    out = capsys.readouterr()
    assert out.out == serial and out.err == ""


def test_strata_on_a_pool_equal_serial(pool) -> None:
    check_strata_equal_serial(pool)


def test_bayesian_strata_on_a_pool_equal_serial(pool) -> None:
    check_bayesian_strata_equal_serial(pool)


def test_linkage_replicates_on_a_pool_equal_serial(pool, rng) -> None:
    check_linkage_replicates_equal_serial(pool, rng)


def test_reselect_bootstrap_on_a_pool_equals_serial(pool) -> None:
    check_reselect_bootstrap_equal_serial(pool)


def test_reselect_searches_go_to_the_executor_in_blocks_and_strata_draw_one_bar(monkeypatch) -> None:
    """The resamples' searches are submitted to the executor (in blocks), with the serial interval; a
    stratified fit shows one progress bar, over its strata, not one per stratum's resamples."""
    from concurrent.futures import ThreadPoolExecutor

    import tqdm

    class Counting(ThreadPoolExecutor):
        submitted = 0

        def submit(self, *args, **kwargs):  # type: ignore[override]
            Counting.submitted += 1
            return super().submit(*args, **kwargs)

    spec = methods.create("loglinear", interval="bootstrap-reselect", reselect_replicates=20, seed=1)
    h = load_benchmark("conting_spina").collapse_strata()
    with Counting(2) as executor:
        pooled = spec.fit(h, executor=executor, progress=False)
    assert 1 < Counting.submitted < 20  # blocks of resamples, not one task each
    assert _without_timings(pooled) == _without_timings(spec.fit(h, progress=False))

    bars: list[object] = []
    real = tqdm.tqdm

    class Recording(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            if not kwargs.get("disable"):
                bars.append(kwargs.get("desc"))
            super().__init__(*args, **{**kwargs, "disable": True})

    monkeypatch.setattr(tqdm, "tqdm", Recording)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)  # where bars are drawn by default
    spec.fit(load_benchmark("conting_spina"))
    assert bars == ["strata"]


def test_coverage_study_on_a_pool_equals_serial(pool) -> None:
    check_coverage_study_equal_serial(pool)


def test_cli_workers_give_the_serial_json(capsys) -> None:
    check_cli_gives_the_serial_json(capsys, ["--workers", "2"])


def test_cli_workers_give_the_serial_json_for_the_reselect_bootstrap(capsys) -> None:
    f = str(data.verified_path("benchmarks/SparseMSE_UKdat_5.csv"))
    args = ["estimate", f, "--method", "loglinear", "--interval", "bootstrap-reselect",
            "--option", "reselect_replicates=30", "--json"]
    assert main(args) == 0
    serial = capsys.readouterr().out
    assert json.loads(serial)["details"]["bootstrap"]["replicates"] == 30
    assert main([*args, "--workers", "2"]) == 0
    out = capsys.readouterr()
    assert out.out == serial and out.err == ""


def test_cli_rejects_bad_worker_settings(capsys) -> None:
    f = str(data.verified_path("benchmarks/conting_spina.csv"))
    assert main(["estimate", f, "--workers", "0"]) == 2
    assert "--workers must be >= 1" in capsys.readouterr().err
    assert main(["estimate", f, "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "not allowed with" in capsys.readouterr().err
