"""SEVENTEENTH HELD-OUT error profile ``heldout_masked_suggest_oms``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout16` (``heldout_estonia_exceldates_plurals``)
as the profile kept out of tuning, since the sixteen earlier held-out profiles were run, and
was run ONCE (2026-12-07, +48.9%; bench/RESULTS.md): :mod:`.heldout18`
(``heldout_manifests_socreg_requests``) now replaces it as the profile kept out of tuning.
``bench/linkage_harness.py`` runs it only with ``--heldout17``; the tests only check that it
generates valid, deterministic lists with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the sixteen earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout17`).  Per-child draws (when an appeal was
registered) are fixed per child AND seed (:func:`_child_rng`), per-family draws (which council
decided on a family, and when) per family AND seed (:func:`_family_rng`), per-council and
per-office draws (a council's masking practice, an insurance office's habit) per council
(office) AND seed.  The shares are the author's judgement of what such lists hold (no
published rate exists for any of them); each is a named constant.

``ua_ombudsman_appeals``
    the register of appeals (звернення) about children taken to Russia or Belarus kept by a
    Ukrainian parliamentary commissioner's office, from its hotline and online appeals, rows
    in the order of registration (weeks to two years after the removal; a second appeal
    about a child, by another relative, later), numbered ``ZV<year>-<row>``: Ukrainian forms
    (Russian for some callers and for some children with Russian documents), typos,
    apostrophe variants, patronymic often skipped, birth date, year or nothing.  Appeals
    registered before :data:`CRM_START` were kept in a spreadsheet and imported as typed.
    From then on the operators typed into a case-management form whose sex radio button
    comes first and defaults to ``чоловіча``: for :data:`SEX_DEFAULT` of the girls it was
    left so (the record says ``M``).  The form's given-name and patronymic fields suggest,
    as the operator types, the names of the selected sex from the civil registry's
    dictionaries, most frequent first (:data:`GIVEN_DICT`, :data:`PATRONYMIC_DICT`); for
    :data:`TAPPED` of the fields (where the selected sex is the child's) the operator typed
    two or three letters and took the first suggestion (:func:`autocomplete`): a name that
    shares its first letters with a more frequent one became that one (``Олег`` and
    ``Олексій`` -> ``Олександр``, ``Маргарита`` -> ``Марія``, ``Аліса`` -> ``Аліна``,
    ``Тимур`` -> ``Тимофій``, ``Олена`` -> ``Олександра``; patronymics ``Олексійович`` ->
    ``Олександрович``, ``Валентинівна`` -> ``Валеріївна``), and a Russian form typed by the
    letters it shares with a Ukrainian one became that (``Дмитрий`` -> ``Дмитро``).  When the
    radio button was left at the default for a girl the suggestions did not fit and the
    operator typed the name out.  Families much more than institutions.
``ua_status_decisions``
    decisions of hromadas' executive committees granting the status of a child affected by
    hostilities on the ground of deportation or forcible displacement (the status the
    children's services grant on a parent's application, Cabinet of Ministers Resolution
    No. 268 of 2017 as amended in 2022), published on the councils' websites and collected
    by an analyst from the decisions' annexes (nominative case), one row per child.  The
    council deciding is where the family lives now (one of :data:`N_COUNCILS` hromadas of
    government-controlled Ukraine, a few cities most, fixed per family: :func:`council_of`); a family that moved on was decided on again by a
    second council (:func:`second_council`).  Each council publishes its decisions with
    personal data masked by its own practice (fixed per council and seed:
    :func:`council_practice`, :data:`MASKS`): the family name with its first and last
    letters and a star for each letter between (``К*******о``), its first three letters and
    three stars (``Ков***``), its initial (``К.``), or whole with the given name and
    patronymic as initials (``Коваленко М. О.`` split into the fields as ``М.`` and ``О.``),
    or nothing masked; the birth date in full, the year only (``**.**.2012``) or masked out
    entirely (:data:`BIRTH_MASKS`); the address from which the family was displaced kept as
    the settlement, or masked out (:data:`ORIGIN_MASKED` of the councils).  Ukrainian forms
    (Russian for some children with Russian documents), the patronymic for most, sex for
    half (``малолітній`` / ``малолітня``), the removal month for some, the country for half.
    Rows by council, then date of the decision (one date for a family's children),
    numbered ``SD<council>-<row>``.  Families and the Belarus programme more than
    institutions and placed children (a parent applies).
``ru_oms_extract``
    an extract of Russian regional compulsory-medical-insurance registers (policies issued to
    children who arrived from Ukraine and the occupied territories) obtained by
    investigators: only children sent to Russia, placed children and children of
    institutions more; Russian forms, the identity given in Russia for most re-registered
    children, patronymic, full birth date, sex, the birthplace of the document as origin for
    many (Russian-source names), the region as destination, rows by region and family name,
    numbered ``TF<region>-<row>``.  The insurance clerks rendered the names of a child with
    Ukrainian documents into Russian themselves, and a Ukrainian name has more than one
    Russian rendering in use: each regional office has its habit (fixed per region and
    seed: :func:`office_habit`, :data:`ALT_OFFICE`): an office that writes the names as
    they sound uses the other rendering (:data:`ALT_GIVEN`: ``Дарина`` for Дарина where the
    usual is ``Дарья``, ``Алёна`` for Олена, ``Софья``, ``Наталия``, ``Данила``,
    ``Катерина``, ``Христина``, ``Таисья``, ``Соломея``, ``Надия``; :data:`ALT_PATRONYMIC`:
    ``Юриевич``, ``Валериевна``, ``Анатолиевич``, ``Евгениевна``, ``Дмитрович``) for most
    such names (:data:`ALT_FORM` ``alt``), the other offices now and then (``standard``).  Names
    of children with Russian documents and new identities are copied as they are.

Population: a quarter of families from institutions, few sent to Belarus, families of two or
three children common, more children placed in Russia, capture shared within families.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from . import lexicon as lx
from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_masked_suggest_oms"
_TAG = 0x48_3137  # this module's random streams (rewriting), apart from build()'s

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_APPEALS = Style(  # sex defaults and name suggestions applied by _rewrite_appeals
    name_lang=(("uk", 0.85), ("ru", 0.15)),
    follow_ru_docs=0.4,
    typo=0.03,
    layout="uk",
    apostrophes=0.4,
    patronymic_missing=0.25,
    birth=(("day", 0.75), ("year", 0.15), ("missing", 0.1)),
    sex_missing=0.02,
    place=(("uk_current", 0.8), ("uk_doc", 0.2)),
    place_prefix=(("none", 0.5), ("type", 0.5)),
    place_missing=0.05,
    institution=(("uk_short", 0.6), ("uk", 0.4)),
    institution_missing=0.3,
    removal=(("exact", 0.45), ("month", 0.35), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.3,
)
_DECISIONS = Style(  # names, birth dates and places masked by _rewrite_decisions
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.3,
    typo=0.01,
    layout="uk",
    apostrophes=0.3,
    patronymic_missing=0.1,
    birth=(("day", 0.97), ("missing", 0.03)),
    sex_missing=0.5,
    place=(("uk_current", 0.7), ("uk_doc", 0.3)),
    place_prefix=(("type", 0.8), ("oblast", 0.2)),
    place_missing=0.05,
    institution=(("uk", 0.6), ("uk_short", 0.4)),
    institution_missing=0.3,
    removal=(("month", 0.3), ("missing", 0.7)),
    destination="uk_formal",
    destination_missing=0.5,
)
_OMS = Style(  # a child's Ukrainian names rendered by the office's habit by _rewrite_oms
    name_lang=(("ru", 1.0),),
    show_new_identity=0.6,
    typo=0.01,
    layout="ru",
    patronymic_missing=0.03,
    birth=(("day", 0.97), ("missing", 0.03)),
    birthplace_as_origin=0.6,
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 0.6), ("oblast", 0.4)),
    place_missing=0.1,
    institution=(("ru", 0.5), ("ru_legal", 0.5)),
    institution_missing=0.5,
    removal=(("missing", 0.85), ("month", 0.15)),
    destination="place_ru",
)


def heldout17_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (17th): an ombudsman's appeals (a form's name suggestions, sex default), "
        "councils' status decisions (names masked by each council), a Russian medical-insurance "
        "extract (each office's Russian renderings of Ukrainian names)",
        PopulationSpec(
            share_institution=0.25,
            share_belarus=0.15,
            family_sizes=(0.45, 0.3, 0.15, 0.06, 0.03, 0.01),
            twin_rate=0.03,
            placed_institution=0.5,
            placed_family=0.1,
            reregistered=0.35,
            family_visibility=0.65,
        ),
        (
            ListSpec(
                "ua_ombudsman_appeals",
                _APPEALS,
                base=0.5,
                beta=0.8,
                mode_odds=(("institution", 0.3),),
                duplicates=0.08,
                id_prefix="ZV",
            ),
            ListSpec(
                "ua_status_decisions",
                _DECISIONS,
                base=0.35,
                beta=0.9,
                mode_odds=(("institution", 0.4), ("placed", 0.3)),
                duplicates=0.04,
                id_prefix="SD",
            ),
            ListSpec(
                "ru_oms_extract",
                _OMS,
                eligible="russia",
                base=0.35,
                beta=0.6,
                mode_odds=(("placed", 3.0), ("institution", 1.5)),
                duplicates=0.03,
                id_prefix="TF",
            ),
        ),
        output_order=("ua_ombudsman_appeals", "ua_status_decisions", "ru_oms_extract"),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: int, salt: int) -> np.random.Generator:
    """A generator fixed per council (or office) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, int(unit)])


