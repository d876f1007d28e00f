from __future__ import annotations

import csv
import io

import pandas as pd
from typer.testing import CliRunner

from resolve.cli import app
from resolve.explain import explain
from resolve.link import link
from resolve.report.outputs import load_outputs
from resolve.review import review
from resolve.review.queue import questions
from resolve.rules import load_rules

from .conftest import write_mentions

runner = CliRunner()


def _rows(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _entities(outdir, text):
    m = pd.read_csv(outdir / "mentions.csv", dtype=str, keep_default_na=False)
    return set(m.loc[m["text"] == text, "entity_id"])


def _flip(question) -> str:
    """The answer that overturns the matcher's decision."""
    return "n" if question.doubt.decision == "merged" else "y"


def test_piped_answers_become_judgements_the_next_run_obeys(outdir, tmp_path, rules):
    qs = questions(load_outputs(outdir), rules)
    by_names = [q for q in qs if not q.by_id]
    assert {q.doubt.decision for q in by_names} == {"merged", "kept apart"}
    rules_dir = tmp_path / "my_rules"
    answers = "".join(_flip(q) + "\n" for q in qs)

    res = runner.invoke(app, ["review", str(outdir), "--judgements", str(rules_dir / "judgements.csv"), "--user", "ana"], input=answers)
    assert res.exit_code == 0, res.output
    rows = _rows(rules_dir / "judgements.csv")
    assert [(r["judgement"], r["a"], r["b"]) for r in rows] == [
        ("cannot_link" if q.doubt.decision == "merged" else "must_link", q.a, q.b) for q in qs
    ]
    assert all(r["user"] == "ana" and r["timestamp"].endswith("+00:00") for r in rows)

    again = tmp_path / "again"
    res = runner.invoke(app, ["link", str(tmp_path / "mentions.csv"), "-o", str(again), "--rules", str(rules_dir)])
    assert res.exit_code == 0, res.output
    for q in by_names:
        together = _entities(again, q.a) == _entities(again, q.b)
        assert together == (q.doubt.decision != "merged"), (q.a, q.b)
        ex = explain(again, q.a, q.b, rules=load_rules([rules_dir]))
        assert any(line.startswith("judgement: ") and f"{rules_dir / 'judgements.csv'}:" in line for line in ex.lines), str(ex)


def test_an_answer_on_entity_ids_holds_when_the_registry_is_continued(outdir, tmp_path, rules):
    qs = questions(load_outputs(outdir), rules)
    q = next(q for q in qs if q.by_id)
    assert q.doubt.kind == "same_name" and q.doubt.decision == "kept apart"
    rules_dir = tmp_path / "my_rules"
    answers = "".join("y\n" if x is q else "s\n" for x in qs)
    review(outdir, rules_dir / "judgements.csv", answers=io.StringIO(answers), out=io.StringIO(), interactive=False, rules=rules, user="ana")
    assert [(r["judgement"], r["a"], r["b"]) for r in _rows(rules_dir / "judgements.csv")] == [("must_link", q.a, q.b)]

    batch = write_mentions(tmp_path / "batch2.csv", [("n1", "Kofi Mensah", "", "2017-01-01")])

    def merged_pairs(rules_used, name):
        link(batch, tmp_path / name, rules=rules_used, registry=outdir)
        redirects = pd.read_csv(tmp_path / name / "redirects.csv", dtype=str, keep_default_na=False)
        return {tuple(sorted(r)) for r in zip(redirects["old_id"], redirects["new_id"])}

    pair = tuple(sorted((q.a, q.b)))
    assert pair in merged_pairs(load_rules([rules_dir]), "with_judgement")
    assert pair not in merged_pairs(rules, "without")


def test_end_of_input_quits_and_unknown_answers_skip(outdir, tmp_path, rules):
    path = tmp_path / "judgements.csv"
    out = io.StringIO()
    res = review(outdir, path, answers=io.StringIO("perhaps\n"), out=out, interactive=False, rules=rules, user="ana")
    assert res.answers == {"must_link": 0, "cannot_link": 0, "skip": 1}
    assert res.remaining == len(questions(load_outputs(outdir), rules)) - 1
    assert "answer line 1: 'perhaps' is not y, n, s or q: skipped" in out.getvalue()
    assert not path.exists()


def test_terminal_asks_again_until_the_answer_is_known(outdir, tmp_path, rules):
    out = io.StringIO()
    res = review(outdir, tmp_path / "j.csv", answers=io.StringIO("what\nq\n"), out=out, interactive=True, rules=rules)
    assert "please answer y" in out.getvalue() and res.asked == 0


def test_answered_pairs_are_not_asked_again(outdir, tmp_path, rules):
    path = tmp_path / "judgements.csv"
    n = len(questions(load_outputs(outdir), rules))
    first = review(outdir, path, answers=io.StringIO("y\n"), out=io.StringIO(), interactive=False, limit=1, rules=rules, user="a")
    second = review(outdir, path, answers=io.StringIO(""), out=io.StringIO(), interactive=False, rules=rules, user="a")
    assert first.answers["must_link"] == 1 and first.remaining == n - 1  # --limit 1
    assert second.already_judged == 1 and second.remaining == n - 1


def test_each_question_shows_both_sides_with_context(outdir, tmp_path, rules):
    out = io.StringIO()
    review(outdir, tmp_path / "j.csv", answers=io.StringIO("s\n" * 10), out=out, interactive=False, rules=rules)
    text = out.getvalue()
    for q in questions(load_outputs(outdir), rules):
        assert f"'{q.a}' / '{q.b}'" in text
    assert "Minister of Finance (Nigeria) 2009-03-01 – 2009-03-01" in text  # a title with its dates
    assert "  A: " in text and "  B: " in text and "matcher: " in text


def test_an_answer_contradicting_other_judgements_is_refused(outdir, tmp_path, rules):
    qs = questions(load_outputs(outdir), rules)
    q = next(q for q in qs if q.doubt.decision == "merged" and not q.by_id)
    path = tmp_path / "judgements.csv"
    before = (
        "judgement,a,b,note,user,timestamp\n"
        f"must_link,{q.a},Someone Else,earlier,bo,2024-01-01T00:00:00+00:00\n"
        f"must_link,Someone Else,{q.b},earlier,bo,2024-01-01T00:00:00+00:00\n"
    )
    path.write_text(before, encoding="utf-8")
    answers = "".join("n\n" if x is q else "s\n" for x in qs)  # cannot_link a / b: the chain says must
    out = io.StringIO()
    res = review(outdir, path, answers=io.StringIO(answers), out=out, interactive=False, rules=rules, user="a")
    assert len(res.refused) == 1 and "contradicts the must_link chain" in res.refused[0]
    assert "not recorded" in out.getvalue()
    assert path.read_text(encoding="utf-8") == before
