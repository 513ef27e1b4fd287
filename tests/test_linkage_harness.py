"""Tests of the linkage evaluation harness itself (``tests/harness``), not of the linkage model.

The harness's data are SYNTHETIC.  No test prints a record: comparisons of lists are
reduced to booleans before asserting.  The quality targets of the linkage model on the
harness are tested elsewhere; here one tiny end-to-end run checks only the wiring (node
order, histories, the row's fields).  The held-out profile is generated and validated,
never linked.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

from estimators.linkage import read_lists
from tests.harness import (
    SYNTHETIC_LABEL,
    TUNING,
    error_breakdown,
    evaluate_labels,
    generate,
    heldout,
    lexicon,
    pairwise_quality,
    pattern_counts,
    pattern_l1,
    places,
    true_evaluation_row,
    write_profile,
)
from tests.harness.noise import birth_year_from_age, transpose_day_month
from tests.harness.romanise import romanise

ALL_PROFILES = [*TUNING, heldout.NAME]


def _generate(name: str, n: int, seed: int):
    return heldout.generate_heldout(n, seed) if name == heldout.NAME else generate(name, n, seed)


@pytest.fixture(scope="module")
def full() -> dict:
    """Every profile at the default size (generation is fast; linkage is not run)."""
    return {name: _generate(name, 3000, 0) for name in ALL_PROFILES}


# ---------------------------------------------------------------- determinism and truth


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_same_seed_same_lists_other_seed_other_lists(name: str) -> None:
    a, b, c = _generate(name, 300, 5), _generate(name, 300, 5), _generate(name, 300, 6)
    same = all(fa.equals(fb) and na == nb for (na, fa), (nb, fb) in zip(a.lists, b.lists, strict=True))
    same_truth = bool(a.truth.equals(b.truth))
    differ = any(not fa.equals(fc) for (_, fa), (_, fc) in zip(a.lists, c.lists, strict=True))
    assert same and same_truth
    assert differ


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_truth_is_consistent(name: str, full: dict) -> None:
    d = full[name]
    k = len(d.lists)
    assert 3 <= k <= 4
    assert len(d.truth) == sum(len(f) for _, f in d.lists)
    for li, (_, frame) in enumerate(d.lists):
        t = d.truth[d.truth["list"] == li]
        assert t["row"].tolist() == list(range(len(frame)))
        assert frame["record_id"].is_unique
        # one own-or-copied record per child and list, duplicates on top of it
        firsts = t[t["kind"] != "duplicate"]["child"]
        assert firsts.is_unique
        assert set(t[t["kind"] == "duplicate"]["child"]) <= set(firsts)
    children = d.population.children
    # copies come from an earlier-captured list of the same profile
    copies = d.truth[d.truth["kind"] == "copy"]
    assert set(copies["source"]) <= set(d.list_names)
    # a record shows a new identity only for a re-registered child
    shown = d.truth[d.truth["new_identity"]]["child"]
    assert all(children[c].new_identity is not None for c in shown)
    # sex, where given, is the child's
    ok_sex = True
    for li, (_, frame) in enumerate(d.lists):
        t = d.truth[d.truth["list"] == li]
        for s, c in zip(frame["sex"], t["child"], strict=True):
            ok_sex &= s in ("", children[c].sex)
    assert ok_sex


@pytest.mark.parametrize("name", ALL_PROFILES)
def test_population_structure(name: str, full: dict) -> None:
    children = full[name].population.children
    assert len(children) == 3000
    assert all(c.birth < c.removal for c in children)
    assert all((c.removal - c.birth).days < 18 * 366 for c in children)
    by_family: dict[int, list] = {}
    for c in children:
        by_family.setdefault(c.family, []).append(c)
    sizes = Counter(len(v) for v in by_family.values())
    assert sizes[1] > sizes[2] > sizes[3] > 0  # skewed family sizes with sibling groups
    twins = 0
    for members in by_family.values():
        assert len({(m.surname, m.father, m.origin) for m in members}) == 1  # siblings share them
        assert len({m.given for m in members}) == len(members)  # no two siblings share a name
        for a, b in zip(members, members[1:], strict=False):
            gap = abs((b.birth - a.birth).days)
            if b.twin:
                twins += 1
                assert gap == 0
            else:
                assert gap >= 300
    assert twins > 0
    # a skewed name distribution: the commonest given name far more frequent than the median one
    counts = Counter(c.given for c in children)
    assert max(counts.values()) > 5 * np.median(list(counts.values()))


def test_eligibility_and_dependence(full: dict) -> None:
    d = full["p2_media"]
    children = d.population.children
    camp = d.list_names.index("by_camp")
    on_camp = d.truth[d.truth["list"] == camp]["child"]
    assert all(places.DESTINATIONS[children[c].destination].country == "BY" for c in on_camp)
    # the ICC submission copies from the other lists: more overlap with them than independence gives
    icc = d.list_names.index("icc_submission")
    sets = {li: set(d.truth[d.truth["list"] == li]["child"]) for li in range(len(d.lists))}
    n = len(children)
    observed = len(sets[icc] & sets[camp])
    expected_if_independent = len(sets[icc]) * len(sets[camp]) / n
    assert observed > 1.5 * expected_if_independent
    p3 = full["p3_russian_db"]
    ru = p3.list_names.index("ru_placement")
    on_ru = p3.truth[p3.truth["list"] == ru]["child"]
    assert all(places.DESTINATIONS[p3.population.children[c].destination].country == "RU" for c in on_ru)
    assert p3.truth[p3.truth["list"] == ru]["new_identity"].mean() > 0.1


# ---------------------------------------------------------------- input validation


@pytest.mark.parametrize("name", ALL_PROFILES)
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_lists_pass_the_linkage_input_validation(name: str, fmt: str, full: dict, tmp_path) -> None:
    d = full[name]
    paths = write_profile(d, tmp_path / fmt, fmt)
    assert [p.stem for p in paths] == list(d.list_names)
    raw = read_lists(paths)
    assert [r.name for r in raw] == list(d.list_names)
    assert [r.size for r in raw] == [len(f) for _, f in d.lists]
    assert not any(p.name.startswith("truth") for p in (tmp_path / fmt).iterdir())


# ---------------------------------------------------------------- the error processes are there


def _column(profiles: list, column: str) -> set[str]:
    return {v for d in profiles for _, f in d.lists for v in f[column]}


def test_error_processes_named_in_the_brief_occur(full: dict) -> None:
    tuning = [full[n] for n in TUNING]
    given = {v.lower() for v in _column(tuning, "given_name")}
    family = {v.lower() for v in _column(tuning, "family_name")}
    place = " | ".join(_column(tuning, "origin_settlement")).lower()
    dest = _column(tuning, "destination")
    # Ukrainian, Russian and Belarusian forms, romanisations, English equivalents
    assert {"олександр", "александр", "аляксандр", "oleksandr", "aleksandr", "alexander"} <= given
    assert {"катерина", "екатерина", "кацярына", "kateryna", "catherine"} <= given
    assert {"настя", "саша"} & given  # diminutives from media
    assert {"олійник", "олейник"} <= family
    # settlement names before and after the 2016 renames, Russian forms, romanised forms
    for old, new in (("торез", "чистякове"), ("краснодон", "сорокине"), ("стаханов", "кадіївка"),
                     ("снежное", "сніжне"), ("харцызск", "харцизьк"), ("мариуполь", "маріуполь")):
        assert old in place and new in place
    assert "horlivka" in place and "gorlovka" in place
    # destination written in one fixed language per list
    assert {"Belarus", "Беларусь", "Білорусь"} <= dest
    for d in tuning:
        for _, f in d.lists:
            labels = set(f["destination"]) - {""}
            scripts = {any("\u0400" <= ch <= "\u04ff" for ch in v) for v in labels}
            assert len(scripts) == 1


def test_rates_of_the_media_tally(full: dict) -> None:
    d = full["p2_media"]
    f = dict(d.lists)["media_tally"]
    no_family = (f["family_name"] == "").mean()
    year_only = (f["birth_date"].str.len() == 4).mean()
    assert 0.25 < no_family < 0.5  # style: 35% missing, 5% initials
    assert 0.6 < year_only < 0.9  # 70% from the age, 10% a year
    t = d.truth[d.truth["list"] == d.list_names.index("media_tally")]
    born = np.array([d.population.children[c].birth.year for c in t["child"]])
    years = f["birth_date"].where(f["birth_date"].str.len() == 4, "")
    sel = years != ""
    diff = years[sel].astype(int).to_numpy() - born[sel.to_numpy()]
    assert set(np.unique(diff)) <= {0, 1}  # a year from an age is the true year or one more
    assert (diff == 1).mean() > 0.2


def test_the_heldout_profile_is_kept_apart() -> None:
    assert heldout.NAME not in TUNING
    assert "NEVER use it for tuning" in (heldout.__doc__ or "")
    with pytest.raises(KeyError):
        generate(heldout.NAME, 100, 0)


# ---------------------------------------------------------------- romanisation and date helpers


@pytest.mark.parametrize(
    ("cyr", "lat"),
    [
        # examples printed in Cabinet of Ministers of Ukraine Resolution No. 55 (27.01.2010)
        ("Алушта", "Alushta"), ("Борщагівка", "Borshchahivka"), ("Вінниця", "Vinnytsia"), ("Згорани", "Zghorany"),
        ("Розгон", "Rozghon"), ("Ґалаґан", "Galagan"), ("Єнакієве", "Yenakiieve"), ("Гаєвич", "Haievych"),
        ("Житомир", "Zhytomyr"), ("Закарпаття", "Zakarpattia"), ("Їжакевич", "Yizhakevych"),
        ("Кадиївка", "Kadyivka"), ("Йосипівка", "Yosypivka"), ("Стрий", "Stryi"), ("Олексій", "Oleksii"),
        ("Хмельницький", "Khmelnytskyi"), ("Щербухи", "Shcherbukhy"), ("Гоща", "Hoshcha"), ("Юрій", "Yurii"),
        ("Корюківка", "Koriukivka"), ("Яготин", "Yahotyn"), ("Костянтин", "Kostiantyn"), ("Знам'янка", "Znamianka"),
        ("Феодосія", "Feodosiia"), ("Біла Церква", "Bila Tserkva"),
    ],
)
def test_ukrainian_national_romanisation(cyr: str, lat: str) -> None:
    assert romanise(cyr, "ua_2010") == lat


def test_other_romanisations() -> None:
    # ICAO Doc 9303 (7th ed.), Part 3, table for Cyrillic: Ю IU, Я IA, Й I, Ъ IE, Ё E
    assert romanise("ЮЛИЯ", "ru_icao") == "IULIIA"
    assert romanise("Подъячев", "ru_icao") == "Podieiachev"
    assert romanise("Артём", "ru_icao") == "Artem"
    # BGN/PCGN 1947 without diacritics and primes
    assert [romanise(w, "ru_bgn") for w in ("Александр", "Юлия", "Екатеринбург", "Харьков", "Соловьёв")] == [
        "Aleksandr", "Yuliya", "Yekaterinburg", "Kharkov", "Solovyov"]
    assert [romanise(w, "ua_bgn1965") for w in ("Андрій", "Юлія", "Харків")] == ["Andriy", "Yuliya", "Kharkiv"]
    assert [romanise(w, "be_passport") for w in ("Аляксандр", "Кацярына", "Сяргей", "Святлана")] == [
        "Aliaksandr", "Katsiaryna", "Siarhei", "Sviatlana"]
    assert romanise("Кацярына", "scholarly", lang="be") == "Kaciaryna"
    assert romanise("Мельник, м. Донецьк", "ua_2010") == "Melnyk, m. Donetsk"  # punctuation kept
    with pytest.raises(ValueError):
        romanise("Іван", "no_such_system")


def test_name_tables() -> None:
    g = {x.uk: x for x in lexicon.GIVEN}
    assert (g["Олександр"].ru, g["Олександр"].be, g["Олександр"].en) == ("Александр", "Аляксандр", "Alexander")
    assert (g["Катерина"].ru, g["Катерина"].be, g["Катерина"].en) == ("Екатерина", "Кацярына", "Catherine")
    s = {x.uk: x for x in lexicon.SURNAMES}
    for uk, ru in (("Олійник", "Олейник"), ("Ковальов", "Ковалёв"), ("Соловйов", "Соловьёв"),
                   ("Лук'яненко", "Лукьяненко"), ("Білоус", "Белоус")):
        assert s[uk].ru == ru
    assert lexicon.surname_form(s["Ковальов"], "F", "ru") == "Ковалёва"
    assert lexicon.surname_form(s["Ковалевський"], "F", "uk") == "Ковалевська"
    assert lexicon.surname_form(s["Білий"], "F", "ru") == "Белая"
    assert len({x.uk for x in lexicon.SURNAMES}) == len(lexicon.SURNAMES) > 400
    assert abs(lexicon.SURNAME_P.sum() - 1) < 1e-12
    renamed = {x.uk_old: x.uk for x in places.SETTLEMENTS if x.uk_old}
    assert renamed["Артемівськ"] == "Бахмут" and renamed["Дзержинськ"] == "Торецьк"


def test_date_helpers() -> None:
    import datetime as dt

    assert transpose_day_month(dt.date(2012, 3, 7)) == dt.date(2012, 7, 3)
    assert transpose_day_month(dt.date(2012, 3, 17)) is None  # 17 is no month
    assert birth_year_from_age(dt.date(2010, 10, 1), dt.date(2022, 9, 30)) == 2011  # 11 years old
    assert birth_year_from_age(dt.date(2010, 10, 1), dt.date(2022, 10, 1)) == 2010


# ---------------------------------------------------------------- metrics on hand-made cases


def test_perfect_clustering() -> None:
    t = np.array([0, 0, 0, 1, 1, 2, 3, 3])
    li = np.array([0, 1, 1, 0, 2, 1, 0, 2])
    q = pairwise_quality(t, t + 100, li)  # any labels that partition alike
    assert q.precision_within == q.recall_within == q.precision_across == q.recall_across == 1.0
    c = pattern_counts(t, li, 3)
    assert c == Counter({0b110: 1, 0b101: 2, 0b010: 1})
    assert pattern_l1(c, pattern_counts(t[::-1] * 7, li[::-1], 3)) == 0.0


def test_known_split_gives_hand_computed_recall() -> None:
    # one child on lists 0, 1, 2; the record on list 2 left in its own cluster
    t = np.array([0, 0, 0])
    li = np.array([0, 1, 2])
    q = pairwise_quality(t, np.array([1, 1, 2]), li)
    assert (q.true_across, q.predicted_across, q.correct_across) == (3, 1, 1)
    assert q.recall_across == pytest.approx(1 / 3)
    assert q.precision_across == 1.0
    assert math.isnan(q.recall_within) and math.isnan(q.precision_within)  # no within-list pairs at all
    # histories: true {111: 1}, linked {110: 1, 001: 1}: L1 = (1 + 1 + 1) / 1
    assert pattern_l1(pattern_counts(t, li, 3), pattern_counts(np.array([1, 1, 2]), li, 3)) == 3.0


def test_known_merge_gives_hand_computed_precision() -> None:
    # two children, each on lists 0 and 1; everything merged into one cluster
    t = np.array([0, 1, 0, 1])
    li = np.array([0, 0, 1, 1])
    q = pairwise_quality(t, np.zeros(4, dtype=int), li)
    assert (q.predicted_across, q.correct_across, q.true_across) == (4, 2, 2)
    assert q.precision_across == 0.5 and q.recall_across == 1.0
    assert (q.predicted_within, q.correct_within) == (2, 0)
    assert q.precision_within == 0.0


def test_within_list_duplicate_pairs() -> None:
    # child 0 twice on list 0 (a duplicate) and once on list 1; the duplicate is missed
    t = np.array([0, 0, 0])
    li = np.array([0, 0, 1])
    q = pairwise_quality(t, np.array([5, 6, 5]), li)
    assert (q.true_within, q.correct_within, q.true_across, q.correct_across) == (1, 0, 2, 1)
    assert q.recall_within == 0.0 and q.recall_across == 0.5


def test_metrics_reject_bad_input() -> None:
    with pytest.raises(ValueError):
        pairwise_quality(np.array([0, 1]), np.array([0]), np.array([0, 1]))
    with pytest.raises(ValueError):
        pattern_counts(np.array([0]), np.array([3]), 3)


def test_evaluate_labels_on_truth_and_on_a_split(full: dict) -> None:
    d = full["p1_registers"]
    row = true_evaluation_row(d)
    assert row["label"] == SYNTHETIC_LABEL
    assert row["precision_across"] == row["recall_across"] == 1.0
    assert row["pattern_l1_over_n"] == 0.0 and row["children_rel_error"] == 0.0
    assert row["nhat_linked"] == row["nhat_true"] and row["nhat_rel_diff"] == 0.0
    assert row["children_true"] == d.truth["child"].nunique()
    # split every record into its own cluster: no pair found, every list-pattern a singleton
    alone = np.arange(len(d.truth))
    ev, _ = evaluate_labels(d, alone)
    assert ev.recall_across == 0.0 and ev.recall_within == 0.0
    assert math.isnan(ev.precision_across)
    assert ev.children_found == len(d.truth)
    assert ev.nhat_linked is None or ev.nhat_linked > ev.nhat_true  # missed links inflate N̂
    b = error_breakdown(d, d.true_child)
    assert all(v == 0 for k, v in b.items() if k.startswith(("false_", "missed_")))
    b = error_breakdown(d, alone)
    assert b["missed_pairs_partial_birth"] > 0
    assert b["false_pairs_siblings"] == b["false_pairs_twins"] == b["false_pairs_unrelated"] == 0


def test_false_pairs_by_relation(full: dict) -> None:
    d = full["p1_registers"]
    children = d.population.children
    t = d.true_child
    fam = np.array([children[c].family for c in t])
    # merge each family into one cluster: every false pair joins siblings (or twins)
    b = error_breakdown(d, fam)
    assert b["false_pairs_unrelated"] == 0
    assert b["false_pairs_siblings"] > 0 and b["false_pairs_twins"] > 0


# ---------------------------------------------------------------- wiring, once, on a tiny profile


def test_evaluate_profile_runs_the_public_linkage(tmp_path) -> None:
    from tests.harness import evaluate_profile

    d = generate("p1_registers", 150, 2)
    row = evaluate_profile(d, link_seed=3, workdir=tmp_path)
    assert row["label"] == SYNTHETIC_LABEL and row["profile"] == "p1_registers"
    assert row["records"] == len(d.truth)
    assert row["children_true"] == d.truth["child"].nunique()
    assert row["children_found"] == row["link_children_reported"]  # labels agree with the summary
    for key in ("precision_across", "recall_across", "pattern_l1_over_n"):
        assert 0.0 <= row[key] <= 2.0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.csv" for n in d.list_names)
