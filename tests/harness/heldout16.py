"""SIXTEENTH HELD-OUT error profile ``heldout_estonia_exceldates_plurals``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaced :mod:`.heldout15` (``heldout_lithuania_grades_tzshift``)
as the profile kept out of tuning, since the fifteen earlier held-out profiles were run, and
was run ONCE (2026-12-07, +7.6%; bench/RESULTS.md); :mod:`.heldout17`
(``heldout_masked_suggest_oms``) now replaces it as the profile kept out of tuning.
``bench/linkage_harness.py`` runs it only with ``--heldout16``; the tests only check that it
generates valid, deterministic lists with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the fifteen earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout16`).  Per-child draws (a Ukrainian passport)
are fixed per child AND seed (:func:`_child_rng`), per-family draws (how a hromada posted a
family) per family AND seed (:func:`_family_rng`).  The shares are the author's judgement of
what such lists hold (no published rate exists for any of them); each is a named constant.

``ua_hromada_posts``
    a volunteers' table of the children named in the lists of deported children that the
    councils of occupied hromadas (working in relocation) published on their Telegram
    channels and Facebook pages, one row per child.  A post names a family's children
    together, and for :data:`FAMILY_LINE` of the families with two or more children on the
    list (fixed per family and seed: :func:`family_line`) the post wrote the family name
    ONCE, for all of them, in the plural, as Ukrainian writes a family: ``Коваленки: Марія,
    2010 р.н.; Іван, 2013 р.н.`` (nominative plural) or, for :data:`GENITIVE` of those,
    ``родина Коваленків: ...`` ("the family of the Kovalenkos", genitive plural).  The
    volunteers split the line into one row per child and copied the family word as written
    into every child's family-name cell (:func:`ukrainian_plural`): -енко / -ко ``Коваленки``
    / ``Коваленків``, ``Бойки``, a consonant ``Мельники`` / ``Мельників``, ``Гнатюки``, -ь
    ``Ковалі`` / ``Ковалів``, a hushing consonant and -ар ``Ткачі``, ``Бондарі``, -ець
    ``Кравці``, -ов / -ін and -ишин (a brother ``Іванов`` and a sister ``Іванова`` alike)
    ``Іванови`` / ``Іванових``, ``Вороніни``, adjectival and -ський ``Білі`` / ``Білих``,
    ``Ковалевські`` / ``Ковалевських``; a name in -ів is left as it is, a name in -а keeps
    its singular in the genitive.  The other children (alone on the list, or posted one by
    one) have their own singular name.  Ukrainian forms (hromadas post in Ukrainian), the
    patronymic seldom, the sex seldom (a post says ``син`` / ``донька`` now and then), the
    birth year (``2010 р.н.``) for most and the date for some, the hromada's town, the
    removal month for some; rows by hromada (``HP<hromada>-<row>``), in the order of the
    posts (a family's children together, eldest first); a family posted again in a later
    list has its children twice.
``ua_ssd_excel_dates``
    an oblast children's services' (служба у справах дітей) consolidated sheet of children
    deported, typed in Excel with the Ukrainian (uk-UA) regional settings from the hromadas'
    letters and relatives' applications, one sheet per year of entry, rows in the order of
    entry (weeks to two years after the removal), numbered ``XL<year>-<row>``: Ukrainian
    forms (Russian for some children with Russian documents), patronymic, full birth dates
    (typed in full), sex, settlement, institution, destination.  For :data:`NO_YEAR` of the
    exact removal dates the clerk typed only the day and month (``24.03``: the year "went
    without saying"), and Excel turned them into that day of the CURRENT year, the year of
    typing (Excel's documented completion of a partial date), so a 2022 removal typed in 2023
    reads 2023 (:func:`excel_partial_date`); right only when typed in the removal's year.  For
    :data:`NUMPAD` of those the clerk typed on the numeric keypad, whose decimal key gives the
    locale's decimal separator, a COMMA in uk-UA: ``24,03`` is a number to Excel, ``24,10`` is
    ``24,1`` (the trailing zero of a number is not kept), and the analyst turned the numbers
    back into dates (day before the comma, month after it) in the sheet's year: every October
    removal typed so became January (:func:`numpad_date`).  ``29.02`` in a year that is not a
    leap year stays text and the analyst blanked it.  Other dates (birth dates typed in full,
    removal months typed as text) are kept.  Families more than institutions.
``ee_ppa_narva``
    an Estonian register (temporary protection applications at the police and border guard
    board, and the volunteers who helped families leave Russia through the Narva crossing) of
    Ukrainian children who left Russia for Estonia with relatives: only children sent to
    Russia, families much more than institutions or placed children.  Estonian documents
    write a foreign name as the travel document shows it: for a child holding a Ukrainian
    passport (:data:`PASSPORT` by age at the removal, fixed per child and seed:
    :func:`holds_passport`; only children with Ukrainian documents) its Latin, the national
    system of 2010 (``Mykola``, ``Lukianenko``, ``Andrii``); for the others (a birth
    certificate, Ukrainian or Russian) the clerk transcribed the Cyrillic by the Estonian
    rules for Russian and Ukrainian names (the Estonian Language Institute's; the Estonian
    press writes ``Volodõmõr Zelenskõi``, ``Lõssõtšansk``): simplified here
    (:func:`estonian`): Ukrainian и and Russian ы õ (``Mõkola``, ``Dmõtro``, ``Hrõtsenko``),
    Ukrainian г and х h and Russian г g (``Harkiv``, ``Horlivka``, ``Georgi``), ж ž, ш š,
    ч tš, щ štš (``Ševtšenko``, ``Kovaltšuk``, ``Polištšuk``), ц ts, є ї ю я ё je ji ju ja
    jo (o after a hushing consonant: ``Artjom``, ``Pugatšov``), Russian е je at the start
    of a word and after a vowel or a sign (``Jevgeni``), й i (j before a vowel) and a final
    Russian -ий, Ukrainian -ій as -i (``Dmitri``, ``Andri``, ``Serhi``, but Ukrainian -ий
    ``-skõi``), с between vowels ss (``Anastassija``, ``Vassõl``, ``Lõssenko``), ь and the
    apostrophe dropped (``Kupjansk``, ``Marjana``) but ``j`` before a vowel after ь in
    Russian and before о in Ukrainian (``Iljin``, ``Kovaljov``).  Estonian has no grammatical
    gender: no endings are added.  No patronymic (Estonian documents have none).  The place
    of origin by the same transcription (``Mariupol``, ``Sjevjerodonetsk``, ``Herson``,
    ``Berdjansk``); the destination ``Venemaa``; the removal month for some.  Rows in order of
    arrival in Estonia (months to years after the removal), numbered ``EE<row>``.

Population: a fifth of families from institutions, a fifth sent to Belarus, families of two
or more children common (posts name families), capture shared within families.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import places as pl
from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists
from .romanise import romanise

NAME = "heldout_estonia_exceldates_plurals"
_TAG = 0x48_3136  # this module's random streams (rewriting), apart from build()'s

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_POSTS = Style(  # the family name of a family line rewritten in the plural by _rewrite_posts
    name_lang=(("uk", 1.0),),
    typo=0.02,
    layout="uk",
    apostrophes=0.3,
    patronymic_missing=0.85,
    birth=(("year", 0.7), ("day", 0.25), ("missing", 0.05)),
    sex_missing=0.75,
    place=(("uk_current", 1.0),),
    place_prefix=(("none", 0.4), ("type", 0.6)),
    institution=(("uk_short", 0.7), ("uk", 0.3)),
    institution_missing=0.4,
    removal=(("month", 0.4), ("missing", 0.6)),
    destination="uk",
    destination_missing=0.5,
)
_SSD = Style(  # removal dates typed without the year, or on the numeric keypad, by _rewrite_ssd
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.5,
    typo=0.02,
    layout="uk",
    apostrophes=0.3,
    patronymic_missing=0.08,
    birth=(("day", 0.93), ("year", 0.03), ("missing", 0.04)),
    sex_missing=0.01,
    place=(("uk_current", 0.8), ("uk_doc", 0.2)),
    place_prefix=(("none", 0.5), ("type", 0.5)),
    place_missing=0.03,
    institution=(("uk", 0.7), ("uk_short", 0.3)),
    institution_missing=0.15,
    removal=(("exact", 0.8), ("month", 0.12), ("missing", 0.08)),
    destination="uk",
    destination_missing=0.2,
)
_EE = Style(  # names, places and destination written the Estonian way by _rewrite_ee
    name_lang=(("uk", 1.0),),
    follow_ru_docs=1.0,
    birth=(("day", 0.97), ("missing", 0.03)),
    sex_missing=0.0,
    place=(("uk_current", 1.0),),
    place_missing=0.08,
    institution_missing=1.0,
    removal=(("month", 0.3), ("missing", 0.7)),
    destination="uk",
)


def heldout16_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (16th): hromadas' posts (family names in the plural), an Excel sheet (removal "
        "dates typed without the year or on the numeric keypad), an Estonian register (Estonian "
        "transcription, passport Latin)",
        PopulationSpec(
            share_institution=0.2,
            share_belarus=0.2,
            family_sizes=(0.4, 0.3, 0.17, 0.08, 0.03, 0.02),
            twin_rate=0.03,
            placed_institution=0.4,
            placed_family=0.08,
            reregistered=0.3,
            family_visibility=0.7,
        ),
        (
            ListSpec(
                "ua_hromada_posts",
                _POSTS,
                base=0.35,
                beta=0.9,
                mode_odds=(("institution", 0.4),),
                duplicates=0.05,
                id_prefix="HP",
            ),
            ListSpec(
                "ua_ssd_excel_dates",
                _SSD,
                base=0.5,
                beta=0.8,
                mode_odds=(("institution", 1.3),),
                duplicates=0.04,
                id_prefix="XL",
            ),
            ListSpec(
                "ee_ppa_narva",
                _EE,
                eligible="russia",
                base=0.3,
                beta=0.7,
                mode_odds=(("institution", 0.1), ("placed", 0.2)),
                duplicates=0.02,
                id_prefix="EE",
            ),
        ),
        output_order=("ua_hromada_posts", "ua_ssd_excel_dates", "ee_ppa_narva"),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


# ---------------------------------------------------------------- hromadas' posts: family names in the plural

#: share of families with two or more children on the list whose post named them in one family line
FAMILY_LINE = 0.6
#: share of those family lines written "родина <genitive plural>" (the others "<nominative plural>:")
GENITIVE = 0.4
_UK_VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")


def family_line(seed: int, child: Child) -> str:
    """How a post names ``child``'s family when it has several children on the list:
    ``nom`` (``Коваленки: ...``), ``gen`` (``родина Коваленків: ...``) or ``""`` (child by
    child, each under its own name).  Fixed per family and seed."""
    g = _family_rng(seed, child, 0x504C)
    if g.random() >= FAMILY_LINE:
        return ""
    return "gen" if g.random() < GENITIVE else "nom"


def ukrainian_plural(s: lx.Surname, case: str) -> str:
    """The Ukrainian family name ``s`` in the plural (``case`` ``nom`` or ``gen``), as a post
    names a family (see the module docstring; simplified)."""
    if case not in ("nom", "gen"):
        raise ValueError(f"unknown case {case!r}")
    nom = case == "nom"
    base = s.uk
    if s.kind == "ov" or base.endswith("ишин"):  # Іванов, Ковальов, Воронін, Гнатишин
        return base + ("и" if nom else "их")
    if s.kind in ("sky", "adj"):  # Ковалевський, Білий, Гайовий
        return base[:-2] + ("і" if nom else "их")
    if base.endswith("ко"):  # Коваленко, Бойко, Приходько
        return base[:-1] + ("и" if nom else "ів")
    if base.endswith("ів"):  # Гнатів: left as written
        return base
    if base.endswith("ець"):  # Кравець -> Кравці, Швець -> Швеці (the е stays in a stem without a vowel)
        stem = base[:-3]
        if not any(ch in _UK_VOWELS for ch in stem):
            stem += "е"
        return stem + ("ці" if nom else "ців")
    if base.endswith("ь"):  # Коваль
        return base[:-1] + ("і" if nom else "ів")
    if base.endswith("й"):  # Довгобай
        return base[:-1] + ("ї" if nom else "їв")
    if base.endswith("а"):  # Заїка: the genitive plural's bare stem is not written; the singular stays
        return base[:-1] + "и" if nom else base
    if base.endswith(("ж", "ч", "ш", "щ", "ар")):  # Ткач, Бондар, Гончар
        return base + ("і" if nom else "ів")
    return base + ("и" if nom else "ів")  # Мельник, Ковальчук, Гнатюк, Мазур, Кушнір


def post_date(seed: int, child: Child, duplicate: bool) -> dt.date:
    """The date of the post that named ``child``'s family (a later list for a repost).
    Fixed per family and seed."""
    g = _family_rng(seed, child, 0x5044)
    first = child.removal + dt.timedelta(days=int(g.integers(7, 400)))
    later = first + dt.timedelta(days=int(g.integers(30, 300)))
    return later if duplicate else first


def _rewrite_posts(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    on_list: dict[int, set[int]] = {}
    for child_id in truth["child"]:
        c = pop.children[int(child_id)]
        on_list.setdefault(c.family, set()).add(c.child_id)
    keys: list[tuple[str, dt.date, int, dt.date, float, int]] = []
    for j, (rec, child_id, kind) in enumerate(zip(rows, truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        case = family_line(seed, c) if len(on_list[c.family]) >= 2 else ""
        if case:
            rec["family_name"] = ukrainian_plural(lx.SURNAMES[c.surname], case)
        _consistent(rec)
        town = pl.SETTLEMENTS[c.origin].uk
        keys.append((town, post_date(seed, c, kind == "duplicate"), c.family, c.birth, float(rng.random()), j))
    keys.sort()
    towns = sorted({k[0] for k in keys})
    rank = {t: i + 1 for i, t in enumerate(towns)}
    count: dict[str, int] = {}
    ids: list[str] = []
    for k in keys:
        count[k[0]] = count.get(k[0], 0) + 1
        ids.append(f"HP{rank[k[0]]:02d}-{count[k[0]]:04d}")
    return rows, [k[-1] for k in keys], ids


# ---------------------------------------------------------------- an Excel sheet: removal dates typed short

#: share of exact removal dates typed as day and month only (``24.03``)
NO_YEAR = 0.4
#: share of those typed on the numeric keypad (a comma, the uk-UA decimal separator: a number)
NUMPAD = 0.25


def excel_partial_date(day: dt.date, typed_in: int) -> str:
    """``dd.mm`` as Excel (uk-UA) stores it: that day of the year of typing (ISO), or ``""``
    for a 29 February typed in a year that is not a leap year (kept as text, blanked)."""
    try:
        return day.replace(year=typed_in).isoformat()
    except ValueError:
        return ""


def numpad_date(day: dt.date, typed_in: int) -> str:
    """``dd,mm`` typed on the numeric keypad: the number Excel keeps (a trailing zero of the
    decimals dropped: ``24,10`` -> ``24,1``) read back by the analyst as day and month of the
    sheet's year ``typed_in`` (ISO; ``""`` when that is no date)."""
    number = f"{day.day},{day.month:02d}".rstrip("0")
    d, m = number.split(",")
    try:
        return dt.date(typed_in, int(m), int(d)).isoformat()
    except ValueError:
        return ""


