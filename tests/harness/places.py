"""Places of the evaluation harness: settlements, institutions, destinations.

A small gazetteer written for the harness from the author's knowledge, independently of the
linkage model's (do not replace it with the model's gazetteer: the harness must not share
the model's assumptions).  What it encodes, as sources actually write places:

* the current official Ukrainian name, its Russian form (``Сніжне`` / ``Снежное``,
  ``Харцизьк`` / ``Харцызск``), the pre-2016 name (decommunisation laws of April 2015,
  renames by the Verkhovna Rada in 2016: ``Артемівськ`` -> ``Бахмут``, ``Дзержинськ`` ->
  ``Торецьк`` ...) and the name Russian sources use: Russia does not recognise the 2016
  renames, so Russian state documents keep ``Артёмовск``, ``Торез``, ``Краснодон``,
  ``Стаханов``, ``Кировоград``; for Oleshky they use ``Алёшки``;
* a weight (roughly the number of children removed from there: large cities of the areas
  occupied since 2014 and 2022 first); weight 0 marks a place that appears only as a
  birthplace (e.g. ``Кропивницький`` / ``Кировоград``, ``Дніпро`` / ``Днепропетровск``);
* the oblast in Ukrainian, Russian (Russian sources write ``ДНР`` / ``ЛНР``) and English;
* adjective stems for naming institutions (``Горлівська школа-інтернат``);
* the raion (district) of each settlement after the 2020 reform (:data:`RAIONS`; the
  Verkhovna Rada resolution of 17 July 2020 "On the formation and liquidation of raions"),
  in Ukrainian, Russian and English, for sources that write the raion beside or instead of
  the settlement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Settlement:
    uk: str  # current official Ukrainian name
    ru: str  # Russian form of the current name
    uk_old: str  # name before the 2016 rename ("" if none)
    ru_src: str  # the name Russian sources use
    oblast: str  # key of OBLASTS
    weight: float  # share of origins (0: birthplace only)
    occupied: int  # year occupation began (0: not occupied)
    adj_uk: str = ""  # adjective stem: + "ий" / "а"
    adj_ru: str = ""


OBLASTS: dict[str, dict[str, str]] = {
    "D": {"uk": "Донецька обл.", "ru": "Донецкая обл.", "ru_occ": "ДНР", "en": "Donetsk Oblast"},
    "L": {"uk": "Луганська обл.", "ru": "Луганская обл.", "ru_occ": "ЛНР", "en": "Luhansk Oblast"},
    "K": {"uk": "Херсонська обл.", "ru": "Херсонская обл.", "ru_occ": "Херсонская обл.", "en": "Kherson Oblast"},
    "Z": {"uk": "Запорізька обл.", "ru": "Запорожская обл.", "ru_occ": "Запорожская обл.",
          "en": "Zaporizhzhia Oblast"},
    "H": {"uk": "Харківська обл.", "ru": "Харьковская обл.", "ru_occ": "Харьковская обл.", "en": "Kharkiv Oblast"},
    "KR": {"uk": "Кіровоградська обл.", "ru": "Кировоградская обл.", "ru_occ": "Кировоградская обл.",
           "en": "Kirovohrad Oblast"},
    "DP": {"uk": "Дніпропетровська обл.", "ru": "Днепропетровская обл.", "ru_occ": "Днепропетровская обл.",
           "en": "Dnipropetrovsk Oblast"},
}

_S = Settlement
SETTLEMENTS: tuple[Settlement, ...] = (
    _S("Донецьк", "Донецк", "", "Донецк", "D", 60, 2014, "Донецьк", "Донецк"),
    _S("Макіївка", "Макеевка", "", "Макеевка", "D", 25, 2014, "Макіївськ", "Макеевск"),
    _S("Горлівка", "Горловка", "", "Горловка", "D", 20, 2014, "Горлівськ", "Горловск"),
    _S("Єнакієве", "Енакиево", "", "Енакиево", "D", 8, 2014, "Єнакіївськ", "Енакиевск"),
    _S("Харцизьк", "Харцызск", "", "Харцызск", "D", 6, 2014, "Харцизьк", "Харцызск"),
    _S("Сніжне", "Снежное", "", "Снежное", "D", 5, 2014, "Сніжнянськ", "Снежнянск"),
    _S("Чистякове", "Чистяково", "Торез", "Торез", "D", 5, 2014, "Чистяківськ", "Торезск"),
    _S("Шахтарськ", "Шахтёрск", "", "Шахтёрск", "D", 4, 2014),
    _S("Ясинувата", "Ясиноватая", "", "Ясиноватая", "D", 3, 2014),
    _S("Дебальцеве", "Дебальцево", "", "Дебальцево", "D", 2, 2015),
    _S("Докучаєвськ", "Докучаевск", "", "Докучаевск", "D", 2, 2014),
    _S("Іловайськ", "Иловайск", "", "Иловайск", "D", 1.5, 2014),
    _S("Амвросіївка", "Амвросиевка", "", "Амвросиевка", "D", 1.5, 2014),
    _S("Новоазовськ", "Новоазовск", "", "Новоазовск", "D", 1.2, 2014),
    _S("Кальміуське", "Кальмиусское", "Комсомольське", "Комсомольское", "D", 1, 2014),
    _S("Маріуполь", "Мариуполь", "", "Мариуполь", "D", 40, 2022, "Маріупольськ", "Мариупольск"),
    _S("Волноваха", "Волноваха", "", "Волноваха", "D", 2.5, 2022),
    _S("Бахмут", "Бахмут", "Артемівськ", "Артёмовск", "D", 5, 2023, "Бахмутськ", "Артёмовск"),
    _S("Вугледар", "Угледар", "", "Угледар", "D", 1, 2023),
    _S("Торецьк", "Торецк", "Дзержинськ", "Дзержинск", "D", 0, 0),
    _S("Покровськ", "Покровск", "Красноармійськ", "Красноармейск", "D", 0, 0),
    _S("Мирноград", "Мирноград", "Димитров", "Димитров", "D", 0, 0),
    _S("Луганськ", "Луганск", "", "Луганск", "L", 35, 2014, "Луганськ", "Луганск"),
    _S("Алчевськ", "Алчевск", "", "Алчевск", "L", 8, 2014, "Алчевськ", "Алчевск"),
    _S("Кадіївка", "Кадиевка", "Стаханов", "Стаханов", "L", 6, 2014, "Кадіївськ", "Стахановск"),
    _S("Хрустальний", "Хрустальный", "Красний Луч", "Красный Луч", "L", 5, 2014),
    _S("Довжанськ", "Довжанск", "Свердловськ", "Свердловск", "L", 4, 2014, "Довжанськ", "Свердловск"),
    _S("Сорокине", "Сорокино", "Краснодон", "Краснодон", "L", 4, 2014, "Сорокинськ", "Краснодонск"),
    _S("Голубівка", "Голубовка", "Кіровськ", "Кировск", "L", 2, 2014),
    _S("Ровеньки", "Ровеньки", "", "Ровеньки", "L", 3, 2014, "Ровеньківськ", "Ровеньковск"),
    _S("Антрацит", "Антрацит", "", "Антрацит", "L", 3, 2014, "Антрацитівськ", "Антрацитовск"),
    _S("Брянка", "Брянка", "", "Брянка", "L", 2.5, 2014),
    _S("Первомайськ", "Первомайск", "", "Первомайск", "L", 2, 2014),
    _S("Сєвєродонецьк", "Северодонецк", "", "Северодонецк", "L", 8, 2022, "Сєвєродонецьк", "Северодонецк"),
    _S("Лисичанськ", "Лисичанск", "", "Лисичанск", "L", 7, 2022, "Лисичанськ", "Лисичанск"),
    _S("Рубіжне", "Рубежное", "", "Рубежное", "L", 4, 2022, "Рубіжанськ", "Рубежанск"),
    _S("Старобільськ", "Старобельск", "", "Старобельск", "L", 1.5, 2022),
    _S("Кремінна", "Кременная", "", "Кременная", "L", 1.2, 2022),
    _S("Херсон", "Херсон", "", "Херсон", "K", 20, 2022, "Херсонськ", "Херсонск"),
    _S("Нова Каховка", "Новая Каховка", "", "Новая Каховка", "K", 4, 2022, "Новокаховськ", "Новокаховск"),
    _S("Олешки", "Алешки", "Цюрупинськ", "Алёшки", "K", 3, 2022, "Олешківськ", "Алешкинск"),
    _S("Гола Пристань", "Голая Пристань", "", "Голая Пристань", "K", 1.5, 2022),
    _S("Скадовськ", "Скадовск", "", "Скадовск", "K", 1.5, 2022),
    _S("Генічеськ", "Геническ", "", "Геническ", "K", 1.5, 2022),
    _S("Каховка", "Каховка", "", "Каховка", "K", 2, 2022),
    _S("Мелітополь", "Мелитополь", "", "Мелитополь", "Z", 12, 2022, "Мелітопольськ", "Мелитопольск"),
    _S("Бердянськ", "Бердянск", "", "Бердянск", "Z", 8, 2022, "Бердянськ", "Бердянск"),
    _S("Енергодар", "Энергодар", "", "Энергодар", "Z", 4, 2022),
    _S("Токмак", "Токмак", "", "Токмак", "Z", 2, 2022),
    _S("Василівка", "Васильевка", "", "Васильевка", "Z", 1.5, 2022),
    _S("Пологи", "Пологи", "", "Пологи", "Z", 1, 2022),
    _S("Ізюм", "Изюм", "", "Изюм", "H", 1.5, 2022, "Ізюмськ", "Изюмск"),
    _S("Куп'янськ", "Купянск", "", "Купянск", "H", 1.5, 2022, "Куп'янськ", "Купянск"),
    _S("Харків", "Харьков", "", "Харьков", "H", 0, 0),
    _S("Кропивницький", "Кропивницкий", "Кіровоград", "Кировоград", "KR", 0, 0),
    _S("Дніпро", "Днепр", "Дніпропетровськ", "Днепропетровск", "DP", 0, 0),
)

ORIGIN_IDX = np.array([i for i, s in enumerate(SETTLEMENTS) if s.weight > 0])
ORIGIN_P = np.array([SETTLEMENTS[i].weight for i in ORIGIN_IDX], dtype=float)
ORIGIN_P = ORIGIN_P / ORIGIN_P.sum()
BIRTHPLACE_ONLY_IDX = np.array([i for i, s in enumerate(SETTLEMENTS) if s.weight == 0])
RENAME_YEAR = 2016  # renames in force from May 2016 (Verkhovna Rada resolutions of 4 Feb and 12-19 May 2016)


@dataclass(frozen=True)
class InstitutionKind:
    key: str
    uk: str  # noun phrase after the adjective ("{n}" for the number)
    ru: str
    en: str
    gender: str  # grammatical gender of the head noun: "m" or "f"
    uk_short: str
    ru_short: str
    ages: tuple[int, int]


INSTITUTION_KINDS: tuple[InstitutionKind, ...] = (
    InstitutionKind("baby_home", "будинок дитини", "дом ребёнка", "infant home", "m",
                    "будинок дитини", "дом ребёнка", (0, 4)),
    InstitutionKind("children_home", "дитячий будинок", "детский дом", "orphanage", "m",
                    "дитбудинок", "детдом", (3, 17)),
    InstitutionKind("boarding", "загальноосвітня школа-інтернат №{n}", "общеобразовательная школа-интернат №{n}",
                    "boarding school No. {n}", "f", "школа-інтернат №{n}", "школа-интернат №{n}", (6, 17)),
    InstitutionKind("special", "спеціальна школа-інтернат №{n}", "специальная школа-интернат №{n}",
                    "special boarding school No. {n}", "f", "спецшкола-інтернат №{n}", "спецшкола-интернат №{n}",
                    (6, 17)),
    InstitutionKind("rehab", "центр соціально-психологічної реабілітації дітей",
                    "центр социально-психологической реабилитации детей",
                    "centre for social and psychological rehabilitation of children", "m", "ЦСПРД", "ЦСПРД",
                    (3, 17)),
    InstitutionKind("shelter", "притулок для дітей", "приют для детей", "children's shelter", "m",
                    "притулок", "приют", (3, 17)),
    InstitutionKind("sanatorium", "санаторна школа-інтернат", "санаторная школа-интернат",
                    "sanatorium boarding school", "f", "санаторна школа", "санаторная школа", (6, 17)),
)


@dataclass(frozen=True)
class Institution:
    settlement: int  # index into SETTLEMENTS
    kind: int  # index into INSTITUTION_KINDS
    number: int


def adjective(stem: str, gender: str, lang: str) -> str:
    """Adjective of a settlement stem agreeing with the institution's head noun."""
    if gender == "f":
        return stem + ("а" if lang == "uk" else "ая")
    return stem + ("ий" if lang == "uk" else "ий")


