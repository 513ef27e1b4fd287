"""SEVENTH HELD-OUT error profile ``heldout_indictment_leak``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout6` (``heldout_journal_hotline``) as the
profile kept out of tuning, since the six earlier held-out profiles were run and used to
improve the model.  It is run ONCE, at the end.  ``bench/linkage_harness.py`` runs it only
with ``--heldout7``; the tests only check that it generates valid, deterministic lists with
the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from the input schema, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Four lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the six earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout7`), so the error processes live here and the
shared modules are unchanged.

``ua_indictment``
    child victims extracted by an analyst from Ukrainian prosecutors' indictments and
    notices of suspicion (deportation and forcible transfer of children): official
    Ukrainian forms, the family name in capitals for half, and the three name fields in the
    grammatical case of the sentence they were cut from (:func:`decline_uk`): genitive or
    accusative ("депортацію малолітнього КОВАЛЕНКА Андрія Миколайовича", "малолітню
    Марію"), instrumental ("разом із сестрою Коваленко Марією Миколаївною"), nominative for a
    third; Ukrainian grammar declines a boy's -енко / -ко surname (Коваленка, Коваленком)
    but not a girl's; the birth date in full, or the year only ("2011 р.н."); the place as a
    phrase: the birthplace ("уродженець м. Горлівка Донецької області": the birthplace, not
    always where the child was taken from), the residence in the locative ("проживав у м.
    Горлівці", "у м. Новій Каховці", :func:`locative_uk`), or the town with its oblast in the
    genitive; the removal date as the first day of the charged period ("у період з ... по
    ..."), one per episode (days to a month before the removal), exact or as a month for
    the others; the destination as a phrase ("до Російської Федерації", "на територію
    Республіки Білорусь", "на ТОТ АР Крим"); only some episodes prosecuted (whole groups
    missing), groups from institutions most; a child named in two proceedings twice.
``ru_pvr_register``
    registers of Russian temporary accommodation centres (ПВР) that received families from
    occupied Ukraine, kept in Excel by the centres' staff and merged into one workbook, one
    sheet per centre, numbered ``PVR<sheet>-<row>``: Russian forms (Ukrainian for a tenth);
    the children of a family under the household head's family name (a stepfather or the
    mother's partner, fixed per family, in the child's sex form) for some families; two
    siblings in one row ("Андрей, Мария" / "Андрей и Мария": the younger child has no row,
    the row has the elder's date); a surname's sex ending wrong for some records (-ов for a
    girl, -ова for a boy, copied from a sibling's or parent's line); when the staff did not
    know a small town, the centre of its oblast (``г. Донецк``, ``г. Запорожье``); one
    centre's sheet was made on a Mac with the 1904 date system and pasted as values, so its
    full dates are four years and one day early (:data:`EXCEL_1904_SHIFT`); the arrival date
    at the centre, one per group; a family moved to another centre has a second row there
    with a later date.  Sees children sent to Russia, families most.
``ru_leak_translit``
    tables of a Russian regional register of children in care, leaked and shared with
    investigators as an ASCII export: every Cyrillic field transliterated by GOST 7.79-2000
    system B (:func:`gost_b`: Щербаков SHHERBAKOV, Олейник OLEJNIK, Цюрупинск Czyurupinsk,
    Хрустальный Xrustal`ny`j; quotes « » as ", № as N: :func:`ascii_export`), the names in
    capitals; ё stored as е for most; two tables one after the other: one keeps the
    backticks of ь ъ ы э, the other (a letters-only column) drops them (OL`GA / OLGA, Y` /
    Y); the identity given in Russia for most re-registered children and the birthplace
    field (a Russian town for some) as origin; the placement date (two weeks to eight months
    after the removal) as removal date; patronymic nearly always.  Sees children
    sent to Russia, placed children most.
``cz_ngo_register``
    a Czech humanitarian NGO's register of families with children returned from Russia or
    Belarus: for some records the names as in the child's Ukrainian passport (national
    Latin transliteration, family name in capitals, no patronymic), for the others typed by
    caseworkers in the Czech transcription (:func:`czech`: Ševčenko, Oleksandr, Mykola,
    Jevhen, Julija, Hryhorij; Russian Alexej, Sergej, Taťjana, Fjodor) with the Czech
    equivalent for some (Kateřina, Ondřej, Jiří, Marie: :data:`CZ_NAMES`), and a girl's
    family name with the Czech feminine suffix -ová for most (Kovalenková, Melnyková,
    Ivanovová, Kovalevská: :func:`czech_feminine`); Czech diacritics lost for a quarter (a
    CRM export); places by Czech names (Doněck, Cherson, Charkov, Berďansk, ``Doněcká
    oblast``); destination ``Rusko`` / ``Bělorusko``; the removal month as the family
    remembers it, often missing.  Children returned: families and Belarus groups much more
    than placed children.

Population: many families with several children, a quarter from institutions, a fifth sent
to Belarus, more children placed and re-registered in Russia.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import ListSpec, Style, strip_marks
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists
from .romanise import APOSTROPHES, WORD, by_word, is_cyrillic, romanise

NAME = "heldout_indictment_leak"
_TAG = 0x48_37  # this module's random streams (rewriting), apart from build()'s

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_INDICTMENT = Style(  # names declined, places, dates and destination rewritten by _rewrite_indictment
    name_lang=(("uk", 1.0),), typo=0.01, layout="uk", patronymic_missing=0.04,
    birth=(("day", 0.97), ("missing", 0.03)),
    institution=(("uk", 0.7), ("uk_short", 0.3)), institution_missing=0.3,
)
_PVR = Style(  # family names, siblings, places and dates rewritten by _rewrite_pvr
    name_lang=(("ru", 0.9), ("uk", 0.1)), drop_yo=0.9, typo=0.02, layout="ru", upper_family=0.5,
    patronymic_missing=0.15, birth=(("day", 0.9), ("year", 0.05), ("missing", 0.05)), sex_missing=0.03,
    place=(("ru_src", 1.0),), place_prefix=(("type", 0.8), ("none", 0.2)), place_missing=0.05,
    institution=(("ru_short", 1.0),), institution_missing=0.6, destination="place_ru",
)
_LEAK = Style(  # every field transliterated by _rewrite_leak
    name_lang=(("ru", 1.0),), show_new_identity=0.8, drop_yo=0.75, patronymic_missing=0.02, typo=0.005,
    layout="ru", birth=(("day", 0.97), ("missing", 0.03)), birthplace_as_origin=0.5,
    place=(("ru_src", 1.0),), place_prefix=(("type", 0.5), ("oblast", 0.5)), place_missing=0.04,
    institution=(("ru_legal", 0.6), ("ru", 0.4)), institution_missing=0.3, destination="place_ru",
)
_CZECH = Style(  # names, places and destination rewritten by _rewrite_czech
    name_lang=(("uk", 0.85), ("ru", 0.15)), follow_ru_docs=0.3, typo=0.02, layout="uk", patronymic_missing=0.85,
    birth=(("day", 0.75), ("year", 0.15), ("missing", 0.1)), sex_missing=0.02,
    institution=(("uk_short", 1.0),), institution_missing=0.9,
    removal=(("month", 0.5), ("missing", 0.5)),
)


def heldout7_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (7th): Ukrainian prosecutors' indictments, Russian accommodation centres' Excel registers, "
              "a leaked Russian register in GOST transliteration, a Czech NGO's register",
        PopulationSpec(share_institution=0.25, share_belarus=0.2, family_sizes=(0.38, 0.3, 0.18, 0.09, 0.04, 0.01),
                       twin_rate=0.04, placed_institution=0.5, placed_family=0.15, reregistered=0.4,
                       family_visibility=0.6),
        (
            ListSpec("ua_indictment", _INDICTMENT, base=0.35, beta=0.6, mode_odds=(("institution", 3.0),),
                     wave_cover=0.45, duplicates=0.05, id_prefix="KP"),
            ListSpec("ru_pvr_register", _PVR, eligible="russia", base=0.4, beta=0.6,
                     mode_odds=(("family", 3.0), ("institution", 0.2)), duplicates=0.06, id_prefix="PVR"),
            ListSpec("ru_leak_translit", _LEAK, eligible="russia", base=0.15, beta=0.5,
                     mode_odds=(("placed", 8.0), ("institution", 2.0)), duplicates=0.05, id_prefix="ID"),
            ListSpec("cz_ngo_register", _CZECH, base=0.2, beta=0.9,
                     mode_odds=(("family", 1.5), ("belarus", 2.5), ("placed", 0.2)), duplicates=0.03,
                     id_prefix="CZ"),
        ),
        output_order=("cz_ngo_register", "ua_indictment", "ru_pvr_register", "ru_leak_translit"),
    )


# ---------------------------------------------------------------- word-wise helpers

_VOWELS = set("аеєиіїоуюяёэы")




def name_lang(text: str, default: str) -> str:
    """The language of a Cyrillic name guessed from its letters: ``uk`` with і ї є ґ or an
    apostrophe, ``ru`` with ы э ъ ё, ``default`` otherwise."""
    low = text.lower()
    if any(ch in low for ch in "іїєґ'’ʼ`"):
        return "uk"
    if any(ch in low for ch in "ыэъё"):
        return "ru"
    return default


# ---------------------------------------------------------------- Ukrainian cases (indictments)

UK_CASES = ("nom", "gen", "acc", "ins")
_HUSHING = set("жчшщ")
_GIVEN_STEM = {"ігор": ("ігор", "soft"), "яків": ("яков", "hard"), "федір": ("федор", "hard"),
               "лев": ("лев", "hard")}


def _ukr_word(low: str, field: str, sex: str, case: str, kind: str) -> str:
    """One lower-case Ukrainian word in ``case`` (see :func:`decline_uk`)."""
    end = {"gen": 0, "acc": 1, "ins": 2}[case]
    if field == "patronymic":
        if low.endswith(("ич", "іч")):
            return low + ("а", "а", "ем")[end]
        if low.endswith("на"):
            return low[:-1] + ("и", "у", "ою")[end]
        return low
    if low.endswith("ія"):  # Марія, Анастасія (and a surname in -ія)
        return low[:-2] + ("ії", "ію", "ією")[end]
    if field == "family" and sex == "F":
        if kind in ("ov", "sky", "adj") and low.endswith("а"):  # Іванова, Ковалевська, Біла
            return low[:-1] + ("ої", "у", "ою")[end]
    if low.endswith("а"):  # Микита, Анна, Заїка (both sexes)
        return low[:-1] + ("и", "у", "ою")[end]
    if low.endswith("я"):  # Ілля
        return low[:-1] + ("і", "ю", "ею")[end]
    if sex == "F":
        if field == "given" and low == "любов":
            return ("любові", "любов", "любов'ю")[end]
        return low  # a girl's Коваленко, Мельник, Ткачук: not declined
    if field == "family":
        if kind in ("sky", "adj") and low.endswith(("ий", "ій")):  # Ковалевський, Білий
            return low[:-2] + ("ого", "ого", "им")[end]
        if kind == "ov" or (kind == "inv" and low.endswith("ів")):
            stem = low[:-2] + "ев" if kind == "inv" else low  # Гнатів -> Гнатева
            return stem + ("а", "а", "им")[end]
    if field == "given" and low in _GIVEN_STEM:
        stem, how = _GIVEN_STEM[low]
        return stem + ("я", "я", "ем")[end] if how == "soft" else stem + ("а", "а", "ом")[end]
    if low.endswith("ій"):  # Андрій
        return low[:-1] + ("я", "я", "єм")[end]
    if low.endswith("й"):
        return low[:-1] + ("я", "я", "єм")[end]
    if low.endswith("о"):  # Дмитро, Коваленко, Бойко: a boy's -о declines in Ukrainian
        return low[:-1] + ("а", "а", "ом")[end]
    if low.endswith("ь"):  # Еміль, Коваль, Швець
        return low[:-1] + ("я", "я", "ем")[end]
    if low[-1:] in _HUSHING:
        return low + ("а", "а", "ем")[end]
    if low[-1:].isalpha() and low[-1:] not in _VOWELS:
        return low + ("а", "а", "ом")[end]
    return low


def decline_uk(word: str, field: str, sex: str, case: str, kind: str = "inv") -> str:
    """A Ukrainian name (nominative, as written) in ``case`` of Ukrainian grammar, as a legal
    text puts it: ``gen`` (genitive), ``acc`` (accusative: the genitive for a boy, -у / -ю /
    -ію for a girl), ``ins`` (instrumental), ``nom`` unchanged.

    ``field``: ``family``, ``given`` or ``patronymic``; ``sex`` of the bearer; ``kind`` of a
    family name (:class:`.lexicon.Surname`: ``inv``, ``ov``, ``sky``, ``adj``).  Ukrainian
    declines a man's -енко / -ко surname (Коваленко, Коваленка, Коваленком) and a man's
    consonant-final one (Мельника, Мельником), not a woman's (Коваленко, Мельник); -ов / -ін
    surnames take -им in the instrumental (Івановим; Івановою for a woman); adjectival ones
    decline as adjectives (Ковалевського, Ковалевською).  Rule-based on the ending, as a
    clerk declines; an all-capital word stays capitals; a multi-word value declines word by
    word; a word it has no rule for is left as it is.
    """
    if case not in UK_CASES:
        raise ValueError(f"unknown case {case!r}")
    if case == "nom" or not word:
        return word

    def one(m: re.Match[str]) -> str:
        w = m.group(0)
        if not is_cyrillic(w):
            return w
        out = _ukr_word(w.lower(), field, sex, case, kind)
        if len(w) > 1 and w.upper() == w:
            return out.upper()
        return out[:1].upper() + out[1:] if w[:1].isupper() else out
    return WORD.sub(one, word)


_LOCATIVE_EXCEPTIONS = {"Харків": "Харкові", "Токмак": "Токмаку", "Дніпро": "Дніпрі"}


def _locative_word(w: str, adjective: bool) -> str:
    if adjective:  # Нова, Гола
        return w[:-1] + "ій" if w.endswith("а") else w
    if w in _LOCATIVE_EXCEPTIONS:
        return _LOCATIVE_EXCEPTIONS[w]
    if w.endswith(("ськ", "цьк", "зьк")):
        return w + "у"
    if w.endswith(("ата", "нна")):  # Ясинувата, Кремінна: adjectival
        return w[:-1] + "ій"
    if w.endswith("ка"):
        return w[:-2] + "ці"
    if w.endswith("ха"):
        return w[:-2] + "сі"
    if w.endswith("а"):
        return w[:-1] + "і"
    if w.endswith(("е", "ий")):  # Сніжне, Єнакієве, Хрустальний
        return w[:-2 if w.endswith("ий") else -1] + "ому"
    if w.endswith(("ки", "ги")):  # Олешки, Ровеньки, Пологи
        return w[:-1] + "ах"
    if w.endswith("ь"):  # Маріуполь
        return w[:-1] + "і"
    return w + "і"  # Херсон, Бахмут, Енергодар, Ізюм


def locative_uk(name: str) -> str:
    """A Ukrainian settlement name in the locative, as "проживав у м. ..." puts it:
    Горлівка Горлівці, Донецьк Донецьку, Маріуполь Маріуполі, Сніжне Сніжному, Олешки
    Олешках, Волноваха Волновасі, Нова Каховка Новій Каховці, Харків Харкові."""
    words = name.split(" ")
    return " ".join(_locative_word(w, i < len(words) - 1) for i, w in enumerate(words))


def oblast_genitive(key: str) -> str:
    """``Донецька обл.`` as ``Донецької області``."""
    adj = pl.OBLASTS[key]["uk"].removesuffix(" обл.")
    return f"{adj[:-1]}ої області"


UK_DESTINATIONS = {"RU": ("до Російської Федерації", "на територію Російської Федерації", "до рф"),
                   "BY": ("до Республіки Білорусь", "на територію Республіки Білорусь")}
CRIMEA = "на ТОТ АР Крим"
_CASE_MIX = (("nom", 0.3), ("gen", 0.35), ("acc", 0.15), ("ins", 0.2))

# ---------------------------------------------------------------- GOST 7.79-2000 system B (the leak)

_GOST_B = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
           "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
           "у": "u", "ф": "f", "х": "x", "ч": "ch", "ш": "sh", "щ": "shh", "ъ": "``", "ы": "y`", "ь": "`",
           "э": "e`", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g`", "ў": "u`"}


def _gost_word(w: str) -> str:
    out = []
    for i, ch in enumerate(w):
        if ch == "ц":
            nxt = w[i + 1] if i + 1 < len(w) else ""
            out.append("c" if nxt in ("е", "и", "ы", "й", "і", "є", "ї") else "cz")
        elif ch in APOSTROPHES:
            out.append("'")
        else:
            out.append(_GOST_B.get(ch, ch))
    return "".join(out)


def gost_b(text: str) -> str:
    """``text`` transliterated by GOST 7.79-2000 system B (ISO 9:1995 variant B, the ASCII
    system of Russian information systems): ж zh, х x, ц c before е и ы й else cz, ч ch,
    ш sh, щ shh, й j, ю yu, я ya, ё yo, ь `, ъ ``, ы y`, э e`.  Щербаков Shherbakov, Цыганков
    Cy`gankov, Цюрупинск Czyurupinsk; a capital letter gives a capitalised chunk (Ц Cz), an all-capital word stays
    capitals.  Non-Cyrillic characters pass through."""
    return by_word(text, _gost_word)


_ASCII_PUNCTUATION = str.maketrans({"«": '"', "»": '"', "№": "N", "’": "'", "ʼ": "'"})


def ascii_export(text: str) -> str:
    """``text`` as an ASCII export writes it: :func:`gost_b`, then the typographic quotes as
    ``"``, № as ``N``, typographic apostrophes as ``'``."""
    return gost_b(text).translate(_ASCII_PUNCTUATION)


