"""Latin spellings of Ukrainian and Russian names by the orthography of another language, per list.

Lists written for readers of another language spell Cyrillic names by that language's
rules, one list at a time: a Polish foundation writes ``Szewczenko``, ``Charczenko``,
``Kłymyszyn`` for Шевченко, Харченко, Климишин; a French report ``Chevtchenko``,
``Khartchenko``, ``Iouliia``.  The same letters mean different sounds in each: ``ch`` is
ч in English, ш in French and х in Polish; ``c`` is ц in Polish; ``w`` is в in Polish and
German; ``j`` is ж in French and й in Polish.  No rule on a single word can tell which is
meant (``Chrystyna`` is Polish for Христина, ``Chornenko`` English for Чорненко), but a
list written by one hand uses one orthography throughout, and its letter groups give it
away: ``cz``, ``sz``, ``ł``, ``ż``, ``ś``, ``ć``, ``ń`` are Polish; ``ou`` for у, ``tch`` for
ч and ``ï`` are French.

:func:`detect_orthography` reads the Latin words of one list (its name and settlement
cells) and returns ``"pl"``, ``"fr"`` or None (English-style, national or passport
romanisation, which :func:`.folding.fold_key` already folds; German ``sch``/``tsch`` and ``w``
are folded there too, since no other system writes them).  :func:`to_english_latin`
rewrites one value of such a list into English-style Latin (``sh``, ``ch``, ``kh``, ``zh``,
``ts``, ``v``, ``y``), after which the usual folding applies.  Cyrillic values are left
alone.

The rules follow the Polish and French conventions for transcribing Ukrainian and Russian
(Polish: Wydawnictwo Naukowe PWN's transcription of Ukrainian and Russian, as used by the
Polish press; French: the usual French transcription of Russian, ``ou`` for у, ``ch`` for
ш, ``tch`` for ч, ``j`` for ж, ``ï``/``i`` for й).  Only whole-list evidence switches them on:
a list needs at least :data:`MIN_WORDS` Latin words and :data:`MIN_SHARE` of them marked,
with the other orthography's markers on at most half as many words.

References
----------
Polański, E. (ed.) (2008). *Wielki słownik ortograficzny PWN*, 2nd ed.: "Transkrypcja
wyrazów rosyjskich i ukraińskich".
Gilliéron, J. et al. (1950s conventions, as in Larousse) -- "Transcription du russe en
français"; see also ISO 9 (1995) for the contrast with scholarly transliteration.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from .._lazy import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["MIN_SHARE", "MIN_WORDS", "ORTHOGRAPHY_COLUMNS", "detect_orthography", "rewrite_orthographies",
           "to_english_latin"]

#: The raw columns whose Latin values follow the list's orthography.
ORTHOGRAPHY_COLUMNS = ("family_name", "given_name", "patronymic", "origin_settlement")

#: Fewest Latin words a list needs before its orthography is read from them.
MIN_WORDS = 20
#: Share of a list's Latin words that must carry an orthography's markers.
MIN_SHARE = 0.15

_LATIN_WORD = re.compile(r"[a-zà-ÿāăąćčďđēėęěğīįıķĺľłńňōőŕřśşšţťūůűųźżž']+")
_POLISH = re.compile(r"cz|sz|[łżźśćń]")
_FRENCH = re.compile(r"ou|tch|ï")


def _latin_words(values: Iterable[object]) -> list[str]:
    words: list[str] = []
    for v in values:
        if not isinstance(v, str) or not v:
            continue
        text = v.casefold()
        if any("\u0400" <= ch <= "\u04ff" for ch in text):
            continue
        words.extend(_LATIN_WORD.findall(text))
    return words


def detect_orthography(values: Iterable[object]) -> str | None:
    """The orthography a list's Latin values are written in: ``"pl"``, ``"fr"`` or None.

    Parameters
    ----------
    values : iterable
        The list's name and settlement cells (any mix of Cyrillic, Latin and missing).

    Returns
    -------
    str or None
        ``"pl"`` or ``"fr"`` when at least :data:`MIN_SHARE` of at least :data:`MIN_WORDS`
        Latin words carry that orthography's markers and the other's markers are on at
        most half as many; None otherwise (read as English-style Latin).

    Examples
    --------
    >>> detect_orthography(["Szewczenko", "Kowalczuk", "Ołena", "Mykoła"] * 5)
    'pl'
    >>> detect_orthography(["Chevtchenko", "Iouliia", "Soukhonos", "Andriï"] * 5)
    'fr'
    >>> detect_orthography(["Shevchenko", "Yuliia", "Kovalchuk", "Olena"] * 5) is None
    True
    """
    words = _latin_words(values)
    if len(words) < MIN_WORDS:
        return None
    polish = sum(1 for w in words if _POLISH.search(w)) / len(words)
    french = sum(1 for w in words if _FRENCH.search(w)) / len(words)
    if polish >= MIN_SHARE and french <= polish / 2:
        return "pl"
    if french >= MIN_SHARE and polish <= french / 2:
        return "fr"
    return None


# Ordered rewrites; upper-case output cannot be rewritten again (the input is case-folded).
_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "pl": (
        ("szcz", "SHCH"), ("cz", "CH"), ("sz", "SH"), ("ch", "KH"), ("ż", "ZH"), ("ź", "Z"), ("ś", "S"),
        ("ć", "TS"), ("ń", "N"), ("ł", "L"), ("ó", "O"), ("w", "V"), ("c", "TS"), ("j", "Y"),
    ),
    "fr": (
        ("chtch", "SHCH"), ("tch", "CH"), ("dj", "J"), ("ch", "SH"), ("kh", "KH"), ("ou", "U"), ("j", "ZH"),
        ("J", "DZH"), ("ï", "Y"), ("gue", "GE"), ("gui", "GI"), ("ss", "S"),
    ),
}


@lru_cache(maxsize=100_000)
def to_english_latin(text: str, orthography: str) -> str:
    """Rewrite a Latin value of a Polish- or French-orthography list into English-style Latin.

    Cyrillic values (and any value with a Cyrillic letter) are returned unchanged.

    Examples
    --------
    >>> to_english_latin("Charczenko", "pl"), to_english_latin("Kłymyszyn", "pl")
    ('kharchenko', 'klymyshyn')
    >>> to_english_latin("Siewierodonieck", "pl")
    'sievierodonietsk'
    >>> to_english_latin("Chevtchenko", "fr"), to_english_latin("Zaporijjia", "fr")
    ('shevchenko', 'zaporizhzhia')
    >>> to_english_latin("Шевченко", "pl")
    'Шевченко'
    """
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        return text
    out = text.casefold()
    for a, b in _RULES[orthography]:
        out = out.replace(a, b)
    return out.lower()


def rewrite_orthographies(frame: pd.DataFrame, list_column: str = "source_dataset") -> tuple[pd.DataFrame, dict[str, str]]:
    """Each list's Latin name and settlement values rewritten from its detected orthography.

    Parameters
    ----------
    frame : DataFrame
        Raw records of one or more lists (string columns); ``list_column`` names the list of
        each row (all rows are one list when it is absent).
    list_column : str

    Returns
    -------
    (DataFrame, dict)
        A copy with :data:`ORTHOGRAPHY_COLUMNS` rewritten in the rows of lists written in a
        Polish or French orthography (the frame itself when none is), and the orthography
        found per list name (lists read as English-style Latin are left out).
    """
    columns = [c for c in ORTHOGRAPHY_COLUMNS if c in frame.columns]
    if not columns or frame.empty:
        return frame, {}
    lists = frame[list_column].astype(str) if list_column in frame.columns else pd.Series("", index=frame.index)
    found: dict[str, str] = {}
    out = frame
    for name, rows in lists.groupby(lists, sort=False).groups.items():
        block = frame.loc[rows, columns]
        orthography = detect_orthography(v for c in columns for v in block[c].tolist())
        if orthography is None:
            continue
        found[str(name)] = orthography
        if out is frame:
            out = frame.copy()
        for c in columns:
            out.loc[rows, c] = [to_english_latin(v, orthography) if isinstance(v, str) and v else v
                                for v in block[c].tolist()]
    return out, found
