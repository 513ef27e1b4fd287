"""Name cells copied from identity documents, and 1 July for a year: read back (SYNTHETIC records)."""

from __future__ import annotations

import dataclasses
import datetime

import numpy as np
import pandas as pd
import pytest

from estimators.linkage.document_cells import read_document_cell
from estimators.linkage.standardise import _without_filled_in_days, parse_partial_date, standardise_records

from .conftest import link_frames


@pytest.mark.parametrize(("cell", "read"), [
    ("МЕЛЬНИК MELNYK", "МЕЛЬНИК"), ("СОФІЯ SOFIIA", "СОФІЯ"), ("ГЛУЩОВА HLUSHCHOVA", "ГЛУЩОВА"),
    ("Прізвище/Surname СУХОПОЛ", "СУХОПОЛ"), ("Ім'я/Given Names АНАСТАСІЯ", "АНАСТАСІЯ"),
    ("Прізвище/Surname ТВЕРДОПОЛ TVERDOPOL", "ТВЕРДОПОЛ"), ("Фамилия: Иванова", "Иванова"),
    ("Surname: Melnyk", "Melnyk"), ("Марія-Олена MARIIA-OLENA", "Марія-Олена"),
    ("Іван Іванович Ivan Ivanovych", "Іван Іванович"),
    # two different names, one script, a word mixing scripts, a label alone: as written
    ("Петренко Smith", "Петренко Smith"), ("Мельник", "Мельник"), ("MELNYK", "MELNYK"),
    ("Шevchenko", "Шevchenko"), ("Прізвище", "Прізвище"), ("", ""),
])
def test_a_document_field_is_read_as_the_name(cell: str, read: str) -> None:
    got, changed = read_document_cell(cell)
    assert got == read and changed is (read != cell)


def test_the_keys_of_a_document_field_are_the_names_and_the_rows_are_counted() -> None:
    frame = pd.DataFrame({"source_dataset": ["photos"] * 3 + ["register"],
                          "family_name": ["МЕЛЬНИК MELNYK", "Прізвище/Surname СУХОПОЛ", "Коваль", "Мельник"],
                          "given_name": ["СОФІЯ SOFIIA", "Ім'я/Given Names АНАСТАСІЯ", "Іван", "Софія"]},
                         dtype="string")
    keys = standardise_records(frame)
    assert keys["family_key"].iloc[0] == keys["family_key"].iloc[3]
    assert keys["given_key"].iloc[0] == keys["given_key"].iloc[3]
    assert keys["family_key"].iloc[1] == standardise_records(frame.assign(family_name="Сухопол"))["family_key"].iloc[1]
    assert keys.attrs["cells_read"] == {"photos": {"document_fields": 2}}


def test_records_copied_from_documents_link_and_the_summary_says_so(tmp_path) -> None:
    families = ["Лисенко", "Глущова", "Кравчук", "Сухопол", "Твердопол", "Панченко", "Короткопол", "Мороз"]
    latin = ["LYSENKO", "HLUSHCHOVA", "KRAVCHUK", "SUKHOPOL", "TVERDOPOL", "PANCHENKO", "KOROTKOPOL", "MOROZ"]
    given = [("Софія", "SOFIIA"), ("Анастасія", "ANASTASIIA"), ("Олексій", "OLEKSII"), ("Дмитро", "DMYTRO")]
    n = 64
    register, photos = [], []
    for i in range(n):
        g_uk, g_en = given[(i // 8) % 4]
        birth = f"{2006 + i % 11}-{1 + (5 * i) % 12:02d}-{1 + (3 * i) % 28:02d}"
        register.append({"record_id": f"r{i}", "family_name": families[i % 8], "given_name": g_uk,
                         "birth_date": birth, "origin_settlement": "Маріуполь"})
        # SYNTHETIC: a legal-aid organisation's transcriptions of document photos: every other row with the
        # field labels, every row with the Latin transliteration printed beside the name
        label_f, label_g = ("Прізвище/Surname ", "Ім'я/Given Names ") if i % 2 else ("", "")
        photos.append({"record_id": f"p{i}", "family_name": f"{label_f}{families[i % 8].upper()} {latin[i % 8]}",
                       "given_name": f"{label_g}{g_uk.upper()} {g_en}", "birth_date": birth[:7],
                       "origin_settlement": "Маріуполь"})
    result = link_frames(tmp_path, {"register": pd.DataFrame(register), "photos": pd.DataFrame(photos)})
    labels = np.asarray(result.labels)
    assert all(labels[i] == labels[n + i] for i in range(n))
    text = result.summary.render()
    assert (f"list photos: {n} rows with names copied from a document with its field label or its Latin "
            "transliteration (МЕЛЬНИК MELNYK) read as the names") in text
    assert not any(v in text for v in families + latin)
    few = dataclasses.replace(result.summary, model={**result.summary.model, "cells_read": {"photos": {
        "document_fields": 3}}})
    assert "list photos: <5 rows with names copied from a document" in few.render(public=True, min_cell=5)


def _dates(n: int, seed: int, july_share: float) -> list[str]:
    """SYNTHETIC full dates, the first ``july_share`` of them stored as 1 July of their year."""
    rng = np.random.default_rng(seed)
    out = []
    for i, d in enumerate(rng.integers(0, 365 * 12, n)):
        date = datetime.date(2006, 1, 1) + datetime.timedelta(days=int(d))
        out.append((date.replace(month=7, day=1) if i < july_share * n else date).isoformat())
    return out


def test_a_case_systems_1_july_is_read_as_the_year() -> None:
    def run(dates: list[str]) -> list:
        return _without_filled_in_days([parse_partial_date(d) for d in dates], np.array(["a"] * len(dates)))

    july = run(_dates(1000, 1, 0.15))
    assert all(p.precision == 1 and p.month is None for p in july[:150])
    assert sum(p.precision == 3 for p in july[150:]) >= 845  # the rest keep their day, but genuine 1 Julys
    # a date picker that stores every month known as its 1st: 1 July is one 1st among twelve, read as July
    firsts = [d[:8] + "01" if i < 300 else d for i, d in enumerate(_dates(1000, 2, 0))]
    read = run(firsts)
    januaries = sum(d[5:7] == "01" for d in firsts[:300])
    assert sum(p.precision == 1 for p in read[:300]) == januaries  # 1 January is read as the year (as before)
    assert sum(p.precision == 2 for p in read[:300]) == 300 - januaries
    assert any(p.month == 7 for p in read[:300])  # the July 1sts among them kept their month


def test_passenger_titles_in_a_ticket_list_are_no_patronymic_and_say_the_sex() -> None:
    from estimators.linkage.document_cells import MIN_TITLES, read_passenger_titles

    assert MIN_TITLES == 5
    tickets = pd.DataFrame({"source_dataset": "tickets",
                            "patronymic": ["MSTR", "MST", "MISS", "MIS", "CHD", "MI", "M", "OLEKSANDROVYCH", None],
                            "sex": ["", "", "", "F", "", "", "", "M", ""]})
    # another list with an odd "M" (an initial) and fewer than five titles is left as written
    register = pd.DataFrame({"source_dataset": "register", "patronymic": ["M", "MS", "Ігорович"], "sex": ["", "", "M"]})
    frame = pd.concat([tickets, register], ignore_index=True).astype("string")
    out, read = read_passenger_titles(frame)
    assert read.tolist() == [True] * 7 + [False] * 5
    assert [None if pd.isna(v) else v for v in out["patronymic"]] == [None] * 7 + ["OLEKSANDROVYCH", None, "M", "MS",
                                                                                   "Ігорович"]
    # a title that says the sex fills an empty sex cell only; CHD, MI and M say none
    assert [None if pd.isna(v) else v for v in out["sex"]][:9] == ["M", "M", "F", "F", "", "", "", "M", ""]
    assert frame["patronymic"].iloc[0] == "MSTR"  # the input is not changed


def test_a_ticket_lists_titles_are_counted_and_named(tmp_path) -> None:
    families = ["ZAICHENKO", "TVERDOVIL", "MARTINENKO", "LESHCHENKO", "VAKULENKO", "SAVCHUK", "HOLOVKO", "SHEVCHENKO"]
    cyrillic = ["Зайченко", "Твердовіл", "Мартиненко", "Лещенко", "Вакуленко", "Савчук", "Головко", "Шевченко"]
    given = [("SERGII", "Сергій", "MST", "M"), ("IRYNA", "Ірина", "MIS", "F"), ("DMYTRO", "Дмитро", "MSTR", "M"),
             ("ZLATA", "Злата", "MISS", "F")]
    n = 32
    tickets, register = [], []
    for i in range(n):
        lat, cyr, title, sex = given[i % 4]
        tickets.append({"record_id": f"t{i}", "family_name": families[i % 8], "given_name": lat, "patronymic": title,
                        "sex": "", "destination": "Moscow"})
        register.append({"record_id": f"r{i}", "family_name": cyrillic[i % 8], "given_name": cyr,
                         "patronymic": "Олександрович" if sex == "M" else "Олександрівна", "sex": sex,
                         "birth_date": f"{2008 + i % 8}-0{1 + i % 9}-1{i % 10}", "destination": "Росія"})
    result = link_frames(tmp_path, {"tickets": pd.DataFrame(tickets), "register": pd.DataFrame(register)})
    assert result.summary.model["cells_read"]["tickets"]["passenger_titles"] == n
    text = result.summary.render()
    assert f"list tickets: {n} passenger titles where the patronymic belongs (MSTR, MISS) read as no patronymic" in text
    assert not any(v in text for v in families + cyrillic)


def test_two_scripts_are_one_name_only_word_for_word() -> None:
    # a shared start is not one name; a second name in one script only is not a transliteration
    for cell in ("Коваль Kovalenko", "Марина Maryna Petrenko", "Іванова Ivanova Mariia"):
        assert read_document_cell(cell) == (cell, False)


def test_one_or_two_genuine_1_july_birthdays_in_a_short_list_keep_their_day() -> None:
    dates = ["2013-07-01", "2012-07-01"] + [f"20{10 + i % 8}-0{1 + i % 9}-1{i % 10}" for i in range(10)]
    read = _without_filled_in_days([parse_partial_date(d) for d in dates], np.array(["a"] * len(dates)))
    assert [p.precision for p in read] == [3] * len(dates)


def test_a_ticket_list_without_a_sex_column_loses_only_its_titles() -> None:
    from estimators.linkage.document_cells import read_passenger_titles

    frame = pd.DataFrame({"source_dataset": "tickets", "patronymic": ["MSTR", "MISS", "MST", "MIS", "CHD", "IVANOVYCH"]},
                         dtype="string")
    out, read = read_passenger_titles(frame)
    assert "sex" not in out.columns and read.tolist() == [True] * 5 + [False]
    assert [None if pd.isna(v) else v for v in out["patronymic"]] == [None] * 5 + ["IVANOVYCH"]
