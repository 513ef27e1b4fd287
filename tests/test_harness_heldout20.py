"""The twentieth held-out profile ``heldout_tbilisi_svodki_versions`` (``tests/harness/heldout20.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries and made-up dates, not records.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from estimators.linkage import read_lists
from tests.harness import heldout20, lexicon, places, write_profile
from tests.harness.heldout20 import (
    BIRTH_DATE_HOSPITALS,
    GEORGIAN_FORM,
    GEORGIAN_GIVEN,
    GEORGIAN_LATIN,
    GIVEN_NOMINATIVE,
    IN_FIRST,
    IN_SECOND_TOO,
    MERGED,
    MONTHS_UNDER_THREE,
    NO_APOSTROPHE,
    RUSSIA_GE,
    SVODKI,
    TBILISI,
    UA_PAPERS,
    admission_date,
    analyst_year,
    clerk_habit,
    clerk_of,
    first_version_row,
    georgian,
    georgian_form,
    georgian_latin,
    georgian_name,
    hospital_habit,
    hospital_of,
    in_first_version,
    nominative,
    paediatric_age,
    register_forms,
    registration_date,
    same_row,
    versions_of,
)
from tests.harness.lists import SCHEMA
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData, build

N = 3000
SEED = 0
LISTS = (MERGED, SVODKI, TBILISI)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_GEORGIAN = re.compile(r"[\u10A0-\u10FF]")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout20.generate_heldout20(N, SEED)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the shares."""
    return heldout20.generate_heldout20(4 * N, SEED)


def _rows(frame: pd.DataFrame) -> list[dict[str, str]]:
    """Every row as {column: cell} (the columns read once: indexing cell by cell is slow)."""
    cols = {k: frame[k].tolist() for k in SCHEMA[1:]}
    return [{k: str(cols[k][r]) for k in SCHEMA[1:]} for r in range(len(frame))]


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout20.NAME == "heldout_tbilisi_svodki_versions"
    assert tuple(s.name for s in heldout20.heldout20_spec().lists) == LISTS
    assert heldout20.heldout20_spec().output_order == LISTS
    doc = heldout20.__doc__ or ""
    assert doc.startswith(
        "TWENTIETH HELD-OUT error profile ``heldout_tbilisi_svodki_versions``: NEVER use it for tuning."
    )
    assert "heldout_zags_mt_schools" in doc
    assert "was run ONCE (2026-12-07" in doc  # run once, at the end of that session


def test_valid_input_for_the_linkage_reader(data: ProfileData, tmp_path: Path) -> None:
    """The lists pass the linkage's own input validation (reading only; nothing is linked)."""
    for _, frame in data.lists:
        assert tuple(frame.columns) == SCHEMA and frame["record_id"].is_unique
        assert all(isinstance(v, str) for v in frame.to_numpy().ravel())
    raw = read_lists(write_profile(data, tmp_path, "csv"))
    assert [r.name for r in raw] == list(LISTS) and [r.size for r in raw] == [len(f) for _, f in data.lists]
    assert len(data.truth) == sum(len(f) for _, f in data.lists)


# ---------------------------------------------------------------- helpers on made-up values and name-table entries


