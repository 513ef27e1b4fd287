"""THIRTIETH HELD-OUT error profile ``heldout_rnokpp_interpol_voicebot``: NEVER use it for tuning.

Do not look at its lists, its numbers or this module's parameters while developing or tuning the
linkage model (thresholds, comparison levels, name tables, gazetteer, blocking rules, priors).
It is written for later use, as the profile kept out of tuning after the twenty-ninth held-out
profile (:mod:`.heldout29`, written at the same time by another author; this one did not read
it).  It was run ONCE (2026-12-08, at the end of the session that changed the model after the
twenty-ninth's run, on that session's first model and its last, which gave the same: recall
across 0.987, precision across 0.993, children +0.1%, N̂ +0.7% by best AIC, ``recommended`` 2,738
[2,536, 3,510] for 3,000 children, covering, one linkage warning; bench/RESULTS.md);
:mod:`.heldout31` now replaces it as the profile kept out of tuning (``bench/linkage_harness.py
--profiles "" --heldout30`` runs it alone; it is not a default profile). ``bench/linkage_harness.py``
runs it only with ``--heldout30``; the tests only check that it generates valid, deterministic
lists with the error processes below (they never link it).

Its author wrote it without reading the linkage model, its tables, its gazetteer or its results:
not ``estimators/linkage/`` (apart from calling its input validation, as a black box, in the
tests), not ``data/name_equivalences.csv``, ``data/name_translations.csv`` or the gazetteer
tables of ``data/``, not ``bench/RESULTS.md`` and not the linkage sections of the README, and no
commit message or history (no ``git log`` or ``git show``).  It read the shared harness modules
(``tests/harness/__init__.py``, ``profiles.py``, ``lists.py``, ``population.py``, ``noise.py``,
``romanise.py``, ``lexicon.py``, ``places.py``, ``sampling.py``, ``metrics.py``),
:mod:`.heldout24` and its tests as a model of structure, the module docstrings of
:mod:`.heldout` to :mod:`.heldout28` (to keep clear of their processes), the registration tests
of ``tests/test_harness_heldout27.py`` and the registration, validity and size tests of
``tests/test_harness_heldout28.py``, ``bench/linkage_harness.py`` (its docstring, registration
and output code), ``bench/harness_true_coverage.py`` and
``tests/test_harness_heldout_contract.py``.  The error processes are what such sources look
like, not what the model handles.

Three lists (output order), with source mixes and error processes that neither the tuning
profiles of :mod:`.profiles` nor the earlier held-out profiles have (as far as their module
docstrings tell).  The shared :func:`.profiles.build` renders and captures the lists; this
module then rewrites each list as its source writes it, and keeps of it what the source holds
(:func:`generate_heldout30`).  Per-child draws (a tax number, how a number was typed, a voice
answer) are fixed per child, record AND seed (:func:`_child_rng`); per-family draws (whether and
when a family came back, who represents it, who speaks to the bot, when it reported) per family
AND seed (:func:`_family_rng`).  The shares are the author's judgement of what such lists hold
(no published rate exists for any of them); each is a named constant.

Whether a child came back to government-controlled Ukraine is a state of its family, not of any
list (:func:`returned`, :data:`RETURNED` by removal mode, less for a child placed in Russia:
:data:`PLACED_RETURN`; :func:`returned_on`, :data:`RETURN_LAG` days after the removal).  Two of
the lists depend on it in opposite ways: the register of returned children holds only children
who came back, and a wanted notice is withdrawn when its child is found.

``ua_voicebot_asr``
    applications to the Telegram bot of a Ukrainian volunteer search initiative that lets a
    relative (often a grandparent who finds typing hard) answer its questions by VOICE messages,
    one question at a time: family name, given name, patronymic, birth date, where from, the
    institution if any, when taken, where taken (the sex is a button).  The bot transcribes each
    voice message with an open-source speech recognition model (Whisper-style, the language
    detected per message) and stores the text as the answer; the initiative's analysts trimmed
    the answers, dropped the negative ones (``не знаю``, ``ні``, ``нет``, ``невідомо`` ...:
    compared without case and punctuation) and kept a date column's value only if it parses as a
    date.  The relative speaks Ukrainian (:data:`UK_SPEAKER` of the families, fixed per family
    and seed, a second relative's application per child: :func:`speaker_lang`) or Russian, and
    says the names in that language (a Russian speaker the Russian diminutive for
    :data:`SAYS_DIMINUTIVE`, Маша), the settlement as she calls it (a Ukrainian speaker the
    pre-2016 name for :data:`OLD_NAME` where there is one, a Russian speaker the Russian-source
    name), the institution, the country or the region (said in full, ``Ростовська область``:
    :func:`spoken_region`); she knows the patronymic for :data:`KNOWS_PATRONYMIC`, the birth
    date, year or nothing by :data:`BIRTH_KNOWN`, the removal date, month or nothing by
    :data:`REMOVAL_KNOWN`, where the child was taken for :data:`DESTINATION_KNOWN`
    (:func:`answers`).  Five things of the transcription: (1) a voice message of one or two
    words is too short for a reliable language detection, and a clip detected in the other
    language comes out as the words of that language, the model translating rather than
    transcribing: for :data:`UK_AS_RU` of a Ukrainian speaker's answers and :data:`RU_AS_UK` of
    a Russian speaker's, each answer on its own, so one record mixes the two languages field by
    field (``Коваленко`` / ``Мария`` / ``Олександрівна``; ``Маріуполь`` said, ``Мариуполь``
    written; :func:`place_text`); (2) a relative who did not know an answer said so
    (:data:`SAYS_UNKNOWN`: dropped by the cleaning) or sent a message with nothing said, and on
    silence the model produces, for :data:`HALLUCINATES` of such clips, a stock phrase of the
    subtitles it was trained on (:data:`HALLUCINATIONS`: ``Продолжение следует...``, ``Спасибо
    за просмотр!``, ``Дякую за перегляд!``), which the cleaning did not know and kept: in the
    patronymic, institution and destination columns (a child without an institution was asked
    too), so unrelated records share the same "patronymic" or "institution"; in a date column it
    does not parse and goes; (3) the model ends a transcript with a full stop
    (:data:`FINAL_PERIOD` of the answers: ``Марія.``, ``Маріуполь.``), which the cleaning left;
    (4) now and then it loops and repeats the words (:data:`REPEATED`: ``Коваленко
    Коваленко.``); (5) its language model pulls a rare family name towards a frequent one it
    resembles: for :data:`SURNAME_PULL` of the children whose family name is outside the table's
    :data:`COMMON_SURNAMES` most frequent and has such a neighbour (same first letter, at most
    two edits, length within one: :func:`surname_neighbour`), the transcript is the frequent
    name.  A spoken date came back with the day as a word for :data:`DAY_IN_WORDS` of the full
    dates (``п'ятого березня 2012``), which the date parser read as the month and year only.
    Rows in the order of the applications (:func:`applied_on`: :data:`APPLY_LAG` days after the
    removal, one date per family, a second relative's application later), numbered ``VB<row>``.
    Families much more than institutions.
``intl_interpol_yellow``
    an open-source research team's table of the children of Ukrainian nationality in the public
    Yellow Notices (missing persons) of the international police organisation, taken through the
    organisation's public web API: the Ukrainian police asked for a notice when relatives
    reported a child missing and agreed to its publication (the children's services for some
    children of institutions); a notice is published :data:`REPORT_LAG` + :data:`PUBLISH_LAG`
    days after the removal (:func:`published_on`), and withdrawn when the child is found: a
    child who came back is not on the list if its notice was withdrawn (:data:`CANCEL_LAG` days
    after the return: :func:`withdrawn`) before the scrape on :data:`SCRAPED_ON`.  The notice
    holds the names in Latin capitals as the police's records give them (Ukrainian forms by the
    national system of 2010; a Russian form a relative gave, by the same table: ``DMYTRYI``),
    the birth date, the sex, the place of disappearance (or of birth) in Latin; no patronymic
    field: for :data:`FORENAME_PATRONYMIC` of the notices (fixed per notice and seed) the police
    put the patronymic after the given name in the forename (``MARIIA OLEKSANDRIVNA``), which
    the team kept as the given name; the date of disappearance; no destination and no
    institution.  (1) The API returns at most :data:`RESULT_CAP` notices for a query, so the
    team queried the nationality by sex and present age (:func:`present_age`, on the day of the
    scrape), and for a query with more notices it got the first :data:`RESULT_CAP` in the API's
    order, which the author takes to be the newest first: the older notices of the crowded ages
    are missing (a second notice is kept only beside its child's first). The harness's
    population is smaller than the real one, so the cap is scaled to it (:func:`result_cap`:
    :data:`RESULT_CAP` for :data:`REAL_CHILDREN` children).  (2) The list query gives the names
    and the birth date; the rest comes from each notice's own page, and for
    :data:`DETAIL_FAILED` of the notices (fixed per notice and seed: :func:`detail_failed`) that
    request failed (the API's rate limit) and was not retried: the row has the names and the
    birth date only.  A child with a second notice (asked by another police unit on the other
    parent's report, never merged) has two rows.  Rows by query (age, then sex) in the API's
    order, numbered by notice (``YN<year>-<number>``, in the order of publication).
``ua_vpo_returnees``
    a Ukrainian coordination headquarters' table of children who came back from Russia, Belarus
    or the occupied territories, typed by its volunteers from the certificates of internally
    displaced persons (довідка ВПО) that the returned families brought: one certificate per
    child, issued :data:`REGISTER_LAG` days after the return (a family registered again in
    another oblast has a second certificate, later), until the table was closed on
    :data:`LIST_CLOSED`.  Official Ukrainian forms from the documents (for a child with Russian
    documents, the Ukrainian ones it was given on its return), typos, the patronymic, the birth
    date and sex, the address the family was displaced from (its settlement), the institution,
    the removal date or month as the family told it, the country.  A certificate gives the
    child's taxpayer number (РНОКПП) when it has one (:data:`HAS_NUMBER_UA` of the children with
    Ukrainian documents, :data:`HAS_NUMBER_RU` of those with Russian ones: :func:`child_number`)
    and always its legal representative's (:func:`representative_number`: the mother or a
    grandmother for :data:`REPRESENTATIVE_FEMALE` of the families).  The number encodes the
    birth date (its first five digits count the days from 31 December 1899) and the sex (its
    ninth digit, odd for a man, even for a woman), with a control digit (:func:`rnokpp`,
    :func:`check_digit`), and the headquarters' analyst, trusting the number more than the typed
    fields, replaced every birth date and sex with the ones it decodes
    (:func:`analyst_birth_sex`), keeping the typed birth date only when the decoded one is
    before :data:`GUARD_FROM` or after the certificate (not a child's); nobody checked the
    control digit.  (1) The volunteers typed the numbers from photos of the certificates: one
    digit hit as its neighbour on the keyboard's number row for :data:`DIGIT_TYPO` of the
    numbers (one more or less, 9 for 0 and 0 for 9), two neighbouring digits swapped for
    :data:`DIGIT_SWAP` (:func:`slip_of`, :func:`apply_slip`), so a slip in the fifth digit moves
    the birth date by days, in the fourth by tens of days, in the third by hundreds, in the
    second by thousands (a date the guard keeps when it still falls in the range: years wrong),
    and a slip in the ninth digit always changes the sex (neighbouring keys differ in parity).
    (2) For :data:`PARENT_NUMBER` of the children without a number (fixed per child, certificate
    and seed: :func:`uses_parent_number`) the volunteer typed the representative's number,
    printed on the same certificate, into the child's column: the guard refuses the adult's
    birth date but the sex is the representative's, so a boy represented by his mother or
    grandmother is ``F``.  Rows in the order of the certificates (:func:`registered_on`),
    numbered ``VPO<row>``.  Families and the Belarus programme much more than institutions and
    placed children (they are who came back).

How they differ from the earlier profiles.  No earlier list derives a field from an
identification number (the machine-readable zone of :mod:`.heldout11` holds the name as the
document prints it): here the birth date and sex are decoded from a taxpayer number, so a typing
slip moves a birth date by (nine times) a power of ten days or changes a sex, and a parent's
number gives a child the parent's sex.  Earlier voice sources were operators' typing of calls
(:mod:`.heldout6`, :mod:`.heldout14`, :mod:`.heldout23`) and an LLM's reading of transcripts
(:mod:`.heldout28`); none stores a speech model's output per answer: languages switched field by
field, stock subtitle phrases as values, full stops, repeated words, a rare name pulled to a
frequent neighbour.  Earlier placeholders in cells were a sheet's own (:mod:`.heldout10`) or a
fixed date (:mod:`.heldout25`); none is a phrase produced from silence.  Capture: earlier lists
were of returned children (:mod:`.heldout5`, :mod:`.heldout11`) or of missing ones, lost rows
beyond a range (:mod:`.heldout22`) or posts outside a stay (:mod:`.heldout28`); none drops the
notices of a child once found, so that a list of returned children and a list of missing ones
exclude each other, and none loses the oldest rows of the crowded queries of a capped search.

Population: a quarter of the families from institutions, a fifth sent to Belarus, families of
two or three children common, more twins, capture shared within families.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from . import lexicon as lx
from . import noise as nz
from . import places as pl
from .lists import SCHEMA, ListSpec, Style, _consistent
from .population import Child, Population, PopulationSpec
from .profiles import DEFAULT_N, ProfileData, ProfileSpec, Rows, build, rewrite_lists

NAME = "heldout_rnokpp_interpol_voicebot"
_TAG = 0x48_3330  # this module's random streams (rewriting), apart from build()'s

VOICEBOT = "ua_voicebot_asr"
NOTICES = "intl_interpol_yellow"
RETURNEES = "ua_vpo_returnees"
_COLUMNS = SCHEMA[1:]
_NAMES = ("family_name", "given_name", "patronymic")

# ---------------------------------------------------------------- the lists' rendering (build)

_VOICEBOT = Style(  # every field but the sex (a button) is rebuilt from the voice answers by _rewrite_voicebot
    name_lang=(("uk", 1.0),),
    sex_missing=0.03,
)
_NOTICES = Style(  # the forename and the failed detail requests applied by _rewrite_notices
    name_lang=(("uk", 0.85), ("ru", 0.15)),
    script="lat",
    systems=(("ua_2010", 1.0),),
    upper=1.0,
    patronymic_missing=0.08,
    typo=0.005,
    birth=(("day", 1.0),),
    place=(("lat_current", 0.85), ("lat_old_uk", 0.15)),
    place_prefix=(("none", 0.6), ("oblast", 0.4)),
    place_missing=0.04,
    birthplace_as_origin=0.15,
    institution_missing=1.0,
    removal=(("exact", 0.75), ("month", 0.1), ("missing", 0.15)),
    destination="en",
    destination_missing=1.0,
)
_RETURNEES = Style(  # the birth date and sex decoded from the typed numbers by _rewrite_returnees
    name_lang=(("uk", 1.0),),
    typo=0.02,
    layout="uk",
    apostrophes=0.3,
    patronymic_missing=0.02,
    birth=(("day", 0.96), ("missing", 0.04)),
    digit_slip=0.01,
    sex_missing=0.01,
    place=(("uk_current", 1.0),),
    place_prefix=(("type", 0.6), ("oblast", 0.2), ("none", 0.2)),
    place_missing=0.02,
    institution=(("uk_short", 0.5), ("uk", 0.5)),
    institution_missing=0.3,
    removal=(("exact", 0.3), ("month", 0.4), ("year", 0.1), ("missing", 0.2)),
    destination="uk",
    destination_missing=0.1,
)


def heldout30_spec() -> ProfileSpec:
    return ProfileSpec(
        NAME,
        "HELD OUT (30th): voice answers transcribed by a speech model, public yellow notices scraped, "
        "returned children's displacement certificates with decoded taxpayer numbers",
        PopulationSpec(
            share_institution=0.25,
            share_belarus=0.2,
            family_sizes=(0.45, 0.3, 0.14, 0.07, 0.03, 0.01),
            twin_rate=0.04,
            placed_institution=0.45,
            placed_family=0.08,
            reregistered=0.35,
            family_visibility=0.65,
        ),
        (
            ListSpec(
                VOICEBOT,
                _VOICEBOT,
                base=0.35,
                beta=0.8,
                mode_odds=(("family", 2.0), ("institution", 0.3)),
                duplicates=0.05,
                id_prefix="VB",
            ),
            ListSpec(
                NOTICES,
                _NOTICES,
                base=0.5,
                beta=0.8,
                mode_odds=(("institution", 0.6),),
                duplicates=0.03,
                id_prefix="YN",
            ),
            ListSpec(
                RETURNEES,
                _RETURNEES,
                base=0.75,
                beta=0.6,
                duplicates=0.04,
                id_prefix="VPO",
            ),
        ),
        output_order=(VOICEBOT, NOTICES, RETURNEES),
    )


def _child_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per child and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.child_id])


def _family_rng(seed: int, child: Child, salt: int) -> np.random.Generator:
    """A generator fixed per family and seed (draws no random number of a list)."""
    return np.random.default_rng([int(seed), _TAG, salt, child.family])


def _days(g: np.random.Generator, lag: tuple[int, int]) -> dt.timedelta:
    """A number of days in ``lag`` (inclusive low, exclusive high)."""
    return dt.timedelta(days=int(g.integers(*lag)))


# ---------------------------------------------------------------- who came back

#: share of the families that came back to government-controlled Ukraine, by removal mode
RETURNED: dict[str, float] = {"family": 0.35, "belarus": 0.5, "institution": 0.12}
#: the share above is multiplied by this for a child placed in Russia (foster care, adoption)
PLACED_RETURN = 0.3
#: days from the removal to the family's return (inclusive low, exclusive high)
RETURN_LAG = (60, 760)


def returned(seed: int, child: Child) -> bool:
    """Whether ``child`` came back: one draw per family and seed against :data:`RETURNED` of its
    removal mode (times :data:`PLACED_RETURN` for a placed child)."""
    u = _family_rng(seed, child, 0x5254).random()
    return bool(u < RETURNED[child.mode] * (PLACED_RETURN if child.placed else 1.0))


def returned_on(seed: int, child: Child) -> dt.date:
    """When ``child``'s family came back (whether it did or not: :func:`returned`)."""
    return child.removal + _days(_family_rng(seed, child, 0x524F), RETURN_LAG)


