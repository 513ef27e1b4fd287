"""TWENTY-SEVENTH HELD-OUT error profile ``heldout_tickets_docphotos_caseapi``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout26` (``heldout_geomap_gform_crowdledger``)
as the profile kept out of tuning, since that one was run (2026-12-07, at the end of the
session in which this profile was written).  It was run ONCE (2026-12-08, after the session's
first changes of the model, on the session's first model and on the model at its run, which gave
the same: recall across 0.911, children +4.5%, N̂ +29.5% by best AIC, ``recommended`` 4,146
[3,290, 5,837] for 3,000 children, not covering, one linkage warning; bench/RESULTS.md);
:mod:`.heldout28` now replaces it as the profile kept out of tuning.  ``bench/linkage_harness.py`` runs it
only with ``--heldout27``; the tests only check that it generates valid, deterministic lists
with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation as a black box,
``data/name_equivalences.csv`` and the gazetteer tables of ``data/``, the linkage sections of
``bench/RESULTS.md`` and of the README, the messages of commits).  What it read: the shared
harness modules (``tests/harness/__init__.py``, ``profiles.py``, ``lists.py``,
``population.py``, ``noise.py``, ``romanise.py``, ``lexicon.py``, ``places.py``, ``sampling.py``,
``metrics.py``), :mod:`.heldout24` and its tests as a model of structure, the module
docstrings of :mod:`.heldout` to :mod:`.heldout23` (to keep clear of their processes), only the
function signatures of :mod:`.heldout25` and :mod:`.heldout26` and the registration tests of
heldout25's test module, and ``bench/linkage_harness.py`` (its docstring, registration and
output code), ``bench/harness_true_coverage.py`` and ``tests/test_harness_heldout_contract.py``
where the profiles are registered.  The error processes are what such sources look like, not
what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the earlier held-out profiles have (as far as their module
docstrings tell, and for heldout25 and heldout26 their function names).  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout27`).  Per-child draws (a passport, an ID card,
a photo of a document, how a volunteer copied it) are fixed per child (and record) AND seed
(:func:`_child_rng`), per-family draws (how a family's tickets were paid, its airport of
departure, a booking's habits, when it applied, whether a field team opened its case) per
family AND seed (:func:`_family_rng`); a second record of a child (a rebooked ticket, a second
relative's application, a second case) draws per child and seed.  The shares are the author's
judgement of what such lists hold (no published rate exists for any of them); each is a named
constant.

``vol_exit_air_tickets``
    the air tickets of children whom a volunteer network helped to leave Russia with their
    families through third countries (flights from Russian airports to Istanbul, Yerevan,
    Tbilisi ...), as the network's coordinator merged them into one sheet: only children sent
    to Russia, families much more than children of institutions or placed children.  An
    airline's passenger record holds the name as one element ``SURNAME/GIVEN NAMES TITLE`` in
    the letters A-Z and spaces only (no apostrophe, hyphen or soft sign: :func:`ticket_latin`),
    the title ``MSTR`` / ``MISS`` for a child of 2 to 11 on the day of the flight and ``MR`` /
    ``MS`` from 12 (:func:`title_of`); a child under :data:`INFANT_AGE` flies on a parent's lap
    without a name element of its own and is not on the list.  The name is the travel
    document's (the child's own documents, never an identity given in Russia:
    :func:`document_names`): a child with Ukrainian documents who holds a Ukrainian passport
    (:data:`PASSPORT` by age on the day, fixed per child and seed: :func:`holds_passport`) has
    the passport's Latin, the national system of 2010 (``KOVALENKO/MARIIA``); the others
    travelled on a birth certificate (Ukrainian forms; Russian forms for a child with Russian
    documents), romanised by whoever booked.  For the families whose tickets the network's
    volunteers booked through a travel agency (all but :data:`REIMBURSED`, fixed per family
    and seed: :func:`reimbursed`) the volunteer romanised a certificate by the national system
    of 2010 too (a Russian form as well: ``DMYTRYI``), typed the child's patronymic as a middle
    name in :data:`MIDDLE_NAME` of the bookings (``KOVALENKO/MARIIA OLEKSANDRIVNA MISS``) and
    the title without its space in :data:`GLUED_TITLE` of them (``KOVALENKO/MARIIAMISS``;
    fixed per booking and seed: :func:`booking_habits`); the agency's export gives the name
    element with the birth date and sex of the passenger data (APIS), and the network's intake
    sheet the family's home town in Latin for most.  The other families bought their tickets
    on a Russian airline's website, which romanises a name typed in Cyrillic by the rules of
    Russian passports (``IULIIA``, ``SERGII``, ``OLIINIK``, ``GNATIUK``, ``DMITRO``), and the
    network refunded them against a photo of the boarding pass: the coordinator read its
    barcode (IATA's bar-coded boarding pass, Resolution 792), whose passenger-name field is
    :data:`BCBP_NAME_LENGTH` characters wide and holds the start of the name element
    (:func:`boarding_pass_name`: ``SHEVCHENKO/OLEKSANDR``, ``KOVALENKO/MARIIA MIS``,
    ``BONDARENKO/ANASTASII``), and no birth date, sex or home town.  The coordinator split
    every name element at the slash, dropped a last word that is a title and took the sex of a
    boarding-pass row from it (``MR`` / ``MSTR`` M, ``MS`` / ``MRS`` / ``MISS`` F, none without a
    title: :func:`split_element`), and put the first word after the slash in the given name and
    the others in the patronymic: so a cut title (``MIS``, ``MST``, ``M``) or a glued one stays
    in a name field, a boy whose ``MSTR`` was cut to ``MS`` is F, a cut middle name leaves a few
    letters of the patronymic.  No removal date and no institution; the destination is the
    city of the airport of departure (:func:`departure_city`, fixed per family and seed:
    ``Moscow``, ``Mineralnye Vody``, ``Sochi``, ``Volgograd``, ``Nizhny Novgorod``), not the
    region the child was in: the airports of Rostov, Krasnodar, Kursk and Crimea were closed,
    so families went to Moscow or the nearest open one (:data:`DEPARTURES`).  A rebooked ticket
    (a missed connection, a changed date) is a second row of the child, later
    (:data:`REBOOK_LAG`), in a booking of its own.  Rows in the order of the flights (one date
    per family: :func:`flight_on`), numbered by the booking's record locator and the
    passenger's number in it (``X7K2QM/2``: the accompanying adult is passenger 1, the
    children follow eldest first: :func:`locator`).
``ua_legal_aid_doc_photos``
    the intake sheet of a Ukrainian legal-aid charity that helps families of children taken
    to Russia or Belarus (search, return, documents, the status of a deported child), filled
    by its volunteers from what the families sent through a messenger: the relative's message
    and, for :data:`DOC_PHOTO` of the applications (fixed per child, application and seed:
    :func:`has_photo`), a photo of the child's document, whose text the volunteer copied with
    the phone's text recognition instead of retyping it: the names, the patronymic and the
    birth date as the document prints them.  The document (:func:`document_of`, on the day of
    the application): for a child with Russian documents a birth certificate of the occupation
    authorities or of Russia (Russian forms); for a child with Ukrainian documents its ID card
    from 14 (:data:`ID_CARD` of them), otherwise its passport where it has one
    (:func:`holds_passport`), otherwise its Ukrainian birth certificate.  An ID card and a
    passport print each name in capitals in Cyrillic and, below it, in Latin (the national
    system of 2010), and the text recognition copies both lines: the volunteer pasted
    ``КОВАЛЕНКО KOVALENKO`` and ``МАРІЯ MARIIA`` (the sheet turned the line break into a space)
    unless she deleted the Latin line, which :data:`KEEP_LATIN` of the copies keep
    (:func:`copy_habits`, :func:`document_cell`); the patronymic, printed in Cyrillic only on an
    ID card, is copied alone, and a passport has none.  In :data:`LABEL_COPIED` of the copies
    of an ID card or a passport the selection took the printed field labels too
    (``Прізвище/Surname КОВАЛЕНКО KOVALENKO``, ``Ім'я/Given Names МАРІЯ MARIIA``: :data:`LABELS`).
    The sex is the document's on an ID card or a passport.  An application without a photo has
    what the relative typed: Ukrainian forms (Russian for some relatives and for some children
    with Russian documents), typos, apostrophe variants, the patronymic often left out, the
    birth date, the year or nothing.  The settlement as the family named it, the institution's
    short name for some, the date or the month of the removal, the country; rows in the order
    of the applications (one date per family, a second relative's application later:
    :func:`applied_on`), numbered ``LA<row>``.  Families much more than institutions.
``intl_cp_cases_api``
    the cases of children taken from occupied Ukraine in the case-management system of an
    international child-protection organisation (relatives' reports to its partners'
    hotlines, referrals by children's services, cases its field teams opened on visits to the
    front-line oblasts), pulled by an analyst's script through the system's web API, one row
    per case: Ukrainian forms (Russian for some children with Russian documents), typed by
    caseworkers (typos, apostrophe variants), the patronymic for most, sex, the settlement, the
    institution, the destination in English.  (1) The birth and removal dates are date pickers
    with an "approximate" box: a date known only as a month or a year was entered so, and the
    system stores the middle of the period, the :data:`MID_MONTH` th of the month or
    :data:`MID_YEAR` (1 July) of the year (:func:`approximate_date`), which the API returns as a
    date like any other (the flag is not exported): a full date that is not the child's.  (2)
    The API gives every date as a Unix time in milliseconds, and the script converted it so;
    but the field teams' offline mobile app sent SECONDS until a fix (:data:`APP_FIXED`), and
    the server stored the number as it came, so every date of a case opened in the app before
    the fix (:data:`APP_CASES` of the families' cases, fixed per family and seed; a second case
    of a child per child: :func:`opened_in_app`, :func:`seconds_app`) comes out a thousand times
    too near 1970, on a day from the 10th to the 20th of January 1970 for the children's dates
    (:func:`seconds_read_as_milliseconds`: 5 March 2012 is 16 January 1970, a removal in 2022
    the 19th or 20th), birth before removal as before.  Rows in the order the cases were opened
    (one date per family, a second case about a child later: :func:`opened_on`), numbered
    ``<year>-C<row in the year>``.  Children of families more than of institutions.

How they differ from the earlier profiles.  Names: earlier Latin-script lists romanised names
by a system, by ear or by another language's orthography, kept a passport's machine-readable
zone (:mod:`.heldout11`) or typed Latin back into Cyrillic (:mod:`.heldout8`, :mod:`.heldout13`);
none holds an airline's name element: a title in a name field, a name cut at a fixed width
together with its title (:mod:`.heldout9` cut fields one by one at a byte limit), a sex read
off a title.  No earlier list puts both scripts of a name in one cell (scripts were mixed by
record, or by letter: look-alikes, keyboards, OCR) nor a document's field label in a name
cell.  Dates: placeholders (1 January, ``1900-01-01``, the first of the month, the day of the
call: the tuning profiles, :mod:`.heldout9`, :mod:`.heldout12`, :mod:`.heldout23`) and shifts by
a day or more (time zones, Excel's date systems: :mod:`.heldout12`, :mod:`.heldout15`,
:mod:`.heldout7`, :mod:`.heldout13`) are earlier; none imputes the middle of a period, and none
squeezes every date of a record a thousandfold towards 1970.  Places: no earlier destination is
an airport of departure.

Population: a quarter of the families from institutions, few sent to Belarus, families of two
or three children common, capture shared within families.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import SCHEMA, ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists
from .romanise import romanise

NAME = "heldout_tickets_docphotos_caseapi"
_TAG = 0x48_3237  # this module's random streams (rewriting), apart from build()'s

TICKETS = "vol_exit_air_tickets"
DOCS = "ua_legal_aid_doc_photos"
CASES = "intl_cp_cases_api"
_COLUMNS = SCHEMA[1:]
_NAMES = ("family_name", "given_name", "patronymic")

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_TICKETS = Style(  # names, dates, sex and destination replaced by _rewrite_tickets
    name_lang=(("uk", 1.0),),
    follow_ru_docs=1.0,
    birth=(("day", 1.0),),
    place=(("lat_current", 0.6), ("lat_ru", 0.4)),  # the home town in the network's intake sheet
    place_prefix=(("none", 1.0),),
    place_missing=0.2,
    institution_missing=1.0,
    removal=(("missing", 1.0),),
    destination="en",
)
_DOCS = Style(  # what the relatives typed; the copies of documents applied by _rewrite_docs
    name_lang=(("uk", 0.8), ("ru", 0.2)),
    follow_ru_docs=0.5,
    typo=0.03,
    layout="uk",
    russian_keyboard=0.04,
    apostrophes=0.4,
    drop_yo=0.5,
    patronymic_missing=0.4,
    birth=(("day", 0.72), ("month", 0.03), ("year", 0.15), ("missing", 0.1)),
    sex_missing=0.04,
    place=(("uk_current", 0.6), ("uk_doc", 0.15), ("ru_src", 0.25)),
    place_prefix=(("none", 0.6), ("type", 0.25), ("oblast", 0.15)),
    place_missing=0.04,
    institution=(("uk_short", 1.0),),
    institution_missing=0.3,
    removal=(("exact", 0.4), ("month", 0.4), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.08,
)
_CASES = Style(  # the approximate dates and the app's seconds applied by _rewrite_cases
    name_lang=(("uk", 0.85), ("ru", 0.15)),
    follow_ru_docs=0.6,
    typo=0.02,
    layout="uk",
    apostrophes=0.3,
    patronymic_missing=0.2,
    birth=(("day", 0.7), ("month", 0.08), ("year", 0.15), ("missing", 0.07)),
    sex_missing=0.02,
    place=(("uk_current", 0.7), ("uk_doc", 0.3)),
    place_prefix=(("none", 0.4), ("type", 0.4), ("oblast", 0.2)),
    place_missing=0.03,
    institution=(("uk", 0.6), ("uk_short", 0.4)),
    institution_missing=0.25,
    removal=(("exact", 0.5), ("month", 0.3), ("missing", 0.2)),
    destination="en_formal",
    destination_missing=0.1,
)


def heldout27_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (27th): a volunteer network's air tickets, a legal-aid charity's copies of document photos, "
        "an international organisation's cases pulled through an API",
        PopulationSpec(
            share_institution=0.25,
            share_belarus=0.12,
            family_sizes=(0.42, 0.3, 0.16, 0.08, 0.03, 0.01),
            twin_rate=0.03,
            placed_institution=0.45,
            placed_family=0.1,
            reregistered=0.35,
            family_visibility=0.65,
        ),
        (
            ListSpec(
                TICKETS,
                _TICKETS,
                eligible="russia",
                base=0.28,
                beta=0.9,
                mode_odds=(("family", 2.5), ("institution", 0.15), ("placed", 0.3)),
                duplicates=0.04,
                id_prefix="FL",
            ),
            ListSpec(
                DOCS,
                _DOCS,
                base=0.35,
                beta=0.8,
                mode_odds=(("family", 2.0), ("institution", 0.4)),
                duplicates=0.05,
                id_prefix="LA",
            ),
            ListSpec(
                CASES,
                _CASES,
                base=0.35,
                beta=0.7,
                mode_odds=(("family", 1.3),),
                duplicates=0.04,
                id_prefix="C",
            ),
        ),
        output_order=(TICKETS, DOCS, CASES),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _lag(seed: int, child: Child, second: bool, salt: int, first: tuple[int, int], later: tuple[int, int]) -> dt.date:
    """A date after ``child``'s removal: ``first`` days for the family (fixed per family and
    seed), ``later`` more for a second record (fixed per child and seed)."""
    day = child.removal + dt.timedelta(days=int(_family_rng(seed, child, salt).integers(*first)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, salt + 1).integers(*later)))
    return day


# ---------------------------------------------------------------- documents (shared by two lists)

#: share of the children with Ukrainian documents who hold a Ukrainian passport, by age on the
#: day: (age below which the share applies, share); under 6, 6 to 13, 14 to 17
PASSPORT: tuple[tuple[int, float], ...] = ((6, 0.2), (14, 0.4), (99, 0.6))


def passport_share(age: int) -> float:
    """The share of the children of ``age`` (full years) with Ukrainian documents who hold a
    Ukrainian passport (:data:`PASSPORT`)."""
    for below, share in PASSPORT:
        if age < below:
            return share
    return PASSPORT[-1][1]


def holds_passport(seed: int, child: Child, day: dt.date) -> bool:
    """Whether ``child`` holds a Ukrainian passport on ``day``: one draw fixed per child and seed
    against the share of its age then (so a child who holds one keeps it as it grows up); never
    for a child with Russian documents."""
    u = float(_child_rng(seed, child, 0x5050).random())
    return child.doc_lang == "uk" and u < passport_share(nz.age_at(child.birth, day))


def document_names(child: Child) -> tuple[str, str, str]:
    """(family name, given name, patronymic) as ``child``'s own documents write them: the
    Ukrainian forms, or the Russian forms for a child with Russian documents (never an identity
    given in Russia)."""
    lang = "ru" if child.doc_lang == "ru" else "uk"
    g = lx.GIVEN[child.given]
    f = lx.FATHERS[child.father]
    given = g.ru if lang == "ru" else g.uk
    if lang == "ru":
        patronymic = f.ru_f if child.sex == "F" else f.ru_m
    else:
        patronymic = f.uk_f if child.sex == "F" else f.uk_m
    return lx.surname_form(lx.SURNAMES[child.surname], child.sex, lang), given, patronymic


# ---------------------------------------------------------------- the volunteer network's air tickets

#: share of the families whose tickets the network refunded against a boarding pass (bought by the family)
REIMBURSED = 0.35
#: share of the network's bookings in which the volunteer typed the child's patronymic as a middle name
MIDDLE_NAME = 0.3
#: share of the network's bookings in which the title was typed without its space
GLUED_TITLE = 0.06
#: width of the passenger-name field of a bar-coded boarding pass (IATA Resolution 792)
BCBP_NAME_LENGTH = 20
#: below this age (full years on the day of the flight) a child flies on a parent's lap
INFANT_AGE = 2
#: from this age the title is an adult's (MR / MS), below it a child's (MSTR / MISS)
ADULT_TITLE_AGE = 12
#: the titles the coordinator's split recognises, and the sex it reads off each
SEX_OF_TITLE: dict[str, str] = {"MR": "M", "MSTR": "M", "MS": "F", "MRS": "F", "MISS": "F"}
#: days from the removal to the family's flight (inclusive low, exclusive high)
FLIGHT_LAG = (60, 900)
#: days from a flight to a rebooked one
REBOOK_LAG = (1, 30)
#: the airports' cities families flew from, by the region (:data:`.places.DESTINATIONS` ``en``) they were in
DEPARTURES: dict[str, tuple[tuple[str, float], ...]] = {
    "Rostov Oblast": (("Moscow", 0.5), ("Mineralnye Vody", 0.3), ("Volgograd", 0.2)),
    "Moscow Oblast": (("Moscow", 1.0),),
    "Krasnodar Krai": (("Sochi", 0.6), ("Moscow", 0.25), ("Mineralnye Vody", 0.15)),
    "Nizhny Novgorod Oblast": (("Nizhny Novgorod", 0.5), ("Moscow", 0.5)),
    "Kursk Oblast": (("Moscow", 1.0),),
    "Crimea": (("Sochi", 0.4), ("Moscow", 0.4), ("Mineralnye Vody", 0.2)),
}
#: the characters of a record locator (no 0, 1, I, O)
LOCATOR_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_NOT_A_TO_Z = re.compile(r"[^A-Z ]")


def reimbursed(seed: int, child: Child) -> bool:
    """Whether ``child``'s family bought its tickets itself (refunded against the boarding
    passes) rather than through the network.  Fixed per family and seed."""
    return bool(_family_rng(seed, child, 0x5245).random() < REIMBURSED)


def flight_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """The day of ``child``'s flight (``second``: a rebooked ticket, later)."""
    return _lag(seed, child, second, 0x464C, FLIGHT_LAG, REBOOK_LAG)


