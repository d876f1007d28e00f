"""The annotated corpora of ../shared/data, loaded into one shape for scoring and training.

Every folder but ecbplus-dev has the layout described in ../shared/data/README.md
(`articles/<doc_id>.txt`, `gold_mentions.csv`, `documents.csv` with `split`); ecbplus-dev
predates it (`name_start`/`name_end` spans, `split_cv2015`, exhaustive only inside
`selected_sentences.csv`).  `load(name)` hides the difference:

- `articles`: DataFrame[article_id, text, date, title, url, source] (resolve's article frame)
- `person`: gold person-name spans to find (article_id, start, end, entity_id, note)
- `ignore`: spans neither to find nor to penalise (@-handles, title references such as
  "Duchess of Cambridge": not personal names; the README's scoring rules)
- `other`: gold non-person rows (article_id, start, end, type): the type-confusion negatives
- `ranges`: exhaustively annotated character ranges (ecbplus-dev only; None = whole documents)
- `split`: doc_id -> train / dev / test;  `genre`: doc_id -> genre

Nothing here is shipped in the package: it reads the shared folder only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
#: Folders in the order reports list them; NEWS are the news-like corpora with targets.
CORPORA = ("ecbplus-dev", "gum", "uner-pud", "btc", "re3d", "wnut17")
NEWS = ("ecbplus-dev", "gum", "uner-pud", "btc", "re3d")


class DataMissing(SystemExit):
    """The shared data folder is not there: a one-line message, no traceback."""


def require(*paths: Path, what: str) -> None:
    """DataMissing (one line, exit 1) naming the first of `paths` that does not exist."""
    for path in paths:
        if not path.exists():
            raise DataMissing(
                f"error: no {what} at {path} (expected the shared data folder ../shared/data beside the repository, or give its path)"
            )


@dataclass
class Corpus:
    name: str
    articles: pd.DataFrame
    person: pd.DataFrame
    ignore: pd.DataFrame
    other: pd.DataFrame
    ranges: pd.DataFrame | None
    split: dict[str, str]
    genre: dict[str, str]

    def subset(self, split: str | tuple[str, ...]) -> "Corpus":
        """The documents of one split (or several), every table cut to them."""
        splits = (split,) if isinstance(split, str) else split
        keep = {d for d, s in self.split.items() if s in splits}

        def cut(df: pd.DataFrame | None) -> pd.DataFrame | None:
            return None if df is None else df[df["article_id"].isin(keep)].reset_index(drop=True)

        return Corpus(self.name, cut(self.articles), cut(self.person), cut(self.ignore), cut(self.other),
                      cut(self.ranges), {d: self.split[d] for d in keep}, {d: self.genre[d] for d in keep})


def _read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _articles(folder: Path, doc_ids: list[str]) -> pd.DataFrame:
    rows = [{"article_id": d, "text": _read_text(folder / "articles" / f"{d}.txt"), "date": "", "title": "", "url": "",
             "source": f"{folder.name}/{d}"} for d in doc_ids]
    return pd.DataFrame(rows, columns=["article_id", "text", "date", "title", "url", "source"])


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load(name: str, data: Path = DATA) -> Corpus:
    folder = data / name
    require(folder / "gold_mentions.csv", folder / "documents.csv", what="annotated corpus")
    docs = _csv(folder / "documents.csv")
    gold = _csv(folder / "gold_mentions.csv").rename(columns={"doc_id": "article_id"})
    if name == "ecbplus-dev":
        split = dict(zip(docs["doc_id"], docs["split_cv2015"]))
        genre = dict(zip(docs["doc_id"], docs["subcorpus"]))
        person = pd.DataFrame({"article_id": gold["article_id"], "start": gold["name_start"].astype(int),
                               "end": gold["name_end"].astype(int), "entity_id": gold["entity_id"],
                               "note": gold["coref_status"]})
        ranges = _csv(folder / "selected_sentences.csv").rename(columns={"doc_id": "article_id"})
        ranges = ranges.assign(start=ranges["start"].astype(int), end=ranges["end"].astype(int))[["article_id", "start", "end"]]
        empty = pd.DataFrame({"article_id": pd.Series(dtype=str), "start": pd.Series(dtype=int), "end": pd.Series(dtype=int),
                              "type": pd.Series(dtype=str)})
        ignore, other = empty.copy(), empty.copy()
    else:
        split = dict(zip(docs["doc_id"], docs["split"]))
        genre = dict(zip(docs["doc_id"], docs["genre"]))
        gold = gold.assign(start=gold["start"].astype(int), end=gold["end"].astype(int))
        is_person = gold["type"] == "PERSON"
        skip = gold["note"].str.contains("handle|title-reference", regex=True)
        person = gold.loc[is_person & ~skip, ["article_id", "start", "end", "entity_id", "note"]].reset_index(drop=True)
        ignore = gold.loc[is_person & skip, ["article_id", "start", "end", "type"]].reset_index(drop=True)
        other = gold.loc[~is_person, ["article_id", "start", "end", "type"]].reset_index(drop=True)
        ranges = None
    articles = _articles(folder, sorted(split))
    return Corpus(name, articles, person, ignore, other, ranges, split, genre)
