"""TWENTY-THIRD HELD-OUT error profile ``heldout_karpatalja_istanbul_hotline``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaces :mod:`.heldout22` (``heldout_moldova_query_linebreaks``)
as the profile kept out of tuning, since that one was run (2026-12-07, at the end of the
session in which this profile was written), and was run ONCE (2026-12-07, at the end of the
next session, which read name cells holding a place, an institution or a date as no name; on
that session's first and last model: the same numbers on both, N̂ +9.0% by best AIC,
``recommended`` 3,465 [2,986, 4,548] for 3,000 children, no linkage warning;
bench/RESULTS.md); :mod:`.heldout24` now replaces it as the profile kept out of tuning.
``bench/linkage_harness.py`` runs it only
with ``--heldout23``; the tests only check that it generates valid, deterministic lists with
the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits about the model): the error processes are what such
sources look like, not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the twenty-two earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout23`).  Per-child draws (a call's typing) are
fixed per child, record AND seed (:func:`_child_rng`), per-family draws (the sitting in which
a family was registered, when it called or passed through) per family AND seed
(:func:`_family_rng`).  The shares are the author's judgement of what such lists hold (no
published rate exists for any of them); each is a named constant.

``hu_karpatalja_aid``
    the register of a Hungarian charity in Zakarpattia (Kárpátalja) that supports children
    returned from Russia and Belarus whose families resettled there, typed in Hungarian by
    its volunteers from the families' documents: Ukrainian forms (Russian for children with
    Russian documents), the patronymic often left out, the settlement as the family named it,
    no institution, the destination country in Hungarian (``Oroszország``,
    ``Fehéroroszország``).  Names and places are written by the Hungarian rules for Cyrillic
    (simplified: :func:`hungarian`): с sz, ш s, ж zs, ч cs, щ scs, ц c, й j, х h, Russian
    г g, Ukrainian г h, я ja, ю ju, є je, ё jo, ї ji, Russian е je at the start of a word and
    after a vowel, ь and ъ dropped (j before a vowel: ``Kovaljov``, ``Natalja``), кс ksz
    (``Olekszandr``); and the Hungarian habit of writing a SOFT д т н as gy ty ny: before
    Russian е ё и ю я ь and Ukrainian і є ю я ь (``Kuznyecov``, ``Nyikita``, ``Gyenyisz``,
    ``Tetyana``, ``Medvegyev``), the iotated vowel after it without its j (``Tatyjana``
    keeps it after the soft sign).  A family's children were registered in one sitting
    (a second registration of a child in another), and in :data:`LAYOUT_SWITCHED` of the
    sittings (fixed per family, registration and seed: :func:`switched_layout`) the laptop's
    layout had been switched (Alt+Shift) from Hungarian QWERTZ to US QWERTY while the
    volunteer typed on the Hungarian keycaps (:func:`qwerty`): z and y swap in every text
    field (``Kuznyecov`` -> ``Kuynzecov``, ``Szerhij`` -> ``Syerhij``), á and é come out as
    the US keys at their places (``'`` and ``;``: ``Orosyorsy'g``).  Rows in the order of
    registration (months to two years after the removal: :func:`registered_on`), numbered
    ``KA<row>``.
``tr_istanbul_transit``
    the sheet of a Turkish aid desk at Istanbul airport that assisted Ukrainian families
    with children flying out of Russia on their way home, typed in Turkish from what the
    parents said and showed: only children sent to Russia, families much more than
    institutions.  Names and places in Turkish spelling (simplified: :func:`turkish`): ş ç j
    (ж), c (дж), y (й, and the j of я ю є ё ї: ``Yuliya``, ``Yevhen``), ts (ц), şç (щ), h (х
    and Ukrainian г), and Ukrainian и and Russian ы as the Turkish dotless ı, the sound a
    Turkish ear hears in them (``Mıkola``, ``Lısenko``), і and Russian и as dotted i; soft
    signs and apostrophes dropped.  In :data:`CAPITALS` of the families (fixed per family,
    passage and seed: :func:`in_capitals`) the desk's clerk typed the names and places in
    CAPITAL letters with the Turkish keyboard's casing (:func:`turkish_upper`: i -> İ, ı ->
    I).  The list came to the partners through an international tracing database that
    title-cased every name and place on import with the locale-independent Unicode casing
    (Python's ``str.title``: :func:`partner_title`), so a capital İ inside a word became
    ``i`` plus the combining dot above U+0307 (the Unicode lower case of İ: two characters
    that no normalisation form joins), I became i (the ı lost), and a letter after an
    apostrophe or hyphen was capitalised; the sheets typed in lower case kept their ı.  The
    patronymic mostly missing (a Turkish form has no field for it), birth dates from the
    documents, the destination ``Rusya``.  Rows in the order of the passages (months to two
    years after the removal: :func:`transit_date`), numbered ``IST<row>``.
``ua_hotline_crm``
    the export of the web CRM of a Ukrainian oblast administration's hotline for deported
    children, where an operator fills a card while a relative calls: Ukrainian forms
    (Russian for some families), typos, apostrophe variants, the patronymic sometimes
    skipped, the settlement, the institution, the destination.  The card opens with the
    cursor in the caller's phone and e-mail fields, typed in Latin, and then the child's
    family name: in :data:`WRONG_LAYOUT` of the calls (fixed per child, call and seed:
    :func:`wrong_layout_fields`) the operator did not switch back to the Ukrainian layout
    and typed the family name with the Latin letters on the same keys (:func:`latin_keys`:
    ``Rjdfktyrj`` for Коваленко, ``Itdxtyrj`` for Шевченко, a capital Ю as ``>``), and went on
    so into the given name in :data:`LAYOUT_CONTINUES` of those calls and then into the
    patronymic in :data:`LAYOUT_CONTINUES` of those.  The card's birth-date field is a date
    picker that opens on TODAY: when the caller did not know the date, the operator left it
    as it opened for :data:`PICKER_TODAY` of the cards (fixed per child, call and seed:
    :func:`kept_today`), so the birth date is the date of the call (:func:`called_on`), after
    the removal, and the removal date goes (the input refuses a removal before the birth: a
    limit of the harness).  Rows in the order of the calls (days to a year and a half after
    the removal, one date per family, a second call about a child later), numbered ``HL<row>``.

How they differ from the earlier profiles.  Transcriptions into other orthographies were
French, Polish (:mod:`.heldout6`), Czech (:mod:`.heldout7`), German (:mod:`.heldout4`),
Latvian (:mod:`.heldout14`), Lithuanian (:mod:`.heldout15`), Estonian (:mod:`.heldout16`),
Georgian (:mod:`.heldout20`), Romanian (:mod:`.heldout22`) and Belarusian Latin; none
Hungarian, whose sz/s/zs/cs letters and soft gy ty ny give other spellings, and none Turkish,
whose dotless ı stands for и.  No earlier list swapped two LETTERS through a keyboard layout
(:mod:`.heldout22`'s keyboards wrote one letter as different characters), typed Cyrillic
text with the Latin letters of the same keys (the Russian-keyboard typing of the tuning
profiles swaps single letters within Cyrillic), nor carried the combining dot of the
Unicode lower case of İ (:mod:`.heldout21`'s decomposed file names are the same characters,
composed or not).  Earlier dates came from the wrong child, the wrong field, a wrong reading
of the right date, or an adult (:mod:`.heldout22`); none is the day the record was made
standing for an unknown birth date.  Earlier name-order swaps and misheard names
(:mod:`.heldout4`, :mod:`.heldout14`) are not used here.

Population: a third of families from institutions, some sent to Belarus, families of two or
three children common, capture shared within families.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import places as pl
from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists
from .romanise import by_word

NAME = "heldout_karpatalja_istanbul_hotline"
_TAG = 0x48_3233  # this module's random streams (rewriting), apart from build()'s

HUNGARY = "hu_karpatalja_aid"
TURKEY = "tr_istanbul_transit"
HOTLINE = "ua_hotline_crm"
_TEXT = ("family_name", "given_name", "patronymic", "origin_settlement", "destination")

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_HUNGARY = Style(  # names and places transcribed into Hungarian, the layout switches applied by _rewrite_hungary
    name_lang=(("uk", 1.0),),
    follow_ru_docs=1.0,
    patronymic_missing=0.6,
    birth=(("day", 0.93), ("year", 0.04), ("missing", 0.03)),
    sex_missing=0.02,
    place=(("uk_current", 0.7), ("ru_src", 0.3)),
    place_missing=0.05,
    institution_missing=1.0,
    removal=(("month", 0.5), ("exact", 0.2), ("missing", 0.3)),
    destination="ru",
)
_TURKEY = Style(  # names and places in Turkish spelling, capitals and the partner's title case by _rewrite_turkey
    name_lang=(("uk", 0.75), ("ru", 0.25)),
    follow_ru_docs=0.6,
    patronymic_missing=0.85,
    birth=(("day", 0.95), ("missing", 0.05)),
    sex_missing=0.03,
    place=(("uk_current", 0.5), ("ru_src", 0.5)),
    place_missing=0.08,
    institution_missing=1.0,
    removal=(("month", 0.3), ("year", 0.2), ("missing", 0.5)),
    destination="ru",
)
_HOTLINE = Style(  # the Latin layout and the picker's today applied by _rewrite_hotline
    name_lang=(("uk", 0.8), ("ru", 0.2)),
    follow_ru_docs=0.4,
    typo=0.03,
    layout="uk",
    apostrophes=0.4,
    patronymic_missing=0.25,
    birth=(("day", 0.72), ("year", 0.08), ("missing", 0.2)),
    sex_missing=0.03,
    place=(("uk_current", 0.6), ("uk_doc", 0.2), ("ru_src", 0.2)),
    place_prefix=(("none", 0.6), ("type", 0.4)),
    place_missing=0.05,
    institution=(("uk_short", 0.6), ("uk", 0.4)),
    institution_missing=0.3,
    removal=(("exact", 0.45), ("month", 0.35), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.15,
)


def heldout23_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (23rd): a Hungarian charity's register in Hungarian spelling (QWERTZ/QWERTY switches), a "
        "Turkish transit desk's sheet title-cased by a partner, a hotline CRM typed in the Latin layout",
        PopulationSpec(
            share_institution=0.33,
            share_belarus=0.15,
            family_sizes=(0.44, 0.32, 0.15, 0.06, 0.02, 0.01),
            twin_rate=0.035,
            placed_institution=0.4,
            placed_family=0.1,
            reregistered=0.25,
            family_visibility=0.7,
        ),
        (
            ListSpec(
                HUNGARY,
                _HUNGARY,
                base=0.3,
                beta=0.8,
                mode_odds=(("family", 2.0), ("institution", 0.6)),
                duplicates=0.03,
                id_prefix="KA",
            ),
            ListSpec(
                TURKEY,
                _TURKEY,
                eligible="russia",
                base=0.3,
                beta=0.7,
                mode_odds=(("family", 3.0), ("institution", 0.2), ("placed", 0.3)),
                duplicates=0.03,
                id_prefix="IST",
            ),
            ListSpec(
                HOTLINE,
                _HOTLINE,
                base=0.4,
                beta=0.9,
                mode_odds=(("family", 1.8), ("institution", 0.7)),
                duplicates=0.06,
                id_prefix="HL",
            ),
        ),
        output_order=(HUNGARY, TURKEY, HOTLINE),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _lag(seed: int, child: Child, second: bool, salt: int, first: tuple[int, int], later: tuple[int, int]) -> dt.date:
    """A date after ``child``'s removal: ``first`` days for the family (fixed per family and
    seed), ``later`` more for a second record (fixed per child and seed)."""
    day = child.removal + dt.timedelta(days=int(_family_rng(seed, child, salt).integers(*first)))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, salt + 1).integers(*later)))
    return day


_RU_PLACES = (
    ({s.ru for s in pl.SETTLEMENTS} | {s.ru_src for s in pl.SETTLEMENTS} | set(pl.RUSSIAN_TOWNS))
    - {s.uk for s in pl.SETTLEMENTS}
    - {s.uk_old for s in pl.SETTLEMENTS}
)


def place_lang(text: str) -> str:
    """The language of a settlement's name as written (``ru`` for a Russian form, else ``uk``)."""
    return "ru" if text in _RU_PLACES else "uk"


