"""What a command prints on stderr while it runs, and its summaries.

`Reporter` is the command line's side of a run: the progress display, every warning
and error printed the moment it is met (above the progress bar) and counted, and at the
end one summary line with those counts and the elapsed time, or (`--json`) one JSON
object on stdout for scripts.  Light: imported by the CLI before any heavy library.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Sequence

from .errors import ResolveError
from .progress import Progress, make_progress

if TYPE_CHECKING:
    from pathlib import Path

    from .io.problem import Problem


class Reporter:
    """Progress, warnings as they happen, counts and elapsed time of one command.

    A context manager: leaving it stops the progress display; a ResolveError leaving it
    loses the problems already printed, so the error policy does not print them twice.
    """

    def __init__(self, *, quiet: bool = False) -> None:
        self.progress: Progress = make_progress(enabled=not quiet)
        self.warnings = 0
        self.errors = 0
        self._shown: dict[int, Problem] = {}  # by id; holding them keeps the ids unique
        self._start = time.perf_counter()

    def __enter__(self) -> "Reporter":
        return self

    def __exit__(self, kind, error, tb) -> None:
        self.progress.close()
        if isinstance(error, ResolveError):
            error.problems = [p for p in error.problems if id(p) not in self._shown]

    def problem(self, problem: Problem) -> None:
        """Print an input problem now and count it (the `on_problem` of run and link)."""
        self._shown[id(problem)] = problem
        self._count(problem.severity)
        self.progress.echo(problem.report())

    def warning_lines(self, lines: Sequence[str]) -> None:
        """Print and count warnings that come as ready-made lines (rule-file warnings)."""
        for line in lines:
            self._count("warning")
            self.progress.echo(line)

    def _count(self, severity: str) -> None:
        if severity == "error":
            self.errors += 1
        else:
            self.warnings += 1

    @property
    def elapsed(self) -> float:
        """Seconds since the command started."""
        return time.perf_counter() - self._start

    def counts(self) -> str:
        """'2 warnings, 1 error, 3.4 s': what went wrong and how long it took."""
        parts = [plural(self.warnings, "warning")] + ([plural(self.errors, "error")] if self.errors else [])
        return f"{', '.join(parts)}, {self.elapsed:.1f} s"

    def summary_json(self, counts: dict[str, int], outdir: str, outputs: Sequence[Path]) -> str:
        """The `--json` summary: `counts`, warnings, errors, elapsed seconds, OUTDIR and the files written."""
        return json.dumps(
            {
                **counts,
                "warnings": self.warnings,
                "errors": self.errors,
                "elapsed_s": round(self.elapsed, 3),
                "outdir": outdir,
                "outputs": [str(p) for p in outputs],
            },
            indent=1,
        )


def plural(n: int, word: str) -> str:
    """'1 warning', '2 warnings'."""
    return f"{n} {word}{'' if n == 1 else 's'}"
