"""Stage 3 of loading: checks of the merged whole, and the summary `resolve rules check` prints.

Per-row checks live with the file kinds (spec.py); these need several rows or files
at once: a name owned by two actors, titles of unknown actors, transliteration
chains, and must-link chains that contradict a cannot-link.
"""

from __future__ import annotations

from collections import deque

from ..text import fold
from .model import Rules
from .spec import RULE_FILES, Row


def check_known_actors(actors: list[Row]) -> list[str]:
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


def check_actor_titles(titles: list[Row], actors: list[Row]) -> list[str]:
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


def check_transliterations(rows: list[Row]) -> list[str]:
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


def summary(rules: Rules) -> list[str]:
    """Human-readable lines: the layers loaded and the entries in force per rule file."""
    lines = [f"rules ok: {len(rules.sources)} layer(s), later winning: " + " < ".join(rules.sources or ["none"])]
    width = max(len(n) for n in RULE_FILES)
    for name in RULE_FILES:
        lines.append(f"  {name:<{width}}  {rules.counts.get(name, 0):>6} entries")
    return lines
