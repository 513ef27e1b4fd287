"""Small-cell suppression for public output, with secondary suppression.

A public table leaves out (or writes as ``"<5"``) the counts from 1 to ``min_cell - 1``:
a small cell of a table of children can identify a child.  That is *primary*
suppression.  It is not enough when the table's total is published too: one withheld
cell is the total minus the cells shown, and two withheld cells whose sum is below
``min_cell`` give that small sum away.  *Secondary* suppression (Hundepool et al.
2012, ch. 4) also withholds the next smallest shown cells until the withheld group
has at least two cells (more when more independent totals are published, see
``min_group``) and at least ``min_cell`` people in all, or withholds every cell when
that cannot be reached.

References
----------
Hundepool, A., Domingo-Ferrer, J., Franconi, L., Giessing, S., Schulte Nordholt, E.,
    Spicer, K., de Wolf, P.-P. (2012). *Statistical Disclosure Control*. Wiley, §4.2
    (primary and secondary cell suppression; the sensitivity of a withheld group).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .results import EstimateResult

__all__ = ["SECONDARY_REASON", "public_strata", "withheld_cells"]

#: Why cells at or above ``min_cell`` are withheld too (messages; no count in it).
SECONDARY_REASON = "so that the withheld ones cannot be recovered by subtraction from the total and the ones shown"


def withheld_cells(values: Sequence[int], min_cell: int, *, min_group: int = 2,
                   also: Iterable[int] = ()) -> frozenset[int]:
    """Positions of ``values`` to withhold from a table whose total is published.

    Parameters
    ----------
    values : counts of one group of cells that sums to a published total.
    min_cell : smallest count shown (>= 1).
    min_group : the least number of withheld cells (2 when the sum is the only published
        relation between the cells; one more for each further independent published
        relation, such as a weighted sum).
    also : positions withheld for another reason (counted as withheld, never shown).

    Returns
    -------
    frozenset of int
        Empty when no cell is below ``min_cell`` (zeros are shown: a zero identifies
        no one) and nothing else is withheld.  Otherwise the cells from 1 to
        ``min_cell - 1``, the ``also`` cells, and the smallest other positive cells
        (ties: the first) until at least ``min_group`` cells with a sum of at least
        ``min_cell`` are withheld; zero cells are added only when no positive cell is
        left; every cell when the condition cannot be met.

    Examples
    --------
    >>> sorted(withheld_cells([66, 71, 63], 64))
    [0, 2]
    >>> sorted(withheld_cells([96, 85, 40, 1], 5))
    [2, 3]
    >>> sorted(withheld_cells([12, 30], 5))
    []
    """
    if min_cell < 1:
        raise ValueError(f"min_cell must be >= 1; got {min_cell}")
    v = [int(x) for x in values]
    out = {i for i, x in enumerate(v) if 0 < x < min_cell} | {i for i in also if 0 <= i < len(v)}
    if not out:
        return frozenset()

    def safe() -> bool:
        return len(out) >= min_group and sum(v[i] for i in out) >= min_cell

    rest = sorted((i for i in range(len(v)) if i not in out), key=lambda i: (v[i] == 0, v[i], i))
    for i in rest:
        if safe():
            break
        out.add(i)
    if not safe():
        return frozenset(range(len(v)))
    return frozenset(out)


def _withheld_in_groups(values: Sequence[int], groups: Sequence[Sequence[int]], min_cell: int) -> tuple[set[int], bool]:
    """Positions withheld so that every group (positions whose sum is published) is protected by
    :func:`withheld_cells`, repeated until no group needs more; and whether some group could
    not be protected (all of it withheld, yet one cell or fewer than ``min_cell`` in all)."""
    withheld: set[int] = set()
    changed = True
    while changed:
        changed = False
        for group in groups:
            inside = [j for j, i in enumerate(group) if i in withheld]
            out = {group[j] for j in withheld_cells([values[i] for i in group], min_cell, also=inside)}
            if not out <= withheld:
                withheld |= out
                changed = True
    exposed = any(
        (w := [i for i in g if i in withheld]) and (len(w) < 2 or sum(values[i] for i in w) < min_cell)
        for g in groups)
    return withheld, exposed


def public_strata(result: EstimateResult, min_cell: int) -> tuple[EstimateResult, int, int]:
    """A stratified result for public output: small strata left out, with secondary suppression.

    The total over strata is published, and so are (in ``details``) the people in the
    strata with an estimate and in those without one: each is the total of a group of
    strata, and the strata withheld are chosen so that every group is protected
    (:func:`withheld_cells`).  When the two coverage groups cannot both be protected (a
    group of one stratum, or of fewer than ``min_cell`` people), their people are left
    out of ``details`` and of the messages, and only the total is protected.

    Returns
    -------
    (EstimateResult, int, int)
        The result with the withheld strata left out; how many were withheld; how many of
        these have at least ``min_cell`` people (withheld only to protect the others).
    """
    from .results import StratifiedTotal

    strata = result.strata or ()
    if not strata:
        return result, 0, 0
    observed = [s.observed for s in strata]
    everything = list(range(len(strata)))
    coverage = [[i for i in everything if strata[i].has_estimate], [i for i in everything if not strata[i].has_estimate]]
    withheld, exposed = _withheld_in_groups(observed, [everything, *(g for g in coverage if g)], min_cell)
    parts, messages, details = result.parts, result.messages, dict(result.details)
    if exposed:
        withheld, _ = _withheld_in_groups(observed, [everything], min_cell)
        parts = tuple(dataclasses.replace(p, observed_in_covered_strata=None, observed_not_covered=None)
                      if isinstance(p, StratifiedTotal) else p for p in parts)
        messages = tuple(_IN_ALL.sub("", m) for m in messages)
        for key in ("observed_in_covered_strata", "observed_not_covered"):
            details.pop(key, None)
    if not withheld:
        return result, 0, 0
    shown = tuple(s for i, s in enumerate(strata) if i not in withheld)
    secondary = sum(1 for i in withheld if observed[i] >= min_cell)
    public = dataclasses.replace(result, strata=shown, parts=parts, messages=messages, details=details)
    return public, len(withheld), secondary


#: "(12 in all)": the people of the strata without an estimate, in a message of the total
_IN_ALL = re.compile(r" \([\d,.]+ in all\)")
