"""The third held-out profile ``heldout_mixed_registry`` (``tests/harness/heldout3.py``)
and the generic error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to digests, booleans and
shares before asserting).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from tests.harness import (
    heldout3,
    lexicon,
    places,
)
from tests.harness import noise as nz
from tests.harness.cases import decline
from tests.harness.lists import SCHEMA, Style, render, sex_from_name
from tests.harness.profiles import ProfileData
from tests.harness.romanise import is_cyrillic, lacinka, romanise

N = 3000
LISTS = ("hospital_evac", "by_health_camp", "church_charity", "telegram_scrape")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout3.generate_heldout3(N, 0)



def _fold(v: str) -> str:
    return v.casefold().replace("ё", "е")


# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout3.NAME == "heldout_mixed_registry"
    spec = heldout3.heldout3_spec()
    assert tuple(s.name for s in spec.lists) == ("telegram_scrape", "church_charity", "hospital_evac",
                                                 "by_health_camp")


# ---------------------------------------------------------------- schema, determinism, labels, truth


# valid input, the same bytes for a seed, SYNTHETIC labels: tests/test_harness_heldout_contract.py


def test_what_the_truth_says_of_this_profile(data: ProfileData) -> None:
    """(That it accounts for every record: tests/test_harness_heldout_contract.py.)"""
    children = data.population.children
    assert len(children) == N
    for name in LISTS:
        frame, t = data.list_with_truth(name)
        if name != "telegram_scrape":  # the scrape guesses the sex (tested below); copies of it keep the guess
            assert all(s in ("", children[c].sex) for s, c, k in zip(frame["sex"], t["child"], t["kind"], strict=True)
                       if k != "copy")
    # only the church list copies, and only from the Telegram scrape
    copies = data.truth[data.truth["kind"] == "copy"]
    assert set(copies["list"]) == {LISTS.index("church_charity")}
    assert set(copies["source"]) == {"telegram_scrape"}
    # a re-registered identity is shown only by the scrape (or a church record copied from it)
    shown = data.truth[data.truth["new_identity"]]
    assert set(shown["list"]) <= {LISTS.index("telegram_scrape"), LISTS.index("church_charity")}
    assert LISTS.index("telegram_scrape") in set(shown["list"])
    assert all(children[c].new_identity is not None for c in shown["child"])
    # who each list can see
    dest_country = {name: {places.DESTINATIONS[children[c].destination].country for c in data.list_with_truth(name)[1]["child"]}
                    for name in ("hospital_evac", "by_health_camp")}
    assert dest_country == {"hospital_evac": {"RU"}, "by_health_camp": {"BY"}}
    # the church list was deduplicated by its maker; the scrape has many reposts
    dup = {name: (data.list_with_truth(name)[1]["kind"] == "duplicate").mean() for name in LISTS}
    assert dup["church_charity"] < 0.015 < dup["hospital_evac"] < dup["telegram_scrape"]


# ---------------------------------------------------------------- hospital evacuation log


def test_hospital_card_fields_exact_family_names_misspelt(data: ProfileData) -> None:
    frame, t = data.list_with_truth("hospital_evac")
    children = data.population.children
    given_ok = [_fold(v) == _fold(lexicon.GIVEN[children[c].given].ru) for v, c in zip(frame["given_name"], t["child"],
                                                                                         strict=True)]
    assert np.mean(given_ok) > 0.97  # given name from the card (a rare typo)
    assert (frame["birth_date"] == [children[c].birth.isoformat() for c in t["child"]]).all()
    assert (frame["sex"] == [children[c].sex for c in t["child"]]).all()
    family = [_fold(lexicon.surname_form(lexicon.SURNAMES[children[c].surname], children[c].sex, "ru"))
              for c in t["child"]]
    wrong = np.array([_fold(v) != f for v, f in zip(frame["family_name"], family, strict=True)])
    assert 0.3 < wrong.mean() < 0.5  # style: 45% misspelt (an edit can leave the name unchanged)
    first_kept = [v[:1].casefold() == f[:1] for v, f in zip(frame["family_name"], family, strict=True)]
    assert np.mean(first_kept) > 0.99
    # several letters wrong in many of them: not a typo
    dist = [sum(a != b for a, b in zip(v.casefold(), f, strict=False)) + abs(len(v) - len(f))
            for v, f, w in zip(frame["family_name"], family, wrong, strict=True) if w]
    assert np.mean([d >= 2 for d in dist]) > 0.4


def test_hospital_city_as_origin_and_hospital_as_institution(data: ProfileData) -> None:
    frame, t = data.list_with_truth("hospital_evac")
    children = data.population.children
    non_hub = [(v, c) for v, c in zip(frame["origin_settlement"], t["child"], strict=True)
               if places.hub(children[c].origin) != children[c].origin and v]
    as_hub = [v.removeprefix("г. ") == places.SETTLEMENTS[places.hub(children[c].origin)].ru_src for v, c in non_hub]
    assert len(non_hub) > 100 and 0.45 < np.mean(as_hub) < 0.75  # style: 60% (some births elsewhere)
    hospital = frame["origin_institution"].str.contains(r"больница|ГБ г\.", regex=True)
    assert 0.65 < hospital.mean() < 0.85  # style: 75%, for children of institutions or not
    no_inst = np.array([children[c].institution < 0 for c in t["child"]])
    assert hospital[no_inst].mean() > 0.65
    # sorted by name and renumbered: the record id is the row number
    assert frame["record_id"].tolist() == [f"MED{r + 1:05d}" for r in range(len(frame))]
    keys = [(a.casefold(), b.casefold()) for a, b in zip(frame["family_name"], frame["given_name"], strict=True)]
    assert keys == sorted(keys)


# ---------------------------------------------------------------- Belarusian health camp


def test_camp_roster_cases_lacinka_and_shift_numbers(data: ProfileData) -> None:
    frame, t = data.list_with_truth("by_health_camp")
    children = data.population.children
    latin = ~frame["given_name"].map(is_cyrillic) & (frame["given_name"] != "")
    assert 0.25 < latin.mean() < 0.45  # style: 35%
    text = "".join(frame.loc[latin, "given_name"].str.lower()) + "".join(frame.loc[latin, "family_name"].str.lower())
    assert {"ł", "č", "š", "ŭ"} & set(text)
    assert 0.35 < frame["given_name"].str.isupper().mean() < 0.65  # style: half in capitals
    # the case of the voucher: compare each Cyrillic given name with its forms in the three cases
    counts = {"nom": 0, "dat": 0, "gen": 0}
    n = 0
    for v, c in zip(frame["given_name"], t["child"], strict=True):
        if not is_cyrillic(v):
            continue
        g, sex = lexicon.GIVEN[children[c].given], children[c].sex
        forms = {case: {_fold(decline(x, "given", sex, case, lang)) for x, lang in ((g.ru, "ru"), (g.be, "be"))}
                 for case in counts}
        hit = [case for case in counts if _fold(v) in forms[case]]
        if len(hit) == 1:  # unambiguous (Мария is Марии in both oblique cases)
            n += 1
            counts[hit[0]] += 1
    assert n > 150
    assert 0.3 < counts["nom"] / n < 0.6 and 0.25 < counts["dat"] / n < 0.55 and 0.05 < counts["gen"] / n < 0.3
    # a roster by shift: sorted by arrival date, numbered Z<shift>-<row>
    assert frame["record_id"].str.fullmatch(r"Z\d{2,}-\d{3}").all()
    assert frame["removal_date"].tolist() == sorted(frame["removal_date"])
    shift = frame["record_id"].str.extract(r"Z(\d+)-")[0].astype(int)
    assert (shift.diff().fillna(0) >= 0).all() and shift.nunique() == frame["removal_date"].nunique()


# ---------------------------------------------------------------- church charity


def test_church_names(data: ProfileData) -> None:
    frame, t = data.list_with_truth("church_charity")
    children = data.population.children
    own = (t["kind"] == "own").to_numpy()
    church = civil = 0
    for v, c, o in zip(frame["given_name"], t["child"], own, strict=True):
        g = lexicon.GIVEN[children[c].given]
        if not o or g.uk not in lexicon.BAPTISMAL:
            continue
        bapt = {_fold(x) for x in lexicon.BAPTISMAL[g.uk]} - {_fold(g.uk), _fold(g.ru)}
        word = _fold(v.split(" ")[0]) if v else ""
        church += word in bapt
        civil += word in {_fold(g.uk), _fold(g.ru)}
    assert church + civil > 150 and 0.25 < church / (church + civil) < 0.6  # style: half (less where forms agree)
    # "мл." only after the name of a boy named after his father, for most of them
    junior = frame["given_name"].str.contains(r" (?:мл|мол)\.$", regex=True).to_numpy()
    named_after_father = np.array([children[c].sex == "M" and lexicon.GIVEN[children[c].given].uk
                                   == lexicon.FATHERS[children[c].father].uk for c in t["child"]])
    assert not (junior & ~named_after_father).any()
    assert junior.sum() >= 2  # few boys in the population are named after their father
    # the process itself, on every boy of the population named after his father
    rng = np.random.default_rng(0)
    pop = data.population
    boys = [c for c in pop.children if c.sex == "M" and lexicon.GIVEN[c.given].uk == lexicon.FATHERS[c.father].uk]
    assert len(boys) > 30
    style = Style(name_lang=(("ru", 1.0),), junior_suffix=1.0)
    assert all(render(c, pop, style, rng)["given_name"].endswith(" мл.") for c in boys)
    others = [c for c in pop.children[:300] if c not in boys]
    assert not any(render(c, pop, style, rng)["given_name"].endswith(" мл.") for c in others)
    # hyphenated double family names and patronymics in the family-name field, a few of each
    assert 0.02 < frame["family_name"].str.contains("-", regex=False).mean() < 0.1
    patronymic_like = frame["family_name"].str.contains(r"(?:ович|евич|івна|овна|евна|ична|ич)$", regex=True)
    assert 0.01 < patronymic_like.mean() < 0.08
    assert frame["record_id"].tolist() == [f"CH{r + 1:05d}" for r in range(len(frame))]


def test_church_list_merges_siblings(data: ProfileData) -> None:
    children = data.population.children

    def siblings_listed(name: str) -> tuple[float, int]:
        """Share of children listed among the younger siblings of a listed child, and how
        many full birth dates belong to a (non-twin) younger sibling of the record's child."""
        _, t = data.list_with_truth(name)
        frame = dict(data.lists)[name]
        listed = set(t["child"])
        nxt = [c + 1 for c in listed if c + 1 < N and children[c + 1].family == children[c].family]
        borrowed = sum(
            c + 1 < N and children[c + 1].family == children[c].family and not children[c + 1].twin
            and v == children[c + 1].birth.isoformat() for v, c in zip(frame["birth_date"], t["child"], strict=True))
        return float(np.mean([c in listed for c in nxt])), int(borrowed)

    merged_share, borrowed = siblings_listed("church_charity")
    plain_share, plain_borrowed = siblings_listed("telegram_scrape")
    assert borrowed >= 5 and plain_borrowed == 0  # a merged record took the younger sibling's birth date
    assert merged_share < 0.9  # younger siblings go missing (capture is family-correlated otherwise)


