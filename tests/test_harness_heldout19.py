"""The nineteenth held-out profile ``heldout_zags_mt_schools`` (``tests/harness/heldout19.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries and made-up dates, not records.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

from tests.harness import heldout19, lexicon, places
from tests.harness.heldout19 import (
    ACT_DATE_OFFICES,
    ACT_DATE_ROWS,
    ENTRY_YEAR_SCHOOLS,
    MT_BATCHES,
    MT_NOUNS,
    N_BATCHES,
    act_record_date,
    batch_of,
    entry_year,
    machine_translated,
    office_habit,
    office_of,
    registration_lag,
    school_age,
    school_habit,
    took_act_date,
    translate_name,
)
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData

N = 3000
SEED = 0
LISTS = ("ru_zags_cert_register", "ua_ru_mediation_mt", "ua_school_dropout_lists")
_UKRAINIAN_ONLY = re.compile(r"[іІїЇєЄґҐ'’ʼ`]")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout19.generate_heldout19(N, SEED)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the shares."""
    return heldout19.generate_heldout19(4 * N, SEED)


def _forms(child: Child) -> dict[str, tuple[str, str, str]]:
    """(family name, given name, patronymic) of ``child`` in its Ukrainian and Russian forms."""
    s, g, f = lexicon.SURNAMES[child.surname], lexicon.GIVEN[child.given], lexicon.FATHERS[child.father]
    sx = "m" if child.sex == "M" else "f"
    return {
        lang: (lexicon.surname_form(s, child.sex, lang), getattr(g, lang), getattr(f, f"{lang}_{sx}"))
        for lang in ("uk", "ru")
    }


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout19.NAME == "heldout_zags_mt_schools"
    assert tuple(s.name for s in heldout19.heldout19_spec().lists) == LISTS
    assert "NEVER use it for tuning" in (heldout19.__doc__ or "")
    assert "was run ONCE (2026-12-07" in (heldout19.__doc__ or "")  # run once, at the end of that session


# ---------------------------------------------------------------- helpers on made-up values


def test_helpers() -> None:
    assert entry_year(dt.date(2012, 3, 5)) == 2018
    assert entry_year(dt.date(2012, 9, 1)) == 2018
    assert entry_year(dt.date(2012, 9, 2)) == 2019
    assert translate_name("Коваль", True) == "Кузнец" and translate_name("Коваль", False) == "Коваль"
    assert translate_name("Кравець", True) == "Портной" and translate_name("Кравець", False) == "Кравец"
    assert translate_name("Олійник", True) == translate_name("Олійник", False) == "Олейник"
    assert translate_name("Марія", True) == "Мария"
    assert set(MT_NOUNS) <= {s.uk for s in lexicon.SURNAMES}


# ---------------------------------------------------------------- civil-registry certificates


def test_zags_act_record_dates(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ru_zags_cert_register")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"ZG\d{3}-\d{4}").all() and frame["record_id"].is_unique
    assert frame["record_id"].str[2:5].astype(int).is_monotonic_increasing
    took: list[bool] = []
    in_habit_offices: list[bool] = []
    offices: set[int] = set()
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        assert places.DESTINATIONS[c.destination].country == "RU"
        offices.add(office_of(SEED, c))
        b = frame["birth_date"][r]
        assert len(b) == 10
        if took_act_date(SEED, c):
            assert b == act_record_date(SEED, c).isoformat() and b > c.birth.isoformat()
            took.append(True)
        else:
            assert b == c.birth.isoformat()
            took.append(False)
        if office_habit(SEED, office_of(SEED, c)):
            in_habit_offices.append(took[-1])
    assert len(offices) >= 20
    habit = float(np.mean([office_habit(SEED, o) for o in offices]))
    assert within_binomial(habit, ACT_DATE_OFFICES, len(offices), sds=4.0)
    assert within_binomial(float(np.mean(in_habit_offices)), ACT_DATE_ROWS, len(in_habit_offices), sds=4.0)
    assert sum(took) > 50
    lags = [registration_lag(SEED, c) for c in pop.children[:2000]]
    assert min(lags) >= 2 and 0.8 < float(np.mean([x < 46 for x in lags])) < 1.0
    by_family: dict[int, set[int]] = {}
    for c in pop.children:
        by_family.setdefault(c.family, set()).add(office_of(SEED, c))
    assert all(len(v) == 1 for v in by_family.values())


# ---------------------------------------------------------------- the mediated list


def test_mediation_machine_translated_batches(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_ru_mediation_mt")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"MD\d{2}-\d{4}").all() and frame["record_id"].is_unique
    batches = frame["record_id"].str[2:4].astype(int)
    assert batches.is_monotonic_increasing and batches.max() <= N_BATCHES
    names = frame[["family_name", "given_name", "patronymic"]]
    assert not names.apply(lambda col: col.str.contains(_UKRAINIAN_ONLY)).to_numpy().any()
    noun_mt: list[bool] = []
    russian: list[bool] = []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        b = batch_of(SEED, c)
        assert batches[r] == b + 1
        forms = _forms(c)
        got = frame["family_name"][r]
        if forms["uk"][0] in MT_NOUNS:
            if machine_translated(SEED, b):
                noun_mt.append(got == MT_NOUNS[forms["uk"][0]])
            else:
                assert got == forms["ru"][0]
        else:
            russian.append(got == forms["ru"][0] and frame["given_name"][r] == forms["ru"][1])
    assert len(noun_mt) > 10 and all(noun_mt)
    assert float(np.mean(russian)) > 0.9
    mt = float(np.mean([machine_translated(SEED, b) for b in range(N_BATCHES)]))
    assert within_binomial(mt, MT_BATCHES, N_BATCHES, sds=3.0)
    by_family: dict[int, set[int]] = {}
    for c in pop.children:
        by_family.setdefault(c.family, set()).add(batch_of(SEED, c))
    assert all(len(v) == 1 for v in by_family.values())


# ---------------------------------------------------------------- schools' lists


def test_schools_entry_year(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_school_dropout_lists")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"SC\d{3}-\d{4}").all() and frame["record_id"].is_unique
    assert frame["record_id"].str[2:5].astype(int).is_monotonic_increasing
    entry_rows: list[bool] = []
    schools: dict[int, bool] = {}
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        assert school_age(c)
        b = frame["birth_date"][r]
        schools[c.origin] = school_habit(SEED, c.origin)
        if not b:
            continue
        if schools[c.origin]:
            assert b == str(entry_year(c.birth))
            entry_rows.append(True)
        else:
            assert b == c.birth.isoformat()
            entry_rows.append(False)
    assert len(schools) > 20
    assert within_binomial(float(np.mean(list(schools.values()))), ENTRY_YEAR_SCHOOLS, len(schools), sds=4.0)
    assert sum(entry_rows) > 50
    # no child outside the school ages is listed, and some were left out for it
    assert any(not school_age(c) for c in pop.children)


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout19.generate_heldout19(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout19.generate_heldout19(N, SEED + 1)
    assert not all(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
    c = data.population.children[0]
    assert registration_lag(SEED, c) == registration_lag(SEED, c)  # fixed per child and seed
    assert took_act_date(SEED, c) == took_act_date(SEED, c)
    assert batch_of(SEED, c) == batch_of(SEED, c)  # fixed per family and seed
