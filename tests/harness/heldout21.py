"""TWENTY-FIRST HELD-OUT error profile ``heldout_fillseries_engocr_macfolders``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout20` (``heldout_tbilisi_svodki_versions``)
as the profile kept out of tuning, since the twenty earlier held-out profiles were run, and
was run ONCE (2026-12-07, at the end of the session that read an apostrophe inside a place
name as part of it and lists in Georgian's romanisation as such, on that session's first and
last model: the same numbers on both, N̂ +56.5% by best AIC, ``recommended`` 4,535 [3,701,
5,892] for 3,000 children; bench/RESULTS.md); :mod:`.heldout22` now replaces it as the
profile kept out of tuning.  ``bench/linkage_harness.py`` runs it only with ``--heldout21``; the tests only check
that it generates valid, deterministic lists with the error processes below (they never link
it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the twenty earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout21`).  Per-child draws (the suffix of a copied
folder) are fixed per child AND seed (:func:`_child_rng`), per-family draws (the volunteer
who opened a family's cases) per family AND seed (:func:`_family_rng`), per-block,
per-document, per-clerk and per-volunteer draws (when a proceeding was registered and by
whom, whether a document was a scan, a clerk's or a volunteer's habits) per block
(document, clerk, volunteer) AND seed.  The shares are the author's judgement of what such
lists hold (no published rate exists for any of them); each is a named constant.

``ua_pgo_victims_sheet``
    the spreadsheet of child victims that the Ukrainian prosecutors of children's cases keep
    for the criminal proceedings on the deportation and forcible transfer of children, one
    block of rows per proceeding (:func:`block_of`): the evacuation of an institution's
    group, a group of the Belarus programme, a family's children (a child named in a second
    proceeding has a one-row block of its own, later), blocks in the order the proceedings
    were registered (weeks to a year after the removal: :func:`registered_on`), numbered
    ``KP<block>-<row>``.  Official Ukrainian forms from the documents in the case file
    (Russian ones for some children with Russian documents), patronymic, full birth dates,
    sex, the settlement with ``м.``, the institution's full name, the date of the removal,
    the country.  A block's rows were typed in one go (an institution's or a group's
    children in alphabetical order, a family's eldest first), and the values the block's
    children share (the settlement and the institution, except in a Belarus group whose
    children came from several towns; the removal date; the country) typed in its first row
    only and carried down the block with the fill handle (:data:`BLOCK_COLUMNS`).  Dragged
    from a single selected cell (or double-clicked), Excel's fill handle copies a text or a
    number but extends a date as a series, one day per row, and increases the number at the
    end of a text by one per row (AutoFill; holding Ctrl, selecting two equal cells, or
    choosing "Copy Cells" afterwards copies instead).
    :data:`SERIES_CLERKS` of the clerks (fixed per clerk and seed: :func:`clerk_habit`; a
    block is typed by one of :data:`N_CLERKS`, :func:`clerk_of`) dragged the single cell,
    and in :data:`NOTICED` of their blocks (:func:`noticed`) saw the result and filled again
    as a copy; elsewhere the ``j``-th row after the first (:func:`fill_series`) has the
    removal date ``j`` days late and the number of a numbered institution increased by ``j``
    (``Маріупольська загальноосвітня школа-інтернат №2`` -> ``№3``, ``№4`` ...), the
    settlement and the country unchanged.  The other clerks' fills copy.  A twin written
    right after his or her twin had the birth date filled down from the twin's row the same
    way: the same date, or one day late.
``intl_docs_eng_ocr``
    an international documentation group's table of the children named in Russian-language
    documents it obtained (orders and lists of occupation administrations, Russian regional
    authorities' lists of children received, camp lists), one document per removal group (a
    second document about a group, an extension of its stay, names some children again),
    documents in the order of their date, rows as the document lists them (family and given
    name), numbered ``D<document>-<row>``: Russian forms, the family name in capitals as
    Russian official lists write it (``КОВАЛЕНКО Мария Ивановна``), the identity given in
    Russia for some re-registered children, the patronymic for most, the town with ``г.``,
    the institution's Russian name, the group's departure date, the camp or region.  The
    documents of :data:`YEAR_ONLY_DOCS` give the birth year only (``2012 г.р.``), and those of
    :data:`NO_SEX_DOCS` no sex.  :data:`SCANNED` of the documents (fixed per document and
    seed: :func:`document_habit`) came as scans or photographs, and the group's analysts,
    who do not read Russian, made their text layer with OCR software left at its default
    language, English: every Cyrillic letter was read as the Latin letter, digit or
    letters it looks like (:func:`latin_ocr`): ``КОВАЛЕНКО`` ``KOBAJIEHKO``, ``Мария``
    ``MapuR``, ``Ивановна`` ``NBaHoBHa``, ``г. Мариуполь`` ``r. Mapuynonb``, ``№`` ``No``.
    Unlike single look-alike letters in a Cyrillic text, EVERY letter of every text field of
    such a document is read so, and the letters without a Latin twin become digits and
    pairs (Л ``JI``, Ы ``bI``, Ч ``4``, З ``3``, Б ``6``).  Two programs were used
    (:data:`ENGINE_A` of the scans by the first), which read the letters without a Latin
    twin differently (:data:`LATIN_OCR_A`, :data:`LATIN_OCR_B`: И ``N`` or ``U``, Я ``R`` or
    ``9I``, Ж ``X`` or ``>K<``, Ш ``W`` or ``LLI``); a simplification: each program reads a
    letter always the same way, and it reads digits and dates correctly.
    Children of institutions and of the Belarus programme much more than families; only some
    documents obtained (whole groups missing).
``vol_drive_folders``
    the list a Ukrainian volunteer search network made from its shared cloud drive, where
    the volunteer who takes a child's case opens one folder per child named by the network's
    rule ``Прізвище Ім'я По батькові ДД.ММ.РРРР`` (the year alone, ``2012 р.н.``, when only
    the year is known) and keeps the documents and the intake form in it.  The coordinator's
    script read the names and the birth date from the FOLDER NAMES (:func:`parse_folder`:
    the date or year token is the birth date, the first word the family name, the second the
    given name, every other word the patronymic) and the other fields from each folder's
    intake form (sex, the settlement as the family named it, the institution's short name,
    the month or date of the removal as the family remembers it, the country).  Ukrainian
    forms (Russian for some families and some children with Russian documents), typos,
    apostrophe variants, the patronymic often left out.  A family's cases are taken by one
    of :data:`N_VOLUNTEERS` volunteers (:func:`volunteer_of`), each with the habits of
    :func:`volunteer_habit`: :data:`MAC_VOLUNTEERS` work on a Mac, and file names made on a
    Mac often reach other systems in Unicode decomposed form (NFD: HFS+ stores names
    decomposed, and names synced or archived from macOS commonly arrive so, a long-known
    trouble of sync clients and archives); the script did not normalise them
    (:func:`mac_name`): every й, ї, ё of a name is two code points, the base letter and a
    combining mark (``и`` + U+0306, ``і`` + U+0308), which looks the same but is another
    string (``Андрій``, ``Олійник``, ``Сергійович``, ``Андріївна``); :data:`GIVEN_FIRST`
    name folders as people say names, ``Ім'я Прізвище`` without the patronymic, which the
    script reads as family name ``Ім'я`` and given name ``Прізвище`` (:func:`folder_name`).  A folder copied on the
    drive (when cases were reorganised) keeps its copy's suffix, the Mac's ``копія`` /
    ``copy``, Windows' ``- копія`` / ``- Copy``, a sync conflict's ``(1)``
    (:data:`COPY_SUFFIXES`, :func:`copy_suffix`), which the script put into the patronymic
    after it (``Миколаївна - копія``): a second row of the child, otherwise identical (the
    copy's intake form is the same file).  Rows in the order of the folder names (as the
    script listed them: code points), numbered ``VD<row>``.  Families much more than
    institutions.

Population: three families in ten from institutions, a fifth sent to Belarus, families of
two or three children common, more twins.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import numpy as np
import pandas as pd

from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_fillseries_engocr_macfolders"
_TAG = 0x48_3231  # this module's random streams (rewriting), apart from build()'s

PGO = "ua_pgo_victims_sheet"
DOCS = "intl_docs_eng_ocr"
FOLDERS = "vol_drive_folders"

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_PGO = Style(  # blocks, fill handle and order applied by _rewrite_pgo
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.6,
    typo=0.01,
    layout="uk",
    apostrophes=0.2,
    patronymic_missing=0.05,
    birth=(("day", 0.93), ("year", 0.03), ("missing", 0.04)),
    sex_missing=0.01,
    place=(("uk_current", 1.0),),
    place_prefix=(("type", 1.0),),
    place_missing=0.02,
    institution=(("uk", 1.0),),
    institution_missing=0.05,
    removal=(("exact", 0.9), ("missing", 0.1)),
    destination="uk_formal",
    destination_missing=0.1,
)
_DOCS = Style(  # the documents' Cyrillic; year-only, sex and the OCR applied by _rewrite_docs
    name_lang=(("ru", 1.0),),
    typo=0.01,
    layout="ru",
    drop_yo=0.6,
    upper_family=1.0,
    patronymic_missing=0.1,
    birth=(("day", 0.97), ("missing", 0.03)),
    show_new_identity=0.3,
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 1.0),),
    place_missing=0.05,
    institution=(("ru", 0.7), ("ru_legal", 0.3)),
    institution_missing=0.3,
    removal=(("exact", 0.9), ("missing", 0.1)),
    destination="place_ru",
)
_FOLDERS = Style(  # names and birth date rewritten through the folder names by _rewrite_folders
    name_lang=(("uk", 0.8), ("ru", 0.2)),
    follow_ru_docs=0.4,
    typo=0.03,
    layout="uk",
    apostrophes=0.4,
    patronymic_missing=0.35,
    birth=(("day", 0.75), ("year", 0.15), ("missing", 0.1)),
    sex_missing=0.05,
    place=(("uk_current", 0.5), ("uk_doc", 0.3), ("ru_src", 0.2)),
    place_prefix=(("none", 0.6), ("type", 0.4)),
    place_missing=0.05,
    institution=(("uk_short", 1.0),),
    institution_missing=0.4,
    removal=(("month", 0.5), ("exact", 0.3), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.3,
)


def heldout21_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (21st): prosecutors' sheet with fill-handle series, Russian documents OCR'd in "
        "English, a volunteers' list read from (Mac) folder names",
        PopulationSpec(
            share_institution=0.3,
            share_belarus=0.2,
            family_sizes=(0.48, 0.28, 0.14, 0.06, 0.03, 0.01),
            twin_rate=0.05,
            placed_institution=0.5,
            placed_family=0.1,
            reregistered=0.35,
            family_visibility=0.6,
        ),
        (
            ListSpec(
                PGO,
                _PGO,
                base=0.4,
                beta=0.8,
                mode_odds=(("institution", 2.0), ("belarus", 1.2)),
                wave_cover=0.85,
                duplicates=0.03,
                id_prefix="KP",
            ),
            ListSpec(
                DOCS,
                _DOCS,
                base=0.3,
                beta=0.6,
                mode_odds=(("institution", 3.0), ("belarus", 2.0), ("family", 0.4), ("placed", 1.3)),
                wave_cover=0.5,
                duplicates=0.04,
                id_prefix="D",
            ),
            ListSpec(
                FOLDERS,
                _FOLDERS,
                base=0.35,
                beta=0.8,
                mode_odds=(("family", 2.0), ("institution", 0.3), ("placed", 0.7)),
                duplicates=0.05,
                id_prefix="VD",
            ),
        ),
        output_order=(PGO, DOCS, FOLDERS),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: tuple[int, ...], salt: int) -> np.random.Generator:
    """A generator fixed per block, document, clerk or volunteer (``unit``) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, *(int(u) for u in unit)])


