"""The linkage output: capture histories plus a sidecar that carries linkage uncertainty.

``removals link ... --out histories.csv`` writes three files beside each other:

``histories.csv``
    The capture histories of the linkage at the threshold, in the package's frequency
    format (one 0/1 column per list, the stratum column if asked, ``count``).  Any
    command that reads capture histories reads it.
``histories.linkage.json``
    Metadata: format version (2: node rows say whether each record counts; version 1
    sidecars, which do not, are read with every record counted), list names, threshold,
    ``keep_above``, seed, ``thin_records`` (``left out`` or ``kept``), stratum column,
    ``clustering`` (``one-to-one`` or ``connected components``), Splink version,
    the trained model parameters (m, u and the sibling class's s per comparison level;
    the prior and its calibration), the linkage summary (aggregates only), and the names
    of the two tables.
``histories.linkage.parquet``
    One table, two kinds of rows (``kind`` column):

    * ``node`` rows - one per record: ``node`` (0..n-1, records of the lists stacked in
      the order given, file order within a list), ``list`` (index into the list
      names), ``stratum`` (the record's stratum label, empty if missing or unstratified),
      ``counted`` (false for a record too thin to link that was left out of the histories).
    * ``pair`` rows - one per scored pair with match probability >= ``keep_above``:
      ``node`` and ``other`` (the two records, ``node < other``),
      ``match_probability`` and ``match_weight`` (log2 odds: the order in which links
      are taken when clustering one-to-one).

No name, birth date or record id is stored: records are numbered.  The sidecar is
what ``removals estimate histories.csv --linkage-replicates R`` uses to draw R
plausible linkages.

The three files are written as one unit (each to a temporary file, renamed into place
together; :func:`estimators._io.atomic_outputs`), and the sidecar records the sha256 of
the histories file and of the table: a sidecar left beside another run's histories is
refused, never silently used.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .._io import atomic_outputs, write_csv
from .._lazy import lazy_module
from ..data import sha256_of
from ..exceptions import InputError, SettingsError
from ..histories import CaptureHistories, merged_rows

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")  # reading a histories file needs no pandas (removals validate starts fast)

__all__ = [
    "FORMAT", "LinkageData", "linkage_stratum_column", "read_histories", "read_histories_noted", "read_linkage",
    "sidecar_paths",
    "thin_assumption", "thin_note", "write_linkage",
]

FORMAT = "removals-linkage"
VERSION = 2
#: Versions this reader takes: 1 has no ``counted`` column on node rows (every record counts).
READABLE_VERSIONS = (1, 2)


def sidecar_paths(histories_path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """The metadata (``.linkage.json``) and table (``.linkage.parquet``) paths of a histories file."""
    p = Path(histories_path)
    stem = p.name[: -len(p.suffix)] if p.suffix else p.name
    return p.with_name(f"{stem}.linkage.json"), p.with_name(f"{stem}.linkage.parquet")


@dataclass(frozen=True)
class LinkageData:
    """Numbered records, their scored pairs and the linkage settings (no personal data).

    Attributes
    ----------
    lists : list names.
    node_list : ndarray (n,), list index of every record.
    node_stratum : ndarray (n,) of object (None: missing) or None when unstratified.
    stratum_column : name of the stratum column or None.
    node_l, node_r, probability : scored pairs (probability >= ``keep_above``).
    threshold : the linkage threshold of the point linkage.
    keep_above : pairs below this were not kept.
    seed : seed of the linkage run.
    source : label for messages.
    metadata : the rest of the sidecar's metadata.
    weight : match weight of every scored pair (the order of one-to-one clustering) or None.
    one_to_one : cluster under the one-record-per-list constraint.
    node_counted : ndarray (n,) of bool or None (all count): records that put their child on
        their list (records too thin to link do not: :mod:`.identifiable`).
    """

    lists: tuple[str, ...]
    node_list: np.ndarray
    node_stratum: np.ndarray | None
    stratum_column: str | None
    node_l: np.ndarray
    node_r: np.ndarray
    probability: np.ndarray
    threshold: float
    keep_above: float
    seed: int
    source: str = "<linkage>"
    metadata: dict[str, Any] | None = None
    weight: np.ndarray | None = None
    one_to_one: bool = False
    node_counted: np.ndarray | None = None

    @property
    def n(self) -> int:
        return int(len(self.node_list))

    def histories(self, linked: np.ndarray) -> CaptureHistories:
        """Capture histories when exactly the pairs in the mask ``linked`` are links.

        With ``one_to_one`` (the default of ``removals link``), links are taken best first
        (by ``weight``, else by probability) under the one-record-per-list constraint
        (:func:`.cluster.constrained_clusters`); otherwise clusters are connected
        components.
        """
        from .histories import histories_from_clusters  # deferred: reading histories needs no linkage code

        labels = self.clusters(linked)
        return histories_from_clusters(
            labels, self.node_list, self.lists, node_stratum=self.node_stratum,
            stratum_column=self.stratum_column, source=self.source, node_counted=self.node_counted,
        )

    def clusters(self, linked: np.ndarray) -> np.ndarray:
        """Cluster label of every record when exactly the pairs in ``linked`` are links."""
        from .cluster import constrained_clusters
        from .model import cluster_pairs

        if self.one_to_one:
            order = self.weight if self.weight is not None else self.probability
            return constrained_clusters(self.n, self.node_list, self.node_l, self.node_r, order, linked)
        return cluster_pairs(self.n, self.node_l, self.node_r, linked)

    def point_histories(self, threshold: float | None = None) -> CaptureHistories:
        """Histories of the linkage at ``threshold`` (default: the linkage's own)."""
        t = self.threshold if threshold is None else threshold
        return self.histories(self.probability >= t)


def write_linkage(out: str | os.PathLike[str], data: LinkageData, histories: CaptureHistories,
                  metadata: dict[str, Any]) -> list[Path]:
    """Write the histories CSV and its sidecar as one unit (module docstring); returns the paths."""
    out_path = Path(out)
    if out_path.suffix.lower() != ".csv":
        raise SettingsError(f"--out must be a .csv file; got {out_path.name!r}")
    meta_path, table_path = sidecar_paths(out_path)
    with atomic_outputs([out_path, meta_path, table_path]) as (tmp_out, tmp_meta, tmp_table):
        write_csv(histories.to_frame(), tmp_out)
        _write_sidecar(tmp_meta, tmp_table, out_path, meta_path, table_path, data, metadata,
                       histories_sha256=sha256_of(tmp_out))
    return [out_path, meta_path, table_path]


def _write_sidecar(tmp_meta: Path, tmp_table: Path, out_path: Path, meta_path: Path, table_path: Path,
                   data: LinkageData, metadata: dict[str, Any], *, histories_sha256: str) -> None:
    n, m = data.n, len(data.node_l)
    stratum = (
        pd.Series(data.node_stratum, dtype=object).fillna("").astype(str).to_numpy()
        if data.node_stratum is not None else np.full(n, "", dtype=object)
    )
    table = pd.DataFrame(
        {
            "kind": np.concatenate([np.full(n, "node", dtype=object), np.full(m, "pair", dtype=object)]),
            "node": np.concatenate([np.arange(n, dtype=np.int64), data.node_l.astype(np.int64)]),
            "other": pd.array(np.concatenate([np.full(n, -1), data.node_r.astype(np.int64)]), dtype="Int64"),
            "list": pd.array(np.concatenate([data.node_list.astype(np.int64), np.full(m, -1)]), dtype="Int64"),
            "stratum": np.concatenate([stratum, np.full(m, "", dtype=object)]),
            "counted": pd.array(np.concatenate([np.ones(n, dtype=bool) if data.node_counted is None
                                                else np.asarray(data.node_counted, dtype=bool),
                                                np.zeros(m, dtype=bool)]), dtype="boolean"),
            "match_probability": np.concatenate([np.full(n, np.nan), data.probability.astype(float)]),
            "match_weight": np.concatenate([np.full(n, np.nan), (data.weight if data.weight is not None
                                                                 else np.full(m, np.nan)).astype(float)]),
        }
    )
    table.loc[table["kind"] == "node", "other"] = pd.NA
    table.loc[table["kind"] == "pair", "list"] = pd.NA
    table.loc[table["kind"] == "pair", "counted"] = pd.NA
    table.to_parquet(tmp_table, index=False)
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "histories": out_path.name,
        "histories_sha256": histories_sha256,
        "table": table_path.name,
        "table_sha256": sha256_of(tmp_table),
        "lists": list(data.lists),
        "threshold": data.threshold,
        "keep_above": data.keep_above,
        "seed": data.seed,
        "strata": data.stratum_column,
        "records": n,
        "pairs": m,
        "clustering": "one-to-one" if data.one_to_one else "connected components",
        "thin_records": "kept" if data.node_counted is None else "left out",
        **metadata,
    }
    tmp_meta.write_text(json.dumps(meta, indent=1, sort_keys=True, allow_nan=False) + "\n", encoding="utf-8")


