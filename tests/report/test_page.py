from __future__ import annotations

import re

from resolve.report import page
from resolve.report.build import write_report

from .conftest import HOSTILE


def test_data_round_trips_and_the_bytes_do_not_change():
    doc = {"meta": {"x": "José <b>"}, "persons": [[1, 2.5, None]]}
    blob = page.encode_data(doc)
    assert page.decode_data(blob) == doc and page.encode_data(doc) == blob


def test_hostile_names_never_reach_the_page_as_markup(hostile_out, tmp_path, rules):
    html = write_report(hostile_out, tmp_path / "r.html", rules=rules).path.read_text(encoding="utf-8")
    for name in HOSTILE:
        assert name not in html
    assert html.count("<script") == 2  # the data element and the code, nothing else
    blob = re.search(r'<script id="report-data"[^>]*>([^<]*)</script>', html).group(1)
    forms = {a for p in page.decode_data(blob)["persons"] for a, _ in p["al"]}
    assert set(HOSTILE) <= forms


def test_the_page_loads_nothing_from_outside(seeds_out, tmp_path, rules):
    html = write_report(seeds_out, tmp_path / "r.html", rules=rules).path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "default-src 'none'" in html  # and the policy forbids it anyway
