"""Inputs given as fsspec URLs (resolve/io/inputs/remote.py), on fsspec's in-memory store."""

from __future__ import annotations

import builtins
import gzip
import secrets

import pytest

from resolve.errors import OutputDirError, RegistryError
from resolve.io.inputs import read_articles
from resolve.io.inputs.remote import is_url
from resolve.io.manifest import check_outdir
from resolve.registry.previous import load_registry

fsspec = pytest.importorskip("fsspec", reason='fsspec is not installed (pip install "resolve[remote]")')


@pytest.fixture
def store():
    """A fresh folder of the in-memory filesystem (shared by the process): (fs, its URL)."""
    fs = fsspec.filesystem("memory")
    root = f"/t{secrets.token_hex(4)}"
    yield fs, f"memory://{root}"
    fs.rm(root, recursive=True)


def test_a_url_directory_reads_like_a_local_one(store, tmp_path):
    fs, url = store
    texts = {"a/one.txt": "Defense Secretary Chuck Hagel arrived.", "two.txt": "Tom Donilon spoke.", "notes.md": "not an article"}
    for name, text in texts.items():
        fs.pipe(f"{url[len('memory://'):]}/news/{name}", text.encode())
        if name.endswith(".txt"):
            (tmp_path / "news" / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / "news" / name).write_text(text, encoding="utf-8")
    remote, problems = read_articles(f"{url}/news/")
    local, _ = read_articles(tmp_path / "news")
    assert problems == []
    assert list(remote["article_id"]) == list(local["article_id"]) == ["a/one", "two"]
    assert list(remote["text"]) == list(local["text"])
    assert list(remote["source"]) == [f"{url}/news/a/one.txt", f"{url}/news/two.txt"]


def test_jsonl_csv_and_compressed_files_at_urls(store):
    fs, url = store
    root = url[len("memory://") :]
    fs.pipe(f"{root}/feed.jsonl.gz", gzip.compress(b'{"id": "j1", "text": "Sergei Shoigu met reporters."}\n'))
    fs.pipe(f"{root}/feed.csv", b"id,text\nc1,Sergey Shoygu spoke.\n")
    df, problems = read_articles([f"{url}/feed.jsonl.gz", f"{url}/feed.csv"])
    assert problems == []
    assert dict(zip(df["article_id"], df["source"])) == {"c1": f"{url}/feed.csv:2", "j1": f"{url}/feed.jsonl.gz:1"}


def test_bad_urls_are_problems_not_crashes(store):
    fs, url = store
    fs.pipe(f"{url[len('memory://'):]}/blob.jsonl", b"\x00\x01\x02binary")
    df, problems = read_articles([f"{url}/missing/", f"{url}/blob.jsonl", "nosuchprotocol://x/y"])
    assert df.empty
    got = {p.where: (p.severity, p.message) for p in problems}
    assert got[f"{url}/missing/"] == ("error", "no such file or directory")
    assert got[f"{url}/blob.jsonl"][0] == "warning" and "not a text file" in got[f"{url}/blob.jsonl"][1]
    assert got["nosuchprotocol://x/y"][0] == "error" and "nosuchprotocol" in got["nosuchprotocol://x/y"][1]


def test_without_fsspec_a_url_input_is_an_error_naming_the_extra(monkeypatch):
    real_import = builtins.__import__

    def no_fsspec(name, *args, **kwargs):
        if name.startswith("fsspec"):
            raise ImportError("No module named 'fsspec'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_fsspec)
    _, problems = read_articles("s3://bucket/news/")
    assert [(p.severity, p.message) for p in problems] == [("error", 'reading URLs needs fsspec: pip install "resolve[remote]"')]


def test_outputs_and_registries_stay_local():
    with pytest.raises(OutputDirError, match="local directory only"):
        check_outdir("s3://bucket/out")
    with pytest.raises(RegistryError, match="local path"):
        load_registry("gs://bucket/reg")


def test_what_counts_as_a_url():
    assert is_url("s3://b/k") and is_url("memory://x") and is_url("file:///tmp/x")
    assert not is_url("C://data") and not is_url("news/2013") and not is_url("-")