_APOSTROPHES = "'’ʼ`"
_CYR_VOWELS = set("аеєиіїоуюяёыэ")
_HUSHING = set("жчшщц")

# ---------------------------------------------------------------- the Hungarian register: Hungarian spelling, QWERTZ

#: share of the sittings typed with the layout switched to US QWERTY on Hungarian keycaps
LAYOUT_SWITCHED = 0.15
#: days from the removal to a family's registration (inclusive low, exclusive high)
REGISTRATION_LAG = (60, 700)
#: days from a family's registration to a second registration of a child
SECOND_REGISTRATION_LAG = (30, 300)
#: the destination countries in Hungarian
HU_COUNTRY = {"RU": "Oroszország", "BY": "Fehéroroszország"}
_HU_LETTERS = {
    "а": "a", "б": "b", "в": "v", "ґ": "g", "д": "d", "е": "e", "ж": "zs", "з": "z", "і": "i", "и": "i",
    "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "sz", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "cs", "ш": "s", "щ": "scs", "ы": "i", "э": "e",
}  # fmt: skip
_HU_SOFT = {"д": "gy", "т": "ty", "н": "ny"}
_HU_SOFTENING = {"ru": set("еёиюяь"), "uk": set("ієюяь")}
_HU_IOTATED = {"я": "a", "ю": "u", "ё": "o", "є": "e", "е": "e"}
#: Hungarian keycaps typed on the US layout: the keys whose letters differ
_QWERTY = {"z": "y", "y": "z", "Z": "Y", "Y": "Z", "á": "'", "é": ";", "Á": '"', "É": ":"}


