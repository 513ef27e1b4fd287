"""Cyrillic text decoded with the wrong code page (mojibake), read back as it was written.

Partners exchange lists as CSV files, and a file saved in one encoding and opened in
another turns every Cyrillic letter into other characters.  Two confusions are common
with Ukrainian and Russian files:

* **Windows-1251 read as Windows-1252** (or Latin-1): ``Коваленко`` becomes
  ``Êîâàëåíêî`` - one Latin-1 letter per Cyrillic letter;
* **UTF-8 read as Windows-1251**: ``Коваленко`` becomes ``РљРѕРІР°Р»РµРЅРєРѕ`` - two
  Cyrillic characters per letter, the first always ``Р`` or ``С``.  Byte 0x98 has no
  character in Windows-1251, so the second byte of ``И`` (D0 98) and of ``ј`` became the
  replacement character U+FFFD; it is read back as 0x98.

Both are undone exactly by re-encoding with the code page that was wrongly used and
decoding with the right one (as ``ftfy`` does; Speer 2019).  A value is repaired only
when the round trip succeeds and gives letters of today's Ukrainian, Russian or Belarusian
alphabets only, and:

* (first case) the value has no Cyrillic letter: a Latin name with diacritics
  (``Müller``) reads as a mix of scripts and is left alone;
* (second case) the value is valid UTF-8 when re-encoded and holds a ``Р``/``С`` pair whose
  second character is not a letter (``Рѕ``, ``Р°``, ``Р�``).  A real Cyrillic word is
  almost never valid UTF-8 re-encoded (its letters are bytes 0xC0-0xFF, which UTF-8 never
  puts second); the exceptions are pairs of letters (``РЁ``, ``Сі``), which are left
  alone.  Every name with a small а, е, о, у, я or ю in it has a pair with a symbol.

Only the linkage
keys are built from the repaired values; the raw lists are not changed, and the linkage
summary says how many values of which list were read back (no values).

Text scraped from web pages carries two more artefacts, removed from the same columns
first (:func:`web_text`): HTML character references left unescaped (``Лук&#39;яненко``,
``м.&nbsp;Горлівка``), and invisible format characters that typography and editors insert
(the soft hyphen U+00AD of automatic hyphenation, zero-width spaces and joiners, the byte
order mark, direction marks), which Unicode normalisation (NFKC) keeps.

References
----------
Speer, R. (2019). ftfy (fixes text for you), version 5.5. Zenodo,
    doi:10.5281/zenodo.2591652.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["MOJIBAKE_COLUMNS", "repair_mojibake", "repair_value", "web_text"]

#: Raw columns whose text is read back when mis-decoded.
MOJIBAKE_COLUMNS = ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution",
                    "destination")
_LATIN1_LETTERS = re.compile("[\u00c0-\u00ff]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_REPLACEMENT = "\ufffd"
# the second byte of a two-byte UTF-8 letter (0x80-0xBF) as Windows-1251 shows it
_CONTINUATION = re.escape(bytes(range(0x80, 0xC0)).decode("cp1251", errors="replace"))
_UTF8_AS_1251 = re.compile(f"[РС][{_CONTINUATION}]")
#: Letters of today's Ukrainian, Russian and Belarusian alphabets: a read-back value has no other.
_ALPHABET = frozenset("абвгґдеєёжзиіїйклмнопрстуўфхцчшщъыьэюя")


def _all_cyrillic_letters(text: str) -> bool:
    letters = [c for c in text.lower() if c.isalpha()]
    return bool(letters) and all(c in _ALPHABET for c in letters)


_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
# every Unicode format character (category Cf) of the Basic Multilingual Plane and the tags block
_FORMAT = re.compile("[" + "".join(re.escape(chr(c)) for c in (*range(0x10000), *range(0xE0000, 0xE0080))
                                   if unicodedata.category(chr(c)) == "Cf") + "]")


def web_text(text: str) -> str:
    """``text`` without unescaped HTML character references and invisible format characters.

    Examples
    --------
    >>> web_text("Лук&#39;яненко"), web_text("Ва\u00adле\u00adрия")
    ("Лук'яненко", 'Валерия')
    """
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    return _FORMAT.sub("", text)


def repair_value(text: str) -> str | None:
    """The value read back with the right code page, or None when it is not mis-decoded.

    Parameters
    ----------
    text : str

    Returns
    -------
    str or None
    """
    if _LATIN1_LETTERS.search(text) and not _CYRILLIC.search(text):
        try:
            fixed = text.encode("cp1252").decode("cp1251")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
        return fixed if _all_cyrillic_letters(fixed) else None
    # a pair whose second character is a letter (РІ, СЁ) may be real text; a symbol (Рѕ, Р°) never is
    if any(m.group()[1].lower() not in _ALPHABET for m in _UTF8_AS_1251.finditer(text)):
        try:
            fixed = _encode_with_0x98(text).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
        return fixed if _all_cyrillic_letters(fixed) else None
    return None


def _encode_with_0x98(text: str) -> bytes:
    """Windows-1251 bytes of ``text`` with each replacement character read as 0x98."""
    return b"\x98".join(part.encode("cp1251") for part in text.split(_REPLACEMENT))


def repair_mojibake(frame: pd.DataFrame, list_column: str = "source_dataset",
                    columns: Sequence[str] = MOJIBAKE_COLUMNS) -> tuple[pd.DataFrame, dict[str, int]]:
    """Mis-decoded values of the text columns read back, web text artefacts removed (module docstring).

    Parameters
    ----------
    frame : DataFrame
        Raw records (string columns); ``list_column`` names the list of each row.
    list_column : str
    columns : the columns to repair (those present).

    Returns
    -------
    (DataFrame, dict)
        A copy with the repaired values (the frame itself when none is changed), and the
        number of values read back from a wrong code page per list name (lists without any
        are left out; web text artefacts are not counted).
    """
    present = [c for c in columns if c in frame.columns]
    lists = (frame[list_column].astype(str).to_numpy() if list_column in frame.columns
             else np.array([""] * len(frame)))
    counts: dict[str, int] = {}
    out = frame
    for c in present:
        values = frame[c].tolist()
        new: list[object] = []
        repaired = np.zeros(len(values), dtype=bool)
        for i, v in enumerate(values):
            if isinstance(v, str) and v:
                v = web_text(v)
                fixed = repair_value(v)
                repaired[i] = fixed is not None
                v = fixed if fixed is not None else v
            new.append(v)
        rows = [i for i, (a, b) in enumerate(zip(values, new, strict=True)) if a is not b and a != b]
        if not rows:
            continue
        if out is frame:
            out = frame.copy()
        column = frame[c].copy()
        column.iloc[rows] = [new[i] for i in rows]
        out[c] = column
        for name, k in zip(*np.unique(lists[repaired], return_counts=True), strict=True):
            counts[str(name)] = counts.get(str(name), 0) + int(k)
    return out, counts
