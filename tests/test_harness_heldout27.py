"""The twenty-seventh held-out profile ``heldout_tickets_docphotos_caseapi`` (``tests/harness/heldout27.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries and made-up values, not records.

Shares are checked within four binomial standard deviations of their constant (the data
are seeded, so a check either always passes or always fails; four deviations leave room
for the draws of one seed while still catching a constant applied twice or not at all).
Counts of rare consequences (a cut title, a glued one) are only checked to occur.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tests.harness as harness_pkg
from estimators.linkage import read_lists
from estimators.linkage.schema import validate_list
from tests.harness import heldout27, lexicon, places, write_profile
from tests.harness.heldout27 import (
    APP_CASES,
    APP_FIXED,
    BCBP_NAME_LENGTH,
    CASES,
    DEPARTURES,
    DOC_PHOTO,
    DOCS,
    DOCUMENTS,
    GLUED_TITLE,
    ID_CARD,
    INFANT_AGE,
    KEEP_LATIN,
    LABEL_COPIED,
    LABELS,
    LOCATOR_ALPHABET,
    MIDDLE_NAME,
    PASSPORT,
    REIMBURSED,
    SEX_OF_TITLE,
    TICKETS,
    applied_on,
    approximate_date,
    boarding_pass_name,
    booking_habits,
    case_record,
    copy_habits,
    departure_city,
    doc_record,
    document_cell,
    document_names,
    document_of,
    flight_on,
    has_photo,
    holds_passport,
    is_infant,
    name_element,
    opened_in_app,
    opened_on,
    passport_share,
    reimbursed,
    seconds_app,
    seconds_read_as_milliseconds,
    split_element,
    ticket_latin,
    ticket_record,
    title_of,
)
from tests.harness.lists import SCHEMA
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData, build

N = 2000
SEED = 0
LISTS = (TICKETS, DOCS, CASES)
COLUMNS = SCHEMA[1:]
NAMES = ("family_name", "given_name", "patronymic")
SENTENCE = (
    "(``heldout_tickets_docphotos_caseapi``) replaced it as the profile kept out of tuning and has been run once "
    "(2026-12-08)"
)
BENCH_SENTENCE = (
    "``heldout_tickets_docphotos_caseapi`` (``--heldout27``) replaced it as the profile kept out of "
    "tuning and has been run once (2026-12-08;"
)
_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout27.generate_heldout27(N, SEED)


@pytest.fixture(scope="module")
def base() -> ProfileData:
    """The lists as :func:`.profiles.build` renders them, before each source's rewriting."""
    return build(heldout27.heldout27_spec(), N, SEED)


def _same(a: object, b: object) -> bool:
    """``a == b`` as a boolean (a failing assert then shows no record)."""
    return bool(a == b)


def _row(frame: pd.DataFrame, r: int) -> dict[str, str]:
    return {k: str(frame[k][r]) for k in COLUMNS}


def _base_rows(base: ProfileData, name: str) -> dict[tuple[int, bool], dict[str, str]]:
    """(child, a duplicate) -> the child's row as rendered before the rewriting."""
    frame, t = base.list_with_truth(name)
    out = {
        (int(c), k == "duplicate"): _row(frame, r) for r, (c, k) in enumerate(zip(t["child"], t["kind"], strict=True))
    }
    assert len(out) == len(frame)  # at most one record and one duplicate of a child
    return out


def _age(c: Child, day: dt.date) -> int:
    return day.year - c.birth.year - ((day.month, day.day) < (c.birth.month, c.birth.day))


def _child(pop_child: Child, **changes: object) -> Child:
    return replace(pop_child, **changes)  # type: ignore[arg-type]


# ---------------------------------------------------------------- registration


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout27.NAME == "heldout_tickets_docphotos_caseapi"
    assert tuple(s.name for s in heldout27.heldout27_spec().lists) == LISTS
    assert heldout27.heldout27_spec().output_order == LISTS
    doc = heldout27.__doc__ or ""
    assert doc.startswith(
        "TWENTY-SEVENTH HELD-OUT error profile ``heldout_tickets_docphotos_caseapi``: NEVER use it for tuning."
    )
    assert "HELD OUT (27th)" in heldout27.heldout27_spec().description


