"""Rule lookups for the rules extractor, precomputed once per Rules object.

`lexicon(rules)` turns the rule files' vocabulary into frozensets and compiled
patterns (the capitalized-sequence regex among them); the word-shape helpers here
(`key`, `is_initial`) are the grammar every other module of the extractor shares.
A Rules object is treated as read-only once a lexicon was built from it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from ...rules import Rules
from ...text import fold

# Character classes (Latin, Greek, Cyrillic upper case; any letter).
_UPPER = "".join(c for c in map(chr, range(0x0530)) if c.isalpha() and c.isupper())
_U = f"[{_UPPER}]"
_L = r"[^\W\d_]"
_APOS = "['’]"
_SPACE = r"[ \t\u00a0]+"

# Grammar (not vocabulary): connectors that may sit inside a title ("Secretary of
# State"), generational suffixes, and the shape of an initial.
TITLE_CONNECTORS = ("of", "for")
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
POSSESSIVE_S = re.compile(r"['’][sS]$")
_INITIAL = re.compile(rf"^(?:{_U}\.)+$|^{_U}\.-{_U}\.$")
_INITIAL_KEY = re.compile(r"^(?:[a-z]\.)+$|^[a-z]\.-[a-z]\.$")

#: A token: (start, end, word as written), offsets into the article text.
Token = tuple[int, int, str]


@lru_cache(maxsize=200_000)
def key(word: str) -> str:
    """Folded form of a name word used in the lookups ("Donilon's" -> "donilon")."""
    return POSSESSIVE_S.sub("", fold(word))


def english_plural(w: str, english: Collection[str]) -> bool:
    """A folded word that is the plural of an English word ("brothers", "nuggets", "companies")."""
    return len(w) > 3 and w.endswith("s") and not w.endswith("ss") and (
        w[:-1] in english or (w.endswith("ies") and w[:-3] + "y" in english) or (w.endswith("es") and w[:-2] in english))


def is_initial(tok: str) -> bool:
    """An initial as written ("W.", "A.J.") or folded ("w.")."""
    return bool(_INITIAL.match(tok) or _INITIAL_KEY.match(tok))


@dataclass
class Lexicon:
    """Rule lookups precomputed once per Rules object."""

    seq: re.Pattern  # a capitalized sequence: "Russian Deputy Foreign Minister Sergei Ryabkov"
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


_CACHE: dict[int, tuple[Rules, Lexicon]] = {}


def _rule_set(rules: Rules, name: str) -> set:
    return getattr(rules, name, None) or set()


def lexicon(rules: Rules) -> Lexicon:
    """The (cached) Lexicon of `rules`."""
    hit = _CACHE.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    lex = _build(rules)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[id(rules)] = (rules, lex)
    return lex


def _sequence_pattern(particles: frozenset) -> re.Pattern:
    # Particles written joined to the name with a hyphen ("al-Assad") vs. as words.
    joined = sorted((p[:-1] for p in particles if p.endswith("-")), key=len, reverse=True)
    loose = sorted((p for p in particles if not p.endswith("-")), key=len, reverse=True)
    prefix = f"(?:(?:{'|'.join(map(re.escape, joined))})-)?" if joined else ""
    word = rf"(?:{_U}\.(?:-?{_U}\.)*|{prefix}{_U}{_L}*(?:{_APOS}{_U}{_L}+)?(?:-(?:{_U}{_L}*|[a-z]+))*\.?)"
    inner = [re.escape(p) for p in loose] + list(TITLE_CONNECTORS)
    # A quoted nickname may sit inside a name: Vincent "The Chin" Gigante.
    nick = rf"[\"“'‘(](?:[Tt]he[ ])?{_U}[^\"”'’()\n]{{0,24}}[\"”'’)]{_SPACE}"
    glue = rf"{_SPACE}(?:{nick})?(?:(?:{'|'.join(inner)}){_SPACE})*"
    return re.compile(rf"(?<![\w-]){word}(?:{glue}{word})*(?![\w-])")


def _build(rules: Rules) -> Lexicon:
    particles = frozenset(_rule_set(rules, "name_particles"))
    heads, vocab, abbrevs = set(), set(), set()
    for phrase, t in rules.titles.items():
        words = phrase.split()
        # A title of several words is also written hyphenated ("vice-president",
        # "Under-Secretary"): resolve.titles splits such a word when it segments it.
        joined = "-".join(words) if len(words) > 1 else ""
        if t.kind in ("role", "honorific"):
            heads.update(w for w in (words[-1], joined) if w)
        vocab.update(words)
        if joined:
            vocab.add(joined)
        abbrevs.update(w for w in words if w.endswith("."))
    for phrase in rules.affiliations:
        words = phrase.split()
        vocab.update(words)
        abbrevs.update(w for w in words if w.endswith("."))
    abbrevs.update(s for s in SUFFIXES if s.endswith("."))
    org = frozenset(_rule_set(rules, "org_cues"))
    abbrevs.update(w for w in org if w.endswith("."))
    speech = frozenset(_rule_set(rules, "speech_verbs"))
    verbs = "|".join(sorted(map(re.escape, speech), key=len, reverse=True)) or "(?!x)x"
    return Lexicon(
        seq=_sequence_pattern(particles),
        given=frozenset(rules.given_names),
        titles_keys=frozenset(rules.titles),
        heads=frozenset(heads),
        title_vocab=frozenset(vocab | set(TITLE_CONNECTORS)),
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
