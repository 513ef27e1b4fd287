"""The twenty-second held-out profile ``heldout_moldova_query_linebreaks`` (``tests/harness/heldout22.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries and made-up values, not records.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tests.harness as harness_pkg
from estimators.linkage import read_lists
from estimators.linkage.schema import validate_list
from tests.harness import heldout22, lexicon, places, write_profile
from tests.harness.heldout22 import (
    BOT,
    BREAK_DESTINATION,
    BREAK_INSTITUTION,
    BREAK_PLACE,
    KEYBOARDS,
    MIN_CELLS,
    MOLDOVA,
    ORAS,
    PARENT_DATE,
    RO_COUNTRY,
    RO_EQUIVALENT,
    RO_GIVEN,
    SUMMARY,
    SUMMARY_SETUP,
    YEAR_ONLY,
    YEAR_SHEETS,
    answers_of,
    applied_on,
    arrival_date,
    cell_type,
    clean_row,
    clerk_keyboard,
    clerk_of,
    eldest_births,
    entered_on,
    excel_rows,
    export_text,
    holds_passport,
    keyboard,
    majority_type,
    moldovan_record,
    parent_birth_date,
    parent_date,
    query_column,
    range_rows,
    romanian,
    sheet_of,
    writes_equivalent,
    year_only,
    year_sheet,
)
from tests.harness.lists import SCHEMA
from tests.harness.metrics import within_binomial
from tests.harness.profiles import ProfileData, build

N = 2000
SEED = 0
LISTS = (SUMMARY, BOT, MOLDOVA)
COLUMNS = SCHEMA[1:]
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout22.generate_heldout22(N, SEED)


@pytest.fixture(scope="module")
def base() -> ProfileData:
    """The lists as :func:`.profiles.build` renders them, before each source's rewriting."""
    return build(heldout22.heldout22_spec(), N, SEED)


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


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout22.NAME == "heldout_moldova_query_linebreaks"
    assert tuple(s.name for s in heldout22.heldout22_spec().lists) == LISTS
    assert heldout22.heldout22_spec().output_order == LISTS
    doc = heldout22.__doc__ or ""
    assert doc.startswith(
        "TWENTY-SECOND HELD-OUT error profile ``heldout_moldova_query_linebreaks``: NEVER use it for tuning."
    )
    assert "heldout_fillseries_engocr_macfolders" in doc  # the profile it replaces


def test_run_once() -> None:
    """It was run once (at the end of the session that wrote heldout23): the module, the harness and
    the bench script say so, and the bench script runs it only when asked (``--heldout22``)."""
    doc = " ".join((heldout22.__doc__ or "").split())
    assert "was run ONCE (2026-12-07" in doc and "has NOT been run yet" not in doc
    init_doc = " ".join((harness_pkg.__doc__ or "").split())
    assert "(``heldout_moldova_query_linebreaks``) replaced it as the profile kept out of tuning" in init_doc
    assert init_doc.split("heldout_moldova_query_linebreaks")[1].startswith("``) replaced it as the profile kept out "
                                                                           "of tuning and has been run once")
    bench = (_ROOT / "bench" / "linkage_harness.py").read_text(encoding="utf-8")
    assert '"heldout22": (HELDOUT22, generate_heldout22, "twenty-second ")' in bench
    assert 'ap.add_argument(f"--{flag}", action="store_true"' in bench  # off unless asked
    note = " ".join(bench.split("``heldout_moldova_query_linebreaks`` (``--heldout22``)")[1].split())
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


# ---------------------------------------------------------------- helpers on made-up values and name-table entries