def read_histories(
    path: str | os.PathLike[str],
    *,
    lists: list[str] | None = None,
    strata: list[str] | None = None,
    aggregate: bool = False,
) -> CaptureHistories:
    """Read a capture-history file; the output of ``removals link --strata COL`` keeps COL.

    Without ``strata`` (and ``lists``), a file written by ``removals link --strata COL`` is
    read with COL as its stratum column and then collapsed: it is estimated as a whole.
    :func:`read_histories_noted` also says so.
    """
    return read_histories_noted(path, lists=lists, strata=strata, aggregate=aggregate)[0]


def read_histories_noted(
    path: str | os.PathLike[str],
    *,
    lists: list[str] | None = None,
    strata: list[str] | None = None,
    aggregate: bool = False,
) -> tuple[CaptureHistories, tuple[str, ...]]:
    """:func:`read_histories`, and the notes a command shows about how the file was read.

    One line each, in this order: with ``aggregate``, how many rows were merged into how
    many histories; for the output of ``removals link --strata COL`` read without
    ``strata``, that its strata were pooled, how many, and how to estimate each.
    """
    from ..validation import read_table, validate_table

    collapse = False
    column = None
    if strata is None and lists is None:
        column = linkage_stratum_column(path)
        if column is not None:
            strata, collapse = [column], True
    rows = validate_table(read_table(path), lists=lists, strata=strata, aggregate=aggregate)
    h = CaptureHistories.from_checked(rows)
    notes: list[str] = []
    if aggregate:
        merged, into = merged_rows(rows)
        within = " in the same stratum" if h.is_stratified else ""
        notes.append(
            f"--aggregate merged {merged:,} rows into {into:,} capture histor{'y' if into == 1 else 'ies'} (rows with "
            f"the same capture pattern{within}, counts summed)" if merged else
            f"--aggregate merged nothing: no two rows have the same capture pattern{within}"
        )
    if collapse:
        n_strata = len(h.strata_labels())
        notes.append(
            f"the file's {n_strata:,} {'stratum' if n_strata == 1 else 'strata'} of {column!r} (written by 'removals "
            f"link --strata {column}') {'is' if n_strata == 1 else 'are'} pooled: these numbers are for all of them "
            f"together; 'removals estimate FILE --strata {column}' estimates each stratum"
        )
    return (h.collapse_strata() if collapse else h), tuple(notes)


