"""TWENTY-SECOND HELD-OUT error profile ``heldout_moldova_query_linebreaks``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout21` (``heldout_fillseries_engocr_macfolders``)
as the profile kept out of tuning, since that one was run (2026-12-07, at the end of the
session in which this profile was written), and was run ONCE (2026-12-07, at the end of the
same session, which went on to read OCR'd Latin look-alikes of Cyrillic; on that session's
first and last model: the same numbers on both, N̂ +10.9% by best AIC, ``recommended`` 3,272
[2,965, 3,658] for 3,000 children, no linkage warning; bench/RESULTS.md); :mod:`.heldout23` now
replaces it as the profile kept out of tuning.  ``bench/linkage_harness.py`` runs
it only with ``--heldout22``; the tests only check that it generates valid, deterministic
lists with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits about the model): the error processes are what such
sources look like, not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the twenty-one earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout22`).  Per-child draws (a passport, a line
break in an answer, a parent's document) are fixed per child AND seed (:func:`_child_rng`),
per-family draws (when a family applied or arrived, the clerk who registered it) per family
AND seed (:func:`_family_rng`), per-sheet and per-clerk draws (a hromada's habit, a clerk's
keyboard) per sheet (clerk) AND seed.  The shares are the author's judgement of what such
lists hold (no published rate exists for any of them); each is a named constant.

``ua_hromada_query_summary``
    the consolidated table of deported children that a coordination headquarters built in
    Google Sheets from the hromadas' own sheets: one tab per hromada (here: per settlement of
    origin, :func:`sheet_of`), each tab the formula ``=QUERY(IMPORTRANGE("<the hromada's
    sheet>"; "Діти!A2:I<k>"); "select *"; 0)``, the usual way to pull another spreadsheet's
    rows; an analyst downloaded the tabs (in the order of the hromadas' names) and stacked
    them, rows numbered ``GS<tab>-<row>``.  In a hromada's sheet the clerk typed the rows in
    the order the applications came in (weeks to a year after the removal, one date per
    family, a second application about a child later: :func:`entered_on`): Ukrainian forms
    (Russian for some children with Russian documents), typos, apostrophe variants, the
    patronymic, sex, the settlement, the institution, the destination.  In the uk-UA locale a
    full date typed ``05.03.2012`` is a date value, a year typed ``2012`` a number, and a
    month the clerks wrote in words (``березень 2022 р.``) text (:func:`cell_type`).  QUERY
    gives a column ONE data type, the type of the majority of its cells, and returns the
    cells of the other types as empty (Google's documentation of QUERY: "In case of mixed
    data types in a single column, the majority data type determines the data type of the
    column for query purposes. Minority data types are considered null values."):
    :func:`query_column`, per tab, for the birth and removal dates.  In most sheets the full
    dates are the majority, so every birth year, removal month and removal year there is
    lost; in :data:`YEAR_SHEETS` of the hromadas (fixed per sheet and seed:
    :func:`year_sheet`) the list was compiled from relatives' messages and the clerk had
    only the year of birth for :data:`YEAR_ONLY` of the children (fixed per child and seed:
    :func:`year_only`), so the numbers are the majority of the birth column and the FULL
    dates of the other children are lost instead.  (Ties, rare, go to dates, then numbers,
    then text: the author's choice.)  The range of each IMPORTRANGE was written when the
    summary was set up (:data:`SUMMARY_SETUP`) as the rows the sheet had then, rounded up to
    the next :data:`RANGE_STEP` rows (:func:`range_rows`: ``A2:I140`` for 137 rows), and never
    widened: the rows a hromada typed beyond it later are not in the summary (the last
    applications of every hromada that had more new rows than its margin missing).
``ua_tg_intake_bot``
    applications to the Telegram bot of a Ukrainian volunteer search initiative, where a
    relative reports a child taken away by answering one question at a time, in the order of
    the columns: family name, given name, patronymic, birth date, sex (buttons), where from,
    the institution if any, when (a date or a month from the bot's calendar), where taken.
    Ukrainian or Russian forms as the relative writes them, typos, apostrophe variants, the
    patronymic often skipped.  The coordinators' export script wrote one line per
    application, the answers joined by ``;`` and NOT quoted (:func:`export_text`), and the
    analysts opened the file in Excel (whose list separator in the Ukrainian regional
    settings is the semicolon): a line break inside an answer ends the row there, and the
    rest of the application starts a new row in the first column (:func:`excel_rows`).  On a
    phone the return key types a line break, and relatives wrote free-text answers on two
    lines: "where from" as the settlement and, below it, the oblast or raion for
    :data:`BREAK_PLACE` of the answers; the institution's name and, below it, its town for
    :data:`BREAK_INSTITUTION`; the country and, below it, the region or camp for
    :data:`BREAK_DESTINATION` (:func:`answers_of`, fixed per child, application and seed).
    So an application becomes two or more rows: the first with the answers up to the break
    (the later columns empty), the next a FRAGMENT: the oblast, raion or town in the
    family-name column, then the answers after it shifted to the left (the institution in the
    given-name column, the removal date in the patronymic column ...).  The analysts' cleaning
    (:func:`clean_row`) kept a date column's value only if it is a date and the sex column's
    only if ``M`` or ``F``, and deleted rows with fewer than :data:`MIN_CELLS` filled cells as
    blank, which removes a lone region line but keeps the other fragments, each a record of
    the child that shares no name or date with it.  Rows in the order of the applications
    (one date per family; a second relative's application later: :func:`applied_on`),
    numbered ``TG<row>``.  Families much more than institutions.
``md_chisinau_arrivals``
    a register of Ukrainian families with children who left Russia by air through Istanbul
    and reached Moldova at Chișinău airport, kept by a Moldovan organisation assisting them
    from the border police's entry data and the documents the families showed, typed in
    Romanian: only children sent to Russia, families much more than institutions or placed
    children.  A child holding a Ukrainian passport (:data:`PASSPORT` by age at the removal,
    fixed per child and seed: :func:`holds_passport`; only children with Ukrainian documents)
    has the passport's Latin (the national system of 2010), no patronymic.  The others
    travelled on a birth certificate (Ukrainian forms; Russian for children with Russian
    documents) and the clerk transcribed the Cyrillic by Romanian spelling, as Moldova
    writes Slavic names (:func:`romanian`): к c, and ch before e and i (``Covalenco``,
    ``Nichita``, ``Luchianenco``), Russian г g, gh before e and i (``Serghei``, ``Evghenii``),
    Ukrainian г h, ч c before e and i, ce before a, ci elsewhere (``Șevcenco``, ``Covalciuc``,
    ``Lisiceansk``, ``Alexandrovici``), ш ș, щ șc (``Polișciuc``, ``Șcerbacov``), ж j, ц ț
    (``Cuznețov``), кс x (``Olexandr``, ``Xenia``), Russian ы and Ukrainian и î (``Lîsenco``,
    ``Cernîi``), я ea after a consonant, ia elsewhere, a after и і (``Veaceslav``,
    ``Deaciuc``, ``Iaroslav``, ``Maria``), ю iu, ё io (o after ж ч ш щ ц: ``Artiom``,
    ``Covaliov``, ``Pugaciov``), є ie, й i, ь i before е о (``Vasiliev``), otherwise dropped
    with ъ and the apostrophe, a final -chii / -ghii as -chi / -ghi (``Covalevschi``); in
    place names a final к is k (``Donețk``, ``Berdeansk``).  For :data:`RO_EQUIVALENT` of
    those children whose given name has a Moldovan form (:data:`RO_GIVEN`: ``Ion``,
    ``Alexandru``, ``Dumitru``, ``Ecaterina``, ``Elena``) the clerk wrote that instead (fixed
    per child and seed: :func:`writes_equivalent`).  A child on a birth certificate was
    entered on the accompanying parent's document, and for :data:`PARENT_DATE` of them (fixed
    per child and seed: :func:`parent_date`) the birth-date field, filled from that
    document, kept the PARENT's birth date (:func:`parent_birth_date`: an adult's date, fixed
    per family, :data:`PARENT_AGE` years before the eldest child's birth).  Each family was
    registered by one of :data:`N_CLERKS` clerks (:func:`clerk_of`), and a clerk's keyboard
    (fixed per clerk and seed: :func:`clerk_keyboard`, :data:`KEYBOARDS`) gives Romanian ș ț
    with the comma below (U+0219, U+021B: the standard layout), with the cedilla (ş ţ, U+015F,
    U+0163: the legacy layout that older Windows offered as "Romanian", still common in
    Moldova), or without diacritics (s t i), in every text field (:func:`keyboard`): the same
    letter in three encodings.  The settlement as the family named it (its Russian-source
    form for most, the Ukrainian for some), transcribed, ``or.`` (oraș) before it for
    :data:`ORAS` of the records; the removal month for some; the destination ``Federația
    Rusă``.  Rows in the order of arrival (months to two years after the removal, one date
    per family, a second arrival later: :func:`arrival_date`), numbered ``CH<row>``.

How they differ from the earlier profiles.  Transcriptions into other orthographies were
French, Polish (:mod:`.heldout6`), Czech (:mod:`.heldout7`), German (:mod:`.heldout4`),
Latvian (:mod:`.heldout14`), Lithuanian (:mod:`.heldout15`), Estonian (:mod:`.heldout16`),
Georgian (:mod:`.heldout20`) and Belarusian Latin (:mod:`.heldout`, :mod:`.heldout3`); none
Romanian, whose c/ch, g/gh, ce/ci, ea, î and x rules give other spellings, and none wrote one
letter as different characters by keyboard (ş and ș are two letters to Unicode, which no
normalisation form makes equal; :mod:`.heldout21`'s decomposed file names are the same
characters, composed or not).  No earlier record carries another person's (an adult's)
birth date (:mod:`.heldout11`'s applicant name kept the child's date; :mod:`.heldout19`'s act
date and :mod:`.heldout13`'s shifted dates are children's).  The spreadsheet processes so far
(AutoComplete :mod:`.heldout10`, sort with a gap :mod:`.heldout14`, partial and keypad dates
:mod:`.heldout16`, fill series :mod:`.heldout21`, a column pasted low :mod:`.heldout8`,
approximate lookup :mod:`.heldout9`, serial dates :mod:`.heldout13`, remove duplicates
:mod:`.heldout20`) never drop a value because of the types of the other values of its column,
nor lose the rows beyond a fixed range.  And earlier export and reading faults moved values within a row
(:mod:`.heldout11`'s unquoted commas) or merged a stray line into the row above
(:mod:`.heldout10`'s continuation rows); none split one record into several rows, making
fragment records of the same child.

Population: a quarter of families from institutions, few sent to Belarus, families of two or
three children common, capture shared within families.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import places as pl
from .lists import SCHEMA, ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists
from .romanise import by_word, romanise

NAME = "heldout_moldova_query_linebreaks"
_TAG = 0x48_3232  # this module's random streams (rewriting), apart from build()'s

SUMMARY = "ua_hromada_query_summary"
BOT = "ua_tg_intake_bot"
MOLDOVA = "md_chisinau_arrivals"
_COLUMNS = SCHEMA[1:]

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_SUMMARY = Style(  # year-only sheets, the QUERY types and the ranges applied by _rewrite_summary
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.5,
    typo=0.02,
    layout="uk",
    apostrophes=0.3,
    patronymic_missing=0.1,
    birth=(("day", 0.82), ("month", 0.03), ("year", 0.11), ("missing", 0.04)),
    sex_missing=0.02,
    place=(("uk_current", 1.0),),
    place_prefix=(("none", 0.6), ("type", 0.4)),
    place_missing=0.02,
    institution=(("uk", 0.7), ("uk_short", 0.3)),
    institution_missing=0.2,
    removal=(("exact", 0.6), ("month", 0.28), ("year", 0.04), ("missing", 0.08)),
    destination="uk_formal",
    destination_missing=0.2,
)
_BOT = Style(  # the answers' line breaks and Excel's rows applied by _split_applications
    name_lang=(("uk", 0.7), ("ru", 0.3)),
    follow_ru_docs=0.4,
    typo=0.03,
    layout="uk",
    russian_keyboard=0.05,
    apostrophes=0.4,
    drop_yo=0.5,
    patronymic_missing=0.4,
    birth=(("day", 0.8), ("year", 0.12), ("missing", 0.08)),
    sex_missing=0.02,
    place=(("uk_current", 0.5), ("uk_doc", 0.25), ("ru_src", 0.25)),
    place_prefix=(("none", 0.7), ("type", 0.3)),
    place_missing=0.04,
    institution=(("uk_short", 0.5), ("uk", 0.5)),
    institution_missing=0.2,
    removal=(("exact", 0.4), ("month", 0.4), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.1,
)
_MOLDOVA = Style(  # names and places transcribed into Romanian by _rewrite_moldova
    name_lang=(("uk", 1.0),),
    follow_ru_docs=1.0,
    patronymic_missing=0.3,
    birth=(("day", 0.97), ("missing", 0.03)),
    sex_missing=0.01,
    place=(("ru_src", 0.7), ("uk_current", 0.3)),
    place_missing=0.03,
    institution_missing=1.0,
    removal=(("month", 0.4), ("exact", 0.1), ("missing", 0.5)),
    destination="ru",
)


def heldout22_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (22nd): a Google Sheets summary pulled with QUERY/IMPORTRANGE, a Telegram bot's "
        "applications split at line breaks, a Moldovan register in Romanian spelling",
        PopulationSpec(
            share_institution=0.25,
            share_belarus=0.12,
            family_sizes=(0.46, 0.3, 0.14, 0.06, 0.03, 0.01),
            twin_rate=0.04,
            placed_institution=0.45,
            placed_family=0.08,
            reregistered=0.3,
            family_visibility=0.65,
        ),
        (
            ListSpec(
                SUMMARY,
                _SUMMARY,
                base=0.45,
                beta=0.8,
                mode_odds=(("family", 1.2),),
                duplicates=0.04,
                id_prefix="GS",
            ),
            ListSpec(
                BOT,
                _BOT,
                base=0.3,
                beta=0.9,
                mode_odds=(("family", 2.5), ("institution", 0.4)),
                duplicates=0.05,
                id_prefix="TG",
            ),
            ListSpec(
                MOLDOVA,
                _MOLDOVA,
                eligible="russia",
                base=0.25,
                beta=0.7,
                mode_odds=(("family", 3.0), ("institution", 0.2), ("placed", 0.2)),
                duplicates=0.02,
                id_prefix="CH",
            ),
        ),
        output_order=(SUMMARY, BOT, MOLDOVA),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: int, salt: int) -> np.random.Generator:
    """A generator fixed per sheet (or clerk) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, int(unit)])


