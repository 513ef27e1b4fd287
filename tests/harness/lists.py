"""How a source captures children and writes their records.

A list is a :class:`ListSpec`: who it can see (``eligible``), how likely it sees them
(a logistic model on the child's latent visibility, shared by every list, so capture is
heterogeneous and positively dependent; odds multipliers by removal mode; whole removal
waves covered or missed, as a news story covers a group), which other lists it copies
records from (so errors propagate and lists depend on each other), its within-list
duplicates, and a :class:`Style`: how it writes each field.

Records are rendered from the truth by the list's style (:func:`render`), or transcribed
from another list's record (:func:`transcribe`): romanised if the copying list is in Latin
script, dates coarsened to the precision it keeps, the destination written with its own
fixed label.  Each record carries its true child; the list file holds only the input schema.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from . import cases as cs
from . import lexicon as lx
from . import noise as nz
from . import places as pl
from . import sampling as sp
from .population import Child, Population
from .romanise import is_cyrillic, romanise

SCHEMA = ("record_id", "family_name", "given_name", "patronymic", "birth_date", "sex", "origin_settlement",
          "origin_institution", "removal_date", "destination")
NAME_FIELDS = ("family_name", "given_name", "patronymic")
Mix = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Style:
    """How a source writes its records (probabilities are per record unless said).

    Names
        ``name_lang``: mix of ``uk``, ``ru``, ``be`` forms and ``dim`` (Russian diminutive
        given name, Russian surname); ``follow_ru_docs``: a Ukrainian-form list writes the
        Russian form when the child's documents are Russian; ``script`` ``cyr`` or ``lat``
        with ``systems`` (romanisation mix) and ``english_given`` (English equivalent);
        ``latin_share``: records of a Cyrillic list romanised all the same (a list compiled
        from mixed sources); ``strip_diacritics`` (š -> s after retyping);
        ``upper`` (all capitals), ``swap_names`` (family and given swapped),
        ``family_missing``, ``family_initial`` (``К.``), ``given_missing``,
        ``patronymic_missing``, ``patronymic_in_given`` (given and patronymic swapped),
        ``wrong_gender_form`` (a girl's surname in the male form); ``typo`` (per field, on
        ``layout``), ``ocr`` and ``homoglyph`` (per letter), ``russian_keyboard`` (Ukrainian
        typed on a Russian layout), ``drop_yo`` (ё -> е), ``apostrophes`` (variant forms);
        ``mother_surname``: the child under the mother's maiden family name (an interview with
        the mother, a maternal grandmother as guardian; one per family, see
        :func:`mother_surname_index`); ``fio_cell``: the full name was kept in one cell
        and split into the three fields afterwards, as ``fio_split`` says: ``whole`` (all in
        ``family_name``), ``rotated`` (written "given patronymic family", split as "family
        given patronymic"), ``initials`` ("family G. P.": given name and patronymic as
        initials).  The romanisation system ``by_ear`` is an interviewer's hearing.
    Dates
        ``birth``: mix of ``day``, ``month``, ``year``, ``age`` (a birth year computed from
        the age in a report), ``jan1`` (unknown day and month stored as 1 January),
        ``missing``; ``transpose`` (day/month swapped), ``digit_slip``; ``report_lag``
        (days from removal to the report, for ``age`` and ``report``); ``age_entry_lag``
        (days from the report to the data entry: the birth year is the entry year minus the
        age reported, so up to two years late); a full date the source wrote ``dd.mm.yy``:
        ``yy_day_swap`` (read back as ``yy.mm.dd``: 07.03.11 -> 2007-03-11), ``yy_century``
        (the other century: 11 -> 1911, 97 -> 2097).
    Places
        ``birthplace_as_origin`` (the list records the birthplace as origin); ``place`` mix of
        ``uk_current``, ``uk_doc`` (the pre-2016 name for a child born before the rename, as
        in the birth certificate), ``ru_src`` (the name Russian sources use), ``ru_current``,
        ``lat_current``, ``lat_old_uk``, ``lat_ru``, ``lat_ru_icao``, ``lat_ear`` (the Ukrainian
        or the Russian-source name romanised ``by_ear``); ``place_prefix`` mix of
        ``none``, ``type`` (м. / г.), ``oblast`` (", Донецька обл." / ", ДНР" / ", Donetsk
        Oblast"), ``raion`` (", Бахмутський р-н"), ``raion_only`` (the raion instead of the
        settlement), ``go`` (a Russian form as an occupation-era "city district": ``г.о.
        Макеевка``; other forms as ``type``); ``institution`` mix of forms (see :func:`.places.institution_name`, plus
        ``en``); ``removal`` mix of ``exact``, ``arrival`` (+1-3 days), ``report``, ``month``,
        ``year``, ``missing``; ``destination``: ONE fixed form for the whole list (a country
        label such as ``en`` -> Belarus, ``ru`` -> Беларусь, ``uk`` -> Білорусь, or
        ``place_ru`` ... for the camp or region); ``destination_mix``: when given, a form
        drawn per record from this mix instead (a sheet kept by several people).
    Identity
        ``show_new_identity``: a Russian source shows a re-registered child's new identity.
    Siblings
        ``sibling_filldown``: a sibling's record written right after another sibling's takes
        that record's birth date and patronymic (a row copied and only the name edited).
    Added for a third held-out profile (names, places, sex)
        ``baptismal``: the given name in its church form where it has one
        (:data:`.lexicon.BAPTISMAL`: Іоанн for Іван); ``junior_suffix``: a boy named after his
        father gets "мл." / "мол." / "Jr" after the given name; ``double_family``: a hyphenated
        double family name, the father's and the mother's (:func:`mother_surname_index`), in
        either order; ``patronymic_as_family``: the patronymic typed into the family-name
        field (the patronymic field left empty); ``name_case``: mix of ``nom``, ``dat``,
        ``gen``: the three name fields in the case of the voucher or order they were copied
        from (:func:`.cases.decline`; Cyrillic ``ru``, ``be`` and ``uk`` forms, before any
        romanisation); ``family_misspell`` with ``misspell_edits`` (range of the number of
        errors): the family name heavily misspelt by a clerk who does not speak the language
        (:func:`.noise.misspell`); the romanisation system ``lacinka`` (Belarusian Latin).
        ``origin_hub``: the origin written as the city whose hospital served it
        (:func:`.places.hub`); ``institution_hospital`` with ``hospital_forms``: the
        institution field holds that hospital (:func:`.places.hospital_name`), for any child;
        ``place_prefix`` ``oblast_only``: the oblast (or "ДНР") instead of the settlement.
        ``sex_from_name``: the sex is not recorded but guessed from the written given name's
        ending (-а / -я / -a / -ia: F, otherwise M; none without a given name), so Никита,
        Илья, Саша and Женя come out F.
    Added for a fourth held-out profile (names, places, dates)
        ``uk_in_ru_letters``: a record in Ukrainian forms written by a Russian clerk in
        Russian letters without translating the names (:func:`.noise.uk_in_russian_letters`),
        by sound for a share ``uk_sound_share`` (Кирило -> Кырыло), else letter for letter;
        ``escort_family``: the family name of the adult escorting the child (a grandmother,
        an aunt, a neighbour: :func:`escort_of`, fixed per family) in the child's family-name
        field, in the adult's own sex form; ``upper_family``: the family name alone in
        capitals (``КОВАЛЕНКО Марія``); ``status_note``: a note on the search's outcome
        (знайдена, розшук припинено ...) in the patronymic field, after or instead of the
        patronymic.  ``residence_village``: the origin written as the village the family last
        lived in (:func:`.places.village_of`: village names that recur in every oblast);
        ``registered_elsewhere``: the share of families registered (прописка) in another
        settlement of their oblast (:func:`.places.registration_of`), whose records give that
        settlement; ``registration_address``: the settlement field holds the whole
        registration address (oblast, settlement, street, house, flat);
        ``district_centre``: the origin written as the centre of its raion
        (:func:`.places.district_centre`); place forms ``be`` (the Belarusian name,
        :data:`.places.BE_NAMES`) and ``lat_de`` (the Ukrainian name in German
        transliteration); ``be_keyboard``: Belarusian names typed on a Russian layout (і as
        Latin i, ў as у); ``transpose_removal``: the removal date's day and month swapped (a
        ``dd/mm/yyyy`` column read as ``mm/dd``); destination form ``de`` (Russland,
        Weißrussland); the romanisation system ``de`` (German: Schewtschenko).
    Added for a fifth held-out profile (dates, places, names)
        ``intake_lag``: the report date is an intake date fixed per family (a case opened
        once for the whole family: :func:`intake_date`), days after the removal in this
        range; birth precision ``age_date``: a full date computed by a case-management form
        from the age given at intake (the intake date less that many years: looks exact, is
        not); birth precision ``group_age``: a birth year computed from the mean age of the
        child's removal group (a press release gives a group's size and ages, not each
        child's: :func:`group_mean_age`); removal form ``release``: the date of a press
        release about the child's group, fixed per group, ``release_lag`` days after it
        (:func:`release_date`); ``removal_return``: the removal column holds the date the
        child came back, ``return_lag`` days after the removal, at the precision written;
        ``host_city``: the share of families whose origin field holds the address in the
        city where they now live (:func:`.places.host_city_of`), as a city or a street address;
        ``apostrophe_form``: every apostrophe in names and places written as this one
        character (an official register's typography); ``middle_initial``: the patronymic
        reduced to an initial after the given name (``Aleksandr V.``, an English summary's
        middle initial), the patronymic field left empty.

    Every option is off by default; an option that is off draws no random number, so the
    profiles written before it existed generate the same bytes.
    """

    name_lang: Mix = (("uk", 1.0),)
    follow_ru_docs: float = 0.0
    script: str = "cyr"
    latin_share: float = 0.0
    systems: Mix = (("ua_2010", 1.0),)
    strip_diacritics: float = 0.0
    english_given: float = 0.0
    upper: float = 0.0
    swap_names: float = 0.0
    family_missing: float = 0.0
    family_initial: float = 0.0
    given_missing: float = 0.0
    patronymic_missing: float = 0.0
    patronymic_in_given: float = 0.0
    wrong_gender_form: float = 0.0
    typo: float = 0.0
    layout: str = "uk"
    ocr: float = 0.0
    homoglyph: float = 0.0
    russian_keyboard: float = 0.0
    drop_yo: float = 0.0
    apostrophes: float = 0.0
    birth: Mix = (("day", 1.0),)
    transpose: float = 0.0
    digit_slip: float = 0.0
    report_lag: tuple[int, int] = (0, 14)
    sex_missing: float = 0.0
    sex_error: float = 0.0
    birthplace_as_origin: float = 0.0
    place: Mix = (("uk_current", 1.0),)
    place_prefix: Mix = (("none", 1.0),)
    place_missing: float = 0.0
    institution: Mix = (("uk", 1.0),)
    institution_missing: float = 0.0
    removal: Mix = (("exact", 1.0),)
    destination: str = "uk"
    destination_missing: float = 0.0
    show_new_identity: float = 0.0
    mother_surname: float = 0.0
    fio_cell: float = 0.0
    fio_split: Mix = (("whole", 1.0),)
    age_entry_lag: tuple[int, int] = (0, 0)
    yy_day_swap: float = 0.0
    yy_century: float = 0.0
    destination_mix: Mix = ()
    sibling_filldown: float = 0.0
    baptismal: float = 0.0
    junior_suffix: float = 0.0
    double_family: float = 0.0
    patronymic_as_family: float = 0.0
    name_case: Mix = ()
    family_misspell: float = 0.0
    misspell_edits: tuple[int, int] = (1, 3)
    origin_hub: float = 0.0
    institution_hospital: float = 0.0
    hospital_forms: Mix = (("ru", 1.0),)
    sex_from_name: float = 0.0
    uk_in_ru_letters: float = 0.0
    uk_sound_share: float = 0.5
    escort_family: float = 0.0
    upper_family: float = 0.0
    status_note: float = 0.0
    residence_village: float = 0.0
    registered_elsewhere: float = 0.0
    registration_address: float = 0.0
    district_centre: float = 0.0
    be_keyboard: float = 0.0
    transpose_removal: float = 0.0
    intake_lag: tuple[int, int] = (0, 0)
    release_lag: tuple[int, int] = (1, 30)
    removal_return: float = 0.0
    return_lag: tuple[int, int] = (30, 540)
    host_city: float = 0.0
    apostrophe_form: str = ""
    middle_initial: float = 0.0


@dataclass(frozen=True)
class ListSpec:
    """Capture of one list (see the module docstring).

    Added for a third held-out profile (all off by default, drawing no random number then):
    ``sibling_merge``: the list's maker deduplicated it and took a sibling written right
    after another for a duplicate: the sibling's record is dropped (the child is not on the
    list) and the kept record fills its empty fields (patronymic, dates, places) from it and,
    half the time, takes its birth date; ``reposts``: the share of within-list duplicates that are verbatim copies
    (a post reposted) whose removal date is the later date of the repost; ``sort_by``: the
    file sorted by these columns (case-folded; ties in random order); ``renumber``: ``row``
    (record ids are the row numbers after sorting) or ``group`` (``<prefix><group>-<row>``,
    the group being the first ``sort_by`` column's value, numbered in order, as a roster by
    shift), so that ids carry no information.

    Added for a fourth held-out profile: ``blocks``: a list merged from several sources, each
    a block of rows with its own conventions: ``(letter, share, style)``; each record is
    written by the style of a block drawn by share (a duplicate by a block drawn afresh: the
    same child from a second source), the file holds the blocks one after another in the
    order given, and ``renumber="block"`` numbers rows ``<prefix><letter><row in block>``.
    ``style`` is then used only for what is not per record (``sibling_filldown``).

    Added for a fifth held-out profile: ``case_files``: the list is a set of case files, one
    case per family: the rows of a case one after another (children in the order they were
    entered, eldest first), cases in random order, ids ``<prefix><case>/<child>``; a
    within-list duplicate is a second case opened for the family (the duplicates of one
    family's children share it); ``family_once``: the probability that a case writes the
    family name only on its first child (the other children's family names left empty).
    """

    name: str
    style: Style
    eligible: str = "all"  # all | belarus | russia | placed | institution
    base: float = 0.5  # capture probability of an eligible child of average visibility
    beta: float = 0.8  # log-odds per unit of visibility
    mode_odds: Mix = ()  # odds multipliers: keys "institution", "belarus", "family", "placed"
    wave_cover: float = 1.0  # probability a removal wave is covered at all
    copies: Mix = ()  # (list name, probability a record of that list is copied)
    duplicates: float = 0.0  # probability of a second record of a captured child
    id_prefix: str = "R"
    sibling_merge: float = 0.0
    reposts: float = 0.0
    sort_by: tuple[str, ...] = ()
    renumber: str = ""
    blocks: tuple[tuple[str, float, Style], ...] = ()
    case_files: bool = False
    family_once: float = 0.0


@dataclass(frozen=True)
class RecordTruth:
    child: int
    kind: str  # "own", "copy" or "duplicate"
    source: str  # the list a copy came from ("" otherwise)
    new_identity: bool  # the record shows the child's identity given in Russia


@cache
def _mix_table(mix: Mix) -> tuple[tuple[str, ...], list[float]]:
    return tuple(k for k, _ in mix), sp.normalised_cdf([w for _, w in mix])


def draw(mix: Mix, rng: np.random.Generator) -> str:
    """A key of ``mix`` drawn by its weights: ``rng.choice(len(keys), p=p / p.sum())``, the
    distribution built once per mix (:mod:`.sampling`; same draws, same generator state)."""
    try:
        keys, c = _mix_table(mix)
    except TypeError:  # an unhashable mix (a list): built on the spot
        keys, c = _mix_table.__wrapped__(mix)
    return keys[sp.pick(rng, c)]


def _eligible(child: Child, rule: str) -> bool:
    country = pl.DESTINATIONS[child.destination].country
    if rule == "all":
        return True
    if rule == "belarus":
        return country == "BY"
    if rule == "russia":
        return country == "RU"
    if rule == "placed":
        return child.placed
    if rule == "institution":
        return child.institution >= 0
    raise ValueError(f"unknown eligibility rule {rule!r}")


# ---------------------------------------------------------------- rendering

_SURNAME_CDF = sp.cdf(lx.SURNAME_P)  # rng.choice(len(lx.SURNAMES), p=lx.SURNAME_P), built once


def mother_surname_index(child: Child) -> int:
    """The maiden family name of ``child``'s mother (index into :data:`.lexicon.SURNAMES`).

    The population does not draw mothers; this is a fixed function of the family (its id,
    surname and father), so siblings share it, it varies with the population's seed, and
    drawing it consumes no random number of the population or of any list.
    """
    return _mother_surname(child.family, child.surname, child.father)


@lru_cache(maxsize=65536)
def _mother_surname(family: int, surname: int, father: int) -> int:
    g = np.random.default_rng([family, surname, father, 0x4D4F])
    while True:
        i = sp.pick(g, _SURNAME_CDF)
        if i != surname:
            return i


def escort_of(child: Child) -> tuple[int, str]:
    """The family name (index into :data:`.lexicon.SURNAMES`) and sex of the adult who
    escorted ``child``'s family across the border: neither the child's surname nor the
    mother's maiden name (a grandmother on the father's side would share the surname), a
    woman three times in four.  Fixed per family; draws no random number of a list."""
    return _escort(child.family, child.surname, child.father)


@lru_cache(maxsize=65536)
def _escort(family: int, surname: int, father: int) -> tuple[int, str]:
    g = np.random.default_rng([family, surname, father, 0x4553])
    mother = _mother_surname(family, surname, father)
    while True:
        i = sp.pick(g, _SURNAME_CDF)
        if i not in (surname, mother):
            return i, "F" if g.random() < 0.75 else "M"


_STATUS_NOTES = {"M": ("знайдений", "розшук припинено", "повернений в Україну", "місцезнаходження встановлено"),
                 "F": ("знайдена", "розшук припинено", "повернена в Україну", "місцезнаходження встановлено")}


def _status_note(patronymic: str, sex: str, rng: np.random.Generator) -> str:
    notes = _STATUS_NOTES[sex]
    note = notes[int(rng.integers(len(notes)))]
    how = rng.random()
    if not patronymic or how < 0.4:
        return note.upper() if rng.random() < 0.5 else note
    return f"{patronymic} ({note})" if how < 0.8 else f"{patronymic} - {note}"


def _village(child: Child, form: str, prefix: str) -> str:
    uk, ru = pl.VILLAGES[pl.village_of(child.family, child.origin)]
    ob = pl.OBLASTS[pl.SETTLEMENTS[child.origin].oblast]
    if form.startswith("lat"):
        name, kind, region = romanise(uk, "ua_2010"), "", ob["en"]
    elif form.startswith("ru") or form == "be":
        name, kind, region = ru, "с. ", ob["ru_occ"]
    else:
        name, kind, region = uk, "с. ", ob["uk"]
    if prefix in ("type", "go"):
        return kind + name
    if prefix in ("oblast", "raion"):
        return f"{kind}{name}, {region}"
    return name


def _address(child: Child, si: int, form: str, rng: np.random.Generator) -> str:
    """The family's registration address in settlement ``si`` as a Ukrainian police export
    writes it (the settlement in ``form``: ``uk_current`` or ``uk_doc``)."""
    street, house, flat = pl.address_parts(child.family, child.origin)
    s = pl.SETTLEMENTS[si]
    town = s.uk_old if form == "uk_doc" and s.uk_old and child.birth < dt.date(2016, 5, 12) else s.uk
    oblast = pl.OBLASTS[s.oblast]["uk"]
    if rng.random() < 0.5:
        tail = f", кв. {flat}" if flat else ""
        return f"{oblast}, м. {town}, вул. {street}, буд. {house}{tail}"
    tail = f"/{flat}" if flat else ""
    return f"м. {town}, вул. {street}, {house}{tail}"


def _fio_cell(rec: dict[str, str], how: str) -> None:
    """The three name fields after the full name was kept in one cell (see :class:`Style`)."""
    fam, giv, pat = rec["family_name"], rec["given_name"], rec["patronymic"]
    if how == "whole":
        rec["family_name"] = " ".join(x for x in (fam, giv, pat) if x)
        rec["given_name"] = rec["patronymic"] = ""
    elif how == "rotated":
        words = [x for x in (giv, pat, fam) if x]  # written "given patronymic family"
        words += [""] * (3 - len(words))
        rec["family_name"], rec["given_name"], rec["patronymic"] = words[0], words[1], words[2]
    elif how == "initials":
        rec["given_name"] = giv[:1] + "." if giv else ""
        rec["patronymic"] = pat[:1] + "." if pat else ""
    else:
        raise ValueError(f"unknown fio_split {how!r}")


def _romanise_name(text: str, system: str, lang: str, rng: np.random.Generator) -> str:
    return romanise(text, system, rng, lang="be" if lang == "be" else "ru" if lang in ("ru", "dim") else "uk")


def strip_marks(text: str) -> str:
    """Drop combining marks and primes (š -> s, ŭ -> u, ʹ -> nothing)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in "ʹʺ")


