"""registry/previous.py: reading and validating a previous registry (through `resolve run --registry`)."""

from __future__ import annotations

import pytest

from resolve.registry import RegistryError, load_registry

from ..conftest import SEEDS
from .runs import FIRST, cli, entity_of, registry_dir, rows, write_rows


@pytest.mark.parametrize(
    "text, expected",
    [
        ("entity_id,aliases\nE1,Tom\n", "registry.csv:1: missing column(s) name"),
        ("entity_id,name,aliases\nE1,Tom Donilon,\nE2,Chuck Hagel,\nE1,Thomas Donilon,\n", "registry.csv:4: duplicate entity_id 'E1' (first at line 2)"),
        ("entity_id,name,aliases\nE1,Tom Donilon,\n,Chuck Hagel,\n", "registry.csv:3: empty entity_id"),
        ("entity_id,name,aliases,n_mentions\nE1,Tom Donilon,,many\n", "registry.csv:2: n_mentions 'many'"),
        ("entity_id,name,aliases\nE1,Tom Donilon\n", "registry.csv:2: 2 fields, the header has 3"),
    ],
)
def test_malformed_registry_is_a_clear_error(tmp_path, text, expected):
    bad = registry_dir(tmp_path, text)
    code, out, res = cli("run", "-q", SEEDS, "-o", tmp_path / "o", "--registry", bad)
    assert code == 1
    assert expected in out
    assert str(bad / "registry.csv") in out
    assert "Traceback" not in out and isinstance(res.exception, SystemExit)
    assert not (tmp_path / "o").exists()  # nothing written


def test_malformed_redirects_and_titles_are_errors(tmp_path, first_run):
    (donilon,) = entity_of(first_run, "Thomas Donilon")
    write_rows(first_run / "redirects.csv", [{"old_id": donilon, "new_id": "Exyz", "reason": "", "run_date": ""}])
    with pytest.raises(RegistryError) as e:
        load_registry(first_run)
    assert f"redirects.csv:2: old_id '{donilon}' is still an entity" in str(e.value)
    (first_run / "redirects.csv").unlink()
    titles = rows(first_run / "titles.csv")
    titles[0]["entity_id"] = "Enobody"
    write_rows(first_run / "titles.csv", titles)
    with pytest.raises(RegistryError, match=r"titles\.csv:2: entity_id 'Enobody' is not an entity"):
        load_registry(first_run)


def test_missing_registry_is_a_clear_error(tmp_path):
    code, out, _ = cli("run", "-q", SEEDS, "-o", tmp_path / "o", "--registry", tmp_path / "nowhere")
    assert code == 1 and "registry not found" in out


def test_formula_guarded_cells_read_back(tmp_path):
    """A name that write.py guarded ("'=...") is read back as written by the human."""
    reg = registry_dir(tmp_path, "entity_id,name,aliases\nE1,'=Tom Donilon,'=Tom Donilon\n")
    prev = load_registry(reg)
    assert prev.entities["E1"].name == "=Tom Donilon"


@pytest.mark.parametrize("fmt, extra", [("jsonl", []), ("csv", ["--no-formula-guard"]), ("parquet", [])])
def test_a_registry_in_any_output_format_is_continued(tmp_path, fmt, extra):
    """--registry reads the previous tables in the format (and guard setting) its manifest names."""
    if fmt == "parquet":
        pytest.importorskip("pyarrow", reason="pyarrow not installed: pip install 'resolve[parquet]'")
    first = tmp_path / "out1"
    code, out, _ = cli("run", "-q", FIRST, "-o", first, "--format", fmt, *extra)
    assert code == 0, out
    prev = load_registry(first)
    assert prev.path.suffix == {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}[fmt]
    code, out, _ = cli("run", "-q", SEEDS, "-o", tmp_path / "out2", "--registry", first, "--format", fmt, *extra)
    assert code == 0, out
    again = load_registry(tmp_path / "out2")
    assert set(prev.entities) <= set(again.entities) | set(again.redirects)
