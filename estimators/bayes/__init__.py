"""Bayesian estimators: latent classes (lcm), graph averaging (dga), PyMC log-linear.

Importing this package registers the methods; the heavy libraries (PyMC, nutpie) are
imported only when a method is fitted.
"""

from __future__ import annotations

from . import dga, lcm, pymc_loglinear  # noqa: F401  (registration)
