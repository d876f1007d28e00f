"""Read a batch of articles: .txt files, directories of them, JSONL, CSV, or stdin.

`iter_articles` is the streaming path: it yields one article record at a time,
opening each file only when its turn comes, so a directory of 100,000 files or a
JSONL of millions of lines never sits in memory at once.  `read_articles` collects
the same records into a DataFrame with `schema.ARTICLE_COLUMNS`.

Nothing in one bad input stops the batch.  Each problem becomes a `Problem`
(where = 'path' or 'path:line', message, severity) and reading goes on:

- severity "warning": something was skipped or repaired (binary or empty file,
  malformed line, missing id/text, duplicate id, non-UTF-8 bytes decoded as
  Windows-1252/Latin-1);
- severity "error": an input that exists, or was named, could not be read at all
  (missing path, permission denied, I/O error).

The caller decides what is fatal (`resolve run` exits 1 on errors, `--strict`
also on warnings; see docs/cli.md).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, TextIO

import pandas as pd

from .dates import find_date, normalize_date
from .errors import InputError  # noqa: F401  (re-exported: `from resolve.read import InputError`)
from .schema import ARTICLE_COLUMNS

#: Largest CSV field accepted (characters).  Big enough for a 200 MB article; a larger
#: field is almost always an unclosed quote swallowing the rest of the file.
CSV_FIELD_LIMIT = 256 * 1024 * 1024

#: Bytes looked at to tell text from binary (like git and grep do).
_SNIFF = 8192

#: Leading bytes of common binary formats found in scraper output.
_MAGIC = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "MS Office document",
    b"RIFF": "RIFF media file",
    b"\x7fELF": "executable",
}

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input; `where` is 'path' or 'path:line'."""

    where: str
    message: str
    severity: str = "warning"  # "warning" (skipped/repaired, batch goes on) or "error" (input unreadable)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


# ---------------------------------------------------------------------------
# Decoding: UTF-8 first; bytes that are not valid UTF-8 are read as Windows-1252,
# and the five bytes Windows-1252 leaves undefined as Latin-1.  Doing this per
# invalid byte (a codec error handler) rather than per file keeps the good UTF-8 of
# a mostly-UTF-8 file with a few broken bytes, costs one pass, and never fails.

_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_LEGACY = [bytes([b]).decode("latin-1") if b in _CP1252_UNDEFINED else bytes([b]).decode("cp1252") for b in range(256)]
_tls = threading.local()


def _legacy_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    chunk = err.object[err.start : err.end]
    _tls.bytes = getattr(_tls, "bytes", 0) + len(chunk)
    if not _CP1252_UNDEFINED.isdisjoint(chunk):
        _tls.latin1 = True
    return "".join(_LEGACY[b] for b in chunk), err.end


codecs.register_error("resolve-legacy", _legacy_fallback)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; returns (text, warning or "").

    UTF-8 (BOM stripped) without warning; UTF-16/32 with a BOM without warning; any
    byte that is not valid UTF-8 is decoded as Windows-1252 (Latin-1 for the bytes
    Windows-1252 leaves undefined) and reported.  Never raises.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            return text, ("invalid " + enc.upper() + " replaced with U+FFFD") if "\ufffd" in text else ""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    _tls.bytes, _tls.latin1 = 0, False
    text = data.decode("utf-8", errors="resolve-legacy")
    enc = "Windows-1252/Latin-1" if _tls.latin1 else "Windows-1252"
    return text, f"not valid UTF-8; {_tls.bytes} byte(s) decoded as {enc}"


def clean_text(text: str) -> str:
    """Replace NUL and lone surrogates (JSON '\\u0000', '\\ud800') with U+FFFD, one for one.

    Surrogates cannot be written as UTF-8 and NUL breaks CSV readers (pandas);
    neither means anything in an article.  One for one keeps every offset.
    """
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def binary_kind(head: bytes) -> str:
    """What a file that is not text looks like ("PNG image", "binary data"), or "" if text."""
    for bom, _ in _BOMS:
        if head.startswith(bom):
            return ""
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    if b"\x00" in head[:_SNIFF]:
        return "binary data"
    return ""


