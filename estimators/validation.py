"""Every input check, once, at the door: files, capture-history tables and settings.

Data checks
-----------
:func:`read_table` reads a CSV or Parquet file; :func:`validate_table` runs the table
checks below in order and returns the parsed, *unaggregated* rows
(:class:`CheckedRows`), which :class:`~estimators.histories.CaptureHistories` then
aggregates.  Each check is its own function (as Rcapture's ``valid.*``) and raises
:class:`~estimators.exceptions.InputError` naming the file, the data row(s) (1-based,
header not counted; the CSV line number is given too) and the column(s).

Catalogue of rejected inputs (each has a test in ``tests/test_validation.py``):

* empty file, or a file with a header but no data rows (:func:`read_table`);
* a file that is not UTF-8, or malformed CSV (ragged rows) (:func:`read_table`);
* an unsupported file type (:func:`read_table`);
* a header row of numbers or dates (no header: the first record would become the
  column names), or a record-level list with personal-data columns (``record_id``,
  ``family_name``, ...: it must be linked first); neither is echoed
  (:func:`check_header`);
* a named list, stratum or count column that does not exist (:func:`check_columns`);
* fewer than two list columns (:func:`check_columns`);
* a list value other than 0/1 (text, 2, -1, 0.5, missing) (:func:`check_list_values`);
* a count that is missing, non-numeric, negative or fractional (:func:`check_counts`);
* the all-zero pattern (nobody can be observed on no list) (:func:`check_no_zero_pattern`);
* a missing stratum value (:func:`check_strata`);
* duplicate patterns within a stratum, unless ``aggregate=True`` (:func:`check_duplicates`);
* a list with no records (:func:`check_lists_nonempty`).

Messages never echo non-numeric cell contents (a record-level file with names must not
leak them into logs); numeric values are shown.

Settings checks
---------------
:func:`check_level`, :func:`check_int`, :func:`check_number` and :func:`check_choice`
validate the keyword settings of every estimator spec with scikit-learn-style messages
(the setting, the allowed values and the value received) and raise
:class:`~estimators.exceptions.SettingsError` (a ``ValueError``).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .exceptions import InputError, SettingsError

COUNT_COLUMN = "count"

# Columns of a raw, record-level list (estimators.linkage.schema): a file with any of
# them holds personal data and must go through record linkage, not estimation.
PERSONAL_COLUMNS = ("record_id", "family_name", "given_name", "patronymic", "birth_date")
_DATA_LIKE = re.compile(r"^(?:[+-]?\d+(?:[.,]\d+)?|\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}[./]\d{1,2}[./]\d{2,4})$")


# ------------------------------------------------------------------------ settings


def check_level(value: Any, name: str = "level") -> None:
    """A probability strictly between 0 and 1 (an interval level)."""
    if isinstance(value, bool) or not (isinstance(value, (int, float)) and 0.0 < float(value) < 1.0):
        raise SettingsError(f"{name} must be strictly between 0 and 1; got {value!r}")


def check_int(value: Any, name: str, *, minimum: int | None = None, optional: bool = False) -> None:
    """An integer (not a bool), at least ``minimum``; None allowed when ``optional``."""
    if value is None and optional:
        return
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or (
        minimum is not None and value < minimum
    ):
        if minimum is None:
            want = "an integer"
        elif minimum == 0:
            want = "a non-negative integer"
        elif minimum == 1:
            want = "a positive integer"
        else:
            want = f"an integer >= {minimum}"
        raise SettingsError(f"{name} must be {want}; got {value!r}")


def check_number(
    value: Any,
    name: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    strict: bool = False,
    optional: bool = False,
) -> None:
    """A real number within ``[minimum, maximum]`` (open bounds when ``strict``)."""
    if value is None and optional:
        return
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)
    if ok:
        v = float(value)
        ok = np.isfinite(v)
        if ok and minimum is not None:
            ok = v > minimum if strict else v >= minimum
        if ok and maximum is not None:
            ok = v < maximum if strict else v <= maximum
    if not ok:
        if minimum is not None and maximum is not None:
            want = f"a number {'strictly ' if strict else ''}between {minimum:g} and {maximum:g}"
        elif minimum is not None:
            want = f"a number {'>' if strict else '>='} {minimum:g}"
        elif maximum is not None:
            want = f"a number {'<' if strict else '<='} {maximum:g}"
        else:
            want = "a finite number"
        raise SettingsError(f"{name} must be {want}; got {value!r}")


def check_choice(value: Any, name: str, choices: Sequence[Any]) -> None:
    """One of ``choices``."""
    if value not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(map(str, choices))}; got {value!r}")


# ------------------------------------------------------------------------ files


def header_looks_like_data(columns: Sequence[object]) -> bool:
    """Whether a header row holds numbers or dates, i.e. the file probably has no header.

    Without a header row, the first record becomes the column names, and an error message
    naming a column would echo a record (a name, a birth date, an identifier).  Callers
    refuse such a header without showing it.
    """
    return any(_DATA_LIKE.match(str(c).strip()) for c in columns)


def check_header(columns: Sequence[object], source: str) -> None:
    """Refuse a header that looks like data or a record-level list, without echoing it.

    Raises
    ------
    InputError
        If the header holds numbers or dates (no header row?) or names a personal-data
        column of a raw list (``record_id``, ``family_name``, ...).
    """
    if header_looks_like_data(columns):
        raise InputError(
            "the first row holds numbers or dates, not column names: the file needs a header row "
            "(its values are not shown, as they may be a record)",
            source=source,
        )
    personal = [c for c in PERSONAL_COLUMNS if c in {str(x).strip() for x in columns}]
    if personal:
        raise InputError(
            "this is a record-level list with personal data, not capture histories: link the lists "
            "first ('removals link LIST.csv LIST.csv ... --out histories.csv') and estimate on its output",
            source=source,
            columns=personal,
        )


@dataclass(frozen=True)
class Table:
    """A raw table as read from disk, with the name used in messages."""

    frame: pd.DataFrame
    source: str
    line_offset: int | None  # data row r is on line r + line_offset (CSV); None otherwise


def read_table(path: str | os.PathLike[str]) -> Table:
    """Read a CSV or Parquet file as strings (CSV) or native types (Parquet).

    Raises
    ------
    InputError
        If the file is missing, empty, not UTF-8, malformed or of an unknown type.
    """
    p = Path(path)
    source = str(path)
    if not p.exists():
        raise InputError("file not found", source=source)
    if p.is_dir():
        raise InputError("is a directory, not a data file", source=source)
    suffix = p.suffix.lower()
    if suffix == ".parquet":
        return _read_parquet(p, source)
    if suffix not in (".csv", ".txt", ""):
        raise InputError(f"unsupported file type {suffix!r}; use .csv or .parquet", source=source)
    return _read_csv(p, source)


def _read_parquet(p: Path, source: str) -> Table:
    try:
        frame = pd.read_parquet(p)
    except Exception as exc:  # pyarrow raises several types
        raise InputError(f"cannot read as Parquet ({type(exc).__name__})", source=source) from None
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise InputError("the file has no data rows", source=source)
    return Table(frame=frame.reset_index(drop=True), source=source, line_offset=None)


def _read_csv(p: Path, source: str) -> Table:
    raw = p.read_bytes()
    if not raw.strip():
        raise InputError("the file is empty", source=source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (invalid byte at line {line}); save the file as UTF-8", source=source) from None
    rows = list(csv.reader(io.StringIO(text)))
    rows = [r for r in rows if any(cell.strip() for cell in r)] if rows else rows
    if not rows:
        raise InputError("the file is empty", source=source)
    header = [h.strip() for h in rows[0]]
    check_header(header, source)
    if any(h == "" for h in header):
        cols = [str(i + 1) for i, h in enumerate(header) if h == ""]
        raise InputError(f"header has an empty column name (position {', '.join(cols)})", source=source)
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise InputError("header repeats a column name", source=source, columns=dupes)
    body = rows[1:]
    if not body:
        raise InputError("the file has a header but no data rows", source=source)
    ragged = [i + 1 for i, r in enumerate(body) if len(r) != len(header)]
    if ragged:
        raise InputError(
            f"malformed CSV: expected {len(header)} fields per row as in the header", source=source, rows=ragged
        )
    frame = pd.DataFrame(body, columns=header, dtype=object)
    frame = frame.apply(lambda col: col.str.strip())
    return Table(frame=frame, source=source, line_offset=1)


# ------------------------------------------------------------------------ tables


def _numeric(series: pd.Series) -> pd.Series:
    if series.dtype == object:
        cleaned = series.replace("", np.nan)
        return pd.to_numeric(cleaned, errors="coerce")
    return pd.to_numeric(series, errors="coerce")


def _bad_rows(mask: pd.Series | np.ndarray) -> list[int]:
    return [int(i) + 1 for i in np.flatnonzero(np.asarray(mask))]


def _describe(series: pd.Series, rows: list[int]) -> str:
    """Describe the first offending value without echoing text."""
    value = series.iloc[rows[0] - 1]
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
        return "missing value"
    num = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    if pd.isna(num):
        return "a non-numeric value (not shown)"
    return f"value {num:g}"


@dataclass(frozen=True)
class _Where:
    """Where a table came from, for messages."""

    source: str
    line_offset: int | None

    def error(self, problem: str, rows: Sequence[int] | None = None, columns: Sequence[str] | None = None) -> InputError:
        return InputError(problem, source=self.source, rows=rows, columns=columns, line_offset=self.line_offset)


@dataclass(frozen=True)
class Columns:
    """The roles of a table's columns after :func:`check_columns`."""

    lists: tuple[str, ...]
    strata: tuple[str, ...]
    count: str | None


