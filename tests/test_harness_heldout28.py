"""The twenty-eighth held-out profile ``heldout_birthdays_starostas_llm`` (``tests/harness/heldout28.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries and made-up values, not records.

Shares are checked within four binomial standard deviations of their constant (the data
are seeded, so a check either always passes or always fails; four deviations leave room
for the draws of one seed while still catching a constant applied twice or not at all).
Where the probability differs from record to record (a compiler's habit, a kind of page),
the expected share is the mean of the records' probabilities, whose spread is at most the
binomial one.  Counts of rare consequences (a late December birthday posted in January) are
only checked to occur or not checked.
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
from tests.harness import heldout28, lexicon, places, write_profile
from tests.harness import noise as nz
from tests.harness.heldout28 import (
    AGE_SLIP,
    AGE_STATED,
    BIRTH_PHRASES,
    BIRTHDAYS,
    CAMP_STAY,
    CENTRE_STAY,
    FAMILY_SHOWN,
    FOSTER_PAGE,
    GIVEN_FORMS,
    HABIT_CELLS,
    HABITS,
    HYPOCORISTIC,
    LATE_POST,
    MODEL_TODAY,
    MONTHLY_PAGES,
    N_COMPILERS,
    OBSERVED_UNTIL,
    ORIGIN_MENTIONED,
    PAGE_NAMED,
    POSTED,
    REMOVAL_CELLS,
    REMOVAL_PHRASES,
    ROUND_LEAD,
    ROUNDS,
    RU_HOLIDAYS,
    SCRAPED_FROM,
    SEASON_FIRST,
    SEASON_OF,
    SEASON_WORDS,
    STAROSTAS,
    TESTIMONIES,
    UNDATED,
    WORKDAY_PAGES,
    age_stated,
    analyst_birth,
    analyst_removal,
    birth_cell,
    birthday_in,
    birthday_record,
    birthdays_between,
    compiled_on,
    compiler_habit,
    compiler_of,
    given_form,
    interview_record,
    interviewed_on,
    model_birth,
    model_removal,
    months_ago,
    next_workday,
    page_habit,
    page_name,
    page_of,
    phrases,
    post_date,
    posted,
    posted_birthdays,
    reference_day,
    removal_cell,
    starosta_record,
    stay_of,
    undated,
    years_word,
)
from tests.harness.lists import SCHEMA
from tests.harness.metrics import within_binomial
from tests.harness.profiles import ProfileData, build

N = 2000
SEED = 0
LISTS = (BIRTHDAYS, STAROSTAS, TESTIMONIES)
COLUMNS = SCHEMA[1:]
NAMES = ("family_name", "given_name", "patronymic")
SENTENCE = (
    ":mod:`.heldout28` (``heldout_birthdays_starostas_llm``) replaced it as the profile kept out of tuning and "
    "has been run once (2026-12-08)"
)
BENCH_SENTENCE = (
    "``heldout_birthdays_starostas_llm`` (``--heldout28``) replaced it as the profile kept out of "
    "tuning and has been run once (2026-12-08;"
)
_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout28.generate_heldout28(N, SEED)


@pytest.fixture(scope="module")
def base() -> ProfileData:
    """The lists as :func:`.profiles.build` renders them, before each source's rewriting."""
    return build(heldout28.heldout28_spec(), N, SEED)


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


def _share(mix: tuple[tuple[str, float], ...], key: str) -> float:
    total = sum(w for _, w in mix)
    return sum(w for k, w in mix if k == key) / total


# ---------------------------------------------------------------- registration


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout28.NAME == "heldout_birthdays_starostas_llm"
    assert tuple(s.name for s in heldout28.heldout28_spec().lists) == LISTS
    assert heldout28.heldout28_spec().output_order == LISTS
    doc = heldout28.__doc__ or ""
    assert doc.startswith(
        "TWENTY-EIGHTH HELD-OUT error profile ``heldout_birthdays_starostas_llm``: NEVER use it for tuning."
    )
    assert "HELD OUT (28th)" in heldout28.heldout28_spec().description


