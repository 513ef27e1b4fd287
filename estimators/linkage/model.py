"""The linkage model: standardise, check fields, train by bounded EM, score, calibrate.

A Fellegi-Sunter model (Fellegi & Sunter 1969) whose comparisons and blocking rules
are Splink's (:mod:`.comparisons`), trained and calibrated here:

1. **Standardise** every field with language-aware keys (:mod:`.standardise`,
   :mod:`.places`, the settlement gazetteer).
2. **Neutralise list labels**: a field constant within each list, or coded differently
   by each list, gets no weight (:mod:`.fields`); so does the removal date of a list whose
   sure matches agree on it no more than random pairs do: it dates another event
   (:mod:`.list_fields`).
3. **u** of every level from random pairs (Splink), on the plain model (one comparison
   per field).
4. **m by bounded EM** (:mod:`.em`) on the agreement patterns of three training blocks
   - full birth date; family and given name; family name and settlement (the
   household block) - each comparison trained only in the blocks that do not condition
   on it (Splink leaves those out), with a sibling class that keeps siblings and twins
   from passing as matches, m and u bounded away from 0 and 1.  A comparison's m is the
   average over its blocks, weighted by the block's expected matches.
5. **Prior, calibrated from the blocks**: EM estimates the share of matches in a block
   B; B keeps a share ``recall_B`` of all matches, estimated in another block (e.g. the
   share of matches with equal full birth dates, among the matches of the family + given
   name block).  So the expected number of matching pairs is ``share_B * |B| /
   recall_B``, and the prior match probability of two records is that over the number
   of pairs.  The two exact blocks give two estimates; the prior is their geometric mean
   (both are reported: far apart, they say the fields are not independent among matches).
6. **Check** the learned values against plausible ranges (:mod:`.checks`): a warning
   (:class:`LinkageWarning`) and a line in the summary for each implausible one.
7. **Score** the candidate pairs (Splink predict, with term-frequency adjustment of
   family and given name) and correct each pair's probability for the sibling class:
   ``p = lambda f_M / (lambda f_M + sigma f_S + (1 - lambda - sigma) f_U)``.

Missing values are neutral throughout (null levels: Bayes factor 1), so a pair that
agrees on every field it has links as readily as the fields it has allow.

The threshold.  A pair is linked when its match probability is at least the threshold,
0.5 by default: with calibrated probabilities that is the Bayes decision that minimises
the expected number of wrong decisions, when a false link costs as much as a missed
one.  For a population estimate they do cost alike: a false link moves a child into an
overlap cell, a missed link moves one out, and the estimate moves by about as much
either way.  The summary reports the model's own estimate of precision and recall at the
threshold (expected false and missed links); clerical review (:mod:`.review`) estimates
them from labelled pairs.

Re-registered identities
------------------------
Children taken to Russia have been re-registered under a new given name, patronymic,
family name and birthplace, while birth date, sex, origin institution, removal date
and destination can survive.  One event rewrites four fields together, which breaks
the conditional independence that Fellegi-Sunter assumes: the plain model multiplies
four disagreement factors, so such a pair can never link.  Here the matches are a
mixture (Larsen & Rubin 2001; Winkler's and Thibaudeau's dependence models): with
probability ``c`` a child's identity fields were rewritten and agree only by chance;
the ``identity`` comparison carries "every identity field present differs" once (its
"some agrees" level has u fixed at 1), and in the four field comparisons that pattern is
a null level.  The fields' u come from the plain model, because a null level would
make them conditional on "some identity field agrees".

The Spark backend, for lists that outgrow one machine, is the same model on
``splink.SparkAPI`` (optional extra ``removals[spark]``); see :mod:`.backends`.

References
----------
Fellegi, I. P. & Sunter, A. B. (1969). A theory for record linkage. *JASA* 64,
    1183-1210.
Larsen, M. D. & Rubin, D. B. (2001). Iterative automated record linkage using mixture
    models. *JASA* 96, 32-41.
Linacre, R., Lindsay, S., Manassis, T., Slade, Z., Hepworth, T., Kennedy, R. & Bond, A.
    (2022). Splink: Free software for probabilistic record linkage at scale.
    *International Journal of Population Data Science* 7(3).
Thibaudeau, Y. (1993). The discrimination power of dependency structures in record
    linkage. *Survey Methodology* 19, 31-38.
Winkler, W. E. (1990). String comparator metrics and enhanced decision rules in the
    Fellegi-Sunter model of record linkage. *Proc. Section on Survey Research Methods,
    ASA*, 354-359.
"""

from __future__ import annotations

import logging
import math
import os
import time
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ..exceptions import RemovalsWarning
from ..seeds import resolve_seed
from .backends import BACKENDS, U_SAMPLING, db_api, spark_configuration, spark_db_api
from .comparisons import (
    COMPARISON_COLUMNS,
    EXACT_LEVELS,
    KEY_COLUMNS,
    PERSON_COMPARISONS,
    blocking_rules,
    splink_settings,
)
from .em import PROBABILITY_FLOOR, LatentClassFit, fit_latent_classes
from .fields import FieldCheck, list_label_fields
from .formats import neutral_initial_format, neutral_partial_dates
from .identifiable import identifiable_records
from .list_fields import REMOVAL_WINDOW_DAYS, fields_with_another_meaning
from .schema import RawList
from .source_errors import MAX_TOTAL_SHIFT_BITS, ListPairShift, list_pair_shifts, threshold_before_shifts
from .standardise import NameTable, load_name_table, standardise_records

