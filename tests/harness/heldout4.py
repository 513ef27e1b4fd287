"""FOURTH HELD-OUT error profile ``heldout_cross_border``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout3` (``heldout_mixed_registry``) as the
profile kept out of tuning, since the three earlier held-out profiles were run and used
to improve the model.  It is run ONCE, at the end.  ``bench/linkage_harness.py`` runs it
only with ``--heldout4``; the tests only check that it generates valid, deterministic lists
with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from the input schema, ``data/name_equivalences.csv``,
the linkage sections of ``bench/RESULTS.md``, the messages of commits to the model): the
error processes are what sources about children moved from occupied Ukraine to Russia and
Belarus look like, not what the model handles.

Four lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the three earlier held-out profiles have:

``filtration_log``
    a register kept at a filtration point and border crossing on the Russian side, typed
    from the documents shown: Russian forms for about half the children; the other half
    Ukrainian forms copied from Ukrainian birth certificates in Russian letters without
    translating them, by sound (Кирило -> Кырыло, Олійник -> Олийнык) or letter for letter
    (Олийник); full birth dates, nearly always present; the family name of the adult who
    escorted the family (a grandmother, an aunt, a neighbour; in the adult's own sex form,
    so a boy under "Иванова") for about one child in eight; the settlement of last
    residence, which for three in ten is a village whose name recurs in every oblast
    (``с. Николаевка``, ``Новоселовка``) and seldom carries its oblast; the crossing date;
    the declared destination; only some crossing points' logs survive (whole groups
    missing); children of families much more than groups from institutions.
``ua_police_missing``
    an export of the Ukrainian National Police's missing-children register: Ukrainian
    forms from the applicants' Ukrainian documents, exact birth dates, the family name in
    capitals (``КОВАЛЕНКО``); the settlement field holds the registration address
    (``Донецька обл., м. Маріуполь, вул. Миру, буд. 12, кв. 45``) for three in four, and a
    quarter of families are registered in another settlement of their oblast than the one
    they were taken from; for one child in ten the search's outcome in the patronymic
    column, after or instead of the patronymic (``Олександрівна (знайдена)``, ``РОЗШУК
    ПРИПИНЕНО``); the date of disappearance; a destination for few.
``journalist_merge``
    an investigative journalists' spreadsheet merged from four sources, one block of rows
    after another, each block with its own conventions, numbered ``J<block><row>``:
    ``A`` a Ukrainian table whose ``dd/mm/yyyy`` dates were read as ``mm/dd`` (every birth and
    removal date with a day up to 12 has day and month swapped); ``B`` an English-language
    tracing sheet whose columns were "given, family" (family and given name swapped in the
    whole block; national or BGN romanisation); ``C`` a German-language NGO's list in German
    transliteration (Schewtschenko, Olexandr, Jurij, Donezk, Cherson; destination
    "Russland" / "Weißrussland"); ``D`` Russian regional news and social media (Russian forms
    and diminutives, no family name for some, a birth year from an age, the identity given
    in Russia for some re-registered children).  A child in two sources stays twice (the
    second record in a block of its own); part copied from the police register.
``by_red_cross``
    a Belarusian Red Cross list of children it received: Belarusian forms of given names,
    patronymics and surnames for most (Аляксандр Мікалаевіч, Каваленка), typed on Russian
    keyboards, so і is often the Latin i and ў a у; the settlement as the centre of the
    child's raion (Горлаўка for a child of Сніжне, Васільеўка for Енергодар), in Belarusian
    (Данецк, Марыупаль, Арцёмаўск) or Russian; arrival date; the camp in Belarusian.

Population: mostly children taken with their families, a quarter sent to Belarus, fewer
institutions than the tuning profiles.
"""

from __future__ import annotations

from .lists import ListSpec, Style
from .population import PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, build

NAME = "heldout_cross_border"

