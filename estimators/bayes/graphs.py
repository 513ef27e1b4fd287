"""Decomposable (chordal) graphs on labelled vertices, and the numba kernels that score them.

Madigan & York (1997) average over *decomposable* graphical models of list dependence:
undirected graphs on the k lists whose every cycle of length four or more has a chord.
For such a graph the hyper-Dirichlet marginal likelihood factorises over the maximal
cliques C and the separators S of a junction tree (Dawid & Lauritzen 1993), so the
graph is described by those two multisets of vertex sets.

What is here:

* :func:`decompose` - chordality test and cliques / separators of one graph, by maximum
  cardinality search (Tarjan & Yannakakis 1984): an MCS order whose reverse is a perfect
  elimination order exists iff the graph is chordal, and the maximal cliques taken in
  the order of their last MCS vertex satisfy the running intersection property, so the
  separators are S_j = C_j ∩ (C_1 ∪ ... ∪ C_{j-1}) (Blair & Peyton 1993).  Empty
  separators (between connected components) are dropped; #cliques - #separators is then
  the number of connected components.
* :func:`enumerate_decomposable` - every decomposable graph on p vertices (8, 61, 822,
  18,154 for p = 3..6; OEIS A058862), cached per p.
* :func:`neighbours` - the MC³ move set (Madigan & York 1995): toggle one edge.  Any
  chordality test is valid for the move; Giudici & Green (1999) give faster local ones,
  which for the few lists of multiple systems estimation are not needed.
* numba kernels: the log marginal likelihood matrix over the grid of missing counts
  (:func:`comp_matrix`, Stirling's series for lgamma), the fused graphs x grid sum with
  a vectorised exp against one reference (:func:`grid_sums`), and the one-graph MC³
  score, its one-move update and inverse-CDF draws of the number missing.  Compiled
  once and cached on disk (``cache=True``); parallel only above
  :data:`PARALLEL_MIN_CELLS` cells of work.

Vertex i (list i, 0-based) is bit i of a vertex mask.  An edge set is an integer whose
bit ``pair_bit(i, j, p)`` is set when lists i and j are joined.

References
----------
Madigan, D. and York, J. C. (1997). Bayesian methods for estimation of the size of a
closed population. *Biometrika* 84(1), 19-31.
Madigan, D. and York, J. (1995). Bayesian graphical models for discrete data.
*International Statistical Review* 63(2), 215-232.
Dawid, A. P. and Lauritzen, S. L. (1993). Hyper Markov laws in the statistical analysis
of decomposable graphical models. *Annals of Statistics* 21(3), 1272-1317.
Tarjan, R. E. and Yannakakis, M. (1984). Simple linear-time algorithms to test chordality
of graphs, test acyclicity of hypergraphs, and selectively reduce acyclic hypergraphs.
*SIAM Journal on Computing* 13(3), 566-579.
Blair, J. R. S. and Peyton, B. (1993). An introduction to chordal graphs and clique trees.
In *Graph Theory and Sparse Matrix Computation*, IMA Vol. 56, 1-29. Springer.
Giudici, P. and Green, P. J. (1999). Decomposable graphical Gaussian model determination.
*Biometrika* 86(4), 785-801.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numba
import numpy as np

# Number of labelled decomposable (chordal) graphs on p vertices (OEIS A058862).
KNOWN_COUNTS: dict[int, int] = {
    1: 1,
    2: 2,
    3: 8,
    4: 61,
    5: 822,
    6: 18154,
    7: 617675,
    8: 30888596,
    9: 2192816760,
}

#: Largest p for which :func:`enumerate_decomposable` may be called (2^15 graphs tested at p = 6).
MAX_ENUMERATED_VERTICES = 6


@dataclass(frozen=True)
class DecomposableGraph:
    """A decomposable graph: its edge set, maximal cliques and non-empty separators.

    Attributes
    ----------
    p : number of vertices.
    edges : edge-set bitmask (see :func:`pair_bit`).
    cliques : vertex masks of the maximal cliques, in a running-intersection order.
    separators : vertex masks of the non-empty separators, with multiplicity.
    """

    p: int
    edges: int
    cliques: tuple[int, ...]
    separators: tuple[int, ...]

    @property
    def n_components(self) -> int:
        """Connected components (= #cliques - #non-empty separators of a junction tree)."""
        return len(self.cliques) - len(self.separators)

    def clique_lists(self) -> list[list[int]]:
        """Cliques as sorted lists of vertex indices."""
        return [vertices(c) for c in self.cliques]

    def label(self, names: tuple[str, ...] | list[str]) -> str:
        """Cliques written ``[A,B][C]`` with the vertex names, as dga prints models."""
        return "".join("[" + ",".join(names[i] for i in vertices(c)) + "]" for c in self.cliques)

    def clique_sets(self, names: tuple[str, ...] | list[str]) -> frozenset[frozenset[str]]:
        """Cliques as a set of sets of names (order-free comparison with other software)."""
        return frozenset(frozenset(names[i] for i in vertices(c)) for c in self.cliques)


def vertices(mask: int) -> list[int]:
    """Indices of the set bits of ``mask``, ascending."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def n_pairs(p: int) -> int:
    """Number of possible edges on p vertices."""
    return p * (p - 1) // 2


@lru_cache(maxsize=64)
def pair_list(p: int) -> tuple[tuple[int, int], ...]:
    """The vertex pairs (i < j) in edge-bit order: (0,1), (0,2), ..., (p-2,p-1)."""
    return tuple((i, j) for i in range(p) for j in range(i + 1, p))


def pair_bit(i: int, j: int, p: int) -> int:
    """Bit index of the edge {i, j} in an edge-set mask."""
    if i > j:
        i, j = j, i
    return i * (2 * p - i - 1) // 2 + (j - i - 1)


def adjacency(edges: int, p: int) -> list[int]:
    """Neighbour masks of each vertex from an edge-set mask."""
    adj = [0] * p
    for b, (i, j) in enumerate(pair_list(p)):
        if edges >> b & 1:
            adj[i] |= 1 << j
            adj[j] |= 1 << i
    return adj


def edges_from_cliques(cliques: list[list[int]] | tuple[tuple[int, ...], ...], p: int) -> int:
    """Edge-set mask of the graph whose maximal cliques include ``cliques``."""
    e = 0
    for c in cliques:
        cs = sorted(c)
        for a in range(len(cs)):
            for b in range(a + 1, len(cs)):
                e |= 1 << pair_bit(cs[a], cs[b], p)
    return e


def mcs_order(adj: list[int], p: int) -> list[int]:
    """Maximum cardinality search order (ties to the smallest vertex index)."""
    weight = [0] * p
    unnumbered = (1 << p) - 1
    order: list[int] = []
    for _ in range(p):
        best, best_w = -1, -1
        rest = unnumbered
        while rest:
            low = rest & -rest
            v = low.bit_length() - 1
            if weight[v] > best_w:
                best, best_w = v, weight[v]
            rest ^= low
        order.append(best)
        unnumbered &= ~(1 << best)
        nb = adj[best] & unnumbered
        while nb:
            low = nb & -nb
            weight[low.bit_length() - 1] += 1
            nb ^= low
    return order


def decompose(edges: int, p: int) -> DecomposableGraph | None:
    """Cliques and separators of the graph ``edges`` on p vertices, or None if it is not chordal.

    MCS numbering v_1..v_p; the graph is chordal iff every set of earlier neighbours
    pa(v_i) is complete (the reverse order is then a perfect elimination order).  The
    sets K_i = pa(v_i) ∪ {v_i} include every maximal clique; the maximal ones, in the
    order of i, have the running intersection property (Tarjan & Yannakakis 1984).
    Compiled (numba) up to :data:`MAX_COMPILED_VERTICES` vertices, pure Python above.
    """
    if p <= MAX_COMPILED_VERTICES:
        out = np.empty(2 * p, dtype=np.int64)
        nc, ns = _decompose_nb(edges, p, out)
        if nc < 0:
            return None
        return DecomposableGraph(
            p=p, edges=edges, cliques=tuple(out[:nc].tolist()), separators=tuple(out[p : p + ns].tolist())
        )
    return _decompose_py(edges, p)


#: Largest vertex count handled by the compiled decomposition (edge masks fit in int64).
MAX_COMPILED_VERTICES = 11


@numba.njit(cache=True)
def _decompose_nb(edges: int, p: int, out: np.ndarray) -> tuple[int, int]:  # pragma: no cover
    """Compiled :func:`_decompose_py`: cliques into out[:nc], separators into out[p:p+ns];
    (-1, -1) when the graph is not chordal."""
    adj = np.zeros(p, np.int64)
    b = 0
    for i in range(p):
        for j in range(i + 1, p):
            if (edges >> b) & 1:
                adj[i] |= np.int64(1) << j
                adj[j] |= np.int64(1) << i
            b += 1
    weight = np.zeros(p, np.int64)
    numbered = np.zeros(p, np.bool_)
    ks = np.zeros(p, np.int64)
    done = np.int64(0)
    for step in range(p):
        best = -1
        best_w = -1
        for v in range(p):
            if not numbered[v] and weight[v] > best_w:
                best = v
                best_w = weight[v]
        numbered[best] = True
        pa = adj[best] & done
        for u in range(p):
            if (pa >> u) & 1:
                if (pa & ~(np.int64(1) << u)) & ~adj[u]:
                    return -1, -1
        ks[step] = pa | (np.int64(1) << best)
        done |= np.int64(1) << best
        for u in range(p):
            if not numbered[u] and (adj[best] >> u) & 1:
                weight[u] += 1
    nc = 0
    for i in range(p):
        maximal = True
        for j in range(i + 1, p):
            if (ks[i] & ks[j]) == ks[i]:
                maximal = False
                break
        if maximal:
            out[nc] = ks[i]
            nc += 1
    ns = 0
    union = np.int64(0)
    for i in range(nc):
        sep = out[i] & union
        if sep != 0:
            out[p + ns] = sep
            ns += 1
        union |= out[i]
    return nc, ns


def _decompose_py(edges: int, p: int) -> DecomposableGraph | None:
    """Pure-Python :func:`decompose` (any p; edge masks as Python integers)."""
    adj = adjacency(edges, p)
    order = mcs_order(adj, p)
    numbered = 0
    ks: list[int] = []
    for v in order:
        pa = adj[v] & numbered
        rest = pa
        while rest:
            low = rest & -rest
            u = low.bit_length() - 1
            if (pa & ~low) & ~adj[u]:
                return None
            rest ^= low
        ks.append(pa | (1 << v))
        numbered |= 1 << v
    cliques: list[int] = []
    for i, k in enumerate(ks):
        if not any((k & ks[j]) == k for j in range(i + 1, len(ks))):
            cliques.append(k)
    separators: list[int] = []
    union = 0
    for c in cliques:
        s = c & union
        if s:
            separators.append(s)
        union |= c
    return DecomposableGraph(p=p, edges=edges, cliques=tuple(cliques), separators=tuple(separators))


def is_decomposable(edges: int, p: int) -> bool:
    """True when the graph ``edges`` on p vertices is chordal."""
    return decompose(edges, p) is not None


@lru_cache(maxsize=8)
def enumerate_decomposable(p: int) -> tuple[DecomposableGraph, ...]:
    """Every decomposable graph on p labelled vertices, in edge-mask order (cached per p).

    All 2^(p(p-1)/2) labelled graphs are tested with :func:`decompose`.  Counts: 8, 61,
    822 and 18,154 for p = 3, 4, 5, 6 (OEIS A058862).

    Raises
    ------
    ValueError
        If p < 1 or p > :data:`MAX_ENUMERATED_VERTICES` (617,675 graphs at p = 7: use MC³).
    """
    if not isinstance(p, int) or p < 1:
        raise ValueError(f"p must be a positive integer; got {p!r}")
    if p > MAX_ENUMERATED_VERTICES:
        raise ValueError(
            f"enumerating decomposable graphs on {p} vertices is impractical "
            f"({KNOWN_COUNTS.get(p, 'too many')} graphs); use the MC³ search instead"
        )
    out = []
    for edges in range(1 << n_pairs(p)):
        g = decompose(edges, p)
        if g is not None:
            out.append(g)
    return tuple(out)


def neighbours(edges: int, p: int) -> list[int]:
    """Edge sets one edge toggle away from ``edges`` (the MC³ proposal set, decomposable or not)."""
    return [edges ^ (1 << b) for b in range(n_pairs(p))]


def random_decomposable(p: int, rng: np.random.Generator, steps: int | None = None) -> int:
    """A random decomposable edge set: ``steps`` random edge toggles from the empty graph,
    keeping only those that stay decomposable (an over-dispersed MC³ starting point)."""
    e = 0
    m = n_pairs(p)
    if m == 0:
        return 0
    for b in rng.integers(0, m, size=steps if steps is not None else 2 * m):
        cand = e ^ (1 << int(b))
        if decompose(cand, p) is not None:
            e = cand
    return e


# ----------------------------------------------------------------------------- kernels
_HALF_LOG_2PI = 0.9189385332046727
_LOG2E = 1.4426950408889634
_LN2_HI = 6.93147180369123816490e-01  # fdlibm split of log(2): k * _LN2_HI is exact for |k| < 2^21
_LN2_LO = 1.90821492927058770002e-10
#: Fast-math flags of the fused kernel: no signed zeros and reciprocals only (no finite-math
#: assumptions: -inf log weights must stay -inf).  No FMA contraction: whether LLVM fuses a
#: multiply-add depended on inlining, which differs between a fresh compile and code linked
#: against cached callees, so a process and its workers disagreed in the last digit.  No
#: reassociation either, for the same reason: on an AMD EPYC host (2026-12-08) a fresh compile
#: and the cached kernels summed in different orders and the model probabilities differed in
#: the last digit (tests/test_dga_exact_draws.py caught it).
_FASTMATH = {"nsz", "arcp"}


@numba.njit(cache=True)
def _lgamma(x: float) -> float:  # pragma: no cover
    """log Gamma(x): Stirling's series with five correction terms for x >= 15 (absolute
    error < 3e-16 there; agrees with scipy.special.gammaln to ~1 ulp of the result), libm below."""
    if x < 15.0:
        return math.lgamma(x)
    r = 1.0 / x
    r2 = r * r
    s = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188)))))
    return (x - 0.5) * math.log(x) - x + _HALF_LOG_2PI + s


@numba.njit(cache=True)
def _exp_parts(x: float) -> tuple[float, np.int64]:  # pragma: no cover
    """exp(x) = p * 2^k for -1075 < x < 709: returns p and the bit pattern of 2^k.

    Cody-Waite reduction x = k log 2 + r, |r| <= log(2)/2, and the degree-13 Taylor
    polynomial of exp(r) (truncation error < 1e-17): within 1 ulp of libm's exp.  Kept a
    separate function (not inlined at Numba-IR level) so that the caller's reassociation
    flags do not reach the polynomial; plain arithmetic lets LLVM vectorise the loop.
    """
    kf = np.floor(x * _LOG2E + 0.5)
    r = (x - kf * _LN2_HI) - kf * _LN2_LO
    p = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r * (
        1.0 / 5040 + r * (1.0 / 40320 + r * (1.0 / 362880 + r * (1.0 / 3628800 + r * (
            1.0 / 39916800 + r * (1.0 / 479001600 + r * (1.0 / 6227020800)))))))))))))
    return p, (np.int64(kf) + 1023) << 52


@numba.njit(cache=True, parallel=True)
def _comp_matrix_parallel(m0: int, n_grid: int, shift: np.ndarray, const: np.ndarray) -> np.ndarray:  # pragma: no cover
    nc = shift.size
    out = np.empty((nc, n_grid))
    for c in numba.prange(nc):
        a = shift[c]
        k = const[c]
        for i in range(n_grid):
            out[c, i] = _lgamma(m0 + i + a) + k
    return out


@numba.njit(cache=True)
def _comp_matrix_serial(m0: int, n_grid: int, shift: np.ndarray, const: np.ndarray) -> np.ndarray:  # pragma: no cover
    nc = shift.size
    out = np.empty((nc, n_grid))
    for c in range(nc):
        a = shift[c]
        k = const[c]
        for i in range(n_grid):
            out[c, i] = _lgamma(m0 + i + a) + k
    return out


#: Work (cells) above which the kernels use every numba thread; below it, threads cost
#: more than they save (and on a busy machine a parallel region waits for free cores).
PARALLEL_MIN_CELLS = 2**25


def comp_matrix(m0: int, n_grid: int, shift: np.ndarray, const: np.ndarray) -> np.ndarray:
    """out[c, i] = lgamma(m0 + i + shift[c]) + const[c], shape (len(shift), n_grid)."""
    # lgamma costs ~15 times a cell of grid_sums: parallel from PARALLEL_MIN_CELLS / 16 values
    if shift.size > 1 and shift.size * n_grid * 16 >= PARALLEL_MIN_CELLS:
        return _comp_matrix_parallel(m0, n_grid, shift, const)  # type: ignore[no-any-return]
    return _comp_matrix_serial(m0, n_grid, shift, const)  # type: ignore[no-any-return]


@numba.njit(cache=True, fastmath=_FASTMATH)
def _block_sums(
    comp: np.ndarray,
    colterm: np.ndarray,
    dterm: np.ndarray,
    ptr: np.ndarray,
    idx: np.ndarray,
    sgn: np.ndarray,
    ncomp: np.ndarray,
    rowconst: np.ndarray,
    ref: float,
    cutoff: float,
    lo: int,
    hi: int,
    rows: np.ndarray,
    cols: np.ndarray,
) -> float:  # pragma: no cover
    """Serial body of :func:`grid_sums` for grid points lo..hi-1 (a plain function so that
    LLVM vectorises its inner loops, which it does not do inside a parfor body)."""
    width = hi - lo
    n_graphs = ptr.size - 1
    v = np.empty(width)
    base = np.empty(width)
    dt = np.empty(width)
    acc = np.zeros(width)
    pbuf = np.empty(width)
    kbuf = np.empty(width, np.int64)
    for i in range(width):
        base[i] = colterm[lo + i] - ref
        dt[i] = dterm[lo + i]
    block_max = -np.inf
    for g in range(n_graphs):
        nc = ncomp[g]
        rc = rowconst[g]
        for i in range(width):
            v[i] = base[i] + nc * dt[i] + rc
        last = ptr[g + 1] - 1
        for t in range(ptr[g], last):
            s = sgn[t]
            row = comp[idx[t], lo:hi]
            for i in range(width):
                v[i] += s * row[i]
        s = sgn[last]
        row = comp[idx[last], lo:hi]
        gmax = -np.inf
        for i in range(width):  # last term fused with the block maximum
            x = v[i] + s * row[i]
            v[i] = x
            gmax = max(gmax, x)
        block_max = max(block_max, gmax)
        if not gmax > cutoff:
            rows[g] = 0.0
            continue
        for i in range(width):
            p, bits = _exp_parts(min(max(v[i], cutoff - 1.0), 700.0))
            pbuf[i] = p
            kbuf[i] = bits
        scale = kbuf.view(np.float64)
        total = 0.0
        for i in range(width):
            e = pbuf[i] * scale[i] if v[i] > cutoff else 0.0
            acc[i] += e
            total += e
        rows[g] = total
    for i in range(width):
        cols[lo + i] = acc[i]
    return block_max


def grid_sums(
    comp: np.ndarray,
    colterm: np.ndarray,
    dterm: np.ndarray,
    ptr: np.ndarray,
    idx: np.ndarray,
    sgn: np.ndarray,
    ncomp: np.ndarray,
    rowconst: np.ndarray,
    ref: float,
    cutoff: float,
    block: int,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Fused graphs x grid sums of exp(log posterior - ref).

    ``comp`` is (subsets, grid).  For graph g and grid point i the log posterior is
    ``l[g, i] = sum_t sgn[t] comp[idx[t], i] (t in ptr[g]:ptr[g+1]) + ncomp[g] dterm[i]
    + colterm[i] + rowconst[g]``.  The grid is cut into blocks of ``block`` points (one
    thread each when the work exceeds :data:`PARALLEL_MIN_CELLS`); within a block every
    graph's row is built with contiguous vector adds and exponentiated with a vectorised
    exp.  Cells with ``l - ref <= cutoff`` count as 0 (below exp(cutoff) relative to the
    reference: invisible in a double precision sum), and a graph whose whole block is
    below the cutoff is skipped.  Returns the row sums (per graph), the column sums (per
    grid point) and the largest l (the caller re-runs with a higher ``ref`` if it exceeds
    ``ref`` by more than the exp overflow margin).
    """
    args = (comp, colterm, dterm, ptr, idx, sgn, ncomp, rowconst, float(ref), float(cutoff), int(block))
    if (ptr.size - 1) * comp.shape[1] >= PARALLEL_MIN_CELLS:
        return _grid_sums_parallel(*args)  # type: ignore[no-any-return]
    return _grid_sums_serial(*args)  # type: ignore[no-any-return]


