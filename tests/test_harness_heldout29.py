"""The twenty-ninth held-out profile ``heldout_chatexport_birthdays_pesel`` (``tests/harness/heldout29.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are made-up values, not records.

Shares are checked within four binomial standard deviations of their constant (the data
are seeded, so a check either always passes or always fails; four deviations leave room
for the draws of one seed while still catching a constant applied twice or not at all).
Consequences that several draws combine into (a town taken for a name, a removal date taken
for a birth date) are checked to occur, and every row is checked against the record its
source's process gives for the child's typed record.
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
from tests.harness import heldout29, lexicon, places, write_profile
from tests.harness.heldout29 import (
    AFFECTIONATE,
    AFFECTIONATE_FORMS,
    AGE_STATED,
    BIRTHDAYS,
    BOLD_DATE,
    BOLD_NAME,
    CHAT,
    CONTACT_NAMED,
    EVE_HOMES,
    FAMILY_INITIAL,
    FAMILY_POST,
    FAMILY_SHOWN,
    FORWARD,
    GIVEN_FIRST,
    GROUP_AGE_STATED,
    GROUP_FULL_NAME,
    GROUP_HOMES,
    LOWER_CASE,
    PESEL_IN_ROW,
    PESEL_LIST,
    PESEL_TRANSPOSED,
    PLACE_HASHTAG,
    RELATIVES,
    SHORT_FORM,
    STOPWORDS,
    TOWN_MENTIONED,
    WORKDAY_HOMES,
    age_stated,
    analyst_birth,
    birthday_in,
    birthday_record,
    chat_record,
    excel_date,
    family_post,
    greeted_birthday,
    greeting_names,
    hashtag,
    home_habit,
    is_forward,
    parse_post,
    pesel_birth_date,
    pesel_check_digit,
    pesel_of,
    pesel_record,
    pesel_sex,
    post_habit,
    post_segments,
    posted_on,
    posted_on_birthday,
    registered_on,
    script_text,
    telegram_text,
    town_mentioned,
    typed_pesel,
)
from tests.harness.lists import SCHEMA
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData, build

N = 2000
SEED = 0
LISTS = (CHAT, BIRTHDAYS, PESEL_LIST)
COLUMNS = SCHEMA[1:]
NAMES = ("family_name", "given_name", "patronymic")
INIT_SENTENCE = (
    ":mod:`.heldout29` (``heldout_chatexport_birthdays_pesel``) replaced it as the profile kept out of tuning and "
    "has been run once (2026-12-08)"
)
BENCH_SENTENCE = (
    "``heldout_chatexport_birthdays_pesel`` (``--heldout29``) replaced it as the profile kept out of tuning and "
    "has been run once (2026-12-08;"
)
_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout29.generate_heldout29(N, SEED)


@pytest.fixture(scope="module")
def base() -> ProfileData:
    """The lists as :func:`.profiles.build` renders them, before each source's rewriting."""
    return build(heldout29.heldout29_spec(), N, SEED)


def _same(a: object, b: object) -> bool:
    """``a == b`` as a boolean (a failing assert then shows no record)."""
    return bool(a == b)


def _row(frame: pd.DataFrame, r: int) -> dict[str, str]:
    return {k: str(frame[k][r]) for k in COLUMNS}


def _base_rows(base: ProfileData, name: str) -> tuple[dict[tuple[int, bool], dict[str, str]], dict[int, bool]]:
    """(child, a second record) -> the child's row as rendered before the rewriting, and
    child -> whether its first row shows the identity given in Russia."""
    frame, t = base.list_with_truth(name)
    out = {
        (int(c), k == "duplicate"): _row(frame, r) for r, (c, k) in enumerate(zip(t["child"], t["kind"], strict=True))
    }
    assert len(out) == len(frame)  # at most one record and one duplicate of a child
    shown = {int(c): bool(s) for c, k, s in zip(t["child"], t["kind"], t["new_identity"], strict=True)
             if k != "duplicate"}
    return out, shown


# ---------------------------------------------------------------- registration


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout29.NAME == "heldout_chatexport_birthdays_pesel"
    assert tuple(s.name for s in heldout29.heldout29_spec().lists) == LISTS
    assert heldout29.heldout29_spec().output_order == LISTS
    doc = heldout29.__doc__ or ""
    assert doc.startswith(
        "TWENTY-NINTH HELD-OUT error profile ``heldout_chatexport_birthdays_pesel``: NEVER use it for tuning."
    )
    assert "HELD OUT (29th)" in heldout29.heldout29_spec().description


