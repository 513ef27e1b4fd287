"""The capture-history type: one immutable table of lists x patterns x strata -> counts.

:class:`CaptureHistories` is the one data type between record linkage and the
estimators, and the only place rows are aggregated.  Input is checked by
:mod:`estimators.validation`; pattern conventions are those of :mod:`estimators.cells`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ._lazy import lazy_module
from .cells import pattern_codes
from .exceptions import InputError
from .validation import CheckedRows, read_table, validate_table

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")



def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class CaptureHistories:
    """Observed capture histories of k lists, optionally stratified.

    Build it with :meth:`from_frequency_table`, :meth:`from_records` or :meth:`read`;
    every constructor validates through :mod:`estimators.validation`.  Instances are
    immutable: operations return new objects.

    Attributes
    ----------
    lists : tuple of str
        List names, in order (list 1 first: the most significant bit of a pattern).
    patterns : ndarray of shape (m, k), int8
        Distinct observed patterns (per stratum), never all zero.
    counts : ndarray of shape (m,), int64
        Positive count of each row.
    strata_columns : tuple of str
        Names of the stratum columns (empty when unstratified).
    strata : ndarray of shape (m, s), object
        Stratum labels of each row.
    source : str
        Where the data came from (file name), used in messages.

    Examples
    --------
    >>> import pandas as pd
    >>> h = CaptureHistories.from_frequency_table(
    ...     pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 1], "count": [6, 40, 30]}))
    >>> h.n, h.list_sizes
    (76, {'A': 46, 'B': 36})
    """

    lists: tuple[str, ...]
    patterns: np.ndarray
    counts: np.ndarray
    strata_columns: tuple[str, ...] = ()
    strata: np.ndarray = field(default_factory=lambda: np.empty((0, 0), dtype=object))
    source: str = "<table>"

    def __post_init__(self) -> None:
        object.__setattr__(self, "patterns", _readonly(np.asarray(self.patterns, dtype=np.int8)))
        object.__setattr__(self, "counts", _readonly(np.asarray(self.counts, dtype=np.int64)))
        strata = np.asarray(self.strata, dtype=object)
        if strata.size == 0:
            strata = np.empty((len(self.counts), len(self.strata_columns)), dtype=object)
        object.__setattr__(self, "strata", _readonly(strata))
        object.__setattr__(self, "lists", tuple(self.lists))
        object.__setattr__(self, "strata_columns", tuple(self.strata_columns))
        if self.patterns.shape != (len(self.counts), len(self.lists)):
            raise ValueError("patterns must have one row per count and one column per list")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle through the constructor, so unpickled arrays are read-only again."""
        return (type(self), (self.lists, self.patterns, self.counts, self.strata_columns, self.strata, self.source))

    # ----------------------------------------------------------------- constructors
    @classmethod
    def from_checked(cls, rows: CheckedRows) -> CaptureHistories:
        """From the rows :func:`estimators.validation.validate_table` checked (aggregated here)."""
        return cls(
            lists=rows.lists,
            patterns=rows.patterns,
            counts=rows.counts,
            strata_columns=rows.strata_columns,
            strata=rows.strata,
            source=rows.source,
        )._aggregated()

    @classmethod
    def from_frequency_table(
        cls,
        frame: pd.DataFrame,
        *,
        lists: Sequence[str] | None = None,
        count: str = "count",
        strata: Sequence[str] | None = None,
        aggregate: bool = False,
        source: str | None = None,
    ) -> CaptureHistories:
        """From a table with one 0/1 column per list and a count column."""
        if count not in frame.columns:
            raise InputError(
                f"count column not found; columns are {', '.join(map(str, frame.columns))}",
                source=source or "<table>",
                columns=[count],
            )
        return cls.from_checked(
            validate_table(frame, lists=lists, strata=strata, count=count, aggregate=aggregate, source=source)
        )

    @classmethod
    def from_records(
        cls,
        frame: pd.DataFrame,
        *,
        lists: Sequence[str] | None = None,
        strata: Sequence[str] | None = None,
        source: str | None = None,
    ) -> CaptureHistories:
        """From record-level rows: one row per person, one 0/1 column per list."""
        return cls.from_checked(
            validate_table(frame, lists=lists, strata=strata, count=None, aggregate=True, source=source)
        )

    @classmethod
    def read(
        cls,
        path: str | os.PathLike[str],
        *,
        lists: Sequence[str] | None = None,
        strata: Sequence[str] | None = None,
        count: str = "count",
        aggregate: bool = False,
    ) -> CaptureHistories:
        """Read a CSV or Parquet file (frequency table if it has ``count``, else records)."""
        table = read_table(path)
        return cls.from_checked(
            validate_table(table, lists=lists, strata=strata, count=count, aggregate=aggregate)
        )

    # ----------------------------------------------------------------- properties
    @property
    def k(self) -> int:
        """Number of lists."""
        return len(self.lists)

    @property
    def n(self) -> int:
        """Number of distinct people observed (on at least one list)."""
        return int(self.counts.sum())

    @property
    def list_sizes(self) -> dict[str, int]:
        """Number of people on each list."""
        sizes = (self.patterns.astype(np.int64) * self.counts[:, None]).sum(axis=0)
        return {name: int(s) for name, s in zip(self.lists, sizes, strict=False)}

    @property
    def overlaps(self) -> pd.DataFrame:
        """k x k table: people on both list i and list j (diagonal: list sizes)."""
        p = self.patterns.astype(np.int64)
        m = (p * self.counts[:, None]).T @ p
        return pd.DataFrame(m, index=list(self.lists), columns=list(self.lists))

    @property
    def is_stratified(self) -> bool:
        return len(self.strata_columns) > 0

    def cell_counts(self) -> np.ndarray:
        """Canonical vector of the 2^k - 1 observable cells, summed over strata.

        Cell c (0-based) holds the pattern whose binary code is c + 1, list 1 being the
        most significant bit (see :func:`estimators.cells.cell_patterns`).
        """
        y = np.zeros(2**self.k - 1)
        np.add.at(y, pattern_codes(self.patterns) - 1, self.counts)
        return y

    def f_counts(self) -> np.ndarray:
        """f_i: number of people seen on exactly i lists, i = 1..k."""
        nb = self.patterns.sum(axis=1)
        return np.bincount(nb, weights=self.counts, minlength=self.k + 1)[1:].astype(np.int64)

    def strata_labels(self) -> list[tuple[Any, ...]]:
        """Distinct stratum labels, sorted."""
        if not self.is_stratified:
            return []
        return sorted({tuple(row) for row in self.strata})

    # ----------------------------------------------------------------- operations
    def _replace(self, **kw: Any) -> CaptureHistories:
        base: dict[str, Any] = {
            "lists": self.lists,
            "patterns": self.patterns,
            "counts": self.counts,
            "strata_columns": self.strata_columns,
            "strata": self.strata,
            "source": self.source,
        }
        base.update(kw)
        return CaptureHistories(**base)._aggregated()

    def _aggregated(self) -> CaptureHistories:
        """Merge identical (pattern, stratum) rows and drop all-zero / zero-count rows.

        Rows come out sorted by pattern (0/1 of the first list, then the second, ...), then
        by stratum labels.
        """
        keep = (self.patterns.sum(axis=1) > 0) & (self.counts > 0)
        patterns, strata, counts = self.patterns[keep], self.strata[keep], self.counts[keep]
        # integer key columns whose lexicographic order is the rows' order: the pattern as
        # 62-bit codes (the first list the most significant bit), then each stratum's rank
        key_columns = [_bit_codes(patterns[:, start:start + _CODE_BITS])
                       for start in range(0, max(self.k, 1), _CODE_BITS)]
        levels = []
        for j in range(len(self.strata_columns)):
            values, codes = _sorted_factor(strata[:, j])
            levels.append(values)
            key_columns.append(codes)
        keys = np.column_stack(key_columns)
        order = np.lexsort(keys.T[::-1])  # the first key column the primary one
        keys, counts = keys[order], counts[order]
        starts = np.flatnonzero(np.concatenate([[True], (keys[1:] != keys[:-1]).any(axis=1)])) if len(keys) else \
            np.zeros(0, dtype=np.int64)
        unique = keys[starts]
        summed = np.add.reduceat(counts, starts) if len(starts) else np.zeros(0, dtype=np.int64)
        pattern_words = len(key_columns) - len(levels)
        merged_patterns = np.concatenate(
            [_code_bits(unique[:, w], min(_CODE_BITS, self.k - w * _CODE_BITS)) for w in range(pattern_words)], axis=1,
        ) if self.k else np.empty((len(unique), 0), dtype=np.int8)
        merged_strata = np.empty((len(unique), len(self.strata_columns)), dtype=object)
        for j, values in enumerate(levels):
            merged_strata[:, j] = values[unique[:, pattern_words + j]]
        return CaptureHistories(
            lists=self.lists,
            patterns=merged_patterns,
            counts=summed,
            strata_columns=self.strata_columns,
            strata=merged_strata,
            source=self.source,
        )

    def _index(self, names: Iterable[str]) -> list[int]:
        idx = []
        for name in names:
            if name not in self.lists:
                raise ValueError(f"unknown list {name!r}; lists are {', '.join(self.lists)}")
            idx.append(self.lists.index(name))
        return idx

    def reorder(self, order: Sequence[str]) -> CaptureHistories:
        """Same data with the lists in a new order (every list exactly once)."""
        if sorted(order) != sorted(self.lists) or len(order) != self.k:
            raise ValueError(f"order must name every list once: {', '.join(self.lists)}")
        idx = self._index(order)
        return self._replace(lists=tuple(order), patterns=self.patterns[:, idx])

    def drop_lists(self, names: Sequence[str]) -> CaptureHistories:
        """Remove lists; people seen only on the dropped lists are no longer observed."""
        drop = set(self._index(names))
        keep = [i for i in range(self.k) if i not in drop]
        if len(keep) < 1:
            raise ValueError("cannot drop every list")
        return self._replace(lists=tuple(self.lists[i] for i in keep), patterns=self.patterns[:, keep])

    def merge_lists(self, names: Sequence[str], new_name: str) -> CaptureHistories:
        """Replace several lists by their union (on any of them), placed where the first was."""
        idx = self._index(names)
        if len(idx) < 2:
            raise ValueError("merge needs at least two lists")
        if new_name in self.lists and new_name not in names:
            raise ValueError(f"a list named {new_name!r} already exists")
        first = min(idx)
        union = self.patterns[:, idx].max(axis=1)
        cols, lists = [], []
        for i in range(self.k):
            if i == first:
                cols.append(union)
                lists.append(new_name)
            elif i not in idx:
                cols.append(self.patterns[:, i])
                lists.append(self.lists[i])
        return self._replace(lists=tuple(lists), patterns=np.column_stack(cols))

    def select_stratum(self, label: Sequence[Any] | Any) -> CaptureHistories:
        """The unstratified histories of one stratum (label: a value or a tuple)."""
        if not self.is_stratified:
            raise ValueError("these capture histories are not stratified")
        want = tuple(label) if isinstance(label, (tuple, list)) else (label,)
        want = tuple(str(v) for v in want)
        if len(want) != len(self.strata_columns):
            raise ValueError(f"a stratum label needs {len(self.strata_columns)} value(s)")
        mask = np.array([tuple(str(v) for v in row) == want for row in self.strata], dtype=bool)
        if not mask.any():
            raise ValueError(f"no stratum {want}; strata are {self.strata_labels()}")
        return CaptureHistories(
            lists=self.lists,
            patterns=self.patterns[mask],
            counts=self.counts[mask],
            source=f"{self.source} [{', '.join(f'{c}={v}' for c, v in zip(self.strata_columns, want, strict=False))}]",
        )

    def collapse_strata(self) -> CaptureHistories:
        """Sum over strata."""
        return CaptureHistories(lists=self.lists, patterns=self.patterns, counts=self.counts, source=self.source)._aggregated()

    def observed_lists(self) -> tuple[str, ...]:
        """Lists with at least one record."""
        return tuple(name for name, s in self.list_sizes.items() if s > 0)

    def to_frame(self) -> pd.DataFrame:
        """Frequency table: list columns, stratum columns, ``count``."""
        frame = pd.DataFrame(self.patterns.astype(int), columns=list(self.lists))
        for j, c in enumerate(self.strata_columns):
            frame[c] = self.strata[:, j]
        frame["count"] = self.counts
        return frame

    def __repr__(self) -> str:
        strata = f", strata={list(self.strata_columns)}" if self.strata_columns else ""
        return f"CaptureHistories(lists={list(self.lists)}, n={self.n}{strata}, source={self.source!r})"


def merged_rows(rows: CheckedRows) -> tuple[int, int]:
    """How many of the checked rows aggregation merges, and into how many histories.

    Rows with a positive count that share their pattern and stratum with another such
    row are merged (their counts summed) into one history each: returns (the number of
    those rows, the number of histories they become); (0, 0) when no rows repeat.
    """
    positive = rows.counts > 0
    patterns, strata = rows.patterns[positive], rows.strata[positive]
    if not len(patterns):
        return 0, 0
    k = patterns.shape[1]
    key_columns = [_bit_codes(patterns[:, start:start + _CODE_BITS]) for start in range(0, max(k, 1), _CODE_BITS)]
    key_columns += [_sorted_factor(strata[:, j])[1] for j in range(strata.shape[1])]
    _, sizes = np.unique(np.column_stack(key_columns), axis=0, return_counts=True)
    repeated = sizes[sizes > 1]
    return int(repeated.sum()), len(repeated)


#: Lists per integer word of a pattern code (non-negative in an int64).
_CODE_BITS = 62


def _bit_codes(bits: np.ndarray) -> np.ndarray:
    """Each row of 0/1 columns (at most 62) as one integer, the first column the most significant bit."""
    weights = np.left_shift(np.int64(1), np.arange(bits.shape[1] - 1, -1, -1, dtype=np.int64))
    return bits.astype(np.int64) @ weights


def _code_bits(codes: np.ndarray, width: int) -> np.ndarray:
    """The inverse of :func:`_bit_codes`: (rows, width) int8 0/1."""
    weights = np.left_shift(np.int64(1), np.arange(width - 1, -1, -1, dtype=np.int64))
    return ((codes[:, None] & weights) != 0).astype(np.int8)


def _sorted_factor(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct labels, each row's rank among them): a hash of the rows, a sort of the few labels."""
    index: dict[Any, int] = {}
    first = np.fromiter((index.setdefault(v, len(index)) for v in labels.tolist()), dtype=np.int64,
                        count=len(labels))
    distinct = np.empty(len(index), dtype=object)
    distinct[:] = list(index)
    order = np.argsort(distinct, kind="stable")
    rank = np.empty(len(index), dtype=np.int64)
    rank[order] = np.arange(len(index), dtype=np.int64)
    return distinct[order], rank[first]
