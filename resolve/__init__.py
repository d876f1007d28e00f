"""resolve: who is in the news?  Person mentions -> canonical actor registry.

Public API (small on purpose; docs/api.md documents it with examples that are run as tests):

- `run(inputs, outdir, rules=...)`: the whole pipeline, as `resolve run`; `inputs` is
  one path (str or Path) or a list of them.
- `load_rules(dirs, defaults=True)`: rule files -> `Rules`.
- `read_articles`, `extract_mentions`, `resolve_mentions`: the stages.

The names are loaded on first use (PEP 562), so `import resolve` -- and with it the
command line's start-up -- does not import pandas or the matching libraries.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

#: Public name -> the module (under resolve) that defines it.
_API = {
    "run": "pipeline",
    "Result": "pipeline",
    "resolve_mentions": "pipeline",
    "load_rules": "rules",
    "Rules": "rules",
    "RuleError": "errors",
    "read_articles": "io.inputs",
    "extract_mentions": "extract",
}

__all__ = list(_API)


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_API[name]}", __name__), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
