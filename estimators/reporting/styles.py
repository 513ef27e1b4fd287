"""Styles of the built-in renderer: the HTML page's CSS and the PDF's Typst set rules."""

from __future__ import annotations

HTML_CSS = """\
:root { color-scheme: light; }
html { font-size: 17px; }
body {
  max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem;
  font-family: "Source Serif Pro", "Source Serif 4", Georgia, Cambria, "Times New Roman", serif;
  line-height: 1.55; color: #1d1f21; background: #fff;
  hyphens: auto; overflow-wrap: break-word; text-rendering: optimizeLegibility;
}
header#title-block-header { margin-bottom: 2.5rem; border-bottom: 1px solid #d6d9dc; padding-bottom: 1.25rem; }
h1, h2, h3, h4 {
  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  line-height: 1.25; color: #14213d; margin: 2rem 0 0.75rem;
}
h1.title { font-size: 2rem; margin: 0 0 0.4rem; }
p.subtitle { font-size: 1.25rem; color: #3d4a5c; margin: 0 0 0.75rem; }
p.author, p.date { margin: 0.15rem 0; color: #555; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.35rem; } h3 { font-size: 1.15rem; }
a { color: #1a5fb4; }
p, ul, ol { margin: 0 0 1rem; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
pre {
  background: #f5f6f7; border: 1px solid #e3e5e8; border-radius: 4px;
  padding: 0.7rem 0.9rem; overflow-x: auto; line-height: 1.4; margin: 0 0 1rem;
}
pre code { font-size: 0.8rem; white-space: pre; }
pre.cell-output { background: #fff; border-style: dashed; }
pre.cell-output-stderr { background: #fff8e6; border-color: #f0d58c; }
table {
  border-collapse: collapse; margin: 1.25rem auto; font-size: 0.9rem;
  font-variant-numeric: tabular-nums; max-width: 100%;
}
td code { font-size: 0.7rem; overflow-wrap: anywhere; }
thead th { border-bottom: 2px solid #14213d; font-weight: 600; }
th, td { padding: 0.35rem 0.75rem; vertical-align: top; }
tbody tr { border-bottom: 1px solid #e3e5e8; }
tbody tr:nth-child(even) { background: #fafbfc; }
caption { caption-side: top; font-size: 0.9rem; color: #333; padding-bottom: 0.5rem; text-align: left; }
figure { margin: 1.75rem 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
img { max-width: 100%; }
figcaption { font-size: 0.9rem; color: #333; margin-top: 0.5rem; text-align: left; }
blockquote { margin: 1rem 0; padding: 0.25rem 1rem; border-left: 4px solid #d6d9dc; color: #444; }
section#provenance, section.provenance { font-size: 0.9rem; }
@media print { body { max-width: none; padding: 0; } pre, figure, table { break-inside: avoid; } }
"""

TYPST_HEADER = """\
#set par(justify: true)
#set figure(numbering: none)
#show figure: set block(breakable: false, above: 1.4em, below: 1.4em)
#show figure.where(kind: table): set block(breakable: true)
// A short table (under 8 cm) is never split, so its caption, and a heading before it, stay with it.
#show figure.where(kind: table): it => context {
  if measure(it, width: page.width - 4.4cm).height < 8cm { block(breakable: false, width: 100%, it) } else { it }
}
// A figure taller than 14 cm floats to the top or bottom of a page, so that it never leaves a
// page half empty; shorter ones stay where they are in the text.
#show figure.where(kind: image): it => context {
  if measure(it, width: page.width - 4.4cm).height > 14cm { place(auto, float: true, clearance: 1.4em, it) } else { it }
}
#show figure.caption: it => align(left, text(size: 0.9em, it.body))
#show heading: set text(fill: rgb("#14213d"))
#show heading: set block(above: 1.5em, below: 0.8em)
#show heading.where(level: 1): set text(size: 1.3em)
#show heading.where(level: 2): set text(size: 1.15em)
#show link: set text(fill: rgb("#1a5fb4"))
#show raw: set text(size: 0.85em)
#show raw.where(block: true): it => block(
  width: 100%, fill: luma(246), stroke: 0.5pt + luma(220), inset: 7pt, radius: 2pt, it)
#set table(
  stroke: (x, y) => if y == 0 { (bottom: 0.8pt + rgb("#14213d")) } else { (bottom: 0.4pt + luma(210)) },
  inset: (x: 6pt, y: 4pt),
)
#show table: set text(size: 0.88em, number-type: "lining")
#show table: set par(justify: false)
#show table.cell.where(y: 0): set text(weight: "bold")
"""
