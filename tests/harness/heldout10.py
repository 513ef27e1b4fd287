"""TENTH HELD-OUT error profile ``heldout_excel_mojibake_pdf``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It replaced :mod:`.heldout9` (``heldout_legacy_vk_kobo_vlookup``) as
the profile kept out of tuning, since the nine earlier held-out profiles were run, and was
run ONCE; :mod:`.heldout11` (``heldout_groups_webform_mrz``) replaced it as the profile kept
out of tuning, and :mod:`.heldout12` replaced that.  ``bench/linkage_harness.py`` runs it only with ``--heldout10``; the
tests only check that it generates valid, deterministic lists with the error processes below
(they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results (``estimators/linkage/`` apart from calling its input validation, ``data/name_equivalences.csv``
and the gazetteer tables of ``data/``, the linkage sections of ``bench/RESULTS.md`` and of
the README, the messages of commits): the error processes are what such sources look like,
not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the nine earlier held-out profiles have.  The shared
:func:`.profiles.build` renders every record in Cyrillic; this module then rewrites each list
as its source writes it (:func:`generate_heldout10`), so the error processes live here and
the shared modules are unchanged.

``ru_orders_pdf``
    a table an investigative group extracted with a PDF table extractor from orders of
    occupation administrations and Russian regional authorities (on sending a group of
    children for "rest and rehabilitation", on their temporary placement), one document per
    removal group, published as text PDFs: Russian forms with the patronymic, the place as
    the order writes it (``г. Мариуполь Донецкой Народной Республики``, ``г. Херсон
    Херсонской области``: :func:`order_place`), the institution's name, the order's date
    (days after the group's removal; one date per document) as removal date, the birth year
    only (``2012 г.р.``) in three documents in ten; rows sorted by family name within a
    document and numbered ``PR<document>-<row>``.  The documents' table cells are narrow, so
    a cell's text is wrapped into lines at the column's width, fixed per document and column
    (:func:`layout`): at a space where it can be, inside a word that is longer than the
    column (:func:`wrap`: ``Александров`` / ``на``, ``Мельниченк`` / ``о``).  The
    extractor gives a cell's lines, joined back by the group's script with a space for six
    documents in ten (a broken word keeps the space: ``Александров на``) and with nothing
    for the others (the words of a cell wrapped at a space run together:
    ``г. МариупольДонецкой``).  A third of the documents were read in "stream" mode (no
    ruling lines): the one-line cells of a row are centred vertically, so the lines of a
    multi-line cell above that centre (one of two or three lines, two of four) end up on a
    row of their own above the record's row, which the cleaning step merged into the record
    above (the continuation-row rule: a row without a number belongs to the row above); they
    are appended to the same field of the record above (often a sibling: rows are sorted by
    family name) and missing from their own (:func:`extract`).  The identity given in Russia
    for a quarter of the re-registered children (a Russian birthplace as place for some of
    those).  Children of institutions and
    of the Belarus programme much more than families; only some documents obtained (whole
    groups missing); a second order about a group (an extension of the stay, weeks to months
    later) names some of its children again, in a document of its own.
``ua_ova_excel``
    lists of children deported from the occupied hromadas kept by the oblast military
    administrations (Donetsk, Luhansk, Kherson, Zaporizhzhia and Kharkiv, several working
    in relocation), typed in Excel by their staff from relatives' applications and the
    hromadas' letters, one sheet per oblast, rows in the order the applications came in
    (weeks to a year after the removal), numbered ``OVA<oblast>-<row>``: Ukrainian forms
    (Russian for some children with Russian documents), typos, apostrophe variants.
    Excel's AutoComplete was on (its default): a typed family name, given name, patronymic,
    settlement or institution that is the beginning of exactly one longer entry typed
    earlier in the same column of the sheet (and not an entry itself) is completed to that
    entry when the clerk presses Enter without looking, four times in five
    (:func:`autocomplete`): ``Бондар`` becomes ``Бондаренко``, ``Коваль`` ``Ковальчук``, a
    boy's ``Іванов`` his sister's ``Іванова`` entered above, ``Олександр`` ``Олександра``.
    An empty name cell holds the sheet's placeholder (:data:`PLACEHOLDERS`, one per sheet:
    ``-``, ``невідомо``, ``не вказано``, ``н/д``, ``немає``) nine times in ten.  A name cell
    typed with the keyboard still on the Latin layout, unnoticed, for about one in seventy
    (:func:`latin_layout`: Коваленко ``Rjdfktyrj``, Марія ``Vfhsz``, Бондар ``<jylfh``).  A
    child whose relatives applied twice has a second row, later.
``intl_rfl_import``
    the tracing database of an international humanitarian organisation's family-links
    service, into which the requests its partner organisations collected were imported from
    their CSV files, one block of rows per partner, numbered ``RFL<partner>-<row>``:
    Ukrainian or Russian forms as the requester gave them; the form's field for the
    patronymic is "father's name", so for four requests in ten it holds the father's given
    name (``Микола``, ``Николай``: :func:`father_name`) instead of the patronymic.  Partner
    ``A``'s file was imported correctly; partner ``B``'s file, saved in Windows-1251, was
    imported as Windows-1252 (:func:`mojibake`: ``Êîâàëåíêî``, ``Ìàð³ÿ``), partner
    ``C``'s, saved in UTF-8, was imported as Windows-1251 (``РљРѕРІР°Р»РµРЅРєРѕ``; the letter
    И, whose second byte Windows-1251 lacks, and characters the first encoding lacks become
    replacement characters), in every text field of the block; a family's requests go through
    one partner (half through ``A``, three in ten through ``B``, a fifth through ``C``), a
    second request about a child through another partner.  Birth year only for three in ten
    (the requester did not know the date); families much more than institutions.

Population: four families in ten from institutions, a fifth sent to Belarus, more twins,
fewer re-registered identities than most earlier profiles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import places as pl
from .lists import ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_excel_mojibake_pdf"
_TAG = 0x48_3130  # this module's random streams (rewriting), apart from build()'s

NAMES = ("family_name", "given_name", "patronymic")

# ---------------------------------------------------------------- the lists' Cyrillic rendering (build)

_ORDERS = Style(  # places, dates, wrapping and row order rewritten by _rewrite_orders
    name_lang=(("ru", 1.0),), show_new_identity=0.25, drop_yo=0.8, typo=0.005, layout="ru",
    patronymic_missing=0.03, birth=(("day", 1.0),), place=(("ru_src", 1.0),), place_missing=0.05,
    institution=(("ru", 0.5), ("ru_legal", 0.5)), institution_missing=0.2, removal=(("exact", 1.0),),
    destination="place_ru",
)
_OVA = Style(  # AutoComplete, placeholders and the Latin layout added by _rewrite_ova
    name_lang=(("uk", 1.0),), follow_ru_docs=0.4, typo=0.03, layout="uk", apostrophes=0.5,
    patronymic_missing=0.2, family_missing=0.02, birth=(("day", 0.8), ("year", 0.08), ("missing", 0.12)),
    digit_slip=0.01, sex_missing=0.03, place=(("uk_current", 0.85), ("uk_doc", 0.15)),
    place_prefix=(("none", 0.5), ("type", 0.5)), place_missing=0.05, institution=(("uk_short", 0.6), ("uk", 0.4)),
    institution_missing=0.4, removal=(("exact", 0.4), ("month", 0.35), ("missing", 0.25)), destination="uk",
)
_RFL = Style(  # father's names and the partners' encodings rewritten by _rewrite_rfl
    name_lang=(("uk", 0.55), ("ru", 0.45)), follow_ru_docs=0.3, typo=0.03, layout="ru", drop_yo=0.5,
    patronymic_missing=0.25, birth=(("day", 0.6), ("year", 0.3), ("missing", 0.1)), sex_missing=0.02,
    place=(("uk_current", 0.5), ("ru_src", 0.5)), place_prefix=(("none", 0.6), ("type", 0.4)), place_missing=0.05,
    institution=(("uk", 0.5), ("ru", 0.5)), institution_missing=0.7, removal=(("month", 0.5), ("exact", 0.2),
                                                                             ("missing", 0.3)),
    destination="uk", destination_mix=(("uk", 0.5), ("ru", 0.5)),
)


def heldout10_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME, "HELD OUT (10th): orders extracted from PDF tables, oblast administrations' Excel lists "
              "(AutoComplete), a tracing database with mis-decoded imports",
        PopulationSpec(share_institution=0.4, share_belarus=0.2, family_sizes=(0.5, 0.27, 0.13, 0.06, 0.03, 0.01),
                       twin_rate=0.05, placed_institution=0.5, placed_family=0.08, reregistered=0.3,
                       family_visibility=0.55),
        (
            ListSpec("ru_orders_pdf", _ORDERS, base=0.35, beta=0.6,
                     mode_odds=(("institution", 4.0), ("belarus", 2.5), ("family", 0.3)), wave_cover=0.55,
                     duplicates=0.1, id_prefix="PR"),
            ListSpec("ua_ova_excel", _OVA, base=0.4, beta=0.8, mode_odds=(("institution", 0.7),), duplicates=0.05,
                     id_prefix="OVA"),
            ListSpec("intl_rfl_import", _RFL, base=0.25, beta=0.8, mode_odds=(("institution", 0.25),),
                     duplicates=0.1, id_prefix="RFL"),
        ),
        output_order=("ru_orders_pdf", "ua_ova_excel", "intl_rfl_import"),
    )


def _family_rng(child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family (draws no random number of a list)."""
    return np.random.default_rng([child.family, salt])


