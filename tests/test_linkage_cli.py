"""``removals link`` and ``removals estimate --linkage-replicates`` end to end; Spark settings."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from estimators.cli import main
from estimators.linkage.backends import db_api, similarity_jar, spark_configuration, spark_db_api
from estimators.linkage.synthetic import generate_lists


@pytest.fixture(scope="module")
def lists_dir(tmp_path_factory) -> tuple[Path, list[Path]]:
    d = tmp_path_factory.mktemp("lists")
    return d, generate_lists(700, seed=17).write(d)


def test_link_then_estimate_with_linkage_replicates(lists_dir, capsys) -> None:
    d, paths = lists_dir
    out = d / "histories.csv"
    assert main(["link", *map(str, paths), "--out", str(out), "--threshold", "0.9", "--seed", "5", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["lists"] == ["list_a", "list_b", "list_c"] and summary["seed"] == 5
    assert (d / "histories.linkage.json").exists() and (d / "histories.linkage.parquet").exists()
    assert main(["estimate", str(out), "--method", "loglinear", "--json"]) == 0
    point = json.loads(capsys.readouterr().out)
    code = main(["estimate", str(out), "--method", "loglinear", "--linkage-replicates", "4", "--json"])
    combined = json.loads(capsys.readouterr().out)
    assert code == 0
    link = combined["details"]["linkage"]
    assert link["replicates"] == 4 and len(link["replicate_estimates"]) == 4
    assert link["point_linkage"]["estimate"] == pytest.approx(point["estimate"], rel=1e-6)
    assert set(combined) >= {"method", "lists", "observed", "estimate", "lower", "upper", "level", "status",
                             "messages", "seed", "details"}
    # The point linkage's estimate says its interval treats the linkage as exact, with the model's own
    # expected precision and recall (aggregates); the replicates' estimate includes linkage uncertainty.
    expected = summary["expected_precision"], summary["expected_recall"]
    note = [m for m in point["messages"] if "probabilistic record linkage" in m]
    assert len(note) == 1 and f"precision {expected[0]:.3f} and recall {expected[1]:.3f}" in note[0]
    assert "--linkage-replicates" in note[0]
    assert not [m for m in combined["messages"] if "probabilistic record linkage" in m]
    # compare on the same file says it too, for every interval it lists
    assert main(["compare", str(out), "--method", "Mt,loglinear", "--no-consistency", "--no-drop-one", "--json"]) == 0
    said = [m for m in json.loads(capsys.readouterr().out)["messages"] if "probabilistic record linkage" in m]
    assert len(said) == 1 and "Every interval here treats the linkage as exact" in said[0]
    assert "removals estimate FILE --linkage-replicates R" in said[0]


def test_no_linkage_note_without_a_sidecar(tmp_path: Path, capsys) -> None:
    table = tmp_path / "table.csv"
    table.write_text("A,B,C,count\n1,0,0,30\n0,1,0,25\n0,0,1,28\n1,1,0,12\n1,0,1,10\n0,1,1,9\n1,1,1,5\n")
    assert main(["estimate", str(table), "--method", "chao", "--json"]) == 0
    assert not [m for m in json.loads(capsys.readouterr().out)["messages"] if "record linkage" in m]


def test_link_public_summary_and_strata(lists_dir, capsys) -> None:
    d, paths = lists_dir
    out = d / "by_place.csv"
    assert main(["link", *map(str, paths), "--out", str(out), "--strata", "origin_settlement", "--public"]) == 0
    text = capsys.readouterr().out
    assert "cells below 5 suppressed" in text
    # secondary suppression: a small cluster-size cell cannot be recovered from the published totals
    summary = json.loads(out.with_name("by_place.linkage.json").read_text(encoding="utf-8"))["summary"]
    cells = [r["clusters"] for r in summary["cluster_sizes"]]
    hidden = [v for v in cells if isinstance(v, str)]
    assert not hidden or len(hidden) >= min(4, len(cells))
    assert not any(isinstance(v, str) for v in summary["records"].values()) or sum(
        isinstance(v, str) for v in summary["records"].values()) >= 2 or hidden
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header == "list_a,list_b,list_c,origin_settlement,count"
    # replicates must use the stratum column the linkage was made with
    code = main(["estimate", str(out), "--strata", "sex", "--linkage-replicates", "3"])
    assert code == 2
    assert "'sex'" in capsys.readouterr().err
    # without --strata the stratum column is known from the sidecar: the total is estimated, and
    # every command says the strata were pooled, how many, and how to estimate each
    import pandas as pd

    n_strata = pd.read_csv(out)["origin_settlement"].nunique()
    pooled = (f"the file's {n_strata} strata of 'origin_settlement' (written by 'removals link --strata "
              "origin_settlement') are pooled: these numbers are for all of them together; 'removals estimate FILE "
              "--strata origin_settlement' estimates each stratum")
    assert main(["estimate", str(out), "--method", "loglinear", "--model", "[1,2,3]", "--json"]) == 0
    total = json.loads(capsys.readouterr().out)
    assert "strata" not in total and total["messages"][0] == pooled
    assert main(["estimate", str(out), "--method", "loglinear", "--model", "[1,2,3]"]) == 0
    assert f"note: {pooled}\n" in capsys.readouterr().out
    assert main(["estimate", str(out), "--method", "loglinear", "--model", "[1,2,3]", "--linkage-replicates", "3", "--json"]) == 0
    combined = json.loads(capsys.readouterr().out)
    assert "strata" not in combined and combined["details"]["linkage"]["point_linkage"]["observed"] == total["observed"]
    assert combined["messages"][0] == pooled
    assert main(["validate", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"] == [pooled]
    assert main(["compare", str(out), "--method", "Mt", "--no-consistency", "--no-drop-one", "--json"]) == 0
    assert pooled[0].upper() + pooled[1:] + "." in json.loads(capsys.readouterr().out)["messages"]
    # public output leaves out small strata (their people stay in the total)
    assert main(["estimate", str(out), "--strata", "origin_settlement", "--method", "loglinear", "--model", "[1,2,3]", "--bootstrap", "20",
                 "--json"]) == 0
    full = json.loads(capsys.readouterr().out)
    small = [s for s in full["strata"] if s["observed"] < 20]
    assert small, "the fixture should have strata below 20 people"
    assert main(["estimate", str(out), "--strata", "origin_settlement", "--method", "loglinear", "--model", "[1,2,3]", "--bootstrap", "20",
                 "--public", "--min-cell", "20", "--json"]) == 0
    public = json.loads(capsys.readouterr().out)
    assert all(s["observed"] >= 20 for s in public["strata"])
    # the small strata, and with them the next smallest when needed (secondary suppression): the
    # people withheld, the total minus the strata shown, are never one small stratum's
    withheld = len(full["strata"]) - len(public["strata"])
    assert withheld >= max(len(small), 2)
    assert public["observed"] - sum(s["observed"] for s in public["strata"]) >= 20
    assert public["observed"] == full["observed"] and public["estimate"] == full["estimate"]
    assert not [m for m in full["messages"] if "pooled" in m]  # --strata given: nothing pooled
    assert any(f"{withheld} stratum/strata not shown (public output): {len(small)} with fewer than 20 people observed"
               in m for m in public["messages"])


def test_linkage_replicates_need_the_sidecar(tmp_path: Path, capsys) -> None:
    f = tmp_path / "plain.csv"
    f.write_text("A,B,C,count\n1,0,0,10\n0,1,0,8\n0,0,1,7\n1,1,0,3\n1,0,1,2\n0,1,1,2\n1,1,1,1\n", encoding="utf-8")
    assert main(["estimate", str(f), "--linkage-replicates", "5"]) == 2
    assert "no linkage sidecar" in capsys.readouterr().err


def test_bad_threshold_is_a_usage_error(lists_dir, capsys) -> None:
    d, paths = lists_dir
    assert main(["link", *map(str, paths), "--out", str(d / "x.csv"), "--threshold", "1.5"]) == 2
    assert "--threshold" in capsys.readouterr().err


def test_spark_configuration_picks_the_jar_of_the_spark_major_version(monkeypatch) -> None:
    """Splink ships one UDF jar per Spark major version (Scala 2.12 / 2.13); Spark itself runs
    in tests/test_linkage_spark.py (CI's scale-out stage)."""
    conf = spark_configuration(executors=2, cores_per_executor=8, spark_major_version=3)
    assert conf["spark.sql.shuffle.partitions"] == "64"
    assert conf["spark.jars"].endswith("spark3.x.jar") and Path(conf["spark.jars"]).exists()
    assert similarity_jar(4).name.endswith("spark4.x.jar") and similarity_jar(4).exists()
    with pytest.raises(ValueError, match="3 or 4"):
        similarity_jar(2)
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if pyspark were not installed
    for call in (lambda: spark_db_api(None), spark_configuration, lambda: db_api("spark")):
        with pytest.raises(ImportError, match=r"removals\[spark\]"):
            call()
    assert type(db_api("duckdb")).__name__ == "DuckDBAPI"


def test_link_spark_options_are_checked(lists_dir, capsys, monkeypatch) -> None:
    d, paths = lists_dir
    out = str(d / "spark.csv")
    assert main(["link", *map(str, paths), "--out", out, "--spark-master", "local[2]"]) == 2
    assert "need --backend spark" in capsys.readouterr().err
    assert main(["link", *map(str, paths), "--out", out, "--backend", "spark", "--spark-conf", "novalue"]) == 2
    assert "KEY=VALUE" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "pyspark", None)
    assert main(["link", *map(str, paths), "--out", out, "--backend", "spark"]) == 2
    assert "pip install 'removals[spark]'" in capsys.readouterr().err
    assert not Path(out).exists()


