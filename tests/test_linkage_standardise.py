"""Standardisation: the 2010 Ukrainian transliteration, Russian ICAO, name keys, partial dates."""

from __future__ import annotations

import pytest

from estimators.linkage.standardise import (
    fold_key,
    given_name_key,
    guess_language,
    load_name_table,
    parse_partial_date,
    patronymic_key,
    transliterate,
)

from .conftest import link_frames

# Examples from the table of Cabinet of Ministers of Ukraine Resolution No. 55 (27 Jan 2010).
KMU_2010_EXAMPLES = [
    ("Алушта", "alushta"), ("Андрій", "andrii"), ("Борщагівка", "borshchahivka"), ("Вінниця", "vinnytsia"),
    ("Гадяч", "hadiach"), ("Згорани", "zghorany"), ("Ґалаґан", "galagan"), ("Рівне", "rivne"),
    ("Єнакієве", "yenakiieve"), ("Житомир", "zhytomyr"), ("Закарпаття", "zakarpattia"), ("Медвин", "medvyn"),
    ("Іршава", "irshava"), ("Їжакевич", "yizhakevych"), ("Кадиївка", "kadyivka"), ("Йосипівка", "yosypivka"),
    ("Стрий", "stryi"), ("Київ", "kyiv"), ("Миколаїв", "mykolaiv"), ("Ніжин", "nizhyn"), ("Одеса", "odesa"),
    ("Ужгород", "uzhhorod"), ("Харків", "kharkiv"), ("Біла Церква", "bila tserkva"), ("Чернівці", "chernivtsi"),
    ("Шостка", "shostka"), ("Гоща", "hoshcha"), ("Юрій", "yurii"), ("Корюківка", "koriukivka"),
    ("Яготин", "yahotyn"), ("Костянтин", "kostiantyn"), ("Знам'янка", "znamianka"), ("Знам’янка", "znamianka"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), KMU_2010_EXAMPLES)
def test_ukrainian_national_transliteration(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "uk") == latin


@pytest.mark.parametrize(("cyrillic", "latin"), [("Пётр", "petr"), ("Щукин", "shchukin"), ("Юлия", "iuliia"),
                                                 ("Хрущёв", "khrushchev"), ("Объедков", "obieedkov")])
def test_russian_icao_transliteration(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, "ru") == latin


def test_language_is_guessed_from_distinctive_letters() -> None:
    assert guess_language("Їжакевич") == "uk"
    assert guess_language("Мікалаеўна") == "be"
    assert guess_language("Объедков") == "ru"
    assert guess_language("Oleksandr") == "latin"


def test_romanisation_variants_meet_on_one_key() -> None:
    assert fold_key("Марія") == fold_key("Мария") == fold_key("Mariya") == fold_key("MARIIA")
    assert fold_key("Григорій") == fold_key("Grigoriy") == fold_key("Hryhorii")
    assert fold_key("Олександр") != fold_key("Александр")  # different names until the table says otherwise
    assert fold_key("  о'Лександр ") == fold_key("Олександр")


def test_given_name_equivalences_from_the_curated_table() -> None:
    table = load_name_table()
    assert table.groups >= 50
    for forms in [("Олександр", "Александр", "Аляксандр", "Oleksandr", "Aleksandr"),
                  ("Микола", "Николай", "Мікалай", "Mykola"), ("Олена", "Елена", "Алена"),
                  ("Дарина", "Дарья", "Дар'я")]:
        keys = {given_name_key(f, table) for f in forms}
        assert len(keys) == 1, forms
    assert given_name_key("Олександр", table) != given_name_key("Олена", table)
    assert given_name_key("", table) is None


def test_patronymics_reduce_to_the_fathers_name_group() -> None:
    table = load_name_table()
    groups = [
        ("Миколайович", "Николаевич", "Миколаївна", "Николаевна", "Мікалаевіч", "Mykolaiovych"),
        ("Сергійович", "Сергеевич", "Сергіївна", "Сергеевна"),
        ("Олександрович", "Александрович", "Олександрівна", "Александровна", "Аляксандравіч"),
        ("Петрович", "Петрівна", "Петровна"),
    ]
    keys = []
    for forms in groups:
        ks = {patronymic_key(f, table) for f in forms}
        assert len(ks) == 1, forms
        keys.append(ks.pop())
    assert len(set(keys)) == len(groups)
    assert keys[0] == given_name_key("Микола", table)


