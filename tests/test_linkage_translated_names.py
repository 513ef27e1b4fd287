"""Names a machine translation rendered as words (Novel for Роман), read back per list (SYNTHETIC records)."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd

from estimators import data
from estimators.linkage.standardise import standardise_records
from estimators.linkage.translated_names import (
    MIN_CELLS,
    MIN_WORDS,
    detect_translated_names,
    load_translations,
    read_back_translated_names,
)

from .conftest import link_frames


def test_the_pinned_table_is_well_formed() -> None:
    with data.verified_path("name_translations.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 60
    seen = set()
    for row in rows:
        assert row["column"] in ("given_name", "family_name", "origin_settlement")
        assert row["word"] == row["word"].casefold() and row["word"].isascii()
        assert any("а" <= ch.casefold() <= "я" or ch in "іїєґІЇЄҐ" for ch in row["name"])
        assert row["meaning"].strip()
        assert row["sex"] in (("M", "F") if row["column"] == "given_name" else ("",))
        assert (row["column"], row["word"]) not in seen
        seen.add((row["column"], row["word"]))


def test_whole_cells_only_and_by_column() -> None:
    t = load_translations()
    assert t.name_for("given_name", "  NOVEL ") == "Роман"
    assert t.name_for("family_name", "Shoemaker") == "Швець"
    assert t.name_for("given_name", "Shoemaker") is None  # a trade is a family name, not a given name
    assert t.name_for("given_name", "Novel Ivanovych") is None
    assert t.name_for("given_name", None) is None


def test_a_list_is_translated_only_with_several_different_words() -> None:
    t = load_translations()
    assert (MIN_CELLS, MIN_WORDS) == (5, 3)
    five = {"given_name": ["Novel", "Love", "Lion", "Daria", "Ivan"], "family_name": ["Miller", "Miller", "Petrenko"]}
    assert detect_translated_names(five, t)
    four = {"given_name": ["Novel", "Love", "Daria"], "family_name": ["Miller", "Miller", "Petrenko"]}
    assert not detect_translated_names(four, t)
    one_word = {"given_name": ["Hope"] * 4, "family_name": ["Miller"] * 4}  # an English list's Hope and Miller
    assert not detect_translated_names(one_word, t)


def test_only_the_translated_list_is_read_back() -> None:
    annex = pd.DataFrame({"source_dataset": "annex",
                          "given_name": ["Novel", "Love", "Lion", "Golden", "Daria", "Hope"],
                          "family_name": ["Shoemaker", "Furrier", "Petrenko", "Miller", "Wolf", "Smith"],
                          "origin_settlement": ["city of Naked Pier, Kherson region", "Mariupol", None, "Kyiv",
                                                "Crooked Horn", "White Churchill"]})
    # another English list with the odd Hope or Miller (two cells, under MIN_CELLS) is not judged translated
    english = pd.DataFrame({"source_dataset": "register", "given_name": ["Hope", "Daria", "Mary"],
                            "family_name": ["Miller", "Petrenko", "Sydorenko"], "origin_settlement": ["Naked Pier"] * 3})
    frame = pd.concat([annex, english], ignore_index=True).astype("string")
    out, found = read_back_translated_names(frame)
    assert found == ["annex"]
    assert out["given_name"].tolist() == ["Роман", "Любов", "Лев", "Злата", "Daria", "Надія", "Hope", "Daria", "Mary"]
    assert out["family_name"].tolist()[:6] == ["Швець", "Кушнір", "Petrenko", "Мельник", "Вовк", "Коваль"]
    assert [None if pd.isna(v) else v for v in out["origin_settlement"].tolist()[:6]] == [
        "city of Гола Пристань, Kherson region", "Mariupol", None, "Kyiv",
                                                     "Кривий Ріг", "White Churchill"]
    assert out.iloc[6:].astype(str).values.tolist() == frame.iloc[6:].astype(str).values.tolist()  # as written
    assert frame["given_name"].iloc[0] == "Novel"  # the input is not changed
    keys = standardise_records(frame)
    assert keys.attrs["orthographies"] == {"annex": "translated"}


def test_a_translated_annex_links_and_the_summary_says_so(tmp_path) -> None:
    """A register in Ukrainian and an English annex made by machine translation: the romanised names link by
    their keys, the translated ones only once read back."""
    pairs = [("Швець", "Shoemaker"), ("Мельник", "Miller"), ("Кушнір", "Furrier"), ("Вовк", "Wolf"),
             ("Коваль", "Smith"), ("Бондар", "Cooper"), ("Шевченко", "Shevchenko"), ("Ткаченко", "Tkachenko")]
    given = [("Роман", "Novel", "M"), ("Любов", "Love", "F"), ("Лев", "Lion", "M"), ("Злата", "Golden", "F"),
             ("Надія", "Hope", "F"), ("Віра", "Faith", "F"), ("Дарина", "Daryna", "F"), ("Іван", "Ivan", "M")]
    n = 64
    rows_uk, rows_en = [], []
    for i in range(n):
        fam_uk, fam_en = pairs[i % 8]
        giv_uk, giv_en, sex = given[(i // 8) % 8]
        birth = f"{2006 + i % 11}-{1 + (3 * i) % 12:02d}-{1 + (7 * i) % 28:02d}"
        rows_uk.append({"record_id": f"u{i}", "family_name": fam_uk, "given_name": giv_uk, "birth_date": birth,
                        "sex": sex, "origin_settlement": "Гола Пристань" if i % 2 else "Маріуполь"})
        rows_en.append({"record_id": f"e{i}", "family_name": fam_en, "given_name": giv_en, "birth_date": birth[:4],
                        "sex": sex, "origin_settlement": "Naked Pier" if i % 2 else "Mariupol"})
    result = link_frames(tmp_path, {"register": pd.DataFrame(rows_uk), "annex": pd.DataFrame(rows_en)})
    labels = np.asarray(result.labels)
    assert all(labels[i] == labels[n + i] for i in range(n))
    text = result.summary.render()
    assert "list annex: names a machine translation rendered as words (Novel for Роман, Shoemaker for Швець) read " \
           "back as the names" in text
    assert not any(v in text for v in ("Miller", "Furrier", "Мельник", "Кушнір", "Naked Pier"))
