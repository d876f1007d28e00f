"""`resolve review OUTDIR --judgements FILE`: ask about uncertain decisions, append the answers.

Each question shows both sides with their context (mentions, articles, dates,
titles, a snippet when the articles are given) and what the matcher decided and
why, then reads one answer: y (same person: must_link), n (different people:
cannot_link), s (skip), q (quit).  On a terminal an unknown answer is asked again;
from a pipe or file one answer is read per line, an unknown one skips the question,
and the end of input quits.  Each answer is appended to FILE at once, so quitting
or Ctrl-C keeps what was answered.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import pandas as pd

from ..report.outputs import Outputs, load_outputs
from ..report.phrasing import decision_words, probability_words
from ..report.snippets import cut, read_article_texts
from ..rules import Rules, load_rules
from .judgements import JudgementFile, pair_key
from .queue import Question, questions

ANSWERS = {"y": "must_link", "n": "cannot_link", "s": "skip", "q": "quit"}
WORDS = {"y": "y", "yes": "y", "same": "y", "n": "n", "no": "n", "different": "n", "s": "s", "skip": "s", "q": "q", "quit": "q"}
PROMPT = "Same person? [y]es / [n]o / [s]kip / [q]uit > "
#: Articles listed per side (the rest are counted).
ARTICLES_SHOWN = 4


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return ""


@dataclass
class ReviewResult:
    path: Path
    asked: int = 0
    answers: dict[str, int] = field(default_factory=lambda: {"must_link": 0, "cannot_link": 0, "skip": 0})
    already_judged: int = 0
    refused: list[str] = field(default_factory=list)  # answers that would contradict other judgements
    remaining: int = 0  # questions not reached (--limit, quit or end of input)
    notes: list[str] = field(default_factory=list)  # things the user should know (file name, columns)

    @property
    def summary(self) -> str:
        a = self.answers
        return (
            f"{a['must_link']} same, {a['cannot_link']} different, {a['skip']} skipped, {len(self.refused)} refused, "
            f"{self.remaining} not reached, {self.already_judged} judged before -> {self.path}"
        )


class _Context:
    """Per-entity mentions and the article texts, to describe each side of a question."""

    def __init__(self, out: Outputs, texts: dict[str, str]):
        self.out = out
        self.texts = texts
        self.rows = out.mentions.groupby("entity_id").indices
        self.names = dict(zip(out.registry["entity_id"], out.registry["name"]))

    def mentions(self, entity: str, form: str | None) -> pd.DataFrame:
        rows = self.out.mentions.iloc[self.rows.get(entity, [])]
        return rows[rows["text"] == form] if form is not None else rows

    def side(self, label: str, entity: str, form: str | None, article: str, text: str) -> list[str]:
        rows = self.mentions(entity, form)
        dates = sorted(d for d in rows["date"] if d)
        span = f", {dates[0]} – {dates[-1]}" if dates else ""
        who = f"'{form}' in {self.names.get(entity, entity)}" if form is not None else self.names.get(entity, entity)
        lines = [f"  {label}: {who}  [{entity}]  {len(rows)} mention(s) in {rows['article_id'].nunique()} article(s){span}"]
        titles = _titles(rows)
        if titles:
            lines.append("       titles: " + "; ".join(titles))
        arts = rows.drop_duplicates("article_id").sort_values(["date", "article_id"])
        shown = [f"{a} ({d})" if d else a for a, d in zip(arts["article_id"], arts["date"])][:ARTICLES_SHOWN]
        if shown:
            extra = len(arts) - len(shown)
            lines.append("       articles: " + ", ".join(shown) + (f", … (+{extra})" if extra > 0 else ""))
        snippet = self.snippet(article, text)
        if snippet:
            lines.append(f"       “{snippet}”  ({article})")
        return lines

    def snippet(self, article: str, text: str) -> str:
        body = self.texts.get(article)
        if body is None:
            return ""
        m = self.out.mentions
        hit = m[(m["article_id"] == article) & (m["text"] == text)]
        for start, end in zip(hit["start"], hit["end"]):
            if body[start:end] == text:
                before, name, after = cut(body, int(start), int(end))
                return f"{before}[{name}]{after}"
        return ""


def _titles(rows: pd.DataFrame) -> list[str]:
    out = []
    titled = rows[rows["title_normalized"] != ""]
    for (title, aff), g in titled.groupby(["title_normalized", "affiliation"], sort=True):
        dates = sorted(d for d in g["date"] if d)
        span = f" {dates[0]} – {dates[-1]}" if dates else ""
        out.append(f"{title}" + (f" ({aff})" if aff else "") + f"{span} ×{len(g)}")
    return out


def describe(q: Question, ctx: _Context, number: int, total: int) -> list[str]:
    """The lines shown for one question."""
    d = q.doubt
    kind = "near the threshold" if d.kind == "near_threshold" else "same name, two persons"
    p = probability_words(d.row["probability"]) if d.row else ""
    head = f"--- {number} of {total} · {kind} · {d.decision}" + (f" at {p}" if p else "") + f" · {d.affected} mention(s) at stake"
    merged = d.decision == "merged"
    lines = [head]
    lines += ctx.side("A", d.a_entity, d.a_text if merged else None, d.a_article, d.a_text)
    lines += ctx.side("B", d.b_entity, d.b_text if merged else None, d.b_article, d.b_text)
    lines.append("  matcher: " + (decision_words(d.row) if d.row else "kept apart as two persons with the same name"))
    scope = "entity IDs (holds when the next run continues this registry: --registry)" if q.by_id else "names (holds in every later run)"
    lines.append(f"  the answer is recorded for '{q.a}' / '{q.b}', by {scope}")
    return lines


def _read_answer(answers: TextIO, out: TextIO, interactive: bool, line_no: list[int]) -> str:
    """One of y/n/s/q; on a terminal an unknown answer is asked again; the end of input is q."""
    while True:
        out.write(PROMPT)
        out.flush()
        line = answers.readline()
        if not line:
            out.write("\n")
            return "q"
        line_no[0] += 1
        word = line.strip().lower()
        if not interactive:
            out.write(word + "\n")  # a log of the session reads like the terminal would
        if word in WORDS:
            return WORDS[word]
        if not interactive:
            out.write(f"  answer line {line_no[0]}: '{line.strip()}' is not y, n, s or q: skipped\n")
            return "s"
        out.write("  please answer y (same person), n (different people), s (skip) or q (quit)\n")


def review(
    outdir: str | Path,
    judgements: str | Path,
    *,
    answers: TextIO,
    out: TextIO,
    interactive: bool,
    limit: int | None = None,
    rules: Rules | None = None,
    articles: Iterable[str] = (),
    user: str | None = None,
    clock: Callable[[], str] = utc_now,
) -> ReviewResult:
    """Ask about OUTDIR's most uncertain decisions and append each answer to the judgements file."""
    rules = rules if rules is not None else load_rules()
    outputs = load_outputs(outdir)
    jf = JudgementFile.open(judgements)
    result = ReviewResult(jf.path)
    if jf.problems:
        result.notes.extend(jf.problems)
    if jf.path.name != "judgements.csv":
        result.notes.append(f"{jf.path}: `--rules DIR` reads judgements only from a file named judgements.csv")
    if jf.missing_columns:
        result.notes.append(f"{jf.path}: the header has no {', '.join(jf.missing_columns)} column: not recorded")
    inputs = list(articles)
    texts: dict[str, str] = {}
    if inputs:
        frame, problems = read_article_texts(inputs)
        texts = dict(zip(frame["article_id"], frame["text"]))
        result.notes.extend(f"{p.severity}: {p}" for p in problems)
    ctx = _Context(outputs, texts)
    judged = jf.judged()
    queue = []
    for q in questions(outputs, rules):
        if pair_key(q.a, q.b) in judged:
            result.already_judged += 1
        else:
            queue.append(q)
    todo = queue if limit is None else queue[:limit]
    user = default_user() if user is None else user
    line_no = [0]
    for i, q in enumerate(todo, 1):
        out.write("\n".join(describe(q, ctx, i, len(todo))) + "\n")
        key = _read_answer(answers, out, interactive, line_no)
        if key == "q":
            break
        result.asked += 1
        action = ANSWERS[key]
        if action == "skip":
            result.answers["skip"] += 1
            continue
        problems = jf.contradiction(action, q.a, q.b, rules)
        if problems:
            result.refused.extend(problems)
            out.write("  not recorded: it contradicts other judgements:\n" + "".join(f"    {p}\n" for p in problems))
            continue
        jf.append({"judgement": action, "a": q.a, "b": q.b, "note": _note(q, action), "user": user, "timestamp": clock()})
        result.answers[action] += 1
    result.remaining = len(queue) - result.asked
    return result


def _note(q: Question, action: str) -> str:
    d = q.doubt
    said = "same person" if action == "must_link" else "different people"
    p = f" (p={d.row['probability']}, {d.row['stage']} stage)" if d.row and str(d.row.get("probability", "")) != "" else ""
    had = "merged them" if d.decision == "merged" else "kept them apart"
    return f"resolve review: {said}; the matcher had {had}{p}"