def booking_habits(seed: int, child: Child, second: bool = False) -> tuple[bool, bool]:
    """(the patronymic typed as a middle name, the title typed without its space) in the
    network's booking of ``child`` (fixed per family and seed; per child for a rebooking)."""
    g = _child_rng(seed, child, 0x4248) if second else _family_rng(seed, child, 0x4246)
    return bool(g.random() < MIDDLE_NAME), bool(g.random() < GLUED_TITLE)


def departure_city(seed: int, child: Child) -> str:
    """The city of the airport ``child``'s family flew from (:data:`DEPARTURES`).  Fixed per
    family and seed."""
    options = DEPARTURES[pl.DESTINATIONS[child.destination].en]
    u = float(_family_rng(seed, child, 0x4443).random())
    total = 0.0
    for city, share in options:
        total += share
        if u < total:
            return city
    return options[-1][0]


def title_of(child: Child, day: dt.date) -> str:
    """The title of ``child``'s name element on a flight on ``day``."""
    adult = nz.age_at(child.birth, day) >= ADULT_TITLE_AGE
    if child.sex == "M":
        return "MR" if adult else "MSTR"
    return "MS" if adult else "MISS"


def ticket_latin(text: str, system: str) -> str:
    """``text`` romanised by ``system`` as an airline's name element holds it: capitals A-Z
    and single spaces, every other character dropped."""
    return " ".join(_NOT_A_TO_Z.sub("", romanise(text, system).upper()).split())