def _noisy(text: str, style: Style, lang: str, rng: np.random.Generator) -> str:
    if not text:
        return text
    if style.script == "cyr" and lang == "uk" and style.russian_keyboard and rng.random() < style.russian_keyboard:
        text = nz.russian_keyboard(text, rng)
    if style.drop_yo and lang in ("ru", "dim", "be") and rng.random() < style.drop_yo:
        text = nz.drop_yo(text)
    if style.apostrophes and rng.random() < style.apostrophes:
        text = nz.apostrophe_variant(text, rng)
    if style.typo and rng.random() < style.typo:
        text = nz.typo(text, rng, "lat" if not is_cyrillic(text) else style.layout)
    if style.ocr or style.homoglyph:
        text = nz.ocr(text, rng, style.ocr, style.homoglyph)
    return text


def _settlement(si: int, form: str, prefix: str, born: dt.date, rng: np.random.Generator | None = None) -> str:
    s = pl.SETTLEMENTS[si]
    ob = pl.OBLASTS[s.oblast]
    lang = "uk"
    if form == "uk_current":
        name = s.uk
    elif form == "uk_doc":
        name = s.uk_old if s.uk_old and born < dt.date(2016, 5, 12) else s.uk
    elif form == "ru_src":
        name, lang = s.ru_src, "ru_src"
    elif form == "ru_current":
        name, lang = s.ru, "ru"
    elif form == "lat_current":
        name, lang = romanise(s.uk, "ua_2010"), "en"
    elif form == "lat_old_uk":
        name, lang = romanise(s.uk_old or s.uk, "ua_2010"), "en"
    elif form == "lat_ru":
        name, lang = romanise(nz.drop_yo(s.ru_src), "ru_bgn"), "en"
    elif form == "lat_ru_icao":
        name, lang = romanise(s.ru_src, "ru_icao"), "en"
    elif form == "be":
        name, lang = pl.BE_NAMES.get(s.uk, s.ru_src), "be"
    elif form == "lat_de":
        name, lang = romanise(s.uk, "de"), "en"
    elif form == "lat_ear":
        if rng is None:
            raise ValueError("place form 'lat_ear' needs rng")
        ru = rng.random() < 0.5
        name, lang = romanise(s.ru_src if ru else s.uk, "by_ear", rng, lang="ru" if ru else "uk"), "en"
    else:
        raise ValueError(f"unknown place form {form!r}")
    if prefix == "go" and lang in ("uk", "en"):
        prefix = "type"
    if prefix == "type":
        name = {"uk": "м. ", "ru": "г. ", "ru_src": "г. ", "en": "", "be": "г. "}[lang] + name
    elif prefix == "go":
        name = "г.о. " + name
    elif prefix in ("raion", "raion_only"):
        region = pl.raion(si, {"uk": "uk", "ru": "ru", "ru_src": "ru", "en": "en", "be": "ru"}[lang])
        name = region if prefix == "raion_only" else f"{name}, {region}"
    elif prefix == "oblast":
        region = pl.BE_OBLASTS[s.oblast] if lang == "be" else ob[{"uk": "uk", "ru": "ru", "ru_src": "ru_occ", "en": "en"}[lang]]
        name = f"{name}, {region}"
    elif prefix == "oblast_only":
        name = pl.BE_OBLASTS[s.oblast] if lang == "be" else ob[{"uk": "uk", "ru": "ru", "ru_src": "ru_occ", "en": "en"}[lang]]
    return name


