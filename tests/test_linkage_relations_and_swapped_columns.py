"""Name cells that name no one, and cells a merged sheet put in the wrong column (SYNTHETIC names).

Releases that do not name a child write ``сестра`` or ``старший брат`` where the given name
belongs; sheets merged by position carry a sheet's columns the other way round: the given name
in the patronymic cell, or the birth and removal dates swapped.  None of this may keep one
child's records apart, nor join two sisters on the word "sister".
"""

from __future__ import annotations

import dataclasses
import datetime

import numpy as np
import pandas as pd
import pytest

from estimators.linkage.places import names_a_passage, names_a_relation
from estimators.linkage.standardise import (
    EARLIEST_REMOVAL,
    MIN_ROWS_SWAP_TEST,
    given_name_key,
    standardise_records,
)

from .conftest import link_frames


@pytest.mark.parametrize("cell", [
    "сестра", "Брат", "старшая сестра", "младший брат", "молодша донька", "Старший брат 2", "сястра",
    "younger sister", "newborn", "двоюрідний брат", "новорожденная", "Старшая сёстра".replace("сёстра", "сестра"),
])
def test_relation_words_are_not_names(cell: str) -> None:
    assert names_a_relation(cell)


@pytest.mark.parametrize("cell", [
    # a surname that begins like one, a name beside one, a plain name, nothing
    "Братченко", "Сестрін", "Сестра Ірина", "Старший", "Олена", "Son", "Бабій", "Babii", "Шин", "", None,
])
def test_names_and_other_words_are_left_alone(cell: str | None) -> None:
    assert not names_a_relation(cell)


def test_a_relation_in_a_name_cell_is_missing_and_the_rest_of_the_name_stays() -> None:
    frame = pd.DataFrame({
        "source_dataset": ["a"] * 4,
        "family_name": ["Морозова", "Морозова", "", "Андреев"],
        "given_name": ["старшая сестра", "сестра", "брат", "старший брат"],
        "patronymic": ["", "", "", ""],
        "sex": ["F", "F", "M", "M"],
    })
    keys = standardise_records(frame)
    assert keys["given_key"].isna().all()
    # no swap of family and given name is read into a row whose given name is a relation
    assert keys["family_key"].tolist()[:2] == [keys["family_key"].iloc[0]] * 2
    assert keys["family_key"].iloc[0] is not None and keys["family_key"].iloc[3] is not None
    assert not keys["names_swapped"].any()


def test_surnames_like_relation_words_stay_and_the_relations_are_counted() -> None:
    """Only the given-name cell is read so: Малюк, Близнюк, Бабій, Шин are family names."""
    frame = pd.DataFrame({
        "source_dataset": ["a"] * 5,
        "family_name": ["Малюк", "Близнюк", "Бабій", "Шин", "Коваленко"],
        "given_name": ["Олена", "Андрій", "Ірина", "Петро", "старша сестра"],
        "sex": ["F", "M", "F", "M", "F"],
    })
    keys = standardise_records(frame)
    assert keys["family_key"].notna().all()
    assert keys["given_key"].isna().tolist() == [False] * 4 + [True]
    assert keys.attrs["cells_read"] == {"a": {"relation_names": 1}}


def test_names_shifted_towards_the_patronymic_are_put_back() -> None:
    frame = pd.DataFrame({
        "source_dataset": ["a"] * 4,
        "family_name": ["Голубева", "", "Коваленко", ""],
        "given_name": ["", "Кравченко", "", "Олена"],
        "patronymic": ["Полина", "Софія", "Петрович", ""],
        "sex": ["F", "F", "M", "F"],
    })
    keys = standardise_records(frame)
    assert keys["given_key"].iloc[0] == given_name_key("Полина", sex="F")
    assert keys["given_key"].iloc[1] == given_name_key("Софія", sex="F")
    assert keys["family_key"].iloc[1] == standardise_records(frame.iloc[[2]].assign(family_name="Кравченко")
                                                             .reset_index(drop=True))["family_key"].iloc[0]
    assert keys["patronymic_key"].iloc[:2].isna().all()
    # a patronymic stays a patronymic; a given name alone stays where it is
    assert pd.isna(keys["given_key"].iloc[2]) and keys["patronymic_key"].iloc[2] is not None
    assert keys["given_key"].iloc[3] == given_name_key("Олена", sex="F")
    assert keys.attrs["cells_read"] == {"a": {"names_moved": 2}}


def _ordinal(text: str) -> int:
    return datetime.date.fromisoformat(text).toordinal()


def _ordinals(column: pd.Series) -> list[int | None]:
    return [None if pd.isna(v) else int(v) for v in column]


