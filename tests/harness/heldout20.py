"""TWENTIETH HELD-OUT error profile ``heldout_tbilisi_svodki_versions``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaced :mod:`.heldout19` (``heldout_zags_mt_schools``) as
the profile kept out of tuning, since the nineteen earlier held-out profiles were run, and
was run ONCE (2026-12-07, at the end of the session that read placeholder and wrong-century
birth dates, added French, Czech and baptismal name forms and found the blocked pairs in one
union, on that session's first and last model: the same numbers on both, N̂ +11.6% by best
AIC; bench/RESULTS.md); :mod:`.heldout21` now replaces it as the profile kept out of tuning.
``bench/linkage_harness.py`` runs it only with ``--heldout20``; the tests only check that it
generates valid, deterministic lists with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the nineteen earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout20`).  Per-child draws (which versions of a
list hold a child, which papers a Georgian clerk copied) are fixed per child AND seed
(:func:`_child_rng`), per-family draws (the hospital a family's children were admitted to,
the day a family registered in Tbilisi, the clerk who registered it) per family AND seed
(:func:`_family_rng`), per-hospital and per-clerk draws (a hospital's way of writing an age,
a clerk's habits) per hospital (clerk) AND seed.  The shares are the author's judgement of
what such lists hold (no published rate exists for any of them); each is a named constant.

``ua_oblast_two_versions``
    the consolidated list of children deported from an oblast's occupied hromadas kept by its
    children's services, as an analyst combined its two versions into one sheet.  The FIRST
    version (2022) was compiled from relatives' messages and calls: Ukrainian forms, Russian
    forms for Russian-speaking relatives, typos, apostrophe variants, seldom a patronymic,
    sex often left out, a full birth date or only the year, the settlement as the relative
    named it (the pre-2016 name, the name Russian sources use, or the current one), the
    institution's short name for some, the month of removal or nothing, the country for half.
    The SECOND version (2023) was verified against documents: Ukrainian forms (Russian for
    children with Russian documents), patronymic, full birth date, sex, the current official
    settlement name with ``м.``, the institution's full name, the exact removal date for
    most, the formal country name.  A family is in the first version for :data:`IN_FIRST`
    of the families (fixed per family and seed: :func:`in_first_version`), a child of such a
    family in the second too for :data:`IN_SECOND_TOO` (fixed per child and seed:
    :func:`versions_of`); every other child on the list is in the second only.  The analyst
    pasted the second version under the first and ran the spreadsheet's "remove duplicates"
    on every column: a row goes only when EVERY cell equals (ignoring case, as that command
    does) the cell of an earlier row (:func:`same_row`), so a child in both versions stays
    twice unless its two rows agree in every cell, which the two versions' conventions
    almost never allow.  The combined sheet was then sorted by family and given name and
    renumbered ``ZS<row>``.
``ru_minzdrav_svodki``
    daily summaries (сводки) that the hospitals of Russian regions sent to their health
    ministries about children from the occupied territories admitted for examination or
    treatment on arrival, leaked and compiled by an analyst into one table: only children
    sent to Russia, children of institutions and placed children more; Russian forms (the
    identity given in Russia for some re-registered children), the patronymic for most, sex, the town (``г.`` and the Russian-source name), the
    institution's short name for some, the date of admission (days after the removal, one
    per family: :func:`admission_date`) in the removal column, the region as destination.
    Each family's children went to one of :data:`HOSPITALS_PER_REGION` hospitals of its
    region (:func:`hospital_of`); a child admitted again later (a transfer, a second
    examination) has a second row at another hospital of the region, weeks to months later.
    :data:`BIRTH_DATE_HOSPITALS` of the hospitals (fixed per hospital and seed:
    :func:`hospital_habit`) put the birth date in their summary; the others the age, as
    paediatric records write it (:func:`paediatric_age`): days for a child under a month
    (``12 дн.``), months under one year (``8 мес.``) and, in :data:`MONTHS_UNDER_THREE` of
    the hospitals, months up to three years (``27 мес.``), elsewhere years and months
    (``2 г. 3 мес.``), then years (``7 лет``).  The analyst took the first number of the age as
    the years and wrote the birth year as the admission year less it (:func:`analyst_year`):
    right, or one year late, for a child of one year or more written in years, but the
    months or days of a small child read as years (a baby of 8 months born "8 years" before
    the admission, a child of 27 months "27 years" before).  Rows by hospital, then date of
    admission, numbered ``MZ<hospital>-<row>``.
``ge_tbilisi_register``
    a register of Ukrainian families who left Russia for Georgia through the Upper Lars
    crossing (the land border Russia kept open) and were registered in Tbilisi for help by a
    Georgian organisation, kept in Georgian script and exported in Latin by the Georgian
    national romanisation: only children sent to Russia, families much more than
    institutions or placed children (re-registered children with the papers Russia gave
    them).  The clerks copied the names from the papers the family showed: a Ukrainian birth
    certificate (Ukrainian forms) for :data:`UA_PAPERS` of the children with Ukrainian
    documents (fixed per child and seed: :func:`register_forms`), otherwise Russian papers
    (Russian forms; the identity given in Russia where the papers show it).  A Cyrillic name
    written in Georgian script (:func:`georgian`) keeps no distinction Georgian lacks: и, і,
    ы, й all ``ი``, е, є, э ``ე``, я ``ია``, ю ``იუ``, ё ``იო``, no soft sign or apostrophe,
    no double consonant; ф is ``ფ``, which the romanisation writes ``p`` (``Sopia``,
    ``Piodori``); к, п, т are the ejectives ``კ პ ტ`` (``k'`` ``p'`` ``t'`` with an
    apostrophe: ``K'ovalenk'o``, ``P'et'ro``), but к before с or т the aspirate ``ქ``
    (``Oleksandr``, ``Viktoria``); х ``kh``, ц ``ts``, ч ``ch``, ж ``zh``, щ ``shch``;
    Russian г ``g``, Ukrainian г ``ჰ`` ``h``.  Georgian puts a noun ending in a consonant in
    the nominative with ``-ი``, so every such family name and place has ``-i``
    (``Ivanovi``, ``T'k'achuk'i``, ``Mariup'oli``, ``Donetsk'i``, ``Khersoni``;
    :func:`nominative`), and so has such a given name for the clerks of
    :data:`GIVEN_NOMINATIVE` (the others write the given name bare, as before a family
    name).  For :data:`GEORGIAN_FORM` of the children whose name has a Georgian form
    (:data:`GEORGIAN_GIVEN`) the clerk wrote that (``Aleksandre``, ``Ivane``, ``Mariami``,
    ``Ek'at'erine``, ``Giorgi``).  The clerks of :data:`NO_APOSTROPHE` (per clerk, fixed per
    clerk and seed: :func:`clerk_habit`) entered the names by the apostrophe-free
    romanisation of Georgian passports.  No patronymic (the register has none), birth date,
    sex, the town as written in Georgian, the destination ``Rusetis Pederatsia`` (Russian
    Federation), the month of removal for some.  Rows in the order of registration (months
    to two years after the removal, one day per family: :func:`registration_date`),
    numbered ``TB<year>-<row>``.

Population: a fifth of the families from institutions, few sent to Belarus, families of two
or three children common.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import SCHEMA, ListSpec, Style, _consistent, render
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_tbilisi_svodki_versions"
_TAG = 0x48_3230  # this module's random streams (rewriting), apart from build()'s

MERGED = "ua_oblast_two_versions"
SVODKI = "ru_minzdrav_svodki"
TBILISI = "ge_tbilisi_register"

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_SECOND = Style(  # the verified (2023) version; the first version is rendered by _merge_versions
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.6,
    typo=0.01,
    layout="uk",
    apostrophes=0.2,
    patronymic_missing=0.05,
    birth=(("day", 0.96), ("missing", 0.04)),
    sex_missing=0.0,
    place=(("uk_current", 1.0),),
    place_prefix=(("type", 1.0),),
    place_missing=0.02,
    institution=(("uk", 1.0),),
    institution_missing=0.2,
    removal=(("exact", 0.75), ("month", 0.2), ("missing", 0.05)),
    destination="uk_formal",
)
#: the first (2022) version, compiled from relatives' messages
FIRST_STYLE = Style(
    name_lang=(("uk", 0.6), ("ru", 0.4)),
    follow_ru_docs=0.3,
    typo=0.05,
    layout="uk",
    russian_keyboard=0.1,
    apostrophes=0.5,
    drop_yo=0.7,
    patronymic_missing=0.65,
    birth=(("day", 0.5), ("year", 0.4), ("missing", 0.1)),
    sex_missing=0.35,
    place=(("uk_doc", 0.4), ("ru_src", 0.3), ("uk_current", 0.3)),
    place_prefix=(("none", 0.7), ("type", 0.3)),
    place_missing=0.1,
    institution=(("uk_short", 0.7), ("ru_short", 0.3)),
    institution_missing=0.5,
    removal=(("month", 0.5), ("exact", 0.2), ("missing", 0.3)),
    destination="uk",
    destination_missing=0.5,
)
_SVODKI = Style(  # the age and the admission date applied by _rewrite_svodki
    name_lang=(("ru", 1.0),),
    typo=0.02,
    layout="ru",
    drop_yo=0.4,
    patronymic_missing=0.1,
    birth=(("day", 0.97), ("missing", 0.03)),
    sex_missing=0.01,
    show_new_identity=0.3,
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 1.0),),
    place_missing=0.05,
    institution=(("ru_short", 1.0),),
    institution_missing=0.4,
    removal=(("exact", 1.0),),
    destination="place_ru",
)
_TBILISI = Style(  # names and places rewritten in Georgian and romanised by _rewrite_tbilisi
    name_lang=(("ru", 1.0),),
    patronymic_missing=1.0,
    birth=(("day", 0.95), ("missing", 0.05)),
    sex_missing=0.02,
    show_new_identity=0.9,
    place=(("ru_src", 1.0),),
    place_missing=0.05,
    institution=(("ru_short", 1.0),),
    institution_missing=1.0,
    removal=(("month", 0.3), ("missing", 0.7)),
    destination="ru",
    destination_missing=0.15,
)


def heldout20_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (20th): an oblast list combined from its two versions, Russian hospitals' daily "
        "summaries, a Georgian register romanised from Georgian script",
        PopulationSpec(
            share_institution=0.2,
            share_belarus=0.1,
            family_sizes=(0.5, 0.28, 0.13, 0.06, 0.02, 0.01),
            twin_rate=0.03,
            placed_institution=0.5,
            placed_family=0.1,
            reregistered=0.3,
            family_visibility=0.6,
        ),
        (
            ListSpec(
                MERGED,
                _SECOND,
                base=0.45,
                beta=0.8,
                mode_odds=(("family", 1.3),),
                id_prefix="ZS",
            ),
            ListSpec(
                SVODKI,
                _SVODKI,
                eligible="russia",
                base=0.35,
                beta=0.6,
                mode_odds=(("institution", 2.5), ("placed", 1.5)),
                duplicates=0.08,
                id_prefix="MZ",
            ),
            ListSpec(
                TBILISI,
                _TBILISI,
                eligible="russia",
                base=0.3,
                beta=0.7,
                mode_odds=(("family", 3.0), ("institution", 0.3), ("placed", 0.2)),
                duplicates=0.01,
                id_prefix="TB",
            ),
        ),
        output_order=(MERGED, SVODKI, TBILISI),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: int, salt: int) -> np.random.Generator:
    """A generator fixed per hospital (or clerk) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, int(unit)])