def _institution(pop: Population, child: Child, form: str) -> str:
    inst = pop.institutions[child.institution]
    if form == "en":
        town = romanise(pl.SETTLEMENTS[inst.settlement].uk, "ua_2010")
        return f"{town} {pl.institution_name(inst, 'en_base')}"
    return pl.institution_name(inst, form)


def _destination_form(style: Style, rng: np.random.Generator) -> str:
    return draw(style.destination_mix, rng) if style.destination_mix else style.destination


def _destination(child: Child, form: str) -> str:
    d = pl.DESTINATIONS[child.destination]
    if form.startswith("place_"):
        return str(getattr(d, form.removeprefix("place_")))
    return pl.COUNTRY[d.country][form]


def _partial(d: dt.date, how: str, rng: np.random.Generator) -> str:
    if how in ("exact", "day"):
        return nz.iso(d)
    if how == "arrival":
        return nz.iso(d + dt.timedelta(days=int(rng.integers(1, 4))))
    if how == "month":
        return nz.iso(d, "month")
    if how == "year":
        return nz.iso(d, "year")
    if how == "missing":
        return ""
    raise ValueError(how)


def render(child: Child, pop: Population, style: Style, rng: np.random.Generator) -> dict[str, str]:
    """One record of ``child`` written in ``style`` (no record_id).

    The key ``_new_identity`` ("1" or "") says whether the record shows the identity given
    in Russia; :func:`capture` moves it to the truth.
    """
    ident = child.new_identity if child.new_identity is not None and rng.random() < style.show_new_identity else None
    given_i = ident.given if ident else child.given
    father_i = ident.father if ident else child.father
    surname_i = ident.surname if ident else child.surname
    birth = ident.birth if ident else child.birth
    if ident is None and style.mother_surname and rng.random() < style.mother_surname:
        surname_i = mother_surname_index(child)

    lang = draw(style.name_lang, rng)
    if lang == "uk" and child.doc_lang == "ru" and rng.random() < style.follow_ru_docs:
        lang = "ru"
    g = lx.GIVEN[given_i]
    given = {"uk": g.uk, "ru": g.ru, "be": g.be, "dim": g.dim or g.ru}[lang]
    s_lang = "ru" if lang == "dim" else lang
    form_sex = "M" if style.wrong_gender_form and rng.random() < style.wrong_gender_form else child.sex
    family = lx.surname_form(lx.SURNAMES[surname_i], form_sex, s_lang)
    f = lx.FATHERS[father_i]
    patronymic = getattr(f, f"{s_lang}_{'m' if child.sex == 'M' else 'f'}")
    if lang == "dim":
        patronymic = ""
    if style.escort_family and ident is None and rng.random() < style.escort_family:
        escort, escort_sex = escort_of(child)
        family = lx.surname_form(lx.SURNAMES[escort], escort_sex, s_lang)
    if style.baptismal and lang in ("uk", "ru") and g.uk in lx.BAPTISMAL and rng.random() < style.baptismal:
        given = lx.BAPTISMAL[g.uk][0 if lang == "uk" else 1]
    if style.double_family and ident is None and rng.random() < style.double_family:
        mother = lx.surname_form(lx.SURNAMES[mother_surname_index(child)], form_sex, s_lang)
        family = f"{family}-{mother}" if rng.random() < 0.7 else f"{mother}-{family}"
    if style.name_case:
        case = draw(style.name_case, rng)
        family = cs.decline(family, "family", child.sex, case, s_lang)
        given = cs.decline(given, "given", child.sex, case, s_lang)
        patronymic = cs.decline(patronymic, "patronymic", child.sex, case, s_lang)
    if style.family_misspell and rng.random() < style.family_misspell:
        lo, hi = style.misspell_edits
        family = nz.misspell(family, rng, int(rng.integers(lo, hi + 1)))
    if (style.uk_in_ru_letters and lang == "uk" and style.script == "cyr"
            and rng.random() < style.uk_in_ru_letters):
        by_sound = rng.random() < style.uk_sound_share
        family, given, patronymic = (nz.uk_in_russian_letters(x, by_sound=by_sound)
                                     for x in (family, given, patronymic))
    junior = (style.junior_suffix and child.sex == "M" and g.uk == f.uk and rng.random() < style.junior_suffix)
    rec = {"family_name": family, "given_name": given, "patronymic": patronymic}
    if style.script not in ("cyr", "lat"):
        raise ValueError(f"unknown script {style.script!r}")
    if style.script == "lat" or (style.latin_share and rng.random() < style.latin_share):
        system = draw(style.systems, rng)
        strip = style.strip_diacritics and rng.random() < style.strip_diacritics
        for k in NAME_FIELDS:
            rec[k] = _romanise_name(rec[k], system, lang, rng)
            if strip:
                rec[k] = strip_marks(rec[k])
        if style.english_given and rng.random() < style.english_given:
            rec["given_name"] = g.en
    for k in NAME_FIELDS:
        rec[k] = _noisy(rec[k], style, lang, rng)
    if style.be_keyboard and lang == "be" and rng.random() < style.be_keyboard:
        for k in NAME_FIELDS:
            rec[k] = nz.belarusian_on_russian_keyboard(rec[k], rng)
    if junior and rec["given_name"]:
        suffix = "Jr" if not is_cyrillic(rec["given_name"]) else "мол." if lang == "uk" else "мл."
        rec["given_name"] = f"{rec['given_name']} {suffix}"
    if style.patronymic_as_family and rec["patronymic"] and rng.random() < style.patronymic_as_family:
        rec["family_name"], rec["patronymic"] = rec["patronymic"], ""
    if style.fio_cell and rng.random() < style.fio_cell:
        _fio_cell(rec, draw(style.fio_split, rng))
    if style.middle_initial and rec["patronymic"] and rec["given_name"] and rng.random() < style.middle_initial:
        rec["given_name"], rec["patronymic"] = f"{rec['given_name']} {rec['patronymic'][0]}.", ""
    if rng.random() < style.family_missing:
        rec["family_name"] = ""
    elif rng.random() < style.family_initial and rec["family_name"]:
        rec["family_name"] = rec["family_name"][0] + "."
    if rng.random() < style.given_missing:
        rec["given_name"] = ""
    if rng.random() < style.patronymic_missing:
        rec["patronymic"] = ""
    if rec["patronymic"] and rng.random() < style.patronymic_in_given:
        rec["given_name"], rec["patronymic"] = rec["patronymic"], rec["given_name"]
    if rng.random() < style.swap_names:
        rec["family_name"], rec["given_name"] = rec["given_name"], rec["family_name"]
    if rng.random() < style.upper:
        rec = {k: v.upper() for k, v in rec.items()}
    elif style.upper_family and rng.random() < style.upper_family:
        rec["family_name"] = rec["family_name"].upper()
    if style.status_note and rng.random() < style.status_note:
        rec["patronymic"] = _status_note(rec["patronymic"], child.sex, rng)

    report = child.removal + dt.timedelta(days=int(rng.integers(style.report_lag[0], style.report_lag[1] + 1)))
    if style.intake_lag != (0, 0):
        report = intake_date(child, style.intake_lag)
    prec = draw(style.birth, rng)
    if prec == "day":
        b = birth
        if style.transpose and rng.random() < style.transpose:
            b = nz.transpose_day_month(b) or b
        if style.digit_slip and rng.random() < style.digit_slip:
            b = nz.digit_slip(b, rng)
        if style.yy_day_swap and rng.random() < style.yy_day_swap:
            b = nz.day_year_swap(b) or b
        if style.yy_century and rng.random() < style.yy_century:
            b = nz.wrong_century(b) or b
        rec["birth_date"] = nz.iso(b)
    elif prec == "age" and style.age_entry_lag != (0, 0):
        entry = report + dt.timedelta(days=int(rng.integers(style.age_entry_lag[0], style.age_entry_lag[1] + 1)))
        rec["birth_date"] = str(entry.year - nz.age_at(birth, report))
    elif prec == "age":
        rec["birth_date"] = str(nz.birth_year_from_age(birth, report))
    elif prec == "jan1":
        rec["birth_date"] = f"{birth.year:04d}-01-01"
    elif prec == "age_date":
        age = nz.age_at(birth, report)
        day = 28 if (report.month, report.day) == (2, 29) else report.day
        rec["birth_date"] = nz.iso(dt.date(report.year - age, report.month, day))
    elif prec == "group_age":
        rec["birth_date"] = str(release_date(child, style.release_lag).year - round(group_mean_age(pop, child.wave)))
    else:
        rec["birth_date"] = _partial(birth, prec, rng)

    sex = child.sex
    if rng.random() < style.sex_error:
        sex = "F" if sex == "M" else "M"
    rec["sex"] = "" if rng.random() < style.sex_missing else sex
    if style.sex_from_name and rng.random() < style.sex_from_name:
        rec["sex"] = sex_from_name(rec["given_name"])

    host = pl.host_city_of(child.family, style.host_city) if style.host_city else None
    if rng.random() < style.place_missing:
        rec["origin_settlement"] = ""
    elif host is not None:
        rec["origin_settlement"] = _host_address(child.family, host, rng)
    elif ident is not None and ident.birthplace and rng.random() < max(style.birthplace_as_origin, 0.5):
        town = ident.birthplace
        rec["origin_settlement"] = romanise(town, "ru_bgn") if style.script == "lat" else town
    else:
        si = child.birthplace if rng.random() < style.birthplace_as_origin else child.origin
        if style.origin_hub and rng.random() < style.origin_hub:
            si = pl.hub(si)
        if style.registered_elsewhere and si == child.origin:
            si = pl.registration_of(child.family, child.origin, style.registered_elsewhere)
        if style.district_centre and rng.random() < style.district_centre:
            si = pl.district_centre(si)
        form, prefix = draw(style.place, rng), draw(style.place_prefix, rng)
        if style.residence_village and si == child.origin and rng.random() < style.residence_village:
            rec["origin_settlement"] = _village(child, form, prefix)
        elif style.registration_address and rng.random() < style.registration_address:
            rec["origin_settlement"] = _address(child, si, form, rng)
        else:
            rec["origin_settlement"] = _settlement(si, form, prefix, birth, rng)
    if style.institution_hospital and rng.random() < style.institution_hospital:
        rec["origin_institution"] = pl.hospital_name(pl.hub(child.origin), draw(style.hospital_forms, rng))
    elif child.institution < 0 or rng.random() < style.institution_missing:
        rec["origin_institution"] = ""
    else:
        rec["origin_institution"] = _institution(pop, child, draw(style.institution, rng))
    how = draw(style.removal, rng)
    if how == "release":
        rec["removal_date"] = nz.iso(release_date(child, style.release_lag))
    else:
        rec["removal_date"] = nz.iso(report) if how == "report" else _partial(child.removal, how, rng)
    if style.removal_return and rec["removal_date"] and rng.random() < style.removal_return:
        back = child.removal + dt.timedelta(days=int(rng.integers(style.return_lag[0], style.return_lag[1] + 1)))
        rec["removal_date"] = nz.iso(back)[: len(rec["removal_date"])]
    if style.transpose_removal and len(rec["removal_date"]) == 10 and rng.random() < style.transpose_removal:
        r = dt.date.fromisoformat(rec["removal_date"])
        rec["removal_date"] = nz.iso(nz.transpose_day_month(r) or r)
    rec["destination"] = "" if rng.random() < style.destination_missing else _destination(
        child, _destination_form(style, rng))
    if style.apostrophe_form:
        for k in (*NAME_FIELDS, "origin_settlement"):
            rec[k] = "".join(style.apostrophe_form if ch in "'’ʼ`" else ch for ch in rec[k])
    rec["_new_identity"] = "1" if ident is not None else ""
    return rec


