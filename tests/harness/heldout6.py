"""SIXTH HELD-OUT error profile ``heldout_journal_hotline``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout5` (``heldout_ngo_casefiles``) as the
profile kept out of tuning, since the five earlier held-out profiles were run and used to
improve the model.  It is run ONCE, at the end.  ``bench/linkage_harness.py`` runs it only
with ``--heldout6``; the tests only check that it generates valid, deterministic lists with
the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from the input schema, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits to the model): the error processes are what such
sources look like, not what the model handles.

Four lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the five earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout6`), so the error processes live here and the
shared modules are unchanged.

``fr_annexe``
    the annex of a French-language report to an international body (a francophone NGO's
    submission, an intergovernmental report's French version) listing children identified
    in open sources: Russian forms for most (Ukrainian for the rest), in the French
    transcription (:func:`french`: Chevtchenko, Sergueï, Ioulia, Dmitri, Andriï, Vassilissa,
    Artiom, Louhansk, Marioupol), the French name for a fifth (Alexandre, Catherine,
    Hélène, Étienne, Élisabeth: accents); the family name in capitals for six in ten (French
    usage); the identity given in Russia for some re-registered children; no patronymic; the
    birth date for a third, otherwise the child's age at the annex's reference date
    (:data:`FR_REFERENCE`, one date for the whole list), so the birth year is that year less
    the age (one year late for most children: every child born after the reference day of
    the year), and for a child under three the age in months, so the birth month (one month
    late for some); places in French (``Marioupol, oblast de Donetsk``, ``Mélitopol``), a
    third in the Russian form French texts used before 2022 (``Lougansk``, ``Gorlovka``,
    ``Artiomovsk``); destination ``Russie`` / ``Biélorussie``; part copied from the shelter
    journal (the journal's reading errors kept, then transcribed).
``ru_shelter_journal``
    handwritten admission journals of Russian social rehabilitation centres (СРЦН) that
    received children from occupied Ukraine, photographed and transcribed by volunteers:
    Russian forms, ё without its dots; letters misread in Cyrillic cursive (т read as ш or м,
    ш as т, и as п or у, п as и, л as м, м as л, й as и, у as ч, ц as щ, б as д, д as б, а as
    о, в as б: :func:`cursive_misreading`); handwritten digits misread in a tenth of the
    dates (1/7, 4/9, 3/8, 5/6, 0/6: :func:`digit_misreading`); for some children the date the
    birth was registered (days to two months after the birth, copied from the wrong line of
    the birth certificate) as the birth date, for others only the legible year; the date of
    admission instead of removal, one per group admitted together, days to weeks after the
    removal; a child admitted a second time (after a hospital stay) has a second row with
    the later date; the journal in the order of admission, numbered by row; only some
    centres' journals photographed (whole groups missing); children sent to Russia, those
    from institutions most.
``ua_hotline``
    a Ukrainian hotline's register of calls from relatives of children taken away, typed by
    operators: Ukrainian forms (Russian ones for some callers), for a quarter the name the
    family calls the child (Сашко, Данилко, Оленка, Марійка, Настуся; :data:`UK_PET_NAMES`;
    the Russian diminutive for a Russian-speaking caller); the family name misheard on the
    line for some (one letter); the settlement as the caller says it, for a fifth only the
    region in its everyday name (``Херсонщина``, ``Донеччина``) or the settlement with it
    (``Олешки, Херсонщина``); the birth date, a year, or a year from the age the caller
    gives; sex not filled in for a fifth, patronymic mostly missing; when the child was
    taken as a month or a year, often missing; several relatives call about one child (many
    within-list duplicates); few children of institutions (no relatives to call).
``pl_fundacja``
    a Polish foundation's register of children it documents, compiled from Ukrainian
    sources and Polish media, in Polish: Ukrainian forms (Russian for a quarter) in the
    Polish transcription (:func:`polish`: Ołeksandr, Mykoła, Szewczenko, Kowałenko, Julija,
    Łukjanenko; Russian Aleksandr, Siergiej, Jekatierina, Kowalow), the Polish name for some
    (Jan for Іван, Jerzy for Юрій, Katarzyna, Zofia, Małgorzata: :data:`PL_NAMES`); places
    by their Polish names (``Donieck``, ``Ługańsk``, ``Chersoń``, ``Gorłówka``,
    ``Makiejewka``) or transcribed, with ``obwód doniecki`` for some; destination ``Rosja`` /
    ``Białoruś``; no patronymic for most; a birth year only for a quarter; part copied from
    the hotline (a copy keeps the hotline's pet names and regions, transcribed).

Population: a third of families from institutions, few sent to Belarus, families of two or
three children common.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import ListSpec, Style
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists
from .romanise import APOSTROPHES, by_word

NAME = "heldout_journal_hotline"
_TAG = 0x48_36  # this module's random streams (rewriting), apart from build()'s

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_HOTLINE = Style(
    name_lang=(("uk", 0.85), ("ru", 0.15)), follow_ru_docs=0.25, typo=0.03, layout="uk", apostrophes=0.4,
    family_misspell=0.1, misspell_edits=(1, 1), patronymic_missing=0.7,
    birth=(("day", 0.55), ("year", 0.12), ("age", 0.15), ("missing", 0.18)), report_lag=(3, 500), sex_missing=0.2,
    place=(("uk_current", 0.75), ("uk_doc", 0.1), ("ru_src", 0.15)),
    place_prefix=(("none", 0.5), ("type", 0.4), ("oblast", 0.1)), place_missing=0.08,
    institution=(("uk_short", 1.0),), institution_missing=0.7,
    removal=(("month", 0.45), ("year", 0.1), ("exact", 0.1), ("missing", 0.35)), destination="uk",
    destination_missing=0.6,
)
_SHELTER = Style(
    name_lang=(("ru", 1.0),), drop_yo=0.95, patronymic_missing=0.05,
    birth=(("day", 0.92), ("year", 0.05), ("missing", 0.03)),
    place=(("ru_src", 1.0),), place_prefix=(("type", 0.7), ("oblast", 0.3)), place_missing=0.05,
    institution=(("ru", 0.5), ("ru_short", 0.5)), institution_missing=0.3,
    removal=(("exact", 1.0),), destination="place_ru",
)
_POLISH = Style(  # names transcribed, places and destination rewritten by _rewrite_polish
    name_lang=(("uk", 0.75), ("ru", 0.25)), follow_ru_docs=0.2, patronymic_missing=0.85,
    birth=(("day", 0.6), ("year", 0.25), ("missing", 0.15)), sex_missing=0.05,
    institution=(("uk_short", 1.0),), institution_missing=0.85,
    removal=(("month", 0.6), ("missing", 0.4)), destination="uk",
)
_FRENCH = Style(  # names transcribed, birth dates, places and destination rewritten by _rewrite_french
    name_lang=(("ru", 0.55), ("uk", 0.4), ("dim", 0.05)), show_new_identity=0.3, upper_family=0.6,
    family_missing=0.1, patronymic_missing=0.9, sex_missing=0.03,
    institution=(("ru_short", 1.0),), institution_missing=0.8,
    removal=(("month", 0.5), ("exact", 0.2), ("missing", 0.3)), destination="uk",
)


def heldout6_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (6th): French annex of a report, Russian shelters' handwritten journals, Ukrainian "
              "relatives' hotline, Polish foundation's register",
        PopulationSpec(share_institution=0.33, share_belarus=0.12, family_sizes=(0.42, 0.32, 0.15, 0.07, 0.03, 0.01),
                       twin_rate=0.03, placed_institution=0.45, placed_family=0.1, reregistered=0.3,
                       family_visibility=0.6),
        (
            ListSpec("ua_hotline", _HOTLINE, base=0.4, beta=0.8, mode_odds=(("family", 2.5), ("institution", 0.25)),
                     duplicates=0.1, id_prefix="HL"),
            ListSpec("ru_shelter_journal", _SHELTER, eligible="russia", base=0.3, beta=0.5,
                     mode_odds=(("institution", 3.0), ("family", 0.5)), wave_cover=0.6, duplicates=0.04,
                     id_prefix="SRC"),
            ListSpec("pl_fundacja", _POLISH, base=0.2, beta=1.0, copies=(("ua_hotline", 0.2),), duplicates=0.03,
                     id_prefix="PL"),
            ListSpec("fr_annexe", _FRENCH, base=0.15, beta=1.0, mode_odds=(("institution", 2.0), ("belarus", 1.5)),
                     copies=(("ru_shelter_journal", 0.25),), duplicates=0.02, id_prefix="FR"),
        ),
        output_order=("fr_annexe", "ru_shelter_journal", "ua_hotline", "pl_fundacja"),
    )


# ---------------------------------------------------------------- word-wise transcription helpers

_VOWELS = set("аеєиіїоуюяёэы")




# ---------------------------------------------------------------- Polish transcription

_PL_PLAIN = {"а": "a", "б": "b", "в": "w", "ґ": "g", "д": "d", "ж": "ż", "з": "z", "і": "i", "й": "j", "к": "k",
             "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch",
             "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ы": "y", "э": "e", "ъ": ""}
_PL_SOFT = {"n": "ń", "s": "ś", "z": "ź", "c": "ć", "t": "ć", "d": "dź"}
_IOTATED = {"я": "a", "ю": "u", "є": "e", "ё": "o", "ї": "i"}


def _polish_word(w: str, lang: str) -> str:
    iot = dict(_IOTATED, е="e") if lang == "ru" else _IOTATED
    soft_after_l = set("іїєюяь") | (set("еиёюяь") if lang == "ru" else set())
    out: list[str] = []
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if ch in APOSTROPHES:
            continue
        if ch == "л":
            after = w[i + 2] if i + 2 < len(w) else ""
            soft = nxt in soft_after_l or (nxt == "л" and after in soft_after_l)  # Ілля Illa
            out.append("l" if soft else "ł")
        elif ch == "ь":
            if nxt in iot or (nxt == "о" and prev == "л"):
                pass  # the next vowel takes its j form; -льо- is -lo- (Kowalow)
            elif nxt == "о":
                out.append("j")
            elif prev != "л" and out and out[-1][-1:] in _PL_SOFT:
                out[-1] = out[-1][:-1] + _PL_SOFT[out[-1][-1]]
        elif ch in iot:
            base = iot[ch]
            if ch == "ї":
                out.append("ji")
            elif i == 0 or prev in _VOWELS or prev in APOSTROPHES or prev in "ьъй":
                out.append("j" + base)
            elif prev == "л" or (lang == "ru" and prev and prev in "жшцчщ"):
                out.append(base)
            else:
                out.append("i" + base)
        elif ch == "и":
            out.append("y" if lang == "uk" or (prev and prev in "жшц") else "i")
        elif ch == "е":  # Ukrainian е (Russian е is iotated above)
            out.append("e")
        elif ch == "г":
            out.append("h" if lang == "uk" else "g")
        else:
            out.append(_PL_PLAIN.get(ch, ch))
    return "".join(out)


def polish(text: str, lang: str = "uk") -> str:
    """``text`` in the Polish transcription of Cyrillic used by the Polish press and Polish
    reference works (PWN rules), for Ukrainian (``lang="uk"``) or Russian (``"ru"``) text.

    л is ł, but l before the softening letters (Ukrainian і ї є ю я ь; Russian also е и ё);
    я ю є ё ї are ja ju je jo ji at the start of a word and after a vowel, an apostrophe or
    a soft sign, ia iu ie io after a consonant, a u e o after l; г h (Ukrainian) or g
    (Russian), х ch, ц c, ч cz, ш sz, щ szcz, ж ż, в w, и y (Ukrainian; Russian i, y after ж
    ш ц), й j; a soft sign softens н с з ц т д to ń ś ź ć ć dź.  Олександр Ołeksandr,
    Шевченко Szewczenko, Коваленко Kowałenko, Юлія Julija, Лук'яненко Łukjanenko, Сергій
    Serhij; Russian Сергей Siergiej, Екатерина Jekatierina, Ковалёв Kowalow.
    Non-Cyrillic characters pass through.
    """
    return by_word(text, lambda w: _polish_word(w, lang))


# ---------------------------------------------------------------- French transcription

_FR_PLAIN = {"а": "a", "б": "b", "в": "v", "ґ": "g", "д": "d", "ж": "j", "з": "z", "к": "k", "л": "l", "м": "m",
             "н": "n", "о": "o", "п": "p", "р": "r", "т": "t", "у": "ou", "ф": "f", "х": "kh", "ц": "ts",
             "ч": "tch", "ш": "ch", "щ": "chtch", "ы": "y", "э": "e", "ь": "", "ъ": "", "ю": "iou", "я": "ia",
             "ё": "io", "є": "ie", "ї": "ï", "і": "i"}


def _french_word(w: str, lang: str) -> str:
    out: list[str] = []
    w = "".join(ch for ch in w if ch not in APOSTROPHES)
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        last = i == len(w) - 1
        if ch == "г":
            if lang == "uk":
                out.append("h")
            else:
                out.append("gu" if nxt in "еиэы" else "g")  # Сергей Sergueï, Геннадий Guennadi
        elif ch == "е":
            initial = lang == "ru" and (i == 0 or prev in _VOWELS or prev in "ьъ")
            out.append("ie" if initial else "e")
        elif ch == "и":
            if lang == "uk":
                out.append("y")
            else:
                out.append("ï" if prev and prev in "ао" else "i")  # Раиса Raïssa
        elif ch == "й":
            if last and prev and prev in "иы" and lang == "ru":
                out.append("")  # -ий -ый: Dmitri, Iouri
            else:
                out.append("ï" if prev in _VOWELS else "i")  # Сергей Sergueï, Андрій Andriï
        elif ch == "с":
            out.append("ss" if prev in _VOWELS and nxt in _VOWELS else "s")  # Василиса Vassilissa
        else:
            out.append(_FR_PLAIN.get(ch, ch))
    word = "".join(out)
    return word.replace("ïï", "ï")


def french(text: str, lang: str = "ru") -> str:
    """``text`` in the French transcription of Cyrillic (the usage of the French press and
    of French versions of international documents), for Russian (``lang="ru"``) or
    Ukrainian (``"uk"``) text.

    у ou, ю iou, я ia, ё io, ж j, ш ch, ч tch, щ chtch, х kh, ц ts, с ss between vowels;
    Russian г gu before е и ы э, е ie at the start of a word and after a vowel, й ï after a
    vowel but nothing in final -ий -ый; Ukrainian г h, и y, і i, ї ï, є ie, й ï.  Шевченко
    Chevtchenko, Сергей Sergueï, Юлия Ioulia, Дмитрий Dmitri, Евгений Ievgueni, Артём Artiom,
    Василиса Vassilissa; Ukrainian Андрій Andriï, Олександр Oleksandr, Луганськ Louhansk,
    Маріуполь Marioupol.  Non-Cyrillic characters pass through.
    """
    return by_word(text, lambda w: _french_word(w, lang))


def text_lang(text: str, default: str) -> str:
    """The language of a Cyrillic name as a transcriber guesses it from its letters: ``uk``
    with і ї є ґ or an apostrophe, ``ru`` with ы э ъ ё, ``default`` otherwise."""
    low = text.lower()
    if any(ch in low for ch in "іїєґ'’ʼ`"):
        return "uk"
    if any(ch in low for ch in "ыэъё"):
        return "ru"
    return default


# ---------------------------------------------------------------- name tables of this profile

# What Ukrainian relatives call a child (pet names and hypocoristics), keyed by the civil form.
UK_PET_NAMES: dict[str, tuple[str, ...]] = {
    "Олександр": ("Сашко", "Саша"), "Максим": ("Максимко",), "Артем": ("Артемко", "Тьома"),
    "Дмитро": ("Діма", "Дмитрик"), "Данило": ("Данилко", "Даня"), "Іван": ("Іванко", "Ваня"),
    "Андрій": ("Андрійко",), "Михайло": ("Михайлик", "Міша"), "Кирило": ("Кирилко",), "Владислав": ("Владик",),
    "Назар": ("Назарчик",), "Богдан": ("Богданчик",), "Матвій": ("Матвійко",), "Ярослав": ("Ярик",),
    "Денис": ("Дениско",), "Єгор": ("Єгорчик",), "Тимофій": ("Тимко",), "Ілля": ("Іллюша",), "Микита": ("Микитка",),
    "Роман": ("Ромчик",), "Сергій": ("Сергійко",), "Володимир": ("Вова", "Володя"), "Вадим": ("Вадик",),
    "Віталій": ("Віталик",), "Олексій": ("Олексійко", "Льоша"), "Євген": ("Женя",), "Захар": ("Захарко",),
    "Ростислав": ("Ростик",), "Тарас": ("Тарасик",), "В'ячеслав": ("Славик",), "Павло": ("Павлик",),
    "Юрій": ("Юрко",), "Петро": ("Петрик",), "Остап": ("Остапчик",), "Святослав": ("Святик",), "Федір": ("Федько",),
    "Степан": ("Степанко",), "Костянтин": ("Костик",), "Семен": ("Семенко",),
    "Анастасія": ("Настуся", "Настя"), "Софія": ("Софійка", "Соня"), "Марія": ("Марійка", "Марічка"),
    "Дарина": ("Даринка",), "Вікторія": ("Віка",), "Анна": ("Ганнуся", "Аня"), "Катерина": ("Катруся", "Катя"),
    "Поліна": ("Полінка",), "Єлизавета": ("Ліза",), "Аліна": ("Алінка",), "Юлія": ("Юля",),
    "Олександра": ("Саша", "Сашуня"), "Валерія": ("Лера",), "Вероніка": ("Ніка",), "Діана": ("Діанка",),
    "Ангеліна": ("Геля",), "Ксенія": ("Ксюша",), "Мілана": ("Міланка",), "Злата": ("Златка",),
    "Христина": ("Христинка",), "Карина": ("Каринка",), "Ірина": ("Іринка",), "Олена": ("Оленка",),
    "Ольга": ("Оля",), "Тетяна": ("Таня",), "Наталія": ("Наталка",), "Маргарита": ("Рита",),
    "Соломія": ("Соломійка",), "Уляна": ("Улянка",), "Арина": ("Аринка",), "Світлана": ("Світланка",),
    "Надія": ("Надійка",), "Любов": ("Люба",), "Віра": ("Вірочка",), "Мирослава": ("Мирося",),
    "Стефанія": ("Стефа",), "Єва": ("Євочка",), "Таїсія": ("Тая",), "Людмила": ("Люда",),
}

# The Polish name a Polish writer may give a child instead of transcribing it.
PL_NAMES: dict[str, str] = {
    "Олександр": "Aleksander", "Дмитро": "Dymitr", "Данило": "Daniel", "Іван": "Jan", "Андрій": "Andrzej",
    "Михайло": "Michał", "Кирило": "Cyryl", "Владислав": "Władysław", "Матвій": "Mateusz", "Ярослав": "Jarosław",
    "Єгор": "Jerzy", "Тимофій": "Tymoteusz", "Ілля": "Eliasz", "Сергій": "Sergiusz", "Володимир": "Włodzimierz",
    "Віталій": "Witalis", "Олексій": "Aleksy", "Євген": "Eugeniusz", "Павло": "Paweł", "Георгій": "Jerzy",
    "Степан": "Szczepan", "Костянтин": "Konstanty", "Юрій": "Jerzy", "Петро": "Piotr", "Федір": "Teodor",
    "Семен": "Szymon", "Яків": "Jakub", "Гліб": "Gleb", "Лев": "Lew",
    "Анастасія": "Anastazja", "Софія": "Zofia", "Марія": "Maria", "Дарина": "Daria", "Вікторія": "Wiktoria",
    "Анна": "Anna", "Катерина": "Katarzyna", "Єлизавета": "Elżbieta", "Юлія": "Julia", "Олександра": "Aleksandra",
    "Валерія": "Waleria", "Вероніка": "Weronika", "Ксенія": "Ksenia", "Христина": "Krystyna", "Ірина": "Irena",
    "Олена": "Helena", "Тетяна": "Tatiana", "Наталія": "Natalia", "Маргарита": "Małgorzata", "Уляна": "Julianna",
    "Надія": "Nadzieja", "Стефанія": "Stefania", "Емілія": "Emilia", "Єва": "Ewa", "Аліса": "Alicja",
    "Людмила": "Ludmiła", "Поліна": "Paulina",
}

# The French name a French writer may give a child instead of transcribing it.
FR_NAMES: dict[str, str] = {
    "Олександр": "Alexandre", "Максим": "Maxime", "Дмитро": "Dimitri", "Данило": "Daniel", "Андрій": "André",
    "Михайло": "Michel", "Кирило": "Cyrille", "Матвій": "Matthieu", "Денис": "Denis", "Тимофій": "Timothée",
    "Ілля": "Élie", "Роман": "Romain", "Сергій": "Serge", "Олексій": "Alexis", "Євген": "Eugène", "Марк": "Marc",
    "Антон": "Antoine", "Павло": "Paul", "Георгій": "Georges", "Степан": "Étienne", "Костянтин": "Constantin",
    "Петро": "Pierre", "Федір": "Théodore", "Лев": "Léon", "Семен": "Simon", "Яків": "Jacques", "Іван": "Jean",
    "Анастасія": "Anastasie", "Софія": "Sophie", "Марія": "Marie", "Вікторія": "Victoire", "Анна": "Anne",
    "Катерина": "Catherine", "Поліна": "Pauline", "Єлизавета": "Élisabeth", "Аліна": "Aline", "Юлія": "Julie",
    "Валерія": "Valérie", "Вероніка": "Véronique", "Діана": "Diane", "Ангеліна": "Angéline", "Ксенія": "Xénia",
    "Христина": "Christine", "Ірина": "Irène", "Олена": "Hélène", "Наталія": "Nathalie", "Маргарита": "Marguerite",
    "Соломія": "Salomé", "Уляна": "Julienne", "Евеліна": "Éveline", "Віра": "Véra", "Стефанія": "Stéphanie",
    "Емілія": "Émilie", "Єва": "Ève", "Аліса": "Alice",
}

# Everyday names of the oblasts (Херсонщина for Херсонська область).
UK_REGIONS = {"D": "Донеччина", "L": "Луганщина", "K": "Херсонщина", "Z": "Запоріжжя", "H": "Харківщина",
              "KR": "Кіровоградщина", "DP": "Дніпропетровщина"}
# The regions in Polish and in French.
PL_OBLASTS = {"D": "obwód doniecki", "L": "obwód ługański", "K": "obwód chersoński", "Z": "obwód zaporoski",
              "H": "obwód charkowski", "KR": "obwód kirowohradzki", "DP": "obwód dniepropetrowski"}
FR_OBLASTS = {"D": "oblast de Donetsk", "L": "oblast de Louhansk", "K": "oblast de Kherson",
              "Z": "oblast de Zaporijjia", "H": "oblast de Kharkiv", "KR": "oblast de Kirovohrad",
              "DP": "oblast de Dnipropetrovsk"}
# Polish names of towns (exonyms and established Polish forms; the rest is transcribed).
PL_TOWNS = {"Донецьк": "Donieck", "Луганськ": "Ługańsk", "Херсон": "Chersoń", "Макіївка": "Makiejewka",
            "Горлівка": "Gorłówka", "Сєвєродонецьк": "Siewierodonieck", "Лисичанськ": "Lisiczańsk",
            "Бердянськ": "Berdiańsk", "Харків": "Charków", "Дніпро": "Dniepr", "Нова Каховка": "Nowa Kachowka",
            "Каховка": "Kachowka", "Олешки": "Oleszki", "Куп'янськ": "Kupiańsk", "Маріуполь": "Mariupol",
            "Мелітополь": "Melitopol", "Єнакієве": "Jenakijewe", "Алчевськ": "Ałczewsk"}
# French forms that are not the plain transcription (accents of the French press).
FR_TOWNS = {"Мелітополь": "Mélitopol", "Енергодар": "Enerhodar", "Дніпро": "Dnipro", "Херсон": "Kherson"}
COUNTRIES = {"pl": {"RU": "Rosja", "BY": "Białoruś"}, "fr": {"RU": "Russie", "BY": "Biélorussie"}}
FR_REFERENCE = dt.date(2024, 3, 1)  # "âge au 1er mars 2024": the annex's reference date

# ---------------------------------------------------------------- handwriting

# Letters of Russian cursive read as another (lower case; capitals are written apart and read right).
CURSIVE: dict[str, tuple[str, ...]] = {
    "т": ("ш", "м"), "ш": ("т", "и"), "и": ("п", "у"), "п": ("и",), "л": ("м",), "м": ("л",), "й": ("и",),
    "у": ("ч",), "ч": ("у",), "ц": ("щ",), "щ": ("ц",), "б": ("д",), "д": ("б",), "а": ("о",), "в": ("б",),
}
DIGITS = {"1": "7", "7": "1", "4": "9", "9": "4", "3": "8", "8": "3", "5": "6", "6": "5", "0": "6"}


def cursive_misreading(word: str, rng: np.random.Generator, rate: float) -> str:
    """``word`` as a volunteer reads it from a photographed handwritten page: each lower-case
    letter of :data:`CURSIVE` misread with probability ``rate`` (the first letter, a capital,
    is read right)."""
    out = []
    for i, ch in enumerate(word):
        if i and ch in CURSIVE and rng.random() < rate:
            opts = CURSIVE[ch]
            out.append(opts[int(rng.integers(len(opts)))])
        else:
            out.append(ch)
    return "".join(out)


def digit_misreading(value: str, rng: np.random.Generator, lo: int = 2000, hi: int = 2024) -> str:
    """A full ISO date with one handwritten digit of the day, the month or the year's last
    two misread (:data:`DIGITS`), keeping a valid date with a year in ``[lo, hi]``; the date
    unchanged when no such misreading exists."""
    positions = [2, 3, 5, 6, 8, 9]
    for p in rng.permutation(len(positions)):
        k = positions[int(p)]
        if value[k] not in DIGITS:
            continue
        cand = value[:k] + DIGITS[value[k]] + value[k + 1:]
        try:
            d = dt.date.fromisoformat(cand)
        except ValueError:
            continue
        if lo <= d.year <= hi:
            return cand
    return value


# ---------------------------------------------------------------- rewriting the lists



def _true_name_lang(rec: dict[str, str], child: Child, default: str) -> str:
    """The language of a record's names: from the given name when it is one of the child's
    forms, else from its letters."""
    g = lx.GIVEN[child.given]
    first = rec["given_name"].split(" ")[0]
    if first in (g.ru, g.dim, nz.drop_yo(g.ru)) and first != g.uk:
        return "ru"
    if first == g.uk and first != g.ru:
        return "uk"
    return text_lang(" ".join((rec["family_name"], rec["given_name"], rec["patronymic"])), default)


def _identity_given(child: Child, new_identity: bool) -> lx.GivenName:
    if new_identity and child.new_identity is not None:
        return lx.GIVEN[child.new_identity.given]
    return lx.GIVEN[child.given]


def _birth(child: Child, new_identity: bool) -> dt.date:
    if new_identity and child.new_identity is not None:
        return child.new_identity.birth
    return child.birth


def _consistent(rec: dict[str, str]) -> None:
    """Blank a removal date before the birth date at the precision both have (the input
    schema refuses such rows), as :mod:`.lists` does."""
    b, r = rec["birth_date"], rec["removal_date"]
    if b and r:
        n = min(len(b), len(r))
        if r[:n] < b[:n]:
            rec["removal_date"] = ""


def _rewrite_hotline(rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator) -> Rows:
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        g = lx.GIVEN[child.given]
        if kind != "copy" and rec["given_name"] and rng.random() < 0.25:
            if rec["given_name"] == g.uk and g.uk in UK_PET_NAMES:
                pets = UK_PET_NAMES[g.uk]
                rec["given_name"] = pets[int(rng.integers(len(pets)))]
            elif rec["given_name"] == g.ru and g.dim:
                rec["given_name"] = g.dim
        if kind != "copy" and rec["origin_settlement"] and rng.random() < 0.2:
            region = UK_REGIONS[pl.SETTLEMENTS[child.origin].oblast]
            if rng.random() < 0.6:
                rec["origin_settlement"] = region
            else:
                rec["origin_settlement"] = f"{pl.SETTLEMENTS[child.origin].uk}, {region}"
    return rows


def _rewrite_shelter(rows: Rows, truth: pd.DataFrame, pop: Population,
                     rng: np.random.Generator) -> tuple[Rows, list[int]]:
    """The journal's rows transcribed (see the module docstring) and the new file order."""
    admitted: dict[int, dt.date] = {}
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        if child.wave not in admitted:
            admitted[child.wave] = child.removal + dt.timedelta(days=int(rng.integers(2, 46)))
        day = admitted[child.wave]
        if kind == "duplicate":  # admitted again after a hospital stay
            day = day + dt.timedelta(days=int(rng.integers(20, 241)))
        rec["removal_date"] = nz.iso(day)
        if len(rec["birth_date"]) == 10:
            u = rng.random()
            if u < 0.05:  # the registration of the birth, copied from the certificate's wrong line
                reg = dt.date.fromisoformat(rec["birth_date"]) + dt.timedelta(days=int(rng.integers(3, 61)))
                if reg < child.removal:
                    rec["birth_date"] = nz.iso(reg)
            elif u < 0.15:
                rec["birth_date"] = digit_misreading(rec["birth_date"], rng)
        for k in ("family_name", "given_name", "patronymic", "origin_settlement"):
            rec[k] = " ".join(cursive_misreading(w, rng, 0.03) for w in rec[k].split(" ")) if rec[k] else ""
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: rows[j]["removal_date"])  # stable: ties keep the old order
    return rows, order


