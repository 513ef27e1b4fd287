"""TWENTY-NINTH HELD-OUT error profile ``heldout_chatexport_birthdays_pesel``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It is written for later use, as the profile kept out of tuning
after the twenty-eighth held-out profile (:mod:`.heldout28`, written in parallel by another
author).  It was run ONCE (2026-12-08, at the end of the session that changed the model after
the twenty-eighth's run, on that session's first model and its last: recall across 0.559 and
0.579, children +9.3% and +8.5%, N̂ +359% and +266% by best AIC, ``recommended`` 14,800 [9,084,
24,744] and 11,812 [7,645, 18,837] for 3,000 children, not covering, four linkage warnings;
bench/RESULTS.md); :mod:`.heldout30` now replaces it as the profile kept out of tuning.
``bench/linkage_harness.py`` runs it only with ``--heldout29``; the tests only check that it
generates valid, deterministic lists with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation as a black box,
``data/name_equivalences.csv``, ``data/name_translations.csv`` and the gazetteer tables of
``data/``, the linkage sections of ``bench/RESULTS.md`` and of the README, the history and
messages of commits).  What it read: the shared harness modules (``tests/harness/__init__.py``,
``profiles.py``, ``lists.py``, ``population.py``, ``noise.py``, ``romanise.py``, ``lexicon.py``,
``places.py``, ``sampling.py``, ``metrics.py``), :mod:`.heldout24` and its tests as a model of
structure, the module docstrings of :mod:`.heldout` to :mod:`.heldout27` (to keep clear of their
processes), the registration tests of heldout26's and heldout27's test modules,
``bench/linkage_harness.py`` (its docstring, registration and output code),
``bench/harness_true_coverage.py`` and ``tests/test_harness_heldout_contract.py``.  It did not
see the twenty-eighth profile.  The error processes are what such sources look like, not what
the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the earlier held-out profiles have (as far as their module
docstrings tell).  The shared :func:`.profiles.build` renders every record in Cyrillic; this
module then rewrites each list as its source writes it (:func:`generate_heldout29`).  Per-child
draws (how a relative formatted a post, whether a birthday post gave the age, a PESEL's serial
and a typing slip in it) are fixed per child, record AND seed (:func:`_child_rng`), per-family
draws (whether a family posted its children together, the relative who posted, when a family
posted or registered) per family AND seed (:func:`_family_rng`), per-home draws (how a Russian
children's home greets its children) per removal group AND seed (:func:`_unit_rng`).  The
shares are the author's judgement of what such lists hold (no published rate exists for any of
them); each is a named constant.

``ua_search_chat_export``
    the requests relatives posted in a Ukrainian volunteer search group on Telegram ("help find
    a child taken to Russia or Belarus"), taken from the chat's history export (Telegram
    Desktop, machine-readable JSON) by a volunteer analyst's script that makes one record per
    message.  A post (:func:`post_segments`) has an opening line, the child's name and birth
    (``Коваленко Марія Олександрівна, 05.03.2012 р.н.``; the year alone for some), ``Звідки:``
    and the town as the relative names it (current, pre-2016 or Russian-source name, ``м.``,
    the oblast), when and where to (``Вивезли 15.04.2022 до Росії``, ``Вивезли у квітні 2022 р.``),
    the contact (``Мама Олена, тел.`` or ``Контакти: Олена Коваленко (мама), тел.``, a phone
    number) and hashtags.  Ukrainian forms (Russian for some relatives and for some children
    with Russian documents), typos, apostrophe variants, Ukrainian typed on Russian layouts now
    and then, the patronymic often left out.  (1) In the export a message's ``text`` is a plain
    string, or, when the message has formatted or recognised parts (bold, a hashtag, a phone
    number: nearly every request), a list of plain strings and objects holding those parts
    (:func:`telegram_text`); the script joins only the plain strings (:func:`script_text`), so
    every formatted part is lost: the child's name for the :data:`BOLD_NAME` of the posts whose
    relative wrote it in bold, the birth date for the :data:`BOLD_DATE` of them written so, the
    town for the :data:`PLACE_HASHTAG` of them that give it only as a hashtag (``#НоваКаховка``).
    (2) The script (:func:`parse_post`) takes as the name the first run of two or three
    capitalised words in the Ukrainian alphabet (``[А-Я...][а-я...'’ʼ-]+`` with і ї є ґ, without
    ё ы э ъ and the backtick), separated by spaces on one line, whose first word is not one of its
    :data:`STOPWORDS` (a stopword skipped, the search goes on from the next word): the first word
    as family name, the second as given name, the third as patronymic.  So a name written given
    name first (:data:`GIVEN_FIRST` of the posts, ``Марія Коваленко``) comes out swapped; a post
    typed in lower case (:data:`LOWER_CASE`) has no name; a word stops at a letter outside the
    class (a Russian ё or ы, a Latin i from a Russian layout, a backtick apostrophe), so the name
    is cut (``Коваленко Мар``) or, when its first word breaks, the given name and patronymic are
    taken as family and given name (``Ковалёва Мария Сергеевна``: ``Мария``, ``Сергеевна``); and
    where the child's name is lost the next run wins: a two-word town (``Нова Каховка``) or the
    relative of the contact line (``Олена Коваленко``, given name first).  The
    birth date is the first full date ``dd.mm.yyyy`` in the text, else a year before ``р.н.``:
    when the birth is a year, or was bold, the removal date is taken for it.  The removal date
    is a full date after ``Вивезли``; the sex is read off the patronymic's ending (none without
    one); the country from ``Росі...`` / ``Білорус...``; no institution.  (3) For the
    :data:`FAMILY_POST` of the families with two or more children on the list (fixed per family
    and seed: :func:`family_post`) one message names all of them, eldest first; one record per
    message leaves the younger ones out, and the record is the child whose name the script took
    (the eldest unless its name was cut away: :func:`_rewrite_chat`).  A second post about a
    child is a forward of the first (:data:`FORWARD` of them: the same record, later) or another
    relative's own request (for a child a family post left out, that request is its only record;
    a forward of the family post gives it none).  Rows in the order of the messages (one date per family:
    :func:`posted_on`), numbered by the message (``TG<id>``).  Families much more than
    institutions.
``ru_home_birthday_posts``
    the birthday greetings of Russian children's homes and rehabilitation centres to the children
    from Ukraine they hold, on their public pages on a Russian social network, collected by an
    OSINT team that followed the pages of the homes known to have received groups of children:
    only children sent to Russia, children of institutions and placed children much more than
    others, only some homes' pages followed (whole groups missing).  A home greets a child on its
    birthday (the first birthday after it came, the next one too for a child still there: a
    second row), by the name the home uses (the identity given in Russia where the child was
    re-registered, Russian forms), never with a patronymic.  Each home has its habit (fixed per
    removal group and seed: :func:`home_habit`): :data:`GROUP_HOMES` of them post once a month
    for the month's birthday children (``Поздравляем именинников марта!``), on the first day of
    the month or, for :data:`EVE_HOMES` of those, on the last day of the month before; the
    others post on the birthday itself; :data:`WORKDAY_HOMES` of the homes post on working days
    only, so a weekend birthday on the Monday after, a monthly list on the Monday after the 1st
    or the Friday before the eve (:func:`posted_on_birthday`).  A greeting gives the
    age the child turns for :data:`AGE_STATED` of the single greetings and :data:`GROUP_AGE_STATED`
    of the monthly lists (fixed per child, greeting and seed); the team wrote the date of the
    post as the birth date, with the year of the post less that age (:func:`analyst_birth`), and
    nothing where no age was given: a single greeting on the day gives the true date, one on a
    Monday a weekend birthday's Monday, a monthly list its day (the 1st) or its eve (the last day
    of the month before; for a January birthday greeted on 31 December the year one too early).
    A single greeting calls the child by an affectionate form for :data:`AFFECTIONATE` of them
    (``Машенька``, ``Ванечка``, ``Настенька``: :data:`AFFECTIONATE_FORMS`), the short form for
    :data:`SHORT_FORM` (``Маша``), else the full name; the family name for :data:`FAMILY_SHOWN`,
    its initial for :data:`FAMILY_INITIAL` (``Маша К.``), else none; the town it came from for
    :data:`TOWN_MENTIONED` (``приехала к нам из Мариуполя``).  A monthly list has the family and
    full given name for :data:`GROUP_FULL_NAME` of its children, else the given name and the
    family initial.  Sex from the greeting's grammar; the home's region as destination; no
    institution, no removal date.  Rows in the order of the posts, numbered by the home's page,
    post and place in it (``VK<home>-<post>-<k>``).
``pl_diaspora_pesel``
    the beneficiary sheet of a Ukrainian diaspora organisation in Poland that helps families
    whose children had been taken to Russia or Belarus (and came back, or left with the family),
    typed in Ukrainian by its volunteers from the families' documents and words: Ukrainian forms
    (Russian for some children with Russian documents), typos, apostrophe variants, the
    patronymic often left out, the town, the institution's short name for some, the date or
    month of the removal, the country.  Ukrainian refugees in Poland have a PESEL (the Polish
    national identification number, issued to them with the UKR status under the special act of
    March 2022), whose first six digits are the birth date ``YYMMDD`` with the century in the
    month (month + 20 for a birth in 2000-2099), its tenth digit odd for a male, even for a
    female, its eleventh a check digit (:func:`pesel_of`).  The sheet holds the PESEL for
    :data:`PESEL_IN_ROW` of the rows, and its birth-date and sex columns are computed from it by
    the sheet's formulas (:func:`pesel_birth_date`, :func:`pesel_sex`): the year
    ``IF(yy < 30; 2000; 1900) + yy`` (the two-digit-year rule, checked on the adults of the sheet,
    who are right), the month and day as written, through the spreadsheet's ``DATE``, which
    rolls a month above 12 into the following year and a day past the month's end into the next
    month (:func:`excel_date`): so the birth date of EVERY such child born in 2000 or later is
    twenty months late (2012-03-05 is 2013-11-05; a 31st can come out as the 1st of the month
    after), a child born in the 1990s is right, and the sex is right.
    A volunteer typed the PESEL from the document by hand, and :data:`PESEL_TRANSPOSED` of the
    typed numbers have two neighbouring digits swapped (:func:`typed_pesel`; no check-digit test):
    a swap in the date digits moves the birth date by days, months or years (month digits ``23``
    typed ``32``: a year later again), one in the tenth and eleventh digits can change the sex.
    Rows without a PESEL keep the birth date and sex the volunteer typed.  The organisation
    removed the duplicate rows on the PESEL column (a row whose typed PESEL equals an earlier
    row's goes), so a second registration of a child stays only when one of its PESELs is
    missing or mistyped.  Rows in the order of registration (one date per family, a second
    registration later: :func:`registered_on`), numbered ``PL<year>-<row in the year>``.
    Families much more than institutions or placed children.

How they differ from the earlier profiles.  Earlier scripts and exports lost or moved values
by reading a file wrongly (mojibake, unquoted separators, line breaks, fixed ranges, type
majorities, HTML entities: :mod:`.heldout10`, :mod:`.heldout11`, :mod:`.heldout12`,
:mod:`.heldout22`) or lemmatised names (:mod:`.heldout13`); none dropped the formatted parts of
messages, and none parsed free text with a letter class that cuts names, takes a town or a
relative for a child, or a removal date for a birth date.  Earlier birth dates came from an
age, a class, a document's other date, a placeholder or an adult's date; none is the date of a
birthday greeting (the day of the post, the year from the age), and earlier Russian
diminutives were the short forms (Маша, Саша: the tuning profiles, :mod:`.heldout25`), not the
affectionate ones (Машенька).  Earlier dates were shifted by a day or two, a month back, a
thousandfold, four years or a century (:mod:`.heldout12`, :mod:`.heldout13`, :mod:`.heldout15`,
:mod:`.heldout25`, :mod:`.heldout27`, :mod:`.heldout7`, :mod:`.heldout2`) or rolled over from
a day typed as a month (:mod:`.heldout18`); none derived a birth date from an identification
number, nor moved every one twenty months by a century code in the month, and no earlier list
mistyped an identification number.

Population: three families in ten from institutions, some sent to Belarus, families of two or
three children common, more twins, more children placed in Russia, capture shared within
families.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

from . import lexicon as lx
from .lists import SCHEMA, ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_chatexport_birthdays_pesel"
_TAG = 0x48_3239  # this module's random streams (rewriting), apart from build()'s

CHAT = "ua_search_chat_export"
BIRTHDAYS = "ru_home_birthday_posts"
PESEL_LIST = "pl_diaspora_pesel"
_COLUMNS = SCHEMA[1:]

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_CHAT = Style(  # posts written, exported and parsed by _rewrite_chat
    name_lang=(("uk", 0.75), ("ru", 0.25)),
    follow_ru_docs=0.5,
    typo=0.03,
    layout="uk",
    russian_keyboard=0.06,
    apostrophes=0.5,
    drop_yo=0.4,
    patronymic_missing=0.4,
    birth=(("day", 0.7), ("year", 0.22), ("missing", 0.08)),
    place=(("uk_current", 0.5), ("uk_doc", 0.2), ("ru_src", 0.3)),
    place_prefix=(("type", 0.5), ("none", 0.4), ("oblast", 0.1)),
    place_missing=0.08,
    institution_missing=1.0,  # the script keeps no institution
    removal=(("exact", 0.45), ("month", 0.35), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.2,
)
_BIRTHDAYS = Style(  # names, dates and places of the greetings applied by _rewrite_birthdays
    name_lang=(("ru", 1.0),),
    show_new_identity=0.7,
    typo=0.01,
    layout="ru",
    drop_yo=0.6,
    birth=(("day", 1.0),),  # the birthday the home keeps
    place=(("ru_src", 1.0),),
    place_prefix=(("none", 1.0),),
    institution_missing=1.0,
    removal=(("missing", 1.0),),
    destination="place_ru",
)
_PESEL = Style(  # the PESEL columns applied by _rewrite_pesel
    name_lang=(("uk", 0.85), ("ru", 0.15)),
    follow_ru_docs=0.6,
    typo=0.03,
    layout="uk",
    russian_keyboard=0.04,
    apostrophes=0.4,
    drop_yo=0.5,
    patronymic_missing=0.35,
    birth=(("day", 0.85), ("year", 0.08), ("missing", 0.07)),
    sex_missing=0.05,
    place=(("uk_current", 0.6), ("uk_doc", 0.2), ("ru_src", 0.2)),
    place_prefix=(("none", 0.5), ("type", 0.4), ("oblast", 0.1)),
    place_missing=0.05,
    institution=(("uk_short", 0.7), ("uk", 0.3)),
    institution_missing=0.6,
    removal=(("exact", 0.3), ("month", 0.4), ("missing", 0.3)),
    destination="uk",
    destination_missing=0.15,
)


def heldout29_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (29th): a search chat's export parsed by a script, Russian homes' birthday greetings, a "
        "diaspora sheet with PESEL-derived dates",
        PopulationSpec(
            share_institution=0.3,
            share_belarus=0.15,
            family_sizes=(0.45, 0.3, 0.15, 0.07, 0.02, 0.01),
            twin_rate=0.045,
            placed_institution=0.55,
            placed_family=0.12,
            reregistered=0.4,
            family_visibility=0.65,
        ),
        (
            ListSpec(
                CHAT,
                _CHAT,
                base=0.4,
                beta=0.9,
                mode_odds=(("family", 2.0), ("institution", 0.35)),
                duplicates=0.12,
                id_prefix="TG",
            ),
            ListSpec(
                BIRTHDAYS,
                _BIRTHDAYS,
                eligible="russia",
                base=0.5,
                beta=0.8,
                mode_odds=(("institution", 5.0), ("family", 0.3), ("placed", 3.0)),
                wave_cover=0.6,
                duplicates=0.3,
                id_prefix="VK",
            ),
            ListSpec(
                PESEL_LIST,
                _PESEL,
                base=0.35,
                beta=0.8,
                mode_odds=(("family", 2.5), ("institution", 0.3), ("placed", 0.3)),
                duplicates=0.08,
                id_prefix="PL",
            ),
        ),
        output_order=(CHAT, BIRTHDAYS, PESEL_LIST),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: int, salt: int) -> np.random.Generator:
    """A generator fixed per unit (a removal group's home) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, int(unit)])


def _lag(seed: int, child: Child, second: bool, salt: int, first: tuple[int, int], later: tuple[int, int]) -> dt.date:
    """A date after ``child``'s removal: ``first`` days for the family (fixed per family and
    seed), ``later`` more for a second record (fixed per child and seed)."""
    day = child.removal + dt.timedelta(days=int(_family_rng(seed, child, salt).integers(*first)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, salt + 1).integers(*later)))
    return day