# ---------------------------------------------------------------- added for a fifth held-out profile


def intake_date(child: Child, lag: tuple[int, int]) -> dt.date:
    """The date a case was opened for ``child``'s family: ``lag`` days (a range) after the
    removal, fixed per family (siblings removed together share it)."""
    g = np.random.default_rng([child.family, child.wave, 0x494E54])
    return child.removal + dt.timedelta(days=int(g.integers(lag[0], lag[1] + 1)))


def release_date(child: Child, lag: tuple[int, int]) -> dt.date:
    """The date of the press release about ``child``'s removal group: ``lag`` days (a range)
    after the group's removal, fixed per group."""
    g = np.random.default_rng([child.wave, 0x52454C])
    return child.removal + dt.timedelta(days=int(g.integers(lag[0], lag[1] + 1)))


_GROUP_AGES: dict[int, tuple[Population, dict[int, float]]] = {}


def group_mean_age(pop: Population, wave: int) -> float:
    """The mean age of the children of removal group ``wave`` on its removal date (what a
    press release saying "12 children aged 7 to 14" lets an analyst compute)."""
    cached = _GROUP_AGES.get(id(pop))
    if cached is None or cached[0] is not pop:
        ages: dict[int, list[int]] = {}
        for c in pop.children:
            ages.setdefault(c.wave, []).append(nz.age_at(c.birth, c.removal))
        cached = (pop, {w: float(np.mean(a)) for w, a in ages.items()})
        _GROUP_AGES.clear()  # one population at a time: no growth across profiles
        _GROUP_AGES[id(pop)] = cached
    return cached[1][wave]


