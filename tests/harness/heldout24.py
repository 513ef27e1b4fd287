"""TWENTY-FOURTH HELD-OUT error profile ``heldout_releases_volsheets_116000``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout23`
(``heldout_karpatalja_istanbul_hotline``) as the profile kept out of tuning, since that one
was run (2026-12-07, at the end of the session in which this profile was written), and was
run ONCE (2026-12-07, at the end of the next session, which read rows split at line breaks,
Hungarian lists and layout-typed names; on that session's first and last model: the same
numbers on both, recall across 0.733, N̂ +16.4% by best AIC, ``recommended`` 3,321 [2,981,
3,821] for 3,000 children, three linkage warnings; bench/RESULTS.md); :mod:`.heldout25` now
replaces it as the profile kept out of tuning.  ``bench/linkage_harness.py`` runs it only with ``--heldout24``; the
tests only check that it generates valid, deterministic lists with the error processes
below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits about the model; the subject lines of the last three
commits were shown once, by accident, when the work began, before the lists were designed,
and did not inform them): the error processes are what such sources look like, not what the
model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the twenty-three earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout24`).  Per-child draws (a pseudonym, a double
space in a name cell, whether the father's name was given) are fixed per child (and record)
AND seed (:func:`_child_rng`), per-family draws (how a release names a family's children,
the volunteer a family's relatives reached, the enquirer's language) per family AND seed
(:func:`_family_rng`), per-release and per-volunteer draws (whether a release changed the
names, a volunteer's sheet) per removal group (volunteer) AND seed (:func:`_unit_rng`).  The
shares are the author's judgement of what such lists hold (no published rate exists for any
of them); each is a named constant.

``ru_upr_releases``
    the news releases of Russian regional children's rights commissioners (уполномоченные по
    правам ребёнка) about children brought from the occupied territories (received in the
    region's institutions, placed in families, visited at a camp), collected by an OSINT
    team's scraper and turned into one row per child mentioned: only children sent to
    Russia, children of institutions and placed children more, only some groups written up
    (whole groups missing).  Russian forms, the diminutive for a third (Маша, Ваня), the family
    name left out for a quarter, rarely a patronymic, the identity given in Russia for some
    re-registered children; the settlement as Russian sources write it, the institution, the
    region.  A release is about a removal group, published :data:`RELEASE_LAG` days after its
    removal (one date per group: :func:`release_on`; a follow-up release naming a child again
    later), and the release's date is the removal date; the release gives the child's age
    (for :data:`AGE_GIVEN` of the children, fixed per child, release and seed:
    :func:`age_given`), which the team turned into a birth year (the release year less the
    age: the true year or one later), otherwise no birth date.  Two processes of such texts:
    (1) "names have been changed" (имена детей изменены): :data:`PSEUDONYM` of the releases
    (fixed per release and seed: :func:`pseudonymised`) give each child a made-up given name
    of its sex (a common Russian name other than its own, the diminutive for
    :data:`PSEUDONYM_DIM` of them: :func:`pseudonym`, fixed per child and seed) and no family
    name or patronymic, while the age, the town and the institution are the child's; the
    scraper kept the pseudonym as the given name.  (2) Siblings named by their kinship: a
    release names one child of a family and the others only as its brothers and sisters
    ("Маша Коваленко и её младший брат", "Артём с сестрой"): for :data:`KIN_ONLY` of the
    families with two or more children in a release (fixed per family and seed:
    :func:`kin_family`; the child named drawn per family and seed: :func:`named_index`) the
    others' rows hold the kinship word in the given-name cell (:func:`kin_word`: ``брат``,
    ``сестра``, ``младший брат``, ``старшая сестра``, ``брат-близнец`` ...: the word of
    seniority for :data:`KIN_ORDER` of them), the NAMED child's family name as the release
    wrote it (a brother of ``Мария Иванова`` is ``Иванова``; none when the named child's is
    left out or pseudonymised), no patronymic, the sex of the word, the named child's town,
    institution, release date and region, and the birth year from the sibling's age when the
    release gives it (:func:`kin_record`).  Rows in the order of the releases, numbered
    ``UPR<row>``.
``ua_volunteer_sheets_merged``
    the table a Ukrainian volunteer search initiative's coordinator merged from the sheets of
    its :data:`N_VOLUNTEERS` volunteers, each of whom took the cases of the families that
    reached her (a family's children with one volunteer, fixed per family and seed; a second
    relative's report with one drawn afresh, fixed per child and seed: :func:`volunteer_of`),
    pasting each sheet's rows under the master sheet's columns one block after another,
    numbered ``V<volunteer>-<row>``: Ukrainian forms (Russian for some relatives and for
    children with Russian documents), typos, apostrophe variants, the patronymic often
    left out, the settlement as the relative named it, the institution, the date or month
    of the removal.  Each volunteer kept her sheet her own way (fixed per volunteer and seed:
    :func:`volunteer_habit`).  :data:`FIO_VOLUNTEERS` of them kept the full name in one cell
    (``ПІБ``), and the coordinator split it with the spreadsheet's Text to Columns on the
    space, whose option "treat consecutive delimiters as one" is off by default, keeping the
    first three columns (:func:`text_to_columns`).  The names were pasted from messages, and
    :data:`DOUBLE_SPACE` of the cells had two spaces between two of the names (after the
    family name for :data:`DOUBLE_AFTER_FAMILY` of them, after the given name for the rest)
    and :data:`LEADING_SPACE` a space before the first (:func:`spacing`, fixed per child,
    record and seed; :func:`fio_cell`): an empty column where the extra space was, so the
    given name moves into the patronymic column and the given-name cell is empty (the
    patronymic lost), the patronymic is lost, or, for a leading space, the family-name cell
    is empty, the family name is in the given-name column and the given name in the
    patronymic column.  :data:`SWAPPED_VOLUNTEERS` of the volunteers had the removal-date
    column before the birth-date column, and their rows were pasted by position: each of
    their records has the removal date (or month) as its birth date and the birth date as
    its removal date (:func:`volunteer_record`; the input refuses a removal before the birth,
    so that removal date goes: a limit of the harness, :func:`.lists._consistent`).  Within
    a block, rows in the order the volunteer entered them (:func:`entered_on`: a week to a
    year and a half after the removal, one date per family, a second report later).
    Families much more than institutions.
``intl_116000_cases``
    the cases of a missing-children hotline (the European 116 000 number) opened on reports
    about children taken from Ukraine, kept in a case-management system whose child record
    follows an international template: the child's family and given names, sex and birth
    date, the PARENTS' first names (no patronymic field), the place last seen, the
    institution, the date of disappearance, where the child is thought to be.  Ukrainian
    forms (Russian for some), typos, apostrophe variants.  (1) For the Ukrainian partners the
    export builds a patronymic column from the father's first name with a suffix rule
    (:func:`generated_patronymic`: a final ``й`` -> ``йович`` / ``ївна``, a final ``ь`` ->
    ``ьович`` / ``івна``, a final ``о`` ``а`` ``я`` dropped before ``ович`` / ``івна``,
    otherwise the name + ``ович`` / ``івна``; the feminine when the sex is ``F``, the
    masculine otherwise, so also when the sex was not entered), right for most Ukrainian
    names but not for the irregular ones (Микола ``Миколович`` / ``Миколівна``, Григорій
    ``Григорійович``, Ілля ``Іллович``, Яків ``Яківович`` / ``Яківівна``, Федір
    ``Федірович``), and a hybrid for a name the enquirer wrote in its Russian form
    (:data:`RUSSIAN_FATHER` of the families, fixed per family and seed: :func:`father_form`;
    ``Николайович``, ``Сергеївна``, ``Дмитрийович``, ``Павелович``); no patronymic when the
    father's name was not given (:data:`FATHER_GIVEN` of the cases have it, fixed per child,
    case and seed: :func:`father_given`).  (2) The online report form asks each date with
    three drop-down lists (day, month by its Ukrainian name, year; a part may be left as
    unknown).  From :data:`SORTED_FROM` until :data:`SORTED_UNTIL` the month list was shown in
    alphabetical order (a setting of the form builder, turned on with a change of the form)
    while the value stored stayed the position of the option chosen (:data:`ALPHABETICAL`,
    :func:`month_as_stored`): березень is stored as month 1, вересень 2, грудень 3, жовтень 4,
    квітень 5, липень 6, листопад 7, лютий 8, серпень 9, січень 10, травень 11, червень 12
    (no month keeps its number); a day the stored month does not have (31 April) makes no
    date, and the database keeps none (:func:`stored_date`).  So every birth and removal date
    with a month of a case reported in those months (:func:`opened_on`, one date per family,
    a second report about a child later) has its month permuted.  Rows in the order the cases
    were opened, numbered ``UA116-<year>-<row in the year>``.  Families much more than
    institutions.

How they differ from the earlier profiles.  Earlier name errors replaced a name with a
frequent one by a form's suggestion (:mod:`.heldout17`), an applicant's or an escort's name
(:mod:`.heldout11`, :mod:`.heldout4`), a family word in the plural (:mod:`.heldout16`) or a
nickname instead of a family name (:mod:`.heldout9`); none gives a child a deliberate
pseudonym of its sex while keeping its other data, and none writes a child as a kinship word
beside a sibling's family name.  Full names kept in one cell were split whole, rotated or as
initials (:mod:`.heldout2`), and :mod:`.heldout11`'s unquoted commas moved the fields after a
place one column right; none shifted the name parts by an empty column of a split.  Earlier
dates were changed within a field (day and month swapped, a month misread as its look-alike
in Roman numerals, a month above 12 rolled over: :mod:`.heldout4`, :mod:`.heldout18`) or
taken from another row or another date of the child (:mod:`.heldout8`, :mod:`.heldout19`);
none put the removal date in the birth-date column and the birth date in the removal-date
column, and none permuted the months by the alphabetical order of their names.
:mod:`.heldout10` put the father's first name into the patronymic field; no earlier list
built a patronymic from it by a rule.

Population: three families in ten from institutions, few sent to Belarus, families of two or
more children common (siblings matter), more children placed in Russia, capture shared
within families.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import sampling as sp
from .lists import SCHEMA, ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_releases_volsheets_116000"
_TAG = 0x48_3234  # this module's random streams (rewriting), apart from build()'s

RELEASES = "ru_upr_releases"
VOLUNTEERS = "ua_volunteer_sheets_merged"
CASES = "intl_116000_cases"
_COLUMNS = SCHEMA[1:]
_NAMES = ("family_name", "given_name", "patronymic")

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_RELEASES = Style(  # release dates, ages, pseudonyms and kinship rows applied by _rewrite_releases
    name_lang=(("ru", 0.65), ("dim", 0.35)),
    show_new_identity=0.35,
    family_missing=0.25,
    patronymic_missing=0.85,
    typo=0.01,
    layout="ru",
    drop_yo=0.6,
    birth=(("day", 1.0),),  # the age at the release is computed from it
    sex_missing=0.08,
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 0.5), ("oblast", 0.3), ("none", 0.2)),
    place_missing=0.1,
    institution=(("ru_short", 0.6), ("ru", 0.4)),
    institution_missing=0.35,
    removal=(("exact", 1.0),),  # replaced by the release's date
    destination="place_ru",
    destination_missing=0.1,
)
_VOLUNTEERS = Style(  # the volunteers' sheets split and pasted by _rewrite_volunteers
    name_lang=(("uk", 0.75), ("ru", 0.25)),
    follow_ru_docs=0.5,
    typo=0.03,
    layout="uk",
    russian_keyboard=0.05,
    apostrophes=0.4,
    drop_yo=0.5,
    patronymic_missing=0.3,
    birth=(("day", 0.75), ("month", 0.03), ("year", 0.14), ("missing", 0.08)),
    sex_missing=0.05,
    place=(("uk_current", 0.5), ("uk_doc", 0.2), ("ru_src", 0.3)),
    place_prefix=(("none", 0.7), ("type", 0.3)),
    place_missing=0.04,
    institution=(("uk_short", 0.6), ("uk", 0.4)),
    institution_missing=0.25,
    removal=(("exact", 0.45), ("month", 0.35), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.1,
)
_CASES = Style(  # the generated patronymic and the stored months applied by _rewrite_cases
    name_lang=(("uk", 0.8), ("ru", 0.2)),
    follow_ru_docs=0.4,
    typo=0.02,
    layout="uk",
    apostrophes=0.3,
    birth=(("day", 0.85), ("month", 0.03), ("year", 0.08), ("missing", 0.04)),
    sex_missing=0.04,
    place=(("uk_current", 0.8), ("uk_doc", 0.2)),
    place_prefix=(("none", 0.5), ("oblast", 0.5)),
    place_missing=0.03,
    institution=(("uk", 0.5), ("uk_short", 0.5)),
    institution_missing=0.4,
    removal=(("exact", 0.55), ("month", 0.3), ("missing", 0.15)),
    destination="uk_formal",
    destination_missing=0.1,
)


def heldout24_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (24th): Russian commissioners' releases scraped, volunteers' sheets merged, a 116 000 "
        "hotline's cases exported",
        PopulationSpec(
            share_institution=0.3,
            share_belarus=0.12,
            family_sizes=(0.4, 0.32, 0.16, 0.08, 0.03, 0.01),
            twin_rate=0.035,
            placed_institution=0.5,
            placed_family=0.1,
            reregistered=0.35,
            family_visibility=0.65,
        ),
        (
            ListSpec(
                RELEASES,
                _RELEASES,
                eligible="russia",
                base=0.35,
                beta=0.8,
                mode_odds=(("institution", 2.0), ("placed", 2.0)),
                wave_cover=0.6,
                duplicates=0.05,
                id_prefix="UPR",
            ),
            ListSpec(
                VOLUNTEERS,
                _VOLUNTEERS,
                base=0.4,
                beta=0.9,
                mode_odds=(("family", 2.0), ("institution", 0.5)),
                duplicates=0.06,
                id_prefix="V",
            ),
            ListSpec(
                CASES,
                _CASES,
                base=0.3,
                beta=0.8,
                mode_odds=(("family", 2.5), ("institution", 0.4)),
                duplicates=0.04,
                id_prefix="UA116",
            ),
        ),
        output_order=(RELEASES, VOLUNTEERS, CASES),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: int, salt: int) -> np.random.Generator:
    """A generator fixed per unit (a removal group's release, a volunteer) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, int(unit)])


def _lag(seed: int, child: Child, second: bool, salt: int, first: tuple[int, int], later: tuple[int, int]) -> dt.date:
    """A date after ``child``'s removal: ``first`` days for the family (fixed per family and
    seed), ``later`` more for a second record (fixed per child and seed)."""
    day = child.removal + dt.timedelta(days=int(_family_rng(seed, child, salt).integers(*first)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, salt + 1).integers(*later)))
    return day


