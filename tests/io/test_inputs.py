"""resolve.io.inputs: every kind of bad input is reported (file, line) and the rest is read."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from resolve.io.inputs import csv as csv_mod
from resolve.io.inputs import iter_article_frames, iter_articles, read_articles
from resolve.io.inputs import txt as txt_mod
from resolve.io.inputs.decode import decode_bytes
from resolve.io.problem import Problem


def _read(*inputs, stdin=None):
    df, problems = read_articles([str(i) for i in inputs], stdin=stdin)
    return df, problems


def _texts(df):
    return dict(zip(df["article_id"], df["text"]))


# --- encodings ---------------------------------------------------------------


def test_utf8_with_and_without_bom_decode_silently(tmp_path):
    (tmp_path / "plain.txt").write_bytes("Señor Chuck Hagel".encode("utf-8"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "Señor Hagel".encode("utf-8"))
    df, problems = _read(tmp_path)
    assert problems == []
    assert _texts(df) == {"plain": "Señor Chuck Hagel", "bom": "Señor Hagel"}  # BOM stripped: offsets start at the text


def test_windows_1252_decodes_with_warning_naming_the_file(tmp_path):
    f = tmp_path / "win.txt"
    f.write_bytes("\u201cCaf\u00e9,\u201d said Jos\u00e9 \u2013 ok".encode("cp1252"))
    df, problems = _read(f)
    assert _texts(df) == {"win": "\u201cCaf\u00e9,\u201d said Jos\u00e9 \u2013 ok"}
    assert [p.where for p in problems] == [str(f)]
    assert "Windows-1252" in problems[0].message and problems[0].severity == "warning"


def test_latin1_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path):
    f = tmp_path / "l1.txt"
    f.write_bytes(b"Fran\xe7ois \x81\x8d\x8f\x90\x9d M\xfcller")
    df, problems = _read(f)
    assert _texts(df)["l1"] == "Fran\u00e7ois \x81\x8d\x8f\x90\x9d M\u00fcller"
    assert "Latin-1" in problems[0].message and problems[0].where == str(f)


def test_mostly_utf8_file_keeps_its_utf8_and_reports_the_bad_bytes(tmp_path):
    f = tmp_path / "mixed.txt"
    f.write_bytes("Sergei Shoigu \u2014 Сергей Шойгу".encode("utf-8") + b" caf\xe9")
    df, problems = _read(f)
    assert _texts(df)["mixed"] == "Sergei Shoigu \u2014 Сергей Шойгу caf\u00e9"
    assert "1 byte(s)" in problems[0].message


def test_utf16_with_bom_is_text_not_binary(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes("Chuck Hagel said".encode("utf-16"))
    df, problems = _read(f)
    assert problems == [] and _texts(df) == {"u16": "Chuck Hagel said"}


def test_decode_bytes_never_raises_and_offsets_are_one_char_per_bad_byte():
    text, warning = decode_bytes(bytes(range(256)))
    assert len(text) == 128 + 128 and warning  # ASCII + one character per invalid byte


# --- files that are not articles ---------------------------------------------


@pytest.mark.parametrize(
    "data,kind",
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"), (b"%PDF-1.4\n%\xe2\xe3", "PDF"), (b"abc\x00def" * 10, "binary data")],
)
def test_binary_files_are_skipped_with_a_warning(tmp_path, data, kind):
    (tmp_path / "bad.txt").write_bytes(data)
    (tmp_path / "good.txt").write_text("Chuck Hagel said.", encoding="utf-8")
    df, problems = _read(tmp_path)
    assert list(df["article_id"]) == ["good"]
    assert problems == [Problem(str(tmp_path / "bad.txt"), f"not a text file ({kind}), skipped")]


def test_empty_and_blank_files_are_skipped_with_a_warning(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Chuck Hagel said.", encoding="utf-8")
    df, problems = _read(tmp_path)
    assert list(df["article_id"]) == ["good"]
    assert sorted(p.where for p in problems) == [str(tmp_path / "blank.txt"), str(tmp_path / "empty.txt")]
    assert all("empty file" in p.message for p in problems)


def test_empty_directory_is_a_warning(tmp_path):
    (tmp_path / "empty").mkdir()
    df, problems = _read(tmp_path / "empty")
    assert df.empty
    assert problems == [Problem(str(tmp_path / "empty"), "directory holds no .txt files")]


def test_missing_path_is_an_error_and_the_rest_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("Chuck Hagel said.", encoding="utf-8")
    df, problems = _read(tmp_path / "nope.txt", tmp_path / "a.txt", tmp_path / "nope.jsonl")
    assert list(df["article_id"]) == ["a"]
    assert [(p.where, p.severity) for p in problems] == [(str(tmp_path / "nope.txt"), "error"), (str(tmp_path / "nope.jsonl"), "error")]
    assert all("no such file" in p.message for p in problems)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_an_error_naming_it(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_text("Chuck Hagel", encoding="utf-8")
    f.chmod(0)
    (tmp_path / "good.txt").write_text("Tom Donilon said.", encoding="utf-8")
    try:
        df, problems = _read(tmp_path)
    finally:
        f.chmod(0o644)
    assert list(df["article_id"]) == ["good"]
    assert problems[0].where == str(f) and problems[0].severity == "error" and "ermission" in problems[0].message


def test_permission_denied_is_an_error_naming_the_file(tmp_path, monkeypatch):
    """Same as above without relying on file modes (the suite may run as root)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("Chuck Hagel", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Tom Donilon said.", encoding="utf-8")
    real_open = open

    def guarded_open(path, *a, **k):
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(txt_mod, "open", guarded_open, raising=False)
    df, problems = _read(tmp_path)
    assert list(df["article_id"]) == ["good"]
    assert problems == [Problem(str(secret), "cannot read: Permission denied", "error")]


def test_directory_walk_is_recursive_sorted_and_survives_symlink_loops(tmp_path):
    for rel in ["b/z.txt", "b/a.txt", "a.txt", "b.txt", "c/d/e.TXT", "c/skip.csv"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"text of {rel}", encoding="utf-8")
    (tmp_path / "c" / "loop").symlink_to(tmp_path / "c")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing-target")
    problems: list[Problem] = []
    ids = [r["article_id"] for r in iter_articles([str(tmp_path)], problems)]
    assert ids == ["a", "b/a", "b/z", "b", "c/d/e"]  # path parts sorted: directory b before b.txt; the loop is entered once
    assert [p.where for p in problems] == [str(tmp_path / "broken.txt")]


# --- JSONL ---------------------------------------------------------------------


def test_jsonl_bad_lines_are_reported_with_file_and_line(tmp_path):
    f = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Chuck Hagel said."}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": 42}),
        "",
        json.dumps({"id": "a", "text": "a duplicate"}),
        json.dumps({"id": 7, "text": "integer id"}),
        json.dumps({"id": "d", "text": "   "}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    df, problems = _read(f)
    assert _texts(df) == {"a": "Chuck Hagel said.", "7": "integer id"}  # the first 'a' is kept
    where = {p.where: p.message for p in problems}
    assert set(where) == {f"{f}:{n}" for n in (2, 3, 4, 5, 6, 8, 10)}
    assert "malformed JSON" in where[f"{f}:2"]
    assert "missing id" in where[f"{f}:4"]
    assert "missing text" in where[f"{f}:5"]
    assert "not a string" in where[f"{f}:6"]
    assert where[f"{f}:8"] == f"duplicate article id 'a' (first at {f}:1); skipped"


def test_jsonl_lone_surrogates_and_nul_become_replacement_characters_in_place(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "x", "text": "Chuck \\ud800Hagel\\u0000 said"}\n', encoding="utf-8")
    df, _ = _read(f)
    text = _texts(df)["x"]
    assert text == "Chuck \ufffdHagel\ufffd said"  # same length: offsets unchanged
    text.encode("utf-8")


def test_jsonl_non_utf8_line_is_decoded_and_reported_once_per_file(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "Jos\xe9"}\n{"id": "c", "text": "M\xfcller"}\n')
    df, problems = _read(f)
    assert _texts(df) == {"a": "ok", "b": "Jos\u00e9", "c": "M\u00fcller"}
    assert [p.where for p in problems] == [f"{f}:2"] and "2 line(s)" in problems[0].message


def test_a_single_str_or_path_is_one_input_not_its_characters(tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Chuck Hagel said.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # as characters, "news" would be five missing files
    for inputs in ("news", Path("news"), ["news"]):
        df, problems = read_articles(inputs)
        assert list(df["article_id"]) == ["a"] and problems == [], inputs


def _stdin(data: bytes):
    return io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)), encoding="utf-8")


