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
* a column in two roles: list and stratum, list and count, stratum and count
  (:func:`check_column_roles`);
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

import collections
import csv
import io
import math
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ._lazy import lazy_module
from .exceptions import InputError, SettingsError

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")


COUNT_COLUMN = "count"
#: Largest count of one row, and of a whole table: no list holds more people.  Beyond
#: it numbers are refused rather than cast (int64 wrap-around) or lost to rounding.
MAX_COUNT = 10**9
#: Largest input file in MB by default (``REMOVALS_MAX_FILE_MB`` changes it): a CSV file is
#: held in memory as Python strings, at several times its size.
MAX_FILE_MB = 500
#: Most lists of a capture-history table (a pattern is a 64-bit integer code).
MAX_LISTS = 60
#: Most columns of an input table (a capture-history file has one per list, plus strata and count).
MAX_COLUMNS = 1_000
#: Longest CSV cell, in characters.
MAX_CELL_CHARS = 131_072

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
    """A raw table as read from disk: its columns' cells, with the name used in messages.

    Cells are held as one NumPy array per column (object arrays of stripped strings for a
    CSV file; a DataFrame's numeric columns keep their dtype), so checking a CSV file
    needs no pandas (``removals validate`` starts in a fraction of a second).
    """

    columns: tuple[str, ...]
    cells: dict[str, np.ndarray]
    source: str
    line_offset: int | None  # data row r is on line r + line_offset (CSV); None otherwise
    row_lines: tuple[int, ...] | None = None  # CSV: the line each data row starts on (overrides line_offset)

    @property
    def n_rows(self) -> int:
        """Number of data rows."""
        return len(self.cells[self.columns[0]]) if self.columns else 0

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, source: str, line_offset: int | None = None) -> Table:
        """The cells of a DataFrame (an API caller's table or a Parquet file); column names as text."""
        columns = tuple(str(c) for c in frame.columns)
        blank = [i + 1 for i, c in enumerate(columns) if not c.strip()]
        if blank:  # as a CSV header: a column with no name cannot be named in a message or an output
            raise InputError(f"header has an empty column name (position {', '.join(map(str, blank))})",
                             source=source)
        seen: collections.Counter[str] = collections.Counter(columns)
        dupes = [i + 1 for i, c in enumerate(columns) if seen[c] > 1]
        if dupes:
            raise InputError("the table repeats a column name (at positions "
                             f"{', '.join(map(str, dupes))}); give every column its own name", source=source)
        cells = {name: _column_cells(frame.iloc[:, j]) for j, name in enumerate(columns)}
        return cls(columns=columns, cells=cells, source=source, line_offset=line_offset)


def _column_cells(series: pd.Series) -> np.ndarray:
    """A column's cells: numeric and boolean NumPy dtypes as they are, anything else as objects.

    Bytes (a Parquet binary column) are decoded as UTF-8 text, as a CSV file's cells are.
    """
    values = series.to_numpy()
    if isinstance(values, np.ndarray) and values.dtype.kind in "biuf":
        return values
    cells = np.asarray(series.to_numpy(dtype=object), dtype=object)
    binary = [i for i, v in enumerate(cells.tolist()) if isinstance(v, (bytes, bytearray))]
    if binary:
        cells = cells.copy()  # the frame's own array may be read-only (copy-on-write)
    for i in binary:
        cells[i] = bytes(cells[i]).decode("utf-8", "replace")
    return cells


def check_single_values(frame: pd.DataFrame, source: str) -> None:
    """Every cell of a Parquet table holds one value, not a list, struct or map.

    Turned into text, such a cell would become its Python display (``"['Koval']"``) and be
    compared as if it were a name or a date; it is refused instead, naming the column.
    """
    nested = [str(c) for c in frame.columns if frame[c].dtype == object and any(
        isinstance(v, (list, tuple, dict, np.ndarray)) for v in frame[c].to_numpy())]
    if nested:
        raise InputError("holds lists, structs or maps, not single values (one value per cell)", source=source,
                         columns=nested)


def max_file_bytes() -> int:
    """The input file size limit: ``REMOVALS_MAX_FILE_MB`` megabytes, default :data:`MAX_FILE_MB`."""
    raw = os.environ.get("REMOVALS_MAX_FILE_MB")
    if raw is None:
        return MAX_FILE_MB * 1_000_000
    try:
        mb = float(raw)
    except ValueError:
        mb = -1.0
    if not (math.isfinite(mb) and mb > 0):
        raise SettingsError(f"REMOVALS_MAX_FILE_MB must be a positive number of megabytes; got {raw!r}")
    return int(mb * 1_000_000)