__all__ = [
    "KEY_COLUMNS",
    "LinkageSettings",
    "LinkageWarning",
    "ModelReport",
    "ScoredPairs",
    "splink_settings",
    "score_pairs",
    "cluster_pairs",
    "spark_configuration",
    "spark_db_api",
]

_log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class LinkageSettings:
    """Settings of a linkage run (immutable; validated on creation).

    Parameters
    ----------
    threshold : float, default 0.5
        Match probability at or above which a pair is linked (0 < threshold < 1); 0.5
        is the Bayes decision with equal costs of a false and a missed link (see the
        module docstring).
    keep_above : float, default 0.01
        Pairs with a match probability at or above this are kept for the linkage
        replicates (below it a pair is never linked in a replicate).
    u_max_pairs : float, default 1e6
        Random pairs sampled to estimate the u probabilities.
    em_max_pairs : float or None, default 2e6
        Cap on the blocked pairs of each EM block (None: all).
    max_cluster_size : int or None
        Clusters larger than this are flagged as implausible (default: twice the number
        of lists: one child is on each list at most once, up to a duplicate).
    reregistration : bool, default True
        Model re-registered identities (names and birthplace rewritten together; see the
        module docstring).  False gives the plain model.
    siblings : bool, default True
        Fit the sibling class (:mod:`.em`).  False gives the two-class model.
    term_frequencies : bool, default True
        Adjust family and given name agreement by the frequency of the name.
    one_to_one : bool, default True
        Cluster with the one-record-per-list constraint (:mod:`.cluster`); False gives
        connected components of the links.
    list_error_rates : bool, default True
        Re-estimate each comparison's m per pair of lists after training
        (:mod:`.source_errors`): a list's own error rates.  False: one m for all lists.
    keep_thin_records : bool, default False
        Keep records too thin to link (:mod:`.identifiable`) in the histories.  By default
        they are left out of the histories and counted per list.
    backend : {"duckdb", "spark"}, default "duckdb"
    seed : int or None
        Seed of u sampling and of everything random downstream (recorded).
    """

    threshold: float = 0.5
    keep_above: float = 0.01
    u_max_pairs: float = 1e6
    em_max_pairs: float | None = 2e6
    max_cluster_size: int | None = None
    reregistration: bool = True
    siblings: bool = True
    term_frequencies: bool = True
    one_to_one: bool = True
    list_error_rates: bool = True
    keep_thin_records: bool = False
    backend: str = "duckdb"
    seed: int | None = None

    def __post_init__(self) -> None:
        if not 0 < self.threshold < 1:
            raise ValueError(f"threshold must be strictly between 0 and 1; got {self.threshold}")
        if not 0 < self.keep_above <= self.threshold:
            raise ValueError(f"keep_above must be in (0, threshold]; got {self.keep_above}")
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}; got {self.backend!r}")
        if self.max_cluster_size is not None and self.max_cluster_size < 2:
            raise ValueError(f"max_cluster_size must be >= 2; got {self.max_cluster_size}")


class LinkageWarning(RemovalsWarning):
    """The linkage model could not be trained as planned, or learned implausible values."""


@dataclass(frozen=True)
class ModelReport:
    """What the model learned and how it was calibrated (no data values).

    Attributes
    ----------
    prior : probability that two records match (lambda).
    prior_estimates : the block-based estimates it combines (block name -> lambda).
    expected_matches_per_record : ``2 lambda n_pairs / n``.
    sibling_ratio : sigma / lambda, sibling pairs per matching pair (0 without the class).
    neutralised : fields given no weight, with the reason.
    blocks : per training block: pairs, expected matches and siblings, EM convergence.
    implausible : one message per implausible learned value (also warned).
    inverted : categorical comparisons given no weight after training because their
        learned weights were inverted (a list label the checks before training missed).
    orthographies : lists whose Latin values were read in another language's orthography
        (list name -> ``pl``, ``fr``, ``cs``, ``lv``, ``lt``, ``ka``, ``hu``, ``gost`` or ``ocr``,
        or ``capitals`` for a romanisation that left its capitals Cyrillic, joined by ", " when a
        list was read more than one way; :mod:`.orthography`, :mod:`.lookalikes`,
        :mod:`.partial_romanisation`).
    mis_decoded : per list, the values read back from a wrong code page (:mod:`.mojibake`).
    birth_dates_read : per list, the birth dates that cannot be a child's: read as missing
        (``placeholder``, ``implausible``, ``after_removals``) or a century later (``century``);
        the dates put back in their columns (``birth_as_removal``, ``removal_as_birth``), removal
        dates before 2014-02-20 read as missing (``removal_too_early``), and records whose two
        dates share day and month, read to the year (``parser_default``; :mod:`.standardise`).
    not_names : per list, the rows with a place, an institution or a date where a name belongs,
        read as no name (:func:`.places.names_place_or_institution`; :mod:`.standardise`).
    cells_read : per list, the rows whose given-name cell names only a relation
        (``relation_names``, read as no name), whose name parts were moved to their cells
        (``names_moved``), whose origin names a place passed through (``passage_origins``,
        read as missing), whose sex contradicts a whole patronymic (``sex_contradicted``,
        read as missing) and whose name cells held an identity document's field label or
        Latin transliteration (``document_fields``) or a ticket's passenger title where the
        patronymic belongs (``passenger_titles``; :mod:`.document_cells`).
    other_meaning : per list whose removal dates were dropped because they date another
        event (:mod:`.list_fields`), what the sure matches showed (counts and shares only).
    list_pair_shifts : per comparison and pair of lists whose error rates differ from all
        lists' (:mod:`.source_errors`): the level that moved most, in bits (no data values).
    """

    prior: float
    prior_estimates: dict[str, float]
    expected_matches_per_record: float
    sibling_ratio: float
    neutralised: tuple[FieldCheck, ...]
    blocks: tuple[dict[str, Any], ...]
    implausible: tuple[str, ...]
    inverted: tuple[str, ...] = ()
    orthographies: dict[str, str] = field(default_factory=dict)
    mis_decoded: dict[str, int] = field(default_factory=dict)
    birth_dates_read: dict[str, dict[str, int]] = field(default_factory=dict)
    not_names: dict[str, int] = field(default_factory=dict)
    cells_read: dict[str, dict[str, int]] = field(default_factory=dict)
    other_meaning: dict[str, str] = field(default_factory=dict)
    list_pair_shifts: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "prior": self.prior,
            "prior_estimates": dict(self.prior_estimates),
            "expected_matches_per_record": self.expected_matches_per_record,
            "sibling_ratio": self.sibling_ratio,
            "neutralised": [{"field": c.column, "reason": c.reason} for c in self.neutralised]
            + [{"field": name, "reason": "learned weights inverted"} for name in self.inverted],
            "training_blocks": [dict(b) for b in self.blocks],
            "implausible": list(self.implausible),
            "orthographies": dict(self.orthographies),
            "mis_decoded": dict(self.mis_decoded),
            "birth_dates_read": {k: dict(v) for k, v in self.birth_dates_read.items()},
            "not_names": dict(self.not_names),
            "cells_read": {k: dict(v) for k, v in self.cells_read.items()},
            "removal_date_dropped": dict(self.other_meaning),
            "list_pair_error_rates": [dict(x) for x in self.list_pair_shifts],
        }


