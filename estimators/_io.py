"""Writing outputs safely: atomically, never over an input, spreadsheet-safe, console-safe.

* :func:`atomic_outputs` writes one or several files as a unit: each to a temporary file
  in the same folder, renamed into place only when all are written; on any failure or
  interrupt the temporary files are removed and the previous outputs stay as they were.
* :func:`check_output_path` is the preflight of an output path, run before any work:
  the folder exists and is writable, the path is not a folder, and it is none of the
  inputs (``link --out`` must never overwrite a raw list).
* :func:`spreadsheet_safe` neutralises text cells that a spreadsheet would run as a
  formula (OWASP, "CSV Injection": a leading ``=``, ``+``, ``-``, ``@``, tab or carriage
  return gets a leading apostrophe, plain numbers excepted); :func:`write_csv` applies it
  to every CSV the package writes.
* :func:`console_safe` removes control characters (terminal escape sequences) from text
  printed on the console.

References
----------
OWASP Foundation. CSV Injection. https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .exceptions import SettingsError

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_output_path(path: str | os.PathLike[str], *, inputs: Sequence[str | os.PathLike[str]] = (),
                      what: str = "output") -> Path:
    """Preflight of an output path, before any work is done.

    Raises
    ------
    SettingsError
        If the folder does not exist or is not writable, the path is a folder, or the
        path is one of ``inputs`` (the same file, whatever the spelling).
    """
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise SettingsError(f"{what} {p} is a folder; give a file name")
    if not parent.is_dir():
        raise SettingsError(f"{what} {p}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise SettingsError(f"{what} {p}: the folder {parent} is not writable")
    if p.exists() and not os.access(p, os.W_OK):
        raise SettingsError(f"{what} {p} exists and is not writable")
    resolved = p.resolve()
    for source in inputs:
        s = Path(source)
        same = resolved == s.resolve()
        if not same and p.exists() and s.exists():
            with contextlib.suppress(OSError):
                same = os.path.samefile(p, s)
        if same:
            raise SettingsError(f"{what} {p} is also an input; refusing to overwrite it")
    return p


@contextlib.contextmanager
def atomic_outputs(paths: Sequence[str | os.PathLike[str]]) -> Iterator[list[Path]]:
    """Temporary paths for ``paths``, renamed into place together when the block succeeds.

    Each temporary file sits in its target's folder (so the rename is atomic on POSIX)
    and starts with a dot.  If the block raises (or is interrupted), every temporary
    file is removed and the targets are left untouched.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_outputs([d / "a.txt", d / "b.txt"]) as (a, b):
    ...     _ = a.write_text("1"), b.write_text("2")
    >>> sorted(p.name for p in d.iterdir())
    ['a.txt', 'b.txt']
    """
    targets = [Path(p) for p in paths]
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    temps = [t.with_name(f".{t.name}.{token}.tmp") for t in targets]
    try:
        yield temps
        for tmp, target in zip(temps, targets, strict=True):
            if not tmp.exists():
                raise RuntimeError(f"{target} was not written")
        for tmp, target in zip(temps, targets, strict=True):
            os.replace(tmp, target)
    finally:
        for tmp in temps:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would not run as a formula (OWASP); other values unchanged.

    Plain numbers written as text (``-3``, ``+1.5``) are no formula and are kept.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def write_csv(frame: Any, path: str | os.PathLike[str]) -> None:
    """Write a DataFrame as CSV with :func:`spreadsheet_safe` text cells and column names."""
    safe = frame.copy()
    safe.columns = [spreadsheet_safe(str(c)) for c in safe.columns]
    import pandas as pd

    for column in safe.columns:
        if pd.api.types.is_object_dtype(safe[column]) or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(spreadsheet_safe)
    safe.to_csv(path, index=False)


def console_safe(text: str) -> str:
    """``text`` without control characters (escape sequences), newlines and tabs kept."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
