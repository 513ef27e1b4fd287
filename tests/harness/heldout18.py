"""EIGHTEENTH HELD-OUT error profile ``heldout_manifests_socreg_requests``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout17` (``heldout_masked_suggest_oms``)
as the profile kept out of tuning, since the seventeen earlier held-out profiles were run,
and was run ONCE (2026-12-07, +5.1%; bench/RESULTS.md); :mod:`.heldout19`
(``heldout_zags_mt_schools``) now replaces it as the profile kept out of tuning.  ``bench/linkage_harness.py`` runs it
only with ``--heldout18``; the tests only check that it generates valid, deterministic lists
with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the seventeen earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout18`).  Per-child draws (how a relative typed
the dates) are fixed per child AND seed (:func:`_child_rng`), per-family draws (when a family
applied, which city district it lived in) per family AND seed (:func:`_family_rng`),
per-manifest and per-department draws (a manifest's handwriting and transcriber, a
department's way of writing the address) per manifest (department) AND seed.  The shares
are the author's judgement of what such lists hold (no published rate exists for any of
them); each is a named constant.

``ua_bringback_requests``
    requests for help in bringing a child back, submitted by relatives on a Ukrainian
    NGO's website (online since :data:`FORM_LAUNCH`), one submission per child, rows in the
    order of submission (fixed per family: :func:`submission_date`; a second relative's
    submission later), numbered ``BR<row>``: Ukrainian forms (Russian for some relatives and
    for some children with Russian documents), typos, apostrophe variants, the patronymic
    often skipped, sex from a radio button, the settlement and institution as typed.  The
    site was made from a template whose date input is three number boxes in the US order
    ``MM / DD / YYYY`` (the labels were translated, the order was not), and the site's script
    builds the date as JavaScript does, ``new Date(year, month - 1, day)``, which does not
    refuse a month above 12 but rolls it into the following years.  A relative who typed the
    day first, in the Ukrainian order (:data:`DAY_FIRST` of the submissions, fixed per child,
    submission and seed: :func:`day_first`), got for a day up to 12 the day and month
    swapped, and for a day above 12 a date one or two years LATER (day 25 typed as the month:
    the January of the year after next, the true month as the day: :func:`typed_day_first`,
    :func:`js_date`), in the birth date and in an exact removal date alike.  Until
    :data:`FORM_FIXED` the server "cleaned" the name fields with a pattern written for Russian,
    ``[^А-Яа-яЁё -]`` removed, so every і ї є ґ and every apostrophe of a name was silently
    dropped (:func:`strip_non_russian`: ``Олйник``, ``Маря``, ``Лукяненко``, ``вген``,
    ``Андрйович``); Russian forms pass unchanged.  Families much more than institutions.
``occ_evac_manifests``
    passenger manifests of the buses that took children from occupied areas to Russia and
    Crimea ("evacuation", "rest"), one per removal group, handwritten by the escorts on
    printed forms (no sex column), photographed and transcribed by volunteers into a table,
    manifest after manifest in the order of departure, rows as written (a family's children
    together, eldest first; a child written twice at the end now and then), numbered
    ``MF<manifest>-<row>``: Russian forms (Ukrainian for a tenth), the patronymic for most,
    the town of departure and the institution, the departure date, the region of
    destination.  Each manifest's habits are fixed per manifest and seed
    (:func:`manifest_habit`).  :data:`DITTO_WRITERS` of the escorts wrote a ditto mark
    (their own: ``-//-``, ``—//—``, ``-"-``, ``〃``, ``то же``; :data:`DITTO_MARKS`) in a column
    where the row's value is the one above it on the same page (:data:`PAGE_ROWS` rows a
    page): the family name and patronymic of a child written after a brother or sister, the
    town and institution of a group; :data:`LITERAL` of the transcribers typed the marks as
    they saw them instead of the value above (:func:`ditto`), the others wrote the value.
    :data:`ROMAN` of the escorts wrote the birth month in Roman numerals
    (``12.IV.2012``), and the transcribers read a handwritten Roman month as its look-alike
    (:data:`ROMAN_CONFUSION`: IV and VI, IX and XI, II and III, VII and VIII, XI and XII, I and
    II) for :data:`MISREAD` of such dates (:func:`misread_month`; a reading that is no date is
    read again, rightly).  The year only for a tenth.  Only some manifests obtained (whole groups
    missing); children sent to Russia, institutions more.
``dnr_lnr_social_register``
    a leaked register of children kept by the occupation administrations' departments of
    labour and social protection in the Donetsk and Luhansk oblasts (only children of those
    oblasts): orphans and children deprived of parental care, under guardianship or moved
    on to Russia, so children of institutions and placed children much more than families.
    Russian forms, patronymic, full birth date, sex, the institution's legal name for many,
    the destination region for most.  Every department registers the children of its
    territory, and the big cities have a department per city district: a family of Donetsk,
    Makiivka, Horlivka, Luhansk or Mariupol lives in one of the city's districts (fixed per
    family and seed: :func:`district_of`, :data:`CITY_DISTRICTS`, Mariupol's by their names
    before the 2016 renames, which the occupation administration uses).  Each department
    writes the origin its own way (fixed per department and seed:
    :func:`department_practice`, :data:`DEPT_FORMS`): the district alone (``Кировский
    р-н``: the city goes without saying in its own office, and the same district names recur
    across cities: Кировский in Donetsk and Makiivka, Ленинский in Donetsk and Luhansk,
    Калининский in Donetsk and Horlivka, Жовтневый in Luhansk and Mariupol), the city with
    the district (``г. Донецк, Кировский р-н``), or the city.  Rows by department, then
    family and given name, numbered ``SZ<department>-<row>``; a child registered again when
    its case was reopened has a second row.

Population: three families in ten from institutions, few sent to Belarus, families of two
or three children common, more children placed in Russia.
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

NAME = "heldout_manifests_socreg_requests"
_TAG = 0x48_3138  # this module's random streams (rewriting), apart from build()'s

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_REQUESTS = Style(  # dates typed into the US-ordered boxes and names cleaned by _rewrite_requests
    name_lang=(("uk", 0.85), ("ru", 0.15)),
    follow_ru_docs=0.5,
    typo=0.03,
    layout="uk",
    apostrophes=0.4,
    patronymic_missing=0.35,
    birth=(("day", 0.93), ("missing", 0.07)),
    sex_missing=0.02,
    place=(("uk_current", 0.8), ("uk_doc", 0.2)),
    place_prefix=(("none", 0.6), ("type", 0.4)),
    place_missing=0.05,
    institution=(("uk_short", 0.6), ("uk", 0.4)),
    institution_missing=0.4,
    removal=(("exact", 0.7), ("missing", 0.3)),
    destination="uk",
    destination_missing=0.3,
)
_MANIFESTS = Style(  # ditto marks and Roman months applied by _rewrite_manifests
    name_lang=(("ru", 0.9), ("uk", 0.1)),
    typo=0.02,
    layout="ru",
    drop_yo=0.5,
    patronymic_missing=0.15,
    birth=(("day", 0.9), ("year", 0.1)),
    sex_missing=1.0,
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 0.7), ("none", 0.3)),
    place_missing=0.03,
    institution=(("ru_short", 0.6), ("ru", 0.4)),
    institution_missing=0.15,
    removal=(("exact", 1.0),),
    destination="place_ru",
)
_SOCREG = Style(  # the origin rewritten by each department's practice in _rewrite_socreg
    name_lang=(("ru", 1.0),),
    typo=0.01,
    layout="ru",
    drop_yo=0.3,
    patronymic_missing=0.02,
    birth=(("day", 0.97), ("missing", 0.03)),
    sex_missing=0.01,
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 1.0),),
    place_missing=0.03,
    institution=(("ru_legal", 0.6), ("ru", 0.4)),
    institution_missing=0.2,
    removal=(("exact", 0.5), ("month", 0.3), ("missing", 0.2)),
    destination="place_ru",
    destination_missing=0.2,
)


def heldout18_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (18th): relatives' requests on an NGO's website, transcribed bus manifests, "
        "an occupation social-protection register",
        PopulationSpec(
            share_institution=0.3,
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
                "ua_bringback_requests",
                _REQUESTS,
                base=0.4,
                beta=0.9,
                mode_odds=(("institution", 0.3),),
                duplicates=0.07,
                id_prefix="BR",
            ),
            ListSpec(
                "occ_evac_manifests",
                _MANIFESTS,
                eligible="russia",
                base=0.6,
                beta=0.6,
                mode_odds=(("institution", 1.5),),
                wave_cover=0.45,
                duplicates=0.02,
                id_prefix="MF",
            ),
            ListSpec(
                "dnr_lnr_social_register",
                _SOCREG,
                base=0.45,
                beta=0.8,
                mode_odds=(("institution", 3.0), ("placed", 2.0), ("family", 0.5)),
                duplicates=0.03,
                id_prefix="SZ",
            ),
        ),
        output_order=("ua_bringback_requests", "occ_evac_manifests", "dnr_lnr_social_register"),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: int, salt: int) -> np.random.Generator:
    """A generator fixed per manifest (or department) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, int(unit)])


