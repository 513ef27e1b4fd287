"""DataFrames as pandoc pipe tables, for reports (no ``tabulate`` dependency).

A report displays a table with ``display(Markdown(markdown_table(df)))``: Quarto and the
built-in renderer both pass ``text/markdown`` output through pandoc, so the table renders
the same way in HTML and PDF on both paths.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

_ALIGN = {"left": ":--", "l": ":--", "right": "--:", "r": "--:", "center": ":-:", "c": ":-:"}


def _escape(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _format(value: Any, digits: int, na: str) -> str:
    if _is_missing(value):
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


def markdown_table(
    df: pd.DataFrame,
    *,
    digits: int | Mapping[str, int] = 1,
    formatters: Mapping[str, Callable[[Any], str]] | None = None,
    align: Mapping[str, str] | None = None,
    index: bool = False,
    na: str = "–",
    caption: str | None = None,
) -> str:
    """Format a DataFrame as a pandoc pipe table.

    Integers get thousands separators (``2,442``); other real numbers get ``digits``
    decimals and thousands separators; missing values print as ``na``.  Numeric columns
    are right-aligned, others left-aligned.  The separator dashes are proportional to
    each column's widest cell, which pandoc uses as relative column widths when a table
    is wider than a line.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; column names become the header.
    digits : int or mapping of str to int, default 1
        Decimals of non-integer numbers, for every column or per column (columns not
        in the mapping get 1).
    formatters : mapping of str to callable, optional
        Per-column functions from a value to its text; they take precedence over
        ``digits``.  Pipes in the text are escaped.
    align : mapping of str to str, optional
        Per-column alignment: ``"left"``, ``"right"`` or ``"center"`` (or ``l``, ``r``, ``c``).
    index : bool, default False
        Include the index as the first column.
    na : str, default "–"
        Text of missing values (None, NaN, NA).
    caption : str, optional
        Table caption (markdown), placed under the table as pandoc's ``: caption``.

    Returns
    -------
    str
        The markdown table (header, separator, one line per row; then the caption).

    Raises
    ------
    ValueError
        If ``align`` names an unknown alignment or a column that does not exist.

    Examples
    --------
    >>> import pandas as pd
    >>> print(markdown_table(pd.DataFrame({"list": ["A", "B"], "n": [1200, 35], "p": [0.25, 0.5]}), digits=2))
    | list |     n |    p |
    |:-----|------:|-----:|
    | A    | 1,200 | 0.25 |
    | B    |    35 | 0.50 |
    """
    if index:
        df = df.reset_index()
    formatters = dict(formatters or {})
    align = dict(align or {})
    columns = [str(c) for c in df.columns]
    unknown = sorted((set(align) | set(formatters)) - set(columns))
    if unknown:
        raise ValueError(f"markdown_table: columns {unknown} not in the table; columns are {columns}")
    cells: list[list[str]] = []
    aligns: list[str] = []
    for name, column in zip(columns, df.columns, strict=True):
        values = df[column].tolist()
        col_digits = digits.get(name, 1) if isinstance(digits, Mapping) else digits
        if name in formatters:
            texts = [_escape(str(formatters[name](v))) for v in values]
        else:
            texts = [_escape(_format(v, col_digits, na)) for v in values]
        cells.append([_escape(name), *texts])
        how = align.get(name)
        if how is None:
            numeric = pd.api.types.is_numeric_dtype(df[column]) and not pd.api.types.is_bool_dtype(df[column])
            how = "right" if numeric else "left"
        if how not in _ALIGN:
            raise ValueError(f"markdown_table: align of {name!r} must be one of left, right, center; got {how!r}")
        aligns.append(how)
    widths = [max(3, *(len(t) for t in col)) for col in cells]
    pad = [str.rjust if _ALIGN[a] == "--:" else (str.center if _ALIGN[a] == ":-:" else str.ljust) for a in aligns]
    lines = []
    for r in range(len(df) + 1):
        row = [pad[c](cells[c][r], widths[c]) for c in range(len(cells))]
        lines.append("| " + " | ".join(row) + " |")
        if r == 0:
            seps = []
            for a, w in zip(aligns, widths, strict=True):
                spec = _ALIGN[a]
                seps.append(spec[0] + "-" * w + spec[-1])
            lines.append("|" + "|".join(seps) + "|")
    text = "\n".join(lines)
    if caption:
        text += f"\n\n: {' '.join(caption.split())}"
    return text
