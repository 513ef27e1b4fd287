"""The thirteenth held-out profile ``heldout_households_nlp_backtranslit`` (``tests/harness/heldout13.py``)
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

from tests.harness import heldout13, lexicon, places
from tests.harness.heldout13 import (
    AMBIGUOUS_CASES,
    COMMON_GENDER,
    HEAD_SURNAME,
    MAIDEN,
    MASCULINE_OF,
    NEWS_CASES,
    PARTNERS,
    RECOGNISED_GIVEN,
    RECOGNISED_PLACE,
    REVERSED,
    SERIAL_SHIFT,
    XLSX,
    cyrillise,
    from_serial,
    head_surname,
    lemma_name,
    lemma_place,
    maiden_mother,
    nib_partner,
    pair_by_position,
    place_typed_back,
    to_serial,
    typed_back,
    xlsx_office,
)
from tests.harness.lists import mother_surname_index
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData

N = 3000
SEED = 0
LISTS = ("ua_aid_households", "ru_news_nlp", "ua_nib_intl")
NAMES = ("family_name", "given_name", "patronymic")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout13.generate_heldout13(N, SEED)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the shares of rarer processes."""
    return heldout13.generate_heldout13(4 * N, SEED)


def _identity(child: Child, shown: bool) -> tuple[int, int, int]:
    ident = child.new_identity if shown else None
    return (child.given, child.father, child.surname) if ident is None else (ident.given, ident.father, ident.surname)


# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout13.NAME == "heldout_households_nlp_backtranslit"
    assert heldout13.heldout13_spec().output_order == LISTS


# ---------------------------------------------------------------- the helpers, on name-table entries


def test_serial_and_pairing_helpers() -> None:
    assert to_serial(dt.date(2012, 3, 5)) == 40973  # the spreadsheet's serial of 5 March 2012
    assert from_serial(40973) == dt.date(2012, 3, 7)  # converted from 1900-01-01: two days late
    assert from_serial(to_serial(dt.date(2016, 2, 28))) - dt.date(2016, 2, 28) == dt.timedelta(days=SERIAL_SHIFT)
    assert from_serial(2012).year == 1905  # a year typed alone is a number, hence a day of 1905
    assert pair_by_position(3, ["a", "c"]) == ["a", "c", ""]
    assert pair_by_position(2, ["b", "a"]) == ["b", "a"] and pair_by_position(1, []) == [""]


def test_lemmatiser_helpers() -> None:
    sur = {s.ru: s for s in lexicon.SURNAMES}
    fathers = {f.uk: f for f in lexicon.FATHERS}
    kov, ser = sur["Ковалёв"], fathers["Сергій"]
    assert lemma_name("Ковалёва", "Мария", "Сергеевна", "F", "nom", kov, ser) == ("Ковалёв", "Мария", "Сергеевич", "F")
    assert lemma_name("Ковалёв", "Иван", "Сергеевич", "M", "gen", kov, ser) == ("Ковалёв", "Иван", "Сергеевич", "M")
    assert lemma_name("Коваленко", "Александра", "", "F", "acc", sur["Коваленко"], None) == (
        "Коваленко",
        "Александр",
        "",
        "M",
    )
    assert lemma_name("", "Александра", "", "F", "gen", None, None) == ("", "Александра", "", "F")
    assert (
        lemma_name("", "Саша", "", "F", "nom", None, None)[3] == ""
        and lemma_name("", "", "", "M", "nom", None, None)[3] == ""
    )
    assert set(COMMON_GENDER) <= {g.dim for g in lexicon.GIVEN}
    ru_female = {g.ru for g in lexicon.GIVEN if g.sex == "F"}
    assert set(MASCULINE_OF) <= ru_female and not set(MASCULINE_OF.values()) & ru_female
    assert lemma_place("Новая Каховка, Херсонская обл.") == "Новый Каховка, Херсонский Область"
    assert lemma_place("Голая Пристань") == "Голый Пристань" and lemma_place("Ясиноватая") == "Ясиноватый"
    assert lemma_place("Снежное, ДНР") == "Снежный, Днр" and lemma_place("Кальмиусское") == "Кальмиусский"
    assert lemma_place("Шахты") == "Шахта" and lemma_place("Ростов-на-Дону") == "Ростов-На-Дону"
    assert lemma_place("Мариуполь") == "Мариуполь" and lemma_place("") == ""
    assert lemma_place("лагерь «Дубрава», Минская обл.") == "Лагерь «Дубрава», Минский Область"


