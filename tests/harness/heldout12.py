"""TWELFTH HELD-OUT error profile ``heldout_casemgmt_notices_databank``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaced :mod:`.heldout11` (``heldout_groups_webform_mrz``) as
the profile kept out of tuning, since the eleven earlier held-out profiles were run, and was
run ONCE; :mod:`.heldout13` (``heldout_households_nlp_backtranslit``) now replaces it as the
profile kept out of tuning.  ``bench/linkage_harness.py`` runs it only with ``--heldout12``;
the tests only check that it generates valid, deterministic lists with the error processes
below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the eleven earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout12`), so the error processes live here and
the shared modules are unchanged.

``ua_cpims_cases``
    an export of a child-protection case-management web application (of the Primero /
    CPIMS+ kind) that protection partners in Ukraine use for cases of children taken away:
    Ukrainian forms (Russian for some children with Russian documents), typed by
    caseworkers, patronymic skipped for some; a case transferred to another partner is
    opened again (a second case, later).  Its date fields are date pickers: a date known
    only as a month or a year was entered as the first day of that month or of 1 January
    (:func:`picker_date`).  A case created or last edited in the web interface (six in ten:
    :data:`WEB_ENTRY`, the others synchronised from the offline mobile app, which stores
    dates as text) stored each date as the timestamp of local midnight in Kyiv (UTC+2, UTC+3
    in summer) and the export writes the UTC date of that timestamp (:func:`utc_date`), so
    EVERY date of such a case, birth and removal, is one day early: 5 March is 4 March, a
    month entered as its first day is the last day of the month before, a year entered as
    1 January is 31 December of the year before.  The origin is a location picker
    (oblast, raion, hromada, settlement) that exports the lowest level chosen: the
    settlement's current official name for most, its territorial community (hromada, since
    the 2020 reform) for three cases in ten (:data:`HROMADA`, :func:`hromada_name`:
    ``Маріупольська міська територіальна громада``), the caseworker having stopped one
    level up.  Rows in the order the cases were opened (weeks to two years after the
    removal, fixed per family), numbered ``CP<row>``.  Families much more than institutions.
``ru_databank_anketa``
    questionnaires (анкеты) of children in the Russian regional data banks of children
    left without parental care, published by the regional operators' websites and scraped
    by investigators: only children placed in Russia; Russian forms, the new identity for
    most re-registered children (and its birthplace, a Russian town for some, as origin),
    the given name with the first letter of the family name only (``Александр К.``) for
    nearly all, no patronymic for most, the birth month and year or the year only, no
    removal date, the region as destination; rows grouped by region, numbered
    ``DB<region>-<row>``.  The websites of half the regions (fixed per region and seed:
    :data:`TYPOGRAF`, :func:`typograf_region`) pass their text through a web typographer,
    which puts a non-breaking space (U+00A0) after ``г.`` / ``с.`` and before ``обл.`` /
    ``край``, and a soft hyphen
    (U+00AD) at each hyphenation point of a word of seven letters or more (after a vowel
    followed by at least two letters that hold a vowel: :func:`soft_hyphenate`:
    ``Ана\\xadста\\xadсия``, ``Ма\\xadри\\xadу\\xadполь``); both are invisible on the page and kept by the
    scraper (:func:`typograf`).
``ua_npu_notices``
    the juvenile police's wanted notices for missing children (``Увага! Розшук дитини``),
    scraped from the regional police websites' news feeds by volunteers every few days and
    kept in one table, a row per notice as scraped: Ukrainian forms from the documents the
    applicant showed (Russian for some children with Russian documents), the family name
    in capitals for most (``КОВАЛЕНКО Марія Миколаївна``), the full birth date, the year
    ("2012 р.н."), or a year from the age on the day of disappearance; the settlement after
    ``м.`` with a non-breaking space (the CMS's), its oblast for some; the date of
    disappearance; rarely a destination.  A quarter of the notices (:data:`EDITED`) were
    edited after publication to correct one error, and the scraper, keying on the address
    and the time of modification, kept both versions: an earlier row with the error and
    the corrected row later (:func:`first_version`: the day and month of the birth date
    swapped, or its year one off; one letter of the family name wrong; the given name in
    its Russian form, as the applicant said it; the sex wrong, from a template's wrong
    gender: :data:`VERSION_ERRORS`).  Four rows in ten (:data:`RSS`) were taken from the
    feed's RSS description, where the CMS's text is HTML-escaped and the scraper did not
    unescape it (:func:`rss_text`): apostrophes are ``&#39;`` / ``&rsquo;`` / ``&#700;``
    (``ЛУК&#39;ЯНЕНКО``, ``Мар&rsquo;яна``) and the non-breaking space ``&nbsp;``
    (``м.&nbsp;Маріуполь``); the other rows, read from the page, hold the characters
    themselves.  Rows in the order scraped, numbered ``NP<row>``.  Families much more than
    institutions.

Population: a third of families from institutions, a fifth sent to Belarus, more placed
and re-registered children than most earlier profiles.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_casemgmt_notices_databank"
_TAG = 0x48_3132  # this module's random streams (rewriting), apart from build()'s

NAMES = ("family_name", "given_name", "patronymic")

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_CPIMS = Style(  # dates and the location picker rewritten by _rewrite_cpims
    name_lang=(("uk", 0.85), ("ru", 0.15)), follow_ru_docs=0.6, typo=0.02, layout="uk", apostrophes=0.3,
    patronymic_missing=0.25, birth=(("day", 0.86), ("month", 0.05), ("year", 0.05), ("missing", 0.04)),
    sex_missing=0.02, place=(("uk_current", 1.0),), place_missing=0.04,
    institution=(("uk", 0.5), ("uk_short", 0.5)), institution_missing=0.4,
    removal=(("exact", 0.6), ("month", 0.25), ("missing", 0.15)), destination="uk",
)
_ANKETA = Style(  # typography rewritten by _rewrite_anketa
    name_lang=(("ru", 1.0),), show_new_identity=0.85, family_initial=0.92, patronymic_missing=0.85, typo=0.005,
    layout="ru", drop_yo=0.4, birth=(("month", 0.75), ("year", 0.25)), birthplace_as_origin=0.7,
    place=(("ru_src", 1.0),), place_prefix=(("type", 1.0),), institution=(("ru", 0.5), ("ru_legal", 0.5)),
    institution_missing=0.6, removal=(("missing", 1.0),), destination="place_ru",
)
_NOTICES = Style(  # versions, the CMS's spaces and the RSS escaping by _rewrite_notices
    name_lang=(("uk", 1.0),), follow_ru_docs=0.6, typo=0.01, layout="uk", apostrophes=0.5, upper_family=0.75,
    patronymic_missing=0.12, birth=(("day", 0.75), ("year", 0.15), ("age", 0.1)), report_lag=(0, 0),
    place=(("uk_current", 0.85), ("uk_doc", 0.15)), place_prefix=(("type", 0.7), ("oblast", 0.3)),
    place_missing=0.03, institution=(("uk", 1.0),), institution_missing=0.85,
    removal=(("exact", 0.85), ("missing", 0.15)), destination="uk", destination_missing=0.85,
)


def heldout12_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (12th): a case-management web app's export (UTC dates, hromadas), Russian data-bank "
              "questionnaires (web typography), scraped police wanted notices (versions, RSS escaping)",
        PopulationSpec(share_institution=0.33, share_belarus=0.2, family_sizes=(0.5, 0.28, 0.13, 0.06, 0.02, 0.01),
                       twin_rate=0.03, placed_institution=0.55, placed_family=0.12, reregistered=0.45,
                       family_visibility=0.6),
        (
            ListSpec("ua_cpims_cases", _CPIMS, base=0.4, beta=0.8, mode_odds=(("institution", 0.3),),
                     duplicates=0.04, id_prefix="CP"),
            ListSpec("ru_databank_anketa", _ANKETA, eligible="placed", base=0.4, beta=0.6, duplicates=0.02,
                     id_prefix="DB"),
            ListSpec("ua_npu_notices", _NOTICES, base=0.35, beta=0.8, mode_odds=(("institution", 0.25),),
                     duplicates=0.25, id_prefix="NP"),
        ),
        output_order=("ua_cpims_cases", "ru_databank_anketa", "ua_npu_notices"),
    )


def _family_rng(child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family (draws no random number of a list)."""
    return np.random.default_rng([child.family, salt])


