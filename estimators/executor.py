"""Fan-out of independent tasks through a standard ``concurrent.futures.Executor``.

Strata, linkage replicates, bootstrap replicates and simulation studies are
embarrassingly parallel.  They all go through :func:`run_tasks`, which takes any
:class:`concurrent.futures.Executor`:

* ``None`` (the default): the tasks run one after the other in this process;
* a local process pool, :func:`process_pool` (``removals estimate --workers N``);
* a Dask cluster: ``distributed.Client(address).get_executor()``
  (``--scheduler ADDRESS``; :func:`open_executor` builds either).  Through Dask,
  dask-jobqueue reaches SLURM, PBS and similar schedulers with no code here.

Results never depend on where a task ran: every task carries its own seed, spawned from
the caller's with :class:`numpy.random.SeedSequence` (:func:`estimators.seeds.spawn_seeds`)
and recorded in its result, and results come back in task order.  Same seed, same
numbers, whatever the executor and the number of workers.

Worker hygiene (:func:`configure_worker`, run in each worker process before its first
task): one thread per worker for OpenMP, OpenBLAS, MKL and numba (the workers are the
parallelism; threads inside each would oversubscribe the cores), and a PyTensor compile
directory and numba cache directory of the worker's own (PyTensor's compile lock is not
safe across processes sharing a directory: pymc#7819).  A worker claims a numbered slot
(an exclusive lock file) so that its directories are reused by the next run instead of
compiled afresh.  Local pools start processes with the ``spawn`` method (no forked
copies of threads or locks), so a script that uses them must guard its entry point with
``if __name__ == "__main__":``; the ``removals`` command does.

A task that raises does not stop the others: when all have finished, :class:`TaskError`
names every failed task (stratum, replicate) with its error.  A progress bar over tasks
is drawn on stderr when it is a terminal (``progress=None``), never with ``progress=False``
(the CLI's ``--json``), and never inside a worker.

Examples
--------
>>> run_tasks(abs, [-2, 3, -4])
[2, 3, 4]
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "THREAD_VARIABLES",
    "TaskError",
    "TaskFailure",
    "configure_worker",
    "executor_workers",
    "open_executor",
    "process_pool",
    "run_tasks",
]

T = TypeVar("T")
R = TypeVar("R")

#: Thread-count variables set to 1 in every worker process.
THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "NUMBA_NUM_THREADS",
)
#: Set in a configured worker process (its slot number).
WORKER_VARIABLE = "REMOVALS_WORKER"
#: Root of the workers' compile caches (default: ``$XDG_CACHE_HOME/removals/workers``).
CACHE_VARIABLE = "REMOVALS_WORKER_CACHE"

_slot_lock: Any = None  # the open lock file of this process's slot (held until exit)


@dataclass(frozen=True)
class TaskFailure:
    """One failed task: its label, the error's type name and message, and its traceback text."""

    label: str
    error: str
    message: str
    traceback: str = field(default="", repr=False, compare=False)

    def __str__(self) -> str:
        return f"{self.label}: {self.error}: {self.message}"


class TaskError(RuntimeError):
    """Some tasks failed; the others finished.

    Attributes
    ----------
    failures : tuple of TaskFailure
        Every failed task, in task order.
    results : list
        Every task's result in task order, None for the failed ones.
    """

    def __init__(self, failures: Sequence[TaskFailure], results: list[Any], total: int, what: str) -> None:
        self.failures = tuple(failures)
        self.results = results
        shown = "; ".join(str(f) for f in self.failures[:5])
        more = f"; and {len(self.failures) - 5} more" if len(self.failures) > 5 else ""
        super().__init__(f"{len(self.failures)} of {total} {what} failed ({total - len(self.failures)} finished): "
                         f"{shown}{more}")


class _RemoteTraceback(Exception):
    """A task's traceback text, shown as the cause of :class:`TaskError`."""

    def __init__(self, text: str) -> None:
        super().__init__(text)

    def __str__(self) -> str:
        return "\n" + str(self.args[0])


# ----------------------------------------------------------------------------- worker hygiene


def _cache_root() -> Path:
    explicit = os.environ.get(CACHE_VARIABLE)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "removals" / "workers"


def _claim_slot(root: Path) -> int:
    """The lowest slot number no other live process holds (an exclusive lock on its file)."""
    global _slot_lock
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: one slot per process
        return os.getpid()
    root.mkdir(parents=True, exist_ok=True)
    for slot in range(10_000):
        handle = open(root / f"slot-{slot}.lock", "a+")  # noqa: SIM115 - held for the process's life
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            continue
        _slot_lock = handle
        return slot
    raise RuntimeError(f"no free worker slot under {root}")  # pragma: no cover


