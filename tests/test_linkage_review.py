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


# ---------------------------------------------------------------- labels files a reviewer hands back


def test_no_decided_pair_gives_no_estimate_rather_than_nan(linked, lists, tmp_path: Path) -> None:
    # was: NaN precision and recall, and json.dumps(allow_nan=False) of the sidecar failed after the linkage
    sample = review_sample(linked.scored.pairs, linked.labels, lists, size=20, seed=6)
    for decision in ("", "unsure"):  # the review file handed back unfilled, or every pair unsure
        labels = read_labels(write_review(sample.assign(decision=decision), tmp_path / "r.csv"), lists)
        est = review_estimates(labels, linked.labels)
        assert est.labelled == 0 and est.precision is None and est.recall_upper is None
        d = est.to_dict()
        assert "precision not available" in d["note"] and "recall not available" in d["note"]
        json.dumps(d, allow_nan=False)
        assert m_from_labels(labels, linked.scored.pairs, linked.scored.levels) == {}
    # only non-matches decided: precision may be estimated, recall not
    one = sample.assign(decision="non-match")
    est = review_estimates(read_labels(write_review(one, tmp_path / "r.csv"), lists), linked.labels)
    assert est.recall is None and "recall not available" in est.to_dict()["note"]


def test_cli_labels_all_unsure_link_and_say_no_estimate(tmp_path: Path, capsys) -> None:
    small = generate_lists(60, seed=SEED)
    paths = [str(p) for p in small.write(tmp_path / "lists")]
    out, review = tmp_path / "h.csv", tmp_path / "review.csv"
    assert main(["link", *paths, "--out", str(out), "--review", str(review), "--review-size", "8"]) == 0
    capsys.readouterr()
    sample = pd.read_csv(review, skiprows=1, dtype=str, keep_default_na=False)
    labels = write_review(sample.assign(decision="unsure"), tmp_path / "labels.csv")
    assert main(["link", *paths, "--out", str(out), "--labels", str(labels)]) == 0
    printed = capsys.readouterr().out
    assert "precision not available, recall not available" in printed and f"{len(sample)} unsure" in printed
    meta = json.loads(out.with_suffix(".linkage.json").read_text(encoding="utf-8"),
                      parse_constant=lambda c: pytest.fail(f"{c} in the sidecar"))
    r = meta["summary"]["review"]
    assert r["precision"] is None and r["recall"] is None and r["note"] and r["m_from_labels"] == []


def _refused_before_linking(monkeypatch, capsys, data, tmp_path: Path, labels: Path) -> str:
    """Run 'link --labels' on the module's lists; the linkage must never start. Returns stderr."""
    import estimators.linkage.pipeline as pipeline

    monkeypatch.setattr(pipeline, "link_lists", lambda *a, **k: pytest.fail("linked before checking the labels"))
    paths = data.write(tmp_path / "lists")
    code = main(["link", *map(str, paths), "--out", str(tmp_path / "h.csv"), "--labels", str(labels)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("removals: error:") and err.count("\n") == 1, err
    assert err.startswith(f"removals: error: {labels.name}, ") or err.startswith(f"removals: error: {labels}, ")
    assert not (tmp_path / "h.csv").exists()
    return err


def _secrets(sample: pd.DataFrame) -> list[str]:
    return [str(v) for c in ("record_id_l", "record_id_r", "family_name_l", "given_name_r", "birth_date_l")
            for v in sample[c] if len(str(v)) >= 4]


@pytest.mark.parametrize(("column", "values", "problem"), [
    ("stratum_pairs", {2: "0"}, "whole number >= 1"),
    ("stratum_pairs", {2: "-5"}, "whole number >= 1"),
    ("stratum_pairs", {2: "many"}, "whole number >= 1"),
    ("stratum_pairs", {2: ""}, "whole number >= 1"),
    ("stratum", {2: "9"}, "from 1 to 7"),
    ("stratum", {2: "2.5"}, "from 1 to 7"),
])
def test_impossible_design_values_are_refused_before_linking(linked, lists, data, tmp_path: Path, capsys,
                                                             monkeypatch, column, values, problem) -> None:
    # was: stratum_pairs 0 or negative ran the whole linkage, then crashed with exit 1 (NaN in JSON)
    sample = _decide(review_sample(linked.scored.pairs, linked.labels, lists, size=20, seed=7), data)
    bad = sample.astype({column: object})
    for i, v in values.items():
        bad.loc[i, column] = v
    err = _refused_before_linking(monkeypatch, capsys, data, tmp_path, write_review(bad, tmp_path / "lab.csv"))
    assert f"row 3 (line 5), column '{column}': " in err and problem in err, err
    assert [s for s in _secrets(sample) if s in err] == []


def test_design_values_that_contradict_each_other_are_refused(linked, lists, data, tmp_path: Path, capsys,
                                                               monkeypatch) -> None:
    sample = _decide(review_sample(linked.scored.pairs, linked.labels, lists, size=20, seed=7), data)
    h = sample["stratum"].value_counts().idxmax()  # a stratum with at least two rows
    rows = np.flatnonzero(sample["stratum"].to_numpy() == h)
    bad = sample.copy()
    bad.loc[rows[0], "stratum_pairs"] = int(bad.loc[rows[0], "stratum_pairs"]) + 1
    err = _refused_before_linking(monkeypatch, capsys, data, tmp_path, write_review(bad, tmp_path / "lab.csv"))
    assert "stratum_pairs differs between rows of one stratum" in err
    bad = sample.copy()
    bad.loc[rows, "stratum_pairs"] = 1  # fewer scored pairs than the stratum's sampled rows
    err = _refused_before_linking(monkeypatch, capsys, data, tmp_path, write_review(bad, tmp_path / "lab.csv"))
    assert "more rows than its stratum_pairs" in err and "columns 'stratum', 'stratum_pairs'" in err


def test_a_pair_on_two_rows_is_refused_naming_the_rows(linked, lists, data, tmp_path: Path, capsys,
                                                       monkeypatch) -> None:
    # was: a copied row counted twice (narrower interval); one pair decided match and non-match was accepted
    sample = _decide(review_sample(linked.scored.pairs, linked.labels, lists, size=20, seed=8), data)
    n = len(sample)
    copied = pd.concat([sample, sample.iloc[[4]]], ignore_index=True)
    err = _refused_before_linking(monkeypatch, capsys, data, tmp_path, write_review(copied, tmp_path / "lab.csv"))
    assert f"rows 5, {n + 1} (lines 7, {n + 3})" in err and "same pair of records is on more than one row" in err
    assert "copied row" in err and [s for s in _secrets(sample) if s in err] == []
    # the same pair again, its records in the other order and decided the other way
    other = sample.iloc[[2]].copy()
    for a, b in (("list_l", "list_r"), ("record_id_l", "record_id_r")):
        other[[a, b]] = other[[b, a]].to_numpy()
    other["decision"] = "non-match" if sample.loc[2, "decision"] == "match" else "match"
    conflict = pd.concat([sample, other], ignore_index=True)
    err = _refused_before_linking(monkeypatch, capsys, data, tmp_path, write_review(conflict, tmp_path / "lab.csv"))
    assert f"rows 3, {n + 1}" in err and "decided both match and non-match" in err
    assert [s for s in _secrets(sample) if s in err] == []
