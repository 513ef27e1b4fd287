"""The fifteenth held-out profile ``heldout_lithuania_grades_tzshift`` (``tests/harness/heldout15.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries, not records.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.harness import heldout15, lexicon, places
from tests.harness.heldout15 import (
    LATE_START,
    LT_COUNTRY,
    TZ_SHIFT,
    late_start,
    lithuanian,
    lithuanian_name,
    lithuanian_place,
    school_entry,
    school_year,
    tz_shift,
    year_from_grade,
)
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData

N = 3000
SEED = 0
LISTS = ("lt_municipality", "ua_school_grades", "intl_casework_tz")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout15.generate_heldout15(N, SEED)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the shares."""
    return heldout15.generate_heldout15(4 * N, SEED)


def _forms(child: Child) -> dict[str, tuple[str, str]]:
    """(family name, given name) of ``child`` in its Ukrainian and Russian forms."""
    s, g = lexicon.SURNAMES[child.surname], lexicon.GIVEN[child.given]
    return {lang: (lexicon.surname_form(s, child.sex, lang), getattr(g, lang)) for lang in ("uk", "ru")}


def _compatible(value: str, day: dt.date) -> bool:
    """A date cell that is the true ``day`` at some precision (or empty)."""
    return value == "" or day.isoformat().startswith(value)


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout15.NAME == "heldout_lithuania_grades_tzshift"
    assert heldout15.heldout15_spec().output_order == LISTS


# ---------------------------------------------------------------- the helpers, on name-table entries


def test_lithuanian_helpers() -> None:
    boys = [lithuanian_name(x, "M", "uk", False) for x in ("Олександр", "Дмитро", "Андрій", "Ілля", "Микола", "Єгор")]
    assert boys == ["Oleksandras", "Dmytras", "Andrijus", "Illia", "Mykola", "Jehoras"]
    fam = [
        lithuanian_name(x, "M", "uk", True) for x in ("Ковальчук", "Шевченко", "Коваль", "Ковалевський", "Лук'яненко")
    ]
    assert fam == ["Kovalčiukas", "Ševčenka", "Kovalis", "Kovalevskis", "Lukjanenka"]
    ru = [lithuanian_name(x, "M", "ru", False) for x in ("Сергей", "Дмитрий", "Артём", "Евгений", "Николай")]
    assert ru == ["Sergejus", "Dmitrijus", "Artiomas", "Jevgenijus", "Nikolajus"]
    girls = [
        lithuanian_name(x, "F", "uk", f)
        for x, f in (("Марія", False), ("Людмила", False), ("Ковальчук", True), ("Шевченко", True), ("Іванова", True))
    ]
    assert girls == ["Marija", "Liudmyla", "Kovalčiuk", "Ševčenko", "Ivanova"]
    assert lithuanian("Гнатюк", "uk") == "Hnatiuk" and lithuanian("Гнатюк", "ru") == "Gnatiuk"
    assert lithuanian_name("", "M", "uk", True) == ""
    official = {s.uk: lithuanian_place(s.uk) for s in places.SETTLEMENTS}
    assert official["Маріуполь"] == "Mariupolis" and official["Мелітополь"] == "Melitopolis"
    assert official["Херсон"] == "Chersonas" and official["Донецьк"] == "Doneckas" and official["Харків"] == "Charkivas"
    assert official["Горлівка"] == "Horlivka" and official["Сніжне"] == "Snižne"


def test_school_helpers() -> None:
    assert school_year(dt.date(2022, 8, 31)) == 2021 and school_year(dt.date(2022, 9, 1)) == 2022
    assert school_entry(dt.date(2010, 3, 5), False) == 2016 and school_entry(dt.date(2010, 10, 5), False) == 2017
    assert school_entry(dt.date(2010, 9, 1), False) == 2016 and school_entry(dt.date(2010, 3, 5), True) == 2017
    assert year_from_grade(2021, 1) == 2015 and year_from_grade(2021, 6) == 2010
    assert tz_shift("2012-03-01") == "2012-02-29" and tz_shift("2014-01-01") == "2013-12-31"
    assert tz_shift("2012-03") == "2012-03" and tz_shift("") == ""


