"""Candidates: the name parts of an article, each with the evidence found around it.

1. One compiled regex (lexicon.Lexicon.seq) finds *capitalized sequences*: runs of
   capitalized words, initials and name particles ("George W. Bush", "Secretary of
   State John Kerry", "Ahmed al-Sharif").  Python work is per sequence, never per
   character.
2. A sequence is split at sentence ends ("Moscow. Putin") and at ordinary words
   inside it ("Sox Make Offer To Teixeira"); each piece is cut into names by
   `cutting.cut_run`.
3. Each name gets its title (`attach.attach_title`) and the cues that do not depend
   on other mentions: title or honorific, a speech verb (`said`), an age (`age`),
   and flags the decision reads (after "the", after a locative, capitalized title).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...titles import parse_title
from .attach import attach_title
from .cutting import Run, cut_run
from .lexicon import TITLE_CONNECTORS, Lexicon, Token, is_initial, key
from .scan import Scan, sentence_initial
from ...text import fold

_TOKEN = re.compile(r"\S+")
# Age next to a name is evidence of a person: "16-year-old Kimani Gray", "Raj Chohan, 59,".
_AGE_BEFORE = re.compile(r"\b\d{1,3}[- ]years?[- ]old[ \t]+$")
_AGE_AFTER = re.compile(r"^(?:,[ \t]*\(?\d{1,3}\)?[ \t]*(?:,|\.|;|$|years?\b)|[ \t]+\(\d{1,3}\))")
# A lone word after a locative preposition ("in Palmer") or before a score ("defeated
# Drake 65-53") is more often a place or a team: weak evidence is not enough then.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|from|near|into|outside|inside)[ \t]+$")
_SCORE_AFTER = re.compile(r"^[ \t]+\d+-\d+\b")
_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+$")


@dataclass(slots=True)
class Candidate:
    """A name part with its evidence, waiting for the person decision."""

    start: int
    end: int
    words: list[str]  # folded name words (possessive removed)
    title: str = ""
    title_normalized: str = ""
    title_status: str = ""
    role_kind: str = ""
    affiliation: str = ""
    honorific: str = ""
    cues: list[str] = field(default_factory=list)
    sentence_initial: bool = False
    after_the: bool = False  # written right after "the" ("the Red Sox", "the Obama administration")
    capital_title: bool = False  # title written capitalized in the run ("President Obama")
    place_like: bool = False  # lone word after "in"/"at"/"from" or before a score: a place or team


def find_candidates(scan: Scan, skip: list[tuple[int, int]]) -> list[Candidate]:
    """Every name part of the article outside the `skip` ranges, in text order."""
    out: list[Candidate] = []
    for toks in capitalized_sequences(scan, skip):
        for n, part in enumerate(split_sentences(toks, scan.lex)):
            initial = n > 0 or sentence_initial(scan.text, part[0][0])
            for run_toks, run_initial in split_at_ordinary_words(part, initial, scan.lex):
                for run in cut_run(scan, run_toks, run_initial):
                    add_candidates(scan, run, out)
    return out


def capitalized_sequences(scan: Scan, skip: list[tuple[int, int]]) -> Iterator[list[Token]]:
    """The words of each capitalized sequence starting outside the `skip` ranges."""
    text, lex = scan.text, scan.lex
    skip_starts = [s for s, _ in skip]
    for m in lex.seq.finditer(text):
        ms = m.start()
        if skip:
            i = bisect_right(skip_starts, ms) - 1
            if i >= 0 and ms < skip[i][1]:
                continue
        g = m.group()
        if " " not in g and "\t" not in g and "\u00a0" not in g:
            # Fast path for the most frequent case, one word: ordinary words and stop
            # words ("The", "He", "Monday") can never be a name alone.
            k = key(g[:-1] if g.endswith(".") else g)
            if k not in lex.common and k not in lex.stop:
                yield [(ms, m.end(), g)]
        else:
            yield [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(text, ms, m.end())]


def split_at_ordinary_words(part: list[Token], initial: bool, lex: Lexicon) -> list[tuple[list[Token], bool]]:
    """Ordinary words inside a run end one name and start another (Title Case headlines:
    "Sox Make Offer To Teixeira", "Obama To Nominate Regina Benjamin"): (words, initial)."""
    runs = []
    cur: list[Token] = []
    for t in part:
        k = key(t[2])
        if cur and k in lex.common and k not in TITLE_CONNECTORS and k not in lex.given:
            runs.append((cur, initial))
            cur, initial = [t], False
        else:
            cur.append(t)
    if cur:
        runs.append((cur, initial))
    return runs


def split_sentences(toks: list[Token], lex: Lexicon) -> list[list[Token]]:
    """Cut a capitalized sequence after a word ending a sentence ("Moscow. Putin")."""
    parts, cur = [], []
    for s, e, w in toks:
        if w.endswith(".") and len(w) > 1 and not is_initial(w) and fold(w) not in lex.abbrevs:
            cur.append((s, e - 1, w[:-1]))
            parts.append(cur)
            cur = []
        else:
            cur.append((s, e, w))
    if cur:
        parts.append(cur)
    return [p for p in parts if p]


def add_candidates(scan: Scan, run: Run, out: list[Candidate]) -> None:
    """The candidate(s) of a cut run, with their title and cues, appended to `out`."""
    title = attach_title(scan, run)
    start, end = run.start, run.end
    if not title and len(run.toks) == 1 and "-" in run.keys[0]:
        hyphen = hyphen_names(scan, run)
        if hyphen is not None:
            out.extend(hyphen)
            return
    words = [k for k in run.keys if k]
    if not words:
        return
    w0 = run.toks[0][2]
    if len(run.toks) == 1 and len(w0) <= 5 and w0.isupper() and not scan.headline(start):
        return  # an acronym in running text ("ISNA", "NYPD"), not a name
    text = scan.text
    c = Candidate(start, end, words, sentence_initial=run.initial, capital_title=run.title_start >= 0)
    cues = c.cues
    if title:
        set_title(c, title, scan)
    else:
        c.after_the = _THE_BEFORE.search(text, max(0, start - 5), start) is not None
    after = text[end : end + 40]
    before = text[max(0, start - 30) : start]
    if len(words) == 1:
        c.place_like = bool(_LOCATIVE_BEFORE.search(before) or _SCORE_AFTER.match(after))
    if scan.lex.speech_after.match(after):
        cues.append("said")
    elif before.rstrip(" \t").rpartition(" ")[2].lower() in scan.lex.speech:
        cues.append("said")
    if _AGE_AFTER.match(after) or (len(run.keys) > 1 and _AGE_BEFORE.search(before)):
        cues.append("age")
    out.append(c)


def set_title(c: Candidate, title: str, scan: Scan) -> None:
    """The title fields of `c` from a raw title (resolve.titles.parse_title), and its
    `title`/`honorific` cue; the title stays empty when it names no post (an honorific or
    affiliation alone is still kept)."""
    p = parse_title(title, scan.rules)
    c.title, c.title_normalized, c.title_status, c.role_kind = p.written, p.normalized, p.status, p.role_kind
    c.affiliation, c.honorific = p.affiliation, p.honorific
    if p.normalized or p.honorific:
        c.cues.append("title" if p.normalized else "honorific")


def hyphen_names(scan: Scan, run: Run) -> list[Candidate] | None:
    """Hyphen compounds of names standing alone ("a Donilon-Putin meeting"): one
    candidate per part; None when the word is not such a compound."""
    word = run.toks[0][2]
    parts = word.split("-")
    if not all(p[:1].isupper() for p in parts) or key(word) in scan.lex.stop:
        return None
    start, end = run.start, run.end
    out = []
    pos = start
    for p in parts:
        pe = min(pos + len(p), end)
        if pe > pos:
            out.append(Candidate(pos, pe, [key(p)], cues=["hyphen"], sentence_initial=run.initial and pos == start))
        pos = pe + 1
    return out