# ---------------------------------------------------------------- the hromadas' sheets pulled with QUERY

#: share of the hromadas whose list was compiled from relatives' messages (mostly birth years)
YEAR_SHEETS = 0.25
#: share of the children of such a hromada for whom the clerk had only the year of birth
YEAR_ONLY = 0.75
#: days from the removal to a family's application (inclusive low, exclusive high)
APPLICATION_LAG = (14, 400)
#: days from a family's application to a second application about one of its children
SECOND_APPLICATION_LAG = (30, 300)
#: when the summary's IMPORTRANGE ranges were written
SUMMARY_SETUP = dt.date(2024, 3, 1)
#: the ranges were the rows a sheet had at the setup, rounded up to the next multiple of this
RANGE_STEP = 10
#: QUERY's data types of the cells, in the order that wins a tie (the author's choice)
TYPES = ("date", "number", "text")


def sheet_of(child: Child) -> int:
    """The hromada sheet (the settlement of origin, index into :data:`.places.SETTLEMENTS`)."""
    return child.origin


def year_sheet(seed: int, sheet: int) -> bool:
    """Whether the clerk of ``sheet`` had mostly birth years.  Fixed per sheet and seed."""
    return bool(_unit_rng(seed, sheet, 0x5953).random() < YEAR_SHEETS)


