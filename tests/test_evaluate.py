"""resolve.evaluate and `resolve evaluate`: figures checked on hand-computed cases."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from resolve.cli import app
from resolve.errors import EvaluationError
from resolve.evaluate import align_mentions, b_cubed, clustering_scores, evaluate, extraction_scores, pairwise

from .conftest import ECB


def spans(rows, cols=("article_id", "start", "end")):
    return pd.DataFrame(rows, columns=list(cols))


# ---------------------------------------------------------------- B-cubed / pairwise


def test_b_cubed_textbook_example():
    # sys {1,2,3} {4,5}; gold {1,2} {3,4,5}.
    # precision per mention: 2/3, 2/3, 1/3, 1, 1 -> 11/15; recall: 1, 1, 1/3, 2/3, 2/3 -> 11/15.
    prf = b_cubed(["A", "A", "A", "B", "B"], [1, 1, 2, 2, 2])
    assert prf.precision == pytest.approx(11 / 15)
    assert prf.recall == pytest.approx(11 / 15)
    assert prf.f1 == pytest.approx(11 / 15)


def test_pairwise_textbook_example():
    # sys pairs: 3 (A) + 1 (B) = 4; gold pairs: 1 + 3 = 4; shared: (1,2) and (4,5) = 2.
    prf = pairwise(["A", "A", "A", "B", "B"], [1, 1, 2, 2, 2])
    assert (prf.precision, prf.recall) == pytest.approx((0.5, 0.5))


def test_all_singletons_against_one_entity():
    # B-cubed: every mention is alone -> precision 1, recall 1/3.
    prf = b_cubed(["a", "b", "c"], ["E", "E", "E"])
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((1.0, 1 / 3, 0.5))
    # Pairwise: no pair claimed (precision 1 by convention), none of the 3 gold pairs found.
    pw = pairwise(["a", "b", "c"], ["E", "E", "E"])
    assert (pw.precision, pw.recall, pw.f1) == pytest.approx((1.0, 0.0, 0.0))


def test_one_big_cluster_against_singletons():
    prf = b_cubed(["X"] * 4, [1, 2, 3, 4])
    assert (prf.precision, prf.recall) == pytest.approx((0.25, 1.0))
    assert prf.f1 == pytest.approx(0.4)


def test_perfect_and_empty():
    assert b_cubed(["a", "a", "b"], [7, 7, 9]).f1 == 1.0
    assert pairwise(["a", "a", "b"], [7, 7, 9]).f1 == 1.0
    assert b_cubed([], []).f1 == 0.0
    with pytest.raises(ValueError):
        b_cubed(["a"], [])


def test_labels_are_names_not_numbers():
    # The same partition under other label names scores the same.
    assert b_cubed(["A", "A", "A", "B", "B"], [1, 1, 2, 2, 2]) == b_cubed(["q", "q", "q", "r", "r"], ["x", "x", "y", "y", "y"])


# ---------------------------------------------------------------- extraction


GOLD = spans([("d1", 0, 10), ("d1", 20, 25), ("d2", 5, 9)])


def test_exact_and_overlap_extraction():
    pred = spans([("d1", 0, 10), ("d1", 18, 23), ("d1", 30, 35)])
    s = extraction_scores(pred, GOLD)
    # exact: only (0,10) -> 1 of 3 predicted, 1 of 3 gold.
    assert (s["exact"].precision, s["exact"].recall) == pytest.approx((1 / 3, 1 / 3))
    # overlap: (0,10) and (18,23)~(20,25) -> 2 of 3, 2 of 3.
    assert (s["overlap"].precision, s["overlap"].recall, s["overlap"].f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_overlap_is_one_to_one():
    # One long predicted span over two gold names counts once.
    s = extraction_scores(spans([("d1", 0, 30)]), GOLD[GOLD["article_id"] == "d1"])
    assert (s["overlap"].precision, s["overlap"].recall) == pytest.approx((1.0, 0.5))


def test_overlap_pairs_largest_overlap_first():
    # A=(6,30) overlaps X=(0,10) by 4 and Y=(8,30) by 22; B=(0,7) overlaps only X (by 7).
    # Taking pairs in row order would give A-X and leave B unmatched; largest overlap first
    # gives A-Y and B-X.
    pred = spans([("d", 6, 30), ("d", 0, 7)])
    gold = spans([("d", 0, 10), ("d", 8, 30)])
    assert sorted(align_mentions(pred, gold)) == [(0, 1), (1, 0)]
    assert extraction_scores(pred, gold)["overlap"].f1 == 1.0


def test_spans_touching_do_not_overlap():
    s = extraction_scores(spans([("d1", 10, 20)]), spans([("d1", 0, 10)]))
    assert s["overlap"].f1 == 0.0


def test_other_article_does_not_count():
    s = extraction_scores(spans([("d2", 0, 10)]), spans([("d1", 0, 10)]))
    assert s["exact"].f1 == 0.0 and s["overlap"].f1 == 0.0


def test_ranges_filter_both_sides():
    pred = spans([("d1", 0, 10), ("d1", 12, 17), ("d1", 30, 35), ("d2", 5, 9)])
    ranges = pd.DataFrame({"doc_id": ["d1"], "start": [0], "end": [15]})
    # Inside d1[0,15): gold (0,10); predicted (0,10) only ((12,17) crosses the edge); d2 has no range.
    s = extraction_scores(pred, GOLD, ranges)
    assert (s["exact"].precision, s["exact"].recall) == (1.0, 1.0)


def test_ranges_overlapping_and_nested():
    # A span inside the big range must count even though a later, smaller range starts before it.
    ranges = pd.DataFrame({"doc_id": ["d", "d"], "start": [0, 10], "end": [100, 20]})
    s = extraction_scores(spans([("d", 50, 60)]), spans([("d", 50, 60), ("d", 150, 160)]), ranges)
    assert (s["exact"].precision, s["exact"].recall) == (1.0, 1.0)


def test_gold_name_spans_win_over_extent():
    # ECB+ style: start/end is the extent with the title, name_start/name_end the name alone.
    gold = pd.DataFrame(
        {"doc_id": ["d"], "start": [0], "end": [19], "name_start": [10], "name_end": [19], "entity_id": ["E"]}
    )
    s = extraction_scores(spans([("d", 10, 19)]), gold)
    assert s["exact"].f1 == 1.0


def test_extraction_ignores_row_order():
    pred = spans([("d1", 0, 10), ("d1", 18, 23), ("d1", 30, 35)])
    a = extraction_scores(pred, GOLD)
    b = extraction_scores(pred.iloc[::-1].reset_index(drop=True), GOLD.iloc[::-1].reset_index(drop=True))
    assert a == b


# ---------------------------------------------------------------- clustering over found gold mentions


def test_clustering_only_cross_doc_and_only_found():
    gold = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b", "c"],
            "name_start": [0, 20, 0, 30, 0],
            "name_end": [5, 25, 5, 35, 5],
            "entity_id": ["E1", "E2", "E1", "E9", "E2"],
            "coref_status": ["cross_doc", "cross_doc", "cross_doc", "intra_doc", "cross_doc"],
        }
    )
    # Found: a0, a20, b0, b30 (intra_doc, ignored); c0 not found.  System puts all together.
    pred = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "start": [0, 20, 1, 30], "end": [5, 25, 4, 35], "entity_id": ["X"] * 4})
    c = clustering_scores(pred, gold)
    assert (c["found"], c["gold"]) == (3, 4)
    # Found cross_doc mentions: E1, E2, E1 all in X -> precision (2/3 + 1/3 + 2/3)/3 = 5/9, recall 1.
    assert (c["b_cubed"].precision, c["b_cubed"].recall) == pytest.approx((5 / 9, 1.0))
    # Extraction counts every gold row (the intra_doc one too): 4 of 5 found, 4 of 4 predicted right.
    s = evaluate(pred, gold)["extraction"]["overlap"]
    assert (s.precision, s.recall) == pytest.approx((1.0, 0.8))


def test_cluster_column_when_no_entity_id():
    gold = pd.DataFrame({"article_id": ["a", "b"], "start": [0, 0], "end": [3, 3], "entity_id": ["E", "E"]})
    pred = pd.DataFrame({"article_id": ["a", "b"], "start": [0, 0], "end": [3, 3], "cluster": [1, 2]})
    assert clustering_scores(pred, gold)["b_cubed"].recall == pytest.approx(0.5)


def test_predicted_mentions_take_the_gold_column_names_too():
    gold = pd.DataFrame({"doc_id": ["a", "b"], "name_start": [0, 0], "name_end": [3, 3], "entity_id": ["E", "E"]})
    pred = pd.DataFrame({"Doc_ID": ["a", "b"], "Start": [0, 0], "End": [3, 3], "entity_id": ["P", "P"]})
    res = evaluate(pred, gold)
    assert res["extraction"]["exact"].f1 == 1.0 and res["clustering"]["b_cubed"].f1 == 1.0


def test_missing_columns_are_clear_errors():
    with pytest.raises(EvaluationError, match="end"):
        evaluate(pd.DataFrame({"article_id": ["a"], "start": [0]}), GOLD)
    with pytest.raises(EvaluationError, match="entity_id"):
        clustering_scores(spans([("d1", 0, 10)]), GOLD)


# ---------------------------------------------------------------- CLI


def _write(path, rows, header):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return str(path)


def test_cli_evaluate_prints_hand_computed_figures(tmp_path):
    pred = _write(tmp_path / "mentions.csv", [("d1", 0, 10, "A"), ("d1", 18, 23, "A"), ("d1", 30, 35, "B")], ["article_id", "start", "end", "entity_id"])
    gold = _write(
        tmp_path / "gold.csv",
        [("d1", 0, 10, "E1", "cross_doc"), ("d1", 20, 25, "E2", "cross_doc"), ("d2", 5, 9, "E1", "cross_doc")],
        ["doc_id", "name_start", "name_end", "entity_id", "coref_status"],
    )
    res = CliRunner().invoke(app, ["evaluate", pred, gold])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert "extraction exact    P=0.333 R=0.333 F1=0.333" in lines
    assert "extraction overlap  P=0.667 R=0.667 F1=0.667" in lines
    assert "clustering found 2/3 gold mentions" in lines
    # Found: E1 and E2, both in A -> B-cubed precision 1/2, recall 1.
    assert "clustering b_cubed  P=0.500 R=1.000 F1=0.667" in lines


def test_cli_evaluate_ranges_and_json(tmp_path):
    pred = _write(tmp_path / "m.csv", [("d1", 0, 10, "A"), ("d1", 30, 35, "B")], ["article_id", "start", "end", "entity_id"])
    gold = _write(tmp_path / "g.csv", [("d1", 0, 10, "E1"), ("d1", 20, 25, "E2")], ["doc_id", "name_start", "name_end", "entity_id"])
    ranges = _write(tmp_path / "r.csv", [("d1", 1, 1, 0, 12)], ["doc_id", "sentence", "line", "start", "end"])
    res = CliRunner().invoke(app, ["evaluate", pred, gold, "--ranges", ranges, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["extraction"]["exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert out["clustering"]["found"] == 1 and out["clustering"]["gold"] == 2


def test_cli_evaluate_errors(tmp_path):
    gold = _write(tmp_path / "g.csv", [("d1", 0, 10, "E1")], ["doc_id", "name_start", "name_end", "entity_id"])
    bad = _write(tmp_path / "m.csv", [("d1", 0)], ["article_id", "start"])
    res = CliRunner().invoke(app, ["evaluate", bad, gold])
    assert res.exit_code == 1
    assert "missing column" in res.output and "end" in res.output
    res = CliRunner().invoke(app, ["evaluate", str(tmp_path / "nope.csv"), gold])
    assert res.exit_code == 1
    assert "no such file" in res.output


@pytest.mark.skipif(not (ECB / "gold_mentions.csv").is_file(), reason="ECB+ dev set not present")
def test_cli_reads_ecbplus_gold(tmp_path):
    """The dev set's gold reads as is; its own name spans as predictions score 1.0."""
    with open(ECB / "gold_mentions.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    n_cross = sum(r["coref_status"] == "cross_doc" for r in rows)
    pred = _write(
        tmp_path / "mentions.csv",
        [(r["doc_id"], r["name_start"], r["name_end"], r["entity_id"]) for r in rows],
        ["article_id", "start", "end", "entity_id"],
    )
    res = CliRunner().invoke(
        app, ["evaluate", pred, str(ECB / "gold_mentions.csv"), "--ranges", str(ECB / "selected_sentences.csv"), "--json"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["extraction"]["exact"]["f1"] == 1.0
    assert out["clustering"]["found"] == out["clustering"]["gold"] == n_cross
    assert out["clustering"]["b_cubed"]["f1"] == pytest.approx(1.0)
