"""Reading and validating capture-history tables: the one place input is checked.

Every public entry point that takes a file or a table goes through
:func:`read_table` and :func:`validate_frame`.  Each problem raises
:class:`~estimators.exceptions.InputError` naming the file, the data row(s) (1-based,
header not counted; the CSV line number is given too) and the column(s).

Catalogue of rejected inputs (each has a test in ``tests/test_validation.py``):

* empty file, or a file with a header but no data rows;
* a file that is not UTF-8, or malformed CSV (ragged rows);
* an unsupported file type;
* a named list, stratum or count column that does not exist;
* fewer than two list columns;
* a list value other than 0/1 (text, 2, -1, 0.5, missing);
* a count that is missing, non-numeric, negative or fractional;
* the all-zero pattern (nobody can be observed on no list);
* a header row of numbers or dates (no header: the first record would become the
  column names), or a record-level list with personal-data columns (``record_id``,
  ``family_name``, ...: it must be linked first); neither is echoed;
* duplicate patterns (within a stratum), unless ``aggregate=True``;
* a list with no records;
* a missing stratum value.

Messages never echo non-numeric cell contents (a record-level file with names must not
leak them into logs); numeric values are shown.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .exceptions import InputError

COUNT_COLUMN = "count"

# Columns of a raw, record-level list (estimators.linkage.schema): a file with any of
# them holds personal data and must go through record linkage, not estimation.
_PERSONAL_COLUMNS = ("record_id", "family_name", "given_name", "patronymic", "birth_date")
_DATA_LIKE = re.compile(r"^(?:[+-]?\d+(?:[.,]\d+)?|\d{4}-\d{1,2}(?:-\d{1,2})?|\d{1,2}[./]\d{1,2}[./]\d{2,4})$")


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
    personal = [c for c in _PERSONAL_COLUMNS if c in {str(x).strip() for x in columns}]
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
        try:
            frame = pd.read_parquet(p)
        except Exception as exc:  # pyarrow raises several types
            raise InputError(f"cannot read as Parquet ({type(exc).__name__})", source=source) from None
        if frame.shape[0] == 0 or frame.shape[1] == 0:
            raise InputError("the file has no data rows", source=source)
        return Table(frame=frame.reset_index(drop=True), source=source, line_offset=None)
    if suffix not in (".csv", ".txt", ""):
        raise InputError(
            f"unsupported file type {suffix!r}; use .csv or .parquet", source=source
        )
    raw = p.read_bytes()
    if not raw.strip():
        raise InputError("the file is empty", source=source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text (invalid byte at line {line}); save the file as UTF-8",
            source=source,
        ) from None
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
            f"malformed CSV: expected {len(header)} fields per row as in the header",
            source=source,
            rows=ragged,
        )
    frame = pd.DataFrame(body, columns=header, dtype=object)
    frame = frame.apply(lambda col: col.str.strip())
    return Table(frame=frame, source=source, line_offset=1)


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
class ValidTable:
    """Validated pieces of a capture-history table."""

    lists: tuple[str, ...]
    patterns: np.ndarray  # (m, k) int8
    counts: np.ndarray  # (m,) int64
    strata_columns: tuple[str, ...]
    strata: np.ndarray  # (m, s) object (str)
    source: str


def validate_frame(
    table: Table | pd.DataFrame,
    *,
    lists: Sequence[str] | None = None,
    strata: Sequence[str] | None = None,
    count: str | None = COUNT_COLUMN,
    aggregate: bool = False,
    source: str | None = None,
) -> ValidTable:
    """Validate a frequency table or record-level table.

    Parameters
    ----------
    table : Table or DataFrame
        Raw table.  A ``count`` column makes it a frequency table; without one each row
        is one record.
    lists : list columns.  Default: every column that is neither ``count`` nor a stratum.
    strata : stratum column names (e.g. ``["origin"]``).
    count : name of the count column, or None for record-level data.  When the default
        ``"count"`` is not among the columns, rows are records.
    aggregate : sum duplicate patterns instead of rejecting them.
    source : name used in messages (default: the file name or ``"<table>"``).

    Raises
    ------
    InputError
        For any problem in the catalogue of this module's docstring.
    """
    if isinstance(table, Table):
        frame, src, offset = table.frame, table.source, table.line_offset
    else:
        frame, src, offset = table, "<table>", None
    src = source or src
    frame = frame.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    columns = list(frame.columns)
    if isinstance(table, Table):  # a file (a DataFrame built in code may have numbered columns)
        check_header(columns, src)
    if frame.shape[0] == 0:
        raise InputError("the table has no data rows", source=src)
    strata_cols = tuple(strata or ())
    missing = [c for c in strata_cols if c not in columns]
    if missing:
        raise InputError(
            f"stratum column not found; columns are {', '.join(columns)}",
            source=src,
            columns=missing,
        )
    count_col = count
    if count_col is not None and count_col not in columns:
        if count != COUNT_COLUMN:
            raise InputError(
                f"count column not found; columns are {', '.join(columns)}",
                source=src,
                columns=[count_col],
            )
        count_col = None
    if lists is None:
        list_cols = tuple(c for c in columns if c not in strata_cols and c != count_col)
    else:
        list_cols = tuple(lists)
        missing = [c for c in list_cols if c not in columns]
        if missing:
            raise InputError(
                f"list column not found; columns are {', '.join(columns)}",
                source=src,
                columns=missing,
            )
    if len(set(list_cols)) != len(list_cols):
        raise InputError("a list column is named twice", source=src)
    if len(list_cols) < 2:
        raise InputError(
            f"need at least 2 list columns (0/1), found {len(list_cols)}",
            source=src,
            columns=list(list_cols),
        )

    def err(problem: str, rows: list[int], cols: Sequence[str]) -> InputError:
        return InputError(problem, source=src, rows=rows, columns=cols, line_offset=offset)

    k = len(list_cols)
    pats = np.zeros((len(frame), k), dtype=np.int8)
    for j, col in enumerate(list_cols):
        values = _numeric(frame[col])
        bad = values.isna() | ~values.isin([0, 1])
        if bad.any():
            rows = _bad_rows(bad)
            hint = ""
            if values.isna().all() and not strata_cols:
                hint = f" (if {col!r} is a stratum, pass it as a stratum column)"
            raise err(
                f"list values must be 0 or 1; found {_describe(frame[col], rows)}{hint}",
                rows,
                [col],
            )
        pats[:, j] = values.to_numpy().astype(np.int8)

    if count_col is not None:
        raw = frame[count_col]
        values = _numeric(raw)
        missing_count = raw.isna() | (raw.astype(str).str.strip() == "")
        if missing_count.any():
            raise err("missing count", _bad_rows(missing_count), [count_col])
        if values.isna().any():
            rows = _bad_rows(values.isna())
            raise err("count is not a number (value not shown)", rows, [count_col])
        if (values < 0).any():
            rows = _bad_rows(values < 0)
            raise err(f"count is negative ({_describe(raw, rows)})", rows, [count_col])
        fractional = values != np.round(values)
        if fractional.any():
            rows = _bad_rows(fractional)
            raise err(f"count is not a whole number ({_describe(raw, rows)})", rows, [count_col])
        counts = values.to_numpy().astype(np.int64)
    else:
        counts = np.ones(len(frame), dtype=np.int64)

    zero = pats.sum(axis=1) == 0
    if zero.any():
        raise err(
            "the all-zero capture pattern is not allowed (nobody is observed on no list)",
            _bad_rows(zero),
            list(list_cols),
        )

    if strata_cols:
        svals = frame[list(strata_cols)].astype(object)
        miss = svals.isna().any(axis=1) | (svals.astype(str).apply(lambda s: s.str.strip()) == "").any(axis=1)
        if miss.any():
            rows = _bad_rows(miss)
            bad_cols = [c for c in strata_cols if (svals[c].isna() | (svals[c].astype(str).str.strip() == "")).iloc[rows[0] - 1]]
            raise err("missing stratum value", rows, bad_cols)
        strata_arr = svals.astype(str).to_numpy()
    else:
        strata_arr = np.empty((len(frame), 0), dtype=object)

    if count_col is not None:
        key = pd.DataFrame(pats, columns=list(list_cols))
        for j, _c in enumerate(strata_cols):
            key[f"__stratum_{j}"] = strata_arr[:, j]
        dup = key.duplicated(keep=False)
        if dup.any() and not aggregate:
            rows = _bad_rows(dup)
            raise err(
                "duplicate capture patterns"
                + (" within a stratum" if strata_cols else "")
                + "; combine them or ask to aggregate (--aggregate)",
                rows,
                list(list_cols),
            )

    # aggregate identical (pattern, stratum) rows; drop zero counts
    key_cols = [f"L{j}" for j in range(k)] + [f"S{j}" for j in range(len(strata_cols))]
    agg = pd.DataFrame(pats, columns=key_cols[:k])
    for j in range(len(strata_cols)):
        agg[f"S{j}"] = strata_arr[:, j]
    agg["count"] = counts
    agg = agg.groupby(key_cols, sort=True, as_index=False)["count"].sum()  # type: ignore[assignment]
    agg = agg[agg["count"] > 0]
    out_pats = agg[key_cols[:k]].to_numpy().astype(np.int8)
    out_counts = agg["count"].to_numpy().astype(np.int64)
    out_strata = agg[key_cols[k:]].to_numpy().astype(object) if strata_cols else np.empty((len(agg), 0), dtype=object)

    sizes = (out_pats * out_counts[:, None]).sum(axis=0)
    empty = [c for c, s in zip(list_cols, sizes, strict=False) if s == 0]
    if empty:
        raise InputError(
            "list has no records (every value is 0, or only zero counts); drop it",
            source=src,
            columns=empty,
        )
    return ValidTable(
        lists=tuple(list_cols),
        patterns=out_pats,
        counts=out_counts,
        strata_columns=strata_cols,
        strata=out_strata,
        source=src,
    )
