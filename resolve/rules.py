"""Rule files: the editable knowledge behind extraction and matching.

A rules directory holds plain-text files (rules/README.md documents each one).
The default rules ship inside the package (`resolve.default_rules`), together with
two curated datasets (nickname pairs, census given names); users layer their own
directories over them, later ones winning.

Every file is declared in `RULE_FILES`: its columns, which are required, which
values are allowed, and which columns form the *key* of an entry.  Loading is
explicit stages over plain data:

  parse each file -> entries and removals (Rows, with file:line)
  -> merge the layers by key (later layer wins; a `!` line removes)
  -> check the merged whole (dates, unknown actors, judgement conflicts...)
  -> build the `Rules` used by extraction and matching (`_apply`).

Every problem is reported as `file:line: what is wrong` (RuleError), so
`resolve rules check` and `resolve run` give the same messages.  Problems that
cannot change the result (an exact duplicate line, a removal that removes
nothing) are warnings, kept in `Rules.warnings`.

Adding a rule file: declare a FileSpec in RULE_FILES and add a field to `Rules`: a
list file `x.txt` fills the set field `x` by itself; a CSV file needs a branch in
`_apply`.  Parsing, layering, removal and validation come for free.
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from .text import fold


class RuleError(ValueError):
    """One or more problems in rule files; `problems` holds 'file:line: message' strings."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


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
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _check_title(v: dict[str, str]) -> list[str]:
    if v.get("kind") == "role" and not v.get("normalized"):
        return ["empty normalized (required for kind role: the form this title is reported as)"]
    return []


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


def _actor_key(v: dict[str, str]) -> Key:
    # A fixed entity_id identifies an actor (two people may share a name);
    # without one, the folded name does.
    return ("id", v["entity_id"]) if v.get("entity_id") else ("name", fold(v.get("name", "")))


