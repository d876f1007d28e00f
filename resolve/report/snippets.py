"""Mention snippets: a name with the words around it, cut from the article text.

Outputs hold offsets, not text; the articles themselves (`--articles INPUT...`, read
with `resolve.io.inputs.read_articles`) give the words around each mention.  Only a few
snippets per person are kept so that a report of 100,000 persons stays small.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ..io.inputs import read_articles

#: Characters of context on each side of the name.
CONTEXT_CHARS = 70
#: Snippets kept per person (one per article, in the person's article order).
SNIPPETS_PER_PERSON = 5

_SPACE = re.compile(r"\s+")


def read_article_texts(inputs: Iterable[str]) -> tuple[pd.DataFrame, list]:
    """The articles of `inputs` (article_id, text, date, title, ...) and the problems met reading them."""
    return read_articles([str(i) for i in inputs])


def cut(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(before, name, after): up to `width` characters each side, cut at word boundaries, spaces collapsed."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    before, after = text[lo:start], text[end:hi]
    if lo > 0 and _SPACE.search(before):
        before = "…" + _SPACE.split(before, 1)[1]  # drop the cut word
    if hi < len(text) and _SPACE.search(after):
        after = after[: list(_SPACE.finditer(after))[-1].start()] + "…"
    return _SPACE.sub(" ", before).lstrip(), text[start:end], _SPACE.sub(" ", after).rstrip()


def first_mentions(mentions: pd.DataFrame, article_order: dict[str, list[str]], per_entity: int = SNIPPETS_PER_PERSON) -> pd.DataFrame:
    """The first mention of each entity in each of its first `per_entity` articles (in `article_order`)."""
    firsts = mentions.sort_values(["article_id", "start", "end"], kind="stable").drop_duplicates(["entity_id", "article_id"])
    keep = {(e, a) for e, arts in article_order.items() for a in arts[:per_entity]}
    mask = [(e, a) in keep for e, a in zip(firsts["entity_id"], firsts["article_id"])]
    return firsts[mask]


def entity_snippets(
    mentions: pd.DataFrame, texts: dict[str, str], article_order: dict[str, list[str]], per_entity: int = SNIPPETS_PER_PERSON
) -> dict[str, dict[str, tuple[str, str, str]]]:
    """entity_id -> {article_id: (before, name, after)} for the first mention in each of its first articles.

    Mentions whose article is not in `texts`, or whose offsets do not fit its text
    (articles other than the ones the outputs were made from), get no snippet.
    """
    out: dict[str, dict[str, tuple[str, str, str]]] = {}
    rows = first_mentions(mentions, article_order, per_entity)
    for eid, aid, start, end, name in zip(rows["entity_id"], rows["article_id"], rows["start"], rows["end"], rows["text"]):
        text = texts.get(aid)
        if text is None or not (0 <= start < end <= len(text)) or text[start:end] != name:
            continue
        out.setdefault(eid, {})[aid] = cut(text, int(start), int(end))
    return out