@pytest.mark.parametrize(("text", "precision"), [("2014-03-09", 3), ("2014-03", 2), ("2014", 1)])
def test_partial_dates_keep_their_precision(text: str, precision: int) -> None:
    d = parse_partial_date(text)
    assert d is not None and d.precision == precision and d.year == 2014


@pytest.mark.parametrize("text", ["2014-02-30", "2014-13", "14-03-2014", "2014/03/09", "1850", "", "2014-3-9"])
def test_impossible_or_malformed_dates_are_rejected(text: str) -> None:
    assert parse_partial_date(text) is None


@pytest.mark.parametrize("mixed, clean", [
    ("ВИКТОPИЯ", "ВИКТОРИЯ"),      # Latin P in a Cyrillic word (OCR, or a Latin keyboard)
    ("Мaрія", "Марія"),            # Latin a
    ("ОЛEКСАНДР", "ОЛЕКСАНДР"),    # Latin E
    ("Olеna", "Olena"),            # Cyrillic е in a Latin word
    ("KОVALENKO", "KOVALENKO"),    # Cyrillic О in a Latin word
])
def test_look_alike_letters_of_the_other_script_are_repaired(mixed: str, clean: str) -> None:
    from estimators.linkage.folding import fold_key, one_script

    assert one_script(mixed) == clean
    assert fold_key(mixed) == fold_key(clean)


@pytest.mark.parametrize("text", [
    "Київ Kyiv",      # two words, each in one script
    "Сафlя",          # a Latin l has no Cyrillic look-alike: left as written
    "ЯB",             # one letter of each: no majority
    "Oleksandr",
])
def test_words_without_a_repairable_mix_are_left_alone(text: str) -> None:
    from estimators.linkage.folding import one_script

    assert one_script(text) == text


def test_a_settlement_with_a_look_alike_letter_resolves_like_the_clean_name() -> None:
    from estimators.linkage.places import settlement_resolution

    clean = settlement_resolution("Маріуполь")
    assert clean[0] is not None
    assert settlement_resolution("Мaріуполь") == clean        # Latin a
    assert settlement_resolution("MАRIUPOL") == settlement_resolution("MARIUPOL")  # Cyrillic А


@pytest.mark.parametrize("english, cyrillic", [
    ("Covalenko", "Коваленко"), ("Tkatchenko", "Ткаченко"), ("Ostapenco", "Остапенко"), ("Comarova", "Комарова"),
])
def test_english_spellings_by_ear_fold_with_the_cyrillic(english: str, cyrillic: str) -> None:
    from estimators.linkage.folding import fold_key

    assert fold_key(english) == fold_key(cyrillic)


def test_a_c_before_a_front_vowel_stays_ts_as_in_scholarly_latin() -> None:
    from estimators.linkage.folding import fold_key

    assert fold_key("Kaciaryna") == fold_key("Кацярына")


def test_a_given_name_the_table_lacks_takes_the_group_of_its_unique_skeleton() -> None:
    from estimators.linkage.standardise import given_name_key, load_name_table

    table = load_name_table()
    assert given_name_key("Meelana", table, "F") == given_name_key("Мілана", table, "F")
    assert given_name_key("Dmitreei", table, "M") == given_name_key("Дмитро", table, "M")
    # a skeleton that no form of the table has: the folded key, as before
    assert given_name_key("Marat", table, "M") == "marat"
    # the sex decides: a skeleton of a girl's name does not make a boy's name hers
    skeleton_groups = {k: v for k, v in table.given_by_skeleton.items() if k[1] == "F"}
    female_only = next(k[0] for k, v in skeleton_groups.items() if (k[0], "M") not in table.given_by_skeleton)
    assert table.given_by_skeleton.get((female_only, "M")) is None


def _cells(family: str, given: str, patronymic: str) -> tuple[str, str, str, bool]:
    from estimators.linkage.name_cells import repair_name_cells
    from estimators.linkage.standardise import is_known_patronymic, load_name_table

    t = load_name_table()
    f, g, p, r = repair_name_cells([family], [given], [patronymic], t.given, lambda k: is_known_patronymic(k, t))
    return str(f[0] or ""), str(g[0] or ""), str(p[0] or ""), r[0]


