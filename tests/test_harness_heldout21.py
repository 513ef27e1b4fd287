"""The twenty-first held-out profile ``heldout_fillseries_engocr_macfolders`` (``tests/harness/heldout21.py``)
and the error processes written for it.

The profile is generated and checked, NEVER linked: no test here calls ``link_lists``,
``removals link``, ``evaluate_profile`` or ``bench/linkage_harness.py`` on it.  Its data
are SYNTHETIC; no test prints a record (comparisons are reduced to booleans and shares
before asserting).  The examples are name-table entries and made-up values, not records.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from estimators.linkage import read_lists
from estimators.linkage.schema import validate_list
from tests.harness import heldout21, lexicon, places, write_profile
from tests.harness.heldout21 import (
    DOCS,
    ENGINE_A,
    FOLDERS,
    GIVEN_FIRST,
    LATIN_OCR_A,
    LATIN_OCR_B,
    MAC_VOLUNTEERS,
    NO_SEX_DOCS,
    NOTICED,
    OCR_COLUMNS,
    PGO,
    SCANNED,
    SERIES_CLERKS,
    YEAR_ONLY_DOCS,
    block_columns,
    block_of,
    clerk_habit,
    clerk_of,
    copy_suffix,
    document_date,
    document_habit,
    document_of,
    fill_series,
    fills_series,
    folder_name,
    latin_ocr,
    mac_name,
    noticed,
    parse_folder,
    registered_on,
    volunteer_habit,
    volunteer_of,
)
from tests.harness.lists import SCHEMA
from tests.harness.metrics import within_binomial
from tests.harness.profiles import ProfileData, build

N = 2000
SEED = 0
LISTS = (PGO, DOCS, FOLDERS)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.fixture(scope="module")
def data() -> ProfileData:
    return heldout21.generate_heldout21(N, SEED)


@pytest.fixture(scope="module")
def base() -> ProfileData:
    """The lists as :func:`.profiles.build` renders them, before each source's rewriting."""
    return build(heldout21.heldout21_spec(), N, SEED)


def _same(a: object, b: object) -> bool:
    """``a == b`` as a boolean (a failing assert then shows no record)."""
    return bool(a == b)


def _row(frame: pd.DataFrame, r: int) -> dict[str, str]:
    return {k: str(frame[k][r]) for k in SCHEMA[1:]}


def _base_rows(base: ProfileData, name: str) -> dict[tuple[int, bool], dict[str, str]]:
    """(child, a duplicate) -> the child's row as rendered before the rewriting."""
    frame, t = base.list_with_truth(name)
    out = {
        (int(c), k == "duplicate"): _row(frame, r) for r, (c, k) in enumerate(zip(t["child"], t["kind"], strict=True))
    }
    assert len(out) == len(frame)  # at most one record and one duplicate of a child
    return out


def test_its_name_and_lists() -> None:
    """(Kept apart from tuning and from every other profile: tests/test_harness_heldout_contract.py.)"""
    assert heldout21.NAME == "heldout_fillseries_engocr_macfolders"
    assert tuple(s.name for s in heldout21.heldout21_spec().lists) == LISTS
    assert heldout21.heldout21_spec().output_order == LISTS
    doc = heldout21.__doc__ or ""
    assert doc.startswith(
        "TWENTY-FIRST HELD-OUT error profile ``heldout_fillseries_engocr_macfolders``: NEVER use it for tuning."
    )
    assert "heldout_tbilisi_svodki_versions" in doc
    assert "was run ONCE (2026-12-07" in doc  # run once, at the end of that session


def test_valid_input_for_the_linkage_reader(data: ProfileData, tmp_path: Path) -> None:
    """The lists pass the linkage's own input validation (reading only; nothing is linked)."""
    for name, frame in data.lists:
        assert tuple(frame.columns) == SCHEMA and frame["record_id"].is_unique
        assert all(isinstance(v, str) for v in frame.to_numpy().ravel())
        assert validate_list(frame, name=name).size == len(frame)
    raw = read_lists(write_profile(data, tmp_path, "csv"))
    assert [r.name for r in raw] == list(LISTS) and [r.size for r in raw] == [len(f) for _, f in data.lists]
    assert len(data.truth) == sum(len(f) for _, f in data.lists)


# ---------------------------------------------------------------- helpers on made-up values and name-table entries


