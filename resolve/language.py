"""Does an article look English?  A cheap check, for a warning only.

resolve reads English news; the names in it may be written in any Latin, Cyrillic or
Greek script.  The extractor's cues (titles, "said", capitalisation, the word lists)
are English, so in an article in another language most names are missed or wrong.
The check: among the words of the first `SAMPLE_CHARS` characters (150-200 words),
the share of very common English function words; about 35 µs an article.  English news text has about a fifth to a third of them; French,
German, Spanish or Russian text almost none (words common in other languages too,
such as "a", "in", "on", "is", "was", "die", "to", are left out of the list).
The run checks only for an extractor that assumes English (`Extractor.assumes_english`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .io.problem import Problem

if TYPE_CHECKING:
    import pandas as pd

#: Characters looked at per article (its beginning); articles with fewer words are not judged.
SAMPLE_CHARS = 1000
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

#: Stripped from the ends of a token before it counts as a word.
_PUNCTUATION = ".,;:!?\"'()[]’‘“”"


def english_share(text: str) -> tuple[float, int]:
    """(share of ENGLISH_WORDS, number of words) among the words of the first SAMPLE_CHARS
    characters of `text`; a word is a whitespace-separated token of letters only, once
    punctuation is stripped from its ends (split() is several times faster than a regex)."""
    tokens = (t.strip(_PUNCTUATION) for t in text[:SAMPLE_CHARS].lower().split())
    words = [w for w in tokens if w.isalpha()]
    if not words:
        return 0.0, 0
    return sum(w in ENGLISH_WORDS for w in words) / len(words), len(words)


def _non_english(share: float, n: int) -> bool:
    return n >= MIN_WORDS and share < MIN_SHARE


def looks_non_english(text: str) -> bool:
    """True for a text of at least MIN_WORDS words with less than MIN_SHARE English function words."""
    return _non_english(*english_share(text))


def language_problem(source: str, text: str) -> Problem | None:
    """The warning for an article (at its source) that looks non-English, else None."""
    share, n = english_share(text)
    if not _non_english(share, n):
        return None
    return Problem(
        source,
        f"does not look like English ({share:.0%} of its first {n} words are common English words); "
        "resolve reads English news, so names in it may be missed or wrong",
    )


def language_problems(articles: pd.DataFrame) -> Iterator[Problem]:
    """One warning per article (at its source) that looks non-English."""
    for source, text in zip(articles["source"], articles["text"]):
        problem = language_problem(source, text)
        if problem is not None:
            yield problem
