"""Score predicted mentions against gold: extraction P/R/F1 and clustering B-cubed / pairwise.

Gold format (the ECB+ dev set's `gold_mentions.csv` reads as is; see docs/evaluate.md):
- required columns `doc_id` (or `article_id`), `name_start`, `name_end` (or `start`, `end`),
  `entity_id`; when both `name_start` and `start` are present, `name_start`/`name_end`
  (the personal name alone) are the spans scored;
- optional `coref_status`: when present, only `cross_doc` rows count for clustering
  (all rows count for extraction);
- optional ranges file (`doc_id` or `article_id`, `start`, `end`): extraction is scored
  only on predicted and gold spans lying inside one of these character ranges (the
  exhaustively annotated sentences).  Clustering ignores the ranges.

Predicted mentions: `article_id, start, end` and `entity_id` (our mentions table, in any
output format) or `cluster`.  All three tables take the same column names and aliases
as `resolve link` (`resolve.io.columns`: headers in any case, `doc_id`, `name_start`...).

Matching: a predicted span and a gold span of the same article *overlap* when they share
at least one character; each predicted span is paired with at most one gold span and
vice versa, largest overlap first (ties: earlier predicted row, then earlier gold row).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import asdict, dataclass
from itertools import accumulate
from pathlib import Path

import pandas as pd

from .errors import EvaluationError
from .io.columns import canonical_columns
from .io.tables import read_output
from .schema import require_columns


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


def _spans(df: pd.DataFrame, what: str) -> pd.DataFrame:
    """article_id (str), start, end (int) of a predicted or gold table, validated."""
    require_columns(df, ("article_id", "start", "end"), what, error=EvaluationError)
    dup = sorted({c for c in ("article_id", "start", "end") if list(df.columns).count(c) > 1})
    if dup:
        raise EvaluationError(f"{what}: column(s) {', '.join(dup)} given twice")
    out = df.copy()
    out["article_id"] = out["article_id"].astype(str)
    for c in ("start", "end"):
        try:
            out[c] = out[c].astype("int64")  # fast path: ints or digit strings
            continue
        except (ValueError, TypeError):
            pass
        vals = pd.to_numeric(out[c], errors="coerce")
        if vals.isna().any():
            row = int(vals.isna().to_numpy().nonzero()[0][0])
            raise EvaluationError(f"{what}: column {c} has a non-numeric value in data row {row + 1}")
        out[c] = vals.astype("int64")
    return out


def _gold_frame(gold: pd.DataFrame) -> pd.DataFrame:
    return _spans(canonical_columns(gold), "gold")


def _pred_frame(pred: pd.DataFrame) -> pd.DataFrame:
    return _spans(canonical_columns(pred), "predicted mentions")


def _ranges_frame(ranges: pd.DataFrame) -> pd.DataFrame:
    return _spans(canonical_columns(ranges), "ranges")


def _in_ranges(df: pd.DataFrame, ranges: pd.DataFrame | None) -> pd.Series:
    """True for spans lying wholly inside one range of their article."""
    if ranges is None:
        return pd.Series(True, index=df.index)
    r = _ranges_frame(ranges)
    # Per article: range starts, and the largest end among ranges starting at or before
    # each one: a span [st, en) is inside some range iff that max end >= en.
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for a, st, en in zip(r["article_id"], r["start"].tolist(), r["end"].tolist()):
        spans[a].append((st, en))
    by_doc: dict[str, tuple[list[int], list[int]]] = {}
    for a, lst in spans.items():
        lst.sort()
        by_doc[a] = ([st for st, _ in lst], list(accumulate((en for _, en in lst), max)))
    inside = []
    for a, st, en in zip(df["article_id"].astype(str), df["start"].tolist(), df["end"].tolist()):
        starts, max_end = by_doc.get(a, ((), ()))
        k = bisect_right(starts, st) - 1
        inside.append(k >= 0 and max_end[k] >= en)
    return pd.Series(inside, index=df.index, dtype=bool)


def _overlap_pairs(pred: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping spans per article (greedy by largest overlap).

    Returns (pred index label, gold index label) pairs.
    """
    gold_by_doc: dict[str, list[tuple[int, int, object]]] = defaultdict(list)
    for i, a, s, e in zip(gold.index, gold["article_id"].astype(str), gold["start"].tolist(), gold["end"].tolist()):
        gold_by_doc[a].append((s, e, i))
    index: dict[str, tuple[list[int], list[int], list[tuple[int, int, object]]]] = {}
    for a, spans in gold_by_doc.items():
        spans.sort(key=lambda x: x[0])
        index[a] = ([s for s, _, _ in spans], list(accumulate((e for _, e, _ in spans), max)), spans)
    cands_by_doc: dict[str, list[tuple[int, int, int, object, object]]] = defaultdict(list)
    for order, (j, a, s, e) in enumerate(zip(pred.index, pred["article_id"].astype(str), pred["start"].tolist(), pred["end"].tolist())):
        if a not in index:
            continue
        starts, max_end, spans = index[a]
        # Gold spans starting before `e`, walked back while some of them may still end after `s`.
        k = bisect_left(starts, e) - 1
        while k >= 0 and max_end[k] > s:
            gs, ge, i = spans[k]
            ov = min(e, ge) - max(s, gs)
            if ov > 0:
                cands_by_doc[a].append((-ov, order, k, j, i))
            k -= 1
    pairs = []
    for a in sorted(cands_by_doc):
        used_p, used_g = set(), set()
        for _, order, k, j, i in sorted(cands_by_doc[a], key=lambda c: c[:3]):
            if order not in used_p and k not in used_g:
                used_p.add(order)
                used_g.add(k)
                pairs.append((j, i))
    return pairs