def check_input_file(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Path:
    """An existing regular file no larger than ``max_bytes`` (default :func:`max_file_bytes`).

    A directory, FIFO, device (``/dev/zero``) or socket would be read forever or fail
    obscurely; a huge file would exhaust memory.  Both are refused before reading.
    """
    p = Path(path)
    source = str(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError("file not found", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or type(exc).__name__})", source=source) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a data file", source=source)
    if not stat.S_ISREG(st.st_mode):
        raise InputError("is not a regular file (a pipe, device or socket is not read)", source=source)
    limit = max_file_bytes() if max_bytes is None else max_bytes
    if st.st_size > limit:
        raise InputError(
            f"is {st.st_size / 1e6:,.0f} MB, over the limit of {limit / 1e6:,.0f} MB "
            "(raise it with REMOVALS_MAX_FILE_MB)", source=source)
    if not os.access(p, os.R_OK):
        raise InputError("cannot be read (permission denied)", source=source)
    return p


def read_table(path: str | os.PathLike[str]) -> Table:
    """Read a CSV or Parquet file as strings (CSV) or native types (Parquet).

    Raises
    ------
    InputError
        If the file is missing, not a regular file, too large, empty, not UTF-8,
        malformed or of an unknown type.
    """
    p = check_input_file(path)
    source = str(path)
    suffix = p.suffix.lower()
    if suffix == ".parquet":
        return _read_parquet(p, source)
    if suffix not in (".csv", ".txt", ""):
        raise InputError(f"unsupported file type {suffix!r}; use .csv or .parquet", source=source)
    return _read_csv(p, source)


def read_parquet_frame(path: str | os.PathLike[str], source: str) -> pd.DataFrame:
    """A Parquet file's columns, a column pandas stored as the frame's index among them.

    ``pd.read_parquet`` turns a column written from a named index
    (``frame.set_index("count").to_parquet(...)``) back into the index, where every
    reader here would lose it (a count column gone, every birth date gone): a named index
    level is made an ordinary column again (first, as ``reset_index`` puts it).  An
    unnamed index is row labels, not data (a default ``RangeIndex`` is stored as metadata
    only; another unnamed index, e.g. of a filtered frame, as ``__index_level_N__``): it
    is left out, as before.  A named index level that repeats a column's name is refused.
    """
    frame = pd.read_parquet(path)
    named = [n for n in frame.index.names if n is not None]
    if named:
        clash = sorted({str(n) for n in named if n in frame.columns})
        if clash:
            raise InputError("has a column name twice, on a column and on the pandas index; rename or drop one "
                             "before to_parquet", source=source, columns=clash)
        frame = frame.reset_index(level=named)
    return frame.reset_index(drop=True)


def _read_parquet(p: Path, source: str) -> Table:
    try:
        frame = read_parquet_frame(p, source)
    except InputError:
        raise
    except Exception as exc:  # pyarrow raises several types
        raise InputError(f"cannot read as Parquet ({type(exc).__name__})", source=source) from None
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise InputError("the file has no data rows", source=source)
    if frame.shape[1] > MAX_COLUMNS:
        raise InputError(f"has {frame.shape[1]:,} columns, over the limit of {MAX_COLUMNS:,}", source=source)
    return Table.from_frame(frame, source)


def parse_csv_rows(text: str, source: str) -> list[list[str]]:
    """CSV rows of ``text``: any line ending (LF, CRLF, CR alone); fields up to :data:`MAX_CELL_CHARS`.

    Raises
    ------
    InputError
        For malformed CSV (the line is named) or an over-long field.
    """
    return [row for _, row in parse_csv_lines(text, source)]


