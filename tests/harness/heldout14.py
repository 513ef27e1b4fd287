"""FOURTEENTH HELD-OUT error profile ``heldout_sortgap_latvia_callback``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaced :mod:`.heldout13` (``heldout_households_nlp_backtranslit``)
as the profile kept out of tuning, since the thirteen earlier held-out profiles were run, and
was run ONCE (2026-12-07, +44.4%; bench/RESULTS.md); :mod:`.heldout15`
(``heldout_lithuania_grades_tzshift``) now replaces it as the profile kept out of tuning.  ``bench/linkage_harness.py`` runs it only with ``--heldout14``; the
tests only check that it generates valid, deterministic lists with the error processes below
(they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the thirteen earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout14`), so the error processes live here and
the shared modules are unchanged.  Per-family draws (when a family applied, how its caller
speaks) and per-sheet draws (a sheet's layout) are fixed per family (sheet) AND seed
(:func:`_family_rng`, :func:`sheet_gap`).  The shares are the author's judgement of what
such lists hold (no published rate exists for any of them); each is a named constant.

``ua_hromada_sheets``
    children reported taken away, from the hromadas' spreadsheets collected by an oblast
    administration, one sheet per hromada (here: per settlement of origin), the sheets one
    after another (oblast, then settlement), rows numbered ``HS<sheet>-<row>``: Ukrainian
    forms (Russian for some children with Russian documents), patronymic, full birth dates
    for most, sex, the settlement, the institution for children of institutions, the date of
    removal or its month, the destination.  The clerks typed the rows in the order the
    applications came in (a family's children together, eldest first; a second application
    about a child weeks to months later: :func:`entry_key`), then sorted each sheet by family
    and given name before sending it (Excel's Sort button with a cell of the name columns
    selected).  Excel sorts the "current region" around the active cell, which ends at the
    first entirely empty column (Microsoft's documentation of ``Range.CurrentRegion`` and of
    sorting: "make sure there are no blank rows or columns"); in some sheets a column had
    been inserted and never filled (for the birth-certificate number, a note), so only the
    columns left of it were sorted and the columns right of it kept the order of entry
    (:func:`sort_with_gap`).  The empty column's place is fixed per sheet (:data:`GAP`,
    :func:`sheet_gap`): none for most sheets; before the birth date for some (each sorted
    row keeps the child's names, patronymic and sex and has the birth date, settlement,
    institution, removal date and destination of the row that was there before the sort:
    often another family's); before the settlement for others (names, sex and birth date
    right, the place and dates of another row).  A row's truth is the child whose name it
    holds.  The empty column is not in the export.  For a tenth of the children whose name
    has a familiar form (:data:`ALIAS`) the given-name cell holds it in brackets after the
    name, as clerks write when the family uses it (``Анастасія (Настя)``, ``Олександр
    (Саша)``: the Russian diminutive of the lexicon, which the families of the east use).
    Families much more than institutions.
``lv_arrivals``
    a Latvian municipality's register of Ukrainian families who left Russia through the
    Latvian border (as volunteer networks helped them to do) and applied for temporary
    protection: only children sent to Russia, families much more than institutions or
    placed children.  Latvian law requires personal names in Latvian documents to be written
    by Latvian orthography and grammar (Official Language Law 1999, section 19; Cabinet
    Regulation No. 114 of 2004 on the spelling of personal names; upheld in Mentzen v.
    Latvia, ECtHR 2004), so the names are transcribed from the Cyrillic of the documents
    shown (Ukrainian forms; Russian forms for children with Russian documents) by a
    simplified Latvian transcription (:func:`latvian`): ж ž, ш š, ч č, щ šč, х h, ц c, й j,
    Ukrainian г h and и і i, Russian г g, ы i, е at the start or after a vowel of a Russian
    form je, є ї я ю ё je ji ja ju jo, ль / нь ļ / ņ, the soft sign and apostrophe otherwise
    dropped; and a man's name takes the Latvian masculine ending (:func:`latvian_name`): -s
    after a consonant (``Oleksandrs``, ``Maksims``, ``Deniss``, ``Ivanovs``, ``Kovaļčuks``,
    ``Meļniks``), -js after j (``Andrijs``, ``Sergejs``, ``Dmitrijs``), ``-skis`` / ``-ckis``
    for ``-ський`` / ``-цький`` (``Kovalevskis``); a name ending in a vowel is left as it is
    (``Mikola``, ``Dmitro``, ``Ševčenko``), and so are women's names (``Marija``,
    ``Ivanova``, ``Kovalevska``).  No patronymic (Latvian documents have none).  The place
    of origin by the same transcription, a town ending in a consonant with the Latvian
    feminine ending (:func:`latvian_place`: ``Mariupole``, ``Melitopole``, ``Hersona``,
    ``Luhanska``, ``Donecka``, ``Harkiva``; ``Makijivka``, ``Snižne`` unchanged); the destination ``Krievija``; the removal month for some.
    Rows in order of arrival in Latvia (months to years after the removal), numbered
    ``LV<row>``; a family registered again by another municipality has its children twice.
``ua_phone_callback``
    a Ukrainian coordination centre's list from calling back the relatives who had reported
    children: the operators typed what the relative said on the phone, rows in the order of
    the calls, numbered ``CB<row>``; Ukrainian forms (Russian for some children with Russian
    documents), patronymic for most, sex.  Dates were dictated as words: a day, month or
    year whose numeral sounds like another on a bad line was typed as the other in
    :data:`MISHEARD` of the full dates where one can be (:func:`mishear_date`, birth and
    removal dates independently): сім / вісім (7 and 8: days 7, 8, 17, 18, 27, 28, months 7
    and 8, years 2007, 2008, 2017, 2018), дванадцять / двадцять (12 and 20: days, and years
    2012 and 2020), тринадцять / тридцять (13 and 30: days); a result that is not a date is
    not typed.  For a quarter of the families (:data:`BY_EAR`, fixed per family:
    :func:`by_ear_family`) the relative spoke Russian and the operator typed the family name
    as she heard it without asking for its spelling: in a surname whose stressed syllable is
    its suffix (``-е́нко``, ``-є́нко``, ``-у́к``, ``-ю́к``: Ковале́нко, Ковальчу́к, Романю́к) the
    vowels before the suffix are unstressed, and Russian pronounces an unstressed о as [а]
    and е as [и] (akanye and ikanye), so ``Каваленко``, ``Кавальчук``, ``Раманюк``,
    ``Шивченко``, ``Питренко``, ``Астапенко`` (:func:`akanye`).  A second relative's call
    about a child is a second row, later.  Families much more than institutions (no
    relative calls about a child of an institution).

Population: a fifth of families from institutions, a fifth sent to Belarus, families of two
or three children common, capture shared within families.
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

NAME = "heldout_sortgap_latvia_callback"
_TAG = 0x48_3134  # this module's random streams (rewriting), apart from build()'s

NAMES = ("family_name", "given_name", "patronymic")

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_SHEETS = Style(  # sorting with a gap and the bracketed familiar form by _rewrite_sheets
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.5,
    patronymic_missing=0.05,
    birth=(("day", 0.9), ("year", 0.05), ("missing", 0.05)),
    sex_missing=0.02,
    place=(("uk_current", 0.85), ("uk_doc", 0.15)),
    place_prefix=(("none", 0.6), ("type", 0.4)),
    place_missing=0.03,
    institution=(("uk", 0.7), ("uk_short", 0.3)),
    institution_missing=0.1,
    removal=(("exact", 0.6), ("month", 0.3), ("missing", 0.1)),
    destination="uk",
    destination_missing=0.2,
)
_LV = Style(  # names, places and destination written the Latvian way by _rewrite_lv
    name_lang=(("uk", 1.0),),
    follow_ru_docs=1.0,
    birth=(("day", 0.95), ("missing", 0.05)),
    place=(("uk_current", 1.0),),
    place_missing=0.05,
    institution_missing=1.0,
    removal=(("month", 0.4), ("missing", 0.6)),
    destination="uk",
)
_CALLBACK = Style(  # misheard numerals and family names typed by ear by _rewrite_callback
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.3,
    patronymic_missing=0.2,
    birth=(("day", 0.85), ("year", 0.1), ("missing", 0.05)),
    sex_missing=0.05,
    place=(("uk_current", 1.0),),
    place_prefix=(("none", 0.7), ("type", 0.3)),
    place_missing=0.05,
    institution=(("uk", 1.0),),
    institution_missing=0.5,
    removal=(("exact", 0.5), ("month", 0.3), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.4,
)


def heldout14_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (14th): hromada sheets sorted with an empty column, a Latvian register (Latvian name "
        "forms), phone call-backs (misheard numerals, family names typed by ear)",
        PopulationSpec(
            share_institution=0.2,
            share_belarus=0.2,
            family_sizes=(0.45, 0.3, 0.15, 0.07, 0.02, 0.01),
            twin_rate=0.03,
            placed_institution=0.45,
            placed_family=0.08,
            reregistered=0.35,
            family_visibility=0.7,
        ),
        (
            ListSpec(
                "ua_hromada_sheets",
                _SHEETS,
                base=0.45,
                beta=0.8,
                mode_odds=(("institution", 0.6),),
                duplicates=0.03,
                id_prefix="HS",
            ),
            ListSpec(
                "lv_arrivals",
                _LV,
                eligible="russia",
                base=0.3,
                beta=0.7,
                mode_odds=(("institution", 0.1), ("placed", 0.2)),
                duplicates=0.04,
                id_prefix="LV",
            ),
            ListSpec(
                "ua_phone_callback",
                _CALLBACK,
                base=0.35,
                beta=0.9,
                mode_odds=(("institution", 0.2),),
                duplicates=0.08,
                id_prefix="CB",
            ),
        ),
        output_order=("ua_hromada_sheets", "lv_arrivals", "ua_phone_callback"),
    )


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def applied(seed: int, child: Child, duplicate: bool) -> dt.date:
    """When the family's application (a second one: ``duplicate``) came in: weeks to a year
    after the removal, a second one one to ten months after the first."""
    g = _family_rng(seed, child, 0x4150)
    first = child.removal + dt.timedelta(days=int(g.integers(14, 366)))
    return first + dt.timedelta(days=int(g.integers(30, 300))) if duplicate else first


# ---------------------------------------------------------------- hromada sheets sorted with an empty column

#: where a sheet's empty column was: (layout, share of sheets)
GAP = (("none", 0.6), ("before_birth", 0.15), ("before_place", 0.25))
#: the columns right of the empty column, by layout (they kept the order of entry)
UNSORTED = {
    "none": (),
    "before_birth": ("birth_date", "origin_settlement", "origin_institution", "removal_date", "destination"),
    "before_place": ("origin_settlement", "origin_institution", "removal_date", "destination"),
}
#: share of children with a familiar form whose given-name cell holds it in brackets
ALIAS = 0.1


def sheet_gap(seed: int, sheet: int) -> str:
    """The layout (:data:`GAP`) of the sheet of settlement ``sheet``, fixed per sheet and seed."""
    g = np.random.default_rng([int(seed), _TAG, 0x4741, sheet])
    keys = [k for k, _ in GAP]
    return keys[int(g.choice(len(keys), p=[w for _, w in GAP]))]


def entry_key(seed: int, child: Child, duplicate: bool) -> tuple[dt.date, int, dt.date, int]:
    """The order in which a sheet's rows were typed: by application, a family's children
    eldest first."""
    return applied(seed, child, duplicate), child.family, child.birth, child.child_id


def sort_key(rec: dict[str, str]) -> tuple[str, str]:
    """Excel's ascending sort on the family name then the given name (case-insensitive)."""
    return rec["family_name"].casefold(), rec["given_name"].casefold()