# ---------------------------------------------------------------- case management (UTC dates, hromadas)

#: share of cases created or last edited in the web interface (dates exported one day early)
WEB_ENTRY = 0.6
#: share of filled origins where the location picker stopped at the hromada
HROMADA = 0.3

# The adjective that names each settlement's territorial community (the settlement is its
# centre): Маріуполь -> Маріупольська міська територіальна громада.
_HROMADA_ADJ = {
    "Донецьк": "Донецька", "Макіївка": "Макіївська", "Горлівка": "Горлівська", "Єнакієве": "Єнакіївська",
    "Харцизьк": "Харцизька", "Сніжне": "Сніжнянська", "Чистякове": "Чистяківська", "Шахтарськ": "Шахтарська",
    "Ясинувата": "Ясинуватська", "Дебальцеве": "Дебальцівська", "Докучаєвськ": "Докучаєвська",
    "Іловайськ": "Іловайська", "Амвросіївка": "Амвросіївська", "Новоазовськ": "Новоазовська",
    "Кальміуське": "Кальміуська", "Маріуполь": "Маріупольська", "Волноваха": "Волноваська",
    "Бахмут": "Бахмутська", "Вугледар": "Вугледарська", "Торецьк": "Торецька", "Покровськ": "Покровська",
    "Мирноград": "Мирноградська", "Луганськ": "Луганська", "Алчевськ": "Алчевська", "Кадіївка": "Кадіївська",
    "Хрустальний": "Хрустальненська", "Довжанськ": "Довжанська", "Сорокине": "Сорокинська",
    "Голубівка": "Голубівська", "Ровеньки": "Ровеньківська", "Антрацит": "Антрацитівська", "Брянка": "Брянківська",
    "Первомайськ": "Первомайська", "Сєвєродонецьк": "Сєвєродонецька", "Лисичанськ": "Лисичанська",
    "Рубіжне": "Рубіжанська", "Старобільськ": "Старобільська", "Кремінна": "Кремінська", "Херсон": "Херсонська",
    "Нова Каховка": "Новокаховська", "Олешки": "Олешківська", "Гола Пристань": "Голопристанська",
    "Скадовськ": "Скадовська", "Генічеськ": "Генічеська", "Каховка": "Каховська", "Мелітополь": "Мелітопольська",
    "Бердянськ": "Бердянська", "Енергодар": "Енергодарська", "Токмак": "Токмацька", "Василівка": "Василівська",
    "Пологи": "Пологівська", "Ізюм": "Ізюмська", "Куп'янськ": "Куп'янська", "Харків": "Харківська",
    "Кропивницький": "Кропивницька", "Дніпро": "Дніпровська",
}