def test_georgian_script_and_romanisation() -> None:
    def latin(word: str, lang: str, nom: bool = True, apostrophes: bool = True) -> str:
        return georgian_latin(georgian_name(word, lang, nom), apostrophes)

    assert latin("Коваленко", "uk") == "K'ovalenk'o" and latin("Коваленко", "uk", apostrophes=False) == "Kovalenko"
    assert latin("Олександр", "uk") == "Oleksandri" and latin("Олександр", "uk", nom=False) == "Oleksandr"
    assert latin("Софія", "uk") == "Sopia" and latin("Фёдор", "ru", nom=False) == "Piodor"
    assert latin("Ткачук", "uk") == "T'k'achuk'i" and latin("Шевченко", "uk") == "Shevchenk'o"
    assert latin("Горлівка", "uk") == "Horlivk'a" and latin("Горловка", "ru") == "Gorlovk'a"
    assert latin("Маріуполь", "uk") == "Mariup'oli" and latin("Донецьк", "uk") == latin("Донецк", "ru") == "Donetsk'i"
    assert latin("Кирилл", "ru") == "K'irili" and latin("Анна", "ru") == "Ana" and latin("Ілля", "uk") == "Ilia"
    assert latin("Ковальов", "uk") == latin("Ковалёв", "ru") == "K'ovaliovi"
    assert latin("Лук'яненко", "uk") == "Luk'ianenk'o" and latin("Андрій", "uk") == "Andri"
    assert latin("Вікторія", "uk") == "Vikt'oria" and latin("Максим", "ru") == "Maksimi"
    assert latin("Нова Каховка", "uk") == "Nova K'akhovk'a" and latin("Євген", "uk", nom=False) == "Evhen"
    assert nominative("ანა") == "ანა" and nominative("ივანოვ") == "ივანოვი"
    assert georgian("Щербак", "uk") == "შჩერბაკ"
    # every Georgian form is Georgian script the romanisation knows, of a name of the lexicon
    assert set(GEORGIAN_GIVEN) <= {g.uk for g in lexicon.GIVEN}
    assert all(set(v) <= set(GEORGIAN_LATIN) for v in GEORGIAN_GIVEN.values())
    assert georgian_latin(GEORGIAN_GIVEN["Катерина"]) == "Ek'at'erine"
    assert georgian_latin(GEORGIAN_GIVEN["Марія"]) == "Mariami"
    # no Cyrillic left for any name or place of the tables
    words = [g.uk for g in lexicon.GIVEN] + [g.ru for g in lexicon.GIVEN]
    words += [lexicon.surname_form(s, sex, lang) for s in lexicon.SURNAMES for sex in "MF" for lang in ("uk", "ru")]
    words += [s.uk for s in places.SETTLEMENTS] + [s.ru_src for s in places.SETTLEMENTS]
    for w in words:
        for lang in ("uk", "ru"):
            out = latin(w, lang)
            assert not _CYRILLIC.search(out) and not _GEORGIAN.search(out)


def test_paediatric_ages_read_as_years() -> None:
    when = dt.date(2022, 5, 20)
    assert paediatric_age(dt.date(2022, 5, 1), when, False) == "19 дн."
    assert paediatric_age(dt.date(2021, 12, 10), when, False) == "5 мес."
    assert paediatric_age(dt.date(2020, 3, 3), when, True) == "26 мес."
    assert paediatric_age(dt.date(2020, 3, 3), when, False) == "2 г. 2 мес."
    assert paediatric_age(dt.date(2019, 1, 1), when, True) == "3 года"
    assert paediatric_age(dt.date(2012, 5, 5), when, False) == "10 лет"
    assert paediatric_age(dt.date(2001, 1, 1), when, False) == "21 год"
    assert analyst_year("5 мес.", when) == 2017 and analyst_year("26 мес.", when) == 1996
    assert analyst_year("19 дн.", when) == 2003 and analyst_year("2 г. 2 мес.", when) == 2020
    assert analyst_year("10 лет", when) == 2012


def test_remove_duplicates_rule() -> None:
    a = dict.fromkeys(SCHEMA[1:], "")
    a.update(family_name="Коваленко", given_name="Марія", birth_date="2012")
    assert same_row(a, {**a, "family_name": "КОВАЛЕНКО"})  # the command ignores case
    assert not same_row(a, {**a, "birth_date": "2012-03-05"})
    assert not same_row(a, {**a, "given_name": "Мария"})


def test_habits_fixed_and_drawn_by_their_shares() -> None:
    hospitals = [hospital_habit(s, h) for s in range(60) for h in range(50)]
    assert hospital_habit(3, 7) == hospital_habit(3, 7)
    for k, share in ((0, BIRTH_DATE_HOSPITALS), (1, MONTHS_UNDER_THREE)):
        assert within_binomial(float(np.mean([h[k] for h in hospitals])), share, len(hospitals), sds=4.0)
    clerks = [clerk_habit(s, c) for s in range(200) for c in range(12)]
    for k, share in ((0, GIVEN_NOMINATIVE), (1, NO_APOSTROPHE)):
        assert within_binomial(float(np.mean([h[k] for h in clerks])), share, len(clerks), sds=4.0)


