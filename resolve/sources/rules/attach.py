"""Title attachment: the title phrase that belongs to a name, wherever it is written.

Three places, tried in this order (`attach_title`):

- in the capitalized run, cut off by `cutting.cut_title_prefix` ("Russian Deputy
  Foreign Minister Sergei Ryabkov"), extended by title words written before the run
  ("NATO supreme allied commander for Europe Adm. James Stavridis");
- right before the name, in lower case or in apposition ("U.S. national security
  adviser Susan Rice", "his Russian counterpart, Sergei Lavrov");
- after the name, in apposition after a comma, dash or parenthesis ("Chuck Hagel, the
  defense secretary,", "Tom Reed (Acme's attorney)", "Ann Berg, spokeswoman for the
  Interior Ministry,").

What counts as a title is the rules' vocabulary (resolve.titles segments and parses
it); this module only finds where a title phrase starts and ends.  Both extractors
(rules and spaCy) attach titles with it.
"""

from __future__ import annotations

import re

from ...text import fold
from ...titles import DETERMINERS, segment
from .cutting import Run
from .lexicon import POSSESSIVE_S, TITLE_CONNECTORS, Lexicon, key
from .scan import Scan
from ...rules import Rules

_CLOSING = ",;:)\"”"
# An apposition after the name: ", the defense secretary,", " - the CEO of Acme -", " (spokesman for X)".
_POST = re.compile(
    r"^(?:,[ \t]+|[ \t]+[-–—][ \t]+|[ \t]*\()((?:[\w.'’&-]+[ \t]+){0,9}?[\w.'’&-]+?)"
    r"(?=[ \t]*[,;:)–—]|[ \t]+-[ \t]|\.(?:[ \t]|$)|[ \t]+who\b|$)"
)


def attach_title(scan: Scan, run: Run) -> str:
    """The raw title of the name `run` holds ("" when none), with single spaces."""
    text, lex, rules = scan.text, scan.lex, scan.rules
    if run.title_start >= 0:
        bstart, bphrase = title_before(text, run.title_start, lex, rules, extend=True)
        start = bstart if bphrase else _place_before(text, run.title_start, lex)
        title = _without_ordinary_start(text[start : run.start].split(), scan)
    else:
        title = title_before(text, run.start, lex, rules)[1]
    if not title and (len(run.toks) > 1 or not run.initial):
        title = title_after(text, run.end, lex, rules)
    return " ".join(title.split())  # one plain space, whatever the page used


def title_before(text: str, pos: int, lex: Lexicon, rules: Rules, extend: bool = False) -> tuple[int, str]:
    """Start and text of a title phrase written right before `pos`, or (pos, "").

    With `extend`, `pos` is the start of a title already found inside a capitalized
    sequence, and any title words before it are added ("NATO supreme allied commander
    for" + "Europe Adm.").
    """
    if not _title_word_before(text, pos, lex):
        return pos, ""
    lo = max(0, pos - 160)
    # str.split() cuts at exactly the characters regex \s matches: the words as written.
    words = text[lo:pos].split()
    ending = _title_ending(words, lex, extend)
    if ending is None:
        return pos, ""
    tail, appositive = ending
    stop = _org_words_before(tail, _title_stop(tail, lex), lex)
    first = stop + 1
    # Leading connectors are not part of the title ("for Europe" without its role).
    while first < len(tail) and fold(tail[first]) in TITLE_CONNECTORS:
        first += 1
    if first >= len(tail):
        return pos, ""
    if appositive:
        # "his Russian counterpart, Sergei Lavrov", "the Pentagon's top official, ..."
        before = fold(tail[stop]) if stop >= 0 else ""
        if before not in DETERMINERS and not POSSESSIVE_S.search(tail[first]):
            return pos, ""
    if not extend:
        first += _own_title_start(" ".join(tail[first:]), rules)
        segs = segment(" ".join(tail[first:]), rules)
        if not segs or segs[-1].kind not in (("role",) if appositive else ("role", "honorific")):
            return pos, ""  # an honorific in apposition is a relation ("his father, Anthony")
    return _word_start(text, lo, pos, words, first), " ".join(tail[first:])


def _title_word_before(text: str, pos: int, lex: Lexicon) -> bool:
    """The cheap test first: is the word right before `pos` title vocabulary?"""
    e = pos
    while e > 0 and text[e - 1] in " \t\u00a0":
        e -= 1
    b = text.rfind(" ", max(0, e - 40), e) + 1
    prev = text[max(b, text.rfind("\n", b, e) + 1) : e]  # bounded: no scan to the text start
    return bool(prev) and key(prev.rstrip(",")) in lex.title_vocab


def _title_ending(words: list[str], lex: Lexicon, extend: bool) -> tuple[list[str], bool] | None:
    """(words, appositive) when the last word can end a title: a role head or honorific,
    also followed by a comma (apposition, the comma dropped); with `extend` any title word."""
    if not words:
        return None
    last = words[-1]
    if extend:
        return None if last[-1] in _CLOSING or key(last) not in lex.title_vocab else (words, False)
    if last.endswith(",") and key(last[:-1]) in lex.heads:
        return [*words[:-1], last[:-1]], True
    if key(last) not in lex.heads or last[-1] in _CLOSING:
        return None
    return words, False