@pytest.mark.parametrize("cells, expected", [
    # the whole name in the family-name cell, in either order
    (("Литвиненко Дмитрий Константинович", "", ""), ("Литвиненко", "Дмитрий", "Константинович", True)),
    (("Дмитрий Константинович Литвиненко", "", ""), ("Литвиненко", "Дмитрий", "Константинович", True)),
    (("Твердовіл Артем", "", ""), ("Твердовіл", "Артем", "", True)),
    # cells shifted by one: given, patronymic, family
    (("Сергій", "Миколайович", "Опанасів"), ("Опанасів", "Сергій", "Миколайович", True)),
    (("Andrii", "Mykolaiovych", ""), ("", "Andrii", "Mykolaiovych", True)),
    # left as written: in place already; a Belarusian family name in -ович is no patronymic;
    # a double family name without a given name
    (("Опанасів", "Сергій", "Миколайович"), ("Опанасів", "Сергій", "Миколайович", False)),
    (("Лукашевич Карпович", "", ""), ("Лукашевич Карпович", "", "", False)),
    (("Роман", "Лукашевич", ""), ("Роман", "Лукашевич", "", False)),
])
def test_name_words_go_to_their_cells(cells: tuple[str, str, str], expected: tuple[str, str, str, bool]) -> None:
    assert _cells(*cells) == expected


def test_repaired_cells_give_the_keys_of_the_clean_record() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({
        "family_name": ["Литвиненко", "Литвиненко Дмитрий Константинович", "Дмитрий"],
        "given_name": ["Дмитрий", "", "Константинович"],
        "patronymic": ["Константинович", "", "Литвиненко"],
    }, dtype="string")
    keys = standardise_records(frame)
    for col in ("family_key", "given_key", "patronymic_key"):
        assert keys[col].nunique() == 1, col


def test_given_name_and_patronymic_initials_are_kept_as_initials_and_fragments_are_missing() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({
        # an anonymised ruling's initials; a full name; the tails of words broken across PDF cells
        "family_name": ["Г.", "Гнатюк", "Гнатюк"],
        "given_name": ["В.", "Віталій", "а"],
        "patronymic": ["Б.", "Богданович", "ч"],
    }, dtype="string")
    keys = standardise_records(frame)
    assert pd.isna(keys.loc[0, "given_key"]) and keys.loc[0, "given_initial"] == "v"
    assert pd.isna(keys.loc[0, "patronymic_key"]) and keys.loc[0, "patronymic_initial"] == "b"
    assert keys.loc[1, "given_initial"] == "v" and keys.loc[1, "patronymic_initial"] == "b"
    assert not pd.isna(keys.loc[1, "given_key"]) and not pd.isna(keys.loc[1, "patronymic_key"])
    for column in ("given_key", "given_initial", "patronymic_key", "patronymic_initial"):
        assert pd.isna(keys.loc[2, column]), column


def test_initials_and_by_ear_names_in_shifted_cells() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({
        # 'Щ.' folds to two letters ('sc') but is one initial; a given name spelt by ear in the
        # family-name cell, the patronymic in the given-name cell
        "family_name": ["Щ.", "Anastaseeia", "Сорокова"],
        "given_name": ["Іван", "Ievhenivna", "Анастасія"],
        "patronymic": ["", "", "Євгенівна"],
    }, dtype="string")
    keys = standardise_records(frame)
    assert pd.isna(keys.loc[0, "family_key"]) and keys.loc[0, "family_initial"] == "s"
    assert keys.loc[1, "given_key"] == keys.loc[2, "given_key"]
    assert keys.loc[1, "patronymic_key"] == keys.loc[2, "patronymic_key"]
    assert pd.isna(keys.loc[1, "family_key"])


