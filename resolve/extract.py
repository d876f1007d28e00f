"""Person mentions from article text, with offsets and attached titles.

Interface (stable): `extract_mentions(articles, rules) -> DataFrame[MENTION_COLUMNS]`.

How it works (rules and cues, no statistical model):

1. One compiled regex finds *capitalized sequences*: runs of capitalized words,
   initials and name particles ("George W. Bush", "Russian Deputy Foreign Minister
   Sergei Ryabkov", "Ahmed al-Sharif", "Secretary of State John Kerry").  Python
   work is done per sequence, never per character.
2. Each sequence is split at sentence ends and cut into an in-sequence title prefix
   and a name part: the title ends at the last word such that the words before it
   segment (resolve.titles) into a phrase ending in a role or honorific.  A title
   written before the sequence in lower case ("U.S. national security adviser"),
   in apposition ("his U.S. counterpart, Chuck Hagel") or after the name ("Chuck
   Hagel, the defense secretary,") is attached too.
3. Evidence that the name part is a person (the `cue` column): a title or honorific
   (`title`, `honorific`), a known given name or initials followed by another name
   word (`given_name`, `initials`), an unknown name-like word before a common surname
   (`surname`, rules/surnames.txt), a speech verb (`said`), an age ("16-year-old
   Kimani Gray", "Raj Chohan, 59,": `age`), the same full name seen elsewhere in the
   batch (`full_in_batch`), or, for a lone word, the surname or given name of a full
   name in the same article (`surname_in_article`, `given_in_article`) or, more weakly,
   a surname vouched for elsewhere in the batch (`surname_in_batch`).
   Vetoes: stop phrases, places, affiliation words, organization cue words (also
   right after the name or its possessive: "Betty Ford Center", "Sam's Club"),
   acronyms in running text, ordinary words (rules/common_words.txt, and words the
   batch writes in lower case more often than capitalized mid-sentence).
4. Mentions inside web-page leftovers (boilerplate.repeated_ranges) are skipped.

Two passes, both linear: pass 1 collects candidates (and counts how the batch writes
each word), then decides the names that are certain on their own; pass 2 decides the
lone-word and weak candidates with the names seen in full in the article and batch.
The result for an article can therefore depend on the batch it is extracted with
(the pipeline fixes the batch: resolve.pipeline.EXTRACT_WINDOW).  Rule lookups are
precomputed once per Rules object (`_lex`), which is treated as read-only once used.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import pandas as pd

from .boilerplate import repeated_ranges
from .rules import Rules
from .schema import MENTION_COLUMNS, require_columns
from .text import fold
from .titles import DETERMINERS, parse_title, segment

# ---------------------------------------------------------------------------
# Character classes (Latin, Greek, Cyrillic upper case; any letter).
_UPPER = "".join(c for c in map(chr, range(0x0530)) if c.isalpha() and c.isupper())
_U = f"[{_UPPER}]"
_L = r"[^\W\d_]"
_APOS = "['’]"
_SPACE = r"[ \t\u00a0]+"

# Grammar (not vocabulary): connectors that may sit inside a title ("Secretary of
# State"), generational suffixes, and the shape of an initial.
_TITLE_CONNECTORS = ("of", "for")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_INITIAL = re.compile(rf"^(?:{_U}\.)+$|^{_U}\.-{_U}\.$")
_INITIAL_KEY = re.compile(r"^(?:[a-z]\.)+$|^[a-z]\.-[a-z]\.$")
_POSSESSIVE_S = re.compile(r"['’][sS]$")
_LOWER_WORD = re.compile(r"(?<![\w.'’/@#=_-])[a-z][a-z'’-]*[a-z](?![\w'’/@_-])")
# Age next to a name is evidence of a person: "16-year-old Kimani Gray", "Raj Chohan, 59,".
_AGE_BEFORE = re.compile(r"\b\d{1,3}[- ]years?[- ]old[ \t]+$")
_AGE_AFTER = re.compile(r"^(?:,[ \t]*\(?\d{1,3}\)?[ \t]*(?:,|\.|;|$|years?\b)|[ \t]+\(\d{1,3}\))")
_TOKEN = re.compile(r"\S+")
_OPEN_QUOTES = "\"“'‘("
_CLOSE_QUOTES = "\"”'’)"
_POSS_ORG = re.compile(r"['’][sS]?[ \t]+([A-Z][\w.]*)")
# A lone word after a locative preposition ("in Palmer") or before a score ("defeated
# Drake 65-53") is more often a place or a team: weak evidence is not enough then.
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|from|near|into|outside|inside)[ \t]+$")
_SCORE_AFTER = re.compile(r"^[ \t]+\d+-\d+\b")
_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+$")
_WORD = re.compile(r"[\w.'’-]+")


@dataclass
class _Lex:
    """Rule lookups precomputed once per Rules object."""

    seq: re.Pattern
    given: frozenset
    titles_keys: frozenset
    heads: frozenset  # last words of role/honorific phrases
    title_vocab: frozenset  # every word of a title or affiliation phrase
    abbrevs: frozenset  # known words ending with '.' (honorifics, Jr., Inc., ...)
    stop: frozenset
    places: frozenset
    affil: frozenset
    org: frozenset
    common: frozenset
    surnames: frozenset
    particles: frozenset
    speech: frozenset
    speech_after: re.Pattern


_LEX_CACHE: dict[int, tuple[Rules, _Lex]] = {}


def _rule_set(rules: Rules, name: str) -> set:
    return getattr(rules, name, None) or set()


def _lex(rules: Rules) -> _Lex:
    hit = _LEX_CACHE.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    particles = frozenset(_rule_set(rules, "name_particles"))
    # Particles written joined to the name with a hyphen ("al-Assad") vs. as words.
    joined = sorted((p[:-1] for p in particles if p.endswith("-")), key=len, reverse=True)
    loose = sorted((p for p in particles if not p.endswith("-")), key=len, reverse=True)
    prefix = f"(?:(?:{'|'.join(map(re.escape, joined))})-)?" if joined else ""
    word = rf"(?:{_U}\.(?:-?{_U}\.)*|{prefix}{_U}{_L}*(?:{_APOS}{_U}{_L}+)?(?:-(?:{_U}{_L}*|[a-z]+))*\.?)"
    inner = [re.escape(p) for p in loose] + list(_TITLE_CONNECTORS)
    # A quoted nickname may sit inside a name: Vincent "The Chin" Gigante.
    nick = rf"[\"“'‘(](?:[Tt]he[ ])?{_U}[^\"”'’()\n]{{0,24}}[\"”'’)]{_SPACE}"
    glue = rf"{_SPACE}(?:{nick})?(?:(?:{'|'.join(inner)}){_SPACE})*"
    seq = re.compile(rf"(?<![\w-]){word}(?:{glue}{word})*(?![\w-])")
    heads, vocab, abbrevs = set(), set(), set()
    for phrase, t in rules.titles.items():
        words = phrase.split()
        if t.kind in ("role", "honorific"):
            heads.add(words[-1])
        vocab.update(words)
        abbrevs.update(w for w in words if w.endswith("."))
    for phrase in rules.affiliations:
        words = phrase.split()
        vocab.update(words)
        abbrevs.update(w for w in words if w.endswith("."))
    abbrevs.update(s for s in _SUFFIXES if s.endswith("."))
    org = frozenset(_rule_set(rules, "org_cues"))
    abbrevs.update(w for w in org if w.endswith("."))
    speech = frozenset(_rule_set(rules, "speech_verbs"))
    verbs = "|".join(sorted(map(re.escape, speech), key=len, reverse=True)) or "(?!x)x"
    lex = _Lex(
        seq=seq,
        given=frozenset(rules.given_names),
        titles_keys=frozenset(rules.titles),
        heads=frozenset(heads),
        title_vocab=frozenset(vocab | set(_TITLE_CONNECTORS)),
        abbrevs=frozenset(abbrevs),
        stop=frozenset(rules.stop_phrases),
        places=frozenset(rules.places),
        affil=frozenset(rules.affiliations),
        org=org,
        common=frozenset(_rule_set(rules, "common_words")),
        surnames=frozenset(_rule_set(rules, "surnames")),
        particles=frozenset(p.rstrip("-") for p in particles),
        speech=speech,
        speech_after=re.compile(rf"^[ \t]*,?[ \t]*(?:who[ \t]+)?(?:{verbs})\b", re.IGNORECASE),
    )
    if len(_LEX_CACHE) > 8:
        _LEX_CACHE.clear()
    _LEX_CACHE[id(rules)] = (rules, lex)
    return lex


# ---------------------------------------------------------------------------
@dataclass
class _Cand:
    """A name part with its evidence, waiting for the pass-2 decision."""

    start: int
    end: int
    words: list  # folded name words (possessive removed)
    title: str = ""
    title_normalized: str = ""
    affiliation: str = ""
    honorific: str = ""
    cues: list = field(default_factory=list)
    sentence_initial: bool = False
    after_the: bool = False  # written right after "the" ("the Red Sox", "the Obama administration")
    capital_title: bool = False  # title written capitalized in the run ("President Obama")
    place_like: bool = False  # lone word after "in"/"at"/"from" or before a score: a place or team
    strong: bool = False


@lru_cache(maxsize=200_000)
def _key(word: str) -> str:
    """Folded form of a name word used in the lookups ("Donilon's" -> "donilon")."""
    return _POSSESSIVE_S.sub("", fold(word))


def _is_initial(tok: str) -> bool:
    """An initial as written ("W.", "A.J.") or folded ("w.")."""
    return bool(_INITIAL.match(tok) or _INITIAL_KEY.match(tok))


def _sentence_initial(text: str, pos: int) -> bool:
    """True when `pos` starts a sentence, paragraph or quotation."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0\"“‘'([«—–-":
        if text[i] in "\"“‘'(«—–":
            return True
        i -= 1
    return i < 0 or text[i] in ".!?\n\r:;|"


