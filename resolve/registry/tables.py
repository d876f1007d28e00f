"""From clustered mentions to the output tables: mentions, registry, titles, redirects.

Each cluster gets its entity ID (`ids`); the registry's pseudo-mentions
(`pseudo`, see `continuation`) are left out of the outputs and the counts.  The
registry is cumulative over runs chained with --registry: each entity's counts,
dates, aliases and titles are the previous ones plus this batch's (docs/output.md),
and so is its bookkeeping (`evidence`: the evidence and articles tables).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from ..columns import objects, sorted_categorical, string_categorical
from ..io.tables import Chunked
from ..rules import Rules
from ..schema import EVIDENCE_COLUMNS, MENTIONS_OUT_COLUMNS, REDIRECTS_COLUMNS, REGISTRY_COLUMNS, TITLES_COLUMNS
from ..titles import name_without_title
from .continuation import PSEUDO_PREFIX, carried_evidence
from .evidence import _text as _evidence_text
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
    status = df["title_status"] if "title_status" in df.columns else np.full(len(df), "", dtype=object)
    rows = _rows([df["entity_id"], df["text"], df["title_normalized"], status, df["affiliation"], df["article_id"], df["date"], counted.to_numpy()])
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
    """Previous entities (merged ones into their survivor) plus this batch, per live ID.
    The batch's records and stats may be taken over (not copied): do not use them after."""
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
        part = batch[eid]
        if eid not in records and part.entity_id == eid and not part.human_name:
            # A new entity: absorbing its part into an empty record would copy it (its article
            # ids twice over at a million articles); the part becomes the record.  `batch` is the
            # caller's to let go of.
            records[eid] = part
        else:
            _absorb(records.setdefault(eid, Entity(eid)), part)
    for e in records.values():
        e.added -= set(e.alias_counts)
        e.removed &= set(e.alias_counts)

    stats: dict[tuple[str, str, str], TitleStat] = {}
    prev_titles = previous.titles if previous is not None else []
    n_prev = len(prev_titles)
    for i, t in enumerate(list(prev_titles) + list(batch_titles)):
        live = target.get(t.entity_id, t.entity_id)
        key = (live, t.title_normalized, t.affiliation)
        if i >= n_prev and live == t.entity_id and key not in stats:
            stats[key] = t  # this batch's own stat, as for the entities: not copied
            continue
        s = stats.setdefault(key, TitleStat(live, t.title_normalized, t.affiliation))
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

    Text columns may be categoricals (a run's are: `columns.sorted_categorical`); the
    tables keep them so, and every per-row value is derived per distinct value, so a
    million articles' mentions are never copied into object columns here.
    """
    return dict(table_stream(mentions, articles, cluster_col, previous=previous, run_date=run_date, fixed_ids=fixed_ids, rules=rules))


def table_stream(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    cluster_col: str = "cluster",
    *,
    previous: PreviousRegistry | None = None,
    run_date: str | None = None,
    fixed_ids: Iterable[str] | Mapping[str, str] = (),
    rules: Rules | None = None,
    chunk_rows: int | None = None,
) -> Iterator[tuple[str, pd.DataFrame | Chunked]]:
    """`build_tables` one table at a time, as (name, table): each is built only after the
    previous one was handed out, so a consumer that writes each table and lets go of it
    (`pipeline.run` with an OUTDIR) never holds more than one of them.  The frames are
    those of `build_tables`.

    `chunk_rows`: the mentions and evidence tables are given as `io.tables.Chunked`s of that
    many rows a chunk (each row's mention id made with its chunk; the evidence in its sort
    order, `_evidence_chunked`), for a consumer that writes them (`io.tables.TableWriter`):
    the same rows, never all built at once."""
    fixed_names = {k: v for k, v in fixed_ids.items() if v} if isinstance(fixed_ids, Mapping) else {}
    fixed_ids = set(fixed_ids)
    mentions = _sorted_categories(mentions)
    pseudo = mentions["pseudo"].eq(True).to_numpy() if "pseudo" in mentions.columns else np.zeros(len(mentions), dtype=bool)
    anchors = cluster_anchors(_anchored(mentions, cluster_col), cluster_col, previous)
    merges: list[Redirect] = []
    # A shallow copy when nothing is left out: the columns added below stay out of `mentions`.
    real = (mentions[~pseudo] if pseudo.any() else mentions).copy(deep=False)
    replayed = mentions[pseudo & ~_per_value(mentions["article_id"], lambda a: str(a).startswith(PSEUDO_PREFIX))]
    # Names and aliases never carry a title, whatever the extractor left in the span.
    names = real.copy(deep=False)
    if rules is not None:
        names["text"] = _mapped(real["text"], lambda t: name_without_title(t, rules))
    if anchors or previous is not None or "entity_id" not in mentions.columns:
        labels, n_rows = np.unique(real[cluster_col].to_numpy(), return_counts=True)
        ids, merges = choose_ids(anchors, dict(zip(labels.tolist(), n_rows.tolist())), previous, fixed_ids)
        reserved = fixed_ids | set(ids.values()) | (previous.issued_ids if previous is not None else set())
        fresh = names.loc[~names[cluster_col].isin(list(ids)).to_numpy(), [cluster_col, "text", "article_id", "start"]]
        ids.update(assign_entity_ids(fresh, cluster_col, reserved) if len(fresh) else {})
        del fresh
        real["entity_id"] = _mapped(real[cluster_col], ids.__getitem__)
        if len(replayed):
            replayed = replayed.assign(entity_id=_mapped(replayed[cluster_col], ids.__getitem__))
    names["entity_id"] = real["entity_id"]
    mentions_out = _mentions_out(real) if chunk_rows is None else _mentions_chunked(real, chunk_rows)
    yield "mentions", mentions_out
    del mentions_out  # written and let go by the consumer before the next table is built

    batch, batch_titles = _batch_entities(names, counted_rows(real, previous))
    del names
    records, title_stats = accumulate(batch, batch_titles, previous, merges, fixed_ids)
    del batch, batch_titles
    yield "registry", _registry_frame(records, fixed_names)
    del records
    yield "titles", _titles_frame(title_stats)
    del title_stats
    if run_date is None:
        run_date = default_run_date(articles, previous)
    target = {m.old_id: m.new_id for m in merges}
    carried = carried_evidence(previous) if previous is not None and previous.evidence is not None else None
    if carried is not None:
        carried = carried.assign(entity_id=[target.get(e, e) for e in carried["entity_id"]])
    yield "redirects", _redirects_frame(previous, merges, run_date)
    counted = articles_table(previous.articles if previous is not None else None, articles, real)
    evidence_rows = _fillable(pd.concat([real, replayed], ignore_index=True) if len(replayed) else real, ("title_normalized", "affiliation", "date"))
    del real, replayed, mentions
    evidence = None if chunk_rows is None or carried is not None else _evidence_chunked(evidence_rows, chunk_rows)
    yield "evidence", evidence if evidence is not None else evidence_table(evidence_rows, carried)
    del evidence, evidence_rows, carried
    yield "articles", counted


#: Rows decoded at a time where values are needed one by one (a column's full list of values is never made).
ROW_CHUNK = 1 << 16


def _coded(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(each row's code, the distinct values): a categorical's own, else found by hashing; -1 for a missing value."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return s.cat.codes.to_numpy(), s.cat.categories.to_numpy(dtype=object)
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object)


def _per_value(s: pd.Series, test: Callable[[object], bool]) -> np.ndarray:
    """`test` of each row's value, as a mask, computed once per distinct value (a missing value: False)."""
    codes, values = _coded(s)
    keep = np.array([bool(test(v)) for v in values] + [False], dtype=bool)  # the last for code -1
    return keep[codes]


def _mapped(s: pd.Series, fn: Callable[[object], str]) -> pd.Categorical:
    """`fn` of each row's value (strings), as a categorical; `fn` is called once per distinct value."""
    codes, values = _coded(s)
    out, inv = np.unique(objects([fn(v) for v in values]), return_inverse=True)
    return sorted_categorical(out, inv[codes] if len(codes) else codes)


def _sorted_categories(df: pd.DataFrame) -> pd.DataFrame:
    """`df` (a shallow copy) with every categorical's categories in sorted order: pandas sorts a
    categorical by its codes, and the tables are sorted by value."""
    out = df.copy(deep=False)
    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.CategoricalDtype) and not s.cat.categories.is_monotonic_increasing:
            out[col] = s.cat.reorder_categories(s.cat.categories.sort_values())
    return out


