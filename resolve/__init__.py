"""resolve: who is in the news?  Person mentions -> canonical actor registry.

Public API (small on purpose):

- `run(inputs, outdir, rules=...)`: the whole pipeline, as `resolve run`.
- `load_rules(dirs, defaults=True)`: rule files -> `Rules`.
- `read_articles`, `extract_mentions`, `resolve_mentions`: the stages.
"""

from .extract import extract_mentions
from .pipeline import Result, resolve_mentions, run
from .read import read_articles
from .errors import RuleError
from .rules import Rules, load_rules

__all__ = ["run", "Result", "load_rules", "Rules", "RuleError", "read_articles", "extract_mentions", "resolve_mentions"]
__version__ = "0.1.0"
