"""The fourth held-out profile ``heldout_cross_border`` (``tests/harness/heldout4.py``) and the
generic error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to digests, booleans and
shares before asserting).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from tests.harness import (
    heldout4,
    lexicon,
    places,
)
from tests.harness import noise as nz
from tests.harness.lists import ListSpec, Style, escort_of, mother_surname_index
from tests.harness.profiles import ProfileData
from tests.harness.romanise import german, is_cyrillic, romanise

N = 3000
LISTS = ("filtration_log", "ua_police_missing", "journalist_merge", "by_red_cross")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout4.generate_heldout4(N, 0)



def _fold(v: str) -> str:
    return v.casefold().replace("ё", "е")


# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout4.NAME == "heldout_cross_border"
    spec = heldout4.heldout4_spec()
    assert tuple(s.name for s in spec.lists) == ("ua_police_missing", "filtration_log", "by_red_cross",
                                                 "journalist_merge")


def test_new_options_are_off_by_default() -> None:
    """Off options draw no random number, so the profiles written before them keep their bytes."""
    new = ("uk_in_ru_letters", "escort_family", "upper_family", "status_note", "residence_village",
           "registered_elsewhere", "registration_address", "district_centre", "be_keyboard", "transpose_removal")
    style = Style()
    assert all(getattr(style, k) == 0.0 for k in new)
    assert {f.name for f in dataclasses.fields(Style)} >= set(new)
    assert ListSpec("x", style).blocks == ()


# ---------------------------------------------------------------- schema, determinism, labels, truth


# valid input, the same bytes for a seed, SYNTHETIC labels: tests/test_harness_heldout_contract.py


def test_what_the_truth_says_of_this_profile(data: ProfileData) -> None:
    """(That it accounts for every record: tests/test_harness_heldout_contract.py.)"""
    children = data.population.children
    assert len(children) == N
    for name in LISTS:
        frame, t = data.list_with_truth(name)
        assert all(s in ("", children[c].sex) for s, c in zip(frame["sex"], t["child"], strict=True))
    # only the journalists copy, and only from the police register
    copies = data.truth[data.truth["kind"] == "copy"]
    assert set(copies["list"]) == {LISTS.index("journalist_merge")}
    assert set(copies["source"]) == {"ua_police_missing"}
    # a re-registered identity is shown only by the journalists' Russian-media block
    shown = data.truth[data.truth["new_identity"]]
    assert set(shown["list"]) == {LISTS.index("journalist_merge")}
    frame, t = data.list_with_truth("journalist_merge")
    assert set(frame.loc[t["new_identity"].to_numpy(), "record_id"].str[1]) == {"D"}
    assert all(children[c].new_identity is not None for c in shown["child"])
    _, t = data.list_with_truth("by_red_cross")
    assert {places.DESTINATIONS[children[c].destination].country for c in t["child"]} == {"BY"}
    # the crossing log sees families more than institutions; the police register fewer institutions still
    inst = {name: np.mean([children[c].mode == "institution" for c in data.list_with_truth(name)[1]["child"]])
            for name in ("filtration_log", "ua_police_missing")}
    pop_inst = np.mean([c.mode == "institution" for c in children])
    assert inst["filtration_log"] < pop_inst and inst["ua_police_missing"] < pop_inst


# ---------------------------------------------------------------- filtration / border-crossing log


def test_filtration_log_ukrainian_names_in_russian_letters(data: ProfileData) -> None:
    frame, t = data.list_with_truth("filtration_log")
    children = data.population.children
    names = "".join(frame["family_name"]) + "".join(frame["given_name"]) + "".join(frame["patronymic"])
    assert not set("іїєґІЇЄҐ'’ʼ") & set(names)  # Russian letters only
    own = (t["kind"] == "own").to_numpy()
    kinds = {"ru": 0, "sound": 0, "letter": 0}
    n = 0
    for v, c, o in zip(frame["given_name"], t["child"], own, strict=True):
        g = lexicon.GIVEN[children[c].given]
        forms = {"ru": _fold(g.ru), "sound": _fold(nz.uk_in_russian_letters(g.uk, by_sound=True)),
                 "letter": _fold(nz.uk_in_russian_letters(g.uk, by_sound=False))}
        if not o or len(set(forms.values())) < 3:
            continue  # only names whose three forms differ (Кирило / Кырыло / Кирилл)
        hit = [k for k, f in forms.items() if _fold(v) == f]
        n += 1
        for k in hit:
            kinds[k] += 1
    assert n > 60
    assert 0.4 < kinds["ru"] / n < 0.7  # style: 55% Russian forms
    assert 0.12 < kinds["sound"] / n < 0.35 and 0.12 < kinds["letter"] / n < 0.35  # 45% Ukrainian, half by sound
    assert (frame["birth_date"].str.len() == 10).mean() > 0.9


def test_filtration_log_escort_names_and_villages(data: ProfileData) -> None:
    frame, t = data.list_with_truth("filtration_log")
    children = data.population.children
    escort = []
    for v, c in zip(frame["family_name"], t["child"], strict=True):
        e, sex = escort_of(children[c])
        forms = {_fold(nz.uk_in_russian_letters(lexicon.surname_form(lexicon.SURNAMES[e], sex, lang), by_sound=b))
                 for lang in ("uk", "ru") for b in (True, False)}
        escort.append(_fold(v) in forms)
    assert 0.07 < np.mean(escort) < 0.18  # style: 12%
    villages = {_fold(x) for pair in places.VILLAGES for x in pair}
    place = frame["origin_settlement"].str.removeprefix("с. ").str.split(",").str[0].map(_fold)
    is_village = place.isin(villages).to_numpy()
    assert 0.22 < is_village.mean() < 0.38  # style: 30% of 98% with a place
    # a village name is shared by children of several oblasts
    oblasts: dict[str, set[str]] = {}
    for v, c in zip(place[is_village], t["child"][is_village], strict=True):
        oblasts.setdefault(v, set()).add(places.SETTLEMENTS[children[c].origin].oblast)
    assert max(len(s) for s in oblasts.values()) >= 3
    # siblings share their village
    pop = data.population
    sibs = [(a, b) for a, b in zip(pop.children, pop.children[1:], strict=False) if a.family == b.family]
    assert len(sibs) > 100
    assert all(places.village_of(a.family, a.origin) == places.village_of(b.family, b.origin) for a, b in sibs)


# ---------------------------------------------------------------- Ukrainian police export


def test_police_export_addresses_notes_and_capitals(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_police_missing")
    children = data.population.children
    assert 0.75 < frame["family_name"].str.isupper().mean() < 0.92  # style: 85%
    assert not frame["given_name"].str.isupper().any()
    address = frame["origin_settlement"].str.contains("вул. ", regex=False)
    assert 0.65 < address.mean() < 0.82  # style: 75% of 97% with a place
    # the registration is another settlement of the oblast for about a quarter of families
    town = frame["origin_settlement"].str.extract(r"м\. ([^,]+)")[0]
    other = [places.SETTLEMENTS[children[c].origin] for c in t["child"]]
    elsewhere = [v not in (s.uk, s.uk_old) for v, s in zip(town, other, strict=True) if isinstance(v, str)]
    assert 0.15 < np.mean(elsewhere) < 0.35
    # status notes in the patronymic column
    note = frame["patronymic"].str.contains(r"знайден|розшук|повернен|встановлено", case=False, regex=True)
    assert 0.06 < note.mean() < 0.15  # style: 10%
    births = [v == children[c].birth.isoformat() for v, c in zip(frame["birth_date"], t["child"], strict=True) if v]
    assert np.mean(births) == 1.0  # exact birth dates


# ---------------------------------------------------------------- journalists' merged spreadsheet


def test_journalist_blocks(data: ProfileData) -> None:
    frame, t = data.list_with_truth("journalist_merge")
    children = data.population.children
    block = frame["record_id"].str[1]
    assert block.tolist() == sorted(block)  # the blocks one after another
    assert frame["record_id"].str.fullmatch(r"J[ABCD]\d{4}").all()
    shares = block.value_counts(normalize=True)
    assert 0.25 < shares["A"] < 0.45 and 0.15 < shares["D"] < 0.3
    own = (t["kind"] != "copy").to_numpy()

    # A: dd/mm read as mm/dd, for every date that can be read so
    swapped = kept = 0
    for v, c, b, o in zip(frame["birth_date"], t["child"], block, own, strict=True):
        true = children[c].birth
        if b != "A" or not o or len(v) != 10 or true.day == true.month:
            continue
        if true.day <= 12:
            swapped += v == dt.date(true.year, true.day, true.month).isoformat()
        else:
            kept += v == true.isoformat()
    n_a = int(((block == "A") & own & (frame["birth_date"].str.len() == 10)).sum())
    assert swapped > 50 and swapped + kept > 0.95 * n_a * (1 - 1 / 12) - 5

    # B: family and given name swapped in the whole block
    in_b = ((block == "B") & own).to_numpy()
    given_in_family = []
    for v, c in zip(frame["family_name"][in_b], t["child"][in_b], strict=True):
        g = lexicon.GIVEN[children[c].given]
        forms = {_fold(romanise(x, s)) for x in (g.uk, g.ru) for s in ("ua_2010", "ru_bgn")} | {_fold(g.en)}
        given_in_family.append(_fold(v) in forms)
    assert len(given_in_family) > 100 and np.mean(given_in_family) > 0.9

    # C: German transliteration
    in_c = ((block == "C") & own).to_numpy()
    fam = frame["family_name"][in_c]
    assert not fam.map(is_cyrillic).any()
    assert not fam.str.contains("kh|zh", case=False, regex=True).any()
    german_ok = []
    for v, c in zip(fam, t["child"][in_c], strict=True):
        s = lexicon.SURNAMES[children[c].surname]
        german_ok.append(_fold(v) in {_fold(german(lexicon.surname_form(s, children[c].sex, lang), lang=lang))
                                      for lang in ("uk", "ru")})
    assert len(german_ok) > 80 and np.mean(german_ok) > 0.95
    assert set(frame.loc[in_c, "destination"]) <= {"Russland", "Weißrussland"}

    # a child reported by two sources is kept twice, usually in two blocks
    dup = t[t["kind"] == "duplicate"]["child"]
    assert len(dup) > 40
    first_block = {c: b for c, b, k in zip(t["child"], block, t["kind"], strict=True) if k != "duplicate"}
    other = [b != first_block[c] for c, b, k in zip(t["child"], block, t["kind"], strict=True) if k == "duplicate"]
    assert np.mean(other) > 0.5


# ---------------------------------------------------------------- Belarusian Red Cross


def test_red_cross_belarusian_names_and_district_centres(data: ProfileData) -> None:
    frame, t = data.list_with_truth("by_red_cross")
    children = data.population.children
    plain = frame["given_name"].str.replace("i", "і").str.replace("у", "ў")  # undo the keyboard for comparing
    be = [_fold(v) == _fold(lexicon.GIVEN[children[c].given].be) or _fold(p) == _fold(lexicon.GIVEN[children[c].given].be)
          for v, p, c in zip(frame["given_name"], plain, t["child"], strict=True)]
    assert 0.55 < np.mean(be) < 0.85  # style: 70% Belarusian (some Belarusian forms equal the Russian)
    latin_i = frame["patronymic"].map(lambda v: is_cyrillic(v) and "i" in v)
    assert 0.1 < latin_i.mean() < 0.4  # Belarusian patronymics typed on a Russian keyboard
    centre_names = set()
    for i, s in enumerate(places.SETTLEMENTS):
        if places.district_centre(i) == i:
            centre_names |= {s.ru_src, places.BE_NAMES.get(s.uk, s.ru_src)}
    place = frame["origin_settlement"].str.removeprefix("г. ").str.split(",").str[0]
    at_centre = place[place != ""].isin(centre_names)
    non_centre = np.array([places.district_centre(children[c].origin) != children[c].origin for c in t["child"]])
    assert 0.6 < at_centre[non_centre[(place != "").to_numpy()]].mean() < 0.85  # style: 70%
    assert place.isin(set(places.BE_NAMES.values()) - {s.ru_src for s in places.SETTLEMENTS}).mean() > 0.3


# ---------------------------------------------------------------- the generic helpers


def test_german_transliteration() -> None:
    cases = {("Шевченко", "uk"): "Schewtschenko", ("Олександр", "uk"): "Olexandr", ("Юрій", "uk"): "Jurij",
             ("Ковальчук", "uk"): "Kowaltschuk", ("Донецьк", "uk"): "Donezk", ("Херсон", "uk"): "Cherson",
             ("Запоріжжя", "uk"): "Saporischschja", ("Василь", "uk"): "Wassyl", ("Евгений", "ru"): "Jewgenij",
             ("Юлия", "ru"): "Julija", ("Наталья", "ru"): "Natalja", ("ІВАНОВА", "ru"): "IWANOWA"}
    for (cyr, lang), lat in cases.items():
        assert german(cyr, lang=lang) == lat and romanise(cyr, "de", lang=lang) == lat
    assert german("м. Donezk 3") == "m. Donezk 3"


def test_ukrainian_in_russian_letters_and_belarusian_keyboard() -> None:
    assert nz.uk_in_russian_letters("Кирило", by_sound=True) == "Кырыло"
    assert nz.uk_in_russian_letters("Кирило", by_sound=False) == "Кирило"
    assert nz.uk_in_russian_letters("Олійник", by_sound=True) == "Олийнык"
    assert nz.uk_in_russian_letters("Лук'яненко", by_sound=False) == "Лукьяненко"
    assert nz.uk_in_russian_letters("Єлизавета", by_sound=False) == "Елизавета"
    assert nz.uk_in_russian_letters("Ігор", by_sound=True) == "Игор"
    typed = {nz.belarusian_on_russian_keyboard("Мікалаевіч", np.random.default_rng(s)) for s in range(50)}
    assert all(not set("іў") & set(w) for w in typed)
    assert "Мiкалаевiч" in typed and "Микалаевич" in typed  # Latin i usually, и sometimes
    assert nz.belarusian_on_russian_keyboard("Уладзіслаў", np.random.default_rng(0)).endswith("у")


def test_places_and_families() -> None:
    uk = [s.uk for s in places.SETTLEMENTS]
    for town, centre in (("Сніжне", "Горлівка"), ("Енергодар", "Василівка"), ("Нова Каховка", "Каховка"),
                         ("Маріуполь", "Маріуполь"), ("Рубіжне", "Сєвєродонецьк")):
        assert uk[places.district_centre(uk.index(town))] == centre
    assert all(places.SETTLEMENTS[places.district_centre(i)].oblast == s.oblast
               for i, s in enumerate(places.SETTLEMENTS))
    assert places.village_of(5, 3) == places.village_of(5, 3)
    assert len({places.village_of(f, 0) for f in range(200)}) > 10
    moved = [places.registration_of(f, 0, 0.25) != 0 for f in range(2000)]
    assert 0.2 < np.mean(moved) < 0.3
    assert all(places.SETTLEMENTS[places.registration_of(f, 0, 1.0)].oblast == "D" for f in range(50))
    street, house, flat = places.address_parts(1, 2)
    assert street in places.STREETS and house >= 1 and flat >= 0


def test_escort_is_another_family(data: ProfileData) -> None:
    pop = data.population
    for c in pop.children[:500]:
        e, sex = escort_of(c)
        assert e not in (c.surname, mother_surname_index(c)) and sex in ("M", "F")
    sibs = [(a, b) for a, b in zip(pop.children, pop.children[1:], strict=False) if a.family == b.family]
    assert all(escort_of(a) == escort_of(b) for a, b in sibs)
    assert 0.65 < np.mean([escort_of(c)[1] == "F" for c in pop.children]) < 0.85
