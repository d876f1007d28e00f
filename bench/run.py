"""Scaling benchmark: time, memory, throughput and quality of `resolve` on synthetic corpora.

    python bench/run.py                         # sizes 1000,10000,100000, --jobs 2
    python bench/run.py --sizes 1000 --jobs 1   # quick look
    python bench/run.py --end-to-end --sizes 10000,100000 --cache /work/scratch/scale
    python bench/run.py --end-to-end --sizes 100000 --scheduler local:2

For each size N the corpus is generated (bench/generate.py, seeded; cached under
bench/.cache) and then measured in a fresh child process, so peak memory of one size
does not leak into the next:
  read -> extract (--jobs processes) -> resolve (normalize, cluster, registry) -> write,
each with wall time, CPU time (including worker processes) and throughput, plus peak
RSS and B-cubed / extraction scores against the generated gold (resolve.evaluate).
Baselines on the same data, each in its own child process: the textbook recordlinkage
pipeline (block on surname, Jaro-Winkler comparisons, ECM, connected components) over
the mentions our extractor found, and spaCy PERSON extraction speed when spaCy and an
English model are installed.  Writes bench/RESULTS.md and bench/results.json.

`--end-to-end` measures instead what `resolve run CORPUS -o OUT` does (resolve.pipeline.run,
streaming: articles spooled, then windows extracted and prepared for matching as they
come), on `--jobs` processes or a Dask `--scheduler`; stages are timed from the run's
own progress reports (read = spooling the inputs; extract = extraction and the
per-window matching preparation; resolve = the rounds across windows and the registry
tables; write).  Each such row (size x engine) is kept in results.json ("scale") with
its date, commit and load average, replaced when measured again, and the "Scale"
section of RESULTS.md is rewritten from them; the rest of RESULTS.md is left as it is.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # for `import generate` when run as a script or in a child

#: Targets from issue 7 (2-core machine).
TARGET_WALL_100K = 120.0
TARGET_RSS_GB = 4.0
TARGET_SCALE = 12.0  # 10x articles -> at most 12x time
TARGET_WORDS_PER_CORE = 200_000
TARGET_BCUBED_DROP = 0.01
#: The mention-level recordlinkage baseline is skipped above this many candidate pairs
#: (its comparison vectors would not fit in memory / time); the name-form level one still runs.
BASELINE_MAX_PAIRS = 5_000_000

COLUMNS = [
    "articles", "words", "mentions", "gold", "jobs",
    "read_s", "extract_s", "extract_cpu_s", "resolve_s", "resolve_cpu_s", "write_s", "total_s", "cpu_s",
    "peak_rss_mb", "tree_peak_rss_mb",
    "extract_articles_per_s", "extract_words_per_s", "extract_words_per_cpu_s", "extract_mentions_per_s",
    "resolve_articles_per_s", "resolve_mentions_per_s",
    "extraction_overlap_f1", "extraction_exact_f1", "bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_f1", "found",
]


# --------------------------------------------------------------------------- measuring


def _cpu() -> float:
    """CPU seconds (user + system) of this process, its reaped children and the processes still
    running below it: the workers' time falls in the stage that spent it, not in the one
    that ends them."""
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    me = os.getpid()
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime + sum(_proc_cpu(p) for p in _descendants(me) if p != me)


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a running process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    """pid and all processes below it (Dask workers are their nannies' children)."""
    out, todo = [pid], [pid]
    while todo:
        kids = _children(todo.pop())
        out += kids
        todo += kids
    return out


def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    return out


class TreeRSS:
    """Samples the RSS of this process plus its children (extraction workers) every 0.1 s.

    ru_maxrss only gives the largest single process; with --jobs the total is what the
    machine must hold (copy-on-write pages shared after fork are counted in each worker,
    so this over- rather than under-states).
    """

    def __init__(self) -> None:
        self.peak_kb = 0
        self.stage = ""  # set by the caller: peaks are also kept per stage
        self.stage_peak_kb: dict[str, tuple[int, int]] = {}  # stage -> (this process, tree)
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            own = _rss_kb(me)
            total = own + sum(_rss_kb(p) for p in _descendants(me) if p != me)
            self.peak_kb = max(self.peak_kb, total)
            if self.stage:
                was = self.stage_peak_kb.get(self.stage, (0, 0))
                self.stage_peak_kb[self.stage] = (max(was[0], own), max(was[1], total))
            self._stop.wait(0.1)

    def __enter__(self) -> "TreeRSS":
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()


class Stage:
    """Wall and CPU time of a `with` block, stored in `into[name + '_s'/'_cpu_s']`."""

    def __init__(self, into: dict, name: str) -> None:
        self.into, self.name = into, name

    def __enter__(self) -> "Stage":
        self.w, self.c = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc) -> None:
        self.into[f"{self.name}_s"] = time.perf_counter() - self.w
        self.into[f"{self.name}_cpu_s"] = _cpu() - self.c


