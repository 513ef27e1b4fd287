"""The catalogue of estimation methods: one place that maps names to spec classes.

It feeds the CLI's ``--method`` choices and ``removals methods``.  Each entry's metadata
(``name``, ``summary``, ``reference``, ``min_lists``, ``max_lists``) is read from the
spec class's class variables (:class:`estimators.base.Estimator`), so it is stated once.
Names are matched case-insensitively.

Examples
--------
>>> from estimators import methods
>>> methods.get("chapman").min_lists
2
>>> methods.create("loglinear", criterion="bic").criterion
'bic'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from .base import Estimator
from .bayes.dga import DGA
from .bayes.lcm import LatentClass
from .bayes.pymc_loglinear import BayesLogLinear
from .bayes.twosource import TwoSource
from .classical import ChaoLowerBound, Chapman, Petersen
from .exceptions import SettingsError
from .loglinear.estimators import RCAPTURE_FAMILY, LogLinear
from .recommended import Recommended

#: The method ``removals estimate`` uses without ``--method`` (for three or more lists).
DEFAULT = "recommended"

#: Every method, in the order ``removals methods`` lists them.
CATALOGUE: tuple[type[Estimator], ...] = (
    Recommended,
    LogLinear,
    *RCAPTURE_FAMILY,
    DGA,
    LatentClass,
    BayesLogLinear,
    Petersen,
    Chapman,
    ChaoLowerBound,
    TwoSource,
)


@dataclass(frozen=True)
class MethodInfo:
    """A catalogued method: its name, one-line summary, spec class and list range."""

    name: str
    summary: str
    spec: type[Estimator]
    min_lists: int
    max_lists: int | None
    reference: str

    @property
    def options(self) -> tuple[str, ...]:
        """Names of the spec's keyword settings."""
        return tuple(f.name for f in fields(self.spec))


def _info(spec: type[Estimator]) -> MethodInfo:
    for attr in ("name", "summary", "reference"):
        if not getattr(spec, attr):
            raise TypeError(f"{spec.__name__} does not state its {attr!r}")
    return MethodInfo(
        name=spec.name, summary=spec.summary, spec=spec, min_lists=spec.min_lists, max_lists=spec.max_lists,
        reference=spec.reference,
    )


def _build(specs: Sequence[type[Estimator]]) -> dict[str, MethodInfo]:
    out: dict[str, MethodInfo] = {}
    for spec in specs:
        info = _info(spec)
        key = info.name.lower()
        if key in out:
            raise ValueError(f"method {info.name!r} is catalogued twice")
        out[key] = info
    return out


_BY_NAME = _build(CATALOGUE)


def available() -> list[MethodInfo]:
    """Every catalogued method, in catalogue order."""
    return list(_BY_NAME.values())


def get(name: str) -> MethodInfo:
    """Look a method up by name (case-insensitive).

    Raises
    ------
    SettingsError
        If no method has that name; the message lists the names.
    """
    key = name.lower()
    if key not in _BY_NAME:
        names = ", ".join(m.name for m in _BY_NAME.values())
        raise SettingsError(f"unknown method {name!r}; choose one of: {names}")
    return _BY_NAME[key]


def create(name: str, **options: Any) -> Estimator:
    """Instantiate the spec of method ``name`` with keyword options.

    Raises
    ------
    SettingsError
        For an unknown method, an unknown option or an invalid option value.
    """
    info = get(name)
    unknown = sorted(set(options) - set(info.options))
    if unknown:
        raise SettingsError(
            f"method {info.name!r} has no option {', '.join(map(repr, unknown))}; "
            f"its options: {', '.join(info.options)}"
        )
    try:
        return info.spec(**options)
    except (TypeError, ValueError) as exc:  # a spec's own checks: every one is about a setting
        if isinstance(exc, SettingsError):
            raise
        raise SettingsError(f"method {info.name!r}: {exc}") from None
