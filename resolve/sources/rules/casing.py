"""Lines written in capitals or in Title Case, read as if written in normal case.

A headline or a whole article in ALL CAPS ("RUSSIAN PRESIDENT VLADIMIR PUTIN MET U.S.
PRESIDENT JOE BIDEN") hides the one signal the candidate generator relies on.
`cased_view(text, words)` returns the text with every such line re-cased word by
word, *the same length* as the original (a character changes case only where that
keeps it one character), so every offset into the view is an offset into the text:
candidates are found and judged on the view, and the mention keeps the text as written.

A word of a capitals line takes, in this order:
1. the case the article itself writes it in elsewhere, on its normal lines (the most
   frequent written form: "Putin", "president", "U.S.");
2. lower case when it is an ordinary English word and not a name (`words`: the shipped
   English word list minus given names and surnames), or a short function word;
3. capitals kept when it has periods inside ("U.S.") or is short and in no word list
   at all (an acronym: "NATO", "FBI");
4. otherwise Title case (an unknown word in capitals is most often a name or a place).

A Title Case line (a headline: "Lindsay Lohan Checks Into Rehab Again") keeps its
first word; any other capitalized word that the article writes in lower case, or that
is an ordinary word and the article never writes capitalized inside a sentence, is
read in lower case ("Lindsay Lohan checks into rehab again").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Set
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")
#: A line is a capitals line when at least this share of its cased letters are capitals
#: and it has at least two words of two letters or more in capitals.
_CAPS_SHARE = 0.8


def one_to_one(s: str, f) -> str:
    """`f` (str.lower / str.upper) applied per character, only where it keeps one character."""
    out = []
    for ch in s:
        t = f(ch)
        out.append(t if len(t) == 1 else ch)
    return "".join(out)


#: Two words of two capitals or more in a row ("VLADIMIR PUTIN", "U.S. PRESIDENT"):
#: a line without it is no capitals line, whatever else it holds (the cheap test first).
_TWO_CAPS_WORDS = re.compile(r"[^\W\d_a-zß-ÿ]{2,}[^\w\n]+(?:[^\W\d_a-zß-ÿ]\.)*[^\W\d_a-zß-ÿ]{2,}")


def is_caps_line(line: str) -> bool:
    if _TWO_CAPS_WORDS.search(line) is None:
        return False
    upper = sum(1 for ch in line if ch.isupper())
    lower = sum(1 for ch in line if ch.islower())
    if upper + lower == 0 or upper < _CAPS_SHARE * (upper + lower):
        return False
    return sum(1 for w in _WORD.findall(line) if len(w) >= 2 and w.isupper()) >= 2


#: Word-initial letters of a line (for the Title Case test).
_INITIALS = re.compile(r"(?<![\w.'’-])[^\W\d_]")


#: A line ending like a sentence: a full stop after a lower-case word ("... Ryabkov spoke.").
_SENTENCE_END = re.compile(r"[^\W\d_]*[a-zß-ÿ][^\W\d_]+\.[\"”’')]*\s*$")


def is_title_case_line(line: str) -> bool:
    """A headline in Title Case: 3 to 25 words, at least 70% of them capitalized, and not
    ended like a sentence (a headline has no full stop; a one-line sentence of names and
    titles has)."""
    n = lower = 0
    for m in _INITIALS.finditer(line):
        c = m.group()
        if not c.isalpha():  # not "½"
            continue
        n += 1
        lower += not c.isupper()
        # Stop as soon as the answer is no: more than 25 words, or 8 not capitalized
        # (8 > 0.3 x 25, so at most 25 words can no longer be 70% capitalized). A
        # paragraph of prose is decided in its first words, not read to its end.
        if n > 25 or lower >= 8:
            return False
    if not (3 <= n and n - lower >= 0.7 * n):
        return False
    return _SENTENCE_END.search(line) is None


def _lower(w: str) -> str:
    return w.lower() if w.isascii() else one_to_one(w, str.lower)


#: What may stand between a sentence's end and its first word.
_OPENERS = frozenset(" \t\"“'‘(")


def _written_forms(lines: list[str], recast: list[bool]) -> dict[str, str]:
    """Most frequent spelling, on the lines left as written, of each word (by its
    lower-case form) of the `recast` lines; a sentence's first word is not counted
    (capitalized whatever it is)."""
    wanted = {_lower(m.group()).rstrip(".") for line, r in zip(lines, recast) if r for m in _WORD.finditer(line)}
    counts: dict[str, Counter] = defaultdict(Counter)
    for line, r in zip(lines, recast):
        if r:
            continue
        for m in _WORD.finditer(line):
            w = m.group().rstrip(".")
            key = _lower(w)
            if key not in wanted:
                continue
            i = m.start() - 1
            while i >= 0 and line[i] in _OPENERS:
                i -= 1
            if i < 0 or line[i] in ".!?:;":
                continue  # first word of a sentence: its capital says nothing
            counts[key][w] += 1
    # Most frequent form; ties to the lower-case one (an ordinary word is the safer reading).
    return {low: max(c.items(), key=lambda kv: (kv[1], kv[0] == low, kv[0]))[0] for low, c in counts.items()}


def _recase(word: str, forms: dict[str, str], ordinary: Set[str], known: Set[str]) -> str:
    low = _lower(word)
    key = low.rstrip(".")
    seen = forms.get(key)
    if seen is not None:
        return seen + word[len(seen) :] if len(seen) == len(key) else word
    if "." in word.rstrip("."):
        return word  # "U.S.": an abbreviation
    if key in ordinary or len(key) <= 2:
        return low
    if len(key) <= 4 and key not in known:
        return word  # "NATO", "FBI": an acronym
    return one_to_one(word[0], str.upper) + low[1:]


def _lower_in_title(word: str, forms: dict[str, str], ordinary: Set[str]) -> str:
    """A capitalized word of a Title Case line, in lower case when it is an ordinary word."""
    if not word[:1].isupper() or not word[1:].islower():
        return word  # "NATO", "McCain", "a": not a capitalized ordinary word
    low = _lower(word)
    key = low.rstrip(".")
    seen = forms.get(key)
    if seen is not None:
        return seen + word[len(seen) :] if len(seen) == len(key) else word
    return low if key in ordinary else word


@dataclass(frozen=True, slots=True)
class LineCasing:
    """The lines of a text (split at "\n") and how each is written: in capitals
    (`is_caps_line`), else in Title Case (`is_title_case_line`; False for a capitals line,
    which that test was not asked about)."""

    lines: list[str]
    caps: list[bool]
    titled: list[bool]

    def title_case_known(self, max_chars: int) -> dict[int, bool]:
        """Line start offset -> `is_title_case_line` of the line, for the lines shorter than
        `max_chars` whose test was run (not the capitals lines): what `scan.Scan.headline`
        would compute for them again."""
        out: dict[int, bool] = {}
        pos = 0
        for line, c, t in zip(self.lines, self.caps, self.titled):
            if not c and len(line) < max_chars:
                out[pos] = t
            pos += len(line) + 1
        return out


def line_casing(text: str) -> LineCasing:
    """How each line of `text` is written (see `LineCasing`)."""
    lines = text.split("\n")
    caps = [is_caps_line(line) for line in lines] if _TWO_CAPS_WORDS.search(text) else [False] * len(lines)
    titled = [not c and is_title_case_line(line) for line, c in zip(lines, caps)]
    return LineCasing(lines, caps, titled)


def cased_view(text: str, ordinary: Set[str], known: Set[str], casing: LineCasing | None = None) -> str:
    """`text` with its capitals and Title Case lines re-cased (same length); `text` itself when none.

    `ordinary`: words written in lower case when the article does not say otherwise;
    `known`: every word of the word lists (a short word in none of them is an acronym);
    `casing`: `line_casing(text)`, when the caller has it already.
    """
    casing = casing or line_casing(text)
    lines, caps, titled = casing.lines, casing.caps, casing.titled
    if not any(caps) and not any(titled):
        return text
    forms = _written_forms(lines, [c or t for c, t in zip(caps, titled)])
    out = []
    for line, is_caps, is_titled in zip(lines, caps, titled):
        if is_caps:
            line = _WORD.sub(lambda m: _recase(m.group(), forms, ordinary, known), line)
        elif is_titled:
            first = _WORD.search(line)
            head = line[: first.end()] if first else line
            line = head + _WORD.sub(lambda m: _lower_in_title(m.group(), forms, ordinary), line[len(head) :])
        out.append(line)
    view = "\n".join(out)
    assert len(view) == len(text)
    return view


def as_written(phrase: str, view: str, text: str, start: int, end: int) -> str:
    """`phrase`, made of words of `view` near `view[start:end]` (a title attached to a
    name), spelled as `text` writes them: the view differs from the text only in case.

    Each word is looked up nearest to the name within the reach of a title."""
    if view is text or not phrase:
        return phrase
    lo, hi = max(0, start - _TITLE_REACH), min(len(view), end + _TITLE_REACH)
    out = []
    for w in phrase.split(" "):
        hits = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", view[lo:hi])]  # whole words only
        if not hits:
            out.append(w)
            continue
        at = lo + min(hits, key=lambda h: min(abs(lo + h - start), abs(lo + h - end)))
        out.append(text[at : at + len(w)])
    return " ".join(out)


#: How far from its name a title's words can be (attach.title_before looks 160 back).
_TITLE_REACH = 240
