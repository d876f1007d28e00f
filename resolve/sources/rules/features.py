"""The person model's features: what a candidate looks like and what surrounds it.

Every feature is a string, `group=value` or a bare flag, each at most once per
candidate; the model (`model`) holds one weight per string, so a feature is inspectable by name (`PersonModel.explain` lists
the contributions).  Two kinds:

- `Featurizer.local(c, scan, ...)`: the candidate alone — its words against the word
  lists (rule files and shipped lists), their shape and letters (`namelike`), its cues
  (title, speech verb, age), the rule extractor's own verdict, and the words and
  punctuation right around it;
- `context_features(...)`: what the *first-stage* model thinks of related candidates
  of the article and batch — the same string elsewhere, a full name whose surname or
  given name this lone word is, a coordinated name ("X and Y") — so one confident
  reading lends support in proportion to its confidence (a surname seen once in a
  doubtful reading lends little).

Features never hold a particular name: the words of a candidate appear only through
lists, shapes and letter n-grams; the words *around* it (lower case: "said", "near",
"against") are kept as themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .candidates import Candidate
from .decision import english_plural, ordinary
from .lexicon import Lexicon
from .namelike import NameLikeness
from .scan import Scan
from .wordlists import shipped, shipped_name_words, shipped_places

_TOK = re.compile(r"\w+(?:['’.-]\w+)*\.?|[^\w\s]")
#: A result or a time in the candidate's line ("2-1", "1:18.2"): results tables and
#: match reports, where a lone capitalized word is a team or a country more often.
_SCORE = re.compile(r"\b\d+ ?[-–:] ?\d+\b")
_TABLE_LINE = 200
#: Feature strings of a few values, made once.
_SCORE_LINE = {n: (f"score_line|{n}",) for n in (1, 2)}
_RECASED = {n: f"recased|{n}" for n in (1, 2)}
_INITIAL = {(i, n): f"initial={i}|{n}" for i in "IM" for n in (1, 2)}
#: Lower-case words after a name that say a firm or a brand, not a person ("Ford shares
#: fell", "Acme stock"): a class, so that the cue holds for the words of the class that
#: the training corpora saw rarely.
ORG_AFTER = frozenset({
    "shares", "share", "stock", "stocks", "shareholders", "investors", "customers", "subscribers", "users",
    "products", "brand", "brands", "stores", "store", "outlets", "plant", "plants", "factory", "factories",
    "dealers", "dealership", "executives", "employees", "staff", "workers", "headquarters", "subsidiary",
    "unit", "division", "spokesman", "spokeswoman", "spokesperson", "earnings", "profit", "profits", "revenue",
    "sales", "model", "models", "vehicles", "cars", "fans", "supporters", "squad", "lineup", "roster",
})
#: Prepositions of place: "in X", "near X".  With a word of the place lists the pair says a
#: place far more than either alone, which a linear model cannot add up: a feature of its own.
LOCATIVE = frozenset({"in", "at", "near", "from", "to", "into", "across", "outside", "throughout", "around",
                      "toward", "towards", "inside", "via", "between", "through", "of"})
#: Function words a sentence may start with: capitalized there, they say what they say in
#: lower case ("In Tuktoyaktuk" is "in Tuktoyaktuk").
CLOSED = LOCATIVE | frozenset({"for", "with", "by", "and", "or", "but", "according", "on", "after", "before",
                                          "during", "under", "against", "like", "as", "when", "while", "since", "if",
                                          "including", "unlike", "without", "about", "over", "upon", "within"})
#: What joins the members of a list or a coordination: "Tulsa, Jenks and Owasso".
_LIST_SEP = {",": ",", "and": "and", "or": "and", "&": "and"}
_CONJ = frozenset(w for w, kind in _LIST_SEP.items() if kind == "and")  # the words among them
_SAINT = frozenset({"St.", "St", "Saint", "Ste.", "Ste", "San", "Santa", "São", "Sao"})
_LIST_END = frozenset({",", "and", "or", "&", ".", ";", ":", ")", "(", "!", "?"})
#: Words that end a firm's name ("Hartwell Inc.", "Brandt Group"): the same words
#: elsewhere in the article without them are the firm too (`firm_evidence`).
CORPORATE = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "lp", "ag", "gmbh", "spa", "sa", "nv", "bv", "ab", "oy",
                       "limited", "corporation", "company", "group", "holdings", "industries", "motors", "airlines",
                       "bank", "brothers", "bros", "partners", "associates", "enterprises", "international"})
#: The lower-case word after a candidate (and its 's): "Hartwell's shares".
_NEXT_WORD = re.compile(r"(?:['’]s)?[ \t]+([a-z]+)")


@dataclass(frozen=True)
class WordLists:
    """Word lists the features read: the rule files' and the shipped ones."""

    given: frozenset[str]
    surnames: frozenset[str]
    english: frozenset[str]  # English words that are not in the rule files' name lists
    ordinary: frozenset[str]  # words a capitals line writes in lower case (`casing`): no name at all
    known: frozenset[str]  # every word of every list (`casing`: a short word in none is an acronym)
    places: frozenset[str]  # the world's towns and countries (GeoNames), beyond the rule files' places
    names: frozenset[str]  # a word of any name list: given names, surnames, Wikidata's name words

    @staticmethod
    def of(lex: Lexicon) -> "WordLists":
        """The lists for one rules lexicon (cached: the unions cost ~10 ms)."""
        hit = _LISTS.get(id(lex))
        if hit is not None and hit[0] is lex:
            return hit[1]
        given, surnames, english = shipped()
        all_given, all_surnames = given | lex.given, surnames | lex.surnames
        # Lower case in a capitals or Title Case line: English words but for the rule
        # files' given names and common surnames ("Brown" stays, "Vote" does not).
        ordinary = (english - lex.given - lex.surnames) | lex.common | lex.speech
        known = english | all_given | all_surnames | lex.places | lex.common
        names = all_given | all_surnames | shipped_name_words()
        lists = WordLists(all_given, all_surnames, english - lex.given - lex.surnames, frozenset(ordinary), frozenset(known),
                          shipped_places(), names)
        if len(_LISTS) > 8:
            _LISTS.clear()
        _LISTS[id(lex)] = (lex, lists)
        return lists