def _sheets(swapped: bool) -> pd.DataFrame:
    """A list of 40 rows with both dates, 30 with a birth date only and 6 with a removal date only;
    with ``swapped``, the last 36 rows come from a sheet with its two date columns the other way round."""
    both_birth = [f"{2005 + i % 11}-{1 + i % 12:02d}-{2 + i % 27:02d}" for i in range(40)]
    both_removal = [f"{2022 + i % 2}-{1 + (7 * i + 3) % 12:02d}-{3 + (5 * i) % 25:02d}" for i in range(40)]
    removals = [f"{2022 + i % 2}-{6 + i % 5:02d}-{3 + i % 25:02d}" for i in range(30)]  # June to October
    births = [f"{2006 + i % 9}-{1 + (7 * i) % 12:02d}-{2 + i % 27:02d}" for i in range(30)]
    early = [f"{2004 + i}-0{1 + i}-1{i}" for i in range(6)]
    return pd.DataFrame({
        "source_dataset": ["sheets"] * 76,
        "birth_date": both_birth + (removals if swapped else births) + [""] * 6,
        "removal_date": both_removal + [""] * 30 + (early if swapped else [f"2022-0{1 + i}-1{i}" for i in range(6)]),
    }, dtype="string")


def test_a_sheet_with_its_date_columns_swapped_is_read_back() -> None:
    frame = _sheets(swapped=True)
    keys = standardise_records(frame)
    # the birth-only rows held removal dates: no birth date now, the removal date where it belongs
    assert keys["birth_year"].iloc[40:70].isna().all()
    assert _ordinals(keys["removal_day"].iloc[40:70]) == [_ordinal(d) for d in frame["birth_date"].iloc[40:70]]
    # the removal dates before 2014-02-20 are the rows' birth dates
    assert keys["birth_year"].iloc[70:].tolist() == [2004 + i for i in range(6)]
    assert keys["removal_day"].iloc[70:].isna().all()
    # the rows with both dates are as written
    assert _ordinals(keys["birth_ordinal"].iloc[:40]) == [_ordinal(d) for d in frame["birth_date"].iloc[:40]]
    read = keys.attrs["birth_dates_read"]["sheets"]
    assert (read["birth_as_removal"], read["removal_as_birth"], read["removal_too_early"]) == (30, 6, 0)


def test_infants_without_a_removal_date_keep_their_birth_dates() -> None:
    """A list's few infants born in the span of its removals are not a swapped sheet."""
    frame = _sheets(swapped=False)
    infants = frame.index[40:70][:6]
    frame.loc[infants, "birth_date"] = [f"2022-{6 + i:02d}-1{i}" for i in range(6)]
    keys = standardise_records(frame)
    assert keys["birth_year"].iloc[40:46].tolist() == [2022] * 6
    assert keys.attrs["birth_dates_read"] == {}


def test_a_list_whose_dates_are_in_their_columns_is_left_alone() -> None:
    frame = _sheets(swapped=False)
    keys = standardise_records(frame)
    assert _ordinals(keys["birth_ordinal"].iloc[:70]) == [_ordinal(d) for d in frame["birth_date"].iloc[:70]]
    assert keys.attrs["birth_dates_read"] == {}
    # too few rows to tell: a swapped sheet is not read back, but an impossible removal date still is
    # (the row whose removal date is read as its birth date is a birth-only row too)
    few = _sheets(swapped=True).iloc[list(range(40)) + list(range(40, 40 + MIN_ROWS_SWAP_TEST - 2)) + [70]]
    keys = standardise_records(few.reset_index(drop=True))
    assert keys["birth_year"].iloc[40:].notna().all()
    assert keys.attrs["birth_dates_read"]["sheets"]["removal_as_birth"] == 1


def test_a_removal_before_the_occupation_with_a_birth_date_is_missing() -> None:
    first = datetime.date(*EARLIEST_REMOVAL)
    before = first - datetime.timedelta(days=1)
    frame = pd.DataFrame({"source_dataset": ["a"] * 4, "birth_date": ["2008-01-02", "", "2008-01-02", "2008-01-02"],
                          "removal_date": [before.isoformat(), "1985-03-04", "2014-02", first.isoformat()]},
                         dtype="string")
    keys = standardise_records(frame)
    assert keys["removal_day"].iloc[:2].isna().all() and keys["birth_year"].iloc[1] is pd.NA
    assert keys["removal_month"].iloc[2] == 2014 * 12 + 1  # February 2014 may be after the 20th: kept
    assert keys["removal_day"].iloc[3] == first.toordinal()  # the day itself is kept
    assert keys.attrs["birth_dates_read"]["a"]["removal_too_early"] == 2


