"""NINETEENTH HELD-OUT error profile ``heldout_zags_mt_schools``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout18` (``heldout_manifests_socreg_requests``)
as the profile kept out of tuning, since the eighteen earlier held-out profiles were run,
and was run ONCE (2026-12-07, at the end of the session that left records too thin to link
out of the histories, on that session's first and last model: N̂ +0.6% both; bench/RESULTS.md);
:mod:`.heldout20` now replaces it as the profile kept out of tuning.  ``bench/linkage_harness.py``
runs it only with ``--heldout19``; the tests only check that it generates valid, deterministic
lists with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the eighteen earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout19`).  Per-child draws (whether a clerk
took the wrong date, how long after the birth the birth was registered) are fixed per child
AND seed (:func:`_child_rng`), per-family draws (the batch a family's children were sent
in) per family AND seed (:func:`_family_rng`), per-office, per-batch and per-school draws
(an office's or a school's habit, a batch's translator) per office (batch, school) AND
seed.  The shares are the author's judgement of what such lists hold (no published rate
exists for any of them); each is a named constant.

``ru_zags_cert_register``
    a leaked register of the Russian civil-registry (ZAGS) offices of the regions where
    children taken from Ukraine were placed, of the Russian birth certificates issued to
    them in place of their Ukrainian ones (only children sent to Russia), :data:`OFFICES_PER_REGION`
    offices per region of destination (a family's children at one: :func:`office_of`, fixed
    per family and seed), rows by office in the order the certificates were issued,
    numbered ``ZG<office>-<row>``: Russian forms, the patronymic, sex, the birthplace as
    Russian sources write it, the institution for some.  The clerk copies the data from the
    Ukrainian certificate, which prints two dates close together: the date of birth and,
    in the line of the birth's act record (``актовий запис № ... від ...``), the date the
    birth was registered, days to weeks after it.  In :data:`ACT_DATE_OFFICES` of the
    offices (fixed per office and seed: :func:`office_habit`) a clerk typed the act
    record's date into the birth date for :data:`ACT_DATE_ROWS` of the children (fixed per
    child and seed: :func:`took_act_date`), so the birth date is the registration date,
    :data:`REG_LAG` days after the birth (fixed per child and seed:
    :func:`registration_lag`; :data:`LATE_REGISTRATION` of the births registered months
    later); a full, plausible date, not the child's.
``ua_ru_mediation_mt``
    a list of children Ukraine passed to the Russian side through mediators, compiled in
    Ukrainian (Ukrainian forms, the patronymic, full birth dates for most, the settlement,
    the institution, the removal date and destination) and received back as the Russian
    side's working copy: the Russian office translated it into Russian batch by batch
    (:data:`N_BATCHES` batches, a family's children in one: :func:`batch_of`), rows by
    batch, numbered ``MD<batch>-<row>``.  A person translated a batch (names into their
    Russian forms, a word it did not know letter for letter), except :data:`MT_BATCHES`
    of the batches (fixed per batch and seed: :func:`machine_translated`), which went
    through an online machine translator: it gives the Russian forms of given names and
    patronymics too, but translates a family name that is a Ukrainian common noun as the
    noun (:data:`MT_NOUNS`, :func:`translate_name`: Коваль ``Кузнец``, Кравець ``Портной``,
    Швець ``Сапожник``, Кушнір ``Скорняк``), for a girl as for a boy.
``ua_school_dropout_lists``
    lists of pupils who stopped attending, sent by the Ukrainian schools of the occupied
    and front-line settlements (working remotely) to the education departments: only
    school-age children (:data:`SCHOOL_AGES` at the removal), one school per settlement,
    rows by school and then by family and given name, numbered ``SC<school>-<row>``:
    Ukrainian forms from the class register, the patronymic for most, the settlement, the
    institution for children of institutions, the month the pupil stopped attending.
    The lists were made from the schools' class-register exports, which have a column for
    the year the pupil entered the first form next to the birth date; :data:`ENTRY_YEAR_SCHOOLS`
    of the schools (fixed per school and seed: :func:`school_habit`) put that year in the
    birth date column (a year alone, :func:`entry_year`: six or seven years after the
    birth, by whether the child was six by 1 September), the others the birth date.

Population: a quarter of the families from institutions, few sent to Belarus, more
children placed in Russia.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_zags_mt_schools"
_TAG = 0x48_3139  # this module's random streams (rewriting), apart from build()'s

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_ZAGS = Style(  # the act record's date typed as the birth date by _rewrite_zags
    name_lang=(("ru", 1.0),),
    typo=0.01,
    layout="ru",
    drop_yo=0.2,
    patronymic_missing=0.03,
    birth=(("day", 1.0),),
    sex_missing=0.0,
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 1.0),),
    place_missing=0.05,
    institution=(("ru", 1.0),),
    institution_missing=0.6,
    removal=(("missing", 1.0),),
    destination="place_ru",
)
_MEDIATION = Style(  # rendered in Ukrainian; translated into Russian by _rewrite_mediation
    name_lang=(("uk", 1.0),),
    typo=0.0,
    layout="uk",
    patronymic_missing=0.1,
    birth=(("day", 0.9), ("year", 0.07), ("missing", 0.03)),
    sex_missing=0.05,
    place=(("uk_current", 1.0),),
    place_prefix=(("type", 0.6), ("none", 0.4)),
    place_missing=0.05,
    institution=(("uk", 1.0),),
    institution_missing=0.3,
    removal=(("exact", 0.6), ("month", 0.3), ("missing", 0.1)),
    destination="uk",
    destination_missing=0.3,
)
_SCHOOLS = Style(  # the entry year in the birth column applied by _rewrite_schools
    name_lang=(("uk", 1.0),),
    typo=0.02,
    layout="uk",
    apostrophes=0.3,
    patronymic_missing=0.2,
    birth=(("day", 0.97), ("missing", 0.03)),
    sex_missing=0.02,
    place=(("uk_current", 1.0),),
    place_prefix=(("type", 1.0),),
    place_missing=0.0,
    institution=(("uk_short", 1.0),),
    institution_missing=0.1,
    removal=(("month", 0.8), ("missing", 0.2)),
    destination="uk",
    destination_missing=1.0,
)


def heldout19_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (19th): a Russian civil-registry certificate register, a mediated list translated "
        "into Russian, Ukrainian schools' lists of pupils who stopped attending",
        PopulationSpec(
            share_institution=0.25,
            share_belarus=0.08,
            family_sizes=(0.5, 0.28, 0.13, 0.06, 0.02, 0.01),
            twin_rate=0.03,
            placed_institution=0.55,
            placed_family=0.12,
            reregistered=0.25,
            family_visibility=0.6,
        ),
        (
            ListSpec(
                "ru_zags_cert_register",
                _ZAGS,
                eligible="russia",
                base=0.4,
                beta=0.6,
                mode_odds=(("placed", 3.0), ("institution", 1.5)),
                duplicates=0.02,
                id_prefix="ZG",
            ),
            ListSpec(
                "ua_ru_mediation_mt",
                _MEDIATION,
                base=0.35,
                beta=0.8,
                mode_odds=(("institution", 1.5),),
                duplicates=0.02,
                id_prefix="MD",
            ),
            ListSpec(
                "ua_school_dropout_lists",
                _SCHOOLS,
                base=0.6,
                beta=0.7,
                mode_odds=(("family", 1.5),),
                duplicates=0.03,
                id_prefix="SC",
            ),
        ),
        output_order=("ru_zags_cert_register", "ua_ru_mediation_mt", "ua_school_dropout_lists"),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: int, salt: int) -> np.random.Generator:
    """A generator fixed per office (batch, school) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, int(unit)])


