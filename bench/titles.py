"""Titles and affiliations against a hand annotation (docs/titles.md): sample, locate, score.

The annotation, bench/titles_gold.csv, holds only offsets and labels (no corpus text):
corpus, doc_id, start, end (the gold person-name span), title_start, title_end (the
title span, -1 when none), title_normalized, status, affiliation, role_kind, honorific.
The text is read from ../shared/data (bench/corpora.py).

    python bench/titles.py sample [--set N]            # a fixed sample, with context, to annotate (stdout)
    python bench/titles.py locate [--set N] LABELS.tsv  # hand labels (title as written) -> its gold file
    python bench/titles.py score [--set N] [--json F]  # run the rules extractor, print the figures

Three samples (`SETS`), each drawn once with its own seed from gold person mentions of the
news-like folders: half among those with a title word nearby (`NEARBY`, a fixed list
independent of the rules), half among the others; at most two per document.  Set 1
(seed 15, 220 mentions) was annotated before any change to the extractor and then used
to develop it; set 2 (seed 1515, 150 mentions, no document of set 1) was annotated
before the tuning that followed (bench/titles_2_before.json, _after.json), then became a
development set; set 3 (seed 151515, 150 mentions, no document of sets 1 and 2) was
annotated before the third round and is held out: bench/titles_3_before.json -> _after.json
is the honest estimate; set 4 (seed 15151515, 150 mentions, no document of sets 1-3) was
annotated before the fourth round, whose development set 3 became, and is held out from it
(bench/titles_4_before.json -> _after.json), but its errors, like set 3's, were then looked
at to find the round's phenomena; set 5 (seed 1515151515, 100 mentions, no document of sets
1-4) was annotated at the end of the fourth round, after its last change, and scored once:
bench/titles_5_after.json is the round's honest estimate; set 6 (seed 151515151515, 100
mentions, no document of sets 1-5) was annotated before any change of the fifth round,
scored then (bench/titles_6_before.json) and held out from it (bench/titles_6_after.json:
the fifth round's honest estimate); set 7 (seed 15151515151515, 70 mentions, no document of
sets 1-6) was annotated from the text alone before any change of the sixth/seventh round,
scored then (bench/titles_7_before.json) and held out from it (bench/titles_7_after.json:
that round's honest estimate); set 8 (seed 1515151515151515, 70 mentions, no document of sets
1-7) was annotated from the text alone before any change of the eighth round, scored then
(bench/titles_8_before.json) and held out from it (bench/titles_8_after.json: the eighth
round's honest estimate); set 9 (seed 151515151515151515, 100 mentions, no document of sets
1-8) was annotated from the text alone before any change of the ninth round, scored then
(bench/titles_9_before.json) and held out from it (bench/titles_9_after.json: the ninth
round's honest estimate).  Scores are over all annotated mentions (a mention the extractor
missed has no title: a false negative) and, in brackets, over the mentions it found.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path
from typing import NamedTuple

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402

HERE = Path(__file__).resolve().parent
FIELDS = ["corpus", "doc_id", "start", "end", "title_start", "title_end", "title_normalized", "status", "affiliation", "role_kind", "honorific"]
#: (folder, genres kept; empty = all): the news-like text.
SOURCES = (("ecbplus-dev", ()), ("uner-pud", ("news",)), ("btc", ()), ("re3d", ("press-release",)), ("gum", ("bio", "speech", "court")))
PER_DOC = 2


class SampleSet(NamedTuple):
    seed: int
    per_stratum: int
    gold: Path
    after: tuple[int, ...]  # sets whose documents this one leaves out


SETS = {
    1: SampleSet(15, 110, HERE / "titles_gold.csv", ()),
    2: SampleSet(1515, 75, HERE / "titles_gold_2.csv", (1,)),
    3: SampleSet(151515, 75, HERE / "titles_gold_3.csv", (1, 2)),
    4: SampleSet(15151515, 75, HERE / "titles_gold_4.csv", (1, 2, 3)),
    5: SampleSet(1515151515, 50, HERE / "titles_gold_5.csv", (1, 2, 3, 4)),
    6: SampleSet(151515151515, 50, HERE / "titles_gold_6.csv", (1, 2, 3, 4, 5)),
    7: SampleSet(15151515151515, 35, HERE / "titles_gold_7.csv", (1, 2, 3, 4, 5, 6)),
    8: SampleSet(1515151515151515, 35, HERE / "titles_gold_8.csv", (1, 2, 3, 4, 5, 6, 7)),
    9: SampleSet(151515151515151515, 50, HERE / "titles_gold_9.csv", (1, 2, 3, 4, 5, 6, 7, 8)),
}
#: Words that make a title likely nearby (sampling only; deliberately broad and fixed).
NEARBY = re.compile(
    r"\b(?:mr|mrs|ms|dr|sir|rev|gen|gov|sen|rep|capt|col|lt|sgt|adm|prof|president|minister|secretary|chairman|"
    r"chair|chief|director|executive|ceo|spokes\w*|officer|official|judge|senator|governor|mayor|king|queen|prince|"
    r"princess|pope|bishop|general|captain|coach|manager|striker|player|defender|goalkeeper|midfielder|actor|"
    r"actress|singer|leader|head|founder|analyst|attorney|lawyer|commander|ambassador|envoy|adviser|advisor|"
    r"aide|deputy|vice|former|sheriff|detective|police|correspondent|reporter|editor|professor|author|star)\b",
    re.IGNORECASE,
)


def population() -> pd.DataFrame:
    """Every gold person mention of SOURCES, with its text and whether a title word is near."""
    rows = []
    for name, genres in SOURCES:
        c = corpora.load(name)
        texts = dict(zip(c.articles["article_id"], c.articles["text"]))
        for r in c.person.itertuples():
            if genres and c.genre.get(r.article_id) not in genres:
                continue
            text = texts[r.article_id]
            window = text[max(0, r.start - 60) : r.start] + " " + text[r.end : r.end + 40]
            rows.append((name, r.article_id, r.start, r.end, bool(NEARBY.search(window))))
    return pd.DataFrame(rows, columns=["corpus", "doc_id", "start", "end", "nearby"]).drop_duplicates(["corpus", "doc_id", "start", "end"])


def draw_sample(set_no: int, pop: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sample `set_no`: per_stratum mentions with a title word nearby, per_stratum without,
    none in a document of an earlier set."""
    spec = SETS[set_no]
    pop = population() if pop is None else pop
    pop = pop.sort_values(["corpus", "doc_id", "start"]).reset_index(drop=True)
    taken = {(r.corpus, r.doc_id) for k in spec.after for r in draw_sample(k, pop).itertuples()}
    rng = random.Random(spec.seed)
    picked, per_doc = [], {}
    for nearby in (True, False):
        idx = list(pop.index[pop["nearby"] == nearby])
        rng.shuffle(idx)
        n = 0
        for i in idx:
            doc = (pop.at[i, "corpus"], pop.at[i, "doc_id"])
            if doc in taken or per_doc.get(doc, 0) >= PER_DOC:
                continue
            per_doc[doc] = per_doc.get(doc, 0) + 1
            picked.append(i)
            n += 1
            if n == spec.per_stratum:
                break
    return pop.loc[sorted(picked)].reset_index(drop=True)


