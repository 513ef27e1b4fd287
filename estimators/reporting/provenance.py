"""The provenance section every report ends with.

It lists each pinned data file the report's session used, with the sha256 it was
verified against, the package version, the git commit and the seeds; nothing that
changes from one render to the next (no times, no temporary paths).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from .. import __version__, data
from .references import TableNumbers

_LIBRARIES = ("numpy", "scipy", "pandas", "pymc", "arviz", "matplotlib")


def project_root() -> Path:
    """The directory that holds the ``estimators`` package (the repository root)."""
    return Path(__file__).resolve().parent.parent.parent


def git_commit(root: Path | None = None) -> str:
    """The git commit of the checkout, marked if tracked files have uncommitted changes.

    Parameters
    ----------
    root : Path, optional
        Directory inside the checkout; default :func:`project_root`.

    Returns
    -------
    str
        ``"<40 hex digits>"``, ``"<40 hex digits> + uncommitted changes"`` or
        ``"not a git checkout"``.  Untracked files (e.g. rendered output) do not count.
    """
    root = root or project_root()
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=False)
        if head.returncode != 0:
            return "not a git checkout"
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                                capture_output=True, text=True, check=False)
    except OSError:
        return "not a git checkout"
    commit = head.stdout.strip()
    return f"{commit} + uncommitted changes" if status.stdout.strip() else commit


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def provenance_markdown(
    seeds: Mapping[str, int] | None = None, *, heading: str = "## Provenance", tables: TableNumbers | None = None,
) -> str:
    """Markdown of the provenance section: data files with sha256, version, commit, seeds.

    Call it in a report's last cell, after everything that reads data, e.g.
    ``display(Markdown(provenance_markdown({"bootstrap": SEED})))``.  The data files
    listed are those verified (``estimators.data.verified_path``) in this Python
    session, in first-use order; the renderer also verifies every pinned file before
    the report runs.

    Parameters
    ----------
    seeds : mapping of str to int, optional
        Every seed the report used, by what it seeded.
    heading : str, default "## Provenance"
        The section heading (markdown); empty for none.
    tables : TableNumbers, optional
        The report's table numbers: the table of data files is then numbered like every
        other table (label ``"provenance"``).

    Returns
    -------
    str
        Markdown: the heading, a table of data files and sha256, then a list of the
        package version, git commit, library versions and seeds.

    Examples
    --------
    >>> text = provenance_markdown({"bootstrap": 1})
    >>> "- Seeds: `bootstrap` = 1" in text and "- Package: removals" in text
    True
    """
    used = data.used_files()
    lines = [heading, ""] if heading else []
    if used:
        lines += ["| Data file | sha256 |", "|:--------------------|:----------------------------------------|"]
        lines += [f"| `{name}` | `{sha}` |" for name, sha in used.items()]
        caption = "Pinned data files used, each verified against `data/manifest.json` before use."
        lines += ["", ": " + (tables.caption("provenance", caption) if tables is not None else caption)]
    else:
        lines += ["No pinned data file was read."]
    where = "`$REMOVALS_DATA_DIR`" if data.data_dir().resolve() != (project_root() / "data").resolve() else "`data/`"
    seed_text = ", ".join(f"`{k}` = {int(v)}" for k, v in (seeds or {}).items()) or "none"
    python = ".".join(str(x) for x in sys.version_info[:3])
    libraries = ", ".join(f"{name} {_version(name)}" for name in _LIBRARIES)
    lines += [
        "",
        f"- Data directory: {where}",
        f"- Package: removals {__version__}",
        f"- Git commit: `{git_commit()}`",
        f"- Python {python}; {libraries}",
        f"- Seeds: {seed_text}",
    ]
    return "\n".join(lines) + "\n"