def test_run_once() -> None:
    """It was run once (2026-12-08, after that session's first model changes): the module, the harness and
    the bench script say so, the bench script runs it only when asked (``--heldout27``), and the
    true-coverage bench may generate it now."""
    doc = " ".join((heldout27.__doc__ or "").split())
    assert "It was run ONCE (2026-12-08" in doc and "It has NOT been run" not in doc
    assert (
        "It replaces :mod:`.heldout26` (``heldout_geomap_gform_crowdledger``) as the profile kept "
        "out of tuning, since that one was run" in doc
    )
    assert "Its author wrote it without reading the linkage model" in doc
    assert SENTENCE in " ".join((harness_pkg.__doc__ or "").split())
    bench = (_ROOT / "bench" / "linkage_harness.py").read_text(encoding="utf-8")
    assert BENCH_SENTENCE in " ".join(bench.split())
    assert '"heldout27": (HELDOUT27, generate_heldout27, "twenty-seventh ")' in bench
    assert "[--heldout27]" in bench
    assert 'ap.add_argument(f"--{flag}", action="store_true"' in bench  # off unless asked
    assert 'ap.add_argument("--profiles", default=",".join(TUNING)' in bench  # the default: tuning only
    coverage = (_ROOT / "bench" / "harness_true_coverage.py").read_text(encoding="utf-8")
    not_run = next(line for line in coverage.splitlines() if line.startswith("NOT_RUN = "))
    assert '"heldout27"' not in not_run  # the true-coverage bench may generate it now


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
        assert not tl["new_identity"].any()  # no list shows an identity given in Russia


def test_records_per_list_within_bounds(data: ProfileData) -> None:
    """Sensible sizes for 2,000 children: the tickets see only children sent to Russia who left
    it with their families, the other two lists a third to two thirds of the children."""
    sizes = {name: len(frame) for name, frame in data.lists}
    assert 250 <= sizes[TICKETS] <= 900
    assert 500 <= sizes[DOCS] <= 1300
    assert 500 <= sizes[CASES] <= 1300
    for li, _ in enumerate(LISTS):
        tl = data.truth[data.truth["list"] == li]
        assert (tl["kind"] == "duplicate").mean() < 0.1


# ---------------------------------------------------------------- helpers on made-up values and name-table entries


def test_name_elements_split_and_cut() -> None:
    assert split_element("KOVALENKO/MARIIA MISS") == ("KOVALENKO", "MARIIA", "", "MISS")
    assert split_element("KOVALENKO/MARIIA OLEKSANDRIVNA MISS") == ("KOVALENKO", "MARIIA", "OLEKSANDRIVNA", "MISS")
    assert split_element("KOVALENKO/MARIIAMISS") == ("KOVALENKO", "MARIIAMISS", "", "")  # a glued title stays
    assert split_element("KOVALENKO/MARIIA MIS") == ("KOVALENKO", "MARIIA", "MIS", "")  # a cut title stays
    assert split_element("TKACHUK/OLEKSANDR MS") == ("TKACHUK", "OLEKSANDR", "", "MS")  # MSTR cut to MS
    assert split_element("SHEVCHENKO/OLEKSANDR") == ("SHEVCHENKO", "OLEKSANDR", "", "")
    assert split_element("VOLODYMYRENKOVSKYI/M") == ("VOLODYMYRENKOVSKYI", "M", "", "")
    assert split_element("") == ("", "", "", "")
    assert boarding_pass_name("KOVALENKO/MARIIA MISS") == "KOVALENKO/MARIIA MIS"
    assert boarding_pass_name("TKACHUK/OLEKSANDR MSTR") == "TKACHUK/OLEKSANDR MS"
    assert boarding_pass_name("BONDARENKO/ANASTASIIA MISS") == "BONDARENKO/ANASTASII"
    assert boarding_pass_name("IVANOV/IVAN MSTR") == "IVANOV/IVAN MSTR"
    assert boarding_pass_name("KOVALENKO/MARIIA OLEKSANDRIVNA MISS") == "KOVALENKO/MARIIA OLE"
    assert boarding_pass_name("KOVALENKO/ANASTASIA MISS") == "KOVALENKO/ANASTASIA"  # cut at the space: stripped
    assert all(len(boarding_pass_name("X" * k + "/Y MISS")) <= BCBP_NAME_LENGTH for k in range(1, 30))
    assert SEX_OF_TITLE == {"MR": "M", "MSTR": "M", "MS": "F", "MRS": "F", "MISS": "F"}
    # the letters an airline takes, by the two romanisations
    assert ticket_latin("Лук'яненко", "ua_2010") == "LUKIANENKO"
    assert ticket_latin("Олійник", "ua_2010") == "OLIINYK" and ticket_latin("Олійник", "ru_icao") == "OLIINIK"
    assert ticket_latin("Юлія", "ua_2010") == "YULIIA" and ticket_latin("Юлія", "ru_icao") == "IULIIA"
    assert ticket_latin("Гнатюк", "ru_icao") == "GNATIUK" and ticket_latin("Сергій", "ru_icao") == "SERGII"
    assert ticket_latin("Дмитрий", "ua_2010") == "DMYTRYI"
    assert ticket_latin("Ковальчук", "ua_2010") == "KOVALCHUK"
    assert ticket_latin("Анна-Марія  Коваль", "ua_2010") == "ANNAMARIIA KOVAL"