# ---------------------------------------------------------------------------
# Records


#: A date written in the text is looked for in this many leading characters: a news
#: article's date sits near its top, and scanning a 50 MB file for one takes seconds.
DATE_SCAN_CHARS = 100_000


def _article(article_id: str, text: str, source: str, date: str = "", title: str = "", url: str = "") -> dict:
    date = normalize_date(date) or find_date(text[:DATE_SCAN_CHARS])
    return {"article_id": article_id, "text": text, "date": date, "title": title or "", "url": url or "", "source": source}


def _read_txt(path: Path, article_id: str, problems: list[Problem]) -> Iterator[dict]:
    where = str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except IsADirectoryError:
        problems.append(Problem(where, "is a directory where a file was expected", "error"))
        return
    except OSError as e:
        problems.append(Problem(where, f"cannot read: {e.strerror or e}", "error"))
        return
    kind = binary_kind(data[:_SNIFF])
    if kind:
        problems.append(Problem(where, f"not a text file ({kind}), skipped"))
        return
    text, warning = decode_bytes(data)
    if warning:
        problems.append(Problem(where, warning))
    if not text.strip():
        problems.append(Problem(where, "empty file, skipped"))
        return
    yield _article(article_id, clean_text(text), where)


def _field(rec: dict, name: str) -> str:
    v = rec.get(name)
    return "" if v is None else str(v)


def _records(rows: Iterable[tuple[int, object]], where: str, problems: list[Problem]) -> Iterator[dict]:
    """Validate (line, record) pairs from JSONL/CSV; yield article records."""
    for line, rec in rows:
        loc = f"{where}:{line}"
        if not isinstance(rec, dict):
            problems.append(Problem(loc, f"expected an object with id and text, got {type(rec).__name__}; skipped"))
            continue
        rid, text = rec.get("id"), rec.get("text")
        if isinstance(rid, bool) or not isinstance(rid, (str, int)):
            problems.append(Problem(loc, "missing id (a string or integer); skipped" if rid is None else f"id must be a string or integer, got {type(rid).__name__}; skipped"))
            continue
        rid = clean_text(str(rid).strip())
        if not rid:
            problems.append(Problem(loc, "empty id; skipped"))
            continue
        if text is None:
            problems.append(Problem(loc, f"missing text for id '{rid}'; skipped"))
            continue
        if not isinstance(text, str):
            problems.append(Problem(loc, f"text of id '{rid}' is a {type(text).__name__}, not a string; skipped"))
            continue
        if not text.strip():
            problems.append(Problem(loc, f"empty text for id '{rid}'; skipped"))
            continue
        yield _article(rid, clean_text(text), loc, _field(rec, "date"), clean_text(_field(rec, "title")), clean_text(_field(rec, "url")))


_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


def _split_lines(fh: BinaryIO) -> Iterator[bytes]:
    """Lines of a byte stream ending in \n, \r\n or a lone \r (old Mac files), endings kept."""
    for raw in fh:
        if b"\r" in raw:
            yield from (part for part in _LONE_CR.split(raw) if part)
        else:
            yield raw