def letters_only(text: str) -> str:
    """A GOST-B value in a letters-only column: backticks and apostrophes dropped."""
    return text.replace("`", "").replace("'", "")


# ---------------------------------------------------------------- Czech transcription (the NGO)

_CZ_PLAIN = {"а": "a", "б": "b", "в": "v", "ґ": "g", "д": "d", "ж": "ž", "з": "z", "і": "i", "ї": "ji", "й": "j",
             "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
             "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ы": "y", "э": "e", "ъ": "",
             "є": "je", "ю": "ju", "я": "ja", "ё": "jo"}
_CZ_SOFT = {"д": "ď", "т": "ť", "н": "ň"}


def _czech_word(w: str, lang: str) -> str:
    w = "".join(ch for ch in w if ch not in APOSTROPHES)
    out: list[str] = []
    i = 0
    while i < len(w):
        ch = w[i]
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if ch == "к" and nxt == "с" and lang == "ru":
            out.append("x")  # Алексей Alexej, Александр Alexandr
            i += 2
            continue
        if ch == "ь":
            if nxt == "о":
                out.append("j")  # Ковальов Kovaljov
            elif out and prev in _CZ_SOFT:
                out[-1] = _CZ_SOFT[prev]  # Тетяна ... Татьяна Taťjana
        elif ch == "г":
            out.append("h" if lang == "uk" else "g")
        elif ch == "и":
            out.append("y" if lang == "uk" else "i")
        elif ch == "е":
            if lang == "ru" and (i == 0 or prev in _VOWELS or prev in "ьъ"):
                out.append("je")  # Евгений Jevgenij
            elif lang == "ru" and prev in _CZ_SOFT:
                out.append("ě")  # Днепр Dněpr
            else:
                out.append("e")
        else:
            out.append(_CZ_PLAIN.get(ch, ch))
        i += 1
    return "".join(out)