def year_only(seed: int, child: Child) -> bool:
    """Whether the clerk of a :func:`year_sheet` had only ``child``'s year of birth.  Fixed
    per child and seed."""
    return bool(_child_rng(seed, child, 0x594F).random() < YEAR_ONLY)


def entered_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s row was typed into its hromada's sheet (``second``: a second
    application about it).  Fixed per family (per child for a second application) and seed."""
    day = child.removal + dt.timedelta(days=int(_family_rng(seed, child, 0x454E).integers(*APPLICATION_LAG)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, 0x4553).integers(*SECOND_APPLICATION_LAG)))
    return day


def cell_type(value: str) -> str:
    """The data type Google Sheets (uk-UA) gives a typed date field: ``date`` (a full date),
    ``number`` (a year), ``text`` (a month written in words), ``""`` (empty)."""
    return {0: "", 4: "number", 7: "text", 10: "date"}[len(value)]


def majority_type(values: list[str]) -> str:
    """The type of the majority of the non-empty cells (ties in the order of :data:`TYPES`)."""
    counts = {t: 0 for t in TYPES}
    for v in values:
        if v:
            counts[cell_type(v)] += 1
    return max(TYPES, key=lambda t: (counts[t], -TYPES.index(t))) if any(counts.values()) else ""


def query_column(values: list[str]) -> list[str]:
    """A column as QUERY returns it: the cells of a type other than the majority's empty."""
    keep = majority_type(values)
    return [v if v and cell_type(v) == keep else "" for v in values]