def test_run_once() -> None:
    """It was run once (2026-12-08, at the end of the session that wrote it, after that session's model changes,
    heldout27 having been run): its module, the harness and the bench script say so, the bench script runs it
    only when asked (``--heldout28``; not a default profile), and the true-coverage bench may generate it now."""
    doc = " ".join((heldout28.__doc__ or "").split())
    assert "It was run ONCE (2026-12-08" in doc and "It has NOT been run" not in doc
    assert (
        "It is written to replace :mod:`.heldout27` (``heldout_tickets_docphotos_caseapi``) as the profile kept "
        "out of tuning once that one has been run" in doc
    )
    assert "Its author wrote it without reading the linkage model" in doc
    init_doc = " ".join((harness_pkg.__doc__ or "").split())
    assert SENTENCE in init_doc
    assert "``--heldout28``" in init_doc[init_doc.index("prints the table for every tuning profile"):]
    bench = (_ROOT / "bench" / "linkage_harness.py").read_text(encoding="utf-8")
    assert BENCH_SENTENCE in " ".join(bench.split())
    assert '"heldout28": (HELDOUT28, generate_heldout28, "twenty-eighth ")' in bench
    assert "[--heldout28]" in bench
    assert 'ap.add_argument(f"--{flag}", action="store_true"' in bench  # off unless asked
    assert 'ap.add_argument("--profiles", default=",".join(TUNING)' in bench  # the default: tuning only
    coverage = (_ROOT / "bench" / "harness_true_coverage.py").read_text(encoding="utf-8")
    not_run = next(line for line in coverage.splitlines() if line.startswith("NOT_RUN = "))
    assert '"heldout28"' not in not_run  # the true-coverage bench may generate it now


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
    t = data.truth
    assert not t[t["list"] == LISTS.index(STAROSTAS)]["new_identity"].any()  # a Ukrainian source
    assert t[t["list"] == LISTS.index(BIRTHDAYS)]["new_identity"].sum() > 20  # pages in Russia


def test_records_per_list_within_bounds(data: ProfileData) -> None:
    """Sensible sizes for 2,000 children: the pages see a child only on a birthday posted during
    its stay, the starostas families much more than institutions, the interviews fewer."""
    sizes = {name: len(frame) for name, frame in data.lists}
    assert 250 <= sizes[BIRTHDAYS] <= 800
    assert 600 <= sizes[STAROSTAS] <= 1300
    assert 350 <= sizes[TESTIMONIES] <= 900
    for li, name in enumerate(LISTS):
        tl = data.truth[data.truth["list"] == li]
        assert (tl["kind"] == "duplicate").mean() < (0.25 if name == BIRTHDAYS else 0.12)


# ---------------------------------------------------------------- helpers on made-up values and name-table entries


def test_hypocoristic_forms() -> None:
    assert set(HYPOCORISTIC) == {g.ru for g in lexicon.GIVEN}
    for g in lexicon.GIVEN:
        hypo = HYPOCORISTIC[g.ru]
        assert hypo not in (g.ru, g.dim, g.uk), g.ru  # a form of its own
        assert hypo[0].isupper() and all(ch.isalpha() for ch in hypo)
    assert HYPOCORISTIC["Мария"] == "Машенька" and HYPOCORISTIC["Иван"] == "Ванечка"
    assert HYPOCORISTIC["Александр"] == HYPOCORISTIC["Александра"] == "Сашенька"  # as in Russian


