"""Pinned data: sha256 verification, tampering, provenance of published counts."""

from __future__ import annotations

import shutil

import pytest

from estimators import DataIntegrityError, data
from estimators.cli import main


def test_every_pinned_file_verifies():
    names = data.verify_all()
    assert "published_counts.csv" in names
    assert "benchmarks/SparseMSE_UKdat.csv" in names


def test_tampered_file_fails_loudly(tmp_path, monkeypatch, capsys):
    root = tmp_path / "data"
    shutil.copytree(data.data_dir(), root)
    target = root / "benchmarks" / "CARE1_HAV.csv"
    target.write_text(target.read_text().replace("63", "64", 1))
    with pytest.raises(DataIntegrityError, match="sha256 mismatch"):
        data.load_benchmark("CARE1_HAV", root=root)
    monkeypatch.setenv("REMOVALS_DATA_DIR", str(root))
    assert main(["run"]) == 2
    assert "sha256 mismatch" in capsys.readouterr().err


def test_unlisted_file_is_refused(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(data.data_dir(), root)
    (root / "extra.csv").write_text("A,B,count\n1,1,1\n")
    with pytest.raises(DataIntegrityError, match="not listed"):
        data.verified_path("extra.csv", root)


def test_published_counts_have_provenance():
    table = data.published_counts()
    required = {"figure_id", "count", "count_qualifier", "population", "source", "publisher", "published",
                "url", "ages", "definition", "verification_status"}
    assert required <= set(table.columns)
    assert table["figure_id"].is_unique
    yale = table.set_index("figure_id").loc["yale_hrl_belarus_2023"]
    assert (yale["count"], yale["count_qualifier"]) == (2442, "at_least")
    nam = table[table["source"].str.contains("ICC", case=False) & (table["count"] == 2100)]
    assert len(nam) == 1 and nam.iloc[0]["count_qualifier"] == "more_than"
    verified = table[table["verification_status"] == "verified_in_source"]
    assert (verified["url"].str.startswith("http")).all()
