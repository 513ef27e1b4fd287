"""NINTH HELD-OUT error profile ``heldout_legacy_vk_kobo_vlookup``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaced :mod:`.heldout8` (``heldout_school_mvd_courts``) as the
profile kept out of tuning, since the eight earlier held-out profiles were run and used to
improve the model, and was run ONCE; :mod:`.heldout10` (``heldout_excel_mojibake_pdf``) now
replaces it as the profile kept out of tuning.  ``bench/linkage_harness.py`` runs it only
with ``--heldout9``; the tests only check that it generates valid, deterministic lists with
the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Four lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the eight earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout9`), so the error processes live here and the
shared modules are unchanged.

``ua_eias_export``
    an export of a Ukrainian state information system on children deprived of parental
    care (orphans, children of institutions and under guardianship), merged from the oblast
    databases through a legacy fixed-width / DBF step whose text fields are limited in BYTES
    while the text is UTF-8 (two bytes per Cyrillic letter): every field is cut at its byte
    limit (:data:`BYTE_LIMITS`, :func:`truncate_bytes`): family name 20 bytes (ten letters:
    ``Мельниченк``), given name 16 (``Анастасі``, ``Єлизавет``), patronymic 20 (every
    patronymic longer than ten letters, a third of them: ``Олександрі``, ``Володимиро``),
    settlement 20 (``Сєвєродоне``), institution 40; a cut in the middle of a letter drops
    the letter.  A birth date left empty in the system is exported
    as the database's zero date ``1900-01-01`` (:data:`NULL_DATE`).  The Luhansk oblast
    database, rebuilt after its relocation, codes sex 1 = female where the others code 1 =
    male, and the merge mapped the codes alike: every child of a Luhansk-oblast office has
    the sex inverted (:data:`INVERTED_SEX_OBLAST`).  Children of institutions and placed
    children much more than others; official Ukrainian forms (Russian for some children with
    Russian documents), the settlement under its pre-2016 name (as the child's birth
    certificate has it) for some; a child registered by two offices twice.
``ru_vk_osint``
    an OSINT team's table of children found on a Russian social network (profiles of
    children moved to Russia): only children old enough to have a profile (9 or older at
    the removal, :func:`has_profile`); the display name: Russian forms, a diminutive for a
    quarter (Настя, Даша), in Latin (press romanisation: ``Nastya Kovalenko``) for about one
    in eight, no family name or a nickname instead of it (``Солнышко``, ``Котик``:
    :data:`NICKNAMES`) for some, the foster family's surname for most re-registered
    children; never a patronymic; the birth date hidden (or day and month only) for more
    than half, and where it is shown, a child who opened the account under 14 (the
    network's minimum age) made the year earlier so the profile said 14 (:func:`age_gate`:
    the day and month true, the year one to three years early); the profile's city: the
    Russian town where the child lives now (fixed per family, :func:`current_city`) for four
    in ten, the home town in its Russian form for a third, empty for the rest, all in the
    origin column; the date of the first post from Russia (weeks to months after the
    removal) as removal date; the region of the current city as destination.  A child with
    an old account from before the removal has a second row (Ukrainian forms of the names,
    the home town in Ukrainian, no removal date, never the new identity).
``ua_kobo_survey``
    a humanitarian NGO's protection-monitoring survey, filled on phones (KoBoToolbox-style
    form) by enumerators interviewing relatives of children taken away: Ukrainian forms
    (Russian for some respondents), typed on a phone (typos), patronymic often skipped; the
    settlement a drop-down (``select_one``) of the larger settlements in alphabetical order:
    the entry next to the right one picked by a slip of the finger for some
    (:func:`dropdown_slip`), ``Інше`` / ``other`` (a settlement not on the form's list) with
    the enumerator's free text merged in for half of those; the birth date from a date
    widget whose default is the interview date, left unchanged for some (the birth date is
    then the interview date), the year wheel one off for some; the submissions exported in
    two batches: before :data:`SWITCH` with the choices' labels, after it with the choices'
    XML names, so for the later batch the settlement is a slug (``nova_kakhovka``,
    ``kupiansk``: :func:`slug`) and the destination a code (``russia``, ``belarus``,
    ``tot``, ``dont_know``) instead of the Ukrainian labels; rows in submission order,
    numbered by the export's index; a child reported by two relatives twice.  Families much
    more than institutions.
``ua_shtab_vlookup``
    a consolidated table of a Ukrainian coordination headquarters, compiled from names the
    hromadas reported (Ukrainian forms typed by clerks, Russian forms where the hromada
    wrote them, typos, apostrophe variants); the birth dates were added afterwards from the
    children's services' table with a spreadsheet lookup on the full name (family, given,
    patronymic) whose match type was left at its default (approximate match on a sorted
    table, :func:`approx_lookup`): a name found exactly gets the first row of that name (an
    unrelated namesake's date for homonyms), a name not found (a typo, a Russian form, a
    missing patronymic, a child the services do not know) gets the birth date of the row
    just before it in alphabetical order (a sibling's for about one in eight of them,
    otherwise an unrelated child's whose name sorts just before), and a name before the
    table's first row none (``#Н/Д``, emptied); four children in ten carry a wrong date.
    A child reported by two hromadas twice.

Population: fewer children sent to Belarus than the tuning profiles, more children of
institutions placed in Russia and re-registered, families of two or three common.
"""