def _rewrite_ssd(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float]] = []
    for rec, child_id in zip(rows, truth["child"], strict=True):
        child = pop.children[int(child_id)]
        entered = child.removal + dt.timedelta(days=int(rng.integers(20, 700)))
        removal = rec["removal_date"]
        if len(removal) == 10 and rng.random() < NO_YEAR:
            day = dt.date.fromisoformat(removal)
            if rng.random() < NUMPAD:
                rec["removal_date"] = numpad_date(day, entered.year)
            else:
                rec["removal_date"] = excel_partial_date(day, entered.year)
        keys.append((entered, float(rng.random())))
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    count: dict[int, int] = {}
    ids: list[str] = []
    for j in order:
        year = keys[j][0].year
        count[year] = count.get(year, 0) + 1
        ids.append(f"XL{year}-{count[year]:04d}")
    return rows, order, ids


# ---------------------------------------------------------------- an Estonian register

#: share of children with Ukrainian documents holding a Ukrainian passport, by age at the removal
PASSPORT = ((6, 0.1), (14, 0.3), (18, 0.6))  # (ages below, share)
_EE_LETTERS = {
    "а": "a", "б": "b", "в": "v", "ґ": "g", "д": "d", "ж": "ž", "з": "z", "і": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
    "ч": "tš", "ш": "š", "щ": "štš", "ы": "õ", "э": "e", "є": "je", "ї": "ji", "ю": "ju", "я": "ja",
}  # fmt: skip
_CYR_VOWELS = set("аеєиіїоуюяёыэ")
_HUSHING = set("жчшщ")
_APOSTROPHES = "'’ʼ`"
_CYR_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")


