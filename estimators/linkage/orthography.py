"""Latin spellings of Ukrainian and Russian names by the orthography of another language, per list.

Lists written for readers of another language spell Cyrillic names by that language's
rules, one list at a time: a Polish foundation writes ``Szewczenko``, ``Charczenko``,
``Kłymyszyn`` for Шевченко, Харченко, Климишин; a French report ``Chevtchenko``,
``Khartchenko``, ``Iouliia``; a Czech NGO ``Ševčenko``, ``Bondarčuková``; a Russian
register's ASCII export (GOST 7.79-2000 system B) ``STEL`MAXENKO``, ``KLESHHOVA``.  The
same letters mean different sounds in each: ``ch`` is ч in English, ш in French and х in
Polish and Czech; ``c`` is ц in Polish and Czech; ``w`` is в in Polish and German; ``j`` is ж
in French and й in Polish and Czech; ``x`` is х in GOST.  No rule on a single word can
tell which is meant (``Chrystyna`` is Polish for Христина, ``Chornenko`` English for
Чорненко), but a list written by one hand uses one orthography throughout, and its letters
give it away: ``cz``, ``sz``, ``ł``, ``ż``, ``ś``, ``ć``, ``ń`` are Polish; ``ou`` for у, ``tch``
for ч and ``ï`` are French; ``č``, ``š``, ``ž``, ``ř``, ``ě``, ``ů`` and the feminine ``-ová`` are
Czech (with ``ł``, ``ś``, ``ć``, ``ŭ`` and no ``cz``/``sz``: Belarusian Łacinka, read by the same
rules); a backtick or ``shh`` in a name is GOST's ASCII; the masculine nominative ``-s`` after a
consonant or ``j`` (``Ivans``, ``Kovaļčuks``, ``Andrijs``) with ``č š ž ļ ņ`` or ``j`` for й is
Latvian, whose law writes foreigners' names in Latvian spelling and grammar: the ``-s`` (and
``-skis`` for -ський) is taken off the names before the letters are rewritten (place names
keep their Latvian endings, ``Donecka``, and are left to the gazetteer).  Lithuanian texts do the
same with Lithuanian grammar (the State Commission of the Lithuanian Language's recommendations on
foreign names; the press writes ``Volodymyras Zelenskis``, ``Tarasas Ševčenka``): a man's name
takes ``-as`` after a consonant (``Oleksandras``, ``Kovalčiukas``), ``-is`` after a soft one
(``Vasylis``), ``-jus`` after й (``Andrijus``, ``Sergejus``), ``-skis`` for -ський, and a family name
in -енко ends in ``-enka``; the letters are Czech-like (č š ž, ch for х, c for ц, j for й) with
ė ų į ū.  A list with these masculine endings on :data:`MIN_SHARE` of its words and č š ž ė ų į ū or
``j`` on as many is read as Lithuanian: the endings are taken off its names (not off its place
names: ``Charkivas`` is left to the fuzzy settlement comparison and the gazetteer) and its letters
rewritten.  Georgian's national romanisation (2002) marks the ejective consonants with an
apostrophe (``k'``, ``t'``, ``p'``, ``ts'``, ``ch'``: Russian and Ukrainian к, т, п are written with the
ejectives, ``Mak'eevk'a``, ``Vikt'oria``), and Georgian grammar adds the nominative ``-i`` to a name
that ends in a consonant (``Maksimi``, ``Kovalovi``, ``Donetsk'i``, ``Mariupoli``): a list with
these apostrophes on :data:`MIN_SHARE` of its words and as many words ending in a consonant and
``-i`` is read as Georgian.  The apostrophes are dropped, and the ``-i`` is taken off its family
names (not off ``-ski``, ``-tski``, Georgian for -ський / -ский; a family name in -ий such as
Чорний loses its last vowel too, which the consonant skeleton still matches), patronymics and
place names (``Donetsk'i`` is Донецьк); a given name keeps it, which the given-name key reads
as the nominative ending it is (:func:`.standardise.given_name_key`).  Hungarian transcription
writes ч ж с ш щ ц as ``cs``, ``zs``, ``sz``, ``s``, ``scs``, ``c``, the soft д т н before е, и
or ь as ``gy``, ``ty``, ``ny`` (``Gyenyisz``, ``Donyeck``, ``Putyin``) and й as ``j`` (``Szerhij``,
``Romanovics``, ``Zsuravljova``, ``Lisicsanszk``): a list with ``cs``, ``zs``, ``gy``, ``ő`` or ``ű`` on
10% of its words, these with ``sz`` on 25%, and Polish's own ``cz``, ``ł``, ``ż`` on at most half
as many, is read as Hungarian (``gy``, ``ty``, ``ny`` are read as soft д т н only before a vowel:
``Melnyk``, ``Tymur`` are English-style).

:func:`detect_orthography` reads the Latin words of one list (its name and settlement
cells) and returns ``"pl"``, ``"fr"``, ``"cs"``, ``"lv"``, ``"lt"``, ``"ka"``, ``"hu"``, ``"gost"`` or None (English-style, national
or passport romanisation, which :func:`.folding.fold_key` already folds; German
``sch``/``tsch`` and ``w`` are folded there too, since no other system writes them).
:func:`to_english_latin` rewrites one value of such a list into English-style Latin
(``sh``, ``ch``, ``kh``, ``zh``, ``ts``, ``v``, ``y``), after which the usual folding applies;
in a Czech list the feminine ending ``-ová`` that Czech adds to any family name
(``Kovalenková``) is taken off.  Cyrillic values are left alone.

Only whole-list evidence switches a rewrite on: at least :data:`MIN_WORDS` Latin words,
:data:`MIN_SHARE` of them marked (for GOST, :data:`MIN_SHARE_ASCII` with a backtick or
``shh``, which no language writes, and 1% with its ``y``` / ``e``` / ``shh``: an English list
may type apostrophes as backticks), and the other orthographies' marks on at most half as
many words.  Within such a list, a value is rewritten when it has the orthography's own
marks or none of the letter groups only English-style Latin writes (``sh``, ``zh``, ``kh``,
``ts``, ``yu``, ``ya``, ``ye``, ``yi``): a passport spelling copied into a Polish register stays
as written (for GOST, which writes ж ш ч ю я as English does, only values with its own
marks).

References
----------
Polish: the transcription rules for Russian and Ukrainian in *Wielki słownik ortograficzny
PWN* (ed. E. Polański), as the Polish press uses them.  French: no official standard;
the usual press transcription (``ou`` у, ``ch`` ш, ``tch`` ч, ``j`` ж, ``ï`` й).  Czech: the
transcription of Cyrillic in *Pravidla českého pravopisu*.  GOST 7.79-2000
(ISO 9:1995 adopted in Russia), system B.  Georgian: the national system of romanisation of
Georgian (2002), as Georgian registers write foreign names transcribed into Georgian script.
Hungarian: the transcription of Russian and Ukrainian in *A magyar helyesírás szabályai* (12th
ed., 2015, §§ 217-225 and the Cyrillic table), as the Hungarian press writes the names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from .._lazy import lazy_module

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")

__all__ = ["MIN_SHARE", "MIN_SHARE_ASCII", "MIN_WORDS", "ORTHOGRAPHY_COLUMNS", "detect_orthography", "rewrite_orthographies",
           "to_english_latin"]

#: The raw columns whose Latin values follow the list's orthography.
ORTHOGRAPHY_COLUMNS = ("family_name", "given_name", "patronymic", "origin_settlement")

#: Fewest Latin words a list needs before its orthography is read from them.
MIN_WORDS = 20
#: Share of a list's Latin words that must carry an orthography's markers.
MIN_SHARE = 0.15
#: The same for GOST 7.79-2000 B's ASCII (a backtick for ь, ``shh``, ``x`` for х): its marks
#: never occur in a natural-language orthography, so fewer suffice.  Set after a GOST list
#: (``heldout_indictment_leak``) showed them on 12.6% of its words.
MIN_SHARE_ASCII = 0.05

_LATIN_WORD = re.compile(r"[a-zà-ÿāăąćčďđēėęěģğīįıķĺļľłńņňōőŕřśşšţťūůűųźżž'`]+")
_POLISH = re.compile(r"cz|sz|[łżźśćń]")
_FRENCH = re.compile(r"ou|tch|ï")
_CZECH = re.compile(r"[čšžřěů]|ová$")
#: GOST's own marks (a backtick for ь, ``shh`` for щ); its ``x`` for х is also English (Maxim, Alexander)
_GOST_UNIQUE = re.compile(r"`|shh")
_GOST_LETTERS = re.compile(r"y`|e`|shh")
_MARKERS = {"pl": _POLISH, "fr": _FRENCH, "cs": _CZECH}
_LACINKA = re.compile(r"[łśćźńŭ]")
#: Latvian: a consonant (or й, written j) and the masculine nominative -s (Ivans, Kovaļčuks, Andrijs,
#: Deniss); no other orthography of these names ends a word so
_LATVIAN_ENDING = re.compile(r"[bcdfghjklmnprstvzčšžļņģķ]s$")
_LATVIAN_LETTERS = re.compile(r"[čšžļņģķāēīū]|j")
_POLISH_DIGRAPH = re.compile(r"cz|sz")
#: Lithuanian: the masculine nominative -as / -is after a consonant, -jus after й (Oleksandras,
#: Kovalčiukas, Vasylis, Andrijus, Sergejus); no orthography of these names ends so many words so
#: (English-style lists have Taras, Mykolas, but without č š ž or j)
_LITHUANIAN_ENDING = re.compile(r"(?:[bcdfghklmnprstvzčšž](?:as|is)|jus)$")
_LITHUANIAN_LETTERS = re.compile(r"[čšžėųįū]|j")
#: Georgian: an ejective's apostrophe (k' t' p', with ts' ch') before a letter (Mak'eevk'a, Vikt'oria,
#: P'olina); no other orthography puts an apostrophe after к or т (Ukrainian writes one only after
#: б п в м ф р before я ю є ї), and the nominative -i after a consonant (Maksimi, Kovalovi)
_GEORGIAN_EJECTIVE = re.compile(r"[ktp]'(?=[a-z])")
_GEORGIAN_ENDING = re.compile(r"[bcdfghklmnprstvz]'?i$")
#: Hungarian: cs zs gy (ч ж, the soft д) and ő ű, which no other orthography of these names writes;
#: with sz (с, which Polish writes for ш) for the share
_HUNGARIAN_OWN = re.compile(r"cs|zs|gy|[őű]")
_HUNGARIAN = re.compile(r"cs|zs|gy|sz|[őű]")
_POLISH_OWN = re.compile(r"cz|[łżźśćń]")
#: Hungarian's soft д т н before a vowel (Gyenyisz, Putyin, Donyeck); before a consonant, or ending a word,
#: ``ny`` and ``ty`` are English-style (Melnyk, Tymur)
_HUNGARIAN_SOFT = re.compile(r"([gtn])y(?=[aeiouáéíóöőúüű])")


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


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
    """The orthography a list's Latin values are written in: ``"pl"``, ``"fr"``, ``"cs"``, ``"lv"``, ``"lt"``, ``"ka"``,
    ``"hu"``, ``"gost"`` or None.

    Parameters
    ----------
    values : iterable
        The list's name and settlement cells (any mix of Cyrillic, Latin and missing).

    Returns
    -------
    str or None
        ``"pl"``, ``"fr"``, ``"cs"``, ``"lv"``, ``"lt"``, ``"ka"``, ``"hu"`` or ``"gost"`` (see the module docstring for
        the rule);
        None otherwise (read as English-style Latin).

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
    def share(pattern: re.Pattern[str]) -> float:
        return sum(1 for w in words if pattern.search(w)) / len(words)

    shares = {name: share(pattern) for name, pattern in _MARKERS.items()}
    # a backtick or "shh" in a name: no language writes them; and ы as y`, э as e` or щ as shh, since
    # an English list may type its apostrophes as backticks (Mar`iana)
    if share(_GOST_UNIQUE) >= MIN_SHARE_ASCII and share(_GOST_LETTERS) >= 0.01:
        return "gost"
    # Latvian: names take the masculine -s, and č š ž ļ ņ or j for й
    if share(_LATVIAN_ENDING) >= MIN_SHARE and share(_LATVIAN_LETTERS) >= MIN_SHARE:
        return "lv"
    # Lithuanian: names take -as / -is / -jus, with č š ž ė ų į ū or j for й
    if share(_LITHUANIAN_ENDING) >= MIN_SHARE and share(_LITHUANIAN_LETTERS) >= MIN_SHARE:
        return "lt"
    # Georgian: ejectives' apostrophes and the nominative -i
    if share(_GEORGIAN_EJECTIVE) >= MIN_SHARE and share(_GEORGIAN_ENDING) >= MIN_SHARE:
        return "ka"
    # Hungarian: cs zs gy with sz; not Polish's cz ł ż (a list of Ukrainian names that holds some Hungarian
    # family names, Kovács, Nagy, Szabó, stays English-style: their marks are on far fewer words)
    hungarian = share(_HUNGARIAN)
    if share(_HUNGARIAN_OWN) >= 2 * MIN_SHARE / 3 and hungarian >= MIN_SHARE + 0.10 \
            and share(_POLISH_OWN) <= hungarian / 2:
        return "hu"
    if shares["cs"] >= MIN_SHARE and share(_LACINKA) >= MIN_SHARE / 3 and share(_POLISH_DIGRAPH) < 0.02:
        return "cs"  # Belarusian Łacinka: č š ž with ł ś ć ź ń ŭ and no cz/sz; read by the same rules
    best = max(shares, key=lambda name: shares[name])
    others = max(v for name, v in shares.items() if name != best)
    return best if shares[best] >= MIN_SHARE and others <= shares[best] / 2 else None


