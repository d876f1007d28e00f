"""Incremental runs: a previous registry as the starting point of a new batch.

`resolve run NEW... --registry PREV` keeps the entity IDs that downstream tools
store.  The mechanism is the clustering contract, not a second matcher:

1. `load_registry` reads PREV/registry.csv (and titles.csv, redirects.csv beside
   it) fully and validates it; problems are `file:line: message` (RegistryError).
2. `registry_mentions` turns every previous entity into pseudo-mentions: its name
   and each alias (one row each) and each of its titles (a row with the name and
   that title), in a pseudo-article `PSEUDO_PREFIX + entity_id`, all carrying
   `anchor_id = entity_id`.  They are clustered together with the new mentions,
   so a new "Tom Donilon" meets the old "Thomas Donilon" like any other mention.
3. `choose_ids` gives each cluster its ID from the anchors it holds (previous
   entities, redirects followed, and fixed IDs of known actors): one anchor -> that
   ID; several -> they merge into the one that sorts first by `anchor_priority`
   and the others get a redirect; none -> a new hash ID (registry.py).
4. registry.py drops the pseudo rows and adds the batch to the previous records.

The pseudo-article prefix is reserved: an input article whose id starts with it is
an error.  Human edits are data: a registry whose `name` differs from `auto_name`
(the name resolve chose) keeps the human name; an alias in `aliases` but not in
`alias_counts` was added by hand and is evidence; a form in `alias_counts` but not
in `aliases` was removed by hand and is neither evidence nor listed again.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from .errors import RegistryError
from .io.guard import unguard_cell

#: article_id prefix of the pseudo-articles that carry previous entities.  "@" starts a
#: spreadsheet formula, so ids written by resolve never start with it unquoted, and
#: `add_registry_mentions` rejects input articles that use it.
PSEUDO_PREFIX = "@registry:"

REGISTRY_REQUIRED = ("entity_id", "name", "aliases")
TITLES_REQUIRED = ("entity_id", "title_normalized", "affiliation")
REDIRECTS_REQUIRED = ("old_id", "new_id")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Entity:
    """One actor as the registry accumulates it (previous runs and/or this batch)."""

    entity_id: str
    name: str = ""  # the name in the registry (may be a human's)
    human_name: bool = False  # True when `name` was set by hand and must be kept
    alias_counts: Counter = field(default_factory=Counter)  # surface form -> mentions counted
    added: set[str] = field(default_factory=set)  # aliases added by hand (no mentions counted)
    removed: set[str] = field(default_factory=set)  # forms removed from aliases by hand
    titles: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)
    n_mentions: int = 0
    article_ids: set[str] = field(default_factory=set)
    unlisted_articles: int = 0  # articles counted in n_articles but not listed in article_ids
    first_seen: str = ""
    last_seen: str = ""
    line: int = 0  # line in the previous registry.csv (0: from this batch)

    @property
    def aliases(self) -> set[str]:
        """Forms seen (minus those removed by hand) plus those added by hand."""
        return ({f for f in self.alias_counts} - self.removed) | self.added

    @property
    def evidence_forms(self) -> list[str]:
        """Name forms that stand for this entity when clustering a new batch."""
        forms = set(self.aliases)
        if self.name and self.name not in self.removed:
            forms.add(self.name)
        return sorted(forms)

    @property
    def n_articles(self) -> int:
        return len(self.article_ids) + self.unlisted_articles


@dataclass
class TitleStat:
    """One (entity, title, affiliation) row of titles.csv."""

    entity_id: str
    title_normalized: str
    affiliation: str
    first_seen: str = ""
    last_seen: str = ""
    n_mentions: int = 0
    article_ids: set[str] = field(default_factory=set)


@dataclass
class Redirect:
    old_id: str
    new_id: str
    reason: str = ""
    run_date: str = ""


@dataclass
class PreviousRegistry:
    """A validated previous registry: entities by ID, their titles, redirects (old -> live ID)."""

    path: Path
    entities: dict[str, Entity]
    titles: list[TitleStat]
    redirects: dict[str, Redirect]

    def live_id(self, entity_id: str) -> str:
        """Follow redirects: the ID that `entity_id` stands for now."""
        r = self.redirects.get(entity_id)
        return r.new_id if r is not None else entity_id

    @property
    def issued_ids(self) -> set[str]:
        """Every ID handed out so far: live entities and redirected ones."""
        return set(self.entities) | set(self.redirects)

    @property
    def counted_articles(self) -> set[str]:
        """Articles whose mentions the previous registry already counted."""
        out: set[str] = set()
        for e in self.entities.values():
            out |= e.article_ids
        return out


# --- reading ------------------------------------------------------------------------


def _read_rows(path: Path, required: tuple[str, ...], problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a CSV file with a header; structural problems are appended."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problems.append(f"{path}:1: not UTF-8 text")
        return []
    except OSError as e:
        problems.append(f"{path}: cannot read ({e.strerror})")
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(f"{path}:1: empty file; expected a header with {', '.join(required)}")
        return []
    except csv.Error as e:
        problems.append(f"{path}:1: {e}")
        return []
    header = [h.strip() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(f"{path}:1: missing column(s) {', '.join(missing)} (header: {', '.join(header)})")
        return []
    rows = []
    try:
        for values in reader:
            line = reader.line_num
            if not values or all(not v.strip() for v in values):
                continue
            if len(values) != len(header):
                problems.append(f"{path}:{line}: {len(values)} fields, the header has {len(header)}")
                continue
            rows.append((line, {h: unguard_cell(v.strip()) for h, v in zip(header, values)}))
    except csv.Error as e:
        problems.append(f"{path}:{reader.line_num}: {e}")
    return rows


def _int(row: dict, col: str, where: str, problems: list[str]) -> int:
    v = row.get(col, "")
    if v == "":
        return 0
    if not v.isdigit():
        problems.append(f"{where}: {col} '{v}' is not a non-negative integer")
        return 0
    return int(v)


def _date(row: dict, col: str, where: str, problems: list[str]) -> str:
    v = row.get(col, "")
    if v and not _DATE.match(v):
        problems.append(f"{where}: {col} '{v}' is not an ISO date (YYYY-MM-DD)")
        return ""
    return v


def _split(v: str) -> set[str]:
    return {x.strip() for x in v.split("|") if x.strip()}


def parse_alias_counts(v: str, where: str, problems: list[str]) -> Counter | None:
    """'Thomas Donilon=3|Tom Donilon=1' -> Counter; None when the cell is empty."""
    if not v:
        return None
    out: Counter = Counter()
    for item in v.split("|"):
        form, sep, n = item.rpartition("=")
        if not sep or not form.strip() or not n.strip().isdigit():
            problems.append(f"{where}: alias_counts item '{item}' is not 'form=count'")
            continue
        out[form.strip()] += int(n)
    return out


def format_alias_counts(counts: Counter) -> str:
    return "|".join(f"{f}={counts[f]}" for f in sorted(counts))


def _entity(line: int, row: dict, where: str, problems: list[str]) -> Entity:
    counts = parse_alias_counts(row.get("alias_counts", ""), where, problems)
    aliases = _split(row["aliases"])
    name = row["name"]
    auto = row.get("auto_name", "")
    e = Entity(row["entity_id"], name=name, line=line)
    if counts is None:
        # Written by hand (or by another tool): every alias and the name are the human's.
        e.added = set(aliases)
        e.human_name = bool(name)
    else:
        e.alias_counts = counts
        e.added = aliases - set(counts)
        e.removed = set(counts) - aliases
        e.human_name = bool(name) and name != auto
    e.titles = _split(row.get("titles", ""))
    e.affiliations = _split(row.get("affiliations", ""))
    e.n_mentions = _int(row, "n_mentions", where, problems)
    e.article_ids = _split(row.get("article_ids", ""))
    e.unlisted_articles = max(0, _int(row, "n_articles", where, problems) - len(e.article_ids))
    e.first_seen = _date(row, "first_seen", where, problems)
    e.last_seen = _date(row, "last_seen", where, problems)
    return e


def registry_file(path: str | Path) -> Path:
    """`path` itself, or `path`/registry.csv when it is a directory (an earlier OUTDIR)."""
    p = Path(path)
    return p / "registry.csv" if p.is_dir() else p


def load_registry(path: str | Path) -> PreviousRegistry:
    """Read and validate a previous registry (a registry.csv or the directory holding it).

    titles.csv and redirects.csv beside it are read when present.  Every problem is
    collected and raised together as RegistryError(['file:line: message', ...]).
    """
    reg_path = registry_file(path)
    if not reg_path.is_file():
        raise RegistryError([f"{reg_path}: registry not found (omit --registry for a first run)"])
    problems: list[str] = []
    entities: dict[str, Entity] = {}
    for line, row in _read_rows(reg_path, REGISTRY_REQUIRED, problems):
        where = f"{reg_path}:{line}"
        eid = row["entity_id"]
        if not eid:
            problems.append(f"{where}: empty entity_id")
            continue
        if any(c.isspace() or c == "|" for c in eid):
            problems.append(f"{where}: entity_id '{eid}' must not contain spaces or '|'")
            continue
        if eid in entities:
            problems.append(f"{where}: duplicate entity_id '{eid}' (first at line {entities[eid].line})")
            continue
        if not row["name"] and not row["aliases"]:
            problems.append(f"{where}: entity '{eid}' has neither a name nor aliases")
            continue
        entities[eid] = _entity(line, row, where, problems)

    redirects: dict[str, Redirect] = {}
    red_lines: dict[str, int] = {}
    red_path = reg_path.parent / "redirects.csv"
    if red_path.is_file():
        for line, row in _read_rows(red_path, REDIRECTS_REQUIRED, problems):
            where = f"{red_path}:{line}"
            old, new = row["old_id"], row["new_id"]
            if not old or not new:
                problems.append(f"{where}: empty old_id or new_id")
            elif old in red_lines:
                problems.append(f"{where}: duplicate old_id '{old}' (first at line {red_lines[old]})")
            elif old in entities:
                problems.append(f"{where}: old_id '{old}' is still an entity of {reg_path} (line {entities[old].line})")
            else:
                red_lines[old] = line
                redirects[old] = Redirect(old, new, row.get("reason", ""), _date(row, "run_date", where, problems))
        # Collapse chains (A -> B -> C becomes A -> C); each must end at a live entity.
        for old in sorted(redirects):
            target, hops = redirects[old].new_id, {old}
            while target in redirects and target not in hops:
                hops.add(target)
                target = redirects[target].new_id
            if target not in entities:
                why = "a cycle" if target in hops else f"'{target}', which is not an entity of {reg_path}"
                problems.append(f"{red_path}:{red_lines[old]}: redirect of '{old}' leads to {why}")
        if not problems:
            for old in redirects:
                target = redirects[old].new_id
                while target in redirects:
                    target = redirects[target].new_id
                redirects[old].new_id = target

    titles: list[TitleStat] = []
    tit_path = reg_path.parent / "titles.csv"
    if tit_path.is_file():
        for line, row in _read_rows(tit_path, TITLES_REQUIRED, problems):
            where = f"{tit_path}:{line}"
            eid = row["entity_id"]
            eid = redirects[eid].new_id if eid in redirects else eid
            if eid not in entities:
                problems.append(f"{where}: entity_id '{row['entity_id']}' is not an entity of {reg_path}")
                continue
            if not row["title_normalized"]:
                problems.append(f"{where}: empty title_normalized")
                continue
            titles.append(
                TitleStat(
                    eid,
                    row["title_normalized"],
                    row["affiliation"],
                    _date(row, "first_seen", where, problems),
                    _date(row, "last_seen", where, problems),
                    _int(row, "n_mentions", where, problems),
                    _split(row.get("article_ids", "")),
                )
            )
    if problems:
        raise RegistryError(problems)
    return PreviousRegistry(reg_path, entities, titles, redirects)


# --- anchoring ----------------------------------------------------------------------


def registry_mentions(previous: PreviousRegistry) -> pd.DataFrame:
    """Pseudo-mentions standing for the previous entities (see the module docstring).

    Each entity gets one pseudo-article whose text is its forms joined by newlines, so
    `text == article_text[start:end]` holds like for real mentions.
    """
    titles_of: dict[str, list[TitleStat]] = {}
    for t in previous.titles:
        titles_of.setdefault(t.entity_id, []).append(t)
    rows = []
    for eid in sorted(previous.entities):
        e = previous.entities[eid]
        forms = e.evidence_forms
        if not forms:
            continue
        head = e.name if e.name in forms else forms[0]
        items = [(f, "", "", e.last_seen) for f in forms]
        if eid in titles_of:
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
                }
            )
            pos += len(text) + 1
    return pd.DataFrame.from_records(rows)


def add_registry_mentions(mentions: pd.DataFrame, articles: pd.DataFrame, previous: PreviousRegistry) -> pd.DataFrame:
    """The new mentions (with `date` and `anchor_id` filled) plus the previous entities' pseudo-mentions.

    Rows are sorted by (article_id, start, end) so the result does not depend on input order.
    """
    clash = sorted({a for a in articles["article_id"] if str(a).startswith(PSEUDO_PREFIX)}) if len(articles) else []
    clash += sorted({a for a in mentions["article_id"] if str(a).startswith(PSEUDO_PREFIX)} - set(clash)) if len(mentions) else []
    if clash:
        raise RegistryError([f"article id '{a}' starts with '{PSEUDO_PREFIX}', which is reserved for registry entries; rename it" for a in clash])
    df = mentions.copy()
    dates = dict(zip(articles["article_id"], articles["date"])) if len(articles) else {}
    own = df["date"].fillna("").astype(str) if "date" in df.columns else [""] * len(df)
    df["date"] = [d or dates.get(a, "") or "" for d, a in zip(own, df["article_id"])]
    df["anchor_id"] = df["anchor_id"].fillna("").astype(str) if "anchor_id" in df.columns else ""
    pseudo = registry_mentions(previous)
    if not len(pseudo):
        return df
    out = pd.concat([df, pseudo], ignore_index=True) if len(df) else pseudo
    for col in df.columns:  # keep the real rows' dtypes where pseudo rows lack a column
        if col not in pseudo.columns and out[col].dtype == object:
            out[col] = out[col].fillna("")
    return out.sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)


def is_pseudo(article_ids: pd.Series) -> pd.Series:
    return article_ids.astype(str).str.startswith(PSEUDO_PREFIX)


# --- IDs for anchored clusters, merges ----------------------------------------------


def anchor_priority(entity_id: str, previous: PreviousRegistry | None, fixed_ids: Iterable[str]) -> tuple:
    """Which ID survives a merge: fixed IDs of known actors first, then the entity first
    seen earliest in the previous registry (unknown dates last), then the smallest ID."""
    e = previous.entities.get(entity_id) if previous is not None else None
    first = e.first_seen if e is not None and e.first_seen else "~"
    return (entity_id not in fixed_ids, first, entity_id)


def choose_ids(
    cluster_anchors: dict,
    new_mentions: dict,
    previous: PreviousRegistry | None,
    fixed_ids: Iterable[str] = (),
) -> tuple[dict, list[Redirect]]:
    """IDs of anchored clusters and the merges that this implies.

    `cluster_anchors`: cluster label -> set of anchor IDs (redirects already followed);
    `new_mentions`: label -> number of real (non-pseudo) mentions.  Clusters sharing an
    anchor (the clusterer should not produce them, but if it does) share one ID.
    Returns (label -> ID, redirects for the IDs merged away, without run_date).
    """
    fixed = set(fixed_ids)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for anchors in cluster_anchors.values():
        ordered = sorted(anchors)
        for a in ordered[1:]:
            ra, rb = find(ordered[0]), find(a)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        if ordered:
            find(ordered[0])
    groups: dict[str, set[str]] = {}
    for a in list(parent):
        groups.setdefault(find(a), set()).add(a)
    winner = {}
    for members in groups.values():
        w = min(members, key=lambda m: anchor_priority(m, previous, fixed))
        for m in members:
            winner[m] = w
    n_new: Counter = Counter()
    for label, anchors in cluster_anchors.items():
        if anchors:
            n_new[winner[min(anchors)]] += new_mentions.get(label, 0)
    ids = {label: winner[min(anchors)] for label, anchors in cluster_anchors.items() if anchors}
    merges = []
    for a in sorted(winner):
        w = winner[a]
        if a != w:
            k = n_new[w]
            why = f"clustered with {w} and {k} new mention(s)" if k else f"clustered with {w} without new mentions (rules or registry edits)"
            merges.append(Redirect(a, w, why))
    return ids, merges
