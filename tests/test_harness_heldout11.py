"""The eleventh held-out profile ``heldout_groups_webform_mrz`` (``tests/harness/heldout11.py``)
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

from tests.harness import heldout11, lexicon, places
from tests.harness.heldout11 import (
    APPLICANT_NAME,
    CLASS_ONLY,
    FILLER_AS_K,
    GRANDMOTHERS,
    HEADER_LOST,
    INSTITUTION_TOWN,
    MOTHERS,
    MRZ_NAME_LENGTH,
    MRZ_POOR,
    PASSPORT,
    SHEETS,
    applicant_name,
    class_only,
    clean,
    clean_name,
    crossing_date,
    export_line,
    flatten,
    group_header,
    group_key,
    header_lost,
    holds_passport,
    misread_fillers,
    mrz_name_field,
    parse_mrz_name,
    read_line,
    school_class,
    school_year,
    submission_date,
    year_from_class,
)
from tests.harness.metrics import within_binomial
from tests.harness.noise import age_at
from tests.harness.population import Child
from tests.harness.profiles import ProfileData

N = 3000
SEED = 0
LISTS = ("occ_trip_groups", "ua_webform_csv", "ua_return_mrz")
NAMES = ("family_name", "given_name", "patronymic")
ISO_DAY = r"\d{4}-\d{2}-\d{2}"


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout11.generate_heldout11(N, SEED)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the shares of rarer processes (about 2,500 records per list)."""
    return heldout11.generate_heldout11(4 * N, SEED)




# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout11.NAME == "heldout_groups_webform_mrz"
    assert heldout11.heldout11_spec().output_order == LISTS


# ---------------------------------------------------------------- the helpers, on name-table entries


def test_mrz_helpers() -> None:
    field = mrz_name_field("Коваленко", "Марія")
    assert field == "KOVALENKO<<MARIIA" + "<" * 22 and len(field) == MRZ_NAME_LENGTH
    assert parse_mrz_name(field) == ("KOVALENKO", "MARIIA")
    assert mrz_name_field("Лук'яненко", "Мар'яна").startswith("LUKIANENKO<<MARIANA<")  # apostrophe dropped
    assert mrz_name_field("Ковалевська", "Єлизавета").startswith("KOVALEVSKA<<YELYZAVETA<")
    long = mrz_name_field("Білокриниченко-Шевченко", "Олександра")
    assert len(long) == MRZ_NAME_LENGTH and long.startswith("BILOKRYNYCHENKO<SHEVCHENKO<<OLEKSANDRA")
    assert parse_mrz_name("KOVALENKO<<MARIIA<<<K<<<") == ("KOVALENKO", "MARIIA K")
    assert parse_mrz_name("KOVALENKO<KMARIIA<<<K<<<") == ("KOVALENKO KMARIIA", "K")  # separator misread
    assert parse_mrz_name("KOVALENKOKKMARIIA<<<<<<") == ("KOVALENKOKKMARIIA", "")
    g = np.random.default_rng(0)
    assert misread_fillers(field, g, 0.0) == field
    assert misread_fillers(field, g, 1.0) == "KOVALENKOKKMARIIA" + "K" * 22


def test_webform_export_read_and_clean() -> None:
    rec = {"family_name": "Лук'яненко", "given_name": "Андрій", "patronymic": "Миколаївна", "birth_date": "2012-03-05",
           "sex": "хлопчик", "origin_settlement": "Маріуполь, Донецька обл.", "origin_institution": "",
           "removal_date": "2022-05-01", "destination": "Росія, Ростовська обл."}
    line = export_line("WF00001", rec)
    read = read_line(line)
    assert read["origin_settlement"] == "Маріуполь" and read["origin_institution"] == "Донецька обл."
    assert read["removal_date"] == "" and read["destination"] == "2022-05-01"  # one column right
    out = clean(read)
    assert (out["family_name"], out["given_name"], out["patronymic"]) == ("Лук'Яненко", "Андріи", "Миколаівна")
    assert out["birth_date"] == "2012-03-05" and out["sex"] == "M" and out["destination"] == "2022-05-01"
    rec.update(origin_settlement="м. Маріуполь", origin_institution="дитбудинок, Маріуполь")
    out = clean(read_line(export_line("WF00002", rec)))
    assert out["origin_institution"] == "дитбудинок" and out["removal_date"] == "" and out["destination"] == "2022-05-01"
    rec.update(origin_institution="")
    out = clean(read_line(export_line("WF00003", rec)))
    assert out["removal_date"] == "2022-05-01" and out["destination"] == "Росія"  # only the region lost
    assert clean_name("АРТЁМ") == "Артем" and clean_name("Олійник") == "Оліиник"
    assert clean_name("В'ячеславович") == "В'Ячеславович" and clean_name("Коваленко") == "Коваленко"
    assert clean({**out, "sex": "Маріуполь", "birth_date": "Ч"})["sex"] == ""


