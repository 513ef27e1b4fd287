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
* a value written in both scripts, its Cyrillic words and its Latin words the same name
  (the folded keys of the two parts equal, or Jaro-Winkler >= :data:`SAME_NAME`), keeps its
  Cyrillic part: the document's own spelling, from which every other key is derived.  A cell
  whose two parts are different names (``Петренко Smith``) is left as written.

Cells of a single script, and words mixing scripts (``Шevchenko``: :mod:`.partial_romanisation`),
are not touched.  The rows read are counted per list (``cells_read["document_fields"]``).
"""

from __future__ import annotations

import re

__all__ = ["LABEL_WORDS", "SAME_NAME", "read_document_cell"]

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
        a, b = name_key(" ".join(cyrillic)) or "", name_key(" ".join(latin)) or ""
        if a and b and (a == b or jaro_winkler(a, b) >= SAME_NAME):
            text = " ".join(cyrillic)
    text = text.strip()
    if not text or text == value.strip():
        return value, False
    return text, True
