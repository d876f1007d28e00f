"""Title phrases: parse "Russian Deputy Foreign Minister" into its parts, compare titles.

A title phrase as written before or beside a name is segmented, longest match first,
into pieces the rule files know (rules/titles.csv, rules/affiliations.csv):

    Russian        -> affiliation "Russia"
    Deputy         -> modifier    "Deputy"
    Foreign Minister -> role      "Minister of Foreign Affairs"

and put back together (`parse_title`) as a `ParsedTitle`: the title as it belongs to
the name (`written`), the normalized title "Deputy Minister of Foreign Affairs", its
status (former, acting, elect, designate; current otherwise), the kind of post, the
affiliation and the honorific.  docs/titles.md states the conventions.  All
vocabulary comes from the rules; this module only knows grammar: determiners,
possessives, connectors ("of", "for", "at"), "ex-"/"-elect" affixes, coordination.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .rules import Rules, memo_per_rules
from .rules.spec import RELATIVE
from .text import fold

# Grammar, not vocabulary: words that introduce a title but are not part of it.
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that"})
#: Words joining a role to the body it belongs to ("spokesman for the Interior Ministry").
CONNECTORS = frozenset({"of", "for", "at", "with"})  # "with": "an analyst with Nordbank" (attach keeps it only so)
_AND = frozenset({"and", "&"})
#: A lower-case preposition never starts a title: "under King Otto" is no "under secretary".
_PREPOSITIONS = frozenset({"under", "to", "by", "with", "in", "on", "as", "from", "over"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
#: Legal-form suffixes left out of an organization's name ("Acme Corp." -> "Acme").
_LEGAL = frozenset({"corp", "corp.", "inc", "inc.", "ltd", "ltd.", "co", "co.", "plc", "llc", "ag", "sa"})
#: Status affixes written joined to the role or its body ("ex-President", "Then-Governor",
#: "President-elect", "Former-UK minister").
STATUS_PREFIXES = ("ex-", "then-", "former-")
STATUS_SUFFIXES = ("-elect", "-designate")
_MAX_PHRASE = 7  # longest title/affiliation phrase looked up, in words


class Piece(NamedTuple):
    """One segment of a title phrase: kind, text as written, normalized form, and more."""

    kind: str  # role | modifier | honorific | affiliation | connector | other
    raw: str
    normalized: str
    first: int = 0  # index of the phrase word (white-space separated) it starts in
    last: int = 0  # ... and ends in
    role_kind: str = ""  # roles and ranks (an honorific with a role_kind is a rank)
    status: str = ""  # modifiers: former, acting, elect, designate
    affiliation_kind: str = ""  # affiliations: country, party, ...

    @property
    def capitalized(self) -> bool:
        # A social-media handle or hashtag names a body as a capitalized word does ("@Acme CEO").
        return self.raw[:1].isupper() or self.raw[:1].isdigit() or _handle(self.raw)

    @property
    def possessive(self) -> bool:
        return bool(_POSSESSIVE.search(self.raw)) and len(self.raw) > 2

    @property
    def rank(self) -> bool:
        return self.kind == "honorific" and bool(self.role_kind)


class ParsedTitle(NamedTuple):
    """A title phrase parsed (docs/titles.md); every field "" when the phrase names no post."""

    written: str  # the title as it belongs to the name: no leading person, party or descriptive word, no courtesy honorific
    normalized: str
    status: str  # current | former | acting | elect | designate
    role_kind: str
    affiliation: str
    honorific: str


def _handle(w: str) -> bool:
    """A social-media handle, hashtag or cashtag ("@Acme", "#Freedonia", "$ACME")."""
    return len(w) > 1 and (w[0] in "@#" and w[1].isalnum() or w[0] == "$" and w[1].isalpha())


def _clean_word(w: str) -> str:
    """Folded word without possessive, surrounding punctuation or the mark of a handle
    ("Department's" -> "department", "#Freedonia's" -> "freedonia")."""
    w = fold(w).strip(",;:()\"“”")
    if _handle(w):
        w = w[1:]
    return _POSSESSIVE.sub("", w) if len(w) > 2 else w


def _words(phrase: str, rules: Rules) -> tuple[list[str], list[str], list[int], list[tuple[int, str, str]]]:
    """(raw pieces, folded pieces, index of the phrase word each comes from, suffixes):
    status affixes are cut off their word ("ex-President" -> "ex-", "President";
    "Minister-designate" -> "Minister" and the suffix (word index, "designate", "designate"));
    a hyphenated spelling of a title the rules write in words is split ("Under-Secretary")."""
    raw, words, index, suffixes = [], [], [], []
    for i, w in enumerate(phrase.split()):
        f = _clean_word(w)
        parts = _hyphen_parts(w, f, rules)
        for p in STATUS_PREFIXES:
            if f.startswith(p) and len(f) > len(p) + 1:
                parts = [(w[: len(p)], p), (w[len(p) :], f[len(p) :])]
        for x in STATUS_SUFFIXES:
            if f.endswith(x) and len(f) > len(x) + 1:
                parts = [(w[: -len(x)], f[: -len(x)])]
                suffixes.append((i, w[-len(x) + 1 :], x[1:]))
        for r, k in parts:
            raw.append(r)
            words.append(k)
            index.append(i)
    return raw, words, index, suffixes


def _hyphen_parts(w: str, f: str, rules: Rules) -> list[tuple[str, str]]:
    """A word as (raw, folded) parts: split at its hyphens when it is no phrase of the rules
    but its parts end in a title word ("vice-president", "Under-Secretary"; not "al-Abadi")."""
    parts = f.split("-")
    if len(parts) < 2 or f in rules.titles or f in rules.affiliations or not all(parts) or parts[-1] not in _title_words(rules):
        return [(w, f)]
    raws = w.split("-")
    return list(zip(raws, parts)) if len(raws) == len(parts) else [(w, f)]


@memo_per_rules(1)
def _title_words(rules: Rules) -> frozenset[str]:
    return frozenset(w for phrase in rules.titles for w in phrase.split())


def singular(word: str) -> str:
    """A folded English plural as its singular ("managers" -> "manager", "spokesmen" ->
    "spokesman", "deputies" -> "deputy"); other words unchanged."""
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def segment(phrase: str, rules: Rules) -> list[Piece]:
    """Longest-match segmentation of a title phrase into Pieces (leading determiners dropped)."""
    return list(_segment_cached(phrase, rules))


@memo_per_rules(100_000)
def _segment_cached(phrase: str, rules: Rules) -> tuple[Piece, ...]:
    raw, words, index, suffixes = _words(phrase, rules)
    out = _longest_match(raw, words, index, rules)
    for word, r, k in suffixes:
        # The status piece before the piece holding its word ("Prime Minister-designate"
        # is "designate" + "Prime Minister"), so that the phrase still ends in its role.
        t = rules.titles.get(k)
        at = next((n for n, s in enumerate(out) if s.first <= word <= s.last), len(out))
        if t is not None:
            out.insert(at, Piece(t.kind, r, t.normalized, word, word, status=t.status))
    return tuple(out)


def _longest_match(raw: list[str], words: list[str], index: list[int], rules: Rules) -> list[Piece]:
    i, n = 0, len(words)
    while i < n and words[i] in DETERMINERS:
        i += 1
    out: list[Piece] = []
    while i < n:
        hit = None
        for j in range(min(n, i + _MAX_PHRASE), i, -1):
            key = " ".join(words[i:j])
            t = rules.titles.get(key)
            if t is None and raw[j - 1][:1].islower():
                # A post in the plural ("two managers, Tom Reed and Ann Berg"); capitalized,
                # a name ("Queens", "Defenders of Wildlife").
                one = rules.titles.get(" ".join([*words[i : j - 1], singular(words[j - 1])]))
                t = one if one is not None and one.kind == "role" else None
            if t is None and j - i > 1 and raw[i][:1].islower() and singular(words[i]) in _GROUPS:
                # A group's post with the group in the plural ("rebels leader": "rebel leader").
                one = rules.titles.get(" ".join([singular(words[i]), *words[i + 1 : j]]))
                t = one if one is not None and one.kind == "role" else None
            if t is not None and j - i > 1 and i > 0 and raw[i - 1][:1].isupper() and raw[i][:1].isupper() and words[i] == "party":
                t = None  # "Green Party leader": "Party" ends the party's name, the post is "leader"
            if t is not None:
                hit = Piece(t.kind, "", t.normalized, role_kind=t.role_kind, status=t.status)
                break
            a = rules.affiliations.get(key)
            if a is not None:
                hit = Piece("affiliation", "", a, affiliation_kind=rules.affiliation_kinds.get(key, ""))
                break
            if j - i > 1 and key in rules.places and raw[i][:1].isupper() and not any(_post_word(w, rules) for w in words[i:j]):
                # A place of several words is one name, though a word of it describes
                # elsewhere ("New York Gov.": not the descriptive "new").
                hit = Piece("other", "", " ".join(raw[i:j]))
                break
        if hit is None:
            w, j = words[i], i + 1
            if w in DETERMINERS:  # "of the Interior Ministry": not part of any piece
                i = j
                continue
            r = _POSSESSIVE.sub("", raw[i].strip(",;:()"))
            if _describing_compound(w):
                hit = Piece("modifier", "", "")  # "Oscar-winning", "record-setting": describes the person
            else:
                kind = "connector" if w in CONNECTORS else "other"
                hit = Piece(kind, "", r if not r.islower() else r.capitalize())
        out.append(hit._replace(raw=" ".join(raw[i:j]), first=index[i], last=index[j - 1]))
        i = j
    return out


def _post_word(word: str, rules: Rules) -> bool:
    """`word` alone is a post or form of address ("prince" of "Prince George")."""
    t = rules.titles.get(word)
    return t is not None and t.kind in ("role", "honorific")


#: Armed groups that are no organ of a state: a place or country before their post says
#: where the group is, not the post's body ("East Freedonia rebel leader": no affiliation).
_GROUPS = frozenset({"rebel", "militia", "insurgent", "separatist", "guerrilla", "jihadist", "militant"})
#: Seats in an assembly, by their normal form: a lone capitalized word before one that
#: names no place, country or organization is the member's party ("Liberal MP",
#: "Greens senator"), out of the extent as a known party is ("Labour MP").
_SEATS = frozenset({"Member of Parliament", "Senator", "State Senator", "Representative", "State Representative", "Council Member"})


def parse_title(phrase: str, rules: Rules) -> ParsedTitle:
    """The parts of a title phrase as written (docs/titles.md).

    >>> parse_title("Russian Deputy Foreign Minister", rules)   # doctest: +SKIP
    ParsedTitle('Russian Deputy Foreign Minister', 'Deputy Minister of Foreign Affairs', 'current', 'government', 'Russia', '')
    """
    return _parse_cached(phrase, rules)


#: A body's acronym in parentheses ending the phrase: its normal form ("... Forum (IFA)").
_ACRONYM_END = re.compile(r"[ \t]+\(([A-Z][A-Z&]{1,9})\)$")


#: A body written once before a list of posts of several people: "Freedonian King, Queen &
#: PM" (the body, the others' posts, the name's post).
_SHARED_BODY = re.compile(r"^(?P<body>\S+)[ \t]+(?:\S+,[ \t]+)+\S+[ \t]+(?:&|and)[ \t]+(?P<own>\S+(?:[ \t]+\S+)?)$")


@memo_per_rules(100_000)
def _parse_cached(phrase: str, rules: Rules) -> ParsedTitle:
    acronym = _ACRONYM_END.search(phrase)
    if acronym:
        p = _parse_cached(phrase[: acronym.start()], rules)
        return p._replace(affiliation=acronym.group(1)) if p.affiliation else p
    shared = _SHARED_BODY.match(phrase)
    if shared:
        # The name's post is the last one; the body before the first is each post's.
        own = _parse_cached(shared.group("own"), rules)
        body = rules.affiliations.get(_clean_word(shared.group("body")))
        return own._replace(affiliation=own.affiliation or body or "") if own.normalized else own
    trimmed = _trim_start(_describing_affixes(list(segment(phrase, rules))), rules)
    praised = _praise_before(trimmed)
    if praised:
        # "TV star and neurosurgeon": a praising noun (with its own words) describes the
        # person; the post after "and" is the title, its body the post's own.
        words = phrase.split()
        own = _parse_cached(" ".join(words[praised:]), rules)
        return own._replace(written=" ".join(words[trimmed[0].first : praised] + own.written.split())) if own.normalized else own
    segs = _offices_as_bodies(trimmed, rules)
    # The sectors of offices a post serves ("City Attorney spokeswoman": a government office).
    office_kinds = {t.role_kind for t, s in zip(trimmed, segs) if t.kind == "role" and s.kind != "role"}
    honorific = (segs[-1].normalized or segs[-1].raw) if segs and segs[-1].kind == "honorific" else ""
    heads = [i for i, s in enumerate(segs) if s.kind == "role"] or [i for i, s in enumerate(segs) if s.rank]
    # A post after the connector is the body's ("spokesman for the district attorney",
    # "spokesman for the governor's office"): the title's own posts come before it.
    complement = next((i for i in range(heads[0] + 1, len(segs)) if segs[i].kind == "connector"), len(segs)) if heads else 0
    heads = [h for h in heads if h < complement]
    lone = _lone_post_word(segs, rules)
    if lone is not None:
        return ParsedTitle(segs[0].raw, lone.normalized, "current", lone.role_kind, "", "")
    if not heads or _dangling(segs, heads[-1]):
        return ParsedTitle("", "", "", "", _affiliation(segs, len(segs), rules)[0], honorific)
    first_head = heads[0]
    body = _body_end(segs, first_head, rules)
    lead = _status_lead(segs, first_head)  # "former NHL player": the status, then the body
    if body > lead and not _body_belongs(segs[lead:body], segs[first_head], rules, segs[first_head + 1 : first_head + 2]):
        return _parse_cached(" ".join(phrase.split()[min(s.first for s in segs[body:]) :]), rules)  # "Alabama physician"
    affiliation, affiliation_kind = _affiliation(segs, first_head, rules)
    head = segs[first_head]
    if head.role_kind == "royal" and first_head + 1 < len(segs) and fold(segs[first_head + 1].raw) == "of" and affiliation_kind != "country":
        affiliation = ""  # "Duchess of Wessex": a nobility title's place is part of it, no body
    if affiliation and (affiliation_kind == "country" or not affiliation_kind and fold(affiliation) in rules.places) and _group_post(segs, first_head):
        affiliation = ""  # "East Freedonia rebel leader": the place is the group's, no organ of a state
    if head.role_kind == RELATIVE and not affiliation:
        # A post named only through its body ("his U.S. counterpart"); alone it is a relation.
        return ParsedTitle("", "", "", "", "", honorific)
    # Coordinated posts ("President and General Manager"): the first one is normalized.
    last = next((h for h in heads if any(s.raw in _AND for s in segs[first_head:h])), None)
    last = heads[-1] if last is None else max(h for h in heads if h < last)
    has_role = any(segs[h].kind == "role" for h in heads)
    parts = [
        "and" if joins_fields(segs, i) else s.normalized
        for i, s in enumerate(segs[: last + 1])
        if i >= body and s.normalized and not s.status and s.kind in ("role", "modifier", "other", "honorific")
        and not (s.kind == "honorific" and (not s.rank or has_role)) and (s.raw not in _AND or joins_fields(segs, i))
        and not (not has_role and s.kind == "other" and s.raw.islower())  # a rank has no field: "coup general"
    ]
    # A status word after the post counts too ("Prime Minister designate", "Surgeon General nominee").
    status = next((s.status for i, s in enumerate(segs[: last + 2]) if s.status and (i <= last or s.kind == "modifier")), "current")
    kept = segs
    while kept and kept[-1].kind == "honorific" and not kept[-1].rank:
        kept = kept[:-1]  # "Prime Minister Sheikh": the courtesy honorific is not the title
    words = phrase.split()
    written = " ".join(words[min(s.first for s in kept) : max(s.last for s in kept) + 1]) if kept else ""
    kind = segs[last].role_kind
    coordinated = {segs[h].role_kind for h in heads if h > last} - {"", RELATIVE, kind}
    if kind == "government" and len(coordinated) == 1:
        kind = coordinated.pop()  # "president and CEO" is a business post, "President and General Manager" a team's
    domain = _domain_complement(segs, first_head, phrase, rules)
    if domain:
        parts.append(domain)  # "head of research": the field is part of the post
    portfolio = "" if domain else _portfolio(segs, first_head, phrase, rules)
    if portfolio:
        # "Minister for the Arctic": the portfolio is part of the post, not its body.
        parts.append(portfolio)
        conn = next(i for i in range(first_head + 1, len(segs)) if segs[i].kind == "connector")
        affiliation, affiliation_kind = _affiliation(segs[:conn], first_head, rules)  # the body before the post, if any
    if not has_role and body == last and _team_rank(segs[lead:body], segs[last], rules):
        kind, honorific = "sports", ""  # "England captain": the team's, not a form of address
    elif not has_role and body > lead and (_unit_of_place(segs[lead:body], rules) or _name_sector(affiliation) == "government"):
        kind = "government"  # "Springfield Narcotics Sgt.", "Freedonia Police Sergeant": a police rank
    elif _SECTORS.get(affiliation_kind) and kind in _SECTOR_KINDS:
        kind = _SECTORS[affiliation_kind]  # "president of Acme Inc." is a business post, "FBI director" a government one
    elif kind in _SECTOR_KINDS and _name_sector(affiliation or " ".join(s.raw for s in segs[lead:body])):
        kind = _name_sector(affiliation or " ".join(s.raw for s in segs[lead:body]))  # "Acme Foundation director", "prison spokesman"
    elif kind in _SECTOR_KINDS and office_kinds & {"government", "judicial"}:
        kind = "government"  # "Secretary of State spokeswoman", "City Attorney spokeswoman"
    return ParsedTitle(written, " ".join(parts), status, "other" if kind in ("", RELATIVE) else kind, affiliation, honorific)


#: Role kinds a post takes from its body: the rules' kind is the usual sector of a post
#: found in several ("president", "director"); specific kinds (judicial, media, ...) stay.
_SECTOR_KINDS = frozenset({"", "government", "business", "other", RELATIVE})
#: Affiliation kinds (affiliations.csv) -> the sector of the posts they hold.
_SECTORS = {"country": "government", "government": "government", "international": "government", "party": "government",
            "company": "business", "club": "sports"}


#: Words naming an organization's sector, as the last word of its name or the first
#: before "of" ("Acme Foundation", "Office of Science Policy"; a lower-case institution:
#: "prison spokesman"): the sector of the posts it holds, when the rules do not know it.
_NAME_SECTORS = {
    **dict.fromkeys("department ministry agency office bureau commission police embassy consulate administration prison jail".split(), "government"),
    **dict.fromkeys("corporation company holdings airline airlines".split(), "business"),
    **dict.fromkeys("foundation institute association society program programme charity".split(), "other"),
}


#: Nouns praising the person, not a post ("TV star and neurosurgeon").
_PRAISING = frozenset({"star", "legend", "icon", "sensation", "superstar", "hero", "great"})


def _praise_before(segs: list[Piece]) -> int:
    """Index of the phrase word after "and" when a praising noun and "and" come before the
    first post ("TV star and neurosurgeon"); 0 when not."""
    for i in range(1, len(segs) - 1):
        if segs[i].kind == "role" or segs[i - 1].kind == "role":
            return 0
        if segs[i].raw in _AND and fold(segs[i - 1].raw) in _PRAISING:
            return segs[i + 1].first
    return 0


def _name_sector(name: str) -> str:
    """The sector an organization's name states (_NAME_SECTORS), "" when none."""
    words = [fold(_POSSESSIVE.sub("", w.strip(",;:()\"“”"))) for w in name.split()]
    if not words:
        return ""
    if len(words) > 2 and words[1] == "of" and words[0] in _NAME_SECTORS:
        return _NAME_SECTORS[words[0]]
    return _NAME_SECTORS.get(words[-1], "")


