"""Runs through the CLI for the registry tests, and reading their output files."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from resolve.cli import app

from ..conftest import SEEDS

FIRST, SECOND = sorted(SEEDS.glob("*.txt"))  # 000_... (2013-03-26) and 002_... (2013-04-16)
FILES = ("mentions.csv", "registry.csv", "titles.csv", "redirects.csv")


def cli(*args: str | Path):
    res = CliRunner().invoke(app, [str(a) for a in args])
    out = res.output + (res.stderr if res.stderr_bytes is not None and res.stderr not in res.output else "")
    return res.exit_code, out, res


def run_ok(*args: str | Path) -> None:
    code, out, res = cli("run", "-q", *args)
    assert code == 0, out + repr(res.exception)


def batch(tmp: Path, name: str, *articles: Path) -> Path:
    d = tmp / name
    d.mkdir()
    for a in articles:
        shutil.copy(a, d / a.name)
    return d


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_rows(path: Path, rows_: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows_[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows_)


def entity_of(outdir: Path, text: str) -> set[str]:
    return {r["entity_id"] for r in rows(outdir / "mentions.csv") if r["text"] == text}


def registry_row(outdir: Path, entity_id: str) -> dict:
    (row,) = [r for r in rows(outdir / "registry.csv") if r["entity_id"] == entity_id]
    return row


def jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def registry_dir(tmp: Path, text: str) -> Path:
    d = tmp / "bad"
    d.mkdir(exist_ok=True)
    (d / "registry.csv").write_text(text, encoding="utf-8")
    return d
