"""Train the person model shipped with the rules extractor, byte for byte reproducibly.

    python bench/train_extractor.py [--out resolve/sources/rules/data/person_model.json.gz] [--check]

Data: the `train` split of every annotated corpus in ../shared/data (bench/corpora.py),
and the synthetic sports wire of bench/sports_wire.py (layouts no corpus has); dev and
test splits are never read.  Steps, all deterministic:

1. the letter model (`namelike`): logistic regression over character n-grams, given
   names and surnames of the shipped word lists against the shipped English words;
2. candidates of each corpus's training articles (and of capitalized copies of some:
   `AUGMENTED`), extracted in the pipeline's windows
   (resolve.extract.EXTRACT_WINDOW articles, in article-id order) with the default
   rules; a candidate is a person when it overlaps a gold person span (candidates
   overlapping an ignored span — @-handles, title references — and, in ecbplus-dev,
   candidates outside the exhaustively annotated sentences or in a document with no
   person annotated at all are left out: ECB+ annotates the participants of its events,
   and its documents without any are full of unannotated names); vetoed
   candidates are left out (the rule files reject them whatever the model says);
3. stage 1 on the candidates' own features; stage 2 on those plus the context
   features computed from *cross-fitted* stage-1 probabilities (5 folds by article, so
   that no candidate's context is scored by a model that saw it);
4. both stages: L2 logistic regression (liblinear, C=0.1, fixed seed) on the corpora's
   candidates; then the features the corpora show fewer than `RARE` times get their
   weights from the sports wire, the first fit as a fixed offset (`_fit_stage`), so the
   synthetic documents move no weight the corpora have evidence on; weights rounded
   to 4 decimals in sorted JSON, gzip without a timestamp.

`--check` trains and compares with the shipped file instead of writing it (exit 1 when
they differ).  `train(corpora)` is also what bench/quality.py's leave-one-corpus-out
column calls.
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402
import sports_wire  # noqa: E402

from resolve.extract import EXTRACT_WINDOW  # noqa: E402
from resolve.rules import Rules, load_rules  # noqa: E402
from resolve.sources.rules.batch import Prepared, first_stage, prepare, second_stage_features  # noqa: E402
from resolve.sources.rules.casing import one_to_one as _one_to_one  # noqa: E402
from resolve.sources.rules.model import MODEL_FILE, PersonModel, Stage  # noqa: E402
from resolve.sources.rules.namelike import NameLikeness, ngrams  # noqa: E402
from resolve.sources.rules.wordlists import shipped  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resolve" / "sources" / "rules" / "data" / MODEL_FILE
C = 0.1
#: Decision threshold on the stage-2 probability: below 0.5 because recall of lone names
#: (a surname alone, a headline) is what the held-out corpora lack most (bench/quality.py LOCO).
THRESHOLD = 0.4
FOLDS = 5


def _matrix(rows: Sequence[Sequence[str]], columns: dict[str, int]) -> sparse.csr_matrix:
    """Binary rows x columns: 1 where a row has the column's feature (others are ignored)."""
    ind, ptr = [], [0]
    for r in rows:
        ind.extend(sorted({columns[f] for f in r if f in columns}))
        ptr.append(len(ind))
    return sparse.csr_matrix((np.ones(len(ind)), ind, ptr), shape=(len(rows), len(columns)))


#: Features that say what *kind* of thing a candidate is (a firm, a place) rather than how
#: its letters look: each is on few candidates, so the L2 penalty that suits the tens of
#: thousands of letter and word features keeps their weights near zero.  Their column is
#: `EVIDENCE_SCALE` instead of 1 in the design matrix (the weight is divided back: the
#: shipped weight still adds 1 x weight), which is the same fit with a penalty
#: EVIDENCE_SCALE**2 times weaker on them.
EVIDENCE = ("poss_orgcue", "firm_art=", "coord_place=", "loc_several=", "saint|")
EVIDENCE_SCALE = 3.0


def _scale(f: str) -> float:
    return EVIDENCE_SCALE if f.startswith(EVIDENCE) else 1.0


def _fit(rows: Sequence[Sequence[str]], y: np.ndarray, C: float, class_weight=None, scaled: bool = True) -> tuple[float, dict[str, float]]:
    """L2 logistic regression over binary string features -> (bias, weights by feature)."""
    vocab = {f: i for i, f in enumerate(sorted({f for r in rows for f in r}))}
    names = sorted(vocab, key=vocab.get)
    scale = np.array([_scale(f) if scaled else 1.0 for f in names])
    X = _matrix(rows, vocab) @ sparse.diags(scale)
    m = LogisticRegression(solver="liblinear", C=C, random_state=0, max_iter=1000, class_weight=class_weight)
    m.fit(X.tocsr(), y)
    return float(m.intercept_[0]), {f: float(w * k) for f, w, k in zip(names, m.coef_[0], scale)}


