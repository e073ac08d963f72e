"""Who published an article and when: precedence of the origins, outlets from URLs, datelines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mineralcheck.models import SourceId, Span
from mineralcheck.read.ingest import load_articles, read_article
from mineralcheck.read.manifest import Manifest
from mineralcheck.read.outlets import SourceMeta, dateline, front_matter, merge, outlet_from_url, source_line

BODY = "A ferry carrying 87 people sank near the harbour on Sunday night, the coast guard said on Monday.\n"


def _article(tmp_path: Path, text: str, name: str = "herald-copy.txt"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_article(path, display_path=name, source_id=SourceId(Path(name).stem))


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.harbourtimes.example/world/2024/07/09/x/", "harbourtimes.example"),
        ("https://news.valtv.example/a-story/", "news.valtv.example"),
        ("https://m.herald.example/a", "herald.example"),
        ("http://203.0.113.57/content_html/2024-07-09/a.html", "203.0.113.57"),
        ("https://www.example/a", "www.example"),  # a bare "www." host keeps its name
        ("not a url", None),
        (None, None),
    ],
)
def test_outlet_is_the_urls_host_without_www(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_merge_takes_each_field_from_the_first_origin_that_states_it() -> None:
    manifest = SourceMeta(outlet="The Herald")
    front = SourceMeta(outlet="herald.example", title="Ferry Sinks", date=dt.date(2024, 3, 4))
    dateline_meta = SourceMeta(date=dt.date(2024, 3, 5), time=dt.time(9, 30))
    merged = merge(manifest, None, front, dateline_meta)
    assert merged == SourceMeta(outlet="The Herald", title="Ferry Sinks", date=dt.date(2024, 3, 4), time=None)


def test_a_time_never_comes_from_another_origin_than_its_date() -> None:
    merged = merge(
        SourceMeta(date=dt.date(2024, 3, 4)), SourceMeta(date=dt.date(2024, 3, 4), time=dt.time(9))
    )
    assert merged.time is None


def test_source_line_gives_url_outlet_and_url_date_and_is_never_a_claim(tmp_path: Path) -> None:
    text = "Source: https://www.herald.example/news/2024/03/04/ferry-sinks/\n\n" + BODY
    article = _article(tmp_path, text)
    assert article.url == "https://www.herald.example/news/2024/03/04/ferry-sinks/"
    assert article.outlet == "herald.example"
    assert article.date == dt.date(2024, 3, 4)
    assert Span(0, text.index("\n")) in article.furniture


@pytest.mark.parametrize("label", ["Source", "URL", "source", "  URL"])
def test_source_line_labels(label: str) -> None:
    url, span = source_line(f"{label}: https://herald.example/a\nBody.\n")
    assert url == "https://herald.example/a"
    assert span is not None and span.start == 0


def test_source_line_must_open_the_text() -> None:
    assert source_line("Ferry Sinks\nSource: https://herald.example/a\n") == (None, None)


def test_without_any_origin_the_outlet_is_the_file_name(tmp_path: Path) -> None:
    article = _article(tmp_path, "Ferry Sinks\n\n" + BODY)
    assert (article.outlet, article.url, article.date) == ("herald-copy", None, None)


def test_front_matter_outlet_url_date_and_time(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Ferry Sinks\npublisher: The Herald\nlink: https://herald.example/ferry\n"
        "date: 2024-03-04 09:30:00\n---\n" + BODY
    )
    article = _article(tmp_path, text, "a.md")
    assert (article.title, article.outlet, article.url) == (
        "Ferry Sinks",
        "The Herald",
        "https://herald.example/ferry",
    )
    assert (article.date, article.time) == (dt.date(2024, 3, 4), dt.time(9, 30))


def test_front_matter_wins_over_a_source_line_and_a_dateline(tmp_path: Path) -> None:
    text = (
        "---\ndate: March 2, 2024\n---\nSource: https://herald.example/2024/03/09/x\nMarch 1, 2024\n\n" + BODY
    )
    article = _article(tmp_path, text)
    assert article.date == dt.date(2024, 3, 2)
    assert article.url == "https://herald.example/2024/03/09/x"  # the URL still comes from the Source line


def test_a_front_matter_source_is_an_url_or_an_outlet() -> None:
    assert front_matter("---\nsource: https://herald.example/a\n---\n")[0] == SourceMeta(
        url="https://herald.example/a"
    )
    assert front_matter("---\nsource: The Herald\n---\n")[0] == SourceMeta(outlet="The Herald")


def test_the_url_date_wins_over_a_dateline_and_a_manifest_over_everything(tmp_path: Path) -> None:
    text = "Source: https://herald.example/2024/03/04/ferry\n\nMarch 9, 2024\n\n" + BODY
    path = tmp_path / "herald-copy.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = load_articles([str(path)]).articles
    assert article.date == dt.date(2024, 3, 4)
    given = SourceMeta(outlet="The Herald", date=dt.date(2024, 3, 5), time=dt.time(7, 15))
    manifest = Manifest("sources.csv", {str(path.resolve()): given})
    (article,) = load_articles([str(path)], manifest=manifest).articles
    assert (article.outlet, article.date, article.time) == ("The Herald", dt.date(2024, 3, 5), dt.time(7, 15))
    assert article.url == "https://herald.example/2024/03/04/ferry"


@pytest.mark.parametrize(
    ("head", "date", "time"),
    [
        (
            "Published : 13 Jul 2024, 05:42 AM\nUpdated : 13 Jul 2024, 08:15 AM\n",
            dt.date(2024, 7, 13),
            dt.time(5, 42),
        ),
        ("Ferry Sinks\nTuesday, July 28, 2015\n", dt.date(2015, 7, 28), None),
        (" date 2015-07-28 Example Post / world\n", dt.date(2015, 7, 28), None),
        ("VARNA, Jul. 28, 2015 — ", dt.date(2015, 7, 28), None),
    ],
)
def test_datelines(head: str, date: dt.date, time: dt.time | None) -> None:
    meta, _ = dateline(head + BODY, ())
    assert meta is not None
    assert (meta.date, meta.time) == (date, time)


@pytest.mark.parametrize(
    "text",
    [
        "On March 3, 2024, a ferry sank near the harbour.\n",
        "Ferry Sinks\nIt sank on March 3, 2024.\n",
        "Ferry Sinks\n\nDivers search the water in the harbour, March 3, 2024 in this picture. (Reuters)\n",
    ],
)
def test_dates_inside_sentences_are_not_datelines(text: str) -> None:
    assert dateline(text, ()) == (None, None)
