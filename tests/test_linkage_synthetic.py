"""The SYNTHETIC lists generator: seeded, labelled, with the recording errors it promises."""

from __future__ import annotations

import pandas as pd
import pytest

from estimators.linkage.schema import COLUMNS, validate_list
from estimators.linkage.standardise import guess_language
from estimators.linkage.synthetic import ListProfile, generate_lists, pairwise_quality


def test_same_seed_same_lists_and_different_seed_different_lists() -> None:
    a, b, c = generate_lists(300, seed=4), generate_lists(300, seed=4), generate_lists(300, seed=5)
    for name in a.lists:
        pd.testing.assert_frame_equal(a.lists[name], b.lists[name])
    assert not a.lists["list_a"].equals(c.lists["list_a"])
    assert a.label == "synthetic" and a.seed == 4 and a.n_true == 300


def test_lists_follow_the_input_schema_and_carry_recording_errors() -> None:
    d = generate_lists(1500, seed=9)
    for name, frame in d.lists.items():
        assert set(frame.columns) <= set(COLUMNS)
        validate_list(frame, name=name)  # raises if the generator broke the schema
    russian_list = d.lists["list_b"]
    langs = russian_list["given_name"].map(guess_language).value_counts()
    assert langs.get("ru", 0) > langs.get("uk", 0)
    births = pd.concat(d.lists.values())["birth_date"]
    assert (births == "").any() and births.str.len().isin([4, 7]).any()
    assert d.lists["list_c"]["given_name"].map(guess_language).eq("latin").mean() > 0.2
    # within-list duplicates exist: some person appears twice on a list
    assert d.truth.duplicated(["list", "person_id"]).any()


def test_true_histories_count_each_observed_child_once() -> None:
    d = generate_lists(800, seed=2)
    h = d.true_histories()
    assert h.n == d.truth["person_id"].nunique()
    for name in d.lists:
        assert h.list_sizes[name] == d.truth.loc[d.truth["list"] == name, "person_id"].nunique()


def test_pairwise_quality_counts_pairs() -> None:
    q = pairwise_quality(pd.Series([0, 0, 0, 1]), pd.Series([5, 5, 6, 6]))
    assert q["predicted_pairs"] == 3 and q["true_pairs"] == 2 and q["correct_pairs"] == 1
    assert q["precision"] == pytest.approx(1 / 3) and q["recall"] == pytest.approx(1 / 2)


def test_generator_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="two list profiles"):
        generate_lists(10, profiles=[ListProfile(capture=0.5)], seed=1)
    with pytest.raises(ValueError, match="n must be"):
        generate_lists(0, seed=1)
