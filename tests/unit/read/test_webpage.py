"""Saved web pages: the reader-view text, the page's metadata, and lines that point into the HTML file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from mineralcheck.models import SourceId
from mineralcheck.read.ingest import read_article
from mineralcheck.read.webpage import line_map, read_webpage

PAGE = Path(__file__).parents[1] / "fixtures" / "ingest" / "ferry_page.html"


def _html() -> str:
    return PAGE.read_text(encoding="utf-8")


def _file_line_of(needle: str) -> int:
    """The line of the HTML file where `needle` starts (entities as written in the file)."""
    return next(n for n, line in enumerate(_html().splitlines(), 1) if needle in line)


def test_the_text_is_the_article_without_menus_logo_byline_asides_or_footer() -> None:
    text = read_webpage(_html()).text
    assert text.startswith(
        "Ferry capsizes off Kessel Bay coast, 12 missing\nA passenger ferry carrying 87 people"
    )
    assert "75 people from the water" in text
    assert "“We will search through the night,” said coast guard chief Ivo Randall." in text  # entities read
    for furniture in (
        "Home",
        "Sport",
        "By Mara Lindqvist",
        "Most read",
        "Storm hits capital",
        "Privacy policy",
    ):
        assert furniture not in text
    assert "The Coastline Courier" not in text  # the logo's text is not a claim


def test_metadata_gives_outlet_url_headline_and_publication_time() -> None:
    meta = read_webpage(_html()).meta
    assert meta.outlet == "The Coastline Courier"
    assert meta.url == "https://www.coastlinecourier.example/world/2024/05/14/ferry-capsizes"
    assert meta.title == "Ferry capsizes off Kessel Bay coast, 12 missing"
    assert meta.date == dt.date(2024, 5, 14)
    assert meta.time == dt.time(8, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_every_line_points_at_the_line_of_the_html_file() -> None:
    article = read_article(PAGE, display_path="ferry_page.html", source_id=SourceId("ferry"))
    text = article.text
    cases = {
        "Ferry capsizes off": "<h1>Ferry capsizes",
        "A passenger ferry": "A passenger ferry",
        "and 12 people are still missing": "and 12 people are still missing",  # second line of a <p>
        "at 6 p.m. & was due": "at 6 p.m. &amp; was due",
        "“We will search": "&ldquo;We will search",
        "Rescued": "<th>Rescued",  # a table, which the extractor rewrites with pipes
        "75 passengers": "<td>75 passengers",
        "killed four people": "killed four people",
    }
    for needle, in_file in cases.items():
        assert article.line_of(text.index(needle)) == _file_line_of(in_file), needle


def test_evidence_offsets_stay_exact_in_the_text() -> None:
    article = read_article(PAGE, display_path="ferry_page.html", source_id=SourceId("ferry"))
    start = article.text.index("Rescuers pulled 75 people")
    assert article.text[start : start + 25] == "Rescuers pulled 75 people"
    assert article.outlet == "The Coastline Courier"
    assert article.date == dt.date(2024, 5, 14)


def test_markup_moved_to_other_lines_moves_the_lines_not_the_text() -> None:
    html = _html()
    shifted = html.replace("<head>", "<head>\n\n\n", 1)
    before, after = read_webpage(html), read_webpage(shifted)
    assert before.text == after.text
    assert [(o, line + 3) for o, line in before.line_map] == list(after.line_map)


def test_a_page_with_inline_markup_inside_words_and_text_the_extractor_drops() -> None:
    html = (
        "<html><body><nav>Home News</nav>\n<article><p>The dam <b>brok</b>e on\nFriday.</p>\n"
        "<p>Water rose 3 metres.</p></article></body></html>"
    )
    text = "The dam broke on Friday.\nWater rose 3 metres."
    lines = dict(line_map(html, text))
    assert lines == {0: 2, text.index("Friday"): 3, text.index("Water"): 4}


def test_no_script_or_style_text_and_nothing_is_fetched() -> None:
    html = (
        "<html><head><title>T</title><script>var tracked = 1;</script></head>"
        "<body><p>The bridge reopened on Friday, two weeks early, officials said.</p>"
        "<script>document.write('injected')</script></body></html>"
    )
    text = read_webpage(html).text
    assert text == "The bridge reopened on Friday, two weeks early, officials said."
    assert not re.search("tracked|injected", text)
