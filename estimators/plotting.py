"""Every figure the reports use.

Rules every function follows:

* matplotlib is imported inside the functions (the package imports without it);
* each takes ``ax=None`` and returns the Axes it drew on.  With ``ax=None`` a new
  :class:`matplotlib.figure.Figure` is created **without pyplot**, so pyplot's current
  figure and axes never change; show it with ``ax.figure`` (Jupyter/Quarto display it) or
  save it with ``ax.figure.savefig(...)``;
* counts are in children, with thousands separators;
* one colour-blind-safe palette (Okabe & Ito 2008), and one visual grammar:
  **documented** counts (minimums) are solid filled bars or markers in blue,
  **estimates** are hollow markers with interval whiskers in vermillion (several methods in
  one figure: one colour each from :data:`SERIES_COLORS`, which keeps blue for documented),
  a **synthetic truth** is a black dashed line,
  **scenarios** (what-if or prior-driven, not estimates) are grey and dashed,
  reference (R) values are black crosses.

References
----------
Okabe, M. and Ito, K. (2008). Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
Lex, A., Gehlenborg, N., Strobelt, H., Vuillemot, R. and Pfister, H. (2014). UpSet:
visualization of intersecting sets. IEEE TVCG 20(12), 1983-1992.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

from ._format import QUALIFIER_SYMBOLS, SCENARIO_LABEL, to_float

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .histories import CaptureHistories
    from .results import EstimateResult

#: Okabe-Ito palette (the only colours used in figures).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
DOCUMENTED_COLOR = OKABE_ITO["blue"]
ESTIMATE_COLOR = OKABE_ITO["vermillion"]
REFERENCE_COLOR = OKABE_ITO["black"]
SCENARIO_COLOR = "#767676"  # neutral grey (4.5:1 contrast on white)
#: Colours for several estimates in one figure: documented blue is kept out, and sky blue,
#: which reads as the same hue, comes last.
SERIES_COLORS: tuple[str, ...] = (
    OKABE_ITO["vermillion"], OKABE_ITO["bluish_green"], OKABE_ITO["reddish_purple"],
    OKABE_ITO["orange"], OKABE_ITO["black"], OKABE_ITO["sky_blue"],
)

#: Text sizes of every figure, in points.  Figures are drawn about 7 in wide; in the PDF
#: they print at 6.5 in, and in HTML they are never shown narrower than 4.7 rem per inch
#: drawn (a phone scrolls them sideways), so that the smallest text ("small", 9 pt; no
#: figure uses less) stays at about 9.4 px or more.
FIGURE_RC: dict[str, Any] = {
    "font.size": 11.0,
    "axes.titlesize": 12.0,
    "axes.labelsize": 11.0,
    "legend.fontsize": 10.0,
    "xtick.labelsize": 10.0,
    "ytick.labelsize": 10.0,
}


@dataclass(frozen=True)
class MethodStyle:
    """How one method is drawn in every figure of every report.

    Attributes
    ----------
    label : str
        Plain-language name of the family (legends).
    color : str
        Line and marker colour (Okabe-Ito, or a dark grey).
    marker : str
        Marker of its estimate (hollow) and of its points.
    linestyle : str or tuple
        Line style of its posterior curve or line.
    """

    label: str
    color: str
    marker: str
    linestyle: str | tuple[float, tuple[float, ...]]


_DARK_GREY = "#4D4D4D"

#: The one mapping from method (family) to colour, marker and line style, used by every
#: figure.  Colour alone never tells two methods apart: markers and line styles differ
#: too, so the figures read in grey and under colour-vision deficiencies (where e.g.
#: green and purple, or vermillion and orange, can merge).  Documented blue is kept out.
METHOD_STYLES: dict[str, MethodStyle] = {
    "loglinear": MethodStyle("log-linear", OKABE_ITO["vermillion"], "o", "-"),
    "recommended": MethodStyle("recommended (averaged log-linear)", OKABE_ITO["vermillion"], "*", "-"),
    "dga": MethodStyle("graph averaging (dga)", OKABE_ITO["bluish_green"], "s", "--"),
    "lcm": MethodStyle("latent classes (lcm)", OKABE_ITO["reddish_purple"], "^", "-."),
    "bayes-loglinear": MethodStyle("Bayesian log-linear", OKABE_ITO["orange"], "D", ":"),
    "two-source": MethodStyle("two-source (stated dependence prior)", OKABE_ITO["orange"], "v", (0, (6.0, 1.5, 1.0, 1.5))),
    "petersen": MethodStyle("Lincoln-Petersen (independence)", _DARK_GREY, "P", (0, (3.0, 1.5))),
    "chao": MethodStyle("Chao lower bound", _DARK_GREY, "X", (0, (1.0, 1.5))),
    "Mt": MethodStyle("independent lists (Rcapture M0/Mt)", _DARK_GREY, "h", (0, (8.0, 2.0))),
    "Mth": MethodStyle("heterogeneity (Rcapture Mh/Mth)", OKABE_ITO["black"], "<", (0, (4.0, 1.5, 1.0, 1.5, 1.0, 1.5))),
}
_ALIASES = {
    "chapman": "petersen", "lincoln-petersen": "petersen", "m0": "Mt", "mt": "Mt", "mh": "Mth", "mth": "Mth",
    "log-linear": "loglinear",
}
_FALLBACK_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h")


def method_key(name: str) -> str | None:
    """The key of :data:`METHOD_STYLES` for a method name or a report's label of it.

    ``"loglinear (best AIC)"``, ``"Log-linear, best AIC"`` and ``"loglinear"`` are all
    ``"loglinear"``; ``"Mth-chao"`` and ``"Mh-darroch"`` are ``"Mth"``; ``"chapman"`` is
    ``"petersen"``; an unknown name gives None.

    Examples
    --------
    >>> method_key("dga (graph averaging)"), method_key("Mh-chao"), method_key("Chapman")
    ('dga', 'Mth', 'petersen')
    """
    text = str(name).strip()
    head = text.split("(")[0].split(",")[0].strip()
    low = head.lower()
    if low in METHOD_STYLES:
        return low
    if low in _ALIASES:
        return _ALIASES[low]
    if low.startswith(("mh-", "mth-")):
        return "Mth"
    for word in low.replace("/", " ").split():
        if word in METHOD_STYLES:
            return word
        if word in _ALIASES:
            return _ALIASES[word]
    # "Lincoln-Petersen (Chapman)", "Heterogeneity, lower bound (Mth, Chao)": look inside the brackets too.
    inner = text[text.find("(") + 1 :].rstrip(")") if "(" in text else ""
    return method_key(inner) if inner and inner != text else None


def method_style(name: str, index: int = 0) -> MethodStyle:
    """The style of a method (see :data:`METHOD_STYLES`); unknown names get a fallback by ``index``."""
    key = method_key(name)
    if key is not None:
        return METHOD_STYLES[key]
    return MethodStyle(str(name), SERIES_COLORS[index % len(SERIES_COLORS)],
                       _FALLBACK_MARKERS[index % len(_FALLBACK_MARKERS)], "-")


_VARIANT_LINES: tuple[Any, ...] = ((0, (1.0, 1.0)), (0, (5.0, 1.0)), (0, (3.0, 1.0, 1.0, 1.0, 1.0, 1.0)))


def distinct_styles(names: Sequence[str]) -> list[MethodStyle]:
    """One style per name: each method's own, and a variant (other marker and line) for a repeat.

    Two results of the same method (e.g. two priors) keep their method's colour but get
    different markers and line styles, so they are never told apart by nothing at all.
    """
    out: list[MethodStyle] = []
    used: set[tuple[str, str]] = set()
    for i, name in enumerate(names):
        st = method_style(name, i)
        j = 0
        while (st.color, st.marker) in used:
            st = MethodStyle(str(name), st.color, _FALLBACK_MARKERS[(i + j) % len(_FALLBACK_MARKERS)],
                             _VARIANT_LINES[j % len(_VARIANT_LINES)])
            j += 1
        used.add((st.color, st.marker))
        out.append(st)
    return out


DOCUMENTED_LABEL = "documented (minimum)"
ESTIMATE_LABEL = "estimated total (95% interval)"
REFERENCE_LABEL = "reference (R)"


# --------------------------------------------------------------------------- helpers
_F = TypeVar("_F", bound=Callable[..., Any])


def _styled(fn: _F) -> _F:
    """Draw under :data:`FIGURE_RC` (text sizes), without changing matplotlib's global settings."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import matplotlib as mpl

        with mpl.rc_context(FIGURE_RC):  # type: ignore[arg-type]
            ax = fn(*args, **kwargs)
            # Tick labels are created when the figure is drawn, after this context: fix their size now.
            ax.tick_params(axis="x", labelsize=FIGURE_RC["xtick.labelsize"])
            ax.tick_params(axis="y", labelsize=FIGURE_RC["ytick.labelsize"])
        return ax

    return wrapper  # type: ignore[return-value]


