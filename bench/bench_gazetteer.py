"""Benchmark the settlement gazetteer: coverage on an independent alias list, and lookup speed.

**Coverage.** ``warreport_ua_settlement_aliases_e183429c.csv`` (GPL-2.0, compiled from
Wikidata, OSM and war reporting; provenance in ``data/gazetteer/README.md``) lists, for
8,610 places mostly in the frontline oblasts, the aliases under which they are written:
Ukrainian, Russian and Latin forms and former names, untagged.  It is read here at run time
only, from ``--aliases`` (default: the shared copy); nothing of it is stored in the
repository, and it was not used to build the table or to choose the fuzzy thresholds
(``bench/gazetteer_calibration.py`` did that on the build data).

The true code of an alias row is established without the gazetteer's lookup: the row's
``name`` (a romanisation of the current name) must have the skeleton of the OCHA English or
the official Ukrainian name of exactly one settlement of its oblast (``region``); other rows
are left out and counted.  Every Cyrillic (and, separately, Latin) alias of the remaining
rows is then resolved, with the oblast and without, and counted as: right (the single code
is the true one), wrong (a single other code), ambiguous with the truth among the
candidates, ambiguous without it, unknown.  "Hard" aliases are those whose skeleton differs
from the skeleton of the place's official name (Russian forms, former names): the ones a
string comparison of folded keys would miss; "towns" are the rows the source tags ``city``
or ``town``.  The same aliases are also compared with
:func:`estimators.linkage.standardise.fold_key`, the settlement key the linkage used before
the gazetteer (an alias counts as found when its key equals the key of the official name).
The aliases are noisy (the source's README says some are unrelated strings), so "wrong"
includes source errors; the script prints a sample of them.

**Speed.** Load time of the pinned table, then 100,000 lookups drawn (seeded) from the
table's own name forms (cold cache, then again warm), and 10,000 strings that are not
settlements (random letters: every one goes through the fuzzy fallback).

Run: ``PYTHONPATH=$PWD python bench/bench_gazetteer.py [--aliases PATH] [--seed 1]``; prints
markdown for ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import sys
import time
from collections import Counter
from pathlib import Path

from estimators import data
from estimators.linkage import gazetteer as gz
from estimators.linkage.standardise import fold_key

DEFAULT_ALIASES = Path("/work/shared/data/gazetteer/warreport_ua_settlement_aliases_e183429c.csv")
OUTCOMES = ("right", "wrong", "ambiguous, truth among candidates", "ambiguous, truth not among them", "unknown")


def emit(*parts: object) -> None:
    """The script's output layer: one line on stdout."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def outcome(res: gz.Resolution, truth: str) -> str:
    if res.code is not None:
        return "right" if res.code == truth else "wrong"
    if res.codes:
        return "ambiguous, truth among candidates" if truth in res.codes else "ambiguous, truth not among them"
    return "unknown"


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def coverage(path: Path, g: gz.Gazetteer, sample_seed: int) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # truth by the current name's skeleton among the OCHA English and official names of the oblast
    names: dict[tuple[str, str], set[str]] = {}
    with data.verified_path(gz.GAZETTEER_FILE).open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["form"] in ("official_uk", "ocha_en"):
                names.setdefault((r["oblast"], gz.skeleton(r["name"])), set()).add(r["katotth"])
    truth_rows: list[tuple[dict[str, str], str, tuple[str, ...]]] = []
    skipped: Counter[str] = Counter()
    for r in rows:
        area = gz.oblast_codes(r["region"])
        if area is None:
            skipped["region not read"] += 1
            continue
        codes: set[str] = set()
        for o in area:
            codes |= names.get((o, gz.skeleton(r["name"])), set())
        if len(codes) != 1:
            skipped["no settlement of that name in the oblast" if not codes else "several settlements of that name"] += 1
            continue
        truth_rows.append((r, next(iter(codes)), area))
    emit(f"alias rows: {len(rows)}; with a single true code: {len(truth_rows)}; left out: {dict(skipped)}")
    emit("")
    for script in ("cyrillic", "latin"):
        counts: dict[tuple[str, bool], Counter[str]] = {}
        baseline: Counter[tuple[str, bool]] = Counter()
        wrong_examples: list[tuple[str, str, str]] = []
        for r, truth, area in truth_rows:
            official = g.official_name(truth)
            seen: set[str] = set()
            for alias in (a.strip() for a in r["aliases"].split(";")):
                if not alias or alias in seen or is_cyrillic(alias) != (script == "cyrillic"):
                    continue
                seen.add(alias)
                hard = gz.skeleton(alias) != gz.skeleton(official)
                town = r["place"].strip() in ("city", "town")
                baseline[("hard" if hard else "all", fold_key(alias) == fold_key(official))] += 1
                for with_oblast in (True, False):
                    res = g.resolve(alias, area[0] if with_oblast else None)
                    o = outcome(res, truth)
                    for subset, member in (("all", True), ("hard only", hard), ("towns, hard only", hard and town)):
                        if member:
                            counts.setdefault((subset, with_oblast), Counter())[o] += 1
                    if with_oblast and o == "wrong":
                        wrong_examples.append((alias, official, g.official_name(res.code or "")))
        emit(f"**{script} aliases**")
        emit("")
        emit("| aliases | oblast given | n | " + " | ".join(OUTCOMES) + " |")
        emit("|---|---|---|" + "---|" * len(OUTCOMES))
        for subset in ("all", "hard only", "towns, hard only"):
            for with_oblast in (True, False):
                c = counts.get((subset, with_oblast), Counter())
                n = sum(c.values())
                cells = " | ".join(f"{c[o] / max(n, 1):.1%}" for o in OUTCOMES)
                emit(f"| {subset} | {'yes' if with_oblast else 'no'} | {n} | {cells} |")
        n_all = baseline[("all", True)] + baseline[("all", False)] + baseline[("hard", True)] + baseline[("hard", False)]
        found = baseline[("all", True)] + baseline[("hard", True)]
        n_hard = baseline[("hard", True)] + baseline[("hard", False)]
        emit("")
        emit(f"fold_key equality with the official name (the key before the gazetteer): {found / max(n_all, 1):.1%} "
             f"of all {script} aliases, {baseline[('hard', True)] / max(n_hard, 1):.1%} of the hard ones")
        rng = random.Random(sample_seed)
        sample = rng.sample(wrong_examples, min(12, len(wrong_examples)))
        emit("sample of wrong resolutions with the oblast (alias -> true / resolved): "
             + "; ".join(f"{a} -> {t} / {w}" for a, t, w in sample))
        emit("")