def test_back_transliteration_helpers() -> None:
    # Ukrainian forms by the national system come back right but for the soft sign, the
    # apostrophe and ambiguous letters
    assert cyrillise("Mariia Oliinyk Boiko Yurii Yelyzaveta Illia Hlib Yenakiieve") == (
        "Марія Олійник Бойко Юрій Єлизавета Ілля Гліб Єнакієве"
    )
    assert cyrillise("Melnyk Kovalchuk Lukianenko Olha Diana") == "Мелник Ковалчук Лукяненко Олга Дяна"
    # Russian forms come back as hybrids
    assert cyrillise("Dmitriy Nikita Kirill Oleynik Yekaterina Artyom Kovalyov Pyotr") == (
        "Дмітрій Нікіта Кірілл Олейнік Єкатеріна Артьом Ковальов Пьотр"
    )
    assert cyrillise("Iuliia Aleksei Sergei") == "Юлія Алексей Сергей"  # ICAO
    assert cyrillise("KOVALENKO") == "Коваленко" and cyrillise("") == ""
    assert typed_back("Лук'яненко", "uk", "ua_2010") == "Лукяненко"
    assert typed_back("Дмитрий", "ru", "ru_bgn") == "Дмітрій" and typed_back("", "ru", "ru_bgn") == ""
    mar = next(s for s in places.SETTLEMENTS if s.uk == "Маріуполь")
    assert place_typed_back(mar.uk, "uk", "ua_2010") == "Марюпол"  # і+у and ю are both "iu"
    assert place_typed_back("Бахмут", "ru", "ru_bgn") == "Артемовск"
    assert place_typed_back("Ростов-на-Дону", "uk", "ua_2010") == "Ростов-На-Дону"
    assert abs(sum(p[3] for p in PARTNERS) - 1) < 1e-9


# ---------------------------------------------------------------- household registrations


def _households(frame: pd.DataFrame) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for r, rid in enumerate(frame["record_id"]):
        out[rid.split("/")[0]].append(r)
    return out