def _axis_label(ax: Axes, which: str, text: str) -> None:
    """Set an axis label, saying "(log scale)" when the axis is logarithmic."""
    scale = ax.get_xscale() if which == "x" else ax.get_yscale()
    if scale == "log":
        text = f"{text} (log scale)"
    (ax.set_xlabel if which == "x" else ax.set_ylabel)(text)


def _axes(ax: Axes | None, size: tuple[float, float] = (7.0, 4.0)) -> Axes:
    """The given Axes, or one on a new pyplot-free Figure."""
    if ax is not None:
        return ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    return fig.add_subplot()


def _thousands(axis: Any) -> None:
    """Counts with thousands separators; on a linear axis at most 6 ticks, so labels never collide."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    if axis.get_scale() == "linear":
        axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:,.0f}"))


def _wrap(s: str, width: int = 38) -> str:
    """Wrap at spaces only: a word (or a hyphenated compound) is never split across lines."""
    return "\n".join(textwrap.wrap(str(s), width, break_long_words=False, break_on_hyphens=False)) or str(s)


def _unique_handles(ax: Axes) -> dict[str, Any]:
    """Legend entries of ``ax``, one per label, in drawing order."""
    handles, labels = ax.get_legend_handles_labels()
    seen: dict[str, Any] = {}
    for h, lab in zip(handles, labels, strict=False):
        if lab and not lab.startswith("_") and lab not in seen:
            seen[lab] = h
    return seen


def _legend(ax: Axes, **kw: Any) -> None:
    seen = _unique_handles(ax)
    if seen:
        ax.legend(list(seen.values()), list(seen.keys()), frameon=False, fontsize="small", **kw)


def _legend_below(ax: Axes, ncol: int = 2, gap: float = 40.0) -> None:
    """Legend under the x-axis label, a fixed distance (points) below the Axes."""
    from matplotlib.transforms import offset_copy

    seen = _unique_handles(ax)
    if seen:
        opts: dict[str, Any] = {
            "frameon": False, "fontsize": "small", "ncol": ncol, "loc": "upper center", "bbox_to_anchor": (0.5, 0.0),
            "bbox_transform": offset_copy(ax.transAxes, fig=ax.get_figure(root=True), y=-gap, units="points"),  # type: ignore[arg-type]
        }
        ax.legend(list(seen.values()), list(seen.keys()), **opts)


def _maybe_log(axis_name: str, ax: Axes, lo: float, hi: float, log: bool | None) -> bool:
    use = log if log is not None else (lo > 0 and hi / lo > 20)
    if use:
        from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

        axis = ax.xaxis if axis_name == "x" else ax.yaxis
        (ax.set_xscale if axis_name == "x" else ax.set_yscale)("log")
        # Counts with thousands separators (never 4 x 10^4), at 1, 2 and 5 times each power of
        # ten over a short range, fewer over a long one, so that the labels never collide.
        decades = math.log10(hi / lo) if lo > 0 else 6.0
        subs = (1.0, 2.0, 5.0) if decades <= 1.6 else (1.0, 3.0) if decades <= 3.2 else (1.0,)
        axis.set_major_locator(LogLocator(base=10, subs=subs))
        axis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:,.0f}"))
        axis.set_minor_formatter(NullFormatter())
    return bool(use)


def _interval_rows(
    ax: Axes,
    labels: Sequence[str],
    est: Sequence[float],
    lower: Sequence[float],
    upper: Sequence[float],
    *,
    observed: Sequence[float] | None = None,
    status: Sequence[str] | None = None,
    color: str = ESTIMATE_COLOR,
    est_label: str = ESTIMATE_LABEL,
    marker: str = "o",
    row_styles: Sequence[MethodStyle] | None = None,
) -> np.ndarray:
    """Horizontal rows: hollow estimate with whiskers; filled documented square just above the row.

    The documented square sits a little above its row so that an estimate close to the
    documented count never hides it.  With ``row_styles`` each row is drawn in its
    method's colour and marker, with one legend entry per method.
    """
    y = np.arange(len(labels))[::-1].astype(float)
    e, lo, hi = (np.array([to_float(v) for v in s]) for s in (est, lower, upper))
    ok = np.isfinite(e)
    xerr = np.vstack([np.where(ok, e - np.where(np.isfinite(lo), lo, e), 0), np.where(ok, np.where(np.isfinite(hi), hi, e) - e, 0)])
    if row_styles is None:
        groups = [(np.asarray(ok), color, marker, est_label)]
    else:
        groups = []
        for st in dict.fromkeys(row_styles):
            rows = np.array([rs == st for rs in row_styles]) & ok
            groups.append((rows, st.color, st.marker, f"{st.label} (95% interval)"))
    for rows, c, m, lab in groups:
        if rows.any():
            ax.errorbar(
                e[rows], y[rows], xerr=xerr[:, rows], fmt=m, mfc="white", mec=c, ecolor=c, color=c,
                ms=7, mew=1.6, capsize=3, lw=1.4, label=lab, zorder=3,
            )
    if observed is not None:
        obs = np.array([to_float(v) for v in observed])
        fin = np.isfinite(obs)
        if fin.any():
            ax.plot(obs[fin], y[fin] + 0.22, "s", color=DOCUMENTED_COLOR, ms=6, label="documented (observed, a minimum)",
                    zorder=4)
    for i in np.flatnonzero(~ok):
        why = f"no estimate ({status[int(i)]})" if status is not None else "no estimate"
        ax.text(0.02, float(y[i]), why, transform=ax.get_yaxis_transform(), va="center", fontsize="small", color="0.3")
    ax.set_yticks(y, [_wrap(s, 34) for s in labels])
    ax.set_ylim(y.min() - 0.7, y.max() + 0.7) if len(y) else None
    return y


# --------------------------------------------------------------------------- published counts
@_styled
def plot_published_counts(
    counts_df: pd.DataFrame,
    ax: Axes | None = None,
    *,
    population: str | Sequence[str] | None = "belarus_transfers",
) -> Axes:
    """The published counts as documented minimums (horizontal bars with ≥ / > qualifiers).

    Parameters
    ----------
    counts_df : DataFrame
        :func:`estimators.data.published_counts` (columns ``count, count_qualifier,
        publisher, published``; ``population`` to filter; ``figure_id``).
    ax : Axes, optional
    population : str or list, default "belarus_transfers"
        Rows to show (None: all rows; never mix populations in one comparison).

    Returns
    -------
    Axes
    """
    ax = _axes(ax, (7.0, 3.0))
    df = counts_df
    if population is not None and "population" in df.columns:
        wanted = [population] if isinstance(population, str) else list(population)
        df = df[df["population"].isin(wanted)]
    if df.empty:
        raise ValueError(f"no published counts for population {population!r}")
    df = df.sort_values("count")
    labels = [
        f"{str(r['publisher']).split(',')[0]}\n({r['published']})" if "publisher" in df.columns else str(r.get("figure_id", i))
        for i, r in df.iterrows()
    ]
    y = np.arange(len(df))
    counts = df["count"].to_numpy(dtype=float)
    ax.barh(y, counts, color=DOCUMENTED_COLOR, height=0.6, label=DOCUMENTED_LABEL)
    quals = df["count_qualifier"] if "count_qualifier" in df.columns else pd.Series([""] * len(df))
    for yi, c, q in zip(y, counts, quals, strict=False):
        ax.text(float(c), float(yi), f"  {QUALIFIER_SYMBOLS.get(str(q), '')}{c:,.0f}", va="center", fontsize="medium")
    ax.set_yticks(y, [_wrap(s, 30) for s in labels])
    ax.set_xlim(0, counts.max() * 1.22)
    _thousands(ax.xaxis)
    ax.set_xlabel("children (documented minimum)")
    ax.set_title("Published counts: documented minimums, not totals")
    ax.spines[["top", "right"]].set_visible(False)
    _legend_below(ax, ncol=1)
    return ax


@_styled
def plot_union_bounds(
    n1: int,
    n2: int,
    labels: Sequence[str] = ("List 1", "List 2"),
    ax: Axes | None = None,
    *,
    minimums: bool = False,
) -> Axes:
    """Two documented counts and the range of their union, max(n1, n2) .. n1 + n2.

    The union range assumes both figures count distinct children
    (see :func:`estimators.bayes.twosource.union_bounds`).  With ``minimums`` (both
    counts are "at least" / "more than"), the upper end reads "about n1 + n2 or more".

    Returns
    -------
    Axes
    """
    from .bayes.twosource import union_bounds

    ax = _axes(ax, (7.0, 3.0))
    lo, hi = union_bounds(n1, n2)
    y = np.array([2.0, 1.0, 0.0])
    ax.barh(y[:2], [n1, n2], color=DOCUMENTED_COLOR, height=0.55, label=DOCUMENTED_LABEL)
    ax.barh(y[2], lo, color=DOCUMENTED_COLOR, height=0.55, alpha=0.45, label="union: certainly at least")
    ax.barh(y[2], hi - lo, left=lo, color="white", edgecolor=SCENARIO_COLOR, hatch="///", height=0.55,
            linestyle="--", label="union: depends on the unknown overlap")
    for yi, v in zip(y[:2], (n1, n2), strict=True):
        ax.text(v, yi, f"  {v:,.0f}", va="center")
    ax.text(hi, y[2], f"  {lo:,.0f} – {hi:,.0f}" + (" or more" if minimums else ""), va="center")
    ax.set_yticks(y, [_wrap(labels[0], 28), _wrap(labels[1], 28), "either list\n(distinct children)"])
    ax.set_xlim(0, hi * (1.45 if minimums else 1.3))
    _thousands(ax.xaxis)
    ax.set_xlabel("children")
    ax.set_title("The union of two counts lies between the larger and the sum\n(if both count distinct children)")
    ax.spines[["top", "right"]].set_visible(False)
    _legend_below(ax, ncol=2)
    return ax


def _period_date(text: Any, *, end: bool) -> _dt.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a date: the first day of the period, or its last (``end``)."""
    t = str(text or "").strip()
    if not t:
        return None
    parts = [int(p) for p in t.split("-")]
    if len(parts) == 3:
        return _dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not end:
            return _dt.date(y, m, 1)
        return _dt.date(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1)
    return _dt.date(parts[0], 12, 31) if end else _dt.date(parts[0], 1, 1)


