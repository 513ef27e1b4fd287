"""The eighteenth held-out profile ``heldout_manifests_socreg_requests`` (``tests/harness/heldout18.py``)
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

from tests.harness import heldout18, lexicon, places
from tests.harness.heldout18 import (
    CITY_DISTRICTS,
    DAY_FIRST,
    DEPT_FORMS,
    DITTO_COLUMNS,
    DITTO_MARKS,
    DITTO_WRITERS,
    FORM_FIXED,
    LITERAL,
    MISREAD,
    PAGE_ROWS,
    ROMAN,
    ROMAN_CONFUSION,
    ROMAN_NUMERALS,
    SOCREG_OBLASTS,
    day_first,
    department,
    department_practice,
    district_of,
    district_origin,
    ditto,
    js_date,
    manifest_habit,
    misread_month,
    strip_non_russian,
    submission_date,
    typed_day_first,
)
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData

N = 3000
SEED = 0
LISTS = ("ua_bringback_requests", "occ_evac_manifests", "dnr_lnr_social_register")
_UKRAINIAN_ONLY = re.compile(r"[іІїЇєЄґҐ'’ʼ`]")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout18.generate_heldout18(N, SEED)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the shares."""
    return heldout18.generate_heldout18(4 * N, SEED)


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
    assert heldout18.NAME == "heldout_manifests_socreg_requests"
    assert heldout18.heldout18_spec().output_order == LISTS


# ---------------------------------------------------------------- the helpers, on made-up values


def test_js_date_and_day_first() -> None:
    assert js_date(2012, 3, 25) == dt.date(2012, 3, 25)
    assert js_date(2012, 13, 5) == dt.date(2013, 1, 5) and js_date(2012, 25, 3) == dt.date(2014, 1, 3)
    assert js_date(2012, 2, 30) == dt.date(2012, 3, 1) and js_date(2011, 24, 12) == dt.date(2012, 12, 12)
    assert typed_day_first(dt.date(2012, 3, 5)) == dt.date(2012, 5, 3)  # a day up to 12: swapped
    assert typed_day_first(dt.date(2012, 3, 25)) == dt.date(2014, 1, 3)  # day 25 as the month
    assert typed_day_first(dt.date(2012, 11, 13)) == dt.date(2013, 1, 11)
    assert typed_day_first(dt.date(2022, 2, 24)) == dt.date(2023, 12, 2)
    assert typed_day_first(dt.date(2012, 7, 7)) == dt.date(2012, 7, 7)
    later = [typed_day_first(dt.date(2012, 6, d)).year - 2012 for d in range(1, 31)]
    assert later == [0] * 12 + [1] * 12 + [2] * 6


def test_strip_non_russian() -> None:
    assert [strip_non_russian(x) for x in ("Олійник", "Марія", "Лук'яненко", "Євген", "Андрійович")] == [
        "Олйник",
        "Маря",
        "Лукяненко",
        "вген",
        "Андрйович",
    ]
    assert strip_non_russian("Ковалёв") == "Ковалёв" and strip_non_russian("Мар’яна") == "Маряна"
    assert strip_non_russian("Коваленко-Шевчук") == "Коваленко-Шевчук" and strip_non_russian("Їжак") == "жак"
    assert strip_non_russian("В’ячеславівна") == "Вячеславвна"


def test_roman_months_and_ditto() -> None:
    assert ROMAN_NUMERALS[3] == "IV" and ROMAN_NUMERALS[5] == "VI" and ROMAN_NUMERALS[10] == "XI"
    for month, alts in ROMAN_CONFUSION.items():
        assert all(1 <= m <= 12 and m != month for m in alts)
    assert 5 not in ROMAN_CONFUSION and 10 not in ROMAN_CONFUSION
    rng = np.random.default_rng(1)
    reads = [misread_month(dt.date(2012, 4, 15), rng) for _ in range(4000)]
    assert set(reads) == {dt.date(2012, 4, 15), dt.date(2012, 6, 15)}
    assert within_binomial(float(np.mean([r.month == 6 for r in reads])), MISREAD, len(reads), sds=4.0)
    assert all(misread_month(dt.date(2012, 12, 31), rng) in (dt.date(2012, 12, 31),) for _ in range(200))
    assert all(misread_month(dt.date(2012, 5, 3), rng) == dt.date(2012, 5, 3) for _ in range(200))
    blank = dict.fromkeys(DITTO_COLUMNS, "")
    rows = [
        {**blank, "family_name": "Иванов", "origin_settlement": "г. Донецк"},
        {**blank, "family_name": "Иванова", "origin_settlement": "г. Донецк"},
        {**blank, "family_name": "Иванова", "origin_settlement": "г. Донецк"},
        {**blank, "family_name": "Петров", "origin_settlement": ""},
    ]
    kept = [dict(r) for r in rows]
    ditto(kept, [0, 1, 2, 3], "-//-", literal=False)
    assert kept == rows
    ditto(rows, [0, 1, 2, 3], "-//-", literal=True)
    assert [r["family_name"] for r in rows] == ["Иванов", "Иванова", "-//-", "Петров"]
    assert [r["origin_settlement"] for r in rows] == ["г. Донецк", "-//-", "-//-", ""]