def _host_address(family: int, city: int, rng: np.random.Generator) -> str:
    """The family's address in its host city as a case file writes it: the city, or the city
    with the street (Ukrainian or, for a Russian-speaking caseworker, Russian city name)."""
    uk, ru = pl.HOST_CITIES[city]
    street, house, flat = pl.host_address(family, city)
    u = rng.random()
    if u < 0.45:
        return f"м. {uk}"
    if u < 0.6:
        return uk
    if u < 0.7:
        return f"г. {ru}"
    tail = f", кв. {flat}" if flat else ""
    return f"м. {uk}, вул. {street}, {house}{tail}"


_PRECISION = {"": 0, 4: 1, 7: 2, 10: 3}


def sex_from_name(given: str) -> str:
    """The sex a compiler guesses from a written given name: ``F`` for a final -а / -я / -a
    (any script, any case, after dropping a trailing "мл." or "Jr"), ``M`` otherwise, ``""``
    without a given name."""
    words = [w for w in given.split() if w.lower() not in ("мл.", "мол.", "jr")]
    if not words:
        return ""
    return "F" if words[0].lower().rstrip(".").endswith(("а", "я", "a")) else "M"


def _coarsen(value: str, how: str) -> str:
    """``value`` (a partial ISO date) at no finer precision than ``how`` allows."""
    if not value or how == "missing":
        return ""
    keep = {"day": 10, "exact": 10, "arrival": 10, "report": 10, "jan1": 10, "month": 7, "year": 4, "age": 4,
            "age_date": 10, "group_age": 4, "release": 10}[how]
    return value[: min(len(value), keep)]


