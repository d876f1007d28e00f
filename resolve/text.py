"""Small text helpers shared by every stage.

`fold` is *the* normalization for comparing names and rule entries: accents and
non-Latin scripts are transliterated (anyascii, ISC licence), case is dropped and
white space collapsed.  Everything that matches "case- and accent-insensitively"
goes through it, so there is one definition of what "the same string" means.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def fold(s: str) -> str:
    """Lower-case ASCII form of `s` with single spaces: 'José  Martí' -> 'jose marti'."""
    if s.isascii():
        out = s
    else:
        # Typographic apostrophes/dashes become their ASCII forms first.
        out = anyascii(s)
    return _SPACE.sub(" ", out).strip().lower()