def czech(text: str, lang: str = "uk") -> str:
    """``text`` in the Czech transcription of Cyrillic (Czech press and reference usage),
    for Ukrainian (``lang="uk"``) or Russian (``"ru"``) text.

    ж ž, х ch, ц c, ч č, ш š, щ šč, й j, я ja, ю ju, є je, ё jo, ї ji; г h (Ukrainian) or g
    (Russian); и y (Ukrainian) or i (Russian); Russian е je at the start of a word and after
    a vowel or a sign, ě after д т н; a soft sign softens д т н to ď ť ň and makes -ьо- -jo-;
    Russian кс x; apostrophes dropped.  Шевченко Ševčenko, Олександр Oleksandr, Микола
    Mykola, Євген Jevhen, Юлія Julija, Лук'яненко Lukjanenko; Russian Алексей Alexej,
    Сергей Sergej, Татьяна Taťjana, Фёдор Fjodor.  Non-Cyrillic characters pass through.
    """
    return by_word(text, lambda w: _czech_word(w, lang))


def czech_feminine(family: str, kind: str) -> str:
    """A girl's family name (already in Latin) with the Czech feminine suffix, as Czech
    usage adds it to foreign women's names: -o / -a dropped and -ová added to an invariable
    surname (Kovalenko Kovalenková, Melnyk Melnyková, Zajika Zajiková), -ová for the Russian
    -ova / -ina ones (Ivanova Ivanovová, Voronina Voroninová), -á for an adjectival one
    (Kovalevska Kovalevská, Bila Bilá).  The case of the source is kept."""
    if not family:
        return family
    upper = len(family) > 1 and family.upper() == family
    low = family.lower()
    if kind in ("sky", "adj"):
        out = low[:-1] + "á" if low.endswith("a") else low
    elif low.endswith(("o", "a")):  # Kovalenko, Zajika; Ivanova, Voronina (the -a of the Russian form)
        out = low[:-1] + "ová"
    else:
        out = low + "ová"
    if upper:
        return out.upper()
    return out[:1].upper() + out[1:]


