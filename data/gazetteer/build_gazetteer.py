"""Build ``data/gazetteer/settlements.csv``: every Ukrainian settlement's code and name forms.

Run (from the repository root, with the package importable)::

    PYTHONPATH=$PWD python data/gazetteer/build_gazetteer.py [--src DIR] [--out FILE]

``--src`` is the directory of source files described in ``data/gazetteer/README.md``
(default ``/work/shared/data/gazetteer``); ``--out`` defaults to
``data/gazetteer/settlements.csv`` beside this script.  The output is deterministic
(rows sorted, no timestamps): the same inputs give the same bytes, so its sha256 in
``data/manifest.json`` pins it.  Counts of every step go to stdout.

Inputs used (provenance and licences in the README):

1. ``katotth_kodifikator_2025-05-16.csv`` - the national classifier KATOTTH: every
   settlement (categories M city, X selyshche, C village, K city with special status)
   with its code and official Ukrainian name -> form ``official_uk``.  Cross-checked
   against ``katotth_settlements_flat_2025-05-16.csv`` (derived from it).
2. ``ocha_settlements_en_uk_pcodes.csv`` - OCHA/ActivityInfo English names, joined on the
   p-code (= the first 12 characters of the KATOTTH code) -> ``ocha_en``.
3. ``katotth_name_changes_vs_ocha2024.csv`` - codes whose 2024 OCHA Ukrainian name differs
   from KATOTTH 2025 (mostly the 2024 renames): the OCHA name -> ``former`` (Ukrainian)
   and ``former_en`` (its OCHA English form).
4. ``geonames_cities15000_UA_2022-02-23.tsv`` and ``geonames_cities5000_UA_2018-01-15.tsv``
   (GeoNames, CC BY 4.0), united by ``geonameid``, and ``geonames_admin1_UA.tsv`` -> the
   alternate names of towns: ``russian``, ``geonames_alt``, ``latin``, ``former_en``.

5. ``renames_2016.csv`` (beside this script, in the repository): a hand table of 2016
   decommunisation renames of towns, one row per rename with the news report or act text
   that states it (URL, date, draft or resolution number as the source gives it); only rows
   marked ``verified=true`` are used -> ``former`` (Cyrillic) or ``former_en`` (Latin).
   Each row is joined on its current name, category and oblast, and must match exactly one
   KATOTTH settlement (else the build stops).

The GPL-2.0 file ``warreport_ua_settlement_aliases_e183429c.csv`` is **not** read here (its
rows must not enter the repository); ``bench/bench_gazetteer.py`` uses it at run time as an
independent check of coverage.

GeoNames join rule (a GeoNames town has no KATOTTH code and KATOTTH has no coordinates):

* oblast: GeoNames ``admin1_code`` -> KATOTTH oblast (table ``ADMIN1_TO_OBLAST`` below;
  Kyiv city is read with Kyiv oblast and Sevastopol with Crimea);
* tier A: the row's primary Latin names (``name``, ``asciiname``; of the 2022 file when the
  town is in it, else of the 2018 file) whose skeleton (:func:`estimators.linkage.gazetteer.skeleton`)
  equals the skeleton of the OCHA English name or of the official Ukrainian name of a
  settlement in that oblast;
* tier B (only if tier A found nothing): the row's Cyrillic names equal (after NFKC, case
  folding and apostrophe unification) to the official or the 2024 OCHA Ukrainian name of a
  settlement in that oblast;
* among the settlements found, cities (M, K) are taken before selyshches (X) before
  villages (C) - every GeoNames row here is a place of 5,000 people or more;
* exactly one settlement at the best category -> joined; none or several -> the row is
  **dropped** (listed in the build output), never guessed.

Alternate names kept for a joined town: Latin script, or Cyrillic in the Ukrainian,
Russian and Belarusian alphabets only; no airport or
other codes (all capitals, up to four letters), no romanisations of Chinese, Korean or
Japanese (three or more words of at most four letters), no language names that GeoNames
lists by mistake (``hindi``, ``kartuli``, ``hayeren``), nothing with digits.  A name whose
skeleton is the skeleton of the official or OCHA name of *another* settlement of the same
oblast is dropped: the names are not dated, and such a name is far more often the other
place's current name than a historic name of the town (``Олексіївка`` is a historic name of
Chystiakove and the name of several villages of Donetsk oblast).  Cyrillic names with a
letter only Russian uses (``ы э ъ ё``) and none only Ukrainian or Belarusian uses
(``і ї є ґ ў``) -> ``russian``; other Cyrillic -> ``geonames_alt`` (Ukrainian variants,
Russian forms without such letters such as ``Артемовск``, former names, Belarusian forms:
GeoNames does not tag them); Latin -> ``latin``, except the 2018 primary name of a town
whose 2022 primary name differs -> ``former_en``.

No Russian form is *derived* from an official name: the Ukrainian ``і`` stands for Russian
``и`` (Кіровоград / Кировоград), ``е`` (Сніжне / Снежное) or ``о`` (Харків / Харьков), and
endings differ (``-е`` / ``-ое``, ``-івка`` / ``-овка`` or ``-евка``), so no letter rule is
safe.  The lookup's consonant-skeleton fuzzy match covers these differences instead, and
``bench/bench_gazetteer.py`` measures how well.  No transliteration is stored either: the
lookup computes the skeleton of every Cyrillic name itself.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from estimators.linkage.gazetteer import oblast_codes, skeleton

HERE = Path(__file__).resolve().parent
DEFAULT_SRC = Path("/work/shared/data/gazetteer")
KODIFIKATOR = "katotth_kodifikator_2025-05-16.csv"
FLAT = "katotth_settlements_flat_2025-05-16.csv"
OCHA = "ocha_settlements_en_uk_pcodes.csv"
CHANGES = "katotth_name_changes_vs_ocha2024.csv"
GEONAMES_2022 = "geonames_cities15000_UA_2022-02-23.tsv"
GEONAMES_2018 = "geonames_cities5000_UA_2018-01-15.tsv"
ADMIN1 = "geonames_admin1_UA.tsv"
HAND = "renames_2016.csv"

SETTLEMENT_CATEGORIES = ("M", "X", "C", "K")
COLUMNS = ("katotth", "category", "oblast", "name", "form", "source")
FORM_ORDER = ("official_uk", "former", "ocha_en", "former_en", "russian", "geonames_alt", "latin")

#: GeoNames admin1 code -> KATOTTH oblast prefix (by the names in geonames_admin1_UA.tsv).
ADMIN1_TO_OBLAST = {
    "01": "UA71", "02": "UA74", "03": "UA73", "04": "UA12", "05": "UA14", "06": "UA26", "07": "UA63",
    "08": "UA65", "09": "UA68", "10": "UA35", "11": "UA01", "12": "UA80", "13": "UA32", "14": "UA44",
    "15": "UA46", "16": "UA48", "17": "UA51", "18": "UA53", "19": "UA56", "20": "UA85", "21": "UA59",
    "22": "UA61", "23": "UA05", "24": "UA07", "25": "UA21", "26": "UA23", "27": "UA18",
}
AREA = {"UA80": ("UA80", "UA32"), "UA32": ("UA32", "UA80"), "UA85": ("UA85", "UA01"), "UA01": ("UA01", "UA85")}
CATEGORY_RANK = {"M": 0, "K": 0, "X": 1, "C": 2}
SAME_TOWN_KM = 5.0
VERBOSE = False
#: Letters of the Ukrainian, Russian and Belarusian alphabets (other Cyrillic alphabets -
#: Serbian, Tatar, Bashkir - are not kept), with the marks that occur inside names.
EAST_SLAVIC = frozenset("абвгґдеєёжзиіїйклмнопрстуўфхцчшщъыьэюя" + " -'’ʼ.")
JUNK_LATIN = frozenset({"hindi", "kartuli", "hayeren"})
_APOSTROPHES = "'’ʼ`´‘ʹ"


def emit(*parts: object) -> None:
    """The script's output: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")


