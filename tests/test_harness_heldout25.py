"""The twenty-fifth held-out profile ``heldout_statements_partnersheet_camproster``
(``tests/harness/heldout25.py``) and the error processes written for it.

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
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tests.harness as harness_pkg
from estimators.linkage import read_lists
from estimators.linkage.schema import validate_list
from tests.harness import heldout25, lexicon, places, write_profile
from tests.harness.heldout25 import (
    BUG_FROM,
    BUG_UNTIL,
    ENTRY_LAG,
    EXPAND,
    HOME_NAME,
    HOME_RU,
    HOME_UK,
    PARTNER,
    PLACEHOLDER,
    PLACEHOLDER_DATE,
    ROSTER,
    SECOND_SHIFT,
    SEPARATED,
    SEPARATION_FROM,
    SEPARATION_PLACES,
    STATEMENTS,
    SUBSTITUTIONS,
    UKRAINIAN_AT_HOME,
    WORDS,
    WORDS_RU,
    buggy_release,
    entered_on,
    home_name,
    imported_on,
    parsed_date,
    partner_record,
    placeholder_filled,
    roster_given,
    roster_record,
    second_shift,
    separation_place,
    speaks_ukrainian,
    statement_record,
    submitted_on,
    substitute_translit,
    typed_date,
    writes_russian,
    writes_words,
    zero_based_month,
)
from tests.harness.lists import SCHEMA
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData, build

N = 2000
SEED = 0
LISTS = (PARTNER, ROSTER, STATEMENTS)
COLUMNS = SCHEMA[1:]
NAMES = ("family_name", "given_name", "patronymic")
ROMANISED = ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution")
SENTENCE = (
    "(``heldout_statements_partnersheet_camproster``) replaced it as the profile kept out of tuning and has "
    "been run once (2026-12-07)"
)
BENCH_SENTENCE = (
    "``heldout_statements_partnersheet_camproster`` (``--heldout25``) replaced it as the profile kept out of "
    "tuning and has been run once (2026-12-07;"
)
_LOWER_CYRILLIC = re.compile("[а-яёіїєґ]")
_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout25.generate_heldout25(N, SEED)


@pytest.fixture(scope="module")
def base() -> ProfileData:
    """The lists as :func:`.profiles.build` renders them, before each source's rewriting."""
    return build(heldout25.heldout25_spec(), N, SEED)


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


def _rows(data: ProfileData, name: str) -> list[tuple[Child, bool, dict[str, str]]]:
    """(child, a duplicate, row) for every row of list ``name``, file order."""
    frame, t = data.list_with_truth(name)
    kids = data.population.children
    return [
        (kids[int(c)], k == "duplicate", _row(frame, r))
        for r, (c, k) in enumerate(zip(t["child"], t["kind"], strict=True))
    ]


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout25.NAME == "heldout_statements_partnersheet_camproster"
    assert tuple(s.name for s in heldout25.heldout25_spec().lists) == LISTS
    assert heldout25.heldout25_spec().output_order == LISTS
    doc = heldout25.__doc__ or ""
    assert doc.startswith(
        "TWENTY-FIFTH HELD-OUT error profile ``heldout_statements_partnersheet_camproster``: NEVER use it for tuning."
    )
    assert "HELD OUT (25th)" in heldout25.heldout25_spec().description


def test_run_once() -> None:
    """It was run once (in the session after the one that wrote it): the module, the harness and the
    bench script say so, and the bench script runs it only when asked (``--heldout25``)."""
    doc = " ".join((heldout25.__doc__ or "").split())
    assert "was run ONCE (2026-12-07" in doc and "has NOT been run yet" not in doc
    assert (
        "It replaces :mod:`.heldout24` (``heldout_releases_volsheets_116000``) as the profile kept "
        "out of tuning, since that one was run" in doc
    )
    assert "Its author wrote it without reading the linkage model" in doc
    assert SENTENCE in " ".join((harness_pkg.__doc__ or "").split())
    bench = (_ROOT / "bench" / "linkage_harness.py").read_text(encoding="utf-8")
    assert BENCH_SENTENCE in " ".join(bench.split())
    assert '"heldout25": (HELDOUT25, generate_heldout25, "twenty-fifth ")' in bench
    assert "[--heldout25]" in bench
    assert 'ap.add_argument(f"--{flag}", action="store_true"' in bench  # off unless asked
    assert 'ap.add_argument("--profiles", default=",".join(TUNING)' in bench  # the default: tuning only


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


