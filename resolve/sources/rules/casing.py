"""Lines written in capitals, read as if written in normal case.

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
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Set

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


def _written_forms(lines: list[str], caps: list[bool]) -> dict[str, str]:
    """Most frequent spelling of each word (by its lower-case form) on the normal lines,
    a sentence's first word excepted (capitalized whatever it is)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for line, is_caps in zip(lines, caps):
        if is_caps:
            continue
        for m in _WORD.finditer(line):
            w = m.group()
            before = line[: m.start()].rstrip(" \t\"“'‘(")
            if not before or before[-1] in ".!?:;":
                continue  # first word of a sentence: its capital says nothing
            counts[one_to_one(w, str.lower)][w] += 1
    # Most frequent form; ties to the lower-case one (an ordinary word is the safer reading).
    return {low: max(c.items(), key=lambda kv: (kv[1], kv[0] == low, kv[0]))[0] for low, c in counts.items()}


def _recase(word: str, forms: dict[str, str], ordinary: Set[str], known: Set[str]) -> str:
    low = one_to_one(word, str.lower)
    seen = forms.get(low)
    if seen is not None and len(seen) == len(word):
        return seen
    key = low.rstrip(".")
    if "." in word.rstrip("."):
        return word  # "U.S.": an abbreviation
    if key in ordinary or len(key) <= 2:
        return low
    if len(key) <= 4 and key not in known:
        return word  # "NATO", "FBI": an acronym
    return one_to_one(word[0], str.upper) + low[1:]


def cased_view(text: str, ordinary: Set[str], known: Set[str]) -> str:
    """`text` with its capitals lines re-cased (same length); `text` itself when it has none.

    `ordinary`: words written in lower case when the article does not say otherwise;
    `known`: every word of the word lists (a short word in none of them is an acronym).
    """
    if _TWO_CAPS_WORDS.search(text) is None:
        return text
    lines = text.split("\n")
    caps = [is_caps_line(line) for line in lines]
    if not any(caps):
        return text
    forms = _written_forms(lines, caps)
    out = []
    for line, is_caps in zip(lines, caps):
        if is_caps:
            line = _WORD.sub(lambda m: _recase(m.group(), forms, ordinary, known), line)
        out.append(line)
    view = "\n".join(out)
    assert len(view) == len(text)
    return view