@numba.njit(cache=True, parallel=True)
def _grid_sums_parallel(
    comp: np.ndarray,
    colterm: np.ndarray,
    dterm: np.ndarray,
    ptr: np.ndarray,
    idx: np.ndarray,
    sgn: np.ndarray,
    ncomp: np.ndarray,
    rowconst: np.ndarray,
    ref: float,
    cutoff: float,
    block: int,
) -> tuple[np.ndarray, np.ndarray, float]:  # pragma: no cover
    n_grid = comp.shape[1]
    n_graphs = ptr.size - 1
    nblocks = (n_grid + block - 1) // block
    rows_part = np.zeros((nblocks, n_graphs))
    cols = np.zeros(n_grid)
    maxes = np.full(nblocks, -np.inf)
    for b in numba.prange(nblocks):
        lo = b * block
        hi = min(n_grid, lo + block)
        maxes[b] = _block_sums(
            comp, colterm, dterm, ptr, idx, sgn, ncomp, rowconst, ref, cutoff, lo, hi, rows_part[b], cols
        )
    rows = rows_part.sum(axis=0)
    return rows, cols, maxes.max() + ref


@numba.njit(cache=True)
def _grid_sums_serial(
    comp: np.ndarray,
    colterm: np.ndarray,
    dterm: np.ndarray,
    ptr: np.ndarray,
    idx: np.ndarray,
    sgn: np.ndarray,
    ncomp: np.ndarray,
    rowconst: np.ndarray,
    ref: float,
    cutoff: float,
    block: int,
) -> tuple[np.ndarray, np.ndarray, float]:  # pragma: no cover
    n_grid = comp.shape[1]
    n_graphs = ptr.size - 1
    rows = np.zeros(n_graphs)
    part = np.zeros(n_graphs)
    cols = np.zeros(n_grid)
    top = -np.inf
    for lo in range(0, n_grid, block):
        hi = min(n_grid, lo + block)
        top = max(top, _block_sums(comp, colterm, dterm, ptr, idx, sgn, ncomp, rowconst, ref, cutoff, lo, hi, part, cols))
        rows += part
    return rows, cols, top + ref


