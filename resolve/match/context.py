"""The context a name was seen in: titles, affiliations, co-mentioned people, dates.

`Context` is one side's evidence beyond the name (compared in `comparisons`);
`Contexts` builds it for any set of units from what the units carry and from the
names of each article, as the article stage left them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # units -> comparisons -> context: the type only
    from .units import Units


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

    def merged(self, other: Context) -> Context:
        """The evidence of both."""
        return Context(
            self.titles | other.titles,
            self.affiliations | other.affiliations,
            self.comentions | other.comentions,
            tuple(sorted(set(self.dates) | set(other.dates))),
        )


NO_CONTEXT = Context()


class Contexts:
    """Context of a set of units: their titles, affiliations and dates, and the surnames
    named in their articles other than their own."""

    def __init__(self, units: Units):
        self.units = units
        # Built after the article stage: an over-extended span counts by the name it holds.
        self.article_surnames = {
            art: frozenset(units.parsed[u].surname_key for u in us if units.kind[u] != "none") for art, us in units.by_article.items()
        }

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