def _pick(g: np.random.Generator, mix: tuple[tuple[str, float], ...]) -> str:
    p = np.array([w for _, w in mix])
    return mix[int(g.choice(len(mix), p=p / p.sum()))][0]


# ---------------------------------------------------------------- relatives' requests: US-ordered date boxes, a Russian pattern

#: the day the request form went online (earlier removals are requested from then on)
FORM_LAUNCH = dt.date(2022, 4, 1)
#: the day the server's name-cleaning pattern was corrected (earlier submissions lost і ї є ґ ')
FORM_FIXED = dt.date(2023, 7, 1)
#: share of submissions whose relative typed the day into the first (month) box
DAY_FIRST = 0.3
#: what the server kept of a name before FORM_FIXED (the rest removed)
_RUSSIAN_ONLY = re.compile(r"[^А-Яа-яЁё \-]")


def submission_date(seed: int, child: Child, duplicate: bool) -> dt.date:
    """When a relative submitted the request about ``child`` (a family's relatives together;
    a second relative's request later).  Fixed per family and seed."""
    g = _family_rng(seed, child, 0x5342)
    first = max(child.removal, FORM_LAUNCH) + dt.timedelta(days=int(g.integers(3, 600)))
    later = first + dt.timedelta(days=int(g.integers(14, 365)))
    return later if duplicate else first


