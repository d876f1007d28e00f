"""resolve.progress: lines echoed while a stage runs reach the stream, above the bar when one is drawn."""

from __future__ import annotations

import io

from resolve.progress import BarProgress, NoProgress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_progress_echoes_plain_lines_to_its_stream():
    stream = io.StringIO()
    p = NoProgress(stream)
    p.stage("extracting", 3)
    p.advance()
    p.echo("warning: a.txt: empty file, skipped")
    p.close()
    assert stream.getvalue() == "warning: a.txt: empty file, skipped\n"


def test_bar_prints_an_echoed_line_whole_while_the_bar_runs():
    stream = _Tty()
    bar = BarProgress(stream)
    try:
        bar.stage("extracting", 2)
        bar.advance()
        bar.echo("warning: feed.jsonl:7: malformed JSON (Expecting value); skipped [not markup]")
        bar.advance()
    finally:
        bar.close()
    text = stream.getvalue()
    assert "warning: feed.jsonl:7: malformed JSON (Expecting value); skipped [not markup]" in text
    assert "2/2" in text
