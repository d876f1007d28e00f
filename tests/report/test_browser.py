"""The report in a real browser: Debian's Chromium, driven by Playwright (which downloads nothing
when given the browser's path).  Skipped, with the reason, when either is missing, unless
RESOLVE_REQUIRE_BROWSER=1 (CI), where a missing browser fails.  RESOLVE_REPORT_SCREENSHOT=PATH
saves a screenshot of the person's page it opens.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from resolve.report.build import write_report
from resolve.report.phrasing import decision_words
from resolve.text import fold

from ..conftest import SEEDS
from .conftest import HOSTILE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _unavailable(reason: str):
    if os.environ.get("RESOLVE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"RESOLVE_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright; no browser download needed)")
    if not Path(CHROMIUM).is_file():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        except Error as e:
            _unavailable(f"Chromium did not start: {e}")
        yield b
        b.close()


def _open(browser, html: Path, fragment: str = ""):
    # bypass_csp: the page forbids eval, which Playwright's waits use; it also shows the page is
    # safe without the policy (names are text nodes), the policy being a second line only.
    page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(html.as_uri() + fragment)
    page.wait_for_selector("html[data-ready]", timeout=30_000)
    assert page.evaluate("document.documentElement.dataset.ready") == "1", page.inner_text("body")
    return page, errors


@pytest.fixture(scope="module")
def seeds_report(seeds_out, tmp_path_factory, rules):
    return write_report(seeds_out, tmp_path_factory.mktemp("html") / "report.html", [str(SEEDS)], rules=rules).path


def _entity(seeds_out, name: str) -> str:
    reg = pd.read_csv(seeds_out / "registry.csv", dtype=str, keep_default_na=False)
    return reg.loc[reg["name"] == name, "entity_id"].item()


def test_a_known_person_with_aliases_and_a_title_timeline(browser, seeds_out, seeds_report):
    reg = pd.read_csv(seeds_out / "registry.csv", dtype=str, keep_default_na=False)
    titles = pd.read_csv(seeds_out / "titles.csv", dtype=str, keep_default_na=False)
    person = reg[reg["name"] == "Thomas Donilon"].iloc[0]
    page, errors = _open(browser, seeds_report)
    assert "Thomas Donilon" in page.inner_text("#person-list")
    page.click(f"#person-list li[data-id='{person.entity_id}']")
    page.wait_for_function(f"document.querySelector('#person-name').textContent === {person['name']!r}")
    chips = page.locator("#aliases .chip").all_text_contents()
    assert sorted(chips) == sorted(f"{form}×{n}" for form, n in (x.rsplit("=", 1) for x in person.alias_counts.split("|")))
    rows = titles[(titles["entity_id"] == person.entity_id) & ((titles["first_seen"] != "") | (titles["last_seen"] != ""))]
    assert len(rows) >= 1
    assert page.locator("svg.timeline rect.tl-bar").count() == len(rows)
    bar_titles = page.locator("svg.timeline rect.tl-bar title").all_text_contents()
    assert sorted(t.split(":")[0] for t in bar_titles) == sorted(
        f"{t} ({a})" if a else t for t, a in zip(rows["title_normalized"], rows["affiliation"])
    )
    assert page.locator("table.articles tbody tr").count() == int(person.n_articles)
    assert page.locator(".snippet mark").count() >= 1  # the articles were given: mention snippets
    links = pd.read_csv(seeds_out / "links.csv", dtype=str, keep_default_na=False)
    scored = links[(links["stage"] != "article") & ((links["a_entity"] == person.entity_id) | (links["b_entity"] == person.entity_id))]
    shown = page.locator("#decisions .decision > span:first-child").all_text_contents()
    assert len(scored) >= 1 and set(map(decision_words, scored.to_dict("records"))) <= set(shown)  # JS fills as Python does
    shot = os.environ.get("RESOLVE_REPORT_SCREENSHOT")
    if shot:
        page.screenshot(path=shot)
    assert errors == []


@pytest.mark.parametrize("query, field", [("ryabkov", "name"), ("Tom Donilon", "alias"), ("deputy prime minister", "title")])
def test_search_finds_names_aliases_and_titles(browser, seeds_out, seeds_report, query, field):
    reg = pd.read_csv(seeds_out / "registry.csv", dtype=str, keep_default_na=False)
    terms = fold(query).split()

    def hit(r) -> bool:
        key = fold("\n".join([r.entity_id, r.name, r.aliases.replace("|", "\n"), r.titles.replace("|", "\n")]))
        return all(t in key for t in terms)

    expected = sorted(r.entity_id for r in reg.itertuples() if hit(r))
    assert expected, f"the seeds have no {field} matching {query!r}"
    page, errors = _open(browser, seeds_report)
    page.fill("#search", query)
    page.wait_for_function(f"document.querySelectorAll('#person-list li').length === {len(expected)}")
    assert sorted(page.eval_on_selector_all("#person-list li", "els => els.map(e => e.dataset.id)")) == expected
    page.fill("#search", "zzzz no such person")
    page.wait_for_function("document.querySelectorAll('#person-list li').length === 0")
    assert "No person matches" in page.inner_text("#list-count") and errors == []


def test_a_link_to_a_person_opens_it(browser, seeds_out, seeds_report):
    eid = _entity(seeds_out, "Sergei Ryabkov")
    page, errors = _open(browser, seeds_report, f"#{eid}")
    assert page.inner_text("#person-name") == "Sergei Ryabkov" and errors == []


def test_review_and_overview_tabs(browser, seeds_out, seeds_report):
    page, errors = _open(browser, seeds_report, "#review")
    assert page.is_visible("#review-near") and not page.is_visible("#person-list")
    page.click("#tabs a[data-tab='overview']")
    page.wait_for_selector("#chart-articles", state="visible")
    assert page.locator("#top-persons li").count() == min(20, len(pd.read_csv(seeds_out / "registry.csv")))
    assert errors == []


def test_hostile_names_are_shown_as_text_and_never_run(browser, hostile_out, tmp_path, rules):
    html = write_report(hostile_out, tmp_path / "hostile.html", rules=rules).path
    page, errors = _open(browser, html)
    assert page.evaluate("window.__pwned") is None
    listed = page.inner_text("#person-list") + page.inner_text("#person")
    for i in range(page.locator("#person-list li").count()):
        page.locator("#person-list li").nth(i).click()
        listed += page.inner_text("#person")
    for name in HOSTILE:
        assert name in listed
    assert page.evaluate("window.__pwned") is None and errors == []