# ---------------------------------------------------------------- the voice bot

#: share of the families whose relative speaks Ukrainian to the bot (the others Russian)
UK_SPEAKER = 0.55
#: share of a Ukrainian speaker's answers detected as Russian (and written in Russian)
UK_AS_RU = 0.25
#: share of a Russian speaker's answers detected as Ukrainian (and written in Ukrainian)
RU_AS_UK = 0.06
#: share of the Russian speakers who say the Russian diminutive (for a name that has one)
SAYS_DIMINUTIVE = 0.2
#: share of the Ukrainian speakers who say the pre-2016 name of a renamed settlement
OLD_NAME = 0.2
#: share of the relatives who know the patronymic
KNOWS_PATRONYMIC = 0.7
#: what the relative knows of the birth date
BIRTH_KNOWN = (("day", 0.7), ("year", 0.15), ("unknown", 0.15))
#: share of the relatives of a child of an institution who name the institution
KNOWS_INSTITUTION = 0.85
#: share of the named institutions said by their short name
SHORT_INSTITUTION = 0.6
#: what the relative knows of the removal date
REMOVAL_KNOWN = (("day", 0.3), ("month", 0.4), ("unknown", 0.3))
#: share of the relatives who say where the child was taken
DESTINATION_KNOWN = 0.55
#: share of those who say the country (the others the region or camp)
DESTINATION_COUNTRY = 0.6
#: share of the unknown answers said aloud ("не знаю", "ні": dropped); the others are silence
SAYS_UNKNOWN = 0.6
#: share of the silent voice messages on which the model produces a stock phrase
HALLUCINATES = 0.5
#: the stock phrases (subtitle credits and sign-offs) and their weights
HALLUCINATIONS: tuple[tuple[str, float], ...] = (
    ("Продолжение следует...", 0.35),
    ("Спасибо за просмотр!", 0.2),
    ("Субтитры создавались сообществом Amara.org", 0.1),
    ("Подписывайтесь на канал!", 0.1),
    ("Дякую за перегляд!", 0.2),
    ("Дякую за увагу!", 0.05),
)
#: share of the spoken answers whose transcript ends with a full stop
FINAL_PERIOD = 0.8
#: share of the spoken answers whose words the model repeats (two or three times)
REPEATED = 0.03
#: share of the full dates whose day the model wrote as a word (the parser keeps month and year)
DAY_IN_WORDS = 0.15
#: share of the rare family names with a frequent neighbour that come out as that neighbour
SURNAME_PULL = 0.5
#: the table's most frequent family names, which the model knows
COMMON_SURNAMES = 60
#: days from the removal to the family's application (inclusive low, exclusive high)
APPLY_LAG = (14, 600)
#: days from a family's application to a second relative's application about a child
SECOND_APPLY_LAG = (20, 300)
#: the answers of an application, in the order the bot asks them (the sex is a button)
FIELDS = ("family_name", "given_name", "patronymic", "birth_date", "origin_settlement", "origin_institution",
          "removal_date", "destination")
