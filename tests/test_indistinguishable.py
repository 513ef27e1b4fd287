"""The independent twin of a latent-class design and the Neyman-Pearson floor (SYNTHETIC designs)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from estimators import estimate
from estimators.histories import CaptureHistories
from estimators.studies.grid import DESIGNS
from estimators.studies.indistinguishable import independent_twin, neyman_pearson_floor
from estimators.studies.simulation import Population, Referral


def test_an_independent_population_is_its_own_twin():
    pop = Population(N=1000, capture=((0.2, 0.35, 0.5),))
    twin = independent_twin(pop)
    np.testing.assert_allclose(twin.capture, (0.2, 0.35, 0.5), atol=1e-6)
    assert twin.twin_size == pytest.approx(1000, rel=1e-6)
    assert twin.expected_n == pytest.approx(1000 * (1 - 0.8 * 0.65 * 0.5))
    assert twin.kl == pytest.approx(0.0, abs=1e-10)
    # identical designs: the floor is the cover itself, up to Monte Carlo error (sd ~0.003 at 20k draws)
    assert neyman_pearson_floor(twin, 0.9, draws=20_000, seed=1) == pytest.approx(0.9, abs=0.02)
    assert neyman_pearson_floor(twin, 0.9, draws=20_000, seed=1, use_count=True) == pytest.approx(0.9, abs=0.02)


def test_the_twin_is_the_limit_of_the_independence_fit():
    """Fitting Mt (independent lists) to a large data set's expected counts gives the twin's N'."""
    design = DESIGNS["classes2_3_N500"].population
    twin = independent_twin(design)
    scale = 1e6 / twin.expected_n  # counts large enough that rounding does not matter
    counts = np.round(twin.design_patterns * twin.expected_n * scale).astype(int)
    table = {"".join(map(str, p)): int(c) for p, c in zip(twin.patterns, counts, strict=True)}
    frame = pd.DataFrame([{"A": int(k[0]), "B": int(k[1]), "C": int(k[2]), "count": v} for k, v in table.items()])
    h = CaptureHistories.from_frequency_table(frame)
    fit = estimate(h, "Mt")
    assert fit.estimate / scale == pytest.approx(twin.twin_size, rel=1e-4)


def test_three_lists_with_a_hard_class_look_like_independent_lists():
    """classes2_3_N500: 50% at capture 0.05-0.10, 50% at 0.4-0.6.  Its twin has N' = 0.66 N and its pattern
    split differs by 0.0025 nats per observed person (0.69 over the ~272 observed): any procedure covering
    N in 90% of its data sets must put the upper limit at N = 1.52 N' or more in over half the twin's."""
    design = DESIGNS["classes2_3_N500"].population
    twin = independent_twin(design)
    assert twin.expected_n == pytest.approx(272.28, abs=0.01)  # 500 (1 - 0.5 x 0.95 x 0.925 x 0.9 - 0.5 x 0.6 x 0.5 x 0.4)
    assert twin.twin_size / design.N == pytest.approx(0.660, abs=0.001)
    assert 0.0 < twin.kl < 0.003
    assert 0.5 < neyman_pearson_floor(twin, 0.9, draws=20_000, seed=1) < 0.6
    # a procedure that also reads the number observed (N fixed in both designs) can do a little better
    assert 0.45 < neyman_pearson_floor(twin, 0.9, draws=20_000, seed=1, use_count=True) < 0.53
    # the floor falls with the cover asked for
    assert neyman_pearson_floor(twin, 0.5, draws=20_000, seed=1) < 0.2


def test_four_lists_separate_a_hard_class_from_independence():
    twin = independent_twin(DESIGNS["classes2_4_N5000"].population)
    assert twin.kl * twin.expected_n > 50  # ~70 nats: no data set of one looks like the other's
    assert neyman_pearson_floor(twin, 0.9, draws=20_000, seed=1) < 0.001


def test_only_latent_classes_have_a_closed_form_twin():
    with pytest.raises(ValueError, match="latent classes only"):
        independent_twin(Population(N=100, capture=((0.3, 0.3, 0.3),), referrals=(Referral(0, 1, 0.5),)))
    twin = independent_twin(Population(N=100, capture=((0.3, 0.3, 0.3),)))
    with pytest.raises(ValueError, match="strictly between"):
        neyman_pearson_floor(twin, 1.0)