def test_run_once() -> None:
    """Run once (2026-12-08, at the end of the session that changed the model after the twenty-eighth's run):
    the module, the harness and the bench script say so, the bench script runs it only when asked
    (``--heldout29``), and the true-coverage bench may generate it now."""
    doc = " ".join((heldout29.__doc__ or "").split())
    first = " ".join((heldout29.__doc__ or "").split("\n\n")[1].split())  # the status paragraph
    assert "It was run ONCE (2026-12-08" in first and "twenty-eighth" in first
    assert "NEVER use it for tuning" in doc and "It has NOT been run" not in doc
    assert "Its author wrote it without reading the linkage model" in doc
    init_doc = " ".join((harness_pkg.__doc__ or "").split())
    assert INIT_SENTENCE in init_doc
    assert "``--heldout29``" in init_doc[init_doc.index("prints the table for every tuning profile"):]
    bench = (_ROOT / "bench" / "linkage_harness.py").read_text(encoding="utf-8")
    assert BENCH_SENTENCE in " ".join(bench.split())
    assert '"heldout29": (HELDOUT29, generate_heldout29, "twenty-ninth ")' in bench
    assert bench.index('"heldout27": (HELDOUT27') < bench.index('"heldout29": (HELDOUT29')
    assert "[--heldout29]" in bench
    assert 'ap.add_argument(f"--{flag}", action="store_true"' in bench  # off unless asked
    assert 'ap.add_argument("--profiles", default=",".join(TUNING)' in bench  # the default: tuning only
    coverage = (_ROOT / "bench" / "harness_true_coverage.py").read_text(encoding="utf-8")
    not_run = re.search(r"^NOT_RUN = \((.*)\)$", coverage, re.M)
    assert not_run is not None and '"heldout29"' not in not_run.group(1)


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


def _post(name: str, birth: str = "", place: str = "", removal: str = "", country: str = "Росія") -> dict[str, str]:
    fam, giv, *pat = name.split(" ")
    return {"family_name": fam, "given_name": giv, "patronymic": pat[0] if pat else "", "birth_date": birth,
            "sex": "", "origin_settlement": place, "origin_institution": "", "removal_date": removal,
            "destination": country}


def _habit(**changes: object) -> dict[str, object]:
    habit: dict[str, object] = {
        "bold_name": False, "bold_date": False, "given_first": False, "lower": False, "place_hashtag": False,
        "opener": "Терміново! Шукаємо", "relative": "мама", "relative_given": "Олена",
        "relative_family": "Коваленко", "contact_named": False, "phone": "+380 67 123 45 67",
    }
    habit.update(changes)
    return habit


def test_export_text_and_the_scripts_join() -> None:
    plain = [("Шукаємо\n", "", -1), ("Коваленко Марія", "", 0)]
    assert telegram_text(plain) == "Шукаємо\nКоваленко Марія"
    marked = [("Шукаємо\n", "", -1), ("Коваленко Марія", "bold", 0), (", тел. ", "", -1), ("+380", "phone", -1)]
    exported = telegram_text(marked)
    assert exported == ["Шукаємо\n", {"type": "bold", "text": "Коваленко Марія"}, ", тел. ",
                        {"type": "phone", "text": "+380"}]
    assert script_text(exported) == "Шукаємо\n, тел. " and script_text("Шукаємо") == "Шукаємо"
    assert hashtag("м. Нова Каховка, Херсонська обл.") == "#НоваКаховка" and hashtag("Куп'янськ") == "#Купянськ"


