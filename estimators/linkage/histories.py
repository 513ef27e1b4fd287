"""From clusters of records to capture histories (one row per child, one column per list).

A cluster is one child.  The child is *on* list k when at least one record of the
cluster comes from list k (within-list duplicates count once); records too thin to link
(:mod:`.identifiable`) put no child on a list, unless they are kept.  With a stratum column,
the child's stratum is the most frequent key among the cluster's records, thin ones
included (they were linked to it: what they say about the child counts; ties: the
first label in sort order; all missing: ``unknown``).  The key is the one the linkage
compares for that field (:func:`node_strata`), so that ``Білорусь``, ``Республіка
Білорусь`` and ``Belarus``, or ``Донецьк``, ``м. Донецьк`` and ``Donetsk``, written by
different lists, fall in one stratum; each key has one readable label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..histories import CaptureHistories
from .schema import RawList

__all__ = ["COUNTRY_LABELS", "STRATUM_COLUMNS", "UNKNOWN", "node_strata", "histories_from_clusters"]

#: Columns of the raw lists that may define strata (never names, dates or ids).
STRATUM_COLUMNS = ("origin_settlement", "origin_institution", "destination", "sex")
UNKNOWN = "unknown"


#: Readable labels of the country keys (:func:`.places.place_key`): one fixed English name
#: each, whatever language the lists wrote the country in.
COUNTRY_LABELS = {"by": "Belarus", "ru": "Russia", "ua": "Ukraine"}


def _stratum_key(column: str, value: str) -> tuple[str | None, str | None]:
    """(key, fixed label) of one written stratum value: the key the linkage compares for
    that field (:mod:`.places`); the fixed label is None where the label is the most
    frequent written value of the key."""
    from .places import country_of, institution_key, names_a_passage, place_key, settlement_code, settlement_place_key

    if column == "destination":
        key = place_key(value)
        if key is not None and key.startswith("country:"):
            code = country_of(key)
            return key, COUNTRY_LABELS.get(code or "", None)
        return (None, None) if key is None else (f"place:{key}", None)
    if column == "origin_settlement":
        if names_a_passage(value):  # a camp or a checkpoint is no origin (as the linkage reads it)
            return None, None
        code = settlement_code(value)
        if code is not None:
            from .gazetteer import load_gazetteer

            return f"katotth:{code}", load_gazetteer().official_name(code)
        key = settlement_place_key(value)
        return (None, None) if key is None else (f"place:{key}", None)
    key = institution_key(value)  # origin_institution
    return (None, None) if key is None else (f"institution:{key}", None)


def _read_as_the_linkage_reads(lists: Sequence[RawList], column: str) -> pd.Series:
    """A text column of the stacked lists as :func:`.standardise.standardise_records` reads it
    before keying: a wrong code page repaired (:mod:`.mojibake`), capitals a romanisation left
    Cyrillic romanised (:mod:`.partial_romanisation`), Cyrillic OCR'd as Latin
    look-alikes read back (:mod:`.lookalikes`), a list's orthography rewritten (:mod:`.orthography`),
    each decided per list from all its text columns."""
    from .gazetteer import load_gazetteer
    from .lookalikes import LOOKALIKE_COLUMNS, read_back_lookalikes
    from .mojibake import repair_mojibake
    from .orthography import ORTHOGRAPHY_COLUMNS, rewrite_orthographies
    from .partial_romanisation import read_back_partial_romanisation
    from .standardise import is_known_patronymic, load_name_table, name_key

    text = list(dict.fromkeys((*LOOKALIKE_COLUMNS, *ORTHOGRAPHY_COLUMNS, column)))
    parts = []
    for r in lists:
        n = len(r.frame)
        part = pd.DataFrame({c: r.frame[c].to_numpy(dtype=object) if c in r.frame.columns else [None] * n
                             for c in text}, index=range(n))
        part["source_dataset"] = r.name
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    frame, _ = repair_mojibake(frame)
    t = load_name_table()
    frame, _ = read_back_partial_romanisation(frame, is_known=lambda w: t.given.get(name_key(w) or "") is not None)
    frame, _ = read_back_lookalikes(frame, is_given_name=lambda w: t.given.get(name_key(w) or "") is not None,
                                             is_patronymic=lambda w: is_known_patronymic(name_key(w) or "", t),
                                    is_place=lambda w: load_gazetteer().knows(w))
    frame, _ = rewrite_orthographies(frame, is_place=lambda w: load_gazetteer().knows(w))
    return frame[column].fillna("").astype(str)


def node_strata(lists: Sequence[RawList], column: str) -> np.ndarray:
    """Stratum label of every record (stacked in list order), None where missing.

    A written value is read as the linkage reads it (a wrong code page repaired,
    :mod:`.mojibake`; Latin look-alikes of Cyrillic read back, :mod:`.lookalikes`; a list's
    orthography rewritten, :mod:`.orthography`) and keyed as the linkage compares it (:mod:`.places`): a
    destination by its place key, the three languages' names of a country one key
    (``Білорусь`` / ``Республіка Білорусь`` / ``Belarus``); an origin settlement by
    its KATOTTH code when the gazetteer resolves it (``Донецьк`` / ``м. Донецьк`` /
    ``Donetsk`` / ``Донецьк, Донецька обл.``), else by its settlement place key; an
    origin institution by its institution key; ``sex`` as written.  Values that say
    they are unknown are missing.

    Returns
    -------
    ndarray of object, shape (n,)
        One label per key: a country's English name (``Belarus``, ``Russia``), a
        resolved settlement's official name, else the key's most frequent written
        value (ties: the first in sort order).  A label two keys would share (namesake
        villages) is followed by the key, so that labels and keys stay one to one.
    """
    if column not in STRATUM_COLUMNS:
        raise ValueError(f"stratum column must be one of {', '.join(STRATUM_COLUMNS)}; got {column!r}")
    raw = pd.concat([r.frame[column] for r in lists], ignore_index=True).fillna("").astype(str)
    if column == "sex":
        keys = pd.Series([v if v.strip() else None for v in raw], dtype=object)
        fixed: dict[str, str | None] = {}
    else:
        raw = _read_as_the_linkage_reads(lists, column)
        cache: dict[str, tuple[str | None, str | None]] = {}
        for v in raw.unique():
            cache[v] = _stratum_key(column, v) if v.strip() else (None, None)
        keys = pd.Series([cache[v][0] for v in raw], dtype=object)
        fixed = {k: lab for k, lab in cache.values() if k is not None}
    frame = pd.DataFrame({"key": keys, "raw": raw})
    known = frame.dropna(subset=["key"])
    if known.empty:
        return np.full(len(frame), None, dtype=object)
    counts = known.groupby(["key", "raw"]).size().reset_index(name="n")
    counts = counts.sort_values(["key", "n", "raw"], ascending=[True, False, True], kind="mergesort")
    first = counts.drop_duplicates("key")
    label: dict[str, str] = {str(k): fixed.get(str(k)) or str(v).strip()
                             for k, v in zip(first["key"], first["raw"], strict=True)}
    uses = Counter(label.values())
    # two keys, one label (namesake villages): the key tells them apart
    label = {k: f"{v} ({k.split(':', 1)[1]})" if uses[v] > 1 else v for k, v in label.items()}
    return np.array([None if k is None else label[k] for k in keys], dtype=object)


def histories_from_clusters(
    labels: np.ndarray,
    node_list: np.ndarray,
    lists: Sequence[str],
    *,
    node_stratum: np.ndarray | None = None,
    stratum_column: str | None = None,
    source: str = "<linkage>",
    node_counted: np.ndarray | None = None,
) -> CaptureHistories:
    """Capture histories of a clustering.

    Parameters
    ----------
    labels : ndarray (n,), int
        Cluster of every record.
    node_list : ndarray (n,), int
        List index of every record.
    lists : list names, in order.
    node_stratum : ndarray (n,), object, optional
        Stratum label of every record (None: missing).
    stratum_column : str, optional
        Name of the stratum column (required with ``node_stratum``).
    source : str
        Label for messages.
    node_counted : ndarray (n,) of bool, optional
        Records that count (default all).  A record that does not count (too thin to link:
        :mod:`.identifiable`) puts no child on its list, and a cluster of such records
        only is no child of the histories.

    Returns
    -------
    CaptureHistories
    """
    labels = np.asarray(labels, dtype=np.int64)
    node_list = np.asarray(node_list, dtype=np.int64)
    k = len(lists)
    n_clusters = int(labels.max()) + 1 if labels.size else 0
    patterns = np.zeros((n_clusters, k), dtype=np.int8)
    counted = np.ones(len(labels), dtype=bool) if node_counted is None else np.asarray(node_counted, dtype=bool)
    if counted.shape != labels.shape:
        raise ValueError(f"node_counted must have one entry per record ({labels.shape[0]}); got {counted.shape}")
    patterns[labels[counted], node_list[counted]] = 1
    frame = pd.DataFrame(patterns, columns=list(lists))
    strata = None
    if node_stratum is not None:
        if stratum_column is None:
            raise ValueError("stratum_column is required with node_stratum")
        s = pd.DataFrame({"cluster": labels, "label": pd.Series(node_stratum, dtype=object)}).dropna()
        if len(s):
            counts = s.groupby(["cluster", "label"]).size().reset_index(name="n")
            counts = counts.sort_values(["cluster", "n", "label"], ascending=[True, False, True], kind="mergesort")
            modal = counts.drop_duplicates("cluster").set_index("cluster")["label"]
        else:
            modal = pd.Series(dtype=object)
        frame[stratum_column] = pd.Series(np.arange(n_clusters)).map(modal).fillna(UNKNOWN).to_numpy(dtype=object)
        strata = [stratum_column]
    frame = frame.iloc[np.flatnonzero(patterns.any(axis=1))]
    keys = [*lists, *(strata or [])]
    table = frame.groupby(keys, sort=True).size().reset_index(name="count")
    return CaptureHistories.from_frequency_table(table, lists=list(lists), strata=strata, source=source)
