"""Furniture and captions: which lines of a web-copied article carry no fact, which are captions."""

from __future__ import annotations

from pathlib import Path

import pytest

from mineralcheck.models import Span
from mineralcheck.read.furniture import find_furniture, is_caption_line

FIXTURE = Path(__file__).parents[1] / "fixtures" / "ingest" / "flood_web_copy.txt"


def _lines(text: str, spans: tuple[Span, ...]) -> list[str]:
    return [text[s.start : s.end] for s in spans]


@pytest.fixture(scope="module")
def flood() -> tuple[str, list[str], list[str]]:
    text = FIXTURE.read_text(encoding="utf-8")
    furniture, captions = find_furniture(text)
    return text, _lines(text, furniture), _lines(text, captions)


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content",
        "Menu",
        "Search",
        "• Share this:",
        "5 min read",
        "By Marta Kellner",
        "Updated 2 hours ago",
        "CLICK HERE TO GET THE LATEST WEATHER ALERTS ON YOUR PHONE",
        "MINISTER WARNS OF MORE STORMS AS DAMS NEAR CAPACITY",
        "rescue boat on river",
        "Sign up for our newsletter to get breaking news in your inbox.",
        "Advertisement",
        "Marta Kellner",
        "Copyright 2025 Daily Example. All rights reserved.",
        "Daily Example | World News",
    ],
)
def test_web_furniture_lines_are_marked(flood: tuple[str, list[str], list[str]], line: str) -> None:
    _, furniture, _ = flood
    assert line in furniture


def test_repeated_headline_is_furniture_but_the_first_copy_is_the_title(
    flood: tuple[str, list[str], list[str]],
) -> None:
    text, furniture, _ = flood
    headline = "River bursts its banks in Valdoria as rains continue"
    assert furniture.count(headline) == 1
    first = text.index(headline)
    spans, _ = find_furniture(text)
    assert all(s.start != first for s in spans)


def test_captions_and_their_alt_text_are_captions_not_furniture(
    flood: tuple[str, list[str], list[str]],
) -> None:
    _, furniture, captions = flood
    assert captions == [
        "Residents wade through a flooded street",
        "Residents wade through a flooded street in the town of Sorvik, Valdoria, on Monday. "
        "(Ana Ruiz/Agency via Photo Desk)",
        "Rescuers carry a child to safety near the river bank. (AP)",
    ]
    assert not set(captions) & set(furniture)


def test_content_sentences_are_untouched(flood: tuple[str, list[str], list[str]]) -> None:
    text, furniture, captions = flood
    marked = set(furniture) | set(captions)
    for sentence in (
        "Floodwaters swept through three villages in northern Valdoria on Monday, forcing about 4,000 "
        "people from their homes, the regional emergency office said.",
        "At least 12 people were killed and dozens more are missing, officials said on Tuesday.",
        "Rescue teams used boats to reach families stranded on rooftops, and the army sent two helicopters.",
    ):
        assert sentence in text
        assert sentence not in marked


def test_spans_cover_the_line_without_its_surrounding_whitespace() -> None:
    text = "Headline here\n\n  Advertisement  \nBody sentence one is here.\n"
    furniture, _ = find_furniture(text)
    assert furniture == (Span(17, 30),)
    assert text[17:30] == "Advertisement"


def test_long_sentence_in_capitals_guard_keeps_real_sentences() -> None:
    text = "Title\nOfficials said the NATO and UN teams arrived at the scene by noon on the second day.\n"
    furniture, _ = find_furniture(text)
    assert furniture == ()


def test_all_caps_line_needs_three_words() -> None:
    text = "Title line\nUN report\nThe report was released on Friday.\n"
    furniture, _ = find_furniture(text)
    assert "UN report" not in _lines(text, furniture)


def test_first_headline_is_never_furniture_for_being_short() -> None:
    text = "Quake Hits Coast\n\nA strong earthquake struck the coast on Sunday, officials said.\n"
    furniture, _ = find_furniture(text)
    assert furniture == ()


def test_promo_wins_over_the_long_sentence_guard() -> None:
    text = "Title\nNews: Get latest election news, results, analysis and live updates from every district.\n"
    furniture, _ = find_furniture(text)
    assert len(furniture) == 1


def test_name_printed_twice_is_a_byline() -> None:
    text = "Title line here\nJane Doe Jane Doe\nThe vote count began at dawn.\n"
    furniture, _ = find_furniture(text)
    assert _lines(text, furniture) == ["Jane Doe Jane Doe"]


def test_dateline_with_outlet_and_section_is_furniture() -> None:
    text = " date 2024-03-02 Example Times / international\n\nVoters Head To The Polls\n\nTurnout was high.\n"
    furniture, _ = find_furniture(text)
    assert _lines(text, furniture) == ["date 2024-03-02 Example Times / international"]


