"""The twenty-fourth held-out profile ``heldout_releases_volsheets_116000`` (``tests/harness/heldout24.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries and made-up values, not records.

Shares are checked within four binomial standard deviations of their constant (the data
are seeded, so a check either always passes or always fails; four deviations leave room
for the draws of one seed while still catching a constant applied twice or not at all).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tests.harness as harness_pkg
from estimators.linkage import read_lists
from estimators.linkage.schema import validate_list
from tests.harness import heldout24, lexicon, places, write_profile
from tests.harness.heldout24 import (
    AGE_GIVEN,
    ALPHABETICAL,
    CASES,
    DOUBLE_AFTER_FAMILY,
    DOUBLE_SPACE,
    FATHER_GIVEN,
    FATHER_RU,
    FIO_VOLUNTEERS,
    KIN_ONLY,
    KIN_ORDER,
    KIN_WORDS,
    LEADING_SPACE,
    N_VOLUNTEERS,
    PSEUDONYM,
    PSEUDONYM_DIM,
    RELEASES,
    RUSSIAN_FATHER,
    SORTED_FROM,
    SORTED_UNTIL,
    SWAPPED_VOLUNTEERS,
    UK_MONTHS,
    VOLUNTEERS,
    age_given,
    case_record,
    entered_on,
    father_form,
    father_given,
    fio_cell,
    generated_patronymic,
    kin_family,
    kin_record,
    kin_word,
    month_as_stored,
    named_index,
    opened_on,
    pseudonym,
    pseudonymised,
    release_on,
    release_record,
    sorted_list,
    spacing,
    stored_date,
    text_to_columns,
    volunteer_habit,
    volunteer_of,
    volunteer_record,
)
from tests.harness.lists import SCHEMA
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData, build

N = 2000
SEED = 0
LISTS = (RELEASES, VOLUNTEERS, CASES)
COLUMNS = SCHEMA[1:]
NAMES = ("family_name", "given_name", "patronymic")
ALL_KIN = {w for words in KIN_WORDS.values() for w in words}
_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout24.generate_heldout24(N, SEED)


@pytest.fixture(scope="module")
def base() -> ProfileData:
    """The lists as :func:`.profiles.build` renders them, before each source's rewriting."""
    return build(heldout24.heldout24_spec(), N, SEED)


def _same(a: object, b: object) -> bool:
    """``a == b`` as a boolean (a failing assert then shows no record)."""
    return bool(a == b)


def _row(frame: pd.DataFrame, r: int) -> dict[str, str]:
    return {k: str(frame[k][r]) for k in COLUMNS}


def _families(children: list[Child]) -> dict[int, list[Child]]:
    out: dict[int, list[Child]] = {}
    for c in children:
        out.setdefault(c.family, []).append(c)
    return out


def _base_rows(base: ProfileData, name: str) -> dict[tuple[int, bool], dict[str, str]]:
    """(child, a duplicate) -> the child's row as rendered before the rewriting."""
    frame, t = base.list_with_truth(name)
    out = {
        (int(c), k == "duplicate"): _row(frame, r) for r, (c, k) in enumerate(zip(t["child"], t["kind"], strict=True))
    }
    assert len(out) == len(frame)  # at most one record and one duplicate of a child
    return out


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout24.NAME == "heldout_releases_volsheets_116000"
    assert tuple(s.name for s in heldout24.heldout24_spec().lists) == LISTS
    assert heldout24.heldout24_spec().output_order == LISTS
    doc = heldout24.__doc__ or ""
    assert doc.startswith(
        "TWENTY-FOURTH HELD-OUT error profile ``heldout_releases_volsheets_116000``: NEVER use it for tuning."
    )
    assert "heldout_karpatalja_istanbul_hotline" in doc  # the profile it is to replace once that one has run
    assert "HELD OUT (24th)" in heldout24.heldout24_spec().description


