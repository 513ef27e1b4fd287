"""The catalogue of bad inputs: each gets a specific InputError naming file, row(s)
and column(s), and exit code 2 from the CLI with one line on stderr."""

from __future__ import annotations

import pandas as pd
import pytest

from estimators import CaptureHistories, InputError
from estimators.cli import main

CATALOGUE = {
    # name: (file bytes, extra CLI args, expected fragments of the message)
    "list_value_2": (b"A,B,count\n1,1,3\n2,0,4\n", [], ["row 2 (line 3)", "'A'", "0 or 1", "value 2"]),
    "list_value_text": (b"A,B,count\n1,1,3\n0,yes,4\n", [], ["row 2", "'B'", "non-numeric value (not shown)"]),
    "list_value_missing": (b"A,B,count\n1,,3\n0,1,4\n", [], ["row 1", "'B'", "missing value"]),
    "negative_count": (b"A,B,count\n1,1,-3\n0,1,4\n", [], ["row 1", "'count'", "negative", "-3"]),
    "fractional_count": (b"A,B,count\n1,1,3.5\n0,1,4\n", [], ["row 1", "'count'", "whole number"]),
    # a long number is not shown, but it is a number: "not a whole number", never "non-numeric"
    "long_fractional_count": (b"A,B,count\n1,1,1234.56789\n0,1,4\n", [],
                              ["row 1", "'count'", "count is not a whole number (value not shown)"]),
    "missing_count": (b"A,B,count\n1,1,\n0,1,4\n", [], ["row 1", "'count'", "missing count"]),
    "text_count": (b"A,B,count\n1,1,many\n0,1,4\n", [], ["row 1", "'count'", "not a number"]),
    "all_zero_pattern": (b"A,B,count\n1,1,3\n0,0,4\n", [], ["row 2", "all-zero"]),
    "duplicate_patterns": (b"A,B,count\n1,1,3\n0,1,4\n1,1,2\n", [], ["rows 1, 3", "duplicate"]),
    "one_list": (b"A,count\n1,3\n", [], ["at least 2 list columns"]),
    "empty_list": (b"A,B,C,count\n1,1,0,3\n0,1,0,4\n", [], ["'C'", "no records"]),
    "missing_stratum_column": (b"A,B,count\n1,1,3\n0,1,4\n", ["--strata", "region"], ["'region'", "stratum column not found"]),
    "missing_list_column": (b"A,B,count\n1,1,3\n0,1,4\n", ["--lists", "A,Z"], ["'Z'", "list column not found"]),
    "empty_file": (b"", [], ["empty"]),
    "header_only": (b"A,B,count\n", [], ["no data rows"]),
    "not_utf8": ("A,B,count\n1,1,3\n0,1,4\n\xe9".encode("latin-1"), [], ["not UTF-8", "line 4"]),
    "ragged_csv": (b"A,B,count\n1,1,3\n0,1\n", [], ["row 2", "malformed CSV"]),
    "missing_stratum_value": (b"A,B,C,eth,count\n1,1,0,x,3\n0,1,1,,4\n1,0,1,x,2\n", ["--strata", "eth"], ["row 2", "'eth'", "missing stratum value"]),
    # A text column's name may be a record (no header row?): it is given by position.
    "stratum_not_declared": (b"A,B,eth,count\n1,1,x,3\n0,1,y,4\n", [], ["column 3 (name not shown", "--strata"]),
}


