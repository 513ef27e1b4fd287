"""A Dask cluster gives the numbers of a serial run: strata, linkage replicates, studies, the CLI.

Needs the optional extra ``removals[dask]`` (``distributed``): marked ``dask``, deselected
by the default ``pytest`` run and run by CI's scale-out stage.  One ``LocalCluster`` of two
worker processes with one thread each, on loopback only (127.0.0.1, no dashboard), serves
the module.
"""

from __future__ import annotations

import pytest

from estimators.executor import TaskError, executor_workers, open_executor, run_tasks

from .test_executor import (
    check_bayesian_strata_equal_serial,
    check_cli_gives_the_serial_json,
    check_coverage_study_equal_serial,
    check_linkage_replicates_equal_serial,
    check_reselect_bootstrap_equal_serial,
    check_strata_equal_serial,
    square_or_fail,
    worker_settings,
)

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
    check_strata_equal_serial(dask_executor)
    check_bayesian_strata_equal_serial(dask_executor)


def test_linkage_replicates_on_dask_equal_serial(dask_executor, rng) -> None:
    check_linkage_replicates_equal_serial(dask_executor, rng)


def test_reselect_bootstrap_on_dask_equals_serial(dask_executor) -> None:
    check_reselect_bootstrap_equal_serial(dask_executor)


def test_coverage_study_on_dask_equals_serial(dask_executor) -> None:
    check_coverage_study_equal_serial(dask_executor)


def test_cli_scheduler_gives_the_serial_json(cluster, capsys) -> None:
    check_cli_gives_the_serial_json(capsys, ["--scheduler", cluster.scheduler_address])