def _max_rss_mb() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return max(s.ru_maxrss, c.ru_maxrss) / 1024  # Linux: kilobytes


# --------------------------------------------------------------------------- children


def _read_gold(data: Path):
    import pandas as pd

    gold = pd.read_csv(data / "gold_mentions.csv", dtype={"doc_id": str, "entity_id": str}, keep_default_na=False)
    ranges = pd.read_csv(data / "ranges.csv", dtype={"doc_id": str})
    return gold, ranges


def child_resolve(data: Path, workdir: Path, jobs: int) -> dict:
    """Our pipeline, stage by stage, on data/articles.jsonl; mentions.csv etc. into workdir."""

    from resolve.evaluate import align_mentions, evaluate
    from resolve.extract import extract_articles
    from resolve.pipeline import resolve_mentions
    from resolve.io.inputs import read_articles
    from resolve.rules import load_rules
    from resolve.io.tables import write_tables

    meta = json.loads((data / "meta.json").read_text())
    r: dict = {"articles": meta["articles"], "words": meta["words"], "gold": meta["gold_mentions"], "jobs": jobs, "corpus": meta}
    load0 = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), _cpu()
    with TreeRSS() as tree:
        with Stage(r, "rules"):
            rules = load_rules()
        with Stage(r, "read"):
            articles, _ = read_articles([str(data / "articles.jsonl")])
        with Stage(r, "extract"):
            mentions = extract_articles(articles, rules, jobs=jobs)
        with Stage(r, "resolve"):
            tables = resolve_mentions(mentions, articles, rules)
        with Stage(r, "write"):
            write_tables(tables, workdir)
    r["total_s"] = time.perf_counter() - t0
    # Other work on the machine inflates wall times (not CPU times): record the load.
    r["load_before"], r["load_after"] = load0, os.getloadavg()[0]
    r["cpu_s"] = _cpu() - c0
    r["peak_rss_mb"] = _max_rss_mb()
    r["tree_peak_rss_mb"] = tree.peak_kb / 1024
    n, m, w = r["articles"], len(mentions), r["words"]
    r["mentions"] = m
    r["entities"] = len(tables["registry"])
    r["extract_articles_per_s"] = n / r["extract_s"]
    r["extract_words_per_s"] = w / r["extract_s"]
    r["extract_words_per_cpu_s"] = w / max(r["extract_cpu_s"], 1e-9)
    r["extract_mentions_per_s"] = m / r["extract_s"]
    r["resolve_articles_per_s"] = n / r["resolve_s"]
    r["resolve_mentions_per_s"] = m / r["resolve_s"]
    gold, ranges = _read_gold(data)
    with Stage(r, "evaluate"):
        scores = evaluate(tables["mentions"], gold, ranges)
    ex, cl = scores["extraction"], scores["clustering"]
    r["extraction_overlap_f1"], r["extraction_exact_f1"] = ex["overlap"].f1, ex["exact"].f1
    r["extraction_overlap_p"], r["extraction_overlap_r"] = ex["overlap"].precision, ex["overlap"].recall
    r["bcubed_p"], r["bcubed_r"], r["bcubed_f1"] = cl["b_cubed"].precision, cl["b_cubed"].recall, cl["b_cubed"].f1
    r["pairwise_f1"], r["found"] = cl["pairwise"].f1, cl["found"]
    # Recall per kind of gold mention (title + full name, surname only, Mr. X, ...): tells
    # the extractor where it loses.
    found_idx = {i for _, i in align_mentions(tables["mentions"], gold)}
    forms = gold["form"].str.replace("_possessive", "", regex=False)
    r["recall_by_form"] = {f: round(sum(1 for i in idx if i in found_idx) / len(idx), 3) for f, idx in forms.groupby(forms).groups.items()}
    return r


class _StageClock:
    """A `resolve.progress.Progress` that times the stages the run reports."""

    def __init__(self, into: dict, tree: TreeRSS | None = None) -> None:
        self.into, self.name, self.t, self.c = into, None, time.perf_counter(), _cpu()
        self.tree = tree  # told the stage, for peak memory per stage

    def stage(self, name: str, total: int | None = None) -> None:
        self._close()
        self.name, self.t, self.c = name, time.perf_counter(), _cpu()
        if self.tree is not None:
            self.tree.stage = name

    def _close(self) -> None:
        if self.name is not None:
            key = {"reading": "read", "extracting": "extract", "resolving": "resolve", "writing": "write"}[self.name]
            self.into[f"{key}_s"] = time.perf_counter() - self.t
            self.into[f"{key}_cpu_s"] = _cpu() - self.c

    def advance(self, n: int = 1) -> None:
        pass

    def echo(self, line: str) -> None:
        pass

    def close(self) -> None:
        self._close()
        self.name = None


