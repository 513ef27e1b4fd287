"""TWENTY-EIGHTH HELD-OUT error profile ``heldout_birthdays_starostas_llm``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or
tuning the linkage model (thresholds, comparison levels, name tables, gazetteer,
blocking rules, priors).  It is written to replace :mod:`.heldout27`
(``heldout_tickets_docphotos_caseapi``) as the profile kept out of tuning once that one has
been run.  It was run ONCE (2026-12-08, at the end of the session in which it was written, the
session that changed the model after heldout27's run; on that session's first model and its last,
which gave the same: recall across 0.774, precision across 0.873, children +3.9%, N̂ +146.6% by
best AIC, ``recommended`` 8,286 [5,205, 13,846] for 3,000 children, not covering, three linkage
warnings; bench/RESULTS.md); :mod:`.heldout29` now replaces it as the profile kept out of tuning
(``bench/linkage_harness.py --profiles "" --heldout28`` runs it alone; it is not a default profile).
``bench/linkage_harness.py`` runs it only with ``--heldout28``; the tests only check that it
generates valid, deterministic lists with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its
results: not ``estimators/linkage/`` (apart from calling its input validation, as a black
box, in the tests), not ``data/name_equivalences.csv``, ``data/name_translations.csv`` or the
gazetteer tables of ``data/``, not the linkage sections of ``bench/RESULTS.md`` and of the
README, and no commit message (no ``git log`` or ``git show``).  It read the shared harness
modules, :mod:`.heldout24` and its tests as a model of structure, the module docstrings of
:mod:`.heldout` to :mod:`.heldout24` (to keep clear of their processes), only the function
signatures of :mod:`.heldout25` to :mod:`.heldout27`, the registration tests of
``tests/test_harness_heldout27.py``, ``bench/linkage_harness.py``,
``bench/harness_true_coverage.py`` and ``tests/test_harness_heldout_contract.py``.  The error
processes are what such sources look like, not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the earlier held-out profiles have (as far as the docstrings
of the first twenty-four and the function names of the next three tell).  The shared
:func:`.profiles.build` renders every record; this module then rewrites each list as its
source writes it (:func:`generate_heldout28`).  Per-child draws (how a name or a date was
written) are fixed per child, record AND seed (:func:`_child_rng`); per-family draws (a
foster family's page, a stay in a centre, the compiler who listed a family, the interview)
per family AND seed (:func:`_family_rng`); per-post draws (whether a birthday was posted, a
late post, an age in the post) per family, birthday AND seed, so that twins share their post
(:func:`_post_rng`); per-page and per-compiler draws (a page's posting habit and name, a
compiler's way of writing ages) per page (compiler) AND seed.  The shares are the author's
judgement of what such lists hold (no published rate exists for any of them); each is a
named constant.

``ru_pages_birthdays``
    an open-source research team's table of Ukrainian children found in the birthday
    congratulations (``С днём рождения, наша Машенька! Сегодня ей исполнилось 9 лет``) that
    Russian and Belarusian institutions, camps, temporary accommodation centres (ПВР) and
    foster families post on their public social-media pages, one row per congratulation.
    Each child is on one page (:func:`page_of`): a camp's or sanatorium's for a child sent to
    Belarus; a foster family's own page for :data:`FOSTER_PAGE` of the families with placed
    children (fixed per family and seed); a temporary accommodation centre's for a child taken
    with its family and not placed; otherwise a receiving institution's (a social
    rehabilitation centre for minors, СРЦН).  (1) Capture by the calendar: a page
    congratulates a child only on a birthday that falls while the child is there
    (:func:`stay_of`: a camp stay of :data:`CAMP_STAY` days, fixed per group; a centre stay of
    :data:`CENTRE_STAY` days, fixed per family; an institution from the removal, a foster
    family from the placement, :data:`PLACEMENT_LAG` days after it, until the team stopped
    collecting, :data:`OBSERVED_UNTIL`; posts before :data:`SCRAPED_FROM` were not collected)
    and only :data:`POSTED` of those birthdays were posted (:func:`posted_birthdays`): a
    child sent for a three-week camp is on the list only if its birthday fell in those weeks,
    a child in an institution once a year; a second posted birthday, a year or more later,
    is a second row (a within-list duplicate).  (2) The birth date is the post's date: the
    team took the day and month of the post for the birthday and the birth year as the
    post's year less the age the post gives (:data:`AGE_STATED` of the posts; without it, no
    birth date: :func:`recorded_birth`).  Pages post on the day except :data:`WORKDAY_PAGES`
    of them, kept by staff who post on working days only (:func:`page_habit`): a birthday on
    a Saturday or Sunday is posted on the Monday, one in the Russian New Year holidays
    (1 to 8 January) on 9 January, one on a public holiday (23 February, 8 March, 1 and 9
    May, 12 June, 4 November) the next working day (:func:`next_workday`; the government's
    transfers of working days are not modelled); :data:`LATE_POST` of the posts, on any page,
    congratulate one to three days late (``вчера нашей Маше исполнилось``:
    :data:`LATE_LAG`); :data:`MONTHLY_PAGES` of the pages post once a month the list of the
    month's birthdays (``Именинники июля``), which gives the month and year only; a late post
    of a birthday of late December, in January, gives the year one late.  (3) Names as posts
    write them: the full Russian given name, the diminutive (Маша) or the affectionate form
    (:data:`HYPOCORISTIC`: Машенька, Ванечка, Сашенька, Тёмочка, Лизонька) by
    :data:`GIVEN_FORMS` (:func:`given_form`), ё as е in :data:`DROP_YO` of the posts; the
    family name only in some posts (:data:`FAMILY_SHOWN`, by the kind of page), on a foster
    family's page the family's surname for a re-registered child (the identity given in
    Russia, its birth date too); never a patronymic; the town the child came from in
    :data:`ORIGIN_MENTIONED` of the posts (``приехала к нам из Мариуполя``).  (4) The team's
    institution column holds the PAGE's institution, the receiving one in Russia or Belarus
    (:func:`page_name`: ``ГБУ СРЦН «Радуга», г. Таганрог``, ``ПВР «Дружба», г. Анапа``,
    ``лагерь «Дубрава»``; synthetic names), for :data:`PAGE_NAMED` of the posts, not the
    Ukrainian institution the child was taken from; no removal date; the sex from the post's
    grammar; the region or camp of the page as destination.  Rows in the order of the posts,
    numbered ``BD<row>``.
``ua_starosta_lists``
    lists of children taken away compiled by the starostas (village heads of the
    starosta districts) and the heads of street and house committees of hromadas in occupied,
    front-line and de-occupied areas, from what neighbours and relatives told them, written
    on the oblast's template and typed by the hromada's clerk, one sheet per hromada (here:
    per settlement of origin), merged by the oblast's children's services, numbered
    ``ST<sheet>-<row>``.  Ukrainian forms (Russian for some children, and for some with
    Russian documents), typos, apostrophe variants, the patronymic seldom, sex often left
    empty (the template has no sex column; the clerk filled it now and then), the village or
    town, the institution for a few, the country for most.  The oblast asked for the lists in
    rounds (:data:`ROUNDS`); a family is on the list of one of :data:`N_COMPILERS` compilers of
    its settlement (:func:`compiler_of`, fixed per family and seed) in the first round at least
    :data:`ROUND_AFTER` days after its removal, compiled up to :data:`ROUND_LEAD` days before
    the round's deadline (:func:`compiled_on`); a child known to a second compiler (a relative
    in another street) is listed again in the next round.  (1) The template's column is "вік
    / рік народження" (age or year of birth) and each compiler has a habit (:data:`HABITS`,
    fixed per compiler and seed: :func:`compiler_habit`; :data:`HABIT_CELLS`): the full year
    (``2012 р.н.``), the year in two digits (``12 р.н.``), the age when the list was compiled
    (``11 р.``, ``11 років``; misremembered by a year for :data:`AGE_SLIP` of them), seldom the
    full date (:func:`birth_cell`).  The oblast's analyst read the column by its digits
    (:func:`analyst_birth`): a date as a date, four digits as the year, one or two digits as
    an age, the birth year being the compilation's year less it.  So a two-digit year is read
    as an age: ``12 р.н.`` on a list of 2023 becomes 2011, ``08 р.н.`` 2015, ``17 р.н.`` 2006
    (the compilation's year less the two digits); an age gives the true year or one late
    (one more or less when misremembered); a child under one year has its year written.  (2)
    The column "коли вивезли" (when taken) holds a date, a month (``квітень 2022``), a
    season (``навесні 2022``, ``влітку 2022``, ``восени 2022``, ``взимку 2023``), a year or
    nothing (:data:`REMOVAL_CELLS`, :func:`removal_cell`), and the analyst coded a season as
    its first month (:data:`SEASON_FIRST`, :func:`analyst_removal`): spring March, summer
    June, autumn September, winter DECEMBER of the year written, so a removal in May is
    coded March, and one in January or February of 2023, written ``взимку 2023``, is coded
    December 2023, ten or eleven months late.  Rows by sheet (settlement), then compilation
    date and compiler, a family's children together, eldest first.  Families much more than
    institutions (an institution's children have no neighbours to tell of them).
``intl_llm_testimonies``
    an international documentation project's table of the children named in its interviews
    with relatives and with children who came back (recorded in Ukrainian or Russian,
    transcribed, and turned into a table by a large language model prompted to answer in
    JSON with English keys and Latin-script values, shared with international partners):
    the names romanised as the model does it (mostly the Ukrainian national system, some ad
    hoc or as if Russian, an English given name for some: Maria, Alexander), the patronymic
    for few, the place romanised (the current name, the Russian-source name or the old one),
    the institution in English for some, ``Russia`` / ``Belarus``, the identity given in
    Russia for a few re-registered children (a child who came back tells the name used
    there).  Rows in the order of the interviews (:func:`interviewed_on`: from
    :data:`INTERVIEWS_FROM`, over :data:`INTERVIEW_SPAN` days, at least
    :data:`MIN_AFTER_REMOVAL` days after the removal, one date per family; a second interview
    about a child, by another relative, later), numbered ``TS<row>``.  People give dates as
    they speak (:data:`BIRTH_PHRASES`, :data:`REMOVAL_PHRASES`, :func:`phrases`, fixed per
    child, interview and seed): the birth date, the birth year, the child's age NOW (``їй
    зараз одинадцять``) or its age WHEN TAKEN (``йому було вісім, коли забрали``); the removal
    date, its month, or how long ago it was (``півтора року тому``: a number of months).  The
    model computed a birth year as "today's" year less an age, and a month as "today" less
    the months ago (:func:`model_birth`, :func:`model_removal`).  (1) It read every age as
    the age now: an age when taken gives a birth year late by the years since the removal
    (two or three for a removal of 2022 told in 2024).  (2) The pipeline passed the
    interview date to the model from the transcript's header, which the transcripts of the
    automatic transcription service lacked (:data:`UNDATED` of the interviews, fixed per
    family's interview, per child for a second one, and seed: :func:`undated`); without it
    the model took its own "today", the end of its training data (:data:`MODEL_TODAY`,
    before every interview), so in those interviews a year from an age is early by the
    years from that day to the interview (an age when taken less late), and a removal told
    as months ago is early by the months between them (:func:`reference_day`).

How they differ from the earlier profiles.  Earlier lists from Russian social media and news
(:mod:`.heldout9`'s social-network profiles, :mod:`.heldout3`'s Telegram posts,
:mod:`.heldout13`'s news) took a birth year from an age in a post or the post's date as a
removal date; none took the post's date for the BIRTH day, shifted by a page's working days
and holidays, and none captured a child only when a birthday fell within its stay.  Given
names were Russian diminutives (Маша), familiar forms in brackets (:mod:`.heldout14`) and
Ukrainian pet names (:mod:`.heldout6`); none wrote the Russian affectionate forms in -енька,
-ечка, -очка, -уля.  Earlier institution columns held the child's institution, its school
(:mod:`.heldout8`) or the hospital that sent it (:mod:`.heldout3`); none the institution
that RECEIVED it in Russia or Belarus.  Birth years from ages were computed from a report's,
an entry's, an interview's or an annex's date (the tuning profiles, :mod:`.heldout2`,
:mod:`.heldout6`), and :mod:`.heldout20` read a small child's months as years; none read a
year in two digits as an age, none read an age when taken as the age now, and none computed
from a "today" earlier than the day the age was given.  No earlier removal date was a season
coded as its first month (:mod:`.heldout16` completed a day and month with the year of
typing).  (No function name of :mod:`.heldout25` to :mod:`.heldout27` speaks of birthdays,
posts, seasons, compilation rounds, a model's "today" or ages when taken; their bodies and
docstrings were not read.)

Population: three families in ten from institutions, some sent to Belarus, families of two
or more children common, more twins, more children placed in Russia and re-registered,
capture shared within families.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import ListSpec, Mix, Style, _consistent, draw
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_birthdays_starostas_llm"
_TAG = 0x48_3238  # this module's random streams (rewriting), apart from build()'s

BIRTHDAYS = "ru_pages_birthdays"
STAROSTAS = "ua_starosta_lists"
TESTIMONIES = "intl_llm_testimonies"

# ---------------------------------------------------------------- the lists' rendering (build)

_BIRTHDAYS = Style(  # given names, family names, dates, places and institutions set by _rewrite_birthdays
    name_lang=(("ru", 1.0),),
    show_new_identity=0.7,
    typo=0.01,
    layout="ru",
    drop_yo=0.4,
    birth=(("day", 1.0),),  # the birthday posted is computed from it
    place=(("ru_src", 1.0),),
    place_prefix=(("type", 1.0),),
    institution=(("ru", 1.0),),
    removal=(("exact", 1.0),),
    destination="place_ru",
)
_STAROSTAS = Style(  # the age / year column and the "when taken" column read by _rewrite_starostas
    name_lang=(("uk", 0.85), ("ru", 0.15)),
    follow_ru_docs=0.3,
    typo=0.04,
    layout="uk",
    apostrophes=0.4,
    family_missing=0.01,
    patronymic_missing=0.8,
    birth=(("day", 1.0),),  # what the compiler knew, written as the compiler's habit says
    sex_missing=0.6,
    place=(("uk_current", 0.85), ("uk_doc", 0.15)),
    place_prefix=(("type", 0.6), ("none", 0.4)),
    place_missing=0.02,
    institution=(("uk_short", 1.0),),
    institution_missing=0.6,
    removal=(("exact", 1.0),),  # written as the compiler wrote it
    destination="uk",
    destination_missing=0.3,
)
_TESTIMONIES = Style(  # the dates the model computed set by _rewrite_testimonies
    name_lang=(("uk", 0.7), ("ru", 0.3)),
    follow_ru_docs=0.3,
    script="lat",
    systems=(("ua_2010", 0.6), ("ad_hoc", 0.2), ("ru_bgn", 0.2)),
    english_given=0.2,
    swap_names=0.03,
    show_new_identity=0.15,
    patronymic_missing=0.75,
    typo=0.01,
    birth=(("day", 1.0),),  # what the speaker knew, said as a phrase
    sex_missing=0.04,
    place=(("lat_current", 0.6), ("lat_ru", 0.25), ("lat_old_uk", 0.15)),
    place_prefix=(("none", 0.7), ("oblast", 0.3)),
    place_missing=0.1,
    institution=(("en", 1.0),),
    institution_missing=0.5,
    removal=(("exact", 1.0),),  # said as a phrase
    destination="en",
    destination_missing=0.15,
)


def heldout28_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (28th): birthday posts of Russian institutions' pages, starostas' lists, interviews "
        "turned into a table by a language model",
        PopulationSpec(
            share_institution=0.3,
            share_belarus=0.15,
            family_sizes=(0.45, 0.3, 0.14, 0.07, 0.03, 0.01),
            twin_rate=0.04,
            placed_institution=0.5,
            placed_family=0.1,
            reregistered=0.4,
            family_visibility=0.6,
        ),
        (
            ListSpec(
                BIRTHDAYS,
                _BIRTHDAYS,
                base=0.6,
                beta=0.8,
                mode_odds=(("institution", 3.0), ("placed", 3.0)),
                wave_cover=0.75,
                duplicates=0.45,  # a second birthday posted (kept only when one was)
                id_prefix="BD",
            ),
            ListSpec(
                STAROSTAS,
                _STAROSTAS,
                base=0.4,
                beta=0.8,
                mode_odds=(("family", 2.0), ("institution", 0.3)),
                duplicates=0.08,
                id_prefix="ST",
            ),
            ListSpec(
                TESTIMONIES,
                _TESTIMONIES,
                base=0.22,
                beta=0.9,
                mode_odds=(("family", 2.0), ("belarus", 1.5), ("institution", 0.4), ("placed", 0.5)),
                duplicates=0.08,
                id_prefix="TS",
            ),
        ),
        output_order=(BIRTHDAYS, STAROSTAS, TESTIMONIES),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _unit_rng(seed: int, unit: tuple[int, ...], salt: int) -> np.random.Generator:
    """A generator fixed per unit (a page, a removal group, a compiler, a round) and seed."""
    return np.random.default_rng([int(seed), _TAG, salt, *(int(u) for u in unit)])


def _post_rng(seed: int, child: Child, birthday: dt.date, salt: int) -> np.random.Generator:
    """A generator fixed per family, birthday and seed: twins share their birthday's post."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family, birthday.toordinal()])