def test_stdin_plain_text_is_one_article_read_whole(tmp_path):
    text = "Chuck Hagel met Tom Donilon.\nThey spoke for an hour.\n\nNo JSON here {at all}.\n"
    df, problems = _read("-", stdin=_stdin(text.encode("utf-8")))
    assert _texts(df) == {"stdin": text} and problems == []
    assert df.loc[0, "source"] == "<stdin>"


def test_stdin_csv_with_a_header_is_read_as_csv(tmp_path):
    df, problems = _read("-", stdin=_stdin(b'\nId,Text,date\nk1,"Chuck Hagel, the secretary, said",2013-03-26\nk2,Tom Donilon spoke,\n'))
    assert _texts(df) == {"k1": "Chuck Hagel, the secretary, said", "k2": "Tom Donilon spoke"} and problems == []
    assert df.set_index("article_id").loc["k1", "date"] == "2013-03-26"


def test_stdin_binary_is_one_warning(tmp_path):
    df, problems = _read("-", stdin=_stdin(b"%PDF-1.4\n" + b"x\n" * 100))
    assert df.empty and [(p.where, p.message) for p in problems] == [("<stdin>", "not text (PDF), skipped")]


def test_stdin_jsonl_bytes(tmp_path):
    stdin = io.TextIOWrapper(io.BytesIO(b'{"id": "s1", "text": "Caf\xe9 owner"}\nnot json\n'), encoding="utf-8")
    df, problems = _read("-", stdin=stdin)
    assert _texts(df) == {"s1": "Caf\u00e9 owner"}
    assert {p.where for p in problems} == {"<stdin>:1", "<stdin>:2"}