def _sidecar_metadata(histories_path: str | os.PathLike[str], *, strict: bool = True) -> dict[str, Any] | None:
    """The linkage sidecar's metadata beside a histories file (None: no readable sidecar of this format).

    Raises :class:`InputError` if the sidecar belongs to another run of ``link`` (``strict``),
    else returns None for it.
    """
    meta_path, _ = sidecar_paths(histories_path)
    if not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        return None
    try:
        _check_belongs(meta, Path(histories_path), meta_path)
    except InputError:
        if strict:
            raise
        return None
    return meta


def linkage_stratum_column(histories_path: str | os.PathLike[str]) -> str | None:
    """The stratum column recorded in a histories file's linkage sidecar (None: none, or no sidecar)."""
    meta = _sidecar_metadata(histories_path)
    column = None if meta is None else meta.get("strata")
    return str(column) if column else None


def linkage_note(histories_path: str | os.PathLike[str], *, subject: str = "The interval",
                 remedy: str = "Add --linkage-replicates R (e.g. 20)") -> str | None:
    """What an estimate on the output of ``removals link`` must say about the linkage (None: not linked).

    The histories of a point linkage are treated as exact by every method; the note says
    so, gives the linkage model's own expected precision and recall (of the pairs it
    scored: pairs it never compared are in neither number) and names the remedy
    (``--linkage-replicates``), adds :func:`thin_note` (records too thin to link left out) and
    :func:`linkage_caveats`.  Aggregates only.  A sidecar from another run of ``link`` (the
    histories changed since) gives no note.
    """
    meta = _sidecar_metadata(histories_path, strict=False)
    if meta is None:
        return None
    summary = meta.get("summary")
    if not isinstance(summary, dict):
        summary = {}
    precision, recall = summary.get("expected_precision"), summary.get("expected_recall")
    quality = ""
    if isinstance(precision, int | float) and isinstance(recall, int | float):
        quality = (f", whose model expects precision {precision:.3f} and recall {recall:.3f} among the pairs it "
                   "compared")
    caveats = _caveats(summary)
    thinned = thin_assumption(summary)
    return (f"these histories come from a probabilistic record linkage ('removals link'){quality}. {subject} "
            "treats the linkage as exact: missed links move people out of the overlaps and push the estimate up, "
            f"false links pull it down. {remedy} to include linkage uncertainty."
            + (" " + thinned if thinned else "") + (" " + caveats if caveats else ""))