def _split_sentences(toks: list[tuple[int, int, str]], lex: _Lex) -> list[list[tuple[int, int, str]]]:
    """Cut a capitalized sequence after a word ending a sentence ("Moscow. Putin")."""
    parts, cur = [], []
    for s, e, w in toks:
        if w.endswith(".") and len(w) > 1 and not _is_initial(w) and fold(w) not in lex.abbrevs:
            cur.append((s, e - 1, w[:-1]))
            parts.append(cur)
            cur = []
        else:
            cur.append((s, e, w))
    if cur:
        parts.append(cur)
    return [p for p in parts if p]


def _title_before(text: str, pos: int, lex: _Lex, rules: Rules, extend: bool = False) -> tuple[int, str]:
    """Start and text of a title phrase written right before `pos`, or (pos, "").

    With `extend`, `pos` is the start of a title already found inside a capitalized
    sequence, and any title words before it are added ("NATO supreme allied commander
    for" + "Europe Adm.").
    """
    # Cheap test first: the word right before `pos` must be title vocabulary.
    e = pos
    while e > 0 and text[e - 1] in " \t\u00a0":
        e -= 1
    b = text.rfind(" ", max(0, e - 40), e) + 1
    prev = text[max(b, text.rfind("\n", b, e) + 1) : e]  # bounded: no scan to the text start
    if not prev or _key(prev.rstrip(",")) not in lex.title_vocab:
        return pos, ""
    lo = max(0, pos - 160)
    window = text[lo:pos]
    toks = [(m.start() + lo, m.end() + lo, m.group()) for m in _TOKEN.finditer(window)]
    if not toks:
        return pos, ""
    # The last word must be able to end a title (a role head or honorific).
    last = toks[-1][2]
    appositive = False
    if extend:
        if last[-1] in ",;:)\"”" or _key(last) not in lex.title_vocab:
            return pos, ""
    elif last.endswith(",") and _key(last[:-1]) in lex.heads:
        appositive = True
        toks[-1] = (toks[-1][0], toks[-1][1] - 1, last[:-1])
    elif _key(last) not in lex.heads or last[-1] in ",;:)\"”":
        return pos, ""
    i = len(toks) - 1
    while i >= 0:
        w = toks[i][2]
        if i < len(toks) - 1 and (w[-1] in ",;:)\"”(" or w.endswith(".") and fold(w) not in lex.abbrevs):
            break
        k = _key(w)
        if k not in lex.title_vocab or k in DETERMINERS:
            break
        i -= 1
    first = i + 1
    # Leading connectors are not part of the title ("for Europe" without its role).
    while first < len(toks) and fold(toks[first][2]) in _TITLE_CONNECTORS:
        first += 1
    if first >= len(toks):
        return pos, ""
    if appositive:
        before = fold(toks[i][2]) if i >= 0 else ""
        if before not in DETERMINERS and not _POSSESSIVE_S.search(toks[first][2]):
            return pos, ""
    phrase = " ".join(t[2] for t in toks[first:])
    if extend:
        return toks[first][0], phrase
    segs = segment(phrase, rules)
    if not segs or segs[-1][0] not in ("role", "honorific"):
        return pos, ""
    return toks[first][0], phrase