def parse_csv_lines(text: str, source: str) -> list[tuple[int, list[str]]]:
    """:func:`parse_csv_rows` with the line each row starts on (1-based; a blank line is an empty row)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text))
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARS)
    out: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for row in reader:
            out.append((start, row))
            start = reader.line_num + 1
        return out
    except csv.Error as exc:
        line = reader.line_num
        if "field larger than field limit" in str(exc):
            raise InputError(f"a cell is longer than {MAX_CELL_CHARS:,} characters (line {line})",
                             source=source) from None
        raise InputError(f"malformed CSV at line {line} (an unclosed quote or a stray character)",
                         source=source) from None
    finally:
        csv.field_size_limit(previous)


_OTHER_SEPARATORS = ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars"))
_COMPRESSED = (b"\x1f\x8b", b"PK\x03\x04")  # gzip; zip (an .xlsx workbook is a zip archive)


def read_csv_cells(path: str | os.PathLike[str], *, source: str | None = None) -> Table:
    """A CSV file's cells as stripped strings, after the checks of its form alone.

    The file is a regular file within the size limit (:func:`check_input_file`), not
    empty, UTF-8, well-formed CSV with any line ending, every header cell named and
    distinct, every row as long as the header, and at least one data row.  What the
    columns mean is not checked: a raw list's header (``record_id``, names, dates) is
    checked by :func:`estimators.linkage.schema.validate_list`.

    Raises
    ------
    InputError
        Naming the file and, where one applies, the row or line; never a value.
    """
    p = check_input_file(path)
    return _read_csv(p, str(path) if source is None else source, check_names=False)


def _read_csv(p: Path, source: str, *, check_names: bool = True) -> Table:
    raw = p.read_bytes()
    if not raw.strip():
        raise InputError("the file is empty", source=source)
    if raw.startswith(_COMPRESSED):
        raise InputError("is a compressed (gzip, zip or xlsx) file, not CSV text: save or extract it as a .csv file",
                         source=source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (invalid byte at line {line}); save the file as UTF-8", source=source) from None
    numbered = [(n, r) for n, r in parse_csv_lines(text, source) if any(cell.strip() for cell in r)]
    rows = [r for _, r in numbered]
    if not rows:
        raise InputError("the file is empty", source=source)
    header = [h.strip() for h in rows[0]]
    separator = next((name for sep, name in _OTHER_SEPARATORS if len(header) == 1 and sep in header[0]), None)
    if separator:  # one column whose name holds ';': a spreadsheet's export in a locale that writes 1,5
        raise InputError(f"the columns are separated by {separator}, not commas: save the file as "
                         "comma-separated CSV", source=source)
    if check_names:
        check_header(header, source)
    if len(header) > MAX_COLUMNS:
        raise InputError(f"has {len(header):,} columns, over the limit of {MAX_COLUMNS:,}", source=source)
    if any(h == "" for h in header):
        cols = [str(i + 1) for i, h in enumerate(header) if h == ""]
        raise InputError(f"header has an empty column name (position {', '.join(cols)})", source=source)
    seen: collections.Counter[str] = collections.Counter(header)
    dupes = [i + 1 for i, h in enumerate(header) if seen[h] > 1]
    if dupes:
        raise InputError("header repeats a column name", source=source, positions=dupes)
    body = rows[1:]
    if not body:
        raise InputError("the file has a header but no data rows", source=source)
    row_lines = tuple(n for n, _ in numbered[1:])
    ragged = [i + 1 for i, r in enumerate(body) if len(r) != len(header)]
    if ragged:
        first = body[ragged[0] - 1]
        raise InputError(
            f"malformed CSV: line {row_lines[ragged[0] - 1]} has {len(first)} fields, the header {len(header)} (a "
            "comma inside a value must be quoted)", source=source, rows=ragged,
            lines=[row_lines[r - 1] for r in ragged],
        )
    cells = {}
    for name, column in zip(header, zip(*body, strict=True), strict=True):
        values = np.empty(len(body), dtype=object)
        values[:] = [cell.strip() for cell in column]
        cells[name] = values
    return Table(columns=tuple(header), cells=cells, source=source, line_offset=1, row_lines=row_lines)


# ------------------------------------------------------------------------ tables


_DECIMAL = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:inf|infinity|nan)$",
                      re.ASCII | re.IGNORECASE)


def _as_number(value: Any) -> float:
    """One cell as a float, NaN when it is not a number (as ``pandas.to_numeric(errors="coerce")``).

    Text must be an ASCII decimal number (surrounding spaces allowed): ``"1_0"`` or
    digits of other scripts are not numbers.  Booleans are 0 and 1.
    """
    if isinstance(value, str):
        text = value.strip()
        return float(text) if _DECIMAL.match(text) else math.nan
    if isinstance(value, (bool, np.bool_, int, float, np.integer, np.floating, Decimal)):
        return float(value)
    return math.nan  # missing markers, dates, containers


def _numeric(values: np.ndarray) -> np.ndarray:
    """Cells as floats (NaN: not a number); each distinct cell is parsed once."""
    if values.dtype.kind in "biuf":
        return values.astype(float)
    parsed: dict[Any, float] = {}
    out = np.empty(len(values))
    for i, value in enumerate(values):
        try:
            out[i] = parsed[value]
        except KeyError:
            out[i] = parsed[value] = _as_number(value)
        except TypeError:  # unhashable (a list in an object column)
            out[i] = math.nan
    return out


def _is_missing(value: Any) -> bool:
    """None, NaN, pandas' NA or NaT, or NumPy's NaT: a missing cell."""
    if value is None:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    if isinstance(value, Decimal):
        return value.is_nan()
    return type(value).__name__ in ("NAType", "NaTType")


def _bad_rows(mask: npt.ArrayLike) -> list[int]:
    return [int(i) + 1 for i in np.flatnonzero(np.asarray(mask))]


def describe_value(value: Any) -> str:
    """The one place a cell value is rendered in a message: never personal data.

    Only a plain number that cannot be a record's identifier, name or date is shown:
    an int or float (or numeric text) whose magnitude is below 1,000 with at most three
    decimals (a list value of 2 or -1, a count of 2.5).  Anything else - text, dates and
    timestamps of any type, large or long numbers (identifiers, encoded dates) - is
    described by its kind only: "a number (not shown)" for any finite number, numeric
    text included (``"1234.56789"``), "a non-numeric value (not shown)" for the rest.
    """
    if _is_missing(value):
        return "missing value"
    if isinstance(value, str) and not value.strip():
        return "missing value"
    if isinstance(value, (bool, np.bool_)):
        return "a true/false value"
    number: float | None = None
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (np.datetime64,)):
        number = float(value)
    elif isinstance(value, str) and _SHORT_NUMBER.match(value.strip()):
        number = float(value.strip())
    elif isinstance(value, str) and math.isfinite(_as_number(value)):
        return "a number (not shown)"  # numeric text too long to show safely (e.g. 1234.56789)
    if number is not None and math.isfinite(number) and abs(number) < 1000 and round(number, 3) == number:
        return f"value {number:g}"
    if number is not None:
        return "a number (not shown)"
    return "a non-numeric value (not shown)"


_SHORT_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:\.\d{1,3})?$", re.ASCII)


@dataclass(frozen=True)
class _Where:
    """Where a table came from, for messages, and which of its column names may be shown.

    A CSV file's column names are its first row: if the file has no header row they are
    a record.  Names are shown only for columns the caller named and columns holding
    numbers (at least half of their cells: their header cell is text, so not a record of
    a numeric column, as a numeric first row is refused by :func:`check_header`); other
    columns are given by position.
    """

    source: str
    line_offset: int | None
    positions: dict[str, int] | None = None  # column -> 1-based position, for columns whose name is not shown
    row_lines: tuple[int, ...] | None = None  # the line each data row starts on (CSV)

    def error(self, problem: str, rows: Sequence[int] | None = None, columns: Sequence[str] | None = None) -> InputError:
        hidden = self.positions or {}
        shown = [c for c in columns or () if c not in hidden]
        positions = [hidden[c] for c in columns or () if c in hidden]
        lines = [self.row_lines[r - 1] for r in rows] if rows and self.row_lines else None
        return InputError(problem, source=self.source, rows=rows, columns=shown or None,
                          positions=positions or None, line_offset=self.line_offset, lines=lines)

    def listing(self, columns: Sequence[str]) -> str:
        """The table's columns for a message: names where they may be shown, else a count."""
        hidden = self.positions or {}
        shown = [c for c in columns if c not in hidden]
        text = ", ".join(shown) if shown else ""
        if len(shown) < len(columns):
            n = len(columns) - len(shown)
            text += (", " if text else "") + f"{n} text column(s) whose names are not shown"
        return text


