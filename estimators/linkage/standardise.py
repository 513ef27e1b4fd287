"""Standardisation of raw list fields: Unicode, transliteration, name keys, partial dates.

Every name goes through the same four steps, so that the forms under which one child
appears on different lists meet on one *common Latin key*:

1. Unicode normalisation (NFKC), case folding, apostrophes and punctuation removed.
2. Transliteration of Cyrillic, by language: Ukrainian by the national standard
   (Cabinet of Ministers of Ukraine, Resolution No. 55 of 27 January 2010), Russian by
   ICAO Doc 9303 (the system of Russian passports since 2013), Belarusian by a
   passport-style table.  The language is guessed from letters only one language has
   (``ї є ґ`` Ukrainian, ``ў`` Belarusian, ``ы э ъ ё`` Russian/Belarusian); Latin input
   is taken as already romanised, diacritics stripped.
3. Folding of the romanisations into one phonetic key (``kh``/``h``/``g`` -> ``h``,
   ``y``/``j``/``i`` -> ``i``, ``ia``/``ya`` -> ``a``, doubled letters single, ...), so
   ``Олександр``, ``Oleksandr`` and ``Oleksandr`` typed by a Russian clerk as
   ``Олександр`` meet, and ``Hryhorii`` / ``Grigoriy`` come close.
4. For given names and patronymics, Ukrainian <-> Russian <-> Belarusian equivalents
   (``Олександр`` / ``Александр`` / ``Аляксандр``) are mapped to one group key from the
   curated table ``data/name_equivalences.csv``; patronymics are reduced to the father's
   name (``Миколайович`` and ``Николаевич`` -> ``mykola``).

Partial birth dates (``YYYY``, ``YYYY-MM``) are split into year, month and day with a
precision, so the comparison can use the precision both records have.

References
----------
Cabinet of Ministers of Ukraine (2010). Resolution No. 55 "On streamlining the
    transliteration of the Ukrainian alphabet into Latin", 27 January 2010.
ICAO (2021). Doc 9303, Machine Readable Travel Documents, 8th ed., Part 3, section 6
    (transliteration of Cyrillic).
Christen, P. (2012). *Data Matching*. Springer, ch. 4 (data pre-processing).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .folding import (
    BELARUSIAN,
    RUSSIAN_ICAO,
    UKRAINIAN_2010,
    fold_key,
    guess_language,
    name_key,
    name_skeleton,
    transliterate,
)
from .name_cells import repair_name_cells

__all__ = [
    "UKRAINIAN_2010",
    "RUSSIAN_ICAO",
    "BELARUSIAN",
    "guess_language",
    "transliterate",
    "fold_key",
    "name_key",
    "name_skeleton",
    "given_name_key",
    "patronymic_key",
    "NameTable",
    "load_name_table",
    "PartialDate",
    "parse_partial_date",
    "standardise_records",
]

# with the case endings a legal text puts on them (Олегівною, Андріївну, Юрійовичем, Петровича)
_PATRONYMIC_SUFFIX = re.compile(r"(?:(?:ovic|evic|avic)(?:a|u|em|evi|ovi)?|(?:ovn|evn|ivn|aun|eun)(?:a|i|u|ou|e)|ic|ina)$")
_TRAILING_VOWELS = re.compile(r"[aeiou]+$")


def _stem(key: str) -> str:
    return _TRAILING_VOWELS.sub("", key) or key


@dataclass(frozen=True)
class NameTable:
    """Given-name equivalences: folded key of every form -> group key.

    Attributes
    ----------
    given : mapping from the folded key of a form to its group's key.
    father_stems : mapping from the stem of a male form to its group's key (used to
        map a patronymic to its father's name group).
    groups : number of equivalence groups.
    given_by_sex : mapping from (folded key, sex) to the group, for the forms shared by a
        male and a female name (``Саша``: Олександр or Олександра; ``Женя``, ``Валя``).
    given_by_skeleton : mapping from (consonant skeleton, sex or None) to the group, for
        the skeletons that only one group's forms have (for that sex; None: either sex).
    group_sex : the sex (``M``/``F``) of each group whose forms all have one.
    group_initials : the folded initials of each group's full forms (Ukrainian, Russian and
        Belarusian; not diminutives or English equivalents), sorted: ``ao`` for Олександр / Александр,
        ``ae`` for Євген / Евгений / Яўген.  A name written as its initial agrees with any of them.
        The Belarusian forms widen some groups (Вольга for Ольга: ``В.`` agrees with it), so an
        agreeing initial is commoner among non-matches and weighs less; EM's u says by how much.
    """

    given: dict[str, str]
    father_stems: dict[str, str]
    groups: int
    given_by_sex: dict[tuple[str, str], str] = field(default_factory=dict)
    given_by_skeleton: dict[tuple[str, str | None], str] = field(default_factory=dict)
    group_sex: dict[str, str] = field(default_factory=dict)
    group_initials: dict[str, str] = field(default_factory=dict)


def _default_table_path() -> Path:
    from .. import data

    return data.verified_path("name_equivalences.csv")


#: Languages of the name table whose forms a list may hold rewritten by that language's orthography
#: (:mod:`.orthography`): French and Czech equivalents (Jean, Étienne; Jiří, Kateřina).
_LIST_ORTHOGRAPHIES = ("fr", "cs")


@lru_cache(maxsize=4)
def load_name_table(path: str | None = None) -> NameTable:
    """Read the curated name-equivalence table (default: the pinned ``data/`` copy).

    The table has columns ``group, sex, language, name, source``: every row is one
    form of the given name ``group``: Ukrainian (``uk``), Russian (``ru``), Belarusian
    (``be``), English (``en``), French (``fr``), Czech (``cs``), a Church Slavonic baptismal form
    (``ru_church``: ``Иоанн`` for Іван, as Orthodox parish registers write it), or a Russian
    diminutive (``ru_dim``: ``Ваня`` for Иван,
    ``Настя`` for Анастасия, as media and camp lists write children's names).  The group
    key is the folded key of the Ukrainian form.  Patronymics derive from the full male
    forms only.  The pinned file is checked against its sha256 in ``data/manifest.json``
    before use.
    """
    from .orthography import to_english_latin

    file = Path(path) if path is not None else _default_table_path()
    given: dict[str, str] = {}
    by_sex: dict[tuple[str, str], str] = {}
    stems: dict[str, str] = {}
    groups: set[str] = set()
    with file.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    canonical: dict[str, str] = {}
    for row in rows:
        if row["language"] == "uk":
            canonical.setdefault(row["group"], fold_key(row["name"]))
    owners: dict[tuple[str, str | None], set[str]] = {}  # skeleton (and sex) -> groups with it
    sexes: dict[str, set[str]] = {}
    initials: dict[str, set[str]] = {}
    for row in rows:
        group = canonical.get(row["group"], fold_key(row["group"]))
        groups.add(group)
        key = fold_key(row["name"])
        given.setdefault(key, group)
        by_sex.setdefault((key, row["sex"]), group)
        if row["language"] in _LIST_ORTHOGRAPHIES:
            # a French or Czech form as a list in that orthography has it once rewritten (Jean -> Zhean)
            rewritten = fold_key(to_english_latin(row["name"], row["language"]))
            given.setdefault(rewritten, group)
            by_sex.setdefault((rewritten, row["sex"]), group)
        if row["sex"] == "M" and row["language"] in ("uk", "ru", "be"):
            stems.setdefault(_stem(key), group)
        skeleton = name_skeleton(key)
        if skeleton is not None and len(skeleton) >= 3:
            for sex in (row["sex"], None):
                owners.setdefault((skeleton, sex), set()).add(group)
        sexes.setdefault(group, set()).add(row["sex"])
        if row["language"] in ("uk", "ru", "be") and key:
            initials.setdefault(group, set()).add(key[0])
    by_skeleton = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}
    group_sex = {g: next(iter(v)) for g, v in sexes.items() if len(v) == 1 and next(iter(v)) in ("M", "F")}
    return NameTable(given=given, father_stems=stems, groups=len(groups), given_by_sex=by_sex,
                     given_by_skeleton=by_skeleton, group_sex=group_sex,
                     group_initials={g: "".join(sorted(v)) for g, v in initials.items()})


def given_name_key(text: str | None, table: NameTable | None = None, sex: str | None = None) -> str | None:
    """Key of a given name: its equivalence group, or its folded key if not in the table.

    ``sex`` (``M``/``F``) decides for a form that a male and a female name share
    (``Саша``, ``Женя``, ``Валя``); without it the first group of the table is taken.

    Examples
    --------
    >>> given_name_key("Олександр") == given_name_key("Александр") == given_name_key("Аляксандр")
    True
    >>> given_name_key("Ваня") == given_name_key("Іван"), given_name_key("Саша", sex="F") == given_name_key("Олександра")
    (True, True)
    """
    key = name_key(text)
    if key is None:
        return None
    return _group_of(key, table or load_name_table(), sex) or key


def _group_of(key: str, t: NameTable, sex: str | None = None, *, morphology: bool = True) -> str | None:
    """The group of a folded given-name key, or None when the table cannot place it.

    ``morphology``: also read an oblique case or a home form (:func:`_case_group`,
    :func:`_diminutive_group`; only for a record whose sex is known, and only to a group of
    that sex).  Off where a word's role is being guessed (:class:`_KnownGiven`): Романко or
    Данилко as a family name must not count as a given name.
    """
    known = sex if sex in ("M", "F") else None
    got = (t.given_by_sex.get((key, known)) if known else None) or t.given.get(key)
    if got is not None:
        return got
    # a form the table lacks (spelt by ear: Meelana, Dmitreei): the group whose forms alone
    # have its consonant skeleton, for the record's sex when it is known
    skeleton = name_skeleton(key)
    got = None if skeleton is None else t.given_by_skeleton.get((skeleton, known))
    if got is not None or not morphology or known is None:
        return got
    got = _case_group(key, t, known)
    got = got if got is not None else _diminutive_group(key, t, known)
    # a girl's name must not take her brother's group (Іванка, Богдана are not Іван, Богдан)
    return got if got is not None and t.group_sex.get(got, known) == known else None


#: Ukrainian and Russian case endings of given names (folded) and the nominative endings they
#: may come from: a legal text names a child in the case of its sentence ("вивезли Поліну",
#: "разом із Захаром", "Вікторії"): genitive -и/-і/-а/-я, dative -у/-ові/-і, accusative
#: -у/-ю/-а, instrumental -ою/-ею/-єю/-ом/-ем/-єм.  Only a form that then is in the table counts.
_CASE_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ovi", ("",)), ("ou", ("a",)), ("eu", ("a",)), ("om", ("", "o")), ("em", ("", "i")), ("u", ("a", "")),
    ("i", ("a", "")), ("a", ("", "o", "i")),
)


def _case_group(key: str, t: NameTable, sex: str | None) -> str | None:
    """The group of a given name written in an oblique case (Поліною -> Поліна, Захаром -> Захар,
    Вікторії -> Вікторія, Олексієм -> Олексій), when the nominative is a form of the table."""
    for ending, nominatives in _CASE_ENDINGS:
        if not key.endswith(ending) or len(key) - len(ending) < 2:
            continue
        for nominative in nominatives:
            got = t.given_by_sex.get((key[: -len(ending)] + nominative, sex)) if sex else None
            if got is not None:
                return got
    return None


#: Ukrainian and Russian diminutive endings of given names, folded (:func:`.folding.fold_key`):
#: -чик, -ик, -ко/-йко, -ка/-йка, -уся, -уня, -унька, -очка, -ечка, -енька, -онька, -усик, -ця.
#: A family, a hotline or a volunteer writes the name a child is called at home (Ростик,
#: Максимко, Остапчик, Оленка, Настуся); the table lists the Russian diminutives that media
#: use (``ru_dim``), not these productive ones.
_DIMINUTIVE_ENDINGS = ("cik", "usik", "unka", "ocka", "ecka", "enka", "onka", "iko", "ika", "usa", "una", "ik",
                       "ko", "ka", "ca")
#: The endings of affectionate forms made on a short form (Паш-енька, Тём-очка, Ван-ечка, Ань-ка, Кат-юша).
_AFFECTIONATE_ENDINGS = frozenset(("ocka", "ecka", "enka", "onka", "unka", "usa", "ka"))


@lru_cache(maxsize=20_000)
def _forms_by_sex(t_id: int, sex: str | None) -> tuple[tuple[str, str], ...]:
    t = _TABLES[t_id]
    if sex is None:
        return tuple(sorted(t.given.items()))
    return tuple(sorted((k, g) for (k, sx), g in t.given_by_sex.items() if sx == sex))


_TABLES: dict[int, NameTable] = {}


def _diminutive_group(key: str, t: NameTable, sex: str | None) -> str | None:
    """The group of a home form the table lacks: a diminutive ending taken off, the stem is a
    form of the table, or the start (4 letters or more) of the forms of one group only.

    ``Максимко`` -> Максим, ``Остапчик`` -> Остап, ``Ростик`` -> Рост... (Ростислав alone);
    ``Владик`` stays unplaced (Владислав and Владимир both start so).  An affectionate form of a
    short form (``Пашенька``, ``Тёмочка``, ``Ванечка``: Russian media's and institutions' way of
    naming a child) is the short form with ``-а``/``-я`` (Паша, Тёма, Ваня) once its ending is off.
    """
    _TABLES.setdefault(id(t), t)
    for ending in _DIMINUTIVE_ENDINGS:
        if not key.endswith(ending) or len(key) - len(ending) < 2:
            continue
        stem = key[: -len(ending)]
        got = t.given_by_sex.get((stem, sex)) if sex and len(stem) >= 3 else None
        if got is None and ending in _AFFECTIONATE_ENDINGS:  # a short form the table knows (Юл-ечка: Юля)
            got = t.given_by_sex.get((stem + "a", sex)) if sex else t.given.get(stem + "a")
        if got is not None:
            return got
        if len(stem) < 4:
            continue
        groups = {g for k, g in _forms_by_sex(id(t), sex) if k.startswith(stem)}
        if len(groups) == 1:
            return next(iter(groups))
    return None


def patronymic_key(text: str | None, table: NameTable | None = None) -> str | None:
    """Key of a patronymic: the group of the father's given name it derives from.

    The patronymic suffix (Ukrainian ``-ович/-евич/-івна``, Russian ``-ович/-евич/-овна/
    -евна``, Belarusian ``-авіч/-евіч/-аўна/-еўна``, in folded form) is removed and the
    stem looked up among the stems of the male names of the table.

    Examples
    --------
    >>> patronymic_key("Миколайович") == patronymic_key("Николаевич") == patronymic_key("Миколаївна")
    True
    """
    key = name_key(text)
    if key is None:
        return None
    t = table or load_name_table()
    stem = _stem(_PATRONYMIC_SUFFIX.sub("", key))
    return t.father_stems.get(stem, stem)


class _KnownGiven:
    """``key in _KnownGiven(table)``: a form of the table, or a key whose consonant skeleton
    only one group's forms have (a name spelt by ear: ``Anastaseeia``)."""

    def __init__(self, table: NameTable) -> None:
        self.table = table

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and _group_of(key, self.table, morphology=False) is not None


def _given_name_confirms(written: str | None, sex: str, t: NameTable) -> bool:
    """Whether a given name as written (folded) is a form of one sex only, and that is ``sex``
    (Марія a girl's; not Саша or Женя, forms of a boy's name and of a girl's)."""
    if written is None:
        return False
    group = t.given.get(written)
    both = (written, "M") in t.given_by_sex and (written, "F") in t.given_by_sex
    return group is not None and not both and t.group_sex.get(group) == sex


_MALE_PATRONYMIC = re.compile(r"(?:ovic|evic|avic)$")
_FEMALE_PATRONYMIC = re.compile(r"(?:ovn|evn|ivn|avn|aun|eun)a$|icna$")


def patronymic_sex(key: str, table: NameTable | None = None) -> str | None:
    """The sex (``M``/``F``) a whole patronymic of a known father's name gives, else None.

    Nominative forms only: ``-ович/-евич`` (Belarusian ``-авіч``) is a son's, ``-івна/-ївна/
    -овна/-евна`` (``-аўна``) or ``-ична/-інічна`` a daughter's.  A cut patronymic
    (``Костянтино``), a case form, a family name ending in ``-ович`` (``Лукашевич``: its stem
    is no father's name) and a lone ``-ич`` (``Кузьмич``, either a patronymic or a family
    name) give None.

    Parameters
    ----------
    key : str
        The folded patronymic (:func:`~estimators.linkage.folding.name_key`).
    table : NameTable, optional
        The name table whose male names are the fathers' names (default the bundled one).

    Returns
    -------
    str or None

    Examples
    --------
    >>> from estimators.linkage.folding import name_key
    >>> [patronymic_sex(name_key(p)) for p in ("Ігорович", "Сергіївна", "Игоревна", "Костянтино", "Лукашевич")]
    ['M', 'F', 'F', None, None]
    """
    if not is_known_patronymic(key, table):
        return None
    if _MALE_PATRONYMIC.search(key):
        return "M"
    if _FEMALE_PATRONYMIC.search(key):
        return "F"
    return None


def is_known_patronymic(key: str, table: NameTable | None = None) -> bool:
    """Is the folded ``key`` a patronymic of a father's name the table knows.

    Both a patronymic suffix and a known stem are needed: family names end in ``-ович`` /
    ``-евич`` too (``Лукашевич``, ``Карпович``), but their stems are not fathers' names.

    Examples
    --------
    >>> from estimators.linkage.folding import name_key
    >>> is_known_patronymic(name_key("Константинович")), is_known_patronymic(name_key("Лукашевич"))
    (True, False)
    """
    t = table or load_name_table()
    bare = _PATRONYMIC_SUFFIX.sub("", key)
    return bare != key and _stem(bare) in t.father_stems


# --------------------------------------------------------------------------- dates
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month or day precision (``precision`` 1, 2 or 3)."""

    year: int
    month: int | None
    day: int | None

    @property
    def precision(self) -> int:
        return 1 if self.month is None else (2 if self.day is None else 3)

    def certainly_before(self, other: PartialDate) -> bool:
        """Whether this date is certainly before ``other``, at the precision both dates have."""
        for x, y in ((self.year, other.year), (self.month, other.month), (self.day, other.day)):
            if x is None or y is None:
                return False
            if x != y:
                return x < y
        return False


def parse_partial_date(text: str) -> PartialDate | None:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None if malformed or impossible.

    Examples
    --------
    >>> parse_partial_date("2014-03").precision
    2
    >>> parse_partial_date("2014-02-30") is None
    True
    """
    import datetime

    m = _DATE.match(text.strip())
    if m is None:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if not 1900 <= year <= 2100:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and month is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            return None
    return PartialDate(year, month, day)


# --------------------------------------------------------------------------- frames
def _keys(values: Iterable[object], fn: object) -> list[str | None]:
    cache: dict[object, str | None] = {}
    out: list[str | None] = []
    for v in values:
        if v is None or v == "" or (isinstance(v, float) and np.isnan(v)):
            out.append(None)
            continue
        if v not in cache:
            cache[v] = fn(str(v))  # type: ignore[operator]
        out.append(cache[v])
    return out


_NOTE = re.compile(r"\([^)]*\)|\[[^]]*\]")


def _given_patronymic_swapped(given: list[object], patronymic: list[object],
                              t: NameTable) -> tuple[list[object], list[object]]:
    """Given-name and patronymic cells swapped back where the given cell holds a patronymic of a
    father's name the table knows and the patronymic cell a given name it knows."""
    out_given, out_patronymic = list(given), list(patronymic)
    for i, (g, p) in enumerate(zip(given, patronymic, strict=True)):
        if not (isinstance(g, str) and isinstance(p, str) and g and p):
            continue
        gk, pk = name_key(g), name_key(p)
        if gk and pk and is_known_patronymic(gk, t) and pk in t.given and not is_known_patronymic(pk, t):
            out_given[i], out_patronymic[i] = p, g
    return out_given, out_patronymic


def _from_latin_layout(values: list[object], column: str, t: NameTable,
                       typed_rows: np.ndarray | None = None) -> list[object]:
    """Name cells typed with the Latin keyboard layout on, read back (:mod:`.keyboard`); in
    ``typed_rows`` (rows whose given name or patronymic was read back) a family name is read back
    on weaker evidence (:func:`.keyboard.read_back`)."""
    from .keyboard import read_back

    def known(value: str, col: str) -> bool:
        key = name_key(value)
        if key is None:
            return False
        return key in t.given if col == "given_name" else is_known_patronymic(key, t)

    cache: dict[tuple[str, bool], str | None] = {}
    out: list[object] = []
    for i, v in enumerate(values):
        if isinstance(v, str) and v and v.isascii():
            typed = bool(typed_rows is not None and typed_rows[i])
            if (v, typed) not in cache:
                cache[v, typed] = read_back(v, column, known, row_typed_on_layout=typed)
            out.append(cache[v, typed] or v)
        else:
            out.append(v)
    return out


#: The filler ``<`` of a passport's machine-readable zone, and a run of it misread as ``K`` (the
#: OCR of a poor scan) after the name: ``BOHDAN<<<<``, ``ARSENII K K K K``, a cell of ``K KK K``.
_MRZ_FILLERS = re.compile(r"<+|(?:(?:^|\s+)K+){2,}\s*$|^\s*KK+\s*$")


def _without_fillers_or_placeholders(values: list[object]) -> list[object]:
    """Name cells without a passport zone's fillers (:data:`_MRZ_FILLERS`); a cell that says the
    name is not known (``не вказано``, ``-``, ``н/д``) is missing, not a name."""
    from .places import is_unknown

    cache: dict[str, str | None] = {}

    def clean(v: str) -> str | None:
        if "<" in v or v.endswith("K"):
            v = " ".join(_MRZ_FILLERS.sub(" ", v).split())
        return None if v.strip() and is_unknown(v) else v

    out: list[object] = []
    for v in values:
        if isinstance(v, str):
            if v not in cache:
                cache[v] = clean(v)
            out.append(cache[v])
        else:
            out.append(v)
    return out


def _relation_cells(values: list[object]) -> np.ndarray:
    """Which cells say only how the child is related to another (:func:`.places.names_a_relation`)."""
    from .places import names_a_relation

    cache: dict[str, bool] = {}
    return np.array([isinstance(v, str) and cache.setdefault(v, names_a_relation(v)) for v in values], dtype=bool)


def _per_list(masks: dict[str, np.ndarray], lists: np.ndarray) -> dict[str, dict[str, int]]:
    """Per list, how many rows each mask holds (lists and masks with none left out)."""
    out: dict[str, dict[str, int]] = {}
    for what, mask in masks.items():
        for name, count in pd.Series(mask).groupby(np.asarray(lists)).sum().items():
            if count:
                out.setdefault(str(name), {})[what] = int(count)
    return out


def _without_places_or_dates(values: list[object], t: NameTable) -> tuple[list[object], np.ndarray]:
    """Name cells without what no name is: a cell with no letter (a date, a number: ``2022-03``,
    ``0``), a place or an institution (:func:`.places.names_place_or_institution`); and which cells
    held a date, a place or an institution (a number with no letter, ``0`` for "none", is no sign
    of a broken row)."""
    from .places import is_unknown, names_place_or_institution

    def is_name_word(word: str) -> bool:
        key = name_key(word)
        if key is None:
            return False
        group = given_name_key(word, t)
        return key in t.given or (group is not None and group in t.group_sex) or is_known_patronymic(key, t)

    cache: dict[str, tuple[bool, bool]] = {}
    wrong = np.zeros(len(values), dtype=bool)
    dropped = np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values):
        if not isinstance(v, str) or not v.strip():
            continue
        if v not in cache:
            bare = _NOTE.sub(" ", v).strip()  # a note in brackets ("(1)", a copy's number) is no date
            letterless = bool(bare) and not _LETTERS.search(bare) and not is_unknown(bare)
            misplaced = bool(bare) and ((letterless and parse_partial_date(bare) is not None)
                                        or (not letterless and names_place_or_institution(bare, is_name_word)))
            cache[v] = (letterless or misplaced, misplaced)
        dropped[i], wrong[i] = cache[v]
    return [None if d else v for v, d in zip(values, dropped, strict=True)], wrong