# ---------------------------------------------------------------- the commissioners' releases

#: days from a removal group's removal to the release about it (inclusive low, exclusive high)
RELEASE_LAG = (2, 120)
#: days from the first release to a follow-up release naming a child again
FOLLOWUP_LAG = (30, 400)
#: share of the children whose age a release gives
AGE_GIVEN = 0.8
#: share of the releases whose children's names were changed
PSEUDONYM = 0.25
#: share of the pseudonyms written as the diminutive (for the names that have one)
PSEUDONYM_DIM = 0.5
#: share of the families (two or more children in a release) named by one child and its siblings' kinship
KIN_ONLY = 0.4
#: share of the kinship words with a word of seniority (младший, старшая; близнец for a twin)
KIN_ORDER = 0.6
#: the kinship words by sex: plain, younger, older, twin
KIN_WORDS: dict[str, tuple[str, str, str, str]] = {
    "M": ("брат", "младший брат", "старший брат", "брат-близнец"),
    "F": ("сестра", "младшая сестра", "старшая сестра", "сестра-близнец"),
}
_GIVEN_BY_SEX = {"M": (lx.MALE_IDX.tolist(), sp.cdf(lx.MALE_P)), "F": (lx.FEMALE_IDX.tolist(), sp.cdf(lx.FEMALE_P))}


