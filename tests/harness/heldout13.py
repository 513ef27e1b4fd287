"""THIRTEENTH HELD-OUT error profile ``heldout_households_nlp_backtranslit``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaced :mod:`.heldout12` (``heldout_casemgmt_notices_databank``)
as the profile kept out of tuning, since the twelve earlier held-out profiles were run, and
was run ONCE; :mod:`.heldout14` (``heldout_sortgap_latvia_callback``) now replaces it as the
profile kept out of tuning.  ``bench/linkage_harness.py`` runs it only with ``--heldout13``; the
tests only check that it generates valid, deterministic lists with the error processes below
(they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the twelve earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout13`), so the error processes live here and
the shared modules are unchanged.  Per-family draws (a family's partner, office, mother)
are fixed per family AND seed (:func:`_family_rng`).

``ua_aid_households``
    a humanitarian organisation's registration of families with children who came back to
    Ukraine (cash and in-kind assistance), ONE ROW PER HOUSEHOLD as the registration form
    has it (the head of household's details, then the children in two free-text cells:
    their given names, ``Іван, Марія, Петро``, and their birth dates, ``12.03.2010,
    05.07.2013``), expanded by an analyst into one row per child by splitting both cells at
    the commas and pairing the pieces BY POSITION (:func:`pair_by_position`).  The
    registrar listed the names eldest first; a date nobody knew was simply left out of the
    dates cell, so every child after it takes the next child's date and the last child none
    (a consequence of the missing dates, not a parameter); for about one household in eight
    (:data:`REVERSED`) the dates were typed youngest first (from the documents as they were
    handed over), so the pairing reverses them: in a household of two, each child has the
    other's birth date.  For half the households (:data:`HEAD_SURNAME`) the names cell held
    given names only and the analyst put the head of household's family name on every
    child's row: the mother's, in its female Ukrainian form (a boy is ``Ковальова``), and for
    about one family in seven (:data:`MAIDEN`) the mother kept her maiden name
    (:func:`.lists.mother_surname_index`), so her children carry a family name that is not
    theirs.  Place of origin, removal month and destination are the household row's (the
    eldest child's record), so siblings share them.  No patronymic and no sex (the form
    counts the children, it does not describe them).  The households registered at six
    offices in ten (:data:`XLSX`, fixed per family: :func:`xlsx_office`) came as workbooks:
    where the dates cell held ONE date, the spreadsheet had turned it into a date serial, and
    the analyst converted serials with the origin 1900-01-01 instead of 1899-12-30 (the
    well-known off-by-two of Excel's 1900 date system: :func:`from_serial`), so a single
    child's birth date is two days late (:data:`SERIAL_SHIFT`); a single child's birth year
    typed alone (``2012``) was a number too, became a date in 1905 and was blanked by the
    analyst's rule that a child's birth date before 1990 is an error.  Cells with several
    dates stayed text and were parsed correctly.  A family registered again (by a grandmother,
    at another office) is a second household, later.  Families and the Belarus programme
    much more than institutions (the list is of children who came back with relatives).
    Rows in order of registration, numbered ``AID<household>/<child>``.
``ru_news_nlp``
    an OSINT team's table of children named in Russian-language news and official Telegram
    posts (regional governments, the children's ombudsmen, state media), extracted
    automatically: named-entity recognition, then each token reduced to its lemma with a
    morphological analyser (pymorphy2 / pymorphy3's ``normal_form``, as spaCy's Russian
    lemmatiser does) and title-cased.  The normal form of a surname, of a patronymic and of
    an adjective is its MASCULINE nominative (pymorphy2 issues #77 and #146: ``Иванова`` ->
    ``иванов``, ``Быковскую`` -> ``быковский``; pymorphy3 issue #12 for patronymics), so
    every girl's ``-ова`` / ``-ева`` / ``-ина`` / ``-ская`` / adjectival family name and her
    patronymic come out masculine (``Ковалёва Мария Сергеевна`` -> ``Ковалёв Мария
    Сергеевич``; :func:`lemma_name`).  The name is mentioned in a case
    (:data:`NEWS_CASES`: nominative, genitive, accusative, dative); a girl whose name is the
    feminine of a masculine name (:data:`MASCULINE_OF`: ``Александра``, ``Валерия``,
    ``Мирослава``, ``Яна``, ``Милана``) mentioned in the accusative or dative
    (``Александру``, ``Валерию``: the same forms as the masculine name's dative or
    prepositional) is lemmatised as the masculine name, so she is ``Александр``; the sex
    column is filled from the gender of the given name's lemma, so she is ``M``, and a
    common-gender diminutive (``Саша``, ``Женя``: :data:`COMMON_GENDER`) leaves it empty.
    Place names are lemmatised word by word (:func:`lemma_place`): an adjective in a place
    name becomes masculine (``Новый Каховка``, ``Голый Пристань``, ``Ясиноватый``,
    ``Снежный``, ``Кременный``), ``Херсонской области`` becomes ``Херсонский Область``,
    ``ДНР`` becomes ``Днр`` (lower case, then title case), a town whose name is a plural
    common noun its singular (``Шахта``, ``Полог``), a hyphenated name is capitalised after
    each hyphen (``Ростов-На-Дону``).  Russian forms and diminutives (news call children
    Настя, Ваня), no family name for many, a patronymic for some (official statements), a
    birth year from the age in the article, the article's date as removal date, the
    region or camp as destination; the same child in several articles (many duplicates);
    whole groups covered or missed.  Rows in order of the article's date, numbered
    ``NL<row>``.
``ua_nib_intl``
    records a Ukrainian state register of deported children (of the kind the National
    Information Bureau keeps) typed in from lists received from international partners
    (mediators, tracing services, foreign governments) in English, one block per partner,
    numbered ``NIB<partner>-<row>``.  Each partner's list was in Latin script
    (:data:`PARTNERS`): ``A`` and ``B`` Ukrainian forms by the national system of 2010 and
    by BGN/PCGN 1965, ``C`` and ``D`` the Russian forms the Russian side supplied, by
    BGN/PCGN ("press") and by ICAO; half of the records of re-registered children, in any
    partner's list, give the identity given in Russia; a family's case came through one partner
    (:func:`nib_partner`), a second record of a child through another.  The register's
    clerks typed the names back into Ukrainian Cyrillic letter by letter
    (:func:`cyrillise`): the soft sign and the apostrophe, which the Latin did not keep, are
    lost (``Мелник``, ``Ковалчук``, ``Лукяненко``, ``Олга``); ``i`` after a vowel before a
    consonant is read as й and elsewhere as і (``Бойко`` right, but ``Дмітрій``, ``Нікіта``,
    ``Кірілл``, ``Олейнік`` for Russian forms); ``ia`` / ``iu`` / ``ie`` are read as я / ю / є
    (``Дяна`` for Діана, whose і+а the national system also writes ``ia``); ``ye`` / ``yo`` become
    є / ьо (``Єкатеріна``, ``Артьом``, ``Ковальов``, ``Пьотр``); ``g`` and ``h`` both г.
    A clerk who recognised the given name wrote its Ukrainian form instead
    (:data:`RECOGNISED_GIVEN`, half the time: ``Dmitriy`` -> ``Дмитро``), never the family
    name or patronymic; a town she recognised she wrote by its official Ukrainian name
    (:data:`RECOGNISED_PLACE`), another letter by letter (``Артемовск``, ``Горловка``, and
    ``Марюпол`` for ``Mariupol``: the national system writes і+у and medial ю alike, ``iu``).
    Birth date in full or the year only, sex, the removal month for some,
    patronymic rarely (English lists seldom carry one).

Population: a quarter of families from institutions, a quarter sent to Belarus, families of
two or three children common (households matter), capture shared within families.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import ListSpec, Style, _consistent, draw, mother_surname_index
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists
from .romanise import romanise

NAME = "heldout_households_nlp_backtranslit"
_TAG = 0x48_3133  # this module's random streams (rewriting), apart from build()'s

NAMES = ("family_name", "given_name", "patronymic")

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_AID = Style(  # households, pairing, serial dates and the head's surname by _rewrite_aid
    name_lang=(("uk", 1.0),),
    follow_ru_docs=0.3,
    typo=0.01,
    layout="uk",
    apostrophes=0.3,
    birth=(("day", 0.88), ("year", 0.05), ("missing", 0.07)),
    place=(("uk_current", 0.9), ("uk_doc", 0.1)),
    place_prefix=(("none", 0.5), ("type", 0.5)),
    place_missing=0.05,
    institution_missing=1.0,
    removal=(("month", 0.35), ("missing", 0.65)),
    destination="uk",
    destination_missing=0.3,
)
_NEWS = Style(  # names and places lemmatised by _rewrite_news
    name_lang=(("ru", 0.7), ("dim", 0.3)),
    show_new_identity=0.3,
    family_missing=0.35,
    patronymic_missing=0.7,
    birth=(("age", 0.8), ("missing", 0.2)),
    report_lag=(0, 60),
    place=(("ru_src", 1.0),),
    place_prefix=(("none", 0.75), ("oblast", 0.25)),
    place_missing=0.1,
    institution=(("ru_short", 1.0),),
    institution_missing=0.8,
    removal=(("report", 1.0),),
    destination="place_ru",
)
_NIB = Style(  # names and places retyped from Latin by _rewrite_nib
    name_lang=(("uk", 1.0),),
    show_new_identity=0.5,
    family_missing=0.02,
    patronymic_missing=0.85,
    birth=(("day", 0.65), ("year", 0.3), ("missing", 0.05)),
    sex_missing=0.03,
    place=(("uk_current", 1.0),),
    place_missing=0.08,
    institution=(("uk", 1.0),),
    institution_missing=0.7,
    removal=(("month", 0.5), ("missing", 0.5)),
    destination="uk",
)


def heldout13_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (13th): household aid registrations expanded by position (serial dates), Russian news "
        "through a lemmatiser (masculine normal forms), English partner lists typed back into Cyrillic",
        PopulationSpec(
            share_institution=0.25,
            share_belarus=0.25,
            family_sizes=(0.42, 0.3, 0.16, 0.08, 0.03, 0.01),
            twin_rate=0.03,
            placed_institution=0.5,
            placed_family=0.1,
            reregistered=0.4,
            family_visibility=0.7,
        ),
        (
            ListSpec(
                "ua_aid_households",
                _AID,
                base=0.35,
                beta=0.7,
                mode_odds=(("institution", 0.15), ("placed", 0.3)),
                duplicates=0.05,
                id_prefix="AID",
            ),
            ListSpec(
                "ru_news_nlp",
                _NEWS,
                base=0.35,
                beta=1.0,
                mode_odds=(("institution", 2.0), ("belarus", 2.0)),
                wave_cover=0.6,
                duplicates=0.2,
                id_prefix="NL",
            ),
            ListSpec("ua_nib_intl", _NIB, base=0.3, beta=0.8, duplicates=0.05, id_prefix="NIB"),
        ),
        output_order=("ua_aid_households", "ru_news_nlp", "ua_nib_intl"),
    )


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _identity(child: Child, shown: bool) -> tuple[int, int, int]:
    """(given, father, surname) indices of the identity a record shows."""
    ident = child.new_identity if shown else None
    if ident is None:
        return child.given, child.father, child.surname
    return ident.given, ident.father, ident.surname


# ---------------------------------------------------------------- household registrations (pairing, serials)

#: share of households whose dates cell was typed youngest first (paired in reverse)
REVERSED = 0.12
#: share of households whose names cell held given names only (the head's family name used)
HEAD_SURNAME = 0.5
#: share of families whose mother (the head) kept her maiden name
MAIDEN = 0.15
#: share of families registered at an office whose files were workbooks (single dates as serials)
XLSX = 0.6
#: days by which a serial converted from 1900-01-01 instead of 1899-12-30 is late
SERIAL_SHIFT = 2
#: the analyst's lower bound for a child's birth date (earlier ones blanked)
EARLIEST_BIRTH = dt.date(1990, 1, 1)


def xlsx_office(seed: int, child: Child) -> bool:
    """Whether ``child``'s family registered at an office whose file was a workbook."""
    return bool(_family_rng(seed, child, 0x584C).random() < XLSX)