def test_romanian_spelling() -> None:
    ru = ["Коваленко", "Шевченко", "Ткаченко", "Ковальчук", "Полищук", "Олейник", "Лукьяненко", "Кузнецов",
          "Соловьёв", "Щербаков", "Ковалевская", "Ковалевский", "Черный", "Сергей", "Евгений", "Алексей",
          "Никита", "Артём", "Вячеслав", "Ярослав", "Юлия", "Ксения", "Наталья", "Александрович", "Пугачёв",
          "Васильев"]  # fmt: skip
    assert [romanian(w, "ru") for w in ru] == [
        "Covalenco", "Șevcenco", "Tcacenco", "Covalciuc", "Polișciuc", "Oleinic", "Luchianenco", "Cuznețov",
        "Soloviov", "Șcerbacov", "Covalevscaia", "Covalevschi", "Cernîi", "Serghei", "Evghenii", "Alexei",
        "Nichita", "Artiom", "Veaceslav", "Iaroslav", "Iulia", "Xenia", "Natalia", "Alexandrovici", "Pugaciov",
        "Vasiliev",
    ]  # fmt: skip
    uk = ["Олійник", "Лук'яненко", "Дячук", "Гнатюк", "Ковальов", "Лисенко", "Олександр", "Юрій", "Анастасія",
          "Миколаївна", "Ємець", "Кирило"]  # fmt: skip
    assert [romanian(w, "uk") for w in uk] == [
        "Oliinîc", "Luchianenco", "Deaciuc", "Hnatiuc", "Covaliov", "Lîsenco", "Olexandr", "Iurii", "Anastasia",
        "Mîcolaivna", "Iemeț", "Cîrîlo",
    ]  # fmt: skip
    places_ru = ["Донецк", "Луганск", "Мариуполь", "Бердянск", "Лисичанск", "Горловка", "Новая Каховка"]
    assert [romanian(w, "ru", place=True) for w in places_ru] == [
        "Donețk", "Lugansk", "Mariupol", "Berdeansk", "Lisiceansk", "Gorlovca", "Novaia Cahovca",
    ]  # fmt: skip
    assert romanian("Мельник", "ru") == "Melnic" and romanian("КОВАЛЕНКО", "ru") == "COVALENCO"
    assert romanian("", "uk") == "" and romanian("2012", "ru") == "2012"
    # no Cyrillic left for any name or place of the tables, in either language
    for g in lexicon.GIVEN:
        assert not _CYRILLIC.search(romanian(g.uk, "uk") + romanian(g.ru, "ru"))
    for f in lexicon.FATHERS:
        assert not _CYRILLIC.search(romanian(f.uk_m + " " + f.uk_f, "uk") + romanian(f.ru_m + " " + f.ru_f, "ru"))
    for s in lexicon.SURNAMES:
        for sex in "MF":
            assert not _CYRILLIC.search(
                romanian(lexicon.surname_form(s, sex, "uk"), "uk") + romanian(lexicon.surname_form(s, sex, "ru"), "ru")
            )
    for st in places.SETTLEMENTS:
        assert not _CYRILLIC.search(romanian(st.uk, "uk", place=True) + romanian(st.ru_src, "ru", place=True))
    assert set(RO_GIVEN) <= {g.uk for g in lexicon.GIVEN}
    assert all(v.isalpha() and not _CYRILLIC.search(v) for v in RO_GIVEN.values())


def test_keyboards() -> None:
    assert keyboard("Șevcenco Cuznețov", "comma") == "\u0218evcenco Cuzne\u021bov"
    assert keyboard("Șevcenco Cuznețov", "cedilla") == "\u015eevcenco Cuzne\u0163ov"
    assert keyboard("Șevcenco Cuznețov Cernîi", "plain") == "Sevcenco Cuznetov Cernii"
    assert keyboard(RO_COUNTRY, "cedilla") == "Federaţia Rusă" != RO_COUNTRY
    assert keyboard("Mariupol", "cedilla") == "Mariupol"
    assert {h for h, _ in KEYBOARDS} == {"comma", "cedilla", "plain"}
    assert sum(share for _, share in KEYBOARDS) == pytest.approx(1.0)


def test_query_types_and_ranges() -> None:
    assert [cell_type(v) for v in ("2012-03-05", "2012", "2012-03", "")] == ["date", "number", "text", ""]
    assert query_column(["2012-03-05", "2012", "2011-01-02", "", "2010-05"]) == ["2012-03-05", "", "2011-01-02", "", ""]
    assert query_column(["2012", "2013", "2011-01-02"]) == ["2012", "2013", ""]  # years the majority
    assert query_column(["2022-03", "2022-04", "2022-03-05"]) == ["2022-03", "2022-04", ""]
    assert query_column(["2012", "2012-03-05"]) == ["", "2012-03-05"]  # a tie goes to dates
    assert query_column(["", ""]) == ["", ""] and majority_type([]) == ""
    assert majority_type(["2012", "2013", "2012-03", "2012-04", "2012-05"]) == "text"
    assert [range_rows(k) for k in (0, 1, 9, 10, 137, 140)] == [10, 10, 10, 20, 140, 150]