# ---------------------------------------------------------------- Telegram scrape


def test_telegram_sex_guessed_from_names_and_oblast_for_place(data: ProfileData) -> None:
    frame, t = data.list_with_truth("telegram_scrape")
    children = data.population.children
    guessed = frame["sex"] == frame["given_name"].map(sex_from_name)
    assert guessed.mean() > 0.8  # style: 80% guessed, and the rest often agree
    boys_as_girls = [s == "F" and children[c].sex == "M" for s, c in zip(frame["sex"], t["child"], strict=True)]
    assert 0.03 < np.mean(boys_as_girls) < 0.3  # Никита, Илья, Саша, Дима ...
    oblasts = {o[k] for o in places.OBLASTS.values() for k in ("uk", "ru", "ru_occ")}
    assert 0.2 < frame["origin_settlement"].isin(oblasts).mean() < 0.45  # style: 35% of 85% with a place
    for name in ("hospital_evac", "by_health_camp", "church_charity"):
        f, tt = data.list_with_truth(name)
        assert not f["origin_settlement"][(tt["kind"] != "copy").to_numpy()].isin(oblasts).any()  # copies keep it


def test_telegram_reposts_verbatim_with_later_dates(data: ProfileData) -> None:
    frame, t = data.list_with_truth("telegram_scrape")
    fields = [c for c in SCHEMA if c not in ("record_id", "removal_date")]
    key = frame[fields].agg("\x1f".join, axis=1)
    reposts = 0
    for _, grp in frame.assign(_k=key, _c=t["child"]).groupby(["_c", "_k"]):
        dates = sorted(d for d in grp["removal_date"] if d)
        if len(grp) == 2 and len(dates) == 2 and dates[0] < dates[1]:
            reposts += 1
    n_dup = int((t["kind"] == "duplicate").sum())
    assert n_dup > 30 and 0.4 < reposts / n_dup < 0.9  # style: 70% of duplicates (a dateless post has no later date)


