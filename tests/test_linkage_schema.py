"""Raw-list schema: clear errors that name file, row and column, and never echo values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from estimators.cli import main
from estimators.exceptions import InputError
from estimators.linkage.schema import COLUMNS, read_list, read_lists, validate_list

SECRET_NAME = "Ярослава"
SECRET_FAMILY = "Приходькович"
SECRET_ID = "ID-SECRET-778899"
SECRET_DATE = "2013-02-30"


def good_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record_id": ["r1", "r2", SECRET_ID],
            "family_name": ["Коваленко", "Kovalenko", SECRET_FAMILY],
            "given_name": ["Олена", "Olena", SECRET_NAME],
            "birth_date": ["2012-05-04", "2012-05", "2013"],
            "sex": ["F", "F", ""],
        }
    )


def write(tmp_path: Path, frame: pd.DataFrame, name: str = "official.csv") -> Path:
    p = tmp_path / name
    frame.to_csv(p, index=False)
    return p


def assert_no_values(text: str) -> None:
    for secret in (SECRET_NAME, SECRET_FAMILY, SECRET_ID, SECRET_DATE, "2013-02-30"):
        assert secret not in text


def test_a_valid_list_is_read_with_every_schema_column(tmp_path: Path) -> None:
    raw = read_list(write(tmp_path, good_rows()))
    assert raw.name == "official" and raw.size == 3
    assert list(raw.frame.columns) == list(COLUMNS)
    assert raw.frame.loc[2, "sex"] == ""


def test_parquet_lists_are_read(tmp_path: Path) -> None:
    p = tmp_path / "ngo.parquet"
    good_rows().to_parquet(p)
    assert read_list(p).name == "ngo"


@pytest.mark.parametrize(
    ("change", "column", "row"),
    [
        (lambda f: f.assign(record_id=["r1", SECRET_ID, SECRET_ID]), "record_id", 2),
        (lambda f: f.assign(birth_date=["2012-05-04", SECRET_DATE, "2013"]), "birth_date", 2),
        (lambda f: f.assign(birth_date=["2012-05-04", "2012-05", "05/2013"]), "birth_date", 3),
        (lambda f: f.assign(sex=["F", "female", ""]), "sex", 2),
        (lambda f: f.assign(record_id=["r1", "", "r3"]), "record_id", 2),
    ],
)
def test_schema_violations_name_file_row_and_column_not_the_value(tmp_path: Path, change, column: str,
                                                                  row: int) -> None:
    p = write(tmp_path, change(good_rows()))
    with pytest.raises(InputError) as info:
        read_list(p)
    message = str(info.value)
    assert "official.csv" in message and f"'{column}'" in message
    assert f"row {row} " in message or f"rows {row}," in message
    assert_no_values(message)


def test_unknown_columns_are_reported_not_dropped(tmp_path: Path) -> None:
    p = write(tmp_path, good_rows().assign(mothers_name=["a", "b", "c"]))
    with pytest.raises(InputError, match="unknown column") as info:
        read_list(p)
    assert "mothers_name" in str(info.value)


def test_missing_record_id_column() -> None:
    with pytest.raises(InputError, match="no 'record_id' column in the header row"):
        validate_list(good_rows().drop(columns="record_id"), name="x")


def test_a_file_without_header_row_is_refused_without_echoing_its_first_record(tmp_path: Path, capsys) -> None:
    """Without a header the first record becomes the column names: no message may show them."""
    p = tmp_path / "nohdr.csv"
    p.write_text(f"{SECRET_ID},{SECRET_FAMILY},{SECRET_NAME},2012-05-04,F\nr2,Коваленко,Олена,2012-05,F\n",
                 encoding="utf-8")
    with pytest.raises(InputError, match="no 'record_id' column") as info:
        read_list(p)
    assert_no_values(str(info.value))
    assert "2012-05-04" not in str(info.value)
    # the same file given to 'estimate' (capture histories expected) is refused the same way
    assert main(["estimate", str(p)]) == 2
    err = capsys.readouterr().err
    assert "numbers or dates, not column names" in err and err.count("\n") == 1
    assert_no_values(err)
    assert "2012-05-04" not in err


def test_a_raw_list_given_to_estimate_is_sent_to_link(tmp_path: Path, capsys) -> None:
    p = write(tmp_path, good_rows())
    assert main(["estimate", str(p)]) == 2
    err = capsys.readouterr().err
    assert "record-level list with personal data" in err and "removals link" in err
    assert_no_values(err)


def test_ragged_csv_names_the_line_not_the_content(tmp_path: Path) -> None:
    p = tmp_path / "ragged.csv"
    p.write_text(f"record_id,family_name\nr1,Коваленко\n{SECRET_ID},{SECRET_FAMILY},extra\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 3 has 3 fields, the header 2") as info:
        read_list(p)
    assert_no_values(str(info.value))


def test_a_file_that_is_not_utf8_says_so_with_the_line(tmp_path: Path) -> None:
    p = tmp_path / "cp1251.csv"
    p.write_bytes(f"record_id,family_name\nr1,{SECRET_FAMILY}\n".encode("cp1251"))
    with pytest.raises(InputError, match="not UTF-8 text .*line 2") as info:
        read_list(p)
    assert_no_values(str(info.value))


def test_removal_before_birth_is_impossible(tmp_path: Path) -> None:
    rows = good_rows().assign(removal_date=["2022-09-01", "2012-04", "2013"])  # row 2: April 2012 < May 2012
    with pytest.raises(InputError, match="removal_date is before birth_date") as info:
        read_list(write(tmp_path, rows))
    message = str(info.value)
    assert "row 2 (line 3)" in message and "'birth_date', 'removal_date'" in message
    # same year at year precision is not a contradiction
    validate_list(good_rows().assign(removal_date=["2022", "2012", "2013"]), name="x")


@pytest.mark.parametrize("column", ["birth_date", "record_id"])
def test_parquet_list_column_stored_as_the_index_is_kept(tmp_path: Path, column: str) -> None:
    # was: pd.read_parquet made it the index and every birth date (or the required record_id) was lost
    p = tmp_path / "ngo.parquet"
    good_rows().set_index(column).to_parquet(p)
    raw = read_list(p)
    assert raw.frame[column].tolist() == good_rows()[column].tolist()
    assert raw.frame["family_name"].tolist() == good_rows()["family_name"].tolist()


def test_parquet_list_default_or_unnamed_index_gains_no_column(tmp_path: Path) -> None:
    for i, frame in enumerate([good_rows(), good_rows().iloc[1:], good_rows().set_axis([5, 9, 2])]):
        p = tmp_path / f"l{i}.parquet"
        frame.to_parquet(p)  # pandas' default index=None: RangeIndex as metadata, any other as a column
        raw = read_list(p)  # an extra column would be refused as unknown
        assert raw.frame["record_id"].tolist() == frame["record_id"].tolist()


def test_parquet_rows_have_no_csv_line_numbers(tmp_path: Path) -> None:
    p = tmp_path / "list.pq"
    good_rows().assign(sex=["F", "X", ""]).to_parquet(p, index=False)
    with pytest.raises(InputError, match="sex must be") as info:
        read_list(p)
    assert "row 2" in str(info.value) and "line" not in str(info.value)


def test_lists_need_distinct_names_and_at_least_two(tmp_path: Path) -> None:
    a = write(tmp_path, good_rows(), "a.csv")
    with pytest.raises(InputError, match="at least two"):
        read_lists([a])
    with pytest.raises(InputError, match="two lists are named"):
        read_lists([f"x={a}", f"x={a}"])
    b = write(tmp_path, good_rows().iloc[:2], "b.csv")
    assert [r.name for r in read_lists([f"first={a}", f"second={b}"])] == ["first", "second"]


def test_one_list_given_twice_is_refused(tmp_path: Path, capsys) -> None:
    # was: x=FILE y=FILE was linked, every record seen by both "lists", x and y histories identical
    a = write(tmp_path, good_rows(), "a.csv")
    other = write(tmp_path, good_rows().assign(sex=["F", "F", "M"]), "other.csv")
    copy = tmp_path / "copy.parquet"  # the same records in another order and format
    good_rows().iloc[::-1].to_parquet(copy)
    for x, y, where in ((a, a, "a.csv: "), (a, copy, "a.csv, copy.parquet: ")):
        code = main(["link", f"x={x}", f"y={y}", f"z={other}", "--out", str(tmp_path / "h.csv")])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and err.startswith("removals: error:"), err
        assert where + "lists 'x' and 'y' have identical content" in err
        assert_no_values(err)
        assert not (tmp_path / "h.csv").exists()


def test_cli_link_bad_input_is_one_line_exit_2_without_values(tmp_path: Path, capsys) -> None:
    a = write(tmp_path, good_rows(), "a.csv")
    b = write(tmp_path, good_rows().assign(birth_date=["2012-05-04", "2012-05", SECRET_DATE]), "b.csv")
    code = main(["link", str(a), str(b), "--out", str(tmp_path / "h.csv")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("removals: error:")
    assert "b.csv" in err and "row 3" in err and "'birth_date'" in err
    assert_no_values(err)
    assert not (tmp_path / "h.csv").exists()


@pytest.mark.parametrize(("removal", "refused"), [
    ("2024-06-16", True), ("2024-07", True), ("2025", True),  # after 15 June 2024 at the precision written
    ("2024-06-15", False), ("2024-06", False), ("2024", False), ("2023-01-01", False),  # not certainly after it
])
def test_a_removal_after_the_date_of_the_run_is_refused(tmp_path: Path, capsys, monkeypatch,
                                                        removal: str, refused: bool) -> None:
    # was: a removal_date in the future (2030-05-05) was linked as any other date
    from estimators.linkage import schema

    monkeypatch.setattr(schema, "run_date", lambda: __import__("datetime").date(2024, 6, 15))
    a = write(tmp_path, good_rows(), "a.csv")
    b = write(tmp_path, good_rows().assign(removal_date=["2023-01-01", "", removal]), "b.csv")
    if not refused:
        assert read_lists([a, b])[1].frame.loc[2, "removal_date"] == removal
        return
    code = main(["link", str(a), str(b), "--out", str(tmp_path / "h.csv")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("removals: error:"), err
    assert "b.csv, row 3 (line 4), column 'removal_date'" in err and "2024-06-15" in err and "future" in err
    assert removal not in err.replace("2024-06-15", "")
    assert_no_values(err)
    assert not (tmp_path / "h.csv").exists()


@pytest.mark.parametrize("name", ["count", "Count", "destination", "sex"])
def test_a_list_cannot_take_a_column_name_of_the_histories(tmp_path, name):
    """Issue 13: a list named 'count' used to fail deep in the linkage (exit 1)."""
    path = tmp_path / "a.csv"
    path.write_text("record_id,family_name\n1,Koval\n")
    with pytest.raises(InputError, match="cannot be named"):
        read_lists([f"{name}={path}"])
