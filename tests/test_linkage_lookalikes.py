"""Cyrillic read by OCR as Latin look-alikes (estimators/linkage/lookalikes.py).

The OCR'd words here are written by hand from invented and common names (ЛЕЩЕНКО as JIEWEHKO,
Владислав as BnaAucnaB), not taken from records or from the harness's generator.
"""

from __future__ import annotations

import pandas as pd
import pytest

from estimators.linkage.lookalikes import MIN_WORDS, detect_lookalikes, read_back_lookalikes, readings_of
from estimators.linkage.places import settlement_code
from estimators.linkage.standardise import (
    given_name_key,
    is_known_patronymic,
    load_name_table,
    name_key,
    standardise_records,
)

#: a list of Russian documents OCR'd with the language left at English
OCR = ["JIEWEHKO", "MapuR", "BnaAucnaB", "Nnbu4", "MOPO3", "NonuHa", "CepreeBHa", "r. MakeeBka"]
#: English-style lists: romanised names, "Oblast", "Republic", "ILLIA" (ll, bl: English letter groups), McDonald
ENGLISH = ["Leshchenko", "Mariia", "Vladyslav", "ILLIA", "Republic", "Oblast", "McDonald", "Moroz"]


def test_a_list_of_latin_look_alikes_is_detected_and_an_english_one_is_not() -> None:
    assert detect_lookalikes(OCR * 3)
    assert not detect_lookalikes(ENGLISH * 3)
    assert not detect_lookalikes(OCR[: MIN_WORDS // 4])  # too few words to tell
    assert not detect_lookalikes(["Шевченко", "Олена"] * 20)  # Cyrillic is not read


@pytest.mark.parametrize(("ocr", "cyrillic"), [
    ("MapuR", "Мария"), ("Nnbu4", "Ильич"), ("BnaAucnaB", "Владислав"), ("CocpuR", "София"), ("MOPO3", "Мороз"),
    ("HECTEPEHKO", "Нестеренко"),
])
def test_the_commonest_reading_comes_first(ocr: str, cyrillic: str) -> None:
    assert readings_of(ocr)[0].casefold() == cyrillic.casefold()


def test_a_character_without_a_cyrillic_reading_leaves_the_word() -> None:
    assert readings_of("Shevchenko") == []  # S, v, h+... : a passport spelling in that list stays


def _frame(values: dict[str, list[str]]) -> pd.DataFrame:
    n = len(next(iter(values.values())))
    return pd.DataFrame({**values, "source_dataset": ["docs"] * n})


def test_names_and_places_are_read_back_against_the_name_table_and_the_gazetteer() -> None:
    t = load_name_table()
    frame = _frame({
        "family_name": ["JIEWEHKO", "MOPO3", "Shevchenko"] * 8,
        "given_name": ["NonuHa", "BnaAucnaB", "MapuR"] * 8,
        "patronymic": ["AHApeeBHa", "Nnbu4", "CepreeBHa"] * 8,
        "origin_settlement": ["r. MakeeBka", "r. MakeeBka", "r. MakeeBka"] * 8,
        "origin_institution": ["MakeeBckaR wkona-uHTepHaT No3", "", ""] * 8,
    })
    out, found = read_back_lookalikes(frame, is_given_name=lambda w: t.given.get(name_key(w) or "") is not None,
                                      is_patronymic=lambda w: is_known_patronymic(name_key(w) or "", t),
                                      is_place=lambda w: settlement_code(w) is not None)
    assert found == {"docs": 24 * 5 - 8 - 16}  # every value but the passport spelling and the empty cells
    assert out["given_name"].iloc[0] == "Полина"  # Илина is no name; Полина is (N: И, П or Й)
    assert out["given_name"].iloc[1] == "Владислав"
    assert out["patronymic"].iloc[0] == "Андреевна"  # the patronymic's stem is a known name (Андрей)
    assert out["family_name"].iloc[2] == "Shevchenko"  # a passport spelling: letters no Cyrillic looks like
    assert settlement_code(out["origin_settlement"].iloc[0]) == settlement_code("Макіївка") is not None
    assert out["origin_institution"].iloc[0].endswith("№3")  # the number sign keeps its number
    assert frame["given_name"].iloc[0] == "NonuHa"  # the raw list is not changed


def test_the_keys_of_an_ocr_list_agree_with_the_cyrillic_and_the_summary_says_so() -> None:
    ocr = _frame({"family_name": ["JIEWEHKO", "MOPO3"] * 12, "given_name": ["MapuR", "BnaAucnaB"] * 12,
                  "patronymic": ["CepreeBHa", "Nnbu4"] * 12})
    cyr = pd.DataFrame({"family_name": ["Лещенко", "Мороз"] * 12, "given_name": ["Мария", "Владислав"] * 12,
                        "patronymic": ["Сергеевна", "Ильич"] * 12, "source_dataset": ["ru"] * 24})
    frame = pd.concat([ocr, cyr], ignore_index=True)
    frame["unique_id"] = range(len(frame))
    keys = standardise_records(frame)
    assert keys.attrs["orthographies"].get("docs") == "ocr"
    for col in ("given_key", "patronymic_key", "family_skeleton"):
        assert keys[col].iloc[:2].tolist() == keys[col].iloc[24:26].tolist(), col
    # without the reading the given names stay apart
    assert given_name_key("MapuR") != given_name_key("Мария")


def test_latin_spellings_that_a_look_alike_list_also_holds_stay_as_written() -> None:
    """Anna, Roman, Maria have Cyrillic readings letter by letter (Алла, Яомал, Магіа), but carry no
    mark of OCR and are names as written; Taganrog and ROMAN likewise (G, N, R are no shared capitals)."""
    t = load_name_table()
    frame = _frame({"given_name": ["Anna", "Roman", "Maria", "Artem"] + ["MapuR"] * 20,
                    "destination": ["Taganrog", "Perm", "ROMAN", "r. MakeeBka"] + ["HuxeropoAckaR o6n."] * 20})
    out, _ = read_back_lookalikes(frame, is_given_name=lambda w: t.given.get(name_key(w) or "") is not None,
                                  is_place=lambda w: settlement_code(w) is not None)
    assert out["given_name"].iloc[:4].tolist() == ["Anna", "Roman", "Maria", "Artem"]
    assert out["destination"].iloc[:3].tolist() == ["Taganrog", "Perm", "ROMAN"]
    assert out["destination"].iloc[3] == "Г. Макеевка" and out["given_name"].iloc[4] == "Мария"