def _names_to_hide(table: Table, named: set[str]) -> dict[str, int]:
    """Columns of a CSV table whose header cell might be a record: text columns nobody named."""
    hidden = {}
    for position, column in enumerate(table.columns, start=1):
        if column in named:
            continue
        values = table.cells[column]
        text = values[np.array([str(v).strip() != "" for v in values], dtype=bool)]
        numeric = ~np.isnan(_numeric(text))
        if len(text) and numeric.mean() < 0.5:
            hidden[column] = position
    return hidden


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
        raise where.error(f"stratum column not found; columns are {where.listing(columns)}", columns=missing)
    count_col = count
    if count_col is not None and count_col not in columns:
        if count != COUNT_COLUMN:
            raise where.error(f"count column not found; columns are {where.listing(columns)}", columns=[count_col])
        count_col = None  # the default count column is optional: rows are records
    if lists is None:
        list_cols = tuple(c for c in columns if c not in strata_cols and c != count_col)
    else:
        list_cols = tuple(lists)
        missing = [c for c in list_cols if c not in columns]
        if missing:
            raise where.error(f"list column not found; columns are {where.listing(columns)}", columns=missing)
    if len(set(list_cols)) != len(list_cols):
        raise where.error("a list column is named twice")
    check_column_roles(list_cols, strata_cols, count_col, where)
    if len(list_cols) < 2:
        raise where.error(f"need at least 2 list columns (0/1), found {len(list_cols)}", columns=list(list_cols))
    if len(list_cols) > MAX_LISTS:
        raise where.error(f"{len(list_cols)} list columns, over the limit of {MAX_LISTS} (capture patterns are "
                          "64-bit codes); name the list columns with --lists and the strata with --strata")
    return Columns(lists=list_cols, strata=strata_cols, count=count_col)


