"""Extraction quality per corpus: the figures README's quality table shows.

    python bench/quality.py [--corpora gum,btc] [--split dev] [--json FILE] [--genres] [--no-loco] [--loco-whole]

For each annotated corpus in ../shared/data (bench/corpora.py), on its `dev` split:
extraction precision / recall / F1 for exact spans and for overlapping spans (micro over
documents; ecbplus-dev inside its exhaustively annotated sentences only; @-handles and
title references neither counted nor penalised), **type confusion** (share of predicted
persons overlapping a gold organisation, place, product or work and no gold person),
recall of the `lowercase` gold names separately (the extractor relies on capitals), and
B-cubed F1 over the gold mentions found where the corpus has identities (ecbplus-dev
across documents, gum within documents).  Each corpus's dev split is extracted as one
batch of its own, as `resolve run` would see it.

The **leave-one-corpus-out** columns (`--no-loco` skips them; about 40 s per corpus)
retrain the person model (bench/train_extractor.py) on the training splits of all
the *other* corpora and score this one's dev split with it: the honest estimate for
news of a kind the model never saw.  The other columns use the shipped model, trained
on every corpus's training split.  `--loco-whole` also scores the *whole* held-out corpus
(train and dev splits) with the same model: a larger, less noisy test.

Never one number averaged over corpora: they measure different things.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402

from resolve import load_rules  # noqa: E402
from resolve.evaluate import PRF, b_cubed, extraction_scores, align_mentions  # noqa: E402
from resolve.extract import extract_articles  # noqa: E402
from resolve.pipeline import resolve_mentions  # noqa: E402
from resolve.sources.rules import RulesExtractor  # noqa: E402


def _overlaps_any(pred: pd.DataFrame, spans: pd.DataFrame) -> pd.Series:
    """True for predicted rows that share a character with any row of `spans` (same article)."""
    by_doc: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a, s, e in zip(spans["article_id"], spans["start"], spans["end"]):
        by_doc[a].append((int(s), int(e)))
    hit = [any(s < ge and gs < e for gs, ge in by_doc.get(a, ())) for a, s, e in zip(pred["article_id"], pred["start"], pred["end"])]
    return pd.Series(hit, index=pred.index, dtype=bool)


def score_extraction(pred: pd.DataFrame, corpus: corpora.Corpus) -> dict:
    """Exact/overlap P/R/F1, type confusion and lowercase recall of `pred` on `corpus`."""
    pred = pred[["article_id", "start", "end"]].copy()
    if corpus.ranges is not None:  # only what lies inside the annotated ranges counts
        from resolve.evaluate import _in_ranges  # the evaluator's own definition of "inside"

        pred = pred[_in_ranges(pred, corpus.ranges)]
        gold = corpus.person[_in_ranges(corpus.person, corpus.ranges)]
    else:
        gold = corpus.person
    pred = pred[~_overlaps_any(pred, corpus.ignore)]
    scores = extraction_scores(pred, gold)
    confused = _overlaps_any(pred, corpus.other) & ~_overlaps_any(pred, gold)
    lower = gold[gold["note"].str.contains("lowercase")]
    found_lower = len(align_mentions(pred, lower)) if len(lower) else 0
    return {
        "n_docs": len(corpus.articles),
        "n_gold": len(gold),
        "n_pred": len(pred),
        "exact": scores["exact"].__dict__,
        "overlap": scores["overlap"].__dict__,
        "type_confusion": float(confused.mean()) if len(pred) else 0.0,
        "n_confused": int(confused.sum()),
        "lowercase_recall": found_lower / len(lower) if len(lower) else None,
        "n_lowercase": len(lower),
    }


def score_clustering(mentions_out: pd.DataFrame, corpus: corpora.Corpus) -> dict | None:
    """B-cubed over the gold mentions found (ecbplus-dev: cross_doc only; gum: all)."""
    gold = corpus.person[corpus.person["entity_id"] != ""]
    if corpus.name == "ecbplus-dev":
        gold = gold[gold["note"] == "cross_doc"]
    elif corpus.name != "gum":
        return None
    pairs = align_mentions(mentions_out, gold)
    sys_label = [mentions_out.at[j, "entity_id"] for j, _ in pairs]
    gold_label = [gold.at[i, "entity_id"] for _, i in pairs]
    return {"found": len(pairs), "gold": len(gold), "b_cubed": b_cubed(sys_label, gold_label).__dict__}


def rules_extractor(rules, model=None):
    """The default extractor (with `model` instead of the shipped person model when given)."""
    extractor = RulesExtractor(rules, model)

    def extract(articles: pd.DataFrame) -> pd.DataFrame:
        return extract_articles(articles, rules, extractor=extractor)
    return extract


def evaluate_corpus(corpus: corpora.Corpus, extract, rules, *, cluster: bool = True, genres: bool = False) -> dict:
    t0 = time.perf_counter()
    mentions = extract(corpus.articles)
    seconds = time.perf_counter() - t0
    out = {"corpus": corpus.name, "seconds": seconds, **score_extraction(mentions, corpus)}
    if genres and len(set(corpus.genre.values())) > 1:
        out["genres"] = {}
        for g in sorted(set(corpus.genre.values())):
            docs = {d for d, v in corpus.genre.items() if v == g}
            sub = corpora.Corpus(corpus.name, corpus.articles[corpus.articles["article_id"].isin(docs)],
                                 *(None if t is None else t[t["article_id"].isin(docs)] for t in
                                   (corpus.person, corpus.ignore, corpus.other, corpus.ranges)),
                                 {d: corpus.split[d] for d in docs}, {d: g for d in docs})
            out["genres"][g] = score_extraction(mentions[mentions["article_id"].isin(docs)], sub)
    if cluster and corpus.name in ("ecbplus-dev", "gum") and len(mentions):
        tables = resolve_mentions(mentions, corpus.articles, rules)
        out["clustering"] = score_clustering(tables["mentions"], corpus)
    return out


def _fmt(p: dict) -> str:
    return f"{p['f1']:.3f} ({p['precision']:.3f} / {p['recall']:.3f})"


def print_table(results: list[dict]) -> None:
    print("| corpus | docs | gold | F1 overlap (P / R) | F1 exact (P / R) | type confusion | leave-one-corpus-out F1 overlap (P / R) | LOCO type confusion | lowercase recall | B-cubed F1 |")
    print("|---|---:|---:|---|---|---:|---|---:|---:|---:|")
    for r in results:
        low = "" if r["lowercase_recall"] is None else f"{r['lowercase_recall']:.2f} of {r['n_lowercase']}"
        bc = r.get("clustering")
        bcs = f"{bc['b_cubed']['f1']:.3f} ({bc['found']}/{bc['gold']})" if bc else ""
        lo = r.get("loco")
        los = (_fmt(lo["overlap"]), f"{100 * lo['type_confusion']:.1f}%") if lo else ("", "")
        print(f"| {r['corpus']} | {r['n_docs']} | {r['n_gold']} | {_fmt(r['overlap'])} | {_fmt(r['exact'])} | "
              f"{100 * r['type_confusion']:.1f}% ({r['n_confused']}) | {los[0]} | {los[1]} | {low} | {bcs} |")
        for g, s in r.get("genres", {}).items():
            print(f"| &nbsp; {g} | {s['n_docs']} | {s['n_gold']} | {_fmt(s['overlap'])} | {_fmt(s['exact'])} | "
                  f"{100 * s['type_confusion']:.1f}% | | |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default=",".join(corpora.CORPORA))
    ap.add_argument("--split", default="dev")
    ap.add_argument("--data", default=str(corpora.DATA))
    ap.add_argument("--json", default=None, help="also write the figures here")
    ap.add_argument("--genres", action="store_true", help="break each corpus down by genre")
    ap.add_argument("--no-cluster", action="store_true", help="skip the B-cubed figures")
    ap.add_argument("--no-loco", action="store_true", help="skip the leave-one-corpus-out columns (retraining)")
    ap.add_argument("--loco-whole", action="store_true",
                    help="also score the whole held-out corpus (train and dev splits) with the leave-one-corpus-out model")
    args = ap.parse_args()
    names = args.corpora.split(",")
    for name in names:  # all there before the first one is scored
        corpora.require(Path(args.data) / name / "gold_mentions.csv", what="annotated corpus")
    rules = load_rules()
    extract = rules_extractor(rules)
    data = Path(args.data)
    results = []
    for name in names:
        corpus = corpora.load(name, data).subset(args.split)
        result = evaluate_corpus(corpus, extract, rules, cluster=not args.no_cluster, genres=args.genres)
        if not args.no_loco:
            import train_extractor

            others = [corpora.load(o, data).subset("train") for o in corpora.CORPORA if o != name]
            model = train_extractor.train(others, rules)
            result["loco"] = score_extraction(rules_extractor(rules, model)(corpus.articles), corpus)
            if args.loco_whole:
                whole = corpora.load(name, data)
                result["loco_whole"] = score_extraction(rules_extractor(rules, model)(whole.articles), whole)
        results.append(result)
        print(f"{name} done", file=sys.stderr, flush=True)
    print_table(results)
    if any("loco_whole" in r for r in results):
        print("\n| corpus (whole, leave-one-corpus-out) | docs | gold | F1 overlap (P / R) | type confusion |")
        print("|---|---:|---:|---|---:|")
        for r in results:
            w = r.get("loco_whole")
            if w:
                print(f"| {r['corpus']} | {w['n_docs']} | {w['n_gold']} | {_fmt(w['overlap'])} | {100 * w['type_confusion']:.1f}% ({w['n_confused']}) |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
