"""nutpie imported with ArviZ deferred, and nutpie's raw traces as arrays (issue 16, item 4).

See :mod:`estimators.bayes.nutpie_import`: a warm ``bayes-loglinear`` fit must not pay
ArviZ's ~1.5 s import, yet nutpie must keep working as documented (its own InferenceData
conversion finds the real ArviZ).  Import state is per process, so those checks run in
fresh interpreters.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pyarrow as pa

from estimators.bayes.nutpie_import import raw_trace_arrays


def _run(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ})


def test_nutpie_imported_without_arviz_then_forwarded_to_the_real_one():
    _run(
        "import sys\n"
        "from estimators.bayes.nutpie_import import import_nutpie\n"
        "nutpie = import_nutpie()\n"
        "assert 'arviz' not in sys.modules, 'ArviZ imported with nutpie'\n"
        "assert callable(nutpie.sample) and import_nutpie() is nutpie\n"
        "stand_in = sys.modules['nutpie.sample'].arviz\n"
        "assert 'InferenceData' not in vars(stand_in)  # the placeholder is gone after the import\n"
        "assert stand_in.from_dict.__module__.startswith('arviz')  # first use imports ArviZ\n"
        "import arviz\n"
        "assert sys.modules['arviz'] is arviz and arviz is not stand_in\n"
        "assert stand_in.InferenceData is arviz.InferenceData\n"
        "assert stand_in.__version__ == arviz.__version__ and stand_in.__path__ == arviz.__path__\n"
    )


def test_nothing_deferred_when_arviz_is_already_imported():
    _run(
        "import sys, warnings\n"
        "warnings.simplefilter('ignore')\n"
        "import arviz\n"
        "from estimators.bayes.nutpie_import import import_nutpie\n"
        "import_nutpie()\n"
        "assert sys.modules['nutpie.sample'].arviz is arviz\n"
    )


class _Trace:
    """What ``nutpie.sample(..., return_raw_trace=True)`` returns, for two chains."""

    def __init__(self, draws: list[pa.RecordBatch], stats: list[pa.RecordBatch]) -> None:
        self._batches = (draws, stats)

    def get_arrow_trace(self) -> tuple[list[pa.RecordBatch], list[pa.RecordBatch]]:
        return self._batches


def _draw_batch(intercepts: list[float | None], mains: list[list[float] | None]) -> pa.RecordBatch:
    main_field = pa.field("main", pa.large_list(pa.float64()), metadata={b"shape": b"2", b"dims": b"list"})
    schema = pa.schema([pa.field("intercept", pa.float64()), main_field])
    return pa.record_batch([pa.array(intercepts, pa.float64()), pa.array(mains, pa.large_list(pa.float64()))],
                           schema=schema)


def _stat_batch(tuning: list[bool], diverging: list[bool]) -> pa.RecordBatch:
    grad = pa.array([[0.0, 0.0]] * len(tuning), pa.large_list(pa.float64()))
    return pa.record_batch([pa.array(tuning), pa.array(diverging), grad], names=["tuning", "diverging", "gradient"])


def test_raw_trace_arrays_drop_warmup_keep_shapes_and_pad_like_nutpie():
    chain0 = _draw_batch([9.0, 1.0, 2.0, 3.0], [[0, 0], [1, 2], [3, 4], [5, 6]])
    chain1 = _draw_batch([9.0, 7.0, None], [[0, 0], [8, 9], None])  # one draw short, one missing row
    trace = _Trace([chain0, chain1], [_stat_batch([True, False, False, False], [False, False, True, False]),
                                      _stat_batch([True, False, False], [False, True, False])])
    posterior, stats, dims = raw_trace_arrays(trace)
    np.testing.assert_array_equal(posterior["intercept"], [[1.0, 2.0, 3.0], [7.0, np.nan, np.nan]])
    np.testing.assert_array_equal(posterior["main"][0], [[1, 2], [3, 4], [5, 6]])
    np.testing.assert_array_equal(posterior["main"][1], [[8, 9], [np.nan, np.nan], [np.nan, np.nan]])
    assert dims == {"main": ["list"]}
    assert set(stats) == {"tuning", "diverging"}  # per-parameter statistics are left out
    assert stats["diverging"].dtype == bool and int(stats["diverging"].sum()) == 2
    assert not stats["tuning"].any()
