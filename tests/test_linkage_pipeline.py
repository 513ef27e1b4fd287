"""Linkage end to end on small SYNTHETIC lists: histories, summary, sidecar, determinism, privacy."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from estimators.linkage.files import read_linkage, sidecar_paths
from estimators.linkage.model import LinkageSettings, cluster_pairs
from estimators.linkage.pipeline import LinkageResult, link_lists
from estimators.linkage.schema import RawList, validate_list
from estimators.linkage.summary import WITHHELD, suppress_small_cells
from estimators.linkage.synthetic import generate_lists

SEED = 20240601


@pytest.fixture(scope="module")
def synthetic():
    return generate_lists(500, seed=SEED)


@pytest.fixture(scope="module")
def raw_lists(synthetic) -> list[RawList]:
    return [validate_list(frame, name=name) for name, frame in synthetic.lists.items()]


@pytest.fixture(scope="module")
def linked(raw_lists) -> LinkageResult:
    return link_lists(raw_lists, strata="origin_settlement", seed=SEED)


def test_histories_are_one_row_per_cluster(linked: LinkageResult, raw_lists) -> None:
    h = linked.histories
    assert h.lists == tuple(r.name for r in raw_lists)
    assert h.strata_columns == ("origin_settlement",)
    assert h.n == len(np.unique(linked.labels)) == linked.summary.children
    # each list: at most its records (duplicates collapse), at least records - merged duplicates
    for i, raw in enumerate(raw_lists):
        on_list = len(np.unique(linked.labels[linked.data.node_list == i]))
        assert h.list_sizes[raw.name] == on_list <= raw.size
    assert sum(h.list_sizes.values()) == linked.scored.n - linked.summary.duplicates_merged


def test_stratified_histories_sum_to_the_unstratified(linked: LinkageResult) -> None:
    total = linked.histories.collapse_strata()
    direct = linked.data.point_histories()
    assert np.array_equal(total.cell_counts(), direct.collapse_strata().cell_counts())
    assert "unknown" in {lab[0] for lab in linked.histories.strata_labels()} or linked.histories.n > 0


def test_summary_is_consistent_and_public_output_suppresses_small_cells(linked: LinkageResult) -> None:
    s = linked.summary
    sizes = s.cluster_sizes
    assert int((sizes["size"] * sizes["clusters"]).sum()) == linked.scored.n
    assert int(sizes["clusters"].sum()) == s.children
    assert int(s.pairs[["within_list", "across_lists"]].to_numpy().sum()) == len(linked.data.probability)
    public = s.to_dict(public=True, min_cell=5)
    shown = [row["clusters"] for row in public["cluster_sizes"]]
    exact = [int(v) for v in sizes["clusters"]]
    for a, b in zip(shown, exact, strict=True):
        # a cell of 5 or more may be withheld to protect a small one (secondary suppression)
        assert a == "<5" if 0 < b < 5 else a in (b, WITHHELD)
    if "<5" in shown:  # the count, records and pairs linked tie the sizes: at least four withheld
        assert sum(isinstance(a, str) for a in shown) >= min(4, len(shown))
    assert suppress_small_cells(4, 5) == "<5" and suppress_small_cells(5, 5) == 5


def test_same_seed_same_output(raw_lists, linked: LinkageResult, tmp_path: Path) -> None:
    again = link_lists(raw_lists, strata="origin_settlement", seed=SEED)
    pd.testing.assert_frame_equal(again.histories.to_frame(), linked.histories.to_frame())
    assert np.array_equal(again.data.node_l, linked.data.node_l)
    np.testing.assert_allclose(again.data.probability, linked.data.probability, rtol=1e-9)
    assert again.settings.seed == linked.settings.seed == SEED


def test_sidecar_round_trip_reproduces_the_point_linkage(linked: LinkageResult, tmp_path: Path) -> None:
    out = tmp_path / "histories.csv"
    paths = linked.write(out)
    meta, table = sidecar_paths(out)
    assert paths == [out, meta, table]
    data = read_linkage(out)
    assert data.lists == linked.histories.lists and data.seed == SEED and data.threshold == LinkageSettings().threshold == 0.5
    pd.testing.assert_frame_equal(data.point_histories().to_frame(), linked.histories.to_frame())
    written = pd.read_csv(out)
    assert list(written.columns) == [*linked.histories.lists, "origin_settlement", "count"]
    assert int(written["count"].sum()) == linked.histories.n


def test_outputs_and_logs_hold_no_names_dates_or_ids(raw_lists, synthetic, tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    result = link_lists(raw_lists, seed=SEED)
    out = tmp_path / "h.csv"
    paths = result.write(out, public=True)
    text = caplog.text + "".join(p.read_bytes().decode("utf-8", "replace") for p in paths)
    text += result.summary.render(public=True) + json.dumps(result.summary.to_dict(public=True))
    parquet = pd.read_parquet(paths[2])
    text += " ".join(str(v) for v in parquet.to_numpy().ravel())
    frames = pd.concat(synthetic.lists.values())
    secrets = set(frames["record_id"]) | set(frames["family_name"]) | set(frames["given_name"])
    secrets |= {d for d in frames["birth_date"] if len(d) == 10}
    secrets = {s for s in secrets if len(s) >= 4}
    leaked = [s for s in secrets if s in text]
    assert leaked == []


def test_threshold_changes_links_in_the_known_direction(linked: LinkageResult) -> None:
    d = linked.data
    strict = d.point_histories(0.999).collapse_strata()
    loose = d.point_histories(0.5).collapse_strata()
    assert strict.n >= linked.histories.n >= loose.n


def test_cluster_pairs_are_connected_components() -> None:
    labels = cluster_pairs(6, np.array([0, 1, 3]), np.array([1, 2, 4]), np.array([True, True, False]))
    assert labels[0] == labels[1] == labels[2]
    assert len({labels[3], labels[4], labels[5], labels[0]}) == 4


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="threshold"):
        LinkageSettings(threshold=1.0)
    with pytest.raises(ValueError, match="backend"):
        LinkageSettings(backend="sqlite")
    with pytest.raises(ValueError, match="keep_above"):
        LinkageSettings(threshold=0.5, keep_above=0.6)


def test_implausibly_large_clusters_are_flagged_with_a_warning(raw_lists) -> None:
    from estimators.linkage.summary import ImplausibleClusterWarning

    # a low threshold chains false links; a limit of 2 records per cluster flags them
    with pytest.warns(ImplausibleClusterWarning, match="cluster"):
        r = link_lists(raw_lists, settings=LinkageSettings(threshold=0.02, max_cluster_size=2), seed=SEED)
    assert r.summary.flagged_clusters > 0
    assert r.summary.flagged_records > 2 * r.summary.flagged_clusters


def test_lists_without_some_fields_still_link(synthetic) -> None:
    lists = [validate_list(f.drop(columns=["birth_date", "patronymic"]), name=k) for k, f in synthetic.lists.items()]
    r = link_lists(lists, seed=SEED)
    assert r.histories.n == r.summary.children
    assert "birth_date" not in r.scored.parameters["comparisons"]
    assert "family_key" in r.scored.parameters["comparisons"]


def test_lists_with_nothing_to_compare_are_rejected(synthetic) -> None:
    lists = [validate_list(f[["record_id", "sex"]], name=k) for k, f in synthetic.lists.items()]
    with pytest.raises(ValueError, match="too few fields"):
        link_lists(lists, seed=SEED)


def test_identity_comparison_counts_a_rewritten_identity_once(linked: LinkageResult, raw_lists) -> None:
    comps = linked.scored.parameters["comparisons"]
    identity = {lv["level"]: lv for lv in comps["identity"]}
    assert set(identity) == {"some identity field agrees", "every identity field present differs"}
    # "some agree": u fixed at 1 (the fields' u are in their own comparisons); "every differs":
    # u = the share of pairs of different children that differ on every identity field
    assert identity["some identity field agrees"]["u"] == 1.0
    assert 0.5 < identity["every identity field present differs"]["u"] < 1.0
    assert sum(lv["m"] for lv in identity.values()) == pytest.approx(1.0)
    for col in ("family_key", "given_key", "patronymic_key", "settlement_key"):
        assert "every identity field differs" not in {lv["level"] for lv in comps[col]}  # a null level
    assert {"removal_date", "destination_key"} <= set(comps)
    plain = link_lists(raw_lists, settings=LinkageSettings(reregistration=False), seed=SEED)
    assert "identity" not in plain.scored.parameters["comparisons"]
    # the fields' u are the plain model's (marginal), not conditional on some field agreeing
    for col in ("family_key", "given_key"):
        a = [lv["u"] for lv in comps[col]]
        b = [lv["u"] for lv in plain.scored.parameters["comparisons"][col]]
        np.testing.assert_allclose(a, b, rtol=1e-9)


def test_linked_pairs_against_the_expected_matching_pairs() -> None:
    """Hand-computed: clusters of sizes 3, 2, 1, 1 hold 3 + 1 = 4 pairs; the prior expects
    0.8 matching pairs per record, 7 records -> 2.8 pairs: no shortfall (4 > 2.8)."""
    import numpy as np

    from estimators.linkage.summary import summarise

    labels = np.array([0, 0, 0, 1, 1, 2, 3])
    node_list = np.array([0, 1, 2, 0, 1, 0, 1])
    none = np.array([], dtype=np.int64)
    s = summarise(labels, node_list, ["a", "b", "c"], none, none, np.array([]), threshold=0.5, max_cluster_size=None,
                  seed=1, model={"expected_matches_per_record": 0.8})
    assert s.linked_pairs == 4 and s.expected_matching_pairs == pytest.approx(2.8)
    assert s.pair_shortfall == pytest.approx(1 - 4 / 2.8)
    d = s.to_dict()
    assert d["linked_pairs"] == 4 and d["expected_matching_pairs"] == 3
    # an expectation of 8 pairs: half of them not linked, and the summary says so
    short = summarise(labels, node_list, ["a", "b", "c"], none, none, np.array([]), threshold=0.5,
                      max_cluster_size=None, seed=1, model={"prior": 0.1, "expected_matches_per_record": 8 * 2 / 7})
    assert short.pair_shortfall == pytest.approx(0.5)
    assert "links 50% fewer pairs than the matching pairs its model expects" in short.render()
    assert "pairs linked" in short.render(public=True)  # a suppressed count renders too
    # without a calibrated prior there is nothing to compare with
    bare = summarise(labels, node_list, ["a", "b", "c"], none, none, np.array([]), threshold=0.5,
                     max_cluster_size=None, seed=1)
    assert bare.expected_matching_pairs is None and bare.pair_shortfall is None
    assert bare.to_dict()["pair_shortfall"] is None


def test_low_expected_precision_or_recall_is_said() -> None:
    import numpy as np

    from estimators.linkage.summary import quality_message, summarise

    labels, node_list, none = np.array([0, 0, 1]), np.array([0, 1, 1]), np.array([], dtype=np.int64)

    def text(precision: float, recall: float) -> str:
        return summarise(labels, node_list, ["a", "b"], none, none, np.array([]), threshold=0.5, max_cluster_size=None,
                         seed=1, expected_precision=precision, expected_recall=recall).render()

    assert "itself expects" not in text(0.99, 0.96) and "aims for" not in text(0.99, 0.985)
    assert "recall 0.960 among the pairs it compared, short of the 0.98 the package aims for" in text(0.99, 0.96)
    assert "aims for" not in text(0.99, 0.90)  # the stronger message only
    assert "itself expects to miss 10% of the matching pairs it compared:" in text(0.99, 0.90)
    assert "itself expects 8% of its links to be false:" in text(0.92, 0.99)
    assert quality_message(0.9, 0.8).startswith("the linkage model itself expects to miss 20% of the matching pairs "
                                                 "it compared and 10% of its links to be false")