# ---------------------------------------------------------------- helpers on made-up values and name-table entries


def test_typed_and_parsed_dates() -> None:
    assert typed_date("2012-04-03", False, False) == "03.04.2012"
    assert typed_date("2012-04-03", True, False) == "3 квітня 2012 р."
    assert typed_date("2012-04-03", True, True) == "3 апреля 2012 г."
    assert typed_date("2022-03", False, False) == "березень 2022 р."  # a month in words by everyone
    assert typed_date("2022-03", True, True) == "март 2022 г."
    assert typed_date("2012", False, False) == "2012 р.н." and typed_date("2012", True, True) == "2012 г.р."
    assert typed_date("", True, False) == ""
    june = dt.date(2024, 6, 17)
    assert parsed_date("03.04.2012", june) == "2012-04-03"  # numeric, day first: right
    assert parsed_date("3 квітня 2010 р.", june) == "2010-03-17"  # the day read as the month
    assert parsed_date("12 березня 2012 р.", june) == "2012-12-17"
    assert parsed_date("25 березня 2012 р.", june) == ""  # "bad month number 25"
    assert parsed_date("березень 2022 р.", june) == "2022-06-17"  # month and day of the import
    assert parsed_date("2012 р.н.", june) == "2012-06-17"
    end_jan = dt.date(2024, 1, 31)
    assert parsed_date("2 лютого 2012 р.", end_jan) == "2012-02-29"  # the day clipped to the month
    assert parsed_date("2 лютого 2013 р.", end_jan) == "2013-02-28"
    assert parsed_date("", june) == ""


def test_parsed_date_is_what_dateutil_gives() -> None:
    """:func:`parsed_date` against dateutil itself, for texts of :func:`typed_date`."""
    parser = pytest.importorskip("dateutil.parser")
    g = np.random.default_rng(25)
    start = dt.date(2003, 1, 1)
    defaults = [dt.date(2024, 1, 31), dt.date(2024, 2, 29), dt.date(2023, 3, 30), dt.date(2022, 12, 5)]
    defaults += [start + dt.timedelta(days=int(x)) for x in g.integers(7000, 8400, size=16)]
    checked = 0
    for default in defaults:
        for _ in range(40):
            day = start + dt.timedelta(days=int(g.integers(0, 7300)))
            for value in (day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]):
                for words in (False, True):
                    text = typed_date(value, words, bool(g.random() < 0.5))
                    try:
                        when = parser.parse(
                            text, fuzzy=True, dayfirst=True, default=dt.datetime.combine(default, dt.time())
                        )
                        expected = when.date().isoformat()
                    except (ValueError, OverflowError):  # dateutil's ParserError is a ValueError
                        expected = ""
                    assert parsed_date(text, default) == expected, (text, default)
                    checked += 1
    assert checked == 20 * 40 * 6


def test_substitute_translit() -> None:
    assert substitute_translit("Коваленко") == "Кovalenko"  # the capital stays Cyrillic
    assert substitute_translit("КОВАЛЕНКО") == "КОВАЛЕНКО"
    assert substitute_translit("Марія") == "Мariia" and substitute_translit("Юлія") == "Юliia"
    assert substitute_translit("Шевченко") == "Шevchenko" and substitute_translit("Щербак") == "Щerbak"
    assert substitute_translit("Лук'яненко") == "Лukianenko"  # the ASCII apostrophe dropped
    assert substitute_translit("Лук’яненко") == "Лuk’ianenko"  # a typographic one kept
    assert substitute_translit("Артём") == "Аrtёm" and substitute_translit("Эдуард") == "Эduard"
    assert substitute_translit("м. Маріуполь") == "m. Мariupol"
    assert substitute_translit("Олексійович") == "Оleksiiovych"
    assert substitute_translit("") == ""
    lower = "".join(c for c, _ in SUBSTITUTIONS if c != "'")
    assert len(lower) == 33 and not _LOWER_CYRILLIC.search(substitute_translit(lower).replace("ы", "").replace("э", ""))
    assert len(SUBSTITUTIONS) <= 64  # Excel's limit of nested functions