# ---------------------------------------------------------------- civil-registry certificates: the act record's date

#: share of the offices where a clerk typed the act record's date as the birth date
#: (author's judgement)
ACT_DATE_OFFICES = 0.35
#: share of a such office's children whose birth date is the act record's date (not every
#: clerk of the office did it; author's judgement)
ACT_DATE_ROWS = 0.6
#: days from a birth to its registration (inclusive low, exclusive high; author's judgement
#: of the month the law allows, with its stragglers)
REG_LAG = (2, 46)
#: share of the births registered late, :data:`LATE_LAG` days after (author's judgement)
LATE_REGISTRATION = 0.05
LATE_LAG = (46, 400)


#: civil-registry offices per region of destination
OFFICES_PER_REGION = 8


def office_of(seed: int, child: Child) -> int:
    """The office that issued ``child``'s certificate (one of its region's).  Fixed per
    family and seed."""
    return child.destination * OFFICES_PER_REGION + int(_family_rng(seed, child, 0x4F46).integers(OFFICES_PER_REGION))


def office_habit(seed: int, office: int) -> bool:
    """Whether a clerk of ``office`` typed the act record's date.  Fixed per office and seed."""
    return bool(_unit_rng(seed, office, 0x5A47).random() < ACT_DATE_OFFICES)