def institution_name(inst: Institution, form: str) -> str:
    """An institution's name: ``uk``, ``ru``, ``uk_short``, ``ru_short``, ``ru_legal`` or ``en_base``.

    ``en_base`` is the kind in English without the settlement (the caller adds it, romanised).
    """
    s = SETTLEMENTS[inst.settlement]
    k = INSTITUTION_KINDS[inst.kind]
    n = str(inst.number)
    if form == "uk":
        return f"{adjective(s.adj_uk, k.gender, 'uk')} {k.uk.format(n=n)}".capitalize()
    if form == "ru":
        return f"{adjective(s.adj_ru, k.gender, 'ru')} {k.ru.format(n=n)}".capitalize()
    if form == "ru_legal":  # an occupation-era legal form: ГБУ «Донецкий республиканский ...»
        adj = adjective(s.adj_ru, k.gender, "ru").capitalize()
        region = " республиканский" if s.oblast in ("D", "L") and k.gender == "m" else ""
        region = " республиканская" if s.oblast in ("D", "L") and k.gender == "f" else region
        return f"ГБУ «{adj}{region} {k.ru.format(n=n)}»"
    if form == "uk_short":
        return k.uk_short.format(n=n)
    if form == "ru_short":
        return k.ru_short.format(n=n)
    if form == "en_base":
        return k.en.format(n=n)
    raise ValueError(f"unknown institution form {form!r}")


