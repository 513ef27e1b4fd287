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
  border-collapse: collapse; margin: 0 auto; font-size: 0.9rem;
  font-variant-numeric: tabular-nums;
}
/* Every table sits in a box that scrolls sideways when the table is wider than the screen
   (TABLE_FILTER puts it there and its caption above it, so the caption never scrolls). */
div.table-block { margin: 1.25rem 0; }
div.table-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
div.table-caption { font-size: 0.9rem; color: #333; margin-bottom: 0.5rem; }
div.table-caption p { margin: 0; }
/* On screen the browser sizes the columns by their content (pandoc's widths, from the PDF's
   page, are ignored): a narrow table fits the screen, a wide one keeps each word whole and
   scrolls sideways in its box.  Words in cells are never hyphenated, so none is split. */
div.table-scroll col { width: auto !important; }
div.table-scroll table { width: auto !important; }
th, td { hyphens: manual; }
/* On a wide screen a table wider than the text column may use up to 64rem of the window,
   centred on the text (its caption stays in the column). */
@media (min-width: 50rem) {
  div.table-scroll { width: min(100vw - 2.5rem, 64rem); max-width: none; margin-left: 50%; transform: translateX(-50%); }
}
td code { font-size: 0.7rem; overflow-wrap: anywhere; }
thead th { border-bottom: 2px solid #14213d; font-weight: 600; }
th, td { padding: 0.35rem 0.75rem; vertical-align: top; }
tbody tr { border-bottom: 1px solid #e3e5e8; }
tbody tr:nth-child(even) { background: #fafbfc; }
caption { caption-side: top; font-size: 0.9rem; color: #333; padding-bottom: 0.5rem; text-align: left; }
figure { margin: 1.75rem 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
/* On a phone a figure is never shrunk below 4.7rem per inch it was drawn (its width in
   inches is in --fig-width-in), where text of 9 pt, the figures' smallest, is 9.4 px at a
   16 px rem, whatever the figure's width: the figure scrolls sideways instead, its caption
   does not. */
math[display="block"] { max-width: 100%; overflow-x: auto; overflow-y: hidden; }
@media (max-width: 40rem) {
  html { font-size: 16px; }
  body { padding: 1.5rem 0.9rem 3rem; }
  figure { overflow-x: auto; -webkit-overflow-scrolling: touch; }
  figure img { max-width: none; width: calc(var(--fig-width-in, 7) * 4.7rem); }
  figcaption { position: sticky; left: 0; max-width: calc(100vw - 1.8rem); }
  h1.title { font-size: 1.6rem; }
}
dl.glossary dt { font-weight: 600; margin-top: 0.5rem; }
dl.glossary dd { margin: 0 0 0.25rem 1.25rem; }
img { max-width: 100%; }
figcaption { font-size: 0.9rem; color: #333; margin-top: 0.5rem; text-align: left; }
blockquote { margin: 1rem 0; padding: 0.25rem 1rem; border-left: 4px solid #d6d9dc; color: #444; }
section#provenance, section.provenance { font-size: 0.9rem; }
@media print { body { max-width: none; padding: 0; } pre, figure, table { break-inside: avoid; } }
"""

TYPST_BASE = """\
#set par(justify: true)
#set figure(numbering: none)
#show figure: set block(breakable: false, above: 1.4em, below: 1.4em)
#show figure.where(kind: table): set block(breakable: true)
// Every figure floats to the top or bottom of a page (the next one if it does not fit), so
// that a figure never leaves the rest of a page empty; the text flows on around it ...
// ... but not past the end of its section: figures still waiting for room are placed before the
// next level-1 or level-2 heading (and so before the appendix, the references, the provenance).
// A figure taller than two thirds of the text area takes most of a page anyway: after one (until
// the next figure), the next section starts at once (placing it first could leave a page nearly
// empty).
// Both depend on the order of the source and the figures' sizes only, never on where a page
// ends, so the layout settles at once.
#let removals-tall-figure = state("removals-tall-figure", false)
#show figure.where(kind: image): it => {
  context removals-tall-figure.update(measure(it, width: page.width - 4.4cm).height > (page.height - 4.8cm) * 2 / 3)
  place(auto, float: true, clearance: 1.4em, it)
}
#let removals-section-barrier(it) = {
  context if not removals-tall-figure.get() { place.flush() }
  it
}
#show heading.where(level: 1): removals-section-barrier
#show heading.where(level: 2): removals-section-barrier
#show figure.caption: it => align(left, text(size: 0.9em, it.body))
// A table's caption (above it) stays on the page where the table starts.
#show figure.caption.where(kind: table): it => block(sticky: true, width: 100%, align(left, text(size: 0.9em, it.body)))
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
// A table row is never split across two pages.
#set table.cell(breakable: false)
#show table.cell.where(y: 0): set text(weight: "bold")
"""

#: Pandoc Lua filter of the HTML page: each table goes into a box that scrolls sideways on a
#: narrow screen, with its caption above the box (so the caption wraps at the screen's width).
TABLE_FILTER = """\
function Table(tbl)
  local caption = tbl.caption.long
  tbl.caption = pandoc.Caption()
  local blocks = {}
  if caption and #caption > 0 then
    table.insert(blocks, pandoc.Div(caption, pandoc.Attr("", {"table-caption"})))
  end
  table.insert(blocks, pandoc.Div({tbl}, pandoc.Attr("", {"table-scroll"})))
  return pandoc.Div(blocks, pandoc.Attr("", {"table-block"}))
end
"""

#: How tables break across pages, without asking Typst where on the page anything is (a
#: decision that depends on the room left moves the floats, which moves the room left: such a
#: layout need not settle).
TYPST_TABLES = """\
// Tables stay in the text where they are written.  A short table (under 6 cm) is never split.
// A longer one may split, with its header repeated and no row split, but never around a figure:
// figures still waiting for room are placed before it.  After a figure taller than two thirds
// of a page (until the next figure), a table under half a page is kept whole instead (placing that
// figure first could leave a page nearly empty; the table goes before or after it, not around).
#show figure.where(kind: table): it => context {
  let h = measure(it, width: page.width - 4.4cm).height
  if h < 6cm or removals-tall-figure.get() and h < (page.height - 4.8cm) / 2 {
    block(breakable: false, width: 100%, it)
  } else { place.flush(); it }
}
// No orphan or widow rows: the first two and the last two rows of a table's body stay
// together (a table of two or three rows stays whole).  They are tied by an empty, unbreakable
// cell spanning them in an extra column of zero width; a table already tied (its last column
// is 0pt) or with merged cells is left as it is.
#show table: it => {
  let columns = if type(it.columns) == int { (auto,) * it.columns } else { it.columns }
  let spans(c) = c.func() in (table.footer, table.vline) or c.func() == table.cell and (
    c.fields().at("rowspan", default: 1) != 1 or c.fields().at("colspan", default: 1) != 1)
  if columns.len() == 0 or columns.last() == 0pt or it.children.any(spans) { return it }
  let n = columns.len()
  // pandoc writes the header, a rule under it, then the cells row by row
  let lead = it.children.position(c => c.func() not in (table.header, table.hline))
  if lead == none { return it }
  let heads = it.children.slice(0, lead).filter(c => c.func() == table.header)
  let lines = it.children.slice(0, lead).filter(c => c.func() == table.hline)
  let cells = it.children.slice(lead)
  if cells.any(c => c.func() in (table.header, table.hline)) { return it }
  if calc.rem(cells.len(), n) != 0 or cells.len() < 2 * n { return it }
  let rows = cells.chunks(n)
  let m = rows.len()
  let tie(k) = table.cell(rowspan: k, inset: 0pt, breakable: false)[]
  let body = ()
  for (i, row) in rows.enumerate() {
    body += row
    if m <= 3 { if i == 0 { body.push(tie(m)) } }
    else if i == 0 or i == m - 2 { body.push(tie(2)) }
    else if i != 1 and i != m - 1 { body.push(table.cell(inset: 0pt)[]) }
  }
  let fields = it.fields()
  let _ = fields.remove("children")
  fields.columns = columns + (0pt,)
  if type(it.align) == array { fields.align = it.align + (left,) }
  let header = heads.map(h => {
    let f = h.fields()
    let kids = f.remove("children")
    table.header(..f, ..kids, table.cell(inset: 0pt)[])
  })
  table(..fields, ..header, ..lines, ..body)
}
"""

TYPST_HEADER = TYPST_BASE + TYPST_TABLES