def speed(g_path: str | None, seed: int) -> None:
    gz.load_gazetteer.cache_clear()
    gz.Gazetteer._resolve.cache_clear()
    t0 = time.perf_counter()
    g = gz.load_gazetteer(g_path)
    load = time.perf_counter() - t0
    rng = random.Random(seed)
    with data.verified_path(gz.GAZETTEER_FILE).open(encoding="utf-8", newline="") as fh:
        forms = [r["name"] for r in csv.DictReader(fh)]
    queries = [forms[rng.randrange(len(forms))] for _ in range(100_000)]
    t0 = time.perf_counter()
    for q in queries:
        g.key(q)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for q in queries:
        g.key(q)
    warm = time.perf_counter() - t0
    letters = "абвгдежзиклмнопрстуфхцчшіїє"
    junk = ["".join(rng.choice(letters) for _ in range(rng.randint(5, 12))) for _ in range(10_000)]
    t0 = time.perf_counter()
    for q in junk:
        g.key(q)
    misses = time.perf_counter() - t0
    emit("| step | seconds |")
    emit("|---|---|")
    emit(f"| load + verify the pinned table ({g.rows} forms, {len(g.settlements)} settlements) | {load:.2f} |")
    emit(f"| 100,000 lookups of table forms ({len(set(queries))} distinct), cold cache | {cold:.2f} |")
    emit(f"| the same 100,000 again, warm cache | {warm:.2f} |")
    emit(f"| 10,000 distinct non-settlement strings (fuzzy fallback each) | {misses:.2f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aliases", type=Path, default=DEFAULT_ALIASES, help="the GPL alias file (read, never copied)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    emit(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
         f"load average {os.getloadavg()[0]:.2f}")
    emit("")
    speed(None, args.seed)
    emit("")
    if not args.aliases.exists():
        emit(f"{args.aliases} not found: coverage not measured")
        return 2
    coverage(args.aliases, gz.load_gazetteer(), args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