# ---------------------------------------------------------------- the Lithuanian register


def test_lt_names_places_and_destination(big: ProfileData) -> None:
    frame, t = big.list_with_truth("lt_municipality")
    pop = big.population
    assert frame["record_id"].tolist() == [f"LT{r + 1:05d}" for r in range(len(frame))]
    assert (frame["patronymic"] == "").all() and (frame["origin_institution"] == "").all()
    ru = 0
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        family, given = _forms(c)[c.doc_lang]
        assert frame["family_name"][r] == lithuanian_name(family, c.sex, c.doc_lang, True)
        assert frame["given_name"][r] == lithuanian_name(given, c.sex, c.doc_lang, False)
        assert frame["origin_settlement"][r] in ("", lithuanian_place(places.SETTLEMENTS[c.origin].uk))
        assert frame["destination"][r] == LT_COUNTRY[places.DESTINATIONS[c.destination].country]
        assert _compatible(frame["birth_date"][r], c.birth) and _compatible(frame["removal_date"][r], c.removal)
        ru += c.doc_lang == "ru"
    assert ru > 20 and len(frame) > 1000
    boys = frame["given_name"][frame["sex"] == "M"]
    assert boys.str.contains("(?:as|is|us)$").mean() > 0.7  # the masculine endings
    cells = frame[["family_name", "given_name", "origin_settlement"]]
    assert not cells.apply(lambda s: s.str.contains("[а-яіїєґ]")).any().any()


# ---------------------------------------------------------------- schools' lists


def test_school_birth_year_from_grade(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_school_grades")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"SC(0[1-9]|1[01])-\d{4}").all() and frame["record_id"].is_unique
    grades = frame["record_id"].str[2:4].astype(int)
    assert grades.is_monotonic_increasing
    late_of_early_born: list[bool] = []
    children: dict[int, bool] = {}
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        start = school_year(c.removal)
        grade = start - school_entry(c.birth, late_start(SEED, c)) + 1
        assert grade == grades[r] and 1 <= grade <= 11
        year = int(frame["birth_date"][r])
        assert year == year_from_grade(start, grade)
        early_born = (c.birth.month, c.birth.day) <= (9, 1)
        assert year - c.birth.year == (0 if early_born else 1) + int(late_start(SEED, c))
        if early_born:
            late_of_early_born.append(year != c.birth.year)
        children[c.child_id] = late_start(SEED, c)
    assert len(late_of_early_born) > 1000
    assert within_binomial(float(np.mean(late_of_early_born)), LATE_START, len(late_of_early_born))
    assert within_binomial(float(np.mean(list(children.values()))), LATE_START, len(children))


def test_school_list_only_school_age(big: ProfileData) -> None:
    """A child not of school age (grades 1 to 11) at the removal is never on the school list."""
    _, t = big.list_with_truth("ua_school_grades")
    on = set(t["child"].astype(int))
    pop = big.population
    for c in pop.children:
        grade = school_year(c.removal) - school_entry(c.birth, late_start(SEED, c)) + 1
        if not 1 <= grade <= 11:
            assert c.child_id not in on


# ---------------------------------------------------------------- the web case database


def test_casework_dates_a_day_early(big: ProfileData) -> None:
    frame, t = big.list_with_truth("intl_casework_tz")
    pop = big.population
    assert frame["record_id"].tolist() == [f"CM{r + 1:05d}" for r in range(len(frame))]
    shifted: list[bool] = []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        birth, removal = frame["birth_date"][r], frame["removal_date"][r]
        if len(birth) == 10:
            assert birth in (c.birth.isoformat(), tz_shift(c.birth.isoformat()))
            moved = birth != c.birth.isoformat()
            shifted.append(moved)
            if len(removal) == 10:  # both dates of a case shifted, or neither
                assert removal == (tz_shift(c.removal.isoformat()) if moved else c.removal.isoformat())
        else:
            assert _compatible(birth, c.birth)
            assert len(removal) == 10 or _compatible(removal, c.removal)
    assert len(shifted) > 1000
    assert within_binomial(float(np.mean(shifted)), TZ_SHIFT, len(shifted))


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout15.generate_heldout15(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout15.generate_heldout15(N, SEED + 1)
    assert not all(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
