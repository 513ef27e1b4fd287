"""Names written into the wrong cells: a full name in one cell, fields shifted by one.

Lists typed by hand or exported from another system put the three parts of a Slavic
name (family name, given name, patronymic: "ПІБ" / "ФИО") where they do not belong:

* the whole name in one cell (``Литвиненко Дмитрий Константинович`` in the family-name
  column, the other two empty), as many registers print it;
* the cells shifted by one (given name in the family-name column, patronymic in the
  given-name column, family name - if any - in the patronymic column), when a column was
  inserted or deleted upstream;
* the patronymic in the family-name cell and no family name (``Александрович | Артём``);
* the cells shifted by one the other way, as when sheets with a column fewer are merged by
  position: the given name in the patronymic cell with its own cell empty
  (``Голубева | | Полина``), or also the family name in the given-name cell
  (``| Кравченко | Софія``).

All are repaired here by the roles the words can be recognised in, and only when they
can: a word that is a form of the name table is a given name; a word with a patronymic
suffix whose stem is a known father's name is a patronymic; what is left is the family
name.  Anything less certain is left as written (the comparisons still see it, and the
swapped-names level of :mod:`.comparisons` still catches a plain family/given swap).

The repair sees the words' folded keys only; it returns which cell each word goes to
and never logs or reports a value.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence

from .folding import name_key

__all__ = ["repair_name_cells"]

def _blank(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v) or str(v).strip() == ""


Predicate = Callable[[str], bool]


def _roles(words: Sequence[str], given: Container[str], is_patronymic: Predicate) -> tuple[str, str, str] | None:
    """(family, given, patronymic) of the words of one name, or None when unsure."""
    keys = [name_key(w) for w in words]
    given_at = [i for i, k in enumerate(keys) if k is not None and k in given]
    patronymic_at = [i for i, k in enumerate(keys) if k is not None and i not in given_at and is_patronymic(k)]
    if len(given_at) != 1 or len(patronymic_at) > 1:
        return None
    g = given_at[0]
    p = patronymic_at[0] if patronymic_at else None
    rest = [i for i in range(len(words)) if i != g and i != p]
    if len(rest) > 1 or (not rest and p is None):
        return None
    return ("" if not rest else words[rest[0]]), words[g], ("" if p is None else words[p])


def repair_name_cells(family: Sequence[object], given_names: Sequence[object], patronymic: Sequence[object],
                      given: Container[str], is_patronymic: Predicate) -> tuple[list[object], list[object],
                                                                             list[object], list[bool]]:
    """Put the words of each record's name into the family, given and patronymic cells.

    Parameters
    ----------
    family, given_names, patronymic : the three name columns as written (one value per record).
    given : the folded keys recognised as given names (``key in given``).
    is_patronymic : callable on a folded key: is it a patronymic of a known father's name.

    Returns
    -------
    (family, given, patronymic, repaired)
        The columns after the repair, and a mask of the records that were changed.

    Examples
    --------
    >>> from estimators.linkage.standardise import load_name_table, is_known_patronymic
    >>> t = load_name_table()
    >>> f, g, p, r = repair_name_cells(["Литвиненко Дмитрий Константинович", "Сергій"], ["", "Миколайович"],
    ...                                ["", "Опанасів"], t.given, lambda k: is_known_patronymic(k, t))
    >>> list(zip(f, g, p)) == [("Литвиненко", "Дмитрий", "Константинович"), ("Опанасів", "Сергій", "Миколайович")]
    True
    >>> r
    [True, True]
    >>> f, g, p, r = repair_name_cells(["Голубева", ""], ["", "Кравченко"], ["Полина", "Софія"], t.given,
    ...                                lambda k: is_known_patronymic(k, t))
    >>> list(zip(f, g, p)) == [("Голубева", "Полина", ""), ("Кравченко", "Софія", "")]
    True
    """
    out_f, out_g, out_p, repaired = list(family), list(given_names), list(patronymic), []
    for i, (f, g, p) in enumerate(zip(family, given_names, patronymic, strict=True)):
        cells = [None if _blank(v) else str(v).strip() for v in (f, g, p)]
        filled = [c for c in cells if c is not None]
        fixed: tuple[str, str, str] | None = None
        if len(filled) == 1 and len(filled[0].split()) in (2, 3):
            # the whole name in one cell
            fixed = _roles(filled[0].split(), given, is_patronymic)
        elif cells[0] is not None and cells[1] is not None and all(c is None or len(c.split()) == 1 for c in cells):
            fk, gk = name_key(cells[0]) or "", name_key(cells[1]) or ""
            if gk not in given and fk in given and is_patronymic(gk):
                # shifted by one cell: given name first, then the patronymic, then the
                # family name (or nothing)
                fixed = _roles([c for c in cells if c is not None], given, is_patronymic)
            elif cells[2] is None and gk in given and is_patronymic(fk):
                # the patronymic in the family-name cell (the family name not written)
                fixed = ("", cells[1], cells[0])
        elif cells[1] is None and cells[2] is not None and all(c is None or len(c.split()) == 1 for c in cells):
            pk = name_key(cells[2]) or ""
            if pk in given and not is_patronymic(pk):
                # shifted by one cell the other way: the given name in the patronymic cell, its
                # own cell empty (the family name, if any, in its place)
                fixed = (cells[0] or "", cells[2], "")
        elif cells[0] is None and cells[1] is not None and cells[2] is not None and \
                all(len(c.split()) == 1 for c in cells[1:] if c is not None):
            gk, pk = name_key(cells[1]) or "", name_key(cells[2]) or ""
            if gk not in given and not is_patronymic(gk) and pk in given and not is_patronymic(pk):
                # shifted by one cell the other way, from the first: the family name in the
                # given-name cell, the given name in the patronymic cell
                fixed = (cells[1], cells[2], "")
        if fixed is None or fixed == tuple(c or "" for c in cells):
            repaired.append(False)
            continue
        out_f[i], out_g[i], out_p[i] = fixed
        repaired.append(True)
    return out_f, out_g, out_p, repaired
