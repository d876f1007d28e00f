"""The rules extractor over one batch of articles: candidates, evidence, the person decision.

1. `prepare`: every article's candidates (counting how the batch writes each word on
   the way), the rule decision's verdict on each (`decision`: its two passes, the
   second with the names the first accepted), and each candidate's own features.
2. `decide`: the person model (`model`) scores every candidate in two stages — alone,
   then with what the first stage thinks of the related candidates of the article and
   the batch (`features.context_features`) — and keeps those at or above its threshold.
   The rule files stay the override layer: a vetoed phrase (stop phrases, places,
   organization words, ...) is never a person, a known actor's name always is.

The result for an article depends on the batch it is extracted with; the pipeline
fixes the batches (resolve.extract.EXTRACT_WINDOW).  Both steps are linear in the batch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...boilerplate import repeated_ranges
from ...rules import Rules
from ..base import OnArticles
from .candidates import Candidate, find_candidates
from .casing import as_written, cased_view, line_casing
from .decision import CAP, ArticleEvidence, BatchEvidence, after_locative, dateline, decide_alone, decide_in_context, surname, team_like, vetoed
from .features import Featurizer, WordLists, batch_support, context_features
from .lexicon import Lexicon, is_initial, lexicon
from .model import PersonModel, shipped_model
from .namelike import NameLikeness
from .scan import HEADLINE_MAX_CHARS, Scan

_LOWER_WORD = re.compile(r"(?<![\w.'’/@#=_-])[a-z][a-z'’-]*[a-z](?![\w'’/@_-])")


@dataclass
class Prepared:
    """One article of a batch, ready for the person decision."""

    article_id: str
    text: str
    cands: list[Candidate]
    vetoed: list[bool]
    known: list[bool]  # the name of a known actor (rules/known_actors.csv): always a person
    local: list[list[str]]  # each candidate's own features (none for a vetoed one: the model is not asked)


def extract_rows(
    items: list[tuple[str, str]], rules: Rules, model: PersonModel | None = None, on_articles: OnArticles | None = None
) -> list[dict]:
    """Mentions of a batch of (article_id, text) as dicts with MENTION_COLUMNS, in article
    order; `on_articles(1)` after each article's candidates (finding them is most of the time)."""
    model = model or shipped_model()
    return decide(prepare(items, rules, model.namelike, on_articles), model)


def prepare(items: list[tuple[str, str]], rules: Rules, namelike: NameLikeness, on_articles: OnArticles | None = None) -> list[Prepared]:
    """Candidates, rule verdicts and local features of a batch of (article_id, text)."""
    lex = lexicon(rules)
    lists = WordLists.of(lex)
    items = [(aid, text or "") for aid, text in items]
    # Candidates are found and judged on each text with its capitals lines re-cased (same offsets).
    casings = [line_casing(text) for _, text in items]
    views = [cased_view(text, lists.ordinary, lists.known, casing) for (_, text), casing in zip(items, casings)]
    batch = BatchEvidence()
    for view in views:
        batch.words.update(_LOWER_WORD.findall(view))
    # The headline test of each line, run for the view, is not run again (as written: the view's source).
    scans = [
        Scan(view, lex, rules, batch.words, written=text if view is not text else "", _headlines=casing.title_case_known(HEADLINE_MAX_CHARS))
        for view, (_, text), casing in zip(views, items, casings)
    ]
    found = []
    for scan in scans:
        found.append(_candidates(scan, batch))
        if on_articles is not None:
            on_articles(1)
    verdicts = _rule_verdicts(found, lex, batch)
    known_forms = _known_forms(rules)
    featurize = Featurizer(lex, lists, namelike)
    out = []
    for (aid, text), scan, cands, rule in zip(items, scans, found, verdicts):
        veto = [vetoed(c, lex) or dateline(c, text) or after_locative(c, scan.text, lists.places)
                or team_like(c, (lex.places, lists.places), lists.english, lists.surnames) for c in cands]
        recased = [scan.text is not text and text[c.start : c.end] != scan.text[c.start : c.end] for c in cands]
        for c in cands:
            c.title = as_written(c.title, scan.text, text, c.start, c.end)
        # A vetoed candidate is never scored nor a training example: no features to build.
        local = [[] if v else featurize.local(c, scan, rule=r, recased=rc) for c, v, r, rc in zip(cands, veto, rule, recased)]
        known = [" ".join(c.words) in known_forms for c in cands]
        out.append(Prepared(aid, text, cands, veto, known, local))
    return out


