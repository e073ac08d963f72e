"""The terminal report: rich tables and panels, readable in 100 columns, colour only on a terminal."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import PurePath

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mineralcheck.display import inert_copy
from mineralcheck.models import Article, Claim, Fact, KeyFigure, Report, SourceId
from mineralcheck.report.base import (
    Cell,
    Labels,
    copy_sentences,
    facts_by_verdict,
    location,
    matrix_cell,
    matrix_facts,
    named,
    published,
    readable,
    selection_line,
    source_labels,
    summary_line,
    truncate,
    voice_note,
)
from mineralcheck.report.selection import EVERYTHING, Selection, shown_key_figures

WIDTH = 100
"""Width of the plain-text rendering (`render`, `-o report.txt`)."""

MATRIX_TITLE_WIDTH = 48
WORD_CELLS_UP_TO = 3
"""With more sources than this, matrix cells shrink to one symbol so the table fits in 100 columns."""

# Evidence and titles come from articles: always wrap them in Text so "[b]" in a headline is not markup.
_CELL_WORD: dict[Cell, Text] = {
    "agrees": Text("agrees", style="green"),
    "diverges": Text("diverges", style="bold red"),
    "silent": Text("silent", style="dim"),
}
_CELL_SYMBOL: dict[Cell, Text] = {
    "agrees": Text("✓", style="green"),
    "diverges": Text("✗", style="bold red"),
    "silent": Text("·", style="dim"),
}


class TerminalRenderer:
    """Renders a Report with rich. `print` writes to a Console; `render` returns plain text."""

    def render(self, report: Report, selection: Selection = EVERYTHING) -> str:
        # No colour and a fixed width: this string goes to files, whatever the environment says.
        console = Console(
            file=io.StringIO(),
            width=WIDTH,
            force_terminal=False,
            color_system=None,
            no_color=True,
            highlight=False,
            emoji=False,
            legacy_windows=False,
        )
        self.print(report, console, selection)
        assert isinstance(console.file, io.StringIO)
        return console.file.getvalue()

    def print(self, report: Report, console: Console, selection: Selection = EVERYTHING) -> None:
        """Write the report to `console` (which decides on colour: terminal, NO_COLOR, ...)."""
        # Article text and file names are shown inert: an escape sequence in them must not reach the terminal.
        for renderable in renderables(inert_copy(report), selection):
            console.print(renderable, highlight=False)


def renderables(report: Report, selection: Selection = EVERYTHING) -> Iterator[RenderableType]:
    """The report as a sequence of rich renderables, in the order a reader needs it: what was
    compared, the key figures, divergences, agreements, the matrix, then what was left aside."""
    diverge, agree, single = facts_by_verdict(report, selection)
    labels = source_labels(report.articles)
    title = Text("mineralcheck", style="bold")
    title.append(" — " + summary_line(report), style="bold")
    yield title
    if selection.filtered:
        yield Text(selection_line(report, selection), style="bold")
    if report.model:
        yield Text(f"model: {report.model}", style="dim")
    yield _sources(report, labels)
    for sentence in copy_sentences(report, labels):
        yield Text(f"  {sentence} (one voice)", style="yellow")
    figures = shown_key_figures(report, selection)
    if figures:
        yield _heading(f"Key figures ({len(figures)})", "bold")
        yield _key_figures(figures, report.articles, labels)
    if diverge:
        yield _heading(f"Divergences ({len(diverge)})", "bold red")
        for fact in diverge:
            yield _divergence(fact, labels)
    if agree:
        yield _heading(f"Agreements ({len(agree)})", "bold green")
        for fact in agree:
            yield _agreement(fact, labels, voice_note(report, fact, labels))
    facts = matrix_facts(report, selection)
    if facts:
        yield _heading("Facts × sources", "bold")
        yield _matrix(report, facts, labels)
    if single:
        yield _heading(f"Single-source facts ({len(single)})", "bold")
        if selection.lists_singles:
            yield _evidence_table([c for f in single for c in f.cluster.claims], labels, use_text=True)
        else:
            yield Text("  each stated by one source only; list them with --singles", style="dim")
    if report.skipped:
        yield _heading(f"Skipped inputs ({len(report.skipped)})", "bold yellow")
        for skipped in report.skipped:
            line = Text("  ")
            line.append(skipped.path, style="bold")
            line.append(": " + skipped.reason)
            yield line
    if report.duplicates:
        yield _heading(f"Duplicates ({len(report.duplicates)})", "bold yellow")
        for path, of in report.duplicates:
            line = Text("  ")
            line.append(path, style="bold")
            line.append(f" duplicates {of} (counted once)")
            yield line


def _heading(text: str, style: str) -> Text:
    return Text("\n" + text, style=style)


def _sources(report: Report, labels: Labels) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, title_justify="left")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("outlet", max_width=32, overflow="fold")
    table.add_column("published", no_wrap=True)
    table.add_column("title", ratio=1)
    for n, article in enumerate(report.articles, 1):
        outlet = Text(labels[article.id], style="cyan")
        if labels[article.id] != article.id:
            outlet.append("\n" + PurePath(article.path).name, style="dim")  # the file to open
        table.add_row(str(n), outlet, published(article), Text(article.title or ""))
    return table


def _key_figures(figures: tuple[KeyFigure, ...], articles: tuple[Article, ...], labels: Labels) -> Table:
    """One row per measure: each figure with the outlets that give it and when they published."""
    dates = {a.id: published(a) for a in articles}
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("measure", style="bold", min_width=8, max_width=24)
    table.add_column("figure", min_width=6, max_width=24)
    table.add_column("stated by (published)", ratio=1)
    for figure in figures:
        for n, reading in enumerate(figure.readings):
            who = Text(_dated(reading.sources, dates, labels), style="cyan")
            table.add_row(Text(figure.measure) if n == 0 else "", Text(reading.value), who)
        if figure.trend:
            table.add_row("", "", Text(figure.trend, style="italic"))
    return table


def _dated(sources: tuple[SourceId, ...], dates: dict[SourceId, str], labels: Labels) -> str:
    return ", ".join(
        f"{labels.get(s, s)} ({dates[s]})" if dates.get(s) else labels.get(s, s) for s in sources
    )


def _divergence(fact: Fact, labels: Labels) -> Panel:
    reason = fact.reason
    parts: list[RenderableType] = []
    line = Text()
    if reason.kind:
        line.append(f"{reason.kind}: ", style="bold red")
    line.append(fact.reason.measure)
    parts.append(line)
    readings = fact.readings
    if readings:
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column("side", style="dim")
        table.add_column("reading", style="bold")
        table.add_column("sources", style="cyan", ratio=1)
        previous: int | None = None
        for reading in readings:
            side = reading.side or 0
            opens = "vs" if previous is not None and side != previous else ""
            majority = side != previous and bool(reason.majority) and side == 0
            previous = side
            marker = "  (majority)" if majority else ""
            table.add_row(opens, Text(reading.value), Text(named(reading.sources, labels) + marker))
        parts.append(Padding(table, (0, 0, 0, 2)))
    parts += [Text(f"note: {readable(note, labels)}", style="italic") for note in reason.notes]
    parts.append(_evidence_table(fact.cluster.claims, labels))
    title = Text(f"✗ {fact.id} ", style="bold red")
    title.append(truncate(fact.title, 80), style="bold")
    return Panel(Group(*parts), title=title, title_align="left", border_style="red", box=box.ROUNDED)


def _agreement(fact: Fact, labels: Labels, voice: str = "") -> Group:
    """Two or three lines: the fact, where each source states it, and each value with its sources;
    `voice` says when all of them are copies of one text."""
    head = Text("✓ ", style="bold green")
    head.append(f"{fact.id} ", style="green")
    head.append(truncate(fact.title, WIDTH - len(fact.id) - 4), style="bold")
    rows = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0))
    rows.add_column("what", style="dim", no_wrap=True)
    rows.add_column("detail", ratio=1)
    rows.add_row(
        "one voice:" if voice else "agree:", Text(_locations(fact.cluster.claims, labels), style="cyan")
    )
    if voice:
        rows.add_row("note:", Text(voice, style="italic yellow"))
    values = fact.readings
    if values:
        rows.add_row("values:", Text("; ".join(f"{r.value} ({named(r.sources, labels)})" for r in values)))
    for note in fact.reason.notes:
        rows.add_row("note:", Text(readable(note, labels), style="italic"))
    return Group(head, Padding(rows, (0, 0, 0, 2)))


def _locations(claims: tuple[Claim, ...], labels: Labels) -> str:
    """ "Harbour Post:3,9, Lakeport Daily:2": each source once, with the lines of its evidence."""
    lines: dict[SourceId, list[str]] = {}
    for claim in claims:
        seen = lines.setdefault(claim.source, [])
        if str(claim.line) not in seen:
            seen.append(str(claim.line))
    return ", ".join(f"{labels.get(s, s)}:{','.join(n)}" for s, n in lines.items())


def _evidence_table(
    claims: list[Claim] | tuple[Claim, ...], labels: Labels, *, use_text: bool = False
) -> Padding:
    """source:line | "evidence" (or the claim text, for the compact single-source list), indented."""
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("where", style="cyan", no_wrap=True)
    table.add_column("evidence", ratio=1)
    for claim in claims:
        body = Text(claim.text if use_text else f"“{' '.join(claim.evidence.split())}”")
        if claim.is_caption:
            body.append(" (caption)", style="dim italic")
        table.add_row(location(claim, labels), body)
    return Padding(table, (0, 0, 0, 2))


def _matrix(report: Report, facts: tuple[Fact, ...], labels: Labels) -> RenderableType:
    words = len(report.articles) <= WORD_CELLS_UP_TO
    cells = _CELL_WORD if words else _CELL_SYMBOL
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("fact", ratio=1, no_wrap=True, overflow="ellipsis")
    for n, _article in enumerate(report.articles, 1):
        table.add_column(str(n), justify="center", no_wrap=True)
    for fact in facts:
        style = "red" if fact.verdict == "diverge" else ""
        label = Text(truncate(f"{fact.id} {fact.title}", MATRIX_TITLE_WIDTH), style=style)
        table.add_row(label, *(cells[matrix_cell(fact, a.id)] for a in report.articles))
    # The columns are numbered to stay narrow; the legend names the outlets.
    legend = Text("columns: ", style="dim")
    legend.append(" · ".join(f"{n} {labels[a.id]}" for n, a in enumerate(report.articles, 1)), style="dim")
    legend.append(
        "; " + ("agrees / diverges / silent" if words else "✓ agrees, ✗ diverges, · silent"), style="dim"
    )
    return Group(table, legend)