# ---------------------------------------------------------------- orders extracted from PDF tables

#: the wrapped columns and the range of their widths (characters per line), per document
WIDTHS = {"family_name": (9, 13), "given_name": (7, 10), "patronymic": (9, 13), "origin_settlement": (14, 24),
          "origin_institution": (20, 36)}
#: the region after a town in an order, in the genitive (Russian usage of the occupation authorities)
_REGION_GEN = {"D": "Донецкой Народной Республики", "L": "Луганской Народной Республики",
               "K": "Херсонской области", "Z": "Запорожской области", "H": "Харьковской области"}


@dataclass(frozen=True)
class Layout:
    """How one document's table was laid out and extracted."""

    widths: dict[str, int]  # characters per line of each wrapped column
    joiner: str  # what the extraction script joins a cell's lines with: " " or ""
    stream: bool  # read in stream mode: a cell's first line goes to the record above
    year_only: bool  # the order gives the birth year only
    lag: int  # days from the group's removal to the order


def layout(seed: int, wave: int, second: bool) -> Layout:
    """The layout of the order about removal group ``wave`` (``second``: the later order),
    fixed per document and seed."""
    g = np.random.default_rng([int(seed), _TAG, 0x504446, wave, int(second)])
    widths = {k: int(g.integers(lo, hi + 1)) for k, (lo, hi) in WIDTHS.items()}
    joiner = " " if g.random() < 0.6 else ""
    stream = bool(g.random() < 1 / 3)
    year_only = bool(g.random() < 0.3)
    lag = int(g.integers(30, 150)) if second else int(g.integers(0, 8))
    return Layout(widths, joiner, stream, year_only, lag)


def wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped into lines of at most ``width`` characters as a word processor wraps
    a table cell: at a space where it can, a word longer than the line broken at the width."""
    lines: list[str] = []
    cur = ""
    for word in text.split(" "):
        while len(word) > width:
            if cur:
                lines.append(cur)
                cur = ""
            lines.append(word[:width])
            word = word[width:]
        if not cur:
            cur = word
        elif len(cur) + 1 + len(word) <= width:
            cur += " " + word
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


def extract(cells: list[str], width: int, joiner: str, stream: bool) -> list[str]:
    """One column of a document's rows (in order) as the extraction gives it: each cell's
    lines joined by ``joiner``; in ``stream`` mode the lines of a cell of ``n`` lines that
    lie above the row's centre line (the first ``n // 2``: the other cells of the row are
    one line, vertically centred) appended (by ``joiner``) to the cell of the row above
    (the first row keeps them)."""
    out: list[str] = []
    for i, text in enumerate(cells):
        lines = wrap(text, width) if text else []
        up = len(lines) // 2 if stream and i > 0 else 0
        if up:
            out[-1] = joiner.join([out[-1], *lines[:up]]) if out[-1] else joiner.join(lines[:up])
            lines = lines[up:]
        out.append(joiner.join(lines))
    return out


def order_place(child: Child) -> str:
    """The child's town as an order writes it: ``г. <Russian-source name> <region, genitive>``."""
    s = pl.SETTLEMENTS[child.origin]
    return f"г. {s.ru_src.replace('ё', 'е')} {_REGION_GEN[s.oblast]}"