#: A given name of at most this many letters, starting with a small letter, that the name table
#: does not know is a fragment (the end of a word a table extractor or a field limit cut off:
#: ``ия``, ``тн``, ``дра``), not a name: it is missing.  A name as written starts with a capital;
#: short names the table knows (Ян, Єва, Іра) stay whatever their case.
MAX_FRAGMENT_LETTERS = 3


def _given_or_fragment(text: str, t: NameTable, sex: str | None) -> str | None:
    """The given name's key, or None for a fragment (see :data:`MAX_FRAGMENT_LETTERS`)."""
    key = given_name_key(text, t, sex)
    word = text.strip()
    letters = sum(c.isalpha() for c in word)
    if key is not None and word[:1].islower() and letters <= MAX_FRAGMENT_LETTERS and "." not in word \
            and key not in t.group_sex and name_key(word) not in t.given:
        return None
    return key


def _without_notes(values: list[object]) -> list[object]:
    """Name cells without notes in brackets (``Юрійович (знайдений)``: a status, not a name)."""
    return [" ".join(_NOTE.sub(" ", v).split()) if isinstance(v, str) and ("(" in v or "[" in v) else v
            for v in values]


_SEVERAL = re.compile(r"\s*(?:,|;|\s(?:и|і|й|та|and)\s)\s*", re.IGNORECASE)


