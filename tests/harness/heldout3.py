"""THIRD HELD-OUT error profile ``heldout_mixed_registry``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout` (``heldout_archive``) and
:mod:`.heldout2` (``heldout_field_reports``) as the profile kept out of tuning, since both
were run and read while the model was improved.  It is run ONCE, at the end.
``bench/linkage_harness.py`` runs it only with ``--heldout3``; the tests only check that it
generates valid, deterministic lists with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from the input schema, ``data/name_equivalences.csv``,
the linkage sections of ``bench/RESULTS.md``): the error processes are what such sources
look like, not what the model handles.

Four lists (output order), none of them a Ukrainian register, with source mixes and error
processes that neither the tuning profiles of :mod:`.profiles` nor the two earlier held-out
profiles have:

``hospital_evac``
    a Russian children's hospital log of medical evacuations and transfers, typed by clerks
    who do not speak Russian natively: given name, patronymic, full birth date and sex
    exactly as in the medical card (Russian forms), but the family name heavily misspelt
    for nearly half the children (one to three misheard letters, soft signs and doubled
    consonants: :func:`.noise.misspell`); the origin written as the city whose hospital sent
    the child (Донецк for Макеевка) for most, the hospital itself in the institution field
    for three in four (``ДГБ г. Донецк``); the admission date as removal date; sorted by
    name and renumbered, so the record id is a row number.  Sees children sent to Russia,
    children of institutions most.
``by_health_camp``
    a Belarusian sanatorium ("health camp") roster, typed shift by shift by group leaders:
    Belarusian or Russian forms, a third in the Belarusian Latin alphabet (łacinka:
    Kaciaryna, Mikałajevič; diacritics sometimes lost), half in capitals; more than half
    of the names in the dative or genitive case of the voucher they were copied from
    (Івану, Кацярыне, Ковалевскому; :mod:`.cases`); birth year only for a quarter; the
    arrival date; the roster sorted by shift and name and numbered ``Z<shift>-<row>``; a
    child in two shifts now and then.
``church_charity``
    a church charity's aid list: names from the parish books, so the baptismal form for
    half the children who have one (Іоанн / Иоанн for Іван, Георгий for Юрій and Єгор,
    Фотиния for Світлана); "мл." / "мол." after the name of a boy named after his father;
    a hyphenated double family name (father's and mother's) for a few, the patronymic in
    the family-name field for a few; deduplicated by its maker, so few duplicates but a
    quarter of siblings listed right after a brother or sister merged into that record (the
    sibling missing, the kept record with the sibling's birth date half the time); sorted
    and renumbered; part copied from the Telegram scrape.
``telegram_scrape``
    posts of Telegram channels scraped into a table: Russian forms and diminutives, no
    family name for nearly half (an initial for some), a birth year from the age in the
    post, the date of the post as removal date; sex not in the post, guessed from the
    name's ending for most (Никита, Илья, Саша come out girls); the oblast (``ДНР``,
    ``Херсонская обл.``) instead of the settlement for a third; the identity given in Russia
    for some re-registered children; reposts: the same post again, verbatim, with a later
    date; whole groups of children covered or missed.

Population: fewer single children and more twins than the tuning profiles, a third of
families from institutions, a third sent to Belarus.
"""

from __future__ import annotations

from .lists import ListSpec, Style
from .population import PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, build

NAME = "heldout_mixed_registry"

