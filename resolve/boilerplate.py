"""Web-page leftovers inside an article: repeated paragraphs and stray menu words.

Scraped news pages often print a photo caption twice or repeat the lead paragraph
at the end.  Mentions inside a repeat must not count twice, but offsets must keep
pointing into the original text, so instead of editing the text we return the
character ranges to skip.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\n]+")


def repeated_ranges(text: str, min_chars: int = 40) -> list[tuple[int, int]]:
    """(start, end) ranges of lines that repeat an earlier line of the same article.

    Lines are compared after collapsing white space, so a caption printed once with
    a double space and once without still counts as a repeat.  Short lines (under
    `min_chars`) are never treated as repeats: "Monday" twice is not boilerplate.
    """
    seen: set[str] = set()
    by_head: dict[str, list[str]] = {}  # first `min_chars` characters -> earlier lines
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        key = " ".join(m.group().split())  # white space collapsed (split() cuts where regex \s matches)
        if len(key) < min_chars:
            continue
        if key in seen:
            out.append((m.start(), m.end()))
            continue
        # A repeated paragraph glued to what follows it ("...in Europe.Russia, U.S. to
        # Hold Talks"): skip the repeated beginning only.
        prefix = max((k for k in by_head.get(key[:min_chars], ()) if key.startswith(k)), key=len, default="")
        if prefix:
            out.append((m.start(), _original_end(m.group(), len(prefix)) + m.start()))
        seen.add(key)
        by_head.setdefault(key[:min_chars], []).append(key)
    return out


def _original_end(line: str, n_collapsed: int) -> int:
    """Offset in `line` where the first `n_collapsed` characters of its collapsed form end."""
    i = 0
    while i < len(line) and line[i].isspace():
        i += 1
    count = 0
    while i < len(line) and count < n_collapsed:
        if line[i].isspace():
            while i < len(line) and line[i].isspace():
                i += 1
            count += 1
            continue
        i += 1
        count += 1
    return i

