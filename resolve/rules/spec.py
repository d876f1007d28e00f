"""The rule-file kinds: each file's columns, key, allowed values and per-row checks.

Every rule file is declared here in `RULE_FILES` (rules/README.md documents each one).
Adding a kind of rule file: declare a FileSpec here and a field in `Rules` (model.py);
a list file `x.txt` fills the set field `x` by itself, a CSV file needs a branch in
`load._apply`.  Parsing, layering, removal and validation come for free.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from ..text import fold

Key = tuple[str, ...]

#: A line whose first cell starts with this removes the entry with the same key
#: from the layers loaded before it.
REMOVE_PREFIX = "!"


@dataclass(frozen=True)
class FileSpec:
    """Declared format of one rule file.

    `key`: the columns identifying an entry (compared folded, i.e. case- and
    accent-insensitively); by default the first column (`item` for .txt files).
    A later layer's entry with the same key replaces an earlier one, and a `!`
    line removes it.  `symmetric`: the key is an unordered pair (a = b is b = a).
    `key_fn` overrides both for files whose key depends on the values.
    `dates`: columns holding ISO dates (YYYY-MM-DD).  `patterns`: columns holding
    regular expressions.  `checks`: extra per-row checks returning messages.
    """

    name: str
    columns: tuple[str, ...]  # () for one-item-per-line .txt files
    required: tuple[str, ...] = ()
    allowed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    purpose: str = ""
    key: tuple[str, ...] = ()
    symmetric: bool = False
    key_fn: Callable[[dict[str, str]], Key] | None = None
    dates: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    checks: tuple[Callable[[dict[str, str]], list[str]], ...] = ()

    @property
    def is_list(self) -> bool:
        return not self.columns

    @property
    def key_columns(self) -> tuple[str, ...]:
        if self.key:
            return self.key
        return (self.columns[0],) if self.columns else ("item",)

    def entry_key(self, values: dict[str, str]) -> Key:
        if not self.columns:
            return (fold(values["item"]),)
        if self.key_fn is not None:
            return self.key_fn(values)
        k = tuple(fold(values.get(c, "")) for c in self.key_columns)
        return tuple(sorted(k)) if self.symmetric else k


# --- per-file row checks (run on entries, not on removals) -------------------------

_ID_RE = re.compile(r"^[^\s|]+$")


#: Kinds of post a title names (titles.csv role_kind, the mentions' role_kind column).
ROLE_KINDS = ("government", "military", "business", "sports", "religious", "royal", "judicial", "media", "other")
#: titles.csv role_kind of a post named only through its body ("his U.S. counterpart"):
#: without a body it is a relation, no title; with one, the body's sector is its kind.
RELATIVE = "relative"
#: What a modifier says about the post (titles.csv status; "current" is the default).
STATUSES = ("former", "acting", "elect", "designate")
AFFILIATION_KINDS = ("country", "international", "government", "party", "company", "club", "place", "other")


def _check_title(v: dict[str, str]) -> list[str]:
    out = []
    kind = v.get("kind")
    if kind == "role" and not v.get("normalized"):
        out.append("empty normalized (required for kind role: the form this title is reported as)")
    if v.get("status") and kind != "modifier":
        out.append("status is for modifiers only")
    if v.get("role_kind") and kind == "modifier":
        out.append("role_kind is for roles and ranks (honorifics) only")
    return out


def _check_translit(v: dict[str, str]) -> list[str]:
    out = []
    for col in ("from", "to"):
        if v.get(col) and len(fold(v[col]).split()) > 1:
            out.append(f"{col} '{v[col]}' must be a single word (rules apply to one name token)")
    if v.get("from") and fold(v["from"]) == fold(v.get("to", "")):
        out.append(f"from and to are the same ('{v['from']}')")
    return out


def _check_actor(v: dict[str, str]) -> list[str]:
    eid = v.get("entity_id", "")
    if eid and not _ID_RE.match(eid):
        return [f"entity_id '{eid}' must not contain spaces or '|'"]
    return []


def _check_pair(v: dict[str, str]) -> list[str]:
    a, b = ("a", "b") if "a" in v else ("name", "equivalent")
    if v.get(a) and fold(v[a]) == fold(v.get(b, "")):
        return [f"'{v[a]}' is paired with itself"]
    return []


#: Punctuation a name or phrase of a word list may hold besides letters, digits and
#: spaces: apostrophes ('s-Hertogenbosch, O’Brien), hyphens and dashes, periods
#: (St.), commas, slashes, parentheses and '&'.
_PHRASE_PUNCTUATION = frozenset("'’‘-–.,/()&")


def _check_phrase(v: dict[str, str]) -> list[str]:
    """A word-list entry must be a name or phrase: a letter in it, and no other symbols
    (a line like `"=,,,,= [[[ \\` is a corrupted file, not a surname)."""
    item = v["item"]
    odd = sorted({c for c in item if not (c.isalnum() or c.isspace() or c in _PHRASE_PUNCTUATION or unicodedata.category(c).startswith("M"))})
    if odd:
        return [f"'{item}' cannot be a name or phrase: it holds {' '.join(odd)} (entries are words: letters, digits, spaces and ' - . , / ( ) &)"]
    if not any(c.isalpha() for c in item):
        return [f"'{item}' cannot be a name or phrase: it has no letter"]
    return []


def _word_list(name: str, purpose: str) -> FileSpec:
    return FileSpec(name, (), purpose=purpose, checks=(_check_phrase,))


def actor_key(v: dict[str, str]) -> Key:
    # A fixed entity_id identifies an actor (two people may share a name);
    # without one, the folded name does.
    return ("id", v["entity_id"]) if v.get("entity_id") else ("name", fold(v.get("name", "")))


RULE_FILES: dict[str, FileSpec] = {
    s.name: s
    for s in [
        _word_list("given_names.txt", "extra given names (evidence that a capitalized word starts a person name)"),
        FileSpec(
            "nicknames.csv",
            ("name", "equivalent"),
            ("name", "equivalent"),
            key=("name", "equivalent"),
            symmetric=True,
            checks=(_check_pair,),
            purpose="given-name equivalences",
        ),
        FileSpec(
            "transliterations.csv",
            ("from", "to", "scope"),
            ("from", "to", "scope"),
            {"scope": ("word", "suffix", "any")},
            key=("from", "scope"),
            checks=(_check_translit,),
            purpose="spelling variants folded to one key",
        ),
        FileSpec(
            "titles.csv",
            ("phrase", "normalized", "kind", "role_kind", "status"),
            ("phrase", "kind"),
            {"kind": ("role", "modifier", "honorific"), "role_kind": (*ROLE_KINDS, RELATIVE), "status": STATUSES},
            checks=(_check_title,),
            purpose="title vocabulary and synonyms",
        ),
        FileSpec(
            "affiliations.csv",
            ("phrase", "affiliation", "kind"),
            ("phrase", "affiliation"),
            {"kind": AFFILIATION_KINDS},
            purpose="affiliation words",
        ),
        _word_list("stop_phrases.txt", "phrases that are never person names"),
        _word_list("org_cues.txt", "words that mark an organization or place"),
        _word_list("places.txt", "place names (never persons on their own)"),
        _word_list("common_words.txt", "ordinary capitalized words that never start or make a name alone"),
        _word_list("name_particles.txt", "lower-case particles inside names (de, van, bin; al- joined by hyphen)"),
        _word_list("speech_verbs.txt", "verbs next to a name that show a person speaks (said, told)"),
        _word_list("surnames.txt", "common surnames (evidence that a capitalized word ends a name)"),
        _word_list("frequent_surnames.txt", "surnames so frequent that a bare one needs context to join its only candidate"),
        FileSpec(
            "known_actors.csv",
            ("entity_id", "name", "aliases"),
            ("name",),
            key_fn=actor_key,
            checks=(_check_actor,),
            purpose="gazetteer of known people",
        ),
        FileSpec(
            "actor_titles.csv",
            ("actor", "title", "affiliation", "from", "to"),
            ("actor", "title"),
            key=("actor", "title", "affiliation", "from"),
            dates=("from", "to"),
            purpose="titles of known people over time",
        ),
        FileSpec(
            "judgements.csv",
            ("judgement", "a", "b", "note", "user", "timestamp"),
            ("judgement", "a", "b"),
            {"judgement": ("must_link", "cannot_link")},
            key=("a", "b"),
            symmetric=True,
            checks=(_check_pair,),
            purpose="human must-link / cannot-link decisions",
        ),
    ]
}


class Row(NamedTuple):
    """One parsed line of a rule file, with where it came from (a tuple: cheap to build)."""

    file: str  # path as given
    line: int  # 1-based line number
    values: dict[str, str]
    remove: bool = False  # a `!` line: removes the entry with this key

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"
