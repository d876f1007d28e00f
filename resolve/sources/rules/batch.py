"""The rules extractor over one batch of articles: two passes, both linear.

Pass 1 collects every article's candidates (counting how the batch writes each word
on the way), then decides the names that are certain on their own; pass 2 decides
the rest with the names seen in full in the article and in the batch.  The result
for an article therefore depends on the batch it is extracted with; the pipeline
fixes the batches (resolve.extract.EXTRACT_WINDOW).
"""

from __future__ import annotations

import re

from ...boilerplate import repeated_ranges
from ...rules import Rules
from ..base import OnArticles
from .candidates import Candidate, find_candidates
from .decision import CAP, ArticleEvidence, BatchEvidence, decide_alone, decide_in_context, surname
from .lexicon import Lexicon, is_initial, lexicon
from .scan import Scan

_LOWER_WORD = re.compile(r"(?<![\w.'’/@#=_-])[a-z][a-z'’-]*[a-z](?![\w'’/@_-])")

#: Confidence of each cue; a mention gets the best of its cues (a speech verb adds a little).
CONFIDENCE = {
    "title": 0.95, "honorific": 0.9, "given_name": 0.9, "initials": 0.85, "said": 0.75, "full_in_batch": 0.8,
    "surname_in_article": 0.85, "given_in_article": 0.7, "surname_in_batch": 0.65, "hyphen": 0.6, "age": 0.8, "surname": 0.75,
    "ner": 0.8,  # a statistical model's entity (resolve.sources.spacy)
}


def extract_rows(items: list[tuple[str, str]], rules: Rules, on_articles: OnArticles | None = None) -> list[dict]:
    """Mentions of a batch of (article_id, text) as dicts with MENTION_COLUMNS, in article
    order; `on_articles(1)` after each article's candidates (finding them is nearly all
of the time)."""
    lex = lexicon(rules)
    items = [(aid, text or "") for aid, text in items]
    batch = BatchEvidence()
    for _, text in items:
        batch.words.update(_LOWER_WORD.findall(text))
    found = []
    for aid, text in items:
        found.append((aid, text, _candidates(text, lex, rules, batch)))
        if on_articles is not None:
            on_articles(1)
    # Pass 1: what is certain on its own, and the evidence it gives the rest.
    decided = []
    for aid, text, cands in found:
        article = ArticleEvidence()
        verdicts = [decide_alone(c, lex, batch) for c in cands]
        for c, d in zip(cands, verdicts):
            if d.accept:
                c.cues.extend(d.cues)
                _add_evidence(c, article, batch)
        decided.append((aid, text, cands, verdicts, article))
    # Pass 2: the rest, with that evidence.
    rows = []
    for aid, text, cands, verdicts, article in decided:
        for c, d in zip(cands, verdicts):
            if not d.final:
                d = decide_in_context(c, lex, article, batch)
                c.cues.extend(d.cues)
            if d.accept:
                rows.append(mention_row(aid, text, c))
    return rows


def _candidates(text: str, lex: Lexicon, rules: Rules, batch: BatchEvidence) -> list[Candidate]:
    """The article's candidates; their words count as capitalized uses (not a
    sentence's first word, which is capitalized anyway)."""
    cands = find_candidates(Scan(text, lex, rules, batch.words), repeated_ranges(text))
    counts = batch.words
    for c in cands:
        if not c.sentence_initial or len(c.words) > 1:
            for w in c.words[1:] if c.sentence_initial else c.words:
                counts[CAP + w] += 1
    return cands


def _add_evidence(c: Candidate, article: ArticleEvidence, batch: BatchEvidence) -> None:
    """What a name accepted in pass 1 vouches for."""
    sn = surname(c.words)
    article.surnames.add(sn)
    if len(c.words) > 1 or c.capital_title:
        # Full names and capitalized titles ("President Obama") vouch for a surname
        # elsewhere in the batch; "the host Jaguars" is too weak.
        batch.surnames[sn] += 1
    if len(c.words) > 1:
        if not is_initial(c.words[0]):
            article.givens.add(c.words[0])
        batch.full_names.add(" ".join(c.words))


def confidence(cues: list[str]) -> float:
    """The best confidence of the cues (0.5 when none); a speech verb adds 0.04."""
    conf = max((CONFIDENCE.get(k, 0.5) for k in cues), default=0.5)
    if "said" in cues and conf < 0.99:
        conf = min(0.99, conf + 0.04)
    return round(conf, 2)


def mention_row(article_id: str, text: str, c: Candidate) -> dict:
    """A mention as a dict with MENTION_COLUMNS."""
    return {
        "article_id": article_id,
        "start": c.start,
        "end": c.end,
        "text": text[c.start : c.end],
        "title": c.title,
        "title_normalized": c.title_normalized,
        "title_status": c.title_status,
        "role_kind": c.role_kind,
        "affiliation": c.affiliation,
        "honorific": c.honorific,
        "cue": "|".join(dict.fromkeys(c.cues)),
        "confidence": confidence(c.cues),
    }
