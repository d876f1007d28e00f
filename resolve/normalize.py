"""Name keys for matching: folded name, given name, surname and their rule-based keys.

`normalize_mentions(mentions, rules)` adds `schema.NAME_KEY_COLUMNS`.
Keys are computed once per distinct name form, not per mention.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .rules import Rules, Translit
from .text import fold

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_TOKEN = re.compile(r"[a-z0-9']+(?:-[a-z0-9']+)*\.?|[a-z]\.")


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a personal name, without generational suffixes."""
    toks = [t.rstrip(",") for t in fold(name).replace("’", "'").split()]
    while len(toks) > 1 and toks[-1].strip(".") in {s.strip(".") for s in _SUFFIXES}:
        toks.pop()
    return toks


def transliterate_token(tok: str, rules: tuple[Translit, ...]) -> str:
    """Apply transliteration rules to one folded token (word rules, then suffix, then infix)."""
    for t in rules:
        if t.scope == "word" and tok == t.src:
            return t.dst
    for t in rules:
        if t.scope == "suffix" and tok.endswith(t.src) and len(tok) > len(t.src) + 2:
            tok = tok[: -len(t.src)] + t.dst
    for t in rules:
        if t.scope == "any":
            tok = tok.replace(t.src, t.dst)
    return tok


def name_keys(name: str, rules: Rules) -> tuple[str, str, str, str, str]:
    """(name_norm, given, surname, given_key, surname_key) of one name form."""
    return _name_keys_cached(name, id(rules), _RulesRef(rules))


class _RulesRef:
    """Lets lru_cache key on the Rules identity without hashing the Rules object."""

    __slots__ = ("rules",)

    def __init__(self, rules: Rules):
        self.rules = rules

    def __hash__(self) -> int:
        return 0

    def __eq__(self, other: object) -> bool:
        return True


@lru_cache(maxsize=500_000)
def _name_keys_cached(name: str, _rid: int, ref: _RulesRef) -> tuple[str, str, str, str, str]:
    rules = ref.rules
    toks = name_tokens(name)
    tr = tuple(rules.transliterations)
    surname = toks[-1] if toks else ""
    given = toks[0].rstrip(".") if len(toks) > 1 else ""
    return (" ".join(toks), given, surname, transliterate_token(given, tr) if given else "", transliterate_token(surname, tr))


def normalize_mentions(mentions: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Mentions plus name-key columns."""
    df = mentions.copy()
    forms = pd.unique(df["text"]) if len(df) else []
    keys = {f: name_keys(f, rules) for f in forms}
    cols = list(zip(*[keys[t] for t in df["text"]])) if len(df) else [[]] * 5
    for col, values in zip(["name_norm", "given", "surname", "given_key", "surname_key"], cols):
        df[col] = list(values)
    return df