def ticket_system(seed: int, child: Child) -> str:
    """The romanisation of ``child``'s name on its ticket: the passport's (national 2010) for
    a passport holder and in the network's bookings, the Russian passport rules (``ru_icao``)
    of an airline's website for a family that booked itself."""
    if holds_passport(seed, child, flight_on(seed, child)) or not reimbursed(seed, child):
        return "ua_2010"
    return "ru_icao"


def name_element(seed: int, child: Child, second: bool = False) -> str:
    """``child``'s name element in the passenger record (``second``: a rebooked ticket)."""
    family, given, patronymic = document_names(child)
    system = ticket_system(seed, child)
    middle, glued = (False, False) if reimbursed(seed, child) else booking_habits(seed, child, second)
    names = ticket_latin(given, system)
    if middle and patronymic:
        names += " " + ticket_latin(patronymic, system)
    title = title_of(child, flight_on(seed, child))
    return f"{ticket_latin(family, system)}/{names}{'' if glued else ' '}{title}"


def boarding_pass_name(element: str) -> str:
    """The passenger-name field of a bar-coded boarding pass: the name element's first
    :data:`BCBP_NAME_LENGTH` characters (the pad spaces stripped)."""
    return element[:BCBP_NAME_LENGTH].rstrip()


def split_element(element: str) -> tuple[str, str, str, str]:
    """The coordinator's split of a name element: (family name, given name, patronymic,
    title): the family name before the slash, a last word that is a title dropped
    (:data:`SEX_OF_TITLE`), the first word after the slash the given name, the others the
    patronymic."""
    family, _, rest = element.partition("/")
    words = rest.split()
    title = words.pop() if words and words[-1] in SEX_OF_TITLE else ""
    return family.strip(), (words[0] if words else ""), " ".join(words[1:]), title