def _rewrite_orders(rows: Rows, truth: pd.DataFrame, pop: Population, seed: int) -> tuple[Rows, list[int], list[str]]:
    docs: dict[tuple[int, bool], list[int]] = {}
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        child = pop.children[int(child_id)]
        docs.setdefault((child.wave, kind == "duplicate"), []).append(j)
    child_of = truth["child"].to_numpy()
    key_date = {k: pop.waves[k[0]].date + dt.timedelta(days=layout(seed, k[0], k[1]).lag) for k in docs}
    order: list[int] = []
    ids: list[str] = []
    for d, k in enumerate(sorted(docs, key=lambda k: (key_date[k], k))):
        lay = layout(seed, *k)
        js = docs[k]
        for j in js:
            rec, child = rows[j], pop.children[int(child_of[j])]
            if rec["origin_settlement"] == pl.SETTLEMENTS[child.origin].ru_src:  # not a Russian birthplace
                rec["origin_settlement"] = order_place(child)
            rec["removal_date"] = key_date[k].isoformat()
            if lay.year_only:
                rec["birth_date"] = rec["birth_date"][:4]
        js = sorted(js, key=lambda j: (rows[j]["family_name"].casefold(), rows[j]["given_name"].casefold(), j))
        for col, width in lay.widths.items():
            for j, v in zip(js, extract([rows[j][col] for j in js], width, lay.joiner, lay.stream), strict=True):
                rows[j][col] = v
        for r, j in enumerate(js):
            _consistent(rows[j])
            order.append(j)
            ids.append(f"PR{d + 1:03d}-{r + 1:02d}")
    return rows, order, ids


# ---------------------------------------------------------------- oblast administrations' Excel lists

#: the placeholder a sheet's clerks type in an empty name cell (one per sheet)
PLACEHOLDERS = ("-", "невідомо", "не вказано", "н/д", "немає")
#: the sheets, one per oblast, in the workbook's order
SHEETS = ("D", "L", "K", "Z", "H")
#: how often the clerk accepts AutoComplete's proposal without looking
AUTOCOMPLETE_ACCEPT = 0.8
#: how often a name cell is typed with the keyboard on the Latin layout
LATIN_LAYOUT = 0.015

