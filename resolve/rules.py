"""Rule files: the editable knowledge behind extraction and matching.

A rules directory holds plain-text files (see rules/README.md for each format).
The default rules ship inside the package (`resolve.default_rules`); users layer
their own directories over them, later ones winning.  Every file is declared in
`RULE_FILES` below: its columns, which are required, which values are allowed.
Loading validates against that declaration and reports problems as
`file:line: what is wrong` (RuleError), so `resolve rules check` and
`resolve run` give the same message.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from .text import fold


class RuleError(ValueError):
    """One or more problems in rule files; `problems` holds 'file:line: message' strings."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class FileSpec:
    """Declared format of one rule file."""

    name: str
    columns: tuple[str, ...]  # () for one-item-per-line .txt files
    required: tuple[str, ...] = ()
    allowed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    purpose: str = ""


RULE_FILES: dict[str, FileSpec] = {
    s.name: s
    for s in [
        FileSpec("given_names.txt", (), purpose="extra given names (evidence that a capitalized word starts a person name)"),
        FileSpec("nicknames.csv", ("name", "equivalent"), ("name", "equivalent"), purpose="given-name equivalences"),
        FileSpec(
            "transliterations.csv",
            ("from", "to", "scope"),
            ("from", "to", "scope"),
            {"scope": ("word", "suffix", "any")},
            purpose="spelling variants folded to one key",
        ),
        FileSpec(
            "titles.csv",
            ("phrase", "normalized", "kind"),
            ("phrase", "kind"),
            {"kind": ("role", "modifier", "honorific")},
            purpose="title vocabulary and synonyms",
        ),
        FileSpec("affiliations.csv", ("phrase", "affiliation"), ("phrase", "affiliation"), purpose="affiliation words"),
        FileSpec("stop_phrases.txt", (), purpose="phrases that are never person names"),
        FileSpec("org_cues.txt", (), purpose="words that mark an organization or place"),
        FileSpec("places.txt", (), purpose="place names (never persons on their own)"),
        FileSpec("known_actors.csv", ("entity_id", "name", "aliases"), ("name",), purpose="gazetteer of known people"),
        FileSpec(
            "actor_titles.csv",
            ("actor", "title", "affiliation", "from", "to"),
            ("actor",),
            purpose="titles of known people over time",
        ),
        FileSpec(
            "judgements.csv",
            ("judgement", "a", "b", "note"),
            ("judgement", "a", "b"),
            {"judgement": ("must_link", "cannot_link")},
            purpose="human must-link / cannot-link decisions",
        ),
    ]
}


@dataclass(frozen=True)
class Row:
    """One parsed line of a rule file, with where it came from."""

    file: str  # path as given
    line: int  # 1-based line number
    values: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class KnownActor:
    name: str
    entity_id: str = ""
    aliases: tuple[str, ...] = ()
    where: str = ""


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
    known_actors: list[KnownActor] = field(default_factory=list)
    actor_titles: list[ActorTitle] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # directories loaded, in order

    def add_nickname(self, a: str, b: str) -> None:
        a, b = fold(a), fold(b)
        if a == b:
            return
        self.nicknames.setdefault(a, set()).add(b)
        self.nicknames.setdefault(b, set()).add(a)

    def given_equivalent(self, a: str, b: str) -> bool:
        """True when folded given names a and b are equal or declared equivalent."""
        return a == b or b in self.nicknames.get(a, ())


def default_rules_dir() -> Path:
    """The rules shipped with the package (also works from a source checkout)."""
    try:
        root = resources.files("resolve.default_rules")
        path = Path(str(root))
        if (path / "titles.csv").is_file():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "rules"


def _strip_comment(line: str) -> str:
    return "" if line.lstrip().startswith("#") else line


