"""Clause tokens -> the text a reader is shown: trimmed, tidied where clauses were cut out, quotation
marks in pairs; the evidence stretch; the direct quote a claim makes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mineralcheck.claims.tokens import content_words, join_tokens
from mineralcheck.lexicon.saying import SAYING_FORMS

if TYPE_CHECKING:
    from spacy.tokens import Token

QUOTE_CHARS = '"“”'


def _glued_symbol(tok: Token) -> bool:
    """A closing quote, or a symbol written onto its number ("48.5%"): part of the text, not punctuation."""
    if tok.text in QUOTE_CHARS:
        return True
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and not prev.whitespace_ and tok.text not in ".,;:!?)]}…-–—"


def trim(tokens: Sequence[Token]) -> list[Token]:
    """Drop leading/trailing punctuation, conjunctions and relative markers from a clause."""
    toks = list(tokens)
    while toks and (toks[0].is_punct and toks[0].text not in QUOTE_CHARS or toks[0].dep_ in ("cc", "mark")):
        toks.pop(0)
    while toks and (toks[-1].is_punct and not _glued_symbol(toks[-1]) or toks[-1].dep_ == "cc"):
        toks.pop()
    return toks


def evidence_run(tokens: Sequence[Token], head: Token) -> Sequence[Token]:
    """The contiguous stretch of the clause around its head: the evidence a reader is shown.

    Where a nested clause was cut out of the middle ("X, who did Y, did Z"), the stretch holding the
    head is the evidence of this claim; the other stretch belongs to the nested clause's claim.
    """
    runs: list[list[Token]] = [[tokens[0]]]
    for prev, tok in zip(tokens, tokens[1:], strict=False):
        if tok.i == prev.i + 1 or all(t.is_punct or t.is_space for t in tok.doc[prev.i + 1 : tok.i]):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    chosen = next((r for r in runs if any(t.i == head.i for t in r)), max(runs, key=len))
    chosen = trim(chosen) or chosen
    return chosen if content_words(chosen) >= 2 else tokens


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of text inside quotation marks (curly or straight), quotes excluded."""
    regions: list[tuple[int, int]] = []
    k = 0
    while k < len(text):
        ch = text[k]
        if ch in '“"':
            close = "”" if ch == "“" else '"'
            end = text.find(close, k + 1)
            if end == -1 and ch == "“":
                end = text.find('"', k + 1)
            if end == -1:
                break
            if end - k > 1:
                regions.append((k + 1, end))
            k = end + 1
        else:
            k += 1
    return regions


def quote_of(tokens: Sequence[Token], regions: Sequence[tuple[int, int]]) -> str:
    """The claim's own words that stand inside quotation marks (a direct quote), else ""."""
    inside = [t for t in tokens if not t.is_punct and any(a <= t.idx < b for a, b in regions)]
    if len(inside) < 2:
        return ""
    return join_tokens(inside).strip()


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)”’])")
_REPEATED_COMMA = re.compile(r"(,\s*){2,}")


_EMPTY_QUOTE = re.compile(r"[“\"]\s*[.,;:!?]?\s*[”\"]")
_SAYING_AT_END = re.compile(r"[,\s]+(?:\w+ing|said|says|adding|saying)\s*[.,]?$")


_PAIRS = {"(": ")", "[": "]"}


def _balance_brackets(text: str) -> str:
    """Brackets in pairs, as quotes are: a bracket the cut left open is closed where the text ends
    ("... on Friday (May 9" -> "(May 9)"), and a closing bracket whose opening fell outside the
    clause is dropped ("Wire) - The judge ...")."""
    out: list[str] = []
    opened: list[str] = []
    for ch in text:
        if ch in _PAIRS:
            opened.append(_PAIRS[ch])
        elif ch in _PAIRS.values():
            if not opened or opened[-1] != ch:
                continue
            opened.pop()
        out.append(ch)
    text = "".join(out)
    if opened:
        text = text.rstrip(" ,;:–—-") + "".join(reversed(opened))
    return text


def _balance_quotes(text: str) -> str:
    """Quotation marks in pairs: a quote the clause cut in two is closed where the text ends, and a
    closing mark whose opening belongs to another clause is dropped."""
    text = _EMPTY_QUOTE.sub("", text)
    out: list[str] = []
    open_curly = False
    for ch in text:
        if ch == "“":
            if open_curly:
                continue  # a second opening inside an open quote: the first was never closed
            open_curly = True
        elif ch == "”":
            if not open_curly:
                continue
            open_curly = False
        out.append(ch)
    text = "".join(out)
    if open_curly:
        text = text.rstrip(" ,;:") + "”"
    if text.count('"') % 2:
        text = text[:-1].rstrip() if text.endswith('"') else text.rstrip(" ,;:") + '"'
    return text


def tidy(text: str) -> str:
    """Collapse the stray spaces and commas left where nested clauses were cut out; keep brackets and
    quotation marks in pairs; drop a verb of saying left dangling at the end by a quote cut out."""
    text = " ".join(text.split())
    text = _REPEATED_COMMA.sub(", ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _balance_quotes(_balance_brackets(text)).strip()
    if _SAYING_AT_END.search(text) and text.split()[-1].strip(".,").lower() in SAYING_FORMS:
        text = _SAYING_AT_END.sub("", text)
    return text.strip(" ,;:—–-")
