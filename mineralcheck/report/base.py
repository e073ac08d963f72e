"""The Renderer interface, and the presentation helpers every renderer shares (never verdict logic)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal, Protocol, runtime_checkable

from mineralcheck.models import Article, Claim, Fact, Report, SourceId
from mineralcheck.report.selection import EVERYTHING, Selection, shown

Cell = Literal["agrees", "diverges", "silent"]
"""A source's stance on a multi-source fact, as shown in the facts x sources matrix."""

LONG_EVIDENCE = 200
"""Evidence longer than this (in characters) is folded away where the format allows it."""


@runtime_checkable
class Renderer(Protocol):
    """Turns a Report into text. Renderers read verdicts and reasons; they never recompute them."""

    def render(self, report: Report, selection: Selection = EVERYTHING) -> str:
        """The report as one string (no colour), ending with a newline: the facts `selection` keeps."""
        ...


def summary_line(report: Report) -> str:
    """ "5 sources, 12 facts: 4 agree, 2 diverge, 6 single" (always the whole report)."""
    counts = report.counts()
    return (
        f"{_plural(len(report.articles), 'source')}, {_plural(len(report.facts), 'fact')}: "
        f"{counts['agree']} agree, {counts['diverge']} diverge, {counts['single']} single"
    )


def selection_line(report: Report, selection: Selection) -> str:
    """ "showing 2 of 12 facts (only diverge)" when filters leave facts out, else ""."""
    if not selection.filtered:
        return ""
    count = len(shown(report, selection))
    return f"showing {count} of {_plural(len(report.facts), 'fact')} ({selection.describe()})"


def facts_by_verdict(
    report: Report, selection: Selection = EVERYTHING
) -> tuple[tuple[Fact, ...], tuple[Fact, ...], tuple[Fact, ...]]:
    """(divergences, agreements, singles) that `selection` keeps, each in the report's order."""
    facts = shown(report, selection)
    return (
        tuple(f for f in facts if f.verdict == "diverge"),
        tuple(f for f in facts if f.verdict == "agree"),
        tuple(f for f in facts if f.verdict == "single"),
    )


def ordered_facts(report: Report, selection: Selection = EVERYTHING) -> tuple[Fact, ...]:
    """The facts shown, divergences first, then agreements, then single-source facts."""
    diverge, agree, single = facts_by_verdict(report, selection)
    return diverge + agree + single


def matrix_facts(report: Report, selection: Selection = EVERYTHING) -> tuple[Fact, ...]:
    """The rows of the facts x sources matrix: the facts shown that two or more sources state."""
    diverge, agree, _ = facts_by_verdict(report, selection)
    return diverge + agree


def matrix_cell(fact: Fact, source: SourceId) -> Cell:
    """What `source` says about `fact`: silent when it has no claim in the cluster."""
    if source not in fact.cluster.sources:
        return "silent"
    if source in fact.diverging_sources:
        return "diverges"
    return "agrees"


Labels = Mapping[SourceId, str]
"""What a reader calls each source (see source_labels)."""


def source_labels(articles: Iterable[Article]) -> dict[SourceId, str]:
    """Each source by its outlet; "outlet (id)" where several articles come from one outlet."""
    articles = tuple(articles)
    count: dict[str, int] = {}
    for article in articles:
        outlet = article.outlet or article.id
        count[outlet] = count.get(outlet, 0) + 1
    labels: dict[SourceId, str] = {}
    for article in articles:
        outlet = article.outlet or article.id
        labels[article.id] = (
            outlet if count[outlet] == 1 or outlet == article.id else f"{outlet} ({article.id})"
        )
    return labels


def named(sources: Iterable[SourceId], labels: Labels) -> str:
    """ "harbourpost.example, lakeport.example": sources by their labels, in the given order."""
    return ", ".join(labels.get(s, s) for s in sources)


def readable(text: str, labels: Labels) -> str:
    """A reason's text with the source ids it lists ("(a, b)") written as the sources' labels."""
    if not any(label != source for source, label in labels.items()):
        return text
    ids = "|".join(re.escape(s) for s in sorted(labels, key=len, reverse=True))
    return re.sub(rf"(?<=[(\s,])(?:{ids})(?=[,)])", lambda m: labels[SourceId(m.group(0))], text)


def copy_sentences(report: Report, labels: Labels) -> list[str]:
    """ "lakeport.example and valleynews.example run one text", for each group of copies of one text."""
    return [f"{_and(labels.get(s, s) for s in group.sources)} run one text" for group in report.copies]


def one_voice(report: Report, fact: Fact) -> bool:
    """A fact that several sources state, all of them copies of one text: one voice, not an agreement."""
    return fact.verdict != "single" and report.voices(fact) == 1


def voice_note(report: Report, fact: Fact, labels: Labels) -> str:
    """ "lakeport.example and valleynews.example run one text" for a fact of one voice, else ""."""
    if not one_voice(report, fact):
        return ""
    return f"{_and(labels.get(s, s) for s in fact.cluster.sources)} run one text"


def _and(names: Iterable[str]) -> str:
    listed = list(names)
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]


def published(article: Article) -> str:
    """ "2024-02-24 03:58", "2024-02-24" or "" when no date is known."""
    if article.date is None:
        return ""
    if article.time is None:
        return article.date.isoformat()
    return f"{article.date.isoformat()} {article.time.isoformat(timespec='minutes')}"


def location(claim: Claim, labels: Labels | None = None) -> str:
    """Where a claim's evidence is: "harbourpost.example:6" (the line of the file the user opens)."""
    name = labels.get(claim.source, claim.source) if labels else claim.source
    return f"{name}:{claim.line}"


def truncate(text: str, width: int) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: max(width - 1, 0)].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