def hromada_name(si: int) -> str:
    """The territorial community of settlement ``si`` as the location picker names it."""
    return f"{_HROMADA_ADJ[pl.SETTLEMENTS[si].uk]} міська територіальна громада"


def picker_date(value: str) -> dt.date | None:
    """The date a date picker holds for a written date: a full date itself, a month its
    first day, a year 1 January; nothing for nothing."""
    if not value:
        return None
    if len(value) == 4:
        return dt.date(int(value), 1, 1)
    if len(value) == 7:
        return dt.date(int(value[:4]), int(value[5:7]), 1)
    return dt.date.fromisoformat(value)


def utc_date(day: dt.date) -> dt.date:
    """The UTC date of local midnight of ``day`` in Kyiv (UTC+2, UTC+3 in summer): the day before."""
    return day - dt.timedelta(days=1)


def case_opened(child: Child) -> dt.date:
    """When the family's case was opened: weeks to two years after the removal, fixed per family."""
    return child.removal + dt.timedelta(days=int(_family_rng(child, 0x4350).integers(14, 730)))


def _rewrite_cpims(rows: Rows, truth: pd.DataFrame, pop: Population,
                   rng: np.random.Generator) -> tuple[Rows, list[int], list[str]]:
    when: list[tuple[dt.date, float]] = []
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        day = case_opened(child)
        if kind == "duplicate":  # transferred to another partner, opened again
            day += dt.timedelta(days=int(rng.integers(20, 300)))
        when.append((day, float(rng.random())))
        web = rng.random() < WEB_ENTRY
        for k in ("birth_date", "removal_date"):
            d = picker_date(rec[k])
            rec[k] = "" if d is None else (utc_date(d) if web else d).isoformat()
        if rec["origin_settlement"] and rng.random() < HROMADA:
            rec["origin_settlement"] = hromada_name(child.origin)
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: when[j])
    return rows, order, [f"CP{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- data-bank questionnaires (web typography)

#: share of regions whose operator's website runs a typographer
TYPOGRAF = 0.5
SOFT_HYPHEN = "\u00ad"
NBSP = "\u00a0"
#: words at least this long get soft hyphens
HYPHENATE_FROM = 7
_VOWELS = set("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")
_NBSP_AFTER = ("г. ", "с. ", "м. ", "пгт ")
_NBSP_BEFORE = (" обл.", " край", " р-н")


def typograf_region(seed: int, destination: int) -> bool:
    """Whether the website of region ``destination`` runs a typographer, fixed per region and seed."""
    return bool(np.random.default_rng([int(seed), _TAG, 0x545950, destination]).random() < TYPOGRAF)


def soft_hyphenate(word: str) -> str:
    """``word`` with a soft hyphen after each vowel that has a letter before it and at least
    two letters holding a vowel after it (a word shorter than :data:`HYPHENATE_FROM` unchanged)."""
    if len(word) < HYPHENATE_FROM or not word.isalpha():
        return word
    out = []
    for i, ch in enumerate(word):
        out.append(ch)
        rest = word[i + 1:]
        if (i >= 1 and ch in _VOWELS and len(rest) >= 2 and any(c in _VOWELS for c in rest)
                and rest[0] not in "йьъЙЬЪ"):
            out.append(SOFT_HYPHEN)
    return "".join(out)


def typograf(text: str) -> str:
    """``text`` as the typographer outputs it: non-breaking spaces after ``г.`` / ``с.`` /
    ``м.`` / ``пгт`` and before ``обл.`` / ``край`` / ``р-н``, soft hyphens in long words."""
    for a in _NBSP_AFTER:
        text = text.replace(a, a[:-1] + NBSP)
    for b in _NBSP_BEFORE:
        text = text.replace(b, NBSP + b[1:])
    return " ".join(NBSP.join(soft_hyphenate(w) for w in part.split(NBSP)) for part in text.split(" "))


def _rewrite_anketa(rows: Rows, truth: pd.DataFrame, pop: Population, seed: int,
                    rng: np.random.Generator) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, float]] = []
    for rec, child_id in zip(rows, truth["child"], strict=True):
        child = pop.children[int(child_id)]
        keys.append((child.destination, float(rng.random())))
        if typograf_region(seed, child.destination):
            for k in (*NAMES, "origin_settlement", "origin_institution", "destination"):
                rec[k] = typograf(rec[k])
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    ids: list[str] = []
    within: dict[int, int] = {}
    for j in order:
        region = keys[j][0]
        within[region] = within.get(region, 0) + 1
        ids.append(f"DB{region:02d}-{within[region]:04d}")
    return rows, order, ids