def first_stage(prepared: Sequence[Prepared], model: PersonModel) -> list[list[float | None]]:
    """Stage-1 probabilities (None for vetoed candidates) per article."""
    return [[None if v else model.stage1.probability(f) for f, v in zip(a.local, a.vetoed)] for a in prepared]


def second_stage_features(prepared: Sequence[Prepared], p1: Sequence[Sequence[float | None]]) -> list[list[list[str]]]:
    """Each candidate's full feature list for stage 2: its own features plus the context ones."""
    surnames, full = batch_support([(a.cands, p) for a, p in zip(prepared, p1)])
    return [
        [own + ctx for own, ctx in zip(a.local, context_features(a.cands, a.text, p, k, surnames, full))]
        for k, (a, p) in enumerate(zip(prepared, p1))
    ]


@dataclass(frozen=True)
class Judged:
    """The person decision on one candidate: probability, verdict, and why."""

    article: Prepared
    candidate: Candidate
    probability: float
    person: bool
    why: str  # "model", "known_actor" (always a person) or "vetoed" (a rule file says no)
    features: list[str]  # stage-2 features (empty when vetoed: the model is not asked)


def judge(prepared: Sequence[Prepared], model: PersonModel) -> Iterator[Judged]:
    """Every candidate of the batch with the decision on it, in article and text order."""
    feats = second_stage_features(prepared, first_stage(prepared, model))
    for a, fs in zip(prepared, feats):
        for c, f, veto, known in zip(a.cands, fs, a.vetoed, a.known):
            if known:
                yield Judged(a, c, 1.0, True, "known_actor", f)
            elif veto:
                yield Judged(a, c, 0.0, False, "vetoed", [])
            else:
                p = model.stage2.probability(f)
                yield Judged(a, c, p, p >= model.threshold, "model", f)


def decide(prepared: Sequence[Prepared], model: PersonModel) -> list[dict]:
    """The mention rows of the candidates the model (and the override layer) accept."""
    rows = []
    for j in judge(prepared, model):
        if j.person:
            j.candidate.cues.append(j.why)
            rows.append(mention_row(j.article.article_id, j.article.text, j.candidate, j.probability))
    return rows


def _candidates(scan: Scan, batch: BatchEvidence) -> list[Candidate]:
    """The article's candidates; their words count as capitalized uses (not a
    sentence's first word, which is capitalized anyway)."""
    cands = find_candidates(scan, repeated_ranges(scan.text))
    counts = batch.words
    for c in cands:
        if not c.sentence_initial or len(c.words) > 1:
            for w in c.words[1:] if c.sentence_initial else c.words:
                counts[CAP + w] += 1
    return cands


def _rule_verdicts(found: list[list[Candidate]], lex: Lexicon, batch: BatchEvidence) -> list[list[str]]:
    """The rule decision's two passes: "alone" (certain on its own evidence), "context"
    (supported by the names pass 1 accepted in the article and batch) or "no".  A feature
    of the model, and the source of the rule cues (given_name, surname_in_article, ...)."""
    decided = []
    for cands in found:
        article = ArticleEvidence()
        verdicts = [decide_alone(c, lex, batch) for c in cands]
        for c, d in zip(cands, verdicts):
            if d.accept:
                c.cues.extend(d.cues)
                _add_evidence(c, article, batch)
        decided.append((cands, verdicts, article))
    out = []
    for cands, verdicts, article in decided:
        labels = []
        for c, d in zip(cands, verdicts):
            label = "alone" if d.accept else "no"
            if not d.final:
                d = decide_in_context(c, lex, article, batch)
                c.cues.extend(d.cues)
                label = "context" if d.accept else "no"
            labels.append(label)
        out.append(labels)
    return out


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


def _known_forms(rules: Rules) -> frozenset[str]:
    return frozenset(f for a in rules.known_actors for f in a.forms)


def mention_row(article_id: str, text: str, c: Candidate, confidence: float) -> dict:
    """A mention as a dict with MENTION_COLUMNS (`confidence`: how sure the extractor is)."""
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
        "confidence": round(confidence, 2),
    }

