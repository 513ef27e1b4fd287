"""Error profiles: source mixes, each with 3 or 4 lists and its own error processes.

Tuning profiles (use these while developing the linkage model):

``p1_registers`` — three Ukrainian sources
    ``ua_register`` (a national register such as "Children of War": Ukrainian forms, Russian
    forms for children with DPR/LPR documents, current settlement names, a few duplicates
    from several reporting channels); ``oblast_services`` (regional social services with a
    legacy database: Russian forms for nearly half, Ukrainian typed on Russian keyboards,
    pre-2016 and Russian settlement names, handwriting typos, day/month slips; sees mostly
    children in care); ``ngo_latin`` (a Ukrainian NGO's English-language database: partly
    copied from the register, romanised by the 2010 national system, BGN/PCGN 1965 or ad hoc,
    some English given names, swapped name fields, year-only dates, US-style day/month
    transpositions).
``p2_media`` — the Belarus case, four lists
    ``ua_register``; ``media_tally`` (a research lab's tally transcribing Russian and
    Belarusian state media: Russian forms and diminutives (Настя, Саша), no family name for
    a third, no patronymic, a birth year derived from "N years old" (true year or one more),
    the news date as removal date, settlement names as Russian sources write them, the same
    child in two stories, whole groups covered or missed); ``by_camp`` (a Belarusian camp
    list, scanned: Russian forms with a quarter in Belarusian (Аляксандр, Кацярына), capitals,
    OCR confusions and Latin look-alike letters, arrival date, destination always the camp);
    ``icc_submission`` (an English legal submission built from the other two: romanised by
    the national or BGN/PCGN Russian systems, English given names (Alexander, Catherine),
    partial dates and transpositions, destination "Belarus").
``p3_russian_db`` — three lists around a Russian placement database
    ``ua_register``; ``ru_placement`` (a Russian adoption/foster database: Russian forms,
    the new identity of re-registered children, family name as an initial (Александр К.),
    birth month and year only, the birthplace (old or Russian town) as origin, the Russian
    region as destination, duplicates across regional and federal entries);
    ``investigation_en`` (a journalists' table scraped from the database and Russian media,
    romanised the Russian way: Aleksandr, Yuliya, Artemovsk, Kharkov).
``p4_ocr_police`` — four lists
    ``occupation_lists`` (typed Russian-language lists of occupation administrations, OCR'd:
    capitals, и/н ш/щ confusions, Latin look-alikes, ``ГБУ «... республиканский ...»``
    institution names, destination ``РФ`` / ``РБ``); ``ua_register`` typed partly on Russian
    keyboards with apostrophe variants; ``ua_police`` (missing-child reports filed by
    relatives: Russian or Ukrainian forms, estimated years, swapped names, several reports
    per child); ``icc_bgn`` (English: BGN/PCGN 1965 and Russian press romanisation, English
    names, part copied from the police reports).

The held-out profiles live in :mod:`.heldout` to :mod:`.heldout25` and are not listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .lists import CapturedList, ListSpec, Style, capture
from .population import Population, PopulationSpec, generate_population

SYNTHETIC_LABEL = "SYNTHETIC (tests/harness: generated, no real person)"


@dataclass(frozen=True)
class ProfileSpec:
    name: str
    description: str
    population: PopulationSpec
    lists: tuple[ListSpec, ...]
    output_order: tuple[str, ...] = ()  # order of the lists in the output (default: capture order)


@dataclass(frozen=True)
class ProfileData:
    """A generated profile: the lists in the input schema and the truth.

    Attributes
    ----------
    name, seed : profile name and seed.
    lists : (list name, DataFrame in the input schema) in output order; row order is the
        file order.
    truth : one row per record in node order (lists stacked in ``lists`` order, file order
        within a list): ``list``, ``row``, ``child`` (the true child), ``kind`` (``own``,
        ``copy``, ``duplicate``), ``source`` (the list a copy came from), ``new_identity``
        (the record shows the identity given in Russia).
    population : the SYNTHETIC population (every child, captured or not).
    """

    name: str
    seed: int
    lists: tuple[tuple[str, pd.DataFrame], ...]
    truth: pd.DataFrame
    population: Population

    def __repr__(self) -> str:  # never the records (a failing test prints its arguments)
        sizes = ", ".join(f"{n}: {len(f)}" for n, f in self.lists)
        return f"ProfileData({self.name!r}, seed={self.seed}, SYNTHETIC, records per list {{{sizes}}})"

    @property
    def list_names(self) -> tuple[str, ...]:
        return tuple(n for n, _ in self.lists)

    def list_with_truth(self, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The list's frame and its truth rows (file order)."""
        li = self.list_names.index(name)
        return dict(self.lists)[name], self.truth[self.truth["list"] == li].reset_index(drop=True)

    @property
    def true_child(self) -> np.ndarray:
        """True child of every record, node order."""
        return self.truth["child"].to_numpy(dtype=np.int64)

    @property
    def record_list(self) -> np.ndarray:
        """List index of every record, node order."""
        return self.truth["list"].to_numpy(dtype=np.int64)


