"""Latin values whose capitals stayed Cyrillic: a romanisation that missed some letters, per list.

A romanisation done by a tool that handles only some letters leaves the others in Cyrillic.
The commonest case is a spreadsheet formula of nested ``SUBSTITUTE`` calls, one per letter:
the function is case-sensitive and a formula may nest only so many calls, so it is written for
the small letters, and every capital stays Cyrillic: ``Шevchenko``, ``Юliia``, ``Кovalenko``,
``Сofiia``, ``Вladyslav``, ``m. Хarkiv`` (the Russian letters a Ukrainian table lacks stay too:
``Аrtёm``).  Word by word, :func:`.folding.one_script` reads a Cyrillic letter in a Latin word
as the Latin letter it looks like, right for a typing slip (``Olеna`` with a Cyrillic е) and
wrong here: ``Сofiia`` becomes Cofiia, ``Вladyslav`` Bladyslav, ``Роman`` Poman, ``Нazar``
Hazar, ``Хrystyna`` Xrystyna.

Which is meant is decided for the whole list, from a mark no typing slip leaves: a Latin word
that starts with a Cyrillic capital that looks like no Latin letter (``Ш``, ``Ю``, ``Л``, ``Д``,
``Б``, ``Ж``...).  A list with at least :data:`MIN_WORDS` Latin words that start with a Cyrillic
capital, :data:`MIN_SHARE` of them with such a capital, is read as partly romanised: the
Cyrillic letters of its mostly-Latin words are romanised by their sound (the Ukrainian national
table of 2010, word-initial forms for a first letter; Russian letters by the Russian table),
``Сofiia`` as Sofiia and ``Шevchenko`` as Shevchenko.  Words wholly in Cyrillic
(``КОВАЛЕНКО``) are left as written, for the Cyrillic keys to read.

The raw lists are not changed: only the linkage keys are built from the values read back, and
the summary names the lists read so (no values).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .._lazy import lazy_module
from .folding import transliterate

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["MIN_SHARE", "MIN_WORDS", "PARTLY_ROMANISED_COLUMNS", "detect_partial_romanisation",
           "read_back_partial_romanisation", "romanise_cyrillic_letters"]

#: The text columns a romanisation formula is applied to.
PARTLY_ROMANISED_COLUMNS = ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution",
                            "destination")
#: Fewest Latin words starting with a Cyrillic capital before a list is judged (judgement).
MIN_WORDS = 20
#: Share of those words whose Cyrillic capital looks like no Latin letter (judgement: a typing
#: slip gives none; a formula that skipped the capitals gives a fifth to a half, by the letters
#: the names of the list start with: given names mostly with look-alikes, О, М, А, В, С).
MIN_SHARE = 0.1

_WORD = re.compile(r"[^\W\d_]+")
#: Cyrillic capitals that render like a Latin letter (Unicode confusables): a slip may put one
#: in a Latin word; any other Cyrillic capital there was never typed for a Latin letter.
_LOOKALIKE_CAPITALS = frozenset("АВСЕНІЈКМОРЅТХҮ")
#: Letters of the Russian alphabet the Ukrainian one lacks: romanised by the Russian table.
_RUSSIAN_ONLY = frozenset("ёыэъЁЫЭЪ")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


def _mostly_latin(word: str) -> bool:
    """More Latin letters than Cyrillic ones, or a Cyrillic capital before Latin letters only (``Яn``)."""
    cyrillic = sum(map(_is_cyrillic, word))
    latin = sum(1 for ch in word if ch.isascii())
    return 0 < cyrillic < latin or (cyrillic == 1 and latin >= 1 and _is_cyrillic(word[0]))


def _capital_initial(word: str) -> bool:
    """A mostly-Latin word that starts with a Cyrillic capital (``Шevchenko``, ``Сofiia``)."""
    return _is_cyrillic(word[0]) and word[0].isupper() and _mostly_latin(word)


#: The Latin key under each Cyrillic letter of the ЙЦУКЕН layouts (Russian and Ukrainian): the
#: letter a typist meant who pressed the key before switching layout (``Шvan`` for Ivan).
_KEY_OF = str.maketrans("йцукенгшщзхъфывапролджэячсмитьбюіїєё", "qwertyuiop[]asdfghjkl;'zxcvbnm,.s]'`")


def detect_partial_romanisation(values: list[object], is_known: Callable[[str], bool] | None = None) -> bool:
    """Whether a list's text values read as a romanisation that left its capitals Cyrillic.

    Parameters
    ----------
    values : the list's text values (any type; non-strings are skipped).
    is_known : optional; whether a word is a known given name.  Given, a list whose
        Cyrillic-capital words are known names more often when the capital is read by its key
        on the Latin layout (``Шvan``: Ivan, typed before switching layout) than by its sound is
        not read as partly romanised.

    Returns
    -------
    bool

    Examples
    --------
    >>> detect_partial_romanisation(["Шevchenko", "Юliia", "Кovalenko", "Сofiia"] * 5)
    True
    >>> detect_partial_romanisation(["Сofiia", "Olеna", "Рetro", "Нanna"] * 10)  # look-alikes only
    False
    """
    words = [w for v in values if isinstance(v, str) for w in _WORD.findall(v) if _capital_initial(w)]
    if len(words) < MIN_WORDS or sum(w[0] not in _LOOKALIKE_CAPITALS for w in words) < MIN_SHARE * len(words):
        return False
    if is_known is None:
        return True
    by_sound = sum(is_known(romanise_cyrillic_letters(w)) for w in words)
    by_key = sum(is_known(w[0].lower().translate(_KEY_OF).upper() + w[1:]) for w in words)
    return by_sound >= by_key


def _romanised_letter(ch: str, initial: bool) -> str:
    """One Cyrillic letter by its sound (word-initial form when ``initial``), in its case.  A
    first ``И`` is Russian's (Игорь, Ирина, Иван: Ukrainian words seldom start with и) and reads ``I``."""
    russian = ch in _RUSSIAN_ONLY or (initial and ch in "Ии")
    latin = transliterate(ch if initial else "а" + ch, "ru" if russian else "uk")
    latin = latin if initial else latin[1:]
    return latin[:1].upper() + latin[1:] if ch.isupper() else latin


