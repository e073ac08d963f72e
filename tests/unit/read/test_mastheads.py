"""Who published an article, as the article says it: a masthead, a name beside the reading time; a
readable label from the headline where nothing names the outlet; and a manifest still wins."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mineralcheck.models import SourceId
from mineralcheck.read.ingest import load_articles, read_article
from mineralcheck.read.manifest import Manifest
from mineralcheck.read.mastheads import hash_like, headline_label, outlet_name
from mineralcheck.read.outlets import SourceMeta

BODY = "A ferry carrying 87 people sank near the harbour on Sunday night, the coast guard said on Monday.\n"


def _article(tmp_path: Path, text: str, name: str = "007_5d1e93a0c4b7f268.txt"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_article(path, display_path=name, source_id=SourceId(Path(name).stem))


@pytest.mark.parametrize(
    ("head", "outlet"),
    [
        (" date 2015-07-28 Example Courier / international\n\nFerry Sinks Near Harbour\n", "Example Courier"),
        ("Ferry sinks near the harbour\n\nHARBOUR NEWS\nHARBOUR NEWS 3 Min Read\n", "HARBOUR NEWS"),
        ("Daily Example | World\nFerry sinks near the harbour\n", "Daily Example"),
        ("Ferry sinks near the harbour\nBy Jane Doe\nExample Post\n", "Example Post"),
    ],
)
def test_the_outlet_a_page_prints_above_its_first_paragraph(tmp_path: Path, head: str, outlet: str) -> None:
    assert _article(tmp_path, head + "\n" + BODY).outlet == outlet


@pytest.mark.parametrize(
    "head",
    [
        "Home > News > World\nFerry sinks near the harbour\n",  # a breadcrumb, not a name
        "Ferry sinks near the harbour\nJane Doe\n",  # a byline is a person
    ],
)
def test_menus_and_bylines_do_not_name_the_outlet(tmp_path: Path, head: str) -> None:
    assert _article(tmp_path, head + "\n" + BODY).outlet == "Ferry sinks near the harbour"


def test_a_hash_named_file_without_a_masthead_takes_a_label_from_its_headline(tmp_path: Path) -> None:
    text = "Ferry carrying 87 people sinks near the harbour at night\n\n" + BODY
    assert _article(tmp_path, text).outlet == "Ferry carrying 87 people sinks…"
    # Without a headline, from the first sentence after its dateline.
    assert _article(tmp_path, "HARBOUR TOWN – " + BODY).outlet == "A ferry carrying 87 people…"


def test_a_readable_file_name_stays_the_label(tmp_path: Path) -> None:
    article = _article(tmp_path, "Ferry sinks\n\n" + BODY, name="herald-copy.txt")
    assert article.outlet == "herald-copy"


def test_the_urls_host_wins_over_a_printed_name_that_is_another(tmp_path: Path) -> None:
    source = "Source: https://www.harbourpost.example/2025/ferry\n\n"
    same = _article(tmp_path, source + "Harbour Post | World\nFerry sinks\n\n" + BODY, name="a.txt")
    other = _article(tmp_path, source + "Example News | World\nFerry sinks\n\n" + BODY, name="b.txt")
    assert (same.outlet, other.outlet) == ("Harbour Post", "harbourpost.example")


def test_a_manifest_still_wins(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Example News | World\nFerry sinks\n\n" + BODY, encoding="utf-8")
    manifest = Manifest("sources.csv", {str(path.resolve()): SourceMeta(outlet="The Herald")})
    assert load_articles([str(path)], manifest=manifest).articles[0].outlet == "The Herald"


def test_a_first_sentence_that_dates_itself_dates_the_article(tmp_path: Path) -> None:
    text = "HARBOUR TOWN – The ministry said today, Monday, March 3, 2025, that the port would reopen.\n"
    assert _article(tmp_path, text).date == dt.date(2025, 3, 3)
    later = "Ferry sinks\n\n" + BODY + "The inquiry opened today, July 30, 2015, in the capital.\n"
    assert _article(tmp_path, later).date is None


def test_labels_and_hashes() -> None:
    assert hash_like("007_5d1e93a0c4b7f268") and hash_like("20240709081530")
    assert not hash_like("harbourpost-wire") and not hash_like("2024-07-09-ferry")
    assert headline_label("Short headline") == "Short headline"
    assert outlet_name(None, None, None, "a1b2c3d4e5f6", None) == "a1b2c3d4e5f6"