def _first_of_several(values: list[object]) -> list[object]:
    """A given-name cell naming several children (``Артем, Елизавета``; ``Анастасия и Виталий``:
    siblings on one row of a register) keeps the first name, the row's own child."""
    out: list[object] = []
    for v in values:
        if isinstance(v, str) and _SEVERAL.search(v.strip()):
            first = _SEVERAL.split(v.strip(), maxsplit=1)[0]
            out.append(first or v)
        else:
            out.append(v)
    return out


_LETTERS = re.compile(r"[^\W\d_]")


def _is_initial(value: object) -> bool:
    """A name written as one letter (``Я.``, ``Щ``, ``A.``), or masked (:func:`_is_masked`): an
    initial, not a name."""
    return isinstance(value, str) and (len(_LETTERS.findall(value)) == 1 or _is_masked(value))


#: Characters that stand for hidden letters where a publisher masks personal data
#: (``К*******о``, ``Ков***``, ``К••••о``, ``К###о``): asterisks, bullets, hashes, an ellipsis
#: (an HTML character reference, ``&#39;``, is not one).
_MASK_SYMBOL = r"[*\u2217\u2022\u25cf#\u2026]|\.\.\."
_MASK = re.compile(_MASK_SYMBOL)
_MASK_RUN = re.compile(f"(?:{_MASK_SYMBOL})+")
_LETTER_OR_MASK = re.compile(f"{_LETTERS.pattern}|{_MASK_SYMBOL}")
#: An HTML character reference (``&#39;``, ``&amp;``): text scraped from a web page, not a mask.
_CHARACTER_REFERENCE = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);?")


