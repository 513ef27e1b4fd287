"""Hostile inputs a new user's own files bring: each is refused with exit 2 and one line naming the
file, row(s) and column(s), never a value, or read without anything silently changed or lost.

Found by trying the command line on files this project did not make (review of the ``removals`` CLI);
each test fails without the fix it names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from estimators.cli import main

GOOD = b"A,B,C,count\n1,0,0,5\n0,1,0,3\n1,1,0,2\n0,0,1,4\n1,0,1,1\n0,1,1,2\n1,1,1,1\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_exit_2(code: int, err: str, *fragments: str) -> None:
    assert code == 2, err
    assert err.startswith("removals: error:") and err.count("\n") == 1, err
    for fragment in fragments:
        assert fragment in err, (fragment, err)


# ---------------------------------------------------------------- capture histories: column roles


@pytest.mark.parametrize(
    ("args", "column"),
    [
        (["--strata", "count"], "'count'"),  # was: the count column split the people into strata by count, exit 3
        (["--lists", "A,B,C", "--strata", "A"], "'A'"),  # was: exit 3, A silently a stratum and not a list
        (["--lists", "A,B,count"], "'count'"),  # was: the count column weighted rows by itself
    ],
)
def test_a_column_in_two_roles_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                          column: str) -> None:
    path = tmp_path / "h.csv"
    path.write_bytes(GOOD)
    for command in ("validate", "estimate"):
        code, out, err = run(capsys, command, str(path), *args)
        assert_one_line_exit_2(code, err, "h.csv", column, "cannot")
        assert out == ""


def test_a_list_called_count_given_with_lists_loses_no_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Rows where the list named 'count' is 0 used to get weight 0 and vanish from the estimate."""
    path = tmp_path / "h.csv"
    path.write_bytes(b"A,B,count\n1,0,0\n0,1,0\n1,1,1\n1,0,1\n0,1,1\n")
    code, _, err = run(capsys, "validate", str(path), "--lists", "A,B,count")
    assert_one_line_exit_2(code, err, "'count'", "rename the list column")


# ---------------------------------------------------------------- raw lists given to 'removals link'

SECRET_FAMILY = "Приходькович"
SECRET_ID = "ID-SECRET-778899"
LIST_HEADER = "record_id,family_name,given_name,birth_date,sex"


def raw_list(tmp_path: Path, name: str, body: str, header: str = LIST_HEADER) -> Path:
    path = tmp_path / name
    path.write_bytes(f"{header}\n{body}".encode())
    return path


def good_list(tmp_path: Path) -> Path:
    return raw_list(tmp_path, "b.csv", "r1,Коваленко,Олена,2012-05-04,F\nr2,Шевчук,Іван,2011-01-02,M\n")


def link(capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: Path) -> tuple[int, str]:
    code, _, err = run(capsys, "link", str(bad), str(good_list(tmp_path)), "--out", str(tmp_path / "h.csv"))
    assert not (tmp_path / "h.csv").exists()
    assert SECRET_FAMILY not in err and SECRET_ID not in err
    return code, err


