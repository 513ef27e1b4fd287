"""What every held-out harness profile must give, before it is ever linked.

Kept apart from tuning and from every other profile (name, lists), a truth that accounts
for every record, valid input for the linkage (read by its own validation, nothing
linked), the same bytes for the same seed, SYNTHETIC labels.  The profiles are generated and checked here, NEVER
linked; their own error processes are tested in ``tests/test_harness_heldout{2..25}.py``.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from estimators.linkage import read_lists
from tests.harness import (
    SYNTHETIC_LABEL,
    TUNING,
    generate,
    heldout,
    heldout2,
    heldout3,
    heldout4,
    heldout5,
    heldout6,
    heldout7,
    heldout8,
    heldout9,
    heldout10,
    heldout11,
    heldout12,
    heldout13,
    heldout14,
    heldout15,
    heldout16,
    heldout17,
    heldout18,
    heldout19,
    heldout20,
    heldout21,
    heldout22,
    heldout23,
    heldout24,
    heldout25,
    heldout26,
    heldout27,
    heldout28,
    heldout29,
    heldout30,
    heldout31,
    true_evaluation_row,
    write_profile,
)
from tests.harness.lists import SCHEMA
from tests.harness.profiles import ProfileData, ProfileSpec

N = 1000
PROFILES: dict[str, tuple[Callable[[int, int], ProfileData], Callable[[], ProfileSpec]]] = {
    heldout2.NAME: (heldout2.generate_heldout2, heldout2.heldout2_spec),
    heldout3.NAME: (heldout3.generate_heldout3, heldout3.heldout3_spec),
    heldout4.NAME: (heldout4.generate_heldout4, heldout4.heldout4_spec),
    heldout5.NAME: (heldout5.generate_heldout5, heldout5.heldout5_spec),
    heldout6.NAME: (heldout6.generate_heldout6, heldout6.heldout6_spec),
    heldout7.NAME: (heldout7.generate_heldout7, heldout7.heldout7_spec),
    heldout8.NAME: (heldout8.generate_heldout8, heldout8.heldout8_spec),
    heldout9.NAME: (heldout9.generate_heldout9, heldout9.heldout9_spec),
    heldout10.NAME: (heldout10.generate_heldout10, heldout10.heldout10_spec),
    heldout11.NAME: (heldout11.generate_heldout11, heldout11.heldout11_spec),
    heldout12.NAME: (heldout12.generate_heldout12, heldout12.heldout12_spec),
    heldout13.NAME: (heldout13.generate_heldout13, heldout13.heldout13_spec),
    heldout14.NAME: (heldout14.generate_heldout14, heldout14.heldout14_spec),
    heldout15.NAME: (heldout15.generate_heldout15, heldout15.heldout15_spec),
    heldout16.NAME: (heldout16.generate_heldout16, heldout16.heldout16_spec),
    heldout17.NAME: (heldout17.generate_heldout17, heldout17.heldout17_spec),
    heldout18.NAME: (heldout18.generate_heldout18, heldout18.heldout18_spec),
    heldout19.NAME: (heldout19.generate_heldout19, heldout19.heldout19_spec),
    heldout20.NAME: (heldout20.generate_heldout20, heldout20.heldout20_spec),
    heldout21.NAME: (heldout21.generate_heldout21, heldout21.heldout21_spec),
    heldout22.NAME: (heldout22.generate_heldout22, heldout22.heldout22_spec),
    heldout23.NAME: (heldout23.generate_heldout23, heldout23.heldout23_spec),
    heldout24.NAME: (heldout24.generate_heldout24, heldout24.heldout24_spec),
    heldout25.NAME: (heldout25.generate_heldout25, heldout25.heldout25_spec),
    heldout26.NAME: (heldout26.generate_heldout26, heldout26.heldout26_spec),
    heldout27.NAME: (heldout27.generate_heldout27, heldout27.heldout27_spec),
    heldout28.NAME: (heldout28.generate_heldout28, heldout28.heldout28_spec),
    heldout29.NAME: (heldout29.generate_heldout29, heldout29.heldout29_spec),
    heldout30.NAME: (heldout30.generate_heldout30, heldout30.heldout30_spec),
    heldout31.NAME: (heldout31.generate_heldout31, heldout31.heldout31_spec),
}


@pytest.fixture(scope="module", params=sorted(PROFILES))
def profile(request: pytest.FixtureRequest) -> tuple[str, ProfileData]:
    generate, _ = PROFILES[request.param]
    return request.param, generate(N, 0)


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_the_profile_is_held_out_and_new(name: str) -> None:
    spec_of = PROFILES[name][1]
    module = sys.modules[spec_of.__module__]
    assert name not in TUNING and "NEVER use it for tuning" in (module.__doc__ or "")
    with pytest.raises(KeyError):
        generate(name, 100, 0)  # not reachable as a tuning profile
    assert len({*PROFILES, heldout.NAME}) == len(PROFILES) + 1  # every held-out name is new
    spec = spec_of()
    assert not spec.output_order or sorted(spec.output_order) == sorted(s.name for s in spec.lists)
    # none of its lists is a list of a tuning profile or of another held-out profile
    others = ({s.name for f in TUNING.values() for s in f().lists} | {s.name for s in heldout.heldout_spec().lists}
              | {s.name for other, (_, o) in PROFILES.items() if other != name for s in o().lists})
    assert not {s.name for s in spec.lists} & others


def test_truth_covers_every_record(profile: tuple[str, ProfileData]) -> None:
    """Each record has one truth row in file order; one record per child and list apart from
    duplicates (a copy counts as the list's record); duplicates only of children on the list."""
    _, data = profile
    assert len(data.population.children) == N
    assert len(data.truth) == sum(len(f) for _, f in data.lists)
    for li, (_, frame) in enumerate(data.lists):
        t = data.truth[data.truth["list"] == li].reset_index(drop=True)
        assert len(t) == len(frame) and t["row"].tolist() == list(range(len(frame)))
        assert frame["record_id"].is_unique
        assert t["child"].between(0, N - 1).all()
        firsts = t[t["kind"] != "duplicate"]["child"]
        assert firsts.is_unique
        assert set(t[t["kind"] == "duplicate"]["child"]) <= set(firsts)


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.iterdir()):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_lists_are_valid_input(profile: tuple[str, ProfileData], fmt: str, tmp_path: Path) -> None:
    name, data = profile
    lists = data.list_names  # the output order
    assert sorted(lists) == sorted(s.name for s in PROFILES[name][1]().lists)
    for _, frame in data.lists:
        assert tuple(frame.columns) == SCHEMA
        assert all(isinstance(v, str) for v in frame.to_numpy().ravel())
    paths = write_profile(data, tmp_path, fmt)
    raw = read_lists(paths)  # the linkage's own input validation (reading only; nothing is linked)
    assert [r.name for r in raw] == list(lists)
    assert [r.size for r in raw] == [len(f) for _, f in data.lists]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.{fmt}" for n in lists)  # no truth beside


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_same_seed_same_bytes_other_seed_other_bytes(name: str, tmp_path: Path) -> None:
    digests, truths = [], []
    for k, seed in enumerate((7, 7, 8)):
        d = PROFILES[name][0](400, seed)
        write_profile(d, tmp_path / str(k), "csv")
        digests.append(_digest(tmp_path / str(k)))
        truths.append(hashlib.sha256(d.truth.to_csv(index=False).encode()).hexdigest())
    assert digests[0] == digests[1] and truths[0] == truths[1]
    assert digests[0] != digests[2]


def test_labelled_synthetic(profile: tuple[str, ProfileData]) -> None:
    name, data = profile
    assert "SYNTHETIC" in repr(data) and "SYNTHETIC" in repr(data.population)
    assert all("SYNTHETIC" in repr(c) for c in data.population.children[:5])
    row = true_evaluation_row(data)  # a perfect linkage (truth as labels): no linkage is run
    assert row["label"] == SYNTHETIC_LABEL and row["profile"] == name
    assert row["children_true"] == data.truth["child"].nunique()