def _child_post_rng(seed: int, child: Child, birthday: dt.date, salt: int) -> np.random.Generator:
    """A generator fixed per child, birthday and seed (how a post writes this child)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id, birthday.toordinal()])


def _safe_date(year: int, month: int, day: int) -> dt.date:
    """The date, 29 February of a common year read as 28 February."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, day - 1)


# ---------------------------------------------------------------- the pages' birthday posts

#: the team collected posts from this day ...
SCRAPED_FROM = dt.date(2022, 2, 24)
#: ... until this day
OBSERVED_UNTIL = dt.date(2024, 6, 30)
#: days a group of the Belarus programme (or another group sent to Belarus) stays at the camp (low, high exclusive)
CAMP_STAY = (21, 46)
#: days a family stays at a temporary accommodation centre (low, high exclusive)
CENTRE_STAY = (20, 240)
#: days from the removal to a placed child's placement in a foster family (low, high exclusive)
PLACEMENT_LAG = (45, 400)
#: share of the families with placed children whose foster family keeps a public page
FOSTER_PAGE = 0.6
#: share of the birthdays (in a child's stay) a page posts
POSTED = 0.7
#: share of the pages (other than foster families') posting the month's birthdays once a month
MONTHLY_PAGES = 0.2
#: share of the other pages (not monthly) that post on working days only
WORKDAY_PAGES = 0.5
#: share of the posts congratulating late, on any page
LATE_POST = 0.15
#: days late (low, high exclusive)
LATE_LAG = (1, 4)
#: share of the posts giving the age the child turned
AGE_STATED = 0.75
#: how a post writes the given name
GIVEN_FORMS: Mix = (("full", 0.35), ("dim", 0.35), ("hypo", 0.3))
#: share of the posts writing ё as е
DROP_YO = 0.5
#: share of the posts giving the family name, by the kind of page
FAMILY_SHOWN: dict[str, float] = {"institution": 0.15, "camp": 0.3, "centre": 0.35, "foster": 0.6}
#: share of the posts saying where the child came from
ORIGIN_MENTIONED = 0.3
#: share of the rows (not of foster pages) with the page's institution in the institution column
PAGE_NAMED = 0.7
#: the kinds of page
PAGE_KINDS = ("institution", "camp", "centre", "foster")
#: Russian non-working public holidays (month, day): the New Year holidays, 23 February, 8 March, 1 and 9 May,
#: 12 June, 4 November (Labour Code art. 112; transfers of working days not modelled)
RU_HOLIDAYS = frozenset({(1, d) for d in range(1, 9)} | {(2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4)})
#: the Russian affectionate (hypocoristic) form of each given name, keyed by its Russian form
HYPOCORISTIC: dict[str, str] = {
    "Александр": "Сашенька", "Максим": "Максимка", "Артём": "Тёмочка", "Дмитрий": "Димочка",
    "Даниил": "Данечка", "Иван": "Ванечка", "Андрей": "Андрюшенька", "Михаил": "Мишенька",
    "Кирилл": "Кирюшенька", "Владислав": "Владик", "Назар": "Назарчик", "Богдан": "Богданчик",
    "Матвей": "Матвейка", "Ярослав": "Ярославчик", "Денис": "Дениска", "Егор": "Егорка",
    "Тимофей": "Тимоша", "Илья": "Илюшенька", "Никита": "Никитка", "Роман": "Ромочка",
    "Сергей": "Серёженька", "Владимир": "Вовочка", "Вадим": "Вадимка", "Виталий": "Виталька",
    "Алексей": "Лёшенька", "Евгений": "Женечка", "Марк": "Марик", "Давид": "Давидик",
    "Захар": "Захарка", "Ростислав": "Ростиславчик", "Тарас": "Тарасик", "Вячеслав": "Славик",
    "Руслан": "Русланчик", "Антон": "Антоша", "Павел": "Пашенька", "Георгий": "Гошенька",
    "Игорь": "Игорёк", "Степан": "Стёпочка", "Константин": "Костенька", "Юрий": "Юрочка",
    "Пётр": "Петенька", "Остап": "Остапчик", "Святослав": "Святик", "Фёдор": "Феденька",
    "Тимур": "Тимурчик", "Лев": "Лёвушка", "Платон": "Платоша", "Семён": "Сёмочка",
    "Яков": "Яшенька", "Олег": "Олежка", "Глеб": "Глебушка", "Арсений": "Арсюшенька",
    "Мирослав": "Мирославчик", "Всеволод": "Севушка", "Савелий": "Савушка", "Эмиль": "Эмильчик",
    "Амир": "Амирчик",
    "Анастасия": "Настенька", "София": "Сонечка", "Мария": "Машенька", "Дарья": "Дашенька",
    "Виктория": "Викуля", "Анна": "Анечка", "Екатерина": "Катюша", "Полина": "Полиночка",
    "Елизавета": "Лизонька", "Алина": "Алиночка", "Юлия": "Юленька", "Александра": "Сашенька",
    "Валерия": "Лерочка", "Вероника": "Вероничка", "Диана": "Дианочка", "Ангелина": "Ангелиночка",
    "Ксения": "Ксюшенька", "Милана": "Миланочка", "Злата": "Златочка", "Кристина": "Кристиночка",
    "Карина": "Кариночка", "Ирина": "Ирочка", "Елена": "Леночка", "Ольга": "Оленька",
    "Татьяна": "Танечка", "Наталья": "Наташенька", "Маргарита": "Риточка", "Яна": "Яночка",
    "Кира": "Кирочка", "Соломия": "Соломийка", "Ульяна": "Ульянка", "Эвелина": "Эвелиночка",
    "Арина": "Ариночка", "Светлана": "Светочка", "Надежда": "Наденька", "Любовь": "Любочка",
    "Вера": "Верочка", "Василиса": "Василисочка", "Мирослава": "Мирочка", "Стефания": "Стефочка",
    "Эмилия": "Эмилечка", "Ева": "Евочка", "Алиса": "Алисонька", "Таисия": "Таечка",
    "Людмила": "Людочка", "Амина": "Аминочка",
}  # fmt: skip
#: names of the receiving institutions and centres (synthetic)
PAGE_NAMES = ("Радуга", "Солнышко", "Надежда", "Ласточка", "Теремок", "Родник", "Берёзка", "Светлячок",
              "Дружба", "Улыбка", "Алые паруса", "Юность")
