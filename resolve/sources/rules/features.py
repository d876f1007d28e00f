"""The person model's features: what a candidate looks like and what surrounds it.

Every feature is a string, `group=value` or a bare flag; the model (`model`) holds one
weight per string, so a feature is inspectable by name (`PersonModel.explain` lists
the contributions).  Two kinds:

- `local_features(c, scan, lists)`: the candidate alone — its words against the word
  lists (rule files and shipped lists), their shape and letters (`namelike`), its cues
  (title, speech verb, age), the rule extractor's own verdict, and the words and
  punctuation right around it;
- `context_features(...)`: what the *first-stage* model thinks of related candidates
  of the article and batch — the same string elsewhere, a full name whose surname or
  given name this lone word is, a coordinated name ("X and Y") — so one confident
  reading lends support in proportion to its confidence (a surname seen once in a
  doubtful reading lends little).

Features never hold a particular name: the words of a candidate appear only through
lists, shapes and letter n-grams; the words *around* it (lower case: "said", "near",
"against") are kept as themselves.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .candidates import Candidate
from .decision import ordinary
from .lexicon import Lexicon
from .namelike import NameLikeness
from .scan import Scan
from .wordlists import shipped

_TOK = re.compile(r"\w+(?:['’.-]\w+)*\.?|[^\w\s]")


@dataclass(frozen=True)
class WordLists:
    """Word lists the features read: the rule files' and the shipped ones."""

    given: frozenset[str]
    surnames: frozenset[str]
    english: frozenset[str]

    @staticmethod
    def of(lex: Lexicon) -> "WordLists":
        """The lists for one rules lexicon (cached: the unions cost ~10 ms)."""
        hit = _LISTS.get(id(lex))
        if hit is not None and hit[0] is lex:
            return hit[1]
        given, surnames, english = shipped()
        lists = WordLists(given | lex.given, surnames | lex.surnames, english - lex.given - lex.surnames)
        if len(_LISTS) > 8:
            _LISTS.clear()
        _LISTS[id(lex)] = (lex, lists)
        return lists


_LISTS: dict[int, tuple[Lexicon, WordLists]] = {}


@lru_cache(maxsize=100_000)
def shape(tok: str) -> str:
    """Letters as X/x, digits as d, repeats collapsed: "McDonald" -> "XxXx", "U.S." -> "X.X."."""
    out = []
    for ch in tok:
        c = "d" if ch.isdigit() else ("X" if ch.isupper() else "x") if ch.isalpha() else ch
        if not (out and c in "Xx" and out[-1] == c and len(out) > 1 and out[-2] == c):
            out.append(c)
    return "".join(out)


def _bin(p: float) -> str:
    return "9" if p > 0.9 else "7" if p > 0.7 else "5" if p > 0.5 else "3" if p > 0.3 else "1" if p > 0.1 else "0"


def _word_features(w: str, pos: str, lex: Lexicon, lists: WordLists, namelike: NameLikeness) -> list[str]:
    """Features of one folded name word at a position ("0" first, "L" last)."""
    f = [f"suf3{pos}={w[-3:]}", f"suf2{pos}={w[-2:]}", f"pre2{pos}={w[:2]}", f"nl{pos}={_bin(namelike(w))}"]
    if w in lex.given:
        f.append(f"given{pos}")
    if w in lex.surnames:
        f.append(f"surname{pos}")
    if w in lists.given:
        f.append(f"biggiven{pos}")
    if w in lists.surnames:
        f.append(f"bigsur{pos}")
    if w in lists.english:
        f.append(f"eng{pos}")
    for name, words in (("place", lex.places), ("common", lex.common), ("title", lex.title_vocab), ("org", lex.org),
                        ("affil", lex.affil), ("stop", lex.stop), ("particle", lex.particles)):
        if w in words:
            f.append(f"{name}{pos}")
    return f


def _token_class(t: str, lex: Lexicon) -> str:
    """A coarse class of a neighbouring token, for the conjunction features."""
    low = t.lower()
    if low in lex.speech:
        return "speech"
    if t[:1].isupper():
        return "cap"
    if t.isalpha():
        return "s" if low.endswith("s") and not low.endswith("ss") else "ed" if low.endswith("ed") else "lower"
    return t[:1]


