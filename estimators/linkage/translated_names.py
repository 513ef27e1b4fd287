"""Names that machine translation rendered as words, read back, list by list.

A document run through machine translation into English (an annex of a legal submission, a
translated register extract) has its names translated where they are also words: Роман
becomes *Novel*, Любов *Love*, Лев *Lion*, Злата *Golden*; the family names that are trades or
animals become *Shoemaker* (Швець), *Miller* (Мельник), *Furrier* (Кушнір), *Wolf* (Вовк); a
town called Гола Пристань becomes *Naked Pier*.  No romanisation or spelling rule brings such a
value back: it is another word.

The pinned table ``data/name_translations.csv`` (columns ``column, word, name, sex, meaning``)
lists the English words a translation gives for Ukrainian given names, family names and
settlement names that are also common words, with the Ukrainian name each stands for and the
word's dictionary meaning.  It was compiled by the project from the names' meanings (listed in
the ``meaning`` column); it is not a published dictionary.

Which lists were translated is decided list by list: a list is read as machine-translated when
at least :data:`MIN_CELLS` of its given-name and family-name cells are, whole, a word of the
table, at least :data:`MIN_WORDS` of them different (a list of English speakers' names has the
odd Hope or Miller, a translated list has many).  In such a list, every given-name and
family-name cell that is wholly a word of the table, and every place-name phrase of the table in
its origin column, is read as the Ukrainian name; the other cells are left as written.  The raw
lists are not changed, only the linkage keys are built from the values read back, and the
summary names the lists read so (no values).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .._lazy import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["MIN_CELLS", "MIN_WORDS", "Translations", "detect_translated_names", "load_translations",
           "read_back_translated_names"]

#: Fewest name cells that are words of the table before a list is read as translated (judgement).
MIN_CELLS = 5
#: Fewest different such words among them (judgement: one common word repeated may be a real name).
MIN_WORDS = 3
#: The name columns a list is judged on and read back in; places are read back in lists so judged.
NAME_COLUMNS = ("given_name", "family_name")
PLACE_COLUMNS = ("origin_settlement",)


@dataclass(frozen=True)
class Translations:
    """The table of translated names: per column, the English word (casefolded) -> the Ukrainian name."""

    words: dict[str, dict[str, str]]

    def name_for(self, column: str, value: object) -> str | None:
        """The Ukrainian name a whole cell of ``column`` stands for (case and spacing aside), or None.

        Parameters
        ----------
        column : str
            ``given_name``, ``family_name`` or ``origin_settlement``.
        value : object
            The cell as written.

        Returns
        -------
        str or None
        """
        if not isinstance(value, str):
            return None
        return self.words.get(column, {}).get(" ".join(value.split()).casefold())


def _default_path() -> Path:
    from .. import data

    return data.verified_path("name_translations.csv")


@lru_cache(maxsize=4)
def load_translations(path: str | None = None) -> Translations:
    """Read ``data/name_translations.csv`` (the pinned copy, its sha256 checked, by default).

    Parameters
    ----------
    path : str, optional
        Another table with the same columns (tests).

    Returns
    -------
    Translations
    """
    file = Path(path) if path is not None else _default_path()
    words: dict[str, dict[str, str]] = {}
    with file.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            words.setdefault(row["column"], {})[" ".join(row["word"].split()).casefold()] = row["name"]
    return Translations(words=words)


def detect_translated_names(cells: dict[str, list[object]], table: Translations) -> bool:
    """Whether one list's name cells look machine-translated (see the module docstring).

    Parameters
    ----------
    cells : column name -> the list's values in that column (:data:`NAME_COLUMNS`).
    table : Translations

    Returns
    -------
    bool
        At least :data:`MIN_CELLS` whole cells are words of the table, :data:`MIN_WORDS` of them different.
    """
    found = [name for column, values in cells.items() for v in values
             if (name := table.name_for(column, v)) is not None]
    return len(found) >= MIN_CELLS and len(set(found)) >= MIN_WORDS


def _place_pattern(table: Translations) -> re.Pattern[str] | None:
    phrases = sorted(table.words.get("origin_settlement", {}), key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")(?!\w)",
                      re.IGNORECASE)


def read_back_translated_names(frame: pd.DataFrame, list_column: str = "source_dataset", *,
                               table: Translations | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Each machine-translated list's names read back as the Ukrainian names they translate.

    Parameters
    ----------
    frame : raw records of one or more lists (string columns).
    list_column : the column naming each row's list (all rows are one list when it is absent).
    table : optional; the table of translated names (default :func:`load_translations`).

    Returns
    -------
    (DataFrame, list)
        A copy with the name and place cells read back in the rows of the lists found
        translated (the frame itself when none is), and the names of those lists.
    """
    import numpy as np

    columns = [c for c in NAME_COLUMNS if c in frame.columns]
    if not columns or frame.empty:
        return frame, []
    t = table or load_translations()
    lists = (frame[list_column].astype(str).to_numpy() if list_column in frame.columns
             else np.array([""] * len(frame)))
    places = _place_pattern(t)
    found: list[str] = []
    out = frame
    for name in dict.fromkeys(lists.tolist()):
        rows = np.flatnonzero(lists == name)  # by position: the index may repeat
        if not detect_translated_names({c: frame[c].iloc[rows].tolist() for c in columns}, t):
            continue
        if out is frame:
            out = frame.copy()
        for c in columns:
            column = out[c].to_numpy(dtype=object, copy=True)
            column[rows] = [t.name_for(c, v) or v for v in column[rows]]
            out[c] = column
        for c in (c for c in PLACE_COLUMNS if c in frame.columns):
            if places is None:
                continue
            column = out[c].to_numpy(dtype=object, copy=True)
            column[rows] = [places.sub(lambda m: t.name_for("origin_settlement", m.group(0)) or m.group(0), v)
                            if isinstance(v, str) else v for v in column[rows]]
            out[c] = column
        found.append(str(name))
    return out, found