@dataclass(frozen=True)
class Destination:
    country: str  # "BY" or "RU"
    uk: str
    ru: str
    be: str
    en: str
    weight: float


DESTINATIONS: tuple[Destination, ...] = (
    Destination("BY", "табір «Дубрава», Мінська обл.", "лагерь «Дубрава», Минская обл.", "лагер «Дуброва»",
                "Dubrava camp, Minsk Region", 5),
    Destination("BY", "санаторій «Золоті піски», Гомельська обл.", "санаторий «Золотые пески», Гомельская обл.",
                "санаторый «Залатыя пяскі»", "Zolotye Peski sanatorium, Gomel Region", 1),
    Destination("RU", "Ростовська обл.", "Ростовская обл.", "Растоўская вобл.", "Rostov Oblast", 4),
    Destination("RU", "Московська обл.", "Московская обл.", "Маскоўская вобл.", "Moscow Oblast", 3),
    Destination("RU", "Краснодарський край", "Краснодарский край", "Краснадарскі край", "Krasnodar Krai", 2),
    Destination("RU", "Нижньогородська обл.", "Нижегородская обл.", "Ніжагародская вобл.",
                "Nizhny Novgorod Oblast", 1),
    Destination("RU", "Курська обл.", "Курская обл.", "Курская вобл.", "Kursk Oblast", 1),
    Destination("RU", "АР Крим", "Республика Крым", "Крым", "Crimea", 2),
)
BY_DEST = np.array([i for i, d in enumerate(DESTINATIONS) if d.country == "BY"])
RU_DEST = np.array([i for i, d in enumerate(DESTINATIONS) if d.country == "RU"])