# ---------------------------------------------------------------- the oblast list: two versions combined

#: share of the families on the list whose children are in the first (2022) version
IN_FIRST = 0.6
#: share of the children of the first version who are in the second (2023) version too
IN_SECOND_TOO = 0.7
_COLUMNS = SCHEMA[1:]


def in_first_version(seed: int, child: Child) -> bool:
    """Whether ``child``'s family is in the first version.  Fixed per family and seed."""
    return bool(_family_rng(seed, child, 0x5631).random() < IN_FIRST)


def versions_of(seed: int, child: Child) -> tuple[bool, bool]:
    """(in the first version, in the second version) for a child on the list.  Fixed per
    child and seed."""
    if not in_first_version(seed, child):
        return False, True
    return True, bool(_child_rng(seed, child, 0x5632).random() < IN_SECOND_TOO)


def first_version_row(seed: int, child: Child, pop: Population) -> dict[str, str]:
    """``child``'s row in the first version (:data:`FIRST_STYLE`).  Fixed per child and seed."""
    rec = render(child, pop, FIRST_STYLE, _child_rng(seed, child, 0x5652))
    return _consistent({k: rec[k] for k in _COLUMNS})


def same_row(a: dict[str, str], b: dict[str, str]) -> bool:
    """Whether "remove duplicates" takes ``b`` for a duplicate of ``a``: every cell equal,
    ignoring case."""
    return all(a[k].casefold() == b[k].casefold() for k in _COLUMNS)