def child_e2e(data: Path, workdir: Path, jobs: int, scheduler: str) -> dict:
    """`resolve run data/articles.jsonl -o workdir` (resolve.pipeline.run), stages timed."""
    from resolve.evaluate import evaluate
    from resolve.pipeline import run
    from resolve.rules import load_rules

    meta = json.loads((data / "meta.json").read_text())
    r: dict = {"articles": meta["articles"], "words": meta["words"], "gold": meta["gold_mentions"], "engine": scheduler or f"--jobs {jobs}"}
    r["date"] = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    r["rev"] = _git_rev()
    load0 = os.getloadavg()[0]
    rules = load_rules()
    t0, c0 = time.perf_counter(), _cpu()
    with TreeRSS() as tree:
        clock = _StageClock(r, tree)
        result = run(str(data / "articles.jsonl"), workdir, rules=rules, jobs=jobs, scheduler=scheduler or None, progress=clock, force=True)
        clock.close()
    # Peak RSS by stage: the client alone, and the process tree (workers included).
    r["stage_peak_mb"] = {k: [round(a / 1024), round(b / 1024)] for k, (a, b) in tree.stage_peak_kb.items()}
    r["total_s"] = time.perf_counter() - t0
    r["load_before"], r["load_after"] = load0, os.getloadavg()[0]
    r["cpu_s"] = _cpu() - c0
    r["peak_rss_mb"] = _max_rss_mb()
    r["tree_peak_rss_mb"] = tree.peak_kb / 1024
    tables = result.tables
    r["mentions"], r["entities"] = len(tables["mentions"]), len(tables["registry"])
    del result
    gold, ranges = _read_gold(data)
    scores = evaluate(tables["mentions"], gold, ranges)
    ex, cl = scores["extraction"], scores["clustering"]
    r["extraction_overlap_f1"] = ex["overlap"].f1
    r["bcubed_p"], r["bcubed_r"], r["bcubed_f1"] = cl["b_cubed"].precision, cl["b_cubed"].recall, cl["b_cubed"].f1
    return r


def write_scale(path: Path, rows: list[dict], cmd: str) -> None:
    """The "Scale" section of RESULTS.md (between its markers) from the end-to-end rows."""
    rows = sorted(rows, key=lambda r: (r["engine"] != "--jobs 2", r["engine"], r["articles"]))
    L = [
        SCALE_BEGIN,
        "## Scale: `resolve run` end to end (issue 13)",
        "",
        f"`{cmd}` (one row per size and engine, each measured in a fresh child process, kept until measured again). "
        "Streaming run: read = spooling the inputs (ids, dates, hashes in memory); extract = extraction and each window's "
        "matching preparation; resolve = rounds across windows; write = the registry tables, each built, written and let go in turn (rows before 2026-12-02 13:40 UTC: resolve included building all the tables, write only wrote them). "
        "Peak RSS is the whole process tree (workers included), sampled every 0.1 s. Quality against the generated gold. "
        "The machine (2 cores) is shared: the load average is shown.",
        "",
        "| articles | engine | read s | extract s | resolve s | write s | total s | CPU s | peak RSS MB | extraction F1 | B-cubed P / R / F1 | date | commit | load avg before / after |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|",
    ]
    for r in rows:
        if "error" in r:
            L.append(f"| {_f(r.get('articles'))} | {r.get('engine', '')} | failed: {r['error']} |")
            continue
        L.append(
            f"| {_f(r['articles'])} | {r['engine']} | {_f(r['read_s'])} | {_f(r['extract_s'])} | {_f(r['resolve_s'])} | {_f(r['write_s'])} | "
            f"{_f(r['total_s'])} | {_f(r['cpu_s'])} | {max(r['tree_peak_rss_mb'], r['peak_rss_mb']):,.0f} | {r['extraction_overlap_f1']:.3f} | "
            f"{r['bcubed_p']:.3f} / {r['bcubed_r']:.3f} / {r['bcubed_f1']:.3f} | {r['date']} | {r['rev']} | {r['load_before']:.1f} / {r['load_after']:.1f} |"
        )
    staged = [r for r in rows if "stage_peak_mb" in r]
    if staged:
        L += ["", "Peak RSS by stage, MB: the client process / the process tree (workers included); CPU s by stage (client and workers).", "",
              "| articles | engine | read | extract | resolve | write | CPU s read / extract / resolve / write | commit |", "|---:|---|---:|---:|---:|---:|---|---|"]
        for r in staged:
            peaks = [r["stage_peak_mb"].get(k) for k in ("reading", "extracting", "resolving", "writing")]
            cells = " | ".join(f"{a:,} / {b:,}" if a is not None else "" for a, b in (x or (None, None) for x in peaks))
            cpu = " / ".join(_f(r.get(f"{k}_cpu_s")) for k in ("read", "extract", "resolve", "write"))
            L.append(f"| {_f(r['articles'])} | {r['engine']} | {cells} | {cpu} | {r['rev']} |")
    L.append(SCALE_END)
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    if SCALE_BEGIN in text:
        head, _, rest = text.partition(SCALE_BEGIN)
        text = head + "\n".join(L) + rest.partition(SCALE_END)[2]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(L) + "\n"
    path.write_text(text, encoding="utf-8")


