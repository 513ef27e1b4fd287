"""Render with Quarto when a ``quarto`` executable is on PATH."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import ReportError

QUARTO_FORMATS = {"html": "html", "pdf": "typst"}
"""Quarto ``--to`` format of each output: PDF goes through Typst (Quarto's ``typst`` makes a .pdf)."""

SUFFIX = {"html": ".html", "pdf": ".pdf"}


def quarto_executable() -> str | None:
    """Path of the ``quarto`` executable on PATH, or None."""
    return shutil.which("quarto")


def quarto_command(
    quarto: str, source: Path, fmt: str, output_dir: Path, root: Path, params: Mapping[str, Any] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> list[str]:
    """The ``quarto render`` command line for one report and one output format.

    Parameters
    ----------
    quarto : str
        The executable.
    source : Path
        The .qmd file.
    fmt : {"html", "pdf"}
        Output format.
    output_dir : Path
        Directory Quarto writes into.
    root : Path
        Project root: the working directory of code execution (as in the built-in renderer).
    params : mapping, optional
        Report parameters, passed as ``-P name:value`` (booleans as ``true``/``false``).
    metadata : mapping, optional
        Front-matter overrides, passed as ``-M key:value``.

    Returns
    -------
    list of str
        The argv.
    """
    cmd = [quarto, "render", str(source), "--to", QUARTO_FORMATS[fmt], "--output-dir", str(output_dir),
           "--execute-dir", str(root), "--no-cache"]
    if fmt == "html":
        cmd += ["-M", "embed-resources:true"]
    for key, value in (params or {}).items():
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        cmd += ["-P", f"{key}:{text}"]
    for key, value in (metadata or {}).items():
        cmd += ["-M", f"{key}:{value}"]
    return cmd


def render_with_quarto(
    source: Path, *, to: Sequence[str], out_dir: Path, root: Path, quarto: str, params: Mapping[str, Any] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> list[Path]:
    """Render one report with Quarto, one format at a time, and move the outputs to ``out_dir``.

    Quarto runs in the project root with this Python as its Jupyter Python
    (``QUARTO_PYTHON``) and ``PYTHONHASHSEED=0``.

    Parameters
    ----------
    source : Path
        The .qmd file.
    to : sequence of {"html", "pdf"}
        Output formats.
    out_dir : Path
        Existing directory that receives ``<name>.html`` / ``<name>.pdf``.
    root : Path
        Project root.
    quarto : str
        The quarto executable.
    params : mapping, optional
        Report parameters (``-P name:value``).
    metadata : mapping, optional
        Front-matter overrides (``-M key:value``).

    Returns
    -------
    list of Path
        The files written, in the order of ``to``.

    Raises
    ------
    ReportError
        If quarto exits with an error or does not produce the expected file.
    """
    env = {**os.environ, "QUARTO_PYTHON": sys.executable, "PYTHONHASHSEED": "0"}
    written: list[Path] = []
    for fmt in to:
        target = out_dir / f"{source.stem}{SUFFIX[fmt]}"
        with tempfile.TemporaryDirectory(prefix="removals-quarto-") as tmp:
            cmd = quarto_command(quarto, source, fmt, Path(tmp), root, params, metadata)
            proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                lines = [x for x in (proc.stderr or proc.stdout).splitlines() if x.strip()]
                last = lines[-1].strip() if lines else "no message"
                raise ReportError(f"quarto render --to {QUARTO_FORMATS[fmt]} failed (exit {proc.returncode}): {last}",
                                  source=str(source))
            found = sorted(Path(tmp).rglob(target.name)) or [p for p in [source.with_suffix(SUFFIX[fmt])] if p.exists()]
            if not found:
                raise ReportError(f"quarto render --to {QUARTO_FORMATS[fmt]} finished but wrote no {target.name}",
                                  source=str(source))
            shutil.move(str(found[0]), target)
        written.append(target)
    return written