def test_export_and_excel_rows() -> None:
    rec = {"family_name": "Коваленко", "given_name": "Марія", "patronymic": "", "birth_date": "2012-03-05",
           "sex": "F", "origin_settlement": "Маріуполь", "origin_institution": "Дитбудинок",
           "removal_date": "2022-04", "destination": "Росія"}  # fmt: skip
    one = [[rec[c]] for c in COLUMNS]
    assert excel_rows(export_text(one)) == [[rec[c] for c in COLUMNS]]
    assert clean_row(excel_rows(export_text(one))[0]) == rec
    broken = [list(x) for x in one]
    broken[COLUMNS.index("origin_settlement")].append("Донецька обл.")
    broken[COLUMNS.index("destination")].append("Ростовська обл.")
    rows = excel_rows(export_text(broken))
    assert len(rows) == 3 and all(len(r) == len(COLUMNS) for r in rows)
    first, fragment, last = (clean_row(r) for r in rows)
    assert first == {**rec, "origin_institution": "", "removal_date": "", "destination": ""}
    assert fragment == {"family_name": "Донецька обл.", "given_name": "Дитбудинок", "patronymic": "2022-04",
                        "birth_date": "", "sex": "", "origin_settlement": "", "origin_institution": "",
                        "removal_date": "", "destination": ""}  # fmt: skip  # "Росія" in a date column: blanked
    assert last is None  # a lone region line: fewer than MIN_CELLS cells, deleted
    assert MIN_CELLS == 2
    assert clean_row(["x", "", "", "2012", "ч", "", "", "Росія", ""]) == {
        "family_name": "x", "given_name": "", "patronymic": "", "birth_date": "2012", "sex": "",
        "origin_settlement": "", "origin_institution": "", "removal_date": "", "destination": "",
    }  # fmt: skip


def test_habits_fixed_and_drawn_by_their_shares(data: ProfileData) -> None:
    sheets = [year_sheet(s, k) for s in range(40) for k in range(len(places.SETTLEMENTS))]
    assert year_sheet(3, 5) == year_sheet(3, 5)
    assert within_binomial(float(np.mean(sheets)), YEAR_SHEETS, len(sheets), sds=4.0)
    kids = data.population.children[:600]
    seeds = range(4)
    for fn, share in ((year_only, YEAR_ONLY), (writes_equivalent, RO_EQUIVALENT), (parent_date, PARENT_DATE)):
        draws = [fn(s, c) for s in seeds for c in kids]
        assert within_binomial(float(np.mean(draws)), share, len(draws), sds=4.0), fn.__name__
    boards = Counter(clerk_keyboard(s, k) for s in range(300) for k in range(6))
    for habit, share in KEYBOARDS:
        assert within_binomial(boards[habit] / 1800, share, 1800, sds=4.0)
    # passports only with Ukrainian documents, more with age
    by_age: dict[int, list[bool]] = {0: [], 1: [], 2: []}
    for s in seeds:
        for c in data.population.children:
            p = holds_passport(s, c)
            assert not (p and c.doc_lang != "uk")
            if c.doc_lang == "uk":
                age = (c.removal - c.birth).days // 366
                by_age[0 if age < 6 else 1 if age < 14 else 2].append(p)
    means = [float(np.mean(by_age[k])) for k in range(3)]
    assert means[0] < means[1] < means[2]
    for k, (_, share) in enumerate(heldout22.PASSPORT):
        assert abs(means[k] - share) < 0.06  # the test's age (days // 366) is approximate near a birthday
    # line breaks in the bot's answers, per child and application
    full = {c: "x" for c in COLUMNS}
    breaks = np.array(
        [[len(a) > 1 for a in answers_of(s, c, full, second)] for s in seeds for c in kids for second in (False, True)]
    )
    for col, share in (("origin_settlement", BREAK_PLACE), ("origin_institution", BREAK_INSTITUTION),
                       ("destination", BREAK_DESTINATION)):  # fmt: skip
        assert within_binomial(float(breaks[:, COLUMNS.index(col)].mean()), share, len(breaks), sds=4.0)
    others = [
        k for k, col in enumerate(COLUMNS) if col not in ("origin_settlement", "origin_institution", "destination")
    ]
    assert not breaks[:, others].any()


# ---------------------------------------------------------------- the hromadas' sheets pulled with QUERY