# The Czech name a caseworker may write instead of transcribing it (keyed by the Ukrainian form).
CZ_NAMES: dict[str, str] = {
    "Олександр": "Alexandr", "Андрій": "Ondřej", "Михайло": "Michal", "Іван": "Jan", "Петро": "Petr",
    "Павло": "Pavel", "Юрій": "Jiří", "Георгій": "Jiří", "Степан": "Štěpán", "Яків": "Jakub", "Матвій": "Matěj",
    "Тимофій": "Timotej", "Федір": "Teodor", "Семен": "Šimon", "Данило": "Daniel", "Кирило": "Cyril",
    "Марк": "Marek", "Антон": "Antonín", "Костянтин": "Konstantin", "Ілля": "Eliáš", "Олексій": "Alexej",
    "Сергій": "Sergej", "Дмитро": "Dmitrij", "Євген": "Evžen",
    "Катерина": "Kateřina", "Марія": "Marie", "Олена": "Helena", "Єлизавета": "Alžběta", "Софія": "Žofie",
    "Анастасія": "Anastázie", "Юлія": "Julie", "Вікторія": "Viktorie", "Христина": "Kristýna", "Ірина": "Irena",
    "Тетяна": "Taťána", "Наталія": "Natálie", "Маргарита": "Markéta", "Стефанія": "Štěpánka",
    "Людмила": "Ludmila", "Валерія": "Valerie", "Олександра": "Alexandra", "Єва": "Eva", "Аліса": "Alice",
    "Емілія": "Emílie", "Поліна": "Paulína", "Ксенія": "Xenie", "Анна": "Anna", "Вероніка": "Veronika",
}
# Czech names of towns (exonyms and established Czech forms; the rest is transcribed).
CZ_TOWNS = {"Донецьк": "Doněck", "Луганськ": "Luhansk", "Херсон": "Cherson", "Харків": "Charkov",
            "Маріуполь": "Mariupol", "Мелітополь": "Melitopol", "Бердянськ": "Berďansk", "Горлівка": "Horlivka",
            "Макіївка": "Makijivka", "Сєвєродонецьк": "Severodoněck", "Лисичанськ": "Lysyčansk",
            "Нова Каховка": "Nová Kachovka", "Каховка": "Kachovka", "Дніпро": "Dnipro", "Енергодар": "Enerhodar",
            "Бахмут": "Bachmut", "Ізюм": "Izjum"}
