"""The Splink model: settings, EM training, pairwise match probabilities, clustering.

The model is a Fellegi-Sunter model (Fellegi & Sunter 1969) as implemented by Splink:
each record pair is compared on the standardised keys of :mod:`.standardise`, each
comparison falls in one of a few agreement levels, and the match weight is the sum of
log-likelihood ratios ``log2(m/u)`` of the levels.  ``u`` is estimated by random
sampling of pairs, ``m`` by expectation maximisation on blocked pairs, and the prior
match probability from deterministic rules.

One ``link_and_dedupe`` model scores pairs within each list (duplicates) and across
lists (links) at once; clustering the pairs at or above the threshold by connected
components gives one entity per child, and each child is then recorded once per list
(within-list duplicates collapse).

Comparisons
-----------
* family name: exact key / Jaro-Winkler >= 0.92 / >= 0.85 / else.
* given name: same equivalence group / Jaro-Winkler >= 0.92 / >= 0.85 / else.
* patronymic (father's name group): same / Jaro-Winkler >= 0.88 / else.
* birth date at the precision both records have: full date equal / equal at the
  common (partial) precision / same year and month or day swapped or one day off /
  year within one / else.
* sex, origin settlement (exact / Jaro-Winkler >= 0.88), origin institution (exact key).
* destination (folded key; "unknown" and its Ukrainian, Russian and Belarusian forms
  count as missing) and removal date (same day / within a week / same month or within
  31 days / else): events, not identity, so they survive a re-registration.
* identity: "some identity field agrees" / "every identity field present differs"
  (see below).

Re-registered identities
------------------------
Children taken to Russia have been re-registered under a new given name, patronymic,
family name and birthplace, while birth date, sex, origin institution, removal date
and destination can survive.  One event rewrites four fields together, which breaks
the conditional independence given match status that Fellegi-Sunter assumes: the
plain model multiplies four disagreement factors (each ``m/u`` about 0.01-0.03), so
such a pair can never link whatever else agrees, and a missed link inflates the
estimate of N.  Splink's guidance is the same: correlated columns should not enter as
separate comparisons, and columns that go together (forename and surname, its
``ForenameSurnameComparison``) can share one comparison.

Here the matches are a mixture (as in Larsen & Rubin 2001, and Winkler's and
Thibaudeau's dependence models): with probability ``c`` a child's identity fields were
rewritten, and then agree only by chance, as for two different children; otherwise
they follow the usual per-field ``m``.  Under non-match the fields are independent with
their usual ``u``.  The likelihood ratio of the identity fields is then
``c + (1 - c) * prod(m_k / u_k)``: about ``c`` when every identity field present differs
(the product is negligible), about ``(1 - c) * prod(m_k / u_k)`` otherwise.  In Splink:

* the ``identity`` comparison has two levels.  On "some identity field agrees" ``u`` is
  fixed at 1 (the non-match probability of the fields is in their own comparisons) and
  ``m`` is about ``1 - c``.  On "every identity field present differs" ``m`` is
  ``P(all differ | match)``, learned by EM from the pairs blocked on birth date, and
  ``u`` is ``P(all differ | non-match)``, from random pairs; their ratio is about ``c``;
* in each of the four field comparisons the all-differ pattern is a null level
  (Bayes factor 1: counted once, in ``identity``);
* the fields' ``u`` are estimated on the plain model (one independent comparison per
  field, no identity comparison), because a null level would make them conditional
  on "some identity field agrees" and overstate them for pairs that agree on several.

``c`` is identifiable only through fields that a re-registration keeps: with birth date
and sex alone, the few re-registered matches drown among pairs of different children
born on the same day (EM then sets ``c`` near 0); removal date and destination, when
the lists record them consistently, make it learnable.  On real lists EM learns how
reliable those two fields are; the SYNTHETIC generator records them without error
unless asked otherwise, so synthetic results are optimistic about them.  Caveats: a
re-registered record whose new name happens to fall in the old name's group agrees on
that field and is scored as an ordinary pair (it will not link); a partial
re-registration (only the family name changed) is not modelled.

Blocking rules for prediction are unions of: (family, birth year), (given, full birth
date), (family, given), (full birth date, settlement), (patronymic, given, birth year),
(family, settlement), (given, patronymic, settlement), (first three letters of family,
given, settlement, patronymic or birth year), (family, patronymic): every pair of
records of one child that has a typo in one name and a missing birth date still meets
in some block; and, for re-registered children, (full birth date, institution), (full
birth date, destination), (removal date, birth year and month).

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
Splink documentation: "What data does Splink work best with?" (columns that are not
    highly correlated), the comparison library (``ForenameSurnameComparison``) and
    comparison levels (null levels contribute a Bayes factor of 1).
Thibaudeau, Y. (1993). The discrimination power of dependency structures in record
    linkage. *Survey Methodology* 19, 31-38.
Winkler, W. E. (1990). String comparator metrics and enhanced decision rules in the
    Fellegi-Sunter model of record linkage. *Proc. Section on Survey Research Methods,
    ASA*, 354-359.
"""