@pytest.mark.parametrize("case", sorted(CATALOGUE))
def test_bad_input_is_rejected_with_location(case, tmp_path):
    content, args, fragments = CATALOGUE[case]
    path = tmp_path / f"{case}.csv"
    path.write_bytes(content)
    strata = args[1:] if args[:1] == ["--strata"] else None
    lists = args[1].split(",") if args[:1] == ["--lists"] else None
    with pytest.raises(InputError) as err:
        CaptureHistories.read(path, strata=strata, lists=lists)
    message = str(err.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message, (fragment, message)


@pytest.mark.parametrize("case", sorted(CATALOGUE))
def test_cli_exits_2_with_one_line(case, tmp_path, capsys):
    content, args, _ = CATALOGUE[case]
    path = tmp_path / f"{case}.csv"
    path.write_bytes(content)
    for command in ("validate", "estimate"):
        code = main([command, str(path), *args])
        out, err = capsys.readouterr()
        assert code == 2
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("removals: error: ")
        assert "Traceback" not in err


def test_duplicates_can_be_aggregated(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_bytes(b"A,B,count\n1,1,3\n0,1,4\n1,1,2\n1,0,1\n")
    h = CaptureHistories.read(path, aggregate=True)
    assert h.n == 10 and h.overlaps.loc["A", "B"] == 5


def test_text_values_are_never_echoed(tmp_path):
    path = tmp_path / "names.csv"
    path.write_text("A,B,count\n1,1,3\n0,Olena Petrenko,4\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        CaptureHistories.read(path)
    assert "Olena" not in str(err.value)


def test_unknown_file_type(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(InputError, match="unsupported file type"):
        CaptureHistories.read(path)


def test_parquet_is_read_and_validated(tmp_path):
    good = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "count": [5, 6, 2]})
    good.to_parquet(tmp_path / "good.parquet")
    assert CaptureHistories.read(tmp_path / "good.parquet").n == 13
    bad = pd.DataFrame({"A": [1, 0], "B": [0, 0], "count": [5, 6]})
    bad.to_parquet(tmp_path / "bad.parquet")
    with pytest.raises(InputError, match="row 2.*all-zero"):
        CaptureHistories.read(tmp_path / "bad.parquet")


def test_parquet_column_stored_as_the_pandas_index_is_read_as_a_column(tmp_path, capsys):
    # was: pd.read_parquet made the count column the index and the reader dropped it: 7 people read, not 20
    frame = pd.DataFrame({"A": [1, 0, 1, 0, 1, 0, 1], "B": [0, 1, 1, 0, 0, 1, 1], "C": [0, 0, 0, 1, 1, 1, 1],
                          "count": [5, 3, 2, 4, 3, 2, 1]})
    frame.set_index("count").to_parquet(tmp_path / "named.parquet")
    assert CaptureHistories.read(tmp_path / "named.parquet").n == 20
    frame.set_index(["A", "count"]).to_parquet(tmp_path / "multi.parquet")  # every level of a MultiIndex too
    h = CaptureHistories.read(tmp_path / "multi.parquet")
    assert h.n == 20 and sorted(h.lists) == ["A", "B", "C"]
    assert main(["estimate", str(tmp_path / "named.parquet"), "--method", "Mt", "--json"]) == 0
    assert '"observed": 20' in capsys.readouterr().out


@pytest.mark.parametrize("index", ["default", "sliced", "unnamed"])
def test_parquet_unnamed_index_gains_no_column(tmp_path, index):
    # a default RangeIndex (metadata only) or another unnamed index (row labels) is not data
    frame = pd.DataFrame({"A": [1, 0, 1, 0], "B": [0, 1, 1, 0], "C": [0, 0, 0, 1], "count": [5, 6, 2, 9]})
    frame = {"default": frame, "sliced": frame.iloc[1:], "unnamed": frame.iloc[[0, 2, 3]].set_axis([7, 3, 11])}[index]
    frame.to_parquet(tmp_path / "h.parquet")
    h = CaptureHistories.read(tmp_path / "h.parquet")
    assert sorted(h.lists) == ["A", "B", "C"] and h.n == int(frame["count"].sum())


def test_parquet_index_named_as_a_column_is_refused(tmp_path, capsys):
    frame = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "count": [5, 6, 2]}).set_index("count")
    frame["count"] = [1, 1, 1]
    frame.to_parquet(tmp_path / "twice.parquet")
    assert main(["validate", str(tmp_path / "twice.parquet")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "twice.parquet" in err and "'count'" in err and "pandas index" in err


def test_zero_count_rows_are_allowed_and_dropped():
    h = CaptureHistories.from_frequency_table(pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "count": [5, 0, 2]}))
    assert h.n == 7 and len(h.counts) == 2


# ----------------------------------------------------------------------------- cells read without pandas
# The checks work on NumPy arrays of cells; a DataFrame's columns (any dtype) and a CSV
# file's strings must be read alike: numbers as numbers, anything else refused.


@pytest.mark.parametrize(
    "column",
    [
        pd.Series([1, 0, 1], dtype="int64"),
        pd.Series([1.0, 0.0, 1.0]),
        pd.Series([True, False, True]),
        pd.Series([1, 0, 1], dtype="Int64"),
        pd.Series(["1", " 0 ", "1e0"], dtype=object),
        pd.Series([True, 0, "1"], dtype=object),
    ],
    ids=["int64", "float64", "bool", "nullable-Int64", "text", "mixed-objects"],
)
def test_zero_one_cells_of_any_dtype_are_read_as_patterns(column) -> None:
    frame = pd.DataFrame({"A": column, "B": [1, 1, 0], "count": [5, 6, 7]})
    h = CaptureHistories.from_frequency_table(frame)
    assert dict(zip(map(tuple, h.patterns.tolist()), h.counts.tolist(), strict=True)) == {
        (0, 1): 6, (1, 0): 7, (1, 1): 5}