@numba.njit(cache=True)
def comp_row(m0: int, n_grid: int, shift: float, const: float) -> np.ndarray:  # pragma: no cover
    """lgamma(m0 + i + shift) + const for i < n_grid (one subset; serial)."""
    out = np.empty(n_grid)
    for i in range(n_grid):
        out[i] = _lgamma(m0 + i + shift) + const
    return out


@numba.njit(cache=True, fastmath=_FASTMATH)
def graph_logpost(
    comp: np.ndarray, rows: np.ndarray, sgns: np.ndarray, ncomp: float, colterm: np.ndarray, dterm: np.ndarray
) -> np.ndarray:  # pragma: no cover
    """Log posterior of one graph over the grid: sum_t sgns[t] comp[rows[t]] + ncomp dterm + colterm."""
    n_grid = colterm.size
    v = np.empty(n_grid)
    for i in range(n_grid):
        v[i] = colterm[i] + ncomp * dterm[i]
    for t in range(rows.size):
        s = sgns[t]
        r = comp[rows[t]]
        for i in range(n_grid):
            v[i] += s * r[i]
    return v


@numba.njit(cache=True, fastmath=_FASTMATH)
def _log_sum_exp(v: np.ndarray) -> float:  # pragma: no cover
    """log sum_i exp(v[i]), exponentiated against the maximum (terms below exp(-700) as 0)."""
    n = v.size
    top = -np.inf
    for i in range(n):
        top = max(top, v[i])
    if not np.isfinite(top):
        return top
    pbuf = np.empty(n)
    kbuf = np.empty(n, np.int64)
    for i in range(n):
        p, bits = _exp_parts(max(v[i] - top, -700.0))
        pbuf[i] = p
        kbuf[i] = bits
    scale = kbuf.view(np.float64)
    total = 0.0
    for i in range(n):
        total += pbuf[i] * scale[i] if v[i] - top > -700.0 else 0.0
    return top + math.log(total)