def transcribe(src: dict[str, str], child: Child, pop: Population, style: Style,
               rng: np.random.Generator) -> dict[str, str]:
    """Another list's record ``src`` as this list (``style``) copies it."""
    rec = {k: src[k] for k in SCHEMA if k != "record_id"}
    rec["_new_identity"] = src.get("_new_identity", "")
    if style.script == "lat":
        system = draw(style.systems, rng)
        for k in (*NAME_FIELDS, "origin_settlement", "origin_institution"):
            if is_cyrillic(rec[k]):
                rec[k] = romanise(rec[k], system, rng, lang="ru")
        if rec["given_name"] and style.english_given and rng.random() < style.english_given:
            g = lx.GIVEN[child.given]
            src_given = src["given_name"].lower()
            if src_given in {g.uk.lower(), g.ru.lower(), g.be.lower(), g.dim.lower()}:
                rec["given_name"] = g.en  # the transcriber recognises the name
    for k in NAME_FIELDS:
        if style.typo and rng.random() < style.typo / 2:
            rec[k] = nz.typo(rec[k], rng, "lat" if not is_cyrillic(rec[k]) else style.layout)
    if rng.random() < style.patronymic_missing:
        rec["patronymic"] = ""
    if rng.random() < style.swap_names:
        rec["family_name"], rec["given_name"] = rec["given_name"], rec["family_name"]
    if rng.random() < style.upper:
        for k in NAME_FIELDS:
            rec[k] = rec[k].upper()
    rec["birth_date"] = _coarsen(rec["birth_date"], draw(style.birth, rng))
    if len(rec["birth_date"]) == 10 and style.transpose and rng.random() < style.transpose:
        d = dt.date.fromisoformat(rec["birth_date"])
        rec["birth_date"] = nz.iso(nz.transpose_day_month(d) or d)
    rec["removal_date"] = _coarsen(rec["removal_date"], draw(style.removal, rng))
    if rng.random() < style.sex_missing:
        rec["sex"] = ""
    if rng.random() < style.institution_missing:
        rec["origin_institution"] = ""
    rec["destination"] = "" if rng.random() < style.destination_missing else _destination(
        child, _destination_form(style, rng))
    return rec