def test_zero_based_month() -> None:
    assert zero_based_month("2012-03-05") == "2012-02-05"
    assert zero_based_month("2012-12-30") == "2012-11-30"
    assert zero_based_month("2012-01-05") == ""  # month 0
    assert zero_based_month("2012-03-31") == ""  # 31 February
    assert zero_based_month("2012-03-29") == "2012-02-29" and zero_based_month("2013-03-29") == ""
    assert zero_based_month("2012-12-31") == ""  # 31 November
    assert zero_based_month("2012-03") == "2012-03" and zero_based_month("2012") == "2012"
    assert zero_based_month("") == ""
    assert buggy_release(BUG_FROM) and not buggy_release(BUG_UNTIL)
    assert not buggy_release(BUG_FROM - dt.timedelta(days=1))


def test_home_name_tables() -> None:
    by_uk = {g.uk: g for g in lexicon.GIVEN}
    assert set(HOME_RU) == set(by_uk) and set(HOME_UK) <= set(by_uk)
    misread: set[str] = set()
    for table in (HOME_RU, HOME_UK):
        for uk, homes in table.items():
            g = by_uk[uk]
            assert homes and len(set(homes)) == len(homes)
            for home in homes:
                assert (home, g.sex) in EXPAND, (home, g.sex)  # the office writes a full name for each
                if EXPAND[(home, g.sex)] != g.ru:
                    misread.add(uk)
    assert misread == {
        "Владислав", "Богдан", "Ярослав", "Тимур", "Ігор", "Ростислав", "Святослав", "Арсеній", "Мирослав",
        "Савелій", "Софія", "Ангеліна", "Мілана", "Мирослава", "Олена", "Марія", "Дарина",
    }  # fmt: skip
    assert EXPAND[("Слава", "M")] == "Вячеслав" and EXPAND[("Славко", "M")] == "Вячеслав"
    assert EXPAND[("Оленка", "F")] == "Ольга" and EXPAND[("Маричка", "F")] == "Марина"
    assert EXPAND[("Саша", "M")] == "Александр" and EXPAND[("Саша", "F")] == "Александра"


def test_habits_fixed_and_drawn_by_their_shares(data: ProfileData) -> None:
    kids = data.population.children[:600]
    everyone = data.population.children
    seeds = range(4)
    draws = len(kids) * len(seeds)
    first = list({c.family: c for c in everyone}.values())  # one child per family
    eldest = {c.family: c for c in reversed(kids)}  # a family's first child among kids
    # per writer: the family's statement (its children share it) and a second relative's (per child)
    for fn, share in ((writes_words, WORDS), (writes_russian, WORDS_RU)):
        fams = [fn(s, c) for s in range(6) for c in first]
        assert within_binomial(float(np.mean(fams)), share, len(fams), sds=4.0), fn.__name__
        assert all(fn(s, c) == fn(s, eldest[c.family]) for s in seeds for c in kids)
        seconds = [fn(s, c, True) for s in seeds for c in kids]
        assert within_binomial(float(np.mean(seconds)), share, draws, sds=4.0), fn.__name__
    # places of separation: families removed since SEPARATION_FROM from the oblasts of the table
    eligible = [
        c for c in first if c.removal >= SEPARATION_FROM and places.SETTLEMENTS[c.origin].oblast in SEPARATION_PLACES
    ]
    got = [separation_place(s, c) for s in range(6) for c in eligible]
    assert len(eligible) > 200 and within_binomial(float(np.mean([bool(x) for x in got])), SEPARATED, len(got), sds=4.0)
    assert all(
        not p or p in SEPARATION_PLACES[places.SETTLEMENTS[c.origin].oblast]
        for p, c in zip(got, [c for _ in range(6) for c in eligible], strict=True)
    )
    before_war = [c for c in everyone if c.removal < SEPARATION_FROM]
    assert before_war and not any(separation_place(s, c, d) for s in seeds for c in before_war for d in (False, True))
    # per child (and record)
    filled = [placeholder_filled(s, c, d) for s in seeds for c in kids for d in (False, True)]
    assert within_binomial(float(np.mean(filled)), PLACEHOLDER, 2 * draws, sds=4.0)
    homes = [home_name(s, c) for s in seeds for c in kids]
    assert within_binomial(float(np.mean([bool(h) for h in homes])), HOME_NAME, draws, sds=4.0)
    uk_docs = [c for c in everyone if c.doc_lang == "uk"]
    spoken = [speaks_ukrainian(s, c) for s in seeds for c in uk_docs]
    assert within_binomial(float(np.mean(spoken)), UKRAINIAN_AT_HOME, len(spoken), sds=4.0)
    assert not any(speaks_ukrainian(s, c) for s in seeds for c in everyone if c.doc_lang == "ru")
    # per removal group: the day a group's check-in sheet was typed in; a second row later
    typed: dict[tuple[int, int], dt.date] = {}
    for s in seeds:
        for c in everyone:
            day = entered_on(s, c)
            assert typed.setdefault((s, c.wave), day) == day
            assert ENTRY_LAG[0] <= (day - c.removal).days < ENTRY_LAG[1]
    for c in kids[:100]:
        assert SECOND_SHIFT[0] <= second_shift(SEED, c) < SECOND_SHIFT[1]
        assert (entered_on(SEED, c, True) - entered_on(SEED, c)).days == second_shift(SEED, c)
        for d in (False, True):
            sent, imported = submitted_on(SEED, c, d), imported_on(SEED, c, d)
            assert imported.weekday() == 0 and 1 <= (imported - sent).days <= 7 and sent > c.removal
        assert submitted_on(SEED, c, True) > submitted_on(SEED, c)


