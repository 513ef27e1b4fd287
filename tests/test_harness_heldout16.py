"""The sixteenth held-out profile ``heldout_estonia_exceldates_plurals`` (``tests/harness/heldout16.py``)
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

from tests.harness import heldout16, lexicon, places
from tests.harness.heldout16 import (
    EE_COUNTRY,
    FAMILY_LINE,
    GENITIVE,
    NO_YEAR,
    NUMPAD,
    PASSPORT,
    estonian,
    excel_partial_date,
    family_line,
    holds_passport,
    numpad_date,
    passport_latin,
    post_date,
    ukrainian_plural,
)
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData

N = 3000
SEED = 0
LISTS = ("ua_hromada_posts", "ua_ssd_excel_dates", "ee_ppa_narva")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout16.generate_heldout16(N, SEED)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the shares."""
    return heldout16.generate_heldout16(4 * N, SEED)


def _forms(child: Child) -> dict[str, tuple[str, str]]:
    """(family name, given name) of ``child`` in its Ukrainian and Russian forms."""
    s, g = lexicon.SURNAMES[child.surname], lexicon.GIVEN[child.given]
    return {lang: (lexicon.surname_form(s, child.sex, lang), getattr(g, lang)) for lang in ("uk", "ru")}


def _compatible(value: str, day: dt.date) -> bool:
    """A date cell that is the true ``day`` at some precision (or empty)."""
    return value == "" or day.isoformat().startswith(value)


def _age(child: Child) -> int:
    b, r = child.birth, child.removal
    return r.year - b.year - int((r.month, r.day) < (b.month, b.day))


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout16.NAME == "heldout_estonia_exceldates_plurals"
    assert heldout16.heldout16_spec().output_order == LISTS


# ---------------------------------------------------------------- the helpers, on name-table entries


def test_ukrainian_plural() -> None:
    by_uk = {s.uk: s for s in lexicon.SURNAMES}
    nom = [ukrainian_plural(by_uk[x], "nom") for x in ("Коваленко", "Бойко", "Мельник", "Гнатюк", "Коваль", "Ткачук")]
    assert nom == ["Коваленки", "Бойки", "Мельники", "Гнатюки", "Ковалі", "Ткачуки"]
    gen = [ukrainian_plural(by_uk[x], "gen") for x in ("Коваленко", "Мельник", "Коваль", "Бондар", "Кравець")]
    assert gen == ["Коваленків", "Мельників", "Ковалів", "Бондарів", "Кравців"]
    assert ukrainian_plural(by_uk["Бондар"], "nom") == "Бондарі" and ukrainian_plural(by_uk["Швець"], "nom") == "Швеці"
    # a brother Іванов and a sister Іванова make one family: the plural is of the family
    assert (
        ukrainian_plural(by_uk["Іванов"], "nom") == "Іванови" and ukrainian_plural(by_uk["Іванов"], "gen") == "Іванових"
    )
    assert ukrainian_plural(by_uk["Ковалевський"], "nom") == "Ковалевські"
    assert ukrainian_plural(by_uk["Ковалевський"], "gen") == "Ковалевських"
    assert ukrainian_plural(by_uk["Білий"], "nom") == "Білі" and ukrainian_plural(by_uk["Білий"], "gen") == "Білих"
    assert ukrainian_plural(by_uk["Лук'яненко"], "nom") == "Лук'яненки"
    with pytest.raises(ValueError):
        ukrainian_plural(by_uk["Бойко"], "dat")


def test_excel_date_helpers() -> None:
    assert excel_partial_date(dt.date(2022, 3, 24), 2023) == "2023-03-24"
    assert excel_partial_date(dt.date(2022, 3, 24), 2022) == "2022-03-24"
    assert excel_partial_date(dt.date(2020, 2, 29), 2021) == "" and excel_partial_date(dt.date(2020, 2, 29), 2024)
    assert numpad_date(dt.date(2022, 10, 24), 2023) == "2023-01-24"  # 24,10 -> 24,1
    assert numpad_date(dt.date(2022, 3, 5), 2022) == "2022-03-05"  # 05,03 -> 5,03
    assert numpad_date(dt.date(2022, 11, 30), 2023) == "2023-11-30" and numpad_date(dt.date(2022, 12, 1), 2022)
    assert numpad_date(dt.date(2022, 10, 31), 2022) == "2022-01-31"
    assert numpad_date(dt.date(2020, 2, 29), 2022) == ""


