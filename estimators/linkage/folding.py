"""Folding of names and place words to comparable keys: Unicode, transliteration, skeletons.

The primitives every linkage module shares (:mod:`.standardise` for names,
:mod:`.places` and :mod:`.gazetteer` for places): Cyrillic romanised by language, then
folded to one Latin key; a consonant skeleton for orthographic variants.

References
----------
Cabinet of Ministers of Ukraine (2010). Resolution No. 55 "On streamlining the
transliteration of the Ukrainian alphabet by means of the Latin alphabet".
ICAO (2021). Doc 9303, Machine Readable Travel Documents, 8th ed., Part 3, section 6.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np

# --------------------------------------------------------------------------- tables
#: Ukrainian national transliteration, Cabinet of Ministers Resolution No. 55 of
#: 27 Jan 2010. Tuple = (word-initial form, other positions).
UKRAINIAN_2010: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ye", "ie"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("yi", "i"), "й": ("y", "i"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ю": ("yu", "iu"), "я": ("ya", "ia"), "ь": ("", ""), "'": ("", ""),
}
#: Russian, ICAO Doc 9303 (Russian passports since 2013).
RUSSIAN_ICAO: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
#: Belarusian, passport-style (as in Belarusian passports' Latin field; ``г`` -> h), except
#: ``ў`` -> v: the non-syllabic u stands where Russian and Ukrainian cognates have ``в``
#: (``Жураўлёў`` / ``Журавлёв``, ``Леў`` / ``Лев``), so it folds with them.
BELARUSIAN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "ie", "ё": "io",
    "ж": "zh", "з": "z", "і": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "v", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "'": "",
}

_APOSTROPHES = "'’ʼ`´‘ʹ"
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_NON_LETTER = re.compile(r"[^a-z0-9\u0400-\u04ff' ]+")


#: Cyrillic and Latin letters that render alike (the Cyrillic-Latin pairs of Unicode's
#: confusables data, UTS #39 "Unicode Security Mechanisms", ``confusables.txt``), both
#: cases: a word typed or recognised (OCR) in one script with a few letters of the other.
_CYRILLIC_TO_LATIN: dict[str, str] = {
    "а": "a", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "і": "i", "ј": "j", "о": "o", "р": "p",
    "ԛ": "q", "ѕ": "s", "ԝ": "w", "х": "x", "у": "y",
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "Ү": "Y",
}
_LATIN_TO_CYRILLIC: dict[str, str] = {v: k for k, v in _CYRILLIC_TO_LATIN.items()} | {"Y": "У"}
_TO_LATIN = str.maketrans(_CYRILLIC_TO_LATIN)
_TO_CYRILLIC = str.maketrans(_LATIN_TO_CYRILLIC)
#: Latin letters that Unicode does not decompose into a base letter and a mark (stripping
#: the marks would drop them): Polish and Belarusian Łacinka ``ł`` and a few others.  Shared
#: with :mod:`.gazetteer`.
LATIN_UNDECOMPOSED: dict[str, str] = {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe",
                                      "ħ": "h"}
#: For names, also Łacinka's ``ŭ``, which is Cyrillic ``ў`` (see :data:`BELARUSIAN`).
_LATIN_LETTERS = str.maketrans(LATIN_UNDECOMPOSED | {"ŭ": "v"})
_WORD = re.compile(r"[^\W\d_]+")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"  # Cyrillic and Cyrillic Supplement


def _one_script(word: re.Match[str]) -> str:
    """A word written mostly in one script with look-alike letters of the other, in one script.

    The look-alike letters of the minority script are replaced by the majority script's
    (``ВИКТОPИЯ`` with a Latin P becomes ``ВИКТОРИЯ``; ``Olеna`` with a Cyrillic е becomes
    ``Olena``).  A word with as many letters of each script, or with letters of the minority
    script that look like nothing in the other, is left as written.
    """
    w = word.group(0)
    cyr = sum(map(_is_cyrillic, w))
    lat = sum(1 for ch in w if ch.isascii())
    if not cyr or not lat or cyr == lat:
        return w
    fixed = w.translate(_TO_CYRILLIC if cyr > lat else _TO_LATIN)
    minority = str.isascii if cyr > lat else _is_cyrillic
    return w if any(minority(ch) for ch in fixed) else fixed


def one_script(text: str) -> str:
    """Repair words that mix Cyrillic and Latin look-alike letters (see :func:`_one_script`).

    Examples
    --------
    >>> one_script("ВИКТОPИЯ") == "ВИКТОРИЯ"
    True
    >>> one_script("Olеna") == "Olena"
    True
    >>> one_script("Київ Kyiv")
    'Київ Kyiv'
    """
    return _WORD.sub(_one_script, text)


#: A question mark inside a Cyrillic word: a letter the export's code page lacked (KOI8-R and
#: other Russian-only code pages have no і, ї, є, ґ: ``Ол?йник``, ``Мар?уполь``, ``нев?домо``).
_LOST_LETTER = re.compile(r"(?<=[\u0400-\u04ff])\?+(?=[\u0400-\u04ff])|(?<![\w?])\?(?=[\u0400-\u04ff]{2})")


def _normalise(text: str) -> str:
    """NFKC, look-alike letters of the other script repaired, case-folded, apostrophes
    unified, other punctuation and digits to spaces; a question mark inside a Cyrillic word
    read as ``і`` (the commonest of the Ukrainian letters a Russian code page lacks; ї, є and
    ґ fold close to it or are rare)."""
    if "?" in text:  # inside a word, or starting one (?ванович); a trailing "?" (uncertain) is punctuation
        text = _LOST_LETTER.sub(lambda m: "і" * len(m.group(0)), text)
    text = one_script(unicodedata.normalize("NFKC", text)).casefold().translate(_LATIN_LETTERS)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "'")
    # strip Latin diacritics (č -> c, š -> s) but keep Cyrillic letters (й, ї) intact
    out = []
    for ch in text:
        if _CYRILLIC.match(ch):
            out.append(ch)
        else:
            out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)))
    text = "".join(out).replace("-", " ")
    return " ".join(_NON_LETTER.sub(" ", text).split())


def guess_language(text: str) -> str:
    """Guess the language of a Cyrillic string: ``"uk"``, ``"ru"``, ``"be"`` or ``"latin"``.

    Letters only one of the three alphabets has decide; a string without them (e.g.
    ``Роман``) is read as Russian, which transliterates it as the others would up to the
    folding of :func:`fold_key`.
    """
    t = _normalise(text)
    if not _CYRILLIC.search(t):
        return "latin"
    if "ў" in t:
        return "be"
    if any(c in t for c in "їєґ"):
        return "uk"
    if "і" in t:
        return "be" if any(c in t for c in "ыэё") else "uk"
    return "ru"


def transliterate(text: str, language: str | None = None) -> str:
    """Romanise a (Cyrillic or Latin) string by the table of its language.

    Parameters
    ----------
    text : str
        Any string; Latin input is returned normalised.
    language : {"uk", "ru", "be"}, optional
        Default: :func:`guess_language`.

    Returns
    -------
    str
        Lower-case Latin letters and spaces.

    Examples
    --------
    >>> transliterate("Згорани", "uk"), transliterate("Юрій Їжакевич", "uk")
    ('zghorany', 'yurii yizhakevych')
    >>> transliterate("Пётр", "ru")
    'petr'
    """
    t = _normalise(text)
    lang = language or guess_language(t)
    out: list[str] = []
    for word in t.split(" "):
        if lang == "uk":
            # "зг" is "zgh", to keep it apart from "ж" = "zh" (Resolution No. 55, note 1)
            letters: list[str] = []
            for i, ch in enumerate(word):
                pair = UKRAINIAN_2010.get(ch)
                if pair is None:
                    letters.append(RUSSIAN_ICAO.get(ch, ch if ch.isascii() else ""))
                    continue
                form = pair[0] if i == 0 or (i == 1 and word[0] == "'") else pair[1]
                if ch == "г" and i > 0 and word[i - 1] == "з":
                    form = "gh"
                letters.append(form)
            out.append("".join(letters))
        else:
            table = BELARUSIAN if lang == "be" else RUSSIAN_ICAO
            letters = []
            for i, ch in enumerate(word):
                form = table.get(ch, UKRAINIAN_2010.get(ch, (ch, ch))[1] if not ch.isascii() else ch)
                if lang == "be" and ch in "еёюя" and i == 0:
                    form = "y" + form[1:]
                letters.append(form)
            out.append("".join(letters).replace("'", ""))
    return " ".join(w for w in out if w)


_FOLDS: tuple[tuple[str, str], ...] = (
    # German transliteration: schtsch = щ, tsch = ч, sch = ш (Schewtschenko, Chruschtschow)
    ("shch", "s"), ("schtsch", "s"), ("tsch", "ch"), ("sch", "s"), ("x", "ks"), ("ck", "k"), ("q", "k"), ("w", "v"),
    ("kh", "h"), ("gh", "h"), ("g", "h"), ("zh", "z"), ("tz", "c"), ("ts", "c"),
    ("ch", "c"), ("sh", "s"), ("ph", "f"), ("y", "i"), ("j", "i"),
)
#: English spellings by ear (no romanisation system writes them; transliterated Cyrillic
#: never holds a ``c`` outside ``ch``/``shch`` nor a ``tch``): ``Covalenco`` for Коваленко,
#: ``Tkatchenko`` for Ткаченко.  A ``c`` before ``e``/``i``/``y`` is left alone, as it is
#: ``ц`` in scholarly and Polish-style Latin (``Kaciaryna``).
_ENGLISH_EAR = re.compile(r"tch|c(?![hzeiy])")


def english_ear(latin: str) -> str:
    """Read English spellings by ear in a lower-case Latin string: ``tch`` as ``ch``, a ``c`` not
    before ``h``/``z``/``e``/``i``/``y`` as ``k`` (shared with :mod:`.gazetteer`)."""
    return _ENGLISH_EAR.sub(lambda m: "ch" if m.group(0) == "tch" else "k", latin)
_DOUBLE = re.compile(r"(.)\1+")
_SOFT_VOWEL = re.compile(r"i([aeou])")


@lru_cache(maxsize=200_000)
def fold_key(text: str) -> str:
    """The common Latin key of a name: transliterated, then romanisation variants folded.

    Folds ``kh``/``gh``/``g``/``h`` -> ``h`` (Ukrainian Г is h, Russian Г is g),
    ``y``/``j`` -> ``i``, the iotated vowels ``ia``/``ie``/``iu``/``io`` -> ``a e u o``,
    ``ts``/``tz`` -> ``c``, ``ch`` -> ``c``, ``sh`` -> ``s``, ``zh`` -> ``z``, doubled letters to
    one; spaces are removed.  Lossy on purpose: it is a blocking and comparison key, not
    a spelling.

    Examples
    --------
    >>> fold_key("Олександр") == fold_key("Oleksandr")
    True
    >>> fold_key("Марія") == fold_key("Мария") == fold_key("Mariya")
    True
    """
    t = english_ear(transliterate(text).replace(" ", ""))
    for a, b in _FOLDS:
        t = t.replace(a, b)
    t = _DOUBLE.sub(r"\1", t)
    t = _SOFT_VOWEL.sub(r"\1", t)
    return _DOUBLE.sub(r"\1", t)


def name_key(text: str | None) -> str | None:
    """:func:`fold_key` of a family name (None for a missing or empty value)."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    key = fold_key(str(text))
    return key or None