def test_working_days_and_birthdays() -> None:
    assert next_workday(dt.date(2023, 1, 1)) == dt.date(2023, 1, 9)  # New Year holidays, then a Monday
    assert next_workday(dt.date(2024, 1, 6)) == dt.date(2024, 1, 9)
    assert next_workday(dt.date(2023, 6, 10)) == dt.date(2023, 6, 13)  # Saturday, then 12 June (a Monday)
    assert next_workday(dt.date(2023, 3, 8)) == dt.date(2023, 3, 9)
    assert next_workday(dt.date(2023, 6, 14)) == dt.date(2023, 6, 14)  # a Wednesday
    assert all(len(x) == 2 for x in RU_HOLIDAYS) and len(RU_HOLIDAYS) == 14
    assert birthday_in(dt.date(2012, 2, 29), 2023) == dt.date(2023, 2, 28)
    assert birthday_in(dt.date(2012, 2, 29), 2024) == dt.date(2024, 2, 29)
    assert birthdays_between(dt.date(2012, 2, 29), dt.date(2022, 1, 1), dt.date(2024, 12, 31)) == [
        dt.date(2022, 2, 28), dt.date(2023, 2, 28), dt.date(2024, 2, 29),
    ]  # fmt: skip
    assert birthdays_between(dt.date(2010, 5, 5), dt.date(2022, 5, 6), dt.date(2023, 5, 5)) == [dt.date(2023, 5, 5)]
    assert birthdays_between(dt.date(2010, 5, 5), dt.date(2022, 5, 6), dt.date(2022, 5, 1)) == []


def test_analyst_readings() -> None:
    d23, d24 = dt.date(2023, 5, 1), dt.date(2024, 4, 1)
    assert analyst_birth("2012 р.н.", d23) == "2012"
    assert analyst_birth("12 р.н.", d23) == "2011"  # two digits read as an age
    assert analyst_birth("08 р.н.", d23) == "2015" and analyst_birth("17 р.н.", d24) == "2007"
    assert analyst_birth("11 р.", d23) == "2012" and analyst_birth("11 років", d24) == "2013"
    assert analyst_birth("05.03.2012", d23) == "2012-03-05" and analyst_birth("", d23) == ""
    assert [years_word(a) for a in (1, 2, 4, 5, 11, 12, 14, 21, 22, 25)] == [
        "рік", "роки", "роки", "років", "років", "років", "років", "рік", "роки", "років",
    ]  # fmt: skip
    assert analyst_removal("навесні 2022") == "2022-03" and analyst_removal("влітку 2022") == "2022-06"
    assert analyst_removal("восени 2022") == "2022-09" and analyst_removal("взимку 2023") == "2023-12"
    assert analyst_removal("квітень 2022") == "2022-04" and analyst_removal("15.04.2022") == "2022-04-15"
    assert analyst_removal("2022") == "2022" and analyst_removal("") == ""
    assert sorted(SEASON_OF) == list(range(1, 13)) and Counter(SEASON_OF.values()) == dict.fromkeys(SEASON_FIRST, 3)
    assert all(SEASON_OF[m] == s for s, m in SEASON_FIRST.items())  # the first month is in its season


def test_model_dates() -> None:
    birth, removal, day = dt.date(2012, 5, 10), dt.date(2022, 4, 15), dt.date(2024, 6, 1)
    assert model_birth("age_now", birth, removal, day, day) == "2012"
    assert model_birth("age_now", birth, removal, day, MODEL_TODAY) == "2011"  # the model's own "today"
    assert model_birth("age_then", birth, removal, day, day) == "2015"  # 9 when taken, read as 9 now
    assert model_birth("age_then", birth, removal, day, MODEL_TODAY) == "2014"
    assert model_birth("year", birth, removal, day, MODEL_TODAY) == "2012"
    assert model_birth("date", birth, removal, day, MODEL_TODAY) == "2012-05-10"
    assert model_birth("none", birth, removal, day, day) == ""
    assert months_ago(removal, day) == 26
    assert model_removal("ago", removal, day, day) == "2022-04"
    assert model_removal("ago", removal, day, MODEL_TODAY) == "2021-02"  # 26 months before April 2023
    assert model_removal("month", removal, day, MODEL_TODAY) == "2022-04"
    assert model_removal("date", removal, day, day) == "2022-04-15" and model_removal("none", removal, day, day) == ""
    assert MODEL_TODAY < heldout28.INTERVIEWS_FROM


