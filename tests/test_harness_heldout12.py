"""The twelfth held-out profile ``heldout_casemgmt_notices_databank`` (``tests/harness/heldout12.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries, not records.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from tests.harness import heldout12, lexicon, places
from tests.harness.heldout12 import (
    EDITED,
    ENTITIES,
    HROMADA,
    NBSP,
    RSS,
    SOFT_HYPHEN,
    TYPOGRAF,
    VERSION_ERRORS,
    WEB_ENTRY,
    case_opened,
    first_version,
    hromada_name,
    picker_date,
    rss_text,
    soft_hyphenate,
    typograf,
    typograf_region,
    utc_date,
)
from tests.harness.metrics import within_binomial
from tests.harness.profiles import ProfileData

N = 3000
SEED = 0
LISTS = ("ua_cpims_cases", "ru_databank_anketa", "ua_npu_notices")
NAMES = ("family_name", "given_name", "patronymic")
ISO_DAY = r"\d{4}-\d{2}-\d{2}"
_UK = [s.uk for s in places.SETTLEMENTS]


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout12.generate_heldout12(N, SEED)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the shares of rarer processes."""
    return heldout12.generate_heldout12(4 * N, SEED)




# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout12.NAME == "heldout_casemgmt_notices_databank"
    assert heldout12.heldout12_spec().output_order == LISTS


# ---------------------------------------------------------------- the helpers, on name-table entries


def test_date_picker_and_utc_helpers() -> None:
    assert picker_date("2012-03-05") == dt.date(2012, 3, 5)
    assert picker_date("2012-03") == dt.date(2012, 3, 1) and picker_date("2012") == dt.date(2012, 1, 1)
    assert picker_date("") is None
    assert utc_date(dt.date(2012, 3, 5)) == dt.date(2012, 3, 4)
    assert utc_date(dt.date(2012, 3, 1)) == dt.date(2012, 2, 29)  # a month entered as its first day
    assert utc_date(dt.date(2012, 1, 1)) == dt.date(2011, 12, 31)  # a year: the year before
    assert hromada_name(_UK.index("Маріуполь")) == "Маріупольська міська територіальна громада"
    assert hromada_name(_UK.index("Нова Каховка")) == "Новокаховська міська територіальна громада"
    assert all(hromada_name(i) for i in places.ORIGIN_IDX)  # every origin has its community


def test_typograf_helpers() -> None:
    sh = SOFT_HYPHEN
    assert soft_hyphenate("Анастасия") == f"Ана{sh}ста{sh}сия"
    assert soft_hyphenate("Александр") == f"Але{sh}ксандр"
    assert soft_hyphenate("Артём") == "Артём" and soft_hyphenate("Мария") == "Мария"  # short words
    assert typograf("г. Мариуполь") == f"г.{NBSP}Ма{sh}ри{sh}у{sh}поль"
    assert typograf("Ростовская обл.") == f"Ро{sh}сто{sh}вская{NBSP}обл."
    assert typograf("К.") == "К." and typograf("") == ""
    for text in ("г. Мариуполь", "Краснодарский край", "Елизавета"):  # invisible: the text without them is the same
        assert typograf(text).replace(sh, "").replace(NBSP, " ") == text
        assert typograf(typograf(text)) == typograf(text)
    shares = [typograf_region(s, r) for s in range(300) for r in places.RU_DEST]
    assert within_binomial(float(np.mean(shares)), TYPOGRAF, len(shares))
    assert typograf_region(5, 3) == typograf_region(5, 3)


