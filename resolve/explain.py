"""`resolve explain OUTDIR A B`: why two names or entities were, or were not, merged.

Reads OUTDIR's mentions, registry, redirects, links (the matcher's decisions,
`registry.links.links_table`) and, when present, the evidence of earlier batches
(evidence.csv), and the rules (all reading in `_Outputs`).

Each side is an entity ID or a name (`Query`): an ID is followed through the redirects
(an ID merged into another stands for the survivor, and the merge is shown); a name
is looked up among the registry's names and aliases and the mentions' forms, and may
name several entities (a shared alias of two people).  Then, for every pair of
entities the two sides name: one entity -> the chain of merge decisions that joins
A's form to B's (stage, articles, features, probability, rule), and the cross-batch
merges (redirects) into it; two entities -> the decisions recorded between them and
the recomputed comparison of their names with their contexts (titles, affiliations,
co-mentioned people, dates): every level, its weight, the probability, and the hard
rule or judgement that forbids the merge if one does.  `Explanation.found` is False
when a side names nothing (the CLI then exits 1).
"""

from __future__ import annotations

import math
import re
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

#: What resolve's entity IDs look like ("E" + 8 base32 characters): such a side is an ID, never a name.
ENTITY_ID_SHAPE = re.compile(r"^E[a-z2-7]{8}$")


@dataclass(frozen=True)
class Query:
    """One side of `explain`: `kind` "id", "name", or "auto" (an ID the outputs know or that
    has the shape of one, else a name)."""

    text: str
    kind: str = "auto"


@dataclass
class Explanation:
    a: str
    b: str
    a_entities: list[str] = field(default_factory=list)
    b_entities: list[str] = field(default_factory=list)
    merged: bool = False  # both sides name the same one entity
    lines: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        """Both sides name at least one entity."""
        return bool(self.a_entities) and bool(self.b_entities)

    def __str__(self) -> str:
        return "\n".join(self.lines)


