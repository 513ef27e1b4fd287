"""THIRTY-FIRST HELD-OUT error profile ``heldout_protocols_rehab_interpol``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It is written for later use, as the profile kept out of tuning
after the thirtieth held-out profile (:mod:`.heldout30`, written in parallel by another
author).  It has NOT been run yet: it is to be run ONCE, at the end of the session that next
changes the model after the thirtieth held-out profile has been run, and read only then.
``bench/linkage_harness.py`` runs it only with ``--heldout31``; the tests only check that it
generates valid, deterministic lists with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation as a black box,
``data/name_equivalences.csv``, ``data/name_translations.csv`` and the gazetteer tables of
``data/``, ``bench/RESULTS.md``, the linkage sections of the README, the history and messages
of commits).  What it read: the shared harness modules (``tests/harness/__init__.py``,
``profiles.py``, ``lists.py``, ``population.py``, ``noise.py``, ``romanise.py``, ``lexicon.py``,
``places.py``, ``sampling.py``, ``metrics.py``), :mod:`.heldout24` and its tests as a model of
structure, the module docstrings of :mod:`.heldout` to :mod:`.heldout29` (to keep clear of their
processes), the registration tests of heldout29's test module, ``bench/linkage_harness.py``
(its docstring, registration and output code), ``bench/harness_true_coverage.py`` and
``tests/test_harness_heldout_contract.py``.  It did not see the thirtieth profile.  The error
processes are what such sources look like, not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the earlier held-out profiles have (as far as their module
docstrings tell).  The shared :func:`.profiles.build` renders every record; this module then
rewrites each list as its source writes it (:func:`generate_heldout31`).  Per-child draws (a
foster family's surname used, names written by sound, a notice's fields) are fixed per child
(and record) AND seed (:func:`_child_rng`), per-family draws (when a family's children first
competed, the caseworker who took a family in, the foster family's surname) per family AND
seed (:func:`_family_rng`), per-protocol and per-caseworker draws (how a protocol prints
names and years, how a caseworker types dates) per competition (caseworker) AND seed
(:func:`_unit_rng`).  The shares are the author's judgement of what such lists hold (no
published rate exists for any of them); each is a named constant.

``ru_sport_protocols``
    an OSINT team's table of Ukrainian children found in the results protocols (протоколы
    соревнований) of Russian children's sports competitions (regional championships,
    tournaments among the pupils of children's homes, "friendship" games with teams from the
    occupied territories), published as PDF files on the websites of Russian sports schools
    and federations, one row per protocol line.  Only children sent to Russia, children of
    institutions and placed children more; only children at least :data:`MIN_AGE` years old
    on the competition's day (younger ones are not in any protocol: their rows are dropped).
    A protocol prints ``ФАМИЛИЯ Имя`` (the family name in capitals in :data:`CAPS_PROTOCOLS`
    of the protocols), the birth year (``2011 г.р.``), the team (the Russian region as the
    destination; the town and the children's home for some), the result; no patronymic, no
    full birth date.  Russian forms, diminutives for some (coaches enter children by the name
    they go by), the identity given in Russia for some re-registered children.  A competition
    is a region's competitions of one month (:func:`competition_of`), held :data:`FIRST_LAG`
    days after the family's removal (fixed per family and seed: :func:`competed_on`), a
    second protocol naming a child again :data:`SECOND_LAG` days later (a within-list
    duplicate); the protocol's date is the table's date (the month alone for
    :data:`MONTH_PROTOCOLS` of the protocols, whose cover gives only the month).  (1)
    Age-band protocols: :data:`BAND_PROTOCOLS` of the protocols (fixed per competition and
    seed: :func:`protocol_habit`) give no year per child but the category's two-year band
    (``Юноши 2010–2011 г.р.``), and the team wrote the band's first year, an even year
    (:func:`band_year`): a child born in an odd year is one year early.  (2) A foster family
    enters a placed child under its own family name: for :data:`FOSTER_SURNAME` of the placed
    children (fixed per child and seed: :func:`uses_foster_surname`) whose row does not show
    the identity given in Russia, the family name is the foster family's (the re-registered
    surname for a re-registered child, otherwise a Russian surname fixed per family and
    seed: :func:`foster_surname`), in the Russian form of the child's sex.  Rows in the order
    of the protocols' dates, numbered ``SP<yyyymm>-<row>``.
``ua_rehab_intake``
    the intake sheet of a Ukrainian charitable network's rehabilitation centres, which receive
    children brought back from Russia and the occupied territories with their families,
    typed by its caseworkers (:data:`N_WORKERS`, a family's children with one, fixed per
    family and seed; a child received a second time with one drawn afresh, fixed per child
    and seed: :func:`worker_of`) from the documents the child came back with and what the
    family said: Ukrainian forms, Russian for most children with Russian documents, typos,
    apostrophe variants, the patronymic, the settlement, the institution for some, the date of
    removal or its month.  (1) Names from Russian documents by sound: for
    :data:`BY_SOUND` of the children with Russian documents or whose row shows the identity
    given in Russia (fixed per child and seed: :func:`by_sound`) the caseworker did not
    translate the names but wrote the Russian documents' names in Ukrainian letters as they
    sound (:func:`ru_by_sound`: и -> і but after ж ш ч щ ц, ы -> и, э -> е, е -> є at the start
    of a word and after a vowel or a sign, ё -> ьо after a consonant and йо otherwise, ъ -> ',
    the soft sign before я ю е ё after р or a labial -> '; ``Кірілл``, ``Дмітрій``, ``Нікіта``,
    ``Єкатеріна``, ``Артьом``, ``Дар'я``, ``Юр'євіч``); the rebuilt names carry no typo.  (2)
    Dates typed as digits: the sheet's date columns are number columns, and the caseworkers
    type full dates as digits without separators.  A caseworker who types the leading zeros
    (``05062012``) loses only the day's zero to the number format (``5062012``), which the
    analyst's reading restores (:func:`read_digits`: eight digits ``ddmmyyyy``, seven read as
    if a zero had been lost before them, six as ``dmyyyy``); :data:`NO_ZEROS` of the
    caseworkers (fixed per caseworker and seed: :func:`worker_habit`) type no leading zeros
    at all (:func:`typed_digits`: ``1122012`` for 11 February 2012), so a two-digit day with
    a one-digit month comes back as another date (11.2.2012 -> 1.12.2012, 20.5.2012 ->
    2.05.2012) or as no date (15.3.2012 -> day 1, month 53: left empty).  Months and years
    typed as text are kept.  Rows in blocks by centre (a caseworker's centre), in the order of
    intake within a block (:data:`INTAKE_LAG` days after the removal, fixed per family and
    seed), numbered ``RC<centre>-<row>``.
``intl_interpol_notices``
    yellow notices (missing persons) that Ukraine's national central bureau had published on
    the international police organisation's public notices website for children taken to
    Russia or Belarus, read by a research team's script from the site's public notices
    interface (JSON), one row per notice.  Families much more than institutions (a relative's
    consent to publication).  Latin letters in capitals as the notices show them, by the
    Ukrainian national romanisation (from the Russian spelling for most children with Russian
    documents), the full birth date, the sex; no institution, no destination.  (1) The
    notice has a family name and a forename field and no patronymic field; :data:`FORENAME_PATRONYMIC`
    of the notices (fixed per child, notice and seed: :func:`notice_habit`) hold the forename
    AND the patronymic in the forename field (``MARIIA OLEKSANDRIVNA``), which the script keeps
    as the given name.  (2) The place of disappearance is the table's origin: the settlement
    the child was taken from in capitals, but for :data:`LAST_SEEN_ABROAD` of the notices the
    place the child was last known to be (the camp or region in Russia or Belarus it was taken
    to, in English, in capitals).  (3) The date of disappearance is the removal date, but for
    :data:`LOST_CONTACT` of the notices the day the family lost contact with the child
    (:data:`CONTACT_LAG` days after the removal: a child sent to a "rest" camp who did not
    come back).  A notice re-published (a second notice about a child) now and then.  Rows in
    the order of publication (:data:`NOTICE_LAG` days after the removal), numbered like the
    notices, ``<year>/<serial>``.

How they differ from the earlier profiles.  Earlier lists took a birth year from an age, a
grade or a group's mean age (:mod:`.heldout15`, :mod:`.heldout5`); none wrote an age band's
first year.  A foster or guardian family's surname came with a re-registered identity
(:mod:`.population`) or an escort's name (:mod:`.heldout4`); none gave a placed child without
a new identity the foster family's surname.  Ukrainian names were written in Russian letters
(:mod:`.heldout4`); none wrote Russian names in Ukrainian letters by sound.  Dates were
misread as ``yy.mm.dd``, as ``mm/dd``, from Excel serials or by a form's month list; none
were typed as digits without leading zeros and read back by their length.  No list put the
patronymic into the given name as a notice's forename, took a place abroad as the origin, or
dated a removal by the loss of contact.

Population: a quarter of families from institutions, few sent to Belarus, families of two or
more children common, more children placed in Russia, capture shared within families.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_protocols_rehab_interpol"
_TAG = 0x48_3331  # this module's random streams (rewriting), apart from build()'s

PROTOCOLS = "ru_sport_protocols"
REHAB = "ua_rehab_intake"
INTERPOL = "intl_interpol_notices"

# ---------------------------------------------------------------- the lists' rendering (build)

_PROTOCOLS = Style(  # names, years, dates rewritten by _rewrite_protocols
    name_lang=(("ru", 0.8), ("dim", 0.2)),
    show_new_identity=0.6,
    typo=0.01,
    layout="ru",
    drop_yo=0.7,
    birth=(("day", 1.0),),  # reduced to the year (or the band's) by the rewriting
    sex_missing=0.0,
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 0.7), ("none", 0.3)),
    place_missing=0.6,
    institution=(("ru_short", 1.0),),
    institution_missing=0.6,
    removal=(("exact", 1.0),),  # replaced by the protocol's date
    destination="place_ru",
    destination_missing=0.05,
)
_REHAB = Style(  # names by sound and digit dates applied by _rewrite_rehab
    name_lang=(("uk", 0.9), ("ru", 0.1)),
    follow_ru_docs=0.8,
    show_new_identity=0.3,
    typo=0.02,
    layout="uk",
    apostrophes=0.3,
    patronymic_missing=0.1,
    birth=(("day", 0.9), ("month", 0.03), ("year", 0.04), ("missing", 0.03)),
    sex_missing=0.02,
    place=(("uk_current", 0.7), ("uk_doc", 0.3)),
    place_prefix=(("none", 0.6), ("type", 0.4)),
    place_missing=0.03,
    institution=(("uk", 0.6), ("uk_short", 0.4)),
    institution_missing=0.5,
    removal=(("exact", 0.6), ("month", 0.25), ("missing", 0.15)),
    destination="uk",
    destination_missing=0.05,
)
_INTERPOL = Style(  # forename, place and date of disappearance applied by _rewrite_interpol
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.7,
    script="lat",
    systems=(("ua_2010", 1.0),),
    upper=1.0,
    typo=0.005,
    birth=(("day", 1.0),),
    place=(("lat_current", 1.0),),
    institution_missing=1.0,
    removal=(("exact", 1.0),),
    destination="en",
    destination_missing=1.0,
)


def heldout31_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (31st): Russian sports protocols scraped, Ukrainian rehabilitation centres' intake, "
        "yellow notices read from a public interface",
        PopulationSpec(
            share_institution=0.25,
            share_belarus=0.12,
            family_sizes=(0.45, 0.3, 0.15, 0.07, 0.02, 0.01),
            twin_rate=0.03,
            placed_institution=0.5,
            placed_family=0.12,
            reregistered=0.3,
            family_visibility=0.6,
        ),
        (
            ListSpec(
                PROTOCOLS,
                _PROTOCOLS,
                eligible="russia",
                base=0.3,
                beta=0.9,
                mode_odds=(("institution", 1.8), ("placed", 1.5)),
                duplicates=0.25,
                id_prefix="SP",
            ),
            ListSpec(
                REHAB,
                _REHAB,
                base=0.3,
                beta=0.7,
                mode_odds=(("family", 1.5),),
                duplicates=0.03,
                id_prefix="RC",
            ),
            ListSpec(
                INTERPOL,
                _INTERPOL,
                base=0.25,
                beta=1.0,
                mode_odds=(("family", 1.5), ("institution", 0.5)),
                duplicates=0.02,
                id_prefix="YN",
            ),
        ),
        output_order=(PROTOCOLS, REHAB, INTERPOL),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: int, salt: int) -> np.random.Generator:
    """A generator fixed per unit (a competition, a caseworker) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, int(unit)])