def test_a_name_carries_the_initials_of_its_forms_in_each_language() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({
        "family_name": ["Вовкодав", "Вовкодав", "Вовкодав"],
        "given_name": ["Олександр", "Александр", "О."],
        "patronymic": ["Євгенович", "Евгеньевич", "Є."],
    }, dtype="string")
    keys = standardise_records(frame)
    assert keys.loc[0, "given_initials"] == keys.loc[1, "given_initials"] == "ao"
    assert keys.loc[0, "patronymic_initials"] == keys.loc[1, "patronymic_initials"]
    assert keys.loc[2, "given_initials"] == keys.loc[2, "given_initial"] == "o"
    assert keys.loc[2, "patronymic_initial"] in keys.loc[1, "patronymic_initials"]
    assert keys.loc[1, "given_initial"] == "a"  # the Russian form's own initial differs from "О."


def test_masked_names_are_read_as_their_initials() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({
        # a council's masking practices: first and last letters, the first three, bullets, the
        # start hidden; a masked given name and patronymic; a cell of stars only; the full name
        "family_name": ["К*******о", "Ков***", "К••••о", "***енко", "Коваленко", "***", "Коваленко",
                        # a footnote mark or a cut after the whole name is not a mask
                        "Коваленко*", "Коваленко**", "Коваленко...", "«К***о»"],
        "given_name": ["Марія", "Марія", "Марія", "Марія", "М****я", "Марія", "Марія", "Марія…", "Марія", "Марія",
                       "Марія"],
        "patronymic": ["", "", "", "", "О******на", "", "Олегівна", "", "", "", ""],
    }, dtype="string")
    keys = standardise_records(frame)
    for i in range(3):
        assert pd.isna(keys.loc[i, "family_key"]) and keys.loc[i, "family_initial"] == "k", i
        assert keys.loc[i, "given_key"] == keys.loc[6, "given_key"], i
    assert pd.isna(keys.loc[3, "family_key"]) and pd.isna(keys.loc[3, "family_initial"])
    assert keys.loc[4, "family_key"] == keys.loc[6, "family_key"] == "kovalenko"
    assert pd.isna(keys.loc[4, "given_key"]) and keys.loc[4, "given_initial"] == "m"
    assert pd.isna(keys.loc[4, "patronymic_key"]) and keys.loc[4, "patronymic_initial"] == "o"
    assert pd.isna(keys.loc[5, "family_key"]) and pd.isna(keys.loc[5, "family_initial"])
    for i in (7, 8, 9):
        assert keys.loc[i, "family_key"] == "kovalenko" and keys.loc[i, "given_key"] == keys.loc[6, "given_key"], i
    assert pd.isna(keys.loc[10, "family_key"]) and keys.loc[10, "family_initial"] == "k"
    # visible letters that spell a given name (Ан****а) do not make the record's names "swapped"
    swap = standardise_records(pd.DataFrame({"family_name": ["Ан****а"], "given_name": [""]}, dtype="string"))
    assert not swap.loc[0, "names_swapped"] and swap.loc[0, "family_initial"] == "a"


@pytest.mark.parametrize("belarusian, russian", [
    ("Жураўлёў", "Журавлёв"), ("Леў", "Лев"), ("Žuravloŭ", "Журавлёв"), ("Łitvinienko", "Литвиненко"),
])
def test_belarusian_u_nonsyllabic_and_lacinka_l_fold_with_their_cognates(belarusian: str, russian: str) -> None:
    from estimators.linkage.folding import fold_key, name_skeleton

    assert name_skeleton(fold_key(belarusian)) == name_skeleton(fold_key(russian))


def test_a_sex_that_contradicts_an_unambiguous_given_name_is_missing() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({"given_name": ["Никита", "Никита", "Саша", "Оксана"], "sex": ["F", "M", "F", "F"]},
                         dtype="string")
    sexes = [None if pd.isna(x) else x for x in standardise_records(frame)["sex"]]
    # Никита is a boy's name: 'F' was guessed from its ending; Саша is a girl's name too
    assert sexes == [None, "M", "F", "F"]


def test_a_patronymic_in_the_family_name_cell_moves_to_its_own() -> None:
    assert _cells("Александрович", "Артём", "") == ("", "Артём", "Александрович", True)
    # a family name in -ович whose stem is no father's name stays
    assert _cells("Лукашевич", "Артём", "")[3] is False


