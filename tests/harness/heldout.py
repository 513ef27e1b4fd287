"""HELD-OUT error profile ``heldout_archive``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It is run once, at the end, to check that what was tuned on
the four tuning profiles of :mod:`.profiles` holds on a source mix and error processes the
model was not adjusted to.  ``bench/linkage_harness.py`` runs it only with ``--heldout``;
the tests only check that it generates valid, deterministic lists (they never link it).

Four lists, with error processes the tuning profiles do not have:

``prosecutor_lat``
    a Ukrainian prosecutor's export in Latin (2010 national system), ALL CAPITALS, an
    unknown birth day and month stored as 1 January (``2012-01-01`` looks like a full
    date), oblast appended to the settlement, several case files per child.
``belarus_ngo``
    a Belarusian-language NGO list: Belarusian forms of names and patronymics, a third of
    its records in scholarly Latin with diacritics (Kaciaryna, Jaŭhien, Mikalajevič),
    diacritics sometimes stripped; part copied from the school lists.
``ru_ombudsman``
    a Russian children's ombudsman's reports: Russian forms and diminutives, a girl's
    surname sometimes in the male form, a birth year from the reported age, the new identity
    of re-registered children, destination "Российская Федерация" / "Республика Беларусь".
``school_lists_by``
    Belarusian school enrolment lists of children from Ukraine: Russian forms, given name
    and patronymic sometimes swapped, day/month transpositions.

Population: larger families and more twins than the tuning profiles, more re-registration.
"""

from __future__ import annotations

from .lists import ListSpec, Style
from .population import PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, build

NAME = "heldout_archive"

_PROSECUTOR = Style(
    name_lang=(("uk", 1.0),), follow_ru_docs=0.6, script="lat", systems=(("ua_2010", 1.0),), upper=1.0,
    patronymic_missing=0.3, typo=0.015, birth=(("day", 0.8), ("jan1", 0.15), ("missing", 0.05)),
    place=(("lat_current", 0.9), ("lat_old_uk", 0.1)), place_prefix=(("oblast", 1.0),),
    institution=(("en", 1.0),), institution_missing=0.4, removal=(("exact", 0.6), ("month", 0.4)),
    destination="en_formal",
)
_BELARUS_NGO = Style(
    name_lang=(("be", 0.85), ("ru", 0.15)), latin_share=0.3, systems=(("scholarly", 0.7), ("be_passport", 0.3)),
    strip_diacritics=0.3, patronymic_missing=0.2, typo=0.02, layout="ru",
    birth=(("day", 0.7), ("month", 0.1), ("year", 0.2)),
    place=(("ru_src", 0.6), ("uk_current", 0.3), ("lat_current", 0.1)), institution_missing=0.9,
    institution=(("ru_short", 1.0),), removal=(("month", 0.7), ("missing", 0.3)), destination="be",
)
_RU_OMBUDSMAN = Style(
    name_lang=(("ru", 0.8), ("dim", 0.2)), show_new_identity=0.8, wrong_gender_form=0.1, drop_yo=0.5,
    family_missing=0.15, patronymic_missing=0.4, typo=0.02, layout="ru",
    birth=(("age", 0.5), ("day", 0.3), ("missing", 0.2)), report_lag=(5, 60),
    place=(("ru_src", 1.0),), place_prefix=(("oblast", 0.5), ("none", 0.5)),
    institution=(("ru_legal", 0.5), ("ru", 0.5)), institution_missing=0.5,
    removal=(("report", 0.5), ("month", 0.3), ("missing", 0.2)), destination="ru_formal",
)
_SCHOOL_BY = Style(
    name_lang=(("ru", 1.0),), patronymic_in_given=0.05, drop_yo=0.9, typo=0.02, layout="ru",
    birth=(("day", 1.0),), transpose=0.03, place=(("ru_src", 0.7), ("ru_current", 0.3)),
    place_prefix=(("type", 1.0),), institution_missing=1.0, removal=(("month", 1.0),), destination="ru",
)


def heldout_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT: prosecutor export in Latin, Belarusian NGO, Russian ombudsman, Belarusian school lists",
        PopulationSpec(share_institution=0.3, share_belarus=0.4, family_sizes=(0.45, 0.3, 0.13, 0.07, 0.03, 0.02),
                       twin_rate=0.06, reregistered=0.5),
        (
            ListSpec("prosecutor_lat", _PROSECUTOR, base=0.45, beta=0.7, duplicates=0.04, id_prefix="PG"),
            ListSpec("school_lists_by", _SCHOOL_BY, eligible="belarus", base=0.5, beta=0.4, duplicates=0.02,
                     id_prefix="SCH"),
            ListSpec("belarus_ngo", _BELARUS_NGO, base=0.15, beta=1.0, copies=(("school_lists_by", 0.4),),
                     id_prefix="BN"),
            ListSpec("ru_ombudsman", _RU_OMBUDSMAN, base=0.35, beta=0.8, wave_cover=0.5, id_prefix="OMB"),
        ),
    )


def generate_heldout(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the HELD-OUT profile (SYNTHETIC).  Only for the final evaluation."""
    return build(heldout_spec(), n, seed)
