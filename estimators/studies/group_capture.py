"""Lists that document people in groups (SYNTHETIC): a capture process outside every model here.

Children taken from Ukraine to Belarus were often moved in groups (an institution, a
"health camp" transfer), and a source often documents a group at a time: a news story,
a camp roster or a transfer order names the children moved together.  Every estimator
in the package assumes that people are caught independently of one another.  This
simulator is written apart from :mod:`.simulation` (the grid's), with another capture
process:

* the population is cut into groups of size 1 + NegativeBinomial (mean ``group_mean``,
  dispersion ``size_dispersion``; ``group_mean`` 1 = everyone alone);
* list j documents each group independently with probability ``q[j]``;
* each child of a documented group is written down with probability ``r[j]`` (a roster
  misses some), independently.

Lists are independent of each other at the group level and each child is on list j with
probability ``q[j] r[j]``, so the log-linear models' assumptions about the *lists* hold;
what breaks is the independence of people, which makes the counts of the capture
patterns overdispersed (:mod:`estimators.loglinear.dispersion`).

``DESIGNS`` holds three tuning designs (used to choose how ``recommended`` handles
overdispersion) and ``HELDOUT``, written after that choice but before any run on it, and
run once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .simulation import Simulation, histories_from_codes

LABEL = "SYNTHETIC (estimators.studies.group_capture)"


@dataclass(frozen=True)
class GroupDesign:
    """A population listed in groups (see the module docstring)."""

    name: str
    N: int
    group_mean: float
    q: tuple[float, ...]
    r: tuple[float, ...]
    size_dispersion: float = 1.0
    description: str = ""

    def simulate(self, rng: np.random.Generator) -> Simulation:
        """One data set; the same generator state gives the same data."""
        return simulate_groups(rng, N=self.N, group_mean=self.group_mean, q=self.q, r=self.r,
                               size_dispersion=self.size_dispersion)


def simulate_groups(rng: np.random.Generator, *, N: int, group_mean: float, q: Sequence[float],
                    r: Sequence[float] | float, size_dispersion: float = 1.0) -> Simulation:
    """``N`` people in groups, listed group by group (see the module docstring).

    Returns a :class:`~.simulation.Simulation` whose ``truth`` holds the number of groups
    and the largest group.
    """
    if N < 1 or group_mean < 1 or size_dispersion <= 0:
        raise ValueError("N >= 1, group_mean >= 1 and size_dispersion > 0 are required")
    k = len(q)
    rec = np.broadcast_to(np.asarray(r, dtype=float), (k,))
    sizes: list[int] = []
    total = 0
    while total < N:
        extra = 0
        if group_mean > 1:
            extra = int(rng.negative_binomial(size_dispersion, size_dispersion / (size_dispersion + group_mean - 1)))
        size = min(1 + extra, N - total)
        sizes.append(size)
        total += size
    groups = np.asarray(sizes)
    documented = rng.random((groups.size, k)) < np.asarray(q, dtype=float)[None, :]
    person_group = np.repeat(np.arange(groups.size), groups)
    on_list = documented[person_group] & (rng.random((N, k)) < rec[None, :])
    codes = on_list.astype(np.int64) @ (1 << np.arange(k - 1, -1, -1)).astype(np.int64)
    h = histories_from_codes(codes, [f"L{j + 1}" for j in range(k)])
    return Simulation(true_n=N, histories=h, truth={"groups": int(groups.size), "largest_group": int(groups.max())})


_Q4 = (0.3, 0.4, 0.5, 0.35)
DESIGNS: dict[str, GroupDesign] = {
    f"groups_mean{m:g}_4_N3000": GroupDesign(
        name=f"groups_mean{m:g}_4_N3000", N=3000, group_mean=m, q=_Q4, r=(0.85,) * 4,
        description=f"4 lists document groups (mean size {m:g}) with probability 0.3-0.5, 85% of a group's "
                    "children written down; N = 3,000",
    )
    for m in (1.0, 3.0, 10.0)
}
#: Not used to choose the overdispersion rule of ``recommended`` (chosen on ``DESIGNS``); fixed
#: before any run on it and run once: five lists, more variable group sizes, rosters that miss more.
HELDOUT = GroupDesign(
    name="groups_heldout_5_N10000", N=10_000, group_mean=6.0, q=(0.2, 0.25, 0.3, 0.35, 0.2),
    r=(0.7, 0.8, 0.6, 0.75, 0.9), size_dispersion=0.5,
    description="5 lists document groups (mean size 6, NegBin dispersion 0.5) with probability 0.2-0.35, "
                "60-90% of a group's children written down; N = 10,000",
)