def _merge_versions(data: ProfileData, seed: int) -> ProfileData:
    """``data`` with :data:`MERGED` (rendered as its second version) combined with its first
    version (see the module docstring)."""
    li = data.list_names.index(MERGED)
    frame, t = data.list_with_truth(MERGED)
    pop = data.population
    rng = np.random.default_rng([int(seed), _TAG, 0x4D56, li])
    first: list[tuple[dict[str, str], tuple[int, str, str, bool]]] = []
    second: list[tuple[dict[str, str], tuple[int, str, str, bool]]] = []
    # columns as lists once (indexing a frame cell by cell costs more than everything else here)
    cells = {k: frame[k].tolist() for k in _COLUMNS}
    t_child, t_kind, t_source, t_new = (t[k].tolist() for k in ("child", "kind", "source", "new_identity"))
    for r in range(len(frame)):
        c = pop.children[int(t_child[r])]
        row2 = {k: str(cells[k][r]) for k in _COLUMNS}
        truth2 = (c.child_id, str(t_kind[r]), str(t_source[r]), bool(t_new[r]))
        if t_kind[r] == "duplicate":
            second.append((row2, truth2))
            continue
        v1, v2 = versions_of(seed, c)
        if v1:
            first.append((first_version_row(seed, c, pop), (c.child_id, "own" if not v2 else "duplicate", "", False)))
        if v2:
            if v1 and same_row(first[-1][0], row2):
                first[-1] = (first[-1][0], (c.child_id, "own", "", False))  # the first occurrence is kept
                continue
            second.append((row2, truth2))
    sheet = first + second  # the second version pasted under the first
    keys = [(row["family_name"].casefold(), row["given_name"].casefold(), float(rng.random())) for row, _ in sheet]
    order = sorted(range(len(sheet)), key=lambda j: keys[j])
    merged = pd.DataFrame([sheet[j][0] for j in order], columns=list(_COLUMNS))
    merged.insert(0, "record_id", [f"ZS{r + 1:05d}" for r in range(len(order))])
    merged_truth = pd.DataFrame(
        [sheet[j][1] for j in order], columns=["child", "kind", "source", "new_identity"]
    ).assign(list=li, row=range(len(order)))
    lists = tuple((name, merged if name == MERGED else f) for name, f in data.lists)
    truths = [merged_truth if k == li else data.truth[data.truth["list"] == k] for k in range(len(data.list_names))]
    truth = pd.concat(truths, ignore_index=True)[["list", "row", "child", "kind", "source", "new_identity"]]
    return ProfileData(data.name, data.seed, lists, truth, pop)