@pytest.mark.parametrize("latin, cyrillic", [
    ("Schewtschenko", "Шевченко"), ("Beloschapka", "Белошапка"), ("Juschtschenko", "Ющенко"), ("Iuschenko", "Ющенко"),
    ("Yushchenko", "Ющенко"),
])
def test_german_and_informal_sch_fold_with_the_cyrillic(latin: str, cyrillic: str) -> None:
    """'sch' is ш in German and щ in informal English: both fold to one key (ш and щ share it)."""
    from estimators.linkage.folding import fold_key

    assert fold_key(latin) == fold_key(cyrillic)


def test_notes_in_brackets_are_not_part_of_a_name() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({"patronymic": ["Юрійович (знайдений)", "Юрійович", "[розшук] Юрійович"]}, dtype="string")
    assert standardise_records(frame)["patronymic_key"].nunique() == 1


def test_name_cells_that_say_the_name_is_not_known_are_missing() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({"family_name": ["-", "Шевченко", "невідомо"], "given_name": ["Олена", "н/д", "Іван"],
                          "patronymic": ["не вказано", "Юрійович", "нет данных"]}, dtype="string")
    keys = standardise_records(frame)
    assert keys["family_key"].isna().tolist() == [True, False, True]
    assert keys["family_initial"].isna().tolist() == [True, False, True]  # "-" is no initial either
    assert keys["given_key"].isna().tolist() == [False, True, False]
    assert keys["patronymic_key"].isna().tolist() == [True, False, True]


def test_a_short_lowercase_given_name_the_table_lacks_is_a_fragment_not_a_name() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    # the ends of Анастасия, Владислав, Олександра cut off by a table extractor; then names as written
    given = ["ия", "в", "дра", "Лев", "Ян", "Єва", "О.", "Анастасія"]
    sex = ["F", "M", "F", "M", "M", "F", "F", "F"]
    keys = standardise_records(pd.DataFrame({"given_name": given, "sex": sex}, dtype="string"))
    assert keys["given_key"].isna().tolist() == [True, True, True, False, False, False, True, False]
    # the fragments are missing; an initial is not a name either, but its initial is kept
    assert keys["given_initial"].isna().tolist() == [True, True, True, False, False, False, False, False]


def test_passport_zone_fillers_and_their_misreading_as_k_are_not_part_of_a_name() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({"family_name": ["MARTYNOV", "MARTYNOV", "KOVAL<<<<", "KOVAL"],
                          "given_name": ["YAROSLAV K K K K", "YAROSLAV", "OLENA", "OLENA"],
                          "patronymic": ["K KK K", "", "", ""], "sex": ["M", "M", "F", "F"]}, dtype="string")
    keys = standardise_records(frame)
    assert keys["given_key"].iloc[0] == keys["given_key"].iloc[1]
    assert keys["family_key"].iloc[2] == keys["family_key"].iloc[3]
    assert keys["patronymic_key"].isna().all()
    # one K is an initial, and a name ending in K keeps it
    kept = standardise_records(pd.DataFrame({"family_name": ["MELNYK"], "patronymic": ["K"]}, dtype="string"))
    assert kept["family_key"].iloc[0] == "melnik" and kept["patronymic_initial"].iloc[0] == "k"


def test_given_name_and_patronymic_in_each_others_cells_are_swapped_back() -> None:
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({"given_name": ["Михайловна", "София", "Олена", "Богдан"],
                          "patronymic": ["София", "Михайловна", "Іванівна", "Богданович"],
                          "sex": ["F", "F", "F", "M"]}, dtype="string")
    keys = standardise_records(frame)
    assert keys["given_key"].iloc[0] == keys["given_key"].iloc[1]
    assert keys["patronymic_key"].iloc[0] == keys["patronymic_key"].iloc[1]
    # ordinary rows stay, including a given name that is also a father's name
    assert keys["given_key"].iloc[3] != keys["patronymic_key"].iloc[2]


def _full_dates(n: int, seed: int, filled: str | None, share: float) -> list[str]:
    """SYNTHETIC full dates, the first ``share`` of them filled in as a date picker does."""
    import datetime

    import numpy as np

    rng = np.random.default_rng(seed)
    days = rng.integers(0, 365 * 12, n)
    out = []
    for i, d in enumerate(days):
        date = datetime.date(2006, 1, 1) + datetime.timedelta(days=int(d))
        if filled is not None and i < share * n:
            date = {"jan1": date.replace(month=1, day=1), "first": date.replace(day=1),
                    "dec31": date.replace(month=12, day=31)}[filled]
        out.append(date.isoformat())
    return out


