"""Bounded EM with a sibling class (estimators/linkage/em.py) and the plausibility checks (checks.py).

The data are drawn here from known class distributions, so the fitted values can be
compared with the truth; tolerances are a few standard errors of the simulated sizes.
"""

from __future__ import annotations

import numpy as np
import pytest

from estimators.linkage.checks import MAX_DATE_DISAGREEMENT, implausible_parameters
from estimators.linkage.em import PROBABILITY_FLOOR, fit_latent_classes, pattern_log_likelihoods
from estimators.linkage.formats import FULL_NEAR

# Five comparisons with levels indexed 0 (else) .. L-1 (top).  Given name, birth date
# (else / within a year / same) and sex are person fields; family name and settlement
# household fields.
U = {"family": np.array([0.98, 0.02]), "settlement": np.array([0.9, 0.1]), "given": np.array([0.95, 0.05]),
     "birth": np.array([0.88, 0.11, 0.01]), "sex": np.array([0.5, 0.5])}
M_TRUE = {"family": np.array([0.05, 0.95]), "settlement": np.array([0.1, 0.9]), "given": np.array([0.04, 0.96]),
          "birth": np.array([0.04, 0.06, 0.9]), "sex": np.array([0.02, 0.98])}
# siblings: family and settlement like a match; given almost never equal; birth dates
# close for a fifth, equal for twins (8%); same sex half the time
S_TRUE = {"given": np.array([0.99, 0.01]), "birth": np.array([0.72, 0.2, 0.08]), "sex": np.array([0.5, 0.5])}
NAMES = ["family", "settlement", "given", "birth", "sex"]
PERSON = ["given", "birth", "sex"]


