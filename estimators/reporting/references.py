"""Numbered tables, numbered references to pinned published figures, and a glossary.

Both rendering paths number figures (``@fig-`` labels); tables and references are
numbered here, in the text itself, so that Quarto and the built-in renderer print the same
numbers.  A report states its tables' order once (:class:`TableNumbers`), cites pinned
figures as it goes (:class:`Citations`, numbered in order of first citation) and prints the
reference list and glossary at the end.  Nothing here computes a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .._format import QUALIFIER_WORDS

#: How each ``verification_status`` of ``data/published_counts.csv`` reads in a reference list.
VERIFICATION_WORDS: dict[str, str] = {
    "verified_in_source": "Verified: the figure and its date were seen on that page",
    "domain_notes_only": "Not verified: no source page with this figure was found",
    "unverified": "Not verified",
}

#: Plain-language meaning of each result status, beside the technical name.
STATUS_WORDS: dict[str, str] = {
    "ok": "estimate given",
    "warning": "estimate given, with a warning",
    "not_converged": "no estimate: the sampler did not settle (not converged)",
    "mle_does_not_exist": "no estimate: the data cannot bound the total (no maximum-likelihood estimate)",
    "not_identifiable": "no estimate: the model has more unknowns than the data can fix (not identifiable)",
    "insufficient_data": "no estimate: too few lists or people (insufficient data)",
}


def status_words(status: object) -> str:
    """A status in plain words, e.g. ``"estimate given"`` for ``ok``.

    Examples
    --------
    >>> status_words("mle_does_not_exist")
    'no estimate: the data cannot bound the total (no maximum-likelihood estimate)'
    """
    text = str(getattr(status, "value", status))
    return STATUS_WORDS.get(text, text.replace("_", " "))


class TableNumbers:
    """Numbers of a report's tables.

    Parameters
    ----------
    labels : sequence of str, optional
        The tables' labels in the order they appear, fixed up front so that the text can
        refer to any table, before or after it.  Without labels, a table is numbered when
        it is first referred to or captioned (for a report whose tables depend on the
        data: refer to a table only just before it).

    Examples
    --------
    >>> t = TableNumbers(["sources", "scenarios"])
    >>> t.ref("scenarios"), t.caption("sources", "The two counts (children).")
    ('Table 2', 'Table 1. The two counts (children).')
    >>> lazy = TableNumbers()
    >>> lazy.caption("b", "B."), lazy.ref("b"), lazy.ref("a")
    ('Table 1. B.', 'Table 1', 'Table 2')
    """

    def __init__(self, labels: Sequence[str] | None = None) -> None:
        self._fixed = labels is not None
        labels = list(labels or [])
        if len(set(labels)) != len(labels):
            raise ValueError(f"table labels must be unique; got {labels}")
        self._numbers = {label: i for i, label in enumerate(labels, start=1)}

    def number(self, label: str) -> int:
        """The table's number (KeyError names the known labels when they are fixed)."""
        if label not in self._numbers:
            if self._fixed:
                raise KeyError(f"no table labelled {label!r}; labels are {list(self._numbers)}")
            self._numbers[label] = len(self._numbers) + 1
        return self._numbers[label]

    def ref(self, label: str) -> str:
        """``"Table N"``."""
        return f"Table {self.number(label)}"

    def caption(self, label: str, text: str) -> str:
        """``"Table N. text"``: pass it as :func:`~estimators.reporting.markdown_table`'s caption."""
        return f"Table {self.number(label)}. {text}"


class Citations:
    """Numbered references to rows of ``data/published_counts.csv``, in order of first citation.

    Parameters
    ----------
    counts : DataFrame
        :func:`estimators.data.published_counts` (indexed by ``figure_id`` or with that column).
    retrieved : str
        The date the source pages were retrieved (``data/published_counts.md``).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"figure_id": ["a"], "count": [5], "count_qualifier": ["at_least"],
    ...     "source": ["Report"], "publisher": ["Lab"], "published": ["2023-11-16"], "url": ["https://x.org"],
    ...     "verification_status": ["verified_in_source"], "definition": ["children"]})
    >>> c = Citations(counts, retrieved="2026-11-25")
    >>> c.cite("a"), c.cite("a")
    ('[1]', '[1]')
    """

    def __init__(self, counts: pd.DataFrame, *, retrieved: str) -> None:
        self._rows = counts.set_index("figure_id") if "figure_id" in counts.columns else counts
        self._order: list[str] = []
        self.retrieved = retrieved

    def number(self, figure_id: str) -> int:
        """The reference number of a figure (assigned at its first citation)."""
        if figure_id not in self._rows.index:
            raise KeyError(f"{figure_id!r} is not a row of published_counts.csv")
        status = str(self._rows.loc[figure_id, "verification_status"])
        if status != "verified_in_source":
            raise ValueError(f"{figure_id!r} is {status}: a report cites only figures seen in a source")
        if figure_id not in self._order:
            self._order.append(figure_id)
        return self._order.index(figure_id) + 1

    def cite(self, *figure_ids: str) -> str:
        """``"[1]"`` or ``"[1, 3]"``: the numbers of the figures cited."""
        return "[" + ", ".join(str(n) for n in sorted({self.number(f) for f in figure_ids})) + "]"

    @property
    def cited(self) -> list[str]:
        """Figure ids in reference order."""
        return list(self._order)

    def entry(self, figure_id: str) -> str:
        """One reference in markdown (without its number)."""
        r = self._rows.loc[figure_id]
        qual = QUALIFIER_WORDS.get(str(r["count_qualifier"]), "")
        figure = f"{qual} {int(str(r['count'])):,}".strip()
        url = str(r["url"])
        seen = f" Seen at <{url}>, retrieved {self.retrieved}." if url else " No source page."
        status = VERIFICATION_WORDS.get(str(r["verification_status"]), str(r["verification_status"]))
        return f"{r['publisher']}. {r['source']}. Published {r['published']}. Figure quoted: {figure}.{seen} {status}."

    def markdown(self) -> str:
        """The numbered reference list (markdown), in order of first citation."""
        if not self._order:
            return "No published figure is cited."
        return "\n".join(f"{i}. {self.entry(fid)}" for i, fid in enumerate(self._order, start=1))