# --- CSV -----------------------------------------------------------------------


def test_csv_multiline_records_keep_their_first_line_number(tmp_path):
    f = tmp_path / "in.csv"
    f.write_text('ID, Text ,date\n1,"line one\nline two",2013-03-26\n2,"x"y",\n3,ok\n1,dup,\n', encoding="utf-8")
    df, problems = _read(f)
    assert _texts(df) == {"1": "line one\nline two", "3": "ok"}
    assert df.set_index("article_id").loc["1", "date"] == "2013-03-26"
    where = {p.where: p.message for p in problems}
    assert "malformed CSV" in where[f"{f}:4"]
    assert where[f"{f}:6"] == f"duplicate article id '1' (first at {f}:2); skipped"


def test_csv_extra_fields_are_reported_not_truncated(tmp_path):
    f = tmp_path / "in.csv"
    f.write_text("id,text\na,Hagel, the secretary, said\nb,fine\n", encoding="utf-8")
    df, problems = _read(f)
    assert list(df["article_id"]) == ["b"]
    assert problems[0].where == f"{f}:2" and "4 fields" in problems[0].message


def test_csv_without_id_or_text_column_is_skipped_whole(tmp_path):
    f = tmp_path / "in.csv"
    f.write_text("name,body\na,b\n", encoding="utf-8")
    df, problems = _read(f)
    assert df.empty and problems[0].where == f"{f}:1" and "no id or text column" in problems[0].message


def test_csv_unclosed_quote_costs_only_its_own_record_and_names_the_lines_it_swallowed(tmp_path):
    f = tmp_path / "in.csv"
    f.write_text('id,text\na,fine\nb,"never closed\nc,kept\nd,"also kept"\n', encoding="utf-8")
    df, problems = _read(f)
    assert _texts(df) == {"a": "fine", "c": "kept", "d": "also kept"}
    assert [p.where for p in problems] == [f"{f}:3"]
    assert "unclosed quote" in problems[0].message and "lines 3-5" in problems[0].message


def test_csv_unclosed_quote_to_the_end_of_the_file_reads_the_rest_again(tmp_path):
    f = tmp_path / "in.csv"
    f.write_text('id,text\nb,"never closed\nc,first after\n\nd,second after\n', encoding="utf-8")
    df, problems = _read(f)
    assert _texts(df) == {"c": "first after", "d": "second after"}
    assert len(problems) == 1 and problems[0].where == f"{f}:2"
    assert "lines 2-5, to the end of the file" in problems[0].message and "lines 3-5 read again" in problems[0].message


def test_csv_field_over_the_limit_names_file_and_line(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_mod, "CSV_FIELD_LIMIT", 1000)
    f = tmp_path / "in.csv"
    f.write_text(f'id,text\na,fine\nb,"{"x" * 5000}"\nc,after\n', encoding="utf-8")
    df, problems = _read(f)
    assert "a" in set(df["article_id"]) and "b" not in set(df["article_id"])
    assert problems[0].where == f"{f}:3" and "larger than 1,000" in problems[0].message


def test_csv_fields_far_over_pythons_default_limit_are_read(tmp_path):
    f = tmp_path / "in.csv"
    big = "Chuck Hagel said. " * 300_000  # 5.4 MB; the csv module's default limit is 128 KiB
    f.write_text(f'id,text\na,"{big}"\n', encoding="utf-8")
    df, problems = _read(f)
    assert problems == [] and _texts(df) == {"a": big}