@dataclass(frozen=True)
class ScoredPairs:
    """Records (nodes) and their scored pairs.

    Attributes
    ----------
    node_list : ndarray (n,), int
        Index of the list of every record (node ``i`` is row ``i`` of the stacked lists,
        in list order then file order).
    pairs : DataFrame
        ``node_l, node_r, match_probability, match_weight`` (log2 odds) and the
        comparison levels ``gamma_<comparison>`` of every scored pair at or above
        ``keep_above`` (``node_l < node_r``).  The levels stay in memory (review).
    lists : list names.
    seconds : wall time of the steps, by step.
    parameters : trained model (m, s and u per comparison level, prior), no data.
    report : calibration and checks (:class:`ModelReport`).
    levels : comparison name -> labels of its non-null levels, indexed by Splink's
        comparison vector value (0 = else).
    identifiable : ndarray (n,) of bool or None
        Whether each record is identifiable (:func:`.identifiable.identifiable_records`).
    """

    node_list: np.ndarray
    pairs: pd.DataFrame
    lists: tuple[str, ...]
    seconds: dict[str, float] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    report: ModelReport | None = None
    levels: dict[str, list[str]] = field(default_factory=dict)
    identifiable: np.ndarray | None = None

    @property
    def n(self) -> int:
        return int(len(self.node_list))


def _stack(lists: Sequence[RawList]) -> tuple[pd.DataFrame, np.ndarray]:
    frames = []
    for k, raw in enumerate(lists):
        f = raw.frame.copy()
        f["source_dataset"] = raw.name
        f["list_index"] = k
        frames.append(f)
    stacked = pd.concat(frames, ignore_index=True)
    stacked["unique_id"] = np.arange(len(stacked), dtype=np.int64)
    return stacked, stacked["list_index"].to_numpy(dtype=np.int64)


def _settlement_codes(keys: pd.DataFrame, stacked: pd.DataFrame) -> None:
    """Add ``settlement_code`` and ``settlement_candidates`` (gazetteer) and ``settlement_block``
    (code, else key)."""
    from .places import settlement_resolution

    cache: dict[str, tuple[str | None, str | None]] = {}
    codes: list[str | None] = []
    candidates: list[str | None] = []
    if "settlement_text" in keys.columns:  # as standardise read it (a wrong code page repaired)
        values = keys["settlement_text"].tolist()
    else:
        values = stacked["origin_settlement"].tolist() if "origin_settlement" in stacked.columns else [None] * len(keys)
    for v in values:
        text = "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
        if text not in cache:
            cache[text] = settlement_resolution(text) if text else (None, None)
        codes.append(cache[text][0])
        candidates.append(cache[text][1])
    keys["settlement_code"] = pd.Series(codes, index=keys.index, dtype=object)
    keys["settlement_candidates"] = pd.Series(candidates, index=keys.index, dtype=object)
    missing = keys["settlement_key"].isna()
    keys.loc[missing, "settlement_code"] = None
    keys.loc[missing, "settlement_candidates"] = None
    keys["settlement_block"] = keys["settlement_code"].where(keys["settlement_code"].notna(), keys["settlement_key"])


def _db_api(settings: LinkageSettings, spark_session: Any = None) -> Any:
    return db_api(settings.backend, spark_session)


