"""Score predicted mentions against gold: extraction P/R/F1 and clustering B-cubed / pairwise.

Gold format (the ECB+ dev set's `gold_mentions.csv` reads as is):
- required columns `doc_id` (or `article_id`), `name_start`, `name_end` (or `start`, `end`),
  `entity_id`;
- optional `coref_status`: when present, only `cross_doc` rows count for clustering;
- optional ranges file (`doc_id, start, end`): extraction is scored only on predicted and gold
  spans inside these character ranges (the exhaustively annotated sentences).

Predicted mentions: `article_id, start, end, entity_id` (our mentions.csv).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @staticmethod
    def of(tp_p: float, n_pred: float, tp_r: float, n_gold: float) -> "PRF":
        p = tp_p / n_pred if n_pred else 0.0
        r = tp_r / n_gold if n_gold else 0.0
        return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def _gold_frame(gold: pd.DataFrame) -> pd.DataFrame:
    g = gold.rename(columns={"doc_id": "article_id"})
    if "name_start" in g.columns:
        g = g.assign(start=g["name_start"], end=g["name_end"])
    return g


def _in_ranges(df: pd.DataFrame, ranges: pd.DataFrame | None) -> pd.Series:
    if ranges is None:
        return pd.Series(True, index=df.index)
    r = ranges.rename(columns={"doc_id": "article_id"})
    by_doc: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a, s, e in zip(r["article_id"].astype(str), r["start"], r["end"]):
        by_doc[a].append((int(s), int(e)))
    return pd.Series(
        [any(s <= st and en <= e for s, e in by_doc.get(a, ())) for a, st, en in zip(df["article_id"].astype(str), df["start"], df["end"])],
        index=df.index,
    )


def _overlap_pairs(pred: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping spans per article (greedy by largest overlap)."""
    pairs = []
    gold_by_doc: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for i, a, s, e in zip(gold.index, gold["article_id"].astype(str), gold["start"], gold["end"]):
        gold_by_doc[a].append((int(s), int(e), i))
    cands = []
    for j, a, s, e in zip(pred.index, pred["article_id"].astype(str), pred["start"], pred["end"]):
        for gs, ge, i in gold_by_doc.get(a, ()):
            ov = min(int(e), ge) - max(int(s), gs)
            if ov > 0:
                cands.append((-ov, j, i))
    used_p, used_g = set(), set()
    for _, j, i in sorted(cands):
        if j not in used_p and i not in used_g:
            used_p.add(j)
            used_g.add(i)
            pairs.append((j, i))
    return pairs


def extraction_scores(pred: pd.DataFrame, gold: pd.DataFrame, ranges: pd.DataFrame | None = None) -> dict[str, PRF]:
    """Exact-span and overlapping-span P/R/F1 (inside `ranges` when given)."""
    gold = _gold_frame(gold)
    p = pred[_in_ranges(pred, ranges)]
    g = gold[_in_ranges(gold, ranges)]
    pk = set(zip(p["article_id"].astype(str), p["start"].astype(int), p["end"].astype(int)))
    gk = set(zip(g["article_id"].astype(str), g["start"].astype(int), g["end"].astype(int)))
    exact = len(pk & gk)
    ov = len(_overlap_pairs(p, g))
    return {"exact": PRF.of(exact, len(pk), exact, len(gk)), "overlap": PRF.of(ov, len(p), ov, len(g))}


def clustering_scores(pred: pd.DataFrame, gold: pd.DataFrame) -> dict[str, object]:
    """B-cubed and pairwise P/R/F1 over the gold mentions (cross_doc only) that were found.

    A gold mention is found when a predicted span overlaps it (one-to-one).
    """
    gold = _gold_frame(gold)
    if "coref_status" in gold.columns:
        gold = gold[gold["coref_status"] == "cross_doc"]
    pairs = _overlap_pairs(pred, gold)
    sys_label = [pred.at[j, "entity_id"] for j, _ in pairs]
    gold_label = [gold.at[i, "entity_id"] for _, i in pairs]
    return {"found": len(pairs), "gold": len(gold), "b_cubed": b_cubed(sys_label, gold_label), "pairwise": pairwise(sys_label, gold_label)}


def b_cubed(sys_label: list, gold_label: list) -> PRF:
    """B-cubed precision/recall/F1 (Bagga & Baldwin 1998) over aligned label lists."""
    n = len(sys_label)
    if n == 0:
        return PRF(0.0, 0.0, 0.0)
    pair_count: dict = defaultdict(int)
    sys_count: dict = defaultdict(int)
    gold_count: dict = defaultdict(int)
    for s, g in zip(sys_label, gold_label):
        pair_count[(s, g)] += 1
        sys_count[s] += 1
        gold_count[g] += 1
    p = sum(pair_count[(s, g)] / sys_count[s] for s, g in zip(sys_label, gold_label)) / n
    r = sum(pair_count[(s, g)] / gold_count[g] for s, g in zip(sys_label, gold_label)) / n
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def pairwise(sys_label: list, gold_label: list) -> PRF:
    """Precision/recall/F1 over all pairs of mentions placed together."""

    def c2(k: int) -> int:
        return k * (k - 1) // 2

    pair_count: dict = defaultdict(int)
    sys_count: dict = defaultdict(int)
    gold_count: dict = defaultdict(int)
    for s, g in zip(sys_label, gold_label):
        pair_count[(s, g)] += 1
        sys_count[s] += 1
        gold_count[g] += 1
    tp = sum(c2(k) for k in pair_count.values())
    ns, ng = sum(c2(k) for k in sys_count.values()), sum(c2(k) for k in gold_count.values())
    p = tp / ns if ns else 1.0
    r = tp / ng if ng else 1.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def evaluate(pred: pd.DataFrame, gold: pd.DataFrame, ranges: pd.DataFrame | None = None) -> dict[str, object]:
    """All figures: extraction (exact/overlap) and clustering (B-cubed/pairwise)."""
    pred = pred.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    out: dict[str, object] = {"extraction": extraction_scores(pred, gold, ranges)}
    out["clustering"] = clustering_scores(pred, gold)
    return out