def range_rows(rows_at_setup: int) -> int:
    """The rows an IMPORTRANGE range written for a sheet of ``rows_at_setup`` rows covers: the
    next multiple of :data:`RANGE_STEP` above them."""
    return RANGE_STEP * (rows_at_setup // RANGE_STEP + 1)


def _rewrite_summary(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    sheets: dict[int, list[tuple[dt.date, float, int]]] = {}
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        rec = rows[j]
        if year_sheet(seed, sheet_of(c)) and year_only(seed, c) and rec["birth_date"]:
            rec["birth_date"] = rec["birth_date"][:4]
        sheets.setdefault(sheet_of(c), []).append((entered_on(seed, c, kind == "duplicate"), float(rng.random()), j))
    order: list[int] = []
    ids: list[str] = []
    tabs = sorted(sheets, key=lambda s: pl.SETTLEMENTS[s].uk)  # the tabs in the order of the hromadas' names
    for t, sheet in enumerate(tabs):
        entries = sorted(sheets[sheet])
        at_setup = sum(day <= SUMMARY_SETUP for day, _, _ in entries)
        kept = [j for _, _, j in entries[: range_rows(at_setup)]]
        for col in ("birth_date", "removal_date"):
            for j, v in zip(kept, query_column([rows[j][col] for j in kept]), strict=True):
                rows[j][col] = v
        for r, j in enumerate(kept):
            _consistent(rows[j])
            order.append(j)
            ids.append(f"GS{t + 1:02d}-{r + 1:03d}")
    return rows, order, ids


# ---------------------------------------------------------------- the Telegram bot: answers split at line breaks

#: share of the "where from" answers typed on two lines (the settlement, then its oblast or raion)
BREAK_PLACE = 0.08
#: share of the institution answers typed on two lines (the name, then its town)
BREAK_INSTITUTION = 0.25
#: share of the "where taken" answers typed on two lines (the country, then the region or camp)
BREAK_DESTINATION = 0.25
#: the analysts deleted rows with fewer filled cells than this as blank
MIN_CELLS = 2
#: days from the removal to a family's application (inclusive low, exclusive high)
APPLIED_LAG = (3, 500)
#: days from a family's application to a second relative's application about a child
SECOND_APPLIED_LAG = (20, 300)
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def answers_of(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> list[list[str]]:
    """The lines of each answer of ``child``'s application (``rec``: the answers as the bot
    stored them on one line each; ``second``: a second relative's application): the place,
    the institution and the destination on two lines for the shares of the module docstring.
    Fixed per child, application and seed."""
    g = _child_rng(seed, child, 0x4C42 + int(second))
    place, inst, dest = (float(g.random()) for _ in range(3))
    raion = bool(g.random() < 0.5)
    out = [[rec[col]] for col in _COLUMNS]
    if rec["origin_settlement"] and place < BREAK_PLACE:
        si = child.origin
        below = pl.raion(si, "uk") if raion else pl.OBLASTS[pl.SETTLEMENTS[si].oblast]["uk"]
        out[_COLUMNS.index("origin_settlement")].append(below)
    if rec["origin_institution"] and inst < BREAK_INSTITUTION:  # a child of an institution is from its town
        out[_COLUMNS.index("origin_institution")].append(f"м. {pl.SETTLEMENTS[child.origin].uk}")
    if rec["destination"] and dest < BREAK_DESTINATION:
        out[_COLUMNS.index("destination")].append(pl.DESTINATIONS[child.destination].uk)
    return out


def export_text(answers: list[list[str]]) -> str:
    """The export script's line for an application: the answers joined by ``;``, unquoted,
    each answer's lines joined by the line break the relative typed."""
    return ";".join("\n".join(lines) for lines in answers)


def excel_rows(text: str) -> list[list[str]]:
    """The rows Excel makes of ``text`` (semicolon-separated, unquoted): one per physical
    line, its cells from the first column on, padded or cut to the nine columns."""
    out: list[list[str]] = []
    for line in text.split("\n"):
        cells = line.split(";")[: len(_COLUMNS)]
        out.append(cells + [""] * (len(_COLUMNS) - len(cells)))
    return out


def clean_row(cells: list[str]) -> dict[str, str] | None:
    """The analysts' cleaning of a row: a date column's value kept only if a date, the sex
    only if ``M`` or ``F``; ``None`` (deleted) for a row with fewer than :data:`MIN_CELLS`
    filled cells."""
    rec = dict(zip(_COLUMNS, cells, strict=True))
    for col in ("birth_date", "removal_date"):
        if not _ISO.fullmatch(rec[col]):
            rec[col] = ""
    if rec["sex"] not in ("M", "F"):
        rec["sex"] = ""
    if sum(bool(v) for v in rec.values()) < MIN_CELLS:
        return None
    return _consistent(rec)


def applied_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s application reached the bot (``second``: a second relative's).  Fixed
    per family (per child for a second application) and seed."""
    day = child.removal + dt.timedelta(days=int(_family_rng(seed, child, 0x4150).integers(*APPLIED_LAG)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, 0x4132).integers(*SECOND_APPLIED_LAG)))
    return day


def _split_applications(data: ProfileData, seed: int) -> ProfileData:
    """``data`` with :data:`BOT` (rendered one application per row) as the analysts' Excel
    table of the export (see the module docstring)."""
    li = data.list_names.index(BOT)
    frame, t = data.list_with_truth(BOT)
    pop = data.population
    rng = np.random.default_rng([int(seed), _TAG, 0x5442, li])
    keys: list[tuple[dt.date, float, int]] = []
    for r in range(len(frame)):
        c = pop.children[int(t["child"][r])]
        keys.append((applied_on(seed, c, t["kind"][r] == "duplicate"), float(rng.random()), r))
    rows: list[dict[str, str]] = []
    truths: list[tuple[int, str, str, bool]] = []
    for _, _, r in sorted(keys):
        c = pop.children[int(t["child"][r])]
        rec = {k: str(frame[k][r]) for k in _COLUMNS}
        parts = [
            clean_row(cells) for cells in excel_rows(export_text(answers_of(seed, c, rec, t["kind"][r] == "duplicate")))
        ]
        for k, part in enumerate(parts):
            if part is None:
                continue
            rows.append(part)
            if k == 0:
                truths.append((c.child_id, str(t["kind"][r]), str(t["source"][r]), bool(t["new_identity"][r])))
            else:  # a fragment of the application: a second record of the child
                truths.append((c.child_id, "duplicate", "", False))
    table = pd.DataFrame(rows, columns=list(_COLUMNS))
    table.insert(0, "record_id", [f"TG{r + 1:05d}" for r in range(len(rows))])
    table_truth = pd.DataFrame(truths, columns=["child", "kind", "source", "new_identity"]).assign(
        list=li, row=range(len(rows))
    )
    lists = tuple((name, table if name == BOT else f) for name, f in data.lists)
    per_list = [table_truth if k == li else data.truth[data.truth["list"] == k] for k in range(len(data.list_names))]
    truth = pd.concat(per_list, ignore_index=True)[["list", "row", "child", "kind", "source", "new_identity"]]
    return ProfileData(data.name, data.seed, lists, truth, pop)


# ---------------------------------------------------------------- the Moldovan register: Romanian spelling

#: share of the children holding a Ukrainian passport, by age at the removal: (ages below, share)
PASSPORT = ((6, 0.08), (14, 0.3), (18, 0.6))
#: share of the children on a birth certificate whose given name has a Moldovan form written so
RO_EQUIVALENT = 0.45
#: share of the children on a birth certificate whose birth date is the accompanying parent's
PARENT_DATE = 0.2
#: the parent's age in years at the birth of the family's eldest child (inclusive low, exclusive high)
PARENT_AGE = (19, 40)
#: clerks registering the families (a family registered by one, a second arrival by one drawn afresh)
N_CLERKS = 6
#: the clerks' keyboards: ș ț with the comma below, with the cedilla, or no diacritics
KEYBOARDS = (("comma", 0.5), ("cedilla", 0.35), ("plain", 0.15))
#: share of the records with ``or.`` (oraș, town) before the settlement
ORAS = 0.3
#: days from the removal to the family's arrival in Moldova (inclusive low, exclusive high)
ARRIVAL_LAG = (60, 700)
#: days from the first arrival to a second one
SECOND_ARRIVAL_LAG = (30, 365)
#: the destination in Romanian
RO_COUNTRY = "Federația Rusă"
#: Moldovan forms of given names (keyed by the Ukrainian form of :data:`.lexicon.GIVEN`)
RO_GIVEN: dict[str, str] = {
    "Олександр": "Alexandru", "Дмитро": "Dumitru", "Данило": "Daniel", "Іван": "Ion", "Андрій": "Andrei",
    "Михайло": "Mihai", "Кирило": "Chiril", "Матвій": "Matei", "Тимофій": "Timotei", "Ілля": "Ilie",
    "Микита": "Nichita", "Сергій": "Serghei", "Віталій": "Vitalie", "Олексій": "Alexei", "Євген": "Eugen",
    "Костянтин": "Constantin", "Юрій": "Iurie", "Петро": "Petru", "Павло": "Pavel", "Георгій": "Gheorghe",
    "Степан": "Ștefan", "Федір": "Teodor", "Яків": "Iacob", "Семен": "Simion", "Арсеній": "Arsenie",
    "Савелій": "Savelie", "Захар": "Zaharia", "В'ячеслав": "Veaceslav", "Анна": "Ana", "Катерина": "Ecaterina",
    "Єлизавета": "Elisabeta", "Христина": "Cristina", "Маргарита": "Margareta", "Соломія": "Salomeea",
    "Уляна": "Iuliana", "Стефанія": "Ștefania", "Дарина": "Daria", "Олена": "Elena", "Тетяна": "Tatiana",
    "Надія": "Nadejda", "Ксенія": "Xenia", "Наталія": "Natalia", "Ангеліна": "Anghelina",
}  # fmt: skip
_RO_LETTERS = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "j", "з": "z", "і": "i", "й": "i", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h",
    "ц": "ț", "ш": "ș", "ы": "î", "э": "e", "є": "ie",
}  # fmt: skip
_CYR_VOWELS = set("аеєиіїоуюяёыэ")
_HUSHING = set("жчшщц")
_APOSTROPHES = "'’ʼ`"
_K, _G, _CH = "K", "G", "Č"  # к, Russian г and ч before the letter after them is known
_KEYS: dict[str, dict[str, str]] = {
    "comma": {},
    "cedilla": {"ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"},
    "plain": {"ș": "s", "ț": "t", "Ș": "S", "Ț": "T", "î": "i", "Î": "I", "ă": "a", "â": "a", "Ă": "A", "Â": "A"},
}


def _romanian_word(word: str, lang: str, place: bool) -> str:
    low = word.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        ch = low[i]
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        after_consonant = bool(prev) and prev not in _CYR_VOWELS and prev not in "ьъ" + _APOSTROPHES
        if ch in _APOSTROPHES or ch == "ъ":
            pass
        elif ch == "ь":
            if nxt in ("е", "о"):
                out.append("i")  # Васильев Vasiliev, Ковальов Covaliov
        elif ch == "к" and nxt == "с":
            out.append("x")
            i += 1
        elif ch == "к":
            out.append(_K)
        elif ch in "гґ":
            out.append("h" if ch == "г" and lang == "uk" else _G)
        elif ch == "ч":
            out.append(_CH)
        elif ch == "щ":
            out.append("ș" + _CH)
        elif ch == "и":
            out.append("i" if lang == "ru" or (prev and prev in "чщ") else "î")
        elif ch == "я":
            out.append("a" if prev and prev in "иі" else "ea" if after_consonant else "ia")
        elif ch == "ю":
            out.append("u" if prev and prev in "иі" else "iu")
        elif ch == "ё":
            out.append("o" if prev in _HUSHING else "io")
        elif ch == "ї":
            out.append("i" if prev in _CYR_VOWELS else "ii")
        else:
            out.append(_RO_LETTERS.get(ch, ch))
        i += 1
    text = "".join(out)
    res: list[str] = []
    for k, ch in enumerate(text):
        nxt = text[k + 1] if k + 1 < len(text) else ""
        if ch == _K:
            res.append("ch" if nxt in ("e", "i") else "k" if place and not nxt else "c")
        elif ch == _G:
            res.append("gh" if nxt in ("e", "i") else "g")
        elif ch == _CH:
            res.append("c" if nxt in ("e", "i") else "ce" if nxt == "a" else "ci")
        else:
            res.append(ch)
    word_out = "".join(res)
    if word_out.endswith(("chii", "ghii")):
        word_out = word_out[:-1]  # Ковалевский Covalevschi
    return word_out


def romanian(text: str, lang: str, *, place: bool = False) -> str:
    """``text`` (Cyrillic, in its ``lang`` form: ``uk`` or ``ru``) in the simplified Romanian
    spelling of the module docstring, word by word, the case of the source kept (``place``:
    a place name, whose final к is k)."""
    return by_word(text, lambda w: _romanian_word(w, lang, place))


def keyboard(text: str, habit: str) -> str:
    """``text`` as typed on a keyboard ``habit`` (:data:`KEYBOARDS`): ș ț with the comma
    below (as written), with the cedilla, or without diacritics."""
    table = _KEYS[habit]
    return "".join(table.get(ch, ch) for ch in text)


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - int((on.month, on.day) < (birth.month, birth.day))


def holds_passport(seed: int, child: Child) -> bool:
    """Whether ``child`` showed a Ukrainian passport (only children with Ukrainian
    documents; the share by age at the removal, :data:`PASSPORT`).  Fixed per child and seed."""
    if child.doc_lang != "uk":
        return False
    age = _age(child.birth, child.removal)
    share = next((p for below, p in PASSPORT if age < below), PASSPORT[-1][1])
    return bool(_child_rng(seed, child, 0x5050).random() < share)


def writes_equivalent(seed: int, child: Child) -> bool:
    """Whether the clerk wrote ``child``'s given name in its Moldovan form (when it has one).
    Fixed per child and seed."""
    return bool(_child_rng(seed, child, 0x5245).random() < RO_EQUIVALENT)


def parent_date(seed: int, child: Child) -> bool:
    """Whether ``child`` (on a birth certificate) got the parent's birth date.  Fixed per child
    and seed."""
    return bool(_child_rng(seed, child, 0x5044).random() < PARENT_DATE)


def eldest_births(pop: Population) -> dict[int, dt.date]:
    """The birth date of each family's eldest child."""
    out: dict[int, dt.date] = {}
    for c in pop.children:
        out[c.family] = min(out.get(c.family, c.birth), c.birth)
    return out


def parent_birth_date(seed: int, child: Child, eldest: dt.date) -> dt.date:
    """The birth date of ``child``'s accompanying parent (``eldest``: the birth date of the
    family's eldest child).  Fixed per family and seed."""
    g = _family_rng(seed, child, 0x5041)
    years = int(g.integers(*PARENT_AGE))
    return eldest - dt.timedelta(days=365 * years + int(g.integers(0, 365)))


def clerk_of(seed: int, child: Child, second: bool = False) -> int:
    """The clerk who registered ``child``'s family (``second``: its second arrival).  Fixed per
    family (and arrival) and seed."""
    return int(_family_rng(seed, child, 0x434C + int(second)).integers(N_CLERKS))


def clerk_keyboard(seed: int, clerk: int) -> str:
    """The keyboard of ``clerk`` (:data:`KEYBOARDS`).  Fixed per clerk and seed."""
    u = float(_unit_rng(seed, clerk, 0x4B42).random())
    for habit, share in KEYBOARDS:
        if u < share:
            return habit
        u -= share
    return KEYBOARDS[-1][0]


def arrival_date(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s family reached Moldova (``second``: its second arrival).  Fixed per
    family (per child for a second arrival) and seed."""
    day = child.removal + dt.timedelta(days=int(_family_rng(seed, child, 0x4152).integers(*ARRIVAL_LAG)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, 0x4153).integers(*SECOND_ARRIVAL_LAG)))
    return day


def moldovan_record(
    seed: int, child: Child, rec: dict[str, str], second: bool, eldest: dt.date, oras: bool
) -> dict[str, str]:
    """``rec`` (the child's Cyrillic record) as the Moldovan register writes it (``second``: the
    second arrival; ``eldest``: the birth date of the family's eldest child; ``oras``: ``or.``
    before the settlement)."""
    out = dict(rec)
    lang = child.doc_lang  # the form of the papers shown (follow_ru_docs=1)
    if holds_passport(seed, child):
        out["family_name"] = romanise(rec["family_name"], "ua_2010")
        out["given_name"] = romanise(rec["given_name"], "ua_2010")
        out["patronymic"] = ""
    else:
        out["family_name"] = romanian(rec["family_name"], lang)
        uk_given = lx.GIVEN[child.given].uk
        if uk_given in RO_GIVEN and writes_equivalent(seed, child):
            out["given_name"] = RO_GIVEN[uk_given]
        else:
            out["given_name"] = romanian(rec["given_name"], lang)
        out["patronymic"] = romanian(rec["patronymic"], lang)
        if rec["birth_date"] and parent_date(seed, child):
            out["birth_date"] = parent_birth_date(seed, child, eldest).isoformat()
    town = rec["origin_settlement"]
    if town:
        town_lang = "ru" if town == pl.SETTLEMENTS[child.origin].ru_src else "uk"
        out["origin_settlement"] = ("or. " if oras else "") + romanian(town, town_lang, place=True)
    out["destination"] = RO_COUNTRY
    habit = clerk_keyboard(seed, clerk_of(seed, child, second))
    for col in ("family_name", "given_name", "patronymic", "origin_settlement", "destination"):
        out[col] = keyboard(out[col], habit)
    return _consistent(out)


def _rewrite_moldova(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    eldest = eldest_births(pop)
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        oras = bool(rng.random() < ORAS)
        rows[j] = moldovan_record(seed, c, rows[j], second, eldest[c.family], oras)
        keys.append((arrival_date(seed, c, second), float(rng.random()), j))
    order = [j for _, _, j in sorted(keys)]
    return rows, order, [f"CH{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the profile


def generate_heldout22(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWENTY-SECOND HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it, and the bot's applications split as Excel read them (see the module
    docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == SUMMARY:
            return _rewrite_summary(rows, truth, pop, seed, rng)
        if name == BOT:
            return rows, list(range(len(rows))), ids  # split into Excel's rows below
        if name == MOLDOVA:
            return _rewrite_moldova(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return _split_applications(rewrite_lists(build(heldout22_spec(), n, seed), seed, _TAG, rewrite), seed)
