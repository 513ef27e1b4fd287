"""Clerical review round trip: sample -> personal-data file -> decisions -> precision/recall and m.

The decisions are filled in from the SYNTHETIC generator's truth (a perfect reviewer), so
the estimates can be checked against the true pairwise precision and recall of the same
linkage among the scored pairs.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from estimators.cli import main
from estimators.exceptions import InputError
from estimators.linkage.pipeline import LinkageResult, link_lists
from estimators.linkage.review import (
    MARKER,
    LabelledPairs,
    link_with_labels,
    m_from_labels,
    read_labels,
    review_estimates,
    review_sample,
    write_review,
)
from estimators.linkage.schema import RawList, validate_list
from estimators.linkage.synthetic import SyntheticLinkageData, generate_lists

SEED = 11
N = 900


@pytest.fixture(scope="module")
def data() -> SyntheticLinkageData:
    return generate_lists(N, seed=SEED)


@pytest.fixture(scope="module")
def lists(data) -> list[RawList]:
    return [validate_list(f, name=k) for k, f in data.lists.items()]


@pytest.fixture(scope="module")
def linked(lists) -> LinkageResult:
    return link_lists(lists, seed=SEED)


def _decide(sample: pd.DataFrame, data: SyntheticLinkageData) -> pd.DataFrame:
    person = {(r.list, r.record_id): r.person_id for r in data.truth.itertuples()}
    out = sample.copy()
    out["decision"] = ["match" if person[(a, b)] == person[(c, d)] else "non-match"
                       for a, b, c, d in zip(out["list_l"], out["record_id_l"], out["list_r"], out["record_id_r"],
                                             strict=True)]
    return out


def test_review_file_is_marked_and_round_trips(linked, lists, data, tmp_path: Path) -> None:
    sample = review_sample(linked.scored.pairs, linked.labels, lists, size=120, seed=1)
    per = sample.groupby("stratum").agg(sampled=("pair", "size"), pairs=("stratum_pairs", "first"))
    assert (per["sampled"] >= np.minimum(per["pairs"], 2)).all()
    assert len(sample) == min(120, len(linked.scored.pairs))
    # Neyman allocation: the near-certain top stratum is sampled at a lower rate than the
    # uncertain ones (which are small enough to be taken whole or nearly)
    rate = per["sampled"] / per["pairs"]
    top = per.index.max()
    assert len(per) >= 3 and rate.loc[top] < rate.drop(index=top).max()
    for side in ("l", "r"):
        assert {f"family_name_{side}", f"birth_date_{side}", f"record_id_{side}"} <= set(sample.columns)
    path = write_review(_decide(sample, data), tmp_path / "review.csv")
    assert path.read_text(encoding="utf-8").splitlines()[0] == MARKER
    labels = read_labels(path, lists)
    assert len(labels.node_l) == len(sample) and labels.blank == 0 and labels.unsure == 0


def test_estimates_from_a_perfect_reviewer_cover_the_truth(linked, lists, data, tmp_path: Path) -> None:
    sample = _decide(review_sample(linked.scored.pairs, linked.labels, lists, size=150, seed=2), data)
    labels = read_labels(write_review(sample, tmp_path / "r.csv"), lists)
    est = review_estimates(labels, linked.labels)
    # the truth among scored pairs (the sampling frame)
    truth = pd.concat([data.truth[data.truth["list"] == k].reset_index(drop=True) for k in data.lists],
                      ignore_index=True)["person_id"].to_numpy()
    p = linked.scored.pairs
    a, b = p["node_l"].to_numpy(), p["node_r"].to_numpy()
    match = truth[a] == truth[b]
    linked_pairs = linked.labels[a] == linked.labels[b]
    true_precision = (match & linked_pairs).sum() / linked_pairs.sum()
    true_recall = (match & linked_pairs).sum() / match.sum()
    assert est.precision_lower <= true_precision <= est.precision_upper, (est, true_precision)
    assert est.recall_lower <= true_recall <= est.recall_upper, (est, true_recall)
    assert est.labelled == len(sample) and est.strata_without_labels == 0


def test_ratio_estimator_on_a_known_design() -> None:
    """Two strata: 100 certain pairs (4 sampled, all linked matches) and 20 uncertain ones
    (4 sampled: 2 linked matches, 1 linked non-match, 1 unlinked match)."""
    lp = LabelledPairs(
        node_l=np.arange(0, 16, 2), node_r=np.arange(1, 17, 2),
        match=np.array([True] * 4 + [True, True, False, True]), stratum=np.array([2] * 4 + [1] * 4),
        stratum_pairs={2: 100, 1: 20}, labelled={2: 4, 1: 4}, rows=8, unsure=0, blank=0)
    clusters = np.arange(16)
    for i in range(7):  # pairs 0..6 linked, pair 7 not
        clusters[2 * i + 1] = clusters[2 * i]
    est = review_estimates(lp, clusters)
    # weights 25 and 5: linked matches 4*25 + 2*5 = 110, linked 4*25 + 3*5 = 115, matches 110 + 5 = 115
    assert est.precision == pytest.approx(110 / 115)
    assert est.recall == pytest.approx(110 / 115)
    assert est.precision_lower < est.precision < est.precision_upper <= 1


def test_m_from_labels_moves_em_towards_the_labels(linked, lists, data, tmp_path: Path) -> None:
    sample = _decide(review_sample(linked.scored.pairs, linked.labels, lists, size=200, seed=3), data)
    labels = read_labels(write_review(sample, tmp_path / "r.csv"), lists)
    em = {name: [lv["m"] for lv in rows] for name, rows in linked.scored.parameters["comparisons"].items()}
    m = m_from_labels(labels, linked.scored.pairs, linked.scored.levels, em_m=em)
    assert m and set(m) <= set(em)
    for name, values in m.items():
        assert sum(values) == pytest.approx(1.0)
        assert all(0 < v < 1 for v in values)
        assert len(values) == len(em[name])


def test_link_with_labels_reports_review_estimates_in_the_summary(lists, data, linked, tmp_path: Path) -> None:
    sample = _decide(review_sample(linked.scored.pairs, linked.labels, lists, size=100, seed=4), data)
    path = write_review(sample, tmp_path / "r.csv")
    result = link_with_labels(lists, path, seed=SEED)
    review = result.summary.review
    assert review is not None and review["labelled"] == len(sample)
    text = result.summary.render()
    assert "clerical review (100 labelled pairs): precision" in text
    assert json.dumps(result.summary.to_dict())  # serialisable


def test_bad_labels_are_refused_without_echoing_values(lists, linked, data, tmp_path: Path) -> None:
    sample = _decide(review_sample(linked.scored.pairs, linked.labels, lists, size=20, seed=5), data)
    secret = str(sample.loc[0, "record_id_l"])
    bad = sample.copy()
    bad.loc[1, "decision"] = "perhaps"
    with pytest.raises(InputError, match="decision") as err:
        read_labels(write_review(bad, tmp_path / "bad.csv"), lists)
    assert "perhaps" not in str(err.value)
    bad = sample.copy()
    bad.loc[0, "record_id_l"] = secret + "X"
    with pytest.raises(InputError, match="record not in the lists") as err:
        read_labels(write_review(bad, tmp_path / "bad2.csv"), lists)
    assert secret not in str(err.value)


def test_cli_review_labels_and_privacy(data, tmp_path: Path, capsys, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    paths = data.write(tmp_path / "lists")
    out = tmp_path / "h.csv"
    review = tmp_path / "review_personal.csv"
    dashboard = tmp_path / "viewer_personal.html"
    code = main(["link", *map(str, paths), "--out", str(out), "--seed", str(SEED), "--review", str(review),
                 "--review-size", "40", "--dashboard", str(dashboard)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "PERSONAL DATA" in printed and review.exists()
    assert dashboard.exists() and dashboard.read_bytes().lstrip()[:1] == b"<"  # Splink's comparison viewer (HTML)
    sample = pd.read_csv(review, skiprows=1, dtype=str, keep_default_na=False)
    assert len(sample) == 40
    decided = _decide(sample, data)
    labels = tmp_path / "labels_personal.csv"
    write_review(decided, labels)
    code = main(["link", *map(str, paths), "--out", str(out), "--seed", str(SEED), "--labels", str(labels), "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["review"]["labelled"] == 40
    # nothing of the review file reaches the output, the sidecar or the logs
    text = json.dumps(summary) + caplog.text + out.with_suffix(".linkage.json").read_text(encoding="utf-8")
    frames = pd.concat(data.lists.values())
    secrets = {s for s in set(frames["record_id"]) | set(frames["family_name"]) | set(frames["given_name"])
               if len(s) >= 4}
    assert [s for s in secrets if s in text] == []
