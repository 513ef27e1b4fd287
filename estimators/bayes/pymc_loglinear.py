"""``bayes-loglinear``: a Bayesian Poisson log-linear capture-recapture model (PyMC + nutpie).

The 2^k - 1 observable cells of k lists are independent Poisson counts,

    y_h ~ Poisson(mu_h),   log mu_h = b0 + sum_j b_j x_hj + sum_{(i, j)} l_ij x_hi x_hj,

with the two-way (by default all of them) interactions of the chosen hierarchical model
and no k-way interaction (Fienberg 1972).  The unobserved all-zero cell has expected count
exp(b0), so the population size is N = n + n0 with n0 ~ Poisson(exp(b0)) given the
parameters: after sampling, one n0 is drawn for every posterior draw of b0 with a seeded
NumPy generator (the posterior predictive of the missing cell), and N is stored in the
posterior group of the InferenceData.  The model is sampled by NUTS (Hoffman & Gelman
2014) as implemented in nutpie, with 4 chains by default; the result is built by
:func:`estimators.bayes.common.posterior_result` (posterior median, equal-tailed or HPD
interval, ``not_converged`` when R-hat > 1.01, ESS < 400 or any divergence).

Priors
------
* intercept b0 ~ Normal(0, ``intercept_sigma`` = 10): b0 is the log of the missing
  cell's expected count, and the prior density changes by about a factor of 3 over
  b0 in [0, 15] (1 to 3 million unobserved people), against a likelihood whose sd on b0
  is typically 0.05-0.3.  It plays the role of the flat intercept prior of conting's
  ``bict`` (Overstall & King 2014) and is locally close to the scale-invariant prior
  p(n0) ~ 1/n0 (Madigan & York 1997).
* main effects b_j ~ Normal(0, ``main_sigma`` = 10): list effects are log odds of capture
  (b_j = -10 is a capture probability of 1 in 22,000), always well identified by the
  list sizes; the prior is flat in practice.
* interactions, ``prior="normal"``: l_ij ~ Normal(0, ``interaction_sigma`` = 1).  The
  interactions are log odds ratios between lists; they decide N, and with sparse
  overlaps the data cannot pin them down (the extended MLE of an interaction between
  lists with no common record is -infinity).  A unit scale puts 95 % prior mass on odds
  ratios between 1/7 and 7 and still lets strong dependence (odds ratio 20, |l| = 3)
  through when the data ask for it.  Gelman et al. (2008) recommend scale 2.5 for one
  logistic coefficient of a binary input; a tighter unit scale is used because up to
  k(k-1)/2 interactions act together in the extrapolation to the missing cell.
  ``docs/bayes_loglinear_priors.md`` shows how N moves with the scale (0.5 to 5) on
  benchmark data: little when every pair of lists overlaps (Kosovo, 4 lists: median
  14,084 at scale 1, 14,382 at scale 5), by -15 % on UKdat, where two pairs never do.
* interactions, ``prior="horseshoe"``: the regularised horseshoe of Piironen & Vehtari
  (2017), l = z tau lambda~, z ~ N(0, 1), lambda ~ C+(0, 1), tau ~ C+(0, tau0),
  lambda~^2 = c^2 lambda^2 / (c^2 + tau^2 lambda^2), c^2 = s^2 caux,
  caux ~ InvGamma(nu/2, nu/2).  The global scale is their tau0 = p0 / (D - p0) * sigma /
  sqrt(m) with the pseudo-variance sigma^2 = 1/mu they suggest for Poisson likelihoods,
  which for m cells of mean mu gives tau0 = p0 / (D - p0) / sqrt(n), n the number of
  people observed.  p0 (``horseshoe_p0``) is the prior guess of the number of non-zero
  interactions among the D terms (default D / 2), s (``slab_scale`` = 2) and nu
  (``slab_df`` = 4) the scale and degrees of freedom of the slab that regularises the
  large ones.  Half-Cauchy scales are sampled as N+(0, 1) * sqrt(InvGamma(1/2, 1/2))
  (their appendix), which removes most divergences.  It suits many lists, where most of
  the k(k-1)/2 interactions should be near zero.  It is slower: the funnel between the
  global scale tau and the standardised interactions needs small steps, so the target
  acceptance is 0.995 (~10-20 s of sampling).  At 0.99, Kosovo (4 lists, 4,400 people,
  tau0 = 0.015) gave one divergent transition in 4,000 draws, hence ``not_converged``,
  for 2 of seeds 1-10; at 0.995, none for seeds 1-20 on the machine where this was
  tuned, and spina's draws are unchanged in distribution (median 735-738 for seeds
  1-4).  Divergences depend on the exact
  floating-point trajectory, which differs between CPUs: on another machine seed 1 gave
  one divergence at 0.995.  So a fit with any divergence is sampled once more at 0.999
  (``divergence_retry``; 3-4 times slower, no divergence for seeds 1 and 4-8 on
  Kosovo), and the result says so.

Sampler
-------
nutpie's NUTS with its low-rank modified mass matrix (Seyboldt, Carlson & Carpenter):
the intercept is an extrapolation to the all-zero cell and is strongly correlated with
the other parameters.  On UKdat (4 chains x 1000 draws) a diagonal mass matrix gives a
bulk ESS of N of ~250 and R-hat 1.02; the low-rank one ~6,000 and 1.00 at the same cost.

Compilation
-----------
The model is compiled by nutpie's numba backend (``nutpie.compile_pymc_model``): no C
compiler is involved in the model itself, so a fresh CI machine needs nothing but the
Python wheels.  Measured on UKdat (6 lists, 22 parameters, 2-core machine): compiling
takes 6-8 s when PyTensor's numba kernel cache (``~/.pytensor/numba``) is warm and ~18 s
on a fresh machine; sampling 4 x (1000 + 1000) iterations takes 0.4-0.7 s.  (PyMC's own
sampler on the C backend: 14 s cold / 1 s warm compile, but 40 s of sampling for a bulk
ESS < 400.)  The data and prior scales enter the compiled model as shared data, so one
compiled model serves every data set and prior scale with the same number of lists,
interaction terms and prior family.  Compiled models are cached twice:

* in the process (:data:`_CACHE_SIZE` of them): a refit costs only the sampling;
* on disk, across processes (:mod:`estimators.bayes.nutpie_cache`): the native code of
  nutpie's two callbacks, its metadata and PyMC's initial-point rule, keyed by the
  model structure, the package versions and the CPU.  A later process loads them in
  ~0.1 s without importing PyMC or PyTensor and draws exactly what a fresh compile
  draws.  ``REMOVALS_CACHE_DIR`` sets the directory (``off`` disables it; default
  ``$NUMBA_CACHE_DIR/removals``, else ``~/.cache/removals``).

``EstimateResult.timings`` (run-dependent, so in the JSON only with ``--timings``) says which
happened: ``compiled`` (True when this fit compiled),
``compiled_model_source`` (``"compiled"``, ``"process cache"`` or ``"disk cache"``) and
``compile_seconds`` (compiling or loading; 0 from the process cache).  PyTensor's own
cache directory is left alone (``PYTENSOR_FLAGS`` is respected).

References
----------
Fienberg, S. E. (1972). The multiple recapture census for closed populations and
incomplete 2^k contingency tables. *Biometrika* 59, 591-603.
Madigan, D. and York, J. C. (1997). Bayesian methods for estimation of the size of a
closed population. *Biometrika* 84, 19-31.
Gelman, A., Jakulin, A., Pittau, M. G. and Su, Y.-S. (2008). A weakly informative default
prior distribution for logistic and other regression models. *Annals of Applied
Statistics* 2, 1360-1383.
Hoffman, M. D. and Gelman, A. (2014). The No-U-Turn sampler. *Journal of Machine Learning
Research* 15, 1593-1623.
Overstall, A. M. and King, R. (2014). conting: an R package for Bayesian analysis of
complete and incomplete contingency tables. *Journal of Statistical Software* 58(7).
Piironen, J. and Vehtari, A. (2017). Sparsity information and regularization in the
horseshoe and other shrinkage priors. *Electronic Journal of Statistics* 11, 5018-5051.
Seyboldt, A., Carlson, E. and Carpenter, B. Preconditioning Hamiltonian Monte Carlo by
minimizing Fisher divergence. arXiv preprint (nutpie's low-rank mass-matrix adaptation).
Salvatier, J., Wiecki, T. V. and Fonnesbeck, C. (2016). Probabilistic programming in
Python using PyMC3. *PeerJ Computer Science* 2:e55.
"""

