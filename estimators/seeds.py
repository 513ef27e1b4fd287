"""Seeds: resolve the one seed a result records, and derive independent seeds from it."""

from __future__ import annotations

import numpy as np


def resolve_seed(seed: int | None) -> int:
    """The seed to use and record: ``seed`` itself, or fresh OS entropy when None."""
    if seed is not None:
        return int(seed)
    return int(np.random.SeedSequence().entropy) % (2**32)  # type: ignore[arg-type]


def spawn_seeds(seed: int, count: int) -> list[int]:
    """``count`` independent 32-bit seeds derived from one seed (``SeedSequence.spawn``)."""
    return [int(s.generate_state(1)[0]) for s in np.random.SeedSequence(seed).spawn(count)]
