"""Modules imported on first use, so that ``removals --help`` or ``methods`` need not load them.

pandas and scipy take most of the package's import time (0.3-0.6 s); a command that lists
the methods or checks a small file uses neither, or only pandas.  A module-level
``pd = lazy_module("pandas")`` behaves like ``import pandas as pd`` except that pandas is
imported when an attribute is first read.  Each attribute is then cached on the proxy,
so later reads cost what a module attribute costs.

Type checkers see the real import (``if TYPE_CHECKING: import pandas as pd``).  The
import itself goes through :func:`importlib.import_module`, which holds the import lock:
safe when threads touch the proxy first at the same time.
"""

from __future__ import annotations

import importlib
import types
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_attributes", "lazy_module"]


class _LazyModule(types.ModuleType):
    """A stand-in for a module that imports it when an attribute is first read."""

    def __init__(self, name: str) -> None:
        super().__init__(name)

    def __getattr__(self, attr: str) -> Any:
        value = getattr(importlib.import_module(self.__name__), attr)
        setattr(self, attr, value)  # next time, a plain attribute
        return value

    def __repr__(self) -> str:
        return f"<lazy module {self.__name__!r}>"


def lazy_module(name: str) -> Any:
    """``name`` (e.g. ``"scipy.stats"``) if already imported, else a proxy that imports it on first use.

    Examples
    --------
    >>> stats = lazy_module("statistics")
    >>> stats.median([1, 3, 2])
    2
    """
    import sys

    module = sys.modules.get(name)
    return module if module is not None else _LazyModule(name)


def lazy_attributes(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) for ``package``: name -> the submodule that defines it.

    The submodule is imported when the name is first read, and the value is then stored in
    the package's namespace, so later reads are plain attribute reads.

    Examples
    --------
    In ``pkg/__init__.py``: ``__getattr__ = lazy_attributes(__name__, {"Thing": "things"})``.
    """
    import sys

    def __getattr__(name: str) -> Any:
        if name in table:
            value = getattr(importlib.import_module(f".{table[name]}", package), name)
            setattr(sys.modules[package], name, value)
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__

