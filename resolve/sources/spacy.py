"""The spaCy extractor (`--extractor spacy --spacy-model NAME`): a model's PERSON entities.

Needs the `spacy` extra (`pip install "resolve[spacy]"`) and a trained pipeline with an
entity recognizer (`python -m spacy download en_core_web_sm`).  The model is loaded
lazily, once per process, and only the components that set entities run.  Each
PERSON span is cut to the conventions of the rules extractor (no title, honorific or
possessive in the span: rules.cutting.SPAN_PASSES) and gets its title from the same
code (rules.attach), so both extractors' mentions look alike to the matcher.  A
mention's cue is `ner` (plus `title`/`honorific`).  Mentions inside web-page
leftovers (resolve.boilerplate) are skipped, as by the rules extractor.

No batch evidence: each article's mentions depend on its text alone, so the extract
stage may cut the windows small to keep `--jobs` processes busy.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from importlib.util import find_spec
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..boilerplate import repeated_ranges
from ..rules import Rules
from .base import Extractor, ExtractorError, OnArticles, article_items, mentions_frame
from .rules.attach import attach_title
from .rules.batch import mention_row
from .rules.candidates import Candidate, set_title, split_sentences
from .rules.cutting import Run, cut_span
from .rules.lexicon import Token, lexicon
from .rules.scan import Scan, sentence_initial

DEFAULT_MODEL = "en_core_web_sm"
INSTALL_SPACY = 'pip install "resolve[spacy]"'
_TOKEN = re.compile(r"\S+")


def _install_model(model: str) -> str:
    return f"python -m spacy download {model} (or pip install the model's package)"


class SpacyExtractor(Extractor):
    """Options: `model` (a package name or a path, default en_core_web_sm), or `nlp` (a
    loaded spaCy Language, used as it is); `labels` (entity labels that are persons);
    `batch_size` (texts per nlp.pipe batch)."""

    name = "spacy"
    uses_batch_evidence = False

    def __init__(
        self, rules: Rules, *, model: str = DEFAULT_MODEL, nlp: Any = None, labels: Iterable[str] = ("PERSON",), batch_size: int = 32
    ) -> None:
        super().__init__(rules)
        self.model = model
        self.labels = frozenset(labels)
        self.batch_size = batch_size
        self._nlp = nlp
        self._own_nlp = nlp is None  # loaded here from `model`: each process loads its own
        if nlp is None:
            check_available(model)  # fail before any work, without importing spaCy
        elif not _entity_components(nlp):
            raise ExtractorError(f"the spaCy pipeline given has no component that finds entities (pipeline: {', '.join(nlp.pipe_names)})")
        # The language warning is for English pipelines only; a model's language is read
        # from its meta.json, so the parent process never loads the model for it.
        self.assumes_english = (nlp.lang if nlp is not None else model_lang(model)) == "en"

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if self._own_nlp:
            state["_nlp"] = None  # a worker loads the model itself rather than unpickling it
        return state

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_model(self.model)
        return self._nlp

    def extract(self, articles: pd.DataFrame, on_articles: OnArticles | None = None) -> pd.DataFrame:
        items = article_items(articles)
        if not items:
            return mentions_frame([])
        nlp = self.nlp
        lex = lexicon(self.rules)
        # Texts longer than the model takes (nlp.max_length) go in pieces, cut at line ends.
        pieces = [(i, offset, piece) for i, (_, text) in enumerate(items) for offset, piece in text_pieces(text, nlp.max_length)]
        docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=self.batch_size, disable=_not_for_entities(nlp))
        spans: list[list[tuple[int, int]]] = [[] for _ in items]
        last_piece = {i: k for k, (i, _, _) in enumerate(pieces)}  # an article is done with its last piece
        for k, ((i, offset, _), doc) in enumerate(zip(pieces, docs)):
            spans[i].extend((offset + e.start_char, offset + e.end_char) for e in doc.ents if e.label_ in self.labels)
            if on_articles is not None and last_piece[i] == k:
                on_articles(1)
        rows: list[dict] = []
        for (aid, text), found in zip(items, spans):
            scan = Scan(text, lex, self.rules, {})
            rows.extend(mention_row(aid, text, c) for c in span_candidates(scan, found, repeated_ranges(text)))
        return mentions_frame(rows)


def text_pieces(text: str, limit: int) -> list[tuple[int, str]]:
    """(offset, piece) of `text` in pieces of at most `limit` characters, cut after the
    last line end (else white space) in each; one piece when the text is short enough."""
    out, pos = [], 0
    while len(text) - pos > limit:
        cut = text.rfind("\n", pos, pos + limit) + 1 or text.rfind(" ", pos, pos + limit) + 1 or pos + limit
        out.append((pos, text[pos:cut]))
        pos = cut
    out.append((pos, text[pos:]))
    return out


def span_candidates(scan: Scan, spans: list[tuple[int, int]], skip: list[tuple[int, int]]) -> list[Candidate]:
    """The (start, end) name spans of one article, cut and titled like the rules
    extractor's names; spans starting in a `skip` range are left out."""
    out = []
    skip_starts = [s for s, _ in skip]
    for start, end in spans:
        i = bisect_right(skip_starts, start) - 1
        if i >= 0 and start < skip[i][1]:
            continue
        run = name_run(scan, start, end)
        words = [k for k in run.keys if k] if run else []
        if not words:
            continue
        c = Candidate(run.start, run.end, words, cues=["ner"], sentence_initial=run.initial, capital_title=run.title_start >= 0)
        title = attach_title(scan, run)
        if title:
            set_title(c, title, scan)
        out.append(c)
    return out


