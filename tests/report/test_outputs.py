from __future__ import annotations

import pytest

from resolve.errors import ResolveError
from resolve.report.outputs import load_outputs


def test_a_directory_without_registry_is_refused_with_a_message(tmp_path):
    with pytest.raises(ResolveError, match="no registry.csv or mentions.csv here"):
        load_outputs(tmp_path)


def test_optional_tables_read_as_empty_with_their_columns(seeds_out, tmp_path):
    for name in ("registry.csv", "mentions.csv"):
        (tmp_path / name).write_bytes((seeds_out / name).read_bytes())
    out = load_outputs(tmp_path)
    assert len(out.registry) and out.links.empty and out.titles.empty and out.redirects.empty
    assert "a_entity" in out.links.columns and "first_seen" in out.titles.columns


def test_counts_read_as_numbers_and_text_as_text(seeds_out):
    out = load_outputs(seeds_out)
    assert out.registry["n_mentions"].dtype.kind == "i" and out.mentions["start"].dtype.kind == "i"
    assert out.links["probability"].dtype == object  # "" for rule decisions
