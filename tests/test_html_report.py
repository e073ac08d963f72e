"""The HTML report in a real browser (headless Chromium): it renders without console errors, its
grid and facts are those of the JSON report, filters work, it fits a phone, and article text stays text.

Each page is saved with a screenshot under the test's temporary folder.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mineralcheck import pipeline
from mineralcheck.report import ReportFormat, render
from tests.browser import chromium
from tests.conftest import ROOT
from tests.unit.report.test_report_base import sample_report

# Reads every row of the grid and every fact card in one round trip.
READ_PAGE = """
const text = (el) => el.textContent.replace(/\\s+/g, ' ').trim();
return {
  title: document.title,
  columns: Array.from(document.querySelectorAll('.grid thead th.outlet')).map(text),
  rows: Array.from(document.querySelectorAll('.grid tbody tr')).map(tr => ({
    fact: tr.dataset.fact, verdict: tr.dataset.verdict,
    cells: Array.from(tr.querySelectorAll('td')).map(td => [td.dataset.source, td.dataset.cell]),
  })),
  cards: Array.from(document.querySelectorAll('[id^="fact-"]')).map(card => ({
    id: card.id.slice(5), verdict: card.dataset.verdict,
    marks: Array.from(card.querySelectorAll('mark')).map(text),
  })),
  colours: Object.fromEntries(['agrees', 'diverges', 'silent', 'alone'].map(cell => {
    const td = document.querySelector('td[data-cell="' + cell + '"]');
    return [cell, td ? getComputedStyle(td).backgroundColor : null];
  })),
};
"""
VISIBLE_FACTS = """
return Array.from(document.querySelectorAll('[data-fact], [id^="fact-"]'))
  .filter(el => el.offsetParent !== null).map(el => el.dataset.verdict);
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def _open(driver: Any, report_html: str, folder: Path, name: str) -> None:
    page = folder / f"{name}.html"
    page.write_text(report_html, encoding="utf-8")
    driver.set_window_size(1280, 900)
    driver.get(page.as_uri())
    driver.get_log("browser")  # (the log is drained by reading; nothing before this load counts)
    driver.refresh()


def _console_problems(driver: Any) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def _screenshot(driver: Any, path: Path) -> Path:
    """The whole page, not only the window."""
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def _expected_cell(cluster: dict[str, Any], source: str) -> str:
    """The grid's cell as the JSON report defines it: sources, diverging_sources and the verdict."""
    if source not in cluster["sources"]:
        return "silent"
    if source in cluster["diverging_sources"]:
        return "diverges"
    return "alone" if cluster["verdict"] == "single" else "agrees"


def assert_page_matches_json(page: dict[str, Any], data: dict[str, Any]) -> None:
    sources = [s["id"] for s in data["sources"]]
    assert page["columns"] == [f"{n} {s['label']}" for n, s in enumerate(data["sources"], 1)]
    assert [(r["fact"], r["verdict"]) for r in page["rows"]] == [
        (c["id"], c["verdict"]) for c in data["clusters"]
    ]
    for row, cluster in zip(page["rows"], data["clusters"], strict=True):
        assert row["cells"] == [[s, _expected_cell(cluster, s)] for s in sources], cluster["id"]
    cards = {card["id"]: card for card in page["cards"]}
    for cluster in data["clusters"]:
        card = cards[cluster["id"]]
        assert card["verdict"] == cluster["verdict"]
        # Every claim's evidence is highlighted, verbatim, inside its paragraph.
        assert card["marks"] == [" ".join(c["evidence"].split()) for c in cluster["claims"]]
    present = {cell for c in data["clusters"] for s in sources if (cell := _expected_cell(c, s))}
    colours = {cell: page["colours"][cell] for cell in present}
    assert len(set(colours.values())) == len(colours), colours  # each kind of cell its own colour


def test_sample_report_renders_without_errors_and_matches_its_json(browser: Any, tmp_path: Path) -> None:
    report = sample_report()
    _open(browser, render(report, ReportFormat.html), tmp_path, "sample")
    assert _console_problems(browser) == []
    page = browser.execute_script(READ_PAGE)
    assert page["title"] == "mineralcheck report — 2 sources, 3 facts: 1 agree, 1 diverge, 1 single"
    assert_page_matches_json(page, json.loads(render(report, ReportFormat.json)))
    assert _screenshot(browser, tmp_path / "sample.png").stat().st_size > 10_000


