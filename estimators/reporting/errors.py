"""The error a report raises when it cannot be rendered."""

from __future__ import annotations

from ..exceptions import LocatedError


class ReportError(LocatedError):
    """A report could not be rendered: bad source, a failing cell, a converter failure.

    It names the report source (and cell) at fault.  Data integrity failures are raised as
    :class:`~estimators.exceptions.DataIntegrityError` instead, with that error's message.
    """
