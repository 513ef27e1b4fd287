"""The fourteenth held-out profile ``heldout_sortgap_latvia_callback`` (``tests/harness/heldout14.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries, not records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
import pandas as pd
import pytest

from tests.harness import heldout14, lexicon, places
from tests.harness.heldout14 import (
    ALIAS,
    BY_EAR,
    GAP,
    MISHEARD,
    akanye,
    by_ear_family,
    entry_key,
    latvian,
    latvian_name,
    latvian_place,
    misheard_variants,
    sheet_gap,
    sort_key,
    sort_with_gap,
    with_alias,
)
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData

N = 3000
SEED = 0
LISTS = ("ua_hromada_sheets", "lv_arrivals", "ua_phone_callback")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout14.generate_heldout14(N, SEED)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the shares of rarer processes."""
    return heldout14.generate_heldout14(4 * N, SEED)


def _forms(child: Child) -> dict[str, tuple[str, str]]:
    """(family name, given name) of ``child`` in its Ukrainian and Russian forms."""
    s, g = lexicon.SURNAMES[child.surname], lexicon.GIVEN[child.given]
    return {lang: (lexicon.surname_form(s, child.sex, lang), getattr(g, lang)) for lang in ("uk", "ru")}


def _compatible(value: str, day: dt.date) -> bool:
    """A date cell that is the true ``day`` at some precision (or empty)."""
    return value == "" or day.isoformat().startswith(value)


# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout14.NAME == "heldout_sortgap_latvia_callback"
    assert heldout14.heldout14_spec().output_order == LISTS


# ---------------------------------------------------------------- the helpers, on name-table entries


def test_sort_with_gap_helper() -> None:
    rest = {"origin_institution": "", "removal_date": "", "destination": ""}
    rows = [
        {"family_name": n, "given_name": "", "birth_date": b, "origin_settlement": p, **rest}
        for n, b, p in (("Ткачук", "2010", "A"), ("Бойко", "2012", "B"), ("Мороз", "2014", "C"))
    ]
    out, order = sort_with_gap(rows, [0, 1, 2], "none")
    assert order == [1, 2, 0] and [out[j]["birth_date"] for j in order] == ["2012", "2014", "2010"]
    out, order = sort_with_gap(rows, [0, 1, 2], "before_place")
    assert [out[j]["birth_date"] for j in order] == ["2012", "2014", "2010"]  # sorted with the names
    assert [out[j]["origin_settlement"] for j in order] == ["A", "B", "C"]  # the order of entry
    out, order = sort_with_gap(rows, [0, 1, 2], "before_birth")
    assert [out[j]["birth_date"] for j in order] == ["2010", "2012", "2014"]
    assert [out[j]["family_name"] for j in order] == ["Бойко", "Мороз", "Ткачук"]
    assert rows[0]["birth_date"] == "2010"  # the input is not changed
    assert abs(sum(w for _, w in GAP) - 1) < 1e-9
    g = {x.uk: x for x in lexicon.GIVEN}
    assert with_alias("Анастасія", g["Анастасія"]) == "Анастасія (Настя)" and with_alias("", g["Анастасія"]) == ""
    assert with_alias("Назар", g["Назар"]) == "Назар"


def test_latvian_helpers() -> None:
    uk_m = [latvian_name(x, "M", "uk") for x in ("Олександр", "Денис", "Андрій", "Дмитро", "Ілля", "Єгор")]
    assert uk_m == ["Oleksandrs", "Deniss", "Andrijs", "Dmitro", "Illja", "Jehors"]
    uk_fam = [latvian_name(x, "M", "uk") for x in ("Ковальчук", "Мельник", "Шевченко", "Ковалевський", "Лук'яненко")]
    assert uk_fam == ["Kovaļčuks", "Meļniks", "Ševčenko", "Kovalevskis", "Lukjanenko"]
    ru_m = [latvian_name(x, "M", "ru") for x in ("Александр", "Сергей", "Дмитрий", "Артём", "Соловьёв", "Евгений")]
    assert ru_m == ["Aleksandrs", "Sergejs", "Dmitrijs", "Artjoms", "Solovjovs", "Jevgenijs"]
    assert [latvian_name(x, "F", "uk") for x in ("Марія", "Іванова", "Ковалевська")] == [
        "Marija",
        "Ivanova",
        "Kovalevska",
    ]
    assert latvian_name("Екатерина", "F", "ru") == "Jekaterina" and latvian_name("", "M", "uk") == ""
    assert latvian("Гнатюк", "uk") == "Hnatjuk" and latvian("Гнатюк", "ru") == "Gnatjuk"
    official = {s.uk: latvian_place(s.uk) for s in places.SETTLEMENTS}
    assert official["Маріуполь"] == "Mariupole" and official["Мелітополь"] == "Melitopole"
    assert official["Херсон"] == "Hersona" and official["Луганськ"] == "Luhanska" and official["Донецьк"] == "Donecka"
    assert official["Макіївка"] == "Makijivka" and official["Нова Каховка"] == "Nova Kahovka"
    assert official["Хрустальний"] == "Hrustaļnij" and official["Харків"] == "Harkiva"


def test_phone_helpers() -> None:
    assert [akanye(x) for x in ("Коваленко", "Ковальчук", "Романюк", "Шевченко", "Остапенко", "Гордієнко")] == [
        "Каваленко",
        "Кавальчук",
        "Раманюк",
        "Шивченко",
        "Астапенко",
        "Гардієнко",
    ]
    assert akanye("Олійник") == "Олійник" and akanye("Мороз") == "Мороз" and akanye("") == ""
    assert set(misheard_variants(dt.date(2012, 7, 13))) == {
        dt.date(2012, 7, 30),
        dt.date(2012, 8, 13),
        dt.date(2020, 7, 13),
    }
    assert misheard_variants(dt.date(2013, 2, 13)) == []  # 30 February is not a date
    assert misheard_variants(dt.date(2011, 3, 5)) == []


