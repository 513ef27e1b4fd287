"""Name cells copied from an identity document: its field labels and its second script, read off.

A Ukrainian passport, ID card or birth certificate prints each name twice, in Cyrillic and in
its official Latin transliteration (``МЕЛЬНИК / MELNYK``), under a bilingual field label
(``Прізвище/Surname``, ``Ім'я/Given Names``).  A list transcribed from photographs or scans of
such documents (a legal-aid organisation's case files, OCR of document copies) often holds the
whole field in a cell: ``МЕЛЬНИК MELNYK``, ``Прізвище/Surname СУХОПОЛ``.  Folded as one name,
such a cell is no name at all (``melnikmelnik``) and agrees with no other record of the child.

:func:`read_document_cell` reads one cell:

* a leading field label (:data:`LABEL_WORDS`, in Ukrainian, Russian or English, alone or as a
  ``/``-joined pair, with or without a colon) is removed when a value follows it;
* a value written in both scripts, as many Cyrillic words as Latin ones and each pair the same
  name (folded keys equal, or Jaro-Winkler >= :data:`SAME_NAME` at nearly the same length), keeps
  its Cyrillic part: the document's own spelling, from which every other key is derived.  A cell
  whose two parts are different names (``Петренко Smith``) is left as written.

Cells of a single script, and words mixing scripts (``Шevchenko``: :mod:`.partial_romanisation`),
are not touched.  The rows read are counted per list (``cells_read["document_fields"]``).

A list made from air tickets or booking records writes a passenger title after the name, and
a list that splits the name field by words puts it where the patronymic belongs: ``MSTR`` (a
boy), ``MISS`` (a girl), cut by the field to ``MST``, ``MIS``, ``MI`` or ``M``.  Read as a
patronymic it disagrees with the child's real one.  :func:`read_passenger_titles` reads a
list whose patronymic cells hold at least :data:`MIN_TITLES` whole titles (``MSTR``, ``MST``,
``MISS``, ``MIS``, ``MR``, ``MRS``, ``MS``, ``CHD``, ``INF``) as such a list: there, a
patronymic cell that is a title or a cut of one is no patronymic, and a title that says the sex
fills an empty sex cell (counted per list, ``cells_read["passenger_titles"]``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LABEL_WORDS", "MIN_TITLES", "SAME_NAME", "read_document_cell", "read_document_fields", "read_passenger_titles"]

#: Field labels of identity documents and forms (lower case): Ukrainian, Russian and English.
LABEL_WORDS = ("прізвище", "ім'я", "імʼя", "ім’я", "імя", "по батькові", "фамилия", "имя", "отчество",
               "surname", "given names", "given name", "name", "names", "first name", "last name",
               "family name", "patronymic")
#: Jaro-Winkler similarity of the folded Cyrillic and Latin parts above which they are one name
#: (a transliteration table apart: Ukrainian 2010 vs a passport's older table).
SAME_NAME = 0.85

_LABEL = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(LABEL_WORDS, key=len, reverse=True))
_LABELS = re.compile(rf"^\s*(?:{_LABEL})(?:\s*/\s*(?:{_LABEL}))*\s*:?\s+(?=\S)", re.IGNORECASE)
_CYRILLIC_WORD = re.compile(r"^[\u0400-\u04FF'’ʼ-]+$")
_LATIN_WORD = re.compile(r"^[A-Za-z'’-]+$")


def _parts(words: list[str]) -> tuple[list[str], list[str]] | None:
    """(Cyrillic words, Latin words) when every word is wholly of one script and both occur, one
    script's words all before the other's; else None."""
    scripts = []
    for w in words:
        if _CYRILLIC_WORD.match(w) and any(ch.isalpha() for ch in w):
            scripts.append("c")
        elif _LATIN_WORD.match(w) and any(ch.isalpha() for ch in w):
            scripts.append("l")
        else:
            return None
    if "c" not in scripts or "l" not in scripts:
        return None
    changes = sum(1 for a, b in zip(scripts, scripts[1:], strict=False) if a != b)
    if changes != 1:
        return None
    return [w for w, s in zip(words, scripts, strict=True) if s == "c"], [
        w for w, s in zip(words, scripts, strict=True) if s == "l"]


def _same_name(a: str, b: str, similarity: Callable[[str, str], float]) -> bool:
    """One name in two scripts: equal folded keys, or similar ones (Jaro-Winkler >= :data:`SAME_NAME`) of
    nearly the same length (a shared start alone, Коваль and Kovalenko, is not enough)."""
    if not a or not b:
        return False
    return a == b or (similarity(a, b) >= SAME_NAME and 0.8 <= len(a) / len(b) <= 1.25)


def read_document_cell(value: object) -> tuple[object, bool]:
    """A name cell with a document's field label and second script read off.

    Parameters
    ----------
    value : the cell as written (anything that is not a string is returned as it is).

    Returns
    -------
    (value, bool)
        The cell as read, and whether it was changed.

    Examples
    --------
    >>> read_document_cell("МЕЛЬНИК MELNYK")
    ('МЕЛЬНИК', True)
    >>> read_document_cell("Прізвище/Surname СУХОПОЛ")
    ('СУХОПОЛ', True)
    >>> read_document_cell("Петренко Smith")
    ('Петренко Smith', False)
    >>> read_document_cell("Name")
    ('Name', False)
    """
    if not isinstance(value, str):
        return value, False
    from .folding import name_key
    from .gazetteer import jaro_winkler

    text = _LABELS.sub("", value, count=1)
    words = text.split()
    parts = _parts(words) if len(words) >= 2 else None
    if parts is not None:
        cyrillic, latin = parts
        if len(cyrillic) == len(latin) and all(_same_name(name_key(c) or "", name_key(w) or "", jaro_winkler)
                                               for c, w in zip(cyrillic, latin, strict=True)):
            text = " ".join(cyrillic)
    text = text.strip()
    if not text or text == value.strip():
        return value, False
    return text, True


#: Fewest whole passenger titles in a list's patronymic cells before the list is read as ticket data.
MIN_TITLES = 5
#: Whole passenger titles (booking systems' codes for children and adults).
PASSENGER_TITLES = frozenset(("MSTR", "MST", "MISS", "MIS", "MR", "MRS", "MS", "CHD", "INF"))
#: The sex a title says (the others, and a cut like ``MI`` or ``M``, say none).
_TITLE_SEX = {"MSTR": "M", "MST": "M", "MR": "M", "MISS": "F", "MIS": "F", "MRS": "F"}
#: Cuts of the children's titles by a short field.
_TITLE_CUTS = frozenset(("M", "MI", "MS", "MST", "MSTR", "MIS", "MISS"))


def read_passenger_titles(frame: pd.DataFrame, list_column: str = "source_dataset") -> tuple[pd.DataFrame, np.ndarray]:
    """Passenger titles in the patronymic cells of ticket lists read as no patronymic, and as the sex.

    Parameters
    ----------
    frame : raw records of one or more lists (string columns).
    list_column : the column naming each row's list (all rows are one list when it is absent).

    Returns
    -------
    (DataFrame, ndarray of bool)
        A copy with those cells read (the frame itself when no list has titles), and which
        rows were read.
    """
    read = np.zeros(len(frame), dtype=bool)
    if "patronymic" not in frame.columns or frame.empty:
        return frame, read
    cells = [v.strip().upper().rstrip(".") if isinstance(v, str) else "" for v in frame["patronymic"].tolist()]
    lists = (frame[list_column].astype(str).to_numpy() if list_column in frame.columns
             else np.array([""] * len(frame)))
    out = frame
    for name in dict.fromkeys(lists.tolist()):
        rows = np.flatnonzero(lists == name)
        if sum(cells[i] in PASSENGER_TITLES for i in rows) < MIN_TITLES:
            continue
        hit = [i for i in rows if cells[i] in PASSENGER_TITLES or cells[i] in _TITLE_CUTS]
        if not hit:
            continue
        if out is frame:
            out = frame.copy()
        patronymic = out["patronymic"].to_numpy(dtype=object, copy=True)
        sex = out["sex"].to_numpy(dtype=object, copy=True) if "sex" in out.columns else None
        for i in hit:
            patronymic[i] = None
            said = _TITLE_SEX.get(cells[i])
            if sex is not None and said is not None and not (isinstance(sex[i], str) and sex[i].strip()):
                sex[i] = said
        out["patronymic"] = patronymic
        if sex is not None:
            out["sex"] = sex
        read[hit] = True
    return out, read


def read_document_fields(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Every name cell of ``frame`` read by :func:`read_document_cell`.

    Parameters
    ----------
    frame : raw records (string columns); ``family_name``, ``given_name`` and ``patronymic`` are read.

    Returns
    -------
    (DataFrame, ndarray of bool)
        A copy with the cells read (the frame itself when none changed), and which rows changed.
    """
    changed = np.zeros(len(frame), dtype=bool)
    out = frame
    for column in ("family_name", "given_name", "patronymic"):
        if column not in frame.columns:
            continue
        read = [read_document_cell(v) for v in frame[column].tolist()]
        hit = np.array([c for _, c in read], dtype=bool)
        if hit.any():
            if out is frame:
                out = frame.copy()
            values = out[column].to_numpy(dtype=object, copy=True)
            values[hit] = [v for (v, c) in read if c]
            out[column] = values
            changed |= hit
    return out, changed
