"""The thirty-first held-out profile ``heldout_protocols_rehab_interpol`` (``tests/harness/heldout31.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are made-up values, not records.

Shares are checked within four binomial standard deviations of their constant (the data
are seeded, so a check either always passes or always fails; four deviations leave room
for the draws of one seed while still catching a constant applied twice or not at all).
Habits drawn per unit (a competition, a caseworker) are checked over many units drawn
directly, where the profile has too few of them for a tight check.  Every row is checked
against the record its source's process gives for the child's rendered record, and the
consequences (a year one early, a date read as another) against arithmetic of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tests.harness as harness_pkg
from estimators.linkage import read_lists
from estimators.linkage.schema import validate_list
from tests.harness import heldout31, lexicon, places, write_profile
from tests.harness.heldout31 import (
    BAND_PROTOCOLS,
    BY_SOUND,
    CAPS_PROTOCOLS,
    CONTACT_LAG,
    FORENAME_PATRONYMIC,
    FOSTER_SURNAME,
    INTERPOL,
    LAST_SEEN_ABROAD,
    LOST_CONTACT,
    MIN_AGE,
    MONTH_PROTOCOLS,
    N_CENTRES,
    NO_ZEROS,
    PROTOCOLS,
    REHAB,
    band_year,
    by_sound,
    competed_on,
    competition_of,
    foster_surname,
    lost_contact_on,
    notice_habit,
    protocol_habit,
    read_digits,
    ru_by_sound,
    typed_digits,
    uses_foster_surname,
    worker_habit,
    worker_of,
)
from tests.harness.lists import SCHEMA
from tests.harness.metrics import within_binomial
from tests.harness.noise import age_at
from tests.harness.population import Child
from tests.harness.profiles import ProfileData, build

N = 2000
SEED = 0
LISTS = (PROTOCOLS, REHAB, INTERPOL)
COLUMNS = SCHEMA[1:]
INIT_SENTENCE = (
    ":mod:`.heldout31` (``heldout_protocols_rehab_interpol``) is written for later use, as the profile kept "
    "out of tuning after the thirtieth; it has NOT been run yet."
)
BENCH_SENTENCE = (
    "``heldout_protocols_rehab_interpol`` (``--heldout31``) is written for later use, as the profile kept out "
    "of tuning after the thirtieth; it has NOT been run yet: run it ONCE, at the end of the session that next "
    'changes the model after the thirtieth is run (``--profiles "" --heldout31`` runs it alone; not a default '
    "profile)."
)
_ROOT = Path(__file__).resolve().parents[1]
_RUSSIAN_ONLY = set("ыэъёЫЭЪЁ")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout31.generate_heldout31(N, SEED)


@pytest.fixture(scope="module")
def base() -> ProfileData:
    """The lists as :func:`.profiles.build` renders them, before each source's rewriting."""
    return build(heldout31.heldout31_spec(), N, SEED)


def _same(a: object, b: object) -> bool:
    """``a == b`` as a boolean (a failing assert then shows no record)."""
    return bool(a == b)


def _row(frame: pd.DataFrame, r: int) -> dict[str, str]:
    return {k: str(frame[k][r]) for k in COLUMNS}


def _base_rows(
    base: ProfileData, name: str
) -> tuple[dict[tuple[int, bool], dict[str, str]], dict[tuple[int, bool], bool]]:
    """(child, a second record) -> the child's row as rendered before the rewriting, and
    whether that row shows the identity given in Russia."""
    frame, t = base.list_with_truth(name)
    out, shown = {}, {}
    for r, (c, k, s) in enumerate(zip(t["child"], t["kind"], t["new_identity"], strict=True)):
        out[(int(c), k == "duplicate")] = _row(frame, r)
        shown[(int(c), k == "duplicate")] = bool(s)
    assert len(out) == len(frame)  # at most one record and one duplicate of a child
    return out, shown


