"""Saved web pages, read like a browser's reader view: trafilatura's main text, the page's title,
site name, URL and date (htmldate), and each character of the text traced to its line in the file.

Nothing is fetched and no script runs: both libraries work on the parsed page only.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from mineralcheck.read.outlets import SourceMeta, clean_title, to_date_time

# Elements whose text a reader never sees in the page body.
_HIDDEN = frozenset({"head", "script", "style", "noscript", "template", "title", "svg", "iframe", "object"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# Metadata that carries the publication time, not only the day (htmldate returns days).
_TIME_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "date",
)
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_WORD = re.compile(r"\w+")
# How far (in words of the page) a short, common word may be looked for; long words may be anywhere.
_SHORT_WORD_WINDOW = 40


@dataclass(frozen=True)
class WebPage:
    """The readable article of a saved web page."""

    text: str
    """Main text, one paragraph a line; "" when the page has none."""
    meta: SourceMeta
    """Title, site name (as the outlet), canonical URL and publication date from the page's metadata."""
    line_map: tuple[tuple[int, int], ...]
    """(offset in text, line in the HTML) wherever the line changes; see Article.line_map."""


def read_webpage(html: str) -> WebPage:
    """The article of a saved page; an empty text when trafilatura finds no main content."""
    import trafilatura  # imported here: plain-text runs never pay for it (~0.4 s)
    from trafilatura.utils import load_html

    # Both libraries log what they could not find; with no handler Python would print it on stderr.
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).addHandler(logging.NullHandler())

    tree = load_html(html)
    if tree is None:
        return WebPage("", SourceMeta(), ())
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, include_images=False, deduplicate=False
    )
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return WebPage(text, _metadata(tree), line_map(html, text))


def _metadata(tree: Any) -> SourceMeta:
    from trafilatura import extract_metadata

    # extensive_search=False: the date must come from the page's markup or URL, never from a date
    # somewhere in its text (that is an event's date more often than the article's).
    found = extract_metadata(tree, date_config={"extensive_search": False, "original_date": True})
    day = dt.date.fromisoformat(found.date) if found.date else None
    url = found.url if found.url and found.url.lower().startswith(("http://", "https://")) else None
    return SourceMeta(
        outlet=clean_title(found.sitename),
        url=url,
        title=clean_title(found.title),
        date=day,
        time=_published_time(tree, day) if day else None,
    )


def _published_time(tree: Any, day: dt.date) -> dt.time | None:
    """The time of day of the publication metadata, where it is stated for the same day htmldate found."""
    stamps: list[str] = []
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        if key in _TIME_META and element.get("content"):
            stamps.append(element.get("content"))
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            stamps += _JSON_LD_PUBLISHED.findall(script.text)
    for element in tree.iter("time"):
        if element.get("datetime"):
            stamps.append(element.get("datetime"))
    for stamp in stamps:
        when, clock = to_date_time(stamp.strip())
        if when == day and clock is not None:
            return clock
    return None


# --- tracing the text back to the file ----------------------------------------------------------


