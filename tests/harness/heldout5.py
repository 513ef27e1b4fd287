"""FIFTH HELD-OUT error profile ``heldout_ngo_casefiles``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout4` (``heldout_cross_border``) as the
profile kept out of tuning, since the four earlier held-out profiles were run and used to
improve the model.  It is run ONCE, at the end.  ``bench/linkage_harness.py`` runs it only
with ``--heldout5``; the tests only check that it generates valid, deterministic lists with
the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from the input schema, ``data/name_equivalences.csv``,
the linkage sections of ``bench/RESULTS.md`` and of the README, the messages of commits to
the model): the error processes are what such sources look like, not what the model handles.

Three lists (output order), fewer than most profiles, with source mixes and error processes
that neither the tuning profiles of :mod:`.profiles` nor the four earlier held-out profiles
have:

``ngo_casefiles``
    a Ukrainian humanitarian NGO's case-management export, one case per family and one row
    per child, the rows of a case together and numbered ``C<case>/<child>``: Ukrainian forms
    (Russian ones for some children with Russian documents), typed by caseworkers; in four
    cases out of ten the family name is written only on the first child's row (the other
    children's family names empty); the birth date as the form computed it from the age
    given at intake for four children in ten (the intake date less the age in years:
    ``2011-06-14`` for a child of 11 at an intake of 14 June 2022: a full date, not the
    child's), a birth year from that age for some, the true date for the others; the
    intake, one per family, two months to two years after the removal; for six families in
    ten the settlement field is the family's address in the city where the NGO found them
    (``м. Київ``, ``м. Львів, вул. Садова, 14, кв. 3``, ``г. Днепр``), not where the
    children were taken from; the removal month or year as the family remembers it, often
    missing; a family that came to two offices has a second case (its children twice).
``ua_reintegration``
    a Ukrainian ministry's list of children returned to Ukraine: exact data from Ukrainian
    documents (official Ukrainian forms even for children with Russian documents, full birth
    dates, sex, patronymic, the current official settlement name with ``м.`` and the oblast,
    the typographic apostrophe ``’`` throughout: ``Лук’яненко``, ``Куп’янськ``); but a
    biased subset: children returned, so children with their families and from the Belarus
    programme much more than children placed in Russian families or institutions; the
    removal column holds the date of return for a third (weeks to two years later).
``ombudsman_digest_en``
    an analyst's English summary of a Russian regional children's ombudsman's press
    releases: Russian forms (diminutives for some) romanised by BGN/PCGN (Aleksandr,
    Yuliya, Artyom; places Artemovsk, Kharkov), the identity given in Russia for some
    re-registered children; partial names: no family name for a third, only its initial
    for another third, the patronymic as a middle initial (``Aleksandr V.``) for some; the
    release gives a group's size and ages, so for four in ten the birth year is the one
    computed from the group's mean age, for others from the child's age; the release date
    (one per group) as the removal date; the Russian region as destination; about children
    of institutions and groups sent to Russia, whole groups covered or missed.

Population: larger families (the NGO works with families), fewer children from institutions
and fewer sent to Belarus than the tuning profiles, more twins.
"""

from __future__ import annotations

from .lists import ListSpec, Style
from .population import PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, build

NAME = "heldout_ngo_casefiles"

_NGO = Style(
    name_lang=(("uk", 1.0),), follow_ru_docs=0.35, typo=0.03, layout="uk", apostrophes=0.3,
    patronymic_missing=0.35, birth=(("age_date", 0.4), ("age", 0.1), ("day", 0.45), ("missing", 0.05)),
    intake_lag=(60, 720), sex_missing=0.02, host_city=0.6,
    place=(("uk_current", 0.7), ("uk_doc", 0.1), ("ru_src", 0.2)), place_prefix=(("type", 0.6), ("none", 0.4)),
    place_missing=0.05, institution=(("uk_short", 1.0),), institution_missing=0.8,
    removal=(("month", 0.4), ("year", 0.25), ("missing", 0.35)), destination="uk", destination_missing=0.5,
)
_REINTEGRATION = Style(
    name_lang=(("uk", 1.0),), apostrophe_form="’", patronymic_missing=0.02, typo=0.003, layout="uk",
    birth=(("day", 0.995), ("missing", 0.005)), place=(("uk_current", 1.0),), place_prefix=(("oblast", 0.5),
                                                                                         ("type", 0.5)),
    place_missing=0.01, institution=(("uk", 1.0),), institution_missing=0.2,
    removal=(("exact", 0.85), ("month", 0.1), ("missing", 0.05)), removal_return=0.33, return_lag=(20, 720),
    destination="uk_formal", destination_missing=0.05,
)
_OMBUDSMAN = Style(
    name_lang=(("ru", 0.8), ("dim", 0.2)), script="lat", systems=(("ru_bgn", 1.0),), show_new_identity=0.4,
    drop_yo=0.3, family_missing=0.33, family_initial=0.5, middle_initial=0.25, patronymic_missing=0.85, typo=0.01,
    birth=(("group_age", 0.4), ("age", 0.35), ("missing", 0.25)), report_lag=(1, 40), release_lag=(1, 40),
    sex_missing=0.1, place=(("lat_ru", 1.0),), place_prefix=(("none", 0.7), ("oblast", 0.3)), place_missing=0.15,
    institution=(("en", 1.0),), institution_missing=0.6,
    removal=(("release", 0.85), ("missing", 0.15)), destination="place_en", destination_missing=0.1,
)


def heldout5_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (5th): NGO family case files, ministry list of returned children, "
              "English digest of a Russian ombudsman's press releases",
        PopulationSpec(share_institution=0.2, share_belarus=0.15, family_sizes=(0.35, 0.3, 0.18, 0.1, 0.05, 0.02),
                       twin_rate=0.04, placed_institution=0.5, placed_family=0.1, reregistered=0.35,
                       family_visibility=0.75),
        (
            ListSpec("ngo_casefiles", _NGO, base=0.35, beta=0.8, mode_odds=(("family", 2.5), ("institution", 0.2)),
                     duplicates=0.04, id_prefix="C", case_files=True, family_once=0.4),
            ListSpec("ua_reintegration", _REINTEGRATION, base=0.12, beta=1.2,
                     mode_odds=(("family", 2.0), ("belarus", 3.0), ("institution", 0.4), ("placed", 0.05)),
                     duplicates=0.0, id_prefix="MR"),
            ListSpec("ombudsman_digest_en", _OMBUDSMAN, eligible="russia", base=0.3, beta=0.6,
                     mode_odds=(("institution", 4.0), ("placed", 2.0)), wave_cover=0.45, duplicates=0.05,
                     id_prefix="OMB"),
        ),
        output_order=("ombudsman_digest_en", "ngo_casefiles", "ua_reintegration"),
    )


def generate_heldout5(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the FIFTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation."""
    return build(heldout5_spec(), n, seed)
