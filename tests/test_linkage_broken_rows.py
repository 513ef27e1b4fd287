"""Rows with a place, an institution or a date where a name belongs (SYNTHETIC names).

A file exported with its fields unquoted and opened in a spreadsheet ends a row at every
line break inside a field: the rest of the record starts a new row in the first column,
so the family-name cell holds the oblast or the town, the given-name cell the institution
or the date.  Such cells are no names; a list with many of them is named in a warning.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from estimators.linkage import link_lists
from estimators.linkage.model import LinkageWarning
from estimators.linkage.places import names_place_or_institution
from estimators.linkage.standardise import standardise_records
from estimators.linkage.summary import BROKEN_ROWS_MIN, broken_row_lists

GIVEN = {"Андрій", "Ольга", "Рустам", "Олена", "Петрович"}


def is_name_word(word: str) -> bool:
    return word in GIVEN


@pytest.mark.parametrize("cell", [
    "Донецька обл.", "Луганська область", "Алчевський р-н", "Kherson oblast", "м. Донецьк", "г. Херсон",
    "с.Новоселівка", "Донецька загальноосвітня школа-інтернат №1", "Будинок дитини", "Дитячий будинок №3",
    "Макіївська санаторна школа-інтернат", "Будинок дитини м. Маріуполь", "Дом ребенка г. Донецк",
    "Дитячий будинок N 3", "Школа-інтернат І-ІІІ ступенів", "Донецький притулок для дітей",
])
def test_places_and_institutions_are_not_names(cell: str) -> None:
    assert names_place_or_institution(cell, is_name_word)


@pytest.mark.parametrize("cell", [
    # one word is a family name whatever it starts with; a capital initial is a person's
    "Школа", "Притула", "Донецький", "Садиков", "Обл", "М. Коваленко", "Г. Шевченко", "С. Бондар",
    # a full name in one cell, an initial with a family name
    "Школьник Андрій", "Притула Ольга Петрович", "Садиков Рустам", "Школьник А.", "Коваленко Олена",
    # ... whatever the name table knows: a word that only begins like a kind of institution is not enough
    "Сиротенко Ярослава", "Школьник Богдана", "Садиков Ренат", "Sadykov Rustam", "Притула Анна-Марія",
    "Притула Лука", "Сирота Аміна", "Притула Коваленко",
    # a settlement after its type word that the gazetteer does not know is left alone
    "м. Ковальчукове", "", None,
])
def test_names_are_left_alone(cell: str | None) -> None:
    assert not names_place_or_institution(cell, is_name_word)


def test_such_cells_are_read_as_no_name_and_counted_per_list() -> None:
    frame = pd.DataFrame({
        "source_dataset": ["a", "a", "a", "a", "b", "b", "b"],
        "family_name": ["Коваленко", "Донецька обл.", "м. Донецьк", "Шевченко (1)", "Алчевський р-н", "Бондар", "-"],
        "given_name": ["Олена", "2022-03", "Донецький будинок дитини", "Ірина", "", "2015-05", "Андрій"],
        "patronymic": ["", "Росія", "", "(1)", "", "", "0"],
        "birth_date": ["2012-03-05", "", "", "2010-01-01", "", "2011-02-02", ""],
    })
    keys = standardise_records(frame)
    assert keys["family_key"].notna().tolist() == [True, False, False, True, False, True, False]
    assert keys["given_key"].notna().tolist() == [True, False, False, True, False, False, True]
    # rows, not cells; a note in brackets, a placeholder and a "0" are neither dates nor places
    assert keys.attrs["not_names"] == {"a": 2, "b": 2}


def test_the_warning_needs_ten_rows_and_one_in_a_hundred() -> None:
    assert broken_row_lists({"a": 9, "b": 10, "c": 10}, {"a": 20, "b": 1000, "c": 1001}) == {"b": (10, 0.01)}
    # public output: counts below the minimum cell are not given, the list is still named
    assert broken_row_lists({"b": 10}, {"b": 1000}, min_cell=11) == {"b": (None, None)}


FAMILIES = ["Шевченко", "Ковальчук", "Харченко", "Климишин", "Дорошенко", "Бондаренко", "Ткаченко", "Мельник",
            "Гончаренко", "Савчук"]
GIVENS = ["Олена", "Микола", "Василь", "Ірина", "Андрій", "Дарина", "Максим"]


def _lists(n: int = 60) -> tuple[pd.DataFrame, pd.DataFrame, list[bool]]:
    register = pd.DataFrame({
        "record_id": [f"r{i}" for i in range(n)],
        "family_name": [FAMILIES[i % 10] for i in range(n)],
        "given_name": [GIVENS[i % 7] for i in range(n)],
        "birth_date": [f"{2005 + i % 12}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)],
        "origin_settlement": ["Маріуполь" if i % 2 else "Донецьк" for i in range(n)],
        "destination": ["Росія"] * n,
    })
    # the bot's export: a line break in "where from" ends the row; the oblast and the rest of the
    # answers start the next row in the first column
    rows, fragment = [], []
    for i in range(n):
        r = register.iloc[i]
        if i % 3 == 0:
            rows.append({"record_id": f"b{i}", "family_name": r.family_name, "given_name": r.given_name,
                         "birth_date": r.birth_date, "origin_settlement": r.origin_settlement, "destination": ""})
            rows.append({"record_id": f"b{i}x", "family_name": "Донецька обл.", "given_name": "Росія",
                         "birth_date": "", "origin_settlement": "", "destination": ""})
            fragment += [False, True]
        else:
            rows.append({"record_id": f"b{i}", **{c: r[c] for c in register.columns if c != "record_id"}})
            fragment.append(False)
    return register, pd.DataFrame(rows), fragment


def test_a_list_split_at_line_breaks_is_named_and_its_fragments_count_no_child(tmp_path) -> None:
    register, bot, fragment = _lists()
    paths = []
    for name, frame in {"register": register, "bot": bot}.items():
        paths.append(tmp_path / f"{name}.csv")
        frame.to_csv(paths[-1], index=False, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = link_lists(paths, seed=1)
    assert sum(fragment) >= BROKEN_ROWS_MIN
    said = [str(w.message) for w in caught if issubclass(w.category, LinkageWarning)]
    assert any("list 'bot'" in m and f"{sum(fragment)} rows" in m and "line breaks" in m for m in said)
    assert result.summary.model["not_names"] == {"bot": sum(fragment)}
    text = result.summary.render()
    assert f"list bot: {sum(fragment)} rows with a place, an institution or a date where a name belongs" in text
    assert not any(v in text for v in FAMILIES + GIVENS)
    # the fragments are too thin to link: no child is counted for them
    assert result.summary.thin_records.get("bot") == sum(fragment)
    assert result.summary.children == len(register)
    labels = np.asarray(result.labels)
    heads = [i for i, f in enumerate(fragment) if not f]
    assert all(labels[k] == labels[len(register) + h] for k, h in enumerate(heads))