def _estonian_word(word: str, lang: str) -> str:
    low = word.lower()
    out: list[str] = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if ch in _APOSTROPHES or ch == "ъ":
            continue
        if ch == "ь":
            if nxt == "о" or (lang == "ru" and nxt == "и"):
                out.append("j")  # Ковальов Kovaljov, Ильин Iljin (е ё ю я give their j anyway)
            continue
        if ch == "г":
            out.append("h" if lang == "uk" else "g")
        elif ch == "и":
            out.append("õ" if lang == "uk" else "i")
        elif ch == "е":
            first = not prev or prev in _CYR_VOWELS or prev in "ьъ" + _APOSTROPHES
            out.append("je" if lang == "ru" and first else "e")
        elif ch == "ё":
            out.append("o" if prev in _HUSHING else "jo")
        elif ch == "й":
            if nxt in _CYR_VOWELS:
                out.append("j")
            elif not nxt and prev == ("и" if lang == "ru" else "і"):
                continue  # Дмитрий Dmitri, Андрій Andri
            else:
                out.append("i")
        elif ch == "с":
            out.append("ss" if prev in _CYR_VOWELS and nxt in _CYR_VOWELS else "s")
        else:
            out.append(_EE_LETTERS.get(ch, ch))
    text = "".join(out)
    return text[:1].upper() + text[1:]


