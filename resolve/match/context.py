"""The context a name was seen in: titles, affiliations, co-mentioned people, dates.

`Context` is one side's evidence beyond the name (compared in `comparisons`);
`Contexts` builds it for any set of units from what the units carry and from the
names of each article, as the article stage left them.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Mapping

if TYPE_CHECKING:  # units -> comparisons -> context: the type only
    from .units import Units


@lru_cache(maxsize=1 << 16)  # a corpus has a few thousand distinct dates, seen millions of times
def _day(d: str) -> int | None:
    try:
        return date.fromisoformat(d[:10]).toordinal()
    except ValueError:
        return None


def day_numbers(dates: Iterable[str]) -> tuple[int, ...]:
    """Sorted day numbers of ISO dates (unparsable ones left out)."""
    return tuple(sorted({x for x in (_day(d) for d in dates if d) if x is not None}))


@dataclass(frozen=True, slots=True)
class Context:
    """What is known around a name besides the name itself."""

    titles: frozenset[str] = frozenset()  # normalized titles
    affiliations: frozenset[str] = frozenset()
    comentions: frozenset[str] = frozenset()  # surname keys of other people named in the same articles
    dates: tuple[str, ...] = ()  # ISO dates, sorted, distinct
    days: tuple[int, ...] = field(init=False)  # `dates` as sorted day numbers, computed once here

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", day_numbers(self.dates))


NO_CONTEXT = Context()


class GrowingContext:
    """The evidence of a group of contexts, extended in place.

    Reads like a `Context` where comparisons look (titles, affiliations, comentions,
    days); adding a context costs its own size, not the group's, so a name shared by
    thousands of local persons is grouped in linear time.
    """

    __slots__ = ("titles", "affiliations", "comentions", "days")

    def __init__(self, first: Context) -> None:
        self.titles = set(first.titles)
        self.affiliations = set(first.affiliations)
        self.comentions = set(first.comentions)
        self.days = list(first.days)  # sorted, distinct

    def add(self, other: Context) -> None:
        self.titles |= other.titles
        self.affiliations |= other.affiliations
        self.comentions |= other.comentions
        days = self.days
        for d in other.days:
            i = bisect_left(days, d)
            if i == len(days) or days[i] != d:
                days.insert(i, d)


def article_surname_keys(units: Units) -> dict[str, frozenset[str]]:
    """Article -> the surname keys of the names it holds.  Taken after the article stage:
    an over-extended span counts by the name it holds."""
    return {art: frozenset(units.parsed[u].surname_key for u in us if units.kind[u] != "none") for art, us in units.by_article.items()}


class Contexts:
    """Context of a set of units: their titles, affiliations and dates, and the surnames
    named in their articles other than their own."""

    def __init__(self, units: Units, article_surnames: Mapping[str, frozenset[str]] | None = None):
        """`article_surnames`: the surname keys named in each article, when `units` hold
        only some of each article's units (a partition); otherwise taken from `units`."""
        self.units = units
        self.article_surnames = article_surnames if article_surnames is not None else article_surname_keys(units)

    def of(self, members: Iterable[int]) -> Context:
        units = self.units
        titles: set[str] = set()
        affs: set[str] = set()
        comention: set[str] = set()
        dates: set[str] = set()
        own = set()
        arts = set()
        for u in members:
            own.add(units.parsed[u].surname_key)
            titles |= units.titles[u]
            affs |= units.affiliations[u]
            if units.date[u]:
                dates.add(units.date[u])
            arts.add(units.article[u])
        for a in arts:
            comention |= self.article_surnames[a]
        return Context(frozenset(titles), frozenset(affs), frozenset(comention - own), tuple(sorted(dates)))