def _register_blocked_pairs(linker: Any, db_api: Any, table: str, rules: list[Any]) -> Any:
    """Find the pairs the blocking rules bring together and register them for ``predict``.

    Every pair of records (``unique_id`` ascending) that at least one rule brings together, once:
    the union of one join per rule.  Splink's own blocking gives the same pairs, but makes each
    rule exclude the pairs of every rule before it, evaluating up to all the earlier rules'
    conditions on each of its candidate pairs (with composite string ids when it links several
    tables); with twenty-odd rules that took over half of the scoring time on 3 x 100,000
    records (``bench/RESULTS.md``).  The scores do not change.  Returns the pairs (a Splink
    data frame: ``match_key``, ``join_key_l``, ``join_key_r``).
    """
    dialect = db_api.sql_dialect.sql_dialect_str
    union = " UNION ".join(
        f"select l.unique_id as join_key_l, r.unique_id as join_key_r from {table} as l inner join {table} as r "
        f"on ({rule.get_blocking_rule(dialect).blocking_rule_sql}) where l.unique_id < r.unique_id"
        for rule in rules)
    pairs = linker.misc.query_sql(f"select '0' as match_key, join_key_l, join_key_r from ({union})",
                                  output_type="splink_df")
    linker.table_management.register_blocked_pairs_for_predict(pairs)
    return pairs


def _level_probabilities(linker: Any, which: str) -> dict[str, list[float | None]]:
    """m or u of every non-null level, top level first (Splink's order)."""
    out: dict[str, list[float | None]] = {}
    for comp in linker._settings_obj.comparisons:
        vals = []
        for level in comp.comparison_levels:
            if level.is_null_level:
                continue
            v = getattr(level, f"{which}_probability")
            vals.append(None if v is None or isinstance(v, str) else float(v))
        out[comp.output_column_name] = vals
    return out


def _level_labels(linker: Any) -> dict[str, list[str]]:
    """Labels of every non-null level, indexed by comparison vector value (0 = else)."""
    out: dict[str, list[str]] = {}
    for comp in linker._settings_obj.comparisons:
        levels = [lv for lv in comp.comparison_levels if not lv.is_null_level]
        labels = [""] * len(levels)
        for lv in levels:
            labels[lv.comparison_vector_value] = str(lv.label_for_charts)
        out[comp.output_column_name] = labels
    return out


def _by_value(top_first: Sequence[float | None]) -> np.ndarray:
    """Top-first level values -> array indexed by comparison vector value (0 = else)."""
    return np.array([np.nan if v is None else v for v in top_first], dtype=float)[::-1].copy()


def _pattern_counts(linker: Any, rule: Any, max_pairs: float | None,
                    blocked: Sequence[str]) -> tuple[list[str], pd.DataFrame] | None:
    """Agreement-pattern counts of the pairs of one training block (None: no pairs).

    Blocks with Splink (sampling records to about ``max_pairs`` pairs, as Splink's EM
    does) and computes the comparison vectors of every comparison; the comparisons in
    ``blocked`` (those the block conditions on) are then left out.  Splink's own EM
    would also leave out every comparison that merely *mentions* a blocked column, which
    here is every identity field (their "every identity field differs" null level reads
    all four): on a block where the family name agrees that level cannot occur, so the
    given name, patronymic and settlement are trained there as usual.
    """
    from splink.internals.blocking import block_using_rules_sqls
    from splink.internals.blocking_rule_creator_utils import to_blocking_rule_creator
    from splink.internals.comparison_vector_values import compute_comparison_vector_values_from_id_pairs_sqls
    from splink.internals.em_sampling import resolve_em_sample_threshold
    from splink.internals.pipeline import CTEPipeline
    from splink.internals.settings import Settings
    from splink.internals.term_frequencies import ensure_term_frequencies_for_linker
    from splink.internals.vertically_concatenate import enqueue_df_concat, enqueue_df_concat_with_tf

    ensure_term_frequencies_for_linker(linker)
    settings = linker._settings_obj
    info = settings.column_info_settings
    br = to_blocking_rule_creator(rule).get_blocking_rule(linker._sql_dialect_str)
    comparisons = list(settings.core_model_settings.comparisons)
    names = [cc.output_column_name for cc in comparisons if cc.output_column_name not in blocked]
    gammas = [cc._gamma_column_name for cc in comparisons if cc.output_column_name not in blocked]
    if not names:
        return None
    threshold, modulus = None, None
    if max_pairs is not None:
        threshold, modulus, _ = resolve_em_sample_threshold(linker=linker, blocking_rule=br, max_pairs=max_pairs,
                                                            probe_proportion=0.01)
    db_api = linker._db_api
    pipeline = CTEPipeline()
    enqueue_df_concat(linker, pipeline)
    pipeline.enqueue_list_of_sqls(block_using_rules_sqls(
        input_tablename_l="__splink__df_concat", input_tablename_r="__splink__df_concat", blocking_rules=[br],
        link_type=settings._link_type, source_dataset_input_column=info.source_dataset_input_column,
        unique_id_input_column=info.unique_id_input_column, sample_threshold=threshold, sample_modulus=modulus))
    blocked_pairs = db_api.sql_pipeline_to_splink_dataframe(pipeline)
    pipeline = CTEPipeline([blocked_pairs])
    enqueue_df_concat_with_tf(linker, pipeline)
    select = Settings.columns_to_select_for_comparison_vector_values(
        unique_id_input_columns=info.unique_id_input_columns, comparisons=comparisons,
        retain_matching_columns=False, additional_columns_to_retain=[])
    pipeline.enqueue_list_of_sqls(compute_comparison_vector_values_from_id_pairs_sqls(
        settings._columns_to_select_for_blocking, select, input_tablename_l="__splink__df_concat_with_tf",
        input_tablename_r="__splink__df_concat_with_tf", source_dataset_input_column=info.source_dataset_input_column,
        unique_id_input_column=info.unique_id_input_column))
    cols = ", ".join(gammas)
    pipeline.enqueue_sql(f"select {cols}, count(*) as n from __splink__df_comparison_vectors group by {cols}",
                         "__removals_pattern_counts")
    counts = db_api.sql_pipeline_to_splink_dataframe(pipeline)
    frame = counts.as_pandas_dataframe()
    counts.drop_table_from_database_and_remove_from_cache()
    blocked_pairs.drop_table_from_database_and_remove_from_cache()
    if frame.empty or int(frame["n"].sum()) == 0:
        return None
    frame = frame.rename(columns=dict(zip(gammas, names, strict=True)))
    return names, frame


