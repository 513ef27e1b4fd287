"""TWENTY-FIFTH HELD-OUT error profile ``heldout_statements_partnersheet_camproster``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout24`
(``heldout_releases_volsheets_116000``) as the profile kept out of tuning, since that one was
run (2026-12-07, at the end of the session in which this profile was written), and was
run ONCE (2026-12-07, in the next session, after that session's first model changes (relation
words in name cells, names shifted towards the patronymic, swapped date columns); on that
session's first model and on the model at the time of the run: nearly the same numbers on both,
recall across 0.910, children +2.9%, N̂ +22.2% by best AIC, ``recommended`` a lower limit of 3,177
only for 3,000 children (it does not cover), two linkage warnings; bench/RESULTS.md);
:mod:`.heldout26` now replaces it as the profile kept out of tuning.  ``bench/linkage_harness.py`` runs it only
with ``--heldout25``; the tests only check that it generates valid, deterministic lists with
the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the history and messages of commits): the harness's shared machinery, the
module docstrings of the earlier held-out profiles (to keep clear of their processes) and
:mod:`.heldout24` with its tests (as a model of structure) were read, nothing else.  The
error processes are what such sources look like, not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the twenty-four earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout25`).  Per-child draws (the name a child goes
by, whether a register's unknown date was filled in) are fixed per child (and record) AND
seed (:func:`_child_rng`), per-family draws (how a relative typed the dates, where the family
says the child was taken from, when it sent its statement) per family AND seed
(:func:`_family_rng`), per-group draws (when a camp typed a group's check-in sheet into the
system) per removal group AND seed (:func:`_unit_rng`).  The shares are the author's
judgement of what such lists hold (no published rate exists for any of them); each is a
named constant.

``ngo_en_partner_sheet``
    an English-language sheet a Ukrainian NGO made for its foreign partners (embassies,
    international organisations) from an extract of a Ukrainian state register of deported
    children: official Ukrainian forms (Russian for some children with Russian documents),
    the family name in capitals for most, as official Ukrainian lists write it
    (``КОВАЛЕНКО Марія Олександрівна``), apostrophe variants (the register's typographic
    ``’`` for many), the patronymic, full birth dates, sex, the settlement with ``м.`` or its
    oblast, the institution's full name, the removal date or month, the destination country
    in English.  (1) The register's instruction for a removal date nobody knew was to enter
    the start of the full-scale invasion, :data:`PLACEHOLDER_DATE` (24 February 2022): so
    did its registrars for :data:`PLACEHOLDER` of such records (fixed per child, record and
    seed: :func:`placeholder_filled`), the others left it empty (:func:`partner_record`), so
    unrelated children share that removal date (and a child removed before it carries a date
    after its removal; one born after it none: the input refuses a removal before the
    birth).  (2) The NGO's staffer romanised the name, settlement and institution columns
    with a spreadsheet formula of nested ``SUBSTITUTE`` calls, one per letter, by the
    Ukrainian national table of 2010 without its word-initial forms
    (:data:`SUBSTITUTIONS`, :func:`substitute_translit`).  ``SUBSTITUTE`` is case-sensitive,
    and a formula may nest at most 64 functions, so the formula has the 33 lower-case letters
    and the ASCII apostrophe only, and it was applied without ``LOWER``: every CAPITAL letter
    stays Cyrillic, so the first letter of every name and place and the whole family name
    written in capitals (``Кovalenko``, ``Мariia``, ``Оleksandrivna``, ``КОВАЛЕНКО``,
    ``m. Мariupol``; many Cyrillic capitals look like Latin ones, ``Шevchenko`` and
    ``Юliia`` do not), and so do the letters of Russian forms the Ukrainian table lacks
    (ы э ё ъ: ``Аrtёm``) and the typographic apostrophes (``Лuk’ianenko``: only ``'`` is
    dropped).  Rows in the register's order, numbered ``PS<number>``.  Institutions a little
    more than elsewhere.
``ru_camp_ais_roster``
    the children from the occupied territories in summer camps ("оздоровление") of a Russian
    region, as the camps' offices entered them into the regional information system for
    children's recreation (leaked; only children sent to Russia, only some camps' rosters:
    whole groups missing): Russian forms, no patronymic, the family name, the birth date
    (a birth year from the age for a quarter), sex, the town as Russian sources write it,
    the institution the group came from, the arrival date, the region; rows by region, then
    the date of entry, numbered ``CA<region>-<row>``; a child kept for a second shift or
    moved to another camp has a second row, :data:`SECOND_SHIFT` days later.  The escorts
    kept the children's documents, so the office typed the counsellors' check-in sheets, on
    which each child is written as it introduced itself.  (1) :data:`HOME_NAME` of the
    children (fixed per child and seed: :func:`home_name`) gave the name they go by: a
    Russian diminutive (``Саша``, ``Тёма``, ``Слава``: :data:`HOME_RU`), or for
    :data:`UKRAINIAN_AT_HOME` of the children with Ukrainian documents (:func:`speaks_ukrainian`)
    a Ukrainian one as the counsellor heard it (``Сашко``, ``Оленка``, ``Маричка``:
    :data:`HOME_UK`); the others their full name.  The information system takes full names
    only, and the office wrote the full Russian name it knows for the name on the sheet
    (:data:`EXPAND`, :func:`roster_given`): right for most, but a name several full names
    share becomes the commonest of them (``Слава`` and ``Славко`` ``Вячеслав`` for a
    Ярослав, Владислав, Ростислав, Святослав or Мирослав; ``Мила`` ``Людмила`` for a Мілана
    or Мирослава; ``Даня`` ``Даниил`` for a Богдан; ``Тима`` ``Тимофей`` for a Тимур;
    ``Гоша`` ``Георгий`` for an Ігор; ``Сеня`` ``Семён`` for an Арсеній; ``Сава`` ``Савва``
    for a Савелій; ``Лина`` ``Алина`` for an Ангеліна; ``Мира`` for a Мирослава), a
    Ukrainian pet form a Russian one it sounds like (``Оленка``, Олена's, as Russian
    ``Оленька``: ``Ольга``; ``Маричка``, Марія's: ``Марина``), and ``Соня`` the other
    Russian spelling ``Софья``.  (2) From :data:`BUG_FROM` until :data:`BUG_UNTIL` a release of
    the system's entry form built the date it sends from the date picker with JavaScript's
    ``getMonth()``, which counts months from 0, without adding 1 (a classic mistake), and the
    database read the month as sent (:func:`zero_based_month`): every full date of a record
    entered then (:func:`entered_on`: days to two weeks after the group's removal, one day per group) is
    one month early, a January date (month 0) and a day the month before does not have (31
    March sent as 31 February) are no date and the database kept none; a birth year typed as
    a number is not touched.
``intl_statement_intake``
    written statements by relatives of children taken away, sent through the multilingual
    web form of an international accountability project, one statement per child, and kept
    in the project's database by its English-speaking data team: Ukrainian or Russian forms
    as the relative typed them, typos, apostrophe variants, the patronymic often left out,
    sex, the settlement as the relative named it, the institution's short name for some, the
    destination as typed.  The form's dates are free-text boxes, typed as the relative
    writes dates: ``05.03.2012``, or in words (:data:`WORDS` of the relatives, fixed per
    family, a second relative's statement drawn afresh, and seed: :func:`writes_words`; the
    month in Russian for :data:`WORDS_RU` of them), and a date known only as a month or a
    year in words by everyone (``березень 2022 р.``, ``2012 р.н.``: :func:`typed_date`).  (1)
    The team's import script parses each box with ``dateutil.parser.parse(text, fuzzy=True,
    dayfirst=True, default=<the day of the import>)`` (the statements are imported every
    Monday: :func:`imported_on`), and dateutil knows English month names only: the month word
    is skipped and whatever it cannot find is taken from ``default`` (:func:`parsed_date`).
    So a numeric date is right; a date in words with a day up to 12 has that day as its
    MONTH and the import's day as its day (``3 квітня 2010`` on an import of 17 June: 17
    March 2010); a date in words with a day above 12 is refused (``bad month number``) and
    the script keeps no date; a month and year or a year alone becomes a full date with the
    import's month and day (``березень 2022 р.`` or ``2022 р.н.`` imported on 17 June: 17
    June 2022), the day clipped to the month's length as dateutil does.  (2) The form asks
    "where was the child taken from?", and for :data:`SEPARATED` of the families of a
    removal since :data:`SEPARATION_FROM` (fixed per family, a second statement per child,
    and seed: :func:`separation_place`) the relative answered with the place where the child
    was separated from the family rather than the home town: a filtration point, a hospital,
    a border crossing or a camp in Crimea or on the Black Sea coast, as relatives of its
    oblast name them (:data:`SEPARATION_PLACES`: ``фільтраційний табір, Безіменне``,
    ``табір у Євпаторії``, ``Геленджик``), which unrelated children of other towns share
    and which is sometimes an origin of other children (``Новоазовськ``, ``Докучаєвськ``).
    Rows in the order of the imports, numbered ``ST<import date>-<row>``; a second relative's
    statement about a child later.  Families much more than institutions.

How they differ from the earlier profiles.  Earlier date faults replaced an unknown date with
a fixed one (1 January, 1900-01-01: :mod:`.heldout`, :mod:`.heldout9`), with the day the
record was made (:mod:`.heldout9`, :mod:`.heldout23`), or read a partial date into the
current year (:mod:`.heldout16`); none reads a written day as the month and fills the day, or
the month and day, from the date of an import, and none fills an unknown REMOVAL date with a
fixed date of the war.  Earlier shifts moved every date one or two days (:mod:`.heldout12`,
:mod:`.heldout13`, :mod:`.heldout15`), rolled months above 12 into later years
(:mod:`.heldout18`), permuted months by their names (:mod:`.heldout24`) or misread Roman
months (:mod:`.heldout18`); none moved every month one back.  Earlier romanisations were whole
systems, by ear or by the reading of Latin text (:mod:`.heldout2`, :mod:`.heldout13`) and
single Latin look-alikes replaced Cyrillic letters (OCR, keyboards); none left exactly the
capital letters Cyrillic.  Pet names and diminutives were kept as the given name
(:mod:`.heldout6`, tuning) and typed names were completed to frequent ones by prefix
(:mod:`.heldout10`, :mod:`.heldout17`); none turned the name a child goes by into a full name
by the commonest reading.  Origins were the city of a hospital, a raion centre, a host city,
a registration or a village (:mod:`.heldout3`, :mod:`.heldout4`, :mod:`.heldout5`); none is
the place where the child was separated from its family.

Population: a quarter of families from institutions, some sent to Belarus, families of two
or three children common, capture shared within families.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import places as pl
from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_statements_partnersheet_camproster"
_TAG = 0x48_3235  # this module's random streams (rewriting), apart from build()'s

PARTNER = "ngo_en_partner_sheet"
ROSTER = "ru_camp_ais_roster"
STATEMENTS = "intl_statement_intake"

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_PARTNER = Style(  # the placeholder and the romanising formula applied by _rewrite_partner
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.3,
    typo=0.01,
    layout="uk",
    apostrophes=0.5,
    upper_family=0.7,
    patronymic_missing=0.05,
    birth=(("day", 0.92), ("year", 0.04), ("missing", 0.04)),
    sex_missing=0.01,
    place=(("uk_current", 1.0),),
    place_prefix=(("type", 0.6), ("oblast", 0.4)),
    place_missing=0.02,
    institution=(("uk", 1.0),),
    institution_missing=0.1,
    removal=(("exact", 0.45), ("month", 0.2), ("missing", 0.35)),
    destination="en",
    destination_missing=0.05,
)
_ROSTER = Style(  # the names as the office expanded them and the shifted months applied by _rewrite_roster
    name_lang=(("ru", 1.0),),
    typo=0.02,
    layout="ru",
    drop_yo=0.6,
    family_missing=0.03,
    patronymic_missing=1.0,
    birth=(("day", 0.7), ("age", 0.25), ("missing", 0.05)),
    report_lag=(1, 3),
    sex_missing=0.02,
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 0.6), ("none", 0.4)),
    place_missing=0.05,
    institution=(("ru_short", 0.5), ("ru", 0.5)),
    institution_missing=0.3,
    removal=(("arrival", 0.95), ("missing", 0.05)),
    destination="place_ru",
)
_STATEMENTS = Style(  # the parsed dates and the places of separation applied by _rewrite_statements
    name_lang=(("uk", 0.7), ("ru", 0.3)),
    follow_ru_docs=0.4,
    typo=0.03,
    layout="uk",
    russian_keyboard=0.03,
    apostrophes=0.4,
    drop_yo=0.5,
    patronymic_missing=0.45,
    birth=(("day", 0.72), ("month", 0.06), ("year", 0.16), ("missing", 0.06)),
    sex_missing=0.04,
    place=(("uk_current", 0.55), ("uk_doc", 0.15), ("ru_src", 0.3)),
    place_prefix=(("none", 0.7), ("type", 0.3)),
    place_missing=0.04,
    institution=(("uk_short", 0.7), ("uk", 0.3)),
    institution_missing=0.4,
    removal=(("exact", 0.45), ("month", 0.4), ("missing", 0.15)),
    destination="uk",
    destination_missing=0.15,
)


def heldout25_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (25th): an NGO's English sheet for partners, a Russian region's camp rosters, relatives' "
        "statements imported by an English-speaking team",
        PopulationSpec(
            share_institution=0.25,
            share_belarus=0.15,
            family_sizes=(0.45, 0.3, 0.15, 0.07, 0.02, 0.01),
            twin_rate=0.03,
            placed_institution=0.45,
            placed_family=0.1,
            reregistered=0.3,
            family_visibility=0.6,
        ),
        (
            ListSpec(
                PARTNER,
                _PARTNER,
                base=0.45,
                beta=0.8,
                mode_odds=(("institution", 1.3),),
                duplicates=0.02,
                id_prefix="PS",
            ),
            ListSpec(
                ROSTER,
                _ROSTER,
                eligible="russia",
                base=0.35,
                beta=0.6,
                mode_odds=(("institution", 1.5),),
                wave_cover=0.6,
                duplicates=0.06,
                id_prefix="CA",
            ),
            ListSpec(
                STATEMENTS,
                _STATEMENTS,
                base=0.35,
                beta=0.9,
                mode_odds=(("family", 2.0), ("institution", 0.35)),
                duplicates=0.06,
                id_prefix="ST",
            ),
        ),
        output_order=(PARTNER, ROSTER, STATEMENTS),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: int, salt: int) -> np.random.Generator:
    """A generator fixed per unit (a removal group) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, int(unit)])