def test_csv_old_mac_line_endings_and_cp1252(tmp_path):
    f = tmp_path / "in.csv"
    f.write_bytes(b'id,text\r1,Jos\xe9 said\r2,"two\rlines"\r')
    df, problems = _read(f)
    assert _texts(df) == {"1": "Jos\u00e9 said", "2": "two\rlines"}
    assert [p.where for p in problems] == [f"{f}:2"]


# --- large inputs ------------------------------------------------------------------


def test_iter_articles_is_lazy_one_file_open_per_article(tmp_path, monkeypatch):
    for i in range(300):
        (tmp_path / f"{i:04d}.txt").write_text(f"article {i}", encoding="utf-8")
    opened = []
    real_open = open

    def counting_open(path, *a, **k):
        opened.append(path)
        return real_open(path, *a, **k)

    monkeypatch.setattr(txt_mod, "open", counting_open, raising=False)
    it = iter_articles([str(tmp_path)], [])
    first = next(it)
    assert first["article_id"] == "0000" and len(opened) == 1
    assert sum(1 for _ in it) == 299 and len(opened) == 300


def test_article_frames_come_in_chunks(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text("".join(json.dumps({"id": str(i), "text": f"t{i}"}) + "\n" for i in range(25)), encoding="utf-8")
    sizes = [len(df) for df in iter_article_frames([str(f)], [], chunk_size=10)]
    assert sizes == [10, 10, 5]


def test_a_50_mb_article_reads_whole(tmp_path):
    sentence = "Defense Secretary Chuck Hagel met Sergei Shoigu in Moscow. "
    n = 50 * 1024 * 1024 // len(sentence) + 1
    (tmp_path / "big.txt").write_text(sentence * n, encoding="utf-8")
    problems: list[Problem] = []
    (rec,) = list(iter_articles([str(tmp_path / "big.txt")], problems))
    assert problems == [] and len(rec["text"]) == len(sentence) * n >= 50 * 1024 * 1024


# --- article identity: ids unique across all inputs of a run


def _write(path, text="Mayor Ida Quill spoke."):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_two_directories_with_the_same_file_names_give_distinct_ids(tmp_path):
    _write(tmp_path / "srcA" / "1.txt")
    _write(tmp_path / "srcB" / "1.txt", "Judge Omar Brink ruled.")
    df, problems = read_articles([str(tmp_path / "srcA"), str(tmp_path / "srcB")])
    assert list(df["article_id"]) == ["srcA/1", "srcB/1"]
    assert problems == []


def test_one_directory_gives_ids_relative_to_itself(tmp_path):
    _write(tmp_path / "src" / "sub" / "1.txt")
    df, _ = read_articles([str(tmp_path / "src")])
    assert list(df["article_id"]) == ["sub/1"]


def test_files_in_different_directories_are_named_from_their_common_parent(tmp_path):
    _write(tmp_path / "a" / "x.txt")
    _write(tmp_path / "b" / "x.txt", "Coach Lena Varga won.")
    df, _ = read_articles([str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt")])
    assert list(df["article_id"]) == ["a/x", "b/x"]
    df, _ = read_articles([str(tmp_path / "a" / "x.txt")])
    assert list(df["article_id"]) == ["x"]


def test_id_prefix_per_input_separates_colliding_record_ids(tmp_path):
    for name in ("feed1", "feed2"):
        (tmp_path / f"{name}.jsonl").write_text(json.dumps({"id": "1", "text": f"Envoy Rosa Imbert of {name} left."}) + "\n", encoding="utf-8")
    inputs = [str(tmp_path / "feed1.jsonl"), str(tmp_path / "feed2.jsonl")]
    df, problems = read_articles(inputs)
    assert list(df["article_id"]) == ["1"] and "duplicate article id" in problems[0].message
    df, problems = read_articles(inputs, id_prefixes={inputs[0]: "f1:", inputs[1]: "f2:"})
    assert list(df["article_id"]) == ["f1:1", "f2:1"] and problems == []


# --- dates ---------------------------------------------------------------------


def test_unreadable_dates_are_one_warning_per_input_and_the_text_date_is_used(tmp_path):
    f = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "Chuck Hagel said.", "date": "2013-03-26T10:00Z"},
        {"id": "b", "text": "Tom Donilon said.", "date": "March 27, 2013"},
        {"id": "c", "text": "April 2, 2013 - Rose Gottemoeller said.", "date": "26/03/2013"},
        {"id": "d", "text": "Jack Lew said.", "date": 1364256000},
    ]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    df, problems = _read(f)
    assert dict(zip(df["article_id"], df["date"])) == {"a": "2013-03-26", "b": "2013-03-27", "c": "2013-04-02", "d": ""}
    assert len(problems) == 1 and problems[0].where == f"{f}:3"
    assert "'26/03/2013' not understood" in problems[0].message and "2 record(s)" in problems[0].message
