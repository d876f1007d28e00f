"""Does an article look English?  A cheap check, for a warning only.

resolve reads English news; the names in it may be written in any Latin, Cyrillic or
Greek script.  The extractor's cues (titles, "said", capitalisation, the word lists)
are English, so in an article in another language most names are missed or wrong.
The check: among the first `SAMPLE_WORDS` words, the share of very common English
function words.  English news text has about a fifth to a third of them; French,
German, Spanish or Russian text almost none (words common in other languages too,
such as "a", "in", "on", "is", "was", "die", "to", are left out of the list).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .io.problem import Problem

if TYPE_CHECKING:
    import pandas as pd

#: Words looked at per article (its beginning); shorter articles are not judged.
SAMPLE_WORDS = 200
MIN_WORDS = 30
#: Below this share of ENGLISH_WORDS an article looks non-English.
MIN_SHARE = 0.05

ENGLISH_WORDS = frozenset(
    """the of and to that for with by from he his her she they their them it its this
    these those said says has have had are were been be will would could should which who
    whom what when where there than then not but or after about into over also more
    most other some such only our we you your him my one two new year years at as
    up out all can if any many how told because while before under against between
    during being""".split()
)

_WORD = re.compile(r"[^\W\d_]+")


def english_share(text: str) -> tuple[float, int]:
    """(share of ENGLISH_WORDS, number of words) over the first SAMPLE_WORDS words of `text`."""
    words = []
    for m in _WORD.finditer(text):
        words.append(m.group().lower())
        if len(words) == SAMPLE_WORDS:
            break
    if not words:
        return 0.0, 0
    return sum(w in ENGLISH_WORDS for w in words) / len(words), len(words)


def looks_non_english(text: str) -> bool:
    """True for a text of at least MIN_WORDS words with less than MIN_SHARE English function words."""
    share, n = english_share(text)
    return n >= MIN_WORDS and share < MIN_SHARE


def language_problems(articles: pd.DataFrame) -> Iterator[Problem]:
    """One warning per article (at its source) that looks non-English."""
    for source, text in zip(articles["source"], articles["text"]):
        share, n = english_share(text)
        if n >= MIN_WORDS and share < MIN_SHARE:
            yield Problem(
                source,
                f"does not look like English ({share:.0%} of its first {n} words are common English words); "
                "resolve reads English news, so names in it may be missed or wrong",
            )
