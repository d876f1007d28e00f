"""The rules extractor (`--extractor rules`, the default): rules, gazetteers and cues.

No statistical model: a capitalized sequence is cut into names by rules and each name
is accepted on the evidence around it.  The modules, in the order the work is done:

- `lexicon`: the rule files' vocabulary as frozensets and compiled patterns;
- `candidates`: capitalized sequences -> runs -> candidates with their cues;
- `cutting`: one run -> its name(s), as small named passes;
- `attach`: the title that goes with a name (before, in or after the run);
- `decision`: person or not, and on what evidence;
- `batch`: the two passes over a batch, and the mention rows.

Mentions inside web-page leftovers (resolve.boilerplate) are skipped.
"""

from __future__ import annotations

import pandas as pd

from ..base import Extractor, OnArticles, article_items, mentions_frame
from .batch import extract_rows


class RulesExtractor(Extractor):
    """The default extractor; no options besides the rules."""

    name = "rules"
    uses_batch_evidence = True  # names seen in full elsewhere, words the batch writes in lower case
    assumes_english = True  # titles, "said", the word lists

    def extract(self, articles: pd.DataFrame, on_articles: OnArticles | None = None) -> pd.DataFrame:
        return mentions_frame(extract_rows(article_items(articles), self.rules, on_articles))


def extract_article(article_id: str, text: str, rules) -> list[dict]:
    """Mentions of one article alone (no other article's evidence), as dicts."""
    return extract_rows([(article_id, text)], rules)
