"""Shared fixtures: pinned benchmark data and R reference values.

Reference values come from ``data/benchmarks/reference/<dataset>.json`` (copied from
``shared/benchmarks/reference``): each entry records the exact R call, the package
versions (Rcapture 1.4-4, SparseMSE 2.0.1, R 4.2.2) and the outputs.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path
from typing import Any

import pytest

from estimators import CaptureHistories, data
from estimators.studies.comparison import CORE_DATASETS

# Datasets named by the foundation issue, plus the other closed-population benchmarks.
CORE = list(CORE_DATASETS)
OTHERS = [
    "SparseMSE_UKdat",
    "SparseMSE_Ned",
    "SparseMSE_NewOrl_5",
    "SparseMSE_Artificial_3",
    "dga_spina_MY1997",
    "conting_spina",
    "conting_ScotPWID",
]


def load(name: str) -> CaptureHistories:
    """Benchmark data collapsed over strata (as the R references were computed)."""
    h = data.load_benchmark(name)
    return h


def reference(name: str) -> dict[str, Any]:
    return data.benchmark_reference(name)


def ref_methods(name: str, anchor: str) -> list[dict[str, Any]]:
    return [m for m in reference(name)["methods"] if m.get("anchor") == anchor and "estimate" in m]


@pytest.fixture
def rng():
    import numpy as np

    return np.random.default_rng(20231116)


def visible_text(page: str) -> str:
    """A rendered HTML page's text: no tags, scripts or styles, entities decoded, whitespace collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    body = re.sub(r"</?(?:span|a|code|strong|em)\b[^>]*>", "", body)  # inline markup: no space
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def pdf_text(path: Path) -> str:
    """The text of a PDF (pypdf, a test dependency), whitespace collapsed."""
    from pypdf import PdfReader

    return " ".join("\n".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def norm(text: str) -> str:
    """Whitespace collapsed as in ``visible_text`` (intervals join their limits with no-break spaces)."""
    return " ".join(text.split())


def render_once(tmp_path_factory: pytest.TempPathFactory, name: str) -> dict[str, Path]:
    """Render one report of ``reports/`` to HTML and PDF with the built-in renderer; paths by suffix."""
    from estimators.reporting import render_report

    out = tmp_path_factory.mktemp(f"report-{name}")
    written = render_report(name, to=("html", "pdf"), out_dir=out, engine="builtin")
    return {p.suffix.lstrip("."): p for p in written}


def check_rendered_report(paths: dict[str, Path], *, figures: int) -> None:
    """Self-contained HTML with every figure embedded, a PDF, provenance, no error printed."""
    page = paths["html"].read_text(encoding="utf-8")
    assert 'src="http' not in page and '<link href="http' not in page  # self-contained
    assert page.count('src="data:image/png;base64,') == figures  # every figure is embedded
    assert paths["pdf"].read_bytes().startswith(b"%PDF")
    text = visible_text(page)
    assert "Provenance" in text and "sha256" in text.lower()
    assert "Traceback" not in text and "Error" not in text
    # every table (the provenance's too) is numbered and captioned above its scroll box
    captions = re.findall(r'<div class="table-caption">\s*(?:<p>)?(.*?)</', page, flags=re.S)
    assert len(captions) == page.count("<table"), "a table without a caption"
    assert all(re.match(r"Table A?\d+\. ", c.strip()) for c in captions), [c[:40] for c in captions]
    # every figure says how wide it was drawn (its width on a phone is in proportion to it)
    assert len(re.findall(r'<img [^>]*style="--fig-width-in: \d+\.\d\d"', page)) == figures


def link_frames(tmp_path: Path, frames: dict[str, Any]) -> Any:
    """Write each list (name -> DataFrame) to ``tmp_path/<name>.csv`` and link them (seed 1, warnings
    silenced): the small end-to-end linkage the per-cause tests check a summary line on."""
    import warnings

    from estimators.linkage import link_lists

    paths = []
    for name, frame in frames.items():
        path = tmp_path / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8")
        paths.append(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return link_lists(paths, seed=1)