def joins_fields(segs: list[Piece], i: int) -> bool:
    """Piece `i` is "and" joining two lower-case domain words of one post, one of them
    the vocabulary's ("security and forensic analyst", "defense and security analyst"):
    kept in the normal form."""
    if not (0 < i < len(segs) - 1 and segs[i].raw in _AND):
        return False
    pair = (segs[i - 1], segs[i + 1])
    return all(s.kind in ("modifier", "other") and s.raw.isalpha() and s.raw.islower() and not s.status for s in pair) and any(
        s.kind == "modifier" for s in pair
    )


def _offices_as_bodies(segs: list[Piece], rules: Rules) -> list[Piece]:
    """A capitalized post written right before another post (no "and" between) names the
    office the second one serves, not a post of its own: "City Attorney spokeswoman",
    "Governor spokesman", and an acronym that is also a post's abbreviation ("GM CEO").
    Not a post that changes the next one ("Assistant Governor", "Chief spokesman")."""
    out = list(segs)
    for i in range(len(out) - 1):
        s, nxt = out[i], out[i + 1]
        if s.kind == "role" and nxt.kind == "role" and s.capitalized and not s.possessive and fold(s.raw) not in _post_changers(rules):
            # An office alone names no organization ("Governor spokesman"); with a body
            # before it, or as an acronym, it does ("Town Attorney", "GM").
            named = i > 0 or s.raw.isupper()
            out[i] = Piece("other", s.raw, s.raw, s.first, s.last) if named else Piece("modifier", s.raw, "", s.first, s.last)
    return out


