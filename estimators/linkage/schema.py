"""Input schema of raw lists, and their reading and validation.

One file per list (CSV or Parquet); the list name is the file stem unless given.

========================  ========  ==================================================
column                    required  content
========================  ========  ==================================================
``record_id``             yes       unique within the list, non-empty
``family_name``           no        Cyrillic or Latin
``given_name``            no        Cyrillic or Latin
``patronymic``            no        Cyrillic or Latin
``birth_date``            no        ``YYYY-MM-DD``, or partial ``YYYY-MM`` / ``YYYY``
``sex``                   no        ``M`` or ``F``
``origin_settlement``     no        place the child was taken from
``origin_institution``    no        institution (orphanage, boarding school, ...)
``removal_date``          no        same formats as ``birth_date``
``destination``           no        where the child was taken to
========================  ========  ==================================================

Empty cells are missing values.  Unknown columns, duplicate or empty ``record_id``,
malformed or impossible dates (a ``removal_date`` before the ``birth_date``, or after the
date of the run: :func:`run_date`) and ``sex`` values other than ``M``/``F`` are errors
(:class:`~estimators.exceptions.InputError` naming file, rows and column, never the
values: the files hold names, dates and identifiers of children).
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..exceptions import InputError
from ..validation import (
    check_input_file,
    check_single_values,
    header_looks_like_data,
    read_csv_cells,
    read_parquet_frame,
)
from .standardise import PartialDate, parse_partial_date

REQUIRED = ("record_id",)
OPTIONAL = (
    "family_name",
    "given_name",
    "patronymic",
    "birth_date",
    "sex",
    "origin_settlement",
    "origin_institution",
    "removal_date",
    "destination",
)
COLUMNS = REQUIRED + OPTIONAL
_DATE_COLUMNS = ("birth_date", "removal_date")
_LIST_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
# Columns of the capture-history file beside the lists: no list may take their names.
_RESERVED_NAMES = frozenset({"count", "origin_settlement", "origin_institution", "destination", "sex"})


def run_date() -> datetime.date:
    """The date of this run (the machine's local date): no removal can be after it.

    A function so that tests can fix "today" (``monkeypatch.setattr(schema, "run_date", ...)``).
    """
    return datetime.date.today()


@dataclass(frozen=True)
class RawList:
    """One validated raw list.

    Attributes
    ----------
    name : list name (the file stem unless given).
    frame : DataFrame with every schema column (missing ones empty), strings, ``""`` for
        missing values, in file order.
    source : file name, used in messages.
    """

    name: str
    frame: pd.DataFrame
    source: str

    @property
    def size(self) -> int:
        return len(self.frame)


def _read_any(path: Path) -> tuple[pd.DataFrame, tuple[int, ...] | None]:
    """The file's cells as text, and the line each row starts on (CSV; None for Parquet).

    A CSV file goes through the checks of its form (:func:`.validation.read_csv_cells`).
    """
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".pq", ".csv", ".txt"):
        raise InputError(f"unsupported file type {suffix!r}; use .csv or .parquet", source=path.name)
    # a regular file within the size limit: a FIFO or /dev/zero would be read forever
    check_input_file(path)
    if suffix in (".parquet", ".pq"):
        frame = read_parquet_frame(path, path.name)
        check_single_values(frame, path.name)
        return frame.astype("string").fillna("").astype(object), None
    table = read_csv_cells(path, source=path.name)
    return pd.DataFrame({c: table.cells[c] for c in table.columns}, columns=list(table.columns)), table.row_lines


def read_list(path: str | os.PathLike[str], *, name: str | None = None) -> RawList:
    """Read and validate one raw list file.

    Parameters
    ----------
    path : path-like
        CSV (UTF-8, header row) or Parquet file.
    name : str, optional
        List name; default the file stem.  Letters, digits and ``_``, starting with a
        letter (it becomes a column of the capture-history file).

    Returns
    -------
    RawList

    Raises
    ------
    InputError
        If the file is missing or unreadable, or a value breaks the schema.  The message
        names the file, the 1-based data row(s) and the column, never the value.
    """
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", source=str(p))
    try:
        frame, lines = _read_any(p)
    except InputError:
        raise
    except (ValueError, OSError) as exc:  # a Parquet file pyarrow cannot read (never a value in the message)
        raise InputError(f"cannot read the file ({type(exc).__name__})", source=p.name) from None
    return validate_list(frame, name=name or p.stem, source=p.name, csv=lines is not None, row_lines=lines)


def validate_list(frame: pd.DataFrame, *, name: str, source: str | None = None, csv: bool = False,
                  row_lines: Sequence[int] | None = None) -> RawList:
    """Validate a raw list given as a DataFrame (see :func:`read_list`).

    ``csv`` adds line numbers to the messages: ``row_lines`` (the line each row starts on),
    else row + 1.
    """
    src = source or name
    offset = 1 if csv else None
    if not _LIST_NAME.match(name):
        raise InputError(
            "list name must start with a letter and hold only letters, digits and '_' "
            "(give one explicitly, e.g. NAME=FILE)",
            source=src,
        )
    if name.lower() in _RESERVED_NAMES:
        raise InputError(
            f"a list cannot be named {name!r}: the capture-history file has a column of that name "
            "(give another name, e.g. NAME=FILE)",
            source=src,
        )
    if len(frame) == 0:
        raise InputError("the file has no data rows", source=src)
    columns = [str(c).strip() for c in frame.columns]
    # A file without a header row turns its first record into column names: refuse it
    # before any message could name a column (and so echo a name, date or identifier).
    if "record_id" not in columns or header_looks_like_data(columns):
        raise InputError(
            "no 'record_id' column in the header row: the first row must name the columns "
            f"({', '.join(COLUMNS)}); it is not shown, as without a header it would be a record",
            source=src,
        )
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise InputError(
            f"unknown column(s); allowed columns are {', '.join(COLUMNS)}", source=src, columns=unknown
        )
    dupes = sorted({c for c in columns if columns.count(c) > 1})
    if dupes:
        raise InputError("duplicate column name(s)", source=src, columns=dupes)
    frame = frame.copy()
    frame.columns = columns
    for c in COLUMNS:
        if c not in frame.columns:
            frame[c] = ""
    frame = frame[list(COLUMNS)].astype(str)
    frame = frame.apply(lambda s: s.str.strip())
    frame = frame.reset_index(drop=True)
    rows = lambda mask: [int(i) + 1 for i in mask.to_numpy().nonzero()[0]]  # noqa: E731

    def located(problem: str, bad: list[int], columns: list[str]) -> InputError:
        lines = [row_lines[r - 1] for r in bad] if csv and row_lines is not None else None
        return InputError(problem, source=src, rows=bad, columns=columns, line_offset=offset, lines=lines)

    empty = frame["record_id"] == ""
    if empty.any():
        raise located("record_id is empty", rows(empty), ["record_id"])
    dup = frame["record_id"].duplicated(keep=False)
    if dup.any():
        raise located("record_id is not unique within the list", rows(dup), ["record_id"])
    for c in _DATE_COLUMNS:
        values = frame[c]
        bad = [(v != "" and parse_partial_date(v) is None) for v in values]
        mask = pd.Series(bad)
        if mask.any():
            raise located("malformed or impossible date; use YYYY-MM-DD, YYYY-MM or YYYY (years 1900-2100)",
                          rows(mask), [c])
    birth = [parse_partial_date(v) if v else None for v in frame["birth_date"]]
    removal = [parse_partial_date(v) if v else None for v in frame["removal_date"]]
    order = pd.Series([b is not None and r is not None and r.certainly_before(b) for b, r in zip(birth, removal, strict=True)])
    if order.any():
        raise located("removal_date is before birth_date (compared at the precision both have)", rows(order),
                      ["birth_date", "removal_date"])
    today = run_date()
    now = PartialDate(today.year, today.month, today.day)
    future = pd.Series([r is not None and now.certainly_before(r) for r in removal])
    if future.any():  # a date typed a decade off (2032 for 2023), or a planned date, not a removal that happened
        raise located(f"removal_date is after the date of this run ({today.isoformat()}): a removal cannot be in "
                      "the future", rows(future), ["removal_date"])
    bad_sex = ~frame["sex"].isin(["", "M", "F"])
    if bad_sex.any():
        raise located("sex must be M, F or empty", rows(bad_sex), ["sex"])
    return RawList(name=name, frame=frame, source=src)


def read_named(path: str | os.PathLike[str], name: str | None = None) -> RawList:
    """:func:`read_list`, where ``path`` may be written ``NAME=PATH`` to name the list."""
    text = os.fspath(path)
    if name is None and "=" in text and not Path(text).exists():
        name, _, text = text.partition("=")
    return read_list(text, name=name)


def read_lists(paths: Sequence[str | os.PathLike[str]], names: Sequence[str | None] | None = None) -> list[RawList]:
    """Read several lists; names must be distinct and there must be at least two.

    A path may be written ``NAME=PATH`` to give the list name.
    """
    out = [read_named(p, names[i] if names is not None else None) for i, p in enumerate(paths)]
    seen: set[str] = set()
    for raw in out:
        if raw.name in seen:
            raise InputError(f"two lists are named {raw.name!r}; give distinct names (NAME=FILE)", source=raw.source)
        seen.add(raw.name)
    if len(out) < 2:
        raise InputError("record linkage needs at least two lists")
    _refuse_repeated_lists(out)
    return out


def _records_digest(raw: RawList) -> str:
    """A digest of a list's set of records (its validated cells, row order ignored)."""
    import hashlib

    import numpy as np

    rows = pd.util.hash_pandas_object(raw.frame, index=False).to_numpy(dtype=np.uint64)
    return hashlib.sha256(np.sort(rows).tobytes()).hexdigest()


def _refuse_repeated_lists(lists: Sequence[RawList]) -> None:
    """Refuse one list given twice under two names (the same file, a copy, or the same records in another
    order or format): linked, every record would be "seen" by both, and the estimate would count it as
    two captures of one child - an estimate of nothing."""
    first: dict[str, RawList] = {}
    for raw in lists:
        other = first.setdefault(_records_digest(raw), raw)
        if other is not raw:
            raise InputError(f"lists {other.name!r} and {raw.name!r} have identical content (the same records): "
                             "the same list given twice; give each list once",
                             source=other.source if other.source == raw.source else f"{other.source}, {raw.source}")
