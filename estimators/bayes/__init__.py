"""Bayesian estimators: latent classes (lcm), graph averaging (dga), PyMC log-linear.

Importing this package registers the methods; the heavy libraries (PyMC, ArviZ, numba)
are imported only when a method is fitted.
"""

from __future__ import annotations

import importlib

for _module in ("lcm", "dga", "pymc_loglinear"):
    try:
        importlib.import_module(f"{__name__}.{_module}")
    except ModuleNotFoundError as _exc:  # a method module still being written in this checkout
        if _exc.name != f"{__name__}.{_module}":
            raise
