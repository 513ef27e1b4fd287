"""A romanisation that left some letters Cyrillic, and dates a parser filled in (SYNTHETIC names).

A spreadsheet formula of case-sensitive substitutions romanises the small letters only, so every
capital stays Cyrillic (``Шevchenko``, ``Сofiia``); read by look-alike, ``Сofiia`` would be Cofiia.
A form's date parser fills a year typed alone with its default day and month, which then shows as
a birth and a removal on the same day and month.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from estimators.linkage.folding import name_key
from estimators.linkage.partial_romanisation import (
    MIN_WORDS,
    detect_partial_romanisation,
    read_back_partial_romanisation,
    romanise_cyrillic_letters,
)
from estimators.linkage.standardise import MIN_SHARED_DAYS, given_name_key, standardise_records

from .conftest import link_frames

FAMILIES = ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Олійник", "Шевчук", "Поліщук",
            "Лисенко", "Савченко", "Руденко", "Марченко", "Гаврилюк", "Кузьменко", "Павленко", "Левченко",
            "Федоренко", "Мороз", "Петренко", "Юрченко", "Дорошенко", "Харченко", "Білик", "Василенко"]
GIVENS = ["Софія", "Владислав", "Роман", "Назар", "Христина", "Юлія", "Олександр", "Марія", "Ігор", "Степан",
          "Дарина", "Вікторія"]
_SMALL = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
          "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
          "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
          "щ": "shch", "ь": "", "ю": "iu", "я": "ia"}


def small_letters_only(text: str) -> str:
    """SYNTHETIC: the national table applied to the small letters only (capitals left Cyrillic)."""
    return "".join(_SMALL.get(ch, ch) for ch in text)


@pytest.mark.parametrize(("written", "meant"), [
    ("Шevchenko", "Shevchenko"), ("Сofiia", "Sofiia"), ("Вladyslav", "Vladyslav"), ("Роman", "Roman"),
    ("Нazar", "Nazar"), ("Хrystyna", "Khrystyna"), ("Юliia", "Yuliia"), ("Иhor", "Ihor"), ("Аrtёm", "Artem"),
    ("КОВАЛЕНКО", "КОВАЛЕНКО"), ("Kovalenko", "Kovalenko"), ("m. Хarkiv", "m. Kharkiv"), ("Яn", "Yan"),
])
def test_the_cyrillic_letters_of_latin_words_are_read_by_their_sound(written: str, meant: str) -> None:
    assert romanise_cyrillic_letters(written) == meant


def test_a_list_is_read_so_only_on_a_mark_no_typing_slip_leaves() -> None:
    formula = [small_letters_only(f"{f[0]}{f[1:].lower()} {g}") for f, g in zip(FAMILIES, GIVENS * 2, strict=True)]
    assert detect_partial_romanisation(formula)
    # look-alike capitals only (С, Р, Н, В typed for C, P, H, B): a typing slip, read word by word
    slips = ["Сhristina", "Рetro", "Нanna", "Вogdan", "Olеna"] * MIN_WORDS
    assert not detect_partial_romanisation(slips)
    assert not detect_partial_romanisation(formula[: MIN_WORDS // 2 - 1])  # too few words to judge
    # a capital typed before switching layout (Шvan for Ivan): the keys' reading gives the known names
    from estimators.linkage.standardise import load_name_table

    t = load_name_table()
    known = lambda w: t.given.get(name_key(w) or "") is not None  # noqa: E731
    layout_slips = ["Шvan", "Щlena", "Фnna", "Шryna", "Фndrii"] * 5
    assert detect_partial_romanisation(layout_slips) and not detect_partial_romanisation(layout_slips, known)
    assert detect_partial_romanisation(formula, known)


def test_only_the_lists_found_so_are_read_back_and_the_raw_frame_is_unchanged() -> None:
    sheet = [small_letters_only(g) for g in GIVENS * 2]
    frame = pd.DataFrame({"source_dataset": ["sheet"] * 24 + ["other"] * 24,
                          "family_name": [small_letters_only(f) for f in FAMILIES] + ["Kovalenko"] * 24,
                          "given_name": sheet + ["Сhristina"] * 24}, dtype=object)
    out, found = read_back_partial_romanisation(frame)
    assert found == ["sheet"]
    assert out["given_name"].iloc[24:].tolist() == ["Сhristina"] * 24  # the other list's slip is left to one_script
    assert [given_name_key(v) for v in out["given_name"].iloc[:12]] == [given_name_key(g) for g in GIVENS]
    assert frame["given_name"].iloc[0] == sheet[0]


def test_a_partly_romanised_list_links_to_the_cyrillic_register_and_the_summary_says_so(tmp_path) -> None:
    n = 24
    register = pd.DataFrame({
        "record_id": [f"r{i}" for i in range(n)],
        "family_name": [FAMILIES[i % 24] for i in range(n)],
        "given_name": [GIVENS[i % 12] for i in range(n)],
        "birth_date": [f"{2005 + i % 13}-{1 + i % 12:02d}-{2 + i % 27:02d}" for i in range(n)],
        "origin_settlement": ["Харків"] * n,
    })
    sheet = register.assign(record_id=[f"s{i}" for i in range(n)],
                            family_name=[small_letters_only(v) for v in register["family_name"]],
                            given_name=[small_letters_only(v) for v in register["given_name"]],
                            origin_settlement=["m. " + small_letters_only("Харків")] * n)
    result = link_frames(tmp_path, {"register": register, "sheet": sheet})
    assert result.summary.model["orthographies"] == {"sheet": "capitals"}
    text = result.summary.render()
    assert "list sheet: Cyrillic letters left in its Latin names (a romanisation that missed the capitals) " \
           "romanised by their sound" in text
    assert not any(v in text for v in FAMILIES + GIVENS)
    labels = np.asarray(result.labels)
    assert all(labels[i] == labels[n + i] for i in range(n))
    assert len(set(labels.tolist())) == n


def test_dates_a_parser_filled_in_are_read_to_the_year() -> None:
    n = 400
    rng = np.random.default_rng(0)

    def days(k: int) -> list[str]:
        return [f"{m:02d}-{d:02d}" for m, d in zip(rng.integers(1, 13, k), rng.integers(2, 29, k), strict=True)]

    births = [f"{2005 + i % 13}-{md}" for i, md in enumerate(days(n))]
    removals = [f"{2022 + i % 2}-{md}" for i, md in enumerate(days(n))]
    # SYNTHETIC: a tenth of the intake's records had both dates typed as a year alone, which the
    # parser gave the day and month of the day the form was sent
    sent = days(n)
    intake_births = [f"{b[:4]}-{s}" if i % 10 == 0 else b for i, (b, s) in enumerate(zip(births, sent, strict=True))]
    intake_removals = [f"{r[:4]}-{s}" if i % 10 == 0 else r for i, (r, s) in enumerate(zip(removals, sent,
                                                                                           strict=True))]
    frame = pd.DataFrame({"source_dataset": ["register"] * n + ["intake"] * n,
                          "birth_date": births + intake_births, "removal_date": removals + intake_removals},
                         dtype="string")
    keys = standardise_records(frame)
    # the register's dates as written; the intake's records that share the day and month read to the year
    assert keys["birth_day"].iloc[:n].notna().all() and keys["removal_day"].iloc[:n].notna().all()
    shared = np.array([b[5:] == r[5:] for b, r in zip(intake_births, intake_removals, strict=True)])
    assert keys["birth_month"].iloc[n:][shared].isna().all() and keys["removal_month"].iloc[n:][shared].isna().all()
    assert keys["birth_day"].iloc[n:][~shared].notna().all() and keys["removal_day"].iloc[n:][~shared].notna().all()
    assert keys["birth_year"].iloc[n:].tolist() == [int(b[:4]) for b in intake_births]
    assert keys.attrs["birth_dates_read"] == {"intake": {"placeholder": 0, "century": 0, "implausible": 0,
                                                         "after_removals": 0, "parser_default": int(shared.sum())}}
    # chance coincidences (a few in 365) are not enough
    same = sum(b[5:] == r[5:] for b, r in zip(births, removals, strict=True))
    chance = frame.iloc[:n].copy()
    chance.loc[:1, "removal_date"] = [f"2022-{b[5:]}" for b in births[:2]]
    assert same + 2 == 5  # four or five times the 1.1 expected, but under four standard deviations more
    assert standardise_records(chance.reset_index(drop=True)).attrs["birth_dates_read"] == {}
    # a list with no record that has both dates in full is not judged at all (nor one under MIN_SHARED_DAYS)
    no_removals = frame.iloc[n:].assign(removal_date=[r[:7] for r in intake_removals])
    assert standardise_records(no_removals.reset_index(drop=True)).attrs["birth_dates_read"] == {}
    few = frame.iloc[n:n + 40]  # four records of forty share them: far above chance, but too few
    assert int((few["birth_date"].str[5:] == few["removal_date"].str[5:]).sum()) < MIN_SHARED_DAYS
    assert standardise_records(few.reset_index(drop=True)).attrs["birth_dates_read"] == {}


def test_the_name_key_of_a_romanised_capital_is_the_cyrillic_names() -> None:
    assert name_key(romanise_cyrillic_letters("Шevchenko")) == name_key("Shevchenko")