def test_habits_fixed_and_drawn_by_their_shares(data: ProfileData) -> None:
    kids = data.population.children
    seeds = range(6)
    # pages: a foster family's page per family; page habits per page
    placed_fams = {c.family: c for c in kids if c.placed and places.DESTINATIONS[c.destination].country == "RU"}
    foster = [page_of(s, c)[0] == "foster" for s in seeds for c in placed_fams.values()]
    assert len(foster) > 300 and within_binomial(float(np.mean(foster)), FOSTER_PAGE, len(foster), sds=4.0)
    assert all(page_of(s, c) == page_of(s, placed_fams[c.family]) for s in seeds[:2] for c in kids
               if c.family in placed_fams and c.placed and c.destination == placed_fams[c.family].destination)
    pages = [("institution", w) for w in range(200)] + [("centre", w) for w in range(200)]
    habits = [page_habit(s, p) for s in range(10) for p in pages]
    assert within_binomial(float(np.mean([h[1] for h in habits])), MONTHLY_PAGES, len(habits), sds=4.0)
    daily_or_workday = [h[0] for h in habits if not h[1]]
    assert within_binomial(float(np.mean(daily_or_workday)), WORKDAY_PAGES, len(daily_or_workday), sds=4.0)
    assert all(page_habit(s, ("foster", f)) == (False, False) for s in seeds for f in range(50))
    assert all(page_habit(s, p) == page_habit(s, p) for s in seeds[:2] for p in pages[:20])
    # posts: per family, birthday and seed (twins share their post)
    days = [dt.date(2023, 1, 1) + dt.timedelta(days=k) for k in range(0, 365, 7)]
    draws = [(posted(s, c, d), age_stated(s, c, d)) for s in seeds[:2] for c in kids[:300] for d in days[:10]]
    assert within_binomial(float(np.mean([x[0] for x in draws])), POSTED, len(draws), sds=4.0)
    assert within_binomial(float(np.mean([x[1] for x in draws])), AGE_STATED, len(draws), sds=4.0)
    twins = [(a, b) for a, b in zip(kids, kids[1:], strict=False) if b.twin and a.family == b.family]
    assert twins and all(
        posted(s, a, d) == posted(s, b, d) and post_date(s, a, d) == post_date(s, b, d)
        for s in seeds[:2] for a, b in twins for d in days[:5] if page_of(s, a) == page_of(s, b)
    )
    daily = [c for c in kids if page_habit(SEED, page_of(SEED, c)) == (False, False)]
    lags = [(post_date(SEED, c, d) - d).days for c in daily[:600] for d in days[:8]]
    assert set(lags) <= {0, 1, 2, 3}
    assert within_binomial(float(np.mean([x > 0 for x in lags])), LATE_POST, len(lags), sds=4.0)
    # stays
    for c in kids[:400]:
        kind, _ = page_of(SEED, c)
        first, last = stay_of(SEED, c)
        assert first >= SCRAPED_FROM and last <= OBSERVED_UNTIL
        if kind == "camp":
            assert CAMP_STAY[0] <= (last - c.removal).days < CAMP_STAY[1] or c.removal < SCRAPED_FROM
        if kind == "centre" and c.removal >= SCRAPED_FROM:
            assert CENTRE_STAY[0] <= (last - c.removal).days < CENTRE_STAY[1]
    # compilers: a habit per compiler, a family with one compiler, a second listing by another
    habits_c = Counter(compiler_habit(s, si, k) for s in range(40) for si in range(50) for k in range(N_COMPILERS))
    total = sum(habits_c.values())
    for key, _ in HABITS:
        assert within_binomial(habits_c[key] / total, _share(HABITS, key), total, sds=4.0), key
    for c in kids[:300]:
        assert compiler_of(SEED, c) != compiler_of(SEED, c, True)
        assert 0 <= compiler_of(SEED, c) < N_COMPILERS and compiled_on(SEED, c) > c.removal
        rounds = [next(i for i, d in enumerate(ROUNDS) if 0 <= (d - compiled_on(SEED, c, x)).days < ROUND_LEAD[1])
                  for x in (False, True)]
        assert rounds[1] == min(rounds[0] + 1, len(ROUNDS) - 1)  # a second listing in the next round
        fam = [x for x in kids[max(0, c.child_id - 8):c.child_id + 8] if x.family == c.family]
        assert all(compiler_of(SEED, x) == compiler_of(SEED, c) for x in fam)
    # interviews: a family's interview (dated or not) shared by its children
    fams = {c.family: c for c in kids}  # a child of each family
    und = [undated(s, c) for s in seeds for c in fams.values()]
    assert within_binomial(float(np.mean(und)), UNDATED, len(und), sds=4.0)
    for c in kids[:300]:
        member = fams[c.family]
        assert undated(SEED, c) == undated(SEED, member) and interviewed_on(SEED, c) == interviewed_on(SEED, member)
        assert interviewed_on(SEED, c) >= c.removal + dt.timedelta(days=heldout28.MIN_AFTER_REMOVAL)
        assert interviewed_on(SEED, c, True) > interviewed_on(SEED, c)
        assert reference_day(SEED, c) in (MODEL_TODAY, interviewed_on(SEED, c))
    said = [phrases(s, c, d) for s in seeds[:3] for c in kids[:600] for d in (False, True)]
    for key, _ in BIRTH_PHRASES:
        share = float(np.mean([b == key for b, _ in said]))
        assert within_binomial(share, _share(BIRTH_PHRASES, key), len(said), sds=4.0), key
    for key, _ in REMOVAL_PHRASES:
        share = float(np.mean([r == key for _, r in said]))
        assert within_binomial(share, _share(REMOVAL_PHRASES, key), len(said), sds=4.0), key