# ---------------------------------------------------------------- hospitals' summaries: paediatric ages read as years

#: hospitals per region of destination
HOSPITALS_PER_REGION = 6
#: share of the hospitals whose summaries give the birth date (the others the age)
BIRTH_DATE_HOSPITALS = 0.3
#: share of the hospitals writing the age of a child under three in months (the others in
#: years and months from one year on)
MONTHS_UNDER_THREE = 0.4
#: days from the removal to the admission (one date per family; inclusive low, exclusive high)
ADMISSION_LAG = (1, 15)
#: days from the first admission to a second one
READMISSION_LAG = (20, 240)


def hospital_of(seed: int, child: Child, again: bool = False) -> int:
    """The hospital of ``child``'s region that admitted it (``again``: the second admission,
    at the next hospital of the region).  Fixed per family and seed."""
    k = int(_family_rng(seed, child, 0x4850).integers(HOSPITALS_PER_REGION))
    return child.destination * HOSPITALS_PER_REGION + (k + int(again)) % HOSPITALS_PER_REGION


def hospital_habit(seed: int, hospital: int) -> tuple[bool, bool]:
    """(its summaries give the birth date, it writes months up to three years).  Fixed per
    hospital and seed."""
    g = _unit_rng(seed, hospital, 0x4842)
    return bool(g.random() < BIRTH_DATE_HOSPITALS), bool(g.random() < MONTHS_UNDER_THREE)


