"""Turn an executed report into one pandoc-markdown document (figures as PNG files)."""

from __future__ import annotations

import base64
import datetime as _dt
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import ReportError
from .execute import ExecutedCell, ExecutedMarkdown
from .qmd import Cell, QmdDocument

TITLE_KEYS = ("title", "subtitle", "author", "date", "abstract", "lang")
"""Front-matter keys passed on to pandoc."""

_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]{6,}>")
_XREF = re.compile(r"(?<![\w@.])@(?P<label>fig-[A-Za-z0-9_-]+)")


def _fence(text: str, classes: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks} {{{classes}}}\n{text.rstrip()}\n{ticks}"


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def figure_numbers(doc: QmdDocument, executed: list[ExecutedMarkdown | ExecutedCell] | None = None) -> dict[str, int]:
    """Numbers of the labelled figures (cells with a ``fig-`` label and a ``fig-cap``), in order.

    Parameters
    ----------
    doc : QmdDocument
        The parsed report.
    executed : list, optional
        The executed document: a labelled cell that displayed no image (e.g. a figure
        drawn only when the data allow it) gets no number, as in Quarto.

    Returns
    -------
    dict of str to int
        Label -> 1-based figure number.
    """
    shown = None
    if executed is not None:
        shown = {id(item.cell) for item in executed if isinstance(item, ExecutedCell) and item.cell.options["include"]
                 and item.cell.options["output"] is not False
                 and any("image/png" in o.get("data", {}) for o in item.outputs)}
    labels = [c.options["label"] for c in doc.cells
              if str(c.options.get("label", "")).startswith("fig-") and c.options.get("fig-cap")
              and (shown is None or id(c) in shown)]
    return {label: i for i, label in enumerate(labels, start=1)}


def _metadata(doc: QmdDocument) -> str:
    meta: dict[str, Any] = {}
    for key in TITLE_KEYS:
        value = doc.meta.get(key)
        if value is None:
            continue
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()
        meta[key] = value
    if "title" not in meta:
        meta["pagetitle"] = doc.path.stem
    meta.setdefault("lang", "en")
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n"


def _markdown(doc: QmdDocument, text: str, numbers: dict[str, int], line: int) -> str:
    def replace(m: re.Match[str]) -> str:
        label = m.group("label")
        if label not in numbers:
            raise ReportError(f"cross-reference @{label} names no figure (a cell with label: {label} and a fig-cap)",
                              source=f"{doc.path}, markdown from line {line}")
        return f"[Figure {numbers[label]}](#{label})"

    return _XREF.sub(replace, text)


def png_width_inches(data: bytes) -> float | None:
    """The drawn width of a PNG in inches (pixel width over the resolution in its ``pHYs`` chunk).

    Parameters
    ----------
    data : bytes
        The PNG file.

    Returns
    -------
    float or None
        None when the file states no resolution in pixels per metre (or is not a PNG).

    Examples
    --------
    >>> import struct, zlib
    >>> def chunk(kind, body):
    ...     return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    >>> png = (b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1400, 900, 8, 2, 0, 0, 0))
    ...        + chunk(b"pHYs", struct.pack(">IIB", 7874, 7874, 1)))
    >>> round(png_width_inches(png), 2)
    7.0
    """
    import struct

    if not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
        return None
    width = struct.unpack(">I", data[16:20])[0]
    at = data.find(b"pHYs", 0, 4096)
    if at < 0:
        return None
    per_unit, _, unit = struct.unpack(">IIB", data[at + 4:at + 13])
    if unit != 1 or per_unit == 0:
        return None
    return float(width / (per_unit * 0.0254))


def _figure(cell: Cell, png: str, figures: Path, count: int, numbers: dict[str, int]) -> str:
    label = cell.options.get("label")
    stem = f"{label}-{count}" if label and count > 1 else (label or f"cell-{cell.number}-{count}")
    path = figures / f"{stem}.png"
    data = base64.b64decode(png)
    path.write_bytes(data)
    caption = " ".join(str(cell.options.get("fig-cap", "")).split())
    attrs = []
    if label and count == 1:
        attrs.append(f"#{label}")
        if label in numbers:
            caption = f"Figure {numbers[label]}: {caption}"
    inches = png_width_inches(data)
    if inches:
        # the HTML page shows the figure on a phone at a width in proportion to its drawn width,
        # so that its text keeps one size whatever the figure's width (see styles.HTML_CSS)
        attrs.append(f'style="--fig-width-in: {inches:.2f}"')
    alt = cell.options.get("fig-alt")
    if alt:
        attrs.append('fig-alt="' + " ".join(alt.replace('"', "'").split()) + '"')
    if count > 1:
        caption = ""
    attr = "{" + " ".join(attrs) + "}" if attrs else ""
    return f"![{caption}]({figures.name}/{path.name}){attr}"


