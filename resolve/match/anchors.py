"""Anchors: which units carry a fixed entity ID before any matching.

A unit is anchored by an `anchor_id` given on its rows (a previous registry's entity,
or an extractor's own ID), else by a known actor (rules/known_actors.csv) whose name
or alias its form is, else, for a titled surname ("Secretary Hagel"), by the one
known actor of that surname who held a compatible title on the article's date
(rules/actor_titles.csv).  Units sharing an anchor are joined by the fixed stage;
two different anchors never merge, except a *soft* one: a previous registry's entity
(flagged `soft_anchor` by the registry continuation) that is not a known actor's
fixed ID may merge on new evidence, and the registry records a redirect.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..rules import Rules
from ..titles import parse_title, titles_compatible
from .names import parse_name

if TYPE_CHECKING:
    from .units import Units


def unit_anchors(units: Units, rules: Rules) -> tuple[list[str], list[str], list[bool]]:
    """(anchor key, fixed ID, soft) of each unit; `units.anchor` holds the anchors given on the rows."""
    actor_of = _actor_lookup(rules)
    anchor: list[str] = []
    fixed: list[str] = []  # the fixed entity_id to expose ("" for actors without one)
    for norm, given in zip(units.norm, units.anchor):
        if given:
            anchor.append(given)
            fixed.append(given)
        elif norm in actor_of:
            akey, fid = actor_of[norm]
            anchor.append(akey)
            fixed.append(fid)
        else:
            anchor.append("")
            fixed.append("")
    _anchor_by_dated_title(units, anchor, fixed, rules)
    fixed_ids = frozenset(a.entity_id for a in rules.known_actors if a.entity_id)
    soft = [s and a not in fixed_ids for s, a in zip(units.soft, anchor)]
    return anchor, fixed, soft


def _actor_lookup(rules: Rules) -> dict[str, tuple[str, str]]:
    """name_norm of each known actor's name and alias -> (anchor key, fixed ID)."""
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for actor in rules.known_actors:
        for name in (actor.name, *actor.aliases):
            norm = parse_name(name, rules).name_norm
            if norm:
                seen[norm].add((actor.anchor, actor.entity_id))
    # A name shared by two known actors anchors neither (the matcher decides).
    return {norm: next(iter(v)) for norm, v in seen.items() if len(v) == 1}


def _anchor_by_dated_title(units: Units, anchor: list[str], fixed: list[str], rules: Rules) -> None:
    """A surname-only unit with a title joins the known actor of that surname who held a
    compatible title on the article's date, as political event-data actor dictionaries
    do.  Only when exactly one actor qualifies; an undated mention counts only titles
    declared without dates."""
    if not rules.actor_titles:
        return
    held: dict[str, list[tuple[tuple[str, str], str, str, str]]] = defaultdict(list)  # surname key -> ...
    for t in rules.actor_titles:
        actor = rules.known_actor(t.actor)
        if actor is None:
            continue
        surname = parse_name(actor.name, rules).surname_key
        title = parse_title(t.title, rules).normalized or t.title
        held[surname].append(((actor.anchor, actor.entity_id), title, t.start, t.end))
    for u, parsed in enumerate(units.parsed):
        if anchor[u] or units.kind[u] != "single" or not units.titles[u] or parsed.surname_key not in held:
            continue
        date = units.date[u]
        fits = {
            key
            for key, title, start, end in held[parsed.surname_key]
            if any(titles_compatible(title, t) for t in units.titles[u])
            and ((not start and not end) or (date and (not start or start <= date) and (not end or date <= end)))
        }
        if len(fits) == 1:
            ((anchor[u], fixed[u]),) = fits
