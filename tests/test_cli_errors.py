"""`resolve run` on bad input and faults, driven as a user would: CliRunner and real processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resolve import pipeline
from resolve.cli import app
from resolve.errors import INTERRUPTED
from resolve.io.commit import TMP_SUFFIX
from resolve.io.manifest import MANIFEST
from resolve.io.tables import read_output

from .conftest import ROOT, SEEDS

GOOD = "Defense Secretary Chuck Hagel said on Tuesday that Tom Donilon will visit Moscow."


def _run(*args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def _outputs(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir()) if not p.name.endswith(TMP_SUFFIX)}


@pytest.fixture
def batch(tmp_path):
    """A directory with one good article and one of each kind of bad input."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "win1252.txt").write_bytes("Jos\u00e9 Mar\u00eda Aznar said \u201cno\u201d.".encode("cp1252"))
    (d / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (d / "empty.txt").write_bytes(b"")
    (d / "empty_dir").mkdir()
    jl = tmp_path / "feed.jsonl"
    jl.write_text(json.dumps({"id": "j1", "text": GOOD}) + "\n{broken\n" + json.dumps({"id": "good", "text": "dup"}) + "\n", encoding="utf-8")
    return d, jl


def test_bad_inputs_are_warnings_naming_each_file_and_the_rest_is_processed(batch, tmp_path):
    d, jl = batch
    res = _run("run", d, jl, d / "empty_dir", "-o", tmp_path / "out", "-q")
    assert res.exit_code == 0, res.output
    err = res.stderr
    assert f"warning: {d / 'win1252.txt'}: not valid UTF-8" in err
    assert f"warning: {d / 'photo.txt'}: not a text file (JPEG image), skipped" in err
    assert f"warning: {d / 'empty.txt'}: empty file, skipped" in err
    assert f"warning: {d / 'empty_dir'}: directory holds no .txt files" in err
    assert f"warning: {jl}:2: malformed JSON" in err
    assert f"warning: {jl}:3: duplicate article id 'good' (first at {d / 'good.txt'})" in err
    mentions = read_output(tmp_path / "out" / "mentions.csv")
    assert set(mentions["article_id"]) >= {"good", "j1"}
    assert "Traceback" not in res.output


def test_csv_and_unreadable_problems_name_file_and_line(tmp_path, monkeypatch):
    from resolve.io.inputs import csv as csv_mod
    from resolve.io.inputs import txt as txt_mod

    monkeypatch.setattr(csv_mod, "CSV_FIELD_LIMIT", 10_000)
    feed = tmp_path / "feed.csv"
    feed.write_text(
        f'id,text\nc1,"{GOOD}"\nc2,\nc3,Hagel, the secretary, said\nc4,"{"x" * 20_000}"\nc1,again\n\xe9t\u00e9,"{GOOD}"\n',
        encoding="latin-1",
    )
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    real_open = open

    def denying_open(path, *a, **k):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(txt_mod, "open", denying_open, raising=False)
    res = _run("run", feed, locked, "-o", tmp_path / "out", "-q")
    assert res.exit_code == 1  # an unreadable input is an error; the rest is written
    err = res.stderr
    assert f"warning: {feed}:3: empty text for id 'c2'" in err
    assert f"warning: {feed}:4: 4 fields but the header has 2" in err
    assert f"warning: {feed}:5: field larger than 10,000 characters" in err
    assert f"warning: {feed}:6: duplicate article id 'c1' (first at {feed}:2)" in err
    assert f"warning: {feed}:7: not valid UTF-8" in err
    assert f"error: {locked}: cannot read: Permission denied" in err
    assert set(read_output(tmp_path / "out" / "mentions.csv")["article_id"]) == {"c1", "\u00e9t\u00e9"}


def test_strict_fails_with_exit_3_and_writes_nothing(batch, tmp_path):
    d, jl = batch
    out = tmp_path / "out"
    assert _run("run", d / "good.txt", "-o", out, "-q").exit_code == 0
    before = _outputs(out)
    res = _run("run", d, jl, "-o", out, "--strict", "-q")
    assert res.exit_code == 3
    assert "warning:" in res.stderr and "--strict" in res.stderr and "nothing written" in res.stderr
    assert _outputs(out) == before


def test_strict_without_problems_is_a_normal_run(tmp_path):
    res = _run("run", SEEDS, "-o", tmp_path / "out", "--strict", "-q")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "registry.csv").exists()


def test_missing_input_is_an_error_exit_1_but_the_rest_is_written(tmp_path):
    res = _run("run", SEEDS, tmp_path / "typo", "-o", tmp_path / "out", "-q")
    assert res.exit_code == 1
    assert f"error: {tmp_path / 'typo'}: no such file or directory" in res.stderr
    assert "outputs were written for the rest" in res.stderr
    assert len(read_output(tmp_path / "out" / "registry.csv")) > 5


