"""The matcher's decisions (rows of links.csv) said in words, for the report and the review.

links.csv records each decision as codes: a stage, comparison levels such as
`given=nickname;surname=exact`, a probability and the rule that decided.  People
reviewing a registry read "given names are a nickname and its full form (+3.7 bits)";
these functions turn one into the other.  Unknown stages or levels (a newer matcher)
are shown as they are written rather than dropped.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..match.score import THRESHOLD, level_weight

#: What each comparison level means, as a clause (docs/matching.md, compare.COMPARISONS).
LEVEL_WORDS: dict[tuple[str, str], str] = {
    ("given", "exact"): "same given name",
    ("given", "translit"): "given names are transliterations of each other",
    ("given", "nickname"): "given names are a nickname and its full form",
    ("given", "middle"): "a middle name used as the call name",
    ("given", "variant"): "given names spelled alike (a possible misspelling)",
    ("given", "initial"): "an initial against a given name",
    ("given", "missing"): "no given name on one side",
    ("given", "conflict"): "different given names",
    ("surname", "exact"): "same surname",
    ("surname", "fuzzy"): "similar surnames",
    ("surname", "different"): "different surnames",
    ("title", "same"): "compatible titles",
    ("title", "conflict"): "conflicting titles",
    ("title", "missing"): "no title to compare",
    ("affiliation", "same"): "same affiliation",
    ("affiliation", "conflict"): "conflicting affiliations",
    ("affiliation", "missing"): "no affiliation to compare",
    ("comention", "shared"): "another person named in both contexts",
    ("comention", "none"): "no co-mentioned person in common",
    ("comention", "missing"): "no co-mentioned people to compare",
    ("date", "close"): "dates within a month",
    ("date", "near"): "dates within a year",
    ("date", "far"): "dates more than a year apart",
    ("date", "missing"): "a date unknown",
    ("prominence", "dominant"): "the candidate is named far more often than the others",
    ("prominence", "minor"): "the candidate is named less often than another",
}

#: Where in the matching a decision was taken (cluster.py stages).
STAGE_WORDS = {
    "judgement": "by a judgement",
    "article": "within one article",
    "same_name": "same full name across articles",
    "name": "comparing two full names across articles",
    "short_name": "a short name (surname or initials) across articles",
    "given_name": "a lone given name across articles",
}


@lru_cache(maxsize=4096)  # a few hundred distinct vectors stand for all the rows of links.csv
def features_in_words(features: str) -> tuple[str, ...]:
    """'given=nickname;surname=exact' -> ('given names are ... (+3.7)', 'same surname (+0.9)'); neutral levels left out."""
    out = []
    for part in filter(None, str(features).split(";")):
        comparison, _, level = part.partition("=")
        if level == "missing":
            continue  # weighs (almost) nothing either way
        words = LEVEL_WORDS.get((comparison, level), f"{comparison} {level}")
        try:
            w = level_weight(comparison, level)
        except KeyError:
            out.append(words)
            continue
        out.append(words if math.isinf(w) else f"{words} ({w:+.1f})")
    return tuple(out)


def probability_words(probability: str, shown: str | None = None) -> str:
    """'0.4154' -> 'p=0.4154 < 0.5'; '' -> '' (a rule decided, not a score).  `shown` replaces the number."""
    if str(probability) == "":
        return ""
    p = float(probability)
    return f"p={probability if shown is None else shown} {'≥' if p >= THRESHOLD else '<'} {THRESHOLD:g}"


def literal(text: str) -> str:
    """`text` as the literal part of a template (braces doubled)."""
    return str(text).replace("{", "{{")


_SLOT = re.compile(r"\{\{|\{(\d)\}")


def fill(template: str, values: list[str]) -> str:
    """Put values[i] where the template says {i}, in one pass ('{{' is a literal brace), as report.js does."""
    return _SLOT.sub(lambda m: values[int(m.group(1))] if m.group(1) else "{", template)


def decision_template(row: dict) -> tuple[str, list[str]]:
    """One links.csv row as a sentence with {0}..{4} for its names, articles and probability.

    The sentence without them repeats across rows (the same rule, the same comparison
    levels), so a report keeps each template once.
    """
    values = [str(row["a_text"]), str(row["a_article"]), str(row["b_text"]), str(row["b_article"]), str(row.get("probability", ""))]
    decision = row["decision"]
    verb = "joined" if decision == "merged" else "kept apart from" if decision == "kept apart" else literal(decision)
    stage = literal(STAGE_WORDS.get(row["stage"], row["stage"]))
    why = [w for w in (probability_words(values[4], "{4}"), literal(row.get("reason", ""))) if w]
    why.extend(literal(w) for w in features_in_words(str(row.get("features", ""))))
    return f"'{{0}}' ({{1}}) {verb} '{{2}}' ({{3}}), {stage}" + (": " + "; ".join(why) if why else ""), values


def decision_words(row: dict) -> str:
    """One links.csv row as a sentence: what was decided, where, and why."""
    return fill(*decision_template(row))
