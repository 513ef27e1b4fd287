"""Pinned data: every file under ``data/`` is listed in ``data/manifest.json`` with its
sha256, and is verified before use.

The data directory is the repository's ``data/`` (the package is installed in editable
mode from a clone) unless ``REMOVALS_DATA_DIR`` points elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._lazy import lazy_module
from ._pins import MANIFEST_SHA256
from .exceptions import DataIntegrityError
from .histories import CaptureHistories

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy_module("pandas")  # only the tables below need it

MANIFEST = "manifest.json"

# Every pinned file verified in this process, in first-use order: relative path -> sha256.
# Reports list them in their provenance section (``estimators.reporting.provenance``).
_USED: dict[str, str] = {}


def data_dir() -> Path:
    """The pinned data directory."""
    env = os.environ.get("REMOVALS_DATA_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_manifest(root: Path | None = None, *, check_pin: bool = True) -> dict[str, Any]:
    """The manifest: ``{"files": {relative path: {"sha256", "source", ...}}}``.

    Its own sha256 must equal :data:`estimators._pins.MANIFEST_SHA256` (``check_pin``),
    so that a data file changed together with its manifest entry is refused.

    Raises
    ------
    DataIntegrityError
        If the manifest is missing, not valid JSON, or not the one this package pins.
    """
    root = root or data_dir()
    path = (root / MANIFEST).resolve()
    if not path.is_file():
        raise DataIntegrityError(f"{path}: manifest not found; the pinned data cannot be verified")
    raw = path.read_bytes()
    if check_pin:
        actual = hashlib.sha256(raw).hexdigest()
        if actual != MANIFEST_SHA256:
            raise DataIntegrityError(
                f"{path}: sha256 {actual[:12]}... is not the manifest this version of the package pins "
                f"({MANIFEST_SHA256[:12]}...); the pinned data were changed - restore them")
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise DataIntegrityError(f"{path}: the manifest is not valid JSON; the pinned data cannot be verified") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise DataIntegrityError(f"{path}: the manifest has no 'files' table; the pinned data cannot be verified")
    return manifest


def verified_path(relative: str, root: Path | None = None) -> Path:
    """Path of a pinned file after checking its sha256 against the manifest.

    Raises
    ------
    DataIntegrityError
        If the file is not in the manifest, is missing, or its hash differs.
    """
    root = (root or data_dir()).resolve()
    files = load_manifest(root)["files"]
    if relative not in files:
        raise DataIntegrityError(f"{relative}: not listed in {root / MANIFEST}; refusing unpinned data")
    path = root / relative
    if not path.exists():
        raise DataIntegrityError(f"{path}: pinned file is missing")
    actual = sha256_of(path)
    expected = files[relative]["sha256"]
    if actual != expected:
        raise DataIntegrityError(
            f"{path}: sha256 mismatch (expected {expected[:12]}..., found {actual[:12]}...); "
            "the pinned file was changed - restore it or re-pin it with its provenance"
        )
    _USED.setdefault(relative, actual)
    return path


def used_files() -> dict[str, str]:
    """Pinned files verified so far in this process, in first-use order.

    Returns
    -------
    dict of str to str
        Relative path (as in the manifest) -> the sha256 it was verified against.
    """
    return dict(_USED)


def verify_all(root: Path | None = None) -> list[str]:
    """Verify every file in the manifest; return their relative paths."""
    root = root or data_dir()
    names = sorted(load_manifest(root)["files"])
    for name in names:
        verified_path(name, root)
    return names


def benchmark_names(root: Path | None = None) -> list[str]:
    """Stems of the pinned benchmark capture-history files."""
    files = load_manifest(root or data_dir())["files"]
    return sorted(
        Path(p).stem for p in files if p.startswith("benchmarks/") and p.endswith(".csv") and p.count("/") == 1
    )


def load_benchmark(name: str, *, strata: list[str] | None = None, root: Path | None = None) -> CaptureHistories:
    """A verified benchmark dataset, e.g. ``load_benchmark("SparseMSE_UKdat")``.

    Stratum columns default to those declared in the dataset's reference file.
    """
    path = verified_path(f"benchmarks/{name}.csv", root)
    if strata is None:
        if ((root or data_dir()) / f"benchmarks/reference/{name}.json").exists():
            declared = benchmark_reference(name, root).get("strata")
            strata = [declared] if isinstance(declared, str) else (list(declared) if declared else None)
    return CaptureHistories.read(path, strata=strata)


def benchmark_reference(name: str, root: Path | None = None) -> dict[str, Any]:
    """The R reference values of a benchmark (``benchmarks/reference/<name>.json``)."""
    path = verified_path(f"benchmarks/reference/{name}.json", root)
    return dict(json.loads(path.read_text(encoding="utf-8")))


def published_counts(root: Path | None = None) -> pd.DataFrame:
    """The published counts of the seed case, with source, date and definition."""
    path = verified_path("published_counts.csv", root)
    return pd.read_csv(path, dtype={"count": "int64"}, keep_default_na=False)


def belarus_sources() -> pd.DataFrame:
    """Origin, facilities and method of the two Belarus figures, keyed by ``figure_id``.

    Complements :func:`published_counts` for the Belarus report's side-by-side table;
    provenance in ``data/README.md``.
    """
    path = verified_path("belarus_sources.csv")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def coverage_grid() -> pd.DataFrame:
    """SYNTHETIC per-replicate results of the coverage grid (``estimators.studies.grid``).

    One row per (design, method, replicate), columns as
    :data:`estimators.studies.grid.COLUMNS`; provenance in ``data/README.md``.
    """
    path = verified_path("coverage_grid.csv")
    return pd.read_csv(path, dtype={"design": str, "method": str, "status": str})


def write_manifest(root: Path | None = None, sources: dict[str, str] | None = None) -> dict[str, Any]:
    """(Re)write the manifest from the files on disk (a maintainer's tool).

    Then put the new manifest's sha256 in ``estimators/_pins.py`` (``tests/test_data.py``
    says so until it is done).
    """
    root = root or data_dir()
    old = {}
    if (root / MANIFEST).exists():
        old = load_manifest(root, check_pin=False).get("files", {})
    files: dict[str, Any] = {}
    for path in sorted(root.rglob("*")):
        if path.is_dir() or path.name == MANIFEST:
            continue
        rel = path.relative_to(root).as_posix()
        entry = dict(old.get(rel, {}))
        entry["sha256"] = sha256_of(path)
        if sources and rel in sources:
            entry["source"] = sources[rel]
        entry.setdefault("source", "see data/README.md")
        files[rel] = entry
    manifest = {"description": "sha256 of every pinned data file; verified before use", "files": files}
    (root / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest
