"""Exceptions and warning classes.

Every warning the package emits derives from :class:`RemovalsWarning`, so users can
filter them as a family (``warnings.simplefilter("ignore", RemovalsWarning)``) or one
kind at a time.  Data errors are :class:`InputError`, a :class:`ValueError` that knows
the file, rows and columns it is about; invalid settings are :class:`SettingsError`.
Both are ``ValueError`` subclasses.
"""

from __future__ import annotations

from collections.abc import Sequence


class RemovalsError(Exception):
    """Base class of the package's own errors."""


class SettingsError(RemovalsError, ValueError):
    """An invalid setting of a method or command: names the setting, what is allowed and what was given."""


class LocatedError(RemovalsError):
    """An error about a file: names the file, the row(s) and the column(s) at fault.

    Row numbers are 1-based data rows (the header is not counted); for CSV files the
    message also gives the physical line number (header = line 1): ``lines`` when given
    (blank lines and line breaks inside quoted cells make rows and lines drift apart),
    else row + ``line_offset``.  A column whose name
    may be a record (a file without a header row) is given by its 1-based position.
    """

    def __init__(
        self,
        problem: str,
        *,
        source: str | None = None,
        rows: Sequence[int] | None = None,
        columns: Sequence[str] | None = None,
        line_offset: int | None = 1,
        positions: Sequence[int] | None = None,
        lines: Sequence[int] | None = None,
    ) -> None:
        self.problem = problem
        self.source = source
        self.rows = tuple(int(r) for r in rows) if rows is not None else ()
        self.columns = tuple(str(c) for c in columns) if columns is not None else ()
        self.positions = tuple(int(p) for p in positions) if positions is not None else ()
        self.line_offset = line_offset
        # the physical line of each row (a CSV file with blank lines or quoted line breaks); else row + line_offset
        self.lines = tuple(int(n) for n in lines) if lines is not None and len(lines) == len(self.rows) else ()
        super().__init__(self._render())

    def _render(self) -> str:
        where: list[str] = []
        if self.source:
            where.append(str(self.source))
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows[:10])
            more = f" (+{len(self.rows) - 10} more)" if len(self.rows) > 10 else ""
            label = "row" if len(self.rows) == 1 else "rows"
            text = f"{label} {shown}{more}"
            if self.lines or self.line_offset is not None:
                numbers = self.lines or tuple(r + (self.line_offset or 0) for r in self.rows)
                lines = ", ".join(str(n) for n in numbers[:10])
                text += f" (line{'s' if len(self.rows) > 1 else ''} {lines})"
            where.append(text)
        if self.columns:
            cols = ", ".join(repr(c) for c in self.columns)
            where.append(f"column{'s' if len(self.columns) > 1 else ''} {cols}")
        if self.positions:
            cols = ", ".join(str(p) for p in self.positions)
            where.append(f"column{'s' if len(self.positions) > 1 else ''} {cols} (name not shown: the first row "
                         "may be a record)")
        prefix = ": ".join([", ".join(where)]) if where else ""
        return f"{prefix}: {self.problem}" if prefix else self.problem


class InputError(LocatedError, ValueError):
    """Bad input data: names the file, the row(s) and the column(s) at fault.

    Messages never echo non-numeric cell values, so that a mistaken record-level file
    with names or identifiers cannot leak them into logs.
    """


class DataIntegrityError(RemovalsError):
    """A pinned data file does not match the sha256 recorded in the manifest."""


class RemovalsWarning(UserWarning):
    """Base class of every warning the package emits."""


class ConvergenceWarning(RemovalsWarning):
    """An iterative fit did not converge."""


class BoundaryWarning(RemovalsWarning):
    """An estimate lies on the boundary: the MLE does not exist, or cells are fitted as 0."""


class DiagnosticsWarning(RemovalsWarning):
    """Sampler diagnostics (R-hat, ESS, divergences) failed their thresholds."""