def sort_with_gap(rows: Rows, entered: list[int], gap: str) -> tuple[Rows, list[int]]:
    """A sheet (``entered``: the row indices in the order typed) sorted by name when the
    columns :data:`UNSORTED` [``gap``] were outside the sorted region: the sorted order, and
    the rows with those columns taken from the row typed at the same position."""
    order = sorted(entered, key=lambda j: sort_key(rows[j]))  # stable: ties keep the order of entry
    out = [dict(r) for r in rows]
    for j_sorted, j_typed in zip(order, entered, strict=True):
        for k in UNSORTED[gap]:
            out[j_sorted][k] = rows[j_typed][k]
    return out, order


def with_alias(given: str, g: lx.GivenName) -> str:
    """The given-name cell with the familiar form in brackets."""
    return f"{given} ({g.dim})" if given and g.dim else given


def _rewrite_sheets(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    sheets: dict[int, list[int]] = {}
    keys: list[tuple[dt.date, int, dt.date, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        child = pop.children[int(child_id)]
        sheets.setdefault(child.origin, []).append(j)
        keys.append(entry_key(seed, child, kind == "duplicate"))
        g = lx.GIVEN[child.given]
        if g.dim and rng.random() < ALIAS:
            rows[j]["given_name"] = with_alias(rows[j]["given_name"], g)
    out_order: list[int] = []
    ids: list[str] = []
    ranked = sorted(sheets, key=lambda s: (pl.SETTLEMENTS[s].oblast, pl.SETTLEMENTS[s].uk))
    for n, sheet in enumerate(ranked):
        entered = sorted(sheets[sheet], key=lambda j: keys[j])
        new, order = sort_with_gap(rows, entered, sheet_gap(seed, sheet))
        for j in order:
            rows[j] = _consistent(new[j])
        out_order.extend(order)
        ids.extend(f"HS{n + 1:02d}-{r + 1:03d}" for r in range(len(order)))
    return rows, out_order, ids


# ---------------------------------------------------------------- a Latvian register

_LV_LETTERS = dict(zip("абвґдежзиійклмнопрстуфхцчшыэ", "abvgdežziijklmnoprstufhcčšie", strict=True)) | {"щ": "šč"}
_LV_IOTATED = {"є": "e", "ї": "i", "я": "a", "ю": "u", "ё": "o"}
_SOFT = {"л": "ļ", "н": "ņ"}
_CYR_VOWELS = set("аеєиіїоуюяёыэ")
_APOSTROPHES = "'’ʼ`"
_CYR_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")


def _latvian_word(word: str, lang: str) -> str:
    low = word.lower()
    out: list[str] = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if ch in _APOSTROPHES or ch == "ъ":
            continue
        if ch == "ь":
            continue  # shown on л / н, otherwise dropped
        if ch in _SOFT and nxt == "ь":
            out.append(_SOFT[ch])
        elif ch == "г":
            out.append("h" if lang == "uk" else "g")
        elif ch in _LV_IOTATED:
            out.append("j" + _LV_IOTATED[ch])
        elif ch == "е" and lang == "ru" and (not prev or prev in _CYR_VOWELS or prev in "ьъ"):
            out.append("je")
        else:
            out.append(_LV_LETTERS.get(ch, ch))
    text = "".join(out)
    return text[:1].upper() + text[1:]


def latvian(text: str, lang: str) -> str:
    """``text`` (Cyrillic, in its ``lang`` form: ``uk`` or ``ru``) by the simplified Latvian
    transcription of the module docstring, word by word, each word capitalised."""
    return _CYR_WORD.sub(lambda m: _latvian_word(m.group(0), lang), text)


_LV_CONSONANT_END = re.compile(r"[bcčdfghjkļlmnņprsštvzž]$")


def latvian_name(text: str, sex: str, lang: str) -> str:
    """A personal name (given or family) as a Latvian document writes it: transcribed, with
    the Latvian masculine ending for a man."""
    name = latvian(text, lang)
    if sex != "M" or not name:
        return name
    if name.endswith(("skij", "ckij", "skoj", "ckoj")):
        return name[:-2] + "is"
    if _LV_CONSONANT_END.search(name):
        return name + "s"
    return name


def latvian_place(text: str, lang: str = "uk") -> str:
    """A town as a Latvian text writes it: transcribed, the last word of a name ending in a
    consonant given the feminine ending (-ole for -ol / -oļ, otherwise -a); an adjectival
    name (-ий: ``Hrustaļnij``) is left as it is."""
    name = latvian(text, lang)
    if not name or name.endswith("j"):
        return name
    if name.endswith(("ol", "oļ")):
        return name[:-1] + "le"
    if _LV_CONSONANT_END.search(name):
        return name + "a"
    return name


def _rewrite_lv(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float]] = []
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        lang = child.doc_lang  # the form of the documents shown (follow_ru_docs=1)
        rec["family_name"] = latvian_name(rec["family_name"], child.sex, lang)
        rec["given_name"] = latvian_name(rec["given_name"], child.sex, lang)
        rec["patronymic"] = ""
        if rec["origin_settlement"]:
            rec["origin_settlement"] = latvian_place(pl.SETTLEMENTS[child.origin].uk)
        rec["destination"] = "Krievija"
        arrived = applied(seed, child, kind == "duplicate") + dt.timedelta(days=int(rng.integers(0, 400)))
        keys.append((arrived, float(rng.random())))
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    return rows, order, [f"LV{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- phone call-backs

#: share of the full dates with a numeral that sounds like another typed as that other
MISHEARD = 0.12
#: numerals that sound alike when dictated (Ukrainian and Russian alike): day or month -> misheard as
SOUND_ALIKE = {7: 8, 8: 7, 17: 18, 18: 17, 27: 28, 28: 27, 12: 20, 20: 12, 13: 30, 30: 13}
#: years that sound alike (сьомого / восьмого, дванадцятого / двадцятого)
YEAR_ALIKE = {2007: 2008, 2008: 2007, 2017: 2018, 2018: 2017, 2012: 2020, 2020: 2012}
#: share of families whose relative spoke Russian and whose family name was typed by ear
BY_EAR = 0.25
#: surname suffixes that carry the stress (the vowels before them are unstressed)
STRESSED_SUFFIXES = ("енко", "єнко", "ук", "юк")


def misheard_variants(day: dt.date) -> list[dt.date]:
    """The dates ``day`` can be misheard as (one numeral replaced by its sound-alike)."""
    out: list[dt.date] = []
    candidates = [
        (day.year, day.month, SOUND_ALIKE.get(day.day)),
        (day.year, SOUND_ALIKE.get(day.month) if day.month in (7, 8) else None, day.day),
        (YEAR_ALIKE.get(day.year), day.month, day.day),
    ]
    for y, m, d in candidates:
        if y is None or m is None or d is None:
            continue
        try:
            out.append(dt.date(y, m, d))
        except ValueError:  # 30 February is not typed
            continue
    return out


def mishear_date(value: str, rng: np.random.Generator) -> str:
    """A dictated full date (ISO) as typed: one sound-alike numeral misheard in :data:`MISHEARD`
    of the dates that have one."""
    if len(value) != 10:
        return value
    variants = misheard_variants(dt.date.fromisoformat(value))
    if not variants or rng.random() >= MISHEARD:
        return value
    return variants[int(rng.integers(len(variants)))].isoformat()


def by_ear_family(seed: int, child: Child) -> bool:
    """Whether ``child``'s relative spoke Russian and the family name was typed by ear."""
    return bool(_family_rng(seed, child, 0x4541).random() < BY_EAR)


def akanye(family: str) -> str:
    """A family name stressed on its suffix as heard in Russian pronunciation: о -> а and
    е -> и before the suffix (other names unchanged)."""
    for suffix in STRESSED_SUFFIXES:
        if family.endswith(suffix) and len(family) > len(suffix):
            stem = family[: -len(suffix)]
            stem = stem.replace("о", "а").replace("е", "и")
            if stem[:1] == "О":
                stem = "А" + stem[1:]
            return stem + suffix
    return family


def _rewrite_callback(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float]] = []
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        if by_ear_family(seed, child):
            rec["family_name"] = akanye(rec["family_name"])
        rec["birth_date"] = mishear_date(rec["birth_date"], rng)
        rec["removal_date"] = mishear_date(rec["removal_date"], rng)
        called = applied(seed, child, kind == "duplicate") + dt.timedelta(days=int(rng.integers(7, 120)))
        keys.append((called, float(rng.random())))
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    return rows, order, [f"CB{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the profile


def generate_heldout14(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the FOURTEENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == "ua_hromada_sheets":
            return _rewrite_sheets(rows, truth, pop, seed, rng)
        if name == "lv_arrivals":
            return _rewrite_lv(rows, truth, pop, seed, rng)
        if name == "ua_phone_callback":
            return _rewrite_callback(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout14_spec(), n, seed), seed, _TAG, rewrite)
