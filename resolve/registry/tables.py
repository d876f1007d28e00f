"""From clustered mentions to the output tables: mentions, registry, titles, redirects.

Each cluster gets its entity ID (`ids`); the registry's pseudo-mentions
(`soft_anchor`, see `continuation`) are left out of the outputs and the counts.  The
registry is cumulative over runs chained with --registry: each entity's counts,
dates, aliases and titles are the previous ones plus this batch's (docs/output.md).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping

import numpy as np
import pandas as pd

from ..schema import LINKS_COLUMNS, LINKS_OUT_COLUMNS, MENTIONS_OUT_COLUMNS, REDIRECTS_COLUMNS, REGISTRY_COLUMNS, TITLES_COLUMNS
from .ids import anchor_priority, assign_entity_ids, canonical_name, choose_ids, cluster_anchors, mention_id
from .previous import PreviousRegistry
from .records import Entity, Redirect, TitleStat, format_alias_counts


def _join(values) -> str:
    return "|".join(sorted({v for v in values if v}))


def _coded(s: pd.Series) -> tuple[np.ndarray, list]:
    """(code of each row, distinct values) of a column, categorical or not."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.codes.to_numpy().astype(np.int64), list(s.cat.categories)
    codes, uniq = pd.factorize(s, use_na_sentinel=False)
    return codes.astype(np.int64), list(uniq)