def _neighbour(name: str, t: str, lex: Lexicon, f: list[str]) -> None:
    if t[:1].isupper():
        f.append(f"{name}_shape={shape(t)}")
        k = t.lower().rstrip(".")
        if k in lex.title_vocab:
            f.append(f"{name}_title")
        if k in lex.org:
            f.append(f"{name}_org")
        if k in lex.places:
            f.append(f"{name}_place")
    else:
        f.append(f"{name}={t.lower()}")


def local_features(c: Candidate, scan: Scan, lists: WordLists, namelike: NameLikeness, *, vetoed: bool, rule: str) -> list[str]:
    """Features of candidate `c` on its own (no other candidate's reading).

    `vetoed`: the rule files veto it (it is rejected whatever the model says, but the
    first stage still sees the feature); `rule`: the rule decision's verdict ("alone",
    "context" or "no").
    """
    lex, text, lower = scan.lex, scan.text, scan.lower
    words = c.words
    n = len(words)
    toks = text[c.start : c.end].split()
    first, last = toks[0], toks[-1]
    w0, wl = words[0], words[-1]
    f = ["bias", f"n={min(n, 4)}", f"shape0={shape(first)}", f"shapeL={shape(last)}", f"shape0L={shape(first)}|{shape(last)}", f"rule={rule}"]
    f += _word_features(w0, "0", lex, lists, namelike)
    if n > 1:
        f += _word_features(wl, "L", lex, lists, namelike)
    for pos, w in (("0", w0), ("L", wl)):
        lo = lower.get(w, 0)
        f.append(f"low{pos}={'0' if lo == 0 else '1' if lo < 3 else 'many'}")
        if ordinary(w, lower):
            f.append(f"ordinary{pos}")
    if n > 2:
        mid = words[1:-1]
        if all(m in lists.given or m in lists.surnames or len(m) <= 2 for m in mid):
            f.append("mid_names")
        if any(m in lists.english and m not in lex.particles for m in mid):
            f.append("mid_eng")
    if n > 1:
        g0, sl = w0 in lists.given, wl in lists.surnames
        f.append(f"given_surname={int(g0)}{int(sl)}|{min(n, 3)}")
        f.append(f"nl0L={_bin(min(namelike(w0), namelike(wl)))}")
    if " ".join(words) in lex.places:
        f.append("phrase_place")
    if any(w in lex.places for w in words):
        f.append("any_place")
    if any(w in lex.org for w in words):
        f.append("any_org")
    if any(w in lex.common for w in words):
        f.append("any_common")
    f += [f"cue={cue}" for cue in c.cues]
    if c.title:
        f.append("has_title")
    if c.capital_title:
        f.append("capital_title")
    if c.after_the:
        f.append("after_the")
    if c.place_like:
        f.append("place_like")
    if vetoed:
        f.append("vetoed")
    if scan.headline(c.start):
        f.append("headline")
    initial = "I" if c.sentence_initial else "M"
    f.append(f"initial={initial}|{min(n, 2)}")
    before = _TOK.findall(text, max(0, c.start - 40), c.start)
    after = _TOK.findall(text, c.end, c.end + 40)
    p1 = before[-1] if before else "<s>"
    p2 = before[-2] if len(before) > 1 else "<s>"
    n1 = after[0] if after else "</s>"
    n2 = after[1] if len(after) > 1 else "</s>"
    for name, t in (("p1", p1), ("p2", p2), ("n1", n1), ("n2", n2)):
        _neighbour(name, t, lex, f)
    c1, cn = _token_class(p1, lex) if before else "start", _token_class(n1, lex) if after else "end"
    f.append(f"p1n1={c1}|{cn}")
    f.append(f"ctx={initial}|{c1}|{cn}|{min(n, 3)}")
    f.append(f"ini_n1={initial}|{cn}")
    nl = _bin(namelike(wl))
    f.append(f"nlL_n={nl}|{min(n, 3)}")
    f.append(f"nlL_ini={nl}|{initial}|{cn}")
    f.append(f"nlL_p1={nl}|{c1}")
    if text.startswith(("'s", "’s"), c.end):
        f.append("possessive")
    return f