def build(spec: ProfileSpec, n: int, seed: int) -> ProfileData:
    """Generate ``spec`` with ``n`` children from ``seed`` (SYNTHETIC)."""
    tag = sum(ord(ch) * (i + 1) for i, ch in enumerate(spec.name))  # a stable per-profile stream
    root = np.random.SeedSequence([int(seed), tag])
    pop_seq, cap_seq = root.spawn(2)
    pop = generate_population(n, np.random.default_rng(pop_seq), spec.population)
    captured = {c.name: c for c in capture(pop, list(spec.lists), cap_seq)}
    order = spec.output_order or tuple(s.name for s in spec.lists)
    lists: list[tuple[str, pd.DataFrame]] = []
    rows = []
    for li, name in enumerate(order):
        c: CapturedList = captured[name]
        lists.append((name, c.frame))
        for r, t in enumerate(c.truth):
            rows.append((li, r, t.child, t.kind, t.source, t.new_identity))
    truth = pd.DataFrame(rows, columns=["list", "row", "child", "kind", "source", "new_identity"])
    return ProfileData(spec.name, int(seed), tuple(lists), truth, pop)


# ---------------------------------------------------------------- sources

UA_REGISTER = Style(
    name_lang=(("uk", 1.0),), follow_ru_docs=0.7, typo=0.02, layout="uk", apostrophes=0.4,
    patronymic_missing=0.1, birth=(("day", 0.9), ("month", 0.04), ("year", 0.02), ("missing", 0.04)),
    transpose=0.005, digit_slip=0.005, sex_missing=0.01,
    place=(("uk_current", 0.8), ("uk_doc", 0.2)), place_prefix=(("none", 0.4), ("type", 0.4), ("oblast", 0.2)),
    place_missing=0.03, institution=(("uk", 0.8), ("uk_short", 0.2)), institution_missing=0.1,
    removal=(("exact", 0.7), ("month", 0.2), ("missing", 0.1)), destination="uk_formal",
)

OBLAST_SERVICES = Style(
    name_lang=(("uk", 0.55), ("ru", 0.45)), follow_ru_docs=0.9, typo=0.05, layout="ru", russian_keyboard=0.2,
    drop_yo=0.8, swap_names=0.01, patronymic_missing=0.05,
    birth=(("day", 0.85), ("month", 0.05), ("year", 0.05), ("missing", 0.05)), transpose=0.02, digit_slip=0.02,
    place=(("uk_doc", 0.5), ("ru_src", 0.3), ("uk_current", 0.2)), place_prefix=(("none", 0.5), ("type", 0.5)),
    place_missing=0.05, institution=(("uk", 0.5), ("ru", 0.3), ("uk_short", 0.2)), institution_missing=0.3,
    removal=(("exact", 0.5), ("month", 0.3), ("missing", 0.2)), destination="uk",
)

NGO_LATIN = Style(
    name_lang=(("uk", 1.0),), follow_ru_docs=0.5, script="lat",
    systems=(("ua_2010", 0.6), ("ad_hoc", 0.25), ("ua_bgn1965", 0.15)), english_given=0.2, upper=0.3,
    swap_names=0.04, patronymic_missing=0.5, typo=0.02,
    birth=(("day", 0.6), ("month", 0.1), ("year", 0.25), ("missing", 0.05)), transpose=0.03,
    place=(("lat_current", 0.8), ("lat_old_uk", 0.2)), institution=(("en", 1.0),), institution_missing=0.5,
    removal=(("month", 0.6), ("missing", 0.4)), destination="en",
)

