"""Run a parsed .qmd's Python cells and inline expressions in one Jupyter kernel.

The kernel is ``python3`` from ipykernel in the current environment, started in the
project root (so reports can use paths relative to it) with the current environment
variables (``REMOVALS_DATA_DIR`` included) plus ``PYTHONHASHSEED=0``.  A hidden setup
cell selects matplotlib's inline (Agg) backend, PNG figures at print resolution and PNG
metadata without a ``Software`` stamp, so that two renders give the same bytes.  Warnings
print as ``Category: message`` (without the kernel's temporary file name).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from ..exceptions import DataIntegrityError
from .errors import ReportError
from .qmd import Cell, Markdown, QmdDocument, parameter_names, split_inline

DEFAULT_DPI = 200
"""Figure resolution (dots per inch) unless the front matter gives ``fig-dpi``."""

DEFAULT_FIGSIZE = (7.0, 4.5)
"""Figure size in inches unless the front matter gives ``fig-width`` / ``fig-height``."""

_SETUP = """\
import sys as _removals_sys
if _removals_sys.prefix != {prefix!r}:
    raise RuntimeError(f"the python3 Jupyter kernel runs {{_removals_sys.executable}}, not this environment's "
                       "Python ({prefix}); remove the user-level python3 kernelspec that points elsewhere")
