"""Large-input benchmark: a directory of many small files and one huge article.

    python bench/large_inputs.py [--files 100000] [--mb 50] [--run-mb 5]
    python bench/large_inputs.py --spool 50000x1,50000x20,500000x1

Measures reading (resolve.io.inputs.iter_articles: wall time, files/s, peak RSS) of a
directory of N small .txt files and of one article of M megabytes; with --run also
the whole `resolve run` (reading, extraction, resolution, writing) on an article of
--run-mb megabytes.  Inputs are generated under a temporary directory and removed
afterwards.

`--spool NxK,...` measures instead how `resolve run` reads (resolve.io.inputs.spool): a
JSONL of N articles of K KB each is spooled and read back in windows of 1,000, each
size in a fresh process; it prints the input size and the peak RSS above the
interpreter's baseline.  The peak follows the number of articles (an id, a date and a
hash each), not the size of the corpus: 20x the text at the same N costs the same.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from resolve.io.inputs import iter_articles  # noqa: E402

SENTENCE = "Defense Secretary Chuck Hagel met his Russian counterpart Sergei Shoigu in Moscow on Tuesday. "


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def spool_child(n: int, kb: int, root: Path) -> None:
    """Spool a JSONL of n articles of about kb KB and read it back in windows; print the figures."""
    import json

    from resolve.io.inputs.spool import ArticleSpool

    path = root / "corpus.jsonl"
    body = (SENTENCE * (kb * 1024 // len(SENTENCE) + 1))[: kb * 1024]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"a{i:07d}", "date": "2024-05-01", "text": f"Story {i}. " + body}) + "\n")
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    problems: list = []
    with ArticleSpool(str(path), problems) as spool:
        seen = sum(len(w) for w in spool.windows(1000))
    dt = time.perf_counter() - t0
    print(f"spool {n:,} articles x {kb} KB ({path.stat().st_size / 1e6:,.0f} MB): read back {seen:,} in {dt:.1f}s, "
          f"peak RSS +{_rss_mb() - rss0:,.0f} MB over the baseline ({(_rss_mb() - rss0) * 1024 * 1024 / n:,.0f} bytes an article)")


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--spool-child":
        spool_child(int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--mb", type=int, default=50)
    ap.add_argument("--run-mb", type=float, default=0, help="also time `resolve run` on one article of this size (MB)")
    ap.add_argument("--tmp", default=None, help="directory for the generated inputs (default: the system's)")
    ap.add_argument("--spool", default="", help="NxK,...: spool N articles of K KB each instead (see above)")
    args = ap.parse_args()
    if args.spool:
        for item in args.spool.split(","):
            n, kb = item.split("x")
            with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
                subprocess.run([sys.executable, __file__, "--spool-child", n, kb, tmp], check=True)
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        many = root / "many"
        t0 = time.perf_counter()
        for i in range(args.files):
            d = many / f"{i // 1000:03d}"
            if i % 1000 == 0:
                d.mkdir(parents=True)
            (d / f"{i:06d}.txt").write_text(f"Story {i}. " + SENTENCE, encoding="utf-8")
        print(f"generated {args.files} files in {time.perf_counter() - t0:.1f}s")
        rss0 = _rss_mb()
        t0 = time.perf_counter()
        problems: list = []
        n = sum(1 for _ in iter_articles([str(many)], problems))
        dt = time.perf_counter() - t0
        print(f"read {n} files in {dt:.2f}s ({n / dt:,.0f} files/s), {len(problems)} problems, peak RSS {_rss_mb():.0f} MB (before: {rss0:.0f} MB)")

        big = root / "big.txt"
        reps = args.mb * 1024 * 1024 // len(SENTENCE) + 1
        big.write_text(SENTENCE * reps, encoding="utf-8")
        t0 = time.perf_counter()
        (rec,) = list(iter_articles([str(big)], problems))
        dt = time.perf_counter() - t0
        print(f"read one {big.stat().st_size / 1e6:.0f} MB article in {dt:.2f}s, {len(rec['text']):,} characters, peak RSS {_rss_mb():.0f} MB")
        del rec
        if args.run_mb:
            one = root / "one.txt"
            with one.open("w", encoding="utf-8") as fh:
                i = 0
                while fh.tell() < args.run_mb * 1024 * 1024:
                    fh.write(f"Story {i}. " + SENTENCE)  # numbered: not boilerplate repeats
                    i += 1
            t0 = time.perf_counter()
            res = subprocess.run([sys.executable, "-m", "resolve", "run", str(one), "-o", str(root / "out"), "-q"], capture_output=True, text=True)
            dt = time.perf_counter() - t0
            print(f"resolve run on one {one.stat().st_size / 1e6:.1f} MB article: exit {res.returncode} in {dt:.1f}s {res.stderr.strip()[-300:]}")


if __name__ == "__main__":
    main()