def test_stratified_linkage_replicates_keep_the_strata_contract(lists_dir, capsys) -> None:
    d, paths = lists_dir
    out = d / "by_sex.csv"
    assert main(["link", *map(str, paths), "--out", str(out), "--strata", "sex"]) == 0
    capsys.readouterr()
    code = main(["estimate", str(out), "--strata", "sex", "--linkage-replicates", "3", "--bootstrap", "20",
                 "--method", "loglinear", "--model", "[1,2,3]", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    labels = [s["stratum"]["sex"] for s in result["strata"]]
    assert {"F", "M"} <= set(labels)
    assert all(s["estimate"] is None or s["lower"] <= s["estimate"] <= s["upper"] for s in result["strata"])
    assert result["lower"] <= result["estimate"] <= result["upper"]


def test_linkage_replicates_on_workers_give_the_serial_json(lists_dir, capsys) -> None:
    d, paths = lists_dir
    out = d / "for_workers.csv"
    assert main(["link", *map(str, paths), "--out", str(out), "--seed", "5"]) == 0
    capsys.readouterr()
    args = ["estimate", str(out), "--method", "loglinear", "--model", "[1,2,3]", "--linkage-replicates", "4", "--seed", "9", "--json"]
    assert main(args) == 0
    serial = capsys.readouterr().out
    assert main([*args, "--workers", "2"]) == 0
    assert capsys.readouterr().out == serial


def test_local_spark_gets_a_driver_heap_that_fits_the_machine(tmp_path, monkeypatch) -> None:
    """Spark's 1 GB default heap ran out on 2 x 20,000 records (bench_scale.py): local sessions get 1-8 GB."""
    from estimators.linkage import backends

    monkeypatch.setattr(backends, "similarity_jar", lambda: tmp_path / "udfs.jar")  # no pyspark needed here
    conf = backends._local_configuration("local[2]", tmp_path)
    memory = conf["spark.driver.memory"]
    assert memory.endswith("g") and 1 <= int(memory[:-1]) <= 8
    assert conf["spark.driver.bindAddress"] == "127.0.0.1"


def test_a_stale_sidecar_gives_no_linkage_note_and_no_error(tmp_path: Path, capsys) -> None:
    table = tmp_path / "t.csv"
    table.write_text("A,B,C,count\n1,0,0,30\n0,1,0,25\n0,0,1,28\n1,1,0,12\n1,0,1,10\n0,1,1,9\n1,1,1,5\n")
    (tmp_path / "t.linkage.json").write_text(json.dumps({"format": "removals-linkage", "histories_sha256": "0" * 64,
                                                         "summary": {"expected_precision": 0.9}}))
    assert main(["estimate", str(table), "--method", "chao", "--lists", "A,B,C", "--json"]) == 0
    assert not [m for m in json.loads(capsys.readouterr().out)["messages"] if "record linkage" in m]


def test_a_shortfall_of_links_is_said_with_and_without_replicates(lists_dir, capsys) -> None:
    """A linkage whose sidecar records a shortfall of links: both estimates say so (aggregates only)."""
    d, paths = lists_dir
    out = d / "short.csv"
    assert main(["link", *map(str, paths), "--out", str(out), "--seed", "5", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["linked_pairs"] > 0 and summary["expected_matching_pairs"] > 0
    assert summary["pair_shortfall"] < 0.05  # the generator's lists: nothing said
    assert main(["estimate", str(out), "--method", "loglinear", "--json"]) == 0
    assert not [m for m in json.loads(capsys.readouterr().out)["messages"] if "fewer pairs" in m]
    # the same histories, with a sidecar that records a 20% shortfall
    meta_path = d / "short.linkage.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["summary"]["pair_shortfall"] = 0.2
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    for extra in ([], ["--linkage-replicates", "2"]):
        assert main(["estimate", str(out), "--method", "loglinear", "--json", *extra]) == 0
        said = [m for m in json.loads(capsys.readouterr().out)["messages"] if "fewer pairs" in m]
        assert len(said) == 1 and "20% fewer pairs" in said[0] and "too high" in said[0]


def test_a_poor_linkage_is_said_with_and_without_replicates(lists_dir, capsys) -> None:
    """A sidecar whose model expects recall 0.85: both estimates say it is low (aggregates only)."""
    d, paths = lists_dir
    out = d / "poor.csv"
    assert main(["link", *map(str, paths), "--out", str(out), "--seed", "5", "--json"]) == 0
    link = capsys.readouterr()
    assert "SETTINGS VALIDATION" not in link.err + link.out  # Splink's validator found nothing to say
    assert json.loads(link.out)["expected_recall"] >= 0.95  # the generator's lists: nothing said
    assert main(["estimate", str(out), "--method", "loglinear", "--json"]) == 0
    good = json.loads(capsys.readouterr().out)
    assert not [m for m in good["messages"] if "which is low" in m] and good["status"] == "ok"
    meta_path = d / "poor.linkage.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["summary"]["expected_recall"] = 0.85
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    for extra in ([], ["--linkage-replicates", "2"]):
        assert main(["estimate", str(out), "--method", "loglinear", "--json", *extra]) == 0
        result = json.loads(capsys.readouterr().out)
        said = [m for m in result["messages"] if "which is low" in m]
        assert len(said) == 1 and "recall 0.850" in said[0] and "--review" in said[0]
        assert result["status"] == "warning"  # a number, but not an 'ok' one


def test_a_list_linked_much_less_well_is_named_with_and_without_replicates(lists_dir, capsys) -> None:
    """A sidecar whose model expects one list's cross-list recall far below the others': the estimate names it."""
    d, paths = lists_dir
    out = d / "weak.csv"
    assert main(["link", *map(str, paths), "--out", str(out), "--seed", "5", "--json"]) == 0
    by_list = json.loads(capsys.readouterr().out)["expected_recall_by_list"]
    assert len(by_list) == len(paths) and min(by_list.values()) >= 0.95  # the generator's lists: nothing said
    meta_path = d / "weak.linkage.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    weak = sorted(by_list)[0]
    meta["summary"]["expected_recall_by_list"] = {k: (0.8 if k == weak else 0.93) for k in by_list}
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    for extra in ([], ["--linkage-replicates", "2"]):
        assert main(["estimate", str(out), "--method", "loglinear", "--json", *extra]) == 0
        result = json.loads(capsys.readouterr().out)
        said = [m for m in result["messages"] if "is linked much less well" in m]
        assert len(said) == 1 and repr(weak) in said[0] and "80%" in said[0] and "drop-one-list" in said[0]
        assert result["status"] == "warning"
        # and the check it asks for: the same method without that list
        without = [m for m in result["messages"] if m.startswith(f"without list {weak!r}")]
        assert len(without) == 1 and f"other {len(paths) - 1} lists" in without[0] and "status" in without[0]


def test_implausible_linkage_parameters_make_the_estimate_a_warning(lists_dir, capsys) -> None:
    """A sidecar whose model learned an implausible value: the estimate says so and is not 'ok' (aggregates only)."""
    d, paths = lists_dir
    out = d / "odd.csv"
    assert main(["link", *map(str, paths), "--out", str(out), "--seed", "5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["model"]["implausible"] == []  # the generator's lists
    meta_path = d / "odd.linkage.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    message = "birth_date: 59% of matches with full dates on both records disagree on them (more than 20%)"
    meta["summary"]["model"]["implausible"] = [message]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    for extra in ([], ["--linkage-replicates", "2"]):
        assert main(["estimate", str(out), "--method", "loglinear", "--json", *extra]) == 0
        result = json.loads(capsys.readouterr().out)
        said = [m for m in result["messages"] if "implausible parameter" in m]
        assert len(said) == 1 and message in said[0] and "--review" in said[0]
        assert result["status"] == "warning"


def test_link_leaves_thin_records_out_unless_asked_to_keep_them(tmp_path: Path, capsys) -> None:
    from tests.harness import generate, write_profile

    # a harness profile whose Russian placement list prints family names as initials with years
    d, paths = tmp_path, write_profile(generate("p3_russian_db", 400, 0), tmp_path)
    out, kept_out = d / "thinned.csv", d / "kept.csv"
    assert main(["link", *map(str, paths), "--out", str(out), "--seed", "5", "--json"]) == 0
    thinned = json.loads(capsys.readouterr().out)
    assert main(["link", *map(str, paths), "--out", str(kept_out), "--seed", "5", "--keep-thin-records", "--json"]) == 0
    kept = json.loads(capsys.readouterr().out)
    left_out = sum(thinned["thin_records_left_out"].values())
    assert left_out > 0 and kept["thin_records_left_out"] == {} and kept["children_only_thin"] == 0
    # the same links; the thin records' own clusters are the only children kept that are not counted
    assert kept["children_observed"] == thinned["children_observed"] + thinned["children_only_thin"]
    # an estimate says what leaving them out assumes, with linkage replicates too; not after keeping them
    for args in ([], ["--linkage-replicates", "2"]):
        main(["estimate", str(out), "--method", "Mt", "--json", *args])
        said = json.loads(capsys.readouterr().out)["messages"]
        assert [m for m in said if "Records too thin to link were left out" in m], args
    main(["estimate", str(kept_out), "--method", "Mt", "--json"])
    assert not [m for m in json.loads(capsys.readouterr().out)["messages"] if "too thin" in m]
    with pytest.raises(SystemExit) as done:
        main(["link", "--help"])
    assert done.value.code == 0 and "--keep-thin-records" in capsys.readouterr().out
