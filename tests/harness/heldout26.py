"""TWENTY-SIXTH HELD-OUT error profile ``heldout_geomap_gform_crowdledger``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It is written for later use: it will replace :mod:`.heldout25`
(``heldout_statements_partnersheet_camproster``) as the profile kept out of tuning once that
one is run.  It was run ONCE (2026-12-07, at the end of the session in which it was written, the
session that changed the model after heldout25's run; on that session's first model and its last:
recall across 0.946 and 0.951, children +2.3% and +1.9%, N̂ +5.6% by best AIC on both,
``recommended`` 3,279 [2,998, 3,671] and 3,284 [2,984, 3,671] for 3,000 children, covering, one
cluster warning and two linkage warnings; bench/RESULTS.md); :mod:`.heldout27` now replaces it
as the profile kept out of tuning.  ``bench/linkage_harness.py`` runs it only with
``--heldout26``; the tests only check that it generates valid, deterministic lists with the
error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages and history of commits), without reading :mod:`.heldout25` beyond
its name and function signatures (of its tests, only the lines that check its registration),
and, of the twenty-three held-out profiles before :mod:`.heldout24`, only their module
docstrings (to keep clear of their processes; :mod:`.heldout24` and its tests were read whole,
as the model of structure): the error processes are what such sources look like, not what the
model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the twenty-four earlier held-out profiles whose docstrings
its author read have.  The shared :func:`.profiles.build` renders every record in Cyrillic;
this module then rewrites each list as its source writes it (:func:`generate_heldout26`).
Per-child draws (whether a relative typed the age, how a transcriber read a word) are fixed
per child, record AND seed (:func:`_child_rng`), per-family draws (when a family's records
were entered or its relatives answered, when its children were registered) per family AND
seed (:func:`_family_rng`), per-ledger and per-page draws (the order in which the ledgers
were uploaded, whether a page was keyed twice) per ledger (page) AND seed (:func:`_unit_rng`).
The shares are the author's judgement of what such lists hold (no published rate exists for
any of them); each is a named constant.

``ua_outlet_map_geojson``
    the dataset behind a Ukrainian investigative outlet's public web map of children taken
    from the occupied territories (one point per child at the place it was taken from),
    downloaded as the GeoJSON the map loads, one feature per record, numbered ``MAP<row>``
    in the order of the features.  The journalists entered the records in their own database
    from relatives' messages, hromadas' posts and Russian media: Ukrainian forms (Russian
    forms and diminutives for records taken from Russian media, Russian forms for some
    children with Russian documents), typos, apostrophe variants, the patronymic seldom (the
    map shows "Марія Коваленко"), sex for most, the birth date, month or year as they learned
    it, the place as the source wrote it (the current name, the name of the birth certificate
    before the 2016 renames, or the name Russian sources use; with ``м.`` / ``г.``, with its
    oblast for :data:`MAP_PLACE_WITH_OBLAST`, the birthplace for a few), the institution, the
    date, month or year of the removal, the country.  The map is built by the outlet's
    script at each update (every :data:`UPDATE_EVERY` days from :data:`MAP_LAUNCH`), which
    imports the records entered since the last update (:func:`imported_on`: a family's
    records :data:`MAP_ENTRY_LAG` days after the removal, a second record about a child from
    another source :data:`SECOND_MAP_ENTRY_LAG` days later), and does two things to them.
    (1) It geocodes the place with a public geocoding service (no country restriction) and
    keeps the service's label of its top result, the locality and its region in Ukrainian
    (:func:`geocode`: ``Бахмут, Донецька область``), not what the journalists typed: an old
    or Russian-source name comes back as the current official one (``Артёмовск``,
    ``Артемівськ`` -> ``Бахмут``; ``Торез`` -> ``Чистякове``; ``Алёшки`` -> ``Олешки``), but
    a bare name that is also the name of a better-known place elsewhere comes back as that
    place (:data:`HOMONYMS`, the author's judgement of a top result without the oblast:
    ``Кировск`` -> ``Кіровськ, Мурманська область, Росія``, ``Свердловск`` ->
    ``Єкатеринбург``, whose Soviet name it was, ``Дзержинск`` and ``Красноармейск`` -> the
    Russian towns of those names, ``Первомайськ`` -> the larger Первомайськ of Mykolaiv
    oblast, ``Токмак`` -> Токмок in Kyrgyzstan, which Russian calls so); a place typed with
    its oblast comes back right.  (2) It turns the typed dates (``21.03.2012``, a month
    ``03/2012``, a year ``2012``) into ISO dates with ``dateutil.parser.parse(text,
    dayfirst=True)``, whose ``default`` (today at midnight) supplies every part the text
    lacks (:func:`parsed_date`, dateutil's documented behaviour; a day past the end of the
    month becomes its last day): a month comes back with the day of the month the script
    ran, a year with the month and day it ran (a birth year 2012 parsed on 17 May 2023 is
    ``2012-05-17``), so EVERY partial birth and removal date of the map is a full date whose
    day (and month) is its import day's (:func:`map_record`; the removal date goes when it
    comes out before the birth date: the input refuses it, a limit of the harness).  Families
    more than institutions.
``ua_relatives_gform``
    the responses sheet of the Google Form a Ukrainian charitable foundation that helps
    families bring children back published for relatives ("Повідомте про вивезену дитину"),
    one response per child, rows in the order of the responses (a family's relatives answer
    :data:`RESPONSE_LAG` days after the removal, a second relative's response about a child
    :data:`SECOND_RESPONSE_LAG` days later: :func:`responded_on`), numbered ``GF<row>``: the
    questions "Прізвище дитини", "Ім'я, по батькові дитини", "Дата або рік народження", "Стать"
    (buttons), the settlement, the institution, "Коли вивезли", "Куди вивезли".  Ukrainian
    forms (Russian for some relatives and for children with Russian documents), typos, Ukrainian
    typed on Russian layouts now and then, apostrophe variants, the patronymic often left
    out, the settlement as the relative named it.  The foundation's analyst split the second
    answer at its first space into the given name and the patronymic, and read the birth
    answer with a rule (:func:`cleaned_birth`): a full date as such, otherwise its first
    number, four digits a year and one or two digits a two-digit year (``%y``: ``12`` ->
    2012).  Two things the relatives did with the form: (1) for :data:`AGE_TYPED` of the
    responses with a birth answer (fixed per child, response and seed: :func:`age_typed`) the
    relative read "рік" as the child's age and typed the age on the day of the response
    (:func:`age_text`: ``12``, ``12 р.``, ``12 років``, ``12 рочків``; ``2 роки``, ``1 рік``;
    the months of a baby, ``8 міс.``), which the rule turned into the year 2000 + the age (or
    the months): right only by chance (a child of 5 comes out born in 2005, a baby of 8 months
    in 2008).  (2) For :data:`FULL_NAME_RETYPED` of the responses (fixed per child, response and
    seed: :func:`name_retyped`) the relative, having typed the family name, typed the whole
    name again in the second field (``Коваленко Марія Миколаївна``), so the split put the
    family name in the given-name column and the given name and patronymic together in the
    patronymic column (:func:`split_second_answer`, :func:`form_record`).  Families much more
    than institutions.
``occ_opeka_ledgers_crowd``
    the handwritten registers (журналы учёта) of the guardianship departments (органы опеки)
    of the occupation administrations, one ledger per town's department, recording the
    children taken into their care and sent on (to Russian institutions, families, "rest"),
    obtained by Ukrainian investigators, photographed page by page and transcribed by
    volunteers on a crowdsourcing platform, one form per ledger line, rows by ledger (in the
    order the ledgers were uploaded: :func:`ledger_rank`) and line (the order of registration,
    :func:`registered_on`), numbered ``OP<ledger>-<row>``.  Russian forms, ё written as е for
    most, the patronymic, the full birth date (the year only for a few), no sex column, the
    town with ``г.``, the institution, the date the child was sent on, the region it was sent
    to for most.  Only some ledgers' pages were obtained (whole removal groups missing); children of
    institutions and placed children much more than families.  Two things of the
    transcription: (1) its guidelines ask volunteers to mark what they cannot read instead of
    guessing: in a name the transcriber wrote ``[нрзб]`` (неразборчиво) for an illegible word,
    or the legible beginning and ``[нрзб]`` for the rest (:data:`PART_ILLEGIBLE` of the
    marks; a word's ending, its hurried strokes, is what goes: ``Ковал[нрзб]``), and ``[?]``
    after a word read with doubt (``Коваленко[?]``), and the marks stayed in the fields
    (:func:`read_word`); a date with an illegible digit was kept by the project's cleaning to
    its legible part (the month and year for a digit of the day, the year for one of the
    month, nothing for one of the year: :func:`read_date`).  :data:`HARD_WORD` of the names
    and :data:`HARD_DIGIT` of the dates (fixed per line and seed: :func:`hard_spots`) are hard
    to read, and each transcriber, on her own, marked a hard word illegible
    (:data:`ILLEGIBLE`), marked it doubtful (:data:`UNCERTAIN`) or read it right, and marked
    a hard digit (:data:`DIGIT_MARK`) or read it right; she slipped on the keyboard in
    :data:`KEY_SLIP` of the name fields.  (2) The platform gave :data:`DOUBLE_KEYED` of the
    pages (:data:`LEDGER_LINES` lines a page, fixed per page and seed: :func:`double_keyed`) to
    two volunteers, and the project's export kept a line's second transcription whenever it
    differs from the first in any field (identical ones were dropped as duplicates), the two
    rows one after the other: the same child twice, as two readings (:func:`keyed_line`,
    :func:`_rewrite_ledgers`).

How they differ from the earlier profiles.  Places were written in many forms (renames,
Russian-source names, raions, district centres, hubs, villages, addresses, host cities,
hromadas, a drop-down's neighbour or slug, city districts, lemmas, foreign spellings); none
was replaced by a geocoding service's label, which undoes the renames and the Russian forms
and moves a homonym to another country.  Partial dates were kept partial, set to 1 January
(:mod:`.heldout`), to the first of the month (:mod:`.heldout12`), completed with the year of
typing (:mod:`.heldout16`) or replaced by the day of a call (:mod:`.heldout23`); none was
completed with the day and month of the day a parsing script ran.  Birth years from an age
took the age at a report, an entry or a reference date (the tuning media, :mod:`.heldout2`,
:mod:`.heldout6`); none read an age typed into a year field as a two-digit year.  Full names
kept in one cell were split whole, rotated, as initials or at double spaces (:mod:`.heldout2`,
:mod:`.heldout24`); none holds the family name twice, in the family-name and given-name
columns, with the given name and patronymic together.  Handwritten documents were misread
letter by letter, digit by digit or month by month (:mod:`.heldout6`, :mod:`.heldout18`) or
kept ditto marks (:mod:`.heldout18`); no transcription kept its editorial marks in the fields
or both of two transcriptions of a line.

Population: three families in ten from institutions, some sent to Belarus, families of two
or three children common, more children placed in Russia, capture shared within families.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import numpy as np
import pandas as pd

from . import noise as nz
from . import places as pl
from .lists import SCHEMA, ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build

NAME = "heldout_geomap_gform_crowdledger"
_TAG = 0x48_3236  # this module's random streams (rewriting), apart from build()'s

MAP = "ua_outlet_map_geojson"
FORM = "ua_relatives_gform"
LEDGERS = "occ_opeka_ledgers_crowd"
_COLUMNS = SCHEMA[1:]
_NAMES = ("family_name", "given_name", "patronymic")
_TRUTH_COLUMNS = ["list", "row", "child", "kind", "source", "new_identity"]

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

#: share of the map's place texts the journalists wrote with the oblast (the geocoder's context)
MAP_PLACE_WITH_OBLAST = 0.2
#: the map's birth dates as the journalists learned them (parsed by :func:`parsed_date`)
MAP_BIRTH = (("day", 0.5), ("month", 0.12), ("year", 0.33), ("missing", 0.05))
#: the map's removal dates as the journalists learned them (parsed by :func:`parsed_date`)
MAP_REMOVAL = (("exact", 0.35), ("month", 0.45), ("year", 0.08), ("missing", 0.12))

_MAP = Style(  # the geocoded place and the parsed dates applied by _rewrite_map
    name_lang=(("uk", 0.8), ("ru", 0.14), ("dim", 0.06)),
    follow_ru_docs=0.3,
    typo=0.02,
    layout="uk",
    apostrophes=0.3,
    drop_yo=0.5,
    family_missing=0.04,
    patronymic_missing=0.85,
    birth=MAP_BIRTH,
    sex_missing=0.15,
    birthplace_as_origin=0.08,
    place=(("uk_current", 0.5), ("uk_doc", 0.2), ("ru_src", 0.3)),
    place_prefix=(("none", 0.55), ("type", 0.25), ("oblast", MAP_PLACE_WITH_OBLAST)),
    place_missing=0.05,
    institution=(("uk_short", 0.6), ("uk", 0.4)),
    institution_missing=0.3,
    removal=MAP_REMOVAL,
    destination="uk",
    destination_missing=0.15,
)
_FORM = Style(  # the typed ages and the retyped full names applied by _rewrite_form
    name_lang=(("uk", 0.75), ("ru", 0.25)),
    follow_ru_docs=0.4,
    typo=0.03,
    layout="uk",
    russian_keyboard=0.05,
    apostrophes=0.5,
    drop_yo=0.5,
    patronymic_missing=0.35,
    birth=(("day", 0.62), ("year", 0.33), ("missing", 0.05)),
    sex_missing=0.04,
    place=(("uk_current", 0.6), ("uk_doc", 0.15), ("ru_src", 0.25)),
    place_prefix=(("none", 0.6), ("type", 0.25), ("oblast", 0.15)),
    place_missing=0.04,
    institution=(("uk_short", 0.6), ("uk", 0.4)),
    institution_missing=0.35,
    removal=(("exact", 0.4), ("month", 0.35), ("year", 0.05), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.2,
)
_LEDGER = Style(  # the transcription (marks, slips, double keying) applied by _rewrite_ledgers
    name_lang=(("ru", 1.0),),
    layout="ru",
    drop_yo=0.8,
    patronymic_missing=0.06,
    birth=(("day", 0.93), ("year", 0.03), ("missing", 0.04)),
    sex_missing=1.0,  # the ledgers have no sex column
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 0.85), ("none", 0.15)),
    place_missing=0.05,
    institution=(("ru", 0.5), ("ru_short", 0.5)),
    institution_missing=0.15,
    removal=(("exact", 0.85), ("missing", 0.15)),
    destination="place_ru",
    destination_missing=0.25,
)


def heldout26_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (26th): an outlet's geocoded map dataset, relatives' Google Form responses, occupation "
        "guardianship ledgers transcribed by a crowd",
        PopulationSpec(
            share_institution=0.3,
            share_belarus=0.15,
            family_sizes=(0.45, 0.3, 0.14, 0.07, 0.03, 0.01),
            twin_rate=0.03,
            placed_institution=0.5,
            placed_family=0.1,
            reregistered=0.35,
            family_visibility=0.65,
        ),
        (
            ListSpec(
                MAP,
                _MAP,
                base=0.4,
                beta=0.9,
                mode_odds=(("family", 1.6), ("institution", 0.8)),
                duplicates=0.04,
                id_prefix="MAP",
            ),
            ListSpec(
                FORM,
                _FORM,
                base=0.3,
                beta=0.8,
                mode_odds=(("family", 2.5), ("institution", 0.3)),
                duplicates=0.07,
                id_prefix="GF",
            ),
            ListSpec(
                LEDGERS,
                _LEDGER,
                base=0.3,
                beta=0.6,
                mode_odds=(("institution", 3.0), ("placed", 2.0), ("belarus", 0.7)),
                wave_cover=0.65,
                duplicates=0.02,
                id_prefix="OP",
            ),
        ),
        output_order=(MAP, FORM, LEDGERS),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: tuple[int, ...], salt: int) -> np.random.Generator:
    """A generator fixed per unit (a ledger, a ledger's page) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, *(int(u) for u in unit)])


def _lag(seed: int, child: Child, second: bool, salt: int, first: tuple[int, int], later: tuple[int, int]) -> dt.date:
    """A date after ``child``'s removal: ``first`` days for the family (fixed per family and
    seed), ``later`` more for a second record (fixed per child and seed)."""
    day = child.removal + dt.timedelta(days=int(_family_rng(seed, child, salt).integers(*first)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, salt + 1).integers(*later)))
    return day


