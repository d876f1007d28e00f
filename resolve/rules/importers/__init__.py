"""`resolve rules import FORMAT FILE -o DIR`: an event-data actor dictionary -> rule files.

Each format's reader (`petrarch`: PETRARCH/Phoenix `.actors.txt`; `icews`: the ICEWS
actor CSV) turns a file into `Actor`s with their dated titles; `write_rules` writes
them as `known_actors.csv` and `actor_titles.csv` (rules/README.md), which `resolve
rules check DIR` validates and `--rules DIR` uses.  A line that cannot be read is a
problem `file:line: what is wrong`; the rest is imported.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ...text import fold


@dataclass
class Term:
    """One title an actor held: normalized title, affiliation, ISO dates ("" = open)."""

    title: str
    affiliation: str = ""
    start: str = ""
    end: str = ""


@dataclass
class Actor:
    name: str
    aliases: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


@dataclass
class Imported:
    actors: list[Actor]
    problems: list[str]


def merge_actors(actors: list[Actor], problems: list[str], where: str) -> list[Actor]:
    """One actor per folded name (aliases and terms united); an alias claimed by two
    actors stays with the first (a name must point to one actor) and is reported."""
    by_name: dict[str, Actor] = {}
    owner: dict[str, str] = {}
    for a in actors:
        k = fold(a.name)
        into = by_name.setdefault(k, Actor(a.name))
        for alias in [a.name, *a.aliases]:
            f = fold(alias)
            if owner.setdefault(f, k) != k:
                problems.append(f"{where}: alias '{alias}' of '{a.name}' already names '{by_name[owner[f]].name}'; left out")
            elif alias != into.name and fold(alias) not in {fold(x) for x in into.aliases}:
                into.aliases.append(alias)
        into.terms.extend(t for t in a.terms if t not in into.terms)
    return [by_name[k] for k in sorted(by_name)]


def write_rules(actors: list[Actor], out: Path) -> tuple[Path, Path]:
    """known_actors.csv and actor_titles.csv of `actors` in `out` (created)."""
    out.mkdir(parents=True, exist_ok=True)
    known, titles = out / "known_actors.csv", out / "actor_titles.csv"
    with known.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["entity_id", "name", "aliases"])
        w.writerows(["", a.name, "|".join(a.aliases)] for a in actors)
    with titles.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["actor", "title", "affiliation", "from", "to"])
        w.writerows([a.name, t.title, t.affiliation, t.start, t.end] for a in actors for t in a.terms)
    return known, titles


def import_dictionary(fmt: str, path: Path) -> Imported:
    """Read `path` in `fmt` (one of FORMATS)."""
    from . import icews, petrarch

    readers = {"petrarch": petrarch.read, "icews": icews.read}
    actors, problems = readers[fmt](path)
    return Imported(merge_actors(actors, problems, str(path)), problems)


FORMATS = ("petrarch", "icews")