def align_mentions(pred: pd.DataFrame, gold: pd.DataFrame) -> list[tuple[object, object]]:
    """(predicted row label, gold row label) for each one-to-one overlapping pair.

    `gold` may use the gold-file column names (doc_id, name_start, name_end).
    """
    return _overlap_pairs(_pred_frame(pred), _gold_frame(gold))


def extraction_scores(pred: pd.DataFrame, gold: pd.DataFrame, ranges: pd.DataFrame | None = None) -> dict[str, PRF]:
    """Exact-span and overlapping-span P/R/F1 (inside `ranges` when given).

    Exact: distinct (article, start, end) spans.  Overlap: one-to-one pairs of spans
    sharing at least one character, so a predicted span counts for at most one gold span.
    """
    gold = _gold_frame(gold)
    pred = _pred_frame(pred)
    p = pred[_in_ranges(pred, ranges)]
    g = gold[_in_ranges(gold, ranges)]
    pk = set(zip(p["article_id"], p["start"], p["end"]))
    gk = set(zip(g["article_id"], g["start"], g["end"]))
    exact = len(pk & gk)
    ov = len(_overlap_pairs(p, g))
    return {"exact": PRF.of(exact, len(pk), exact, len(gk)), "overlap": PRF.of(ov, len(p), ov, len(g))}


def clustering_scores(pred: pd.DataFrame, gold: pd.DataFrame) -> dict[str, object]:
    """B-cubed and pairwise P/R/F1 over the gold mentions (cross_doc only) that were found.

    A gold mention is found when a predicted span overlaps it (one-to-one).  The
    predicted entity is `entity_id` (or `cluster` when there is no entity_id).
    """
    gold = _gold_frame(gold)
    pred = _pred_frame(pred)
    if "entity_id" not in gold.columns:
        raise EvaluationError("gold: missing column entity_id")
    label_col = "entity_id" if "entity_id" in pred.columns else "cluster" if "cluster" in pred.columns else None
    if label_col is None:
        raise EvaluationError("predicted mentions: missing column entity_id (or cluster)")
    if "coref_status" in gold.columns:
        gold = gold[gold["coref_status"].astype(str) == "cross_doc"]
    pairs = _overlap_pairs(pred, gold)
    sys_of = dict(zip(pred.index, pred[label_col]))
    gold_of = dict(zip(gold.index, gold["entity_id"]))
    sys_label = [sys_of[j] for j, _ in pairs]
    gold_label = [gold_of[i] for _, i in pairs]
    return {"found": len(pairs), "gold": len(gold), "b_cubed": b_cubed(sys_label, gold_label), "pairwise": pairwise(sys_label, gold_label)}


def _counts(sys_label: list, gold_label: list) -> tuple[dict, dict, dict]:
    pair_count: dict = defaultdict(int)
    sys_count: dict = defaultdict(int)
    gold_count: dict = defaultdict(int)
    for s, g in zip(sys_label, gold_label):
        pair_count[(s, g)] += 1
        sys_count[s] += 1
        gold_count[g] += 1
    return pair_count, sys_count, gold_count


