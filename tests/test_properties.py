"""Property-based tests (hypothesis): no input crashes the reader or the extractor,
offsets always slice to the mention text, and outputs read back unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from resolve.errors import MissingDependencyError
from resolve.extract import extract_mentions
from resolve.io.formats import FORMAT_NAMES, get_format
from resolve.io.guard import guard_cell, unguard_cell
from resolve.io.inputs import iter_articles
from resolve.io.inputs.decode import decode_bytes
from resolve.io.problem import Problem
from resolve.io.tables import read_output, write_tables
from resolve.schema import ARTICLE_COLUMNS

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that looks like news: names, titles, punctuation, possessives, odd Unicode.
PIECES = st.sampled_from(
    [
        "Chuck Hagel", "Secretary", "Defense Secretary", "Hagel", "Tom Donilon's", "Donilon-Putin", "said", "the",
        "Obama administration", "Adm.", "James Stavridis", "Sergei", "Shoygu", "Mr.", "(AP Photo/Cliff Owen)",
        "É", "ß", "İstanbul", "Ωmega", "Сергей Шойгу", "李", "😀", "\u200b", "\u0301", "\ufeff", "\r\n", "\n", " ", ", ", ". ",
        "'", "\"", "-", "=", "@", "\t", "U.S.", "NATO", "March 26, 2013",
    ]
)
NEWSISH = st.lists(PIECES, max_size=40).map(" ".join)
ANY_TEXT = st.text(max_size=300)
# Cells our outputs can hold: any Unicode except surrogates (not encodable) and NUL
# (the reader replaces both with U+FFFD, so no output ever contains them).
CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


def _articles(texts: list[str]) -> pd.DataFrame:
    rows = [{"article_id": f"a{i}", "text": t, "date": "", "title": "", "url": "", "source": "test"} for i, t in enumerate(texts)]
    return pd.DataFrame.from_records(rows, columns=ARTICLE_COLUMNS)


def _check_offsets(texts: list[str], mentions: pd.DataFrame) -> None:
    by_id = {f"a{i}": t for i, t in enumerate(texts)}
    for aid, start, end, text in zip(mentions["article_id"], mentions["start"], mentions["end"], mentions["text"]):
        assert 0 <= start < end <= len(by_id[aid])
        assert by_id[aid][start:end] == text


@FAST
@given(st.lists(st.one_of(ANY_TEXT, NEWSISH), min_size=1, max_size=3))
def test_extraction_never_crashes_and_offsets_slice_to_the_text(rules, texts):
    mentions = extract_mentions(_articles(texts), rules)
    _check_offsets(texts, mentions)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_decoding_never_raises_and_valid_utf8_is_exact(data):
    text, warning = decode_bytes(data)
    assert isinstance(text, str)
    try:
        exact = data.decode("utf-8")
    except UnicodeDecodeError:
        assert warning
    else:
        if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
            assert text == exact and warning == ""


@settings(max_examples=40, deadline=None)
@given(st.lists(st.binary(max_size=200), min_size=1, max_size=4), st.sampled_from([".txt", ".jsonl", ".csv"]))
def test_reader_never_crashes_on_arbitrary_bytes(chunks, suffix):
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i, data in enumerate(chunks):
            p = Path(d) / f"f{i}{suffix}"
            p.write_bytes(data)
            paths.append(str(p))
        problems: list[Problem] = []
        for rec in iter_articles(paths, problems):
            rec["text"].encode("utf-8")  # always writable
            rec["article_id"].encode("utf-8")
        assert all(p.where.startswith(d) for p in problems)


@settings(max_examples=300, deadline=None)
@given(CELL)
def test_formula_guard_is_reversible_and_leaves_no_formula(cell):
    guarded = guard_cell(cell)
    assert unguard_cell(guarded) == cell
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))


TRICKY_ROWS = [
    ("=1+1", "-Hagel", 0, -0.5), ("+7", "@SUM(A1)", 1, 1e-300), ("'=x", "''-y", 2, 0.1), ("a,b", 'say "hi", ok', 3, 1.0),
    ("line\nbreak", "cr\ronly", 4, 2.5), ("\r\n", "\t", 5, 3.0), ("😀 Шойгу", "𝔄𝔟𝔠", 6, 0.0), ("", "NA", 7, 1e300), ("007", "nan", 8, -0.0),
]


def _available_formats() -> list[str]:
    """Every output format whose optional package is installed (parquet: pyarrow)."""
    out = []
    for name in FORMAT_NAMES:
        try:
            get_format(name).check_available()
            out.append(name)
        except MissingDependencyError:
            pass
    return out


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(CELL, CELL, st.integers(0, 10**9), st.floats(allow_nan=False, allow_infinity=False)), max_size=8),
    st.booleans(),
    st.sampled_from(_available_formats()),
)
@example(TRICKY_ROWS, True, "csv")
@example(TRICKY_ROWS, False, "csv")
@example(TRICKY_ROWS, True, "jsonl")
def test_outputs_read_back_unchanged(rows, safe, fmt):
    df = pd.DataFrame(
        {
            "article_id": pd.Series([r[0] for r in rows], dtype=object),
            "text": pd.Series([r[1] for r in rows], dtype=object),
            "start": pd.Series([r[2] for r in rows], dtype="int64"),
            "confidence": pd.Series([r[3] for r in rows], dtype="float64"),
        }
    )
    with tempfile.TemporaryDirectory() as d:
        write_tables({"t": df}, Path(d), format=fmt, safe=safe)
        back = read_output(Path(d), "t")
    if df.empty:
        # A JSONL file without rows cannot name its columns (read_output gives the
        # documented ones of our own tables; "t" is none of them).
        assert list(back.columns) == ([] if fmt == "jsonl" else list(df.columns)) and back.empty
    else:
        pd.testing.assert_frame_equal(back, df)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(NEWSISH, min_size=1, max_size=3))
def test_whole_run_outputs_read_back_unchanged(rules, texts):
    from resolve.pipeline import resolve_mentions

    articles = _articles(texts)
    tables = resolve_mentions(extract_mentions(articles, rules), articles, rules)
    with tempfile.TemporaryDirectory() as d:
        write_tables(tables, Path(d))
        for name, df in tables.items():
            back = read_output(Path(d) / f"{name}.csv")
            assert list(back.columns) == list(df.columns)
            if len(df):
                expected = df.reset_index(drop=True).astype({c: str for c in df.columns if c not in back.select_dtypes("number").columns})
                pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    _check_offsets(texts, tables["mentions"])