def in_worker() -> bool:
    """Whether this process is a configured worker of :func:`run_tasks`."""
    return WORKER_VARIABLE in os.environ


def configure_worker() -> int | None:
    """Prepare this worker process: one thread each for BLAS/OpenMP/numba, its own caches.

    Idempotent.  Does nothing in the main process (a process that no
    :mod:`multiprocessing` parent started, e.g. a Dask cluster of threads in this
    process), where the caller's settings stay as they are.

    Returns
    -------
    int or None
        The worker's slot (its cache directories are ``<root>/slot-N/``), or None in
        the main process.
    """
    import multiprocessing

    if WORKER_VARIABLE in os.environ:
        return int(os.environ[WORKER_VARIABLE])
    if multiprocessing.parent_process() is None:
        return None
    for name in THREAD_VARIABLES:
        os.environ[name] = "1"
    root = _cache_root()
    try:
        slot = _claim_slot(root)
    except OSError:  # an unwritable home: caches in a temporary directory of this process
        root = Path(tempfile.mkdtemp(prefix="removals-worker-"))
        slot = _claim_slot(root)
    home = root / f"slot-{slot}"
    (home / "numba").mkdir(parents=True, exist_ok=True)
    (home / "pytensor").mkdir(parents=True, exist_ok=True)
    os.environ["NUMBA_CACHE_DIR"] = str(home / "numba")
    flags = os.environ.get("PYTENSOR_FLAGS", "")
    os.environ["PYTENSOR_FLAGS"] = ",".join(f for f in (flags, f"base_compiledir={home / 'pytensor'}") if f)
    os.environ[WORKER_VARIABLE] = str(slot)
    # Libraries this process has already loaded read those variables at import: set them now.
    if "numba" in sys.modules:
        import numba

        numba.config.reload_config()
        numba.set_num_threads(1)
    if any(m in sys.modules for m in ("numpy", "scipy")):
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    # PyTensor fixes its compile directory when imported: a worker that imported it before
    # its first task (not ours: ours import it lazily) keeps the directory it had.
    return slot


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A local pool of ``workers`` processes (spawned, each configured by :func:`configure_worker`).

    Raises
    ------
    ValueError
        If ``workers`` < 1.
    """
    import multiprocessing

    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ValueError(f"workers must be a positive integer; got {workers!r}")
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=configure_worker)


@contextlib.contextmanager
def open_executor(workers: int | None = None, scheduler: str | None = None) -> Iterator[Executor | None]:
    """The executor of ``--workers N`` / ``--scheduler ADDRESS``, shut down on exit.

    Parameters
    ----------
    workers : int, optional
        A local pool of that many processes (:func:`process_pool`).
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); needs the optional
        extra ``removals[dask]``.  The tasks run on its workers, which need this package
        installed (start them with ``--nthreads 1``: each task is one process's work).

    Yields
    ------
    concurrent.futures.Executor or None
        None when neither is given: the tasks run in this process.

    Raises
    ------
    ValueError
        If both are given, or ``workers`` < 1.
    ImportError
        For ``scheduler`` without the ``distributed`` package.
    """
    if workers is not None and scheduler is not None:
        raise ValueError("give either workers or a scheduler address, not both")
    if scheduler is not None:
        try:
            from distributed import Client
        except ImportError:
            raise ImportError("--scheduler needs Dask's distributed package: pip install 'removals[dask]'") from None
        client = Client(scheduler)
        try:
            yield client.get_executor(pure=False)
        finally:
            client.close()
        return
    if workers is None:
        yield None
        return
    pool = process_pool(workers)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def executor_workers(executor: Executor | None) -> int:
    """How many tasks ``executor`` runs at once (1 for None; best effort for others)."""
    if executor is None:
        return 1
    count = getattr(executor, "_max_workers", None)
    if isinstance(count, int):
        return count
    client = getattr(executor, "_client", None)  # distributed.cfexecutor.ClientExecutor
    if client is not None:
        with contextlib.suppress(Exception):
            return max(1, int(sum(client.nthreads().values())))
    return os.cpu_count() or 1


# ----------------------------------------------------------------------------- running tasks


@dataclass(frozen=True)
class _Outcome:
    """What one task sends back: its result or its failure, and the warnings it raised."""

    ok: bool
    value: Any
    warnings: tuple[tuple[type[Warning], str, str, int], ...] = ()


def _run_one(fn: Callable[[Any], Any], item: Any) -> _Outcome:
    """Run one task, recording its warnings (re-raised by the caller, wherever the task ran)."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = fn(item)
        except Exception as exc:  # reported with the task's label by the caller
            return _Outcome(False, _failure(exc), _recorded(caught))
    return _Outcome(True, value, _recorded(caught))


def _recorded(caught: list[Any]) -> tuple[tuple[type[Warning], str, str, int], ...]:
    return tuple((w.category, str(w.message), str(w.filename), int(w.lineno)) for w in caught)


def _run_chunk(fn: Callable[[Any], Any], chunk: Sequence[Any]) -> list[_Outcome]:
    """Run the tasks of one chunk in a worker (configured first)."""
    configure_worker()
    return [_run_one(fn, item) for item in chunk]


def _failure(exc: BaseException) -> tuple[str, str, str]:
    """What is reported of a failed task (no exception object: it may not pickle)."""
    import traceback

    return type(exc).__name__, str(exc), "".join(traceback.format_exception(exc))


def _show_progress(progress: bool | None) -> bool:
    if progress is not None:
        return bool(progress)
    return not in_worker() and bool(getattr(sys.stderr, "isatty", lambda: False)())


def run_tasks(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    executor: Executor | None = None,
    labels: Sequence[str] | None = None,
    progress: bool | None = None,
    what: str = "tasks",
    chunksize: int | None = None,
) -> list[R]:
    """``[fn(item) for item in items]``, on ``executor``; results in the order of ``items``.

    Parameters
    ----------
    fn : callable
        A module-level function (it is pickled to the workers), ``fn(item) -> result``.
        Items and results must pickle too (the package's specs, capture histories and
        results do).
    items : sequence
        One item per task, each carrying what the task needs, its seed included.
    executor : concurrent.futures.Executor, optional
        Default: run in this process, one task after the other.
    labels : sequence of str, optional
        A name for each task used in errors (``stratum eth=white``, ``replicate 3``);
        default ``task i``.
    progress : bool, optional
        Draw a progress bar over tasks on stderr; default only when stderr is a terminal.
    what : str
        What the tasks are, for the progress bar and errors (``strata``, ``replicates``).
    chunksize : int, optional
        Tasks sent to a worker at a time (fewer round trips for cheap tasks); default
        enough chunks for four per worker.  Results do not depend on it.

    Returns
    -------
    list
        The results, in the order of ``items``.

    Raises
    ------
    TaskError
        If any task raised; the others still ran, and the error names each failure.

    Notes
    -----
    Warnings a task raises are recorded where it runs and raised again here, after all
    tasks have finished, in task order: the caller sees the same warnings from every
    executor.
    """
    import warnings

    items = list(items)
    n = len(items)
    names = [str(x) for x in labels] if labels is not None else [f"task {i}" for i in range(n)]
    if len(names) != n:
        raise ValueError(f"labels must give one name per task: {len(names)} labels for {n} tasks")
    outcomes: list[_Outcome | None] = [None] * n
    first_error: BaseException | None = None
    from tqdm import tqdm

    bar = tqdm(total=n, desc=what, file=sys.stderr, leave=False, unit=what.split()[0],
               disable=not _show_progress(progress))
    try:
        if executor is None:
            for i, item in enumerate(items):
                outcomes[i] = _run_one(fn, item)
                bar.update(1)
        else:
            size = chunksize or max(1, math.ceil(n / (4 * executor_workers(executor))))
            futures: dict[Future[Any], int] = {}
            try:
                for start in range(0, n, size):
                    futures[executor.submit(_run_chunk, fn, items[start:start + size])] = start
                for future in as_completed(futures):
                    start = futures[future]
                    count = min(size, n - start)
                    try:
                        chunk = future.result()
                    except Exception as exc:  # the chunk itself failed (e.g. a worker died)
                        chunk = [_Outcome(False, _failure(exc))] * count
                        first_error = first_error or exc
                    outcomes[start:start + count] = chunk
                    bar.update(count)
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    finally:
        bar.close()
    done = [o for o in outcomes if o is not None]
    for outcome in done:
        for category, message, filename, lineno in outcome.warnings:
            warnings.warn_explicit(message, category, filename, lineno)
    failures = [TaskFailure(names[i], *o.value) for i, o in enumerate(done) if not o.ok]
    results = [o.value if o.ok else None for o in done]
    if failures:
        # the first failure's traceback (as text: it may come from another process) as the cause
        raise TaskError(failures, results, n, what) from (first_error or _RemoteTraceback(failures[0].traceback))
    return results  # type: ignore[return-value]