def test_the_scripts_rules() -> None:
    rec, _ = parse_post("Терміново! Шукаємо\nКоваленко Марія Олександрівна, 05.03.2012 р.н.\nЗвідки: м. Маріуполь\n"
                        "Вивезли 15.04.2022 до Росії\nМама Олена, тел. ")
    assert _same((rec["family_name"], rec["given_name"], rec["patronymic"], rec["sex"]),
                 ("Коваленко", "Марія", "Олександрівна", "F"))
    assert (rec["birth_date"], rec["removal_date"], rec["origin_settlement"], rec["destination"]) == (
        "2012-03-05", "2022-04-15", "м. Маріуполь", "Росія")
    given_first, _ = parse_post("Шукаємо дитину!\nМарія Коваленко, 2012 р.н.\nВивезли у квітні 2022 р. до Білорусі")
    assert (given_first["family_name"], given_first["given_name"], given_first["sex"]) == ("Марія", "Коваленко", "")
    assert (given_first["birth_date"], given_first["removal_date"], given_first["destination"]) == (
        "2012", "", "Білорусь")
    year_only, _ = parse_post("Шукаємо дитину!\nБондар Іван Петрович, 2012 р.н.\nВивезли 15.04.2022")
    assert year_only["birth_date"] == year_only["removal_date"] == "2022-04-15" and year_only["sex"] == "M"
    lower, _ = parse_post("Шукаємо дитину!\nковаленко марія\nМама Олена, тел. ")
    assert lower["family_name"] == lower["given_name"] == ""
    town, _ = parse_post("Шукаємо дитину!\n, 05.03.2012 р.н.\nЗвідки: Нова Каховка\nВивезли до Росії")
    assert (town["family_name"], town["given_name"], town["birth_date"]) == ("Нова", "Каховка", "2012-03-05")
    relative, _ = parse_post("Шукаємо дитину!\n\nКонтакти: Олена Коваленко (мама), тел. ")
    assert (relative["family_name"], relative["given_name"]) == ("Олена", "Коваленко")
    for cut, taken in (("Ковалёв Артём Сергеевич", ("", "")), ("Коваленко Марiя Олександрiвна", ("Коваленко", "Мар")),
                       ("Лук`яненко Анна", ("", "")), ("Бойко Аліна Ярославівна", ("Бойко", "Аліна")),
                       ("Ковалёва Мария Сергеевна", ("Мария", "Сергеевна"))):  # a cut family name: the next two
        r, _ = parse_post(f"Шукаємо дитину!\n{cut}, 2012 р.н.")
        assert (r["family_name"], r["given_name"]) == taken, cut
    assert {"Мама", "Звідки", "Контакти", "Вивезли"} <= STOPWORDS


def test_posts_as_written_and_read() -> None:
    one = [_post("Коваленко Марія Олександрівна", "2012-03-05", "м. Маріуполь", "2022-04-15")]
    segs = post_segments(_habit(), one)
    assert _same(chat_record(_habit(), one), parse_post(script_text(telegram_text(segs)))[0:1] + (0,))
    rec, owner = chat_record(_habit(), one)
    assert owner == 0 and (rec["family_name"], rec["birth_date"], rec["origin_settlement"]) == (
        "Коваленко", "2012-03-05", "м. Маріуполь")
    bold, _ = chat_record(_habit(bold_name=True, contact_named=True), one)
    assert (bold["family_name"], bold["given_name"]) == ("Олена", "Коваленко")  # the mother, given name first
    bold_date, _ = chat_record(_habit(bold_date=True), one)
    assert bold_date["birth_date"] == bold_date["removal_date"] == "2022-04-15"
    swapped, _ = chat_record(_habit(given_first=True), one)
    assert (swapped["family_name"], swapped["given_name"], swapped["patronymic"]) == ("Марія", "Коваленко", "")
    tag, _ = chat_record(_habit(place_hashtag=True), one)
    assert tag["origin_settlement"] == "" and tag["family_name"] == "Коваленко"
    family = [_post("Ковалёва Мария", "2010-01-02"), _post("Коваленко Іван Сергійович", "2012-07-08")]
    rec, owner = chat_record(_habit(), family)
    assert owner == 1 and (rec["family_name"], rec["birth_date"]) == ("Коваленко", "2010-01-02")  # the elder's date
    rec, owner = chat_record(_habit(), list(reversed(family)))
    assert owner == 0 and rec["given_name"] == "Іван" and rec["birth_date"] == "2012-07-08"