def _pairs(a: np.ndarray, b: np.ndarray, nb: int, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Distinct (a, b) code pairs (b < nb), and the sum of `weights` over each pair's rows."""
    keys, inv = np.unique(a * nb + b, return_inverse=True)
    total = np.bincount(inv, weights=weights, minlength=len(keys)).astype(np.int64) if weights is not None else None
    return keys // nb, keys % nb, total


def _date_range(group: np.ndarray, date: np.ndarray, dates: list, n_groups: int) -> tuple[list[str], list[str]]:
    """Earliest and latest date (text) of each group's dated rows ("" when none)."""
    dated = np.array([isinstance(d, str) and bool(d) for d in dates], dtype=bool)
    order = sorted(np.flatnonzero(dated).tolist(), key=dates.__getitem__)
    rank = np.full(len(dates), -1, dtype=np.int64)
    rank[order] = np.arange(len(order))
    rows = np.flatnonzero(rank[date] >= 0) if len(date) else np.zeros(0, dtype=np.int64)
    lo = np.full(n_groups, len(order), dtype=np.int64)
    hi = np.full(n_groups, -1, dtype=np.int64)
    np.minimum.at(lo, group[rows], rank[date[rows]])
    np.maximum.at(hi, group[rows], rank[date[rows]])
    by_rank = [dates[i] for i in order]
    return [by_rank[r] if r < len(order) else "" for r in lo.tolist()], [by_rank[r] if r >= 0 else "" for r in hi.tolist()]


def _batch_entities(df: pd.DataFrame, counted: pd.Series) -> tuple[dict[str, Entity], list[TitleStat]]:
    """This batch's contribution per entity; only `counted` rows add to mention counts.

    Grouped over column codes, not row by row: a million articles' mentions take seconds.
    A value counts as given when it is truthy ("" is none), as row by row it would.
    """
    ent, eids = _coded(df["entity_id"])
    text, texts = _coded(df["text"])
    title, titles = _coded(df["title_normalized"])
    aff, affs = _coded(df["affiliation"])
    art, arts = _coded(df["article_id"])
    date, dates = _coded(df["date"])
    n = counted.to_numpy().astype(np.int64)
    n_ent = len(eids)
    entities = {eid: Entity(eid) for eid in eids}
    objs = [entities[eid] for eid in eids]
    for e, t, c in zip(*(x.tolist() for x in _pairs(ent, text, len(texts), n))):
        objs[e].alias_counts[texts[t]] = c  # a form seen only in uncounted rows stays, with 0
    for e, c in enumerate(np.bincount(ent, weights=n, minlength=n_ent).astype(np.int64).tolist()):
        objs[e].n_mentions = c
    ea, aa, _ = _pairs(ent, art, len(arts))
    for e, a in zip(ea.tolist(), aa.tolist()):
        objs[e].article_ids.add(arts[a])
    given_aff = np.array([bool(v) for v in affs], dtype=bool)
    ef, ff, _ = _pairs(ent, aff, len(affs))
    for e, f in zip(ef.tolist(), ff.tolist()):
        if given_aff[f]:
            objs[e].affiliations.add(affs[f])
    first, last = _date_range(ent, date, dates, n_ent)
    for e, (lo, hi) in enumerate(zip(first, last)):
        objs[e].first_seen, objs[e].last_seen = lo, hi
    given_title = np.array([bool(v) for v in titles], dtype=bool)
    et, tt, _ = _pairs(ent, title, len(titles))
    for e, t in zip(et.tolist(), tt.tolist()):
        if given_title[t]:
            objs[e].titles.add(titles[t])
    # One TitleStat per (entity, title, affiliation) with a title.
    rows = np.flatnonzero(given_title[title]) if len(title) else np.zeros(0, dtype=np.int64)
    keys, group = np.unique((ent[rows] * len(titles) + title[rows]) * len(affs) + aff[rows], return_inverse=True)
    stats = [TitleStat(eids[k // len(affs) // len(titles)], titles[k // len(affs) % len(titles)], affs[k % len(affs)]) for k in keys.tolist()]
    for i, c in enumerate(np.bincount(group, weights=n[rows], minlength=len(keys)).astype(np.int64).tolist()):
        stats[i].n_mentions = c
    sg, sa, _ = _pairs(group, art[rows], len(arts))
    for g, a in zip(sg.tolist(), sa.tolist()):
        stats[g].article_ids.add(arts[a])
    first, last = _date_range(group, date[rows], dates, len(keys))
    for st, lo, hi in zip(stats, first, last):
        st.first_seen, st.last_seen = lo, hi
    by_key = {(st.entity_id, st.title_normalized, st.affiliation): st for st in stats}
    return {k: entities[k] for k in sorted(entities)}, [by_key[k] for k in sorted(by_key)]


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
) -> dict[str, pd.DataFrame]:
    """The output tables from clustered mentions (column `cluster_col`; `date`, `title_normalized`
    and `affiliation` filled, as `match.cluster_with_links` returns them).

    `mentions` may hold the pseudo-mentions of `previous` (`continuation.add_registry_mentions`,
    flagged `soft_anchor`: left out of the outputs) and an `anchor_id` column.  `fixed_ids`:
    entity IDs fixed by rules (known actors), which win merges and are never handed out to
    other clusters; when a mapping, ID -> the actor's name, which becomes the entity's name
    (unless the registry's name was set by hand).  Without anchors or a previous registry,
    an `entity_id` column already present in `mentions` is kept.
    Returns {"mentions", "registry", "titles", "redirects"}.
    """
    fixed_names = {k: v for k, v in fixed_ids.items() if v} if isinstance(fixed_ids, Mapping) else {}
    fixed_ids = set(fixed_ids)
    pseudo = mentions["soft_anchor"].eq(True).to_numpy() if "soft_anchor" in mentions.columns else np.zeros(len(mentions), dtype=bool)
    anchored = _truthy(mentions["anchor_id"]) if "anchor_id" in mentions.columns else np.zeros(len(mentions), dtype=bool)
    anchors = cluster_anchors(mentions[anchored], cluster_col, previous)
    merges: list[Redirect] = []
    real = mentions[~pseudo]
    if anchors or previous is not None or "entity_id" not in mentions.columns:
        labels, n_rows = np.unique(real[cluster_col].to_numpy(), return_counts=True)
        ids, merges = choose_ids(anchors, dict(zip(labels.tolist(), n_rows.tolist())), previous, fixed_ids)
        reserved = fixed_ids | set(ids.values()) | (previous.issued_ids if previous is not None else set())
        fresh = real[~real[cluster_col].isin(list(ids))]
        ids.update(assign_entity_ids(fresh, cluster_col, reserved) if len(fresh) else {})
        real = real.assign(entity_id=_mapped(real[cluster_col], ids))
    order = _article_order(real)
    art_values = real["article_id"].astype(object).to_numpy()[order]
    mention_ids = [mention_id(a, s, e) for a, s, e in zip(art_values.tolist(), real["start"].to_numpy()[order].tolist(), real["end"].to_numpy()[order].tolist())]
    columns = {col: (real[col].iloc[order].reset_index(drop=True) if col in real.columns else "") for col in MENTIONS_OUT_COLUMNS if col != "mention_id"}
    mentions_out = pd.DataFrame({"mention_id": mention_ids, **columns}, columns=MENTIONS_OUT_COLUMNS)

    counted = ~real["article_id"].isin(previous.counted_articles) if previous is not None else pd.Series(True, index=real.index)
    batch, batch_titles = _batch_entities(real, counted)
    records, title_stats = accumulate(batch, batch_titles, previous, merges, fixed_ids)
    if run_date is None:
        run_date = default_run_date(articles, previous)
    return {
        "mentions": mentions_out,
        "registry": _registry_frame(records, fixed_names),
        "titles": _titles_frame(title_stats),
        "redirects": _redirects_frame(previous, merges, run_date),
    }


def _truthy(s: pd.Series) -> np.ndarray:
    """Rows holding a value that counts (a non-empty string)."""
    codes, values = _coded(s)
    keep = np.array([isinstance(v, str) and bool(v) for v in values], dtype=bool)
    return keep[codes] if len(codes) else np.zeros(0, dtype=bool)


def _mapped(s: pd.Series, mapping: Mapping) -> pd.Categorical:
    """Each row's value through `mapping`, as a categorical (few distinct results, many rows)."""
    codes, values = _coded(s)
    out = [mapping[v] for v in values]
    cats, inv = np.unique(np.array(out, dtype=object), return_inverse=True) if out else (np.array([], dtype=object), np.zeros(0, dtype=np.int64))
    return pd.Categorical.from_codes(inv[codes] if len(codes) else codes, categories=pd.Index(cats, dtype=object))


def _article_order(df: pd.DataFrame) -> np.ndarray:
    """Row positions sorted by (article_id as text, start, end), stable."""
    codes, values = _coded(df["article_id"].astype(object) if not isinstance(df["article_id"].dtype, pd.CategoricalDtype) else df["article_id"])
    rank = np.empty(len(values), dtype=np.int64)
    rank[sorted(range(len(values)), key=lambda i: str(values[i]))] = np.arange(len(values))
    return np.lexsort((df["end"].to_numpy(), df["start"].to_numpy(), rank[codes])) if len(df) else np.zeros(0, dtype=np.int64)


def links_table(links: pd.DataFrame, mentions_out: pd.DataFrame) -> pd.DataFrame:
    """The links with the entity IDs their sides ended in (LINKS_OUT_COLUMNS): the entity of the
    last output mention with the side's article and form ("" for none, e.g. a previous registry's)."""
    out = links.reindex(columns=LINKS_COLUMNS).astype(object).fillna("")
    art, arts = _coded(mentions_out["article_id"].astype(str))
    text, texts = _coded(mentions_out["text"].astype(str))
    ent = mentions_out["entity_id"].astype(object).to_numpy()
    keys = art * max(1, len(texts)) + text
    last = len(keys) - 1 - np.unique(keys[::-1], return_index=True)[1] if len(keys) else np.zeros(0, dtype=np.int64)
    uniq = keys[last]
    order = np.argsort(uniq)
    uniq, last = uniq[order], last[order]
    for side in ("a", "b"):
        a = pd.Index(arts, dtype=object).get_indexer(out[f"{side}_article"].astype(str))
        t = pd.Index(texts, dtype=object).get_indexer(out[f"{side}_text"].astype(str))
        k = a * max(1, len(texts)) + t
        pos = np.searchsorted(uniq, k)
        hit = (a >= 0) & (t >= 0) & (pos < len(uniq))
        hit[hit] = uniq[pos[hit]] == k[hit]
        vals = np.full(len(out), "", dtype=object)
        vals[hit] = ent[last[pos[hit]]]
        out[f"{side}_entity"] = vals
    return out[LINKS_OUT_COLUMNS].reset_index(drop=True)