@numba.njit(cache=True, fastmath=_FASTMATH)
def graph_log_mass(
    comp: np.ndarray,
    rows: np.ndarray,
    sgns: np.ndarray,
    ncomp: float,
    colterm: np.ndarray,
    dterm: np.ndarray,
    out: np.ndarray,
) -> float:  # pragma: no cover
    """log sum over the grid of exp(graph log posterior): the MC³ score of one graph.
    The log posterior vector is left in ``out``."""
    n_grid = colterm.size
    for i in range(n_grid):
        out[i] = colterm[i] + ncomp * dterm[i]
    for t in range(rows.size):
        s = sgns[t]
        r = comp[rows[t]]
        for i in range(n_grid):
            out[i] += s * r[i]
    return _log_sum_exp(out)


@numba.njit(cache=True, fastmath=_FASTMATH)
def graph_log_mass_delta(
    base: np.ndarray,
    comp: np.ndarray,
    rows: np.ndarray,
    coefs: np.ndarray,
    dncomp: float,
    dterm: np.ndarray,
    out: np.ndarray,
) -> float:  # pragma: no cover
    """:func:`graph_log_mass` of a graph whose log posterior differs from ``base`` (another
    graph's) by ``sum_t coefs[t] comp[rows[t]] + dncomp dterm`` (a one-edge MC³ move
    changes only a few cliques and separators)."""
    n_grid = base.size
    for i in range(n_grid):
        out[i] = base[i] + dncomp * dterm[i]
    for t in range(rows.size):
        s = coefs[t]
        r = comp[rows[t]]
        for i in range(n_grid):
            out[i] += s * r[i]
    return _log_sum_exp(out)


