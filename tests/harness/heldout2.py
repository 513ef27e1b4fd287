"""SECOND HELD-OUT error profile ``heldout_field_reports``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout` (``heldout_archive``) as the profile
kept out of tuning, since that one was run and read while the model was improved.  It is
run ONCE, at the end.  ``bench/linkage_harness.py`` runs it only with ``--heldout2``; the
tests only check that it generates valid, deterministic lists with the error processes
below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from the input schema, ``data/name_equivalences.csv``,
the linkage sections of ``bench/RESULTS.md``): the error processes are what sources about
children moved from occupied Ukraine look like, not what the model handles.

Four lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor ``heldout_archive`` have:

``volunteer_sheet``
    a volunteers' shared spreadsheet fed from messenger chats and relatives' messages:
    Ukrainian, Russian and diminutive forms, a tenth romanised by ear; the full name typed
    in one cell and split afterwards (everything in the family-name field, "given
    patronymic family" split as "family given patronymic", given name and patronymic as
    initials), sometimes only the family name's initial; dates typed ``dd.mm.yy`` (read back
    as ``yy.mm.dd``, or in the wrong century), a year, or a year from an age typed in
    months later; sex left empty for many; the raion beside or instead of the settlement;
    a destination whose language changes from row to row (several volunteers); a sibling's
    row copied from the one above with only the name changed (birth date and patronymic
    repeated); many duplicates (two volunteers enter one child); part taken from the
    interview list, still in Latin script.
``ua_ssd_oblast``
    a Ukrainian oblast children's services list (служба у справах дітей), merged from its
    raion offices: Ukrainian forms (Russian ones for a few children with Russian
    documents); full dates typed ``dd.mm.yy`` in the raion offices, so
    some came back as ``yy.mm.dd`` or in the 1900s, some day/month swapped; the settlement
    with its raion, or the raion alone; the Ukrainian name of the destination region;
    duplicates where two offices registered one child; a few children under the mother's
    family name.
``ru_guardianship``
    a Russian regional guardianship and adoption register (органы опеки) of children placed
    in Russia: Russian forms with the patronymic always present, a full name sometimes
    kept as "Фамилия И. О.", the re-registered identity for half of those who have one,
    about one in seven under the family name of the mother's side (a grandmother as
    guardian); the birthplace as origin for many; settlements as occupation-era city
    districts (``г.о. Макеевка``); the date of placement instead of removal.
``icc_interviews``
    an international documentation list built from interviews with parents and relatives,
    in English: names written by ear by the interviewer (Kavalenko, Andrii / Andrey,
    Zhana), three in ten from the passport (ICAO) or by the Ukrainian national system; the mother's
    family name for some children (she was interviewed); a birth year from the age given at
    an interview months or years after the removal and typed in later still (the true year
    to two years late), US-style day/month swaps; places by ear, sometimes with the raion;
    two interviews of one child now and then.

Population: more families with several children removed together, more children placed
in Russian families, fewer re-registered identities than ``heldout_archive``.
"""

from __future__ import annotations

from .lists import ListSpec, Style
from .population import PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, build

NAME = "heldout_field_reports"