def admission_date(seed: int, child: Child, again: bool = False) -> dt.date:
    """When ``child`` was admitted (``again``: admitted a second time).  Fixed per family
    and seed."""
    g = _family_rng(seed, child, 0x4144)
    first = child.removal + dt.timedelta(days=int(g.integers(*ADMISSION_LAG)))
    return first + dt.timedelta(days=int(g.integers(*READMISSION_LAG))) if again else first


def _years_word(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "год"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "года"
    return "лет"


def paediatric_age(birth: dt.date, when: dt.date, months_under_three: bool) -> str:
    """The age on ``when`` of a child born on ``birth`` as a paediatric record writes it."""
    years = nz.age_at(birth, when)
    months = (when.year - birth.year) * 12 + when.month - birth.month - int(when.day < birth.day)
    if months < 1:
        return f"{max((when - birth).days, 1)} дн."
    if years < 1 or (years < 3 and months_under_three):
        return f"{months} мес."
    if years < 3:
        return f"{years} {_years_word(years)[:1]}. {months - 12 * years} мес."
    return f"{years} {_years_word(years)}"


def analyst_year(age: str, when: dt.date) -> int:
    """The birth year the analyst wrote from an ``age`` given on ``when``: the year less the
    age's first number, whatever its unit."""
    m = re.search(r"\d+", age)
    if m is None:
        raise ValueError(f"no number in the age {age!r}")
    return when.year - int(m.group())


def _rewrite_svodki(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, dt.date, float, int]] = []
    for j, (rec, child_id, kind) in enumerate(zip(rows, truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        again = kind == "duplicate"
        hospital = hospital_of(seed, c, again)
        when = admission_date(seed, c, again)
        gives_date, months = hospital_habit(seed, hospital)
        if not gives_date and len(rec["birth_date"]) == 10:
            born = dt.date.fromisoformat(rec["birth_date"])
            rec["birth_date"] = str(analyst_year(paediatric_age(born, when, months), when))
        rec["removal_date"] = when.isoformat()
        _consistent(rec)
        keys.append((hospital, when, float(rng.random()), j))
    keys.sort()
    number = {h: i + 1 for i, h in enumerate(sorted({k[0] for k in keys}))}
    count: dict[int, int] = {}
    ids: list[str] = []
    for k in keys:
        count[k[0]] = count.get(k[0], 0) + 1
        ids.append(f"MZ{number[k[0]]:03d}-{count[k[0]]:04d}")
    return rows, [k[-1] for k in keys], ids


# ---------------------------------------------------------------- the Tbilisi register: Georgian script, romanised

#: share of the children with Ukrainian documents whose names the clerk copied from the
#: Ukrainian birth certificate (the others from Russian papers)
UA_PAPERS = 0.55
#: share of the clerks writing a given name ending in a consonant in the nominative (-ი)
GIVEN_NOMINATIVE = 0.5
#: share of the clerks entering names by the apostrophe-free romanisation of passports
NO_APOSTROPHE = 0.3
#: share of the children whose given name has a Georgian form written in that form
GEORGIAN_FORM = 0.2
#: clerks of the register (a family registered by one)
N_CLERKS = 12
#: days from the removal (or the day the crossing became the families' way out) to the
#: registration in Tbilisi (inclusive low, exclusive high)
REGISTRATION_LAG = (45, 700)
_WAY_OUT = dt.date(2022, 4, 1)

#: the Georgian national romanisation (2002) of the Georgian letters
GEORGIAN_LATIN: dict[str, str] = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t", "ი": "i", "კ": "k'",
    "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p'", "ჟ": "zh", "რ": "r", "ს": "s", "ტ": "t'", "უ": "u",
    "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q'", "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts'",
    "ჭ": "ch'", "ხ": "kh", "ჯ": "j", "ჰ": "h",
}  # fmt: skip
_GEORGIAN_VOWELS = set("აეიოუ")
#: Cyrillic letters written as one Georgian letter whatever the language (г, к, е, є, ё, й,
#: ь, ъ, ю, я and the apostrophe by rule in :func:`georgian`)
_CYR_GEO: dict[str, str] = {
    "а": "ა", "б": "ბ", "в": "ვ", "ґ": "გ", "д": "დ", "ж": "ჟ", "з": "ზ", "и": "ი", "і": "ი", "ї": "ი",
    "л": "ლ", "м": "მ", "н": "ნ", "о": "ო", "п": "პ", "р": "რ", "с": "ს", "т": "ტ", "у": "უ", "ф": "ფ",
    "х": "ხ", "ц": "ც", "ч": "ჩ", "ш": "შ", "щ": "შჩ", "ы": "ი", "э": "ე",
}  # fmt: skip
#: Georgian forms of given names (keyed by the Ukrainian civil form of :data:`.lexicon.GIVEN`)
GEORGIAN_GIVEN: dict[str, str] = {
    "Олександр": "ალექსანდრე", "Іван": "ივანე", "Михайло": "მიხეილი", "Георгій": "გიორგი", "Давид": "დავითი",
    "Дмитро": "დიმიტრი", "Петро": "პეტრე", "Павло": "პავლე", "Андрій": "ანდრია", "Костянтин": "კონსტანტინე",
    "Тимофій": "ტიმოთე", "Матвій": "მათე", "Степан": "სტეფანე", "Яків": "იაკობი", "Федір": "თევდორე",
    "Кирило": "კირილე", "Марія": "მარიამი", "Катерина": "ეკატერინე", "Олена": "ელენე", "Софія": "სოფიო",
    "Єлизавета": "ელისაბედი", "Христина": "ქრისტინე",
}  # fmt: skip
#: the Russian Federation in Georgian, romanised
RUSSIA_GE = "Rusetis Pederatsia"


def georgian(word: str, lang: str) -> str:
    """A Cyrillic ``word`` (a name or a place; ``lang`` ``uk`` or ``ru``) written in Georgian
    script as Georgian writes Russian and Ukrainian names (see the module docstring)."""
    w = word.lower()
    out: list[str] = []
    for i, ch in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if ch == "г":
            out.append("ჰ" if lang == "uk" else "გ")
        elif ch == "к":
            out.append("ქ" if nxt in ("с", "т") else "კ")
        elif ch == "е":
            out.append("ე")
        elif ch == "є":
            out.append("ე" if not prev else "იე")
        elif ch == "ё":
            out.append("ო" if prev in ("ж", "ш", "ч", "щ") else "იო")
        elif ch == "ю":
            out.append("იუ")
        elif ch == "я":
            out.append("ია")
        elif ch == "й":
            out.append("ი")
        elif ch in ("ь", "ъ"):
            out.append("ი" if nxt == "о" else "")
        elif ch in _CYR_GEO:
            out.append(_CYR_GEO[ch])
        elif ch in "'’ʼ`":
            continue
        else:
            out.append(ch)
    text = "".join(out)
    collapsed: list[str] = []
    for ch in text:  # no double letters: ii and a doubled consonant written once
        if collapsed and ch == collapsed[-1] and (ch == "ი" or ch not in _GEORGIAN_VOWELS) and ch in GEORGIAN_LATIN:
            continue
        collapsed.append(ch)
    return "".join(collapsed)


def nominative(word: str) -> str:
    """A Georgian ``word`` in the nominative: ``-ი`` after a final consonant."""
    return word + "ი" if word and word[-1] in GEORGIAN_LATIN and word[-1] not in _GEORGIAN_VOWELS else word


def georgian_latin(text: str, apostrophes: bool = True) -> str:
    """Georgian ``text`` by the national romanisation, each word capitalised (``apostrophes``
    off: the passports' romanisation, without the ejectives' apostrophes)."""
    latin = "".join(GEORGIAN_LATIN.get(ch, ch) for ch in text)
    if not apostrophes:
        latin = latin.replace("'", "")
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in latin.split(" "))


