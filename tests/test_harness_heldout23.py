"""The twenty-third held-out profile ``heldout_karpatalja_istanbul_hotline`` (``tests/harness/heldout23.py``)
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
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tests.harness as harness_pkg
from estimators.linkage import read_lists
from estimators.linkage.schema import validate_list
from tests.harness import heldout23, lexicon, places, write_profile
from tests.harness.heldout23 import (
    CAPITALS,
    COMBINING_DOT,
    HOTLINE,
    HU_COUNTRY,
    HUNGARY,
    LAYOUT_CONTINUES,
    LAYOUT_SWITCHED,
    PICKER_TODAY,
    TR_COUNTRY,
    TURKEY,
    WRONG_LAYOUT,
    called_on,
    hotline_record,
    hungarian,
    hungarian_record,
    in_capitals,
    kept_today,
    latin_keys,
    partner_title,
    qwerty,
    registered_on,
    switched_layout,
    transit_date,
    turkish,
    turkish_record,
    turkish_upper,
    wrong_layout_fields,
)
from tests.harness.lists import SCHEMA
from tests.harness.metrics import within_binomial
from tests.harness.profiles import ProfileData, build

N = 2000
SEED = 0
LISTS = (HUNGARY, TURKEY, HOTLINE)
COLUMNS = SCHEMA[1:]
NAMES = ("family_name", "given_name", "patronymic")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout23.generate_heldout23(N, SEED)


@pytest.fixture(scope="module")
def base() -> ProfileData:
    """The lists as :func:`.profiles.build` renders them, before each source's rewriting."""
    return build(heldout23.heldout23_spec(), N, SEED)


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
    assert heldout23.NAME == "heldout_karpatalja_istanbul_hotline"
    assert tuple(s.name for s in heldout23.heldout23_spec().lists) == LISTS
    assert heldout23.heldout23_spec().output_order == LISTS
    doc = heldout23.__doc__ or ""
    assert doc.startswith(
        "TWENTY-THIRD HELD-OUT error profile ``heldout_karpatalja_istanbul_hotline``: NEVER use it for tuning."
    )
    assert "heldout_moldova_query_linebreaks" in doc  # the profile it is to replace


def test_run_once() -> None:
    """It was run once (at the end of the session that wrote heldout24): the module, the harness and
    the bench script say so, and the bench script runs it only when asked (``--heldout23``)."""
    doc = " ".join((heldout23.__doc__ or "").split())
    assert "was run ONCE (2026-12-07" in doc and "has NOT been run yet" not in doc
    assert "It replaces :mod:`.heldout22` (``heldout_moldova_query_linebreaks``) as the profile kept out" in doc
    init_doc = " ".join((harness_pkg.__doc__ or "").split())
    after = init_doc.split("(``heldout_karpatalja_istanbul_hotline``)")[1].strip()
    assert after.startswith("replaced it as the profile kept out of tuning and has been run once")
    assert "``--heldout23``" in init_doc.split("add the held-out ones")[0]  # and the later ones
    bench = (_ROOT / "bench" / "linkage_harness.py").read_text(encoding="utf-8")
    assert '"heldout23": (HELDOUT23, generate_heldout23, "twenty-third ")' in bench
    assert 'ap.add_argument(f"--{flag}", action="store_true"' in bench  # off unless asked
    note = " ".join(bench.split("``heldout_karpatalja_istanbul_hotline`` (``--heldout23``)")[1].split())
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


def test_hungarian_spelling_and_qwerty() -> None:
    ru = ["Коваленко", "Кузнецов", "Никита", "Денис", "Медведев", "Татьяна", "Наталья", "Сергей", "Евгений",
          "Алексей", "Пугачёв", "Юлия", "Ковалевский", "Щербаков", "Дмитриевич", "Анастасия"]  # fmt: skip
    assert [hungarian(w, "ru") for w in ru] == [
        "Kovalenko", "Kuznyecov", "Nyikita", "Gyenyisz", "Medvegyev", "Tatyjana", "Natalja", "Szergej", "Jevgenyij",
        "Alekszej", "Pugacsov", "Julija", "Kovalevszkij", "Scserbakov", "Dmitrijevics", "Anasztaszija",
    ]  # fmt: skip
    uk = ["Тетяна", "Дніпро", "Ковальов", "Лук'яненко", "Олександр", "Сергій", "Шевченко", "Ганна", "Ірина",
          "Мирослава", "Євген", "Олексіївна", "Їжакевич", "Маріуполь"]  # fmt: skip
    assert [hungarian(w, "uk") for w in uk] == [
        "Tetyana", "Dnyipro", "Kovaljov", "Lukjanenko", "Olekszandr", "Szerhij", "Sevcsenko", "Hanna", "Irina",
        "Miroszlava", "Jevhen", "Olekszijivna", "Jizsakevics", "Mariupol",
    ]  # fmt: skip
    assert (
        hungarian("КОВАЛЕНКО", "uk") == "KOVALENKO" and hungarian("", "uk") == "" and hungarian("2012", "ru") == "2012"
    )
    assert qwerty("Kuznyecov Szerhij") == "Kuynzecov Syerhij" and qwerty(HU_COUNTRY["RU"]) == "Orosyorsy'g"
    assert qwerty(HU_COUNTRY["BY"]) == "Feh;rorosyorsy'g" and qwerty(qwerty("Zsuzsa Nyikita")) == "Zsuzsa Nyikita"
    for g in lexicon.GIVEN:
        assert not _CYRILLIC.search(hungarian(g.uk, "uk") + hungarian(g.ru, "ru"))
    for s in places.SETTLEMENTS:
        assert not _CYRILLIC.search(hungarian(s.uk, "uk") + hungarian(s.ru_src, "ru"))


