"""How the gazetteer's fuzzy fallback was calibrated (threshold and margin), on the build data only.

The fuzzy fallback of :mod:`estimators.linkage.gazetteer` must resolve forms the table does
not hold (a Russian spelling of a village, a romanisation) and must not resolve a place the
table does not hold to a look-alike.  Both are measured here on data the evaluation in
``bench/bench_gazetteer.py`` does not use (the GPL alias file is not read):

* **held-out forms** (should resolve): the GeoNames forms of the table (``russian``,
  ``geonames_alt``: Cyrillic; ``latin``) are removed from a copy of the table and looked up
  in it, with the town's oblast and without.  Forms whose skeleton is still in the reduced
  table are skipped (the exact step resolves them; only the fuzzy step is calibrated).
* **held-out settlements** (should *not* resolve): a seeded random 5% of the settlements are
  removed with all their forms, and their official names are looked up with their oblast
  (all categories) and without it (cities only).  Names whose skeleton still exists
  in the reduced table (another settlement of the same name) are skipped.

For every (threshold, margin) of a grid it prints the share resolved correctly, resolved
wrongly, and left unresolved.  The defaults (``FUZZY_THRESHOLD`` 0.85, ``FUZZY_MARGIN``
0.03) are the point where a lower threshold or margin adds under two points of right
resolutions of Cyrillic forms while the wrong resolutions of absent places rise; at it,
about 0.5% of the held-out Cyrillic forms and 1.3% (9 of 705) of the absent places are
resolved wrongly with the oblast given.  The full table is in ``bench/RESULTS.md``.

Run: ``PYTHONPATH=$PWD python bench/gazetteer_calibration.py [--seed 1]`` (about a minute).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter

from estimators import data
from estimators.linkage.gazetteer import CITY_CATEGORIES, GAZETTEER_FILE, Gazetteer, skeleton

THRESHOLDS = (0.0, 0.70, 0.75, 0.80, 0.85, 0.88, 0.90)
MARGINS = (0.0, 0.02, 0.03, 0.05)


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--table", help="a table in the pinned format (default: the pinned, verified file)")
    ap.add_argument("--holdout", type=float, default=0.05, help="share of settlements held out (default 0.05)")
    args = ap.parse_args(argv)
    path = args.table or data.verified_path(GAZETTEER_FILE)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))

    # 1. held-out forms: the table without its GeoNames forms
    base = [r for r in rows if not r["source"].startswith("gn")]
    base_keys = {skeleton(r["name"]) for r in base}
    forms = [r for r in rows if r["source"].startswith("gn") and skeleton(r["name"]) not in base_keys]
    emit(f"held-out GeoNames forms whose skeleton is not in the rest of the table: {len(forms)} "
         f"({dict(Counter(r['form'] for r in forms))})")

    # 2. held-out settlements
    rng = random.Random(args.seed)
    codes = sorted({r["katotth"] for r in rows})
    held = set(rng.sample(codes, int(len(codes) * args.holdout)))
    kept = [r for r in rows if r["katotth"] not in held]
    kept_keys = {skeleton(r["name"]) for r in kept}
    absent = [r for r in rows if r["katotth"] in held and r["form"] == "official_uk"
              and skeleton(r["name"]) not in kept_keys]
    emit(f"held-out settlements: {len(held)}; official names with no namesake left: {len(absent)} "
         f"(cities among them: {sum(r['category'] in CITY_CATEGORIES for r in absent)})")

    emit("")
    cyrillic = [r for r in forms if r["form"] in ("russian", "geonames_alt")]
    latin = [r for r in forms if r["form"] not in ("russian", "geonames_alt")]
    emit("| threshold | margin | Cyrillic forms, oblast given: right / wrong / none | Cyrillic forms, no oblast "
         "| Latin forms, oblast given | absent places, oblast given: wrong | absent places, no oblast: wrong |")
    emit("|---|---|---|---|---|---|---|")
    g_forms = Gazetteer(base)
    g_absent = Gazetteer(kept)
    for t in THRESHOLDS:
        for m in MARGINS:
            for g in (g_forms, g_absent):
                g.threshold, g.margin = t, m
            Gazetteer._resolve.cache_clear()
            cells = []
            for subset, with_oblast in ((cyrillic, True), (cyrillic, False), (latin, True)):
                c: Counter[str] = Counter()
                for r in subset:
                    code = g_forms.key(r["name"], r["oblast"] if with_oblast else None)
                    c["right" if code == r["katotth"] else ("none" if code is None else "wrong")] += 1
                n = max(len(subset), 1)
                cells.append(f"{c['right'] / n:.1%} / {c['wrong'] / n:.1%} / {c['none'] / n:.1%}")
            for with_oblast in (True, False):
                wrong = sum(g_absent.key(r["name"], r["oblast"] if with_oblast else None) is not None for r in absent)
                cells.append(f"{wrong / max(len(absent), 1):.1%} ({wrong})")
            emit(f"| {t:.2f} | {m:.2f} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
