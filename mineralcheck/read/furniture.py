"""Find page furniture (menus, promos, bylines, footers) and photo captions in web-copied news text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mineralcheck.claims.values.dates import find_temporal
from mineralcheck.models import Span

# Interface words that web pages show on a line of their own (menus, share bars, paywalls).
# A line that is only one of these, optionally behind a bullet and before a colon, carries no fact.
UI_LINE = re.compile(
    r"""^[\W_]*(?:
        language|languages|search|menu|main\ menu|navigation|home|share|share\ this|share\ this\ article|
        share\ on\ \w+|tweet|email|e-mail|print|copy\ link|link\ copied|comments?|\d+\ comments?|
        advertisement|advertising|ad|sponsored|sponsored\ content|skip\ to\ (?:main\ )?content|
        skip\ to\ navigation|sign\ in|sign\ up|log\ in|login|logout|log\ out|register|subscribe|
        subscribe\ now|close|next|previous|prev|back\ to\ top|top\ stories|trending|latest|latest\ news|
        most\ read|most\ popular|listen|listen\ to\ this\ article|watch|play|video|audio|gallery|
        photos|more|see\ more|show\ more|load\ more|related|related\ articles|related\ stories|
        recommended|also\ read|read\ more|read\ next|you\ may\ also\ like|accept|accept\ cookies|
        cookie\ settings|terms\ of\ use|terms\ of\ service|privacy\ policy|contact\ us|about\ us|
        follow\ us|newsletter|newsletters|topics|tags|filed\ under|breaking|breaking\ news|live|
        edition|choose\ edition|opinion|world|business|politics|sports?|news
    )\s*:?[\W_]*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Promotions and calls to action. They may be long and end in a period, so they win over the
