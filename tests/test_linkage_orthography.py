"""Latin spellings by another language's orthography, read list by list; home forms of given
names; regions by their everyday names; country names in the languages of reports abroad.

Values here are invented name forms and public place names, not records.
"""

from __future__ import annotations

import pandas as pd
import pytest

from estimators.linkage.folding import fold_key
from estimators.linkage.orthography import MIN_WORDS, detect_orthography, rewrite_orthographies, to_english_latin
from estimators.linkage.places import country_of, place_key, settlement_parts, settlement_place_key
from estimators.linkage.standardise import given_name_key, standardise_records

POLISH = ["Szewczenko", "Kowalczuk", "Ołena", "Mykoła", "Charczenko", "Kłymyszyn", "Doroszenko", "Wasyl"]
FRENCH = ["Chevtchenko", "Iouliia", "Soukhonos", "Andriï", "Khartchenko", "Loukianenko", "Marioupol", "Olena"]
ENGLISH = ["Shevchenko", "Yuliia", "Kovalchuk", "Olena", "Kharchenko", "Bilous", "Mariupol", "Chornenko"]


@pytest.mark.parametrize(("words", "expected"), [(POLISH, "pl"), (FRENCH, "fr"), (ENGLISH, None)])
def test_a_list_orthography_is_read_from_its_words(words, expected):
    assert detect_orthography(words * 3) == expected
    assert detect_orthography(words[: MIN_WORDS // 4]) is None  # too few words to tell


def test_cyrillic_and_mixed_lists_are_not_rewritten():
    assert detect_orthography(["Шевченко", "Олена"] * 20) is None
    assert detect_orthography(POLISH * 2 + FRENCH * 2) is None  # both markers: no guess


@pytest.mark.parametrize(
    ("written", "orthography", "cyrillic"),
    [
        ("Szewczenko", "pl", "Шевченко"), ("Charczenko", "pl", "Харченко"), ("Kłymyszyn", "pl", "Климишин"),
        ("Jaroszenko", "pl", "Ярошенко"), ("Siewierodonieck", "pl", "Сєвєродонецьк"),
        ("Wysznewśkyj", "pl", "Вишневський"), ("Juszczenko", "pl", "Ющенко"),
        ("Chevtchenko", "fr", "Шевченко"), ("Iarochenko", "fr", "Ярошенко"),
        ("Zaporijjia", "fr", "Запоріжжя"), ("Mikhaïlichin", "fr", "Михайлишин"), ("Louhansk", "fr", "Луганськ"),
    ],
)
def test_rewritten_spellings_fold_with_the_cyrillic(written, orthography, cyrillic):
    assert fold_key(to_english_latin(written, orthography)) == fold_key(cyrillic)
    assert fold_key(written) != fold_key(cyrillic)  # without the list's orthography they stay apart


def test_rewrite_is_per_list_and_keeps_other_lists_and_cyrillic():
    frame = pd.DataFrame({
        "source_dataset": ["pl"] * 24 + ["en"] * 24 + ["uk"],
        "family_name": POLISH * 3 + ENGLISH * 3 + ["Шевченко"],
        "given_name": [""] * 49,
    })
    out, found = rewrite_orthographies(frame)
    assert found == {"pl": "pl"}
    assert out.loc[0, "family_name"] == "shevchenko" and out.loc[24, "family_name"] == "Shevchenko"
    assert out.loc[48, "family_name"] == "Шевченко"
    assert frame.loc[0, "family_name"] == "Szewczenko"  # the input is not changed
    keys = standardise_records(frame)
    assert keys.attrs["orthographies"] == {"pl": "pl"}
    assert keys.loc[0, "family_key"] == keys.loc[24, "family_key"] == keys.loc[48, "family_key"]


@pytest.mark.parametrize(
    ("home", "sex", "full"),
    [("Ростик", "M", "Ростислав"), ("Максимко", "M", "Максим"), ("Остапчик", "M", "Остап"),
     ("Кирилко", "M", "Кирило"), ("Оленка", "F", "Олена"), ("Настуся", "F", "Анастасія"),
     ("Богданчик", "M", "Богдан"), ("Костик", "M", "Костянтин")],
)
def test_home_forms_of_given_names_find_their_name(home, sex, full):
    assert given_name_key(home, sex=sex) == given_name_key(full)


def test_a_home_form_that_two_names_share_stays_apart():
    # "Свят-" starts Святослав and Святогор... if the table has one only, a longer shared stem is used;
    # a stem shorter than four letters is never read as a prefix
    assert given_name_key("Ясик", sex="M") == fold_key("Ясик")


@pytest.mark.parametrize("region", ["Донеччина", "Луганщина", "Херсонщина", "Kharkivshchyna"])
def test_a_region_by_its_everyday_name_is_not_a_settlement(region):
    assert settlement_parts(region) == (None, region)
    assert settlement_place_key(region) is None
    assert settlement_parts(f"Брянка, {region}")[0] == "Брянка"


def test_villages_with_region_like_names_stay_settlements():
    assert settlement_parts("Майорщина") == ("Майорщина", None)
    assert settlement_place_key("Хмелівщина") is not None


@pytest.mark.parametrize(
    ("written", "country"),
    [("Russie", "ru"), ("Biélorussie", "by"), ("Rosja", "ru"), ("Białoruś", "by"), ("Russland", "ru"),
     ("Weißrussland", "by"), ("Fédération de Russie", "ru")],
)
def test_country_names_in_languages_of_reports_abroad(written, country):
    assert country_of(place_key(written)) == country


@pytest.mark.parametrize(("written", "oblast"), [("Ługańsk, obwód ługański", "obwód ługański"),
                                                 ("Donetsk, oblast de Donetsk", "oblast de Donetsk")])
def test_polish_and_french_region_words(written, oblast):
    assert settlement_parts(written)[1] == oblast
