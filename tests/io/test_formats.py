"""resolve.io.formats: every output format gives the same rows back as CSV, through the CLI too."""

from __future__ import annotations

import json
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from resolve.cli import app
from resolve.io.formats import FORMAT_NAMES, format_of, get_format
from resolve.io.manifest import MANIFEST
from resolve.io.tables import OUTPUT_TABLES, read_output, write_tables

from ..conftest import SEEDS


def _needs(fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow", reason="pyarrow not installed: pip install 'resolve[parquet]' to test --format parquet")


def _run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def csv_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("csv") / "out"
    res = _run("run", SEEDS, "-o", out, "-q")
    assert res.exit_code == 0, res.output
    return out


@pytest.mark.parametrize("fmt", [f for f in FORMAT_NAMES if f != "csv"])
def test_run_in_each_format_gives_the_same_rows_as_csv(csv_run, tmp_path, fmt):
    _needs(fmt)
    out = tmp_path / "out"
    res = _run("run", SEEDS, "-o", out, "-q", "--format", fmt)
    assert res.exit_code == 0, res.output
    suffix = get_format(fmt).suffix
    assert sorted(p.name for p in out.iterdir()) == sorted([MANIFEST, *(f"{t}{suffix}" for t in OUTPUT_TABLES)])
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["format"] == fmt
    for table in OUTPUT_TABLES:
        expected = read_output(csv_run, table)
        assert len(expected.columns) == len(OUTPUT_TABLES[table])
        pd.testing.assert_frame_equal(read_output(out, table), expected)
        pd.testing.assert_frame_equal(read_output(out / f"{table}{suffix}"), expected)  # the file alone, too


@pytest.mark.parametrize("fmt", [f for f in FORMAT_NAMES if f != "csv"])
def test_link_reads_our_mentions_in_any_format(csv_run, tmp_path, fmt):
    _needs(fmt)
    res = _run("run", SEEDS, "-o", tmp_path / "run", "-q", "--format", fmt)
    assert res.exit_code == 0, res.output
    res = _run("link", tmp_path / "run" / f"mentions{get_format(fmt).suffix}", "-o", tmp_path / "linked", "-q")
    assert res.exit_code == 0, res.output
    res = _run("link", csv_run / "mentions.csv", "-o", tmp_path / "from_csv", "-q")
    assert res.exit_code == 0, res.output
    for table in OUTPUT_TABLES:
        pd.testing.assert_frame_equal(read_output(tmp_path / "linked", table), read_output(tmp_path / "from_csv", table))


def test_formula_guard_is_for_csv_only_and_the_manifest_says_so(tmp_path):
    df = pd.DataFrame({"article_id": ["=HYPERLINK(1)", "a"], "start": [0, 3]})
    write_tables({"mentions": df}, tmp_path / "csv")
    write_tables({"mentions": df}, tmp_path / "jsonl", format="jsonl")
    assert "'=HYPERLINK(1)" in (tmp_path / "csv" / "mentions.csv").read_text(encoding="utf-8")
    first = json.loads((tmp_path / "jsonl" / "mentions.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first == {"article_id": "=HYPERLINK(1)", "start": 0}
    csv_manifest = json.loads((tmp_path / "csv" / MANIFEST).read_text(encoding="utf-8"))
    jsonl_manifest = json.loads((tmp_path / "jsonl" / MANIFEST).read_text(encoding="utf-8"))
    assert "format" not in csv_manifest and csv_manifest["formula_guard"] is True
    assert jsonl_manifest["format"] == "jsonl" and jsonl_manifest["formula_guard"] is False
    for d in ("csv", "jsonl"):
        pd.testing.assert_frame_equal(read_output(tmp_path / d, "mentions"), df)


def test_switching_format_replaces_the_tables_of_the_previous_format(tmp_path):
    df = pd.DataFrame({"entity_id": ["E1"], "n_mentions": [2]})
    write_tables({"registry": df}, tmp_path)
    write_tables({"registry": df}, tmp_path, format="jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "registry.jsonl"]
    pd.testing.assert_frame_equal(read_output(tmp_path, "registry"), df)


def test_empty_jsonl_table_reads_back_with_its_documented_columns(tmp_path):
    write_tables({"redirects": pd.DataFrame(columns=OUTPUT_TABLES["redirects"])}, tmp_path, format="jsonl")
    assert (tmp_path / "redirects.jsonl").read_bytes() == b""
    back = read_output(tmp_path, "redirects")
    assert list(back.columns) == OUTPUT_TABLES["redirects"] and back.empty


def test_missing_pyarrow_is_a_clear_error_naming_the_pip_command_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` now raises ImportError
    res = _run("run", SEEDS, "-o", tmp_path / "out", "--format", "parquet")
    assert res.exit_code == 1
    assert "error: --format parquet needs pyarrow, which is not installed: pip install 'resolve[parquet]'" in res.stderr
    assert "Traceback" not in res.output and not (tmp_path / "out").exists()


def test_unknown_format_is_a_usage_error(tmp_path):
    assert _run("run", SEEDS, "-o", tmp_path / "out", "--format", "xlsx").exit_code == 2
    with pytest.raises(ValueError, match="unknown output format 'xlsx'"):
        get_format("xlsx")


def test_a_table_file_of_another_tool_reads_as_csv_whatever_its_suffix(tmp_path):
    assert format_of(tmp_path / "m.parquet").name == "parquet"
    assert format_of(tmp_path / "m.tsv").name == "csv"


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_same_tables_give_byte_identical_files_in_every_format(tmp_path, fmt):
    _needs(fmt)
    tables = {
        "mentions": pd.DataFrame({"article_id": ["007", "b"], "start": [0, 5], "confidence": [0.5, 1.0], "text": ["Hagel", "Шойгу"]}),
        "redirects": pd.DataFrame(columns=OUTPUT_TABLES["redirects"]),
    }
    write_tables(tables, tmp_path / "1", format=fmt)
    write_tables(tables, tmp_path / "2", format=fmt)
    for name in ("mentions", "redirects"):
        suffix = get_format(fmt).suffix
        assert (tmp_path / "1" / f"{name}{suffix}").read_bytes() == (tmp_path / "2" / f"{name}{suffix}").read_bytes()


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_categorical_columns_are_written_as_their_values(tmp_path, fmt):
    _needs(fmt)
    df = pd.DataFrame({"entity_id": ["E1", "=E2", "E1"], "name": ["Ann Lee", "", "Ann Lee"], "n_mentions": [3, 1, 3]})
    write_tables({"registry": df}, tmp_path / "objects", format=fmt)
    write_tables({"registry": df.astype({"entity_id": "category", "name": "category"})}, tmp_path / "categories", format=fmt)
    name = f"registry{get_format(fmt).suffix}"
    assert (tmp_path / "categories" / name).read_bytes() == (tmp_path / "objects" / name).read_bytes()


def test_jsonl_written_in_chunks_is_the_same_file(tmp_path, monkeypatch):
    from resolve.io.formats import jsonl

    df = pd.DataFrame({"old_id": [f"E{i}" for i in range(7)], "new_id": "E0", "reason": "merged", "run_date": ""})
    write_tables({"redirects": df}, tmp_path / "one", format="jsonl")
    monkeypatch.setattr(jsonl, "CHUNK_ROWS", 3)
    write_tables({"redirects": df}, tmp_path / "chunks", format="jsonl")
    assert (tmp_path / "chunks" / "redirects.jsonl").read_bytes() == (tmp_path / "one" / "redirects.jsonl").read_bytes()