def test_habits_fixed_and_drawn_by_their_shares() -> None:
    habits = [manifest_habit(s, w) for s in range(40) for w in range(100)]
    assert manifest_habit(3, 7) == manifest_habit(3, 7)
    for k, share in ((0, DITTO_WRITERS), (2, LITERAL), (3, ROMAN)):
        assert within_binomial(float(np.mean([h[k] for h in habits])), share, len(habits), sds=4.0)
    assert {h[1] for h in habits} == set(DITTO_MARKS)
    donetsk = [i for i, s in enumerate(places.SETTLEMENTS) if s.uk == "Донецьк"][0]
    practices = [department_practice(s, (donetsk, d)) for s in range(400) for d in range(9)]
    for key, share in DEPT_FORMS:
        assert within_binomial(float(np.mean([p == key for p in practices])), share, len(practices), sds=4.0)
    assert department_practice(0, (donetsk, -1)) == "city"
    assert district_origin(donetsk, 4, "district") == "Кировский р-н"
    assert district_origin(donetsk, 4, "district_city") == "г. Донецк, Кировский р-н"
    # the same district names recur across the cities
    names = [d for ds in CITY_DISTRICTS.values() for d in ds]
    assert {"Кировский", "Ленинский", "Калининский", "Жовтневый", "Центрально-Городской"} <= {
        d for d in names if names.count(d) > 1
    }
    assert set(CITY_DISTRICTS) <= {s.uk for s in places.SETTLEMENTS if s.oblast in SOCREG_OBLASTS}


# ---------------------------------------------------------------- relatives' requests


