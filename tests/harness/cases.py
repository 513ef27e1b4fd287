"""Names in the dative and genitive cases, as rosters and vouchers write them.

A list typed from vouchers, orders or letters keeps the case the name had there: "путёвка
выдана Иванову Ивану Петровичу" (dative), "заявление Коваленко Марии" (genitive), in
Belarusian "Каваленку Андрэю", "Кацярыне".  :func:`decline` puts a written name (family,
given or patronymic) of a child of known sex in such a case by the endings of Russian and
Belarusian grammar (Ukrainian forms by the same rules with Ukrainian endings: Івану,
Катерині, Марії).  Rule-based on the ending, as a clerk declines; no stress, no exceptions
beyond the common ones (Илья -> Илье, Любовь -> Любови; -енко, -ко, Belarusian -енка and a
woman's consonant-final surname are left undeclined).  Written for the harness, independently of the
linkage model.

References
----------
Розенталь Д. Э., Справочник по правописанию и литературной правке (склонение фамилий,
§ 58-60); Беларуская граматыка, ч. 1 (1985), скланенне назоўнікаў.
"""

from __future__ import annotations

CASES = ("nom", "dat", "gen")
_HUSH_VELAR = set("гкхжшчщ")


def _vowel_stem(word: str, case: str, lang: str, *, soft_i: bool) -> str:
    """A first-declension noun in -а / -я (Никита, Мария, Кацярына): dative, genitive."""
    low = word.lower()
    if low.endswith(("ия", "ія", "ыя")):  # Мария, Марія, Марыя
        end = {"ru": "ии", "be": "ыі" if low.endswith("ыя") else "іі", "uk": "ії"}[lang]
        return word[:-2] + end
    if low.endswith("я"):
        if case == "dat":
            return word[:-1] + ("і" if lang == "uk" else "е")
        return word[:-1] + ("і" if lang in ("uk", "be") else "и")
    # -а
    if case == "dat":
        return word[:-1] + ("і" if lang == "uk" else "е")
    hard_end = "и" if lang == "uk" else "ы"
    if lang == "ru" and low[-2:-1] in _HUSH_VELAR:
        hard_end = "и"
    if lang == "be" and low[-2:-1] in ("г", "к", "х") and soft_i:
        hard_end = "і"
    return word[:-1] + hard_end


def _masc_consonant(word: str, case: str, lang: str) -> str:
    """A second-declension masculine noun (Иван, Андрей, Игорь, Бондарь)."""
    low = word.lower()
    if low.endswith(("й", "ь")):  # Андрей -> Андрею, Юрий -> Юрию, Игорь -> Игоря
        return word[:-1] + ("ю" if case == "dat" else "я")
    if low.endswith("ў"):  # Belarusian Іваноў -> Іванову, Іванова
        stem = word[:-1] + "в"
        return stem + ("у" if case == "dat" else "а")
    return word + ("у" if case == "dat" else "а")


def _adjective(word: str, case: str, sex: str, lang: str) -> str | None:
    """Adjectival surnames (Ковалевский, Белая, Падгорны); None if ``word`` is not one."""
    low = word.lower()
    if sex == "M":
        for end in ("ский", "цкий", "ий", "ый", "ой"):
            if low.endswith(end) and lang == "ru":
                stem = word[: -2]
                soft = stem.lower()[-1:] in _HUSH_VELAR and end in ("ский", "цкий", "ий")
                if case == "dat":
                    return stem + ("ому" if soft or end != "ий" else "ему")
                return stem + ("ого" if soft or end != "ий" else "его")
        for end in ("скі", "цкі", "ы", "і"):
            if low.endswith(end) and lang == "be":
                stem = word[: -1]
                return stem + ("аму" if case == "dat" else "ага")
        if lang == "uk" and low.endswith(("ий", "ій")) and len(low) > 4:
            stem = word[:-2]
            return stem + ("ому" if case == "dat" else "ого")
        return None
    for end in ("ская", "цкая", "ая"):
        if low.endswith(end) and lang in ("ru", "be"):
            return word[:-2] + ("ой" if lang == "ru" else "ай")
    if lang == "uk" and low.endswith(("ська", "цька")):
        return word[:-1] + ("ій" if case == "dat" else "ої")
    return None


def decline(word: str, field: str, sex: str, case: str, lang: str) -> str:
    """``word`` (a name as written in the nominative) in ``case``.

    Parameters
    ----------
    word : the name; a multi-word value declines word by word.
    field : ``family``, ``given`` or ``patronymic``.
    sex : the child's sex, ``M`` or ``F`` (a surname declines by its bearer's sex).
    case : ``nom``, ``dat`` or ``gen``.
    lang : ``ru``, ``be`` or ``uk`` (the spelling of ``word``).
    """
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}")
    if case == "nom" or not word:
        return word
    if " " in word:
        return " ".join(decline(w, field, sex, case, lang) for w in word.split(" "))
    low = word.lower()
    if field == "patronymic":
        if low.endswith(("ич", "іч")):
            return word + ("у" if case == "dat" else "а")
        if low.endswith("на"):
            if case == "dat":
                return word[:-1] + ("і" if lang == "uk" else "е")
            return word[:-1] + ("и" if lang == "uk" else "ы")
        return word
    if field == "given":
        if low.endswith("ь") and sex == "F":  # Любовь -> Любови (Любові)
            return word[:-1] + ("и" if lang == "ru" else "і")
        if low.endswith(("а", "я")):
            return _vowel_stem(word, case, lang, soft_i=True)
        if sex == "M":
            return _masc_consonant(word, case, lang)
        return word
    # family name
    if low.endswith(("енко", "ко", "о", "их", "ых")) or (lang == "be" and low.endswith("ка")):
        return word  # Коваленко, Бойко, Долгих, Belarusian Каваленка: indeclinable here
    adj = _adjective(word, case, sex, lang)
    if adj is not None:
        return adj
    if sex == "F":
        if lang == "be" and low.endswith("ўа"):  # a Belarusian -оў surname made feminine: Іваноўа
            return word[:-2] + "вай"
        if low.endswith(("ова", "ева", "ёва", "ина", "ына", "іна", "єва")):
            if lang == "uk":
                return word[:-1] + ("ій" if case == "dat" else "ої")
            return word[:-1] + ("ой" if lang == "ru" else "ай")
        if low.endswith(("а", "я")):
            return _vowel_stem(word, case, lang, soft_i=False)
        return word  # Мельник, Ткачук for a girl: indeclinable
    if low.endswith(("а", "я")):
        return _vowel_stem(word, case, lang, soft_i=False)  # Заика -> Заике
    return _masc_consonant(word, case, lang)
