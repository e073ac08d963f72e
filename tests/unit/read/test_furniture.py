"""Furniture and captions: which lines of a web-copied article carry no fact, which are captions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mineralcheck.models import Span
from mineralcheck.read.captions import is_caption_line
from mineralcheck.read.furniture import find_furniture, name_keys

# A headline in sentence case: a short title-case line above another headline reads as the outlet's name.
HEADLINE = "Rivers rise across the north"
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
        "TAP HERE FOR LIVE RIVER LEVELS AND ROAD CLOSURES NEAR YOU",
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
    text = (
        f"{HEADLINE}\nOfficials said the NATO and UN teams arrived at the scene by noon on the second day.\n"
    )
    furniture, _ = find_furniture(text)
    assert furniture == ()


def test_all_caps_line_needs_three_words() -> None:
    text = f"{HEADLINE}\nUN report\nThe report was released on Friday.\n"
    furniture, _ = find_furniture(text)
    assert "UN report" not in _lines(text, furniture)


def test_first_headline_is_never_furniture_for_being_short() -> None:
    text = "Quake Hits Coast\n\nA strong earthquake struck the coast on Sunday, officials said.\n"
    furniture, _ = find_furniture(text)
    assert furniture == ()


def test_promo_wins_over_the_long_sentence_guard() -> None:
    promo = "Elections: Get the latest count news, results, maps and analysis from every district."
    text = f"{HEADLINE}\n{promo}\n"
    furniture, _ = find_furniture(text)
    assert len(furniture) == 1


def test_name_printed_twice_is_a_byline() -> None:
    text = f"{HEADLINE}\nJane Doe Jane Doe\nThe vote count began at dawn.\n"
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
    text = f"{HEADLINE}\n{line}\n"
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
    text = f"{HEADLINE}\n{line}\nThe count continued overnight.\n"
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
    text = f"{HEADLINE}\nThe river rose two metres overnight, officials said on Monday.\n{line}\n"
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
    text = f"{HEADLINE}\n{line}\n"
    furniture, _ = find_furniture(text)
    assert furniture == ()


@pytest.mark.parametrize(
    ("line", "prefix"),
    [
        ("NAVOBOD, Oct 18 (Meridian) - The toll rose to 157 on Saturday.", "NAVOBOD, Oct 18 (Meridian) - "),
        ("PORT ELLIS — Shares rose 3% in early trading.", "PORT ELLIS — "),
        ("KORVALA: Officials reopened the airport on Tuesday.", "KORVALA: "),
    ],
)
def test_an_opening_dateline_is_furniture_and_the_sentence_after_it_is_not(line: str, prefix: str) -> None:
    text = f"{HEADLINE}\n{line}\n"
    furniture, _ = find_furniture(text)
    assert _lines(text, furniture) == [prefix]


def test_a_short_capitalised_word_before_a_dash_is_not_a_dateline() -> None:
    text = f"{HEADLINE}\nEU - Valdoria talks resume in Geneva on Monday.\n"
    assert find_furniture(text)[0] == ()


# --- Mechanisms for real pages: each one a table of lines that must be furniture, and look-alikes
# --- that must stay content. PARAGRAPH is a full first paragraph, so what follows is the body.

PARAGRAPH = (
    "The river rose two metres overnight and forced about 4,000 people from their homes, officials said."
)
LAST_PARAGRAPH = (
    "Rescue teams worked through the night and the army sent two helicopters to the area, officials said."
)


def _furniture_of(text: str, names: tuple[str, ...] = ()) -> list[str]:
    return _lines(text, find_furniture(text, names)[0])


def _captions_of(text: str) -> list[str]:
    return _lines(text, find_furniture(text)[1])


@pytest.mark.parametrize(
    "line",
    ["Agency", "P", "ExamplePost", "Facebook", "17.11.2025", "+2.35%"],
)
def test_a_word_alone_on_its_line_is_furniture(line: str) -> None:
    """A logo, an agency byline, a drop cap, a share button, a bare date: one word is never a fact."""
    assert _furniture_of(f"{HEADLINE}\n{line}\n{PARAGRAPH}\n") == [line]


@pytest.mark.parametrize(
    ("top", "headline"),
    [
        ("Daily Example", "Council gives green light to new tram line"),
        ("THE EXAMPLE REVIEW", "Tessel Group bets big on lab machines with $6bn deal"),
        ("Radio Example - News in English", "Tessel: two candidates to meet in runoff"),
        ("Arts & Culture", "Harbour museum reopens after four-year renovation"),
    ],
)
def test_a_short_title_case_label_above_the_headline_is_the_outlets_name(top: str, headline: str) -> None:
    assert _furniture_of(f"{top}\n{headline}\n{PARAGRAPH}\n") == [top]


@pytest.mark.parametrize(
    "text",
    [
        # A short headline above the first paragraph (a short one, with its period) stays the title.
        "Quake Hits Coast\n\nA strong earthquake struck the coast on Sunday, officials said.\n",
        # Two headline-like lines in sentence case: the headline and its deck.
        "Tessel shuts 30 schools as river rises\nFarms cut off; boats bring feed\n" + PARAGRAPH,
    ],
)
def test_a_headline_above_a_paragraph_or_deck_is_not_a_logo(text: str) -> None:
    assert _furniture_of(text) == []


@pytest.mark.parametrize(
    "label",
    ["Region President, Jane Doe", "Jane Doe, Senior Correspondent", "Audio By Example", "Staff Reporter"],
)
def test_a_short_title_case_label_under_the_headline_is_a_caption_label_or_byline(label: str) -> None:
    assert _furniture_of(f"Harbour Ferries Back On Schedule - Operator\n{label}\n{PARAGRAPH}\n") == [label]


def test_a_title_case_deck_with_a_figure_under_the_headline_stays() -> None:
    text = f"Floods Hit The North\nOver 500 Homes Flooded In Three Villages\n{PARAGRAPH}\n"
    assert _furniture_of(text) == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("ExamplePost", ("examplepost.in",)),
        ("Example Post", ("news.examplepost.co.uk",)),
        ("Kessel Times", ("Kessel Times",)),
    ],
)
def test_a_line_that_is_only_the_outlets_name_is_its_logo(line: str, names: tuple[str, ...]) -> None:
    """The name comes from the manifest, front matter, page metadata or the Source: URL's host."""
    text = f"{line}\nWorld\n{HEADLINE}\n{PARAGRAPH}\n"
    assert line in _furniture_of(text, names)