_DATE_FIELDS = ("birth_date", "removal_date")


@dataclass(frozen=True)
class Answer:
    """One voice answer: what the relative said and how the model wrote it.

    ``known``: ``said`` (a name, a place ...), a date's precision (``day``, ``month``,
    ``year``) or ``unknown``; ``variant``: which form was said (``uk``, ``ru``, ``dim``,
    ``old``, ``short``, ``full``, ``country``, ``region``; ``""`` when none applies);
    ``lang``: the language the model detected and wrote; ``spoken``: an unknown answer said
    aloud (dropped by the cleaning) rather than silence; ``phrase``: the stock phrase the model
    produced on a silent clip (``""``: none); ``repeat``: how many times the words are
    written; ``period``: a full stop at the end; ``in_words``: a full date's day written as a
    word; ``pulled``: a rare family name written as its frequent neighbour (when it has one).
    """

    known: str
    variant: str
    lang: str
    spoken: bool
    phrase: str
    repeat: int
    period: bool
    in_words: bool
    pulled: bool


def _pick(mix: tuple[tuple[str, float], ...], u: float) -> str:
    """The key of ``mix`` the uniform draw ``u`` falls on (weights normalised)."""
    total = sum(w for _, w in mix)
    acc = 0.0
    for key, w in mix:
        acc += w / total
        if u < acc:
            return key
    return mix[-1][0]