@dataclass(frozen=True)
class CheckedRows:
    """A table's rows after every check: one entry per input row, not aggregated.

    :class:`~estimators.histories.CaptureHistories` is the only place rows are
    aggregated (identical pattern and stratum summed, zero counts dropped).
    """

    lists: tuple[str, ...]
    patterns: np.ndarray  # (rows, k) int8
    counts: np.ndarray  # (rows,) int64
    strata_columns: tuple[str, ...]
    strata: np.ndarray  # (rows, s) object (str)
    source: str


def check_columns(
    columns: Sequence[str],
    where: _Where,
    *,
    lists: Sequence[str] | None,
    strata: Sequence[str] | None,
    count: str | None,
) -> Columns:
    """Resolve list, stratum and count columns; every named column must exist, >= 2 lists."""
    columns = list(columns)
    strata_cols = tuple(strata or ())
    missing = [c for c in strata_cols if c not in columns]
    if missing:
        raise where.error(f"stratum column not found; columns are {', '.join(columns)}", columns=missing)
    count_col = count
    if count_col is not None and count_col not in columns:
        if count != COUNT_COLUMN:
            raise where.error(f"count column not found; columns are {', '.join(columns)}", columns=[count_col])
        count_col = None  # the default count column is optional: rows are records
    if lists is None:
        list_cols = tuple(c for c in columns if c not in strata_cols and c != count_col)
    else:
        list_cols = tuple(lists)
        missing = [c for c in list_cols if c not in columns]
        if missing:
            raise where.error(f"list column not found; columns are {', '.join(columns)}", columns=missing)
    if len(set(list_cols)) != len(list_cols):
        raise where.error("a list column is named twice")
    if len(list_cols) < 2:
        raise where.error(f"need at least 2 list columns (0/1), found {len(list_cols)}", columns=list(list_cols))
    return Columns(lists=list_cols, strata=strata_cols, count=count_col)


