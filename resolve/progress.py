"""Progress reporting for long runs: a bar on stderr, or nothing.

The pipeline reports through the small `Progress` interface (a stage name with an
optional total, then `advance`, per article while extracting); the CLI picks the
implementation and prints its warnings through `echo`, so they appear as they happen,
above the bar.  The bar uses `rich` (already installed with typer) and is shown only
when stderr is a terminal, so logs and pipes stay clean.
"""

from __future__ import annotations

import sys
from typing import Protocol, TextIO


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> None:
        """Start a stage; `total` units when known (None: a spinner)."""

    def advance(self, n: int = 1) -> None:
        """n more units of the current stage are done."""

    def echo(self, line: str) -> None:
        """Print one line of text (a warning) on the progress stream, above the bar if one is drawn."""

    def close(self) -> None:
        """Stop displaying."""


class NoProgress:
    """Shows no progress (library default, --quiet, non-terminal stderr); `echo` writes
    plain lines to `stream` (default: stderr at the time of the call)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def echo(self, line: str) -> None:
        stream = self._stream or sys.stderr
        stream.write(line + "\n")
        stream.flush()

    def close(self) -> None:
        pass


class BarProgress:
    """A rich progress bar on `stream` (stderr): one line per stage."""

    def __init__(self, stream: TextIO | None = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress as RichProgress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        console = Console(file=stream or sys.stderr)
        self._bar = RichProgress(
            SpinnerColumn(),
            TextColumn("{task.description:<12}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self._task = None
        self._bar.start()

    def _finish(self) -> None:
        """Show the current stage as complete (a spinner stage gets total = units done)."""
        if self._task is not None:
            task = self._bar.tasks[-1]
            if task.total is None:
                self._bar.update(self._task, total=1, completed=1)
            else:
                self._bar.update(self._task, completed=task.total, count=self._count(task.total, task.total))

    @staticmethod
    def _count(done: float, total: float | None) -> str:
        return f"{int(done)}/{int(total)}" if total is not None else ""

    def stage(self, name: str, total: int | None = None) -> None:
        self._finish()
        self._task = self._bar.add_task(name, total=total, count=self._count(0, total))

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            task = self._bar.tasks[-1]
            self._bar.update(self._task, advance=n, count=self._count(task.completed + n, task.total))

    def echo(self, line: str) -> None:
        self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def close(self) -> None:
        self._finish()
        self._bar.stop()


def make_progress(enabled: bool = True, stream: TextIO | None = None) -> Progress:
    """A bar when `enabled` and `stream` (default stderr) is a terminal, else NoProgress on `stream`."""
    isatty = getattr(stream or sys.stderr, "isatty", None)
    if enabled and isatty is not None and isatty():
        return BarProgress(stream)
    return NoProgress(stream)