# ---------------------------------------------------------------- the oblast list: two versions combined


def test_two_versions_combined(big: ProfileData) -> None:
    frame, t = big.list_with_truth(MERGED)
    pop = big.population
    assert frame["record_id"].tolist() == [f"ZS{r + 1:05d}" for r in range(len(frame))]
    names = list(zip(frame["family_name"].str.casefold(), frame["given_name"].str.casefold(), strict=True))
    assert names == sorted(names)
    base, base_t = build(heldout20.heldout20_spec(), 4 * N, SEED).list_with_truth(MERGED)
    base_rows = _rows(base)
    second = {int(c): base_rows[r] for r, c in enumerate(base_t["child"])}
    first_rows: dict[int, dict[str, str]] = {}  # first_version_row per child, rendered once here

    def first_row(c: Child) -> dict[str, str]:
        if c.child_id not in first_rows:
            first_rows[c.child_id] = first_version_row(SEED, c, pop)
        return first_rows[c.child_id]

    rows_of: dict[int, list[tuple[str, str]]] = {}
    for row, c_id, kind in zip(_rows(frame), t["child"], t["kind"], strict=True):
        c = pop.children[int(c_id)]
        which = "first" if row == first_row(c) else "second" if row == second[c.child_id] else "?"
        assert which != "?"
        rows_of.setdefault(c.child_id, []).append((which, str(kind)))
    assert set(rows_of) == set(second)  # every child captured is on the list, once or twice
    twice: list[bool] = []
    both_of_first: list[bool] = []
    for c_id, got in rows_of.items():
        c = pop.children[c_id]
        v1, v2 = versions_of(SEED, c)
        if v1:
            both_of_first.append(v2)
        if v1 and v2:
            identical = same_row(first_row(c), second[c_id])
            expected = [("first", "own")] if identical else [("first", "duplicate"), ("second", "own")]
            assert sorted(got) == expected
            twice.append(not identical)
        else:
            assert got == [("first" if v1 else "second", "own")]
    assert len(twice) > 500 and float(np.mean(twice)) > 0.95  # the versions' rows almost never agree
    assert within_binomial(float(np.mean(both_of_first)), IN_SECOND_TOO, len(both_of_first), sds=4.0)
    families = {c.family: in_first_version(SEED, c) for c in pop.children}
    assert within_binomial(float(np.mean(list(families.values()))), IN_FIRST, len(families), sds=4.0)
    assert all(in_first_version(SEED, c) == families[c.family] for c in pop.children)
    assert float(np.mean(t["kind"] == "duplicate")) > 0.2  # a child twice is common, not rare


# ---------------------------------------------------------------- hospitals' summaries


def test_svodki_ages_read_as_years(big: ProfileData) -> None:
    frame, t = big.list_with_truth(SVODKI)
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"MZ\d{3}-\d{4}").all() and frame["record_id"].is_unique
    assert frame["record_id"].str[2:5].astype(int).is_monotonic_increasing
    young_misread: list[bool] = []
    older_right: list[bool] = []
    hospitals: set[int] = set()
    for r, (c_id, kind, shown) in enumerate(zip(t["child"], t["kind"], t["new_identity"], strict=True)):
        c = pop.children[int(c_id)]
        assert places.DESTINATIONS[c.destination].country == "RU"
        again = kind == "duplicate"
        when = admission_date(SEED, c, again)
        assert frame["removal_date"][r] == when.isoformat() and when > c.removal
        h = hospital_of(SEED, c, again)
        hospitals.add(h)
        born = c.new_identity.birth if shown and c.new_identity is not None else c.birth
        b = frame["birth_date"][r]
        if not b:
            continue
        gives_date, months = hospital_habit(SEED, h)
        if gives_date:
            assert b == born.isoformat()
            continue
        age = paediatric_age(born, when, months)
        assert b == str(analyst_year(age, when))
        if "лет" in age or "год" in age or " г. " in age:
            older_right.append(int(b) - born.year in (0, 1))
        else:
            young_misread.append(born.year - int(b) >= 1)
    assert len(hospitals) > 20
    assert all(older_right) and len(older_right) > 500
    assert len(young_misread) > 40 and float(np.mean(young_misread)) > 0.9
    assert float(np.mean(t["kind"] == "duplicate")) > 0.03
    by_family: dict[int, set[int]] = {}
    for c in pop.children:
        by_family.setdefault(c.family, set()).add(hospital_of(SEED, c))
    assert all(len(v) == 1 for v in by_family.values())


