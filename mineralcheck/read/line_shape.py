"""The shape of one line of text: a sentence or not, title case or capitals, a short label."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Conservative guard: a line of this many words that ends like a sentence is article text.
SENTENCE_MIN_WORDS = 12
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")

# Lines longer than this are never headlines, names or badges.
SHORT_LINE_CHARS = 200

# Words that title case leaves in lower case ("Latest from Europe", "Mayor Signs Deal with Union").
MINOR_WORDS = frozenset(
    "a an the and or but nor of in on at to for from by with as into onto over per via vs vs. up out off "
    "than so yet".split()
)
# Words that carry grammar rather than content: prose is full of them; labels, names, tags and
# headlines in title case have few. English only, like the rest of the reading stage.
FUNCTION_WORDS = MINOR_WORDS | frozenset(
    "that which who whom whose this these those it its is are was were be been being has have had will "
    "would can could may might must shall should do does did not no he she they we you i his her their "
    "our your him them us said says told after before while when where because if also".split()
)
# A line is in title case when nearly all its other words are capitalised.
TITLE_CASE_MIN_RATIO = 0.85
CAPS_MIN_RATIO = 0.7
# A page label (outlet name, section, caption label, byline) is short.
LABEL_MAX_WORDS = 6


@dataclass(frozen=True)
class Line:
    """One non-blank line; start/end are the offsets of its stripped text in the article."""

    index: int
    start: int
    end: int
    text: str
    words: list[str]


def is_sentence(line: Line) -> bool:
    """A line long enough, and ending like a sentence, to be article text whatever else it looks like."""
    return len(line.words) >= SENTENCE_MIN_WORDS and bool(SENTENCE_END.search(line.text))


def caps_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isupper()) / len(letters)


def title_case_words(text: str) -> tuple[int, int]:
    """(capitalised, counted) over the words with a letter, minor words ("of", "the") not counted."""
    counted = capitalised = 0
    for word in text.split():
        core = word.strip("\"'“”‘’()[]{}$€£#@*+-–—:;,.!?/|")
        if not any(c.isalpha() for c in core) or core.lower() in MINOR_WORDS:
            continue
        counted += 1
        first = next(c for c in core if c.isalpha())
        capitalised += first.isupper()
    return capitalised, counted


def is_title_case(text: str, *, min_words: int = 2) -> bool:
    """Headline style: every word (bar minor ones, at most one in seven) capitalised, or all capitals."""
    capitalised, counted = title_case_words(text)
    if counted < min_words:
        return False
    return capitalised / counted >= TITLE_CASE_MIN_RATIO or caps_ratio(text) >= CAPS_MIN_RATIO


def is_label(line: Line) -> bool:
    """An outlet name, section, byline or caption label: short, title case, no figure, no sentence."""
    return is_label_text(line.text)


def is_label_text(text: str) -> bool:
    """is_label of a piece of text."""
    if SENTENCE_END.search(text) or text.endswith(":") or any(c.isdigit() for c in text):
        return False
    _, counted = title_case_words(text)
    return 1 <= counted <= LABEL_MAX_WORDS and is_title_case(text, min_words=1)
