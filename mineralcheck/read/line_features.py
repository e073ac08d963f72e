"""What a careful reader sees in one line of a page before reading it: its shape, its place, its neighbours.

These are the features of the furniture model (furniture_model.py). Each means the same on every page:
how long the line is, how it is set (capitals, title case, how it ends), how much of it is prose
(function words), whether it is a list or a label, where it sits (above the headline, between the
headline and the first paragraph, under the last one, between two paragraphs), whether it repeats,
and what its neighbours are. None names an outlet, an event or a place. (The list of links after a
"More stories" marker, after_marker, is furniture on any page: furniture.py marks it outright.)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from mineralcheck.read.captions import is_caption_line
from mineralcheck.read.furniture_lines import NAME_LINE, is_nav_marker
from mineralcheck.read.line_shape import (
    CAPS_MIN_RATIO,
    FUNCTION_WORDS,
    LABEL_MAX_WORDS,
    SENTENCE_END,
    SENTENCE_MIN_WORDS,
    SHORT_LINE_CHARS,
    Line,
    caps_ratio,
    is_label,
    is_sentence,
    is_title_case,
    title_case_words,
)

FEATURES = (
    "words",
    "chars",
    "sentence_end",
    "question",
    "ellipsis",
    "colon_end",
    "title_case",
    "capitals",
    "lower_start",
    "digits",
    "prose",
    "commas",
    "separators",
    "list_marker",
    "bracketed",
    "name_like",
    "label",
    "caption",
    "first",
    "above_first",
    "before_body",
    "after_body",
    "position",
    "repeats",
    "prev_furniture",
    "next_furniture",
    "prev_paragraph",
    "next_paragraph",
    "next_caption",
    "teaser",
    "logo",
    "header_label",
    "caps_headline",
    "tail_headline",
    "subhead",
)
"""The line features, in the order of the model's weights."""

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Between the items of a menu or breadcrumb: "News | World", "Home > News", "A • B".
_SEPARATOR = re.compile(r"\s[|/>»›•·]\s|\s*\|\s*")
# A list item's marker: a bullet, a dash or a number.
_LIST_MARKER = re.compile(r"^(?:[-–—•*·▪►+]|\d{1,2}[.)])\s")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)[\"'”’)\]]*$")
# An outlet's name above the headline is short ("Daily Example", "Radio Example - News in English");
# so is a caption label or byline under it ("Region Governor, Jane Doe").
LOGO_MAX_WORDS = 4
HEADER_LABEL_MAX_WORDS = 5
# A headline set in capitals has a few words; so has a headline of another story in title case,
# more than a table row ("Jane Roe (Party) 41.8%").
CAPS_MIN_WORDS = 3
TAIL_HEADLINE_MIN_WORDS = 4
TAIL_HEADLINE_MAX_WORDS = 20


@dataclass(frozen=True)
class PageView:
    """A page's lines as the furniture model reads them."""

    lines: Sequence[Line]
    marked: Sequence[bool]
    """Lines that the patterns of furniture on any page already mark (furniture_lines, captions)."""
    captions: Sequence[bool]
    judged: Sequence[bool]
    """Lines the model decides (furniture.py says which)."""


def key(text: str) -> str:
    """Letters and digits only, lower case: "Example Post" and "examplepost.in" share a key."""
    return re.sub(r"[\W_]+", "", text.lower())


def norm(text: str) -> str:
    """Comparison form of a line: case, spacing, dashes and quotes do not make it a new line."""
    table = str.maketrans({"–": "-", "—": "-", "‑": "-", "’": "'", "‘": "'", "“": '"', "”": '"'})
    return " ".join(text.translate(table).lower().split())


def is_prose(line: Line) -> bool:
    """A full sentence of some length: article text, whatever else it looks like, unless a pattern of
    furniture on any page says otherwise. The model judges the other lines, and a headline in capitals
    behind a label ("Our column: THE BUYERS ARE BACK - BUT AT WHAT PRICE?")."""
    return is_sentence(line) and _ELLIPSIS.search(line.text) is None and not _is_caps_headline(line)


def page_features(page: PageView) -> list[tuple[float, ...]]:
    """One row of FEATURES per line of the page."""
    lines = page.lines
    n = len(lines)
    content = [not m and not c for m, c in zip(page.marked, page.captions, strict=True)]
    paragraph = [content[i] and is_sentence(line) for i, line in enumerate(lines)]
    first = next((i for i in range(n) if content[i]), n)
    body = next((i for i in range(n) if paragraph[i]), n)
    last = max((i for i in range(n) if paragraph[i]), default=-1)
    counts: dict[str, int] = {}
    for line in lines:
        counts[norm(line.text)] = counts.get(norm(line.text), 0) + 1
    headlines = [i for i in range(first, body) if content[i] and _is_sentence_case_headline(lines[i])]
    last_headline = max(headlines, default=-1)
    rows = []
    for i, line in enumerate(lines):
        prev_text = lines[i - 1].text if i > 0 else ""
        next_text = lines[i + 1].text if i + 1 < n else ""
        rows.append(
            (
                *_shape(line),
                # A name alone on its line is a byline, but a short title is not one.
                float(
                    i != first
                    and len(line.text) < SHORT_LINE_CHARS
                    and NAME_LINE.match(line.text) is not None
                ),
                float(is_label(line)),
                float(is_caption_line(line.text)),
                float(i == first),
                float(i < first),
                float(first < i < body),
                float(i > last >= 0),
                i / max(n - 1, 1),
                float(counts[norm(line.text)] > 1),
                float(i > 0 and page.marked[i - 1]),
                float(i + 1 < n and page.marked[i + 1]),
                float(i > 0 and paragraph[i - 1]),
                float(i + 1 < n and paragraph[i + 1]),
                float(i + 1 < n and page.captions[i + 1]),
                float(_continues(prev_text, line.text) or _continues(line.text, next_text)),
                float(i < last_headline and _is_logo(line)),
                float(
                    first < i < body
                    and is_label(line)
                    and title_case_words(line.text)[1] <= HEADER_LABEL_MAX_WORDS
                ),
                float(i != first and _is_caps_headline(line)),
                float(i > last >= 0 and not is_sentence(line) and _is_tail_headline(line)),
                float(
                    i != first
                    and 0 < i < n - 1
                    and paragraph[i - 1]
                    and paragraph[i + 1]
                    and _is_subhead(line)
                ),
            )
        )
    return rows


