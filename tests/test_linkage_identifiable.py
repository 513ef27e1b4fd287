"""Records too thin to link: the rule, the histories without them, the summary, the sidecar, the CLI.

SYNTHETIC records only (invented names).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from estimators.exceptions import InputError
from estimators.linkage.files import LinkageData, read_linkage, thin_assumption, thin_note, write_linkage
from estimators.linkage.histories import histories_from_clusters
from estimators.linkage.identifiable import (
    THIN_LIST_SHARE,
    counted_records,
    identifiable_records,
    thin_list_message,
    thin_lists,
    wholly_thin_message,
)
from estimators.linkage.standardise import standardise_records
from estimators.linkage.summary import summarise


def _keys(**cells: list[str]) -> pd.DataFrame:
    return standardise_records(pd.DataFrame(cells, dtype="string"))


def test_a_record_needs_both_names_or_a_full_date_and_one_name() -> None:
    keys = _keys(
        family_name=["Вовкодав", "Вовкодав", "", "Вовкодав", "В.", "", "В.", "В*****в", "Вовкодав", "Вовкодав"],
        given_name=["Марія", "", "Марія", "", "М.", "", "Марія", "Марія", "М.", "Марія"],
        patronymic=["", "", "", "", "О.", "", "", "", "Олегівна", ""],
        birth_date=["", "2013-05-04", "2013-05-04", "2013", "2013-05-04", "2013-05-04", "2013", "2013-05", "", "2013"],
    )
    expected = [
        True,   # family and given name in full
        True,   # family name and a full birth date
        True,   # given name and a full birth date
        False,  # a family name and a birth year
        False,  # initials only, even with a full date
        False,  # a full date and no name
        False,  # a family initial, a given name and a year (an anonymised ruling)
        False,  # a masked family name, a given name and a month
        False,  # a family name and a patronymic, the given name an initial, no date
        True,   # both names in full, the date a year
    ]
    assert identifiable_records(keys).tolist() == expected


def test_thin_records_put_no_child_on_their_list() -> None:
    # clusters: 0 = records on lists 0 and 1 (the second thin), 1 = a thin record alone,
    # 2 = records on lists 0 and 1, both counted
    labels = np.array([0, 0, 1, 2, 2])
    node_list = np.array([0, 1, 1, 0, 1])
    counted = np.array([True, False, False, True, True])
    h = histories_from_clusters(labels, node_list, ["a", "b"], node_counted=counted)
    assert h.n == 2
    assert dict(zip(map(tuple, h.patterns.tolist()), h.counts.tolist(), strict=True)) == {(1, 0): 1, (1, 1): 1}
    every = histories_from_clusters(labels, node_list, ["a", "b"])
    assert every.n == 3
    with pytest.raises(ValueError, match="one entry per record"):
        histories_from_clusters(labels, node_list, ["a", "b"], node_counted=counted[:3])


def _summary(counted: np.ndarray | None):
    labels = np.array([0, 0, 1, 2, 3, 4, 5])
    node_list = np.array([0, 1, 1, 1, 1, 1, 0])
    return summarise(labels, node_list, ["register", "digest"], np.array([0]), np.array([1]), np.array([0.99]),
                     threshold=0.5, max_cluster_size=None, seed=1, node_counted=counted)


def test_the_summary_counts_thin_records_and_names_a_list_that_is_mostly_thin() -> None:
    counted = np.array([True, True, False, False, False, True, True])
    s = _summary(counted)
    assert s.thin_records == {"register": 0, "digest": 3}
    assert s.children == 3 and s.children_only_thin == 3  # clusters 0, 4, 5 counted; 1, 2, 3 thin only
    assert 3 / 5 >= THIN_LIST_SHARE
    assert thin_lists(s.thin_records, s.records) == {"digest": pytest.approx(0.6)}
    assert thin_list_message("digest", 0.6) in s.flags()
    text = s.render()
    assert "too thin to link" in text and "digest 3" in text
    public = s.to_dict(public=True, min_cell=5)
    assert public["thin_records_left_out"] == {"register": 0, "digest": "<5"}
    kept = _summary(None)
    assert kept.thin_records == {} and kept.children == 6 and not kept.flags()
    assert "too thin" not in kept.render()


def test_a_list_under_the_share_is_not_named() -> None:
    assert thin_lists({"a": 4, "b": 5}, {"a": 10, "b": 10}) == {"b": 0.5}
    assert thin_lists({"a": 1}, {}) == {}


def _data(counted: np.ndarray | None) -> LinkageData:
    return LinkageData(lists=("a", "b"), node_list=np.array([0, 1, 1, 0]), node_stratum=None, stratum_column=None,
                       node_l=np.array([0, 2]), node_r=np.array([1, 3]), probability=np.array([0.95, 0.3]),
                       threshold=0.5, keep_above=0.01, seed=3, node_counted=counted)


def test_the_sidecar_keeps_which_records_count(tmp_path: Path) -> None:
    counted = np.array([True, False, True, True])
    data = _data(counted)
    out = tmp_path / "h.csv"
    write_linkage(out, data, data.point_histories(), {"summary": {}})
    back = read_linkage(out)
    assert back.node_counted is not None and back.node_counted.tolist() == counted.tolist()
    assert np.array_equal(back.point_histories().cell_counts(), data.point_histories().cell_counts())
    # the thin record of list b is the only record of its child there: not on b
    assert back.point_histories().list_sizes == {"a": 2, "b": 1}
    # every link drawn (a replicate) keeps the rule: the thin record never puts its child on b
    assert back.histories(np.array([True, True])).list_sizes == {"a": 2, "b": 1}


def test_a_sidecar_without_the_column_counts_every_record(tmp_path: Path) -> None:
    data = _data(None)
    out = tmp_path / "h.csv"
    write_linkage(out, data, data.point_histories(), {"summary": {}})
    assert read_linkage(out).node_counted is None
    table, meta_path = out.with_name("h.linkage.parquet"), out.with_name("h.linkage.json")
    frame = pd.read_parquet(table)
    assert frame.loc[frame["kind"] == "node", "counted"].tolist() == [True] * 4
    meta = json.loads(meta_path.read_text())
    assert meta["version"] == 2 and meta["thin_records"] == "kept"
    # a version 1 sidecar, written before the column existed (table and checksum rewritten)
    from estimators.data import sha256_of

    frame.drop(columns="counted").to_parquet(table, index=False)
    meta.update(version=1, table_sha256=sha256_of(table))
    meta.pop("thin_records")
    meta_path.write_text(json.dumps(meta))
    assert read_linkage(out).node_counted is None
    meta["version"] = 3  # a newer format than this reader knows is refused, not misread
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(InputError, match="version 1, 2"):
        read_linkage(out)


def test_an_estimate_on_linked_histories_names_a_mostly_thin_list(tmp_path: Path) -> None:
    from estimators.linkage.files import linkage_caveats

    data = _data(np.array([True, False, True, True]))
    out = tmp_path / "h.csv"
    summary = {"records": {"a": 2, "b": 2}, "thin_records_left_out": {"a": 0, "b": 1}, "wholly_thin_lists": ["c"]}
    write_linkage(out, data, data.point_histories(), {"summary": summary})
    caveats = linkage_caveats(out)
    assert caveats is not None and "List 'b': 50% of its records are too thin to link" in caveats
    assert "List 'c': every record is too thin to link" in caveats
    public = {"records": {"a": "<5", "b": "<5"}, "thin_records_left_out": {"a": 0, "b": "<5"}}
    write_linkage(out, data, data.point_histories(), {"summary": public})
    assert linkage_caveats(out) is None  # suppressed cells name nothing


def test_a_list_of_thin_records_only_is_kept_whole_and_named() -> None:
    identifiable = np.array([True, False, False, False, True])
    node_list = np.array([0, 0, 1, 1, 2])
    counted, kept = counted_records(identifiable, node_list, ["a", "b", "c"])
    assert counted.tolist() == [True, False, True, True, True] and kept == ["b"]
    assert not identifiable[2]  # the input is not changed
    s = summarise(np.array([0, 1, 2, 2, 3]), node_list, ["a", "b", "c"], np.array([0]), np.array([1]),
                  np.array([0.2]), threshold=0.5, max_cluster_size=None, seed=1, node_counted=counted,
                  wholly_thin_lists=kept)
    assert s.thin_records == {"a": 1, "b": 0, "c": 0}
    assert wholly_thin_message("b") in s.flags() and s.to_dict()["wholly_thin_lists"] == ["b"]


def test_the_estimate_note_states_the_assumption_thinning_adds(tmp_path: Path) -> None:
    from estimators.linkage.files import linkage_note
    from estimators.reporting.tables import linkage_tables

    data = _data(np.array([True, False, True, True]))
    out = tmp_path / "h.csv"
    summary = {"records": {"a": 2, "b": 2}, "thin_records_left_out": {"a": 0, "b": 1}, "children_only_thin": 1}
    write_linkage(out, data, data.point_histories(), {"summary": summary})
    note = linkage_note(out)
    assert note is not None and "Records too thin to link were left out of these histories" in note
    assert "depends neither on whether the other lists saw the child nor on whether they wrote it" in note
    assert thin_note(out) in note and json.loads(out.with_name("h.linkage.json").read_text())["thin_records"] == (
        "left out")
    # public cells: a suppressed count is some records; zeros are none
    assert thin_assumption({"thin_records_left_out": {"a": 0, "b": "<5"}}) == thin_note(out)
    assert thin_assumption({"thin_records_left_out": {"a": 0, "b": 0}}) is None
    table = linkage_tables(summary)["records"]
    assert table["what"].str.contains("on b too thin to link").any()
    assert table["what"].str.contains("such records only").any()
    write_linkage(out, data, data.point_histories(), {"summary": {"records": {"a": 2, "b": 2}}})
    assert "too thin" not in (linkage_note(out) or "")
    assert not linkage_tables({"records": {"a": 2}})["records"]["what"].str.contains("too thin").any()


def test_public_output_gives_no_thin_count_or_share_below_the_smallest_cell() -> None:
    from estimators.reporting.tables import linkage_tables
    from estimators.studies.analysis import _suppress_summary

    labels = np.arange(26)
    node_list = np.array([0] * 20 + [1] * 6)
    counted = np.array([True] * 20 + [False] * 4 + [True] * 2)
    s = summarise(labels, node_list, ["register", "digest"], np.array([0]), np.array([1]), np.array([0.99]),
                  threshold=0.5, max_cluster_size=None, seed=1, node_counted=counted)
    assert thin_list_message("digest", 4 / 6) in s.flags()  # to the person who ran the linkage
    public = s.render(public=True, min_cell=5)
    assert "digest <5" in public and "67%" not in public and "too thin to link, left out" in public
    assert thin_list_message("digest", 4 / 6) not in s.flags(public=True, min_cell=5)
    # both cells shown: the share gives nothing away
    assert thin_list_message("digest", 4 / 6) in s.flags(public=True, min_cell=4)
    # a report made public from a full sidecar summary
    shown = _suppress_summary(s.to_dict(), 5)
    assert shown["thin_records_left_out"] == {"register": 0, "digest": "<5"} and shown["children_only_thin"] == "<5"
    table = linkage_tables(shown)["records"]
    assert set(table.loc[table["what"].str.contains("too thin|such records"), "count"]) <= {"0", "<5"}


def test_a_full_date_identifies_only_where_another_list_mostly_records_full_dates() -> None:
    """A birthday post's "Вікторія, 2014-03-21" meets a village head's list that gives years only on a name and a
    year: thin.  Where another list carries full dates on at least half its records, it counts (SYNTHETIC)."""
    from estimators.linkage.identifiable import FULL_DATES_SHARE, dates_meet_full_dates

    assert FULL_DATES_SHARE == 0.5
    keys = _keys(family_name=["", "Вовкодав", "Вовкодав", "Коваль", "Мельник", "Шевчук"],
                 given_name=["Вікторія", "", "Марія", "Іван", "Олена", "Петро"],
                 birth_date=["2014-03-21", "2013-05-04", "2013", "2013", "2011-02-03", "2012"])
    full = keys["birth_day"].notna().to_numpy()
    posts, heads, testimonies = 0, 1, 2
    # posts (rows 0-1), village heads with years only (rows 2-3), testimonies with one full date in two (rows 4-5)
    three = np.array([posts, posts, heads, heads, testimonies, testimonies])
    assert dates_meet_full_dates(full, three).tolist() == [True] * 6  # every list has a partner with 50% full
    assert identifiable_records(keys, three).tolist() == [True] * 6  # the testimonies' 50% is enough for the posts
    # without the testimonies, the posts' one-name records with full dates meet years only: thin
    two = np.array([posts, posts, heads, heads])
    assert dates_meet_full_dates(full[:4], two).tolist() == [False, False, True, True]
    assert identifiable_records(keys.iloc[:4], two).tolist() == [False, False, True, True]
    # one list (a deduplication) meets its own full dates; without list indices the rule is as before
    assert identifiable_records(keys.iloc[:4], np.zeros(4, dtype=int)).tolist() == [True] * 4
    assert identifiable_records(keys.iloc[:4]).tolist() == [True] * 4
