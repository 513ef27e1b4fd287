"""Sanity checks of the learned linkage parameters against plausible ranges.

EM fits whatever mixture the training pairs allow; when a field is coded per list, when
the blocks hold few matches, or when the fields are dependent, it can converge to values
no real list has (issue 11, cause 2: 45% of matches disagreeing on birth date, weights of
hundreds of bits).  Each check below turns such a value into one message (no data
values); the pipeline warns (:class:`.model.LinkageWarning`) and the linkage summary
lists the messages.

Checks
------
* a level's weight ``|log2(m / u)|`` above :data:`MAX_WEIGHT_BITS`;
* the strongest agreement level of a comparison counting *against* a match
  (``m < u``), or its "else" level counting *for* one (``m > u``): the signature of a
  field that acts as a list label;
* more than :data:`MAX_DATE_DISAGREEMENT` of the matches with full birth dates on both
  records disagreeing on them (clerks misrecord a date now and then, not that often);
* more than :data:`MAX_REREGISTERED` of the matches with every identity field rewritten;
* a prior that implies fewer than :data:`MIN_MATCHES_PER_RECORD` or more than one
  match per record per other list plus one duplicate;
* an EM fit that did not converge.

The bounds are deliberately loose: they flag values that are implausible on any list of
children, not values that differ from the project's synthetic data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .formats import FULL_NEAR

__all__ = ["MAX_DATE_DISAGREEMENT", "MAX_REREGISTERED", "MAX_WEIGHT_BITS", "MIN_MATCHES_PER_RECORD",
           "implausible_parameters"]

MAX_WEIGHT_BITS = 30.0
MAX_DATE_DISAGREEMENT = 0.2
MAX_REREGISTERED = 0.2
MIN_MATCHES_PER_RECORD = 0.01
_FULL_DATE_LEVELS = ("same full date", FULL_NEAR, "different")


def implausible_parameters(
    m: Mapping[str, np.ndarray],
    u: Mapping[str, np.ndarray],
    levels: Mapping[str, list[str]],
    *,
    prior: float,
    n_records: int,
    n_lists: int,
    fits: Mapping[str, Any] | None = None,
) -> list[str]:
    """Messages for the learned values outside plausible ranges (empty when all plausible).

    Parameters
    ----------
    m, u : comparison name -> probability of each non-null level (index = Splink's
        comparison vector value, 0 = else).
    levels : comparison name -> level labels (same index).
    prior : probability that two random records match.
    n_records, n_lists : size of the linkage.
    fits : training block name -> :class:`.em.LatentClassFit` (convergence).

    Returns
    -------
    list of str

    Examples
    --------
    >>> labels = {"sex": ["else", "same sex"]}
    >>> implausible_parameters({"sex": np.array([0.6, 0.4])}, {"sex": np.array([0.5, 0.5])}, labels,
    ...                        prior=1e-3, n_records=1000, n_lists=2)
    ["sex: agreeing ('same sex') counts against a match (-0.3 bits) and disagreeing for one: is the field coded differently on each list?"]
    """
    out: list[str] = []
    for name, mm in m.items():
        uu = u[name]
        labels = levels[name]
        weights = np.log2(np.asarray(mm) / np.asarray(uu))
        for g, w in enumerate(weights):
            if abs(w) > MAX_WEIGHT_BITS:
                out.append(f"{name}: level {labels[g]!r} has a weight of {w:+.0f} bits (more than "
                           f"{MAX_WEIGHT_BITS:.0f} in size)")
        if name == "identity":
            if "every identity field present differs" in labels:
                c = float(mm[labels.index("every identity field present differs")])
                if c > MAX_REREGISTERED:
                    out.append(f"identity: {c:.0%} of matches have every identity field rewritten (more than "
                               f"{MAX_REREGISTERED:.0%})")
            continue
        top = len(weights) - 1
        if top >= 1 and weights[top] < 0 and weights[0] > 0:
            out.append(f"{name}: agreeing ({labels[top]!r}) counts against a match ({weights[top]:+.1f} bits) and "
                       "disagreeing for one: is the field coded differently on each list?")
        elif top >= 1 and weights[top] < 0:
            out.append(f"{name}: agreeing ({labels[top]!r}) counts against a match ({weights[top]:+.1f} bits)")
        elif top >= 1 and weights[0] > 0:
            out.append(f"{name}: disagreeing ({labels[0]!r}) counts for a match ({weights[0]:+.1f} bits)")
        if name == "birth_date" and all(lv in labels for lv in _FULL_DATE_LEVELS):
            same, slip, diff = (float(mm[labels.index(lv)]) for lv in _FULL_DATE_LEVELS)
            share = (slip + diff) / (same + slip + diff) if same + slip + diff > 0 else 0.0
            if share > MAX_DATE_DISAGREEMENT:
                out.append(f"birth_date: {share:.0%} of matches with full dates on both records disagree on them "
                           f"(more than {MAX_DATE_DISAGREEMENT:.0%})")
    n_pairs = n_records * (n_records - 1) / 2
    per_record = 2 * prior * n_pairs / max(n_records, 1)
    if per_record < MIN_MATCHES_PER_RECORD or per_record > n_lists:
        out.append(f"prior: {per_record:.3g} expected matches per record (plausible: {MIN_MATCHES_PER_RECORD} to "
                   f"{n_lists}, one per other list plus a duplicate)")
    for name, fit in (fits or {}).items():
        if not getattr(fit, "converged", True):
            out.append(f"EM on the block {name!r} did not converge in {fit.iterations} iterations")
    return out
