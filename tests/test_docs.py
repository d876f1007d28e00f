"""The reference docs cover what the code offers: every CLI command and option (docs/cli.md),
every kind of rule file and its columns (rules/README.md), every output column (docs/output.md)."""

from __future__ import annotations

import re

import pytest
import typer

from resolve.cli import app
from resolve.io.tables import OUTPUT_TABLES
from resolve.rules import RULE_FILES

from .conftest import ROOT


def _read(rel: str) -> str:
    return (ROOT / rel).read_text(encoding="utf-8")


def _sections(text: str) -> dict[str, str]:
    """'## heading' -> the text up to the next heading of level 2 (each heading once)."""
    parts = re.split(r"^## +(.+?)\s*$", text, flags=re.M)
    headings = parts[1::2]
    assert len(headings) == len(set(headings)), f"repeated headings: {sorted(h for h in headings if headings.count(h) > 1)}"
    return dict(zip(headings, parts[2::2]))


def _documented_names(section: str) -> set[str]:
    """Names in backticks in the first cell of the section's table rows."""
    cells = re.findall(r"^\|([^|\n]*)\|", section, flags=re.M)
    return {name for cell in cells for name in re.findall(r"`([^`]+)`", cell)}


def _commands(group, prefix: str = "resolve"):
    for name, cmd in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, path)
        else:
            yield path, cmd


COMMANDS = list(_commands(typer.main.get_command(app)))


def test_the_cli_has_the_commands_this_test_walks():
    assert {p for p, _ in COMMANDS} >= {"resolve run", "resolve link", "resolve explain", "resolve evaluate", "resolve rules check"}


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_and_its_options_are_in_docs_cli(path, cmd):
    doc = _read("docs/cli.md")
    commands = _documented_names(_sections(doc)["Commands"])
    assert any(c == path or c.startswith(path + " ") for c in commands), f"`{path}` is not in the command table of docs/cli.md"
    for param in cmd.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert re.search(rf"`{re.escape(opt)}\b", doc), f"{path}: option {opt} is not documented in docs/cli.md"


def test_the_global_options_are_in_docs_cli():
    doc = _read("docs/cli.md")
    for param in typer.main.get_command(app).params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert re.search(rf"`{re.escape(opt)}\b", doc), f"global option {opt} is not documented in docs/cli.md"


@pytest.mark.parametrize("name", sorted(RULE_FILES))
def test_every_rule_file_kind_and_its_columns_are_in_rules_readme(name):
    doc = _read("rules/README.md")
    sections = _sections(doc)
    assert name in sections, f"rules/README.md has no section '## {name}'"
    index = _documented_names(doc[: doc.index("\n## ")])
    assert name in index, f"{name} is not in the table of rule files at the top of rules/README.md"
    for col in RULE_FILES[name].columns:
        assert f"`{col}`" in sections[name], f"column `{col}` of {name} is not described in its section of rules/README.md"


#: Where each output table's columns are documented (links.csv belongs to the matcher's docs).
_COLUMN_DOCS = {"links": ("docs/matching.md", "Outputs of the engine")}


@pytest.mark.parametrize("table", sorted(OUTPUT_TABLES))
def test_every_output_column_is_documented(table):
    rel, heading = _COLUMN_DOCS.get(table, ("docs/output.md", f"{table}.csv"))
    section = _sections(_read(rel))[heading]
    missing = [c for c in OUTPUT_TABLES[table] if c not in _documented_names(section)]
    assert not missing, f"{rel}, section '{heading}': no row for column(s) {', '.join(missing)}"
    assert f"`{table}.csv`" in _read("docs/output.md"), f"{table}.csv is not in the file table of docs/output.md"


def _python_blocks(rel: str) -> list[tuple[int, str]]:
    """(line, code) of each ```python block of a markdown file."""
    text = _read(rel)
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in re.finditer(r"^```python\n(.*?)^```", text, flags=re.M | re.S)]


def test_the_api_examples_run_as_written_one_after_the_other(tmp_path, monkeypatch, capsys):
    blocks = _python_blocks("docs/api.md")
    assert len(blocks) >= 6
    monkeypatch.chdir(tmp_path)  # "an empty directory"
    namespace: dict = {}
    for line, code in blocks:
        # Padded so that a failure's traceback names the line of docs/api.md.
        exec(compile("\n" * (line - 1) + code, str(ROOT / "docs" / "api.md"), "exec"), namespace)
    assert "Maria Lindqvist" in capsys.readouterr().out


def test_every_public_name_is_in_the_api_doc():
    import resolve

    doc = _read("docs/api.md")
    for name in resolve.__all__:
        assert f"`resolve.{name}" in doc, name