from __future__ import annotations

import bisect
import datetime as dt

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists
from .romanise import romanise

NAME = "heldout_legacy_vk_kobo_vlookup"
_TAG = 0x48_39  # this module's random streams (rewriting), apart from build()'s

NAMES = ("family_name", "given_name", "patronymic")

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_EIAS = Style(  # byte limits, zero dates and the sex codes rewritten by _rewrite_eias
    name_lang=(("uk", 1.0),), follow_ru_docs=0.4, typo=0.01, layout="uk", patronymic_missing=0.02,
    birth=(("day", 0.92), ("missing", 0.08)), digit_slip=0.005,
    place=(("uk_current", 0.7), ("uk_doc", 0.3)), place_prefix=(("none", 0.7), ("type", 0.3)), place_missing=0.03,
    institution=(("uk", 1.0),), institution_missing=0.25, removal=(("exact", 0.6), ("month", 0.2), ("missing", 0.2)),
    destination="uk",
)
_VK = Style(  # display names, dates and cities rewritten by _rewrite_vk
    name_lang=(("ru", 0.75), ("dim", 0.25)), show_new_identity=0.8, drop_yo=0.7, typo=0.01, layout="ru",
    patronymic_missing=1.0, birth=(("day", 1.0),), place=(("ru_src", 1.0),), institution_missing=1.0,
    destination="place_ru",
)
_KOBO = Style(  # drop-downs, the date widget and the export batches rewritten by _rewrite_kobo
    name_lang=(("uk", 0.85), ("ru", 0.15)), typo=0.04, layout="uk", patronymic_missing=0.45,
    birth=(("day", 0.75), ("year", 0.1), ("missing", 0.15)), place=(("uk_current", 1.0),),
    institution_missing=1.0, removal=(("month", 0.5), ("exact", 0.3), ("missing", 0.2)), destination="uk",
)
_SHTAB = Style(  # birth dates replaced by the lookup in _rewrite_shtab
    name_lang=(("uk", 1.0),), follow_ru_docs=0.5, typo=0.03, layout="uk", apostrophes=0.5, patronymic_missing=0.06,
    birth=(("day", 1.0),), place=(("uk_current", 1.0),), place_prefix=(("type", 0.5), ("none", 0.5)),
    place_missing=0.04, institution=(("uk_short", 1.0),), institution_missing=0.7,
    removal=(("exact", 0.5), ("month", 0.3), ("missing", 0.2)), destination="uk",
)


def heldout9_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (9th): a byte-truncated Ukrainian state-system export, children's social-network "
              "profiles, a phone survey exported with choice codes, a table filled by an approximate lookup",
        PopulationSpec(share_institution=0.3, share_belarus=0.1, family_sizes=(0.5, 0.28, 0.12, 0.06, 0.03, 0.01),
                       twin_rate=0.03, placed_institution=0.55, placed_family=0.1, reregistered=0.45,
                       family_visibility=0.5),
        (
            ListSpec("ua_eias_export", _EIAS, base=0.3, beta=0.6, mode_odds=(("institution", 6.0), ("placed", 2.0)),
                     duplicates=0.03, id_prefix="EIAS"),
            ListSpec("ru_vk_osint", _VK, eligible="russia", base=0.3, beta=0.9, mode_odds=(("family", 2.0),),
                     duplicates=0.08, id_prefix="VK"),
            ListSpec("ua_kobo_survey", _KOBO, base=0.3, beta=0.7,
                     mode_odds=(("institution", 0.2), ("belarus", 1.5)), duplicates=0.08, id_prefix="KB"),
            ListSpec("ua_shtab_vlookup", _SHTAB, base=0.4, beta=0.8, duplicates=0.04, id_prefix="SH"),
        ),
        output_order=("ua_eias_export", "ru_vk_osint", "ua_kobo_survey", "ua_shtab_vlookup"),
    )


