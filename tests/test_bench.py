"""Smoke test of the benchmark harness (bench/): correctness only, no timing asserts."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from resolve.text import fold

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402
import run as bench_run  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    meta = generate.write_corpus(120, d, seed=11)
    return d, meta


def _articles(d: Path) -> dict[str, str]:
    with open(d / "articles.jsonl", encoding="utf-8") as fh:
        return {a["id"]: a["text"] for a in map(json.loads, fh)}


def _gold(d: Path) -> list[dict]:
    with open(d / "gold_mentions.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_gold_offsets_slice_to_names(corpus):
    d, meta = corpus
    texts = _articles(d)
    gold = _gold(d)
    assert len(texts) == meta["articles"] == 120 and len(gold) == meta["gold_mentions"] > 120
    for g in gold:
        t = texts[g["doc_id"]]
        assert t[int(g["name_start"]) : int(g["name_end"])] == g["name_text"]
        assert t[int(g["start"]) : int(g["end"])] == g["text"]
        assert int(g["start"]) <= int(g["name_start"]) < int(g["name_end"]) <= int(g["end"])
        assert g["coref_status"] == "cross_doc"
        # The name alone: no honorific, no possessive.
        assert not g["name_text"].startswith(("Mr. ", "Ms. ")) and not g["name_text"].endswith("'s")


def test_ranges_cover_the_text_lines(corpus):
    d, _ = corpus
    texts = _articles(d)
    with open(d / "ranges.csv", encoding="utf-8") as fh:
        ranges = list(csv.DictReader(fh))
    for r in ranges:
        line = texts[r["doc_id"]][int(r["start"]) : int(r["end"])]
        assert line and "\n" not in line
    assert {r["doc_id"] for r in ranges} == set(texts)


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path, corpus):
    d, _ = corpus
    generate.write_corpus(120, tmp_path / "again", seed=11)
    generate.write_corpus(120, tmp_path / "other", seed=12)
    for name in ("articles.jsonl", "gold_mentions.csv", "ranges.csv", "meta.json"):
        assert (d / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    assert (d / "articles.jsonl").read_bytes() != (tmp_path / "other" / "articles.jsonl").read_bytes()


def test_processes_and_chunks_do_not_change_the_bytes(tmp_path, corpus):
    """Chunks of articles rendered in two processes, written in order: the same files as
    one process writing every article in turn."""
    d, _ = corpus
    generate.write_corpus(120, tmp_path / "split", seed=11, jobs=2, chunk=7)
    for name in ("articles.jsonl", "gold_mentions.csv", "ranges.csv", "meta.json"):
        assert (d / name).read_bytes() == (tmp_path / "split" / name).read_bytes(), name


def test_weights_draw_as_random_choices_does():
    """The cumulative weights summed once draw the item `random.choices` would, from the
    same random state (the corpus is byte-identical to the one before the speed-up)."""
    import random

    items, weights = list(range(50)), [((i * 37) % 11) + 0.5 for i in range(50)]
    table = generate._Weights(items, weights)
    a, b = random.Random(3), random.Random(3)
    for _ in range(2000):
        assert table.draw(a) == b.choices(items, weights=weights, k=1)[0]
        assert generate._choice(a, items[:13]) == b.choice(items[:13])
    assert a.random() == b.random()


def test_corpus_has_the_promised_phenomena():
    """Checked on the population and a larger sample, not on particular names."""
    articles, gold, _, people = generate.generate(600, seed=5)
    forms = {g["form"].replace("_possessive", "") for g in gold}
    assert {"full", "title_full", "full_appos", "surname", "honorific_surname", "title_surname"} <= forms
    # Variation for one person: several surface forms of the full name across articles.
    by_entity: dict[str, set[str]] = {}
    for g in gold:
        if " " in g["name_text"]:
            by_entity.setdefault(g["entity_id"], set()).add(g["name_text"])
    assert sum(len(v) > 1 for v in by_entity.values()) >= 10
    # Nicknames, spelling variants, titles changing over time, shared names.
    assert any(p.nickname for p in people)
    assert any(len(p.given) > 1 or len(p.surname) > 1 for p in people)
    assert any(len({r.long for r in p.roles}) > 1 for p in people)
    surnames = [p.surname[0] for p in people]
    assert len(set(surnames)) < len(surnames)
    full = [(p.given[0], p.surname[0]) for p in people]
    assert len(set(full)) < len(full)  # namesakes: same full name, different gold ids
    # Given names outside the census list (not only the extractor's lexicon).
    census = {n.lower() for n, _ in generate._census()[0] + generate._census()[1]}
    outside = {fold(g["name_text"].split()[0]) for g in gold if " " in g["name_text"]} - census
    assert len(outside) >= 10
    # Titles attach to names: extents longer than the name for title+name mentions.
    assert any(g["form"] == "title_full" and g["start"] < g["name_start"] for g in gold)


def test_runner_child_produces_expected_figures(corpus, tmp_path):
    d, meta = corpus
    out = tmp_path / "out"
    out.mkdir()
    r = bench_run.child_resolve(d, out, 1)
    for col in bench_run.COLUMNS:
        assert col in r, col
    assert r["articles"] == 120 and r["words"] == meta["words"] and r["gold"] == meta["gold_mentions"]
    assert r["mentions"] > 0 and r["peak_rss_mb"] > 0 and r["extract_s"] > 0
    assert 0.0 <= r["bcubed_f1"] <= 1.0 and 0.0 <= r["extraction_overlap_f1"] <= 1.0
    assert (out / "mentions.csv").is_file()
    b = bench_run.child_baseline(d, out)
    assert 0.0 <= b["form_level_bcubed_f1"] <= 1.0 and b["form_level_pairs"] >= 0


def test_runner_command_writes_results_table(tmp_path):
    # One size, no baselines or profile (those run in-process above): the command and table.
    res = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "40", "--jobs", "1", "--cache", str(tmp_path / "cache"),
         "--out", str(tmp_path / "R.md"), "--no-baselines", "--hotspots", "0"],
        capture_output=True, text=True, timeout=600,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    table = (tmp_path / "R.md").read_text()
    assert "| articles | words | mentions |" in table and "B-cubed" in table
    assert "| 40 |" in table
    assert "## Targets" in table and "not measured" in table  # no 100k size in this run
    data = json.loads((tmp_path / "results.json").read_text())
    assert data["runs"][0]["articles"] == 40 and "error" not in data["runs"][0]
    assert "nproc" in data["info"]["machine"]


def test_targets_are_judged_from_the_figures():
    def row(n, extract_s, resolve_s, f1, rss_mb=1000.0):
        return {"articles": n, "extract_s": extract_s, "resolve_s": resolve_s, "total_s": extract_s + resolve_s, "bcubed_f1": f1,
                "tree_peak_rss_mb": rss_mb, "peak_rss_mb": rss_mb, "extract_words_per_cpu_s": 250_000.0}

    def judged(rows):
        return [met for _, _, met in bench_run.targets(rows)]

    # Order: 100k wall, 100k RSS, linearity, words per core, B-cubed stability.
    good = [row(1000, 1, 1, 0.95), row(10_000, 10, 11, 0.945), row(100_000, 90, 30, 0.942)]
    assert judged(good) == [True, True, True, True, True]
    bad = [row(1000, 1, 1, 0.95), row(10_000, 10, 11, 0.945), row(100_000, 200, 60, 0.93, rss_mb=5000.0)]
    assert judged(bad) == [False, False, False, True, False]  # 260 s; 4.9 GB; x12.4; 0.95 -> 0.93
    assert judged([row(1000, 1, 1, 0.95)]) == [None, None, None, True, None]  # not measured


@pytest.mark.parametrize(
    "script,args",
    [
        ("ecbplus.py", ["{missing}"]),
        ("extract_speed.py", ["{missing}"]),
        ("incremental.py", ["--data", "{missing}"]),
        ("quality.py", ["--data", "{missing}", "--corpora", "gum"]),
    ],
)
def test_scripts_reading_shared_data_fail_in_one_line_when_it_is_absent(tmp_path, script, args):
    missing = tmp_path / "no-such-data"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *(a.format(missing=missing) for a in args)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("error: no ") and str(missing) in done.stderr