_VOWELS = re.compile(r"[aeiou]+")


def name_skeleton(key: str | None) -> str | None:
    """Consonant skeleton of a folded name key: its first letter, then its consonants.

    A surname variant key across Russian and Ukrainian orthography: the two spell the
    same surname with different vowels (``і`` / ``е``, ``и`` / ``ы``, ``ьо`` / ``ё``,
    ``й`` / ``ь``) and the same consonants, so ``Олійник`` / ``Олейник``,
    ``Ковальов`` / ``Ковалёв``, ``Соловйов`` / ``Соловьёв``, ``Білоус`` / ``Белоус`` and
    ``Лук'яненко`` / ``Лукьяненко`` meet (after :func:`fold_key`, which already folds
    ``г``/``h``/``g`` and ``й``/``y``/``j``).  Coarser than the key: used for blocking and
    as a comparison level below exact agreement, never alone.

    Examples
    --------
    >>> name_skeleton(fold_key("Олійник")) == name_skeleton(fold_key("Олейник")) == "olnk"
    True
    >>> name_skeleton(fold_key("Соловйов")) == name_skeleton(fold_key("Соловьёв"))
    True
    """
    if not isinstance(key, str) or not key:
        return None
    rest = _VOWELS.sub("", key[1:])
    return _DOUBLE.sub(r"\1", key[0] + rest)


# --------------------------------------------------------------------------- name table