_HOSPITAL = Style(
    name_lang=(("ru", 1.0),), drop_yo=0.6, typo=0.005, layout="ru", patronymic_missing=0.1,
    family_misspell=0.45, misspell_edits=(1, 3),
    birth=(("day", 1.0),),
    origin_hub=0.6, place=(("ru_src", 1.0),), place_prefix=(("type", 0.7), ("none", 0.3)), place_missing=0.05,
    institution_hospital=0.75, hospital_forms=(("ru", 0.4), ("ru_short", 0.3), ("ru_central", 0.3)),
    institution=(("ru_legal", 1.0),), institution_missing=0.5,
    removal=(("arrival", 0.7), ("exact", 0.2), ("missing", 0.1)), destination="place_ru",
)
_CAMP = Style(
    name_lang=(("be", 0.55), ("ru", 0.45)), latin_share=0.35, systems=(("lacinka", 1.0),), strip_diacritics=0.25,
    name_case=(("nom", 0.45), ("dat", 0.4), ("gen", 0.15)), upper=0.5, patronymic_missing=0.5, typo=0.03,
    layout="ru", drop_yo=0.8, birth=(("day", 0.6), ("year", 0.25), ("missing", 0.15)), transpose=0.02,
    sex_missing=0.1, place=(("ru_src", 0.8), ("ru_current", 0.2)),
    place_prefix=(("type", 0.5), ("none", 0.3), ("oblast", 0.2)),
    institution=(("ru_short", 1.0),), institution_missing=0.85, removal=(("arrival", 1.0),), destination="place_be",
)
_CHURCH = Style(
    name_lang=(("ru", 0.55), ("uk", 0.45)), baptismal=0.5, junior_suffix=0.7, double_family=0.06,
    patronymic_as_family=0.04, typo=0.02, layout="ru", apostrophes=0.3, patronymic_missing=0.3,
    birth=(("day", 0.7), ("year", 0.15), ("age", 0.1), ("missing", 0.05)), report_lag=(30, 400),
    place=(("ru_src", 0.5), ("uk_doc", 0.3), ("uk_current", 0.2)), place_prefix=(("none", 0.6), ("type", 0.4)),
    place_missing=0.1, institution=(("ru_short", 0.5), ("uk_short", 0.5)), institution_missing=0.7,
    removal=(("month", 0.5), ("year", 0.2), ("missing", 0.3)),
    destination_mix=(("place_ru", 0.7), ("ru", 0.3)), destination_missing=0.2,
)
_TELEGRAM = Style(
    name_lang=(("dim", 0.45), ("ru", 0.5), ("uk", 0.05)), show_new_identity=0.3, family_missing=0.45,
    family_initial=0.15, patronymic_missing=0.97, typo=0.02, layout="ru", drop_yo=0.6,
    birth=(("age", 0.75), ("missing", 0.2), ("day", 0.05)), report_lag=(0, 45), sex_from_name=0.8,
    place=(("ru_src", 0.9), ("uk_current", 0.1)),
    place_prefix=(("oblast_only", 0.35), ("none", 0.35), ("type", 0.3)), place_missing=0.15,
    institution=(("ru_short", 0.7), ("ru", 0.3)), institution_missing=0.6,
    removal=(("report", 0.9), ("missing", 0.1)),
    destination_mix=(("place_ru", 0.6), ("ru", 0.4)), destination_missing=0.3,
)


def heldout3_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (3rd): Russian hospital evacuation log, Belarusian health-camp roster, church charity list, "
              "Telegram scrape",
        PopulationSpec(share_institution=0.35, share_belarus=0.3, family_sizes=(0.48, 0.28, 0.13, 0.07, 0.03, 0.01),
                       twin_rate=0.05, placed_institution=0.4, placed_family=0.12, reregistered=0.3,
                       family_visibility=0.5),
        (
            ListSpec("telegram_scrape", _TELEGRAM, base=0.35, beta=1.0, mode_odds=(("belarus", 2.0),), wave_cover=0.45,
                     duplicates=0.12, reposts=0.7, id_prefix="TG"),
            ListSpec("church_charity", _CHURCH, base=0.25, beta=0.9, mode_odds=(("family", 3.0), ("institution", 0.4)),
                     copies=(("telegram_scrape", 0.15),), duplicates=0.005, sibling_merge=0.25, id_prefix="CH",
                     sort_by=("family_name", "given_name", "birth_date"), renumber="row"),
            ListSpec("hospital_evac", _HOSPITAL, eligible="russia", base=0.2, beta=0.6,
                     mode_odds=(("institution", 4.0),), duplicates=0.03, id_prefix="MED",
                     sort_by=("family_name", "given_name"), renumber="row"),
            ListSpec("by_health_camp", _CAMP, eligible="belarus", base=0.45, beta=0.5, duplicates=0.05, id_prefix="Z",
                     sort_by=("removal_date", "family_name"), renumber="group"),
        ),
        output_order=("hospital_evac", "by_health_camp", "church_charity", "telegram_scrape"),
    )


def generate_heldout3(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the THIRD HELD-OUT profile (SYNTHETIC).  Only for the final evaluation."""
    return build(heldout3_spec(), n, seed)