def maiden_mother(seed: int, child: Child) -> bool:
    """Whether ``child``'s mother kept her maiden name (fixed per family and seed)."""
    return bool(_family_rng(seed, child, 0x4D44).random() < MAIDEN)


def head_surname(seed: int, child: Child) -> str:
    """The head of household's (the mother's) family name, female Ukrainian form."""
    s = mother_surname_index(child) if maiden_mother(seed, child) else child.surname
    return lx.surname_form(lx.SURNAMES[s], "F", "uk")


def to_serial(day: dt.date) -> int:
    """The spreadsheet's 1900 date serial of ``day`` (1 March 1900 or later)."""
    return (day - dt.date(1899, 12, 30)).days


def from_serial(serial: int) -> dt.date:
    """The analyst's conversion of a serial: days after 1900-01-01 (two days late)."""
    return dt.date(1900, 1, 1) + dt.timedelta(days=serial)


def pair_by_position(n: int, dates: list[str]) -> list[str]:
    """The dates of ``n`` children when the dates cell's pieces are paired with the names
    by position (a cell with fewer dates leaves the last children without one)."""
    return [dates[k] if k < len(dates) else "" for k in range(n)]


def _single_date(value: str) -> str:
    """A lone date cell of a workbook, read as a serial and converted from the wrong origin."""
    if len(value) == 10:
        return from_serial(to_serial(dt.date.fromisoformat(value))).isoformat()
    if len(value) == 4:  # the number 2012 is serial 2012: a day of 1905, blanked
        day = from_serial(int(value))
        return "" if day < EARLIEST_BIRTH else day.isoformat()
    return value