_KEYS_LOWER = {
    "й": "q", "ц": "w", "у": "e", "к": "r", "е": "t", "н": "y", "г": "u", "ш": "i", "щ": "o", "з": "p", "х": "[",
    "ї": "]", "ф": "a", "і": "s", "в": "d", "а": "f", "п": "g", "р": "h", "о": "j", "л": "k", "д": "l", "ж": ";",
    "є": "'", "я": "z", "ч": "x", "с": "c", "м": "v", "и": "b", "т": "n", "ь": "m", "б": ",", "ю": ".",
    "ґ": "u", "ы": "s", "э": "'", "ъ": "]", "ё": "`", "'": "`", "’": "`", "ʼ": "`", ".": "/", ",": "?",
}
_SHIFTED = {"[": "{", "]": "}", ";": ":", "'": '"', ",": "<", ".": ">", "`": "~"}


def latin_layout(text: str) -> str:
    """``text`` as typed on the same keys with the keyboard on the Latin (US) layout: the
    Ukrainian layout's keys, Russian letters on theirs (ы on і's key), capitals shifted
    (Б is ``<``, Ж ``:``, Є ``"``)."""
    out = []
    for ch in text:
        low = ch.lower()
        key = _KEYS_LOWER.get(low)
        if key is None:
            out.append(ch)
        elif ch != low:  # a capital: the same key with shift
            out.append(_SHIFTED.get(key, key.upper()))
        else:
            out.append(key)
    return "".join(out)


def autocomplete(typed: str, earlier: dict[str, str]) -> str | None:
    """Excel's AutoComplete proposal for ``typed`` given the column's earlier entries
    (``earlier``: case-folded entry -> entry): the one longer entry that begins with it,
    case ignored, or None when there is none, more than one, or ``typed`` is an entry."""
    key = typed.casefold()
    if not key or key in earlier:
        return None
    found = [v for k, v in earlier.items() if k.startswith(key)]
    return found[0] if len(found) == 1 else None


def sheet_placeholder(seed: int, sheet: str) -> str:
    """The placeholder of ``sheet``'s clerks, fixed per sheet and seed."""
    g = np.random.default_rng([int(seed), _TAG, 0x4F5641, SHEETS.index(sheet)])
    return PLACEHOLDERS[int(g.integers(len(PLACEHOLDERS)))]


def application_date(child: Child) -> dt.date:
    """When the family's first application came in: weeks to a year after the removal, fixed per family."""
    return child.removal + dt.timedelta(days=int(_family_rng(child, 0x4F56).integers(14, 366)))


_AUTO_COLUMNS = (*NAMES, "origin_settlement", "origin_institution")


def _rewrite_ova(rows: Rows, truth: pd.DataFrame, pop: Population, seed: int,
                 rng: np.random.Generator) -> tuple[Rows, list[int], list[str]]:
    when: list[tuple[int, dt.date, float]] = []
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        day = application_date(child)
        if kind == "duplicate":  # a second application, later
            day += dt.timedelta(days=int(rng.integers(20, 300)))
        sheet = pl.SETTLEMENTS[child.origin].oblast
        for k in NAMES:
            if rec[k] and rng.random() < LATIN_LAYOUT:
                rec[k] = latin_layout(rec[k])
            elif not rec[k] and rng.random() < 0.9:
                rec[k] = sheet_placeholder(seed, sheet)
        when.append((SHEETS.index(sheet), day, float(rng.random())))
    order = sorted(range(len(rows)), key=lambda j: when[j])  # sheet by sheet, in the order of entry
    ids: list[str] = []
    earlier: dict[tuple[int, str], dict[str, str]] = {}
    counts: dict[int, int] = {}
    for j in order:
        si = when[j][0]
        counts[si] = counts.get(si, 0) + 1
        ids.append(f"OVA{SHEETS[si]}-{counts[si]:04d}")
        for col in _AUTO_COLUMNS:
            seen = earlier.setdefault((si, col), {})
            typed = rows[j][col]
            proposal = autocomplete(typed, seen)
            if proposal is not None and rng.random() < AUTOCOMPLETE_ACCEPT:
                rows[j][col] = proposal
            if rows[j][col]:
                seen.setdefault(rows[j][col].casefold(), rows[j][col])
        _consistent(rows[j])
    return rows, order, ids