from __future__ import annotations

import math
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..histories import CaptureHistories
from ..loglinear.design import (
    Term,
    all_pair_terms,
    cell_patterns,
    design_matrix,
    parse_terms,
    rcapture_name,
    terms_label,
)
from ..posterior import LazyInferenceData
from ..results import EstimateResult
from ..seeds import resolve_seed
from .common import BayesianEstimator, posterior_result
from .nutpie_import import raw_trace_arrays

PRIORS = ("normal", "horseshoe")

_CACHE_SIZE = 16
_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_CACHE_LOCK = threading.Lock()

# Target acceptance of the one refit after divergent transitions (``divergence_retry``).
_RETRY_TARGET_ACCEPT = 0.999

# exp(intercept) above this is drawn as its rounded value: the Poisson noise (sd = sqrt(lam))
# is then below 1e-6 relative, and NumPy's Poisson sampler refuses lam > ~9.2e18.
_POISSON_MAX_LAM = 1e15


def _import_backends() -> tuple[Any, Any]:
    """Import PyMC and nutpie (slow: ~2 s), silencing ArviZ's import-time FutureWarning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        import pymc as pm
    return pm, _import_nutpie()


def _import_nutpie() -> Any:
    """Import nutpie alone: not PyMC or PyTensor, and ArviZ only when first used (see
    :mod:`estimators.bayes.nutpie_import`)."""
    from .nutpie_import import import_nutpie

    return import_nutpie()


def _build_model(pm: Any, k: int, p: int, prior: str, slab_df: float) -> Any:
    """The PyMC model of a k-list table with p interaction columns, data as shared variables.

    Every data-dependent number (counts, design, prior scales, horseshoe global scale)
    is a ``pm.Data`` so that a compiled model can be reused through ``with_data``; the
    initial points (prior support points, jittered by nutpie's seeded generator) do not
    depend on them, so a reused model gives the same draws as a fresh one.
    """
    cells = 2**k - 1
    pats = cell_patterns(k)
    coords = {"list": [f"list{i}" for i in range(k)], "term": [f"term{i}" for i in range(p)]}
    with pm.Model(coords=coords) as model:
        y = pm.Data("counts", np.zeros(cells))
        x_main = pm.Data("x_main", pats.astype(float))
        s_intercept = pm.Data("intercept_sigma", 10.0)
        s_main = pm.Data("main_sigma", 10.0)
        intercept = pm.Normal("intercept", mu=0.0, sigma=s_intercept)
        main = pm.Normal("main", mu=0.0, sigma=s_main, dims="list")
        eta = intercept + pm.math.dot(x_main, main)
        if p > 0:
            x_int = pm.Data("x_interaction", np.zeros((cells, p)))
            if prior == "normal":
                s_int = pm.Data("interaction_sigma", 1.0)
                interaction = pm.Normal("interaction", mu=0.0, sigma=s_int, dims="term")
            else:
                tau0 = pm.Data("tau0", 0.01)
                slab_scale = pm.Data("slab_scale", 2.0)
                z = pm.Normal("interaction_z", mu=0.0, sigma=1.0, dims="term")
                # Half-Cauchy scales as N+(0, 1) * sqrt(InvGamma(1/2, 1/2)) (Piironen & Vehtari 2017,
                # appendix): the same prior, with lighter-tailed pieces that NUTS explores better.
                lam_a = pm.HalfNormal("lambda_a", sigma=1.0, dims="term")
                lam_b = pm.InverseGamma("lambda_b", alpha=0.5, beta=0.5, dims="term")
                tau_a = pm.HalfNormal("tau_a", sigma=1.0)
                tau_b = pm.InverseGamma("tau_b", alpha=0.5, beta=0.5)
                caux = pm.InverseGamma("caux", alpha=0.5 * slab_df, beta=0.5 * slab_df)
                lam = pm.Deterministic("lambda", lam_a * pm.math.sqrt(lam_b), dims="term")
                tau = pm.Deterministic("tau", tau0 * tau_a * pm.math.sqrt(tau_b))
                c2 = slab_scale**2 * caux
                lam_tilde = pm.math.sqrt(c2 * lam**2 / (c2 + tau**2 * lam**2))
                interaction = pm.Deterministic("interaction", z * tau * lam_tilde, dims="term")
            eta = eta + pm.math.dot(x_int, interaction)
        pm.Poisson("y", mu=pm.math.exp(eta), observed=y)
    return model


def _compiled_model(k: int, p: int, prior: str, slab_df: float) -> tuple[Any, float, str]:
    """(compiled model, seconds spent compiling or loading it, where it came from).

    Where: ``"process cache"`` (compiled earlier in this process), ``"disk cache"``
    (compiled by an earlier process, see :mod:`estimators.bayes.nutpie_cache`) or
    ``"compiled"``.
    """
    key = (k, p, prior, float(slab_df) if prior == "horseshoe" else None)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key], 0.0, "process cache"
        from . import nutpie_cache

        t0 = time.perf_counter()
        structure = {"lists": k, "interaction_columns": p, "prior": prior, "slab_df": key[3]}
        disk_key = nutpie_cache.cache_key(structure, _build_model)
        compiled = nutpie_cache.load(disk_key)
        source = "disk cache"
        if compiled is None:
            pm, nutpie = _import_backends()
            model = _build_model(pm, k, p, prior, slab_df)
            compiled = nutpie.compile_pymc_model(model, backend="numba")
            nutpie_cache.save(disk_key, model, compiled)
            source = "compiled"
        seconds = time.perf_counter() - t0
        _CACHE[key] = compiled
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        return compiled, seconds, source


def clear_cache() -> None:
    """Forget the compiled models of this process (the next fit loads the model from the
    disk cache if it is there, else recompiles; ``REMOVALS_CACHE_DIR=off`` skips the disk)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def _count_divergences(stats: Mapping[str, np.ndarray]) -> int:
    """Divergent transitions among the kept draws of all chains."""
    diverging = stats.get("diverging")
    return 0 if diverging is None else int(np.asarray(diverging).sum())


def _draw_missing_cell(intercept: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One n0 ~ Poisson(exp(b0)) per draw of the intercept (rounded mean when huge)."""
    with np.errstate(over="ignore"):
        lam = np.exp(np.asarray(intercept, dtype=float))
    small = lam < _POISSON_MAX_LAM
    n0 = np.where(small, 0.0, np.rint(lam))
    n0[small] = rng.poisson(lam[small]).astype(float)
    return n0


@dataclass(frozen=True, kw_only=True)
class BayesLogLinear(BayesianEstimator):
    """Bayesian Poisson log-linear model of the incomplete 2^k table, sampled with nutpie.

    N = n + n0, n0 ~ Poisson(exp(intercept)) drawn for every posterior draw; point =
    posterior median, interval equal-tailed (or HPD) at ``level``.  See the module
    docstring for the model, the priors and why their defaults were chosen, and
    ``docs/bayes_loglinear_priors.md`` for the sensitivity of N to them.

    Parameters
    ----------
    model : str, optional
        Interaction terms of the hierarchical model, as for ``loglinear`` (``"A:B,B:C"``,
        1-based numbers, Rcapture names like ``"[12,3]"``; ``""`` or ``"main"`` = lists
        independent).  Default: all two-way interactions.  Higher-order terms are
        allowed (they get the interaction prior); the k-way term is not identifiable.
    prior : {"normal", "horseshoe"}, default "normal"
        Prior of the interactions: independent normals with sd ``interaction_sigma``,
        or the regularised horseshoe (Piironen & Vehtari 2017) for many lists.
    intercept_sigma : float, default 10
        Prior sd of the intercept (log expected count of the missing cell), mean 0.
    main_sigma : float, default 10
        Prior sd of each main effect, mean 0.
    interaction_sigma : float, default 1
        Prior sd of each interaction under ``prior="normal"``, mean 0.
    horseshoe_p0 : float, optional
        Prior guess of the number of non-zero interactions (horseshoe); default D / 2
        of the D interaction terms.  Sets the global scale tau0 = p0/(D-p0)/sqrt(n).
    slab_scale : float, default 2
        Scale s of the horseshoe's slab: the largest interactions are shrunk as by a
        Normal(0, s) prior.
    slab_df : float, default 4
        Degrees of freedom of the slab (c^2 ~ InvGamma(df/2, df s^2/2)).
    draws : int, default 1000
        Draws kept per chain.
    burnin : int, default 1000
        Tuning (warm-up) steps per chain, discarded.
    target_accept : float, optional
        NUTS target acceptance rate; default 0.9 (normal) or 0.995 (horseshoe, whose
        funnel needs small steps: see the module docstring).
    low_rank_mass_matrix : bool, default True
        Adapt nutpie's low-rank modified mass matrix instead of a diagonal one (see
        "Sampler" in the module docstring: ESS ~6,000 instead of ~250 on UKdat).
    divergence_retry : bool, default True
        If any transition diverges, sample once more with the same seed at target
        acceptance 0.999 (smaller steps) and report those draws, saying so in the
        messages and in ``details["sampler"]["refits_after_divergences"]``.  If the refit
        still diverges, the status is ``not_converged``.  False: report the first run.
    chains, level, seed, interval, rhat_max, ess_min, progress :
        See :class:`~estimators.bayes.common.BayesianEstimator`.

    Examples
    --------
    >>> from estimators import data
    >>> h = data.load_benchmark("dga_spina_MY1997")
    >>> r = BayesLogLinear(seed=1).fit(h)  # doctest: +SKIP
    >>> r.status.value, round(r.estimate)  # doctest: +SKIP
    ('ok', 762)
    """

    name = "bayes-loglinear"
    summary = "Bayesian Poisson log-linear model (all two-way interactions, normal or horseshoe priors), PyMC + nutpie"
    reference = "Fienberg (1972); Madigan & York (1997); Piironen & Vehtari (2017); PyMC, nutpie"
    assumption = "Every pair of lists may be dependent, with priors that pull each dependence towards none; no interaction among three or more lists (by default), and people are otherwise alike."  # noqa: E501
    min_lists = 3

    model: str | None = None
    prior: str = "normal"
    intercept_sigma: float = 10.0
    main_sigma: float = 10.0
    interaction_sigma: float = 1.0
    horseshoe_p0: float | None = None
    slab_scale: float = 2.0
    slab_df: float = 4.0
    draws: int = 1000
    burnin: int = 1000
    target_accept: float | None = None
    low_rank_mass_matrix: bool = True
    divergence_retry: bool = True


    def __post_init__(self) -> None:
        super().__post_init__()
        if self.prior not in PRIORS:
            raise ValueError(f"prior must be one of {', '.join(PRIORS)}; got {self.prior!r}")
        for field_name in ("intercept_sigma", "main_sigma", "interaction_sigma", "slab_scale", "slab_df"):
            value = getattr(self, field_name)
            if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
                raise ValueError(f"{field_name} must be a positive number; got {value!r}")
        if self.horseshoe_p0 is not None and not (
            isinstance(self.horseshoe_p0, (int, float)) and self.horseshoe_p0 > 0
        ):
            raise ValueError(f"horseshoe_p0 must be a positive number; got {self.horseshoe_p0!r}")
        for field_name in ("draws", "burnin"):
            value = getattr(self, field_name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{field_name} must be a positive integer; got {value!r}")
        if self.target_accept is not None and not (
            isinstance(self.target_accept, (int, float)) and 0.0 < self.target_accept < 1.0
        ):
            raise ValueError(f"target_accept must be strictly between 0 and 1; got {self.target_accept!r}")

    # ------------------------------------------------------------------ helpers
    def terms_for(self, histories: CaptureHistories) -> list[Term]:
        """The interaction terms fitted to ``histories`` (all two-way ones by default)."""
        if self.model is None:
            return all_pair_terms(histories.k)
        return parse_terms(self.model, histories.lists)

    def effective_target_accept(self) -> float:
        """The NUTS target acceptance rate used."""
        if self.target_accept is not None:
            return float(self.target_accept)
        return 0.995 if self.prior == "horseshoe" else 0.9

    def horseshoe_tau0(self, n_terms: int, n_observed: int) -> tuple[float, float]:
        """(p0, tau0) of the horseshoe: tau0 = p0 / (D - p0) / sqrt(n) (Piironen & Vehtari 2017)."""
        p0 = float(self.horseshoe_p0) if self.horseshoe_p0 is not None else n_terms / 2.0
        p0 = min(p0, n_terms - 0.5)
        return p0, p0 / (n_terms - p0) / math.sqrt(max(n_observed, 1))

    # ------------------------------------------------------------------ fit
    def _fit(self, histories: CaptureHistories) -> EstimateResult:
        seed = resolve_seed(self.seed)
        k = histories.k
        lists = histories.lists
        terms = self.terms_for(histories)
        p = len(terms)
        pats = cell_patterns(k)
        X = design_matrix(pats, terms)
        y = histories.cell_counts()
        prior = self.prior if p > 0 else "normal"

        compiled, compile_seconds, model_source = _compiled_model(k, p, prior, float(self.slab_df))
        data: dict[str, Any] = {
            "counts": y,
            "x_main": X[:, 1 : 1 + k],
            "intercept_sigma": float(self.intercept_sigma),
            "main_sigma": float(self.main_sigma),
        }
        prior_details: dict[str, Any] = {
            "intercept": f"Normal(0, {self.intercept_sigma:g})",
            "main_effects": f"Normal(0, {self.main_sigma:g})",
        }
        if p > 0:
            data["x_interaction"] = X[:, 1 + k :]
            if prior == "normal":
                data["interaction_sigma"] = float(self.interaction_sigma)
                prior_details["interactions"] = f"Normal(0, {self.interaction_sigma:g})"
            else:
                p0, tau0 = self.horseshoe_tau0(p, histories.n)
                data["tau0"] = tau0
                data["slab_scale"] = float(self.slab_scale)
                prior_details["interactions"] = (
                    f"regularised horseshoe (Piironen & Vehtari 2017): tau ~ C+(0, {tau0:.4g}), "
                    f"lambda ~ C+(0, 1), slab Normal(0, c), c^2 ~ InvGamma({self.slab_df:g}/2, "
                    f"{self.slab_df:g} * {self.slab_scale:g}^2/2)"
                )
                prior_details["horseshoe"] = {
                    "p0": p0,
                    "tau0": tau0,
                    "slab_scale": float(self.slab_scale),
                    "slab_df": float(self.slab_df),
                }
        else:
            prior_details["interactions"] = "none (lists independent)"
        prior_details["kind"] = prior if p > 0 else "none"
        compiled = compiled.with_data(**data)

        pm_seed, pp_seed = np.random.SeedSequence(seed).spawn(2)
        sampler_seed = int(pm_seed.generate_state(1, dtype=np.uint32)[0])
        target_accept = self.effective_target_accept()
        nutpie = _import_nutpie()

        def run(accept: float) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, list[str]]]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FutureWarning)
                trace = nutpie.sample(
                    compiled,
                    draws=self.draws,
                    tune=self.burnin,
                    chains=self.chains,
                    seed=sampler_seed,
                    progress_bar=self.show_progress(),
                    target_accept=accept,
                    low_rank_modified_mass_matrix=bool(self.low_rank_mass_matrix),
                    save_warmup=False,
                    return_raw_trace=True,  # the arrays, not ArviZ's InferenceData (built when read)
                )
            return raw_trace_arrays(trace)

        t0 = time.perf_counter()
        posterior, stats, dims = run(target_accept)
        retries: list[dict[str, Any]] = []
        # Divergences mean the step was too large for the posterior's geometry: the standard
        # remedy is a smaller step (higher target acceptance), applied once, in the open.
        divergent = _count_divergences(stats)
        if divergent and self.divergence_retry and target_accept < _RETRY_TARGET_ACCEPT:
            retries.append({"target_accept": target_accept, "divergences": divergent})
            target_accept = _RETRY_TARGET_ACCEPT
            posterior, stats, dims = run(target_accept)
        sampling_seconds = time.perf_counter() - t0

        labels = [":".join(lists[i] for i in t) for t in terms]
        coords: dict[str, Any] = {"list": list(lists)}
        if p > 0:
            coords["term"] = labels
        intercept = np.asarray(posterior["intercept"], dtype=float)
        n0 = _draw_missing_cell(intercept, np.random.default_rng(pp_seed))
        n_draws = histories.n + n0
        posterior["N"] = n_draws
        idata = LazyInferenceData(
            posterior, {"seed": seed, "method": self.name}, sample_stats=stats, coords=coords, dims=dims
        )

        finite = np.isfinite(n_draws)
        overlaps = histories.overlaps.to_numpy()
        zero_pairs = [lab for t, lab in zip(terms, labels, strict=True) if len(t) == 2 and overlaps[t[0], t[1]] == 0]
        details: dict[str, Any] = {
            "terms": terms_label(terms, lists),
            "interaction_terms": labels,
            "prior": prior_details,
            "sampler": {
                "name": "nutpie NUTS",
                "backend": "numba",
                "chains": self.chains,
                "draws": self.draws,
                "burnin": self.burnin,
                "target_accept": target_accept,
                "mass_matrix": "low-rank modified" if self.low_rank_mass_matrix else "diagonal",
                "sampler_seed": sampler_seed,
                "refits_after_divergences": retries,
            },
            "timing": {
                "compile_seconds": compile_seconds,
                "compiled": model_source == "compiled",
                "compiled_model_cached": model_source != "compiled",
                "compiled_model_source": model_source,
                "sampling_seconds": sampling_seconds,
            },
            "posterior_mean": float(np.mean(n_draws)) if finite.all() else float("inf"),
            "intercept": {
                "mean": float(np.mean(intercept)),
                "sd": float(np.std(intercept, ddof=1)),
                "median": float(np.median(intercept)),
            },
            "unobserved_cell_median": float(np.median(n0)),
            "zero_overlap_terms": zero_pairs,
        }
        if k <= 9:
            details["model"] = rcapture_name(terms, k)

        messages = [
            "assumes a closed population (no one enters or leaves between the lists) and correct record linkage",
            f"assumes the dependence between lists follows the Poisson log-linear model with {terms_label(terms, lists)} "
            f"and no other interaction (in particular no {k}-way interaction, which the observed cells cannot "
            "identify): the missing cell is extrapolated from it",
            "priors: intercept " + prior_details["intercept"] + ", main effects " + prior_details["main_effects"]
            + ", interactions " + (
                prior_details["interactions"] if prior == "normal" or p == 0
                else f"regularised horseshoe (tau0 = {prior_details['horseshoe']['tau0']:.3g})"
            ),
        ]
        if retries:
            first = retries[0]
            messages.append(
                f"{first['divergences']} divergent transition(s) at target acceptance {first['target_accept']:g}: "
                f"sampled again (same seed) at {target_accept:g}, whose draws are reported"
            )
        if zero_pairs:
            messages.append(
                f"{len(zero_pairs)} pair(s) of lists share no record ({', '.join(zero_pairs)}): their interactions "
                "are set by the prior, and N depends on it (see docs/bayes_loglinear_priors.md)"
            )
        return posterior_result(
            self, histories, idata, seed=seed, details=details, messages=tuple(messages), var_names=("N", "intercept")
        )