MEDIA_TALLY = Style(
    name_lang=(("ru", 0.55), ("dim", 0.4), ("be", 0.05)), family_missing=0.35, family_initial=0.05,
    patronymic_missing=0.95, typo=0.02, layout="ru", drop_yo=0.5,
    birth=(("age", 0.7), ("year", 0.1), ("missing", 0.2)), report_lag=(0, 10), sex_missing=0.05,
    place=(("ru_src", 1.0),), place_prefix=(("none", 0.5), ("type", 0.3), ("oblast", 0.2)), place_missing=0.1,
    institution=(("ru_short", 1.0),), institution_missing=0.7,
    removal=(("report", 0.9), ("missing", 0.1)), destination="ru",
)

BY_CAMP = Style(
    name_lang=(("ru", 0.75), ("be", 0.25)), upper=0.5, patronymic_missing=0.05, ocr=0.01, homoglyph=0.003,
    drop_yo=0.7, typo=0.01, layout="ru", birth=(("day", 0.95), ("missing", 0.05)), digit_slip=0.01,
    place=(("ru_src", 1.0),), place_prefix=(("type", 0.7), ("oblast", 0.3)),
    institution=(("ru", 1.0),), institution_missing=0.9, removal=(("arrival", 1.0),), destination="place_ru",
)

ICC_EN = Style(
    name_lang=(("uk", 0.6), ("ru", 0.4)), script="lat",
    systems=(("ua_2010", 0.5), ("ru_bgn", 0.3), ("ad_hoc", 0.2)), english_given=0.4, swap_names=0.05,
    patronymic_missing=0.8, typo=0.01, upper=0.2,
    birth=(("day", 0.5), ("year", 0.4), ("missing", 0.1)), transpose=0.04,
    place=(("lat_current", 0.5), ("lat_ru", 0.5)), institution=(("en", 1.0),), institution_missing=0.7,
    removal=(("month", 0.7), ("missing", 0.3)), destination="en",
)

RU_PLACEMENT = Style(
    name_lang=(("ru", 1.0),), show_new_identity=0.95, family_initial=0.5, family_missing=0.1,
    patronymic_missing=0.3, typo=0.01, layout="ru", drop_yo=0.3,
    birth=(("month", 0.7), ("day", 0.3)), birthplace_as_origin=0.8,
    place=(("ru_src", 1.0),), place_prefix=(("type", 0.6), ("oblast", 0.4)),
    institution=(("ru_legal", 1.0),), institution_missing=0.6,
    removal=(("missing", 0.8), ("month", 0.2)), destination="place_ru",
)

INVESTIGATION_EN = Style(
    name_lang=(("ru", 0.9), ("dim", 0.1)), show_new_identity=0.7, script="lat",
    systems=(("ru_bgn", 0.6), ("ru_icao", 0.4)), english_given=0.15, swap_names=0.03, patronymic_missing=0.6,
    family_missing=0.2, birth=(("month", 0.5), ("year", 0.4), ("missing", 0.1)),
    place=(("lat_ru", 0.8), ("lat_ru_icao", 0.2)), institution=(("en", 1.0),), institution_missing=0.8,
    removal=(("month", 0.5), ("missing", 0.5)), destination="en",
)

OCCUPATION_LISTS = Style(
    name_lang=(("ru", 1.0),), upper=0.7, ocr=0.03, homoglyph=0.01, drop_yo=0.6, patronymic_missing=0.1,
    birth=(("day", 0.9), ("year", 0.05), ("missing", 0.05)), digit_slip=0.03, transpose=0.01,
    place=(("ru_src", 1.0),), place_prefix=(("type", 0.8), ("oblast", 0.2)),
    institution=(("ru", 0.6), ("ru_legal", 0.4)), institution_missing=0.2,
    removal=(("exact", 0.8), ("missing", 0.2)), destination="ru_abbr",
)