# ---------------------------------------------------------------- the outlet's map

#: the day of the map's first import
MAP_LAUNCH = dt.date(2022, 7, 4)
#: days between the map's updates (each imports the records entered since the one before)
UPDATE_EVERY = 14
#: days from the removal to the journalists' entry of a family's records (inclusive low, exclusive high)
MAP_ENTRY_LAG = (5, 500)
#: days from a family's entry to a second record about a child (from another source)
SECOND_MAP_ENTRY_LAG = (10, 300)
#: bare place names the geocoding service resolves to another, better-known place of that name
#: (its label of the top result), keyed by the name as typed
HOMONYMS: dict[str, str] = {
    "Кировск": "Кіровськ, Мурманська область, Росія",
    "Свердловск": "Єкатеринбург, Свердловська область, Росія",
    "Дзержинск": "Дзержинськ, Нижньогородська область, Росія",
    "Красноармейск": "Красноармійськ, Саратовська область, Росія",
    "Первомайськ": "Первомайськ, Миколаївська область",
    "Первомайск": "Первомайськ, Миколаївська область",
    "Токмак": "Токмок, Чуйська область, Киргизстан",
}
_PLACE_PREFIXES = ("м. ", "г. ")


def _names_of_settlements() -> dict[str, int]:
    out: dict[str, int] = {}
    for i, s in enumerate(pl.SETTLEMENTS):
        for name in (s.uk, s.ru, s.uk_old, s.ru_src):
            if name:
                if out.setdefault(name, i) != i:
                    raise ValueError(f"two settlements named {name!r}")
    return out


