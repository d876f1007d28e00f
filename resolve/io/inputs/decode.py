"""Bytes -> text for articles: UTF-8 first, a per-byte legacy fallback, BOMs, binary sniffing.

Bytes that are not valid UTF-8 are read as Windows-1252, and the five bytes
Windows-1252 leaves undefined as Latin-1.  Doing this per invalid byte (a codec error
handler) rather than per file keeps the good UTF-8 of a mostly-UTF-8 file with a few
broken bytes, costs one pass, and never fails.
"""

from __future__ import annotations

import codecs
import threading

#: Bytes looked at to tell text from binary (like git and grep do).
SNIFF = 8192

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

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


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
    for bom, enc in BOMS:
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
    for bom, _ in BOMS:
        if head.startswith(bom):
            return ""
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    if b"\x00" in head[:SNIFF]:
        return "binary data"
    return ""