@_styled
def plot_source_periods(
    counts_df: pd.DataFrame,
    ax: Axes | None = None,
    *,
    labels: Mapping[str, str] | None = None,
) -> Axes:
    """When each published figure was collected (bars) and published (diamonds).

    Parameters
    ----------
    counts_df : DataFrame
        Rows of :func:`estimators.data.published_counts` (``figure_id, period_start,
        period_end, published``, ``count, count_qualifier``), in the order to show, top
        first.  Dates may be partial (``2022``, ``2022-09``): a period runs from the first
        day of its start to the last day of its end.  A row without ``period_start`` is a
        count "as of" ``period_end`` (a marker, no bar).
    labels : mapping figure_id -> str, optional
        Row labels (default: the publisher and the figure).

    Returns
    -------
    Axes
    """
    import matplotlib.dates as mdates

    if counts_df.empty:
        raise ValueError("counts_df has no rows")
    ax = _axes(ax, (7.0, 0.55 * len(counts_df) + 1.9))
    y = np.arange(len(counts_df))[::-1].astype(float)
    names = []
    for yi, r in zip(y, counts_df.to_dict(orient="records"), strict=True):
        start = _period_date(r.get("period_start"), end=False)
        stop = _period_date(r.get("period_end"), end=True)
        pub = _period_date(r.get("published"), end=False)
        if start is not None and stop is not None:
            ax.barh(yi, mdates.date2num(stop) - mdates.date2num(start), left=mdates.date2num(start), height=0.5,
                    color=DOCUMENTED_COLOR, alpha=0.85, label="period the figure covers")
        elif stop is not None:
            ax.plot([mdates.date2num(stop)], [yi], "|", color=DOCUMENTED_COLOR, ms=14, mew=3,
                    label="date a count of children present refers to")
        if pub is not None:
            # published: a hollow diamond just above the bar, so it never hides the period's end
            ax.plot([mdates.date2num(pub)], [yi + 0.32], "D", mfc="white", mec=REFERENCE_COLOR, mew=1.4, ms=6,
                    label="published", zorder=4)
        qual = QUALIFIER_SYMBOLS.get(str(r.get("count_qualifier", "")), "")
        default = f"{str(r.get('publisher', '')).split(',')[0].split(';')[0]}: {qual}{int(r['count']):,}"
        names.append((labels or {}).get(str(r.get("figure_id")), default))
    ax.set_yticks(y, [_wrap(n, 30) for n in names])
    ax.set_ylim(-0.6, len(y) - 0.2)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.grid(axis="x", color="0.9")
    ax.set_xlabel("date")
    ax.set_title("What each figure covers, and when it was published")
    ax.spines[["top", "right"]].set_visible(False)
    _legend_below(ax, ncol=2)
    return ax