# ---------------------------------------------------------------- police wanted notices (versions, RSS)

#: share of notices edited once after publication (both versions kept)
EDITED = 0.25
#: the error an edit corrected: (kind, share)
VERSION_ERRORS = (("birth", 0.35), ("family", 0.35), ("given", 0.2), ("sex", 0.1))
#: share of rows taken from the RSS description (HTML entities not unescaped)
RSS = 0.4
#: the CMS's characters and their HTML entities in the RSS description
ENTITIES = {"'": "&#39;", "’": "&rsquo;", "ʼ": "&#700;", NBSP: "&nbsp;"}


def rss_text(text: str) -> str:
    """``text`` as the RSS description holds it (escaped, never unescaped by the scraper)."""
    for ch, entity in ENTITIES.items():
        text = text.replace(ch, entity)
    return text


def _misspelt(word: str, rng: np.random.Generator) -> str:
    """``word`` with one keyboard slip (in the case it is written in)."""
    low = word.lower()
    for _ in range(20):
        wrong = nz.typo(low, rng, "uk")
        if wrong != low:
            return wrong.upper() if word.isupper() else wrong[:1].upper() + wrong[1:]
    return word


def _birth_error(value: str, removal: str, rng: np.random.Generator) -> str:
    """A wrong birth date for the first version: day and month swapped (six times in ten
    when that gives another date), else the year one off; never after the removal."""
    d = dt.date.fromisoformat(value) if len(value) == 10 else None
    swapped = nz.transpose_day_month(d) if d is not None else None
    if swapped is not None and swapped != d and rng.random() < 0.6 and swapped.isoformat()[:len(removal)] <= removal:
        return swapped.isoformat()
    later = f"{int(value[:4]) + 1:04d}{value[4:]}"
    step = 1 if rng.random() < 0.5 and later[:len(removal)] <= removal else -1
    year = int(value[:4]) + step
    return f"{year:04d}{value[4:]}" if value[4:] != "-02-29" else f"{year:04d}-02-28"