def speaker_lang(seed: int, child: Child, second: bool = False) -> str:
    """The language the relative speaks to the bot: fixed per family (per child for a second
    relative's application) and seed."""
    g = _child_rng(seed, child, 0x534C) if second else _family_rng(seed, child, 0x534B)
    return "uk" if g.random() < UK_SPEAKER else "ru"


def answers(seed: int, child: Child, second: bool = False) -> dict[str, Answer]:
    """The voice answers of ``child``'s application (``second``: a second relative's).  Fixed per
    child, application and seed; every field draws the same numbers whatever it holds."""
    lang = speaker_lang(seed, child, second)
    g = _child_rng(seed, child, 0x5641 + int(second))
    out: dict[str, Answer] = {}
    for field in FIELDS:
        u_know, u_var = g.random(), g.random()
        if field in ("family_name", "given_name", "origin_settlement"):
            known = "said"
        elif field == "patronymic":
            known = "said" if u_know < KNOWS_PATRONYMIC else "unknown"
        elif field == "birth_date":
            known = _pick(BIRTH_KNOWN, u_know)
        elif field == "removal_date":
            known = _pick(REMOVAL_KNOWN, u_know)
        elif field == "origin_institution":
            known = "said" if child.institution >= 0 and u_know < KNOWS_INSTITUTION else "unknown"
        else:
            known = "said" if u_know < DESTINATION_KNOWN else "unknown"
        variant = ""
        if known == "said":
            if field == "given_name":
                dim = lx.GIVEN[child.given].dim
                variant = "dim" if lang == "ru" and dim and u_var < SAYS_DIMINUTIVE else lang
            elif field == "origin_settlement":
                old = pl.SETTLEMENTS[child.origin].uk_old
                variant = "old" if lang == "uk" and old and u_var < OLD_NAME else lang
            elif field == "origin_institution":
                variant = "short" if u_var < SHORT_INSTITUTION else "full"
            elif field == "destination":
                variant = "country" if u_var < DESTINATION_COUNTRY else "region"
            else:
                variant = lang
        flip = g.random() < (UK_AS_RU if lang == "uk" else RU_AS_UK)
        spoken = bool(g.random() < SAYS_UNKNOWN)
        hallucinates = bool(g.random() < HALLUCINATES)
        phrase = _pick(HALLUCINATIONS, g.random())
        repeat = (2 if g.random() < 0.7 else 3) if g.random() < REPEATED else 1
        out[field] = Answer(
            known=known,
            variant=variant,
            lang=("ru" if lang == "uk" else "uk") if flip else lang,
            spoken=spoken,
            phrase=phrase if hallucinates and not spoken and known == "unknown" else "",
            repeat=repeat,
            period=bool(g.random() < FINAL_PERIOD),
            in_words=bool(g.random() < DAY_IN_WORDS),
            pulled=bool(g.random() < SURNAME_PULL),
        )
    return out