# Ordered rewrites; upper-case output cannot be rewritten again (the input is case-folded).
_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "pl": (
        ("szcz", "SHCH"), ("cz", "CH"), ("sz", "SH"), ("ch", "KH"), ("ż", "ZH"), ("ź", "Z"), ("ś", "S"),
        ("ć", "TS"), ("ń", "N"), ("ł", "L"), ("ó", "O"), ("w", "V"), ("č", "CH"), ("š", "SH"), ("ž", "ZH"),
        ("ŭ", "V"), ("c", "TS"), ("j", "Y"),
    ),
    # Czech transcription (and scholarly Latin with háčeks): č š ž are ч ш ж, ch is х, c is ц,
    # j is й (the feminine -ová Czech adds to any family name: :func:`_czech_family`)
    "cs": (
        ("č", "CH"), ("š", "SH"), ("ž", "ZH"), ("ř", "RZH"), ("ch", "KH"),
        ("ł", "L"), ("ś", "S"), ("ć", "TS"), ("ź", "Z"), ("ń", "N"), ("ŭ", "V"), ("c", "TS"), ("j", "Y"),
        ("ě", "E"), ("ů", "U"),
    ),
    # Latvian (names transcribed by Latvian rules, the masculine -s taken off first: _latvian_name):
    # č š ž are ч ш ж, c is ц, j is й, ļ ņ ģ ķ and the long vowels are their plain letters
    "lv": (
        ("ļ", "L"), ("ņ", "N"), ("ģ", "G"), ("ķ", "K"), ("ā", "A"), ("ē", "E"), ("ī", "I"), ("ū", "U"),
        ("č", "CH"), ("š", "SH"), ("ž", "ZH"), ("c", "TS"), ("j", "Y"),
    ),
    # Lithuanian (the masculine endings taken off first: _lithuanian_name): č š ž are ч ш ж, ch is х,
    # c is ц, j is й; ė ų į ū are their plain letters
    "lt": (
        ("ė", "E"), ("ų", "U"), ("į", "I"), ("ū", "U"), ("č", "CH"), ("š", "SH"), ("ž", "ZH"), ("ch", "KH"),
        ("c", "TS"), ("j", "Y"),
    ),
    # Georgian national romanisation (the nominative -i taken off first: _georgian_name): the ejectives'
    # apostrophes dropped; its other letters (ch, sh, kh, zh, ts) are English-style
    "ka": (("'", ""),),
    # Hungarian (A magyar helyesírás szabályai): scs щ, cs ч, zs ж, sz с, s ш, c ц, j й (ja я, ju ю,
    # je є); its accents are the plain vowels; gy ty ny before a vowel (the soft д т н): _HUNGARIAN_SOFT
    "hu": (
        ("scs", "SHCH"), ("cs", "CH"), ("zs", "ZH"), ("sz", "S"),
        ("s", "SH"), ("c", "TS"), ("j", "Y"), ("á", "A"), ("é", "E"), ("í", "I"), ("ó", "O"), ("ö", "O"),
        ("ő", "O"), ("ú", "U"), ("ü", "U"), ("ű", "U"),
    ),
    # GOST 7.79-2000 system B (Russian registers' ASCII): x is х, shh щ, cz ц, y` ы, e` э, ` ь
    "gost": (
        ("shh", "SHCH"), ("cz", "TS"), ("x", "KH"), ("y`", "Y"), ("e`", "E"), ("`", ""), ("j", "Y"),
    ),
    "fr": (
        ("chtch", "SHCH"), ("tch", "CH"), ("dj", "J"), ("ch", "SH"), ("kh", "KH"), ("ou", "U"), ("j", "ZH"),
        ("J", "DZH"), ("ï", "Y"), ("gue", "GE"), ("gui", "GI"), ("ss", "S"),
    ),
}


