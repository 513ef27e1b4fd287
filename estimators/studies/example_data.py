"""Seeded synthetic capture histories, always labelled synthetic, with their truth.

These generators exist to illustrate and test methods: every list is named
"Synthetic list ...", every stratum "Synthetic oblast ...", the histories' ``source``
starts with "synthetic", and the true totals come back alongside in
:class:`SyntheticTruth`.  **They are not data** and say nothing about how many children
were actually removed: the sizes and capture rates are invented, chosen only to mimic
the *structure* described in DOMAIN notes (group transfers, sources sharing open
information, an official register).

References
----------
Manrique-Vallier, D. (2016). Bayesian population size estimation using Dirichlet process
mixtures. Biometrics 72(4), 1246-1254 (latent-class heterogeneity used by
:func:`synthetic_stratified`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd
from scipy.special import expit

from ..histories import CaptureHistories
from ..seeds import resolve_seed

SYNTHETIC_NOTE = "SYNTHETIC: illustrative simulated data, not real records"


@dataclass(frozen=True)
class SyntheticTruth:
    """The truth behind a synthetic dataset.

    Attributes
    ----------
    N : int
        True total (observed and unobserved).
    N_by_stratum : mapping str -> int
        True total per stratum (empty when unstratified).
    seed : int
        Seed that generated the data.
    description : str
        How the data were generated (starts with "SYNTHETIC").
    observed : int
        People on at least one list.
    """

    N: int
    seed: int
    description: str
    observed: int
    N_by_stratum: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "N_by_stratum", MappingProxyType(dict(self.N_by_stratum)))

    @property
    def total(self) -> int:
        """Alias of ``N``: the true total."""
        return self.N

    @property
    def by_stratum(self) -> Mapping[str, int]:
        """Alias of ``N_by_stratum``."""
        return self.N_by_stratum


BELARUS_LISTS = (
    "Synthetic list A (open-source tally)",
    "Synthetic list B (legal submission)",
    "Synthetic list C (official register)",
)


def synthetic_belarus_lists(
    seed: int | None = 20231116,
    *,
    groups: int = 120,
    mean_group_size: float = 25.0,
) -> tuple[CaptureHistories, SyntheticTruth]:
    """Three synthetic lists of children moved in groups (illustrative, not data).

    About ``groups * mean_group_size`` (~3,000) synthetic children travel in groups
    (sizes 5 + Poisson(mean_group_size - 5)).  Each group has a visibility effect
    g ~ Normal(0, 1), so capture is clustered: whole groups are seen or missed.

    * **Synthetic list A (open-source tally)**: a group is reported with probability
      expit(0.9 + g); each child of a reported group is recorded with probability 0.9.
    * **Synthetic list B (legal submission)**: shares the open sources of A, so it is
      positively dependent on A: a group is reported with probability
      expit(-0.8 + g + 2 * [group reported by A]); children recorded with probability 0.85.
    * **Synthetic list C (official register)**: child-level capture with probability
      expit(-0.9 + 0.3 g): nearly independent of the other two.

    Parameters
    ----------
    seed : int, optional, default 20231116
        Seed (recorded in the truth); None draws fresh entropy.
    groups : int, default 120
    mean_group_size : float, default 25

    Returns
    -------
    (CaptureHistories, SyntheticTruth)
        Record-level histories (all-zero rows removed; ``source`` starts with
        "synthetic") and the truth.

    Examples
    --------
    >>> h, truth = synthetic_belarus_lists(1)
    >>> h.lists[0]
    'Synthetic list A (open-source tally)'
    >>> truth.N >= h.n
    True
    """
    if not isinstance(groups, int) or groups < 1:
        raise ValueError(f"groups must be a positive integer; got {groups!r}")
    if not mean_group_size >= 5:
        raise ValueError(f"mean_group_size must be at least 5; got {mean_group_size!r}")
    used = resolve_seed(seed)
    rng = np.random.default_rng(used)
    sizes = 5 + rng.poisson(mean_group_size - 5.0, size=groups)
    g = rng.normal(0.0, 1.0, size=groups)
    a_group = rng.random(groups) < expit(0.9 + g)
    b_group = rng.random(groups) < expit(-0.8 + g + 2.0 * a_group)
    member = np.repeat(np.arange(groups), sizes)
    n_total = int(sizes.sum())
    a = a_group[member] & (rng.random(n_total) < 0.9)
    b = b_group[member] & (rng.random(n_total) < 0.85)
    c = rng.random(n_total) < expit(-0.9 + 0.3 * g[member])
    x = np.column_stack([a, b, c]).astype(np.int8)
    seen = x.sum(axis=1) > 0
    frame = pd.DataFrame(x[seen], columns=list(BELARUS_LISTS))
    description = (
        f"{SYNTHETIC_NOTE}. {n_total:,} synthetic children in {groups} groups (clustered capture, group "
        "effect g ~ N(0, 1)); list A reports groups, list B depends positively on A (shared open "
        "sources), list C captures children nearly independently."
    )
    h = CaptureHistories.from_records(frame, lists=list(BELARUS_LISTS), source=f"synthetic Belarus-like lists (seed {used})")
    return h, SyntheticTruth(N=n_total, seed=used, description=description, observed=h.n)


STRATIFIED_LISTS = tuple(f"Synthetic list {c}" for c in "ABCD")


def synthetic_stratified(
    seed: int | None = 20230617,
    *,
    sizes: Mapping[str, int] | None = None,
) -> tuple[CaptureHistories, SyntheticTruth]:
    """A stratified synthetic 4-list dataset (illustrative, not data).

    Three strata ("Synthetic oblast A/B/C", default sizes 1,500 / 900 / 400) with
    different capture rates.  Heterogeneity: each person belongs to one of two latent
    classes (30% "visible", 70% "hidden"); within a class, lists capture independently,
    except that being on list A raises the log-odds of being on list B by 1.2 (one
    positive list dependence).

    Parameters
    ----------
    seed : int, optional, default 20230617
    sizes : mapping stratum -> true size, optional

    Returns
    -------
    (CaptureHistories, SyntheticTruth)
        Histories with stratum column ``origin`` (record-level, aggregated) and the
        truth, with ``N_by_stratum``.
    """
    used = resolve_seed(seed)
    rng = np.random.default_rng(used)
    if sizes is None:
        sizes = {"Synthetic oblast A": 1500, "Synthetic oblast B": 900, "Synthetic oblast C": 400}
    if not sizes or any(not isinstance(v, (int, np.integer)) or v < 1 for v in sizes.values()):
        raise ValueError(f"sizes must map stratum names to positive integers; got {dict(sizes)!r}")
    # capture log-odds per stratum (lists A..D) for the hidden class; visible class +1.8
    base = {
        0: np.array([-0.6, -1.0, -1.4, -1.2]),
        1: np.array([-1.0, -1.3, -0.9, -1.6]),
        2: np.array([-1.5, -1.1, -1.8, -1.0]),
    }
    frames = []
    for s, (label, n_s) in enumerate(sizes.items()):
        lo = base[s % 3]
        visible = rng.random(n_s) < 0.3
        logit = lo[None, :] + 1.8 * visible[:, None]
        x = np.zeros((n_s, 4), dtype=np.int8)
        x[:, 0] = rng.random(n_s) < expit(logit[:, 0])
        x[:, 1] = rng.random(n_s) < expit(logit[:, 1] + 1.2 * x[:, 0])
        x[:, 2] = rng.random(n_s) < expit(logit[:, 2])
        x[:, 3] = rng.random(n_s) < expit(logit[:, 3])
        f = pd.DataFrame(x[x.sum(axis=1) > 0], columns=list(STRATIFIED_LISTS))
        f["origin"] = label
        frames.append(f)
    frame = pd.concat(frames, ignore_index=True)
    h = CaptureHistories.from_records(
        frame, lists=list(STRATIFIED_LISTS), strata=["origin"], source=f"synthetic stratified lists (seed {used})"
    )
    truth = SyntheticTruth(
        N=int(sum(sizes.values())),
        seed=used,
        description=(
            f"{SYNTHETIC_NOTE}. {len(sizes)} strata, 4 lists, two latent classes (30% visible), "
            "list B positively dependent on list A (log-odds +1.2)."
        ),
        observed=h.n,
        N_by_stratum={str(k): int(v) for k, v in sizes.items()},
    )
    return h, truth
