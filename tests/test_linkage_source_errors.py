"""Error rates per pair of lists (``estimators/linkage/source_errors.py``): a list's own
disagreement rate moves the weight of its pairs only.

Pairs here are made-up comparison levels and weights, no records.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from estimators.linkage.source_errors import (
    MAX_SHIFT_BITS,
    list_pair_shifts,
    threshold_before_shifts,
)

#: one comparison with three levels by value: 0 differs, 1 near, 2 agrees
M = {"field": np.array([0.1, 0.1, 0.8])}
U = {"field": np.array([0.9, 0.07, 0.03])}


def _pairs(rng: np.random.Generator, lists: tuple[int, int], matches: int, differ_share: float,
           other_weight: float = 6.0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``matches`` likely matches between two lists (weight ``other_weight`` without the field)."""
    levels = rng.choice([0, 1, 2], size=matches, p=[differ_share, 0.1, 0.9 - differ_share])
    own = np.log2(M["field"][levels] / U["field"][levels])
    return (np.full(matches, other_weight) + own, levels, np.full(matches, lists[0]), np.full(matches, lists[1]))


def _stack(*parts):
    return tuple(np.concatenate(x) for x in zip(*parts, strict=True))


def test_a_list_whose_matches_disagree_more_pays_less_for_a_disagreement():
    rng = np.random.default_rng(1)
    w, g, a, b = _stack(_pairs(rng, (0, 1), 400, 0.1), _pairs(rng, (0, 2), 400, 0.1), _pairs(rng, (1, 2), 400, 0.5))
    shift, report = list_pair_shifts(w, {"field": g}, a, b, M, U, 3)
    careless = (a == 1) & (b == 2) & (g == 0)
    careful = (a == 0) & (b == 1) & (g == 0)
    # expected by hand (every pair here is a likely match): pooled disagreement share q(0) = 0.233; the
    # careless pair's shrunk share (200 + 20 q) / 420 = 0.487, so m_ab(0) = 0.1 x 2.09 = 0.209 before and
    # 0.26 after renormalising over the levels: log2(2.6) = +1.38 bits (> 1.0 leaves room for the draws)
    assert shift[careless].min() > 1.0
    # the trained m is an average over the lists: the careful pairs' disagreement now counts more; by the
    # same arithmetic m_ab(0) = 0.0415, log2(0.415) = -1.27 bits (bounds -1.5 and 0 around it)
    assert -1.5 < shift[careful].min() <= shift[careful].max() < 0
    # agreement between the careless lists counts a little less (its m is smaller there)
    assert shift[(a == 1) & (b == 2) & (g == 2)].max() < 0
    assert any(r.comparison == "field" and r.lists == (1, 2) and r.bits > 0 for r in report)


def test_the_same_error_rate_everywhere_moves_nothing():
    rng = np.random.default_rng(2)
    w, g, a, b = _stack(_pairs(rng, (0, 1), 500, 0.2), _pairs(rng, (0, 2), 500, 0.2), _pairs(rng, (1, 2), 500, 0.2))
    shift, _ = list_pair_shifts(w, {"field": g}, a, b, M, U, 3)
    # equal shares differ only by the draws (400-500 pairs per pair of lists: a share's sd ~0.02 on 0.2,
    # about 0.15 bits); 0.3 bits is twice that
    assert np.abs(shift).max() < 0.3


def test_pairs_within_one_list_and_null_levels_never_move():
    rng = np.random.default_rng(3)
    w, g, a, b = _stack(_pairs(rng, (0, 1), 300, 0.1), _pairs(rng, (1, 2), 300, 0.6), _pairs(rng, (2, 2), 300, 0.6))
    g = g.copy()
    g[:10] = -1
    shift, _ = list_pair_shifts(w, {"field": g}, a, b, M, U, 3)
    assert np.all(shift[a == b] == 0)
    assert np.all(shift[:10] == 0)


def test_few_likely_matches_are_shrunk_to_the_trained_m_and_every_shift_is_bounded():
    rng = np.random.default_rng(4)
    big = _stack(_pairs(rng, (0, 1), 1000, 0.1), _pairs(rng, (0, 2), 1000, 0.1))
    few = _pairs(rng, (1, 2), 3, 1.0 - 0.1 - 1e-9)  # three matches, all disagreeing
    many = _pairs(rng, (1, 2), 300, 0.9 - 1e-9)
    w, g, a, b = _stack(big, few)
    shift_few, _ = list_pair_shifts(w, {"field": g}, a, b, M, U, 3)
    w2, g2, a2, b2 = _stack(big, many)
    shift_many, _ = list_pair_shifts(w2, {"field": g2}, a2, b2, M, U, 3)
    pick = (a == 1) & (b == 2) & (g == 0)
    pick2 = (a2 == 1) & (b2 == 2) & (g2 == 0)
    assert 0 < shift_few[pick].max() < shift_many[pick2].min()
    assert np.abs(shift_many).max() <= MAX_SHIFT_BITS + 1e-12


def test_unlikely_pairs_do_not_count_as_matches():
    """Pairs that are non-matches without the field (weight -10) say nothing about its m."""
    rng = np.random.default_rng(5)
    w, g, a, b = _stack(_pairs(rng, (0, 1), 400, 0.1), _pairs(rng, (0, 2), 400, 0.1),
                        _pairs(rng, (1, 2), 400, 0.7, other_weight=-12.0))
    shift, _ = list_pair_shifts(w, {"field": g}, a, b, M, U, 3)
    assert np.abs(shift[(a == 1) & (b == 2)]).max() < 0.5


@pytest.mark.parametrize("keep_above", [0.01, 0.05])
def test_scoring_threshold_keeps_every_pair_a_shift_can_lift(keep_above):
    p = threshold_before_shifts(keep_above, 4.0)
    lifted = math.log2(p / (1 - p)) + 4.0
    assert math.isclose(1 / (1 + 2 ** -lifted), keep_above, rel_tol=1e-12)
    assert p < keep_above


def test_a_second_pass_from_the_shifted_weights_changes_little():
    rng = np.random.default_rng(6)
    w, g, a, b = _stack(_pairs(rng, (0, 1), 400, 0.1), _pairs(rng, (0, 2), 400, 0.1), _pairs(rng, (1, 2), 400, 0.5))
    one, _ = list_pair_shifts(w, {"field": g}, a, b, M, U, 3, passes=1)
    two, _ = list_pair_shifts(w, {"field": g}, a, b, M, U, 3, passes=2)
    assert np.all(np.sign(one) == np.sign(two)) and np.abs(one - two).max() < 0.5


def test_a_comparison_given_no_weight_stays_without_weight():
    """A field whose learned weights were inverted gets m = u after training; a per-pair m must not
    give it weight again."""
    rng = np.random.default_rng(7)
    w, g, a, b = _stack(_pairs(rng, (0, 1), 400, 0.1), _pairs(rng, (0, 2), 400, 0.1), _pairs(rng, (1, 2), 400, 0.5))
    moved, _ = list_pair_shifts(w, {"field": g}, a, b, M, U, 3)
    kept, report = list_pair_shifts(w, {"field": g}, a, b, M, U, 3, skip=("field",))
    assert np.abs(moved).max() > 1 and np.all(kept == 0) and report == []