def test_days_a_date_picker_filled_in_are_read_as_the_partial_date_they_stand_for() -> None:
    import numpy as np

    from estimators.linkage.standardise import _without_filled_in_days, parse_partial_date

    def run(dates: list[str]) -> list:
        parsed = [parse_partial_date(d) for d in dates]
        return _without_filled_in_days(parsed, np.array(["a"] * len(parsed)))

    # 15% of a list's dates on 1 January: year precision; 30% on the 1st: month precision
    jan = run(_full_dates(1000, 1, "jan1", 0.15))
    assert all(p.precision == 1 for p in jan[:150])
    # the other dates keep their day, but for genuine birthdays on 1 January (the price of the rule)
    rest = [parse_partial_date(d) for d in _full_dates(1000, 1, "jan1", 0.15)[150:]]
    assert [p.precision for p in jan[150:]] == [1 if (p.month, p.day) == (1, 1) else 3 for p in rest]
    first = run(_full_dates(1000, 2, "first", 0.3))
    # (1 January of a month-precision January is read as a year: the two cannot be told apart)
    assert all(p.precision == (1 if p.year and p.month is None else 2) for p in first[:300])
    assert sum(p.precision == 2 for p in first[:300]) > 250  # all but the Januaries (about 300 / 12 = 25)
    # stored at local midnight and exported in UTC: 31 December stands for the next year
    dec = run(_full_dates(1000, 3, "dec31", 0.15))
    assert {(p.year, p.precision) for p in dec[:150]} <= {(y, 1) for y in range(2007, 2019)}
    assert dec[0].year == int(_full_dates(1000, 3, "dec31", 0.15)[0][:4]) + 1
    # a list with the calendar's share of such days is unchanged
    dates = _full_dates(3000, 4, None, 0)
    assert run(dates) == [parse_partial_date(d) for d in dates]


def test_birth_dates_that_cannot_be_a_childs_are_placeholders_or_a_century_off() -> None:
    """1900-01-01 (a legacy system's "not known") is missing; 1915-07-13 typed for 2015-07-13 is
    read a century later, unless that would put the birth after the removal; other early dates
    are missing; plausible dates are untouched; the counts per list are kept."""
    import pandas as pd

    from estimators.linkage.standardise import standardise_records

    frame = pd.DataFrame({
        "source_dataset": ["a", "a", "a", "b", "b", "b", "b", "b"],
        "birth_date": ["1900-01-01", "1915-07-13", "2012-03-04", "1900", "1908-09", "1915-02-03", "1950-05-06",
                       "2016-01-02"],
        "removal_date": ["", "2022-08", "", "", "", "2014-06", "", ""],
    }, dtype="string")
    keys = standardise_records(frame)
    got = [(None if pd.isna(y) else int(y), None if pd.isna(m) else int(m), None if pd.isna(d) else int(d))
           for y, m, d in zip(keys["birth_year"], keys["birth_month"], keys["birth_day"], strict=True)]
    assert got == [(None, None, None), (2015, 7, 13), (2012, 3, 4), (None, None, None), (2008, 9, None),
                   (None, None, None),  # 2015-02-03 would be after its removal in 2014: missing, not moved
                   (None, None, None),  # 2050 is later than any child's birth in the lists
                   (2016, 1, 2)]
    assert keys.attrs["birth_dates_read"] == {
        "a": {"placeholder": 1, "century": 1, "implausible": 0, "after_removals": 0},
        "b": {"placeholder": 1, "century": 1, "implausible": 2, "after_removals": 0},
    }


