"""Evaluate the record linkage on the harness's SYNTHETIC error profiles; print one table.

For each tuning profile of ``tests/harness`` (and the held-out ones only when asked:
``--heldout`` for ``heldout_archive``, ``--heldout2`` for ``heldout_field_reports``,
``--heldout3`` for ``heldout_mixed_registry``, ``--heldout4`` for ``heldout_cross_border``,
``--heldout5`` for ``heldout_ngo_casefiles``, ``--heldout6`` for ``heldout_journal_hotline``,
``--heldout7`` for ``heldout_indictment_leak``, ``--heldout8`` for ``heldout_school_mvd_courts``,
``--heldout9`` for ``heldout_legacy_vk_kobo_vlookup``, ``--heldout10`` for ``heldout_excel_mojibake_pdf``,
``--heldout11`` for ``heldout_groups_webform_mrz``, ``--heldout12`` for
``heldout_casemgmt_notices_databank``, ``--heldout13`` for ``heldout_households_nlp_backtranslit``,
``--heldout14`` for ``heldout_sortgap_latvia_callback``, ``--heldout15`` for
``heldout_lithuania_grades_tzshift``, ``--heldout16`` for ``heldout_estonia_exceldates_plurals``,
``--heldout17`` for ``heldout_masked_suggest_oms``, ``--heldout18`` for
``heldout_manifests_socreg_requests``, ``--heldout19`` for ``heldout_zags_mt_schools``,
``--heldout20`` for ``heldout_tbilisi_svodki_versions``, ``--heldout21`` for
``heldout_fillseries_engocr_macfolders``, ``--heldout22`` for ``heldout_moldova_query_linebreaks``,
``--heldout23`` for ``heldout_karpatalja_istanbul_hotline``, ``--heldout24`` for
``heldout_releases_volsheets_116000``, ``--heldout25`` for ``heldout_statements_partnersheet_camproster``),
generates the lists (seeded), writes them in the input schema, links them with the
package's public API (``estimators.linkage.link_lists``), and reports against the
truth: pairwise precision and recall within and across lists, children found vs true,
pattern-count L1 / n, and log-linear N̂ (AIC) on the linked and on the true histories.
``--details`` adds the error breakdown (recall per pair of lists; false links among
siblings, twins, unrelated children; missed links with re-registered identities, missing
family names, partial birth dates).  Only aggregates are printed: no record, name, date or
identifier.

The held-out profiles are for the final evaluation only: do not run them while tuning.
``heldout_archive``, ``heldout_field_reports``, ``heldout_mixed_registry`` and
``heldout_cross_border`` have been run and then used while the model was improved;
``heldout_ngo_casefiles`` (``--heldout5``) was run once at the end of the session of
2026-12-06 (bench/RESULTS.md) and has been seen since; ``heldout_journal_hotline``
(``--heldout6``) was kept out of tuning after it, and ``heldout_indictment_leak``
(``--heldout7``) after that; both have been run and used since, and so has
``heldout_school_mvd_courts`` (``--heldout8``).  ``heldout_legacy_vk_kobo_vlookup``
(``--heldout9``) was kept out of tuning after them and has been run once.
``heldout_excel_mojibake_pdf`` (``--heldout10``) replaced it as the profile kept out of
tuning and has been run once.  ``heldout_groups_webform_mrz`` (``--heldout11``) replaced it
as the profile kept out of tuning and has been run once.  ``heldout_casemgmt_notices_databank``
(``--heldout12``) replaced it as the profile kept out of tuning and has been run once.
``heldout_households_nlp_backtranslit`` (``--heldout13``) replaced it as the profile kept out
of tuning and has been run once.  ``heldout_sortgap_latvia_callback`` (``--heldout14``) replaced it
as the profile kept out of tuning and has been run once (``--profiles "" --heldout14`` runs it
alone).  ``heldout_lithuania_grades_tzshift`` (``--heldout15``) replaced it as the profile kept
out of tuning and has been run once (``--profiles "" --heldout15`` runs it alone).
``heldout_estonia_exceldates_plurals`` (``--heldout16``) replaced it as the profile kept out of
tuning and has been run once (``--profiles "" --heldout16`` runs it alone).
``heldout_masked_suggest_oms`` (``--heldout17``) replaced it as the profile kept out of tuning
and has been run once (``--profiles "" --heldout17`` runs it alone).
``heldout_manifests_socreg_requests`` (``--heldout18``) replaced it as the profile kept out of
tuning and has been run once (``--profiles "" --heldout18`` runs it alone).
``heldout_zags_mt_schools`` (``--heldout19``) replaced it as the profile kept out of tuning
and has been run once (``--profiles "" --heldout19`` runs it alone).
``heldout_tbilisi_svodki_versions`` (``--heldout20``) replaced it as the profile kept out of
tuning and has been run once (2026-12-07; ``--profiles "" --heldout20`` runs it alone).
``heldout_fillseries_engocr_macfolders`` (``--heldout21``) replaced it as the profile kept out
of tuning and has been run once (2026-12-07; ``--profiles "" --heldout21`` runs it alone).
``heldout_moldova_query_linebreaks`` (``--heldout22``) replaced it as the profile kept out of
tuning and has been run once (2026-12-07; ``--profiles "" --heldout22`` runs it alone).
``heldout_karpatalja_istanbul_hotline`` (``--heldout23``) replaced it as the profile kept out of
tuning and has been run once (2026-12-07; ``--profiles "" --heldout23`` runs it alone).
``heldout_releases_volsheets_116000`` (``--heldout24``) replaced it as the profile kept out of
tuning and has been run once (2026-12-07; ``--profiles "" --heldout24`` runs it alone).
``heldout_statements_partnersheet_camproster`` (``--heldout25``) replaced it as the profile kept out of
tuning and has been run once (2026-12-07; ``--profiles "" --heldout25`` runs it alone).
``heldout_geomap_gform_crowdledger`` (``--heldout26``) replaced it as the profile kept out of
tuning and has been run once (2026-12-07; ``--profiles "" --heldout26`` runs it alone).
``heldout_tickets_docphotos_caseapi`` (``--heldout27``) replaced it as the profile kept out of
tuning and has been run once (2026-12-08; ``--profiles "" --heldout27`` runs it alone).
``heldout_birthdays_starostas_llm`` (``--heldout28``) replaced it as the profile kept out of
tuning and has been run once (2026-12-08; ``--profiles "" --heldout28`` runs it alone).
``heldout_chatexport_birthdays_pesel`` (``--heldout29``) replaced it as the profile kept out of
tuning and has been run once (2026-12-08; ``--profiles "" --heldout29`` runs it alone).
``heldout_rnokpp_interpol_voicebot`` (``--heldout30``) replaced it as the profile kept out of
tuning and has been run once (2026-12-08; ``--profiles "" --heldout30`` runs it alone).
``heldout_protocols_rehab_interpol`` (``--heldout31``) is written for later use, as the profile
kept out of tuning after the thirtieth; it has NOT been run yet: run it ONCE, at the end of the
session that next changes the model after the thirtieth is run (``--profiles "" --heldout31``
runs it alone; not a default profile).

Run: ``python bench/linkage_harness.py [--n 3000] [--seed 0] [--link-seed 1]
[--profiles p1_registers,p2_media] [--heldout] [--heldout2] [--heldout3] [--heldout4] [--heldout5] [--heldout6]
[--heldout7] [--heldout8] [--heldout9] [--heldout10] [--heldout11] [--heldout12] [--heldout13]
[--heldout14] [--heldout15] [--heldout16] [--heldout17] [--heldout18]
[--heldout19] [--heldout20] [--heldout21] [--heldout22] [--heldout23] [--heldout24]
[--heldout25]
[--heldout26]
[--heldout27]
[--heldout28]
[--heldout29]
[--heldout30]
[--heldout31]
[--method NAME] [--details] [--csv out.csv]``
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: tests.harness

from tests.harness import DEFAULT_N, SYNTHETIC_LABEL, TUNING, evaluate_profile, generate  # noqa: E402
from tests.harness.heldout import NAME as HELDOUT  # noqa: E402
from tests.harness.heldout import generate_heldout  # noqa: E402
from tests.harness.heldout2 import NAME as HELDOUT2  # noqa: E402
from tests.harness.heldout2 import generate_heldout2  # noqa: E402
from tests.harness.heldout3 import NAME as HELDOUT3  # noqa: E402
from tests.harness.heldout3 import generate_heldout3  # noqa: E402
from tests.harness.heldout4 import NAME as HELDOUT4  # noqa: E402
from tests.harness.heldout4 import generate_heldout4  # noqa: E402
from tests.harness.heldout5 import NAME as HELDOUT5  # noqa: E402
from tests.harness.heldout5 import generate_heldout5  # noqa: E402
from tests.harness.heldout6 import NAME as HELDOUT6  # noqa: E402
from tests.harness.heldout6 import generate_heldout6  # noqa: E402
from tests.harness.heldout7 import NAME as HELDOUT7  # noqa: E402
from tests.harness.heldout7 import generate_heldout7  # noqa: E402
from tests.harness.heldout8 import NAME as HELDOUT8  # noqa: E402
from tests.harness.heldout8 import generate_heldout8  # noqa: E402
from tests.harness.heldout9 import NAME as HELDOUT9  # noqa: E402
from tests.harness.heldout9 import generate_heldout9  # noqa: E402
from tests.harness.heldout10 import NAME as HELDOUT10  # noqa: E402
from tests.harness.heldout10 import generate_heldout10  # noqa: E402
from tests.harness.heldout11 import NAME as HELDOUT11  # noqa: E402
from tests.harness.heldout11 import generate_heldout11  # noqa: E402
from tests.harness.heldout12 import NAME as HELDOUT12  # noqa: E402
from tests.harness.heldout12 import generate_heldout12  # noqa: E402
from tests.harness.heldout13 import NAME as HELDOUT13  # noqa: E402
from tests.harness.heldout13 import generate_heldout13  # noqa: E402
from tests.harness.heldout14 import NAME as HELDOUT14  # noqa: E402
from tests.harness.heldout14 import generate_heldout14  # noqa: E402
from tests.harness.heldout15 import NAME as HELDOUT15  # noqa: E402
from tests.harness.heldout15 import generate_heldout15  # noqa: E402
from tests.harness.heldout16 import NAME as HELDOUT16  # noqa: E402
from tests.harness.heldout16 import generate_heldout16  # noqa: E402
from tests.harness.heldout17 import NAME as HELDOUT17  # noqa: E402
from tests.harness.heldout17 import generate_heldout17  # noqa: E402
from tests.harness.heldout18 import NAME as HELDOUT18  # noqa: E402
from tests.harness.heldout18 import generate_heldout18  # noqa: E402
from tests.harness.heldout19 import NAME as HELDOUT19  # noqa: E402
from tests.harness.heldout19 import generate_heldout19  # noqa: E402
from tests.harness.heldout20 import NAME as HELDOUT20  # noqa: E402
from tests.harness.heldout20 import generate_heldout20  # noqa: E402
from tests.harness.heldout21 import NAME as HELDOUT21  # noqa: E402
from tests.harness.heldout21 import generate_heldout21  # noqa: E402
from tests.harness.heldout22 import NAME as HELDOUT22  # noqa: E402
from tests.harness.heldout22 import generate_heldout22  # noqa: E402
from tests.harness.heldout23 import NAME as HELDOUT23  # noqa: E402
from tests.harness.heldout23 import generate_heldout23  # noqa: E402
from tests.harness.heldout24 import NAME as HELDOUT24  # noqa: E402
from tests.harness.heldout24 import generate_heldout24  # noqa: E402
from tests.harness.heldout25 import NAME as HELDOUT25  # noqa: E402
from tests.harness.heldout25 import generate_heldout25  # noqa: E402
from tests.harness.heldout26 import NAME as HELDOUT26  # noqa: E402
from tests.harness.heldout26 import generate_heldout26  # noqa: E402
from tests.harness.heldout27 import NAME as HELDOUT27  # noqa: E402
from tests.harness.heldout27 import generate_heldout27  # noqa: E402
from tests.harness.heldout28 import NAME as HELDOUT28  # noqa: E402
from tests.harness.heldout28 import generate_heldout28  # noqa: E402
from tests.harness.heldout29 import NAME as HELDOUT29  # noqa: E402
from tests.harness.heldout29 import generate_heldout29  # noqa: E402
from tests.harness.heldout30 import NAME as HELDOUT30  # noqa: E402
from tests.harness.heldout30 import generate_heldout30  # noqa: E402
from tests.harness.heldout31 import NAME as HELDOUT31  # noqa: E402
from tests.harness.heldout31 import generate_heldout31  # noqa: E402
from tests.harness.profiles import ProfileData  # noqa: E402

#: flag -> (profile name, generator, ordinal for the heading)
HELD_OUT: dict[str, tuple[str, Callable[[int, int], ProfileData], str]] = {
    "heldout": (HELDOUT, generate_heldout, ""),
    "heldout2": (HELDOUT2, generate_heldout2, "second "),
    "heldout3": (HELDOUT3, generate_heldout3, "third "),
    "heldout4": (HELDOUT4, generate_heldout4, "fourth "),
    "heldout5": (HELDOUT5, generate_heldout5, "fifth "),
    "heldout6": (HELDOUT6, generate_heldout6, "sixth "),
    "heldout7": (HELDOUT7, generate_heldout7, "seventh "),
    "heldout8": (HELDOUT8, generate_heldout8, "eighth "),
    "heldout9": (HELDOUT9, generate_heldout9, "ninth "),
    "heldout10": (HELDOUT10, generate_heldout10, "tenth "),
    "heldout11": (HELDOUT11, generate_heldout11, "eleventh "),
    "heldout12": (HELDOUT12, generate_heldout12, "twelfth "),
    "heldout13": (HELDOUT13, generate_heldout13, "thirteenth "),
    "heldout14": (HELDOUT14, generate_heldout14, "fourteenth "),
    "heldout15": (HELDOUT15, generate_heldout15, "fifteenth "),
    "heldout16": (HELDOUT16, generate_heldout16, "sixteenth "),
    "heldout17": (HELDOUT17, generate_heldout17, "seventeenth "),
    "heldout18": (HELDOUT18, generate_heldout18, "eighteenth "),
    "heldout19": (HELDOUT19, generate_heldout19, "nineteenth "),
    "heldout20": (HELDOUT20, generate_heldout20, "twentieth "),
    "heldout21": (HELDOUT21, generate_heldout21, "twenty-first "),
    "heldout22": (HELDOUT22, generate_heldout22, "twenty-second "),
    "heldout23": (HELDOUT23, generate_heldout23, "twenty-third "),
    "heldout24": (HELDOUT24, generate_heldout24, "twenty-fourth "),
    "heldout25": (HELDOUT25, generate_heldout25, "twenty-fifth "),
    "heldout26": (HELDOUT26, generate_heldout26, "twenty-sixth "),
    "heldout27": (HELDOUT27, generate_heldout27, "twenty-seventh "),
    "heldout28": (HELDOUT28, generate_heldout28, "twenty-eighth "),
    "heldout29": (HELDOUT29, generate_heldout29, "twenty-ninth "),
    "heldout30": (HELDOUT30, generate_heldout30, "thirtieth "),
    "heldout31": (HELDOUT31, generate_heldout31, "thirty-first "),
}


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def _pct(x: Any, signed: bool = False) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{100 * x:+.1f}%" if signed else f"{100 * x:.1f}%"


def _rate(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:.3f}"


def _num(x: Any) -> str:
    return "-" if x is None else f"{x:,.0f}"


def table(rows: list[dict[str, Any]]) -> list[str]:
    head = ("| profile | lists | records (left out: too thin) | P within | R within | P across | R across "
            "| children found vs true | L1/n | N̂ linked | N̂ true | N̂ linked vs true | N̂ true, all records | link s |")
    out = [head, "|" + "---|" * 14]
    for r in rows:
        out.append(
            f"| {r['profile']} | {r['lists']} | {r['records']:,} ({r.get('records_left_out', 0):,}) | "
            f"{_rate(r['precision_within'])} | "
            f"{_rate(r['recall_within'])} | {_rate(r['precision_across'])} | {_rate(r['recall_across'])} | "
            f"{r['children_found']:,} vs {r['children_true']:,} ({_pct(r['children_rel_error'], True)}) | "
            f"{_pct(r['pattern_l1_over_n'])} | {_num(r['nhat_linked'])} | {_num(r['nhat_true'])} | "
            f"{_pct(r['nhat_rel_diff'], True)} | {_num(r.get('nhat_true_all_records'))} | {r['link_seconds']} |"
        )
    return out


def details(rows: list[dict[str, Any]]) -> list[str]:
    out = []
    for r in rows:
        recalls = ", ".join(f"{k.removeprefix('recall_across__').replace('__', '-')} {_rate(v)}"
                            for k, v in r.items() if k.startswith("recall_across__"))
        out.append(
            f"- {r['profile']}: recall across by pair of lists: {recalls}; false pairs: siblings "
            f"{r['false_pairs_siblings']}, twins {r['false_pairs_twins']}, unrelated {r['false_pairs_unrelated']}; "
            f"missed pairs with a re-registered identity {r['missed_pairs_new_identity']}, without family name "
            f"{r['missed_pairs_no_family_name']}, partial birth date {r['missed_pairs_partial_birth']}; true pairs "
            f"within {r['pairs_true_within']}, across {r['pairs_true_across']}; models: true {r['model_true']}, "
            f"linked {r['model_linked']} (status {r['status_linked']}); warnings: {r['warnings'] or 'none'}"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--n", type=int, default=DEFAULT_N, help=f"children per profile (default {DEFAULT_N:,})")
    ap.add_argument("--seed", type=int, default=0, help="generation seed (default 0)")
    ap.add_argument("--link-seed", type=int, default=1, help="seed given to link_lists (default 1)")
    ap.add_argument("--profiles", default=",".join(TUNING), help="comma-separated tuning profiles (default all)")
    for flag, (name, _, ordinal) in HELD_OUT.items():
        ap.add_argument(f"--{flag}", action="store_true",
                        help=f"also run the {ordinal}held-out profile {name} (final evaluation only, once: never "
                             "while tuning)")
    ap.add_argument("--fmt", choices=("csv", "parquet"), default="csv")
    ap.add_argument("--method", default="loglinear",
                    help="estimator for N̂ on the linked and the true histories (default loglinear, best AIC; "
                         "recommended is the package's default)")
    ap.add_argument("--details", action="store_true", help="print the error breakdown per profile")
    ap.add_argument("--csv", help="also write every number to this CSV")
    args = ap.parse_args(argv)
    names = [p for p in args.profiles.split(",") if p]
    unknown = [p for p in names if p not in TUNING]
    if unknown:
        hints = "".join(f" ({name} runs only with --{flag})" for flag, (name, _, _) in HELD_OUT.items()
                        if name in unknown)
        ap.error(f"unknown tuning profile(s) {', '.join(unknown)}; known: {', '.join(TUNING)}{hints}")
    logging.getLogger("splink").setLevel(logging.ERROR)
    emit(f"# Linkage on the harness's {SYNTHETIC_LABEL} profiles")
    emit(f"n = {args.n:,} children per profile, seed {args.seed}, link seed {args.link_seed}, lists as {args.fmt}, "
         f"N̂ by {args.method}; "
         f"python {platform.python_version()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    rows = []
    for name in names:
        rows.append(evaluate_profile(generate(name, args.n, args.seed), link_seed=args.link_seed, fmt=args.fmt,
                                     method=args.method))
    if rows:
        emit("")
        emit("Tuning profiles")
        emit("")
        for line in table(rows):
            emit(line)
    held: list[dict[str, Any]] = []
    for flag, (name, make, ordinal) in HELD_OUT.items():
        if not getattr(args, flag):
            continue
        row = evaluate_profile(make(args.n, args.seed), link_seed=args.link_seed, fmt=args.fmt, method=args.method)
        held.append(row)
        emit("")
        emit(f"{ordinal.upper()}HELD-OUT profile {name} (final evaluation, run once; not for tuning)")
        emit("")
        for line in table([row]):
            emit(line)
    if args.details:
        emit("")
        for line in details(rows + held):
            emit(line)
    if args.csv:
        pd.DataFrame(rows + held).to_csv(args.csv, index=False)
        emit("")
        emit(f"numbers written to {args.csv}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