def thin_note(histories_path: str | os.PathLike[str]) -> str | None:
    """The assumption an estimate adds when records too thin to link were left out of its histories.

    None when the histories do not come from ``removals link`` or no record was left out
    (:mod:`.identifiable`).  The number of records is not given (the linkage summary has
    it, suppressed in public output); a suppressed cell counts as some records.
    """
    meta = _sidecar_metadata(histories_path, strict=False)
    summary = meta.get("summary") if meta is not None else None
    return thin_assumption(summary) if isinstance(summary, dict) else None


def thin_assumption(summary: dict[str, Any]) -> str | None:
    """:func:`thin_note` from a linkage summary (as in the sidecar; public cells may be strings)."""
    thin = summary.get("thin_records_left_out")
    if not isinstance(thin, dict) or not any(isinstance(v, str) or (isinstance(v, int) and v > 0)
                                             for v in thin.values()):
        return None
    return ("Records too thin to link were left out of these histories (the linkage summary says how many per "
            "list), so the estimate also assumes that whether a list wrote a child's record in full depends neither "
            "on whether the other lists saw the child nor on whether they wrote it in full (it is not a trait of the "
            "child that every list shares).")


def _caveats(summary: dict[str, Any]) -> str:
    from .summary import implausible_message, linkage_flags  # here: the summary module imports pandas

    def number(key: str) -> float | None:
        v = summary.get(key)
        return float(v) if isinstance(v, int | float) else None

    by_list = summary.get("expected_recall_by_list")
    thin, records = summary.get("thin_records_left_out"), summary.get("records")
    thin_share = None
    if isinstance(thin, dict) and isinstance(records, dict):  # a public summary's suppressed cells are strings
        from .identifiable import shown_thin_lists

        thin_share = shown_thin_lists(thin, records)
    flags = linkage_flags(number("expected_precision"), number("expected_recall"), number("pair_shortfall"),
                          {str(k): float(v) for k, v in by_list.items() if isinstance(v, int | float)}
                          if isinstance(by_list, dict) else None, thin_share,
                          [str(x) for x in wholly] if isinstance(wholly := summary.get("wholly_thin_lists"), list)
                          else ())
    model = summary.get("model")
    implausible = model.get("implausible") if isinstance(model, dict) else None
    if isinstance(implausible, list) and implausible:
        flags.append(implausible_message([str(m) for m in implausible]))
    return " ".join(f"{f[0].upper()}{f[1:]}." for f in flags)


def weakly_linked_list(histories_path: str | os.PathLike[str]) -> str | None:
    """The list the linkage named as linked much less well than the others (:func:`.summary.weak_list`), or None.

    None too when the histories do not come from ``removals link`` or their sidecar
    records no per-list recall.
    """
    from .summary import weak_list

    meta = _sidecar_metadata(histories_path, strict=False)
    summary = meta.get("summary") if meta is not None else None
    by_list = summary.get("expected_recall_by_list") if isinstance(summary, dict) else None
    if not isinstance(by_list, dict):
        return None
    return weak_list({str(k): float(v) for k, v in by_list.items() if isinstance(v, int | float)})


