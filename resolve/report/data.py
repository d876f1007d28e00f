"""The data embedded in the report: one JSON document built from an output directory.

Layout (short keys: the document is embedded for up to hundreds of thousands of
persons; report.js reads it):

    meta       {outdir, persons, mentions, articles, threshold, snippets, near_bits}
    articles   [[article_id, date, headline], ...]       referenced by index
    persons    [{id, n: name, al: [[alias, mentions]], ti: [[title, affiliation,
                 first, last, mentions]], af: [affiliation], m: mentions,
                 k: articles, s: first_seen, e: last_seen, ar: [article index],
                 rd: [redirected ID], dc: [decision index],
                 sn: [[article index, before, name, after]], fk: [folded form]}]
                most articles first
    templates  [sentence with {0}..{4}]                     see phrasing.decision_template
    decisions  [[template index, [values], merged 1|0, person index a, b (-1: none)]]
    review     {near: [[decision index, value, mentions affected]],
                splits: [[name, [entity ID]]], surname_only: [entity ID]}

`fk` holds `resolve.text.fold` of a name, alias or title only where it differs from
the folding report.js does itself (lower case, accents removed), e.g. for Cyrillic:
so a search typed in ASCII finds "Сергей Шойгу" as the matcher would.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

import pandas as pd

from ..registry.records import parse_alias_counts
from ..rules import Rules
from ..match.score import THRESHOLD
from ..text import fold
from . import uncertain
from .outputs import Outputs
from .phrasing import decision_template, literal
from .snippets import SNIPPETS_PER_PERSON, entity_snippets


def build(out: Outputs, rules: Rules, articles: pd.DataFrame | None = None, snippets_per_person: int = SNIPPETS_PER_PERSON) -> dict:
    """The report's JSON document for `out` (`rules` tell full names from short ones);
    `articles` (read_articles) add headlines and snippets."""
    art_rows, art_index = _article_table(out, articles)
    order = _article_order(out.registry, art_rows)
    snippets = {}
    if articles is not None and len(articles):
        texts = dict(zip(articles["article_id"], articles["text"]))
        snippets = entity_snippets(out.mentions, texts, order, snippets_per_person)
    redirected = defaultdict(list)
    for old, new in zip(out.redirects["old_id"], out.redirects["new_id"]):
        redirected[new].append(old)
    titles = defaultdict(list)
    for row in out.titles.sort_values(["entity_id", "first_seen", "last_seen", "title_normalized", "affiliation"]).itertuples(index=False):
        titles[row.entity_id].append([row.title_normalized, row.affiliation, row.first_seen, row.last_seen, int(row.n_mentions)])
    reg = out.registry.sort_values(["n_articles", "n_mentions", "name", "entity_id"], ascending=[False, False, True, True], kind="stable")
    templates, decisions, by_entity, index_of_row = _decisions(out.link_rows, {e: i for i, e in enumerate(reg["entity_id"])})
    persons = []
    for r in reg.itertuples(index=False):
        eid = r.entity_id
        aliases = _aliases(str(r.aliases), str(r.alias_counts))
        ti = titles.get(eid, [])
        p = {
            "id": eid,
            "n": r.name,
            "al": aliases,
            "ti": ti,
            "af": _split(r.affiliations),
            "m": int(r.n_mentions),
            "k": int(r.n_articles),
            "s": r.first_seen,
            "e": r.last_seen,
            "ar": [art_index[a] for a in order.get(eid, [])],
            "rd": sorted(redirected.get(eid, [])),
            "dc": by_entity.get(eid, []),
        }
        if eid in snippets:
            p["sn"] = [[art_index[a], *snip] for a, snip in snippets[eid].items()]
        extra = _extra_folds([r.name, *(a for a, _ in aliases), *(t[0] for t in ti)])
        if extra:
            p["fk"] = extra
        persons.append(p)
    return {
        "meta": {
            "outdir": out.outdir.name,
            "persons": len(persons),
            "mentions": int(len(out.mentions)),
            "articles": len(art_rows),
            "threshold": THRESHOLD,
            "snippets": bool(snippets),
            "near_bits": uncertain.NEAR_BITS,
        },
        "articles": art_rows,
        "persons": persons,
        "templates": templates,
        "decisions": decisions,
        "review": _review(out, rules, index_of_row),
    }


def _split(cell) -> list[str]:
    return [x for x in str(cell).split("|") if x]


def _aliases(aliases: str, alias_counts: str) -> list[list]:
    """[[alias, mentions]] most mentioned first; an alias added by hand has no count (None)."""
    counts = parse_alias_counts(alias_counts, "", []) or {}
    items = [[a, counts.get(a)] for a in _split(aliases)]
    return sorted(items, key=lambda x: (-(x[1] or 0), x[0]))


def _article_table(out: Outputs, articles: pd.DataFrame | None) -> tuple[list[list[str]], dict[str, int]]:
    """Every article the registry or the mentions name, sorted by ID, with date and headline."""
    dates = dict(zip(out.mentions["article_id"], out.mentions["date"]))
    headlines: dict[str, str] = {}
    if articles is not None and len(articles):
        headlines = dict(zip(articles["article_id"], articles["title"]))
        for aid, d in zip(articles["article_id"], articles["date"]):
            if d and not dates.get(aid):
                dates[aid] = d
    ids = set(out.mentions["article_id"])
    for cell in out.registry["article_ids"]:
        ids.update(_split(cell))
    rows = [[a, dates.get(a, ""), headlines.get(a, "")] for a in sorted(ids)]
    return rows, {a: i for i, (a, _, _) in enumerate(rows)}


def _article_order(registry: pd.DataFrame, art_rows: list[list[str]]) -> dict[str, list[str]]:
    """entity_id -> its articles, earliest first (undated last), then by ID."""
    ranked = sorted(art_rows, key=lambda r: (r[1] == "", r[1], r[0]))
    rank = {r[0]: i for i, r in enumerate(ranked)}
    return {eid: sorted(_split(cell), key=rank.__getitem__) for eid, cell in zip(registry["entity_id"], registry["article_ids"])}


def _decisions(link_rows: list[dict], person: dict[str, int]) -> tuple[list[str], list[list], dict[str, list[int]], dict[int, int]]:
    """Sentence templates, decisions, the decisions of each entity, and links row number -> decision index.

    A decision is [template index, values, merged (1/0), person index of side a, of side b]
    (-1: no person); `phrasing.fill(templates[t], values)` is its sentence.  Merges within
    one article are the bulk of links.csv and say the same thing for every article
    ("'Donilon' joined 'Thomas Donilon' within one article"): they are said once per
    entity and pair of forms, with the number of articles.
    """
    templates: dict[str, int] = {}
    decisions: list[list] = []
    by_entity: dict[str, list[int]] = defaultdict(list)
    index_of_row: dict[int, int] = {}
    grouped: dict[tuple, list[str]] = {}
    for i, row in enumerate(link_rows):
        if row["stage"] == "article" and row["decision"] == "merged":
            key = (row["a_entity"], row["b_entity"], row["a_text"], row["b_text"], row["reason"])
            grouped.setdefault(key, []).append(row["a_article"])
            continue
        index_of_row[i] = _add(decisions, by_entity, templates, person, row, *decision_template(row))
    for key in sorted(grouped):
        a_entity, b_entity, a_text, b_text, reason = key
        arts = sorted(grouped[key])
        row = {"a_entity": a_entity, "b_entity": b_entity, "decision": "merged"}
        if len(arts) == 1:
            row.update(stage="article", a_text=a_text, b_text=b_text, a_article=arts[0], b_article=arts[0], reason=reason)
            _add(decisions, by_entity, templates, person, row, *decision_template(row))
            continue
        shown = ", ".join(arts[:3]) + (", …" if len(arts) > 3 else "")
        template = f"'{{0}}' joined '{{1}}' within one article, in {{2}} articles ({{3}}): {literal(reason)}"
        _add(decisions, by_entity, templates, person, row, template, [a_text, b_text, str(len(arts)), shown])
    return list(templates), decisions, dict(by_entity), index_of_row


def _add(decisions: list[list], by_entity: dict[str, list[int]], templates: dict[str, int], person: dict[str, int], row: dict, template: str, values: list[str]) -> int:
    idx = len(decisions)
    t = templates.setdefault(template, len(templates))
    decisions.append([t, values, int(row["decision"] == "merged"), person.get(row["a_entity"], -1), person.get(row["b_entity"], -1)])
    for eid in dict.fromkeys((row["a_entity"], row["b_entity"])):
        if eid:
            by_entity[eid].append(idx)
    return idx


def _review(out: Outputs, rules: Rules, index_of_row: dict[int, int]) -> dict:
    near = [
        [index_of_row[d.link], round(d.value, 3), d.affected]
        for d in uncertain.ranked(uncertain.near_threshold(out))
        if d.link in index_of_row
    ]
    return {
        "near": near,
        "splits": [[name, ids] for name, ids in uncertain.same_name_groups(out.registry, rules)],
        "surname_only": uncertain.surname_only_entities(out),
    }


def _js_fold(s: str) -> str:
    """What report.js does to a query and to names before comparing them."""
    decomposed = unicodedata.normalize("NFD", s)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def _extra_folds(forms: list[str]) -> list[str]:
    # ASCII folds the same in both (lower case, single spaces): only the others are compared.
    return sorted({fold(f) for f in forms if f and not f.isascii() and fold(f) != _js_fold(f)})