def test_a_short_row_of_a_raw_list_is_refused_not_padded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A row with too few fields was padded with empty cells (its values possibly in the wrong columns)."""
    bad = raw_list(tmp_path, "a.csv", f"r1,Коваленко,Олена,2012-05-04,F\n{SECRET_ID},{SECRET_FAMILY},2012-05-04\n")
    code, err = link(capsys, tmp_path, bad)
    assert_one_line_exit_2(code, err, "a.csv", "row 2 (line 3)", "malformed CSV", "3 fields, the header 5")


def test_a_fifo_given_as_a_raw_list_is_refused_without_reading(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """pandas waited forever on a FIFO nobody writes to (a subprocess, so that a regression fails, not hangs)."""
    import os
    import subprocess
    import sys

    fifo = tmp_path / "a.csv"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "estimators.cli", "link", str(fifo), str(good_list(tmp_path)),
                           "--out", str(tmp_path / "h.csv")], capture_output=True, text=True, timeout=120)
    assert_one_line_exit_2(done.returncode, done.stderr, "a.csv", "not a regular file")


@pytest.mark.parametrize(
    ("header", "fragments"),
    [
        # pandas renamed them to 'family_name.1' and 'Unnamed: 5': the message named columns the file does not have
        (LIST_HEADER.replace("given_name", "family_name"), ["columns 2, 3", "repeats a column name"]),
        (LIST_HEADER.replace("given_name", ""), ["empty column name (position 3)"]),
    ],
)
def test_raw_list_header_names_are_checked_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      header: str, fragments: list[str]) -> None:
    bad = raw_list(tmp_path, "a.csv", f"{SECRET_ID},{SECRET_FAMILY},Олена,2012-05-04,F\n", header=header)
    code, err = link(capsys, tmp_path, bad)
    assert_one_line_exit_2(code, err, "a.csv", *fragments)
    assert ".1" not in err and "Unnamed" not in err


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "the file is empty"),  # was: 'cannot read the file (EmptyDataError)'
        (f"{LIST_HEADER}\n".encode(), "a header but no data rows"),  # was: 'linkage, column 'a': list has no records'
        (__import__("gzip").compress(f"{LIST_HEADER}\nr1,Коваленко,Олена,2012-05-04,F\n".encode()),
         "compressed"),  # was: 'not UTF-8 text'
    ],
)
def test_empty_and_compressed_raw_lists_say_what_they_are(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          content: bytes, fragment: str) -> None:
    bad = tmp_path / "a.csv"
    bad.write_bytes(content)
    code, err = link(capsys, tmp_path, bad)
    assert_one_line_exit_2(code, err, "a.csv", fragment)


def test_a_parquet_raw_list_without_rows_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pandas as pd

    bad = tmp_path / "a.parquet"
    pd.DataFrame({"record_id": pd.Series([], dtype=str), "family_name": pd.Series([], dtype=str)}).to_parquet(bad)
    code, err = link(capsys, tmp_path, bad)
    assert_one_line_exit_2(code, err, "a.parquet", "no data rows")
    assert "linkage" not in err


# ---------------------------------------------------------------- line numbers a text editor agrees with


@pytest.mark.parametrize(
    "content",
    [
        b"A,B,C,count\n1,0,0,5\n\n0,1,0,3\n0,1,1,x\n",  # a blank line before the bad row
        b'A,B,C,note,count\n1,0,0,"two\nlines",5\n0,1,0,y,3\n0,1,1,z,x\n',  # a quoted line break before it
    ],
)
def test_the_line_named_is_the_line_of_the_bad_row(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  content: bytes) -> None:
    """Lines were counted as row + 1: 'line 4' for a row on line 5."""
    path = tmp_path / "h.csv"
    path.write_bytes(content)
    assert content.split(b"\n")[4].endswith(b",x")  # the bad row is on line 5
    args = ["--strata", "note"] if b"note" in content else []
    code, _, err = run(capsys, "validate", str(path), *args)
    assert_one_line_exit_2(code, err, "row 3 (line 5)", "'count'")


def test_a_raw_list_names_the_line_after_a_quoted_line_break(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = raw_list(tmp_path, "a.csv", f'r1,"{SECRET_FAMILY}\nthe second line",Олена,2012-05-04,F\n'
                                      f"{SECRET_ID},Коваленко,Олена,2012-05-04,female\n")
    code, err = link(capsys, tmp_path, bad)
    assert_one_line_exit_2(code, err, "a.csv", "row 2 (line 4)", "'sex'")


def test_a_parquet_raw_list_with_list_cells_is_refused_not_stringified(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A list column was turned into its display text ("['Koval']") and linked as a name."""
    import pandas as pd

    bad = tmp_path / "a.parquet"
    pd.DataFrame({"record_id": ["r1", SECRET_ID], "family_name": [["Коваленко"], [SECRET_FAMILY]]}).to_parquet(bad)
    code, err = link(capsys, tmp_path, bad)
    assert_one_line_exit_2(code, err, "a.parquet", "'family_name'", "lists, structs or maps")


# ---------------------------------------------------------------- options and paths


@pytest.mark.parametrize("address", ["nonsense://", "localhost", "tcp://localhost:abc", ""])
@pytest.mark.parametrize("command", ["estimate", "compare"])
def test_a_scheduler_that_is_no_address_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         command: str, address: str) -> None:
    """Dask's ValueError for a malformed address was reported as an internal error (exit 1).

    Without the optional extra (removals[dask]) the usage error is the install hint instead.
    """
    import importlib.util

    path = tmp_path / "h.csv"
    path.write_bytes(GOOD)
    code, out, err = run(capsys, command, str(path), "--method", "Mt", "--scheduler", address)
    has_dask = importlib.util.find_spec("distributed") is not None
    assert_one_line_exit_2(code, err, "--scheduler", *([repr(address)] if has_dask else ["removals[dask]"]))
    assert out == ""