COUNTRY: dict[str, dict[str, str]] = {
    "BY": {"uk": "Білорусь", "uk_formal": "Республіка Білорусь", "ru": "Беларусь", "ru_formal": "Республика Беларусь",
           "ru_abbr": "РБ", "be": "Беларусь", "en": "Belarus", "en_formal": "Republic of Belarus",
           "de": "Weißrussland"},
    "RU": {"uk": "Росія", "uk_formal": "Російська Федерація", "ru": "Россия", "ru_formal": "Российская Федерация",
           "ru_abbr": "РФ", "be": "Расія", "en": "Russia", "en_formal": "Russian Federation",
           "de": "Russland"},
}

# Towns a re-registered child's birthplace is moved to (Russian documents).
RUSSIAN_TOWNS: tuple[str, ...] = (
    "Ростов-на-Дону", "Таганрог", "Москва", "Подольск", "Краснодар", "Курск", "Нижний Новгород", "Шахты",
    "Новочеркасск", "Симферополь",
)


# Raions after the July 2020 reform: (Ukrainian, Russian, English) name of the raion.
_RAION_NAMES: dict[str, tuple[str, str, str]] = {
    "donetsk": ("Донецький", "Донецкий", "Donetsk"), "horlivka": ("Горлівський", "Горловский", "Horlivka"),
    "kalmiuske": ("Кальміуський", "Кальмиусский", "Kalmiuske"),
    "mariupol": ("Маріупольський", "Мариупольский", "Mariupol"),
    "volnovakha": ("Волноваський", "Волновахский", "Volnovakha"), "bakhmut": ("Бахмутський", "Бахмутский", "Bakhmut"),
    "pokrovsk": ("Покровський", "Покровский", "Pokrovsk"), "luhansk": ("Луганський", "Луганский", "Luhansk"),
    "alchevsk": ("Алчевський", "Алчевский", "Alchevsk"), "rovenky": ("Ровеньківський", "Ровеньковский", "Rovenky"),
    "dovzhansk": ("Довжанський", "Довжанский", "Dovzhansk"),
    "sievierodonetsk": ("Сєвєродонецький", "Северодонецкий", "Sievierodonetsk"),
    "starobilsk": ("Старобільський", "Старобельский", "Starobilsk"), "kherson": ("Херсонський", "Херсонский", "Kherson"),
    "kakhovka": ("Каховський", "Каховский", "Kakhovka"), "skadovsk": ("Скадовський", "Скадовский", "Skadovsk"),
    "henichesk": ("Генічеський", "Генический", "Henichesk"),
    "melitopol": ("Мелітопольський", "Мелитопольский", "Melitopol"),
    "berdiansk": ("Бердянський", "Бердянский", "Berdiansk"), "vasylivka": ("Василівський", "Васильевский", "Vasylivka"),
    "polohy": ("Пологівський", "Пологовский", "Polohy"), "izium": ("Ізюмський", "Изюмский", "Izium"),
    "kupiansk": ("Куп'янський", "Купянский", "Kupiansk"), "kharkiv": ("Харківський", "Харьковский", "Kharkiv"),
    "kropyvnytskyi": ("Кропивницький", "Кропивницкий", "Kropyvnytskyi"), "dnipro": ("Дніпровський", "Днепровский", "Dnipro"),
}
_RAION_OF: dict[str, str] = {
    "Донецьк": "donetsk", "Макіївка": "donetsk", "Харцизьк": "donetsk", "Ясинувата": "donetsk", "Іловайськ": "donetsk",
    "Амвросіївка": "donetsk", "Горлівка": "horlivka", "Єнакієве": "horlivka", "Сніжне": "horlivka",
    "Чистякове": "horlivka", "Шахтарськ": "horlivka", "Дебальцеве": "horlivka", "Докучаєвськ": "kalmiuske",
    "Новоазовськ": "kalmiuske", "Кальміуське": "kalmiuske", "Маріуполь": "mariupol", "Волноваха": "volnovakha",
    "Вугледар": "volnovakha", "Бахмут": "bakhmut", "Торецьк": "bakhmut", "Покровськ": "pokrovsk",
    "Мирноград": "pokrovsk", "Луганськ": "luhansk", "Алчевськ": "alchevsk", "Кадіївка": "alchevsk",
    "Голубівка": "alchevsk", "Брянка": "alchevsk", "Первомайськ": "alchevsk", "Хрустальний": "rovenky",
    "Ровеньки": "rovenky", "Антрацит": "rovenky", "Довжанськ": "dovzhansk", "Сорокине": "dovzhansk",
    "Сєвєродонецьк": "sievierodonetsk", "Лисичанськ": "sievierodonetsk", "Рубіжне": "sievierodonetsk",
    "Кремінна": "sievierodonetsk", "Старобільськ": "starobilsk", "Херсон": "kherson", "Олешки": "kherson",
    "Нова Каховка": "kakhovka", "Каховка": "kakhovka", "Гола Пристань": "skadovsk", "Скадовськ": "skadovsk",
    "Генічеськ": "henichesk", "Мелітополь": "melitopol", "Бердянськ": "berdiansk", "Енергодар": "vasylivka",
    "Василівка": "vasylivka", "Токмак": "polohy", "Пологи": "polohy", "Ізюм": "izium", "Куп'янськ": "kupiansk",
    "Харків": "kharkiv", "Кропивницький": "kropyvnytskyi", "Дніпро": "dnipro",
}