#: the alphabetical order a Ukrainian spreadsheet sorts by (Ukrainian letters, Russian ones in their place)
ALPHABET = "абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя"
_RANK = {ch: i for i, ch in enumerate(ALPHABET)}


def collate(text: str) -> tuple[int, ...]:
    """A sort key in :data:`ALPHABET`'s order, case ignored, apostrophes and hyphens ignored
    (as a spreadsheet sorts); a space before every letter, other characters after them."""
    out = []
    for ch in text.casefold():
        if ch in "'’ʼ`-":
            continue
        out.append(0 if ch == " " else 1 + _RANK[ch] if ch in _RANK else 100 + ord(ch))
    return tuple(out)


def _family_rng(child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family (draws no random number of a list)."""
    return np.random.default_rng([child.family, salt])


# ---------------------------------------------------------------- Ukrainian state-system export

#: the export's field limits, in bytes of UTF-8
BYTE_LIMITS = {"family_name": 20, "given_name": 16, "patronymic": 20, "origin_settlement": 20,
               "origin_institution": 40}
#: what the export writes for an empty date
NULL_DATE = "1900-01-01"
#: the oblast whose database codes sex the other way round
INVERTED_SEX_OBLAST = "L"


def truncate_bytes(text: str, limit: int) -> str:
    """``text`` cut at ``limit`` bytes of its UTF-8 encoding; a letter cut in half is dropped,
    trailing spaces too (a fixed-width field)."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore").rstrip()


def _rewrite_eias(rows: Rows, truth: pd.DataFrame, pop: Population) -> Rows:
    for rec, child_id in zip(rows, truth["child"], strict=True):
        child = pop.children[int(child_id)]
        for k, limit in BYTE_LIMITS.items():
            rec[k] = truncate_bytes(rec[k], limit)
        if not rec["birth_date"]:
            rec["birth_date"] = NULL_DATE
        if pl.SETTLEMENTS[child.origin].oblast == INVERTED_SEX_OBLAST and rec["sex"]:
            rec["sex"] = "F" if rec["sex"] == "M" else "M"
        _consistent(rec)
    return rows


# ---------------------------------------------------------------- children's social-network profiles

#: the youngest age at the removal at which a child is found with a profile
PROFILE_AGE = 9
#: the network's minimum age: a younger child makes the birth year earlier to open an account
MIN_AGE = 14
NICKNAMES = ("Солнышко", "Котик", "Зайка", "Шоколадка", "Малинка", "Звездочка", "Огонёк", "Лисичка", "Пушистик",
             "Ангелочек")
#: towns of each Russian destination (index into places.DESTINATIONS -> towns) where a family lives now
_TOWNS = {"Ростовская обл.": ("Ростов-на-Дону", "Таганрог", "Шахты", "Новочеркасск"),
          "Московская обл.": ("Москва", "Подольск", "Балашиха"), "Краснодарский край": ("Краснодар", "Анапа"),
          "Нижегородская обл.": ("Нижний Новгород", "Дзержинск"), "Курская обл.": ("Курск",),
          "Республика Крым": ("Симферополь", "Евпатория")}


def has_profile(child: Child) -> bool:
    """Old enough at the removal to be found with a profile."""
    return nz.age_at(child.birth, child.removal) >= PROFILE_AGE


def current_city(child: Child) -> str:
    """The Russian town where ``child``'s family lives now: in its destination region, fixed
    per family."""
    towns = _TOWNS[pl.DESTINATIONS[child.destination].ru]
    return towns[int(_family_rng(child, 0x4349).integers(len(towns)))]


def age_gate(birth: dt.date, opened_age: int) -> dt.date:
    """The birth date a child who opened an account at ``opened_age`` shows: the true one
    from :data:`MIN_AGE` on, otherwise the same day and month that many years earlier."""
    shift = max(0, MIN_AGE - opened_age)
    if shift == 0:
        return birth
    if birth.month == 2 and birth.day == 29:
        return dt.date(birth.year - shift, 2, 28)
    return birth.replace(year=birth.year - shift)