# "long sentence is content" guard; they are anchored at the line start (after an optional short
# "Label:") so that a sentence merely mentioning, say, a newsletter is not caught.
PROMO_LINE = re.compile(
    r"""^(?:[\w .&'’-]{1,30}:\s*)?[\W_]*(?:
        click\ here\b|tap\ here\b|
        get\ (?:the\ )?latest\b.*\bnews\b|
        sign\ up\b.*\b(?:newsletter|alerts?|updates)\b|
        subscribe\ (?:to|for|now)\b|
        download\ (?:the|our)\b.*\bapp\b|
        follow\ us\b|
        join\ (?:us|our)\b.*\b(?:channel|whatsapp|telegram|community)\b|
        this\ (?:article|story)\ (?:was|has\ been)\ (?:first\ )?published\b|
        (?:we|this\ site)\ use(?:s)?\ cookies\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# Link labels in front of another article's headline ("Read more: ...", "Related: ..."). The colon
# is required: "Related charges were filed" is a sentence.
LINK_LABEL_LINE = re.compile(
    r"""^[\W_]*(?:read\ more|read\ next|read\ also|also\ read|see\ also|related(?:\ \w+)?|recommended|
        more\ from\ [\w ]{1,30}|more\ on\ this|don['’]t\ miss|must\ read|watch|listen|sponsored|
        advertisement|trending(?:\ now)?|top\ stories|editor['’]s\ picks?)\s*[:|–—]""",
    re.IGNORECASE | re.VERBOSE,
)

# Reading-time badges ("2 Min Read", "5 min read", "3-minute read").
READ_TIME = re.compile(r"\b\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)

# Time-stamp lines ("Updated 3 hours ago", "Published: Oct 28, 2025, 10:04 IST", "5 hours ago").
TIMESTAMP_LINE = re.compile(
    r"^[\W_]*(?:updated|published|posted|last updated|first published|date|dated)\b", re.IGNORECASE
)
AGO_BADGE = re.compile(
    r"^[\W_]*(?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month)s?\s+ago\W*$", re.IGNORECASE
)

# Copyright lines. "copyright" alone is not enough: "sued for copyright infringement" is news.
COPYRIGHT_LINE = re.compile(r"©|\(c\)\s*\d{4}|^[\W_]*copyright\b|\ball rights reserved\b", re.IGNORECASE)
# Footer links, recognised only on short lines without a sentence end.
FOOTER_LINE = re.compile(
    r"\bterms (?:of|and) (?:use|service|conditions)\b|\bprivacy policy\b|\bcookie (?:policy|settings)\b"
    r"|\bcontact us\b|\babout us\b",
    re.IGNORECASE,
)
FOOTER_MAX_WORDS = 12

# Bylines: "By Jane Doe", "By Jane Doe and John Roe, Agency", "Written by ...", "Reporting by ...".
# Two capitalised words must follow, so "By Monday, rescuers had ..." is not a byline.
BYLINE = re.compile(
    r"^[\W_]*(?i:by|written by|reporting by|reported by|edited by|words by|story by)\s+"
    r"[A-Z][\w'’.-]*\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'’.-]*"
)

# A line that is only a person-like name: two or three capitalised words (initials allowed).
NAME_LINE = re.compile(
    r"^[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){1,2}(?:\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?$"
)
"""A person-like name, optionally with where they report from ("Jane Doe in London")."""

# Separators between an outlet and a section ("Outlet | Section", "Outlet / world").
SECTION_SEPARATOR = re.compile(r"\s*\|\s*|\s[/»›•·>]\s")

# The dateline that opens wire copy: "KATHMANDU, Nov 4 (Reuters) - ", "NEW YORK — ", "TOKYO: ". It dates
# and places the report; the first fact starts after it. A place in capitals of three letters or more
# ("US - China talks" is a headline, not a dateline).
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+)*"
    r"(?:,\s*[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?)?(?:\s*\([^)]{1,40}\))?\s*[-–—:]\s+"
)

# Wire-service credits at the foot of a story: "(Reporting by A in X; Editing by B)".
WIRE_CREDIT = re.compile(
    r"^\(\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\b.*\)\W*$", re.IGNORECASE
)

# Promotions that do not open their line: "Don't miss ... - sign up to our free newsletter here".
PROMO_ANYWHERE = re.compile(
    r"\b(?:sign\ up|subscribe)\b.{0,60}\bour\b.{0,30}\bnewsletters?\b|\bour\ free\ newsletters?\b",
    re.IGNORECASE | re.VERBOSE,
)

# Contact lines ("Got a story? Email newsdesk@... or message us on WhatsApp"): news prose seldom
# prints an e-mail address.
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")

# A ranked list of other headlines ("1. Town promoted after late winner"): numbered, no sentence end.
LIST_HEADLINE = re.compile(r"^\s*\d{1,2}[.)]\s+\S")
LIST_HEADLINE_MAX_WORDS = 14

# Several interface words on one line, set apart by wide spaces or bullets ("Menu  Search  Sign in").
UI_SEPARATOR = re.compile(r"\s{2,}|\s*[•·|]\s*")

# Photo credits at the end of a caption: "(AP)", "( AFP )", "(Name/Agency)", "(Photo: ...)",
# "(Getty Images)". Content that is a short all-caps agency code, holds a slash, or names the image.
# No period may follow: "(via video link)." closes a sentence, a credit closes a caption line.
CREDIT_AT_END = re.compile(r"\(\s*([^()]{1,120}?)\s*\)\s*$")
# "Name/Agency", "REUTERS/Name / Reuters": a capitalised word on the left of a slash.
CREDIT_SLASH = re.compile(r"^[A-Z][\w.'’ -]*/\s*[A-Za-z]")
CREDIT_WORDS = re.compile(
    r"\b(?:photo|photos|photograph|image|images|picture|pic|file|credit|getty|pool|via|courtesy|"
    r"handout|screengrab|screenshot|illustration|graphic|video grab|afp|reuters|ap|epa)\b",
    re.IGNORECASE,
)
AGENCY_CODE = re.compile(r"^[A-Z][A-Z&.\- ]{1,15}$")
# A line that starts with a credit label ("Photo: Name/Agency").
CREDIT_LABEL_LINE = re.compile(r"^[\W_]*(?:photo|image|picture|photograph|credit)s?\s*:", re.IGNORECASE)

# Conservative guard: a line of this many words that ends like a sentence is article text.
SENTENCE_MIN_WORDS = 12
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")

# Related headlines dropped into the body are set in capitals.
CAPS_MIN_RATIO = 0.7
CAPS_MIN_WORDS = 3

# Lines longer than this are never headlines, names or badges.
SHORT_LINE_CHARS = 200
# An image's alt text shown above its caption is short.
ALT_TEXT_MAX_WORDS = 25


@dataclass(frozen=True)
class _Line:
    index: int
    start: int
    end: int
    text: str
    """The line without surrounding whitespace; start/end are its offsets in the article."""

    words: list[str]


def _lines(text: str) -> Iterator[_Line]:
    """Non-blank lines with the offsets of their stripped content."""
    pos = 0
    index = 0
    length = len(text)
    while pos <= length:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = length
        raw = text[pos:nl]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            yield _Line(index, start, start + len(stripped), stripped, stripped.split())
            index += 1
        pos = nl + 1


def _is_sentence(line: _Line) -> bool:
    return len(line.words) >= SENTENCE_MIN_WORDS and bool(SENTENCE_END.search(line.text))


def _caps_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isupper()) / len(letters)


def _is_credit(content: str) -> bool:
    if AGENCY_CODE.match(content):
        return True
    if CREDIT_SLASH.match(content) and len(content.split()) <= 12:
        return True
    return bool(CREDIT_WORDS.search(content)) and len(content.split()) <= 12


def is_caption_line(text: str) -> bool:
    """True where a line ends with (or is only) a photo credit in parentheses, or starts "Photo:"."""
    if CREDIT_LABEL_LINE.match(text) and len(text) < SHORT_LINE_CHARS:
        return True
    match = CREDIT_AT_END.search(text)
    return match is not None and _is_credit(match.group(1))


def _is_strong_furniture(line: _Line) -> bool:
    """Patterns that mark a line whatever its position, including the first line."""
    text = line.text
    if PROMO_LINE.match(text) or LINK_LABEL_LINE.match(text) or WIRE_CREDIT.match(text):
        return True
    short = len(text) < SHORT_LINE_CHARS
    # Copyright and contact lines may be full sentences; their opening or an address gives them away.
    if short and (re.match(r"^[\W_]*(?:©|copyright\b)", text, re.IGNORECASE) or EMAIL.search(text)):
        return True
    if short and PROMO_ANYWHERE.search(text):
        return True
    if _is_sentence(line):
        return False
    parts = [p for p in UI_SEPARATOR.split(text) if p.strip()]
    if len(parts) >= 2 and all(UI_LINE.match(p) for p in parts):
        return True
    if (
        LIST_HEADLINE.match(text)
        and len(line.words) <= LIST_HEADLINE_MAX_WORDS
        and not SENTENCE_END.search(text)
    ):
        return True
    if not any(c.isalnum() for c in text):
        return True
    if UI_LINE.match(text):
        return True
    if short and len(line.words) <= 8 and READ_TIME.search(text):
        return True
    if short and ((len(line.words) <= 12 and TIMESTAMP_LINE.match(text)) or AGO_BADGE.match(text)):
        return True
    if short and COPYRIGHT_LINE.search(text):
        return True
    if len(line.words) <= FOOTER_MAX_WORDS and FOOTER_LINE.search(text) and not SENTENCE_END.search(text):
        return True
    if short and len(line.words) <= 10 and BYLINE.match(text) and not SENTENCE_END.search(text):
        return True
    if short and _is_dateline(text):
        return True
    return short and _is_section_line(text)


def _is_dateline(text: str) -> bool:
    """A line that is a date with at most a few other words (weekday, place, time)."""
    values, _ = find_temporal(text, None)
    dates = [v for v in values if v.kind == "date" and v.unit == "day"]
    if not dates:
        return False
    rest = (text[: dates[0].start] + " " + text[dates[0].end :]).split()
    return len(rest) <= 4 and not SENTENCE_END.search(text)


def _is_section_line(text: str) -> bool:
    """ "Outlet | Section" or "Outlet / world": short parts joined by separators, no sentence."""
    if SENTENCE_END.search(text):
        return False
    parts = [p.strip() for p in SECTION_SEPARATOR.split(text)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return False
    return all(len(p.split()) <= 5 for p in parts)


def _is_name_line(line: _Line) -> bool:
    text = line.text
    if NAME_LINE.match(text):
        return True
    words = line.words
    half = len(words) // 2
    # "Jane Doe Jane Doe": a name printed twice by a copied author box.
    return len(words) % 2 == 0 and 2 <= len(words) <= 8 and words[:half] == words[half:]


def _is_caps_headline(line: _Line) -> bool:
    return (
        len(line.words) >= CAPS_MIN_WORDS
        and _caps_ratio(line.text) >= CAPS_MIN_RATIO
        and not _is_sentence(line)
        and len(line.text) < SHORT_LINE_CHARS
    )


def _norm(text: str) -> str:
    return " ".join(text.split())


def _word_set(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def _is_alt_text_for(alt: _Line, caption: _Line) -> bool:
    """Alt text shown above a caption: short, unpunctuated, and made of the caption's words."""
    if len(alt.words) > ALT_TEXT_MAX_WORDS or SENTENCE_END.search(alt.text):
        return False
    if _norm(caption.text).lower().startswith(_norm(alt.text).lower()):
        return True
    alt_words = _word_set(alt.text)
    if len(alt_words) < 2:
        return False
    shared = alt_words & _word_set(caption.text)
    return len(shared) / len(alt_words) >= 0.8


def _is_lowercase_alt(line: _Line) -> bool:
    text = line.text
    return (
        any(c.isalpha() for c in text)
        and text == text.lower()
        and len(line.words) <= ALT_TEXT_MAX_WORDS
        and not re.search(r"[.!?:;]$", text)
    )


def find_furniture(text: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Return (furniture spans, caption spans) of a decoded article text, one span per line."""
    lines = list(_lines(text))
    furniture = [False] * len(lines)
    caption = [False] * len(lines)

    for i, line in enumerate(lines):
        furniture[i] = _is_strong_furniture(line)
        caption[i] = is_caption_line(line.text)

    # The first line that is not plain furniture is the headline: claims may come from it.
    title = next((i for i in range(len(lines)) if not furniture[i] and not caption[i]), None)

    seen: set[str] = set()
    for i, line in enumerate(lines):
        key = _norm(line.text)
        if key in seen:
            # Duplicated headlines, menus and captions: the first copy is enough.
            furniture[i] = True
            continue
        seen.add(key)
        if furniture[i] or caption[i] or i == title:
            continue
        if _is_sentence(line) or len(line.text) >= SHORT_LINE_CHARS:
            continue
        if _is_name_line(line) or _is_caps_headline(line):
            furniture[i] = True

    # Image alt text around captions: mixed-case alt text repeating the caption's words belongs
    # to the caption; all-lowercase alt text (a file-ish label) is furniture.
    for i, line in enumerate(lines):
        if not caption[i]:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(lines) or caption[j] or furniture[j] or j == title:
                continue
            if _is_lowercase_alt(lines[j]):
                furniture[j] = True
            elif j == i - 1 and _is_alt_text_for(lines[j], line):
                caption[j] = True

    # A short label next to furniture that it is part of ("Outlet" above "Outlet 2 min read").
    for i, line in enumerate(lines):
        if furniture[i] or caption[i] or i == title or len(line.words) > 4:
            continue
        if SENTENCE_END.search(line.text):
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and furniture[j] and line.text in lines[j].text:
                furniture[i] = True
                break

    spans = [Span(line.start, line.end) for i, line in enumerate(lines) if furniture[i]]
    for i, line in enumerate(lines):
        dateline = DATELINE.match(line.text)
        if dateline and not furniture[i] and i != title and len(line.text) > dateline.end():
            # The body's opening dateline: the fact begins after it.
            spans.append(Span(line.start, line.start + dateline.end()))
    furniture_spans = tuple(sorted(spans))
    caption_spans = tuple(
        Span(line.start, line.end) for i, line in enumerate(lines) if caption[i] and not furniture[i]
    )
    return furniture_spans, caption_spans