def norm_uk(text: str) -> str:
    """NFKC, case-folded, apostrophes unified, hyphens and spaces collapsed (for exact joins)."""
    t = unicodedata.normalize("NFKC", text).casefold()
    for ch in _APOSTROPHES:
        t = t.replace(ch, "'")
    return " ".join(t.replace("-", " ").split())


def script_of(text: str) -> str | None:
    """``"cyrillic"``, ``"latin"`` or None (another script, digits, or a mixture)."""
    letters = [c for c in unicodedata.normalize("NFKC", text) if c.isalpha()]
    if not letters or any(c.isdigit() for c in text):
        return None
    if all("\u0400" <= c <= "\u04ff" for c in letters):
        return "cyrillic"
    if all(unicodedata.name(c, "").startswith("LATIN") for c in letters):
        return "latin"
    return None


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


# --------------------------------------------------------------------------- KATOTTH
def read_katotth(src: Path) -> dict[str, dict[str, str]]:
    """Settlements of the classifier: code -> {category, oblast, name}."""
    out: dict[str, dict[str, str]] = {}
    with (src / KODIFIKATOR).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        header = next(reader)
        if len(header) != 7:
            raise SystemExit(f"{KODIFIKATOR}: expected 7 columns, found {len(header)}")
        for line, row in enumerate(reader, start=2):
            category, name = row[5].strip(), row[6].strip()
            if category not in SETTLEMENT_CATEGORIES:
                continue
            code = next((c for c in reversed(row[:4]) if c.strip()), "").strip()
            if not re.fullmatch(r"UA\d{17}", code):
                raise SystemExit(f"{KODIFIKATOR}: line {line}: no settlement code in the four level columns")
            out[code] = {"category": category, "oblast": code[:4], "name": name}
    flat = {r["katotth"]: r for r in read_csv(src / FLAT) if r["category"] in SETTLEMENT_CATEGORIES}
    if set(flat) != set(out):
        raise SystemExit(f"{FLAT} and {KODIFIKATOR} list different settlements")
    bad = [c for c, r in flat.items() if r["name_uk"].strip() != out[c]["name"] or r["category"] != out[c]["category"]]
    if bad:
        raise SystemExit(f"{FLAT}: {len(bad)} settlements differ from {KODIFIKATOR} in name or category")
    return out


