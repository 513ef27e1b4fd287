"""The second held-out profile ``heldout_field_reports`` (``tests/harness/heldout2.py``)
and the generic error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to digests, booleans and
shares before asserting).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import numpy as np
import pytest

from tests.harness import heldout2, lexicon, places
from tests.harness import noise as nz
from tests.harness.lists import mother_surname_index
from tests.harness.profiles import ProfileData
from tests.harness.romanise import is_cyrillic, romanise

N = 3000
LISTS = ("volunteer_sheet", "ua_ssd_oblast", "ru_guardianship", "icc_interviews")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout2.generate_heldout2(N, 0)



# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout2.NAME == "heldout_field_reports"
    spec = heldout2.heldout2_spec()
    assert tuple(s.name for s in spec.lists) == ("ua_ssd_oblast", "icc_interviews", "ru_guardianship",
                                                 "volunteer_sheet")


# ---------------------------------------------------------------- schema, determinism, labels, truth


# valid input, the same bytes for a seed, SYNTHETIC labels: tests/test_harness_heldout_contract.py


def test_what_the_truth_says_of_this_profile(data: ProfileData) -> None:
    """(That it accounts for every record: tests/test_harness_heldout_contract.py.)"""
    children = data.population.children
    assert len(data.population.children) == N
    for name in LISTS:
        frame, t = data.list_with_truth(name)
        ok_sex = all(s in ("", children[c].sex) for s, c in zip(frame["sex"], t["child"], strict=True))
        assert ok_sex
    # only the volunteer sheet copies, and only from the interviews
    copies = data.truth[data.truth["kind"] == "copy"]
    assert set(copies["list"]) == {LISTS.index("volunteer_sheet")}
    assert set(copies["source"]) == {"icc_interviews"}
    # a re-registered identity is shown only by the Russian register, only for re-registered children
    shown = data.truth[data.truth["new_identity"]]
    assert set(shown["list"]) == {LISTS.index("ru_guardianship")}
    assert all(children[c].new_identity is not None for c in shown["child"])
    # the guardianship register sees only children placed in Russia
    _, t = data.list_with_truth("ru_guardianship")
    assert all(children[c].placed for c in t["child"])
    # every list has within-list duplicates; the volunteer sheet most
    dup = {n: (data.list_with_truth(n)[1]["kind"] == "duplicate").mean() for n in LISTS}
    assert min(dup.values()) > 0.01 and dup["volunteer_sheet"] == max(dup.values())


# ---------------------------------------------------------------- the error processes occur


def _century_off(d: ProfileData, name: str) -> np.ndarray:
    """Per record: the birth year is a century off the child's (a two-digit year read wrong)."""
    frame, t = d.list_with_truth(name)
    b = frame["birth_date"]
    year = b.str[:4].where(b != "", "0").astype(int).to_numpy()
    true_year = np.array([d.population.children[c].birth.year for c in t["child"]])
    return (year > 0) & (np.abs(year - true_year) >= 90)