def test_estonian_helpers() -> None:
    uk = [estonian(x, "uk") for x in ("Микола", "Дмитро", "Олександр", "Андрій", "Сергій", "Анастасія", "Мар'яна")]
    assert uk == ["Mõkola", "Dmõtro", "Oleksandr", "Andri", "Serhi", "Anastassija", "Marjana"]
    fam = [estonian(x, "uk") for x in ("Шевченко", "Ковальчук", "Поліщук", "Ковальов", "Ковалевський", "Гриценко")]
    assert fam == ["Ševtšenko", "Kovaltšuk", "Polištšuk", "Kovaljov", "Kovalevskõi", "Hrõtsenko"]
    ru = [estonian(x, "ru") for x in ("Дмитрий", "Сергей", "Артём", "Евгений", "Наталья", "Ильин", "Щербаков")]
    assert ru == ["Dmitri", "Sergei", "Artjom", "Jevgeni", "Natalja", "Iljin", "Štšerbakov"]
    assert estonian("Гнатюк", "uk") == "Hnatjuk" and estonian("Гнатюк", "ru") == "Gnatjuk"
    assert estonian("Пугачёв", "ru") == "Pugatšov" and estonian("Григорьев", "ru") == "Grigorjev"
    official = {s.uk: estonian(s.uk, "uk") for s in places.SETTLEMENTS}
    assert official["Маріуполь"] == "Mariupol" and official["Лисичанськ"] == "Lõssõtšansk"
    assert official["Сєвєродонецьк"] == "Sjevjerodonetsk" and official["Херсон"] == "Herson"
    assert (
        official["Харків"] == "Harkiv" and official["Куп'янськ"] == "Kupjansk" and official["Бердянськ"] == "Berdjansk"
    )
    assert official["Нова Каховка"] == "Nova Kahovka" and official["Макіївка"] == "Makijivka"
    assert passport_latin("Микола") == "Mykola" and passport_latin("Лук'яненко") == "Lukianenko"
    assert estonian("", "uk") == ""


# ---------------------------------------------------------------- hromadas' posts