@_styled
def mark_synthetic(ax: Axes, label: str = "SYNTHETIC DATA") -> Axes:
    """Mark a figure of synthetic data: ``label`` before its title and a watermark across it.

    A cropped figure still says that it shows no real children: the watermark sits behind
    the data, in light grey, over the middle of the plotting area.

    Parameters
    ----------
    ax : Axes
        A figure drawn from synthetic data.
    label : str, default "SYNTHETIC DATA"

    Returns
    -------
    Axes
    """
    title = ax.get_title()
    if not title.startswith(label):
        ax.set_title(f"{label}: {title}" if title else label)
    ax.text(0.5, 0.5, "SYNTHETIC", transform=ax.transAxes, fontsize=44, fontweight="bold", color="0.55",
            alpha=0.18, rotation=18, ha="center", va="center", zorder=0.5)
    return ax


# --------------------------------------------------------------------------- scenarios
@_styled
def plot_overlap_scenarios(grid_df: pd.DataFrame, ax: Axes | None = None, *, log: bool | None = None) -> Axes:
    """Implied total against the assumed overlap share, one dashed grey line per odds ratio.

    Parameters
    ----------
    grid_df : DataFrame
        :func:`estimators.bayes.twosource.scenario_grid` (``overlap_share, odds_ratio,
        implied_total``; ``attrs`` n1, n2 for the union band).
    log : bool, optional
        Log-scaled y axis (default: when the totals span more than a factor 20).

    Returns
    -------
    Axes
    """
    ax = _axes(ax, (7.0, 4.5))
    styles = ["--", "-.", ":", (0, (6, 2)), (0, (2, 1, 2, 3))]
    greys = ["0.15", "0.35", "0.5", "0.6", "0.7"]
    ratios = sorted(grid_df["odds_ratio"].unique())
    for i, psi in enumerate(ratios):
        g = grid_df[grid_df["odds_ratio"] == psi].sort_values("overlap_share")
        x, yv = g["overlap_share"].to_numpy(), g["implied_total"].to_numpy()
        ax.plot(x, yv, linestyle=styles[i % len(styles)], color=greys[i % len(greys)], lw=1.8,
                label=f"{SCENARIO_LABEL}: ψ = {psi:g}")
        fin = np.isfinite(yv)
        if fin.any():
            j = int(np.flatnonzero(fin)[0])
            ax.annotate(f"ψ = {psi:g}", (x[j], yv[j]), xytext=(4, 2), textcoords="offset points", fontsize="small",
                        color=greys[i % len(greys)])
    n1, n2 = grid_df.attrs.get("n1"), grid_df.attrs.get("n2")
    if n1 is not None and n2 is not None:
        ax.axhspan(max(n1, n2), n1 + n2, color=DOCUMENTED_COLOR, alpha=0.12,
                   label=f"union of the two lists: {max(n1, n2):,}–{n1 + n2:,}")
        ax.axhline(max(n1, n2), color=DOCUMENTED_COLOR, lw=1.5, label=f"{DOCUMENTED_LABEL}: {max(n1, n2):,}")
    fin_tot = grid_df["implied_total"].to_numpy(dtype=float)
    fin_tot = fin_tot[np.isfinite(fin_tot)]
    if fin_tot.size:
        _maybe_log("y", ax, float(fin_tot.min()), float(fin_tot.max()), log)
    _thousands(ax.yaxis)
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.set_xlabel("assumed overlap (share of the smaller list on both lists)")
    _axis_label(ax, "y", "implied total (children)")
    ax.set_title("What-if: implied total by assumed overlap and dependence ψ\n(scenarios, not estimates)")
    ax.spines[["top", "right"]].set_visible(False)
    _legend(ax, loc="upper right")
    return ax


