"""Ukrainian settlement gazetteer: any written form of a settlement -> its KATOTTH code.

Lists of removed children write the place a child was taken from in whatever form the
clerk used: the official Ukrainian name (``Бахмут``), its Russian form (``Снежное`` for
``Сніжне``), a romanisation (``Kharkiv``, ``Kharkov``), or a name the place no longer has
(``Артемовск``, ``Кировоград``, ``Жданов``: the 2016 decommunisation renames, and the 2024
renames in KATOTTH).  Their folded keys differ, so a string comparison treats one child as
two (issue 11, cause 4).  This module maps every such form to the settlement's code in the
national classifier KATOTTH (``UA`` + 17 digits), from the pinned table
``data/gazetteer/settlements.csv`` (built by ``data/gazetteer/build_gazetteer.py``; sources,
join rules and licences in ``data/gazetteer/README.md``).

Lookup, in order:

1. **Normalisation.** NFKC, case folding, apostrophes unified; a leading type word or
   abbreviation (``м.``, ``г.``, ``смт``, ``пгт``, ``с.``, ``село``, ``city of``,
   ``village`` ...) is removed and kept as a *category hint* (city / urban settlement /
   village); an address such as ``"Донецька обл., м. Бахмут"`` is split into its oblast
   and settlement parts.
2. **Skeleton.** Cyrillic is transliterated letter by letter and the romanisation
   variants are folded as in the name keys of
   :func:`estimators.linkage.standardise.fold_key` (``kh``/``h``/``g`` -> ``h``,
   ``y``/``j`` -> ``i``, iotated vowels, doubled letters, spaces and hyphens removed), so
   ``Мариуполь``, ``Маріуполь`` and ``Mariupol`` meet (:func:`skeleton`).
3. **Exact** look-up of the skeleton among the skeletons of every form in the table,
   restricted to the oblast when one is given, then to the category hint when that
   leaves a candidate.
4. **Fuzzy fallback** only when nothing matched exactly, and only among the forms whose
   *vowel-blind skeleton* (every run of vowels replaced by one mark: :func:`vowel_blind`)
   equals the query's.  Ukrainian and Russian spellings of one name mostly differ in
   their vowels alone (``Сніжне`` / ``Снежное``, ``Олександрівка`` / ``Александровка``,
   ``Кам'янське`` / ``Каменское``), while two different places of similar names mostly
   differ in a consonant.  Among those forms the Jaro-Winkler similarity of the full
   skeletons (Winkler 1990) decides: the best form is accepted when its similarity is at
   least :data:`FUZZY_THRESHOLD` and exceeds that of every such form of another
   settlement by :data:`FUZZY_MARGIN`; without an oblast it must moreover be a city
   (category ``M`` or ``K``), because village names repeat across the country.
   ``bench/gazetteer_calibration.py`` chose the two numbers on held-out build data.

A name shared by several settlements (``Олександрівка``: hundreds of villages;
``Первомайськ``: two cities) has no single code.  :meth:`Gazetteer.resolve` returns the
whole candidate set with a status, and :func:`compare_settlements` tells a record-linkage
caller whether two written places are the ``same`` settlement, may be (``overlap``), are
``different``, or cannot be told (``unknown``).  The one tie that *is* broken
(``prefer_city=True``, the default): when exactly one candidate of a name is a city and
the others are villages or urban settlements, and neither the text nor the oblast points
elsewhere, the city is chosen (``Маріуполь`` is the city of Donetsk oblast, not the
village of that name in Kirovohrad oblast) and the resolution's ``method`` says so.

References
----------
Winkler, W. E. (1990). String comparator metrics and enhanced decision rules in the
    Fellegi-Sunter model of record linkage. *Proc. Section on Survey Research Methods*,
    American Statistical Association, 354-359.
Christen, P. (2012). *Data Matching*. Springer, ch. 4.4 (standardisation with look-up
    tables) and 5.2 (approximate string comparison).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .folding import _DOUBLE, _FOLDS, _SOFT_VOWEL, LATIN_UNDECOMPOSED, english_ear, one_script

__all__ = [
    "GAZETTEER_FILE",
    "FUZZY_THRESHOLD",
    "FUZZY_MARGIN",
    "CITY_CATEGORIES",
    "Settlement",
    "Resolution",
    "Gazetteer",
    "load_gazetteer",
    "settlement_key",
    "settlement_candidates",
    "compare_settlements",
    "oblast_codes",
    "strip_settlement_prefix",
    "skeleton",
    "vowel_blind",
    "jaro_winkler",
]

#: The pinned table, relative to the data directory (``data/manifest.json`` holds its sha256).
GAZETTEER_FILE = "gazetteer/settlements.csv"
#: Minimum Jaro-Winkler similarity of skeletons for a fuzzy match.
FUZZY_THRESHOLD = 0.85
#: Minimum lead of the best settlement's similarity over any other settlement's.
FUZZY_MARGIN = 0.03
#: KATOTTH categories that are cities: ``M`` (city), ``K`` (city with special status).
CITY_CATEGORIES = frozenset({"M", "K"})
#: Forms that are a settlement's name now (the others are former, Russian or variant forms).
CURRENT_FORMS = frozenset({"official_uk", "ocha_en"})

Comparison = Literal["same", "overlap", "different", "unknown"]

# --------------------------------------------------------------------------- normalisation
_APOSTROPHES = "'’ʼ`´‘ʹ"
_APOSTROPHE_TABLE = str.maketrans({c: "'" for c in _APOSTROPHES})
# Letters NFKD does not decompose into ASCII + combining marks.
_LATIN_EXTRA = str.maketrans(LATIN_UNDECOMPOSED)

# Type words before a name (Ukrainian, Russian, Belarusian, English), by the category they
# point to.  Cities: ``м.`` (місто), ``г.`` (город, горад); urban-type settlements: ``смт``,
# ``пгт``; villages: ``с.``, ``село``, ``вёска``; ``селище`` / ``поселок`` / ``пасёлак`` /
# ``п.`` are either an urban-type or a rural settlement.
_CITY = frozenset({"M", "K"})
_URBAN = frozenset({"X"})
_SETTLEMENT = frozenset({"X", "C"})
_VILLAGE = frozenset({"C"})
_PREFIXES: tuple[tuple[str, frozenset[str]], ...] = (
    # multi-word forms first (the alternation is tried in order)
    (r"селище міського типу", _URBAN), (r"посел[оё]к городского типа", _URBAN),
    (r"пас[её]лак гарадскога тыпу", _URBAN), (r"urban[- ]type settlement", _URBAN),
    (r"city of", _CITY), (r"town of", _CITY), (r"village of", _VILLAGE),
    # cities
    (r"місто", _CITY), (r"город", _CITY), (r"горад", _CITY), (r"city", _CITY), (r"town", _CITY),
    (r"misto", _CITY), (r"gorod", _CITY), (r"м", _CITY), (r"г", _CITY), (r"m", _CITY), (r"g", _CITY),
    # urban-type settlements
    (r"смт", _URBAN), (r"пгт", _URBAN), (r"smt", _URBAN), (r"pgt", _URBAN),
    # urban-type or rural settlements
    (r"селище", _SETTLEMENT), (r"посел[оё]к", _SETTLEMENT), (r"пас[её]лак", _SETTLEMENT), (r"пос", _SETTLEMENT),
    (r"сел", _SETTLEMENT), (r"сщ", _SETTLEMENT), (r"п", _SETTLEMENT), (r"selyshche", _SETTLEMENT),
    (r"settlement", _SETTLEMENT),
    # villages
    (r"село", _VILLAGE), (r"в[её]ска", _VILLAGE), (r"сяло", _VILLAGE), (r"village", _VILLAGE), (r"selo", _VILLAGE),
    (r"vil", _VILLAGE), (r"с", _VILLAGE), (r"s", _VILLAGE), (r"v", _VILLAGE),
)
# A type word is removed only when a dot or a space separates it from a following name.
_PREFIX_RE = re.compile(r"^(?:" + "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_PREFIXES)) + r")(?:\.\s*|\s+)(?=\S)")
# Only English type words are read after a name: Ukrainian names end in ``Село`` or
# ``Місто`` (``Старе Село``, ``Нове Місто``).
_SUFFIX_RE = re.compile(r"\s+(?:city|town|village)$")
_OBLAST_WORDS = re.compile(
    r"\b(?:область|обл|області|oblast|obl|oblast'|region|province|автономна|автономная|республіка|республика|"
    r"republic|autonomous|of|the|ар|арк|ark|arc|ar|край)\b\.?"
)
_RAION_WORDS = re.compile(r"\b(?:район|р-н|р-он|raion|rayon|reyon|rejon|district|громада|hromada)\b")


_PLAIN = re.compile(r"^[a-z\u0400-\u04ff' .,;()-]*$")


def _normalise(text: str) -> str:
    """NFKC, case-folded, apostrophes unified, Latin diacritics removed, spaces collapsed."""
    t = one_script(unicodedata.normalize("NFKC", text)).casefold().translate(_APOSTROPHE_TABLE)
    if not _PLAIN.match(t):
        t = t.translate(_LATIN_EXTRA)
        out = []
        for ch in t:
            if "\u0400" <= ch <= "\u04ff":
                out.append(ch)
            else:
                out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)))
        t = "".join(out)
    return " ".join(t.split())


def strip_settlement_prefix(text: str) -> tuple[str, frozenset[str] | None]:
    """Remove a leading type word (``м.``, ``смт``, ``с.``, ``city of`` ...) from a name.

    Returns
    -------
    (str, frozenset of str or None)
        The normalised name without the type word, and the KATOTTH categories the type
        word points to (``{"M", "K"}`` for a city, ``{"X"}`` for an urban-type
        settlement, ``{"C"}`` for a village, ``{"X", "C"}`` for ``селище`` /
        ``поселок``), or None when there was none.

    Examples
    --------
    >>> name, hint = strip_settlement_prefix("м. Бахмут")
    >>> name, sorted(hint)
    ('бахмут', ['K', 'M'])
    >>> strip_settlement_prefix("Village Sorokyne")[0]
    'sorokyne'
    """
    t = _normalise(text)
    hint: frozenset[str] | None = None
    m = _PREFIX_RE.match(t)
    if m is not None:
        index = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
        hint = _PREFIXES[index][1]
        t = t[m.end():]
    s = _SUFFIX_RE.search(t)
    if s is not None and s.start() > 0:
        hint = hint or (_VILLAGE if s.group(0).strip() == "village" else _CITY)
        t = t[: s.start()]
    return t.strip(" .,;"), hint


# One Cyrillic -> Latin table for Ukrainian, Russian and Belarusian letters.  It is the
# Ukrainian national table (Resolution No. 55 of 2010) in its non-initial forms, with the
# Russian and Belarusian letters by ICAO Doc 9303; the positional forms of the national
# table (``є`` -> ``ye`` word-initially) and the language-specific values of ``г`` (h / g)
# and ``и`` (y / i) fold to the same skeleton, so the table needs no language guess.
_CYRILLIC_TO_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ё": "e", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "'": "",
    "-": "", " ": "", ".": "", ",": "", ";": "", "(": "", ")": "",
})
_NOT_LATIN = re.compile(r"[^a-z]")


@lru_cache(maxsize=400_000)
def _fold(name: str) -> str:
    """Skeleton of a normalised name without type words: transliterate, then fold."""
    t = _NOT_LATIN.sub("", name.translate(_CYRILLIC_TO_LATIN))
    t = english_ear(t)  # Altchevsk, Cramatorsk: as fold_key
    for a, b in _FOLDS:
        t = t.replace(a, b)
    t = _DOUBLE.sub(r"\1", t)
    t = _SOFT_VOWEL.sub(r"\1", t)
    return _DOUBLE.sub(r"\1", t)


def skeleton(text: str) -> str:
    """The folded Latin skeleton of a settlement name (type word removed).

    Cyrillic is transliterated letter by letter (one table for Ukrainian, Russian and
    Belarusian letters), then romanisation variants are folded exactly as in the name
    keys of :func:`estimators.linkage.standardise.fold_key` (``kh``/``h``/``g`` -> ``h``,
    ``y``/``j`` -> ``i``, iotated vowels, doubled letters); spaces, hyphens and
    apostrophes are dropped.

    Examples
    --------
    >>> skeleton("Мариуполь") == skeleton("Маріуполь") == skeleton("Mariupol") == skeleton("м. Маріуполь")
    True
    >>> skeleton("Харків"), skeleton("Харьков"), skeleton("Kharkov")
    ('harkiv', 'harkov', 'harkov')
    """
    return _fold(strip_settlement_prefix(text)[0])


_VOWEL_RUN = re.compile(r"[aeiou]+")


def vowel_blind(key: str) -> str:
    """A skeleton with every run of vowels replaced by one mark (``snizne`` -> ``snVznV``).

    Ukrainian and Russian spellings of one name mostly differ in their vowels only:
    Ukrainian ``і`` for Russian ``о``, ``е`` or ``и`` (``Харків`` / ``Харьков``, ``Сніжне`` /
    ``Снежное``), ``о`` for ``а`` (``Олександрівка`` / ``Александровка``), neuter ``-е`` for
    ``-ое``.  The consonants and where the vowels stand survive, so these pairs share this
    key, while names with other consonants (``Покровськ`` / ``Покровське``: a vowel more)
    do not.

    Examples
    --------
    >>> vowel_blind(skeleton("Сніжне")) == vowel_blind(skeleton("Снежное"))
    True
    >>> vowel_blind(skeleton("Покровськ")) == vowel_blind(skeleton("Покровское"))
    False
    """
    return _VOWEL_RUN.sub("V", key)


def jaro_winkler(a: str, b: str, prefix_weight: float = 0.1) -> float:
    """Jaro-Winkler similarity of two strings (Winkler 1990), in [0, 1].

    Examples
    --------
    >>> round(jaro_winkler("martha", "marhta"), 4)
    0.9611
    """
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if la == 0 or lb == 0:
        return 0.0
    window = max(max(la, lb) // 2 - 1, 0)
    a_flags = [False] * la
    b_flags = [False] * lb
    matches = 0
    for i, ch in enumerate(a):
        lo, hi = max(0, i - window), min(i + window + 1, lb)
        for j in range(lo, hi):
            if not b_flags[j] and b[j] == ch:
                a_flags[i] = b_flags[j] = True
                matches += 1
                break
    if matches == 0:
        return 0.0
    transpositions = 0
    j = 0
    for i in range(la):
        if a_flags[i]:
            while not b_flags[j]:
                j += 1
            if a[i] != b[j]:
                transpositions += 1
            j += 1
    m = float(matches)
    jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_weight * (1 - jaro)


# --------------------------------------------------------------------------- oblasts
# Folded stems of the oblasts' Ukrainian, Russian and English names (the fold of
# ``Донецька``, ``Донецкая`` and ``Donetsk`` all begin ``donec``).  Kyiv city (UA80) is
# read together with Kyiv oblast (UA32), and Sevastopol (UA85) with Crimea (UA01): records
# name the city as the region, or the region of the city, interchangeably.
_OBLAST_STEMS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("UA01", "UA85"): ("krim", "crimea", "sevastop"),
    ("UA05",): ("vinic",),
    ("UA07",): ("volin",),
    ("UA12",): ("dnipropetr", "dnepropetr", "dnipr", "dnepr", "sicesl"),
    ("UA14",): ("donec",),
    ("UA18",): ("zitomir",),
    ("UA21",): ("zakarpat", "transcarpat"),
    ("UA23",): ("zapori", "zaporo"),
    ("UA26",): ("ivanofrank",),
    ("UA32", "UA80"): ("kiv", "kev", "kiiv"),
    ("UA35",): ("kirovohr", "kirovoh"),
    ("UA44",): ("luhan",),
    ("UA46",): ("lviv", "lvov"),
    ("UA48",): ("mikola", "nikola"),
    ("UA51",): ("odes",),
    ("UA53",): ("poltav",),
    ("UA56",): ("rivn", "roven", "rovn"),
    ("UA59",): ("sum",),
    ("UA61",): ("ternop",),
    ("UA63",): ("harkiv", "harkov"),
    ("UA65",): ("herson",),
    ("UA68",): ("hmelnic",),
    ("UA71",): ("cerkas",),
    ("UA73",): ("cerniv", "cernov"),
    ("UA74",): ("cernih",),
}
_CODE_RE = re.compile(r"^\s*(UA\d{2})\d*\s*$", re.IGNORECASE)
_AREA_OF: dict[str, tuple[str, ...]] = {c: area for area in _OBLAST_STEMS for c in area}


@lru_cache(maxsize=4096)
def oblast_codes(text: str | None) -> tuple[str, ...] | None:
    """The KATOTTH oblast prefix(es) (``"UA14"``) an oblast written in any form refers to.

    Accepts a KATOTTH code (``UA14...``), or the oblast's name in Ukrainian, Russian or
    English with or without ``область`` / ``обл.`` / ``oblast``.  Kyiv city and Kyiv
    oblast are one area (``("UA32", "UA80")``), as are Crimea and Sevastopol.

    Returns
    -------
    tuple of str or None
        None when the text names no oblast, or could name more than one.

    Examples
    --------
    >>> oblast_codes("Донецька обл."), oblast_codes("Donetsk Oblast"), oblast_codes("Донецкая область")
    (('UA14',), ('UA14',), ('UA14',))
    >>> oblast_codes("м. Київ")
    ('UA32', 'UA80')
    """
    if text is None:
        return None
    m = _CODE_RE.match(str(text))
    if m is not None:
        return _AREA_OF.get(m.group(1).upper())
    t = _normalise(str(text))
    t = _OBLAST_WORDS.sub(" ", t)
    t = strip_settlement_prefix(t)[0] if t.strip() else ""
    key = _fold(t) if t.strip() else ""
    if not key:
        return None
    hits = {area for area, stems in _OBLAST_STEMS.items() if any(key.startswith(s) for s in stems)}
    return next(iter(hits)) if len(hits) == 1 else None


# --------------------------------------------------------------------------- the table
@dataclass(frozen=True)
class Settlement:
    """One settlement of the table: its code, category, oblast prefix and official name."""

    katotth: str
    category: str
    oblast: str
    name: str


@dataclass(frozen=True)
class Resolution:
    """What a written place resolves to.

    Attributes
    ----------
    codes : frozenset of str
        Every KATOTTH code the text may refer to (empty when unknown).
    code : str or None
        The single code, when there is one (``status == "unique"``).
    status : {"unique", "ambiguous", "unknown"}
    method : str
        ``exact``, ``exact+city`` (a tie broken in favour of the one city), ``fuzzy``,
        ``fuzzy+city`` or ``none``.
    score : float or None
        The Jaro-Winkler similarity of a fuzzy match (1.0 for an exact one).
    current : bool
        Whether the matched name is the name the settlement(s) bear now (official or OCHA
        form) rather than a former, Russian or variant form.  Former names are known only
        in part (see ``data/gazetteer/README.md``), so a unique match through a former name
        that many places once bore (``Комсомольське``, ``Жовтневе``) is weaker evidence.
    """

    codes: frozenset[str]
    code: str | None
    status: Literal["unique", "ambiguous", "unknown"]
    method: str
    score: float | None
    current: bool = False


_UNKNOWN = Resolution(frozenset(), None, "unknown", "none", None)


class Gazetteer:
    """The lookup structures built from the table's rows (see :func:`load_gazetteer`).

    Parameters
    ----------
    rows : iterable of mapping
        Rows with at least ``katotth``, ``category``, ``oblast``, ``name`` and ``form``.
    threshold, margin : float
        The fuzzy fallback's acceptance rule (defaults :data:`FUZZY_THRESHOLD`,
        :data:`FUZZY_MARGIN`; ``bench/gazetteer_calibration.py`` shows how they were chosen).
    """

    def __init__(self, rows: Iterable[dict[str, str]], *, threshold: float = FUZZY_THRESHOLD,
                 margin: float = FUZZY_MARGIN) -> None:
        self.threshold = threshold
        self.margin = margin
        settlements: dict[str, Settlement] = {}
        forms: list[tuple[str, str, str]] = []
        for row in rows:
            code = row["katotth"]
            if row["form"] == "official_uk":
                settlements[code] = Settlement(code, row["category"], row["oblast"], row["name"])
            forms.append((code, row["name"], row["form"]))
        self.settlements = settlements
        by_key: dict[str, set[str]] = defaultdict(set)
        current: dict[str, set[str]] = defaultdict(set)
        keys: dict[str, str] = {}
        for code, name, form in forms:
            if code not in settlements:
                raise ValueError(f"gazetteer row for {code} has no official_uk row")
            key = keys.get(name)
            if key is None:
                key = keys[name] = skeleton(name)
            if key:
                by_key[key].add(code)
                if form in CURRENT_FORMS:
                    current[key].add(code)
        #: skeleton -> codes of the settlements one of whose forms has that skeleton
        self.by_key: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in by_key.items()}
        #: skeleton -> codes of the settlements that bear that name now (official or OCHA form)
        self.current_by_key: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in current.items()}
        blind: dict[str, set[str]] = defaultdict(set)
        for key in self.by_key:
            blind[vowel_blind(key)].add(key)
        #: vowel-blind skeleton -> the skeletons that have it
        self.by_vowel_blind: dict[str, tuple[str, ...]] = {k: tuple(sorted(v)) for k, v in blind.items()}
        self.rows = len(forms)

    # ----------------------------------------------------------------- helpers
    def _in_area(self, codes: Iterable[str], area: tuple[str, ...] | None) -> frozenset[str]:
        if area is None:
            return frozenset(codes)
        return frozenset(c for c in codes if c[:4] in area)

    def _choose(self, key: str, codes: frozenset[str], hint: frozenset[str] | None,
                prefer_city: bool) -> tuple[frozenset[str], str | None, bool]:
        """Apply the category hint, then the city rule: (candidates, single code, city rule used).

        The city rule picks the one city among the candidates only when that city bears
        the name *now* (its official or OCHA form, in this or another spelling: same
        vowel-blind skeleton): a former name of a city that is the current name of a
        village (``Красний Лиман``) stays ambiguous.
        """
        if hint is not None:
            hinted = frozenset(c for c in codes if self.settlements[c].category in hint)
            if hinted:
                codes = hinted
        if len(codes) == 1:
            return codes, next(iter(codes)), False
        if prefer_city and (hint is None or hint & CITY_CATEGORIES):
            cities = [c for c in codes if self.settlements[c].category in CITY_CATEGORIES]
            if len(cities) == 1 and cities[0] in self._current_namesakes(key, None):
                return codes, cities[0], True
        return codes, None, False

    def _current_namesakes(self, key: str, area: tuple[str, ...] | None) -> frozenset[str]:
        """Codes whose current name has the vowel-blind skeleton of ``key``."""
        found: set[str] = set()
        for k in self.by_vowel_blind.get(vowel_blind(key), ()):
            found |= self.current_by_key.get(k, frozenset())
        return self._in_area(found, area)

    # ----------------------------------------------------------------- lookup
    def resolve(self, text: str | None, oblast: str | None = None, *, prefer_city: bool = True) -> Resolution:
        """Resolve a written settlement (any language, script, era) to KATOTTH code(s).

        Parameters
        ----------
        text : str or None
            The place as written, e.g. ``"м. Артемовск"``, ``"Kharkov"``,
            ``"Донецька обл., Бахмут"``.
        oblast : str, optional
            Its oblast in any form (see :func:`oblast_codes`); restricts the candidates.
            An oblast that cannot be read is ignored (the lookup is then as strict as
            without one).
        prefer_city : bool
            Break a tie between one city and villages of the same name in favour of the
            city (see the module docstring).

        Returns
        -------
        Resolution
        """
        if text is None or (isinstance(text, float) and text != text):
            return _UNKNOWN
        return self._resolve(str(text), oblast, prefer_city)

    @lru_cache(maxsize=200_000)  # noqa: B019 - one Gazetteer per process (load_gazetteer is cached)
    def _resolve(self, text: str, oblast: str | None, prefer_city: bool) -> Resolution:
        area = oblast_codes(oblast) if oblast else None
        name = text
        if "," in text or ";" in text:
            parts = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
            rest = []
            for p in parts:
                norm = _normalise(p)
                if _RAION_WORDS.search(norm):
                    continue
                if re.search(r"\b(?:область|обл|oblast|obl|region)\b", norm):
                    area = area or oblast_codes(p)
                    continue
                rest.append(p)
            if len(rest) != 1:
                return _UNKNOWN
            name = rest[0]
        paren = re.match(r"^(.*?)\s*\((.*?)\)\s*$", name)
        if paren is not None and paren.group(1).strip():
            first = self._lookup(paren.group(1), area, prefer_city)
            return first if first.status != "unknown" else self._lookup(paren.group(2), area, prefer_city)
        return self._lookup(name, area, prefer_city)

    def _lookup(self, name: str, area: tuple[str, ...] | None, prefer_city: bool) -> Resolution:
        stripped, hint = strip_settlement_prefix(name)
        key = _fold(stripped) if stripped else ""
        if not key:
            return _UNKNOWN
        exact = self.by_key.get(key)
        if exact is not None:
            codes = self._in_area(exact, area)
            if codes:
                if not codes <= self.current_by_key.get(key, frozenset()):
                    # matched through a Russian, variant or former form: the settlements whose
                    # name *now* is the same name in another spelling are candidates too
                    # (GeoNames gives Russian forms of towns only: ``Александровка`` is the
                    # Russian form of every ``Олександрівка``, not only of the town's)
                    codes |= self._current_namesakes(key, area)
                codes, code, city = self._choose(key, codes, hint, prefer_city)
                now = codes <= self.current_by_key.get(key, frozenset()) if code is None else (
                    code in self.current_by_key.get(key, ()))
                if code is not None:
                    return Resolution(codes, code, "unique", "exact+city" if city else "exact", 1.0, now)
                return Resolution(codes, None, "ambiguous", "exact", 1.0, now)
        return self._fuzzy(key, area, hint, prefer_city)

    def _fuzzy(self, key: str, area: tuple[str, ...] | None, hint: frozenset[str] | None,
               prefer_city: bool) -> Resolution:
        candidates = self.by_vowel_blind.get(vowel_blind(key), ())
        scored: list[tuple[float, str]] = []
        for cand in candidates:
            codes = self._in_area(self.by_key[cand], area)
            if codes:
                scored.append((jaro_winkler(key, cand), cand))
        if not scored:
            return _UNKNOWN
        scored.sort(key=lambda sc: (-sc[0], sc[1]))
        best_score, best_key = scored[0]
        if best_score < self.threshold:
            return _UNKNOWN
        best_codes = self._in_area(self.by_key[best_key], area)
        # the best score of any form of another settlement
        runner_up = 0.0
        near: set[str] = set(best_codes)
        for score, cand in scored[1:]:
            codes = self._in_area(self.by_key[cand], area)
            if score >= best_score - self.margin:
                near |= codes
            if not codes <= best_codes:
                runner_up = max(runner_up, score)
        codes, code, city = self._choose(best_key, best_codes, hint, prefer_city)
        if code is not None and area is None and self.settlements[code].category not in CITY_CATEGORIES:
            code = None
        if code is None or best_score - runner_up < self.margin:
            return Resolution(frozenset(near), None, "ambiguous", "fuzzy", best_score)
        now = code in self.current_by_key.get(best_key, ())
        return Resolution(codes, code, "unique", "fuzzy+city" if city else "fuzzy", best_score, now)

    def knows(self, name: str) -> bool:
        """Whether a settlement name (any of its forms, without a type word) is in the gazetteer as written."""
        stripped, _ = strip_settlement_prefix(name)
        return bool(stripped) and _fold(stripped) in self.by_key

    def key(self, text: str | None, oblast: str | None = None, *, prefer_city: bool = True) -> str | None:
        """The single KATOTTH code of a written settlement, or None (ambiguous or unknown)."""
        return self.resolve(text, oblast, prefer_city=prefer_city).code

    def candidates(self, text: str | None, oblast: str | None = None) -> frozenset[str]:
        """Every KATOTTH code a written settlement may refer to (empty when unknown)."""
        return self.resolve(text, oblast).codes

    def compare(self, a: str | None, b: str | None, oblast_a: str | None = None,
                oblast_b: str | None = None) -> Comparison:
        """Whether two written places are the same settlement: see :func:`compare_settlements`."""
        ra, rb = self.resolve(a, oblast_a), self.resolve(b, oblast_b)
        if not ra.codes or not rb.codes:
            return "unknown"
        if ra.code is not None and ra.code == rb.code:
            return "same"
        if ra.codes & rb.codes or (ra.code is not None and ra.code in rb.codes) or (
                rb.code is not None and rb.code in ra.codes):
            return "overlap"
        return "different"

    def official_name(self, code: str) -> str:
        """The official Ukrainian name (KATOTTH 2025) of a code."""
        return self.settlements[code].name


# --------------------------------------------------------------------------- loading
def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=2)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The gazetteer (cached; built on first use, about a second).

    Parameters
    ----------
    path : str, optional
        A table in the format of ``data/gazetteer/settlements.csv``.  Default: the pinned
        file, whose sha256 is checked against ``data/manifest.json`` first
        (:func:`estimators.data.verified_path`; a mismatch raises
        :class:`~estimators.exceptions.DataIntegrityError`).
    """
    if path is None:
        from .. import data

        file = data.verified_path(GAZETTEER_FILE)
    else:
        file = Path(path)
    return Gazetteer(_read_rows(file))


