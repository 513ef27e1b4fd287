"""Settlement gazetteer: renamed, Russian, Latin and prefixed forms -> one KATOTTH code.

The expected names are the official KATOTTH 2025 names of the settlements; the renames are
the 2016 decommunisation renames (Verkhovna Rada resolutions of 4 Feb, 12 May, 19 May and
14 Jul 2016, cited row by row in ``data/gazetteer/renames_2016.csv``) and Жданов -> Маріуполь
(the city's name 1948-1989).  The oblast is given where a former name was borne by two
places (Артемівськ was also a town of Luhansk oblast, now Кипуче; two villages of Donetsk
oblast are still called Красний Луч): without it the lookup must not pick one.
"""

from __future__ import annotations

import csv
import shutil

import pytest

from estimators import DataIntegrityError, data
from estimators.linkage import gazetteer as gz

DONETSK, LUHANSK = "UA14", "UA44"


@pytest.fixture(scope="module")
def g() -> gz.Gazetteer:
    return gz.load_gazetteer()


def code_of(g: gz.Gazetteer, name: str, oblast: str, category: str = "M") -> str:
    """The code of the one settlement with this official name, oblast prefix and category."""
    found = [s.katotth for s in g.settlements.values()
             if s.name == name and s.oblast == oblast and s.category == category]
    assert len(found) == 1, (name, oblast, category, found)
    return found[0]


# --------------------------------------------------------------------------- the pinned table
def test_table_is_pinned_and_verified_on_load() -> None:
    path = data.verified_path(gz.GAZETTEER_FILE)
    assert data.used_files()[gz.GAZETTEER_FILE] == data.load_manifest()["files"][gz.GAZETTEER_FILE]["sha256"]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["katotth", "category", "oblast", "name", "form", "source"]
    official = [r for r in rows if r["form"] == "official_uk"]
    # every KATOTTH settlement once, with the category counts of the classifier (16 May 2025:
    # M 461, X 2,007, C 27,237, K 2 - data/gazetteer/README.md)
    assert len({r["katotth"] for r in official}) == len(official) == len({r["katotth"] for r in rows})
    counts = {c: sum(r["category"] == c for r in official) for c in "MXCK"}
    assert counts == {"M": 461, "X": 2007, "C": 27237, "K": 2}
    assert {r["form"] for r in rows} <= {"official_uk", "ocha_en", "former", "former_en", "russian",
                                         "geonames_alt", "latin"}
    assert all(r["katotth"].startswith(r["oblast"]) for r in rows)


def test_tampered_table_is_refused(tmp_path, monkeypatch) -> None:
    root = tmp_path / "data"
    shutil.copytree(data.data_dir(), root)
    target = root / gz.GAZETTEER_FILE
    target.write_text(target.read_text(encoding="utf-8").replace("Бахмут", "Бахмут1", 1), encoding="utf-8")
    monkeypatch.setenv("REMOVALS_DATA_DIR", str(root))
    gz.load_gazetteer.cache_clear()
    try:
        with pytest.raises(DataIntegrityError, match="sha256 mismatch"):
            gz.load_gazetteer()
    finally:
        monkeypatch.delenv("REMOVALS_DATA_DIR")
        gz.load_gazetteer.cache_clear()