def raion(si: int, lang: str) -> str:
    """The raion of settlement ``si`` as a source writes it: ``Бахмутський р-н`` (``uk``),
    ``Бахмутский р-н`` (``ru``), ``Bakhmut Raion`` (``en``)."""
    uk, ru, en = _RAION_NAMES[_RAION_OF[SETTLEMENTS[si].uk]]
    if lang == "en":
        return f"{en} Raion"
    return f"{uk if lang == 'uk' else ru} р-н"


# The city whose hospital a medical evacuation log names for a child of each oblast (the
# oblast's main city under occupation; the regional centre for the oblasts never occupied).
_HUB_OF_OBLAST = {"D": "Донецьк", "L": "Луганськ", "K": "Херсон", "Z": "Мелітополь", "H": "Ізюм",
                  "KR": "Кропивницький", "DP": "Дніпро"}
_UK_NAMES = [s.uk for s in SETTLEMENTS]


def hub(si: int) -> int:
    """The settlement whose hospital serves settlement ``si`` (see ``_HUB_OF_OBLAST``)."""
    return _UK_NAMES.index(_HUB_OF_OBLAST[SETTLEMENTS[si].oblast])


def hospital_name(si: int, form: str) -> str:
    """A children's hospital of settlement ``si`` as an evacuation log names it: ``ru``
    (``Детская городская больница г. Донецк``), ``ru_short`` (``ДГБ г. Донецк``), ``ru_central``
    (``ЦГБ г. Мелитополь``: the central city hospital), ``uk`` (``Дитяча лікарня м. Херсон``)."""
    s = SETTLEMENTS[si]
    if form == "ru":
        return f"Детская городская больница г. {s.ru_src}"
    if form == "ru_short":
        return f"ДГБ г. {s.ru_src}"
    if form == "ru_central":
        return f"ЦГБ г. {s.ru_src}"
    if form == "uk":
        return f"Дитяча лікарня м. {s.uk}"
    raise ValueError(f"unknown hospital form {form!r}")