def _shown_birth(child: Child, rng: np.random.Generator) -> str:
    u = rng.random()
    if u < 0.55:
        return ""  # hidden, or day and month only
    return nz.iso(age_gate(child.birth, int(rng.integers(11, 17))))


def _rewrite_vk(rows: Rows, truth: pd.DataFrame, pop: Population,
                rng: np.random.Generator) -> tuple[Rows, list[int]]:
    keep: list[int] = []
    for j, (rec, child_id, kind) in enumerate(zip(rows, truth["child"], truth["kind"], strict=True)):
        child = pop.children[int(child_id)]
        if not has_profile(child):
            continue
        keep.append(j)
        origin = pl.SETTLEMENTS[child.origin]
        rec["patronymic"] = ""
        if kind == "duplicate":  # the old account, from before the removal
            truth.loc[j, "new_identity"] = False
            rec["given_name"] = lx.GIVEN[child.given].uk
            rec["family_name"] = lx.surname_form(lx.SURNAMES[child.surname], child.sex, "uk")
            rec["origin_settlement"] = origin.uk if rng.random() < 0.6 else ""
            rec["removal_date"] = rec["destination"] = ""
            rec["birth_date"] = _shown_birth(child, rng)
            continue
        u = rng.random()
        if u < 0.1:
            rec["family_name"] = ""
        elif u < 0.16:
            rec["family_name"] = NICKNAMES[int(rng.integers(len(NICKNAMES)))]
        if rng.random() < 0.12:
            for k in ("family_name", "given_name"):
                rec[k] = romanise(nz.drop_yo(rec[k]), "ru_bgn")
        rec["birth_date"] = _shown_birth(child, rng)
        u = rng.random()
        city = current_city(child)
        if u < 0.4:
            rec["origin_settlement"] = city
        elif u < 0.73:
            rec["origin_settlement"] = nz.drop_yo(origin.ru_src) if rng.random() < 0.7 else origin.ru_src
        else:
            rec["origin_settlement"] = ""
        post = child.removal + dt.timedelta(days=int(rng.integers(14, 301)))
        u = rng.random()
        rec["removal_date"] = nz.iso(post) if u < 0.5 else nz.iso(post, "month") if u < 0.7 else ""
        rec["destination"] = pl.DESTINATIONS[child.destination].ru if rng.random() < 0.6 else ""
        _consistent(rec)
    return rows, keep


# ---------------------------------------------------------------- phone survey (select_one, date widget)

#: submissions from this date on were exported with the choices' XML names, the earlier ones with labels
SWITCH = dt.date(2023, 9, 1)
#: the settlements the form's drop-down lists (the larger ones), in the form's alphabetical order
CHOICES: tuple[str, ...] = tuple(sorted((s.uk for s in pl.SETTLEMENTS if s.weight >= 2.5), key=collate))
OTHER_LABEL, OTHER_NAME = "Інше", "other"
DEST_CHOICES = {"RU": ("Російська Федерація", "russia"), "BY": ("Республіка Білорусь", "belarus"),
                "tot": ("ТОТ України", "tot"), "unknown": ("Невідомо", "dont_know")}


def slug(label: str) -> str:
    """The XML name a form designer gives a settlement choice: the national romanisation,
    lower case, spaces and hyphens as ``_``, apostrophes dropped."""
    out = romanise(label, "ua_2010").lower()
    return "".join("_" if ch in " -" else ch for ch in out if ch.isalnum() or ch in " -_")


def dropdown_slip(label: str, direction: int) -> str:
    """The drop-down entry next to ``label`` (``direction`` -1 above, +1 below; the ends stay)."""
    i = CHOICES.index(label)
    return CHOICES[min(max(i + direction, 0), len(CHOICES) - 1)]


def interview_date(child: Child) -> dt.date:
    """The family's interview: two months to two years after the removal, fixed per family."""
    return child.removal + dt.timedelta(days=int(_family_rng(child, 0x4B42).integers(60, 731)))