#: towns of the receiving institutions and centres, by destination region (its Russian form)
PAGE_TOWNS: dict[str, tuple[str, ...]] = {
    "Ростовская обл.": ("Таганрог", "Шахты", "Новочеркасск", "Ростов-на-Дону"),
    "Московская обл.": ("Подольск", "Коломна", "Серпухов"),
    "Краснодарский край": ("Анапа", "Ейск", "Краснодар"),
    "Нижегородская обл.": ("Арзамас", "Нижний Новгород"),
    "Курская обл.": ("Курск", "Железногорск"),
    "Республика Крым": ("Евпатория", "Симферополь", "Алушта"),
}


def page_of(seed: int, child: Child) -> tuple[str, int]:
    """The page that congratulates ``child``: (kind, key), the key a removal group or, for a
    foster family's page, the family."""
    if pl.DESTINATIONS[child.destination].country == "BY":
        return "camp", child.wave
    if child.placed and _family_rng(seed, child, 0x4650).random() < FOSTER_PAGE:
        return "foster", child.family
    if child.mode == "family" and not child.placed:
        return "centre", child.wave
    return "institution", child.wave


def stay_of(seed: int, child: Child) -> tuple[dt.date, dt.date]:
    """The days (first, last) ``child`` is with its page while the team collected posts (the
    first after the last when never)."""
    kind, key = page_of(seed, child)
    start, end = child.removal, OBSERVED_UNTIL
    if kind == "camp":
        end = child.removal + dt.timedelta(days=int(_unit_rng(seed, (key,), 0x4353).integers(*CAMP_STAY)))
    elif kind == "centre":
        end = child.removal + dt.timedelta(days=int(_family_rng(seed, child, 0x4354).integers(*CENTRE_STAY)))
    elif kind == "foster":
        start = child.removal + dt.timedelta(days=int(_family_rng(seed, child, 0x504C).integers(*PLACEMENT_LAG)))
    return max(start, SCRAPED_FROM), min(end, OBSERVED_UNTIL)


