"""Name cutting: one capitalized run -> the name(s) it holds, as small named passes.

A run ("Russian Deputy Foreign Minister Sergei Ryabkov", "Obama To Nominate Regina
Benjamin", "Brian Nichols Saturday") goes through `PASSES` in order.  Each pass looks
at a `Run` (the words still in the name, their lookup keys, and where the run
stands) and either narrows it and returns True, or returns False: no name here.
Two passes split a run in two and cut the other part on its own (`cut_run`
recursively, at most `MAX_DEPTH` deep): "the shooting in Athens of Alexandros
Grigoropoulos", "American Hasim Rahman".

`cut_run` returns the surviving runs in the order they were completed (a part split
off comes before the run it came from); `candidates` turns them into candidates.
(A split pass only records the part it splits off: a run refers to nothing that
refers back to it, so runs are freed as soon as they are used, without the cycle
collector.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ...titles import segment
from .lexicon import POSSESSIVE_S, SUFFIXES, TITLE_CONNECTORS, Lexicon, Token, english_plural, is_initial, key
from .scan import Scan
from .wordlists import shipped, shipped_places

#: Deepest recursion of runs split off other runs.
MAX_DEPTH = 3
_OPEN_QUOTES = "\"“'‘("
_CLOSE_QUOTES = "\"”'’)"
_POSS_ORG = re.compile(r"['’][sS]?[ \t]+([A-Z][\w.]*)")


@dataclass(slots=True)
class Run:
    """A capitalized run being cut into an in-sequence title and a name."""

    toks: list[Token]  # the words still in the name
    whole: list[Token]  # the run after its leading ordinary words: what follows the name
    initial: bool  # the run starts a sentence, paragraph or quotation
    headline: bool  # the run is on a Title Case headline line
    depth: int = 0  # how many splits this run is away from the run as found
    keys: list[str] = None  # type: ignore[assignment]  # lookup key per word of `toks` (set by key_words)
    title_start: int = -1  # offset of a title written in the run before the name, or -1
    end: int = -1  # end offset of the name (set by end_before_possessive)
    split_off: list[tuple[list[Token], bool]] | None = None  # parts to cut on their own: (words, initial)

    @property
    def start(self) -> int:
        return self.toks[0][0]


Pass = Callable[[Scan, Run], bool]


def cut_run(scan: Scan, toks: list[Token], initial: bool, depth: int = 0, done: list[Run] | None = None) -> list[Run]:
    """Cut one sentence-internal run; the runs that survive, in order, appended to `done`."""
    done = [] if done is None else done
    if len(toks) > 1:
        run, passes = Run(toks, toks, initial, scan.headline(toks[0][0]), depth), PASSES
    else:
        run, passes = Run(toks, toks, initial, False, depth), ONE_WORD_PASSES
    survived = True
    for cut in passes:
        if not cut(scan, run):
            survived = False
            break
    for part, part_initial in run.split_off or ():
        cut_run(scan, part, part_initial, depth + 1, done)
    if survived:
        done.append(run)
    return done


def cut_span(scan: Scan, toks: list[Token], initial: bool) -> Run | None:
    """Cut a name span another extractor found (a model's PERSON entity) to our span
    conventions with `SPAN_PASSES`; None when no name is left."""
    run = Run(toks, toks, initial, False)
    for cut in SPAN_PASSES:
        if not cut(scan, run):
            return None
    return run


def _split_off(run: Run, toks: list[Token], initial: bool) -> None:
    """Cut `toks`, taken out of `run`, as a run of its own (after `run`'s passes)."""
    if run.split_off is None:
        run.split_off = []
    run.split_off.append((toks, initial))


# --- the passes, in order -------------------------------------------------------------


def drop_leading_words(scan: Scan, run: Run) -> bool:
    """Leading ordinary words are not part of a name: "The", "After", "But"; in a Title
    Case headline also words the batch writes in lower case ("Female Employee Yvonne Hiller")."""
    lex, toks, i = scan.lex, run.toks, 0
    while i < len(toks):
        k = key(toks[i][2])
        more = len(toks) - i > 1
        if k in lex.common and not (k in lex.given and more and not run.initial):
            i += 1
            run.initial = True
            continue
        if run.headline and more and scan.lower.get(k, 0) >= 2 and k not in lex.given and k not in lex.heads and k not in lex.affil:
            i += 1
            continue
        break
    if i:
        run.toks = run.whole = toks[i:]
    return bool(run.toks)


def key_words(scan: Scan, run: Run) -> bool:
    """Lookup keys; the words of a quoted nickname are kept in the span but are no evidence."""
    keys = []
    in_nick = False
    for _, _, w in run.toks:
        if in_nick or w[0] in _OPEN_QUOTES:
            in_nick = w[-1] not in _CLOSE_QUOTES or (len(w) == 1)
            keys.append("")
        else:
            keys.append(key(w))
    run.keys = keys
    return True


def end_at_parenthesized_place(scan: Scan, run: Run) -> bool:
    """A country or nationality in parentheses ends the name: results tables write
    "First Last (Country) Team 4:32:10".  A quoted or bracketed nickname stays in the
    span ("Thomas (Tommy) Reed"); what follows the parenthesis is cut on its own."""
    toks = run.toks
    for j in range(1, len(toks)):
        if not toks[j][2].startswith("("):
            continue
        k = j
        while k < len(toks) - 1 and not toks[k][2].endswith(")"):
            k += 1
        inside = " ".join(w for _, _, w in toks[j : k + 1]).strip("()")
        if not _place_or_code(inside, scan.lex):
            continue
        if k + 1 < len(toks) and run.depth < MAX_DEPTH:
            _split_off(run, toks[k + 1 :], False)
        run.toks, run.keys = toks[:j], run.keys[:j]
        break
    return True


def _place_or_code(inside: str, lex) -> bool:
    """A place, a nationality or a capitals code of two or three letters ("GER", "U.S.")."""
    k = key(inside)
    bare = inside.replace(".", "")
    return k in lex.places or k in lex.affil or k in shipped_places() or (2 <= len(bare) <= 3 and bare.isalpha() and bare.isupper())


def reject_place(scan: Scan, run: Run) -> bool:
    """A run of several words that is a place as a whole is no name, even when it starts
    with a title-like word ("St. Louis", "Saint Petersburg"): the rule files' places win."""
    return len(run.keys) < 2 or " ".join(run.keys) not in scan.lex.places


def reject_ampersand_organization(scan: Scan, run: Run) -> bool:
    """One-word names joined by "&" are a firm or a brand ("Johnson & Johnson", "Marks &
    Spencer"); full names joined by "&" are people ("Jane Doe & John Roe": headlines and
    posts write "&" for "and")."""
    if len(run.toks) > 1:
        return True
    text = scan.text
    before = text[max(0, run.start - 3) : run.start].rstrip(" \t")
    after = text[run.toks[-1][1] : run.toks[-1][1] + 3].lstrip(" \t")
    return not (before.endswith("&") or after.startswith("&"))


def cut_title_prefix(scan: Scan, run: Run) -> bool:
    """A title in the run ends at the last role or honorific whose words before it
    segment into a title: "Russian Deputy Foreign Minister | Sergei Ryabkov"."""
    toks, keys, lex = run.toks, run.keys, scan.lex
    for i in range(len(toks) - 2, -1, -1):  # a title is never the run's last word
        if keys[i] not in lex.heads and keys[i] + "." not in lex.heads:
            continue
        rest = keys[i + 1]
        if rest in TITLE_CONNECTORS or rest in SUFFIXES:
            continue
        # The words before a title are a title, a body ("Fulton County District
        # Attorney") or an affiliation, never ordinary words or a full name
        # ("Ellen DeGeneres To Host Oscars").
        if any(k in lex.common and k not in TITLE_CONNECTORS for k in keys[:i]):
            continue
        if any(
            keys[j] in lex.given and keys[j] not in lex.title_vocab and keys[j + 1] not in lex.title_vocab
            and keys[j] not in lex.places and " ".join(keys[j : j + 2]) not in lex.places
            and not _team_word(keys[j + 1], lex)
            for j in range(i)
        ):
            continue  # a full name inside the would-be title: "Dr. Sanjay Gupta Surgeon General"
        segs = segment(" ".join(w for _, _, w in toks[: i + 1]), scan.rules)
        if segs and segs[-1][0] in ("role", "honorific"):
            run.title_start = toks[0][0]
            run.toks, run.keys = toks[i + 1 :], keys[i + 1 :]
            break
    return True


def _team_word(k: str, lex: Lexicon) -> bool:
    """The plural of an English word that is no surname: after a given name it makes a
    team or a body, not a full name ("Dallas Cowboys", "Carolina Panthers"; not "Tom Hanks")."""
    _, surnames, english = shipped()
    return english_plural(k, english) and k not in surnames and k not in lex.surnames


def split_at_connector(scan: Scan, run: Run) -> bool:
    """A name stops at a title connector ("Barack Obama of Illinois"); what follows may
    be a name of its own ("the shooting in Athens of Alexandros Grigoropoulos")."""
    keys = run.keys
    for j in range(1, len(keys)):
        if keys[j] in TITLE_CONNECTORS:
            if j + 1 < len(keys) and run.depth < MAX_DEPTH:
                _split_off(run, run.toks[j + 1 :], False)
            run.toks, run.keys = run.toks[:j], keys[:j]
            break
    return True


def cut_trailing_title(scan: Scan, run: Run) -> bool:
    """A title after the name is not part of it ("Dr. Sanjay Gupta Surgeon General")."""
    keys, lex = run.keys, scan.lex
    if len(keys) > 2 and keys[-1] in lex.heads:
        for j in range(1, len(keys) - 1):
            if all(k in lex.title_vocab for k in keys[j:]):
                run.toks, run.keys = run.toks[:j], keys[:j]
                break
    return True


def end_at_possessive(scan: Scan, run: Run) -> bool:
    """A possessive ends a name ("Tom Donilon's Visit" in a headline)."""
    toks = run.toks
    for j in range(len(toks) - 1):
        if POSSESSIVE_S.search(toks[j][2]):
            run.toks, run.keys = toks[: j + 1], run.keys[: j + 1]
            break
    return True


def split_at_given_name(scan: Scan, run: Run) -> bool:
    """A name may start mid-run at a given name after words that are not part of it:
    "American Hasim Rahman", "Chargers Jamal Williams", "WE COVERED ANGELA MERKEL".
    The words before are cut on their own ("Obama To Nominate Regina Benjamin").
    A first word that is a given name itself starts the name: a rule list's, or one of
    the shipped lists' that is neither an English word nor a place ("Kjetil Andre
    Aamodt": two given names, as many Nordic, Spanish and Slavic names are written)."""
    keys, lex = run.keys, scan.lex
    if run.depth >= MAX_DEPTH or len(keys) < 3:
        return True
    first = keys[0]
    if first in lex.given or is_initial(first) or first in lex.particles or _foreign_given(first, lex):
        return True
    lower = scan.lower
    for j in range(1, len(keys) - 1):
        k = keys[j]
        if k in lex.given and k not in lex.common and lower.get(k, 0) < 2 and keys[j + 1] not in lex.common \
                and " ".join(keys[: j + 1]) not in lex.places and " ".join(keys[j - 1 : j + 1]) not in lex.places:
            _split_off(run, run.toks[:j], run.initial)
            run.toks, run.keys = run.toks[j:], keys[j:]
            break
    return True


def _foreign_given(k: str, lex) -> bool:
    """A given name of the shipped lists that no English word, place or rule word shadows."""
    given, _, english = shipped()
    return k in given and k not in english and k not in shipped_places() and k not in lex.places \
        and k not in lex.affil and k not in lex.org and k not in lex.title_vocab


def end_at_stop_phrase(scan: Scan, run: Run) -> bool:
    """A name ends before a stop phrase or a weekday ("Brian Nichols Saturday", "Richard
    Nixon White House"); a stop word that is also a surname may end it ("Theresa May")."""
    keys, lex = run.keys, scan.lex
    n = len(keys)
    for j in range(1, n):
        k = keys[j]
        if (
            (k in lex.stop and not (j == n - 1 and k in lex.surnames))
            or (j + 1 < n and " ".join(keys[j : j + 2]) in lex.stop)
            or ("." in k and k in lex.affil)
        ):
            run.toks, run.keys = run.toks[:j], keys[:j]
            break
    return True


def end_headline_name(scan: Scan, run: Run) -> bool:
    """In a Title Case headline a name ends at the first ordinary word."""
    keys, lex, lower = run.keys, scan.lex, scan.lower
    if run.headline and len(keys) > 1:
        n = len(keys)
        for j in range(1, n):
            k = keys[j]
            last_surname = j == n - 1 and k in lex.surnames
            if k in lex.common or (k in lex.stop and not last_surname) or lower.get(k, 0) >= 2:
                run.toks, run.keys = run.toks[:j], keys[:j]
                break
    return True


def reject_organization(scan: Scan, run: Run) -> bool:
    """An organization word right after the name makes it an organization ("Betty Ford
    Center"), even when a headline cut the run before "Center"."""
    whole = run.whole
    after = whole.index(run.toks[-1]) + 1
    return after >= len(whole) or key(whole[after][2]) not in scan.lex.org


def cut_hyphen_suffix(scan: Scan, run: Run) -> bool:
    """A lower-case compound after a hyphen is not part of the name ("Obama-era",
    "Kerry-led") unless it belongs to a longer name ("Ban Ki-moon", "Moon Jae-in")."""
    s, _, last = run.toks[-1]
    if "-" not in last:
        return True
    segs = last.split("-")
    cut = len(segs)
    alone = len(run.toks) == 1
    # Two letters after a hyphen are a syllable of the name ("Moon Jae-in"), not a word.
    while cut > 1 and segs[cut - 1][:1].islower() and (alone or len(segs[cut - 1]) > 2 and segs[cut - 1].lower() in scan.lex.common):
        cut -= 1
    if cut < len(segs):
        kept = "-".join(segs[:cut])
        run.toks = [*run.toks[:-1], (s, s + len(kept), kept)]
        run.keys = [*run.keys[:-1], key(kept)]
    return True


def end_before_possessive(scan: Scan, run: Run) -> bool:
    """The span ends before a possessive or trailing apostrophe ("Merkel's" -> "Merkel")."""
    _, end, last = run.toks[-1]
    pm = POSSESSIVE_S.search(last)
    if pm:
        end -= len(last) - pm.start()
    text, start = scan.text, run.start
    while end > start and text[end - 1] in "'’":
        end -= 1
    run.end = end
    return True


def reject_possessive_organization(scan: Scan, run: Run) -> bool:
    """A possessive before an organization word: "Sam's Club", "Macy's Department Store"."""
    m = _POSS_ORG.match(scan.text, run.end, run.end + 40)
    return not (m and key(m.group(1)) in scan.lex.org)


PASSES: tuple[Pass, ...] = (
    drop_leading_words,
    key_words,
    end_at_parenthesized_place,
    reject_place,
    reject_ampersand_organization,
    cut_title_prefix,
    split_at_connector,
    cut_trailing_title,
    end_at_possessive,
    split_at_given_name,
    end_at_stop_phrase,
    end_headline_name,
    reject_organization,
    cut_hyphen_suffix,
    end_before_possessive,
    reject_possessive_organization,
)
#: The passes that can change a run of one word (the others only narrow longer runs);
#: one-word runs are the most frequent, so they skip the rest.
ONE_WORD_PASSES: tuple[Pass, ...] = (
    drop_leading_words,
    key_words,
    reject_ampersand_organization,
    cut_hyphen_suffix,
    end_before_possessive,
    reject_possessive_organization,
)
#: The passes that make a span found by another extractor follow our conventions: no
#: title, honorific or possessive in the span; a leading title goes to `title_start`.
SPAN_PASSES: tuple[Pass, ...] = (
    key_words,
    cut_title_prefix,
    cut_trailing_title,
    end_at_possessive,
    end_before_possessive,
)