def _is_masked(value: object) -> bool:
    """A name with some letters hidden by a mask character (:data:`_MASK`; Ukrainian councils
    and courts publish decisions so: ``К*******о``, ``Ков***``, ``***енко``).  What is left is
    not the name: its key would be a different, shorter name (``ко``) and count against a match.
    It is read as an initial - its first letter when the mask leaves that, else nothing
    (:func:`_mask_initial`).

    A mask hides letters: it stands between two letters of a word (``К***о``), or it is a run
    of two or more at a word's start or end that is about as long as the letters left
    (``Ков***``: at most two letters more than the run).  A footnote mark or a cut after a
    whole name (``Коваленко*``, ``Коваленко**``, ``Олександр…``, ``Коваленко...``) is not a
    mask: the name is kept (its key drops the mark)."""
    if not isinstance(value, str) or _MASK.search(value) is None:  # the common case, first
        return False
    text = _CHARACTER_REFERENCE.sub("", value)
    for word in text.split():
        for run in _MASK_RUN.finditer(word):
            before, after = word[:run.start()], word[run.end():]
            if before[-1:] and after[:1] and _LETTERS.match(before[-1]) and _LETTERS.match(after[0]):
                return True  # inside a word
            hidden = len(run.group())  # one letter per mask character, three per "..."
            left = len(_LETTERS.findall(before + after))
            if left and hidden >= 2 and left <= hidden + 2:
                return True  # a run at the start or the end, as long as the letters left
    return False


def _mask_initial(value: object, key: str | None) -> str | None:
    """The initial of a name as written: the key's first letter, unless a mask hides the name's start
    (``***енко``, ``«***енко»``)."""
    if not key:
        return None
    if isinstance(value, str) and _is_masked(value):
        first = _LETTER_OR_MASK.search(value)
        if first is None or not _LETTERS.match(first.group()):
            return None
    return key[0]


def _is_capital_initial(value: object) -> bool:
    """An initial written as a capital letter (``І.``, ``V``), not a lowercase fragment (``а``)."""
    return isinstance(value, str) and any(ch.isupper() for ch in _LETTERS.findall(value))


def _swapped(family: list[str | None], given: list[str | None], table: NameTable) -> np.ndarray:
    """Records whose family and given names were written in each other's fields.

    A record is taken as swapped when its family-name field holds a known given name (a
    form in the name table) and its given-name field is empty or holds something that
    is not one (a list that has only the given name, written in the first column).
    Surnames that are also given names (``Роман``) are left alone when the given-name
    field holds a known given name.
    """
    known = table.given
    return np.array([f is not None and f in known and (g is None or g not in known)
                     for f, g in zip(family, given, strict=True)], dtype=bool)


#: Family-name endings (folded) of the oblique cases and their nominative: ``Мартиненком``,
#: ``Коваленка`` -> Мартиненко, Коваленко; ``Гавриловим`` -> Гаврилов; ``Івановою`` -> Іванова;
#: ``Дударикоm`` -> Дударик.  A boy's name in the genitive or accusative (``Бондаря``,
#: ``Гаврилова``) also loses a final -а/-у after a consonant.
_FAMILY_CASE_ENDINGS = (
    ("enkom", "enko"), ("enku", "enko"), ("enka", "enko"), ("ovim", "ov"), ("evim", "ev"), ("inim", "in"),
    ("skim", "ski"), ("ckim", "cki"), ("ovou", "ova"), ("evou", "eva"), ("inou", "ina"), ("skou", "ska"),
    ("ckou", "cka"), ("ovoi", "ova"), ("evoi", "eva"), ("om", ""), ("em", ""),
)
#: Share of a list's given names written in an oblique case (the nominative found in the name
#: table, the form itself not) from which the list's family names are read as declined too.
OBLIQUE_LIST_SHARE = 0.1
_VOWEL_END = re.compile(r"[aeiou]$")


def _nominative_family(key: str, sex: str | None) -> str:
    for ending, nominative in _FAMILY_CASE_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            return key[: -len(ending)] + nominative
    if sex == "M" and key[-1:] in ("a", "u") and len(key) > 4 and not _VOWEL_END.search(key[:-1]):
        return key[:-1]
    return key


def _nominative_family_keys(family: list[str | None], given_folds: list[str | None], sexes: list[str | None],
                            frame: pd.DataFrame, t: NameTable) -> list[str | None]:
    """Family keys put back in the nominative in the lists that write names in oblique cases.

    A list is read as declined (a prosecutor's indictment: "вивезли КОВАЛЕНКА Захара", "разом
    із МАРТИНЕНКОМ Олександром") when at least :data:`OBLIQUE_LIST_SHARE` of its given names are
    oblique forms of names in the table (Захаром, Поліну, Вікторії); then its family keys lose
    the case endings of :data:`_FAMILY_CASE_ENDINGS`.  Other lists are left alone: the endings
    are also the ends of some nominative surnames.
    """
    lists = (frame["source_dataset"].astype(str).to_numpy() if "source_dataset" in frame.columns
             else np.array([""] * len(family)))
    oblique = np.array([g is not None and t.given.get(g) is None and _case_group(g, t, sx) is not None
                        for g, sx in zip(given_folds, sexes, strict=True)], dtype=bool)
    named = np.array([g is not None for g in given_folds], dtype=bool)
    out = list(family)
    for name in dict.fromkeys(lists):
        rows = lists == name
        if named[rows].sum() == 0 or oblique[rows].sum() / named[rows].sum() < OBLIQUE_LIST_SHARE:
            continue
        for i in np.flatnonzero(rows):
            k = out[i]
            if k is not None:
                out[i] = _nominative_family(k, sexes[i])
    return out


#: Minimum excess (in binomial standard deviations) and ratio over the share expected by the
#: calendar for a list's full dates on one day to be read as filled in by a date picker.
FILLED_IN_Z = 4.0
FILLED_IN_RATIO = 2.0


def _far_above_chance(observed: int, expected: float, share: float) -> bool:
    """Whether ``observed`` of a list's rows is far more than the ``expected`` (a binomial count at
    ``share``): at least :data:`FILLED_IN_RATIO` times it and :data:`FILLED_IN_Z` standard deviations
    more.  The one test of the filled-in days, the swapped date columns and the parser-filled dates."""
    return observed >= FILLED_IN_RATIO * expected and \
        observed - expected >= FILLED_IN_Z * math.sqrt(expected * (1 - share))