_POST = re.compile(r"^,[ \t]+((?:[\w.'’-]+[ \t]+){0,7}?[\w.'’-]+?)(?=[ \t]*[,;:)]|\.(?:[ \t]|$)|[ \t]+who\b|$)")


def _title_after(text: str, end: int, lex: _Lex, rules: Rules) -> str:
    """A title in apposition after the name ("Chuck Hagel, the defense secretary,")."""
    if text[end : end + 1] != ",":
        return ""
    m = _POST.match(text[end : end + 120])
    if not m:
        return ""
    phrase = m.group(1)
    words = phrase.split()
    if fold(words[0]) not in DETERMINERS and not _POSSESSIVE_S.search(words[0]):
        return ""
    for w in words[1:]:
        if _key(w) not in lex.title_vocab:
            return ""
    segs = segment(phrase, rules)
    if not segs or segs[-1][0] != "role" or any(k == "other" for k, _, _ in segs):
        return ""
    return phrase


#: Longest line (characters) that can be a headline; longer lines are not looked at,
#: so a huge one-line article costs no scan back to its start per candidate.
_HEADLINE_MAX_CHARS = 600


def _headline_line(text: str, pos: int, cache: dict) -> bool:
    """True when the line holding `pos` is written in Title Case (a headline)."""
    lo = max(0, pos - _HEADLINE_MAX_CHARS)
    ls = text.rfind("\n", lo, pos) + 1
    if ls == 0 and lo > 0:
        return False  # no line start within reach: longer than any headline
    hit = cache.get(ls)
    if hit is None:
        hi = ls + _HEADLINE_MAX_CHARS
        le = text.find("\n", pos, hi)
        if le < 0 and hi < len(text):
            cache[ls] = False  # no line end within reach either
            return False
        line = text[ls : le if le >= 0 else len(text)]
        words = _WORD.findall(line)
        alpha = [w for w in words if w[0].isalpha()]
        caps = sum(1 for w in alpha if w[0].isupper())
        hit = len(alpha) >= 3 and caps >= 0.7 * len(alpha) and len(alpha) <= 25
        cache[ls] = hit
    return hit


def _candidates(article_id: str, text: str, rules: Rules, lex: _Lex, skip: list[tuple[int, int]], lower=None) -> list[_Cand]:
    """Pass 1 over one article: every name part with its own evidence."""
    out: list[_Cand] = []
    skip_starts = [s for s, _ in skip]
    headline_cache: dict = {}
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
            k = _key(g[:-1] if g.endswith(".") else g)
            if k in lex.common or k in lex.stop:
                continue
            toks = [(ms, m.end(), g)]
        else:
            toks = [(t.start() + ms, t.end() + ms, t.group()) for t in _TOKEN.finditer(g)]
        for n, part in enumerate(_split_sentences(toks, lex)):
            initial = n > 0 or _sentence_initial(text, part[0][0])
            # Ordinary words inside a run end one name and start another (Title Case
            # headlines: "Sox Make Offer To Teixeira", "Obama To Nominate Regina Benjamin").
            cur: list = []
            for t in part:
                k = _key(t[2])
                if cur and k in lex.common and k not in _TITLE_CONNECTORS and k not in lex.given:
                    _name_parts(text, cur, initial, rules, lex, out, headline_cache, lower or {})
                    cur, initial = [t], False
                else:
                    cur.append(t)
            if cur:
                _name_parts(text, cur, initial, rules, lex, out, headline_cache, lower or {})
    return out


