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


def test_truth_flags_re_registered_records_only_where_the_profile_has_them() -> None:
    d = generate_lists(3000, seed=6)
    share = d.truth.groupby("list")["changed_identity"].mean()
    assert share["list_a"] == 0 and share["list_c"] == 0
    assert 0.01 < share["list_b"] < 0.06  # the profile's 3%
    # a re-registered record carries a new family name (none of the generated ones ends in -ов/-ова)
    b = d.lists["list_b"].reset_index(drop=True)
    flagged = d.truth[d.truth["list"] == "list_b"].reset_index(drop=True)["changed_identity"].to_numpy()
    family = b["family_name"].str.lower()
    assert family[flagged].str.contains("ов").mean() > 0.8
    assert family[~flagged].str.endswith(("ов", "ова")).mean() < 0.01


def test_removal_date_and_destination_errors_are_off_by_default_and_can_be_switched_on() -> None:
    clean = generate_lists(600, seed=3)
    population = clean.population.set_index("person_id")
    for name, frame in clean.lists.items():
        who = clean.truth.loc[clean.truth["list"] == name, "person_id"].to_numpy()
        assert (frame["removal_date"].to_numpy() == population.loc[who, "removal_date"].to_numpy()).all()
        assert (frame["destination"].to_numpy() == population.loc[who, "destination"].to_numpy()).all()
    noisy = generate_lists(600, profiles=[ListProfile(capture=0.6, removal_error=1.0, destination_error=1.0),
                                          ListProfile(capture=0.6)], seed=3)
    frame = noisy.lists["list_a"]
    who = noisy.truth.loc[noisy.truth["list"] == "list_a", "person_id"].to_numpy()
    truth = noisy.population.set_index("person_id").loc[who]
    assert (frame["removal_date"].to_numpy() != truth["removal_date"].to_numpy()).all()
    assert (frame["removal_date"] == "").mean() > 0.3
    assert (frame["destination"].to_numpy() != truth["destination"].to_numpy()).mean() > 0.4
