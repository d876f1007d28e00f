"""OUTDIR/.resolve-manifest.json: the files resolve wrote there, their format and formula guard.

Ownership: re-running into our own output directory is fine; a directory holding other
files needs `force=True` (`--force`), and other files are never touched.  Readers of
our outputs (`resolve.io.tables.read_output`) take the format and whether the formula
guard was applied from here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputDirError
from .commit import TMP_SUFFIX, tmp_path
from .formats import DEFAULT_FORMAT
from .inputs.remote import is_url

#: Lists the files resolve wrote in an output directory.
MANIFEST = ".resolve-manifest.json"
#: Output files of any resolve version, recognised as ours even without a manifest
#: (versions before the manifest wrote CSV only).
KNOWN_OUTPUTS = frozenset({"mentions.csv", "registry.csv", "titles.csv", "redirects.csv", "links.csv"})
#: Files the OS or a file browser drops into any folder.
_IGNORABLE = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class Manifest:
    files: tuple[str, ...]
    format: str = DEFAULT_FORMAT
    formula_guard: bool = True

    def to_json(self) -> str:
        data: dict[str, object] = {"tool": "resolve"}
        # No "format" key for CSV: absent means CSV (manifests written before there were
        # formats), which keeps CSV output directories byte-identical to theirs.
        if self.format != DEFAULT_FORMAT:
            data["format"] = self.format
        data["formula_guard"] = self.formula_guard
        data["files"] = list(self.files)
        return json.dumps(data, indent=1) + "\n"


def read_manifest(outdir: str | Path) -> Manifest | None:
    """The manifest of `outdir`, or None when there is none (or it is unreadable)."""
    try:
        data = json.loads((Path(outdir) / MANIFEST).read_text(encoding="utf-8"))
        return Manifest(
            tuple(str(f) for f in data.get("files", [])),
            str(data.get("format", DEFAULT_FORMAT)),
            bool(data.get("formula_guard", True)),
        )
    except (OSError, ValueError, AttributeError, TypeError):
        return None


def written_with_guard(path: str | Path) -> bool:
    """Whether the file at `path` was written with the formula guard (from the manifest beside it; default True)."""
    manifest = read_manifest(Path(path).parent)
    if manifest is not None and Path(path).name in manifest.files:
        return manifest.formula_guard
    return True


def foreign_files(outdir: str | Path) -> list[str]:
    """Names of entries in `outdir` that resolve did not write there (sorted)."""
    outdir = Path(outdir)
    manifest = read_manifest(outdir)
    own = set(manifest.files if manifest else ()) | KNOWN_OUTPUTS | _IGNORABLE | {MANIFEST}
    try:
        names = os.listdir(outdir)
    except FileNotFoundError:
        return []
    return sorted(n for n in names if n not in own and not n.endswith(TMP_SUFFIX))


def _probe(directory: Path) -> None:
    """Create and remove an empty temporary file in `directory`; OSError if it cannot be done."""
    probe = tmp_path(directory / "write-probe", "new")
    os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    os.unlink(probe)


def _check_writable(outdir: Path) -> None:
    """OutputDirError unless `outdir`, or the directory it will be created in, takes new files.

    Asked by creating (and removing) an empty temporary file there: the only answer that
    holds for permissions, ACLs, read-only and special file systems alike, given before
    any work instead of after it.
    """
    existing = next(p for p in (outdir, *outdir.absolute().parents) if p.exists() or p == p.parent)
    if not existing.is_dir():
        raise OutputDirError(f"cannot create output directory {outdir}: {existing} is not a directory")
    try:
        _probe(existing)
    except OSError as e:
        where = f"output directory {outdir}" if existing == outdir else f"directory {existing}, where output directory {outdir} would be created,"
        raise OutputDirError(f"{where} is not writable ({e.strerror or e}); nothing done") from None


def check_outdir(outdir: str | Path, *, force: bool = False) -> None:
    """Raise OutputDirError unless `outdir` can take our outputs.

    Fine: missing (it will be created; its parent must be writable), empty, or holding
    only files resolve wrote, and writable.  A directory with other files needs `force`
    (those files are left alone).
    """
    if is_url(str(outdir)):
        raise OutputDirError(
            f"output directory {outdir}: outputs are written to a local directory only (URLs are read as inputs); "
            "write locally, then copy the directory to the store (e.g. fsspec's put, aws s3 cp --recursive)"
        )
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise OutputDirError(f"output directory {outdir} exists and is not a directory")
    _check_writable(outdir)
    if force:
        return
    others = foreign_files(outdir)
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise OutputDirError(
            f"output directory {outdir} holds files resolve did not write ({shown}); "
            "choose another directory or use --force to write there anyway (other files are left alone)"
        )
