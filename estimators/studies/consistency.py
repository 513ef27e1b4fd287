"""Internal consistency: each list in turn as a population of known size.

The people on list j are a population whose size n_j is known.  The other lists' captures
of them are capture histories in their own right: a person on list j that no other list
found has the all-zero pattern there, so n_j is the "true total" of a smaller estimation
problem with k - 1 lists.  Fitting a method to that problem and comparing its estimate
with n_j measures the method's error on the user's own data, with no simulation
(Binette & Steorts 2021, section 5; ``analyses/internal_consistency`` of MSETools, which
builds the same conditioned tables, leaves out reference lists with fewer than 30 people
seen elsewhere, and summarises log(N-hat / n_j) per method).

What it does and does not show.  The check fits the method to k - 1 lists on a population
selected by list j (people list j found are, if anything, easier to find than the rest),
so it is not the method's error on the full problem.  But a method whose assumption fails
on these lists usually fails on the reference populations too: when people differ in how
easy they are to find, a method that assumes they do not underestimates every n_j.  A
method that needs three lists can be checked only on k >= 4 lists.

References
----------
Binette, O. and Steorts, R. C. (2021). On the reliability of multiple systems estimation
for the quantification of modern slavery. arXiv:2112.01594.  Code: OlivierBinette/MSETools.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..base import Estimator
from ..histories import CaptureHistories
from .sensitivity import fit_quietly

#: Columns of :attr:`ConsistencyCheck.table` (one row per method and reference list).
CONSISTENCY_COLUMNS = (
    "method", "reference_list", "known_size", "observed", "lists", "k", "checked", "estimate", "lower",
    "upper", "status", "relative_bias", "log_relative_bias", "covers", "note",
)
#: Columns of :attr:`ConsistencyCheck.summary` (one row per method).
SUMMARY_COLUMNS = (
    "method", "reference_lists", "lists_checked", "lists_with_estimate", "relative_bias", "min_relative_bias",
    "max_relative_bias", "rmse_log_relative_bias", "lists_with_interval", "coverage", "note",
)
#: Fewest people of a reference list seen on the other lists for it to be used (as MSETools).
DEFAULT_MIN_OBSERVED = 30


@dataclass(frozen=True)
class ReferencePopulation:
    """The people on one list, as the other lists saw them.

    Attributes
    ----------
    reference : the list whose people form the population.
    known_size : n_j, the number of people on it (the known "total").
    histories : the other lists' capture histories of those people (people seen by no other
        list are the unobserved cell, so ``histories.n`` <= ``known_size``); lists that saw
        none of them are left out.  None when no other list saw anyone.
    empty_lists : the other lists that saw none of them.
    """

    reference: str
    known_size: int
    histories: CaptureHistories | None
    empty_lists: tuple[str, ...]

    @property
    def observed(self) -> int:
        """People of the reference list seen on at least one other list."""
        return 0 if self.histories is None else self.histories.n


def reference_population(histories: CaptureHistories, reference: str) -> ReferencePopulation:
    """The people on ``reference`` as the other lists captured them (strata pooled).

    Examples
    --------
    >>> import pandas as pd
    >>> h = CaptureHistories.from_frequency_table(pd.DataFrame(
    ...     {"A": [1, 1, 0, 1], "B": [1, 0, 1, 1], "C": [0, 1, 1, 1], "count": [5, 7, 9, 2]}))
    >>> pop = reference_population(h, "A")
    >>> pop.known_size, pop.observed, pop.histories.lists
    (14, 14, ('B', 'C'))
    """
    h = histories.collapse_strata() if histories.is_stratified else histories
    j = h.lists.index(reference) if reference in h.lists else -1
    if j < 0:
        raise ValueError(f"unknown list {reference!r}; lists are {', '.join(h.lists)}")
    on = h.patterns[:, j] == 1
    known = int(h.counts[on].sum())
    others = tuple(name for name in h.lists if name != reference)
    if not others:
        return ReferencePopulation(reference, known, None, ())
    sub = CaptureHistories(lists=h.lists, patterns=h.patterns[on], counts=h.counts[on], source=h.source)
    sub = sub.drop_lists([reference])  # drops the all-zero rows: people no other list found
    empty = tuple(name for name, size in sub.list_sizes.items() if size == 0)
    if sub.n == 0:
        return ReferencePopulation(reference, known, None, empty)
    if empty:
        sub = sub.drop_lists(list(empty))
    return ReferencePopulation(reference, known, sub, empty)


def _applies(spec: Estimator, k: int) -> str | None:
    """Why ``spec`` cannot be fitted to k lists, or None."""
    if k < spec.min_lists:
        return f"needs at least {spec.min_lists} lists"
    if spec.max_lists is not None and k > spec.max_lists:
        return f"takes at most {spec.max_lists} lists"
    return None


def _row(name: str, pop: ReferencePopulation, spec: Estimator, k_all: int, min_observed: int) -> dict[str, Any]:
    h = pop.histories
    k = 0 if h is None else h.k
    row: dict[str, Any] = {
        "method": name, "reference_list": pop.reference, "known_size": pop.known_size, "observed": pop.observed,
        "lists": "" if h is None else ", ".join(h.lists), "k": k, "checked": False, "estimate": None,
        "lower": None, "upper": None, "status": "not_checked", "relative_bias": None, "log_relative_bias": None,
        "covers": None, "note": "",
    }
    why = _applies(spec, k)
    if h is None:
        row["note"] = f"no other list found any of the {pop.known_size} people on {pop.reference}"
        return row
    if why is not None:
        if pop.empty_lists:
            row["note"] = f"{why}, but only {k} other list(s) saw the people on {pop.reference}"
        else:
            row["note"] = f"{why}, and with one of the {k_all} lists held out as the reference {k} remain"
        return row
    if pop.observed < min_observed:
        row["note"] = (f"only {pop.observed} of the {pop.known_size} people on {pop.reference} are on another list "
                       f"(fewer than {min_observed})")
        return row
    r = fit_quietly(spec, h)
    row.update(checked=True, estimate=r.estimate, lower=r.lower, upper=r.upper, status=r.status.value)
    if pop.empty_lists:
        row["note"] = f"left out {', '.join(pop.empty_lists)}: none of its people are on {pop.reference}"
    if r.estimate is not None and r.estimate > 0:
        row["relative_bias"] = r.estimate / pop.known_size - 1.0
        row["log_relative_bias"] = math.log(r.estimate / pop.known_size)
    if r.lower is not None:
        upper = math.inf if r.upper is None else r.upper
        row["covers"] = bool(r.lower <= pop.known_size <= upper)
    return row


def _summary_row(name: str, rows: pd.DataFrame) -> dict[str, Any]:
    checked = rows[rows["checked"]]
    lrb = checked["log_relative_bias"].dropna().to_numpy(dtype=float)
    covers = checked["covers"].dropna().to_numpy(dtype=bool)
    rb = np.expm1(lrb)
    note = ""
    if checked.empty:
        note = "cannot be checked: " + "; ".join(dict.fromkeys(str(n) for n in rows["note"] if n))
    elif not len(lrb):
        note = "no estimate on any reference list: " + ", ".join(
            f"{r}: {s}" for r, s in zip(checked["reference_list"], checked["status"], strict=True))
    else:
        notes = []
        if len(checked) < len(rows):
            skipped = rows[~rows["checked"]]
            notes.append(f"{len(skipped)} of {len(rows)} reference lists not used: " + "; ".join(
                dict.fromkeys(str(n) for n in skipped["note"])))
        if len(lrb) < len(checked):
            failed = checked[checked["log_relative_bias"].isna()]
            notes.append(f"no estimate on {len(failed)} of {len(checked)} reference lists checked ("
                         + ", ".join(f"{r}: {s}" for r, s in zip(failed["reference_list"], failed["status"],
                                                                 strict=True)) + ")")
        note = "; ".join(notes)
    return {
        "method": name,
        "reference_lists": int(len(rows)),
        "lists_checked": int(len(checked)),
        "lists_with_estimate": int(len(lrb)),
        "relative_bias": float(np.expm1(lrb.mean())) if len(lrb) else None,
        "min_relative_bias": float(rb.min()) if len(rb) else None,
        "max_relative_bias": float(rb.max()) if len(rb) else None,
        "rmse_log_relative_bias": float(np.sqrt(np.mean(lrb**2))) if len(lrb) else None,
        "lists_with_interval": int(len(covers)),
        "coverage": float(np.mean(covers)) if len(covers) else None,
        "note": note,
    }


@dataclass(frozen=True)
class ConsistencyCheck:
    """Output of :func:`internal_consistency`.

    Attributes
    ----------
    table : DataFrame, columns :data:`CONSISTENCY_COLUMNS`
        One row per method and reference list: ``known_size`` (n_j), ``observed`` (its
        people seen on another list), ``lists``/``k`` (the lists used), ``checked``
        (False with a ``note`` when the method cannot be fitted or too few were seen),
        the estimate, interval and status (NaN where none), ``relative_bias`` =
        N-hat / n_j - 1, ``log_relative_bias`` and ``covers`` (nullable boolean: n_j
        inside the interval; an interval without an upper end counts as open above).
    summary : DataFrame, columns :data:`SUMMARY_COLUMNS`
        One row per method: ``relative_bias`` = exp(mean log relative bias) - 1 over
        the reference lists with an estimate (MSETools' mean LRB, on the ratio scale),
        its ``min``/``max``, the root mean square of the log relative bias, ``coverage``
        (share of intervals holding n_j) and a ``note`` saying what could not be checked.
    """

    table: pd.DataFrame
    summary: pd.DataFrame


def internal_consistency(
    histories: CaptureHistories,
    methods: Mapping[str, Estimator],
    *,
    min_observed: int = DEFAULT_MIN_OBSERVED,
) -> ConsistencyCheck:
    """Check each method on the user's data: estimate every list's known size from the others.

    Parameters
    ----------
    histories : CaptureHistories
        k >= 2 lists (strata are pooled).  With k = 3, only methods that take two lists
        can be checked; three-list methods need k >= 4.
    methods : mapping name -> spec
        The specs to check, fitted as given (their seeds make the check reproducible).
    min_observed : int, default 30
        A reference list is used only when at least this many of its people are on
        another list (MSETools' threshold).

    Returns
    -------
    ConsistencyCheck

    Examples
    --------
    >>> from estimators.methods import create
    >>> from estimators.studies.example_data import synthetic_belarus_lists
    >>> h, _ = synthetic_belarus_lists(1)
    >>> check = internal_consistency(h, {"chapman": create("chapman")})
    >>> list(check.table["reference_list"]) == list(h.lists)
    True
    """
    if histories.k < 2:
        raise ValueError(f"internal consistency needs at least 2 lists; the data have {histories.k}")
    if not isinstance(min_observed, int) or isinstance(min_observed, bool) or min_observed < 1:
        raise ValueError(f"min_observed must be an integer >= 1; got {min_observed!r}")
    pops = [reference_population(histories, name) for name in histories.lists]
    rows = [_row(name, pop, spec, histories.k, min_observed) for name, spec in methods.items() for pop in pops]
    table = pd.DataFrame(rows, columns=list(CONSISTENCY_COLUMNS))
    for col in ("estimate", "lower", "upper", "relative_bias", "log_relative_bias"):
        table[col] = pd.to_numeric(table[col], errors="coerce").astype(float)  # NaN where none
    table["covers"] = pd.array([r["covers"] for r in rows], dtype="boolean")
    summary = pd.DataFrame(
        [_summary_row(name, table[table["method"] == name]) for name in methods], columns=list(SUMMARY_COLUMNS)
    )
    return ConsistencyCheck(table=table, summary=summary)