def test_birth_dates_after_every_removal_date_are_no_birth_dates() -> None:
    """A birth after every removal date of its own list (a date picker left at the day of entry, dd.mm.yy
    read as yy.mm.dd) is missing; the same month as the latest removal may be before it and stays;
    with fewer than MIN_REMOVAL_DATES removal dates in the list nothing is read so."""
    import pandas as pd

    from estimators.linkage.standardise import MIN_REMOVAL_DATES, standardise_records

    n = MIN_REMOVAL_DATES
    frame = pd.DataFrame({
        "source_dataset": ["c"] * n + ["c"] * 5 + ["other"],
        "birth_date": ["2012-03-04"] * n + ["2031-07-13", "2024-01", "2023-10-20", "2015-05-05", "1925-03-02",
                                            "2024-06-01"],
        "removal_date": [f"2022-{1 + i % 12:02d}-15" for i in range(n - 1)] + ["2023-10"] + [""] * 6,
    }, dtype="string")
    keys = standardise_records(frame)
    years = [None if pd.isna(y) else int(y) for y in keys["birth_year"].iloc[n:]]
    # 1925 is not read as 2025 (after the list's removals); another list's birth is judged by its own dates
    assert years == [None, None, 2023, 2015, None, 2024]
    assert keys.attrs["birth_dates_read"] == {"c": {"placeholder": 0, "century": 0, "implausible": 1,
                                                    "after_removals": 2}}
    few = standardise_records(frame.iloc[1:].reset_index(drop=True))  # one removal date fewer than needed
    assert few["birth_year"].iloc[n - 1:n + 3].notna().all()
    assert few.attrs["birth_dates_read"]["c"]["after_removals"] == 0
    # lists with only plausible dates are not named
    plain = standardise_records(frame.iloc[[2, 7]].reset_index(drop=True))
    assert plain.attrs["birth_dates_read"] == {}


