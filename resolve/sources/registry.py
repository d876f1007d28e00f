"""Extractors by name: built in, registered in code, or added by installed packages.

    get_extractor("spacy", rules, model="en_core_web_sm")

Three places, looked up in this order:

1. `register_extractor(name, factory)` calls (in code; the built-in ones are listed in
   `_BUILTIN` as "module:attribute" so that naming one imports only that module);
2. the built-in extractors: `rules`, `spacy`, `table`;
3. entry points in the group `resolve.extractors` of any installed package, e.g. in
   the package's pyproject.toml:

       [project.entry-points."resolve.extractors"]
       mine = "my_package.extract:MyExtractor"

A factory is called as `factory(rules, **options)` and returns an `Extractor`
(usually it is the Extractor subclass itself).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from inspect import signature
from importlib.metadata import entry_points

from ..rules import Rules
from .base import Extractor, ExtractorError, UnknownExtractorError

ENTRY_POINT_GROUP = "resolve.extractors"
Factory = Callable[..., Extractor]

_BUILTIN = {
    "rules": "resolve.sources.rules:RulesExtractor",
    "spacy": "resolve.sources.spacy:SpacyExtractor",
    "table": "resolve.sources.table:TableSource",
}
_REGISTERED: dict[str, Factory] = {}


def register_extractor(name: str, factory: Factory) -> None:
    """Make `factory` available as `name` (it replaces a built-in or installed one)."""
    _REGISTERED[name] = factory


def extractor_names() -> list[str]:
    """Every extractor name that `get_extractor` knows, sorted."""
    return sorted({*_REGISTERED, *_BUILTIN, *(ep.name for ep in entry_points(group=ENTRY_POINT_GROUP))})


def get_extractor(name: str, rules: Rules, **options: object) -> Extractor:
    """The extractor `name`, configured with `rules` and its own `options`."""
    factory = _factory(name)
    try:
        signature(factory).bind(rules, **options)
    except TypeError as e:
        raise ExtractorError(f"extractor {name!r}: {e}") from None
    return factory(rules, **options)


def _factory(name: str) -> Factory:
    if name in _REGISTERED:
        return _REGISTERED[name]
    if name in _BUILTIN:
        module, _, attr = _BUILTIN[name].partition(":")
        return getattr(import_module(module), attr)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == name:
            try:
                return ep.load()
            except Exception as e:  # a broken plugin must not look like a bug of ours
                raise ExtractorError(f"extractor {name!r} ({ep.value}) could not be loaded: {type(e).__name__}: {e}") from None
    raise UnknownExtractorError(f"unknown extractor {name!r}; known: {', '.join(extractor_names())}")
