"""Stage 2 of loading: layers.  The packaged defaults, then each user directory, merged by key.

A later layer's entry with the same key replaces the earlier one; a line starting with
`!` removes it (rules/README.md, "Layering").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..text import fold
from .parse import parse_rule_file
from .spec import RULE_FILES, FileSpec, Key, Row, actor_key


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
    package = Path(__file__).resolve().parent.parent  # resolve/
    installed = package / "default_rules"
    if installed.is_dir():
        return installed
    return package.parent / "rules"


@dataclass
class Layered:
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


#: Columns that record who wrote a line and why, not what it says (`resolve review` writes them).
_BOOKKEEPING = frozenset({"note", "user", "timestamp"})


def _payload(spec: FileSpec, r: Row) -> tuple[str, ...]:
    """What an entry says beyond its key (notes, and who answered when, do not count): two
    lines with the same key and payload repeat each other; with a different payload they conflict."""
    cols = [c for c in spec.columns if c not in _BOOKKEEPING and (spec.key_fn is not None or c not in spec.key_columns)]
    return tuple(r.values.get(c, "") for c in cols)


def _describe(spec: FileSpec, r: Row) -> str:
    if spec.is_list:
        return f"'{r.values['item']}'"
    if spec.key_fn is actor_key:
        k = actor_key(r.values)
        return f"entity_id '{k[1]}'" if k[0] == "id" else f"actor '{r.values['name']}'"
    return " / ".join(f"{c} '{r.values.get(c, '')}'" for c in spec.key_columns)


# --- the packaged datasets (part of the default rules) ------------------------------

NICKNAMES_SOURCE = "nicknames package (Apache-2.0)"
GIVEN_NAMES_SOURCE = "names package: US census given names (MIT)"


@lru_cache(maxsize=1)
def packaged_name_data() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
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
def packaged_rows() -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    """The packaged datasets as rows of given_names.txt and nicknames.csv (the first layer)."""
    given, pairs = packaged_name_data()
    g = tuple(Row(GIVEN_NAMES_SOURCE, i, {"item": n}) for i, n in enumerate(sorted(given), 1))
    unique = dict.fromkeys(tuple(sorted((fold(a), fold(b)))) for a, b in pairs if fold(a) != fold(b))
    p = tuple(Row(NICKNAMES_SOURCE, i, {"name": a, "equivalent": b}) for i, (a, b) in enumerate(unique, 1))
    return g, p