def check_column_roles(lists: Sequence[str], strata: Sequence[str], count: str | None, where: _Where) -> None:
    """Each column has one role: a list, a stratum or the count.

    A column in two roles is never what was meant and changes the data silently: the
    count column as a stratum splits the people by their row's count; a list column as
    the count weights each row by its own 0/1 value, dropping the rows where it is 0.
    """
    strata_set = set(strata)
    if count is not None and count in strata_set:
        raise where.error("the count column cannot also be a stratum column (--strata); rename the stratum column "
                          "if it is not the count", columns=[count])
    if count is not None and count in lists:
        raise where.error("the count column cannot also be a list column (--lists); rename the list column if it "
                          "is not the count", columns=[count])
    both = [c for c in lists if c in strata_set]
    if both:
        raise where.error("a column cannot be both a list (--lists) and a stratum (--strata)", columns=both)


#: Column names that usually hold a row's count (``Count``, ``n``, ``freq``): a file whose count column is so
#: named reads it as a list, and its values > 1 fail as list values; the message says what to rename.
_COUNT_LIKE_NAMES = frozenset({"count", "counts", "n", "freq", "frequency", "number", "num", "weight", "total", "cnt"})


def check_list_values(table: Table, cols: Columns, where: _Where) -> np.ndarray:
    """Every list value is 0 or 1; returns the (rows, k) int8 pattern matrix."""
    pats = np.zeros((table.n_rows, len(cols.lists)), dtype=np.int8)
    for j, col in enumerate(cols.lists):
        values = _numeric(table.cells[col])
        bad = ~((values == 0) | (values == 1))  # NaN (not a number, missing) is bad too
        if bad.any():
            rows = _bad_rows(bad)
            hint = ""
            if np.isnan(values).all() and not cols.strata:
                hint = " (if this column is a stratum, name it as a stratum column: --strata)"
            elif col.strip().casefold() in _COUNT_LIKE_NAMES and cols.count is None:
                hint = " (if this column holds the number of people with each history, name it `count`)"
            found = describe_value(table.cells[col][rows[0] - 1])
            raise where.error(f"list values must be 0 or 1; found {found}{hint}", rows, [col])
        pats[:, j] = values.astype(np.int8)
    return pats


def _exact_count(value: Any) -> int | str:
    """One count read exactly: an ``int``, or the name of its problem.

    Text is parsed as a decimal number (``"12"``, ``"12.0"``, ``"1.2e3"``); floats must be
    integral; nothing is rounded, cast with wrap-around or truncated.
    """
    if _is_missing(value):
        return "missing"
    if isinstance(value, (bool, np.bool_)):
        return "not a number"
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return "missing"
        if math.isinf(value):
            return "not finite"
        return int(value) if float(value).is_integer() else "fractional"
    if isinstance(value, (str, bytes, Decimal)):
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        if not text.strip():
            return "missing"
        try:
            number = Decimal(text.strip().replace("_", "x"))  # "1_000" is not a count
        except InvalidOperation:
            return "not a number"
        if number.is_nan():
            return "not a number"
        if number.is_infinite():
            return "not finite"
        if number != number.to_integral_value():
            return "fractional"
        return int(number)
    return "not a number"  # dates, timestamps, lists, ...


