"""Cyrillic text that OCR read as Latin look-alikes, read back, list by list.

Documents scanned in Russian or Ukrainian and run through OCR software left at its default
language (English) come out with every Cyrillic letter replaced by the Latin letter, digit or
symbol it looks like: ``ЛЕЩЕНКО`` as ``JIEWEHKO``, ``Мария`` as ``MapuR``, ``Владислав`` as
``BnaAucnaB``, ``Ильич`` as ``Nnbu4``, ``г. Макеевка`` as ``r. MakeeBka``.  No folding of the
Latin reads these as the names they are: ``B`` is в, ``H`` н, ``u`` и, ``n`` л, ``R`` я, ``4``
ч.  Unlike a single look-alike letter in a Cyrillic word (repaired by
:func:`.folding.one_script`), every letter of every text field is affected, so the reading is
decided for the whole list, from marks that no romanisation writes:

* a digit inside a word of letters (``MOPO3``, ``Nnbu4``, ``o6n``: з, ч, б);
* ``JI`` / ``Jl`` / ``jl`` for л, ``>K<`` for ж;
* a capital after a small letter inside a word (``MapuR``, ``CepreeBHa``: я, в, н are read as
  capitals).

A list with at least :data:`MIN_WORDS` Latin words in its text columns, :data:`MIN_SHARE` of
them with such a mark, is read as Cyrillic OCR'd in English.  Then each of its Latin values
whose every character has a Cyrillic reading is read back (:data:`READINGS`, the longest
sequence first) when one of its words is Cyrillic to read (a mark of its own, a single letter
such as ``r.`` for г., only the capitals both alphabets share such as ``HECTEPEHKO``, or, for a
given name, a patronymic or a place, a form the name table or the gazetteer does not know as
written).  A value with a letter no Cyrillic letter looks like (``s``, ``f``, ``v``, ``z``), and a
Latin spelling the list also holds (Anna, Maria, Taganrog, ROMAN), stays as written.

Several Cyrillic letters look alike in Latin (``u`` is и, й or ц; ``n`` л or п; ``A`` а or д;
``T`` т or г; ``N`` и, й or п; ``W`` ш or щ; ``3`` з or э; ``x`` х or ж).  Each reading lists
its letters from the commonest in Russian and Ukrainian text; a given name or a patronymic
takes the first combination (at most :data:`MAX_COMBINATIONS`) whose key the name table knows
(``NonuHa``: Илина is not a name, Полина is), a place the first the gazetteer resolves, and
any other value the commonest letters.  A family name read with a wrong letter differs from
its other records in that letter, which the fuzzy and skeleton comparisons absorb.

The raw lists are not changed: only the linkage keys are built from the values read back, and
the summary names the lists read so (no values).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .._lazy import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["LOOKALIKE_COLUMNS", "MAX_COMBINATIONS", "MIN_SHARE", "MIN_WORDS", "READINGS", "detect_lookalikes",
           "read_back_lookalikes", "readings_of"]

#: The text columns OCR reads (dates and sex are typed by the analysts).
LOOKALIKE_COLUMNS = ("family_name", "given_name", "patronymic", "origin_settlement", "origin_institution",
                     "destination")
#: Fewest Latin words a list needs before its script is read from them.
MIN_WORDS = 20
#: Share of a list's Latin words that must carry a mark of look-alike OCR.
MIN_SHARE = 0.15
#: Most combinations of ambiguous letters tried against the name table or the gazetteer per value.
MAX_COMBINATIONS = 256

#: Latin sequences OCR makes of Cyrillic letters, and the letters each may be, commonest first
#: (letter frequencies of Russian and Ukrainian text).  Upper case is read as a capital,
#: lower case as a small letter: the case of the look-alike is not always the case of the letter
#: (OCR reads small в, н, я, т, д as ``B``, ``H``, ``R``, ``T``, ``A``), and the keys fold case.
READINGS: dict[str, tuple[str, ...]] = {
    ">K<": ("ж",), ">k<": ("ж",), "LLI": ("ш", "щ"), "(D": ("ф",), "(p": ("ф",),
    "JI": ("л",), "Jl": ("л",), "jl": ("л",), "bI": ("ы",), "bl": ("ы",), "cp": ("ф",), "IO": ("ю",),
    "io": ("ю",), "10": ("ю",), "9I": ("я",), "LI": ("ц",), "TT": ("п",),
    "A": ("а", "д"), "B": ("в",), "C": ("с",), "D": ("д",), "E": ("е", "є"), "H": ("н",), "I": ("і", "и"),
    "K": ("к",), "M": ("м",), "N": ("и", "п", "й"), "O": ("о",), "P": ("р",), "R": ("я",), "T": ("т", "г"),
    "U": ("и", "й", "ц"), "W": ("ш", "щ"), "X": ("х", "ж"), "Y": ("у",),
    "a": ("а",), "b": ("ь", "ъ"), "c": ("с",), "e": ("е", "є"), "g": ("д",), "h": ("н",), "i": ("і",),
    "k": ("к",), "m": ("м", "т"), "n": ("л", "п"), "o": ("о",), "p": ("р",), "r": ("г", "ґ"), "t": ("т",),
    "u": ("и", "й", "ц"), "w": ("ш", "щ"), "x": ("х", "ж"), "y": ("у",),
    "0": ("о",), "3": ("з", "э"), "4": ("ч",), "6": ("б",), "9": ("я",),
}
_LONGEST = max(len(k) for k in READINGS)
_WORD = re.compile(r"[A-Za-z0-9<>(]+")
#: A word that OCR wrote and no romanisation would: a digit among letters, л or ж as letter
#: groups, a capital after a small letter (``bl`` and ``LLI`` for ы and ш are English letter groups:
#: Oblast, Republic, ILLIA, and are not marks).
_MARK = re.compile(r"[A-Za-z][034679]|[034679][A-Za-z]|JI|Jl|jl|>[Kk]<|[a-z][A-Z]")
#: A word whose mark is only a capital after a small letter is not enough when it is a known
#: Latin pattern (McDonald, DeLuca; names with Mc/Mac/De/Di/La/Le prefixes).
_LATIN_CAMEL = re.compile(r"^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|O)[A-Z][a-z]+$")
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")
#: ``No3``, ``N9 3``: the number sign (№) read as No or N9, with or without its number (a word
#: ``No`` or ``N9`` followed by letters is a name: ``NonuHa``)
_NUMBER_SIGN = re.compile(r"^(?:No|N9)(\d*)$")


def _latin_words(values: Iterable[object]) -> list[str]:
    words: list[str] = []
    for v in values:
        if isinstance(v, str) and v and not _HAS_CYRILLIC.search(v):
            words.extend(_WORD.findall(v))
    return words


def detect_lookalikes(values: Iterable[object]) -> bool:
    """Whether a list's text values are Cyrillic read by OCR as Latin look-alikes (module docstring).

    Examples
    --------
    >>> detect_lookalikes(["JIEWEHKO", "MapuR", "BnaAucnaB", "Nnbu4", "MOPO3"] * 5)
    True
    >>> detect_lookalikes(["Leshchenko", "Mariia", "Vladyslav", "Illich", "Moroz"] * 5)
    False
    """
    words = [w for w in _latin_words(values) if any(c.isalpha() for c in w)]
    if len(words) < MIN_WORDS:
        return False
    marked = sum(1 for w in words if _MARK.search(w) and not _LATIN_CAMEL.match(w))
    return marked >= MIN_SHARE * len(words)


def _tokens(word: str) -> list[tuple[str, ...]] | None:
    """The word as a sequence of reading alternatives, or None when a character has no reading."""
    out: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        for size in range(min(_LONGEST, len(word) - i), 0, -1):
            piece = word[i:i + size]
            if piece in READINGS:
                # OCR writes small д as A: a capital A after a small letter is more often д than а
                inner_a = piece == "A" and i > 0 and word[i - 1].islower()
                out.append(("д", "а") if inner_a else READINGS[piece])
                i += size
                break
        else:
            return None
    return out


def readings_of(word: str, limit: int = MAX_COMBINATIONS) -> list[str]:
    """The Cyrillic words a Latin look-alike word may be, the commonest letters first (empty when a
    character has no reading).  The first letter is a capital.

    Examples
    --------
    >>> readings_of("MapuR")[0], readings_of("JIEWEHKO")[0], readings_of("Nnbu4")[0]
    ('Мария', 'Лешенко', 'Ильич')
    """
    tokens = _tokens(word)
    if not tokens:
        return []
    out: list[str] = []
    for combo in itertools.islice(itertools.product(*tokens), limit):
        text = "".join(combo)
        out.append(text[:1].upper() + text[1:])
    return out


#: Capitals that Latin and Cyrillic share: a word of three or more of them only (``HECTEPEHKO``,
#: ``KOBAJIEHKO`` once JI is read) reads as Cyrillic; one with another capital (ANNA, MARIA,
#: ROMAN: N, I, R, G) is a Latin spelling.
_SHARED_CAPITALS = re.compile(r"^[ABCEHKMOPTXY]{3,}$")


def _lookalike_word(word: str, known_as_written: Callable[[str], bool] | None) -> bool:
    """Whether a word of a look-alike list is Cyrillic to read back, not a Latin spelling it also
    holds (a passport's, a place's English name): it carries a mark of OCR (:data:`_MARK`), is one
    letter (an abbreviation: ``r.`` for г.), or is written in the shared capitals only; or, for a
    column with a lexicon, the lexicon does not know it as written."""
    if _MARK.search(word) or len(word) == 1 or _SHARED_CAPITALS.match(word):
        return True
    return known_as_written is not None and not known_as_written(word)


def _read_value(text: str, accept: Callable[[str], bool] | None) -> str | None:
    """A value read back word by word (None when a word has a character without a reading, or
    when no word is one to read back: :func:`_lookalike_word`).  With ``accept``, each word takes
    its first reading that ``accept`` takes, else its first."""
    words = [m.group(0) for m in _WORD.finditer(text)]
    if not any(_lookalike_word(w, accept) for w in words if not w.isdigit()):
        return None
    parts: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        parts.append(text[last:m.start()])
        word = m.group(0)
        number = _NUMBER_SIGN.match(word)
        if word.isdigit():  # a number on its own (a year, a house, a school's) stays a number
            parts.append(word)
        elif number is not None:  # No3, N9 3: the number sign and its number
            parts.append("№" + number.group(1))
        else:
            options = readings_of(word) if accept is not None else readings_of(word, limit=1)
            if not options:
                return None
            chosen = next((o for o in options if accept(o)), options[0]) if accept is not None else options[0]
            parts.append(chosen)
        last = m.end()
    parts.append(text[last:])
    return "".join(parts)


def read_back_lookalikes(
    frame: pd.DataFrame,
    list_column: str = "source_dataset",
    *,
    is_given_name: Callable[[str], bool] | None = None,
    is_patronymic: Callable[[str], bool] | None = None,
    is_place: Callable[[str], bool] | None = None,
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Each list read as Cyrillic OCR'd in English has its Latin text values read back.

    Parameters
    ----------
    frame : DataFrame
        Raw records (string columns); ``list_column`` names the list of each row.
    list_column : str
    is_given_name : callable, optional
        Whether a Cyrillic word is a given name the name table knows.
    is_patronymic : callable, optional
        Whether a Cyrillic word is a patronymic of a father's name the name table knows
        (:func:`.standardise.is_known_patronymic`).
    is_place : callable, optional
        Whether a Cyrillic word or phrase is a settlement the gazetteer resolves.

    Returns
    -------
    (DataFrame, dict)
        A copy with the values read back (the frame itself when no list is read so), and the
        number of values read back per list name (lists not read so are left out).
    """
    import numpy as np

    columns = [c for c in LOOKALIKE_COLUMNS if c in frame.columns]
    if not columns or frame.empty:
        return frame, {}
    lists = (frame[list_column].astype(str).to_numpy() if list_column in frame.columns
             else np.array([""] * len(frame)))
    counts: dict[str, int] = {}
    out = frame
    for name in dict.fromkeys(lists.tolist()):
        rows = np.flatnonzero(lists == name)
        block = {c: frame[c].iloc[rows].tolist() for c in columns}
        if not detect_lookalikes(v for c in columns for v in block[c]):
            continue
        if out is frame:
            out = frame.copy()
        read = 0
        for c in columns:
            accept = (is_given_name if c == "given_name" else is_patronymic if c == "patronymic"
                      else is_place if c == "origin_settlement" else None)
            new: list[object] = []
            done: dict[str, str | None] = {}  # a list repeats its values (places, institutions, names)
            for v in block[c]:
                got = None
                if isinstance(v, str) and v and not _HAS_CYRILLIC.search(v):
                    got = done[v] if v in done else done.setdefault(v, _read_value(v, accept))
                read += got is not None and got != v
                new.append(got if got is not None else v)
            column = out[c].to_numpy(dtype=object, copy=True)
            column[rows] = new
            out[c] = column
        counts[str(name)] = read
    return out, counts