def read_oblasts(src: Path) -> list[dict[str, str]]:
    """Oblasts (category O) and the two cities with special status (K): name and code prefix."""
    out = []
    with (src / KODIFIKATOR).open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh, delimiter=";"):
            if row[5].strip() in ("O", "K") and row[0].startswith("UA"):
                out.append({"name": row[6].strip(), "oblast": row[0][:4]})
    return out


# --------------------------------------------------------------------------- GeoNames
@dataclass
class Town:
    """A GeoNames town, united over the two dumps by geonameid."""

    admin1: str
    coord: tuple[float, float]
    primary: dict[int, tuple[str, str]] = field(default_factory=dict)  # year -> (name, asciiname)
    names: list[str] = field(default_factory=list)
    admin1_conflict: bool = False

    @property
    def current(self) -> tuple[str, str]:
        """Primary names of the newest dump that has the town."""
        return self.primary.get(2022) or self.primary[2018]


def read_geonames(src: Path) -> dict[str, Town]:
    """Towns by geonameid: admin1, primary names per dump and all names."""
    towns: dict[str, Town] = {}
    for file, year in ((GEONAMES_2022, 2022), (GEONAMES_2018, 2018)):
        for r in read_csv(src / file, delimiter="\t"):
            if r["country_code"] != "UA" or r["feature_class"] != "P":
                continue
            t = towns.setdefault(r["geonameid"], Town(r["admin1_code"], (float(r["latitude"]), float(r["longitude"]))))
            t.primary[year] = (r["name"], r["asciiname"])
            names = [r["name"], r["asciiname"], *(a for a in r["alternatenames"].split(",") if a)]
            t.names.extend(n.strip() for n in names if n.strip())
            t.admin1_conflict |= t.admin1 != r["admin1_code"]
    return towns


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine, Earth radius 6371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def keep_alias(name: str) -> str | None:
    """The script of an alternate name worth keeping, or None (see the module docstring)."""
    script = script_of(name)
    if script is None or "(" in name or ")" in name:
        return None
    if script == "cyrillic" and not set(name.casefold()) <= EAST_SLAVIC:
        return None
    if script == "latin":
        if len(name) <= 4 and name.isupper():
            return None
        words = name.split()
        if len(words) >= 3 and all(len(w) <= 4 for w in words):
            return None
        if name.casefold() in JUNK_LATIN:
            return None
    return script


