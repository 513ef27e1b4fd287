"""Error rates that differ by list: the m of each comparison re-estimated per pair of lists.

Fellegi-Sunter EM learns one ``m`` per comparison level (the chance that a true match
falls there) from all lists together.  But each source makes its own errors: a list
typed from shifted spreadsheet rows has the wrong settlement for a share of its
children, a news list dates the post rather than the removal, a list written from
school grades has birth years a year off.  With one ``m``, a disagreement costs a true
match between two careful lists what it costs one with the careless list, and the
careless list's matches fall under the threshold: they become extra children, and N̂
grows (issue 11).  Record-linkage models with a distortion probability per source and
field (Steorts 2015; Marchant et al. 2021, d-blink) avoid this; this module adds the
same to the trained Fellegi-Sunter model, as a correction of its weights.

For a comparison ``C`` and two different lists ``a`` and ``b``, among the scored pairs
between different lists:

* each pair's match probability *without* ``C`` (its weight less ``C``'s Bayes factor)
  weighs where its ``C`` level falls: ``q_ab(g)``, the share of the likely matches
  between ``a`` and ``b`` at level ``g``, and ``q(g)`` the same over all pairs of lists;
* the scored pairs are the blocked ones, and blocking favours agreement on some fields,
  so ``q_ab`` is not ``m_ab``; but the selection is the same for every pair of lists, so
  the *ratio* ``q_ab(g) / q(g)`` is read as the pair's departure from the trained ``m``:
  ``m_ab(g) ∝ m(g) q_ab(g) / q(g)`` (renormalised over the levels);
* ``q_ab`` is shrunk towards ``q`` by :data:`PSEUDO_MATCHES` pseudo-matches (a pair of
  lists with few likely matches keeps the trained ``m``), and the change of any level's
  weight is bounded by :data:`MAX_SHIFT_BITS`.

The weight of a pair between ``a`` and ``b`` then changes by ``log2(m_ab(g) / m(g))`` for
each comparison; ``u`` (chance agreement) is left as trained, which assumes that two
random records agree by chance as often between any two lists (not checked: a pair of
lists that covers one town and one month agrees by chance more often).  One pass, each
comparison's posterior from the trained weights of the others (a second pass, from the
shifted weights, moved N̂ by under 1.3 points on seven profiles: :data:`PASSES` is 1).  Pairs within one list
keep the trained ``m``: a list's duplicates are often copies of one entry and agree more
than the records of any two lists (shifting them merged different children of one list
on the tuning profile ``p3_russian_db``: precision within lists 0.88 -> 0.77).  The
identity comparison (re-registered identities) is left alone: it models a change of
identity, not a field's errors.

Measured on the harness's 19 profiles, none of them held out any more (``bench/RESULTS.md``):
N̂ on the linked histories moved towards the truth on 15, stayed on 3 and moved away on one
(+43.0% -> +44.4%), at a cost of up to 0.03 in precision across lists; a variant that moved
only the disagreement level lost less precision but gained about half as much.

References
----------
Fellegi, I. P. & Sunter, A. B. (1969). A theory for record linkage. *JASA* 64, 1183-1210.
Steorts, R. C. (2015). Entity resolution with empirically motivated priors. *Bayesian
    Analysis* 10(4), 849-875.
Marchant, N. G. et al. (2021). d-blink: Distributed end-to-end Bayesian entity
    resolution. *Journal of Computational and Graphical Statistics* 30(2), 406-421.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["MAX_SHIFT_BITS", "MAX_TOTAL_SHIFT_BITS", "PSEUDO_MATCHES", "ListPairShift", "list_pair_shifts",
           "threshold_before_shifts"]

#: Strength of the shrinkage of a pair of lists' level shares towards all lists' (in likely matches).
PSEUDO_MATCHES = 20.0
#: No level's weight moves by more than this many bits for a pair of lists.
MAX_SHIFT_BITS = 3.0
#: No pair's weight moves by more than this many bits over all comparisons.
MAX_TOTAL_SHIFT_BITS = 4.0
#: Passes over the comparisons (each from the weights the previous pass left).
PASSES = 1
#: Comparisons not re-estimated per pair of lists.
SKIPPED = ("identity",)


@dataclass(frozen=True)
class ListPairShift:
    """The largest change of one comparison's weights for one pair of lists (no data values).

    Attributes
    ----------
    comparison : comparison name.
    lists : the two list indices.
    likely_matches : the pair's expected matches with the comparison present (posterior without it).
    level : label of the level whose weight moved most.
    bits : that change in bits (positive: a pair at that level is now likelier a match).
    """

    comparison: str
    lists: tuple[int, int]
    likely_matches: float
    level: str
    bits: float


def _sigmoid_log2(w: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(w, -60.0, 60.0)))


def list_pair_shifts(
    weight: np.ndarray,
    gammas: Mapping[str, np.ndarray],
    list_l: np.ndarray,
    list_r: np.ndarray,
    m: Mapping[str, np.ndarray],
    u: Mapping[str, np.ndarray],
    n_lists: int,
    *,
    levels: Mapping[str, Sequence[str]] | None = None,
    pseudo_matches: float = PSEUDO_MATCHES,
    max_shift_bits: float = MAX_SHIFT_BITS,
    passes: int = PASSES,
    skip: Sequence[str] = (),
) -> tuple[np.ndarray, list[ListPairShift]]:
    """The change of each scored pair's weight from error rates per pair of lists.

    Parameters
    ----------
    weight : ndarray (p,)
        Each pair's trained match weight (log2 odds).
    gammas : comparison name -> ndarray (p,) of its level (Splink's comparison vector
        value: -1 null, 0 the last level, ...).
    list_l, list_r : ndarray (p,), int
        The list of each pair's records.
    m, u : comparison name -> ndarray of m / u by level value (as trained).
    n_lists : number of lists.
    levels : comparison name -> level labels by value (for the report).
    pseudo_matches, max_shift_bits : see :data:`PSEUDO_MATCHES`, :data:`MAX_SHIFT_BITS`.
    passes : passes over the comparisons (:data:`PASSES`).
    skip : comparisons left as trained besides :data:`SKIPPED` (those given no weight after
        training: a per-pair m would give them weight again).

    Returns
    -------
    (ndarray (p,), list of ListPairShift)
        The change of each pair's weight in bits, and per comparison and pair of lists with
        a change of more than a quarter bit, the level that moved most.
    """
    weight = np.asarray(weight, dtype=float)
    shift = np.zeros(len(weight))
    if len(weight) == 0:
        return shift, []
    lo = np.minimum(list_l, list_r).astype(np.int64)
    hi = np.maximum(list_l, list_r).astype(np.int64)
    across = lo != hi
    pair_id = lo * n_lists + hi
    names = [name for name in gammas if name not in SKIPPED and name not in skip and name in m and name in u]
    by_name = {name: np.zeros(len(weight)) for name in names}
    report: list[ListPairShift] = []
    for _ in range(passes):
        report = _one_pass(weight + sum(by_name.values(), np.zeros(len(weight))), gammas, names, by_name, pair_id,
                           across, n_lists, m, u, levels, pseudo_matches, max_shift_bits)
    shift = sum(by_name.values(), np.zeros(len(weight)))
    return shift, report


def _one_pass(weight: np.ndarray, gammas: Mapping[str, np.ndarray], names: list[str], by_name: dict[str, np.ndarray],
              pair_id: np.ndarray, across: np.ndarray, n_lists: int, m: Mapping[str, np.ndarray],
              u: Mapping[str, np.ndarray], levels: Mapping[str, Sequence[str]] | None, pseudo_matches: float,
              max_shift_bits: float) -> list[ListPairShift]:
    """One pass over the comparisons: each one's shifts from the current weights of the others."""
    n_pair_ids = n_lists * n_lists
    report: list[ListPairShift] = []
    new: dict[str, np.ndarray] = {}
    for name in names:
        g = gammas[name]
        mm = np.asarray(m[name], dtype=float)
        uu = np.asarray(u[name], dtype=float)
        L = len(mm)
        g = np.asarray(g, dtype=np.int64)
        present = (g >= 0) & (g < L)
        use = present & across
        if not use.any():
            continue
        gi = np.where(present, g, 0)
        own = np.where(present, np.log2(mm[gi] / uu[gi]), 0.0)
        # each pair's match probability without this comparison
        p = np.where(use, _sigmoid_log2(weight - own - by_name[name]), 0.0)
        # likely matches per pair of lists and level
        mass = np.zeros((n_pair_ids, L))
        np.add.at(mass, (pair_id[use], gi[use]), p[use])
        total = mass.sum(axis=1)
        all_q = mass.sum(axis=0)
        if all_q.sum() <= 0:
            continue
        q = all_q / all_q.sum()
        q_ab = (mass + pseudo_matches * q) / (total[:, None] + pseudo_matches)
        ratio = np.where(q > 0, q_ab / np.where(q > 0, q, 1.0), 1.0)
        m_ab = mm[None, :] * ratio
        m_ab /= m_ab.sum(axis=1, keepdims=True)
        bits = np.clip(np.log2(m_ab / mm[None, :]), -max_shift_bits, max_shift_bits)
        new[name] = np.where(use, bits[pair_id, gi], 0.0)
        for pid in np.flatnonzero(total > 0):
            j = int(np.argmax(np.abs(bits[pid])))
            if abs(bits[pid, j]) > 0.25:
                label = str(levels[name][j]) if levels is not None and name in levels else str(j)
                report.append(ListPairShift(comparison=name, lists=(int(pid // n_lists), int(pid % n_lists)),
                                            likely_matches=float(total[pid]), level=label,
                                            bits=float(bits[pid, j])))
    by_name.update(new)
    return report


def threshold_before_shifts(keep_above: float, max_gain_bits: float) -> float:
    """The match probability to score pairs at so that a pair the shifts lift to ``keep_above`` is kept."""
    w = math.log2(keep_above / (1.0 - keep_above)) - max_gain_bits
    return float(1.0 / (1.0 + 2.0 ** (-w)))