def _texts() -> dict[tuple[str, str], str]:
    out = {}
    for name, _ in SOURCES:
        c = corpora.load(name)
        out.update({(name, a): t for a, t in zip(c.articles["article_id"], c.articles["text"])})
    return out


def cmd_sample(set_no: int) -> None:
    texts = _texts()
    for i, r in draw_sample(set_no).iterrows():
        t = texts[(r.corpus, r.doc_id)]
        ctx = t[max(0, r.start - 160) : r.start] + "[[" + t[r.start : r.end] + "]]" + t[r.end : r.end + 100]
        print(f"#{i}\t{r.corpus}\t{r.doc_id}\t{r.start}\t{r.end}\t{' '.join(ctx.split())}")


def _locate(text: str, start: int, end: int, title: str) -> tuple[int, int]:
    """Offsets of `title` as written nearest to the name: ending before it or starting after it,
    else overlapping it (a gold name span that takes in its title: "Gov.Sarah Palin")."""
    before = text.rfind(title, max(0, start - 200), start)
    after = text.find(title, end, end + 200)
    if before < 0 and after < 0:
        across = text.find(title, max(0, start - len(title)), end + len(title))
        if across < 0:
            raise ValueError(f"title {title!r} not found near {start}-{end}")
        return across, across + len(title)
    if after < 0 or (before >= 0 and start - (before + len(title)) <= after - end):
        return before, before + len(title)
    return after, after + len(title)


