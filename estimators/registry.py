"""The method registry: one place that maps names to estimator specs.

It feeds the CLI's ``--method`` choices and ``removals methods``.  Names are matched
case-insensitively.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class MethodInfo:
    """A registered method: its name, a one-line summary and its spec class."""

    name: str
    summary: str
    spec: type
    min_lists: int
    reference: str


_REGISTRY: dict[str, MethodInfo] = {}


def register(name: str, *, summary: str, min_lists: int, reference: str) -> Callable[[type[T]], type[T]]:
    """Class decorator registering an estimator spec under ``name``."""

    def deco(cls: type[T]) -> type[T]:
        key = name.lower()
        if key in _REGISTRY:
            raise ValueError(f"method {name!r} is already registered")
        _REGISTRY[key] = MethodInfo(name=name, summary=summary, spec=cls, min_lists=min_lists, reference=reference)
        return cls

    return deco


def _ensure_loaded() -> None:
    # Importing the estimator modules registers them.
    from . import (
        bayes,  # noqa: F401
        classical,  # noqa: F401
        recommended,  # noqa: F401
        twosource,  # noqa: F401
    )
    from .loglinear import estimators  # noqa: F401


def available() -> list[MethodInfo]:
    """Every registered method, in registration order."""
    _ensure_loaded()
    return list(_REGISTRY.values())


def get(name: str) -> MethodInfo:
    """Look a method up by name (case-insensitive).

    Raises
    ------
    ValueError
        If no method has that name; the message lists the names.
    """
    _ensure_loaded()
    key = name.lower()
    if key not in _REGISTRY:
        names = ", ".join(m.name for m in _REGISTRY.values())
        raise ValueError(f"unknown method {name!r}; choose one of: {names}")
    return _REGISTRY[key]


def create(name: str, **options: Any) -> Any:
    """Instantiate the spec of method ``name`` with keyword options."""
    info = get(name)
    try:
        return info.spec(**options)
    except TypeError as exc:
        raise ValueError(f"method {info.name!r} does not accept these options: {exc}") from None
