"""Names cut at a list's field length: found per list, completed where one reading is left (SYNTHETIC names)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from estimators.linkage.standardise import load_name_table, name_key, standardise_records
from estimators.linkage.truncation import cut_cells, unique_completion

GIVEN = ["Олександр", "Олександра", "Анастасія", "Володимир", "Дмитро", "Іван", "Марія", "Софія", "Єва", "Артем",
         "Вікторія", "Максим"]
PATRONYMIC = ["Валерійович", "Олександрович", "Сергіївна", "Іванович", "Петрівна", "Андрійович"]


def _bytes_cut(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def test_a_byte_limit_is_found_and_a_long_common_name_is_not_a_cut() -> None:
    t = load_name_table()
    known = lambda v: name_key(v) in t.given  # noqa: E731
    rng = np.random.default_rng(0)
    names = list(rng.choice(GIVEN, 400))
    cut = [_bytes_cut(n, 16) for n in names]  # VARCHAR(16) of UTF-8: eight Cyrillic letters
    lists = np.repeat([0, 1], 400)
    mask = cut_cells(cut + names, lists, known)
    # every value at the limit counts as cut, Вікторія (eight letters, whole) too: it completes to itself
    assert mask[:400].tolist() == [len(n) >= 8 for n in names] and not mask[400:].any()
    # a list where the longest values are one common complete name: a pile, not a cut
    pile = ["Олександрович"] * 80 + list(rng.choice(["Іванович", "Петрович", "Сергійович"], 320))
    is_whole = lambda v: v.endswith(("ович", "івна"))  # noqa: E731
    assert not cut_cells(pile, np.zeros(400), is_whole).any()


def test_unique_completion_needs_one_key() -> None:
    forms = sorted(["oleksandr", "oleksandra", "oleksii", "valeriia"])
    key = {"oleksandr": "oleksandr", "oleksandra": "oleksandra", "oleksii": "oleksii", "valeriia": "valeriia"}.get
    assert unique_completion("valer", forms, key) == "valeriia"
    assert unique_completion("oleksand", forms, key) is None  # two names
    assert unique_completion("oleksand", forms, lambda f: "same") == "same"
    assert unique_completion("zzz", forms, key) is None


def test_cut_names_are_completed_or_kept_as_initials() -> None:
    rng = np.random.default_rng(1)
    n = 300
    given = list(rng.choice(GIVEN, n))
    sex = ["F" if g.endswith(("а", "я")) or g in ("Марія", "Софія", "Єва", "Вікторія") else "M" for g in given]
    # a son's patronymic for a boy, a daughter's for a girl (a record whose sex contradicts its patronymic has
    # its sex read as missing: tests/test_linkage_sex_patronymic.py)
    patronymic = [str(rng.choice([p for p in PATRONYMIC if p.endswith("вна") == (sx == "F")])) for sx in sex]
    full = pd.DataFrame({"given_name": given, "patronymic": patronymic, "sex": sex, "source_dataset": "register"})
    cut = full.assign(given_name=[_bytes_cut(g, 16) for g in given],
                      patronymic=[_bytes_cut(p, 20) for p in patronymic], source_dataset="legacy")
    keys = standardise_records(pd.concat([full, cut], ignore_index=True).astype("string"))
    whole, short = keys.iloc[:n].reset_index(drop=True), keys.iloc[n:].reset_index(drop=True)
    # every cut patronymic gets its father's name back from the register's whole ones
    assert (short["patronymic_key"] == whole["patronymic_key"]).all()
    # a cut given name: completed to its group (with the record's sex for Олександ; Анастасі by its key without the last letter)
    same = short["given_key"] == whole["given_key"]
    assert same.all()
    assert (short["given_initial"] == whole["given_initial"]).all()


def test_initials_are_never_completed_to_a_name() -> None:
    """A list of initials piles up at two or three characters and has no complete value: no cap."""
    rulings = pd.DataFrame({"given_name": ["В."] * 60 + ["О."] * 30 + ["В"] * 5,
                            "patronymic": ["Б."] * 60 + ["І."] * 30 + ["Б"] * 5, "source_dataset": "rulings"})
    register = pd.DataFrame({"given_name": list(np.resize(GIVEN, 95)), "patronymic": list(np.resize(PATRONYMIC, 95)),
                             "source_dataset": "register"})
    keys = standardise_records(pd.concat([rulings, register], ignore_index=True).astype("string"))
    assert keys["patronymic_key"].iloc[:95].isna().all() and keys["given_key"].iloc[:95].isna().all()
    assert keys["patronymic_initial"].iloc[:95].notna().all()
    cut = cut_cells(rulings["patronymic"].tolist(), np.zeros(95), lambda v: v.endswith(("вич", "івна")))
    assert not cut.any()