# ---------------------------------------------------------------- the generic helpers


def test_lacinka() -> None:
    cases = {"Кацярына": "Kaciaryna", "Аляксандр": "Alaksandr", "Мікалай": "Mikałaj", "Яўген": "Jaŭhien",
             "Марыя": "Maryja", "Наталля": "Natalla", "Уладзіслаў": "Uładzisłaŭ", "Вольга": "Volha",
             "ВАСІЛЕЎНА": "VASILEŬNA", "Лук'яненка": "Łukjanienka", "Шаўчэнка": "Šaŭčenka"}
    for cyr, lat in cases.items():
        assert lacinka(cyr) == lat and romanise(cyr, "lacinka") == lat
    assert lacinka("м. Донецьк, 3") == "m. Doniećk, 3"  # Ukrainian ць: ć


def test_declension() -> None:
    dat = {("Иванов", "family", "M", "ru"): "Иванову", ("Иванова", "family", "F", "ru"): "Ивановой",
           ("Ковалевский", "family", "M", "ru"): "Ковалевскому", ("Коваленко", "family", "M", "ru"): "Коваленко",
           ("Мельник", "family", "F", "ru"): "Мельник", ("Бондарь", "family", "M", "ru"): "Бондарю",
           ("Іваноў", "family", "M", "be"): "Іванову", ("Андрей", "given", "M", "ru"): "Андрею",
           ("Илья", "given", "M", "ru"): "Илье", ("Мария", "given", "F", "ru"): "Марии",
           ("Кацярына", "given", "F", "be"): "Кацярыне", ("Любовь", "given", "F", "ru"): "Любови",
           ("Петровна", "patronymic", "F", "ru"): "Петровне", ("Пятровіч", "patronymic", "M", "be"): "Пятровічу"}
    for (w, field, sex, lang), want in dat.items():
        assert decline(w, field, sex, "dat", lang) == want
    assert decline("Иван", "given", "M", "gen", "ru") == "Ивана"
    assert decline("Никита", "given", "M", "gen", "ru") == "Никиты"
    assert decline("Саша", "given", "M", "gen", "ru") == "Саши"
    assert decline("Иван", "given", "M", "nom", "ru") == "Иван"
    with pytest.raises(ValueError):
        decline("Иван", "given", "M", "abl", "ru")


