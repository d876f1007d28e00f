"""The rules in force, as extraction and matching use them (`Rules`, built by `load_rules`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Callable

from ..text import fold


@dataclass(frozen=True)
class KnownActor:
    name: str
    entity_id: str = ""
    aliases: tuple[str, ...] = ()
    where: str = ""

    @property
    def anchor(self) -> str:
        """The anchor that joins this actor's mentions: its fixed ID, else a key from its name."""
        return self.entity_id or f"actor:{fold(self.name)}"

    @property
    def forms(self) -> tuple[str, ...]:
        """Name and aliases, folded, without repeats (what mentions are matched against)."""
        return tuple(dict.fromkeys(fold(f) for f in (self.name, *self.aliases) if fold(f)))


@dataclass(frozen=True)
class ActorTitle:
    actor: str  # entity_id or name of a known actor
    title: str
    affiliation: str = ""
    start: str = ""  # ISO date or ""
    end: str = ""
    where: str = ""


@dataclass(frozen=True)
class Judgement:
    judgement: str  # "must_link" | "cannot_link"
    a: str  # a name or an entity_id
    b: str
    note: str = ""
    where: str = ""


@dataclass(frozen=True)
class Translit:
    src: str
    dst: str
    scope: str  # word | suffix | any


@dataclass(frozen=True)
class Title:
    normalized: str
    kind: str  # role | modifier | honorific
    role_kind: str = ""  # roles and ranks: government, military, business, ... (ROLE_KINDS)
    status: str = ""  # modifiers: former | acting | elect | designate ("" = the post is held)


@dataclass
class Rules:
    """All rules in force, folded for matching.  Build with `load_rules`."""

    given_names: set[str] = field(default_factory=set)
    nicknames: dict[str, set[str]] = field(default_factory=dict)  # folded name -> equivalents (symmetric)
    transliterations: list[Translit] = field(default_factory=list)
    titles: dict[str, Title] = field(default_factory=dict)  # folded phrase -> Title
    affiliations: dict[str, str] = field(default_factory=dict)  # folded phrase -> affiliation
    affiliation_kinds: dict[str, str] = field(default_factory=dict)  # folded phrase -> kind (country, party, ...)
    stop_phrases: set[str] = field(default_factory=set)
    org_cues: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    common_words: set[str] = field(default_factory=set)
    name_particles: set[str] = field(default_factory=set)
    speech_verbs: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    frequent_surnames: set[str] = field(default_factory=set)
    known_actors: list[KnownActor] = field(default_factory=list)
    actor_titles: list[ActorTitle] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # layers loaded, in order
    warnings: list[str] = field(default_factory=list)  # 'file:line: warning' (harmless problems)
    counts: dict[str, int] = field(default_factory=dict)  # rule file -> entries in force
    _actor_idx: dict[str, KnownActor] | None = field(default=None, repr=False, compare=False)
    _memo: dict[str, Callable] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict:
        # Caches are derived data (and hold closures): rebuild them in a worker process.
        state = dict(self.__dict__)
        state["_actor_idx"] = None
        state["_memo"] = {}
        return state

    def add_nickname(self, a: str, b: str) -> None:
        a, b = fold(a), fold(b)
        if a == b:
            return
        self.nicknames.setdefault(a, set()).add(b)
        self.nicknames.setdefault(b, set()).add(a)

    def given_equivalent(self, a: str, b: str) -> bool:
        """True when folded given names a and b are equal or declared equivalent."""
        return a == b or b in self.nicknames.get(a, ())

    def actor_index(self) -> dict[str, KnownActor]:
        """entity_id (as written) and folded name/alias -> known actor.

        Load-time validation guarantees that no name or alias belongs to two actors.
        Built once (rules are not changed after loading).
        """
        if self._actor_idx is not None:
            return self._actor_idx
        idx: dict[str, KnownActor] = {}
        for a in self.known_actors:
            for f in a.forms:
                idx[f] = a
        for a in self.known_actors:
            if a.entity_id:
                idx[a.entity_id] = a
        self._actor_idx = idx
        return idx

    def known_actor(self, name_or_id: str) -> KnownActor | None:
        """The known actor with this entity_id, name or alias (case/accent-insensitive), or None."""
        idx = self.actor_index()
        return idx.get(name_or_id) or idx.get(fold(name_or_id))


def memo_per_rules(maxsize: int = 100_000) -> Callable[[Callable], Callable]:
    """Memoize `fn(*args, rules)` separately for each Rules object.

    Parsing a name or a title phrase depends on the rules in force, so results are
    cached per Rules instance: the cache lives on the object and dies with it, and a
    result computed under one set of rules is never served under another.  Rules
    must not be changed after loading (they are not, anywhere in resolve).
    """

    def decorate(fn: Callable) -> Callable:
        name = f"{fn.__module__}.{fn.__qualname__}"

        @wraps(fn)
        def wrapper(*args):
            rules = args[-1]
            cached = rules._memo.get(name)
            if cached is None:
                cached = rules._memo[name] = lru_cache(maxsize)(lambda *a: fn(*a, rules))
            return cached(*args[:-1])

        return wrapper

    return decorate
