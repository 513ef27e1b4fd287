"""ELEVENTH HELD-OUT error profile ``heldout_groups_webform_mrz``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaced :mod:`.heldout10` (``heldout_excel_mojibake_pdf``) as
the profile kept out of tuning, since the ten earlier held-out profiles were run, and was
run ONCE; :mod:`.heldout12` (``heldout_casemgmt_notices_databank``) now replaces it as the
profile kept out of tuning.  ``bench/linkage_harness.py`` runs it only with ``--heldout11``;
the tests only check that it generates valid, deterministic lists with the error processes
below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the ten earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout11`), so the error processes live here and
the shared modules are unchanged.

``occ_trip_groups``
    group lists of children sent to "recreation" camps (in Russia, Crimea, Belarus) kept by
    the occupation administrations' education departments, one sheet per oblast, obtained as
    spreadsheets and flattened into one table by an analyst.  A sheet is a run of groups,
    one per departure and town (:func:`group_key`), in the order of departure; each group
    begins with a header row (merged cells across the table: the town as ``г. <Russian
    name>``, the institution the group was formed from, the departure date, the camp's
    region) and lists its children below it, sorted by name, numbered down the sheet
    ``TG<oblast>-<row>``: Russian forms, ё dropped for most, few typos, the patronymic
    missing for some, no sex column (sex empty for every record).  The analyst filled each header down to the rows below it (a
    "fill down" of the merged cells: :func:`flatten`): town, institution, removal date
    (the departure) and destination of each record are its group's.  For about one group
    in seven (:data:`HEADER_LOST`, fixed per group: :func:`header_lost`) the header was lost
    (the group continues on a page whose merged header row the export dropped), so the
    group's children took the header of the group above them: another town, another date,
    often another camp (the first group of a sheet then has none: empty fields).  For four
    groups in ten (:data:`CLASS_ONLY`, :func:`class_only`) the list gives each child's
    school class instead of the birth date, and the analyst turned the class into a birth
    year by the usual rule ``school year start - 5 - class`` (:func:`year_from_class`); a
    child's true class (:func:`school_class`) follows from when it entered school: in the
    September after its sixth birthday if that came by 1 September, a year later otherwise,
    and a year later still for about one child in seven (:data:`LATE_ENTRY`, fixed per
    child, parents' choice), so the year is one late for children born from 2 September to
    31 December and for late entrants, two late for late entrants born in the autumn (in
    all, wrong for about four children in ten), right for the others; a child not at school
    (pre-school, or past class 11) has no birth date.  Children of the
    Belarus programme and of institutions much more than families; only some groups'
    lists obtained (whole groups missing); a child listed twice in its group now and then.
``ua_webform_csv``
    submissions to a volunteer initiative's web form on which relatives report a child
    taken away (one submission per child), exported by the site's admin panel as CSV and
    read by an analyst.  Ukrainian forms (Russian for some relatives, and for children with
    Russian documents), typed on phones (typos, apostrophe variants), patronymic often
    skipped; birth and removal dates from the form's date pickers (full dates or nothing);
    sex from a radio button; the place, institution and "where taken" as free text: the
    settlement with its oblast or raion after a comma for about a third
    (``Маріуполь, Донецька обл.``), the institution followed by its town after a comma for
    three in ten (:data:`INSTITUTION_TOWN`), the country followed by the region for about a
    third (:data:`DESTINATION_REGION`, ``Росія, Ростовська обл.``).  For about one
    submission in twenty-five (:data:`APPLICANT_NAME`) the relative typed his or her own
    name in the name fields (the form's first field is a bare "ПІБ"): the mother's (three
    in four) or the paternal grandmother's given name, the family name in its female form,
    her patronymic (:func:`applicant_name`, fixed per family); the child's birth date and
    sex are kept (those fields say "дитини").  The export wrote the fields joined by commas
    without quoting them (:func:`export_line`) and the analyst read it with a CSV reader
    keeping the first ten fields of each line (:func:`read_line`), so in a row whose
    settlement or institution holds a comma every later field moved one column right:
    the oblast or raion in the institution column, the institution (or nothing) in the
    removal-date column, the removal date in the destination column, the destination lost
    (two commas: two columns); a comma in the destination only loses the region.  The analyst's cleaning then kept a
    date column's value only if it is an ISO date, mapped the radio labels ``хлопчик`` /
    ``дівчинка`` to ``M`` / ``F`` (anything else to empty), and normalised the three name
    fields with a routine copied for Latin names (:func:`clean_name`): Unicode decomposition
    with the combining marks dropped, which turns every й into и and ї into і (``Андріи``,
    ``Сергіи``, ``Оліиник``, ``Миколаівна``), ё into е, and Python's ``str.title``, which
    capitalises the letter after an apostrophe (``Лук'Яненко``, ``Мар'Яна``,
    ``В'Ячеславович``) and lowers capitals.  Rows in order of submission (days to more than
    a year after the removal), numbered ``WF<row>``; a second submission about a child (by
    another relative) later.  Families much more than institutions.
``ua_return_mrz``
    the register of children returned to Ukraine (through third countries) kept by a
    coordination centre from what the border guards recorded at passport control, rows in
    the order of the crossing (siblings together, months to two years after the removal),
    numbered ``RC<row>``.  A child with Ukrainian documents who holds a Ukrainian passport
    (a fifth of those under 6 at the removal, 45 in a hundred of those 6 to 13, seven in
    ten of those 14 to 17: :data:`PASSPORT`, :func:`holds_passport`) was recorded by
    reading the passport's machine-readable zone: the name as the MRZ has it (Ukrainian
    forms in the national Latin system, capitals, apostrophe dropped, the primary and
    secondary identifiers in one 39-character field joined by ``<<`` and padded with the
    ``<`` filler: :func:`mrz_name_field`), no patronymic (the MRZ has none), the exact birth
    date and sex (check-digit protected).  One scan in ten (:data:`MRZ_POOR`) was of a
    worn or badly lit page and the reader took fillers for ``K`` (the OCR-B chevron's
    commonest misreading; the name field has no check digit), each filler with probability
    :data:`FILLER_AS_K` (:func:`misread_fillers`): the parser (:func:`parse_mrz_name`)
    then gives stray letters after the given name (``MARIIA K``, ``MARIIA KK K``) and,
    when a filler of the ``<<`` separator was misread, the whole name in the family-name
    field (``KOVALENKO KMARIIA`` or ``KOVALENKOKKMARIIA``) and as given name only stray
    letters or nothing.  The other
    children were typed by the border guard from the document shown: a Ukrainian birth
    certificate (Ukrainian forms with patronymic) or one issued under occupation or in
    Russia (Russian forms; the new identity for half of the re-registered children who have
    one).  Settlement as the family states it, a removal month for some; the country the
    child came back from.  Children of families and of the Belarus programme much more
    than children of institutions or placed children; a child entered twice (two shifts'
    reports) now and then.

Population: a third of families from institutions, more than a third sent to Belarus,
families of two or three children common.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import ListSpec, Style, _consistent, strip_marks
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists
from .romanise import romanise

NAME = "heldout_groups_webform_mrz"
_TAG = 0x48_3131  # this module's random streams (rewriting), apart from build()'s

NAMES = ("family_name", "given_name", "patronymic")

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_GROUPS = Style(  # places, dates, sex and order rewritten from the group headers by _rewrite_groups
    name_lang=(("ru", 1.0),), drop_yo=0.7, typo=0.01, layout="ru", patronymic_missing=0.15,
    birth=(("day", 0.97), ("missing", 0.03)), digit_slip=0.01, sex_missing=1.0,
    place=(("ru_src", 1.0),), institution=(("ru", 1.0),), removal=(("exact", 1.0),), destination="place_ru",
)
_WEBFORM = Style(  # institution, destination, applicant, CSV export and cleaning by _rewrite_webform
    name_lang=(("uk", 0.75), ("ru", 0.25)), follow_ru_docs=0.5, typo=0.03, layout="uk", apostrophes=0.4,
    patronymic_missing=0.35, birth=(("day", 0.88), ("missing", 0.12)), sex_missing=0.03,
    place=(("uk_current", 0.7), ("uk_doc", 0.1), ("ru_current", 0.2)),
    place_prefix=(("none", 0.4), ("type", 0.25), ("oblast", 0.25), ("raion", 0.1)), place_missing=0.04,
    institution=(("uk", 0.4), ("uk_short", 0.6)), institution_missing=0.3,
    removal=(("exact", 0.6), ("missing", 0.4)), destination="uk",
)
_RETURNS = Style(  # MRZ records rewritten by _rewrite_returns; the others typed from the document
    name_lang=(("uk", 1.0),), follow_ru_docs=0.9, show_new_identity=0.5, typo=0.01, layout="uk", apostrophes=0.2,
    patronymic_missing=0.03, birth=(("day", 1.0),), digit_slip=0.005,
    place=(("uk_current", 0.8), ("uk_doc", 0.2)), place_prefix=(("none", 0.5), ("type", 0.5)), place_missing=0.05,
    institution=(("uk", 1.0),), institution_missing=0.6, removal=(("month", 0.3), ("missing", 0.7)),
    destination="uk",
)


def heldout11_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (11th): occupation education departments' camp group lists (flattened), a web form's "
              "unquoted CSV export, a returns register read from passports' MRZ",
        PopulationSpec(share_institution=0.33, share_belarus=0.38, family_sizes=(0.45, 0.3, 0.15, 0.06, 0.03, 0.01),
                       twin_rate=0.04, placed_institution=0.45, placed_family=0.1, reregistered=0.35,
                       family_visibility=0.6),
        (
            ListSpec("occ_trip_groups", _GROUPS, base=0.4, beta=0.6,
                     mode_odds=(("institution", 3.0), ("belarus", 3.0), ("family", 0.15)), wave_cover=0.5,
                     duplicates=0.03, id_prefix="TG"),
            ListSpec("ua_webform_csv", _WEBFORM, base=0.35, beta=0.8, mode_odds=(("institution", 0.2),),
                     duplicates=0.08, id_prefix="WF"),
            ListSpec("ua_return_mrz", _RETURNS, base=0.2, beta=0.7,
                     mode_odds=(("institution", 0.4), ("belarus", 2.0), ("placed", 0.3)), duplicates=0.02,
                     id_prefix="RC"),
        ),
        output_order=("occ_trip_groups", "ua_webform_csv", "ua_return_mrz"),
    )


def _child_rng(child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child (draws no random number of a list)."""
    return np.random.default_rng([child.family, child.child_id, salt])


