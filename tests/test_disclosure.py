"""Secondary suppression (estimators.disclosure): withheld cells cannot be recovered by subtraction."""

from __future__ import annotations

import json
import random
import re

import pytest

from estimators.cli import main
from estimators.disclosure import withheld_cells


def test_a_single_small_cell_takes_the_next_smallest_with_it() -> None:
    assert withheld_cells([96, 85, 40, 1], 5) == {2, 3}
    assert withheld_cells([66, 71, 63], 64) == {0, 2}


def test_two_small_cells_summing_below_min_cell_take_a_third() -> None:
    # 1 + 2 = 3 < 5: their sum would be given away; the next smallest (7) joins them
    assert withheld_cells([50, 1, 7, 2, 30], 5) == {1, 2, 3}
    # 3 + 4 = 7 >= 5 and two cells: nothing more
    assert withheld_cells([50, 3, 7, 4], 5) == {1, 3}


def test_nothing_small_withholds_nothing_and_zeros_are_shown() -> None:
    assert withheld_cells([12, 30, 5], 5) == frozenset()
    assert withheld_cells([0, 12, 0], 5) == frozenset()
    # a zero joins only when no positive cell is left: here the positive 9 is taken first
    assert withheld_cells([0, 3, 9], 5) == {1, 2}


def test_all_small_or_unreachable_withholds_everything() -> None:
    assert withheld_cells([1, 2, 3], 5) == {0, 1, 2}  # sum 6 >= 5 with all three: all of them
    assert withheld_cells([1, 2], 5) == {0, 1}  # the condition cannot be met: all withheld
    assert withheld_cells([3], 5) == {0}


def test_min_group_and_also() -> None:
    assert withheld_cells([96, 85, 40, 1], 5, min_group=4) == {0, 1, 2, 3}
    assert withheld_cells([96, 85, 40, 10], 5, also=[3]) == {2, 3}
    with pytest.raises(ValueError):
        withheld_cells([1], 0)


def _stratified(path, sizes: dict[str, int]) -> None:
    rng = random.Random(2)
    patterns = [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 0), (1, 0, 1), (0, 1, 1), (1, 1, 1)]
    rows = ["A,B,C,region"]
    for region, n in sizes.items():
        rows += [",".join(map(str, rng.choice(patterns))) + f",{region}" for _ in range(n)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.mark.parametrize("sizes, min_cell", [({"north": 66, "south": 71, "east": 63}, 64),
                                              ({"north": 80, "south": 90, "east": 2}, 5)])
def test_estimate_public_withheld_strata_cannot_be_recovered(tmp_path, capsys, sizes, min_cell) -> None:
    path = tmp_path / "h.csv"
    _stratified(path, sizes)
    main(["estimate", str(path), "--strata", "region", "--method", "Mt", "--public", "--min-cell", str(min_cell),
          "--json"])
    out = json.loads(capsys.readouterr().out)
    shown = [s["observed"] for s in out["strata"]]
    assert len(shown) == 1 and out["observed"] == sum(sizes.values())
    # what the withheld strata hold together, from every published number: never one small stratum
    assert out["observed"] - sum(shown) >= min_cell
    for key in ("observed_not_covered", "observed_in_covered_strata"):
        assert out["details"].get(key) not in sorted(sizes.values())[:1]
    note = next(m for m in out["messages"] if "not shown (public output)" in m)
    assert note.startswith("2 stratum/strata not shown") and "1 more so that" in note
    # the note gives how many strata and why, never their people
    assert {int(x) for x in re.findall(r"\d+", note)} <= {2, 1, min_cell}


def test_link_summary_cluster_sizes_need_four_withheld() -> None:
    from estimators.linkage.summary import WITHHELD, secondary_suppression

    # the review's case: 96 + 85 + 40 + 1 = 222 children observed; the records (sum of size x
    # clusters) and the pairs linked (sum of size-choose-2 x clusters) are published too
    cells, records, flagged, thin = secondary_suppression([96, 85, 40, 1], 0, {"a": 176, "b": 115, "c": 99}, 0, 5)
    assert cells == [WITHHELD, WITHHELD, WITHHELD, "<5"]
    assert records == {"a": 176, "b": 115, "c": 99} and flagged == 0 and thin == 0
    # nothing small: all shown; a small list count is then protected against the records' total
    cells, records, _, _ = secondary_suppression([96, 85, 40], 0, {"a": 176, "b": 3, "c": 99}, 0, 5)
    assert cells == [96, 85, 40] and records == {"a": 176, "b": "<5", "c": WITHHELD}
    # clusters of thin records only are one more cell of the count
    cells, _, _, thin = secondary_suppression([96, 85, 40, 30, 20], 2, {"a": 1}, 0, 5)
    assert thin == "<5" and cells.count(WITHHELD) >= 3