def test_placeholder_birth_dates_do_not_block_links_and_the_summary_counts_them(tmp_path) -> None:

    import numpy as np
    import pandas as pd


    families = ["Шевченко", "Ковальчук", "Харченко", "Климишин", "Дорошенко", "Бондаренко", "Ткаченко", "Мельник",
                "Кравець", "Олійник", "Лисенко", "Савченко", "Руденко", "Марченко", "Поліщук", "Гаврилюк",
                "Кузьменко", "Павленко", "Левченко", "Федоренко", "Мороз", "Петренко", "Панченко", "Волошин",
                "Гончаренко", "Костенко", "Тимошенко", "Яковенко", "Романюк", "Зінченко", "Нестеренко", "Юрченко",
                "Андрієнко", "Білик", "Василенко", "Остапенко", "Сидоренко", "Приходько", "Семенюк", "Литвин"]
    givens = ["Олена", "Микола", "Василь", "Ірина", "Андрій"]
    n = 40
    register = pd.DataFrame({
        "record_id": [f"r{i}" for i in range(n)],
        "family_name": families[:n],
        "given_name": [givens[i % 5] for i in range(n)],
        "birth_date": [f"{2005 + i % 12}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)],
        "origin_settlement": ["Маріуполь"] * n,
    })
    # SYNTHETIC: a legacy export writes 1900-01-01 for a quarter of its dates, and a hand-kept table
    # writes another quarter's years as 19xx
    legacy = register.assign(record_id=[f"p{i}" for i in range(n)], birth_date=[
        "1900-01-01" if i % 4 == 0 else ("19" + d[2:] if i % 4 == 1 else d) for i, d in enumerate(register["birth_date"])])
    result = link_frames(tmp_path, {"register": register, "legacy": legacy})
    # a quarter of the 40 dates each (i % 4 == 0 and 1 above)
    assert result.summary.model["birth_dates_read"] == {"legacy": {"placeholder": 10, "century": 10, "implausible": 0,
                                                                         "after_removals": 0}}
    text = result.summary.render()
    assert ("list legacy: birth dates 10 placeholders (1900-01-01) read as missing; "
            "10 read a century later (19xx written for 20xx)") in text
    assert not any(v in text for v in families + givens)
    # every legacy record is linked to its register record (with 1915 read as 1915, a quarter are not)
    labels = np.asarray(result.labels)
    assert all(labels[i] == labels[n + i] for i in range(n))


@pytest.mark.parametrize(("form", "ukrainian", "sex"), [
    ("Jean", "Іван", "M"), ("Étienne", "Степан", "M"), ("Matthieu", "Матвій", "M"), ("Élisabeth", "Єлизавета", "F"),
    ("Jiří", "Георгій", "M"), ("Ondřej", "Андрій", "M"), ("Kateřina", "Катерина", "F"), ("Alžběta", "Єлизавета", "F"),
    ("Иоанн", "Іван", "M"), ("Матфей", "Матвій", "M"), ("Фотина", "Світлана", "F"), ("Елисавета", "Єлизавета", "F"),
    ("Valentine", "Валентина", "F"), ("Valentine", "Валентин", "M"),  # French and English Valentine: by sex
])
def test_french_czech_and_church_forms_of_given_names(form: str, ukrainian: str, sex: str) -> None:
    from estimators.linkage.standardise import given_name_key

    assert given_name_key(form, sex=sex) == given_name_key(ukrainian, sex=sex)


@pytest.mark.parametrize(("form", "language", "ukrainian"), [
    ("Jean", "fr", "Іван"), ("Julie", "fr", "Юлія"), ("Jacques", "fr", "Яків"), ("Kateřina", "cs", "Катерина"),
    ("Jiří", "cs", "Георгій"), ("Řehoř", "cs", "Григорій"),
])
def test_french_and_czech_forms_are_known_as_their_lists_rewrite_them(form: str, language: str, ukrainian: str) -> None:
    """A list in French or Czech orthography has its names rewritten into English-style Latin
    before they are keyed (Jean -> Zhean, Kateřina -> Katerzina): the table knows that form too."""
    from estimators.linkage.orthography import to_english_latin
    from estimators.linkage.standardise import given_name_key, name_key

    rewritten = to_english_latin(form, language)
    assert name_key(rewritten) != name_key(form)  # the rewrite changes the key: the case this covers
    assert given_name_key(rewritten) == given_name_key(ukrainian)


def test_birth_dates_after_every_removal_are_counted_in_the_summary(tmp_path) -> None:
    import numpy as np
    import pandas as pd

    families = ["Шевченко", "Ковальчук", "Харченко", "Климишин", "Дорошенко", "Бондаренко", "Ткаченко", "Мельник"]
    n = 33
    register = pd.DataFrame({
        "record_id": [f"r{i}" for i in range(n)],
        "family_name": [families[i % 8] for i in range(n)],
        "given_name": [["Олена", "Микола", "Василь"][i % 3] for i in range(n)],
        "birth_date": [f"{2005 + i % 12}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)],
        "removal_date": [f"2022-{1 + i % 12:02d}-15" for i in range(n)],
    })
    # SYNTHETIC: a hotline's form left its date picker at the day of entry for a third of its births
    # (and no removal date there: a birth after the record's own removal is refused on reading)
    hotline = register.assign(
        record_id=[f"h{i}" for i in range(n)],
        birth_date=["2024-03-05" if i % 3 == 0 else d for i, d in enumerate(register["birth_date"])],
        removal_date=["" if i % 3 == 0 else d for i, d in enumerate(register["removal_date"])])
    result = link_frames(tmp_path, {"register": register, "hotline": hotline})
    assert result.summary.model["birth_dates_read"]["hotline"]["after_removals"] == n // 3
    assert f"{n // 3} after every removal date of the list, read as missing" in result.summary.render()
    labels = np.asarray(result.labels)
    assert all(labels[i] == labels[n + i] for i in range(n) if i % 3)  # the rows with their birth dates


@pytest.mark.parametrize(("form", "sex", "name"), [
    ("Пашенька", "M", "Павло"), ("Тёмочка", "M", "Артем"), ("Ванечка", "M", "Іван"), ("Петенька", "M", "Петро"),
    ("Машенька", "F", "Марія"), ("Юлечка", "F", "Юлія"), ("Олечка", "F", "Ольга"), ("Катюша", "F", "Катерина"),
    ("Сашенька", "F", "Олександра"), ("Сашенька", "M", "Олександр"),
])
def test_an_affectionate_form_of_a_short_form_is_the_name(form: str, sex: str, name: str) -> None:
    """Russian institutions' and media's pet forms (Паш-енька: Паша; Тём-очка: Тёма) are the short form's name."""
    from estimators.linkage.standardise import given_name_key

    assert given_name_key(form, sex=sex) == given_name_key(name, sex=sex)
