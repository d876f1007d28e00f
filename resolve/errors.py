"""Errors that `resolve` reports to users as one clear message (no traceback).

One model for all of them: a `ResolveError` carries the exit code the CLI uses for it
(see docs/cli.md) and the lines it prints (`report`).  Anything else that escapes a
command is a bug or an environment failure: the CLI prints its message, exits 1, and
`resolve --debug ...` shows the traceback.

This module imports nothing, so the command line can use it before any heavy import.
"""

from __future__ import annotations

#: Exit codes of the command line (documented in docs/cli.md and the README).
EXIT_OK = 0
EXIT_ERROR = 1  # an error: bad rules, no readable input, unwritable OUTDIR, or some input unreadable
EXIT_USAGE = 2  # bad command line (typer/click's own code)
EXIT_STRICT = 3  # --strict and the inputs had problems: nothing was written
EXIT_INTERRUPTED = 130  # Ctrl-C / SIGTERM: previous outputs left intact

#: What the command line prints when interrupted, whatever it was doing.
INTERRUPTED = "interrupted: nothing more written; previous outputs are intact"


class ResolveError(Exception):
    """An error with a message meant for the user.

    `problems`: the input problems met on the way (`resolve.io.problem.Problem`),
    printed one per line before the error itself.
    """

    exit_code = EXIT_ERROR

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])

    def report(self) -> list[str]:
        """The lines the command line prints to stderr for this error."""
        return [p.report() for p in self.problems] + [f"error: {self}"]


class InputError(ResolveError):
    """Nothing could be read at all (every input missing, empty, or not text), or an
    input table is unusable (no such file, not a readable CSV, a required column missing)."""


class MissingColumnsError(InputError, ValueError):
    """A table lacks columns that are needed; the message names them and the columns it has.
    A ValueError too, as Python users expect of a bad argument."""


class OutputDirError(ResolveError):
    """OUTDIR cannot be used: not a directory, not writable, or it holds files resolve did
    not write (use --force)."""


class StrictError(ResolveError):
    """`--strict` and the inputs had problems; no output was written."""

    exit_code = EXIT_STRICT


class MissingDependencyError(ResolveError):
    """An optional feature needs a package that is not installed; the message names the pip command."""

    def __init__(self, feature: str, package: str, extra: str) -> None:
        super().__init__(f"{feature} needs {package}, which is not installed: pip install 'resolve[{extra}]'")


class FileProblemsError(ResolveError, ValueError):
    """Problems in files a user wrote, each a 'file:line: message' string, all reported at once.

    `str(error)` is the problems, one per line; `headline` says what was wrong as a whole.
    A ValueError too: callers catching ValueError keep working.
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems), problems)

    def headline(self) -> str:
        return f"{len(self.problems)} problem(s)"

    def report(self) -> list[str]:
        return [f"error: {self.headline()}:\n" + "\n".join(self.problems)]


class RuleError(FileProblemsError):
    """Problems in rule files (`resolve rules check` lists the same)."""

    def headline(self) -> str:
        return f"bad rules ({len(self.problems)} problem(s)); `resolve rules check` lists them too"


class RegistryError(FileProblemsError):
    """A previous registry (`--registry`) that cannot be used."""

    def headline(self) -> str:
        return "bad registry"


class EvaluationError(ResolveError, ValueError):
    """An input of `resolve evaluate` is missing, unreadable, or lacks a column the scores need."""