def _place_polish(child: Child, rng: np.random.Generator) -> str:
    s = pl.SETTLEMENTS[child.origin]
    u = rng.random()
    if u < 0.08:
        return ""
    name = PL_TOWNS.get(s.uk) or (polish(s.uk, "uk") if u < 0.8 else polish(s.ru_src, "ru"))
    return f"{name}, {PL_OBLASTS[s.oblast]}" if rng.random() < 0.3 else name


def _place_french(child: Child, rng: np.random.Generator) -> str:
    s = pl.SETTLEMENTS[child.origin]
    u = rng.random()
    if u < 0.1:
        return ""
    if u < 0.4:  # the Russian form French texts used before 2022
        name = french(s.ru_src, "ru")
    else:
        name = FR_TOWNS.get(s.uk) or french(s.uk, "uk")
    v = rng.random()
    if v < 0.3:
        return f"{name}, {FR_OBLASTS[s.oblast]}"
    if v < 0.4:
        return f"{name} ({FR_OBLASTS[s.oblast].replace('oblast', 'région')})"
    return name


def _age_at(birth: dt.date, when: dt.date) -> tuple[int, int]:
    """Full years and full months of age on ``when``."""
    months = (when.year - birth.year) * 12 + when.month - birth.month - (when.day < birth.day)
    return months // 12, months


