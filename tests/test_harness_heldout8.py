"""The eighth held-out profile ``heldout_school_mvd_courts`` (``tests/harness/heldout8.py``) and
the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The transcription examples are name-table entries, not records.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

from tests.harness import (
    heldout8,
    lexicon,
    places,
)
from tests.harness import noise as nz
from tests.harness.heldout8 import (
    ANNEX_BLOCKS,
    MT_PLACES,
    MT_WORDS,
    ONLINE_SCHOOL,
    SHIFTED_BLOCK,
    distance_learner,
    edu_eligible,
    initial,
    koi8_loss,
    mt_word,
    passport_share,
    recyrillise,
    school_of,
    shift_column,
    struck_off,
)
from tests.harness.profiles import ProfileData
from tests.harness.romanise import is_cyrillic, romanise

N = 3000
LISTS = ("ua_edu_register", "ru_migration_mvd", "ru_court_rulings", "mt_annex_en")
TEXT = ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution", "destination")
NAMES = ("family_name", "given_name", "patronymic")
UK_ONLY = re.compile("[іїєґІЇЄҐ’ʼ№]")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout8.generate_heldout8(N, 0)



def _back(latin: str) -> set[str]:
    """Every form a clerk of :func:`recyrillise` may type for ``latin``."""
    return {recyrillise(latin, y_as=y, h_as=h, iotated=i) for y in ("ы", "и") for h in ("х", "г") for i in (True, False)}


# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout8.NAME == "heldout_school_mvd_courts"
    spec = heldout8.heldout8_spec()
    assert spec.output_order == LISTS


# ---------------------------------------------------------------- truth
# (valid input, the same bytes for a seed, SYNTHETIC labels: tests/test_harness_heldout_contract.py)


def test_what_the_truth_says_of_this_profile(data: ProfileData) -> None:
    """(That it accounts for every record: tests/test_harness_heldout_contract.py.)"""
    children = data.population.children
    assert len(children) == N and data.list_names == LISTS
    for name in LISTS:
        frame, t = data.list_with_truth(name)
        sex_ok = all(s in ("", children[c].sex) for s, c in zip(frame["sex"], t["child"], strict=True))
        assert sex_ok and len(frame) > 300
    assert not (data.truth["kind"] == "copy").any()  # no list copies another
    shown = data.truth[data.truth["new_identity"]]
    assert set(shown["list"]) == {LISTS.index("ru_court_rulings")} and len(shown) > 30
    assert all(children[c].new_identity is not None for c in shown["child"])
    for name in ("ru_migration_mvd", "ru_court_rulings"):
        _, t = data.list_with_truth(name)
        assert {places.DESTINATIONS[children[c].destination].country for c in t["child"]} == {"RU"}


# ---------------------------------------------------------------- the transcription helpers


def test_koi8_round_trip() -> None:
    table = {"Олійник": "Ол?йник", "Марія": "Мар?я", "Андрій": "Андр?й", "Лук’яненко": "Лук?яненко",
             "Лук'яненко": "Лук'яненко", "ЗЗСО №12": "ЗЗСО ?12", "Єнакієве": "?нак??ве", "Ґудзь": "?удзь",
             "Коваленко Ольга": "Коваленко Ольга", "Ковалёв": "Ковалёв"}
    assert {k: koi8_loss(k) for k in table} == table


def test_recyrillise_from_the_passport_latin() -> None:
    plain = {"Mykola": "МЫКОЛА", "Serhii": "СЕРХИЙ", "Yehor": "ЕХОР", "Olha": "ОЛХА", "Koval": "КОВАЛ",
             "Oliinyk": "ОЛИЙНЫК", "Hnatiuk": "ХНАТЮК", "Zaika": "ЗАЙКА", "Yurii": "ЮРИЙ", "Mariia": "МАРИЯ",
             "Illia": "ИЛЛЯ", "Emil": "ЭМИЛ", "Viacheslav": "ВЯЧЕСЛАВ", "Shcherbakov": "ЩЕРБАКОВ",
             "Rudyi": "РУДЫЙ", "Mykhailo": "МЫХАЙЛО", "Soloviov": "СОЛОВЕВ"}
    assert {k: recyrillise(k) for k in plain} == plain
    other = {"Mykola": "МИКОЛА", "Serhii": "СЕРГИЙ", "Heorhii": "ГЕОРГИЙ", "Mariia": "МАРИИА", "Kovalevskyi":
             "КОВАЛЕВСКИЙ", "Hnatiuk": "ГНАТИУК"}
    assert {k: recyrillise(k, y_as="и", h_as="г", iotated=False) for k in other} == other
    # the national romanisation of the lexicon's names comes back in Cyrillic capitals only
    back = set().union(*(_back(romanise(g.uk, "ua_2010")) for g in lexicon.GIVEN))
    assert all(re.fullmatch("[А-ЯЁ]+", b) for b in back)


def test_machine_translation_tables_and_paste_shift() -> None:
    assert mt_word("Мельник") == "Miller" and mt_word("МОРОЗ") == "FROST" and mt_word("Коваленко") is None
    assert mt_word("Роман") == "Novel" and mt_word("Надія") == "Hope"
    assert all(k.lower() == k for k in MT_WORDS)
    names = {places.SETTLEMENTS[i].uk for i in range(len(places.SETTLEMENTS))} | {
        s.ru_src for s in places.SETTLEMENTS} | {s.ru for s in places.SETTLEMENTS}
    assert set(MT_PLACES) <= names  # every translated place is one the population has
    assert shift_column(["a", "b", "c", "d", "e"], 1, 3) == ["a", "", "b", "c", "e"]
    assert shift_column(["a", "b"], 0, 5) == ["", "a"]
    assert shift_column(["a", "b", "c"], 2, 2) == ["a", "b", "c"]
    assert initial("Коваленко") == "К." and initial("") == ""
    assert struck_off(dt.date(2022, 4, 10)) == dt.date(2022, 5, 31)
    assert struck_off(dt.date(2022, 7, 1)) == dt.date(2022, 9, 1)
    assert struck_off(dt.date(2022, 10, 3)) == dt.date(2023, 5, 31)


# ---------------------------------------------------------------- Ukrainian school registers


def test_edu_register_sees_school_age_children_of_2022(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_edu_register")
    children = data.population.children
    assert all(edu_eligible(children[c]) for c in t["child"])
    ages = [nz.age_at(children[c].birth, children[c].removal) for c in t["child"]]
    assert min(ages) >= 6 and max(ages) <= 17
    early = [places.SETTLEMENTS[children[c].origin].occupied in (2014, 2015) for c in t["child"]]
    assert all(distance_learner(children[c]) for c, e in zip(t["child"], early, strict=True) if e)
    pop_early = np.mean([places.SETTLEMENTS[c.origin].occupied in (2014, 2015) for c in children])
    assert np.mean(early) < 0.4 * pop_early  # whole groups absent, not missed at random


def test_edu_register_code_page_loss(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_edu_register")
    children = data.population.children
    lossy = frame["origin_institution"].str.contains("?", regex=False).to_numpy()
    assert 0.2 < lossy.mean() < 0.5  # a third of the schools
    any_q = frame[list(TEXT)].apply(lambda s: s.str.contains("?", regex=False)).any(axis=1).to_numpy()
    uk_letters = frame[list(TEXT)].apply(lambda s: s.str.contains(UK_ONLY)).any(axis=1).to_numpy()
    assert not (any_q & ~lossy).any()  # a "?" only in the rows of a lossy school
    assert not (uk_letters & lossy).any()  # and no Ukrainian letter left there
    same = []
    for giv, c, bad in zip(frame["given_name"], t["child"], lossy, strict=True):
        g = lexicon.GIVEN[children[c].given]
        same.append(giv in ({koi8_loss(g.uk), koi8_loss(g.ru)} if bad else {g.uk, g.ru}))
    assert np.mean(same) > 0.97  # typos only
    lost = np.mean([UK_ONLY.search(lexicon.GIVEN[children[c].given].uk) is not None
                    for c, bad in zip(t["child"], lossy, strict=True) if bad])
    assert lost > 0.2 and frame["given_name"][lossy].str.contains("?", regex=False).mean() > 0.5 * lost


def test_edu_register_schools_dates_destinations(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_edu_register")
    children = data.population.children
    school_ok: list[bool] = []
    schools: dict[str, set[int]] = {}
    for v, c, kind in zip(frame["origin_institution"], t["child"], t["kind"], strict=True):
        child = children[c]
        inst = data.population.institutions[child.institution] if child.institution >= 0 else None
        if kind == "duplicate" or (inst is not None and places.INSTITUTION_KINDS[inst.kind].key in
                                   ("boarding", "special", "sanatorium")):
            continue
        k, n = school_of(child, data.population)
        v = koi8_loss(v)
        school_ok.append(v == koi8_loss(f"{k} №{n}") or v.startswith(koi8_loss(f"{k} №{n} м. ")))
        schools.setdefault(koi8_loss(f"{k} №{n} {child.origin}"), set()).add(child.family)
    assert len(school_ok) > 200 and all(school_ok)
    assert sum(len(f) > 1 for f in schools.values()) > 20  # unrelated pupils share a school
    dup = (t["kind"] == "duplicate").to_numpy()
    assert 0.02 < dup.mean() < 0.07
    other = frame["origin_institution"][dup].map(koi8_loss)
    assert (other == koi8_loss(ONLINE_SCHOOL)).mean() > 0.15 and other.str.contains(" м. ", regex=False).mean() > 0.3
    rem = [v == nz.iso(struck_off(children[c].removal)) for v, c in zip(frame["removal_date"], t["child"],
                                                                         strict=True)]
    assert 0.32 < np.mean(rem) < 0.48  # the order striking the pupil off the roll
    dest = frame["destination"].map(koi8_loss)
    placeholder = dest.isin({koi8_loss("невідомо"), "-"}).mean()
    assert 0.5 < placeholder < 0.72


# ---------------------------------------------------------------- Russian migration records


def test_mvd_names_typed_back_from_the_passport(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_migration_mvd")
    children = data.population.children
    for k in (*NAMES, "origin_settlement", "destination"):
        assert bool((frame[k] == frame[k].str.upper()).all())
    passport = ~frame["origin_settlement"].str.startswith("Г. ").to_numpy()
    assert 0.15 < passport.mean() < 0.45
    ok, differs = [], []
    for fam, giv, c in zip(frame["family_name"][passport], frame["given_name"][passport], t["child"][passport],
                           strict=True):
        child = children[c]
        g = lexicon.GIVEN[child.given]
        s = lexicon.surname_form(lexicon.SURNAMES[child.surname], child.sex, "uk")
        ok.append(fam in _back(romanise(s, "ua_2010")) and giv in _back(romanise(g.uk, "ua_2010")))
        differs.append(giv != nz.drop_yo(g.ru).upper())
    assert all(ok) and np.mean(differs) > 0.5  # not the Russian form a translation would give
    assert frame["given_name"][passport].str.contains("Ы", regex=False).mean() > 0.1
    assert 0.6 < (frame["patronymic"][passport] == "").mean() < 0.8
    assert all(children[c].doc_lang == "uk" for c in t["child"][passport])
    ob = {f"{o['uk'].upper()}/UKR" for o in places.OBLASTS.values()} | {o["ru"].upper() for o in places.OBLASTS.values()}
    assert set(frame["origin_settlement"][passport]) <= ob | {"УКРАИНА"}
    by_age: dict[str, list[bool]] = {"infant": [], "pupil": [], "teen": []}
    for c, p in zip(t["child"], passport, strict=True):
        child = children[c]
        if child.doc_lang == "uk":
            age = nz.age_at(child.birth, child.removal)
            by_age["infant" if age < 6 else "pupil" if age < 14 else "teen"].append(bool(p))
    share = {k: float(np.mean(v)) for k, v in by_age.items()}
    assert share["infant"] < share["pupil"] < share["teen"]
    assert {passport_share(c) for c in children} <= {0.0, 0.2, 0.4, 0.65}


def test_mvd_places_dates_and_moves(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_migration_mvd")
    children = data.population.children
    cert = frame["origin_settlement"].str.startswith("Г. ").to_numpy()
    born = [v.split(",")[0] == f"Г. {nz.drop_yo(places.SETTLEMENTS[children[c].birthplace].ru_src).upper()}"
            for v, c in zip(frame["origin_settlement"][cert], t["child"][cert], strict=True)]
    assert all(born)  # the birthplace of the certificate, in its Russian-source name
    dnr = frame["origin_settlement"][cert].str.endswith(("ДНР", "ЛНР")).to_numpy()
    assert dnr.any() and all(children[c].doc_lang == "ru" for c in t["child"][cert][dnr])
    own = (t["kind"] == "own").to_numpy()
    lag = np.array([(dt.date.fromisoformat(v) - children[c].removal).days
                    for v, c in zip(frame["removal_date"][own], t["child"][own], strict=True)])
    assert lag.min() >= 0 and lag.max() <= 90 and 0.68 < (lag <= 3).mean() < 0.82
    dup = ~own
    assert 0.03 < dup.mean() < 0.09
    moved = [v != places.DESTINATIONS[children[c].destination].ru.upper()
             for v, c in zip(frame["destination"][dup], t["child"][dup], strict=True)]
    assert all(moved)
    fam = np.mean([children[c].mode == "family" for c in t["child"]])
    assert fam > 1.2 * np.mean([c.mode == "family" for c in children])


# ---------------------------------------------------------------- Russian court rulings


def test_court_rulings_depersonalised(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_court_rulings")
    children = data.population.children
    ini = frame[list(NAMES)].apply(lambda s: s.str.fullmatch(r"(\w\.)?")).all(axis=1).to_numpy()
    fam_ini = frame["family_name"].str.fullmatch(r"\w\.").to_numpy() & ~ini
    assert 0.32 < ini.mean() < 0.48 and 0.18 < fam_ini.mean() < 0.32
    first = []
    for giv, c, new in zip(frame["given_name"][ini], t["child"][ini], t["new_identity"][ini], strict=True):
        child = children[c]
        gi = child.new_identity.given if new and child.new_identity is not None else child.given
        first.append(giv == initial(lexicon.GIVEN[gi].ru))
    assert np.mean(first) > 0.97  # the Russian form's initial
    year = (frame["birth_date"].str.len() == 4).mean()
    assert 0.45 < year < 0.62 and 0.16 < (frame["birth_date"] == "").mean() < 0.32
    assert 0.26 < (frame["origin_settlement"] == "").mean() < 0.4
    lag = [(dt.date.fromisoformat(v) - children[c].removal).days
           for v, c in zip(frame["removal_date"], t["child"], strict=True)]
    assert min(lag) >= 90 and max(lag) <= 730  # the ruling's date
    rereg = np.array([children[c].new_identity is not None for c in t["child"]])
    assert 0.5 < t["new_identity"].to_numpy()[rereg].mean() < 0.9
    placed = np.mean([children[c].placed for c in t["child"]])
    assert placed > 3 * np.mean([c.placed for c in children])
    assert 0.06 < (t["kind"] == "duplicate").mean() < 0.14


# ---------------------------------------------------------------- machine-translated annex


def test_annex_is_machine_translated(data: ProfileData) -> None:
    frame, t = data.list_with_truth("mt_annex_en")
    children = data.population.children
    assert not any(frame[k].map(is_cyrillic).any() for k in TEXT)
    words = set(MT_WORDS.values())
    fam_words = frame["family_name"].isin(words).to_numpy()
    word_name = np.array([lexicon.surname_form(lexicon.SURNAMES[children[c].surname], children[c].sex, "uk").lower()
                          in MT_WORDS or lexicon.surname_form(lexicon.SURNAMES[children[c].surname],
                                                              children[c].sex, "ru").lower() in MT_WORDS
                          for c in t["child"]])
    assert word_name.sum() > 15 and 0.2 < fam_words[word_name].mean() < 0.8  # half the rows
    assert not fam_words[~word_name].any()
    town = frame["origin_settlement"].str.replace(r"^(m\. |g\. |city of )", "", regex=True).str.split(",").str[0]
    assert town.isin(set(MT_PLACES.values())).sum() > 3
    assert frame["origin_settlement"].str.contains("DPR|LPR| region", regex=True).mean() > 0.1
    assert set(frame["destination"]) - {""} <= {"Russia", "Belarus", "Crimea", "Krasnodar Krai"} | {
        d.en.replace(" Oblast", " region").replace(" Region", " region") for d in places.DESTINATIONS}
    by = np.mean([places.DESTINATIONS[children[c].destination].country == "BY" for c in t["child"]])
    assert by > 1.15 * np.mean([places.DESTINATIONS[c.destination].country == "BY" for c in children])


def test_annex_blocks_and_the_shifted_birth_dates(data: ProfileData) -> None:
    frame, t = data.list_with_truth("mt_annex_en")
    children = data.population.children
    block = frame["record_id"].str.extract(r"^ANX-([ABC])(\d{4})$")
    assert not block.isna().any().any()
    assert block[0].tolist() == sorted(block[0].tolist())
    assert set(block[0]) == set(ANNEX_BLOCKS)
    own_ok = np.array([v == "" or children[c].birth.isoformat().startswith(v)
                       for v, c in zip(frame["birth_date"], t["child"], strict=True)])
    for b in ANNEX_BLOCKS:
        rows = (block[0] == b).to_numpy()
        fams = frame["family_name"][rows].str.casefold().tolist()
        assert fams == sorted(fams)  # each partner's block sorted by family name
        if b != SHIFTED_BLOCK:
            assert own_ok[rows].all()
    births: list[str] = frame["birth_date"].tolist()
    kids: list[int] = [int(c) for c in t["child"]]
    shifted = np.flatnonzero((block[0] == SHIFTED_BLOCK).to_numpy())
    bad = ~own_ok[shifted]
    assert 0.15 < bad.mean() < 0.55  # a stretch of the block
    prev_ok = [births[j] == "" or children[kids[j - 1]].birth.isoformat().startswith(births[j])
               for j, b in zip(shifted[1:], bad[1:], strict=True) if b]
    assert np.mean(prev_ok) > 0.97  # the birth date of the record above
    span = np.flatnonzero(bad)
    assert span.max() - span.min() + 1 < 1.5 * len(span) + 5  # one contiguous stretch (apart from coincidences)