def test_run_once() -> None:
    """It was run once (at the end of the session that wrote heldout25): the module, the harness and
    the bench script say so, and the bench script runs it only when asked (``--heldout24``)."""
    doc = " ".join((heldout24.__doc__ or "").split())
    assert "was run ONCE (2026-12-07" in doc and "has NOT been run yet" not in doc
    assert (
        "It replaces :mod:`.heldout23` (``heldout_karpatalja_istanbul_hotline``) as the profile kept "
        "out of tuning, since that one was run" in doc
    )
    assert "Its author wrote it without reading the linkage model" in doc
    init_doc = " ".join((harness_pkg.__doc__ or "").split())
    after = init_doc.split("(``heldout_releases_volsheets_116000``)")[1].strip()
    assert after.startswith("replaced it as the profile kept out of tuning and has been run once")
    assert (
        "``--heldout23``, ``--heldout24``, ``--heldout25``, ``--heldout26``, ``--heldout27``, ``--heldout28``, "
        "``--heldout29``, ``--heldout30`` and ``--heldout31`` add the"
        in init_doc
    )
    bench = (_ROOT / "bench" / "linkage_harness.py").read_text(encoding="utf-8")
    assert '"heldout24": (HELDOUT24, generate_heldout24, "twenty-fourth ")' in bench
    assert 'ap.add_argument(f"--{flag}", action="store_true"' in bench  # off unless asked
    note = " ".join(bench.split("``heldout_releases_volsheets_116000`` (``--heldout24``)")[1].split())
    assert note.startswith("replaced it as the profile kept out of tuning and has been run once")


def test_valid_input_for_the_linkage_reader(data: ProfileData, tmp_path: Path) -> None:
    """The lists pass the linkage's own input validation (reading only; nothing is linked)."""
    for name, frame in data.lists:
        assert tuple(frame.columns) == SCHEMA and frame["record_id"].is_unique
        assert all(isinstance(v, str) for v in frame.to_numpy().ravel())
        assert validate_list(frame, name=name).size == len(frame)
    raw = read_lists(write_profile(data, tmp_path, "csv"))
    assert [r.name for r in raw] == list(LISTS) and [r.size for r in raw] == [len(f) for _, f in data.lists]
    assert len(data.truth) == sum(len(f) for _, f in data.lists)