def page_habit(seed: int, page: tuple[str, int]) -> tuple[bool, bool]:
    """(posts on working days only, posts the month's birthdays once a month) for ``page``.
    A foster family posts on the day.  Fixed per page and seed."""
    kind, key = page
    g = _unit_rng(seed, (PAGE_KINDS.index(kind), key), 0x5048)
    monthly_u, workday_u = float(g.random()), float(g.random())
    if kind == "foster":
        return False, False
    monthly = monthly_u < MONTHLY_PAGES
    return (not monthly) and workday_u < WORKDAY_PAGES, monthly


def page_name(seed: int, page: tuple[str, int], child: Child) -> str:
    """The institution of ``page`` as the team wrote it ("" for a foster family)."""
    kind, key = page
    dest = pl.DESTINATIONS[child.destination]
    if kind == "foster":
        return ""
    if kind == "camp":
        return dest.ru.split(",")[0]
    g = _unit_rng(seed, (PAGE_KINDS.index(kind), key), 0x504E)
    towns = PAGE_TOWNS[dest.ru]
    town = towns[int(g.integers(len(towns)))]
    name = PAGE_NAMES[int(g.integers(len(PAGE_NAMES)))]
    return f"ПВР «{name}», г. {town}" if kind == "centre" else f"ГБУ СРЦН «{name}», г. {town}"


