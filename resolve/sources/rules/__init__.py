"""The rules extractor (`--extractor rules`, the default): rules, word lists and a small model.

No download: rules cut capitalized sequences into candidate names, and a person model
shipped in the package (weights in data/, trained by bench/train_extractor.py) decides
which are persons, with the rule files as the override layer.  The modules, in the
order the work is done:

- `lexicon`: the rule files' vocabulary as frozensets and compiled patterns;
- `wordlists`: the shipped given names, surnames and English words;
- `candidates`: capitalized sequences -> runs -> candidates with their cues;
- `cutting`: one run -> its name(s), as small named passes;
- `attach`: the title that goes with a name (before, in or after the run);
- `decision`: the rule decision (vetoes, cues), a feature of the model and its override;
- `features`, `namelike`, `model`: the person model's features, letter model and weights;
- `batch`: the steps over a batch, and the mention rows.

Mentions inside web-page leftovers (resolve.boilerplate) are skipped.
"""

from __future__ import annotations

import pandas as pd

from ..base import Extractor, OnArticles, article_items, mentions_frame
from ...rules import Rules
from .batch import extract_rows
from .model import PersonModel


class RulesExtractor(Extractor):
    """The default extractor.  `model`: a person model other than the shipped one
    (`bench/train_extractor.py` trains one; bench/quality.py passes its own)."""

    name = "rules"
    uses_batch_evidence = True  # names seen in full elsewhere, words the batch writes in lower case
    assumes_english = True  # titles, "said", the word lists

    def __init__(self, rules: Rules, model: PersonModel | None = None) -> None:
        super().__init__(rules)
        self.model = model  # None: the shipped model, loaded in the process that extracts

    def extract(self, articles: pd.DataFrame, on_articles: OnArticles | None = None) -> pd.DataFrame:
        return mentions_frame(extract_rows(article_items(articles), self.rules, self.model, on_articles))


def extract_article(article_id: str, text: str, rules) -> list[dict]:
    """Mentions of one article alone (no other article's evidence), as dicts."""
    return extract_rows([(article_id, text)], rules)
