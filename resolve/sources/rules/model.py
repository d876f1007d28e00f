"""The person model: two logistic stages over `features`, with weights shipped in data/.

Stage 1 scores every candidate from its own features; stage 2 adds what stage 1
thinks of related candidates in the article and the batch (`features.context_features`)
and gives the probability the extractor uses.  Weights are plain data
(data/person_model.json.gz: feature string -> weight, per stage, plus the letter model
of `namelike`), written by `bench/train_extractor.py` from the training splits of the
annotated corpora and reproduced byte for byte by it.  `explain` lists what each
feature contributed, so a decision can be read.
"""

from __future__ import annotations

import gzip
import io
import json
import math
from itertools import repeat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .namelike import NameLikeness

MODEL_FILE = "person_model.json.gz"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Stage:
    """One logistic stage: P = sigmoid(bias + sum of the weights of the features present)."""

    bias: float
    weights: Mapping[str, float]

    def margin(self, features: Iterable[str]) -> float:
        """bias + the weights of `features` (distinct strings: `features` builds them so),
        summed in their order, so the rounding does not depend on hashing."""
        return self.bias + sum(map(self.weights.get, features, repeat(0.0)))

    def probability(self, features: Iterable[str]) -> float:
        z = self.margin(features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30.0 else 0.0


@dataclass(frozen=True)
class PersonModel:
    stage1: Stage
    stage2: Stage
    namelike: NameLikeness
    threshold: float = 0.5
    meta: Mapping[str, object] = field(default_factory=dict)

    def explain(self, features: Iterable[str], stage: int = 2) -> list[tuple[str, float]]:
        """(feature, weight) of the features present, largest effect first."""
        st = self.stage2 if stage == 2 else self.stage1
        return sorted(((f, st.weights[f]) for f in dict.fromkeys(features) if f in st.weights), key=lambda x: (-abs(x[1]), x[0]))

    # --- (de)serialisation -----------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The model file: sorted JSON, weights rounded to 4 decimals, gzip without a
        timestamp, so that the same training gives the same bytes."""
        doc = {
            "format": FORMAT_VERSION,
            "threshold": self.threshold,
            "meta": self.meta,
            "namelike": _stage_doc(self.namelike.bias, self.namelike.weights),
            "stage1": _stage_doc(self.stage1.bias, self.stage1.weights),
            "stage2": _stage_doc(self.stage2.bias, self.stage2.weights),
        }
        raw = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        buf = io.BytesIO()
        with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
            gz.write(raw)
        return buf.getvalue()

    @staticmethod
    def from_bytes(data: bytes) -> "PersonModel":
        doc = json.loads(gzip.decompress(data).decode("utf-8"))
        if doc.get("format") != FORMAT_VERSION:
            raise ValueError(f"person model format {doc.get('format')!r}; this resolve reads {FORMAT_VERSION}")
        nl = doc["namelike"]
        return PersonModel(
            Stage(doc["stage1"]["bias"], doc["stage1"]["weights"]),
            Stage(doc["stage2"]["bias"], doc["stage2"]["weights"]),
            NameLikeness(nl["weights"], nl["bias"]),
            doc["threshold"],
            doc.get("meta", {}),
        )


def _stage_doc(bias: float, weights: Mapping[str, float]) -> dict:
    return {"bias": round(float(bias), 4), "weights": {k: round(float(v), 4) for k, v in sorted(weights.items()) if round(float(v), 4) != 0.0}}


@lru_cache(maxsize=1)
def shipped_model() -> PersonModel:
    """The model shipped in the package (loaded once per process)."""
    return PersonModel.from_bytes(resources.files(__package__).joinpath("data", MODEL_FILE).read_bytes())