def test_a_host_name_part_that_is_generic_is_not_a_name() -> None:
    assert name_keys(("news.example.com",)) == frozenset({"newsexamplecom", "example"})
    text = f"{HEADLINE}\n{PARAGRAPH}\nNews\n{LAST_PARAGRAPH}\n"
    assert find_furniture(text, ("news.example.com",)) == find_furniture(text)


def test_the_links_after_a_previous_or_next_story_marker_are_furniture() -> None:
    tail = [
        "Previous Story",
        "Chef opens bistro in old mill",
        "Museum to reopen Thursday",
        "Next Story",
        "How late buses waste 60 million minutes",
        "Latest from Science",
        "Airport opens $2 billion new termi",
    ]
    text = "\n".join([HEADLINE, PARAGRAPH, LAST_PARAGRAPH, *tail, "[...]"]) + "\n"
    assert _furniture_of(text) == [*tail, "[...]"]


@pytest.mark.parametrize(
    "marker", ["You might also like", "Related Articles", "More from Business", "Most Read", "Trending Now"]
)
def test_a_link_list_ends_where_the_article_goes_on(marker: str) -> None:
    text = f"{HEADLINE}\n{PARAGRAPH}\n{marker}\nPolice appeal after van stolen\nShort sentence of the body.\n"
    assert _furniture_of(text) == [marker, "Police appeal after van stolen"]