_LISTS: dict[int, tuple[Lexicon, WordLists]] = {}


@lru_cache(maxsize=1 << 16)
def shape(tok: str) -> str:
    """Letters as X/x, digits as d, repeats collapsed: "McDonald" -> "XxXx", "U.S." -> "X.X."."""
    out = []
    for ch in tok:
        c = "d" if ch.isdigit() else ("X" if ch.isupper() else "x") if ch.isalpha() else ch
        if not (out and c in "Xx" and out[-1] == c and len(out) > 1 and out[-2] == c):
            out.append(c)
    return "".join(out)


def _bin(p: float) -> str:
    return "9" if p > 0.9 else "7" if p > 0.7 else "5" if p > 0.5 else "3" if p > 0.3 else "1" if p > 0.1 else "0"


class Featurizer:
    """`local(c, scan, ...)`: the features of one candidate on its own; built once per
    batch, it memoises what depends on one word or token only (most words recur)."""

    def __init__(self, lex: Lexicon, lists: WordLists, namelike: NameLikeness) -> None:
        self.lex, self.lists, self.namelike = lex, lists, namelike
        self._words: dict[tuple[str, str], tuple[str, ...]] = {}
        self._lower: Mapping[str, int] | None = None
        self._written: dict[tuple[str, str], tuple[str, ...]] = {}
        self._neighbours: dict[tuple[str, str], tuple[str, ...]] = {}
        self._classes: dict[str, str] = {}
        self._combos: dict[tuple, tuple[str, ...]] = {}  # `head` (4 keys) and `conjunctions` (5 keys)
        self._lower_id: Mapping[str, int] | None = None
        self._identity: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._scores: tuple[str | None, list[int]] = (None, [])  # an article's text and where its results start
        self._plurals: dict[str, tuple[str, ...]] = {}
        self._cues: dict[tuple[str, ...], tuple[str, ...]] = {}

    def word(self, w: str, pos: str) -> tuple[str, ...]:
        """Features of one folded name word at a position ("0" first, "L" last): the
        lists it is in, its letter-model bin, and its ending and beginning letters."""
        hit = self._words.get((w, pos))
        if hit is None:
            lex, lists = self.lex, self.lists
            f = [f"suf3{pos}={w[-3:]}", f"suf2{pos}={w[-2:]}", f"pre2{pos}={w[:2]}", f"nl{pos}={_bin(self.namelike(w))}"]
            # Census-derived lists write "Da'Quan" as "daquan": look the word up without its apostrophes too.
            bare = w.replace("'", "").replace("\u2019", "")
            for name, words in (("given", lex.given), ("surname", lex.surnames), ("biggiven", lists.given), ("bigsur", lists.surnames),
                                ("eng", lists.english), ("place", lex.places), ("bigplace", lists.places), ("common", lex.common), ("title", lex.title_vocab),
                                ("org", lex.org), ("affil", lex.affil), ("stop", lex.stop), ("particle", lex.particles)):
                if (w in words or (bare != w and bare in words)) and not (name in ("place", "bigplace") and pos == "0" and w in lists.given):  # see place_given0
                    f.append(f"{name}{pos}")
            # A name of Wikidata's that neither name list holds ("Olusegun", "Tormekov"): new
            # evidence; a word of the lists is already weighed by them.
            if w in lists.names and w not in lists.given and w not in lists.surnames:
                f.append(f"wdname{pos}")
            hit = self._words[(w, pos)] = tuple(f)
        return hit

    def written(self, w: str, pos: str, lower: Mapping[str, int]) -> tuple[str, ...]:
        """How the batch writes a name word: in lower case never, once or twice, or more;
        and whether it is an ordinary word there (`decision.ordinary`).  `lower` is the
        batch's counts, the same for every article of it (one Featurizer per batch)."""
        if lower is not self._lower:
            self._lower, self._written = lower, {}
        hit = self._written.get((w, pos))
        if hit is None:
            lo = lower.get(w, 0)
            f = [f"low{pos}={'0' if lo == 0 else '1' if lo < 3 else 'many'}"]
            if ordinary(w, lower):
                f.append(f"ordinary{pos}")
            hit = self._written[(w, pos)] = tuple(f)
        return hit

    def neighbour(self, name: str, t: str) -> tuple[str, ...]:
        """Features of a token next to the candidate (`name`: p1, p2 before; n1, n2 after)."""
        hit = self._neighbours.get((name, t))
        if hit is None:
            lex = self.lex
            if t[:1].isupper():
                k = t.lower().rstrip(".")
                f = [f"{name}_shape={shape(t)}"]
                f += [f"{name}_{kind}" for kind, words in (("title", lex.title_vocab), ("org", lex.org), ("place", lex.places)) if k in words]
                if k in CLOSED:
                    f.append(f"{name}={k}")
            elif t.isdigit():
                # A year after a name is a citation or a date ("Miller (2010)", "Smith, 2014");
                # other numbers are scores, ages and counts: classes, not the numbers themselves.
                f = [f"{name}=<year>" if len(t) == 4 and t[:2] in ("18", "19", "20") else f"{name}=<{min(len(t), 3)}d>"]
            else:
                f = [f"{name}={t.lower()}"]
                if name in ("n1", "n2") and t.lower() in ORG_AFTER:
                    f.append(f"{name}_orgcue")
            hit = self._neighbours[(name, t)] = tuple(f)
        return hit

    def token_class(self, t: str) -> str:
        """A coarse class of a neighbouring token, for the conjunction features."""
        hit = self._classes.get(t)
        if hit is None:
            low = t.lower()
            if low in self.lex.speech:
                hit = "speech"
            elif t[:1].isupper():
                hit = "cap"
            elif t.isalpha():
                hit = "s" if low.endswith("s") and not low.endswith("ss") else "ed" if low.endswith("ed") else "lower"
            else:
                hit = t[:1]
            self._classes[t] = hit
        return hit

    def head(self, n: int, s0: str, sl: str, rule: str) -> tuple[str, ...]:
        """The first features of a candidate: its length, shapes and the rule verdict (memoised:
        a few hundred combinations make up a batch)."""
        k = (n, s0, sl, rule)
        hit = self._combos.get(k)
        if hit is None:
            hit = self._combos[k] = ("bias", f"n={n}", f"shape0={s0}", f"shapeL={sl}", f"shape0L={s0}|{sl}", f"rule={rule}")
        return hit

    def conjunctions(self, c1: str, cn: str, initial: str, n: int, nl: str) -> tuple[str, ...]:
        """The neighbours' classes with the position and the last word's letter-model bin (memoised)."""
        k = (c1, cn, initial, n, nl)
        hit = self._combos.get(k)
        if hit is None:
            hit = self._combos[k] = (f"p1n1={c1}|{cn}", f"ctx={initial}|{c1}|{cn}|{n}", f"ini_n1={initial}|{cn}",
                                     f"nlL_n={nl}|{n}", f"nlL_ini={nl}|{initial}|{cn}", f"nlL_p1={nl}|{c1}")
        return hit

    def identity(self, words: Sequence[str], lower: Mapping[str, int]) -> tuple[str, ...]:
        """The features of a candidate's words alone, whatever surrounds them: the lists
        its first and last words are in, how the batch writes them, the middle words, the
        phrase as a place (memoised per batch: most names recur, and this is half of `local`)."""
        if lower is not self._lower_id:
            self._lower_id, self._identity = lower, {}
        k = tuple(words)
        hit = self._identity.get(k)
        if hit is None:
            lex, lists, namelike = self.lex, self.lists, self.namelike
            n = len(words)
            w0, wl = words[0], words[-1]
            f: list[str] = []
            f += self.word(w0, "0")
            if n > 1:
                f += self.word(wl, "L")
            f += self.written(w0, "0", lower)
            f += self.written(wl, "L", lower)
            if n > 2:
                mid = words[1:-1]
                if all(m in lists.given or m in lists.surnames or len(m) <= 2 for m in mid):
                    f.append("mid_names")
                if any(m in lists.english and m not in lex.particles for m in mid):
                    f.append("mid_eng")
            if n > 1:
                f.append(f"given_surname={int(w0 in lists.given)}{int(wl in lists.surnames)}|{min(n, 3)}")
                # Names of every country (Wikidata's): both words names, whichever list holds them.
                f.append(f"names0L={int(w0 in lists.names)}{int(wl in lists.names)}|{min(n, 3)}")
                f.append(f"nl0L={_bin(min(namelike(w0), namelike(wl)))}")
            phrase = " ".join(words)
            if phrase in lex.places:
                f.append("phrase_place")
            if phrase in lists.places:
                # A town that is also a name ("Cleveland", "Jackson"): how often it is the
                # town depends on which name lists hold it too.
                f.append(f"phrase_bigplace|{min(n, 2)}|{int(w0 in lists.given)}{int(wl in lists.surnames)}")
            # A first word that is both a place and a given name ("Vladimir", "Florence") says
            # one thing alone and another before a surname: its own feature, not a place's.
            place_given = w0 in lex.places and w0 in lists.given
            if place_given:
                f.append(f"place_given0|{min(n, 2)}")
            rest = words[1:] if place_given and n > 1 else words
            for name, vocab in (("any_place", lex.places), ("any_org", lex.org), ("any_common", lex.common)):
                if any(w in vocab for w in (rest if name == "any_place" else words)):
                    f.append(name)
            hit = self._identity[k] = tuple(f)
        return hit

    def local(self, c: Candidate, scan: Scan, *, rule: str, recased: bool = False) -> list[str]:
        """Features of candidate `c` on its own (no other candidate's reading); a
        candidate the rule files veto is never asked about.

        `rule`: the rule decision's verdict ("alone", "context" or "no"); `recased`: it
        was written in capitals and is read re-cased (`casing`), so its shape says less.
        """
        lex, lists, namelike = self.lex, self.lists, self.namelike
        text, lower = scan.text, scan.lower
        words = c.words
        n = len(words)
        toks = text[c.start : c.end].split()
        s0, sl = shape(toks[0]), shape(toks[-1])
        w0, wl = words[0], words[-1]
        f = list(self.head(min(n, 4), s0, sl, rule))
        f += self.identity(words, lower)
        cues = tuple(c.cues)
        hit = self._cues.get(cues)
        if hit is None:
            hit = self._cues[cues] = tuple(f"cue={cue}" for cue in dict.fromkeys(cues))
        f += hit
        for flag, name in ((c.title, "has_title"), (c.capital_title, "capital_title"), (c.after_the, "after_the"),
                           (c.place_like, "place_like")):
            if flag:
                f.append(name)
        n2 = 1 if n == 1 else 2
        if recased:
            f.append(_RECASED[n2])
        if scan.headline(c.start):
            f.append("headline")
        initial = "I" if c.sentence_initial else "M"
        f.append(_INITIAL[initial, n2])
        possessive = text.startswith(("'s", "’s"), c.end)
        before = _TOK.findall(text, max(0, c.start - 40), c.start)
        after_at = c.end + 2 if possessive else c.end  # "Moody's held": what follows the 's
        after = _TOK.findall(text, after_at, after_at + 40)
        p1 = before[-1] if before else "<s>"
        n1 = after[0] if after else "</s>"
        f += self.neighbour("p1", p1)
        f += self.neighbour("p2", before[-2] if len(before) > 1 else "<s>")
        f += self.neighbour("n1", n1)
        f += self.neighbour("n2", after[1] if len(after) > 1 else "</s>")
        f += self.pairs(p1.lower() if before else "", words, n)
        c1 = self.token_class(p1) if before else "start"
        cn = self.token_class(n1) if after else "end"
        nl = _bin(namelike(wl))
        f += self.conjunctions(c1, cn, initial, min(n, 3), nl)
        if possessive:
            f.append("possessive")
            f.append(f"poss_n1={cn}")
        f += self.shape_of_text(scan, c.start, n2)
        f += self.place_company(before, after, p1.lower() if before else "", n2, possessive, n1)
        if n == 1 and "said" in cues and _quoted_speaker(before, self.lex.speech):
            f.append("quote_said")
        return f

    def place_company(self, before: Sequence[str], after: Sequence[str], p1: str, n2: int, possessive: bool, n1: str) -> list[str]:
        """Evidence that the candidate is a place or a firm, from the words around it: a
        member of a list or a coordination whose neighbour is a word of the place lists
        ("Tulsa, Jenks and Owasso", "born in Leeds, Cumbria"); a preposition of place
        before a name of several words ("Near Al Qaryatayn, two strikes"); a firm's cue
        after the possessive ("Hartwell's shares")."""
        f = []
        # The serial comma before the last member ("Tulsa, Jenks, and Owasso") is no
        # separator of its own: the neighbour is one word further.
        sep = before[-1].lower() if before else ""
        b = 3 if len(before) > 2 and sep in _CONJ and before[-2] == "," else 2
        a = 2 if len(after) > 2 and after[0] == "," and after[1].lower() in _CONJ else 1
        # After a place and a comma, only a list goes on after the candidate: "In Rome, Jerome
        # studied" is no list; "Leeds and X stayed shut" is one.
        if (len(before) >= b and sep in _LIST_SEP and (sep in _CONJ or not after or after[0] in _LIST_END)
                and self._place_at(before, len(before) - b, -1)):
            f.append(f"coord_place=b{_LIST_SEP[sep]}")
        if len(after) > a and after[a - 1].lower() in _LIST_SEP and self._place_at(after, a, 1):
            f.append(f"coord_place=a{_LIST_SEP[after[a - 1].lower()]}")
        if n2 == 2 and p1 in LOCATIVE:
            f.append(f"loc_several={p1}")
        if possessive and n1.lower() in ORG_AFTER:
            f.append("poss_orgcue")
        if before and before[-1] in _SAINT:
            # "St. Oswald's", "the church of St. Brendan": a saint's name is a church, a
            # school or a town more often than the saint, above all with a possessive.
            f.append(f"saint|{n2}|{int(possessive)}")
        return f

    def _place_at(self, toks: Sequence[str], i: int, step: int) -> bool:
        """Whether the capitalized tokens from `toks[i]` (going by `step`) are, all of them,
        a phrase of the place lists (1 to 3 words): the whole run, so that a name ending in
        a place's word ("George W. Bush and ...") or a club beginning with one ("Leeds
        United") is no place."""
        lex, lists = self.lex, self.lists
        words: list[str] = []
        while 0 <= i < len(toks) and toks[i][:1].isupper():
            if len(words) == 3:
                return False
            words.append(toks[i].lower().rstrip("."))
            i += step
        phrase = " ".join(words if step > 0 else reversed(words))
        return bool(words) and (phrase in lex.places or phrase in lists.places)

    def pairs(self, p1: str, words: Sequence[str], n: int) -> list[str]:
        """Conjunctions a linear model cannot form from their parts: a preposition of
        place before a word of the place lists; a last word that is a plural English noun
        ("Brothers", "Nuggets": firms, families and teams more than persons)."""
        lex, lists = self.lex, self.lists
        f = []
        if p1 in LOCATIVE:
            phrase = " ".join(words)
            kind = "place" if phrase in lex.places else "bigplace" if phrase in lists.places else ""
            if kind:
                f.append(f"loc_place={p1}|{kind}|{min(n, 2)}")
        if n > 1:
            wl = words[-1]
            plural = self._plurals.get(wl)
            if plural is None:
                plural = self._plurals[wl] = (f"plural_engL|{int(wl in lists.surnames)}",) if english_plural(wl, lists.english) else ()
            f += plural
        return f

    def shape_of_text(self, scan: Scan, pos: int, n: int) -> tuple[str, ...]:
        """A result or a time in the candidate's line (a results table, a match report);
        a line longer than `_TABLE_LINE` either side of the candidate is prose."""
        text = scan.text
        lo = max(0, pos - _TABLE_LINE)
        ls = text.rfind("\n", lo, pos) + 1
        le = text.find("\n", pos, pos + _TABLE_LINE)
        if (ls == 0 and lo > 0) or (le < 0 and pos + _TABLE_LINE < len(text)):
            return ()
        if self._scores[0] is not text:
            # Where the article's results are, found once: a result never spans a line
            # ("\n" is no word character), so the line holds one when a match starts in it.
            self._scores = (text, [m.start() for m in _SCORE.finditer(text)])
        starts = self._scores[1]
        i = bisect_left(starts, ls)
        return _SCORE_LINE[n] if i < len(starts) and starts[i] < (le if le >= 0 else len(text)) else ()