@_styled
def plot_prior_scenarios(table: pd.DataFrame, ax: Axes | None = None, *, log: bool | None = None) -> Axes:
    """Median and interval of each prior-driven scenario (grey, dashed: not estimates).

    Parameters
    ----------
    table : DataFrame
        :func:`estimators.bayes.twosource.prior_scenarios` (``scenario, median, lower,
        upper``; ``union_lower, union_upper`` shade the union bounds).
    log : bool, optional
        Log x axis (default: when the intervals span more than a factor 20).

    Returns
    -------
    Axes
    """
    ax = _axes(ax, (8.5, 0.75 * len(table) + 2.2))
    y = np.arange(len(table))[::-1].astype(float)
    med, lo, hi = (table[c].to_numpy(dtype=float) for c in ("median", "lower", "upper"))
    level = float(table["level"].iloc[0]) if "level" in table.columns else 0.95
    for yi, a, b in zip(y, lo, hi, strict=True):
        ax.plot([a, b], [yi, yi], linestyle="--", color=SCENARIO_COLOR, lw=2)
    ax.plot([], [], linestyle="--", color=SCENARIO_COLOR, lw=2, label=f"{level:.0%} range ({SCENARIO_LABEL})")
    ax.plot(med, y, "D", mfc="white", mec=SCENARIO_COLOR, mew=1.6, ms=7, label="prior-driven median")
    for yi, m in zip(y, med, strict=True):
        ax.annotate(f"{m:,.0f}", (m, yi), xytext=(0, 7), textcoords="offset points", ha="center", fontsize="small",
                    color="0.25")
    if {"union_lower", "union_upper"} <= set(table.columns):
        ul, uh = float(table["union_lower"].iloc[0]), float(table["union_upper"].iloc[0])
        ax.axvspan(ul, uh, color=DOCUMENTED_COLOR, alpha=0.12, label=f"union of the two lists: {ul:,.0f}–{uh:,.0f}")
        ax.axvline(ul, color=DOCUMENTED_COLOR, lw=1.5, label=f"{DOCUMENTED_LABEL}: {ul:,.0f}")
    ax.set_yticks(y, [_wrap(s, 34) for s in table["scenario"]])
    ax.set_ylim(-0.8, len(table) - 0.2)
    _maybe_log("x", ax, float(np.nanmin(lo)), float(np.nanmax(hi)), log)
    _thousands(ax.xaxis)
    _axis_label(ax, "x", "implied total (children)")
    ax.set_title("Prior-driven scenarios, not estimates\n(two counts carry no information on overlap or dependence)")
    ax.spines[["top", "right"]].set_visible(False)
    _legend_below(ax, ncol=2)
    return ax