def test_rss_and_first_version_helpers() -> None:
    assert rss_text("ЛУК'ЯНЕНКО") == "ЛУК&#39;ЯНЕНКО" and rss_text("Мар’яна") == "Мар&rsquo;яна"
    assert rss_text(f"м.{NBSP}Куп'янськ") == "м.&nbsp;Куп&#39;янськ"
    assert set(ENTITIES) == {"'", "’", "ʼ", NBSP}
    g = lexicon.GIVEN[int(lexicon.MALE_IDX[0])]
    rec = {"family_name": "КОВАЛЕНКО", "given_name": g.uk, "patronymic": "Миколайович", "birth_date": "2012-03-05",
           "sex": "M", "origin_settlement": f"м.{NBSP}Маріуполь", "origin_institution": "", "removal_date": "",
           "destination": ""}
    pop = heldout12.generate_heldout12(200, 1).population
    boy = next(c for c in pop.children if c.given == int(lexicon.MALE_IDX[0]))
    rng = np.random.default_rng(0)
    kinds = []
    for _ in range(400):
        kind, out = first_version(rec, boy, rng)
        changed = [k for k in rec if out[k] != rec[k]]
        assert len(changed) == 1  # one error, in one field
        assert changed[0] == {"birth": "birth_date", "family": "family_name", "given": "given_name", "sex": "sex"}[kind]
        if kind == "birth":
            assert out["birth_date"] in ("2012-05-03", "2011-03-05", "2013-03-05")
        if kind == "family":
            assert out["family_name"].isupper() and out["family_name"] != "КОВАЛЕНКО"
        kinds.append(kind)
    expected = dict(VERSION_ERRORS)
    if g.ru == g.uk:  # no Russian form to give: the next kind instead
        expected = {**expected, "birth": expected["birth"] + expected.pop("given")}
    for kind, share in expected.items():
        assert within_binomial(kinds.count(kind) / len(kinds), share, len(kinds))


# ---------------------------------------------------------------- case management (UTC dates, hromadas)


def _shift(written: str, true: dt.date) -> int | None:
    """0 if ``written`` is what a picker holds for ``true`` at some precision (the day, its
    month's first day, 1 January), 1 if it is the day before one of those, None if neither or both."""
    if not written:
        return None
    held = {true, true.replace(day=1), true.replace(month=1, day=1)}
    d = dt.date.fromisoformat(written)
    at, before = d in held, d + dt.timedelta(days=1) in held
    return None if at == before else int(before)


