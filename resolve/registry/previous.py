"""The previous registry (`--registry PREV`): read fully and validated before anything is written.

`load_registry` reads PREV's registry table and, beside it, the titles and redirects
tables and the bookkeeping of `evidence` (evidence and articles tables) when present, in the format the manifest of PREV names (CSV, JSONL or Parquet); every problem is collected and raised together as RegistryError
(`file:line: message` strings).  Human edits are data: a registry whose `name`
differs from `auto_name` (the name resolve chose) keeps the human name; an alias in
`aliases` but not in `alias_counts` was added by hand and is evidence; a form in
`alias_counts` but not in `aliases` was removed by hand and is neither evidence nor
listed again.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError, RegistryError
from ..io.formats import format_of
from ..io.guard import unguard_cell
from ..io.inputs.remote import is_url
from ..io.manifest import written_with_guard
from ..io.tables import output_file, read_output
from ..schema import ARTICLES_SEEN_COLUMNS, EVIDENCE_COLUMNS
from .records import Entity, Redirect, TitleStat, parse_alias_counts

REGISTRY_REQUIRED = ("entity_id", "name", "aliases")
TITLES_REQUIRED = ("entity_id", "title_normalized", "affiliation")
REDIRECTS_REQUIRED = ("old_id", "new_id")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class PreviousRegistry:
    """A validated previous registry: entities by ID, their titles, redirects (old -> live ID),
    and its bookkeeping when it has one (`evidence`: the evidence rows, entity IDs live;
    `articles`: the articles counted, with their text hashes)."""

    path: Path
    entities: dict[str, Entity]
    titles: list[TitleStat]
    redirects: dict[str, Redirect]
    evidence: pd.DataFrame | None = None
    articles: pd.DataFrame | None = None

    @property
    def article_sha1(self) -> dict[str, str]:
        """Article id -> SHA-1 of the text counted under it (empty without bookkeeping)."""
        if self.articles is None:
            return {}
        return dict(zip(self.articles["article_id"], self.articles["sha1"]))

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
    """(line, row) pairs of a table with a header; structural problems are appended.

    CSV is read here, line by line, so that every problem names its line (the formula
    guard undone only when the manifest says it was applied); JSONL and Parquet through
    `read_output` (line = row number; JSONL has one row per line).
    """
    if not format_of(path).spreadsheet:
        return _read_table_rows(path, required, problems)
    guarded = written_with_guard(path)
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
            rows.append((line, {h: unguard_cell(v.strip()) if guarded else v.strip() for h, v in zip(header, values)}))
    except csv.Error as e:
        problems.append(f"{path}:{reader.line_num}: {e}")
    return rows


def _read_table_rows(path: Path, required: tuple[str, ...], problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        df = read_output(path)
    except InputError as e:
        problems.append(str(e))
        return []
    missing = [c for c in required if c not in df.columns]
    if missing:
        problems.append(f"{path}:1: missing column(s) {', '.join(missing)} (columns: {', '.join(map(str, df.columns))})")
        return []
    cols = [str(c) for c in df.columns]
    text = {c: ["" if v is None or v != v else str(v).strip() for v in df[c].tolist()] for c in cols}
    return [(i + 1, {c: text[c][i] for c in cols}) for i in range(len(df))]


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
    """`path` itself, or the registry table of `path` when it is a directory (an earlier OUTDIR)."""
    p = Path(path)
    return output_file(p, "registry") if p.is_dir() else p


def load_registry(path: str | Path) -> PreviousRegistry:
    """Read and validate a previous registry (a registry.csv or the directory holding it).

    titles.csv and redirects.csv beside it are read when present.  Every problem is
    collected and raised together as RegistryError(['file:line: message', ...]).
    """
    if is_url(str(path)):
        raise RegistryError([f"{path}: a registry is read from a local path (URLs are read as inputs only); copy it here first"])
    reg_path = registry_file(path)
    if not reg_path.is_file():
        raise RegistryError([f"{reg_path}: registry not found (omit --registry for a first run)"])
    problems: list[str] = []
    entities = _read_entities(reg_path, problems)
    redirects = _read_redirects(reg_path, entities, problems)
    titles = _read_titles(reg_path, entities, redirects, problems)
    evidence = _read_bookkeeping(reg_path, "evidence", EVIDENCE_COLUMNS, problems)
    articles = _read_bookkeeping(reg_path, "articles", ARTICLES_SEEN_COLUMNS, problems)
    if evidence is not None and not problems:
        evidence = _live_evidence(evidence, entities, redirects, output_file(reg_path.parent, "evidence"), problems)
    if problems:
        raise RegistryError(problems)
    return PreviousRegistry(reg_path, entities, titles, redirects, evidence, articles)


def _read_bookkeeping(reg_path: Path, table: str, columns: list[str], problems: list[str]) -> pd.DataFrame | None:
    """The evidence or articles table beside the registry (None when absent), columns and counts checked."""
    path = output_file(reg_path.parent, table)
    if not path.is_file():
        return None
    try:
        df = read_output(path, table)
    except InputError as e:
        problems.append(str(e))
        return None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        problems.append(f"{path}:1: missing column(s) {', '.join(missing)}")
        return None
    df = df[columns].copy()
    for col in ("start", "end", "n_mentions"):
        if col in df.columns:
            bad = ~df[col].astype(str).str.fullmatch(r"\d+")
            for i in df.index[bad][:5]:
                problems.append(f"{path}:{i + 2}: {col} '{df.at[i, col]}' is not a non-negative integer")
            if not bad.any():
                df[col] = df[col].astype("int64")
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = df[col].fillna("").astype(str)
    return df


def _live_evidence(evidence: pd.DataFrame, entities: dict[str, Entity], redirects: dict[str, Redirect], path: Path, problems: list[str]) -> pd.DataFrame:
    """Evidence rows with their entity IDs followed through the redirects; each must be an entity."""
    live = [redirects[e].new_id if e in redirects else e for e in evidence["entity_id"]]
    for i, e in enumerate(live):
        if e not in entities:
            problems.append(f"{path}:{i + 2}: entity_id '{evidence['entity_id'].iat[i]}' is not an entity of the registry")
            if len(problems) > 20:
                break
    return evidence.assign(entity_id=live)


def _read_entities(reg_path: Path, problems: list[str]) -> dict[str, Entity]:
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
    return entities


def _read_redirects(reg_path: Path, entities: dict[str, Entity], problems: list[str]) -> dict[str, Redirect]:
    """redirects.csv beside the registry, chains collapsed (A -> B -> C becomes A -> C)."""
    redirects: dict[str, Redirect] = {}
    red_lines: dict[str, int] = {}
    red_path = output_file(reg_path.parent, "redirects")
    if not red_path.is_file():
        return redirects
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
    # Each chain must end at a live entity.
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
    return redirects


def _read_titles(reg_path: Path, entities: dict[str, Entity], redirects: dict[str, Redirect], problems: list[str]) -> list[TitleStat]:
    titles: list[TitleStat] = []
    tit_path = output_file(reg_path.parent, "titles")
    if not tit_path.is_file():
        return titles
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
                _date(row, "former_seen", where, problems),
            )
        )
    return titles