# ---------------------------------------------------------------- the pages' birthday posts


def test_birthday_posts(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(BIRTHDAYS)
    pop = data.population
    before = _base_rows(base, BIRTHDAYS)
    assert frame["record_id"].tolist() == [f"BD{r + 1:05d}" for r in range(len(frame))]
    # capture by the calendar: exactly the children with a posted birthday during their stay
    captured = {
        k for (k, dup), rec in before.items()
        if not dup and posted_birthdays(SEED, pop.children[k], dt.date.fromisoformat(rec["birth_date"]))
    }
    assert set(t[t["kind"] == "own"]["child"].astype(int)) == captured
    kept_by_kind: dict[str, list[bool]] = {}
    for (k, dup), _ in before.items():
        if not dup:
            kept_by_kind.setdefault(page_of(SEED, pop.children[k])[0], []).append(k in captured)
    assert float(np.mean(kept_by_kind["institution"])) > 0.6  # a year or more in the institution
    assert float(np.mean(kept_by_kind["centre"])) < 0.5  # weeks to months in a centre
    if "camp" in kept_by_kind:  # a few weeks at a camp
        assert float(np.mean(kept_by_kind["camp"])) < 0.3
    post_days: list[dt.date] = []
    posts: dict[tuple[int, dt.date], bool] = {}  # (family, birthday) -> the age stated
    forms: Counter[str] = Counter()
    family: dict[str, list[bool]] = {}
    named: list[bool] = []
    origin: list[bool] = []
    lags_daily: list[int] = []
    shifted_workday = 0
    own_birthday: dict[int, dt.date] = {}
    for r, (c_id, kind, new) in enumerate(zip(t["child"], t["kind"], t["new_identity"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        typed = before[(c.child_id, second)]
        row = _row(frame, r)
        birth = dt.date.fromisoformat(typed["birth_date"])
        mine = posted_birthdays(SEED, c, birth)
        assert len(mine) > int(second)
        bday = mine[int(second)]
        first, last = stay_of(SEED, c)
        assert first <= bday <= last  # a birthday while the child was with the page
        assert _same(row, birthday_record(SEED, c, typed, bday, bool(new)))
        if second:
            assert bday >= own_birthday[c.child_id] + dt.timedelta(days=360)  # a later birthday
        else:
            own_birthday[c.child_id] = bday
        page = page_of(SEED, c)
        workday, monthly = page_habit(SEED, page)
        day = post_date(SEED, c, bday)
        post_days.append(day)
        posts[(c.family, bday)] = row["birth_date"] != ""
        assert row["patronymic"] == "" and row["removal_date"] == "" and row["sex"] == c.sex
        b = row["birth_date"]
        if monthly:
            assert len(b) in (0, 7) and day.day == 1
            assert b in ("", f"{birth.year:04d}-{birth.month:02d}")  # the month's list: month and year
        elif b:
            assert len(b) == 10
            lag = (dt.date.fromisoformat(b) - birth).days  # the post's day taken for the birthday
            assert 0 <= lag <= 12 or (birth.month, birth.day) == (2, 29)  # 28 February in a common year
            if workday:
                assert day.weekday() < 5 and (day.month, day.day) not in RU_HOLIDAYS
                shifted_workday += lag > 0
            else:
                lags_daily.append(lag)
        # names as the post wrote them
        g = lexicon.GIVEN[c.new_identity.given if new and c.new_identity is not None else c.given]
        written = {nz.drop_yo(x) for x in (g.ru, g.dim, HYPOCORISTIC[g.ru])} | {
            g.ru, g.dim, HYPOCORISTIC[g.ru]}
        assert row["given_name"] in written
        if g.dim and nz.drop_yo(g.dim) != nz.drop_yo(g.ru):
            hypo = row["given_name"] in (HYPOCORISTIC[g.ru], nz.drop_yo(HYPOCORISTIC[g.ru]))
            dim = row["given_name"] in (g.dim, nz.drop_yo(g.dim))
            forms["hypo" if hypo else "dim" if dim else "full"] += 1
        family.setdefault(page[0], []).append(row["family_name"] != "")
        if row["family_name"]:
            assert row["family_name"] == typed["family_name"]
        origin.append(row["origin_settlement"] != "")
        if page[0] == "foster":
            assert row["origin_institution"] == ""
        else:
            named.append(row["origin_institution"] != "")
            if row["origin_institution"]:  # the receiving institution, never the child's own
                assert row["origin_institution"] == page_name(SEED, page, c)
                assert row["origin_institution"].startswith(("ГБУ СРЦН «", "ПВР «", "лагерь «", "санаторий «"))
    assert post_days == sorted(post_days)
    assert within_binomial(float(np.mean(list(posts.values()))), AGE_STATED, len(posts), sds=4.0)
    total = sum(forms.values())
    for key, _ in GIVEN_FORMS:
        assert within_binomial(forms[key] / total, _share(GIVEN_FORMS, key), total, sds=4.0), key
    for kind, shown in family.items():
        if len(shown) >= 30:
            assert within_binomial(float(np.mean(shown)), FAMILY_SHOWN[kind], len(shown), sds=4.0), kind
    assert within_binomial(float(np.mean(origin)), ORIGIN_MENTIONED, len(origin), sds=4.0)
    assert within_binomial(float(np.mean(named)), PAGE_NAMED, len(named), sds=4.0)
    assert len(lags_daily) > 50
    assert within_binomial(float(np.mean([x > 0 for x in lags_daily])), LATE_POST, len(lags_daily), sds=4.0)
    assert shifted_workday > 10  # weekends and holidays: a birth date days late
    assert (t["kind"] == "duplicate").sum() > 20 and t["new_identity"].sum() > 20


# ---------------------------------------------------------------- the starostas' lists


def test_starosta_lists(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(STAROSTAS)
    pop = data.population
    before = _base_rows(base, STAROSTAS)
    cells: Counter[str] = Counter()
    expected_short = []
    expected_season = []
    folded = slips = ages = 0
    winter_late = spring_early = 0
    sheet_origin: dict[str, int] = {}
    last: dict[str, tuple[dt.date, int]] = {}
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        typed = before[(c.child_id, second)]
        row = _row(frame, r)
        assert _same(row, starosta_record(SEED, c, typed, second))
        day = compiled_on(SEED, c, second)
        assert any(0 <= (d - day).days < ROUND_LEAD[1] for d in ROUNDS) and day > c.removal
        sheet = frame["record_id"][r].split("-")[0]
        assert sheet_origin.setdefault(sheet, c.origin) == c.origin  # one sheet per settlement
        key = (day, compiler_of(SEED, c, second))
        assert sheet not in last or last[sheet] <= key  # by compilation date and compiler
        last[sheet] = key
        for col in ("family_name", "given_name", "patronymic", "sex", "origin_settlement", "origin_institution",
                    "destination"):
            assert _same(row[col], typed[col])
        # the age / year column as the analyst read it
        birth = dt.date.fromisoformat(typed["birth_date"])
        habit = compiler_habit(SEED, c.origin, compiler_of(SEED, c, second))
        expected_short.append(_share(HABIT_CELLS[habit], "short"))
        cell = birth_cell(SEED, c, birth, day, second)
        b = row["birth_date"]
        if re.fullmatch(r"\d{2} р\.н\.", cell):
            cells["short"] += 1
            assert b == f"{day.year - birth.year % 100:04d}"  # two digits read as an age
            folded += b != f"{birth.year:04d}"
        elif re.fullmatch(r"\d{4} р\.н\.", cell):
            cells["year"] += 1
            assert b == f"{birth.year:04d}"
        elif re.fullmatch(r"\d{1,2} (р\.|рік|роки|років)", cell):
            cells["age"] += 1
            ages += 1
            a = int(cell.split()[0])
            true_age = nz.age_at(birth, day)
            assert abs(a - true_age) <= 1 and b == f"{day.year - a:04d}"
            assert int(b) - birth.year in (-1, 0, 1, 2)
            slips += a != true_age
        elif cell:
            cells["date"] += 1
            assert b == birth.isoformat()
        else:
            cells["none"] += 1
            assert b == ""
        # the "when taken" column
        rcell = removal_cell(SEED, c, c.removal, second)
        expected_season.append(rcell.split()[0] in SEASON_WORDS.values() if rcell else False)
        rem = row["removal_date"]
        if rcell and rcell.split()[0] in SEASON_WORDS.values() and rem:
            season = SEASON_OF[c.removal.month]
            assert rem == f"{c.removal.year:04d}-{SEASON_FIRST[season]:02d}"
            winter_late += c.removal.month in (1, 2)  # December of the year written
            spring_early += c.removal.month in (4, 5)
            assert rem != f"{c.removal.year:04d}-{c.removal.month:02d}" or c.removal.month in (3, 6, 9, 12)
    total = sum(cells.values())
    assert within_binomial(cells["short"] / total, float(np.mean(expected_short)), total, sds=4.0)
    assert folded > 0.8 * cells["short"] and cells["short"] > 40
    assert ages > 100 and within_binomial(slips / ages, AGE_SLIP, ages, sds=4.0)
    assert within_binomial(float(np.mean(expected_season)), _share(REMOVAL_CELLS, "season"), total, sds=4.0)
    assert winter_late > 0 and spring_early > 10
    ids = frame["record_id"].tolist()
    assert all(re.fullmatch(r"ST\d{2}-\d{4}", x) for x in ids)
    for sheet in sheet_origin:
        rows_ = [x for x in ids if x.startswith(sheet + "-")]
        assert rows_ == [f"{sheet}-{k + 1:04d}" for k in range(len(rows_))]
    inst = [pop.children[int(c)].mode == "institution" for c in t["child"]]
    assert float(np.mean(inst)) < 0.15  # families much more than institutions


# ---------------------------------------------------------------- the interviews turned into a table


def test_llm_testimonies(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(TESTIMONIES)
    pop = data.population
    before = _base_rows(base, TESTIMONIES)
    assert frame["record_id"].tolist() == [f"TS{r + 1:05d}" for r in range(len(frame))]
    days: list[dt.date] = []
    interviews: dict[tuple[str, int], bool] = {}
    said: Counter[str] = Counter()
    early_now = late_then = shifted_ago = 0
    errors_now: dict[bool, list[int]] = {True: [], False: []}
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        typed = before[(c.child_id, second)]
        row = _row(frame, r)
        assert _same(row, interview_record(SEED, c, typed, second))
        for col in ("family_name", "given_name", "patronymic", "origin_settlement", "destination"):
            assert _same(row[col], typed[col])
            assert not re.search("[\u0400-\u04ff]", row[col])  # Latin script
        day = interviewed_on(SEED, c, second)
        days.append(day)
        stale = undated(SEED, c, second)
        interviews[("c", c.child_id) if second else ("f", c.family)] = stale
        ref = MODEL_TODAY if stale else day
        birth = dt.date.fromisoformat(typed["birth_date"])
        how, rhow = phrases(SEED, c, second)
        said[how] += 1
        b = row["birth_date"]
        if how == "age_now":
            err = int(b) - birth.year
            assert err - (ref.year - day.year) in (0, 1)
            errors_now[stale].append(err)
            early_now += err < 0
        elif how == "age_then":
            err = int(b) - birth.year
            assert err - (ref.year - c.removal.year) in (0, 1)  # the age when taken read as the age now
            late_then += err > 0
        elif how == "year":
            assert b == f"{birth.year:04d}"
        elif how == "date":
            assert b == birth.isoformat()
        else:
            assert b == ""
        rem = row["removal_date"]
        if rhow == "ago" and rem:
            k = int(rem[:4]) * 12 + int(rem[5:7]) - (c.removal.year * 12 + c.removal.month)
            assert k == (ref.year * 12 + ref.month) - (day.year * 12 + day.month)  # counted back from "today"
            shifted_ago += k < 0
            assert (k < 0) == stale
        elif rhow == "month" and rem:
            assert rem == f"{c.removal.year:04d}-{c.removal.month:02d}"
        elif rhow == "none":
            assert rem == ""
    assert days == sorted(days)
    assert within_binomial(float(np.mean(list(interviews.values()))), UNDATED, len(interviews), sds=4.0)
    total = sum(said.values())
    assert within_binomial(said["age_then"] / total, _share(BIRTH_PHRASES, "age_then"), total, sds=4.0)
    assert early_now > 10 and late_then > 40 and shifted_ago > 20
    # without a date an age now gives a year early by the years from the model's "today" to the interview
    # (about 0.8 on average over interviews from mid-2023 to early 2025; four standard errors below that)
    assert float(np.mean(errors_now[True])) - float(np.mean(errors_now[False])) < -0.4
    assert all(e in (0, 1) for e in errors_now[False]) and min(errors_now[True]) < 0
    assert not t["new_identity"].all() and t["new_identity"].sum() >= 1


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout28.generate_heldout28(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout28.generate_heldout28(N, SEED + 1)
    assert not any(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert not data.truth.equals(other.truth)
    assert data.list_names == LISTS
    c = data.population.children[0]
    assert page_of(SEED, c) == page_of(SEED, c) and stay_of(SEED, c) == stay_of(SEED, c)
    assert compiled_on(SEED, c, True) == compiled_on(SEED, c, True) and phrases(SEED, c) == phrases(SEED, c)
    d = dt.date(2023, 7, 1)
    assert given_form(SEED, c, c.given, d) == given_form(SEED, c, c.given, d)
    assert [page_habit(s, ("institution", 3)) for s in range(30)] != [page_habit(0, ("institution", 3))] * 30


@pytest.mark.parametrize("n", [300, 1000])
def test_small_populations(n: int) -> None:
    d = heldout28.generate_heldout28(n, 5)
    assert len(d.population.children) == n and d.list_names == LISTS
    assert all(len(f) > 0 for _, f in d.lists)
    for li, (name, frame) in enumerate(d.lists):
        assert validate_list(frame, name=name).size == len(frame)
        tl = d.truth[d.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
