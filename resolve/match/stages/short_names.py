"""Stage 3, short names across articles.

A local person known only by surname or initials (an article with no full name for
it) looks up full-name persons with the same surname key or phonetic key (fuzzy
surname similarity required, `block.lookup`):
- one candidate: joins it when the probability (prior +2 bits) reaches the threshold,
  i.e. unless the context contradicts;
- several: joins the best only when it reaches the threshold *and* leads the second by
  `score.MARGIN_BITS` (context decides); otherwise it stays its own entity.  With more
  than `MAX_SCORED` candidates only those the context points to, and the two most
  named, are scored; the others count as one candidate without context evidence;
- none anywhere: all such local persons with the same surname (and the same initial,
  for initials) are one person;
- a lone given name with no surname candidate ("Kimani") joins the one full name with
  that given name that shares co-mentioned people, if exactly one does.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import pandas as pd

from ..block import lookup
from ..comparisons import ComparisonVector, NameSide, compare, positive_evidence, surname_level, title_level
from ..context import Contexts
from ..names import ParsedName
from ..score import MARGIN_BITS, score
from ..state import MatchState

NOT_A_PERSON = "a lone word that is a place or an organization never joins a person"
FREQUENT_WITHOUT_EVIDENCE = "a frequent surname alone, with other people named and none shared, no shared title or affiliation"
#: A short name with more candidates than this scores only the preselected ones (see `_preselect`).
MAX_SCORED = 12


class _FullNames:
    """The full-name clusters as they stand when the stage starts, and what short names look up in them."""

    def __init__(self, state: MatchState, contexts: Contexts, members: dict[int, list[int]]):
        units = self.units = state.units
        self.contexts, self.members = contexts, members
        self.roots = sorted(r for r, us in members.items() if any(units.kind[u] == "full" for u in us))
        self.context = cache(lambda c: contexts.of(self.named_members(c)))
        self.n_articles = cache(lambda c: len({units.article[u] for u in self.named_members(c)}))
        # The most frequent full-name unit of a cluster: its face in comparisons.
        self.rep = cache(lambda c: min((u for u in members[c] if units.kind[u] == "full"), key=lambda u: (-units.size[u], u)))
        self.by_given: dict[str, set[int]] = defaultdict(set)  # first given name (or quoted nickname) -> clusters
        for r in self.roots:
            for u in members[r]:
                if units.kind[u] == "full":
                    q = units.parsed[u]
                    if len(q.given_keys[0]) > 1:
                        self.by_given[q.given_keys[0]].add(r)
                    if q.alt_given:
                        self.by_given[q.alt_given].add(r)

    def named_members(self, c: int) -> list[int]:
        """The units of full-name cluster c in the articles that name it in full: its evidence as
        candidate.  Surname-only mentions attached elsewhere (by an earlier run of this stage,
        replayed from a previous registry) do not count, so a chained run weighs a candidate
        as one run over all the articles does."""
        units, us = self.units, self.members[c]
        arts = {units.article[u] for u in us if units.kind[u] == "full"}
        return [u for u in us if units.article[u] in arts]

    def side(self, state: MatchState, r: int, rep: int) -> NameSide:
        """Short root r as a comparison side: the name of its unit `rep`, the context of all its units."""
        return NameSide(state.units.parsed[rep], self.contexts.of(self.members[r]))


def attach(state: MatchState, contexts: Contexts) -> dict[tuple, list[int]]:
    """Each short local person to its full-name person, when one is found; returns the
    orphans (short roots without any full-name candidate), by `orphan_key`, for `join_orphans`."""
    units, clusters = state.units, state.clusters
    members = state.members()
    short_roots = sorted(r for r, us in members.items() if all(units.kind[u] in ("initial", "single") for u in us))
    orphans: dict[tuple, list[int]] = defaultdict(list)
    if not short_roots:
        return orphans
    fulls = _FullNames(state, contexts, members)
    s_rep = {r: short_rep(state, members[r]) for r in short_roots}
    candidates = _surname_candidates(state, fulls, members, s_rep)
    for r in short_roots:
        state.at("short_name", units.gid[r])
        rep = s_rep[r]
        # A lone word that is a place or an organization (rules, or marked so by the extractor) never joins a person.
        place = units.kind[rep] == "single" and units.parsed[rep].surname_key in units.not_person
        ok = [] if place else [c for c in sorted(candidates.get(r, ())) if not clusters.why_not(r, c)]
        if place and candidates.get(r):
            state.link("short_name", rep, fulls.rep(min(candidates[r])), "kept apart", reason=NOT_A_PERSON)
        if ok:
            _choose(state, fulls, r, rep, ok)
        elif not (units.kind[rep] == "single" and not place and _attach_given_only(state, fulls, r, rep)):
            orphans[orphan_key(units.parsed[rep])].append(r)
    return orphans


def short_rep(state: MatchState, members: list[int]) -> int:
    """Representative of a short local person: its initials form if any, else its most frequent form."""
    units = state.units
    return min(members, key=lambda u: (units.kind[u] != "initial", -units.size[u], u))


def orphan_key(p: ParsedName) -> tuple:
    """(surname key, first initial or ()) of a short name: orphans sharing it are one person."""
    return (p.surname_key, p.given_keys[:1] if p.kind == "initial" else ())


def join_orphans(state: MatchState, orphans: dict[tuple, list[int]]) -> None:
    """Short names with no full-name candidate anywhere: one person per surname (and initial)."""
    clusters = state.clusters
    members = state.members()
    for key in sorted(orphans):
        state.at("orphan", *key)
        rs = orphans[key]
        head = short_rep(state, members[rs[0]])
        for r in rs[1:]:
            if clusters.merge(rs[0], r):
                state.link("short_name", short_rep(state, members[r]), head, "merged", reason="no full name with this surname; same surname" + (" and initial" if key[1] else ""))


def _surname_candidates(state: MatchState, fulls: _FullNames, members: dict[int, list[int]], s_rep: dict[int, int]) -> dict[int, list[int]]:
    """Short root -> full-name clusters sharing its surname or phonetic key, with a similar surname."""
    candidates: dict[int, list[int]] = defaultdict(list)
    if not fulls.roots:
        return candidates
    parsed, kind = state.units.parsed, state.units.kind
    # Full-name clusters listed under each of their surname keys.
    rows = []
    for r in fulls.roots:
        keys = {parsed[u].surname_key for u in members[r] if kind[u] == "full"}
        for k in sorted(keys):
            rows.append((r, k, parsed[min(u for u in members[r] if parsed[u].surname_key == k)].phonetic))
    right = pd.DataFrame(rows, columns=["root", "surname_key", "surname_phonetic"])
    shorts = list(s_rep)
    left = pd.DataFrame(
        {"surname_key": [parsed[s_rep[r]].surname_key for r in shorts], "surname_phonetic": [parsed[s_rep[r]].phonetic for r in shorts]},
        index=shorts,
    )
    found = lookup(left, right)
    left_key = dict(zip(left.index, left["surname_key"]))
    right_root, right_key = right["root"].tolist(), right["surname_key"].tolist()
    for lr, ri in zip(found["left"].tolist(), found["right"].tolist()):
        fr = right_root[ri]
        if surname_level(left_key[lr], right_key[ri]) != "different" and fr not in candidates[lr]:
            candidates[lr].append(fr)
    return candidates


def _choose(state: MatchState, fulls: _FullNames, r: int, rep: int, ok: list[int]) -> None:
    """Join short root r to its best candidate when it is good and clearly ahead; else record why not."""
    side = fulls.side(state, r, rep)
    scored, rest_weight = _score_candidates(state, fulls, side, ok)
    w, c, crep, sc, vec = scored[0]
    second = scored[1][0] if len(scored) > 1 else None
    if rest_weight is not None:
        second = rest_weight if second is None else max(second, rest_weight)
    refused = state.clusters.why_not_scored(c, r, vec) if sc.matched else ""
    if sc.matched and not refused and _frequent_bare_surname(state, side.name) and _context_against(vec):
        refused = FREQUENT_WITHOUT_EVIDENCE
    if sc.matched and not refused and (second is None or w - second >= MARGIN_BITS):
        state.clusters.merge(c, r)
        for u in fulls.members[r]:
            state.scores[u] = sc.probability
        reason = "only candidate" if second is None else f"best of {len(scored)} candidates by {w - second:.1f} bits"
        state.scored_link("short_name", rep, crep, "merged", sc, vec, reason=reason)
        return
    if not sc.matched:
        reason = "below threshold"
    elif refused:
        reason = refused
    else:
        reason = f"ambiguous: the best of {len(scored)} candidates leads by {w - second:.1f} < {MARGIN_BITS:g} bits"
    for _, _, crep2, sc2, vec2 in scored[:3]:  # the top candidates tell the story
        state.scored_link("short_name", rep, crep2, "kept apart", sc2, vec2, reason=reason)


def _frequent_bare_surname(state: MatchState, name: ParsedName) -> bool:
    """A surname alone (not initials: "J. Miller" already narrows it) in rules/frequent_surnames.txt:
    the only full-name "Jackson" of a batch is one of many in a larger one, so the surname is
    no evidence that the bare "Jackson" of another article is that person."""
    return name.kind == "single" and name.surname in state.rules.frequent_surnames


def _context_against(vec: ComparisonVector) -> bool:
    """The mention's article names other people, none of them named with the candidate, and
    no title or affiliation is shared: for a frequent surname, that outweighs the surname."""
    return vec.levels.get("comention") == "none" and not positive_evidence(vec)


def _score_candidates(state: MatchState, fulls: _FullNames, side: NameSide, ok: list[int]) -> tuple[list[tuple], float | None]:
    """(candidates scored, best first; weight of the candidates left unscored, or None)."""
    parsed, rules = state.units.parsed, state.rules
    stage = "surname_unique" if len(ok) == 1 else "surname_ambiguous"
    n_arts = {c: fulls.n_articles(c) for c in ok}
    rest_weight = None
    if len(ok) > MAX_SCORED:
        # Many people share this surname: score only those the context points to and
        # the two most named; the others count as one candidate with no context evidence.
        picked = _preselect(fulls, side, ok, n_arts)
        if len(picked) < len(ok):
            v0 = compare(NameSide(side.name), NameSide(parsed[fulls.rep(ok[0])]), rules)
            v0.levels["surname"] = "exact"
            v0.levels["prominence"] = "missing"
            rest_weight = score(v0, stage).weight
        ok = picked
    scored = []
    for c in ok:
        crep = fulls.rep(c)
        vec = compare(side, NameSide(parsed[crep], fulls.context(c)), rules)
        if len(n_arts) > 1:
            vec.levels["prominence"] = _prominence(c, n_arts, vec)
        sc = score(vec, stage)
        scored.append((sc.weight, c, crep, sc, vec))
    scored.sort(key=lambda x: (-x[0], x[1]))
    return scored, rest_weight


def _preselect(fulls: _FullNames, side: NameSide, ok: list[int], n_arts: dict[int, int]) -> list[int]:
    """Candidates worth a full comparison among many: a shared co-mentioned person or a compatible title, or most named."""
    com, titles = side.context.comentions, side.context.titles
    picked = set(sorted(ok, key=lambda c: (-n_arts[c], c))[:2])
    for c in ok:
        cc = fulls.context(c)
        if (com and any(m in cc.comentions for m in com)) or (titles and cc.titles and title_level(titles, cc.titles) == "same"):
            picked.add(c)
    return sorted(picked)


def _prominence(c: int, n_articles: dict[int, int], vec: ComparisonVector) -> str:
    """`prominence` level of candidate c among several (see comparisons.COMPARISONS)."""
    agrees = vec.levels.get("comention") == "shared" or vec.levels.get("date") == "close" or vec.levels.get("title") == "same"
    if not agrees:
        return "missing"
    others = max(n for k, n in n_articles.items() if k != c)
    return "dominant" if n_articles[c] >= 3 and n_articles[c] >= 3 * others else "minor"


def _attach_given_only(state: MatchState, fulls: _FullNames, r: int, rep: int) -> bool:
    """A lone given name ("Kimani") with no surname match joins a full-name cluster with that
    given name only when exactly one such cluster shares co-mentioned people with it."""
    parsed, rules = state.units.parsed, state.rules
    token = parsed[rep].surname_key
    if len(token) < 3 or token not in rules.given_names and token not in fulls.by_given:
        return False
    cands = set(fulls.by_given.get(token, ()))
    for eq in rules.nicknames.get(token, ()):
        cands |= fulls.by_given.get(eq, set())
    side = fulls.side(state, r, rep)
    agreeing = []
    for c in sorted(cands):
        if state.clusters.why_not(r, c):
            continue
        crep = fulls.rep(c)
        vec = compare(side, NameSide(parsed[crep], fulls.context(c)), rules)
        vec.levels["given"] = "exact"
        vec.levels["surname"] = "different"  # what a lone given name says about the surname: nothing that helps
        if vec.levels["comention"] == "shared":
            agreeing.append((c, crep, vec))
    if len(agreeing) != 1:
        return False
    c, crep, vec = agreeing[0]
    state.clusters.merge(c, r)
    state.link("given_name", rep, crep, "merged", features=vec.features(), reason="lone given name; the only full name with it that shares co-mentioned people")
    return True