def _transcribe_names(rec: dict[str, str], lang: str, convert: Callable[[str, str], str]) -> None:
    for k in ("family_name", "given_name", "patronymic"):
        rec[k] = convert(rec[k], lang)


def _rewrite_polish(rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator) -> Rows:
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        lang = _true_name_lang(rec, child, "uk")
        g = lx.GIVEN[child.given]
        polish_name = kind != "copy" and rec["given_name"] in (g.uk, g.ru) and rng.random() < 0.15
        _transcribe_names(rec, lang, polish)
        if polish_name and g.uk in PL_NAMES:
            rec["given_name"] = PL_NAMES[g.uk]
        for k in ("family_name", "given_name"):
            if rec[k] and rng.random() < 0.02:
                rec[k] = nz.typo(rec[k], rng, "lat")
        if kind == "copy":
            rec["origin_settlement"] = polish(rec["origin_settlement"], text_lang(rec["origin_settlement"], "uk"))
        else:
            rec["origin_settlement"] = _place_polish(child, rng)
        rec["origin_institution"] = polish(rec["origin_institution"], "uk")
        country = pl.DESTINATIONS[child.destination].country
        rec["destination"] = COUNTRIES["pl"][country] if rng.random() < 0.7 else ""
        _consistent(rec)
    return rows


