"""`python -m resolve ...` runs the command line, like the `resolve` script."""

from .cli import app

if __name__ == "__main__":
    app(prog_name="resolve")
