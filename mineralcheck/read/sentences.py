"""Article -> sentences with exact character offsets, furniture skipped, captions flagged."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from mineralcheck.models import Article, Sentence, Span

# pysbd slows down sharply on very long blocks (its rules are regexes over the whole block);
# cutting at whitespace near this size keeps it linear at the cost of a rare split sentence.
MAX_BLOCK_CHARS = 5000
# How far back from the limit a cut looks for whitespace (a sentence end is preferred).
CUT_SEARCH_CHARS = 1000

_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s")
_WHITESPACE = re.compile(r"\s")
# A piece that is only a parenthesised remark, e.g. a photo credit pysbd split off its caption.
_PARENTHESISED = re.compile(r"^\([^()]*\)[.]?$")


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd  # imported here: building the segmenter compiles many rules
    from pysbd.utils import TextSpan

    class Segmenter(pysbd.Segmenter):  # type: ignore[misc]
        """pysbd's segmenter, locating its sentences in the text with str.find instead of a regex.

        pysbd compiles `re.escape(sentence) + r"\\s*"` for every sentence: as costly as the rest of
        segmentation together, and it floods the `re` module's cache, so pysbd's own rules get
        compiled again and again. The spans found are the same (a test compares both).
        """

        def sentences_with_char_spans(self, sentences: list[str]) -> list[Any]:
            spans = []
            prior_end = 0
            for sentence in sentences:
                for start, end in _occurrences(self.original_text, sentence):
                    if end > prior_end:
                        spans.append(TextSpan(self.original_text[start:end], start, end))
                        prior_end = end
                        break
            return spans

    return Segmenter(language="en", clean=False, char_span=True)


def _occurrences(text: str, sentence: str) -> Iterator[tuple[int, int]]:
    """Where `sentence` and the whitespace after it occur, as re.finditer would find them."""
    pos = 0
    while pos <= len(text):
        start = text.find(sentence, pos)
        if start < 0:
            return
        end = start + len(sentence)
        while end < len(text) and text[end].isspace():
            end += 1
        yield start, end
        pos = end if end > start else start + 1  # finditer moves past an empty match


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """The article's sentences outside its furniture; sentences inside captions get is_caption."""
    text = article.text
    captions = sorted(article.captions)
    out: list[Sentence] = []
    for start, end in _blocks(text, sorted(article.furniture)):
        for chunk_start, chunk_end in _chunks(text, start, end):
            for s, e in _sentence_spans(text, chunk_start, chunk_end):
                out.append(
                    Sentence(
                        source=article.id,
                        start=s,
                        end=e,
                        text=text[s:e],
                        is_caption=_inside_any(Span(s, e), captions),
                    )
                )
    return tuple(out)


def _blocks(text: str, furniture: list[Span]) -> Iterator[tuple[int, int]]:
    """Each line, minus any furniture, as (start, end) ranges with content."""
    pos = 0
    length = len(text)
    fi = 0
    while pos < length:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = length
        # Furniture spans are sorted; skip those ending before this line.
        while fi < len(furniture) and furniture[fi].end <= pos:
            fi += 1
        cursor = pos
        j = fi
        while j < len(furniture) and furniture[j].start < nl:
            if furniture[j].start > cursor:
                yield from _nonblank(text, cursor, furniture[j].start)
            cursor = max(cursor, furniture[j].end)
            j += 1
        if cursor < nl:
            yield from _nonblank(text, cursor, nl)
        pos = nl + 1


def _nonblank(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield start + lead, start + lead + len(stripped)


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut a long block near MAX_BLOCK_CHARS, preferably after a sentence end, else at whitespace."""
    while end - start > MAX_BLOCK_CHARS:
        limit = start + MAX_BLOCK_CHARS
        window_start = max(start + 1, limit - CUT_SEARCH_CHARS)
        window = text[window_start:limit]
        cut = None
        breaks = list(_SENTENCE_BREAK.finditer(window))
        if breaks:
            cut = window_start + breaks[-1].end()
        else:
            spaces = [m.start() for m in _WHITESPACE.finditer(window)]
            if spaces:
                cut = window_start + spaces[-1] + 1
        if cut is None:
            cut = limit  # no whitespace at all: a hard cut is the only option
        yield from _nonblank(text, start, cut)
        start = cut
    yield from _nonblank(text, start, end)


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """pysbd sentences of text[start:end], re-found in the text so offsets are exact."""
    return ((start + s, start + e) for s, e in _block_spans(text[start:end]))


@lru_cache(maxsize=16384)
def _block_spans(block: str) -> tuple[tuple[int, int], ...]:
    """pysbd sentences of one block as offsets into it.

    A pure function of the block, cached: wire copies repeat whole paragraphs, and pysbd is slow.
    """
    try:
        pieces = [span.sent for span in _segmenter().segment(block)]
    except Exception:  # noqa: BLE001 - pysbd's regexes can fail on odd input; keep the block whole
        pieces = [block]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        needle = piece.strip()
        if not needle:
            continue
        found = block.find(needle, cursor)
        if found < 0:
            continue  # pysbd altered this piece; the gap check below keeps its text
        if block[cursor:found].strip():
            # Text pysbd dropped or changed: keep it as a sentence so no fact goes missing.
            spans.extend(_nonblank(block, cursor, found))
        if spans and _PARENTHESISED.match(needle):
            # "(AP)" after a caption or "(Reuters)" after a sentence belongs to that sentence.
            spans[-1] = (spans[-1][0], found + len(needle))
        else:
            spans.append((found, found + len(needle)))
        cursor = found + len(needle)
    if block[cursor:].strip():
        spans.extend(_nonblank(block, cursor, len(block)))
    return tuple(spans)


def _inside_any(span: Span, sorted_spans: list[Span]) -> bool:
    """True when span lies within one of the sorted, non-overlapping spans."""
    i = bisect.bisect_right(sorted_spans, Span(span.start, 2**62)) - 1
    for candidate in sorted_spans[max(i, 0) : i + 2]:
        if candidate.start <= span.start and span.end <= candidate.end:
            return True
    return False
