from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from resolve.cli import app
from resolve.errors import InputError
from resolve.link import link, prepare_mentions
from resolve.schema import LINKS_OUT_COLUMNS, MENTIONS_OUT_COLUMNS, REGISTRY_COLUMNS


def write(path, rows: list[dict]) -> str:
    pd.DataFrame(rows).to_csv(path, index=False)
    return str(path)


def registry(outdir) -> pd.DataFrame:
    return pd.read_csv(outdir / "registry.csv", dtype=str, keep_default_na=False)


def test_link_minimal_columns_via_cli(tmp_path):
    src = write(
        tmp_path / "m.csv",
        [
            {"article_id": "a1", "text": "Thomas Donilon"},
            {"article_id": "a1", "text": "Donilon"},
            {"article_id": "a2", "text": "Tom Donilon"},
            {"article_id": "a2", "text": "Chuck Hagel"},
            {"article_id": "a3", "text": "Hagel"},
        ],
    )
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["link", src, "-o", str(out)])
    assert res.exit_code == 0, res.output
    reg = registry(out)
    assert set(REGISTRY_COLUMNS) <= set(reg.columns)
    by_name = dict(zip(reg["name"], reg["aliases"]))
    assert set(by_name) == {"Thomas Donilon", "Chuck Hagel"}
    assert by_name["Thomas Donilon"] == "Donilon|Thomas Donilon|Tom Donilon"
    ments = pd.read_csv(out / "mentions.csv", dtype=str, keep_default_na=False)
    assert set(MENTIONS_OUT_COLUMNS) <= set(ments.columns)
    links = pd.read_csv(out / "links.csv", dtype=str, keep_default_na=False)
    assert list(links.columns) == LINKS_OUT_COLUMNS and len(links)


def test_link_library_uses_titles_and_dates(tmp_path, rules):
    src = write(
        tmp_path / "m.csv",
        [
            {"article_id": "x", "text": "James Miller", "title": "Defense Undersecretary for Policy", "date": "2013-03-26", "start": 5, "end": 17},
            {"article_id": "y", "text": "James Miller", "title": "Professor", "date": "1994-01-01", "start": 0, "end": 12},
        ],
    )
    result = link(src, tmp_path / "out", rules=rules)
    m = result.tables["mentions"]
    assert list(m["start"]) == [5, 0]
    assert list(m["date"]) == ["2013-03-26", "1994-01-01"]
    assert m.loc[0, "title_normalized"] != ""  # parsed from the raw title with the title rules
    assert result.n_articles == 2


def test_offsets_from_row_order_keep_text_equal_to_the_span(rules):
    raw = pd.DataFrame({"article_id": ["a", "a", "b"], "text": ["Vladimir Putin", "Putin", "Putin"]})
    m, articles, problems = prepare_mentions(raw, rules)
    texts = dict(zip(articles["article_id"], articles["text"]))
    for a, s, e, t in zip(m["article_id"], m["start"], m["end"], m["text"]):
        assert texts[a][s:e] == t
    assert problems == []


def test_rows_without_text_are_reported_not_fatal(tmp_path, rules):
    src = write(tmp_path / "m.csv", [{"article_id": "a", "text": "Vladimir Putin"}, {"article_id": "a", "text": ""}])
    result = link(src, None, rules=rules)
    assert len(result.tables["mentions"]) == 1
    (problem,) = result.problems
    assert problem.where == src and problem.message.startswith("row 3: ") and problem.severity == "warning"


def test_missing_required_column_is_a_clear_error(tmp_path, rules):
    src = write(tmp_path / "m.csv", [{"doc": "a", "text": "Vladimir Putin"}])
    with pytest.raises(InputError, match="article_id"):
        link(src, None, rules=rules)
    res = CliRunner().invoke(app, ["link", src, "-o", str(tmp_path / "out")])
    assert res.exit_code == 1 and "article_id" in res.output


def test_link_output_is_independent_of_row_order(tmp_path):
    rows = [
        {"article_id": "a1", "text": "James Miller", "start": 0, "end": 12},
        {"article_id": "a2", "text": "John Miller", "start": 0, "end": 11},
        {"article_id": "a3", "text": "J. Miller", "start": 4, "end": 13},
        {"article_id": "a4", "text": "Miller", "start": 0, "end": 6},
        {"article_id": "a4", "text": "Jim Miller", "start": 20, "end": 30},
    ]
    one = write(tmp_path / "one.csv", rows)
    two = write(tmp_path / "two.csv", list(reversed(rows)))
    runner = CliRunner()
    assert runner.invoke(app, ["link", one, "-o", str(tmp_path / "o1")]).exit_code == 0
    assert runner.invoke(app, ["link", two, "-o", str(tmp_path / "o2")]).exit_code == 0
    for name in ("mentions.csv", "registry.csv", "links.csv"):
        assert (tmp_path / "o1" / name).read_bytes() == (tmp_path / "o2" / name).read_bytes()


def test_link_takes_the_column_names_evaluate_takes(tmp_path, rules):
    """doc_id for article_id, name_start/name_end over start/end, headers in any case: as `resolve evaluate`."""
    gold_like = write(
        tmp_path / "g.csv",
        [
            {"Doc_ID": "d1", "Text": "Chuck Hagel", "start": 0, "end": 29, "name_start": 18, "name_end": 29},
            {"Doc_ID": "d2", "Text": "Hagel", "start": 4, "end": 9, "name_start": 4, "name_end": 9},
        ],
    )
    m = link(gold_like, None, rules=rules).tables["mentions"]
    assert list(zip(m["article_id"], m["start"], m["end"])) == [("d1", 18, 29), ("d2", 4, 9)]
    assert m["entity_id"].nunique() == 1