def test_filters_show_one_verdict_at_a_time(browser: Any, tmp_path: Path) -> None:
    _open(browser, render(sample_report(), ReportFormat.html), tmp_path, "filters")
    # The page opens on the facts several outlets state.
    assert sorted(set(browser.execute_script(VISIBLE_FACTS))) == ["agree", "diverge"]
    for verdict in ("diverge", "agree", "single"):
        browser.find_element("css selector", f'.filters button[data-filter="{verdict}"]').click()
        assert set(browser.execute_script(VISIBLE_FACTS)) == {verdict}
        pressed = browser.find_element("css selector", ".filters button[aria-pressed='true']")
        assert pressed.get_attribute("data-filter") == verdict
    browser.find_element("css selector", '.filters button[data-filter="all"]').click()
    assert sorted(set(browser.execute_script(VISIBLE_FACTS))) == ["agree", "diverge", "single"]


def test_on_a_phone_only_the_grid_scrolls_sideways(browser: Any, tmp_path: Path) -> None:
    report = sample_report()
    many = tuple(
        replace(report.articles[1], id=f"outlet-{n}", outlet=f"Outlet number {n}") for n in range(12)
    )
    _open(
        browser,
        render(replace(report, articles=(*report.articles, *many)), ReportFormat.html),
        tmp_path,
        "phone",
    )
    browser.set_window_size(390, 844)
    width, client = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= client
    grid = browser.execute_script(
        "const g = document.querySelector('.grid-wrap'); return [g.scrollWidth, g.clientWidth]"
    )
    assert grid[0] > grid[1]  # the wide grid scrolls inside its own box
    _screenshot(browser, tmp_path / "phone.png")


def test_article_text_is_shown_as_text_and_the_page_loads_nothing(browser: Any, tmp_path: Path) -> None:
    report = sample_report()
    hostile = (
        '<img src="http://127.0.0.1:9/pixel.gif" onerror="document.title=\'pwned\'"><script>alert(1)</script>'
    )
    single = report.facts[0]
    claim = replace(single.cluster.claims[0], text=hostile, evidence=hostile)
    fact = replace(single, cluster=replace(single.cluster, claims=(claim,)), title=hostile)
    a, b = report.articles
    page = replace(report, articles=(replace(a, title=hostile), b), facts=(fact, *report.facts[1:]))
    _open(browser, render(page, ReportFormat.html), tmp_path, "hostile")
    assert _console_problems(browser) == []
    assert browser.title.startswith("mineralcheck report")
    assert (
        browser.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    )
    assert hostile in browser.find_element("css selector", "body").text


@pytest.mark.model
def test_a_real_report_in_the_browser_matches_its_json(
    real_embedder: Any, browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    sources = tmp_path / "sources.csv"
    sources.write_text(
        "path,outlet,date\n"
        f"{ROOT / 'seeds' / '001_27f1a86d99aa40fa.txt'},Outlet One,2025-10-28\n"
        f"{ROOT / 'seeds' / '003_14c1cd8783abb451.txt'},Outlet Three,2025-10-28T09:30+09:00\n",
        encoding="utf-8",
    )
    report = pipeline.compare(
        ["seeds"], pipeline.CompareOptions(sources=str(sources)), embedder=real_embedder
    )
    data = json.loads(render(report, ReportFormat.json))
    _open(browser, render(report, ReportFormat.html), tmp_path, "seeds")
    assert _console_problems(browser) == []
    page = browser.execute_script(READ_PAGE)
    assert_page_matches_json(page, data)
    assert "Outlet Three" in page["columns"][3]
    assert _screenshot(browser, tmp_path / "seeds.png").stat().st_size > 50_000


PAGE_WIDTH = """
const width = document.documentElement.clientWidth;
const over = Array.from(document.querySelectorAll('body *'))
  .filter(el => !el.closest('.grid-wrap') && el.getBoundingClientRect().right > width + 0.5)
  .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
return [document.documentElement.scrollWidth, width, over];
"""


@pytest.mark.model
def test_the_seeds_report_fits_a_phone_key_figures_included(
    real_embedder: Any, browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Outlets named by long file ids ("000_29446ee9bb4fc833") pushed the key figures' table past
    # the edge of a 390 px screen, its header cut off: only the grid may scroll sideways.
    monkeypatch.chdir(ROOT)
    report = pipeline.compare(["seeds"], pipeline.CompareOptions(), embedder=real_embedder)
    _open(browser, render(report, ReportFormat.html), tmp_path, "seeds-phone")
    browser.set_window_size(390, 844)
    assert browser.execute_script("return document.querySelectorAll('#key-figures th').length") >= 3
    width, client, over = browser.execute_script(PAGE_WIDTH)
    assert over == [] and width <= client, (width, client, over)
    _screenshot(browser, tmp_path / "seeds-phone.png")