# ---------------------------------------------------------------- the ombudsman's appeals: suggestions and a default

#: the date the case-management form replaced the spreadsheet (earlier appeals imported as typed)
CRM_START = dt.date(2023, 3, 1)
#: share of girls whose appeal in the form kept the sex radio button's default (male)
SEX_DEFAULT = 0.12
#: share of given-name and of patronymic fields where the operator took the first suggestion
TAPPED = 0.4
#: letters typed before taking the suggestion (uniform)
TYPED_LETTERS = (2, 3)
#: the civil registry's dictionaries the form suggests from, by sex, most frequent first
GIVEN_DICT: dict[str, tuple[str, ...]] = {
    sex: tuple(g.uk for g in lx.GIVEN if g.sex == sex) for sex in ("M", "F")
}  # the lexicon's order is the names' popularity
PATRONYMIC_DICT: dict[str, tuple[str, ...]] = {
    "M": tuple(f.uk_m for f in lx.FATHERS),
    "F": tuple(f.uk_f for f in lx.FATHERS),
}  # the fathers' names' popularity


def suggestion(typed: str, dictionary: tuple[str, ...]) -> str:
    """The form's first suggestion for the letters ``typed`` (``""`` when none starts so)."""
    key = typed.casefold()
    return next((w for w in dictionary if w.casefold().startswith(key)), "")


