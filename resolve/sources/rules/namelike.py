"""How much a word looks like a personal name, from its letters alone.

A logistic model over the word's character 2-, 3- and 4-grams (with "<" and ">" marking
its ends), trained on the shipped word lists only (given names and surnames of many
countries against ordinary English words; `bench/train_extractor.py`): "Rastislav",
"Oyelaran" and "Dündar" score high although no list holds them, "Fishing" and
"Protector" low.  One feature of the person model among others (`features`), so a
name-like place or company name is not a person for this alone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping


def ngrams(word: str) -> list[str]:
    """The character n-grams the model reads, of a folded word."""
    s = f"<{word}>"
    return [s[i : i + n] for n in (2, 3, 4) for i in range(len(s) - n + 1)]


class NameLikeness:
    """P(name | letters) of folded words, memoised per word."""

    def __init__(self, weights: Mapping[str, float], bias: float) -> None:
        self.weights = weights
        self.bias = bias
        self._memo: dict[str, float] = {}

    def __call__(self, word: str) -> float:
        p = self._memo.get(word)
        if p is None:
            w = self.weights
            z = self.bias + sum(w.get(g, 0.0) for g in ngrams(word))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            if len(self._memo) < 500_000:
                self._memo[word] = p
        return p