from __future__ import annotations

import logging
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
from .schema import RawList
from .standardise import NameTable, load_name_table, name_key, parse_partial_date, standardise_records

__all__ = [
    "KEY_COLUMNS",
    "LinkageSettings",
    "LinkageWarning",
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
    threshold : float, default 0.9
        Match probability at or above which a pair is linked (0 < threshold < 1).
    keep_above : float, default 0.01
        Pairs with a match probability at or above this are kept for the linkage
        replicates (below it a pair is never linked in a replicate).
    u_max_pairs : float, default 1e6
        Random pairs sampled to estimate the u probabilities.
    em_max_pairs : float or None, default 2e6
        Cap on the blocked pairs of each EM session (None: all).
    prior_recall : float, default 0.7
        Assumed recall of the deterministic rules used to estimate the prior match
        probability.
    max_cluster_size : int or None
        Clusters larger than this are flagged as implausible (default: twice the number
        of lists: one child is on each list at most once, up to a duplicate).
    reregistration : bool, default True
        Model re-registered identities (names and birthplace rewritten together; see the
        module docstring).  False gives the plain model, one independent comparison per
        field, under which such children cannot be linked.
    backend : {"duckdb", "spark"}, default "duckdb"
    seed : int or None
        Seed of u sampling and of everything random downstream (recorded).
    """

    threshold: float = 0.9
    keep_above: float = 0.01
    u_max_pairs: float = 1e6
    em_max_pairs: float | None = 2e6
    prior_recall: float = 0.7
    max_cluster_size: int | None = None
    reregistration: bool = True
    backend: str = "duckdb"
    seed: int | None = None

    def __post_init__(self) -> None:
        if not 0 < self.threshold < 1:
            raise ValueError(f"threshold must be strictly between 0 and 1; got {self.threshold}")
        if not 0 < self.keep_above <= self.threshold:
            raise ValueError(f"keep_above must be in (0, threshold]; got {self.keep_above}")
        if not 0 < self.prior_recall <= 1:
            raise ValueError(f"prior_recall must be in (0, 1]; got {self.prior_recall}")
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}; got {self.backend!r}")
        if self.max_cluster_size is not None and self.max_cluster_size < 2:
            raise ValueError(f"max_cluster_size must be >= 2; got {self.max_cluster_size}")


KEY_COLUMNS = ("family_key", "given_key", "patronymic_key", "birth_year", "sex", "settlement_key", "institution_key",
               "destination_key", "removal_month")


class LinkageWarning(RemovalsWarning):
    """A part of the linkage model could not be trained as planned (too little data)."""


#: Identity fields that a re-registration rewrites together, each with the Jaro-Winkler
#: similarity at or above which it counts as agreeing (the lowest level of its comparison).
IDENTITY_FIELDS = (("family_key", 0.85), ("given_key", 0.85), ("patronymic_key", 0.88), ("settlement_key", 0.88))


def splink_settings(
    *,
    link_type: str = "link_and_dedupe",
    available: Sequence[str] = KEY_COLUMNS,
    prior: float = 1e-4,
    reregistration: bool = True,
    u_probabilities: Mapping[str, Sequence[float | None]] | None = None,
) -> Any:
    """The Splink ``SettingsCreator`` of the model (comparisons and blocking rules).

    Parameters
    ----------
    link_type : Splink link type (default ``link_and_dedupe``).
    available : key columns that hold data (:data:`KEY_COLUMNS`); comparisons and
        blocking rules on other columns are left out.
    prior : starting probability that two random records match.
    reregistration : bool, default True
        Model re-registered identities: an ``identity`` comparison carries the pattern
        "every identity field present differs", and the four identity comparisons are
        neutral on it (see the module docstring).  False gives the plain model with
        one independent comparison per field (used to estimate the u probabilities).
    u_probabilities : mapping, optional
        Comparison name -> u probability of each non-null level, in level order; these
        levels get the u and keep it fixed in training.  The ``identity`` comparison's
        "some identity field agrees" level always has u fixed at 1; its other level's u
        is left to random sampling.

    Returns
    -------
    splink.SettingsCreator

    Raises
    ------
    ValueError
        If no blocking rule can be formed from the available columns.
    """
    have = set(available)
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import ColumnExpression, SettingsCreator, block_on

    identity = [(c, t) for c, t in IDENTITY_FIELDS if c in have]
    reregistration = reregistration and len(identity) >= 2

    def present(c: str) -> Any:
        return cll.Not(cll.NullLevel(c))

    def agrees(c: str, t: float) -> Any:
        return cll.JaroWinklerLevel(c, t)

    def two_present() -> Any:
        cols = [c for c, _ in identity]
        return cll.Or(*[cll.And(present(a), present(b)) for i, a in enumerate(cols) for b in cols[i + 1:]])

    def others_differ(col: str) -> Any:
        """Reached once ``col`` is known to differ: every other identity field differs or is missing,
        and at least one of them is present on both records."""
        others = [(c, t) for c, t in identity if c != col]
        return cll.And(cll.Or(*[present(c) for c, _ in others]),
                       *[cll.Or(cll.NullLevel(c), cll.Not(agrees(c, t))) for c, t in others])

    def names(col: str, first: str, hi: float, lo: float | None) -> list[Any]:
        levels: list[Any] = [
            cll.NullLevel(col),
            cll.ExactMatchLevel(col).configure(label_for_charts=first),
            cll.JaroWinklerLevel(col, hi),
        ]
        if lo is not None:
            levels.append(cll.JaroWinklerLevel(col, lo))
        if reregistration and col in dict(identity):
            # the field differs; if every other identity field differs too, the pattern is
            # counted once, in the identity comparison (Bayes factor 1 here)
            levels.append(others_differ(col).configure(
                is_null_level=True, label_for_charts="every identity field differs (counted in identity)"))
        levels.append(cll.ElseLevel())
        return levels

    def custom(sql: str, label: str) -> Any:
        return cll.CustomLevel(sql, label_for_charts=label)

    y, m, d = "birth_year", "birth_month", "birth_day"
    full = f"{y}_l IS NOT NULL AND {m}_l IS NOT NULL AND {d}_l IS NOT NULL AND {m}_r IS NOT NULL AND {d}_r IS NOT NULL"
    birth = [
        custom(f"{y}_l IS NULL OR {y}_r IS NULL", "birth date missing").configure(is_null_level=True),
        custom(f"{full} AND {y}_l = {y}_r AND {m}_l = {m}_r AND {d}_l = {d}_r", "same full date"),
        custom(f"{y}_l = {y}_r AND ({m}_l IS NULL OR {m}_r IS NULL OR ({m}_l = {m}_r AND ({d}_l IS NULL OR "
               f"{d}_r IS NULL)))", "equal at the precision both have (partial)"),
        custom(f"{full} AND {y}_l = {y}_r AND ({m}_l = {m}_r OR {d}_l = {d}_r OR ({m}_l = {d}_r AND {d}_l = {m}_r))",
               "same year; month or day differs, or day/month swapped"),
        custom(f"abs({y}_l - {y}_r) <= 1", "years within one"),
        cll.ElseLevel().configure(label_for_charts="different"),
    ]

    removal = [
        cll.NullLevel("removal_month").configure(label_for_charts="removal month missing"),
        custom("removal_day_l = removal_day_r", "same removal date"),
        custom("abs(removal_day_l - removal_day_r) <= 7", "removal dates within a week"),
        custom("removal_month_l = removal_month_r OR abs(removal_day_l - removal_day_r) <= 31",
               "same removal month, or within 31 days"),
        cll.ElseLevel().configure(label_for_charts="different"),
    ]

    def exact(col: str, label: str) -> list[Any]:
        return [cll.NullLevel(col), cll.ExactMatchLevel(col).configure(label_for_charts=label), cll.ElseLevel()]

    candidates: list[tuple[str, str, list[Any]]] = [
        ("family_key", "family_key", names("family_key", "same family name key", 0.92, 0.85)),
        ("given_key", "given_key", names("given_key", "same given name group", 0.92, 0.85)),
        ("patronymic_key", "patronymic_key", names("patronymic_key", "same father's name group", 0.88, None)),
        ("birth_year", "birth_date", birth),
        ("sex", "sex", exact("sex", "same sex")),
        ("settlement_key", "settlement_key", names("settlement_key", "same origin settlement", 0.88, None)),
        ("institution_key", "institution_key", exact("institution_key", "same origin institution")),
        ("destination_key", "destination_key", exact("destination_key", "same destination")),
        ("removal_month", "removal_date", removal),
    ]
    levels_of: dict[str, list[Any]] = {name: levels for col, name, levels in candidates if col in have}
    if reregistration:
        levels_of = {"identity": [
            cll.Not(two_present()).configure(is_null_level=True,
                                             label_for_charts="fewer than two identity fields on both records"),
            cll.Or(*[agrees(c, t) for c, t in identity]).configure(
                label_for_charts="some identity field agrees", u_probability=1.0, fix_u_probability=True),
            cll.ElseLevel().configure(label_for_charts="every identity field present differs"),
        ], **levels_of}
    for name, levels in levels_of.items():
        fixed = (u_probabilities or {}).get(name)
        if fixed is None or name == "identity":
            continue
        scored_levels = [lv for lv in levels if not lv.is_null_level]
        for level, u in zip(scored_levels, fixed, strict=True):
            if u is not None:
                level.configure(u_probability=float(u), fix_u_probability=True)
    comparisons: list[Any] = [cl.CustomComparison(comparison_levels=levels, output_column_name=name)
                              for name, levels in levels_of.items()]
    rules: list[tuple[tuple[str, ...], Any]] = [
        (("family_key", "birth_year"), block_on("family_key", "birth_year")),
        (("given_key", "birth_year"), block_on("given_key", "birth_year", "birth_month", "birth_day")),
        (("family_key", "given_key"), block_on("family_key", "given_key")),
        (("birth_year", "settlement_key"), block_on("birth_year", "birth_month", "birth_day", "settlement_key")),
        (("patronymic_key", "given_key", "birth_year"), block_on("patronymic_key", "given_key", "birth_year")),
        (("family_key", "settlement_key"), block_on("family_key", "settlement_key")),
        (("given_key", "patronymic_key", "settlement_key"),
         block_on("given_key", "patronymic_key", "settlement_key")),
        (("family_key", "given_key", "settlement_key"),
         block_on(ColumnExpression("family_key").substr(1, 3), "given_key", "settlement_key")),
        (("family_key", "given_key", "patronymic_key"),
         block_on(ColumnExpression("family_key").substr(1, 3), "given_key", "patronymic_key")),
        (("family_key", "given_key", "birth_year"),
         block_on(ColumnExpression("family_key").substr(1, 3), "given_key", "birth_year")),
        (("family_key", "patronymic_key"), block_on("family_key", "patronymic_key")),
        (("birth_year", "institution_key"), block_on("birth_year", "birth_month", "birth_day", "institution_key")),
        (("birth_year", "destination_key"), block_on("birth_year", "birth_month", "birth_day", "destination_key")),
        (("removal_month", "birth_year"), block_on("removal_day", "birth_year", "birth_month")),
    ]
    blocking: list[Any] = [rule for cols, rule in rules if set(cols) <= have]
    if not blocking or len(comparisons) < 2:
        raise ValueError(
            "the lists share too few fields to link; need at least family or given name with birth date, or "
            f"names with origin settlement (fields with data: {', '.join(sorted(have)) or 'none'})"
        )
    return SettingsCreator(
        link_type=link_type,  # type: ignore[arg-type]
        unique_id_column_name="unique_id",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        probability_two_random_records_match=prior,
    )


@dataclass(frozen=True)
class ScoredPairs:
    """Records (nodes) and their scored pairs.

    Attributes
    ----------
    node_list : ndarray (n,), int
        Index of the list of every record (node ``i`` is row ``i`` of the stacked lists,
        in list order then file order).
    pairs : DataFrame
        ``node_l, node_r, match_probability`` of every scored pair at or above
        ``keep_above`` (``node_l < node_r``).
    lists : list names.
    seconds : wall time of the Splink steps, by step.
    parameters : trained model summary (m and u per comparison level, prior), no data.
    """

    node_list: np.ndarray
    pairs: pd.DataFrame
    lists: tuple[str, ...]
    seconds: dict[str, float] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)

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


#: Folded keys (:func:`.standardise.name_key`) of values that mean "not known".
_UNKNOWN = frozenset(name_key(v) for v in ("невідомо", "неизвестно", "невядома", "unknown", "n/a", "н/д", "-"))


def _destination_keys(stacked: pd.DataFrame) -> list[str | None]:
    """Folded destination of every record (None when missing or recorded as unknown)."""
    if "destination" not in stacked.columns:
        return [None] * len(stacked)
    cache: dict[str, str | None] = {}
    out: list[str | None] = []
    for v in stacked["destination"].tolist():
        text = "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
        if text not in cache:
            k = name_key(text) if text else None
            cache[text] = None if k in _UNKNOWN else k
        out.append(cache[text])
    return out


def _removal_keys(stacked: pd.DataFrame) -> tuple[pd.arrays.IntegerArray, pd.arrays.IntegerArray]:
    """Removal date as a day number (full dates) and a month number (dates known to the month)."""
    import datetime

    days: list[int | None] = []
    months: list[int | None] = []
    cache: dict[str, tuple[int | None, int | None]] = {}
    values = stacked["removal_date"].tolist() if "removal_date" in stacked.columns else [None] * len(stacked)
    for v in values:
        text = "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
        if text not in cache:
            p = parse_partial_date(text) if text else None
            day = datetime.date(p.year, p.month, p.day).toordinal() if p and p.month and p.day else None
            cache[text] = (day, p.year * 12 + p.month - 1 if p and p.month else None)
        days.append(cache[text][0])
        months.append(cache[text][1])
    return pd.array(days, dtype="Int64"), pd.array(months, dtype="Int64")


def _db_api(settings: LinkageSettings, spark_session: Any = None) -> Any:
    return db_api(settings.backend, spark_session)


def _model_parameters(linker: Any) -> dict[str, Any]:
    """m and u of every comparison level, and the prior (no data values)."""
    out: dict[str, Any] = {
        "probability_two_random_records_match": float(linker._settings_obj._probability_two_random_records_match)
    }
    comps = {}
    for comp in linker._settings_obj.comparisons:
        levels = []
        for level in comp.comparison_levels:
            if level.is_null_level:
                continue
            levels.append(
                {
                    "level": level.label_for_charts,
                    "m": None if level.m_probability is None else float(level.m_probability),
                    "u": None if level.u_probability is None else float(level.u_probability),
                }
            )
        comps[comp.output_column_name] = levels
    out["comparisons"] = comps
    return out


def score_pairs(
    lists: Sequence[RawList],
    settings: LinkageSettings | None = None,
    *,
    table: NameTable | None = None,
    spark_session: Any = None,
) -> ScoredPairs:
    """Standardise the lists, train the Splink model by EM and score the blocked pairs.

    Parameters
    ----------
    lists : sequence of RawList
        Validated lists (see :func:`.schema.read_lists`).
    settings : LinkageSettings, optional
    table : NameTable, optional
        Name equivalences (default: the pinned table).
    spark_session : pyspark.sql.SparkSession, optional
        Only with ``backend="spark"``.

    Returns
    -------
    ScoredPairs

    Notes
    -----
    Only the standardised keys enter Splink; raw names, dates and record ids do not.
    Splink's own log messages hold no data values.
    """
    from splink import Linker, block_on
    from splink.internals.exceptions import EMTrainingException

    s = settings or LinkageSettings()
    seed = resolve_seed(s.seed)
    stacked, node_list = _stack(lists)
    keys = standardise_records(stacked, table or load_name_table())
    keys["destination_key"] = _destination_keys(stacked)
    keys["removal_day"], keys["removal_month"] = _removal_keys(stacked)
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    db_api = _db_api(s, spark_session)
    tables = []
    for k, raw in enumerate(lists):
        part = keys.loc[stacked["list_index"].to_numpy() == k].drop(columns=["source_dataset"], errors="ignore")
        part = part.astype({c: "string" for c in ("family_key", "given_key", "patronymic_key", "sex",
                                                   "settlement_key", "institution_key", "destination_key")})
        tables.append(db_api.register(part, dataset_display_name=raw.name))
    available = [c for c in KEY_COLUMNS if int(keys[c].notna().sum()) >= 2]
    # about one match per record among n^2/2 pairs, until the deterministic rules say better
    prior = min(0.5, 2.0 / max(len(keys), 4))
    # u probabilities from the plain model (one comparison per field): under non-match the
    # fields are independent, and these marginal u's are what the re-registration model needs
    plain = Linker(tables, splink_settings(available=available, prior=prior, reregistration=False), log_level=None)
    plain.training.estimate_u_using_random_sampling(max_pairs=s.u_max_pairs, seed=seed % (2**31), **U_SAMPLING)
    u_probabilities = {
        comp.output_column_name: [level.u_probability for level in comp.comparison_levels if not level.is_null_level]
        for comp in plain._settings_obj.comparisons
    }
    linker = Linker(tables, splink_settings(available=available, prior=prior, reregistration=s.reregistration,
                                            u_probabilities=u_probabilities), log_level=None)
    training = linker.training
    if s.reregistration and "identity" in {c.output_column_name for c in linker._settings_obj.comparisons}:
        # only the identity comparison's "every identity field differs" level is not fixed yet
        training.estimate_u_using_random_sampling(max_pairs=s.u_max_pairs, seed=seed % (2**31), **U_SAMPLING)
    have = set(available)
    deterministic: list[Any] = [
        rule for cols, rule in (
            (("family_key", "given_key", "birth_year"),
             block_on("family_key", "given_key", "birth_year", "birth_month", "birth_day")),
            (("family_key", "given_key", "patronymic_key", "birth_year"),
             block_on("family_key", "given_key", "patronymic_key", "birth_year")),
        ) if set(cols) <= have
    ]
    if deterministic:
        try:
            training.estimate_probability_two_random_records_match(deterministic, recall=s.prior_recall)
        except ValueError:  # no record pair meets the deterministic rules
            warnings.warn("no record pairs agree on name and birth date; the prior match probability is set "
                          "to about one match per record", LinkageWarning, stacklevel=2)
    seconds["setup_and_u"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    em_kw: dict[str, Any] = {"max_pairs": s.em_max_pairs} if s.em_max_pairs is not None else {}
    sessions = [
        (("birth_year",), block_on("birth_year", "birth_month", "birth_day")),
        (("family_key", "given_key"), block_on("family_key", "given_key")),
        (("given_key", "settlement_key"), block_on("given_key", "settlement_key")),
    ]
    trained = 0
    for cols, rule in sessions:
        if not set(cols) <= have or (trained >= 2 and cols[0] == "given_key"):
            continue
        try:
            _expectation_maximisation(linker, rule, em_kw, " + ".join(cols))
            trained += 1
        except EMTrainingException:
            warnings.warn(f"EM training blocked on {' + '.join(cols)} found no record pairs; skipped",
                          LinkageWarning, stacklevel=2)
    if trained == 0:
        warnings.warn("no EM session could be trained; m probabilities stay at Splink's defaults",
                      LinkageWarning, stacklevel=2)
    seconds["em"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=s.keep_above)
    pairs = predictions.as_pandas_dataframe()[["unique_id_l", "unique_id_r", "match_probability"]]
    seconds["predict"] = time.perf_counter() - t2
    a = pairs["unique_id_l"].to_numpy(dtype=np.int64)
    b = pairs["unique_id_r"].to_numpy(dtype=np.int64)
    frame = pd.DataFrame(
        {
            "node_l": np.minimum(a, b),
            "node_r": np.maximum(a, b),
            "match_probability": pairs["match_probability"].to_numpy(dtype=float),
        }
    )
    # one row per pair (a pair found by several blocking rules is scored once by Splink;
    # this only guards the invariant), sorted for a reproducible sidecar
    frame = frame.sort_values(["node_l", "node_r", "match_probability"], kind="mergesort")
    frame = frame.drop_duplicates(["node_l", "node_r"], keep="last").reset_index(drop=True)
    _log.info("scored %d pairs among %d records of %d lists", len(frame), len(node_list), len(lists))
    return ScoredPairs(
        node_list=node_list,
        pairs=frame,
        lists=tuple(r.name for r in lists),
        seconds=seconds,
        parameters=_model_parameters(linker),
    )


def _expectation_maximisation(linker: Any, rule: Any, em_kw: dict[str, Any], name: str) -> None:
    """One EM session; if an m probability underflows, rerun it with half the iterations.

    When no true match falls in some comparison level (a field that never disagrees
    between records of one child in these lists), EM drives that level's m towards 0
    geometrically, and Splink 5 refuses values below 1e-300.  The parameters have long
    converged by then; the session is rerun with fewer iterations (25, 12, 6, 3), and the
    log says so.
    """
    import dataclasses

    settings_obj = linker._settings_obj
    original = settings_obj.training_settings
    iterations = int(original.max_iterations)
    try:
        while True:
            # a failed session leaves the model without the comparisons it blocked on
            model = settings_obj.core_model_settings.copy()
            try:
                linker.training.estimate_parameters_using_expectation_maximisation(rule, **em_kw)
                return
            except ValueError as exc:
                settings_obj.core_model_settings = model
                if "below the minimum" not in str(exc) or iterations <= 3:
                    raise
                iterations //= 2
                settings_obj.training_settings = dataclasses.replace(original, max_iterations=iterations)
                _log.info("EM blocked on %s: an m probability underflowed (a comparison level that no record "
                          "pair of one child falls in); rerun with %d iterations", name, iterations)
    finally:
        settings_obj.training_settings = original


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
