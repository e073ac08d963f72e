"""The words of a sentence as the value readers see them: number, word and symbol tokens with their
offsets, phrases matched on them, and the number core a figure is built around."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Digits are ASCII only on purpose: float() accepts other scripts' digits, but news figures we
# compare are written with 0-9, and this keeps arbitrary Unicode from turning into numbers.
_TOKEN_RE = re.compile(
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)"
    r"|(?P<sym>\S)"
)


@dataclass(frozen=True)
class Tok:
    """A number, word or symbol of the text, with its offsets."""

    kind: str  # "num" | "word" | "sym"
    text: str
    low: str  # lower-cased text
    start: int
    end: int


def tokenize(text: str) -> list[Tok]:
    """Split text into number, word and symbol tokens with offsets."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "sym"
        out.append(Tok(kind, m.group(), m.group().lower(), m.start(), m.end()))
    return out


def words_at(toks: Sequence[Tok], i: int, n: int) -> tuple[str, ...] | None:
    """The lower-cased words of tokens i..i+n, None when they run off either end."""
    if i < 0 or i + n > len(toks):
        return None
    return tuple(t.low for t in toks[i : i + n])


def match_after(toks: Sequence[Tok], i: int, phrases: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Longest phrase of `phrases` (sorted longest first) starting at token i."""
    for p in phrases:
        if words_at(toks, i, len(p)) == p:
            return p
    return None


def match_before(toks: Sequence[Tok], j: int, phrases: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Longest phrase of `phrases` (sorted longest first) ending right before token j."""
    for p in phrases:
        if words_at(toks, j - len(p), len(p)) == p:
            return p
    return None


def adjacent(a: Tok, b: Tok) -> bool:
    """b is written right after a, with nothing between them."""
    return a.end == b.start


def gap_ok(text: str, a: Tok, b: Tok) -> bool:
    """b follows a with nothing but spaces (no newline, no punctuation) between them."""
    gap = text[a.end : b.start]
    return len(gap) <= 2 and (gap == "" or gap.isspace()) and "\n" not in gap


@dataclass
class Core:
    """A number before comparators and units are applied: tokens [i, j)."""

    i: int
    j: int
    low: float
    high: float
    unit: float  # precision unit of the written figure
    ordinal: bool = False
    vague: bool = False
    words: bool = False  # written in words