def _rows(data: ProfileData, name: str) -> list[tuple[Child, str, dict[str, str], str]]:
    """(child, kind, row, record id) of every row of list ``name``, file order."""
    frame, t = data.list_with_truth(name)
    kids = data.population.children
    return [
        (kids[int(c)], str(k), _row(frame, r), str(frame["record_id"][r]))
        for r, (c, k) in enumerate(zip(t["child"], t["kind"], strict=True))
    ]


# ---------------------------------------------------------------- registration


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout31.NAME == "heldout_protocols_rehab_interpol"
    assert tuple(s.name for s in heldout31.heldout31_spec().lists) == LISTS
    assert heldout31.heldout31_spec().output_order == LISTS
    doc = heldout31.__doc__ or ""
    assert doc.startswith(
        "THIRTY-FIRST HELD-OUT error profile ``heldout_protocols_rehab_interpol``: NEVER use it for tuning."
    )
    assert "HELD OUT (31st)" in heldout31.heldout31_spec().description


def test_not_run_yet() -> None:
    """Written for later use, after the thirtieth: the module, the harness and the bench script say
    it has not been run, the bench script runs it only when asked (``--heldout31``), and the
    true-coverage bench does not generate it."""
    doc = " ".join((heldout31.__doc__ or "").split())
    first = " ".join((heldout31.__doc__ or "").split("\n\n")[1].split())  # the status paragraph
    assert "It has NOT been run yet" in first and "thirtieth" in first
    assert "it is to be run ONCE, at the end of the session that next changes the model" in first
    assert "NEVER use it for tuning" in doc and "It was run ONCE" not in doc
    assert "Its author wrote it without reading the linkage model" in doc
    init_doc = " ".join((harness_pkg.__doc__ or "").split())
    assert INIT_SENTENCE in init_doc
    assert "``--heldout30`` and ``--heldout31`` add the held-out ones" in init_doc
    bench = (_ROOT / "bench" / "linkage_harness.py").read_text(encoding="utf-8")
    assert BENCH_SENTENCE in " ".join(bench.split())
    assert '"heldout31": (HELDOUT31, generate_heldout31, "thirty-first ")' in bench
    assert bench.index('"heldout29": (HELDOUT29') < bench.index('"heldout31": (HELDOUT31')
    assert "[--heldout31]" in bench
    assert 'ap.add_argument(f"--{flag}", action="store_true"' in bench  # off unless asked
    assert 'ap.add_argument("--profiles", default=",".join(TUNING)' in bench  # the default: tuning only
    coverage = (_ROOT / "bench" / "harness_true_coverage.py").read_text(encoding="utf-8")
    not_run = re.search(r"^NOT_RUN = \((.*)\)$", coverage, re.M)
    assert not_run is not None and '"heldout31"' in not_run.group(1)


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
    assert all("SYNTHETIC" in repr(c) for c in data.population.children[:5])
    for li, (_, frame) in enumerate(data.lists):
        tl = data.truth[data.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl["child"].between(0, N - 1).all()
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
        assert set(tl["kind"]) <= {"own", "duplicate"}
    assert all(len(f) > 300 for _, f in data.lists)


# ---------------------------------------------------------------- helpers on made-up values


def test_russian_names_by_sound() -> None:
    assert ru_by_sound("Кирилл") == "Кірілл"
    assert ru_by_sound("Дмитрий") == "Дмітрій"
    assert ru_by_sound("Екатерина") == "Єкатеріна"
    assert ru_by_sound("Артём") == "Артьом"
    assert ru_by_sound("Дарья") == "Дар'я"
    assert ru_by_sound("Юрьевич") == "Юр'євіч"
    assert ru_by_sound("Алексеевна") == "Алексеєвна"
    assert ru_by_sound("Цыганков") == "Циганков"
    assert ru_by_sound("Жилин") == "Жилін"  # и kept after a hushing consonant
    assert ru_by_sound("Эдуард") == "Едуард"
    assert ru_by_sound("Ёлкин") == "Йолкін"
    assert ru_by_sound("Наталья") == "Наталья"  # the soft sign kept after л
    assert ru_by_sound("ОЛЕЙНИК") == "ОЛЕЙНІК"
    assert ru_by_sound("Максим") == "Максім" and ru_by_sound("Анна") == "Анна"


def test_digits_typed_and_read_back() -> None:
    day = dt.date
    assert typed_digits(day(2012, 6, 5), True) == "5062012" and read_digits("5062012") == "2012-06-05"
    assert typed_digits(day(2012, 11, 25), True) == "25112012" and read_digits("25112012") == "2012-11-25"
    assert typed_digits(day(2012, 2, 11), False) == "1122012" and read_digits("1122012") == "2012-12-01"
    assert typed_digits(day(2012, 5, 20), False) == "2052012" and read_digits("2052012") == "2012-05-02"
    assert typed_digits(day(2012, 3, 15), False) == "1532012" and read_digits("1532012") == ""
    assert typed_digits(day(2012, 3, 5), False) == "532012" and read_digits("532012") == "2012-03-05"
    assert typed_digits(day(2012, 12, 5), False) == "5122012" and read_digits("5122012") == "2012-12-05"
    assert read_digits("123") == "" and read_digits("") == ""
    # every date typed with its zeros comes back; without them, exactly those with a
    # two-digit day and a one-digit month do not
    d = day(2008, 1, 1)
    while d < day(2013, 1, 1):
        assert read_digits(typed_digits(d, True)) == d.isoformat()
        back = read_digits(typed_digits(d, False))
        assert (back == d.isoformat()) == (d.day < 10 or d.month >= 10)
        d += dt.timedelta(days=1)


def test_age_bands() -> None:
    assert band_year(2010) == 2010 and band_year(2011) == 2010 and band_year(2013) == 2012


def test_habits_fixed_and_drawn_by_their_shares(data: ProfileData) -> None:
    units = range(3000)
    habits = [protocol_habit(SEED, u) for u in units]
    assert habits == [protocol_habit(SEED, u) for u in units]
    for k, share in enumerate((BAND_PROTOCOLS, CAPS_PROTOCOLS, MONTH_PROTOCOLS)):
        assert within_binomial(float(np.mean([h[k] for h in habits])), share, len(habits), sds=4.0)
    workers = [worker_habit(SEED, w) for w in units]
    assert within_binomial(float(np.mean(workers)), NO_ZEROS, len(workers), sds=4.0)
    kids = data.population.children
    placed = [c for c in kids if c.placed]
    assert len(placed) > 150
    assert within_binomial(
        float(np.mean([uses_foster_surname(SEED, c) for c in placed])), FOSTER_SURNAME, len(placed), sds=4.0
    )
    assert not any(uses_foster_surname(SEED, c) for c in kids if not c.placed)
    assert within_binomial(float(np.mean([by_sound(SEED, c) for c in kids])), BY_SOUND, len(kids), sds=4.0)
    notices = [notice_habit(SEED, c) for c in kids]
    for k, share in enumerate((FORENAME_PATRONYMIC, LAST_SEEN_ABROAD, LOST_CONTACT)):
        assert within_binomial(float(np.mean([h[k] for h in notices])), share, len(notices), sds=4.0)
    # a family's children compete first on one day and are taken in by one caseworker
    fam: dict[int, set[tuple[dt.date, int]]] = {}
    for c in kids:
        fam.setdefault(c.family, set()).add((competed_on(SEED, c), worker_of(SEED, c)))
    assert all(len(v) == 1 for v in fam.values())
    # foster surnames fixed per family (the re-registered one where there is one)
    for c in placed:
        s = foster_surname(SEED, c)
        assert s in lexicon.SURNAMES
        if c.new_identity is not None:
            assert s == lexicon.SURNAMES[c.new_identity.surname]


# ---------------------------------------------------------------- the lists


def test_sport_protocols(data: ProfileData, base: ProfileData) -> None:
    rendered, shown = _base_rows(base, PROTOCOLS)
    rows = _rows(data, PROTOCOLS)
    expected = sum(
        1
        for (cid, second) in rendered
        if age_at(data.population.children[cid].birth, competed_on(SEED, data.population.children[cid], second))
        >= MIN_AGE
    )
    assert len(rows) == expected  # the rows of children too young that day dropped, no other
    comps: dict[int, bool] = {}
    odd, early, foster_rows, foster_used, caps_rows = 0, 0, 0, 0, 0
    for c, kind, row, rid in rows:
        assert places.DESTINATIONS[c.destination].country == "RU"  # children sent to Russia only
        second = kind == "duplicate" or age_at(c.birth, competed_on(SEED, c)) < MIN_AGE
        day = competed_on(SEED, c, second)
        assert age_at(c.birth, day) >= MIN_AGE
        src, was_shown = rendered[(c.child_id, second)], shown[(c.child_id, second)]
        comp = competition_of(c, day)
        bands, caps, month = protocol_habit(SEED, comp)
        comps[comp] = bands
        assert row["patronymic"] == ""
        year = int(src["birth_date"][:4])
        assert _same(row["birth_date"], str(band_year(year) if bands else year))
        if year % 2:
            odd += 1
            early += int(row["birth_date"] != str(year))
        assert _same(row["removal_date"], day.isoformat()[: 7 if month else 10])
        assert rid.startswith("SP" + day.strftime("%Y%m") + "-")
        if not was_shown and c.placed:
            foster_rows += 1
            if uses_foster_surname(SEED, c):
                foster_used += 1
                family = lexicon.surname_form(foster_surname(SEED, c), c.sex, "ru")
            else:
                family = src["family_name"]
        else:
            family = src["family_name"]
        assert _same(row["family_name"], family.upper() if caps else family)
        caps_rows += int(caps)
        for k in ("given_name", "sex", "origin_settlement", "origin_institution", "destination"):
            assert _same(row[k], src[k])
    # the rows in the order of the protocols' dates
    days = [
        competed_on(SEED, c, kind == "duplicate" or age_at(c.birth, competed_on(SEED, c)) < MIN_AGE)
        for c, kind, _, _ in rows
    ]
    assert days == sorted(days)
    assert within_binomial(float(np.mean(list(comps.values()))), BAND_PROTOCOLS, len(comps), sds=4.0)
    assert odd > 100 and 0 < early < odd
    assert foster_rows > 40 and within_binomial(foster_used / foster_rows, FOSTER_SURNAME, foster_rows, sds=5.0)
    assert 0 < caps_rows < len(rows)


def _misread(value: str, no_zeros: bool) -> str:
    """A partial ISO date as the sheet gives it back, by arithmetic of its own: a full date with a
    two-digit day d1d2 and a one-digit month m typed without zeros comes back as day d1 of month
    d2m, or as no date when that is none."""
    if len(value) != 10 or not no_zeros:
        return value
    d = dt.date.fromisoformat(value)
    if d.day < 10 or d.month >= 10:
        return value
    month = (d.day % 10) * 10 + d.month
    try:
        return dt.date(d.year, month, d.day // 10).isoformat()
    except ValueError:
        return ""


def test_rehab_intake(data: ProfileData, base: ProfileData) -> None:
    rendered, shown = _base_rows(base, REHAB)
    rows = _rows(data, REHAB)
    assert len(rows) == len(rendered)
    eligible, sounded, typed_full, wrong, emptied = 0, 0, 0, 0, 0
    for c, kind, row, rid in rows:
        second = kind == "duplicate"
        src, was_shown = rendered[(c.child_id, second)], shown[(c.child_id, second)]
        worker = worker_of(SEED, c, second)
        assert rid.startswith(f"RC{worker % N_CENTRES + 1}-")
        if c.doc_lang == "ru" or was_shown:
            eligible += 1
            if by_sound(SEED, c):
                sounded += 1
                ident = c.new_identity if was_shown else None
                g = lexicon.GIVEN[ident.given if ident else c.given]
                assert _same(row["given_name"], ru_by_sound(g.ru))
                assert not set(row["given_name"] + row["family_name"] + row["patronymic"]) & _RUSSIAN_ONLY
                assert bool(row["patronymic"]) == bool(src["patronymic"])
            else:
                assert all(_same(row[k], src[k]) for k in ("family_name", "given_name", "patronymic"))
        else:
            assert all(_same(row[k], src[k]) for k in ("family_name", "given_name", "patronymic"))
        no_zeros = worker_habit(SEED, worker)
        birth, removal = _misread(src["birth_date"], no_zeros), _misread(src["removal_date"], no_zeros)
        if birth and removal and removal[: min(len(birth), len(removal))] < birth[: min(len(birth), len(removal))]:
            removal = ""  # the sheet keeps no removal before the birth
        assert _same(row["birth_date"], birth) and _same(row["removal_date"], removal)
        if no_zeros and len(src["birth_date"]) == 10:
            typed_full += 1
            wrong += int(birth not in ("", src["birth_date"]))
            emptied += int(birth == "")
        for k in ("sex", "origin_settlement", "origin_institution", "destination"):
            assert _same(row[k], src[k])
    assert eligible > 60 and within_binomial(sounded / eligible, BY_SOUND, eligible, sds=5.0)
    assert typed_full > 50 and wrong > 0 and emptied > 0


def test_interpol_notices(data: ProfileData, base: ProfileData) -> None:
    rendered, _ = _base_rows(base, INTERPOL)
    rows = _rows(data, INTERPOL)
    assert len(rows) == len(rendered)
    with_pat, abroad, lost = 0, 0, 0
    for c, kind, row, rid in rows:
        second = kind == "duplicate"
        src = rendered[(c.child_id, second)]
        h = notice_habit(SEED, c, second)
        assert row["patronymic"] == "" and row["destination"] == "" and row["origin_institution"] == ""
        assert src["patronymic"] and src["given_name"] == src["given_name"].upper()
        assert _same(row["given_name"], f"{src['given_name']} {src['patronymic']}" if h[0] else src["given_name"])
        with_pat += int(" " in row["given_name"])
        place = places.DESTINATIONS[c.destination].en if h[1] else src["origin_settlement"]
        assert _same(row["origin_settlement"], place.upper()) and row["origin_settlement"].isupper()
        abroad += int(h[1])
        if h[2]:
            lost += 1
            assert _same(row["removal_date"], lost_contact_on(SEED, c).isoformat())
            delay = (lost_contact_on(SEED, c) - c.removal).days
            assert CONTACT_LAG[0] <= delay < CONTACT_LAG[1]
        else:
            assert _same(row["removal_date"], src["removal_date"])
        for k in ("family_name", "birth_date", "sex"):
            assert _same(row[k], src[k])
        assert re.fullmatch(r"\d{4}/\d{5}", rid)
    n = len(rows)
    assert within_binomial(with_pat / n, FORENAME_PATRONYMIC, n, sds=4.0)
    assert within_binomial(abroad / n, LAST_SEEN_ABROAD, n, sds=4.0)
    assert within_binomial(lost / n, LOST_CONTACT, n, sds=4.0)


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout31.generate_heldout31(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout31.generate_heldout31(N, SEED + 1)
    assert not any(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert not data.truth.equals(other.truth)
    assert data.list_names == LISTS
    c: Child = data.population.children[0]
    assert competed_on(SEED, c, True) == competed_on(SEED, c, True) and by_sound(SEED, c) == by_sound(SEED, c)
    assert notice_habit(SEED, c) == notice_habit(SEED, c) and worker_of(SEED, c) == worker_of(SEED, c)
    assert any(notice_habit(SEED, k) != notice_habit(SEED + 1, k) for k in data.population.children[:50])


@pytest.mark.parametrize("n", [300, 1000])
def test_small_populations(n: int) -> None:
    d = heldout31.generate_heldout31(n, 5)
    assert len(d.population.children) == n and d.list_names == LISTS
    assert all(len(f) > 0 for _, f in d.lists)
    for li, (name, frame) in enumerate(d.lists):
        assert validate_list(frame, name=name).size == len(frame)
        tl = d.truth[d.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