def test_swapped_dates_do_not_keep_a_childs_records_apart_and_the_summary_says_so(tmp_path) -> None:
    families = ["Шевченко", "Ковальчук", "Харченко", "Климишин", "Дорошенко", "Бондаренко", "Ткаченко", "Мельник",
                "Кравець", "Олійник", "Лисенко", "Савченко", "Руденко", "Марченко", "Поліщук", "Гаврилюк"]
    n = 96
    register = pd.DataFrame({
        "record_id": [f"r{i}" for i in range(n)],
        "family_name": [families[i % 16] for i in range(n)],
        "given_name": [["Олена", "Микола", "Василь", "Ірина", "Дарина", "Максим"][i // 16] for i in range(n)],
        "birth_date": [f"{2005 + i % 12}-{1 + i % 12:02d}-{2 + i % 27:02d}" for i in range(n)],
        "removal_date": [f"{2022 + i % 2}-{1 + (5 * i) % 12:02d}-15" for i in range(n)],
    })
    # SYNTHETIC: the volunteers' merged sheets; one sheet (every other row after the first 22, whose
    # removals are from March 2022 on) has its two date columns the other way round, so its rows
    # keep only the date in the wrong column
    swapped = [i >= 22 and i % 2 == 0 and register["removal_date"][i] >= "2022-03" for i in range(n)]
    sheets = register.assign(
        record_id=[f"v{i}" for i in range(n)],
        birth_date=[r if s else b for b, r, s in zip(register["birth_date"], register["removal_date"], swapped,
                                                      strict=True)],
        removal_date=["" if s else r for r, s in zip(register["removal_date"], swapped, strict=True)])
    result = link_frames(tmp_path, {"register": register, "sheets": sheets})
    assert result.summary.model["birth_dates_read"]["sheets"]["birth_as_removal"] == sum(swapped)
    text = result.summary.render()
    assert f"list sheets: birth dates {sum(swapped)} read as removal dates (the sheet's two date columns swapped)" in text
    assert not any(v in text for v in families)
    labels = np.asarray(result.labels)
    assert all(labels[i] == labels[n + i] for i in range(n))
    # public output suppresses the per-list counts of the model's reading of the lists like any cell
    public = result.summary.to_dict(public=True, min_cell=5)
    assert public["model"]["birth_dates_read"]["sheets"]["birth_as_removal"] == sum(swapped)
    few = dataclasses.replace(result.summary, model={**result.summary.model, "mis_decoded": {"sheets": 3},
                                                     "not_names": {"register": 4}})
    shown = few.to_dict(public=True, min_cell=5)["model"]
    assert shown["mis_decoded"] == {"sheets": "<5"} and shown["not_names"] == {"register": "<5"}
    assert few.to_dict()["model"]["mis_decoded"] == {"sheets": 3}
    dropped = dataclasses.replace(result.summary, model={**result.summary.model, "removal_date_dropped": {
        "sheets": "3 of 40 sure matches agree within 31 days, against 90% between the other lists and 1% of random "
                  "pairs"}})
    assert dropped.to_dict(public=True, min_cell=5)["model"]["removal_date_dropped"] == {
        "sheets": "<5 of 40 sure matches agree within 31 days, against 90% between the other lists and 1% of random "
                  "pairs"}
    assert "3 of 40" in dropped.render() and "3 of 40" not in dropped.render(public=True, min_cell=5)
    text = few.render(public=True, min_cell=5)
    assert "list sheets: <5 values read back from a wrong code page" in text and " 3 values" not in text
    more = dataclasses.replace(result.summary, model={**result.summary.model, "birth_dates_read": {"sheets": {
        "parser_default": 2, "removal_as_birth": 3, "removal_too_early": 0}}, "cells_read": {"sheets": {
            "relation_names": 4, "passage_origins": 7}}})
    text = more.render(public=True, min_cell=5)
    assert ("list sheets: birth dates <5 (and their removal dates) read to the year: they share the removal date's "
            "day and month") in text
    assert "list sheets: removal dates <5 before 2014-02-20, on rows with no birth date, read as birth dates" in text
    assert ("list sheets: <5 given-name cells naming only a relation (сестра, старший брат) read as no name; 7 "
            "origins naming a camp, checkpoint or filtration point read as missing") in text


@pytest.mark.parametrize(("cell", "passage"), [
    ("пункт пропуску Ізварине", True), ("фільтрація в Безіменному", True), ("табір «Дружба», Євпаторія", True),
    ("лагерь в Крыму", True), ("filtration camp, Bezimenne", True), ("КПП Успенка", True),
    ("Маріуполь", False), ("Таборівка", False), ("м. Ізварине", False), ("Campus Kyiv", False), (None, False),
])
def test_a_place_passed_through_is_no_origin(cell: str | None, passage: bool) -> None:
    assert names_a_passage(cell) is passage
    keys = standardise_records(pd.DataFrame({"source_dataset": ["a"], "origin_settlement": [cell]}))
    assert pd.isna(keys["settlement_key"].iloc[0]) is (passage or cell is None)
    assert pd.isna(keys["settlement_text"].iloc[0]) is (passage or cell is None)
