"""Quality of a linkage against the truth, and the whole evaluation of a profile.

Metrics (all from the true child and the predicted cluster of every record):

* pairwise precision and recall, separately for pairs of records on the same list
  (duplicates) and on different lists (links): a pair is predicted when both records are
  in one cluster, true when both belong to one child (Christen 2012, ch. 7);
* children found (clusters) against the true number of children, as a relative error;
* capture histories: each cluster (linked) or child (true) is on list k when any of its
  records is; the L1 distance between the two pattern-count vectors over the true number
  of children (0 for a perfect linkage; 2 at worst);
* log-linear N̂ (``estimators.estimate(h, "loglinear")``, AIC model search) on the linked
  and on the true histories, and their relative difference.

:func:`write_profile` writes a profile's lists in the input schema (CSV or Parquet; the
truth never beside them), :func:`evaluate_profile` writes, links with the package's public
API (:func:`estimators.linkage.link_lists`) and returns one tidy row of numbers (no names,
dates or record ids; labelled SYNTHETIC), with :func:`error_breakdown` (recall per pair of
lists; false links among siblings, twins, unrelated children; missed links involving
re-registered identities, missing family names, partial birth dates).

References
----------
Christen, P. (2012). Data Matching. Springer, ch. 7 (pairwise precision and recall).
Fienberg, S. E. (1972). The multiple recapture census for closed populations and
incomplete 2^k contingency tables. Biometrika 59:591-603.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from estimators import CaptureHistories, estimate

from .profiles import SYNTHETIC_LABEL, ProfileData


def _pair_count(keys: np.ndarray) -> int:
    """Number of unordered pairs of rows sharing a key (rows of ``keys``: one per record)."""
    if len(keys) == 0:
        return 0
    _, counts = np.unique(keys, axis=0, return_counts=True)
    return int(np.sum(counts * (counts - 1) // 2))


@dataclass(frozen=True)
class PairwiseQuality:
    """Pairwise counts and rates; a rate is NaN when its denominator is 0 (no such pairs)."""

    true_within: int
    predicted_within: int
    correct_within: int
    true_across: int
    predicted_across: int
    correct_across: int

    @staticmethod
    def _rate(num: int, den: int) -> float:
        return num / den if den else math.nan

    @property
    def precision_within(self) -> float:
        return self._rate(self.correct_within, self.predicted_within)

    @property
    def recall_within(self) -> float:
        return self._rate(self.correct_within, self.true_within)

    @property
    def precision_across(self) -> float:
        return self._rate(self.correct_across, self.predicted_across)

    @property
    def recall_across(self) -> float:
        return self._rate(self.correct_across, self.true_across)


def pairwise_quality(true_child: np.ndarray, cluster: np.ndarray, record_list: np.ndarray) -> PairwiseQuality:
    """Pairwise precision and recall within and across lists.

    Parameters
    ----------
    true_child, cluster, record_list : int arrays of shape (n_records,)
        True child, predicted cluster and list of every record (any labels; only equality
        matters).

    Examples
    --------
    >>> import numpy as np
    >>> q = pairwise_quality(np.array([0, 0, 1]), np.array([5, 5, 6]), np.array([0, 1, 1]))
    >>> q.precision_across, q.recall_across, q.true_within
    (1.0, 1.0, 0)
    """
    t = np.asarray(true_child, dtype=np.int64)
    c = np.asarray(cluster, dtype=np.int64)
    li = np.asarray(record_list, dtype=np.int64)
    if not (t.shape == c.shape == li.shape) or t.ndim != 1:
        raise ValueError("true_child, cluster and record_list must be 1-d arrays of one length")
    true_all = _pair_count(t[:, None])
    pred_all = _pair_count(c[:, None])
    corr_all = _pair_count(np.stack([t, c], axis=1))
    true_w = _pair_count(np.stack([t, li], axis=1))
    pred_w = _pair_count(np.stack([c, li], axis=1))
    corr_w = _pair_count(np.stack([t, c, li], axis=1))
    return PairwiseQuality(
        true_within=true_w, predicted_within=pred_w, correct_within=corr_w,
        true_across=true_all - true_w, predicted_across=pred_all - pred_w, correct_across=corr_all - corr_w,
    )


def pattern_counts(group: np.ndarray, record_list: np.ndarray, k: int) -> Counter[int]:
    """Capture-pattern counts: each group (child or cluster) is on list j when any of its
    records is; the pattern is coded with list 0 as the most significant bit."""
    g = np.asarray(group, dtype=np.int64)
    li = np.asarray(record_list, dtype=np.int64)
    if np.any(li < 0) or np.any(li >= k):
        raise ValueError("record_list must hold list indices 0..k-1")
    bits = np.left_shift(1, k - 1 - li)
    codes: dict[int, int] = {}
    for gi, b in zip(g.tolist(), bits.tolist(), strict=True):
        codes[gi] = codes.get(gi, 0) | b
    return Counter(codes.values())


def histories(counts: Counter[int], lists: tuple[str, ...]) -> CaptureHistories:
    """Capture histories from pattern counts (see :func:`pattern_counts`)."""
    k = len(lists)
    codes = sorted(counts)
    rows = [[(code >> (k - 1 - j)) & 1 for j in range(k)] for code in codes]
    frame = pd.DataFrame(rows, columns=list(lists))
    frame["count"] = [counts[c] for c in codes]
    return CaptureHistories.from_frequency_table(frame, source="harness")


def pattern_l1(true_counts: Counter[int], linked_counts: Counter[int]) -> float:
    """L1 distance between pattern counts over the true number of children."""
    n = sum(true_counts.values())
    keys = set(true_counts) | set(linked_counts)
    return sum(abs(true_counts.get(x, 0) - linked_counts.get(x, 0)) for x in sorted(keys)) / n


def missed_pairs_involving(true_child: np.ndarray, cluster: np.ndarray, mask: np.ndarray) -> int:
    """True pairs left unlinked in which at least one record is in ``mask``."""
    t = np.asarray(true_child, dtype=np.int64)
    c = np.asarray(cluster, dtype=np.int64)
    m = np.asarray(mask, dtype=bool)
    missed_all = _pair_count(t[:, None]) - _pair_count(np.stack([t, c], axis=1))
    keep = ~m
    missed_outside = _pair_count(t[keep][:, None]) - _pair_count(np.stack([t[keep], c[keep]], axis=1))
    return missed_all - missed_outside


def error_breakdown(data: ProfileData, labels: np.ndarray) -> dict[str, float]:
    """Where the errors are (counts of pairs; aggregates only).

    * ``recall_across__A__B``: recall of cross-list pairs between lists A and B;
    * ``false_pairs_siblings`` / ``false_pairs_twins`` / ``false_pairs_unrelated``: linked
      pairs of records of different children who are siblings, twins (siblings born the
      same day), or unrelated;
    * ``missed_pairs_new_identity``, ``missed_pairs_no_family_name``,
      ``missed_pairs_partial_birth``: unlinked true pairs with at least one record showing
      a re-registered identity, lacking a family name, or without a full birth date.
    """
    labels = np.asarray(labels, dtype=np.int64)
    t = data.true_child
    lst = data.record_list
    out: dict[str, float] = {}
    names = data.list_names
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            sel = (lst == a) | (lst == b)
            q = pairwise_quality(t[sel], labels[sel], lst[sel])
            out[f"recall_across__{names[a]}__{names[b]}"] = q.recall_across
    children = data.population.children
    family = np.array([children[i].family for i in t], dtype=np.int64)
    born = np.array([children[i].birth.toordinal() for i in t], dtype=np.int64)
    false_all = _pair_count(labels[:, None]) - _pair_count(np.stack([labels, t], axis=1))
    same_family = _pair_count(np.stack([labels, family], axis=1)) - _pair_count(np.stack([labels, t], axis=1))
    twins = _pair_count(np.stack([labels, family, born], axis=1)) - _pair_count(np.stack([labels, t], axis=1))
    out["false_pairs_twins"] = twins
    out["false_pairs_siblings"] = same_family - twins
    out["false_pairs_unrelated"] = false_all - same_family
    frames = [f for _, f in data.lists]
    fam_empty = np.concatenate([(f["family_name"] == "").to_numpy() for f in frames])
    partial = np.concatenate([(f["birth_date"].str.len() < 10).to_numpy() for f in frames])
    out["missed_pairs_new_identity"] = missed_pairs_involving(t, labels, data.truth["new_identity"].to_numpy())
    out["missed_pairs_no_family_name"] = missed_pairs_involving(t, labels, fam_empty)
    out["missed_pairs_partial_birth"] = missed_pairs_involving(t, labels, partial)
    return out


@dataclass(frozen=True)
class Evaluation:
    """Every number of one evaluation (aggregates only)."""

    records: int
    children_true: int
    children_found: int
    children_rel_error: float
    precision_within: float
    recall_within: float
    precision_across: float
    recall_across: float
    pairs_true_within: int
    pairs_true_across: int
    pattern_l1_over_n: float
    nhat_true: float | None
    nhat_linked: float | None
    nhat_rel_diff: float | None
    nhat_true_lower: float | None
    nhat_true_upper: float | None
    nhat_linked_lower: float | None
    nhat_linked_upper: float | None
    status_true: str
    status_linked: str
    model_true: str
    model_linked: str
    records_left_out: int = 0
    nhat_true_all_records: float | None = None


def _fit(h: CaptureHistories, method: str) -> tuple[Any, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = estimate(h, method)
    return r, sorted({type(w.message).__name__ for w in caught})


def evaluate_labels(data: ProfileData, labels: np.ndarray, *, method: str = "loglinear",
                    counted: np.ndarray | None = None) -> tuple[Evaluation, list[str]]:
    """Compare predicted ``labels`` (cluster of every record, node order) with the truth.

    ``counted`` marks the records that put their child on their list (default all; the
    linkage leaves out records too thin to link): the linked *and* the true histories are
    built from those records, so that N̂ on the two differs by the linkage's errors alone,
    and ``nhat_true_all_records`` is N̂ on the true histories of every record.  Pairwise
    precision and recall count every record.

    Returns the :class:`Evaluation` and the names of warnings the estimator raised.
    """
    labels = np.asarray(labels)
    truth = data.true_child
    lst = data.record_list
    if labels.shape != truth.shape:
        raise ValueError(f"labels must have one entry per record ({truth.shape[0]}); got {labels.shape}")
    q = pairwise_quality(truth, labels, lst)
    k = len(data.lists)
    keep = np.ones(len(truth), dtype=bool) if counted is None else np.asarray(counted, dtype=bool)
    t_counts = pattern_counts(truth[keep], lst[keep], k)
    l_counts = pattern_counts(labels[keep], lst[keep], k)
    n_true = sum(t_counts.values())
    n_found = sum(l_counts.values())
    rt, wt = _fit(histories(t_counts, data.list_names), method)
    rl, wl = _fit(histories(l_counts, data.list_names), method)
    diff = (rl.estimate / rt.estimate - 1) if rl.estimate is not None and rt.estimate else None
    r_all = rt if keep.all() else _fit(histories(pattern_counts(truth, lst, k), data.list_names), method)[0]
    ev = Evaluation(
        records=int(len(truth)), children_true=n_true, children_found=n_found,
        children_rel_error=n_found / n_true - 1,
        precision_within=q.precision_within, recall_within=q.recall_within,
        precision_across=q.precision_across, recall_across=q.recall_across,
        pairs_true_within=q.true_within, pairs_true_across=q.true_across,
        pattern_l1_over_n=pattern_l1(t_counts, l_counts),
        nhat_true=rt.estimate, nhat_linked=rl.estimate, nhat_rel_diff=diff,
        nhat_true_lower=rt.lower, nhat_true_upper=rt.upper, nhat_linked_lower=rl.lower, nhat_linked_upper=rl.upper,
        status_true=str(rt.status.value), status_linked=str(rl.status.value),
        model_true=str(rt.details.get("model", "")), model_linked=str(rl.details.get("model", "")),
        records_left_out=int((~keep).sum()), nhat_true_all_records=r_all.estimate,
    )
    return ev, sorted(set(wt) | set(wl))


def write_profile(data: ProfileData, folder: str | os.PathLike[str], fmt: str = "csv") -> list[Path]:
    """Write each list of ``data`` to ``folder/<list>.<fmt>`` in the input schema.

    Returns the paths in list order (the file stem is the list name).  The truth is not
    written: a folder holds only what a user of ``removals link`` would have.
    """
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"fmt must be 'csv' or 'parquet'; got {fmt!r}")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in data.lists:
        p = out / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(p, index=False, encoding="utf-8")
        else:
            frame.astype("string").to_parquet(p, index=False)
        paths.append(p)
    return paths


def evaluate_profile(data: ProfileData, *, link_seed: int = 1, fmt: str = "csv", method: str = "loglinear",
                     workdir: str | os.PathLike[str] | None = None, settings: Any = None) -> dict[str, Any]:
    """Write ``data``, link it with :func:`estimators.linkage.link_lists`, and evaluate.

    Parameters
    ----------
    data : a generated profile.
    link_seed : seed given to ``link_lists``.
    fmt : ``csv`` or ``parquet`` for the written lists.
    method : estimator for N̂ (default ``loglinear``).
    workdir : folder for the lists (default a temporary folder, removed afterwards).
    settings : optional ``LinkageSettings`` passed through to ``link_lists``.

    Returns
    -------
    dict
        One tidy row: ``label`` (SYNTHETIC), ``profile``, ``seed``, ``n_population``,
        ``lists``, the fields of :class:`Evaluation`, ``link_seconds``, ``warnings`` (names of
        warning classes raised by the linkage or the estimator, with counts).
    """
    from estimators.linkage import link_lists

    def run(folder: Path) -> dict[str, Any]:
        paths = write_profile(data, folder, fmt)
        t0 = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            kwargs: dict[str, Any] = {"seed": link_seed}
            if settings is not None:
                kwargs["settings"] = settings
            result = link_lists(paths, **kwargs)
        seconds = time.perf_counter() - t0
        if tuple(result.histories.lists) != data.list_names:
            raise RuntimeError("the linkage returned lists in another order than given")
        # the labels are in node order (lists stacked as given, file order within a list):
        # the histories they imply must be the ones the linkage returned
        k = len(data.lists)
        counted = result.data.node_counted
        keep = np.ones(len(result.labels), dtype=bool) if counted is None else counted
        implied = pattern_counts(result.labels[keep], data.record_list[keep], k)
        returned: Counter[int] = Counter()
        for pattern, count in zip(result.histories.patterns.tolist(), result.histories.counts.tolist(), strict=True):
            returned[sum(int(b) << (k - 1 - j) for j, b in enumerate(pattern))] += int(count)
        if implied != returned:
            raise RuntimeError("the linkage's labels do not give its histories: node order differs from the harness's")
        ev, est_warn = evaluate_labels(data, result.labels, method=method, counted=counted)
        names = Counter(type(w.message).__name__ for w in caught)
        for w in est_warn:
            names[w] += 1
        row: dict[str, Any] = {
            "label": SYNTHETIC_LABEL, "profile": data.name, "seed": data.seed, "link_seed": link_seed,
            "n_population": len(data.population.children), "lists": len(data.lists),
        }
        row.update(asdict(ev))
        row["link_children_reported"] = int(result.summary.children)
        row["link_flagged_clusters"] = int(result.summary.flagged_clusters)
        row.update(error_breakdown(data, result.labels))
        row["link_seconds"] = round(seconds, 2)
        row["warnings"] = "; ".join(f"{k} x{v}" for k, v in sorted(names.items()))
        return row

    if workdir is not None:
        return run(Path(workdir))
    with tempfile.TemporaryDirectory(prefix="harness-") as tmp:
        return run(Path(tmp))


def true_evaluation_row(data: ProfileData, method: str = "loglinear") -> dict[str, Any]:
    """The row :func:`evaluate_profile` would give for a perfect linkage (labels = truth)."""
    ev, _ = evaluate_labels(data, data.true_child, method=method)
    return {"label": SYNTHETIC_LABEL, "profile": data.name, "seed": data.seed, **asdict(ev)}


def within_binomial(observed: float, expected: float, n: int, sds: float = 3.0) -> bool:
    """``observed`` (a share of ``n`` draws) within ``sds`` binomial standard deviations of ``expected``."""
    return abs(observed - expected) <= sds * math.sqrt(expected * (1 - expected) / n)