def _writer_rng(seed: int, child: Child, second: bool, salt: int) -> np.random.Generator:
    """The generator of whoever wrote ``child``'s record: its family's (the first record) or,
    for a second record by another relative, the child's own."""
    return _child_rng(seed, child, salt + 1) if second else _family_rng(seed, child, salt)


# ---------------------------------------------------------------- the NGO's English sheet for partners

#: the date the register's instruction gives for an unknown removal date (the full-scale invasion)
PLACEHOLDER_DATE = dt.date(2022, 2, 24)
#: share of the register's records without a removal date that have the placeholder instead
PLACEHOLDER = 0.8
#: the staffer's formula: nested SUBSTITUTE calls, lower-case Ukrainian letters (national table of
#: 2010, medial forms) and the ASCII apostrophe; Excel nests at most 64 functions
SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("а", "a"), ("б", "b"), ("в", "v"), ("г", "h"), ("ґ", "g"), ("д", "d"), ("е", "e"), ("є", "ie"),
    ("ж", "zh"), ("з", "z"), ("и", "y"), ("і", "i"), ("ї", "i"), ("й", "i"), ("к", "k"), ("л", "l"),
    ("м", "m"), ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"), ("у", "u"),
    ("ф", "f"), ("х", "kh"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"), ("щ", "shch"), ("ь", ""), ("ю", "iu"),
    ("я", "ia"), ("'", ""),
)  # fmt: skip
_ROMANISED = ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution")


