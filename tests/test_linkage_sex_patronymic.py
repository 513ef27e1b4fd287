"""A sex that contradicts a whole patronymic is read as missing (SYNTHETIC records)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from estimators.linkage.folding import name_key
from estimators.linkage.standardise import patronymic_sex, standardise_records

from .conftest import link_frames


@pytest.mark.parametrize(("patronymic", "sex"), [
    ("Ігорович", "M"), ("Игоревич", "M"), ("Миколайович", "M"), ("Сергіївна", "F"), ("Игоревна", "F"),
    ("Юріївна", "F"), ("Олексіївна", "F"),
    # a cut patronymic, a family name with a patronymic's ending, a lone -ич and no patronymic at all
    ("Костянтино", None), ("Лукашевич", None), ("Кузьмич", None), ("Шевченко", None),
])
def test_the_sex_a_patronymic_gives(patronymic: str, sex: str | None) -> None:
    assert patronymic_sex(name_key(patronymic) or "") == sex


def test_a_sex_against_the_patronymic_is_missing_and_counted() -> None:
    frame = pd.DataFrame({
        "source_dataset": ["a"] * 7,
        "given_name": ["Олександ", "Саша", "Саша", "Женя", "Женя", "Марія", "Марія"],
        "patronymic": ["Ігорович", "Ігорович", "Ігорівна", "Ігорович", "Костянтино", "Ігорович", "Ігорович"],
        "sex": ["F", "M", "M", "F", "F", "F", "M"],
    }, dtype="string")
    keys = standardise_records(frame)
    # rows 0 and 3: a son's patronymic on a girl; row 2: a daughter's on a boy; row 4: a cut patronymic says
    # nothing; row 5: Марія confirms the girl (the patronymic is the one written wrong); row 6: a boy named
    # Марія is read as no sex by the given-name rule already
    assert [None if pd.isna(x) else x for x in keys["sex"]] == [None, "M", None, None, "F", "F", None]
    assert keys.attrs["cells_read"]["a"]["sex_contradicted"] == 3


def test_a_boy_written_as_a_girl_links_and_the_summary_says_so(tmp_path) -> None:
    """One list's sex column is wrong on some rows; the patronymic (a son's) shows it.  The given name is cut at
    eight letters (Олександ: Олександр or Олександра), so only the patronymic tells the child's sex."""
    families = ["Гуменюк", "Дячук", "Ковальчук", "Харченко", "Климишин", "Дорошенко", "Бондаренко", "Ткаченко",
                "Мельник", "Кравець", "Олійник", "Лисенко", "Савченко", "Руденко", "Марченко", "Поліщук"]
    n = 64
    fathers = ["Ігорович", "Петрович", "Андрійович", "Миколайович"]
    register = pd.DataFrame({
        "record_id": [f"r{i}" for i in range(n)],
        "family_name": [families[i % 16] for i in range(n)],
        "given_name": ["Олександр"] * n,
        "patronymic": [fathers[i // 16] for i in range(n)],
        "birth_date": [f"{2005 + i % 12}-{1 + i % 12:02d}-{2 + i % 27:02d}" for i in range(n)],
        "sex": ["M"] * n,
        "origin_settlement": ["Кадіївка"] * n,
    })
    wrong = np.arange(n) % 4 == 1  # SYNTHETIC: every fourth row of the export has its sex flipped
    export = register.assign(record_id=[f"e{i}" for i in range(n)], given_name="Олександ",
                             sex=np.where(wrong, "F", "M"))
    result = link_frames(tmp_path, {"register": register, "export": export})
    labels = np.asarray(result.labels)
    assert all(labels[i] == labels[n + i] for i in range(n))
    assert result.summary.model["cells_read"]["export"]["sex_contradicted"] == int(wrong.sum())
    text = result.summary.render()
    assert f"list export: {int(wrong.sum())} sexes contradicting the patronymic (Ігорович for a girl) read as missing" in text
    assert not any(v in text for v in families)
    few = dataclasses.replace(result.summary, model={**result.summary.model, "cells_read": {"export": {
        "sex_contradicted": 3}}})
    assert "list export: <5 sexes contradicting the patronymic" in few.render(public=True, min_cell=5)


def test_a_contradicted_sex_reads_no_key() -> None:
    """Женя with a son's patronymic and F: the given name's key is read without the sex (Євген or Євгенія
    cannot be told), as for the same row with no sex written."""
    frame = pd.DataFrame({"source_dataset": ["a", "a"], "given_name": ["Женя", "Женя"],
                          "patronymic": ["Ігорович", "Ігорович"], "sex": ["F", ""]}, dtype="string")
    keys = standardise_records(frame)
    assert keys["given_key"].iloc[0] == keys["given_key"].iloc[1]
    assert keys["family_key"].isna().all() and keys["sex"].isna().all()