@pytest.mark.parametrize(
    "line",
    [
        "Jane Doe, Example Media Fellow",
        "Chef Opens Bistro In Old Mill",
        "How Late Buses, Others Waste 60 million Minutes",
    ],
)
def test_title_case_lines_below_the_last_paragraph_are_furniture(line: str) -> None:
    """Bylines and headlines of other stories under the article."""
    text = f"{HEADLINE}\n{PARAGRAPH}\n{LAST_PARAGRAPH}\n{line}\n"
    assert _furniture_of(text) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Repairs Could Last All Summer",
        "Repairs could last all summer on the old bridge",
        "Trouble at the harbour?",
    ],
)
def test_a_subhead_between_paragraphs_is_furniture(line: str) -> None:
    """The golds mark subheads as furniture: the paragraphs under them state the facts."""
    text = f"{HEADLINE}\n{PARAGRAPH}\n{line}\n{LAST_PARAGRAPH}\n"
    assert _furniture_of(text) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Council closes 12 roads, a record",  # a figure is what a cross-checker checks
        "Former Example Corp treasurer Lina Moss:",  # a list label introduces what follows
        "The council closed the road on Monday.",  # a short sentence
    ],
)
def test_a_subhead_with_a_figure_a_list_label_and_a_short_sentence_stay(line: str) -> None:
    text = f"{HEADLINE}\n{PARAGRAPH}\n{line}\n{LAST_PARAGRAPH}\n"
    assert _furniture_of(text) == []


def test_a_capitals_headline_behind_a_short_label_is_a_link() -> None:
    line = "The Review's money column: THE BUYERS ARE BACK - BUT AT WHAT PRICE?"
    assert _furniture_of(f"{HEADLINE}\n{PARAGRAPH}\n{line}\n{LAST_PARAGRAPH}\n") == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Powered by Example Translate",
        "Audio By Example",
        "Jane Roe's research is supported by the Example Rivers Fund.",
        "Tom Hale in Lima contributed reporting.",
        "This story has been updated.",
        "(With inputs from agencies)",
        "flood tessel-1712345678901",
        "IMG_2041.jpg",
        "ABC 189.20 +1.3%",
        "(NYSE: ABC)",
        "Sensex 72,000 ▲ 300",
        "Example Corp stock chart",
        "Stock chart icon",
        "Stock Chart IconStock chart icon",
        "Example Corp stock over the past five days",
        "Facebook Twitter WhatsApp Email",
        "Share this article:  Facebook  LinkedIn  X  Email",
        "Comments (12)",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Join the conversation. Log in or register to comment.",
        "Follow Daily Example on Instagram",
        "Get the day's top political stories every evening.",
        "Sign up for the Morning Briefing - the day's top stories in your inbox.",
        "Story continues below advertisement",
        "By Agency",
        "Edited By: Jane Doe",
        "Author: Jane Doe",
        "Tag Archives: floods",
        "Also read - Floods kill 12 in the north",
        "+ posts",
        "Staff and agencies",
        "Web Desk",
        "Reporting by Ana Ruiz in Lima; Editing by Jo Kim and Tom Hale",
        "(This story has not been edited by Example staff and is auto-generated from a syndicated feed.)",
        "Disclaimer: The views expressed are the author's own.",
        "Click to share on X (Opens in new window)",
        "Read the full story on example.com",
        "Reading Time: 3 minutes",
        "Tagged: floods, rescue",
    ],
)
def test_widgets_notes_file_names_stock_links_and_comment_boxes_are_furniture(line: str) -> None:
    assert _furniture_of(f"{HEADLINE}\n{PARAGRAPH}\n{line}\n{LAST_PARAGRAPH}\n") == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Also in Tessel, firefighters rescued 38 residents.",
        "“Join our movement and vote,” the candidate told supporters.",
        "This report was funded by the regional council.",
        "NRP 41.8%",
        "EU - Valdoria talks resume in Geneva on Monday.",
        "The newsroom of the state broadcaster was closed on Monday.",
        "Shares rose 3% in early trading, according to Example Corp data.",
        "The stock has fallen 40% over the past year",
    ],
)
def test_look_alikes_of_widgets_and_promos_stay_content(line: str) -> None:
    assert _furniture_of(f"{HEADLINE}\n{PARAGRAPH}\n{line}\n{LAST_PARAGRAPH}\n") == []


