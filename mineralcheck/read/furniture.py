"""Find page furniture (menus, promos, bylines, related links, footers) and photo captions in web-copied news.

Three readings of each line, as a careful reader makes them:
1. what is furniture on any page, whatever its place: interface words, promos, bylines, credits,
   time stamps (furniture_lines, captions), and a line that is only the outlet's name;
2. what the rest is, judged by the furniture model (furniture_model) on the line's shape, place and
   neighbours (line_features), with weights learned from the development events' golds;
3. what a content line holds that is not the article's: a dateline, a photo credit, a link label
   (furniture_inline). A line that repeats an earlier one adds nothing, and goes too.
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
    run_on_caption,
    trailing_credit,
)
from mineralcheck.read.furniture_inline import dateline_span, inline_spans
from mineralcheck.read.furniture_lines import SENTENCE_SPLIT, is_furniture_line
from mineralcheck.read.furniture_model import FurnitureModel, shipped_model
from mineralcheck.read.line_features import PageView, after_marker, is_prose, key, norm, page_features
from mineralcheck.read.line_shape import SENTENCE_END, Line, is_label, is_sentence

# An image's alt text shown above its caption is short.
ALT_TEXT_MAX_WORDS = 25
# Host name parts that are not the outlet's name ("www.", "news.", "edition.").
HOST_PARTS_NOT_NAMES = frozenset("www m amp mobile news edition en english".split())
NAME_MIN_CHARS = 4


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


def name_keys(names: Sequence[str]) -> frozenset[str]:
    """Keys of the outlet's names: each name as given, and each distinctive part of a host name."""
    keys: set[str] = set()
    for name in names:
        if not name:
            continue
        keys.add(key(name))
        if "." in name and " " not in name:
            parts = name.lower().split(".")[:-1]  # the last part is the top-level domain
            keys.update(key(p) for p in parts if p not in HOST_PARTS_NOT_NAMES)
    return frozenset(k for k in keys if len(k) >= NAME_MIN_CHARS)


class _Page:
    """The lines of one article and what each has been found to be."""

    def __init__(self, text: str, names: Sequence[str]) -> None:
        self.lines = list(_lines(text))
        self.names = name_keys(names)
        self.furniture = [is_furniture_line(line) or key(line.text) in self.names for line in self.lines]
        self.caption = [
            not self.furniture[i] and is_caption_line(line.text) and not self._prose_with_credit(i)
            for i, line in enumerate(self.lines)
        ]

    def _prose_with_credit(self, i: int) -> bool:
        """A paragraph that only ends like a caption: wrapped prose whose sentence goes on in the next
        line ("... the river banks. Many" / "stayed with relatives."), or a paragraph that a
        photo's caption runs on ("... to Parliament. Region Premier Jane Doe(AGENCY)")."""
        following = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        if following[:1].islower():
            return True
        return run_on_caption(self.lines[i].text) is not None

    def content(self, i: int) -> bool:
        return not self.furniture[i] and not self.caption[i]

    def first_content(self) -> int | None:
        return next((i for i in range(len(self.lines)) if self.content(i)), None)

    def view(self) -> PageView:
        return PageView(self.lines, tuple(self.furniture), tuple(self.caption), tuple(self._judged()))

    def _judged(self) -> list[bool]:
        """The lines the model judges: no pattern has marked them, they are not full sentences, and
        they do not repeat a line above (a repeat goes anyway)."""
        out = []
        seen: set[str] = set()
        for line, marked in zip(self.lines, self.furniture, strict=True):
            text = norm(line.text)
            out.append(not marked and not is_prose(line) and text not in seen)
            seen.add(text)
        return out


