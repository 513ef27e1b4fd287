"""Three lists and a hard-to-find class: how often any procedure must be wide on independent lists.

For a latent-class design of :mod:`estimators.studies.grid` (default ``classes2_3_N500``,
SYNTHETIC), prints its independent twin (:mod:`estimators.studies.indistinguishable`):
the independent-lists population whose observed-pattern split is nearest, its size N',
the Kullback-Leibler divergence, and the Neyman-Pearson floor: the least share of the
twin's data sets in which any procedure must give an upper limit of at least N in order
to cover N in a given share of the design's data sets.  Then ``recommended`` on
``--replicates`` data sets of each (seeds ``grid.design_seeds(--seed, name, R)``; the
twin's name is the design's with ``-twin``): covered, bounded, median width and estimate
over the true size.

Run: ``python bench/three_list_limit.py [--designs classes2_3_N500,classes2_4_N5000] [--replicates 20]``
"""

from __future__ import annotations

import argparse
import sys
import warnings

import numpy as np

from estimators import estimate
from estimators.studies.grid import DESIGNS, design_seeds
from estimators.studies.indistinguishable import independent_twin, neyman_pearson_floor
from estimators.studies.simulation import Population

COVERS = (0.9, 0.75, 0.5, 0.25)


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def recommended_on(population: Population, name: str, replicates: int, seed: int) -> str:
    """Coverage of ``recommended`` on ``replicates`` data sets of one population, as one line."""
    covered = bounded = 0
    widths, ratios = [], []
    for s in design_seeds(seed, name, replicates):
        sim = population.simulate(np.random.default_rng(s))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = estimate(sim.histories, "recommended", seed=s)
        N = sim.true_n
        covered += int(r.lower is not None and r.lower <= N and (r.upper is None or N <= r.upper))
        bounded += int(r.lower is not None and r.upper is not None)
        widths.append((r.upper - r.lower) / N if r.lower is not None and r.upper is not None else np.inf)
        if r.estimate is not None:
            ratios.append(r.estimate / N)
    est = f"{np.median(ratios):.2f}" if ratios else "-"
    return (f"covered {covered}/{replicates}, bounded {bounded}/{replicates}, median width / N "
            f"{np.median(widths):.2f}, median estimate / N {est}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--designs", default="classes2_3_N500")
    p.add_argument("--replicates", type=int, default=20)
    p.add_argument("--seed", type=int, default=20261206)
    p.add_argument("--draws", type=int, default=200_000, help="Monte Carlo data sets for the floor")
    a = p.parse_args(argv)
    for name in a.designs.split(","):
        design = DESIGNS[name].population
        twin = independent_twin(design)
        caps = ", ".join(f"{x:.3f}" for x in twin.capture)
        emit(f"{name} (N = {design.N}, expected observed {twin.expected_n:.0f}): independent twin N' = "
             f"{twin.twin_size:.0f} ({twin.twin_size / design.N:.3f} N), capture {caps}; KL {twin.kl:.5f} nats "
             f"per person, {twin.kl * twin.expected_n:.2f} over the expected observed")
        for cover in COVERS:
            split = neyman_pearson_floor(twin, cover, draws=a.draws, seed=a.seed)
            full = neyman_pearson_floor(twin, cover, draws=a.draws, seed=a.seed, use_count=True)
            emit(f"  to cover N in {cover:.0%} of {name}'s data sets, a procedure gives an upper limit >= N "
                 f"({design.N / twin.twin_size:.2f} N') in at least {full:.1%} of the twin's "
                 f"({split:.1%} if it reads only how the people split across the patterns)")
        emit(f"  recommended on {name}: {recommended_on(design, name, a.replicates, a.seed)}")
        emit(f"  recommended on its twin: {recommended_on(twin.population(), name + '-twin', a.replicates, a.seed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