#: Fewest dates on one filled-in day before a list is read as filling it in (as the parser-filled
#: dates need :data:`MIN_SHARED_DAYS`): in a short list one or two genuine birthdays on 1 January or
#: 1 July are far above chance by the binomial test alone.
MIN_FILLED_IN = 5


def _july_first_share(dates: list[PartialDate]) -> float:
    """The share of a list's full dates expected on 1 July: the calendar's, or, where the list's
    other months start on the 1st more often than that (a date picker's month precision), their
    average share, so that 1 July is read as a year only when it stands out among the 1sts."""
    others = sum(1 for p in dates if p.day == 1 and p.month != 7)
    return max(1 / 365.25, others / 11 / len(dates)) if dates else 1 / 365.25


def _without_filled_in_days(parsed: list[PartialDate | None], lists: np.ndarray) -> list[PartialDate | None]:
    """Full dates that a list's date picker filled in for a partial date, back to their precision.

    A form whose date field takes only full dates stores a date known to the month as the 1st
    and one known to the year as 1 January; stored at local midnight and exported in UTC
    (Kyiv is ahead of UTC), they become the last day of the month before and 31 December of
    the year before.  Some case systems store a date known to the year as 1 July, its middle.
    A list whose full dates fall on one of these days far more often than
    the calendar gives (at least :data:`MIN_FILLED_IN` dates, a binomial excess of
    :data:`FILLED_IN_Z` standard deviations and :data:`FILLED_IN_RATIO` times the expected share) has them read as the partial date they
    stand for: a genuine birthday on such a day loses its day, which costs less than a
    filled-in day read as a true one.  Lists without the excess are unchanged.  A system that
    stores an unknown day as 31 December of the *same* year is read a year late; the level for
    partial dates within a year of each other still compares such a date.
    """
    import calendar

    def month_end(p: PartialDate) -> bool:
        return p.day == calendar.monthrange(p.year, p.month or 1)[1]

    rules: list[tuple[Any, float | str, Any]] = [
        # (which dates, the calendar's share, the partial date they stand for); 1 July first, the
        # middle of the year that case systems store for a birth known to the year (before the
        # rule for the 1st of a month would read it as July)
        (lambda p: p.month == 7 and p.day == 1, "july", lambda p: PartialDate(p.year, None, None)),
        (lambda p: p.month == 1 and p.day == 1, 1 / 365.25, lambda p: PartialDate(p.year, None, None)),
        (lambda p: p.month == 12 and p.day == 31, 1 / 365.25, lambda p: PartialDate(p.year + 1, None, None)),
        (lambda p: p.day == 1, 12 / 365.25,
         lambda p: PartialDate(p.year, p.month, None)),
        (month_end, 12 / 365.25,
         lambda p: PartialDate(*((p.year + 1, 1) if p.month == 12 else (p.year, (p.month or 0) + 1)), None)),
    ]
    out = list(parsed)

    def full(i: int) -> PartialDate | None:
        p = out[i]
        return p if p is not None and p.precision == 3 else None

    for name in dict.fromkeys(lists.tolist()):
        rows = [int(i) for i in np.flatnonzero(lists == name) if full(int(i)) is not None]
        n = len(rows)
        for which, rule_share, partial in rules:
            hits = [i for i in rows if (p := full(i)) is not None and which(p)]
            share = rule_share if isinstance(rule_share, float) else _july_first_share(
                [p for i in rows if (p := full(i)) is not None])
            expected = n * share
            if n and len(hits) >= MIN_FILLED_IN and _far_above_chance(len(hits), expected, share):
                for i in hits:
                    out[i] = partial(out[i])
    return out


#: The earliest birth year a child of these lists can have: the lists are of children removed from
#: 2014 on, and someone born before 1990 was 24 or older in 2014.
EARLIEST_CHILD_BIRTH_YEAR = 1990

#: Fewest removal dates in a list before a birth date after all of them is read as no birth date
#: (:func:`_child_birth_dates`): with a handful, the latest may be an early one (judgement).
MIN_REMOVAL_DATES = 20

#: The earliest date a removal of these lists can have: Russia's occupation of Crimea began on
#: 20 February 2014, the date Ukrainian law gives as the start of the temporary occupation (Law of
#: Ukraine No. 1207-VII of 15 April 2014, article 1, as amended by Law No. 685-VIII of
#: 15 September 2015).  A removal date before it dates another event: most often the birth, in a
#: sheet whose two date columns were swapped.
EARLIEST_REMOVAL = (2014, 2, 20)

#: Fewest rows of a list with both dates (the birth dates it is known to write in the right
#: column) and fewest birth-only rows before its birth-only rows are tested for removal dates
#: written in the birth-date column, and fewest such dates before they are read so
#: (:func:`_dates_in_swapped_columns`; judgement).
MIN_ROWS_SWAP_TEST = 20
#: Smallest share of a list's birth-only rows whose dates fall in the span of its removals before
#: they are read as removal dates: a sheet with its columns swapped puts nearly all of its rows
#: there, a list's infants a few (judgement).
MIN_SWAPPED_SHARE = 0.25
#: The span of a list's removals starts at this quantile of its removal dates (its first tenth may
#: be early outliers; judgement) and ends at its last.
SWAP_SPAN_QUANTILE = 0.1


#: Birth dates that database exports and spreadsheets write for "not known" (a legacy system's null
#: date, the Unix epoch); a year of 1900 alone is read the same way.
PLACEHOLDER_BIRTH_DATES = frozenset({(1900, 1, 1), (1900, None, None), (1970, 1, 1)})


def _mid_ordinal(p: PartialDate) -> int:
    """Day number of a partial date's middle (1 July of a year, the 15th of a month)."""
    import datetime

    return datetime.date(p.year, p.month or 7, p.day or (15 if p.month else 1)).toordinal()


def _dates_in_swapped_columns(births: list[PartialDate | None], removals: list[PartialDate | None], lists: np.ndarray
                              ) -> tuple[list[PartialDate | None], list[PartialDate | None], dict[str, dict[str, int]]]:
    """Birth and removal dates put back in their columns where a sheet swapped them.

    Lists merged from several volunteers' sheets take each sheet's columns by position; one
    sheet with its two date columns the other way round writes every removal date as a birth
    date and every birth date as a removal date.  (A row with both is refused when the file is
    read: the removal would come before the birth.)  So rows with one date only carry the wrong one,
    and a wrong birth date keeps a child's records apart as surely as a different child's would.

    Two signs, each counted per list for the summary:

    * a removal date before :data:`EARLIEST_REMOVAL` dates no removal of these lists.  On a row
      with no birth date it is read as the birth date (``removal_as_birth``), when a child could
      be born then (from :data:`EARLIEST_CHILD_BIRTH_YEAR`); otherwise it is missing
      (``removal_too_early``);
    * in a list whose rows without a removal date have birth dates in the span of its removals
      (from the tenth percentile of its removal dates to the last) far more often than its rows with both dates do (at
      least :data:`FILLED_IN_RATIO` times as often and :data:`FILLED_IN_Z` binomial standard
      deviations more, and at least :data:`MIN_ROWS_SWAP_TEST` of them and
      :data:`MIN_SWAPPED_SHARE` of the rows without a removal date), those birth dates are read as
      the rows' removal dates (``birth_as_removal``).  A real birth in that span on such a row is read as a removal too:
      the row loses a birth date rather than keeping a wrong one.  Lists with fewer than
      :data:`MIN_ROWS_SWAP_TEST` rows of either kind, or fewer than :data:`MIN_REMOVAL_DATES`
      removal dates, are not tested.

    Returns
    -------
    births, removals : the dates as read.
    counts : per list with any, ``{"removal_as_birth": n, "removal_too_early": n, "birth_as_removal": n}``.
    """
    earliest = PartialDate(*EARLIEST_REMOVAL)
    births, removals = list(births), list(removals)
    counts: dict[str, dict[str, int]] = {}

    def tally(i: int, why: str) -> None:
        counts.setdefault(str(lists[i]), {"removal_as_birth": 0, "removal_too_early": 0, "birth_as_removal": 0})[why] += 1

    for i, r in enumerate(removals):
        if r is not None and r.certainly_before(earliest):
            removals[i] = None
            if births[i] is None and r.year >= EARLIEST_CHILD_BIRTH_YEAR:
                births[i] = r
                tally(i, "removal_as_birth")
            else:
                tally(i, "removal_too_early")
    for name in dict.fromkeys(lists.tolist()):
        rows = np.flatnonzero(lists == name)
        dated = sorted(_mid_ordinal(r) for i in rows if (r := removals[i]) is not None)
        both = [int(i) for i in rows if births[i] is not None and removals[i] is not None]
        birth_only = [int(i) for i in rows if births[i] is not None and removals[i] is None]
        if len(dated) < MIN_REMOVAL_DATES or len(both) < MIN_ROWS_SWAP_TEST or len(birth_only) < MIN_ROWS_SWAP_TEST:
            continue
        low, high = dated[int(SWAP_SPAN_QUANTILE * (len(dated) - 1))], dated[-1]

        in_span = [i for i in both + birth_only if low <= _mid_ordinal(births[i]) <= high]  # type: ignore[arg-type]
        share = (len(set(in_span) & set(both)) + 1) / (len(both) + 2)  # add-one: no share of 0
        hits = sorted(set(in_span) & set(birth_only))
        expected = len(birth_only) * share
        if len(hits) >= max(MIN_ROWS_SWAP_TEST, MIN_SWAPPED_SHARE * len(birth_only)) and \
                _far_above_chance(len(hits), expected, share):
            for i in hits:
                removals[i], births[i] = births[i], None
                tally(i, "birth_as_removal")
    return births, removals, counts