SCALE_BEGIN, SCALE_END = "<!-- scale: bench/run.py --end-to-end -->", "<!-- /scale -->"


def _rl_keys(texts):
    """Textbook keys: folded tokens; given = first token (none for one-token names), surname = last."""
    import numpy as np
    import pandas as pd

    from resolve.text import fold

    toks = [fold(t).replace(".", "").split() for t in texts]
    return pd.DataFrame(
        {
            "full": [" ".join(t) for t in toks],
            "given": [t[0] if len(t) > 1 else np.nan for t in toks],
            "surname": [t[-1] if t else "" for t in toks],
        }
    )


def _rl_cluster(records) -> tuple[list[int], int]:
    """Block on surname, compare (Jaro-Winkler given and full name, exact given), ECM, components."""
    import recordlinkage as rl

    from resolve.match.constraints import UnionFind

    indexer = rl.Index()
    indexer.block("surname")
    pairs = indexer.index(records)
    comp = rl.Compare()
    comp.string("given", "given", method="jarowinkler", threshold=0.85, label="given_jw")
    comp.string("full", "full", method="jarowinkler", threshold=0.9, label="full_jw")
    comp.exact("given", "given", label="given_exact")
    sets = UnionFind(len(records))
    if len(pairs):
        features = comp.compute(pairs, records)
        matches = rl.ECMClassifier().fit_predict(features)
        for a, b in matches:
            sets.union(a, b)
    return sets.roots(), len(pairs)


