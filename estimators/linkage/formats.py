"""Levels that only a reduced format of a field can reach: their Bayes factor given the format.

A family name printed as its initial ("К.", "S.": ombudsman digests, court rulings,
Russian databases) can only agree or differ at the initial; so can a given name or a
patronymic that an anonymised ruling prints as an initial ("Г. В. Б."), and the three
comparisons get the same treatment.  (A lone lowercase letter in the patronymic cell, and a
short lowercase fragment in the given-name cell that the name table lacks, are the tails of
words broken across cells: missing, not initials.)  The initial is the first letter of the
name *as written*, folded to Latin; the Ukrainian and the Russian form of one name can
start with different letters (Олександр / Александр, Олена / Елена), so a given name's or a
patronymic's initial agrees with the initial of any form of its group in the name table
(:attr:`.standardise.NameTable.group_initials`); a family name's initial must be its own.
The blocking rule on initials still joins on the initial as written, so a pair whose only
meeting point is a cross-language initial is not compared - a known limit.  Whether a list prints
initials is a property of the list, not evidence about a pair, so the format itself must
carry a Bayes factor of 1, as a missing value does (issue 11, cause 3); only the
agreement *given* the format is evidence:

.. math::

    BF(\\text{initials agree}) = \\frac{P(\\text{initials agree} \\mid M, \\text{initial})}
                                     {P(\\text{initials agree} \\mid U, \\text{initial})}.

EM cannot learn this.  It estimates ``m`` of a level as an unconditional share of the
matches in its training blocks, and every block needs a full family name or a full birth
date, which the records of an initials-only list rarely have: the two levels' ``m`` stay
at the floor, and an agreeing initial counted *against* a match (-3.9 bits on such a
list, against +3.5 bits given the format).  The ``u`` of the levels, from random pairs,
have no such problem.  So here:

* ``P(initials agree | M)`` is derived from the full-name levels that EM did learn: the
  share of matches whose full family names agree or are similar (same key, Jaro-Winkler
  0.85 or more, same consonant skeleton), which share their initial, against those that
  differ or are swapped, which do not.  A similar name with another first letter
  (Ковальов / Hovalyov) makes this too high; names are folded across scripts before the
  initial is taken, so a Cyrillic and a Latin initial of one name agree, and a given name's or
  a patronymic's initial agrees with the initial of any of its forms in the name table's
  languages (``О.`` with Александр as with Олександр), so the forms of one group do too;
* ``P(initials agree | U, initial)`` is the two levels' ``u`` renormalised;
* the two levels' ``m`` become ``P(level | M, initial) * (u_agree + u_differ)``, so that
  ``P(initial format | M) = P(initial format | U)``: the format is neutral.

A birth date known only to the year or the month (a year from an age, "2019") has the
same problem with a milder cause: every comparison is trained in blocks, and the block
of full birth dates holds no partial date, so partial-date pairs are a smaller share of
the training matches than of all pairs, and each partial level's weight is biased down by
that share (+1.5 bits for equal years where the years alone give +3).  Here EM does see
partial dates (in the family name blocks), so the levels keep what EM learned *within*
the format - ``P(level | M, partial)`` is the level's ``m`` over the partial levels'
total - and the format's share is set to that of the random pairs, as for initials.
When partial dates are under :data:`MIN_FORMAT_SHARE` of the training matches, that
within-format estimate rests on too few pairs and the levels are left as EM learned them.
The sibling class's probabilities (:mod:`.em`) get the same treatment, so the format is
neutral between a match and a sibling too.

References
----------
Fellegi, I. P. & Sunter, A. B. (1969). A theory for record linkage. *JASA* 64, 1183-1210.
Winkler, W. E. (1990). String comparator metrics and enhanced decision rules in the
    Fellegi-Sunter model of record linkage. *Proc. Section on Survey Research Methods,
    ASA*, 354-359.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

import numpy as np

__all__ = ["FULL_NEAR", "INITIAL_AGREES", "INITIAL_DIFFERS", "MIN_FORMAT_SHARE", "PARTIAL_DIFFERENT", "PARTIAL_EQUAL", "PARTIAL_NEAR",
           "SWAPPED_NAMES", "neutral_initial_format", "neutral_partial_dates"]

#: Labels of the family name comparison's two initial-only levels (see :mod:`.comparisons`).
INITIAL_AGREES = "only an initial on a record, and it agrees"
INITIAL_DIFFERS = "only an initial on a record, and it differs"
#: Labels of the birth date comparison's levels for a partial date on either record.
PARTIAL_EQUAL = "equal at the precision both have (partial)"
#: Label of the level of full dates one field or one day apart.
FULL_NEAR = "full dates one field or a day apart, or day and month swapped"
PARTIAL_NEAR = "partial date within a year (e.g. from an age)"
PARTIAL_DIFFERENT = "partial date more than a year apart"
#: Below this share of the training matches, a format's within-format m is not estimated.
MIN_FORMAT_SHARE = 0.01
#: The full-name level whose names do not share their initial, besides the else level (value 0).
SWAPPED_NAMES = "family and given name swapped"


def neutral_initial_format(
    m: MutableMapping[str, np.ndarray],
    u: Mapping[str, np.ndarray],
    levels: Mapping[str, list[str]],
    *,
    floor: float,
    comparison: str = "family_key",
) -> float | None:
    """Give the initial-only levels their Bayes factor given the format (in place).

    Parameters
    ----------
    m, u : comparison name -> probability of each non-null level (index = Splink's
        comparison vector value, 0 = else); ``m[comparison]`` is replaced.
    levels : comparison name -> level labels (same index).
    floor : lower bound of a probability (:data:`.em.PROBABILITY_FLOOR`).
    comparison : the comparison with the initial-only levels.

    Returns
    -------
    float or None
        ``P(initials agree | M)`` used, or None when the comparison has no such levels or
        its full-name levels carry no weight to derive it from (``m`` is then unchanged).
    """
    labels = levels.get(comparison)
    if labels is None or comparison not in m or INITIAL_AGREES not in labels or INITIAL_DIFFERS not in labels:
        return None
    agree, differ = labels.index(INITIAL_AGREES), labels.index(INITIAL_DIFFERS)
    mm = np.asarray(m[comparison], dtype=float).copy()
    full = [i for i in range(len(labels)) if i not in (agree, differ)]
    total = float(mm[full].sum())
    if not total > 0:
        return None
    share = float(sum(mm[i] for i in full if i != 0 and labels[i] != SWAPPED_NAMES)) / total
    share = min(max(share, floor), 1.0 - floor)
    stratum = float(u[comparison][agree] + u[comparison][differ])
    mm[agree] = share * stratum
    mm[differ] = (1.0 - share) * stratum
    m[comparison] = np.clip(mm, floor, 1.0 - floor)
    return share


def neutral_partial_dates(
    m: MutableMapping[str, np.ndarray],
    u: Mapping[str, np.ndarray],
    levels: Mapping[str, list[str]],
    *,
    floor: float,
    siblings: MutableMapping[str, np.ndarray] | None = None,
    comparison: str = "birth_date",
) -> float | None:
    """Give the partial-date levels their Bayes factor given the format (in place).

    Parameters
    ----------
    m, u, levels, floor : as in :func:`neutral_initial_format`.
    siblings : comparison name -> the sibling class's probability of each level; its
        ``comparison`` entry, when present, is rescaled the same way.
    comparison : the comparison with the partial-date levels.

    Returns
    -------
    float or None
        The partial levels' share of the training matches before the rescaling, or None
        when the comparison lacks them or the share is under :data:`MIN_FORMAT_SHARE`
        (nothing is changed).
    """
    labels = levels.get(comparison)
    stratum_labels = (PARTIAL_EQUAL, PARTIAL_NEAR, PARTIAL_DIFFERENT)
    if labels is None or comparison not in m or not all(x in labels for x in stratum_labels):
        return None
    stratum = [labels.index(x) for x in stratum_labels]
    share = float(np.asarray(m[comparison], dtype=float)[stratum].sum())
    if share < MIN_FORMAT_SHARE:
        return None
    mass = float(np.asarray(u[comparison], dtype=float)[stratum].sum())
    targets = [m] + ([siblings] if siblings is not None and comparison in siblings else [])
    for probabilities in targets:
        arr = np.asarray(probabilities[comparison], dtype=float).copy()
        total = float(arr[stratum].sum())
        if total > 0:
            arr[stratum] = arr[stratum] / total * mass
        probabilities[comparison] = np.clip(arr, floor, 1.0 - floor)
    return share
