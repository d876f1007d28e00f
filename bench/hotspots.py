"""Where the time goes: cProfile of extraction and of resolution on a synthetic corpus.

    python bench/hotspots.py [N] [--top 25] [--sort tottime|cumulative] [--only extract|resolve]

Generates (or reuses) the N-article corpus of bench/generate.py (default 2000), then
profiles `extract_articles` (one process) and `resolve_mentions` separately and prints
the top functions of each, with file:function names.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _report(prof: cProfile.Profile, title: str, top: int, sort: str) -> str:
    out = io.StringIO()
    # Paths are kept (not strip_dirs): file:function is what a reader needs.
    pstats.Stats(prof, stream=out).sort_stats(sort).print_stats(top)
    text = out.getvalue()
    root = str(HERE.parent) + "/"
    text = text.replace(root, "")
    return f"## {title}\n{text}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=2000)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--only", choices=["extract", "resolve"], default=None, help="profile one stage only")
    ap.add_argument("--jobs", type=int, default=2, help="extraction processes when only resolution is profiled")
    ap.add_argument("--cache", type=Path, default=HERE / ".cache", help="where generated corpora are kept")
    args = ap.parse_args()

    from run import ensure_corpus

    from resolve.extract import extract_articles
    from resolve.pipeline import resolve_mentions
    from resolve.io.inputs import read_articles
    from resolve.rules import load_rules

    data = ensure_corpus(args.n, args.seed, args.cache)
    rules = load_rules()
    articles, _ = read_articles([str(data / "articles.jsonl")])
    extract_articles(articles.iloc[:20], rules)  # warm lazily built lookups outside the profile
    if args.only in (None, "extract"):
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        mentions = extract_articles(articles, rules, jobs=1)
        prof.disable()
        print(f"extraction: {time.perf_counter() - t0:.1f}s under the profiler, {len(mentions):,} mentions")
        print(_report(prof, "extraction", args.top, args.sort))
        if args.only == "extract":
            return
    else:  # resolution only: extract unprofiled, in parallel
        mentions = extract_articles(articles, rules, jobs=args.jobs)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    tables = resolve_mentions(mentions, articles, rules)
    prof.disable()
    print(f"resolution: {time.perf_counter() - t0:.1f}s under the profiler, {len(tables['registry']):,} entities")
    print(_report(prof, "resolution", args.top, args.sort))


if __name__ == "__main__":
    main()
