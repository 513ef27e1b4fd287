"""Ctrl-C (SIGINT) anywhere: exit 130, one line on stderr, no partial output, inputs unchanged (issue 13).

Libraries turn the KeyboardInterrupt into their own errors: DuckDB stops the query with
``RuntimeError("Query interrupted")`` and Splink wraps that in a ``SplinkException``, which
the command reported as an internal error (exit 1, a line of SQL) when Ctrl-C came during
the linkage's EM.  The command now notes the signal itself.
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from estimators import cli
from estimators.cli import validate
from estimators.linkage.synthetic import generate_lists


@pytest.fixture(autouse=True)
def python_sigint_handler():
    """Python's own SIGINT handler for each test, restored after.  A test run shares its worker
    process with other test files, and a library one of them used may leave SIGINT ignored or
    handled natively (a child process inherits an ignored SIGINT); these tests are about what the
    command does with Python's handler in place, as it is in a shell."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _default_sigint() -> None:  # in the child, before exec: SIGINT as a shell leaves it
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_an_error_raised_after_ctrl_c_is_reported_as_the_interrupt(monkeypatch, capsys, tmp_path) -> None:
    """As DuckDB does: the KeyboardInterrupt of the signal becomes another exception."""

    def query_interrupted(args):  # the subcommand
        try:
            signal.raise_signal(signal.SIGINT)
        except KeyboardInterrupt:
            raise RuntimeError("Query interrupted") from None  # no cause: only the signal tells
        raise AssertionError("SIGINT did not interrupt")

    monkeypatch.setattr(validate, "run", query_interrupted)
    (tmp_path / "h.csv").write_text("A,B,count\n1,1,3\n", encoding="utf-8")
    assert cli.main(["validate", str(tmp_path / "h.csv")]) == 130
    err = capsys.readouterr().err
    assert err == "removals: interrupted\n"
    # the handler is restored: a later command starts with Python's own
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_ordinary_error_without_ctrl_c_is_still_an_internal_error(monkeypatch, capsys, tmp_path) -> None:
    def broken(args):
        raise RuntimeError("Query failed")

    monkeypatch.setattr(validate, "run", broken)
    assert cli.main(["validate", str(tmp_path / "h.csv")]) == 1
    assert "internal error (RuntimeError)" in capsys.readouterr().err


def _sha(paths: list[Path]) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


@pytest.mark.parametrize("delay", [1.5, 5.0])
def test_ctrl_c_during_link_exits_130_with_one_line_and_no_outputs(tmp_path, delay) -> None:
    """A real process, SIGINT at two moments (reading/standardising; Splink's training)."""
    paths = [Path(p) for p in generate_lists(2000, seed=5).write(tmp_path)]
    before = _sha(paths)
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "estimators.cli", "link", *map(str, paths), "--out", str(out / "h.csv")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint,
    )
    time.sleep(delay)
    assert proc.poll() is None, "the linkage finished before the interrupt: use larger lists"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-500:]
    assert err == "removals: interrupted\n"
    assert list(out.iterdir()) == []  # no histories, no sidecar, no temporary file
    assert _sha(paths) == before