def registered(seed: int, child: Child) -> dt.date:
    """When the family was registered: one month to two years after the removal."""
    return child.removal + dt.timedelta(days=int(_family_rng(seed, child, 0x5245).integers(30, 730)))


def _rewrite_aid(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    households: dict[tuple[int, bool], list[int]] = {}
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        households.setdefault((pop.children[int(child_id)].family, kind == "duplicate"), []).append(j)
    keys: list[tuple[dt.date, float, tuple[int, bool]]] = []
    members: dict[tuple[int, bool], list[int]] = {}
    for key, js in households.items():
        kids = [pop.children[int(truth["child"][j])] for j in js]
        order = [js[k] for k in sorted(range(len(js)), key=lambda k: (kids[k].birth, kids[k].child_id))]
        members[key] = order
        first = pop.children[int(truth["child"][order[0]])]
        day = registered(seed, first) + dt.timedelta(days=int(rng.integers(30, 400)) if key[1] else 0)
        keys.append((day, float(rng.random()), key))
        head = rows[order[0]]
        dates = [rows[j]["birth_date"] for j in order if rows[j]["birth_date"]]
        if rng.random() < REVERSED:
            dates.reverse()
        paired = pair_by_position(len(order), dates)
        if len(order) == 1 and xlsx_office(seed, first):
            paired = [_single_date(paired[0])]
        surname_from_head = rng.random() < HEAD_SURNAME
        for j, birth in zip(order, paired, strict=True):
            rec = rows[j]
            rec["birth_date"] = birth
            if surname_from_head:
                rec["family_name"] = head_surname(seed, first)
            rec["patronymic"] = rec["sex"] = ""
            for k in ("origin_settlement", "origin_institution", "removal_date", "destination"):
                rec[k] = head[k]
            _consistent(rec)
    keys.sort()
    out_order: list[int] = []
    ids: list[str] = []
    for h, (_, _, key) in enumerate(keys):
        for pos, j in enumerate(members[key]):
            out_order.append(j)
            ids.append(f"AID{h + 1:05d}/{pos + 1}")
    return rows, out_order, ids


# ---------------------------------------------------------------- news through a lemmatiser

#: the case a child's name is mentioned in: (case, share)
NEWS_CASES = (("nom", 0.45), ("gen", 0.2), ("acc", 0.25), ("dat", 0.1))
#: cases in which a feminine name in -а / -ия has the form of its masculine name's dative or prepositional
AMBIGUOUS_CASES = ("acc", "dat")
#: Russian feminine given names of the lexicon and the masculine name their accusative and dative share forms with
MASCULINE_OF = {
    "Александра": "Александр",
    "Валерия": "Валерий",
    "Мирослава": "Мирослав",
    "Яна": "Ян",
    "Милана": "Милан",
}
#: diminutives of common gender (the lemma's gender is "ms-f": no sex)
COMMON_GENDER = ("Саша", "Женя")
# dictionary words among the place names whose lemma is not given by the adjective rule
_PLACE_LEMMAS = {"шахты": "шахта", "пологи": "полог", "золотые": "золотой", "пески": "песок", "обл": "область"}
_WORD = re.compile(r"[^\W\d_]+")


def _masculine_adjective(word: str) -> str:
    """The masculine nominative of a (lower-case) feminine, neuter or plural adjective form; other words unchanged."""
    if len(word) < 5:
        return word
    if word.endswith(("ская", "ское", "цкая", "цкое", "кая", "кое", "гая", "гое", "хая", "хое")):
        return word[:-2] + "ий"
    if word.endswith(("ая", "ое", "ые")):
        return word[:-2] + "ый"
    if word.endswith(("яя", "ее", "ие")):
        return word[:-2] + "ий"
    return word


def lemma_place(text: str) -> str:
    """``text`` (a place as the article writes it) lemmatised word by word, then title-cased."""

    def one(m: re.Match[str]) -> str:
        w = m.group(0).lower()
        return _PLACE_LEMMAS.get(w, _masculine_adjective(w))

    return _WORD.sub(one, text.replace("обл.", "обл")).title()


def lemma_name(
    family: str,
    given: str,
    patronymic: str,
    sex: str,
    case: str,
    surname: lx.Surname | None,
    father: lx.FatherName | None,
) -> tuple[str, str, str, str]:
    """The three name fields and the sex after lemmatisation of a mention of a child of
    ``sex`` in ``case``: a female family name and patronymic become masculine (``surname`` /
    ``father``: the names they are forms of; None when unknown), a feminine given name of
    :data:`MASCULINE_OF` in an ambiguous case becomes the masculine one; sex from the given
    name's lemma."""
    if sex == "F" and surname is not None and family == lx.surname_form(surname, "F", "ru"):
        family = lx.surname_form(surname, "M", "ru")
    if sex == "F" and father is not None and patronymic == father.ru_f:
        patronymic = father.ru_m
    if given in MASCULINE_OF and case in AMBIGUOUS_CASES:
        given = MASCULINE_OF[given]
    if not given:
        lemma_sex = ""
    elif given in COMMON_GENDER:
        lemma_sex = ""
    elif given in MASCULINE_OF.values():
        lemma_sex = "M"
    else:
        lemma_sex = sex
    return family, given, patronymic, lemma_sex


def _rewrite_news(
    rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    when: list[tuple[str, float]] = []
    for rec, child_id, shown in zip(rows, truth["child"], truth["new_identity"], strict=True):
        child = pop.children[int(child_id)]
        _, father, surname = _identity(child, bool(shown))
        case = draw(NEWS_CASES, rng)
        rec["family_name"], rec["given_name"], rec["patronymic"], rec["sex"] = lemma_name(
            rec["family_name"],
            rec["given_name"],
            rec["patronymic"],
            child.sex,
            case,
            lx.SURNAMES[surname],
            lx.FATHERS[father],
        )
        for k in ("origin_settlement", "destination"):
            rec[k] = lemma_place(rec[k])
        when.append((rec["removal_date"], float(rng.random())))
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: when[j])
    return rows, order, [f"NL{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- partner lists typed back from Latin

#: the partners whose English lists were typed in: (letter, side (name forms), romanisation, share of families)
PARTNERS = (
    ("A", "uk", "ua_2010", 0.4),
    ("B", "uk", "ua_bgn1965", 0.15),
    ("C", "ru", "ru_bgn", 0.3),
    ("D", "ru", "ru_icao", 0.15),
)
#: share of records whose given name the clerk recognised and wrote in its Ukrainian form
RECOGNISED_GIVEN = 0.5
#: share of origins (settlements of the gazetteer) the clerk recognised and wrote by the official name
RECOGNISED_PLACE = 0.7

_LATIN_VOWELS = set("aeiouy")
# Latin -> Ukrainian Cyrillic, longest first; "y", "i", "yo" have context rules in cyrillise
_BACK = (
    ("shch", "щ"),
    ("zgh", "зг"),
    ("iia", "ія"),
    ("iie", "іє"),
    ("iiu", "ію"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("ye", "є"),
    ("yi", "ї"),
    ("ia", "я"),
    ("iu", "ю"),
    ("ie", "є"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("h", "г"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("x", "кс"),
    ("w", "в"),
    ("c", "к"),
    ("j", "й"),
    ("q", "к"),
)


def _cyrillise_word(word: str) -> str:
    low = word.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if low.startswith("yo", i):  # ё as Ukrainian writes it: йо at the start and after a vowel, ьо after a consonant
            out.append("йо" if not prev or prev in _LATIN_VOWELS else "ьо")
            i += 2
            continue
        if low.startswith("ii", i) and not low.startswith(("iia", "iie", "iiu"), i):
            out.append("ій")
            i += 2
            continue
        for lat, cyr in _BACK:
            if low.startswith(lat, i):
                out.append(cyr)
                i += len(lat)
                break
        else:
            ch = low[i]
            if ch == "y":
                out.append("й" if prev in _LATIN_VOWELS and prev else "и")
            elif ch == "i":
                out.append("й" if prev in _LATIN_VOWELS and prev and (not nxt or nxt not in _LATIN_VOWELS) else "і")
            else:
                out.append(ch)
            i += 1
    text = "".join(out)
    return text[:1].upper() + text[1:]


def cyrillise(text: str) -> str:
    """``text`` (Latin) typed into Ukrainian Cyrillic letter by letter by a Ukrainian clerk,
    each word capitalised (see the module docstring)."""
    return _WORD.sub(lambda m: _cyrillise_word(m.group(0)), text)


def nib_partner(seed: int, child: Child) -> int:
    """Index into :data:`PARTNERS` of the partner whose list carried ``child``'s family."""
    g = _family_rng(seed, child, 0x4E49)
    return int(g.choice(len(PARTNERS), p=[p[3] for p in PARTNERS]))


def typed_back(cyr: str, side: str, system: str) -> str:
    """A name (in its ``side`` form) as the partner romanised it and the clerk typed it back."""
    return cyrillise(romanise(cyr, system, lang=side)) if cyr else ""


_SETTLEMENT_OF = {s.uk: i for i, s in enumerate(pl.SETTLEMENTS)}


def place_typed_back(value: str, side: str, system: str) -> str:
    """An origin (as the harness renders it: a settlement's official name or a Russian town)
    romanised in the partner's list and typed back letter by letter."""
    if value in _SETTLEMENT_OF:
        s = pl.SETTLEMENTS[_SETTLEMENT_OF[value]]
        return cyrillise(romanise(s.uk if side == "uk" else nz.drop_yo(s.ru_src), system, lang=side))
    return cyrillise(romanise(value, system, lang="ru"))


def _rewrite_nib(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[int, float]] = []
    for rec, child_id, kind, shown in zip(rows, truth["child"], truth["kind"], truth["new_identity"], strict=True):
        child = pop.children[int(child_id)]
        p = nib_partner(seed, child)
        if kind == "duplicate":  # the child in another partner's list
            p = (p + 1 + int(rng.integers(len(PARTNERS) - 1))) % len(PARTNERS)
        _, side, system, _ = PARTNERS[p]
        keys.append((p, float(rng.random())))
        given, father, surname = _identity(child, bool(shown))
        g, f = lx.GIVEN[given], lx.FATHERS[father]
        sex = "m" if child.sex == "M" else "f"
        if rec["family_name"]:
            rec["family_name"] = typed_back(lx.surname_form(lx.SURNAMES[surname], child.sex, side), side, system)
        if rng.random() < RECOGNISED_GIVEN:
            rec["given_name"] = g.uk
        else:
            rec["given_name"] = typed_back(g.uk if side == "uk" else g.ru, side, system)
        if rec["patronymic"]:
            rec["patronymic"] = typed_back(getattr(f, f"{side}_{sex}"), side, system)
        place = rec["origin_settlement"]
        if place in _SETTLEMENT_OF and rng.random() < RECOGNISED_PLACE:
            pass  # the official Ukrainian name, as rendered
        elif place:
            rec["origin_settlement"] = place_typed_back(place, side, system)
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: keys[j])
    ids: list[str] = []
    within: dict[int, int] = {}
    for j in order:
        p = keys[j][0]
        within[p] = within.get(p, 0) + 1
        ids.append(f"NIB{PARTNERS[p][0]}-{within[p]:04d}")
    return rows, order, ids


# ---------------------------------------------------------------- the profile


def generate_heldout13(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the THIRTEENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == "ua_aid_households":
            return _rewrite_aid(rows, truth, pop, seed, rng)
        if name == "ru_news_nlp":
            return _rewrite_news(rows, truth, pop, rng)
        if name == "ua_nib_intl":
            return _rewrite_nib(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout13_spec(), n, seed), seed, _TAG, rewrite)
