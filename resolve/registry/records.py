"""The registry's records: an entity as accumulated over runs, its titles over time, redirects."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


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
    """One (entity, title, affiliation) row of titles.csv.  `first_seen`/`last_seen` date
    the mentions that hold the title (current or acting); a mention calling it former
    dates only `former_seen` (held before then), one calling it elect or designate nothing."""

    entity_id: str
    title_normalized: str
    affiliation: str
    first_seen: str = ""
    last_seen: str = ""
    n_mentions: int = 0
    article_ids: set[str] = field(default_factory=set)
    former_seen: str = ""  # earliest article date of a mention calling the title former


@dataclass
class Redirect:
    old_id: str
    new_id: str
    reason: str = ""
    run_date: str = ""


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
