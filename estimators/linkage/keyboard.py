"""Cyrillic names typed with the Latin keyboard layout left on, read back.

A clerk typing a Cyrillic list with the English layout still active writes ``Rjdfktyrj``
for Коваленко and ``Le,tyrj`` for Дубенко: every key gives its Latin letter instead of the
Cyrillic one of the ЙЦУКЕН layout (the Ukrainian layout has і ї є where the Russian has
ы ъ э).  Such a value is neither a name nor a romanisation, and it differs from every
other record of the child.

A Latin value is read back through the layout only when the result is recognisably a
name, and the value itself is not one:

* a given name or patronymic: the result is a form the name table knows (or a patronymic
  of a father's name it knows), and the value as written is not a known form;
* a family name: the result ends in a Ukrainian, Russian or Belarusian family-name suffix
  (-енко, -чук, -ський, -ов …) while the value as written does not end in a romanised one
  (-enko, -chuk, -skyi, -ov …) and is not in capitals, as passports and registers write
  romanised names: ``Rjdfktyrj`` reads as Коваленко, ``Kovalenko`` and ``SUHOBY`` stay.

Only name cells wholly in Latin letters and the layout's punctuation keys (``,`` is б,
``;`` ж, ``[`` х …) are considered, so an ordinary romanised name is never converted
unless its layout reading is a known name and its own reading is not.

A clerk who typed a row with the wrong layout typed all of it so: in a row whose given name
or patronymic was read back, the family name is read back too whenever its layout reading is
all Cyrillic and pronounceable (a vowel, no sign first or after a vowel, no four consonants in a
row), it is not
in capitals and it does not end in a romanised family-name suffix (``Ujyxfh`` is Гончар, which
has no suffix the rule above asks for).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["FAMILY_SUFFIXES", "from_latin_layout", "read_back"]

_LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_RUSSIAN = "йцукенгшщзхъфывапролджэячсмитьбюё"
_UKRAINIAN = "йцукенгшщзхїфівапролджєячсмитьбю'"
#: The same punctuation keys shifted (US layout): they give the capitals of those letters
_LATIN_SHIFTED = {"[": "{", "]": "}", ";": ":", "'": '"', ",": "<", ".": ">", "`": "~"}


def _table(cyrillic: str) -> dict[int, str]:
    """Latin key -> Cyrillic letter; shifted keys give capitals (``{`` is Х, ``<`` Б, ``:`` Ж)."""
    table = {ord(a): b for a, b in zip(_LATIN, cyrillic, strict=True)}
    table.update({ord(_LATIN_SHIFTED[a]): b.upper() for a, b in zip(_LATIN, cyrillic, strict=True)
                  if a in _LATIN_SHIFTED and b.isalpha()})
    table.update({ord(a.upper()): b.upper() for a, b in zip(_LATIN, cyrillic, strict=True) if a.isalpha()})
    return table


_TABLES = {"uk": _table(_UKRAINIAN), "ru": _table(_RUSSIAN)}
#: A value of the layout's keys: letters and the punctuation keys that are letters on the ЙЦУКЕН layout,
#: shifted or not, first too (``{fhxtyrj`` is Харченко, ``<jylfhtyrj`` Бондаренко, ``>kbz`` Юлия,
#: ``:fyyf`` Жанна), with at least two letters; not the double quote (Є, but also a CSV's quoting) nor
#: the tilde (no letter on the Ukrainian layout)
_LAYOUT_VALUE = re.compile(r"^(?=(?:[^A-Za-z]*[A-Za-z]){2})[A-Za-z\[\];',.`{}:<>]+"
                           r"(?:[- ][A-Za-z\[\];',.`{}:<>]+)?$")
#: Family-name endings of Ukrainian, Russian and Belarusian (in Cyrillic).
#: Not -ук or -ин alone: their keys are ``er`` and ``by``, endings of Latin names (Miller, Sukhoby).
FAMILY_SUFFIXES = ("енко", "єнко", "юк", "чук", "ський", "ська", "цький", "цька", "ский", "ская", "цкий",
                   "ов", "ова", "ев", "ева", "єв", "єва", "іна", "ина", "ич", "ко", "як", "ак", "ів",
                   "ець", "ей", "ий", "ой", "ая")
_ROMANISED_SUFFIXES = ("enko", "ienko", "uk", "iuk", "yuk", "chuk", "skyi", "sky", "skiy", "skij", "ski", "ska",
                       "skaya", "ov", "ova", "ev", "eva", "in", "ina", "ich", "ych", "ko", "iak", "yak", "ak", "iv",
                       "yv", "ets", "ei", "ey", "yi", "iy", "oy", "oi", "aya")


_CONSONANT_RUN = re.compile(r"[бвгґджзйклмнпрстфхцчшщ]{4}")
#: a soft or hard sign follows a consonant, never a vowel or a sign
_SIGN_AFTER_VOWEL = re.compile(r"[аеєиіїоуюяыэёьъ'][ьъ]")


def _pronounceable(word: str) -> bool:
    """Whether a lower-case Cyrillic word can be a name: a vowel, no sign first or after a vowel, no four
    consonants in a row (``ьшддук`` and ``іьшер``, Miller and Smith on the layout, are not)."""
    return (word[:1] not in ("ь", "ъ", "'") and any(c in "аеєиіїоуюяыэё" for c in word)
            and _CONSONANT_RUN.search(word) is None and _SIGN_AFTER_VOWEL.search(word) is None)


def from_latin_layout(text: str, layout: str) -> str:
    """``text`` as the same keys give it on the ``layout`` (``uk`` or ``ru``) ЙЦУКЕН layout."""
    return text.translate(_TABLES[layout])


def read_back(text: str, column: str, known: Callable[[str, str], bool], *, row_typed_on_layout: bool = False
              ) -> str | None:
    """The Cyrillic value a Latin-layout name cell was meant to be, or None.

    Parameters
    ----------
    text : the cell as written.
    column : ``family_name``, ``given_name`` or ``patronymic``.
    known : ``known(value, column)``: is ``value`` (Cyrillic or Latin) a known given name
        (``given_name``) or patronymic (``patronymic``) of the name table.
    row_typed_on_layout : the row's given name or patronymic was read back (family names only:
        see the module's docstring).

    Returns
    -------
    str or None
    """
    word = text.strip()
    if not _LAYOUT_VALUE.match(word):
        return None
    for layout in ("uk", "ru"):
        cyrillic = from_latin_layout(word, layout)
        if any(c.isascii() and c.isalpha() for c in cyrillic):
            continue
        if column == "family_name":
            if word.isupper():  # a passport or register writes romanised names in capitals
                return None
            lower, latin = cyrillic.lower(), word.lower()
            by_row = row_typed_on_layout and _pronounceable(lower)
            if (lower.endswith(FAMILY_SUFFIXES) or by_row) and not latin.endswith(_ROMANISED_SUFFIXES) \
                    and len(lower) >= 4:
                return cyrillic
        elif known(cyrillic, column) and not known(word, column):
            return cyrillic
    return None
