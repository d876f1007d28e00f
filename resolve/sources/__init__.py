"""Sources of person mentions: the extractor protocol, the extractors, how they run.

- `base`: the `Extractor` protocol (articles -> mentions) and its errors;
- `registry`: extractors by name, `get_extractor(name, rules, **options)`, plugins
  through the `resolve.extractors` entry points;
- `rules`: the default extractor (rules and cues); `spacy`: a spaCy model's PERSON
  entities, cut and titled like the rules extractor's; `table`: a mention table made by
  another tool (`resolve link`);
- `executors`: how extraction windows are run (in this process, in local processes).
"""

from .base import Extractor, ExtractorError, UnknownExtractorError
from .registry import extractor_names, get_extractor, register_extractor

__all__ = ["Extractor", "ExtractorError", "UnknownExtractorError", "extractor_names", "get_extractor", "register_extractor"]