def _table(outdir: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    return read_output(outdir, name) if output_file(outdir, name).is_file() else pd.DataFrame(columns=columns or [])


class _Outputs:
    def __init__(self, outdir: Path):
        self.outdir = outdir
        self.mentions = read_output(outdir, "mentions")
        self.registry = read_output(outdir, "registry")
        self.links = _table(outdir, "links", LINKS_OUT_COLUMNS)
        self.redirects = _table(outdir, "redirects", ["old_id", "new_id", "reason", "run_date"])
        evidence = _table(outdir, "evidence")
        # All mentions counted so far: the evidence when the outputs keep it, else this run's.
        self.seen = evidence if len(evidence) else self.mentions
        self.name_of = dict(zip(self.registry["entity_id"], self.registry["name"]))
        self.redirect_of = {r["old_id"]: r for r in self.redirects.to_dict("records")}
        self.this_run = set(self.mentions["article_id"])

    def resolve(self, q: Query, rules: Rules, say) -> list[str]:
        """Entity IDs that query `q` names (see `Query`); notes on redirects are said."""
        is_id = q.kind == "id" or (q.kind == "auto" and (q.text in self.name_of or q.text in self.redirect_of or ENTITY_ID_SHAPE.match(q.text)))
        if not is_id:
            return self.by_name(q.text, rules)
        if q.text in self.redirect_of:
            r = self.redirect_of[q.text]
            say(f"'{q.text}' was merged into {r['new_id']} ({r.get('run_date') or 'date unknown'}): {r.get('reason', '')}")
            return [r["new_id"]] if r["new_id"] in self.name_of else []
        return [q.text] if q.text in self.name_of else []

    def by_name(self, query: str, rules: Rules) -> list[str]:
        """Entities with `query` as name or alias (folded, or the same name key), else with a mention of it."""
        q, qn = fold(query), parse_name(query, rules).name_norm
        found = set()
        for eid, name, aliases in zip(self.registry["entity_id"], self.registry["name"], self.registry["aliases"]):
            forms = [name, *[x for x in str(aliases).split("|") if x]]
            if any(fold(f) == q or parse_name(f, rules).name_norm == qn for f in forms):
                found.add(eid)
        if not found:
            for eid, text in zip(self.seen["entity_id"], self.seen["text"]):
                if parse_name(text, rules).name_norm == qn:
                    found.add(eid)
        return sorted(found)

    def label(self, eid: str) -> str:
        return f"{eid} ({self.name_of.get(eid, '?')})"

    def side(self, eid: str, rules: Rules, form: str | None = None) -> NameSide:
        """The entity as one side of a comparison: its name (or `form`) and its context, over all
        the mentions counted so far."""
        seen = self.seen
        rows = seen[seen["entity_id"] == eid]
        p = parse_name(form or self.name_of.get(eid, ""), rules)
        arts = set(rows["article_id"])
        others = seen[seen["article_id"].isin(arts) & (seen["entity_id"] != eid)]
        com = {parse_name(t, rules).surname_key for t in others["text"]} - {p.surname_key}
        context = Context(
            frozenset(t for t in rows["title_normalized"] if t),
            frozenset(t for t in rows["affiliation"] if t),
            frozenset(c for c in com if c),
            tuple(sorted({d for d in rows["date"] if d})),
        )
        return NameSide(p, context)

    def row_text(self, row: dict) -> str:
        """One recorded decision, with the articles of earlier batches marked."""

        def where(article: str) -> str:
            if article.startswith("@registry:"):
                return f"{article}, the previous registry's entry"
            return article if article in self.this_run else f"{article}, earlier batch"

        head = f"[{row['stage']}] '{row['a_text']}' ({where(row['a_article'])}) ~ '{row['b_text']}' ({where(row['b_article'])}): {row['decision']}"
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


def explain(outdir: str | Path, a: str | Query, b: str | Query, *, rules: Rules | None = None) -> Explanation:
    """Why A and B (names or entity IDs, see `Query`) are, or are not, one entity in OUTDIR."""
    rules = rules if rules is not None else load_rules()
    qa, qb = (q if isinstance(q, Query) else Query(q) for q in (a, b))
    out = _Outputs(Path(outdir))
    ex = Explanation(qa.text, qb.text)
    say = ex.lines.append
    ex.a_entities = out.resolve(qa, rules, say)
    ex.b_entities = out.resolve(qb, rules, say)
    for q, ents in ((qa, ex.a_entities), (qb, ex.b_entities)):
        what = "ID" if q.kind == "id" or (not ents and ENTITY_ID_SHAPE.match(q.text)) else "ID, name or alias"
        if not ents:
            say(f"'{q.text}': no entity with this {what} in {outdir}")
        elif len(ents) == 1:
            say(f"'{q.text}': {out.label(ents[0])}")
        else:
            say(f"'{q.text}' is a name of {len(ents)} entities: " + ", ".join(out.label(e) for e in ents))
    _judgements(ex, rules, out)
    if not ex.found:
        if all(q.kind != "id" and not ENTITY_ID_SHAPE.match(q.text) for q in (qa, qb)):
            say("names alone (no context), as the matcher would compare them:")
            _verdict(ex, NameSide(parse_name(qa.text, rules)), NameSide(parse_name(qb.text, rules)), rules)
        return ex
    ex.merged = len(ex.a_entities) == 1 and ex.a_entities == ex.b_entities
    if len(ex.a_entities) > 1 or len(ex.b_entities) > 1:
        say("SHARED NAME: a side names several entities; each pair in turn.")
    for ea in ex.a_entities[:3]:
        for eb in ex.b_entities[:3]:
            if ea == eb:
                say(f"MERGED: both are {out.label(ea)}.")
                _merge_path(ex, out, ea, qa, qb, rules)
                _cross_batch(ex, out, ea)
            else:
                say(f"NOT MERGED: {out.label(ea)} and {out.label(eb)} are different entities.")
                _apart(ex, out, ea, eb, qa, qb, rules)
    return ex


def _judgements(ex: Explanation, rules: Rules, out: _Outputs) -> None:
    keys = {fold(x) for x in (ex.a, ex.b, *ex.a_entities, *ex.b_entities)}
    keys |= {fold(out.name_of.get(e, "")) for e in (*ex.a_entities, *ex.b_entities)}
    for j in rules.judgements:
        if fold(j.a) in keys or fold(j.b) in keys:
            ex.lines.append(f"judgement: {j.judgement} '{j.a}' / '{j.b}' ({j.where})")


def _form_key(text: str, rules: Rules) -> str:
    return parse_name(text, rules).name_norm


def _form(q: Query, eid: str, out: _Outputs) -> str:
    """The name form a side stands for in entity `eid`: its text, or the entity's name for an ID."""
    return q.text if q.text not in out.name_of and q.text not in out.redirect_of and q.kind != "id" else out.name_of.get(eid, "")


def _cross_batch(ex: Explanation, out: _Outputs, eid: str) -> None:
    """Entities of earlier batches merged into `eid` (redirects.csv)."""
    for r in out.redirects[out.redirects["new_id"] == eid].to_dict("records"):
        ex.lines.append(f"  cross-batch merge: {r['old_id']} -> {eid} ({r.get('run_date') or 'date unknown'}): {r.get('reason', '')}")


def _merge_path(ex: Explanation, out: _Outputs, eid: str, qa: Query, qb: Query, rules: Rules) -> None:
    """The merge decisions joining A's name form to B's inside entity `eid` (breadth-first)."""
    links = out.links[(out.links["decision"] == "merged") & (out.links["a_entity"] == eid) & (out.links["b_entity"] == eid)]
    graph: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for row in links.to_dict("records"):
        ka, kb = _form_key(row["a_text"], rules), _form_key(row["b_text"], rules)
        graph[ka].append((kb, row))
        graph[kb].append((ka, row))
    start, goal = _form_key(_form(qa, eid, out), rules), _form_key(_form(qb, eid, out), rules)
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
            ex.lines.append("  " + out.row_text(row))
        return
    chain = []
    node = goal
    while prev[node] is not None:
        node, row = prev[node]
        chain.append(row)
    for row in reversed(chain):
        ex.lines.append("  " + out.row_text(row))


def _apart(ex: Explanation, out: _Outputs, ea: str, eb: str, qa: Query, qb: Query, rules: Rules) -> None:
    say = ex.lines.append
    lk = out.links
    between = lk[((lk["a_entity"] == ea) & (lk["b_entity"] == eb)) | ((lk["a_entity"] == eb) & (lk["b_entity"] == ea))]
    if len(between):
        say("  decisions recorded by the matcher:")
        for row in between.head(12).to_dict("records"):
            say("    " + out.row_text(row))
    else:
        say("  no decision recorded between them (a pair the given-name or surname rule excludes is not written; the comparison below says which)")
    sa, sb = out.side(ea, rules, _form(qa, ea, out)), out.side(eb, rules, _form(qb, eb, out))
    _verdict(ex, sa, sb, rules)


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
