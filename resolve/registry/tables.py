"""From clustered mentions to the output tables: mentions, registry, titles, redirects.

Each cluster gets its entity ID (`ids`); the registry's pseudo-mentions
(`pseudo`, see `continuation`) are left out of the outputs and the counts.  The
registry is cumulative over runs chained with --registry: each entity's counts,
dates, aliases and titles are the previous ones plus this batch's (docs/output.md),
and so is its bookkeeping (`evidence`: the evidence and articles tables).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping

import pandas as pd

from ..rules import Rules
from ..schema import LINKS_COLUMNS, LINKS_OUT_COLUMNS, MENTIONS_OUT_COLUMNS, REDIRECTS_COLUMNS, REGISTRY_COLUMNS, TITLES_COLUMNS
from ..titles import name_without_title
from .continuation import PSEUDO_PREFIX, carried_evidence
from .evidence import articles_table, evidence_table
from .ids import anchor_priority, assign_entity_ids, canonical_name, choose_ids, cluster_anchors, mention_id
from .previous import PreviousRegistry
from .records import Entity, Redirect, TitleStat, format_alias_counts


#: Title statuses of a post not held yet on the article's date: they date nothing.
NOT_YET_HELD = ("elect", "designate")


def _join(values) -> str:
    return "|".join(sorted({v for v in values if v}))


def _batch_entities(df: pd.DataFrame, counted: pd.Series) -> tuple[dict[str, Entity], list[TitleStat]]:
    """This batch's contribution per entity; only `counted` rows add to mention counts.

    One pass over plain columns: a per-entity pandas groupby costs ~100 us per group,
    which dominated resolution time at 10^5 entities.
    """
    entities: dict[str, Entity] = {}
    stats: dict[tuple[str, str, str], TitleStat] = {}
    status = df["title_status"] if "title_status" in df.columns else [""] * len(df)
    rows = zip(df["entity_id"], df["text"], df["title_normalized"], status, df["affiliation"], df["article_id"], df["date"], counted.to_numpy())
    for eid, text, title, title_status, aff, article, date, is_counted in rows:
        e = entities.get(eid)
        if e is None:
            e = entities[eid] = Entity(eid)
        n = 1 if is_counted else 0
        e.alias_counts[text] += n  # a form seen only in uncounted rows stays, with 0
        e.n_mentions += n
        e.article_ids.add(article)
        if aff:
            e.affiliations.add(aff)
        dated = isinstance(date, str) and date
        if dated:
            e.first_seen = min(e.first_seen, date) if e.first_seen else date
            e.last_seen = max(e.last_seen, date)
        if title:
            e.titles.add(title)
            key = (eid, title, aff)
            t = stats.get(key)
            if t is None:
                t = stats[key] = TitleStat(eid, title, aff)
            t.n_mentions += n
            t.article_ids.add(article)
            if dated and title_status == "former":
                t.former_seen = _min_date(t.former_seen, date)
            elif dated and title_status not in NOT_YET_HELD:
                t.first_seen = min(t.first_seen, date) if t.first_seen else date
                t.last_seen = max(t.last_seen, date)
    return {k: entities[k] for k in sorted(entities)}, [stats[k] for k in sorted(stats)]


def _min_date(a: str, b: str) -> str:
    return min(x for x in (a, b) if x) if (a or b) else ""


def _absorb(dst: Entity, src: Entity, *, merged: bool = False) -> None:
    """Add `src` (a previous entity or this batch's part) into `dst`.

    The survivor's name stands; a hand-set name of an entity `merged` into it is kept
    as an alias (so it is neither lost nor silently made the name).
    """
    if merged:
        if src.human_name and src.name:
            dst.added.add(src.name)
    elif not dst.name and src.name:
        dst.name, dst.human_name = src.name, src.human_name
    dst.alias_counts.update(src.alias_counts)  # update() keeps zero counts: the form was seen
    dst.added |= src.added
    dst.removed |= src.removed
    dst.titles |= src.titles
    dst.affiliations |= src.affiliations
    dst.n_mentions += src.n_mentions
    dst.article_ids |= src.article_ids
    dst.unlisted_articles += src.unlisted_articles
    dst.first_seen = _min_date(dst.first_seen, src.first_seen)
    dst.last_seen = max(dst.last_seen, src.last_seen)


def auto_name(e: Entity) -> str:
    """The name resolve picks: canonical form among those counted (hand-removed forms excluded)."""
    counted = Counter({f: c for f, c in e.alias_counts.items() if c > 0 and f not in e.removed})
    if counted:
        return canonical_name(counted)
    seen = Counter({f: 0 for f in e.alias_counts if f not in e.removed})
    return canonical_name(seen) if seen else ""


def accumulate(
    batch: dict[str, Entity],
    batch_titles: list[TitleStat],
    previous: PreviousRegistry | None,
    merges: list[Redirect],
    fixed_ids: Iterable[str] = (),
) -> tuple[dict[str, Entity], list[TitleStat]]:
    """Previous entities (merged ones into their survivor) plus this batch, per live ID."""
    target = {m.old_id: m.new_id for m in merges}
    records: dict[str, Entity] = {}
    if previous is not None:
        fixed = set(fixed_ids)
        # The survivor's own record first, then those merged into it by priority.
        order = sorted(
            previous.entities,
            key=lambda i: (target.get(i, i), i in target, anchor_priority(i, previous, fixed)),
        )
        for eid in order:
            live = target.get(eid, eid)
            _absorb(records.setdefault(live, Entity(live)), previous.entities[eid], merged=eid in target)
    for eid in sorted(batch):
        _absorb(records.setdefault(eid, Entity(eid)), batch[eid])
    for e in records.values():
        e.added -= set(e.alias_counts)
        e.removed &= set(e.alias_counts)

    stats: dict[tuple[str, str, str], TitleStat] = {}
    prev_titles = previous.titles if previous is not None else []
    for t in list(prev_titles) + list(batch_titles):
        live = target.get(t.entity_id, t.entity_id)
        s = stats.setdefault((live, t.title_normalized, t.affiliation), TitleStat(live, t.title_normalized, t.affiliation))
        s.first_seen = _min_date(s.first_seen, t.first_seen)
        s.last_seen = max(s.last_seen, t.last_seen)
        s.former_seen = _min_date(s.former_seen, t.former_seen)
        s.n_mentions += t.n_mentions
        s.article_ids |= t.article_ids
    return records, [stats[k] for k in sorted(stats)]


def _registry_frame(records: dict[str, Entity], fixed_names: Mapping[str, str]) -> pd.DataFrame:
    rows = []
    for eid in sorted(records):
        e = records[eid]
        # A known actor's name from the rules is what resolve chooses for its fixed ID.
        auto = fixed_names.get(eid) or auto_name(e)
        rows.append(
            {
                "entity_id": eid,
                "name": e.name if e.human_name else (auto or e.name),
                "aliases": _join(e.aliases),
                "titles": _join(e.titles),
                "affiliations": _join(e.affiliations),
                "n_mentions": e.n_mentions,
                "n_articles": e.n_articles,
                "first_seen": e.first_seen,
                "last_seen": e.last_seen,
                "article_ids": _join(e.article_ids),
                "auto_name": auto,
                "alias_counts": format_alias_counts(e.alias_counts),
            }
        )
    return pd.DataFrame.from_records(rows, columns=REGISTRY_COLUMNS)


def _titles_frame(stats: list[TitleStat]) -> pd.DataFrame:
    rows = [
        {
            "entity_id": s.entity_id,
            "title_normalized": s.title_normalized,
            "affiliation": s.affiliation,
            "first_seen": s.first_seen,
            "last_seen": s.last_seen,
            "former_seen": s.former_seen,
            "n_mentions": s.n_mentions,
            "article_ids": _join(s.article_ids),
        }
        for s in stats
    ]
    return pd.DataFrame.from_records(rows, columns=TITLES_COLUMNS)


def _redirects_frame(previous: PreviousRegistry | None, merges: list[Redirect], run_date: str) -> pd.DataFrame:
    """Previous redirects (retargeted through this run's merges) plus this run's merges."""
    target = {m.old_id: m.new_id for m in merges}
    rows = {}
    if previous is not None:
        for r in previous.redirects.values():
            rows[r.old_id] = {"old_id": r.old_id, "new_id": target.get(r.new_id, r.new_id), "reason": r.reason, "run_date": r.run_date}
    for m in merges:
        rows[m.old_id] = {"old_id": m.old_id, "new_id": m.new_id, "reason": m.reason, "run_date": run_date}
    return pd.DataFrame.from_records([rows[k] for k in sorted(rows)], columns=REDIRECTS_COLUMNS)


def default_run_date(articles: pd.DataFrame, previous: PreviousRegistry | None) -> str:
    """Deterministic run date: the latest article date of the batch, else of the previous registry."""
    dates = [d for d in (articles["date"] if len(articles) else []) if isinstance(d, str) and d]
    if not dates and previous is not None:
        dates = [e.last_seen for e in previous.entities.values() if e.last_seen]
    return max(dates) if dates else ""


def build_tables(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    cluster_col: str = "cluster",
    *,
    previous: PreviousRegistry | None = None,
    run_date: str | None = None,
    fixed_ids: Iterable[str] | Mapping[str, str] = (),
    rules: Rules | None = None,
) -> dict[str, pd.DataFrame]:
    """The output tables from clustered mentions (column `cluster_col`; `date`, `title_normalized`
    and `affiliation` filled, as `match.cluster_with_links` returns them).

    `mentions` may hold the pseudo-mentions of `previous` (`continuation.add_registry_mentions`,
    flagged `soft_anchor`: left out of the outputs) and an `anchor_id` column.  `fixed_ids`:
    entity IDs fixed by rules (known actors), which win merges and are never handed out to
    other clusters; when a mapping, ID -> the actor's name, which becomes the entity's name
    (unless the registry's name was set by hand).  Without anchors or a previous registry,
    an `entity_id` column already present in `mentions` is kept.  Names and aliases are
    the mentions' texts without a leading title or honorific of `rules` (none without rules).
    Returns {"mentions", "registry", "titles", "redirects", "evidence", "articles"}.
    """
    fixed_names = {k: v for k, v in fixed_ids.items() if v} if isinstance(fixed_ids, Mapping) else {}
    fixed_ids = set(fixed_ids)
    pseudo = mentions["pseudo"].eq(True) if "pseudo" in mentions.columns else pd.Series(False, index=mentions.index)
    anchors = cluster_anchors(mentions, cluster_col, previous)
    merges: list[Redirect] = []
    real = mentions[~pseudo].copy()
    replayed = mentions[pseudo & ~mentions["article_id"].astype(str).str.startswith(PSEUDO_PREFIX)].copy()
    # Names and aliases never carry a title, whatever the extractor left in the span.
    names = real.assign(text=[name_without_title(t, rules) for t in real["text"]]) if rules is not None else real
    if anchors or previous is not None or "entity_id" not in mentions.columns:
        n_new = Counter(real[cluster_col]) if len(real) else Counter()
        ids, merges = choose_ids(anchors, n_new, previous, fixed_ids)
        reserved = fixed_ids | set(ids.values()) | (previous.issued_ids if previous is not None else set())
        fresh = names[~names[cluster_col].isin(list(ids))]
        ids.update(assign_entity_ids(fresh, cluster_col, reserved) if len(fresh) else {})
        real["entity_id"] = [ids[c] for c in real[cluster_col]]
        replayed["entity_id"] = [ids[c] for c in replayed[cluster_col]]
    real["mention_id"] = [mention_id(a, s, e) for a, s, e in zip(real["article_id"], real["start"], real["end"])]
    for col in MENTIONS_OUT_COLUMNS:
        if col not in real.columns:
            real[col] = ""
    mentions_out = real[MENTIONS_OUT_COLUMNS].sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)

    if names is not real:
        names = names.assign(entity_id=real["entity_id"])
    batch, batch_titles = _batch_entities(names, counted_rows(real, previous))
    records, title_stats = accumulate(batch, batch_titles, previous, merges, fixed_ids)
    if run_date is None:
        run_date = default_run_date(articles, previous)
    target = {m.old_id: m.new_id for m in merges}
    carried = carried_evidence(previous) if previous is not None and previous.evidence is not None else None
    if carried is not None:
        carried = carried.assign(entity_id=[target.get(e, e) for e in carried["entity_id"]])
    evidence_rows = pd.concat([real, replayed], ignore_index=True) if len(replayed) else real
    return {
        "mentions": mentions_out,
        "registry": _registry_frame(records, fixed_names),
        "titles": _titles_frame(title_stats),
        "redirects": _redirects_frame(previous, merges, run_date),
        "evidence": evidence_table(evidence_rows, carried),
        "articles": articles_table(previous.articles if previous is not None else None, articles, real),
    }


def counted_rows(real: pd.DataFrame, previous: PreviousRegistry | None) -> pd.Series:
    """Which mentions add to the counts: all, except those of an article counted before --
    with bookkeeping, exactly the re-run rows that stand for their evidence (anchored by
    `continuation`) -- whose entity was known before.  A mention of an entity that is new
    in this run always counts, so no entity is ever written with zero mentions."""
    if previous is None:
        return pd.Series(True, index=real.index)
    if previous.evidence is not None:
        seen = real["soft_anchor"].eq(True) if "soft_anchor" in real.columns else pd.Series(False, index=real.index)
    else:
        seen = real["article_id"].isin(previous.counted_articles)
    return ~seen | ~real["entity_id"].isin(set(previous.entities))


def links_table(links: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The links with the entity IDs their sides ended in (LINKS_OUT_COLUMNS).

    A side is found in this run's mentions or in the evidence (an earlier batch's
    article); a stand-in `@registry:<ID>` is that ID, followed through the redirects."""
    out = links.reindex(columns=LINKS_COLUMNS).fillna("")
    eid: dict[tuple[str, str], str] = {}
    for name in ("evidence", "mentions"):
        t = tables.get(name)
        if t is not None and len(t):
            eid.update(zip(zip(t["article_id"].astype(str), t["text"].astype(str)), t["entity_id"]))
    red = tables.get("redirects")
    live = dict(zip(red["old_id"], red["new_id"])) if red is not None and len(red) else {}

    def side(article: str, text: str) -> str:
        if article.startswith(PSEUDO_PREFIX):
            e = article[len(PSEUDO_PREFIX) :]
            return live.get(e, e)
        return eid.get((article, text), "")

    out["a_entity"] = [side(a, t) for a, t in zip(out["a_article"], out["a_text"])]
    out["b_entity"] = [side(a, t) for a, t in zip(out["b_article"], out["b_text"])]
    return out[LINKS_OUT_COLUMNS].reset_index(drop=True)
