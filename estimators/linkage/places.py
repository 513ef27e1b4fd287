"""Language-aware keys of categorical fields: destinations, institutions, unknown values.

A categorical field compared between lists must fold the forms under which different
lists write one value - Ukrainian, Russian, Belarusian, English, several romanisations -
to one key.  Otherwise agreement on the field happens only within a list, and the
model learns that agreeing on it is evidence *against* a match (issue 11, cause 1).

* :func:`place_key` - a region, country or other place: the words are folded
  (:func:`.standardise.fold_key`), administrative words (``область``, ``oblast``,
  ``край``, ``region``, ``місто``, ``г.``, ...) dropped, adjectival endings removed
  (``Ростовська`` / ``Ростовская`` / ``Rostovskaya`` / ``Rostov`` -> ``rostov``), and
  the names of Belarus, Russia and Ukraine in the three languages and English mapped
  to one code (``Білорусь`` / ``Беларусь`` / ``Белоруссия`` / ``Belarus`` ->
  ``country:by``).
* :func:`institution_key` - the kind of institution (orphanage, boarding school, infant
  home, rehabilitation centre, hospital, school) recognised from the stems of its words
  in the three languages and English, its number, and its remaining words as places:
  ``Дитячий будинок №3`` / ``Детский дом № 3`` / ``Children's home No. 3`` ->
  ``orphanage 3``.
* :func:`is_unknown` - ``невідомо``, ``неизвестно``, ``невядома``, ``unknown``, ``n/a``,
  ``-``...: a value that says it is missing is missing (Bayes factor 1), not a value
  that two records can agree on.

The keys are lossy on purpose: they are comparison keys, not spellings.  What they
cannot fold (an institution named in one list and described in another) is left to the
detection of list-specific coding in :mod:`.fields`.

References
----------
Christen, P. (2012). *Data Matching*. Springer, ch. 4 (data pre-processing:
    standardisation of categorical values and addresses).
Names of the three countries: the countries' own names (Україна, Беларусь / Рэспубліка
    Беларусь, Россия / Российская Федерация) and their forms in the other two languages
    and in English, as given in the English Wikipedia articles "Names of Belarus" and
    "Russia" (name section).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from .folding import _normalise, fold_key, name_skeleton


def _skeleton(word: str) -> str:
    return name_skeleton(word) or word

__all__ = ["BELARUS_REGION_FORMS", "COUNTRY_FORMS", "PASSAGE_FORMS", "RELATION_FORMS", "UNKNOWN_FORMS", "country_of",
           "institution_key", "is_unknown", "names_a_relation", "names_a_passage", "names_place_or_institution", "place_key", "settlement_code",
           "settlement_parts", "settlement_place_key", "settlement_resolution"]

#: Forms that mean "not known" (any language); compared after folding.
UNKNOWN_FORMS = (
    "невідомо", "невідоме", "невідома", "неизвестно", "неизвестен", "неизвестна", "невядома", "невядомы",
    "unknown", "not known", "n/a", "na", "н/д", "нд", "-", "--", "?", "none", "null", "немає даних", "нет данных",
    "не вказано", "не указано", "не вядома",
)

#: Words for a child's place in a family (Russian, Ukrainian, Belarusian, English), as news
#: releases and case notes write a child they do not name: ``сестра``, ``старший брат``,
#: ``молодша донька``, ``younger sister``.  Nominative forms and diminutives; compared as written
#: (lower case, ``ё`` as ``е``), whole words only, and only in the given-name cell: folded, ``Бабій``
#: would be "baby" and ``Шин`` "син", and family-name cells hold such surnames (Малюк, Близнюк).
RELATION_FORMS = (
    "брат", "братик", "сестра", "сестричка", "сестренка", "сын", "сынок", "син", "синок", "дочь", "дочка",
    "донька", "сястра", "дачка", "ребенок", "дитина", "дитя", "дзіця", "малыш", "малюк", "немовля", "младенец",
    "новорожденный", "новорожденная", "новонароджений", "новонароджена", "близнец", "близнюк", "близнючка",
    "двойняшка", "brother", "sister", "daughter", "newborn", "sibling",
)

#: Words for the places children passed through on their way, not where they came from: a camp,
#: a border checkpoint, a filtration point (Ukrainian, Russian, English), with their common
#: inflected forms; whole words (phrases word by word), folded.  (Not ``таборі``, which folds to
#: the village of Табори; ``КПП``, which folds to the ``КП`` of a municipal enterprise, is
#: compared as written.)
PASSAGE_FORMS = (
    "табір", "табору", "лагерь", "лагеря", "лагере", "camp", "пункт пропуску", "пункті пропуску",
    "пункт пропуска", "пропускной пункт", "пропускний пункт", "checkpoint", "border crossing", "фільтрація",
    "фільтрації", "фільтраційний", "фільтраційного", "фільтраційному", "фильтрация", "фильтрации",
    "фильтрационный", "фильтрационного", "фильтрационном", "filtration",
)

#: Words that qualify a relation (older, younger, twin, half-, cousin): ``старшая сестра``.
_RELATION_QUALIFIERS = (
    "старший", "старшая", "старша", "старшой", "младший", "младшая", "молодший", "молодша", "старэйшы",
    "старэйшая", "малодшы", "малодшая", "средний", "средняя", "середній", "середня", "двоюродный",
    "двоюродная", "двоюрідний", "двоюрідна", "родной", "родная", "рідний", "рідна", "сводный", "сводная",
    "зведений", "зведена", "older", "younger", "elder", "eldest", "youngest", "little", "big", "half", "step",
    "twin", "his", "her", "their", "его", "ее", "його", "її", "їх", "их",
)

#: Names of the three countries in Ukrainian, Russian, Belarusian and English, with
#: common romanisations, and in the languages of reports written abroad (French, Polish,
#: German; and those of the countries that received most of Ukraine's refugees or host
#: their registers: Czech, Slovak, Hungarian, Romanian, Lithuanian, Latvian, Estonian,
#: Turkish, Georgian in its Latin romanisation), folded before use.
COUNTRY_FORMS: dict[str, tuple[str, ...]] = {
    "by": ("Білорусь", "Беларусь", "Белоруссия", "Белорусь", "Рэспубліка Беларусь", "Республіка Білорусь",
           "Білорусі", "Республіки Білорусь", "Беларуси", "Белоруссии", "Республики Беларусь",
           "Республика Беларусь", "Belarus", "Byelorussia", "Belorussia", "Bielarus", "Republic of Belarus", "РБ",
           "Biélorussie", "Bélarus", "République de Biélorussie", "Białoruś", "Republika Białorusi",
           "Weißrussland", "Weissrussland", "Republik Belarus",
           "Bělorusko", "Běloruská republika", "Bielorusko", "Fehéroroszország", "Belarusz", "Bielorusia",
           "Republica Belarus", "Baltarusija", "Baltkrievija", "Valgevene", "Beyaz Rusya", "Belarus Cumhuriyeti",
           "Belarusi"),
    "ru": ("Росія", "Россия", "Расія", "Російська Федерація", "Российская Федерация", "Расійская Федэрацыя",
           "Росії", "Російської Федерації", "России", "Российской Федерации",
           "Russia", "Russian Federation", "Rossiya", "Rossija", "РФ", "RF",
           "Russie", "Fédération de Russie", "Rosja", "Federacja Rosyjska", "Russland", "Russische Föderation",
           "Rusko", "Ruská federace", "Ruská federácia", "Oroszország", "Orosz Föderáció", "Oroszországi Föderáció",
           "Rusia", "Federația Rusă", "Federatia Rusa", "Rusija", "Rusijos Federacija", "Krievija",
           "Krievijas Federācija", "Venemaa", "Vene Föderatsioon", "Rusya", "Rusya Federasyonu", "Ruseti",
           "Rusetis Pederatsia"),
    "ua": ("Україна", "Украина", "Украіна", "Ukraine", "Ukraina", "Ukrayina", "Ukrajina", "Ukrajna", "Ucraina",
           "Ukrayna", "Ukraina"),
}

#: Belarus's regions (oblasts and Minsk) in Belarusian, Russian, Ukrainian and English: a
#: destination written as a region of Belarus is in Belarus.
BELARUS_REGION_FORMS = (
    "Мінск", "Минск", "Мінськ", "Minsk", "Мінская", "Минская", "Мінська", "Брэсцкая", "Брестская", "Брестська",
    "Brest", "Віцебская", "Витебская", "Вітебська", "Vitebsk", "Viciebsk", "Гомельская", "Гомельська", "Gomel",
    "Homel", "Гродзенская", "Гродненская", "Гродненська", "Grodno", "Hrodna", "Магілёўская", "Могилёвская",
    "Могилевская", "Могильовська", "Mogilev", "Mahilyow", "Mahiliou",
)

# Administrative and filler words dropped from place keys (word prefixes, folded at import).
_PLACE_WORD_FORMS = (
    "область", "обл", "oblast", "region", "регіон", "регион", "край", "krai", "kray", "республіка", "республика",
    "рэспубліка", "republic", "respublika", "автономн", "autonomous", "місто", "м", "город", "г", "city", "town",
    "село", "с", "смт", "пгт", "селище", "посёлок", "поселок", "village", "district", "район", "р-н", "raion",
    "rayon", "округ", "okrug", "of", "the", "ар", "вобласць", "горад", "вёска",
    # a destination as a legal text writes it: "до рф", "на територію Російської Федерації"
    "до", "на", "територію", "территорию", "тот",
    # French, Polish and German for region, district, town, village
    "obwód", "obwodu", "rejon", "miasto", "wieś", "région", "ville", "de", "du", "la",
    "Gebiet", "Bezirk", "Stadt", "Dorf",
)
_ADJECTIVE_ENDINGS = re.compile(r"(s|c|z)?k(oho|ogo|oi|ii|ai|aa|a|i)?$")
_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_UNKNOWN = frozenset(fold_key(v) for v in UNKNOWN_FORMS) | {""}


#: An apostrophe between two letters is part of the word: Ukrainian ``Слов'янськ``,
#: ``Кам'янське``, ``Мар'їнка`` (which Latin and Russian forms write without it:
#: Sloviansk, Kamianske, Марьинка), and the ejective mark of Georgian romanisation
#: (``Donetsk'i``).  Read as a word break, it split the name into two words, sorted apart.
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def _folded_words(text: str) -> list[str]:
    """Words of ``text`` (hyphens and punctuation split words, an apostrophe between letters
    does not), each folded; digits kept as words."""
    t = _INNER_APOSTROPHE.sub("", _normalise(text))
    return [w for w in (fold_key(x) if not x.isdigit() else str(int(x)) for x in _WORD.findall(t)) if w]


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, forms in COUNTRY_FORMS.items():
        for f in forms:
            out[" ".join(_folded_words(f))] = code
            out["".join(_folded_words(f))] = code
    return out


_WRITTEN_WORD = re.compile(r"[^\W\d_]+")


def _as_written(text: str) -> list[str]:
    """The words of ``text`` as written: lower case, ``ё`` as ``е``, no digits or punctuation."""
    return _WRITTEN_WORD.findall(unicodedata.normalize("NFC", text).lower().replace("ё", "е"))


@lru_cache(maxsize=1)
def _relation_words() -> tuple[frozenset[str], frozenset[str]]:
    nouns = frozenset(w for f in RELATION_FORMS for w in _as_written(f))
    return nouns, nouns | frozenset(w for f in _RELATION_QUALIFIERS for w in _as_written(f))


def names_a_relation(text: str | None) -> bool:
    """Whether a given-name cell says only how the child is related to another (:data:`RELATION_FORMS`).

    A release that does not name a child writes ``сестра`` or ``старший брат`` where the
    given name belongs.  Such a cell is no name: it is missing, not a word two sisters agree on.
    A number beside it (``брат 2``) is part of the note.

    Parameters
    ----------
    text : a given-name cell as written (None for missing).

    Returns
    -------
    bool

    Examples
    --------
    >>> names_a_relation("старшая сестра"), names_a_relation("Брат"), names_a_relation("younger sister 2")
    (True, True, True)
    >>> names_a_relation("Братченко"), names_a_relation("Сестра Ірина"), names_a_relation("Бабій")
    (False, False, False)
    """
    if text is None:
        return False
    words = _as_written(str(text))
    nouns, allowed = _relation_words()
    return bool(words) and any(w in nouns for w in words) and all(w in allowed for w in words)


@lru_cache(maxsize=1)
def _passage_words() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_folded_words(f)) for f in PASSAGE_FORMS)


def names_a_passage(text: str | None) -> bool:
    """Whether an origin cell names a place the child passed through (:data:`PASSAGE_FORMS`).

    A family's statement may give where the child was separated from it - a filtration point,
    a border checkpoint, a camp - in the column for where the child came from.  That is no origin:
    two children taken through one checkpoint did not come from one town.

    Parameters
    ----------
    text : an origin cell as written (None for missing).

    Returns
    -------
    bool

    Examples
    --------
    >>> names_a_passage("пункт пропуску Ізварине"), names_a_passage("фільтрація в Безіменному")
    (True, True)
    >>> names_a_passage("табір «Дружба», Євпаторія"), names_a_passage("Маріуполь"), names_a_passage("Таборівка")
    (True, False, False)
    """
    if text is None:
        return False
    words = _folded_words(str(text))
    return "кпп" in _as_written(str(text)) or any(
        words[i:i + len(form)] == list(form) for form in _passage_words() for i in range(len(words)))


def is_unknown(text: str | None) -> bool:
    """Whether a value is missing or says it is unknown.

    Examples
    --------
    >>> is_unknown("Невідомо"), is_unknown("n/a"), is_unknown(""), is_unknown("Херсон")
    (True, True, True, False)
    """
    if text is None:
        return True
    s = str(text).strip()
    if not s:
        return True
    return fold_key(s) in _UNKNOWN or _normalise(s) in _unknown_normalised()


@lru_cache(maxsize=1)
def _unknown_normalised() -> frozenset[str]:
    return frozenset(_normalise(u) for u in UNKNOWN_FORMS)


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    return frozenset(w for f in _PLACE_WORD_FORMS for w in _folded_words(f))


@lru_cache(maxsize=1)
def _belarus_stems() -> frozenset[str]:
    return frozenset(_stem(w) for f in BELARUS_REGION_FORMS for w in _folded_words(f))


def country_of(key: str | None) -> str | None:
    """Country code of a place key (:func:`place_key`): its own, or ``by`` for a region of Belarus; else None.

    Examples
    --------
    >>> country_of(place_key("Беларусь")), country_of(place_key("лагерь «Дубрава», Минская обл.")), country_of("rostov")
    ('by', 'by', None)
    """
    if not key:
        return None
    if key.startswith("country:"):
        return key.removeprefix("country:")
    if any(w in _belarus_stems() for w in key.split(" ")):
        return "by"
    return None


def _stem(word: str) -> str:
    """Drop an adjectival ending (``-ська``, ``-ская``, ``-skaya``, ``-ский``...) from a folded word."""
    if len(word) <= 4:
        return word
    stem = _ADJECTIVE_ENDINGS.sub("", word)
    return stem if len(stem) >= 3 else word


@lru_cache(maxsize=100_000)
def place_key(text: str | None) -> str | None:
    """Language-independent key of a place (region, country, town); None if missing/unknown.

    Examples
    --------
    >>> place_key("Білорусь") == place_key("Беларусь") == place_key("Belarus") == "country:by"
    True
    >>> place_key("Ростовська область") == place_key("Ростовская обл.") == place_key("Rostov region")
    True
    >>> place_key("невідомо") is None
    True
    """
    if text is None or is_unknown(text):
        return None
    words = _folded_words(str(text))
    countries = _countries()
    for joined in (" ".join(words), "".join(words)):
        if joined in countries:
            return f"country:{countries[joined]}"
    content = [w for w in words if w not in _place_words()]
    for joined in (" ".join(content), "".join(content)):  # "до рф", "на територію Російської Федерації"
        if joined in countries:
            return f"country:{countries[joined]}"
    content = [w for w in content if " ".join(_folded_words(w)) not in countries] or content
    if not content:
        content = words
    stems = sorted({_stem(w) for w in content})
    key = " ".join(stems)
    return key or None


#: Kinds of institution, each recognised by word prefixes in Ukrainian, Russian,
#: Belarusian and English (folded at import).  A kind given by two words needs both
#: (``дитячий будинок``); the first kind that matches takes its words.
_INSTITUTION_KIND_FORMS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("infant_home", ("будин", "дом", "home", "house"), ("дитин", "ребен", "ребён", "малютк", "малятк", "infant",
                                                       "baby")),
    ("orphanage", ("будин", "дом", "дім", "home", "house"), ("дитяч", "детск", "дзіцяч", "children", "child")),
    ("orphanage", ("дитбудин", "детдом", "orphan", "сирот", "сиріт"), ()),
    ("boarding_school", ("інтернат", "интернат", "internat", "boarding"), ()),
    ("rehabilitation_centre", ("реабіліт", "реабилит", "rehabilit"), ()),
    ("hospital", ("лікарн", "больниц", "hospital", "clinic", "клінік", "клиник"), ()),
    ("shelter", ("притул", "приют", "shelter"), ()),
    ("school", ("школ", "school", "ліцей", "лицей", "lyceum", "гімназ", "гимназ", "gymnas"), ()),
    ("kindergarten", ("садок", "садик", "kindergarten", "дошкіл", "дошкол"), ()),
)
_INSTITUTION_FILLER_FORMS = (
    "no", "nr", "num", "number", "імені", "имени", "им", "named", "after", "комунальн", "коммунальн", "заклад",
    "учрежден", "установа", "державн", "государствен", "municipal", "міськ", "городск", "обласн", "областн",
    "regional", "for", "the", "of", "and", "і", "та", "и", "для", "з", "с", "із", "state", "public", "центр",
    "centre", "center", "соціальн", "социальн", "social", "n", "гбу", "гку", "гоу", "гбоу", "мбу", "gbu",
    "республікан", "республикан", "republican", "respublikan", "дітей", "детей", "children", "спеціальн",
    "специальн", "special", "загальноосвітн", "общеобразовательн", "general", "психолог", "psycholog",
)


@lru_cache(maxsize=1)
def _institution_tables() -> tuple[tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...], tuple[str, ...]]:
    def fold(forms: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted({w for f in forms for w in _folded_words(f)}))

    kinds = tuple((k, fold(a), fold(b)) for k, a, b in _INSTITUTION_KIND_FORMS)
    return kinds, fold(_INSTITUTION_FILLER_FORMS)


def _has(words: list[str], prefixes: tuple[str, ...]) -> set[int]:
    return {i for i, w in enumerate(words) if any(w.startswith(p) for p in prefixes)}


@lru_cache(maxsize=100_000)
def institution_key(text: str | None) -> str | None:
    """Language-independent key of an institution: kind, number, remaining place words.

    Examples
    --------
    >>> institution_key("Дитячий будинок №3") == institution_key("Детский дом № 3") == "orphanage 3"
    True
    >>> institution_key("Children's home No. 3")
    'orphanage 3'
    >>> institution_key("Школа-інтернат №5") == institution_key("школа-интернат 5") == "boarding_school 5"
    True
    """
    if text is None or is_unknown(text):
        return None
    words = _folded_words(str(text))
    used: set[int] = set()
    kinds: list[str] = []
    kind_table, filler = _institution_tables()
    for kind, first, second in kind_table:
        a = _has(words, first) - used
        if not a:
            continue
        if second:
            b = _has(words, second) - used - a
            if not b:
                continue
            used |= {min(a)} | {min(b)}
        else:
            used |= a
        if kind not in kinds:
            kinds.append(kind)
        if kind == "boarding_school":
            # "школа-інтернат": the word "school" is part of the kind
            used |= _has(words, kind_table[[k for k, _, _ in kind_table].index("school")][1])
    numbers = sorted({w for i, w in enumerate(words) if w.isdigit() and i not in used})
    # place words by their consonant skeleton: the adjective of a town differs between
    # Ukrainian and Russian in its vowels (Горлівський / Горловский)
    rest = sorted({_skeleton(_stem(w)) for i, w in enumerate(words)
                   if i not in used and not w.isdigit() and not any(w.startswith(f) for f in filler if len(f) > 2)
                   and w not in filler and w not in _place_words()})
    parts = sorted(kinds) + numbers + rest
    return " ".join(parts) if parts else None


#: A settlement's type word as a clerk abbreviates it before the name, in small letters with a
#: full stop (``м. Донецьк``, ``г. Херсон``, ``с. Новоселівка``, ``смт Мангуш``); a person's
#: initial is a capital.
_SMALL_TYPE_WORD = re.compile(r"^(?:м|г|с|смт|пгт|сел|m|g|h|s|smt|pgt)(?:\.\s*|\s+)(?=\S)")
#: A region or raion word (``Донецька обл.``, ``Алчевський р-н``, ``Kherson oblast``).
_REGION_OR_RAION = re.compile(r"\b(?:область|обл|oblast|obl|р-н|р-он|район|raion|rayon)\b")


def names_place_or_institution(text: str | None, is_name_word: Callable[[str], bool] | None = None) -> bool:
    """Whether a cell meant for a person's name holds a place or an institution instead.

    Three things no name is: a region or raion with its name (``Донецька обл.``,
    ``Алчевський р-н``); a settlement after its type word in small letters (``м. Донецьк``,
    the settlement known to the gazetteer); an institution named in more than one word, with
    more than a word that begins like a kind of institution: a number (``Дитячий будинок №3``),
    a kind named in two words (``Будинок дитини``), two kinds (``санаторна школа-інтернат``) or
    an institution's word (``загальноосвітня``, ``центр``, ``дітей``), and no word that is, by
    ``is_name_word``, a person's given name or patronymic.  They are what a row holds when a
    record was split over rows at a line break inside a field, or its cells were shifted.  One
    word is never read as an institution (Школа, Притула are family names), nor is a full name
    in one cell (``Школьник Андрій``, ``Сиротенко Ярослава``, ``Притула Анна-Марія``).

    Examples
    --------
    >>> [names_place_or_institution(v) for v in ("Донецька обл.", "м. Донецьк", "Дитячий будинок №3")]
    [True, True, True]
    >>> [names_place_or_institution(v) for v in ("Школа", "М. Коваленко", "Донецький", "Школьник А.",
    ...                                          "Сиротенко Ярослава", "Садиков Ренат")]
    [False, False, False, False, False, False]
    """
    from .gazetteer import load_gazetteer

    if text is None or is_unknown(text):
        return False
    s = " ".join(str(text).split())
    words = s.split()
    if len(words) >= 2 and _REGION_OR_RAION.search(s.casefold()):
        return True
    if _SMALL_TYPE_WORD.match(s) and load_gazetteer().knows(s):
        return True
    if len(words) < 2:
        return False
    folded = _folded_words(s)
    if is_name_word is not None and any(is_name_word(w) for w in re.split(r"[\s-]+", s) if w):
        return False
    kinds, filler = _institution_tables()
    found = [(first, second) for _, first, second in kinds if _has(folded, first) and (not second or _has(folded, second))]
    if not found:
        return False
    kind_words = set().union(*(_has(folded, first) | (_has(folded, second) if second else set())
                               for first, second in found))
    institution_words = {i for i, w in enumerate(folded)
                         if len(w) >= 5 and any(w.startswith(f) for f in filler if len(f) >= 5)}
    return (any(w.isdigit() for w in folded) or "№" in s or any(second for _, second in found)
            or len(kind_words) >= 2 or bool(institution_words - kind_words))


# Occupation-era names of regions, written after a settlement ("Донецк, ДНР"), and the
# oblast they stand for.
_ENTITY_OBLAST = {
    "днр": "Донецька область", "dnr": "Донецька область", "дпр": "Донецька область",
    "лнр": "Луганська область", "lnr": "Луганська область", "лнр.": "Луганська область",
}
_REGION_WORD = re.compile(r"\b(?:область|обл|oblast|obl|region|вобласць|край|республика|республіка|республіки|"
                          r"obwód|obwodu|obw|obvod|obvodu|région|gebiet)\b\.?")
#: Regions of Ukraine by their everyday names (Донеччина, Луганщина, Херсонщина; the hotline's
#: and the family's way of saying "Donetsk oblast"): a region, not a settlement.  Names that are
#: also a settlement's official name are left out (Таврія, Буковина), except Харківщина (one
#: village in Sumy oblast; far more often the region).  ``Запоріжжя`` is the city as well and
#: stays a settlement.
REGION_EVERYDAY_NAMES = (
    "Вінниччина", "Волинь", "Дніпропетровщина", "Дніпровщина", "Донеччина", "Донбас", "Житомирщина", "Закарпаття",
    "Івано-Франківщина", "Прикарпаття", "Київщина", "Кіровоградщина", "Кропивниччина", "Луганщина", "Львівщина",
    "Миколаївщина", "Одещина", "Полтавщина", "Рівненщина", "Сумщина", "Тернопільщина", "Харківщина", "Херсонщина",
    "Хмельниччина", "Черкащина", "Чернігівщина", "Слобожанщина", "Приазов'я",
)


@lru_cache(maxsize=1)
def _region_everyday_keys() -> frozenset[str]:
    return frozenset(fold_key(r) for r in REGION_EVERYDAY_NAMES)


def _is_region_name(part: str) -> bool:
    return fold_key(part) in _region_everyday_keys()
_LATIN_TYPE = re.compile(r"^(?:h|m|g|s|v|p|smt|pgt)\.\s*", re.IGNORECASE)
#: Parts of a street address (street, lane, avenue, house, flat, in four languages), or any
#: part with a digit in it (a house number): an origin written as a registration address.
#: One-letter and two-letter abbreviations that may start a place name (``д.``, ``St.``) are
#: left out; the house number beside them marks the part.
_STREET = re.compile(r"\d|\b(?:вул|вулиця|ул|улица|вуліца|пров|пер|переулок|провулок|просп|проспект|пр-т|бул|"
                     r"бульвар|площа|площадь|буд|будинок|дом|кв|квартира|street|str|avenue|ave|lane|"
                     r"house|flat|apt)\b")


#: How a legal text or a form introduces a place: born in, lived in, resident of (Ukrainian and
#: Russian), with the preposition.
_PHRASE_START = re.compile(
    r"^(?:уродж\w*|урожен\w*|народ\w*|рожден\w*|родил\w*|прож\w*|мешкан\w*|житель\w*|жительниц\w*|"
    r"born|resident)\.?\s+(?:(?:у|в|з|із|зі|из|in|of)\s+)?(?:(?:міста|города|села|селища|посёлка)\s+)?",
    re.IGNORECASE)
#: An oblast in the genitive after the settlement in the same part ("... Донецької області").
_GENITIVE_OBLAST = re.compile(r"\s+\S+(?:ої|ой|ей)\s+(?:області|обл\.?|области)$", re.IGNORECASE)
#: Endings of a settlement's name in the locative or genitive ("у Донецьку", "у Маріуполі",
#: "у Макіївці") and the nominative endings they may come from, tried when the gazetteer does
#: not know the form as written.
LOCATIVE_ENDINGS = (("ому", "е"), ("ому", "ий"), ("ці", "ка"), ("ові", ""), ("і", ""), ("і", "ь"), ("у", ""), ("у", "ь"),
                    ("а", ""), ("а", "ь"))


def settlement_parts(text: str | None) -> tuple[str | None, str | None]:
    """Split a written origin into (settlement, oblast): ``"Донецк, ДНР"`` -> (``Донецк``, Donetsk oblast).

    Parts that name a region (``Луганська обл.``, ``ЛНР``, ``DNR``) give the oblast; parts
    that name a raion or hromada (``Маріупольський р-н``, ``Kherson Raion``) are left out (a
    raion alone does not say which settlement); the one remaining part is the settlement
    (None when none or several remain).  A leading Latin type abbreviation (``h.``,
    ``m.``, ``g.``: romanised ``г.``, ``м.``) is removed.

    Examples
    --------
    >>> settlement_parts("Кадіївка, Луганська обл.")
    ('Кадіївка', 'Луганська обл.')
    >>> settlement_parts("h. Makeevka, DNR")
    ('Makeevka', 'Донецька область')
    >>> settlement_parts("Антрацит, Ровеньківський р-н"), settlement_parts("Kakhovka Raion")
    (('Антрацит', None), (None, None))
    >>> settlement_parts("Донецька обл., м. Ясинувата, вул. Лесі Українки, буд. 31")
    ('м. Ясинувата', 'Донецька обл.')
    """
    from .gazetteer import _RAION_WORDS

    if text is None or is_unknown(text):
        return None, None
    parts = [p.strip() for p in re.split(r"[,;]", str(text)) if p.strip()]
    oblast: str | None = None
    rest: list[str] = []
    for part in parts:
        # a legal text's phrase: "уродженець м. Горлівка Донецької області", "проживав у м. Донецьку"
        part = _PHRASE_START.sub("", part).strip()
        inner = _GENITIVE_OBLAST.search(part)
        if inner is not None and inner.start() > 0:
            oblast = oblast or inner.group(0).strip()
            part = part[: inner.start()].strip()
        if not part:
            continue
        low = _normalise(part)
        if low in _ENTITY_OBLAST or low.replace(" ", "") in _ENTITY_OBLAST:
            oblast = oblast or _ENTITY_OBLAST.get(low, _ENTITY_OBLAST.get(low.replace(" ", "")))
        elif _REGION_WORD.search(part.lower()) or _is_region_name(part):
            oblast = oblast or part
        elif _RAION_WORDS.search(part.casefold()) or _STREET.search(part.casefold()):
            continue  # a raion, or the street and house of an address
        else:
            rest.append(part)
    if len(rest) != 1:
        return None, oblast
    return _LATIN_TYPE.sub("", rest[0]).strip() or None, oblast


def settlement_code(text: str | None) -> str | None:
    """KATOTTH code of a written origin settlement (:mod:`.gazetteer`), None if unknown or ambiguous."""
    return settlement_resolution(text)[0]


def settlement_resolution(text: str | None) -> tuple[str | None, str | None]:
    """(code, candidates) of a written origin settlement.

    ``code`` is the KATOTTH code when the gazetteer resolves the place to one settlement;
    ``candidates`` lists every code it may be, as ``"|code1|code2|"`` (None when unknown),
    so that a comparison can tell "may be the same" (``Артемовск``: Bakhmut or another
    Artemivsk) from "different".
    """
    from .gazetteer import load_gazetteer

    name, oblast = settlement_parts(text)
    if name is None:
        return None, None
    g = load_gazetteer()
    r = g.resolve(name, oblast)
    if r.status == "unknown" and oblast is not None:
        r = g.resolve(name)
    if not r.method.startswith("exact"):  # not a name the gazetteer knows as written
        nominative = _nominative_settlement(name, oblast)
        if nominative is not None:
            r = g.resolve(nominative, oblast)
    if not r.codes:
        return None, None
    return r.code, "|" + "|".join(sorted(r.codes)) + "|"


@lru_cache(maxsize=50_000)
def _nominative_settlement(name: str, oblast: str | None) -> str | None:
    """The nominative of a settlement written in the locative or genitive, when the gazetteer
    knows the nominative exactly, as one settlement, and the form as written not exactly
    (None otherwise: an exact name shared by several villages is not rewritten)."""
    from .gazetteer import load_gazetteer

    g = load_gazetteer()
    words = name.split()
    if not words:
        return None
    last = words[-1]
    for ending, nominative in LOCATIVE_ENDINGS:
        if last.casefold().endswith(ending) and len(last) - len(ending) >= 3:
            candidate = " ".join([*words[:-1], last[: -len(ending)] + nominative])
            got = g.resolve(candidate, oblast)
            if got.status == "unique" and got.method.startswith("exact"):
                return candidate
    return None


def settlement_place_key(text: str | None) -> str | None:
    """Language-independent key of the settlement part of a written origin (:func:`place_key`)."""
    name, oblast = settlement_parts(text)
    if name is None:
        return None
    from .gazetteer import load_gazetteer

    if not load_gazetteer().resolve(name, oblast).method.startswith("exact"):
        name = _nominative_settlement(name, oblast) or name
    return place_key(name)