def test_pesel_numbers_and_the_sheets_formula() -> None:
    assert pesel_check_digit("4405140135") == 9  # the PESEL 44051401359 (1944-05-14, a man)
    assert excel_date(2012, 23, 5) == dt.date(2013, 11, 5) and excel_date(2013, 11, 31) == dt.date(2013, 12, 1)
    assert excel_date(2012, 0, 1) == dt.date(2011, 12, 1) and excel_date(2012, 3, 0) == dt.date(2012, 2, 29)
    assert excel_date(2012, 32, 5) == dt.date(2014, 8, 5)
    assert pesel_birth_date("12230512345") == "2013-11-05"  # born 5 March 2012
    assert pesel_birth_date("10213112345") == "2011-10-01"  # born 31 January 2010: 31 September
    assert pesel_birth_date("44051401359") == "1944-05-14"  # the adults of the sheet are right
    assert pesel_sex("44051401359") == "M" and pesel_sex("12230512345") == "F"
    kids = build(heldout29.heldout29_spec(), 300, 2).population.children
    for c in kids:
        p = pesel_of(3, c)
        assert len(p) == 11 and p.isdigit() and int(p[10]) == pesel_check_digit(p[:10])
        century = 20 if c.birth.year >= 2000 else 0
        assert p[:6] == f"{c.birth.year % 100:02d}{c.birth.month + century:02d}{c.birth.day:02d}"
        assert pesel_sex(p) == c.sex
        shifted = dt.date.fromisoformat(pesel_birth_date(p))
        months = (shifted.year - c.birth.year) * 12 + shifted.month - c.birth.month
        if century:  # twenty months late, the day kept or rolled into the next month
            assert months == 20 and shifted.day == c.birth.day or months == 21 and shifted.day <= 3
        else:  # a child born in the 1990s: right
            assert shifted == c.birth
        typed = typed_pesel(3, c)
        if typed and typed != p:
            diff = [i for i in range(11) if typed[i] != p[i]]
            assert len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == p[diff[1]]
    rec = {k: "" for k in COLUMNS} | {"birth_date": "2012-03-05", "sex": "F", "removal_date": "2013-01-01"}
    assert pesel_record(rec, "") == rec
    moved = pesel_record(rec, "12230512341")
    assert (moved["birth_date"], moved["sex"], moved["removal_date"]) == ("2013-11-05", "F", "")  # a limit of the input


def test_birthday_dates() -> None:
    assert birthday_in(dt.date(2012, 2, 29), 2023) == dt.date(2023, 2, 28)
    assert greeted_birthday(dt.date(2012, 3, 5), dt.date(2022, 4, 15)) == dt.date(2023, 3, 5)
    assert greeted_birthday(dt.date(2012, 6, 5), dt.date(2022, 4, 15)) == dt.date(2022, 6, 5)
    assert greeted_birthday(dt.date(2012, 6, 5), dt.date(2022, 4, 15), True) == dt.date(2023, 6, 5)
    sunday = dt.date(2023, 3, 5)
    assert sunday.weekday() == 6
    assert posted_on_birthday(sunday, False, False, False) == sunday
    assert posted_on_birthday(sunday, False, False, True) == dt.date(2023, 3, 6)
    assert posted_on_birthday(sunday, True, False, False) == dt.date(2023, 3, 1)
    assert posted_on_birthday(sunday, True, True, False) == dt.date(2023, 2, 28)
    assert posted_on_birthday(dt.date(2023, 5, 20), True, True, True) == dt.date(2023, 4, 28)  # 30 April: a Sunday
    assert posted_on_birthday(dt.date(2023, 4, 20), True, False, True) == dt.date(2023, 4, 3)  # 1 April: a Saturday
    assert analyst_birth(dt.date(2023, 3, 6), 11) == "2012-03-06"
    assert analyst_birth(dt.date(2022, 12, 31), 10) == "2012-12-31"  # a January 2013 birthday: a year early
    assert analyst_birth(dt.date(2024, 2, 29), 11) == "2013-02-28"
    assert all(AFFECTIONATE_FORMS[g.ru] for g in lexicon.GIVEN if g.ru in AFFECTIONATE_FORMS)
    assert len({g.ru for g in lexicon.GIVEN} & set(AFFECTIONATE_FORMS)) == len(AFFECTIONATE_FORMS)


# ---------------------------------------------------------------- per-child, per-family and per-home draws