def _decoded_lines(fh: BinaryIO, where: str, problems: list[Problem]) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line of a byte stream, decoded line by line.

    A UTF-16/32 file (BOM) is decoded as a whole stream; otherwise each line goes
    through `decode_bytes`, so a bad byte is reported with its line.
    """
    head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
    for bom, enc in _BOMS:
        if head.startswith(bom):
            wrapper = io.TextIOWrapper(fh, encoding=enc, errors="replace", newline="")
            yield from enumerate(wrapper, 1)
            return
    bad_lines, first_bad, latin1 = 0, 0, False
    for i, raw in enumerate(_split_lines(fh), 1):
        if i == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        text, warning = decode_bytes(raw)
        if warning:  # one warning per file, not one per line of a Windows-1252 file
            bad_lines += 1
            first_bad = first_bad or i
            latin1 = latin1 or "Latin-1" in warning
        yield i, text
    if bad_lines:
        enc = "Windows-1252/Latin-1" if latin1 else "Windows-1252"
        problems.append(Problem(f"{where}:{first_bad}", f"not valid UTF-8 on {bad_lines} line(s) from here on; those bytes decoded as {enc}"))


def _jsonl_rows(lines: Iterable[tuple[int, str]], where: str, problems: list[Problem]) -> Iterator[tuple[int, object]]:
    for i, line in lines:
        if not line.strip():
            continue
        try:
            yield i, json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            msg = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            problems.append(Problem(f"{where}:{i}", f"malformed JSON ({msg}); skipped"))


def _csv_rows(lines: Iterable[tuple[int, str]], where: str, problems: list[Problem]) -> Iterator[tuple[int, object]]:
    """(first line of the record, dict) for each CSV record; header names are case- and space-insensitive."""
    old_limit = csv.field_size_limit(CSV_FIELD_LIMIT)  # process-wide: restored below
    try:
        yield from _csv_records(lines, where, problems)
    finally:
        csv.field_size_limit(old_limit)


def _csv_records(lines: Iterable[tuple[int, str]], where: str, problems: list[Problem]) -> Iterator[tuple[int, object]]:
    reader = csv.reader((text for _, text in lines), strict=True)
    header: list[str] | None = None
    last = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            msg = str(e)
            if "end of data" in msg:
                msg = "unclosed quote runs to the end of the file; rest of the file skipped"
            elif "field larger than field limit" in msg:
                msg = f"field larger than {CSV_FIELD_LIMIT:,} characters (an unclosed quote?); record skipped"
            else:
                msg = f"malformed CSV ({msg}); record skipped"
            problems.append(Problem(f"{where}:{last + 1}", msg))
            last = reader.line_num
            continue
        first, last = last + 1, reader.line_num
        if header is None:
            header = [h.strip().lower() for h in row]
            missing = [c for c in ("id", "text") if c not in header]
            if missing:
                problems.append(Problem(f"{where}:{first}", f"no {' or '.join(missing)} column in the header {row!r}; file skipped"))
                return
            continue
        if not any(f.strip() for f in row):
            continue
        if len(row) > len(header):
            problems.append(Problem(f"{where}:{first}", f"{len(row)} fields but the header has {len(header)} (unquoted comma?); record skipped"))
            continue
        yield first, dict(zip(header, row))


def _open_stdin_lines(stdin: TextIO, problems: list[Problem]) -> Iterator[tuple[int, str]]:
    buf = getattr(stdin, "buffer", None)
    if buf is not None:
        yield from _decoded_lines(buf, "<stdin>", problems)
    else:
        yield from enumerate(stdin, 1)


def _is_txt(name: str) -> bool:
    return name.lower().endswith(".txt")


def _walk_txt(root: Path, problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    """(path, article_id) of every .txt file below `root`, lazily, sorted by relative path.

    One `scandir` per directory (file types come from the directory entry, no stat per
    file); names sorted per directory, which equals sorting the relative paths part by
    part.  Symlinked directories are followed once (loops are skipped).
    """
    seen_dirs: set[tuple[int, int]] = set()

    def walk(d: Path, rel: tuple[str, ...]) -> Iterator[tuple[Path, str]]:
        try:
            st = d.stat()
            if (st.st_dev, st.st_ino) in seen_dirs:
                return
            seen_dirs.add((st.st_dev, st.st_ino))
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            problems.append(Problem(str(d), f"cannot list directory: {e.strerror or e}", "error"))
            return
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(Path(entry.path), rel + (entry.name,))
            elif _is_txt(entry.name):
                try:
                    regular = entry.is_file()
                except OSError:
                    regular = False
                if not regular:
                    problems.append(Problem(entry.path, "not a regular file (broken link, pipe or device); skipped"))
                    continue
                stem = entry.name[: -len(".txt")]
                yield Path(entry.path), "/".join(rel + (stem,))

    yield from walk(root, ())


def _iter_raw(inputs: Iterable[str], problems: list[Problem], stdin: TextIO | None) -> Iterator[dict]:
    for inp in inputs:
        if inp == "-":
            lines = _open_stdin_lines(stdin or sys.stdin, problems)
            yield from _records(_jsonl_rows(lines, "<stdin>", problems), "<stdin>", problems)
            continue
        path = Path(inp)
        if path.is_dir():
            found = False
            for f, article_id in _walk_txt(path, problems):
                found = True
                yield from _read_txt(f, article_id, problems)
            if not found:
                problems.append(Problem(str(path), "directory holds no .txt files"))
            continue
        suffix = path.suffix.lower()
        if suffix not in (".jsonl", ".csv"):
            if not path.exists() and not path.is_symlink():
                problems.append(Problem(str(path), "no such file or directory", "error"))
            else:
                yield from _read_txt(path, path.with_suffix("").name, problems)
            continue
        try:
            fh = open(path, "rb")
        except FileNotFoundError:
            problems.append(Problem(str(path), "no such file or directory", "error"))
            continue
        except OSError as e:
            problems.append(Problem(str(path), f"cannot read: {e.strerror or e}", "error"))
            continue
        with fh:
            kind = binary_kind(fh.peek(_SNIFF)[:_SNIFF]) if hasattr(fh, "peek") else ""
            if kind:
                problems.append(Problem(str(path), f"not a text file ({kind}), skipped"))
                continue
            try:
                lines = _decoded_lines(fh, str(path), problems)
                rows = _jsonl_rows(lines, str(path), problems) if suffix == ".jsonl" else _csv_rows(lines, str(path), problems)
                n_before = len(problems)
                any_row = False
                for rec in _records(rows, str(path), problems):
                    any_row = True
                    yield rec
                if not any_row and len(problems) == n_before:
                    problems.append(Problem(str(path), "no records in file"))
            except OSError as e:
                problems.append(Problem(str(path), f"read error: {e.strerror or e}; rest of the file skipped", "error"))


def iter_articles(inputs: Iterable[str], problems: list[Problem], stdin: TextIO | None = None) -> Iterator[dict]:
    """Yield article records (dicts with ARTICLE_COLUMNS) lazily, in input order; append problems.

    Duplicate article ids are reported (with file:line) and only the first is kept.
    """
    seen: dict[str, str] = {}
    for rec in _iter_raw(inputs, problems, stdin):
        aid = rec["article_id"]
        if aid in seen:
            problems.append(Problem(rec["source"], f"duplicate article id '{aid}' (first at {seen[aid]}); skipped"))
            continue
        seen[aid] = rec["source"]
        yield rec


def iter_article_frames(inputs: Iterable[str], problems: list[Problem], stdin: TextIO | None = None, chunk_size: int = 1000) -> Iterator[pd.DataFrame]:
    """`iter_articles` in DataFrames of at most `chunk_size` rows (ARTICLE_COLUMNS), for chunked extraction."""
    chunk: list[dict] = []
    for rec in iter_articles(inputs, problems, stdin):
        chunk.append(rec)
        if len(chunk) >= chunk_size:
            yield pd.DataFrame.from_records(chunk, columns=ARTICLE_COLUMNS)
            chunk = []
    if chunk:
        yield pd.DataFrame.from_records(chunk, columns=ARTICLE_COLUMNS)


def read_articles(inputs: Iterable[str], stdin: TextIO | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read all inputs into one articles DataFrame (sorted by article_id) and the problems met.

    Duplicate article ids are reported and only the first is kept.
    """
    problems: list[Problem] = []
    records = list(iter_articles(inputs, problems, stdin))
    df = pd.DataFrame.from_records(records, columns=ARTICLE_COLUMNS)
    df = df.sort_values("article_id", kind="stable").reset_index(drop=True)
    return df, problems