def day_first(seed: int, child: Child, duplicate: bool) -> bool:
    """Whether the relative who submitted this request typed dates day first.  Fixed per
    child, submission and seed."""
    return bool(_child_rng(seed, child, 0x4446 + int(duplicate)).random() < DAY_FIRST)


def js_date(year: int, month: int, day: int) -> dt.date:
    """``new Date(year, month - 1, day)`` of JavaScript for positive ``month`` and ``day``:
    a month above 12 rolls into the following years, a day past the month's end into the
    following months."""
    first = dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return first + dt.timedelta(days=day - 1)


def typed_day_first(d: dt.date) -> dt.date:
    """The date the site stored when ``d`` was typed day first into ``MM / DD / YYYY`` boxes."""
    return js_date(d.year, d.day, d.month)


def strip_non_russian(name: str) -> str:
    """``name`` after the server removed what the Russian-only pattern does not allow."""
    return " ".join(_RUSSIAN_ONLY.sub("", name).split())


def _rewrite_requests(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float]] = []
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        c = pop.children[int(child_id)]
        dup = kind == "duplicate"
        submitted = submission_date(seed, c, dup)
        if day_first(seed, c, dup):
            for field in ("birth_date", "removal_date"):
                if len(rec[field]) == 10:
                    rec[field] = typed_day_first(dt.date.fromisoformat(rec[field])).isoformat()
        if submitted < FORM_FIXED:
            for field in ("family_name", "given_name", "patronymic"):
                rec[field] = strip_non_russian(rec[field])
        _consistent(rec)
        keys.append((submitted, float(rng.random())))
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    return rows, order, [f"BR{k + 1:05d}" for k in range(len(order))]


# ---------------------------------------------------------------- bus manifests: ditto marks and Roman months

