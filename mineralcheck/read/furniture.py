"""Find page furniture (menus, promos, bylines, related links, footers) and photo captions in web-copied news.

A line is judged first on its own (furniture_lines), then by its place on the page: the header above
the first paragraph (outlet name, section, byline, caption label), the body, and the lists of links
to other stories that follow a "Previous Story" or "Related" marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from mineralcheck.models import Span
from mineralcheck.read.captions import (
    CAPTION_MAX_WORDS,
    CREDIT_LABEL_LINE,
    is_caption_line,
    is_standalone_credit,
)
from mineralcheck.read.furniture_lines import (
    SENTENCE_SPLIT,
    is_furniture_line,
    is_name_line,
    is_nav_marker,
    self_promo_sentences,
)
from mineralcheck.read.line_shape import (
    CAPS_MIN_RATIO,
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

# The dateline that opens wire copy: "KATHMANDU, Nov 4 (Reuters) - ", "NEW YORK — ", "TOKYO: ". It dates
# and places the report; the first fact starts after it. A place in capitals of three letters or more
# ("US - China talks" is a headline, not a dateline).
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+)*"
    r"(?:,\s*[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?)?(?:\s*\([^)]{1,40}\))?\s*[-–—:]\s+"
)

# Related headlines dropped into the body are set in capitals.
CAPS_MIN_WORDS = 3
# ... or in title case; a table row ("Jane Roe (Party) 41.8%") has fewer words than a headline.
BODY_HEADLINE_MIN_WORDS = 4
BODY_HEADLINE_MAX_WORDS = 20
# An outlet's name above the headline is short ("Daily Example", "Radio Example - News in English").
LOGO_MAX_WORDS = 4
# A caption label or byline under the headline ("Region Governor, Jane Doe") is short too.
HEADER_LABEL_MAX_WORDS = 5
# A page's header (logo, menus, headline, byline, photo) fits in this many lines; a page without a
# full-sentence paragraph is not all header.
HEADER_MAX_LINES = 40
# An image's alt text shown above its caption is short.
ALT_TEXT_MAX_WORDS = 25
# Host name parts that are not the outlet's name ("www.", "news.", "edition.").
HOST_PARTS_NOT_NAMES = frozenset("www m amp mobile news edition en english".split())
NAME_MIN_CHARS = 4
DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "’": "'", "‘": "'", "“": '"', "”": '"'})


def _lines(text: str) -> Iterator[Line]:
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
            yield Line(index, start, start + len(stripped), stripped, stripped.split())
            index += 1
        pos = nl + 1


def _key(text: str) -> str:
    """Letters and digits only, lower case: "Example Post" and "examplepost.in" share a key."""
    return re.sub(r"[\W_]+", "", text.lower())


def name_keys(names: Sequence[str]) -> frozenset[str]:
    """Keys of the outlet's names: each name as given, and each distinctive part of a host name."""
    keys: set[str] = set()
    for name in names:
        if not name:
            continue
        keys.add(_key(name))
        if "." in name and " " not in name:
            parts = name.lower().split(".")[:-1]  # the last part is the top-level domain
            keys.update(_key(p) for p in parts if p not in HOST_PARTS_NOT_NAMES)
    return frozenset(k for k in keys if len(k) >= NAME_MIN_CHARS)


class _Page:
    """The lines of one article and what each has been found to be."""

    def __init__(self, text: str, names: Sequence[str]) -> None:
        self.lines = list(_lines(text))
        keys = name_keys(names)
        self.furniture = [is_furniture_line(line) or _key(line.text) in keys for line in self.lines]
        self.caption = [
            is_caption_line(line.text) and not f for line, f in zip(self.lines, self.furniture, strict=True)
        ]

    def content(self, i: int) -> bool:
        return not self.furniture[i] and not self.caption[i]

    def first_content(self) -> int | None:
        return next((i for i in range(len(self.lines)) if self.content(i)), None)

    def body_start(self) -> int:
        """The first paragraph: the first content line that is a full sentence."""
        found = (i for i, line in enumerate(self.lines) if self.content(i) and is_sentence(line))
        return next(found, len(self.lines))