def _lag(seed: int, child: Child, second: bool, salt: int, first: tuple[int, int], later: tuple[int, int]) -> dt.date:
    """A date after ``child``'s removal: ``first`` days for the family (fixed per family and
    seed), ``later`` more for a second record (fixed per child and seed)."""
    day = child.removal + dt.timedelta(days=int(_family_rng(seed, child, salt).integers(*first)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, salt + 1).integers(*later)))
    return day


# ---------------------------------------------------------------- the sports protocols

#: the youngest age at which a child is in a protocol
MIN_AGE = 6
#: days from a family's removal to its children's first competition (inclusive low, exclusive high)
FIRST_LAG = (30, 700)
#: days from a first protocol to a second one naming the child again
SECOND_LAG = (20, 400)
#: share of the protocols that give the category's two-year band instead of each child's year
BAND_PROTOCOLS = 0.3
#: share of the protocols printing the family name in capitals
CAPS_PROTOCOLS = 0.6
#: share of the protocols whose date is only the month
MONTH_PROTOCOLS = 0.15
#: share of the placed children (row without the new identity) entered under the foster family's surname
FOSTER_SURNAME = 0.5


def competed_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """The day of the competition whose protocol names ``child`` (``second``: a second protocol)."""
    return _lag(seed, child, second, 0x5350, FIRST_LAG, SECOND_LAG)