def linkage_caveats(histories_path: str | os.PathLike[str]) -> str | None:
    """What stays true of an estimate on linked histories even with linkage replicates.

    Replicates redraw links among the pairs the model compared; a linkage whose model
    expects low precision or recall, that links fewer pairs than its model expects, or
    whose model learned implausible parameters (:func:`.checks.implausible_parameters`), is
    said to be so (:func:`.summary.linkage_flags`), and an estimate on it has status
    ``warning``, not ``ok``.  None when the histories do not come from ``removals link`` or
    when neither holds.
    """
    meta = _sidecar_metadata(histories_path, strict=False)
    summary = meta.get("summary") if meta is not None else None
    return (_caveats(summary) or None) if isinstance(summary, dict) else None


def _check_belongs(meta: dict[str, Any], histories_path: Path, meta_path: Path) -> None:
    """Refuse a sidecar written by another run of ``link`` than the histories beside it."""
    expected = meta.get("histories_sha256")
    if expected is not None and sha256_of(histories_path) != expected:
        raise InputError(
            f"its linkage sidecar {meta_path.name} belongs to another run of 'removals link' (the histories file "
            "changed since); rerun 'removals link', or move the stale sidecar away",
            source=str(histories_path),
        )


def read_linkage(histories_path: str | os.PathLike[str]) -> LinkageData:
    """Read the sidecar of a histories file written by :func:`write_linkage`.

    Raises
    ------
    InputError
        If the sidecar is missing or not of this format.
    """
    meta_path, _ = sidecar_paths(histories_path)
    if not meta_path.exists():
        raise InputError(
            f"no linkage sidecar {meta_path.name} beside it; --linkage-replicates needs the output of "
            "'removals link'",
            source=Path(histories_path).name,
        )
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        raise InputError("linkage sidecar is not valid JSON", source=meta_path.name) from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("version") not in READABLE_VERSIONS:
        raise InputError(f"not a {FORMAT} sidecar of version {', '.join(map(str, READABLE_VERSIONS))}",
                         source=meta_path.name)
    _check_belongs(meta, Path(histories_path), meta_path)
    table_path = meta_path.with_name(str(meta["table"]))
    if not table_path.exists():
        raise InputError("linkage table is missing", source=table_path.name)
    if meta.get("table_sha256") is not None and sha256_of(table_path) != meta["table_sha256"]:
        raise InputError("linkage table does not match its sidecar (changed since 'removals link' wrote it)",
                         source=table_path.name)
    table = pd.read_parquet(table_path)
    nodes = table[table["kind"] == "node"].sort_values("node")
    pairs = table[table["kind"] == "pair"]
    n = len(nodes)
    if not np.array_equal(nodes["node"].to_numpy(dtype=np.int64), np.arange(n)):
        raise InputError("node rows must number the records 0..n-1", source=table_path.name)
    column = meta.get("strata")
    stratum = None
    if column:
        stratum = np.array([v if v != "" else None for v in nodes["stratum"].astype(str)], dtype=object)
    counted = None
    if "counted" in nodes.columns:  # sidecars written before thin records were left out have none: all count
        flags = nodes["counted"]
        if flags.isna().any():
            raise InputError("node rows must say whether each record is counted", source=table_path.name)
        counted = flags.to_numpy(dtype=bool)
        if counted.all():
            counted = None
    node_l = pairs["node"].to_numpy(dtype=np.int64)
    node_r = pairs["other"].to_numpy(dtype=np.int64)
    p = pairs["match_probability"].to_numpy(dtype=float)
    weight = pairs["match_weight"].to_numpy(dtype=float) if "match_weight" in pairs.columns else None
    if weight is not None and np.isnan(weight).any():
        weight = None
    if len(p) and (node_l.min() < 0 or node_r.max() >= n or not np.all((p >= 0) & (p <= 1))):
        raise InputError("pair rows hold nodes out of range or probabilities outside [0, 1]", source=table_path.name)
    return LinkageData(
        lists=tuple(meta["lists"]),
        node_list=nodes["list"].to_numpy(dtype=np.int64),
        node_stratum=stratum,
        stratum_column=column or None,
        node_l=node_l,
        node_r=node_r,
        probability=p,
        threshold=float(meta["threshold"]),
        keep_above=float(meta["keep_above"]),
        seed=int(meta["seed"]),
        source=Path(histories_path).name,
        metadata=meta,
        weight=weight,
        one_to_one=meta.get("clustering") == "one-to-one",
        node_counted=counted,
    )
