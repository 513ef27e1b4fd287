"""The seventh held-out profile ``heldout_indictment_leak`` (``tests/harness/heldout7.py``) and
the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The declension and transcription examples are name-table entries, not
records.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.harness import (
    heldout7,
    lexicon,
    places,
)
from tests.harness import noise as nz
from tests.harness.heldout7 import (
    CRIMEA,
    CZ_COUNTRIES,
    CZ_NAMES,
    CZ_OBLASTS,
    EXCEL_1904_SHIFT,
    MAC_SHEET,
    PVR_SHEETS,
    RU_OBLAST_CENTRES,
    UK_DESTINATIONS,
    czech,
    czech_feminine,
    decline_uk,
    episode_start,
    gost_b,
    letters_only,
    locative_uk,
    oblast_genitive,
    stepfather_surname,
)
from tests.harness.profiles import ProfileData
from tests.harness.romanise import is_cyrillic, romanise

N = 3000
LISTS = ("cz_ngo_register", "ua_indictment", "ru_pvr_register", "ru_leak_translit")
TEXT = ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution", "destination")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout7.generate_heldout7(N, 0)



# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout7.NAME == "heldout_indictment_leak"
    spec = heldout7.heldout7_spec()
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
    assert set(shown["list"]) == {LISTS.index("ru_leak_translit")} and len(shown) > 50
    assert all(children[c].new_identity is not None for c in shown["child"])
    for name in ("ru_pvr_register", "ru_leak_translit"):
        _, t = data.list_with_truth(name)
        assert {places.DESTINATIONS[children[c].destination].country for c in t["child"]} == {"RU"}


# ---------------------------------------------------------------- the grammar and the transcriptions


def test_ukrainian_cases() -> None:
    cases = ("gen", "acc", "ins")
    table = {
        ("Коваленко", "family", "M", "inv"): ("Коваленка", "Коваленка", "Коваленком"),
        ("Коваленко", "family", "F", "inv"): ("Коваленко", "Коваленко", "Коваленко"),
        ("Мельник", "family", "M", "inv"): ("Мельника", "Мельника", "Мельником"),
        ("Мельник", "family", "F", "inv"): ("Мельник", "Мельник", "Мельник"),
        ("Іванов", "family", "M", "ov"): ("Іванова", "Іванова", "Івановим"),
        ("Іванова", "family", "F", "ov"): ("Іванової", "Іванову", "Івановою"),
        ("Ковалевський", "family", "M", "sky"): ("Ковалевського", "Ковалевського", "Ковалевським"),
        ("Ковалевська", "family", "F", "sky"): ("Ковалевської", "Ковалевську", "Ковалевською"),
        ("Коваль", "family", "M", "inv"): ("Коваля", "Коваля", "Ковалем"),
        ("Заїка", "family", "F", "inv"): ("Заїки", "Заїку", "Заїкою"),
        ("КОВАЛЕНКО", "family", "M", "inv"): ("КОВАЛЕНКА", "КОВАЛЕНКА", "КОВАЛЕНКОМ"),
        ("Андрій", "given", "M", "inv"): ("Андрія", "Андрія", "Андрієм"),
        ("Олександр", "given", "M", "inv"): ("Олександра", "Олександра", "Олександром"),
        ("Дмитро", "given", "M", "inv"): ("Дмитра", "Дмитра", "Дмитром"),
        ("Микита", "given", "M", "inv"): ("Микити", "Микиту", "Микитою"),
        ("Ілля", "given", "M", "inv"): ("Іллі", "Іллю", "Іллею"),
        ("Ігор", "given", "M", "inv"): ("Ігоря", "Ігоря", "Ігорем"),
        ("Марія", "given", "F", "inv"): ("Марії", "Марію", "Марією"),
        ("Анна", "given", "F", "inv"): ("Анни", "Анну", "Анною"),
        ("Миколайович", "patronymic", "M", "inv"): ("Миколайовича", "Миколайовича", "Миколайовичем"),
        ("Миколаївна", "patronymic", "F", "inv"): ("Миколаївни", "Миколаївну", "Миколаївною"),
    }
    got = {k: tuple(decline_uk(k[0], k[1], k[2], c, k[3]) for c in cases) for k in table}
    assert got == table
    assert decline_uk("Андрій", "given", "M", "nom") == "Андрій"
    with pytest.raises(ValueError):
        decline_uk("Андрій", "given", "M", "dat")


def test_ukrainian_locative_and_oblast() -> None:
    table = {"Горлівка": "Горлівці", "Донецьк": "Донецьку", "Маріуполь": "Маріуполі", "Сніжне": "Сніжному",
             "Олешки": "Олешках", "Волноваха": "Волновасі", "Нова Каховка": "Новій Каховці", "Харків": "Харкові",
             "Херсон": "Херсоні", "Ясинувата": "Ясинуватій", "Хрустальний": "Хрустальному", "Куп'янськ": "Куп'янську"}
    assert {k: locative_uk(k) for k in table} == table
    assert all(locative_uk(s.uk) != s.uk for s in places.SETTLEMENTS)
    assert oblast_genitive("D") == "Донецької області" and oblast_genitive("Z") == "Запорізької області"


def test_gost_b() -> None:
    table = {"Щербаков": "Shherbakov", "Олейник": "Olejnik", "Цыганков": "Cy`gankov", "Цюрупинск": "Czyurupinsk",
             "Хрустальный": "Xrustal`ny`j", "Ольга": "Ol`ga", "Эдуард": "E`duard", "Ковалёв": "Kovalyov",
             "ЩЕРБАКОВ": "SHHERBAKOV", "г. Донецк": "g. Doneczk"}
    assert {k: gost_b(k) for k in table} == table
    assert letters_only("Xrustal`ny`j") == "Xrustalnyj"


def test_czech_transcription_and_feminine() -> None:
    uk = {"Шевченко": "Ševčenko", "Олександр": "Oleksandr", "Микола": "Mykola", "Євген": "Jevhen", "Юлія": "Julija",
          "Григорій": "Hryhorij", "Лук'яненко": "Lukjanenko", "Ковальов": "Kovaljov"}
    ru = {"Алексей": "Alexej", "Сергей": "Sergej", "Татьяна": "Taťjana", "Фёдор": "Fjodor", "Евгений": "Jevgenij",
          "Днепр": "Dněpr"}
    assert {k: czech(k, "uk") for k in uk} == uk
    assert {k: czech(k, "ru") for k in ru} == ru
    fem = {("Kovalenko", "inv"): "Kovalenková", ("Melnyk", "inv"): "Melnyková", ("Ivanova", "ov"): "Ivanovová",
           ("Voronina", "ov"): "Voroninová", ("Kovalevska", "sky"): "Kovalevská", ("Bila", "adj"): "Bilá",
           ("ZAJIKA", "inv"): "ZAJIKOVÁ"}
    assert {k: czech_feminine(*k) for k in fem} == fem
    given_uk = {g.uk for g in lexicon.GIVEN}
    assert set(CZ_NAMES) <= given_uk | {"Георгій"} and set(CZ_OBLASTS) == set(places.OBLASTS)


# ---------------------------------------------------------------- Ukrainian prosecutors' indictments


def test_indictment_names_in_the_sentence_case(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_indictment")
    children = data.population.children
    counts = {"nom": 0, "gen": 0, "acc": 0, "ins": 0, "none": 0}
    boys_enko = boys_enko_declined = girls_enko = girls_enko_changed = 0
    for fam, giv, c in zip(frame["family_name"], frame["given_name"], t["child"], strict=True):
        child = children[c]
        g = lexicon.GIVEN[child.given].uk
        hits = [k for k in ("nom", "gen", "acc", "ins") if giv == decline_uk(g, "given", child.sex, k)]
        counts[hits[0] if len(hits) == 1 else "gen" if hits == ["gen", "acc"] else "none" if not hits else "nom"] += 1
        s = lexicon.SURNAMES[child.surname]
        if s.uk.endswith("ко") and fam and hits and hits[0] != "nom":
            if child.sex == "M":
                boys_enko += 1
                boys_enko_declined += fam.lower() != s.uk.lower()
            else:
                girls_enko += 1
                girls_enko_changed += fam.lower() != s.uk.lower()
    n = len(frame)
    assert counts["none"] / n < 0.03  # typos only
    assert 0.23 < counts["nom"] / n < 0.37 and 0.14 < counts["ins"] / n < 0.26
    assert 0.38 < (counts["gen"] + counts["acc"]) / n < 0.6  # a boy's accusative is his genitive
    assert boys_enko > 30 and boys_enko_declined / boys_enko > 0.97
    assert girls_enko > 30 and girls_enko_changed / girls_enko < 0.03
    fam = frame["family_name"][frame["family_name"] != ""]
    assert 0.4 < float((fam.str.upper() == fam).mean()) < 0.6


def test_indictment_places_dates_destinations(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_indictment")
    children = data.population.children
    born = frame["origin_settlement"].str.startswith("уродж")
    lived = frame["origin_settlement"].str.startswith(("проживав у м. ", "проживала у м. "))
    assert 0.24 < born.mean() < 0.36 and 0.2 < lived.mean() < 0.33
    birthplace_ok = all(f"м. {places.SETTLEMENTS[children[c].birthplace].uk} " in v
                        for v, c in zip(frame["origin_settlement"][born], t["child"][born], strict=True))
    locative_ok = all(v.endswith(locative_uk(places.SETTLEMENTS[children[c].origin].uk))
                      for v, c in zip(frame["origin_settlement"][lived], t["child"][lived], strict=True))
    assert birthplace_ok and locative_ok
    elsewhere = np.mean([children[c].birthplace != children[c].origin for c in t["child"][born]])
    assert elsewhere > 0.1  # the birthplace is not where the child was taken from
    years = float((frame["birth_date"].str.len() == 4).mean())
    assert 0.32 < years < 0.46  # "2011 р.н."
    kinds = {"exact": 0, "episode": 0, "month": 0}
    starts: dict[int, set[str]] = {}
    for v, c in zip(frame["removal_date"], t["child"], strict=True):
        child = children[c]
        if len(v) == 7:
            kinds["month"] += v == nz.iso(child.removal, "month")
        elif v == nz.iso(child.removal):
            kinds["exact"] += 1
        elif v:
            lag = (child.removal - dt.date.fromisoformat(v)).days
            kinds["episode"] += 1 <= lag <= 30 and v == nz.iso(episode_start(child))
            starts.setdefault(child.wave, set()).add(v)
    n = len(frame)
    assert sum(kinds.values()) == int((frame["removal_date"] != "").sum())  # no other removal date
    assert 0.3 < kinds["episode"] / n < 0.5 and 0.25 < kinds["exact"] / n < 0.45
    assert all(len(v) == 1 for v in starts.values())  # one period per episode
    allowed = {*UK_DESTINATIONS["RU"], *UK_DESTINATIONS["BY"], CRIMEA, ""}
    assert set(frame["destination"]) <= allowed
    inst = np.mean([children[c].mode == "institution" for c in t["child"]])
    assert inst > 1.3 * np.mean([c.mode == "institution" for c in children])


# ---------------------------------------------------------------- Russian accommodation centres' workbook


def test_pvr_sheets_and_the_1904_date_system(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_pvr_register")
    children = data.population.children
    sheet = frame["record_id"].str.extract(r"^PVR(\d)-(\d{4})$")
    assert not sheet.isna().any().any()
    sheets = sheet[0].astype(int)
    assert bool(sheets.is_monotonic_increasing) and set(sheets) <= set(range(1, PVR_SHEETS + 1))
    full = frame["birth_date"].str.len() == 10
    ok, shifted = [], []
    for v, c, s in zip(frame["birth_date"][full], t["child"][full], sheets[full], strict=True):
        true = children[c].birth
        want = true - dt.timedelta(days=EXCEL_1904_SHIFT) if s == MAC_SHEET else true
        ok.append(v == want.isoformat())
        shifted.append(s == MAC_SHEET)
    assert all(ok)  # every full birth date true, or four years and a day early on the Mac sheet
    assert 0.05 < np.mean(shifted) < 0.35
    assert (dt.date(2000, 1, 1) - dt.timedelta(days=EXCEL_1904_SHIFT)).isoformat() == "1995-12-31"
    own = (t["kind"] == "own").to_numpy() & (sheets != MAC_SHEET).to_numpy() & (frame["removal_date"] != "").to_numpy()
    lag = [(dt.date.fromisoformat(v) - children[c].removal).days
           for v, c in zip(frame["removal_date"][own], t["child"][own], strict=True)]
    assert min(lag) >= 1 and max(lag) <= 10  # the arrival at the centre
    assert 0.03 < (t["kind"] == "duplicate").mean() < 0.09


def test_pvr_household_head_siblings_and_endings(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_pvr_register")
    children = data.population.children
    fams = {children[c].family: children[c] for c in t["child"]}
    step_share = np.mean([stepfather_surname(c) is not None for c in fams.values()])
    assert 0.11 < step_share < 0.23  # one family in six
    under_step = flipped = comparable = 0
    for v, c in zip(frame["family_name"], t["child"], strict=True):
        child = children[c]
        step = stepfather_surname(child)
        if not v or step is None:
            continue
        forms = {nz.drop_yo(lexicon.surname_form(lexicon.SURNAMES[step], x, "ru")).lower() for x in ("M", "F")}
        under_step += nz.drop_yo(v).lower() in forms
    for v, c in zip(frame["family_name"], t["child"], strict=True):
        child = children[c]
        s = lexicon.SURNAMES[child.surname]
        if not v or s.kind == "inv" or stepfather_surname(child) is not None:
            continue
        comparable += 1
        other = lexicon.surname_form(s, "F" if child.sex == "M" else "M", "ru")
        flipped += nz.drop_yo(v).lower() == nz.drop_yo(other).lower()
    steps = sum(1 for v, c in zip(frame["family_name"], t["child"], strict=True)
                if v and stepfather_surname(children[c]) is not None)
    assert steps > 50 and under_step / steps > 0.95
    assert comparable > 100 and 0.02 < flipped / comparable < 0.11  # 6%
    merged = frame["given_name"].str.contains(", | и ", regex=True)
    assert 0.03 < merged.mean() < 0.2
    on_list = set(t["child"])
    younger_missing = []
    for c in t["child"][merged]:
        sibs = [x for x in children if x.family == children[c].family and x.child_id != c]
        younger_missing.append(any(x.child_id not in on_list and x.birth >= children[c].birth for x in sibs))
    assert all(younger_missing)  # the younger child named in the row has no row of its own
    small = np.array([places.SETTLEMENTS[children[c].origin].weight < 10 for c in t["child"]]) & (
        frame["origin_settlement"] != "").to_numpy()
    centre = [v == f"г. {RU_OBLAST_CENTRES[places.SETTLEMENTS[children[c].origin].oblast]}"
              for v, c in zip(frame["origin_settlement"][small], t["child"][small], strict=True)]
    assert 0.3 < np.mean(centre) < 0.5  # 40%


# ---------------------------------------------------------------- leaked Russian register, GOST 7.79 B


def test_leak_is_ascii_gost_b(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_leak_translit")
    children = data.population.children
    ascii_only = all(frame[k].map(str.isascii).all() for k in TEXT)
    assert ascii_only
    names = frame[["family_name", "given_name", "patronymic"]]
    assert bool((names == names.apply(lambda s: s.str.upper())).all().all())
    ticks = frame["given_name"].str.contains("`", regex=False) | frame["family_name"].str.contains("`", regex=False)
    assert 0.05 < ticks.mean() < 0.5  # the backtick table; the letters-only table has none
    same = []
    for v, c, new in zip(frame["given_name"], t["child"], t["new_identity"], strict=True):
        child = children[c]
        gi = child.new_identity.given if new and child.new_identity is not None else child.given
        ru = lexicon.GIVEN[gi].ru
        forms = {letters_only(gost_b(x).upper()) for x in (ru, nz.drop_yo(ru))}
        same.append(letters_only(v) in forms)
    assert np.mean(same) > 0.97  # a few typos
    gost_letters = frame["family_name"].str.contains("CZ|X|SHH|ZH|YO|`", regex=True).mean()
    assert gost_letters > 0.1  # Ц Cz, Х X, Щ Shh, Ж Zh, Ё Yo, Ь Ы Э with backticks
    lag = [(dt.date.fromisoformat(v) - children[c].removal).days
           for v, c in zip(frame["removal_date"], t["child"], strict=True) if v]
    assert min(lag) >= 14 and max(lag) <= 240  # the placement date
    placed = np.mean([children[c].placed for c in t["child"]])
    assert placed > 2 * np.mean([c.placed for c in children])


# ---------------------------------------------------------------- Czech NGO register


def test_czech_register(data: ProfileData) -> None:
    frame, t = data.list_with_truth("cz_ngo_register")
    children = data.population.children
    latin = [not frame[k].map(is_cyrillic).any() for k in TEXT]
    assert all(latin)
    passport = []
    for fam, giv, c in zip(frame["family_name"], frame["given_name"], t["child"], strict=True):
        child = children[c]
        want = romanise(lexicon.surname_form(lexicon.SURNAMES[child.surname], child.sex, "uk"), "ua_2010").upper()
        passport.append(fam == want and giv == romanise(lexicon.GIVEN[child.given].uk, "ua_2010"))
    passport_arr = np.array(passport)
    assert 0.32 < passport_arr.mean() < 0.48  # 40%
    assert bool((frame["patronymic"][passport_arr] == "").all())
    sex = np.array([children[c].sex for c in t["child"]])
    inv = np.array([lexicon.SURNAMES[children[c].surname].kind == "inv" for c in t["child"]])
    typed = ~passport_arr & (frame["family_name"] != "").to_numpy() & inv
    suffix = frame["family_name"].str.lower().str.endswith(("ová", "ova")).to_numpy()
    assert 0.65 < suffix[typed & (sex == "F")].mean() < 0.85  # 75%
    assert suffix[typed & (sex == "M")].mean() < 0.01
    czech_name = frame["given_name"][~passport_arr].isin(
        {v for k, v in CZ_NAMES.items() if v not in (czech(k, "uk"), romanise(k, "ua_2010"))}).mean()
    assert 0.06 < czech_name < 0.2
    hacek = frame["family_name"][~passport_arr].str.contains("[čšžěřďťň]", regex=True).mean()
    assert hacek > 0.05
    towns = frame["origin_settlement"].str.split(", ").str[0]
    exonyms = float(towns.isin({"Doněck", "Luhansk", "Cherson", "Mariupol", "Horlivka", "Makijivka",
                                "Melitopol", "Berďansk"}).mean())
    oblast = float(frame["origin_settlement"].str.contains("oblast", regex=False).mean())
    assert exonyms > 0.3 and 0.25 < oblast < 0.45
    assert set(frame["destination"]) <= {*CZ_COUNTRIES.values(), ""}
    placed = np.mean([children[c].placed for c in t["child"]])
    assert placed < 0.6 * np.mean([c.placed for c in children])
