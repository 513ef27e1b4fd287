"""Start-up of the ``removals`` command in a fresh process (issue 16, item 1).

Each command runs ``--repeat`` times (default 7) as a new process through the installed
console script; the median and the fastest wall time are printed, with the machine's
load.  Targets: ``--version``, ``--help``, ``methods`` and ``validate`` on a small file
under 0.3 s; ``estimate`` with a classical method under 1 s.  The first run of a command
may pay for the operating system's file cache; the median does not.

Run::

    .venv/bin/python bench/bench_startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "data" / "benchmarks" / "CARE1_HAV.csv"


def removals_command() -> list[str]:
    script = Path(sys.executable).with_name("removals")
    return [str(script)] if script.exists() else [sys.executable, "-m", "estimators.cli"]


COMMANDS: dict[str, list[str]] = {
    "--version": ["--version"],
    "--help": ["--help"],
    "methods": ["methods"],
    "validate (CARE1_HAV)": ["validate", str(SMALL)],
    "estimate --method chao (CARE1_HAV)": ["estimate", str(SMALL), "--method", "chao", "--json"],
    "estimate --method chapman (2 lists)": ["estimate", "{two_lists}", "--method", "chapman", "--json"],
}
#: A two-list file written for the run (counts of CARE1_HAV's lists P and Q).
TWO_LISTS = "P,Q,count\n1,1,49\n1,0,84\n0,1,120\n"


def time_command(args: list[str], repeat: int) -> list[float]:
    base = removals_command()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        done = subprocess.run([*base, *args], capture_output=True, text=True, check=False)
        out.append(time.perf_counter() - t0)
        if done.returncode not in (0, 3):
            raise SystemExit(f"{' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"{platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}")
    print(f"{'command':<40} {'median s':>9} {'fastest s':>9}")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        two = Path(tmp) / "two_lists.csv"
        two.write_text(TWO_LISTS, encoding="utf-8")
        for name, cmd in COMMANDS.items():
            times = time_command([c.replace("{two_lists}", str(two)) for c in cmd], args.repeat)
            print(f"{name:<40} {statistics.median(times):>9.3f} {min(times):>9.3f}")
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
