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
from mineralcheck.models import Claim, Fact, Report
from mineralcheck.report.base import (
    Cell,
    Labels,
    facts_by_verdict,
    location,
    matrix_cell,
    matrix_facts,
    named,
    published,
    readable,
    source_labels,
    summary_line,
    truncate,
)

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

    def render(self, report: Report) -> str:
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
        self.print(report, console)
        assert isinstance(console.file, io.StringIO)
        return console.file.getvalue()

    def print(self, report: Report, console: Console) -> None:
        """Write the report to `console` (which decides on colour: terminal, NO_COLOR, ...)."""
        # Article text and file names are shown inert: an escape sequence in them must not reach the terminal.
        for renderable in renderables(inert_copy(report)):
            console.print(renderable, highlight=False)


def renderables(report: Report) -> Iterator[RenderableType]:
    """The report as a sequence of rich renderables, top to bottom."""
    diverge, agree, single = facts_by_verdict(report)
    labels = source_labels(report.articles)
    title = Text("mineralcheck", style="bold")
    title.append(" — " + summary_line(report), style="bold")
    yield title
    if report.model:
        yield Text(f"model: {report.model}", style="dim")
    yield _sources(report, labels)
    if diverge:
        yield _heading(f"Divergences ({len(diverge)})", "bold red")
        for fact in diverge:
            yield _divergence(fact, labels)
    if agree:
        yield _heading(f"Agreements ({len(agree)})", "bold green")
        for fact in agree:
            yield _agreement(fact, labels)
    if single:
        yield _heading(f"Single-source facts ({len(single)})", "bold")
        yield _evidence_table([c for f in single for c in f.cluster.claims], labels, use_text=True)
    facts = matrix_facts(report)
    if facts:
        yield _heading("Facts × sources", "bold")
        yield _matrix(report, facts)
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


def _divergence(fact: Fact, labels: Labels) -> Panel:
    reason = fact.reason
    parts: list[RenderableType] = []
    line = Text()
    if reason.kind:
        line.append(f"{reason.kind}: ", style="bold red")
    line.append(readable(reason.summary, labels))
    parts.append(line)
    if reason.groups:
        groups = Table(box=None, show_header=False, pad_edge=False, padding=(0, 3, 0, 0))
        groups.add_column("reading", style="bold")
        groups.add_column("sources", style="cyan", ratio=1)
        for group in reason.groups:
            marker = "  (majority)" if reason.majority and group.value == reason.majority else ""
            groups.add_row(Text(group.value), Text(named(group.sources, labels) + marker))
        parts.append(Padding(groups, (0, 0, 0, 2)))
    if reason.majority and not any(g.value == reason.majority for g in reason.groups):
        parts.append(Text(f"majority: {reason.majority}"))
    parts += [Text(f"note: {readable(note, labels)}", style="italic") for note in reason.notes]
    parts.append(_evidence_table(fact.cluster.claims, labels))
    title = Text(f"✗ {fact.id} ", style="bold red")
    title.append(truncate(fact.title, 80), style="bold")
    return Panel(Group(*parts), title=title, title_align="left", border_style="red", box=box.ROUNDED)


def _agreement(fact: Fact, labels: Labels) -> Group:
    head = Text("✓ ", style="bold green")
    head.append(f"{fact.id} ", style="green")
    head.append(fact.title, style="bold")
    meta = Text("  agree: ", style="dim")
    meta.append(named(fact.cluster.sources, labels), style="cyan")
    if fact.reason.summary:
        meta.append(f" — {readable(fact.reason.summary, labels)}", style="dim")
    parts: list[RenderableType] = [head, meta]
    parts += [Text(f"  note: {readable(note, labels)}", style="italic") for note in fact.reason.notes]
    parts.append(_evidence_table(fact.cluster.claims, labels))
    return Group(*parts)


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


def _matrix(report: Report, facts: tuple[Fact, ...]) -> RenderableType:
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
    legend = Text("columns are the sources numbered above; ", style="dim")
    legend.append("agrees / diverges / silent" if words else "✓ agrees, ✗ diverges, · silent", style="dim")
    return Group(table, legend)
