"""`resolve rules import FORMAT FILE -o DIR`: an event-data actor dictionary -> rule files.

Each format's reader (`petrarch`: PETRARCH/Phoenix `.actors.txt`; `icews`: the ICEWS
actor CSV) turns a file into `Actor`s with their dated titles; `write_rules` writes
them as `known_actors.csv` and `actor_titles.csv` (rules/README.md), which `resolve
rules check DIR` validates and `--rules DIR` uses.  A line that cannot be read is a
problem `file:line: what is wrong`; the rest is imported.  A title the dictionary dates
with a status word ("Former Prime Minister" from 2010) is written as the post held
(`held_terms`): actor_titles.csv dates when a post was held.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ...text import fold
from ..model import Rules


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


def held_terms(terms: list[Term], rules: Rules) -> list[Term]:
    """The terms as posts held, with the title vocabulary of `rules`: a title called
    former from a date ("Former Prime Minister", 2010-) is the post held until then (when
    it started is not said); one called elect or designate until a date is held from
    then; an acting post is held.  The status word is left out of the title (its normal
    form is written); other titles stay as the dictionary writes them."""
    from ...titles import parse_title

    out = []
    for t in terms:
        p = parse_title(t.title, rules)
        if not p.normalized or p.status == "current":
            out.append(t)
        elif p.status == "former":
            out.append(Term(p.normalized, t.affiliation, "", t.start or t.end))
        elif p.status in ("elect", "designate"):
            out.append(Term(p.normalized, t.affiliation, t.end or t.start, ""))
        else:
            out.append(Term(p.normalized, t.affiliation, t.start, t.end))
    return out


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


def import_dictionary(fmt: str, path: Path, rules: Rules | None = None) -> Imported:
    """Read `path` in `fmt` (one of FORMATS); status words in titles are read with the
    title vocabulary of `rules` (the shipped rules by default)."""
    from . import icews, petrarch
    from ..load import load_rules

    readers = {"petrarch": petrarch.read, "icews": icews.read}
    actors, problems = readers[fmt](path)
    vocabulary = load_rules() if rules is None else rules
    for a in actors:
        a.terms = held_terms(a.terms, vocabulary)
    return Imported(merge_actors(actors, problems, str(path)), problems)


FORMATS = ("petrarch", "icews")