def _name_parts(text, part, initial, rules, lex, out, headline_cache, lower, depth=0) -> None:
    """Cut one sentence-internal capitalized run into title + name and record it."""
    headline = len(part) > 1 and _headline_line(text, part[0][0], headline_cache)
    # Leading ordinary words: "The", "After", "But" ...; in a Title Case headline also
    # words the batch writes in lower case ("Female Employee Yvonne Hiller").
    while part:
        k = _key(part[0][2])
        if k in lex.common and not (k in lex.given and len(part) > 1 and not initial):
            part = part[1:]
            initial = True
            continue
        if headline and len(part) > 1 and lower.get(k, 0) >= 2 and k not in lex.given and k not in lex.heads and k not in lex.affil:
            part = part[1:]
            continue
        break
    if not part:
        return
    keys = []
    in_nick = False
    for _, _, w in part:
        # Words of a quoted nickname are kept in the span but are no evidence.
        if in_nick or w[0] in _OPEN_QUOTES:
            in_nick = w[-1] not in _CLOSE_QUOTES or (len(w) == 1)
            keys.append("")
        else:
            keys.append(_key(w))
    # In-sequence title: the last position whose prefix segments to a role/honorific.
    name_from = 0
    title_start = -1
    for i in range(len(part) - 1, -1, -1):
        if keys[i] not in lex.heads and keys[i] + "." not in lex.heads:
            continue
        if i == len(part) - 1:
            continue
        rest = keys[i + 1]
        if rest in _TITLE_CONNECTORS or rest in _SUFFIXES:
            continue
        # The words before a title are a title, a body ("Fulton County District
        # Attorney") or an affiliation, never ordinary words or a full name
        # ("Ellen DeGeneres To Host Oscars").
        if any(k in lex.common and k not in _TITLE_CONNECTORS for k in keys[:i]):
            continue
        if any(
            keys[j] in lex.given and keys[j] not in lex.title_vocab and keys[j + 1] not in lex.title_vocab
            and keys[j] not in lex.places and " ".join(keys[j : j + 2]) not in lex.places
            for j in range(i)
        ):
            continue  # a full name inside the would-be title: "Dr. Sanjay Gupta Surgeon General"
        phrase = " ".join(w for _, _, w in part[: i + 1])
        segs = segment(phrase, rules)
        if segs and segs[-1][0] in ("role", "honorific"):
            name_from = i + 1
            title_start = part[0][0]
            break
    name = part[name_from:]
    nkeys = keys[name_from:]
    # A name stops at a title connector ("Barack Obama of Illinois"); what follows
    # may be a name of its own ("the shooting in Athens of Alexandros Grigoropoulos").
    for j, k in enumerate(nkeys):
        if j > 0 and k in _TITLE_CONNECTORS:
            if j + 1 < len(name) and depth < 3:
                _name_parts(text, name[j + 1 :], False, rules, lex, out, headline_cache, lower, depth + 1)
            name, nkeys = name[:j], nkeys[:j]
            break
    # A trailing title is not part of the name ("Dr. Sanjay Gupta Surgeon General").
    for j in range(1, len(nkeys) - 1):
        if nkeys[-1] in lex.heads and all(k in lex.title_vocab for k in nkeys[j:]):
            name, nkeys = name[:j], nkeys[:j]
            break
    if not name:
        return
    # A possessive ends a name ("Tom Donilon's Visit" in a headline).
    for j in range(len(name) - 1):
        if _POSSESSIVE_S.search(name[j][2]):
            name, nkeys = name[: j + 1], nkeys[: j + 1]
            break
    # A name may start mid-run at a given name after words that are not part of it:
    # "American Hasim Rahman", "Chargers Jamal Williams", "WE COVERED ANGELA MERKEL".
    # The words before are looked at on their own ("Obama To Nominate Regina Benjamin").
    if depth < 3 and len(name) > 2 and nkeys[0] not in lex.given and not _is_initial(nkeys[0]) and nkeys[0] not in lex.particles:
        for j in range(1, len(nkeys) - 1):
            k = nkeys[j]
            if k in lex.given and k not in lex.common and lower.get(k, 0) < 2 and nkeys[j + 1] not in lex.common \
                    and " ".join(nkeys[: j + 1]) not in lex.places and " ".join(nkeys[j - 1 : j + 1]) not in lex.places:
                _name_parts(text, name[:j], initial, rules, lex, out, headline_cache, lower, depth + 1)
                name, nkeys = name[j:], nkeys[j:]
                break
    # A name ends before a stop phrase or a weekday ("Brian Nichols Saturday",
    # "Richard Nixon White House").
    for j in range(1, len(nkeys)):
        k = nkeys[j]
        if (
            (k in lex.stop and not (j == len(nkeys) - 1 and k in lex.surnames))  # "Theresa May" stays
            or (j + 1 < len(nkeys) and " ".join(nkeys[j : j + 2]) in lex.stop)
            or ("." in k and k in lex.affil)
        ):
            name, nkeys = name[:j], nkeys[:j]
            break
    if headline and len(name) > 1:
        # Title Case headline: the name ends at the first ordinary word.
        for j in range(1, len(nkeys)):
            k = nkeys[j]
            last_surname = j == len(nkeys) - 1 and k in lex.surnames
            if k in lex.common or (k in lex.stop and not last_surname) or lower.get(k, 0) >= 2:
                name, nkeys = name[:j], nkeys[:j]
                break
    # An organization word right after the name makes it an organization ("Betty
    # Ford Center", even when a headline cut the run before "Center").
    after_i = part.index(name[-1]) + 1
    if after_i < len(part) and _key(part[after_i][2]) in lex.org:
        return
    start, end = name[0][0], name[-1][1]
    # A lower-case compound after a hyphen is not part of the name ("Obama-era",
    # "Kerry-led") unless it belongs to a longer name ("Ban Ki-moon").
    last = name[-1][2]
    if "-" in last:
        segs = last.split("-")
        cut = len(segs)
        while cut > 1 and segs[cut - 1][:1].islower() and (len(name) == 1 or segs[cut - 1].lower() in lex.common):
            cut -= 1
        if cut < len(segs):
            kept = "-".join(segs[:cut])
            end = name[-1][0] + len(kept)
            name[-1] = (name[-1][0], end, kept)
            nkeys[-1] = _key(kept)
    # Possessive / trailing apostrophe are not part of the name.
    last = name[-1][2]
    pm = _POSSESSIVE_S.search(last)
    if pm:
        end -= len(last) - pm.start()
    while end > start and text[end - 1] in "'’":
        end -= 1
    # "Sam's Club", "Macy's Department Store": a possessive before an organization word.
    pos_m = _POSS_ORG.match(text, end, end + 40)
    if pos_m and _key(pos_m.group(1)) in lex.org:
        return
    # Title: in the sequence, else written before it (lower case or apposition).
    title = ""
    if title_start >= 0:
        bstart, bphrase = _title_before(text, title_start, lex, rules, extend=True)
        title = text[bstart if bphrase else title_start : name[0][0]].strip()
    else:
        bstart, title = _title_before(text, start, lex, rules)
    cues = []
    if not title and (len(nkeys) > 1 or not initial):
        title = _title_after(text, end, lex, rules)
    # Hyphen compounds of names standing alone ("a Donilon-Putin meeting").
    if len(name) == 1 and "-" in nkeys[0] and not title:
        parts = name[0][2].split("-")
        if all(p[:1].isupper() for p in parts) and _key(name[0][2]) not in lex.stop:
            pos = start
            for p in parts:
                pe = pos + len(p)
                pk = _key(p)
                if pe > end:
                    pe = end
                if pe > pos:
                    out.append(_Cand(pos, pe, [pk], cues=["hyphen"], sentence_initial=initial and pos == start))
                pos = pe + 1
            return
    title = " ".join(title.split())  # one plain space, whatever the page used
    words = [k for k in nkeys if k]
    if not words:
        return
    w0 = name[0][2]
    if len(name) == 1 and len(w0) <= 5 and w0.isupper() and not _headline_line(text, start, headline_cache):
        return  # an acronym in running text ("ISNA", "NYPD"), not a name
    c = _Cand(start, end, words, title=title, sentence_initial=initial)
    c.capital_title = title_start >= 0
    c.after_the = not title and _THE_BEFORE.search(text, max(0, start - 5), start) is not None
    if title:
        norm, aff, hon = parse_title(title, rules)
        c.title_normalized, c.affiliation, c.honorific = norm, aff, hon
        if not norm and not hon:
            c.title = title = ""
        else:
            cues.append("title" if norm else "honorific")
    after = text[end : end + 40]
    before = text[max(0, start - 30) : start]
    if len(words) == 1:
        c.place_like = bool(_LOCATIVE_BEFORE.search(before) or _SCORE_AFTER.match(after))
    if lex.speech_after.match(after):
        cues.append("said")
    elif before.rstrip(" \t").rpartition(" ")[2].lower() in lex.speech:
        cues.append("said")
    if _AGE_AFTER.match(after) or (len(nkeys) > 1 and _AGE_BEFORE.search(before)):
        cues.append("age")
    c.cues = cues
    out.append(c)


