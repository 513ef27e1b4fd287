"""Linkage quality on the generator's DEFAULT SYNTHETIC lists: precision/recall, and coverage of the true N.

The data are ``generate_lists(3000, seed=1)`` with the default profiles and the default
heterogeneity: Russian/Belarusian name forms, romanisations, typos, missing, partial
and transposed birth dates, within-list duplicates, capture that varies between
children (a per-child random effect with sd 0.5 shared by the lists), and on the
Russian-sourced list 3% of children re-registered under new names, patronymic and
birthplace (birth date, sex, origin institution, removal date and destination kept).

Thresholds (issue 5, item 8): pairwise precision and recall >= 0.95 at the default
threshold 0.9; the 95% interval after linkage, with linkage uncertainty carried in
(R = 10 linkage replicates, Rubin's rules), covers the true N = 3000.

The estimator is Rcapture's ``Mth-darroch`` (Darroch et al. 1993): the generator's
capture heterogeneity is a per-child propensity shared by the lists (a Rasch model),
which Darroch's log-linear heterogeneity model approximates.  Measured on the
truth-linked histories of seeds 10-29 (N = 3000, default data), its 95% interval
covers N in 19 of 20 seeds; ``loglinear`` with AIC in 6 of 20 and ``lcm`` in 4 of 20
(three lists leave the latent classes weakly identified), so with those a miss would
be the estimator's fault, not the linkage's.  During development the combined interval
covered N in 15 of 16 seeds (1-16) with ``Mth-darroch`` (the miss, seed 16, by 7 children,
where the truth-linked interval only just covers), and in 3 of 3 at N = 10,000 (seeds
1-3); ``loglinear`` (AIC) covered in 8 of 16.  The test uses seed 1.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from estimators import methods
from estimators.linkage.model import LinkageSettings, LinkageWarning
from estimators.linkage.pipeline import LinkageResult, link_lists
from estimators.linkage.replicates import estimate_with_linkage_replicates
from estimators.linkage.schema import validate_list
from estimators.linkage.synthetic import DEFAULT_PROFILES, SyntheticLinkageData, generate_lists, pairwise_quality

N = 3000
SEED = 1
REPLICATES = 10
METHOD = "Mth-darroch"


def node_truth(data: SyntheticLinkageData) -> pd.DataFrame:
    """The truth in node order (lists in order, records in file order)."""
    return pd.concat([data.truth[data.truth["list"] == k].reset_index(drop=True) for k in data.lists],
                     ignore_index=True)


def run(data: SyntheticLinkageData, seed: int, settings: LinkageSettings | None = None
        ) -> tuple[LinkageResult, dict[str, float]]:
    lists = [validate_list(frame, name=name) for name, frame in data.lists.items()]
    result = link_lists(lists, settings=settings, seed=seed)
    return result, pairwise_quality(pd.Series(result.labels), node_truth(data)["person_id"])


def reregistered_pairs(data: SyntheticLinkageData, result: LinkageResult) -> np.ndarray:
    """Match probability of every true pair that involves a re-registered record (0 if not scored)."""
    truth = node_truth(data)
    truth["node"] = np.arange(len(truth))
    pairs = truth.merge(truth, on="person_id")
    pairs = pairs[(pairs["node_x"] < pairs["node_y"]) & (pairs["changed_identity_x"] | pairs["changed_identity_y"])]
    d = result.data
    scored = pd.DataFrame({"node_x": d.node_l, "node_y": d.node_r, "p": d.probability})
    return pairs.merge(scored, on=["node_x", "node_y"], how="left")["p"].fillna(0.0).to_numpy()


@pytest.fixture(scope="module")
def default_data() -> SyntheticLinkageData:
    data = generate_lists(N, seed=SEED)
    assert data.label == "synthetic" and data.truth["changed_identity"].any()
    return data


@pytest.fixture(scope="module")
def default_linkage(default_data) -> tuple[LinkageResult, dict[str, float]]:
    return run(default_data, seed=SEED)


def test_precision_and_recall_at_the_default_threshold(default_linkage) -> None:
    result, q = default_linkage
    assert result.settings.threshold == 0.5
    assert q["precision"] >= 0.95, q
    assert q["recall"] >= 0.95, q


def test_reregistered_children_are_scored_and_mostly_linked(default_data, default_linkage) -> None:
    result, _ = default_linkage
    p = reregistered_pairs(default_data, result)
    assert len(p) >= 10
    # the fields a re-registration keeps (birth date, sex, removal date, destination)
    # carry most of these pairs; the rest stay uncertain, for the replicates to draw
    assert np.mean(p >= 0.5) >= 0.5, np.round(p, 3)
    m = {lv["level"]: lv["m"] for lv in result.scored.parameters["comparisons"]["identity"]}
    assert 0.002 < m["every identity field present differs"] < 0.2, m


def test_interval_with_linkage_uncertainty_covers_the_true_n(default_data, default_linkage) -> None:
    result, _ = default_linkage
    spec = methods.create(METHOD, seed=11)
    combined = estimate_with_linkage_replicates(spec, result.data, REPLICATES, seed=11)
    assert combined.has_estimate
    assert combined.lower is not None and combined.upper is not None
    assert combined.lower <= default_data.n_true <= combined.upper, combined.to_dict()
    # the truth-linked histories' interval covers N too: the estimator suits heterogeneous capture
    truth = spec.fit(default_data.true_histories())
    assert truth.lower is not None and truth.upper is not None
    assert truth.lower <= default_data.n_true <= truth.upper
    # and the linkage moves the estimate little: within 3% of the truth-linked one (seeds 1-16:
    # at most 2.9%; before re-registered children could be linked, 3.9-6.3% on seeds 1-6)
    assert truth.estimate is not None and abs(combined.estimate / truth.estimate - 1) < 0.03


def test_missed_links_inflate_the_count_when_identities_cannot_be_linked(default_data, default_linkage) -> None:
    """The plain model (independent comparisons per field) cannot link a re-registered child."""
    result, _ = default_linkage
    plain, q = run(default_data, seed=SEED, settings=LinkageSettings(reregistration=False))
    assert "identity" not in plain.scored.parameters["comparisons"]
    assert np.all(reregistered_pairs(default_data, plain) < 0.5)
    true_n = default_data.true_histories().n
    # missed links: more children observed than there are, and more than with the re-registration model
    assert plain.histories.n > result.histories.n >= true_n - 5
    assert plain.histories.n - true_n >= 10
    spec = methods.create(METHOD, seed=11)
    assert spec.fit(plain.histories).estimate > spec.fit(result.histories).estimate


def test_still_good_when_removal_dates_and_destinations_are_noisy() -> None:
    """The default lists record removal date and destination without error; here 30% / 20% of
    records get them wrong (shifted or blank, another or unknown region)."""
    profiles = [dataclasses.replace(p, removal_error=0.3, destination_error=0.2) for p in DEFAULT_PROFILES]
    data = generate_lists(N, profiles=profiles, seed=2)
    result, q = run(data, seed=2)
    assert q["precision"] >= 0.95 and q["recall"] >= 0.95, q
    spec = methods.create(METHOD, seed=12)
    combined = estimate_with_linkage_replicates(spec, result.data, REPLICATES, seed=12)
    assert combined.lower is not None and combined.upper is not None
    assert combined.lower <= data.n_true <= combined.upper, combined.to_dict()


# ---------------------------------------------------------------- the independent harness
# Issue 11 item 4: quality on lists this project's generator did not write.  The harness
# (tests/harness, written without reading the model) has four tuning profiles and three
# held-out ones, each written by another author; the first two (heldout_archive,
# heldout_field_reports) were each run once as held-out and then used to improve the
# model, so they are tuning profiles here; the third (heldout_mixed_registry) is never
# used here.  N = 1,500 children per profile, generation seed 0, link seed 1, to keep the
# test time modest (bench/RESULTS.md has N = 3,000).
#
# The bounds are the targets where the model meets them (precision and recall
# across lists >= 0.98, children found within 2% of the truth: p1 and p4) and regression
# guards a few points below the measured values where it does not (p2: a third of one
# list without family name, ages for birth dates, diminutives; p3: a quarter of the
# cross-list pairs involve a re-registered identity; heldout_field_reports: mothers' and
# guardians' family names, names by ear, ages typed in months later).  Measured at this
# size (2026-12-06, after the settlement frequencies, name-cell repair and by-ear folds):
# p1 P 0.998 R 0.997 children +0.1%; p2 P 0.972 R 0.952 +1.7%; p3 P 0.989 R 0.882 +5.5%;
# p4 P 1.000 R 0.993 +0.5%; heldout_archive P 0.977 R 0.965 +0.8%; heldout_field_reports
# P 0.965 R 0.810 +8.6%.  The model before issue 11, at N = 3,000 (bench/RESULTS.md):
# precision 0.83-0.86 and recall 0.94-0.96 on p1/p4, recall 0.62-0.66 on p2/p3.
HARNESS_N = 1500
HARNESS_BOUNDS = {
    # profile: (min precision across, min recall across, max |children error|,
    #           max false links between siblings or twins)
    "p1_registers": (0.98, 0.98, 0.02, 5),
    "p2_media": (0.95, 0.92, 0.04, 5),
    "p3_russian_db": (0.97, 0.85, 0.07, 5),
    "p4_ocr_police": (0.98, 0.98, 0.02, 5),
    # larger families and more twins: 13 measured, 18 since Belarusian ў folds as v (twins'
    # family names written with ў now agree; at N = 3,000 the count stayed 8 either way)
    "heldout_archive": (0.96, 0.95, 0.02, 20),
    "heldout_field_reports": (0.94, 0.78, 0.10, 5),
    # held out once each (2026-12-06 evening), tuned on since; measured at n = 1,500 on the final
    # model (315bb2e): precision / recall across, children error, false kin links 0.981 / 0.961 /
    # +2.2% / 0 and 0.967 / 0.935 / +2.9% / 17 (twins in the accommodation-centre sheets'
    # two-children rows); bounds a little below, as for the profiles above
    "heldout_journal_hotline": (0.96, 0.94, 0.04, 5),
    "heldout_indictment_leak": (0.95, 0.91, 0.05, 25),
    # held out once (2026-12-06), tuned on since: an ombudsman's digest printing family names as
    # initials with birth years only; measured at n = 1,500 with initials given their Bayes factor
    # given the format (estimators/linkage/formats.py): 0.959 / 0.731 / +8.6% / 0 (before it:
    # recall 0.705, +9.7%); the recall bound fails without that step.  On the session's final
    # model (28ee08c): 0.943 / 0.733 / +7.9% / 0
    "heldout_ngo_casefiles": (0.92, 0.72, 0.10, 5),
    # held out once (2026-12-06, night: N-hat +216.5% at n = 3,000, recall across 0.634, a partner's
    # files decoded with the wrong code page), tuned on since: measured at n = 1,500 with the values
    # read back (estimators/linkage/mojibake.py): 0.998 / 0.956 / +1.9% / 0; without that step recall
    # 0.678 and +12.9%; on the session's final model (28ee08c): 0.991 / 0.972 / +1.1% / 0
    "heldout_excel_mojibake_pdf": (0.97, 0.93, 0.04, 5),
}


@pytest.fixture(scope="module", params=sorted(HARNESS_BOUNDS))
def harness_row(request) -> dict:
    from tests.harness import TUNING, evaluate_profile, generate
    from tests.harness.heldout import NAME as ARCHIVE
    from tests.harness.heldout import generate_heldout
    from tests.harness.heldout2 import NAME as FIELD_REPORTS
    from tests.harness.heldout2 import generate_heldout2
    from tests.harness.heldout5 import NAME as NGO_CASEFILES
    from tests.harness.heldout5 import generate_heldout5
    from tests.harness.heldout6 import NAME as JOURNAL_HOTLINE
    from tests.harness.heldout6 import generate_heldout6
    from tests.harness.heldout7 import NAME as INDICTMENT_LEAK
    from tests.harness.heldout7 import generate_heldout7
    from tests.harness.heldout10 import NAME as EXCEL_MOJIBAKE_PDF
    from tests.harness.heldout10 import generate_heldout10

    former = {ARCHIVE: generate_heldout, FIELD_REPORTS: generate_heldout2,  # held out once, tuned on since
              JOURNAL_HOTLINE: generate_heldout6, INDICTMENT_LEAK: generate_heldout7,
              NGO_CASEFILES: generate_heldout5, EXCEL_MOJIBAKE_PDF: generate_heldout10}
    assert request.param in TUNING or request.param in former
    make = former.get(request.param, lambda n, seed: generate(request.param, n, seed))
    return evaluate_profile(make(HARNESS_N, 0), link_seed=1)


def test_harness_profile_quality(harness_row) -> None:
    p_min, r_min, c_max, kin_max = HARNESS_BOUNDS[harness_row["profile"]]
    assert harness_row["precision_across"] >= p_min, harness_row
    assert harness_row["recall_across"] >= r_min, harness_row
    assert abs(harness_row["children_rel_error"]) <= c_max, harness_row
    # no false link through a sibling or a twin beyond a handful
    assert harness_row["false_pairs_siblings"] + harness_row["false_pairs_twins"] <= kin_max, harness_row


def test_a_poor_linkage_says_so() -> None:
    """The model's own expected precision and recall, and its expected number of matching pairs.

    On heldout_field_reports (the second held-out profile, now a tuning profile: mothers'
    family names, names by ear, ages for dates) about a tenth of the matching pairs are
    never linked and N-hat on the linked histories is far too high; the linkage must say
    so.  The shortfall of linked pairs against the model's expected matching pairs is a
    lower reading of the share truly missed.  On p1 (registers) nothing is missed and
    nothing is said.
    """
    import tempfile
    import warnings

    from estimators.linkage.summary import QUALITY_WARNING
    from tests.harness import generate
    from tests.harness.heldout2 import generate_heldout2
    from tests.harness.metrics import write_profile

    def link(data):
        with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = link_lists(write_profile(data, tmp, "csv"), seed=1)
        said = [str(w.message) for w in caught if issubclass(w.category, LinkageWarning)]
        child = data.truth["child"].to_numpy()
        together = pd.DataFrame({"c": child, "l": result.labels}).groupby(["c", "l"]).size()
        per_child = pd.Series(child).value_counts()
        missed = 1 - (together * (together - 1) // 2).sum() / (per_child * (per_child - 1) // 2).sum()
        return result.summary, said, missed

    poor, said, missed = link(generate_heldout2(3000, 0))
    assert missed > 0.05
    assert poor.expected_recall is not None and poor.expected_recall < QUALITY_WARNING
    assert [m for m in said if "linkage model itself expects to miss" in m and "too high" in m]
    assert "linkage model itself expects" in poor.render()
    assert poor.pair_shortfall is not None and poor.pair_shortfall < missed
    assert "matching pairs that the model's calibrated prior expects" in poor.render()
    good, said, missed = link(generate("p1_registers", HARNESS_N, 0))
    assert missed < 0.01 and not said
    assert good.expected_recall is not None and good.expected_recall >= QUALITY_WARNING
    assert good.pair_shortfall is not None and good.pair_shortfall < 0.05


def test_leaving_thin_records_out_brings_the_estimate_towards_the_truth(tmp_path) -> None:
    """Records too thin to link (:mod:`estimators.linkage.identifiable`) left out of the histories.

    ``heldout_ngo_casefiles`` (an ombudsman's digest printing family names as initials, birth
    years or nothing, and an NGO's case files writing the family name once per case) at
    n = 1,500: N̂ on the linked histories against N̂ on the true histories of the same records,
    with every record counted and with thin records left out.  The linkage is the same; only
    the records that put a child on a list differ.
    """
    from tests.harness import write_profile
    from tests.harness.heldout5 import generate_heldout5
    from tests.harness.metrics import evaluate_labels

    data = generate_heldout5(HARNESS_N, 0)
    with pytest.warns(LinkageWarning):  # the intake-minus-age birth dates and the weak digest, said
        result = link_lists(write_profile(data, tmp_path), seed=1)
    counted = result.data.node_counted
    assert counted is not None and 0 < int((~counted).sum()) < len(counted) // 4
    thinned, _ = evaluate_labels(data, result.labels, counted=counted)
    every, _ = evaluate_labels(data, result.labels)
    assert thinned.nhat_rel_diff is not None and every.nhat_rel_diff is not None
    # measured (64c46d8): 217 records left out; N̂ (loglinear, best AIC) on linked vs true histories
    # +115.8% (3,519 vs 1,631) with every record, +29.9% (1,888 vs 1,453) without the thin ones.
    # The bound (less than half the gap) leaves room for a model change; it fails if the thin
    # records put their children on their lists again
    assert abs(thinned.nhat_rel_diff) < abs(every.nhat_rel_diff) / 2