def release_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """The date of the release about ``child``'s removal group (fixed per group and seed;
    ``second``: a follow-up release, later, fixed per child and seed)."""
    day = child.removal + dt.timedelta(days=int(_unit_rng(seed, child.wave, 0x524C).integers(*RELEASE_LAG)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, 0x5246).integers(*FOLLOWUP_LAG)))
    return day


def pseudonymised(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the release about ``child`` changed the children's names (fixed per release
    and seed: the group's release, or ``child``'s follow-up release)."""
    g = _child_rng(seed, child, 0x5054) if second else _unit_rng(seed, child.wave, 0x5053)
    return bool(g.random() < PSEUDONYM)


def pseudonym(seed: int, child: Child) -> str:
    """The made-up given name a release gives ``child``: a Russian name of its sex drawn by
    popularity, neither its own nor the one given in Russia, as a diminutive for
    :data:`PSEUDONYM_DIM` of them.  Fixed per child and seed."""
    g = _child_rng(seed, child, 0x504E)
    own = {child.given} | ({child.new_identity.given} if child.new_identity is not None else set())
    pool, cdf = _GIVEN_BY_SEX[child.sex]
    pick = pool[sp.pick(g, cdf)]
    while pick in own:
        pick = pool[sp.pick(g, cdf)]
    name = lx.GIVEN[pick]
    return name.dim if name.dim and g.random() < PSEUDONYM_DIM else name.ru


def age_given(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the release gives ``child``'s age.  Fixed per child, release and seed."""
    return bool(_child_rng(seed, child, 0x4147 + int(second)).random() < AGE_GIVEN)