def settlement_key(text: str | None, oblast: str | None = None, *, prefer_city: bool = True) -> str | None:
    """The KATOTTH code of a settlement written in any form, or None.

    None means the text is not a known settlement or is ambiguous (several settlements
    share the name and neither the oblast nor a type word decides); use
    :func:`settlement_candidates` or :func:`compare_settlements` to tell them apart.

    Examples
    --------
    >>> settlement_key("Артемовск", "Донецкая область") == settlement_key("Бахмут")
    True
    >>> settlement_key("Олександрівка") is None
    True
    """
    return load_gazetteer().key(text, oblast, prefer_city=prefer_city)


def settlement_candidates(text: str | None, oblast: str | None = None) -> frozenset[str]:
    """Every KATOTTH code a written settlement may refer to (empty when unknown)."""
    return load_gazetteer().candidates(text, oblast)


def compare_settlements(a: str | None, b: str | None, oblast_a: str | None = None,
                        oblast_b: str | None = None) -> Comparison:
    """Compare two written places for record linkage.

    Returns
    -------
    {"same", "overlap", "different", "unknown"}
        ``same``: both resolve to one and the same code; ``overlap``: their candidate sets
        share a code but at least one is ambiguous; ``different``: disjoint candidates;
        ``unknown``: either place is missing or not in the gazetteer (treat as missing,
        Bayes factor 1).
    """
    return load_gazetteer().compare(a, b, oblast_a, oblast_b)
