"""Seeded generator of SYNTHETIC raw lists with realistic recording errors.

A true population of children with attributes (sex, given name, father's name,
family name, birth date, origin settlement and institution, removal date,
destination) is drawn; K lists record each child with heterogeneous probabilities
(a per-child random effect shared by the lists plus a per-list level), and each record
carries the errors real lists have: Russian or Belarusian forms of Ukrainian names,
Latin romanisations with spelling variants, typos, missing or partial birth dates,
transposed dates, within-list duplicates and, on lists fed by Russian adoption
records, a share of children re-registered under a changed name and birthplace.

Everything here is invented: the names are common forms from
``data/name_equivalences.csv`` combined at random, the family names are random
combinations of stems, infixes and suffixes (about 5,000 distinct; real surname
diversity is larger, so large synthetic lists are harder to link than real ones of the
same size); no real child is described.  Outputs are labelled
``synthetic``.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..histories import CaptureHistories
from .standardise import transliterate

__all__ = ["ListProfile", "SyntheticLinkageData", "generate_lists", "pairwise_quality", "DEFAULT_PROFILES"]

LABEL = "synthetic"

_SURNAME_STEMS = (
    "Коваль", "Бондар", "Ткач", "Мельнич", "Шевч", "Кравч", "Олійн", "Лисен", "Руден", "Савч",
    "Петр", "Марч", "Гончар", "Бойч", "Кушн", "Мороз", "Павл", "Левч", "Харч", "Карп",
    "Тарас", "Сидор", "Остап", "Гаврил", "Клим", "Кузьм", "Панас", "Демч", "Федор", "Гнат",
    "Яковл", "Юрч", "Сав", "Дорош", "Кост", "Мирон", "Назар", "Семен", "Тимош", "Білик",
    "Грищ", "Лук", "Прокоп", "Филип", "Давид", "Стець", "Ковтун", "Присяжн", "Зінч", "Пилип",
)
_SURNAME_INFIXES = ("", "", "", "", "ен", "ан", "ик", "ич", "ул", "ар", "ош", "ун", "ець")
_SURNAME_SUFFIXES = ("енко", "ук", "чук", "ишин", "ович", "ський", "ко", "як", "юк", "ець", "ан", "ина")
_SETTLEMENTS = (
    "Херсон", "Маріуполь", "Мелітополь", "Бердянськ", "Енергодар", "Нова Каховка", "Олешки", "Скадовськ",
    "Генічеськ", "Каховка", "Луганськ", "Донецьк", "Сєвєродонецьк", "Лисичанськ", "Алчевськ", "Горлівка",
    "Макіївка", "Ізюм", "Куп'янськ", "Балаклія", "Волноваха", "Токмак", "Василівка", "Пологи",
    "Приморськ", "Якимівка", "Старобільськ", "Сватове", "Кремінна", "Рубіжне", "Новоазовськ", "Іловайськ",
)
_RUSSIAN_TOWNS = ("Ростов-на-Дону", "Таганрог", "Краснодар", "Подольск", "Воронеж", "Анапа", "Евпатория")
_DESTINATIONS = (
    "Ростовська область", "Краснодарський край", "Московська область", "Крим", "Воронезька область",
    "Курська область", "Білорусь", "невідомо",
)
_INSTITUTION_KINDS_UK = ("Дитячий будинок", "Школа-інтернат", "Будинок дитини", "Центр соціальної реабілітації")
_INSTITUTION_KINDS_RU = ("Детский дом", "Школа-интернат", "Дом ребенка", "Центр социальной реабилитации")
_UK_LETTERS = "абвгдежзийклмнопрстуфхцчшщьюяіїє"
_LATIN_LETTERS = "abcdefghiklmnoprstuvyz"
_ROMANISATION_VARIANTS = (("ia", "ya"), ("iu", "yu"), ("kh", "h"), ("ks", "x"), ("ii", "iy"), ("y", "i"), ("ie", "ye"))


@dataclass(frozen=True)
class ListProfile:
    """How one list records children.

    Attributes
    ----------
    capture : mean capture probability (on the probability scale, for a child with
        random effect 0).
    russian_forms : share of records with Russian forms of names and places.
    belarusian_forms : share with Belarusian forms.
    latin : share of records romanised (Latin script) rather than Cyrillic.
    typo : probability of one typo in each name field.
    missing_birth, partial_birth : shares of missing and partial (``YYYY-MM`` / ``YYYY``)
        birth dates; ``date_error`` transposed day/month or day off by one.
    missing_field : share of missing patronymic, sex, settlement, institution values.
    changed_identity : share of children re-registered under a new name, patronymic and
        birthplace (as in Russian adoption records); birth date, sex, origin institution
        (written in Russian), removal date and destination are kept.  Flagged in
        ``truth["changed_identity"]``.
    duplicate : share of children recorded twice on this list.
    removal_error, destination_error : shares of records whose removal date (shifted by
        1-30 days, or left blank) or destination (a random region, or "unknown") is
        recorded wrongly.  Default 0: the default lists record both without error, which
        makes them more informative for linkage than on real lists; raise these to test
        how the linkage fares when they are not.
    """

    capture: float
    russian_forms: float = 0.1
    belarusian_forms: float = 0.02
    latin: float = 0.1
    typo: float = 0.04
    missing_birth: float = 0.03
    partial_birth: float = 0.08
    date_error: float = 0.02
    missing_field: float = 0.1
    changed_identity: float = 0.0
    duplicate: float = 0.02
    removal_error: float = 0.0
    destination_error: float = 0.0


#: Three lists: Ukrainian official records, Russian-sourced records (Russian forms,
#: changed identities), and an NGO list compiled from families' reports (romanised).
DEFAULT_PROFILES: tuple[ListProfile, ...] = (
    ListProfile(capture=0.45, russian_forms=0.05, latin=0.05),
    ListProfile(capture=0.35, russian_forms=0.8, latin=0.1, changed_identity=0.03, partial_birth=0.12),
    ListProfile(capture=0.3, russian_forms=0.2, latin=0.4, typo=0.06),
)


@dataclass(frozen=True)
class SyntheticLinkageData:
    """SYNTHETIC lists and their ground truth.

    Attributes
    ----------
    lists : mapping list name -> raw list in the input schema (see :mod:`.schema`).
    truth : DataFrame ``list, record_id, person_id, list_index, changed_identity``: which
        child each record is, and whether the record carries a changed identity.
    population : DataFrame of the true children (``person_id`` and attributes).
    n_true : true number of children N.
    seed : the seed that generated everything.
    label : always ``"synthetic"``.
    """

    lists: dict[str, pd.DataFrame]
    truth: pd.DataFrame
    population: pd.DataFrame
    n_true: int
    seed: int
    label: str = field(default=LABEL)

    def true_histories(self, strata: str | None = None) -> CaptureHistories:
        """The capture histories of a perfect linkage (one row per observed child)."""
        names = list(self.lists)
        t = self.truth.drop_duplicates(["list", "person_id"])
        wide = pd.crosstab(t["person_id"], t["list"]).reindex(columns=names, fill_value=0).clip(upper=1)
        if strata is not None:
            wide[strata] = self.population.set_index("person_id").loc[wide.index, strata].to_numpy()
        return CaptureHistories.from_records(
            wide.reset_index(drop=True), lists=names, strata=[strata] if strata else None, source=LABEL
        )

    def write(self, directory: str | Path) -> list[Path]:
        """Write one CSV per list into ``directory``; returns the paths (list order)."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, frame in self.lists.items():
            p = d / f"{name}.csv"
            frame.to_csv(p, index=False)
            paths.append(p)
        return paths