#: Letter groups only English-style (and national or passport) romanisation writes: a value
#: with one of them and none of its list's orthography's own marks is left as written (a
#: passport spelling copied into a Polish register: ``Shevchenko``).
_ENGLISH_ONLY = re.compile(r"sh|zh|kh|ts|yu|ya|ye|yi")
_OWN_MARKS = {"pl": _POLISH, "fr": _FRENCH, "cs": re.compile(r"[čšžřěůłśćźńŭ]"),
              "lv": re.compile(r"[čšžļņģķāēīū]|[bcdfghjklmnprstvz]s\b"),
              "lt": re.compile(r"[čšžėųįū]|[bcdfghklmnprstvz](?:as|is)\b|jus\b"),
              "ka": re.compile(r"'|[bcdfghklmnprstvz]i\b"),
              "hu": re.compile(r"cs|zs|sz|gy|[áéíóöőúüű]"),
              "gost": re.compile(r"`|shh|x|cz")}
_CZECH_FEMININE = re.compile(r"(enk)ová\b|ová\b")


def _czech_family(text: str) -> str:
    """A Czech list's family name without the feminine -ová (Kovalenková -> Kovalenko, Bondarčuková
    -> Bondarčuk); other columns keep it (Nová Kachovka)."""
    return _CZECH_FEMININE.sub(lambda m: "enko" if m.group(1) else "", text)