def test_summary_query_types_and_ranges(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(SUMMARY)
    pop = data.population
    before = _base_rows(base, SUMMARY)
    _, bt = base.list_with_truth(SUMMARY)
    assert frame["record_id"].str.fullmatch(r"GS\d{2}-\d{3}").all() and frame["record_id"].is_unique
    tabs: dict[str, list[int]] = {}
    for r, rid in enumerate(frame["record_id"]):
        tabs.setdefault(rid.split("-")[0], []).append(r)
    assert list(tabs) == sorted(tabs)
    sheet_names: list[str] = []
    nulled: Counter[tuple[str, str]] = Counter()
    seen: set[tuple[int, bool]] = set()
    for rs in tabs.values():
        tab = frame["record_id"][rs[0]].split("-")[0]
        assert [frame["record_id"][r] for r in rs] == [f"{tab}-{k + 1:03d}" for k in range(len(rs))]
        kids = [pop.children[int(t["child"][r])] for r in rs]
        dup = [t["kind"][r] == "duplicate" for r in rs]
        (sheet,) = {sheet_of(c) for c in kids}  # one hromada per tab
        sheet_names.append(places.SETTLEMENTS[sheet].uk)
        days = [entered_on(SEED, c, d) for c, d in zip(kids, dup, strict=True)]
        assert days == sorted(days)  # the rows in the order they were typed
        pre: dict[str, list[str]] = {"birth_date": [], "removal_date": []}
        for r, c, d in zip(rs, kids, dup, strict=True):
            typed = before[(c.child_id, d)]
            seen.add((c.child_id, d))
            row = _row(frame, r)
            for col in COLUMNS:
                if col not in pre:
                    assert _same(row[col], typed[col])
            b = typed["birth_date"]
            pre["birth_date"].append(b[:4] if b and year_sheet(SEED, sheet) and year_only(SEED, c) else b)
            pre["removal_date"].append(typed["removal_date"])
        for col, values in pre.items():
            out = [str(frame[col][r]) for r in rs]
            assert _same(out, query_column(values))
            for v, o in zip(values, out, strict=True):
                if v and not o:
                    nulled[(col, cell_type(v))] += 1
        # the range: the rows at the setup rounded up; the sheet's later rows beyond it lost
        all_days = sorted(
            entered_on(SEED, pop.children[int(c)], k == "duplicate")
            for c, k in zip(bt["child"], bt["kind"], strict=True)
            if sheet_of(pop.children[int(c)]) == sheet
        )
        cap = range_rows(sum(day <= SUMMARY_SETUP for day in all_days))
        assert len(rs) == min(len(all_days), cap)
        assert all(day <= all_days[len(rs) - 1] for day in days)
    assert sheet_names == sorted(sheet_names)
    lost = [key for key in before if key not in seen]
    assert len(lost) == len(before) - len(frame) and 0 < len(lost) < 0.15 * len(before)
    assert all(entered_on(SEED, pop.children[c], d) > SUMMARY_SETUP for c, d in lost)
    # full dates lost in the sheets of years, years and months lost in the others
    assert nulled[("birth_date", "date")] > 20 and nulled[("birth_date", "number")] > 20
    assert nulled[("removal_date", "text")] > 100


# ---------------------------------------------------------------- the Telegram bot: answers split at line breaks


def test_bot_applications_split_at_line_breaks(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(BOT)
    pop = data.population
    before = _base_rows(base, BOT)
    assert frame["record_id"].tolist() == [f"TG{r + 1:05d}" for r in range(len(frame))]
    expected: Counter[tuple[int, tuple[str, ...]]] = Counter()
    first_rows: Counter[tuple[int, tuple[str, ...]]] = Counter()
    broken: dict[str, list[bool]] = {"origin_settlement": [], "origin_institution": [], "destination": []}
    for (child_id, second), typed in before.items():
        c = pop.children[child_id]
        answers = answers_of(SEED, c, typed, second)
        for col, lines in zip(COLUMNS, answers, strict=True):
            if col in broken and typed[col]:
                broken[col].append(len(lines) > 1)
        parts = [clean_row(cells) for cells in excel_rows(export_text(answers))]
        assert parts[0] is not None
        first_rows[(child_id, tuple(parts[0].values()))] += 1
        if len(parts) == 1:
            assert _same(parts[0], typed)  # an application without a line break is one row, unchanged
        for part in parts:
            if part is not None:
                expected[(child_id, tuple(part.values()))] += 1
    got = Counter((int(c), tuple(_row(frame, r).values())) for r, c in enumerate(t["child"]))
    assert _same(got, expected)
    # each application's rows together, in the order of the applications
    fragments = 0
    own_days: list[dt.date] = []
    for r in range(len(frame)):
        c = pop.children[int(t["child"][r])]
        key = (c.child_id, tuple(_row(frame, r).values()))
        if t["kind"][r] == "own":
            own_days.append(applied_on(SEED, c))
        if key not in first_rows:  # a fragment: right after a row of its application
            fragments += 1
            assert r > 0 and int(t["child"][r - 1]) == c.child_id and t["kind"][r] == "duplicate"
    assert own_days == sorted(own_days)
    assert fragments == len(frame) - len(before)  # every application keeps its first row
    assert 0.03 < fragments / len(before) < 0.2
    for col, share in (("origin_settlement", BREAK_PLACE), ("origin_institution", BREAK_INSTITUTION),
                       ("destination", BREAK_DESTINATION)):  # fmt: skip
        assert within_binomial(float(np.mean(broken[col])), share, len(broken[col]), sds=4.0), col
    # a fragment holds a place, a town or a region where the family name goes, no name of the child
    regions = {ob["uk"] for ob in places.OBLASTS.values()} | {places.raion(i, "uk") for i in places.ORIGIN_IDX}
    regions |= {f"м. {s.uk}" for s in places.SETTLEMENTS}
    for r in range(len(frame)):
        if (int(t["child"][r]), tuple(_row(frame, r).values())) not in first_rows:
            assert frame["family_name"][r] in regions
    assert float(np.mean(t["kind"] == "duplicate")) < 0.25


# ---------------------------------------------------------------- the Moldovan register in Romanian spelling


def test_moldova_register_in_romanian(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(MOLDOVA)
    pop = data.population
    before = _base_rows(base, MOLDOVA)
    eldest = eldest_births(pop)
    assert frame["record_id"].tolist() == [f"CH{r + 1:05d}" for r in range(len(frame))]
    days: list[dt.date] = []
    oras: list[bool] = []
    equivalent: list[bool] = []
    parents: list[bool] = []
    habits: Counter[str] = Counter()
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        days.append(arrival_date(SEED, c, second))
        typed = before[(c.child_id, second)]
        row = _row(frame, r)
        plain, with_or = (moldovan_record(SEED, c, typed, second, eldest[c.family], o) for o in (False, True))
        assert _same(row, plain) or _same(row, with_or)
        if typed["origin_settlement"]:
            oras.append(row == with_or)
        assert not any(_CYRILLIC.search(v) for v in row.values())
        habit = clerk_keyboard(SEED, clerk_of(SEED, c, second))
        habits[habit] += 1
        assert row["destination"] == keyboard(RO_COUNTRY, habit)
        text = "".join(row.values())
        if habit == "cedilla":
            assert not re.search("[\u0218\u0219\u021a\u021b]", text)
        else:
            assert not re.search("[\u015e\u015f\u0162\u0163]", text)
        for col in ("sex", "removal_date", "origin_institution"):
            assert _same(row[col], typed[col])
        if holds_passport(SEED, c):
            assert row["patronymic"] == "" and row["family_name"].isascii() and row["given_name"].isascii()
            assert _same(row["birth_date"], typed["birth_date"])
            continue
        if lexicon.GIVEN[c.given].uk in RO_GIVEN:
            equivalent.append(row["given_name"] == keyboard(RO_GIVEN[lexicon.GIVEN[c.given].uk], habit))
        if typed["birth_date"]:
            parents.append(row["birth_date"] != typed["birth_date"])
            if parents[-1]:
                assert row["birth_date"] == parent_birth_date(SEED, c, eldest[c.family]).isoformat()
                assert int(row["birth_date"][:4]) < eldest[c.family].year - 18  # an adult's date
    assert days == sorted(days)
    assert within_binomial(float(np.mean(oras)), ORAS, len(oras), sds=4.0)
    assert within_binomial(float(np.mean(equivalent)), RO_EQUIVALENT, len(equivalent), sds=4.0)
    assert within_binomial(float(np.mean(parents)), PARENT_DATE, len(parents), sds=4.0)
    assert len(habits) >= 2  # six clerks: two keyboards at least for this seed
    assert all(pop.children[int(c)].destination in places.RU_DEST for c in t["child"])  # only children sent to Russia


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout22.generate_heldout22(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout22.generate_heldout22(N, SEED + 1)
    assert not any(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
    c = data.population.children[0]
    assert entered_on(SEED, c) == entered_on(SEED, c) and applied_on(SEED, c, True) == applied_on(SEED, c, True)
    assert clerk_of(SEED, c) == clerk_of(SEED, c) and holds_passport(SEED, c) == holds_passport(SEED, c)
    assert answers_of(SEED, c, _row(data.lists[0][1], 0)) == answers_of(SEED, c, _row(data.lists[0][1], 0))


@pytest.mark.parametrize("n", [300, 1000])
def test_small_populations(n: int) -> None:
    d = heldout22.generate_heldout22(n, 5)
    assert len(d.population.children) == n and d.list_names == LISTS
    assert all(len(f) > 0 for _, f in d.lists)
    for li, (_, frame) in enumerate(d.lists):
        tl = d.truth[d.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