#: Short definitions for policy readers; reports print the terms they use.
GLOSSARY: dict[str, str] = {
    "documented count": "the number of children a source could identify by name or record: a minimum, not a total.",
    "estimate": "a statistical estimate of the total, including children no list found, given with an interval and "
                "resting on a stated assumption.",
    "95% interval": "the range that, under the method's assumptions, contains the total with 95% probability "
                    "(Bayesian methods) or that would contain it in 95% of repeated samples (classical methods).",
    "capture-recapture (multiple systems estimation)": "estimating how many people no list found from how much "
                                                        "lists overlap: little overlap suggests many unseen.",
    "overlap": "people (here children) who appear on more than one list.",
    "dependence between lists": "when being on one list makes a child more (or less) likely to be on another, e.g. "
                                "because both lists copy the same reports.",
    "ψ (psi), odds ratio": "a measure of dependence between two lists: 1 means independent, above 1 that a child on "
                           "one list is more likely to be on the other, below 1 less likely.",
    "prior": "in a Bayesian model, what is assumed about an unknown before seeing the data, stated as a "
             "probability distribution (e.g. Beta, Normal).",
    "Beta(a, b)": "a probability distribution for a share between 0 and 1, with mean a / (a + b); Beta(1, 1), also "
                  "written Uniform(0, 1), makes every share equally likely.",
    "Normal(m, s)": "the bell curve with mean m and standard deviation s; 95% of its values lie within m ± 1.96 s.",
    "scenario": "what the total would be if stated assumptions held; not an estimate.",
    "synthetic data": "data generated by the package's code to show a method; no real child is in it.",
    "log-linear model": "a model of the counts of every combination of lists, with terms for the dependence between "
                        "lists; \"best AIC\" means chosen among many such models by the Akaike information criterion, "
                        "a score that trades fit against complexity.",
    "dga (graph averaging)": "a Bayesian method that averages log-linear models of list dependence, weighted by how "
                             "well each fits (Madigan & York 1997).",
    "lcm (latent classes)": "a Bayesian method that lets children differ in how findable they are, by sorting them "
                            "into unseen groups (Manrique-Vallier 2016).",
    "Lincoln-Petersen / Chapman": "the two-list estimate: list sizes multiplied, divided by their overlap; assumes the "
                                  "lists are independent.",
    "status": "whether a method gave an estimate (\"ok\": yes; otherwise why not).",
    "maximum-likelihood estimate (MLE)": "the value that makes the observed data most probable under a model; for "
                                         "some models and data it does not exist (the fit keeps improving as the "
                                         "total grows), and then no estimate is given.",
    "coverage": "the share of simulated datasets whose 95% interval contains the true total; a well-calibrated "
                "interval covers it about 95% of the time.",
    "Monte Carlo": "computed from random draws; repeating the computation with another seed gives slightly "
                   "different numbers.",
    "R packages": "the statistical software (Rcapture, SparseMSE, dga, LCMCR, conting) whose published results "
                  "this package is checked against.",
    "stratum": "a subgroup (e.g. area of origin) estimated separately and then added up.",
    "linkage": "deciding which records on different lists are the same child.",
}


def glossary_markdown(
    terms: Iterable[str] | None = None, *, extra: Mapping[str, str] | None = None, people: bool = False
) -> str:
    """A definition list (pandoc markdown) of ``terms`` (default: all of :data:`GLOSSARY`).

    Parameters
    ----------
    terms : iterable of str, optional
        Keys of :data:`GLOSSARY`, in the order to print.
    extra : mapping, optional
        More terms and definitions (after those).
    people : bool, default False
        Speak of people rather than children (a report on any lists).
    """
    chosen = list(terms) if terms is not None else list(GLOSSARY)
    unknown = [t for t in chosen if t not in GLOSSARY]
    if unknown:
        raise KeyError(f"terms not in the glossary: {unknown}")

    def noun(text: str) -> str:
        if not people:
            return text
        for a, b in (("children", "people"), ("child", "person"), ("(here people) ", "")):
            text = text.replace(a, b)
        return text

    items = [(t, noun(GLOSSARY[t])) for t in chosen] + list((extra or {}).items())
    return "\n\n".join(f"**{term}**\n:   {text[0].upper()}{text[1:]}" for term, text in items)