# ---------------------------------------------------------------- the prosecutors' sheet: the fill handle

#: clerks typing the sheet (a block typed by one)
N_CLERKS = 8
#: share of the clerks who dragged a single cell down a block (a series, not a copy)
SERIES_CLERKS = 0.4
#: share of such a clerk's blocks where the clerk saw the series and filled again as a copy
NOTICED = 0.25
#: the columns typed in a block's first row and filled down (the settlement and institution
#: not in a Belarus group: :func:`block_columns`)
BLOCK_COLUMNS = ("origin_settlement", "origin_institution", "removal_date", "destination")
#: days from the removal to the registration of a proceeding (inclusive low, exclusive high)
REGISTRATION_LAG = (20, 365)
#: days from a proceeding to a second one naming the same child
SECOND_PROCEEDING_LAG = (30, 400)
_KINDS = {"institution": 1, "belarus": 2, "family": 3, "second": 4}
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def block_of(child: Child, second: bool = False) -> tuple[int, ...]:
    """The proceeding (block of rows) ``child``'s row is in: its institution's group, its
    Belarus group, its family, or (``second``: the child named in another proceeding) a block
    of its own."""
    if second:
        return _KINDS["second"], child.child_id
    if child.mode == "institution":
        return _KINDS["institution"], child.institution, child.wave
    if child.mode == "belarus":
        return _KINDS["belarus"], child.wave
    return _KINDS["family"], child.family