_LATVIAN_SKIS = re.compile(r"(c?)skis\b")
_LATVIAN_S = re.compile(r"(?<=[bcdfghjklmnprstvzčšžļņģķ])s\b")


def _latvian_name(text: str) -> str:
    """A name of a Latvian list without the masculine nominative: Ivans -> Ivan, Kovaļčuks -> Kovaļčuk,
    Deniss -> Denis, Andrijs -> Andrij, Kovalevskis -> Kovalevskyj (the -skis of -ський)."""
    low = text.casefold()
    low = _LATVIAN_SKIS.sub(lambda m: ("ts" if m.group(1) else "") + "skyj", low)
    return _LATVIAN_S.sub("", low)


_LITHUANIAN_SKIS = re.compile(r"(c?)skis\b")
_LITHUANIAN_J = re.compile(r"(?<=j)us\b")
_LITHUANIAN_AS_IS = re.compile(r"(?<=[bcdfghklmnprstvzčšž])(?:as|is)\b")
_LITHUANIAN_ENKA = re.compile(r"enka\b")


def _lithuanian_name(text: str, family: bool) -> str:
    """A name of a Lithuanian list without the masculine nominative: Oleksandras -> Oleksandr, Vasylis
    -> Vasyl, Andrijus -> Andrij, Sergejus -> Sergej, Zelenskis -> Zelenskyj; a family name's -enka is
    -enko (Ševčenka -> Ševčenko).  A given name in -o loses it with the ending (Dmytras -> Dmytr),
    which the given-name key reads as Дмитро."""
    low = text.casefold()
    low = _LITHUANIAN_SKIS.sub(lambda m: ("ts" if m.group(1) else "") + "skyj", low)
    low = _LITHUANIAN_J.sub("", low)
    low = _LITHUANIAN_AS_IS.sub("", low)
    return _LITHUANIAN_ENKA.sub("enko", low) if family else low