def test_groups_helpers() -> None:
    assert year_from_class(5, 2022) == "2012" and year_from_class(1, 2022) == "2016"
    assert year_from_class(0, 2022) == "" and year_from_class(12, 2022) == ""
    assert school_year(dt.date(2022, 9, 1)) == 2022 and school_year(dt.date(2023, 6, 30)) == 2022
    h1 = {"origin_settlement": "г. Горловка", "origin_institution": "", "removal_date": "2022-10-01",
          "destination": "Ростовская обл."}
    h2 = {**h1, "origin_settlement": "г. Херсон", "removal_date": "2022-11-01"}
    empty = dict.fromkeys(h1, "")
    assert flatten([h1, None, h2, None, None]) == [h1, h1, h2, h2, h2]
    assert flatten([None, h1]) == [empty, h1]


def test_school_class_and_applicant(data: ProfileData) -> None:
    wrong = []
    for c in data.population.children:
        y = 2022
        k = school_class(c, y)
        if not 1 <= k <= 11:
            continue
        off = int(year_from_class(k, y)) - c.birth.year
        autumn = (c.birth.month, c.birth.day) > (9, 1)
        assert off in ((1, 2) if autumn else (0, 1))  # late entry adds one
        wrong.append(off > 0)
    assert 0.37 < np.mean(wrong) < 0.5  # 1 - (1 - 0.33) * (1 - 0.15) = 0.43
    c = data.population.children[0]
    for lang in ("uk", "ru"):
        family, given, patronymic = applicant_name(c, lang)
        assert applicant_name(c, lang) == (family, given, patronymic)  # fixed per family
        assert given in {m[0 if lang == "uk" else 1] for m in (*MOTHERS, *GRANDMOTHERS)}
        assert family == lexicon.surname_form(lexicon.SURNAMES[c.surname], "F", lang)
        assert patronymic.endswith(("івна", "ївна", "овна", "евна", "ична"))


# ---------------------------------------------------------------- camp group lists (flattened)


def test_groups_sheets_headers_and_fill_down(data: ProfileData) -> None:
    frame, t = data.list_with_truth("occ_trip_groups")
    pop = data.population
    children = [pop.children[c] for c in t["child"]]
    sheet = [places.SETTLEMENTS[c.origin].oblast for c in children]
    assert [SHEETS.index(s) for s in sheet] == sorted(SHEETS.index(s) for s in sheet)  # one sheet after another
    expected_ids, seen = [], dict.fromkeys(SHEETS, 0)
    for s in sheet:
        seen[s] += 1
        expected_ids.append(f"TG{s}-{seen[s]:04d}")
    assert frame["record_id"].tolist() == expected_ids
    assert (frame["sex"] == "").all()
    keys = [group_key(c) for c in children]
    lost, wrong_place = [], []
    start = 0
    for s in SHEETS:  # the groups of a sheet one after another, by departure; their headers filled down
        rows = [r for r, x in enumerate(sheet) if x == s]
        order = list(dict.fromkeys(keys[r] for r in rows))
        assert order == sorted(order)
        members = {k: [children[r] for r in rows if keys[r] == k] for k in order}
        filled = flatten([None if header_lost(SEED, k) else group_header(pop, k, members[k]) for k in order])
        for k, header in zip(order, filled, strict=True):
            mine = [r for r in rows if keys[r] == k]
            assert mine == list(range(mine[0], mine[0] + len(mine)))  # a group's rows together
            names = [(frame["family_name"][r].casefold(), frame["given_name"][r].casefold()) for r in mine]
            assert names == sorted(names)
            for r in mine:
                got = {f: frame[f][r] for f in header}
                if got["removal_date"] == "" and header["removal_date"]:  # blanked: before the birth
                    got["removal_date"] = header["removal_date"]
                assert got == header
            lost.append(header_lost(SEED, k))
            wrong_place += [frame["origin_settlement"][r] != group_header(pop, k, members[k])["origin_settlement"]
                            for r in mine]
        start += len(rows)
    assert start == len(frame) and len(lost) > 60
    assert within_binomial(float(np.mean(lost)), HEADER_LOST, len(lost))
    assert 0.04 < np.mean(wrong_place) < 0.2  # records under another group's town (or none)