CZ_OBLASTS = {"D": "Doněcká oblast", "L": "Luhanská oblast", "K": "Chersonská oblast", "Z": "Záporožská oblast",
              "H": "Charkovská oblast", "KR": "Kirovohradská oblast", "DP": "Dněpropetrovská oblast"}
CZ_COUNTRIES = {"RU": "Rusko", "BY": "Bělorusko"}

# ---------------------------------------------------------------- the accommodation centres' workbook

# Days between the 1900 and the 1904 date systems of Excel: a serial of a 1904-system sheet
# read in a 1900-system workbook is a date four years and one day early.
EXCEL_1904_SHIFT = 1462
PVR_SHEETS = 6
MAC_SHEET = 4  # the centre whose sheet was made in the 1904 date system
# The oblast centre a Russian clerk writes for a town of the oblast he does not know.
RU_OBLAST_CENTRES = {"D": "Донецк", "L": "Луганск", "K": "Херсон", "Z": "Запорожье", "H": "Харьков",
                     "KR": "Кировоград", "DP": "Днепропетровск"}


def stepfather_surname(child: Child) -> int | None:
    """The family name (index into :data:`.lexicon.SURNAMES`) of the household head a
    centre registered ``child``'s family under (a stepfather, the mother's partner), for one
    family in six; None for the others.  Fixed per family; draws no random number of a list."""
    g = np.random.default_rng([child.family, child.surname, child.father, 0x5354_4550])
    if g.random() >= 1 / 6:
        return None
    while True:
        i = int(g.choice(len(lx.SURNAMES), p=lx.SURNAME_P))
        if i != child.surname:
            return i