# ---------------------------------------------------------------- hromada sheets


def _sheets(frame: pd.DataFrame) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for r, rid in enumerate(frame["record_id"]):
        out[rid.split("-")[0]].append(r)
    return out


def test_sheets_sorted_with_a_gap(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_hromada_sheets")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"HS\d{2}-\d{3}").all() and frame["record_id"].is_unique
    layouts: list[str] = []
    moved_birth = 0
    for rows in _sheets(frame).values():
        kids = [pop.children[int(t["child"][r])] for r in rows]
        assert len({c.origin for c in kids}) == 1  # one sheet per settlement
        gap = sheet_gap(SEED, kids[0].origin)
        layouts.append(gap)
        recs = [{str(k): str(v) for k, v in frame.iloc[r].items()} for r in rows]
        assert [sort_key(x) for x in recs] == sorted(sort_key(x) for x in recs)  # sorted by name
        typed = sorted(range(len(rows)), key=lambda k: entry_key(SEED, kids[k], t["kind"][rows[k]] == "duplicate"))
        for k, rec in enumerate(recs):
            by_name, by_entry = kids[k], kids[typed[k]]
            birth_of = by_entry if gap == "before_birth" else by_name
            removal_of = by_name if gap == "none" else by_entry
            assert _compatible(rec["birth_date"], birth_of.birth)
            assert _compatible(rec["removal_date"], removal_of.removal)
            moved_birth += gap == "before_birth" and by_entry.birth != by_name.birth
    assert len(layouts) > 40 and moved_birth > 50
    for key, share in GAP:
        assert within_binomial(layouts.count(key) / len(layouts), share, len(layouts))


def test_sheets_bracketed_familiar_form(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_hromada_sheets")
    pop = big.population
    alias = []
    for given, c_id in zip(frame["given_name"], t["child"], strict=True):
        g = lexicon.GIVEN[pop.children[int(c_id)].given]
        if not given:
            continue
        if g.dim:
            alias.append(given.endswith(f" ({g.dim})"))
            assert given in (g.uk, g.ru, with_alias(g.uk, g), with_alias(g.ru, g))
        else:
            assert "(" not in given
    assert len(alias) > 1000
    assert within_binomial(float(np.mean(alias)), ALIAS, len(alias))


# ---------------------------------------------------------------- the Latvian register


def test_lv_names_places_and_order(big: ProfileData) -> None:
    frame, t = big.list_with_truth("lv_arrivals")
    pop = big.population
    assert frame["record_id"].tolist() == [f"LV{r + 1:05d}" for r in range(len(frame))]
    assert (frame["patronymic"] == "").all() and (frame["destination"] == "Krievija").all()
    assert (frame["origin_institution"] == "").all() and frame["sex"].isin(["M", "F"]).all()
    ru = 0
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        assert places.DESTINATIONS[c.destination].country == "RU"  # left Russia through Latvia
        family, given = _forms(c)[c.doc_lang]
        assert frame["family_name"][r] == latvian_name(family, c.sex, c.doc_lang)
        assert frame["given_name"][r] == latvian_name(given, c.sex, c.doc_lang)
        assert frame["origin_settlement"][r] in ("", latvian_place(places.SETTLEMENTS[c.origin].uk))
        assert _compatible(frame["birth_date"][r], c.birth) and _compatible(frame["removal_date"][r], c.removal)
        ru += c.doc_lang == "ru"
    assert ru > 20 and len(frame) > 1000
    boys = frame["given_name"][frame["sex"] == "M"]
    assert boys.str.endswith("s").mean() > 0.5  # the masculine ending
    assert (
        not frame[["family_name", "given_name", "origin_settlement"]]
        .apply(lambda s: s.str.contains("[а-яіїєґ]"))
        .any()
        .any()
    )


# ---------------------------------------------------------------- phone call-backs


def test_callback_family_names_by_ear(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_phone_callback")
    pop = big.population
    assert frame["record_id"].tolist() == [f"CB{r + 1:05d}" for r in range(len(frame))]
    families: dict[int, bool] = {}
    changed = 0
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        ear = by_ear_family(SEED, c)
        families[c.family] = ear
        forms = {f for f, _ in _forms(c).values()}
        expected = {akanye(f) for f in forms} if ear else forms
        assert frame["family_name"][r] in expected
        changed += frame["family_name"][r] not in forms
    assert changed > 100
    assert within_binomial(float(np.mean(list(families.values()))), BY_EAR, len(families))


def test_callback_misheard_dates(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_phone_callback")
    pop = big.population
    for column, attr in (("birth_date", "birth"), ("removal_date", "removal")):
        misheard = []
        for value, c_id in zip(frame[column], t["child"], strict=True):
            true = getattr(pop.children[int(c_id)], attr)
            variants = misheard_variants(true)
            if len(value) == 10 and variants:
                day = dt.date.fromisoformat(value)
                assert day == true or day in variants
                misheard.append(day != true)
            else:
                assert _compatible(value, true)
        assert len(misheard) > 300
        assert within_binomial(float(np.mean(misheard)), MISHEARD, len(misheard))


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout14.generate_heldout14(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout14.generate_heldout14(N, SEED + 1)
    assert not all(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