def _family_rng(child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family (draws no random number of a list)."""
    return np.random.default_rng([child.family, salt])


# ---------------------------------------------------------------- camp group lists (flattened)

#: the sheets, one per oblast, in the workbook's order
SHEETS = ("D", "L", "K", "Z", "H")
#: share of groups whose header row was lost (their children take the header above)
HEADER_LOST = 0.15
#: share of groups whose list gives the school class instead of the birth date
CLASS_ONLY = 0.4
#: share of children who entered school a year after the usual age (fixed per child)
LATE_ENTRY = 0.15

#: a group: (departure date, removal wave, origin settlement)
GroupKey = tuple[dt.date, int, int]


def group_key(child: Child) -> GroupKey:
    """The group ``child`` travelled with: its removal wave and town (a wave from several towns
    leaves as one group per town)."""
    return child.removal, child.wave, child.origin


def _group_draw(seed: int, key: GroupKey, salt: int) -> float:
    return float(np.random.default_rng([int(seed), _TAG, salt, key[1], key[2]]).random())


def header_lost(seed: int, key: GroupKey) -> bool:
    """Whether group ``key``'s header row was lost, fixed per group and seed."""
    return _group_draw(seed, key, 0x484452) < HEADER_LOST


def class_only(seed: int, key: GroupKey) -> bool:
    """Whether group ``key``'s list gives classes instead of birth dates, fixed per group and seed."""
    return _group_draw(seed, key, 0x434C53) < CLASS_ONLY


def school_year(day: dt.date) -> int:
    """The year the school year in progress (or just ended, in summer) began on ``day``."""
    return day.year if day.month >= 9 else day.year - 1


def school_class(child: Child, year: int) -> int:
    """``child``'s class in the school year beginning in September of ``year`` (below 1: not
    yet at school; above 11: left school): it entered class 1 in the September after its
    sixth birthday if that came by 1 September, else a year later, and a year later still
    if a late entrant (:data:`LATE_ENTRY`, fixed per child)."""
    b = child.birth
    entry = b.year + 6 if (b.month, b.day) <= (9, 1) else b.year + 7
    if _child_rng(child, 0x4C4154).random() < LATE_ENTRY:
        entry += 1
    return year - entry + 1


def year_from_class(klass: int, year: int) -> str:
    """The birth year the analyst wrote for a child in class ``klass`` of the school year
    beginning in ``year``: ``year - 5 - klass`` (a child who entered class 1 at six), or
    nothing for a child not at school."""
    return str(year - 5 - klass) if 1 <= klass <= 11 else ""


def group_header(pop: Population, key: GroupKey, children: list[Child]) -> dict[str, str]:
    """The header row of group ``key`` (its ``children``): town, institution, departure, camp."""
    s = pl.SETTLEMENTS[key[2]]
    inst = next((c.institution for c in children if c.institution >= 0), -1)
    return {
        "origin_settlement": "г. " + s.ru_src.replace("ё", "е"),
        "origin_institution": pl.institution_name(pop.institutions[inst], "ru") if inst >= 0 else "",
        "removal_date": key[0].isoformat(),
        "destination": pl.DESTINATIONS[pop.waves[key[1]].destination].ru,
    }


def flatten(headers: list[dict[str, str] | None]) -> list[dict[str, str]]:
    """The header each group of a sheet (in order) ends up with after a fill-down: its own,
    or for a lost header (None) the one filled down from above (empty fields at the top)."""
    out: list[dict[str, str]] = []
    above = dict.fromkeys(("origin_settlement", "origin_institution", "removal_date", "destination"), "")
    for h in headers:
        above = h if h is not None else above
        out.append(above)
    return out


def _rewrite_groups(rows: Rows, truth: pd.DataFrame, pop: Population, seed: int) -> tuple[Rows, list[int], list[str]]:
    groups: dict[tuple[int, GroupKey], list[int]] = {}
    for j, child_id in enumerate(truth["child"]):
        child = pop.children[int(child_id)]
        groups.setdefault((SHEETS.index(pl.SETTLEMENTS[child.origin].oblast), group_key(child)), []).append(j)
    order: list[int] = []
    ids: list[str] = []
    for si, sheet in enumerate(SHEETS):
        keys = sorted(k for s, k in groups if s == si)
        members = {k: [pop.children[int(truth["child"][j])] for j in groups[(si, k)]] for k in keys}
        own = [group_header(pop, k, members[k]) for k in keys]
        filled = flatten([None if header_lost(seed, k) else h for k, h in zip(keys, own, strict=True)])
        row = 0
        for k, header in zip(keys, filled, strict=True):
            js = sorted(groups[(si, k)], key=lambda j: (rows[j]["family_name"].casefold(),
                                                        rows[j]["given_name"].casefold(), j))
            for j in js:
                rec = rows[j]
                rec.update(header)
                if class_only(seed, k):
                    year = school_year(k[0])
                    rec["birth_date"] = year_from_class(school_class(pop.children[int(truth["child"][j])], year), year)
                _consistent(rec)
                row += 1
                order.append(j)
                ids.append(f"TG{sheet}-{row:04d}")
    return rows, order, ids


# ---------------------------------------------------------------- web form, unquoted CSV export

#: share of filled institutions typed with their town after a comma
INSTITUTION_TOWN = 0.3
#: share of destinations typed as "country, region"
DESTINATION_REGION = 0.35
#: share of submissions with the relative's own name in the name fields
APPLICANT_NAME = 0.04
#: the radio button's labels in the export
SEX_LABELS = {"M": "хлопчик", "F": "дівчинка"}
#: mothers' and grandmothers' given names (Ukrainian, Russian): women born 1950-1995
MOTHERS = (("Олена", "Елена"), ("Наталія", "Наталья"), ("Тетяна", "Татьяна"), ("Юлія", "Юлия"),
           ("Ірина", "Ирина"), ("Світлана", "Светлана"), ("Оксана", "Оксана"), ("Ольга", "Ольга"),
           ("Марина", "Марина"), ("Людмила", "Людмила"), ("Інна", "Инна"), ("Яна", "Яна"))
GRANDMOTHERS = (("Валентина", "Валентина"), ("Галина", "Галина"), ("Любов", "Любовь"), ("Надія", "Надежда"),
                ("Ніна", "Нина"), ("Тамара", "Тамара"), ("Віра", "Вера"), ("Лідія", "Лидия"))
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_FORM = ("family_name", "given_name", "patronymic", "birth_date", "sex", "origin_settlement", "origin_institution",
         "removal_date", "destination")


def applicant_name(child: Child, lang: str) -> tuple[str, str, str]:
    """The name a relative of ``child`` typed as her own (family, given, patronymic) in
    ``lang`` (``uk`` or ``ru``): the mother three times in four, else the paternal
    grandmother; the family's surname in its female form; fixed per family."""
    g = _family_rng(child, 0x415050)
    table = MOTHERS if g.random() < 0.75 else GRANDMOTHERS
    given = table[int(g.integers(len(table)))][0 if lang == "uk" else 1]
    father = lx.FATHERS[int(g.choice(len(lx.FATHERS), p=lx.FATHER_P))]
    family = lx.surname_form(lx.SURNAMES[child.surname], "F", lang)
    return family, given, father.uk_f if lang == "uk" else father.ru_f


def export_line(record_id: str, rec: dict[str, str]) -> str:
    """A submission as the admin panel exports it: the fields joined by commas, unquoted."""
    return ",".join([record_id, *(rec[k] for k in _FORM)])


def read_line(line: str) -> dict[str, str]:
    """A line of the export as the analyst read it: a CSV reader's fields, the first ten kept
    (a missing one empty), each stripped of surrounding spaces."""
    fields = [f.strip() for f in next(csv.reader([line]))]
    fields += [""] * (len(_FORM) + 1 - len(fields))
    return dict(zip(("record_id", *_FORM), fields[: len(_FORM) + 1], strict=True))


def clean_name(text: str) -> str:
    """The analyst's name normalisation: decomposed, combining marks dropped (й -> и,
    ї -> і, ё -> е), then ``str.title`` (a capital after an apostrophe)."""
    return strip_marks(text).title()


def clean(rec: dict[str, str]) -> dict[str, str]:
    """The analyst's cleaning of a read line: dates kept only when ISO dates, radio labels
    to M / F, the name fields through :func:`clean_name`."""
    out = dict(rec)
    for k in ("birth_date", "removal_date"):
        if not _ISO_DAY.fullmatch(out[k]):
            out[k] = ""
    out["sex"] = {v: k for k, v in SEX_LABELS.items()}.get(out["sex"], "")
    for k in NAMES:
        out[k] = clean_name(out[k])
    return out


def submission_date(child: Child) -> dt.date:
    """When the family first reported the child: days to more than a year after the removal, fixed per family."""
    return child.removal + dt.timedelta(days=int(_family_rng(child, 0x5355).integers(3, 450)))


def _rewrite_webform(rows: Rows, truth: pd.DataFrame, pop: Population,
                     rng: np.random.Generator) -> tuple[Rows, list[int], list[str]]:
    when: list[tuple[dt.date, float]] = []
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        day = submission_date(child)
        if kind == "duplicate":  # another relative, later
            day += dt.timedelta(days=int(rng.integers(5, 200)))
        when.append((day, float(rng.random())))
        if rec["origin_institution"] and rng.random() < INSTITUTION_TOWN:
            rec["origin_institution"] += ", " + pl.SETTLEMENTS[child.origin].uk
        if rec["destination"] and rng.random() < DESTINATION_REGION:
            rec["destination"] += ", " + pl.DESTINATIONS[child.destination].uk
        if rng.random() < APPLICANT_NAME:
            lang = "ru" if rec["given_name"] == lx.GIVEN[child.given].ru != lx.GIVEN[child.given].uk else "uk"
            rec["family_name"], rec["given_name"], rec["patronymic"] = applicant_name(child, lang)
        rec["sex"] = SEX_LABELS.get(rec["sex"], "")
    order = sorted(range(len(rows)), key=lambda j: when[j])
    ids = [f"WF{r + 1:05d}" for r in range(len(order))]
    for j, record_id in zip(order, ids, strict=True):
        read = clean(read_line(export_line(record_id, rows[j])))
        del read["record_id"]
        rows[j] = _consistent(read)
    return rows, order, ids


# ---------------------------------------------------------------- returns register (MRZ)

#: share of children with Ukrainian documents holding a passport, by age at the removal: (below, share)
PASSPORT = ((6, 0.2), (14, 0.45), (18, 0.7))
#: share of MRZ scans of a worn or badly lit page
MRZ_POOR = 0.1
#: on such a scan, the probability that a filler is read as K
FILLER_AS_K = 0.15
#: the length of the TD3 (passport) MRZ's name field
MRZ_NAME_LENGTH = 39


def holds_passport(child: Child) -> bool:
    """Whether ``child`` holds a Ukrainian passport with an MRZ (fixed per child; only
    children with Ukrainian documents)."""
    if child.doc_lang != "uk":
        return False
    age = nz.age_at(child.birth, child.removal)
    share = next(s for bound, s in PASSPORT if age < bound)
    return bool(_child_rng(child, 0x505350).random() < share)


def _mrz_chars(name: str) -> str:
    """A name in the MRZ's characters: national Latin system, capitals, any other character ``<``."""
    latin = romanise(name, "ua_2010").upper()
    return "".join(ch if "A" <= ch <= "Z" else "<" for ch in latin)


def mrz_name_field(family: str, given: str) -> str:
    """The TD3 MRZ name field of a Ukrainian passport: ``FAMILY<<GIVEN`` in the national Latin
    system, cut to :data:`MRZ_NAME_LENGTH` characters and padded with ``<``."""
    text = f"{_mrz_chars(family)}<<{_mrz_chars(given)}"[:MRZ_NAME_LENGTH]
    return text.ljust(MRZ_NAME_LENGTH, "<")


def misread_fillers(field: str, rng: np.random.Generator, rate: float = FILLER_AS_K) -> str:
    """``field`` as a poor scan reads it: each filler ``<`` read as ``K`` with probability ``rate``."""
    return "".join("K" if ch == "<" and rng.random() < rate else ch for ch in field)


def parse_mrz_name(field: str) -> tuple[str, str]:
    """(family, given) from an MRZ name field as readers parse it: the family name before the
    first ``<<``, the given names after it, every other ``<`` a space."""
    primary, _, secondary = field.partition("<<")
    return " ".join(primary.replace("<", " ").split()), " ".join(secondary.replace("<", " ").split())


def crossing_date(child: Child) -> dt.date:
    """When ``child`` crossed back: months to two years after the removal, fixed per family."""
    return child.removal + dt.timedelta(days=int(_family_rng(child, 0x5243).integers(60, 730)))


def _rewrite_returns(rows: Rows, truth: pd.DataFrame, pop: Population,
                     rng: np.random.Generator) -> tuple[Rows, list[int], list[str]]:
    when: list[tuple[dt.date, int, float]] = []
    for rec, child_id, kind, new in zip(rows, truth["child"], truth["kind"], truth["new_identity"], strict=True):
        child = pop.children[int(child_id)]
        day = crossing_date(child)
        if kind == "duplicate":  # entered again, from the next shift's report
            day += dt.timedelta(days=int(rng.integers(0, 3)))
        when.append((day, child.family, float(rng.random())))
        if new or not holds_passport(child):
            continue
        family = lx.surname_form(lx.SURNAMES[child.surname], child.sex, "uk")
        field = mrz_name_field(family, lx.GIVEN[child.given].uk)
        if rng.random() < MRZ_POOR:
            field = misread_fillers(field, rng)
        rec["family_name"], rec["given_name"] = parse_mrz_name(field)
        rec["patronymic"] = ""
        rec["birth_date"] = child.birth.isoformat()
        rec["sex"] = child.sex
        _consistent(rec)
    order = sorted(range(len(rows)), key=lambda j: when[j])
    return rows, order, [f"RC{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the profile


def generate_heldout11(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the ELEVENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator,
                ids: list[str]) -> tuple[Rows, list[int], list[str]]:
        if name == "occ_trip_groups":
            return _rewrite_groups(rows, truth, pop, seed)
        if name == "ua_webform_csv":
            return _rewrite_webform(rows, truth, pop, rng)
        if name == "ua_return_mrz":
            return _rewrite_returns(rows, truth, pop, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout11_spec(), n, seed), seed, _TAG, rewrite)