def _consistent(rec: dict[str, str]) -> dict[str, str]:
    """Blank a removal date that is before the birth date at the precision both have (the
    input schema refuses such rows; a real clerk's contradiction the harness cannot keep)."""
    b, r = rec["birth_date"], rec["removal_date"]
    if b and r:
        n = min(len(b), len(r))
        if r[:n] < b[:n]:
            rec["removal_date"] = ""
    return rec


# ---------------------------------------------------------------- capture


def _merge_sibling(kept: dict[str, str], dropped: dict[str, str], rng: np.random.Generator) -> None:
    """``kept`` after its maker merged ``dropped`` (a sibling's record) into it as a duplicate."""
    for k in ("patronymic", "birth_date", "origin_settlement", "origin_institution", "removal_date", "destination"):
        if not kept[k] and dropped[k]:
            kept[k] = dropped[k]
    if dropped["birth_date"] and rng.random() < 0.5:
        kept["birth_date"] = dropped["birth_date"]
    _consistent(kept)


def _repost(rec: dict[str, str], rng: np.random.Generator) -> dict[str, str]:
    """A verbatim copy of ``rec`` whose removal date is a repost's later date (1-60 days)."""
    dup = dict(rec)
    r = rec["removal_date"]
    if len(r) == 10:
        dup["removal_date"] = nz.iso(dt.date.fromisoformat(r) + dt.timedelta(days=int(rng.integers(1, 61))))
    return dup


def _block_style(spec: ListSpec, rng: np.random.Generator) -> tuple[Style, int]:
    """The style of a block of a merged list drawn by the blocks' shares, and its index."""
    b = sp.pick(rng, _mix_table(tuple((str(i), w) for i, (_, w, _) in enumerate(spec.blocks)))[1])
    return spec.blocks[b][2], b


def _record_ids(spec: ListSpec, frame: pd.DataFrame, ids: np.ndarray, blocks: list[str] | None = None) -> list[str]:
    """Record ids of ``frame`` (file order): random numbers, or as ``spec.renumber`` says
    (``blocks``: the block letter of every row of a merged list)."""
    if spec.renumber == "block":
        if blocks is None:
            raise ValueError("renumber='block' needs blocks")
        out: list[str] = []
        seen: dict[str, int] = {}
        for b in blocks:
            seen[b] = seen.get(b, 0) + 1
            out.append(f"{spec.id_prefix}{b}{seen[b]:04d}")
        return out
    if spec.renumber == "":
        return [f"{spec.id_prefix}{int(x):06d}" for x in ids]
    if spec.renumber == "row":
        return [f"{spec.id_prefix}{r + 1:05d}" for r in range(len(frame))]
    if spec.renumber == "group":
        if not spec.sort_by:
            raise ValueError("renumber='group' needs sort_by (the group is its first column)")
        out, group, row, last = [], 0, 0, None
        for v in frame[spec.sort_by[0]]:
            if v != last:
                group, row, last = group + 1, 0, v
            row += 1
            out.append(f"{spec.id_prefix}{group:02d}-{row:03d}")
        return out
    raise ValueError(f"unknown renumber {spec.renumber!r}")