def _hungarian_word(word: str, lang: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch in _APOSTROPHES or ch == "ъ":
            pass  # the j is written by the vowel after it
        elif ch in _HU_SOFT and nxt in _HU_SOFTENING[lang]:
            out.append(_HU_SOFT[ch])
            if nxt == "ь":  # the soft sign is the softness; a vowel after it keeps its j
                i += 1
            elif nxt in _HU_IOTATED and not (lang == "uk" and nxt == "е"):
                out.append(_HU_IOTATED[nxt])
                i += 1
        elif ch == "ь":
            if nxt and nxt in _CYR_VOWELS and nxt not in _HU_IOTATED and nxt != "ї":
                out.append("j")  # Ковальов Kovaljov
        elif ch == "к" and nxt == "с":
            out.append("ksz")
            i += 1
        elif ch == "г":
            out.append("h" if lang == "uk" else "g")
        elif ch == "ё" and prev in _HUSHING:
            out.append("o")  # Пугачёв Pugacsov
        elif ch in ("я", "ю", "ё", "є"):
            out.append("j" + _HU_IOTATED[ch])
        elif ch == "ї":
            out.append("ji")
        elif ch == "е" and lang == "ru" and (not prev or prev in _CYR_VOWELS or prev in "ьъ" + _APOSTROPHES):
            out.append("je")
        else:
            out.append(_HU_LETTERS.get(ch, ch))
        i += 1
    return "".join(out)


def hungarian(text: str, lang: str) -> str:
    """``text`` (Cyrillic, in its ``lang`` form: ``uk`` or ``ru``) in the simplified Hungarian
    spelling of the module docstring, word by word, the case of the source kept."""
    return by_word(text, lambda w: _hungarian_word(w, lang))


def qwerty(text: str) -> str:
    """``text`` typed on Hungarian keycaps with the US layout on: z and y swapped, á é as ' ;."""
    return "".join(_QWERTY.get(ch, ch) for ch in text)


def switched_layout(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the sitting in which ``child``'s family was registered (``second``: a second
    registration of the child) was typed on the US layout.  Fixed per family (per child for
    a second registration) and seed."""
    g = _child_rng(seed, child, 0x5153) if second else _family_rng(seed, child, 0x5146)
    return bool(g.random() < LAYOUT_SWITCHED)


def registered_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child`` was registered (``second``: its second registration)."""
    return _lag(seed, child, second, 0x5245, REGISTRATION_LAG, SECOND_REGISTRATION_LAG)


def hungarian_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's Cyrillic record) as the Hungarian register writes it."""
    out = dict(rec)
    lang = child.doc_lang  # the form of the papers (follow_ru_docs=1)
    for col in ("family_name", "given_name", "patronymic"):
        out[col] = hungarian(rec[col], lang)
    if rec["origin_settlement"]:
        out["origin_settlement"] = hungarian(rec["origin_settlement"], place_lang(rec["origin_settlement"]))
    out["destination"] = HU_COUNTRY[pl.DESTINATIONS[child.destination].country]
    if switched_layout(seed, child, second):
        for col in _TEXT:
            out[col] = qwerty(out[col])
    return _consistent(out)


def _rewrite_hungary(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = hungarian_record(seed, c, rows[j], second)
        keys.append((registered_on(seed, c, second), float(rng.random()), j))
    order = [j for _, _, j in sorted(keys)]
    return rows, order, [f"KA{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the Turkish transit desk: Turkish spelling, title case

#: share of the families whose names and places the desk's clerk typed in capitals
CAPITALS = 0.4
#: days from the removal to a family's passage through Istanbul (inclusive low, exclusive high)
TRANSIT_LAG = (60, 700)
#: days from the first passage to a second one
SECOND_TRANSIT_LAG = (30, 365)
#: the destination in Turkish
TR_COUNTRY = "Rusya"
#: the combining dot above: the second character of the Unicode lower case of İ
COMBINING_DOT = "\u0307"
_CAPITAL_I = re.compile(r"\bI(?![^\W\d_]*[A-ZÇŞİĞÖÜ])")  # a capital i starting a word not in capitals
_TR_LETTERS = {
    "а": "a", "б": "b", "в": "v", "ґ": "g", "д": "d", "е": "e", "ж": "j", "з": "z", "і": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şç", "ы": "ı", "э": "e", "я": "ya", "ю": "yu",
    "є": "ye", "ё": "yo", "ї": "yi",
}  # fmt: skip


def _turkish_word(word: str, lang: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch in _APOSTROPHES or ch in "ьъ":
            pass
        elif ch == "д" and nxt == "ж":
            out.append("c")
            i += 1
        elif ch == "г":
            out.append("h" if lang == "uk" else "g")
        elif ch == "и":
            out.append("ı" if lang == "uk" else "i")
        elif ch == "е" and lang == "ru" and (not prev or prev in _CYR_VOWELS or prev in "ьъ"):
            out.append("ye")
        elif ch == "ё" and prev in _HUSHING:
            out.append("o")
        else:
            out.append(_TR_LETTERS.get(ch, ch))
        i += 1
    return "".join(out)


def turkish(text: str, lang: str) -> str:
    """``text`` (Cyrillic, in its ``lang`` form) in the simplified Turkish spelling of the
    module docstring, word by word (a capital first letter i written İ, as in Turkish)."""
    return _CAPITAL_I.sub("İ", by_word(text, lambda w: _turkish_word(w, lang)))


def turkish_upper(text: str) -> str:
    """``text`` in capitals with the Turkish casing (i -> İ, ı -> I)."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def partner_title(text: str) -> str:
    """``text`` title-cased by the partner's import with the Unicode default casing."""
    return text.title()


def in_capitals(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the clerk typed ``child``'s family's names in capitals (``second``: its second
    passage).  Fixed per family (per child for a second passage) and seed."""
    g = _child_rng(seed, child, 0x4353) if second else _family_rng(seed, child, 0x4346)
    return bool(g.random() < CAPITALS)


def transit_date(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s family passed through Istanbul (``second``: its second passage)."""
    return _lag(seed, child, second, 0x5452, TRANSIT_LAG, SECOND_TRANSIT_LAG)


def _name_lang(text: str, child: Child) -> str:
    """The language of a name form as rendered: by its letters, else the documents'."""
    low = text.lower()
    if any(ch in low for ch in "ыэёъ"):
        return "ru"
    if any(ch in low for ch in "іїєґ'’ʼ`"):
        return "uk"
    return child.doc_lang


def turkish_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's Cyrillic record) as the partners received the desk's row."""
    out = dict(rec)
    caps = in_capitals(seed, child, second)
    for col in ("family_name", "given_name", "patronymic", "origin_settlement"):
        if not rec[col]:
            continue
        lang = place_lang(rec[col]) if col == "origin_settlement" else _name_lang(rec[col], child)
        out[col] = turkish(rec[col], lang)
    out["destination"] = TR_COUNTRY
    for col in _TEXT:
        if caps:
            out[col] = turkish_upper(out[col])
        out[col] = partner_title(out[col])
    return _consistent(out)


def _rewrite_turkey(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = turkish_record(seed, c, rows[j], second)
        keys.append((transit_date(seed, c, second), float(rng.random()), j))
    order = [j for _, _, j in sorted(keys)]
    return rows, order, [f"IST{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the hotline CRM: the Latin layout, the picker's today

#: share of the calls whose family name was typed in the Latin layout
WRONG_LAYOUT = 0.1
#: share of those in which the operator went on in the Latin layout into the next name field
LAYOUT_CONTINUES = 0.5
#: share of the cards without a known birth date whose picker was left on the day of the call
PICKER_TODAY = 0.5
#: days from the removal to a family's call (inclusive low, exclusive high)
CALL_LAG = (5, 550)
#: days from a family's call to a second call about a child
SECOND_CALL_LAG = (15, 300)
#: the Ukrainian (and, for ы э ё ъ, Russian) layout: Cyrillic letter -> the US key
_KEYS = dict(
    zip(
        "йцукенгшщзхїфівапролджєячсмитьбюґыэёъ",
        "qwertyuiop[]asdfghjkl;'zxcvbnm,.u's`]",
        strict=True,
    )
)
_SHIFTED = {",": "<", ".": ">", ";": ":", "'": '"', "[": "{", "]": "}", "`": "~"}


def latin_keys(text: str) -> str:
    """``text`` (Cyrillic) typed with the Latin layout on: each letter the US key at its
    place, a capital with Shift (б ю ж є х ї as < > : " { }), an apostrophe as `."""
    out: list[str] = []
    for ch in text:
        low = ch.lower()
        if ch in _APOSTROPHES:
            out.append("`")
        elif low in _KEYS:
            key = _KEYS[low]
            out.append(key if ch == low else _SHIFTED.get(key, key.upper()))
        else:
            out.append(ch)
    return "".join(out)


def wrong_layout_fields(seed: int, child: Child, second: bool = False) -> int:
    """How many name fields (0 to 3, from the family name on) the operator typed in the Latin
    layout on ``child``'s call (``second``: a second call).  Fixed per child, call and seed."""
    g = _child_rng(seed, child, 0x574C + int(second))
    u = g.random(3)
    if u[0] >= WRONG_LAYOUT:
        return 0
    return 1 + int(u[1] < LAYOUT_CONTINUES) * (1 + int(u[2] < LAYOUT_CONTINUES))


def kept_today(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the operator left the birth-date picker on the day of ``child``'s call (when
    the birth date was not known).  Fixed per child, call and seed."""
    return bool(_child_rng(seed, child, 0x5444 + int(second)).random() < PICKER_TODAY)


def called_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s relative called (``second``: a second call about the child)."""
    return _lag(seed, child, second, 0x434C, CALL_LAG, SECOND_CALL_LAG)


def hotline_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's Cyrillic card) as the CRM exports it."""
    out = dict(rec)
    for col in ("family_name", "given_name", "patronymic")[: wrong_layout_fields(seed, child, second)]:
        out[col] = latin_keys(out[col])
    if not rec["birth_date"] and kept_today(seed, child, second):
        out["birth_date"] = called_on(seed, child, second).isoformat()
    return _consistent(out)


def _rewrite_hotline(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = hotline_record(seed, c, rows[j], second)
        keys.append((called_on(seed, c, second), float(rng.random()), j))
    order = [j for _, _, j in sorted(keys)]
    return rows, order, [f"HL{r + 1:06d}" for r in range(len(order))]


# ---------------------------------------------------------------- the profile


def generate_heldout23(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWENTY-THIRD HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == HUNGARY:
            return _rewrite_hungary(rows, truth, pop, seed, rng)
        if name == TURKEY:
            return _rewrite_turkey(rows, truth, pop, seed, rng)
        if name == HOTLINE:
            return _rewrite_hotline(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout23_spec(), n, seed), seed, _TAG, rewrite)
