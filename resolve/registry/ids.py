"""Entity IDs: opaque, short, deterministic, and kept across runs.

A cluster holding an anchor (a fixed ID of a known actor, or an entity of a previous
registry) takes that ID; a cluster holding several merges them into the one that
sorts first by `anchor_priority`, and the others get a redirect (`choose_ids`).  Any
other cluster gets a hash of its canonical name key (plus its earliest mention when
that is taken), never an ID issued before (`assign_entity_ids`).  So the same input
and rules give the same IDs whatever the input order.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from typing import Iterable

import pandas as pd

from ..match.constraints import UnionFind
from ..text import fold
from .previous import PreviousRegistry
from .records import Redirect


def short_hash(key: str, prefix: str = "E", length: int = 8) -> str:
    """'E' + 8 base32 characters of sha1(key): opaque, short, stable."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return prefix + base64.b32encode(digest).decode("ascii")[:length].lower()


def mention_id(article_id: str, start: int, end: int) -> str:
    return f"{article_id}:{start}-{end}"


def canonical_name(forms: Counter) -> str:
    """The fullest well-attested surface form.

    Preference: more name tokens (up to given + middle + surname), then not all
    capitals, then more mentions, then the longer spelling ("Thomas" over "Tom"),
    then alphabetical for determinism.
    """

    def key(form: str) -> tuple:
        toks = [t for t in form.split() if len(t.rstrip(".")) > 1]
        return (-min(len(toks), 2), form.isupper(), -forms[form], -min(len(toks), 3), -len(form), form)

    return min(forms, key=key)


def assign_entity_ids(mentions: pd.DataFrame, cluster_col: str = "cluster", reserved: Iterable[str] = ()) -> dict:
    """Map cluster label -> new entity_id, deterministic and independent of input order.

    IDs in `reserved` (issued before, fixed by rules, taken by anchors) are never given.
    """
    forms: dict = {}
    firsts: dict = {}
    for label, text, article, start in zip(mentions[cluster_col], mentions["text"], mentions["article_id"], mentions["start"]):
        forms.setdefault(label, Counter())[text] += 1
        key = (article, start)
        if label not in firsts or key < firsts[label]:
            firsts[label] = key
    info = sorted((fold(canonical_name(forms[label])), firsts[label], label) for label in forms)
    ids: dict = {}
    used: set[str] = set(reserved)
    for name_key, first, label in info:
        eid = short_hash(name_key)
        if eid in used:  # same canonical name, different person: disambiguate by first mention
            eid = short_hash(f"{name_key}|{first[0]}|{first[1]}")
        n = 2
        while eid in used:  # only when that, too, was issued before
            eid = short_hash(f"{name_key}|{first[0]}|{first[1]}|{n}")
            n += 1
        used.add(eid)
        ids[label] = eid
    return ids


def cluster_anchors(df: pd.DataFrame, cluster_col: str, previous: PreviousRegistry | None) -> dict:
    """cluster label -> set of anchor IDs in it, redirects of the previous registry followed."""
    out: dict = {}
    if "anchor_id" not in df.columns:
        return out
    for label, a in zip(df[cluster_col], df["anchor_id"]):
        if isinstance(a, str) and a:
            out.setdefault(label, set()).add(previous.live_id(a) if previous is not None else a)
    return out


def is_full_name(name: str) -> bool:
    """A given name and a surname: two or more words that are not initials ("Ann Lee", not "Lee" or "A. Lee")."""
    return sum(1 for t in name.split() if len(t.strip(".,")) > 1) >= 2


def anchor_priority(entity_id: str, previous: PreviousRegistry | None, fixed_ids: Iterable[str]) -> tuple:
    """Which ID survives a merge (the survivor rule): a fixed ID of a known actor first,
    then an entity named by a full name (a full-name entity is never redirected into a
    surname-only or given-name-only one), then the entity first seen earliest (unknown
    dates last), then the smallest ID."""
    e = previous.entities.get(entity_id) if previous is not None else None
    first = e.first_seen if e is not None and e.first_seen else "~"
    full = e is not None and is_full_name(e.name)
    return (entity_id not in fixed_ids, not full, first, entity_id)


def choose_ids(
    anchors_of: dict,
    new_mentions: dict,
    previous: PreviousRegistry | None,
    fixed_ids: Iterable[str] = (),
) -> tuple[dict, list[Redirect]]:
    """IDs of anchored clusters and the merges that this implies.

    `anchors_of`: cluster label -> set of anchor IDs (redirects already followed);
    `new_mentions`: label -> number of real (non-pseudo) mentions.  Clusters sharing an
    anchor (the clusterer should not produce them, but if it does) share one ID.
    Returns (label -> ID, redirects for the IDs merged away, without run_date).
    """
    fixed = set(fixed_ids)
    # Anchors held by one cluster are one entity: groups of anchors by union-find.
    names = sorted(set().union(*anchors_of.values()))
    index = {a: i for i, a in enumerate(names)}
    sets = UnionFind(len(names))
    for anchors in anchors_of.values():
        ordered = sorted(anchors)
        for a in ordered[1:]:
            sets.union(index[ordered[0]], index[a])
    winner = {}
    for group in sets.groups().values():
        w = min((names[i] for i in group), key=lambda m: anchor_priority(m, previous, fixed))
        for i in group:
            winner[names[i]] = w
    n_new: Counter = Counter()
    for label, anchors in anchors_of.items():
        if anchors:
            n_new[winner[min(anchors)]] += new_mentions.get(label, 0)
    ids = {label: winner[min(anchors)] for label, anchors in anchors_of.items() if anchors}
    merges = []
    for a in sorted(winner):
        w = winner[a]
        if a != w:
            k = n_new[w]
            why = f"clustered with {w} and {k} new mention(s)" if k else f"clustered with {w} without new mentions (rules or registry edits)"
            merges.append(Redirect(a, w, why))
    return ids, merges