@memo_per_rules(1)
def _post_changers(rules: Rules) -> frozenset[str]:
    """Posts that also change the post after them: the first word of a phrase of the
    vocabulary whose second word is a post of its own ("assistant secretary", "chief
    executive"; not "attorney general": "general" alone is a rank)."""
    out = set()
    for phrase, t in rules.titles.items():
        words = phrase.split()
        if t.kind == "role" and len(words) == 2 and words[0] in rules.titles and getattr(rules.titles.get(words[1]), "kind", "") == "role":
            out.add(words[0])
    return frozenset(out)


def _status_lead(segs: list[Piece], first_head: int) -> int:
    """Number of status words starting the phrase before its first post ("former",
    "acting"), with a connector after them ("nominee for")."""
    i = 0
    while i < first_head and segs[i].kind == "modifier" and segs[i].status:
        i += 1
    return i + 1 if 0 < i < first_head and segs[i].kind == "connector" else i


#: Connectors that introduce a portfolio after a state office ("Minister for the Arctic").
_PORTFOLIO_CONNECTORS = frozenset({"for"})
#: Offices named by their portfolio ("Minister for Northern Affairs"), by their normal
#: form; other posts "for" a place serve it ("special envoy for Freedonia": its body).
_PORTFOLIO_OFFICES = frozenset({"Minister", "Secretary", "Commissioner", "Under Secretary", "Deputy Minister"})
#: Affiliation kinds that name a body, not a portfolio ("Envoy for Freedonia" serves Freedonia).
_BODY_KINDS = frozenset({"country", "international", "government", "party", "company", "club"})