def b_cubed(sys_label: list, gold_label: list) -> PRF:
    """B-cubed precision/recall/F1 (Bagga & Baldwin 1998) over aligned label lists.

    Per mention m: precision = |sys(m) & gold(m)| / |sys(m)|, recall = ... / |gold(m)|,
    averaged over mentions.  Empty input gives 0/0/0.
    """
    if len(sys_label) != len(gold_label):
        raise ValueError("b_cubed: label lists differ in length")
    n = len(sys_label)
    if n == 0:
        return PRF(0.0, 0.0, 0.0)
    pair_count, sys_count, gold_count = _counts(sys_label, gold_label)
    # Each (sys, gold) cell of k mentions contributes k * k / |cluster|.
    p = sum(k * k / sys_count[s] for (s, _), k in pair_count.items()) / n
    r = sum(k * k / gold_count[g] for (_, g), k in pair_count.items()) / n
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def pairwise(sys_label: list, gold_label: list) -> PRF:
    """Precision/recall/F1 over all pairs of mentions placed together.

    With no pair on a side (all singletons) that side's score is 1.0: nothing claimed,
    nothing wrong.
    """
    if len(sys_label) != len(gold_label):
        raise ValueError("pairwise: label lists differ in length")

    def c2(k: int) -> int:
        return k * (k - 1) // 2

    pair_count, sys_count, gold_count = _counts(sys_label, gold_label)
    tp = sum(c2(k) for k in pair_count.values())
    ns, ng = sum(c2(k) for k in sys_count.values()), sum(c2(k) for k in gold_count.values())
    p = tp / ns if ns else 1.0
    r = tp / ng if ng else 1.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def evaluate(pred: pd.DataFrame, gold: pd.DataFrame, ranges: pd.DataFrame | None = None) -> dict[str, object]:
    """All figures: extraction (exact/overlap, inside `ranges`) and clustering (B-cubed/pairwise)."""
    pred = pred.reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    out: dict[str, object] = {"extraction": extraction_scores(pred, gold, ranges)}
    out["clustering"] = clustering_scores(pred, gold)
    return out


def _read_csv(path: str | Path) -> pd.DataFrame:
    """A gold or ranges CSV with every cell as text (ids like "007" stay text)."""
    try:
        return pd.read_csv(path, keep_default_na=False, dtype=str)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise EvaluationError(str(e)) from None


def read_gold(path: str | Path, ranges_path: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Read a gold mentions CSV (and an optional ranges CSV) with ids kept as text."""
    return _read_csv(path), (_read_csv(ranges_path) if ranges_path else None)


def read_predicted(path: str | Path) -> pd.DataFrame:
    """Read predicted mentions: our mentions table (any output format, via `read_output`)
    or any CSV with article_id, start, end, entity_id."""
    return read_output(path)


def evaluate_files(mentions: str | Path, gold: str | Path, ranges: str | Path | None = None) -> dict[str, object]:
    """`evaluate` on files, as `resolve evaluate` does; EvaluationError names a missing file."""
    for path in (mentions, gold, ranges):
        if path is not None and not Path(path).is_file():
            raise EvaluationError(f"no such file: {path}")
    g, r = read_gold(gold, ranges)
    return evaluate(read_predicted(mentions), g, r)


def report_lines(res: dict[str, object]) -> list[str]:
    """The figures of `evaluate` as the lines `resolve evaluate` prints."""
    lines = [f"extraction {kind:8s} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}" for kind, prf in res["extraction"].items()]
    c = res["clustering"]
    lines.append(f"clustering found {c['found']}/{c['gold']} gold mentions")
    for kind in ("b_cubed", "pairwise"):
        prf = c[kind]
        lines.append(f"clustering {kind:8s} P={prf.precision:.3f} R={prf.recall:.3f} F1={prf.f1:.3f}")
    return lines


def report_json(res: dict[str, object]) -> str:
    """The figures of `evaluate` as one JSON object (`resolve evaluate --json`)."""
    c = res["clustering"]
    out = {
        "extraction": {k: asdict(v) for k, v in res["extraction"].items()},
        "clustering": {"found": c["found"], "gold": c["gold"], "b_cubed": asdict(c["b_cubed"]), "pairwise": asdict(c["pairwise"])},
    }
    return json.dumps(out, indent=1)