def register_forms(seed: int, child: Child, new_identity: bool) -> str:
    """The language of the papers the clerk copied ``child``'s name from: ``uk`` (a Ukrainian
    birth certificate) or ``ru``.  Fixed per child and seed."""
    if new_identity or child.doc_lang == "ru":
        return "ru"
    return "uk" if _child_rng(seed, child, 0x5046).random() < UA_PAPERS else "ru"


def georgian_form(seed: int, child: Child) -> bool:
    """Whether the clerk wrote the Georgian form of ``child``'s given name (when it has one).
    Fixed per child and seed."""
    return bool(_child_rng(seed, child, 0x4746).random() < GEORGIAN_FORM)


def clerk_of(seed: int, child: Child) -> int:
    """The clerk who registered ``child``'s family.  Fixed per family and seed."""
    return int(_family_rng(seed, child, 0x434C).integers(N_CLERKS))


def clerk_habit(seed: int, clerk: int) -> tuple[bool, bool]:
    """(the clerk writes a given name in the nominative, the clerk drops the apostrophes).
    Fixed per clerk and seed."""
    g = _unit_rng(seed, clerk, 0x4348)
    return bool(g.random() < GIVEN_NOMINATIVE), bool(g.random() < NO_APOSTROPHE)


def registration_date(seed: int, child: Child) -> dt.date:
    """The day ``child``'s family registered in Tbilisi.  Fixed per family and seed."""
    g = _family_rng(seed, child, 0x5247)
    return max(child.removal, _WAY_OUT) + dt.timedelta(days=int(g.integers(*REGISTRATION_LAG)))


