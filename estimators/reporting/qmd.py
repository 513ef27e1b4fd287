"""Parse the subset of Quarto markdown (``.qmd``) that the built-in renderer supports.

A document is YAML front matter, markdown text, and executable ```` ```{python} ```` cells
whose leading ``#| key: value`` lines are cell options (YAML, as in Quarto).  Markdown may
hold Quarto inline expressions `` `{python} expr` ``.

Supported cell options (anything else is refused, so that a report never relies on a
feature that only one of the two rendering paths has): ``echo``, ``eval``, ``include``,
``output`` (``true``, ``false`` or ``asis``), ``warning``, ``label`` and ``fig-cap``
(``fig-alt`` is accepted too), and ``tags: [parameters]``, which marks the cell that sets a
parameterised report's defaults (Quarto's ``-P name:value`` replaces them, as papermill
does; :func:`parameter_names` lists them).  Front matter ``execute:`` sets document-wide
defaults for the same options, as in Quarto.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ReportError

CELL_OPTIONS = frozenset({"echo", "eval", "include", "output", "warning", "label", "fig-cap", "fig-alt", "tags"})
"""Cell options the built-in renderer honours."""

DEFAULT_OPTIONS: Mapping[str, Any] = {"echo": True, "eval": True, "include": True, "output": True, "warning": True}

FRONT_MATTER_KEYS = frozenset(
    {"title", "subtitle", "author", "date", "abstract", "lang", "format", "execute", "jupyter",
     "fig-dpi", "fig-width", "fig-height"}
)
"""Front-matter keys the built-in renderer knows; ``format`` and ``jupyter`` are read by Quarto only."""

_DYNAMIC_DATES = frozenset({"today", "now", "last-modified"})
_OPEN_CELL = re.compile(r"^(?P<fence>`{3,})\s*\{(?P<engine>[A-Za-z0-9_-]+)(?P<rest>[^}]*)\}\s*$")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
_OPTION = re.compile(r"^#\|\s?(?P<body>.*)$")
INLINE = re.compile(r"`\{python\}\s+(?P<expr>[^`]+?)\s*`")
"""A Quarto (>= 1.4) inline expression: `` `{python} expr` ``."""


@dataclass(frozen=True)
class Markdown:
    """A run of markdown text.

    Attributes
    ----------
    text : str
        The markdown, inline expressions still in place.
    line : int
        1-based line of the .qmd where the text starts.
    """

    text: str
    line: int


@dataclass(frozen=True)
class Cell:
    """An executable Python cell.

    Attributes
    ----------
    source : str
        The code without its ``#|`` option lines.
    options : dict
        Effective options: document defaults, then the cell's own ``#|`` options.
    number : int
        1-based number of the cell among the document's Python cells.
    line : int
        1-based line of the opening fence in the .qmd.
    """

    source: str
    options: dict[str, Any]
    number: int
    line: int

    @property
    def name(self) -> str:
        """How error messages name the cell: its label if any, else its number."""
        label = self.options.get("label")
        return f"cell '{label}' (cell {self.number}, line {self.line})" if label else f"cell {self.number} (line {self.line})"


@dataclass(frozen=True)
class QmdDocument:
    """A parsed .qmd file.

    Attributes
    ----------
    path : Path
        The source file.
    meta : dict
        The YAML front matter (empty if none).
    chunks : tuple of Markdown or Cell
        Markdown text and Python cells in document order.
    """

    path: Path
    meta: dict[str, Any]
    chunks: tuple[Markdown | Cell, ...] = field(default_factory=tuple)

    @property
    def cells(self) -> list[Cell]:
        """The Python cells, in order."""
        return [c for c in self.chunks if isinstance(c, Cell)]


def _error(path: Path, line: int | None, problem: str) -> ReportError:
    where = f"{path}, line {line}" if line else str(path)
    return ReportError(problem, source=where)


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], list[str], int]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, lines, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                raise _error(path, 1, f"front matter is not valid YAML ({exc.__class__.__name__})") from None
            if not isinstance(meta, dict):
                raise _error(path, 1, "front matter must be a YAML mapping")
            return meta, lines[i + 1 :], i + 2
    raise _error(path, 1, "front matter opened with '---' is never closed")


def _check_meta(path: Path, meta: dict[str, Any]) -> None:
    unknown = sorted(set(meta) - FRONT_MATTER_KEYS)
    if unknown:
        raise _error(path, 1, f"front matter keys {unknown} are not supported by the built-in renderer; "
                              f"supported: {sorted(FRONT_MATTER_KEYS)}")
    date = meta.get("date")
    if isinstance(date, str) and date.strip().lower() in _DYNAMIC_DATES:
        raise _error(path, 1, f"date: {date!r} would stamp the render time into the report; "
                              "give a fixed date (or none) so that two renders are identical")
    execute = meta.get("execute", {}) or {}
    if not isinstance(execute, dict):
        raise _error(path, 1, "front matter 'execute' must be a mapping of cell options")
    bad = sorted(set(execute) - (CELL_OPTIONS - {"label", "fig-cap", "fig-alt"}))
    if bad:
        raise _error(path, 1, f"execute options {bad} are not supported; supported: echo, eval, include, output, warning")


def _parse_options(path: Path, line: int, lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    option_lines: list[str] = []
    i = 0
    while i < len(lines):
        m = _OPTION.match(lines[i])
        if not m:
            break
        option_lines.append(m.group("body"))
        i += 1
    options: dict[str, Any] = {}
    if option_lines:
        try:
            loaded = yaml.safe_load("\n".join(option_lines))
        except yaml.YAMLError as exc:
            raise _error(path, line, f"cell options are not valid YAML ({exc.__class__.__name__})") from None
        if not isinstance(loaded, dict):
            raise _error(path, line, "cell options must be '#| key: value' lines")
        options = loaded
    unknown = sorted(set(options) - CELL_OPTIONS)
    if unknown:
        raise _error(path, line, f"cell options {unknown} are not supported by both renderers; "
                                 f"supported: {sorted(CELL_OPTIONS)}")
    output = options.get("output", True)
    if output not in (True, False, "asis"):
        raise _error(path, line, f"cell option output must be true, false or asis; got {output!r}")
    for key in ("echo", "eval", "include", "warning"):
        if key in options and not isinstance(options[key], bool):
            raise _error(path, line, f"cell option {key} must be true or false; got {options[key]!r}")
    for key in ("label", "fig-cap", "fig-alt"):
        if key in options and not isinstance(options[key], str):
            raise _error(path, line, f"cell option {key} must be a string; got {options[key]!r}")
    tags = options.get("tags", [])
    if not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        raise _error(path, line, f"cell option tags must be a list of strings; got {tags!r}")
    return options, lines[i:]


def parse_qmd(path: str | Path) -> QmdDocument:
    """Parse a .qmd file into front matter, markdown chunks and Python cells.

    Parameters
    ----------
    path : str or Path
        The .qmd file.

    Returns
    -------
    QmdDocument
        Front matter and chunks in document order.

    Raises
    ------
    ReportError
        If the file is missing, the front matter or a cell's options are not valid
        YAML, a cell uses an option or engine the built-in renderer does not support,
        a fence is never closed, or ``date`` is a render-time date (``today``, ``now``,
        ``last-modified``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "r.qmd"
    >>> _ = p.write_text("---\\ntitle: T\\n---\\n\\nText.\\n\\n```{python}\\n#| echo: false\\nx = 1\\n```\\n")
    >>> doc = parse_qmd(p)
    >>> doc.meta["title"], doc.cells[0].options["echo"], doc.cells[0].source
    ('T', False, 'x = 1')
    """
    path = Path(path)
    if not path.is_file():
        raise ReportError("report source not found", source=str(path))
    meta, lines, first = _split_front_matter(path, path.read_text(encoding="utf-8"))
    _check_meta(path, meta)
    defaults = {**DEFAULT_OPTIONS, **(meta.get("execute") or {})}

    chunks: list[Markdown | Cell] = []
    text: list[str] = []
    text_start = first
    other_fence: str | None = None  # inside a non-executable fenced block
    i = 0
    number = 0
    while i < len(lines):
        line = lines[i]
        lineno = first + i
        if other_fence is not None:
            text.append(line)
            if line.strip().startswith(other_fence) and line.strip().strip(other_fence[0]) == "":
                other_fence = None
            i += 1
            continue
        opened = _OPEN_CELL.match(line)
        if opened:
            if opened.group("engine") != "python":
                raise _error(path, lineno, f"only {{python}} cells are supported; got {{{opened.group('engine')}}}")
            if opened.group("rest").strip():
                raise _error(path, lineno, "write cell options as '#| key: value' lines, not in the fence braces")
            fence = opened.group("fence")
            j = i + 1
            while j < len(lines) and not (lines[j].strip().startswith(fence) and set(lines[j].strip()) == {"`"}):
                j += 1
            if j == len(lines):
                raise _error(path, lineno, f"cell opened with {fence}{{python}} is never closed")
            if text:
                chunks.append(Markdown("\n".join(text), text_start))
            options, body = _parse_options(path, lineno, lines[i + 1 : j])
            number += 1
            chunks.append(Cell("\n".join(body).strip("\n"), {**defaults, **options}, number, lineno))
            text = []
            i = j + 1
            text_start = first + i
            continue
        fenced = _FENCE.match(line.strip())
        if fenced:
            other_fence = fenced.group("fence")
        text.append(line)
        i += 1
    if other_fence is not None:
        raise _error(path, None, f"a code block opened with {other_fence} is never closed")
    if text:
        chunks.append(Markdown("\n".join(text), text_start))
    tagged = [c for c in chunks if isinstance(c, Cell) and "parameters" in c.options.get("tags", [])]
    if len(tagged) > 1:
        raise _error(path, tagged[1].line, "only one cell may be tagged parameters")
    if tagged:
        parameter_names(QmdDocument(path, meta, tuple(chunks)))  # refuse what is not a plain assignment
    labels = [c.options["label"] for c in chunks if isinstance(c, Cell) and "label" in c.options]
    duplicated = sorted({x for x in labels if labels.count(x) > 1})
    if duplicated:
        raise _error(path, None, f"cell labels {duplicated} are used more than once")
    return QmdDocument(path, meta, tuple(chunks))


def split_inline(text: str) -> list[tuple[str, bool]]:
    """Split markdown into literal pieces and inline ``{python}`` expressions.

    Inline expressions inside fenced code blocks are left alone.

    Parameters
    ----------
    text : str
        Markdown text.

    Returns
    -------
    list of (str, bool)
        ``(piece, is_expression)`` in order; expressions are stripped of the
        `` `{python} `` wrapper.

    Examples
    --------
    >>> split_inline("N is `{python} n`.")
    [('N is ', False), ('n', True), ('.', False)]
    """
    pieces: list[tuple[str, bool]] = []
    buffer: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if fence is not None:
            buffer.append(line)
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            continue
        m = _FENCE.match(stripped)
        if m:
            fence = m.group("fence")
            buffer.append(line)
            continue
        pos = 0
        for hit in INLINE.finditer(line):
            buffer.append(line[pos : hit.start()])
            pieces.append(("".join(buffer), False))
            buffer = []
            pieces.append((hit.group("expr"), True))
            pos = hit.end()
        buffer.append(line[pos:])
    if buffer:
        pieces.append(("".join(buffer), False))
    return [p for p in pieces if p[1] or p[0]]


def parameters_cell(doc: QmdDocument) -> Cell | None:
    """The cell tagged ``parameters`` (the report's parameter defaults), if any."""
    return next((c for c in doc.cells if "parameters" in c.options.get("tags", [])), None)


def parameter_names(doc: QmdDocument) -> list[str]:
    """Names the parameters cell assigns (``name = value`` lines), in order.

    Raises
    ------
    ReportError
        If the parameters cell holds anything but assignments of literal values to names.
    """
    import ast

    cell = parameters_cell(doc)
    if cell is None:
        return []
    try:
        tree = ast.parse(cell.source)
    except SyntaxError:
        raise _error(doc.path, cell.line, "the parameters cell is not valid Python") from None
    names: list[str] = []
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        ok = isinstance(node, ast.Assign) and isinstance(target, ast.Name)
        if ok and isinstance(node, ast.Assign):
            try:
                ast.literal_eval(node.value)
            except ValueError:
                ok = False
        if not ok or not isinstance(target, ast.Name):
            raise _error(doc.path, cell.line, "the parameters cell may only assign literal values to names "
                                              "(e.g. data = \"\"), one per line")
        names.append(target.id)
    return names