def check_counts(table: Table, cols: Columns, where: _Where) -> np.ndarray:
    """Counts are present, exact, non-negative whole numbers within :data:`MAX_COUNT`.

    Every value is read exactly (:func:`_exact_count`); the total is summed with Python
    integers and must stay within :data:`MAX_COUNT` too.  Returns int64 counts (exact
    below the limit).  Record-level rows (no count column) count one each.
    """
    if cols.count is None:
        return np.ones(table.n_rows, dtype=np.int64)
    column = cols.count
    cells = table.cells[column]
    parsed = [_exact_count(v) for v in cells.tolist()]
    problems = {
        "missing": "missing count",
        "not a number": "count is not a number (value not shown)",
        "not finite": "count is not finite (value not shown)",
        "fractional": "count is not a whole number",
    }
    for key, text in problems.items():
        rows = [i + 1 for i, v in enumerate(parsed) if v == key]
        if rows:
            if key == "fractional":  # a number, just not a whole one: show it when it is safe to
                shown = describe_value(cells[rows[0] - 1])
                text += f" ({shown})" if shown.startswith("value ") else " (value not shown)"
            raise where.error(text, rows, [column])
    numbers = [int(v) for v in parsed]  # every entry is an int now
    negative = [i + 1 for i, v in enumerate(numbers) if v < 0]
    if negative:
        raise where.error(f"count is negative ({describe_value(numbers[negative[0] - 1])})", negative, [column])
    large = [i + 1 for i, v in enumerate(numbers) if v > MAX_COUNT]
    if large:
        raise where.error(f"count exceeds {MAX_COUNT:,} (no list holds more people; value not shown)", large, [column])
    if sum(numbers) > MAX_COUNT:
        raise where.error(f"the counts add up to more than {MAX_COUNT:,} people (no list holds more)",
                          columns=[column])
    return np.array(numbers, dtype=np.int64)


def check_no_zero_pattern(patterns: np.ndarray, cols: Columns, where: _Where) -> None:
    """No row has the all-zero pattern (nobody is observed on no list)."""
    zero = patterns.sum(axis=1) == 0
    if zero.any():
        raise where.error(
            "the all-zero capture pattern is not allowed (nobody is observed on no list)",
            _bad_rows(zero),
            list(cols.lists),
        )


def check_strata(table: Table, cols: Columns, where: _Where) -> np.ndarray:
    """No stratum value is missing; returns the (rows, s) array of labels as strings."""
    labels = np.empty((table.n_rows, len(cols.strata)), dtype=object)
    blank = np.zeros(labels.shape, dtype=bool)
    for j, column in enumerate(cols.strata):
        seen: dict[Any, tuple[str, bool]] = {}  # each distinct cell read once (1, 1.0, True apart)
        texts, missing = [], []
        for value in table.cells[column].tolist():
            try:
                text, empty = seen[type(value), value]
            except KeyError:
                text = str(value)
                text, empty = seen.setdefault((type(value), value), (text, _is_missing(value) or not text.strip()))
            except TypeError:  # unhashable
                text = str(value)
                empty = _is_missing(value) or not text.strip()
            texts.append(text)
            missing.append(empty)
        labels[:, j] = texts
        blank[:, j] = missing
    miss = blank.any(axis=1)
    if miss.any():
        rows = _bad_rows(miss)
        bad_cols = [c for j, c in enumerate(cols.strata) if blank[rows[0] - 1, j]]
        raise where.error("missing stratum value", rows, bad_cols)
    return labels


def check_duplicates(patterns: np.ndarray, strata: np.ndarray, cols: Columns, where: _Where) -> None:
    """A frequency table lists each pattern once per stratum."""
    if cols.count is None:
        return  # record-level rows: repeats are different people
    keys = [(row.tobytes(), *labels) for row, labels in zip(patterns, strata.tolist(), strict=True)]
    seen = collections.Counter(keys)
    dup = np.array([seen[key] > 1 for key in keys], dtype=bool)
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
        where = _Where(source or table.source, table.line_offset, row_lines=table.row_lines)
        # a file (a DataFrame built in code may have numbered columns)
        check_header(list(table.columns), where.source)
        if table.line_offset is not None:  # CSV: the header row is text that may be a record
            named = {*(lists or ()), *(strata or ()), *([count] if count else [])}
            where = _Where(where.source, where.line_offset, _names_to_hide(table, named), table.row_lines)
    else:
        table = Table.from_frame(table, source or "<table>")
        where = _Where(table.source, None)
    if table.n_rows == 0:
        raise where.error("the table has no data rows")
    cols = check_columns(list(table.columns), where, lists=lists, strata=strata, count=count)
    patterns = check_list_values(table, cols, where)
    counts = check_counts(table, cols, where)
    check_no_zero_pattern(patterns, cols, where)
    strata_arr = check_strata(table, cols, where)
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
