"""The seventeenth held-out profile ``heldout_masked_suggest_oms`` (``tests/harness/heldout17.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries, not records.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

from tests.harness import heldout17, lexicon, places
from tests.harness.heldout17 import (
    ALT_FORM,
    ALT_GIVEN,
    ALT_OFFICE,
    ALT_PATRONYMIC,
    BIRTH_MASKS,
    CRM_START,
    GIVEN_DICT,
    MASKS,
    N_COUNCILS,
    ORIGIN_MASKED,
    PATRONYMIC_DICT,
    SEX_DEFAULT,
    TAPPED,
    TYPED_LETTERS,
    appeal_date,
    autocomplete,
    council_of,
    council_practice,
    decision_date,
    mask_names,
    mask_word,
    office_habit,
    second_council,
    suggestion,
)
from tests.harness.metrics import within_binomial
from tests.harness.population import Child
from tests.harness.profiles import ProfileData

N = 3000
SEED = 0
LISTS = ("ua_ombudsman_appeals", "ua_status_decisions", "ru_oms_extract")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout17.generate_heldout17(N, SEED)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the shares."""
    return heldout17.generate_heldout17(4 * N, SEED)


def _forms(child: Child) -> dict[str, tuple[str, str, str]]:
    """(family name, given name, patronymic) of ``child`` in its Ukrainian and Russian forms."""
    s, g, f = lexicon.SURNAMES[child.surname], lexicon.GIVEN[child.given], lexicon.FATHERS[child.father]
    sx = "m" if child.sex == "M" else "f"
    return {
        lang: (lexicon.surname_form(s, child.sex, lang), getattr(g, lang), getattr(f, f"{lang}_{sx}"))
        for lang in ("uk", "ru")
    }


def _compatible(value: str, day: dt.date) -> bool:
    """A date cell that is the true ``day`` at some precision (or empty)."""
    return value == "" or day.isoformat().startswith(value)


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout17.NAME == "heldout_masked_suggest_oms"
    assert heldout17.heldout17_spec().output_order == LISTS


# ---------------------------------------------------------------- the helpers, on name-table entries


def test_suggestions() -> None:
    m, f = GIVEN_DICT["M"], GIVEN_DICT["F"]
    assert m[0] == "Олександр" and f[0] == "Анастасія" and len(m) + len(f) == len(lexicon.GIVEN)
    assert [autocomplete(x, m, 3) for x in ("Олег", "Олексій", "Тимур", "Максим", "Матвій")] == [
        "Олександр",
        "Олександр",
        "Тимофій",
        "Максим",
        "Матвій",
    ]
    assert autocomplete("Матвій", m, 2) == "Максим" and autocomplete("Олексій", m, 4) == "Олександр"
    assert [autocomplete(x, f, 2) for x in ("Маргарита", "Аліса", "Олена", "Анна", "Софія")] == [
        "Марія",
        "Аліна",
        "Олександра",
        "Анастасія",
        "Софія",
    ]
    assert autocomplete("Олег", m, 4) == "Олег" and autocomplete("Яна", f, 3) == "Яна"  # typed out
    assert autocomplete("Дмитрий", m, 2) == "Дмитро"  # a Russian form typed by its first letters
    assert autocomplete("Александр", m, 3) == "Александр" and suggestion("Але", m) == ""  # nothing suggested
    p = PATRONYMIC_DICT
    assert autocomplete("Олексійович", p["M"], 3) == "Олександрович"
    assert autocomplete("Валентинівна", p["F"], 3) == "Валеріївна" and autocomplete("Валентинівна", p["F"], 2) == (
        "Василівна"
    )


def test_masks() -> None:
    assert mask_word("Коваленко", "first_last") == "К*******о" and mask_word("Бойко", "prefix3") == "Бой***"
    assert mask_word("Вовк", "first_last") == "В**к" and mask_word("Вовк", "prefix3") == "Вов***"
    assert mask_word("Яна", "prefix3") == "Яна" and mask_word("", "initial") == ""
    rec = {"family_name": "Коваленко", "given_name": "Марія", "patronymic": "Олександрівна"}
    mask_names(rec, "initials")
    assert rec == {"family_name": "Коваленко", "given_name": "М.", "patronymic": "О."}
    rec = {"family_name": "Мельник", "given_name": "Іван", "patronymic": ""}
    mask_names(rec, "family_initial")
    assert rec == {"family_name": "М.", "given_name": "Іван", "patronymic": ""}
    with pytest.raises(ValueError):
        mask_word("Бойко", "stars")