def competition_of(child: Child, day: dt.date) -> int:
    """The competition (a region's competitions of a month) held on ``day`` where ``child`` competed."""
    return child.destination * 1_000_000 + day.year * 100 + day.month


def protocol_habit(seed: int, competition: int) -> tuple[bool, bool, bool]:
    """(age bands instead of years, family name in capitals, the month alone as its date) of a
    competition's protocol.  Fixed per competition and seed."""
    g = _unit_rng(seed, competition, 0x5048)
    return bool(g.random() < BAND_PROTOCOLS), bool(g.random() < CAPS_PROTOCOLS), bool(g.random() < MONTH_PROTOCOLS)


def band_year(year: int) -> int:
    """The first year of the two-year band (``2010–2011``) that ``year`` falls in."""
    return year - year % 2


def uses_foster_surname(seed: int, child: Child) -> bool:
    """Whether the foster family entered placed ``child`` under its own family name.  Fixed per
    child and seed (false for a child not placed)."""
    return child.placed and bool(_child_rng(seed, child, 0x4653).random() < FOSTER_SURNAME)


def foster_surname(seed: int, child: Child) -> lx.Surname:
    """The foster family's surname: the re-registered one, else a Russian surname fixed per family and seed."""
    if child.new_identity is not None:
        return lx.SURNAMES[child.new_identity.surname]
    g = _family_rng(seed, child, 0x4654)
    return lx.RUSSIAN_FOSTER_SURNAMES[int(g.integers(len(lx.RUSSIAN_FOSTER_SURNAMES)))]