def test_report_data_that_is_a_fifo_is_named_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A FIFO (or folder) given as --data was reported as 'no such file'."""
    import os

    fifo = tmp_path / "h.csv"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "report", "analysis", "--data", str(fifo), "--out", str(tmp_path))
    assert_one_line_exit_2(code, err, "h.csv", "not a regular file")
    code, _, err = run(capsys, "report", "analysis", "--data", str(tmp_path), "--out", str(tmp_path))
    assert_one_line_exit_2(code, err, "is a directory")


@pytest.mark.parametrize(("sep", "word"), [(b";", "semicolons"), (b"\t", "tabs")])
def test_a_file_separated_by_semicolons_or_tabs_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        sep: bytes, word: str) -> None:
    """Was 'column 1 (name not shown): need at least 2 list columns, found 1' / 'no record_id column'."""
    path = tmp_path / "histories.csv"
    path.write_bytes(GOOD.replace(b",", sep))
    code, _, err = run(capsys, "validate", str(path))
    assert_one_line_exit_2(code, err, "histories.csv", f"separated by {word}")
    bad = raw_list(tmp_path, "a.csv", f"r1{sep.decode()}{SECRET_FAMILY}\n", header=f"record_id{sep.decode()}family_name")
    code, err = link(capsys, tmp_path, bad)
    assert_one_line_exit_2(code, err, "a.csv", f"separated by {word}")


def test_a_negative_seed_is_refused_by_link_and_report_before_any_work(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """'link --seed -1' was accepted (estimate and compare refuse it); 'report analysis --seed -1' failed inside the
    rendered report: exit 1, 'the report could not be rendered'."""
    a = raw_list(tmp_path, "a.csv", "r1,Коваленко,Олена,2012-05-04,F\n")
    code, _, err = run(capsys, "link", str(a), str(good_list(tmp_path)), "--out", str(tmp_path / "h.csv"),
                       "--seed", "-1")
    assert_one_line_exit_2(code, err, "--seed", "non-negative")
    assert not (tmp_path / "h.csv").exists()
    path = tmp_path / "histories.csv"
    path.write_bytes(GOOD)
    code, _, err = run(capsys, "report", "analysis", "--data", str(path), "--seed", "-1", "--out", str(tmp_path))
    assert_one_line_exit_2(code, err, "--seed", "non-negative")


@pytest.mark.parametrize("kind", ["folder", "not utf-8", "fifo"])
def test_a_bad_labels_file_is_a_usage_error(tmp_path: Path, kind: str) -> None:
    """'link --labels' on a folder or a non-UTF-8 file ended as an internal error (exit 1) after the whole
    linkage, and on a FIFO waited forever (a subprocess, so that a regression fails, not hangs)."""
    import os
    import subprocess
    import sys

    labels = tmp_path / "labels.csv"
    if kind == "folder":
        labels.mkdir()
    elif kind == "fifo":
        os.mkfifo(labels)
    else:
        labels.write_bytes(b"\xff\xfe# review\n")
    a = raw_list(tmp_path, "a.csv", "r1,Коваленко,Олена,2012-05-04,F\n")
    done = subprocess.run([sys.executable, "-m", "estimators.cli", "link", str(a), str(good_list(tmp_path)),
                           "--out", str(tmp_path / "h.csv"), "--labels", str(labels)],
                          capture_output=True, text=True, timeout=300)
    assert_one_line_exit_2(done.returncode, done.stderr, "labels.csv")
    assert not (tmp_path / "h.csv").exists()


# ---------------------------------------------------------------- the same rule for CSV and Parquet


def test_a_parquet_column_without_a_name_is_refused_as_in_csv(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV header cell without a name was refused, a Parquet column named '' became a list called ''."""
    import pandas as pd

    path = tmp_path / "h.parquet"
    pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "": [1, 1, 0], "count": [3, 4, 2]}).to_parquet(path)
    code, _, err = run(capsys, "validate", str(path))
    assert_one_line_exit_2(code, err, "h.parquet", "empty column name (position 3)")