def draw(rng: np.random.Generator, n_m: int, n_s: int, n_u: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    def cls(dist: dict[str, np.ndarray], n: int) -> np.ndarray:
        return np.column_stack([rng.choice(len(dist[c]), size=n, p=dist[c]) for c in NAMES])

    sib = {"family": M_TRUE["family"], "settlement": M_TRUE["settlement"], **S_TRUE}
    rows = np.vstack([cls(M_TRUE, n_m), cls(sib, n_s), cls(U, n_u)])
    truth = np.repeat([0, 1, 2], [n_m, n_s, n_u])
    pats, inv, counts = np.unique(rows, axis=0, return_inverse=True, return_counts=True)
    return pats, counts, truth


def test_em_recovers_the_class_distributions_and_shares() -> None:
    rng = np.random.default_rng(1)
    pats, counts, _ = draw(rng, 3000, 600, 6000)
    fit = fit_latent_classes(pats, counts, NAMES, U, person=PERSON)
    assert fit.converged
    np.testing.assert_allclose(fit.pi, [3000 / 9600, 600 / 9600, 6000 / 9600], atol=0.02)
    for c in NAMES:
        np.testing.assert_allclose(fit.m[c], M_TRUE[c], atol=0.02)
    # siblings: rarely the same given name, twins share the birth date
    assert fit.s["given"][1] < 0.03
    assert 0.04 < fit.s["birth"][2] < 0.13
    assert 0.4 < fit.s["sex"][1] < 0.6


def test_probabilities_are_bounded_away_from_zero_and_one() -> None:
    """A level no match falls in: without bounds EM drives its m to 0 (weight to minus infinity)."""
    rng = np.random.default_rng(2)
    pats, counts, _ = draw(rng, 2000, 0, 2000)
    # keep only pairs where a family-name agreement comes with the same birth date:
    # then no match falls in the birth date's "else" and "within a year" levels
    keep = (pats[:, 0] == 0) | (pats[:, 3] == 2)
    fit = fit_latent_classes(pats[keep], counts[keep], NAMES, U, person=PERSON)
    for c in NAMES:
        assert np.all(fit.m[c] >= PROBABILITY_FLOOR) and np.all(fit.m[c] <= 1 - PROBABILITY_FLOOR)
        weights = np.log2(fit.m[c] / U[c])
        assert np.all(np.abs(weights) < 25), weights
    assert fit.m["birth"][0] < 0.01


def test_null_levels_are_neutral() -> None:
    """A missing value (-1) contributes a factor 1 to every class."""
    m = [np.array([0.1, 0.9])]
    u = [np.array([0.9, 0.1])]
    ll = pattern_log_likelihoods(np.array([[-1], [1]]), m, [None], u)
    np.testing.assert_allclose(ll[0], 0.0)
    assert ll[1, 0] == pytest.approx(np.log(0.9)) and ll[1, 2] == pytest.approx(np.log(0.1))


def test_two_class_model_takes_twins_for_matches_and_the_sibling_class_does_not() -> None:
    """Twins agree on the household fields, birth date and (here) sex; only the given name differs.

    With 3000 matches and 2000 sibling pairs the true posterior of that pattern is about
    0.57 (a given-name error in a match is about as common as same-sex twins); the
    sibling model gets it, the two-class model calls it a near-certain match.
    """
    rng = np.random.default_rng(3)
    n_m, n_s, n_u = 3000, 2000, 6000
    pats, counts, _ = draw(rng, n_m, n_s, n_u)
    twin = np.array([1, 1, 0, 2, 1])

    def posterior(m, s_, pi) -> float:
        ll = pattern_log_likelihoods(twin[None, :], [m[c] for c in NAMES], [s_.get(c) for c in NAMES],
                                     [U[c] for c in NAMES])[0]
        w = np.exp(ll) * np.asarray(pi)
        return float(w[0] / w.sum())

    total = n_m + n_s + n_u
    truth = posterior(M_TRUE, S_TRUE, [n_m / total, n_s / total, n_u / total])
    assert 0.5 < truth < 0.65
    with_siblings = fit_latent_classes(pats, counts, NAMES, U, person=PERSON)
    plain = fit_latent_classes(pats, counts, NAMES, U, person=PERSON, siblings=False)
    assert posterior(with_siblings.m, with_siblings.s, with_siblings.pi) == pytest.approx(truth, abs=0.1)
    assert posterior(plain.m, {}, plain.pi) > 0.95


def test_fixed_m_is_kept() -> None:
    rng = np.random.default_rng(4)
    pats, counts, _ = draw(rng, 1000, 0, 1000)
    fixed = {"family": np.array([0.2, 0.8])}
    fit = fit_latent_classes(pats, counts, NAMES, U, person=PERSON, fixed_m=fixed, siblings=False)
    np.testing.assert_allclose(fit.m["family"], [0.2, 0.8])


def test_match_share_of_a_block() -> None:
    rng = np.random.default_rng(5)
    pats, counts, _ = draw(rng, 4000, 0, 4000)
    fit = fit_latent_classes(pats, counts, NAMES, U, person=[], siblings=False)
    assert fit.match_share({"birth": 2}) == pytest.approx(0.9, abs=0.02)
    assert fit.match_share({"birth": 2, "family": 1}) == pytest.approx(0.9 * 0.95, abs=0.02)
    assert fit.match_share({"not fitted": 1}) is None


LEVELS = {"birth_date": ["different", "partial date within a year (e.g. from an age)",
                         FULL_NEAR,
                         "equal at the precision both have (partial)", "same full date"],
          "sex": ["else", "same sex"]}


def test_checks_flag_dates_that_disagree_for_too_many_matches() -> None:
    """Issue 11: EM learned that ~45% of true matches disagree on birth date."""
    u = {"birth_date": np.array([0.95, 0.02, 0.02, 0.005, 0.005]), "sex": np.array([0.5, 0.5])}
    fine = {"birth_date": np.array([0.01, 0.02, 0.02, 0.15, 0.8]), "sex": np.array([0.02, 0.98])}
    bad = {"birth_date": np.array([0.35, 0.02, 0.1, 0.1, 0.43]), "sex": np.array([0.02, 0.98])}
    assert implausible_parameters(fine, u, LEVELS, prior=1e-3, n_records=1000, n_lists=3) == []
    msgs = implausible_parameters(bad, u, LEVELS, prior=1e-3, n_records=1000, n_lists=3)
    assert any("disagree" in m and f"{MAX_DATE_DISAGREEMENT:.0%}" in m for m in msgs), msgs


def test_checks_flag_huge_weights_inverted_fields_and_implausible_priors() -> None:
    u = {"sex": np.array([0.5, 0.5]), "birth_date": np.array([0.95, 0.02, 0.02, 0.005, 0.005])}
    m = {"sex": np.array([1e-12, 1 - 1e-12]), "birth_date": np.array([0.01, 0.02, 0.02, 0.15, 0.8])}
    msgs = implausible_parameters(m, u, LEVELS, prior=1e-3, n_records=1000, n_lists=3)
    assert any("bits" in x and "more than 30" in x for x in msgs), msgs
    inverted = {"sex": np.array([0.6, 0.4]), "birth_date": m["birth_date"]}
    msgs = implausible_parameters(inverted, u, LEVELS, prior=1e-3, n_records=1000, n_lists=3)
    assert any("counts against a match" in x for x in msgs), msgs
    msgs = implausible_parameters({"sex": np.array([0.02, 0.98])}, {"sex": u["sex"]}, {"sex": LEVELS["sex"]},
                                  prior=0.5, n_records=1000, n_lists=3)
    assert any(x.startswith("prior:") for x in msgs), msgs