# ---------------------------------------------------------------- the Tbilisi register


def test_tbilisi_georgian_romanisation(big: ProfileData) -> None:
    frame, t = big.list_with_truth(TBILISI)
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"TB20\d\d-\d{4}").all() and frame["record_id"].is_unique
    assert (frame["patronymic"] == "").all() and (frame["origin_institution"] == "").all()
    assert set(frame["destination"]) <= {"", RUSSIA_GE}
    text = frame[["family_name", "given_name", "origin_settlement"]]
    assert not text.apply(lambda col: col.str.contains(_CYRILLIC)).to_numpy().any()
    regs = [registration_date(SEED, pop.children[int(c)]) for c in t["child"]]
    assert regs == sorted(regs)
    assert all(frame["record_id"][r][2:6] == str(d.year) for r, d in enumerate(regs))
    uk_papers: list[bool] = []
    georgian_forms: list[bool] = []
    apostrophes: list[bool] = []
    for r, (c_id, shown) in enumerate(zip(t["child"], t["new_identity"], strict=True)):
        c = pop.children[int(c_id)]
        assert places.DESTINATIONS[c.destination].country == "RU"
        ident = c.new_identity if shown else None
        lang = register_forms(SEED, c, bool(shown))
        nom, no_apostrophe = clerk_habit(SEED, clerk_of(SEED, c))
        g = lexicon.GIVEN[ident.given if ident else c.given]
        surname = lexicon.SURNAMES[ident.surname if ident else c.surname]
        family = georgian_latin(
            georgian_name(lexicon.surname_form(surname, c.sex, lang), lang, True), not no_apostrophe
        )
        assert frame["family_name"][r] == family
        plain = georgian_latin(georgian_name(g.uk if lang == "uk" else g.ru, lang, nom), not no_apostrophe)
        given = frame["given_name"][r]
        if g.uk in GEORGIAN_GIVEN:
            used = georgian_form(SEED, c)
            georgian_forms.append(used)
            assert given == (georgian_latin(GEORGIAN_GIVEN[g.uk], not no_apostrophe) if used else plain)
        else:
            assert given == plain
        if frame["origin_settlement"][r]:
            s = places.SETTLEMENTS[c.origin]
            place = georgian_name(s.uk if lang == "uk" else s.ru_src, lang, True)
            assert frame["origin_settlement"][r] == georgian_latin(place, not no_apostrophe)
        if not shown and c.doc_lang == "uk":
            uk_papers.append(lang == "uk")
        if no_apostrophe:
            assert "'" not in family + given
        else:
            apostrophes.append("'" in family)
    assert within_binomial(float(np.mean(uk_papers)), UA_PAPERS, len(uk_papers), sds=4.0)
    assert within_binomial(float(np.mean(georgian_forms)), GEORGIAN_FORM, len(georgian_forms), sds=4.0)
    assert float(np.mean(apostrophes)) > 0.5  # most family names have a k, p or t
    # the nominative -i on most family names
    assert float(np.mean(frame["family_name"].str.endswith("i"))) > 0.3


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout20.generate_heldout20(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout20.generate_heldout20(N, SEED + 1)
    assert not all(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
    c = data.population.children[0]
    assert versions_of(SEED, c) == versions_of(SEED, c)  # fixed per child and seed
    assert hospital_of(SEED, c) == hospital_of(SEED, c) and clerk_of(SEED, c) == clerk_of(SEED, c)  # per family
    assert registration_date(SEED, c) == registration_date(SEED, c)


@pytest.mark.parametrize("n", [300, 1000])
def test_small_populations(n: int) -> None:
    d = heldout20.generate_heldout20(n, 5)
    assert len(d.population.children) == n and d.list_names == LISTS
    assert all(len(f) > 0 for _, f in d.lists)
    for li, (_, frame) in enumerate(d.lists):
        tl = d.truth[d.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
