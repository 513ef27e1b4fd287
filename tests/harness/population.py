"""A SYNTHETIC population of removed children with realistic family and removal structure.

Families: one to six (rarely up to eight) children removed per family, sharing the surname
(in its sex form), the father's name (so the patronymic), the origin settlement and, for
children in care, the institution; siblings are born at least ten months apart except twins,
who share the birth date.  Given names, fathers' names and surnames follow the skewed
frequencies of :mod:`.lexicon`.

Removal modes, each with its waves (groups moved together on one date to one destination):

``institution``
    children of an orphanage, boarding school or shelter evacuated together (most to
    Russia, some to Belarus); ages within the institution's range.
``belarus``
    the "rehabilitation" programme to Belarus (Sep 2022 - May 2023): waves every week or so,
    each from one to three cities, ages 6-15.
``family``
    children taken with or without their families (filtration, "camps"); grouped by origin
    and month.

Children placed in Russia (foster care, guardianship, adoption) may be re-registered: a
new surname (the foster family's), often a new patronymic, sometimes a new given name, a
birthplace moved to a Russian town, sometimes a shifted birth date.  Children born after
2014 in areas occupied since 2014 have Russian-language documents.

Everything is drawn from a seeded :class:`numpy.random.Generator`; the population is SYNTHETIC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from . import lexicon as lx
from . import places as pl
from . import sampling as sp

# The fixed distributions drawn from per child, built once (:mod:`.sampling`: the same draws as
# ``rng.choice(a, p=p)``), and the tables indexed by the draws as Python lists.
_SURNAME_CDF = sp.cdf(lx.SURNAME_P)
_FATHER_CDF = sp.cdf(lx.FATHER_P)
_GIVEN_POOLS = {"M": (lx.MALE_IDX.tolist(), sp.cdf(lx.MALE_P)), "F": (lx.FEMALE_IDX.tolist(), sp.cdf(lx.FEMALE_P))}
_ORIGIN_IDX = pl.ORIGIN_IDX.tolist()
_ORIGIN_CDF = sp.cdf(pl.ORIGIN_P)
_BIRTHPLACE_ONLY_IDX = pl.BIRTHPLACE_ONLY_IDX.tolist()
_FOSTER_INDEX = tuple(lx.SURNAMES.index(s) for s in lx.RUSSIAN_FOSTER_SURNAMES)  # first equal entry, as .index


@dataclass(frozen=True)
class NewIdentity:
    """Identity given in Russia (re-registration)."""

    given: int
    father: int
    surname: int
    birthplace: str  # a Russian town, or "" when the birthplace was kept
    birth: dt.date

    def __repr__(self) -> str:
        return "NewIdentity(SYNTHETIC)"


@dataclass(frozen=True)
class Child:
    child_id: int
    family: int
    sex: str
    given: int  # index into lexicon.GIVEN
    father: int  # index into lexicon.FATHERS
    surname: int  # index into lexicon.SURNAMES
    birth: dt.date
    birthplace: int  # index into places.SETTLEMENTS
    origin: int
    institution: int  # index into Population.institutions, -1 if none
    mode: str  # "institution", "belarus" or "family"
    wave: int
    removal: dt.date
    destination: int  # index into places.DESTINATIONS
    visibility: float  # latent visibility shared by every list (heterogeneous capture)
    doc_lang: str  # "uk" or "ru": language of the child's documents
    placed: bool  # placed in a Russian family or institution
    new_identity: NewIdentity | None
    twin: bool

    def __repr__(self) -> str:  # never names or dates, even of SYNTHETIC children
        return f"Child(child_id={self.child_id}, family={self.family}, SYNTHETIC)"


@dataclass(frozen=True)
class PopulationSpec:
    """Shape of the population.

    Attributes
    ----------
    share_institution, share_belarus : shares of families by removal mode (the rest:
        ``family``).
    family_sizes : probabilities of 1, 2, ... children removed per family.
    twin_rate : probability that a sibling is the twin of the previous one.
    placed_institution, placed_family : probability a child sent to Russia is placed
        (foster care, adoption), by mode.
    reregistered : probability that a placed child is re-registered with a new identity.
    family_visibility : share of the visibility variance shared within a family.
    """

    share_institution: float = 0.3
    share_belarus: float = 0.3
    family_sizes: tuple[float, ...] = (0.55, 0.27, 0.11, 0.05, 0.015, 0.005)
    twin_rate: float = 0.03
    placed_institution: float = 0.45
    placed_family: float = 0.08
    reregistered: float = 0.35
    family_visibility: float = 0.6


@dataclass(frozen=True)
class Wave:
    mode: str
    date: dt.date
    destination: int
    origins: tuple[int, ...]


@dataclass
class Population:
    children: list[Child]
    institutions: list[pl.Institution]
    waves: list[Wave]
    spec: PopulationSpec = field(default_factory=PopulationSpec)

    @property
    def n(self) -> int:
        return len(self.children)

    def __repr__(self) -> str:  # never the children's names or dates
        return f"Population({self.n} SYNTHETIC children, {len(self.waves)} waves)"


def _date(rng: np.random.Generator, start: dt.date, end: dt.date) -> dt.date:
    span = (end - start).days
    return start + dt.timedelta(days=int(rng.integers(span + 1)))


def _birth_before(rng: np.random.Generator, removal: dt.date, age: int) -> dt.date:
    """A birth date making the child ``age`` full years old on ``removal``."""
    latest = removal.replace(year=removal.year - age) if not (removal.month == 2 and removal.day == 29) else \
        dt.date(removal.year - age, 2, 28)
    earliest = latest - dt.timedelta(days=364)
    return _date(rng, earliest, latest - dt.timedelta(days=1))


def generate_population(n: int, rng: np.random.Generator, spec: PopulationSpec | None = None) -> Population:
    """Draw ``n`` SYNTHETIC children (see the module docstring)."""
    spec = spec or PopulationSpec()
    sizes_p = np.asarray(spec.family_sizes, dtype=float)
    sizes_p = sizes_p / sizes_p.sum()

    # Institutions: a few per large settlement with an adjective stem, weighted by size.
    inst_settlements = [i for i in pl.ORIGIN_IDX if pl.SETTLEMENTS[i].adj_uk]
    institutions: list[pl.Institution] = []
    inst_w: list[float] = []
    for si in inst_settlements:
        s = pl.SETTLEMENTS[si]
        count = 1 + int(s.weight // 10)
        kinds = rng.choice(len(pl.INSTITUTION_KINDS), size=count, replace=False)
        for k in kinds:
            institutions.append(pl.Institution(int(si), int(k), int(rng.integers(1, 6))))
            inst_w.append(s.weight / count)
    inst_p = np.asarray(inst_w) / np.sum(inst_w)

    waves: list[Wave] = []
    inst_waves: dict[int, list[int]] = {}

    def start_of(si: int) -> dt.date:
        year = pl.SETTLEMENTS[si].occupied
        return dt.date(2014, 8, 1) if year == 2014 else dt.date(2015, 2, 20) if year == 2015 else \
            dt.date(2022, 3, 1) if year == 2022 else dt.date(2023, 5, 20)

    for ii, institution in enumerate(institutions):
        start = max(start_of(institution.settlement), dt.date(2014, 8, 1))
        if start < dt.date(2022, 2, 24) and rng.random() < 0.7:
            start = dt.date(2022, 2, 24)  # most evacuations of institutions came with the full invasion
        ids = []
        for _ in range(1 + int(rng.random() < 0.5)):
            if rng.random() < 0.85:
                dest, first = int(rng.choice(pl.RU_DEST)), start
            else:  # transfers of children to Belarus began in 2022
                dest, first = int(rng.choice(pl.BY_DEST)), max(start, dt.date(2022, 6, 1))
            waves.append(Wave("institution", _date(rng, first, dt.date(2023, 10, 31)), dest,
                              (institution.settlement,)))
            ids.append(len(waves) - 1)
        inst_waves[ii] = ids

    by_origins = [i for i in pl.ORIGIN_IDX if pl.SETTLEMENTS[i].occupied in (2014, 2015, 2022)]
    by_p = np.array([pl.SETTLEMENTS[i].weight for i in by_origins], dtype=float)
    by_p /= by_p.sum()
    by_waves = []
    d = dt.date(2022, 9, 5)
    while d <= dt.date(2023, 5, 31):
        k = int(rng.integers(1, 4))
        origins = tuple(int(x) for x in rng.choice(by_origins, size=k, replace=False, p=by_p))
        dest = int(pl.BY_DEST[0]) if rng.random() < 0.8 else int(rng.choice(pl.BY_DEST))
        waves.append(Wave("belarus", d, dest, origins))
        by_waves.append(len(waves) - 1)
        d += dt.timedelta(days=int(rng.integers(6, 15)))

    family_wave: dict[tuple[int, int, int], int] = {}
    children: list[Child] = []
    family = 0
    dest_ru_p = np.array([pl.DESTINATIONS[i].weight for i in pl.RU_DEST], dtype=float)
    dest_ru_p /= dest_ru_p.sum()
    # rng.choice(a, p=p) for one draw is a[sp.pick(rng, sp.cdf(p))]; without p, a[rng.integers(len(a))]
    sizes_cdf, inst_cdf, dest_ru_cdf = sp.cdf(sizes_p), sp.cdf(inst_p), sp.cdf(dest_ru_p)
    ru_dest = pl.RU_DEST.tolist()
    while len(children) < n:
        size = min(sp.pick(rng, sizes_cdf) + 1, n - len(children))
        mode_u = rng.random()
        mode = "institution" if mode_u < spec.share_institution else \
            "belarus" if mode_u < spec.share_institution + spec.share_belarus else "family"
        surname = sp.pick(rng, _SURNAME_CDF)
        father = sp.pick(rng, _FATHER_CDF)
        inst = -1
        if mode == "institution":
            inst = sp.pick(rng, inst_cdf)
            inst_w_ids = inst_waves[inst]
            wave = inst_w_ids[int(rng.integers(len(inst_w_ids)))]
            origin = institutions[inst].settlement
            lo, hi = pl.INSTITUTION_KINDS[institutions[inst].kind].ages
        elif mode == "belarus":
            wave = by_waves[int(rng.integers(len(by_waves)))]
            origin = waves[wave].origins[int(rng.integers(len(waves[wave].origins)))]
            lo, hi = 6, 15
        else:
            origin = _ORIGIN_IDX[sp.pick(rng, _ORIGIN_CDF)]
            start = max(start_of(origin), dt.date(2014, 8, 1))
            if start < dt.date(2022, 2, 24) and rng.random() < 0.8:
                start = dt.date(2022, 2, 24)
            when = _date(rng, start, dt.date(2023, 10, 31))
            key = (origin, when.year, when.month)
            if key not in family_wave:
                dest = ru_dest[sp.pick(rng, dest_ru_cdf)]
                waves.append(Wave("family", when.replace(day=int(rng.integers(1, 29))), dest, (origin,)))
                family_wave[key] = len(waves) - 1
            wave = family_wave[key]
            lo, hi = 0, 17
        w = waves[wave]
        birthplace = origin if rng.random() < 0.8 else (
            _BIRTHPLACE_ONLY_IDX[int(rng.integers(len(_BIRTHPLACE_ONLY_IDX)))] if rng.random() < 0.4
            else _ORIGIN_IDX[sp.pick(rng, _ORIGIN_CDF)])
        fam_vis = rng.normal() * np.sqrt(spec.family_visibility)
        # siblings placed in Russia go to one foster family: one new surname for all of them
        foster = _FOSTER_INDEX[int(rng.integers(len(_FOSTER_INDEX)))]
        # siblings: the eldest's age drawn in the mode's range, each next one born 10 months to
        # 6 years later (twins on the same day); a sibling who would be too young is not in the group
        eldest = int(rng.integers(lo, hi + 1))
        prev_birth: dt.date | None = None
        for j in range(size):
            twin = j > 0 and rng.random() < spec.twin_rate
            if prev_birth is None:
                birth = _birth_before(rng, w.date, eldest)
            elif twin:
                birth = prev_birth
            else:
                birth = prev_birth + dt.timedelta(days=int(rng.integers(300, 2200)))
                youngest = 6 if mode == "belarus" else 0
                if birth >= w.date - dt.timedelta(days=30) or (w.date - birth).days < 365 * youngest:
                    break
            sex = "M" if rng.random() < 0.51 else "F"
            pool, pool_cdf = _GIVEN_POOLS[sex]
            given = pool[sp.pick(rng, pool_cdf)]
            siblings = children[len(children) - j:] if j else []
            while any(c.given == given for c in siblings):  # parents do not repeat a name
                given = pool[sp.pick(rng, pool_cdf)]
            prev_birth = birth
            occ = pl.SETTLEMENTS[birthplace].occupied
            doc_lang = "ru" if occ in (2014, 2015) and birth.year >= 2015 and rng.random() < 0.8 else "uk"
            placed = pl.DESTINATIONS[w.destination].country == "RU" and rng.random() < (
                spec.placed_institution if mode == "institution" else spec.placed_family)
            new_identity = None
            if placed and rng.random() < spec.reregistered:
                new_given = pool[sp.pick(rng, pool_cdf)] if rng.random() < 0.3 else given
                new_father = sp.pick(rng, _FATHER_CDF) if rng.random() < 0.7 else father
                new_surname = surname
                if rng.random() < 0.85:
                    new_surname = foster
                town = pl.RUSSIAN_TOWNS[int(rng.integers(len(pl.RUSSIAN_TOWNS)))] if rng.random() < 0.6 else ""
                new_birth = birth
                if rng.random() < 0.3:
                    cand = birth + dt.timedelta(days=int(rng.choice([-1, 1]) * rng.integers(1, 120)))
                    new_birth = cand if cand < w.date else birth
                new_identity = NewIdentity(new_given, new_father, new_surname, town, new_birth)
            vis = fam_vis + rng.normal() * np.sqrt(1 - spec.family_visibility)
            children.append(Child(
                child_id=len(children), family=family, sex=sex, given=given, father=father, surname=surname,
                birth=birth, birthplace=birthplace, origin=origin, institution=inst, mode=mode, wave=wave,
                removal=w.date, destination=w.destination, visibility=float(vis), doc_lang=doc_lang,
                placed=bool(placed), new_identity=new_identity, twin=bool(twin),
            ))
        family += 1
    return Population(children=children, institutions=institutions, waves=waves, spec=spec)