def _block_size(keys: pd.DataFrame, columns: Sequence[str]) -> float:
    """Number of record pairs (within and across lists) that agree on all ``columns``."""
    g = keys[list(columns)].dropna()
    if g.empty:
        return 0.0
    sizes = g.groupby(list(columns), sort=False).size().to_numpy(dtype=float)
    return float((sizes * (sizes - 1) / 2).sum())


#: Training blocks: name, key columns blocked on (exact agreement), the comparisons it
#: conditions on (left out of its EM).  The last two are the household blocks (one is used).
TRAINING_BLOCKS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("full birth date", ("birth_year", "birth_month", "birth_day"), ("birth_date",)),
    ("family + given name", ("family_key", "given_key"), ("family_key", "given_key", "identity")),
    ("family name + settlement", ("family_key", "settlement_key"), ("family_key", "settlement_key", "identity")),
    ("family name + patronymic", ("family_key", "patronymic_key"), ("family_key", "patronymic_key", "identity")),
    ("given name + settlement", ("given_key", "settlement_key"), ("given_key", "settlement_key", "identity")),
    ("given name + sex", ("given_key", "sex"), ("given_key", "sex", "identity")),
)
#: Comparisons of categorical fields: neutralised when their learned weights are inverted.
CATEGORICAL_COMPARISONS = ("settlement_key", "institution_key", "destination_key", "removal_date")
#: Blocks fitted only when a comparison is still untrained after the others.
_FALLBACK_BLOCKS = ("given name + settlement", "given name + sex")


def _exact_value(levels: Mapping[str, list[str]], comparison: str) -> int | None:
    labels = levels.get(comparison)
    if not labels or EXACT_LEVELS[comparison] not in labels:
        return None
    return labels.index(EXACT_LEVELS[comparison])


def _recall(block: str, fits: Mapping[str, LatentClassFit], levels: Mapping[str, list[str]]) -> float | None:
    """Share of all matches that agree exactly on the block's columns, from another block's fit.

    When another block fits all the block's comparisons, the share of its matches at
    their exact levels jointly (the null level, a missing value, counts as not agreeing)
    is what the block keeps of all matches, if the comparisons are independent of the
    other block's columns among matches; otherwise the product of each comparison's
    share (independence among matches, as the model assumes).
    """
    conditioned = [c for c in next(b for n, _, b in TRAINING_BLOCKS if n == block) if c != "identity"]
    exact = {c: _exact_value(levels, c) for c in conditioned}
    if any(v is None for v in exact.values()):
        return None
    for other, fit in fits.items():
        if other == block or not all(c in fit.comparisons for c in conditioned):
            continue
        share = fit.match_share({c: int(v) for c, v in exact.items() if v is not None})
        if share is not None and share > 0:
            return share
    # no block fits them all: the product of their shares, each from some other block
    product = 1.0
    for c, v in exact.items():
        got = next((f.match_level_share[c][int(v)] for n, f in fits.items()  # type: ignore[arg-type]
                    if n != block and c in f.comparisons), None)
        if got is None or got <= 0:
            return None
        product *= float(got)
    return product


