"""Reference runs for behaviour-preserving changes: sha256 of every output file.

    python bench/reference_runs.py record FILE.json   # before a restructuring
    python bench/reference_runs.py check FILE.json    # after each step: exit 1 on any difference

The runs (each into a fresh temporary directory, `resolve` from the current checkout):

- `seeds`: `resolve run seeds -o OUT`
- `ecbplus`: `resolve run ../shared/data/ecbplus-dev/articles -o OUT` (skipped when absent)
- `synthetic`: `bench/generate.py 3000 --seed 7`, then `resolve run articles.jsonl -o OUT --jobs 2`
- `registry`: the synthetic corpus split in two halves by line; the second half run with
  `--registry` of the first
- `link`: `resolve link` on the synthetic run's own mentions.csv

Every file of every OUTDIR is hashed (the manifest too).  Not a test: it takes about a
minute and needs the shared data for the ECB+ run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ECB = ROOT.parent / "shared" / "data" / "ecbplus-dev" / "articles"


def _resolve(*args: str) -> None:
    cmd = [sys.executable, "-m", "resolve", *args]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0,):
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr}")


def _hashes(outdir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(outdir.iterdir()) if p.is_file()}


def reference_hashes() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        _resolve("run", str(ROOT / "seeds"), "-o", str(t / "seeds"), "-q")
        out["seeds"] = _hashes(t / "seeds")
        if ECB.is_dir():
            _resolve("run", str(ECB), "-o", str(t / "ecb"), "-q")
            out["ecbplus"] = _hashes(t / "ecb")
        subprocess.run([sys.executable, str(HERE / "generate.py"), "3000", str(t / "syn"), "--seed", "7"],
                       check=True, capture_output=True)
        corpus = t / "syn" / "articles.jsonl"
        _resolve("run", str(corpus), "-o", str(t / "synout"), "-q", "--jobs", "2")
        out["synthetic"] = _hashes(t / "synout")
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        half = len(lines) // 2
        (t / "a.jsonl").write_text("".join(lines[:half]), encoding="utf-8")
        (t / "b.jsonl").write_text("".join(lines[half:]), encoding="utf-8")
        _resolve("run", str(t / "a.jsonl"), "-o", str(t / "reg"), "-q")
        _resolve("run", str(t / "b.jsonl"), "-o", str(t / "reg"), "-q", "--registry", str(t / "reg"))
        out["registry"] = _hashes(t / "reg")
        _resolve("link", str(t / "synout" / "mentions.csv"), "-o", str(t / "link"))
        out["link"] = _hashes(t / "link")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["record", "check"])
    ap.add_argument("file")
    args = ap.parse_args()
    got = reference_hashes()
    path = Path(args.file)
    if args.mode == "record":
        path.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {sum(len(v) for v in got.values())} files of {len(got)} runs in {path}")
        return
    want = json.loads(path.read_text(encoding="utf-8"))
    bad = []
    for run_name in sorted(set(want) | set(got)):
        w, g = want.get(run_name, {}), got.get(run_name, {})
        for name in sorted(set(w) | set(g)):
            if w.get(name) != g.get(name):
                bad.append(f"{run_name}/{name}: {'missing' if name not in g else 'new' if name not in w else 'differs'}")
    if bad:
        print("\n".join(bad))
        raise SystemExit(1)
    print(f"identical: {sum(len(v) for v in got.values())} files of {len(got)} runs")


if __name__ == "__main__":
    main()