def kin_family(seed: int, child: Child) -> bool:
    """Whether the release names one child of ``child``'s family and the others by kinship
    (when two or more are in it).  Fixed per family and seed."""
    return bool(_family_rng(seed, child, 0x4B49).random() < KIN_ONLY)


def named_index(seed: int, child: Child, k: int) -> int:
    """Which of the ``k`` children of ``child``'s family in a release (eldest first) it names."""
    return int(_family_rng(seed, child, 0x4B4E).integers(k))


def kin_word(seed: int, sibling: Child, named: Child) -> str:
    """How the release calls ``sibling`` beside ``named``: ``брат`` / ``сестра``, with its
    seniority (or ``-близнец`` for a twin) for :data:`KIN_ORDER` of them.  Fixed per child and
    seed."""
    plain, younger, older, twin = KIN_WORDS[sibling.sex]
    if _child_rng(seed, sibling, 0x4B4F).random() >= KIN_ORDER:
        return plain
    if sibling.birth == named.birth:
        return twin
    return older if sibling.birth < named.birth else younger


def _year_at(rec: dict[str, str], day: dt.date) -> str:
    """The birth year from the age on ``day`` of the child whose record ``rec`` holds its full
    birth date ("" without one)."""
    b = rec["birth_date"]
    return str(nz.birth_year_from_age(dt.date.fromisoformat(b), day)) if len(b) == 10 else ""