# ---------------------------------------------------------------------------
def _veto(c: _Cand, lex: _Lex) -> bool:
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
    elif c.words[-1] in lex.heads and c.words[0] not in lex.given:
        return True  # "Alaska Governor", "Defense Undersecretary": a title without a name
    return False


def _ordinary(w: str, lower: dict) -> bool:
    """A word the batch writes in lower case (twice or more) more often than it writes it
    capitalized inside a sentence: "will", "fire", "checks" but not "Brown", "Bush"."""
    n = lower.get(w, 0)
    return n >= 2 and n > lower.get(_CAP + w, 0)


_CAP = "\x00"  # key prefix for counts of capitalized, sentence-internal uses in `lower`


def _strong(c: _Cand, lex: _Lex, lower: dict) -> bool:
    """Evidence enough on its own (pass 1)."""
    words = c.words
    if "title" in c.cues or "honorific" in c.cues:
        if len(words) == 1 and words[0] in lex.places and words[0] not in lex.given:
            return False
        return len(words) > 1 or not _ordinary(words[0], lower)
    if len(words) < 2:
        if "age" in c.cues and not _ordinary(words[0], lower) and words[0] not in lex.places:
            return True
        return False
    if c.after_the:
        return False
    first, last = words[0], words[-1]
    if last in _SUFFIXES and len(words) == 2:
        return False
    if " ".join(words) in lex.places or last in lex.places or last in lex.common or (last in lex.stop and last not in lex.surnames):
        return False
    if _ordinary(last, lower):
        return False  # "Palmer Fire", "Rose Garden": the batch writes "fire" in lower case
    if first in lex.given and first not in lex.common and first not in lex.particles:
        c.cues.append("given_name")
        return True
    if (
        len(words) <= 3
        and last in lex.surnames
        and not any(w in lex.common or w in lex.places or w in lex.affil or w in lex.title_vocab or _ordinary(w, lower) for w in words)
    ):
        # An unknown, name-like first word before a common surname ("Keiwan Ratliff").
        c.cues.append("surname")
        return True
    if _is_initial(first) and first not in lex.affil:
        c.cues.append("initials")
        return True
    if ("said" in c.cues or "age" in c.cues) and not any(w in lex.common or w in lex.places or _ordinary(w, lower) for w in words):
        return True
    return False


