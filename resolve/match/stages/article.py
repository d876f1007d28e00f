"""Stage 1, within each article: full names join; short names attach to a full name.

Full names with the same (or near) surname and compatible given names join ("Tom
Donilon" + "Thomas Donilon").  A span holding a full name of the article plus other
words ("Lindsay Lohan Checks") is compared as that name.  Then initials ("J.
Miller"), surnames ("Donilon", "Secretary Hagel") and lone given names ("Lindsay")
attach to the full name introduced in the same article; with several candidates, to
the nearest one introduced before.
"""

from __future__ import annotations

from ..comparisons import given_relation, surname_level
from ..state import MatchState

_STRONG_GIVEN = {"exact", "translit", "nickname", "middle", "variant"}


def run(state: MatchState) -> None:
    units = state.units
    for art in sorted(units.by_article):
        state.at("article", art)
        members = units.by_article[art]
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
    if len(cands) == 1:
        target = next(iter(cands.values()))
        reason = f"same article; {how}"
    else:
        target = _nearest(state, u, list(cands.values()))
        reason = f"same article; {how}; nearest preceding of {len(cands)} candidates"
    if state.clusters.merge(target, u):
        state.link("article", u, target, "merged", reason=reason)
    else:
        state.link("article", u, target, "kept apart", reason=state.clusters.why_not(target, u) or "constraint")


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