_CLOSE_QUOTE = frozenset({'"', "”", "’", "'", "»"})


def _quoted_speaker(before: Sequence[str], speech: frozenset) -> bool:
    """Whether a lone word with a speech cue is the speaker of a quotation: right after its
    closing mark ('..., ” Tormek said') or after the verb that follows it ('...,” said
    Tormek').  A firm is quoted too ("Acme said in a statement"), but far less often than a
    person, and only here does a lone word's speech cue come with a quotation."""
    if not before:
        return False
    if before[-1] in _CLOSE_QUOTE:
        return True
    return len(before) > 1 and before[-2] in _CLOSE_QUOTE and before[-1].lower() in speech


def context_features(
    cands: Sequence[Candidate], text: str, p1: Sequence[float | None], article: int,
    batch_surnames: Mapping[str, float], batch_full: Mapping[str, Sequence[tuple[float, int]]],
) -> list[list[str]]:
    """Stage-2 features of one article's candidates, from the stage-1 probabilities `p1`
    of the article's candidates (None: vetoed) and of the batch's (`batch_support`;
    `article`: this article's number there, so the same name in *other* articles counts).

    Only evidence that is there: no feature says "nothing else supports it" (a short
    article or a tweet has no support at all, and must not be penalised for it); and a
    candidate never supports itself."""
    sur: dict[str, list[tuple[float, int]]] = defaultdict(list)  # surname of a full name -> its best two (p, index)
    given: dict[str, list[tuple[float, int]]] = defaultdict(list)
    same: dict[str, list[tuple[float, int]]] = defaultdict(list)
    keys = [" ".join(c.words) for c in cands]
    live = []
    for i, (c, p) in enumerate(zip(cands, p1)):
        if p is None:
            continue
        live.append(i)
        if len(c.words) > 1:
            _keep_best(sur[c.words[-1]], p, i)
            _keep_best(given[c.words[0]], p, i)
        _keep_best(same[keys[i]], p, i)
    coord = _coordinated(cands, text, p1, live)
    firm = firm_evidence(cands, text, keys)
    # How the other occurrences of the same string are written (only strings that recur).
    counts = Counter(keys)
    seen: dict[str, Counter] = {}
    for c, k in zip(cands, keys):
        if counts[k] > 1:
            seen.setdefault(k, Counter()).update(_flags(c))
    out: list[list[str]] = []
    for i, c in enumerate(cands):
        if p1[i] is None:  # vetoed: never scored
            out.append([])
            continue
        key = keys[i]
        f = [f"same_art={b}" for b in _other(same.get(key), i)]
        elsewhere = seen.get(key)
        if elsewhere:
            # In proportion: one "the Galois memorial" among twenty "Galois" must not
            # speak for all of them as much as "the Jordan" written every time.
            own, others = _flags(c), counts[key] - 1
            for x, k in elsewhere.items():
                m = k - (x in own)
                if m:
                    f.append(f"same_{x}={'all' if m == others else 'most' if 2 * m > others else 'some'}")
        if i in coord:
            f.append(f"coord={_bin(coord[i])}")
        if key in firm:
            f += [f"firm_art={kind}" for kind, js in firm[key].items() if js - {i}]
        f += [f"full_batch={b}" for b in _other(batch_full.get(key), article)]
        if len(c.words) == 1:
            w = c.words[0]
            f += [f"sur_art={b}" for b in _other(sur.get(w), i)]
            f += [f"giv_art={b}" for b in _other(given.get(w), i)]
            if w in batch_surnames:
                f.append(f"sur_batch={_bin(batch_surnames[w])}")
        else:
            f += [f"lastsur_art={b}" for b in _other(sur.get(c.words[-1]), i)]
        out.append(f)
    return out


