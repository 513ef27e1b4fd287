"""FIFTEENTH HELD-OUT error profile ``heldout_lithuania_grades_tzshift``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout14` (``heldout_sortgap_latvia_callback``)
as the profile kept out of tuning, since the fourteen earlier held-out profiles were run, and
was run ONCE (2026-12-07, +34.7%; bench/RESULTS.md); :mod:`.heldout16`
(``heldout_estonia_exceldates_plurals``) now replaces it as the profile kept out of tuning.  ``bench/linkage_harness.py`` runs it only with ``--heldout15``; the
tests only check that it generates valid, deterministic lists with the error processes below
(they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the fourteen earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout15`).  Per-child draws (a late school start)
are fixed per child AND seed (:func:`_child_rng`).  The shares are the author's judgement of
what such lists hold (no published rate exists for any of them); each is a named constant.

``lt_municipality``
    a Lithuanian municipality's social-services register of Ukrainian children under
    temporary protection who had been in Russia or Belarus (families much more than
    institutions), typed in Lithuanian by its staff from the Cyrillic documents shown
    (Ukrainian forms; Russian forms for children with Russian documents).  Lithuanian texts
    adapt foreign personal names to Lithuanian spelling and grammar (the State Commission
    of the Lithuanian Language's recommendations on writing foreign names; the press writes
    ``Volodymyras Zelenskis``, ``Tarasas Ševčenka``); identity documents themselves copy the
    passport's Latin, which most of these children did not have.  Simplified transcription
    (:func:`lithuanian`): ж ž, ш š, ч č, щ šč, х ch, ц c, й j, Ukrainian г h, и y, і i, ї ji,
    Russian г g, и i, ы y; є я ю ё je ja ju jo at the start of a word or after a vowel, ie ia
    iu io after a consonant (``Liudmyla``, ``Artiomas``), чу čiu as
    Lithuanian spells it (``Kovalčiukas``, as the press writes ``Kravčiukas``), ь before о i (``Vasylio``) and
    otherwise dropped, apostrophe and ъ dropped.  A man's given and family name takes a
    Lithuanian masculine nominative ending (:func:`lithuanian_name`): -as after a consonant
    (``Oleksandras``, ``Maksymas``, ``Kovalčiukas``, ``Melnykas``, ``Ivanovas``), -is after a
    soft sign (``Kovalis`` for Коваль), -jus / -ijus after j (``Sergejus``, ``Andrijus``,
    ``Dmitrijus``), ``-skis`` / ``-ckis`` for -ський / -ский; a given name in -о takes -as
    (``Dmytras``, ``Petras``, ``Danylas``) and a family name in -о becomes -a (``Ševčenka``,
    ``Kovalenka``, ``Bojka``); a name in -а stays (``Mykola``, ``Illia``).  Women's names are
    only transcribed (``Marija``, ``Olena``, ``Kovalenko``, ``Ivanova``, ``Kovalčiuk``): the
    Lithuanian feminine forms (-ė, -aitė, -ienė) are not given to foreign names in this
    simplification.  Simplified: traditional exceptions (``Igoris``, ``Jurijus`` for Юрій is
    kept, ``Nikolajus`` for Николай is kept) and the recommendation's finer rules for
    stress and soft consonants are not modelled.  No patronymic.  The place of origin by the
    same transcription with the masculine ending for a town ending in a consonant
    (:func:`lithuanian_place`: ``Charkivas``, ``Chersonas``, ``Doneckas``, ``Luhanskas``;
    -пол / -піль -polis / -pilis: ``Mariupolis``, ``Melitopolis``); ``Horlivka``,
    ``Makijivka`` unchanged.  The destination ``Rusija`` or ``Baltarusija``.  Rows in the
    order of registration, numbered ``LT<row>``.
``ua_school_grades``
    lists of pupils who stopped attending, reported taken to Russia or Belarus, from the
    schools of occupied hromadas that relocated and kept teaching online, merged by an
    education department.  A school knows a pupil by class, not by birth date: the list has
    the names (Ukrainian forms; patronymic for most), sex, the school's settlement, the
    boarding school for pupils of one, the month the pupil stopped attending, and the grade
    in the school year of the removal; the analyst wrote the birth year as the school-year
    start minus the grade minus 5 (:func:`year_from_grade`: grade 1 in September 2021 ->
    2015), which assumes every child started school in the year of its sixth birthday.
    Ukrainian children start grade 1 in the September after they turn six (Law on Complete
    General Secondary Education 2020: from 6 years, a later start allowed), so a
    child born in September to December starts at nearly seven and its year comes out one
    too late (:func:`school_entry`), as does the year of a child whose parents kept it at
    home one more year (:data:`LATE_START` of children, fixed per child).  Only children
    of school age (grades 1 to 11) at the removal are on the list; rows by grade, then family
    and given name, numbered ``SC<grade>-<row>``.  Repeating a grade is not modelled.
``intl_casework_tz``
    an international organisation's web case-management application used by its Ukrainian
    partners, exported as CSV: Ukrainian forms (Russian for some children with Russian
    documents), patronymic for most, full birth and removal dates for most.  For the
    :data:`TZ_SHIFT` of the cases entered during the months a release of the web form had a
    time-zone bug, every full date is one day early (:func:`tz_shift`): the browser's date
    picker made local midnight in Kyiv (UTC+2 or +3), the form sent it as UTC (21:00 or
    22:00 of the day before) and the server kept the date part, a familiar JavaScript
    ``Date`` / ``toISOString`` error.  A month or year typed as text is not shifted.  Rows in
    the order of entry, numbered ``CM<row>``.

Population: a quarter of families from institutions, a fifth sent to Belarus, families of two
or three children common, capture shared within families.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import places as pl
from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_lithuania_grades_tzshift"
_TAG = 0x48_3135  # this module's random streams (rewriting), apart from build()'s

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_LT = Style(  # names, places and destination written the Lithuanian way by _rewrite_lt
    name_lang=(("uk", 1.0),),
    follow_ru_docs=1.0,
    birth=(("day", 0.95), ("missing", 0.05)),
    place=(("uk_current", 1.0),),
    place_missing=0.1,
    institution_missing=1.0,
    removal=(("month", 0.3), ("missing", 0.7)),
    destination="uk",
)
_SCHOOL = Style(  # birth year from the grade by _rewrite_school
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.2,
    patronymic_missing=0.2,
    birth=(("day", 1.0),),
    place=(("uk_current", 1.0),),
    place_prefix=(("none", 0.5), ("type", 0.5)),
    institution=(("uk", 0.6), ("uk_short", 0.4)),
    institution_missing=0.05,
    removal=(("month", 0.8), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.5,
)
_CASEWORK = Style(  # dates shifted by a day by _rewrite_casework
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.4,
    patronymic_missing=0.15,
    birth=(("day", 0.85), ("year", 0.1), ("missing", 0.05)),
    sex_missing=0.02,
    place=(("uk_current", 0.8), ("uk_doc", 0.2)),
    place_prefix=(("none", 0.6), ("type", 0.4)),
    place_missing=0.05,
    institution=(("uk", 1.0),),
    institution_missing=0.3,
    removal=(("exact", 0.6), ("month", 0.25), ("missing", 0.15)),
    destination="uk",
    destination_missing=0.3,
)


def heldout15_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (15th): a Lithuanian municipality (Lithuanian name forms and endings), schools' "
        "lists (birth year from the grade), a web case database (dates a day early)",
        PopulationSpec(
            share_institution=0.25,
            share_belarus=0.2,
            family_sizes=(0.45, 0.3, 0.15, 0.07, 0.02, 0.01),
            twin_rate=0.03,
            placed_institution=0.4,
            placed_family=0.08,
            reregistered=0.3,
            family_visibility=0.7,
        ),
        (
            ListSpec(
                "lt_municipality",
                _LT,
                base=0.3,
                beta=0.7,
                mode_odds=(("institution", 0.15), ("placed", 0.3)),
                duplicates=0.03,
                id_prefix="LT",
            ),
            ListSpec(
                "ua_school_grades",
                _SCHOOL,
                base=0.5,
                beta=0.8,
                mode_odds=(("institution", 1.2),),
                duplicates=0.02,
                id_prefix="SC",
            ),
            ListSpec(
                "intl_casework_tz",
                _CASEWORK,
                base=0.4,
                beta=0.9,
                mode_odds=(("institution", 0.5),),
                duplicates=0.05,
                id_prefix="CM",
            ),
        ),
        output_order=("lt_municipality", "ua_school_grades", "intl_casework_tz"),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


# ---------------------------------------------------------------- a Lithuanian register

_LT_LETTERS = dict(zip("абвґдежзийклмнопрстуфцчшыэ", "abvgdežzyjklmnoprstufcčšye", strict=True)) | {
    "х": "ch",
    "щ": "šč",
    "і": "i",
}
_LT_IOTATED = {"є": "e", "я": "a", "ю": "u", "ё": "o"}
_CYR_VOWELS = set("аеєиіїоуюяёыэ")
_APOSTROPHES = "'’ʼ`"
_CYR_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")


def _lithuanian_word(word: str, lang: str) -> str:
    low = word.lower()
    out: list[str] = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        after_consonant = bool(prev) and prev not in _CYR_VOWELS and prev not in _APOSTROPHES + "ьъ"
        if ch in _APOSTROPHES or ch == "ъ":
            continue
        if ch == "ь":
            if nxt == "о":
                out.append("i")
            continue
        if ch == "г":
            out.append("h" if lang == "uk" else "g")
        elif ch == "и":
            out.append("y" if lang == "uk" else "i")
        elif ch == "у" and prev == "ч":
            out.append("iu")  # Lithuanian writes č + u as čiu (Kravčiukas)
        elif ch == "ї":
            out.append("ji")
        elif ch in _LT_IOTATED:
            out.append(("i" if after_consonant else "j") + _LT_IOTATED[ch])
        elif ch == "е" and lang == "ru" and not after_consonant:
            out.append("je")
        else:
            out.append(_LT_LETTERS.get(ch, ch))
    text = "".join(out)
    return text[:1].upper() + text[1:]


def lithuanian(text: str, lang: str) -> str:
    """``text`` (Cyrillic, in its ``lang`` form: ``uk`` or ``ru``) by the simplified Lithuanian
    transcription of the module docstring, word by word, each word capitalised."""
    return _CYR_WORD.sub(lambda m: _lithuanian_word(m.group(0), lang), text)


_LT_CONSONANT_END = re.compile(r"[bcčdfghklmnprsštvzž]$")


def lithuanian_name(text: str, sex: str, lang: str, family: bool) -> str:
    """A personal name (given, or ``family``) as a Lithuanian text writes it: transcribed,
    with the Lithuanian masculine nominative ending for a man."""
    name = lithuanian(text, lang)
    if sex != "M" or not name:
        return name
    if text.endswith("ь"):
        return name + "is"
    if name.endswith(("skij", "skyj", "ckij", "ckyj", "skoj", "ckoj")):
        return name[:-2] + "is"
    if name.endswith(("ij", "yj")):
        return name[:-2] + "ijus"
    if name.endswith("j"):
        return name + "us"
    if name.endswith("o"):
        return name[:-1] + ("a" if family else "as")
    if _LT_CONSONANT_END.search(name):
        return name + "as"
    return name


def lithuanian_place(text: str, lang: str = "uk") -> str:
    """A town as a Lithuanian text writes it: transcribed, the last word of a name ending in
    a consonant given the masculine ending (-is after -pol / -pil, otherwise -as); names in
    a vowel or an adjectival -ий are left as they are."""
    name = lithuanian(text, lang)
    if not name or name.endswith("j"):
        return name
    if name.endswith(("pol", "pil")):
        return name + "is"
    if _LT_CONSONANT_END.search(name):
        return name + "as"
    return name


#: the destination country in Lithuanian
LT_COUNTRY = {"RU": "Rusija", "BY": "Baltarusija"}


def _rewrite_lt(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float]] = []
    for rec, child_id in zip(rows, truth["child"], strict=True):
        child = pop.children[int(child_id)]
        lang = child.doc_lang  # the form of the documents shown (follow_ru_docs=1)
        rec["family_name"] = lithuanian_name(rec["family_name"], child.sex, lang, family=True)
        rec["given_name"] = lithuanian_name(rec["given_name"], child.sex, lang, family=False)
        rec["patronymic"] = ""
        if rec["origin_settlement"]:
            rec["origin_settlement"] = lithuanian_place(pl.SETTLEMENTS[child.origin].uk)
        rec["destination"] = LT_COUNTRY[pl.DESTINATIONS[child.destination].country]
        registered = child.removal + dt.timedelta(days=int(rng.integers(90, 900)))
        keys.append((registered, float(rng.random())))
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    return rows, order, [f"LT{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- schools' lists by grade

#: share of children whose parents started them at school a year later than the rule
LATE_START = 0.1
#: grades of a general school (before the twelve-year reform reached them)
GRADES = range(1, 12)


def school_year(day: dt.date) -> int:
    """The calendar year in which the school year holding ``day`` started (1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def late_start(seed: int, child: Child) -> bool:
    """Whether ``child`` started school a year late (fixed per child and seed)."""
    return bool(_child_rng(seed, child, 0x4C53).random() < LATE_START)


def school_entry(birth: dt.date, late: bool) -> int:
    """The year ``birth``'s child entered grade 1: the September after its sixth birthday (the
    same September for a child born by 1 September), a year later when ``late``."""
    entry = birth.year + 6 if (birth.month, birth.day) <= (9, 1) else birth.year + 7
    return entry + int(late)


def year_from_grade(start: int, grade: int) -> int:
    """The analyst's birth year from the ``grade`` in the school year starting in ``start``."""
    return start - grade - 5


def _rewrite_school(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keep: list[tuple[int, str, str, float, int]] = []
    for j, (rec, child_id) in enumerate(zip(rows, truth["child"], strict=True)):
        child = pop.children[int(child_id)]
        start = school_year(child.removal)
        grade = start - school_entry(child.birth, late_start(seed, child)) + 1
        if grade not in GRADES:
            continue  # not of school age: not on a school's list
        rec["birth_date"] = str(year_from_grade(start, grade))
        _consistent(rec)
        keep.append((grade, rec["family_name"].casefold(), rec["given_name"].casefold(), float(rng.random()), j))
    keep.sort()
    ids: list[str] = []
    count: dict[int, int] = {}
    for grade, *_ in keep:
        count[grade] = count.get(grade, 0) + 1
        ids.append(f"SC{grade:02d}-{count[grade]:04d}")
    return rows, [k[-1] for k in keep], ids


# ---------------------------------------------------------------- a web case database, dates a day early

#: share of cases entered while the web form had the time-zone bug
TZ_SHIFT = 0.3


def tz_shift(value: str) -> str:
    """A full ISO date as the buggy form stored it (the day before); other precisions unchanged."""
    if len(value) != 10:
        return value
    return (dt.date.fromisoformat(value) - dt.timedelta(days=1)).isoformat()


def _rewrite_casework(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float]] = []
    for rec, child_id in zip(rows, truth["child"], strict=True):
        child = pop.children[int(child_id)]
        if rng.random() < TZ_SHIFT:
            rec["birth_date"] = tz_shift(rec["birth_date"])
            rec["removal_date"] = tz_shift(rec["removal_date"])
        entered = child.removal + dt.timedelta(days=int(rng.integers(30, 700)))
        keys.append((entered, float(rng.random())))
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    return rows, order, [f"CM{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the profile


def generate_heldout15(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the FIFTEENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == "lt_municipality":
            return _rewrite_lt(rows, truth, pop, seed, rng)
        if name == "ua_school_grades":
            return _rewrite_school(rows, truth, pop, seed, rng)
        if name == "intl_casework_tz":
            return _rewrite_casework(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout15_spec(), n, seed), seed, _TAG, rewrite)