def protocol_record(
    seed: int, child: Child, rec: dict[str, str], second: bool = False, shown: bool = False
) -> dict[str, str]:
    """``rec`` (the child's record as rendered, its full birth date) as the team took it from the
    protocol (``second``: a second protocol; ``shown``: the record shows the identity given in Russia)."""
    out = dict(rec)
    day = competed_on(seed, child, second)
    bands, caps, month = protocol_habit(seed, competition_of(child, day))
    if not shown and uses_foster_surname(seed, child):
        out["family_name"] = lx.surname_form(foster_surname(seed, child), child.sex, "ru")
    if caps:
        out["family_name"] = out["family_name"].upper()
    out["patronymic"] = ""
    year = int(rec["birth_date"][:4]) if rec["birth_date"] else 0
    out["birth_date"] = "" if not year else str(band_year(year) if bands else year)
    out["removal_date"] = nz.iso(day, "month" if month else "day")
    return _consistent(out)


def _rewrite_protocols(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float, int]] = []
    kinds = list(zip(truth["child"], truth["kind"], truth["new_identity"], strict=True))
    for j, (child_id, kind, shown) in enumerate(kinds):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        day = competed_on(seed, c, second)
        if nz.age_at(c.birth, day) < MIN_AGE:
            continue  # too young for any category: in no protocol of that day
        rows[j] = protocol_record(seed, c, rows[j], second, bool(shown))
        keys.append((day, float(rng.random()), j))
    order = [j for _, _, j in sorted(keys)]
    ids: list[str] = []
    per_month: dict[str, int] = {}
    for j in order:
        ym = rows[j]["removal_date"][:7].replace("-", "")
        per_month[ym] = per_month.get(ym, 0) + 1
        ids.append(f"SP{ym}-{per_month[ym]:03d}")
    return rows, order, ids