def test_two_digit_year_errors_of_the_oblast_services(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_ssd_oblast")
    children = data.population.children
    # style: 90% full dates, 3% of them put in the wrong century (some after a day/year swap)
    old = _century_off(data, "ua_ssd_oblast")
    assert 0.01 < old.mean() < 0.06
    year = frame["birth_date"].str[:4][old].astype(int).to_numpy()
    true_year = np.array([children[c].birth.year for c in t["child"]])[old]
    assert (np.abs(year - true_year) == 100).mean() > 0.8  # mostly the right two digits, the other century
    # dd.mm.yy read back as yy.mm.dd: 5% of full dates
    swapped = [(s := nz.day_year_swap(children[c].birth)) is not None and v == s.isoformat()
               for v, c in zip(frame["birth_date"], t["child"], strict=True)]
    assert 0.015 < np.mean(swapped) < 0.08
    # the lists that write no two-digit years never have a year a century off; the volunteer sheet has
    for name in ("ru_guardianship", "icc_interviews"):
        assert not _century_off(data, name).any()
    assert _century_off(data, "volunteer_sheet").any()


def test_raions_and_city_districts(data: ProfileData) -> None:
    f, _ = data.list_with_truth("ua_ssd_oblast")
    place = f["origin_settlement"]
    raion = place.str.contains("р-н", regex=False)
    assert 0.3 < raion.mean() < 0.6  # style: 35% beside the settlement, 10% instead of it
    assert 0.05 < (raion & ~place.str.contains(",", regex=False)).mean() < 0.15
    f, _ = data.list_with_truth("ru_guardianship")
    assert 0.25 < f["origin_settlement"].str.startswith("г.о. ").mean() < 0.5
    f, _ = data.list_with_truth("icc_interviews")
    assert f["origin_settlement"].str.contains(" Raion", regex=False).mean() > 0.15


def test_mother_family_name_in_the_guardianship_register(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_guardianship")
    children = data.population.children
    mother = [lexicon.surname_form(lexicon.SURNAMES[mother_surname_index(children[c])], children[c].sex, "ru")
              for c in t["child"]]
    father = [lexicon.surname_form(lexicon.SURNAMES[children[c].surname], children[c].sex, "ru")
              for c in t["child"]]
    got = [v.replace("ё", "е") for v in frame["family_name"]]
    as_mother = np.mean([g == m.replace("ё", "е") for g, m in zip(got, mother, strict=True)])
    as_father = np.mean([g == f.replace("ё", "е") for g, f in zip(got, father, strict=True)])
    assert 0.05 < as_mother < 0.25  # style: 15% of records without a shown new identity
    assert as_father > 0.5
    # the patronymic is (nearly) always there: missing only where the full name sat in one cell
    assert (frame["patronymic"] != "").mean() > 0.9
    # the date of placement instead of removal: never before the removal
    removal = [children[c].removal.isoformat() for c in t["child"]]
    later = [r >= tr[: len(r)] for r, tr in zip(frame["removal_date"], removal, strict=True) if r]
    assert all(later) and np.mean([r > tr[: len(r)] for r, tr in zip(frame["removal_date"], removal, strict=True)
                                   if r]) > 0.9


def test_mother_surname_is_one_per_family_and_not_the_fathers(data: ProfileData) -> None:
    children = data.population.children
    by_family: dict[int, set[int]] = {}
    for c in children:
        by_family.setdefault(c.family, set()).add(mother_surname_index(c))
    assert all(len(v) == 1 for v in by_family.values())
    assert all(mother_surname_index(c) != c.surname for c in children)


def test_ages_at_interviews_typed_in_later(data: ProfileData) -> None:
    frame, t = data.list_with_truth("icc_interviews")
    children = data.population.children
    years = [(int(v), children[c].birth.year) for v, c in zip(frame["birth_date"], t["child"], strict=True)
             if len(v) == 4]
    diff = Counter(y - true for y, true in years)
    assert set(diff) <= {0, 1, 2}
    assert diff[2] / len(years) > 0.05  # two years late: an age typed in a year after the interview
    assert len(years) / len(frame) > 0.35  # style: half from the age


def test_names_written_by_ear(data: ProfileData) -> None:
    frame, t = data.list_with_truth("icc_interviews")
    children = data.population.children
    assert not any(is_cyrillic(v) for v in frame["family_name"])
    spellings: dict[int, set[str]] = {}
    for v, c in zip(frame["given_name"], t["child"], strict=True):
        spellings.setdefault(children[c].given, set()).add(v.lower())
    counts = Counter(children[c].given for c in t["child"])
    common = [g for g, n in counts.items() if n >= 15]
    assert common and np.mean([len(spellings[g]) for g in common]) > 4  # non-systematic: many spellings per name
    # the mother's family name, romanised: the first letter of the mother's Ukrainian or Russian name
    # (by ear, a first letter is kept apart from г, и/і, х, є, ж, ц, ч, щ, ю, я): more often than chance
    simple = set("бвдзклмнопрстуф")
    hits = n = 0
    for v, c in zip(frame["family_name"], t["child"], strict=True):
        m = lexicon.SURNAMES[mother_surname_index(children[c])]
        f = lexicon.SURNAMES[children[c].surname]
        first_m, first_f = m.uk[0].lower(), f.uk[0].lower()
        if first_m in simple and first_f in simple and first_m != first_f and v:
            n += 1
            hits += romanise(first_m, "ua_2010") == v[0].lower()
    assert n > 100 and 0.05 < hits / n < 0.3  # style: 15%


def test_full_name_in_one_cell_split_wrongly(data: ProfileData) -> None:
    frame, t = data.list_with_truth("volunteer_sheet")
    children = data.population.children
    whole = (frame["given_name"] == "") & frame["family_name"].str.contains(" ", regex=False)
    initials = frame["given_name"].str.fullmatch(r"\w\.")
    given_as_family = [v in {lexicon.GIVEN[children[c].given].uk, lexicon.GIVEN[children[c].given].ru,
                             lexicon.GIVEN[children[c].given].dim}
                       for v, c in zip(frame["family_name"], t["child"], strict=True)]
    # style: 20% of own records, split whole / rotated / initials as 50 / 30 / 20
    assert 0.04 < whole.mean() < 0.14
    assert 0.01 < initials.mean() < 0.07
    assert 0.01 < np.mean(given_as_family) < 0.08
    for name in ("ua_ssd_oblast", "icc_interviews"):  # the other lists split names right
        f, _ = data.list_with_truth(name)
        assert not ((f["given_name"] == "") & f["family_name"].str.contains(" ", regex=False)).any()


def test_sibling_rows_filled_down(data: ProfileData) -> None:
    children = data.population.children

    def same_date_pairs(name: str) -> tuple[int, int]:
        frame, t = data.list_with_truth(name)
        first = {c: v for v, c, k in zip(frame["birth_date"], t["child"], t["kind"], strict=True) if k != "duplicate"}
        pairs = [(c, c + 1) for c in first if c + 1 in first and children[c + 1].family == children[c].family
                 and not children[c + 1].twin]
        return sum(len(first[a]) == 10 and first[a] == first[b] for a, b in pairs), len(pairs)

    same, n = same_date_pairs("volunteer_sheet")
    assert n > 20 and same >= 2  # a non-twin sibling with the elder's birth date
    same_ssd, n_ssd = same_date_pairs("ua_ssd_oblast")
    assert n_ssd > 100 and same_ssd == 0  # a list that does not fill down never does


def test_destination_language_changes_within_the_volunteer_sheet(data: ProfileData) -> None:
    frame, _ = data.list_with_truth("volunteer_sheet")
    labels = set(frame["destination"]) - {""}
    assert {"Росія", "Россия"} <= labels and any(not is_cyrillic(v) for v in labels)
    assert 0.2 < (frame["destination"] == "").mean() < 0.4
    # the other lists write one language each (an interviews list mixes region and country)
    for name in ("ua_ssd_oblast", "ru_guardianship", "icc_interviews"):
        f, _ = data.list_with_truth(name)
        scripts = {is_cyrillic(v) for v in set(f["destination"]) - {""}}
        assert len(scripts) == 1


# ---------------------------------------------------------------- the generic helpers


def test_two_digit_year_helpers() -> None:
    assert nz.day_year_swap(dt.date(2011, 3, 7)) == dt.date(2007, 3, 11)
    assert nz.day_year_swap(dt.date(2000, 3, 7)) is None  # year 00 is no day
    assert nz.day_year_swap(dt.date(2011, 3, 11)) is None  # no change
    assert nz.day_year_swap(dt.date(2031, 2, 5)) is None  # 31 February
    assert nz.wrong_century(dt.date(2011, 3, 7)) == dt.date(1911, 3, 7)
    assert nz.wrong_century(dt.date(1997, 3, 7)) == dt.date(2097, 3, 7)
    assert nz.wrong_century(dt.date(2000, 2, 29)) is None  # 1900 was no leap year


def test_by_ear_romanisation() -> None:
    with pytest.raises(ValueError):
        romanise("Коваленко", "by_ear")
    a = [romanise("Коваленко", "by_ear", np.random.default_rng(3), lang="ru") for _ in range(1)]
    b = [romanise("Коваленко", "by_ear", np.random.default_rng(3), lang="ru") for _ in range(1)]
    assert a == b  # seeded
    rng = np.random.default_rng(0)
    heard = {romanise(w, "by_ear", rng, lang=lang) for w, lang in [("Коваленко", "ru")] * 200}
    assert {"Kovalenko", "Kavalenko"} <= heard and len(heard) >= 4
    assert all(re.fullmatch(r"[A-Z][a-z]+", w) for w in heard)
    assert romanise("ГОРЛІВКА", "by_ear", rng).isupper()
    assert romanise("Мельник, м. Донецьк", "by_ear", rng).count(",") == 1  # punctuation kept


def test_every_settlement_has_a_raion() -> None:
    for i in range(len(places.SETTLEMENTS)):
        assert places.raion(i, "uk").endswith("ський р-н") or places.raion(i, "uk").endswith("цький р-н")
        assert places.raion(i, "ru").endswith(" р-н") and places.raion(i, "en").endswith(" Raion")
    bakhmut = [s.uk for s in places.SETTLEMENTS].index("Бахмут")
    assert places.raion(bakhmut, "uk") == "Бахмутський р-н"
