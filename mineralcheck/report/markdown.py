"""The Markdown report, for a pull-request comment or $GITHUB_STEP_SUMMARY (GitHub-flavoured)."""

from __future__ import annotations

import html
import re
from pathlib import PurePath

from mineralcheck.display import inert_copy, inert_line
from mineralcheck.models import Article, Claim, Fact, KeyFigure, Report, SourceId
from mineralcheck.report.base import (
    LONG_EVIDENCE,
    Cell,
    Labels,
    copy_sentences,
    facts_by_verdict,
    location,
    matrix_cell,
    matrix_facts,
    published,
    readable,
    selection_line,
    source_labels,
    summary_line,
    truncate,
    voice_note,
)
from mineralcheck.report.selection import EVERYTHING, Selection, shown_key_figures

MATRIX_TITLE_WIDTH = 60

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^(#|[-+=]|\d+[.)])")

# Symbols keep the matrix narrow enough for the fact column to stay readable on GitHub.
_CELL_TEXT: dict[Cell, str] = {"agrees": "✓", "diverges": "**✗**", "silent": "·"}


class MarkdownRenderer:
    """Renders a Report as GitHub-flavoured Markdown; same Report, same bytes."""

    def render(self, report: Report, selection: Selection = EVERYTHING) -> str:
        report = inert_copy(report)  # no escape sequence from an article reaches a viewer or terminal
        diverge, agree, single = facts_by_verdict(report, selection)
        labels = source_labels(report.articles)
        parts: list[str] = ["# mineralcheck report", f"**{summary_line(report)}**"]
        if selection.filtered:
            parts.append(f"*{_escape(selection_line(report, selection))}*")
        if report.model:
            parts.append(f"Model: {_code(report.model)}")
        parts += _sources(report, labels)
        copies = copy_sentences(report, labels)
        if copies:
            parts.append("\n".join(f"- {_escape(c)} (one voice)." for c in copies))
        figures = shown_key_figures(report, selection)
        if figures:
            parts += _key_figures(figures, report, labels)
        if diverge:
            parts.append(f"## Divergences ({len(diverge)})")
            for fact in diverge:
                parts += _divergence(fact, labels)
        if agree:
            parts.append(f"## Agreements ({len(agree)})")
            for fact in agree:
                parts += _agreement(fact, labels, voice_note(report, fact, labels))
        parts += _matrix(report, selection, labels)
        if single:
            parts.append(f"## Single-source facts ({len(single)})")
            if selection.lists_singles:
                parts.append("\n".join(_single(c, labels) for f in single for c in f.cluster.claims))
            else:
                parts.append("Each is stated by one source only; list them with `--singles`.")
        if report.skipped:
            parts.append(f"## Skipped inputs ({len(report.skipped)})")
            parts.append("\n".join(f"- {_code(s.path)}: {_escape(s.reason)}" for s in report.skipped))
        if report.duplicates:
            parts.append(f"## Duplicates ({len(report.duplicates)})")
            parts.append(
                "\n".join(
                    f"- {_code(path)} duplicates {_code(of)} (counted once)" for path, of in report.duplicates
                )
            )
        return "\n\n".join(parts) + "\n"


def _sources(report: Report, labels: Labels) -> list[str]:
    rows = [
        [str(n), _outlet(a, labels), published(a), _escape(a.title or ""), _code(PurePath(a.path).name)]
        for n, a in enumerate(report.articles, 1)
    ]
    header = ["#", "Outlet", "Published", "Title", "File"]
    return [f"## Sources ({len(report.articles)})", _table(header, rows)]


def _outlet(article: Article, labels: Labels) -> str:
    """The outlet's name, linked to the article where its URL is known."""
    name = _escape(labels[article.id])
    if not article.url:
        return f"**{name}**"
    return f"**[{name}](<{article.url.replace('>', '%3E').replace(' ', '%20')}>)**"


def _names(sources: tuple[SourceId, ...], labels: Labels) -> str:
    return ", ".join(f"**{_escape(labels.get(s, s))}**" for s in sources)


def _key_figures(figures: tuple[KeyFigure, ...], report: Report, labels: Labels) -> list[str]:
    """One block of rows per measure: each figure, the outlets that give it, when they published."""
    dates = {a.id: published(a) for a in report.articles}
    rows = []
    for figure in figures:
        for n, reading in enumerate(figure.readings):
            who = ", ".join(
                f"**{_escape(labels.get(s, s))}**" + (f" ({dates[s]})" if dates.get(s) else "")
                for s in reading.sources
            )
            rows.append([_escape(figure.measure) if n == 0 else "", _escape(reading.value), who])
        if figure.trend:
            rows.append(["", f"*{_escape(figure.trend)}*", ""])
    return [f"## Key figures ({len(figures)})", _table(["Measure", "Figure", "Stated by (published)"], rows)]


def _divergence(fact: Fact, labels: Labels) -> list[str]:
    reason = fact.reason
    kind = f" ({reason.kind})" if reason.kind else ""
    parts = [f"### {_escape(fact.id)}: {_escape(_one_line(fact.title))}"]
    parts.append(f"**Diverges{kind}:** {_escape(fact.reason.measure)}")
    readings = fact.readings
    if readings:
        rows, previous = [], None
        for reading in readings:
            side = reading.side or 0
            mark = " (majority)" if side != previous and reason.majority and side == 0 else ""
            opens = "vs" if previous is not None and side != previous else ""
            previous = side
            rows.append([opens, _escape(reading.value), _names(reading.sources, labels) + mark])
        parts.append(_table(["", "Reading", "Stated by"], rows))
    if reason.notes:
        parts.append("\n".join(f"- Note: {_escape(readable(n, labels))}" for n in reason.notes))
    parts.append("**Evidence**")
    parts += [_evidence(c, labels) for c in fact.cluster.claims]
    return parts


def _agreement(fact: Fact, labels: Labels, voice: str = "") -> list[str]:
    sources = _names(fact.cluster.sources, labels)
    said = "One voice" if voice else "Agree"
    parts = [f"### {_escape(fact.id)}: {_escape(_one_line(fact.title))}", f"**{said}:** {sources}"]
    values = fact.readings
    if values:
        parts[-1] += " — " + "; ".join(f"{_escape(r.value)} ({_names(r.sources, labels)})" for r in values)
    notes = [*([voice] if voice else []), *(readable(n, labels) for n in fact.reason.notes)]
    if notes:
        parts.append("\n".join(f"- Note: {_escape(n)}" for n in notes))
    parts += [_evidence(c, labels) for c in fact.cluster.claims]
    return parts


def _matrix(report: Report, selection: Selection, labels: Labels) -> list[str]:
    facts = matrix_facts(report, selection)
    if not facts:
        return []
    # Columns are numbered like the Sources table: outlet names as headers squeeze the fact column.
    header = ["Fact", "Verdict"] + [str(n) for n in range(1, len(report.articles) + 1)]
    rows = [
        [_escape(truncate(f.title, MATRIX_TITLE_WIDTH)), f.verdict]
        + [_CELL_TEXT[matrix_cell(f, a.id)] for a in report.articles]
        for f in facts
    ]
    outlets = ", ".join(f"{n} {_escape(labels[a.id])}" for n, a in enumerate(report.articles, 1))
    legend = f"Columns are the sources numbered above ({outlets}): ✓ agrees, **✗** diverges, · silent."
    return ["## Facts × sources", _table(header, rows), legend]


def _evidence(claim: Claim, labels: Labels) -> str:
    """A claim's evidence as a block quote signed with source:line; long evidence folded in <details>."""
    quote = _blockquote(_escape(_one_line(claim.evidence)))
    if len(claim.evidence) <= LONG_EVIDENCE:
        return f"{quote}\n>\n> — {_where(claim, labels)}"
    caption = " (caption)" if claim.is_caption else ""
    summary = (
        f"<code>{html.escape(location(claim, labels))}</code>{caption} — "
        f"{html.escape(truncate(claim.evidence, 80))}"
    )
    return f"<details><summary>{summary}</summary>\n\n{quote}\n\n</details>"


def _single(claim: Claim, labels: Labels) -> str:
    caption = " (caption)" if claim.is_caption else ""
    return f"- {_code(location(claim, labels))} {_escape(_one_line(claim.text))}{caption}"


def _where(claim: Claim, labels: Labels) -> str:
    return _code(location(claim, labels)) + (" (caption)" if claim.is_caption else "")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = [_row(header), "|" + "---|" * len(header)]
    lines += [_row(r) for r in rows]
    return "\n".join(lines)


def _row(cells: list[str]) -> str:
    # GitHub splits table cells on every unescaped "|", even inside code spans.
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(text: str) -> str:
    return re.sub(r"(?<!\\)\|", r"\\|", _one_line(text))


def _escape(text: str) -> str:
    """Inline text that Markdown shows verbatim: no emphasis, links, HTML or accidental list/heading."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    # Text that starts like a heading, a list item or a setext underline would change the block it is in.
    start = _BLOCK_START.match(text)
    if start:
        cut = start.end() - 1
        text = text[:cut] + "\\" + text[cut:]
    return text


def _code(text: str) -> str:
    """`text` as a code span, with a fence longer than any backtick run inside it."""
    text = inert_line(text)  # a line break in a file name would end the span and start a block
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _blockquote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


def _one_line(text: str) -> str:
    return " ".join(text.split())