def autocomplete(value: str, dictionary: tuple[str, ...], letters: int) -> str:
    """``value`` after the operator typed its first ``letters`` letters and took the first
    suggestion (kept as typed when it is no longer than that or nothing is suggested)."""
    if len(value) <= letters:
        return value
    return suggestion(value[:letters], dictionary) or value


def appeal_date(seed: int, child: Child, duplicate: bool) -> dt.date:
    """When an appeal about ``child`` was registered (a second relative's appeal later).
    Fixed per child and seed."""
    g = _child_rng(seed, child, 0x5A56)
    first = child.removal + dt.timedelta(days=int(g.integers(14, 730)))
    later = first + dt.timedelta(days=int(g.integers(20, 400)))
    return later if duplicate else first


def _rewrite_appeals(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float]] = []
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        c = pop.children[int(child_id)]
        registered = appeal_date(seed, c, kind == "duplicate")
        if registered >= CRM_START:
            if rec["sex"] == "F" and rng.random() < SEX_DEFAULT:
                rec["sex"] = "M"
            if rec["sex"] == c.sex:
                for field, dictionary in (("given_name", GIVEN_DICT), ("patronymic", PATRONYMIC_DICT)):
                    if rec[field] and rng.random() < TAPPED:
                        letters = int(rng.integers(TYPED_LETTERS[0], TYPED_LETTERS[1] + 1))
                        rec[field] = autocomplete(rec[field], dictionary[c.sex], letters)
        keys.append((registered, float(rng.random())))
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    count: dict[int, int] = {}
    ids: list[str] = []
    for j in order:
        year = keys[j][0].year
        count[year] = count.get(year, 0) + 1
        ids.append(f"ZV{year}-{count[year]:05d}")
    return rows, order, ids