def test_fill_handle_series() -> None:
    assert fill_series("2022-03-30", 3) == "2022-04-02" and fill_series("2022-03-30", 0) == "2022-03-30"
    assert fill_series("Горлівська спеціальна школа-інтернат №2", 4) == "Горлівська спеціальна школа-інтернат №6"
    assert fill_series("Горлівський дитячий будинок", 4) == "Горлівський дитячий будинок"
    assert fill_series("Російська Федерація", 2) == "Російська Федерація" and fill_series("", 5) == ""
    assert fill_series("м. Маріуполь", 1) == "м. Маріуполь"
    assert fill_series("2012", 1) == "2012"  # a number alone is copied by a single-cell drag
    # the institutions of the harness that end in a number are the numbered schools
    numbered = {k.key for k in places.INSTITUTION_KINDS if fill_series(k.uk.format(n=3), 1) != k.uk.format(n=3)}
    assert numbered == {"boarding", "special"}


def test_english_ocr_of_cyrillic() -> None:
    assert latin_ocr("КОВАЛЕНКО", True) == "KOBAJIEHKO" and latin_ocr("КОВАЛЕНКО", False) == "KOBAJlEHKO"
    assert latin_ocr("Мария", True) == "MapuR" and latin_ocr("Мария", False) == "Mapu9"
    assert latin_ocr("Ивановна", True) == "NBaHoBHa" and latin_ocr("Ивановна", False) == "UBahoBha"
    assert latin_ocr("г. Мариуполь", True) == "r. Mapuynonb" and latin_ocr("ЧЕРНЫХ", True) == "4EPHbIX"
    assert latin_ocr("ЖУК", False) == ">K<YK" and latin_ocr("ШЕВЧУК", False) == "LLIEB4YK"
    assert latin_ocr("школа-интернат №3", True) == "wkona-uHTepHaT No3"
    assert latin_ocr("ГБУ «Донецкий дом ребёнка»", False) == "r6Y <<Doheukuu gom pe6ehka>>"
    assert latin_ocr("2012-03-05", True) == "2012-03-05"
    for table in (LATIN_OCR_A, LATIN_OCR_B):
        assert all(v.isascii() and v for v in table.values())
    # no Cyrillic left for any Russian name or place of the tables, whatever the program
    words = [g.ru for g in lexicon.GIVEN] + [lexicon.FATHERS[i].ru_m for i in range(len(lexicon.FATHERS))]
    words += [lexicon.FATHERS[i].ru_f for i in range(len(lexicon.FATHERS))]
    words += [lexicon.surname_form(s, sex, "ru").upper() for s in lexicon.SURNAMES for sex in "MF"]
    words += [s.ru_src for s in places.SETTLEMENTS] + [d.ru for d in places.DESTINATIONS]
    for inst in range(len(places.INSTITUTION_KINDS)):
        for form in ("ru", "ru_legal"):
            words.append(places.institution_name(places.Institution(0, inst, 2), form))
    for w in words:
        for engine_a in (True, False):
            assert not _CYRILLIC.search(latin_ocr(w, engine_a))


def test_folder_names_and_the_script() -> None:
    rec = {"family_name": "Олійник", "given_name": "Андрій", "patronymic": "Сергійович", "birth_date": "2012-03-05"}
    assert folder_name(rec, False) == "Олійник Андрій Сергійович 05.03.2012"
    assert folder_name(rec, True) == "Андрій Олійник 05.03.2012"
    assert folder_name({**rec, "birth_date": "2012", "patronymic": ""}, False) == "Олійник Андрій 2012 р.н."
    assert folder_name({**rec, "birth_date": ""}, False) == "Олійник Андрій Сергійович"
    assert parse_folder("Олійник Андрій Сергійович 05.03.2012") == {**rec}
    assert parse_folder("Андрій Олійник 05.03.2012") == {
        "family_name": "Андрій",
        "given_name": "Олійник",
        "patronymic": "",
        "birth_date": "2012-03-05",
    }
    assert parse_folder("Олійник Андрій 2012 р.н. - копія") == {
        "family_name": "Олійник",
        "given_name": "Андрій",
        "patronymic": "- копія",
        "birth_date": "2012",
    }
    assert parse_folder("Олійник Андрій Сергійович 05.03.2012 (1)")["patronymic"] == "Сергійович (1)"
    mac = mac_name("Олійник Андрій Сергійович")
    assert mac != "Олійник Андрій Сергійович" and unicodedata.normalize("NFC", mac) == "Олійник Андрій Сергійович"
    assert len(mac) == len("Олійник Андрій Сергійович") + 3  # each й one combining breve more
    assert mac_name("Коваленко Марія") == "Коваленко Марія"  # no й, ї, ё: nothing to decompose
    assert unicodedata.normalize("NFD", "Ковалёв") == "Ковале\u0308в" and mac_name("Марїя")[3] == "і"