_SETTLEMENT_BY_NAME = _names_of_settlements()


def oblast_label(key: str) -> str:
    """The geocoding service's Ukrainian label of oblast ``key`` (``Донецька область``)."""
    return pl.OBLASTS[key]["uk"].replace(" обл.", " область")


def geocode(text: str) -> str:
    """The label of the geocoding service's top result for the place ``text`` as typed (the
    name, with ``м.`` / ``г.``, with its oblast or region after a comma): the current
    official Ukrainian name and its oblast, a homonym's label for a bare name of
    :data:`HOMONYMS`, ``""`` for an empty or unknown text."""
    name = text.strip()
    for prefix in _PLACE_PREFIXES:
        name = name.removeprefix(prefix)
    name, _, region = name.partition(", ")
    if not region and name in HOMONYMS:
        return HOMONYMS[name]
    si = _SETTLEMENT_BY_NAME.get(name)
    if si is None:
        return ""
    s = pl.SETTLEMENTS[si]
    return f"{s.uk}, {oblast_label(s.oblast)}"


def entered_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When the journalists entered ``child``'s record (``second``: a second record)."""
    return _lag(seed, child, second, 0x4D45, MAP_ENTRY_LAG, SECOND_MAP_ENTRY_LAG)


def imported_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """The map update that imported ``child``'s record: the first on or after its entry."""
    entered = entered_on(seed, child, second)
    if entered <= MAP_LAUNCH:
        return MAP_LAUNCH
    steps = -(-(entered - MAP_LAUNCH).days // UPDATE_EVERY)
    return MAP_LAUNCH + dt.timedelta(days=steps * UPDATE_EVERY)


def typed_date(value: str) -> str:
    """A partial ISO date as the journalists typed it: ``21.03.2012``, ``03/2012``, ``2012``."""
    if len(value) == 10:
        return f"{value[8:10]}.{value[5:7]}.{value[:4]}"
    if len(value) == 7:
        return f"{value[5:7]}/{value[:4]}"
    return value


def parsed_date(text: str, run: dt.date) -> str:
    """``text`` (:func:`typed_date`) as ``dateutil.parser.parse(text, dayfirst=True,
    default=<run at midnight>)`` reads it, in ISO: the parts the text lacks are ``run``'s,
    a day past the month's end its last day."""
    if not text:
        return ""
    if "." in text:
        day, month, year = (int(x) for x in text.split("."))
        return dt.date(year, month, day).isoformat()
    if "/" in text:
        month, year = (int(x) for x in text.split("/"))
    else:
        month, year = run.month, int(text)
    day = min(run.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day).isoformat()


def map_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the journalists' record) as the map's script imported it."""
    out = dict(rec)
    run = imported_on(seed, child, second)
    out["origin_settlement"] = geocode(rec["origin_settlement"])
    out["birth_date"] = parsed_date(typed_date(rec["birth_date"]), run)
    out["removal_date"] = parsed_date(typed_date(rec["removal_date"]), run)
    return _consistent(out)


def _rewrite_map(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = map_record(seed, c, rows[j], second)
        keys.append((imported_on(seed, c, second), entered_on(seed, c, second), float(rng.random()), j))
    order = [j for _, _, _, j in sorted(keys)]
    return rows, order, [f"MAP{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the relatives' Google Form

#: share of the responses with a birth answer in which the relative typed the child's age
AGE_TYPED = 0.12
#: share of the responses whose second name answer repeats the family name before the given name
FULL_NAME_RETYPED = 0.08
#: days from the removal to a family's relatives' responses (inclusive low, exclusive high)
RESPONSE_LAG = (10, 600)
#: days from a family's response to a second relative's response about a child
SECOND_RESPONSE_LAG = (7, 300)
#: how a relative writes an age of N years (N >= 5), of 2 to 4, of 1, and of N months
AGE_FORMS = ("{n}", "{n} р.", "{n} років", "{n} рочків")
_AGE_FEW = ("{n}", "{n} р.", "{n} роки")
_AGE_ONE = ("{n}", "{n} р.", "{n} рік")
_AGE_MONTHS = ("{n} міс.", "{n} місяців")
_FULL_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
_NUMBER = re.compile(r"\d+")


def responded_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When the relative answered the form about ``child`` (``second``: a second relative)."""
    return _lag(seed, child, second, 0x5245, RESPONSE_LAG, SECOND_RESPONSE_LAG)


def age_typed(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the relative typed the age in the birth answer.  Fixed per child, response and seed."""
    return bool(_child_rng(seed, child, 0x4154 + int(second)).random() < AGE_TYPED)


def name_retyped(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the relative typed the whole name in the second name answer.  Fixed per
    child, response and seed."""
    return bool(_child_rng(seed, child, 0x4E52 + int(second)).random() < FULL_NAME_RETYPED)


def months_between(birth: dt.date, day: dt.date) -> int:
    """Full months from ``birth`` to ``day``."""
    return (day.year - birth.year) * 12 + day.month - birth.month - (day.day < birth.day)


def age_text(seed: int, child: Child, day: dt.date, second: bool = False) -> str:
    """How the relative wrote ``child``'s age on ``day``: years (:data:`AGE_FORMS`), the
    months of a baby.  The wording is fixed per child, response and seed."""
    g = _child_rng(seed, child, 0x4158 + int(second))
    years = nz.age_at(child.birth, day)
    forms: tuple[str, ...]
    if years == 0:
        forms, n = _AGE_MONTHS, months_between(child.birth, day)
    else:
        forms = _AGE_ONE if years == 1 else _AGE_FEW if years < 5 else AGE_FORMS
        n = years
    return forms[int(g.integers(len(forms)))].format(n=n)


def cleaned_birth(answer: str) -> str:
    """The analyst's reading of a birth answer: a ``dd.mm.yyyy`` date in ISO, otherwise its
    first number, four digits as a year, one or two as a two-digit year (``%y``: 00-68 the
    2000s, 69-99 the 1900s), anything else nothing."""
    m = _FULL_DATE.fullmatch(answer.strip())
    if m:
        return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    n = _NUMBER.search(answer)
    if n is None:
        return ""
    digits = n.group()
    if len(digits) == 4:
        return digits
    if len(digits) <= 2:
        v = int(digits)
        return str(2000 + v if v < 69 else 1900 + v)
    return ""


def birth_answer(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> str:
    """What the relative typed as the birth answer (``rec``: the record as the relative knew
    it): the date, the year, or the age (:func:`age_typed`)."""
    b = rec["birth_date"]
    if not b:
        return ""
    if age_typed(seed, child, second):
        return age_text(seed, child, responded_on(seed, child, second), second)
    return typed_date(b) if len(b) == 10 else b


def second_answer(rec: dict[str, str], retyped: bool) -> str:
    """The "Ім'я, по батькові" answer: the given name and patronymic, after the family name
    when ``retyped``."""
    words = [rec["family_name"]] if retyped and rec["family_name"] else []
    words += [w for w in (rec["given_name"], rec["patronymic"]) if w]
    return " ".join(words)


def split_second_answer(answer: str) -> tuple[str, str]:
    """The analyst's split of the second name answer at its first space: (given name, patronymic)."""
    given, _, rest = answer.partition(" ")
    return given, rest


def form_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child as the relative knew it) as the responses sheet holds it after the
    analyst's cleaning."""
    out = dict(rec)
    out["given_name"], out["patronymic"] = split_second_answer(second_answer(rec, name_retyped(seed, child, second)))
    out["birth_date"] = cleaned_birth(birth_answer(seed, child, rec, second))
    return _consistent(out)


def _rewrite_form(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = form_record(seed, c, rows[j], second)
        keys.append((responded_on(seed, c, second), float(rng.random()), j))
    order = [j for _, _, j in sorted(keys)]
    return rows, order, [f"GF{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the ledgers transcribed by a crowd

#: share of the names (per field and ledger line) hard to read
HARD_WORD = 0.15
#: share of the dates (per field and ledger line) with a digit hard to read
HARD_DIGIT = 0.1
#: share of a transcriber's readings of a hard word she marked illegible
ILLEGIBLE = 0.35
#: share of a transcriber's readings of a hard word she marked doubtful
UNCERTAIN = 0.25
#: share of the illegible marks that keep the word's legible beginning
PART_ILLEGIBLE = 0.5
#: share of a transcriber's readings of a hard digit she marked illegible
DIGIT_MARK = 0.5
#: share of the name fields with a slip of the transcriber's keyboard
KEY_SLIP = 0.015
#: share of the ledger pages the platform gave to two transcribers
DOUBLE_KEYED = 0.6
#: lines on a ledger page
LEDGER_LINES = 25
#: the mark for an illegible word or rest of a word, and the mark after a doubtful reading
ILLEGIBLE_MARK = "[нрзб]"
UNCERTAIN_MARK = "[?]"
#: days from the registration of a family's children to their removal (inclusive low, exclusive high)
REGISTRATION_LEAD = (0, 45)
#: days from the removal to a second line about a child (when it was moved again)
SECOND_LINE_LAG = (1, 120)
_DATE_PARTS = ("day", "month", "year")


def ledger_rank(seed: int, ledger: int) -> float:
    """The place of the ledger of settlement ``ledger`` in the order of upload (a sort key)."""
    return float(_unit_rng(seed, (ledger,), 0x4C52).random())


def registered_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """The date of ``child``'s line in its ledger: before the removal for the family's
    registration, after it for a second line."""
    g = _family_rng(seed, child, 0x5247)
    if not second:
        return child.removal - dt.timedelta(days=int(g.integers(*REGISTRATION_LEAD)))
    return child.removal + dt.timedelta(days=int(_child_rng(seed, child, 0x5248).integers(*SECOND_LINE_LAG)))


def double_keyed(seed: int, ledger: int, page: int) -> bool:
    """Whether the platform gave page ``page`` of ledger ``ledger`` to two transcribers."""
    return bool(_unit_rng(seed, (ledger, page), 0x444B).random() < DOUBLE_KEYED)


def hard_spots(seed: int, child: Child, second: bool = False) -> dict[str, str]:
    """The hard spots of ``child``'s ledger line: each name field hard (``"word"``) or not
    (``""``), each date field with the part that holds its hard digit (``day``, ``month``,
    ``year``) or ``""``.  Fixed per line and seed."""
    g = _child_rng(seed, child, 0x4853 + int(second))
    out = {k: "word" if g.random() < HARD_WORD else "" for k in _NAMES}
    for k in ("birth_date", "removal_date"):
        hard = g.random() < HARD_DIGIT
        part = _DATE_PARTS[int(g.integers(3))]
        out[k] = part if hard else ""
    return out


def illegible(word: str, rng: np.random.Generator) -> str:
    """``word`` marked illegible: whole, or its legible beginning (two letters at least, the
    last two at most gone) and the mark, for :data:`PART_ILLEGIBLE` of the marks."""
    if len(word) > 4 and rng.random() < PART_ILLEGIBLE:
        return word[: int(rng.integers(2, len(word) - 1))] + ILLEGIBLE_MARK
    return ILLEGIBLE_MARK


def read_word(word: str, hard: bool, rng: np.random.Generator) -> str:
    """A transcriber's reading of a name ``word`` (``hard``: hard to read): marked illegible,
    marked doubtful, or as written; then a slip of the keyboard for :data:`KEY_SLIP`."""
    if not word:
        return word
    if hard:
        u = rng.random()
        if u < ILLEGIBLE:
            return illegible(word, rng)
        if u < ILLEGIBLE + UNCERTAIN:
            word += UNCERTAIN_MARK
    if rng.random() < KEY_SLIP:
        word = nz.typo(word, rng, "ru")
    return word


def read_date(value: str, hard_part: str, rng: np.random.Generator) -> str:
    """A transcriber's reading of a date ``value`` (partial ISO) whose ``hard_part`` holds a
    hard digit, as the project's cleaning kept it: marked for :data:`DIGIT_MARK`, and then
    only the legible part kept (a digit of the day: the month; of the month: the year; of the
    year: nothing); a year alone has only its year's digits to lose."""
    if not value or not hard_part:
        return value
    part = hard_part if len(value) == 10 else "year"
    if rng.random() >= DIGIT_MARK:
        return value
    return {"day": value[:7], "month": value[:4], "year": ""}[part]


def keyed_line(seed: int, child: Child, rec: dict[str, str], second: bool, keying: int) -> dict[str, str]:
    """The ``keying``-th transcription (0 or 1) of ``child``'s ledger line ``rec``
    (``second``: a second line about the child)."""
    spots = hard_spots(seed, child, second)
    g = _child_rng(seed, child, 0x4B59 + 2 * int(second) + keying)
    out = dict(rec)
    for k in _NAMES:
        out[k] = read_word(rec[k], spots[k] == "word", g)
    for k in ("birth_date", "removal_date"):
        out[k] = read_date(rec[k], spots[k], g)
    return _consistent(out)


def _rewrite_ledgers(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[tuple[int, str, str, bool]], list[str]]:
    lines: dict[int, list[tuple[dt.date, float, int]]] = {}
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        lines.setdefault(c.origin, []).append((registered_on(seed, c, kind == "duplicate"), float(rng.random()), j))
    out_rows: Rows = []
    out_truth: list[tuple[int, str, str, bool]] = []
    ids: list[str] = []
    for rank, ledger in enumerate(sorted(lines, key=lambda s: (ledger_rank(seed, s), s))):
        row = 0
        for line, (_, _, j) in enumerate(sorted(lines[ledger])):
            c = pop.children[int(truth["child"][j])]
            kind = str(truth["kind"][j])
            second = kind == "duplicate"
            first = keyed_line(seed, c, rows[j], second, 0)
            keyings = [first]
            if double_keyed(seed, ledger, line // LEDGER_LINES):
                other = keyed_line(seed, c, rows[j], second, 1)
                if other != first:
                    keyings.append(other)
            for k, keyed in enumerate(keyings):
                row += 1
                out_rows.append(keyed)
                out_truth.append(
                    (
                        c.child_id,
                        "duplicate" if second or k else kind,
                        str(truth["source"][j]),
                        bool(truth["new_identity"][j]),
                    )
                )
                ids.append(f"OP{rank + 1:02d}-{row:04d}")
    return out_rows, out_truth, ids


# ---------------------------------------------------------------- the profile


def _rows_of(frame: pd.DataFrame) -> Rows:
    body = frame.drop(columns="record_id")
    keys = [str(k) for k in body.columns]
    return [
        {k: str(v) for k, v in zip(keys, vals, strict=True)}
        for vals in zip(*(body.iloc[:, i].tolist() for i in range(body.shape[1])), strict=True)
    ]


def generate_heldout26(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWENTY-SIXTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring).  The ledgers' rewriting adds rows (a line's
    second transcription), so the lists are assembled here rather than by
    :func:`.profiles.rewrite_lists`; each list gets its own generator,
    ``default_rng([seed, _TAG, list index])``, for the ties of its row order."""
    base = build(heldout26_spec(), n, seed)
    frames = dict(base.lists)
    lists: list[tuple[str, pd.DataFrame]] = []
    truths: list[pd.DataFrame] = []
    for li, name in enumerate(base.list_names):
        frame = frames[name]
        truth = base.truth[base.truth["list"] == li].reset_index(drop=True)
        rng = np.random.default_rng([int(seed), _TAG, li])
        rows = _rows_of(frame)
        if name in (MAP, FORM):
            rewrite = _rewrite_map if name == MAP else _rewrite_form
            rows, order, ids = rewrite(rows, truth, base.population, seed, rng)
            out_rows = [rows[j] for j in order]
            t = truth.iloc[order][["child", "kind", "source", "new_identity"]].reset_index(drop=True)
        elif name == LEDGERS:
            out_rows, records, ids = _rewrite_ledgers(rows, truth, base.population, seed, rng)
            t = pd.DataFrame(records, columns=["child", "kind", "source", "new_identity"])
        else:
            raise ValueError(f"no rewriting for list {name!r}")
        out = pd.DataFrame(out_rows, columns=list(_COLUMNS))
        out.insert(0, "record_id", ids)
        lists.append((name, out))
        t.insert(0, "list", li)
        t.insert(1, "row", range(len(t)))
        truths.append(t[_TRUTH_COLUMNS])
    truth_all = pd.concat(truths, ignore_index=True)
    truth_all["child"] = truth_all["child"].astype(base.truth["child"].dtype)
    truth_all["new_identity"] = truth_all["new_identity"].astype(bool)
    return ProfileData(base.name, base.seed, tuple(lists), truth_all, base.population)