def took_act_date(seed: int, child: Child) -> bool:
    """Whether the clerk who issued ``child``'s certificate typed the act record's date (only
    in an office with that habit).  Fixed per child and seed."""
    return office_habit(seed, office_of(seed, child)) and bool(_child_rng(seed, child, 0x4144).random() < ACT_DATE_ROWS)


def registration_lag(seed: int, child: Child) -> int:
    """Days from ``child``'s birth to its registration.  Fixed per child and seed."""
    g = _child_rng(seed, child, 0x524C)
    lo, hi = LATE_LAG if g.random() < LATE_REGISTRATION else REG_LAG
    return int(g.integers(lo, hi))


def act_record_date(seed: int, child: Child) -> dt.date:
    """The date of ``child``'s birth act record (its registration)."""
    return child.birth + dt.timedelta(days=registration_lag(seed, child))


def _rewrite_zags(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, float, int]] = []
    for j, (rec, child_id) in enumerate(zip(rows, truth["child"], strict=True)):
        c = pop.children[int(child_id)]
        if took_act_date(seed, c) and len(rec["birth_date"]) == 10:
            rec["birth_date"] = act_record_date(seed, c).isoformat()
        _consistent(rec)
        keys.append((office_of(seed, c), float(rng.random()), j))
    keys.sort()
    offices = {d: i + 1 for i, d in enumerate(sorted({k[0] for k in keys}))}
    count: dict[int, int] = {}
    ids: list[str] = []
    for k in keys:
        count[k[0]] = count.get(k[0], 0) + 1
        ids.append(f"ZG{offices[k[0]]:03d}-{count[k[0]]:04d}")
    return rows, [k[-1] for k in keys], ids


# ---------------------------------------------------------------- the mediated list: translated batch by batch

#: batches the Russian office translated the list in
N_BATCHES = 16
#: share of the batches that went through the online machine translator (author's judgement)
MT_BATCHES = 0.5
#: family names the machine translator translates as Ukrainian common nouns (the male form;
#: these surnames do not change for a girl)
MT_NOUNS: dict[str, str] = {"Коваль": "Кузнец", "Кравець": "Портной", "Швець": "Сапожник", "Кушнір": "Скорняк"}


def _uk_to_ru() -> dict[str, str]:
    """The Russian form a translator gives a Ukrainian name form (names of the lexicon)."""
    out: dict[str, str] = {}
    for g in lx.GIVEN:
        out.setdefault(g.uk, g.ru)
    for f in lx.FATHERS:
        out.setdefault(f.uk_m, f.ru_m)
        out.setdefault(f.uk_f, f.ru_f)
    for s in lx.SURNAMES:
        for sex in ("M", "F"):
            out.setdefault(lx.surname_form(s, sex, "uk"), lx.surname_form(s, sex, "ru"))
    return out


_TO_RU = _uk_to_ru()


