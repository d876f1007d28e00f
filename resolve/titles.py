"""Title phrases: parse "Russian Deputy Foreign Minister" into its parts, compare titles.

A title phrase as written before or beside a name is segmented, longest match first,
into pieces the rule files know (rules/titles.csv, rules/affiliations.csv):

    Russian        -> affiliation "Russia"
    Deputy         -> modifier    "Deputy"
    Foreign Minister -> role      "Minister of Foreign Affairs"

and put back together as the normalized title "Deputy Minister of Foreign Affairs"
(modifiers that carry meaning are kept, empty ones such as "top" dropped; words the
rules do not know are kept as written, title-cased, so "Superior Court Judge" stays
readable).  All vocabulary comes from the rules; this module only knows grammar:
determiners and possessives are not part of a title.
"""

from __future__ import annotations

import re

from .rules import Rules, memo_per_rules
from .text import fold

# Grammar, not vocabulary: words that introduce a title but are not part of it.
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "then"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_MAX_PHRASE = 7  # longest title/affiliation phrase looked up, in words


def _clean_word(w: str) -> str:
    """Folded word without possessive or surrounding punctuation ("Department's" -> "department")."""
    w = fold(w).strip(",;:()\"“”")
    return _POSSESSIVE.sub("", w) if len(w) > 2 else w


def segment(phrase: str, rules: Rules) -> list[tuple[str, str, str]]:
    """Longest-match segmentation of a title phrase: [(kind, raw, normalized)].

    kind is one of: affiliation, role, modifier, honorific, other.
    """
    return list(_segment_cached(phrase, rules))


@memo_per_rules(100_000)
def _segment_cached(phrase: str, rules: Rules) -> tuple[tuple[str, str, str], ...]:
    raw = phrase.split()
    words = [_clean_word(w) for w in raw]
    # Drop leading determiners ("the State Department's ...").
    while words and words[0] in DETERMINERS:
        words, raw = words[1:], raw[1:]
    out: list[tuple[str, str, str]] = []
    i = 0
    n = len(words)
    while i < n:
        hit = None
        for j in range(min(n, i + _MAX_PHRASE), i, -1):
            key = " ".join(words[i:j])
            t = rules.titles.get(key)
            if t is not None:
                hit = (t.kind, j, t.normalized)
                break
            a = rules.affiliations.get(key)
            if a is not None:
                hit = ("affiliation", j, a)
                break
        if hit is None:
            w = words[i]
            if w and w not in DETERMINERS:
                r = _POSSESSIVE.sub("", raw[i].strip(",;:()"))
                out.append(("other", r, r if not r.islower() else r.capitalize()))
            i += 1
            continue
        kind, j, norm = hit
        out.append((kind, " ".join(raw[i:j]), norm))
        i = j
    return tuple(out)


def parse_title(phrase: str, rules: Rules) -> tuple[str, str, str]:
    """(normalized title, affiliation, honorific) of a title phrase as written.

    >>> parse_title("Russian Deputy Foreign Minister", rules)   # doctest: +SKIP
    ('Deputy Minister of Foreign Affairs', 'Russia', '')
    The normalized title is "" when the phrase names no role (only an honorific, only
    an affiliation).
    """
    segs = segment(phrase, rules)
    affiliation = next((n for k, _, n in segs if k == "affiliation"), "")
    honorific = ""
    for k, r, n in segs:
        if k == "honorific":
            honorific = n or r
    # Words before the first known piece that the rules do not know are usually a
    # place or body ("Fulton County District Attorney"); keep them, the title reads
    # as written.  Unknown words after the last role are dropped (not part of a title).
    last_role = max((i for i, s in enumerate(segs) if s[0] == "role"), default=-1)
    if last_role < 0:
        return "", affiliation, honorific
    parts = []
    for k, _, n in segs[: last_role + 1]:
        if k in ("affiliation", "honorific") or not n:
            continue
        parts.append(n)
    return " ".join(parts), affiliation, honorific


def titles_compatible(a: str, b: str) -> bool:
    """True when two normalized titles can name the same post.

    Equal titles, or one a refinement of the other: "Under Secretary of Defense for
    Policy" refines "Under Secretary of Defense", "Minister of Defense" refines
    "Minister".  An empty title says nothing, so it is compatible with any title.
    "Deputy Minister" and "Minister" are *not* compatible (different posts).
    """
    fa, fb = fold(a), fold(b)
    if not fa or not fb or fa == fb:
        return True
    short, long_ = (fa, fb) if len(fa) < len(fb) else (fb, fa)
    return long_.startswith(short + " ")