# ---------------------------------------------------------------- the rehabilitation centres' intake

#: the caseworkers of the network
N_WORKERS = 24
#: the centres (a caseworker works at centre ``worker % N_CENTRES``)
N_CENTRES = 6
#: share of the caseworkers who type no leading zeros in dates
NO_ZEROS = 0.35
#: share of the children with Russian documents (or the new identity shown) whose names are written by sound
BY_SOUND = 0.5
#: days from the removal to the family's intake
INTAKE_LAG = (60, 700)
#: days from a first intake to a second one (another centre)
SECOND_INTAKE_LAG = (30, 300)

_BY_SOUND_VOWELS = set("аеёиоуыэюяіїє")
_HUSHING = set("жшчщц")
_LABIAL_R = set("бпвмфр")


def ru_by_sound(word: str) -> str:
    """A Russian-spelled ``word`` written in Ukrainian letters as it sounds (see the module
    docstring); case is kept."""
    low = word.lower()
    out: list[str] = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        start_like = i == 0 or prev in _BY_SOUND_VOWELS or prev in "ьъ'"
        if ch == "и":
            rep = "и" if prev in _HUSHING else "і"
        elif ch == "ы":
            rep = "и"
        elif ch == "э":
            rep = "е"
        elif ch == "е":
            rep = "є" if start_like else "е"
        elif ch == "ё":
            rep = "йо" if start_like else "ьо"
        elif ch == "ъ":
            rep = "'"
        elif ch == "ь" and prev in _LABIAL_R and nxt in ("я", "ю", "е", "ё"):
            rep = "'"
        else:
            rep = ch
        if word[i].isupper():
            rep = rep[:1].upper() + rep[1:]
        out.append(rep)
    # after an apostrophe made from ь, е is є and ё is йо (handled by start_like on the source ь)
    return "".join(out)


def worker_of(seed: int, child: Child, second: bool = False) -> int:
    """The caseworker who took ``child`` in (``second``: a second intake): fixed per family
    (per child for a second intake) and seed."""
    g = _child_rng(seed, child, 0x5752) if second else _family_rng(seed, child, 0x5746)
    return int(g.integers(N_WORKERS))


