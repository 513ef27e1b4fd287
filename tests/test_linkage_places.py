"""Language-aware keys of categorical fields, surname skeletons, name forms, list-label detection.

Issue 11, causes 1, 4, 5 and 8, at the level of the keys (the end-to-end behaviour is in
test_linkage_causes.py).  Examples are the forms named in the issue.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from estimators.linkage.fields import list_label_fields
from estimators.linkage.places import (
    country_of,
    institution_key,
    is_unknown,
    place_key,
    settlement_code,
    settlement_parts,
    settlement_place_key,
)
from estimators.linkage.standardise import fold_key, given_name_key, name_skeleton, standardise_records


@pytest.mark.parametrize("forms", [
    ("Belarus", "Беларусь", "Білорусь", "Белоруссия", "Республика Беларусь", "Рэспубліка Беларусь"),
    ("Russia", "Россия", "Росія", "Російська Федерація", "РФ", "Russian Federation"),
])
def test_countries_fold_across_languages(forms) -> None:
    """Cause 1: 'Belarus' / 'Беларусь' / 'Білорусь' folded to different keys and acted as a list label."""
    assert len({place_key(f) for f in forms}) == 1
    assert place_key(forms[0]).startswith("country:")


def test_regions_and_places_fold_and_unknown_is_missing() -> None:
    assert place_key("Ростовська область") == place_key("Ростовская обл.") == place_key("Rostov region")
    assert place_key("Краснодарський край") == place_key("Krasnodar Krai")
    for v in ("невідомо", "Неизвестно", "unknown", "n/a", "-", ""):
        assert is_unknown(v) and place_key(v) is None
    # a region of Belarus is in Belarus: a camp there compares with "Belarus" at the country level
    assert country_of(place_key("лагерь «Дубрава», Минская обл.")) == country_of(place_key("Беларусь")) == "by"
    assert country_of(place_key("Ростовская обл.")) is None


@pytest.mark.parametrize("forms", [
    ("Дитячий будинок №3", "Детский дом № 3", "Children's home No. 3", "Дзіцячы дом №3"),
    ("Школа-інтернат №5", "школа-интернат 5", "Boarding school #5"),
    ("Будинок дитини №2", "Дом ребенка №2", "Baby home 2"),
    ("Маріупольський дитячий будинок", "ГБУ «Мариупольский республиканский детский дом»"),
    ("Горлівський дитячий будинок", "Горловский детский дом", "Horlivka orphanage"),
])
def test_institutions_fold_across_languages(forms) -> None:
    assert len({institution_key(f) for f in forms}) == 1, [institution_key(f) for f in forms]


def test_settlements_resolve_through_the_gazetteer() -> None:
    """Cause 4: renamed settlements and Russian forms just under the similarity cut-off."""
    assert settlement_code("Артемовск, Донецкая обл.") == settlement_code("Бахмут") is not None
    assert settlement_code("Снежное") == settlement_code("Сніжне") is not None
    assert settlement_code("Kharkov") == settlement_code("Харків") is not None
    assert settlement_code("Рубежное, ЛНР") == settlement_code("м. Рубіжне") is not None
    assert settlement_code("h. Makeevka") == settlement_code("г. Макеевка") is not None
    assert settlement_parts("Кадіївка, Луганська обл.") == ("Кадіївка", "Луганська обл.")
    assert settlement_place_key("Донецк, ДНР") == settlement_place_key("Донецьк")


@pytest.mark.parametrize("a,b", [("Олійник", "Олейник"), ("Ковальов", "Ковалёв"), ("Соловйов", "Соловьёв"),
                                 ("Білоус", "Белоус"), ("Лук'яненко", "Лукьяненко")])
def test_surname_variants_share_a_skeleton(a, b) -> None:
    """Cause 5: Russian/Ukrainian orthography of one surname."""
    assert name_skeleton(fold_key(a)) == name_skeleton(fold_key(b))


def test_surname_skeletons_keep_different_surnames_apart() -> None:
    keys = [name_skeleton(fold_key(s)) for s in ("Коваль", "Ковальов", "Бондар", "Бондаренко", "Шевченко", "Шевчук")]
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize("forms", [
    ("Олександр", "Александр", "Аляксандр", "Aleksandr", "Alexander", "Oleksandr"),
    ("Катерина", "Екатерина", "Кацярына", "Catherine", "Katherine", "Kateryna", "Yekaterina"),
    ("Юлія", "Юлия", "Yuliya", "Julia"),
    ("Іван", "Иван", "Ваня"),
    ("Анастасія", "Анастасия", "Настя"),
])
def test_given_name_forms_share_a_group(forms) -> None:
    """Cause 8: Russian-style romanisation, English equivalents, Belarusian forms, diminutives."""
    assert len({given_name_key(f) for f in forms}) == 1, [given_name_key(f) for f in forms]


def test_a_diminutive_shared_by_a_male_and_a_female_name_maps_by_sex() -> None:
    assert given_name_key("Саша", sex="M") == given_name_key("Олександр")
    assert given_name_key("Саша", sex="F") == given_name_key("Олександра")
    assert given_name_key("Олександр") != given_name_key("Олександра")


def test_swapped_names_initials_and_a_lone_given_name_are_standardised() -> None:
    frame = pd.DataFrame({
        "family_name": ["Олександр", "К.", "Sasha", "Коваленко"],
        "given_name": ["Коваленко", "Олександр", "", "Олександр"],
        "sex": ["M", "M", "F", ""],
    })
    keys = standardise_records(frame)
    assert keys.loc[0, "family_key"] == keys.loc[3, "family_key"] and keys.loc[0, "given_key"] == keys.loc[3,
                                                                                                          "given_key"]
    assert bool(keys.loc[0, "names_swapped"]) and not bool(keys.loc[3, "names_swapped"])
    assert pd.isna(keys.loc[1, "family_key"]) and keys.loc[1, "family_initial"] == "k"
    assert pd.isna(keys.loc[2, "family_key"]) and keys.loc[2, "given_key"] == given_name_key("Олександра")


def test_a_field_spelled_one_way_per_list_is_detected_as_a_list_label() -> None:
    """Cause 1 when folding fails: constant within each list, different across lists."""
    rng = np.random.default_rng(0)
    n = 60
    keys = pd.DataFrame({
        "destination_key": ["place one"] * n + ["place two"] * n,
        "institution_key": [f"inst {i}" for i in rng.integers(0, 5, 2 * n)],
        "settlement_key": [f"town {i}" for i in rng.integers(0, 8, n)] + [f"misto {i}" for i in rng.integers(0, 8, n)],
    })
    checks = {c.column: c for c in list_label_fields(keys, np.repeat([0, 1], n), 2)}
    assert checks["destination_key"].reason == "constant within lists"
    assert checks["settlement_key"].reason == "list-specific coding"
    assert not checks["institution_key"].neutralised


@pytest.mark.parametrize("written, settlement", [
    ("Лисичанск, Северодонецкий р-н", "Лисичанськ"),
    ("Антрацит, Ровеньківський р-н", "Антрацит"),
    ("Kherson, Kherson Raion", "Херсон"),
    ("Луганськ, Луганський район", "Луганськ"),
])
def test_a_raion_beside_the_settlement_does_not_hide_it(written: str, settlement: str) -> None:
    from estimators.linkage.places import settlement_place_key, settlement_resolution

    assert settlement_resolution(written)[0] is not None
    assert settlement_resolution(written)[0] == settlement_resolution(settlement)[0]
    assert settlement_place_key(written) is not None


@pytest.mark.parametrize("forms", [
    ("Слов'янськ", "Слов’янськ", "Sloviansk", "Slov'iansk"),
    ("Кам'янське", "Kamianske", "Kam'ianske"),
    ("Мар'їнка", "Marinka", "Марьинка"),
    ("Пам'ятне", "Pamiatne"),
    ("Донецьк", "Donetsk'"),  # an apostrophe for the soft sign, at the end: still a word break
    ("Макіївка", "Mak'iivk'a"),  # Georgian romanisation marks ejectives with an apostrophe
])
def test_an_apostrophe_inside_a_place_name_is_part_of_the_word(forms) -> None:
    """Ukrainian writes an apostrophe inside many place names (Слов'янськ, Кам'янське,
    Мар'їнка); the national romanisation and the Russian forms leave it out.  Read as a word
    break, it split the name in two and the key sorted the halves (``ansk slov``), so no
    other form of the place agreed with it."""
    keys = {settlement_place_key(f) for f in forms}
    assert len(keys) == 1, keys
    assert " " not in next(iter(keys))


@pytest.mark.parametrize("written", ["Сєвєродонецький р-н", "Мариупольский район", "Kakhovka Raion"])
def test_a_raion_alone_names_no_settlement(written: str) -> None:
    """A raion holds many settlements: as an origin it is unknown, not a disagreement."""
    from estimators.linkage.places import settlement_place_key, settlement_resolution

    assert settlement_resolution(written) == (None, None)
    assert settlement_place_key(written) is None


def test_english_spellings_by_ear_resolve_in_the_gazetteer() -> None:
    from estimators.linkage.places import settlement_resolution

    assert settlement_resolution("Cramatorsk")[0] == settlement_resolution("Краматорськ")[0] is not None
    assert settlement_resolution("Altchevsk")[0] == settlement_resolution("Алчевськ")[0] is not None


@pytest.mark.parametrize("address, settlement", [
    ("м. Луганськ, вул. Шкільна, 83/163", "Луганськ"),
    ("Донецька обл., м. Ясинувата, вул. Лесі Українки, буд. 31", "Ясинувата"),
])
def test_an_address_resolves_to_its_settlement(address: str, settlement: str) -> None:
    from estimators.linkage.places import settlement_resolution

    assert settlement_resolution(address)[0] == settlement_resolution(settlement)[0] is not None
