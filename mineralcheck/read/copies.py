"""Articles that run one text: a wire story re-run by several outlets with small edits and their own
page furniture. Their agreement is one voice, not several.

Two articles are copies when the shorter one's text is largely made of runs of words the other prints
too: the share of its SHINGLE-word runs (outside furniture and captions) found in the other. Outlets
that quote one statement or rewrite one agency story share a few runs; a re-run shares most. The
threshold and the table it rests on are in COPY_SHARE. Exact duplicates never get here: ingest counts
a file whose text repeats another's once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from mineralcheck.models import Article, CopyGroup, Span

SHINGLE = 8
"""Words per run: eight words in a row are seldom shared by chance, even by two outlets quoting one
statement (a quote is shorter, or is one run among many of the story)."""

COPY_SHARE = 0.3
"""Share of the shorter text's runs that the other must print. On the seeds and the eight development
events (`python bench/copies.py` prints the table): the one pair that runs one text (an agency story
re-run by two outlets) shares 0.54; the most any other pair shares is 0.13 (two outlets quoting one
letter at length), then 0.11 and below (agency copy rewritten, quotes). 0.3 lies between the two,
near their geometric mean (0.26), rounded up: a shorter text must print a third of its runs."""

MIN_RUNS = 20
"""A text of fewer runs (a caption, a stub) is too short to call a copy."""

_WORD = re.compile(r"\w+")


def find_copies(articles: Sequence[Article]) -> tuple[CopyGroup, ...]:
    """The groups of articles that run one text, each group's sources in the articles' order."""
    texts = [runs(a) for a in articles]
    parent = list(range(len(articles)))
    shares: dict[tuple[int, int], float] = {}
    for i, j in combinations(range(len(articles)), 2):
        share = copy_share(texts[i], texts[j])
        if share >= COPY_SHARE:
            shares[i, j] = share
            parent[_root(parent, j)] = _root(parent, i)
    groups: dict[int, list[int]] = {}
    for k in range(len(articles)):
        groups.setdefault(_root(parent, k), []).append(k)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        linked = [s for (i, j), s in shares.items() if i in members and j in members]
        out.append(CopyGroup(tuple(articles[k].id for k in members), round(min(linked), 3)))
    return tuple(sorted(out, key=lambda g: [a.id for a in articles].index(g.sources[0])))


def copy_share(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Share of the smaller set of runs found in the other; 0 when either text is too short."""
    if min(len(a), len(b)) < MIN_RUNS:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small)


def runs(article: Article) -> frozenset[tuple[str, ...]]:
    """The article's runs of SHINGLE words, lower case, outside its furniture and captions."""
    out: set[tuple[str, ...]] = set()
    for start, end in _blocks(len(article.text), (*article.furniture, *article.captions)):
        words = _WORD.findall(article.text[start:end].lower())
        out.update(tuple(words[k : k + SHINGLE]) for k in range(len(words) - SHINGLE + 1))
    return frozenset(out)


def _blocks(length: int, cut: Sequence[Span]) -> list[tuple[int, int]]:
    """The stretches of the text between the spans cut out of it: a run never bridges furniture."""
    out = []
    pos = 0
    for span in sorted(cut):
        if span.start > pos:
            out.append((pos, span.start))
        pos = max(pos, span.end)
    if pos < length:
        out.append((pos, length))
    return out


def _root(parent: list[int], k: int) -> int:
    while parent[k] != k:
        parent[k] = parent[parent[k]]
        k = parent[k]
    return k