def read_rule_file(path: Path, spec: FileSpec) -> Iterator[Row]:
    """Parse one rule file, yielding Rows; raises RuleError listing every bad line."""
    problems: list[str] = []
    rows: list[Row] = []
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise RuleError([f"{path}:1: not UTF-8 text ({e.reason})"]) from None
    lines = raw.splitlines()
    if not spec.columns:
        for i, line in enumerate(lines, 1):
            item = _strip_comment(line).strip()
            if item:
                rows.append(Row(str(path), i, {"item": item}))
        yield from rows
        return
    header: list[str] | None = None
    for i, line in enumerate(lines, 1):
        if not _strip_comment(line).strip():
            continue
        fields = next(csv.reader(io.StringIO(line)))
        fields = [f.strip() for f in fields]
        if header is None:
            header = [f.lower() for f in fields]
            unknown = [c for c in header if c not in spec.columns]
            missing = [c for c in spec.required if c not in header]
            if unknown:
                problems.append(f"{path}:{i}: unknown column(s) {', '.join(unknown)}; expected {', '.join(spec.columns)}")
            if missing:
                problems.append(f"{path}:{i}: missing required column(s) {', '.join(missing)}")
            if unknown or missing:
                break
            continue
        if len(fields) != len(header):
            problems.append(f"{path}:{i}: expected {len(header)} columns ({', '.join(header)}), found {len(fields)}")
            continue
        values = dict(zip(header, fields))
        bad = False
        for col in spec.required:
            if not values.get(col):
                problems.append(f"{path}:{i}: empty {col}")
                bad = True
        for col, allowed in spec.allowed.items():
            v = values.get(col, "").lower()
            if v and v not in allowed:
                problems.append(f"{path}:{i}: unknown {col} '{values[col]}'; expected one of {', '.join(allowed)}")
                bad = True
            elif v:
                values[col] = v
        if not bad:
            rows.append(Row(str(path), i, values))
    if header is None and not problems:
        pass  # an empty file (or only comments) is fine
    if problems:
        raise RuleError(problems)
    yield from rows


def _load_dir(rules: Rules, directory: Path, problems: list[str]) -> None:
    if not directory.is_dir():
        problems.append(f"{directory}:0: not a directory")
        return
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() not in (".csv", ".txt"):
            continue
        spec = RULE_FILES.get(path.name)
        if spec is None:
            problems.append(f"{path}:0: unknown rule file; expected one of {', '.join(sorted(RULE_FILES))}")
            continue
        try:
            rows = list(read_rule_file(path, spec))
        except RuleError as e:
            problems.extend(e.problems)
            continue
        _apply(rules, spec.name, rows)
    rules.sources.append(str(directory))


def _apply(rules: Rules, name: str, rows: list[Row]) -> None:
    """Merge parsed rows of one file into `rules` (later files win on the same key)."""
    if name == "given_names.txt":
        rules.given_names.update(fold(r.values["item"]) for r in rows)
    elif name == "nicknames.csv":
        for r in rows:
            rules.add_nickname(r.values["name"], r.values["equivalent"])
    elif name == "transliterations.csv":
        for r in rows:
            t = Translit(fold(r.values["from"]), fold(r.values["to"]), r.values["scope"])
            rules.transliterations = [x for x in rules.transliterations if (x.src, x.scope) != (t.src, t.scope)]
            rules.transliterations.append(t)
    elif name == "titles.csv":
        for r in rows:
            rules.titles[fold(r.values["phrase"])] = Title(r.values.get("normalized", ""), r.values["kind"])
    elif name == "affiliations.csv":
        for r in rows:
            rules.affiliations[fold(r.values["phrase"])] = r.values["affiliation"]
    elif name == "stop_phrases.txt":
        rules.stop_phrases.update(fold(r.values["item"]) for r in rows)
    elif name == "org_cues.txt":
        rules.org_cues.update(fold(r.values["item"]) for r in rows)
    elif name == "places.txt":
        rules.places.update(fold(r.values["item"]) for r in rows)
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


def load_rules(dirs: Iterable[str | Path] = (), *, defaults: bool = True) -> Rules:
    """Load the default rules (unless `defaults=False`) then each of `dirs` in order.

    Raises RuleError listing every problem as 'file:line: message'.
    """
    rules = Rules()
    problems: list[str] = []
    if defaults:
        given, pairs = _packaged_name_data()
        rules.given_names.update(given)
        for a, b in pairs:
            rules.add_nickname(a, b)
        _load_dir(rules, default_rules_dir(), problems)
    for d in dirs:
        _load_dir(rules, Path(d), problems)
    problems.extend(check_judgements(rules))
    if problems:
        raise RuleError(problems)
    return rules


def check_judgements(rules: Rules) -> list[str]:
    """Conflicts between must-link and cannot-link: a cannot-link pair joined by a must-link chain."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for j in rules.judgements:
        if j.judgement == "must_link":
            parent[find(fold(j.a))] = find(fold(j.b))
    problems = []
    for j in rules.judgements:
        if j.judgement == "cannot_link":
            a, b = fold(j.a), fold(j.b)
            if a == b:
                problems.append(f"{j.where}: cannot_link between '{j.a}' and itself")
            elif find(a) == find(b):
                problems.append(f"{j.where}: cannot_link '{j.a}' / '{j.b}' conflicts with must_link judgements joining them")
    return problems