UA_POLICE = Style(
    name_lang=(("uk", 0.5), ("ru", 0.5)), follow_ru_docs=0.5, typo=0.04, layout="uk", swap_names=0.03,
    russian_keyboard=0.1, apostrophes=0.5, patronymic_missing=0.15,
    birth=(("day", 0.8), ("year", 0.1), ("missing", 0.1)), transpose=0.01, digit_slip=0.01,
    place=(("uk_current", 0.6), ("uk_doc", 0.4)), place_prefix=(("none", 0.5), ("type", 0.5)),
    institution=(("uk", 1.0),), institution_missing=0.8, removal=(("exact", 0.5), ("missing", 0.5)),
    destination="uk",
)

ICC_BGN = Style(
    name_lang=(("uk", 0.6), ("ru", 0.4)), script="lat", systems=(("ua_bgn1965", 0.6), ("ru_bgn", 0.4)),
    english_given=0.3, swap_names=0.04, patronymic_missing=0.7, typo=0.01,
    birth=(("day", 0.6), ("year", 0.3), ("missing", 0.1)), transpose=0.05,
    place=(("lat_current", 0.6), ("lat_old_uk", 0.2), ("lat_ru", 0.2)), institution=(("en", 1.0),),
    institution_missing=0.7, removal=(("month", 0.6), ("missing", 0.4)), destination="en_formal",
)


def _p1() -> ProfileSpec:
    return ProfileSpec(
        "p1_registers", "three Ukrainian sources: register, regional services (Russian forms), NGO in Latin",
        PopulationSpec(share_institution=0.35, share_belarus=0.2),
        (
            ListSpec("ua_register", UA_REGISTER, base=0.55, beta=0.8, mode_odds=(("institution", 1.5),),
                     duplicates=0.03, id_prefix="UA"),
            ListSpec("oblast_services", OBLAST_SERVICES, base=0.3, beta=0.6, mode_odds=(("institution", 4.0),),
                     duplicates=0.02, id_prefix="OS"),
            ListSpec("ngo_latin", NGO_LATIN, base=0.2, beta=1.0, copies=(("ua_register", 0.3),), id_prefix="N"),
        ),
    )


def _p2() -> ProfileSpec:
    return ProfileSpec(
        "p2_media", "Belarus case: register, media tally, Belarusian camp list, ICC submission in English",
        PopulationSpec(share_institution=0.2, share_belarus=0.55),
        (
            ListSpec("ua_register", UA_REGISTER, base=0.4, beta=0.8, duplicates=0.02, id_prefix="UA"),
            ListSpec("media_tally", MEDIA_TALLY, base=0.5, beta=1.0, mode_odds=(("belarus", 3.0),),
                     wave_cover=0.55, duplicates=0.06, id_prefix="M"),
            ListSpec("by_camp", BY_CAMP, eligible="belarus", base=0.6, beta=0.3, duplicates=0.01, id_prefix="BY"),
            ListSpec("icc_submission", ICC_EN, base=0.1, beta=0.8, copies=(("by_camp", 0.45), ("media_tally", 0.3)),
                     id_prefix="ICC"),
        ),
        output_order=("icc_submission", "ua_register", "media_tally", "by_camp"),
    )


def _p3() -> ProfileSpec:
    return ProfileSpec(
        "p3_russian_db", "register, Russian placement database (re-registered identities), investigation in Latin",
        PopulationSpec(share_institution=0.55, share_belarus=0.1, placed_institution=0.55, reregistered=0.4),
        (
            ListSpec("ua_register", UA_REGISTER, base=0.5, beta=0.8, mode_odds=(("institution", 1.5),),
                     duplicates=0.02, id_prefix="UA"),
            ListSpec("ru_placement", RU_PLACEMENT, eligible="russia", base=0.15, beta=0.5,
                     mode_odds=(("placed", 15.0),), duplicates=0.04, id_prefix="RU"),
            ListSpec("investigation_en", INVESTIGATION_EN, base=0.12, beta=1.0, copies=(("ru_placement", 0.6),),
                     id_prefix="J"),
        ),
    )