# ---------------------------------------------------------------- the NGO's English sheet for partners


def test_partner_sheet_placeholder_and_formula(data: ProfileData, base: ProfileData) -> None:
    before = _base_rows(base, PARTNER)
    assert data.lists[0][1]["record_id"].tolist() == base.lists[0][1]["record_id"].tolist()  # the register's order
    unknown = filled = capitals = cyrillic_initial = 0
    for c, second, row in _rows(data, PARTNER):
        typed = before[(c.child_id, second)]
        assert _same(row, partner_record(SEED, c, typed, second))
        for col in ROMANISED:
            assert _same(row[col], substitute_translit(typed[col])) and not _LOWER_CYRILLIC.search(
                row[col].replace("ы", "").replace("э", "").replace("ё", "").replace("ъ", "")
            )
        for col in ("birth_date", "sex", "destination"):
            assert _same(row[col], typed[col])
        if typed["removal_date"]:
            assert _same(row["removal_date"], typed["removal_date"])
        else:
            unknown += 1
            if placeholder_filled(SEED, c, second):
                filled += 1
                expected = "" if row["birth_date"][:10] > PLACEHOLDER_DATE.isoformat() else PLACEHOLDER_DATE.isoformat()
                assert row["removal_date"] == expected
            else:
                assert row["removal_date"] == ""
        fam = row["family_name"]
        capitals += bool(fam) and fam == fam.upper() and bool(re.fullmatch(r"[А-ЯЁІЇЄҐ'’ʼ`-]+", fam))
        giv = row["given_name"]
        cyrillic_initial += bool(giv) and ("А" <= giv[0] <= "Я" or giv[0] in "ЁІЇЄҐ")
    total = len(before)
    assert unknown > 150 and within_binomial(filled / unknown, PLACEHOLDER, unknown, sds=4.0)
    assert capitals > total / 2  # the family name in capitals: entirely Cyrillic
    assert cyrillic_initial > 0.9 * total  # the given name's capital


# ---------------------------------------------------------------- the camps' roster in the regional system


