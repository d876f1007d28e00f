"""Stage 1, within each article: full names join; short names attach to a full name.

Full names with the same (or near) surname and compatible given names join ("Tom
Donilon" + "Thomas Donilon").  A span holding a full name of the article plus other
words ("Lindsay Lohan Checks") is compared as that name.  Then initials ("J.
Miller"), surnames ("Donilon", "Secretary Hagel") and lone given names ("Lindsay")
attach to the full name introduced in the same article; with several candidates, to
the one whose title in the article fits the mention's ("Judge Lind" -> "Judge Mara
Lind"), else to the nearest one introduced before.  Relatives named in one article
("John Jenkin", "Katie Jenkin") have each surname-only mention as a unit of its own
(`units`): each goes to the one its title fits, else to one named in full just before
it, else -- the documented choice where nothing tells -- to the first named of them,
the article's subject.
"""

from __future__ import annotations

from ..comparisons import given_relation, surname_level, title_level
from ..names import ParsedName
from ..state import MatchState

_STRONG_GIVEN = {"exact", "translit", "nickname", "middle", "variant"}


def run(state: MatchState) -> None:
    units = state.units
    for art in sorted(units.by_article):
        state.at("article", art)
        members = units.by_article[art]
        _particle_surnames(state, members)
        _absorb_longer_spans(state, members)
        full = [u for u in members if units.kind[u] == "full"]
        _join_full_names(state, full)
        # Short names, initials first (more specific), then singles.
        shorts = sorted((u for u in members if units.kind[u] in ("initial", "single")), key=lambda u: (units.kind[u] != "initial", u))
        for u in shorts:
            _attach(state, u, full, members)


def _join_full_names(state: MatchState, full: list[int]) -> None:
    """Full names of one article: same (or near) surname and compatible given names."""
    parsed, rules = state.units.parsed, state.rules
    for i, a in enumerate(full):
        pa = parsed[a]
        for b in full[i + 1 :]:
            pb = parsed[b]
            slv = surname_level(pa.surname_key, pb.surname_key)
            if slv == "different":
                continue
            glv = given_relation(pa.given, pa.given_keys, pa.alt_given, pb.given, pb.given_keys, pb.alt_given, rules)
            if glv in _STRONG_GIVEN and (slv == "exact" or glv != "variant"):
                if state.clusters.merge(a, b):
                    state.link("article", b, a, "merged", reason=f"same article; given={glv}; surname={slv}")


def _contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def _particle_surnames(state: MatchState, members: list[int]) -> None:
    """A two-word form starting with a particle that is the surname of a full name of the
    article ("Del Giudice" beside "Vincent Del Giudice") is that surname, not a given name
    and a surname: it is a surname-only mention of that name."""
    units, particles = state.units, state.rules.name_particles
    surnames = {units.parsed[u].surname_key: units.parsed[u] for u in members if units.kind[u] == "full" and " " in units.parsed[u].surname}
    for v in members:
        p = units.parsed[v]
        if units.kind[v] != "full" or len(p.given) != 1 or p.given[0] not in {x.rstrip("-") for x in particles}:
            continue
        full = surnames.get(p.given_keys[0] + p.surname_key)
        if full is not None:
            new = ParsedName(p.name_norm, (), full.surname, (), full.surname_key, "", "single")
            units.parsed[v], units.kind[v] = new, "single"
            state.clusters.rename(v, p, new)


def _absorb_longer_spans(state: MatchState, members: list[int]) -> None:
    """A span that holds a full name of the same article plus other words is that name.

    Extractors over-extend spans in headlines and lists ("Lindsay Lohan Checks",
    "Nominates Regina Benjamin"); such a span is compared as the name it contains.
    """
    units = state.units
    full = [u for u in members if units.kind[u] == "full"]
    toks = {u: units.norm[u].split() for u in full}
    for u in full:
        tu = toks[u]
        if len(tu) < 3:
            continue
        inner = [v for v in full if v != u and 2 <= len(toks[v]) < len(tu) and _contains(tu, toks[v])]
        if inner:
            v = max(inner, key=lambda v: (len(toks[v]), units.size[v], -v))
            old, new = units.parsed[u], units.parsed[v]
            units.parsed[u] = new
            state.clusters.rename(u, old, new)


def _given_match(token: str, given_key: str, rules) -> bool:
    return len(given_key) > 1 and (token == given_key or rules.given_equivalent(token, given_key))