#: The generator's pool of given names: the 57 groups the name table held when the
#: generator was written, so that its lists stay the same as forms and groups are added
#: to the table (the linkage model reads the whole table).
_NAME_POOL = frozenset((
    "oleksandr mykola volodymyr petro andrii dmytro ivan serhii oleksii mykhailo vasyl yurii viktor pavlo maksym "
    "artem denys bohdan yevhen ihor hryhorii stepan illia kyrylo danylo roman yaroslav matvii tymofii oleh "
    "vladyslav olena nataliia iryna oksana tetiana mariia anna yuliia kateryna olha sofiia anastasiia viktoriia "
    "daryna polina alina khrystyna valentyna liudmyla halyna svitlana veronika yelyzaveta vira nadiia liubov"
).split())


def _load_names() -> dict[str, dict[str, dict[str, str]]]:
    """group -> language -> name, split by sex: {"M": {...}, "F": {...}} (Ukrainian, Russian, Belarusian forms)."""
    from .. import data

    out: dict[str, dict[str, dict[str, str]]] = {"M": {}, "F": {}}
    with data.verified_path("name_equivalences.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["group"] in _NAME_POOL and row["language"] in ("uk", "ru", "be"):
                out[row["sex"]].setdefault(row["group"], {}).setdefault(row["language"], row["name"])
    return out


def _patronymic(father: str, language: str, sex: str) -> str:
    """Patronymic of a child from the father's name in that language (regular rules)."""
    f = sex == "F"
    if language == "ru":
        if father in ("Павел",):
            return "Павловна" if f else "Павлович"
        if father in ("Пётр", "Петр"):
            return "Петровна" if f else "Петрович"
        if father == "Илья":
            return "Ильинична" if f else "Ильич"
        if father.endswith("ий"):
            return father[:-2] + ("ьевна" if f else "ьевич")
        if father.endswith("й") or father.endswith("ь"):
            return father[:-1] + ("евна" if f else "евич")
        return father + ("овна" if f else "ович")
    if language == "be":
        if father.endswith("й") or father.endswith("ь"):
            base = father[:-1] if father.endswith("й") else father
            return base + ("еўна" if f else "евіч")
        if father.endswith("о"):
            return father[:-1] + ("оўна" if f else "овіч")
        return father + ("аўна" if f else "авіч")
    # Ukrainian
    if father == "Ілля":
        return "Іллівна" if f else "Ілліч"
    if father.endswith("й"):
        return father[:-1] + "ївна" if f else father + "ович"
    if father.endswith("о"):
        return father[:-1] + ("івна" if f else "ович")
    if father.endswith("а"):
        return father[:-1] + ("аївна" if f else "айович")
    if father.endswith("ь"):
        return father[:-1] + "івна" if f else father + "ович"
    return father + ("івна" if f else "ович")


def _russify(text: str) -> str:
    """Russian spelling of a Ukrainian family or place name (regular correspondences)."""
    t = text
    for a, b in (("ський", "ский"), ("цький", "цкий"), ("ій", "ий"), ("ї", "и"), ("є", "е"), ("ґ", "г"), ("'", "ь")):
        t = t.replace(a, b)
    return t.replace("і", "и")


def _feminine(surname: str, sex: str) -> str:
    if sex != "F":
        return surname
    if surname.endswith("ський"):
        return surname[:-5] + "ська"
    if surname.endswith("ский"):
        return surname[:-4] + "ская"
    if surname.endswith("ов") or surname.endswith("ев") or surname.endswith("ин"):
        return surname + "а"
    return surname


class _Recorder:
    """Renders one child's attributes as one list records them (with errors)."""

    def __init__(self, rng: np.random.Generator, names: dict[str, dict[str, dict[str, str]]]) -> None:
        self.rng = rng
        self.names = names

    def _typo(self, text: str, p: float) -> str:
        rng = self.rng
        if not text or rng.random() >= p:
            return text
        alphabet = _UK_LETTERS if any("\u0400" <= c <= "\u04ff" for c in text) else _LATIN_LETTERS
        i = int(rng.integers(0, len(text)))
        kind = int(rng.integers(0, 4))
        ch = alphabet[int(rng.integers(0, len(alphabet)))]
        if kind == 0:
            out = text[:i] + ch + text[i + 1:]
        elif kind == 1 and len(text) > 3:
            out = text[:i] + text[i + 1:]
        elif kind == 2:
            out = text[:i] + ch + text[i:]
        else:
            j = min(i + 1, len(text) - 1)
            chars = list(text)
            chars[i], chars[j] = chars[j], chars[i]
            out = "".join(chars)
        if i == 0 and out:
            out = out[0].upper() + out[1:]
        return out

    def _latin(self, text: str, language: str) -> str:
        words = transliterate(text, language).split(" ")
        out = []
        for w in words:
            for a, b in _ROMANISATION_VARIANTS:
                if a in w and self.rng.random() < 0.3:
                    w = w.replace(a, b)
            out.append(w.capitalize())
        return " ".join(out)

    def record(self, child: dict[str, object], profile: ListProfile) -> tuple[dict[str, str], bool]:
        """One record of ``child`` and whether its identity was changed (re-registered)."""
        rng = self.rng
        sex = str(child["sex"])
        u = rng.random()
        lang = "ru" if u < profile.russian_forms else ("be" if u < profile.russian_forms + profile.belarusian_forms else "uk")
        latin = rng.random() < profile.latin
        given_group, father_group = str(child["given"]), str(child["father"])
        surname_uk = str(child["family"])
        settlement = str(child["settlement"])
        changed = bool(rng.random() < profile.changed_identity)
        if changed:
            groups = list(self.names[sex])
            given_group = groups[int(rng.integers(0, len(groups)))]
            fathers = list(self.names["M"])
            father_group = fathers[int(rng.integers(0, len(fathers)))]
            surname_uk = _SURNAME_STEMS[int(rng.integers(0, len(_SURNAME_STEMS)))] + "ов"
            settlement = _RUSSIAN_TOWNS[int(rng.integers(0, len(_RUSSIAN_TOWNS)))]
            lang, latin = "ru", False
        forms = self.names[sex][given_group]
        given = forms.get(lang, forms["uk"])
        fforms = self.names["M"][father_group]
        father = fforms.get(lang if lang in fforms else "uk", fforms["uk"])
        patronymic = _patronymic(father, lang if lang in fforms else "uk", sex)
        family = _feminine(surname_uk if lang == "uk" else _russify(surname_uk), sex)
        place = settlement if lang == "uk" else _russify(settlement)
        script_lang = lang
        if latin:
            given, patronymic, family, place = (self._latin(x, script_lang) for x in (given, patronymic, family, place))
        given = self._typo(given, profile.typo)
        family = self._typo(family, profile.typo)
        patronymic = self._typo(patronymic, profile.typo)
        birth: datetime.date = child["birth_date"]  # type: ignore[assignment]
        if rng.random() < profile.date_error:
            if birth.day <= 12 and birth.day != birth.month and rng.random() < 0.5:
                birth = birth.replace(month=birth.day, day=birth.month)
            else:
                birth = birth + datetime.timedelta(days=int(rng.choice([-1, 1])))
        u = rng.random()
        if u < profile.missing_birth:
            birth_text = ""
        elif u < profile.missing_birth + profile.partial_birth:
            birth_text = birth.strftime("%Y-%m") if rng.random() < 0.6 else birth.strftime("%Y")
        else:
            birth_text = birth.isoformat()
        inst = str(child["institution"])
        if inst and lang != "uk":
            kind, _, number = inst.rpartition(" №")
            inst = f"{_INSTITUTION_KINDS_RU[_INSTITUTION_KINDS_UK.index(kind)]} №{number}"

        def maybe(v: str) -> str:
            return "" if rng.random() < profile.missing_field else v

        removal, destination = str(child["removal_date"]), str(child["destination"])
        # drawn only when asked for, so that the default lists stay as they were
        if profile.removal_error and rng.random() < profile.removal_error:
            if rng.random() < 0.5:
                removal = ""
            else:
                shift = int(rng.integers(1, 31)) * int(rng.choice([-1, 1]))
                removal = (datetime.date.fromisoformat(removal) + datetime.timedelta(days=shift)).isoformat()
        if profile.destination_error and rng.random() < profile.destination_error:
            destination = _DESTINATIONS[int(rng.integers(0, len(_DESTINATIONS)))] if rng.random() < 0.5 else "невідомо"

        return {
            "family_name": family,
            "given_name": given,
            "patronymic": maybe(patronymic),
            "birth_date": birth_text,
            "sex": maybe(sex),
            "origin_settlement": maybe(place),
            "origin_institution": maybe(inst),
            "removal_date": removal,
            "destination": destination,
        }, changed


def generate_lists(
    n: int = 2000,
    *,
    profiles: Sequence[ListProfile] = DEFAULT_PROFILES,
    heterogeneity: float = 0.5,
    seed: int,
    names: Sequence[str] | None = None,
) -> SyntheticLinkageData:
    """Draw a SYNTHETIC population of ``n`` children and K raw lists of them.

    Parameters
    ----------
    n : int
        True number of children N (>= 1).
    profiles : sequence of ListProfile
        One per list (K = len(profiles) >= 2): capture level and recording errors.
    heterogeneity : float, default 0.5
        Standard deviation of a per-child random effect added to every list's
        logit capture probability (shared, so it induces positive list dependence).
    seed : int
        Seed of everything (same seed, same lists).
    names : sequence of str, optional
        List names (default ``list_a``, ``list_b``, ...).

    Returns
    -------
    SyntheticLinkageData

    Examples
    --------
    >>> d = generate_lists(200, seed=1)
    >>> sorted(d.lists), d.label
    (['list_a', 'list_b', 'list_c'], 'synthetic')
    """
    if n < 1:
        raise ValueError(f"n must be >= 1; got {n}")
    if len(profiles) < 2:
        raise ValueError(f"need at least two list profiles; got {len(profiles)}")
    list_names = list(names) if names is not None else [f"list_{chr(97 + i)}" for i in range(len(profiles))]
    if len(list_names) != len(profiles):
        raise ValueError("names must have one entry per profile")
    rng = np.random.default_rng(seed)
    table = _load_names()
    groups = {s: list(table[s]) for s in ("M", "F")}
    # Zipf-like popularity of names
    weights = {s: 1.0 / np.arange(1, len(groups[s]) + 1) ** 0.7 for s in groups}
    weights = {s: w / w.sum() for s, w in weights.items()}
    sex = np.where(rng.random(n) < 0.5, "M", "F")
    given = np.array(
        [groups[s][i] for s, i in zip(sex, [int(rng.choice(len(groups[s]), p=weights[s])) for s in sex], strict=True)]
    )
    father = np.array(groups["M"])[rng.choice(len(groups["M"]), size=n, p=weights["M"])]
    stems = rng.integers(0, len(_SURNAME_STEMS), n)
    infixes = rng.integers(0, len(_SURNAME_INFIXES), n)
    suffixes = rng.integers(0, len(_SURNAME_SUFFIXES), n)
    family = np.array([_SURNAME_STEMS[a] + _SURNAME_INFIXES[i] + _SURNAME_SUFFIXES[b]
                       for a, i, b in zip(stems, infixes, suffixes, strict=True)])
    start = datetime.date(2006, 1, 1).toordinal()
    span = datetime.date(2021, 12, 31).toordinal() - start
    births = [datetime.date.fromordinal(start + int(d)) for d in rng.integers(0, span + 1, n)]
    sw = 1.0 / np.arange(1, len(_SETTLEMENTS) + 1) ** 0.8
    settlement = np.array(_SETTLEMENTS)[rng.choice(len(_SETTLEMENTS), size=n, p=sw / sw.sum())]
    in_inst = rng.random(n) < 0.4
    kinds = rng.integers(0, len(_INSTITUTION_KINDS_UK), n)
    numbers = rng.integers(1, 9, n)
    institution = np.array(
        [f"{_INSTITUTION_KINDS_UK[k]} №{m}" if flag else "" for flag, k, m in zip(in_inst, kinds, numbers, strict=True)]
    )
    r0 = datetime.date(2022, 2, 24).toordinal()
    removal = [datetime.date.fromordinal(r0 + int(d)).isoformat() for d in rng.integers(0, 600, n)]
    destination = np.array(_DESTINATIONS)[rng.integers(0, len(_DESTINATIONS), n)]
    person_id = np.arange(n)
    population = pd.DataFrame(
        {
            "person_id": person_id, "sex": sex, "given": given, "father": father, "family": family,
            "birth_date": births, "origin_settlement": settlement, "institution": institution,
            "removal_date": removal, "destination": destination,
        }
    )
    z = rng.normal(0.0, heterogeneity, n)
    recorder = _Recorder(rng, table)
    lists: dict[str, pd.DataFrame] = {}
    truth_rows: list[pd.DataFrame] = []
    for k, (name, prof) in enumerate(zip(list_names, profiles, strict=True)):
        logit = np.log(prof.capture / (1 - prof.capture)) + z
        caught = np.flatnonzero(rng.random(n) < 1 / (1 + np.exp(-logit)))
        dup = caught[rng.random(len(caught)) < prof.duplicate]
        who = np.concatenate([caught, dup])
        who = who[rng.permutation(len(who))]
        records = []
        changed_flags = []
        for i in who:
            child = {
                "sex": sex[i], "given": given[i], "father": father[i], "family": family[i],
                "birth_date": births[i], "settlement": settlement[i], "institution": institution[i],
                "removal_date": removal[i], "destination": destination[i],
            }
            record, changed = recorder.record(child, prof)
            records.append(record)
            changed_flags.append(changed)
        frame = pd.DataFrame(records)
        ids = rng.choice(10 * max(len(who), 1000), size=len(who), replace=False) + 10 ** 7
        frame.insert(0, "record_id", [f"{name[-1].upper()}{v}" for v in ids])
        lists[name] = frame
        truth_rows.append(pd.DataFrame({"list": name, "record_id": frame["record_id"], "person_id": who, "list_index": k,
                                        "changed_identity": np.array(changed_flags, dtype=bool)}))
    truth = pd.concat(truth_rows, ignore_index=True)
    return SyntheticLinkageData(lists=lists, truth=truth, population=population, n_true=n, seed=seed)


def pairwise_quality(predicted: pd.Series, true: pd.Series) -> dict[str, float]:
    """Pairwise precision and recall of a clustering against the truth.

    Parameters
    ----------
    predicted, true : Series
        Cluster label and true entity of every record (same index).

    Returns
    -------
    dict
        ``precision`` (linked pairs that are true pairs), ``recall`` (true pairs that
        are linked), ``f1``, and the pair counts ``predicted_pairs``, ``true_pairs``,
        ``correct_pairs``.
    """
    frame = pd.DataFrame({"p": predicted.to_numpy(), "t": true.to_numpy()})

    def pairs(sizes: pd.Series) -> int:
        s = sizes.to_numpy(dtype=np.int64)
        return int((s * (s - 1) // 2).sum())

    pred = pairs(frame.groupby("p").size())
    tru = pairs(frame.groupby("t").size())
    both = pairs(frame.groupby(["p", "t"]).size())
    precision = both / pred if pred else 1.0
    recall = both / tru if tru else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "predicted_pairs": pred, "true_pairs": tru,
            "correct_pairs": both}
