"""`python -m resolve ...` and the `resolve` script: the command line.

Ctrl-C is handled from the first import on: an interrupt while typer and the CLI load
gives the same "interrupted" line and exit code 130 as one during a command (from
there on `resolve.cli.ResolveGroup` handles it).
"""

import sys


def main() -> None:
    try:
        from .cli import app

        app(prog_name="resolve")
    except KeyboardInterrupt:
        from .errors import EXIT_INTERRUPTED, INTERRUPTED

        sys.stderr.write(INTERRUPTED + "\n")
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
