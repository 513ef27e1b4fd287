"""A family name printed as its initial: the format is neutral, agreeing initials count for a match.

Provenance of the numbers: the m and u below are of the shape the model learned on
``heldout_ngo_casefiles`` (an ombudsman's digest that prints family names as initials;
SYNTHETIC, tests/harness/heldout5.py) before :mod:`estimators.linkage.formats`: EM saw no
initial-only record in its training blocks, so both initial levels kept m at the floor
(1.1e-3) and an agreeing initial weighed -3.9 bits.
"""

from __future__ import annotations

import numpy as np
import pytest

from estimators.linkage.em import PROBABILITY_FLOOR
from estimators.linkage.formats import (
    FULL_NEAR,
    INITIAL_AGREES,
    INITIAL_DIFFERS,
    PARTIAL_DIFFERENT,
    PARTIAL_EQUAL,
    PARTIAL_NEAR,
    SWAPPED_NAMES,
    neutral_initial_format,
    neutral_partial_dates,
)

LABELS = ["All other comparisons", INITIAL_DIFFERS, INITIAL_AGREES, SWAPPED_NAMES, "Jaro-Winkler distance >= 0.85",
          "same consonant skeleton", "Jaro-Winkler distance >= 0.92", "same family name key"]
M = np.array([0.001124, 0.001088, 0.001088, 0.001088, 0.005348, 0.009786, 0.02712, 0.9534])
U = np.array([0.8065, 0.1683, 0.01597, 0.01429, 0.005082, 0.0003163, 0.001281, 0.002558])


def fitted() -> tuple[dict[str, np.ndarray], float | None]:
    m = {"family_key": M.copy()}
    share = neutral_initial_format(m, {"family_key": U}, {"family_key": LABELS}, floor=PROBABILITY_FLOOR)
    return m, share


def test_an_agreeing_initial_counts_for_a_match_and_a_differing_one_against() -> None:
    m, share = fitted()
    weight = np.log2(m["family_key"] / U)
    assert weight[2] > 3.0  # was -3.9 bits
    assert weight[1] < -5.0
    # the Bayes factor is the one given the format: P(agree | M) / P(agree | U, initial)
    full = [0, 3, 4, 5, 6, 7]
    expected_share = M[[4, 5, 6, 7]].sum() / M[full].sum()
    assert share == pytest.approx(expected_share)
    assert m["family_key"][2] / U[2] == pytest.approx(expected_share / (U[2] / (U[1] + U[2])))


def test_the_format_itself_is_neutral_and_full_name_levels_are_unchanged() -> None:
    m, _ = fitted()
    # P(initial format | M) = P(initial format | U)
    assert m["family_key"][1] + m["family_key"][2] == pytest.approx(U[1] + U[2])
    keep = [0, 3, 4, 5, 6, 7]
    np.testing.assert_array_equal(m["family_key"][keep], M[keep])


def test_a_swap_or_a_different_name_does_not_share_the_initial() -> None:
    # every match a swap or a different name: initials of matches would not agree either
    m = {"family_key": np.array([0.5, 0.001, 0.001, 0.5, 0.0, 0.0, 0.0, 0.0])}
    share = neutral_initial_format(m, {"family_key": U}, {"family_key": LABELS}, floor=PROBABILITY_FLOOR)
    assert share == pytest.approx(PROBABILITY_FLOOR)
    assert m["family_key"][2] < U[2]


def test_nothing_changes_without_initial_levels_or_full_name_weight() -> None:
    plain = ["All other comparisons", "same family name key"]
    m = {"family_key": np.array([0.1, 0.9])}
    assert neutral_initial_format(m, {"family_key": np.array([0.9, 0.1])}, {"family_key": plain},
                                  floor=PROBABILITY_FLOOR) is None
    np.testing.assert_array_equal(m["family_key"], [0.1, 0.9])
    empty = {"family_key": np.zeros(len(LABELS))}
    assert neutral_initial_format(empty, {"family_key": U}, {"family_key": LABELS}, floor=PROBABILITY_FLOOR) is None
    assert neutral_initial_format({}, {}, {}, floor=PROBABILITY_FLOOR) is None


# ---------------------------------------------------------------- partial birth dates
DATE_LABELS = ["different", PARTIAL_DIFFERENT, PARTIAL_NEAR, FULL_NEAR,
               PARTIAL_EQUAL, "same full date"]
# partial dates are 15% of the training matches (the full-date block holds none) but 45% of
# the random pairs: each partial level's weight is biased down by log2(0.15 / 0.45)
DATE_M = np.array([0.02, 0.01, 0.05, 0.03, 0.09, 0.80])
DATE_U = np.array([0.54, 0.38, 0.05, 0.01, 0.02, 0.0002])


def test_partial_dates_keep_the_within_format_m_and_the_format_is_neutral() -> None:
    m = {"birth_date": DATE_M.copy()}
    sib = {"birth_date": np.array([0.5, 0.3, 0.1, 0.05, 0.03, 0.02])}
    share = neutral_partial_dates(m, {"birth_date": DATE_U}, {"birth_date": DATE_LABELS}, floor=PROBABILITY_FLOOR,
                                  siblings=sib)
    assert share == pytest.approx(0.15)
    partial = [1, 2, 4]
    # P(level | M, partial) unchanged, P(partial | M) = P(partial | U) = 0.45, for the sibling class too
    np.testing.assert_allclose(m["birth_date"][partial] / m["birth_date"][partial].sum(),
                               DATE_M[partial] / DATE_M[partial].sum())
    assert m["birth_date"][partial].sum() == pytest.approx(DATE_U[partial].sum())
    assert sib["birth_date"][partial].sum() == pytest.approx(DATE_U[partial].sum())
    # equal years: 0.6 of the partial matches against 0.044 of the partial random pairs
    assert np.log2(m["birth_date"][4] / DATE_U[4]) == pytest.approx(np.log2(0.6 / (0.02 / 0.45)))
    np.testing.assert_array_equal(m["birth_date"][[0, 3, 5]], DATE_M[[0, 3, 5]])


def test_partial_dates_too_rare_in_training_are_left_alone() -> None:
    m = {"birth_date": np.array([0.1, 0.002, 0.002, 0.05, 0.002, 0.844])}
    before = m["birth_date"].copy()
    assert neutral_partial_dates(m, {"birth_date": DATE_U}, {"birth_date": DATE_LABELS},
                                 floor=PROBABILITY_FLOOR) is None
    np.testing.assert_array_equal(m["birth_date"], before)