# ---------------------------------------------------------------- tracing database (imported files)

#: partners, their share of families and how their files were decoded on import
PARTNERS = (("A", 0.5, ""), ("B", 0.3, "cp1251>cp1252"), ("C", 0.2, "utf-8>cp1251"))
#: how often the "father's name" field holds the father's given name
FATHER_NAME = 0.4
#: the Russian given names of fathers whose names the children's name table does not have
_FATHER_RU = {"Микола": "Николай", "Віктор": "Виктор", "Василь": "Василий", "Анатолій": "Анатолий",
              "Валерій": "Валерий", "Геннадій": "Геннадий", "Станіслав": "Станислав", "Григорій": "Григорий",
              "Едуард": "Эдуард", "Валентин": "Валентин"}
_GIVEN_UK = {g.uk: g for g in lx.GIVEN}
_TEXT = (*NAMES, "origin_settlement", "origin_institution", "destination")


def father_name(father: int, lang: str) -> str:
    """The father's given name in Ukrainian (``uk``) or Russian (``ru``)."""
    uk = lx.FATHERS[father].uk
    if lang == "uk":
        return uk
    return _FATHER_RU.get(uk) or _GIVEN_UK[uk].ru


def mojibake(text: str, how: str) -> str:
    """``text`` saved in one encoding and read in another (``"cp1251>cp1252"``,
    ``"utf-8>cp1251"``); a character the first lacks, or a byte the second lacks, is
    replaced (``?`` on saving, U+FFFD on reading)."""
    if not how:
        return text
    saved, read = how.split(">")
    return text.encode(saved, errors="replace").decode(read, errors="replace")


def partner_of(child: Child) -> int:
    """The partner (index into :data:`PARTNERS`) through which ``child``'s family asked, fixed per family."""
    p = np.array([w for _, w, _ in PARTNERS])
    return int(_family_rng(child, 0x5246).choice(len(PARTNERS), p=p / p.sum()))


def _rewrite_rfl(rows: Rows, truth: pd.DataFrame, pop: Population,
                 rng: np.random.Generator) -> tuple[Rows, list[int], list[str]]:
    block: list[int] = []
    for rec, child_id, kind in zip(rows, truth["child"], truth["kind"], strict=True):
        child = pop.children[int(child_id)]
        b = partner_of(child)
        if kind == "duplicate":  # a second request, through another partner
            b = (b + 1 + int(rng.integers(len(PARTNERS) - 1))) % len(PARTNERS)
        f = lx.FATHERS[child.father]
        if rec["patronymic"] and rng.random() < FATHER_NAME:
            lang = "ru" if rec["patronymic"] in (f.ru_m, f.ru_f) else "uk"
            rec["patronymic"] = father_name(child.father, lang)
        for k in _TEXT:
            rec[k] = mojibake(rec[k], PARTNERS[b][2])
        _consistent(rec)
        block.append(b)
    order = sorted(range(len(rows)), key=lambda j: block[j])  # stable: the import order within a block
    ids: list[str] = []
    counts: dict[int, int] = {}
    for j in order:
        counts[block[j]] = counts.get(block[j], 0) + 1
        ids.append(f"RFL{PARTNERS[block[j]][0]}-{counts[block[j]]:05d}")
    return rows, order, ids


# ---------------------------------------------------------------- the profile


def generate_heldout10(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TENTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists in Cyrillic; each is then rewritten as its
    source writes it (see the module docstring)."""

    def rewrite(name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator,
                ids: list[str]) -> tuple[Rows, list[int], list[str]]:
        if name == "ru_orders_pdf":
            return _rewrite_orders(rows, truth, pop, seed)
        if name == "ua_ova_excel":
            return _rewrite_ova(rows, truth, pop, seed, rng)
        if name == "intl_rfl_import":
            return _rewrite_rfl(rows, truth, pop, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout10_spec(), n, seed), seed, _TAG, rewrite)
