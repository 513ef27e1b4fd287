"""Romanisation systems sources actually use for Ukrainian, Russian and Belarusian names.

Implemented for the harness from the published tables, independently of the linkage model:

``ua_2010``
    Ukraine's national system, Cabinet of Ministers Resolution No. 55 of 27 January 2010
    (passports, official documents): г h, ґ g, є ye/ie, и y, ї yi/i, й y/i, ю yu/iu, я ya/ia
    (first form at the start of a word), х kh, ц ts, щ shch, ь and the apostrophe omitted,
    зг zgh.  The resolution's own examples are tested (Згорани Zghorany, Єнакієве
    Yenakiieve, Юрій Yurii, Знам'янка Znamianka ...).
``ua_bgn1965``
    BGN/PCGN 1965 for Ukrainian (British and US usage before 2019; still in older English
    documents and the press): є ye, ї yi, й y, ю yu, я ya everywhere; soft sign and
    apostrophe dropped here (the primes rarely survive retyping): Andriy, Yuliya, Oleksiy.
``ru_icao``
    ICAO Doc 9303 as in Russian passports since 2014: ё e, й i, ъ ie, ы y, ь omitted, э e,
    ю iu, я ia: Iuliia, Aleksandr, Kharkov.
``ru_bgn``
    BGN/PCGN 1947 for Russian without diacritics and primes, the "press" spelling: е ye at
    the start and after vowels and soft/hard signs, ё yo, й y, ы y, ю yu, я ya: Aleksandr,
    Yuliya, Yekaterina, Kharkov, Artyom.
``be_passport``
    The spelling Belarusian passports show (ICAO-like): г h, е e/ye, ё io/yo, ю iu/yu,
    я ia/ya (second form at the start of a word and after vowels), ў u, ц ts, й i:
    Aliaksandr, Katsiaryna, Siarhei, Yauhen, Sviatlana.
``scholarly``
    The scientific (Slavist) transliteration with diacritics: ж ž, х ch, ц c, ч č, ш š,
    щ šč, й j, є je, ї ji, ю ju, я ja, ь ʹ; for Belarusian the 2007 national variant (ia,
    ie, iu after consonants, ŭ).  Used only by the held-out profile.
``ad_hoc``
    What people type without a standard: each letter drawn from common alternatives
    (г h/g, и y/i, й y/i/j, ій iy/ii/yi, кс ks/x, х kh/h, є ye/ie/e, ю yu/iu/ju, я ya/ia/ja).
``by_ear``
    An English-speaking interviewer writing a name as heard, with no table at all
    (:func:`by_ear`): spoken reductions (unstressed о heard as a in a Russian-speaking
    family: Kavalenko; я/ю after a consonant as a/u: Tanya, Luba), English spellings of
    sounds (ж j/zh, ч ch/tch, ц ts/tz, х h/kh, щ sh/sch/shch, и ee/i/y), doubled letters
    heard once (Ana), final -ий as -iy/-y/-i, final -ов/-ев sometimes as -off/-eff.
    Needs ``rng``; each use draws afresh, so two interviews of one family differ.
``lacinka``
    The Belarusian Latin alphabet (łacinka) as Belarusians type it (:func:`lacinka`): ł for
    a hard л and l for a soft one (Kaciaryna, Alaksandr is Alaksandr but Mikałaj), ć ś ź ń
    for ць сь зь нь, c for ц, č š ž for ч ш ж, ch for х, ŭ for ў, h for г, and je ja ju jo
    at the start of a word and after a vowel, ie ia iu io after a consonant (la le lu lo
    after l: Alena, Lubou).  Deterministic.
``de``
    The German transliteration of the press and of German authorities' documents
    (Duden rules; :func:`german`): в w, ж sch, з s, с s (ss between vowels), х ch, ц z,
    ч tsch, ш sch, щ schtsch, й j, є je, ї ji, ю ju, я ja, ё jo, кс x, и y for Ukrainian and i
    for Russian, г h for Ukrainian and g for Russian, е je at the start of a Russian word
    and after a vowel: Schewtschenko, Olexandr, Jurij, Kowaltschuk, Jewgenij, Donezk,
    Cherson.  Deterministic.  Added for the fourth held-out profile.

Russian letters given to a Ukrainian system (and the reverse) get the nearest analogue, as
a clerk romanising a Russian form with the Ukrainian table would produce (Ekateryna).

References
----------
Cabinet of Ministers of Ukraine, Resolution No. 55 of 27.01.2010 "On regulating the
transliteration of the Ukrainian alphabet with the Latin alphabet".  ICAO Doc 9303, Machine
Readable Travel Documents, 7th ed. (2015), Part 3, section 6 (transliteration of Cyrillic).
BGN/PCGN romanization systems for Russian (1947) and Ukrainian (1965).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np

APOSTROPHES = "'’ʼ`"
VOWELS = set("аеєиіїоуюяёэыў")  # ў counts as a vowel-like glide for the Belarusian rule
_UKR_ONLY = set("ґєії")

# letter -> (initial form, other form); a str means the same in both positions
_COMMON: dict[str, str | tuple[str, str]] = {
    "а": "a", "б": "b", "в": "v", "д": "d", "ж": "zh", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ь": "", "ъ": "", "ы": "y", "э": "e", "ё": "yo", "ў": "u", "ґ": "g",
}

SYSTEMS: dict[str, dict[str, str | tuple[str, str]]] = {
    "ua_2010": {**_COMMON, "г": "h", "е": "e", "є": ("ye", "ie"), "и": "y", "і": "i", "ї": ("yi", "i"),
                "й": ("y", "i"), "ю": ("yu", "iu"), "я": ("ya", "ia"), "ё": ("yo", "io")},
    "ua_bgn1965": {**_COMMON, "г": "h", "е": "e", "є": "ye", "и": "y", "і": "i", "ї": "yi", "й": "y",
                   "ю": "yu", "я": "ya"},
    "ru_icao": {**_COMMON, "г": "g", "е": "e", "ё": "e", "и": "i", "й": "i", "ъ": "ie", "ю": "iu", "я": "ia",
                "і": "i", "ї": "i", "є": "ie"},
    "ru_bgn": {**_COMMON, "г": "g", "е": ("ye", "e"), "ё": "yo", "и": "i", "й": "y", "ю": "yu", "я": "ya",
               "і": "i", "ї": "yi", "є": "ye"},
    "be_passport": {**_COMMON, "г": "h", "е": ("ye", "e"), "ё": ("yo", "io"), "и": "i", "і": "i", "й": "i",
                    "ю": ("yu", "iu"), "я": ("ya", "ia"), "є": ("ye", "ie"), "ї": "yi"},
    "scholarly": {**_COMMON, "г": "h", "е": "e", "є": "je", "ж": "ž", "и": "y", "і": "i", "ї": "ji", "й": "j",
                  "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ь": "ʹ", "ю": "ju", "я": "ja", "ё": "ë",
                  "ў": "ŭ", "ы": "y", "э": "è"},
}
# Systems whose first form applies after a vowel or a sign too, not only word-initially.
_AFTER_VOWEL = {"ru_bgn", "be_passport"}

_AD_HOC: dict[str, list[str]] = {
    "г": ["h", "g", "h"], "е": ["e"], "є": ["ye", "ie", "e", "je"], "и": ["y", "i", "y"], "і": ["i"],
    "ї": ["yi", "i", "ji"], "й": ["y", "i", "j", "y"], "х": ["kh", "h", "kh"], "ю": ["yu", "iu", "ju"],
    "я": ["ya", "ia", "ja", "ya"], "ь": ["", "", "'"], "щ": ["shch", "sch", "shch"], "ц": ["ts", "ts", "c"],
    "ж": ["zh"], "ё": ["yo", "e", "io"], "ы": ["y"], "э": ["e"],
}


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _word_chunks(text: str) -> list[tuple[bool, str]]:
    """Split into (is_word, chunk); apostrophes inside a word belong to it."""
    out: list[tuple[bool, str]] = []
    buf = ""
    is_word = False
    for ch in text:
        w = ch.isalpha() or (ch in APOSTROPHES and is_word and buf != "")
        if buf and w != is_word:
            out.append((is_word, buf))
            buf = ""
        buf += ch
        is_word = w
    if buf:
        out.append((is_word, buf))
    return out


def romanise(text: str, system: str, rng: np.random.Generator | None = None, *, lang: str = "uk") -> str:
    """Romanise ``text`` (any mix of Cyrillic and Latin) by ``system``.

    Parameters
    ----------
    text : the string; non-Cyrillic characters pass through unchanged.
    system : one of :data:`SYSTEMS` or ``"ad_hoc"`` (which needs ``rng``).
    rng : random generator for ``ad_hoc``.
    lang : language of ``text`` for ``scholarly`` (``ru``: г g; ``be``: ia/ie/iu after
        consonants).

    Returns
    -------
    str
        Case follows the source: an all-capital word stays all capitals, a capital letter
        gives a capitalised chunk (Щ -> Shch).
    """
    if system in ("by_ear", "ad_hoc"):
        return _romanise(text, system, rng, lang=lang)
    return _romanise_fixed(text, system, lang)


@lru_cache(maxsize=1 << 16)
def _romanise_fixed(text: str, system: str, lang: str) -> str:
    """:func:`romanise` by a system that draws no random number: a pure function of its
    arguments, so kept (the harness romanises the same names and places many times)."""
    return _romanise(text, system, None, lang=lang)


def _romanise(text: str, system: str, rng: np.random.Generator | None, *, lang: str) -> str:
    if system == "lacinka":
        return lacinka(text)
    if system == "de":
        return german(text, lang=lang)
    if system == "by_ear":
        if rng is None:
            raise ValueError("by_ear romanisation needs rng")
        return by_ear(text, rng, lang=lang)
    if system == "ad_hoc":
        if rng is None:
            raise ValueError("ad_hoc romanisation needs rng")
        table: dict[str, str | tuple[str, str]] = SYSTEMS["ua_2010"]
    elif system in SYSTEMS:
        table = SYSTEMS[system]
    else:
        raise ValueError(f"unknown romanisation system {system!r}; known: "
                         f"{sorted(SYSTEMS) + ['ad_hoc', 'by_ear', 'de', 'lacinka']}")
    out: list[str] = []
    for is_word, chunk in _word_chunks(text):
        if not is_word or not is_cyrillic(chunk):
            out.append(chunk)
            continue
        upper = len(chunk) > 1 and chunk.upper() == chunk
        low = chunk.lower()
        pieces: list[str] = []
        prev = ""
        for i, ch in enumerate(low):
            if ch in APOSTROPHES:
                prev = ch
                continue
            after_vowel = prev in VOWELS or prev in ("ь", "ъ", "й") or prev in APOSTROPHES
            if system == "ua_2010" and ch == "г" and prev == "з":
                rom = "gh"
            elif system == "ad_hoc" and ch in _AD_HOC:
                opts = _AD_HOC[ch]
                assert rng is not None
                rom = opts[int(rng.integers(len(opts)))]
            elif system == "scholarly" and lang == "ru" and ch == "г":
                rom = "g"
            elif system == "scholarly" and lang == "be" and ch in "яеёю":
                base = {"я": "a", "е": "e", "ё": "o", "ю": "u"}[ch]
                rom = ("j" if (i == 0 or after_vowel) else "i") + base
            else:
                m = table.get(ch)
                if m is None:
                    rom = ch
                elif isinstance(m, tuple):
                    first = i == 0 or (system in _AFTER_VOWEL and after_vowel)
                    rom = m[0] if first else m[1]
                else:
                    rom = m
            if system == "ad_hoc" and ch == "с" and prev == "к" and pieces and pieces[-1] == "k" and rng is not None:
                if rng.random() < 0.3:
                    pieces[-1] = "x"
                    rom = ""
            if chunk[i].isupper() and not upper:
                rom = rom[:1].upper() + rom[1:]
            pieces.append(rom)
            prev = ch
        word = "".join(pieces)
        out.append(word.upper() if upper else word)
    return "".join(out)


# by ear: letter -> alternatives (repeats weight the commoner spelling)
_EAR: dict[str, list[str]] = {
    "а": ["a"], "б": ["b"], "в": ["v"], "д": ["d"], "е": ["e"], "є": ["ye", "e", "ie"],
    "ж": ["zh", "zh", "j"], "з": ["z"], "и": ["i", "y", "ee", "i"], "і": ["i", "i", "ee"], "ї": ["yi", "i", "ee"],
    "й": ["y", "i", "y"], "к": ["k"], "л": ["l"], "м": ["m"], "н": ["n"], "о": ["o"], "п": ["p"],
    "р": ["r"], "с": ["s"], "т": ["t"], "у": ["u", "u", "oo"], "ф": ["f"], "х": ["kh", "h", "h"],
    "ц": ["ts", "ts", "tz", "c"], "ч": ["ch", "ch", "tch"], "ш": ["sh"], "щ": ["shch", "sch", "sh"],
    "ь": [""], "ъ": [""], "ы": ["y", "i"], "э": ["e"], "ю": ["yu", "yu", "u"], "я": ["ya", "ya", "ia"],
    "ё": ["yo", "o"], "ў": ["w", "u"], "ґ": ["g"],
}
_EAR_AFTER_CONSONANT = {"я": ["ya", "ya", "ia", "a"], "ю": ["yu", "yu", "iu", "u"]}


def by_ear(text: str, rng: np.random.Generator, *, lang: str = "uk") -> str:
    """``text`` as an English-speaking interviewer writes it after hearing it (see the module
    docstring).  ``lang``: ``uk`` (г heard as h, и as y/i), ``ru`` (г g, unstressed о as a),
    ``be`` (like ``ru``).  Non-Cyrillic characters pass through."""
    out: list[str] = []
    for is_word, chunk in _word_chunks(text):
        if not is_word or not is_cyrillic(chunk):
            out.append(chunk)
            continue
        upper = len(chunk) > 1 and chunk.upper() == chunk
        low = "".join(ch for ch in chunk.lower() if ch not in APOSTROPHES)
        akanye = lang in ("ru", "be") and rng.random() < 0.35  # this speaker's о heard as a
        pieces: list[str] = []
        for i, ch in enumerate(low):
            prev = low[i - 1] if i else ""
            nxt = low[i + 1] if i + 1 < len(low) else ""
            if ch == prev and ch not in VOWELS and rng.random() < 0.6:
                continue  # a doubled consonant heard once
            if ch == "г":
                rom = "h" if lang == "uk" and rng.random() < 0.7 else "g"
            elif ch == "о" and akanye and i > 0 and nxt != "" and rng.random() < 0.6:
                rom = "a"
            elif ch == "и" and lang == "uk":
                rom = ["y", "y", "i"][int(rng.integers(3))]
            elif ch == "й" and i == len(low) - 1 and prev in ("и", "і", "ы"):
                rom = ["y", "", "i"][int(rng.integers(3))]  # -ий / -ій: -iy, -i, -ii, -yy ...
            elif ch == "в" and i == len(low) - 1 and prev in ("о", "е", "ё") and rng.random() < 0.15:
                rom = "ff"  # Ivanoff, Lebedeff
            elif ch == "е" and (i == 0 or prev in VOWELS or prev in ("ь", "ъ")):
                rom = "ye" if rng.random() < 0.6 else "e"  # Yelena, Yevhen; Elena
            elif ch == "к" and nxt in ("а", "о", "у", "л", "р") and rng.random() < 0.15:
                rom = "c"  # Carina, Clara, Cravchenko
            elif ch in _EAR_AFTER_CONSONANT and prev and prev not in VOWELS and prev not in ("ь", "ъ"):
                opts = _EAR_AFTER_CONSONANT[ch]
                rom = opts[int(rng.integers(len(opts)))]
            elif ch in _EAR:
                opts = _EAR[ch]
                rom = opts[int(rng.integers(len(opts)))]
            else:
                rom = ch
            if ch == "с" and prev == "к" and pieces and pieces[-1] in ("k", "c") and rng.random() < 0.3:
                pieces[-1], rom = "x", ""
            pieces.append(rom)
        word = "".join(pieces)
        out.append(word.upper() if upper else word[:1].upper() + word[1:])
    return "".join(out)


def english_or_romanised(name_en: str, name_cyr: str, system: str, rng: np.random.Generator,
                         p_english: float) -> str:
    """The English equivalent with probability ``p_english``, else the romanised form."""
    if name_en and rng.random() < p_english:
        return name_en
    return romanise(name_cyr, system, rng)


# łacinka: letters that do not depend on their neighbours
_LACINKA: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "ž", "з": "z", "і": "i", "и": "i",
    "й": "j", "к": "k", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "щ": "šč", "ы": "y", "э": "e", "ъ": "",
    "ї": "ji",
}
_LACINKA_IOTATED = {"е": "e", "я": "a", "ю": "u", "ё": "o", "є": "e"}
_LACINKA_SOFT = {"ц": "ć", "с": "ś", "з": "ź", "н": "ń", "л": "l"}
_SOFTENING = set("еяюёєіь")


def lacinka(text: str) -> str:
    """``text`` in the Belarusian Latin alphabet (łacinka); see the module docstring.

    Applies to Belarusian, Russian and Ukrainian Cyrillic alike (a Russian и is read as
    i); non-Cyrillic characters pass through.  Case follows the source as in
    :func:`romanise`.
    """
    out: list[str] = []
    for is_word, chunk in _word_chunks(text):
        if not is_word or not is_cyrillic(chunk):
            out.append(chunk)
            continue
        upper = len(chunk) > 1 and chunk.upper() == chunk
        low = chunk.lower()
        pieces: list[str] = []
        for i, ch in enumerate(low):
            prev = low[i - 1] if i else ""
            nxt = low[i + 1] if i + 1 < len(low) else ""
            if ch in APOSTROPHES or ch == "ь":
                rom = ""  # the softness is written on the consonant before
            elif ch == "л":
                after = low[i + 2] if i + 2 < len(low) else ""
                rom = "l" if nxt in _SOFTENING or (nxt == "л" and after in _SOFTENING) else "ł"  # Natalla
            elif ch in _LACINKA_SOFT and nxt == "ь":
                rom = _LACINKA_SOFT[ch]
            elif ch in _LACINKA_IOTATED:
                vowel = _LACINKA_IOTATED[ch]
                if i == 0 or prev in VOWELS or prev in APOSTROPHES or prev in ("ь", "ъ", "ў"):
                    rom = "j" + vowel if not (prev == "ь" and i >= 2 and low[i - 2] == "л") else vowel
                elif prev == "л":
                    rom = vowel
                else:
                    rom = "i" + vowel
            else:
                rom = _LACINKA.get(ch, ch)
            if chunk[i].isupper() and not upper:
                rom = rom[:1].upper() + rom[1:]
            pieces.append(rom)
        word = "".join(pieces)
        out.append(word.upper() if upper else word)
    return "".join(out)


# German (Duden) transliteration: letters that do not depend on their neighbours
_GERMAN: dict[str, str] = {
    "а": "a", "б": "b", "в": "w", "ґ": "g", "д": "d", "є": "je", "ж": "sch", "з": "s", "і": "i", "ї": "ji",
    "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t", "у": "u",
    "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ь": "", "ъ": "", "ы": "y",
    "э": "e", "ю": "ju", "я": "ja", "ё": "jo", "ў": "w",
}


def german(text: str, *, lang: str = "uk") -> str:
    """``text`` in the German transliteration (see the module docstring): ``lang`` ``uk``
    (г h, и y) or ``ru`` / ``be`` (г g, и i, initial е je).  Non-Cyrillic characters pass
    through; case follows the source as in :func:`romanise`."""
    out: list[str] = []
    for is_word, chunk in _word_chunks(text):
        if not is_word or not is_cyrillic(chunk):
            out.append(chunk)
            continue
        upper = len(chunk) > 1 and chunk.upper() == chunk
        low = chunk.lower()
        pieces: list[str] = []
        skip = False
        for i, ch in enumerate(low):
            if skip:
                skip = False
                continue
            prev = low[i - 1] if i else ""
            nxt = low[i + 1] if i + 1 < len(low) else ""
            if ch in APOSTROPHES:
                continue
            if ch == "к" and nxt == "с":
                rom, skip = "x", True
            elif ch == "г":
                rom = "h" if lang == "uk" else "g"
            elif ch == "и":
                rom = "y" if lang == "uk" else "i"
            elif ch == "е":
                rom = "je" if lang != "uk" and (i == 0 or prev in VOWELS or prev in ("ь", "ъ")) else "e"
            elif ch == "с":
                rom = "ss" if prev in VOWELS and nxt in VOWELS else "s"
            else:
                rom = _GERMAN.get(ch, ch)
            if chunk[i].isupper() and not upper:
                rom = rom[:1].upper() + rom[1:]
            pieces.append(rom)
        word = "".join(pieces)
        out.append(word.upper() if upper else word)
    return "".join(out)


#: A word, apostrophes inside it included (Лук'яненко).
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")


def by_word(text: str, convert: Callable[[str], str]) -> str:
    """``convert`` applied to every Cyrillic word of ``text`` (lower case in, lower case out),
    the case of the source kept: an all-capital word stays capitals, a capital first letter
    stays one."""
    out: list[str] = []
    for is_word, chunk in _word_chunks(text):
        if not is_word or not is_cyrillic(chunk):
            out.append(chunk)
            continue
        rom = convert(chunk.lower())
        if len(chunk) > 1 and chunk.upper() == chunk:
            rom = rom.upper()
        elif chunk[:1].isupper():
            rom = rom[:1].upper() + rom[1:]
        out.append(rom)
    return "".join(out)