def substitute_translit(text: str) -> str:
    """``text`` as the staffer's formula romanises it: each substitution applied in turn to
    the whole text (case-sensitive: capitals and letters not in :data:`SUBSTITUTIONS` stay)."""
    for cyrillic, latin in SUBSTITUTIONS:
        text = text.replace(cyrillic, latin)
    return text


def placeholder_filled(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the registrar entered :data:`PLACEHOLDER_DATE` for ``child``'s unknown removal
    date.  Fixed per child, record and seed."""
    return bool(_child_rng(seed, child, 0x5048 + int(second)).random() < PLACEHOLDER)


def partner_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's record as the register renders it) as it came into the NGO's sheet."""
    out = dict(rec)
    if not out["removal_date"] and placeholder_filled(seed, child, second):
        out["removal_date"] = PLACEHOLDER_DATE.isoformat()
    for col in _ROMANISED:
        out[col] = substitute_translit(out[col])
    return _consistent(out)


def _rewrite_partner(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, ids: list[str]
) -> tuple[Rows, list[int], list[str]]:
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        rows[j] = partner_record(seed, pop.children[int(child_id)], rows[j], kind == "duplicate")
    return rows, list(range(len(rows))), ids


# ---------------------------------------------------------------- the camps' roster in the regional system

#: share of the children who gave the name they go by (not their full name) at check-in
HOME_NAME = 0.6
#: share of the children with Ukrainian documents who speak Ukrainian at home (a Ukrainian pet form)
UKRAINIAN_AT_HOME = 0.3
#: days from a group's removal to the day its check-in sheet was typed in (inclusive low, exclusive high)
ENTRY_LAG = (1, 16)
#: days from a child's first arrival to its second row (a second shift, another camp)
SECOND_SHIFT = (21, 91)
#: the release of the entry form that sent months counted from 0
BUG_FROM = dt.date(2022, 7, 11)
#: the release that fixed it
BUG_UNTIL = dt.date(2023, 3, 6)
#: the names a Russian-speaking child goes by, by its (Ukrainian) given name in the lexicon
HOME_RU: dict[str, tuple[str, ...]] = {
    "Олександр": ("Саша",), "Максим": ("Максим", "Макс"), "Артем": ("Тёма", "Артём"), "Дмитро": ("Дима",),
    "Данило": ("Даня",), "Іван": ("Ваня",), "Андрій": ("Андрей", "Андрюша"), "Михайло": ("Миша",),
    "Кирило": ("Кирилл", "Кирюша"), "Владислав": ("Влад", "Слава"), "Назар": ("Назар",),
    "Богдан": ("Богдан", "Даня"), "Матвій": ("Матвей",), "Ярослав": ("Ярик", "Слава"), "Денис": ("Денис",),
    "Єгор": ("Егор",), "Тимофій": ("Тима", "Тимоха"), "Ілля": ("Илья",), "Микита": ("Никита",),
    "Роман": ("Рома",), "Сергій": ("Серёжа",), "Володимир": ("Вова",), "Вадим": ("Вадик",),
    "Віталій": ("Виталик",), "Олексій": ("Лёша",), "Євген": ("Женя",), "Марк": ("Марк",), "Давид": ("Давид",),
    "Захар": ("Захар",), "Ростислав": ("Ростик", "Слава"), "Тарас": ("Тарас",), "В'ячеслав": ("Слава",),
    "Руслан": ("Руслан",), "Антон": ("Антон",), "Павло": ("Паша",), "Георгій": ("Гоша",),
    "Ігор": ("Игорь", "Гоша"), "Степан": ("Стёпа",), "Костянтин": ("Костя",), "Юрій": ("Юра",),
    "Петро": ("Петя",), "Остап": ("Остап",), "Святослав": ("Свят", "Слава"), "Федір": ("Федя",),
    "Тимур": ("Тимур", "Тима"), "Лев": ("Лёва",), "Платон": ("Платон",), "Семен": ("Сеня",), "Яків": ("Яша",),
    "Олег": ("Олег",), "Гліб": ("Глеб",), "Арсеній": ("Арсений", "Сеня"), "Мирослав": ("Мирослав", "Слава"),
    "Всеволод": ("Сева",), "Савелій": ("Савелий", "Сава"), "Еміль": ("Эмиль",), "Амір": ("Амир",),
    "Анастасія": ("Настя", "Ася"), "Софія": ("Соня",), "Марія": ("Маша",), "Дарина": ("Даша",),
    "Вікторія": ("Вика",), "Анна": ("Аня",), "Катерина": ("Катя",), "Поліна": ("Полина", "Поля"),
    "Єлизавета": ("Лиза",), "Аліна": ("Алина",), "Юлія": ("Юля",), "Олександра": ("Саша",),
    "Валерія": ("Лера",), "Вероніка": ("Ника",), "Діана": ("Диана",), "Ангеліна": ("Геля", "Лина"),
    "Ксенія": ("Ксюша",), "Мілана": ("Милана", "Мила"), "Злата": ("Злата",), "Христина": ("Кристина",),
    "Карина": ("Карина",), "Ірина": ("Ира",), "Олена": ("Лена",), "Ольга": ("Оля",), "Тетяна": ("Таня",),
    "Наталія": ("Наташа",), "Маргарита": ("Рита",), "Яна": ("Яна",), "Кіра": ("Кира",),
    "Соломія": ("Соломия",), "Уляна": ("Уля",), "Евеліна": ("Эвелина",), "Арина": ("Арина",),
    "Світлана": ("Света",), "Надія": ("Надя",), "Любов": ("Люба",), "Віра": ("Вера",), "Василиса": ("Вася",),
    "Мирослава": ("Мира", "Мила"), "Стефанія": ("Стефания",), "Емілія": ("Эмилия",), "Єва": ("Ева",),
    "Аліса": ("Алиса",), "Таїсія": ("Тая", "Тася"), "Людмила": ("Люда", "Мила"), "Аміна": ("Амина",),
}  # fmt: skip
#: the Ukrainian pet forms a Ukrainian-speaking child goes by, as a Russian counsellor wrote them
#: (a name not here: as a Russian-speaking child)
HOME_UK: dict[str, tuple[str, ...]] = {
    "Олександр": ("Сашко",), "Данило": ("Данилко",), "Іван": ("Иванко",), "Андрій": ("Андрийко",),
    "Михайло": ("Михайлик",), "Петро": ("Петрик",), "Юрій": ("Юрко",), "Тарас": ("Тарасик",),
    "Назар": ("Назарчик",), "Остап": ("Остапчик",), "Дмитро": ("Дмитрик",), "Роман": ("Ромчик",),
    "Богдан": ("Богданчик",), "Ярослав": ("Славко",), "В'ячеслав": ("Славко",), "Святослав": ("Славко",),
    "Ростислав": ("Славко",), "Марія": ("Марийка", "Маричка"), "Олена": ("Оленка",), "Софія": ("Софийка",),
    "Анастасія": ("Настуся",), "Катерина": ("Катруся",), "Анна": ("Ганнуся",), "Христина": ("Христинка",),
    "Соломія": ("Соломийка",), "Уляна": ("Улянка",), "Дарина": ("Даринка",), "Ірина": ("Иринка",),
}  # fmt: skip
#: the full Russian name the camp office wrote for the name on the check-in sheet, by the child's sex
EXPAND: dict[tuple[str, str], str] = {
    **{(n, "M"): full for n, full in (
        ("Саша", "Александр"), ("Макс", "Максим"), ("Максим", "Максим"), ("Тёма", "Артём"), ("Артём", "Артём"),
        ("Дима", "Дмитрий"), ("Даня", "Даниил"), ("Ваня", "Иван"), ("Андрей", "Андрей"), ("Андрюша", "Андрей"),
        ("Миша", "Михаил"), ("Кирилл", "Кирилл"), ("Кирюша", "Кирилл"), ("Влад", "Владислав"),
        ("Слава", "Вячеслав"), ("Назар", "Назар"), ("Богдан", "Богдан"), ("Матвей", "Матвей"),
        ("Ярик", "Ярослав"), ("Денис", "Денис"), ("Егор", "Егор"), ("Тима", "Тимофей"), ("Тимоха", "Тимофей"),
        ("Илья", "Илья"), ("Никита", "Никита"), ("Рома", "Роман"), ("Серёжа", "Сергей"), ("Вова", "Владимир"),
        ("Вадик", "Вадим"), ("Виталик", "Виталий"), ("Лёша", "Алексей"), ("Женя", "Евгений"), ("Марк", "Марк"),
        ("Давид", "Давид"), ("Захар", "Захар"), ("Ростик", "Ростислав"), ("Тарас", "Тарас"), ("Руслан", "Руслан"),
        ("Антон", "Антон"), ("Паша", "Павел"), ("Гоша", "Георгий"), ("Игорь", "Игорь"), ("Стёпа", "Степан"),
        ("Костя", "Константин"), ("Юра", "Юрий"), ("Петя", "Пётр"), ("Остап", "Остап"), ("Свят", "Святослав"),
        ("Федя", "Фёдор"), ("Тимур", "Тимур"), ("Лёва", "Лев"), ("Платон", "Платон"), ("Сеня", "Семён"),
        ("Яша", "Яков"), ("Олег", "Олег"), ("Глеб", "Глеб"), ("Арсений", "Арсений"), ("Мирослав", "Мирослав"),
        ("Сева", "Всеволод"), ("Савелий", "Савелий"), ("Сава", "Савва"), ("Эмиль", "Эмиль"), ("Амир", "Амир"),
        ("Сашко", "Александр"), ("Данилко", "Даниил"), ("Иванко", "Иван"), ("Андрийко", "Андрей"),
        ("Михайлик", "Михаил"), ("Петрик", "Пётр"), ("Юрко", "Юрий"), ("Тарасик", "Тарас"), ("Назарчик", "Назар"),
        ("Остапчик", "Остап"), ("Дмитрик", "Дмитрий"), ("Ромчик", "Роман"), ("Богданчик", "Богдан"),
        ("Славко", "Вячеслав"),
    )},
    **{(n, "F"): full for n, full in (
        ("Настя", "Анастасия"), ("Ася", "Анастасия"), ("Соня", "Софья"), ("Маша", "Мария"), ("Даша", "Дарья"),
        ("Вика", "Виктория"), ("Аня", "Анна"), ("Катя", "Екатерина"), ("Полина", "Полина"), ("Поля", "Полина"),
        ("Лиза", "Елизавета"), ("Алина", "Алина"), ("Юля", "Юлия"), ("Саша", "Александра"), ("Лера", "Валерия"),
        ("Ника", "Вероника"), ("Диана", "Диана"), ("Геля", "Ангелина"), ("Лина", "Алина"), ("Ксюша", "Ксения"),
        ("Милана", "Милана"), ("Мила", "Людмила"), ("Злата", "Злата"), ("Кристина", "Кристина"),
        ("Карина", "Карина"), ("Ира", "Ирина"), ("Лена", "Елена"), ("Оля", "Ольга"), ("Таня", "Татьяна"),
        ("Наташа", "Наталья"), ("Рита", "Маргарита"), ("Яна", "Яна"), ("Кира", "Кира"), ("Соломия", "Соломия"),
        ("Уля", "Ульяна"), ("Эвелина", "Эвелина"), ("Арина", "Арина"), ("Света", "Светлана"), ("Надя", "Надежда"),
        ("Люба", "Любовь"), ("Вера", "Вера"), ("Вася", "Василиса"), ("Мира", "Мира"), ("Стефания", "Стефания"),
        ("Эмилия", "Эмилия"), ("Ева", "Ева"), ("Алиса", "Алиса"), ("Тая", "Таисия"), ("Тася", "Таисия"),
        ("Люда", "Людмила"), ("Амина", "Амина"), ("Марийка", "Мария"), ("Маричка", "Марина"),
        ("Оленка", "Ольга"), ("Софийка", "Софья"), ("Настуся", "Анастасия"), ("Катруся", "Екатерина"),
        ("Ганнуся", "Анна"), ("Христинка", "Кристина"), ("Соломийка", "Соломия"), ("Улянка", "Ульяна"),
        ("Даринка", "Дарина"), ("Иринка", "Ирина"),
    )},
}  # fmt: skip


def speaks_ukrainian(seed: int, child: Child) -> bool:
    """Whether ``child`` goes by a Ukrainian pet form (only children with Ukrainian documents).
    Fixed per child and seed."""
    return child.doc_lang == "uk" and bool(_child_rng(seed, child, 0x554B).random() < UKRAINIAN_AT_HOME)


def home_name(seed: int, child: Child) -> str:
    """The name ``child`` gave at check-in when it gave the name it goes by, "" when it gave
    its full name.  Fixed per child and seed."""
    g = _child_rng(seed, child, 0x484E)
    if g.random() >= HOME_NAME:
        return ""
    uk = lx.GIVEN[child.given].uk
    options = HOME_UK[uk] if speaks_ukrainian(seed, child) and uk in HOME_UK else HOME_RU[uk]
    return options[int(g.integers(len(options)))]


def roster_given(seed: int, child: Child, written: str) -> str:
    """The given name in the roster: the full name the office wrote for ``child``'s home name,
    or ``written`` (its full name as the counsellor wrote it) when it gave that."""
    home = home_name(seed, child)
    return EXPAND[(home, child.sex)] if home else written


def second_shift(seed: int, child: Child) -> int:
    """Days from ``child``'s first arrival to its second row.  Fixed per child and seed."""
    return int(_child_rng(seed, child, 0x5353).integers(*SECOND_SHIFT))


def entered_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """The day the office typed ``child``'s row in (one day per removal group; a second row later)."""
    day = child.removal + dt.timedelta(days=int(_unit_rng(seed, child.wave, 0x454E).integers(*ENTRY_LAG)))
    return day + dt.timedelta(days=second_shift(seed, child)) if second else day


def buggy_release(day: dt.date) -> bool:
    """Whether a row typed in on ``day`` met the release that counted months from 0."""
    return BUG_FROM <= day < BUG_UNTIL


def zero_based_month(value: str) -> str:
    """A full ISO date as the database kept it when the form sent its month counted from 0:
    one month early, none for January or for a day the month before does not have; a partial
    date (not from the date picker) unchanged."""
    if len(value) != 10:
        return value
    year, month, day = int(value[:4]), int(value[5:7]) - 1, int(value[8:10])
    if month == 0 or day > calendar.monthrange(year, month)[1]:
        return ""
    return dt.date(year, month, day).isoformat()


def roster_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's row as the counsellor's sheet renders it) as the office entered it."""
    out = dict(rec)
    out["given_name"] = roster_given(seed, child, rec["given_name"])
    if second and len(out["removal_date"]) == 10:
        later = dt.date.fromisoformat(out["removal_date"]) + dt.timedelta(days=second_shift(seed, child))
        out["removal_date"] = later.isoformat()
    if buggy_release(entered_on(seed, child, second)):
        out["birth_date"] = zero_based_month(out["birth_date"])
        out["removal_date"] = zero_based_month(out["removal_date"])
    return _consistent(out)


def _rewrite_roster(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = roster_record(seed, c, rows[j], second)
        keys.append((c.destination, entered_on(seed, c, second), float(rng.random()), j))
    order: list[int] = []
    ids: list[str] = []
    within: dict[int, int] = {}
    for region, _, _, j in sorted(keys):
        within[region] = within.get(region, 0) + 1
        order.append(j)
        ids.append(f"CA{region + 1}-{within[region]:04d}")
    return rows, order, ids


# ---------------------------------------------------------------- the relatives' statements

#: share of the relatives who type a full date in words (``12 березня 2012 р.``)
WORDS = 0.4
#: share of those who write the month in Russian (``12 марта 2012 г.``)
WORDS_RU = 0.3
#: days from the removal to the family's statement (inclusive low, exclusive high)
STATEMENT_LAG = (5, 540)
#: days from a family's statement to a second relative's statement about a child
SECOND_STATEMENT_LAG = (20, 365)
#: share of the families (removal since SEPARATION_FROM) who name the place of separation as origin
SEPARATED = 0.25
#: filtration, the camps and the hospitals of the full-scale invasion
SEPARATION_FROM = dt.date(2022, 2, 24)
#: the places of separation as relatives of each oblast name them
SEPARATION_PLACES: dict[str, tuple[str, ...]] = {
    "D": ("Безіменне", "фільтраційний табір, Безіменне", "фільтрація в Безіменному", "Докучаєвськ", "Новоазовськ",
          "лікарня, Донецьк"),
    "L": ("пункт пропуску Ізварине", "Ізварине", "лікарня, Луганськ"),
    "K": ("табір «Дружба», Євпаторія", "табір у Євпаторії", "табір у Криму", "Анапа"),
    "Z": ("Василівка", "фільтрація у Василівці", "табір у Криму", "табір у Бердянську"),
    "H": ("табір «Лісова поляна», Геленджик", "Геленджик", "Анапа"),
}  # fmt: skip
UK_MONTHS_GEN = (
    "січня", "лютого", "березня", "квітня", "травня", "червня",
    "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
)  # fmt: skip
UK_MONTHS_NOM = (
    "січень", "лютий", "березень", "квітень", "травень", "червень",
    "липень", "серпень", "вересень", "жовтень", "листопад", "грудень",
)  # fmt: skip
RU_MONTHS_GEN = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
RU_MONTHS_NOM = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
_NUMERIC = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")


def writes_words(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the relative who wrote ``child``'s statement typed full dates in words.
    Fixed per family (per child for a second relative's statement) and seed."""
    return bool(_writer_rng(seed, child, second, 0x5744).random() < WORDS)


