"""`Problem`: something wrong with one input, reported with its file (and line); reading goes on.

`Problems` collects them in order and hands each to a listener as it is added, so the
command line prints a warning when it happens, not after the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input; `where` is 'path' or 'path:line'."""

    where: str
    message: str
    severity: str = "warning"  # "warning" (skipped/repaired, batch goes on) or "error" (input unreadable)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def report(self) -> str:
        """The line the command line prints: 'warning: path:line: message' (or 'error: ...')."""
        return f"{self.severity}: {self}"


#: Called with each problem as it is met (e.g. to print it at once).
OnProblem = Callable[[Problem], None]


class Problems(list):
    """The problems met so far, in order; `on_problem` (if given) sees each one as it is added."""

    def __init__(self, on_problem: OnProblem | None = None) -> None:
        super().__init__()
        self._on_problem = on_problem

    def append(self, problem: Problem) -> None:
        super().append(problem)
        if self._on_problem is not None:
            self._on_problem(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for p in problems:
            self.append(p)