def train_namelike() -> NameLikeness:
    """The letter model, from the shipped word lists only."""
    given, surnames, english = shipped()
    names = sorted((given | surnames) - english)
    words = sorted(english - given - surnames)
    rows = [ngrams(w) for w in names + words]
    y = np.array([1] * len(names) + [0] * len(words))
    bias, weights = _fit(rows, y, 1.0, class_weight="balanced", scaled=False)
    return NameLikeness({k: v for k, v in weights.items() if abs(v) >= 0.05}, bias)


#: Marks an augmented copy of a training article: `{id}{AUGMENTED}caps` is the article
#: written all in capitals, `...head` with its first line in capitals (headlines, wire
#: slugs).  Chosen by a hash of the id: one article in six each, so the model learns what
#: capitals lines look like (resolve.sources.rules.casing) without a corpus of them.
AUGMENTED = "\x00"


def base_id(article_id: str) -> str:
    return article_id.split(AUGMENTED, 1)[0]


def _augmented(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for aid, text in items:
        h = zlib.crc32(aid.encode("utf-8")) % 6
        if h == 0:
            out.append((f"{aid}{AUGMENTED}caps", _one_to_one(text, str.upper)))
        elif h == 1 and "\n" in text.strip():
            head, _, rest = text.partition("\n")
            out.append((f"{aid}{AUGMENTED}head", _one_to_one(head, str.upper) + "\n" + rest))
    return out


def _windows(articles, augment: bool = True) -> list[list[tuple[str, str]]]:
    """The pipeline's windows of the articles, then windows of their augmented copies
    (apart: a copy must not find its own original elsewhere in its batch)."""
    items = sorted(zip(articles["article_id"], articles["text"]))
    copies = _augmented(items) if augment else []
    return [part[i : i + EXTRACT_WINDOW] for part in (items, copies) for i in range(0, len(part), EXTRACT_WINDOW)]


def _spans_by_doc(df) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if df is not None:
        for a, s, e in zip(df["article_id"], df["start"], df["end"]):
            out[a].append((int(s), int(e)))
    return out


def labels(prepared: Sequence[Prepared], corpus: corpora.Corpus) -> list[list[int | None]]:
    """1 person / 0 not / None not a training example, per candidate."""
    gold, ignore, ranges = _spans_by_doc(corpus.person), _spans_by_doc(corpus.ignore), _spans_by_doc(corpus.ranges)
    out = []
    for a in prepared:
        row: list[int | None] = []
        doc = base_id(a.article_id)
        for c, veto in zip(a.cands, a.vetoed):
            overlaps = lambda spans: any(c.start < e and s < c.end for s, e in spans)  # noqa: E731
            if veto or overlaps(ignore[doc]):
                row.append(None)
            elif corpus.ranges is not None and (not gold[doc] or not any(s <= c.start and c.end <= e for s, e in ranges[doc])):
                row.append(None)
            else:
                row.append(int(overlaps(gold[doc])))
        out.append(row)
    return out


def _examples(prepared, labelled, feats) -> tuple[list[list[str]], list[int], list[str]]:
    rows, ys, docs = [], [], []
    for a, lab, fs in zip(prepared, labelled, feats):
        for y, f in zip(lab, fs):
            if y is not None:
                rows.append(f)
                ys.append(y)
                docs.append(base_id(a.article_id))
    return rows, ys, docs


def examples_of(
    corpus: corpora.Corpus, rules: Rules, namelike: NameLikeness, *, augment: bool = True
) -> tuple[list[Prepared], list[list[int | None]]]:
    """The corpus's candidates (in the pipeline's windows; with the augmented copies) and their labels."""
    prepared: list[Prepared] = []
    labelled: list[list[int | None]] = []
    for window in _windows(corpus.articles, augment):
        p = prepare(window, rules, namelike)
        prepared.extend(p)
        labelled.extend(labels(p, corpus))
    return prepared, labelled


def train(train_sets: Sequence[corpora.Corpus], rules: Rules | None = None, *, log=None) -> PersonModel:
    """The person model trained on these corpora (their documents as given: pass train splits)."""
    rules = rules if rules is not None else load_rules()
    t0 = time.perf_counter()
    namelike = train_namelike()
    prepared: list[Prepared] = []
    labelled: list[list[int | None]] = []
    # The synthetic sports wire goes into every training set: its layouts are in no corpus.
    train_sets = [*train_sets, sports_wire.corpus()]
    for corpus in train_sets:
        p, lab = examples_of(corpus, rules, namelike)
        prepared.extend(p)
        labelled.extend(lab)
    model = fit(prepared, labelled, namelike, {c.name: len(c.articles) for c in train_sets})
    if log:
        log(f"trained on {model.meta['examples']} candidates ({model.meta['positives']} persons) of {len(prepared)} articles in {time.perf_counter() - t0:.0f} s")
    return model


#: Letters of a name's words: the synthetic names are made up, so they teach no letters.
_WORD_FORM = ("suf2", "suf3", "pre2")


def _fit_new_features(rows: Sequence[Sequence[str]], y: np.ndarray, known: Stage, C: float) -> dict[str, float]:
    """Weights for the features of `rows` that `known` has none for, with `known`'s margin
    as a fixed offset: L2 logistic regression, liblinear's objective (C * log loss +
    ||w||^2 / 2), solved by L-BFGS from zero (deterministic).  This is how the synthetic
    sports wire teaches its layouts ("c Surname b Surname") without moving any weight the
    annotated corpora have evidence on."""
    from scipy.optimize import minimize

    new = sorted({f for r in rows for f in r if f not in known.weights and not f.startswith(_WORD_FORM)})
    if not new:
        return {}
    X = _matrix(rows, {f: i for i, f in enumerate(new)})
    offset = np.array([known.margin(r) for r in rows])
    sign = 2.0 * y - 1.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = sign * (offset + X @ w)
        value = C * np.logaddexp(0.0, -z).sum() + 0.5 * np.sum(w * w)  # no BLAS: the same sums on every machine
        grad = -C * (X.T @ (sign * np.exp(-np.logaddexp(0.0, z)))) + w
        return float(value), grad

    w = minimize(loss, np.zeros(len(new)), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return {f: float(v) for f, v in zip(new, w)}


#: A feature the annotated corpora show on fewer candidates than this has no evidence
#: there; its weight comes from the synthetic documents (`_fit_stage`).
RARE = 5


def _fit_stage(rows: Sequence[Sequence[str]], y: np.ndarray, synthetic: np.ndarray) -> Stage:
    """One stage: logistic regression on the annotated corpora's candidates; then the
    features of the synthetic documents that those show on fewer than `RARE` candidates
    (no evidence there) take their weights from the synthetic documents
    (`_fit_new_features`, the first fit's other weights as a fixed offset)."""
    real = ~synthetic
    real_rows = [r for r, m in zip(rows, real) if m]
    bias, weights = _fit(real_rows, y[real], C)
    if not synthetic.any():
        return Stage(bias, weights)
    syn_rows = [r for r, m in zip(rows, synthetic) if m]
    seen = Counter(f for r in real_rows for f in r)
    rare = {f for r in syn_rows for f in r if seen[f] < RARE and not f.startswith(_WORD_FORM)}
    known = Stage(bias, {f: w for f, w in weights.items() if f not in rare})
    extra = _fit_new_features(syn_rows, y[synthetic], known, C)
    return Stage(bias, {**known.weights, **extra})


def fit(prepared: Sequence[Prepared], labelled: Sequence[Sequence[int | None]], namelike: NameLikeness, trained_on: dict) -> PersonModel:
    """Both stages on labelled candidates (`examples_of`)."""
    rows, ys, docs = _examples(prepared, labelled, [a.local for a in prepared])
    y = np.array(ys)
    synthetic = np.array([d.startswith(sports_wire.PREFIX) for d in docs], dtype=bool)
    stage1 = _fit_stage(rows, y, synthetic)
    # Cross-fitted stage-1 probabilities for the context features of stage 2.
    fold_of = {d: zlib.crc32(d.encode("utf-8")) % FOLDS for d in sorted(set(docs))}
    folds = np.array([fold_of[d] for d in docs])
    stage_of_fold = {}
    for k in range(FOLDS):
        keep = folds != k
        stage_of_fold[k] = _fit_stage([r for r, m in zip(rows, keep) if m], y[keep], synthetic[keep])
    p1 = []
    for a in prepared:
        st = stage_of_fold.get(zlib.crc32(base_id(a.article_id).encode("utf-8")) % FOLDS)
        p1.append([None if v else st.probability(f) for f, v in zip(a.local, a.vetoed)])
    rows2, _, _ = _examples(prepared, labelled, second_stage_features(prepared, p1))
    stage2 = _fit_stage(rows2, y, synthetic)
    meta = {"trained_on": trained_on, "examples": int(len(y)), "positives": int(y.sum()), "C": C, "trainer": "bench/train_extractor.py"}
    model = PersonModel(stage1, stage2, namelike, THRESHOLD, meta)
    return PersonModel.from_bytes(model.to_bytes())  # exactly what a shipped file would give (rounded weights)


def training_corpora(names: Sequence[str] = corpora.CORPORA, data: Path = corpora.DATA) -> list[corpora.Corpus]:
    return [corpora.load(n, data).subset("train") for n in names]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--check", action="store_true", help="compare with the shipped model instead of writing it")
    ap.add_argument("--data", default=str(corpora.DATA), help="the annotated corpora (default ../shared/data)")
    args = ap.parse_args()
    model = train(training_corpora(data=Path(args.data)), log=lambda m: print(m, file=sys.stderr))
    data = model.to_bytes()
    out = Path(args.out)
    if args.check:
        same = out.is_file() and out.read_bytes() == data
        print(f"{out}: {'identical to' if same else 'DIFFERS from'} a fresh training")
        raise SystemExit(0 if same else 1)
    out.write_bytes(data)
    print(f"wrote {out} ({len(data) // 1024} KiB; stage 1: {len(model.stage1.weights)} weights, stage 2: {len(model.stage2.weights)}, letters: {len(model.namelike.weights)})")


if __name__ == "__main__":
    main()