# ---------------------------------------------------------------- councils' status decisions: masked names

#: the councils (hromadas of government-controlled Ukraine where displaced families live):
#: their number, and their weights (a few cities take most families: ``1 / (rank + 3)``)
N_COUNCILS = 60
_COUNCIL_W = 1.0 / (np.arange(1, N_COUNCILS + 1) + 3.0)
#: a council's masking of the names (family name; given name and patronymic as initials)
MASKS = (("first_last", 0.25), ("prefix3", 0.2), ("initials", 0.25), ("family_initial", 0.15), ("none", 0.15))
#: a council's masking of the birth date
BIRTH_MASKS = (("full", 0.4), ("year", 0.45), ("masked", 0.15))
#: share of councils that mask the address (no settlement)
ORIGIN_MASKED = 0.3


def council_of(seed: int, child: Child) -> int:
    """The council (``0`` to :data:`N_COUNCILS` - 1) that decided on ``child``'s family.
    Fixed per family and seed."""
    g = _family_rng(seed, child, 0x4344)
    return int(g.choice(N_COUNCILS, p=_COUNCIL_W / _COUNCIL_W.sum()))


def second_council(seed: int, child: Child) -> int:
    """The council that decided on the family again after it moved (another one).
    Fixed per family and seed."""
    first = council_of(seed, child)
    g = _family_rng(seed, child, 0x4332)
    others = [i for i in range(N_COUNCILS) if i != first]
    w = np.array([_COUNCIL_W[i] for i in others])
    return int(others[int(g.choice(len(others), p=w / w.sum()))])


def decision_date(seed: int, child: Child, duplicate: bool) -> dt.date:
    """The date of the decision on ``child``'s family (the second council's later).
    Fixed per family and seed."""
    g = _family_rng(seed, child, 0x4444)
    first = child.removal + dt.timedelta(days=int(g.integers(60, 800)))
    later = first + dt.timedelta(days=int(g.integers(60, 400)))
    return later if duplicate else first


def council_practice(seed: int, council: int) -> tuple[str, str, bool]:
    """A council's masking practice: (names: a key of :data:`MASKS`, birth date: a key of
    :data:`BIRTH_MASKS`, whether the address is masked).  Fixed per council and seed."""
    g = _unit_rng(seed, council, 0x4D41)

    def pick(mix: tuple[tuple[str, float], ...]) -> str:
        p = np.array([w for _, w in mix])
        return mix[int(g.choice(len(mix), p=p / p.sum()))][0]

    names = pick(MASKS)
    birth = pick(BIRTH_MASKS)
    return names, birth, bool(g.random() < ORIGIN_MASKED)


def mask_word(word: str, how: str) -> str:
    """``word`` masked as a council's practice ``how`` says (see the module docstring)."""
    if not word:
        return word
    if how == "first_last":
        return word if len(word) < 3 else word[0] + "*" * (len(word) - 2) + word[-1]
    if how == "prefix3":
        return word if len(word) <= 3 else word[:3] + "***"
    if how == "initial":
        return word[0] + "."
    if how == "none":
        return word
    raise ValueError(f"unknown mask {how!r}")


def mask_names(rec: dict[str, str], how: str) -> None:
    """The three name fields of ``rec`` masked by the practice ``how`` (a key of :data:`MASKS`)."""
    if how in ("first_last", "prefix3"):
        rec["family_name"] = mask_word(rec["family_name"], how)
    elif how == "family_initial":
        rec["family_name"] = mask_word(rec["family_name"], "initial")
    elif how == "initials":
        rec["given_name"] = mask_word(rec["given_name"], "initial")
        rec["patronymic"] = mask_word(rec["patronymic"], "initial")
    elif how != "none":
        raise ValueError(f"unknown mask {how!r}")