def test_a_self_promoting_sentence_is_cut_out_of_its_line() -> None:
    promo = "The Example Radio newsroom will follow the campaign closely."
    listen = "Listen to our special on Thursday at 19:00."
    line = f"The runoff will take place next month. {promo} {listen}"
    assert _furniture_of(f"{HEADLINE}\n{PARAGRAPH}\n{line}\n") == [promo, listen]


def test_a_repeated_headline_with_another_dash_is_a_repeat() -> None:
    text = f"Storm Damage Worse Than Feared – Mayor\nStorm Damage Worse Than Feared - Mayor\n{PARAGRAPH}\n"
    assert _furniture_of(text) == ["Storm Damage Worse Than Feared - Mayor"]


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Fishermen mend their nets on the quay before the storm", "/ AFP via Getty Images"),
        ("Rescuers search the rubble on Sunday.", "Jan Novak/Pool via Photo Desk"),
    ],
)
def test_a_credit_on_its_own_line_is_furniture_and_makes_the_line_above_a_caption(
    caption: str, credit: str
) -> None:
    text = f"{HEADLINE}\n{PARAGRAPH}\n{caption}\n{credit}\n{LAST_PARAGRAPH}\n"
    assert _furniture_of(text) == [credit]
    assert _captions_of(text) == [caption]


def test_a_credit_under_a_paragraph_of_several_sentences_leaves_it_a_paragraph() -> None:
    paragraph = "The bridge was closed on Monday. Repairs will take six weeks."
    text = f"{HEADLINE}\n{PARAGRAPH}\n{paragraph}\nGetty Images\n{LAST_PARAGRAPH}\n"
    assert _furniture_of(text) == ["Getty Images"]
    assert _captions_of(text) == []


def test_an_image_source_label_opens_a_photo_block_and_does_not_caption_the_paragraph_above() -> None:
    photo = "Image source, Getty Images\nImage caption, Rescuers dig"
    text = f"{HEADLINE}\n{PARAGRAPH}\n{photo}\n{LAST_PARAGRAPH}\n"
    assert _furniture_of(text) == ["Image source, Getty Images"]
    assert _captions_of(text) == ["Image caption, Rescuers dig"]


@pytest.mark.parametrize(
    "line",
    [
        "Firefighters hose down a warehouse in Tessel on Thursday. Image Credit: Jan Novak",
        "A tram stands idle in the depot during the strike. Photostock",
        "Crowds gather in the square on Monday. Getty Images",
    ],
)
def test_a_credit_after_the_last_sentence_makes_a_caption(line: str) -> None:
    assert is_caption_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The bridge was closed on Monday. The",  # a cut sentence
        "Mayor Signs Deal. Union Reacts",  # two clauses of a headline
    ],
)
def test_capitalised_words_after_a_sentence_are_not_always_a_credit(line: str) -> None:
    assert not is_caption_line(line)


def test_the_first_line_that_is_a_paragraph_loses_its_dateline() -> None:
    """A page without a headline: the first paragraph's dateline is still cut off."""
    text = "TESSEL: Some 260 homes lost power on Wednesday after a storm swept across the region.\n"
    assert _furniture_of(text) == ["TESSEL: "]


@pytest.mark.parametrize(
    "line",
    [
        "data:image/png;base64," + "QUJD" * 25_000,  # an inlined image: one 100,000-character token
        "Hello. " + "A." * 50_000,
        "/ " + "A/" * 50_000,
    ],
)
def test_a_huge_line_is_judged_in_linear_time(line: str) -> None:
    """No pattern backtracks over a long token (an image file-name pattern once took minutes)."""
    started = time.monotonic()
    find_furniture(f"{HEADLINE}\n{line}\n{PARAGRAPH}\n")
    assert time.monotonic() - started < 5
