"""The person decision: is a candidate a person, and on what evidence (its cues)?

Two functions, one per pass of the batch (see `batch`):

- `decide_alone(candidate, lex, batch)`: vetoes (phrases that are never a person) and
  evidence that is enough on its own (a title, a known given name, initials, a common
  surname after a name-like word, a speech verb or an age).  Undecided candidates
  wait for pass 2 (`PENDING`).
- `decide_in_context(candidate, lex, article, batch)`: candidates supported by what
  the article and the batch say elsewhere (the same full name, the surname or given
  name of a full name in the article, a surname vouched for in the batch).

Both are pure functions of the candidate and the evidence: they return a `Decision`
(accept + the cues that decided it) and change nothing, so another decider (a learned
model) can replace them with the same inputs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from .candidates import Candidate
from .lexicon import SUFFIXES, Lexicon, english_plural, is_initial

#: Key prefix for counts of capitalized, sentence-internal uses of a word in
#: `BatchEvidence.words` (plain keys count the lower-case uses).
CAP = "\x00"


@dataclass(frozen=True, slots=True)
class Decision:
    accept: bool
    cues: tuple[str, ...] = ()  # cues the decision added (the candidate's own cues come first)
    final: bool = True  # False: pass 1 could not decide; pass 2 will


REJECT = Decision(False)
PENDING = Decision(False, final=False)
_ACCEPT = Decision(True)
# One object per outcome: pass 1 keeps every candidate's decision until pass 2.
_GIVEN_NAME = Decision(True, ("given_name",))
_SURNAME = Decision(True, ("surname",))
_INITIALS = Decision(True, ("initials",))
_FULL_IN_BATCH = Decision(True, ("full_in_batch",))
_SURNAME_IN_ARTICLE = Decision(True, ("surname_in_article",))
_GIVEN_IN_ARTICLE = Decision(True, ("given_in_article",))
_SURNAME_IN_BATCH = Decision(True, ("surname_in_batch",))


@dataclass
class BatchEvidence:
    """What the whole batch says: how words are written, names seen in full."""

    #: Lower-case uses of each word ("rose": 3), and capitalized sentence-internal uses
    #: under CAP + word: an ordinary word is a name only with better evidence.
    words: Counter = field(default_factory=Counter)
    full_names: set[str] = field(default_factory=set)  # names accepted in full ("angela merkel")
    surnames: Counter = field(default_factory=Counter)  # surnames vouched for by full names or capitalized titles


@dataclass
class ArticleEvidence:
    """Surnames and given names of the names accepted in pass 1 in one article."""

    surnames: set[str] = field(default_factory=set)
    givens: set[str] = field(default_factory=set)


def ordinary(w: str, words: Mapping[str, int]) -> bool:
    """A word the batch writes in lower case (twice or more) more often than it writes it
    capitalized inside a sentence: "will", "fire", "checks" but not "Brown", "Bush"."""
    n = words.get(w, 0)
    return n >= 2 and n > words.get(CAP + w, 0)


def surname(words: list[str]) -> str:
    """The last name word that is not a generational suffix ("" when none)."""
    ws = [w for w in words if w not in SUFFIXES]
    return ws[-1] if ws else ""


#: What follows the place of a dateline: a date or an agency and a dash ("JACKSON, Feb. 6
#: (AP) -", "NEW YORK 1996-08-29", "WASHINGTON (Reuters) -", "PARIS, France, May 3").
_DATELINE_AFTER = re.compile(
    r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?[ \t]*,?[ \t]*(?:"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}\b|\d{4}-\d\d-\d\d|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|\([^)\n]{1,30}\)[ \t]*[-\u2013\u2014])")


def dateline(c: Candidate, written: str) -> bool:
    """A place in capitals opening a line, then a date or an agency ("JACKSON, Feb. 6 (AP) -"):
    never a person, however the word is read elsewhere (`written`: the text as written)."""
    return ((c.start == 0 or written[c.start - 1] == "\n") and len(c.words) <= 3
            and written[c.start : c.end].isupper() and _DATELINE_AFTER.match(written, c.end) is not None)


#: Prepositions that put the next word in a place: "in X", "near X" (not "from X", "to X",
#: "at X": "a letter from Jackson", "said to Jackson", "at Jackson's").
_LOCATIVE = frozenset({"in", "near", "outside", "throughout", "across"})
_WORD_BEFORE = re.compile(r"(\w+)[ \t]+$")


def after_locative(c: Candidate, text: str, places: Collection[str]) -> bool:
    """A lone word of the place lists right after "in"/"near" and not a possessive ("police
    in Jackson", not "in Jackson's view"): a place, however the word is read elsewhere."""
    if len(c.words) != 1 or c.title or c.words[0] not in places or text.startswith(("'s", "\u2019s"), c.end):
        return False
    m = _WORD_BEFORE.search(text, max(0, c.start - 12), c.start)
    return m is not None and m.group(1).lower() in _LOCATIVE


def team_like(c: Candidate, places: tuple[Collection[str], ...], english: Collection[str], surnames: Collection[str]) -> bool:
    """A place, then the plural of an English word that is no surname ("Denver Nuggets",
    "Ontario Liberals", "Washington Nationals"): a team, a party or a body, never a person."""
    return (len(c.words) >= 2 and any(c.words[0] in p for p in places) and english_plural(c.words[-1], english)
            and c.words[-1] not in surnames)


def vetoed(c: Candidate, lex: Lexicon) -> bool:
    """Phrases that are never a person whatever the evidence."""
    phrase = " ".join(c.words)
    if phrase in lex.stop or phrase in lex.affil or phrase in lex.titles_keys:
        return True
    for w in c.words:
        if w in lex.org:
            return True
    if len(c.words) == 1:
        w = c.words[0]
        if w in lex.common or w in lex.heads or w in lex.title_vocab and w not in lex.given and not c.title:
            return True
    elif c.words[-1] in lex.heads and (c.words[0] not in lex.given or c.words[0] in lex.affil):
        return True  # "Alaska Governor", "Defense Undersecretary", "Dutch King": a title without a name
    elif len(c.words[-1]) > 3 and c.words[-1] in lex.affil and c.words[-1] not in lex.surnames:
        return True  # "Young Brazilian", "Eastern Ukraine": a nationality ends no name ("Mark Welsh" does; "Kim Jong Un" is no UN)
    return False


def decide_alone(c: Candidate, lex: Lexicon, batch: BatchEvidence) -> Decision:
    """Pass 1: REJECT, an accept on the candidate's own evidence, or PENDING."""
    if vetoed(c, lex):
        return REJECT
    words, counts = c.words, batch.words
    if "title" in c.cues or "honorific" in c.cues:
        if len(words) == 1 and (words[0] in lex.places and words[0] not in lex.given or ordinary(words[0], counts)):
            return PENDING  # a lone place or ordinary word needs more than a title
        return _ACCEPT
    if len(words) == 1:
        if "age" in c.cues and not ordinary(words[0], counts) and words[0] not in lex.places:
            return _ACCEPT
        return PENDING
    return _several_words_alone(c, lex, counts)


def _several_words_alone(c: Candidate, lex: Lexicon, counts: Mapping[str, int]) -> Decision:
    """A name of two words or more, without a title: its first word, its shape, its cues."""
    words = c.words
    first, last = words[0], words[-1]
    if c.after_the or (last in SUFFIXES and len(words) == 2):
        return PENDING
    if " ".join(words) in lex.places or last in lex.places or last in lex.common or (last in lex.stop and last not in lex.surnames):
        return PENDING
    if ordinary(last, counts):
        return PENDING  # "Palmer Fire", "Rose Garden": the batch writes "fire" in lower case
    if first in lex.given and first not in lex.common and first not in lex.particles:
        return _GIVEN_NAME
    if (
        len(words) <= 3
        and last in lex.surnames
        and not any(w in lex.common or w in lex.places or w in lex.affil or w in lex.title_vocab or ordinary(w, counts) for w in words)
    ):
        return _SURNAME  # an unknown, name-like first word before a common surname ("Keiwan Ratliff")
    if is_initial(first) and first not in lex.affil:
        return _INITIALS
    if ("said" in c.cues or "age" in c.cues) and not any(w in lex.common or w in lex.places or ordinary(w, counts) for w in words):
        return _ACCEPT
    return PENDING


def decide_in_context(c: Candidate, lex: Lexicon, article: ArticleEvidence, batch: BatchEvidence) -> Decision:
    """Pass 2: a candidate pass 1 left PENDING, supported by the article and the batch."""
    words = c.words
    if len(words) > 1:
        if c.after_the:
            return REJECT
        if " ".join(words) in batch.full_names:
            return _FULL_IN_BATCH
        if words[-1] in article.surnames and not any(w in lex.common for w in words):
            return _SURNAME_IN_ARTICLE
        return REJECT
    w = words[0]
    if w in article.surnames:
        return _SURNAME_IN_ARTICLE
    if w in lex.places or w in lex.stop or c.place_like:
        return REJECT
    counts = batch.words
    if w in article.givens and not ordinary(w, counts):
        return _GIVEN_IN_ARTICLE
    # Seen as a surname elsewhere in the batch more often than as a lower-case word.
    if batch.surnames.get(w, 0) > counts.get(w, 0) and not ordinary(w, counts):
        return _SURNAME_IN_BATCH
    return REJECT
