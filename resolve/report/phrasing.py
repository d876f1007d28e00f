"""The matcher's decisions (rows of links.csv) said in words, for the report and the review.

links.csv records each decision as codes: a stage, comparison levels such as
`given=nickname;surname=exact`, a probability and the rule that decided.  People
reviewing a registry read "given names are a nickname and its full form (+3.7 bits)";
these functions turn one into the other.  Unknown stages or levels (a newer matcher)
are shown as they are written rather than dropped.
"""

from __future__ import annotations

import math

from ..score import THRESHOLD, level_weight

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


def features_in_words(features: str) -> list[str]:
    """'given=nickname;surname=exact' -> ['given names are ... (+3.7)', 'same surname (+0.9)']; neutral levels left out."""
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
    return out


def probability_words(probability: str) -> str:
    """'0.4154' -> 'p=0.4154 < 0.5'; '' -> '' (a rule decided, not a score)."""
    if str(probability) == "":
        return ""
    p = float(probability)
    return f"p={probability} {'≥' if p >= THRESHOLD else '<'} {THRESHOLD:g}"


def decision_words(row: dict) -> str:
    """One links.csv row as a sentence: what was decided, where, and why."""
    a = f"'{row['a_text']}' ({row['a_article']})"
    b = f"'{row['b_text']}' ({row['b_article']})"
    verb = "joined" if row["decision"] == "merged" else "kept apart from" if row["decision"] == "kept apart" else row["decision"]
    stage = STAGE_WORDS.get(row["stage"], row["stage"])
    why = [w for w in (probability_words(row.get("probability", "")), str(row.get("reason", ""))) if w]
    why.extend(features_in_words(row.get("features", "")))
    return f"{a} {verb} {b}, {stage}" + (": " + "; ".join(why) if why else "")
