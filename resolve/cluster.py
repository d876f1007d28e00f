"""Group person mentions into persons: the matching engine's stages, in order.

Interface (stable): `cluster_mentions(mentions, rules) -> mentions + cluster`
(plus `anchor_id` and `match_score`); `cluster_with_links` also returns the scored
decisions (the `links` table, see schema.LINKS_COLUMNS) that `resolve explain` reads.

The unit of work is a *name unit*: the mentions of one normalized name form in one
article (all "Hagel" in article 7).  Stages (docs/matching.md has the reasoning):

0. Fixed links: rows sharing an `anchor_id` (given, or from a known actor's name or
   alias) and must-link judgements are joined; cannot-link judgements and distinct
   anchors become constraints that every later merge checks.
1. Within each article: full names with the same surname and compatible given names
   join ("Tom Donilon" + "Thomas Donilon"); then initials ("J. Miller"), surnames
   ("Donilon", "Secretary Hagel" -> "hagel") and lone given names ("Lindsay") attach
   to the full name introduced in the same article (nearest preceding when several).
2. Across articles, full names: local persons with the same full-name key join,
   except where contexts prove two people (incompatible titles *and* affiliations,
   no shared co-mentioned person, dates far apart or unknown).  Distinct full-name
   forms are paired by blocking (block.py), compared (compare.py) and scored
   (score.py); pairs at or above the threshold join in order of weight, each merge
   checked against the constraints.
3. Across articles, short names: a local person known only by surname or initials
   joins a full-name person when it is the only candidate (and context does not
   contradict), or a clear winner by context among several (2 bits ahead); with no
   candidate at all, such local persons join others of the same surname; otherwise it
   stays alone.  A lone given name joins the one full name with that given name that
   shares co-mentioned people, if exactly one does.

Constraint checked on every merge except fixed links: all given names inside a
cluster must be pairwise compatible, so "J. Miller" can never bridge "James Miller"
and "John Miller", and different given names never merge.

Deterministic: units are numbered in sorted key order and every loop runs over
sorted keys, so the clusters do not depend on the row order of the input.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .block import given_block_keys, lookup, name_pairs
from .compare import NameSide, compare, day_numbers, given_relation, surname_level, title_level
from .incremental import PSEUDO_PREFIX
from .normalize import EXTRA_KEY_COLUMNS, normalize_mentions, parse_name
from .rules import Rules
from .schema import LINKS_COLUMNS
from .score import MARGIN_BITS, score
from .text import fold
from .titles import parse_title, titles_compatible

_KEY_COLUMNS = ["name_norm", "given", "surname", "given_key", "surname_key", *EXTRA_KEY_COLUMNS]
_STRONG_GIVEN = {"exact", "translit", "nickname", "middle", "variant"}
#: A short name with more candidates than this scores only the preselected ones (see `_preselect`).
MAX_SCORED = 12


def cluster_mentions(mentions: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Mentions plus `cluster` (int), `anchor_id` (str) and `match_score` (float)."""
    return cluster_with_links(mentions, rules)[0]


def cluster_with_links(mentions: pd.DataFrame, rules: Rules) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(clustered mentions, links): links are the decisions taken, one row per scored pair."""
    df = mentions.reset_index(drop=True).copy()
    if any(c not in df.columns for c in _KEY_COLUMNS):
        df = normalize_mentions(df, rules)
    for col in ("title_normalized", "affiliation", "date", "anchor_id"):
        if col not in df.columns:
            df[col] = ""
        df[col] = df[col].fillna("").astype(str)
    df["article_id"] = df["article_id"].astype(str)
    engine = _Engine(df, rules)
    engine.run()
    unit_of_row = engine.unit_of_row
    labels = engine.labels()
    df["cluster"] = [labels[u] for u in unit_of_row]
    anchors = engine.output_anchors()
    df["anchor_id"] = [anchors[labels[u]] if not a else a for u, a in zip(unit_of_row, df["anchor_id"])]
    df["match_score"] = [round(engine.unit_score[u], 4) for u in unit_of_row]
    links = pd.DataFrame.from_records(engine.links, columns=LINKS_COLUMNS) if engine.links else pd.DataFrame(columns=LINKS_COLUMNS)
    return df, links


@dataclass(slots=True)
class _Info:
    """What a cluster must keep to check merges: given names, anchors, cannot-link sides.

    Sets are created only when needed: most clusters have one given-name form and no
    anchors or judgements.
    """

    givens: set | None = None  # (given, given_keys, alt_given) of full/initial units
    anchors: set | None = None
    cannot: set | None = None  # (judgement index, side)

    def absorb(self, other: "_Info") -> None:
        for name in ("givens", "anchors", "cannot"):
            theirs = getattr(other, name)
            if theirs:
                mine = getattr(self, name)
                if mine is None:
                    setattr(self, name, set(theirs))
                else:
                    mine |= theirs


_EMPTY = _Info()  # info of a unit that is no longer a root (never read or changed)


class _Lazy(dict):
    """A dict that computes a missing value once with `make(key)`."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