def release_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's record, rendered with its full birth date) as the team scraped it
    from the release (``second``: a follow-up release)."""
    out = dict(rec)
    day = release_on(seed, child, second)
    out["birth_date"] = _year_at(rec, day) if age_given(seed, child, second) else ""
    out["removal_date"] = day.isoformat()
    if pseudonymised(seed, child, second):
        out["family_name"], out["given_name"], out["patronymic"] = "", pseudonym(seed, child), ""
    return _consistent(out)


def kin_record(
    seed: int, sibling: Child, rec: dict[str, str], named: Child, named_row: dict[str, str]
) -> dict[str, str]:
    """The row of ``sibling`` (``rec``: its record as rendered) when the release names it only
    as ``named``'s brother or sister (``named_row``: the named child's row as scraped)."""
    out = {
        "family_name": named_row["family_name"],
        "given_name": kin_word(seed, sibling, named),
        "patronymic": "",
        "birth_date": _year_at(rec, release_on(seed, sibling)) if age_given(seed, sibling) else "",
        "sex": sibling.sex,
    }
    for col in ("origin_settlement", "origin_institution", "removal_date", "destination"):
        out[col] = named_row[col]
    return _consistent(out)


def _rewrite_releases(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    rendered = [dict(r) for r in rows]
    families: dict[int, list[int]] = {}
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = release_record(seed, c, rendered[j], second)
        if not second:
            families.setdefault(c.family, []).append(j)
        keys.append((release_on(seed, c, second), float(rng.random()), j))
    for js in families.values():
        if len(js) < 2:
            continue
        js = sorted(js, key=lambda j: int(truth["child"][j]))  # eldest first
        first = pop.children[int(truth["child"][js[0]])]
        if not kin_family(seed, first):
            continue
        named_j = js[named_index(seed, first, len(js))]
        named = pop.children[int(truth["child"][named_j])]
        for j in js:
            if j != named_j:
                sib = pop.children[int(truth["child"][j])]
                rows[j] = kin_record(seed, sib, rendered[j], named, rows[named_j])
    order = [j for _, _, j in sorted(keys)]
    return rows, order, [f"UPR{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the volunteers' sheets merged

#: the volunteers whose sheets were merged
N_VOLUNTEERS = 9
#: share of the volunteers who kept the full name in one cell (split by the coordinator)
FIO_VOLUNTEERS = 0.45
#: share of the volunteers whose sheet had the removal date before the birth date
SWAPPED_VOLUNTEERS = 0.25
#: share of the name cells with two spaces between two names
DOUBLE_SPACE = 0.2
#: share of those double spaces after the family name (the others after the given name)
DOUBLE_AFTER_FAMILY = 0.6
#: share of the name cells with a space before the first name
LEADING_SPACE = 0.06
#: days from the removal to the family's report (inclusive low, exclusive high)
ENTRY_LAG = (7, 550)
#: days from a family's report to a second relative's report about a child
SECOND_ENTRY_LAG = (14, 300)
SPACINGS = ("single", "double_family", "double_given", "leading")


def volunteer_of(seed: int, child: Child, second: bool = False) -> int:
    """The volunteer who took ``child``'s case (``second``: a second relative's report):
    fixed per family (per child for a second report) and seed."""
    g = _child_rng(seed, child, 0x566F) if second else _family_rng(seed, child, 0x5646)
    return int(g.integers(N_VOLUNTEERS))


def volunteer_habit(seed: int, volunteer: int) -> tuple[bool, bool]:
    """(the full name kept in one cell, the removal date before the birth date) for
    ``volunteer``'s sheet.  Fixed per volunteer and seed."""
    g = _unit_rng(seed, volunteer, 0x5648)
    return bool(g.random() < FIO_VOLUNTEERS), bool(g.random() < SWAPPED_VOLUNTEERS)


