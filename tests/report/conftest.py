from __future__ import annotations

import pandas as pd
import pytest

import resolve
from resolve.link import link

from ..conftest import SEEDS

#: Names an attacker could plant in an article: each must show as text, never run.
HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    "</script><script>window.__pwned = 3</script>",
]


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory, rules):
    out = tmp_path_factory.mktemp("seeds") / "out"
    resolve.run([str(SEEDS)], out, rules=rules)
    return out


@pytest.fixture()
def hostile_out(tmp_path, rules):
    rows = [(f"h{i}", name, "2020-01-0" + str(i + 1)) for i, name in enumerate(HOSTILE)]
    rows.append(("h9", "Ana Ortiz", "2020-02-01"))
    src = tmp_path / "hostile.csv"
    pd.DataFrame(rows, columns=["article_id", "text", "date"]).to_csv(src, index=False)
    out = tmp_path / "hostile"
    link(src, out, rules=rules)
    return out