del _removals_sys
%matplotlib inline
%config InlineBackend.figure_formats = ["png"]
%config InlineBackend.print_figure_kwargs = {{"bbox_inches": "tight", "metadata": {{"Software": None}}}}
import matplotlib as _removals_mpl
_removals_mpl.rcParams.update({{"figure.dpi": {dpi}, "savefig.dpi": {dpi}, "figure.figsize": ({w}, {h})}})
del _removals_mpl
import warnings as _removals_warnings
_removals_warnings.formatwarning = lambda message, category, *args, **kwargs: f"{{category.__name__}}: {{message}}\\n"
del _removals_warnings
"""


@dataclass(frozen=True)
class ExecutedCell:
    """A cell and the Jupyter outputs it produced (none if not evaluated).

    Attributes
    ----------
    cell : Cell
        The parsed cell.
    outputs : tuple of dict
        nbformat v4 output dictionaries, in order.
    """

    cell: Cell
    outputs: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class ExecutedMarkdown:
    """Markdown with its inline expressions replaced by their values.

    Attributes
    ----------
    chunk : Markdown
        The parsed markdown.
    text : str
        The markdown with every `` `{python} expr` `` replaced.
    """

    chunk: Markdown
    text: str


def _figure_settings(doc: QmdDocument) -> tuple[int, float, float]:
    meta = doc.meta
    try:
        dpi = int(meta.get("fig-dpi", DEFAULT_DPI))
        width = float(meta.get("fig-width", DEFAULT_FIGSIZE[0]))
        height = float(meta.get("fig-height", DEFAULT_FIGSIZE[1]))
    except (TypeError, ValueError):
        raise ReportError("fig-dpi, fig-width and fig-height must be numbers", source=f"{doc.path}, front matter") from None
    if dpi < DEFAULT_DPI:
        raise ReportError(f"fig-dpi must be at least {DEFAULT_DPI} (print resolution); got {dpi}",
                          source=f"{doc.path}, front matter")
    return dpi, width, height


def inline_text(result: dict[str, Any]) -> str:
    """The text Quarto substitutes for an inline expression's result.

    ``text/markdown`` is inserted as is; otherwise ``text/plain``, and when that is the
    repr of a ``str`` the string itself (no quotes), as Quarto does.

    Parameters
    ----------
    result : dict
        The ``data`` mime bundle of an ``execute_result``.

    Returns
    -------
    str
        Markdown to insert.

    Examples
    --------
    >>> inline_text({"text/plain": "'2,442'"}), inline_text({"text/plain": "1234.5"})
    ('2,442', '1234.5')
    """
    if "text/markdown" in result:
        return str(result["text/markdown"]).strip()
    plain = str(result.get("text/plain", ""))
    try:
        value = ast.literal_eval(plain)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return plain
    return value if isinstance(value, str) else plain


def _failure(doc: QmdDocument, where: str, exc: CellExecutionError) -> Exception:
    if exc.ename == "DataIntegrityError":
        return DataIntegrityError(exc.evalue)
    evalue = " ".join(str(exc.evalue).split())
    return ReportError(f"{where} failed: {exc.ename}: {evalue}", source=str(doc.path))


def parameter_source(doc: QmdDocument, params: Mapping[str, Any]) -> str:
    """The cell run after the report's parameters cell: ``name = value`` for each parameter given.

    Parameters
    ----------
    doc : QmdDocument
        The parsed report.
    params : mapping of str to str, int, float or bool
        Values that replace the defaults (Quarto's ``-P name:value``).

    Returns
    -------
    str
        Python source.

    Raises
    ------
    ReportError
        If the report has no parameters cell, a name is not one of its parameters, or a
        value is not a string, number or boolean.
    """
    names = parameter_names(doc)
    if not names:
        raise ReportError("the report takes no parameters (no cell tagged parameters)", source=str(doc.path))
    unknown = [k for k in params if k not in names]
    if unknown:
        raise ReportError(f"unknown report parameter(s) {', '.join(unknown)}; parameters: {', '.join(names)}",
                          source=str(doc.path))
    lines = []
    for key, value in params.items():
        if not isinstance(value, (str, int, float, bool)) or value is None:
            raise ReportError(f"report parameter {key} must be a string, number or boolean; got {type(value).__name__}",
                              source=str(doc.path))
        lines.append(f"{key} = {value!r}")
    return "\n".join(lines)


def execute_document(
    doc: QmdDocument, *, cwd: Path, timeout: int | None = 1800, params: Mapping[str, Any] | None = None
) -> list[ExecutedMarkdown | ExecutedCell]:
    """Execute a document's cells and inline expressions in order, in one fresh kernel.

    Parameters
    ----------
    doc : QmdDocument
        The parsed report.
    cwd : Path
        Working directory of the kernel (the project root).
    timeout : int or None, default 1800
        Seconds a single cell may run; None for no limit.
    params : mapping, optional
        Parameter values, set right after the cell tagged ``parameters`` (as Quarto and
        papermill do); see :func:`parameter_source`.

    Returns
    -------
    list of ExecutedMarkdown or ExecutedCell
        One entry per chunk of ``doc``, in order.

    Raises
    ------
    ReportError
        If a cell or inline expression raises (the message names the report, the cell
        by label or number and line, and the exception), times out, or the kernel dies.
    DataIntegrityError
        If a cell raised :class:`~estimators.exceptions.DataIntegrityError`: its own
        message (a pinned data file does not match its sha256).
    """
    dpi, width, height = _figure_settings(doc)
    injected = parameter_source(doc, params) if params else None
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    client = NotebookClient(nb, kernel_name="python3", timeout=timeout, allow_errors=False,
                            record_timing=False, resources={"metadata": {"path": str(cwd)}})
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("MPLBACKEND", None)
    results: list[ExecutedMarkdown | ExecutedCell] = []

    def run(source: str, where: str) -> tuple[dict[str, Any], ...]:
        cell = nbformat.v4.new_code_cell(source)
        nb.cells.append(cell)
        try:
            client.execute_cell(cell, len(nb.cells) - 1)
        except CellExecutionError as exc:
            raise _failure(doc, where, exc) from None
        except (TimeoutError, CellTimeoutError):
            raise ReportError(f"{where} did not finish within {timeout} s", source=str(doc.path)) from None
        except DeadKernelError:
            raise ReportError(f"{where}: the Python kernel died (out of memory?)", source=str(doc.path)) from None
        return tuple(dict(o) for o in cell.outputs)

    try:
        with client.setup_kernel(cwd=str(cwd), env=env, stderr=subprocess.DEVNULL):
            run(_SETUP.format(dpi=dpi, w=width, h=height, prefix=sys.prefix), "setup cell")
            for chunk in doc.chunks:
                if isinstance(chunk, Cell):
                    outputs = run(chunk.source, chunk.name) if chunk.options["eval"] and chunk.source.strip() else ()
                    results.append(ExecutedCell(chunk, outputs))
                    if injected is not None and "parameters" in chunk.options.get("tags", []):
                        run(injected, "the injected parameters")
                    continue
                pieces: list[str] = []
                for piece, is_expr in split_inline(chunk.text):
                    if not is_expr:
                        pieces.append(piece)
                        continue
                    where = f"inline expression `{{python}} {piece}` (markdown from line {chunk.line})"
                    outputs = run(piece, where)
                    data = next((o["data"] for o in outputs if o.get("output_type") == "execute_result"), None)
                    pieces.append(inline_text(data) if data is not None else "")
                results.append(ExecutedMarkdown(chunk, "".join(pieces)))
    except RuntimeError as exc:  # the kernel could not start
        raise ReportError(f"could not start the python3 Jupyter kernel: {exc}", source=str(doc.path)) from None
    return results
