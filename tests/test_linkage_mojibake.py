"""Cyrillic values decoded with the wrong code page are read back before linkage (SYNTHETIC names).

The two confusions are produced here with Python's own codecs (the way a spreadsheet or an
import script produces them), never typed by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from estimators.linkage.mojibake import repair_mojibake, repair_value

from .conftest import link_frames

WORDS = ["Коваленко", "Ирина", "Ігорівна", "г. Мариуполь", "Мельник Ілля", "Російська Федерація", "Єлизавета",
         "Ткаченко-Бойко", "Олійник", "ИВАН", "Київ", "Лук'яненко", "Соловьёв", "Ростов-на-Дону"]


def utf8_read_as_1251(text: str) -> str:
    return text.encode("utf-8").decode("cp1251", errors="replace")


def cp1251_read_as_1252(text: str) -> str:
    return text.encode("cp1251").decode("cp1252", errors="replace")


@pytest.mark.parametrize("word", WORDS)
def test_both_confusions_are_read_back_exactly(word: str) -> None:
    assert repair_value(utf8_read_as_1251(word)) == word
    if "\ufffd" not in cp1251_read_as_1252(word):  # 0x98 and a few others have no Windows-1252 character
        assert repair_value(cp1251_read_as_1252(word)) == word


def test_the_letter_i_lost_to_the_replacement_character_comes_back() -> None:
    # И is D0 98 in UTF-8, and 0x98 is the one byte Windows-1251 has no character for
    assert "\ufffd" in utf8_read_as_1251("Ирина")
    assert repair_value(utf8_read_as_1251("Ирина")) == "Ирина"


@pytest.mark.parametrize("value", ["РЁ", "Сі", "Müller", "José", "Zoë", "Côte-d'Ivoire", "Kovalenko", "Коваленко", "РОССИЯ",
                                   "Р. С.", "Рябоконь", "СРСР", "Ålesund", "Rostov Oblast", "2019", "Сі", "Сірко",
                                   "Січ", "Сєвєродонецьк", "РІК"])
def test_values_that_are_not_mis_decoded_are_left_alone(value: str) -> None:
    assert repair_value(value) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгґдеєжзиіїйклмнопрстуфхцчшщьюяЁёЪъЫыЭэЎў'- ",
               min_size=2, max_size=15).filter(lambda w: any(c.isalpha() for c in w)))
def test_any_cyrillic_word_survives_both_round_trips_and_is_never_itself_repaired(word: str) -> None:
    assert repair_value(word) is None
    # a word with a small а, е, о, у, я or ю (every name) is read back; one without may read as real
    # text (РЁ is what Ш becomes) and is left alone
    if any(c in "аеоуяю" for c in word):
        assert repair_value(utf8_read_as_1251(word)) == word


def test_only_mis_decoded_values_change_and_the_summary_counts_them_per_list() -> None:
    frame = pd.DataFrame({
        "source_dataset": ["a", "a", "b", "b"],
        "family_name": [utf8_read_as_1251("Коваленко"), "Шевченко", cp1251_read_as_1252("Бондар"), "Müller"],
        "given_name": ["Олена", utf8_read_as_1251("Ірина"), "Anna", ""],
        "destination": [utf8_read_as_1251("Росія"), "Росія", None, "Belarus"],
    })
    out, counts = repair_mojibake(frame)
    assert out["family_name"].tolist() == ["Коваленко", "Шевченко", "Бондар", "Müller"]
    assert out["given_name"].tolist() == ["Олена", "Ірина", "Anna", ""]
    assert out["destination"].iloc[[0, 1, 3]].tolist() == ["Росія", "Росія", "Belarus"]
    assert pd.isna(out["destination"].iloc[2])
    assert counts == {"a": 3, "b": 1}
    assert frame["family_name"].iloc[0] != "Коваленко"  # the input frame is not changed
    clean = frame.iloc[[1]]
    again, none = repair_mojibake(clean.assign(family_name="Шевченко", given_name="Ірина", destination="Росія"))
    assert none == {}


def test_a_mis_decoded_list_links_and_the_summary_says_how_many_values_were_read_back(tmp_path) -> None:


    families = ["Шевченко", "Ковальчук", "Харченко", "Климишин", "Дорошенко", "Бондаренко", "Ткаченко", "Мельник"]
    givens = ["Олена", "Микола", "Василь", "Ірина", "Андрій"]
    register = pd.DataFrame({
        "record_id": [f"r{i}" for i in range(40)],
        "family_name": [families[i % 8] for i in range(40)],
        "given_name": [givens[i % 5] for i in range(40)],
        "birth_date": [f"{2005 + i % 12}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(40)],
    })
    partner = register.assign(record_id=[f"p{i}" for i in range(40)],
                              family_name=[utf8_read_as_1251(v) for v in register["family_name"]],
                              given_name=[utf8_read_as_1251(v) for v in register["given_name"]])
    result = link_frames(tmp_path, {"register": register, "partner": partner})
    assert result.summary.model["mis_decoded"] == {"partner": 80}
    text = result.summary.render()
    assert "list partner: 80 values read back from a wrong code page (mojibake)" in text
    assert not any(v in text for v in families + givens)
    # every partner record is linked to its register record
    labels = np.asarray(result.labels)
    assert all(labels[i] == labels[40 + i] for i in range(40))


@pytest.mark.parametrize(("scraped", "text"), [
    ("Лук&#39;яненко", "Лук'яненко"), ("Лук&rsquo;яненко", "Лук\u2019яненко"), ("м.&nbsp;Горлівка", "м.\u00a0Горлівка"),
    ("Ва\u00adле\u00adрия", "Валерия"), ("\ufeffКоваль", "Коваль"), ("Ко\u200bваль", "Коваль"),
    ("AT&T", "AT&T"), ("Шевченко", "Шевченко"),
])
def test_web_text_artefacts_are_removed(scraped: str, text: str) -> None:
    from estimators.linkage.mojibake import web_text

    assert web_text(scraped) == text


def test_the_gazetteer_reads_the_repaired_settlement() -> None:
    """The settlement codes come from the text the keys come from: a mis-decoded place gets its code."""
    import pandas as pd

    from estimators.linkage.model import _settlement_codes
    from estimators.linkage.standardise import standardise_records

    def garble(text: str) -> str:
        return text.encode("cp1251").decode("cp1252")

    raw = pd.DataFrame({"family_name": [garble("Коваленко")] * 3, "given_name": [garble("Олена")] * 3,
                        "origin_settlement": [garble("Маріуполь"), garble("Херсон"), "Мелітополь"],
                        "source_dataset": "a"}, dtype="string")
    keys = standardise_records(raw)
    assert keys["settlement_text"].tolist() == ["Маріуполь", "Херсон", "Мелітополь"]
    _settlement_codes(keys, raw)
    assert keys["settlement_code"].notna().all()
