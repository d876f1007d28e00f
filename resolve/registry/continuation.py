"""Registry continuation: the previous entities join the clustering as anchored pseudo-mentions.

A previous registry with bookkeeping (`evidence`) is replayed: every evidence row
becomes the mentions it stands for, in its own article, anchored to its entity
(`evidence.replay_rows`), so the matcher sees the earlier articles as it saw them.
An article of this batch that was counted before with the same text (a re-run) is not
replayed: its new mentions stand for it, each anchored to the entity its form had in
that article, and are not counted again.

What the evidence does not hold -- aliases and names set by hand, and every entity of
a registry without bookkeeping (written by hand or by another tool) -- becomes
stand-in pseudo-mentions (`registry_mentions`): the name and each alias (one row each)
and each title (a row with the name and that title), in a pseudo-article
`PSEUDO_PREFIX + entity_id`.

All these rows carry `anchor_id = entity_id` and `soft_anchor = True`: two previous
entities may still merge, but only on a decision that involves a new mention and, when
scored, on positive evidence (`match.constraints`); the registry then records a
redirect (`ids.choose_ids`).  Rows flagged `pseudo` are left out of the outputs and
the counts (`tables.build_tables`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .evidence import replay_rows, text_sha1
from .previous import PreviousRegistry, RegistryError
from .records import Entity, TitleStat

#: article_id prefix of the pseudo-articles: links.csv shows a previous entity as the
#: article `@registry:<entity_id>`.  "@" starts a spreadsheet formula, so ids written
#: by resolve never start with it unquoted, and `add_registry_mentions` rejects input
#: articles that use it.
PSEUDO_PREFIX = "@registry:"


def _stand_in_forms(e: Entity, replayed: set[str] | None) -> list[str]:
    """The forms a stand-in needs: all of them without evidence, else those set by hand and not in the evidence."""
    if replayed is None:
        return e.evidence_forms
    hand = set(e.added) | ({e.name} if e.human_name and e.name else set())
    return sorted(hand - replayed - e.removed)


def registry_mentions(previous: PreviousRegistry, replayed: dict[str, set[str]] | None = None) -> pd.DataFrame:
    """Stand-in pseudo-mentions for the previous entities (see the module docstring).

    `replayed`: entity ID -> the forms of its evidence rows (None: no evidence at all,
    every entity is stood in for whole; an entity with evidence gets only its hand-set
    forms, without titles).  Each entity gets one pseudo-article whose text is its forms
    joined by newlines, so `text == article_text[start:end]` holds like for real mentions.
    """
    titles_of: dict[str, list[TitleStat]] = {}
    for t in previous.titles:
        titles_of.setdefault(t.entity_id, []).append(t)
    rows = []
    for eid in sorted(previous.entities):
        e = previous.entities[eid]
        has_evidence = replayed is not None and eid in replayed
        forms = _stand_in_forms(e, replayed.get(eid, set()) if has_evidence else None)
        if not forms:
            continue
        head = e.name if e.name in forms else forms[0]
        items = [(f, "", "", e.last_seen) for f in forms]
        if has_evidence:
            pairs = []  # titles, dates and affiliations come with the evidence
        elif eid in titles_of:
            pairs = sorted({(t.title_normalized, t.affiliation, t.last_seen or e.last_seen) for t in titles_of[eid]})
        else:  # no titles.csv: the registry's own columns (affiliation only when unambiguous)
            aff = next(iter(e.affiliations)) if len(e.affiliations) == 1 else ""
            pairs = [(t, aff, e.last_seen) for t in sorted(e.titles)]
        items += [(head, t, a, d) for t, a, d in pairs]
        pos = 0
        for text, title, aff, date in items:
            rows.append(
                {
                    "article_id": PSEUDO_PREFIX + eid,
                    "start": pos,
                    "end": pos + len(text),
                    "text": text,
                    "title": title,
                    "title_normalized": title,
                    "affiliation": aff,
                    "honorific": "",
                    "cue": "registry",
                    "confidence": 1.0,
                    "date": date,
                    "anchor_id": eid,
                    "soft_anchor": True,
                    "pseudo": True,
                }
            )
            pos += len(text) + 1
    return pd.DataFrame.from_records(rows)


def check_article_ids(article_ids: Iterable[str]) -> None:
    """RegistryError naming the input article ids that use the pseudo-articles' prefix."""
    clash = sorted({a for a in article_ids if str(a).startswith(PSEUDO_PREFIX)})
    if clash:
        raise RegistryError([f"article id '{a}' starts with '{PSEUDO_PREFIX}', which is reserved for registry entries; rename it" for a in clash])