def test_turkish_spelling_and_casing() -> None:
    ru = ["Кузнецов", "Никита", "Сергей", "Евгений", "Пугачёв", "Юлия", "Щербаков", "Дмитриевич", "Джамиля"]
    assert [turkish(w, "ru") for w in ru] == [
        "Kuznetsov", "Nikita", "Sergey", "Yevgeniy", "Pugaçov", "Yuliya", "Şçerbakov", "Dmitriyeviç", "Camilya",
    ]  # fmt: skip
    uk = ["Ірина", "Микола", "Лисенко", "Шевченко", "Лук'яненко", "Євген", "Олексіївна", "Їжакевич", "Жанна"]
    assert [turkish(w, "uk") for w in uk] == [
        "İrına", "Mıkola", "Lısenko", "Şevçenko", "Lukyanenko", "Yevhen", "Oleksiyivna", "Yijakevıç", "Janna",
    ]  # fmt: skip
    assert turkish_upper("İrına Mıkola Nikita") == "İRINA MIKOLA NİKİTA"
    assert partner_title("NİKİTA") == "Ni" + COMBINING_DOT + "ki" + COMBINING_DOT + "ta"  # İ's Unicode lower case
    assert partner_title("İRINA") == "İrina" and partner_title("MIKOLA") == "Mikola"  # ı lost
    assert partner_title("Mıkola") == "Mıkola" and partner_title("ROSTOV-NA-DONU") == "Rostov-Na-Donu"
    assert partner_title(turkish_upper(TR_COUNTRY)) == TR_COUNTRY
    for g in lexicon.GIVEN:
        assert not _CYRILLIC.search(turkish(g.uk, "uk") + turkish(g.ru, "ru"))


def test_latin_keys() -> None:
    words = ["Коваленко", "Шевченко", "Юлія", "Лук'яненко", "Щербаков", "Єлизавета", "Хоружий", "Объедкова"]
    assert [latin_keys(w) for w in words] == [
        "Rjdfktyrj", "Itdxtyrj", ">ksz", "Ker`zytyrj", "Oth,frjd", '"kbpfdtnf', "{jhe;bq", "J,]tlrjdf",
    ]  # fmt: skip
    assert latin_keys("") == "" and latin_keys("2012-03-05") == "2012-03-05"
    for g in lexicon.GIVEN:
        assert not _CYRILLIC.search(latin_keys(g.uk) + latin_keys(g.ru))


def test_habits_fixed_and_drawn_by_their_shares(data: ProfileData) -> None:
    kids = data.population.children[:600]
    seeds = range(4)
    draws = len(kids) * len(seeds)
    for fn, share in ((kept_today, PICKER_TODAY),):
        got = [fn(s, c) for s in seeds for c in kids]
        assert within_binomial(float(np.mean(got)), share, draws, sds=4.0), fn.__name__
    # per family: one draw per family (the children of a family share it)
    for fn, share in ((switched_layout, LAYOUT_SWITCHED), (in_capitals, CAPITALS)):
        fams = {(s, c.family): fn(s, c) for s in range(8) for c in data.population.children}
        assert all(fn(s, c) == fams[(s, c.family)] for s in range(2) for c in kids)
        assert within_binomial(float(np.mean(list(fams.values()))), share, len(fams), sds=4.0), fn.__name__
        seconds = [fn(s, c, True) for s in seeds for c in kids]
        assert within_binomial(float(np.mean(seconds)), share, draws, sds=4.0), fn.__name__
    fields = Counter(wrong_layout_fields(s, c, d) for s in seeds for c in kids for d in (False, True))
    total = sum(fields.values())
    some = total - fields[0]
    assert within_binomial(some / total, WRONG_LAYOUT, total, sds=4.0)
    assert within_binomial((fields[2] + fields[3]) / some, LAYOUT_CONTINUES, some, sds=4.0)
    assert set(fields) <= {0, 1, 2, 3} and fields[3] < fields[2] + fields[3]
    c = kids[0]
    assert registered_on(SEED, c) > c.removal and transit_date(SEED, c) > c.removal and called_on(SEED, c) > c.removal
    assert called_on(SEED, c, True) > called_on(SEED, c)


# ---------------------------------------------------------------- the Hungarian register