def test_groups_classes_instead_of_birth_dates(data: ProfileData) -> None:
    frame, t = data.list_with_truth("occ_trip_groups")
    pop = data.population
    by_group: dict[tuple[dt.date, int, int], bool] = {}
    off, blank = [], []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[c_id]
        k = group_key(c)
        by_group[k] = class_only(SEED, k)
        b = frame["birth_date"][r]
        if by_group[k]:
            y = school_year(k[0])
            assert b == year_from_class(school_class(c, y), y)
            if b:
                off.append(int(b) - c.birth.year)
            else:
                blank.append(not 8 < age_at(c.birth, k[0]) < 16)
        else:
            assert b == "" or len(b) == 10
    assert within_binomial(float(np.mean(list(by_group.values()))), CLASS_ONLY, len(by_group))
    assert set(off) <= {0, 1, 2} and len(off) > 100
    assert 0.3 < np.mean([o > 0 for o in off]) < 0.56  # the year late for about four in ten
    assert all(blank) and blank  # no class: pre-school or past class 11


# ---------------------------------------------------------------- web form, unquoted CSV export


def _region_labels() -> set[str]:
    oblasts = {ob[k] for ob in places.OBLASTS.values() for k in ("uk", "ru")}
    raions = {places.raion(i, lang) for i, s in enumerate(places.SETTLEMENTS) for lang in ("uk", "ru")}
    return oblasts | raions


