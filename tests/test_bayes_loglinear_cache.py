"""``bayes-loglinear``: compiled models reused across processes (issue 16, item 4).

A model compiled by nutpie in one process is stored (``estimators.bayes.nutpie_cache``)
and loaded by the next one without PyMC or PyTensor; the loaded model must give the
same draws as the compiled one (same native code, same initial points), and the
result must say whether a compile happened.  Each fresh-process fit runs in a
subprocess with its own cache directory (``REMOVALS_CACHE_DIR``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from estimators.bayes import nutpie_cache

FIT = """
import json, sys, warnings
import numpy as np
warnings.simplefilter("ignore")
from estimators import data, methods
h = data.load_benchmark("dga_spina_MY1997").collapse_strata()
r = methods.create("bayes-loglinear", seed=3, draws=200, burnin=200).fit(h)
np.save(sys.argv[1], r.n_draws())
imported = sorted({"pymc", "pytensor", "arviz"} & set(sys.modules))
# Reading the draws as InferenceData imports ArviZ then, with the lists as coordinates.
post = r.draws.posterior
import arviz
nutpie_arviz = sys.modules["nutpie.sample"].arviz  # the stand-in (warm path) or ArviZ itself
print(json.dumps({"timing": dict(r.timings), "status": r.status.value, "imported": imported,
                  "lists": [str(v) for v in post["list"].values], "same_n": bool(np.array_equal(post["N"].values, r.n_draws())),
                  "main_dims": list(post["main"].dims),
                  "divergences_recorded": "diverging" in r.draws.sample_stats,
                  "nutpie_sees_arviz": nutpie_arviz.from_dict is arviz.from_dict
                  and nutpie_arviz.InferenceData is arviz.InferenceData}))
"""


def _fit_in_fresh_process(cache: Path, out: Path) -> dict:
    env = {**os.environ, "REMOVALS_CACHE_DIR": str(cache)}
    proc = subprocess.run([sys.executable, "-c", FIT, str(out)], check=True, capture_output=True, text=True, env=env)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_second_process_loads_the_compiled_model_and_draws_the_same(tmp_path):
    cache = tmp_path / "cache"
    first = _fit_in_fresh_process(cache, tmp_path / "a.npy")
    assert first["status"] == "ok"
    assert first["timing"]["compiled"] is True and first["timing"]["compiled_model_source"] == "compiled"
    entries = list((cache / "nutpie").glob("*.pkl"))
    assert len(entries) == 1
    second = _fit_in_fresh_process(cache, tmp_path / "b.npy")
    assert second["timing"]["compiled"] is False
    assert second["timing"]["compiled_model_source"] == "disk cache"
    assert second["timing"]["compiled_model_cached"] is True
    assert second["imported"] == []  # neither PyMC, PyTensor nor ArviZ on the warm path
    assert first["imported"] == ["arviz", "pymc", "pytensor"]  # a compile needs PyMC (which imports ArviZ)
    for run in (first, second):
        assert run["lists"] == ["S1", "S2", "S3"] and run["same_n"] and run["divergences_recorded"]
        assert run["main_dims"] == ["chain", "draw", "list"]
        assert run["nutpie_sees_arviz"]  # nutpie's own conversion still finds the real ArviZ
    np.testing.assert_array_equal(np.load(tmp_path / "a.npy"), np.load(tmp_path / "b.npy"))


def test_unreadable_or_foreign_entries_are_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("REMOVALS_CACHE_DIR", str(tmp_path))
    key = "0" * 64
    (tmp_path / "nutpie").mkdir()
    (tmp_path / "nutpie" / f"{key}.pkl").write_bytes(b"not a pickle")
    assert nutpie_cache.load(key) is None
    import pickle

    (tmp_path / "nutpie" / f"{key}.pkl").write_bytes(pickle.dumps({"format": -1, "key": key}))
    assert nutpie_cache.load(key) is None
    assert nutpie_cache.load("1" * 64) is None  # no entry


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"REMOVALS_CACHE_DIR": "/x/r"}, Path("/x/r/nutpie")),
        ({"REMOVALS_CACHE_DIR": "off", "NUMBA_CACHE_DIR": "/x/n"}, None),
        ({"NUMBA_CACHE_DIR": "/x/n"}, Path("/x/n/removals/nutpie")),
        ({"XDG_CACHE_HOME": "/x/xdg"}, Path("/x/xdg/removals/nutpie")),
        ({}, Path.home() / ".cache" / "removals" / "nutpie"),
    ],
)
def test_cache_directory(monkeypatch, env, expected):
    for name in ("REMOVALS_CACHE_DIR", "NUMBA_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert nutpie_cache.cache_dir() == expected


def test_key_depends_on_structure_and_builder():
    def builder_a() -> int:
        return 1

    def builder_b() -> int:
        return 2

    base = {"lists": 3, "interaction_columns": 3, "prior": "normal", "slab_df": None}
    k = nutpie_cache.cache_key(base, builder_a)
    assert k == nutpie_cache.cache_key(dict(base), builder_a)
    assert k != nutpie_cache.cache_key({**base, "interaction_columns": 2}, builder_a)
    assert k != nutpie_cache.cache_key(base, builder_b)


def test_initial_point_matches_seed_sequence_streams():
    recipe = nutpie_cache.InitialPoint([np.zeros(()), np.ones(3)], streams=[1, 0], n_streams=2)
    children = np.random.SeedSequence(7).spawn(2)
    expected = np.concatenate(
        [
            np.random.Generator(np.random.PCG64(children[1])).uniform(-1, 1, size=()).ravel(),
            1.0 + np.random.Generator(np.random.PCG64(children[0])).uniform(-1, 1, size=3),
        ]
    )
    np.testing.assert_array_equal(recipe(7), expected)
    assert json.dumps(recipe(7).tolist())  # plain floats