def writes_russian(seed: int, child: Child, second: bool = False) -> bool:
    """Whether that relative writes the month in Russian (same fixing as :func:`writes_words`)."""
    return bool(_writer_rng(seed, child, second, 0x5752).random() < WORDS_RU)


def typed_date(value: str, words: bool, russian: bool) -> str:
    """A partial ISO date as a relative typed it in the form's free-text box."""
    if not value:
        return ""
    year = int(value[:4])
    if len(value) == 4:
        return f"{year} г.р." if russian else f"{year} р.н."
    month = int(value[5:7])
    tail = "г." if russian else "р."
    if len(value) == 7:
        return f"{(RU_MONTHS_NOM if russian else UK_MONTHS_NOM)[month - 1]} {year} {tail}"
    day = int(value[8:10])
    if words:
        return f"{day} {(RU_MONTHS_GEN if russian else UK_MONTHS_GEN)[month - 1]} {year} {tail}"
    return f"{day:02d}.{month:02d}.{year}"


def _clipped(year: int, month: int, day: int) -> str:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1])).isoformat()


def parsed_date(text: str, default: dt.date) -> str:
    """What ``dateutil.parser.parse(text, fuzzy=True, dayfirst=True, default=default)`` gives
    for a text of :func:`typed_date` (ISO; "" where it raises, as the script kept no date):
    the month words are unknown to it and skipped, a lone day is read as the month."""
    if not text:
        return ""
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        day, month, year = (int(x) for x in numeric.groups())
        return dt.date(year, month, day).isoformat()
    numbers = [int(x) for x in re.findall(r"\d+", text)]
    if len(numbers) == 1:  # a month in words and a year, or a year: month and day from the default
        return _clipped(numbers[0], default.month, default.day)
    day, year = numbers  # a day, a month in words, a year: the day is taken for the month
    return "" if day > 12 else _clipped(year, day, default.day)


