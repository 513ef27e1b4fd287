"""Cells, interaction terms and design matrices of the incomplete 2^k table.

Conventions
-----------
* Patterns and the canonical cell order are defined in :mod:`estimators.cells`.
* A *term* is a tuple of 0-based list indices in increasing order: ``(0,)`` is the main
  effect of list 1, ``(0, 2)`` the interaction of lists 1 and 3.
* A hierarchical model is given by its interaction terms (order >= 2); main effects
  are always included.  Its Rcapture-style name lists the generating class with
  1-based list numbers, highest order first, e.g. ``[125,13,24,45]``.

References
----------
Fienberg, S. E. (1972). The multiple recapture census for closed populations and
incomplete 2^k contingency tables. Biometrika 59, 591-603.
Baillargeon, S. and Rivest, L.-P. (2007). Rcapture: loglinear models for
capture-recapture in R. Journal of Statistical Software 19(5).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import numpy as np

from ..cells import cell_patterns as cell_patterns  # noqa: F401  (re-export: search.py, pymc_loglinear.py)
from ..exceptions import SettingsError

Term = tuple[int, ...]


def all_pair_terms(k: int) -> list[Term]:
    """All two-way interaction terms of k lists, in lexicographic order."""
    return [tuple(c) for c in itertools.combinations(range(k), 2)]


def term_column(patterns: np.ndarray, term: Term) -> np.ndarray:
    """0/1 column: 1 where every list of ``term`` is present."""
    return np.prod(patterns[:, list(term)], axis=1).astype(float)


def closure(terms: Iterable[Term]) -> list[Term]:
    """Hierarchical closure: every interaction term with all its sub-terms of order >= 2.

    Returned sorted by order, then lexicographically.
    """
    out: set[Term] = set()
    for term in terms:
        term = tuple(sorted(term))
        for order in range(2, len(term) + 1):
            out.update(itertools.combinations(term, order))
    return sorted(out, key=lambda t: (len(t), t))


def generating_class(terms: Iterable[Term], k: int) -> list[Term]:
    """Maximal terms of a hierarchical model, main effects not covered included."""
    full = closure(terms)
    maximal = [t for t in full if not any(set(t) < set(u) for u in full)]
    covered = {i for t in maximal for i in t}
    singles = [(i,) for i in range(k) if i not in covered]
    maximal.sort(key=lambda t: (-len(t), t))
    return maximal + singles


def rcapture_name(terms: Iterable[Term], k: int) -> str:
    """Rcapture's ``closedpMS.t`` name of a hierarchical model, e.g. ``[12,13,45]``.

    Only defined for k <= 9 (one digit per list).
    """
    if k > 9:
        raise ValueError(f"Rcapture-style model names need at most 9 lists; got {k}")
    gens = generating_class(terms, k)
    return "[" + ",".join("".join(str(i + 1) for i in t) for t in gens) + "]"


def parse_rcapture_name(name: str, k: int) -> list[Term]:
    """Inverse of :func:`rcapture_name`: the interaction terms (closed) of a model name."""
    body = name.strip()
    if not (body.startswith("[") and body.endswith("]")):
        raise SettingsError(f"model name must look like '[12,3]'; got {name!r}")
    gens = [g for g in body[1:-1].split(",") if g]
    terms: list[Term] = []
    for g in gens:
        idx = tuple(sorted(int(ch) - 1 for ch in g))
        if any(i < 0 or i >= k for i in idx):
            raise SettingsError(f"model name {name!r} refers to a list outside 1..{k}")
        if len(idx) >= 2:
            terms.append(idx)
    return closure(terms)


def terms_label(terms: Sequence[Term], lists: Sequence[str]) -> str:
    """Human-readable label, e.g. ``"LA:NG + NG:PF"`` (``"main effects"`` if none)."""
    gens = [t for t in generating_class(terms, len(lists)) if len(t) >= 2]
    if not gens:
        return "main effects"
    return " + ".join(":".join(lists[i] for i in t) for t in gens)


def parse_terms(spec: str, lists: Sequence[str]) -> list[Term]:
    """Parse ``"L1:L2,L2:L3"`` (commas or ``+``) into closed interaction terms.

    List names are matched exactly; 1-based list numbers are accepted too
    (``"1:2,2:3"``).  An empty string or ``"main"`` means the main-effects model.

    Raises
    ------
    ValueError
        If a name is unknown, a term repeats a list, or a term has fewer than 2 lists.
    """
    text = spec.strip()
    if text in ("", "main", "main effects", "[]"):
        return []
    if text.startswith("["):
        return parse_rcapture_name(text, len(lists))
    index = {name: i for i, name in enumerate(lists)}
    terms: list[Term] = []
    for raw in text.replace("+", ",").split(","):
        raw = raw.strip()
        if not raw:
            continue
        parts = [p.strip() for p in raw.split(":")]
        idx: list[int] = []
        for p in parts:
            if p in index:
                idx.append(index[p])
            elif p.isdigit() and 1 <= int(p) <= len(lists):
                idx.append(int(p) - 1)
            else:
                raise SettingsError(
                    f"unknown list {p!r} in model term {raw!r}; lists are {', '.join(lists)}"
                )
        if len(idx) < 2:
            raise SettingsError(f"model term {raw!r} must join at least two lists with ':'")
        if len(set(idx)) != len(idx):
            raise SettingsError(f"model term {raw!r} names a list twice")
        if len(idx) >= len(lists):
            raise SettingsError(
                f"model term {raw!r} is the {len(lists)}-way interaction, which the "
                "incomplete table cannot identify"
            )
        terms.append(tuple(sorted(idx)))
    return closure(terms)


def design_matrix(patterns: np.ndarray, terms: Sequence[Term]) -> np.ndarray:
    """Design matrix: intercept, k main effects, then one column per interaction term."""
    k = patterns.shape[1]
    cols = [np.ones(patterns.shape[0])]
    cols += [patterns[:, i].astype(float) for i in range(k)]
    cols += [term_column(patterns, t) for t in terms]
    return np.column_stack(cols)


def hierarchical_models(k: int, maxorder: int = 2) -> list[list[Term]]:
    """Every hierarchical model with all main effects and interactions up to ``maxorder``.

    This is the model set of Rcapture's ``closedpMS.t(..., maxorder)`` (its default
    ``forced = 1:t`` keeps every main effect): for k = 6 and maxorder = 2 it has
    2^15 = 32,768 models.

    Returns
    -------
    list of list of Term
        Each model as its closed list of interaction terms, sorted.
    """
    if not 1 <= maxorder <= k - 1:
        raise SettingsError(f"maxorder must be between 1 and k - 1 = {k - 1}; got {maxorder}")
    candidates: list[Term] = [
        t for order in range(2, maxorder + 1) for t in itertools.combinations(range(k), order)
    ]
    if maxorder == 2:  # no hierarchy constraint among two-way terms: every subset, same order
        return [list(itertools.compress(candidates, bits)) for bits in itertools.product((0, 1), repeat=len(candidates))]
    models: list[list[Term]] = []

    def rec(pos: int, chosen: list[Term], chosen_set: set[Term]) -> None:
        if pos == len(candidates):
            models.append(list(chosen))
            return
        term = candidates[pos]
        rec(pos + 1, chosen, chosen_set)
        subs = list(itertools.combinations(term, len(term) - 1)) if len(term) > 2 else []
        if all(s in chosen_set for s in subs):
            chosen.append(term)
            chosen_set.add(term)
            rec(pos + 1, chosen, chosen_set)
            chosen.pop()
            chosen_set.discard(term)

    rec(0, [], set())
    return models
