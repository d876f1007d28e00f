"""Synthetic sports-wire documents for training the person model: tables the six corpora lack.

    python bench/sports_wire.py [N] [--seed 11]     # print N documents, persons in [brackets]

None of the six annotated corpora in ../shared/data has a sports wire: results lines
("3. First Last (Country) 1:57.01"), leaderboards, line-ups, scorers' lists, cricket
scorecards ("Surname c Surname b Surname 46"), team results and standings ("Arsenal 2
Leeds 0"), and the capitals headlines above them.  Real wire copy is full of them, so a
model trained on the six corpora alone learns that a name in a line with a score is a
team (`features.shape_of_text`: true in tweets and match reports) and never sees the
lone surnames of a scorecard.  These documents teach the *layouts*; they are written
from templates of our own, with people drawn from the shipped name lists (and a third of
the words made up from pieces of them, so that a name in no list is still a name in a
scorecard) and teams from the shipped places: no corpus text, no corpus name.

`corpus(n, seed)` gives a `corpora.Corpus` (gold person spans; teams and countries as
the non-person rows), deterministic for a seed; bench/train_extractor.py adds it to
every training set (the shipped model and bench/quality.py's leave-one-corpus-out).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402

from resolve.sources.rules.wordlists import shipped, shipped_places  # noqa: E402

NAME = "sports-wire"
PREFIX = "sports-"  # article ids: "sports-0000", ...
DOCS = 160
SEED = 11
#: Country names and codes as results write them after a person: ours, not a corpus's.
COUNTRIES = ("Austria", "Norway", "Italy", "France", "Germany", "Sweden", "Finland", "Spain", "Kenya", "Ethiopia",
             "Japan", "China", "Brazil", "Argentina", "Canada", "Australia", "Poland", "Russia", "Ukraine",
             "Netherlands", "Belgium", "Denmark", "Ireland", "Scotland", "Wales", "England", "Mexico", "Chile",
             "Morocco", "Nigeria", "South Africa", "New Zealand", "Czech Republic", "Slovakia", "Croatia",
             "Hungary", "Romania", "Bulgaria", "U.S.", "Switzerland", "Portugal", "Greece", "Turkey", "India")
CLUB_WORDS = ("United", "City", "Rovers", "Athletic", "Wanderers", "Town", "County", "Albion", "FC", "Rangers")
SPORTS = ("SOCCER", "TENNIS", "GOLF", "CRICKET", "ATHLETICS", "SKIING", "CYCLING", "RUGBY UNION", "BOXING")


class _Doc:
    """A document being written: text pieces and the spans of persons and other entities."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.person: list[tuple[int, int]] = []
        self.other: list[tuple[int, int, str]] = []

    def add(self, text: str, kind: str | None = None) -> "_Doc":
        if kind == "PERSON":
            self.person.append((self.size, self.size + len(text)))
        elif kind:
            self.other.append((self.size, self.size + len(text), kind))
        self.parts.append(text)
        self.size += len(text)
        return self

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _cap(w: str) -> str:
    """A folded list word as a name is written: "o'neill" -> "O'Neill", "jean-luc" -> "Jean-Luc"."""
    out, up = [], True
    for ch in w:
        out.append(ch.upper() if up else ch)
        up = ch in "'-"
    return "".join(out)


