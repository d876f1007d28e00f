"""`resolve explain OUTDIR A B`: why two names or entities were, or were not, merged.

Reads OUTDIR's mentions.csv, registry.csv and links.csv (the matcher's decisions,
`registry.tables.links_table`), and the rules (all reading in `_Outputs`).  For two entities that are one, it prints the chain of
merge decisions that joins A's name to B's (stage, articles, features, probability,
rule).  For two that are apart, it prints the decisions recorded between them and
recomputes the comparison of their names with their contexts (titles, affiliations,
co-mentioned people, dates): every level, its weight, the probability, and the hard
rule or judgement that forbids the merge if one does.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .match.comparisons import COMPARISONS, NameSide, compare
from .match.context import Context
from .match.names import parse_name
from .match.score import PRIORS, THRESHOLD, level_weight, score
from .rules import Rules, load_rules
from .schema import LINKS_OUT_COLUMNS
from .text import fold
from .io.tables import output_file, read_output


@dataclass
class Explanation:
    a: str
    b: str
    a_entities: list[str] = field(default_factory=list)
    b_entities: list[str] = field(default_factory=list)
    merged: bool = False
    lines: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(self.lines)


class _Outputs:
    def __init__(self, outdir: Path):
        self.mentions = read_output(outdir, "mentions")
        self.registry = read_output(outdir, "registry")
        has_links = output_file(outdir, "links").is_file()
        self.links = read_output(outdir, "links") if has_links else pd.DataFrame(columns=LINKS_OUT_COLUMNS)
        self.name_of = dict(zip(self.registry["entity_id"], self.registry["name"]))

    def entities(self, query: str, rules: Rules) -> list[str]:
        """Entity IDs that `query` names: an entity ID, a registry name/alias, or a mention text."""
        if query in self.name_of:
            return [query]
        q, qn = fold(query), parse_name(query, rules).name_norm
        found = set()
        for eid, name, aliases in zip(self.registry["entity_id"], self.registry["name"], self.registry["aliases"]):
            forms = [name, *[x for x in str(aliases).split("|") if x]]
            if any(fold(f) == q or parse_name(f, rules).name_norm == qn for f in forms):
                found.add(eid)
        if not found:
            for eid, text in zip(self.mentions["entity_id"], self.mentions["text"]):
                if parse_name(text, rules).name_norm == qn:
                    found.add(eid)
        return sorted(found)

    def side(self, eid: str, rules: Rules, form: str | None = None) -> NameSide:
        """The entity as one side of a comparison: its name (or `form`) and its context."""
        rows = self.mentions[self.mentions["entity_id"] == eid]
        p = parse_name(form or self.name_of.get(eid, ""), rules)
        arts = set(rows["article_id"])
        others = self.mentions[self.mentions["article_id"].isin(arts) & (self.mentions["entity_id"] != eid)]
        com = {parse_name(t, rules).surname_key for t in others["text"]} - {p.surname_key}
        context = Context(
            frozenset(t for t in rows["title_normalized"] if t),
            frozenset(t for t in rows["affiliation"] if t),
            frozenset(c for c in com if c),
            tuple(sorted({d for d in rows["date"] if d})),
        )
        return NameSide(p, context)


def explain(outdir: str | Path, a: str, b: str, *, rules: Rules | None = None) -> Explanation:
    """Why A and B (names or entity IDs) are, or are not, one entity in OUTDIR."""
    rules = rules if rules is not None else load_rules()
    out = _Outputs(Path(outdir))
    ex = Explanation(a, b, out.entities(a, rules), out.entities(b, rules))
    say = ex.lines.append
    for q, ents in ((a, ex.a_entities), (b, ex.b_entities)):
        if not ents:
            say(f"'{q}': no entity with this ID, name or alias in {outdir}")
        else:
            say(f"'{q}': " + ", ".join(f"{e} ({out.name_of.get(e, '?')})" for e in ents))
    if not ex.a_entities or not ex.b_entities:
        _judgements(ex, rules, out)
        say("names alone (no context), as the matcher would compare them:")
        _verdict(ex, _name_side(a, rules), _name_side(b, rules), rules)
        return ex
    shared = sorted(set(ex.a_entities) & set(ex.b_entities))
    _judgements(ex, rules, out)
    if shared:
        ex.merged = True
        for eid in shared:
            say(f"MERGED: both are {eid} ({out.name_of.get(eid, '?')}).")
            _merge_path(ex, out, eid, a, b, rules)
        return ex
    say("NOT MERGED: different entities.")
    for ea in ex.a_entities[:3]:
        for eb in ex.b_entities[:3]:
            _apart(ex, out, ea, eb, a, b, rules)
    return ex


def _judgements(ex: Explanation, rules: Rules, out: _Outputs) -> None:
    keys = {fold(x) for x in (ex.a, ex.b, *ex.a_entities, *ex.b_entities)}
    keys |= {fold(out.name_of.get(e, "")) for e in (*ex.a_entities, *ex.b_entities)}
    for j in rules.judgements:
        if fold(j.a) in keys or fold(j.b) in keys:
            ex.lines.append(f"judgement: {j.judgement} '{j.a}' / '{j.b}' ({j.where})")


def _form_key(text: str, rules: Rules) -> str:
    return parse_name(text, rules).name_norm


def _merge_path(ex: Explanation, out: _Outputs, eid: str, a: str, b: str, rules: Rules) -> None:
    """The merge decisions joining A's name form to B's inside entity `eid` (breadth-first)."""
    links = out.links[(out.links["decision"] == "merged") & (out.links["a_entity"] == eid) & (out.links["b_entity"] == eid)]
    graph: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for row in links.to_dict("records"):
        ka, kb = _form_key(row["a_text"], rules), _form_key(row["b_text"], rules)
        graph[ka].append((kb, row))
        graph[kb].append((ka, row))
    start = _form_key(a, rules) if a != eid else _form_key(out.name_of.get(eid, ""), rules)
    goal = _form_key(b, rules) if b != eid else _form_key(out.name_of.get(eid, ""), rules)
    if start == goal:
        ex.lines.append(f"  same name form '{start}': mentions of one form in one article are one unit; across articles the same full name joins unless contexts prove two people")
        return
    prev: dict[str, tuple[str, dict] | None] = {start: None}
    queue = deque([start])
    while queue and goal not in prev:
        node = queue.popleft()
        for nxt, row in sorted(graph.get(node, ()), key=lambda x: x[0]):
            if nxt not in prev:
                prev[nxt] = (node, row)
                queue.append(nxt)
    if goal not in prev:
        ex.lines.append("  no recorded chain between these forms (joined through a fixed ID, a must-link, or mentions of one name form)")
        for row in links.head(10).to_dict("records"):
            ex.lines.append("  " + _row_text(row))
        return
    chain = []
    node = goal
    while prev[node] is not None:
        node, row = prev[node]
        chain.append(row)
    for row in reversed(chain):
        ex.lines.append("  " + _row_text(row))


def _row_text(row: dict) -> str:
    head = f"[{row['stage']}] '{row['a_text']}' ({row['a_article']}) ~ '{row['b_text']}' ({row['b_article']}): {row['decision']}"
    bits = []
    if str(row.get("probability", "")) != "":
        bits.append(f"p={row['probability']}")
    if str(row.get("weight", "")) != "":
        bits.append(f"weight={row['weight']}")
    if row.get("features"):
        bits.append(row["features"])
    if row.get("reason"):
        bits.append(row["reason"])
    return head + ("; " + "; ".join(bits) if bits else "")


def _apart(ex: Explanation, out: _Outputs, ea: str, eb: str, a: str, b: str, rules: Rules) -> None:
    say = ex.lines.append
    say(f"{ea} ({out.name_of.get(ea, '?')}) vs {eb} ({out.name_of.get(eb, '?')}):")
    lk = out.links
    between = lk[((lk["a_entity"] == ea) & (lk["b_entity"] == eb)) | ((lk["a_entity"] == eb) & (lk["b_entity"] == ea))]
    if len(between):
        say("  decisions recorded by the matcher:")
        for row in between.head(12).to_dict("records"):
            say("    " + _row_text(row))
    else:
        say("  no decision recorded between them: not a candidate pair (different surname and phonetic keys), or no rule reached them")
    form_a = a if a not in out.name_of else None
    form_b = b if b not in out.name_of else None
    sa, sb = out.side(ea, rules, form_a), out.side(eb, rules, form_b)
    _verdict(ex, sa, sb, rules)


def _name_side(name: str, rules: Rules) -> NameSide:
    return NameSide(parse_name(name, rules))


def _verdict(ex: Explanation, sa: NameSide, sb: NameSide, rules: Rules) -> None:
    """Recompute and print the comparison of two sides, level by level."""
    say = ex.lines.append
    vec = compare(sa, sb, rules)
    full = bool(sa.name.given) and bool(sb.name.given)
    stage = "name" if full else "surname_unique"
    sc = score(vec, stage)
    say(f"  recomputed comparison ({'two full names' if full else 'a short name against a full name'}; prior {PRIORS[stage]:+.1f} bits):")
    for c in COMPARISONS:
        lv = vec.levels.get(c.name)
        if lv is None:
            continue
        w = level_weight(c.name, lv)
        say(f"    {c.name:12s} {lv:10s} {'-inf (hard rule)' if w == -math.inf else f'{w:+.2f}'}")
    if sc.blocked:
        say(f"  -> never merged: {sc.blocked}")
    else:
        verdict = "at or above" if sc.probability >= THRESHOLD else "below"
        say(f"  -> weight {sc.weight:+.2f}, probability {sc.probability:.3f} ({verdict} the threshold {THRESHOLD})")