def _surname(words: list) -> str:
    ws = [w for w in words if w not in _SUFFIXES]
    return ws[-1] if ws else ""


_CONF = {"title": 0.95, "honorific": 0.9, "given_name": 0.9, "initials": 0.85, "said": 0.75, "full_in_batch": 0.8,
         "surname_in_article": 0.85, "given_in_article": 0.7, "surname_in_batch": 0.65, "hyphen": 0.6, "age": 0.8, "surname": 0.75}


def _row(article_id: str, text: str, c: _Cand) -> dict:
    conf = max((_CONF.get(k, 0.5) for k in c.cues), default=0.5)
    if "said" in c.cues and conf < 0.99:
        conf = min(0.99, conf + 0.04)
    return {
        "article_id": article_id,
        "start": c.start,
        "end": c.end,
        "text": text[c.start : c.end],
        "title": c.title,
        "title_normalized": c.title_normalized,
        "affiliation": c.affiliation,
        "honorific": c.honorific,
        "cue": "|".join(dict.fromkeys(c.cues)),
        "confidence": round(conf, 2),
    }


def extract_article(article_id: str, text: str, rules: Rules) -> list[dict]:
    """Mentions of one article as dicts with MENTION_COLUMNS (no batch evidence)."""
    return _extract([(article_id, text)], rules)


