"""The error a report raises when it cannot be rendered."""

from __future__ import annotations

from ..exceptions import InputError


class ReportError(InputError):
    """A report could not be rendered: bad source, a failing cell, a converter failure.

    A subclass of :class:`~estimators.exceptions.InputError`, so the command line reports
    it in one line and exits with status 2.  Data integrity failures are raised as
    :class:`~estimators.exceptions.DataIntegrityError` instead, with that error's message.
    """