def is_infant(seed: int, child: Child) -> bool:
    """Whether ``child`` was under :data:`INFANT_AGE` on the family's flight (on a parent's lap,
    not on the list; a rebooking is of the same trip)."""
    return nz.age_at(child.birth, flight_on(seed, child)) < INFANT_AGE


def ticket_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str] | None:
    """``rec`` (the child's row as rendered; its home town in Latin) as the coordinator's sheet
    holds it (``second``: a rebooked ticket); None for an infant on a parent's lap."""
    if is_infant(seed, child):
        return None
    paid = reimbursed(seed, child)
    element = name_element(seed, child, second)
    if paid:
        element = boarding_pass_name(element)
    family, given, patronymic, title = split_element(element)
    out = dict(rec)
    out["family_name"], out["given_name"], out["patronymic"] = family, given, patronymic
    out["birth_date"] = "" if paid else child.birth.isoformat()
    out["sex"] = SEX_OF_TITLE.get(title, "") if paid else child.sex
    out["origin_settlement"] = "" if paid else rec["origin_settlement"]
    out["origin_institution"] = ""
    out["removal_date"] = ""
    out["destination"] = departure_city(seed, child)
    return _consistent(out)


def locator(seed: int, booking: tuple[int, int], attempt: int = 0) -> str:
    """A record locator for ``booking`` ((0, family) for a family's booking, (1, child) for a
    rebooking): six characters of :data:`LOCATOR_ALPHABET`, redrawn (``attempt``) on a clash."""
    g = np.random.default_rng([int(seed), _TAG, 0x4C4F, booking[0], booking[1], attempt])
    return "".join(LOCATOR_ALPHABET[int(i)] for i in g.integers(len(LOCATOR_ALPHABET), size=6))


