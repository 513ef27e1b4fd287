"""Strata of linked histories: one place written in several languages is one stratum (README, ``--strata``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from estimators.linkage.histories import histories_from_clusters, node_strata
from estimators.linkage.schema import RawList


def _lists() -> list[RawList]:
    # three lists, each writing places its own way (a Ukrainian register, an oblast service
    # mixing Ukrainian and Russian, an NGO writing English)
    register = pd.DataFrame({
        "destination": ["Російська Федерація", "Республіка Білорусь", "Російська Федерація", "невідомо"],
        "origin_settlement": ["м. Донецьк", "Донецьк, Донецька обл.", "м. Луганськ", ""],
        "origin_institution": ["Дитячий будинок №3", "", "", ""],
        "sex": ["M", "F", "", "F"],
    })
    oblast = pd.DataFrame({
        "destination": ["Росія", "Білорусь", "Россия"],
        "origin_settlement": ["Донецьк", "г. Донецк", "Луганськ"],
        "origin_institution": ["Детский дом № 3", "", ""],
        "sex": ["M", "F", "M"],
    })
    ngo = pd.DataFrame({
        "destination": ["Russia", "Belarus", "Russia"],
        "origin_settlement": ["Donetsk", "Donetsk", "Luhansk"],
        "origin_institution": ["Children's home No. 3", "", ""],
        "sex": ["M", "F", "M"],
    })
    return [RawList("register", register, "r.csv"), RawList("oblast", oblast, "o.csv"), RawList("ngo", ngo, "n.csv")]


def test_countries_in_three_languages_are_one_stratum_each() -> None:
    got = node_strata(_lists(), "destination")
    assert list(got) == ["Russia", "Belarus", "Russia", None, "Russia", "Belarus", "Russia", "Russia", "Belarus", "Russia"]


def test_settlement_spellings_are_one_stratum_each() -> None:
    got = node_strata(_lists(), "origin_settlement")
    donetsk = {got[i] for i in (0, 1, 4, 5, 7, 8)}
    luhansk = {got[i] for i in (2, 6, 9)}
    assert len(donetsk) == 1 and len(luhansk) == 1 and donetsk != luhansk
    assert got[3] is None
    # the gazetteer resolves them: labelled by the official name
    assert donetsk == {"Донецьк"} and luhansk == {"Луганськ"}


def test_institution_and_sex_strata() -> None:
    inst = node_strata(_lists(), "origin_institution")
    assert len({inst[i] for i in (0, 4, 7)}) == 1 and inst[1] is None
    assert list(node_strata(_lists(), "sex")) == ["M", "F", None, "F", "M", "F", "M", "M", "F", "M"]


def test_labels_are_deterministic_and_list_order_free() -> None:
    lists = _lists()
    for column in ("destination", "origin_settlement", "origin_institution"):
        forward = node_strata(lists, column)
        backward = node_strata(lists[::-1], column)
        sizes = [len(r.frame) for r in lists]
        starts = np.cumsum([0, *sizes[:-1]])
        rstarts = np.cumsum([0, *sizes[::-1][:-1]])[::-1]
        for s, rs, n in zip(starts, rstarts, sizes, strict=True):
            assert list(forward[s:s + n]) == list(backward[rs:rs + n])


def test_child_stratum_is_most_frequent_key_not_spelling() -> None:
    # one child per column of the lists: records (0, 4, 7), (1, 5, 8), (2, 6, 9); record 3 alone
    labels = np.array([0, 1, 2, 3, 0, 1, 2, 0, 1, 2])
    node_list = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2, 2])
    for column, expected in (("destination", {"Russia": 2, "Belarus": 1, "unknown": 1}),
                             ("origin_settlement", {"Донецьк": 2, "Луганськ": 1, "unknown": 1})):
        h = histories_from_clusters(labels, node_list, ["register", "oblast", "ngo"],
                                    node_stratum=node_strata(_lists(), column), stratum_column=column)
        counts = {lab[0]: h.select_stratum(lab).n for lab in h.strata_labels()}
        assert counts == expected


def test_unknown_column_is_refused() -> None:
    with pytest.raises(ValueError, match="stratum column"):
        node_strata(_lists(), "family_name")


def test_two_keys_one_label_stay_two_strata(monkeypatch: pytest.MonkeyPatch) -> None:
    # namesake villages: two KATOTTH codes with one official name keep apart, by their code
    import estimators.linkage.histories as hist

    monkeypatch.setattr(hist, "_stratum_key", lambda column, v: (f"katotth:{v}", "Новоселівка"))
    lists = [RawList("a", pd.DataFrame({"origin_settlement": ["UA1", "UA2", "UA1"]}), "a.csv")]
    assert list(node_strata(lists, "origin_settlement")) == ["Новоселівка (UA1)", "Новоселівка (UA2)", "Новоселівка (UA1)"]


def test_places_of_an_ocr_list_and_a_georgian_list_are_read_as_the_linkage_reads_them() -> None:
    """A list of Cyrillic OCR'd as Latin look-alikes (r. MakeeBka) and a Georgian register (Donetsk'i,
    Mariupoli: the nominative -i) key their places as the linkage does, into the Cyrillic's strata."""
    cyr = pd.DataFrame({"origin_settlement": ["м. Макіївка", "Донецьк", "Маріуполь"]})
    ocr = pd.DataFrame({"family_name": ["JIEWEHKO", "MOPO3", "HECTEPEHKO"] * 8,
                        "given_name": ["MapuR", "BnaAucnaB", "NonuHa"] * 8,
                        "origin_settlement": ["r. MakeeBka"] * 24})
    geo = pd.DataFrame({"family_name": ["Kovalovi", "Tkachuki", "Sorok'ina", "Gavrilishini"] * 6,
                        "given_name": ["Vikt'oria", "Maksimi", "P'olina", "Denisi"] * 6,
                        "origin_settlement": ["Donetsk'i", "Mariupoli", "Donetsk'i", "Mariupoli"] * 6})
    got = node_strata([RawList("ua", cyr, "ua.csv"), RawList("ocr", ocr, "ocr.csv"), RawList("ka", geo, "ka.csv")],
                      "origin_settlement")
    makiivka, donetsk, mariupol = got[0], got[1], got[2]
    assert len({makiivka, donetsk, mariupol}) == 3
    assert set(got[3:27]) == {makiivka}
    assert list(got[27:31]) == [donetsk, mariupol, donetsk, mariupol]