def firm_evidence(cands: Sequence[Candidate], text: str, keys: Sequence[str]) -> dict[str, dict[str, set[int]]]:
    """Strings the article writes as a firm's name, and where: a firm's cue after them
    ("Hartwell's shares", "Hartwell stock": `cue`) or a corporate word ending them
    ("Hartwell Inc.": the words before it, `suffix`).  -> string -> kind -> candidate numbers."""
    out: dict[str, dict[str, set[int]]] = {}
    for j, c in enumerate(cands):
        m = _NEXT_WORD.match(text, c.end)
        if m is not None and m.group(1) in ORG_AFTER:
            out.setdefault(keys[j], {}).setdefault("cue", set()).add(j)
        if len(c.words) > 1 and c.words[-1].rstrip(".") in CORPORATE:
            out.setdefault(" ".join(c.words[:-1]), {}).setdefault("suffix", set()).add(j)
    return out


def _flags(c: Candidate) -> tuple[str, ...]:
    """How one occurrence is written, for the other occurrences of the same string."""
    return tuple(x for x, on in (("the", c.after_the), ("loc", c.place_like), ("title", bool(c.title)),
                                 ("said", "said" in c.cues), ("age", "age" in c.cues)) if on)


def _keep_best(best: list[tuple[float, int]], p: float, i: int) -> None:
    """Keep the two best (probability, index) pairs, best first: enough to leave any one out."""
    if len(best) < 2:
        best.append((p, i))
        if len(best) == 2 and best[1][0] > best[0][0]:
            best.reverse()
    elif p > best[0][0]:
        best[1] = best[0]
        best[0] = (p, i)
    elif p > best[1][0]:
        best[1] = (p, i)