def _portfolio(segs: list[Piece], first_head: int, phrase: str, rules: Rules) -> str:
    """The portfolio of a minister's office written with "for" and a capitalized subject
    that names no body ("Minister for the Middle East" -> "for the Middle East"), as
    written; "" when there is none."""
    if segs[first_head].role_kind != "government" or segs[first_head].normalized not in _PORTFOLIO_OFFICES:
        return ""
    for i in range(first_head + 1, len(segs)):
        if segs[i].kind != "connector":
            continue
        if fold(segs[i].raw) not in _PORTFOLIO_CONNECTORS:
            return ""
        rest = _name_pieces(segs[i + 1 :])
        if not rest or any(s.kind == "role" or s.rank or s.affiliation_kind in _BODY_KINDS or _org_word(s.raw, rules) for s in rest):
            return ""
        return " ".join(phrase.split()[segs[i].first : rest[-1].last + 1]).rstrip(",;:")
    return ""


def _domain_complement(segs: list[Piece], first_head: int, phrase: str, rules: Rules) -> str:
    """The field of a post written after it in lower case ("head of water policy" -> "of
    Water Policy", "director of communications at Acme" -> "of Communications"): up to
    three lower-case words after "of"/"for", with no determiner and no organization word,
    up to the next connector or the end; "" when there is none."""
    conn = next((i for i in range(first_head + 1, len(segs)) if segs[i].kind == "connector"), None)
    if conn is None or fold(segs[conn].raw) not in ("of", "for") or conn != first_head + 1:
        return ""
    words = phrase.split()
    end = next((segs[i].first for i in range(conn + 1, len(segs)) if segs[i].kind == "connector"), len(words))
    field = [w.rstrip(",;:") for w in words[segs[conn].first + 1 : end]]
    if not 0 < len(field) <= 3 or not all(w.isalpha() and w.islower() and w not in DETERMINERS for w in field):
        return ""
    if any(_org_word(w, rules) for w in field):
        return ""
    return " ".join([fold(segs[conn].raw), *(w.capitalize() for w in field)])