@pytest.mark.parametrize(
    "line",
    [
        "Rescuers search the rubble on Sunday. (AP)",
        "Rescuers search the rubble on Sunday. ( AFP )",
        "Voters queue outside a school. (Jan Novak/Pool via REUTERS / Reuters)",
        "The stadium after the storm. (REUTERS/Jan Novak / Reuters)",
        "The stadium after the storm (Photo: Jan Novak)",
        "Crowds gather at the square. (Getty Images)",
        "(Jan Novak/Agency)",
    ],
)
def test_photo_credits_make_captions(line: str) -> None:
    assert is_caption_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The ruling party (which won in 2019) lost its majority.",
        "Turnout rose to 64 percent (up from 58 percent).",
    ],
)
def test_ordinary_parentheses_are_not_credits(line: str) -> None:
    assert not is_caption_line(line)


def test_never_raises_on_odd_unicode() -> None:
    text = "\x00\x07 ‮עברית‬ 🌊🌊\n\ufeff\u200b\n" + "ÄÖÜ " * 50 + "\n(\n)\n|\n"
    furniture, captions = find_furniture(text)
    for span in (*furniture, *captions):
        assert 0 <= span.start < span.end <= len(text)


@pytest.mark.parametrize(
    "line",
    [
        "Related charges were filed against two other officials on Friday.",
        "The band sued for copyright infringement.",
        "By Monday, rescuers had reached 40 villages",
        "Officials spoke to reporters (via video link).",
        "Turnout was 52% (48/52 split)",
        "Read the full statement below.",
    ],
)
def test_sentences_that_resemble_furniture_are_content(line: str) -> None:
    text = f"Title Line\n{line}\n"
    furniture, captions = find_furniture(text)
    assert furniture == ()
    assert captions == ()


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Floods kill 12 in the north as rivers rise",
        "Related: How the count works",
        "© 2024 Example Media Ltd",
        "Terms of Use | Privacy Policy",
        "Written by Jane Doe and John Roe",
        "Download the app for live results",
        "Follow us on social media",
        "3 hours ago",
        "Published: 12 March 2024, 10:04 GMT",
    ],
)
def test_more_furniture_lines(line: str) -> None:
    text = f"Title Line\n{line}\nThe count continued overnight.\n"
    furniture, _ = find_furniture(text)
    assert [text[s.start : s.end] for s in furniture] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "(Reporting by Ana Ruiz in Lima; Additional reporting by Tom Hale; Editing by Jo Kim)",
        "Copyright 2024 Example Wire. All rights reserved. Quotes delayed at least 15 minutes.",
        "Home > News > Business",
        "Menu  Search  Sign in",
        "1. Town promoted after dramatic late winner",
        "Don't miss the biggest stories - sign up to our free newsletter here",
        "Do you have a story for us? Email newsdesk@example.org or message us on WhatsApp.",
        "Jane Doe in London",
    ],
)
def test_page_furniture_in_the_body_is_marked(line: str) -> None:
    """Wire credits, breadcrumbs, menus, ranked headline lists, promos, contact lines, bylines."""
    text = f"Title Line\nThe river rose two metres overnight, officials said on Monday.\n{line}\n"
    furniture, _ = find_furniture(text)
    assert _lines(text, furniture) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "1. The council approved the budget on Tuesday.",
        "Residents can sign up for flood alerts at the town hall.",
        "The home ministry said 40 people were missing.",
    ],
)
def test_look_alikes_of_the_new_patterns_stay_content(line: str) -> None:
    text = f"Title Line\n{line}\n"
    furniture, _ = find_furniture(text)
    assert furniture == ()


@pytest.mark.parametrize(
    ("line", "prefix"),
    [
        ("NAVOBOD, Oct 18 (Meridian) - The toll rose to 157 on Saturday.", "NAVOBOD, Oct 18 (Meridian) - "),
        ("NEW YORK — Shares rose 3% in early trading.", "NEW YORK — "),
        ("TOKYO: Officials confirmed the deal on Tuesday.", "TOKYO: "),
    ],
)
def test_an_opening_dateline_is_furniture_and_the_sentence_after_it_is_not(line: str, prefix: str) -> None:
    text = f"Title Line\n{line}\n"
    furniture, _ = find_furniture(text)
    assert _lines(text, furniture) == [prefix]


def test_a_short_capitalised_word_before_a_dash_is_not_a_dateline() -> None:
    text = "Title Line\nUS - China talks resume in Geneva on Monday.\n"
    assert find_furniture(text)[0] == ()