# --------------------------------------------------------------------------- estimates
@_styled
def plot_posterior_n(
    results: Mapping[str, EstimateResult],
    observed: int | None = None,
    ax: Axes | None = None,
    *,
    truth: float | None = None,
    bins: int = 60,
    unit: str = "children",
) -> Axes:
    """Posterior of N for the Bayesian results above; every result's interval in a row below.

    Two bands share the x axis (total N):

    * **above** the baseline, the posterior distribution of each result with draws, as a
      line (step histogram of the draws, scaled so that the tallest peak has height 1;
      the range shown ends at the largest 99.5% posterior quantile, the far tail is not
      drawn), in the colour of its row below;
    * **below** it, one row per result, named on the y axis: the estimate (posterior
      median for Bayesian results) as a hollow marker with its 95% interval as whiskers,
      and, as a small filled blue square, the count documented by the lists that result
      uses; a result with no estimate says so in its row, with its status.

    The documented count (a minimum) is a solid blue vertical line over the posterior
    band; the true total of a synthetic dataset a black dashed line across both bands.

    Parameters
    ----------
    results : mapping label -> EstimateResult
    observed : int, optional
        Documented count (default: the first result's ``observed``).
    truth : float, optional
        True total of a **synthetic** dataset: a black dashed line "synthetic truth".
    bins : int, default 60
    unit : str, default "children"
        What is counted (axis label).

    Returns
    -------
    Axes
    """
    if not results:
        raise ValueError("results must not be empty")
    items = list(results.items())
    row_labels = [_wrap(label, 28) for label, _ in items]
    # Rows are spaced for their labels: a label of three lines needs twice the room of one of one or two.
    spread = max(1.0, max(lab.count("\n") + 1 for lab in row_labels) / 1.6)
    ax = _axes(ax, (7.0, 3.6 + 0.42 * len(items) * spread))
    # a posterior is drawn only for a result with an estimate: a sampler that did not converge has
    # draws, but they are not an answer (its row says "no estimate")
    draws_all = [r.n_draws() if r.has_estimate else None for _, r in items]
    finite = [np.asarray(d, dtype=float).ravel() for d in draws_all if d is not None]
    lo_x = min([np.quantile(d, 0.001) for d in finite] + [r.lower for _, r in items if r.lower is not None] or [0.0])
    hi_x = max([np.quantile(d, 0.995) for d in finite] + [r.upper for _, r in items if r.upper is not None] or [1.0])
    edges = np.linspace(lo_x, hi_x, bins + 1)
    if finite and all(np.allclose(d, np.round(d)) for d in finite):
        # Counts are integers: bins of a whole number of people, centred on integers, so that
        # a narrow posterior does not show a comb of empty bins between integers.
        width = max(1, math.ceil((hi_x - lo_x) / bins))
        edges = np.arange(math.floor(lo_x) - 0.5, math.ceil(hi_x) + width, width, dtype=float)
    # A legend entry for the rows first (drawn off-range, only for its handle).
    ax.errorbar([], [], xerr=[], fmt="o", mfc="white", mec="0.35", ecolor="0.35", ms=7, mew=1.6, capsize=3,
                label="estimate and 95% interval (Bayesian: posterior median)")
    # One style per method (colour, marker, line), the same in every report.
    styles = distinct_styles([r.method if method_key(r.method) else label for label, r in items])
    colors = {j: st.color for j, st in enumerate(styles)}
    densities: dict[int, np.ndarray] = {}
    for i, d in enumerate(draws_all):
        if d is not None:
            x = np.asarray(d, dtype=float).ravel()
            heights, _ = np.histogram(x, bins=edges)  # the far tail beyond the range is not drawn
            densities[i] = heights / (x.size * np.diff(edges))
    top = max((float(v.max()) for v in densities.values()), default=0.0) or 1.0
    for i, dens in densities.items():
        ax.stairs(dens / top, edges, lw=1.8, color=colors[i], linestyle=styles[i].linestyle,
                  label=f"posterior of N: {items[i][0]}")
    row_h = 0.27 * spread
    rows = -row_h * (np.arange(len(items)) + 1.0)
    for i, ((_label, r), yy) in enumerate(zip(items, rows, strict=True)):
        color = colors[i]
        if r.has_estimate:
            e, lo, hi = to_float(r.estimate), to_float(r.lower), to_float(r.upper)
            lo, hi = (e if math.isnan(lo) else lo), (e if math.isnan(hi) else hi)
            ax.errorbar([e], [yy], xerr=[[e - lo], [hi - e]], fmt=styles[i].marker, mfc="white", mec=color,
                        ecolor=color, ms=7, mew=1.6, capsize=3, lw=1.6, zorder=3)
        else:
            # at the right end of the row: the documented count's square sits at the left
            ax.text(0.98, float(yy), f"no estimate ({r.status.value.replace('_', ' ')})",
                    transform=ax.get_yaxis_transform(), ha="right", va="center", fontsize="small", color="0.3")
        if r.observed is not None:
            ax.plot([float(r.observed)], [yy], "s", color=DOCUMENTED_COLOR, ms=5, zorder=4,
                    label="documented by the lists used")
    obs = observed if observed is not None else items[0][1].observed
    ax.plot([obs, obs], [0.0, 1.0], color=DOCUMENTED_COLOR, lw=2.4, solid_capstyle="butt",
            label=f"{DOCUMENTED_LABEL}: {obs:,}")
    if truth is not None:
        ax.axvline(float(truth), color=REFERENCE_COLOR, lw=1.5, ls="--", label=f"synthetic truth: {float(truth):,.0f}")
    ax.axhline(0.0, color="0.55", lw=0.8)
    marks = [float(obs)] + ([float(truth)] if truth is not None else [])
    marks += [float(r.observed) for _, r in items if r.observed is not None]
    span = max(hi_x, *marks) - min(lo_x, *marks)
    ax.set_xlim(min(lo_x, *marks) - 0.03 * span, max(hi_x, *marks) + 0.03 * span)
    ax.set_ylim(float(rows.min()) - row_h * 0.7, 1.08 if densities else 0.4)
    _thousands(ax.xaxis)
    ax.set_xlabel(f"total N ({unit})")
    ax.set_yticks(rows, row_labels, fontsize="small")
    if densities:
        ax.text(0.0, 0.5, "posterior\ndensity", transform=ax.get_yaxis_transform(), ha="right", va="center",
                fontsize="small", color="0.3")
    ax.set_title("Estimated total by method: posterior distributions (above)\nand estimates with 95% intervals (below)")
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    _legend_below(ax, ncol=1 if max(len(k) for k in _unique_handles(ax)) > 48 else 2)
    return ax


def _row_labels(table: pd.DataFrame) -> list[str]:
    if "label" in table.columns:
        return [str(v) for v in table["label"]]
    if {"dataset", "method"} <= set(table.columns):
        return [f"{d} · {m}" for d, m in zip(table["dataset"], table["method"], strict=True)]
    if "method" in table.columns:
        return [str(v) for v in table["method"]]
    return [str(i) for i in table.index]


@_styled
def plot_forest(table: pd.DataFrame, ax: Axes | None = None, *, log: bool | None = None) -> Axes:
    """Forest plot: one row per (dataset × method) with estimate, interval and reference.

    Parameters
    ----------
    table : DataFrame
        Required: ``estimate, lower, upper`` and row labels from ``label`` or
        ``dataset`` + ``method`` (or ``method``).  Optional: ``ref_estimate`` (a black
        cross, "reference (R)"), ``ref_lower, ref_upper`` (thin black whiskers),
        ``observed`` (documented, blue square), ``status`` (shown when no estimate).
        :func:`estimators.studies.comparison.reference_comparison` output fits as is.
    log : bool, optional
        Log x axis (default: when values span more than a factor 20).

    Returns
    -------
    Axes
    """
    ax = _axes(ax, (7.5, 0.38 * len(table) + 1.6))
    labels = _row_labels(table)
    # Several methods: each in its own colour and marker (METHOD_STYLES), one legend entry each.
    row_styles = ([method_style(str(m)) for m in table["method"]]
                  if "method" in table.columns and table["method"].nunique() > 1 else None)
    y = _interval_rows(
        ax, labels, table["estimate"].tolist(), table["lower"].tolist(), table["upper"].tolist(),
        observed=table["observed"].tolist() if "observed" in table.columns else None,
        status=table["status"].astype(str).tolist() if "status" in table.columns else None,
        row_styles=row_styles,
    )
    if "ref_estimate" in table.columns:
        ref = np.array([to_float(v) for v in table["ref_estimate"]])
        fin = np.isfinite(ref)
        if {"ref_lower", "ref_upper"} <= set(table.columns):
            rl = np.array([to_float(v) for v in table["ref_lower"]])
            ru = np.array([to_float(v) for v in table["ref_upper"]])
            both = fin & np.isfinite(rl) & np.isfinite(ru)
            if both.any():
                ax.errorbar(ref[both], y[both] - 0.22, xerr=[ref[both] - rl[both], ru[both] - ref[both]], fmt="none",
                            ecolor=REFERENCE_COLOR, lw=0.9, capsize=2)
        if fin.any():
            ax.plot(ref[fin], y[fin] - 0.22, "x", color=REFERENCE_COLOR, ms=7, mew=1.6, label=REFERENCE_LABEL)
    vals = pd.concat([pd.to_numeric(table[c], errors="coerce") for c in ("lower", "upper", "estimate") if c in table])
    vals = vals[np.isfinite(vals) & (vals > 0)]
    if len(vals):
        _maybe_log("x", ax, float(vals.min()), float(vals.max()), log)
    _thousands(ax.xaxis)
    _axis_label(ax, "x", "estimated total N (people)")
    ax.set_title("Estimates and 95% intervals by dataset and method")
    ax.grid(axis="x", color="0.9")
    ax.spines[["top", "right"]].set_visible(False)
    _legend_below(ax, ncol=3)
    return ax