def _describing_affixes(segs: list[Piece]) -> list[Piece]:
    """A status affix joined to a lower-case word that is not a post describes the person,
    not the post: "ex-communist President" is a current President.  The affix and its word
    become one descriptive modifier (no normal form, no status, no affiliation)."""
    out: list[Piece] = []
    i = 0
    while i < len(segs):
        s = segs[i]
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        # A capitalized word or a known body after the affix is the post's former body
        # ("ex-Acme chef", "Former-UK minister"), not a description.
        describing = nxt is not None and nxt.kind not in ("role", "modifier", "honorific") and not nxt.capitalized
        if s.status and describing and nxt.first == s.last:
            out.append(Piece("modifier", f"{s.raw}{nxt.raw}", "", s.first, nxt.last))
            i += 2
            continue
        out.append(s)
        i += 1
    return out


#: An era or an age before a post: it describes the person ("1940s", "'50s", "45-year-old").
_ERA = re.compile(r"^(?:\d{4}s|['’]\d0s|\d{1,3}-years?-old)$")


def _trim_start(segs: list[Piece], rules: Rules) -> list[Piece]:
    """Leading words that are not the post: descriptive modifiers ("new", "Oscar-winning"), a party
    before a state office, a courtesy honorific, a person's possessive ("the actress's
    rep", "Smith's lawyer") or a phrase ending in a connector before any role
    ("Bidding for Princess")."""
    for i, s in enumerate(segs):
        if s.kind == "role" and not s.possessive:
            break  # a possessive after the post is its body's ("director of the Acme Council's program")
        if s.possessive and (not s.capitalized or s.kind != "affiliation" and _person_word(s.raw, rules)) and i + 1 < len(segs):
            segs = segs[i + 1 :]
            break
    for i, s in enumerate(segs):
        if s.kind in ("role", "honorific"):
            break
        if s.kind == "connector" and not any(p.kind == "affiliation" or _org_word(p.raw, rules) for p in segs[:i]):
            if all(p.kind == "modifier" and p.status for p in segs[:i]):
                break  # "nominee for Surgeon General": the status of the post after it
            segs = segs[i + 1 :]
            break
    while segs and (
        fold(segs[0].raw) in _AND
        or (_ERA.match(fold(segs[0].raw)) and len(segs) > 1)  # "the 1940s actress": the era describes the person
        or (segs[0].kind == "other" and fold(segs[0].raw) in _PREPOSITIONS and segs[0].raw.islower() and len(segs) > 1)
        or (segs[0].kind == "modifier" and not segs[0].normalized and not segs[0].status)
        or (segs[0].kind == "honorific" and not segs[0].rank and len(segs) > 1)
        or (segs[0].affiliation_kind == "party" and len(segs) > 1 and _state_office(segs[1:]))
        or (len(segs) > 1 and _party_before_seat(segs[0], segs[1], rules))
    ):
        segs = segs[1:]
    return segs


#: Last parts of a hyphenated compound describing the person by an award, birth or base
#: ("Oscar-winning actress", "Emmy-nominated writer", "Paris-born chef", "Oslo-based
#: analyst"): no body of the post.
_DESCRIBING_ENDS = frozenset(
    {"winning", "nominated", "born", "based", "bred", "raised", "educated", "trained", "starring", "setting", "breaking", "selling", "topping"}
)


def _describing_compound(word: str) -> bool:
    """A folded word is such a compound ("oscar-winning", "record-setting")."""
    parts = word.split("-")
    return len(parts) > 1 and all(parts) and parts[-1] in _DESCRIBING_ENDS


def _body_belongs(body: list[Piece], head: Piece, rules: Rules, posts: list[Piece] = ()) -> bool:
    """Whether the words before the first post name its body.  A place is the body only
    of a jurisdiction or a team post ("Texas Governor", "Dublin manager"); before other
    posts it says where ("Alabama physician").  A rank belongs to a service named by an
    affiliation or organization word ("Army Sgt."), not to any capitalized word before
    it ("Direct Major-General")."""
    if any(s.kind == "affiliation" and s.affiliation_kind != "place" for s in body):
        return True
    if head.kind != "role" and not any(_org_word(s.raw, rules) for s in body):
        return _team_rank(body, head, rules) or _unit_of_place(body, rules)
    # A state's adjective is a place ("Victorian Premier"; "Victorian novelist" says where).
    states = all(s.affiliation_kind == "place" for s in body)
    if fold(" ".join(s.raw for s in body)) not in rules.places and not _county(body) and not states:
        return True
    # The post right after the first one, which it changes, counts too ("Springfield County
    # Assistant District Attorney"); not a post after "and" ("actress and swimmer").
    return head.role_kind in _JURISDICTION_KINDS or any(p.kind == "role" and p.role_kind in _JURISDICTION_KINDS for p in posts)