# ---------------------------------------------------------------- rewriting the lists



def _draw(mix: tuple[tuple[str, float], ...], rng: np.random.Generator) -> str:
    p = np.array([w for _, w in mix], dtype=float)
    return mix[int(rng.choice(len(mix), p=p / p.sum()))][0]


def _consistent(rec: dict[str, str]) -> None:
    """Blank a removal date before the birth date at the precision both have (the input
    schema refuses such rows), as :mod:`.lists` does."""
    b, r = rec["birth_date"], rec["removal_date"]
    if b and r:
        n = min(len(b), len(r))
        if r[:n] < b[:n]:
            rec["removal_date"] = ""


def _surname_kind(child: Child, new_identity: bool) -> str:
    ident = child.new_identity if new_identity else None
    return lx.SURNAMES[ident.surname if ident else child.surname].kind


def _place_phrase(child: Child, rng: np.random.Generator) -> str:
    u = rng.random()
    if u < 0.08:
        return ""
    if u < 0.38:  # "уродженець м. Горлівка Донецької області": the birthplace
        s = pl.SETTLEMENTS[child.birthplace]
        word = ("уродженець", "уродженця") if child.sex == "M" else ("уродженка", "уродженки")
        return f"{word[int(rng.integers(2))]} м. {s.uk} {oblast_genitive(s.oblast)}"
    s = pl.SETTLEMENTS[child.origin]
    if u < 0.65:  # "проживав у м. Горлівці"
        verb = "проживав" if child.sex == "M" else "проживала"
        return f"{verb} у м. {locative_uk(s.uk)}"
    return f"м. {s.uk} {oblast_genitive(s.oblast)}" if rng.random() < 0.7 else f"м. {s.uk}"


def episode_start(child: Child) -> dt.date:
    """The first day of the period an indictment charges for ``child``'s removal group
    ("у період з ... по ..."): 0-30 days before the group's removal, fixed per group."""
    g = np.random.default_rng([child.wave, child.removal.toordinal(), 0x4550])
    return child.removal - dt.timedelta(days=int(g.integers(0, 31)))