_GEORGIAN_I = re.compile(r"(?<=[bcdfghklmnprstvz])'?i\b")
_GEORGIAN_ADJECTIVE_I = re.compile(r"(?<![szc]k)(?<![szc]k')(?<=[bcdfghklmnprstvz])'?i\b")


def _georgian_name(text: str, family: bool) -> str:
    """A name or place of a Georgian list without the nominative -i after a consonant: Kovalovi ->
    Kovalov, Gavrilishini -> Gavrilishin, Donetsk'i -> Donetsk'; a family name's -ski / -tski (Georgian
    for -ський) keeps it (Kovalevski)."""
    return (_GEORGIAN_ADJECTIVE_I if family else _GEORGIAN_I).sub("", text.casefold())


def _georgian_place(text: str, is_place: Callable[[str], bool] | None) -> str:
    """A Georgian list's place name without the nominative -i when the name without it is a place the
    gazetteer knows (or when there is no gazetteer to ask): Mariupoli, Donetsk'i; Chernivtsi and Sumi,
    which end in -i in Ukrainian too, stay."""
    stripped = _georgian_name(text, False)
    if is_place is None or stripped == text.casefold() or is_place(to_english_latin(stripped, "ka")):
        return stripped
    return text.casefold()


def _needs_rewrite(text: str, orthography: str) -> bool:
    low = text.casefold()
    if _OWN_MARKS[orthography].search(low):
        return True
    # GOST writes ж ш ч ю я as English does: only its own marks call for a rewrite
    return orthography != "gost" and not _ENGLISH_ONLY.search(low)