#: share of the escorts who wrote ditto marks for a value repeated from the row above
DITTO_WRITERS = 0.6
#: share of the transcribers who typed a ditto mark as they saw it (the others wrote the value)
LITERAL = 0.35
#: the ditto marks escorts write (one per escort)
DITTO_MARKS = ("-//-", "—//—", '-"-', "〃", "то же")
#: the columns where escorts write ditto marks
DITTO_COLUMNS = ("family_name", "patronymic", "origin_settlement", "origin_institution")
#: rows a manifest page holds (an escort writes the value again at the top of a page)
PAGE_ROWS = 20
#: share of the escorts who wrote the birth month in Roman numerals
ROMAN = 0.35
#: share of the Roman months (with a look-alike) a transcriber read as the look-alike
MISREAD = 0.15
#: the month a handwritten Roman month is misread as (its look-alikes, uniform)
ROMAN_CONFUSION: dict[int, tuple[int, ...]] = {
    1: (2,), 2: (1, 3), 3: (2,), 4: (6,), 6: (4,), 7: (8,), 8: (7,), 9: (11,), 11: (9, 12), 12: (11,),
}  # fmt: skip
ROMAN_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def manifest_habit(seed: int, manifest: int) -> tuple[bool, str, bool, bool]:
    """A manifest's habits: (its escort writes ditto marks, the escort's mark, its transcriber
    types them literally, its escort writes Roman months).  Fixed per manifest (removal
    group) and seed."""
    g = _unit_rng(seed, manifest, 0x4D46)
    writes = bool(g.random() < DITTO_WRITERS)
    mark = DITTO_MARKS[int(g.integers(len(DITTO_MARKS)))]
    literal = bool(g.random() < LITERAL)
    roman = bool(g.random() < ROMAN)
    return writes, mark, literal, roman


def misread_month(d: dt.date, rng: np.random.Generator) -> dt.date:
    """``d`` after a transcriber read its Roman month, for :data:`MISREAD` of the months that
    have a look-alike (``d`` when the reading is no date)."""
    options = ROMAN_CONFUSION.get(d.month, ())
    if not options or rng.random() >= MISREAD:
        return d
    month = options[int(rng.integers(len(options)))]
    try:
        return d.replace(month=month)
    except ValueError:  # 31.VII read as 31.VIII is a date, 31.XII as 31.XI is not: read again
        return d


def ditto(rows: Rows, order: list[int], mark: str, literal: bool) -> None:
    """The columns of a manifest's rows ``order`` (as written, top to bottom) after its escort
    wrote ``mark`` for a value repeated from the row above on the same page, as transcribed:
    the mark itself when ``literal``, otherwise the value (unchanged)."""
    if not literal:
        return
    written = [{k: rows[j][k] for k in DITTO_COLUMNS} for j in order]
    for r in range(1, len(order)):
        if r % PAGE_ROWS == 0:
            continue
        for k in DITTO_COLUMNS:
            if written[r][k] and written[r][k] == written[r - 1][k]:
                rows[order[r]][k] = mark