def test_aid_households_and_pairing(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_aid_households")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"AID\d{5}/\d+").all() and frame["record_id"].is_unique
    assert (frame["patronymic"] == "").all() and (frame["sex"] == "").all()
    reversed_, multi = [], 0
    # the columns read once (indexing a frame cell by cell is slow); nunique as pandas counts it (NaN dropped)
    col = {k: frame[k].tolist() for k in ("record_id", "birth_date", "origin_settlement", "origin_institution",
                                          "destination")}
    child = t["child"].tolist()
    for rows in _households(frame).values():
        kids = [pop.children[int(child[r])] for r in rows]
        assert len({c.family for c in kids}) == 1  # one family per household row
        assert [c.birth for c in kids] == sorted(c.birth for c in kids)  # the names cell, eldest first
        assert [col["record_id"][r].split("/")[1] for r in rows] == [str(k + 1) for k in range(len(rows))]
        for k in ("origin_settlement", "origin_institution", "destination"):
            assert len({col[k][r] for r in rows if not pd.isna(col[k][r])}) == 1  # the household row's
        dates = [col["birth_date"][r] for r in rows]
        filled = [bool(d) for d in dates]
        assert filled == sorted(filled, reverse=True)  # paired by position: the missing ones at the end
        if len(rows) < 2:
            continue
        multi += 1
        true = [c.birth.isoformat() for c in kids]
        if all(len(d) == 10 for d in dates) and true != true[::-1]:
            assert dates in (true, true[::-1])
            reversed_.append(dates == true[::-1])
    assert multi > 300 and len(reversed_) > 300
    assert within_binomial(float(np.mean(reversed_)), REVERSED, len(reversed_))


def test_aid_single_dates_two_days_late(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_aid_households")
    pop = big.population
    late, offices, blank_years = [], [], 0
    for rows in _households(frame).values():
        if len(rows) != 1:
            continue
        c = pop.children[int(t["child"][rows[0]])]
        d = frame["birth_date"][rows[0]]
        office = xlsx_office(SEED, c)
        if len(d) == 10:
            shift = (dt.date.fromisoformat(d) - c.birth).days
            assert shift in (0, SERIAL_SHIFT) and (shift == SERIAL_SHIFT) == office
            late.append(shift == SERIAL_SHIFT)
        elif len(d) == 4:
            assert not office and d == str(c.birth.year)  # a year survives only outside workbooks
        offices.append(office)
        blank_years += d == ""
    assert within_binomial(float(np.mean(late)), XLSX, len(late))
    assert within_binomial(float(np.mean(offices)), XLSX, len(offices))
    assert blank_years > 0


def test_aid_head_surname(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_aid_households")
    pop = big.population
    head, maiden = [], []
    for rows in _households(frame).values():
        kids = [pop.children[int(t["child"][r])] for r in rows]
        written = [frame["family_name"][r] for r in rows]
        mother = head_surname(SEED, kids[0])
        own = [lexicon.surname_form(lexicon.SURNAMES[c.surname], c.sex, "uk") for c in kids]
        if own == [mother] * len(rows):
            continue  # the mother's name is the children's: which one was written cannot be seen
        if written == [mother] * len(rows):
            head.append(True)
            if maiden_mother(SEED, kids[0]):
                assert mother == lexicon.surname_form(lexicon.SURNAMES[mother_surname_index(kids[0])], "F", "uk")
        elif sum(w == o for w, o in zip(written, own, strict=True)) >= len(rows) - 1:  # a typo now and then
            head.append(False)
    assert len(head) > 300
    assert within_binomial(float(np.mean(head)), HEAD_SURNAME, len(head))
    families = {pop.children[int(c)].family: pop.children[int(c)] for c in t["child"]}
    maiden = [maiden_mother(SEED, c) for c in families.values()]
    assert within_binomial(float(np.mean(maiden)), MAIDEN, len(maiden))
    boys = [
        frame["family_name"][r].endswith("ова")
        for r in range(len(frame))
        if pop.children[int(t["child"][r])].sex == "M"
    ]
    assert any(boys)  # a boy under his mother's -ова


# ---------------------------------------------------------------- news through a lemmatiser


def test_news_lemmatised_names(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ru_news_nlp")
    pop = big.population
    switched, girls_sexed, girls_patr = [], 0, 0
    for r, (c_id, shown) in enumerate(zip(t["child"], t["new_identity"], strict=True)):
        c = pop.children[int(c_id)]
        given_i, father_i, surname_i = _identity(c, bool(shown))
        s, f, g = lexicon.SURNAMES[surname_i], lexicon.FATHERS[father_i], lexicon.GIVEN[given_i]
        fam, giv, pat, sex = (frame[k][r] for k in ("family_name", "given_name", "patronymic", "sex"))
        if fam:
            assert fam == lexicon.surname_form(s, "M", "ru")  # the masculine normal form, girls too
            girls_sexed += c.sex == "F" and s.kind != "inv"
        if pat:
            assert pat == f.ru_m
            girls_patr += c.sex == "F"
        if c.sex == "F" and g.ru in MASCULINE_OF and giv in (g.ru, MASCULINE_OF[g.ru]):
            switched.append(giv == MASCULINE_OF[g.ru])
            assert sex == ("M" if switched[-1] else "F")
        elif giv in COMMON_GENDER:
            assert sex == ""
        else:
            assert sex == c.sex and giv in (g.ru, g.dim)
    cases = dict(NEWS_CASES)
    assert girls_sexed > 50 and girls_patr > 50 and len(switched) > 100
    assert within_binomial(float(np.mean(switched)), sum(cases[k] for k in AMBIGUOUS_CASES), len(switched))


def test_news_places_and_order(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ru_news_nlp")
    pop = big.population
    places_ = frame["origin_settlement"][frame["origin_settlement"] != ""]
    assert not places_.str.contains(r"(?:ая|ое|яя)\b").any()  # no feminine or neuter adjective left
    assert places_.str.contains("Новый Каховка|Днр|Область").any()
    dest = frame["destination"]
    assert not dest.str.contains(r"ская\b").any() and dest.str.contains("Ростовский Область").any()
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        assert frame["birth_date"][r] in ("", str(c.birth.year), str(c.birth.year + 1))  # from the age
    assert frame["removal_date"].tolist() == sorted(frame["removal_date"])
    assert frame["record_id"].tolist() == [f"NL{r + 1:05d}" for r in range(len(frame))]
    assert (t["kind"] == "duplicate").mean() > 0.1  # one child in several articles


# ---------------------------------------------------------------- partner lists typed back


def test_nib_partners_and_names(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_nib_intl")
    pop = big.population
    letters = [p[0] for p in PARTNERS]
    blocks = [rid[3] for rid in frame["record_id"]]
    assert blocks == sorted(blocks, key=letters.index) and frame["record_id"].is_unique
    recognised, families = [], {}
    for r, (c_id, kind, shown) in enumerate(zip(t["child"], t["kind"], t["new_identity"], strict=True)):
        c = pop.children[int(c_id)]
        p = letters.index(blocks[r])
        _, side, system, _ = PARTNERS[p]
        if kind == "duplicate":
            assert p != nib_partner(SEED, c)
            continue
        assert p == nib_partner(SEED, c)
        families[c.family] = p
        given_i, father_i, surname_i = _identity(c, bool(shown))
        g, f = lexicon.GIVEN[given_i], lexicon.FATHERS[father_i]
        fam = frame["family_name"][r]
        assert fam in ("", typed_back(lexicon.surname_form(lexicon.SURNAMES[surname_i], c.sex, side), side, system))
        pat = frame["patronymic"][r]
        assert pat in ("", typed_back(getattr(f, f"{side}_{'m' if c.sex == 'M' else 'f'}"), side, system))
        letter = typed_back(g.uk if side == "uk" else g.ru, side, system)
        assert frame["given_name"][r] in (g.uk, letter)
        if letter != g.uk:
            recognised.append(frame["given_name"][r] == g.uk)
    assert len(recognised) > 300
    assert within_binomial(float(np.mean(recognised)), RECOGNISED_GIVEN, len(recognised))
    chosen = list(families.values())
    for p, (_, _, _, share) in enumerate(PARTNERS):
        assert within_binomial(chosen.count(p) / len(chosen), share, len(chosen))


def test_nib_places(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_nib_intl")
    pop = big.population
    letters = [p[0] for p in PARTNERS]
    known = []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        value = frame["origin_settlement"][r]
        if not value:
            continue
        _, side, system, _ = PARTNERS[letters.index(frame["record_id"][r][3])]
        official = places.SETTLEMENTS[c.origin].uk
        if value == official or value == place_typed_back(official, side, system):
            letter = place_typed_back(official, side, system)
            if letter != official:
                known.append(value == official)
        else:  # a Russian town of the identity given in Russia, typed back
            assert c.new_identity is not None and value in {
                place_typed_back(x, side, system) for x in places.RUSSIAN_TOWNS
            }
    assert len(known) > 300
    assert within_binomial(float(np.mean(known)), RECOGNISED_PLACE, len(known))


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout13.generate_heldout13(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout13.generate_heldout13(N, SEED + 1)
    assert not all(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