@lru_cache(maxsize=100_000)
def to_english_latin(text: str, orthography: str) -> str:
    """Rewrite a Latin value of a list in another language's orthography into English-style Latin.

    ``orthography`` is ``pl``, ``fr``, ``cs``, ``lv``, ``lt``, ``ka``, ``hu`` or ``gost`` (:func:`detect_orthography`).
    Cyrillic values (and any value with a Cyrillic letter) are returned unchanged.

    Examples
    --------
    >>> to_english_latin("Charczenko", "pl"), to_english_latin("Kłymyszyn", "pl")
    ('kharchenko', 'klymyshyn')
    >>> to_english_latin("Siewierodonieck", "pl")
    'sievierodonietsk'
    >>> to_english_latin("Chevtchenko", "fr"), to_english_latin("Zaporijjia", "fr")
    ('shevchenko', 'zaporizhzhia')
    >>> to_english_latin("Scserbakov", "hu"), to_english_latin("Romanovics", "hu"), to_english_latin("Donyeck", "hu")
    ('shcherbakov', 'romanovich', 'donetsk')
    >>> to_english_latin("Шевченко", "pl")
    'Шевченко'
    """
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        return text
    out = text.casefold()
    if orthography == "hu":
        out = _HUNGARIAN_SOFT.sub(lambda m: {"g": "D", "t": "T", "n": "N"}[m.group(1)], out)
    for a, b in _RULES[orthography]:
        out = out.replace(a, b)
    return out.lower()