def _rewrite_indictment(rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator) -> Rows:
    for rec, child_id in zip(rows, truth["child"], strict=True):
        child = pop.children[int(child_id)]
        kind = lx.SURNAMES[child.surname].kind
        case = _draw(_CASE_MIX, rng)
        rec["family_name"] = decline_uk(rec["family_name"], "family", child.sex, case, kind)
        rec["given_name"] = decline_uk(rec["given_name"], "given", child.sex, case)
        rec["patronymic"] = decline_uk(rec["patronymic"], "patronymic", child.sex, case)
        if rng.random() < 0.5:
            rec["family_name"] = rec["family_name"].upper()
        if rec["birth_date"] and rng.random() < 0.4:  # "2011 р.н."
            rec["birth_date"] = rec["birth_date"][:4]
        rec["origin_settlement"] = _place_phrase(child, rng)
        u = rng.random()
        if u < 0.45:
            rec["removal_date"] = nz.iso(episode_start(child))
        elif u < 0.8:
            rec["removal_date"] = nz.iso(child.removal)
        else:
            rec["removal_date"] = nz.iso(child.removal, "month")
        dest = pl.DESTINATIONS[child.destination]
        if rng.random() < 0.1:
            rec["destination"] = ""
        elif dest.en == "Crimea":
            rec["destination"] = CRIMEA
        else:
            forms = UK_DESTINATIONS[dest.country]
            rec["destination"] = forms[int(rng.integers(len(forms)))]
        _consistent(rec)
    return rows


def _flip_ending(family: str, surname: int, sex: str) -> str:
    """``family`` (a Russian surname of the child's sex) in the other sex's form, when it has
    one and is written as expected; unchanged otherwise."""
    s = lx.SURNAMES[surname]
    if s.kind == "inv":
        return family
    mine = nz.drop_yo(lx.surname_form(s, sex, "ru"))
    other = nz.drop_yo(lx.surname_form(s, "F" if sex == "M" else "M", "ru"))
    if nz.drop_yo(family).lower() != mine.lower():
        return family
    return other.upper() if family.isupper() else other


def _rewrite_pvr(rows: Rows, truth: pd.DataFrame, pop: Population,
                 rng: np.random.Generator) -> tuple[Rows, list[int], list[str]]:
    """The workbook's rows (see the module docstring), the kept rows in file order, their ids."""
    sheet_of: dict[int, int] = {}
    arrival: dict[int, dt.date] = {}
    sheets: list[int] = []
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        if child.wave not in sheet_of:
            sheet_of[child.wave] = int(rng.integers(1, PVR_SHEETS + 1))
            arrival[child.wave] = child.removal + dt.timedelta(days=int(rng.integers(1, 11)))
        sheet, day = sheet_of[child.wave], arrival[child.wave]
        if kind == "duplicate":  # the family moved on to another centre
            sheet = 1 + (sheet + int(rng.integers(0, PVR_SHEETS - 1))) % PVR_SHEETS
            day = day + dt.timedelta(days=int(rng.integers(10, 121)))
        sheets.append(sheet)
        rec["removal_date"] = nz.iso(day)
        step = stepfather_surname(child)
        surname = child.surname
        if step is not None and rec["family_name"]:
            surname = step
            name = nz.drop_yo(lx.surname_form(lx.SURNAMES[step], child.sex, "ru"))
            rec["family_name"] = name.upper() if rec["family_name"].isupper() else name
        if rec["family_name"] and rng.random() < 0.06:
            rec["family_name"] = _flip_ending(rec["family_name"], surname, child.sex)
        s = pl.SETTLEMENTS[child.origin]
        if rec["origin_settlement"] and s.weight < 10 and rng.random() < 0.4:
            rec["origin_settlement"] = f"г. {RU_OBLAST_CENTRES[s.oblast]}"
    # two siblings in one row: the younger's row dropped, its name added to the elder's
    keep = [True] * len(rows)
    by_family: dict[int, list[int]] = {}
    moved = {int(c) for c, k in zip(truth["child"], truth["kind"], strict=True) if k == "duplicate"}
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        if kind == "own":
            by_family.setdefault(pop.children[int(child_id)].family, []).append(j)
    for fam in sorted(by_family):
        js = by_family[fam]
        if len(js) < 2 or rng.random() >= 0.35:
            continue
        js = sorted(js, key=lambda j: (pop.children[int(truth["child"][j])].birth, j))
        elder, younger = js[0], js[1]
        if (not rows[elder]["given_name"] or not rows[younger]["given_name"] or sheets[elder] != sheets[younger]
                or int(truth["child"][younger]) in moved):
            continue  # a younger child with a row in another centre keeps its own row here
        sep = ", " if rng.random() < 0.6 else " и "
        rows[elder]["given_name"] = f"{rows[elder]['given_name']}{sep}{rows[younger]['given_name']}"
        keep[younger] = False
    for j, rec in enumerate(rows):
        if sheets[j] == MAC_SHEET:
            for k in ("birth_date", "removal_date"):
                if len(rec[k]) == 10:
                    rec[k] = nz.iso(dt.date.fromisoformat(rec[k]) - dt.timedelta(days=EXCEL_1904_SHIFT))
        _consistent(rec)
    order = sorted((j for j in range(len(rows)) if keep[j]), key=lambda j: sheets[j])  # stable: sheets in turn
    ids, seen = [], dict.fromkeys(range(1, PVR_SHEETS + 1), 0)
    for j in order:
        seen[sheets[j]] += 1
        ids.append(f"PVR{sheets[j]}-{seen[sheets[j]]:04d}")
    return rows, order, ids