def _candidates(state: MatchState, u: int, full: list[int], members: list[int]) -> tuple[dict[int, int], str]:
    """(cluster root -> a unit of it, how found) that short-name unit u may attach to."""
    units, rules, find = state.units, state.rules, state.clusters.find
    p = units.parsed[u]
    by_surname: dict[int, int] = {}  # root -> a full unit of it
    by_given: dict[int, int] = {}
    for f in full:
        q = units.parsed[f]
        r = find(f)
        if surname_level(p.surname_key, q.surname_key) != "different" or (len(p.surname_key) > 3 and q.surname_key.endswith(p.surname_key)):
            if p.kind == "initial" and given_relation(p.given, p.given_keys, "", q.given, q.given_keys, q.alt_given, rules) == "conflict":
                continue
            # exact surname beats fuzzy: keep a fuzzy candidate only if no exact one
            by_surname.setdefault(r, f)
        elif p.kind == "single" and len(p.surname_key) > 1 and (
            _given_match(p.surname_key, q.given_keys[0], rules) or (q.alt_given and _given_match(p.surname_key, q.alt_given, rules))
        ):
            by_given.setdefault(r, f)
    exact = {r: f for r, f in by_surname.items() if units.parsed[f].surname_key == p.surname_key}
    cands = exact or by_surname or by_given
    how = "surname" if (exact or by_surname) else "given name"
    if not cands and p.kind == "single":
        # No full name: a single surname may still join initials of the same surname ("J. Miller" ... "Miller").
        inits = {find(v): v for v in members if units.kind[v] == "initial" and units.parsed[v].surname_key == p.surname_key}
        cands, how = inits, "initials"
    return cands, how


def _attach(state: MatchState, u: int, full: list[int], members: list[int]) -> None:
    cands, how = _candidates(state, u, full, members)
    if not cands:
        return
    titled = _by_title(state, u, list(cands.values())) if len(cands) > 1 else []
    if len(cands) == 1:
        target = next(iter(cands.values()))
        reason = f"same article; {how}"
    elif len(titled) == 1:
        target = titled[0]
        reason = f"same article; {how}; the one of {len(cands)} candidates with this title"
    elif state.units.shared[u]:
        target, reason = _relative(state, u, titled or list(cands.values()), how)
    else:
        target = _nearest(state, u, titled or list(cands.values()))
        reason = f"same article; {how}; nearest preceding of {len(titled or cands)} candidates"
    if state.clusters.merge(target, u):
        state.link("article", u, target, "merged", reason=reason)
    else:
        state.link("article", u, target, "kept apart", reason=state.clusters.why_not(target, u) or "constraint")


def _by_title(state: MatchState, u: int, cands: list[int]) -> list[int]:
    """The candidates whose mentions in the article bear a title compatible with u's ("Judge
    Lind" -> "Judge Mara Lind", not her husband "Tom Lind"); [] when u has no title or none fits."""
    units, find = state.units, state.clusters.find
    if not units.titles[u]:
        return []
    out = []
    for c in cands:
        r = find(c)
        titles = [t for v in units.by_article[units.article[c]] if find(v) == r for t in units.titles[v]]
        if titles and title_level(units.titles[u], titles) == "same":
            out.append(c)
    return out


#: A surname-only mention this close after a relative's full name (its first mention) is that relative's.
PROXIMITY_CHARS = 80


def _relative(state: MatchState, u: int, cands: list[int], how: str) -> tuple[int, str]:
    """The person of a shared surname that mention u means: the one named in full just before
    it (within PROXIMITY_CHARS: "Katie Jenkin, 12, ... Jenkin's"), else the first named in the
    article -- its subject, whom a bare surname means in news writing."""
    start = state.units.start[u]
    first = {c: _first_start(state, c) for c in cands}
    near = [c for c in cands if first[c] <= start and start - first[c] <= PROXIMITY_CHARS]
    if near:
        c = max(near, key=lambda c: (first[c], -c))
        return c, f"same article; {how}; named in full just before, of {len(cands)} people of this surname"
    c = min(cands, key=lambda c: (first[c], c))
    return c, f"same article; {how}; the first named of {len(cands)} people of this surname"


def _nearest(state: MatchState, u: int, cands: list[int]) -> int:
    """The candidate whose first mention is the nearest one before u's (else the first after)."""
    start = state.units.start[u]
    first = {c: _first_start(state, c) for c in cands}
    before = [c for c in cands if first[c] <= start]
    if before:
        return max(before, key=lambda c: (first[c], -c))
    return min(cands, key=lambda c: (first[c], c))


def _first_start(state: MatchState, c: int) -> int:
    """Offset of the first mention, in c's article, of the cluster that unit c is in."""
    units, find = state.units, state.clusters.find
    r = find(c)
    return min(units.start[v] for v in units.by_article[units.article[c]] if find(v) == r)
