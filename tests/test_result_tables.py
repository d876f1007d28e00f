"""A run with an OUTDIR writes each table as it is built and lets go of it (issue 13):
`Result.tables` reads them back when asked (io.tables.WrittenTables), the files are those
of the tables built in memory, and the table writer commits all or nothing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from resolve import pipeline
from resolve.io import tables as io_tables
from resolve.io.tables import OUTPUT_TABLES, TableWriter, WrittenTables, read_output, write_tables
from resolve.registry import build_tables, links_table
from resolve.registry.evidence import evidence_table
from resolve.registry.links import LinkSides
from resolve.registry.tables import table_stream

from .conftest import SEEDS
from .registry.handmade import ARTICLES, clustered


def _files(d):
    return {p.name: p.read_bytes() for p in sorted(d.iterdir()) if p.is_file()}


def test_written_tables_are_the_tables_built_in_memory(tmp_path):
    in_memory = pipeline.run(str(SEEDS))  # no OUTDIR: every table held, as before
    assert isinstance(in_memory.tables, dict)
    write_tables(in_memory.tables, tmp_path / "held")
    result = pipeline.run(str(SEEDS), tmp_path / "out")
    assert isinstance(result.tables, WrittenTables)
    assert _files(tmp_path / "out") == _files(tmp_path / "held")  # byte for byte
    assert list(result.tables) == list(in_memory.tables) and set(result.tables) == set(OUTPUT_TABLES)
    for name, table in in_memory.tables.items():
        assert result.n_rows(name) == in_memory.n_rows(name) == len(table)
        pd.testing.assert_frame_equal(result.tables[name], read_output(tmp_path / "held", name))
    assert result.tables["mentions"] is result.tables["mentions"]  # read once, then kept
    with pytest.raises(KeyError):
        result.tables["nope"]


def test_a_table_is_read_only_when_asked_for(tmp_path, monkeypatch):
    result = pipeline.run(str(SEEDS), tmp_path / "out")
    read = []
    monkeypatch.setattr(io_tables, "read_output", lambda d, t: read.append(t) or read_output(d, t))
    assert result.n_rows("mentions") == len(read_output(tmp_path / "out", "mentions")) and read == []
    result.tables["registry"]
    assert read == ["registry"]


def test_table_stream_gives_the_tables_of_build_tables_one_at_a_time():
    df = clustered([("a1", 0, "Ida Quill", 0, "", "Mayor", "Oslo"), ("a1", 30, "Quill", 0, ""), ("a2", 5, "Omar Brink", 1, "")])
    built = build_tables(df, ARTICLES)
    streamed = list(table_stream(df, ARTICLES))
    assert [n for n, _ in streamed] == ["mentions", "registry", "titles", "redirects", "evidence", "articles"]
    for name, table in streamed:
        pd.testing.assert_frame_equal(table, built[name])


def test_link_sides_found_in_any_order_give_links_table():
    df = clustered([("a1", 0, "Ida Quill", 0, ""), ("a1", 30, "Quill", 0, ""), ("a2", 5, "Omar Brink", 1, "")])
    tables = build_tables(df, ARTICLES)
    links = pd.DataFrame({"a_article": ["a1", "a2"], "a_text": ["Quill", "Omar Brink"], "b_article": ["a1", "zz"], "b_text": ["Ida Quill", "x"]})
    want = links_table(links, tables)
    sides = LinkSides(links)
    for name in ("redirects", "evidence", "registry", "mentions"):  # not the order of precedence
        sides.find(name, tables[name])
    pd.testing.assert_frame_equal(sides.table(tables["redirects"]), want)
    entity = dict(zip(tables["mentions"]["text"], tables["mentions"]["entity_id"]))
    assert list(want["a_entity"]) == [entity["Quill"], entity["Omar Brink"]] and list(want["b_entity"]) == [entity["Ida Quill"], ""]


def test_evidence_keeps_categorical_text_columns_and_writes_the_same_bytes(tmp_path):
    df = clustered([("a1", 0, "Ida Quill", 0, "", "Mayor", "Oslo"), ("a1", 30, "Quill", 0, ""), ("a2", 5, "Omar Brink", 1, "")])
    df["entity_id"] = ["E1", "E1", "E2"]
    plain = evidence_table(df)
    coded = df.copy()
    for col in ("title_normalized", "affiliation", "date"):
        coded[col] = pd.Categorical(coded[col].fillna(""), categories=sorted(set(coded[col].fillna("")) | {""}))
    kept = evidence_table(coded)
    assert all(isinstance(kept[c].dtype, pd.CategoricalDtype) for c in ("title_normalized", "affiliation", "date"))
    assert plain.astype(object).equals(kept.astype(object))
    write_tables({"evidence": plain}, tmp_path / "plain")
    write_tables({"evidence": kept}, tmp_path / "kept")
    assert _files(tmp_path / "plain") == _files(tmp_path / "kept")


def test_table_writer_commits_nothing_when_the_tables_fail_half_way(tmp_path):
    old = {"registry": pd.DataFrame({"entity_id": ["E1"]}), "mentions": pd.DataFrame({"mention_id": ["m"]})}
    write_tables(old, tmp_path)
    before = _files(tmp_path)
    with pytest.raises(RuntimeError, match="boom"):
        with TableWriter(tmp_path) as writer:
            writer.add("mentions", pd.DataFrame({"mention_id": ["new"]}))
            raise RuntimeError("boom")  # e.g. building the next table failed
    assert _files(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before)  # no temporary file left


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_mentions_written_a_chunk_at_a_time_are_the_same_bytes(tmp_path, monkeypatch, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    in_memory = pipeline.run(str(SEEDS))  # no OUTDIR: the mentions table built whole
    write_tables(in_memory.tables, tmp_path / "held", format=fmt)
    monkeypatch.setattr(pipeline, "MENTION_CHUNK_ROWS", 7)  # many chunks, the last one short
    assert in_memory.n_rows("mentions") > 3 * 7 and in_memory.n_rows("mentions") % 7
    result = pipeline.run(str(SEEDS), tmp_path / "out", format=fmt)
    assert _files(tmp_path / "out") == _files(tmp_path / "held")  # links looked up in the chunked table too
    assert result.n_rows("mentions") == in_memory.n_rows("mentions")


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 100])
def test_chunked_mentions_are_the_rows_of_the_mentions_table(chunk_rows):
    df = clustered([("a2", 5, "Omar Brink", 1, ""), ("a1", 30, "Quill", 0, ""), ("a1", 0, "Ida Quill", 0, "", "Mayor", "Oslo")])
    whole = dict(table_stream(df, ARTICLES))["mentions"]
    chunked = dict(table_stream(df, ARTICLES, chunk_rows=chunk_rows))["mentions"]
    assert isinstance(chunked, io_tables.Chunked) and len(chunked) == len(whole) == 3
    chunks = list(chunked.chunks())
    assert [len(c) for c in chunks] == [min(chunk_rows, 3 - a) for a in range(0, 3, chunk_rows)]
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), whole)
    pd.testing.assert_frame_equal(chunked.whole(), whole)
    for col in ("mention_id", "article_id", "text", "entity_id"):
        assert chunked[col].tolist() == whole[col].tolist()


def test_an_empty_chunked_table_writes_its_header(tmp_path):
    empty = pd.DataFrame({"mention_id": pd.Series([], dtype=object), "text": pd.Categorical([])})
    chunked = io_tables.Chunked(0, lambda: iter([empty]), lambda: empty, empty.__getitem__)
    for fmt in ("csv", "jsonl"):
        with TableWriter(tmp_path / "c" / fmt, format=fmt) as writer:
            writer.add("mentions", chunked)
        write_tables({"mentions": empty}, tmp_path / "w" / fmt, format=fmt)
        assert _files(tmp_path / "c" / fmt) == _files(tmp_path / "w" / fmt)


def test_the_formula_guard_of_chunks_is_that_of_the_whole_table(tmp_path):
    from resolve.io.guard import neutralize_formulas

    cats = pd.Index(["+44 20", "=cmd()", "Ida", "-x", "'=y"], dtype=object)
    whole = pd.DataFrame(
        {"text": pd.Categorical.from_codes([1, 2, 0, 3, 4, 1, 2], categories=cats), "note": ["=a", "b", "@c", "d", "", "-e", "f"]}
    )
    memo: dict = {}
    parts = [neutralize_formulas(whole.iloc[a : a + 2], memo) for a in range(0, len(whole), 2)]
    assert len(memo) == 1  # the shared categories guarded once
    pd.testing.assert_frame_equal(pd.concat(parts).astype(object), neutralize_formulas(whole).astype(object))
    chunked = io_tables.Chunked(len(whole), lambda: (whole.iloc[a : a + 3] for a in range(0, len(whole), 3)), lambda: whole, whole.__getitem__)
    with TableWriter(tmp_path / "c") as writer:
        writer.add("t", chunked)
    write_tables({"t": whole}, tmp_path / "w")
    assert _files(tmp_path / "c") == _files(tmp_path / "w")
    assert (tmp_path / "c" / "t.csv").read_text().splitlines()[1] == "'=cmd(),'=a"


@pytest.mark.parametrize("chunk_rows", [1, 2, 100])
def test_chunked_evidence_is_the_evidence_table_in_its_order(chunk_rows):
    from resolve.columns import sorted_categorical

    # Ties on article and offsets (the text decides), and rows out of order.
    df = clustered([("a2", 5, "Omar Brink", 1, ""), ("a1", 30, "Quill", 0, ""), ("a1", 0, "Ida Quill", 0, "", "Mayor", "Oslo"), ("a1", 0, "Ida", 0, "")])
    df["end"] = [15, 35, 9, 9]
    for col in ("article_id", "text"):
        values = sorted(set(df[col]))
        df[col] = sorted_categorical(values, np.array([values.index(v) for v in df[col]]))
    whole = dict(table_stream(df, ARTICLES))["evidence"]
    chunked = dict(table_stream(df, ARTICLES, chunk_rows=chunk_rows))["evidence"]
    assert isinstance(chunked, io_tables.Chunked) and len(chunked) == len(whole) == 4
    pd.testing.assert_frame_equal(pd.concat(list(chunked.chunks()), ignore_index=True), whole)
    assert whole["text"].tolist()[:2] == ["Ida", "Ida Quill"]
    for col in ("article_id", "text", "entity_id"):
        assert chunked[col].tolist() == whole[col].tolist()


def test_evidence_of_other_columns_is_built_whole():
    df = clustered([("a2", 5, "Omar Brink", 1, ""), ("a1", 30, "Quill", 0, "")])  # object columns
    assert isinstance(dict(table_stream(df, ARTICLES, chunk_rows=1))["evidence"], pd.DataFrame)
