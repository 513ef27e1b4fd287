"""EIGHTH HELD-OUT error profile ``heldout_school_mvd_courts``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout7` (``heldout_indictment_leak``) as the
profile kept out of tuning, since the seven earlier held-out profiles were run and used to
improve the model.  It is run ONCE, at the end.  ``bench/linkage_harness.py`` runs it only
with ``--heldout8``; the tests only check that it generates valid, deterministic lists with
the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Four lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the seven earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout8`), so the error processes live here and the
shared modules are unchanged.

``ua_edu_register``
    a Ukrainian education authority's export, from the schools' electronic registers, of
    pupils of schools in the areas occupied since 2022 who were reported taken away or lost
    from the roll: official Ukrainian forms from the birth certificate at enrolment (Russian
    ones for the few with Russian documents), full birth dates, sex and patronymic nearly
    always; it sees only SCHOOL-AGE children (6 to 17 at the removal) of settlements that
    had Ukrainian schools until 2022 (a tenth of the families of the areas occupied in 2014,
    whose children studied remotely; :func:`distance_learner`), so whole groups of the
    population are absent, not missed at random.  The schools' exports were merged raion
    office by office; those of about a third of the schools went through a legacy report
    generator with a Russian-only code page (KOI8-R), so every і ї є ґ, the typographic
    apostrophe and the sign № came out as ``?`` in every field of their rows (``Ол?йник``, ``Мар?я``, ``Андр?й``,
    ``Лук?яненко``, ``ЗЗСО ?12``: :func:`koi8_loss`).  The institution field holds the school
    (``Ліцей №12``, ``ЗЗСО №4 м. Маріуполь``), for a child of a children's home the school it
    attended, the institution itself only for boarding schools, so siblings share a value
    and so do unrelated pupils of one school (:func:`school_of`).  The removal date is the
    date of the order striking the pupil off the roll for four in ten (the next 31 May or
    1 September: :func:`struck_off`), the date, the month or nothing for the others; the
    destination is the placeholder ``невідомо`` or ``-`` for most (the school does not
    know), ``РФ`` / ``Російська Федерація`` / ``Республіка Білорусь`` for some.  A pupil
    enrolled since at a school in government-controlled Ukraine or the online
    ``Міжнародна українська школа`` is reported by it too (a duplicate with that school).
``ru_migration_mvd``
    an extract of Russian Interior Ministry migration records (notifications of arrival,
    applications for temporary asylum) of Ukrainian citizens, the children entered on a
    parent's application, all in capitals: for a child who crossed with a Ukrainian
    biometric passport (a fifth of those under six, four in ten of those aged 6 to 13, two in
    three of those aged 14 to 17; only children with Ukrainian documents) the clerk typed the name back into
    Cyrillic from the passport's Latin line (national 2010 system), letter by letter, each
    clerk with his own habits (:func:`recyrillise`: y as ы or и, h as х or г, ia iu ie as я ю
    е or letter for letter, a final -ii as -ий, initial e as э: Mykola МЫКОЛА, Serhii СЕРХИЙ,
    Yehor ЕХОР, Olha ОЛХА, Koval КОВАЛ, Oliinyk ОЛИЙНЫК, Hnatiuk ХНАТЮК), with no patronymic
    (the passport has none) unless the parent gave it (in Russian); the place of birth as
    the passport prints it: the oblast only (``ДОНЕЦЬКА ОБЛ./UKR`` copied, ``ДОНЕЦКАЯ ОБЛ.``
    translated) or ``УКРАИНА``; for the other children the Russian forms of a notarised
    translation of the birth certificate and the birthplace as it gives it (``Г. АРТЕМОВСК,
    ДОНЕЦКАЯ ОБЛ.``, ``ДНР`` for a certificate of the occupation authorities); the date of
    entry on the migration card (days after the removal) or of the asylum application (weeks
    later); the region of stay as destination; a family that moved on registered again in
    another region, later (a duplicate).  Families much more than children of institutions.
``ru_court_rulings``
    a table an investigative team made from Russian court rulings on guardianship,
    adoption and the establishment of legal facts about children from occupied Ukraine,
    published depersonalised: the names reduced to initials in four rulings in ten (family,
    given name and patronymic each as its first letter: ``К.``, ``А.``, ``В.``, of the Russian
    form: Олександр is ``А.``, Єгор ``Е.``, Ілля ``И.``), only the family name reduced in a
    quarter, complete in the rest (a ruling published unredacted); the birth date masked to
    the year (``ДД.ММ.2012``) for over half, complete for a fifth, masked entirely for the
    rest; the birthplace or origin as the ruling names it (``г. Мариуполь, ДНР``, ``г.
    Херсон, Херсонская область``), ``<адрес>`` (empty) for a third; the identity given in Russia
    for most re-registered children (an adoption ruling grants the new name); the ruling's
    date (three months to two years after the removal) as removal date, the court's region
    as destination; a child in two rulings (guardianship, then adoption; first instance and
    appeal) twice, often under two identities.  Placed children most.
``mt_annex_en``
    the annex of an advocacy coalition's submission to a UN body, assembled from three
    partners' spreadsheets (two Ukrainian-language, one Russian-language) that were pasted
    whole into an online machine translator and lightly post-edited: names and places the
    engine knows as words translated as words for about half the rows (:func:`mt_word`:
    Мельник Miller, Коваль Smith, Мороз Frost, Вовк Wolf, Кравець Tailor, Білий White,
    Надія Hope, Любов Love, Роман Novel, Лев Lion; Нова Каховка New Kakhovka, Гола Пристань
    Naked Pier, Пологи Childbirth, Ізюм Raisins, Хрустальний Crystal, Красный Луч Red Ray),
    the rest transliterated by the engine (national system for Ukrainian forms, a
    press-style one for Russian forms) or given the English name (Alexander, Catherine);
    ``m.`` / ``g.`` / ``city of`` before a town, ``... region`` or ``DPR`` after it; the
    partners' blocks one after another, each sorted by family name; in the Ukrainian partner
    ``B`` block, the birth-date column was pasted one row low for a stretch of rows
    (:func:`shift_column`): each record there has the birth date of the record above it,
    often a sibling (the block is sorted by family name), and the stretch's first record none.
    Partial dates, a removal month or nothing, the destination country or region in English.
    Children of the Belarus programme more than others.

Population: fewer children from institutions than the tuning profiles, a fifth sent to
Belarus, families of two or three children common, half of the placed children
re-registered, capture more strongly shared within families.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import ListSpec, Style
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists
from .romanise import WORD, is_cyrillic, romanise

NAME = "heldout_school_mvd_courts"
_TAG = 0x48_38  # this module's random streams (rewriting), apart from build()'s

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_EDU = Style(  # eligibility, code page, school, removal and destination rewritten by _rewrite_edu
    name_lang=(("uk", 1.0),), follow_ru_docs=0.8, typo=0.005, layout="uk", patronymic_missing=0.02,
    birth=(("day", 0.98), ("missing", 0.02)), digit_slip=0.01,
    place=(("uk_current", 1.0),), place_prefix=(("type", 0.6), ("none", 0.2), ("oblast", 0.2)), place_missing=0.02,
)
_MVD = Style(  # passport names, place of birth, dates and region rewritten by _rewrite_mvd
    name_lang=(("ru", 1.0),), drop_yo=1.0, typo=0.01, layout="ru", upper=1.0, patronymic_missing=0.05,
    birth=(("day", 0.98), ("missing", 0.02)), institution_missing=1.0, destination="place_ru",
)
_COURT = Style(  # depersonalisation, places and dates rewritten by _rewrite_court
    name_lang=(("ru", 1.0),), show_new_identity=0.7, drop_yo=0.6, typo=0.005, layout="ru", patronymic_missing=0.03,
    birth=(("day", 1.0),), birthplace_as_origin=0.5, place=(("ru_src", 1.0),), place_prefix=(("type", 1.0),),
    institution=(("ru_legal", 0.7), ("ru", 0.3)), institution_missing=0.6, destination="place_ru",
)
_ANNEX = Style(  # every text field machine-translated by _rewrite_annex
    name_lang=(("uk", 0.65), ("ru", 0.35)), follow_ru_docs=0.5, typo=0.01, layout="uk", patronymic_missing=0.5,
    birth=(("day", 0.6), ("year", 0.3), ("missing", 0.1)), sex_missing=0.1,
    removal=(("month", 0.6), ("missing", 0.4)),
)


def heldout8_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (8th): a Ukrainian school-register export through a Russian code page, Russian migration "
              "records re-Cyrillised from passports, depersonalised Russian court rulings, a machine-translated annex",
        PopulationSpec(share_institution=0.15, share_belarus=0.2, family_sizes=(0.45, 0.3, 0.15, 0.07, 0.02, 0.01),
                       twin_rate=0.025, placed_institution=0.55, placed_family=0.12, reregistered=0.5,
                       family_visibility=0.7),
        (
            ListSpec("ua_edu_register", _EDU, base=0.7, beta=0.6, mode_odds=(("belarus", 1.5),), duplicates=0.04,
                     id_prefix="EDU"),
            ListSpec("ru_migration_mvd", _MVD, eligible="russia", base=0.15, beta=0.7,
                     mode_odds=(("family", 4.0), ("institution", 0.3)), duplicates=0.06, id_prefix="MVD"),
            ListSpec("ru_court_rulings", _COURT, eligible="russia", base=0.08, beta=0.5,
                     mode_odds=(("placed", 20.0), ("institution", 2.0)), duplicates=0.1, id_prefix="SUD"),
            ListSpec("mt_annex_en", _ANNEX, base=0.25, beta=0.9, mode_odds=(("belarus", 3.0),), wave_cover=0.7,
                     duplicates=0.05, id_prefix="ANX"),
        ),
        output_order=("ua_edu_register", "ru_migration_mvd", "ru_court_rulings", "mt_annex_en"),
    )


TEXT = ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution", "destination")
NAMES = ("family_name", "given_name", "patronymic")


def _consistent(rec: dict[str, str]) -> None:
    """Blank a removal date before the birth date at the precision both have (the input
    schema refuses such rows), as :mod:`.lists` does."""
    b, r = rec["birth_date"], rec["removal_date"]
    if b and r:
        n = min(len(b), len(r))
        if r[:n] < b[:n]:
            rec["removal_date"] = ""


def _name_lang(rec: dict[str, str], child: Child) -> str:
    """``ru`` when the record's given name is the Russian form (and differs from the
    Ukrainian) or its letters are Russian-only, ``uk`` otherwise."""
    g = lx.GIVEN[child.given]
    if rec["given_name"] == g.ru and g.ru != g.uk:
        return "ru"
    low = " ".join(rec[k] for k in NAMES).lower()
    if any(ch in low for ch in "іїєґ'’ʼ`"):
        return "uk"
    return "ru" if any(ch in low for ch in "ыэъё") else "uk"


# ---------------------------------------------------------------- Ukrainian school registers

#: what a Russian-only code page (KOI8-R) has no byte for comes back as this
KOI8_LOST = "?"
#: the share of schools whose export went through the KOI8-R report generator
LOSSY_SHARE = 0.35


def koi8_loss(text: str) -> str:
    """``text`` after a round trip through the KOI8-R code page: і ї є ґ (either case), the
    typographic apostrophes and № become ``?``; Russian letters and ASCII survive."""
    return text.encode("koi8_r", errors="replace").decode("koi8_r")


def school_age(child: Child) -> bool:
    """Of school age at the removal: 6 to 17 full years."""
    return 6 <= nz.age_at(child.birth, child.removal) <= 17


def distance_learner(child: Child) -> bool:
    """A family of the areas occupied in 2014-2015 whose children still studied remotely at a
    Ukrainian school (one in ten); fixed per family, drawing no random number of a list."""
    return bool(np.random.default_rng([child.family, 0x444C]).random() < 0.1)


def edu_eligible(child: Child) -> bool:
    """The school register can know ``child``: school age, and a settlement with Ukrainian
    schools until 2022 or a distance learner."""
    occupied = pl.SETTLEMENTS[child.origin].occupied
    return school_age(child) and (occupied >= 2022 or distance_learner(child))


_SCHOOL_KINDS = ("ЗЗСО", "Ліцей", "Гімназія", "ЗОШ І-ІІІ ступенів")
_BOARDING = {"boarding", "special", "sanatorium"}


def school_of(child: Child, pop: Population) -> tuple[str, int]:
    """The school ``child`` attended (kind, number): fixed per family (or per institution for
    a child of a children's home, shelter or centre), so siblings share it; a town's
    schools are few, so unrelated pupils share it too."""
    s = pl.SETTLEMENTS[child.origin]
    key = child.institution + 1_000_000 if child.institution >= 0 else child.family
    n = 1 + int(np.random.default_rng([key, child.origin, 0x5348]).integers(max(3, int(1.5 * s.weight))))
    kind = _SCHOOL_KINDS[int(np.random.default_rng([child.origin, n, 0x534B]).integers(len(_SCHOOL_KINDS)))]
    return kind, n


def struck_off(removal: dt.date) -> dt.date:
    """The date of the order striking a pupil off the roll: the first 31 May or 1 September
    after the removal."""
    for year in (removal.year, removal.year + 1):
        for month, day in ((5, 31), (9, 1)):
            d = dt.date(year, month, day)
            if d > removal:
                return d
    raise AssertionError("unreachable")


_EDU_DEST = {"RU": ("РФ", "Російська Федерація"), "BY": ("Республіка Білорусь", "Білорусь")}
ONLINE_SCHOOL = "Міжнародна українська школа"


def _rewrite_edu(rows: Rows, truth: pd.DataFrame, pop: Population,
                 rng: np.random.Generator) -> tuple[Rows, list[int]]:
    """The merged export (see the module docstring); the kept rows in file order."""
    keep: list[int] = []
    office: dict[int, str] = {}
    unit: dict[int, str] = {}  # the school whose export the row came in
    for j, (rec, child_id, kind) in enumerate(zip(rows, truth["child"], truth["kind"], strict=True)):
        child = pop.children[int(child_id)]
        if not edu_eligible(child):
            continue
        keep.append(j)
        office[j] = pl.raion(child.origin, "en")
        inst = pop.institutions[child.institution] if child.institution >= 0 else None
        if kind == "duplicate":  # the school that enrolled the pupil since
            if rng.random() < 0.4:
                rec["origin_institution"] = ONLINE_SCHOOL
            else:
                city = pl.HOST_CITIES[int(rng.integers(len(pl.HOST_CITIES)))][0]
                rec["origin_institution"] = f"{_SCHOOL_KINDS[int(rng.integers(3))]} №{int(rng.integers(1, 90))} м. {city}"
            office[j] = unit[j] = rec["origin_institution"]
        elif inst is not None and pl.INSTITUTION_KINDS[inst.kind].key in _BOARDING:
            rec["origin_institution"] = pl.institution_name(inst, "uk")
            unit[j] = f"i{child.institution}"
        else:
            school, n = school_of(child, pop)
            town = f" м. {pl.SETTLEMENTS[child.origin].uk}" if rng.random() < 0.4 else ""
            rec["origin_institution"] = f"{school} №{n}{town}"
            unit[j] = f"s{child.origin}-{n}"
        u = rng.random()
        if u < 0.4:
            rec["removal_date"] = nz.iso(struck_off(child.removal))
        elif u < 0.65:
            rec["removal_date"] = nz.iso(child.removal)
        elif u < 0.85:
            rec["removal_date"] = nz.iso(child.removal, "month")
        else:
            rec["removal_date"] = ""
        u = rng.random()
        country = pl.DESTINATIONS[child.destination].country
        if u < 0.5:
            rec["destination"] = "невідомо"
        elif u < 0.62:
            rec["destination"] = "-"
        elif u < 0.95:
            forms = _EDU_DEST[country]
            rec["destination"] = forms[int(rng.integers(len(forms)))]
        else:
            rec["destination"] = ""
        _consistent(rec)
    lossy = {x for x in sorted(set(unit.values())) if rng.random() < LOSSY_SHARE}  # exported through KOI8-R
    for j in keep:
        if unit[j] in lossy:
            for k in TEXT:
                rows[j][k] = koi8_loss(rows[j][k])
    order = sorted(keep, key=lambda j: (office[j], unit[j]))  # the schools' exports, office by office
    return rows, order


# ---------------------------------------------------------------- Russian migration records

_LAT_DIGRAPHS = {"zh": "ж", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш"}
_LAT_IOT = {"ya": "я", "yu": "ю", "ye": "е", "yi": "и", "yo": "йо"}  # yi: an initial ї
_LAT_I_IOT = {"ia": "я", "iu": "ю", "ie": "е", "io": "ё"}
_LAT_ONE = {"a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "k": "к", "l": "л",
            "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф", "c": "ц",
            "j": "й", "w": "в", "q": "к", "x": "кс"}
_LAT_VOWELS = set("aeiouy")


def recyrillise(text: str, *, y_as: str = "ы", h_as: str = "х", iotated: bool = True) -> str:
    """A Latin name (the national 2010 romanisation of a Ukrainian passport) typed back into
    Cyrillic by a Russian clerk, letter by letter, in capitals.

    ``y_as``: the clerk's letter for y (``ы`` as read, ``и`` by a clerk who knows it stands
    for Ukrainian и); before a vowel y is й.  ``h_as``: ``х`` as read or ``г``.
    ``iotated``: ia iu ie io read as я ю е ё (otherwise letter for letter: иа иу ие).  Always:
    shch щ, zh ж, kh х, ts ц, ch ч, sh ш, ya я, yu ю, ye е; i after a vowel and before a
    consonant or the end й (Zaika ЗАЙКА); a final -ii -ий (Serhii СЕРХИЙ); an initial e э.
    The soft sign and the apostrophe the romanisation dropped stay lost (Koval КОВАЛ); ё is
    written е (the register's practice).
    """
    s = text.lower()
    out: list[str] = []
    i = 0
    while i < len(s):
        ch = s[i]
        prev = s[i - 1] if i else ""
        nxt = s[i + 1] if i + 1 < len(s) else ""
        start = not prev.isalpha()
        two = s[i:i + 2]
        if s.startswith("shch", i):
            out.append("щ")
            i += 4
        elif two in _LAT_DIGRAPHS:
            out.append(_LAT_DIGRAPHS[two])
            i += 2
        elif two == "yi" and not start:  # -ий (Rudyi, Kovalevskyi): и as the clerk reads y, then й
            out.append(y_as + "й")
            i += 2
        elif two in _LAT_IOT:
            out.append(_LAT_IOT[two])
            i += 2
        elif ch == "i" and nxt == "i" and not s[i + 2:i + 3].isalpha():
            out.append("ий")
            i += 2
        elif iotated and two in _LAT_I_IOT and not start:
            out.append(_LAT_I_IOT[two])
            i += 2
        elif ch == "i" and prev in _LAT_VOWELS and prev and nxt not in _LAT_VOWELS:
            out.append("й")
            i += 1
        elif ch == "y":
            out.append("й" if nxt in _LAT_VOWELS and nxt else y_as)
            i += 1
        elif ch == "h":
            out.append(h_as)
            i += 1
        elif ch == "e" and start:
            out.append("э")
            i += 1
        else:
            out.append(_LAT_ONE.get(ch, ch))
            i += 1
    return "".join(out).replace("ё", "е").upper()


def passport_share(child: Child) -> float:
    """The chance a child crossed with a Ukrainian biometric passport, by age at the removal
    (none with documents of the occupation authorities or Russia)."""
    if child.doc_lang != "uk":
        return 0.0
    age = nz.age_at(child.birth, child.removal)
    return 0.2 if age < 6 else 0.4 if age < 14 else 0.65


def passport_birthplace(child: Child, rng: np.random.Generator) -> str:
    """The place of birth as a Ukrainian biometric passport prints it (the oblast and the
    country code), as the clerk copies it, translates it, or keeps the country only."""
    ob = pl.OBLASTS[pl.SETTLEMENTS[child.birthplace].oblast]
    u = rng.random()
    if u < 0.35:
        return f"{ob['uk'].upper()}/UKR"
    if u < 0.8:
        return ob["ru"].upper()
    return "УКРАИНА"


def _rewrite_mvd(rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator) -> Rows:
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        if rng.random() < passport_share(child):
            y_as = "ы" if rng.random() < 0.6 else "и"
            h_as = "х" if rng.random() < 0.7 else "г"
            iotated = rng.random() < 0.7
            family = romanise(lx.surname_form(lx.SURNAMES[child.surname], child.sex, "uk"), "ua_2010")
            given = romanise(lx.GIVEN[child.given].uk, "ua_2010")
            rec["family_name"] = recyrillise(family, y_as=y_as, h_as=h_as, iotated=iotated)
            rec["given_name"] = recyrillise(given, y_as=y_as, h_as=h_as, iotated=iotated)
            f = lx.FATHERS[child.father]
            rec["patronymic"] = nz.drop_yo(f.ru_m if child.sex == "M" else f.ru_f).upper() if rng.random() < 0.3 else ""
            rec["origin_settlement"] = passport_birthplace(child, rng)
        else:
            s = pl.SETTLEMENTS[child.birthplace]
            region = pl.OBLASTS[s.oblast]["ru_occ" if child.doc_lang == "ru" else "ru"]
            town = f"Г. {nz.drop_yo(s.ru_src).upper()}"
            rec["origin_settlement"] = f"{town}, {region.upper()}" if rng.random() < 0.6 else town
        if kind == "duplicate":  # registered again in another region, later
            others = [int(i) for i in pl.RU_DEST if int(i) != child.destination]
            dest = others[int(rng.integers(len(others)))]
            rec["destination"] = pl.DESTINATIONS[dest].ru.upper()
            day = child.removal + dt.timedelta(days=int(rng.integers(30, 300)))
        else:
            rec["destination"] = pl.DESTINATIONS[child.destination].ru.upper()
            lag = int(rng.integers(0, 4)) if rng.random() < 0.75 else int(rng.integers(5, 91))
            day = child.removal + dt.timedelta(days=lag)
        rec["removal_date"] = nz.iso(day)
        _consistent(rec)
    return rows


# ---------------------------------------------------------------- Russian court rulings

_RULING_REGION = {"D": "ДНР", "L": "ЛНР", "K": "Херсонская область", "Z": "Запорожская область",
                  "H": "Харьковская обл.", "KR": "Кировоградская обл.", "DP": "Днепропетровская обл."}
DEPERSONALISED = ("initials", "family", "none")


def initial(word: str) -> str:
    """A name reduced to its first letter and a full stop (``""`` stays empty)."""
    return f"{word[:1].upper()}." if word else ""


def _ruling_place(child: Child, new_identity: bool, rng: np.random.Generator) -> str:
    ident = child.new_identity if new_identity else None
    if ident is not None and ident.birthplace and rng.random() < 0.6:
        return f"г. {ident.birthplace}"
    s = pl.SETTLEMENTS[child.birthplace if rng.random() < 0.5 else child.origin]
    town = nz.drop_yo(s.ru_src) if rng.random() < 0.6 else s.ru_src
    return f"г. {town}, {_RULING_REGION[s.oblast]}" if rng.random() < 0.7 else f"г. {town}"


def _rewrite_court(rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator) -> Rows:
    for rec, child_id, new in zip(rows, truth["child"], truth["new_identity"], strict=True):
        child = pop.children[int(child_id)]
        u = rng.random()
        if u < 0.4:
            for k in NAMES:
                rec[k] = initial(rec[k])
        elif u < 0.65:
            rec["family_name"] = initial(rec["family_name"])
        u = rng.random()
        if rec["birth_date"] and u < 0.55:
            rec["birth_date"] = rec["birth_date"][:4]
        elif u >= 0.75:
            rec["birth_date"] = ""
        rec["origin_settlement"] = "" if rng.random() < 0.33 else _ruling_place(child, bool(new), rng)
        rec["removal_date"] = nz.iso(child.removal + dt.timedelta(days=int(rng.integers(90, 731))))
        _consistent(rec)
    return rows


# ---------------------------------------------------------------- machine-translated annex

#: words an online translator renders as English words (Ukrainian and Russian forms)
MT_WORDS: dict[str, str] = {
    "мельник": "Miller", "коваль": "Smith", "мороз": "Frost", "вовк": "Wolf", "волк": "Wolf", "гончар": "Potter",
    "швець": "Shoemaker", "швец": "Shoemaker", "кравець": "Tailor", "кравец": "Tailor", "бондар": "Cooper",
    "бондарь": "Cooper", "кучер": "Coachman", "кушнір": "Furrier", "кушнир": "Furrier", "литвин": "Lithuanian",
    "заїка": "Stutterer", "заика": "Stutterer", "білий": "White", "біла": "White", "белый": "White",
    "белая": "White", "чорний": "Black", "чорна": "Black", "черный": "Black", "черная": "Black", "сірий": "Gray",
    "сіра": "Gray", "серый": "Gray", "серая": "Gray", "рудий": "Red", "руда": "Red", "рыжий": "Red",
    "рыжая": "Red", "надія": "Hope", "надежда": "Hope", "віра": "Faith", "вера": "Faith", "любов": "Love",
    "любовь": "Love", "роман": "Novel", "лев": "Lion", "платон": "Plato", "злата": "Golden",
}
#: settlements an online translator renders as English words (current Ukrainian and Russian-source forms)
MT_PLACES: dict[str, str] = {
    "Нова Каховка": "New Kakhovka", "Новая Каховка": "New Kakhovka", "Гола Пристань": "Naked Pier",
    "Голая Пристань": "Naked Pier", "Пологи": "Childbirth", "Ізюм": "Raisins", "Изюм": "Raisins",
    "Хрустальний": "Crystal", "Красный Луч": "Red Ray", "Антрацит": "Anthracite", "Сніжне": "Snowy",
    "Снежное": "Snowy",
}
_MT_REGION_UK = {"D": "Donetsk region", "L": "Luhansk region", "K": "Kherson region", "Z": "Zaporizhzhia region",
                 "H": "Kharkiv region", "KR": "Kirovohrad region", "DP": "Dnipropetrovsk region"}
_MT_REGION_RU = {"D": "DPR", "L": "LPR", "K": "Kherson region", "Z": "Zaporozhye region", "H": "Kharkov region",
                 "KR": "Kirovograd region", "DP": "Dnepropetrovsk region"}
ANNEX_BLOCKS = ("A", "B", "C")  # two Ukrainian-language partners, one Russian-language
SHIFTED_BLOCK = "B"


def mt_word(word: str) -> str | None:
    """The English word a translator gives for a Cyrillic name that is also a word (case of
    the first letter kept, capitals kept), None for other names."""
    out = MT_WORDS.get(word.lower())
    if out is None:
        return None
    return out.upper() if len(word) > 1 and word.isupper() else out


def _mt_name(text: str, lang: str, words: bool, english: str, rng: np.random.Generator) -> str:
    """A name field as the translator gives it: a word-name as a word (``words``), a given
    name the engine knows as its English name (``english``, else ""), the rest transliterated."""
    system = "ua_2010" if lang == "uk" else "ru_bgn"

    def one(m: re.Match[str]) -> str:
        w = m.group(0)
        if not is_cyrillic(w):
            return w
        if words and (t := mt_word(w)) is not None:
            return t
        if english:
            return english.upper() if len(w) > 1 and w.isupper() else english
        return romanise(nz.drop_yo(w) if lang == "ru" else w, system, lang="ru" if lang == "ru" else "uk")
    return WORD.sub(one, text)


def _mt_place(child: Child, lang: str, words: bool, rng: np.random.Generator) -> str:
    s = pl.SETTLEMENTS[child.origin]
    if rng.random() < 0.08:
        return ""
    src = s.ru_src if lang == "ru" else s.uk
    name = MT_PLACES.get(src) if words else None
    if name is None:
        name = romanise(nz.drop_yo(src), "ru_bgn") if lang == "ru" else romanise(src, "ua_2010")
    u = rng.random()
    if u < 0.3:
        name = f"{'g.' if lang == 'ru' else 'm.'} {name}"
    elif u < 0.5:
        name = f"city of {name}"
    if rng.random() < 0.3:
        name = f"{name}, {(_MT_REGION_RU if lang == 'ru' else _MT_REGION_UK)[s.oblast]}"
    return name


def _mt_destination(child: Child, rng: np.random.Generator) -> str:
    d = pl.DESTINATIONS[child.destination]
    u = rng.random()
    if u < 0.45:
        return pl.COUNTRY[d.country]["en"]
    if u < 0.75:
        return d.en.replace(" Oblast", " region").replace(" Region", " region")
    return ""


def shift_column(values: list[str], start: int, stop: int) -> list[str]:
    """``values`` after the cells of rows ``start .. stop - 1`` were pasted one row low: rows
    ``start + 1 .. stop`` hold the value of the row above, row ``start`` is empty (the value of
    row ``stop`` is lost); rows outside are unchanged."""
    out = list(values)
    stop = min(stop, len(values) - 1)
    if start < stop:
        out[start + 1:stop + 1] = values[start:stop]
        out[start] = ""
    return out


def _rewrite_annex(rows: Rows, truth: pd.DataFrame, pop: Population,
                   rng: np.random.Generator) -> tuple[Rows, list[int], list[str]]:
    """The annex (see the module docstring), the rows in file order, their ids."""
    blocks = []
    for rec, child_id in zip(rows, truth["child"], strict=True):
        child = pop.children[int(child_id)]
        lang = _name_lang(rec, child)
        words = rng.random() < 0.5  # the engine took the row's names for words
        g = lx.GIVEN[child.given]
        p_en = 0.35 if lang == "ru" else 0.15
        english = g.en if rec["given_name"] and rng.random() < p_en and rec["given_name"].lower() in {
            g.uk.lower(), g.ru.lower()} else ""
        rec["family_name"] = _mt_name(rec["family_name"], lang, words, "", rng)
        rec["given_name"] = _mt_name(rec["given_name"], lang, words, english, rng)
        rec["patronymic"] = _mt_name(rec["patronymic"], lang, False, "", rng)
        rec["origin_settlement"] = _mt_place(child, lang, words, rng)
        if child.institution >= 0 and rng.random() < 0.5:
            inst = pop.institutions[child.institution]
            town = romanise(pl.SETTLEMENTS[inst.settlement].uk if lang == "uk" else
                            nz.drop_yo(pl.SETTLEMENTS[inst.settlement].ru_src), "ua_2010" if lang == "uk" else "ru_bgn")
            kind = pl.institution_name(inst, "en_base")
            rec["origin_institution"] = f"{town} {kind if rng.random() < 0.6 else kind.replace('No. ', '№')}"
        else:
            rec["origin_institution"] = ""
        rec["destination"] = _mt_destination(child, rng)
        blocks.append("C" if lang == "ru" else "A" if rng.random() < 0.5 else "B")
    order: list[int] = []
    ids: list[str] = []
    for b in ANNEX_BLOCKS:
        js = sorted((j for j in range(len(rows)) if blocks[j] == b), key=lambda j: rows[j]["family_name"].casefold())
        if b == SHIFTED_BLOCK and len(js) > 10:
            start = int(rng.integers(0, len(js) // 3))
            stop = start + int(len(js) * rng.uniform(0.3, 0.5))
            shifted = shift_column([rows[j]["birth_date"] for j in js], start, stop)
            for j, v in zip(js, shifted, strict=True):
                rows[j]["birth_date"] = v
        order.extend(js)
        ids.extend(f"ANX-{b}{r + 1:04d}" for r in range(len(js)))
    for rec in rows:
        _consistent(rec)
    return rows, order, ids


# ---------------------------------------------------------------- the profile


def generate_heldout8(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the EIGHTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator,
                ids: list[str]) -> tuple[Rows, list[int], list[str]]:
        order = list(range(len(rows)))
        if name == "ua_edu_register":
            rows, order = _rewrite_edu(rows, truth, pop, rng)
            ids = [ids[j] for j in order]
        elif name == "ru_migration_mvd":
            rows = _rewrite_mvd(rows, truth, pop, rng)
        elif name == "ru_court_rulings":
            rows = _rewrite_court(rows, truth, pop, rng)
        elif name == "mt_annex_en":
            rows, order, ids = _rewrite_annex(rows, truth, pop, rng)
        else:
            raise ValueError(f"no rewriting for list {name!r}")
        return rows, order, ids

    return rewrite_lists(build(heldout8_spec(), n, seed), seed, _TAG, rewrite)