def test_habits_fixed_and_drawn_by_their_shares() -> None:
    clerks = [clerk_habit(s, c) for s in range(300) for c in range(8)]
    assert clerk_habit(3, 5) == clerk_habit(3, 5)
    assert within_binomial(float(np.mean(clerks)), SERIES_CLERKS, len(clerks), sds=4.0)
    seen = [noticed(s, (3, f)) for s in range(20) for f in range(100)]
    assert within_binomial(float(np.mean(seen)), NOTICED, len(seen), sds=4.0)
    docs = [document_habit(s, (w, 0)) for s in range(20) for w in range(150)]
    for k, share in ((0, SCANNED), (1, ENGINE_A), (2, YEAR_ONLY_DOCS), (3, NO_SEX_DOCS)):
        assert within_binomial(float(np.mean([d[k] for d in docs])), share, len(docs), sds=4.0)
    volunteers = [volunteer_habit(s, v) for s in range(200) for v in range(15)]
    for k, share in ((0, MAC_VOLUNTEERS), (1, GIVEN_FIRST)):
        assert within_binomial(float(np.mean([v[k] for v in volunteers])), share, len(volunteers), sds=4.0)


# ---------------------------------------------------------------- the prosecutors' sheet


def test_pgo_blocks_filled_down(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(PGO)
    pop = data.population
    before = _base_rows(base, PGO)
    assert frame["record_id"].str.fullmatch(r"KP\d{4}-\d{2,}").all() and frame["record_id"].is_unique
    blocks: dict[str, list[int]] = {}
    for r, rid in enumerate(frame["record_id"]):
        blocks.setdefault(rid.split("-")[0], []).append(r)
    assert list(blocks) == sorted(blocks)  # blocks one after another, numbered in order
    shifted_dates: list[bool] = []
    shifted_numbers = 0
    series_blocks: list[bool] = []
    twins = 0
    registered: list[dt.date] = []
    for rs in blocks.values():
        kids = [pop.children[int(t["child"][r])] for r in rs]
        dup = [t["kind"][r] == "duplicate" for r in rs]
        keys = {block_of(c, d) for c, d in zip(kids, dup, strict=True)}
        assert len(keys) == 1  # one proceeding per block
        block = keys.pop()
        registered.append(registered_on(SEED, block, kids[0].removal))
        assert frame["record_id"][rs[0]].endswith("-01")
        series = fills_series(SEED, block)
        assert series == (clerk_habit(SEED, clerk_of(SEED, block)) and not noticed(SEED, block))
        first = _row(frame, rs[0])
        assert _same(first, before[(kids[0].child_id, dup[0])])  # the first row as typed
        if len(rs) > 1:
            series_blocks.append(series)
        for k, r in enumerate(rs[1:], start=1):
            row, c = _row(frame, r), kids[k]
            typed = before[(c.child_id, dup[k])]
            for col in SCHEMA[1:]:
                if col in block_columns(block):
                    assert _same(row[col], fill_series(first[col], k) if series else first[col])
                elif col == "birth_date" and c.twin and kids[k - 1].child_id == c.child_id - 1:
                    above = _row(frame, rs[k - 1])["birth_date"]
                    assert _same(row[col], fill_series(above, 1) if series else above)
                    twins += 1
                else:
                    assert _same(row[col], typed[col])
            if series and first["removal_date"]:
                shifted_dates.append(row["removal_date"] != first["removal_date"])
            if series and row["origin_institution"] != first["origin_institution"]:
                shifted_numbers += 1
    assert registered == sorted(registered)
    assert len(series_blocks) > 80 and 0.1 < float(np.mean(series_blocks)) < 0.7
    assert len(shifted_dates) > 50 and all(shifted_dates)
    assert shifted_numbers > 0 and twins > 0
    # a block is an institution's group, a Belarus group, a family, or a second proceeding
    assert float(np.mean(t["kind"] == "duplicate")) < 0.06


# ---------------------------------------------------------------- Russian documents OCR'd in English


def test_documents_read_in_english(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(DOCS)
    pop = data.population
    before = _base_rows(base, DOCS)
    assert frame["record_id"].str.fullmatch(r"D\d{3,}-\d{3,}").all() and frame["record_id"].is_unique
    docs: dict[tuple[int, int], bool] = {}
    dates: list[dt.date] = []
    latin_rows: list[bool] = []
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        c = pop.children[int(c_id)]
        second = kind == "duplicate"
        doc = document_of(c, second)
        dates.append(document_date(SEED, c, second))
        scan, engine_a, year_only, no_sex = document_habit(SEED, doc)
        docs[doc] = scan
        row, typed = _row(frame, r), before[(c.child_id, second)]
        for col in OCR_COLUMNS:
            assert _same(row[col], latin_ocr(typed[col], engine_a) if scan else typed[col])
            if scan:
                assert not _CYRILLIC.search(row[col])
        assert _same(row["birth_date"], typed["birth_date"][:4] if year_only else typed["birth_date"])
        assert _same(row["sex"], "" if no_sex else typed["sex"])
        assert _same(row["removal_date"], typed["removal_date"])
        if typed["family_name"]:
            assert typed["family_name"].isupper()  # capitals, as Russian lists write it
        latin_rows.append(scan)
    assert dates == sorted(dates)
    assert within_binomial(float(np.mean(list(docs.values()))), SCANNED, len(docs), sds=4.0)
    assert 0.2 < float(np.mean(latin_rows)) < 0.75
    # a document's rows together, numbered in order
    numbers = frame["record_id"].str.split("-").str[0].str[1:].astype(int)
    assert numbers.is_monotonic_increasing


# ---------------------------------------------------------------- the volunteers' folders


def test_folder_names_read_by_the_script(data: ProfileData, base: ProfileData) -> None:
    frame, t = data.list_with_truth(FOLDERS)
    pop = data.population
    before = _base_rows(base, FOLDERS)
    assert frame["record_id"].tolist() == [f"VD{r + 1:05d}" for r in range(len(frame))]
    own: dict[int, dict[str, str]] = {}
    decomposed: list[bool] = []
    swapped: list[bool] = []
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        if kind == "duplicate":
            continue
        c = pop.children[int(c_id)]
        mac, given_first = volunteer_habit(SEED, volunteer_of(SEED, c))
        typed = before[(c.child_id, False)]
        folder = folder_name(typed, given_first)
        row = _row(frame, r)
        read = parse_folder(mac_name(folder) if mac else folder)
        assert _same({k: row[k] for k in ("family_name", "given_name", "patronymic", "birth_date")}, read)
        assert _same({k: row[k] for k in SCHEMA[5:]}, {k: typed[k] for k in SCHEMA[5:]})  # the intake form's
        names = row["family_name"] + row["given_name"] + row["patronymic"]
        if mac and re.search("[йЙїЇёЁ]", folder):
            assert unicodedata.normalize("NFC", names) != names
            decomposed.append(True)
        else:
            assert unicodedata.normalize("NFC", names) == names
        if given_first:
            nfc = {k: unicodedata.normalize("NFC", row[k]) for k in ("family_name", "given_name")}
            assert _same(nfc, {"family_name": typed["given_name"], "given_name": typed["family_name"]})
            assert row["patronymic"] == ""
        swapped.append(given_first)
        own[c.child_id] = row
    copies = 0
    for r, (c_id, kind) in enumerate(zip(t["child"], t["kind"], strict=True)):
        if kind != "duplicate":
            continue
        c = pop.children[int(c_id)]
        mac, _ = volunteer_habit(SEED, volunteer_of(SEED, c))
        row, src = _row(frame, r), own[c.child_id]
        suffix = copy_suffix(SEED, c, mac)
        assert _same(row, {**src, "patronymic": f"{src['patronymic']} {suffix}".strip()})
        copies += 1
    assert copies > 15
    assert len(decomposed) > 20
    assert 0.0 < float(np.mean(swapped)) < 0.6  # a few volunteers: the share of rows varies by seed


# ---------------------------------------------------------------- the whole profile


def test_deterministic_and_seeded(data: ProfileData) -> None:
    again = heldout21.generate_heldout21(N, SEED)
    for (n1, f1), (n2, f2) in zip(data.lists, again.lists, strict=True):
        assert n1 == n2 and f1.equals(f2)
    assert data.truth.equals(again.truth)
    other = heldout21.generate_heldout21(N, SEED + 1)
    assert not any(f1.equals(f2) for (_, f1), (_, f2) in zip(data.lists, other.lists, strict=True))
    assert data.list_names == LISTS
    assert all(len(f) > 300 for _, f in data.lists)
    c = data.population.children[0]
    assert volunteer_of(SEED, c) == volunteer_of(SEED, c) and copy_suffix(SEED, c, True) == copy_suffix(SEED, c, True)
    assert fills_series(SEED, block_of(c)) == fills_series(SEED, block_of(c))
    assert document_habit(SEED, document_of(c)) == document_habit(SEED, document_of(c))


@pytest.mark.parametrize("n", [300, 1000])
def test_small_populations(n: int) -> None:
    d = heldout21.generate_heldout21(n, 5)
    assert len(d.population.children) == n and d.list_names == LISTS
    assert all(len(f) > 0 for _, f in d.lists)
    for li, (_, frame) in enumerate(d.lists):
        tl = d.truth[d.truth["list"] == li]
        assert len(tl) == len(frame) and tl["row"].tolist() == list(range(len(frame)))
        assert tl[tl["kind"] != "duplicate"]["child"].is_unique
        assert set(tl[tl["kind"] == "duplicate"]["child"]) <= set(tl[tl["kind"] != "duplicate"]["child"])