def test_every_hand_table_rename_cites_a_source_and_is_found(g: gz.Gazetteer) -> None:
    path = data.verified_path("gazetteer/renames_2016.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for r in rows:
        assert r["url"].startswith("http") and r["adopted"].startswith("2016-") and r["verified"] in ("true", "false")
        if r["verified"] == "true":
            area = gz.oblast_codes(r["oblast_uk"])
            assert area is not None
            # the renamed town is among the candidates (a unique answer when no other place of
            # the oblast bears or bore the name: Красний Лиман is also a village of Donetsk oblast)
            current = [c for c in g.candidates(r["former"], r["oblast_uk"]) if g.official_name(c) == r["current_uk"]]
            assert len(current) == 1, r["former"]


# --------------------------------------------------------------------------- renames
@pytest.mark.parametrize(("text", "oblast", "current", "where"), [
    ("Артемовск", "Донецкая область", "Бахмут", DONETSK),
    ("Артемівськ", "Донецька обл.", "Бахмут", DONETSK),
    ("Artemivsk", "Donetsk Oblast", "Бахмут", DONETSK),
    ("Дзержинск", None, "Торецьк", DONETSK),
    ("Торез", None, "Чистякове", DONETSK),
    ("Краснодон", None, "Сорокине", LUHANSK),
    ("Свердловск", None, "Довжанськ", LUHANSK),
    ("Красный Луч", "Луганская область", "Хрустальний", LUHANSK),
    ("Красний Луч", "Луганська", "Хрустальний", LUHANSK),
    ("Кировоград", None, "Кропивницький", "UA35"),
    ("Kirovohrad", None, "Кропивницький", "UA35"),
    ("Днепропетровск", None, "Дніпро", "UA12"),
    ("Dnipropetrovsk", None, "Дніпро", "UA12"),
    ("Красноармейск", None, "Покровськ", DONETSK),
    ("Димитров", None, "Мирноград", DONETSK),
    ("Жданов", "Донецька", "Маріуполь", DONETSK),
    ("Кировск", "Луганская", "Голубівка", LUHANSK),
    ("Щорс", None, "Сновськ", "UA74"),
])
def test_former_names_resolve_to_the_current_settlement(g, text, oblast, current, where) -> None:
    res = g.resolve(text, oblast)
    assert res.status == "unique"
    assert res.code == code_of(g, current, where)
    assert gz.settlement_key(text, oblast) == res.code
    assert res.current is False  # reached through a former name


def test_a_former_name_two_towns_bore_stays_ambiguous_without_the_oblast(g) -> None:
    bakhmut, kypuche = code_of(g, "Бахмут", DONETSK), code_of(g, "Кипуче", LUHANSK)
    res = g.resolve("Артемовск")
    assert res.code is None and res.status == "ambiguous" and res.codes == {bakhmut, kypuche}
    assert g.key("Artemovsk", "Луганська область") == kypuche
    # Красний Луч is also the current name of two villages of Donetsk oblast
    hrustalnyi = code_of(g, "Хрустальний", LUHANSK)
    res = g.resolve("Красный Луч")
    assert res.code is None and hrustalnyi in res.codes and len(res.codes) == 3
    assert g.compare("Красный Луч", "Хрустальний") == "overlap"


# --------------------------------------------------------------------------- Russian and Latin forms
@pytest.mark.parametrize(("text", "current", "where"), [
    ("Снежное", "Сніжне", DONETSK), ("Харцызск", "Харцизьк", DONETSK), ("Мариуполь", "Маріуполь", DONETSK),
    ("Харьков", "Харків", "UA63"), ("Kharkov", "Харків", "UA63"), ("Kharkiv", "Харків", "UA63"),
    ("Mariupol", "Маріуполь", DONETSK), ("Sniezhne", "Сніжне", DONETSK), ("Запорожье", "Запоріжжя", "UA23"),
    ("Кривой Рог", "Кривий Ріг", "UA12"), ("Северодонецк", "Сіверськодонецьк", LUHANSK),
    ("Киев", "Київ", "UA80"), ("Kyiv", "Київ", "UA80"),
])
def test_russian_and_latin_forms_resolve(g, text, current, where) -> None:
    category = "K" if where == "UA80" else "M"
    assert g.key(text) == code_of(g, current, where, category)


def test_a_city_is_preferred_over_villages_of_its_name_only_when_it_bears_the_name(g) -> None:
    # Маріуполь is also a village of Kirovohrad oblast: the city is the reading, and says so
    city, village = code_of(g, "Маріуполь", DONETSK), code_of(g, "Маріуполь", "UA35", "C")
    res = g.resolve("Маріуполь")
    assert res.code == city and res.method == "exact+city" and res.codes == {city, village}
    assert g.key("Маріуполь", prefer_city=False) is None
    assert g.key("Маріуполь", "Кіровоградська") == village
    assert g.key("с. Маріуполь") == village  # the type word points to the village
    # Красний Лиман is the former name of the city Лиман and the name of a village: no preference
    res = g.resolve("Красный Лиман")
    assert res.code is None and code_of(g, "Лиман", DONETSK) in res.codes


def test_russian_form_of_a_common_village_name_is_as_ambiguous_as_the_ukrainian_one(g) -> None:
    # GeoNames gives Александровка only for the town; the villages named Олександрівка are
    # its namesakes in Russian too
    uk = g.resolve("Олександрівка", "Кіровоградська")
    ru = g.resolve("Александровка", "Кировоградская область")
    assert uk.code is None and ru.code is None
    assert uk.codes == ru.codes and len(uk.codes) > 1


def test_fuzzy_fallback_resolves_vowel_variants_and_says_so(g) -> None:
    res = g.resolve("Sniezhne")
    assert res.method == "fuzzy" and res.code == code_of(g, "Сніжне", DONETSK)
    assert gz.FUZZY_THRESHOLD <= res.score < 1.0
    # a Russian form the table does not hold, of a city
    res = g.resolve("Каменка-Днепровская")
    assert res.method == "fuzzy" and res.code == code_of(g, "Кам’янка-Дніпровська", "UA23")
    # a town's name and a village's adjectival name share their consonants, not their vowels
    res = g.resolve("Покровское")
    assert res.code is None and code_of(g, "Покровськ", DONETSK) not in res.codes


# --------------------------------------------------------------------------- prefixes and addresses
@pytest.mark.parametrize("text", ["м. Бахмут", "м.Бахмут", "г. Бахмут", "город Бахмут", "місто Бахмут",
                                  "city of Bakhmut", "Bakhmut city", "  БАХМУТ  ", "Бахмут (Артемовск)",
                                  "Донецька обл., м. Бахмут", "Донецкая обл., Бахмутский р-н, г. Бахмут"])
def test_type_words_and_addresses(g, text) -> None:
    assert g.key(text) == code_of(g, "Бахмут", DONETSK)


def test_type_word_chooses_between_a_city_and_an_urban_settlement_of_one_name(g) -> None:
    city, urban = code_of(g, "Хрустальний", LUHANSK), code_of(g, "Хрустальний", LUHANSK, "X")
    assert g.key("м. Хрустальний") == city
    assert g.key("смт Хрустальний") == urban
    assert g.key("пгт Хрустальный") == urban


def test_names_ending_in_a_type_word_keep_it(g) -> None:
    assert gz.strip_settlement_prefix("Старе Село")[0] == "старе село"
    assert gz.strip_settlement_prefix("с. Старе Село") == ("старе село", frozenset({"C"}))


# --------------------------------------------------------------------------- ambiguity and unknowns
def test_common_village_name_without_oblast_has_no_single_code(g) -> None:
    res = g.resolve("Олександрівка")
    assert res.code is None and res.status == "ambiguous" and len(res.codes) > 50
    assert gz.settlement_key("Олександрівка") is None
    assert gz.settlement_candidates("Олександрівка") == res.codes
    # two cities share the name Первомайськ; the oblast decides
    assert g.key("Первомайськ") is None
    assert g.key("Первомайськ", "Миколаївська") == code_of(g, "Первомайськ", "UA48")


@pytest.mark.parametrize("text", ["xyzzy", "", "   ", None, float("nan"), "Ростов-на-Дону", "Москва", "Минск",
                                  "Донецька область", "м."])
def test_unknown_strings_resolve_to_nothing(g, text) -> None:
    res = g.resolve(text)
    assert res.code is None and res.codes == frozenset() and res.status == "unknown"


def test_compare_for_record_linkage(g) -> None:
    assert gz.compare_settlements("Артемовск", "Бахмут", "Донецкая обл.") == "same"
    assert g.compare("Харьков", "Kharkiv") == "same"
    assert g.compare("Артемовск", "Бахмут") == "overlap"  # two Artemivsks
    assert g.compare("Олександрівка", "Александровка", "Кіровоградська", "Кировоградская") == "overlap"
    assert g.compare("Харків", "Київ") == "different"
    assert g.compare("Харків", "xyzzy") == "unknown"
    assert g.compare(None, "Київ") == "unknown"


@pytest.mark.parametrize(("text", "expected"), [
    ("Донецька обл.", ("UA14",)), ("Donetsk Oblast", ("UA14",)), ("Донецкая область", ("UA14",)),
    ("UA14000000000091971", ("UA14",)), ("Луганська", ("UA44",)), ("Lugansk", ("UA44",)),
    ("Чернігівська", ("UA74",)), ("Черновицкая", ("UA73",)), ("Odessa", ("UA51",)),
    ("м. Київ", ("UA32", "UA80")), ("АР Крим", ("UA01", "UA85")), ("Закарпатье", ("UA21",)),
    ("nonsense", None), (None, None),
])
def test_oblast_in_any_form(text, expected) -> None:
    assert gz.oblast_codes(text) == expected


def test_an_oblast_restricts_the_candidates(g) -> None:
    # Покровськ is in Donetsk oblast; in Kharkiv oblast the name is unknown
    assert g.key("Покровськ", "Харківська") is None
    assert g.key("Покровськ", "Донецька") == code_of(g, "Покровськ", DONETSK)


# --------------------------------------------------------------------------- folding
def test_skeleton_and_vowel_blind_key() -> None:
    assert gz.skeleton("Мариуполь") == gz.skeleton("Маріуполь") == gz.skeleton("Mariupol") == "marupol"
    assert gz.skeleton("Харків") == gz.skeleton("Kharkiv") != gz.skeleton("Харьков")
    assert gz.vowel_blind(gz.skeleton("Сніжне")) == gz.vowel_blind(gz.skeleton("Снежное")) == "snVznV"
    assert gz.vowel_blind(gz.skeleton("Покровськ")) != gz.vowel_blind(gz.skeleton("Покровское"))


def test_jaro_winkler_reference_values() -> None:
    # Winkler (1990) / the standard examples: MARTHA-MARHTA 0.961, DWAYNE-DUANE 0.84, DIXON-DICKSONX 0.813
    assert gz.jaro_winkler("martha", "marhta") == pytest.approx(0.9611, abs=1e-4)
    assert gz.jaro_winkler("dwayne", "duane") == pytest.approx(0.84, abs=1e-4)
    assert gz.jaro_winkler("dixon", "dicksonx") == pytest.approx(0.8133, abs=1e-4)
    assert gz.jaro_winkler("abc", "abc") == 1.0 and gz.jaro_winkler("abc", "") == 0.0