def _p4() -> ProfileSpec:
    return ProfileSpec(
        "p4_ocr_police", "OCR'd occupation lists, register on Russian keyboards, police reports, English BGN",
        PopulationSpec(share_institution=0.35, share_belarus=0.25),
        (
            ListSpec("occupation_lists", OCCUPATION_LISTS, base=0.5, beta=0.5, wave_cover=0.6, duplicates=0.01,
                     id_prefix="OC"),
            ListSpec("ua_register", replace(UA_REGISTER, russian_keyboard=0.2, apostrophes=0.8), base=0.45, beta=0.8,
                     duplicates=0.02, id_prefix="UA"),
            ListSpec("ua_police", UA_POLICE, base=0.3, beta=0.8, mode_odds=(("institution", 0.3),), duplicates=0.06,
                     id_prefix="NP"),
            ListSpec("icc_bgn", ICC_BGN, base=0.15, beta=0.8, copies=(("ua_police", 0.3),), id_prefix="ICC"),
        ),
    )


TUNING: dict[str, Callable[[], ProfileSpec]] = {
    "p1_registers": _p1,
    "p2_media": _p2,
    "p3_russian_db": _p3,
    "p4_ocr_police": _p4,
}
DEFAULT_N = 3000


def profile_spec(name: str) -> ProfileSpec:
    """The spec of a tuning profile (the held-out ones are in :mod:`.heldout` to :mod:`.heldout25`)."""
    if name not in TUNING:
        raise KeyError(f"unknown tuning profile {name!r}; known: {', '.join(TUNING)}")
    return TUNING[name]()


def generate(name: str, n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the tuning profile ``name`` with ``n`` SYNTHETIC children (seeded)."""
    return build(profile_spec(name), n, seed)


#: One list's rows as its writer sees them: column -> text (``record_id`` apart).
Rows = list[dict[str, str]]
#: A list's rewriting: (list name, rows, its truth rows, population, rng, record ids) ->
#: (rows, output order of the rows, record ids in that order).
Rewrite = Callable[[str, Rows, pd.DataFrame, Population, np.random.Generator, list[str]],
                   tuple[Rows, list[int], list[str]]]


def rewrite_lists(base: ProfileData, seed: int, tag: int, rewrite: Rewrite, *,
                  order: tuple[str, ...] | None = None,
                  before: Callable[[str, Rows, pd.DataFrame], None] | None = None,
                  after: Callable[[str, Rows, pd.DataFrame], None] | None = None) -> ProfileData:
    """The lists of ``base`` (rendered by :func:`build`) rewritten one by one as their sources write them.

    Used by the held-out profiles whose error processes go beyond :mod:`.lists`' styles.
    Each list gets its own generator, ``default_rng([seed, tag, list index])``; lists are
    rewritten in ``order`` (default: output order) so that ``before`` can give a list the
    already rewritten records of the lists it copies and ``after`` can keep a list's
    rewritten records for them; the output keeps ``base``'s list order, and the truth
    follows each list's new row order.
    """
    frames = dict(base.lists)
    written: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}
    for name in order or base.list_names:
        li = base.list_names.index(name)
        frame = frames[name]
        truth = base.truth[base.truth["list"] == li].reset_index(drop=True)
        rng = np.random.default_rng([int(seed), tag, li])
        body = frame.drop(columns="record_id")  # as to_dict("records"), column by column (much faster)
        keys = [str(k) for k in body.columns]
        rows: Rows = [{k: str(v) for k, v in zip(keys, vals, strict=True)}
                      for vals in zip(*(body.iloc[:, i].tolist() for i in range(body.shape[1])), strict=True)]
        if before is not None:
            before(name, rows, truth)
        rows, row_order, ids = rewrite(name, rows, truth, base.population, rng, frame["record_id"].tolist())
        if after is not None:
            after(name, rows, truth)
        out = pd.DataFrame([rows[j] for j in row_order], columns=list(frame.columns[1:]))
        out.insert(0, "record_id", ids)
        written[name] = (out, truth.iloc[row_order].reset_index(drop=True))
    lists = tuple((name, written[name][0]) for name in base.list_names)
    truths = [written[name][1].assign(list=li, row=range(len(written[name][1])))
              for li, name in enumerate(base.list_names)]
    return ProfileData(base.name, base.seed, lists, pd.concat(truths, ignore_index=True), base.population)