def _other(best: list[tuple[float, int]] | None, i: int) -> tuple[str, ...]:
    """The binned best probability among the pairs that are not candidate `i` (none: ())."""
    for q, j in best or ():
        if j != i:
            return (_bin(q),)  # best first
    return ()


#: What may stand between two coordinated names: "A and B", "A, B", "A & B", "A v. B".
_COORD = frozenset({"", "and", "or", "&", "versus", "v.", "vs.", "vs", "nor"})


def _coordinated(cands: Sequence[Candidate], text: str, p1: Sequence[float | None], live: list[int]) -> dict[int, float]:
    """Best stage-1 probability of a name coordinated with each candidate."""
    spans = sorted((cands[i].start, cands[i].end, i) for i in live)
    best: dict[int, float] = {}
    for k in range(len(spans) - 1):
        (_, a_end, a), (b_start, _, b) = spans[k], spans[k + 1]
        gap = text[a_end:b_start]
        if len(gap) <= 7 and "\n" not in gap and gap.strip(" ,") in _COORD:
            pa, pb = p1[a], p1[b]
            best[a] = max(best.get(a, 0.0), pb)
            best[b] = max(best.get(b, 0.0), pa)
    return best


def batch_support(per_article: Sequence[tuple[Sequence[Candidate], Sequence[float | None]]]) -> tuple[dict[str, float], dict[str, list[tuple[float, int]]]]:
    """Across the batch: the best stage-1 probability of a full name per surname, and,
    per exact name, the two best (probability, article number) of its occurrences (so
    that an article can be left out of its own support)."""
    surnames: dict[str, float] = {}
    full: dict[str, list[tuple[float, int]]] = {}
    for k, (cands, p1) in enumerate(per_article):
        for c, p in zip(cands, p1):
            if p is None:
                continue
            _keep_best(full.setdefault(" ".join(c.words), []), p, k)
            if len(c.words) > 1:
                surnames[c.words[-1]] = max(surnames.get(c.words[-1], 0.0), p)
    return surnames, full
