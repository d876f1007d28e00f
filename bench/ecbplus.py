"""Score resolve on the ECB+ dev set: extraction and clustering figures.

    python bench/ecbplus.py [DATA_DIR] [--out OUTDIR]

DATA_DIR defaults to ../shared/data/ecbplus-dev (relative to the repository).
Prints extraction P/R/F1 (exact and overlapping spans, selected sentences only)
and clustering B-cubed / pairwise P/R/F1 over the cross_doc gold mentions found,
plus the same clustering figures on *gold* spans (isolating the matcher).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from resolve import load_rules, run
from resolve.evaluate import evaluate
from resolve.pipeline import resolve_mentions
from resolve.io.inputs import read_articles

from corpora import require  # bench/corpora.py

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(HERE.parent.parent / "shared" / "data" / "ecbplus-dev"))
    ap.add_argument("--out", default=None, help="also write the outputs here")
    ap.add_argument("--split", default=None, help="only this split_cv2015 (train/dev)")
    args = ap.parse_args()
    data = Path(args.data)
    require(*(data / f for f in ("articles", "gold_mentions.csv", "selected_sentences.csv", "documents.csv")), what="ECB+ dev set")
    gold = pd.read_csv(data / "gold_mentions.csv", dtype={"doc_id": str, "entity_id": str}, keep_default_na=False)
    ranges = pd.read_csv(data / "selected_sentences.csv", dtype={"doc_id": str})
    docs = pd.read_csv(data / "documents.csv", dtype={"doc_id": str})
    if args.split:
        keep = set(docs.loc[docs["split_cv2015"] == args.split, "doc_id"])
        gold = gold[gold["doc_id"].isin(keep)]
        ranges = ranges[ranges["doc_id"].isin(keep)]
    rules = load_rules()
    t0 = time.perf_counter()
    res = run([str(data / "articles")], args.out, rules=rules)
    elapsed = time.perf_counter() - t0
    pred = res.tables["mentions"]
    if args.split:
        pred = pred[pred["article_id"].isin(keep)]
    scores = evaluate(pred, gold, ranges)
    print(f"{res.n_articles} articles, {len(pred)} mentions, {len(res.tables['registry'])} persons in {elapsed:.1f}s")
    for kind, prf in scores["extraction"].items():
        print(f"extraction {kind:8s} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}")
    c = scores["clustering"]
    print(f"clustering found {c['found']}/{c['gold']} cross_doc gold mentions")
    for kind in ("b_cubed", "pairwise"):
        prf = c[kind]
        print(f"clustering {kind:8s} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}")
    # Matcher alone: cluster the gold spans themselves.
    articles, _ = read_articles([str(data / "articles")])
    g = gold.rename(columns={"doc_id": "article_id"})
    gm = pd.DataFrame(
        {
            "article_id": g["article_id"],
            "start": g["name_start"].astype(int),
            "end": g["name_end"].astype(int),
            "text": g["name_text"],
        }
    )
    for col in ("title", "title_normalized", "affiliation", "honorific", "cue"):
        gm[col] = ""
    gm["confidence"] = 1.0
    tables = resolve_mentions(gm, articles, rules)
    gs = evaluate(tables["mentions"], gold, ranges)["clustering"]
    print(f"gold spans: b_cubed F1={gs['b_cubed'].f1:.3f} (P={gs['b_cubed'].precision:.3f} R={gs['b_cubed'].recall:.3f}) pairwise F1={gs['pairwise'].f1:.3f}")


if __name__ == "__main__":
    main()