def _rewrite_french(rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator) -> Rows:
    for rec, child_id, kind, new in zip(rows, truth["child"], truth["kind"], truth["new_identity"], strict=True):
        child = pop.children[int(child_id)]
        lang = _true_name_lang(rec, child, "ru")
        g = _identity_given(child, bool(new))
        french_name = kind != "copy" and rec["given_name"] in (g.uk, g.ru) and rng.random() < 0.2
        _transcribe_names(rec, lang, french)
        if french_name and g.uk in FR_NAMES:
            name = FR_NAMES[g.uk]
            rec["given_name"] = name.upper() if rec["given_name"].isupper() else name
        if kind == "copy":
            rec["origin_settlement"] = french(rec["origin_settlement"], text_lang(rec["origin_settlement"], "ru"))
        else:
            rec["origin_settlement"] = _place_french(child, rng)
            birth = _birth(child, bool(new))
            years, months = _age_at(birth, FR_REFERENCE)
            u = rng.random()
            if u < 0.35:
                rec["birth_date"] = nz.iso(birth)
            elif u < 0.8 and years < 3:  # "18 mois": the month of birth from the age in months
                y, m = divmod(FR_REFERENCE.year * 12 + FR_REFERENCE.month - 1 - months, 12)
                rec["birth_date"] = f"{y:04d}-{m + 1:02d}"
            elif u < 0.8:  # "11 ans": the year of birth from the age in years
                rec["birth_date"] = str(FR_REFERENCE.year - years)
            else:
                rec["birth_date"] = ""
        rec["origin_institution"] = french(rec["origin_institution"], "ru")
        country = pl.DESTINATIONS[child.destination].country
        rec["destination"] = COUNTRIES["fr"][country] if rng.random() < 0.85 else ""
        _consistent(rec)
    return rows