_FILTRATION = Style(
    name_lang=(("ru", 0.55), ("uk", 0.45)), uk_in_ru_letters=1.0, uk_sound_share=0.5, escort_family=0.12,
    drop_yo=0.7, typo=0.02, layout="ru", patronymic_missing=0.08,
    birth=(("day", 0.93), ("year", 0.03), ("missing", 0.04)), digit_slip=0.01,
    place=(("ru_src", 0.85), ("uk_current", 0.15)), place_prefix=(("type", 0.6), ("none", 0.3), ("oblast", 0.1)),
    residence_village=0.3, place_missing=0.02, institution=(("ru", 1.0),), institution_missing=0.7,
    removal=(("exact", 0.9), ("missing", 0.1)), destination="place_ru", destination_missing=0.15,
)
_POLICE = Style(
    name_lang=(("uk", 1.0),), follow_ru_docs=0.1, apostrophes=0.3, typo=0.01, layout="uk", upper_family=0.85,
    patronymic_missing=0.03, status_note=0.1, birth=(("day", 0.97), ("missing", 0.03)),
    place=(("uk_current", 0.85), ("uk_doc", 0.15)), place_prefix=(("type", 0.6), ("oblast", 0.4)),
    registration_address=0.75, registered_elsewhere=0.25, place_missing=0.03,
    institution=(("uk", 1.0),), institution_missing=0.6,
    removal=(("exact", 0.75), ("month", 0.1), ("missing", 0.15)), destination="uk", destination_missing=0.85,
)
_BLOCK_A = Style(  # a Ukrainian table, dd/mm/yyyy read as mm/dd
    name_lang=(("uk", 0.8), ("ru", 0.2)), typo=0.02, layout="uk", patronymic_missing=0.4,
    birth=(("day", 0.85), ("year", 0.1), ("missing", 0.05)), transpose=1.0, transpose_removal=1.0,
    place=(("uk_current", 0.7), ("ru_src", 0.3)), institution=(("uk_short", 1.0),), institution_missing=0.6,
    removal=(("exact", 0.6), ("month", 0.2), ("missing", 0.2)), destination="uk",
)
_BLOCK_B = Style(  # an English-language tracing sheet, given and family columns the other way round
    name_lang=(("uk", 0.7), ("ru", 0.3)), script="lat", systems=(("ua_2010", 0.7), ("ru_bgn", 0.3)), swap_names=1.0,
    english_given=0.1, patronymic_missing=0.9, typo=0.01,
    birth=(("day", 0.7), ("year", 0.2), ("missing", 0.1)),
    place=(("lat_current", 0.7), ("lat_ru", 0.3)), institution=(("en", 1.0),), institution_missing=0.7,
    removal=(("month", 0.6), ("missing", 0.4)), destination="en",
)
_BLOCK_C = Style(  # a German-language NGO's list
    name_lang=(("uk", 0.65), ("ru", 0.35)), script="lat", systems=(("de", 1.0),), patronymic_missing=0.7, typo=0.01,
    birth=(("day", 0.8), ("year", 0.15), ("missing", 0.05)),
    place=(("lat_de", 1.0),), institution=(("en", 1.0),), institution_missing=0.8,
    removal=(("month", 0.7), ("missing", 0.3)), destination="de",
)
_BLOCK_D = Style(  # Russian regional news and social media
    name_lang=(("ru", 0.7), ("dim", 0.3)), show_new_identity=0.3, family_missing=0.2, patronymic_missing=0.8,
    drop_yo=0.5, typo=0.02, layout="ru", birth=(("age", 0.6), ("day", 0.2), ("missing", 0.2)), report_lag=(0, 60),
    place=(("ru_src", 1.0),), place_prefix=(("type", 0.5), ("none", 0.5)), place_missing=0.1,
    institution=(("ru_short", 1.0),), institution_missing=0.7,
    removal=(("report", 0.8), ("missing", 0.2)), destination="ru",
)
_RED_CROSS = Style(
    name_lang=(("be", 0.7), ("ru", 0.3)), be_keyboard=0.4, patronymic_missing=0.1, typo=0.02, layout="ru",
    drop_yo=0.5, birth=(("day", 0.8), ("age", 0.1), ("missing", 0.1)), report_lag=(0, 20), sex_missing=0.05,
    district_centre=0.7, place=(("be", 0.6), ("ru_src", 0.4)),
    place_prefix=(("type", 0.5), ("none", 0.3), ("oblast", 0.2)), place_missing=0.05,
    institution=(("ru_short", 1.0),), institution_missing=0.8,
    removal=(("arrival", 0.8), ("month", 0.2)), destination="place_be",
)
BLOCKS = (("A", 0.35, _BLOCK_A), ("B", 0.25, _BLOCK_B), ("C", 0.2, _BLOCK_C), ("D", 0.2, _BLOCK_D))


def heldout4_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (4th): Russian filtration / border-crossing log, Ukrainian police missing-children export, "
              "journalists' merged spreadsheet, Belarusian Red Cross list",
        PopulationSpec(share_institution=0.2, share_belarus=0.25, family_sizes=(0.5, 0.28, 0.12, 0.06, 0.03, 0.01),
                       twin_rate=0.035, placed_institution=0.4, placed_family=0.1, reregistered=0.3,
                       family_visibility=0.55),
        (
            ListSpec("ua_police_missing", _POLICE, base=0.4, beta=0.7, mode_odds=(("family", 2.0), ("institution", 0.3)),
                     duplicates=0.03, id_prefix="NPU"),
            ListSpec("filtration_log", _FILTRATION, base=0.35, beta=0.5,
                     mode_odds=(("family", 3.0), ("institution", 0.5)), wave_cover=0.5, duplicates=0.02,
                     id_prefix="FP"),
            ListSpec("by_red_cross", _RED_CROSS, eligible="belarus", base=0.5, beta=0.4, duplicates=0.02,
                     id_prefix="BRC"),
            ListSpec("journalist_merge", _BLOCK_A, base=0.3, beta=1.0, wave_cover=0.75,
                     copies=(("ua_police_missing", 0.15),), duplicates=0.1, id_prefix="J", renumber="block",
                     blocks=BLOCKS),
        ),
        output_order=("filtration_log", "ua_police_missing", "journalist_merge", "by_red_cross"),
    )


def generate_heldout4(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the FOURTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation."""
    return build(heldout4_spec(), n, seed)