def test_nothing_readable_is_an_error_and_previous_outputs_stay(batch, tmp_path):
    d, _ = batch
    out = tmp_path / "out"
    _run("run", SEEDS, "-o", out, "-q")
    before = _outputs(out)
    res = _run("run", d / "empty.txt", d / "photo.txt", tmp_path / "missing", "-o", out, "-q")
    assert res.exit_code == 1
    assert "no article could be read" in res.stderr
    assert _outputs(out) == before


def test_empty_stdin_is_an_error(tmp_path):
    res = _run("run", "-", "-o", tmp_path / "out", "-q", input="")
    assert res.exit_code == 1 and "no article could be read" in res.stderr
    assert not (tmp_path / "out").exists()


def test_stdin_jsonl_is_read(tmp_path):
    res = _run("run", "-", "-o", tmp_path / "out", "-q", input=json.dumps({"id": "s", "text": GOOD}) + "\n")
    assert res.exit_code == 0, res.output
    assert set(read_output(tmp_path / "out" / "mentions.csv")["article_id"]) == {"s"}


def test_outdir_with_other_files_needs_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    res = _run("run", SEEDS, "-o", out, "-q")
    assert res.exit_code == 1
    assert "thesis.docx" in res.stderr and "--force" in res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["thesis.docx"]
    res = _run("run", SEEDS, "-o", out, "-q", "--force")
    assert res.exit_code == 0, res.output
    assert (out / "thesis.docx").read_bytes() == b"precious" and (out / "registry.csv").exists()


def test_rerun_into_own_outdir_needs_no_force_and_is_byte_identical(tmp_path):
    out = tmp_path / "out"
    assert _run("run", SEEDS, "-o", out, "-q").exit_code == 0
    first = _outputs(out)
    assert _run("run", SEEDS, "-o", out, "-q").exit_code == 0
    assert _outputs(out) == first and MANIFEST in first


def test_usage_errors_exit_2(tmp_path):
    assert _run("run", SEEDS).exit_code == 2  # no -o
    assert _run("run", SEEDS, "-o", tmp_path / "o", "--no-such-option").exit_code == 2
    assert _run("no-such-command").exit_code == 2


def test_formula_guard_by_default_and_switch_to_turn_it_off(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "=HYPERLINK(1)", "text": GOOD}) + "\n", encoding="utf-8")
    assert _run("run", feed, "-o", tmp_path / "safe", "-q").exit_code == 0
    raw = (tmp_path / "safe" / "mentions.csv").read_text(encoding="utf-8")
    assert "\n'=HYPERLINK(1):" in raw and "\n=HYPERLINK" not in raw
    assert set(read_output(tmp_path / "safe" / "mentions.csv")["article_id"]) == {"=HYPERLINK(1)"}
    assert _run("run", feed, "-o", tmp_path / "raw", "-q", "--no-formula-guard").exit_code == 0
    raw = (tmp_path / "raw" / "mentions.csv").read_text(encoding="utf-8")
    assert "\n=HYPERLINK(1):" in raw
    assert set(read_output(tmp_path / "raw" / "mentions.csv")["article_id"]) == {"=HYPERLINK(1)"}


def test_unexpected_failure_is_one_line_and_debug_shows_the_traceback(tmp_path, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "run", boom)
    res = _run("run", SEEDS, "-o", tmp_path / "out", "-q")
    assert res.exit_code == 1
    assert "error: RuntimeError: disk on fire (run `resolve --debug ...` for the traceback)" in res.stderr
    assert "Traceback" not in res.output
    res = _run("--debug", "run", SEEDS, "-o", tmp_path / "out", "-q")
    assert isinstance(res.exception, RuntimeError)  # re-raised: the traceback is shown


# --- real processes -------------------------------------------------------------------

# The `resolve` script's entry point, after a patch.
_WRAPPER = """
import os, sys, time
{patch}
from resolve.__main__ import main
main()
"""

# Blocks in the middle of writing: after the first temporary table is complete and
# fsync'ed, before anything is renamed.  Signals the test through a flag file.
_SLOW_WRITE = """
real_fsync = os.fsync
calls = []
def slow_fsync(fd):
    real_fsync(fd)
    calls.append(fd)
    if len(calls) == 1:
        open(os.environ["FLAG"], "w").close()
        time.sleep(60)
os.fsync = slow_fsync
"""


def _python(tmp_path, patch: str, *args, env_extra=None, wait=True):
    script = tmp_path / "wrapper.py"
    script.write_text(_WRAPPER.format(patch=textwrap.dedent(patch)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_extra or {})}
    cmd = [sys.executable, str(script), *map(str, args)]
    if wait:
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    # A shell's background job (`pytest ... &`) starts with SIGINT ignored, and a child
    # inherits that: give the child the default disposition, as a terminal would.
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _module(*args, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "resolve", *map(str, args)], capture_output=True, text=True, env=env, timeout=120, **kw)