def test_misspell_and_sex_from_name() -> None:
    a = [nz.misspell("Коваленко", np.random.default_rng(s), 2) for s in range(300)]
    b = [nz.misspell("Коваленко", np.random.default_rng(s), 2) for s in range(300)]
    assert a == b  # seeded
    assert all(w[0] == "К" for w in a) and len(set(a)) > 50
    assert np.mean([w != "Коваленко" for w in a]) > 0.8
    assert nz.misspell("Ли", np.random.default_rng(0), 3) == "Ли"  # too short to change
    assert [sex_from_name(v) for v in ("Никита", "Иван", "АННА", "Maria", "Иван мл.", "", "Любовь")] == \
        ["F", "M", "F", "F", "M", "", "M"]


def test_hospital_places() -> None:
    makiivka = [s.uk for s in places.SETTLEMENTS].index("Макіївка")
    assert places.SETTLEMENTS[places.hub(makiivka)].uk == "Донецьк"
    assert all(places.SETTLEMENTS[places.hub(i)].oblast == s.oblast for i, s in enumerate(places.SETTLEMENTS))
    assert places.hospital_name(places.hub(makiivka), "ru_short") == "ДГБ г. Донецк"
    with pytest.raises(ValueError):
        places.hospital_name(0, "xx")
    assert re.fullmatch(r"[А-ЯІЇЄҐа-яіїєґ' ]+", "".join(x for pair in lexicon.BAPTISMAL.values() for x in pair))
