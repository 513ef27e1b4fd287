"""Cyrillic names typed with the Latin keyboard layout on are read back (SYNTHETIC names).

The Latin values are produced from the Cyrillic by the layout itself (the inverse table),
never typed by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest

from estimators.linkage.keyboard import _LATIN, _LATIN_SHIFTED, _RUSSIAN, _UKRAINIAN, from_latin_layout, read_back
from estimators.linkage.standardise import is_known_patronymic, load_name_table, name_key, standardise_records


def typed_on_latin_layout(cyrillic: str, layout: str = "uk") -> str:
    source = _UKRAINIAN if layout == "uk" else _RUSSIAN
    table = {ord(c): a for a, c in zip(_LATIN, source, strict=True)}
    table.update({ord(c.upper()): a.upper() if a.isalpha() else _LATIN_SHIFTED[a]
                  for a, c in zip(_LATIN, source, strict=True) if c.isalpha() and (a.isalpha() or a in _LATIN_SHIFTED)})
    return cyrillic.translate(table)


def known(value: str, column: str) -> bool:
    t = load_name_table()
    key = name_key(value)
    return key is not None and (key in t.given if column == "given_name" else is_known_patronymic(key, t))


@pytest.mark.parametrize(("cyrillic", "column"), [
    ("Коваленко", "family_name"), ("Дубенко", "family_name"), ("Винниченко", "family_name"),
    ("Ковальчук", "family_name"), ("Петров", "family_name"), ("Аліна", "given_name"), ("Поліна", "given_name"),
    ("Семен", "given_name"), ("Олександрович", "patronymic"), ("Андріївна", "patronymic"),
    # first letters on the layout's punctuation keys: х [, б ",", ю ".", ж ";" (shifted: { < > :)
    ("Харченко", "family_name"), ("Бондаренко", "family_name"), ("Христина", "given_name"),
    ("Юлія", "given_name"), ("Женя", "given_name"), ("Юрій", "given_name"), ("Журавльов", "family_name"),
])
def test_a_name_typed_on_the_latin_layout_reads_back(cyrillic: str, column: str) -> None:
    typed = typed_on_latin_layout(cyrillic)
    assert typed.isascii()
    assert read_back(typed, column, known) == cyrillic
    assert from_latin_layout(typed, "uk") == cyrillic


@pytest.mark.parametrize(("latin", "column"), [
    ("Kovalenko", "family_name"), ("Shevchuk", "family_name"), ("Miller", "family_name"), ("Bondar", "family_name"),
    ("SUHOBY", "family_name"), ("Savchenko", "family_name"), ("Ivanova", "family_name"), ("Smith", "family_name"),
    ("Anna", "given_name"), ("Olena", "given_name"), ("Nazar", "given_name"), ("Dima", "given_name"),
    ("Oleksandrovych", "patronymic"), ("Коваленко", "family_name"), ("O.", "given_name"),
])
def test_romanised_names_and_cyrillic_stay_as_written(latin: str, column: str) -> None:
    assert read_back(latin, column, known) is None


def test_standardised_keys_of_a_layout_typed_row_equal_the_cyrillic_row() -> None:
    rows = {"family_name": ["Коваленко", typed_on_latin_layout("Коваленко")],
            "given_name": ["Поліна", typed_on_latin_layout("Поліна")],
            "patronymic": ["Андріївна", typed_on_latin_layout("Андріївна")],
            "sex": ["F", "F"]}
    keys = standardise_records(pd.DataFrame(rows, dtype="string"))
    for column in ("family_key", "given_key", "patronymic_key"):
        assert keys[column].iloc[0] == keys[column].iloc[1], column


def test_a_family_name_typed_in_a_layout_typed_row_reads_back_if_it_can_be_a_name() -> None:
    """Гончар has none of the suffixes a family name alone needs to be read back; typed in the same
    row as a given name that was read back, it is; a Latin name in such a row stays unless its
    layout reading can be a word (Miller, Smith, Brown: a sign first or after a vowel, four
    consonants in a row)."""
    given = typed_on_latin_layout("Ілля")
    family = [typed_on_latin_layout("Гончар"), typed_on_latin_layout("Гончар"), "Miller", "Smith", "Brown"]
    rows = {"source_dataset": ["a"] * 5, "family_name": family,
            "given_name": [given, "Illia", given, given, given], "sex": ["M"] * 5}
    keys = standardise_records(pd.DataFrame(rows, dtype="string"))
    plain = standardise_records(pd.DataFrame({"family_name": ["Гончар", "Miller", "Smith", "Brown"],
                                              "given_name": ["Ілля"] * 4, "sex": ["M"] * 4}, dtype="string"))
    assert keys["family_key"].iloc[0] == plain["family_key"].iloc[0]
    assert keys["family_key"].iloc[1] != plain["family_key"].iloc[0]  # the given name was not layout-typed
    assert keys["family_key"].iloc[2:].tolist() == plain["family_key"].iloc[1:].tolist()
    assert keys["given_key"].iloc[0] == plain["given_key"].iloc[0]