def _rewrite_leak(rows: Rows, truth: pd.DataFrame, pop: Population,
                  rng: np.random.Generator) -> tuple[Rows, list[int]]:
    tables = []
    for rec, child_id in zip(rows, truth["child"], strict=True):
        child = pop.children[int(child_id)]
        placed = child.removal + dt.timedelta(days=int(rng.integers(14, 241)))
        rec["removal_date"] = nz.iso(placed)
        plain = rng.random() < 0.45  # the letters-only table
        tables.append(int(plain))
        for k in ("family_name", "given_name", "patronymic"):
            rec[k] = ascii_export(rec[k]).upper()
        for k in ("origin_settlement", "origin_institution", "destination"):
            rec[k] = ascii_export(rec[k])
        if plain:
            for k in ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution",
                      "destination"):
                rec[k] = letters_only(rec[k])
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: tables[j])  # the two tables one after the other
    return rows, order


def _place_czech(child: Child, rng: np.random.Generator) -> str:
    s = pl.SETTLEMENTS[child.origin]
    u = rng.random()
    if u < 0.07:
        return ""
    if u < 0.15:
        return CZ_OBLASTS[s.oblast]
    name = CZ_TOWNS.get(s.uk) or czech(s.uk, "uk")
    return f"{name}, {CZ_OBLASTS[s.oblast]}" if rng.random() < 0.3 else name


def _rewrite_czech(rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator) -> Rows:
    for rec, child_id in zip(rows, truth["child"], strict=True):
        child = pop.children[int(child_id)]
        g = lx.GIVEN[child.given]
        surname = lx.SURNAMES[child.surname]
        if rng.random() < 0.4:  # from the Ukrainian passport: no patronymic, family name in capitals
            rec["family_name"] = romanise(lx.surname_form(surname, child.sex, "uk"), "ua_2010").upper()
            rec["given_name"] = romanise(g.uk, "ua_2010")
            rec["patronymic"] = ""
        else:
            lang = name_lang(" ".join((rec["family_name"], rec["given_name"], rec["patronymic"])), "uk")
            if rec["given_name"] == g.ru and g.ru != g.uk:
                lang = "ru"
            czech_name = rec["given_name"] in (g.uk, g.ru) and rng.random() < 0.2
            for k in ("family_name", "given_name", "patronymic"):
                rec[k] = czech(rec[k], lang)
            if czech_name and g.uk in CZ_NAMES:
                rec["given_name"] = CZ_NAMES[g.uk]
            if child.sex == "F" and rec["family_name"] and rng.random() < 0.75:
                rec["family_name"] = czech_feminine(rec["family_name"], surname.kind)
            if rng.random() < 0.25:
                for k in ("family_name", "given_name", "patronymic"):
                    rec[k] = strip_marks(rec[k])
        rec["origin_settlement"] = _place_czech(child, rng)
        rec["origin_institution"] = czech(rec["origin_institution"], "uk")
        country = pl.DESTINATIONS[child.destination].country
        rec["destination"] = CZ_COUNTRIES[country] if rng.random() < 0.8 else ""
        _consistent(rec)
    return rows


def generate_heldout7(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the SEVENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator,
                ids: list[str]) -> tuple[Rows, list[int], list[str]]:
        order = list(range(len(rows)))
        if name == "ua_indictment":
            rows = _rewrite_indictment(rows, truth, pop, rng)
        elif name == "ru_pvr_register":
            rows, order, ids = _rewrite_pvr(rows, truth, pop, rng)
        elif name == "ru_leak_translit":
            rows, order = _rewrite_leak(rows, truth, pop, rng)
            ids = [ids[j] for j in order]
        elif name == "cz_ngo_register":
            rows = _rewrite_czech(rows, truth, pop, rng)
        else:
            raise ValueError(f"no rewriting for list {name!r}")
        return rows, order, ids

    return rewrite_lists(build(heldout7_spec(), n, seed), seed, _TAG, rewrite)