def cyrillic_form(name: str) -> str:
    t = name.casefold()
    if any(c in t for c in "ыэъё") and not any(c in t for c in "іїєґў"):
        return "russian"
    return "geonames_alt"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC, help="directory of the source files")
    ap.add_argument("--out", type=Path, default=HERE / "settlements.csv")
    args = ap.parse_args(argv)
    src: Path = args.src
    for f in (KODIFIKATOR, FLAT, OCHA, CHANGES, GEONAMES_2022, GEONAMES_2018, ADMIN1):
        if not (src / f).exists():
            emit(f"missing source file {src / f}")
            return 2
    admin = {r["code"]: r["asciiname"] for r in read_csv(src / ADMIN1, delimiter="\t")}
    for code, oblast in ADMIN1_TO_OBLAST.items():  # the hand table agrees with the lookup's oblast reader
        area = oblast_codes(admin[f"UA.{code}"].replace(" City", ""))
        if area is None or oblast not in area:
            raise SystemExit(f"admin1 {code} ({admin[f'UA.{code}']}) does not read as {oblast}")

    settlements = read_katotth(src)
    emit("KATOTTH settlements (M, X, C, K):", len(settlements), dict(Counter(s["category"] for s in settlements.values())))
    rows: list[tuple[str, str, str]] = []  # (code, name, form); the source is in source_of
    source_of: dict[tuple[str, str, str], str] = {}

    def add(code: str, name: str, form: str, source: str) -> None:
        name = " ".join(unicodedata.normalize("NFC", name).split())
        if name:
            item = (code, name, form)
            if item not in source_of:
                rows.append(item)
                source_of[item] = source
            elif source not in source_of[item].split("|"):
                source_of[item] += "|" + source

    for code, st in settlements.items():
        add(code, st["name"], "official_uk", "katotth")

    # OCHA English names and the 2024 renames
    by_pcode = {c[:12]: c for c in settlements}  # K too: OCHA lists Kyiv and Sevastopol as UA8000000000, UA8500000000
    ocha = read_csv(src / OCHA)
    changes = {r["katotth"]: r for r in read_csv(src / CHANGES)}
    unmatched = 0
    for r in ocha:
        pcode = by_pcode.get(r["ocha_pcode"])
        if pcode is None:
            unmatched += 1
            continue
        add(pcode, r["name_en"], "former_en" if pcode in changes else "ocha_en", "ocha")
    emit("OCHA rows:", len(ocha), "joined:", len(ocha) - unmatched, "p-code not in KATOTTH 2025:", unmatched)
    for code, r in changes.items():
        if code not in settlements:
            raise SystemExit(f"{CHANGES}: {code} is not a KATOTTH 2025 settlement")
        add(code, r["name_uk_ocha_2024"], "former", "ocha_changes")
    emit("2024 name changes (former names):", len(changes))

    # name indexes per oblast, for the GeoNames join and the collision rule
    official_sk: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    uk_exact: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for code, name, form in rows:
        obl = settlements[code]["oblast"]
        official_sk[obl][skeleton(name)].add(code)
        if form in ("official_uk", "former"):
            uk_exact[obl][norm_uk(name)].add(code)

    def in_area(index: dict[str, dict[str, set[str]]], oblast: str, key: str) -> set[str]:
        found: set[str] = set()
        for o in AREA.get(oblast, (oblast,)):
            found |= index[o].get(key, set())
        return found

    def best_category(codes: set[str]) -> set[str]:
        if not codes:
            return codes
        top = min(CATEGORY_RANK[settlements[c]["category"]] for c in codes)
        return {c for c in codes if CATEGORY_RANK[settlements[c]["category"]] == top}

    # the hand table of 2016 renames, each row with its source (see the README); added after
    # the name indexes, which join GeoNames on KATOTTH and OCHA names only
    oblast_by_name = {o["name"]: o["oblast"] for o in read_oblasts(src)}
    hand = read_csv(HERE / HAND)
    for i, r in enumerate(hand, start=2):
        if r["verified"] != "true":
            continue
        hand_oblast = oblast_by_name.get(r["oblast_uk"])
        hits = [c for c, st in settlements.items() if st["oblast"] == hand_oblast and st["category"] == r["category"]
                and norm_uk(st["name"]) == norm_uk(r["current_uk"])]
        if len(hits) != 1:
            raise SystemExit(f"{HAND}: line {i}: {len(hits)} settlements match current_uk, category and oblast_uk")
        add(hits[0], r["former"], "former" if script_of(r["former"]) == "cyrillic" else "former_en", "renames_2016")
    emit("2016 renames (hand table, verified rows):", sum(r["verified"] == "true" for r in hand), "of", len(hand))

    towns = read_geonames(src)
    joined: dict[str, str] = {}
    dropped: list[tuple[str, str, str]] = []
    tiers: Counter[str] = Counter()
    for gid, t in sorted(towns.items()):
        label = t.current[0]
        town_oblast = ADMIN1_TO_OBLAST.get(t.admin1)
        if town_oblast is None or t.admin1_conflict:
            dropped.append((gid, label, "admin1 code unknown or differs between the files"))
            continue
        oblast = town_oblast
        found_a: set[str] = set()
        for n in t.current:
            found_a |= in_area(official_sk, oblast, skeleton(n))
        found_b: set[str] = set()
        for n in t.names:
            if script_of(n) == "cyrillic":
                found_b |= in_area(uk_exact, oblast, norm_uk(n))
        found, tier = (found_a, "A") if found_a else (found_b, "B")
        best = best_category(found)
        if len(best) != 1:
            why = "no settlement of that name in the oblast" if not best else f"{len(best)} settlements of equal rank"
            dropped.append((gid, label, why))
            continue
        joined[gid] = next(iter(best))
        tiers[tier] += 1
    # Several GeoNames rows on one code: one town listed twice (GeoNames re-issued ids) when
    # their coordinates are within SAME_TOWN_KM; otherwise one of them is another place whose
    # own settlement was not found, and all of them are dropped.
    for code in sorted(c for c, k in Counter(joined.values()).items() if k > 1):
        gids = sorted(g for g, c in joined.items() if c == code)
        spread = max(km(towns[a].coord, towns[b].coord) for a in gids for b in gids)
        if spread <= SAME_TOWN_KM:
            emit(f"  GeoNames {', '.join(gids)} -> {code}: one town ({spread:.1f} km apart), names merged")
        else:
            for g in gids:
                del joined[g]
                dropped.append((g, code, f"shares {code} with another GeoNames town {spread:.0f} km away"))
            emit(f"  GeoNames {', '.join(gids)} -> {code}: {spread:.0f} km apart, all dropped")

    emit("GeoNames towns:", len(towns), "joined:", len(joined), dict(tiers), "dropped:", len(dropped))
    for gid, label, why in dropped:
        emit(f"  dropped geonameid {gid} {label}: {why}")
    kept: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    forms_of: dict[str, set[str]] = defaultdict(set)
    for code, name, _ in rows:
        forms_of[code].add(name)
    for gid, code in sorted(joined.items()):
        t = towns[gid]
        oblast = settlements[code]["oblast"]
        former_latin: set[str] = set()
        if 2022 in t.primary and 2018 in t.primary and skeleton(t.primary[2018][0]) != skeleton(t.primary[2022][0]):
            former_latin = set(t.primary[2018])
        # skeletons exempt from the collision rule: the town's own KATOTTH, OCHA and hand-table
        # names, and its primary names in either file (the 2018 one was in use until the 2016
        # renames, e.g. Krasnyi Lyman for Lyman)
        own = {skeleton(n) for n in forms_of[code]}
        own |= {skeleton(n) for names in t.primary.values() for n in names}
        seen: set[str] = set()
        for n in t.names:
            if n in seen:
                continue
            seen.add(n)
            script = keep_alias(n)
            if script is None:
                removed["script or junk"] += 1
                continue
            others = in_area(official_sk, oblast, skeleton(n)) - {code}
            if others and skeleton(n) not in own:
                removed["another settlement's name in the oblast"] += 1
                if VERBOSE:
                    emit("   collision:", settlements[code]["name"], "|", n, "|", sorted(settlements[o]["name"] for o in others)[:3])
                continue
            if script == "cyrillic":
                form = cyrillic_form(n)
            else:
                form = "former_en" if n in former_latin else "latin"
            add(code, n, form, f"gn{gid}")
            kept[form] += 1
    emit("GeoNames names kept:", dict(kept), "removed:", dict(removed))

    # drop a Latin or Cyrillic GeoNames variant identical (after normalisation) to a better form of the same code
    best_form: dict[tuple[str, str], str] = {}
    for code, name, form in sorted(rows, key=lambda r: FORM_ORDER.index(r[2])):
        best_form.setdefault((code, norm_uk(name)), form)
    final = [(c, n, f) for c, n, f in rows if best_form[(c, norm_uk(n))] == f]
    final.sort(key=lambda r: (r[0], FORM_ORDER.index(r[2]), r[1]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for code, name, form in final:
            st = settlements[code]
            w.writerow((code, st["category"], st["oblast"], name, form, source_of[(code, name, form)]))
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    emit("rows written:", len(final), dict(Counter(f for _, _, f in final)))
    emit("settlements:", len({c for c, _, _ in final}), "bytes:", args.out.stat().st_size, "sha256:", digest)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