@dataclass
class CapturedList:
    name: str
    frame: pd.DataFrame  # input schema, file order
    truth: list[RecordTruth]  # one per row of frame
    records: dict[int, dict[str, str]]  # child -> its first record (what another list can copy)


def capture(pop: Population, specs: list[ListSpec], seed_seq: np.random.SeedSequence) -> list[CapturedList]:
    """Capture ``pop`` by the lists ``specs`` (a list copies only from lists before it)."""
    out: dict[str, CapturedList] = {}
    seqs = seed_seq.spawn(len(specs))
    vis = np.array([c.visibility for c in pop.children])
    for spec, seq in zip(specs, seqs, strict=True):
        rng = np.random.default_rng(seq)
        covered = rng.random(len(pop.waves)) < spec.wave_cover
        odds = dict(spec.mode_odds)
        logit = np.log(spec.base / (1 - spec.base)) + spec.beta * vis
        for i, c in enumerate(pop.children):
            logit[i] += np.log(odds.get(c.mode, 1.0))
            if c.placed:
                logit[i] += np.log(odds.get("placed", 1.0))
        p = 1 / (1 + np.exp(-logit))
        u = rng.random(pop.n)
        own = [bool(u[i] < p[i] and covered[c.wave] and _eligible(c, spec.eligible)) for i, c in enumerate(pop.children)]
        copied: dict[int, tuple[str, dict[str, str]]] = {}
        for src_name, rate in spec.copies:
            if src_name not in out:
                raise ValueError(f"list {spec.name!r} copies from {src_name!r}, which is not an earlier list")
            for child_id, src_rec in out[src_name].records.items():
                if child_id not in copied and rng.random() < rate:
                    copied[child_id] = (src_name, src_rec)
        rows: list[dict[str, str]] = []
        truth: list[RecordTruth] = []
        firsts: dict[int, dict[str, str]] = {}
        prev: tuple[int, dict[str, str]] | None = None  # the family and record of the last child written
        name_once = False  # the current case writes its family name on its first child only
        for i, c in enumerate(pop.children):
            if not own[i] and i not in copied:
                continue
            if (spec.sibling_merge and prev is not None and prev[0] == c.family
                    and rng.random() < spec.sibling_merge):
                _merge_sibling(prev[1], render(c, pop, spec.style, rng), rng)
                continue
            use_copy = i in copied and (not own[i] or rng.random() < 0.5)
            style, block = (spec.style, -1) if not spec.blocks else _block_style(spec, rng)
            if use_copy:
                src_name, src_rec = copied[i]
                rec = transcribe(src_rec, c, pop, style, rng)
                kind, source = "copy", src_name
            else:
                rec = render(c, pop, style, rng)
                kind, source = "own", ""
            if spec.blocks:
                rec["_block"] = str(block)
            if (spec.style.sibling_filldown and prev is not None and prev[0] == c.family
                    and rng.random() < spec.style.sibling_filldown):
                rec["birth_date"], rec["patronymic"] = prev[1]["birth_date"], prev[1]["patronymic"]
            if spec.family_once:
                if prev is None or prev[0] != c.family:
                    name_once = rng.random() < spec.family_once
                elif name_once:
                    rec["family_name"] = ""
            rec["_case"] = str(c.family)
            prev = (c.family, rec)
            rows.append(_consistent(rec))
            truth.append(RecordTruth(i, kind, source, rec["_new_identity"] == "1"))
            firsts[i] = rec
            if rng.random() < spec.duplicates:
                if spec.reposts and rng.random() < spec.reposts:
                    dup = _repost(rec, rng)
                elif spec.blocks:  # the same child from another source of the merged list
                    style, block = _block_style(spec, rng)
                    dup = transcribe(src_rec, c, pop, style, rng) if use_copy else render(c, pop, style, rng)
                    dup["_block"] = str(block)
                else:
                    dup = transcribe(src_rec, c, pop, spec.style, rng) if use_copy else render(c, pop, spec.style, rng)
                dup["_case"] = f"d{c.family}"  # a second case opened for the family
                rows.append(_consistent(dup))
                truth.append(RecordTruth(i, "duplicate", source, dup["_new_identity"] == "1"))
        order = rng.permutation(len(rows))
        ids = rng.choice(np.arange(1, 10 * max(len(rows), 1) + 1), size=len(rows), replace=False)
        if spec.sort_by:
            order = np.array(sorted(order, key=lambda j: tuple(rows[j][k].casefold() for k in spec.sort_by)),
                             dtype=np.int64)  # sorted() is stable: ties keep the random order
        if spec.blocks:  # the blocks one after another (stable: the order within a block is kept)
            order = np.array(sorted(order, key=lambda j: int(rows[j]["_block"])), dtype=np.int64)
        case_ids: list[str] = []
        if spec.case_files:  # cases in random order, a case's rows in the order they were entered
            keys = sorted({r["_case"] for r in rows})
            rank = dict(zip(keys, (int(x) for x in rng.permutation(len(keys))), strict=True))
            order = np.array(sorted(range(len(rows)), key=lambda j: (rank[rows[j]["_case"]], j)), dtype=np.int64)
            within: dict[str, int] = {}
            for j in order:
                k = rows[j]["_case"]
                within[k] = within.get(k, 0) + 1
                case_ids.append(f"{spec.id_prefix}{rank[k] + 101:05d}/{within[k]}")
        frame = pd.DataFrame([rows[j] for j in order], columns=[c for c in SCHEMA if c != "record_id"])  # drops _keys
        blocks = [spec.blocks[int(rows[j]["_block"])][0] for j in order] if spec.blocks else None
        frame.insert(0, "record_id", case_ids if spec.case_files else _record_ids(spec, frame, ids, blocks))
        out[spec.name] = CapturedList(spec.name, frame.reset_index(drop=True), [truth[j] for j in order], firsts)
    return [out[s.name] for s in specs]