def levenshtein(a: str, b: str) -> int:
    """The edit distance (insertions, deletions, substitutions) between ``a`` and ``b``."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@lru_cache(maxsize=4)
def _neighbours(lang: str) -> tuple[int, ...]:
    """For every surname index, the index of its frequent neighbour in ``lang`` (itself: none)."""
    def base(i: int) -> str:
        s = lx.SURNAMES[i]
        return s.uk if lang == "uk" else s.ru

    common = range(min(COMMON_SURNAMES, len(lx.SURNAMES)))
    out = []
    for i in range(len(lx.SURNAMES)):
        pick = i
        if i >= COMMON_SURNAMES:
            w = base(i)
            for j in common:  # most frequent first
                v = base(j)
                if v[:1] == w[:1] and abs(len(v) - len(w)) <= 1 and v != w and levenshtein(v, w) <= 2:
                    pick = j
                    break
        out.append(pick)
    return tuple(out)


def surname_neighbour(index: int, lang: str) -> int | None:
    """The frequent family name (index into :data:`.lexicon.SURNAMES`) the model writes for the
    rare one ``index`` in ``lang`` (``uk`` or ``ru``): the most frequent of the
    :data:`COMMON_SURNAMES` with the same first letter, a length within one and at most two
    edits away (male forms compared); None when there is none or ``index`` is itself common."""
    j = _neighbours(lang)[index]
    return None if j == index else j


def place_text(si: int, variant: str, lang: str) -> str:
    """Settlement ``si`` said in its ``variant`` (``uk``: the current name, ``old``: the pre-2016
    name, ``ru``: the Russian-source name) as the model wrote it in ``lang``: the same words in
    the speaker's language, otherwise their translation (a Ukrainian name into its Russian
    form, the old Russian form for an old name; a Russian-source name into the Ukrainian name
    it stands for, the old one where Russian sources keep the old: ``Артёмовск`` ``Артемівськ``,
    but ``Алёшки`` ``Олешки``, whose old name ``Цюрупинськ`` is ``Цюрупинск``)."""
    s = pl.SETTLEMENTS[si]
    spoken = "ru" if variant == "ru" else "uk"
    keeps_old = bool(s.uk_old) and nz.drop_yo(s.ru_src) != nz.drop_yo(s.ru)  # Russian sources use the old name
    if lang == spoken:
        return s.ru_src if variant == "ru" else (s.uk_old if variant == "old" else s.uk)
    if spoken == "uk" and variant == "old":
        return s.ru_src if keeps_old else nz.uk_in_russian_letters(s.uk_old, by_sound=False).replace("ськ", "ск")
    if spoken == "uk":
        return s.ru
    return s.uk_old if keeps_old else s.uk


def spoken_region(text: str) -> str:
    """A region or camp as said aloud and written by the model: no abbreviation, no quotes."""
    for written, said in (("«", ""), ("»", ""), (" обл.", " область"), ("АР Крим", "Крим"), ("Республика Крым", "Крым")):
        text = text.replace(written, said)
    return text


def _words(text: str, a: Answer) -> str:
    """A spoken answer's transcript: the words (repeated when the model looped), a full stop."""
    if not text:
        return ""
    return " ".join([text] * a.repeat) + ("." if a.period else "")