def block_columns(block: tuple[int, ...]) -> tuple[str, ...]:
    """The columns typed once in ``block``'s first row and filled down."""
    if block[0] == _KINDS["belarus"]:
        return ("removal_date", "destination")
    return BLOCK_COLUMNS


def registered_on(seed: int, block: tuple[int, ...], removal: dt.date) -> dt.date:
    """When the proceeding ``block`` was registered (``removal``: its first child's).  Fixed
    per block and seed."""
    g = _unit_rng(seed, block, 0x5247)
    days = int(g.integers(*REGISTRATION_LAG))
    if block[0] == _KINDS["second"]:
        days += int(g.integers(*SECOND_PROCEEDING_LAG))
    return removal + dt.timedelta(days=days)


def clerk_of(seed: int, block: tuple[int, ...]) -> int:
    """The clerk who typed ``block``.  Fixed per block and seed."""
    return int(_unit_rng(seed, block, 0x434B).integers(N_CLERKS))


def clerk_habit(seed: int, clerk: int) -> bool:
    """Whether ``clerk`` drags a single cell (a series).  Fixed per clerk and seed."""
    return bool(_unit_rng(seed, (clerk,), 0x5345).random() < SERIES_CLERKS)


def noticed(seed: int, block: tuple[int, ...]) -> bool:
    """Whether the clerk of ``block`` saw a series and filled again as a copy.  Fixed per block
    and seed."""
    return bool(_unit_rng(seed, block, 0x4E4F).random() < NOTICED)