class _VisibleText(HTMLParser):
    """The text nodes a reader can see, each with the line of the file it starts on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[tuple[int, str]] = []
        self._hidden: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._hidden:
            while self._hidden and self._hidden.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.chunks.append((self.getpos()[0], data))


def line_map(html: str, text: str) -> tuple[tuple[int, int], ...]:
    """(offset in `text`, line of `html`) wherever the line changes.

    Each line of the text is looked for in the page's visible text, whitespace collapsed, after the
    previous one; a line that the extractor reworded (tables, odd spacing) is placed word by word.
    A character that cannot be placed keeps the line of the character before it.
    """
    parser = _VisibleText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - a broken page still has text; lines are best effort
        pass
    stream, stream_lines, boundaries = _collapse(parser.chunks)
    word_starts, words = _words(stream, stream_lines, boundaries)
    lines = [1] * len(text)
    cursor = 0
    last = 1
    pos = 0
    for raw in text.split("\n"):
        found, cursor, last = _place_line(raw, stream, stream_lines, words, word_starts, cursor, last)
        lines[pos : pos + len(raw)] = found
        if pos + len(raw) < len(text):
            lines[pos + len(raw)] = found[-1] if found else last
        pos += len(raw) + 1
    out: list[tuple[int, int]] = []
    for offset, line in enumerate(lines):
        if not out or out[-1][1] != line:
            out.append((offset, line))
    return tuple(out) or ((0, 1),)


def _collapse(chunks: list[tuple[int, str]]) -> tuple[str, list[int], list[int]]:
    """The visible text with every run of whitespace as one space, the file line of each character,
    and where each text node starts (cells of a table touch: "Rescued</th><th>Missing")."""
    out: list[str] = []
    lines: list[int] = []
    starts: list[int] = []
    space = True
    for start_line, data in chunks:
        starts.append(len(out))
        line = start_line
        for char in data:
            if char.isspace():
                if not space:
                    out.append(" ")
                    lines.append(line)
                    space = True
                if char == "\n":
                    line += 1
                continue
            out.append(char)
            lines.append(line)
            space = False
    return "".join(out), lines, starts


def _words(stream: str, lines: list[int], boundaries: list[int]) -> tuple[list[int], list[tuple[str, int]]]:
    """Start offsets and (lower-cased word, file line) of the stream's words; no word spans two nodes."""
    starts: list[int] = []
    words: list[tuple[str, int]] = []
    for match in _WORD.finditer(stream):
        cuts = boundaries[bisect_right(boundaries, match.start()) : bisect_left(boundaries, match.end())]
        edges = [match.start(), *cuts, match.end()]
        for begin, end in zip(edges, edges[1:], strict=False):
            starts.append(begin)
            words.append((stream[begin:end].lower(), lines[begin]))
    return starts, words


def _place_line(
    raw: str,
    stream: str,
    stream_lines: list[int],
    words: list[tuple[str, int]],
    word_starts: list[int],
    cursor: int,
    last: int,
) -> tuple[list[int], int, int]:
    """File lines of each character of one text line; the new stream cursor and last line."""
    collapsed, index = _collapse_line(raw)
    if not collapsed:
        return [last] * len(raw), cursor, last
    at = stream.find(collapsed, cursor)
    if at < 0:
        at = stream.find(collapsed)
    if at >= 0:
        found = [stream_lines[at + index[k]] for k in range(len(raw))]
        return found, at + len(collapsed), found[-1]
    return _place_words(raw, words, word_starts, cursor, last)


def _collapse_line(raw: str) -> tuple[str, list[int]]:
    """`raw` stripped with whitespace runs as one space, and for each character of raw its index there."""
    out: list[str] = []
    index: list[int] = []
    space = True
    for char in raw:
        if char.isspace():
            if not space:
                out.append(" ")
                space = True
            index.append(max(len(out) - 1, 0))
            continue
        index.append(len(out))
        out.append(char)
        space = False
    if out and out[-1] == " ":
        out.pop()
    top = max(len(out) - 1, 0)
    return "".join(out), [min(i, top) for i in index]


def _place_words(
    raw: str, words: list[tuple[str, int]], word_starts: list[int], cursor: int, last: int
) -> tuple[list[int], int, int]:
    """Place a reworded line word by word, each word after the previous one in the page."""
    found = [last] * len(raw)
    # The cursor is a character offset in the stream; continue from the first word at or after it.
    w = bisect_left(word_starts, cursor)
    current = last
    pos = 0
    for match in _WORD.finditer(raw):
        word = match.group(0).lower()
        limit = len(words) if len(word) > 3 else min(len(words), w + _SHORT_WORD_WINDOW)
        hit = next((k for k in range(w, limit) if words[k][0] == word), None)
        if hit is not None:
            for k in range(pos, match.start()):
                found[k] = current
            current = words[hit][1]
            w = hit + 1
            pos = match.start()
    for k in range(pos, len(raw)):
        found[k] = current
    new_cursor = word_starts[w - 1] + 1 if 0 < w <= len(word_starts) else cursor
    return found, new_cursor, current