def _given(child: Child, a: Answer) -> str:
    g = lx.GIVEN[child.given]
    if a.variant == "dim":
        return g.dim
    return g.uk if a.lang == "uk" else g.ru


def voice_record(seed: int, child: Child, pop: Population, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``child``'s application as the bot stored it and the analysts cleaned it (``rec``: the
    rendered record, of which only the sex, a button, is kept)."""
    ans = answers(seed, child, second)
    out: dict[str, str] = {"sex": rec["sex"]}
    patronymic_of = lx.FATHERS[child.father]
    for field, a in ans.items():
        if a.known == "unknown":
            out[field] = "" if field in _DATE_FIELDS else a.phrase
            continue
        if field == "family_name":
            index = child.surname
            near = surname_neighbour(index, a.lang)
            if a.pulled and near is not None:
                index = near
            text = lx.surname_form(lx.SURNAMES[index], child.sex, a.lang)
        elif field == "given_name":
            text = _given(child, a)
        elif field == "patronymic":
            text = getattr(patronymic_of, f"{a.lang}_{'m' if child.sex == 'M' else 'f'}")
        elif field == "origin_settlement":
            text = place_text(child.origin, a.variant, a.lang)
        elif field == "origin_institution":
            form = ("uk" if a.lang == "uk" else "ru") + ("_short" if a.variant == "short" else "")
            text = pl.institution_name(pop.institutions[child.institution], form)
        elif field == "destination":
            d = pl.DESTINATIONS[child.destination]
            text = pl.COUNTRY[d.country][a.lang] if a.variant == "country" else spoken_region(d.uk if a.lang == "uk" else d.ru)
        elif field == "birth_date":
            out[field] = said_date(child.birth, a)
            continue
        else:
            out[field] = said_date(child.removal, a)
            continue
        out[field] = _words(text, a)
    return _consistent({k: out[k] for k in _COLUMNS})


def said_date(day: dt.date, a: Answer) -> str:
    """A spoken date as the analysts' parser read the transcript (precision ``a.known``; a full
    date whose day the model wrote as a word keeps its month and year)."""
    if a.known == "day":
        return nz.iso(day, "month" if a.in_words else "day")
    if a.known in ("month", "year"):
        return nz.iso(day, a.known)
    return ""


def applied_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s family applied through the bot (``second``: a second relative, later)."""
    day = child.removal + _days(_family_rng(seed, child, 0x4150), APPLY_LAG)
    if second:
        day += _days(_child_rng(seed, child, 0x4151), SECOND_APPLY_LAG)
    return day