def _rewrite_manifests(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    waves = [pop.children[int(c)].wave for c in truth["child"]]
    family_rank = {f: float(rng.random()) for f in sorted({pop.children[int(c)].family for c in truth["child"]})}
    keys: list[tuple[dt.date, int, int, float, int, int]] = []
    for j, (rec, child_id, kind) in enumerate(zip(rows, truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        dup = int(kind == "duplicate")  # a child written twice: at the end of the manifest
        rank = float(rng.random()) if dup else family_rank[c.family]
        keys.append((pop.waves[c.wave].date, c.wave, dup, rank, c.child_id, j))
        _, _, _, roman = manifest_habit(seed, c.wave)
        if roman and len(rec["birth_date"]) == 10:
            rec["birth_date"] = misread_month(dt.date.fromisoformat(rec["birth_date"]), rng).isoformat()
    keys.sort()
    order = [k[-1] for k in keys]
    ids: list[str] = []
    manifests = sorted({waves[j] for j in order}, key=lambda w: (pop.waves[w].date, w))
    number = {w: i + 1 for i, w in enumerate(manifests)}
    start = 0
    while start < len(order):
        w = waves[order[start]]
        end = start
        while end < len(order) and waves[order[end]] == w:
            end += 1
        writes, mark, literal, _ = manifest_habit(seed, w)
        if writes:
            ditto(rows, order[start:end], mark, literal)
        ids += [f"MF{number[w]:04d}-{r + 1:03d}" for r in range(end - start)]
        start = end
    for rec in rows:
        _consistent(rec)
    return rows, order, ids


# ---------------------------------------------------------------- the occupation social-protection register: districts

#: the oblasts whose occupation administrations kept the register
SOCREG_OBLASTS = ("D", "L")
#: the districts of the cities with a department per district, by the city's Ukrainian name:
#: their Russian names as the register writes them (Mariupol's as before the 2016 renames)
CITY_DISTRICTS: dict[str, tuple[str, ...]] = {
    "Донецьк": ("Будённовский", "Ворошиловский", "Калининский", "Киевский", "Кировский", "Куйбышевский",
                "Ленинский", "Петровский", "Пролетарский"),
    "Макіївка": ("Горняцкий", "Кировский", "Советский", "Центрально-Городской", "Червоногвардейский"),
    "Горлівка": ("Калининский", "Никитовский", "Центрально-Городской"),
    "Луганськ": ("Артёмовский", "Жовтневый", "Каменнобродский", "Ленинский"),
    "Маріуполь": ("Жовтневый", "Ильичёвский", "Орджоникидзевский", "Приморский"),
}  # fmt: skip
#: how a department writes the origin of a child of its city: the district alone, the city
#: with the district, or the city
DEPT_FORMS = (("district", 0.45), ("district_city", 0.35), ("city", 0.2))
_UK_INDEX = {s.uk: i for i, s in enumerate(pl.SETTLEMENTS)}


def district_of(seed: int, child: Child) -> int:
    """The district (index into :data:`CITY_DISTRICTS` of ``child``'s city) its family lived
    in, ``-1`` for a settlement without districts.  Fixed per family and seed."""
    districts = CITY_DISTRICTS.get(pl.SETTLEMENTS[child.origin].uk)
    if not districts:
        return -1
    return int(_family_rng(seed, child, 0x4453).integers(len(districts)))


def department(seed: int, child: Child) -> tuple[int, int]:
    """The department that registered ``child``: (its settlement, its district or ``-1``)."""
    return child.origin, district_of(seed, child)


def department_practice(seed: int, dept: tuple[int, int]) -> str:
    """How department ``dept`` writes a child's origin (a key of :data:`DEPT_FORMS`; ``city``
    for a settlement without districts).  Fixed per department and seed."""
    if dept[1] < 0:
        return "city"
    return _pick(_unit_rng(seed, dept[0] * 32 + dept[1], 0x4450), DEPT_FORMS)


def district_origin(settlement: int, district: int, how: str) -> str:
    """The origin as a department writing ``how`` puts it (``""`` for ``city``: unchanged)."""
    s = pl.SETTLEMENTS[settlement]
    name = CITY_DISTRICTS[s.uk][district] + " р-н"
    if how == "district":
        return name
    if how == "district_city":
        return f"г. {s.ru_src}, {name}"
    return ""


def _rewrite_socreg(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, int, str, str, float, int]] = []
    for j, (rec, child_id) in enumerate(zip(rows, truth["child"], strict=True)):
        c = pop.children[int(child_id)]
        if pl.SETTLEMENTS[c.origin].oblast not in SOCREG_OBLASTS:
            continue  # not a child of the occupation administrations' territory
        dept = department(seed, c)
        how = department_practice(seed, dept)
        if rec["origin_settlement"] and how != "city":
            rec["origin_settlement"] = district_origin(dept[0], dept[1], how)
        _consistent(rec)
        keys.append(
            (dept[0], dept[1], rec["family_name"].casefold(), rec["given_name"].casefold(), float(rng.random()), j)
        )
    keys.sort()
    number = {d: i + 1 for i, d in enumerate(sorted({(k[0], k[1]) for k in keys}))}
    count: dict[tuple[int, int], int] = {}
    ids: list[str] = []
    for k in keys:
        d = (k[0], k[1])
        count[d] = count.get(d, 0) + 1
        ids.append(f"SZ{number[d]:02d}-{count[d]:04d}")
    return rows, [k[-1] for k in keys], ids


# ---------------------------------------------------------------- the profile


def generate_heldout18(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the EIGHTEENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == "ua_bringback_requests":
            return _rewrite_requests(rows, truth, pop, seed, rng)
        if name == "occ_evac_manifests":
            return _rewrite_manifests(rows, truth, pop, seed, rng)
        if name == "dnr_lnr_social_register":
            return _rewrite_socreg(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout18_spec(), n, seed), seed, _TAG, rewrite)