def _rewrite_kobo(rows: Rows, truth: pd.DataFrame, pop: Population,
                  rng: np.random.Generator) -> tuple[Rows, list[int], list[str]]:
    when: list[tuple[dt.date, float]] = []
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        day = interview_date(child)
        if kind == "duplicate":  # another relative, another interview
            day += dt.timedelta(days=int(rng.integers(7, 200)))
        values = day >= SWITCH  # exported with the XML names
        town = pl.SETTLEMENTS[child.origin].uk
        if town in CHOICES:
            if rng.random() < 0.06:
                town = dropdown_slip(town, -1 if rng.random() < 0.5 else 1)
            rec["origin_settlement"] = slug(town) if values else town
        elif rng.random() < 0.5:  # "other", with the enumerator's text merged in
            text = town if rec["given_name"] == lx.GIVEN[child.given].uk else pl.SETTLEMENTS[child.origin].ru
            rec["origin_settlement"] = nz.typo(text, rng, "uk") if rng.random() < 0.2 else text
        else:
            rec["origin_settlement"] = OTHER_NAME if values else OTHER_LABEL
        if len(rec["birth_date"]) == 10:
            u = rng.random()
            if u < 0.04:  # the widget's default left as it was
                rec["birth_date"] = nz.iso(day)
            elif u < 0.08:  # the year wheel one off
                b = dt.date.fromisoformat(rec["birth_date"])
                year = b.year + (-1 if rng.random() < 0.5 else 1)
                rec["birth_date"] = nz.iso(dt.date(year, b.month, min(b.day, 28) if b.month == 2 else b.day))
        u = rng.random()
        key = pl.DESTINATIONS[child.destination].country if u < 0.55 else "tot" if u < 0.65 else "unknown"
        rec["destination"] = DEST_CHOICES[key][1 if values else 0]
        _consistent(rec)
        when.append((day, float(rng.random())))
    order = sorted(range(len(rows)), key=lambda j: when[j])  # submission order
    ids = [f"KB{r + 1:05d}" for r in range(len(order))]  # the export's _index
    return rows, order, ids


# ---------------------------------------------------------------- consolidated table, approximate lookup

#: the share of the population the children's services' table knows
SERVICES_SHARE = 0.7


def lookup_key(family: str, given: str, patronymic: str) -> str:
    """The lookup's key: the full name in one cell, compared without regard to case."""
    return " ".join(x for x in (family, given, patronymic) if x).casefold()


def services_table(pop: Population) -> tuple[list[tuple[int, ...]], list[str]]:
    """The children's services' table, sorted by key: keys (Ukrainian forms, as :func:`collate`
    orders them) and birth dates.

    Which children it holds is fixed per child (draws no random number of a list)."""
    rows: list[tuple[tuple[int, ...], int, str]] = []
    for c in pop.children:
        if np.random.default_rng([c.child_id, 0x5353]).random() >= SERVICES_SHARE:
            continue
        f = lx.FATHERS[c.father]
        key = lookup_key(lx.surname_form(lx.SURNAMES[c.surname], c.sex, "uk"), lx.GIVEN[c.given].uk,
                         f.uk_m if c.sex == "M" else f.uk_f)
        rows.append((collate(key), c.child_id, nz.iso(c.birth)))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[0] for r in rows], [r[2] for r in rows]


def approx_lookup(key: tuple[int, ...], keys: list[tuple[int, ...]], values: list[str]) -> str:
    """A spreadsheet lookup with approximate match on a table sorted by ``keys``: the value
    of the first row equal to ``key``, else of the last row before it, else ``""`` (#N/A)."""
    i = bisect.bisect_left(keys, key)
    if i < len(keys) and keys[i] == key:
        return values[i]
    return values[i - 1] if i > 0 else ""


def _rewrite_shtab(rows: Rows, pop: Population) -> Rows:
    keys, births = services_table(pop)
    for rec in rows:
        rec["birth_date"] = approx_lookup(collate(lookup_key(*(rec[k] for k in NAMES))), keys, births)
        _consistent(rec)
    return rows


# ---------------------------------------------------------------- the profile


def generate_heldout9(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the NINTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator,
                ids: list[str]) -> tuple[Rows, list[int], list[str]]:
        order = list(range(len(rows)))
        if name == "ua_eias_export":
            rows = _rewrite_eias(rows, truth, pop)
        elif name == "ru_vk_osint":
            rows, order = _rewrite_vk(rows, truth, pop, rng)
            ids = [ids[j] for j in order]
        elif name == "ua_kobo_survey":
            rows, order, ids = _rewrite_kobo(rows, truth, pop, rng)
        elif name == "ua_shtab_vlookup":
            rows = _rewrite_shtab(rows, pop)
        else:
            raise ValueError(f"no rewriting for list {name!r}")
        return rows, order, ids

    return rewrite_lists(build(heldout9_spec(), n, seed), seed, _TAG, rewrite)