def test_webform_shifted_columns(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_webform_csv")
    assert frame["birth_date"].str.fullmatch(f"({ISO_DAY})?").all()
    assert frame["removal_date"].str.fullmatch(f"({ISO_DAY})?").all()
    assert frame["sex"].isin(["M", "F", ""]).all() and (frame["sex"] != "").mean() > 0.9
    assert not frame["destination"].str.contains(",").any()  # a region after a comma is always lost
    region = frame["origin_institution"].isin(_region_labels()).to_numpy()
    dest_date = frame["destination"].str.fullmatch(ISO_DAY).to_numpy()
    assert (frame["removal_date"][region] == "").all()  # the institution's text (or nothing) there
    towns = {s.uk for s in places.SETTLEMENTS}  # two commas: the institution's town two columns right
    assert (frame["destination"][region].str.fullmatch(f"({ISO_DAY})?") | frame["destination"][region].isin(towns)).all()
    # settlement typed with ", oblast" or ", raion": prefix share 0.35 of the 0.96 typed at all
    assert within_binomial(float(region.mean()), 0.35 * 0.96, len(frame))
    # a removal date in the destination column: a shifted settlement or institution with one
    assert dest_date[~region].mean() < 0.1 and dest_date[region].mean() > 0.4
    assert frame["destination"][~region & ~dest_date].isin(["Росія", "Білорусь", ""]).all()


def test_webform_institution_town(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_webform_csv")
    pop = big.population
    forms = []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[c_id]
        inst = frame["origin_institution"][r]
        if c.institution < 0 or not inst or inst in _region_labels():
            continue
        names = {places.institution_name(pop.institutions[c.institution], f) for f in ("uk", "uk_short")}
        assert inst in names  # typed without its town, or its town moved to the next column
        shifted = frame["destination"][r] not in ("Росія", "Білорусь")  # not the form's country
        assert not shifted or frame["removal_date"][r] == ""  # the town there, blanked
        forms.append(shifted)
    assert len(forms) > 80
    assert within_binomial(float(np.mean(forms)), INSTITUTION_TOWN, len(forms))  # the institution's town after a comma


def test_webform_cleaning_and_applicants(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_webform_csv")
    pop = big.population
    cells = frame[list(NAMES)].to_numpy().ravel()
    assert not any(ch in v for v in cells for ch in "йїёЙЇЁ")  # decomposed, marks dropped
    assert all(v.istitle() for v in cells if v)  # str.title: a capital after an apostrophe too
    assert any("'" in v or "’" in v for v in cells)
    women = {clean_name(m[i]) for m in (*MOTHERS, *GRANDMOTHERS) for i in (0, 1)}
    own, applicant = 0, []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[c_id]
        g = lexicon.GIVEN[c.given]
        given = frame["given_name"][r]
        if given in {clean_name(g.uk), clean_name(g.ru)}:
            own += 1
        elif given in women:
            forms = {tuple(clean_name(x) for x in applicant_name(c, lang)) for lang in ("uk", "ru")}
            names = (frame["family_name"][r], given, frame["patronymic"][r])
            applicant.append(names in forms)
    assert own > 0.85 * len(frame)
    assert np.mean(applicant) > 0.95  # the relative's own name, as applicant_name gives it
    assert within_binomial(len(applicant) / len(frame), APPLICANT_NAME, len(frame))
    ids = frame["record_id"].tolist()
    assert ids == [f"WF{r + 1:05d}" for r in range(len(frame))]
    firsts = [submission_date(pop.children[c]) for c, k in zip(t["child"], t["kind"], strict=True) if k != "duplicate"]
    assert firsts == sorted(firsts)  # in order of submission


# ---------------------------------------------------------------- returns register (MRZ)


def test_returns_mrz_records(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_return_mrz")
    pop = big.population
    children = [pop.children[c] for c in t["child"]]
    crossing = [crossing_date(c) for c, k in zip(children, t["kind"], strict=True) if k != "duplicate"]
    assert crossing == sorted(crossing)
    assert frame["record_id"].tolist() == [f"RC{r + 1:05d}" for r in range(len(frame))]
    latin = (frame["family_name"].str.fullmatch("[A-Z ]+") & frame["given_name"].str.fullmatch("[A-Z ]*")).to_numpy()
    mrz = np.array([holds_passport(c) and not new for c, new in zip(children, t["new_identity"], strict=True)])
    assert (latin == mrz).all()  # read from the MRZ exactly when the child showed a Ukrainian passport
    assert (frame["patronymic"][latin] == "").all()
    assert all(frame["birth_date"][r] == children[r].birth.isoformat() and frame["sex"][r] == children[r].sex
               for r in np.flatnonzero(latin))
    changed, expected = [], []
    for r in np.flatnonzero(latin):
        c = children[r]
        field = mrz_name_field(lexicon.surname_form(lexicon.SURNAMES[c.surname], c.sex, "uk"),
                               lexicon.GIVEN[c.given].uk)
        got = (frame["family_name"][r], frame["given_name"][r])
        changed.append(got != parse_mrz_name(field))
        expected.append(MRZ_POOR * (1 - (1 - FILLER_AS_K) ** field.count("<")))
        if changed[-1]:  # stray K's: what is left once they go is the name in the field
            family, given = parse_mrz_name(field)
            letters = "".join(got).replace(" ", "")
            assert letters.replace("K", "") == (family + given).replace(" ", "").replace("K", "")
    assert len(changed) > 400
    assert within_binomial(float(np.mean(changed)), float(np.mean(expected)), len(changed))
    cyr = ~latin
    assert frame["family_name"][cyr].map(lambda v: any("\u0400" <= ch <= "\u04ff" for ch in v)).mean() > 0.95


def test_returns_passport_shares(big: ProfileData) -> None:
    _, t = big.list_with_truth("ua_return_mrz")
    pop = big.population
    seen: dict[int, Child] = {c: pop.children[c] for c in t["child"]}
    lo = 0
    for bound, share in PASSPORT:
        band = [c for c in seen.values() if c.doc_lang == "uk" and lo <= age_at(c.birth, c.removal) < bound]
        held = float(np.mean([holds_passport(c) for c in band]))
        assert len(band) > 100 and within_binomial(held, share, len(band))
        lo = bound
    assert not any(holds_passport(c) for c in seen.values() if c.doc_lang == "ru")
    fam = np.mean([c.mode != "institution" for c in seen.values()])
    assert fam > np.mean([c.mode != "institution" for c in pop.children])  # families more than institutions