def test_council_practices_shares() -> None:
    """Practices fixed per council and seed, drawn by the shares (over councils and seeds)."""
    draws = [council_practice(s, c) for s in range(20) for c in range(N_COUNCILS)]
    assert council_practice(3, 5) == council_practice(3, 5)
    for k, (key, share) in enumerate((*MASKS, *BIRTH_MASKS)):
        col = 0 if k < len(MASKS) else 1
        assert within_binomial(float(np.mean([d[col] == key for d in draws])), share, len(draws), sds=4.0)
    assert within_binomial(float(np.mean([d[2] for d in draws])), ORIGIN_MASKED, len(draws), sds=4.0)
    habits = [office_habit(s, int(r)) for s in range(200) for r in places.RU_DEST]
    assert within_binomial(float(np.mean([h == "alt" for h in habits])), ALT_OFFICE, len(habits), sds=4.0)


# ---------------------------------------------------------------- the ombudsman's appeals


def test_appeals_suggestions_and_sex_default(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_ombudsman_appeals")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"ZV20\d{2}-\d{5}").all() and frame["record_id"].is_unique
    assert frame["record_id"].str[2:6].astype(int).is_monotonic_increasing
    dates = [
        appeal_date(SEED, pop.children[int(c)], k == "duplicate") for c, k in zip(t["child"], t["kind"], strict=True)
    ]
    assert dates == sorted(dates)
    letters = range(TYPED_LETTERS[0], TYPED_LETTERS[1] + 1)
    girls_crm: list[bool] = []
    girls_sheet: list[bool] = []
    known: list[bool] = []
    wrong: list[bool] = []
    expected: list[float] = []
    for r, c_id in enumerate(t["child"]):
        c = pop.children[int(c_id)]
        crm = dates[r] >= CRM_START
        sex = frame["sex"][r]
        if c.sex == "F" and sex:
            (girls_crm if crm else girls_sheet).append(sex == "M")
        if c.sex == "M":
            assert sex in ("M", "")
        forms = _forms(c)
        given = frame["given_name"][r]
        allowed = {forms[lang][1] for lang in forms}
        suggested = {autocomplete(x, GIVEN_DICT[c.sex], k) for x in allowed for k in letters}
        if not crm or sex != c.sex:
            known.append(given in allowed)
            continue
        known.append(given in allowed | suggested)
        uk = forms["uk"][1]
        if given in (uk, *{autocomplete(uk, GIVEN_DICT[c.sex], k) for k in letters}):
            wrong.append(given != uk)
            expected.append(TAPPED * float(np.mean([autocomplete(uk, GIVEN_DICT[c.sex], k) != uk for k in letters])))
        assert _compatible(frame["birth_date"][r], c.birth)
    assert float(np.mean(known)) > 0.95  # but for typos and apostrophes
    assert within_binomial(float(np.mean(girls_crm)), SEX_DEFAULT, len(girls_crm), sds=4.0)
    assert not any(girls_sheet) and len(girls_sheet) > 50
    assert len(wrong) > 2000 and sum(wrong) > 100
    assert within_binomial(float(np.mean(wrong)), float(np.mean(expected)), len(wrong), sds=4.0)


def test_appeals_patronymic_suggestions(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_ombudsman_appeals")
    pop = big.population
    letters = range(TYPED_LETTERS[0], TYPED_LETTERS[1] + 1)
    changed = 0
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        pat = frame["patronymic"][r]
        forms = {x[2] for x in _forms(c).values()}
        if pat in forms or pat == "":
            continue
        uk = _forms(c)["uk"][2]
        if pat in {autocomplete(x, PATRONYMIC_DICT[c.sex], k) for x in forms for k in letters}:
            assert appeal_date(SEED, c, kind == "duplicate") >= CRM_START
            assert pat in PATRONYMIC_DICT[c.sex] and pat != uk
            changed += 1
    assert changed > 100


# ---------------------------------------------------------------- councils' status decisions


_SHAPE = {
    "first_last": re.compile(r"[^*]\*+[^*]|[^*]{1,2}"),
    "prefix3": re.compile(r"[^*]{3}\*\*\*|[^*]{1,3}"),
    "family_initial": re.compile(r"[^*]\."),
}


def test_decisions_masked_by_council(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_status_decisions")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"SD\d{2}-\d{4}").all() and frame["record_id"].is_unique
    councils = frame["record_id"].str[2:4].astype(int) - 1
    assert councils.is_monotonic_increasing
    exact: list[bool] = []
    used: set[str] = set()
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        again = kind == "duplicate"
        council = second_council(SEED, c) if again else council_of(SEED, c)
        assert council == councils[r]
        names, birth, origin_masked = council_practice(SEED, council)
        used.add(names)
        family, given, pat = frame["family_name"][r], frame["given_name"][r], frame["patronymic"][r]
        if names in _SHAPE:
            assert _SHAPE[names].fullmatch(family)
        else:
            assert "*" not in family
        if names == "initials":
            assert re.fullmatch(r"[^*]\.", given) and re.fullmatch(r"([^*]\.)?", pat)
        else:
            assert not given.endswith(".")
        expected = []
        for f_, g_, p_ in _forms(c).values():
            rec = {"family_name": f_, "given_name": g_, "patronymic": p_}
            mask_names(rec, names)
            expected.append((rec["family_name"], rec["given_name"]))
        exact.append((family, given) in expected)
        b = frame["birth_date"][r]
        assert _compatible(b, c.birth)
        assert b == "" if birth == "masked" else len(b) in ((0, 4) if birth == "year" else (0, 10))
        if origin_masked:
            assert frame["origin_settlement"][r] == ""
    assert float(np.mean(exact)) > 0.93  # but for typos and apostrophe variants
    assert used == {k for k, _ in MASKS}
    # a family's children decided on together: consecutive rows, one date
    seen: dict[int, list[int]] = {}
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        if kind != "duplicate":
            seen.setdefault(pop.children[int(c_id)].family, []).append(r)
    assert all(rows == list(range(rows[0], rows[0] + len(rows))) for rows in seen.values())
    c0 = pop.children[int(t["child"][0])]
    assert decision_date(SEED, c0, True) > decision_date(SEED, c0, False)
    assert second_council(SEED, c0) != council_of(SEED, c0)


# ---------------------------------------------------------------- the Russian insurance extract


def test_oms_renderings_by_office(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ru_oms_extract")
    pop = big.population
    assert frame["record_id"].str.fullmatch(r"TF\d{2}-\d{5}").all() and frame["record_id"].is_unique
    assert frame["record_id"].str[2:4].astype(int).is_monotonic_increasing
    alt: dict[str, list[bool]] = {"alt": [], "standard": []}
    alt_p: dict[str, list[bool]] = {"alt": [], "standard": []}
    for r, (c_id, new) in enumerate(zip(t["child"], t["new_identity"], strict=True)):
        c = pop.children[int(c_id)]
        assert places.DESTINATIONS[c.destination].country == "RU"
        assert frame["record_id"][r].startswith(f"TF{c.destination + 1:02d}-")
        g, f = lexicon.GIVEN[c.given], lexicon.FATHERS[c.father]
        given, pat = frame["given_name"][r], frame["patronymic"][r]
        if new:
            continue
        habit = office_habit(SEED, c.destination)
        usual_p = f.ru_m if c.sex == "M" else f.ru_f
        if c.doc_lang == "ru":  # Russian documents: copied as they are
            assert given not in set(ALT_GIVEN.values()) - {g.ru}
            continue
        if g.uk in ALT_GIVEN and given in (g.ru, ALT_GIVEN[g.uk]) and g.ru != ALT_GIVEN[g.uk]:
            alt[habit].append(given == ALT_GIVEN[g.uk])
        if f.uk in ALT_PATRONYMIC:
            other = ALT_PATRONYMIC[f.uk][0 if c.sex == "M" else 1]
            if pat in (usual_p, other):
                alt_p[habit].append(pat == other)
        assert _compatible(frame["birth_date"][r], c.birth)
    for habit, share in ALT_FORM.items():
        for got in (alt[habit], alt_p[habit]):
            assert len(got) > 100 and within_binomial(float(np.mean(got)), share, len(got), sds=4.0)


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout17.generate_heldout17(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout17.generate_heldout17(N, SEED + 1)
    assert not all(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
    c = data.population.children[0]
    assert appeal_date(SEED, c, False) == appeal_date(SEED, c, False)  # fixed per child and seed
    assert council_of(SEED, c) == council_of(SEED, c)  # fixed per family and seed