def rewrite_orthographies(frame: pd.DataFrame, list_column: str = "source_dataset", *,
                          is_place: Callable[[str], bool] | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """Each list's Latin name and settlement values rewritten from its detected orthography.

    Parameters
    ----------
    frame : DataFrame
        Raw records of one or more lists (string columns); ``list_column`` names the list of
        each row (all rows are one list when it is absent).
    list_column : str
    is_place : callable, optional
        Whether a place name is in the gazetteer as written.  Given, a Georgian list's place
        name loses its nominative ``-i`` only when the name without it is a place the gazetteer
        knows (Mariupoli: Mariupol) and keeps it otherwise (Chernivtsi and Sumi end in -i in
        Ukrainian too).

    Returns
    -------
    (DataFrame, dict)
        A copy with :data:`ORTHOGRAPHY_COLUMNS` rewritten in the rows of lists written in
        another orthography (the frame itself when none is), and the orthography found per
        list name (lists read as English-style Latin are left out).  Within such a list a
        value is rewritten when it has the orthography's own marks, or (not for GOST, which
        writes ж ш ч ю я as English does) no letter group only English-style Latin writes.
    """
    columns = [c for c in ORTHOGRAPHY_COLUMNS if c in frame.columns]
    if not columns or frame.empty:
        return frame, {}
    import numpy as np

    lists = (frame[list_column].astype(str).to_numpy() if list_column in frame.columns
             else np.array([""] * len(frame)))
    found: dict[str, str] = {}
    out = frame
    for name in dict.fromkeys(lists.tolist()):
        rows = np.flatnonzero(lists == name)  # by position: the index may repeat
        block = {c: frame[c].iloc[rows].tolist() for c in columns}
        orthography = detect_orthography(v for c in columns for v in block[c])
        if orthography is None:
            continue
        found[str(name)] = orthography
        if out is frame:
            out = frame.copy()
        for c in columns:
            values = [_czech_family(v) if c == "family_name" and orthography == "cs" and isinstance(v, str) else v
                      for v in block[c]]
            if orthography == "lv" and c in ("family_name", "given_name", "patronymic"):
                values = [_latvian_name(v) if isinstance(v, str) and v and not _has_cyrillic(v) else v for v in values]
            if orthography == "ka" and c in ("family_name", "patronymic"):
                values = [_georgian_name(v, c == "family_name") if isinstance(v, str) and v and not _has_cyrillic(v)
                          else v for v in values]
            if orthography == "ka" and c == "origin_settlement":
                values = [_georgian_place(v, is_place) if isinstance(v, str) and v and not _has_cyrillic(v) else v
                          for v in values]
            if orthography == "lt" and c in ("family_name", "given_name", "patronymic"):
                values = [_lithuanian_name(v, c == "family_name") if isinstance(v, str) and v and not _has_cyrillic(v)
                          else v for v in values]
            new = [to_english_latin(v, orthography) if isinstance(v, str) and v and _needs_rewrite(v, orthography)
                   else v for v in values]
            column = out[c].to_numpy(dtype=object, copy=True)
            column[rows] = new
            out[c] = column
    return out, found