def worker_habit(seed: int, worker: int) -> bool:
    """Whether ``worker`` types dates without leading zeros.  Fixed per caseworker and seed."""
    return bool(_unit_rng(seed, worker, 0x5748).random() < NO_ZEROS)


def by_sound(seed: int, child: Child) -> bool:
    """Whether the caseworker wrote the Russian documents' names by sound (for a child with
    them).  Fixed per child and seed."""
    return bool(_child_rng(seed, child, 0x4253).random() < BY_SOUND)


def typed_digits(day: dt.date, zeros: bool) -> str:
    """The digits a caseworker types for ``day`` (with or without leading zeros), as the number
    column keeps them (a leading zero lost)."""
    text = f"{day.day:02d}{day.month:02d}{day.year:04d}" if zeros else f"{day.day}{day.month}{day.year:04d}"
    return text.lstrip("0")


def read_digits(text: str) -> str:
    """The ISO date the analyst reads from a number ``text``: eight digits ``ddmmyyyy``, seven
    with a zero put back before them, six ``dmyyyy``; "" when that is no date."""
    if len(text) == 7:
        text = "0" + text
    if len(text) == 8:
        d, m, y = int(text[:2]), int(text[2:4]), int(text[4:])
    elif len(text) == 6:
        d, m, y = int(text[0]), int(text[1]), int(text[2:])
    else:
        return ""
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return ""


def _typed(value: str, zeros: bool) -> str:
    """A partial ISO date as it came out of the sheet (a full date typed as digits)."""
    if len(value) != 10:
        return value
    return read_digits(typed_digits(dt.date.fromisoformat(value), zeros))


def sound_names(child: Child, rec: dict[str, str], shown: bool) -> dict[str, str]:
    """The name fields of ``rec`` rebuilt from the Russian documents' names written by sound
    (``shown``: the identity given in Russia); the patronymic only where ``rec`` has one."""
    ident = child.new_identity if shown else None
    g = lx.GIVEN[ident.given if ident else child.given]
    s = lx.SURNAMES[ident.surname if ident else child.surname]
    f = lx.FATHERS[ident.father if ident else child.father]
    pat = f.ru_m if child.sex == "M" else f.ru_f
    return {
        "family_name": ru_by_sound(lx.surname_form(s, child.sex, "ru")),
        "given_name": ru_by_sound(g.ru),
        "patronymic": ru_by_sound(pat) if rec["patronymic"] else "",
    }


def rehab_record(
    seed: int, child: Child, rec: dict[str, str], second: bool = False, shown: bool = False
) -> dict[str, str]:
    """``rec`` (the child's record as the caseworker meant it) as it came out of the sheet."""
    out = dict(rec)
    if (child.doc_lang == "ru" or shown) and by_sound(seed, child):
        out.update(sound_names(child, rec, shown))
    if worker_habit(seed, worker_of(seed, child, second)):
        out["birth_date"] = _typed(rec["birth_date"], False)
        out["removal_date"] = _typed(rec["removal_date"], False)
    return _consistent(out)


def intake_on(seed: int, child: Child, second: bool = False) -> dt.date:
    return _lag(seed, child, second, 0x494E, INTAKE_LAG, SECOND_INTAKE_LAG)