def child_baseline(data: Path, workdir: Path) -> dict:
    """recordlinkage textbook pipeline over the mentions our extractor found (workdir/mentions.csv)."""
    import pandas as pd

    from resolve.evaluate import evaluate

    mentions = pd.read_csv(workdir / "mentions.csv", dtype={"article_id": str}, keep_default_na=False)
    gold, ranges = _read_gold(data)
    out: dict = {"mentions": len(mentions)}
    keys = _rl_keys(mentions["text"])
    block_sizes = keys["surname"].value_counts()
    n_pairs = int((block_sizes * (block_sizes - 1) // 2).sum())
    # (a) textbook: every mention is a record.
    if n_pairs <= BASELINE_MAX_PAIRS:
        t0, c0 = time.perf_counter(), _cpu()
        labels, _ = _rl_cluster(keys.reset_index(drop=True))
        out["mention_level_s"] = time.perf_counter() - t0
        out["mention_level_cpu_s"] = _cpu() - c0
        pred = mentions.assign(entity_id=[str(x) for x in labels])
        out["mention_level_bcubed_f1"] = evaluate(pred, gold, ranges)["clustering"]["b_cubed"].f1
    out["mention_level_pairs"] = n_pairs
    # (b) the same pipeline over distinct name strings (labels copied back to mentions).
    t0, c0 = time.perf_counter(), _cpu()
    forms = pd.unique(mentions["text"])
    labels, n_form_pairs = _rl_cluster(_rl_keys(forms))
    lab = dict(zip(forms, labels))
    out["form_level_s"] = time.perf_counter() - t0
    out["form_level_cpu_s"] = _cpu() - c0
    out["form_level_pairs"] = n_form_pairs
    pred = mentions.assign(entity_id=[str(lab[t]) for t in mentions["text"]])
    out["form_level_bcubed_f1"] = evaluate(pred, gold, ranges)["clustering"]["b_cubed"].f1
    out["peak_rss_mb"] = _max_rss_mb()
    return out


def child_spacy(data: Path, sample: int) -> dict:
    """spaCy PERSON extraction speed on the first `sample` articles (when spaCy + a model exist)."""
    import spacy  # noqa: F401  (ImportError -> skipped by the caller)

    nlp = None
    for model in ("en_core_web_sm", "en_core_web_md", "en_core_web_lg"):
        try:
            nlp = spacy.load(model)
            break
        except OSError:
            continue
    if nlp is None:
        return {"skipped": "spaCy is installed but no English model (en_core_web_sm/md/lg) is"}
    texts = []
    with open(data / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            texts.append(json.loads(line)["text"])
            if len(texts) >= sample:
                break
    words = sum(len(t.split()) for t in texts)
    t0, c0 = time.perf_counter(), _cpu()
    persons = sum(1 for doc in nlp.pipe(texts) for e in doc.ents if e.label_ == "PERSON")
    wall = time.perf_counter() - t0
    return {"model": nlp.meta.get("name", "?"), "articles": len(texts), "words": words, "persons": persons, "s": wall,
            "words_per_s": words / wall, "cpu_s": _cpu() - c0}


# --------------------------------------------------------------------------- parent


def ensure_corpus(n: int, seed: int, cache: Path) -> Path:
    import generate

    # Keyed by the generator's source, so an edited generator never reuses a stale corpus.
    tag = hashlib.sha1(Path(generate.__file__).read_bytes()).hexdigest()[:8]
    d = cache / f"gen-{tag}-seed{seed}-n{n}"
    meta = d / "meta.json"
    if meta.is_file() and json.loads(meta.read_text()).get("articles") == n:
        return d
    t0 = time.perf_counter()
    generate.write_corpus(n, d, seed)
    print(f"  generated {n} articles in {time.perf_counter() - t0:.1f}s -> {d}", file=sys.stderr)
    return d


def run_child(args: list[str]) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["exit %d" % proc.returncode])[-1], "stderr": proc.stderr[-4000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine() -> dict:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": mem, "python": platform.python_version(), "platform": platform.platform()}


def _git_rev() -> str:
    try:
        root = HERE.parent
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "resolve"], cwd=root, capture_output=True, text=True).stdout.strip()
        return rev + (" + uncommitted changes in resolve/" if dirty else "")
    except OSError:
        return "?"


def _f(x, nd: int = 1) -> str:
    if x is None or x == "":
        return "-"
    if isinstance(x, float):
        return f"{x:,.{nd}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def targets(rows: list[dict]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met?) for each issue-7 target (None: not measured in this run)."""
    by_n = {r["articles"]: r for r in rows if "error" not in r}
    out: list[tuple[str, str, bool | None]] = []
    big = by_n.get(100_000)
    if big:
        er = big["extract_s"] + big["resolve_s"]
        txt = f"{er:.1f} s (read+extract+resolve+write {big['total_s']:.1f} s)"
        if "extract_cpu_s" in big and "resolve_cpu_s" in big:
            # What an otherwise idle machine would take if the extraction workers shared the
            # CPUs perfectly: an estimate from CPU times, shown because wall times are
            # inflated when other processes compete (see the load average).
            proj = big["extract_cpu_s"] / max(1, min(big.get("jobs", 1), os.cpu_count() or 1)) + big["resolve_cpu_s"]
            txt += f"; load avg {big.get('load_before', 0):.1f}-{big.get('load_after', 0):.1f}; projection from CPU times on an idle machine: {proj:.0f} s"
        out.append((f"100k articles extract+resolve <= {TARGET_WALL_100K:.0f} s wall", txt, er <= TARGET_WALL_100K))
        # The tree is sampled (it can miss a short peak); getrusage gives the exact peak of
        # the largest process: the larger of the two is judged.
        rss = max(big["tree_peak_rss_mb"], big["peak_rss_mb"]) / 1024
        out.append((f"100k peak RSS <= {TARGET_RSS_GB:.0f} GB",
                    f"{rss:.2f} GB (process tree sampled {big['tree_peak_rss_mb'] / 1024:.2f} GB; largest process {big['peak_rss_mb'] / 1024:.2f} GB)",
                    rss <= TARGET_RSS_GB))
    else:
        out.append((f"100k articles extract+resolve <= {TARGET_WALL_100K:.0f} s wall", "not run", None))
        out.append((f"100k peak RSS <= {TARGET_RSS_GB:.0f} GB", "not run", None))
    sizes = sorted(by_n)
    ratios = []
    for a, b in zip(sizes, sizes[1:]):
        if b == 10 * a:
            ta = by_n[a]["extract_s"] + by_n[a]["resolve_s"]
            tb = by_n[b]["extract_s"] + by_n[b]["resolve_s"]
            ratios.append((a, b, tb / ta))
    if ratios:
        txt = "; ".join(f"{a:,}->{b:,}: x{r:.1f}" for a, b, r in ratios)
        out.append((f"~linear: 10x articles <= {TARGET_SCALE:.0f}x time (extract+resolve)", txt, all(r <= TARGET_SCALE for *_, r in ratios)))
    else:
        out.append((f"~linear: 10x articles <= {TARGET_SCALE:.0f}x time", "needs two sizes 10x apart", None))
    if sizes:
        r = by_n[sizes[-1]]
        out.append((f"extraction >= {TARGET_WORDS_PER_CORE:,} words/s per core", f"{r['extract_words_per_cpu_s']:,.0f} words per CPU-second at {sizes[-1]:,}", r["extract_words_per_cpu_s"] >= TARGET_WORDS_PER_CORE))
    if 1000 in by_n and 100_000 in by_n:
        d = by_n[1000]["bcubed_f1"] - by_n[100_000]["bcubed_f1"]
        out.append((f"B-cubed F1 at 100k within {TARGET_BCUBED_DROP} of 1k", f"{by_n[1000]['bcubed_f1']:.3f} -> {by_n[100_000]['bcubed_f1']:.3f}", d <= TARGET_BCUBED_DROP))
    else:
        out.append((f"B-cubed F1 at 100k within {TARGET_BCUBED_DROP} of 1k", "needs sizes 1000 and 100000", None))
    return out


def write_results(path: Path, info: dict, rows: list[dict], baselines: list[dict], spacy_res: dict, cmd: str, hotspots: str = "") -> None:
    ok = [r for r in rows if "error" not in r]
    L = [
        "# Benchmark results",
        "",
        f"Measured {info['date']} with `{cmd}` (resolve {info['rev']}).",
        f"Machine: {info['machine']['nproc']} CPUs ({info['machine']['cpu']}), {info['machine']['ram']} RAM, "
        f"Python {info['machine']['python']}, {info['machine']['platform']}.",
        f"Corpus: bench/generate.py, seed {info['seed']} (synthetic news; gold clusters known). Extraction with --jobs {info['jobs']}.",
        "Each size runs in a fresh child process. Times are wall seconds; CPU includes worker processes. "
        f"Load average (1 min) on the {info['machine']['nproc']} CPUs is shown per run: above the CPU count, other "
        "processes competed for the CPUs and wall times are inflated; the per-CPU-second figures are not.",
        "",
        "## Our pipeline",
        "",
        "| articles | words | mentions | read s | extract s | resolve s | write s | total s | CPU s | peak RSS MB (tree / largest) | extract words/s | words per CPU-s | extract mentions/s | resolve mentions/s | extraction F1 (overlap) | B-cubed P / R / F1 | pairwise F1 | load avg before / after |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in ok:
        L.append(
            f"| {_f(r['articles'])} | {_f(r['words'])} | {_f(r['mentions'])} | {_f(r['read_s'])} | {_f(r['extract_s'])} | {_f(r['resolve_s'])} | "
            f"{_f(r['write_s'])} | {_f(r['total_s'])} | {_f(r['cpu_s'])} | {r['tree_peak_rss_mb']:,.0f} / {r['peak_rss_mb']:,.0f} | "
            f"{r['extract_words_per_s']:,.0f} | {r['extract_words_per_cpu_s']:,.0f} | {r['extract_mentions_per_s']:,.0f} | {r['resolve_mentions_per_s']:,.0f} | "
            f"{r['extraction_overlap_f1']:.3f} | {r['bcubed_p']:.3f} / {r['bcubed_r']:.3f} / {r['bcubed_f1']:.3f} | {r['pairwise_f1']:.3f} | "
            f"{r['load_before']:.1f} / {r['load_after']:.1f} |"
        )
    for r in rows:
        if "error" in r:
            L.append(f"| {_f(r.get('articles'))} | failed: {r['error']} |")
    L += ["", "Corpora (bench/generate.py; namesakes = gold mentions of a person whose full name another person also has):", "",
          "| articles | people | people mentioned | gold mentions | namesake mentions | people by origin |", "|---:|---:|---:|---:|---:|---|"]
    for r in ok:
        c = r.get("corpus", {})
        if c:
            origins = ", ".join(f"{k} {v:,}" for k, v in c.get("people_by_origin", {}).items())
            L.append(f"| {_f(r['articles'])} | {_f(c.get('people'))} | {_f(c.get('entities_mentioned'))} | {_f(c.get('gold_mentions'))} | "
                     f"{c.get('mentions_with_shared_full_name', 0):.1%} | {origins} |")
    L += ["", "Extraction recall by kind of gold mention (overlapping span):", ""]
    forms = sorted({f for r in ok for f in r.get("recall_by_form", {})})
    if forms:
        L.append("| articles | " + " | ".join(forms) + " |")
        L.append("|---:|" + "---:|" * len(forms))
        for r in ok:
            L.append(f"| {_f(r['articles'])} | " + " | ".join(f"{r['recall_by_form'].get(f, 0):.3f}" for f in forms) + " |")
    L += [
        "",
        "## Baselines on the same data",
        "",
        "recordlinkage 0.16 textbook pipeline over the mentions our extractor found: block on folded surname, "
        "Compare (Jaro-Winkler >= 0.85 on given name, >= 0.9 on full name, exact given name), ECMClassifier, "
        "connected components. (a) every mention a record, as the textbook does; skipped when the surname blocks "
        f"give more than {BASELINE_MAX_PAIRS:,} candidate pairs. (b) the same over distinct name strings. "
        "B-cubed is over the same found gold mentions as ours, so the columns compare the matchers.",
        "",
        "| articles | our resolve s | our B-cubed F1 | rl mentions: pairs | rl mentions: s | rl mentions: B-cubed F1 | rl name forms: pairs | rl name forms: s | rl name forms: B-cubed F1 | rl peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r, b in zip(rows, baselines):
        if "error" in r:
            continue
        if "error" in b:
            L.append(f"| {_f(r['articles'])} | {_f(r['resolve_s'])} | {r['bcubed_f1']:.3f} | baseline failed: {b['error']} |")
            continue
        ml_s = _f(b.get("mention_level_s")) if "mention_level_s" in b else "skipped (too many pairs)"
        ml_f = f"{b['mention_level_bcubed_f1']:.3f}" if "mention_level_bcubed_f1" in b else "-"
        L.append(
            f"| {_f(r['articles'])} | {_f(r['resolve_s'])} | {r['bcubed_f1']:.3f} | {_f(b['mention_level_pairs'])} | {ml_s} | {ml_f} | "
            f"{_f(b['form_level_pairs'])} | {_f(b['form_level_s'])} | {b['form_level_bcubed_f1']:.3f} | {b['peak_rss_mb']:,.0f} |"
        )
    L += ["", "spaCy PERSON extraction speed:", ""]
    if "skipped" in spacy_res:
        L.append(f"- skipped: {spacy_res['skipped']}.")
    elif "error" in spacy_res:
        L.append(f"- failed: {spacy_res['error']}")
    else:
        s = spacy_res
        L.append(f"- {s['model']} on the first {s['articles']:,} articles ({s['words']:,} words): {s['s']:.1f} s, {s['words_per_s']:,.0f} words/s, {s['persons']:,} PERSON entities.")
    L += ["", "## Targets (issue 7, 2-core machine)", "", "| target | measured | status |", "|---|---|---|"]
    for t, m, met in targets(rows):
        L.append(f"| {t} | {m} | {'met' if met else 'NOT MET' if met is False else 'not measured'} |")
    if hotspots:
        L += ["", "## Hot spots", "",
              "cProfile, one process (`python bench/hotspots.py N --only extract|resolve`): extraction by own time, "
              "resolution (on 10x the articles) by inclusive time.", "", "```", hotspots.strip(), "```"]
    L += ["", "Raw figures: bench/results.json.", ""]
    path.write_text("\n".join(L), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated article counts")
    ap.add_argument("--jobs", type=int, default=2, help="extraction processes (resolve run --jobs)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cache", type=Path, default=HERE / ".cache", help="where generated corpora and outputs are kept")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="results table (Markdown); results.json goes next to it")
    ap.add_argument("--no-baselines", action="store_true", help="skip the recordlinkage and spaCy baselines")
    ap.add_argument("--spacy-sample", type=int, default=500, help="articles for the spaCy speed sample")
    ap.add_argument("--hotspots", type=int, default=2000, help="profile extraction on this many articles and resolution on 10x as many (0: skip)")
    ap.add_argument("--end-to-end", action="store_true", help="measure `resolve run` as a whole, streaming (see above); no baselines")
    ap.add_argument("--scheduler", default="", help="with --end-to-end: a Dask scheduler (local:N or tcp://HOST:PORT) instead of --jobs processes")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        kind, rest = args.child[0], args.child[1:]
        if kind == "resolve":
            res = child_resolve(Path(rest[0]), Path(rest[1]), int(rest[2]))
        elif kind == "e2e":
            res = child_e2e(Path(rest[0]), Path(rest[1]), int(rest[2]), rest[3] if len(rest) > 3 else "")
        elif kind == "baseline":
            res = child_baseline(Path(rest[0]), Path(rest[1]))
        elif kind == "spacy":
            try:
                res = child_spacy(Path(rest[0]), int(rest[1]))
            except ImportError:
                res = {"skipped": "spaCy is not installed (pip install spacy; python -m spacy download en_core_web_sm)"}
        else:
            raise SystemExit(f"unknown child {kind}")
        print(json.dumps(res))
        return

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.end_to_end:
        end_to_end(args, sizes)
        return
    info = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(), "rev": _git_rev(), "seed": args.seed, "jobs": args.jobs}
    print(f"machine: {info['machine']}", file=sys.stderr)
    rows, baselines = [], []
    for n in sizes:
        data = ensure_corpus(n, args.seed, args.cache)
        work = args.cache / f"out-n{n}"
        work.mkdir(parents=True, exist_ok=True)
        print(f"[{n:,} articles] resolve --jobs {args.jobs} ...", file=sys.stderr)
        r = run_child(["resolve", str(data), str(work), str(args.jobs)])
        r.setdefault("articles", n)
        rows.append(r)
        if "error" in r:
            print(f"  failed: {r['error']}\n{r.get('stderr', '')}", file=sys.stderr)
            baselines.append({"error": "pipeline failed"})
            continue
        print(
            f"  extract {r['extract_s']:.1f}s ({r['extract_words_per_s']:,.0f} words/s), resolve {r['resolve_s']:.1f}s, total {r['total_s']:.1f}s, "
            f"peak {r['tree_peak_rss_mb']:,.0f} MB, extraction F1 {r['extraction_overlap_f1']:.3f}, B-cubed F1 {r['bcubed_f1']:.3f}",
            file=sys.stderr,
        )
        if args.no_baselines:
            baselines.append({"error": "not run (--no-baselines)"})
            continue
        print(f"[{n:,} articles] recordlinkage baseline ...", file=sys.stderr)
        b = run_child(["baseline", str(data), str(work)])
        baselines.append(b)
        if "error" in b:
            print(f"  failed: {b['error']}", file=sys.stderr)
        else:
            print(f"  name forms: {b['form_level_s']:.1f}s B-cubed F1 {b['form_level_bcubed_f1']:.3f}; mentions: {b.get('mention_level_s', 'skipped')}", file=sys.stderr)
    spacy_res: dict = {"skipped": "not run (--no-baselines)"}
    if not args.no_baselines and sizes:
        spacy_res = run_child(["spacy", str(ensure_corpus(sizes[0], args.seed, args.cache)), str(args.spacy_sample)])
    hot = ""
    if args.hotspots:
        print(f"[{args.hotspots:,} articles] profiling (bench/hotspots.py) ...", file=sys.stderr)
        # Extraction costs the same per article at any size: a small sample shows it.
        # Resolution is where size shows (popular names, big blocks): 10x the articles.
        for stage, n, sort in (("extract", args.hotspots, "tottime"), ("resolve", 10 * args.hotspots, "cumulative")):
            proc = subprocess.run([sys.executable, str(HERE / "hotspots.py"), str(n), "--only", stage, "--top", "20", "--sort", sort,
                                   "--seed", str(args.seed), "--cache", str(args.cache)], capture_output=True, text=True)
            hot += (proc.stdout if proc.returncode == 0 else f"profiling {stage} failed: {proc.stderr.strip().splitlines()[-1:]}") + "\n"
    cmd = "python bench/run.py " + " ".join(sys.argv[1:])
    write_results(args.out, info, rows, baselines, spacy_res, cmd.strip(), hot)
    args.out.with_name("results.json").write_text(json.dumps({"info": info, "runs": rows, "baselines": baselines, "spacy": spacy_res}, indent=1) + "\n")
    print(args.out.read_text())


def end_to_end(args: argparse.Namespace, sizes: list[int]) -> None:
    results = args.out.with_name("results.json")
    saved = json.loads(results.read_text()) if results.is_file() else {}
    engine = args.scheduler or f"--jobs {args.jobs}"
    kept = [r for r in saved.get("scale", []) if not (r.get("engine") == engine and r.get("articles") in sizes)]
    for n in sizes:
        data = ensure_corpus(n, args.seed, args.cache)
        work = args.cache / f"out-e2e-n{n}"
        print(f"[{n:,} articles] resolve run, {engine} ...", file=sys.stderr)
        r = run_child(["e2e", str(data), str(work), str(args.jobs), args.scheduler])
        r.setdefault("articles", n)
        r.setdefault("engine", engine)
        if "error" in r:
            print(f"  failed: {r['error']}\n{r.get('stderr', '')}", file=sys.stderr)
        else:
            print(f"  read {r['read_s']:.1f}s extract {r['extract_s']:.1f}s resolve {r['resolve_s']:.1f}s write {r['write_s']:.1f}s total {r['total_s']:.1f}s, "
                  f"peak {max(r['tree_peak_rss_mb'], r['peak_rss_mb']):,.0f} MB, extraction F1 {r['extraction_overlap_f1']:.3f}, B-cubed F1 {r['bcubed_f1']:.3f}", file=sys.stderr)
        kept.append(r)
        saved["scale"] = kept
        results.write_text(json.dumps(saved, indent=1) + "\n")  # after each size: a long series keeps what it measured
        write_scale(args.out, kept, "python bench/run.py --end-to-end --sizes N[,N...] [--scheduler ADDRESS] --cache DIR")


if __name__ == "__main__":
    main()
