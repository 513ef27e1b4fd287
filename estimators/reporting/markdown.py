"""DataFrames as pandoc pipe tables, for reports (no ``tabulate`` dependency).

A report displays a table with ``display(Markdown(markdown_table(df)))``: Quarto and the
built-in renderer both pass ``text/markdown`` output through pandoc, so the table renders
the same way in HTML and PDF on both paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from .._format import cell

_ALIGN = {"left": ":--", "l": ":--", "right": "--:", "r": "--:", "center": ":-:", "c": ":-:"}


_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")

#: Width of the PDF's text block (A4, 2.2 cm margins: 470 pt) in em of the table font
#: (0.88 x 11 pt), less a little for safety, and the cell inset (left + right, 12 pt) in
#: em; the HTML page (46 rem at 0.9 rem) is about as wide.
PAGE_EM = 47.0
CELL_INSET_EM = 1.3
BOLD_FACTOR = 1.08
#: pandoc's default ``--columns``: a pipe table with a longer line gets relative widths.
PANDOC_COLUMNS = 72
_EM = {" ": 0.25, "\u00a0": 0.25, "\u2060": 0.0, "%": 0.83, "–": 0.5, "—": 1.0, "×": 0.6, "~": 0.55}
_EM.update(dict.fromkeys(",.;:!'\"()[]|", 0.3))


def _em(text: str) -> float:
    """Approximate width of ``text`` in em of a proportional serif (Libertinus, Georgia)."""
    width = 0.0
    for ch in text:
        if ch in _EM:
            width += _EM[ch]
        elif ch.isdigit():
            width += 0.5
        elif ch.isupper():
            width += 0.68
        elif ch.islower():
            width += 0.47
        else:
            width += 0.55
    return width


def _escape(text: str) -> str:
    # Collapse ASCII whitespace only: a no-break space (U+00A0) keeps "2,601 – 4,043" on one line.
    return " ".join(_ASCII_SPACE.split(text.replace("|", "\\|").strip()))


def _longest_word(text: str, factor: float = 1.0) -> float:
    return factor * max((_em(w) for w in text.split(" ")), default=0.0)


def column_widths(cells: list[list[str]]) -> list[float]:
    """Relative widths (summing to 1) of a table's columns, for a table wider than a line.

    Each column gets at least its longest unbreakable word (header words counted bold;
    a no-break space or word joiner binds), so no word runs into the next column; space
    left over goes to the columns whose full cells would not fit on one line, in
    proportion to the shortfall (the automatic layout of HTML tables).  Headers may wrap
    onto two lines.  Widths are estimated in em of the table font (:func:`_em`).

    Parameters
    ----------
    cells : list of list of str
        Per column: the header, then the cells (as written in the table).

    Returns
    -------
    list of float
        One share of the text width per column.
    """
    room = PAGE_EM - CELL_INSET_EM * len(cells)
    least = [max(_longest_word(col[0], BOLD_FACTOR), *(_longest_word(c) for c in col[1:])) for col in cells]
    want = [
        max(lo, BOLD_FACTOR * _em(col[0]) / 2, *(_em(c) for c in col[1:]))
        for lo, col in zip(least, cells, strict=True)
    ]
    if sum(least) >= room:
        widths = least
    elif sum(want) <= room:
        widths = [w * room / sum(want) for w in want]
    else:
        share = (room - sum(least)) / (sum(want) - sum(least))
        widths = [lo + (w - lo) * share for lo, w in zip(least, want, strict=True)]
    total = sum(w + CELL_INSET_EM for w in widths)
    return [(w + CELL_INSET_EM) / total for w in widths]


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
    are right-aligned, others left-aligned.  A table wider than a line (72 characters)
    gets relative column widths from its separator dashes (pandoc's rule, in HTML and
    PDF alike): :func:`column_widths` sets them so that no word is wider than its column.
    A no-break space (U+00A0) or word joiner (U+2060) keeps text together, e.g. an
    interval's two limits.

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
            texts = [_escape(cell(v, col_digits, na)) for v in values]
        cells.append([_escape(name), *texts])
        how = align.get(name)
        if how is None:
            numeric = pd.api.types.is_numeric_dtype(df[column]) and not pd.api.types.is_bool_dtype(df[column])
            how = "right" if numeric else "left"
        if how not in _ALIGN:
            raise ValueError(f"markdown_table: align of {name!r} must be one of left, right, center; got {how!r}")
        aligns.append(how)
    widths = [max(3, *(len(t) for t in col)) for col in cells]
    dashes = widths
    if sum(widths) + 3 * len(widths) + 1 > PANDOC_COLUMNS:
        # pandoc gives a table with a line longer than its --columns relative column
        # widths from the separator's dashes: make them the widths the text needs.
        dashes = [max(3, round(200 * share)) for share in column_widths(cells)]
    pad = [str.rjust if _ALIGN[a] == "--:" else (str.center if _ALIGN[a] == ":-:" else str.ljust) for a in aligns]
    lines = []
    for r in range(len(df) + 1):
        row = [pad[c](cells[c][r], widths[c]) for c in range(len(cells))]
        lines.append("| " + " | ".join(row) + " |")
        if r == 0:
            seps = []
            for a, w in zip(aligns, dashes, strict=True):
                spec = _ALIGN[a]
                seps.append(spec[0] + "-" * w + spec[-1])
            lines.append("|" + "|".join(seps) + "|")
    text = "\n".join(lines)
    if caption:
        text += f"\n\n: {' '.join(caption.split())}"
    return text
