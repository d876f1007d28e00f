"""What every step of the rules extractor sees of one article: `Scan`.

One Scan per article: the text, the rule lookups, the batch's word counts, and the
Title Case headline test (cached per line), so passes take one argument for all of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ...rules import Rules
from .casing import is_title_case_line
from .lexicon import Lexicon

#: Longest line (characters) that can be a headline; longer lines are not looked at,
#: so a huge one-line article costs no scan back to its start per candidate.
HEADLINE_MAX_CHARS = 600


@dataclass(slots=True)
class Scan:
    """One article being scanned."""

    text: str
    lex: Lexicon
    rules: Rules
    #: How often the batch writes each word in lower case ("rose": 3); see decision.CAP.
    lower: Mapping[str, int]
    #: The text as written when `text` is its re-cased view (`casing.cased_view`), else "".
    written: str = ""
    #: Line start -> Title Case?  May be given, from `casing.LineCasing.title_case_known`.
    _headlines: dict[int, bool] = field(default_factory=dict)

    def headline(self, pos: int) -> bool:
        """True when the line holding `pos` is, as written, in Title Case or capitals (a headline)."""
        text = self.written or self.text
        lo = max(0, pos - HEADLINE_MAX_CHARS)
        ls = text.rfind("\n", lo, pos) + 1
        if ls == 0 and lo > 0:
            return False  # no line start within reach: longer than any headline
        hit = self._headlines.get(ls)
        if hit is None:
            hi = ls + HEADLINE_MAX_CHARS
            le = text.find("\n", pos, hi)
            if le < 0 and hi < len(text):
                self._headlines[ls] = False  # no line end within reach either
                return False
            hit = self._headlines[ls] = is_title_case_line(text[ls : le if le >= 0 else len(text)])
        return hit


def sentence_initial(text: str, pos: int) -> bool:
    """True when `pos` starts a sentence, paragraph or quotation."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0\"“‘'([«—–-":
        if text[i] in "\"“‘'(«—–":
            return True
        i -= 1
    return i < 0 or text[i] in ".!?\n\r:;|"