def _coalesced(outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive stream outputs of one name joined into one (as Jupyter does when it saves a notebook).

    How the kernel cuts printed text into stream messages depends on timing (a slow first run
    flushes between two prints); kept apart, they became separate blocks, and an ``asis`` list
    printed line by line came out tight in one render and loose in the next.
    """
    merged: list[dict[str, Any]] = []
    for out in outputs:
        last = merged[-1] if merged else None
        if (out.get("output_type") == "stream" and last is not None and last.get("output_type") == "stream"
                and last.get("name") == out.get("name")):
            merged[-1] = {**last, "text": _text(last.get("text", "")) + _text(out.get("text", ""))}
        else:
            merged.append(out)
    return merged


def _outputs(doc: QmdDocument, item: ExecutedCell, figures: Path, numbers: dict[str, int]) -> list[str]:
    cell = item.cell
    blocks: list[str] = []
    asis = cell.options["output"] == "asis"
    count = 0
    for out in _coalesced(list(item.outputs)):
        kind = out.get("output_type")
        if kind == "stream":
            text = _text(out.get("text", ""))
            stderr = out.get("name") == "stderr"
            if (stderr and not cell.options["warning"]) or not text.strip():
                continue
            if asis and not stderr:
                blocks.append(text.strip("\n"))
            else:
                blocks.append(_fence(text, ".cell-output-stderr" if stderr else ".cell-output"))
        elif kind in ("display_data", "execute_result"):
            bundle = out.get("data", {})
            if "image/png" in bundle:
                count += 1
                blocks.append(_figure(cell, _text(bundle["image/png"]), figures, count, numbers))
            elif "text/markdown" in bundle:
                blocks.append(_text(bundle["text/markdown"]).strip("\n"))
            elif "text/plain" in bundle:
                text = _text(bundle["text/plain"])
                address = _ADDRESS.search(text)
                if address:
                    raise ReportError(f"{cell.name} displays an object whose text includes a memory address "
                                      f"({address.group(0)}), which changes from one render to the "
                                      "next; end the cell's last line with ';' or display something else",
                                      source=str(doc.path))
                blocks.append(text.strip("\n") if asis else _fence(text, ".cell-output"))
            elif "text/html" in bundle:
                blocks.append(_fence(_text(bundle["text/html"]), "=html"))
            else:
                raise ReportError(f"{cell.name} displayed output of type {sorted(bundle)}, which the report "
                                  "renderer cannot place; display PNG figures, Markdown or text",
                                  source=str(doc.path))
    return blocks


def assemble_markdown(doc: QmdDocument, executed: list[ExecutedMarkdown | ExecutedCell], figures: Path) -> str:
    """Pandoc markdown of an executed report; figures are written as PNG files into ``figures``.

    Echoed code becomes ```` ```python ```` blocks; ``text/markdown`` output is inserted
    as is; PNG images become figures with the cell's ``fig-cap`` (prefixed "Figure N:"
    when the cell's label starts with ``fig-``) and its label as id; ``text/plain`` and
    stdout go in code blocks (raw with ``output: asis``); stderr is dropped with
    ``warning: false``; ``text/html`` is used only when nothing else was displayed.
    ``@fig-label`` in the text becomes a link "Figure N".

    Parameters
    ----------
    doc : QmdDocument
        The parsed report (front matter gives title, subtitle, author, date, abstract).
    executed : list of ExecutedMarkdown or ExecutedCell
        The output of :func:`~estimators.reporting.execute.execute_document`.
    figures : Path
        An existing directory; image paths in the markdown are relative to its parent.

    Returns
    -------
    str
        The document, starting with a YAML metadata block.

    Raises
    ------
    ReportError
        On a cross-reference to an unknown figure, or output of a type it cannot place.
    """
    numbers = figure_numbers(doc, executed)
    blocks = [_metadata(doc)]
    for item in executed:
        if isinstance(item, ExecutedMarkdown):
            blocks.append(_markdown(doc, item.text, numbers, item.chunk.line).strip("\n"))
            continue
        cell = item.cell
        if not cell.options["include"]:
            continue
        if cell.options["echo"] and cell.source.strip():
            blocks.append(_fence(cell.source, ".python .cell-code"))
        if cell.options["output"] is not False:
            blocks.extend(_outputs(doc, item, figures, numbers))
    return "\n\n".join(b for b in blocks if b) + "\n"