@pytest.mark.parametrize(
    ("value", "shown"),
    [(pd.NA, "missing value"), (None, "missing value"), ("1_0", "a non-numeric value (not shown)"),
     ("\u0661", "a non-numeric value (not shown)"), ("inf", "a non-numeric value (not shown)"), (2, "value 2"),
     (pd.Timestamp("2015-03-01"), "a non-numeric value (not shown)"), ("1234.56789", "a number (not shown)")],
    ids=["NA", "None", "underscore", "arabic-indic-digit", "inf", "two", "timestamp", "long-number-text"],
)
def test_cells_that_are_not_zero_or_one_are_refused_by_row_and_column(value, shown) -> None:
    frame = pd.DataFrame({"A": pd.Series([1, value, 0], dtype=object), "B": [1, 1, 1], "count": [5, 6, 7]})
    with pytest.raises(InputError, match="list values must be 0 or 1") as caught:
        CaptureHistories.from_frequency_table(frame, source="t.csv")
    message = str(caught.value)
    assert "row 2" in message and "A" in message and shown in message


@pytest.mark.parametrize("name", ["Count", "n", "freq", "Frequency"])
def test_a_count_column_named_otherwise_is_refused_with_a_hint_to_rename_it(name, tmp_path) -> None:
    """Without a column named ``count`` a file has one row per person, so a count column named
    otherwise is read as a list and its counts fail as list values: the message says to rename it."""
    path = tmp_path / "t.csv"
    path.write_text(f"A,B,{name}\n1,0,5\n0,1,3\n1,1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="list values must be 0 or 1") as caught:
        CaptureHistories.read(path)
    assert "name it `count`" in str(caught.value) and "\n" not in str(caught.value)


def test_a_list_named_like_a_count_beside_the_count_gets_no_rename_hint(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("A,n,count\n1,0,5\n0,2,3\n1,1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="list values must be 0 or 1") as caught:
        CaptureHistories.read(path)
    assert "name it `count`" not in str(caught.value)


def test_missing_stratum_cells_of_any_kind_are_refused() -> None:
    for missing in (None, float("nan"), pd.NA, "  "):
        frame = pd.DataFrame({"A": [1, 0], "B": [0, 1], "region": pd.Series(["n", missing], dtype=object),
                              "count": [5, 6]})
        with pytest.raises(InputError, match="missing stratum value"):
            CaptureHistories.from_frequency_table(frame, strata=["region"])


def test_a_dataframe_repeating_a_column_name_is_refused() -> None:
    frame = pd.DataFrame([[1, 0, 5], [0, 1, 6]], columns=["A", "A", "count"])
    with pytest.raises(InputError, match=r"repeats a column name \(at positions 1, 2\)"):
        CaptureHistories.from_frequency_table(frame)


def test_decimal_and_binary_cells_are_read_as_numbers_and_text() -> None:
    """A Parquet decimal list column and a binary stratum column (as pandas read them)."""
    from decimal import Decimal

    frame = pd.DataFrame({"A": pd.Series([Decimal(1), Decimal(0), Decimal(1)], dtype=object), "B": [1, 1, 0],
                          "region": pd.Series([b"north", "\u041a\u0438\u0457\u0432".encode(), b"north"], dtype=object),
                          "count": [5, 6, 7]})
    h = CaptureHistories.from_frequency_table(frame, strata=["region"])
    assert sorted(map(str, h.strata[:, 0])) == ["north", "north", "\u041a\u0438\u0457\u0432"]
    assert h.list_sizes == {"A": 12, "B": 11}
    with pytest.raises(InputError, match="missing stratum value"):
        CaptureHistories.from_frequency_table(frame.assign(region=[Decimal("NaN"), "a", "b"]), strata=["region"])


def test_mixed_stratum_cells_keep_their_own_text() -> None:
    frame = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "s": pd.Series([1, 1.0, True], dtype=object),
                          "count": [5, 6, 7]})
    h = CaptureHistories.from_frequency_table(frame, strata=["s"])
    assert sorted(h.strata[:, 0]) == ["1", "1.0", "True"]


def test_aggregating_more_lists_than_one_integer_code_holds() -> None:
    """Histories built in code may have more than the 60 lists a file may: 65 lists aggregate exactly."""
    import numpy as np

    k = 65
    patterns = np.zeros((4, k), dtype=int)
    patterns[0, 0] = patterns[1, 1] = patterns[2, 64] = patterns[3, 0] = 1
    h = CaptureHistories(lists=[f"L{i}" for i in range(k)], patterns=patterns, counts=[3, 4, 5, 6])._aggregated()
    assert h.n == 18 and h.list_sizes["L0"] == 9 and h.list_sizes["L1"] == 4 and h.list_sizes["L64"] == 5
    assert h.patterns.sum(axis=1).min() == 1 and len(h.counts) == 3
    assert [tuple(np.flatnonzero(p)) for p in h.patterns] == [(64,), (1,), (0,)]  # first list most significant