def test_requests_dates_typed_day_first(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_bringback_requests")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"BR\d{5}").all() and frame["record_id"].is_unique
    subs = [
        submission_date(SEED, pop.children[int(c)], k == "duplicate")
        for c, k in zip(t["child"], t["kind"], strict=True)
    ]
    assert subs == sorted(subs) and min(subs) > heldout18.FORM_LAUNCH
    habit: list[bool] = []
    later = 0
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        first = day_first(SEED, c, kind == "duplicate")
        habit.append(first)
        b = frame["birth_date"][r]
        assert len(b) in (0, 10)
        if b:
            expected = typed_day_first(c.birth) if first else c.birth
            assert b == expected.isoformat()
            later += b[:4] > str(c.birth.year)
        removal = frame["removal_date"][r]
        assert len(removal) in (0, 10)
        if removal:
            assert removal == (typed_day_first(c.removal) if first else c.removal).isoformat()
    assert within_binomial(float(np.mean(habit)), DAY_FIRST, len(habit), sds=4.0)
    assert later > 100  # a birth date one or two years late


def test_requests_names_cleaned_before_the_fix(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_bringback_requests")
    pop = big.population
    before: list[bool] = []
    stripped: list[bool] = []
    after_uk: list[bool] = []
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        names = [frame[k][r] for k in ("family_name", "given_name", "patronymic")]
        is_before = submission_date(SEED, c, kind == "duplicate") < FORM_FIXED
        before.append(is_before)
        has_uk = any(_UKRAINIAN_ONLY.search(x) for x in names)
        if is_before:
            assert not has_uk
            forms = _forms(c)
            stripped.append(names[:2] in ([strip_non_russian(x) for x in forms["uk"][:2]], list(forms["ru"][:2])))
        else:
            after_uk.append(has_uk)
    assert 0.2 < float(np.mean(before)) < 0.6
    assert float(np.mean(stripped)) > 0.9  # but for typos
    assert float(np.mean(after_uk)) > 0.3


# ---------------------------------------------------------------- bus manifests


def _manifests(frame_ids: list[str]) -> list[tuple[int, int]]:
    """(manifest number, row in the manifest from 0) of every record id."""
    out = []
    for x in frame_ids:
        m = re.fullmatch(r"MF(\d{4})-(\d{3})", x)
        assert m is not None
        out.append((int(m.group(1)), int(m.group(2)) - 1))
    return out


def test_manifests_ditto_marks(big: ProfileData) -> None:
    frame, t = big.list_with_truth("occ_evac_manifests")
    pop = big.population
    assert frame["record_id"].is_unique and (frame["sex"] == "").all()
    pos = _manifests(frame["record_id"].tolist())
    assert [p[0] for p in pos] == sorted(p[0] for p in pos)
    kids = [pop.children[int(c)] for c in t["child"]]
    dates = [pop.waves[c.wave].date for c in kids]
    assert dates == sorted(dates)
    marks = frame[list(DITTO_COLUMNS)].isin(DITTO_MARKS)
    sibling_marked: list[bool] = []
    literal_manifests = 0
    for r, c in enumerate(kids):
        assert places.DESTINATIONS[c.destination].country == "RU"
        assert frame["removal_date"][r] == pop.waves[c.wave].date.isoformat()
        writes, mark, literal, _ = manifest_habit(SEED, c.wave)
        if r == 0 or kids[r - 1].wave != c.wave:
            assert pos[r][1] == 0
            literal_manifests += writes and literal
        if not (writes and literal):
            assert not marks.iloc[r].any()
            continue
        assert set(frame.loc[r, list(DITTO_COLUMNS)][marks.iloc[r]]) <= {mark}
        if pos[r][1] % PAGE_ROWS == 0:
            assert not marks.iloc[r].any()  # the top of a page is written out
        elif kids[r - 1].family == c.family and t["kind"][r] == "own" and t["kind"][r - 1] == "own":
            sibling_marked.append(frame["family_name"][r] == mark)
    assert literal_manifests > 20
    assert len(sibling_marked) > 50 and float(np.mean(sibling_marked)) > 0.85  # but for typos above or here


def test_manifests_roman_months(big: ProfileData) -> None:
    frame, t = big.list_with_truth("occ_evac_manifests")
    pop = big.population
    misread: list[bool] = []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        b = frame["birth_date"][r]
        assert b == str(c.birth.year) or len(b) == 10
        if len(b) < 10:
            continue
        got = dt.date.fromisoformat(b)
        if not manifest_habit(SEED, c.wave)[3]:
            assert got == c.birth
            continue
        assert (got.year, got.day) == (c.birth.year, c.birth.day)
        assert got.month == c.birth.month or got.month in ROMAN_CONFUSION[c.birth.month]
        readable = [m for m in ROMAN_CONFUSION.get(c.birth.month, ()) if _is_date(c.birth.year, m, c.birth.day)]
        if len(readable) == len(ROMAN_CONFUSION.get(c.birth.month, ())) and readable:
            misread.append(got != c.birth)
    assert len(misread) > 200 and sum(misread) > 10
    assert within_binomial(float(np.mean(misread)), MISREAD, len(misread), sds=4.0)


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- the occupation social-protection register


def test_socreg_districts_by_department(big: ProfileData) -> None:
    frame, t = big.list_with_truth("dnr_lnr_social_register")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"SZ\d{2}-\d{4}").all() and frame["record_id"].is_unique
    assert frame["record_id"].str[2:4].astype(int).is_monotonic_increasing
    used: set[str] = set()
    district_cities: dict[str, set[str]] = {}
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        s = places.SETTLEMENTS[c.origin]
        assert s.oblast in SOCREG_OBLASTS
        origin = frame["origin_settlement"][r]
        dept = department(SEED, c)
        how = department_practice(SEED, dept)
        if s.uk not in CITY_DISTRICTS:
            assert dept[1] == -1 and how == "city" and "р-н" not in origin
            continue
        assert 0 <= district_of(SEED, c) < len(CITY_DISTRICTS[s.uk])
        if not origin:
            continue
        used.add(how)
        if how == "city":
            assert origin in (f"г. {s.ru_src}",)
        else:
            assert origin == district_origin(dept[0], dept[1], how)
            if how == "district":
                district_cities.setdefault(origin, set()).add(s.uk)
    assert used == {k for k, _ in DEPT_FORMS}
    assert any(len(cities) > 1 for cities in district_cities.values())  # one written district, two cities
    # a family lives in one district
    by_family: dict[int, set[int]] = {}
    for c in pop.children:
        if places.SETTLEMENTS[c.origin].uk in CITY_DISTRICTS:
            by_family.setdefault(c.family, set()).add(district_of(SEED, c))
    assert all(len(v) == 1 for v in by_family.values())


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout18.generate_heldout18(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout18.generate_heldout18(N, SEED + 1)
    assert not all(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
    c = data.population.children[0]
    assert day_first(SEED, c, False) == day_first(SEED, c, False)  # fixed per child and seed
    assert submission_date(SEED, c, False) == submission_date(SEED, c, False)  # fixed per family and seed
    assert submission_date(SEED, c, True) > submission_date(SEED, c, False)