def cmd_locate(set_no: int, labels: Path) -> None:
    """Hand labels, one line per sample row: `#i<TAB>title as written<TAB>normalized<TAB>status
    <TAB>affiliation<TAB>role_kind<TAB>honorific` -> the set's gold file (offsets only)."""
    texts = _texts()
    sample = draw_sample(set_no)
    gold = SETS[set_no].gold
    out = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("%"):
            continue
        cells = (line.split("\t") + [""] * 7)[:7]
        i = int(cells[0].lstrip("#"))
        r = sample.loc[i]
        title, norm, status, aff, kind, hon = (c.strip() for c in cells[1:])
        ts, te = _locate(texts[(r.corpus, r.doc_id)], r.start, r.end, title) if title else (-1, -1)
        out.append([r.corpus, r.doc_id, r.start, r.end, ts, te, norm, status if title else "", aff, kind if title else "", hon])
    with gold.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(FIELDS)
        w.writerows(sorted(out, key=lambda x: (x[0], x[1], x[2])))
    print(f"{len(out)} rows -> {gold}")


def load_gold(set_no: int) -> pd.DataFrame:
    g = pd.read_csv(SETS[set_no].gold, dtype=str, keep_default_na=False)
    for col in ("start", "end", "title_start", "title_end"):
        g[col] = g[col].astype(int)
    return g