def spacing(seed: int, child: Child, second: bool = False) -> str:
    """The spaces of ``child``'s name cell (:data:`SPACINGS`).  Fixed per child, record and seed."""
    g = _child_rng(seed, child, 0x5350 + int(second))
    u = float(g.random())
    if u < LEADING_SPACE:
        return "leading"
    if u < LEADING_SPACE + DOUBLE_SPACE:
        return "double_family" if g.random() < DOUBLE_AFTER_FAMILY else "double_given"
    return "single"


def fio_cell(rec: dict[str, str], how: str) -> str:
    """The full-name cell of ``rec`` as the volunteer's sheet held it, spaced as ``how`` says."""
    lead = " " if how == "leading" else ""
    after_family = "  " if how == "double_family" else " "
    after_given = "  " if how == "double_given" else " "
    cell = lead + rec["family_name"] + after_family + rec["given_name"]
    return cell + (after_given + rec["patronymic"] if rec["patronymic"] else "")


def text_to_columns(cell: str) -> tuple[str, str, str]:
    """The three name columns the coordinator kept from splitting ``cell`` at every space
    (consecutive spaces not treated as one: an empty column between them)."""
    parts = cell.split(" ") + ["", "", ""]
    return parts[0], parts[1], parts[2]


def volunteer_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's row as the volunteer typed it) as it came into the merged table."""
    out = dict(rec)
    fio, swapped = volunteer_habit(seed, volunteer_of(seed, child, second))
    if fio:
        out["family_name"], out["given_name"], out["patronymic"] = text_to_columns(
            fio_cell(rec, spacing(seed, child, second))
        )
    if swapped:
        out["birth_date"], out["removal_date"] = rec["removal_date"], rec["birth_date"]
    return _consistent(out)