_JURISDICTION_KINDS = frozenset({"government", "judicial", "military", "sports"})
#: The abbreviation of "County" before a county's name ("Co Antrim", "Co. Down").
_COUNTY_ABBREVIATIONS = frozenset({"co", "co."})


def _county(body: list[Piece]) -> bool:
    """The words name a county: "Co"/"Co." or "County" before capitalized words ("Co
    Antrim", "County Kerry"), or capitalized words before "County" ("Orange County")."""
    words = " ".join(s.raw for s in body).split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    first, last = fold(words[0]), fold(words[-1])
    return first in _COUNTY_ABBREVIATIONS or first == "county" or last == "county"


def _unit_of_place(body: list[Piece], rules: Rules) -> bool:
    """A place's name, then capitalized words: a unit of its police or services before a
    rank ("Springfield Narcotics Sgt.", "Springfield Homicide Capt.")."""
    words = [fold(s.raw) for s in body]
    for n in range(len(words) - 1, 0, -1):
        if " ".join(words[:n]) in rules.places:
            return all(s.capitalized and s.kind == "other" for s in body[n:])
    return False


def _team_rank(body: list[Piece], rank: Piece, rules: Rules) -> bool:
    """A rank written in lower case after a team's name is a sports post ("United
    captain", "England captain"): the body is a country's name (not its adjective:
    "Israeli captain" stays the rank), a club or capitalized words naming no service."""
    if not body or not rank.raw[:1].islower():
        return False
    for s in body:
        if s.kind == "affiliation":
            if s.affiliation_kind not in ("country", "club") or (s.affiliation_kind == "country" and fold(s.raw) != fold(s.normalized)):
                return False
        elif not (s.kind == "other" and s.capitalized and not _org_word(s.raw, rules)):
            return False
    return True


def _group_post(segs: list[Piece], first_head: int) -> bool:
    """The post is an armed group's that is no organ of a state: its phrase starts with
    the group ("rebel leader", "rebels leader") or the group's word comes right before it."""
    head = segs[first_head]
    words = [singular(fold(w)) for w in head.raw.split()]
    if words and words[0] in _GROUPS:
        return True
    return first_head > 0 and singular(fold(segs[first_head - 1].raw)) in _GROUPS


def _party_before_seat(s: Piece, seat: Piece, rules: Rules) -> bool:
    """`s` is a party's name right before an assembly seat: one capitalized word that
    names no place, country, organization or person and reads as a party's adjective or
    plural ("Liberal MP", "Conservative MP", "Greens senator"); not a place's name
    ("Texas Senator", "Freedonia senator"), a nationality ("Freedonian MP") or an
    acronym, which may name a state ("NSW MP")."""
    if seat.kind != "role" or seat.normalized not in _SEATS or s.kind != "other" or s.possessive or len(s.raw.split()) != 1:
        return False
    k = _clean_word(s.raw)
    if not s.raw[:1].isupper() or s.raw.isupper() or not k.isalpha() or k in rules.places or k in rules.affiliations or _org_word(s.raw, rules):
        return False
    return bool(_PARTY_END.search(k)) and not _person_word(s.raw, rules)


#: Endings of a party's name written as an adjective or a plural ("Liberal",
#: "Conservative", "Socialist", "Greens", "Nationals"; not "-ss").
_PARTY_END = re.compile(r"(?:al|ive|ist|ic|[^s]s)$")


def _state_office(segs: list[Piece]) -> bool:
    """The first post of `segs` is a government office (a party before it is not its body)."""
    return next((s.role_kind for s in segs if s.kind == "role" or s.rank), "") == "government"


def _person_word(raw: str, rules: Rules) -> bool:
    k = _clean_word(raw)
    return k in rules.given_names or k in rules.surnames


def _org_word(raw: str, rules: Rules) -> bool:
    return any(_clean_word(w) in rules.org_cues for w in raw.split())


def _dangling(segs: list[Piece], last_head: int) -> bool:
    """Unknown words after the last post, not introduced by a connector nor followed by a
    rank: the phrase is not a title of the name after it ("President Nominates")."""
    tail = segs[last_head + 1 :]
    if not tail or tail[0].kind == "connector":
        return False
    return tail[-1].kind == "other" and not any(s.kind == "honorific" for s in tail)


def _body_end(segs: list[Piece], first_head: int, rules: Rules) -> int:
    """Index of the first piece after the leading body (affiliations and capitalized
    unknown words: "U.S. Army", "Federal Reserve", "Leeds United"; a lower-case
    organization word after them: "Nixon administration"; after "of" or "and" inside the
    name, also capitalized domain words: "Office of Science and Technology Policy") before
    the first post; after the status words that may start the phrase ("former NHL"); 0
    when there is no body."""
    i, joined = _status_lead(segs, first_head), False
    lead = i
    while i < first_head:
        s = segs[i]
        # A lower-case organization word names the body too ("prison spokesman").
        if s.kind == "affiliation" or (s.kind == "other" and (s.capitalized or _org_word(s.raw, rules))):
            i += 1
        elif joined and s.kind == "modifier" and s.normalized and not s.status and s.capitalized:
            i += 1
        elif s.raw in _AND or s.kind == "connector":
            if i + 1 < first_head and segs[i + 1].capitalized and i > lead:
                i, joined = i + 1, True
            else:
                break
        else:
            break
    return i if i > lead else 0  # status words alone are no body