def _fillable(df: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """`df` (a shallow copy) whose categorical `columns` hold the category "" (the fill value of
    the tables; pandas refuses to fill a categorical with a value outside its categories).
    "" goes first, so categories in sorted order stay sorted."""
    out = df.copy(deep=False)
    for col in columns:
        s = out[col] if col in out.columns else None
        if s is not None and isinstance(s.dtype, pd.CategoricalDtype) and "" not in s.cat.categories:
            out[col] = s.cat.set_categories(pd.Index([""], dtype=object).append(s.cat.categories))
    return out


def _anchored(mentions: pd.DataFrame, cluster_col: str) -> pd.DataFrame:
    """The cluster and anchor of the rows that hold an anchor (`ids.cluster_anchors` reads no other)."""
    if "anchor_id" not in mentions.columns:
        return mentions[[cluster_col]]
    return mentions.loc[_per_value(mentions["anchor_id"], lambda a: isinstance(a, str) and bool(a)), [cluster_col, "anchor_id"]]


def _article_order(df: pd.DataFrame) -> np.ndarray:
    """Row positions sorted by (article_id, start, end), stable, as sort_values would (missing ids last)."""
    codes, values = _coded(df["article_id"])
    rank = np.empty(len(values) + 1, dtype=np.int64)
    rank[np.argsort(values, kind="stable")] = np.arange(len(values))
    rank[-1] = len(values)  # code -1
    return np.lexsort((df["end"].to_numpy(), df["start"].to_numpy(), rank[codes]))


def _mentions_out(real: pd.DataFrame) -> pd.DataFrame:
    """The mentions table (MENTIONS_OUT_COLUMNS) of the real rows, in article and offset order;
    each column taken once in that order (a column the rows lack is empty)."""
    order = _article_order(real)
    n = len(order)
    columns: dict[str, object] = {"mention_id": _mention_ids(real["article_id"], real["start"].to_numpy()[order], real["end"].to_numpy()[order], order)}
    for col in MENTIONS_OUT_COLUMNS[1:]:
        columns[col] = real[col].iloc[order].reset_index(drop=True) if col in real.columns else sorted_categorical([""], np.zeros(n, dtype=np.int8))
    return pd.DataFrame(columns, columns=MENTIONS_OUT_COLUMNS)


def _mentions_chunked(real: pd.DataFrame, chunk_rows: int) -> Chunked:
    """`_mentions_out(real)` as a `Chunked` of `chunk_rows` rows a chunk, in the same order."""
    order = _article_order(real)
    start, end = real["start"].to_numpy(), real["end"].to_numpy()

    def rows(idx: np.ndarray) -> pd.DataFrame:
        n = len(idx)
        columns: dict[str, object] = {"mention_id": _mention_ids(real["article_id"], start[idx], end[idx], idx)}
        for col in MENTIONS_OUT_COLUMNS[1:]:
            columns[col] = real[col].iloc[idx].reset_index(drop=True) if col in real.columns else sorted_categorical([""], np.zeros(n, dtype=np.int8))
        return pd.DataFrame(columns, columns=MENTIONS_OUT_COLUMNS)

    def column(col: str) -> pd.Series:
        if col == "mention_id":
            return pd.Series(_mention_ids(real["article_id"], start[order], end[order], order))
        return real[col].iloc[order].reset_index(drop=True)

    return Chunked(len(order), lambda: _in_chunks(order, chunk_rows, rows), lambda: _mentions_out(real), column)


def _evidence_chunked(rows: pd.DataFrame, chunk_rows: int) -> Chunked | None:
    """`evidence.evidence_table(rows)` as a `Chunked` of `chunk_rows` rows a chunk, when its sort
    keys allow the order to be found from codes (a run's rows: article ids and texts as
    categoricals over sorted categories, none missing); else None (build it whole)."""
    keys = []
    for col in ("article_id", "text"):
        s = rows[col] if col in rows.columns else None
        if s is None or not string_categorical(s) or not s.cat.categories.is_monotonic_increasing:
            return None
        codes = s.cat.codes.to_numpy()
        if len(codes) and codes.min() < 0:
            return None
        keys.append(codes)
    start, end = rows["start"].astype("int64").to_numpy(), rows["end"].astype("int64").to_numpy()
    # sort_values(["article_id", "start", "end", "text"], kind="stable") orders a categorical by
    # its codes: with sorted categories, by value, as np.lexsort (stable) does here.
    order = np.lexsort((keys[1], end, start, keys[0]))
    del keys, start, end

    def column(col: str, idx: np.ndarray) -> pd.Series:
        # Column by column, only the rows asked for: what `evidence_table` makes of them.
        s = rows[col].iloc[idx].reset_index(drop=True) if col in rows.columns else pd.Series(np.nan, index=range(len(idx)))
        if col in ("title_normalized", "affiliation", "date"):
            return _evidence_text(s)
        return s.astype("int64") if col in ("start", "end") else s

    def take(idx: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame({col: column(col, idx) for col in EVIDENCE_COLUMNS}, columns=EVIDENCE_COLUMNS)

    return Chunked(len(order), lambda: _in_chunks(order, chunk_rows, take), lambda: evidence_table(rows), lambda col: column(col, order))


def _in_chunks(order: np.ndarray, chunk_rows: int, take: Callable[[np.ndarray], pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """`take` of the rows at `order`, `chunk_rows` at a time; at least one chunk (maybe
    empty), so that a writer gets the table's columns even when it has no rows."""
    yield take(order[:chunk_rows])
    for a in range(chunk_rows, len(order), chunk_rows):
        yield take(order[a : a + chunk_rows])


def _mention_ids(article_id: pd.Series, start: np.ndarray, end: np.ndarray, order: np.ndarray) -> np.ndarray:
    """`ids.mention_id` of the rows at `order`, built a chunk at a time."""
    codes, values = _coded(article_id)
    out = np.empty(len(order), dtype=object)
    for a in range(0, len(order), ROW_CHUNK):
        b = a + ROW_CHUNK
        arts = values[codes[order[a:b]]].tolist()
        out[a:b] = [mention_id(x, s, e) for x, s, e in zip(arts, start[a:b].tolist(), end[a:b].tolist())]
    return out


def _rows(columns: list) -> Iterator[tuple]:
    """The rows of equally long columns (Series or arrays) as tuples of plain values, decoded a chunk at a time."""
    n = len(columns[0]) if columns else 0
    for a in range(0, n, ROW_CHUNK):
        yield from zip(*((c.iloc[a : a + ROW_CHUNK] if isinstance(c, pd.Series) else c[a : a + ROW_CHUNK]).tolist() for c in columns))


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
