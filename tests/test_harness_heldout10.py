"""The tenth held-out profile ``heldout_excel_mojibake_pdf`` (``tests/harness/heldout10.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries, not records.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from tests.harness import heldout10, lexicon, places
from tests.harness.heldout10 import (
    AUTOCOMPLETE_ACCEPT,
    PARTNERS,
    PLACEHOLDERS,
    SHEETS,
    application_date,
    autocomplete,
    extract,
    father_name,
    latin_layout,
    layout,
    mojibake,
    order_place,
    partner_of,
    sheet_placeholder,
    wrap,
)
from tests.harness.population import Child
from tests.harness.profiles import ProfileData

N = 3000
SEED = 0
LISTS = ("ru_orders_pdf", "ua_ova_excel", "intl_rfl_import")
NAMES = ("family_name", "given_name", "patronymic")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout10.generate_heldout10(N, SEED)



def _surnames(c: Child) -> set[str]:
    s = lexicon.SURNAMES[c.surname]
    return {lexicon.surname_form(s, c.sex, lang) for lang in ("uk", "ru")}


def _givens(c: Child) -> set[str]:
    g = lexicon.GIVEN[c.given]
    return {g.uk, g.ru}


def _patronymics(c: Child) -> set[str]:
    f = lexicon.FATHERS[c.father]
    return {f.uk_m, f.ru_m} if c.sex == "M" else {f.uk_f, f.ru_f}


# ---------------------------------------------------------------- kept apart


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout10.NAME == "heldout_excel_mojibake_pdf"
    assert heldout10.heldout10_spec().output_order == LISTS


# ---------------------------------------------------------------- the helpers, on name-table entries


def test_wrap_and_extract() -> None:
    assert wrap("Александровна", 10) == ["Александро", "вна"]
    assert wrap("Мельниченко", 10) == ["Мельниченк", "о"]
    assert wrap("г. Мариуполь Донецкой Народной Республики", 14) == [
        "г. Мариуполь", "Донецкой", "Народной", "Республики"]
    assert wrap("Иванович", 10) == ["Иванович"] and wrap("", 5) == []
    cells = ["Иванович", "Александровна", "Петрович"]
    assert extract(cells, 10, " ", False) == ["Иванович", "Александро вна", "Петрович"]
    assert extract(cells, 10, "", False) == cells  # a broken word rejoined
    assert extract(cells, 10, " ", True) == ["Иванович Александро", "вна", "Петрович"]  # its first line goes up
    assert extract(["г. Мариуполь Донецкой", "Донецк"], 14, "", False) == ["г. МариупольДонецкой", "Донецк"]
    assert extract(["Донецк", "г. Мариуполь Донецкой Народной Республики"], 14, " ", True) == [
        "Донецк г. Мариуполь Донецкой", "Народной Республики"]  # two of four lines above the centre


def test_autocomplete_latin_layout_mojibake_fathers() -> None:
    col = {v.casefold(): v for v in ("Бондаренко", "Ковальчук", "Ковальова", "Іванова")}
    assert autocomplete("Бондар", col) == "Бондаренко" and autocomplete("бондар", col) == "Бондаренко"
    assert autocomplete("Іванов", col) == "Іванова"
    assert autocomplete("Коваль", col) is None  # two entries begin with it
    assert autocomplete("Іванова", col) is None and autocomplete("", col) is None
    assert autocomplete("Мельник", col) is None
    assert latin_layout("Коваленко") == "Rjdfktyrj" and latin_layout("Марія") == "Vfhsz"
    assert latin_layout("Бондар") == "<jylfh" and latin_layout("Жанна") == ":fyyf"
    assert mojibake("Коваленко", "cp1251>cp1252") == "Êîâàëåíêî" and mojibake("Марія", "cp1251>cp1252") == "Ìàð³ÿ"
    assert mojibake("Коваленко", "utf-8>cp1251") == "РљРѕРІР°Р»РµРЅРєРѕ"
    assert "\ufffd" in mojibake("Иван", "utf-8>cp1251") and mojibake("Иван", "") == "Иван"
    assert mojibake("Êîâàëåíêî", "cp1252>cp1251") == "Коваленко"  # reversible where nothing was replaced
    micola = [i for i, f in enumerate(lexicon.FATHERS) if f.uk == "Микола"][0]
    assert father_name(micola, "uk") == "Микола" and father_name(micola, "ru") == "Николай"
    assert all(father_name(i, "ru") for i in range(len(lexicon.FATHERS)))


# ---------------------------------------------------------------- orders extracted from PDF tables


def _documents(frame: pd.DataFrame, t: pd.DataFrame, data: ProfileData) -> list[tuple[np.ndarray, int, bool]]:
    """(row positions, removal group, second order) of every document, in file order."""
    doc = frame["record_id"].str.split("-").str[0].to_numpy()
    out = []
    for d in dict.fromkeys(doc):
        rows = np.flatnonzero(doc == d)
        waves = {data.population.children[c].wave for c in t["child"].iloc[rows]}
        kinds = set(t["kind"].iloc[rows] == "duplicate")
        assert len(waves) == 1 and len(kinds) == 1  # one removal group, one order per document
        out.append((rows, waves.pop(), kinds.pop()))
    return out


def test_orders_documents(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_orders_pdf")
    children = data.population.children
    docs = _documents(frame, t, data)
    assert len(docs) > 60
    year_only, stream, space = [], [], []
    for d, (rows, wave, second) in enumerate(docs):
        lay = layout(SEED, wave, second)
        year_only.append(lay.year_only)
        stream.append(lay.stream)
        space.append(lay.joiner == " ")
        assert frame["record_id"].iloc[rows].tolist() == [f"PR{d + 1:03d}-{r + 1:02d}" for r in range(len(rows))]
        date = (data.population.waves[wave].date + dt.timedelta(days=lay.lag)).isoformat()
        one_date = set(frame["removal_date"].iloc[rows]) <= {date, ""}
        assert one_date
        lengths = set(frame["birth_date"].iloc[rows].str.len())
        assert lengths <= ({4} if lay.year_only else {10})
    assert 0.15 < np.mean(year_only) < 0.45 and 0.2 < np.mean(stream) < 0.5 and 0.45 < np.mean(space) < 0.75
    own = {c: dt.date.fromisoformat(r) for c, r, k in zip(t["child"], frame["removal_date"], t["kind"], strict=True)
           if k == "own" and r}
    later = [(dt.date.fromisoformat(r) - own[c]).days for c, r, k in
             zip(t["child"], frame["removal_date"], t["kind"], strict=True) if k == "duplicate" and r and c in own]
    assert len(later) > 20 and min(later) > 20  # a second order, weeks to months later
    modes = pd.Series([children[c].mode for c in t["child"]]).value_counts(normalize=True)
    base = pd.Series([c.mode for c in children]).value_counts(normalize=True)
    assert modes["institution"] > 1.2 * base["institution"] and modes["family"] < 0.6 * base["family"]
    covered = {children[c].wave for c in t["child"]}
    assert len(covered) < 0.75 * len({c.wave for c in children})  # only some documents obtained


def test_orders_cells_wrapped_at_the_column_width(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ru_orders_pdf")
    children = data.population.children
    cols: dict[str, list[str]] = {k: frame[k].tolist() for k in frame.columns}
    child_of: list[int] = t["child"].tolist()
    broken: list[bool] = []
    lower_stream: list[bool] = []
    lower_lattice: list[bool] = []
    places_ok: list[bool] = []
    inst_ok: list[bool] = []
    for rows, wave, second in _documents(frame, t, data):
        lay = layout(SEED, wave, second)
        for r in rows:
            child = children[child_of[r]]
            for k in NAMES:
                v = cols[k][r]
                if not v:
                    continue
                (lower_stream if lay.stream else lower_lattice).append(v[0].islower())
                if lay.stream:
                    continue
                pieces = v.split(" ")  # names have no space of their own
                if lay.joiner == "":
                    assert len(pieces) == 1
                else:
                    assert all(len(p) == lay.widths[k] for p in pieces[:-1]) and len(pieces[-1]) <= lay.widths[k]
                    if k == "patronymic":
                        broken.append(len(pieces) > 1)
            if lay.stream:
                continue
            origin = cols["origin_settlement"][r]
            expected = lay.joiner.join(wrap(order_place(child), lay.widths["origin_settlement"]))
            places_ok.append(origin == expected or origin == "" or origin in places.RUSSIAN_TOWNS)
            inst = cols["origin_institution"][r]
            if child.institution >= 0 and inst:
                forms = {places.institution_name(data.population.institutions[child.institution], f) for f in
                         ("ru", "ru_legal")}
                inst_ok.append(inst in {lay.joiner.join(wrap(f, lay.widths["origin_institution"])) for f in forms})
    assert all(places_ok) and len(places_ok) > 200
    assert all(inst_ok) and len(inst_ok) > 100
    assert 0.15 < np.mean(broken) < 0.6  # patronymics longer than the column, broken with a space
    assert not any(lower_lattice)  # every name cell starts with its capital...
    assert 0.05 < np.mean(lower_stream) < 0.3  # ...except where its first line went to the record above


# ---------------------------------------------------------------- oblast administrations' Excel lists


def test_ova_sheets_order_and_placeholders(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_ova_excel")
    children = data.population.children
    sheet = [places.SETTLEMENTS[children[c].origin].oblast for c in t["child"]]
    assert [SHEETS.index(s) for s in sheet] == sorted(SHEETS.index(s) for s in sheet)  # one sheet after another
    expected_ids, seen = [], {s: 0 for s in SHEETS}
    for s in sheet:
        seen[s] += 1
        expected_ids.append(f"OVA{s}-{seen[s]:04d}")
    assert frame["record_id"].tolist() == expected_ids
    for s in SHEETS:  # the first applications in the order they came in
        own = [application_date(children[c]) for c, sh, k in zip(t["child"], sheet, t["kind"], strict=True)
               if sh == s and k == "own"]
        in_order = own == sorted(own)
        assert in_order and own
    blank_or_ph: dict[str, list[bool]] = {k: [] for k in NAMES}
    for k in NAMES:
        for v, s in zip(frame[k], sheet, strict=True):
            if v in PLACEHOLDERS or v == "":
                assert v in ("", sheet_placeholder(SEED, s))  # the sheet's own placeholder
                blank_or_ph[k].append(v != "")
    assert 0.8 < np.mean(blank_or_ph["patronymic"]) < 0.97 and len(blank_or_ph["patronymic"]) > 150
    assert len({sheet_placeholder(SEED, s) for s in SHEETS}) > 1
    assert all(v == "" or v not in PLACEHOLDERS for v in frame["birth_date"])


def test_ova_latin_layout(data: ProfileData) -> None:
    frame, t = data.list_with_truth("ua_ova_excel")
    children = data.population.children
    latin, known = 0, []
    cells = 0
    for k, forms in (("family_name", _surnames), ("given_name", _givens), ("patronymic", _patronymics)):
        for v, c in zip(frame[k], t["child"], strict=True):
            if not v or v in PLACEHOLDERS:
                continue
            cells += 1
            if v.isascii():
                latin += 1
                known.append(v in {latin_layout(x) for x in forms(children[c])})
    assert 0.006 < latin / cells < 0.03
    assert np.mean(known) > 0.8  # the child's name on the Latin layout (typos and new forms apart)


@pytest.fixture(scope="module")
def big() -> ProfileData:
    """A larger population for the AutoComplete shares: about 20 completions per 1,000
    records, so 4,800 records give about 100 and an accepted share within 0.04 (one sd)."""
    return heldout10.generate_heldout10(4 * N, SEED)


def test_ova_autocomplete(big: ProfileData) -> None:
    frame, t = big.list_with_truth("ua_ova_excel")
    children = big.population.children
    sheet = [places.SETTLEMENTS[children[c].origin].oblast for c in t["child"]]
    accepted, declined, extended_earlier = 0, 0, []
    earlier: dict[str, dict[str, str]] = {}
    for v, c, s in zip(frame["family_name"], t["child"], sheet, strict=True):
        seen = earlier.setdefault(s, {})
        if autocomplete(v, seen) is not None:
            declined += 1  # a proposal the clerk did not take
        forms = _surnames(children[c])
        if v not in forms and any(v.startswith(x) for x in forms):  # (Швец is the start of Швець)
            extended_earlier.append(v.casefold() in seen)
            accepted += v.casefold() in seen
        if v:
            seen.setdefault(v.casefold(), v)
    assert 0.006 < accepted / len(frame) < 0.04  # a family name completed to a longer one typed above
    assert np.mean(extended_earlier) > 0.6  # the other longer forms: a typo's extra letter at the end
    assert accepted > 50 and abs(accepted / (accepted + declined) - AUTOCOMPLETE_ACCEPT) < 0.12  # three sd
    given = [v not in _givens(children[c]) and any(v.startswith(x) for x in _givens(children[c]))
             for v, c in zip(frame["given_name"], t["child"], strict=True)]
    assert 0.002 < np.mean(given) < 0.03  # Олександр -> Олександра, Мирослав -> Мирослава


# ---------------------------------------------------------------- tracing database (imported files)


def test_rfl_partners_and_encodings(data: ProfileData) -> None:
    frame, t = data.list_with_truth("intl_rfl_import")
    children = data.population.children
    letters = [p for p, _, _ in PARTNERS]
    block = frame["record_id"].str[3].map(letters.index).to_numpy()
    assert (np.diff(block) >= 0).all()  # the partners' blocks one after another
    for b in range(len(PARTNERS)):
        assert frame["record_id"][block == b].str[5:].tolist() == [f"{r + 1:05d}" for r in range((block == b).sum())]
    own = (t["kind"] != "duplicate").to_numpy()
    home = np.array([partner_of(children[c]) for c in t["child"]])
    assert (block[own] == home[own]).all() and (block[~own] != home[~own]).all() and (~own).sum() > 20
    families = pd.Series({children[c].family: partner_of(children[c]) for c in t["child"]}).value_counts(
        normalize=True)
    for b, (_, share, _) in enumerate(PARTNERS):
        assert abs(families[b] - share) < 0.08
    back = {"": "", "cp1251>cp1252": "cp1252>cp1251", "utf-8>cp1251": "cp1251>utf-8"}
    for b, (_, _, how) in enumerate(PARTNERS):
        sub = frame[block == b]
        cyr = sub["family_name"].map(lambda v: any("\u0400" <= ch <= "\u04ff" for ch in v)).to_numpy()
        undone = [mojibake(v, back[how]) for v in sub["family_name"]]
        right = np.mean([v in _surnames(children[c]) for v, c in zip(undone, t["child"][block == b], strict=True)])
        assert right > 0.85  # the family name once the two encodings are undone (typos apart)
        if how == "cp1251>cp1252":
            assert not cyr.any()
        elif how == "utf-8>cp1251":
            assert cyr.all() and sub["family_name"].str.startswith("Р").mean() > 0.5
            assert sub[["given_name", "family_name"]].map(lambda v: "\ufffd" in v).to_numpy().any()  # И lost
        else:
            assert cyr.mean() > 0.95
        assert (sub["birth_date"] == sub["birth_date"].str.replace(r"[^0-9-]", "", regex=True)).all()


def test_rfl_fathers_names(data: ProfileData) -> None:
    frame, t = data.list_with_truth("intl_rfl_import")
    children = data.population.children
    block = frame["record_id"].str[3].map([p for p, _, _ in PARTNERS].index).to_numpy()
    back = {"": "", "cp1251>cp1252": "cp1252>cp1251", "utf-8>cp1251": "cp1251>utf-8"}
    father, patronymic = 0, 0
    for v, c, b in zip(frame["patronymic"], t["child"], block, strict=True):
        v = mojibake(v, back[PARTNERS[b][2]]).replace("ё", "е")
        child = children[c]
        if v in {father_name(child.father, lang).replace("ё", "е") for lang in ("uk", "ru")}:
            father += 1
        elif v in {p.replace("ё", "е") for p in _patronymics(child)}:
            patronymic += 1
    assert father + patronymic > 0.5 * len(frame)
    assert 0.3 < father / (father + patronymic) < 0.5  # the father's given name in "father's name"
    fam = np.mean([children[c].mode == "family" for c in t["child"]])
    assert fam > 1.15 * np.mean([c.mode == "family" for c in children])