# ---------------------------------------------------------------- added for a fourth held-out profile
# (villages, district centres, Belarusian names, registration addresses; all deterministic and
# drawing no random number of a population or a list)

# The centre of each raion (after the 2020 reform) is the settlement that names it.
_RAION_CENTRE = {"donetsk": "Донецьк", "horlivka": "Горлівка", "kalmiuske": "Кальміуське", "mariupol": "Маріуполь",
                 "volnovakha": "Волноваха", "bakhmut": "Бахмут", "pokrovsk": "Покровськ", "luhansk": "Луганськ",
                 "alchevsk": "Алчевськ", "rovenky": "Ровеньки", "dovzhansk": "Довжанськ",
                 "sievierodonetsk": "Сєвєродонецьк", "starobilsk": "Старобільськ", "kherson": "Херсон",
                 "kakhovka": "Каховка", "skadovsk": "Скадовськ", "henichesk": "Генічеськ", "melitopol": "Мелітополь",
                 "berdiansk": "Бердянськ", "vasylivka": "Василівка", "polohy": "Пологи", "izium": "Ізюм",
                 "kupiansk": "Куп'янськ", "kharkiv": "Харків", "kropyvnytskyi": "Кропивницький", "dnipro": "Дніпро"}


def district_centre(si: int) -> int:
    """The centre of the raion of settlement ``si`` (Сніжне -> Горлівка, Енергодар ->
    Василівка, Нова Каховка -> Каховка); a raion centre is its own."""
    return _UK_NAMES.index(_RAION_CENTRE[_RAION_OF[SETTLEMENTS[si].uk]])