def test_camp_roster_names_and_months(data: ProfileData, base: ProfileData) -> None:
    frame, _ = data.list_with_truth(ROSTER)
    before = _base_rows(base, ROSTER)
    homes = misread = in_window = shifted = lost = 0
    last: tuple[int, dt.date] | None = None
    for r, (c, second, row) in enumerate(_rows(data, ROSTER)):
        typed = before[(c.child_id, second)]
        assert places.DESTINATIONS[c.destination].country == "RU"
        assert _same(row, roster_record(SEED, c, typed, second))
        key = (c.destination, entered_on(SEED, c, second))
        assert last is None or last <= key  # by region, then the day the row was typed in
        last = key
        assert frame["record_id"][r].startswith(f"CA{c.destination + 1}-")
        home = home_name(SEED, c)
        homes += bool(home)
        given = roster_given(SEED, c, typed["given_name"])
        assert _same(row["given_name"], given) and _same(given, EXPAND[(home, c.sex)] if home else typed["given_name"])
        misread += bool(home) and given != lexicon.GIVEN[c.given].ru
        assert row["patronymic"] == ""
        for col in ("family_name", "sex", "origin_settlement", "origin_institution", "destination"):
            assert _same(row[col], typed[col])
        b = typed["birth_date"]
        if buggy_release(entered_on(SEED, c, second)):
            in_window += 1
            if len(b) == 10:
                assert row["birth_date"] == zero_based_month(b)
                if row["birth_date"]:
                    shifted += 1
                    assert int(row["birth_date"][5:7]) == int(b[5:7]) - 1 and row["birth_date"][8:] == b[8:]
                else:
                    lost += 1
                    assert b[5:7] == "01" or int(b[8:]) > 28
            else:
                assert _same(row["birth_date"], b)
        else:
            assert _same(row["birth_date"], b)
    total = len(before)
    assert within_binomial(homes / total, HOME_NAME, total, sds=4.0)
    assert misread > 5
    assert in_window > 50 and shifted > 30 and lost > 0


# ---------------------------------------------------------------- the relatives' statements


def test_statements_dates_and_places(data: ProfileData, base: ProfileData) -> None:
    frame, _ = data.list_with_truth(STATEMENTS)
    before = _base_rows(base, STATEMENTS)
    days = [dt.datetime.strptime(rid[2:10], "%Y%m%d").date() for rid in frame["record_id"]]
    assert days == sorted(days) and all(d.weekday() == 0 for d in days)
    numeric_right = words_full = words_lost = partial_filled = separated = 0
    for r, (c, second, row) in enumerate(_rows(data, STATEMENTS)):
        typed = before[(c.child_id, second)]
        assert _same(row, statement_record(SEED, c, typed, second))
        default = imported_on(SEED, c, second)
        assert days[r] == default
        words = writes_words(SEED, c, second)
        b = typed["birth_date"]
        if len(b) == 10 and not words:
            numeric_right += row["birth_date"] == b
        elif len(b) == 10:
            words_full += 1
            if int(b[8:]) > 12:
                words_lost += 1
                assert row["birth_date"] == ""
            else:
                assert row["birth_date"][:4] == b[:4] and int(row["birth_date"][5:7]) == int(b[8:])
        elif b:  # a month or a year: the import's month and day
            partial_filled += 1
            assert row["birth_date"][:4] == b[:4] and row["birth_date"][5:7] == f"{default.month:02d}"
        place = separation_place(SEED, c, second)
        if place:
            separated += 1
            assert row["origin_settlement"] == place
        else:
            assert _same(row["origin_settlement"], typed["origin_settlement"])
        for col in ("family_name", "given_name", "patronymic", "sex", "origin_institution", "destination"):
            assert _same(row[col], typed[col])
    total = len(before)
    assert numeric_right > 250 and words_full > 150 and partial_filled > 60
    # a day above 12 in 19 of 31 days of a month, about
    assert within_binomial(words_lost / words_full, 19 / 31, words_full, sds=4.0)
    assert separated > 40 and separated < total / 3


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout25.generate_heldout25(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout25.generate_heldout25(N, SEED + 1)
    assert not any(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert not data.truth.equals(other.truth)
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
    c = data.population.children[0]
    assert home_name(SEED, c) == home_name(SEED, c) and writes_words(SEED, c) == writes_words(SEED, c)
    assert imported_on(SEED, c, True) == imported_on(SEED, c, True)
    assert separation_place(SEED, c) == separation_place(SEED, c)


@pytest.mark.parametrize("n", [300, 1000])
def test_small_populations(n: int) -> None:
    d = heldout25.generate_heldout25(n, 5)
    assert len(d.population.children) == n and d.list_names == LISTS
    assert all(len(f) > 0 for _, f in d.lists)
    for li, (name, frame) in enumerate(d.lists):
        assert validate_list(frame, name=name).size == len(frame)
        tl = d.truth[d.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