def _title_stop(words: list[str], lex: Lexicon) -> int:
    """Index of the last word before the title that `words` end with (-1: all of them):
    walking back, the title stops at punctuation, a sentence end, a determiner or a word
    that is not title vocabulary."""
    i = len(words) - 1
    while i >= 0:
        w = words[i]
        if i < len(words) - 1 and (w[-1] in ",;:)\"”(" or w.endswith(".") and fold(w) not in lex.abbrevs):
            break
        k = key(w)
        if k not in lex.title_vocab or k in DETERMINERS:
            break
        i -= 1
    return i


def _place_before(text: str, pos: int, lex: Lexicon) -> int:
    """`pos` moved back over a place name of up to three words written right before it
    ("Los Angeles | County Sheriff's Deputy"): the body of the title that follows."""
    words = text[max(0, pos - 60) : pos].split()
    best = pos
    for n in range(1, min(3, len(words)) + 1):
        if key(" ".join(words[-n:])) in lex.places and words[-n][:1].isupper():
            best = text.rfind(words[-n], 0, best)
    return best


def _without_ordinary_start(words: list[str], scan: Scan) -> str:
    """An in-run title without leading words the batch writes in lower case ("Direct
    Major-General"): capitalized only by the sentence or a headline, not a body's name."""
    lex = scan.lex
    i = 0
    while i < len(words) - 1 and key(words[i]) not in lex.title_vocab and scan.lower.get(key(words[i]), 0) >= 2:
        i += 1
    return " ".join(words[i:])


def _org_words_before(words: list[str], stop: int, lex: Lexicon) -> int:
    """`stop` moved back over capitalized words naming the body of a lower-case title
    ("ING analyst", "Leeds United defender", "Los Angeles County deputy"): acronyms,
    places (of up to three words), organization words; never a person's name ("Putin staffer")."""
    while stop >= 0:
        w = words[stop]
        if w[-1] in _CLOSING or stop + 1 >= len(words) or not w[:1].isupper():
            break
        k = key(w)
        acronym = len(w) > 1 and w.replace(".", "").replace("&", "").isupper()
        if acronym or (k not in lex.given and (k in lex.org or k in lex.affil)):
            stop -= 1
            continue
        n = next((n for n in (3, 2, 1) if n <= stop + 1 and key(" ".join(words[stop - n + 1 : stop + 1])) in lex.places), 0)
        if not n or not words[stop - n + 1][:1].isupper():
            break
        stop -= n
    return stop


def _own_title_start(phrase: str, rules: Rules) -> int:
    """Words of `phrase` that name another person's post before the name's own: after the
    last connector between two roles ("spokesperson of EU foreign policy chief" -> "EU
    foreign policy chief"); 0 when the phrase is one title."""
    segs = segment(phrase, rules)
    roles = [i for i, s in enumerate(segs) if s.kind == "role"]
    for i in range(len(segs) - 1, 0, -1):
        if segs[i].kind == "connector" and roles and roles[0] < i < roles[-1]:
            return segs[i].last + 1
    return 0


def _word_start(text: str, lo: int, pos: int, words: list[str], first: int) -> int:
    """Offset of `words[first]`, `words` being text[lo:pos].split(): each word is the
    last occurrence of itself before the next word (only white space lies between)."""
    end = pos
    for w in reversed(words[first:]):
        end = text.rfind(w, lo, end)
    return end


def title_after(text: str, end: int, lex: Lexicon, rules: Rules) -> str:
    """A title in apposition after the name, without its determiner ("Chuck Hagel, the
    defense secretary," -> "defense secretary"; "Tom Reed (Acme's attorney)")."""
    if text[end : end + 1] not in ",-–—( \t":
        return ""
    m = _POST.match(text[end : end + 160])
    if not m:
        return ""
    words = m.group(1).split()
    if fold(words[0]) in DETERMINERS:
        words = words[1:]
    if not words or not (POSSESSIVE_S.search(words[0]) or key(words[0]) in lex.title_vocab):
        return ""
    phrase = " ".join(words)
    return phrase if _apposition_shape(segment(phrase, rules)) else ""


def _apposition_shape(segs: list) -> bool:
    """A title and nothing else: [body words] role [connector + organization]; unknown
    lower-case words only inside the organization ("the famous actor" is no title)."""
    roles = [i for i, s in enumerate(segs) if s.kind == "role"]
    if not roles:
        return False
    for i, s in enumerate(segs):
        if s.kind == "connector" and i > roles[0]:
            return True  # the rest names the body: "of a local charity", "for Acme Corp."
        if s.kind == "other" and (i > roles[0] or not (s.raw[:1].isupper() or s.possessive)):
            return False
    return segs[-1].kind == "role"
