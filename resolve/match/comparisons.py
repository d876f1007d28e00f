"""Comparisons: the declared comparisons and the comparison vector of two names with their contexts.

A comparison turns one aspect of a candidate pair into a *level* ("exact",
"nickname", "conflict", ...).  The comparisons and their levels are declared as
data in `COMPARISONS` (Splink style) with the Fellegi–Sunter m and u
probabilities that `score.py` turns into match weights; nothing else in the
engine knows the numbers.

Levels
- given:   exact | translit | nickname | middle | variant | initial | missing | conflict
- surname: exact | fuzzy | different
- title:   same | conflict | missing        (normalized titles, `titles_compatible`)
- affiliation: same | conflict | missing
- comention: shared | none | missing        (other people named in the same articles)
- date:    close | near | far | missing     (article dates: <= 31 days, <= 1 year, more)
- prominence: dominant | minor | missing    (only among several candidates for a short name:
  the candidate named in >= 3 times as many articles as every other one, when the
  context already agrees with it)

"conflict" on given names is a hard rule, not a weight: different given names
(after nickname and transliteration rules) never merge.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import AbstractSet, Iterable

import jellyfish
from rapidfuzz.distance import JaroWinkler

from ..rules import Rules, memo_per_rules
from ..titles import titles_compatible  # the title vocabulary's own notion of "the same post"
from .context import NO_CONTEXT, Context
from .names import ParsedName


@dataclass(frozen=True)
class Level:
    name: str
    m: float  # P(level | same person) among candidate pairs
    u: float  # P(level | different people) among candidate pairs


@dataclass(frozen=True)
class Comparison:
    name: str
    description: str
    levels: tuple[Level, ...]

    def level(self, name: str) -> Level:
        for lv in self.levels:
            if lv.name == name:
                return lv
        raise KeyError(f"{self.name}: no level {name!r}")


#: The declared comparisons (see docs/matching.md for where the numbers come from).
COMPARISONS: tuple[Comparison, ...] = (
    Comparison(
        "given",
        "first given names: equal, transliteration/nickname rules, a middle name used as call name, "
        "a spelling variant (same Metaphone code or Jaro-Winkler >= 0.92, not two distinct lexicon names), an initial",
        (
            Level("exact", 0.80, 0.05),
            Level("translit", 0.02, 0.002),
            Level("nickname", 0.08, 0.006),
            Level("middle", 0.03, 0.015),
            Level("variant", 0.02, 0.008),
            Level("initial", 0.03, 0.03),
            Level("missing", 0.5, 0.5),
            Level("conflict", 0.0, 0.9),
        ),
    ),
    Comparison(
        "surname",
        "surname keys (after transliteration): equal, fuzzy (Jaro-Winkler >= 0.9 or same Metaphone code), different",
        (Level("exact", 0.95, 0.5), Level("fuzzy", 0.045, 0.135), Level("different", 0.005, 0.365)),
    ),
    Comparison(
        "title",
        "normalized titles: some pair compatible (same post or one refines the other), all conflicting, unknown",
        (Level("same", 0.3, 0.05), Level("conflict", 0.1, 0.4), Level("missing", 0.6, 0.55)),
    ),
    Comparison(
        "affiliation",
        "stated countries/organizations: shared, disjoint, unknown",
        (Level("same", 0.25, 0.1), Level("conflict", 0.03, 0.2), Level("missing", 0.72, 0.7)),
    ),
    Comparison(
        "comention",
        "other people named in the same articles (surname keys): some shared, none shared, unknown",
        (Level("shared", 0.5, 0.05), Level("none", 0.3, 0.6), Level("missing", 0.2, 0.2)),
    ),
    Comparison(
        "date",
        "article dates: within 31 days, within a year, further apart, unknown",
        (Level("close", 0.5, 0.1), Level("near", 0.2, 0.2), Level("far", 0.1, 0.5), Level("missing", 0.2, 0.2)),
    ),
    Comparison(
        "prominence",
        "for a surname-only mention with several candidates: the candidate named in >= 3x as many articles "
        "as any other (and agreeing in context) is the one a reader would assume",
        (Level("dominant", 0.6, 0.2), Level("minor", 0.4, 0.8), Level("missing", 1.0, 1.0)),
    ),
)
COMPARISON_BY_NAME = {c.name: c for c in COMPARISONS}


@dataclass(frozen=True, slots=True)
class NameSide:
    """One side of a comparison: a parsed name and the context it was seen in."""

    name: ParsedName
    context: Context = NO_CONTEXT


@dataclass
class ComparisonVector:
    levels: dict[str, str] = field(default_factory=dict)

    def features(self) -> str:
        """'given=nickname;surname=exact;...' in declared order (for links.csv / explain)."""
        return ";".join(f"{c.name}={self.levels[c.name]}" for c in COMPARISONS if c.name in self.levels)


# ---------------------------------------------------------------- given names


def _is_initial(tok: str) -> bool:
    return len(tok) == 1


def _same_given(a: str, ka: str, b: str, kb: str, rules: Rules) -> str:
    """Level for two single given tokens (raw folded a/b, keys ka/kb); '' when unrelated."""
    if a == b:
        return "exact"
    if ka == kb:
        return "translit"
    if rules.given_equivalent(a, b) or rules.given_equivalent(ka, kb):
        return "nickname"
    return ""


def _variant(a: str, b: str, rules: Rules) -> bool:
    """A misspelling of one given name ("Heidar"/"Heydar"), not two distinct names ("Mario"/"Maria")."""
    if len(a) < 3 or len(b) < 3 or a[0] != b[0]:
        return False
    if a in rules.given_names and b in rules.given_names:
        return False  # both attested given names: different names, not a typo
    return jellyfish.metaphone(a) == jellyfish.metaphone(b) or JaroWinkler.normalized_similarity(a, b) >= 0.92


def _initials_agree(ga: tuple[str, ...], gb: tuple[str, ...]) -> bool:
    """Every initial agrees with the given name in the same place on the other side:
    "A. J." fits "Anna June" and "Anna", not "Anna Nicole" (J / Nicole)."""
    return all(x[0] == y[0] for x, y in zip(ga, gb) if _is_initial(x) or _is_initial(y))


@memo_per_rules(500_000)
def given_relation(
    ga: tuple[str, ...], ka: tuple[str, ...], alt_a: str, gb: tuple[str, ...], kb: tuple[str, ...], alt_b: str, rules: Rules
) -> str:
    """The `given` level between two given-name token lists (see module doc)."""
    if not ga or not gb:
        return "missing"
    a0, b0 = ga[0], gb[0]
    if not _is_initial(a0) and not _is_initial(b0):
        lv = _same_given(a0, ka[0], b0, kb[0], rules)
        if lv:
            return lv if _initials_agree(ga, gb) else "conflict"  # John A. Smith / John B. Smith
        # A nickname written in quotes/parentheses: Luis Gerardo (Jerry) Ortiz = Jerry Ortiz.
        if alt_a and _same_given(alt_a, alt_a, b0, kb[0], rules):
            return "nickname"
        if alt_b and _same_given(alt_b, alt_b, a0, ka[0], rules):
            return "nickname"
        # A middle name used as the call name: Sharron Diane Smith = Diane Smith.
        if any(len(x) > 1 and _same_given(x, kx, b0, kb[0], rules) for x, kx in zip(ga[1:], ka[1:])):
            return "middle"
        if any(len(x) > 1 and _same_given(x, kx, a0, ka[0], rules) for x, kx in zip(gb[1:], kb[1:])):
            return "middle"
        if _variant(ka[0], kb[0], rules):
            return "variant"
        return "conflict"
    # At least one side starts with an initial.
    if _is_initial(a0) and _is_initial(b0):
        return "initial" if a0 == b0 and _initials_agree(ga, gb) else "conflict"
    init, full, kfull, rest = (a0, b0, kb, ga[1:]) if _is_initial(a0) else (b0, a0, ka, gb[1:])
    if init == full[0]:
        return "initial" if _initials_agree(ga, gb) else "conflict"
    # "W. Mark Felt" vs "Mark Felt": the first full given name after the initials.
    nxt = next((x for x in rest if len(x) > 1), "")
    if nxt and _same_given(nxt, nxt, full, kfull[0], rules):
        return "middle"
    return "conflict"


# ---------------------------------------------------------------- other comparisons


def surname_level(a: str, b: str) -> str:
    """exact | fuzzy | different between two surname keys."""
    if a == b:
        return "exact"
    if not a or not b:
        return "different"
    # Jaro-Winkler alone, or a slightly lower one backed by the same Metaphone code
    # ("Rait"/"Raite", "Klitschko"/"Klistchko"); a shared code alone is too loose for
    # short names ("Gray"/"Gore").
    jw = JaroWinkler.normalized_similarity(a, b)
    if jw >= 0.92 or (jw >= 0.85 and jellyfish.metaphone(a) == jellyfish.metaphone(b)):
        return "fuzzy"
    return "different"


def title_level(a: Iterable[str], b: Iterable[str]) -> str:
    a, b = [t for t in a if t], [t for t in b if t]
    if not a or not b:
        return "missing"
    return "same" if any(titles_compatible(x, y) for x in a for y in b) else "conflict"


def set_level(a: frozenset[str], b: frozenset[str], agree: str, disagree: str) -> str:
    if not a or not b:
        return "missing"
    return agree if a & b else disagree


def day_level(da: tuple[int, ...], db: tuple[int, ...]) -> str:
    """`date` level from two sorted tuples of day numbers: the smallest gap decides."""
    if not da or not db:
        return "missing"
    if len(da) > len(db):
        da, db = db, da
    gap = None
    for d in da:  # each day of the smaller set against its neighbours in the larger one
        i = bisect_left(db, d)
        for j in (i - 1, i):
            if 0 <= j < len(db):
                g = abs(db[j] - d)
                gap = g if gap is None or g < gap else gap
    return "close" if gap <= 31 else "near" if gap <= 365 else "far"


def comention_level(a: frozenset[str], b: frozenset[str], own: AbstractSet[str]) -> str:
    """Other people named in both contexts (the sides' `own` surname keys left out), without copying big sets."""
    na = len(a) - sum(1 for k in own if k in a)
    nb = len(b) - sum(1 for k in own if k in b)
    if na <= 0 or nb <= 0:
        return "missing"
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return "shared" if any(k in big and k not in own for k in small) else "none"


def context_levels(a: Context, b: Context, own: AbstractSet[str] = frozenset()) -> dict[str, str]:
    """The title, affiliation, comention and date levels of two contexts; `own`: the sides' surname keys."""
    return {
        "title": title_level(a.titles, b.titles),
        "affiliation": set_level(a.affiliations, b.affiliations, "same", "conflict"),
        "comention": comention_level(a.comentions, b.comentions, own),
        "date": day_level(a.days, b.days),
    }


#: Given-name levels that, with the same surname, make a full-name match.
FULL_NAME_GIVEN = frozenset({"exact", "translit", "nickname"})


def positive_evidence(vec: ComparisonVector) -> bool:
    """Evidence for, not merely no evidence against: a shared title, affiliation or
    co-mentioned person, or a full-name match (what a merge of two known entities needs)."""
    lv = vec.levels
    return (
        lv.get("title") == "same"
        or lv.get("affiliation") == "same"
        or lv.get("comention") == "shared"
        or (lv.get("given") in FULL_NAME_GIVEN and lv.get("surname") == "exact")
    )


def compare(a: NameSide, b: NameSide, rules: Rules) -> ComparisonVector:
    """The full comparison vector of two name forms with their contexts."""
    na, nb = a.name, b.name
    levels = {
        "given": given_relation(na.given, na.given_keys, na.alt_given, nb.given, nb.given_keys, nb.alt_given, rules),
        "surname": surname_level(na.surname_key, nb.surname_key),
    }
    levels.update(context_levels(a.context, b.context, {na.surname_key, nb.surname_key}))
    return ComparisonVector(levels)
