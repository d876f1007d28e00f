"""Replay the memory-heavy half of `resolve run` (the matching rounds and the table phase)
from a dumped matching state, so that it can be measured again without extracting again.

    python bench/replay.py dump CORPUS_DIR STATE.pkl [--jobs 2]
    python bench/replay.py replay CORPUS_DIR STATE.pkl OUTDIR [--jobs 2] [--json OUT.json]

`dump` runs `resolve run`'s reading and extraction (`pipeline.run` up to the end of the
windows, with `--jobs` processes) and pickles what the client holds then: the matching
run (`match.partition.Run`, without its rules and executor), the kept mention columns
(`columns.CodedFrames`), the units of each mention row, and the articles.  `replay`
loads it in a fresh process whose `--jobs` workers were started first (and hold the
extractor, as a run's do), then does what `pipeline.run` does after the windows: the
rounds, the clustered mention frame, the workers closed, the tables built and written.
It prints the client's RSS and the process tree's (client plus workers) at each step
and their peak within it (sampled every 0.1 s, as `bench/run.py --end-to-end`), in MB.
The written tables are those of `resolve run CORPUS -o OUTDIR` (compare them with
`sha256sum`).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import TreeRSS, _cpu, _rss_kb  # noqa: E402


def dump(data: Path, state: Path, jobs: int) -> None:
    from resolve import pipeline
    from resolve.columns import CodedFrames
    from resolve.extract import ArticleCount, window_size
    from resolve.io.inputs.spool import ArticleSpool
    from resolve.io.problem import Problems
    from resolve.match.partition import Run
    from resolve.progress import NoProgress
    from resolve.rules import load_rules
    from resolve.sources import get_extractor
    from resolve.sources.executors import Job, make_executor

    import numpy as np

    rules = load_rules()
    extractor = get_extractor("rules", rules)
    executor = make_executor(Job(rules, extractor, None), jobs=jobs)
    t0 = time.perf_counter()
    with TreeRSS() as tree:
        try:
            executor.start()
            tree.stage = "read"
            with ArticleSpool(str(data / "articles.jsonl"), Problems(None), check_english=extractor.assumes_english) as spool:
                articles = spool.articles
                size = window_size(extractor, len(spool), jobs)
                windows = (pipeline.Window(w, None) for w in spool.windows(size))
                tree.stage = "extract"
                run = Run(rules, executor.map)
                store = CodedFrames(pipeline.KEPT_COLUMNS, numbers=pipeline._NUMBERS)
                units = []
                count = ArticleCount(NoProgress())
                for kept, part, n in executor.map(pipeline.window_task, windows, count.reported):
                    store.append(kept)
                    units.append(part.of_row + run.add(part))
                    count.at_least(n)
                store.forget_indexes()
        finally:
            executor.close()
    run.rules = run.map = None
    unit = np.concatenate(units)
    with open(state, "wb") as fh:
        pickle.dump({"run": run, "store": store, "unit": unit, "articles": articles}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    peaks = {k: [round(a / 1024), round(b / 1024)] for k, (a, b) in tree.stage_peak_kb.items()}
    print(json.dumps({"articles": len(articles), "wall_s": round(time.perf_counter() - t0, 1), "stage_peak_mb": peaks}))


def worker_report(job, _item) -> dict:
    """In a worker: its pid, RSS, and the fill of the caches that grow with distinct names."""
    import gc
    import time as _t

    from resolve import text
    from resolve.match import names

    _t.sleep(0.3)  # so that two such tasks land on two workers
    caches = {"fold": text.fold.cache_info().currsize, "surname_phonetic": names.surname_phonetic.cache_info().currsize}
    for k, fn in job.rules._memo.items():
        caches[k.rsplit(".", 1)[-1]] = fn.cache_info().currsize
    try:
        from resolve.sources.rules import lexicon

        caches["lexicon.key"] = lexicon.key.cache_info().currsize
    except Exception:
        pass
    return {"pid": os.getpid(), "rss_mb": round(_rss_kb(os.getpid()) / 1024), "objects": len(gc.get_objects()), "caches": caches}


def _probe(run, step, mark, trace: bool = False) -> None:
    """Each round of `run` a step of its own, with what it returns counted (`trace`: and
    the lines whose allocations grew most in it, from tracemalloc)."""
    import gc
    import tracemalloc

    for name in ("_articles_across_windows", "_same_names", "_pairs", "_pairs_and_shorts", "_given_names", "_orphans", "_result"):
        fn = getattr(run, name)

        def wrapped(*a, _fn=fn, _name=name):
            step("round " + _name.strip("_"))
            snap = tracemalloc.take_snapshot() if trace else None
            out = _fn(*a)
            gc.collect()
            mark()
            if trace:
                after = tracemalloc.take_snapshot()
                print(f"  {_name}: traced {sum(s.size for s in after.statistics('filename')) / 1e6:.1f} MB", file=sys.stderr)
                for st in after.compare_to(snap, "lineno")[:12]:
                    print(f"     {st.size_diff / 1e6:+8.1f} MB {st.count_diff:+9d}  {st.traceback}", file=sys.stderr)
            print(f"  {_name}: returns {type(out).__name__} of {len(out) if hasattr(out, '__len__') else '-'}", file=sys.stderr)
            return out

        setattr(run, name, wrapped)


def replay(data: Path, state: Path, outdir: Path, jobs: int, out_json: Path | None, probe: bool = False, trace: bool = False) -> dict:
    from resolve.io.tables import TableWriter
    from resolve.match.engine import with_clusters
    from resolve.memory import give_back
    from resolve.pipeline import _tables
    from resolve.rules import load_rules
    from resolve.sources import get_extractor
    from resolve.sources.executors import Job, make_executor

    rules = load_rules()
    extractor = get_extractor("rules", rules)
    executor = make_executor(Job(rules, extractor, None), jobs=jobs)
    executor.start()
    me = os.getpid()
    steps: list[dict] = []
    if trace:
        import tracemalloc

        tracemalloc.start()
    t0, c0 = time.perf_counter(), _cpu()

    with TreeRSS() as tree:

        def step(name: str) -> None:
            tree.stage = name
            steps.append({"step": name, "t": round(time.perf_counter() - t0, 1), "cpu": round(_cpu() - c0, 1)})

        def mark() -> None:
            steps[-1]["after_client_mb"] = round(_rss_kb(me) / 1024)

        step("load")
        with open(state, "rb") as fh:
            d = pickle.load(fh)
        run, store, unit, articles = d["run"], d["store"], d["unit"], d["articles"]
        del d
        run.rules, run.map = rules, executor.map
        try:  # as `pipeline._match` does after the windows (where the code has it)
            from resolve.sources.executors import renew_workers
        except ImportError:
            pass
        else:
            renew_workers(executor, Job(rules))
        mark()
        if probe:
            _probe(run, step, mark, trace)
            for w in executor.map(worker_report, [0, 1]):
                print("  worker before the rounds:", w, file=sys.stderr)
        step("rounds")
        result = run.finish()
        del run
        mark()
        if probe:
            for w in executor.map(worker_report, [0, 1]):
                print("  worker after the rounds:", w, file=sys.stderr)
        step("clustered")
        clustered = with_clusters(store.frame(), unit, result)
        del store, unit
        mark()
        step("close")
        executor.close()
        held, links = [clustered], result.links
        del clustered, result
        give_back()
        mark()
        try:  # as `pipeline.run` does with an OUTDIR (where the code has it)
            from resolve.pipeline import MENTION_CHUNK_ROWS
        except ImportError:
            stream = _tables(held, links, articles, rules, previous=None, run_date=None)
        else:
            stream = _tables(held, links, articles, rules, previous=None, run_date=None, chunk_rows=MENTION_CHUNK_ROWS)
        del links
        with TableWriter(outdir, format="csv", safe=True, force=True) as writer:
            i = 0
            while True:
                step(f"build #{i}")
                item = next(stream, None)
                if item is None:
                    steps.pop()
                    break
                name, table = item
                del item
                steps[-1]["step"] = f"build {name}"
                tree.stage_peak_kb[steps[-1]["step"]] = tree.stage_peak_kb.pop(f"build #{i}", (0, 0))
                tree.stage = steps[-1]["step"]
                mark()
                step(f"write {name}")
                writer.add(name, table)
                del table
                give_back()
                mark()
                i += 1
            step("commit")
        mark()
    peaks = tree.stage_peak_kb
    for s in steps:
        s["peak_mb"] = [round(x / 1024) for x in peaks.get(s["step"], (0, 0))]
    res = {"rev": os.popen("git -C %s rev-parse --short HEAD" % HERE.parent).read().strip(), "load": os.getloadavg(),
           "total_s": round(time.perf_counter() - t0, 1), "cpu_s": round(_cpu() - c0, 1), "peak_tree_mb": round(tree.peak_kb / 1024), "steps": steps}
    for s in steps:
        print(f"{s['step']:<22} t={s['t']:>7}s cpu={s['cpu']:>7}  peak client/tree {s['peak_mb'][0]:>6} / {s['peak_mb'][1]:>6} MB  after {s.get('after_client_mb', '-')}")
    print(f"peak tree {res['peak_tree_mb']} MB, total {res['total_s']} s, cpu {res['cpu_s']} s, rev {res['rev']}")
    if out_json:
        out_json.write_text(json.dumps(res, indent=1) + "\n")
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["dump", "replay"])
    ap.add_argument("data", type=Path)
    ap.add_argument("state", type=Path)
    ap.add_argument("outdir", type=Path, nargs="?")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--probe", action="store_true", help="each round a step of its own")
    ap.add_argument("--trace", action="store_true", help="with --probe: tracemalloc of the client, the lines that grew most per round")
    a = ap.parse_args()
    if a.what == "dump":
        dump(a.data, a.state, a.jobs)
    else:
        replay(a.data, a.state, a.outdir, a.jobs, a.json, a.probe, a.trace)


if __name__ == "__main__":
    main()