def estonian(text: str, lang: str) -> str:
    """``text`` (Cyrillic, in its ``lang`` form: ``uk`` or ``ru``) by the simplified Estonian
    transcription of the module docstring, word by word, each word capitalised."""
    return _CYR_WORD.sub(lambda m: _estonian_word(m.group(0), lang), text)


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - int((on.month, on.day) < (birth.month, birth.day))


def holds_passport(seed: int, child: Child) -> bool:
    """Whether ``child`` showed a Ukrainian passport (only children with Ukrainian
    documents; the share by age at the removal, :data:`PASSPORT`).  Fixed per child and seed."""
    if child.doc_lang != "uk":
        return False
    age = _age(child.birth, child.removal)
    share = next((p for below, p in PASSPORT if age < below), PASSPORT[-1][1])
    return bool(_child_rng(seed, child, 0x5053).random() < share)


def passport_latin(text: str) -> str:
    """A Ukrainian name as a Ukrainian passport prints it (the national system of 2010)."""
    return romanise(text, "ua_2010")


#: the destination country in Estonian
EE_COUNTRY = {"RU": "Venemaa", "BY": "Valgevene"}


def _rewrite_ee(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float]] = []
    for rec, child_id in zip(rows, truth["child"], strict=True):
        child = pop.children[int(child_id)]
        lang = child.doc_lang  # the form of the documents shown (follow_ru_docs=1)
        passport = holds_passport(seed, child)
        for k in ("family_name", "given_name"):
            rec[k] = passport_latin(rec[k]) if passport else estonian(rec[k], lang)
        rec["patronymic"] = ""
        if rec["origin_settlement"]:
            rec["origin_settlement"] = estonian(pl.SETTLEMENTS[child.origin].uk, "uk")
        rec["destination"] = EE_COUNTRY[pl.DESTINATIONS[child.destination].country]
        arrived = child.removal + dt.timedelta(days=int(rng.integers(60, 1000)))
        keys.append((arrived, float(rng.random())))
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    return rows, order, [f"EE{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the profile


def generate_heldout16(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the SIXTEENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == "ua_hromada_posts":
            return _rewrite_posts(rows, truth, pop, seed, rng)
        if name == "ua_ssd_excel_dates":
            return _rewrite_ssd(rows, truth, pop, seed, rng)
        if name == "ee_ppa_narva":
            return _rewrite_ee(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout16_spec(), n, seed), seed, _TAG, rewrite)
