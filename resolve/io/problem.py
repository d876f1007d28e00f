"""`Problem`: something wrong with one input, reported with its file (and line); reading goes on."""

from __future__ import annotations

from dataclasses import dataclass


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