@_styled
def plot_strata_totals(
    result_or_table: EstimateResult | pd.DataFrame, ax: Axes | None = None, *, method: str | None = None,
    unit: str = "children",
) -> Axes:
    """Estimate and interval per stratum and for the total; observed counts as documented.

    Parameters
    ----------
    result_or_table : EstimateResult or DataFrame
        A stratified result, or its ``summary()`` (columns ``stratum, observed, estimate,
        lower, upper, status``; the row whose stratum is ``"total"`` is the total).
    method : str, optional
        The method (its colour and marker from :data:`METHOD_STYLES`); default the
        result's own method.
    unit : str, default "children"
        What is counted (axis label).

    Returns
    -------
    Axes
    """
    table = result_or_table if isinstance(result_or_table, pd.DataFrame) else result_or_table.summary()
    if not isinstance(table, pd.DataFrame) or table.empty:
        raise ValueError("result_or_table must be a stratified EstimateResult or its summary() table")
    ax = _axes(ax, (7.0, 0.5 * len(table) + 1.6))
    # "origin=Synthetic oblast A" -> "Synthetic oblast A" (the values name the stratum).
    labels = [", ".join(part.split("=", 1)[-1] for part in str(s).split(", ")) if str(s) else "total"
              for s in table["stratum"]]
    name = method or (getattr(result_or_table, "method", None) if not isinstance(result_or_table, pd.DataFrame) else None)
    st = method_style(name) if name else MethodStyle("estimate", ESTIMATE_COLOR, "o", "-")
    y = _interval_rows(
        ax, labels, table["estimate"].tolist(), table["lower"].tolist(), table["upper"].tolist(),
        observed=table["observed"].tolist(), status=table["status"].astype(str).tolist(),
        color=st.color, marker=st.marker, est_label=f"{st.label}: {ESTIMATE_LABEL}" if name else ESTIMATE_LABEL,
    )
    is_total = np.array([lab == "total" for lab in labels])
    if is_total.any() and (~is_total).any():
        ax.axhline(float(y[is_total].max()) + 0.5, color="0.6", lw=0.8)
        for t in ax.get_yticklabels():
            if t.get_text() == "total":
                t.set_fontweight("bold")
    _thousands(ax.xaxis)
    ax.set_xlabel(unit)
    ax.set_title("Estimated total by stratum (strata estimated separately)")
    ax.grid(axis="x", color="0.9")
    ax.spines[["top", "right"]].set_visible(False)
    _legend_below(ax, ncol=2)
    return ax


@_styled
def plot_drop_one(table: pd.DataFrame, ax: Axes | None = None, *, unit: str = "children") -> Axes:
    """How the estimate moves when each list is left out (:func:`~estimators.studies.sensitivity.drop_one_list`).

    Parameters
    ----------
    table : DataFrame
        Columns ``dropped`` (None/empty for all lists), ``observed, estimate, lower,
        upper, status``.
    unit : str, default "children"
        What is counted (axis label).

    Returns
    -------
    Axes
    """
    ax = _axes(ax, (7.0, 0.55 * len(table) + 1.6))
    labels = [f"without {d}" if isinstance(d, str) and d else "all lists" for d in table["dropped"]]
    name = table.attrs.get("method")
    st = method_style(str(name)) if name else MethodStyle("estimate", ESTIMATE_COLOR, "o", "-")
    _interval_rows(
        ax, labels, table["estimate"].tolist(), table["lower"].tolist(), table["upper"].tolist(),
        observed=table["observed"].tolist(), status=table["status"].astype(str).tolist(),
        color=st.color, marker=st.marker, est_label=f"{st.label}: {ESTIMATE_LABEL}" if name else ESTIMATE_LABEL,
    )
    full = table[[not (isinstance(d, str) and d) for d in table["dropped"]]]
    if len(full) and pd.notna(full["estimate"].iloc[0]):
        ax.axvline(float(full["estimate"].iloc[0]), color=st.color, lw=0.9, ls=":",
                   label="estimate with all lists")
    _thousands(ax.xaxis)
    ax.set_xlabel(unit)
    ax.set_title("Sensitivity: the estimate with each list left out")
    ax.grid(axis="x", color="0.9")
    ax.spines[["top", "right"]].set_visible(False)
    _legend_below(ax, ncol=2)
    return ax


