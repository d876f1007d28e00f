"""resolve.io.tables.write_tables/read_output: atomic table sets (commit), output-directory ownership
(manifest), formula guard."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pandas as pd
import pytest

from resolve.errors import OutputDirError
from resolve.io import commit as commit_mod
from resolve.io.commit import TMP_SUFFIX
from resolve.io.guard import guard_cell, unguard_cell
from resolve.io.manifest import MANIFEST, check_outdir
from resolve.io.tables import read_output, write_tables


def _tables(tag: str) -> dict[str, pd.DataFrame]:
    return {
        "mentions": pd.DataFrame({"mention_id": [f"{tag}:0-5"], "article_id": ["007"], "start": [0], "end": [5], "text": ["=Hagel"], "title": [""]}),
        "registry": pd.DataFrame({"entity_id": [f"E{tag}"], "name": ["+Chuck Hagel"], "aliases": ["-Hagel|@Chuck"], "n_mentions": [1]}),
    }


def _snapshot(d):
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def _leftovers(d):
    return [p.name for p in d.iterdir() if p.name.endswith(TMP_SUFFIX)]


# --- formula guard -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,guarded",
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
     ("'=x", "''=x"), ("''-x", "'''-x"), ("'x", "'x"), ("Hagel", "Hagel"), ("", ""), ("a=b", "a=b")],
)
def test_guard_cell_and_its_inverse(raw, guarded):
    assert guard_cell(raw) == guarded
    assert unguard_cell(guarded) == raw


def test_guard_is_on_by_default_and_read_output_undoes_it(tmp_path):
    tables = _tables("a")
    write_tables(tables, tmp_path)
    raw = (tmp_path / "registry.csv").read_text(encoding="utf-8")
    assert "'+Chuck Hagel" in raw and "'-Hagel|@Chuck" in raw
    for name, df in tables.items():
        pd.testing.assert_frame_equal(read_output(tmp_path / f"{name}.csv"), df)


def test_guard_off_writes_cells_as_they_are_and_reads_back_as_they_are(tmp_path):
    tables = _tables("a")
    tables["registry"].loc[0, "name"] = "'=already quoted"
    write_tables(tables, tmp_path, safe=False)
    raw = (tmp_path / "registry.csv").read_text(encoding="utf-8")
    assert ",-Hagel|@Chuck," in raw and ",'=already quoted," in raw  # as they are
    assert json.loads((tmp_path / MANIFEST).read_text())["formula_guard"] is False
    pd.testing.assert_frame_equal(read_output(tmp_path / "registry.csv"), tables["registry"])  # manifest says: no guard


def test_ids_stay_text_and_blanks_stay_blank(tmp_path):
    df = pd.DataFrame({"article_id": ["007", "1e5", "NA", ""], "start": [1, 2, 3, 4], "confidence": [0.5, 1.0, 0.25, 0.0]})
    write_tables({"t": df}, tmp_path)
    back = read_output(tmp_path / "t.csv")
    pd.testing.assert_frame_equal(back, df)


# --- output directory --------------------------------------------------------------


def test_missing_empty_and_own_directories_are_accepted(tmp_path):
    check_outdir(tmp_path / "new")
    check_outdir(tmp_path)
    write_tables(_tables("a"), tmp_path / "out")
    (tmp_path / "out" / ".DS_Store").write_bytes(b"")
    check_outdir(tmp_path / "out")
    write_tables(_tables("b"), tmp_path / "out")  # re-run into our own output: fine
    assert read_output(tmp_path / "out" / "registry.csv")["entity_id"].tolist() == ["Eb"]


def test_directory_with_other_files_needs_force_and_keeps_them(tmp_path):
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputDirError, match=r"notes\.md.*--force"):
        write_tables(_tables("a"), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]  # nothing written
    write_tables(_tables("a"), tmp_path, force=True)
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "registry.csv").exists()


def test_outdir_that_is_a_file_is_an_error(tmp_path):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(OutputDirError, match="not a directory"):
        check_outdir(tmp_path / "f", force=True)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_outdir_or_parent_is_an_error_naming_it_and_leaves_nothing(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(OutputDirError, match=f"output directory {ro} is not writable"):
            check_outdir(ro)
        with pytest.raises(OutputDirError, match=f"directory {ro}, where output directory {ro / 'new'} would be created, is not writable"):
            check_outdir(ro / "new")
        assert os.listdir(ro) == []
    finally:
        ro.chmod(stat.S_IRWXU)


def test_a_file_where_outdir_would_be_created_is_an_error(tmp_path):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(OutputDirError, match=f"cannot create output directory .*: {tmp_path / 'f'} is not a directory"):
        check_outdir(tmp_path / "f" / "out")


def test_the_writability_probe_leaves_nothing_behind(tmp_path):
    check_outdir(tmp_path)
    check_outdir(tmp_path / "not" / "yet")
    assert os.listdir(tmp_path) == []


def test_files_of_an_earlier_run_that_this_run_does_not_write_are_removed(tmp_path):
    write_tables({**_tables("a"), "redirects": pd.DataFrame({"old_id": ["x"]})}, tmp_path)
    write_tables(_tables("b"), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "mentions.csv", "registry.csv"]


def test_outputs_get_normal_permissions_not_tempfile_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_tables(_tables("a"), tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "registry.csv").stat().st_mode) == 0o644


# --- atomicity ------------------------------------------------------------------------


def test_failure_while_writing_a_table_leaves_previous_outputs_intact(tmp_path, monkeypatch):
    write_tables(_tables("old"), tmp_path)
    before = _snapshot(tmp_path)
    real = pd.DataFrame.to_csv
    calls = []

    def failing_to_csv(self, *a, **k):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(self, *a, **k)

    monkeypatch.setattr(pd.DataFrame, "to_csv", failing_to_csv)
    with pytest.raises(OutputDirError, match="No space left on device"):
        write_tables(_tables("new"), tmp_path)
    assert _snapshot(tmp_path) == before and _leftovers(tmp_path) == []


def test_failing_rename_rolls_back_the_files_already_renamed(tmp_path, monkeypatch):
    write_tables(_tables("old"), tmp_path)
    before = _snapshot(tmp_path)
    real = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(str(dst))
        if str(dst).endswith("registry.csv") and not str(src).endswith(f".bak{TMP_SUFFIX}"):
            raise OSError(5, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(commit_mod.os, "replace", failing_replace)
    with pytest.raises(OutputDirError, match="Input/output error"):
        write_tables(_tables("new"), tmp_path)
    assert any(c.endswith("mentions.csv") for c in calls)  # mentions.csv had been replaced, then restored
    assert _snapshot(tmp_path) == before and _leftovers(tmp_path) == []


def test_first_run_failing_leaves_no_partial_outputs(tmp_path, monkeypatch):
    real = os.replace

    def failing_replace(src, dst):
        if str(dst).endswith("registry.csv"):
            raise OSError(5, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(commit_mod.os, "replace", failing_replace)
    with pytest.raises(OutputDirError, match="Input/output error"):
        write_tables(_tables("new"), tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_temporary_files_of_a_killed_run_are_ignored_then_removed(tmp_path):
    write_tables(_tables("a"), tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".registry.csv.{dead.pid}.0123abcd.new{TMP_SUFFIX}"
    stale.write_text("half a regis", encoding="utf-8")
    busy = tmp_path / f".registry.csv.{os.getppid()}.0123abcd.new{TMP_SUFFIX}"  # a live concurrent writer
    busy.write_text("in progress", encoding="utf-8")
    check_outdir(tmp_path)  # neither counts as "other files"
    write_tables(_tables("b"), tmp_path)
    assert not stale.exists() and busy.exists()


def test_same_tables_give_byte_identical_files(tmp_path):
    write_tables(_tables("a"), tmp_path / "1")
    write_tables(_tables("a"), tmp_path / "2")
    assert _snapshot(tmp_path / "1") == _snapshot(tmp_path / "2")