def _extract(items: list[tuple[str, str]], rules: Rules, on_article: Callable[[], None] | None = None) -> list[dict]:
    lex = _lex(rules)
    # Words written in lower case anywhere in the batch, with counts: an ordinary
    # word ("rose", "bush") is a name only with better evidence than a capital letter.
    lower: Counter = Counter()
    for _, text in items:
        lower.update(_LOWER_WORD.findall(text or ""))
    all_cands = []
    for aid, text in items:
        text = text or ""
        cands = _candidates(aid, text, rules, lex, repeated_ranges(text), lower)
        for c in cands:
            if not c.sentence_initial or len(c.words) > 1:
                for w in c.words[1:] if c.sentence_initial else c.words:
                    lower[_CAP + w] += 1
        all_cands.append((aid, text, cands))
        if on_article is not None:  # progress: this pass is nearly all of the time
            on_article()
    per_article = []
    batch_full: set = set()
    batch_surnames: Counter = Counter()
    for aid, text, cands in all_cands:
        surnames, givens = set(), set()
        for c in cands:
            if _veto(c, lex):
                c.words = []
                continue
            if _strong(c, lex, lower):
                c.strong = True
                sn = _surname(c.words)
                surnames.add(sn)
                if len(c.words) > 1 or c.capital_title:
                    # Full names and capitalized titles ("President Obama") vouch for a
                    # surname elsewhere in the batch; "the host Jaguars" is too weak.
                    batch_surnames[sn] += 1
                if len(c.words) > 1:
                    if not _is_initial(c.words[0]):
                        givens.add(c.words[0])
                    batch_full.add(" ".join(c.words))
        per_article.append((aid, text, cands, surnames, givens))
    rows = []
    for aid, text, cands, surnames, givens in per_article:
        for c in cands:
            if not c.words:
                continue
            if not c.strong and not _weak_accept(c, lex, surnames, givens, batch_full, batch_surnames, lower):
                continue
            rows.append(_row(aid, text, c))
    return rows


def _weak_accept(c: _Cand, lex: _Lex, surnames: set, givens: set, batch_full: set, batch_surnames: Counter, lower: dict) -> bool:
    """Pass 2: names supported by what the article and the batch say elsewhere."""
    words = c.words
    if len(words) > 1:
        if c.after_the:
            return False
        if " ".join(words) in batch_full:
            c.cues.append("full_in_batch")
            return True
        if words[-1] in surnames and not any(w in lex.common for w in words):
            c.cues.append("surname_in_article")
            return True
        return False
    w = words[0]
    if w in surnames:
        c.cues.append("surname_in_article")
        return True
    if w in lex.places or w in lex.stop or c.place_like:
        return False
    if w in givens and not _ordinary(w, lower):
        c.cues.append("given_in_article")
        return True
    # Seen as a surname elsewhere in the batch more often than as a lower-case word.
    if batch_surnames.get(w, 0) > lower.get(w, 0) and not _ordinary(w, lower):
        c.cues.append("surname_in_batch")
        return True
    return False


def extract_mentions(articles: pd.DataFrame, rules: Rules, *, on_article: Callable[[], None] | None = None) -> pd.DataFrame:
    """Mentions of all articles, sorted by (article_id, start).

    Names seen in full anywhere in the batch support surname-only mentions in other
    articles, so the result for one article can depend on the batch it is run with.
    `articles` needs the columns article_id and text (MissingColumnsError names the
    missing ones); `on_article` is called once per article read (for progress).
    """
    require_columns(articles, ("article_id", "text"), "articles", hint="give a frame like read_articles returns")
    items = list(zip(articles["article_id"], articles["text"])) if len(articles) else []
    rows = _extract(items, rules, on_article)
    df = pd.DataFrame.from_records(rows, columns=MENTION_COLUMNS)
    if len(df):
        df["start"] = df["start"].astype(int)
        df["end"] = df["end"].astype(int)
        df["confidence"] = df["confidence"].astype(float)
    return df.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