def _shape(line: Line) -> tuple[float, ...]:
    """The features of the line on its own, up to `bracketed`."""
    text = line.text
    words = _WORD.findall(text)
    capitalised, counted = title_case_words(text)
    letters = next((c for c in text if c.isalpha()), "")
    ellipsis = _ELLIPSIS.search(text) is not None
    return (
        math.log1p(len(line.words)),
        math.log1p(len(text)),
        float(SENTENCE_END.search(text) is not None and not ellipsis),
        float(text.rstrip("\"'”’)]").endswith("?")),
        float(ellipsis),
        float(text.endswith(":")),
        capitalised / counted if counted else 0.0,
        caps_ratio(text),
        float(letters.islower()),
        float(any(c.isdigit() for c in text)),
        sum(1 for w in words if w.lower() in FUNCTION_WORDS) / len(words) if words else 0.0,
        min(text.count(",") / max(len(line.words), 1), 1.0),
        float(len(_SEPARATOR.findall(text)) > 0),
        float(_LIST_MARKER.match(text) is not None),
        float(text[:1] in "([" and text[-1:] in ")]"),
    )


def after_marker(lines: Sequence[Line]) -> list[bool]:
    """Lines in a list of links: after a "More stories" marker, up to the article going on (a line
    that ends a sentence, or a paragraph's length; a teaser cut by "..." is still a link)."""
    out = [False] * len(lines)
    in_list = False
    for i, line in enumerate(lines):
        if is_nav_marker(line.text):
            in_list = True
            continue
        teaser = _ELLIPSIS.search(line.text) is not None
        if in_list and not teaser and (SENTENCE_END.search(line.text) or len(line.text) >= SHORT_LINE_CHARS):
            in_list = False
        out[i] = in_list
    return out


def _continues(head: str, line: str) -> bool:
    """`line` repeats `head` and goes on: a linked headline followed by its teaser."""
    return len(head) >= 20 and len(line) > len(head) and norm(line).startswith(norm(head))


def _is_sentence_case_headline(line: Line) -> bool:
    return not SENTENCE_END.search(line.text) and not is_title_case(line.text, min_words=1)


def _is_logo(line: Line) -> bool:
    """A short title-case label: an outlet's name or a section ("Radio Example - News in English")."""
    if not is_label(line):
        return False
    counted = title_case_words(line.text)[1]
    named_section = re.search(r"\s[-–—]\s", line.text) is not None
    return counted <= LOGO_MAX_WORDS or (named_section and counted <= HEADER_LABEL_MAX_WORDS + 1)


def _is_caps_headline(line: Line) -> bool:
    """A short headline in capitals, alone or behind a short label ("Our column: BUYERS ARE BACK")."""
    if len(line.text) >= SHORT_LINE_CHARS:
        return False
    label, colon, rest = line.text.partition(": ")
    text = rest if colon and len(label.split()) <= LABEL_MAX_WORDS else line.text
    words = text.split()
    if len(words) >= SENTENCE_MIN_WORDS and SENTENCE_END.search(text):
        return False
    return len(words) >= CAPS_MIN_WORDS and caps_ratio(text) >= CAPS_MIN_RATIO


def _is_tail_headline(line: Line) -> bool:
    """A title-case line: a link to another story, a byline, a section."""
    text = line.text
    if len(text) >= SHORT_LINE_CHARS or SENTENCE_END.search(text) or text.endswith(":"):
        return False
    counted = title_case_words(text)[1]
    if not TAIL_HEADLINE_MIN_WORDS <= counted <= TAIL_HEADLINE_MAX_WORDS:
        return is_label(line) and counted >= 2
    return is_title_case(text)


SUBHEAD_MAX_WORDS = 10


def _is_subhead(line: Line) -> bool:
    """A short heading: a few words, no figure, no sentence end but a question mark. (A label that
    ends in a colon introduces what follows: "Former controller Jane Roe:".)"""
    text = line.text
    if len(line.words) > SUBHEAD_MAX_WORDS or any(c.isdigit() for c in text) or text.endswith(":"):
        return False
    return SENTENCE_END.search(text) is None or text.rstrip("\"'”’)]").endswith("?")