def birthday_in(birth: dt.date, year: int) -> dt.date:
    """The birthday in ``year`` of a child born on ``birth`` (28 February for 29 February in a
    common year)."""
    return _safe_date(year, birth.month, birth.day)


def birthdays_between(birth: dt.date, first: dt.date, last: dt.date) -> list[dt.date]:
    """The birthdays of a child born on ``birth`` from ``first`` to ``last`` (inclusive)."""
    out = []
    for year in range(first.year, last.year + 1):
        d = birthday_in(birth, year)
        if first <= d <= last and d > birth:
            out.append(d)
    return out


def posted(seed: int, child: Child, birthday: dt.date) -> bool:
    """Whether the page posted ``child``'s ``birthday`` (fixed per family, birthday and seed)."""
    return bool(_post_rng(seed, child, birthday, 0x5053).random() < POSTED)


def posted_birthdays(seed: int, child: Child, birth: dt.date) -> list[dt.date]:
    """The birthdays of ``child`` (born on ``birth`` by the identity its page knows) that its
    page posted, in order."""
    return [d for d in birthdays_between(birth, *stay_of(seed, child)) if posted(seed, child, d)]


def next_workday(day: dt.date) -> dt.date:
    """``day`` or the first day after it that is neither a weekend day nor a Russian public holiday."""
    while day.weekday() >= 5 or (day.month, day.day) in RU_HOLIDAYS:
        day += dt.timedelta(days=1)
    return day


def post_date(seed: int, child: Child, birthday: dt.date) -> dt.date:
    """The day the page posted ``birthday`` (a monthly page: the month's first day)."""
    workday, monthly = page_habit(seed, page_of(seed, child))
    g = _post_rng(seed, child, birthday, 0x4C54)
    late_u, lag = float(g.random()), int(g.integers(*LATE_LAG))
    if monthly:
        return birthday.replace(day=1)
    day = birthday + dt.timedelta(days=lag if late_u < LATE_POST else 0)
    return next_workday(day) if workday else day