def test_truth_complete_and_consistent(data: ProfileData) -> None:
    """Every record has its child; one record per child and list apart from duplicates; the
    truth follows each list's file order."""
    assert "SYNTHETIC" in repr(data) and "SYNTHETIC" in repr(data.population)
    for li, (_, frame) in enumerate(data.lists):
        tl = data.truth[data.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl["child"].between(0, N - 1).all()
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
        assert set(tl["kind"]) <= {"own", "duplicate"}


# ---------------------------------------------------------------- helpers on made-up values and name-table entries


def test_text_to_columns_with_empty_columns() -> None:
    rec = {"family_name": "Коваленко", "given_name": "Марія", "patronymic": "Іванівна"}
    assert fio_cell(rec, "single") == "Коваленко Марія Іванівна"
    assert text_to_columns(fio_cell(rec, "single")) == ("Коваленко", "Марія", "Іванівна")
    assert text_to_columns(fio_cell(rec, "double_family")) == ("Коваленко", "", "Марія")
    assert text_to_columns(fio_cell(rec, "double_given")) == ("Коваленко", "Марія", "")
    assert text_to_columns(fio_cell(rec, "leading")) == ("", "Коваленко", "Марія")
    short = {**rec, "patronymic": ""}
    assert text_to_columns(fio_cell(short, "single")) == ("Коваленко", "Марія", "")
    assert text_to_columns(fio_cell(short, "double_given")) == ("Коваленко", "Марія", "")
    assert text_to_columns(fio_cell(short, "double_family")) == ("Коваленко", "", "Марія")
    assert text_to_columns("") == ("", "", "")
    assert heldout24.SPACINGS == ("single", "double_family", "double_given", "leading")


def test_generated_patronymics() -> None:
    regular = [f for f in lexicon.FATHERS if f.uk not in ("Микола", "Григорій", "Ілля", "Яків", "Федір")]
    for f in regular:  # the rule is right for the regular Ukrainian names
        assert generated_patronymic(f.uk, "M") == f.uk_m and generated_patronymic(f.uk, "F") == f.uk_f, f.uk
    assert [generated_patronymic(x, "M") for x in ("Микола", "Григорій", "Ілля", "Яків", "Федір")] == [
        "Миколович", "Григорійович", "Іллович", "Яківович", "Федірович",
    ]  # fmt: skip
    assert [generated_patronymic(x, "F") for x in ("Микола", "Григорій", "Ілля", "Яків", "Федір")] == [
        "Миколівна", "Григоріївна", "Іллівна", "Яківівна", "Федірівна",
    ]  # fmt: skip
    assert [generated_patronymic(x, "M") for x in ("Николай", "Дмитрий", "Павел", "Игорь", "Александр")] == [
        "Николайович", "Дмитрийович", "Павелович", "Игорьович", "Александрович",
    ]  # fmt: skip
    assert generated_patronymic("Сергей", "F") == "Сергеївна" and generated_patronymic("Пётр", "F") == "Пётрівна"
    assert generated_patronymic("Микола", "") == "Миколович"  # no sex entered: the masculine
    assert generated_patronymic("", "F") == ""
    assert set(FATHER_RU) == {f.uk for f in lexicon.FATHERS}
    assert all(FATHER_RU[f.uk] for f in lexicon.FATHERS)


def test_alphabetical_month_list() -> None:
    assert ALPHABETICAL == (
        "березень", "вересень", "грудень", "жовтень", "квітень", "липень",
        "листопад", "лютий", "серпень", "січень", "травень", "червень",
    )  # fmt: skip
    assert sorted(ALPHABETICAL) == sorted(UK_MONTHS)
    stored = [month_as_stored(m) for m in range(1, 13)]
    assert stored == [10, 8, 1, 5, 11, 12, 6, 9, 2, 4, 7, 3]
    assert sorted(stored) == list(range(1, 13)) and all(m != s for m, s in zip(range(1, 13), stored, strict=True))
    assert stored_date("2012-03-05") == "2012-01-05" and stored_date("2012-03") == "2012-01"
    assert stored_date("2012") == "2012" and stored_date("") == ""
    assert stored_date("2012-10-31") == ""  # October is stored as April: 31 April is no date
    assert stored_date("2011-09-29") == "" and stored_date("2012-09-29") == "2012-02-29"  # September as February
    assert sorted_list(SORTED_FROM) and not sorted_list(SORTED_UNTIL)
    assert not sorted_list(SORTED_FROM - dt.timedelta(days=1))


def test_kinship_words() -> None:
    families = _families(build(heldout24.heldout24_spec(), 300, 1).population.children)
    seen: Counter[str] = Counter()
    for seed in range(6):
        for fam in families.values():
            if len(fam) < 2:
                continue
            named = fam[0]
            for sib in fam[1:]:
                w = kin_word(seed, sib, named)
                seen[w] += 1
                assert w in KIN_WORDS[sib.sex]
                if w not in (KIN_WORDS[sib.sex][0], KIN_WORDS[sib.sex][3]):
                    assert (w == KIN_WORDS[sib.sex][1]) == (sib.birth > named.birth)  # younger than the named
                if w == KIN_WORDS[sib.sex][3]:
                    assert sib.birth == named.birth
    plain = seen["брат"] + seen["сестра"]
    total = sum(seen.values())
    assert within_binomial(1 - plain / total, KIN_ORDER, total, sds=4.0)


def test_habits_fixed_and_drawn_by_their_shares(data: ProfileData) -> None:
    kids = data.population.children[:600]
    seeds = range(4)
    draws = len(kids) * len(seeds)
    # per child (and record)
    for fn, share in ((age_given, AGE_GIVEN), (father_given, FATHER_GIVEN)):
        got = [fn(s, c, d) for s in seeds for c in kids for d in (False, True)]
        assert within_binomial(float(np.mean(got)), share, 2 * draws, sds=4.0), fn.__name__
    spaces = Counter(spacing(s, c, d) for s in seeds for c in kids for d in (False, True))
    total = sum(spaces.values())
    assert set(spaces) <= set(heldout24.SPACINGS)
    assert within_binomial(spaces["leading"] / total, LEADING_SPACE, total, sds=4.0)
    doubles = spaces["double_family"] + spaces["double_given"]
    assert within_binomial(doubles / total, DOUBLE_SPACE, total, sds=4.0)
    assert within_binomial(spaces["double_family"] / doubles, DOUBLE_AFTER_FAMILY, doubles, sds=4.0)
    # pseudonyms: of the child's sex, never its own name; diminutives by their share
    dims: list[bool] = []
    for s in seeds:
        for c in kids:
            p = pseudonym(s, c)
            forms = [g for g in lexicon.GIVEN if g.sex == c.sex and p in (g.ru, g.dim)]
            assert forms and p not in (lexicon.GIVEN[c.given].ru, lexicon.GIVEN[c.given].dim)
            if forms[0].dim and forms[0].dim != forms[0].ru:
                dims.append(p == forms[0].dim)
    assert within_binomial(float(np.mean(dims)), PSEUDONYM_DIM, len(dims), sds=5.0)
    # per family (the children of a family share it)
    fams = {(s, c.family): kin_family(s, c) for s in range(8) for c in data.population.children}
    assert all(kin_family(s, c) == fams[(s, c.family)] for s in range(2) for c in kids)
    assert within_binomial(float(np.mean(list(fams.values()))), KIN_ONLY, len(fams), sds=4.0)
    same_form = {f.uk for f in lexicon.FATHERS if FATHER_RU[f.uk] == f.uk}  # Роман, Максим ...: one form
    assert all(
        father_form(s, c) == father_form(s, fam[0]) for s in range(2) for fam in _families(kids).values() for c in fam
    )
    fams_ru = [
        father_form(s, c) == FATHER_RU[lexicon.FATHERS[c.father].uk]
        for s in range(8)
        for c in {c.family: c for c in kids}.values()
        if lexicon.FATHERS[c.father].uk not in same_form
    ]
    assert within_binomial(float(np.mean(fams_ru)), RUSSIAN_FATHER, len(fams_ru), sds=4.0)
    # per release (a removal group's release; a follow-up release per child)
    waves = {(s, c.wave): pseudonymised(s, c) for s in range(10) for c in data.population.children}
    assert all(pseudonymised(s, c) == waves[(s, c.wave)] for s in range(2) for c in kids)
    assert within_binomial(float(np.mean(list(waves.values()))), PSEUDONYM, len(waves), sds=4.0)
    follow = [pseudonymised(s, c, True) for s in seeds for c in kids]
    assert within_binomial(float(np.mean(follow)), PSEUDONYM, draws, sds=4.0)
    assert all(release_on(0, c) > c.removal and release_on(0, c, True) > release_on(0, c) for c in kids[:50])
    # per volunteer
    habits = [volunteer_habit(s, v) for s in range(300) for v in range(N_VOLUNTEERS)]
    assert within_binomial(float(np.mean([h[0] for h in habits])), FIO_VOLUNTEERS, len(habits), sds=4.0)
    assert within_binomial(float(np.mean([h[1] for h in habits])), SWAPPED_VOLUNTEERS, len(habits), sds=4.0)
    assert all(volunteer_of(s, c) == volunteer_of(s, c) for s in seeds for c in kids[:20])
    assert {volunteer_of(0, c) for c in kids} == set(range(N_VOLUNTEERS))


# ---------------------------------------------------------------- the commissioners' releases


def test_releases_pseudonyms_and_kinship_rows(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(RELEASES)
    pop = data.population
    before = _base_rows(base, RELEASES)
    assert frame["record_id"].tolist() == [f"UPR{r + 1:05d}" for r in range(len(frame))]
    # the expected rows: each as scraped from its release, then a family's siblings named by kinship
    expected = {key: release_record(SEED, pop.children[key[0]], rec, key[1]) for key, rec in before.items()}
    families: dict[int, list[int]] = {}
    for child_id, second in before:
        if not second:
            families.setdefault(pop.children[child_id].family, []).append(child_id)
    several = kin_fams = 0
    for kids in families.values():
        if len(kids) < 2:
            continue
        several += 1
        kids.sort()
        if not kin_family(SEED, pop.children[kids[0]]):
            continue
        kin_fams += 1
        named = pop.children[kids[named_index(SEED, pop.children[kids[0]], len(kids))]]
        for k in kids:
            if k != named.child_id:
                expected[(k, False)] = kin_record(
                    SEED, pop.children[k], before[(k, False)], named, expected[(named.child_id, False)]
                )
    assert several > 60 and within_binomial(kin_fams / several, KIN_ONLY, several, sds=4.0)
    days: list[dt.date] = []
    kin_rows = 0
    pseudo: dict[tuple[str, int], bool] = {}
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        row = _row(frame, r)
        assert _same(row, expected[(c.child_id, second)])
        day = release_on(SEED, c, second)
        days.append(day)
        assert row["removal_date"] == day.isoformat()
        shown = before[(c.child_id, second)]["birth_date"]  # the child's own record's full date
        assert row["birth_date"] == "" or int(row["birth_date"]) - int(shown[:4]) in (0, 1)  # a year from an age
        if row["given_name"] in ALL_KIN:
            kin_rows += 1
            assert not second and row["patronymic"] == "" and row["sex"] == c.sex
            sibs = [int(x) for x in t["child"] if pop.children[int(x)].family == c.family and int(x) != c.child_id]
            assert sibs  # a sibling of it is named in the list
            continue
        pseudo[("c", c.child_id) if second else ("w", c.wave)] = pseudonymised(SEED, c, second)
        if pseudonymised(SEED, c, second):
            assert row["family_name"] == "" and row["patronymic"] == ""
            assert row["given_name"] == pseudonym(SEED, c)
        else:
            assert _same({k: row[k] for k in NAMES}, {k: before[(c.child_id, second)][k] for k in NAMES})
    assert days == sorted(days)
    assert kin_rows > 30
    assert within_binomial(float(np.mean(list(pseudo.values()))), PSEUDONYM, len(pseudo), sds=4.0)
    assert all(places.DESTINATIONS[pop.children[int(c)].destination].country == "RU" for c in t["child"])


# ---------------------------------------------------------------- the volunteers' sheets merged


def test_volunteer_sheets_split_and_pasted(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(VOLUNTEERS)
    pop = data.population
    before = _base_rows(base, VOLUNTEERS)
    blocks = [int(rid.split("-")[0][1:]) for rid in frame["record_id"]]
    assert blocks == sorted(blocks) and frame["record_id"].str.fullmatch(r"V\d-\d{4}").all()
    habits = {v: volunteer_habit(SEED, v) for v in range(N_VOLUNTEERS)}
    assert any(h[0] for h in habits.values()) and any(h[1] for h in habits.values())
    spaces: Counter[str] = Counter()
    swapped_birth = 0
    last: tuple[int, dt.date] | None = None
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        typed = before[(c.child_id, second)]
        row = _row(frame, r)
        v = volunteer_of(SEED, c, second)
        assert blocks[r] == v + 1
        key = (v, entered_on(SEED, c, second))
        assert last is None or last <= key  # a volunteer's rows in the order she entered them
        last = key
        assert _same(row, volunteer_record(SEED, c, typed, second))
        fio, swapped = habits[v]
        if fio:
            how = spacing(SEED, c, second)
            spaces[how] += 1
            split = (row["family_name"], row["given_name"], row["patronymic"])
            if how == "leading":
                assert split == ("", typed["family_name"], typed["given_name"])
            elif how == "double_family":
                assert split == (typed["family_name"], "", typed["given_name"])
            elif how == "double_given":
                assert split == (typed["family_name"], typed["given_name"], "")
            else:
                assert _same(split, tuple(typed[k] for k in NAMES))
        else:
            assert _same({k: row[k] for k in NAMES}, {k: typed[k] for k in NAMES})
        if swapped:
            assert row["birth_date"] == typed["removal_date"]
            swapped_birth += bool(row["birth_date"])
        else:
            assert row["birth_date"] == typed["birth_date"]
        for col in ("sex", "origin_settlement", "origin_institution", "destination"):
            assert _same(row[col], typed[col])
    total = sum(spaces.values())
    assert total > 200
    assert within_binomial(spaces["leading"] / total, LEADING_SPACE, total, sds=4.0)
    doubles = spaces["double_family"] + spaces["double_given"]
    assert within_binomial(doubles / total, DOUBLE_SPACE, total, sds=4.0)
    assert swapped_birth > 50  # a removal date (or month) in the birth-date column


# ---------------------------------------------------------------- the 116 000 hotline's cases


def test_cases_patronymics_and_stored_months(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(CASES)
    pop = data.population
    before = _base_rows(base, CASES)
    days: list[dt.date] = []
    given: list[bool] = []
    wrong_form = 0
    permuted = kept = 0
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        typed = before[(c.child_id, second)]
        row = _row(frame, r)
        assert _same(row, case_record(SEED, c, typed, second))
        day = opened_on(SEED, c, second)
        days.append(day)
        assert frame["record_id"][r].startswith(f"UA116-{day.year}-")
        given.append(row["patronymic"] != "")
        if row["patronymic"]:
            assert row["patronymic"] == generated_patronymic(father_form(SEED, c), typed["sex"])
            f = lexicon.FATHERS[c.father]
            wrong_form += row["patronymic"] not in (f.uk_m, f.uk_f, f.ru_m, f.ru_f)
        b = typed["birth_date"]
        if sorted_list(day) and len(b) >= 7:  # a month chosen from the alphabetical list
            assert row["birth_date"] in (stored_date(b), "")
            permuted += row["birth_date"] != ""
            if row["birth_date"]:
                assert int(row["birth_date"][5:7]) == month_as_stored(int(b[5:7])) != int(b[5:7])
                assert row["birth_date"][:4] == b[:4] and row["birth_date"][7:] == b[7:]
        else:
            assert _same(row["birth_date"], b)
            kept += len(b) >= 7
        for col in ("family_name", "given_name", "sex", "origin_settlement", "origin_institution", "destination"):
            assert _same(row[col], typed[col])
    assert days == sorted(days)
    years = [rid.split("-")[1] for rid in frame["record_id"]]
    for y in set(years):
        ids = [rid for rid in frame["record_id"] if rid.split("-")[1] == y]
        assert ids == [f"UA116-{y}-{k + 1:05d}" for k in range(len(ids))]
    assert within_binomial(float(np.mean(given)), FATHER_GIVEN, len(given), sds=4.0)
    assert wrong_form > 30  # irregular and Russian fathers' names: not a real patronymic
    assert permuted > 50 and kept > 200


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout24.generate_heldout24(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout24.generate_heldout24(N, SEED + 1)
    assert not any(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert not data.truth.equals(other.truth)
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
    c = data.population.children[0]
    assert pseudonym(SEED, c) == pseudonym(SEED, c) and spacing(SEED, c) == spacing(SEED, c)
    assert opened_on(SEED, c, True) == opened_on(SEED, c, True) and father_form(SEED, c) == father_form(SEED, c)


@pytest.mark.parametrize("n", [300, 1000])
def test_small_populations(n: int) -> None:
    d = heldout24.generate_heldout24(n, 5)
    assert len(d.population.children) == n and d.list_names == LISTS
    assert all(len(f) > 0 for _, f in d.lists)
    for li, (name, frame) in enumerate(d.lists):
        assert validate_list(frame, name=name).size == len(frame)
        tl = d.truth[d.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