@_styled
def plot_coverage(table: pd.DataFrame, ax: Axes | None = None, *, nominal: float = 0.95) -> Axes:
    """Coverage of each method's interval, nominal line and binomial Monte Carlo band.

    Parameters
    ----------
    table : DataFrame
        :func:`estimators.studies.coverage.coverage_summary`: ``method, coverage, replicates``;
        optional ``design`` (added to the row label), ``ci_lower, ci_upper`` (interval of
        the coverage, drawn as whiskers).
    nominal : float, default 0.95
        Nominal level of the intervals.  The grey band is where a method with exactly
        nominal coverage lands 95% of the time with this many replicates
        (Binomial(replicates, nominal) quantiles / replicates).

    Returns
    -------
    Axes
    """
    from scipy import stats

    ax = _axes(ax, (7.0, 0.5 * len(table) + 1.8))
    labels = [
        f"{m} ({d})" if "design" in table.columns and table["design"].nunique() > 1 else str(m)
        for m, d in zip(table["method"], table["design"] if "design" in table.columns else table["method"], strict=True)
    ]
    y = np.arange(len(table))[::-1].astype(float)
    cov = table["coverage"].to_numpy(dtype=float)
    reps = table["replicates"].to_numpy(dtype=int)
    for yi, r in zip(y, reps, strict=True):
        lo, hi = stats.binom.ppf([0.025, 0.975], r, nominal) / r
        ax.fill_betweenx([yi - 0.4, yi + 0.4], lo, hi, color="0.85", lw=0)
    ax.fill_betweenx([], [], [], color="0.85", label="Monte Carlo band of an exactly nominal method")
    styles = [method_style(str(m), i) for i, m in enumerate(table["method"])]
    if {"ci_lower", "ci_upper"} <= set(table.columns):
        lo_c, hi_c = table["ci_lower"].to_numpy(dtype=float), table["ci_upper"].to_numpy(dtype=float)
        for i, st in enumerate(styles):
            ax.errorbar(cov[i : i + 1], y[i : i + 1], xerr=[cov[i : i + 1] - lo_c[i : i + 1], hi_c[i : i + 1] - cov[i : i + 1]],
                        fmt="none", ecolor=st.color, lw=1.2, capsize=3)
    for i, st in enumerate(styles):
        ax.plot(cov[i : i + 1], y[i : i + 1], st.marker, mfc="white", mec=st.color, mew=1.6, ms=7,
                label="_nolegend_" if i else "observed coverage (95% CI; marker and colour by method)")
    ax.axvline(nominal, color=REFERENCE_COLOR, ls="--", lw=1.2, label=f"nominal {nominal:.0%}")
    ax.set_yticks(y, [_wrap(s, 34) for s in labels])
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    lows = [float(np.nanmin(cov)), nominal, *(stats.binom.ppf(0.025, r, nominal) / r for r in reps)]
    if "ci_lower" in table.columns:
        lows.append(float(np.nanmin(table["ci_lower"].to_numpy(dtype=float))))
    # Every whisker and band whole; a little room right of 100% so a marker there is not cut.
    ax.set_xlim(max(0.0, min(lows) - 0.03), 1.015)
    ax.set_xlabel("share of simulated datasets whose interval covers the true N")
    ax.set_title("Coverage of the 95% intervals in simulation (SYNTHETIC populations)")
    ax.spines[["top", "right"]].set_visible(False)
    _legend_below(ax, ncol=2)
    return ax


# --------------------------------------------------------------------------- overlap (UpSet)
@_styled
def plot_upset(
    histories: CaptureHistories, ax: Axes | None = None, *, max_patterns: int = 15, min_count: int = 1,
    unit: str = "children",
) -> Axes:
    """UpSet-style overlap plot in one Axes: pattern counts above, the list matrix below.

    Bars (documented counts of people per capture pattern, largest first) sit above y = 0;
    below it, one row per list with a filled dot where the pattern includes the list.

    Parameters
    ----------
    histories : CaptureHistories
        Strata are summed.
    max_patterns : int, default 15
        Largest patterns shown; the rest are summed in the title note.
    min_count : int, default 1
        Patterns with fewer people are not drawn, and their number (never their count) is
        noted: small cells can identify people (public output).  List sizes below it read
        "<min_count".
    unit : str, default "children"
        What is counted (title and axis label).

    Returns
    -------
    Axes

    References
    ----------
    Lex et al. (2014).
    """
    if max_patterns < 1:
        raise ValueError(f"max_patterns must be at least 1; got {max_patterns!r}")
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1; got {min_count!r}")
    h = histories.collapse_strata()
    ax = _axes(ax, (max(7.0, 0.45 * min(max_patterns, len(h.counts)) + 2.5), 4.5 + 0.25 * h.k))
    order = np.argsort(-h.counts, kind="stable")
    small = order[h.counts[order] < min_count]
    order = order[h.counts[order] >= min_count]
    if not len(order):
        raise ValueError(f"every overlap pattern has fewer than {min_count} people: nothing can be shown")
    shown = order[:max_patterns]
    rest = int(h.counts[order[max_patterns:]].sum())
    counts = h.counts[shown].astype(float)
    pats = h.patterns[shown]
    top = float(counts.max())
    row_h = top * 0.11
    x = np.arange(len(shown))
    ax.bar(x, counts, color=DOCUMENTED_COLOR, width=0.65, label="people with this pattern (documented)")
    if len(shown) <= 25:
        for xi, c in zip(x, counts, strict=True):
            ax.text(float(xi), float(c), f"{c:,.0f}", ha="center", va="bottom", fontsize="small")
    rows_y = -row_h * (np.arange(h.k) + 1)
    for j, yy in enumerate(rows_y):
        if j % 2 == 0:
            ax.axhspan(yy - row_h / 2, yy + row_h / 2, color="0.95", zorder=0)
        ax.scatter(x, np.full(len(x), yy), s=40, color=np.where(pats[:, j] == 1, "0.1", "0.82"), zorder=3)
    for xi, p in zip(x, pats, strict=True):
        on = rows_y[p == 1]
        if on.size > 1:
            ax.plot([xi, xi], [on.min(), on.max()], color="0.1", lw=1.6, zorder=2)
    sizes = h.list_sizes
    from matplotlib.ticker import MaxNLocator

    ticks = [t for t in MaxNLocator(5, integer=True).tick_values(0, top) if 0 <= t <= top * 1.05]
    def size(v: int) -> str:
        return f"<{min_count}" if 0 < v < min_count else f"{v:,}"

    ax.set_yticks(
        list(ticks) + list(rows_y),
        [f"{t:,.0f}" for t in ticks] + [f"{_wrap(name, 24)} (n={size(sizes[name])})" for name in h.lists],
    )
    ax.axhline(0, color="0.4", lw=0.8)
    ax.set_ylim(rows_y.min() - row_h * 0.7, top * 1.12)
    ax.set_xlim(-0.7, len(x) - 0.3)
    ax.set_xticks([])
    ax.set_ylabel(f"{unit} per pattern")
    note = f"\n({rest:,} more in {len(order) - len(shown)} smaller patterns)" if rest else ""
    if len(small):
        note += f"\n({len(small)} pattern{'s' if len(small) > 1 else ''} with fewer than {min_count} people not shown)"
    ax.set_title(f"Overlap of the lists: {h.n:,} documented {unit}\nby capture pattern{note}")
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    return ax