def entered_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When the volunteer entered ``child``'s row (``second``: a second relative's report)."""
    return _lag(seed, child, second, 0x454E, ENTRY_LAG, SECOND_ENTRY_LAG)


def _rewrite_volunteers(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = volunteer_record(seed, c, rows[j], second)
        keys.append((volunteer_of(seed, c, second), entered_on(seed, c, second), float(rng.random()), j))
    order: list[int] = []
    ids: list[str] = []
    within: dict[int, int] = {}
    for v, _, _, j in sorted(keys):
        within[v] = within.get(v, 0) + 1
        order.append(j)
        ids.append(f"V{v + 1}-{within[v]:04d}")
    return rows, order, ids


# ---------------------------------------------------------------- the 116 000 hotline's cases

#: share of the cases whose enquirer gave the father's first name
FATHER_GIVEN = 0.65
#: share of the families whose enquirer wrote the father's name in its Russian form
RUSSIAN_FATHER = 0.25
#: from when the form showed the month list in alphabetical order
SORTED_FROM = dt.date(2023, 2, 1)
#: when the month list was put back in calendar order
SORTED_UNTIL = dt.date(2023, 10, 1)
#: days from the removal to the family's report (inclusive low, exclusive high)
CASE_LAG = (10, 600)
#: days from a family's report to a second report about a child
SECOND_CASE_LAG = (20, 300)
#: the months as the form names them, in calendar order
UK_MONTHS = (
    "січень", "лютий", "березень", "квітень", "травень", "червень",
    "липень", "серпень", "вересень", "жовтень", "листопад", "грудень",
)  # fmt: skip
_UK_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
#: the months in Ukrainian alphabetical order (the order the form showed)
ALPHABETICAL = tuple(sorted(UK_MONTHS, key=lambda m: [_UK_ALPHABET.index(ch) for ch in m]))
#: the Russian forms of the fathers' first names (keyed by the Ukrainian form of :data:`.lexicon.FATHERS`)
FATHER_RU: dict[str, str] = {
    "Олександр": "Александр", "Сергій": "Сергей", "Андрій": "Андрей", "Володимир": "Владимир",
    "Дмитро": "Дмитрий", "Микола": "Николай", "Іван": "Иван", "Юрій": "Юрий", "Олег": "Олег",
    "Віктор": "Виктор", "Олексій": "Алексей", "Ігор": "Игорь", "Віталій": "Виталий", "Євген": "Евгений",
    "Роман": "Роман", "Василь": "Василий", "Михайло": "Михаил", "Анатолій": "Анатолий", "Валерій": "Валерий",
    "Петро": "Пётр", "Павло": "Павел", "Вадим": "Вадим", "Руслан": "Руслан", "Максим": "Максим",
    "Денис": "Денис", "Артем": "Артём", "Костянтин": "Константин", "Геннадій": "Геннадий",
    "Станіслав": "Станислав", "Григорій": "Григорий", "Ілля": "Илья", "Яків": "Яков", "Федір": "Фёдор",
    "Едуард": "Эдуард", "В'ячеслав": "Вячеслав", "Валентин": "Валентин", "Ярослав": "Ярослав",
}  # fmt: skip


def generated_patronymic(father: str, sex: str) -> str:
    """The patronymic the export builds from the father's first name ``father`` for a child of
    ``sex`` (``F``: feminine; anything else, an empty sex too: masculine)."""
    name = father.strip()
    if not name:
        return ""
    female = sex == "F"
    if name.endswith("й"):
        return name[:-1] + ("ївна" if female else "йович")
    if name.endswith("ь"):
        return name[:-1] + ("івна" if female else "ьович")
    if name.endswith(("о", "а", "я")):
        return name[:-1] + ("івна" if female else "ович")
    return name + ("івна" if female else "ович")


def father_given(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the enquirer gave the father's first name.  Fixed per child, case and seed."""
    return bool(_child_rng(seed, child, 0x4647 + int(second)).random() < FATHER_GIVEN)