# Belarusian names of the settlements a Belarusian source writes (the raion centres and the
# larger towns), from the Russian-source form by Belarusian orthography (akanye, ў, дз, ц):
# Донецк -> Данецк, Мариуполь -> Марыупаль, Артёмовск -> Арцёмаўск.  A settlement without one
# is written in its Russian-source form (a Belarusian clerk who does not know the name).
BE_NAMES: dict[str, str] = {
    "Донецьк": "Данецк", "Макіївка": "Макееўка", "Горлівка": "Горлаўка", "Кальміуське": "Камсамольскае",
    "Маріуполь": "Марыупаль", "Волноваха": "Валнаваха", "Бахмут": "Арцёмаўск", "Покровськ": "Краснаармейск",
    "Луганськ": "Луганск", "Алчевськ": "Алчэўск", "Ровеньки": "Ровенькі", "Довжанськ": "Свярдлоўск",
    "Сєвєродонецьк": "Северадонецк", "Лисичанськ": "Лісічанск", "Старобільськ": "Старабельск", "Херсон": "Херсон",
    "Каховка": "Кахоўка", "Нова Каховка": "Новая Кахоўка", "Скадовськ": "Скадоўск", "Генічеськ": "Генічаск",
    "Мелітополь": "Мелітопаль", "Бердянськ": "Бердзянск", "Василівка": "Васільеўка", "Пологи": "Полагі",
    "Ізюм": "Ізюм", "Куп'янськ": "Куп'янск", "Харків": "Харкаў", "Кропивницький": "Кіраваград",
    "Дніпро": "Днепрапятроўск", "Єнакієве": "Енакіева", "Кадіївка": "Стаханаў", "Енергодар": "Энергадар",
}
BE_OBLASTS = {"D": "Данецкая вобл.", "L": "Луганская вобл.", "K": "Херсонская вобл.", "Z": "Запарожская вобл.",
              "H": "Харкаўская вобл.", "KR": "Кіраваградская вобл.", "DP": "Днепрапятроўская вобл."}