def _rewrite_tickets(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    bookings: dict[tuple[int, int], list[int]] = {}
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rec = ticket_record(seed, c, rows[j], second)
        if rec is None:
            continue  # an infant on a parent's lap: no name element of its own
        rows[j] = rec
        bookings.setdefault((1, c.child_id) if second else (0, c.family), []).append(j)
    used: set[str] = set()
    keys: list[tuple[dt.date, str, int, int]] = []
    for booking in sorted(bookings):
        attempt = 0
        code = locator(seed, booking, attempt)
        while code in used:
            attempt += 1
            code = locator(seed, booking, attempt)
        used.add(code)
        js = sorted(bookings[booking], key=lambda j: int(truth["child"][j]))  # eldest first
        first = pop.children[int(truth["child"][js[0]])]
        day = flight_on(seed, first, booking[0] == 1)
        for k, j in enumerate(js):
            keys.append((day, code, k + 2, j))  # the accompanying adult is passenger 1
    keys.sort()
    return rows, [j for _, _, _, j in keys], [f"{code}/{pax}" for _, code, pax, _ in keys]


# ---------------------------------------------------------------- the legal-aid charity's copies of document photos

#: share of the applications with a photo of the child's document (copied by text recognition)
DOC_PHOTO = 0.55
#: share of the children of 14 or more with Ukrainian documents whose family sent the ID card
ID_CARD = 0.8
#: share of the copies of an ID card or a passport that keep the Latin line
KEEP_LATIN = 0.7
#: share of the copies of an ID card or a passport whose selection took the printed labels too
LABEL_COPIED = 0.12
#: age (full years on the day) from which a Ukrainian child has an ID card
ID_CARD_AGE = 14
#: the printed labels of the name fields: family name, given name, patronymic ("" when not printed)
LABELS: dict[str, tuple[str, str, str]] = {
    "id_card": ("Прізвище/Surname", "Ім'я/Given Names", "По батькові/Patronymic"),
    "passport": ("Прізвище/Surname", "Ім'я/Given Names", ""),
}
#: the documents a family photographed
DOCUMENTS = ("id_card", "passport", "birth_certificate", "ru_certificate")
#: days from the removal to the family's application (inclusive low, exclusive high)
APPLICATION_LAG = (14, 700)
#: days from a family's application to a second relative's application about a child
SECOND_APPLICATION_LAG = (7, 300)


def applied_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s family applied (``second``: a second relative's application)."""
    return _lag(seed, child, second, 0x4150, APPLICATION_LAG, SECOND_APPLICATION_LAG)


def has_photo(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the application about ``child`` came with a photo of its document.  Fixed per
    child, application and seed."""
    return bool(_child_rng(seed, child, 0x4450 + int(second)).random() < DOC_PHOTO)


def document_of(seed: int, child: Child, day: dt.date) -> str:
    """The document of ``child`` its family photographed on ``day`` (:data:`DOCUMENTS`)."""
    if child.doc_lang == "ru":
        return "ru_certificate"
    id_card = _child_rng(seed, child, 0x4944).random() < ID_CARD
    if nz.age_at(child.birth, day) >= ID_CARD_AGE and id_card:
        return "id_card"
    return "passport" if holds_passport(seed, child, day) else "birth_certificate"


def copy_habits(seed: int, child: Child, second: bool = False) -> tuple[bool, bool]:
    """(the Latin line kept, the labels copied) in the volunteer's copy of ``child``'s
    document.  Fixed per child, application and seed."""
    g = _child_rng(seed, child, 0x4348 + int(second))
    return bool(g.random() < KEEP_LATIN), bool(g.random() < LABEL_COPIED)


def document_cell(cyrillic: str, latin: str, keep_latin: bool, label: str) -> str:
    """A name cell copied from a document: the label if the selection took it, the Cyrillic
    line, and the Latin line below it when kept (the line break turned into a space)."""
    return " ".join(p for p in (label, cyrillic, latin if keep_latin else "") if p)


def doc_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (what the relative typed) as the volunteer entered it: the names, patronymic
    and birth date copied from the document when the application had a photo of it."""
    out = dict(rec)
    if not has_photo(seed, child, second):
        return _consistent(out)
    kind = document_of(seed, child, applied_on(seed, child, second))
    family, given, patronymic = document_names(child)
    out["birth_date"] = child.birth.isoformat()
    if kind in LABELS:
        keep, labelled = copy_habits(seed, child, second)
        labels = LABELS[kind] if labelled else ("", "", "")
        out["family_name"] = document_cell(family.upper(), romanise(family.upper(), "ua_2010"), keep, labels[0])
        out["given_name"] = document_cell(given.upper(), romanise(given.upper(), "ua_2010"), keep, labels[1])
        out["patronymic"] = document_cell(patronymic.upper(), "", False, labels[2]) if kind == "id_card" else ""
        out["sex"] = child.sex
    else:
        out["family_name"], out["given_name"], out["patronymic"] = family, given, patronymic
    return _consistent(out)


def _rewrite_docs(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = doc_record(seed, c, rows[j], second)
        keys.append((applied_on(seed, c, second), float(rng.random()), j))
    order = [j for _, _, j in sorted(keys)]
    return rows, order, [f"LA{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the international organisation's cases

#: share of the families whose case a field team opened in the offline mobile app
APP_CASES = 0.3
#: from when the mobile app sent milliseconds (before: seconds)
APP_FIXED = dt.date(2023, 7, 1)
#: the day of the month stored for a date entered as an approximate month
MID_MONTH = 15
#: the (month, day) stored for a date entered as an approximate year
MID_YEAR = (7, 1)
#: days from the removal to the family's case (inclusive low, exclusive high)
CASE_LAG = (10, 600)
#: days from a family's case to a second case about a child
SECOND_CASE_LAG = (20, 300)
EPOCH = dt.date(1970, 1, 1)


def opened_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s case was opened (``second``: a second case about it)."""
    return _lag(seed, child, second, 0x434F, CASE_LAG, SECOND_CASE_LAG)


def opened_in_app(seed: int, child: Child, second: bool = False) -> bool:
    """Whether ``child``'s case was opened in the field teams' mobile app (fixed per family and
    seed; per child for a second case)."""
    g = _child_rng(seed, child, 0x4142) if second else _family_rng(seed, child, 0x4141)
    return bool(g.random() < APP_CASES)


def seconds_app(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the dates of ``child``'s case came from the app as seconds (opened in the app
    before :data:`APP_FIXED`)."""
    return opened_in_app(seed, child, second) and opened_on(seed, child, second) < APP_FIXED


def approximate_date(value: str) -> str:
    """A partial ISO date as the system stores an approximate one: a month on its
    :data:`MID_MONTH` th day, a year on :data:`MID_YEAR`; a full date or nothing unchanged."""
    if len(value) == 4:
        return dt.date(int(value), *MID_YEAR).isoformat()
    if len(value) == 7:
        return dt.date(int(value[:4]), int(value[5:7]), MID_MONTH).isoformat()
    return value


def seconds_read_as_milliseconds(value: str) -> str:
    """A full ISO date whose Unix time (UTC midnight) in SECONDS was read as milliseconds; any
    other value unchanged."""
    if len(value) != 10:
        return value
    seconds = (dt.date.fromisoformat(value) - EPOCH).days * 86400
    return (EPOCH + dt.timedelta(days=seconds // 1000 // 86400)).isoformat()


def case_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the case as the caseworker entered it) as the analyst's table holds it."""
    out = dict(rec)
    squeezed = seconds_app(seed, child, second)
    for col in ("birth_date", "removal_date"):
        value = approximate_date(rec[col])
        out[col] = seconds_read_as_milliseconds(value) if squeezed else value
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
        ids.append(f"{day.year}-C{per_year[day.year]:05d}")
    return rows, order, ids


# ---------------------------------------------------------------- the profile


def generate_heldout27(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWENTY-SEVENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == TICKETS:
            return _rewrite_tickets(rows, truth, pop, seed, rng)
        if name == DOCS:
            return _rewrite_docs(rows, truth, pop, seed, rng)
        if name == CASES:
            return _rewrite_cases(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout27_spec(), n, seed), seed, _TAG, rewrite)
