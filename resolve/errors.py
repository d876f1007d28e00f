"""Errors that `resolve` reports to users as one clear message (no traceback).

Each carries the exit code the CLI uses for it (see docs/cli.md).  Anything else
that escapes a command is a bug or an environment failure: the CLI prints its
message, exits 1, and `resolve --debug ...` shows the traceback.
"""

from __future__ import annotations

#: Exit codes of the command line (documented in docs/cli.md and the README).
EXIT_OK = 0
EXIT_ERROR = 1  # an error: bad rules, no readable input, unwritable OUTDIR, or some input unreadable
EXIT_USAGE = 2  # bad command line (typer/click's own code)
EXIT_STRICT = 3  # --strict and the inputs had problems: nothing was written
EXIT_INTERRUPTED = 130  # Ctrl-C / SIGTERM: previous outputs left intact


class ResolveError(Exception):
    """An error with a message meant for the user."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class InputError(ResolveError):
    """Nothing could be read at all (every input missing, empty, or not text)."""


class OutputDirError(ResolveError):
    """OUTDIR cannot be used: not a directory, or it holds files resolve did not write (use --force)."""


class StrictError(ResolveError):
    """`--strict` and the inputs had problems; no output was written."""

    exit_code = EXIT_STRICT