def _rewrite_voicebot(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, int, int, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        rows[j] = voice_record(seed, c, pop, rows[j], second)
        keys.append((applied_on(seed, c, second), c.child_id, int(second), j))
    order = [j for *_, j in sorted(keys)]
    return rows, order, [f"VB{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the yellow notices

#: the day the team scraped the notices
SCRAPED_ON = dt.date(2024, 11, 15)
#: days from the removal to the relatives' report to the police (per family)
REPORT_LAG = (7, 420)
#: days from the report to the notice's publication (per notice)
PUBLISH_LAG = (20, 160)
#: days from the first notice to a second notice about the child
SECOND_NOTICE_LAG = (60, 400)
#: days from a child's return to the withdrawal of its notice
CANCEL_LAG = (10, 200)
#: the most notices the API returns for one query
RESULT_CAP = 160
#: the number of children the real lists are about (the cap is scaled to the harness's population)
REAL_CHILDREN = 20_000
#: share of the notices whose forename holds the patronymic after the given name
FORENAME_PATRONYMIC = 0.5
#: share of the notices whose own page the scraper did not get
DETAIL_FAILED = 0.12
_DETAIL_COLUMNS = ("sex", "origin_settlement", "origin_institution", "removal_date", "destination")


def published_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s notice was published (``second``: a second notice, later)."""
    day = child.removal + _days(_family_rng(seed, child, 0x5250), REPORT_LAG)
    day += _days(_child_rng(seed, child, 0x5055), PUBLISH_LAG)
    if second:
        day += _days(_child_rng(seed, child, 0x5056), SECOND_NOTICE_LAG)
    return day


def withdrawn(seed: int, child: Child) -> bool:
    """Whether ``child``'s notices were withdrawn before the scrape: it came back and
    :data:`CANCEL_LAG` days passed."""
    if not returned(seed, child):
        return False
    return returned_on(seed, child) + _days(_child_rng(seed, child, 0x434C), CANCEL_LAG) <= SCRAPED_ON


def forename_patronymic(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the notice's forename holds the patronymic too.  Fixed per notice and seed."""
    return bool(_child_rng(seed, child, 0x4650 + int(second)).random() < FORENAME_PATRONYMIC)


def detail_failed(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the request for the notice's own page failed.  Fixed per notice and seed."""
    return bool(_child_rng(seed, child, 0x4446 + int(second)).random() < DETAIL_FAILED)


def result_cap(n: int) -> int:
    """The API's cap on one query for a population of ``n`` children (:data:`RESULT_CAP` for
    :data:`REAL_CHILDREN`, at least one)."""
    return max(1, math.ceil(RESULT_CAP * n / REAL_CHILDREN))


def present_age(birth: str) -> int:
    """The age the API filters on: on the day of the scrape, from the notice's birth date."""
    return nz.age_at(dt.date.fromisoformat(birth), SCRAPED_ON)


def notice_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the notice as the police's records give it) as the team's table holds it."""
    out = dict(rec)
    if rec["patronymic"] and forename_patronymic(seed, child, second):
        out["given_name"] = f"{rec['given_name']} {rec['patronymic']}".strip()
    out["patronymic"] = ""
    if detail_failed(seed, child, second):
        for col in _DETAIL_COLUMNS:
            out[col] = ""
    return _consistent(out)


def _rewrite_notices(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int
) -> tuple[Rows, list[int], list[str]]:
    cap = result_cap(pop.n)
    queries: dict[tuple[int, str], list[tuple[dt.date, int, int, int]]] = {}
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        day = published_on(seed, c, second)
        if day > SCRAPED_ON or withdrawn(seed, c):
            continue
        key = (present_age(rows[j]["birth_date"]), c.sex)  # the notice's own birth date and sex
        queries.setdefault(key, []).append((day, c.child_id, int(second), j))
    order: list[int] = []
    published: dict[int, dt.date] = {}
    for key in sorted(queries, key=lambda k: (k[0], k[1] != "F")):  # by age, then girls, then boys
        got = sorted(queries[key], reverse=True)[:cap]  # the newest first
        for day, _, _, j in got:
            order.append(j)
            published[j] = day
    # the table keeps a second notice only beside the first (the cap may have dropped the first)
    second = [truth["kind"][j] == "duplicate" for j in range(len(rows))]
    firsts = {int(truth["child"][j]) for j in order if not second[j]}
    order = [j for j in order if not second[j] or int(truth["child"][j]) in firsts]
    # a notice's number counts the kept notices of its year in the order of publication
    numbered: dict[int, str] = {}
    per_year: dict[int, int] = {}
    for j in sorted(order, key=lambda j: (published[j], int(truth["child"][j]), second[j])):
        year = published[j].year
        per_year[year] = per_year.get(year, 0) + 1
        numbered[j] = f"YN{year}-{per_year[year]:05d}"
    for j in order:
        rows[j] = notice_record(seed, pop.children[int(truth["child"][j])], rows[j], second[j])
    return rows, order, [numbered[j] for j in order]


# ---------------------------------------------------------------- the displacement certificates

#: share of the children with Ukrainian documents who have a taxpayer number
HAS_NUMBER_UA = 0.8
#: share of the children with Russian documents who have one (given on their return)
HAS_NUMBER_RU = 0.25
#: share of the children without a number whose row holds the representative's number
PARENT_NUMBER = 0.35
#: share of the families represented by a woman (the mother, a grandmother)
REPRESENTATIVE_FEMALE = 0.85
#: the representative's age at the removal, in years (inclusive low, exclusive high)
REPRESENTATIVE_AGE = (22, 62)
#: share of the typed numbers with one digit hit as its neighbour on the number row
DIGIT_TYPO = 0.06
#: share of the typed numbers with two neighbouring digits swapped
DIGIT_SWAP = 0.03
#: a decoded birth date before this is not a child's: the typed one is kept
GUARD_FROM = dt.date(2004, 1, 1)
#: days from the return to the certificate (per family)
REGISTER_LAG = (3, 120)
#: days from a family's certificates to a second certificate of a child (another oblast)
SECOND_REGISTER_LAG = (30, 400)
#: the day the headquarters closed the table
LIST_CLOSED = dt.date(2025, 6, 30)
#: the day from which the number counts the days of a birth (day 1 is 1 January 1900)
RNOKPP_EPOCH = dt.date(1899, 12, 31)
#: the weights of the control digit
RNOKPP_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
#: neighbouring keys on the number row of a keyboard
NUMBER_ROW = "1234567890"


def check_digit(first_nine: str) -> str:
    """The control digit of a taxpayer number whose first nine digits are ``first_nine``."""
    total = sum(int(d) * w for d, w in zip(first_nine, RNOKPP_WEIGHTS, strict=True))
    return str(total % 11 % 10)


def rnokpp(birth: dt.date, serial: int, k: int, sex: str) -> str:
    """A taxpayer number: the days from :data:`RNOKPP_EPOCH` to ``birth`` (five digits), a
    serial (three), the ``k``-th odd (``M``) or even (``F``) digit, the control digit."""
    days = (birth - RNOKPP_EPOCH).days
    nine = f"{days:05d}{serial:03d}{2 * k + (1 if sex == 'M' else 0)}"
    return nine + check_digit(nine)


def decode(number: str) -> tuple[dt.date, str]:
    """The birth date and sex a ten-digit taxpayer number encodes."""
    return RNOKPP_EPOCH + dt.timedelta(days=int(number[:5])), ("M" if int(number[8]) % 2 else "F")


def child_number(seed: int, child: Child) -> str:
    """``child``'s own taxpayer number, or ``""`` when it has none.  Fixed per child and seed."""
    g = _child_rng(seed, child, 0x4E4F)
    has = g.random() < (HAS_NUMBER_UA if child.doc_lang == "uk" else HAS_NUMBER_RU)
    serial, k = int(g.integers(1000)), int(g.integers(5))
    return rnokpp(child.birth, serial, k, child.sex) if has else ""


def representative(seed: int, child: Child) -> tuple[dt.date, str]:
    """The birth date and sex of the adult who represents ``child``'s family.  Fixed per family
    and seed."""
    g = _family_rng(seed, child, 0x5245)
    sex = "F" if g.random() < REPRESENTATIVE_FEMALE else "M"
    years = int(g.integers(*REPRESENTATIVE_AGE))
    return child.removal - dt.timedelta(days=int(years * 365.25) + int(g.integers(365))), sex


def representative_number(seed: int, child: Child) -> str:
    """The representative's taxpayer number (on every certificate of the family)."""
    birth, sex = representative(seed, child)
    g = _family_rng(seed, child, 0x524E)
    return rnokpp(birth, int(g.integers(1000)), int(g.integers(5)), sex)


def uses_parent_number(seed: int, child: Child, second: bool = False) -> bool:
    """Whether the volunteer typed the representative's number into the row of ``child`` (when
    it has no number of its own).  Fixed per child, certificate and seed."""
    return bool(_child_rng(seed, child, 0x504E + int(second)).random() < PARENT_NUMBER)


def slip_of(seed: int, child: Child, second: bool = False) -> tuple[str, int, int]:
    """How the volunteer mistyped the number of ``child``'s certificate: (``""``, ``typo`` or
    ``swap``, the position, which neighbour).  Fixed per child, certificate and seed."""
    g = _child_rng(seed, child, 0x534C + 2 + int(second))
    u, pos, which = g.random(), int(g.integers(10)), int(g.integers(2))
    if u < DIGIT_TYPO:
        return "typo", pos, which
    if u < DIGIT_TYPO + DIGIT_SWAP:
        return "swap", min(pos, 8), which
    return "", pos, which


def neighbour_key(digit: str, which: int) -> str:
    """The key beside ``digit`` on the number row (``which``: left or right; a key at the end
    of the row has one neighbour)."""
    i = NUMBER_ROW.index(digit)
    near = [NUMBER_ROW[x] for x in (i - 1, i + 1) if 0 <= x < len(NUMBER_ROW)]
    return near[which % len(near)]


def apply_slip(number: str, slip: tuple[str, int, int]) -> str:
    """``number`` as typed with ``slip`` (:func:`slip_of`)."""
    kind, pos, which = slip
    if not number or not kind:
        return number
    if kind == "typo":
        return number[:pos] + neighbour_key(number[pos], which) + number[pos + 1:]
    return number[:pos] + number[pos + 1] + number[pos] + number[pos + 2:]


def typed_number(seed: int, child: Child, second: bool = False) -> tuple[str, str]:
    """The number in ``child``'s row as typed, and whose it is (``own``, ``parent``; ``""``, ``""``
    for none)."""
    own = child_number(seed, child)
    if own:
        number, whose = own, "own"
    elif uses_parent_number(seed, child, second):
        number, whose = representative_number(seed, child), "parent"
    else:
        return "", ""
    return apply_slip(number, slip_of(seed, child, second)), whose


def analyst_birth_sex(number: str, birth: str, sex: str, issued: dt.date) -> tuple[str, str]:
    """The birth date and sex the analyst wrote for a row with the typed ``number``, birth date
    ``birth`` and sex ``sex`` on a certificate of ``issued``: the ones the number decodes, the
    typed birth date kept when the decoded one is before :data:`GUARD_FROM` or after ``issued``."""
    if len(number) != 10 or not number.isdigit():
        return birth, sex
    born, decoded_sex = decode(number)
    return (born.isoformat() if GUARD_FROM <= born <= issued else birth), decoded_sex


def registered_on(seed: int, child: Child, second: bool = False) -> dt.date:
    """When ``child``'s certificate was issued (``second``: one from another oblast, later)."""
    day = returned_on(seed, child) + _days(_family_rng(seed, child, 0x5247), REGISTER_LAG)
    if second:
        day += _days(_child_rng(seed, child, 0x5248), SECOND_REGISTER_LAG)
    return day


def returnee_record(seed: int, child: Child, rec: dict[str, str], second: bool = False) -> dict[str, str]:
    """``rec`` (the certificate as the volunteer typed its fields) with the analyst's birth date
    and sex."""
    out = dict(rec)
    number, _ = typed_number(seed, child, second)
    out["birth_date"], out["sex"] = analyst_birth_sex(number, rec["birth_date"], rec["sex"],
                                                      registered_on(seed, child, second))
    return _consistent(out)


def _rewrite_returnees(
    rows: Rows, truth: pd.DataFrame, pop: Population, seed: int
) -> tuple[Rows, list[int], list[str]]:
    keys: list[tuple[dt.date, int, int, int]] = []
    for j, (child_id, kind) in enumerate(zip(truth["child"], truth["kind"], strict=True)):
        c = pop.children[int(child_id)]
        second = kind == "duplicate"
        day = registered_on(seed, c, second)
        if not returned(seed, c) or day > LIST_CLOSED:
            continue
        rows[j] = returnee_record(seed, c, rows[j], second)
        keys.append((day, c.child_id, int(second), j))
    order = [j for *_, j in sorted(keys)]
    return rows, order, [f"VPO{r + 1:05d}" for r in range(len(order))]


# ---------------------------------------------------------------- the profile


def generate_heldout30(n: int = DEFAULT_N, seed: int = 0) -> ProfileData:
    """Generate the THIRTIETH HELD-OUT profile (SYNTHETIC).  Only for the final evaluation.

    :func:`.profiles.build` renders and captures the lists; each is then rewritten as its
    source writes it, and the notices and certificates keep only what their sources hold
    (see the module docstring)."""

    def rewrite(
        name: str, rows: Rows, truth: pd.DataFrame, pop: Population, rng: np.random.Generator, ids: list[str]
    ) -> tuple[Rows, list[int], list[str]]:
        if name == VOICEBOT:
            return _rewrite_voicebot(rows, truth, pop, seed)
        if name == NOTICES:
            return _rewrite_notices(rows, truth, pop, seed)
        if name == RETURNEES:
            return _rewrite_returnees(rows, truth, pop, seed)
        raise ValueError(f"no rewriting for list {name!r}")

    return rewrite_lists(build(heldout30_spec(), n, seed), seed, _TAG, rewrite)