def score_pairs(
    lists: Sequence[RawList],
    settings: LinkageSettings | None = None,
    *,
    table: NameTable | None = None,
    spark_session: Any = None,
    fixed_m: Mapping[str, Sequence[float]] | None = None,
    dashboard: str | os.PathLike[str] | None = None,
) -> ScoredPairs:
    """Standardise the lists, train the model and score the blocked pairs.

    Parameters
    ----------
    lists : sequence of RawList
        Validated lists (see :func:`.schema.read_lists`).
    settings : LinkageSettings, optional
    table : NameTable, optional
        Name equivalences (default: the pinned table).
    spark_session : pyspark.sql.SparkSession, optional
        Only with ``backend="spark"``.
    fixed_m : comparison name -> m of each non-null level (top first), fixed in training
        (e.g. estimated from clerical labels, :mod:`.review`).
    dashboard : path, optional
        Write Splink's comparison viewer dashboard (HTML; it shows folded names and
        dates: personal data) of the scored pairs there.

    Returns
    -------
    ScoredPairs

    Notes
    -----
    Only the standardised keys enter Splink; raw names, dates and record ids do not.
    Splink's own log messages hold no data values.
    """
    from splink import Linker

    from .checks import implausible_parameters

    s = settings or LinkageSettings()
    seed = resolve_seed(s.seed)
    stacked, node_list = _stack(lists)
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    keys = standardise_records(stacked, table or load_name_table())
    identifiable = identifiable_records(keys, node_list)
    orthographies = dict(keys.attrs.get("orthographies", {}))
    mis_decoded = dict(keys.attrs.get("mis_decoded", {}))
    birth_dates_read = dict(keys.attrs.get("birth_dates_read", {}))
    not_names = dict(keys.attrs.get("not_names", {}))
    cells_read = dict(keys.attrs.get("cells_read", {}))
    _settlement_codes(keys, stacked)
    checks = list_label_fields(keys, node_list, len(lists))
    neutralised = tuple(c for c in checks if c.neutralised)
    for c in neutralised:
        keys[c.column] = None
        if c.column == "settlement_key":
            keys["settlement_code"] = None
            keys["settlement_candidates"] = None
            keys["settlement_block"] = None
        if c.column == "removal_month":
            keys["removal_day"] = pd.array([None] * len(keys), dtype="Int64")
        if c.column == "destination_key":
            keys["destination_country"] = None
    # a list whose removal date dates another event (a ruling, a post): dropped for that list
    other_meaning: dict[str, str] = {}
    for lc in fields_with_another_meaning(keys, node_list, len(lists)):
        if lc.dropped and not any(c.column == lc.column for c in neutralised):
            rows = node_list == lc.list_index
            keys.loc[rows, "removal_month"] = None
            keys.loc[rows, "removal_day"] = pd.NA
            other_meaning[lists[lc.list_index].name] = (
                f"{lc.agreeing} of {lc.sure_pairs} sure matches agree within {REMOVAL_WINDOW_DAYS} days, "
                f"against {lc.same_share:.0%} between the other lists and {lc.random_share:.0%} of random pairs")
    seconds["standardise"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    db_api = _db_api(s, spark_session)
    available = [c for c in dict.fromkeys(COMPARISON_COLUMNS.values()) if int(keys[c].notna().sum()) >= 2]
    # the share of re-registered matches is learned on the full birth date block only
    reregistration = s.reregistration and "birth_year" in available
    string_columns = ("family_key", "family_initial", "family_skeleton", "given_key", "given_initial", "given_initials",
                      "given_block", "given_fold", "given_skeleton", "patronymic_key", "patronymic_initial",
                      "patronymic_initials", "sex",
                      "settlement_key", "settlement_code", "settlement_candidates", "settlement_block", "institution_key",
                      "destination_key", "destination_country")
    # the list of each record: blocking rules that only pair records of different lists use it
    keys["list_index"] = node_list.astype(np.int64)
    columns = ["unique_id", "list_index", *KEY_COLUMNS]
    # the key columns as Splink reads them: one table per list (training) and all records in one (scoring)
    typed = keys[columns].astype({c: "string" for c in string_columns})
    tables = [db_api.register(typed[node_list == k], dataset_display_name=raw.name) for k, raw in enumerate(lists)]
    n = len(keys)
    n_pairs = n * (n - 1) / 2
    start_prior = min(0.5, 2.0 / max(n, 4))
    # u from the plain model (one comparison per field): under non-match the fields are
    # independent, and these marginal u's are what the re-registration model needs
    plain = Linker(tables, splink_settings(available=available, prior=start_prior, reregistration=False,
                                           term_frequencies=False), log_level=None)
    plain.training.estimate_u_using_random_sampling(max_pairs=s.u_max_pairs, seed=seed % (2**31), **U_SAMPLING)
    u_top_first = _level_probabilities(plain, "u")
    seconds["u"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    linker = Linker(tables, splink_settings(available=available, prior=start_prior, reregistration=reregistration,
                                            u_probabilities=u_top_first, term_frequencies=s.term_frequencies),
                    log_level=None)
    if reregistration and "identity" in {c.output_column_name for c in linker._settings_obj.comparisons}:
        # only the identity comparison's "every identity field differs" level is not fixed yet
        linker.training.estimate_u_using_random_sampling(max_pairs=s.u_max_pairs, seed=seed % (2**31), **U_SAMPLING)
    u_all = _level_probabilities(linker, "u")
    levels = _level_labels(linker)
    # a level no random pair fell in gets u at the floor; every u stays off 0 and 1 (the
    # identity comparison's "some field agrees" level keeps its fixed u = 1 in Splink)
    u = {name: np.clip(np.where(np.isnan(arr), PROBABILITY_FLOOR, arr), PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR)
         for name, arr in ((name, _by_value(vals)) for name, vals in u_all.items())}
    if "identity" in u:
        u["identity"][-1] = 1.0  # "some identity field agrees": u fixed at 1 by design (see the module docstring)
    fixed = {name: _by_value(vals) for name, vals in (fixed_m or {}).items() if name in u}
    # EM on the training blocks
    have = set(available)
    fits: dict[str, LatentClassFit] = {}
    block_rows: list[dict[str, Any]] = []
    from splink import block_on

    household_done = False
    trained: set[str] = set()
    for name, cols, blocked in TRAINING_BLOCKS:
        if not {c for c in cols if c in COMPARISON_COLUMNS.values()} <= have:
            continue
        is_household = name.startswith("family name +")
        if is_household and household_done:
            continue
        if name in _FALLBACK_BLOCKS and set(u) - set(blocked) <= trained:
            continue
        size = _block_size(keys, cols)
        cap = s.em_max_pairs if s.em_max_pairs is not None and size > s.em_max_pairs else None
        counted = _pattern_counts(linker, block_on(*cols), cap, blocked)
        if counted is None:
            warnings.warn(f"EM training block {name!r} holds no record pairs; skipped", LinkageWarning,
                          stacklevel=2)
            continue
        names, frame = counted
        fit = fit_latent_classes(frame[names].to_numpy(dtype=np.int64), frame["n"].to_numpy(dtype=float), names,
                                 {k: u[k] for k in names}, PERSON_COMPARISONS, fixed_m=fixed,
                                 siblings=s.siblings)
        fits[name] = fit
        trained |= set(fit.comparisons)
        household_done = household_done or is_household
        block_rows.append({"block": name, "pairs_in_block": size, "pairs_fitted": fit.pairs,
                           "expected_matches": fit.matches, "expected_siblings": fit.siblings,
                           "converged": fit.converged, "iterations": fit.iterations,
                           "comparisons": list(fit.comparisons)})
    if not fits:
        warnings.warn("no EM training block could be fitted; m probabilities stay at their starting values",
                      LinkageWarning, stacklevel=2)
    m: dict[str, np.ndarray] = {}
    sib: dict[str, np.ndarray] = {}
    for name in u:
        if name in fixed:
            m[name] = fixed[name]
            continue
        weights = [(f.matches, f.m[name]) for f in fits.values() if name in f.m]
        if weights:
            total = sum(w for w, _ in weights)
            m[name] = (np.sum([w * arr for w, arr in weights], axis=0) / total) if total > 0 else weights[0][1]
        else:
            L = len(u[name])
            start = np.full(L, 0.2 / max(L - 1, 1))
            start[L - 1] = 0.8
            m[name] = start
            warnings.warn(f"comparison {name!r} could not be trained in any block; its m stays at the starting "
                          "value", LinkageWarning, stacklevel=2)
        with_s = [(f.siblings, f.s[name]) for f in fits.values() if name in f.s]
        if with_s:
            sib[name] = max(with_s, key=lambda x: x[0])[1]
    # prior from the blocks
    estimates: dict[str, float] = {}
    for name, cols, _ in TRAINING_BLOCKS:
        block_fit = fits.get(name)
        if block_fit is None:
            continue
        recall = _recall(name, fits, levels)
        size = _block_size(keys, cols)
        if recall is not None and recall > 0 and size > 0:
            estimates[name] = float(block_fit.pi[0]) * size / (n_pairs * recall)
    if estimates:
        prior = float(np.exp(np.mean(np.log(list(estimates.values())))))
    else:
        prior = start_prior
        warnings.warn("the prior match probability could not be calibrated from the training blocks; about one "
                      "match per record is assumed", LinkageWarning, stacklevel=2)
    prior = float(min(max(prior, 1e-12), 0.5))
    # reduced formats are neutral (see .formats): a name printed as its initial (agreeing at
    # the initial is evidence for a match, m derived from the full-name levels); each name
    # comparison whose m labelled pairs did not fix
    for comparison in ("family_key", "given_key", "patronymic_key"):
        if comparison not in fixed:
            neutral_initial_format(m, u, levels, floor=PROBABILITY_FLOOR, comparison=comparison)
    # a birth date known to the year or month: the same, with the within-format m EM learned
    if "birth_date" not in fixed:
        neutral_partial_dates(m, u, levels, floor=PROBABILITY_FLOOR, siblings=sib)
    # a categorical field whose learned weights are inverted (agreeing counts against a
    # match, or disagreeing for one) is coded differently by the lists in a way the keys
    # and the checks before training did not catch: it gets no weight (m = u)
    inverted: list[str] = []
    for name in CATEGORICAL_COMPARISONS:
        if name in m and name not in fixed:
            w = np.log2(m[name] / u[name])
            if len(w) >= 2 and (w[-1] < 0 or w[0] > 0):
                m[name] = u[name] / u[name].sum()
                inverted.append(name)
    household = next((f for k, f in fits.items() if k.startswith("family name +")), None)
    sibling_ratio = 0.0
    if s.siblings and household is not None and household.pi[0] > 0:
        sibling_ratio = float(household.pi[1] / household.pi[0])
    implausible = implausible_parameters(m, u, levels, prior=prior, n_records=n, n_lists=len(lists),
                                         fits=fits)
    for msg in implausible:
        warnings.warn(f"implausible linkage parameter: {msg}", LinkageWarning, stacklevel=2)
    seconds["em"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    m_top_first = {name: [float(v) for v in arr[::-1]] for name, arr in m.items()}
    # scoring: the records of all lists in one table, deduplicated (the same pairs as linking and
    # deduplicating the lists) and the blocked pairs found here (:func:`_register_blocked_pairs`)
    stacked_table = db_api.register(typed, dataset_display_name="records")
    # the identity comparison's "some agrees" level keeps u = 1 (fixed in the settings)
    final = Linker([stacked_table], splink_settings(link_type="dedupe_only", available=available, prior=prior,
                                                    reregistration=reregistration,
                                                    u_probabilities={k: [float(x) for x in v[::-1]] for k, v in u.items()},
                                                    m_probabilities=m_top_first, term_frequencies=s.term_frequencies,
                                                    retain_columns=True),
                   log_level=None)
    _register_blocked_pairs(final, db_api, stacked_table.physical_name, blocking_rules(set(available)))
    # with error rates per pair of lists a pair may gain up to MAX_TOTAL_SHIFT_BITS: score below keep_above
    score_above = threshold_before_shifts(s.keep_above, MAX_TOTAL_SHIFT_BITS) if s.list_error_rates else s.keep_above
    predictions = final.inference.predict(threshold_match_probability=score_above, warning_mode="never")
    gamma_cols = [f"gamma_{name}" for name in m]
    frame = final.misc.query_sql(
        f"select unique_id_l, unique_id_r, match_weight, {', '.join(gamma_cols)} from {predictions.physical_name}",
        output_type="pandas")
    if dashboard is not None:
        final.visualisations.comparison_viewer_dashboard(predictions, str(dashboard), overwrite=True,
                                                        num_example_rows=2)
    seconds["predict"] = time.perf_counter() - t0
    a = frame["unique_id_l"].to_numpy(dtype=np.int64)
    b = frame["unique_id_r"].to_numpy(dtype=np.int64)
    w_mu = frame["match_weight"].to_numpy(dtype=float)
    shifts: list[ListPairShift] = []
    if s.list_error_rates:
        list_names = [r.name for r in lists]
        shift, shifts = list_pair_shifts(
            w_mu, {name: frame[f"gamma_{name}"].to_numpy(dtype=np.int64) for name in m}, node_list[a], node_list[b],
            m, u, len(lists), levels=levels, skip=inverted)
        w_mu = w_mu + np.clip(shift, -MAX_TOTAL_SHIFT_BITS, MAX_TOTAL_SHIFT_BITS)
        shift_rows = tuple({"comparison": x.comparison, "lists": [list_names[x.lists[0]], list_names[x.lists[1]]],
                            "likely_matches": round(x.likely_matches, 1), "level": x.level, "bits": round(x.bits, 2)}
                           for x in shifts)
    else:
        shift_rows = ()
    log_ratio = np.full(len(frame), -np.inf)
    if sibling_ratio > 0 and sib:
        lr = np.full(len(frame), math.log(sibling_ratio))
        for name in PERSON_COMPARISONS:
            if name not in sib:
                continue
            g = frame[f"gamma_{name}"].to_numpy(dtype=np.int64)
            ok = g >= 0
            gi = np.where(ok, g, 0)
            lr += np.where(ok, np.log(sib[name][gi]) - np.log(m[name][gi]), 0.0)
        log_ratio = lr
    # final odds: 1 / (1 / odds_MU + sigma f_S / (lambda f_M)), in natural logs
    log_odds = -np.logaddexp(-w_mu * math.log(2), log_ratio)
    prob = 1.0 / (1.0 + np.exp(-log_odds))
    out = pd.DataFrame({
        "node_l": np.minimum(a, b),
        "node_r": np.maximum(a, b),
        "match_probability": prob,
        "match_weight": log_odds / math.log(2),
    })
    for col in gamma_cols:
        out[col] = frame[col].to_numpy(dtype=np.int8)
    out = out[out["match_probability"] >= s.keep_above]
    out = out.sort_values(["node_l", "node_r", "match_probability"], kind="mergesort")
    out = out.drop_duplicates(["node_l", "node_r"], keep="last").reset_index(drop=True)
    _log.info("scored %d pairs among %d records of %d lists", len(out), len(node_list), len(lists))
    report = ModelReport(
        prior=prior, prior_estimates=estimates, expected_matches_per_record=2 * prior * n_pairs / max(n, 1),
        sibling_ratio=sibling_ratio, neutralised=neutralised, blocks=tuple(block_rows),
        implausible=tuple(implausible), inverted=tuple(inverted), orthographies=orthographies,
        mis_decoded=mis_decoded, birth_dates_read=birth_dates_read, not_names=not_names, cells_read=cells_read,
        other_meaning=other_meaning,
        list_pair_shifts=shift_rows,
    )
    parameters: dict[str, Any] = {
        "probability_two_random_records_match": prior,
        "comparisons": {
            name: [
                {"level": levels[name][g], "m": float(m[name][g]), "u": float(u[name][g]),
                 **({"s": float(sib[name][g])} if name in sib else {})}
                for g in range(len(levels[name]) - 1, -1, -1)
            ]
            for name in m
        },
        "model": report.to_dict(),
    }
    return ScoredPairs(node_list=node_list, pairs=out, lists=tuple(r.name for r in lists), seconds=seconds,
                       parameters=parameters, report=report, levels=levels, identifiable=identifiable)


def cluster_pairs(n: int, node_l: np.ndarray, node_r: np.ndarray, linked: np.ndarray | None = None) -> np.ndarray:
    """Connected components of the graph of linked pairs.

    Parameters
    ----------
    n : number of nodes (records).
    node_l, node_r : pair endpoints.
    linked : boolean mask of the pairs that are links (default: all).

    Returns
    -------
    ndarray (n,), int
        Cluster label of every node, labels ``0..c-1`` in order of first node.
    """
    if linked is not None:
        node_l, node_r = node_l[linked], node_r[linked]
    graph = coo_matrix((np.ones(len(node_l), dtype=np.int8), (node_l, node_r)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels, dtype=np.int64)