def find_furniture(
    text: str, names: Sequence[str] = (), model: FurnitureModel | None = None
) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Return (furniture spans, caption spans) of a decoded article text.

    `names` are what the outlet is called (its name, its URL's host): a line that is only that name
    is its logo. `model` decides the lines that no pattern settles (default: the shipped one).
    Furniture is one span per line, except what furniture_inline cuts out of a content line."""
    page = _marked_page(text, names)
    decide = model or shipped_model()
    view = page.view()
    for i, row in enumerate(page_features(view)):
        if view.judged[i] and decide.is_furniture(row):
            page.furniture[i], page.caption[i] = True, False
    _mark_repeats(page)
    _mark_name_captions(page)
    return _spans(page)


def _marked_page(text: str, names: Sequence[str] = ()) -> _Page:
    """The page with what the patterns of furniture on any page mark (before the model)."""
    page = _Page(text, names)
    _mark_standalone_credits(page)
    _mark_alt_text(page, page.first_content())
    _mark_link_lists(page)
    return page


def page_view(text: str, names: Sequence[str] = ()) -> PageView:
    """What the furniture model reads of a page (bench/fit_furniture.py fits on it)."""
    return _marked_page(text, names).view()


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


def _mark_alt_text(page: _Page, title: int | None) -> None:
    """Image alt text and titles around captions: mixed-case alt text repeating the caption's words
    belongs to the caption; all-lowercase alt text (a file-ish label) is furniture, and so is any
    other short line right above a credited caption (the image's title: "Crowds At The Polls")."""
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
            elif j == i - 1 and _is_image_title(lines[j]) and trailing_credit(line.text) is not None:
                page.furniture[j] = True


def _mark_link_lists(page: _Page) -> None:
    """After "Previous Story", "Related", "More stories": the lines up to the article going on (a
    full sentence) are links to other stories, a teaser cut by "..." included."""
    for i, listed in enumerate(after_marker(page.lines)):
        if listed and not page.furniture[i]:
            page.furniture[i], page.caption[i] = True, False


def _mark_repeats(page: _Page) -> None:
    """A line that repeats an earlier one (a headline printed twice, a menu, a caption): the first
    copy is enough."""
    seen: set[str] = set()
    for i, line in enumerate(page.lines):
        text = norm(line.text)
        if text in seen:
            page.furniture[i], page.caption[i] = True, False
        seen.add(text)


def _mark_name_captions(page: _Page) -> None:
    """A caption that only names what is pictured ("Region Governor Jane Doe (Agency)") states no fact."""
    for i, line in enumerate(page.lines):
        if not page.caption[i]:
            continue
        credit = trailing_credit(line.text)
        rest = line.text[: credit[0]].strip() if credit else line.text
        if rest and is_label(Line(line.index, line.start, line.start + len(rest), rest, rest.split())):
            page.furniture[i], page.caption[i] = True, False


def _spans(page: _Page) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    spans = [Span(line.start, line.end) for i, line in enumerate(page.lines) if page.furniture[i]]
    title = page.first_content()
    for i, line in enumerate(page.lines):
        if page.furniture[i]:
            continue
        # (Not in a headline: "VELMORA - Lawmakers ..." may be one; but a first line that is a
        # full sentence is the first paragraph.)
        opening = dateline_span(line.text) if i != title or is_sentence(line) else None
        if opening:
            spans.append(Span(line.start + opening[0], line.start + opening[1]))
        cuts = inline_spans(line.text, caption=page.caption[i])
        spans.extend(Span(line.start + s, line.start + e) for s, e in cuts)
    captions = tuple(
        Span(line.start, line.end)
        for i, line in enumerate(page.lines)
        if page.caption[i] and not page.furniture[i]
    )
    return _merged(spans), captions


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    """Sorted spans, overlapping ones joined (a dateline and a credit inside it are one cut)."""
    out: list[Span] = []
    for span in sorted(spans):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return tuple(out)


def _word_set(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", text)}


def _is_alt_text_for(alt: Line, caption: Line) -> bool:
    """Alt text shown above a caption: short, unpunctuated, and made of the caption's words."""
    if len(alt.words) > ALT_TEXT_MAX_WORDS or SENTENCE_END.search(alt.text):
        return False
    if norm(caption.text).startswith(norm(alt.text)):
        return True
    alt_words = _word_set(alt.text)
    if len(alt_words) < 2:
        return False
    shared = alt_words & _word_set(caption.text)
    return len(shared) / len(alt_words) >= 0.8


def _is_image_title(line: Line) -> bool:
    return len(line.words) <= ALT_TEXT_MAX_WORDS and not SENTENCE_END.search(line.text)


def _is_lowercase_alt(line: Line) -> bool:
    text = line.text
    return (
        any(c.isalpha() for c in text)
        and text == text.lower()
        and len(line.words) <= ALT_TEXT_MAX_WORDS
        and not re.search(r"[.!?:;]$", text)
    )