def romanise_cyrillic_letters(text: str) -> str:
    """The Cyrillic letters of ``text``'s mostly-Latin words romanised by their sound.

    Examples
    --------
    >>> romanise_cyrillic_letters("Шevchenko Юliia Оleksandrivna, m. Хarkiv, КОВАЛЕНКО, Аrtёm, Иhor")
    'Shevchenko Yuliia Oleksandrivna, m. Kharkiv, КОВАЛЕНКО, Artem, Ihor'
    """
    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if not _mostly_latin(word):
            return word
        return "".join(_romanised_letter(ch, i == 0) if _is_cyrillic(ch) else ch for i, ch in enumerate(word))

    return _WORD.sub(one, text)


def read_back_partial_romanisation(frame: pd.DataFrame, list_column: str = "source_dataset", *,
                                   is_known: Callable[[str], bool] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Each partly romanised list's text values with their Cyrillic letters romanised.

    Parameters
    ----------
    frame : raw records of one or more lists (string columns).
    list_column : the column naming each row's list (all rows are one list when it is absent).
    is_known : optional; whether a word is a known given name (see :func:`detect_partial_romanisation`).

    Returns
    -------
    (DataFrame, list)
        A copy with :data:`PARTLY_ROMANISED_COLUMNS` read back in the rows of the lists found
        partly romanised (:func:`detect_partial_romanisation`; the frame itself when none is),
        and the names of those lists.
    """
    import numpy as np

    columns = [c for c in PARTLY_ROMANISED_COLUMNS if c in frame.columns]
    if not columns or frame.empty:
        return frame, []
    lists = (frame[list_column].astype(str).to_numpy() if list_column in frame.columns
             else np.array([""] * len(frame)))
    found: list[str] = []
    out = frame
    for name in dict.fromkeys(lists.tolist()):
        rows = np.flatnonzero(lists == name)  # by position: the index may repeat
        if not detect_partial_romanisation([v for c in columns for v in frame[c].iloc[rows].tolist()], is_known):
            continue
        if out is frame:
            out = frame.copy()
        for c in columns:
            column = out[c].to_numpy(dtype=object, copy=True)
            column[rows] = [romanise_cyrillic_letters(v) if isinstance(v, str) else v for v in column[rows]]
            out[c] = column
        found.append(str(name))
    return out, found