def batch_of(seed: int, child: Child) -> int:
    """The batch (0 to :data:`N_BATCHES` - 1) ``child``'s family was translated in.  Fixed
    per family and seed."""
    return int(_family_rng(seed, child, 0x4254).integers(N_BATCHES))


def machine_translated(seed: int, batch: int) -> bool:
    """Whether ``batch`` went through the machine translator.  Fixed per batch and seed."""
    return bool(_unit_rng(seed, batch, 0x4D54).random() < MT_BATCHES)


def translate_name(word: str, machine: bool) -> str:
    """A Ukrainian name form ``word`` in Russian: by the machine translator (``machine``: a
    family name of :data:`MT_NOUNS` as the noun) or by a person; a form neither knows
    letter for letter."""
    if machine and word in MT_NOUNS:
        return MT_NOUNS[word]
    if word in _TO_RU:
        return _TO_RU[word]
    return nz.uk_in_russian_letters(word, by_sound=False)


def _rewrite_mediation(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, float, int]] = []
    for j, (rec, child_id) in enumerate(zip(rows, truth["child"], strict=True)):
        c = pop.children[int(child_id)]
        b = batch_of(seed, c)
        machine = machine_translated(seed, b)
        for field in ("family_name", "given_name", "patronymic"):
            if rec[field]:
                rec[field] = " ".join(translate_name(w, machine) for w in rec[field].split())
        _consistent(rec)
        keys.append((b, float(rng.random()), j))
    keys.sort()
    count: dict[int, int] = {}
    ids: list[str] = []
    for k in keys:
        count[k[0]] = count.get(k[0], 0) + 1
        ids.append(f"MD{k[0] + 1:02d}-{count[k[0]]:04d}")
    return rows, [k[-1] for k in keys], ids


# ---------------------------------------------------------------- schools' lists: the entry year in the birth column

#: ages at the removal of the pupils the schools list (inclusive)
SCHOOL_AGES = (6, 17)
#: share of the schools that put the first-form entry year in the birth date column
#: (author's judgement)
ENTRY_YEAR_SCHOOLS = 0.3


def school_habit(seed: int, school: int) -> bool:
    """Whether ``school`` (one per settlement) put the entry year in the birth column.  Fixed
    per school and seed."""
    return bool(_unit_rng(seed, school, 0x5343).random() < ENTRY_YEAR_SCHOOLS)


def entry_year(birth: dt.date) -> int:
    """The year a child born on ``birth`` entered the first form: the year it was six by 1
    September."""
    return birth.year + (6 if (birth.month, birth.day) <= (9, 1) else 7)


def school_age(child: Child) -> bool:
    lo, hi = SCHOOL_AGES
    return lo <= nz.age_at(child.birth, child.removal) <= hi


def _rewrite_schools(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, str, str, float, int]] = []
    for j, (rec, child_id) in enumerate(zip(rows, truth["child"], strict=True)):
        c = pop.children[int(child_id)]
        if not school_age(c):
            continue  # not a pupil
        if school_habit(seed, c.origin) and rec["birth_date"]:
            rec["birth_date"] = str(entry_year(c.birth))
        _consistent(rec)
        keys.append((c.origin, rec["family_name"].casefold(), rec["given_name"].casefold(), float(rng.random()), j))
    keys.sort()
    schools = {s: i + 1 for i, s in enumerate(sorted({k[0] for k in keys}))}
    count: dict[int, int] = {}
    ids: list[str] = []
    for k in keys:
        count[k[0]] = count.get(k[0], 0) + 1
        ids.append(f"SC{schools[k[0]]:03d}-{count[k[0]]:04d}")
    return rows, [k[-1] for k in keys], ids


# ---------------------------------------------------------------- the profile


def generate_heldout19(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the NINETEENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == "ru_zags_cert_register":
            return _rewrite_zags(rows, truth, pop, seed, rng)
        if name == "ua_ru_mediation_mt":
            return _rewrite_mediation(rows, truth, pop, seed, rng)
        if name == "ua_school_dropout_lists":
            return _rewrite_schools(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout19_spec(), n, seed), seed, _TAG, rewrite)
