"""A Dask cluster gives the numbers of a serial run: strata, linkage replicates, studies, the CLI.

Needs the optional extra ``removals[dask]`` (``distributed``): marked ``dask``, deselected
by the default ``pytest`` run and run by CI's scale-out stage.  One ``LocalCluster`` of two
worker processes with one thread each, on loopback only (127.0.0.1, no dashboard), serves
the module.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

from estimators import data, methods
from estimators.cli import main
from estimators.data import load_benchmark
from estimators.exceptions import RemovalsWarning
from estimators.executor import TaskError, executor_workers, open_executor, run_tasks
from estimators.linkage.replicates import estimate_with_linkage_replicates
from estimators.studies.coverage import coverage_study

from .test_executor import square_or_fail, worker_settings
from .test_linkage_replicates import toy_linkage

pytestmark = pytest.mark.dask


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def dask_executor(cluster):
    with open_executor(scheduler=cluster.scheduler_address) as executor:
        yield executor


def _json(result) -> dict:
    return json.loads(json.dumps(result.to_dict()))


def test_the_cluster_runs_tasks_in_configured_workers(dask_executor) -> None:
    assert executor_workers(dask_executor) == 2
    settings = run_tasks(worker_settings, list(range(6)), executor=dask_executor, chunksize=1)
    assert len({s["pid"] for s in settings}) == 2
    assert all(s["OMP_NUM_THREADS"] == "1" and s["REMOVALS_WORKER"] is not None for s in settings)
    with pytest.raises(TaskError) as caught:
        run_tasks(square_or_fail, list(range(6)), executor=dask_executor, labels=[f"replicate {i}" for i in range(6)])
    assert [f.label for f in caught.value.failures] == ["replicate 3", "replicate 5"]
    assert caught.value.results[4] == 16


def test_strata_on_dask_equal_serial(dask_executor) -> None:
    h = load_benchmark("conting_spina", strata=["eth"])
    spec = methods.create("Mt", seed=11, bootstrap_replicates=200)
    assert _json(spec.fit(h, executor=dask_executor)) == _json(spec.fit(h))
    lcm = methods.create("lcm", seed=5, burnin=200, draws=100, thin=1, extend=False, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RemovalsWarning)  # a short run: not converged is expected
        serial, remote = lcm.fit(h), lcm.fit(h, executor=dask_executor)
    assert _json(remote) == _json(serial)
    for a, b in zip(serial.strata, remote.strata, strict=True):
        np.testing.assert_array_equal(a.n_draws(), b.n_draws())


def test_linkage_replicates_on_dask_equal_serial(dask_executor, rng) -> None:
    linkage = toy_linkage(rng, uncertain=0.3)
    spec = methods.create("loglinear", model="[1,2,3]", seed=4)
    serial = estimate_with_linkage_replicates(spec, linkage, 6, seed=8)
    remote = estimate_with_linkage_replicates(spec, linkage, 6, seed=8, executor=dask_executor)
    assert _json(remote) == _json(serial)


def test_reselect_bootstrap_on_dask_equals_serial(dask_executor) -> None:
    h = load_benchmark("SparseMSE_UKdat_5")
    assert not h.is_stratified
    spec = methods.create("loglinear", interval="bootstrap-reselect", reselect_replicates=40, seed=3)
    assert _json(spec.fit(h, executor=dask_executor)) == _json(spec.fit(h))


def test_coverage_study_on_dask_equals_serial(dask_executor) -> None:
    serial = coverage_study("Mt", "independent-lists", replicates=12, seed=5)
    remote = coverage_study("Mt", "independent-lists", replicates=12, seed=5, executor=dask_executor)
    cols = [c for c in serial.columns if c != "seconds"]
    assert remote[cols].equals(serial[cols])


def test_cli_scheduler_gives_the_serial_json(cluster, capsys) -> None:
    f = str(data.verified_path("benchmarks/conting_spina.csv"))
    args = ["estimate", f, "--strata", "eth", "--method", "Mt", "--bootstrap", "100", "--seed", "7", "--json"]
    assert main(args) == 0
    serial = capsys.readouterr().out
    assert main([*args, "--scheduler", cluster.scheduler_address]) == 0
    assert capsys.readouterr().out == serial