def _affiliation(segs: list[Piece], first_head: int, rules: Rules) -> tuple[str, str]:
    """The body the post belongs to and its kind (affiliations.csv kinds, "" when not
    known): a known affiliation word (not a party before a state office, already
    trimmed), else an "of/at/for ORG" complement, else the leading capitalized words as
    written; a party only when nothing else is stated."""
    known = [s for s in segs if s.kind == "affiliation"]
    plain = [s for s in known if s.affiliation_kind != "party"]
    if plain and (first_head >= len(segs) or plain[0].first <= segs[first_head].first):
        named = _named_after_country(segs, first_head, plain[0])
        if not named and len(plain) > 1 and plain[0].affiliation_kind == "country" and segs.index(plain[1]) == segs.index(plain[0]) + 1:
            # A nationality, then an organization named after a country: the nationality
            # is the person's ("British Freedonia Today reporter" -> Freedonia Today).
            named = _named_after_country(segs, first_head, plain[1]) if fold(plain[0].raw) != fold(plain[0].normalized) else ""
        return _organization(named, rules) if named else (plain[0].normalized, plain[0].affiliation_kind)
    complement = _complement(segs, first_head, rules)
    if complement[0]:
        return complement
    if plain:
        return plain[0].normalized, plain[0].affiliation_kind
    body = _body_end(segs, first_head, rules)
    words = [s.raw for s in segs[_status_lead(segs, first_head) : body] if s.kind in ("other", "connector", "modifier")]
    if body and all(s.kind != "affiliation" for s in segs[:body]):
        # A body described rather than named ("the Nixon administration") is no affiliation
        # the rules can name: its country is not written.
        described = any(s.kind == "other" and not s.capitalized and s.raw not in _AND for s in segs[:body])
        return ("", "") if described or _adjective(words, rules) else _organization(" ".join(words), rules)
    return (known[0].normalized, known[0].affiliation_kind) if known else ("", "")


#: Endings of English adjectives ("Olympic", "Sectorial", "Freedonian"; not "-al": "Liberal"
#: is also a party's name).
_ADJECTIVE_END = re.compile(r"(?:ic|ial|ian|ean)$")


def _adjective(words: list[str], rules: Rules) -> bool:
    """An unknown capitalized adjective alone before the post describes it rather than
    naming its body ("Olympic swimmer", "Sectorial Under-Secretary"); an unknown
    nationality would need its country ("Freedonian minister"): no affiliation either.
    Not a place ("Nepal") nor an acronym."""
    if len(words) != 1 or words[0].isupper():
        return False
    w = _clean_word(words[0])
    return bool(_ADJECTIVE_END.search(w)) and w not in rules.places


def _named_after_country(segs: list[Piece], first_head: int, country: Piece) -> str:
    """The name of an organization that holds a country's name, written before the post
    ("Freedonia Telecom spokesman" -> "Freedonia Telecom"): the country written as its
    name (not an adjective or abbreviation: "U.S. Army" stays the country's), then only
    capitalized unknown words up to the post; a one-word seat of government also after
    such words ("Washington Post reporter", "Random House editor": not the government's
    organ); "" when it is not such a name."""
    i = start = segs.index(country)
    if country.affiliation_kind == "government" and len(country.raw.split()) == 1:
        while start > 0 and _unknown_capitalized(segs[start - 1]):
            start -= 1
    elif country.affiliation_kind != "country" or fold(country.raw) != fold(country.normalized):
        return ""
    rest = segs[start:i] + segs[i + 1 : first_head]
    if not rest or not all(_unknown_capitalized(s) for s in rest):
        return ""
    return " ".join(s.raw for s in segs[start:first_head])


def _unknown_capitalized(s: Piece) -> bool:
    return s.kind == "other" and s.raw[:1].isupper()


def _complement(segs: list[Piece], first_head: int, rules: Rules) -> tuple[str, str]:
    """The organization after a connector following the post ("officer of Acme Corp.";
    the first connector that a name follows: "head of research at Nordbank")."""
    for i in range(first_head + 1, len(segs)):
        if segs[i].kind == "connector":
            served = _served_place_then_body(segs, i, rules)
            if served[0]:
                return served
            # Every piece after the connector is the name ("World Trade Forum": "Trade" is
            # a domain word elsewhere), but a post after it is no organization.
            rest = _name_pieces(segs[i + 1 :]) or _name_pieces(_after_description(segs[i + 1 :], rules))
            if any(s.kind == "role" or s.rank for s in rest):
                return "", ""
            # "director of Acme's Research Program": Acme's program; not a plural possessive
            # before an organization word ("the Farmers' Union of Freedonia" is one name).
            owner = next((k for k, s in enumerate(rest[:-1]) if s.possessive and not _attributive(s, rest[k + 1], rules)), None)
            if owner is not None:
                rest = rest[: owner + 1]
            if rest:
                if len(rest) == 1 and rest[0].kind == "affiliation":
                    return rest[0].normalized, rest[0].affiliation_kind
                if rest[0].affiliation_kind == "country" and rest[-1].affiliation_kind == "government":
                    return rest[0].normalized, "government"  # "the Norwegian Foreign Ministry": the country's organ
                name = " ".join(s.raw for s in rest)
                known = rules.affiliations.get(fold(name), "")
                return (known, rules.affiliation_kinds.get(fold(name), "")) if known else _organization(name, rules)
    return "", ""


def _served_place_then_body(segs: list[Piece], i: int, rules: Rules) -> tuple[str, str]:
    """A post "for" the place it serves, then "of" the organization it belongs to
    ("Special Representative for Freedonia of the United Nations Secretary-General"):
    the organization, before any post of its own ("United Nations" -> UN); ("", "")
    when the complement does not read so."""
    if fold(segs[i].raw) != "for":
        return "", ""
    j = next((k for k in range(i + 1, len(segs)) if segs[k].kind == "connector"), None)
    if j is None or j == i + 1 or fold(segs[j].raw) != "of":
        return "", ""
    place = segs[i + 1 : j]
    if not all(s.affiliation_kind == "country" or s.kind == "other" and s.capitalized for s in place):
        return "", ""
    if fold(" ".join(s.raw for s in place)) not in rules.places and not all(s.affiliation_kind == "country" for s in place):
        return "", ""
    rest = _name_pieces(segs[j + 1 :])
    cut = next((k for k, s in enumerate(rest) if s.kind == "role" or s.rank), len(rest))
    rest = rest[:cut]
    if not rest:
        return "", ""
    if len(rest) == 1 and rest[0].kind == "affiliation":
        return rest[0].normalized, rest[0].affiliation_kind
    name = " ".join(s.raw for s in rest)
    known = rules.affiliations.get(fold(name), "")
    return (known, rules.affiliation_kinds.get(fold(name), "")) if known else _organization(name, rules)