def check_list_values(frame: pd.DataFrame, cols: Columns, where: _Where) -> np.ndarray:
    """Every list value is 0 or 1; returns the (rows, k) int8 pattern matrix."""
    pats = np.zeros((len(frame), len(cols.lists)), dtype=np.int8)
    for j, col in enumerate(cols.lists):
        values = _numeric(frame[col])
        bad = values.isna() | ~values.isin([0, 1])
        if bad.any():
            rows = _bad_rows(bad)
            hint = ""
            if values.isna().all() and not cols.strata:
                hint = f" (if {col!r} is a stratum, pass it as a stratum column)"
            raise where.error(f"list values must be 0 or 1; found {_describe(frame[col], rows)}{hint}", rows, [col])
        pats[:, j] = values.to_numpy().astype(np.int8)
    return pats


def check_counts(frame: pd.DataFrame, cols: Columns, where: _Where) -> np.ndarray:
    """Counts are present, numeric, non-negative whole numbers; ones for record-level rows."""
    if cols.count is None:
        return np.ones(len(frame), dtype=np.int64)
    raw = frame[cols.count]
    values = _numeric(raw)
    missing_count = raw.isna() | (raw.astype(str).str.strip() == "")
    if missing_count.any():
        raise where.error("missing count", _bad_rows(missing_count), [cols.count])
    if values.isna().any():
        raise where.error("count is not a number (value not shown)", _bad_rows(values.isna()), [cols.count])
    if (values < 0).any():
        rows = _bad_rows(values < 0)
        raise where.error(f"count is negative ({_describe(raw, rows)})", rows, [cols.count])
    fractional = values != np.round(values)
    if fractional.any():
        rows = _bad_rows(fractional)
        raise where.error(f"count is not a whole number ({_describe(raw, rows)})", rows, [cols.count])
    return values.to_numpy().astype(np.int64)