def _iso_date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if len(value) == 10 else None


# ---------------------------------------------------------------- the search chat's export

#: share of the posts whose relative wrote the child's name in bold
BOLD_NAME = 0.15
#: share of the posts whose relative wrote the birth date in bold
BOLD_DATE = 0.12
#: share of the posts naming the child given name first, without the patronymic ("Марія Коваленко")
GIVEN_FIRST = 0.15
#: share of the posts typed all in lower case
LOWER_CASE = 0.06
#: share of the posts (with a town) that give the town only as a hashtag
PLACE_HASHTAG = 0.15
#: share of the posts whose contact line gives the relative's given and family name
CONTACT_NAMED = 0.45
#: share of the families with two or more children on the list that posted them in one message
FAMILY_POST = 0.5
#: share of the second posts about a child that are forwards of its first post
FORWARD = 0.5
#: days from the removal to a family's post (inclusive low, exclusive high)
POST_LAG = (2, 420)
#: days from a first post to a second post (a forward or another relative's request)
SECOND_POST_LAG = (3, 300)
#: how a post begins (none of them holds two capitalised words in a row)
OPENERS = (
    "Шукаємо дитину!", "Допоможіть знайти!", "УВАГА! РОЗШУК!", "Терміново! Шукаємо", "Прошу допомогти з пошуком.",
    "Розшукується дитина.",
)  # fmt: skip
#: the relative who posts, with the sex of the word and its share
RELATIVES = (("мама", "F", 0.5), ("бабуся", "F", 0.2), ("тато", "M", 0.15), ("тітка", "F", 0.15))
#: given names of the women who post (the men post under the child's father's name)
WOMEN = ("Олена", "Наталія", "Ірина", "Тетяна", "Оксана", "Світлана", "Юлія", "Людмила", "Галина", "Ольга", "Марина")
#: words the script does not take as the first word of a name
STOPWORDS = frozenset({
    "Шукаємо", "Допоможіть", "Увага", "Розшук", "Терміново", "Прошу", "Розшукується", "Звідки", "Вивезли",
    "Контакти", "Мама", "Тато", "Бабуся", "Тітка", "Телефон",
})  # fmt: skip
#: the months in the locative ("у квітні")
MONTHS_LOCATIVE = (
    "січні", "лютому", "березні", "квітні", "травні", "червні", "липні", "серпні", "вересні", "жовтні", "листопаді",
    "грудні",
)  # fmt: skip
_UK_UPPER = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ"
_WORD = f"[{_UK_UPPER}][{_UK_UPPER.lower()}'’ʼ-]+"
#: the script's name pattern: two or three capitalised words in the Ukrainian alphabet, on one line
NAME_RE = re.compile(rf"({_WORD})[ \t]+({_WORD})(?:[ \t]+({_WORD}))?")
_FULL_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_YEAR_RE = re.compile(r"(\d{4})\s*р\.\s*н")
_REMOVAL_RE = re.compile(r"[Вв]ивезли\s+(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ORIGIN_RE = re.compile(r"Звідки:[ \t]*([^\n]*)")
_FEMALE_ENDINGS = ("івна", "ївна", "овна", "евна", "ична")
_MALE_ENDINGS = ("ович", "евич", "ич")

#: a part of a post: (text, entity type or "" for plain text, owner: the child's place in the post or -1)
Segment = tuple[str, str, int]


def post_habit(seed: int, child: Child, second: bool = False) -> dict[str, Any]:
    """How the relative wrote a post about ``child`` (``second``: another relative's request):
    bold name, bold date, given name first, lower case, town as a hashtag, the opening line, the
    relative (word, sex, given name) and whether the contact line names the relative in full.
    Fixed per family (per child for a second request) and seed."""
    g = _child_rng(seed, child, 0x5052) if second else _family_rng(seed, child, 0x5046)
    cdf = np.cumsum([p for _, _, p in RELATIVES])
    word, sex, _ = RELATIVES[int(np.searchsorted(cdf, g.random() * cdf[-1], side="right"))]
    woman = WOMEN[int(g.integers(len(WOMEN)))]
    return {
        "bold_name": bool(g.random() < BOLD_NAME),
        "bold_date": bool(g.random() < BOLD_DATE),
        "given_first": bool(g.random() < GIVEN_FIRST),
        "lower": bool(g.random() < LOWER_CASE),
        "place_hashtag": bool(g.random() < PLACE_HASHTAG),
        "opener": OPENERS[int(g.integers(len(OPENERS)))],
        "relative": word,
        "relative_given": lx.FATHERS[child.father].uk if sex == "M" else woman,
        "relative_family": lx.surname_form(lx.SURNAMES[child.surname], sex, "uk"),
        "contact_named": bool(g.random() < CONTACT_NAMED),
        "phone": "+380 " + " ".join(str(int(g.integers(lo, hi))) for lo, hi in ((50, 100), (100, 1000), (10, 100),
                                                                                  (10, 100))),
    }


def family_post(seed: int, child: Child) -> bool:
    """Whether ``child``'s family posted its children in one message.  Fixed per family and seed."""
    return bool(_family_rng(seed, child, 0x4650).random() < FAMILY_POST)


def is_forward(seed: int, child: Child) -> bool:
    """Whether the second post about ``child`` is a forward of its first.  Fixed per child and seed."""
    return bool(_child_rng(seed, child, 0x4657).random() < FORWARD)


def posted_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s family posted (``second``: the second post, a forward or another request)."""
    return _lag(seed, child, second, 0x5044, POST_LAG, SECOND_POST_LAG)


def _birth_text(value: str) -> str:
    if len(value) == 10:
        return f"{value[8:10]}.{value[5:7]}.{value[:4]}"
    return value[:4]


def hashtag(place: str) -> str:
    """A town as a hashtag: without ``м.`` / ``г.`` / ``с.``, the oblast after a comma, spaces,
    hyphens and apostrophes (``м. Нова Каховка, Херсонська обл.`` -> ``#НоваКаховка``)."""
    town = place.split(",")[0]
    for prefix in ("м. ", "г. ", "с. ", "смт "):
        town = town.removeprefix(prefix)
    return "#" + "".join(ch for ch in town if ch.isalnum())


def post_segments(habit: dict[str, Any], recs: list[dict[str, str]]) -> list[Segment]:
    """The message a relative wrote (``habit``: :func:`post_habit`) about the children whose
    typed records are ``recs`` (one child, or a family's children eldest first); the town, the
    removal and the country are the first record's."""
    segs: list[Segment] = [(habit["opener"] + "\n", "", -1)]
    several = len(recs) > 1
    for k, rec in enumerate(recs):
        words = (rec["given_name"], rec["family_name"]) if habit["given_first"] else (
            rec["family_name"], rec["given_name"], rec["patronymic"])
        name = " ".join(w for w in words if w)
        if habit["lower"]:
            name = name.lower()
        if several:
            segs.append((f"{k + 1}. ", "", -1))
        segs.append((name, "bold" if habit["bold_name"] else "", k))
        if rec["birth_date"]:
            segs.append((", ", "", k))
            segs.append((_birth_text(rec["birth_date"]), "bold" if habit["bold_date"] else "", k))
            segs.append((" р.н.", "", k))
        segs.append(("\n", "", -1))
    first = recs[0]
    tags = "#розшук #депортація"
    if first["origin_settlement"]:
        if habit["place_hashtag"]:
            tags += " " + hashtag(first["origin_settlement"])
        else:
            segs.append((f"Звідки: {first['origin_settlement']}\n", "", -1))
    removal, country = first["removal_date"], first["destination"]
    to = {"Росія": " до Росії", "Білорусь": " до Білорусі"}.get(country, "")
    if len(removal) == 10:
        segs.append((f"Вивезли {_birth_text(removal)}{to}\n", "", -1))
    elif len(removal) == 7:
        segs.append((f"Вивезли у {MONTHS_LOCATIVE[int(removal[5:7]) - 1]} {removal[:4]} р.{to}\n", "", -1))
    elif to:
        segs.append((f"Вивезли{to}\n", "", -1))
    if habit["contact_named"]:
        segs.append((f"Контакти: {habit['relative_given']} {habit['relative_family']} ({habit['relative']}), тел. ",
                     "", -1))
    else:
        segs.append((f"{habit['relative'].capitalize()} {habit['relative_given']}, тел. ", "", -1))
    segs.append((habit["phone"], "phone", -1))
    segs.append(("\n", "", -1))
    for i, tag in enumerate(tags.split(" ")):
        if i:
            segs.append((" ", "", -1))
        segs.append((tag, "hashtag", -1))
    return segs


def telegram_text(segs: list[Segment]) -> str | list[str | dict[str, str]]:
    """The message's ``text`` as the chat export writes it: a string for a message without
    formatted or recognised parts, else a list of plain strings and ``{"type", "text"}`` objects
    (adjacent plain strings joined)."""
    if all(not kind for _, kind, _ in segs):
        return "".join(t for t, _, _ in segs)
    out: list[str | dict[str, str]] = []
    for text, kind, _ in segs:
        if kind:
            out.append({"type": kind, "text": text})
        elif out and isinstance(out[-1], str):
            out[-1] += text
        else:
            out.append(text)
    return out


def script_text(text: str | list[str | dict[str, str]]) -> str:
    """The text the analyst's script reads from an exported ``text``: the string, or the plain
    strings of the list joined (the objects' text left out)."""
    return text if isinstance(text, str) else "".join(p for p in text if isinstance(p, str))


def _kept_spans(segs: list[Segment]) -> list[tuple[int, int, int]]:
    """(start, end, owner) of the plain segments in the script's text."""
    spans, at = [], 0
    for text, kind, owner in segs:
        if not kind:
            spans.append((at, at + len(text), owner))
            at += len(text)
    return spans


def _date(y: str, m: str, d: str) -> str:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return ""


def parse_post(text: str) -> tuple[dict[str, str], int]:
    """The record the script makes of a message's ``text`` (see the module docstring), and
    where in the text the name it took begins (-1: none)."""
    rec = {k: "" for k in _COLUMNS}
    at, pos = -1, 0
    while (m := NAME_RE.search(text, pos)) is not None:
        if m.group(1) in STOPWORDS:
            pos = m.start(2)  # the stopword skipped, the search goes on from the next word
            continue
        rec["family_name"], rec["given_name"], rec["patronymic"] = m.group(1), m.group(2), m.group(3) or ""
        at = m.start()
        break
    pat = rec["patronymic"].lower()
    rec["sex"] = "F" if pat.endswith(_FEMALE_ENDINGS) else "M" if pat.endswith(_MALE_ENDINGS) else ""
    for m in _FULL_DATE_RE.finditer(text):
        rec["birth_date"] = _date(m.group(3), m.group(2), m.group(1))
        if rec["birth_date"]:
            break
    if not rec["birth_date"]:
        y = _YEAR_RE.search(text)
        rec["birth_date"] = y.group(1) if y else ""
    r = _REMOVAL_RE.search(text)
    rec["removal_date"] = _date(r.group(3), r.group(2), r.group(1)) if r else ""
    o = _ORIGIN_RE.search(text)
    rec["origin_settlement"] = o.group(1).strip() if o else ""
    rec["destination"] = "Росія" if "Росі" in text else "Білорусь" if "Білорус" in text else ""
    return _consistent(rec), at


def chat_record(habit: dict[str, Any], recs: list[dict[str, str]]) -> tuple[dict[str, str], int]:
    """The record the script makes of the post about ``recs``, and the place in the post of the
    child whose name it took (0, the first child, when it took no child's name)."""
    segs = post_segments(habit, recs)
    text = script_text(telegram_text(segs))
    rec, at = parse_post(text)
    owner = next((o for s, e, o in _kept_spans(segs) if s <= at < e), -1) if at >= 0 else -1
    return rec, max(owner, 0)


def _rewrite_chat(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    kids = [int(c) for c in truth["child"]]
    dup = [k == "duplicate" for k in truth["kind"]]
    own_row = {kids[j]: j for j in range(len(rows)) if not dup[j]}
    typed = [dict(r) for r in rows]
    families: dict[int, list[int]] = {}
    for kid in sorted(own_row):
        families.setdefault(pop.children[kid].family, []).append(kid)
    first: dict[int, dict[str, str]] = {}  # child -> the record of its first post, for its forward
    keys: list[tuple[dt.date, float, int]] = []
    for members in families.values():
        eldest = pop.children[members[0]]
        group = members if len(members) > 1 and family_post(seed, eldest) else None
        for kid in group or members:
            c = pop.children[kid]
            post_kids = group or [kid]
            rec, owner = chat_record(post_habit(seed, c), [typed[own_row[k]] for k in post_kids])
            j = own_row[post_kids[owner]]
            rows[j], first[post_kids[owner]] = rec, rec
            keys.append((posted_on(seed, c), float(rng.random()), j))
            if group:
                break
    for j in range(len(rows)):
        if not dup[j]:
            continue
        c = pop.children[kids[j]]
        if is_forward(seed, c):
            if kids[j] not in first:
                continue  # a forward of a family post that names another child: no record of this one
            rows[j] = dict(first[kids[j]])
        else:
            rows[j], _ = chat_record(post_habit(seed, c, True), [typed[j]])
        keys.append((posted_on(seed, c, True), float(rng.random()), j))
    order = [j for _, _, j in sorted(keys)]
    return rows, order, [f"TG{10000 + r}" for r in range(len(order))]


# ---------------------------------------------------------------- the homes' birthday greetings

#: share of the homes that greet their children once a month, in a list
GROUP_HOMES = 0.35
#: share of those that post the month's list on the last day of the month before
EVE_HOMES = 0.3
#: share of the homes that post on working days only (a weekend birthday greeted on the Monday)
WORKDAY_HOMES = 0.5
#: share of the single greetings that give the age the child turns
AGE_STATED = 0.6
#: share of the children of a monthly list whose age it gives
GROUP_AGE_STATED = 0.35
#: share of the single greetings that use an affectionate form (for a name that has one)
AFFECTIONATE = 0.5
#: share of the single greetings that use the short form (for a name that has one; drawn apart from
#: the affectionate form's share)
SHORT_FORM = 0.25
#: share of the single greetings with the family name, and with its initial
FAMILY_SHOWN = 0.25
FAMILY_INITIAL = 0.35
#: share of the single greetings that say which town the child came from
TOWN_MENTIONED = 0.25
#: share of the children of a monthly list written with family and full given name
GROUP_FULL_NAME = 0.7
#: the affectionate forms of the Russian given names (the author's choice of the commonest)
AFFECTIONATE_FORMS: dict[str, str] = {
    "Александр": "Сашенька", "Максим": "Максимка", "Артём": "Тёмочка", "Дмитрий": "Димочка", "Даниил": "Данечка",
    "Иван": "Ванечка", "Андрей": "Андрюшенька", "Михаил": "Мишенька", "Кирилл": "Кирюшенька", "Егор": "Егорушка",
    "Тимофей": "Тимоша", "Илья": "Илюшенька", "Никита": "Никитка", "Роман": "Ромочка", "Сергей": "Серёженька",
    "Владимир": "Вовочка", "Алексей": "Алёшенька", "Евгений": "Женечка", "Павел": "Пашенька",
    "Константин": "Костенька", "Юрий": "Юрочка", "Пётр": "Петенька", "Фёдор": "Феденька", "Арсений": "Арсюша",
    "Анастасия": "Настенька", "София": "Сонечка", "Мария": "Машенька", "Дарья": "Дашенька",
    "Виктория": "Викуся", "Анна": "Анечка", "Екатерина": "Катенька", "Полина": "Полиночка",
    "Елизавета": "Лизонька", "Алина": "Алиночка", "Юлия": "Юлечка", "Александра": "Сашенька",
    "Валерия": "Лерочка", "Ксения": "Ксюшенька", "Ирина": "Ирочка", "Елена": "Леночка", "Ольга": "Оленька",
    "Татьяна": "Танечка", "Наталья": "Наташенька", "Маргарита": "Риточка", "Светлана": "Светочка",
    "Надежда": "Наденька", "Любовь": "Любочка", "Вера": "Верочка", "Карина": "Кариночка", "Кристина": "Кристиночка",
}  # fmt: skip


def home_habit(seed: int, wave: int) -> tuple[bool, bool, bool]:
    """(monthly lists, posted on the eve of the month, working days only) of the home that
    received removal group ``wave``.  Fixed per group and seed."""
    g = _unit_rng(seed, wave, 0x484F)
    return bool(g.random() < GROUP_HOMES), bool(g.random() < EVE_HOMES), bool(g.random() < WORKDAY_HOMES)


def birthday_in(born: dt.date, year: int) -> dt.date:
    """The birthday in ``year`` (28 February for 29 February in a common year)."""
    try:
        return born.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def greeted_birthday(born: dt.date, removal: dt.date, second: bool = False) -> dt.date:
    """The birthday a home greets: the first after the removal (``second``: the one after it)."""
    day = birthday_in(born, removal.year)
    if day <= removal:
        day = birthday_in(born, removal.year + 1)
    return birthday_in(born, day.year + 1) if second else day


def posted_on_birthday(bday: dt.date, group: bool, eve: bool, workdays: bool) -> dt.date:
    """When a home with these habits (:func:`home_habit`) posts the greeting for ``bday``."""
    if group:
        first = bday.replace(day=1)
        day = first - dt.timedelta(days=1) if eve else first
        if workdays and day.weekday() >= 5:
            day = day - dt.timedelta(days=day.weekday() - 4) if eve else day + dt.timedelta(days=7 - day.weekday())
        return day
    if workdays and bday.weekday() >= 5:
        return bday + dt.timedelta(days=7 - bday.weekday())
    return bday


def analyst_birth(post: dt.date, age: int) -> str:
    """The birth date the team wrote for a greeting posted on ``post`` giving ``age``: the post's
    day and month, its year less the age (28 February for a 29th in a common year)."""
    return birthday_in(post, post.year - age).isoformat()


def age_stated(seed: int, child: Child, second: bool, group: bool) -> bool:
    """Whether the greeting gives the age the child turns.  Fixed per child, greeting and seed."""
    return bool(_child_rng(seed, child, 0x4153 + int(second)).random() < (GROUP_AGE_STATED if group else AGE_STATED))


def greeting_names(seed: int, child: Child, rec: dict[str, str], given_index: int, second: bool, group: bool
                   ) -> tuple[str, str]:
    """(family name, given name) as the greeting writes them (``rec``: the child's record in
    the home's Russian forms, ``given_index``: the given name the home uses).  Fixed per child,
    greeting and seed."""
    g = _child_rng(seed, child, 0x4E4D + int(second))
    family, given = rec["family_name"], rec["given_name"]
    initial = family[:1] + "." if family else ""
    if group:
        return (family, given) if g.random() < GROUP_FULL_NAME else (initial, given)
    name = lx.GIVEN[given_index]
    u = g.random()
    if u < AFFECTIONATE and name.ru in AFFECTIONATE_FORMS:
        given = AFFECTIONATE_FORMS[name.ru]
    elif AFFECTIONATE <= u < AFFECTIONATE + SHORT_FORM and name.dim:
        given = name.dim
    v = g.random()
    return (family if v < FAMILY_SHOWN else initial if v < FAMILY_SHOWN + FAMILY_INITIAL else ""), given


def town_mentioned(seed: int, child: Child, second: bool) -> bool:
    """Whether a single greeting says which town the child came from.  Fixed per child, greeting and seed."""
    return bool(_child_rng(seed, child, 0x544D + int(second)).random() < TOWN_MENTIONED)


def birthday_record(seed: int, child: Child, rec: dict[str, str], new_identity: bool, second: bool = False
                    ) -> tuple[dict[str, str], dt.date]:
    """The row the team made of the greeting for ``child`` (``rec``: its record as the home keeps
    it; ``new_identity``: under the identity given in Russia), and the day of the post."""
    group, eve, workdays = home_habit(seed, child.wave)
    born = dt.date.fromisoformat(rec["birth_date"])
    bday = greeted_birthday(born, child.removal, second)
    post = posted_on_birthday(bday, group, eve, workdays)
    given_index = child.new_identity.given if new_identity and child.new_identity is not None else child.given
    family, given = greeting_names(seed, child, rec, given_index, second, group)
    out = dict(rec)
    out["family_name"], out["given_name"], out["patronymic"] = family, given, ""
    out["birth_date"] = analyst_birth(post, bday.year - born.year) if age_stated(seed, child, second, group) else ""
    if group or not town_mentioned(seed, child, second):
        out["origin_settlement"] = ""
    out["origin_institution"] = out["removal_date"] = ""
    return _consistent(out), post


def _rewrite_birthdays(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, int, int, int]] = []
    for j, (child_id, kind, shown) in enumerate(zip(truth["child"], truth["kind"], truth["new_identity"],
                                                    strict=True)):
        c = pop.children[int(child_id)]
        rows[j], post = birthday_record(seed, c, rows[j], bool(shown), kind == "duplicate")
        keys.append((post, c.wave, c.child_id, j))
    order: list[int] = []
    ids: list[str] = []
    posts: dict[int, int] = {}
    last: tuple[dt.date, int] | None = None
    k = 0
    for post, wave, _, j in sorted(keys):
        if (post, wave) != last:
            posts[wave] = posts.get(wave, 0) + 1
            last, k = (post, wave), 0
        k += 1
        order.append(j)
        ids.append(f"VK{wave:04d}-{posts[wave]:03d}-{k}")
    return rows, order, ids


# ---------------------------------------------------------------- the diaspora organisation's PESEL sheet

#: share of the rows with the child's PESEL
PESEL_IN_ROW = 0.85
#: share of the typed PESELs with two neighbouring digits swapped
PESEL_TRANSPOSED = 0.07
#: the sheet's two-digit-year rule: yy below it is 20yy, else 19yy
TWO_DIGIT_PIVOT = 30
#: the PESEL's check-digit weights
PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
#: days from the removal to a family's registration (inclusive low, exclusive high)
REGISTRATION_LAG = (30, 900)
#: days from a first registration to a second
SECOND_REGISTRATION_LAG = (20, 400)


def pesel_check_digit(first_ten: str) -> int:
    return (10 - sum(int(d) * w for d, w in zip(first_ten, PESEL_WEIGHTS, strict=True)) % 10) % 10


def pesel_of(seed: int, child: Child) -> str:
    """``child``'s PESEL: its birth date (month + 20 for 2000-2099, + 0 for 1900-1999), a serial,
    the sex digit (odd M, even F), the check digit.  Fixed per child and seed."""
    g = _child_rng(seed, child, 0x5045)
    b = child.birth
    month = b.month + (20 if b.year >= 2000 else 0)
    sex_digit = 2 * int(g.integers(5)) + (1 if child.sex == "M" else 0)
    ten = f"{b.year % 100:02d}{month:02d}{b.day:02d}{int(g.integers(1000)):03d}{sex_digit}"
    return ten + str(pesel_check_digit(ten))


def typed_pesel(seed: int, child: Child, second: bool = False) -> str:
    """The PESEL in ``child``'s row (``second``: its second registration): none for
    1 - :data:`PESEL_IN_ROW` of the rows, two neighbouring digits swapped for
    :data:`PESEL_TRANSPOSED` of the others.  Fixed per child, row and seed."""
    g = _child_rng(seed, child, 0x5450 + int(second))
    if g.random() >= PESEL_IN_ROW:
        return ""
    p = pesel_of(seed, child)
    if g.random() < PESEL_TRANSPOSED:
        i = int(g.integers(10))
        p = p[:i] + p[i + 1] + p[i] + p[i + 2:]
    return p


def excel_date(year: int, month: int, day: int) -> dt.date:
    """The spreadsheet's ``DATE(year; month; day)``: a month outside 1-12 rolls into the years
    before or after, a day outside the month into the months before or after."""
    y, m = divmod(year * 12 + month - 1, 12)
    return dt.date(y, m + 1, 1) + dt.timedelta(days=day - 1)


def pesel_birth_date(pesel: str) -> str:
    """The sheet's birth date from ``pesel``: ``DATE(IF(yy < 30; 2000; 1900) + yy; mm; dd)``
    with ``yy mm dd`` its first six digits as written (the century in the month ignored)."""
    yy, mm, dd = int(pesel[0:2]), int(pesel[2:4]), int(pesel[4:6])
    return excel_date((2000 if yy < TWO_DIGIT_PIVOT else 1900) + yy, mm, dd).isoformat()


def pesel_sex(pesel: str) -> str:
    """The sheet's sex from ``pesel``: its tenth digit odd M, even F."""
    return "M" if int(pesel[9]) % 2 else "F"


def registered_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s family registered with the organisation (``second``: a second registration)."""
    return _lag(seed, child, second, 0x5247, REGISTRATION_LAG, SECOND_REGISTRATION_LAG)


def pesel_record(rec: dict[str, str], pesel: str) -> dict[str, str]:
    """``rec`` (the row as typed) with the birth date and sex the sheet computes from ``pesel``
    (unchanged without one)."""
    out = dict(rec)
    if pesel:
        out["birth_date"], out["sex"] = pesel_birth_date(pesel), pesel_sex(pesel)
    return _consistent(out)


def _rewrite_pesel(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float, int, str]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        p = typed_pesel(seed, c, second)
        rows[j] = pesel_record(rows[j], p)
        keys.append((registered_on(seed, c, second), float(rng.random()), j, p))
    order: list[int] = []
    ids: list[str] = []
    seen: set[str] = set()
    per_year: dict[int, int] = {}
    for day, _, j, p in sorted(keys):
        if p and p in seen:
            continue  # removed as a duplicate of an earlier row's PESEL
        seen.add(p)
        per_year[day.year] = per_year.get(day.year, 0) + 1
        order.append(j)
        ids.append(f"PL{day.year}-{per_year[day.year]:04d}")
    return rows, order, ids


# ---------------------------------------------------------------- the profile


def _own_when_alone(data: ProfileData) -> ProfileData:
    """The truth with a child's second record marked as its own where its first is not on the
    list (a family post that left the child out, a removed duplicate)."""
    t = data.truth.copy()
    firsts = set(zip(t.loc[t["kind"] != "duplicate", "list"], t.loc[t["kind"] != "duplicate", "child"], strict=True))
    for i in t.index[t["kind"] == "duplicate"]:
        key = (t.at[i, "list"], t.at[i, "child"])
        if key not in firsts:
            t.at[i, "kind"] = "own"
            firsts.add(key)
    return ProfileData(data.name, data.seed, data.lists, t, data.population)


def generate_heldout29(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWENTY-NINTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == CHAT:
            return _rewrite_chat(rows, truth, pop, seed, rng)
        if name == BIRTHDAYS:
            return _rewrite_birthdays(rows, truth, pop, seed, rng)
        if name == PESEL_LIST:
            return _rewrite_pesel(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return _own_when_alone(rewrite_lists(build(heldout29_spec(), n, seed), seed, _TAG, rewrite))
