"""The blocked pairs found here are Splink's own: the same pairs, the same scores (SYNTHETIC lists)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from estimators.linkage import model
from estimators.linkage.pipeline import link_lists
from tests.harness import generate, write_profile


@pytest.fixture(scope="module")
def lists_dir(tmp_path_factory) -> list[Path]:
    # a profile with names written apart, partial dates and within-list duplicates: most rules block pairs
    data = generate("p2_media", 400, 3)
    return write_profile(data, tmp_path_factory.mktemp("p2"), "csv")


def _scored(paths: list[Path]) -> dict[tuple[int, int], float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = link_lists(paths, seed=1)
    d = result.data
    return {(int(a), int(b)): float(p) for a, b, p in zip(d.node_l, d.node_r, d.probability, strict=True)}


def test_registered_pairs_score_as_splinks_own_blocking(lists_dir, monkeypatch) -> None:
    ours = _scored(lists_dir)
    # Splink's own blocking: nothing registered, each rule excluding the pairs of the rules before it
    monkeypatch.setattr(model, "_register_blocked_pairs", lambda *a, **k: None)
    splinks = _scored(lists_dir)
    # 525 scored pairs at 7fc1f39; the floor only guards against a fixture that scores next to nothing
    assert len(ours) > 200, "the fixture should score a few hundred pairs"
    assert ours.keys() == splinks.keys()
    assert max(abs(ours[k] - splinks[k]) for k in ours) < 1e-9


def test_every_blocked_pair_once_and_each_rule_counted(lists_dir) -> None:
    """The union of the rules' joins has Splink's cumulative count of blocked pairs, each pair once."""
    import pandas as pd
    from splink import DuckDBAPI, Linker
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    from estimators.linkage.comparisons import COMPARISON_COLUMNS, KEY_COLUMNS, blocking_rules, splink_settings
    from estimators.linkage.schema import read_list
    from estimators.linkage.standardise import standardise_records

    raws = [read_list(p) for p in lists_dir]
    stacked = pd.concat([r.frame.assign(source_dataset=r.name) for r in raws], ignore_index=True)
    keys = standardise_records(stacked)
    model._settlement_codes(keys, stacked)
    keys["unique_id"] = np.arange(len(keys))
    keys["list_index"] = np.repeat(np.arange(len(raws)), [len(r.frame) for r in raws])
    keys = keys[["unique_id", "list_index", *KEY_COLUMNS]]
    keys = keys.astype({c: "string" for c in keys.columns if keys[c].dtype == object})
    available = {c for c in dict.fromkeys(COMPARISON_COLUMNS.values()) if keys[c].notna().sum() >= 2}
    rules = blocking_rules(available)
    db = DuckDBAPI()
    table = db.register(keys, dataset_display_name="records")
    linker = Linker([table], splink_settings(link_type="dedupe_only", available=sorted(available)), log_level=None)
    pairs = model._register_blocked_pairs(linker, db, table.physical_name, rules)
    got = pairs.as_pandas_dataframe()[["join_key_l", "join_key_r"]]
    assert not got.duplicated().any()
    assert (got["join_key_l"] < got["join_key_r"]).all()
    counts = count_comparisons_from_blocking_rules(db.register(keys), blocking_rules=rules, link_type="dedupe_only",
                                                    record_sample_proportion=1.0)
    assert len(got) == counts[-1]["cumulative_comparison_count"] > 0