def test_python_m_resolve_exit_codes(tmp_path):
    """Exit codes survive a real process (0 and 1 are exercised by the tests below)."""
    assert _module("run", SEEDS).returncode == 2
    (tmp_path / "e.txt").write_bytes(b"")
    strict = _module("run", SEEDS, tmp_path / "e.txt", "-o", tmp_path / "out", "-q", "--strict")
    assert strict.returncode == 3 and "empty file" in strict.stderr and "Traceback" not in strict.stderr


def test_a_closed_stdout_pipe_ends_the_run_quietly(tmp_path):
    """`resolve run ... -o - | head`: the reader leaving is not an error to report."""
    feed = tmp_path / "feed.jsonl"
    text = (SEEDS / "000_cdfe8ca869442d9c.txt").read_text(encoding="utf-8")
    feed.write_text("".join(json.dumps({"id": f"a{i}", "text": text}) + "\n" for i in range(150)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "resolve", "run", str(feed), "-o", "-", "-q"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    assert json.loads(proc.stdout.readline())["article_id"] == "a0"
    proc.stdout.close()  # more than a pipe buffer of mentions is still to come
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1 and err == ""


def test_debug_shows_a_traceback_in_a_real_process(tmp_path):
    patch = "import resolve.pipeline\ndef boom(*a, **k): raise RuntimeError('disk on fire')\nresolve.pipeline.run = boom\n"
    debug = _python(tmp_path, patch, "--debug", "run", SEEDS, "-o", tmp_path / "out", "-q")
    assert debug.returncode == 1 and "Traceback" in debug.stderr and "disk on fire" in debug.stderr


def _start_blocked_run(tmp_path, out: Path, extra_input: Path):
    flag = tmp_path / "writing.flag"
    proc = _python(tmp_path, _SLOW_WRITE, "run", SEEDS, extra_input, "-o", out, "-q", env_extra={"FLAG": str(flag)}, wait=False)
    deadline = time.monotonic() + 90
    while not flag.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "run never reached the write stage"
        time.sleep(0.05)
    return proc


@pytest.fixture
def previous_run(tmp_path):
    out = tmp_path / "out"
    res = _run("run", SEEDS, "-o", out, "-q")
    assert res.exit_code == 0, res.output
    extra = tmp_path / "extra.txt"
    extra.write_text("Secretary of State John Kerry said that Tom Donilon spoke to Sergei Lavrov.", encoding="utf-8")
    return out, _outputs(out), extra


def test_sigkill_mid_write_leaves_previous_outputs_intact(tmp_path, previous_run):
    out, before, extra = previous_run
    proc = _start_blocked_run(tmp_path, out, extra)
    assert any(p.name.endswith(TMP_SUFFIX) for p in out.iterdir())  # a new table is half-way there
    proc.kill()
    proc.wait(timeout=30)
    assert _outputs(out) == before  # every previous file whole and unchanged
    # The next run cleans up the leftovers and writes the new outputs.
    res = _run("run", SEEDS, extra, "-o", out, "-q")
    assert res.exit_code == 0, res.output
    assert not any(p.name.endswith(TMP_SUFFIX) for p in out.iterdir())
    assert _outputs(out) != before


# Blocks while importing module $BLOCK (as a slow disk would): signals the test through a flag file.
_SLOW_IMPORT = """
import importlib.abc
class _SlowImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == os.environ["BLOCK"]:
            open(os.environ["FLAG"], "w").close()
            time.sleep(60)
        return None
sys.meta_path.insert(0, _SlowImport())
"""


@pytest.mark.parametrize("module", ["typer", "pandas"])  # while the CLI loads; inside the command
def test_ctrl_c_during_imports_exits_130_with_the_clean_line(tmp_path, module):
    flag = tmp_path / "importing.flag"
    out = tmp_path / "out"
    proc = _python(tmp_path, _SLOW_IMPORT, "run", SEEDS, "-o", out, "-q", env_extra={"BLOCK": module, "FLAG": str(flag)}, wait=False)
    deadline = time.monotonic() + 60
    while not flag.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"{module} was never imported"
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert err.splitlines() == [INTERRUPTED]
    assert not out.exists()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_mid_write_exits_130_cleans_up_and_keeps_previous_outputs(tmp_path, previous_run, sig):
    out, before, extra = previous_run
    proc = _start_blocked_run(tmp_path, out, extra)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert _outputs(out) == before
    assert not any(p.name.endswith(TMP_SUFFIX) for p in out.iterdir())