def system_mentions(gold: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rules extractor's mentions per corpus, each corpus one batch (as `resolve run` would)."""
    from resolve import load_rules
    from resolve.extract import extract_articles

    rules = load_rules()
    out = {}
    for name in sorted(set(gold["corpus"])):
        c = corpora.load(name)
        out[name] = extract_articles(c.articles, rules)
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def score(gold: pd.DataFrame, system: dict[str, pd.DataFrame], texts: dict[tuple[str, str], str]) -> dict:
    """Title P/R/F1 (title as written), normalized title accuracy, affiliation P/R, status
    and role_kind accuracy over the gold titles; per figure over all mentions and over found ones."""
    by_doc = {(n, a): df for n, m in system.items() for a, df in m.groupby("article_id")}
    counts = {k: 0 for k in ("gold_titles", "sys_titles", "title_tp", "norm_ok", "gold_aff", "sys_aff", "aff_tp",
                            "status_ok", "kind_ok", "found", "found_titles", "found_title_tp", "found_norm_ok", "found_sys_titles",
                            "found_gold_aff", "found_aff_tp", "hon_gold", "hon_ok", "hon_in_title")}
    errors = []
    for g in gold.itertuples():
        text = texts[(g.corpus, g.doc_id)]
        gold_title = text[g.title_start : g.title_end] if g.title_start >= 0 else ""
        m = by_doc.get((g.corpus, g.doc_id))
        hit = None
        if m is not None:
            over = m[(m["start"] < g.end) & (m["end"] > g.start)]
            if len(over):
                hit = over.iloc[0]
        found = hit is not None
        sys_title = hit["title"] if found else ""
        sys_norm = hit["title_normalized"] if found else ""
        sys_aff = hit["affiliation"] if found else ""
        title_ok = bool(gold_title) and _same(sys_title, gold_title)
        norm_ok = bool(gold_title) and _same(sys_norm, g.title_normalized)
        aff_ok = bool(g.affiliation) and _same(sys_aff, g.affiliation)
        counts["found"] += found
        counts["gold_titles"] += bool(gold_title)
        counts["sys_titles"] += bool(sys_title)
        counts["title_tp"] += title_ok
        counts["norm_ok"] += norm_ok
        counts["gold_aff"] += bool(g.affiliation)
        counts["sys_aff"] += bool(sys_aff)
        counts["aff_tp"] += aff_ok
        if gold_title and found:
            counts["status_ok"] += _same(hit.get("title_status", "current") or "current", g.status or "current")
            counts["kind_ok"] += _same(hit.get("role_kind", ""), g.role_kind)
        if found:
            counts["found_titles"] += bool(gold_title)
            counts["found_sys_titles"] += bool(sys_title)
            counts["found_title_tp"] += title_ok
            counts["found_norm_ok"] += norm_ok
            counts["found_gold_aff"] += bool(g.affiliation)
            counts["found_aff_tp"] += aff_ok
        if g.honorific:
            counts["hon_gold"] += 1
            counts["hon_ok"] += found and _same(hit["honorific"], g.honorific)
        if found and hit["honorific"] and sys_title and _same(sys_title, hit["honorific"]):
            counts["hon_in_title"] += 1
        if not (title_ok or not (gold_title or sys_title)) or not norm_ok and gold_title or (g.affiliation or sys_aff) and not aff_ok:
            errors.append({"corpus": g.corpus, "doc_id": g.doc_id, "start": g.start, "found": found,
                           "gold": [gold_title, g.title_normalized, g.affiliation], "system": [sys_title, sys_norm, sys_aff]})
    c = counts
    p, r = _ratio(c["title_tp"], c["sys_titles"]), _ratio(c["title_tp"], c["gold_titles"])
    fp, fr = _ratio(c["found_title_tp"], c["found_sys_titles"]), _ratio(c["found_title_tp"], c["found_titles"])
    return {
        "mentions": len(gold), "found": c["found"], "gold_titles": c["gold_titles"],
        "title": {"P": p, "R": r, "F1": _ratio(2 * c["title_tp"], c["sys_titles"] + c["gold_titles"])},
        "title_found": {"P": fp, "R": fr, "F1": _ratio(2 * c["found_title_tp"], c["found_sys_titles"] + c["found_titles"])},
        "normalized_right": _ratio(c["norm_ok"], c["gold_titles"]),
        "normalized_right_found": _ratio(c["found_norm_ok"], c["found_titles"]),
        "affiliation": {"P": _ratio(c["aff_tp"], c["sys_aff"]), "R": _ratio(c["aff_tp"], c["gold_aff"])},
        "affiliation_found": {"R": _ratio(c["found_aff_tp"], c["found_gold_aff"])},
        "status_right": _ratio(c["status_ok"], c["found_titles"]),
        "role_kind_right": _ratio(c["kind_ok"], c["found_titles"]),
        "honorific_right": _ratio(c["hon_ok"], c["hon_gold"]),
        "errors": errors,
    }


def cmd_score(set_no: int, out: Path | None, show_errors: bool) -> None:
    gold = load_gold(set_no)
    res = score(gold, system_mentions(gold), _texts())
    errors = res.pop("errors")
    if show_errors:
        for e in errors:
            print(json.dumps(e, ensure_ascii=False))
    print(json.dumps(res, indent=1))
    if out is not None:
        out.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    cmds = {name: sub.add_parser(name) for name in ("sample", "locate", "score")}
    for cmd in cmds.values():
        cmd.add_argument("--set", type=int, choices=sorted(SETS), default=1, help="which sample (default 1)")
    cmds["locate"].add_argument("labels", type=Path)
    cmds["score"].add_argument("--json", type=Path)
    cmds["score"].add_argument("--errors", action="store_true", help="print each disagreement (contains corpus text: do not commit)")
    a = ap.parse_args(argv)
    if a.cmd == "sample":
        cmd_sample(a.set)
    elif a.cmd == "locate":
        cmd_locate(a.set, a.labels)
    else:
        cmd_score(a.set, a.json, a.errors)


if __name__ == "__main__":
    main()
