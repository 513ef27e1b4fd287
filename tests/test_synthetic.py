"""Synthetic generators: reproducible, labelled synthetic, truth consistent with the data."""

from __future__ import annotations

import numpy as np
import pytest

from estimators.studies.example_data import SyntheticTruth, synthetic_belarus_lists, synthetic_stratified


def test_belarus_reproducible_and_labelled():
    h1, t1 = synthetic_belarus_lists(5)
    h2, t2 = synthetic_belarus_lists(5)
    h3, t3 = synthetic_belarus_lists(6)
    np.testing.assert_array_equal(h1.patterns, h2.patterns)
    np.testing.assert_array_equal(h1.counts, h2.counts)
    assert t1 == t2 and t1.seed == 5
    assert t3.N != t1.N or not np.array_equal(h3.counts, h1.counts)
    assert h1.k == 3 and all(name.startswith("Synthetic list") for name in h1.lists)
    assert h1.source.startswith("synthetic")
    assert t1.description.startswith("SYNTHETIC")
    assert isinstance(t1, SyntheticTruth)


def test_belarus_truth_consistent_and_structure():
    h, t = synthetic_belarus_lists(20231116)
    assert 2000 < t.N < 4000  # ~3,000 synthetic children
    assert t.observed == h.n == int(h.counts.sum()) <= t.N
    assert not (h.patterns.sum(axis=1) == 0).any()
    # lists A and B are positively dependent: the odds ratio of their 2x2 margin among the
    # observed exceeds that of A and C (a crude but robust check over several seeds)
    ors_ab, ors_ac = [], []
    for seed in range(5):
        hs, _ = synthetic_belarus_lists(seed)
        o = hs.overlaps.to_numpy()
        sizes = np.diag(o)
        ors_ab.append(o[0, 1] / (sizes[0] * sizes[1]))
        ors_ac.append(o[0, 2] / (sizes[0] * sizes[2]))
    assert np.mean(ors_ab) > np.mean(ors_ac)


def test_stratified_truth_per_stratum():
    h, t = synthetic_stratified(3)
    assert h.k == 4 and h.strata_columns == ("origin",)
    labels = [lab[0] for lab in h.strata_labels()]
    assert labels == sorted(t.N_by_stratum)
    assert all(name.startswith("Synthetic oblast") for name in labels)
    assert sum(t.N_by_stratum.values()) == t.N == t.total == 2800  # default sizes 1,500 + 900 + 400 (synthetic.py)
    assert t.by_stratum == t.N_by_stratum
    for label in labels:
        sub = h.select_stratum(label)
        assert 0 < sub.n <= t.N_by_stratum[label]
    assert t.observed == h.n
    h2, t2 = synthetic_stratified(3)
    np.testing.assert_array_equal(h.counts, h2.counts)
    with pytest.raises(ValueError, match="sizes"):
        synthetic_stratified(1, sizes={"Synthetic oblast A": 0})