def _rewrite_decisions(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, dt.date, int, dt.date, float, int]] = []
    for j, (rec, child_id, kind) in enumerate(zip(rows, truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        again = kind == "duplicate"
        council = second_council(seed, c) if again else council_of(seed, c)
        names, birth, origin_masked = council_practice(seed, council)
        mask_names(rec, names)
        if birth == "year":
            rec["birth_date"] = rec["birth_date"][:4]
        elif birth == "masked":
            rec["birth_date"] = ""
        if origin_masked:
            rec["origin_settlement"] = ""
        _consistent(rec)
        keys.append((council, decision_date(seed, c, again), c.family, c.birth, float(rng.random()), j))
    keys.sort()
    count: dict[int, int] = {}
    ids: list[str] = []
    for k in keys:
        count[k[0]] = count.get(k[0], 0) + 1
        ids.append(f"SD{k[0] + 1:02d}-{count[k[0]]:04d}")
    return rows, [k[-1] for k in keys], ids


# ---------------------------------------------------------------- a Russian medical-insurance extract: renderings

#: share of regional insurance offices whose clerks write the other rendering ("alt")
ALT_OFFICE = 0.5
#: share of the names with another rendering written so, by office habit
ALT_FORM = {"alt": 0.7, "standard": 0.1}
#: the other Russian rendering of a Ukrainian given name (the lexicon's Russian form is the usual one)
ALT_GIVEN: dict[str, str] = {
    "Дарина": "Дарина", "Олена": "Алёна", "Софія": "Софья", "Наталія": "Наталия", "Данило": "Данила",
    "Катерина": "Катерина", "Христина": "Христина", "Таїсія": "Таисья", "Соломія": "Соломея",
    "Надія": "Надия",
}  # fmt: skip
#: the other Russian rendering of a patronymic, by the father's Ukrainian name: (male, female)
ALT_PATRONYMIC: dict[str, tuple[str, str]] = {
    "Юрій": ("Юриевич", "Юриевна"), "Віталій": ("Виталиевич", "Виталиевна"),
    "Анатолій": ("Анатолиевич", "Анатолиевна"), "Валерій": ("Валериевич", "Валериевна"),
    "Геннадій": ("Геннадиевич", "Геннадиевна"), "Євген": ("Евгениевич", "Евгениевна"),
    "Григорій": ("Григориевич", "Григориевна"), "Дмитро": ("Дмитрович", "Дмитровна"),
}  # fmt: skip


def office_habit(seed: int, destination: int) -> str:
    """The habit (``alt`` or ``standard``) of the insurance office of region ``destination``
    (index into :data:`.places.DESTINATIONS`).  Fixed per region and seed."""
    return "alt" if _unit_rng(seed, destination, 0x4F4D).random() < ALT_OFFICE else "standard"


def _rewrite_oms(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, str, str, float]] = []
    for rec, child_id, new in zip(rows, truth["child"], truth["new_identity"], strict=True):
        c = pop.children[int(child_id)]
        if not new and c.doc_lang == "uk":  # rendered by the clerk from Ukrainian documents
            share = ALT_FORM[office_habit(seed, c.destination)]
            g, f = lx.GIVEN[c.given], lx.FATHERS[c.father]
            if g.uk in ALT_GIVEN and rec["given_name"] == g.ru and rng.random() < share:
                rec["given_name"] = ALT_GIVEN[g.uk]
            usual = f.ru_m if c.sex == "M" else f.ru_f
            if f.uk in ALT_PATRONYMIC and rec["patronymic"] == usual and rng.random() < share:
                rec["patronymic"] = ALT_PATRONYMIC[f.uk][0 if c.sex == "M" else 1]
        _consistent(rec)
        keys.append((c.destination, rec["family_name"].casefold(), rec["given_name"].casefold(), float(rng.random())))
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    count: dict[int, int] = {}
    ids: list[str] = []
    for j in order:
        region = keys[j][0]
        count[region] = count.get(region, 0) + 1
        ids.append(f"TF{region + 1:02d}-{count[region]:05d}")
    return rows, order, ids


# ---------------------------------------------------------------- the profile


def generate_heldout17(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the SEVENTEENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == "ua_ombudsman_appeals":
            return _rewrite_appeals(rows, truth, pop, seed, rng)
        if name == "ua_status_decisions":
            return _rewrite_decisions(rows, truth, pop, seed, rng)
        if name == "ru_oms_extract":
            return _rewrite_oms(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout17_spec(), n, seed), seed, _TAG, rewrite)