def test_titles_by_age() -> None:
    kid = build(heldout27.heldout27_spec(), 50, 1).population.children[0]
    born = dt.date(2012, 3, 5)
    boy, girl = _child(kid, sex="M", birth=born), _child(kid, sex="F", birth=born)
    assert title_of(boy, dt.date(2024, 3, 4)) == "MSTR" and title_of(boy, dt.date(2024, 3, 5)) == "MR"
    assert title_of(girl, dt.date(2024, 3, 4)) == "MISS" and title_of(girl, dt.date(2024, 3, 5)) == "MS"
    assert INFANT_AGE == 2


def test_document_cells_and_names() -> None:
    assert document_cell("КОВАЛЕНКО", "KOVALENKO", True, "") == "КОВАЛЕНКО KOVALENKO"
    assert document_cell("КОВАЛЕНКО", "KOVALENKO", False, "") == "КОВАЛЕНКО"
    assert document_cell("МАРІЯ", "MARIIA", True, "Ім'я/Given Names") == "Ім'я/Given Names МАРІЯ MARIIA"
    assert document_cell("ОЛЕКСАНДРІВНА", "", False, "") == "ОЛЕКСАНДРІВНА"
    assert document_cell("", "", True, "") == ""
    assert set(LABELS) == {"id_card", "passport"} and LABELS["passport"][2] == ""  # no patronymic printed
    assert set(DOCUMENTS) == {"id_card", "passport", "birth_certificate", "ru_certificate"}
    kid = build(heldout27.heldout27_spec(), 50, 1).population.children[0]
    ivan = next(i for i, g in enumerate(lexicon.GIVEN) if g.uk == "Іван")
    koval = next(i for i, s in enumerate(lexicon.SURNAMES) if s.uk == "Коваль")
    ivanov = next(i for i, s in enumerate(lexicon.SURNAMES) if s.uk == "Іванов")
    mykola = next(i for i, f in enumerate(lexicon.FATHERS) if f.uk == "Микола")
    boy = _child(kid, sex="M", given=ivan, surname=koval, father=mykola, doc_lang="uk")
    assert document_names(boy) == ("Коваль", "Іван", "Миколайович")
    assert document_names(_child(boy, doc_lang="ru")) == ("Коваль", "Иван", "Николаевич")
    maria = next(i for i, g in enumerate(lexicon.GIVEN) if g.uk == "Марія")
    girl = _child(boy, sex="F", given=maria, surname=ivanov)
    assert document_names(girl) == ("Іванова", "Марія", "Миколаївна")


def test_approximate_and_squeezed_dates() -> None:
    assert approximate_date("2012") == "2012-07-01" and approximate_date("2012-03") == "2012-03-15"
    assert approximate_date("2012-03-05") == "2012-03-05" and approximate_date("") == ""
    assert approximate_date("2012-02") == "2012-02-15"
    assert seconds_read_as_milliseconds("2012-03-05") == "1970-01-16"  # 1,330,905,600 s read as ms
    assert seconds_read_as_milliseconds("1970-01-01") == "1970-01-01"
    assert seconds_read_as_milliseconds("2022-06-01") == "1970-01-20"
    assert seconds_read_as_milliseconds("2012-03") == "2012-03" and seconds_read_as_milliseconds("") == ""
    days = [dt.date(1996, 1, 1) + dt.timedelta(days=k) for k in range(0, 10200, 37)]  # births 1996 to removals 2023
    squeezed = [seconds_read_as_milliseconds(d.isoformat()) for d in days]
    assert squeezed == sorted(squeezed)  # the order of the dates kept
    assert {s[:8] for s in squeezed} == {"1970-01-"} and min(squeezed) >= "1970-01-10"
    assert max(squeezed) <= "1970-01-20"


