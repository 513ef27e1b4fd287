"""The one place numbers, intervals and count qualifiers become text.

The CLI, the main job, plots and report tables all print counts the same way: thousands
separators, ``-`` (or a caller's placeholder) when absent, scientific notation for values
that are no plausible count.  Analysis code never rounds into strings (STYLE 6); it hands
numbers to these functions at the edge.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

#: Published-count qualifiers (``data/published_counts.csv``, column ``count_qualifier``):
#: in words for prose and tables, as a symbol for plots and terminal tables.
QUALIFIER_WORDS = {"at_least": "at least", "more_than": "more than", "exactly": "", "about": "about"}
QUALIFIER_SYMBOLS = {"at_least": "≥", "more_than": ">", "exactly": "", "about": "~"}

#: Label of what-if numbers that are not estimates (figures, tables, data frames).
SCENARIO_LABEL = "scenario, not an estimate"
PRIOR_SCENARIO_LABEL = "prior-driven scenario, not an estimate"

#: Values of 10^8 and more are no plausible count (an estimate that does not exist):
#: written in scientific notation so that they cannot be read as a number of people.
SCI_THRESHOLD = 1e8
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")

#: Joins an interval's limits: an en dash between no-break spaces, with a word joiner after
#: it (a line may otherwise break after a dash), so that an interval never wraps.
RANGE = "\u00a0–\u2060\u00a0"


def is_missing(x: Any) -> bool:
    """None, NA, NaT, NaN or an infinite float."""
    if x is None:
        return True
    try:
        import pandas as pd

        if x is pd.NA or x is pd.NaT:
            return True
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if isinstance(x, numbers.Real) and not isinstance(x, numbers.Integral):
        return not math.isfinite(float(x))
    return False


def to_float(x: Any) -> float:
    """Float or NaN (None / NA / non-numbers / infinities become NaN)."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return float("nan")
    return v if math.isfinite(v) else float("nan")


def number(x: Any, digits: int = 0, na: str = "-") -> str:
    """A number with thousands separators and ``digits`` decimals; ``na`` when absent.

    Examples
    --------
    >>> number(12345.678), number(12345.678, 1), number(None)
    ('12,346', '12,345.7', '-')
    """
    if is_missing(x):
        return na
    return f"{float(x):,.{digits}f}"


def count(x: Any, na: str = "-") -> str:
    """A count or estimate with thousands separators; ``na`` when absent.

    Values of 10^8 and more are written in scientific notation, ``4.4 × 10¹³``.

    Examples
    --------
    >>> count(2442), count(4.4e13)
    ('2,442', '4.4\\xa0×\\xa010¹³')
    """
    if is_missing(x):
        return na
    v = float(x)
    if abs(v) >= SCI_THRESHOLD:
        mantissa, exponent = f"{v:.1e}".split("e")
        return f"{mantissa}\u00a0×\u00a010{str(int(exponent)).translate(_SUPERSCRIPT)}"
    return f"{v:,.0f}"


def interval(lower: Any, upper: Any) -> str:
    """``lower – upper`` with thousands separators, kept on one line; an open upper end says so."""
    if is_missing(lower) and is_missing(upper):
        return "-"
    hi = "no upper limit" if is_missing(upper) else count(upper)
    return f"{count(lower)}{RANGE}{hi}"


def percent(x: Any, digits: int = 1) -> str:
    """A share as a percentage (0.953 -> ``95.3%``)."""
    if is_missing(x):
        return "-"
    return f"{100 * float(x):.{digits}f}%"


def cell(value: Any, digits: int = 1, na: str = "") -> str:
    """Any table cell as text: integers with separators, reals with ``digits`` decimals."""
    if is_missing(value) and not (isinstance(value, float) and math.isinf(value)):
        return na
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        if math.isinf(float(value)):
            return "∞" if float(value) > 0 else "−∞"
        return f"{float(value):,.{digits}f}"
    return str(value)
