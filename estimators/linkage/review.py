"""Clerical review: a stratified sample of scored pairs for a person to label, and what the labels say.

Linkage practitioners check a model by having a person look at pairs - both records'
fields side by side - and decide *match* or *non-match*.  This module

1. draws the pairs to review (:func:`review_sample`): the scored pairs are stratified by
   match probability (:data:`STRATA`), and the sample is allocated to the strata by
   Neyman allocation, ``n_h`` proportional to ``N_h sqrt(p_h (1 - p_h))`` with ``p_h``
   the stratum's mean probability - most of it goes where the model is least sure, yet
   every non-empty stratum gets at least :data:`MIN_PER_STRATUM` pairs so that it can be
   estimated; within a stratum the pairs are a simple random sample (seeded);
2. writes them (:func:`write_review`) to a CSV marked **personal data** in its first line
   (names, birth dates and record ids of children; for authorised reviewers only),
   with an empty ``decision`` column;
3. reads the decisions back (:func:`read_labels`) and estimates, from the labelled
   sample, the pairwise precision and recall of a linkage with their intervals
   (:func:`review_estimates`): a stratified (Horvitz-Thompson) ratio estimator, each
   labelled pair weighted by ``N_h / n_h``, its variance by linearisation, and a
   Clopper-Pearson interval on the effective sample size (Korn & Graubard 1998);
4. estimates the m probabilities from the labelled matches (:func:`m_from_labels`),
   weighted the same way, to fix them in a second run of the model.

Caveats, said in the results: pairs the model never scored (below ``keep_above``, or
never blocked together) are outside the sample, so the recall is recall among scored
pairs and m from labels leans towards agreement; a stratum with no decided pair cannot
be estimated and is reported.

Nothing of the review file reaches a log, message, summary or report: the estimates and
counts are aggregates, and errors name file, row and column, never a value.

References
----------
Korn, E. L. & Graubard, B. I. (1998). Confidence intervals for proportions with small
    expected number of positive counts estimated from survey data. *Survey Methodology*
    24, 193-201.
Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed. Wiley, ch. 5 (stratified sampling,
    Neyman allocation) and 6.11 (ratio estimates in stratified sampling).
Christen, P. (2012). *Data Matching*. Springer, ch. 7.6 (clerical review).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .._io import atomic_outputs, spreadsheet_safe
from ..exceptions import InputError
from ..validation import check_input_file
from .schema import OPTIONAL, RawList

__all__ = [
    "MARKER",
    "MIN_PER_STRATUM",
    "STRATA",
    "LabelledPairs",
    "ReviewEstimate",
    "m_from_labels",
    "read_labels",
    "review_estimates",
    "review_sample",
    "write_review",
]

#: First line of every review file.
MARKER = ("# PERSONAL DATA: names, birth dates and record ids of children, for authorised reviewers only; "
          "do not share, log or publish. Fill 'decision' with match / non-match / unsure.")
#: Lower edges of the probability strata (the last stratum ends at 1).
STRATA = (0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99)
MIN_PER_STRATUM = 2
_MATCH = frozenset({"match", "m", "yes", "y", "1", "true", "same"})
_NON_MATCH = frozenset({"non-match", "nonmatch", "non match", "no match", "n", "no", "0", "false", "different"})
_UNSURE = frozenset({"unsure", "?", "u", "skip", "don't know", "unknown"})
_HEADER = ["pair", "stratum", "stratum_lower", "stratum_upper", "stratum_pairs", "stratum_sampled",
           "match_probability", "linked", "decision", "list_l", "record_id_l", "list_r", "record_id_r"]


def _stratum(p: np.ndarray) -> np.ndarray:
    edges = np.array([*STRATA, 1.0 + 1e-12])
    return np.clip(np.searchsorted(edges, p, side="right") - 1, 0, len(STRATA) - 1)


def _allocate(sizes: np.ndarray, means: np.ndarray, total: int) -> np.ndarray:
    """Neyman allocation of ``total`` over strata of ``sizes`` and mean probabilities, at least
    :data:`MIN_PER_STRATUM` per non-empty stratum, never more than the stratum holds."""
    out = np.minimum(sizes, MIN_PER_STRATUM)
    left = max(total - int(out.sum()), 0)
    sd = np.sqrt(np.clip(means * (1 - means), 1e-4, None))
    for _ in range(len(sizes)):
        room = sizes - out
        if left <= 0 or not room.any():
            break
        share = sizes * sd * (room > 0)
        if share.sum() <= 0:
            break
        add = np.minimum(np.floor(left * share / share.sum()).astype(int), room)
        if add.sum() == 0:
            i = int(np.argmax(share))
            add[i] = min(1, room[i])
        out = out + add
        left = total - int(out.sum())
    return out.astype(int)


def review_sample(scored_pairs: pd.DataFrame, labels: np.ndarray, lists: Sequence[RawList], *, size: int = 200,
                  seed: int) -> pd.DataFrame:
    """Draw a stratified sample of scored pairs with both records' fields side by side.

    Parameters
    ----------
    scored_pairs : ``node_l, node_r, match_probability`` (the linkage's scored pairs).
    labels : cluster of every record (node order): a pair is ``linked`` when both are
        in one cluster.
    lists : the raw lists, in the order linked (node order).
    size : number of pairs to draw (at most the number scored).
    seed : seed of the draw.

    Returns
    -------
    DataFrame
        One row per sampled pair: the design (``stratum``, its bounds, ``stratum_pairs``,
        ``stratum_sampled``), ``match_probability``, ``linked``, an empty ``decision``,
        both records' list and record id, and every field of the input schema as
        ``<field>_l``, ``<field>_r``.  Personal data.
    """
    if size < 1:
        raise ValueError(f"review size must be >= 1; got {size}")
    p = scored_pairs["match_probability"].to_numpy(dtype=float)
    node_l = scored_pairs["node_l"].to_numpy(dtype=np.int64)
    node_r = scored_pairs["node_r"].to_numpy(dtype=np.int64)
    strata = _stratum(p)
    k = len(STRATA)
    sizes = np.bincount(strata, minlength=k)
    means = np.array([p[strata == h].mean() if sizes[h] else 0.0 for h in range(k)])
    take = _allocate(sizes, means, min(size, len(p)))
    rng = np.random.default_rng(seed)
    chosen = np.concatenate([np.sort(rng.choice(np.flatnonzero(strata == h), size=int(take[h]), replace=False))
                             for h in range(k) if take[h] > 0]) if len(p) else np.zeros(0, dtype=np.int64)
    frames = pd.concat([r.frame.assign(_list=r.name) for r in lists], ignore_index=True)
    a, b = node_l[chosen], node_r[chosen]
    edges = [*STRATA, 1.0]
    out = pd.DataFrame({
        "pair": np.arange(1, len(chosen) + 1),
        "stratum": strata[chosen] + 1,
        "stratum_lower": [edges[h] for h in strata[chosen]],
        "stratum_upper": [edges[h + 1] for h in strata[chosen]],
        "stratum_pairs": sizes[strata[chosen]],
        "stratum_sampled": take[strata[chosen]],
        "match_probability": np.round(p[chosen], 6),
        "linked": (np.asarray(labels)[a] == np.asarray(labels)[b]).astype(int),
        "decision": "",
        "list_l": frames["_list"].to_numpy()[a],
        "record_id_l": frames["record_id"].to_numpy()[a],
        "list_r": frames["_list"].to_numpy()[b],
        "record_id_r": frames["record_id"].to_numpy()[b],
    })
    for col in OPTIONAL:
        out[f"{col}_l"] = frames[col].to_numpy()[a]
        out[f"{col}_r"] = frames[col].to_numpy()[b]
    return out


def write_review(sample: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a review sample: the personal-data marker line, then the CSV.

    Written atomically, and text cells a spreadsheet would run as a formula get a
    leading apostrophe (:func:`estimators._io.spreadsheet_safe`): reviewers open it in one.
    """
    out = Path(path)
    safe = sample.copy()
    for column in safe.columns:
        if pd.api.types.is_object_dtype(safe[column]) or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(spreadsheet_safe)
    with atomic_outputs([out]) as (tmp,), tmp.open("w", encoding="utf-8", newline="") as fh:
        fh.write(MARKER + "\n")
        safe.to_csv(fh, index=False)
    return out


@dataclass(frozen=True)
class LabelledPairs:
    """Decided pairs of a review file, by record number (node), with their design.

    Attributes
    ----------
    node_l, node_r : records of each decided pair (``node_l < node_r``).
    match : whether the reviewer decided match.
    stratum, stratum_pairs : the pair's stratum and its number of scored pairs.
    labelled : decided pairs per stratum (match or non-match; unsure and blank left out).
    rows : rows read; ``unsure`` and ``blank``: rows without a decision.
    """

    node_l: np.ndarray
    node_r: np.ndarray
    match: np.ndarray
    stratum: np.ndarray
    stratum_pairs: dict[int, int]
    labelled: dict[int, int]
    rows: int
    unsure: int
    blank: int


def read_labels(path: str | os.PathLike[str], lists: Sequence[RawList]) -> LabelledPairs:
    """Read a review file with decisions, mapping its records back to record numbers.

    Raises
    ------
    InputError
        If the file is missing or malformed, a decision is not understood, or a record
        is not in the lists (file, row and column named; never the value).
    """
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", source=p.name)
    check_input_file(p)  # a folder, FIFO or device: refused before reading (a FIFO would be read forever)
    try:
        with p.open(encoding="utf-8") as fh:
            first = fh.readline()
        skip = 1 if first.startswith("#") else 0
        frame = pd.read_csv(p, dtype=str, keep_default_na=False, skiprows=skip, encoding="utf-8")
    except (ValueError, OSError):  # UnicodeDecodeError is a ValueError
        raise InputError("cannot read the labels file as a CSV written by --review", source=p.name) from None
    missing = [c for c in ("decision", "stratum", "stratum_pairs", "list_l", "record_id_l", "list_r", "record_id_r")
               if c not in frame.columns]
    if missing:
        raise InputError("not a review file (columns missing)", source=p.name, columns=missing)
    offset = 1 + skip
    node_of: dict[tuple[str, str], int] = {}
    start = 0
    for raw in lists:
        for i, rid in enumerate(raw.frame["record_id"].tolist()):
            node_of[(raw.name, str(rid))] = start + i
        start += raw.size
    decisions = frame["decision"].str.strip().str.lower()
    bad = ~decisions.isin(_MATCH | _NON_MATCH | _UNSURE | {""})
    if bad.any():
        raise InputError("decision must be match, non-match, unsure or empty",
                         source=p.name, rows=[int(i) + 1 for i in np.flatnonzero(bad)], columns=["decision"],
                         line_offset=offset)
    decided = decisions.isin(_MATCH | _NON_MATCH).to_numpy()
    left, right = [], []
    unknown: list[int] = []
    for i, row in enumerate(frame.itertuples(index=False)):
        a = node_of.get((str(row.list_l), str(row.record_id_l)))
        b = node_of.get((str(row.list_r), str(row.record_id_r)))
        if decided[i] and (a is None or b is None):
            unknown.append(i + 1)
        left.append(-1 if a is None else a)
        right.append(-1 if b is None else b)
    if unknown:
        raise InputError("record not in the lists given (list and record id of a labelled pair)", source=p.name,
                         rows=unknown, columns=["list_l", "record_id_l", "list_r", "record_id_r"], line_offset=offset)
    _refuse_repeated_pairs(frame, decisions, p.name, offset)
    stratum, pairs = _check_design(frame, p.name, offset)
    lo = np.minimum(left, right)[decided]
    hi = np.maximum(left, right)[decided]
    st = stratum[decided]
    return LabelledPairs(
        node_l=np.asarray(lo, dtype=np.int64), node_r=np.asarray(hi, dtype=np.int64),
        match=decisions[decided].isin(_MATCH).to_numpy(), stratum=st,
        stratum_pairs={int(h): int(n) for h, n in zip(stratum, pairs, strict=True)},
        labelled={int(h): int((st == h).sum()) for h in np.unique(stratum)},
        rows=len(frame), unsure=int(decisions.isin(_UNSURE).sum()), blank=int((decisions == "").sum()),
    )


def _whole_numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Cells as whole numbers, and where a cell is not one (missing, text, fractional)."""
    number = pd.to_numeric(values.str.strip(), errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(number) | (number != np.round(number))
    return np.where(bad, 0, number).astype(np.int64), bad


def _check_design(frame: pd.DataFrame, source: str, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """The sampling design of a review file, row by row: ``stratum`` is one of :data:`STRATA` (1..7),
    ``stratum_pairs`` (its number of scored pairs) a whole number >= 1, the same on every row of a
    stratum and no smaller than the stratum's rows.  Anything else would weight the labelled pairs
    by zero, a negative or a wrong number (an estimate of nothing), so it is refused naming the rows."""
    def refuse(problem: str, bad: np.ndarray, columns: list[str]) -> InputError:
        return InputError(problem, source=source, rows=[int(i) + 1 for i in np.flatnonzero(bad)], columns=columns,
                          line_offset=offset)

    stratum, bad = _whole_numbers(frame["stratum"])
    bad |= (stratum < 1) | (stratum > len(STRATA))
    if bad.any():
        raise refuse(f"stratum must be a whole number from 1 to {len(STRATA)}, as --review wrote it", bad,
                     ["stratum"])
    pairs, bad = _whole_numbers(frame["stratum_pairs"])
    bad |= pairs < 1
    if bad.any():
        raise refuse("stratum_pairs must be a whole number >= 1 (the scored pairs of the stratum), as --review "
                     "wrote it", bad, ["stratum_pairs"])
    design = pd.DataFrame({"stratum": stratum, "pairs": pairs})
    per = design.groupby("stratum")["pairs"]
    bad = (per.transform("nunique") > 1).to_numpy()
    if bad.any():
        raise refuse("stratum_pairs differs between rows of one stratum", bad, ["stratum", "stratum_pairs"])
    bad = (per.transform("size") > design["pairs"]).to_numpy()
    if bad.any():
        raise refuse("a stratum has more rows than its stratum_pairs (scored pairs)", bad,
                     ["stratum", "stratum_pairs"])
    return stratum, pairs


def _refuse_repeated_pairs(frame: pd.DataFrame, decisions: pd.Series, source: str, offset: int) -> None:
    """Refuse a pair of records on more than one row (either order): a copied row would count its
    decision twice and narrow the intervals; two rows may even decide it differently."""
    key = pd.Series(["\x1f".join(sorted((f"{a}\x1e{b}", f"{c}\x1e{d}")))
                     for a, b, c, d in zip(frame["list_l"], frame["record_id_l"], frame["list_r"],
                                           frame["record_id_r"], strict=True)], dtype=object)
    repeated = key.duplicated(keep=False).to_numpy()
    if not repeated.any():
        return
    kind = decisions.map(lambda d: "match" if d in _MATCH else "non-match" if d in _NON_MATCH else "")
    decided = kind[kind != ""]
    conflict = (decided.groupby(key[kind != ""]).nunique() > 1).any()
    raise InputError("the same pair of records is on more than one row" + (
        ", decided both match and non-match" if conflict else " (a copied row would count twice)")
        + "; keep one row per pair", source=source, rows=[int(i) + 1 for i in np.flatnonzero(repeated)],
        columns=["list_l", "record_id_l", "list_r", "record_id_r"], line_offset=offset)


@dataclass(frozen=True)
class ReviewEstimate:
    """Precision and recall of a linkage estimated from labelled pairs.

    Attributes
    ----------
    precision, recall : point estimates (stratified ratio estimators); None when not available:
        no labelled pair that the linkage links (precision) or no labelled match (recall).
    precision_lower, precision_upper, recall_lower, recall_upper : intervals at ``level`` (None
        with the estimate).
    level : interval level.
    labelled : decided pairs used.
    matches : of which decided matches.
    strata_without_labels : scored pairs in strata without any decided pair (left out).
    method : how the intervals were computed.
    """

    precision: float | None
    precision_lower: float | None
    precision_upper: float | None
    recall: float | None
    recall_lower: float | None
    recall_upper: float | None
    level: float
    labelled: int
    matches: int
    strata_without_labels: int
    method: str = "stratified ratio estimator, Clopper-Pearson on the effective sample size (Korn & Graubard 1998)"

    def to_dict(self) -> dict[str, Any]:
        out = {k: (round(v, 6) if isinstance(v, float) else v) for k, v in self.__dict__.items()}
        note = self.not_available()
        return {**out, "note": note} if note else out

    def not_available(self) -> str | None:
        """Why precision or recall is not available (None when both are)."""
        missing = [name for name, v in (("precision", self.precision), ("recall", self.recall)) if v is None]
        if not missing:
            return None
        why = {"precision": "no labelled pair that this linkage links was decided match or non-match",
               "recall": "no labelled pair was decided match"}
        return "; ".join(f"{name} not available: {why[name]}" for name in missing)


def _ratio(num: np.ndarray, den: np.ndarray, weight: np.ndarray, stratum: np.ndarray,
           sizes: Mapping[int, int], level: float) -> tuple[float, float, float] | tuple[None, None, None]:
    """Stratified ratio sum(w num) / sum(w den), linearisation variance, Korn-Graubard interval.

    None for all three when no labelled pair is in the denominator (nothing to estimate from).
    """
    total_den = float((weight * den).sum())
    if total_den <= 0:
        return None, None, None
    r = float((weight * num).sum()) / total_den
    z = (num - r * den) / total_den
    var = 0.0
    for h in np.unique(stratum):
        sel = stratum == h
        n_h = int(sel.sum())
        big = sizes.get(int(h), n_h)
        if n_h > 1:
            var += big ** 2 * (1 - n_h / max(big, n_h)) * float(np.var(z[sel], ddof=1)) / n_h
    used = int((den > 0).sum())
    n_eff = r * (1 - r) / var if var > 0 else float(used)
    n_eff = min(max(n_eff, 1.0), float(max(used, 1)))
    x = r * n_eff
    alpha = 1 - level
    lower = 0.0 if x <= 0 else float(stats.beta.ppf(alpha / 2, x, n_eff - x + 1))
    upper = 1.0 if x >= n_eff else float(stats.beta.ppf(1 - alpha / 2, x + 1, n_eff - x))
    return r, lower, upper


def review_estimates(labels: LabelledPairs, cluster_labels: np.ndarray, *, level: float = 0.95) -> ReviewEstimate:
    """Estimate pairwise precision and recall of a clustering from labelled pairs.

    Parameters
    ----------
    labels : the decided pairs and the sampling design (:func:`read_labels`).
    cluster_labels : cluster of every record of the linkage to evaluate (a pair is
        linked when both records are in one cluster).
    level : interval level.

    Returns
    -------
    ReviewEstimate
        Precision = linked matches / linked pairs; recall = linked matches / matches,
        both among scored pairs (the sampling frame).  Either is None when no labelled pair
        is in its denominator (e.g. every decision ``unsure``).

    Examples
    --------
    >>> lp = LabelledPairs(node_l=np.array([0, 2, 4, 6]), node_r=np.array([1, 3, 5, 7]),
    ...                    match=np.array([True, True, False, True]), stratum=np.array([1, 1, 1, 1]),
    ...                    stratum_pairs={1: 4}, labelled={1: 4}, rows=4, unsure=0, blank=0)
    >>> est = review_estimates(lp, np.array([0, 0, 1, 1, 2, 3, 4, 5]))   # pairs 1 and 2 linked
    >>> est.precision, est.recall
    (1.0, 0.6666666666666666)
    """
    lab = np.asarray(cluster_labels)
    linked = (lab[labels.node_l] == lab[labels.node_r]).astype(float)
    match = labels.match.astype(float)
    n_h = {h: max(labels.labelled.get(h, 0), 1) for h in labels.stratum_pairs}
    weight = np.array([labels.stratum_pairs[int(h)] / n_h[int(h)] for h in labels.stratum], dtype=float)
    sizes = labels.stratum_pairs
    precision = _ratio(linked * match, linked, weight, labels.stratum, sizes, level)
    recall = _ratio(linked * match, match, weight, labels.stratum, sizes, level)
    empty = sum(n for h, n in labels.stratum_pairs.items() if labels.labelled.get(h, 0) == 0)
    return ReviewEstimate(
        precision=precision[0], precision_lower=precision[1], precision_upper=precision[2],
        recall=recall[0], recall_lower=recall[1], recall_upper=recall[2], level=level,
        labelled=int(len(match)), matches=int(match.sum()), strata_without_labels=int(empty),
    )


def m_from_labels(labels: LabelledPairs, scored_pairs: pd.DataFrame, levels: Mapping[str, list[str]], *,
                  min_matches: int = 20, prior: float = 10.0,
                  em_m: Mapping[str, Sequence[float]] | None = None) -> dict[str, list[float]]:
    """m probabilities estimated from the labelled matches (weighted by the design).

    Parameters
    ----------
    labels : decided pairs (:func:`read_labels`).
    scored_pairs : the linkage's scored pairs with their ``gamma_<comparison>`` levels.
    levels : comparison name -> level labels (index = comparison vector value).
    min_matches : a comparison is estimated only from at least this many labelled matches
        with a non-null level on it (otherwise EM's m stands).
    prior : Dirichlet pseudo-counts: ``prior`` pseudo-matches distributed like EM's m
        (``em_m``, top level first), or evenly over the levels without it.  The labels
        correct EM where they disagree with it, in proportion to their number.
    em_m : comparison name -> EM's m of each non-null level, top level first.

    Returns
    -------
    dict
        Comparison name -> m of each non-null level, top level first (the order
        :func:`.comparisons.splink_settings` takes).
    """
    keys = pd.DataFrame({"node_l": labels.node_l, "node_r": labels.node_r, "match": labels.match,
                         "stratum": labels.stratum})
    keys = keys[keys["match"]]
    if keys.empty:
        return {}
    found = keys.merge(scored_pairs, on=["node_l", "node_r"], how="inner")
    weight = np.array([labels.stratum_pairs[int(h)] / max(labels.labelled.get(int(h), 1), 1)
                       for h in found["stratum"]], dtype=float)
    out: dict[str, list[float]] = {}
    for name, labs in levels.items():
        col = f"gamma_{name}"
        if col not in found.columns:
            continue
        g = found[col].to_numpy(dtype=np.int64)
        ok = g >= 0
        if int(ok.sum()) < min_matches:
            continue
        counts = np.bincount(g[ok], weights=weight[ok], minlength=len(labs)) / weight[ok].sum() * ok.sum()
        base = np.full(len(labs), 1.0 / len(labs))
        if em_m is not None and name in em_m and len(em_m[name]) == len(labs):
            base = np.asarray(em_m[name], dtype=float)[::-1]
            base = base / base.sum()
        m = (counts + prior * base) / (counts.sum() + prior)
        out[name] = [float(v) for v in m[::-1]]
    return out


def link_with_labels(lists: Sequence[RawList], labels_path: str | os.PathLike[str], *, settings: Any = None,
                     strata: str | None = None, seed: int | None = None, dashboard: str | os.PathLike[str] | None = None,
                     level: float = 0.95, spark_session: Any = None) -> Any:
    """Link, re-estimate m from the labelled matches, link again, and estimate precision and recall.

    Parameters
    ----------
    lists : the raw lists (the ones the review file was drawn from).
    labels_path : a review file (:func:`write_review`) with decisions.
    settings, strata, seed, dashboard, spark_session : as for :func:`.pipeline.link_lists`.
    level : level of the precision and recall intervals.

    Returns
    -------
    LinkageResult
        The second linkage (m fixed from labels where there were enough labelled matches;
        the first one otherwise), its summary carrying ``review``: precision and recall
        with intervals for that linkage (None, with a ``note`` saying why, when no labelled
        pair allows them, e.g. every decision ``unsure``), the comparisons whose m came from
        labels, and the counts of decided, unsure and blank rows (aggregates only).
    """
    from dataclasses import replace

    from .pipeline import link_lists

    labels = read_labels(labels_path, lists)  # first: a bad labels file fails before the linkage runs
    first = link_lists(lists, settings=settings, strata=strata, seed=seed, spark_session=spark_session)
    em_m = {name: [lv["m"] for lv in rows] for name, rows in first.scored.parameters["comparisons"].items()}
    fixed = m_from_labels(labels, first.scored.pairs, first.scored.levels, em_m=em_m)
    result = (link_lists(lists, settings=first.settings, strata=strata, fixed_m=fixed, dashboard=dashboard,
                          spark_session=spark_session)
              if fixed or dashboard is not None else first)
    est = review_estimates(labels, result.labels, level=level)
    review = {**est.to_dict(), "m_from_labels": sorted(fixed), "rows": labels.rows, "unsure": labels.unsure,
              "blank": labels.blank}
    return replace(result, summary=replace(result.summary, review=review))