def father_form(seed: int, child: Child) -> str:
    """The father's first name as the family's enquirer wrote it: its Russian form for
    :data:`RUSSIAN_FATHER` of the families (fixed per family and seed), else Ukrainian."""
    uk = lx.FATHERS[child.father].uk
    return FATHER_RU[uk] if _family_rng(seed, child, 0x4652).random() < RUSSIAN_FATHER else uk


def month_as_stored(month: int) -> int:
    """The month the form stored for ``month`` chosen from the alphabetical list: the
    position of its name in :data:`ALPHABETICAL`."""
    return ALPHABETICAL.index(UK_MONTHS[month - 1]) + 1


def stored_date(value: str) -> str:
    """A partial ISO date as the database kept it when entered from the alphabetical list:
    the month permuted, no date when the day is not in that month (a year alone unchanged)."""
    if len(value) < 7:
        return value
    year, month = int(value[:4]), month_as_stored(int(value[5:7]))
    if len(value) == 7:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, int(value[8:10])).isoformat()
    except ValueError:
        return ""


def sorted_list(day: dt.date) -> bool:
    """Whether a report made on ``day`` met the alphabetical month list."""
    return SORTED_FROM <= day < SORTED_UNTIL


def opened_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s case was opened (``second``: a second report about it)."""
    return _lag(seed, child, second, 0x434F, CASE_LAG, SECOND_CASE_LAG)


def case_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's case as entered, its patronymic ignored) as the export writes it."""
    out = dict(rec)
    given = father_given(seed, child, second)
    out["patronymic"] = generated_patronymic(father_form(seed, child), rec["sex"]) if given else ""
    if sorted_list(opened_on(seed, child, second)):
        out["birth_date"] = stored_date(rec["birth_date"])
        out["removal_date"] = stored_date(rec["removal_date"])
    return _consistent(out)


def _rewrite_cases(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = case_record(seed, c, rows[j], second)
        keys.append((opened_on(seed, c, second), float(rng.random()), j))
    order: list[int] = []
    ids: list[str] = []
    per_year: dict[int, int] = {}
    for day, _, j in sorted(keys):
        per_year[day.year] = per_year.get(day.year, 0) + 1
        order.append(j)
        ids.append(f"UA116-{day.year}-{per_year[day.year]:05d}")
    return rows, order, ids


# ---------------------------------------------------------------- the profile


def generate_heldout24(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWENTY-FOURTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == RELEASES:
            return _rewrite_releases(rows, truth, pop, seed, rng)
        if name == VOLUNTEERS:
            return _rewrite_volunteers(rows, truth, pop, seed, rng)
        if name == CASES:
            return _rewrite_cases(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout24_spec(), n, seed), seed, _TAG, rewrite)