def first_version(rec: dict[str, str], child: Child, rng: np.random.Generator) -> tuple[str, dict[str, str]]:
    """The notice's first version: ``rec`` (the corrected notice) with the one error the
    edit corrected (drawn from :data:`VERSION_ERRORS`, another kind when the field is empty
    or cannot carry it); returns the kind and the record."""
    out = dict(rec)
    kinds = [k for k, _ in VERSION_ERRORS]
    first = kinds[int(rng.choice(len(kinds), p=[s for _, s in VERSION_ERRORS]))]
    ru = lx.GIVEN[child.given].ru
    for kind in [first, *(k for k in kinds if k != first)]:
        if kind == "birth" and rec["birth_date"]:
            out["birth_date"] = _birth_error(rec["birth_date"], rec["removal_date"] or "9999", rng)
        elif kind == "family" and len(rec["family_name"]) >= 3:
            out["family_name"] = _misspelt(rec["family_name"], rng)
            if out["family_name"] == rec["family_name"]:
                continue
        elif kind == "given" and rec["given_name"] and rec["given_name"] != ru:
            out["given_name"] = ru
        elif kind == "sex" and rec["sex"]:
            out["sex"] = "F" if rec["sex"] == "M" else "M"
        else:
            continue
        return kind, out
    return "", out


def notice_published(child: Child) -> dt.date:
    """When the family's notices were published: days to two months after the removal."""
    return child.removal + dt.timedelta(days=int(_family_rng(child, 0x4E50).integers(1, 60)))


def _rewrite_notices(rows: Rows, truth: pd.DataFrame, pop: Population,
                     rng: np.random.Generator) -> tuple[Rows, list[int], list[str]]:
    own = {int(c): j for j, (c, k) in enumerate(zip(truth["child"], truth["kind"], strict=True)) if k != "duplicate"}
    when: list[tuple[dt.date, float]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        child = pop.children[int(child_id)]
        day = notice_published(child)
        if kind == "duplicate":  # the first version, before the edit
            _, rows[j] = first_version(rows[own[int(child_id)]], child, rng)
            when.append((day, float(rng.random())))
        else:  # the corrected version of an edited notice is scraped days later
            when.append((day + dt.timedelta(days=int(rng.integers(2, 20))), float(rng.random())))
    for rec in rows:
        place = rec["origin_settlement"]
        if place.startswith("м. "):
            rec["origin_settlement"] = "м." + NBSP + place[3:]
        if rng.random() < RSS:
            for k in (*NAMES, "origin_settlement", "origin_institution"):
                rec[k] = rss_text(rec[k])
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: when[j])
    return rows, order, [f"NP{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the profile


def generate_heldout12(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWELFTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator,
                ids: list[str]) -> tuple[Rows, list[int], list[str]]:
        if name == "ua_cpims_cases":
            return _rewrite_cpims(rows, truth, pop, rng)
        if name == "ru_databank_anketa":
            return _rewrite_anketa(rows, truth, pop, seed, rng)
        if name == "ua_npu_notices":
            return _rewrite_notices(rows, truth, pop, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout12_spec(), n, seed), seed, _TAG, rewrite)