def fills_series(seed: int, block: tuple[int, ...]) -> bool:
    """Whether ``block``'s fills are series (its clerk drags, and did not notice)."""
    return clerk_habit(seed, clerk_of(seed, block)) and not noticed(seed, block)


def fill_series(value: str, j: int) -> str:
    """The cell ``j`` rows below a single selected cell holding ``value`` after a drag of
    Excel's fill handle: a date ``j`` days later, a text ending in a number with the number
    increased by ``j``, any other text (or an empty cell) copied."""
    if len(value) == 10 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=j)).isoformat()
    m = _TRAILING_NUMBER.match(value)
    if m and not re.fullmatch(r"\d{4}(-\d{2})?", value):  # a year or month is no text
        return f"{m.group(1)}{int(m.group(2)) + j}"
    return value


def _rewrite_pgo(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    blocks: dict[tuple[int, ...], list[int]] = {}
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        blocks.setdefault(block_of(pop.children[int(child_id)], kind == "duplicate"), []).append(j)
    keys: list[tuple[dt.date, float, tuple[int, ...]]] = []
    for block, members in blocks.items():
        if block[0] in (_KINDS["institution"], _KINDS["belarus"]):  # the group's list, alphabetical
            members.sort(key=lambda j: (rows[j]["family_name"].casefold(), rows[j]["given_name"].casefold(), j))
        else:  # a family's children eldest first (the population's order)
            members.sort(key=lambda j: int(truth["child"][j]))
        series = fills_series(seed, block)
        first = rows[members[0]]
        for k, j in enumerate(members[1:], start=1):
            rec = rows[j]
            for col in block_columns(block):
                rec[col] = fill_series(first[col], k) if series else first[col]
            c = pop.children[int(truth["child"][j])]
            above = int(truth["child"][members[k - 1]])
            if c.twin and above == c.child_id - 1:  # the twin's birth date filled down from the row above
                typed = rows[members[k - 1]]["birth_date"]
                rec["birth_date"] = fill_series(typed, 1) if series else typed
            _consistent(rec)
        removal = pop.children[int(truth["child"][members[0]])].removal
        keys.append((registered_on(seed, block, removal), float(rng.random()), block))
    keys.sort()
    order: list[int] = []
    ids: list[str] = []
    for b, (_, _, block) in enumerate(keys):
        for r, j in enumerate(blocks[block]):
            order.append(j)
            ids.append(f"KP{b + 1:04d}-{r + 1:02d}")
    return rows, order, ids


# ---------------------------------------------------------------- Russian documents OCR'd in English

#: share of the documents that came as scans or photographs (OCR'd with the English setting)
SCANNED = 0.45
#: share of the scans read by the first program (:data:`LATIN_OCR_A`; the others :data:`LATIN_OCR_B`)
ENGINE_A = 0.6
#: share of the documents giving the birth year only
YEAR_ONLY_DOCS = 0.25
#: share of the documents without a sex column
NO_SEX_DOCS = 0.5
#: days from a group's removal to a second document about it (an extension of the stay)
EXTENSION_LAG = (20, 150)

_OCR_COMMON: dict[str, str] = {
    "А": "A", "Б": "6", "В": "B", "Е": "E", "Ё": "E", "З": "3", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ч": "4", "Ъ": "b", "Ь": "b", "Э": "3", "І": "I", "Ї": "I", "Є": "E",
    "Ґ": "r", "а": "a", "б": "6", "в": "B", "г": "r", "е": "e", "ё": "e", "з": "3", "и": "u", "й": "u", "к": "k",
    "м": "m", "о": "o", "п": "n", "р": "p", "с": "c", "у": "y", "х": "x", "ц": "u", "ч": "4", "ш": "w", "щ": "w",
    "ъ": "b", "ь": "b", "э": "3", "ю": "io", "і": "i", "ї": "i", "є": "e", "ґ": "r",
}  # fmt: skip
#: the first program's readings (a Cyrillic letter -> the Latin it read)
LATIN_OCR_A: dict[str, str] = {
    **_OCR_COMMON,
    "Г": "T", "Д": "A", "Ж": "X", "И": "N", "Й": "N", "Л": "JI", "П": "N", "Ф": "O", "Ц": "U", "Ш": "W", "Щ": "W",
    "Ы": "bI", "Ю": "IO", "Я": "R", "д": "A", "ж": "x", "л": "n", "н": "H", "т": "T", "ф": "cp", "ы": "bI",
    "я": "R", "№": "No",
}  # fmt: skip
#: the second program's readings
LATIN_OCR_B: dict[str, str] = {
    **_OCR_COMMON,
    "Г": "r", "Д": "D", "Ж": ">K<", "И": "U", "Й": "U", "Л": "Jl", "П": "TT", "Ф": "(D", "Ц": "LI", "Ш": "LLI",
    "Щ": "LLI", "Ы": "bl", "Ю": "10", "Я": "9I", "д": "g", "ж": ">k<", "л": "jl", "н": "h", "т": "t", "ф": "(p",
    "ы": "bl", "я": "9", "№": "N9", "«": "<<", "»": ">>",
}  # fmt: skip
#: the text fields of a document (what OCR reads; the dates and sex are the analysts' columns)
OCR_COLUMNS = ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution", "destination")


def latin_ocr(text: str, engine_a: bool) -> str:
    """``text`` as OCR set to English reads it (``engine_a``: the first program): each
    Cyrillic letter (and ``№``) as its look-alike, everything else as it is."""
    table = LATIN_OCR_A if engine_a else LATIN_OCR_B
    return "".join(table.get(ch, ch) for ch in text)


def document_of(child: Child, second: bool = False) -> tuple[int, int]:
    """The document naming ``child`` (``second``: the second document about its group)."""
    return child.wave, int(second)


def document_habit(seed: int, document: tuple[int, int]) -> tuple[bool, bool, bool, bool]:
    """(a scan, read by the first program, birth year only, no sex column).  Fixed per document
    and seed."""
    g = _unit_rng(seed, document, 0x4443)
    return (
        bool(g.random() < SCANNED),
        bool(g.random() < ENGINE_A),
        bool(g.random() < YEAR_ONLY_DOCS),
        bool(g.random() < NO_SEX_DOCS),
    )


def document_date(seed: int, child: Child, second: bool = False) -> dt.date:
    """The date of the document naming ``child`` (its group's removal, or the extension's)."""
    g = _unit_rng(seed, document_of(child, second), 0x4444)
    return child.removal + dt.timedelta(days=int(g.integers(*EXTENSION_LAG)) if second else 0)


def _rewrite_docs(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, tuple[int, int], str, str, float, int]] = []
    for j, (rec, child_id, kind) in enumerate(zip(rows, truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        doc = document_of(c, second)
        scan, engine_a, year_only, no_sex = document_habit(seed, doc)
        order_key = (rec["family_name"].casefold(), rec["given_name"].casefold())  # the document's own order
        if year_only:
            rec["birth_date"] = rec["birth_date"][:4]
        if no_sex:
            rec["sex"] = ""
        if scan:
            for col in OCR_COLUMNS:
                rec[col] = latin_ocr(rec[col], engine_a)
        _consistent(rec)
        keys.append((document_date(seed, c, second), doc, *order_key, float(rng.random()), j))
    keys.sort()
    number: dict[tuple[int, int], int] = {}
    count: dict[tuple[int, int], int] = {}
    ids: list[str] = []
    for k in keys:
        doc = k[1]
        number.setdefault(doc, len(number) + 1)
        count[doc] = count.get(doc, 0) + 1
        ids.append(f"D{number[doc]:03d}-{count[doc]:03d}")
    return rows, [k[-1] for k in keys], ids


# ---------------------------------------------------------------- the volunteers' drive: folder names

#: volunteers taking cases (a family's cases taken by one)
N_VOLUNTEERS = 15
#: share of the volunteers working on a Mac (folder names in decomposed form, NFD)
MAC_VOLUNTEERS = 0.35
#: share of the volunteers naming folders "given family" (no patronymic)
GIVEN_FIRST = 0.2
#: suffixes of a copied folder, by the volunteer's system (drawn uniformly)
COPY_SUFFIXES: dict[str, tuple[str, ...]] = {"mac": ("копія", "copy", "(1)"), "windows": ("- копія", "- Copy", "(1)")}
_FULL_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
_YEAR = re.compile(r"\d{4}")
_YEAR_MARK = "р.н."


def volunteer_of(seed: int, child: Child) -> int:
    """The volunteer who opened ``child``'s folder.  Fixed per family and seed."""
    return int(_family_rng(seed, child, 0x564F).integers(N_VOLUNTEERS))


def volunteer_habit(seed: int, volunteer: int) -> tuple[bool, bool]:
    """(works on a Mac, names folders "given family").  Fixed per volunteer and seed."""
    g = _unit_rng(seed, (volunteer,), 0x5648)
    return bool(g.random() < MAC_VOLUNTEERS), bool(g.random() < GIVEN_FIRST)


def folder_name(rec: dict[str, str], given_first: bool) -> str:
    """The folder a volunteer named for the child of ``rec`` (names and birth date of the
    intake): ``Прізвище Ім'я По батькові ДД.ММ.РРРР`` (``РРРР р.н.`` for a year), or
    ``Ім'я Прізвище ...`` without the patronymic (``given_first``)."""
    names = (
        [rec["given_name"], rec["family_name"]]
        if given_first
        else [rec["family_name"], rec["given_name"], rec["patronymic"]]
    )
    b = rec["birth_date"]
    date = f"{b[8:10]}.{b[5:7]}.{b[:4]}" if len(b) == 10 else f"{b[:4]} {_YEAR_MARK}" if b else ""
    return " ".join(w for w in [*names, date] if w)


def mac_name(name: str) -> str:
    """A file name as it reaches other systems from a Mac: decomposed (NFD)."""
    return unicodedata.normalize("NFD", name)


def copy_suffix(seed: int, child: Child, mac: bool) -> str:
    """The suffix of ``child``'s copied folder.  Fixed per child and seed."""
    options = COPY_SUFFIXES["mac" if mac else "windows"]
    return options[int(_child_rng(seed, child, 0x4350).integers(len(options)))]


def parse_folder(name: str) -> dict[str, str]:
    """The coordinator's script: the names and birth date read from a folder ``name`` (a date
    ``ДД.ММ.РРРР`` or a year is the birth date, ``р.н.`` is dropped; of the other words the
    first is the family name, the second the given name, the rest the patronymic)."""
    words: list[str] = []
    birth = ""
    for token in name.split():
        m = _FULL_DATE.fullmatch(token)
        if m and not birth:
            birth = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
        elif _YEAR.fullmatch(token) and not birth:
            birth = token
        elif token != _YEAR_MARK:
            words.append(token)
    return {
        "family_name": words[0] if words else "",
        "given_name": words[1] if len(words) > 1 else "",
        "patronymic": " ".join(words[2:]),
        "birth_date": birth,
    }


def _rewrite_folders(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    folders: list[str] = [""] * len(rows)
    own_row: dict[int, int] = {}
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        if kind == "duplicate":
            continue
        c = pop.children[int(child_id)]
        mac, given_first = volunteer_habit(seed, volunteer_of(seed, c))
        name = folder_name(rows[j], given_first)
        folders[j] = mac_name(name) if mac else name
        rows[j].update(parse_folder(folders[j]))
        _consistent(rows[j])
        own_row[c.child_id] = j
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        if kind != "duplicate":
            continue
        c = pop.children[int(child_id)]
        mac, _ = volunteer_habit(seed, volunteer_of(seed, c))
        src = own_row[c.child_id]
        folders[j] = f"{folders[src]} {copy_suffix(seed, c, mac)}"
        rows[j] = {**rows[src], **parse_folder(folders[j])}
        _consistent(rows[j])
    keys = sorted((folders[j], float(rng.random()), j) for j in range(len(rows)))
    return rows, [k[-1] for k in keys], [f"VD{r + 1:05d}" for r in range(len(keys))]


# ---------------------------------------------------------------- the profile


def generate_heldout21(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWENTY-FIRST HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == PGO:
            return _rewrite_pgo(rows, truth, pop, seed, rng)
        if name == DOCS:
            return _rewrite_docs(rows, truth, pop, seed, rng)
        if name == FOLDERS:
            return _rewrite_folders(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout21_spec(), n, seed), seed, _TAG, rewrite)
