"""Furniture inside a content line, and the new patterns of furniture on any page: each a table of
lines that must be cut or marked, and look-alikes that must stay."""

from __future__ import annotations

import pytest

from mineralcheck.read.captions import trailing_credit
from mineralcheck.read.furniture import find_furniture
from mineralcheck.read.furniture_inline import dateline_span, inline_spans, tag_run_end
from mineralcheck.read.furniture_lines import is_furniture_line, is_tag_list
from mineralcheck.read.line_shape import Line

HEADLINE = "Rivers rise across the north"
PARAGRAPH = (
    "The river rose two metres overnight and forced about 4,000 people from their homes, officials said."
)
LAST_PARAGRAPH = (
    "Rescue teams worked through the night and the army sent two helicopters to the area, officials said."
)


def _line(text: str) -> Line:
    return Line(0, 0, len(text), text, text.split())


def _cut(text: str, *, caption: bool = False) -> list[str]:
    return [text[s:e] for s, e in inline_spans(text, caption=caption)]


@pytest.mark.parametrize(
    "line",
    [
        "Section1 min read",
        "By Station - Staff",
        "04:17 - Source: Broadcaster",
        "Source: Agency",
        "[Update 9:41 p.m.]",
        "For the rest of the story: https://example.com/2024/jun/03/a-story",
        "Valley Radio is now streaming live",
        "Jane Doe in Harbour Town and agencies",
        "Story highlights",
        "Floods, Floods news, River levels, Rescue, Weather warnings",
        "Photo: Example TV",
        "(Agency Photo/Jane Doe)(Agency)",
    ],
)
def test_furniture_on_any_page(line: str) -> None:
    text = f"{HEADLINE}\n{PARAGRAPH}\n{line}\n{LAST_PARAGRAPH}\n"
    furniture, _ = find_furniture(text)
    assert [text[s.start : s.end] for s in furniture] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Northfield, Eastvale, Marlow and Northfield were all counted for the mayor by noon",
        "Arvik, Belmoor, Corrin, Dunhollow, Elston, and Farrowby saw heavy rain",
        "The source: a ministry official, who spoke on condition of anonymity.",
    ],
)
def test_look_alikes_of_tags_and_sources_stay(line: str) -> None:
    assert not is_furniture_line(_line(line))
    assert not is_tag_list(line)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Crowds vote in the town hall. (Jane Doe/The Example Press)", "(Jane Doe/The Example Press)"),
        ("Crowds vote in the town hall. (Image credit: Agency)", "(Image credit: Agency)"),
        ("Crowds board a ferry at 7am on Friday. Picture: Agency / Jane Doe", "Picture: Agency / Jane Doe"),
        ("Crowds gather in the square on Monday. Getty Images", "Getty Images"),
        # A caption naming who is pictured, run on after a paragraph, goes with its credit.
        (
            "The council has approved the new bypass, the minutes show. Region Premier Jane Doe(AGENCY)",
            "Region Premier Jane Doe(AGENCY)",
        ),
    ],
)
def test_a_photo_credit_is_cut_out_of_its_caption(text: str, cut: str) -> None:
    span = trailing_credit(text)
    assert span is not None and text[span[0] : span[1]] == cut
    assert _cut(text, caption=True) == [cut]


def test_ordinary_parentheses_at_the_end_are_not_credits() -> None:
    assert trailing_credit("Turnout rose to 64 percent (up from 58 percent).") is None
    assert trailing_credit("The bridge was closed on Monday. The") is None


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("The ferry service resumed after a two-week pause on Friday. AGENCY", ["AGENCY"]),
        ("Nine people have died in the floods (Live updates)", ["(Live updates)"]),
        ("The bridge will reopen next week, the mayor said (Watch).", ["(Watch)"]),
        ("Rescuers wade through the water. (More photos on Page 6)", ["(More photos on Page 6)"]),
        ("CUE JANE DOE “We will rebuild every house,” she said.", ["CUE JANE DOE "]),
        (
            "The plant closed. We have asked the operator for comment on the closure.",
            ["We have asked the operator for comment on the closure."],
        ),
    ],
)
def test_furniture_inside_a_content_line_is_cut_and_the_fact_stays(text: str, cut: list[str]) -> None:
    assert _cut(text) == cut


@pytest.mark.parametrize(
    "text",
    [
        "The ruling party (which won in 2019) lost its majority.",
        "Officials spoke to reporters (via video link).",
        "UN “deeply concerned” by the strikes, the spokesman said.",
        "NATO said on Monday it would respond.",
        "The figures are on page 4 of the report.",
    ],
)
def test_look_alikes_inside_content_lines_stay(text: str) -> None:
    assert _cut(text) == []


def test_a_dateline_in_ordinary_case_loses_only_its_agency_credit() -> None:
    """Where the place and date are the only statement of where and when, they stay."""
    text = "Harbour Town, Region, Mar 27, (Agency/Desk) – The new bridge opened to traffic on Friday."
    span = dateline_span(text)
    assert span is not None and text[span[0] : span[1]] == "(Agency/Desk)"
    wire = "NAVOBOD, Oct 18 (Meridian) - The toll rose to 157 on Saturday."
    assert dateline_span(wire) == (0, len("NAVOBOD, Oct 18 (Meridian) - "))


def test_a_run_of_tags_glued_to_a_caption_is_cut() -> None:
    text = "Floods, Floods news, River levels, Rescue teams, Weather, storm newsRescuers wade through water."
    assert text[: tag_run_end(text)] == "Floods, Floods news, River levels, Rescue teams, Weather, "
    assert tag_run_end("In Dunhollow, on Thursday, police said, at dawn, in the end, that 9 were hurt.") == 0


def test_a_short_line_above_a_credited_caption_is_the_images_title() -> None:
    caption = "Residents clear mud from a shop front. Picture: Agency / Jane Doe"
    text = (
        f"{HEADLINE}\n{PARAGRAPH}\nGALLERY 12\n{caption}\nClearing Up The Mud\n{caption} \n{LAST_PARAGRAPH}\n"
    )
    furniture, captions = find_furniture(text)
    cut = [text[s.start : s.end] for s in furniture]
    assert "GALLERY 12" in cut and "Clearing Up The Mud" in cut
    assert [text[s.start : s.end] for s in captions] == [caption]


def test_paragraphs_that_only_end_like_captions_stay_paragraphs() -> None:
    """Wrapped prose whose next line goes on, and a paragraph a photo's caption runs on."""
    wrapped = "Thousands spent the night in halls after leaving the river banks. Many\n"
    text = f"{HEADLINE}\n{PARAGRAPH}\n{wrapped}stayed with relatives in the hills.\n{LAST_PARAGRAPH}\n"
    assert find_furniture(text) == ((), ())
    run_on = "The council has approved the new bypass, the minutes show. Region Premier Jane Doe(AGENCY)"
    text = f"{HEADLINE}\n{run_on}\n{LAST_PARAGRAPH}\n"
    furniture, captions = find_furniture(text)
    assert [text[s.start : s.end] for s in furniture] == ["Region Premier Jane Doe(AGENCY)"]
    assert captions == ()