_VOLUNTEER = Style(
    name_lang=(("uk", 0.45), ("ru", 0.4), ("dim", 0.15)), latin_share=0.1, systems=(("by_ear", 1.0),),
    fio_cell=0.2, fio_split=(("whole", 0.5), ("rotated", 0.3), ("initials", 0.2)), family_initial=0.1,
    patronymic_missing=0.6, typo=0.03, layout="uk", russian_keyboard=0.1, apostrophes=0.3,
    birth=(("day", 0.45), ("year", 0.2), ("age", 0.2), ("missing", 0.15)), yy_day_swap=0.08, yy_century=0.04,
    report_lag=(0, 200), age_entry_lag=(0, 400), sex_missing=0.4,
    place=(("uk_current", 0.4), ("ru_src", 0.4), ("uk_doc", 0.2)),
    place_prefix=(("none", 0.5), ("raion", 0.2), ("raion_only", 0.1), ("type", 0.2)), place_missing=0.25,
    institution=(("uk_short", 0.5), ("ru_short", 0.5)), institution_missing=0.6,
    removal=(("month", 0.4), ("exact", 0.2), ("missing", 0.4)),
    destination_mix=(("uk", 0.3), ("ru", 0.3), ("en", 0.1), ("place_ru", 0.2), ("place_uk", 0.1)),
    destination_missing=0.3, sibling_filldown=0.3,
)
_UA_SSD = Style(
    name_lang=(("uk", 1.0),), follow_ru_docs=0.2, typo=0.02, layout="uk", apostrophes=0.2,
    patronymic_missing=0.05, mother_surname=0.04,
    birth=(("day", 0.9), ("month", 0.03), ("missing", 0.07)), yy_day_swap=0.05, yy_century=0.03, transpose=0.03,
    place=(("uk_current", 0.6), ("uk_doc", 0.4)),
    place_prefix=(("raion", 0.35), ("raion_only", 0.1), ("type", 0.35), ("none", 0.2)), place_missing=0.02,
    institution=(("uk", 0.7), ("uk_short", 0.3)), institution_missing=0.2,
    removal=(("exact", 0.4), ("month", 0.3), ("year", 0.1), ("missing", 0.2)), destination="place_uk",
)
_RU_GUARDIANSHIP = Style(
    name_lang=(("ru", 1.0),), show_new_identity=0.5, mother_surname=0.15, drop_yo=0.3, typo=0.01, layout="ru",
    fio_cell=0.08, fio_split=(("whole", 0.5), ("initials", 0.5)),
    birth=(("day", 0.97), ("missing", 0.03)), digit_slip=0.01, birthplace_as_origin=0.4,
    place=(("ru_src", 0.8), ("ru_current", 0.2)), place_prefix=(("go", 0.4), ("type", 0.3), ("oblast", 0.3)),
    institution=(("ru_legal", 0.6), ("ru", 0.4)), institution_missing=0.4,
    removal=(("report", 0.7), ("missing", 0.3)), report_lag=(30, 500),
    destination_mix=(("place_ru", 0.8), ("ru_formal", 0.2)),
)
_ICC_INTERVIEWS = Style(
    name_lang=(("uk", 0.45), ("ru", 0.55)), script="lat",
    systems=(("by_ear", 0.7), ("ua_2010", 0.15), ("ru_icao", 0.15)), english_given=0.1,
    patronymic_missing=0.85, mother_surname=0.15, typo=0.01,
    birth=(("age", 0.5), ("day", 0.3), ("month", 0.1), ("missing", 0.1)), report_lag=(90, 720),
    age_entry_lag=(0, 365), transpose=0.05, sex_missing=0.1,
    place=(("lat_ear", 0.6), ("lat_current", 0.2), ("lat_ru", 0.2)), place_prefix=(("none", 0.7), ("raion", 0.3)),
    place_missing=0.1, institution=(("en", 1.0),), institution_missing=0.7,
    removal=(("month", 0.5), ("year", 0.2), ("missing", 0.3)),
    destination_mix=(("place_en", 0.6), ("en", 0.4)), destination_missing=0.2,
)


def heldout2_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (2nd): volunteer sheet, Ukrainian oblast children's services, Russian guardianship "
              "register, interviews in English",
        PopulationSpec(share_institution=0.2, share_belarus=0.2, family_sizes=(0.4, 0.3, 0.15, 0.08, 0.04, 0.03),
                       twin_rate=0.04, placed_institution=0.5, placed_family=0.2, reregistered=0.25,
                       family_visibility=0.7),
        (
            ListSpec("ua_ssd_oblast", _UA_SSD, base=0.45, beta=0.7, mode_odds=(("institution", 3.0),),
                     duplicates=0.06, id_prefix="SSD"),
            ListSpec("icc_interviews", _ICC_INTERVIEWS, base=0.15, beta=0.9,
                     mode_odds=(("family", 3.0), ("institution", 0.3)), duplicates=0.08, id_prefix="INT"),
            ListSpec("ru_guardianship", _RU_GUARDIANSHIP, eligible="placed", base=0.5, beta=0.4, duplicates=0.04,
                     id_prefix="OP"),
            ListSpec("volunteer_sheet", _VOLUNTEER, base=0.2, beta=1.1, wave_cover=0.6,
                     copies=(("icc_interviews", 0.1),), duplicates=0.12, id_prefix="VOL"),
        ),
        output_order=("volunteer_sheet", "ua_ssd_oblast", "ru_guardianship", "icc_interviews"),
    )


def generate_heldout2(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the SECOND HELD-OUT profile (SYNTHETIC).  Only for the final evaluation."""
    return build(heldout2_spec(), n, seed)