def context_features(
    cands: Sequence[Candidate], text: str, p1: Sequence[float | None], article: int,
    batch_surnames: Mapping[str, float], batch_full: Mapping[str, Sequence[tuple[float, int]]],
) -> list[list[str]]:
    """Stage-2 features of one article's candidates, from the stage-1 probabilities `p1`
    of the article's candidates (None: vetoed) and of the batch's (`batch_support`;
    `article`: this article's number there, so the same name in *other* articles counts)."""
    sur: dict[str, float] = defaultdict(float)
    given: dict[str, float] = defaultdict(float)
    same: dict[str, list[tuple[int, float]]] = defaultdict(list)
    live = []
    for i, (c, p) in enumerate(zip(cands, p1)):
        if p is None:
            continue
        live.append(i)
        if len(c.words) > 1:
            sur[c.words[-1]] = max(sur[c.words[-1]], p)
            given[c.words[0]] = max(given[c.words[0]], p)
        same[" ".join(c.words)].append((i, p))
    coord = _coordinated(cands, text, p1, live)
    out = []
    for i, c in enumerate(cands):
        key = " ".join(c.words)
        others = [p for j, p in same[key] if j != i]
        f = [f"same_art={_bin(max(others)) if others else 'none'}", f"coord={_bin(coord[i]) if i in coord else 'none'}"]
        full = max((p for p, k in batch_full.get(key, ()) if k != article), default=None)
        f.append(f"full_batch={_bin(full) if full is not None else 'none'}")
        if len(c.words) == 1:
            w = c.words[0]
            f.append(f"sur_art={_bin(sur[w]) if w in sur else 'none'}")
            f.append(f"giv_art={_bin(given[w]) if w in given else 'none'}")
            f.append(f"sur_batch={_bin(batch_surnames[w]) if w in batch_surnames else 'none'}")
        else:
            f.append(f"lastsur_art={_bin(sur[c.words[-1]]) if c.words[-1] in sur else 'none'}")
        out.append(f)
    return out


#: What may stand between two coordinated names: "A and B", "A, B", "A & B", "A v. B".
_COORD = frozenset({"", "and", "or", "&", "versus", "v.", "vs.", "vs", "nor"})


def _coordinated(cands: Sequence[Candidate], text: str, p1: Sequence[float | None], live: list[int]) -> dict[int, float]:
    """Best stage-1 probability of a name coordinated with each candidate."""
    spans = sorted((cands[i].start, cands[i].end, i) for i in live)
    best: dict[int, float] = {}
    for k in range(len(spans) - 1):
        (_, a_end, a), (b_start, _, b) = spans[k], spans[k + 1]
        gap = text[a_end:b_start]
        if len(gap) <= 7 and "\n" not in gap and gap.strip(" ,") in _COORD:
            pa, pb = p1[a], p1[b]
            best[a] = max(best.get(a, 0.0), pb)
            best[b] = max(best.get(b, 0.0), pa)
    return best


def batch_support(per_article: Sequence[tuple[Sequence[Candidate], Sequence[float | None]]]) -> tuple[dict[str, float], dict[str, list[tuple[float, int]]]]:
    """Across the batch: the best stage-1 probability of a full name per surname, and,
    per exact name, the two best (probability, article number) of its occurrences (so
    that an occurrence can be left out of its own support)."""
    surnames: dict[str, float] = {}
    full: dict[str, list[tuple[float, int]]] = {}
    for k, (cands, p1) in enumerate(per_article):
        for c, p in zip(cands, p1):
            if p is None:
                continue
            key = " ".join(c.words)
            best = full.setdefault(key, [])
            best.append((p, k))
            if len(best) > 2:
                best.sort(reverse=True)
                del best[2:]
            if len(c.words) > 1:
                surnames[c.words[-1]] = max(surnames.get(c.words[-1], 0.0), p)
    return surnames, full