def age_stated(seed: int, child: Child, birthday: dt.date) -> bool:
    """Whether the post gives the age turned (fixed per family, birthday and seed)."""
    return bool(_post_rng(seed, child, birthday, 0x4153).random() < AGE_STATED)


def recorded_birth(seed: int, child: Child, birth: dt.date, birthday: dt.date) -> str:
    """The birth date the team wrote from the post of ``birthday``: the post's day and month,
    the post's year less the age turned; the month only for a monthly page; nothing without an
    age."""
    if not age_stated(seed, child, birthday):
        return ""
    _, monthly = page_habit(seed, page_of(seed, child))
    post = post_date(seed, child, birthday)
    year = post.year - (birthday.year - birth.year)
    if monthly:
        return f"{year:04d}-{post.month:02d}"
    return _safe_date(year, post.month, post.day).isoformat()


def given_form(seed: int, child: Child, given: int, birthday: dt.date) -> str:
    """The given name (index ``given`` of :data:`.lexicon.GIVEN`) as the post of ``birthday``
    writes it."""
    g = _child_post_rng(seed, child, birthday, 0x4746)
    how = draw(GIVEN_FORMS, g)
    yo = bool(g.random() < DROP_YO)
    name = lx.GIVEN[given]
    out = HYPOCORISTIC[name.ru] if how == "hypo" else name.dim if how == "dim" and name.dim else name.ru
    return nz.drop_yo(out) if yo else out


def post_shows(seed: int, child: Child, birthday: dt.date) -> tuple[bool, bool, bool]:
    """(the family name, where the child came from, the page's institution) in the row of the
    post of ``birthday``.  Fixed per child, birthday and seed."""
    kind, _ = page_of(seed, child)
    g = _child_post_rng(seed, child, birthday, 0x5348)
    family, origin, named = float(g.random()), float(g.random()), float(g.random())
    return family < FAMILY_SHOWN[kind], origin < ORIGIN_MENTIONED, kind != "foster" and named < PAGE_NAMED


def birthday_record(
    seed: int, child: Child, rec: dict[str, str], birthday: dt.date, new_identity: bool
) -> dict[str, str]:
    """The team's row of the post of ``birthday`` (``rec``: the child's record as rendered, with
    its full birth date; ``new_identity``: it shows the identity given in Russia)."""
    page = page_of(seed, child)
    birth = dt.date.fromisoformat(rec["birth_date"])
    given = child.new_identity.given if new_identity and child.new_identity is not None else child.given
    family, origin, named = post_shows(seed, child, birthday)
    out = dict(rec)
    out["given_name"] = given_form(seed, child, given, birthday)
    out["family_name"] = rec["family_name"] if family else ""
    out["patronymic"] = ""
    out["birth_date"] = recorded_birth(seed, child, birth, birthday)
    out["origin_settlement"] = rec["origin_settlement"] if origin else ""
    out["origin_institution"] = page_name(seed, page, child) if named else ""
    out["removal_date"] = ""
    return out


