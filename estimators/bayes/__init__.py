"""Bayesian estimators: latent classes (lcm), graph averaging (dga), PyMC log-linear, two sources.

:mod:`.common` holds what they share (settings, diagnostics, the result of a posterior);
the heavy libraries (PyMC, nutpie, ArviZ) are imported only when a method is fitted.
"""