def georgian_name(word: str, lang: str, nominative_case: bool) -> str:
    """A Cyrillic name (words, hyphenated parts) in Georgian script, each word in the
    nominative when ``nominative_case``."""

    def one(w: str) -> str:
        return "-".join(nominative(georgian(p, lang)) if nominative_case else georgian(p, lang) for p in w.split("-"))

    return " ".join(one(w) for w in word.split())


def _rewrite_tbilisi(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float, int]] = []
    for j, (rec, child_id, shown) in enumerate(zip(rows, truth["child"], truth["new_identity"], strict=True)):
        c = pop.children[int(child_id)]
        ident = c.new_identity if shown else None
        lang = register_forms(seed, c, bool(shown))
        given_nom, no_apostrophe = clerk_habit(seed, clerk_of(seed, c))
        g = lx.GIVEN[ident.given if ident else c.given]
        surname = lx.SURNAMES[ident.surname if ident else c.surname]
        geo_given = GEORGIAN_GIVEN.get(g.uk) if georgian_form(seed, c) else None
        given = geo_given or georgian_name(g.uk if lang == "uk" else g.ru, lang, given_nom)
        family = georgian_name(lx.surname_form(surname, c.sex, lang), lang, True)
        rec["family_name"] = georgian_latin(family, not no_apostrophe)
        rec["given_name"] = georgian_latin(given, not no_apostrophe)
        rec["patronymic"] = ""
        if rec["origin_settlement"]:
            s = pl.SETTLEMENTS[c.origin]
            rec["origin_settlement"] = georgian_latin(
                georgian_name(s.uk if lang == "uk" else s.ru_src, lang, True), not no_apostrophe
            )
        rec["origin_institution"] = ""
        if rec["destination"]:
            rec["destination"] = RUSSIA_GE
        _consistent(rec)
        keys.append((registration_date(seed, c), float(rng.random()), j))
    keys.sort()
    count: dict[int, int] = {}
    ids: list[str] = []
    for k in keys:
        count[k[0].year] = count.get(k[0].year, 0) + 1
        ids.append(f"TB{k[0].year}-{count[k[0].year]:04d}")
    return rows, [k[-1] for k in keys], ids


# ---------------------------------------------------------------- the profile


def generate_heldout20(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWENTIETH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it, and the oblast list combined with its first version (see the module
    docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == MERGED:
            return rows, list(range(len(rows))), ids  # combined with its first version below
        if name == SVODKI:
            return _rewrite_svodki(rows, truth, pop, seed, rng)
        if name == TBILISI:
            return _rewrite_tbilisi(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return _merge_versions(rewrite_lists(build(heldout20_spec(), n, seed), seed, _TAG, rewrite), seed)
