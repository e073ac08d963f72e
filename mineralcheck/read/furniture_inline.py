"""Furniture inside a line of content: a wire dateline, a photo credit after a caption, a link label in
brackets, a print cross-reference, a script's cue, a sentence in which the page promotes itself.

Each is furniture on any page: cut out of its line, so that the fact beside it stays.
"""

from __future__ import annotations

import re

from mineralcheck.read.captions import run_on_caption, trailing_credit, wire_credit
from mineralcheck.read.furniture_lines import UI_LINE, is_tag, self_promo_sentences

# The dateline that opens wire copy: "KATHMANDU, Nov 4 (Reuters) - ", "NEW YORK — ", "HALVIK: ". It dates
# and places the report; the first fact starts after it. A place in capitals of three letters or more
# ("US - China talks" is a headline, not a dateline).
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+)*"
    r"(?:,\s*[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?)?(?:\s*\([^)]{1,40}\))?\s*[-–—:]\s+"
)
# ... or in ordinary case, closed by the agency's credit: "Harbour Town, Region, Dec 18, (Agency) – ".
# There the place and date may be the only statement of where and when: only the credit is cut.
CREDITED_DATELINE = re.compile(
    r"^[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,5},?"
    r"(?:\s*[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?,?)?"
    r"\s*(?P<credit>\([A-Za-z][\w./& -]{1,30}\))\s*[-–—:]\s+"
)

# A link label or media marker in brackets inside a paragraph: "(Watch)", "(Live updates)",
# "[Video]". The words are those of interface lines (furniture_lines.UI_LINE).
BRACKETED = re.compile(r"[(\[]([^()\[\]]{2,40})[)\]]")
BRACKETED_MAX_WORDS = 3
# A pointer to the print edition: "(More photos on Page 6)", "(See page 4)".
PRINT_REFERENCE = re.compile(
    r"\(\s*(?:(?:more|other|see|also)\s+)?[\w ]{0,30}\bon\s+pages?\s+\d+\s*\)|\(\s*see\s+pages?\s+\d+\s*\)",
    re.IGNORECASE,
)
# A broadcast script's cue before a quotation: "SOT JANE DOE “We will rebuild”": a run of capitals
# opening the line (two words at least: "UN “deeply concerned”" is a headline), then the quote.
SCRIPT_CUE = re.compile(r"^[A-Z]{2,}(?:\s+[A-Z][A-Z'’.-]+){1,3}\s+(?=[\"“])")


# A page's tags run into the caption after them: "Floods, Floods news, Rescue, River levels,
# Weather newsRescuers wade ...": items of a few words between commas opening the line.
TAG_ITEM = re.compile(r"[^,.!?:;]{1,40},\s*")
TAG_RUN_MIN_ITEMS = 5


def tag_run_end(text: str) -> int:
    """Where a run of tags that opens `text` ends (after its last comma); 0 when there is none.

    Tags are names and nouns: an item with a function word ("in Tarnby", "police said") is prose, and
    a run that goes on with "and" or "or" is an enumeration ("Tarnby, Halvik, ..., and Ostmere saw")."""
    end = items = 0
    while (match := TAG_ITEM.match(text, end)) is not None and is_tag(match.group(0).rstrip(", ")):
        end, items = match.end(), items + 1
    if items < TAG_RUN_MIN_ITEMS or re.match(r"(?:and|or|&)\b", text[end:], re.IGNORECASE):
        return 0
    return end


def dateline_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the furniture of an opening dateline of `text`: all of a wire dateline, the
    agency's credit of one in ordinary case; None when there is none."""
    match = DATELINE.match(text)
    if match and len(text) > match.end():
        return 0, match.end()
    match = CREDITED_DATELINE.match(text)
    if match and len(text) > match.end():
        return match.span("credit")
    return None


def inline_spans(text: str, *, caption: bool) -> list[tuple[int, int]]:
    """(start, end) within a content line of the furniture it holds; `caption` when the line is one."""
    spans = [*self_promo_sentences(text)]
    run_on = run_on_caption(text)
    credit = (run_on, len(text.rstrip())) if run_on is not None else None
    credit = credit or (trailing_credit(text) if caption else wire_credit(text))
    if credit is not None:
        spans.append(credit)
    for match in BRACKETED.finditer(text):
        inner = match.group(1).strip()
        if len(inner.split()) <= BRACKETED_MAX_WORDS and UI_LINE.match(inner):
            spans.append((match.start(), match.end()))
    spans += [(m.start(), m.end()) for m in PRINT_REFERENCE.finditer(text)]
    tags = tag_run_end(text)
    if tags:
        spans.append((0, tags))
    cue = SCRIPT_CUE.match(text)
    if cue:
        spans.append((0, cue.end()))
    return sorted(set(spans))