# Village names that recur in every oblast of the south and east (Ukrainian, Russian): a
# village written without its raion or oblast does not say where it is.
VILLAGES: tuple[tuple[str, str], ...] = (
    ("Новоселівка", "Новоселовка"), ("Миколаївка", "Николаевка"), ("Олександрівка", "Александровка"),
    ("Іванівка", "Ивановка"), ("Петрівка", "Петровка"), ("Михайлівка", "Михайловка"), ("Андріївка", "Андреевка"),
    ("Степанівка", "Степановка"), ("Зоряне", "Зоряное"), ("Первомайське", "Первомайское"),
    ("Благодатне", "Благодатное"), ("Шевченкове", "Шевченково"), ("Калинівка", "Калиновка"),
    ("Привілля", "Приволье"), ("Лозове", "Лозовое"), ("Кам'янка", "Каменка"), ("Василівка", "Васильевка"),
    ("Новоолександрівка", "Новоалександровка"), ("Дмитрівка", "Дмитровка"), ("Нова Іванівка", "Новоивановка"),
)
STREETS: tuple[str, ...] = ("Миру", "Шевченка", "Центральна", "Садова", "Шкільна", "Молодіжна", "Гагаріна",
                            "Зелена", "Набережна", "Козацька", "Металургів", "Степова", "Перемоги", "Лесі Українки")


def _family_rng(family: int, origin: int, salt: int) -> np.random.Generator:
    return np.random.default_rng([family, origin, salt])


def village_of(family: int, origin: int) -> int:
    """The village (index into :data:`VILLAGES`) near ``origin`` a family last lived in: a
    fixed function of the family, so siblings share it; unrelated families of different
    oblasts share names."""
    return int(_family_rng(family, origin, 0x56494C).integers(len(VILLAGES)))


def registration_of(family: int, origin: int, share_elsewhere: float) -> int:
    """The settlement where a family is registered (прописка): ``origin`` or, for a share
    ``share_elsewhere`` of families, another settlement of its oblast (a family that moved
    and never re-registered).  Fixed per family; draws no random number of a list."""
    g = _family_rng(family, origin, 0x524547)
    if g.random() >= share_elsewhere:
        return origin
    same = [i for i, s in enumerate(SETTLEMENTS) if s.oblast == SETTLEMENTS[origin].oblast and i != origin]
    return int(same[int(g.integers(len(same)))]) if same else origin


def address_parts(family: int, origin: int) -> tuple[str, int, int]:
    """The family's street, house and flat (0: a private house) at its registration."""
    g = _family_rng(family, origin, 0x414452)
    street = STREETS[int(g.integers(len(STREETS)))]
    house = int(g.integers(1, 120))
    flat = int(g.integers(1, 180)) if g.random() < 0.6 else 0
    return street, house, flat


# ---------------------------------------------------------------- added for a fifth held-out profile
# (where a displaced family lives now; deterministic, drawing no random number of a population or a list)

# Cities of government-controlled Ukraine where displaced families registered with aid
# organisations (Ukrainian name, Russian name): the case file's address is there, not in
# the settlement the children were taken from.
HOST_CITIES: tuple[tuple[str, str], ...] = (
    ("Київ", "Киев"), ("Львів", "Львов"), ("Дніпро", "Днепр"), ("Запоріжжя", "Запорожье"), ("Одеса", "Одесса"),
    ("Вінниця", "Винница"), ("Харків", "Харьков"), ("Івано-Франківськ", "Ивано-Франковск"),
    ("Полтава", "Полтава"), ("Черкаси", "Черкассы"), ("Кривий Ріг", "Кривой Рог"), ("Ужгород", "Ужгород"),
)
_HOST_P = np.array([20, 14, 12, 10, 9, 6, 6, 5, 5, 4, 4, 3], dtype=float) / 98.0


def host_city_of(family: int, share: float) -> int | None:
    """The city (index into :data:`HOST_CITIES`) where a displaced family now lives and was
    registered by an aid organisation, for a share ``share`` of families; None for the
    others.  Fixed per family (siblings share it)."""
    g = np.random.default_rng([family, 0x484F5354])
    if g.random() >= share:
        return None
    return int(g.choice(len(HOST_CITIES), p=_HOST_P))


def host_address(family: int, city: int) -> tuple[str, int, int]:
    """The family's street, house and flat (0: a private house or a hostel room without
    one) in its host city."""
    g = np.random.default_rng([family, city, 0x41444452])
    street = STREETS[int(g.integers(len(STREETS)))]
    return street, int(g.integers(1, 200)), int(g.integers(1, 300)) if g.random() < 0.7 else 0