#: Fewest records of a list whose birth and removal dates share day and month before the list is
#: read as parser-filled (:func:`_parser_default_days`): in a short list one or two coincide by
#: chance (judgement).
MIN_SHARED_DAYS = 5


def _parser_default_days(births: list[PartialDate | None], removals: list[PartialDate | None], lists: np.ndarray
                         ) -> tuple[list[PartialDate | None], list[PartialDate | None], dict[str, int]]:
    """Full dates whose day and month a date parser filled in, read to the year.

    A form that parses what families type (``2015``, ``в березні 2015``, ``весна 2022``) and
    fills what the text lacks from a default date (the day the form was sent: the default of
    common date parsers) gives a year typed alone the default's month and day.  When both dates
    of a record were typed so, the birth and the removal share their day and month (born
    2015-07-08, removed 2023-07-08).  Two real dates share them once in 365 records; a list in
    which records with both full dates share them at least :data:`FILLED_IN_RATIO` times as often
    and :data:`FILLED_IN_Z` binomial standard deviations more (and at least :data:`MIN_SHARED_DAYS`
    records) is read as parser-filled, and the
    two dates of each record that shares them are read to the year.  (A birth date worked out
    from an age at removal, removal date minus the years, shares them too, and its day and month
    are no more the birth's.)  The other dates of the list are left as written: which of them a
    parser filled cannot be told, and reading a whole list to the year would leave siblings born
    the same year nothing to tell them apart by.  The records read so are counted per list, for
    the summary.
    """
    births, removals = list(births), list(removals)
    counts: dict[str, int] = {}
    share = 1 / 365.25
    for name in dict.fromkeys(lists.tolist()):
        full = [int(i) for i in np.flatnonzero(lists == name)
                if (b := births[i]) is not None and (r := removals[i]) is not None and b.precision == 3
                and r.precision == 3 and (b.year, b.month, b.day) not in PLACEHOLDER_BIRTH_DATES]
        same = [i for i in full if (births[i].month, births[i].day) == (removals[i].month, removals[i].day)]  # type: ignore[union-attr]
        expected = len(full) * share
        if len(same) >= MIN_SHARED_DAYS and _far_above_chance(len(same), expected, share):
            for i in same:
                births[i] = PartialDate(births[i].year, None, None)  # type: ignore[union-attr]
                removals[i] = PartialDate(removals[i].year, None, None)  # type: ignore[union-attr]
            counts[str(name)] = len(same)
    return births, removals, counts


def _child_birth_dates(parsed: list[PartialDate | None], removals: list[PartialDate | None], lists: np.ndarray
                       ) -> tuple[list[PartialDate | None], dict[str, dict[str, int]]]:
    """Birth dates that cannot be a child's: placeholders missing, a wrong century put right.

    A placeholder (:data:`PLACEHOLDER_BIRTH_DATES`) is missing.  A date before
    :data:`EARLIEST_CHILD_BIRTH_YEAR` that is a plausible child's birth date a century later
    (no later than the latest plausible birth year of all the lists, nor after the record's removal
    date) is read a century later: a two-digit year written out as 19xx (``15.07.13`` typed as
    1915 for 2015), a common error in hand-kept tables.  Any other date before that year is
    missing: it cannot be compared with a child's.  So is a birth date certainly after every removal
    date of its own list (which has at least :data:`MIN_REMOVAL_DATES` of them): a list of removed
    children dates no removal after its last, and no child is removed before being born, so such
    a date is no birth date - a form's date picker left at the day of entry, a ``dd.mm.yy`` date
    read as ``yy.mm.dd`` (2031).  (A birth after the record's own removal date is refused when the
    file is read.)  Other lists' removal dates are not used: a list of early removals says
    nothing of another list's later ones.  The counts per list are returned, for the summary.

    Returns
    -------
    dates : the dates as read.
    counts : per list with any, ``{"placeholder": n, "century": n, "implausible": n, "after_removals": n}``.
    """
    by_list: dict[str, list[PartialDate]] = {}
    for r, name in zip(removals, lists, strict=True):
        if r is not None:
            by_list.setdefault(str(name), []).append(r)
    last_removal = {name: max(dated, key=lambda r: (r.year, r.month or 12, r.day or 31))
                    for name, dated in by_list.items() if len(dated) >= MIN_REMOVAL_DATES}

    def after_removals(i: int, p: PartialDate) -> bool:
        last = last_removal.get(str(lists[i]))
        return last is not None and last.certainly_before(p)

    plausible = [p.year for i, p in enumerate(parsed)
                 if p is not None and p.year >= EARLIEST_CHILD_BIRTH_YEAR and not after_removals(i, p)]
    latest = max(plausible, default=None)
    out = list(parsed)
    counts: dict[str, dict[str, int]] = {}

    def tally(i: int) -> dict[str, int]:
        return counts.setdefault(str(lists[i]), {"placeholder": 0, "century": 0, "implausible": 0,
                                                 "after_removals": 0})

    for i, p in enumerate(parsed):
        if p is None:
            continue
        removal = removals[i]
        if p.year >= EARLIEST_CHILD_BIRTH_YEAR:
            if after_removals(i, p):
                out[i] = None
                tally(i)["after_removals"] += 1
            continue
        later = PartialDate(p.year + 100, p.month, p.day)
        if (p.year, p.month, p.day) in PLACEHOLDER_BIRTH_DATES:
            out[i], why = None, "placeholder"
        elif latest is not None and EARLIEST_CHILD_BIRTH_YEAR <= later.year <= latest and not (
                removal is not None and removal.certainly_before(later)) and not after_removals(i, later):
            out[i], why = later, "century"
        else:
            out[i], why = None, "implausible"
        tally(i)[why] += 1
    return out, counts


def _ordinal(p: PartialDate | None) -> int | None:
    """Day number of a full date (None for a partial or missing one)."""
    import datetime

    return datetime.date(p.year, p.month, p.day).toordinal() if p and p.month and p.day else None


def _dates(values: Iterable[object]) -> list[PartialDate | None]:
    """Each value parsed as a partial date (None when missing; the values are validated)."""
    cache: dict[str, PartialDate | None] = {}
    out: list[PartialDate | None] = []
    for v in values:
        text = "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
        if text not in cache:
            cache[text] = parse_partial_date(text) if text else None
        out.append(cache[text])
    return out


def _removal_keys(parsed: list[PartialDate | None]) -> tuple[pd.arrays.IntegerArray, pd.arrays.IntegerArray]:
    """Removal date as a day number (full dates) and a month number (dates known to the month)."""
    days = [_ordinal(p) for p in parsed]
    months = [p.year * 12 + p.month - 1 if p and p.month else None for p in parsed]
    return pd.array(days, dtype="Int64"), pd.array(months, dtype="Int64")