def _rewrite_rehab(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, dt.date, float, int]] = []
    for j, (child_id, kind, shown) in enumerate(zip(truth["child"], truth["kind"], truth["new_identity"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = rehab_record(seed, c, rows[j], second, bool(shown))
        centre = worker_of(seed, c, second) % N_CENTRES
        keys.append((centre, intake_on(seed, c, second), float(rng.random()), j))
    order: list[int] = []
    ids: list[str] = []
    within: dict[int, int] = {}
    for centre, _, _, j in sorted(keys):
        order.append(j)
        within[centre] = within.get(centre, 0) + 1
        ids.append(f"RC{centre + 1}-{within[centre]:04d}")
    return rows, order, ids


# ---------------------------------------------------------------- the yellow notices

#: share of the notices with the patronymic in the forename field
FORENAME_PATRONYMIC = 0.35
#: share of the notices whose place of disappearance is where the child was last known abroad
LAST_SEEN_ABROAD = 0.25
#: share of the notices whose date of disappearance is the day contact was lost
LOST_CONTACT = 0.3
#: days from the removal to the day contact was lost (inclusive low, exclusive high)
CONTACT_LAG = (14, 400)
#: days from the removal to the notice's publication
NOTICE_LAG = (60, 800)
#: days from a first notice to a re-published one
SECOND_NOTICE_LAG = (30, 400)


def notice_habit(seed: int, child: Child, second: bool = False) -> tuple[bool, bool, bool]:
    """(patronymic in the forename field, place abroad, date of lost contact) of ``child``'s
    notice (``second``: a re-published notice).  Fixed per child, notice and seed."""
    g = _child_rng(seed, child, 0x4E48 + int(second))
    return (
        bool(g.random() < FORENAME_PATRONYMIC),
        bool(g.random() < LAST_SEEN_ABROAD),
        bool(g.random() < LOST_CONTACT),
    )


def lost_contact_on(seed: int, child: Child) -> dt.date:
    """The day ``child``'s family lost contact with it.  Fixed per child and seed."""
    return child.removal + dt.timedelta(days=int(_child_rng(seed, child, 0x4C43).integers(*CONTACT_LAG)))


def notice_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's record romanised, with its patronymic) as the script read the notice."""
    out = dict(rec)
    with_pat, abroad, lost = notice_habit(seed, child, second)
    if with_pat and rec["patronymic"] and rec["given_name"]:
        out["given_name"] = f"{rec['given_name']} {rec['patronymic']}"
    out["patronymic"] = ""
    out["origin_settlement"] = (pl.DESTINATIONS[child.destination].en if abroad else rec["origin_settlement"]).upper()
    if lost:
        out["removal_date"] = lost_contact_on(seed, child).isoformat()
    out["destination"] = ""
    out["origin_institution"] = ""
    return _consistent(out)


def published_on(seed: int, child: Child, second: bool = False) -> dt.date:
    return _lag(seed, child, second, 0x5055, NOTICE_LAG, SECOND_NOTICE_LAG)


def _rewrite_interpol(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = notice_record(seed, c, rows[j], second)
        keys.append((published_on(seed, c, second), float(rng.random()), j))
    order: list[int] = []
    ids: list[str] = []
    serial = 0
    for day, _, j in sorted(keys):
        order.append(j)
        serial += 1 + int(rng.integers(0, 40))  # the serials of other countries' notices between
        ids.append(f"{day.year}/{serial:05d}")
    return rows, order, ids


# ---------------------------------------------------------------- the profile


def _own_when_alone(data: ProfileData) -> ProfileData:
    """The truth with a child's second record marked as its own where its first is not on the
    list (a first competition held before the child was old enough for any category)."""
    t = data.truth.copy()
    firsts = set(zip(t.loc[t["kind"] != "duplicate", "list"], t.loc[t["kind"] != "duplicate", "child"], strict=True))
    for i in t.index[t["kind"] == "duplicate"]:
        key = (t.at[i, "list"], t.at[i, "child"])
        if key not in firsts:
            t.at[i, "kind"] = "own"
            firsts.add(key)
    return ProfileData(data.name, data.seed, data.lists, t, data.population)


def generate_heldout31(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the THIRTY-FIRST HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists; each is then rewritten as its source writes it
    (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == PROTOCOLS:
            return _rewrite_protocols(rows, truth, pop, seed, rng)
        if name == REHAB:
            return _rewrite_rehab(rows, truth, pop, seed, rng)
        if name == INTERPOL:
            return _rewrite_interpol(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return _own_when_alone(rewrite_lists(build(heldout31_spec(), n, seed), seed, _TAG, rewrite))