def _attributive(possessive: Piece, nxt: Piece, rules: Rules) -> bool:
    return possessive.raw[-1] in "'’" and _org_word(nxt.raw, rules)


def _after_description(segs: list[Piece], rules: Rules) -> list[Piece]:
    """`segs` after up to two lower-case words describing the body that end in an
    organization word ("security company Acme" -> "Acme"); [] when they do not."""
    for n in (1, 2):
        if len(segs) > n and segs[n].capitalized and all(s.raw.isalpha() and s.raw.islower() for s in segs[:n]) and _org_word(segs[n - 1].raw, rules):
            return segs[n:]
    return []


def _name_pieces(segs: list[Piece]) -> list[Piece]:
    """The pieces of a capitalized name at the start of `segs`, up to the first
    lower-case word other than "of", "and", "&" ("Acme Center in Boston" -> "Acme
    Center"; "U.K. company" -> "U.K."), without a trailing "of" or "and"."""
    if not segs or not segs[0].raw[:1].isupper():
        return []  # "of the 2005 book": no name
    n = next((i for i, s in enumerate(segs) if not s.capitalized and s.kind != "connector" and s.raw not in _AND), len(segs))
    out = segs[:n]
    while out and (out[-1].kind == "connector" or out[-1].raw in _AND):
        out.pop()
    return out


def _handle_name(handle: str, rules: Rules) -> str:
    """A handle's name: without its mark, a lower-case handle split into the two words of
    the rules it is made of, in Title Case ("@springfieldtigers" -> "Springfield Tigers");
    as written when it is not."""
    word = handle[1:]
    if not word.islower() or not word.isalpha():
        return word
    known = _handle_words(rules)
    for cut in range(3, len(word) - 2):
        if word[:cut] in known and word[cut:] in known:
            return f"{word[:cut].capitalize()} {word[cut:].capitalize()}"
    return word


@memo_per_rules(1)
def _handle_words(rules: Rules) -> frozenset[str]:
    """Words a handle may be made of: places and organization words."""
    return frozenset(w for w in (*rules.places, *rules.org_cues) if " " not in w)


def _organization(name: str, rules: Rules) -> tuple[str, str]:
    """An organization's name as written, without possessive, punctuation, a handle's mark
    or legal suffix, and its kind: "company" when it had a legal suffix ("Acme Corp." -> Acme),
    "party" when it is named a party ("the Green Party")."""
    words = [_POSSESSIVE.sub("", w.strip(",;:()\"“”")) for w in name.split()]
    words = [_handle_name(w, rules) if _handle(w) else w for w in words]  # "@Acme" -> "Acme"
    kind = "party" if len(words) > 1 and fold(words[-1]) == "party" else ""
    while len(words) > 1 and fold(words[-1]) in _LEGAL:
        words.pop()
        kind = "company"
    return " ".join(w for w in words if w), kind


def name_without_title(form: str, rules: Rules) -> str:
    """A name form without the title or honorific written before it ("Deputy Ortiz" ->
    "Ortiz", "Irish Taoiseach Leo Varadkar" -> "Leo Varadkar"): the registry's names and
    aliases never carry one, whatever the extractor left in the span."""
    return _name_without_title(form, rules)


@memo_per_rules(200_000)
def _name_without_title(form: str, rules: Rules) -> str:
    words = form.split()
    for i in range(len(words) - 1, 0, -1):
        segs = segment(" ".join(words[:i]), rules)
        if not segs or segs[-1].last != i - 1:
            continue
        last = segs[-1]
        # A lone modifier is a post when a role ends with it ("Deputy Ortiz": a sheriff's
        # deputy); a domain word alone is not ("Art Garfunkel").
        alone = len(segs) == 1 and last.kind == "modifier" and _clean_word(words[0]) in _role_ends(rules)
        titled = last.kind in ("role", "honorific") or alone
        if titled and all(s.kind != "other" or s.capitalized for s in segs):
            return " ".join(words[i:])
    return form


def _lone_post_word(segs: list[Piece], rules: Rules):
    """The post a capitalized post-changing word alone stands for: the one post of the
    vocabulary that ends with it ("Deputy Tom Reed": every role ending in "deputy" is a
    Deputy Sheriff); None when it is not alone, or ends several posts."""
    if len(segs) != 1 or segs[0].kind != "modifier" or segs[0].status or not segs[0].capitalized:
        return None
    posts = _posts_ending_in(rules).get(_clean_word(segs[0].raw), ())
    return posts[0] if len(posts) == 1 else None


@memo_per_rules(1)
def _posts_ending_in(rules: Rules) -> dict:
    """Last word of the role phrases of several words -> their distinct title rules."""
    out: dict[str, dict[str, object]] = {}
    for phrase, t in rules.titles.items():
        words = phrase.split()
        if t.kind == "role" and len(words) > 1:
            out.setdefault(words[-1], {})[t.normalized] = t
    return {w: tuple(by_norm.values()) for w, by_norm in out.items()}


@memo_per_rules(1)
def _role_ends(rules: Rules) -> frozenset[str]:
    """Last words of the role phrases ("deputy" of "sheriff's deputy")."""
    return frozenset(phrase.split()[-1] for phrase, t in rules.titles.items() if t.kind == "role")


def titles_compatible(a: str, b: str) -> bool:
    """True when two normalized titles can name the same post.

    Equal titles, or one a refinement of the other: "Under Secretary of Defense for
    Policy" refines "Under Secretary of Defense", "Minister of Defense" refines
    "Minister".  An empty title says nothing, so it is compatible with any title.
    "Deputy Minister" and "Minister" are *not* compatible (different posts).
    """
    fa, fb = fold(a), fold(b)
    if not fa or not fb or fa == fb:
        return True
    short, long_ = (fa, fb) if len(fa) < len(fb) else (fb, fa)
    return long_.startswith(short + " ")
