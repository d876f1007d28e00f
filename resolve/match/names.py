"""Names: the parts of a personal name and their rule-based keys (the matcher's first step).

`parse_forms(texts, rules)` parses each *distinct* name form once (not each mention),
so the cost grows with the vocabulary of names; `parse_name` parses one form (cached
per rules object).  The engine keys its units on `ParsedName.name_norm` and compares
the other parts; nothing of this is written into the mention frame.

Parsing a name form ("Luis Gerardo (Jerry) Ortiz, Jr."):
- a nickname in quotes or parentheses is taken out and kept as `alt_given` ("jerry");
- generational and degree suffixes after the surname are dropped ("Jr", ", MD");
- leading words that are titles in the rules are dropped ("Secretary Hagel" -> "hagel",
  "Gov.Sarah Palin" -> "sarah palin"), so any extractor's spans work;
- surname particles glue to the surname ("Gaetano Lo Presti" -> surname "lo presti");
- the surname key removes spaces, apostrophes and hyphens ("O'Brien" = "OBrien") after
  transliteration rules; the phonetic key is the Metaphone code of that key (jellyfish).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
import numpy as np
import pandas as pd

from ..rules import Rules, Translit, memo_per_rules
from ..text import fold

# Name grammar: suffixes that follow a surname.  Surname particles come from the rules
# (name_particles.txt).
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v", "md", "phd", "esq", "m.d", "ph.d"}
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|\([^)]*\)|(?<![a-z])'[^']+'(?![a-z])")
_NOT_NAME = re.compile(r"[^a-z0-9.'\- ]")
_KEY_DROP = re.compile(r"[^a-z0-9]")

@dataclass(frozen=True)
class ParsedName:
    """The parts of one name form, folded, and their keys."""

    name_norm: str  # "luis gerardo ortiz"
    given: tuple[str, ...]  # folded given tokens without dots ("luis", "gerardo"); initials are 1 letter
    surname: str  # "ortiz" (may hold a particle: "lo presti")
    given_keys: tuple[str, ...]  # transliterated given tokens
    surname_key: str  # transliterated, spaces/apostrophes/hyphens removed
    alt_given: str  # nickname given in quotes/parentheses, transliterated ("jerry"), or ""
    kind: str  # "full" (a given name + surname), "initial" (only initials + surname), "single" (one word)

    @property
    def first_full_given(self) -> str:
        """Key of the first given token that is not an initial ("" when none)."""
        return next((g for g in self.given_keys if len(g) > 1), "")

    @property
    def phonetic(self) -> str:
        return surname_phonetic(self.surname_key)


@lru_cache(maxsize=200_000)
def surname_phonetic(key: str) -> str:
    """Metaphone code of a surname key (blocking key for misspellings: Rait/Raite)."""
    return jellyfish.metaphone(key) if key else ""


def transliterate_token(tok: str, rules: tuple[Translit, ...]) -> str:
    """Apply transliteration rules to one folded token (word rules, then suffix, then infix)."""
    # A word rule gives the final form, which then goes through the suffix and infix
    # rules like any token, so that "sergey" -> "sergei" and a literal "sergei" end equal.
    for t in rules:
        if t.scope == "word" and tok == t.src:
            tok = t.dst
            break
    for t in rules:
        if t.scope == "suffix" and tok.endswith(t.src) and len(tok) > len(t.src) + 2:
            tok = tok[: -len(t.src)] + t.dst
    for t in rules:
        if t.scope == "any":
            tok = tok.replace(t.src, t.dst)
    return tok


def _split(folded: str) -> tuple[list[str], str]:
    quoted = [q.strip("\"'()“” ") for q in _QUOTED.findall(folded)]
    rest = _QUOTED.sub(" ", folded)
    head, _, tail = rest.partition(",")  # "Comeaux, Jr" / "Benjamin, MD": keep what precedes a suffix
    if tail and all(t.strip(".") in _SUFFIXES for t in tail.split()):
        rest = head
    rest = re.sub(r"\.(?=[a-z])", ". ", rest.replace(",", " "))  # "gov.sarah" -> "gov. sarah"
    rest = re.sub(r"'s$", "", rest.strip())
    toks = [t for t in _NOT_NAME.sub(" ", rest).split() if t.strip(".'-")]
    while len(toks) > 1 and toks[-1].strip(".") in _SUFFIXES:
        toks.pop()
    alt = quoted[0] if len(quoted) == 1 and len(quoted[0].split()) == 1 else ""
    return toks, alt


@memo_per_rules(500_000)
def parse_name(name: str, rules: Rules) -> ParsedName:
    """Parse one name form (cached per rules object)."""
    tr = tuple(rules.transliterations)
    toks, alt = _split(fold(name).replace("’", "'"))
    # Leading title words ("secretary", "mr.", "gov.") are not part of the name.
    while len(toks) > 1 and (toks[0] in rules.titles or toks[0].rstrip(".") in rules.titles):
        toks = toks[1:]
    if not toks:
        return ParsedName("", (), "", (), "", "", "single")
    # Surname = last token plus any particles right before it (not the first token).
    particles = frozenset(p.rstrip("-") for p in rules.name_particles)
    i = len(toks) - 1
    while i > 1 and toks[i - 1].rstrip(".") in particles:
        i -= 1
    first = toks[0].rstrip(".")
    if i == 1 and len(toks) == 2 and first in particles and len(first) > 1 and first not in rules.given_names:
        i = 0  # "Lo Presti", "De Niro" on their own: a surname, not a given name ("Al Quintero" stays)
    surname_toks = toks[i:]
    given = tuple(t.strip(".'-") for t in toks[:i])
    given = tuple(g for g in given if g)
    surname = " ".join(surname_toks)
    # A hyphenated article-particle ("al-Assad", with "al-" in name_particles.txt) is
    # written or left out by different outlets: the key leaves it out.
    key_src = surname
    head, sep, rest = key_src.partition("-")
    if sep and rest and head + "-" in rules.name_particles:
        key_src = rest
    surname_key = _KEY_DROP.sub("", transliterate_token(_KEY_DROP.sub("", key_src), tr))
    given_keys = tuple(transliterate_token(g, tr) for g in given)
    if not given:
        kind = "single"
    elif all(len(g) == 1 for g in given):
        kind = "initial"
    else:
        kind = "full"
    alt_key = transliterate_token(_KEY_DROP.sub("", alt), tr) if alt else ""
    return ParsedName(" ".join(toks), given, surname, given_keys, surname_key, alt_key, kind)


def parse_forms(texts: pd.Series, rules: Rules) -> tuple[np.ndarray, list[ParsedName]]:
    """(form code of each text, parsed name of each distinct form): each form is parsed once."""
    codes, forms = pd.factorize(texts.astype(str))
    return codes, [parse_name(f, rules) for f in forms]
