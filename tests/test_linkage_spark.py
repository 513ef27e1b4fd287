"""Splink on Spark, run for real: ``removals link --backend spark`` agrees with DuckDB.

Needs the optional extra ``removals[spark]`` (pyspark 4) and Java 17+: marked ``spark``,
deselected by the default ``pytest`` run (the README's test command needs neither) and
run by CI's scale-out stage (``.ci/run``: ``pytest -m "dask or spark"``).

One local Spark session (``local[2]``, about 17 s to start on an idle 2-core machine)
links SYNTHETIC lists of 100 children (about 300 records: below the ~1,400 records at
which Splink's u sampling stops taking every pair, so both backends train on the same
pairs) through the CLI; DuckDB links the same files.  The histories must be identical
and every scored pair's match probability equal to 1e-9 (the sums of EM run in another
order on Spark; here they were exactly 0).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from estimators.cli import main
from estimators.linkage.synthetic import generate_lists

pytestmark = pytest.mark.spark

TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    import contextlib
    import io

    d = tmp_path_factory.mktemp("spark_lists")
    paths = [str(p) for p in generate_lists(100, seed=23).write(d)]
    out: dict[str, object] = {}
    for backend in ("duckdb", "spark"):
        target = d / backend / "histories.csv"
        target.parent.mkdir()
        args = ["link", *paths, "--out", str(target), "--seed", "3", "--strata", "sex", "--json"]
        if backend == "spark":
            args += ["--backend", "spark", "--spark-master", "local[2]"]
        stdout = io.StringIO()
        with contextlib.redirect_stdout(stdout):
            code = main(args)
        assert code == 0
        out[backend] = {"summary": json.loads(stdout.getvalue()), "histories": target,
                        "meta": json.loads(target.with_suffix(".linkage.json").read_text(encoding="utf-8"))}
    return out


def _pairs(histories: Path) -> pd.DataFrame:
    """The scored pairs of a linkage, from its sidecar."""
    from estimators.linkage.files import read_linkage

    data = read_linkage(histories)
    frame = pd.DataFrame({"node_l": data.node_l, "node_r": data.node_r, "p": data.probability})
    return frame.sort_values(["node_l", "node_r"]).reset_index(drop=True)


def test_spark_histories_equal_duckdb(linked) -> None:
    duck, spark = linked["duckdb"], linked["spark"]
    assert spark["meta"]["backend"] == "spark" and duck["meta"]["backend"] == "duckdb"
    assert Path(spark["histories"]).read_bytes() == Path(duck["histories"]).read_bytes()
    for key in ("lists", "records", "children_observed", "duplicates_merged", "pairs_by_probability", "seed"):
        assert spark["summary"][key] == duck["summary"][key], key


def test_spark_match_probabilities_equal_duckdb(linked) -> None:
    duck, spark = _pairs(linked["duckdb"]["histories"]), _pairs(linked["spark"]["histories"])
    assert len(duck) >= 20, "the fixture should score more than a few pairs"
    assert duck[["node_l", "node_r"]].equals(spark[["node_l", "node_r"]])
    diff = np.abs(duck["p"].to_numpy() - spark["p"].to_numpy())
    assert diff.max() <= TOLERANCE


def test_spark_trains_the_same_model(linked) -> None:
    duck, spark = linked["duckdb"]["meta"]["model"], linked["spark"]["meta"]["model"]
    assert spark["probability_two_random_records_match"] == pytest.approx(
        duck["probability_two_random_records_match"], abs=TOLERANCE)
    assert spark["comparisons"].keys() == duck["comparisons"].keys()
    for name, levels in duck["comparisons"].items():
        for a, b in zip(levels, spark["comparisons"][name], strict=True):
            assert a["level"] == b["level"]
            for key in ("m", "u"):
                if a[key] is None:
                    assert b[key] is None, (name, a["level"], key)
                else:
                    assert b[key] == pytest.approx(a[key], abs=TOLERANCE), (name, a["level"], key)
