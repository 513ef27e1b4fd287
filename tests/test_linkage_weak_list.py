"""Per-list expected recall of cross-list links, and naming the list linked much less well (SYNTHETIC pairs)."""

from __future__ import annotations

import numpy as np
import pytest

from estimators.linkage.summary import WEAK_LIST_GAP, expected_recall_by_list, linkage_flags, weak_list


def test_expected_recall_by_list_counts_cross_list_pairs_of_each_list() -> None:
    # records 0, 1 on list a; 2 on b; 3 on c. Clusters: {0, 2}, {1}, {3}
    labels = np.array([0, 1, 0, 2])
    node_list = np.array([0, 0, 1, 2])
    node_l = np.array([0, 1, 0, 2])
    node_r = np.array([2, 3, 1, 3])
    prob = np.array([0.9, 0.4, 0.7, 0.2])  # (0, 1) is within list a: not counted
    got = expected_recall_by_list(labels, node_list, ["a", "b", "c"], node_l, node_r, prob)
    assert got["a"] == pytest.approx(0.9 / 1.3)
    assert got["b"] == pytest.approx(0.9 / 1.1)
    assert got["c"] == pytest.approx(0.0)


def test_only_a_list_well_below_the_others_is_named() -> None:
    assert weak_list({"a": 0.81, "b": 0.88, "c": 0.90, "d": 0.86}) == "a"
    # low, but not far from the others: the lists are alike
    assert weak_list({"a": 0.90, "b": 0.93, "c": 0.94}) is None
    # far below the others but above the quality band: nothing to say
    assert weak_list({"a": 0.96, "b": 0.999, "c": 0.999}) is None
    assert weak_list({"a": 0.5, "b": 0.99}) is None  # two lists: which one is weak?
    assert WEAK_LIST_GAP == 0.05


def test_the_flag_names_the_list_and_no_value() -> None:
    flags = linkage_flags(0.99, 0.99, 0.0, {"ngo": 0.99, "register": 0.99, "posts": 0.80})
    assert len(flags) == 1 and "'posts'" in flags[0] and "80%" in flags[0] and "too high" in flags[0]
    assert linkage_flags(0.99, 0.99, 0.0, {"a": 0.99, "b": 0.99, "c": 0.98}) == []