def test_departures() -> None:
    ru = {d.en for d in places.DESTINATIONS if d.country == "RU"}
    assert set(DEPARTURES) == ru  # every Russian destination has its airports
    for options in DEPARTURES.values():
        assert abs(sum(s for _, s in options) - 1.0) < 1e-9 and all(s > 0 for _, s in options)
    assert "Rostov-on-Don" not in {c for options in DEPARTURES.values() for c, _ in options}  # closed since 2022


# ---------------------------------------------------------------- per-child, per-family and per-booking draws


def test_habits_fixed_and_drawn_by_their_shares(data: ProfileData) -> None:
    kids = data.population.children[:800]
    seeds = range(4)
    # per child and record
    for fn, share in ((has_photo, DOC_PHOTO),):
        got = [fn(s, c, d) for s in seeds for c in kids for d in (False, True)]
        assert within_binomial(float(np.mean(got)), share, len(got), sds=4.0), fn.__name__
    habits = [copy_habits(s, c, d) for s in seeds for c in kids for d in (False, True)]
    assert within_binomial(float(np.mean([h[0] for h in habits])), KEEP_LATIN, len(habits), sds=4.0)
    assert within_binomial(float(np.mean([h[1] for h in habits])), LABEL_COPIED, len(habits), sds=4.0)
    assert all(copy_habits(0, c) == copy_habits(0, c) for c in kids[:30])
    # a passport by age on the day, the draw fixed per child (kept as the child grows up)
    by_band: dict[float, list[bool]] = {}
    for s in seeds:
        for c in kids:
            if c.doc_lang != "uk":
                assert not holds_passport(s, c, c.removal)
                continue
            for years in (1, 4):
                day = c.removal + dt.timedelta(days=365 * years)
                by_band.setdefault(passport_share(_age(c, day)), []).append(holds_passport(s, c, day))
            assert holds_passport(s, c, c.removal) <= holds_passport(s, c, c.removal + dt.timedelta(days=3000))
    for share, got in by_band.items():
        if got:
            assert within_binomial(float(np.mean(got)), share, len(got), sds=4.0), share
    assert [passport_share(a) for a in (0, 5, 6, 13, 14, 17)] == [0.2, 0.2, 0.4, 0.4, 0.6, 0.6]
    assert PASSPORT[-1][0] > 17
    # ID cards: for children of 14 or more with Ukrainian documents
    olds = [(s, c) for s in seeds for c in kids if c.doc_lang == "uk"]
    cards = [document_of(s, c, c.birth + dt.timedelta(days=365 * 15 + 10)) == "id_card" for s, c in olds]
    assert within_binomial(float(np.mean(cards)), ID_CARD, len(cards), sds=4.0)
    assert all(document_of(s, c, c.removal) == "ru_certificate" for s in seeds for c in kids if c.doc_lang == "ru")
    young = [document_of(s, c, c.birth + dt.timedelta(days=400)) for s, c in olds]
    assert "id_card" not in young and set(young) == {"passport", "birth_certificate"}
    # per family (the children of a family share it)
    fams = {c.family: c for c in data.population.children}
    per_family: tuple[tuple[Callable[..., bool], float], ...] = ((reimbursed, REIMBURSED), (opened_in_app, APP_CASES))
    for fn, share in per_family:
        got = [fn(s, c) for s in range(6) for c in fams.values()]
        assert within_binomial(float(np.mean(got)), share, len(got), sds=4.0), fn.__name__
        assert all(fn(s, c) == fn(s, fams[c.family]) for s in range(2) for c in kids)
    books = [booking_habits(s, c) for s in range(6) for c in fams.values()]
    assert within_binomial(float(np.mean([b[0] for b in books])), MIDDLE_NAME, len(books), sds=4.0)
    assert within_binomial(float(np.mean([b[1] for b in books])), GLUED_TITLE, len(books), sds=4.0)
    assert all(booking_habits(s, c) == booking_habits(s, fams[c.family]) for s in range(2) for c in kids)
    rebooked = [booking_habits(s, c, True) for s in seeds for c in kids]
    assert within_binomial(float(np.mean([b[0] for b in rebooked])), MIDDLE_NAME, len(rebooked), sds=4.0)
    second_cases = [opened_in_app(s, c, True) for s in seeds for c in kids]
    assert within_binomial(float(np.mean(second_cases)), APP_CASES, len(second_cases), sds=4.0)
    ru_kids = [c for c in kids if places.DESTINATIONS[c.destination].country == "RU"]
    assert all(departure_city(0, c) == departure_city(0, fams[c.family]) for c in ru_kids)
    for region, options in DEPARTURES.items():
        picks = Counter(
            departure_city(s, c)
            for s in range(30)
            for c in fams.values()
            if places.DESTINATIONS[c.destination].en == region
        )
        total = sum(picks.values())
        assert total > 0 and set(picks) <= {city for city, _ in options}
        for city, share in options:
            assert within_binomial(picks[city] / total, share, total, sds=4.0) if 0 < share < 1 else True
    # dates after the removal, a second record later
    for c in kids[:100]:
        assert flight_on(0, c) > c.removal and flight_on(0, c, True) > flight_on(0, c)
        assert applied_on(0, c) > c.removal and applied_on(0, c, True) > applied_on(0, c)
        assert opened_on(0, c) > c.removal and opened_on(0, c, True) > opened_on(0, c)