class _People:
    """Names from the shipped lists; a third made up of two list words' halves."""

    def __init__(self, rng: random.Random) -> None:
        given, surnames, english = shipped()
        ok = lambda w: w.isalpha() and 3 <= len(w) <= 12 and w not in english and any(v in w for v in "aeiouy")  # noqa: E731
        self.rng = rng
        self.given = sorted(w for w in given if ok(w))
        self.surnames = sorted(w for w in surnames if ok(w))
        places = sorted(w for w in shipped_places() if w.replace(" ", "").isalpha() and len(w) <= 14)
        self.places = places

    def _word(self, words: list[str]) -> str:
        rng = self.rng
        w = rng.choice(words)
        if rng.random() < 1 / 3:  # a word in no list: the front of one, the back of another
            v = rng.choice(words)
            w = w[: max(2, len(w) // 2)] + v[len(v) // 2 :]
        return _cap(w)

    def first(self) -> str:
        return self._word(self.given)

    def last(self) -> str:
        return self._word(self.surnames)

    def full(self) -> str:
        rng = self.rng
        if rng.random() < 0.1:
            return f"{self.first()} {self.first()} {self.last()}"
        return f"{self.first()} {self.last()}"

    def team(self) -> str:
        rng = self.rng
        town = " ".join(_cap(p) for p in rng.choice(self.places).split())
        return f"{town} {rng.choice(CLUB_WORDS)}" if rng.random() < 0.4 else town


def _dateline(doc: _Doc, rng: random.Random, people: _People) -> None:
    doc.add(rng.choice(people.places).upper(), "LOC").add(f" {rng.randint(1995, 2019)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n")


def _country(doc: _Doc, rng: random.Random) -> None:
    doc.add(" (").add(rng.choice(COUNTRIES), "LOC").add(")")


def _placed(doc: _Doc, rng: random.Random, people: _People, place: int) -> None:
    """The start of a results line: "3. First Last (Country)"."""
    doc.add(f"{place}. ").add(people.full(), "PERSON")
    _country(doc, rng)


def _race(doc: _Doc, rng: random.Random, people: _People) -> None:
    doc.add(f"{rng.choice(('SKIING', 'ATHLETICS', 'CYCLING', 'SWIMMING'))} - RESULTS OF THE {rng.choice(('MEN', 'WOMEN'))}'S RACE.\n")
    _dateline(doc, rng, people)
    doc.add("Leading results on Sunday:\n")
    for place in range(1, rng.randint(4, 10)):
        _placed(doc, rng, people, place)
        doc.add(f" {rng.randint(1, 3)}:{rng.randint(10, 59)}.{rng.randint(10, 99)}\n" if rng.random() < 0.6
                else f" {rng.randint(60, 240)} points\n")


def _cycling(doc: _Doc, rng: random.Random, people: _People) -> None:
    """Stage results: the rider's team after the country ("(Country) Team 4:32:10")."""
    teams = [people.team() if rng.random() < 0.5 else _cap(rng.choice(people.surnames)) for _ in range(4)]
    doc.add(f"CYCLING - RESULTS OF STAGE {rng.randint(1, 21)}.\n")
    _dateline(doc, rng, people)
    doc.add("Leading results of the stage:\n")
    for place in range(1, rng.randint(4, 9)):
        _placed(doc, rng, people, place)
        doc.add(" ").add(rng.choice(teams), "ORG")
        doc.add(f" {rng.randint(3, 6)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}\n" if place == 1 else " same time\n")


def _golf(doc: _Doc, rng: random.Random, people: _People) -> None:
    doc.add(f"GOLF - LEADING SCORES AT {people.team().upper()} OPEN.\n")
    _dateline(doc, rng, people)
    doc.add("Leading scores after the second round (par 72):\n")
    score = rng.randint(128, 136)
    for _ in range(rng.randint(3, 7)):
        doc.add(f"{score} ")
        for k in range(rng.randint(1, 3)):
            if k:
                doc.add(", ")
            doc.add(people.full(), "PERSON")
            _country(doc, rng)
            doc.add(f" {rng.randint(62, 72)} {rng.randint(62, 72)}")
        doc.add("\n")
        score += rng.randint(1, 2)


def _tennis(doc: _Doc, rng: random.Random, people: _People) -> None:
    a, b = people.full(), people.full()
    doc.add("TENNIS - ").add(a.split()[-1].upper(), "PERSON").add(f" {rng.choice(('BEATS', 'DOWNS', 'OUSTS'))} ")
    doc.add(b.split()[-1].upper(), "PERSON").add(" IN FINAL.\n")
    _dateline(doc, rng, people)
    doc.add(a, "PERSON").add(" beat ").add(b, "PERSON").add(f" 6-{rng.randint(0, 4)} 7-{rng.randint(5, 6)} in the final on Sunday. ")
    doc.add(a.split()[-1], "PERSON").add(" said she was pleased.\nResults from the tournament:\n")
    for _ in range(rng.randint(2, 6)):
        if rng.random() < 0.4:
            doc.add(f"{rng.randint(1, 16)} - ")
        doc.add(people.full(), "PERSON")
        _country(doc, rng)
        doc.add(" beat ").add(people.full(), "PERSON")
        _country(doc, rng)
        doc.add(f" 6-{rng.randint(0, 4)} 6-{rng.randint(0, 4)}\n")


def _soccer(doc: _Doc, rng: random.Random, people: _People) -> None:
    home, away = people.team(), people.team()
    doc.add("SOCCER - ").add(home.upper(), "ORG").add(f" {rng.choice(('BEAT', 'DRAW WITH', 'HOLD'))} ").add(away.upper(), "ORG").add(".\n")
    _dateline(doc, rng, people)
    doc.add("Results of league matches on Saturday:\n")
    for _ in range(rng.randint(3, 7)):
        doc.add(people.team(), "ORG").add(f" {rng.randint(0, 4)} ").add(people.team(), "ORG").add(f" {rng.randint(0, 4)}\n")
    doc.add("Scorers: ")
    for k in range(rng.randint(1, 4)):
        if k:
            doc.add(", ")
        doc.add(people.last() if rng.random() < 0.7 else people.full(), "PERSON").add(f" ({rng.randint(2, 89)})")
    doc.add(f"\nAttendance: {rng.randint(5, 60)},{rng.randint(100, 999)}\n")
    doc.add(home, "ORG").add(": ")
    for k in range(rng.randint(4, 11)):
        if k:
            doc.add("; " if k == 1 else ", ")
        doc.add(people.full(), "PERSON")
    doc.add("\nStandings (played, won, drawn, lost, goals for, against, points):\n")
    for _ in range(rng.randint(2, 5)):
        w, d, l = rng.randint(0, 5), rng.randint(0, 3), rng.randint(0, 4)
        doc.add(people.team(), "ORG").add(f" {w + d + l} {w} {d} {l} {rng.randint(0, 12)} {rng.randint(0, 12)} {3 * w + d}\n")


def _squad(doc: _Doc, rng: random.Random, people: _People) -> None:
    country = rng.choice(COUNTRIES)
    doc.add("SOCCER - ").add(country.upper(), "ORG").add(" NAME SQUAD.\n")
    _dateline(doc, rng, people)
    doc.add(f"{country} named the following squad on Monday for the World Cup qualifier:\n")
    for role in ("Goalkeepers", "Defenders", "Midfielders", "Forwards"):
        doc.add(f"{role} - ")
        for k in range(rng.randint(2, 5)):
            if k:
                doc.add(", ")
            doc.add(people.full(), "PERSON")
            if rng.random() < 0.3:
                doc.add(" (").add(people.team(), "ORG").add(")")
        doc.add("\n")


def _cricket(doc: _Doc, rng: random.Random, people: _People) -> None:
    home, away = rng.choice(COUNTRIES), rng.choice(COUNTRIES)
    doc.add(f"CRICKET - {home.upper()} V {away.upper()} SCOREBOARD.\n")
    _dateline(doc, rng, people)
    doc.add(f"Scoreboard on the first day of the test between {home} and {away}:\n{home} first innings\n")
    fielders = [people.last() for _ in range(6)]
    bowlers = [people.last() for _ in range(4)]
    for _ in range(rng.randint(5, 11)):
        batsman = people.last() if rng.random() < 0.5 else f"{people.first()[0]}. {people.last()}"
        doc.add(batsman, "PERSON").add(" ")
        how = rng.random()
        if how < 0.45:
            doc.add("c ").add(rng.choice(fielders), "PERSON").add(" b ").add(rng.choice(bowlers), "PERSON")
        elif how < 0.65:
            doc.add("lbw b ").add(rng.choice(bowlers), "PERSON")
        elif how < 0.8:
            doc.add("b ").add(rng.choice(bowlers), "PERSON")
        elif how < 0.9:
            doc.add("run out (").add(rng.choice(fielders), "PERSON").add(")")
        else:
            doc.add("not out")
        doc.add(f" {rng.randint(0, 140)}\n")
    doc.add(f"Extras (lb-{rng.randint(0, 9)} nb-{rng.randint(0, 9)}) {rng.randint(0, 20)}\n")
    doc.add(f"Total (for {rng.randint(3, 9)} wickets) {rng.randint(150, 450)}\nBowling: ")
    for k, b in enumerate(bowlers):
        if k:
            doc.add(", ")
        doc.add(b, "PERSON").add(f" {rng.randint(8, 30)}-{rng.randint(0, 8)}-{rng.randint(20, 99)}-{rng.randint(0, 5)}")
    doc.add("\n")


def _report(doc: _Doc, rng: random.Random, people: _People) -> None:
    """A match report in prose: a capitals headline with a surname, the full name below."""
    a, b, coach = people.full(), people.full(), people.full()
    team = people.team()
    doc.add(f"{rng.choice(SPORTS)} - ").add(a.split()[-1].upper(), "PERSON").add(f" {rng.choice(('STARS', 'SCORES TWICE', 'RESIGNS', 'SIGNS'))} FOR ")
    doc.add(team.upper(), "ORG").add(".\n")
    _dateline(doc, rng, people)
    doc.add(a, "PERSON").add(" scored twice as ").add(team, "ORG").add(f" won {rng.randint(2, 5)}-{rng.randint(0, 1)} on Saturday. ")
    doc.add(a.split()[-1], "PERSON").add(f" put {team} ahead after {rng.randint(2, 40)} minutes and ").add(b, "PERSON")
    doc.add(" added a second before halftime. \"We deserved it,\" said coach ").add(coach, "PERSON").add(". ")
    doc.add(team, "ORG").add(f" are {rng.choice(('second', 'third', 'fourth'))} in the table, ahead of ").add(people.team(), "ORG").add(".\n")


KINDS: tuple[Callable[[_Doc, random.Random, _People], None], ...] = (_race, _cycling, _golf, _tennis, _soccer, _squad, _cricket, _report)


def documents(n: int = DOCS, seed: int = SEED) -> list[_Doc]:
    rng = random.Random(seed)
    people = _People(rng)
    docs = []
    for i in range(n):
        doc = _Doc()
        KINDS[i % len(KINDS)](doc, rng, people)
        docs.append(doc)
    return docs


def corpus(n: int = DOCS, seed: int = SEED) -> corpora.Corpus:
    """The documents as a training corpus (split "train", genre "sports")."""
    docs = documents(n, seed)
    ids = [f"{PREFIX}{i:04d}" for i in range(n)]
    articles = pd.DataFrame({"article_id": ids, "text": [d.text for d in docs], "date": "", "title": "", "url": "", "source": NAME})
    person = pd.DataFrame([(a, s, e, "", "") for a, d in zip(ids, docs) for s, e in d.person],
                          columns=["article_id", "start", "end", "entity_id", "note"])
    other = pd.DataFrame([(a, s, e, t) for a, d in zip(ids, docs) for s, e, t in d.other], columns=["article_id", "start", "end", "type"])
    ignore = pd.DataFrame(columns=["article_id", "start", "end", "type"])
    return corpora.Corpus(NAME, articles, person, ignore, other, None, dict.fromkeys(ids, "train"), dict.fromkeys(ids, "sports"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=3)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    for d in documents(args.n, args.seed):
        text, out, at = d.text, [], 0
        for s, e in d.person:
            out += [text[at:s], "[", text[s:e], "]"]
            at = e
        print("".join(out) + text[at:])


if __name__ == "__main__":
    main()