def _propagate(rows: Rows, truth: pd.DataFrame, sources: dict[str, dict[int, dict[str, str]]]) -> None:
    """A copied record as the copying list received it: the source list's record as that
    list was written (rewritten above: pet names, regions, misread letters and digits,
    admission dates), at the precision and with the fields the copy keeps."""
    for rec, child_id, kind, source in zip(rows, truth["child"], truth["kind"], truth["source"], strict=True):
        src = sources.get(source, {}).get(int(child_id)) if kind == "copy" else None
        if src is None:
            continue
        for k in ("family_name", "given_name", "patronymic", "origin_settlement"):
            if rec[k]:
                rec[k] = src[k]
        for k in ("birth_date", "removal_date"):
            if rec[k]:
                rec[k] = src[k][: len(rec[k])]


_REWRITE = {"ua_hotline": _rewrite_hotline, "pl_fundacja": _rewrite_polish, "fr_annexe": _rewrite_french}


def generate_heldout6(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the SIXTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it, in capture order, so that a copy takes the rewritten record of the
    list it copies (see the module docstring)."""
    spec = heldout6_spec()
    firsts: dict[str, dict[int, dict[str, str]]] = {}

    def rewrite(name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator,
                ids: list[str]) -> tuple[Rows, list[int], list[str]]:
        order = list(range(len(rows)))
        if name == "ru_shelter_journal":
            rows, order = _rewrite_shelter(rows, truth, pop, rng)
            ids = [f"SRC{r + 1:05d}" for r in range(len(rows))]  # the journal's row numbers
        elif name in _REWRITE:
            rows = _REWRITE[name](rows, truth, pop, rng)
        else:
            raise ValueError(f"no rewriting for list {name!r}")
        return rows, order, ids

    def keep(name: str, rows: Rows, truth: pd.DataFrame) -> None:
        firsts[name] = {int(c): r for r, c, k in zip(rows, truth["child"], truth["kind"], strict=True)
                        if k != "duplicate"}

    return rewrite_lists(build(spec, n, seed), seed, _TAG, rewrite, order=tuple(ls.name for ls in spec.lists),
                         before=lambda name, rows, truth: _propagate(rows, truth, firsts), after=keep)