def test_habits_fixed_and_drawn_by_their_shares(data: ProfileData) -> None:
    kids = data.population.children[:800]
    fams = list({c.family: c for c in data.population.children}.values())
    seeds = range(4)
    habits = [post_habit(s, c) for s in seeds for c in fams]
    for key, share in (("bold_name", BOLD_NAME), ("bold_date", BOLD_DATE), ("given_first", GIVEN_FIRST),
                       ("lower", LOWER_CASE), ("place_hashtag", PLACE_HASHTAG), ("contact_named", CONTACT_NAMED)):
        assert within_binomial(float(np.mean([h[key] for h in habits])), share, len(habits), sds=4.0), key
    relatives = Counter(h["relative"] for h in habits)
    for word, _, share in RELATIVES:
        assert within_binomial(relatives[word] / len(habits), share, len(habits), sds=4.0), word
    assert all(post_habit(0, c) == post_habit(0, fams_c) for c, fams_c in
               ((c, next(f for f in fams if f.family == c.family)) for c in kids[:100]))
    seconds = [post_habit(s, c, True)["bold_name"] for s in seeds for c in kids]
    assert within_binomial(float(np.mean(seconds)), BOLD_NAME, len(seconds), sds=4.0)
    together = [family_post(s, c) for s in seeds for c in fams]
    assert within_binomial(float(np.mean(together)), FAMILY_POST, len(together), sds=4.0)
    forwards = [is_forward(s, c) for s in seeds for c in kids]
    assert within_binomial(float(np.mean(forwards)), FORWARD, len(forwards), sds=4.0)
    assert all(posted_on(0, c) > c.removal and posted_on(0, c, True) > posted_on(0, c) for c in kids[:100])
    assert all(registered_on(0, c) > c.removal and registered_on(0, c, True) > registered_on(0, c) for c in kids[:100])
    homes = [home_habit(s, w) for s in range(40) for w in range(60)]
    assert within_binomial(float(np.mean([h[0] for h in homes])), GROUP_HOMES, len(homes), sds=4.0)
    eve = [h[1] for h in homes if h[0]]
    assert within_binomial(float(np.mean(eve)), EVE_HOMES, len(eve), sds=4.0)
    assert within_binomial(float(np.mean([h[2] for h in homes])), WORKDAY_HOMES, len(homes), sds=4.0)
    for group, share in ((False, AGE_STATED), (True, GROUP_AGE_STATED)):
        got = [age_stated(s, c, d, group) for s in seeds for c in kids for d in (False, True)]
        assert within_binomial(float(np.mean(got)), share, len(got), sds=4.0)
    towns = [town_mentioned(s, c, d) for s in seeds for c in kids for d in (False, True)]
    assert within_binomial(float(np.mean(towns)), TOWN_MENTIONED, len(towns), sds=4.0)
    rec = {"family_name": "Иванова", "given_name": "Мария"}
    maria = next(i for i, g in enumerate(lexicon.GIVEN) if g.ru == "Мария")
    single = [greeting_names(s, c, rec, maria, False, False) for s in seeds for c in kids]
    given = Counter(g for _, g in single)
    assert within_binomial(given["Машенька"] / len(single), AFFECTIONATE, len(single), sds=4.0)
    assert within_binomial(given["Маша"] / len(single), SHORT_FORM, len(single), sds=4.0)
    family = Counter(f for f, _ in single)
    assert within_binomial(family["Иванова"] / len(single), FAMILY_SHOWN, len(single), sds=4.0)
    assert within_binomial(family["И."] / len(single), FAMILY_INITIAL, len(single), sds=4.0)
    listed = [greeting_names(s, c, rec, maria, False, True) for s in seeds for c in kids]
    assert {g for _, g in listed} == {"Мария"}
    assert within_binomial(float(np.mean([f == "Иванова" for f, _ in listed])), GROUP_FULL_NAME, len(listed), sds=4.0)
    typed = [(typed_pesel(s, c, d), pesel_of(s, c)) for s in seeds for c in kids for d in (False, True)]
    assert within_binomial(float(np.mean([t != "" for t, _ in typed])), PESEL_IN_ROW, len(typed), sds=4.0)
    slipped = [t != p for t, p in typed if t]
    assert within_binomial(float(np.mean(slipped)), PESEL_TRANSPOSED * 0.9, len(slipped), sds=5.0)  # equal digits
    assert all(typed_pesel(1, c) == typed_pesel(1, c) and pesel_of(1, c) == pesel_of(1, c) for c in kids[:50])


# ---------------------------------------------------------------- the search chat's export