def test_posts_family_names_in_the_plural(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_hromada_posts")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"HP\d{2}-\d{4}").all() and frame["record_id"].is_unique
    on_list: dict[int, set[int]] = {}
    for c_id in t["child"]:
        c = pop.children[int(c_id)]
        on_list.setdefault(c.family, set()).add(c.child_id)
    lines: dict[int, str] = {}
    singular_ok: list[bool] = []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        s = lexicon.SURNAMES[c.surname]
        family = frame["family_name"][r]
        if len(on_list[c.family]) >= 2:
            case = family_line(SEED, c)
            lines[c.family] = case
            if case:
                assert family == ukrainian_plural(s, case)
                continue
        plurals = {ukrainian_plural(s, "nom"), ukrainian_plural(s, "gen")} - {s.uk}
        assert family not in plurals
        singular_ok.append(family == lexicon.surname_form(s, c.sex, "uk"))
        assert frame["given_name"][r] != ""
        assert _compatible(frame["birth_date"][r], c.birth) and _compatible(frame["removal_date"][r], c.removal)
    assert float(np.mean(singular_ok)) > 0.9  # the own singular, but for typos and apostrophes
    assert len(lines) > 500
    posted = [case != "" for case in lines.values()]
    assert within_binomial(float(np.mean(posted)), FAMILY_LINE, len(posted))
    gen = [case == "gen" for case in lines.values() if case]
    assert within_binomial(float(np.mean(gen)), GENITIVE, len(gen))
    assert (frame["sex"] == "").mean() > 0.6 and (frame["patronymic"] == "").mean() > 0.75


def test_posts_family_together_eldest_first(big: ProfileData) -> None:
    """A family's rows of one post are consecutive, eldest first; a repost comes later."""
    frame, t = big.list_with_truth("ua_hromada_posts")
    pop = big.population
    seen: dict[int, list[int]] = {}
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        if kind != "duplicate":
            seen.setdefault(pop.children[int(c_id)].family, []).append(r)
    for rows in seen.values():
        assert rows == list(range(rows[0], rows[0] + len(rows)))
        births = [pop.children[int(t["child"][r])].birth for r in rows]
        assert births == sorted(births)
    c = pop.children[int(t["child"][0])]
    assert post_date(SEED, c, True) > post_date(SEED, c, False)
    hromadas = frame["record_id"].str[2:4].astype(int)
    assert hromadas.is_monotonic_increasing


# ---------------------------------------------------------------- the Excel sheet


def test_excel_removal_dates_typed_short(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_ssd_excel_dates")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"XL20\d{2}-\d{4}").all() and frame["record_id"].is_unique
    years = frame["record_id"].str[2:6].astype(int)
    assert years.is_monotonic_increasing
    short: list[bool] = []
    october: list[bool] = []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        year = int(years[r])
        assert year >= c.removal.year  # typed after the removal
        removal = frame["removal_date"][r]
        assert _compatible(frame["birth_date"][r], c.birth)
        if len(removal) != 10:
            assert _compatible(removal, c.removal)
            continue
        true = c.removal.isoformat()
        allowed = {true, excel_partial_date(c.removal, year), numpad_date(c.removal, year)}
        assert removal in allowed
        if year != c.removal.year and excel_partial_date(c.removal, year):
            short.append(removal != true)
            if c.removal.month == 10 and removal != true:
                october.append(removal == numpad_date(c.removal, year))
    # the full dates typed short, where the year of typing shows it (a blanked or wrong-year
    # date counts among the full dates only when it is still a date: a slight undercount)
    assert len(short) > 1000
    assert within_binomial(float(np.mean(short)), NO_YEAR, len(short), sds=4.0)
    assert len(october) > 20 and any(october) and not all(october)
    assert within_binomial(float(np.mean(october)), NUMPAD, len(october), sds=4.0)
    assert frame["origin_settlement"].str.contains("[а-яіїєґ]").mean() > 0.9


# ---------------------------------------------------------------- the Estonian register


def test_ee_names_places_and_destination(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ee_ppa_narva")
    pop = big.population
    assert frame["record_id"].tolist() == [f"EE{r + 1:05d}" for r in range(len(frame))]
    assert (frame["patronymic"] == "").all() and (frame["origin_institution"] == "").all()
    assert (frame["destination"] == EE_COUNTRY["RU"]).all()
    ru = 0
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        assert places.DESTINATIONS[c.destination].country == "RU"
        family, given = _forms(c)[c.doc_lang]
        if holds_passport(SEED, c):
            assert c.doc_lang == "uk"
            assert (frame["family_name"][r], frame["given_name"][r]) == (passport_latin(family), passport_latin(given))
        else:
            assert (frame["family_name"][r], frame["given_name"][r]) == (
                estonian(family, c.doc_lang),
                estonian(given, c.doc_lang),
            )
        assert frame["origin_settlement"][r] in ("", estonian(places.SETTLEMENTS[c.origin].uk, "uk"))
        assert _compatible(frame["birth_date"][r], c.birth) and _compatible(frame["removal_date"][r], c.removal)
        ru += c.doc_lang == "ru"
    assert ru > 20 and len(frame) > 1000
    cells = frame[["family_name", "given_name", "origin_settlement"]]
    assert not cells.apply(lambda s: s.str.contains("[а-яіїєґ]")).any().any()
    assert frame["given_name"].str.contains("õ").mean() > 0.1  # Ukrainian и


def test_passport_share_by_age(big: ProfileData) -> None:
    pop = big.population
    bands: dict[float, list[bool]] = {}
    for c in pop.children:
        if c.doc_lang != "uk":
            assert not holds_passport(SEED, c)
            continue
        share = next((p for below, p in PASSPORT if _age(c) < below), PASSPORT[-1][1])
        bands.setdefault(share, []).append(holds_passport(SEED, c))
    assert len(bands) == len(PASSPORT)
    for share, held in bands.items():
        assert len(held) > 200 and within_binomial(float(np.mean(held)), share, len(held))
    c = pop.children[0]
    assert holds_passport(SEED, c) == holds_passport(SEED, c)  # fixed per child and seed


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout16.generate_heldout16(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout16.generate_heldout16(N, SEED + 1)
    assert not all(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