def test_cpims_dates_one_day_early_for_web_cases(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_cpims_cases")
    pop = big.population
    assert frame["birth_date"].str.fullmatch(f"({ISO_DAY})?").all()  # pickers: full dates or nothing
    assert frame["removal_date"].str.fullmatch(f"({ISO_DAY})?").all()
    web, agree = [], []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[c_id]
        b = _shift(frame["birth_date"][r], c.birth)
        m = _shift(frame["removal_date"][r], c.removal)
        if b is not None:
            web.append(b)
        if b is not None and m is not None:
            agree.append(b == m)  # the whole case shifted, or none of it
    assert len(web) > 0.8 * len(frame) and all(agree) and len(agree) > 500
    assert within_binomial(float(np.mean(web)), WEB_ENTRY, len(web))
    ends = frame["removal_date"][frame["removal_date"] != ""].map(lambda v: (dt.date.fromisoformat(v)
                                                                             + dt.timedelta(days=1)).day == 1)
    assert ends.mean() > 0.1  # a removal month entered as its first day, exported as the last day before


def test_cpims_hromada_and_order(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_cpims_cases")
    pop = big.population
    hromada = []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[c_id]
        place = frame["origin_settlement"][r]
        if not place:
            continue
        assert place in (places.SETTLEMENTS[c.origin].uk, hromada_name(c.origin))
        hromada.append(place == hromada_name(c.origin))
    assert within_binomial(float(np.mean(hromada)), HROMADA, len(hromada))
    assert frame["record_id"].tolist() == [f"CP{r + 1:05d}" for r in range(len(frame))]
    firsts = [case_opened(pop.children[c]) for c, k in zip(t["child"], t["kind"], strict=True) if k != "duplicate"]
    assert firsts == sorted(firsts)  # in the order the cases were opened


# ---------------------------------------------------------------- data-bank questionnaires (web typography)


def test_anketa_typography_by_region(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ru_databank_anketa")
    pop = big.population
    fields = [*NAMES, "origin_settlement", "origin_institution", "destination"]
    marked, plain, hyphenated = 0, 0, []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[c_id]
        assert c.placed
        cells = [frame[k][r] for k in fields]
        if typograf_region(SEED, c.destination):
            marked += 1
            for v in cells:  # the typographer's output of the text without its invisible characters
                assert typograf(v.replace(SOFT_HYPHEN, "").replace(NBSP, " ")) == v
            given = frame["given_name"][r].replace(SOFT_HYPHEN, "")
            if soft_hyphenate(given) != given:
                hyphenated.append(SOFT_HYPHEN in frame["given_name"][r])
            if frame["origin_settlement"][r].startswith("г"):
                assert frame["origin_settlement"][r].startswith("г." + NBSP)
        else:
            plain += 1
            assert not any(SOFT_HYPHEN in v or NBSP in v for v in cells)
    assert marked > 50 and plain > 50 and hyphenated and all(hyphenated)
    assert (frame["family_name"].str.fullmatch(r"\w\.") | (frame["family_name"] == "")).mean() > 0.85  # an initial
    assert (frame["removal_date"] == "").all() and frame["birth_date"].str.fullmatch(r"\d{4}(-\d{2})?").all()
    regions = [int(i[2:4]) for i in frame["record_id"]]
    assert regions == sorted(regions) and frame["record_id"].is_unique


# ---------------------------------------------------------------- police wanted notices (versions, RSS)


def _unescaped(v: str) -> str:
    for ch, entity in ENTITIES.items():
        v = v.replace(entity, ch)
    return v


def _changed(a: pd.Series, b: pd.Series) -> list[str]:
    return [k for k in ("family_name", "given_name", "patronymic", "birth_date", "sex", "origin_settlement",
                        "origin_institution", "removal_date", "destination") if _unescaped(a[k]) != _unescaped(b[k])]


def test_notices_versions(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_npu_notices")
    own = {c: r for r, (c, k) in enumerate(zip(t["child"], t["kind"], strict=True)) if k != "duplicate"}
    dups = [(c, r) for r, (c, k) in enumerate(zip(t["child"], t["kind"], strict=True)) if k == "duplicate"]
    assert within_binomial(len(dups) / len(own), EDITED, len(own))
    kinds = []
    for c, r in dups:
        assert r < own[c]  # the first version was scraped before the corrected one
        changed = _changed(frame.iloc[r], frame.iloc[own[c]])
        assert len(changed) == 1  # one error, corrected by the edit
        kinds.append(changed[0])
    shares = {k: kinds.count(k) / len(kinds) for k in ("birth_date", "family_name", "given_name", "sex")}
    errors = dict(VERSION_ERRORS)
    assert within_binomial(shares["family_name"], errors["family"], len(kinds))
    assert within_binomial(shares["sex"], errors["sex"], len(kinds))
    # a given name with no other Russian form (or already Russian) falls back to the birth date
    assert within_binomial(shares["birth_date"] + shares["given_name"], errors["birth"] + errors["given"], len(kinds))
    assert shares["given_name"] > 0.05
    assert frame["record_id"].tolist() == [f"NP{r + 1:05d}" for r in range(len(frame))]


def test_notices_rss_escaping(big: ProfileData) -> None:
    frame, _ = big.list_with_truth("ua_npu_notices")
    place = frame["origin_settlement"]
    town = place.str.startswith("м.")
    assert not place.str.startswith("м. ").any()  # the CMS's non-breaking space, as such or escaped
    escaped = place[town].str.startswith("м.&nbsp;")
    assert (escaped | place[town].str.startswith("м." + NBSP)).all()
    assert within_binomial(float(escaped.mean()), RSS, int(town.sum()))
    fields = [*NAMES, "origin_settlement", "origin_institution"]
    cells = frame[fields].to_numpy()
    rss = np.array([any("&" in v for v in row) for row in cells])
    raw = np.array([any(ch in v for v in row for ch in ENTITIES) for row in cells])
    assert not (rss & raw).any()  # a row is escaped throughout or not at all
    names = frame[list(NAMES)].to_numpy().ravel()
    assert any("&#39;" in v or "&rsquo;" in v for v in names) and any("'" in v or "’" in v for v in names)
    assert (frame["family_name"].str.isupper()).mean() > 0.6  # capitals for most
