"""Loading rules: parse each file -> merge the layers -> check the whole -> build `Rules`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from ..errors import RuleError
from ..text import fold
from .checks import check_actor_titles, check_judgements, check_known_actors, check_transliterations
from .layers import GIVEN_NAMES_SOURCE, NICKNAMES_SOURCE, Layered, default_rules_dir, packaged_rows
from .model import ActorTitle, Judgement, KnownActor, Rules, Title, Translit
from .spec import RULE_FILES, Row


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
            v = r.values
            rules.titles[fold(v["phrase"])] = Title(v.get("normalized", ""), v["kind"], v.get("role_kind", ""), v.get("status", ""))
    elif name == "affiliations.csv":
        for r in rows:
            rules.affiliations[fold(r.values["phrase"])] = r.values["affiliation"]
            rules.affiliation_kinds[fold(r.values["phrase"])] = r.values.get("kind", "")
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
    layered = Layered()
    if defaults:
        given, nicks = packaged_rows()
        layered.merge_file(RULE_FILES["given_names.txt"], list(given))
        layered.merge_file(RULE_FILES["nicknames.csv"], list(nicks))
        layered.sources.extend([NICKNAMES_SOURCE, GIVEN_NAMES_SOURCE])
        layered.merge_dir(default_rules_dir())
    for d in dirs:
        layered.merge_dir(Path(d))

    merged = {name: list(entries.values()) for name, entries in layered.entries.items()}
    problems = list(layered.problems)
    problems.extend(check_known_actors(merged["known_actors.csv"]))
    problems.extend(check_actor_titles(merged["actor_titles.csv"], merged["known_actors.csv"]))
    problems.extend(check_transliterations(merged["transliterations.csv"]))

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