def _rewrite_birthdays(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    chosen: dict[int, dt.date] = {}
    own: set[int] = set()
    kinds = truth["kind"].tolist()
    for j, child_id in enumerate(truth["child"]):
        c = pop.children[int(child_id)]
        posts = posted_birthdays(seed, c, dt.date.fromisoformat(rows[j]["birth_date"]))
        at = 1 if kinds[j] == "duplicate" else 0
        if len(posts) > at:
            chosen[j] = posts[at]
            if at == 0:
                own.add(c.child_id)
    ties = rng.random(len(rows))
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, new) in enumerate(zip(truth["child"], truth["new_identity"], strict=True)):
        c = pop.children[int(child_id)]
        if j not in chosen or int(child_id) not in own:  # a second post only of a child with a first
            continue
        rows[j] = birthday_record(seed, c, rows[j], chosen[j], bool(new))
        keys.append((post_date(seed, c, chosen[j]), float(ties[j]), j))
    order = [j for _, _, j in sorted(keys)]
    return rows, order, [f"BD{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the starostas' lists

#: the deadlines of the oblast's requests for the lists
ROUNDS = (dt.date(2022, 8, 15), dt.date(2022, 12, 15), dt.date(2023, 5, 15), dt.date(2023, 11, 15),
          dt.date(2024, 4, 15))
#: a family is listed in the first round at least this many days after its removal
ROUND_AFTER = 45
#: days before a round's deadline a compiler wrote the list (low, high exclusive), fixed per compiler and round
ROUND_LEAD = (0, 31)
#: compilers (starostas, heads of street and house committees) per settlement
N_COMPILERS = 4
#: the compilers' habits for the "age / year of birth" column
HABITS: Mix = (("years", 0.45), ("short", 0.25), ("ages", 0.3))
#: what a compiler of each habit wrote in the column
HABIT_CELLS: dict[str, Mix] = {
    "years": (("date", 0.1), ("year", 0.7), ("short", 0.05), ("age", 0.1), ("none", 0.05)),
    "short": (("date", 0.05), ("year", 0.15), ("short", 0.65), ("age", 0.1), ("none", 0.05)),
    "ages": (("date", 0.05), ("year", 0.1), ("short", 0.05), ("age", 0.75), ("none", 0.05)),
}
#: share of the ages written misremembered by a year (one more or one less)
AGE_SLIP = 0.15
#: what the compilers wrote in the "when taken" column
REMOVAL_CELLS: Mix = (("date", 0.15), ("month", 0.25), ("season", 0.35), ("year", 0.1), ("none", 0.15))
#: the months (nominative), in calendar order
UK_MONTHS = ("січень", "лютий", "березень", "квітень", "травень", "червень",
             "липень", "серпень", "вересень", "жовтень", "листопад", "грудень")
#: the season of each month (1 to 12)
SEASON_OF = {12: "зима", 1: "зима", 2: "зима", 3: "весна", 4: "весна", 5: "весна", 6: "літо", 7: "літо",
             8: "літо", 9: "осінь", 10: "осінь", 11: "осінь"}
#: how a compiler writes "in <season>"
SEASON_WORDS = {"весна": "навесні", "літо": "влітку", "осінь": "восени", "зима": "взимку"}
#: the month the analyst coded each season as
SEASON_FIRST = {"весна": 3, "літо": 6, "осінь": 9, "зима": 12}


def compiler_of(seed: int, child: Child, second: bool = False) -> int:
    """Which compiler of ``child``'s settlement listed it: fixed per family and seed; a second
    listing by another compiler, fixed per child and seed."""
    first = int(_family_rng(seed, child, 0x434D).integers(N_COMPILERS))
    if not second:
        return first
    return (first + 1 + int(_child_rng(seed, child, 0x4332).integers(N_COMPILERS - 1))) % N_COMPILERS


def compiler_habit(seed: int, settlement: int, compiler: int) -> str:
    """The habit (:data:`HABITS`) of compiler ``compiler`` of ``settlement``.  Fixed per compiler and seed."""
    return draw(HABITS, _unit_rng(seed, (settlement, compiler), 0x4842))


def compiled_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """The day ``child``'s list was compiled (``second``: the second listing, a round later)."""
    due = child.removal + dt.timedelta(days=ROUND_AFTER)
    r = next((i for i, d in enumerate(ROUNDS) if d >= due), len(ROUNDS) - 1)
    if second:
        r = min(r + 1, len(ROUNDS) - 1)
    k = compiler_of(seed, child, second)
    lead = int(_unit_rng(seed, (child.origin, k, r), 0x4C44).integers(*ROUND_LEAD))
    return ROUNDS[r] - dt.timedelta(days=lead)


def years_word(age: int) -> str:
    """``рік`` / ``роки`` / ``років`` after the number ``age``."""
    if age % 10 == 1 and age % 100 != 11:
        return "рік"
    if age % 10 in (2, 3, 4) and age % 100 not in (12, 13, 14):
        return "роки"
    return "років"


def birth_cell(seed: int, child: Child, birth: dt.date, day: dt.date, second: bool = False) -> str:
    """The "age / year of birth" cell of ``child`` (born ``birth``) on a list compiled on ``day``."""
    habit = compiler_habit(seed, child.origin, compiler_of(seed, child, second))
    g = _child_rng(seed, child, 0x4243 + int(second))
    how = draw(HABIT_CELLS[habit], g)
    slip, sign, words = float(g.random()) < AGE_SLIP, 1 if g.random() < 0.5 else -1, bool(g.random() < 0.5)
    age = nz.age_at(birth, day)
    if how == "date":
        return f"{birth.day:02d}.{birth.month:02d}.{birth.year:04d}"
    if how == "year" or (how == "age" and age < 1):
        return f"{birth.year:04d} р.н."
    if how == "short":
        return f"{birth.year % 100:02d} р.н."
    if how == "age":
        a = max(1, age + sign) if slip else age
        return f"{a} {years_word(a)}" if words else f"{a} р."
    return ""


def analyst_birth(cell: str, day: dt.date) -> str:
    """The birth date the oblast's analyst read from ``cell`` on a list compiled on ``day``: a
    ``dd.mm.yyyy`` date as it is, four digits as the year, one or two digits as an age."""
    m = re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4})", cell)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    digits = re.sub(r"\D", "", cell)
    if len(digits) == 4:
        return digits
    if 1 <= len(digits) <= 2:
        return f"{day.year - int(digits):04d}"
    return ""


def removal_cell(seed: int, child: Child, removal: dt.date, second: bool = False) -> str:
    """The "when taken" cell of ``child``."""
    how = draw(REMOVAL_CELLS, _child_rng(seed, child, 0x5243 + int(second)))
    if how == "date":
        return f"{removal.day:02d}.{removal.month:02d}.{removal.year:04d}"
    if how == "month":
        return f"{UK_MONTHS[removal.month - 1]} {removal.year}"
    if how == "season":
        return f"{SEASON_WORDS[SEASON_OF[removal.month]]} {removal.year}"
    if how == "year":
        return str(removal.year)
    return ""


def analyst_removal(cell: str) -> str:
    """The removal date the analyst coded from ``cell``: a date, a month, a season as its first
    month (:data:`SEASON_FIRST`), a year."""
    m = re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4})", cell)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    if re.fullmatch(r"\d{4}", cell):
        return cell
    parts = cell.split()
    if len(parts) == 2 and re.fullmatch(r"\d{4}", parts[1]):
        if parts[0] in UK_MONTHS:
            return f"{parts[1]}-{UK_MONTHS.index(parts[0]) + 1:02d}"
        seasons = {w: s for s, w in SEASON_WORDS.items()}
        if parts[0] in seasons:
            return f"{parts[1]}-{SEASON_FIRST[seasons[parts[0]]]:02d}"
    return ""


def starosta_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's row as the clerk typed it, with its true dates) as the analyst read it."""
    out = dict(rec)
    day = compiled_on(seed, child, second)
    birth, removal = dt.date.fromisoformat(rec["birth_date"]), dt.date.fromisoformat(rec["removal_date"])
    out["birth_date"] = analyst_birth(birth_cell(seed, child, birth, day, second), day)
    out["removal_date"] = analyst_removal(removal_cell(seed, child, removal, second))
    return _consistent(out)