def find_furniture(text: str, names: Sequence[str] = ()) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Return (furniture spans, caption spans) of a decoded article text.

    `names` are what the outlet is called (its name, its URL's host): a line that is only that name
    is its logo. Furniture is one span per line, except a dateline or a self-promoting sentence,
    which is cut out of its line."""
    page = _Page(text, names)
    _mark_standalone_credits(page)
    _mark_header(page)
    title = page.first_content()
    _mark_alt_text(page, title)
    _mark_in_context(page, title)
    _mark_link_lists(page)
    _mark_labels_of_furniture(page, title)
    return _spans(page, title)


def _mark_standalone_credits(page: _Page) -> None:
    """A credit on its own line ("/ AFP via Getty Images") is furniture; the line above is its caption."""
    protected = page.first_content()  # the headline, above a photo that has no caption
    for i, line in enumerate(page.lines):
        if page.furniture[i] or not is_standalone_credit(line.text):
            continue
        page.furniture[i], page.caption[i] = True, False
        above = i - 1
        # "Image source, Agency" opens a photo block (its caption follows); a bare credit closes one.
        if above < 0 or above == protected or not page.content(above) or CREDIT_LABEL_LINE.match(line.text):
            continue
        # A caption is one sentence; a paragraph of several is the article's.
        text = page.lines[above].text
        if len(page.lines[above].words) <= CAPTION_MAX_WORDS and not SENTENCE_SPLIT.search(text):
            page.caption[above] = True


def _mark_header(page: _Page) -> None:
    """Above the first paragraph: the outlet's name before the headline; labels after it."""
    body = min(page.body_start(), HEADER_MAX_LINES)
    header = [i for i in range(body) if page.content(i)]
    # Above a headline in sentence case (no period: not a short first paragraph), a short title-case
    # label is the outlet's name or a section: "Daily Example", "WORLD NEWS". Where headlines are in
    # title case too, a short one cannot be told from a name, and both stay.
    headlines = [i for i in header if _is_sentence_case_headline(page.lines[i])]
    last_headline = max(headlines, default=-1)
    for i in header:
        if i < last_headline and _is_logo(page.lines[i]):
            page.furniture[i] = True
    title = page.first_content()
    # After the headline, a short label is a caption label, a byline or a section.
    for i in header:
        line = page.lines[i]
        if title is not None and i > title and is_label(line):
            if title_case_words(line.text)[1] <= HEADER_LABEL_MAX_WORDS:
                page.furniture[i] = True


def _is_sentence_case_headline(line: Line) -> bool:
    return not SENTENCE_END.search(line.text) and not is_title_case(line.text, min_words=1)


def _is_logo(line: Line) -> bool:
    if not is_label(line):
        return False
    counted = title_case_words(line.text)[1]
    # "Radio Example - News in English": a name and a section joined by a dash.
    named_section = re.search(r"\s[-–—]\s", line.text) is not None
    return counted <= LOGO_MAX_WORDS or (named_section and counted <= HEADER_LABEL_MAX_WORDS + 1)


def _mark_in_context(page: _Page, title: int | None) -> None:
    """Repeated lines, names on their own, and other stories' headlines after the last paragraph."""
    paragraphs = [i for i, line in enumerate(page.lines) if page.content(i) and is_sentence(line)]
    last = max(paragraphs, default=len(page.lines))
    seen: set[str] = set()
    for i, line in enumerate(page.lines):
        key = _norm(line.text)
        if key in seen:
            # Duplicated headlines, menus and captions: the first copy is enough.
            page.furniture[i] = True
            continue
        seen.add(key)
        if not page.content(i) or i == title or len(line.text) >= SHORT_LINE_CHARS:
            continue
        if _is_caps_headline(line):
            page.furniture[i] = True
        elif not is_sentence(line) and (is_name_line(line) or (i > last and _is_tail_headline(line))):
            page.furniture[i] = True


def _is_caps_headline(line: Line) -> bool:
    """A headline in capitals, alone or behind a short label ("Our column: BUYERS ARE BACK").

    A long sentence stays content even in capitals: some outlets print whole paragraphs so."""
    label, colon, rest = line.text.partition(": ")
    text = rest if colon and len(label.split()) <= LABEL_MAX_WORDS else line.text
    words = text.split()
    if len(words) >= SENTENCE_MIN_WORDS and SENTENCE_END.search(text):
        return False
    return len(words) >= CAPS_MIN_WORDS and caps_ratio(text) >= CAPS_MIN_RATIO


def _is_tail_headline(line: Line) -> bool:
    """A title-case line below the article: a link to another story, a byline, a section.

    (Inside the body, a title-case line may be a subhead that states a fact, so it stays.)"""
    text = line.text
    if SENTENCE_END.search(text) or text.endswith(":"):
        return False
    counted = title_case_words(text)[1]
    if not BODY_HEADLINE_MIN_WORDS <= counted <= BODY_HEADLINE_MAX_WORDS:
        return is_label(line) and counted >= 2
    return is_title_case(text)


def _mark_link_lists(page: _Page) -> None:
    """After "Previous Story", "Related", "Latest from ...": the short lines that follow are links."""
    in_list = False
    for i, line in enumerate(page.lines):
        if is_nav_marker(line.text):
            page.furniture[i] = True
            in_list = True
            continue
        if not in_list:
            continue
        if SENTENCE_END.search(line.text) or len(line.text) >= SHORT_LINE_CHARS:
            in_list = False  # the article (or a caption) goes on
            continue
        page.furniture[i] = True
        page.caption[i] = False


def _mark_alt_text(page: _Page, title: int | None) -> None:
    """Image alt text around captions: mixed-case alt text repeating the caption's words belongs to
    the caption; all-lowercase alt text (a file-ish label) is furniture."""
    lines = page.lines
    for i, line in enumerate(lines):
        if not page.caption[i]:
            continue  # a repeated caption still has its alt text beside it
        for j in (i - 1, i + 1):
            if not 0 <= j < len(lines) or not page.content(j) or j == title:
                continue
            if _is_lowercase_alt(lines[j]):
                page.furniture[j] = True
            elif j == i - 1 and _is_alt_text_for(lines[j], line):
                page.caption[j] = True


def _mark_labels_of_furniture(page: _Page, title: int | None) -> None:
    """A short label next to furniture that it is part of ("Outlet" above "Outlet 2 min read")."""
    lines = page.lines
    for i, line in enumerate(lines):
        if not page.content(i) or i == title or len(line.words) > 4 or SENTENCE_END.search(line.text):
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and page.furniture[j] and line.text in lines[j].text:
                page.furniture[i] = True
                break


def _spans(page: _Page, title: int | None) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    spans = [Span(line.start, line.end) for i, line in enumerate(page.lines) if page.furniture[i]]
    for i, line in enumerate(page.lines):
        if page.furniture[i]:
            continue
        dateline = DATELINE.match(line.text)
        # (Not in a headline: "WASHINGTON - Lawmakers ..." may be one; but a first line that is a
        # full sentence is the first paragraph.)
        if dateline and (i != title or is_sentence(line)) and len(line.text) > dateline.end():
            # The body's opening dateline: the fact begins after it.
            spans.append(Span(line.start, line.start + dateline.end()))
        spans.extend(Span(line.start + s, line.start + e) for s, e in self_promo_sentences(line.text))
    captions = tuple(
        Span(line.start, line.end)
        for i, line in enumerate(page.lines)
        if page.caption[i] and not page.furniture[i]
    )
    return tuple(sorted(spans)), captions


def _norm(text: str) -> str:
    """Comparison form of a line: case, spacing, dashes and quotes do not make it a new line."""
    return " ".join(text.translate(DASHES).lower().split())


def _word_set(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def _is_alt_text_for(alt: Line, caption: Line) -> bool:
    """Alt text shown above a caption: short, unpunctuated, and made of the caption's words."""
    if len(alt.words) > ALT_TEXT_MAX_WORDS or SENTENCE_END.search(alt.text):
        return False
    if _norm(caption.text).startswith(_norm(alt.text)):
        return True
    alt_words = _word_set(alt.text)
    if len(alt_words) < 2:
        return False
    shared = alt_words & _word_set(caption.text)
    return len(shared) / len(alt_words) >= 0.8


def _is_lowercase_alt(line: Line) -> bool:
    text = line.text
    return (
        any(c.isalpha() for c in text)
        and text == text.lower()
        and len(line.words) <= ALT_TEXT_MAX_WORDS
        and not re.search(r"[.!?:;]$", text)
    )
