"""The sixth held-out profile ``heldout_journal_hotline`` (``tests/harness/heldout6.py``) and the
error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The transcription examples are name-table entries, not records.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from tests.harness import heldout6, lexicon, places
from tests.harness import noise as nz
from tests.harness.heldout6 import (
    COUNTRIES,
    CURSIVE,
    DIGITS,
    FR_NAMES,
    FR_REFERENCE,
    PL_NAMES,
    UK_PET_NAMES,
    UK_REGIONS,
    cursive_misreading,
    digit_misreading,
    french,
    polish,
    text_lang,
)
from tests.harness.profiles import ProfileData
from tests.harness.romanise import is_cyrillic

N = 3000
LISTS = ("fr_annexe", "ru_shelter_journal", "ua_hotline", "pl_fundacja")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout6.generate_heldout6(N, 0)



# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout6.NAME == "heldout_journal_hotline"
    spec = heldout6.heldout6_spec()
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
        assert sex_ok
    copies = data.truth[data.truth["kind"] == "copy"]
    assert set(zip(copies["list"], copies["source"], strict=True)) == {
        (LISTS.index("pl_fundacja"), "ua_hotline"), (LISTS.index("fr_annexe"), "ru_shelter_journal")}
    shown = data.truth[data.truth["new_identity"]]
    assert set(shown["list"]) == {LISTS.index("fr_annexe")} and len(shown) > 5
    assert all(children[c].new_identity is not None for c in shown["child"])
    _, t = data.list_with_truth("ru_shelter_journal")
    assert {places.DESTINATIONS[children[c].destination].country for c in t["child"]} == {"RU"}


# ---------------------------------------------------------------- the transcriptions and helpers


def test_polish_transcription() -> None:
    uk = {"Олександр": "Ołeksandr", "Шевченко": "Szewczenko", "Коваленко": "Kowałenko", "Юлія": "Julija",
          "Лук'яненко": "Łukjanenko", "Сергій": "Serhij", "Ковальов": "Kowalow", "Микола": "Mykoła",
          "Соловйов": "Sołowjow", "Поліщук": "Poliszczuk", "Ілля": "Illa", "Донецьк": "Donećk", "ШЕВЧЕНКО": "SZEWCZENKO"}
    ru = {"Александр": "Aleksandr", "Сергей": "Siergiej", "Екатерина": "Jekatierina", "Ковалёв": "Kowalow",
          "Медведев": "Miedwiediew", "Наталья": "Natalja", "Илья": "Ilja", "Горловка": "Gorłowka", "Юрьевич": "Jurjewicz"}
    assert {k: polish(k, "uk") for k in uk} == uk
    assert {k: polish(k, "ru") for k in ru} == ru
    assert polish("м. Херсон, 12", "uk") == "m. Cherson, 12"


def test_french_transcription() -> None:
    ru = {"Шевченко": "Chevtchenko", "Сергей": "Sergueï", "Юлия": "Iouliia", "Дмитрий": "Dmitri",
          "Евгений": "Ievgueni", "Артём": "Artiom", "Василиса": "Vassilissa", "Раиса": "Raïssa", "Илья": "Ilia",
          "Наталья": "Natalia", "Луганск": "Lougansk", "Юрьевич": "Iourievitch", "Черный": "Tcherny"}
    uk = {"Андрій": "Andriï", "Олександр": "Oleksandr", "Луганськ": "Louhansk", "Маріуполь": "Marioupol",
          "Лук'яненко": "Loukianenko", "Поліщук": "Polichtchouk"}
    assert {k: french(k, "ru") for k in ru} == ru
    assert {k: french(k, "uk") for k in uk} == uk


def test_tables_cover_the_lexicon() -> None:
    given_uk = {g.uk for g in lexicon.GIVEN}
    assert set(UK_PET_NAMES) <= given_uk and len(UK_PET_NAMES) > 60
    assert set(PL_NAMES) <= given_uk | {"Георгій"} and set(FR_NAMES) <= given_uk | {"Георгій"}
    assert set(UK_REGIONS) == set(places.OBLASTS)
    assert text_lang("Олійник", "ru") == "uk" and text_lang("Артём", "uk") == "ru" and text_lang("Анна", "ru") == "ru"


def test_cursive_and_digit_misreading() -> None:
    rng = np.random.default_rng(3)
    word = "Бтшиплмйучцщбдав"
    assert cursive_misreading(word, rng, 0.0) == word
    read = cursive_misreading(word, rng, 1.0)
    assert read[0] == word[0] and len(read) == len(word)
    assert all(b in CURSIVE[a] for a, b in zip(word[1:], read[1:], strict=True))
    assert cursive_misreading("оекрсх", rng, 1.0) == "оекрсх"  # letters read right
    for _ in range(200):
        d = dt.date(2004, 1, 1) + dt.timedelta(days=int(rng.integers(0, 7000)))
        v = digit_misreading(d.isoformat(), rng)
        new = dt.date.fromisoformat(v)  # still a date
        diff = [(a, b) for a, b in zip(d.isoformat(), v, strict=True) if a != b]
        assert len(diff) <= 1 and all(DIGITS[a] == b for a, b in diff)
        assert 2000 <= new.year <= 2024
    assert digit_misreading("2022-02-22", rng) == "2022-02-22"  # nothing to misread


# ---------------------------------------------------------------- Russian shelters' handwritten journals


def test_shelter_journal_in_admission_order(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_shelter_journal")
    children = data.population.children
    numbered = frame["record_id"].tolist() == [f"SRC{r + 1:05d}" for r in range(len(frame))]
    full = bool((frame["removal_date"].str.len() == 10).all())
    ordered = bool(frame["removal_date"].is_monotonic_increasing)
    assert numbered and full and ordered
    own = t["kind"] == "own"
    lag = np.array([(dt.date.fromisoformat(v) - children[c].removal).days
                    for v, c in zip(frame["removal_date"][own], t["child"][own], strict=True)])
    assert lag.min() >= 2 and lag.max() <= 45
    waves = pd.DataFrame({"wave": [children[c].wave for c in t["child"][own]], "day": frame["removal_date"][own]})
    one_per_group = bool((waves.groupby("wave")["day"].nunique() == 1).all())
    assert one_per_group  # one admission date per group
    first = dict(zip(t["child"][own], frame["removal_date"][own], strict=True))
    dup = t["kind"] == "duplicate"
    assert dup.sum() > 5
    later = all(v > first[c] for v, c in zip(frame["removal_date"][dup], t["child"][dup], strict=True))
    assert later


def test_shelter_journal_misread_letters(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_shelter_journal")
    children = data.population.children
    same = misread = 0
    for v, c in zip(frame["given_name"], t["child"], strict=True):
        true = nz.drop_yo(lexicon.GIVEN[children[c].given].ru)
        if v == true or v == lexicon.GIVEN[children[c].given].ru:
            same += 1
        elif len(v) == len(true) and all(a == b or b in CURSIVE.get(a, ()) for a, b in zip(true, v, strict=True)):
            misread += 1
    n = len(frame)
    assert same + misread == n  # every difference is a cursive misreading
    assert 0.04 < misread / n < 0.3  # 3% per letter of the table, several such letters per name
    yo = float(frame["family_name"].map(lambda s: "ё" in s).mean())
    assert yo < 0.1


def test_shelter_journal_birth_dates(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_shelter_journal")
    children = data.population.children
    kinds = {"true": 0, "registration": 0, "digit": 0}
    full = 0
    for v, c in zip(frame["birth_date"], t["child"], strict=True):
        if len(v) != 10:
            continue
        full += 1
        b = children[c].birth
        w = dt.date.fromisoformat(v)
        diff = [(x, y) for x, y in zip(b.isoformat(), v, strict=True) if x != y]
        if w == b:
            kinds["true"] += 1
        elif 3 <= (w - b).days <= 60 and w < children[c].removal:
            kinds["registration"] += 1
        elif len(diff) == 1 and DIGITS[diff[0][0]] == diff[0][1]:
            kinds["digit"] += 1
    assert sum(kinds.values()) == full  # no other date error
    assert 0.78 < kinds["true"] / full < 0.92
    assert 0.025 < kinds["registration"] / full < 0.08  # 5%
    assert 0.05 < kinds["digit"] / full < 0.13  # 10%, a few dates without a misreadable digit


# ---------------------------------------------------------------- Ukrainian relatives' hotline


def test_hotline_pet_names_and_regions(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_hotline")
    children = data.population.children
    pets = civil = 0
    for v, c in zip(frame["given_name"], t["child"], strict=True):
        g = lexicon.GIVEN[children[c].given]
        if g.uk not in UK_PET_NAMES:
            continue
        civil += v == g.uk
        pets += v in UK_PET_NAMES[g.uk]
    assert 0.15 < pets / (pets + civil) < 0.3  # 25% of the Ukrainian-form records (a few pet names are typo'd)
    regions = set(UK_REGIONS.values())
    region_only = frame["origin_settlement"].isin(regions)
    with_region = frame["origin_settlement"].str.split(", ").str[-1].isin(regions) & ~region_only
    assert 0.08 < region_only.mean() < 0.15 and 0.05 < with_region.mean() < 0.11  # 20% of 92%: 60 / 40
    ok = [v == "" or v.split(", ")[-1] == UK_REGIONS[places.SETTLEMENTS[children[c].origin].oblast]
          for v, c in zip(frame["origin_settlement"][region_only | with_region], t["child"][region_only | with_region],
                          strict=True)]
    assert all(ok)
    no_sex, dups = float((frame["sex"] == "").mean()), float((t["kind"] == "duplicate").mean())
    assert 0.15 < no_sex < 0.25 and 0.06 < dups < 0.12
    inst = np.mean([children[c].mode == "institution" for c in t["child"]])
    assert inst < 0.5 * np.mean([c.mode == "institution" for c in children])


# ---------------------------------------------------------------- Polish foundation's register


def test_polish_register(data: ProfileData) -> None:
    frame, t = data.list_with_truth("pl_fundacja")
    children = data.population.children
    latin = [not frame[k].map(is_cyrillic).any()
             for k in ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution", "destination")]
    assert all(latin)
    polish_letters = float(frame["family_name"].str.contains("ł|sz|cz", regex=True).mean())
    assert polish_letters > 0.3
    own = (t["kind"] == "own").to_numpy()
    pl_name = []
    for v, c in zip(frame["given_name"][own], t["child"][own], strict=True):
        g = lexicon.GIVEN[children[c].given]
        name = PL_NAMES.get(g.uk)
        if name and name not in (polish(g.uk, "uk"), polish(g.ru, "ru")):  # Анна is Anna either way
            pl_name.append(v == name)
    assert len(pl_name) > 300
    assert 0.09 < np.mean(pl_name) < 0.2  # 15%
    towns = frame["origin_settlement"].str.split(", ").str[0]
    exonyms = float(towns.isin({"Donieck", "Ługańsk", "Chersoń", "Mariupol", "Gorłówka", "Makiejewka"}).mean())
    oblast = float(frame["origin_settlement"].str.contains("obwód", regex=False).mean())
    destinations_ok = set(frame["destination"]) <= {*COUNTRIES["pl"].values(), ""}
    copies = int(((t["kind"] == "copy") & (t["source"] == "ua_hotline")).sum())
    assert exonyms > 0.3 and 0.2 < oblast < 0.4 and destinations_ok and copies > 50


# ---------------------------------------------------------------- French annex


def test_french_annex_names_places(data: ProfileData) -> None:
    frame, t = data.list_with_truth("fr_annexe")
    latin = [not frame[k].map(is_cyrillic).any()
             for k in ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution", "destination")]
    assert all(latin)
    fam = frame["family_name"][frame["family_name"] != ""]
    capitals = float((fam.str.upper() == fam).mean())
    assert 0.5 < capitals < 0.7  # 60%
    french_names = float(frame["given_name"].isin(set(FR_NAMES.values())).mean())
    assert french_names > 0.08
    french_letters = float(frame["family_name"].str.contains("tch|ou|ch|kh", case=False, regex=True).mean())
    assert french_letters > 0.3
    oblast = float(frame["origin_settlement"].str.contains("oblast de|région de", regex=True).mean())
    destinations_ok = set(frame["destination"]) <= {*COUNTRIES["fr"].values(), ""}
    assert 0.2 < oblast < 0.45 and destinations_ok


def test_french_annex_ages_at_the_reference_date(data: ProfileData) -> None:
    frame, t = data.list_with_truth("fr_annexe")
    children = data.population.children
    own = (t["kind"] != "copy") & ~t["new_identity"]
    years = late = months = month_late = 0
    ok: list[bool] = []
    for v, c in zip(frame["birth_date"][own], t["child"][own], strict=True):
        b = children[c].birth
        age = nz.age_at(b, FR_REFERENCE)
        if len(v) == 4:
            years += 1
            ok.append(v == str(FR_REFERENCE.year - age))
            late += v == str(b.year + 1)
        elif len(v) == 7:
            months += 1
            ok.append(age < 3 and v in (f"{b.year:04d}-{b.month:02d}",
                                        nz.iso(b.replace(day=1) + dt.timedelta(days=31), "month")))
            month_late += v != f"{b.year:04d}-{b.month:02d}"
        elif v:
            ok.append(v == b.isoformat())
    assert all(ok)  # no other birth date than the true one or the one from the age at the reference date
    assert years > 150 and months > 3
    assert 0.7 < late / years < 0.95  # born after 1 March: one year late
    assert month_late > 0


def test_copies_carry_the_rewritten_source(data: ProfileData) -> None:
    """A copy is of the source list as written: the shelter journal's misreadings reach the
    French annex (transcribed), the hotline's pet names the Polish register."""
    shelter, ts = data.list_with_truth("ru_shelter_journal")
    first = {c: g for c, g, k in zip(ts["child"], shelter["given_name"], ts["kind"], strict=True) if k != "duplicate"}
    frame, t = data.list_with_truth("fr_annexe")
    copy = (t["kind"] == "copy").to_numpy()
    assert copy.sum() > 50
    same = [v in (french(first[c], "ru"), french(first[c], "uk")) for v, c in zip(frame["given_name"][copy],
                                                                                 t["child"][copy], strict=True)]
    assert np.mean(same) > 0.97
    hotline, th = data.list_with_truth("ua_hotline")
    first = {c: g for c, g, k in zip(th["child"], hotline["given_name"], th["kind"], strict=True) if k != "duplicate"}
    frame, t = data.list_with_truth("pl_fundacja")
    copy = (t["kind"] == "copy").to_numpy()
    same = [v in (polish(first[c], "uk"), polish(first[c], "ru")) for v, c in zip(frame["given_name"][copy],
                                                                                 t["child"][copy], strict=True)]
    assert np.mean(same) > 0.95  # a few Latin typos