class _Engine:
    def __init__(self, df: pd.DataFrame, rules: Rules):
        self.rules = rules
        self.fixed_actor_ids = frozenset(a.entity_id for a in rules.known_actors if a.entity_id)
        self.links: list[dict] = []
        self._build_units(df)
        n = len(self.u_article)
        self.parent = list(range(n))
        self._infos: list[_Info | None] = [None] * n  # built on first use (see `info`)
        self.unit_score = [1.0] * n

    # ------------------------------------------------------------ units

    def _build_units(self, df: pd.DataFrame) -> None:
        # Sort rows by (unit key, start): a unit is a run of equal keys.  numpy over the
        # sorted arrays, no per-group Python callbacks.
        starts = pd.to_numeric(df["start"], errors="coerce").fillna(0).astype("int64")
        order = (
            pd.DataFrame({"a": df["article_id"], "n": df["name_norm"].astype(str), "k": df["anchor_id"], "s": starts, "t": df["text"].astype(str)})
            .sort_values(["a", "n", "k", "s", "t"], kind="stable")
            .index.to_numpy()
        )
        art = df["article_id"].to_numpy()[order]
        norm = df["name_norm"].astype(str).to_numpy()[order]
        anc = df["anchor_id"].to_numpy()[order]
        n = len(order)
        new_unit = np.ones(n, dtype=bool)
        if n:
            new_unit[1:] = (art[1:] != art[:-1]) | (norm[1:] != norm[:-1]) | (anc[1:] != anc[:-1])
        unit_sorted = np.cumsum(new_unit) - 1
        first_rows = np.flatnonzero(new_unit)
        self.u_article = list(art[first_rows])
        self.u_norm = list(norm[first_rows])
        self.u_anchor_in = list(anc[first_rows])
        self.u_text = list(df["text"].astype(str).to_numpy()[order][first_rows])
        self.u_start = [int(x) for x in starts.to_numpy()[order][first_rows]]
        self.u_size = [int(x) for x in np.diff(np.append(first_rows, n))]
        unit_of_row = np.empty(n, dtype=np.int64)
        unit_of_row[order] = unit_sorted
        self.unit_of_row = unit_of_row.tolist()
        n_units = len(first_rows)
        self.u_date = [""] * n_units
        self.u_titles = [frozenset()] * n_units
        self.u_affs = [frozenset()] * n_units
        # Only the rows that carry a date/title/affiliation are visited.
        for col, target in (("date", None), ("title_normalized", self.u_titles), ("affiliation", self.u_affs)):
            values = df[col].to_numpy()
            nz = np.flatnonzero(values != "")
            if target is None:
                for i in nz:
                    u = unit_of_row[i]
                    self.u_date[u] = max(self.u_date[u], values[i])
                continue
            acc: dict[int, set] = defaultdict(set)
            for i in nz:
                acc[int(unit_of_row[i])].add(values[i])
            for u, vals in acc.items():
                target[u] = frozenset(vals)
        self.u_parsed = [parse_name(t, self.rules) for t in self.u_text]
        self.u_kind = [p.kind if p.surname_key else "none" for p in self.u_parsed]
        # Known actors: a unit whose name is an actor's name or alias is anchored to it.
        actor_of = self._actor_lookup()
        self.u_anchor = []
        self.u_fixed = []  # the fixed entity_id to expose ("" for actors without one)
        for norm, given in zip(self.u_norm, self.u_anchor_in):
            if given:
                self.u_anchor.append(given)
                self.u_fixed.append(given)
            elif norm in actor_of:
                akey, fixed = actor_of[norm]
                self.u_anchor.append(akey)
                self.u_fixed.append(fixed)
            else:
                self.u_anchor.append("")
                self.u_fixed.append("")
        self._anchor_by_dated_title()

    def _anchor_by_dated_title(self) -> None:
        """A surname-only mention with a title ("Secretary Hagel") joins the known actor
        of that surname who held a compatible title on the article's date
        (rules/actor_titles.csv), as political event-data actor dictionaries do.
        Only when exactly one actor qualifies; an undated mention counts only titles
        declared without dates."""
        if not self.rules.actor_titles:
            return
        held: dict[str, list[tuple[tuple[str, str], str, str, str]]] = defaultdict(list)  # surname key -> ...
        for t in self.rules.actor_titles:
            actor = self.rules.known_actor(t.actor)
            if actor is None:
                continue
            surname = parse_name(actor.name, self.rules).surname_key
            title = parse_title(t.title, self.rules)[0] or t.title
            held[surname].append(((actor.anchor, actor.entity_id), title, t.start, t.end))
        for u, parsed in enumerate(self.u_parsed):
            if self.u_anchor[u] or self.u_kind[u] != "single" or not self.u_titles[u] or parsed.surname_key not in held:
                continue
            date = self.u_date[u]
            fits = {
                key
                for key, title, start, end in held[parsed.surname_key]
                if any(titles_compatible(title, t) for t in self.u_titles[u])
                and ((not start and not end) or (date and (not start or start <= date) and (not end or date <= end)))
            }
            if len(fits) == 1:
                (self.u_anchor[u], self.u_fixed[u]), = fits

    def _actor_lookup(self) -> dict[str, tuple[str, str]]:
        seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for actor in self.rules.known_actors:
            akey = actor.anchor
            for name in (actor.name, *actor.aliases):
                norm = parse_name(name, self.rules).name_norm
                if norm:
                    seen[norm].add((akey, actor.entity_id))
        # A name shared by two known actors anchors neither (the matcher decides).
        return {norm: next(iter(v)) for norm, v in seen.items() if len(v) == 1}

    def info(self, root: int) -> _Info:
        got = self._infos[root]
        if got is None:
            got = self._infos[root] = self._unit_info(root)
        return got

    def _unit_info(self, u: int) -> _Info:
        info = _Info()
        if self.u_kind[u] in ("full", "initial"):
            p = self.u_parsed[u]
            info.givens = {(p.given, p.given_keys, p.alt_given)}
        if self.u_anchor[u] and not self._soft_anchor(u):
            info.anchors = {self.u_anchor[u]}
        return info

    def _soft_anchor(self, u: int) -> bool:
        """An entity of a previous registry (not a known actor's fixed ID) may merge with
        another on new evidence: the registry then records a redirect (issue 5).  Known
        actors' IDs, and anchors given with ordinary mentions, never merge with another."""
        return self.u_article[u].startswith(PSEUDO_PREFIX) and self.u_anchor[u] not in self.fixed_actor_ids

    # ------------------------------------------------------------ union-find with constraints

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def why_not(self, a: int, b: int) -> str:
        """'' when the clusters of units a and b may merge, else the rule that forbids it."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ""
        ia, ib = self.info(ra), self.info(rb)
        if ia.anchors and ib.anchors and ia.anchors != ib.anchors:
            return "different fixed entity IDs"
        if ia.cannot and ib.cannot and any((j, 1 - s) in ib.cannot for j, s in ia.cannot):
            return "cannot_link judgement"
        if ia.givens and ib.givens and ia.givens != ib.givens:
            rel = given_relation
            for ga, ka, xa in ia.givens:
                for gb, kb, xb in ib.givens:
                    if rel(ga, ka, xa, gb, kb, xb, self.rules) == "conflict":
                        return f"given names differ ({' '.join(ga)} / {' '.join(gb)})"
        return ""

    def union(self, a: int, b: int, *, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and self.why_not(ra, rb):
            return False
        if rb < ra:  # the smaller unit id stays root: independent of merge order
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.info(ra).absorb(self.info(rb))
        self._infos[rb] = _EMPTY
        return True

    def _link(self, stage: str, a: int, b: int, decision: str, *, p: float | str = "", w: float | str = "", features: str = "", reason: str = "") -> None:
        self.links.append(
            {
                "stage": stage,
                "a_article": self.u_article[a],
                "a_text": self.u_text[a],
                "b_article": self.u_article[b],
                "b_text": self.u_text[b],
                "decision": decision,
                "probability": round(p, 4) if isinstance(p, float) else p,
                "weight": round(w, 3) if isinstance(w, float) and abs(w) != float("inf") else w,
                "features": features,
                "reason": reason,
            }
        )

    # ------------------------------------------------------------ stages

    def run(self) -> None:
        self.stage_fixed()
        self.stage_article()
        self._context_after_article()
        self.stage_full_names()
        self.stage_short_names()

    def stage_fixed(self) -> None:
        by_anchor: dict[str, list[int]] = defaultdict(list)
        for u, a in enumerate(self.u_anchor):
            if a:
                by_anchor[a].append(u)
        for a in sorted(by_anchor):
            us = by_anchor[a]
            for u in us[1:]:
                self.union(us[0], u, force=True)
        if not self.rules.judgements:
            return
        by_norm: dict[str, list[int]] = defaultdict(list)
        for u, norm in enumerate(self.u_norm):
            by_norm[norm].append(u)
        by_id: dict[str, list[int]] = defaultdict(list)
        for u, a in enumerate(self.u_anchor):
            if a:
                by_id[fold(a)].append(u)

        def side(name: str) -> list[int]:
            keys = {fold(name), parse_name(name, self.rules).name_norm}
            out = set(by_id.get(fold(name), ()))
            for k in keys:
                out.update(by_norm.get(k, ()))
            return sorted(out)

        for j, judg in enumerate(self.rules.judgements):
            a, b = side(judg.a), side(judg.b)
            if judg.judgement == "must_link":
                group = a + b
                for u in group[1:]:
                    self.union(group[0], u, force=True)
                if a and b:
                    self._link("judgement", a[0], b[0], "merged", p=1.0, reason=f"must_link {judg.a!r} = {judg.b!r} ({judg.where})")
            else:
                for us, s in ((a, 0), (b, 1)):
                    for u in us:
                        info = self.info(self.find(u))
                        info.cannot = (info.cannot or set()) | {(j, s)}
                if a and b:
                    self._link("judgement", a[0], b[0], "kept apart", p=0.0, reason=f"cannot_link {judg.a!r} / {judg.b!r} ({judg.where})")

    def stage_article(self) -> None:
        """Within each article: full names join; short names attach to a full name."""
        rules = self.rules
        by_article: dict[str, list[int]] = defaultdict(list)
        for u, a in enumerate(self.u_article):
            by_article[a].append(u)
        self.by_article = by_article
        for art in sorted(by_article):
            units = by_article[art]
            self._absorb_longer_spans(units)
            full = [u for u in units if self.u_kind[u] == "full"]
            # Full names: same (or near) surname and compatible given names.
            for i, a in enumerate(full):
                pa = self.u_parsed[a]
                for b in full[i + 1 :]:
                    pb = self.u_parsed[b]
                    slv = surname_level(pa.surname_key, pb.surname_key)
                    if slv == "different":
                        continue
                    glv = given_relation(pa.given, pa.given_keys, pa.alt_given, pb.given, pb.given_keys, pb.alt_given, rules)
                    if glv in _STRONG_GIVEN and (slv == "exact" or glv != "variant"):
                        if self.union(a, b):
                            self._link("article", b, a, "merged", reason=f"same article; given={glv}; surname={slv}")
            # Short names, initials first (more specific), then singles.
            shorts = sorted((u for u in units if self.u_kind[u] in ("initial", "single")), key=lambda u: (self.u_kind[u] != "initial", u))
            for u in shorts:
                self._attach_in_article(u, full, units)

    def _absorb_longer_spans(self, units: list[int]) -> None:
        """A span that holds a full name of the same article plus other words is that name.

        Extractors over-extend spans in headlines and lists ("Lindsay Lohan Checks",
        "Nominates Regina Benjamin"); such a span is compared as the name it contains.
        """
        full = [u for u in units if self.u_kind[u] == "full"]
        toks = {u: self.u_norm[u].split() for u in full}
        for u in full:
            tu = toks[u]
            if len(tu) < 3:
                continue
            inner = [v for v in full if v != u and 2 <= len(toks[v]) < len(tu) and _contains(tu, toks[v])]
            if inner:
                v = max(inner, key=lambda v: (len(toks[v]), self.u_size[v], -v))
                old, new = self.u_parsed[u], self.u_parsed[v]
                self.u_parsed[u] = new
                info = self.info(self.find(u))
                givens = info.givens = info.givens or set()
                givens.discard((old.given, old.given_keys, old.alt_given))
                givens.add((new.given, new.given_keys, new.alt_given))

    def _attach_in_article(self, u: int, full: list[int], units: list[int]) -> None:
        rules = self.rules
        p = self.u_parsed[u]
        by_surname: dict[int, int] = {}  # root -> a full unit of it
        by_given: dict[int, int] = {}
        for f in full:
            q = self.u_parsed[f]
            r = self.find(f)
            if surname_level(p.surname_key, q.surname_key) != "different" or (len(p.surname_key) > 3 and q.surname_key.endswith(p.surname_key)):
                if p.kind == "initial" and given_relation(p.given, p.given_keys, "", q.given, q.given_keys, q.alt_given, rules) == "conflict":
                    continue
                # exact surname beats fuzzy: keep a fuzzy candidate only if no exact one
                by_surname.setdefault(r, f)
            elif p.kind == "single" and len(p.surname_key) > 1 and (
                _given_match(p.surname_key, q.given_keys[0], rules) or (q.alt_given and _given_match(p.surname_key, q.alt_given, rules))
            ):
                by_given.setdefault(r, f)
        exact = {r: f for r, f in by_surname.items() if self.u_parsed[f].surname_key == p.surname_key}
        cands = exact or by_surname or by_given
        how = "surname" if (exact or by_surname) else "given name"
        if not cands and p.kind == "single":
            # No full name: a single surname may still join initials of the same surname ("J. Miller" ... "Miller").
            inits = {self.find(v): v for v in units if self.u_kind[v] == "initial" and self.u_parsed[v].surname_key == p.surname_key}
            cands, how = inits, "initials"
        if not cands:
            return
        if len(cands) == 1:
            target = next(iter(cands.values()))
            reason = f"same article; {how}"
        else:
            target = self._nearest(u, list(cands.values()))
            reason = f"same article; {how}; nearest preceding of {len(cands)} candidates"
        if self.union(target, u):
            self._link("article", u, target, "merged", reason=reason)
        else:
            self._link("article", u, target, "kept apart", reason=self.why_not(target, u) or "constraint")

    def _nearest(self, u: int, cands: list[int]) -> int:
        """The candidate whose first mention is the nearest one before u's (else the first after)."""
        start = self.u_start[u]
        before = [c for c in cands if self._root_start(c) <= start]
        if before:
            return max(before, key=lambda c: (self._root_start(c), -c))
        return min(cands, key=lambda c: (self._root_start(c), c))

    def _root_start(self, c: int) -> int:
        r = self.find(c)
        return min(self.u_start[v] for v in self.by_article[self.u_article[c]] if self.find(v) == r)

    # ------------------------------------------------------------ context

    def _context_after_article(self) -> None:
        """Per local person (root after stage 1): titles, affiliations, co-mentioned surnames, dates."""
        self.article_surnames = {
            art: frozenset(self.u_parsed[u].surname_key for u in us if self.u_kind[u] != "none") for art, us in self.by_article.items()
        }

    def _context(self, units: list[int]) -> tuple[frozenset, frozenset, frozenset, tuple, tuple]:
        """(titles, affiliations, co-mentioned surnames, dates, day numbers) of some units: the NameSide context."""
        titles: set[str] = set()
        affs: set[str] = set()
        comention: set[str] = set()
        dates: set[str] = set()
        own = {self.u_parsed[u].surname_key for u in units}
        arts = set()
        for u in units:
            titles |= self.u_titles[u]
            affs |= self.u_affs[u]
            if self.u_date[u]:
                dates.add(self.u_date[u])
            arts.add(self.u_article[u])
        for a in arts:
            comention |= self.article_surnames[a]
        ds = tuple(sorted(dates))
        return frozenset(titles), frozenset(affs), frozenset(comention - own), ds, day_numbers(ds)

    def _members(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for u in range(len(self.parent)):
            out[self.find(u)].append(u)
        return out

    def _side(self, rep: int, ctx: tuple) -> NameSide:
        p = self.u_parsed[rep]
        return NameSide(p.given, p.given_keys, p.surname_key, p.alt_given, *ctx)

    # ------------------------------------------------------------ stage 2: full names across articles

    def stage_full_names(self) -> None:
        members = self._members()
        # Each local person with a full name, under each of its full-name keys.
        by_key: dict[tuple, list[int]] = defaultdict(list)
        for root in sorted(members):
            for u in members[root]:
                if self.u_kind[u] == "full":
                    p = self.u_parsed[u]
                    lst = by_key[(p.given_keys, p.surname_key)]
                    if not lst or lst[-1] != root:
                        lst.append(root)
        local_ctx = _Lazy(lambda r: self._context(members[r]))
        nodes: list[dict] = []
        for k in sorted(by_key):
            subs = self._split_same_name(by_key[k], local_ctx, members)
            for sub in subs:
                merged_ok = [sub[0]]
                for r in sub[1:]:
                    why = self.why_not(sub[0], r)
                    if not why and self.union(sub[0], r):
                        merged_ok.append(r)
                    else:
                        self._link("same_name", r, sub[0], "kept apart", reason=why)
                units = [u for r in merged_ok for u in members[r]]
                rep = min(u for u in members[sub[0]] if self.u_kind[u] == "full" and (self.u_parsed[u].given_keys, self.u_parsed[u].surname_key) == k)
                nodes.append({"rep": rep, "root_unit": sub[0], "units": units})
            for sub in subs[1:]:
                self._link("same_name", sub[0], subs[0][0], "kept apart", reason="same name, contexts of two people (titles and affiliations conflict, no shared co-mention, dates far or unknown)")
        if len(nodes) < 2:
            return
        parsed = [self.u_parsed[n["rep"]] for n in nodes]
        frame = pd.DataFrame(
            {
                "surname_key": [p.surname_key for p in parsed],
                "surname_phonetic": [p.phonetic for p in parsed],
                "given_block": [given_block_keys(p, self.rules) for p in parsed],
            }
        )
        pairs = name_pairs(frame)
        node_ctx = _Lazy(lambda i: self._context(nodes[i]["units"]))
        edges = []
        for a, b in zip(pairs["a"].tolist(), pairs["b"].tolist()):
            pa, pb = parsed[a], parsed[b]
            if surname_level(pa.surname_key, pb.surname_key) == "different":
                continue
            if given_relation(pa.given, pa.given_keys, pa.alt_given, pb.given, pb.given_keys, pb.alt_given, self.rules) == "conflict":
                continue  # hard rule; not worth a context
            vec = compare(self._side(nodes[a]["rep"], node_ctx[a]), self._side(nodes[b]["rep"], node_ctx[b]), self.rules)
            sc = score(vec, "name")
            if sc.blocked:
                continue
            edges.append((-sc.weight, a, b, sc, vec))
        edges.sort(key=lambda e: (e[0], e[1], e[2]))
        for _, a, b, sc, vec in edges:
            ua, ub = nodes[a]["root_unit"], nodes[b]["root_unit"]
            ra, rb = nodes[a]["rep"], nodes[b]["rep"]
            if not sc.matched:
                self._link("name", ra, rb, "kept apart", p=sc.probability, w=sc.weight, features=vec.features(), reason="below threshold")
                continue
            if self.find(ua) == self.find(ub):
                continue
            why = self.why_not(ua, ub)
            if why:
                self._link("name", ra, rb, "kept apart", p=sc.probability, w=sc.weight, features=vec.features(), reason=why)
                continue
            self.union(ua, ub)
            for u in nodes[b]["units"]:
                self.unit_score[u] = min(self.unit_score[u], sc.probability)
            self._link("name", ra, rb, "merged", p=sc.probability, w=sc.weight, features=vec.features())

    def _split_same_name(self, roots: list[int], ctx: "_Lazy", members: dict[int, list[int]]) -> list[list[int]]:
        """Local persons sharing one full name: one group, unless contexts show two people."""
        if len(roots) == 1:
            return [roots]
        # Only local persons with a title or affiliation can prove two people; the rest wait.
        informed = [r for r in roots if any(self.u_titles[u] or self.u_affs[u] for u in members[r])]
        if len(informed) < 2:
            return [roots]
        seen = set(informed)
        deferred = [r for r in roots if r not in seen]
        order = sorted(informed, key=lambda r: (ctx[r][3][:1], self.u_article[r], r))
        subs: list[dict] = []
        for r in order:
            titles, affs, com, dates, _days = ctx[r]
            home = None
            for s in subs:
                if title_level(titles, s["titles"]) != "conflict":
                    home = s  # two people needs conflicting titles: skip the full comparison
                    break
                side_r = NameSide((), (), "", "", titles, affs, com, dates)
                side_s = NameSide((), (), "", "", s["titles"], s["affs"], s["com"], tuple(sorted(s["dates"])))
                v = compare(side_r, side_s, self.rules)
                two_people = (
                    v.levels["title"] == "conflict"
                    and v.levels["affiliation"] == "conflict"
                    and v.levels["comention"] != "shared"
                    and v.levels["date"] in ("far", "missing")
                )
                if not two_people:
                    home = s
                    break
            if home is None:
                home = {"members": [], "titles": set(), "affs": set(), "com": set(), "dates": set()}
                subs.append(home)
            home["members"].append(r)
            home["titles"] |= titles
            home["affs"] |= affs
            home["com"] |= com
            home["dates"] |= set(dates)
        if not subs:
            return [sorted(roots)]
        largest = max(subs, key=lambda s: (len(s["members"]), -min(s["members"])))
        largest["members"].extend(deferred)
        return [sorted(s["members"]) for s in subs]

    # ------------------------------------------------------------ stage 3: short names across articles

    def stage_short_names(self) -> None:
        members = self._members()
        full_roots = sorted(r for r, us in members.items() if any(self.u_kind[u] == "full" for u in us))
        short_roots = sorted(r for r, us in members.items() if all(self.u_kind[u] in ("initial", "single") for u in us))
        if not short_roots:
            return
        # Representative of a short local person: its initials form if any, else its most frequent form.
        def short_rep(r: int) -> int:
            return min(members[r], key=lambda u: (self.u_kind[u] != "initial", -self.u_size[u], u))

        s_rep = {r: short_rep(r) for r in short_roots}
        candidates: dict[int, list[int]] = defaultdict(list)
        if full_roots:
            # Full-name clusters listed under each of their surname keys.
            rows = []
            for r in full_roots:
                keys = {self.u_parsed[u].surname_key for u in members[r] if self.u_kind[u] == "full"}
                for k in sorted(keys):
                    rows.append((r, k, self.u_parsed[min(u for u in members[r] if self.u_parsed[u].surname_key == k)].phonetic))
            right = pd.DataFrame(rows, columns=["root", "surname_key", "surname_phonetic"])
            left = pd.DataFrame(
                {"surname_key": [self.u_parsed[s_rep[r]].surname_key for r in short_roots], "surname_phonetic": [self.u_parsed[s_rep[r]].phonetic for r in short_roots]},
                index=short_roots,
            )
            found = lookup(left, right)
            left_key = dict(zip(left.index, left["surname_key"]))
            right_root, right_key = right["root"].tolist(), right["surname_key"].tolist()
            for lr, ri in zip(found["left"].tolist(), found["right"].tolist()):
                fr = right_root[ri]
                if surname_level(left_key[lr], right_key[ri]) != "different" and fr not in candidates[lr]:
                    candidates[lr].append(fr)
        full_ctx: dict[int, tuple] = {}
        # Per full-name cluster, computed once: articles named in, representative full name.
        n_articles_of = _Lazy(lambda c: len({self.u_article[u] for u in members[c]}))
        full_rep = _Lazy(lambda c: self._full_rep(c, members))
        orphans: dict[tuple, list[int]] = defaultdict(list)
        by_given: dict[str, set[int]] = defaultdict(set)  # first given name (or quoted nickname) -> full clusters
        for r in full_roots:
            for u in members[r]:
                if self.u_kind[u] == "full":
                    q = self.u_parsed[u]
                    if len(q.given_keys[0]) > 1:
                        by_given[q.given_keys[0]].add(r)
                    if q.alt_given:
                        by_given[q.alt_given].add(r)
        for r in short_roots:
            rep = s_rep[r]
            ok = [c for c in sorted(candidates.get(r, ())) if not self.why_not(r, c)]
            if not ok and self.u_kind[rep] == "single" and self._attach_given_only(r, rep, members, by_given, full_ctx):
                continue
            if not ok:
                p = self.u_parsed[rep]
                orphans[(p.surname_key, p.given_keys[:1] if p.kind == "initial" else ())].append(r)
                continue
            side = self._side(rep, self._context(members[r]))
            scored = []
            stage = "surname_unique" if len(ok) == 1 else "surname_ambiguous"
            n_arts = {c: n_articles_of[c] for c in ok}
            for c in ok:
                if c not in full_ctx:
                    full_ctx[c] = self._context(members[c])
            rest_weight = None
            if len(ok) > MAX_SCORED:
                # Many people share this surname: score only those the context points to
                # (a shared co-mentioned person or a compatible title) and the two most
                # named; the others count as one candidate with no context evidence.
                picked = self._preselect(side, ok, full_ctx, n_arts)
                neutral = side.__class__(side.given, side.given_keys, side.surname_key, side.alt_given)
                v0 = compare(neutral, self._side(full_rep[ok[0]], ((), (), (), (), ())), self.rules)
                v0.levels["surname"] = "exact"
                v0.levels["prominence"] = "missing"
                rest_weight = score(v0, stage).weight if len(picked) < len(ok) else None
                ok = picked
            for c in ok:
                crep = full_rep[c]
                vec = compare(side, self._side(crep, full_ctx[c]), self.rules)
                if len(n_arts) > 1:
                    vec.levels["prominence"] = _prominence(c, n_arts, vec)
                sc = score(vec, stage)
                scored.append((sc.weight, c, crep, sc, vec))
            scored.sort(key=lambda x: (-x[0], x[1]))
            w, c, crep, sc, vec = scored[0]
            second = scored[1][0] if len(scored) > 1 else None
            if rest_weight is not None:
                second = rest_weight if second is None else max(second, rest_weight)
            if sc.matched and (second is None or w - second >= MARGIN_BITS):
                self.union(c, r)
                for u in members[r]:
                    self.unit_score[u] = sc.probability
                reason = "only candidate" if second is None else f"best of {len(scored)} candidates by {w - second:.1f} bits"
                self._link("short_name", rep, crep, "merged", p=sc.probability, w=sc.weight, features=vec.features(), reason=reason)
            else:
                if not sc.matched:
                    reason = "below threshold"
                else:
                    reason = f"ambiguous: the best of {len(scored)} candidates leads by {w - second:.1f} < {MARGIN_BITS:g} bits"
                for w2, c2, crep2, sc2, vec2 in scored[:3]:  # the top candidates tell the story
                    self._link("short_name", rep, crep2, "kept apart", p=sc2.probability, w=w2, features=vec2.features(), reason=reason)
        # Short names with no full-name candidate anywhere: one person per surname (and initial).
        for key in sorted(orphans):
            rs = orphans[key]
            for r in rs[1:]:
                if self.union(rs[0], r):
                    self._link("short_name", s_rep[r], s_rep[rs[0]], "merged", reason="no full name with this surname; same surname" + (" and initial" if key[1] else ""))

    def _preselect(self, side: NameSide, ok: list[int], full_ctx: dict, n_arts: dict[int, int]) -> list[int]:
        """Candidates worth a full comparison among many: context points to them, or most named."""
        com = side.comentions
        picked = set(sorted(ok, key=lambda c: (-n_arts[c], c))[:2])
        for c in ok:
            titles, _affs, ccom, _dates, _days = full_ctx[c]
            if (com and any(m in ccom for m in com)) or (side.titles and titles and title_level(side.titles, titles) == "same"):
                picked.add(c)
        return sorted(picked)

    def _full_rep(self, c: int, members: dict[int, list[int]]) -> int:
        """The most frequent full-name unit of cluster c (its face in comparisons)."""
        return min((u for u in members[c] if self.u_kind[u] == "full"), key=lambda u: (-self.u_size[u], u))

    def _attach_given_only(self, r: int, rep: int, members: dict, by_given: dict, full_ctx: dict) -> bool:
        """A lone given name ("Kimani") with no surname match joins a full-name cluster with that
        given name only when exactly one such cluster shares co-mentioned people with it."""
        token = self.u_parsed[rep].surname_key
        if len(token) < 3 or token not in self.rules.given_names and token not in by_given:
            return False
        cands = set(by_given.get(token, ()))
        for eq in self.rules.nicknames.get(token, ()):
            cands |= by_given.get(eq, set())
        side = self._side(rep, self._context(members[r]))
        agreeing = []
        for c in sorted(cands):
            if self.why_not(r, c):
                continue
            if c not in full_ctx:
                full_ctx[c] = self._context(members[c])
            crep = self._full_rep(c, members)
            vec = compare(side, self._side(crep, full_ctx[c]), self.rules)
            vec.levels["given"] = "exact"
            vec.levels["surname"] = "different"  # what a lone given name says about the surname: nothing that helps
            if vec.levels["comention"] == "shared":
                agreeing.append((c, crep, vec))
        if len(agreeing) != 1:
            return False
        c, crep, vec = agreeing[0]
        self.union(c, r)
        self._link("given_name", rep, crep, "merged", features=vec.features(), reason="lone given name; the only full name with it that shares co-mentioned people")
        return True

    # ------------------------------------------------------------ output

    def labels(self) -> list[int]:
        """Cluster label per unit: clusters numbered by their smallest unit id."""
        roots = [self.find(u) for u in range(len(self.parent))]
        order = {r: i for i, r in enumerate(sorted(set(roots)))}
        return [order[r] for r in roots]

    def output_anchors(self) -> dict[int, str]:
        """Cluster label -> the fixed entity ID it carries ('' when none or several)."""
        labels = self.labels()
        fixed: dict[int, set[str]] = defaultdict(set)
        for u, f in enumerate(self.u_fixed):
            if f:
                fixed[labels[u]].add(f)
        return defaultdict(str, {lab: next(iter(v)) for lab, v in fixed.items() if len(v) == 1})


def _contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def _prominence(c: int, n_articles: dict[int, int], vec) -> str:
    """`prominence` level of candidate c among several (see compare.COMPARISONS)."""
    agrees = vec.levels.get("comention") == "shared" or vec.levels.get("date") == "close" or vec.levels.get("title") == "same"
    if not agrees:
        return "missing"
    others = max(n for k, n in n_articles.items() if k != c)
    return "dominant" if n_articles[c] >= 3 and n_articles[c] >= 3 * others else "minor"


def _given_match(token: str, given_key: str, rules: Rules) -> bool:
    return len(given_key) > 1 and (token == given_key or rules.given_equivalent(token, given_key))
