"""The ninth held-out profile ``heldout_legacy_vk_kobo_vlookup`` (``tests/harness/heldout9.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries, not records.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.harness import (
    heldout9,
    lexicon,
    places,
)
from tests.harness import noise as nz
from tests.harness.heldout9 import (
    BYTE_LIMITS,
    CHOICES,
    DEST_CHOICES,
    INVERTED_SEX_OBLAST,
    MIN_AGE,
    NICKNAMES,
    NULL_DATE,
    OTHER_LABEL,
    OTHER_NAME,
    PROFILE_AGE,
    SWITCH,
    age_gate,
    approx_lookup,
    collate,
    current_city,
    dropdown_slip,
    has_profile,
    interview_date,
    lookup_key,
    services_table,
    slug,
    truncate_bytes,
)
from tests.harness.profiles import ProfileData
from tests.harness.romanise import is_cyrillic

N = 3000
LISTS = ("ua_eias_export", "ru_vk_osint", "ua_kobo_survey", "ua_shtab_vlookup")
NAMES = ("family_name", "given_name", "patronymic")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout9.generate_heldout9(N, 0)



# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout9.NAME == "heldout_legacy_vk_kobo_vlookup"
    spec = heldout9.heldout9_spec()
    assert spec.output_order == LISTS


# ---------------------------------------------------------------- truth
# (valid input, the same bytes for a seed, SYNTHETIC labels: tests/test_harness_heldout_contract.py)


def test_what_the_truth_says_of_this_profile(data: ProfileData) -> None:
    """(That it accounts for every record: tests/test_harness_heldout_contract.py.)"""
    children = data.population.children
    assert len(children) == N and data.list_names == LISTS
    for name in LISTS:
        frame, t = data.list_with_truth(name)
        assert len(frame) > 300
    assert not (data.truth["kind"] == "copy").any()  # no list copies another
    shown = data.truth[data.truth["new_identity"]]
    assert len(shown) > 20 and all(children[c].new_identity is not None for c in shown["child"])
    _, t = data.list_with_truth("ru_vk_osint")
    assert {places.DESTINATIONS[children[c].destination].country for c in t["child"]} == {"RU"}


# ---------------------------------------------------------------- helpers


def test_byte_truncation_and_collation() -> None:
    assert truncate_bytes("Мельниченко", 20) == "Мельниченк"
    assert truncate_bytes("Анастасія", 16) == "Анастасі"
    assert truncate_bytes("Олександрівна", 20) == "Олександрі"
    assert truncate_bytes("Мельниченко", 21) == "Мельниченк"  # half a letter is dropped
    assert truncate_bytes("Нова Каховка", 10) == "Нова"  # and a trailing space
    assert truncate_bytes("Ivan", 16) == "Ivan"
    assert collate("Єнакієве") > collate("Енергодар") and collate("Єнакієве") < collate("Ж")
    assert collate("Лук'яненко") == collate("Лукяненко") and collate("Іван") > collate("Иван")
    assert collate("Коваль Іван") < collate("Ковальов")  # a space before every letter
    assert list(CHOICES) == sorted(CHOICES, key=collate)


def test_approximate_lookup() -> None:
    keys = [collate(k) for k in ("бондар", "коваль", "коваль", "мороз")]
    values = ["b", "k1", "k2", "m"]
    assert approx_lookup(collate("коваль"), keys, values) == "k1"  # the first of the namesakes
    assert approx_lookup(collate("ковальов"), keys, values) == "k2"  # not found: the row before
    assert approx_lookup(collate("яковенко"), keys, values) == "m"
    assert approx_lookup(collate("андрієнко"), keys, values) == ""  # before the first row: #N/A
    assert lookup_key("Коваль", "Іван", "") == "коваль іван"


def test_age_gate_slug_dropdown() -> None:
    b = dt.date(2010, 5, 17)
    assert age_gate(b, MIN_AGE) == b and age_gate(b, 16) == b
    assert age_gate(b, 11) == dt.date(2007, 5, 17)
    assert age_gate(dt.date(2012, 2, 29), 13) == dt.date(2011, 2, 28)
    assert slug("Нова Каховка") == "nova_kakhovka" and slug("Маріуполь") == "mariupol"
    assert slug("Куп'янськ") == "kupiansk"
    assert len({slug(c) for c in CHOICES}) == len(CHOICES)
    assert all(s.isascii() for s in map(slug, CHOICES))
    i = len(CHOICES) // 2
    assert dropdown_slip(CHOICES[i], 1) == CHOICES[i + 1] and dropdown_slip(CHOICES[i], -1) == CHOICES[i - 1]
    assert dropdown_slip(CHOICES[0], -1) == CHOICES[0]


# ---------------------------------------------------------------- state-system export


def test_eias_export_byte_limits_null_dates_and_sex_codes(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_eias_export")
    children = data.population.children
    for k, limit in BYTE_LIMITS.items():
        assert frame[k].map(lambda v: len(v.encode("utf-8"))).max() <= limit
    cut, long_cut = [], []
    for p, c in zip(frame["patronymic"], t["child"], strict=True):
        f = lexicon.FATHERS[children[c].father]
        form = (f.uk_m if children[c].sex == "M" else f.uk_f) if p[:1] == (f.uk_m[:1]) else ""
        if p and form and form.startswith(p):  # the Ukrainian form, typos apart
            cut.append(p != form)
            if len(form) > 10:
                long_cut.append(p == form[:10])
    assert 0.2 < np.mean(cut) < 0.5 and len(long_cut) > 100 and all(long_cut)
    prefixes = [any(form.startswith(p) for form in (lexicon.GIVEN[children[c].given].uk,
                                                    lexicon.GIVEN[children[c].given].ru))
                for p, c in zip(frame["given_name"], t["child"], strict=True)]
    assert np.mean(prefixes) > 0.97  # a cut given name is a prefix of the name (typos apart)
    null = (frame["birth_date"] == NULL_DATE).to_numpy()
    assert 0.04 < null.mean() < 0.12 and not (frame["birth_date"] == "").any()
    true_birth = np.array([b == children[c].birth.isoformat() for b, c in zip(frame["birth_date"], t["child"],
                                                                               strict=True)])
    assert true_birth[~null].mean() > 0.97
    inverted = np.array([places.SETTLEMENTS[children[c].origin].oblast == INVERTED_SEX_OBLAST for c in t["child"]])
    right = np.array([s == children[c].sex for s, c in zip(frame["sex"], t["child"], strict=True)])
    assert inverted.mean() > 0.1 and not right[inverted].any() and right[~inverted].all()
    inst = np.mean([children[c].institution >= 0 for c in t["child"]])
    assert inst > 1.3 * np.mean([c.institution >= 0 for c in children])


# ---------------------------------------------------------------- social-network profiles


def test_vk_profiles_names_and_age_gate(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_vk_osint")
    children = data.population.children
    assert all(has_profile(children[c]) for c in t["child"])
    assert min(nz.age_at(children[c].birth, children[c].removal) for c in t["child"]) >= PROFILE_AGE
    assert (frame["patronymic"] == "").all()
    own = (t["kind"] == "own").to_numpy()
    latin = frame["given_name"].map(lambda v: bool(v) and not is_cyrillic(v)).to_numpy()
    assert 0.06 < latin[own].mean() < 0.2
    nick = frame["family_name"].isin(NICKNAMES).to_numpy()
    assert nick.any() and 0.05 < (frame["family_name"] == "").mean() < 0.16
    dim = {g.dim for g in lexicon.GIVEN if g.dim}
    assert 0.12 < frame["given_name"][own].isin(dim).mean() < 0.35
    full = (frame["birth_date"].str.len() == 10).to_numpy()
    assert 0.35 < full.mean() < 0.55 and (frame["birth_date"][~full] == "").all()
    early, same_day = [], []
    for b, c in zip(frame["birth_date"][full], t["child"][full], strict=True):
        shown, true = dt.date.fromisoformat(b), children[c].birth
        early.append(true.year - shown.year)
        same_day.append((shown.month, shown.day) == (true.month, true.day) or (true.month, true.day) == (2, 29))
    early_a = np.array(early)
    assert all(same_day) and early_a.min() >= 0 and early_a.max() <= MIN_AGE - 11
    assert 0.35 < (early_a > 0).mean() < 0.65  # about half made the year earlier


def test_vk_profiles_cities_dates_old_accounts(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_vk_osint")
    children = data.population.children
    own = (t["kind"] == "own").to_numpy()
    now = np.array([v == current_city(children[c]) for v, c in zip(frame["origin_settlement"], t["child"],
                                                                   strict=True)])
    assert 0.3 < now[own].mean() < 0.5
    cities = {current_city(c) for c in children if places.DESTINATIONS[c.destination].country == "RU"}
    assert len(cities) > 5
    lag = [(dt.date.fromisoformat(v[:7] + "-28" if len(v) == 7 else v) - children[c].removal).days
           for v, c in zip(frame["removal_date"][own], t["child"][own], strict=True) if v]
    assert min(lag) >= -31 and max(lag) <= 330 and np.median(lag) > 60
    old = ~own
    assert 0.03 < old.mean() < 0.12
    assert not t["new_identity"].to_numpy()[old].any()
    uk = [f == lexicon.surname_form(lexicon.SURNAMES[children[c].surname], children[c].sex, "uk")
          and g == lexicon.GIVEN[children[c].given].uk
          for f, g, c in zip(frame["family_name"][old], frame["given_name"][old], t["child"][old], strict=True)]
    assert all(uk) and (frame["removal_date"][old] == "").all()
    rereg = np.array([children[c].new_identity is not None for c in t["child"]])
    assert rereg[own].sum() > 5 and t["new_identity"].to_numpy()[own & rereg].mean() > 0.6


# ---------------------------------------------------------------- phone survey


def test_kobo_export_batches_and_dropdowns(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_kobo_survey")
    children = data.population.children
    assert frame["record_id"].tolist() == [f"KB{r + 1:05d}" for r in range(len(frame))]
    slugs = {slug(c): c for c in CHOICES}
    is_slug = frame["origin_settlement"].isin(set(slugs) | {OTHER_NAME}).to_numpy()
    is_label = frame["origin_settlement"].isin(set(CHOICES) | {OTHER_LABEL}).to_numpy()
    codes = {v[1] for v in DEST_CHOICES.values()}
    labels = {v[0] for v in DEST_CHOICES.values()}
    dest_code = frame["destination"].isin(codes).to_numpy()
    assert frame["destination"].isin(codes | labels).all()
    assert 0.3 < is_slug.mean() < 0.8 and 0.15 < is_label.mean() < 0.6
    assert not (is_slug & ~dest_code).any() and not (is_label & dest_code).any()  # one batch, one convention
    batch = dest_code.astype(int)
    assert (np.diff(batch) >= 0).all()  # the label batch, then the code batch (submission order)
    listed = np.array([places.SETTLEMENTS[children[c].origin].uk in CHOICES for c in t["child"]])
    chosen = [slugs.get(v, v) for v in frame["origin_settlement"]]
    right = np.array([ch == places.SETTLEMENTS[children[c].origin].uk for ch, c in zip(chosen, t["child"],
                                                                                      strict=True)])
    assert 0.02 < 1 - right[listed].mean() < 0.1  # the neighbouring entry picked
    other = frame["origin_settlement"].isin({OTHER_NAME, OTHER_LABEL}).to_numpy()
    assert not listed[other].any() and (~listed).sum() > 10
    assert 0.02 < (frame["birth_date"] == [nz.iso(interview_date(children[c])) for c in t["child"]]).mean() < 0.07
    full = (frame["birth_date"].str.len() == 10).to_numpy()
    wheel = [b[4:] == children[c].birth.isoformat()[4:] and abs(int(b[:4]) - children[c].birth.year) == 1
             for b, c in zip(frame["birth_date"][full], t["child"][full], strict=True)]
    assert 0.015 < np.mean(wheel) < 0.07  # the year wheel one off
    fam = np.mean([children[c].mode == "family" for c in t["child"]])
    assert fam > 1.15 * np.mean([c.mode == "family" for c in children])
    early = np.array([interview_date(children[c]) < SWITCH for c in t["child"]])
    assert (dest_code[early & (t["kind"] == "own").to_numpy()] == 0).all()


# ---------------------------------------------------------------- consolidated table (lookup)


def test_shtab_birth_dates_from_the_approximate_lookup(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_shtab_vlookup")
    children = data.population.children
    keys, births = services_table(data.population)
    assert len(keys) > 0.6 * N and keys == sorted(keys)
    expected = [approx_lookup(collate(lookup_key(f, g, p)), keys, births) for f, g, p in
                zip(frame["family_name"], frame["given_name"], frame["patronymic"], strict=True)]
    dates = frame["birth_date"].tolist()
    assert np.mean([a == b or b == "" for a, b in zip(expected, dates, strict=True)]) == 1.0
    right = np.array([b == children[c].birth.isoformat() for b, c in zip(dates, t["child"], strict=True)])
    assert 0.4 < right.mean() < 0.8  # many children carry another child's birth date
    same_family = [children[c].family for c in t["child"]]
    wrong_sib = []
    by_birth: dict[str, set[int]] = {}
    for c in children:
        by_birth.setdefault(c.birth.isoformat(), set()).add(c.family)
    for b, fam, ok in zip(dates, same_family, right, strict=True):
        if not ok and b:
            wrong_sib.append(fam in by_birth.get(b, set()))
    assert 0.05 < np.mean(wrong_sib) < 0.3  # a sibling's for some of them