# ---------------------------------------------------------------- the volunteer network's air tickets


def test_air_tickets_name_elements_and_boarding_passes(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(TICKETS)
    pop = data.population
    before = _base_rows(base, TICKETS)
    kept = {(int(c), k == "duplicate") for c, k in zip(t["child"], t["kind"], strict=True)}
    infants = 0
    for (c_id, second), rec in before.items():
        c = pop.children[c_id]
        if is_infant(SEED, c):
            infants += 1
            assert (c_id, second) not in kept and ticket_record(SEED, c, rec, second) is None
        else:
            assert (c_id, second) in kept
    assert infants > 0
    assert frame["record_id"].str.fullmatch(rf"[{LOCATOR_ALPHABET}]{{6}}/\d+").all()
    days: list[dt.date] = []
    paid_rows = glued = cut = boys_as_f = middle = 0
    by_locator: dict[str, list[tuple[int, int]]] = {}
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        row = _row(frame, r)
        assert _same(row, ticket_record(SEED, c, before[(c.child_id, second)], second))
        days.append(flight_on(SEED, c, second))
        code, pax = frame["record_id"][r].split("/")
        by_locator.setdefault(code, []).append((int(pax), c.child_id))
        assert all(ch.isupper() or ch == " " for ch in row["family_name"] + row["given_name"] + row["patronymic"])
        assert row["origin_institution"] == "" and row["removal_date"] == ""
        options = {city for city, _ in DEPARTURES[places.DESTINATIONS[c.destination].en]}
        assert row["destination"] in options
        element = name_element(SEED, c, second)
        if reimbursed(SEED, c):
            paid_rows += 1
            assert row["birth_date"] == "" and row["origin_settlement"] == ""
            shown = boarding_pass_name(element)
            cut += shown != element
            boys_as_f += c.sex == "M" and row["sex"] == "F"
            assert row["sex"] in ("", c.sex) or (shown.endswith(" MS") and c.sex == "M")
        else:
            assert row["birth_date"] == c.birth.isoformat() and row["sex"] == c.sex
            glued += row["given_name"].endswith(("MISS", "MSTR", "MR", "MS")) and not element.endswith(
                (" MISS", " MSTR", " MR", " MS")
            )
            middle += row["patronymic"] != ""
    assert days == sorted(days)
    for members in by_locator.values():  # a booking: passengers 2, 3 ... eldest first
        assert sorted(p for p, _ in members) == list(range(2, len(members) + 2))
        assert [k for _, k in sorted(members)] == sorted(k for _, k in members)
        assert len({pop.children[k].family for _, k in members}) == 1
    total = len(frame)
    share_paid = float(np.mean([reimbursed(SEED, pop.children[int(c)]) for c in t["child"]]))
    assert paid_rows == round(share_paid * total) and 0.2 < paid_rows / total < 0.5
    assert cut > 0.3 * paid_rows  # most boarding passes cut the title or the name
    assert glued > 0 and middle > 0.15 * (total - paid_rows)
    assert boys_as_f > 0  # a boy's MSTR cut to MS (surname and given name of 16 letters together): rare


# ---------------------------------------------------------------- the legal-aid charity's copies of document photos


def test_doc_photos_copied_in_both_scripts(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(DOCS)
    pop = data.population
    before = _base_rows(base, DOCS)
    assert frame["record_id"].tolist() == [f"LA{r + 1:05d}" for r in range(len(frame))]
    photos: list[bool] = []
    kinds: Counter[str] = Counter()
    latin: list[bool] = []
    labels: list[bool] = []
    days: list[dt.date] = []
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        typed = before[(c.child_id, second)]
        row = _row(frame, r)
        assert _same(row, doc_record(SEED, c, typed, second))
        days.append(applied_on(SEED, c, second))
        photos.append(has_photo(SEED, c, second))
        for col in ("origin_settlement", "origin_institution", "destination"):
            assert _same(row[col], typed[col])
        if not has_photo(SEED, c, second):
            assert _same({k: row[k] for k in NAMES}, {k: typed[k] for k in NAMES})
            continue
        assert row["birth_date"] == c.birth.isoformat()
        doc = document_of(SEED, c, applied_on(SEED, c, second))
        kinds[doc] += 1
        family, given, _ = document_names(c)
        if doc in LABELS:
            keep, labelled = copy_habits(SEED, c, second)
            copied = row["family_name"].removeprefix(LABELS[doc][0] + " " if labelled else "")
            has_latin = any("A" <= ch <= "Z" for ch in copied)
            assert has_latin == keep and row["sex"] == c.sex
            assert row["given_name"].startswith(LABELS[doc][1]) == labelled
            assert (family.upper() in row["family_name"]) and (given.upper() in row["given_name"])
            assert (row["patronymic"] == "") == (doc == "passport")
            latin.append(keep)
            labels.append(labelled)
        else:
            assert _same((row["family_name"], row["given_name"]), (family, given))
    assert days == sorted(days)
    assert within_binomial(float(np.mean(photos)), DOC_PHOTO, len(photos), sds=4.0)
    assert set(kinds) == set(DOCUMENTS) and len(latin) > 80
    assert within_binomial(float(np.mean(latin)), KEEP_LATIN, len(latin), sds=4.0)
    assert within_binomial(float(np.mean(labels)), LABEL_COPIED, len(labels), sds=4.0)


# ---------------------------------------------------------------- the international organisation's cases


def test_cases_approximate_and_squeezed_dates(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(CASES)
    pop = data.population
    before = _base_rows(base, CASES)
    days: list[dt.date] = []
    squeezed = approximate = kept = 0
    in_app: dict[tuple[str, int], bool] = {}
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        typed = before[(c.child_id, second)]
        row = _row(frame, r)
        assert _same(row, case_record(SEED, c, typed, second))
        day = opened_on(SEED, c, second)
        days.append(day)
        assert frame["record_id"][r].startswith(f"{day.year}-C")
        in_app[("c", c.child_id) if second else ("f", c.family)] = opened_in_app(SEED, c, second)
        for col in NAMES + ("sex", "origin_settlement", "origin_institution", "destination"):
            assert _same(row[col], typed[col])
        b = typed["birth_date"]
        if seconds_app(SEED, c, second):
            assert day < APP_FIXED
            if b:
                squeezed += 1
                assert row["birth_date"] == seconds_read_as_milliseconds(approximate_date(b))
                assert row["birth_date"].startswith("1970-01-")
        else:
            assert row["birth_date"] == approximate_date(b)
            approximate += len(b) in (4, 7)
            kept += len(b) == 10
    assert days == sorted(days)
    years = [rid.split("-")[0] for rid in frame["record_id"]]
    for y in set(years):
        ids = [rid for rid in frame["record_id"] if rid.split("-")[0] == y]
        assert ids == [f"{y}-C{k + 1:05d}" for k in range(len(ids))]
    assert within_binomial(float(np.mean(list(in_app.values()))), APP_CASES, len(in_app), sds=4.0)
    assert squeezed > 30 and approximate > 50 and kept > 300
    assert all(len(v) in (0, 10) for v in frame["birth_date"])  # every date the API gives is a full one


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout27.generate_heldout27(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout27.generate_heldout27(N, SEED + 1)
    assert not any(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert not data.truth.equals(other.truth)
    assert data.list_names == LISTS
    c = data.population.children[0]
    assert name_element(SEED, c) == name_element(SEED, c) and flight_on(SEED, c, True) == flight_on(SEED, c, True)
    assert copy_habits(SEED, c) == copy_habits(SEED, c) and opened_on(SEED, c) == opened_on(SEED, c)


@pytest.mark.parametrize("n", [300, 1000])
def test_small_populations(n: int) -> None:
    d = heldout27.generate_heldout27(n, 5)
    assert len(d.population.children) == n and d.list_names == LISTS
    assert all(len(f) > 0 for _, f in d.lists)
    for li, (name, frame) in enumerate(d.lists):
        assert validate_list(frame, name=name).size == len(frame)
        tl = d.truth[d.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