def _rewrite_starostas(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[str, dt.date, int, int, int, bool, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = starosta_record(seed, c, rows[j], second)
        sheet = pl.SETTLEMENTS[c.origin].uk
        keys.append((sheet, compiled_on(seed, c, second), compiler_of(seed, c, second), c.family, c.child_id,
                     second, j))
    order: list[int] = []
    ids: list[str] = []
    sheets: dict[str, int] = {}
    within: dict[str, int] = {}
    for key in sorted(keys):
        sheet = key[0]
        sheets.setdefault(sheet, len(sheets) + 1)
        within[sheet] = within.get(sheet, 0) + 1
        order.append(key[-1])
        ids.append(f"ST{sheets[sheet]:02d}-{within[sheet]:04d}")
    return rows, order, ids


# ---------------------------------------------------------------- the interviews turned into a table

#: the first interviews
INTERVIEWS_FROM = dt.date(2023, 6, 1)
#: days over which the families were interviewed
INTERVIEW_SPAN = 640
#: an interview is at least this many days after the removal
MIN_AFTER_REMOVAL = 60
#: days from a family's interview to a second interview about a child (low, high exclusive)
SECOND_INTERVIEW = (30, 300)
#: the model's own "today" (the end of its training data), before every interview
MODEL_TODAY = dt.date(2023, 4, 1)
#: share of the interviews whose transcript gave the model no date
UNDATED = 0.35
#: how the speaker gave the birth
BIRTH_PHRASES: Mix = (("age_now", 0.4), ("age_then", 0.2), ("year", 0.15), ("date", 0.2), ("none", 0.05))
#: how the speaker gave the removal
REMOVAL_PHRASES: Mix = (("date", 0.2), ("month", 0.35), ("ago", 0.3), ("none", 0.15))


def interviewed_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """The day of the interview about ``child`` (fixed per family and seed; ``second``: a second
    interview, later, fixed per child and seed)."""
    day = INTERVIEWS_FROM + dt.timedelta(days=int(_family_rng(seed, child, 0x4956).integers(INTERVIEW_SPAN)))
    day = max(day, child.removal + dt.timedelta(days=MIN_AFTER_REMOVAL))
    if second:
        day += dt.timedelta(days=int(_child_rng(seed, child, 0x4932).integers(*SECOND_INTERVIEW)))
    return day


def undated(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the model had no date for the interview (fixed per family's interview and seed;
    per child for a second interview)."""
    g = _child_rng(seed, child, 0x5544) if second else _family_rng(seed, child, 0x5546)
    return bool(g.random() < UNDATED)


def reference_day(seed: int, child: Child, second: bool = False) -> dt.date:
    """The "today" the model computed from: the interview's date, or its own when it had none."""
    return MODEL_TODAY if undated(seed, child, second) else interviewed_on(seed, child, second)


def phrases(seed: int, child: Child, second: bool = False) -> tuple[str, str]:
    """How the speaker gave the birth and the removal (:data:`BIRTH_PHRASES`,
    :data:`REMOVAL_PHRASES`).  Fixed per child, interview and seed."""
    g = _child_rng(seed, child, 0x5048 + int(second))
    return draw(BIRTH_PHRASES, g), draw(REMOVAL_PHRASES, g)


def months_ago(removal: dt.date, day: dt.date) -> int:
    """How many months before ``day`` a speaker says ``removal`` was (calendar months)."""
    return (day.year * 12 + day.month) - (removal.year * 12 + removal.month)


def model_birth(how: str, birth: dt.date, removal: dt.date, day: dt.date, ref: dt.date) -> str:
    """The birth date the model wrote when the speaker gave it as ``how`` on ``day`` and the
    model's "today" was ``ref``: every age taken for the age on ``ref``'s year."""
    if how == "age_now":
        return f"{ref.year - nz.age_at(birth, day):04d}"
    if how == "age_then":
        return f"{ref.year - nz.age_at(birth, removal):04d}"
    if how == "year":
        return f"{birth.year:04d}"
    if how == "date":
        return birth.isoformat()
    return ""


def model_removal(how: str, removal: dt.date, day: dt.date, ref: dt.date) -> str:
    """The removal date the model wrote when the speaker gave it as ``how`` on ``day`` and the
    model's "today" was ``ref``: months ago counted back from ``ref``."""
    if how == "date":
        return removal.isoformat()
    if how == "month":
        return f"{removal.year:04d}-{removal.month:02d}"
    if how == "ago":
        k = ref.year * 12 + ref.month - 1 - months_ago(removal, day)
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    return ""


def interview_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the child's record as the model romanised it, with the true dates of the identity
    the speaker gave) with the dates the model computed."""
    out = dict(rec)
    day, ref = interviewed_on(seed, child, second), reference_day(seed, child, second)
    birth, removal = dt.date.fromisoformat(rec["birth_date"]), dt.date.fromisoformat(rec["removal_date"])
    b, r = phrases(seed, child, second)
    out["birth_date"] = model_birth(b, birth, removal, day, ref)
    out["removal_date"] = model_removal(r, removal, day, ref)
    return _consistent(out)


def _rewrite_testimonies(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int, rng: np.random.Generator
) -> tuple[Rows, list[int], list[str]]:
    ties = rng.random(len(rows))
    keys: list[tuple[dt.date, float, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = interview_record(seed, c, rows[j], second)
        keys.append((interviewed_on(seed, c, second), float(ties[j]), j))
    order = [j for _, _, j in sorted(keys)]
    return rows, order, [f"TS{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the profile


def generate_heldout28(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the TWENTY-EIGHTH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders the lists; each is then rewritten as its source writes it
    (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == BIRTHDAYS:
            return _rewrite_birthdays(rows, truth, pop, seed, rng)
        if name == STAROSTAS:
            return _rewrite_starostas(rows, truth, pop, seed, rng)
        if name == TESTIMONIES:
            return _rewrite_testimonies(rows, truth, pop, seed, rng)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout28_spec(), n, seed), seed, _TAG, rewrite)
