"""The judgements file that `resolve review` appends to: rules/judgements.csv plus who and when.

The format is the rule file's (rules/README.md#judgementscsv): `judgement,a,b,note`,
with two more columns, `user` and `timestamp` (UTC, ISO 8601), so that a directory
holding it is ready for `resolve run --rules DIR`.  Existing lines are read with the
rules loader's own parser, so that what review considers judged is what the loader
will load.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..rules import RULE_FILES, Judgement, Rules, check_judgements, parse_rule_file

#: The judgement rule format's columns that say who answered and when (review fills them).
REVIEW_COLUMNS = ("user", "timestamp")
FILE_NAME = "judgements.csv"


def pair_key(a: str, b: str) -> tuple[str, ...]:
    """The loader's key of a judgement between a and b (folded, unordered)."""
    return RULE_FILES[FILE_NAME].entry_key({"a": a, "b": b})


@dataclass
class JudgementFile:
    """An append-only judgements file and the judgements already in it."""

    path: Path
    header: list[str] = field(default_factory=list)  # [] when the file is new or empty
    judgements: list[Judgement] = field(default_factory=list)
    lines: int = 0
    problems: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, path: str | Path) -> "JudgementFile":
        """Read FILE (a directory means DIR/judgements.csv); a missing file is an empty one."""
        path = Path(path)
        if path.is_dir():
            path = path / FILE_NAME
        jf = cls(path)
        if not path.is_file():
            return jf
        text = path.read_text(encoding="utf-8-sig")
        jf.lines = len(text.splitlines())
        for line in text.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                jf.header = [c.strip().lower() for c in next(csv.reader([line]))]
                break
        rows, jf.problems = parse_rule_file(path, RULE_FILES[FILE_NAME])
        jf.judgements = [Judgement(r.values["judgement"], r.values["a"], r.values["b"], r.values.get("note", ""), r.where) for r in rows if not r.remove]
        return jf

    def judged(self) -> set[tuple[str, ...]]:
        return {pair_key(j.a, j.b) for j in self.judgements}

    def contradiction(self, judgement: str, a: str, b: str, rules: Rules) -> list[str]:
        """Problems that adding this judgement would cause (with the rules in force and this file)."""
        base = Rules(known_actors=rules.known_actors, judgements=[*rules.judgements, *self.judgements])
        new = Rules(known_actors=rules.known_actors, judgements=[*base.judgements, Judgement(judgement, a, b, "", f"{self.path}:{self.lines + 1}")])
        before = set(check_judgements(base))
        return [p for p in check_judgements(new) if p not in before]

    def append(self, values: dict[str, str]) -> None:
        """Append one judgement line (after a header, to a new file), written through at once."""
        rows = []
        if not self.header:
            self.header = list(RULE_FILES[FILE_NAME].columns)
            rows.append(self.header)
        rows.append([values.get(c, "") for c in self.header])
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        unterminated = self.path.is_file() and self.path.stat().st_size > 0 and not _ends_with_newline(self.path)
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(("\n" if unterminated else "") + buf.getvalue())
        self.lines += len(rows)
        self.judgements.append(Judgement(values["judgement"], values["a"], values["b"], values.get("note", ""), f"{self.path}:{self.lines}"))

    @property
    def missing_columns(self) -> list[str]:
        """Review columns an existing header lacks (those values are then not recorded)."""
        return [c for c in REVIEW_COLUMNS if self.header and c not in self.header]


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(-1, io.SEEK_END)
        return fh.read(1) in (b"\n", b"\r")