def standardise_records(frame: pd.DataFrame, table: NameTable | None = None) -> pd.DataFrame:
    """Add the standardised comparison columns to a validated raw list.

    Parameters
    ----------
    frame : DataFrame
        Rows of one or more validated lists (see :mod:`.schema`); string columns,
        missing values as empty strings or NA.
    table : NameTable, optional
        Name equivalences (default: the pinned table).

    Returns
    -------
    DataFrame
        Same rows with ``family_key`` (None when only an initial is written),
        ``family_initial``, ``family_skeleton``, ``given_key`` (None when only an initial
        is written, as for ``patronymic_key``), ``given_initial``, ``patronymic_initial``,
        ``given_initials`` and ``patronymic_initials`` (the initials of the name's forms in the
        languages of the table: ``ao`` for Олександр, whose Russian form is Александр),
        ``given_block`` (the given name's group when the table knows it, else its
        skeleton), ``given_fold`` and ``given_skeleton`` (the folded form as written, and
        its skeleton), ``patronymic_key``, ``names_swapped`` (family and given name were
        in each other's fields; swapped back), ``birth_year``, ``birth_month``,
        ``birth_day`` (nullable Int64), ``birth_precision``, ``birth_ordinal`` (day number of a
        full birth date), ``sex`` (``M``/``F``/None),
        ``settlement_key``, ``institution_key``, ``destination_key`` (language-aware
        place and institution keys, :mod:`.places`; values that say "unknown" are
        missing), ``settlement_text`` (the origin as read here, a wrong code page repaired:
        the gazetteer codes are read from it), ``destination_country`` (the destination's country when it names one,
        or a region of Belarus), ``removal_day`` and ``removal_month``.  The raw name and date
        columns are dropped, so nothing downstream holds them.  ``attrs["orthographies"]``
        names the lists whose Latin values were read in another language's orthography
        (:mod:`.orthography`), by their Cyrillic capitals' sound (``capitals``), as OCR'd
        look-alikes (``ocr``) or as machine-translated words (``translated``,
        :mod:`.translated_names`); ``attrs["mis_decoded"]`` counts per list the values read
        back from a wrong code page (:mod:`.mojibake`); ``attrs["birth_dates_read"]`` counts per
        list the birth dates read as missing or a century later (:func:`_child_birth_dates`), put
        back in their columns (:func:`_dates_in_swapped_columns`) or read to the year
        (:func:`_parser_default_days`); ``attrs["not_names"]`` counts per list the rows with a
        place, an institution or a date where a name belongs; ``attrs["cells_read"]`` the rows
        whose given name names only a relation, whose name parts were moved to their cells,
        whose origin names a camp, checkpoint or filtration point, whose sex contradicts the
        patronymic (``sex_contradicted``), whose name cells held a document's field label or
        Latin transliteration (``document_fields``) and whose patronymic cell held a passenger
        title (``passenger_titles``; :mod:`.document_cells`).
    """
    from .document_cells import read_document_fields, read_passenger_titles
    from .gazetteer import load_gazetteer
    from .lookalikes import read_back_lookalikes
    from .mojibake import repair_mojibake
    from .orthography import rewrite_orthographies
    from .partial_romanisation import read_back_partial_romanisation
    from .places import country_of, institution_key, names_a_passage, place_key, settlement_place_key
    from .translated_names import read_back_translated_names
    from .truncation import complete_given_names, complete_patronymics, cut_cells

    t = table or load_name_table()
    # a file saved in one code page and opened in another (Êîâàëåíêî, РљРѕРІР°Р»РµРЅРєРѕ): read back
    frame, mis_decoded = repair_mojibake(frame)
    # a name field copied from an identity document, its label and its Latin transliteration
    # with it (Прізвище/Surname МЕЛЬНИК MELNYK): read as the name
    frame, document_read = read_document_fields(frame)
    # a passenger title where the patronymic belongs (MSTR, MISS, cut to MST, MI), in ticket lists
    frame, titles_read = read_passenger_titles(frame)
    # a romanisation that left the capitals Cyrillic (Шevchenko, Сofiia): romanised, list by list
    frame, partly_romanised = read_back_partial_romanisation(
        frame, is_known=lambda w: t.given.get(name_key(w) or "") is not None)
    # Cyrillic documents OCR'd with the software set to English (ЛЕЩЕНКО as JIEWEHKO): read back, list by list
    frame, lookalikes = read_back_lookalikes(frame, is_given_name=lambda w: t.given.get(name_key(w) or "") is not None,
                                             is_patronymic=lambda w: is_known_patronymic(name_key(w) or "", t),
                                             is_place=lambda w: load_gazetteer().knows(w))
    # a list run through machine translation has names that are words translated (Novel for Роман,
    # Shoemaker for Швець, Naked Pier for Гола Пристань): read back, list by list
    frame, translated = read_back_translated_names(frame)
    # a list written for Polish or French readers spells names by that language's rules
    # (Szewczenko, Chevtchenko): rewritten into English-style Latin, list by list
    frame, orthographies = rewrite_orthographies(frame, is_place=lambda w: load_gazetteer().knows(w))
    readings: dict[str, list[str]] = {}
    for found in ({name: "capitals" for name in partly_romanised}, {name: "ocr" for name in lookalikes},
                  {name: "translated" for name in translated}, orthographies):
        for name, how in found.items():
            readings.setdefault(name, []).append(how)
    orthographies = {name: ", ".join(how) for name, how in readings.items()}
    out = pd.DataFrame(index=frame.index)
    out.attrs["orthographies"] = orthographies
    out.attrs["mis_decoded"] = mis_decoded
    for name in ("unique_id", "source_dataset", "list_row"):
        if name in frame.columns:
            out[name] = frame[name].to_numpy()

    def values(name: str) -> list[object]:
        return list(frame[name]) if name in frame.columns else [None] * len(frame)

    # a place, an institution or a date where a name belongs (a record split over rows at a line
    # break inside a field, cells shifted): not a name; the rows are counted per list
    not_a_name = np.zeros(len(frame), dtype=bool)

    # rows whose given name or patronymic was typed with the Latin layout on: their family name was too
    typed_on_layout = np.zeros(len(frame), dtype=bool)

    # given-name cells that say only how the child is related to another (старшая сестра): no name
    relation = _relation_cells(values("given_name"))

    def name_cells(column: str) -> list[object]:
        cells, wrong = _without_places_or_dates(values(column), t)
        not_a_name[wrong] = True
        cleaned = _without_fillers_or_placeholders(cells)
        if column == "given_name":
            cleaned = [None if r else v for v, r in zip(cleaned, relation, strict=True)]
        read = _from_latin_layout(cleaned, column, t, typed_on_layout if column == "family_name" else None)
        if column != "family_name":
            typed_on_layout[[a is not b and a != b for a, b in zip(read, cleaned, strict=True)]] = True
        return read

    # the given name and the patronymic in each other's cells (a list that writes the patronymic
    # first): swapped back when each is recognisably the other
    given_in, patronymic_in = _given_patronymic_swapped(
        _first_of_several(_without_notes(name_cells("given_name"))), _without_notes(name_cells("patronymic")), t)
    # a full name in one cell, or the three name cells shifted by one: put each word in its cell
    family_cells, given_cells, patronymic_cells, moved = repair_name_cells(
        _without_notes(name_cells("family_name")), given_in, patronymic_in, _KnownGiven(t),
        lambda k: is_known_patronymic(k, t))
    # a masked name's visible letters may spell a given name (Ан****а: "ana"): not a swap
    family = [None if _is_masked(v) else k for k, v in zip(_keys(family_cells, name_key), family_cells, strict=True)]
    given_raw = [None if _is_masked(v) else k for k, v in zip(_keys(given_cells, name_key), given_cells, strict=True)]
    # a given-name cell that says "older brother" is no name, but it is the given-name cell: the
    # family name beside it is not a given name written in the wrong column
    swapped = _swapped(family, given_raw, t) & ~relation
    family_values, given_values = family_cells, given_cells
    if swapped.any():
        family_values = [g if sw else f for f, g, sw in zip(family_cells, given_cells, swapped, strict=True)]
        given_values = [f if sw else g for f, g, sw in zip(family_cells, given_cells, swapped, strict=True)]
    family_keys = _keys(family_values, name_key)
    # a family name written as its initial ("К.", as Russian databases print it) is not a
    # family name: it is missing, and its initial is kept for comparison
    initials = [_mask_initial(v, k) for k, v in zip(family_keys, family_values, strict=True)]
    family_keys = [None if (k is not None and (len(k) == 1 or _is_initial(v))) else k
                   for k, v in zip(family_keys, family_values, strict=True)]
    sexes = [v if v in ("M", "F") else None for v in values("sex")]
    # a sex that contradicts a whole patronymic of a known father's name (Ігорович for a girl,
    # Сергіївна for a boy) is not evidence either, unless the given name confirms it (then the
    # patronymic is the one written wrong): one of the two was typed wrong, and which cannot be
    # told; the sex is missing before any key is read with it (Женя: Євген or Євгенія)
    sex_contradicted = np.array([
        sx is not None and k is not None and patronymic_sex(k, t) not in (None, sx)
        and not _given_name_confirms(g, sx, t)
        for sx, k, g in zip(sexes, _keys(patronymic_cells, name_key), _keys(given_values, name_key), strict=True)],
        dtype=bool)
    sexes = [None if bad else sx for sx, bad in zip(sexes, sex_contradicted, strict=True)]
    cache: dict[tuple[str, str | None], str | None] = {}
    given_keys: list[str | None] = []
    for v, sx in zip(given_values, sexes, strict=True):
        if v is None or (isinstance(v, float) and np.isnan(v)) or str(v) == "":
            given_keys.append(None)
            continue
        ck = (str(v), sx)
        if ck not in cache:
            cache[ck] = _given_or_fragment(str(v), t, sx)
        given_keys.append(cache[ck])
    # a given name written as its initial ("В.", as anonymised court rulings print names) is
    # not a name: it is missing, and its initial is kept for comparison (as for family names)
    # (a lowercase letter is the tail of a word broken across cells, already missing as a fragment)
    given_written = [w if k is not None else None for w, k in zip(_keys(given_values, name_key), given_keys, strict=True)]
    given_initials = [_mask_initial(v, k) for k, v in zip(given_written, given_values, strict=True)]
    given_only_initial = [k is not None and (len(k) == 1 or _is_initial(v))
                          for k, v in zip(given_written, given_values, strict=True)]
    given_keys = [None if only else k for k, only in zip(given_keys, given_only_initial, strict=True)]
    # a given name cut at its list's field length (Олександ): completed when the cut leaves one
    # name group, else only its initial is kept
    list_of = (frame["source_dataset"].astype(str).to_numpy() if "source_dataset" in frame.columns
               else np.zeros(len(frame), dtype=np.int64))
    cut_given = cut_cells(given_values, list_of, lambda v: name_key(v) in t.given)
    given_keys, given_only_initial = complete_given_names(cut_given, given_written, given_keys, given_only_initial,
                                                          sexes, t)
    # a sex that contradicts an unambiguous given name (guessed from the name's ending by a
    # scraper: Никита, Илья as girls) is not evidence: it is missing
    sexes = [None if (sx is not None and k is not None and t.group_sex.get(k, sx) != sx) else sx
             for sx, k in zip(sexes, given_keys, strict=True)]
    known_groups = set(t.given.values())
    family_keys = _nominative_family_keys(family_keys, _keys(given_values, name_key), sexes, frame, t)
    out["family_key"] = family_keys
    out["family_initial"] = initials
    out["family_skeleton"] = [name_skeleton(k) for k in family_keys]
    given_folds = [None if only else (k if not cut or key is None else key) for k, key, only, cut in zip(
        given_written, given_keys, given_only_initial, cut_given, strict=True)]
    out["given_key"] = given_keys
    out["given_initial"] = given_initials
    # the initials the name's forms in other languages have (Олександр / Александр: o, a), for a
    # record that writes only the initial (the language of one letter cannot be told)
    out["given_initials"] = [t.group_initials.get(k, i) if k is not None else i
                             for k, i in zip(given_keys, given_initials, strict=True)]
    out["given_block"] = [None if k is None else (k if k in known_groups else name_skeleton(k)) for k in given_keys]
    out["given_fold"] = given_folds
    out["given_skeleton"] = [name_skeleton(k) for k in given_folds]
    out["names_swapped"] = swapped
    patronymic_written = _keys(patronymic_cells, name_key)
    patronymic_only_initial = [k is not None and (len(k) == 1 or _is_initial(v))
                               for k, v in zip(patronymic_written, patronymic_cells, strict=True)]
    # an initial is a capital; a lone lowercase letter is a fragment of a broken word: missing
    patronymic_written = [None if only and not _is_capital_initial(v) else k for k, v, only in zip(
        patronymic_written, patronymic_cells, patronymic_only_initial, strict=True)]
    patronymic_keys = [None if only else k for k, only in zip(
        _keys(patronymic_cells, lambda s: patronymic_key(s, t)), patronymic_only_initial, strict=True)]
    # a patronymic cut at its list's field length (Валерійови): completed from the whole
    # patronymics of all the lists when they give one father's name, else only its initial
    cut_patronymic = cut_cells(patronymic_cells, list_of, lambda v: bool(_PATRONYMIC_SUFFIX.search(name_key(v) or "")))
    patronymic_keys = complete_patronymics(cut_patronymic, patronymic_written, patronymic_keys, patronymic_only_initial,
                                           lambda fold: bool(_PATRONYMIC_SUFFIX.search(fold)))
    out["patronymic_key"] = patronymic_keys
    out["patronymic_initial"] = [_mask_initial(v, k) for k, v in zip(patronymic_written, patronymic_cells, strict=True)]
    out["patronymic_initials"] = [t.group_initials.get(k, i) if k is not None else i
                                  for k, i in zip(patronymic_keys, out["patronymic_initial"], strict=True)]
    dates = _keys(values("birth_date"), lambda s: s)
    parsed = [parse_partial_date(d) if d else None for d in dates]
    # a placeholder (1900-01-01) or a two-digit year written out in the wrong century (1915 for 2015)
    removals = _dates(values("removal_date"))
    parsed, removals, swapped_dates = _dates_in_swapped_columns(parsed, removals, list_of)
    # a year typed alone, given the day and month of a parser's default date: both dates to the year
    parsed, removals, parser_filled = _parser_default_days(parsed, removals, list_of)
    for list_name, count in parser_filled.items():
        swapped_dates.setdefault(list_name, {})["parser_default"] = count
    parsed, birth_dates_read = _child_birth_dates(parsed, removals, list_of)
    for list_name, read in swapped_dates.items():
        birth_dates_read.setdefault(list_name, {"placeholder": 0, "century": 0, "implausible": 0,
                                                "after_removals": 0}).update(read)
    out.attrs["birth_dates_read"] = birth_dates_read
    out.attrs["not_names"] = {str(k): int(v) for k, v in
                              pd.Series(not_a_name).groupby(np.asarray(list_of)).sum().items() if v}
    if "source_dataset" in frame.columns:
        parsed = _without_filled_in_days(parsed, list_of)
    out["birth_year"] = pd.array([p.year if p else None for p in parsed], dtype="Int64")
    out["birth_month"] = pd.array([p.month if p else None for p in parsed], dtype="Int64")
    out["birth_day"] = pd.array([p.day if p else None for p in parsed], dtype="Int64")
    out["birth_precision"] = pd.array([p.precision if p else 0 for p in parsed], dtype="Int64")
    out["birth_ordinal"] = pd.array([_ordinal(p) for p in parsed], dtype="Int64")
    out["sex"] = sexes
    # a checkpoint, a camp or a filtration point where the origin belongs is no origin: missing
    passage = np.array([isinstance(v, str) and names_a_passage(v) for v in values("origin_settlement")], dtype=bool)
    settlement_texts = [None if p else v for v, p in zip(values("origin_settlement"), passage, strict=True)]
    out.attrs["cells_read"] = _per_list({"relation_names": relation, "names_moved": np.asarray(moved, dtype=bool),
                                         "passage_origins": passage, "sex_contradicted": sex_contradicted,
                                         "document_fields": document_read, "passenger_titles": titles_read},
                                        list_of)
    out["settlement_key"] = _keys(settlement_texts, settlement_place_key)
    # the place as read here (a wrong code page repaired), for the gazetteer codes: the same text as the key
    out["settlement_text"] = pd.Series(settlement_texts, index=out.index, dtype=object)
    out["institution_key"] = _keys(values("origin_institution"), institution_key)
    destinations = _keys(values("destination"), place_key)
    out["destination_key"] = destinations
    out["destination_country"] = [country_of(k) for k in destinations]
    out["removal_day"], out["removal_month"] = _removal_keys(removals)
    return out
