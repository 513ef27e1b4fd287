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


def test_the_package_pins_the_manifest():
    """``estimators/_pins.py`` holds the sha256 of ``data/manifest.json``: re-pinning data
    means updating it in the same commit (this test says so until it is done)."""
    from estimators._pins import MANIFEST_SHA256

    actual = data.sha256_of(data.data_dir() / data.MANIFEST)
    assert actual == MANIFEST_SHA256, f"update estimators/_pins.py: MANIFEST_SHA256 = {actual!r}"


def test_a_file_changed_with_its_manifest_entry_is_refused(tmp_path, monkeypatch, capsys):
    """Issue 13: editing a data file and its manifest hash together used to pass."""
    root = tmp_path / "data"
    shutil.copytree(data.data_dir(), root)
    target = root / "benchmarks" / "CARE1_HAV.csv"
    target.write_text(target.read_text().replace("63", "64", 1))
    data.write_manifest(root)  # a consistent, but unpinned, manifest
    with pytest.raises(DataIntegrityError, match="not the manifest this version of the package pins"):
        data.load_benchmark("CARE1_HAV", root=root)
    monkeypatch.setenv("REMOVALS_DATA_DIR", str(root))
    assert main(["run", "--no-report"]) == 2
    err = capsys.readouterr().err
    assert str(root.resolve() / "manifest.json") in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b"[]", b'{"files": 3}'])
def test_a_corrupt_manifest_is_a_data_integrity_error(tmp_path, content):
    root = tmp_path / "data"
    shutil.copytree(data.data_dir(), root)
    (root / data.MANIFEST).write_bytes(content)
    with pytest.raises(DataIntegrityError, match="manifest"):
        data.load_manifest(root, check_pin=False)
    with pytest.raises(DataIntegrityError, match="manifest"):
        data.verify_all(root)
