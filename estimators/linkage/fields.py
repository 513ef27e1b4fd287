"""Fields that act as a list label: detected from the data and given no weight.

A field that one list writes one way and another list another way - ``Belarus`` on one
list, ``Беларусь`` on the second, ``Білорусь`` on the third, or a source's fixed
institution - agrees within a list and disagrees across lists, whoever the records are.
Fellegi-Sunter EM, which learns from the pairs it is given, then learns that agreeing on
the field is evidence *against* a match (the pairs that agree are the pairs within one
list, mostly different children) and disagreeing evidence *for* it (issue 11, cause 1).
The language-aware keys of :mod:`.places` fold most such spellings; what they cannot fold
is caught here, before any training, from two signatures:

``constant within lists``
    in every list that records the field, one value holds at least
    :data:`CONSTANT_SHARE` of its records: the field says little about which child a
    record is (and, when the lists' values differ, it says which list the record is on);
``list-specific coding``
    the lists record the field with values that (almost) never occur on another list -
    fewer than :data:`SHARED_SHARE` of the records of each list carry a value that some
    other list uses - although values repeat within each list (so it is coding, not a
    free-text identifier).

Such a field is *neutralised*: its comparison and the blocking rules on it are dropped,
and the linkage summary says so.  Columns with data on fewer than two lists are left to
the model (nothing to compare across lists).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["CONSTANT_SHARE", "SHARED_SHARE", "CATEGORICAL_KEYS", "FieldCheck", "list_label_fields"]

#: A field whose most frequent value holds at least this share of every list's records is constant.
CONSTANT_SHARE = 0.9
#: A field whose shared values cover less than this share of every list's records is coded per list.
SHARED_SHARE = 0.05
#: Key columns checked (categorical fields; names and dates identify children and are not).
CATEGORICAL_KEYS = ("destination_key", "institution_key", "settlement_key", "removal_month")
_MIN_VALUES = 20


@dataclass(frozen=True)
class FieldCheck:
    """Result of the check of one field.

    Attributes
    ----------
    column : key column.
    reason : ``"constant within lists"``, ``"list-specific coding"`` or ``""`` (kept).
    lists_checked : number of lists with enough values to judge.
    modal_share : per checked list, share of its records holding its most frequent value.
    shared_share : per checked list, share of its records whose value occurs on another list.
    """

    column: str
    reason: str
    lists_checked: int
    modal_share: tuple[float, ...]
    shared_share: tuple[float, ...]

    @property
    def neutralised(self) -> bool:
        return bool(self.reason)


def _check(column: str, values: pd.Series, lists: np.ndarray, k: int) -> FieldCheck:
    modal: list[float] = []
    shared: list[float] = []
    repeats: list[bool] = []
    present = values.notna().to_numpy()
    by_list = {i: values[(lists == i) & present].astype(str) for i in range(k)}
    checked = [i for i in range(k) if len(by_list[i]) >= _MIN_VALUES]
    for i in checked:
        v = by_list[i]
        counts = v.value_counts()
        modal.append(float(counts.iloc[0] / len(v)))
        others = set().union(*[set(by_list[j]) for j in range(k) if j != i]) if k > 1 else set()
        shared.append(float(v.isin(others).mean()))
        repeats.append(bool(v.nunique() <= 0.5 * len(v)))
    reason = ""
    if len(checked) >= 2:
        if all(s >= CONSTANT_SHARE for s in modal):
            reason = "constant within lists"
        elif all(s < SHARED_SHARE for s in shared) and all(repeats):
            reason = "list-specific coding"
    return FieldCheck(column=column, reason=reason, lists_checked=len(checked), modal_share=tuple(modal),
                      shared_share=tuple(shared))


def list_label_fields(keys: pd.DataFrame, node_list: np.ndarray, n_lists: int,
                      columns: Sequence[str] = CATEGORICAL_KEYS) -> list[FieldCheck]:
    """Check every categorical key column for the list-label signatures.

    Parameters
    ----------
    keys : DataFrame of standardised keys (:func:`.standardise.standardise_records`), one
        row per record, stacked over the lists.
    node_list : list index of every row.
    n_lists : number of lists.
    columns : columns to check (those absent from ``keys`` are skipped).

    Returns
    -------
    list of FieldCheck, one per column checked.

    Examples
    --------
    >>> keys = pd.DataFrame({"destination_key": ["belarus"] * 30 + ["bilorus"] * 30})
    >>> [c.reason for c in list_label_fields(keys, np.repeat([0, 1], 30), 2)]
    ['constant within lists']
    """
    node_list = np.asarray(node_list)
    return [_check(c, keys[c], node_list, n_lists) for c in columns if c in keys.columns]