def submitted_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When the statement about ``child`` was sent (one date per family; a second relative's later)."""
    day = child.removal + dt.timedelta(days=int(_family_rng(seed, child, 0x5355).integers(*STATEMENT_LAG)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, 0x5356).integers(*SECOND_STATEMENT_LAG)))
    return day


def imported_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """The Monday after the statement was sent, when the weekly import parsed it."""
    sent = submitted_on(seed, child, second)
    return sent + dt.timedelta(days=7 - sent.weekday())


def separation_place(seed: int, child: Child, second: bool = False) -> str:
    """The place of separation the relative gave as the origin, "" when it gave the home town
    (:data:`SEPARATED` of the families removed since :data:`SEPARATION_FROM`).  Fixed per family
    (per child for a second relative's statement) and seed."""
    places = SEPARATION_PLACES.get(pl.SETTLEMENTS[child.origin].oblast, ())
    g = _writer_rng(seed, child, second, 0x5350)
    if child.removal < SEPARATION_FROM or not places or g.random() >= SEPARATED:
        return ""
    return places[int(g.integers(len(places)))]


def statement_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's record as the relative typed it, dates as ISO) as the import kept it."""
    out = dict(rec)
    words, russian = writes_words(seed, child, second), writes_russian(seed, child, second)
    default = imported_on(seed, child, second)
    for col in ("birth_date", "removal_date"):
        out[col] = parsed_date(typed_date(rec[col], words, russian), default)
    place = separation_place(seed, child, second)
    if place:
        out["origin_settlement"] = place
    return _consistent(out)


def _rewrite_statements(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = statement_record(seed, c, rows[j], second)
        keys.append((imported_on(seed, c, second), submitted_on(seed, c, second), float(rng.random()), j))
    order: list[int] = []
    ids: list[str] = []
    within: dict[dt.date, int] = {}
    for day, _, _, j in sorted(keys):
        within[day] = within.get(day, 0) + 1
        order.append(j)
        ids.append(f"ST{day:%Y%m%d}-{within[day]:03d}")
    return rows, order, ids


# ---------------------------------------------------------------- the profile


def generate_heldout25(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWENTY-FIFTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == PARTNER:
            return _rewrite_partner(rows, truth, pop, seed, ids)
        if name == ROSTER:
            return _rewrite_roster(rows, truth, pop, seed, rng)
        if name == STATEMENTS:
            return _rewrite_statements(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout25_spec(), n, seed), seed, _TAG, rewrite)