@numba.njit(cache=True, fastmath=_FASTMATH)
def _cumulative_exp(v: np.ndarray, top: float) -> np.ndarray:  # pragma: no cover
    """Running sums of exp(v - top) (terms below exp(-700) as 0)."""
    n = v.size
    pbuf = np.empty(n)
    kbuf = np.empty(n, np.int64)
    for i in range(n):
        p, bits = _exp_parts(max(v[i] - top, -700.0))
        pbuf[i] = p
        kbuf[i] = bits
    scale = kbuf.view(np.float64)
    cdf = np.empty(n)
    acc = 0.0
    for i in range(n):
        acc += pbuf[i] * scale[i] if v[i] - top > -700.0 else 0.0
        cdf[i] = acc
    return cdf


@numba.njit(cache=True)
def sample_grid(
    comp: np.ndarray,
    rows: np.ndarray,
    sgns: np.ndarray,
    ncomp: float,
    colterm: np.ndarray,
    dterm: np.ndarray,
    u: np.ndarray,
) -> np.ndarray:  # pragma: no cover
    """Grid indices drawn by inverse CDF of one graph's posterior over the grid, for uniforms u."""
    v = graph_logpost(comp, rows, sgns, ncomp, colterm, dterm)
    cdf = _cumulative_exp(v, v.max())
    total = cdf[-1]
    out = np.empty(u.size, np.int64)
    for j in range(u.size):
        k = np.searchsorted(cdf, u[j] * total, side="right")
        out[j] = min(k, v.size - 1)
    return out