def check_no_zero_pattern(patterns: np.ndarray, cols: Columns, where: _Where) -> None:
    """No row has the all-zero pattern (nobody is observed on no list)."""
    zero = patterns.sum(axis=1) == 0
    if zero.any():
        raise where.error(
            "the all-zero capture pattern is not allowed (nobody is observed on no list)",
            _bad_rows(zero),
            list(cols.lists),
        )


def check_strata(frame: pd.DataFrame, cols: Columns, where: _Where) -> np.ndarray:
    """No stratum value is missing; returns the (rows, s) array of labels as strings."""
    if not cols.strata:
        return np.empty((len(frame), 0), dtype=object)
    svals = frame[list(cols.strata)].astype(object)
    blank = svals.isna() | (svals.astype(str).apply(lambda s: s.str.strip()) == "")
    miss = blank.any(axis=1)
    if miss.any():
        rows = _bad_rows(miss)
        bad_cols = [c for c in cols.strata if bool(blank[c].iloc[rows[0] - 1])]
        raise where.error("missing stratum value", rows, bad_cols)
    return svals.astype(str).to_numpy()


def check_duplicates(patterns: np.ndarray, strata: np.ndarray, cols: Columns, where: _Where) -> None:
    """A frequency table lists each pattern once per stratum."""
    if cols.count is None:
        return  # record-level rows: repeats are different people
    key = pd.DataFrame(patterns, columns=list(cols.lists))
    for j in range(strata.shape[1]):
        key[f"__stratum_{j}"] = strata[:, j]
    dup = key.duplicated(keep=False)
    if dup.any():
        raise where.error(
            "duplicate capture patterns"
            + (" within a stratum" if cols.strata else "")
            + "; combine them or ask to aggregate (--aggregate)",
            _bad_rows(dup),
            list(cols.lists),
        )


def check_lists_nonempty(patterns: np.ndarray, counts: np.ndarray, cols: Columns, where: _Where) -> None:
    """Every list has at least one person."""
    sizes = (patterns.astype(np.int64) * counts[:, None]).sum(axis=0)
    empty = [c for c, s in zip(cols.lists, sizes, strict=True) if s == 0]
    if empty:
        raise where.error("list has no records (every value is 0, or only zero counts); drop it", columns=empty)


def validate_table(
    table: Table | pd.DataFrame,
    *,
    lists: Sequence[str] | None = None,
    strata: Sequence[str] | None = None,
    count: str | None = COUNT_COLUMN,
    aggregate: bool = False,
    source: str | None = None,
) -> CheckedRows:
    """Run every table check on a frequency table or record-level table.

    Parameters
    ----------
    table : Table or DataFrame
        Raw table.  A ``count`` column makes it a frequency table; without one each row
        is one record.
    lists : list columns.  Default: every column that is neither ``count`` nor a stratum.
    strata : stratum column names (e.g. ``["origin"]``).
    count : name of the count column, or None for record-level data.  When the default
        ``"count"`` is not among the columns, rows are records.
    aggregate : accept duplicate patterns (they are summed) instead of rejecting them.
    source : name used in messages (default: the file name or ``"<table>"``).

    Returns
    -------
    CheckedRows
        The parsed rows, one per input row.

    Raises
    ------
    InputError
        For any problem in the catalogue of this module's docstring.
    """
    if isinstance(table, Table):
        frame, where = table.frame, _Where(source or table.source, table.line_offset)
    else:
        frame, where = table, _Where(source or "<table>", None)
    frame = frame.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    if isinstance(table, Table):  # a file (a DataFrame built in code may have numbered columns)
        check_header(list(frame.columns), where.source)
    if frame.shape[0] == 0:
        raise where.error("the table has no data rows")
    cols = check_columns(list(frame.columns), where, lists=lists, strata=strata, count=count)
    patterns = check_list_values(frame, cols, where)
    counts = check_counts(frame, cols, where)
    check_no_zero_pattern(patterns, cols, where)
    strata_arr = check_strata(frame, cols, where)
    if not aggregate:
        check_duplicates(patterns, strata_arr, cols, where)
    check_lists_nonempty(patterns, counts, cols, where)
    return CheckedRows(
        lists=cols.lists,
        patterns=patterns,
        counts=counts,
        strata_columns=cols.strata,
        strata=strata_arr,
        source=where.source,
    )