def test_hungary_register_in_hungarian_spelling(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(HUNGARY)
    pop = data.population
    before = _base_rows(base, HUNGARY)
    assert frame["record_id"].tolist() == [f"KA{r + 1:05d}" for r in range(len(frame))]
    days: list[dt.date] = []
    switched: dict[tuple[int, bool], bool] = {}
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        days.append(registered_on(SEED, c, second))
        row = _row(frame, r)
        assert _same(row, hungarian_record(SEED, c, before[(c.child_id, second)], second))
        assert not any(_CYRILLIC.search(v) for v in row.values())
        on = switched_layout(SEED, c, second)
        switched[(c.family if not second else -1 - c.child_id, second)] = on
        country = HU_COUNTRY[places.DESTINATIONS[c.destination].country]
        assert row["destination"] == (qwerty(country) if on else country)
        if on:
            assert "z" not in row["destination"]
        for col in ("sex", "birth_date", "removal_date", "origin_institution"):
            assert _same(row[col], before[(c.child_id, second)][col])
    assert days == sorted(days)
    sittings = list(switched.values())
    assert within_binomial(float(np.mean(sittings)), LAYOUT_SWITCHED, len(sittings), sds=4.0)
    # the soft consonants: gy ty ny in some of the records' names (Ukrainian forms soften less)
    soft = float(
        np.mean([bool(re.search("gy|ty|ny", "".join(_row(frame, r)[k] for k in NAMES))) for r in range(len(frame))])
    )
    assert 0.05 < soft < 0.8


# ---------------------------------------------------------------- the Turkish transit desk


def test_turkey_transit_title_cased(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(TURKEY)
    pop = data.population
    before = _base_rows(base, TURKEY)
    assert frame["record_id"].tolist() == [f"IST{r + 1:05d}" for r in range(len(frame))]
    days: list[dt.date] = []
    caps: dict[tuple[int, bool], bool] = {}
    dotted = dotless = 0
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        days.append(transit_date(SEED, c, second))
        row = _row(frame, r)
        assert _same(row, turkish_record(SEED, c, before[(c.child_id, second)], second))
        assert not any(_CYRILLIC.search(v) for v in row.values()) and row["destination"] == TR_COUNTRY
        upper = in_capitals(SEED, c, second)
        caps[(c.family if not second else -1 - c.child_id, second)] = upper
        text = "".join(row[k] for k in NAMES)
        if upper:
            assert "ı" not in text  # I lowered to i
            dotted += COMBINING_DOT in text
        else:
            assert COMBINING_DOT not in text
            dotless += "ı" in text
        for col in ("sex", "birth_date", "removal_date"):
            assert _same(row[col], before[(c.child_id, second)][col])
    assert days == sorted(days)
    typed = list(caps.values())
    assert within_binomial(float(np.mean(typed)), CAPITALS, len(typed), sds=4.0)
    assert dotted > 50 and dotless > 50
    assert all(places.DESTINATIONS[pop.children[int(c)].destination].country == "RU" for c in t["child"])


# ---------------------------------------------------------------- the hotline CRM


def test_hotline_latin_layout_and_picker_today(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(HOTLINE)
    pop = data.population
    before = _base_rows(base, HOTLINE)
    assert frame["record_id"].tolist() == [f"HL{r + 1:06d}" for r in range(len(frame))]
    days: list[dt.date] = []
    layouts: Counter[int] = Counter()
    today: list[bool] = []
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        days.append(called_on(SEED, c, second))
        typed = before[(c.child_id, second)]
        row = _row(frame, r)
        assert _same(row, hotline_record(SEED, c, typed, second))
        k = wrong_layout_fields(SEED, c, second)
        layouts[k] += 1
        for i, col in enumerate(NAMES):
            if typed[col]:
                assert _same(not _CYRILLIC.search(row[col]), i < k)
        if not typed["birth_date"]:
            today.append(row["birth_date"] != "")
            if today[-1]:
                assert row["birth_date"] == called_on(SEED, c, second).isoformat()
                assert row["birth_date"] > c.removal.isoformat()  # after the removal
        else:
            assert _same(row["birth_date"], typed["birth_date"])
        for col in ("sex", "origin_settlement", "origin_institution", "destination"):
            assert _same(row[col], typed[col])
    assert days == sorted(days)
    total = sum(layouts.values())
    assert within_binomial(1 - layouts[0] / total, WRONG_LAYOUT, total, sds=4.0)
    assert within_binomial(float(np.mean(today)), PICKER_TODAY, len(today), sds=4.0)


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout23.generate_heldout23(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout23.generate_heldout23(N, SEED + 1)
    assert not any(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
    c = data.population.children[0]
    assert switched_layout(SEED, c) == switched_layout(SEED, c) and in_capitals(SEED, c) == in_capitals(SEED, c)
    assert wrong_layout_fields(SEED, c, True) == wrong_layout_fields(SEED, c, True)
    assert kept_today(SEED, c) == kept_today(SEED, c) and called_on(SEED, c) == called_on(SEED, c)


@pytest.mark.parametrize("n", [300, 1000])
def test_small_populations(n: int) -> None:
    d = heldout23.generate_heldout23(n, 5)
    assert len(d.population.children) == n and d.list_names == LISTS
    assert all(len(f) > 0 for _, f in d.lists)
    for li, (_, frame) in enumerate(d.lists):
        tl = d.truth[d.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