def test_chat_posts_exported_and_parsed(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(CHAT)
    pop = data.population
    before, _ = _base_rows(base, CHAT)
    own = sorted(kid for kid, second in before if not second)
    families: dict[int, list[int]] = {}
    for kid in own:
        families.setdefault(pop.children[kid].family, []).append(kid)
    expected: dict[tuple[int, bool], dict[str, str]] = {}
    left_out: set[int] = set()
    together = several = 0
    for members in families.values():
        eldest = pop.children[members[0]]
        if len(members) > 1:
            several += 1
        if len(members) > 1 and family_post(SEED, eldest):
            together += 1
            rec, owner = chat_record(post_habit(SEED, eldest), [before[(k, False)] for k in members])
            expected[(members[owner], False)] = rec
            left_out |= set(members) - {members[owner]}
        else:
            for k in members:
                expected[(k, False)] = chat_record(post_habit(SEED, pop.children[k]), [before[(k, False)]])[0]
    for kid, second in before:
        if second:
            child = pop.children[kid]
            if not is_forward(SEED, child):
                expected[(kid, True)] = chat_record(post_habit(SEED, child, True), [before[(kid, True)]])[0]
            elif (kid, False) in expected:
                expected[(kid, True)] = expected[(kid, False)]
    assert several > 60 and within_binomial(together / several, FAMILY_POST, several, sds=4.0)
    assert len(left_out) > 30  # the younger children of a family post: no record of their own
    seen: set[tuple[int, bool]] = set()
    days: list[dt.date] = []
    counts: Counter[str] = Counter()
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate" or int(c_id) in left_out  # a second post left alone is the child's own record
        key = (c.child_id, second)
        row = _row(frame, r)
        assert _same(row, expected[key]) and row["origin_institution"] == ""
        seen.add(key)
        days.append(posted_on(SEED, c, second))
        typed = before[(c.child_id, second)]
        counts["swapped"] += bool(typed["family_name"]) and (row["family_name"], row["given_name"]) == (
            typed["given_name"], typed["family_name"])
        counts["birth_is_removal"] += bool(row["birth_date"]) and row["birth_date"] == row["removal_date"] != (
            typed["birth_date"])
        counts["town_as_name"] += bool(row["family_name"]) and row["family_name"] in typed["origin_settlement"]
        counts["no_name"] += row["family_name"] == ""
        counts["cut"] += bool(row["given_name"]) and row["given_name"] != typed["given_name"] and typed[
            "given_name"].startswith(row["given_name"])
        counts["relative"] += row["family_name"] in heldout29.WOMEN
    assert seen == set(expected)
    assert days == sorted(days)
    assert frame["record_id"].tolist() == [f"TG{10000 + r}" for r in range(len(frame))]
    assert counts["birth_is_removal"] > 0.1 * len(frame)  # a year-only or bold birth: the removal date taken
    assert min(counts["swapped"], counts["no_name"], counts["relative"]) > 30  # given name first, lost, the relative
    assert counts["cut"] > 0 and counts["town_as_name"] > 0  # rarer: a letter outside the class, a two-word town


# ---------------------------------------------------------------- the homes' birthday greetings


def test_birthday_greetings(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(BIRTHDAYS)
    pop = data.population
    before, shown = _base_rows(base, BIRTHDAYS)
    posts: list[tuple[dt.date, int]] = []
    stated: dict[bool, list[bool]] = {False: [], True: []}
    exact = early_day = 0
    affectionate: list[bool] = []
    for r, (c_id, kind, new) in enumerate(zip(t["child"], t["kind"], t["new_identity"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        typed = before[(c.child_id, second)]
        rec, post = birthday_record(SEED, c, typed, bool(new), second)
        row = _row(frame, r)
        assert _same(row, rec)
        assert row["patronymic"] == row["origin_institution"] == row["removal_date"] == ""
        assert row["sex"] == c.sex and places.DESTINATIONS[c.destination].country == "RU"
        group = home_habit(SEED, c.wave)[0]
        posts.append((post, c.wave))
        assert frame["record_id"][r].startswith(f"VK{c.wave:04d}-") and frame["record_id"][r].endswith(
            tuple(f"-{k}" for k in range(1, 100)))
        born = dt.date.fromisoformat(typed["birth_date"])
        stated[group].append(row["birth_date"] != "")
        if row["birth_date"]:
            exact += row["birth_date"] == typed["birth_date"]
            early_day += group and row["birth_date"][8:] in ("01", "28", "29", "30", "31") and (
                row["birth_date"] != typed["birth_date"])
        assert post >= greeted_birthday(born, c.removal, second) - dt.timedelta(days=40)
        if not group:
            name = lexicon.GIVEN[c.new_identity.given if new and c.new_identity is not None else c.given]
            if name.ru in AFFECTIONATE_FORMS:
                affectionate.append(row["given_name"] == AFFECTIONATE_FORMS[name.ru])
        else:
            assert post.day == 1 or (post + dt.timedelta(days=1)).day == 1 or post.weekday() in (0, 4)
    assert posts == sorted(posts)
    assert within_binomial(float(np.mean(stated[False])), AGE_STATED, len(stated[False]), sds=4.0)
    assert within_binomial(float(np.mean(stated[True])), GROUP_AGE_STATED, len(stated[True]), sds=4.0)
    assert within_binomial(float(np.mean(affectionate)), AFFECTIONATE, len(affectionate), sds=4.0)
    assert exact > 50 and early_day > 10
    assert sum(t["new_identity"]) > 20  # the names the homes use
    assert len(set(frame["record_id"])) == len(frame)
    assert any(shown.values())


# ---------------------------------------------------------------- the diaspora organisation's PESEL sheet


def test_pesel_sheet(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(PESEL_LIST)
    pop = data.population
    before, _ = _base_rows(base, PESEL_LIST)
    kept = {(int(c), k == "duplicate") for c, k in zip(t["child"], t["kind"], strict=True)}
    removed = 0
    for (c_id, second), _ in before.items():
        if (c_id, second) not in kept:
            removed += 1
            c = pop.children[c_id]
            assert second and typed_pesel(SEED, c, True) == typed_pesel(SEED, c, False) != ""
    assert removed > 0
    days: list[dt.date] = []
    with_pesel: list[bool] = []
    slipped: list[bool] = []
    late = right_sex = total = 0
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        typed = before[(c.child_id, second)]
        p = typed_pesel(SEED, c, second)
        row = _row(frame, r)
        assert _same(row, pesel_record(typed, p))
        day = registered_on(SEED, c, second)
        days.append(day)
        assert frame["record_id"][r].startswith(f"PL{day.year}-")
        with_pesel.append(p != "")
        for col in NAMES + ("origin_settlement", "origin_institution", "destination"):
            assert _same(row[col], typed[col])
        if not p:
            assert (row["birth_date"], row["sex"]) == (typed["birth_date"], typed["sex"])
            continue
        slipped.append(p != pesel_of(SEED, c))
        if p == pesel_of(SEED, c):
            b = dt.date.fromisoformat(row["birth_date"])
            if c.birth.year >= 2000:
                assert b == excel_date(c.birth.year, c.birth.month + 20, c.birth.day)  # twenty months late
                late += 1
            else:
                assert b == c.birth
            right_sex += row["sex"] == c.sex
            total += 1
    assert days == sorted(days)
    for y in {rid.split("-")[0] for rid in frame["record_id"]}:
        ids = [rid for rid in frame["record_id"] if rid.split("-")[0] == y]
        assert ids == [f"{y}-{k + 1:04d}" for k in range(len(ids))]
    assert within_binomial(float(np.mean(with_pesel)), PESEL_IN_ROW, len(with_pesel), sds=4.0)
    assert within_binomial(float(np.mean(slipped)), PESEL_TRANSPOSED * 0.9, len(slipped), sds=5.0)
    assert late > 500 and right_sex == total and late > 0.95 * total


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout29.generate_heldout29(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout29.generate_heldout29(N, SEED + 1)
    assert not any(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert not data.truth.equals(other.truth)
    assert data.list_names == LISTS
    c: Child = data.population.children[0]
    assert post_habit(SEED, c) == post_habit(SEED, c) and posted_on(SEED, c, True) == posted_on(SEED, c, True)
    assert pesel_of(SEED, c) == pesel_of(SEED, c) and home_habit(SEED, c.wave) == home_habit(SEED, c.wave)


@pytest.mark.parametrize("n", [300, 1000])
def test_small_populations(n: int) -> None:
    d = heldout29.generate_heldout29(n, 5)
    assert len(d.population.children) == n and d.list_names == LISTS
    assert all(len(f) > 0 for _, f in d.lists)
    for li, (name, frame) in enumerate(d.lists):
        assert validate_list(frame, name=name).size == len(frame)
        tl = d.truth[d.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
