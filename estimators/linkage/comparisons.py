"""Comparisons and blocking rules of the linkage model, as a Splink ``SettingsCreator``.

Every comparison has a null level (a value missing on either record, Bayes factor 1),
agreement levels from the strongest down, and an "else" level.

Comparisons
-----------
* ``family_key``: same folded key (term-frequency adjusted) / Jaro-Winkler >= 0.92 /
  same consonant skeleton (Russian / Ukrainian orthography: ``Олійник`` / ``Олейник``,
  :func:`.standardise.name_skeleton`) / Jaro-Winkler >= 0.85 / family and given name
  swapped on one record / only an initial on a record (``К.``), agreeing or not / else.
* ``given_key``: same equivalence group (term-frequency adjusted) / Jaro-Winkler >= 0.92,
  >= 0.85, >= 0.75 on the group key or on the form as written (a Russian form with a typo
  is far from the Ukrainian group key but close to its own form) / same skeleton / else;
  a swap of the two names is a null level here (counted in the family name).
* ``patronymic_key`` (father's name group): same / Jaro-Winkler >= 0.88 / else.
* ``birth_date`` at the precision both records have: same full date / equal at the
  common partial precision / full dates one field apart (day, month, or year by one)
  or day and month swapped or a day apart (a date stored at midnight and exported in UTC) /
  a partial date (a year from an age, a month) within a year
  of the other / a partial date further apart / full dates that differ.  The partial
  levels and the initial-only family name levels are given their Bayes factor given the
  format (:mod:`.formats`).
* ``sex``: same / else.
* ``settlement_key``: same settlement (same gazetteer code, or same key when either is
  not in the gazetteer) / one is among the gazetteer's candidates for the other (an
  ambiguous name) / spelling within Jaro-Winkler 0.88 when either is not in the
  gazetteer / else (two different gazetteer settlements differ whatever their spelling).
* ``institution_key``: same key / Jaro-Winkler >= 0.88 / else (language-aware keys of
  :mod:`.places`).
* ``destination_key``: same place / Jaro-Winkler >= 0.88 / same country / else; a country
  on one record against a region or facility of unknown country on the other is a null
  level (lists record the destination at different granularity: a camp, a region, a
  country).
* ``removal_date``: same day / within a week / same month or within 31 days / else.
* ``identity``: "some identity field agrees" / "every identity field present differs",
  for children re-registered under a new name, patronymic, family name and birthplace
  (see :mod:`.model`); in the four identity comparisons the all-differ pattern is a null
  level, counted once here.

Person and household fields.  Given name, birth date and sex are *person* fields: two
siblings differ on them.  The others are *household* fields, which siblings share (the
sibling class of :mod:`.em`).

Blocking rules (a pair is scored when it meets any): (family skeleton, birth year),
(given, full birth date), (family skeleton, given), (full birth date, settlement),
(patronymic, given, birth year), (family skeleton, settlement), (given, patronymic,
settlement), (family skeleton, patronymic), (full birth date, institution), (full birth
date, destination), (removal date, birth year and month), (family and given name
swapped), and for the gaps they leave - a family name missing, misspelt or changed with
a birth date that is not full on both records: when a family name is missing, (given,
birth year, sex), (given, settlement, sex) and (given, removal month, sex), the last two
with birth years within one; when a birth date is partial or missing, (given, birth
year, family initial), (given, birth year, settlement) and (given, settlement, family
initial) with birth years within one (a year derived from an age); when a family name is
masked or an initial on one record, (family initial, given, patronymic, sex) with no date
needed (a published decision masks the name and the date).  "Sex" there may be missing
on either record.  The residual conditions keep the candidate pairs of these broad
blocks proportional to the records that need them (at 3 x 100,000 records a plain
given name + settlement block alone gives some 70 million pairs).  "given" here is the given name's group,
or its skeleton when the name table does not know it; "settlement" the gazetteer code,
or the settlement key when not in the gazetteer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .formats import (
    FULL_NEAR,
    INITIAL_AGREES,
    INITIAL_DIFFERS,
    PARTIAL_DIFFERENT,
    PARTIAL_EQUAL,
    PARTIAL_NEAR,
    SWAPPED_NAMES,
)

__all__ = [
    "COMPARISON_COLUMNS",
    "EXACT_LEVELS",
    "IDENTITY_FIELDS",
    "KEY_COLUMNS",
    "PERSON_COMPARISONS",
    "blocking_rules",
    "splink_settings",
]

#: Key columns the Splink model reads (see :func:`.standardise.standardise_records`).
KEY_COLUMNS = ("family_key", "family_initial", "family_skeleton", "given_key", "given_initial", "given_initials",
               "given_block", "given_fold", "given_skeleton", "patronymic_key", "patronymic_initial",
               "patronymic_initials", "birth_year",
               "birth_month", "birth_day", "birth_ordinal", "sex", "settlement_key", "settlement_code", "settlement_candidates", "settlement_block",
               "institution_key", "destination_key", "destination_country", "removal_day", "removal_month")
#: Comparison name -> the key column whose presence decides whether the comparison exists.
COMPARISON_COLUMNS = {
    "family_key": "family_key", "given_key": "given_key", "patronymic_key": "patronymic_key",
    "birth_date": "birth_year", "sex": "sex", "settlement_key": "settlement_key",
    "institution_key": "institution_key", "destination_key": "destination_key", "removal_date": "removal_month",
}
#: Comparisons on which two siblings differ (the others they share).
PERSON_COMPARISONS = ("given_key", "birth_date", "sex")
#: Label of each comparison's exact-agreement level (the level a block on its columns keeps).
EXACT_LEVELS = {"family_key": "same family name key", "given_key": "same given name group",
                "birth_date": "same full date", "settlement_key": "same origin settlement",
                "patronymic_key": "same father's name group", "sex": "same sex"}
#: Identity fields a re-registration rewrites together.
IDENTITY_FIELDS = ("family_key", "given_key", "patronymic_key", "settlement_key")


#: Family and given name written in each other's fields on one of the two records (their
#: consonant skeletons cross-agree).  Never NULL once both names are present on both.
SWAPPED = ("(family_skeleton_l = given_skeleton_r AND given_skeleton_l = family_skeleton_r "
           "AND family_skeleton_l <> given_skeleton_l)")


def _swapped() -> Any:
    import splink.comparison_level_library as cll

    return cll.And(cll.Not(cll.NullLevel("family_skeleton")), cll.Not(cll.NullLevel("given_skeleton")),
                   cll.CustomLevel(SWAPPED))


def _similar(col: str, fold: str | None, threshold: float) -> Any:
    """Jaro-Winkler similarity at least ``threshold`` on the key, or on the form as written."""
    import splink.comparison_level_library as cll

    if fold is None:
        return cll.JaroWinklerLevel(col, threshold)
    return cll.Or(cll.JaroWinklerLevel(col, threshold), cll.JaroWinklerLevel(fold, threshold))


def _agrees(col: str) -> Any:
    """The lowest agreement level of an identity field, as a level condition."""
    import splink.comparison_level_library as cll

    if col == "family_key":
        return cll.Or(cll.JaroWinklerLevel("family_key", 0.85), cll.ExactMatchLevel("family_skeleton"), _swapped())
    if col == "given_key":
        return cll.Or(_similar("given_key", "given_fold", 0.75), cll.ExactMatchLevel("given_block"))
    if col == "patronymic_key":
        return cll.JaroWinklerLevel("patronymic_key", 0.88)
    return cll.Or(_same_settlement(), _possible_settlement(), _similar_settlement())


# Conditions written so that they are never SQL NULL once both settlement keys are present
# (a NULL inside NOT(...) would make an "every identity field differs" level unreachable).
_NO_CODE = "(settlement_code_l IS NULL OR settlement_code_r IS NULL)"


def _same_settlement() -> Any:
    import splink.comparison_level_library as cll

    return cll.CustomLevel(
        f"(settlement_code_l IS NOT NULL AND settlement_code_r IS NOT NULL AND settlement_code_l = settlement_code_r)"
        f" OR ({_NO_CODE} AND settlement_key_l = settlement_key_r)")


def _possible_settlement() -> Any:
    """One record's settlement is among the gazetteer's candidates for the other's (an
    ambiguous name: ``Артемовск`` is Bakhmut or another Artemivsk)."""
    import splink.comparison_level_library as cll

    return cll.CustomLevel(
        "(settlement_code_l IS NOT NULL AND settlement_candidates_r IS NOT NULL "
        "AND instr(settlement_candidates_r, '|' || settlement_code_l || '|') > 0) OR "
        "(settlement_code_r IS NOT NULL AND settlement_candidates_l IS NOT NULL "
        "AND instr(settlement_candidates_l, '|' || settlement_code_r || '|') > 0)")


def _similar_settlement() -> Any:
    import splink.comparison_level_library as cll

    return cll.And(cll.CustomLevel(_NO_CODE), cll.JaroWinklerLevel("settlement_key", 0.88))


def _initial_agrees(name: str) -> str:
    """SQL: an initial agrees with the other record's name when it is one of the initials of that
    name's forms in the table's languages (``О.`` and ``А.`` both agree with Олександр /
    Александр: a Russian list's initial of a Ukrainian child's name, or the reverse)."""
    i, s = f"{name}_initial", f"{name}_initials"
    return f"({i}_l = {i}_r OR instr({s}_l, {i}_r) > 0 OR instr({s}_r, {i}_l) > 0)"


def blocking_rules(have: set[str]) -> list[Any]:
    """The blocking rules that the available key columns allow (see the module docstring)."""
    from splink import block_on
    from splink.blocking_rule_library import CustomRule

    # plain disjunctions: Splink takes the equality conditions of the top-level conjunction
    # as the join keys, and a NOT(...) there made it rewrite the rule into a cross join
    no_family = "(l.family_key IS NULL OR r.family_key IS NULL)"
    not_full = "(l.birth_day IS NULL OR r.birth_day IS NULL)"
    sex = "(l.sex = r.sex OR l.sex IS NULL OR r.sex IS NULL)"
    near_year = "(l.birth_year IS NULL OR r.birth_year IS NULL OR abs(l.birth_year - r.birth_year) <= 1)"
    rules: list[tuple[tuple[str, ...], Any]] = [
        (("family_key", "birth_year"), block_on("family_skeleton", "birth_year")),
        (("given_key", "birth_year"), block_on("given_block", "birth_year", "birth_month", "birth_day")),
        (("family_key", "given_key"), block_on("family_skeleton", "given_block")),
        (("birth_year", "settlement_key"), block_on("birth_year", "birth_month", "birth_day", "settlement_block")),
        (("patronymic_key", "given_key", "birth_year"), block_on("patronymic_key", "given_block", "birth_year")),
        (("family_key", "settlement_key"), block_on("family_skeleton", "settlement_block")),
        (("given_key", "patronymic_key", "settlement_key"),
         block_on("given_block", "patronymic_key", "settlement_block")),
        (("family_key", "patronymic_key"), block_on("family_skeleton", "patronymic_key")),
        (("birth_year", "institution_key"), block_on("birth_year", "birth_month", "birth_day", "institution_key")),
        (("birth_year", "destination_key"), block_on("birth_year", "birth_month", "birth_day", "destination_key")),
        (("removal_month", "birth_year"), block_on("removal_day", "birth_year", "birth_month")),
        # the gaps: a family name missing, misspelt or changed where the birth date is not
        # full on both records (a full date meets the given name in the rule above)
        (("given_key", "birth_year", "sex"),
         CustomRule(f"l.given_block = r.given_block AND l.birth_year = r.birth_year AND {sex} AND {no_family}")),
        (("given_key", "birth_year", "family_key"),
         CustomRule(f"l.given_block = r.given_block AND l.birth_year = r.birth_year "
                    f"AND l.family_initial = r.family_initial AND {not_full}")),
        (("given_key", "settlement_key"),
         CustomRule(f"l.given_block = r.given_block AND l.settlement_block = r.settlement_block AND {sex} "
                    f"AND {no_family} AND {near_year}")),
        # across lists, also with a family name on both records: one list writes the mother's or a
        # guardian's family name, or a misheard one; a birth date known to the year at best
        (("given_key", "settlement_key", "family_key"),
         CustomRule(f"l.given_block = r.given_block AND l.settlement_block = r.settlement_block AND {sex} "
                    f"AND {near_year} AND {not_full} AND l.list_index <> r.list_index")),
        (("given_key", "birth_year", "settlement_key"),
         CustomRule(f"l.given_block = r.given_block AND l.birth_year = r.birth_year "
                    f"AND l.settlement_block = r.settlement_block AND {not_full}")),
        (("given_key", "settlement_key", "family_key"),
         CustomRule(f"l.given_block = r.given_block AND l.settlement_block = r.settlement_block "
                    f"AND l.family_initial = r.family_initial AND {not_full} AND {near_year}")),
        # the given name misspelt or in a form the name table lacks (its group differs):
        # its consonant skeleton
        (("given_key", "settlement_key"),
         CustomRule(f"l.given_skeleton = r.given_skeleton AND l.settlement_block = r.settlement_block AND {sex} "
                    f"AND {no_family} AND {near_year}")),
        (("given_key", "removal_month"),
         CustomRule(f"l.given_block = r.given_block AND l.removal_month = r.removal_month AND {sex} "
                    f"AND {no_family} AND {near_year}")),
        (("family_key", "given_key"),
         CustomRule("l.family_skeleton = r.given_skeleton AND l.given_skeleton = r.family_skeleton")),
        # names written as initials on one record (anonymised rulings: "К. В. І."): the
        # initials and the birth year
        (("family_key", "given_key", "birth_year"),
         CustomRule(f"l.family_initial = r.family_initial AND l.given_initial = r.given_initial "
                    f"AND l.birth_year = r.birth_year AND {sex} "
                    "AND (l.given_key IS NULL OR r.given_key IS NULL OR l.family_key IS NULL OR r.family_key IS NULL)")),
        # a family name masked or printed as its initial on one record, with no birth year to meet
        # on (a published decision masks both): the initial, the given name and the patronymic
        (("family_key", "given_key", "patronymic_key"),
         CustomRule(f"l.family_initial = r.family_initial AND l.given_block = r.given_block "
                    f"AND l.patronymic_key = r.patronymic_key AND {sex} AND {no_family} AND l.list_index <> r.list_index")),
    ]
    return [rule for cols, rule in rules if set(cols) <= have]


def splink_settings(
    *,
    link_type: str = "link_and_dedupe",
    available: Sequence[str] = tuple(COMPARISON_COLUMNS.values()),
    prior: float = 1e-4,
    reregistration: bool = True,
    u_probabilities: Mapping[str, Sequence[float | None]] | None = None,
    m_probabilities: Mapping[str, Sequence[float]] | None = None,
    term_frequencies: bool = True,
    retain_columns: bool = False,
) -> Any:
    """The Splink ``SettingsCreator`` of the model (comparisons and blocking rules).

    Parameters
    ----------
    link_type : Splink link type (default ``link_and_dedupe``).
    available : key columns that hold data and are not neutralised (values of
        :data:`COMPARISON_COLUMNS`); comparisons and blocking rules on other columns are
        left out.
    prior : probability that two random records match.
    reregistration : model re-registered identities with the ``identity`` comparison
        (False: one independent comparison per field; used to estimate the u).
    u_probabilities, m_probabilities : comparison name -> probability of each non-null
        level, in level order (top first); given levels are fixed.  The ``identity``
        comparison's "some identity field agrees" level always has u fixed at 1.
    term_frequencies : adjust the exact levels of family and given name by the
        frequency of the value (Splink's term-frequency adjustment).
    retain_columns : keep the compared columns in Splink's predictions (for the
        comparison viewer dashboard; they hold folded names).

    Returns
    -------
    splink.SettingsCreator

    Raises
    ------
    ValueError
        If the available columns allow no blocking rule or fewer than two comparisons.
    """
    have = set(available)
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import SettingsCreator

    from .em import PROBABILITY_FLOOR

    identity = [c for c in IDENTITY_FIELDS if c in have]
    reregistration = reregistration and len(identity) >= 2

    def present(c: str) -> Any:
        return cll.Not(cll.NullLevel(c))

    def two_present() -> Any:
        return cll.Or(*[cll.And(present(a), present(b)) for i, a in enumerate(identity) for b in identity[i + 1:]])

    def others_differ(col: str) -> Any:
        """Reached once ``col`` is known to differ: every other identity field differs or is missing,
        and at least one of them is present on both records."""
        others = [c for c in identity if c != col]
        return cll.And(cll.Or(*[present(c) for c in others]),
                       *[cll.Or(cll.NullLevel(c), cll.Not(_agrees(c))) for c in others])

    def identity_null(col: str) -> list[Any]:
        if reregistration and col in identity:
            # the field differs; if every other identity field differs too, the pattern is
            # counted once, in the identity comparison (Bayes factor 1 here)
            return [others_differ(col).configure(
                is_null_level=True, label_for_charts="every identity field differs (counted in identity)")]
        return []

    def exact(col: str, label: str, tf: bool = False) -> Any:
        level: Any = cll.ExactMatchLevel(col, term_frequency_adjustments=tf and term_frequencies)
        if tf and term_frequencies:
            level = level.configure(tf_minimum_u_value=PROBABILITY_FLOOR)
        return level.configure(label_for_charts=label)

    def family_levels() -> list[Any]:
        initial_only = "(family_key_l IS NULL OR family_key_r IS NULL)"
        return [
            cll.NullLevel("family_initial"),
            exact("family_key", "same family name key", tf=True),
            cll.JaroWinklerLevel("family_key", 0.92),
            cll.ExactMatchLevel("family_skeleton").configure(label_for_charts="same consonant skeleton"),
            cll.JaroWinklerLevel("family_key", 0.85),
            _swapped().configure(label_for_charts=SWAPPED_NAMES),
            custom(f"{initial_only} AND family_initial_l = family_initial_r", INITIAL_AGREES),
            custom(initial_only, INITIAL_DIFFERS),
            *identity_null("family_key"),
            cll.ElseLevel(),
        ]

    def given_levels() -> list[Any]:
        initial_only = "(given_key_l IS NULL OR given_key_r IS NULL)"
        return [
            cll.NullLevel("given_initial"),
            # a swap is counted once, in the family name comparison
            _swapped().configure(is_null_level=True, label_for_charts="names swapped (counted in family name)"),
            exact("given_key", "same given name group", tf=True),
            _similar("given_key", "given_fold", 0.92).configure(label_for_charts="Jaro-Winkler >= 0.92"),
            cll.ExactMatchLevel("given_block").configure(label_for_charts="same consonant skeleton"),
            _similar("given_key", "given_fold", 0.85).configure(label_for_charts="Jaro-Winkler >= 0.85"),
            _similar("given_key", "given_fold", 0.75).configure(
                label_for_charts="Jaro-Winkler >= 0.75 (a typo, or a similar name)"),
            custom(f"{initial_only} AND {_initial_agrees('given')}", INITIAL_AGREES),
            custom(initial_only, INITIAL_DIFFERS),
            *identity_null("given_key"),
            cll.ElseLevel(),
        ]

    def custom(sql: str, label: str) -> Any:
        return cll.CustomLevel(sql, label_for_charts=label)

    y, m, d = "birth_year", "birth_month", "birth_day"
    full = f"{d}_l IS NOT NULL AND {d}_r IS NOT NULL"
    birth = [
        custom(f"{y}_l IS NULL OR {y}_r IS NULL", "birth date missing").configure(is_null_level=True),
        custom(f"{full} AND {y}_l = {y}_r AND {m}_l = {m}_r AND {d}_l = {d}_r", "same full date"),
        custom(f"NOT ({full}) AND {y}_l = {y}_r AND ({m}_l IS NULL OR {m}_r IS NULL OR {m}_l = {m}_r)",
               PARTIAL_EQUAL),
        custom(f"{full} AND (({y}_l = {y}_r AND ({m}_l = {m}_r OR {d}_l = {d}_r OR ({m}_l = {d}_r AND "
               f"{d}_l = {m}_r))) OR (abs({y}_l - {y}_r) = 1 AND {m}_l = {m}_r AND {d}_l = {d}_r) "
               "OR abs(birth_ordinal_l - birth_ordinal_r) <= 1)",
               FULL_NEAR),
        custom(f"NOT ({full}) AND abs({y}_l - {y}_r) <= 1", PARTIAL_NEAR),
        custom(f"NOT ({full})", PARTIAL_DIFFERENT),
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
    settlement = [
        cll.NullLevel("settlement_key"),
        _same_settlement().configure(
            label_for_charts="same origin settlement",
            **({"tf_adjustment_column": "settlement_block", "tf_minimum_u_value": PROBABILITY_FLOOR,
                "disable_tf_exact_match_detection": True}
               if term_frequencies else {})),
        _possible_settlement().configure(label_for_charts="may be the same settlement (an ambiguous name)"),
        _similar_settlement().configure(label_for_charts="similar spelling, not two gazetteer settlements"),
        *identity_null("settlement_key"),
        cll.ElseLevel(),
    ]

    # a country on one record and a region or facility on the other cannot be compared
    # unless the region's country is known: then the level is "same country" or "different"
    destination = [
        custom("destination_key_l IS NULL OR destination_key_r IS NULL OR "
               "((destination_country_l IS NULL) <> (destination_country_r IS NULL) "
               "AND destination_key_l <> destination_key_r)",
               "destination missing, or a country against a place of unknown country").configure(is_null_level=True),
        exact("destination_key", "same destination"),
        cll.JaroWinklerLevel("destination_key", 0.88),
        custom("destination_country_l = destination_country_r", "same country"),
        cll.ElseLevel().configure(label_for_charts="different"),
    ]

    def fuzzy(col: str, label: str) -> list[Any]:
        return [cll.NullLevel(col), exact(col, label), cll.JaroWinklerLevel(col, 0.88), cll.ElseLevel()]

    candidates: list[tuple[str, str, list[Any]]] = [
        ("family_key", "family_key", family_levels()),
        ("given_key", "given_key", given_levels()),
        ("patronymic_key", "patronymic_key",
         [cll.NullLevel("patronymic_initial"), exact("patronymic_key", "same father's name group"),
          cll.JaroWinklerLevel("patronymic_key", 0.88),
          custom("(patronymic_key_l IS NULL OR patronymic_key_r IS NULL) "
                 f"AND {_initial_agrees('patronymic')}", INITIAL_AGREES),
          custom("patronymic_key_l IS NULL OR patronymic_key_r IS NULL", INITIAL_DIFFERS),
          *identity_null("patronymic_key"), cll.ElseLevel()]),
        ("birth_year", "birth_date", birth),
        ("sex", "sex", [cll.NullLevel("sex"), exact("sex", "same sex"), cll.ElseLevel()]),
        ("settlement_key", "settlement_key", settlement),
        ("institution_key", "institution_key", fuzzy("institution_key", "same origin institution")),
        ("destination_key", "destination_key", destination),
        ("removal_month", "removal_date", removal),
    ]
    levels_of: dict[str, list[Any]] = {nm: levels for col, nm, levels in candidates if col in have}
    if reregistration:
        levels_of = {"identity": [
            cll.Not(two_present()).configure(is_null_level=True,
                                             label_for_charts="fewer than two identity fields on both records"),
            cll.Or(*[_agrees(c) for c in identity]).configure(
                label_for_charts="some identity field agrees", u_probability=1.0, fix_u_probability=True),
            cll.ElseLevel().configure(label_for_charts="every identity field present differs"),
        ], **levels_of}
    for nm, levels in levels_of.items():
        scored_levels = [lv for lv in levels if not lv.is_null_level]
        fixed_u = (u_probabilities or {}).get(nm)
        if fixed_u is not None and nm != "identity":
            for level, u in zip(scored_levels, fixed_u, strict=True):
                if u is not None:
                    level.configure(u_probability=float(u), fix_u_probability=True)
        fixed_m = (m_probabilities or {}).get(nm)
        if fixed_m is not None:
            for level, mp in zip(scored_levels, fixed_m, strict=True):
                level.configure(m_probability=float(mp))
    comparisons: list[Any] = [cl.CustomComparison(comparison_levels=levels, output_column_name=nm)
                              for nm, levels in levels_of.items()]
    blocking = blocking_rules(have)
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
        retain_matching_columns=retain_columns,
        retain_intermediate_calculation_columns=True,
        probability_two_random_records_match=prior,
    )
