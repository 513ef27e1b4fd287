"""Recording errors as they arise in manual transcription, typing and OCR.

* :func:`typo` — one keyboard slip: a neighbouring key on the layout the clerk used
  (Ukrainian or Russian ЙЦУКЕН, or QWERTY), a dropped, doubled or transposed letter.
* :func:`ocr` — confusions of OCR on typed Cyrillic scans (и/н, ш/щ, п/н, е/с, З/3, б/6,
  ь/ъ, ы/ьі, і/l) and Cyrillic letters read as their Latin look-alikes (а/a, е/e, о/o, р/p,
  с/c, і/i, К/K ...), which leave a word visually unchanged but a different string.
* :func:`russian_keyboard` — Ukrainian text typed on a Russian layout: і -> Latin i or
  и, ї -> ï or і, є -> е, ґ -> г, the apostrophe dropped or replaced.
* :func:`apostrophe_variant` — the four apostrophes Ukrainian text uses (' ’ ʼ `).
* :func:`drop_yo` — Russian ё typed as е (the usual practice).
* date helpers: partial dates, day/month transposition, digit slips, age -> birth year,
  and the two errors of dates written ``dd.mm.yy`` with a two-digit year
  (:func:`day_year_swap`, :func:`wrong_century`).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

_UK_ROWS = ["йцукенгшщзхї", "фівапролджє", "ячсмитьбю"]
_RU_ROWS = ["йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю"]
_LAT_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def _neighbours(rows: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for r, row in enumerate(rows):
        for c, ch in enumerate(row):
            near = ""
            if c > 0:
                near += row[c - 1]
            if c + 1 < len(row):
                near += row[c + 1]
            for rr in (r - 1, r + 1):
                if 0 <= rr < len(rows):
                    for cc in (c - 1, c, c + 1):
                        if 0 <= cc < len(rows[rr]):
                            near += rows[rr][cc]
            out[ch] = near
    return out


_NEAR = {"uk": _neighbours(_UK_ROWS), "ru": _neighbours(_RU_ROWS), "lat": _neighbours(_LAT_ROWS)}

_OCR_CYR = {
    "и": "н", "н": "и", "ш": "щ", "щ": "ш", "п": "н", "е": "с", "с": "е", "о": "о", "З": "3", "б": "6",
    "ь": "ъ", "ъ": "ь", "ы": "ьі", "і": "l", "л": "п", "т": "г", "г": "т", "ц": "щ", "в": "з", "О": "0",
    "ю": "ю", "к": "х", "х": "к", "ж": "ж", "й": "и", "ё": "е", "Ш": "Щ", "И": "Н", "Н": "И",
}
_OCR_LAT = {"m": "rn", "d": "cl", "l": "1", "i": "l", "O": "0", "o": "0", "h": "b", "n": "ri", "u": "ii", "e": "c"}
HOMOGLYPHS = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "А": "A", "В": "B",
    "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I",
}


def typo(word: str, rng: np.random.Generator, layout: str = "ru") -> str:
    """One keyboard slip in ``word`` (``layout``: ``uk``, ``ru`` or ``lat``)."""
    if len(word) < 3:
        return word
    i = int(rng.integers(1, len(word)))  # keep the first letter more often right, as in practice
    kind = rng.random()
    ch = word[i]
    if kind < 0.35:
        near = _NEAR[layout].get(ch.lower(), "")
        if not near:
            return word
        sub = near[int(rng.integers(len(near)))]
        sub = sub.upper() if ch.isupper() else sub
        return word[:i] + sub + word[i + 1:]
    if kind < 0.6:
        return word[:i] + word[i + 1:]
    if kind < 0.8 and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + ch + word[i:]


def ocr(word: str, rng: np.random.Generator, rate: float, homoglyph_rate: float = 0.0) -> str:
    """OCR confusions: each confusable letter changes with ``rate``; look-alike Latin letters
    replace Cyrillic ones with ``homoglyph_rate``."""
    out = []
    for ch in word:
        table = _OCR_LAT if ch.isascii() else _OCR_CYR
        if ch in table and rng.random() < rate:
            out.append(table[ch])
        elif ch in HOMOGLYPHS and rng.random() < homoglyph_rate:
            out.append(HOMOGLYPHS[ch])
        else:
            out.append(ch)
    return "".join(out)


def russian_keyboard(word: str, rng: np.random.Generator) -> str:
    """Ukrainian ``word`` as typed on a Russian layout (no і, ї, є, ґ keys)."""
    out = []
    for ch in word:
        low = ch.lower()
        if low == "і":
            rep = "i" if rng.random() < 0.6 else "и"
        elif low == "ї":
            rep = "ï" if rng.random() < 0.3 else "і" if rng.random() < 0.5 else "и"
        elif low == "є":
            rep = "е"
        elif low == "ґ":
            rep = "г"
        elif ch in "'’ʼ`":
            rep = "" if rng.random() < 0.5 else "ь"
        else:
            out.append(ch)
            continue
        out.append(rep.upper() if ch.isupper() else rep)
    return "".join(out)


def apostrophe_variant(word: str, rng: np.random.Generator) -> str:
    """Replace the apostrophe by one of the forms Ukrainian typing uses."""
    if "'" not in word:
        return word
    return word.replace("'", "'’ʼ`"[int(rng.integers(4))])


def drop_yo(word: str) -> str:
    return word.replace("ё", "е").replace("Ё", "Е")


# ---------------------------------------------------------------- dates


def iso(d: dt.date, precision: str = "day") -> str:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "year":
        return f"{d.year:04d}"
    raise ValueError(precision)


def transpose_day_month(d: dt.date) -> dt.date | None:
    """Day and month swapped (DD/MM read as MM/DD); None when that is no date or no change."""
    if d.day > 12 or d.day == d.month:
        return None
    try:
        return dt.date(d.year, d.day, d.month)
    except ValueError:
        return None


def digit_slip(d: dt.date, rng: np.random.Generator) -> dt.date:
    """A mistyped digit: the day's last digit, or the year's last digit, off by one key."""
    for _ in range(5):
        if rng.random() < 0.7:
            day = d.day + int(rng.choice([-1, 1, -10, 10]))
            try:
                return d.replace(day=day)
            except ValueError:
                continue
        else:
            year = d.year + int(rng.choice([-1, 1]))
            try:
                return d.replace(year=year)
            except ValueError:
                continue
    return d


def age_at(birth: dt.date, when: dt.date) -> int:
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))


def birth_year_from_age(birth: dt.date, report: dt.date) -> int:
    """The birth year a transcriber writes from "N years old" in a report dated ``report``:
    ``report.year - age``, which is the true year or one more (before the birthday)."""
    return report.year - age_at(birth, report)


def shift_days(d: dt.date, days: int) -> dt.date:
    return d + dt.timedelta(days=days)


def day_year_swap(d: dt.date) -> dt.date | None:
    """``dd.mm.yy`` read as ``yy.mm.dd``: 07.03.11 (7 March 2011) becomes 2007-03-11.

    None when that is no date (a two-digit year 00, or above the month's days) or no change.
    """
    yy = d.year % 100
    if yy == 0 or yy == d.day:
        return None
    try:
        return dt.date(2000 + d.day, d.month, yy)
    except ValueError:
        return None


def wrong_century(d: dt.date) -> dt.date | None:
    """A two-digit year expanded to the other century (11 -> 1911, 97 -> 2097); None for
    29 February of a year whose counterpart is no leap year (2000 -> 1900)."""
    try:
        return d.replace(year=d.year - 100 if d.year >= 2000 else d.year + 100)
    except ValueError:
        return None


# ---------------------------------------------------------------- heavy misspelling

# What a clerk who does not speak the language writes for a sound heard or read: vowels
# reduced or confused (о/а, е/и/я, и/ы, е/э), voiced and voiceless consonants confused at
# the end and before consonants (б/п, в/ф, г/к/х, д/т, ж/ш, з/с), ц/тс, щ/ш/шч.
_MISHEARD: dict[str, tuple[str, ...]] = {
    "о": ("а",), "а": ("о",), "е": ("и", "э", "я"), "и": ("ы", "е", "і"), "ы": ("и",), "я": ("а", "е"),
    "ю": ("у",), "э": ("е",), "б": ("п",), "п": ("б",), "в": ("ф",), "ф": ("в",), "г": ("к", "х"),
    "к": ("г",), "д": ("т",), "т": ("д",), "ж": ("ш",), "ш": ("ж", "щ"), "з": ("с",), "с": ("з",),
    "ц": ("тс", "с"), "щ": ("ш", "шч"), "ч": ("щ",), "і": ("и", "ы"), "є": ("е",), "ї": ("і", "и"),
    "ё": ("о", "е"),
}


def misspell(word: str, rng: np.random.Generator, edits: int) -> str:
    """``word`` with ``edits`` spelling errors of a clerk writing an unfamiliar language.

    Each error is a misheard letter (see ``_MISHEARD``), a soft sign dropped or added
    after a consonant, or a doubled consonant written once (or a single one doubled).  The
    first letter is kept (clerks copy it from the document's initial).  Cyrillic only;
    other words come back unchanged.
    """
    out = word
    for _ in range(edits):
        if len(out) < 3:
            break
        i = int(rng.integers(1, len(out)))
        ch = out[i]
        low = ch.lower()
        u = rng.random()
        if low in _MISHEARD and u < 0.7:
            opts = _MISHEARD[low]
            rep = opts[int(rng.integers(len(opts)))]
            rep = rep.upper() if ch.isupper() else rep
            out = out[:i] + rep + out[i + 1:]
        elif u < 0.85:
            if low == "ь":
                out = out[:i] + out[i + 1:]
            elif low.isalpha() and low not in "аеёиоуыэюяіїєьъ":
                out = out[:i + 1] + ("Ь" if ch.isupper() else "ь") + out[i + 1:]
        elif i + 1 < len(out) and out[i + 1].lower() == low:
            out = out[:i] + out[i + 1:]
        elif low.isalpha() and low not in "аеёиоуыэюяіїєьъй":
            out = out[:i] + ch + out[i:]
    return out


# ---------------------------------------------------------------- added for a fourth held-out profile

_UK_TO_RU_LITERAL = {"і": "и", "ї": "и", "є": "е", "ґ": "г"}
_UK_TO_RU_SOUND = {"и": "ы", "і": "и", "ї": "йи", "є": "е", "ґ": "г"}


def uk_in_russian_letters(word: str, *, by_sound: bool) -> str:
    """A Ukrainian ``word`` copied by a Russian clerk in Russian letters, without translating it.

    ``by_sound``: as it sounds (и -> ы, і -> и, ї -> йи, є -> е: Кирило -> Кырыло, Олійник
    -> Олийнык); otherwise letter for letter (і, ї -> и, є -> е: Кирило, Олийник).  An
    apostrophe becomes ь (Лук'яненко -> Лукьяненко); ґ -> г.  Case is kept; the first letter
    is never made ы (a Russian word does not start with it).
    """
    table = _UK_TO_RU_SOUND if by_sound else _UK_TO_RU_LITERAL
    out = []
    for i, ch in enumerate(word):
        low = ch.lower()
        if ch in "'’ʼ`":
            out.append("ь")
            continue
        rep = table.get(low)
        if rep is None or (i == 0 and low == "и"):
            out.append(ch)
            continue
        out.append(rep.upper() if ch.isupper() and len(rep) == 1 else rep[:1].upper() + rep[1:] if ch.isupper()
                   else rep)
    return "".join(out)


def belarusian_on_russian_keyboard(word: str, rng: np.random.Generator) -> str:
    """Belarusian ``word`` typed on a Russian layout (no і and ў keys): і as the Latin i
    (usually) or и, ў as у."""
    out = []
    for ch in word:
        low = ch.lower()
        if low == "і":
            rep = "i" if rng.random() < 0.75 else "и"
        elif low == "ў":
            rep = "у"
        else:
            out.append(ch)
            continue
        out.append(rep.upper() if ch.isupper() else rep)
    return "".join(out)