def name_run(scan: Scan, start: int, end: int) -> Run | None:
    """The span cut to our conventions.  A capitalized title right before it belongs to
    the same capitalized run for the rules extractor ("Minister Shoygu"), and is cut
    off the same way; the span's own start stays where the model put it."""
    text = scan.text
    run_start = _run_start(scan, start, end)
    if run_start < start:
        part = split_sentences(_tokens(text, run_start, end), scan.lex)[-1]
        if part[0][0] < start:
            run = cut_span(scan, part, sentence_initial(text, part[0][0]))
            if run is not None and run.start == start:
                return run
    toks = _tokens(text, start, end)
    return cut_span(scan, toks, sentence_initial(text, start)) if toks else None


def _run_start(scan: Scan, start: int, end: int) -> int:
    """Start of the capitalized sequence (lexicon.seq) holding `start`, or `start`."""
    for m in scan.lex.seq.finditer(scan.text, max(0, start - 160), end):
        if m.start() <= start < m.end():
            return m.start()
    return start


def _tokens(text: str, start: int, end: int) -> list[Token]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def check_available(model: str) -> None:
    """ExtractorError naming the install command when spaCy or the model is missing."""
    if find_spec("spacy") is None:
        raise ExtractorError(f"the spacy extractor needs spaCy, which is not installed: {INSTALL_SPACY}")
    if Path(model).exists():
        return
    try:
        found = find_spec(model) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ExtractorError(f"spaCy model {model!r} is not installed: {_install_model(model)}")


def model_lang(model: str) -> str:
    """The language code ("en") in the meta.json of an installed pipeline (a package
    name or a path), without loading it; "" when it cannot be told."""
    path = Path(model)
    if not path.exists():
        spec = find_spec(model)  # check_available found it
        locations = list(spec.submodule_search_locations or ()) if spec else []
        if not locations:
            return ""
        path = Path(locations[0])
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(meta.get("lang", "")) if isinstance(meta, dict) else ""


def load_model(model: str) -> Any:
    """spacy.load(model), with the install commands in the error when it fails."""
    try:
        import spacy
    except ImportError as e:
        raise ExtractorError(f"the spacy extractor needs spaCy ({e}): {INSTALL_SPACY}") from None
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ExtractorError(f"spaCy model {model!r} could not be loaded ({e}): {_install_model(model)}") from None
    if not _entity_components(nlp):
        raise ExtractorError(f"spaCy model {model!r} has no component that finds entities (pipeline: {', '.join(nlp.pipe_names)})")
    return nlp


def _entity_components(nlp: Any) -> set[str]:
    """Components that set doc.ents, and the shared embedding layers they listen to."""
    names = {n for n in nlp.pipe_names if "doc.ents" in nlp.get_pipe_meta(n).assigns}
    for n, pipe in nlp.pipeline:
        if set(getattr(pipe, "listening_components", ())) & names:
            names.add(n)
    return names


def _not_for_entities(nlp: Any) -> list[str]:
    """The components whose work entities do not need (tagger, parser, lemmatizer ...)."""
    keep = _entity_components(nlp)
    return [n for n in nlp.pipe_names if n not in keep]