RULE_FILES: dict[str, FileSpec] = {
    s.name: s
    for s in [
        FileSpec("given_names.txt", (), purpose="extra given names (evidence that a capitalized word starts a person name)"),
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
            ("phrase", "normalized", "kind"),
            ("phrase", "kind"),
            {"kind": ("role", "modifier", "honorific")},
            checks=(_check_title,),
            purpose="title vocabulary and synonyms",
        ),
        FileSpec("affiliations.csv", ("phrase", "affiliation"), ("phrase", "affiliation"), purpose="affiliation words"),
        FileSpec("stop_phrases.txt", (), purpose="phrases that are never person names"),
        FileSpec("org_cues.txt", (), purpose="words that mark an organization or place"),
        FileSpec("places.txt", (), purpose="place names (never persons on their own)"),
        FileSpec("common_words.txt", (), purpose="ordinary capitalized words that never start or make a name alone"),
        FileSpec("name_particles.txt", (), purpose="lower-case particles inside names (de, van, bin; al- joined by hyphen)"),
        FileSpec("speech_verbs.txt", (), purpose="verbs next to a name that show a person speaks (said, told)"),
        FileSpec("surnames.txt", (), purpose="common surnames (evidence that a capitalized word ends a name)"),
        FileSpec(
            "known_actors.csv",
            ("entity_id", "name", "aliases"),
            ("name",),
            key_fn=_actor_key,
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
            ("judgement", "a", "b", "note"),
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


@dataclass(frozen=True)
class KnownActor:
    name: str
    entity_id: str = ""
    aliases: tuple[str, ...] = ()
    where: str = ""

    @property
    def anchor(self) -> str:
        """The anchor that joins this actor's mentions: its fixed ID, else a key from its name."""
        return self.entity_id or f"actor:{fold(self.name)}"

    @property
    def forms(self) -> tuple[str, ...]:
        """Name and aliases, folded, without repeats (what mentions are matched against)."""
        return tuple(dict.fromkeys(fold(f) for f in (self.name, *self.aliases) if fold(f)))


@dataclass(frozen=True)
class ActorTitle:
    actor: str  # entity_id or name of a known actor
    title: str
    affiliation: str = ""
    start: str = ""  # ISO date or ""
    end: str = ""
    where: str = ""


@dataclass(frozen=True)
class Judgement:
    judgement: str  # "must_link" | "cannot_link"
    a: str  # a name or an entity_id
    b: str
    note: str = ""
    where: str = ""


@dataclass(frozen=True)
class Translit:
    src: str
    dst: str
    scope: str  # word | suffix | any


@dataclass(frozen=True)
class Title:
    normalized: str
    kind: str  # role | modifier | honorific


@dataclass
class Rules:
    """All rules in force, folded for matching.  Build with `load_rules`."""

    given_names: set[str] = field(default_factory=set)
    nicknames: dict[str, set[str]] = field(default_factory=dict)  # folded name -> equivalents (symmetric)
    transliterations: list[Translit] = field(default_factory=list)
    titles: dict[str, Title] = field(default_factory=dict)  # folded phrase -> Title
    affiliations: dict[str, str] = field(default_factory=dict)  # folded phrase -> affiliation
    stop_phrases: set[str] = field(default_factory=set)
    org_cues: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    common_words: set[str] = field(default_factory=set)
    name_particles: set[str] = field(default_factory=set)
    speech_verbs: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    known_actors: list[KnownActor] = field(default_factory=list)
    actor_titles: list[ActorTitle] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # layers loaded, in order
    warnings: list[str] = field(default_factory=list)  # 'file:line: warning' (harmless problems)
    counts: dict[str, int] = field(default_factory=dict)  # rule file -> entries in force
    _actor_idx: dict[str, KnownActor] | None = field(default=None, repr=False, compare=False)
    _memo: dict[str, Callable] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict:
        # Caches are derived data (and hold closures): rebuild them in a worker process.
        state = dict(self.__dict__)
        state["_actor_idx"] = None
        state["_memo"] = {}
        return state

    def add_nickname(self, a: str, b: str) -> None:
        a, b = fold(a), fold(b)
        if a == b:
            return
        self.nicknames.setdefault(a, set()).add(b)
        self.nicknames.setdefault(b, set()).add(a)

    def given_equivalent(self, a: str, b: str) -> bool:
        """True when folded given names a and b are equal or declared equivalent."""
        return a == b or b in self.nicknames.get(a, ())

    def actor_index(self) -> dict[str, KnownActor]:
        """entity_id (as written) and folded name/alias -> known actor.

        Load-time validation guarantees that no name or alias belongs to two actors.
        Built once (rules are not changed after loading).
        """
        if self._actor_idx is not None:
            return self._actor_idx
        idx: dict[str, KnownActor] = {}
        for a in self.known_actors:
            for f in a.forms:
                idx[f] = a
        for a in self.known_actors:
            if a.entity_id:
                idx[a.entity_id] = a
        self._actor_idx = idx
        return idx

    def known_actor(self, name_or_id: str) -> KnownActor | None:
        """The known actor with this entity_id, name or alias (case/accent-insensitive), or None."""
        idx = self.actor_index()
        return idx.get(name_or_id) or idx.get(fold(name_or_id))


def memo_per_rules(maxsize: int = 100_000) -> Callable[[Callable], Callable]:
    """Memoize `fn(*args, rules)` separately for each Rules object.

    Parsing a name or a title phrase depends on the rules in force, so results are
    cached per Rules instance: the cache lives on the object and dies with it, and a
    result computed under one set of rules is never served under another.  Rules
    must not be changed after loading (they are not, anywhere in resolve).
    """

    def decorate(fn: Callable) -> Callable:
        name = f"{fn.__module__}.{fn.__qualname__}"

        @wraps(fn)
        def wrapper(*args):
            rules = args[-1]
            cached = rules._memo.get(name)
            if cached is None:
                cached = rules._memo[name] = lru_cache(maxsize)(lambda *a: fn(*a, rules))
            return cached(*args[:-1])

        return wrapper

    return decorate


def default_rules_dir() -> Path:
    """The rules shipped with the package (also works from a source checkout)."""
    # `resolve.default_rules` has no __init__.py (rules/ stays free of code), so it is a
    # namespace package: resources.files() gives a MultiplexedPath whose str() is not a
    # path; joinpath() on it gives a real Path.
    try:
        titles = resources.files("resolve.default_rules").joinpath("titles.csv")
        if isinstance(titles, Path) and titles.is_file():
            return titles.parent
    except (ModuleNotFoundError, TypeError, ValueError):
        pass
    installed = Path(__file__).resolve().parent / "default_rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"


# --- stage 1: parse one file --------------------------------------------------------


def _is_comment_or_blank(line: str) -> bool:
    s = line.strip()
    return not s or s.startswith("#")


def _decode(path: Path) -> tuple[str | None, list[str]]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return None, [f"{path}:{line}: not UTF-8 text (byte 0x{data[e.start]:02x}); save the file as UTF-8"]


def _split_csv_line(line: str) -> list[str]:
    fields = next(csv.reader([line], strict=True))
    return [f.strip() for f in fields]


def parse_rule_file(path: Path, spec: FileSpec) -> tuple[list[Row], list[str]]:
    """Parse one rule file: (rows in file order, problems as 'file:line: message').

    Rows with problems are left out; removal rows (`!` lines) carry `remove=True`.
    """
    raw, problems = _decode(path)
    if raw is None:
        return [], problems
    rows: list[Row] = []
    lines = raw.splitlines()
    file = str(path)
    if spec.is_list:
        for i, line in enumerate(lines, 1):
            item = line.strip()
            if not item or item.startswith("#"):
                continue
            remove = item.startswith(REMOVE_PREFIX)
            if remove:
                item = item[len(REMOVE_PREFIX):].strip()
                if not item:
                    problems.append(f"{path}:{i}: '{REMOVE_PREFIX}' with nothing to remove")
                    continue
            rows.append(Row(file, i, {"item": item}, remove))
        return rows, problems

    header: list[str] | None = None
    for i, line in enumerate(lines, 1):
        if _is_comment_or_blank(line):
            continue
        where = f"{path}:{i}"
        try:
            fields = _split_csv_line(line)
        except csv.Error as e:
            problems.append(f"{where}: malformed CSV line ({e})")
            continue
        if header is None:
            header = [f.lower() for f in fields]
            unknown = [c for c in header if c not in spec.columns]
            missing = [c for c in spec.required if c not in header]
            dup = sorted({c for c in header if header.count(c) > 1})
            if unknown:
                problems.append(
                    f"{where}: unknown column(s) {', '.join(repr(c) for c in unknown)} in header; "
                    f"expected a header line with {','.join(spec.columns)}"
                )
            if missing:
                problems.append(f"{where}: missing required column(s) {', '.join(missing)} in header")
            if dup:
                problems.append(f"{where}: column(s) {', '.join(dup)} given twice in header")
            if unknown or missing or dup:
                return rows, problems  # cannot read the rest without a valid header
            continue
        remove = bool(fields) and fields[0].startswith(REMOVE_PREFIX)
        if remove:
            fields[0] = fields[0][len(REMOVE_PREFIX):].strip()
        # A removal line needs only the key columns; trailing cells may be omitted.
        if len(fields) > len(header) or (len(fields) < len(header) and not remove):
            problems.append(f"{where}: expected {len(header)} columns ({','.join(header)}), found {len(fields)}")
            continue
        values = {c: "" for c in spec.columns}
        values.update(zip(header, fields))
        msgs = _check_values(spec, values, remove)
        if msgs:
            problems.extend(f"{where}: {m}" for m in msgs)
            continue
        rows.append(Row(file, i, values, remove))
    return rows, problems


def _check_values(spec: FileSpec, values: dict[str, str], remove: bool) -> list[str]:
    """Problems of one CSV row (normalizes allowed values to lower case in place)."""
    msgs = []
    for col, allowed in spec.allowed.items():
        v = values.get(col, "").lower()
        if v and v not in allowed:
            msgs.append(f"unknown {col} '{values[col]}'; expected one of {', '.join(allowed)}")
        values[col] = v
    if remove:
        if spec.key_fn is _actor_key:
            if not (values.get("entity_id") or values.get("name")):
                msgs.append(f"'{REMOVE_PREFIX}' line needs the entity_id or the name of the actor to remove")
        else:
            missing = [c for c in spec.key_columns if not values.get(c)]
            if missing:
                msgs.append(f"'{REMOVE_PREFIX}' line needs the key column(s) {', '.join(spec.key_columns)}; empty {', '.join(missing)}")
        return msgs
    for col in spec.required:
        if not values.get(col):
            msgs.append(f"empty {col}")
    for col in spec.dates:
        v = values.get(col, "")
        if v and not _valid_date(v):
            msgs.append(f"{col} '{v}' is not a date written YYYY-MM-DD")
    if spec.dates and len(spec.dates) == 2:
        lo, hi = (values.get(c, "") for c in spec.dates)
        if lo and hi and _valid_date(lo) and _valid_date(hi) and lo > hi:
            msgs.append(f"{spec.dates[0]} {lo} is after {spec.dates[1]} {hi}")
    for col in spec.patterns:
        v = values.get(col, "")
        if v:
            try:
                re.compile(v)
            except re.error as e:
                msgs.append(f"invalid regular expression in {col} '{v}': {e}")
    if not msgs:
        for check in spec.checks:
            msgs.extend(check(values))
    return msgs


def _valid_date(s: str) -> bool:
    if not _DATE_RE.match(s):
        return False
    try:
        _dt.date.fromisoformat(s)
    except ValueError:
        return False
    return True


# --- stage 2: merge layers by key ---------------------------------------------------


@dataclass
class _Layered:
    """Entries in force per rule file, keyed; filled layer by layer."""

    entries: dict[str, dict[Key, Row]] = field(default_factory=lambda: {n: {} for n in RULE_FILES})
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def merge_file(self, spec: FileSpec, rows: list[Row]) -> None:
        """Merge one file's rows over the earlier layers.

        Within one file every key must appear once (an exact repeat is only a warning);
        across layers the later entry replaces the earlier and `!` removes it.
        """
        seen: dict[Key, Row] = {}
        current = self.entries[spec.name]
        for r in rows:
            key = spec.entry_key(r.values)
            first = seen.get(key)
            if first is not None:
                if first.remove == r.remove and _payload(spec, first) == _payload(spec, r):
                    self.warnings.append(f"{r.where}: warning: repeats line {first.line}")
                else:
                    self.problems.append(f"{r.where}: {_describe(spec, r)} conflicts with line {first.line}")
                continue
            seen[key] = r
            if r.remove:
                if current.pop(key, None) is None:
                    self.warnings.append(f"{r.where}: warning: removes {_describe(spec, r)}, which no earlier rules define")
            else:
                current.pop(key, None)  # re-insert: later layers come later in iteration order
                current[key] = r

    def merge_dir(self, directory: Path) -> None:
        if not directory.is_dir():
            what = "is a file; --rules takes a directory of rule files" if directory.exists() else "no such rules directory"
            self.problems.append(f"{directory}: {what}")
            return
        for path in sorted(directory.iterdir()):
            if path.name.startswith(".") or path.suffix.lower() not in (".csv", ".txt"):
                continue  # README.md and the like
            spec = RULE_FILES.get(path.name)
            if spec is None:
                self.problems.append(f"{path}: unknown rule file; expected one of {', '.join(sorted(RULE_FILES))}")
                continue
            rows, problems = parse_rule_file(path, spec)
            self.problems.extend(problems)
            self.merge_file(spec, rows)
        self.sources.append(str(directory))


def _payload(spec: FileSpec, r: Row) -> tuple[str, ...]:
    """What an entry says beyond its key (notes do not count): two lines with the same
    key and payload repeat each other; with a different payload they conflict."""
    cols = [c for c in spec.columns if c != "note" and (spec.key_fn is not None or c not in spec.key_columns)]
    return tuple(r.values.get(c, "") for c in cols)


def _describe(spec: FileSpec, r: Row) -> str:
    if spec.is_list:
        return f"'{r.values['item']}'"
    if spec.key_fn is _actor_key:
        k = _actor_key(r.values)
        return f"entity_id '{k[1]}'" if k[0] == "id" else f"actor '{r.values['name']}'"
    return " / ".join(f"{c} '{r.values.get(c, '')}'" for c in spec.key_columns)


# --- the packaged datasets (part of the default rules) ------------------------------

NICKNAMES_SOURCE = "nicknames package (Apache-2.0)"
GIVEN_NAMES_SOURCE = "names package: US census given names (MIT)"


@lru_cache(maxsize=1)
def _packaged_name_data() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """Given names and nickname pairs from curated packages (part of the default rules).

    - `nicknames` (Apache-2.0): hand-curated English diminutives.
    - `names` (MIT): US census given names (1990), used only as a given-name lexicon.
    """
    import os

    import names as census_names
    from nicknames import name_triplets

    given: set[str] = set()
    base = os.path.dirname(census_names.__file__)
    for fname in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(base, fname), encoding="ascii") as fh:
            for line in fh:
                if line.strip():
                    given.add(line.split()[0].lower())
    pairs = []
    for t in name_triplets():
        pairs.append((t.name1, t.name2))
        given.add(t.name1)
        given.add(t.name2)
    return frozenset(given), tuple(pairs)


@lru_cache(maxsize=1)
def _packaged_rows() -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    """The packaged datasets as rows of given_names.txt and nicknames.csv (the first layer)."""
    given, pairs = _packaged_name_data()
    g = tuple(Row(GIVEN_NAMES_SOURCE, i, {"item": n}) for i, n in enumerate(sorted(given), 1))
    unique = dict.fromkeys(tuple(sorted((fold(a), fold(b)))) for a, b in pairs if fold(a) != fold(b))
    p = tuple(Row(NICKNAMES_SOURCE, i, {"name": a, "equivalent": b}) for i, (a, b) in enumerate(unique, 1))
    return g, p


# --- stage 3: check the merged whole ------------------------------------------------


def _check_known_actors(actors: list[Row]) -> list[str]:
    """No name or alias may belong to two actors: a mention must map to one fixed ID."""
    owner: dict[str, Row] = {}
    problems = []
    for r in actors:
        forms = [r.values["name"], *(a for a in r.values.get("aliases", "").split("|"))]
        for f in dict.fromkeys(fold(x) for x in forms if fold(x)):
            other = owner.setdefault(f, r)
            if other is not r:
                problems.append(f"{r.where}: name or alias '{f}' also belongs to the actor at {other.where}")
    return problems


def _check_actor_titles(titles: list[Row], actors: list[Row]) -> list[str]:
    known = set()
    for r in actors:
        if r.values.get("entity_id"):
            known.add(r.values["entity_id"])
        known.add(fold(r.values["name"]))
        known.update(fold(a) for a in r.values.get("aliases", "").split("|") if a.strip())
    return [
        f"{r.where}: unknown actor '{r.values['actor']}'; use an entity_id, name or alias from known_actors.csv"
        for r in titles
        if r.values["actor"] not in known and fold(r.values["actor"]) not in known
    ]


def _check_transliterations(rows: list[Row]) -> list[str]:
    """Word rules must give a final form: a target that is itself rewritten breaks matching
    (Sergey -> Sergei -> Serguei would key Sergey and Sergei differently)."""
    words = {fold(r.values["from"]): r for r in rows if r.values["scope"] == "word"}
    return [
        f"{r.where}: to '{r.values['to']}' is itself rewritten by {words[fold(r.values['to'])].where}; write the final form"
        for r in words.values()
        if fold(r.values["to"]) in words
    ]


def check_judgements(rules: Rules) -> list[str]:
    """Conflicts between must-link and cannot-link.

    Must-link judgements (and the names/aliases/ID of one known actor, which are
    implicitly must-linked) form a graph; a cannot-link pair joined by a chain of
    must-links is a contradiction.  Reported at the cannot-link line, with the
    must-link lines of one shortest chain.
    """
    adj: dict[str, list[tuple[str, str]]] = {}

    def link(a: str, b: str, where: str) -> None:
        adj.setdefault(a, []).append((b, where))
        adj.setdefault(b, []).append((a, where))

    for j in rules.judgements:
        if j.judgement == "must_link":
            link(fold(j.a), fold(j.b), j.where)
    for actor in rules.known_actors:
        nodes = list(actor.forms) + ([fold(actor.entity_id)] if actor.entity_id else [])
        for other in nodes[1:]:
            link(nodes[0], other, actor.where)

    problems = []
    # Two known actors with different fixed IDs cannot become one entity.
    fixed = sorted({a.entity_id: a for a in rules.known_actors if a.entity_id}.values(), key=lambda a: a.entity_id)
    reported: set[str] = set()
    for i, x in enumerate(fixed):
        for y in fixed[i + 1 :]:
            if y.entity_id in reported:
                continue
            chain = _shortest_chain(adj, fold(x.entity_id), fold(y.entity_id))
            lines = [w for w in dict.fromkeys(chain or ()) if w not in (x.where, y.where)]
            if lines:  # (joined by a shared alias alone: reported by the known_actors check)
                reported.add(y.entity_id)
                problems.append(
                    f"{lines[0]}: must_link chain ({', '.join(lines)}) joins known actors '{x.entity_id}' ({x.where}) and "
                    f"'{y.entity_id}' ({y.where}), which keep different fixed entity_ids"
                )
    for j in rules.judgements:
        if j.judgement != "cannot_link":
            continue
        a, b = fold(j.a), fold(j.b)
        if a == b:
            problems.append(f"{j.where}: cannot_link between '{j.a}' and itself")
            continue
        chain = _shortest_chain(adj, a, b)
        if chain is not None:
            lines = ", ".join(dict.fromkeys(chain))
            problems.append(f"{j.where}: cannot_link '{j.a}' / '{j.b}' contradicts the must_link chain joining them ({lines})")
    return problems


def _shortest_chain(adj: dict[str, list[tuple[str, str]]], a: str, b: str) -> list[str] | None:
    """The `where` of each edge on a shortest path a -> b, or None."""
    if a not in adj or b not in adj:
        return None
    prev: dict[str, tuple[str, str] | None] = {a: None}
    queue = deque([a])
    while queue:
        x = queue.popleft()
        if x == b:
            break
        for y, where in sorted(adj[x]):
            if y not in prev:
                prev[y] = (x, where)
                queue.append(y)
    if b not in prev:
        return None
    chain = []
    node = b
    while prev[node] is not None:
        x, where = prev[node]  # type: ignore[misc]
        chain.append(where)
        node = x
    return chain[::-1]


# --- stage 4: build Rules -----------------------------------------------------------


def _apply(rules: Rules, name: str, rows: list[Row]) -> None:
    """Build the `rules` field of one file from its merged entries (one per key, layers resolved)."""
    if RULE_FILES[name].is_list:
        # A list file `x.txt` fills the set field `x` of Rules with its folded entries.
        getattr(rules, name.rsplit(".", 1)[0]).update(fold(r.values["item"]) for r in rows)
    elif name == "nicknames.csv":
        for r in rows:
            rules.add_nickname(r.values["name"], r.values["equivalent"])
    elif name == "transliterations.csv":
        rules.transliterations.extend(Translit(fold(r.values["from"]), fold(r.values["to"]), r.values["scope"]) for r in rows)
    elif name == "titles.csv":
        for r in rows:
            rules.titles[fold(r.values["phrase"])] = Title(r.values.get("normalized", ""), r.values["kind"])
    elif name == "affiliations.csv":
        for r in rows:
            rules.affiliations[fold(r.values["phrase"])] = r.values["affiliation"]
    elif name == "known_actors.csv":
        for r in rows:
            aliases = tuple(a.strip() for a in r.values.get("aliases", "").split("|") if a.strip())
            rules.known_actors.append(KnownActor(r.values["name"], r.values.get("entity_id", ""), aliases, r.where))
    elif name == "actor_titles.csv":
        for r in rows:
            v = r.values
            rules.actor_titles.append(
                ActorTitle(v["actor"], v.get("title", ""), v.get("affiliation", ""), v.get("from", ""), v.get("to", ""), r.where)
            )
    elif name == "judgements.csv":
        for r in rows:
            v = r.values
            rules.judgements.append(Judgement(v["judgement"], v["a"], v["b"], v.get("note", ""), r.where))


def load_rules(dirs: Iterable[str | Path] = (), *, defaults: bool = True) -> Rules:
    """Load the default rules (unless `defaults=False`) then each of `dirs` in order.

    Later layers win: an entry with the same key replaces the earlier one, and a line
    starting with `!` removes it (see rules/README.md).  `defaults=False` starts empty,
    without the packaged nickname and given-name datasets too.
    Raises RuleError listing every problem as 'file:line: message'.
    """
    layered = _Layered()
    if defaults:
        given, nicks = _packaged_rows()
        layered.merge_file(RULE_FILES["given_names.txt"], list(given))
        layered.merge_file(RULE_FILES["nicknames.csv"], list(nicks))
        layered.sources.extend([NICKNAMES_SOURCE, GIVEN_NAMES_SOURCE])
        layered.merge_dir(default_rules_dir())
    for d in dirs:
        layered.merge_dir(Path(d))

    merged = {name: list(entries.values()) for name, entries in layered.entries.items()}
    problems = list(layered.problems)
    problems.extend(_check_known_actors(merged["known_actors.csv"]))
    problems.extend(_check_actor_titles(merged["actor_titles.csv"], merged["known_actors.csv"]))
    problems.extend(_check_transliterations(merged["transliterations.csv"]))

    rules = Rules(sources=layered.sources, warnings=layered.warnings)
    for name in RULE_FILES:
        _apply(rules, name, merged[name])
        rules.counts[name] = len(merged[name])
    problems.extend(check_judgements(rules))
    if problems:
        raise RuleError(sorted(dict.fromkeys(problems), key=_where_order))
    return rules


_WHERE = re.compile(r"^(.*?):(\d+):")


def _where_order(problem: str) -> tuple[str, int]:
    """Sort key: file, then line number (numerically); the sort is stable."""
    m = _WHERE.match(problem)
    return (m.group(1), int(m.group(2))) if m else (problem.split(":")[0], 0)


def summary(rules: Rules) -> list[str]:
    """Human-readable lines: the layers loaded and the entries in force per rule file."""
    lines = [f"rules ok: {len(rules.sources)} layer(s), later winning: " + " < ".join(rules.sources or ["none"])]
    width = max(len(n) for n in RULE_FILES)
    for name in RULE_FILES:
        lines.append(f"  {name:<{width}}  {rules.counts.get(name, 0):>6} entries")
    return lines