def stand_ins(previous: PreviousRegistry) -> pd.DataFrame:
    """The stand-in pseudo-mentions of `previous` (`registry_mentions`), sorted by article id:
    the same for any batch, so made once per run."""
    ev = previous.evidence
    known = None if ev is None else ({e: set(g) for e, g in ev.groupby("entity_id")["text"]} if len(ev) else {})
    rows = registry_mentions(previous, known)
    return rows.sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True) if len(rows) else rows


def add_registry_mentions(
    mentions: pd.DataFrame, articles: pd.DataFrame, previous: PreviousRegistry, *, evidence: pd.DataFrame | None = None, standing: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The new mentions plus the previous entities' pseudo-mentions (`soft_anchor` True on those only).

    Rows are sorted by (article_id, start, end) so the result does not depend on input order.
    A run working in windows of article ids gives each window its share: the `evidence`
    rows and the `standing` stand-ins (`stand_ins`) whose articles fall in its range
    (default: all of `previous`); the article ids are checked once (`check_article_ids`).
    """
    if evidence is None and standing is None:
        check_article_ids([*articles["article_id"], *mentions["article_id"]])
        evidence, standing = previous.evidence, stand_ins(previous)
    df = mentions.assign(soft_anchor=False, pseudo=False)
    if evidence is None:
        pseudo = standing
    else:
        df, replay = _rerun_anchors(df, articles, previous, evidence)
        pseudo = pd.concat([replay_rows(replay), standing], ignore_index=True)
    if not len(pseudo):
        return df
    out = pd.concat([df, pseudo], ignore_index=True) if len(df) else pseudo
    for col in df.columns:  # keep the real rows' dtypes where pseudo rows lack a column
        if col not in pseudo.columns and out[col].dtype == object:
            out[col] = out[col].fillna("")
    return out.sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)


def _removed_forms(previous: PreviousRegistry, ev: pd.DataFrame) -> np.ndarray:
    """Rows of evidence `ev` whose form was removed from its entity's aliases by hand."""
    removed = {(eid, f) for eid, e in previous.entities.items() for f in e.removed}
    if not removed or not len(ev):
        return np.zeros(len(ev), dtype=bool)
    return np.array([(e, t) in removed for e, t in zip(ev["entity_id"], ev["text"])], dtype=bool)


def carried_evidence(previous: PreviousRegistry) -> pd.DataFrame:
    """Evidence rows of forms removed from their entity's aliases by hand: no longer evidence
    for matching, so not replayed, but kept in the bookkeeping as they are."""
    ev = previous.evidence
    if ev is None:
        return pd.DataFrame()
    return ev[_removed_forms(previous, ev)]


def rerun_articles(articles: pd.DataFrame, previous: PreviousRegistry) -> set[str]:
    """Articles of this batch counted before with the same text (or without a text to compare)."""
    seen = previous.article_sha1
    texts = articles["text"] if "text" in articles.columns else [""] * len(articles)
    out = set()
    for aid, text in zip(articles["article_id"], texts):
        if aid in seen:
            h = text_sha1(text if isinstance(text, str) else "")
            if not h or not seen[aid] or seen[aid] == h:
                out.add(aid)
    return out


def _rerun_anchors(df: pd.DataFrame, articles: pd.DataFrame, previous: PreviousRegistry, ev: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(this batch's rows, re-run ones anchored; the evidence rows to replay).

    A row of a re-run article at the offsets of an evidence row stands for it: it takes
    that entity as a soft anchor (and is not counted again), and the evidence row is not
    replayed.  Hand-removed forms are not replayed either.
    """
    rerun = rerun_articles(articles, previous)
    ev = ev[~_removed_forms(previous, ev)]
    if rerun and len(df):
        in_rerun = ev[ev["article_id"].isin(rerun)]
        entity_of = dict(zip(zip(in_rerun["article_id"], in_rerun["start"], in_rerun["end"], in_rerun["text"]), in_rerun["entity_id"]))
        keys = list(zip(df["article_id"], df["start"].astype("int64"), df["end"].astype("int64"), df["text"]))
        anchors = [entity_of.get(k, "") for k in keys]
        hit = pd.Series([bool(a) for a in anchors], index=df.index)
        given = df["anchor_id"].fillna("").astype(str) if "anchor_id" in df.columns else pd.Series("", index=df.index)
        df = df.assign(anchor_id=[a or g for a, g in zip(anchors, given)], soft_anchor=hit)
        covered = {k for k, h in zip(keys, hit) if h}
        ev = ev[[k not in covered for k in zip(ev["article_id"], ev["start"], ev["end"], ev["text"])]]
    return df, ev.reset_index(drop=True)
