"""The HTML report: one self-contained page (no network), the coverage grid first, divergences with
their values side by side, each claim's evidence highlighted in its paragraph, filters by verdict.

Every piece of article text is HTML-escaped; a Content-Security-Policy lets the page run only its own
inline script and style (by hash) and load nothing, so a hostile article cannot reach the network.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from html import escape as _html_escape
from importlib import resources
from pathlib import PurePath

from mineralcheck.display import inert
from mineralcheck.models import Article, Claim, Fact, KeyFigure, Report, SourceId
from mineralcheck.report.base import (
    Labels,
    copy_sentences,
    facts_by_verdict,
    location,
    matrix_cell,
    ordered_facts,
    published,
    readable,
    selection_line,
    source_labels,
    summary_line,
    voice_note,
)
from mineralcheck.report.selection import EVERYTHING, Selection, shown_key_figures

GridCell = str
"""What the grid shows for a source and a fact: "agrees", "diverges", "silent", or "alone" (the only
source of a single-source fact)."""

_SYMBOL = {"agrees": "✓", "diverges": "✗", "silent": "·", "alone": "●"}
_WORD = {"agrees": "agrees", "diverges": "diverges", "silent": "silent", "alone": "states it alone"}

DEFAULT_FILTER = "shared"
"""The verdicts shown when the page opens: divergences and agreements."""

PARAGRAPH_CONTEXT = 400
"""Characters of the paragraph shown on each side of the evidence; longer paragraphs are cut with …."""


def escape(text: str) -> str:
    """HTML-escaped and inert: an escape sequence or bidi override from an article is shown, never
    obeyed (by a browser, or by a terminal that prints the file)."""
    return _html_escape(inert(text))


class HtmlRenderer:
    """Renders a Report as one HTML page; same Report, same bytes."""

    def render(self, report: Report, selection: Selection = EVERYTHING) -> str:
        css = _asset("report.css")
        js = _asset("report.js")
        labels = source_labels(report.articles)
        counts = report.counts()
        figures = shown_key_figures(report, selection)
        shared, singles = _fact_sections(report, selection, labels)
        body = [
            _header(report, counts, selection),
            _filters(report, selection),
            "<main>",
            _sources(report, labels),
            _key_figures(figures, report, labels),
            *shared,
            _grid(report, selection, labels),
            *singles,
            _unused(report),
            "</main>",
        ]
        return (
            "\n".join(
                [
                    "<!DOCTYPE html>",
                    '<html lang="en">',
                    "<head>",
                    '<meta charset="utf-8">',
                    '<meta name="viewport" content="width=device-width, initial-scale=1">',
                    f'<meta http-equiv="Content-Security-Policy" content="{_policy(css, js)}">',
                    '<meta name="referrer" content="no-referrer">',
                    '<meta name="generator" content="mineralcheck">',
                    f"<title>mineralcheck report — {escape(summary_line(report))}</title>",
                    f"<style>{css}</style>",
                    "</head>",
                    f'<body data-filter="{DEFAULT_FILTER}">',
                    *body,
                    f"<script>{js}</script>",
                    "</body>",
                    "</html>",
                ]
            )
            + "\n"
        )


def grid_cell(fact: Fact, source: SourceId) -> GridCell:
    """The grid's cell for `source` on `fact` (the matrix cell, with single-source facts told apart)."""
    cell = matrix_cell(fact, source)
    return "alone" if fact.verdict == "single" and cell == "agrees" else cell


def _asset(name: str) -> str:
    return resources.files("mineralcheck.report").joinpath("assets", name).read_text(encoding="utf-8")


def _policy(css: str, js: str) -> str:
    """Nothing may load; only this page's own style and script (by hash) may apply."""

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    return (
        f"default-src 'none'; style-src {digest(css)}; script-src {digest(js)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def _header(report: Report, counts: dict[str, int], selection: Selection) -> str:
    summary = (
        f"{len(report.articles)} source{'s' if len(report.articles) != 1 else ''}, "
        f"{len(report.facts)} fact{'s' if len(report.facts) != 1 else ''}: "
        f'<span class="count-agree">{counts["agree"]} agree</span>, '
        f'<span class="count-diverge">{counts["diverge"]} diverge</span>, '
        f'<span class="count-single">{counts["single"]} single</span>'
    )
    model = f'<p class="meta">model: {escape(report.model)}</p>' if report.model else ""
    if selection.filtered:
        model = f'<p class="meta selection">{escape(selection_line(report, selection))}</p>\n{model}'
    return f'<header>\n<h1>mineralcheck report</h1>\n<p class="summary">{summary}</p>\n{model}\n</header>'


def _filters(report: Report, selection: Selection) -> str:
    # The page opens on the facts several outlets state: single-source facts are one click away.
    diverge, agree, single = (len(facts) for facts in facts_by_verdict(report, selection))
    counts = {"diverge": diverge, "agree": agree, "single": single}
    choices = [(DEFAULT_FILTER, f"Shared ({diverge + agree})")]
    choices += [(v, f"{v.capitalize()} ({counts[v]})") for v in ("diverge", "agree", "single")]
    choices.append(("all", f"All ({diverge + agree + single})"))
    buttons = "".join(
        f'<button type="button" data-filter="{value}" aria-pressed="{str(value == DEFAULT_FILTER).lower()}">'
        f"{label}</button>"
        for value, label in choices
    )
    return f'<nav class="filters" aria-label="Show facts by verdict">{buttons}</nav>'


def _sources(report: Report, labels: Labels) -> str:
    rows = []
    for n, article in enumerate(report.articles, 1):
        rows.append(
            f'<tr id="source-{n}" data-source="{escape(article.id)}"><td>{n}</td>'
            f'<td>{_outlet(article, labels)}</td><td class="published">{escape(published(article))}</td>'
            f'<td class="title">{escape(article.title or "")}</td>'
            f'<td class="file">{escape(PurePath(article.path).name)}</td></tr>'
        )
    head = (
        '<tr><th scope="col">#</th><th scope="col">Outlet</th><th scope="col">Published</th>'
        '<th scope="col" class="title">Title</th><th scope="col" class="file">File</th></tr>'
    )
    copies = "".join(
        f'<p class="note">{escape(c)} (one voice).</p>\n' for c in copy_sentences(report, labels)
    )
    return (
        f'<section id="sources">\n<h2>Sources ({len(report.articles)})</h2>\n'
        f'<table class="sources"><thead>{head}</thead><tbody>\n'
        + "\n".join(rows)
        + f"\n</tbody></table>\n{copies}</section>"
    )


def _outlet(article: Article, labels: Labels) -> str:
    name = escape(labels[article.id])
    if article.url and article.url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(article.url)}" rel="noopener noreferrer">{name}</a>'
    return name


def _key_figures(figures: tuple[KeyFigure, ...], report: Report, labels: Labels) -> str:
    """One row per measure: each figure with the outlets that give it and when they published."""
    if not figures:
        return ""
    dates = {a.id: published(a) for a in report.articles}
    rows = []
    for figure in figures:
        span = len(figure.readings) + bool(figure.trend)
        for n, reading in enumerate(figure.readings):
            measure = f'<th scope="rowgroup" rowspan="{span}">{escape(figure.measure)}</th>' if n == 0 else ""
            who = ", ".join(
                escape(labels.get(s, s))
                + (f' <span class="published">{escape(dates[s])}</span>' if dates.get(s) else "")
                for s in reading.sources
            )
            rows.append(f'<tr>{measure}<td class="v">{escape(reading.value)}</td><td>{who}</td></tr>')
        if figure.trend:
            rows.append(f'<tr><td colspan="2" class="note">{escape(figure.trend)}</td></tr>')
    head = "".join(f'<th scope="col">{name}</th>' for name in ("Measure", "Figure", "Stated by (published)"))
    return (
        f'<section id="key-figures">\n<h2>Key figures ({len(figures)})</h2>\n'
        f'<table class="figures"><thead><tr>{head}</tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>\n</section>"
    )


def _grid(report: Report, selection: Selection, labels: Labels) -> str:
    """Facts x outlets, every fact shown, divergences first; each cell coloured and marked with a symbol."""
    facts = ordered_facts(report, selection)
    head = '<tr><th scope="col">Fact</th>' + "".join(
        f'<th scope="col" class="outlet" title="{escape(labels[a.id])}">{n} {escape(labels[a.id])}</th>'
        for n, a in enumerate(report.articles, 1)
    )
    rows = []
    for fact in facts:
        cells = "".join(_cell(fact, a.id, labels) for a in report.articles)
        rows.append(
            f'<tr data-fact="{escape(fact.id)}" data-verdict="{fact.verdict}">'
            f'<th scope="row"><span class="badge badge-{fact.verdict}">{fact.verdict}</span>'
            f'<a href="#fact-{escape(fact.id)}">{escape(fact.title)}</a></th>{cells}</tr>'
        )
    legend = (
        '<p class="legend">✓ agrees · ✗ diverges (a minority reading) · · silent · ● the only source '
        "of a fact. Columns are the sources numbered above.</p>"
    )
    return (
        f'<section id="coverage">\n<h2>Coverage: facts × outlets</h2>\n{legend}\n'
        f'<div class="grid-wrap"><table class="grid"><thead>{head}</tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></div>\n</section>"
    )


def _cell(fact: Fact, source: SourceId, labels: Labels) -> str:
    cell = grid_cell(fact, source)
    tip = escape(f"{labels[source]}: {_WORD[cell]}")
    return (
        f'<td class="cell-{cell}" data-source="{escape(source)}" data-cell="{cell}" title="{tip}">'
        f'<span aria-label="{tip}">{_SYMBOL[cell]}</span></td>'
    )


def _fact_sections(report: Report, selection: Selection, labels: Labels) -> tuple[list[str], list[str]]:
    """(the divergence and agreement sections, the single-source section): the grid goes between."""
    articles = {a.id: a for a in report.articles}
    diverge, agree, single = facts_by_verdict(report, selection)
    sections = []
    for verdict, heading, facts in (
        ("diverge", "Divergences", diverge),
        ("agree", "Agreements", agree),
        ("single", "Single-source facts", single),
    ):
        if not facts:
            continue
        if verdict == "single":
            items = "\n".join(_single(f, labels, articles) for f in facts)
            body = f'<ul class="singles">\n{items}\n</ul>'
        else:
            body = "\n".join(_fact(f, labels, articles, voice_note(report, f, labels)) for f in facts)
        sections.append(
            f'<section class="facts" id="{verdict}" data-verdict="{verdict}">\n'
            f"<h2>{heading} ({len(facts)})</h2>\n{body}\n</section>"
        )
    singles = [s for s in sections if s.startswith('<section class="facts" id="single"')]
    return [s for s in sections if s not in singles], singles


def _fact(fact: Fact, labels: Labels, articles: Mapping[SourceId, Article], voice: str = "") -> str:
    """One fact; `voice` says when all its sources are copies of one text."""
    reason = fact.reason
    parts = [
        f'<article class="fact" id="fact-{escape(fact.id)}" data-verdict="{fact.verdict}">',
        f'<h3><span class="badge badge-{fact.verdict}">{fact.verdict}</span>{escape(fact.title)} '
        f'<span class="fact-id">{escape(fact.id)}</span></h3>',
    ]
    if reason.kind:
        parts.append(f"<p><strong>{escape(reason.kind)}:</strong> {escape(fact.reason.measure)}</p>")
    if fact.verdict == "diverge" and reason.groups:
        boxes: dict[int, list[str]] = {}
        for reading in fact.readings:
            who = ", ".join(escape(labels.get(s, s)) for s in reading.sources)
            boxes.setdefault(reading.side or 0, []).append(
                f'<div class="v">{escape(reading.value)}</div><div class="who">{who}</div>'
            )
        values = []
        for side, cells in boxes.items():
            majority = " majority" if reason.majority and side == 0 else ""
            values.append(f'<div class="value{majority}">' + "".join(cells) + "</div>")
        parts.append('<div class="values">' + "".join(values) + "</div>")
    else:
        outlets = ", ".join(escape(labels.get(s, s)) for s in fact.cluster.sources)
        parts.append(f'<p class="meta">stated by {outlets}{" — one voice" if voice else ""}</p>')
        readings = fact.readings
        if readings:
            listed = "; ".join(
                f"{escape(r.value)} ({', '.join(escape(labels.get(s, s)) for s in r.sources)})"
                for r in readings
            )
            parts.append(f'<p class="meta readings">values: {listed}</p>')
    notes = [*([voice] if voice else []), *(readable(n, labels) for n in reason.notes)]
    parts += [f'<p class="note">note: {escape(n)}</p>' for n in notes]
    parts += [_evidence(c, labels, articles) for c in fact.cluster.claims]
    parts.append("</article>")
    return "\n".join(parts)


def _single(fact: Fact, labels: Labels, articles: Mapping[SourceId, Article]) -> str:
    claim = fact.cluster.claims[0]
    caption = " (caption)" if claim.is_caption else ""
    where = escape(location(claim, labels))
    quotes = "".join(f"<blockquote>{_in_paragraph(c, articles)}</blockquote>" for c in fact.cluster.claims)
    return (
        f'<li id="fact-{escape(fact.id)}" data-verdict="single"><details><summary>{escape(claim.text)}'
        f'{caption} <span class="where">{where}</span></summary>{quotes}</details></li>'
    )


def _evidence(claim: Claim, labels: Labels, articles: Mapping[SourceId, Article]) -> str:
    caption = " (caption)" if claim.is_caption else ""
    return (
        f'<figure class="evidence"><figcaption><strong>{escape(labels.get(claim.source, claim.source))}'
        f"</strong> — {escape(_file(claim.source, articles))}, line {claim.line}{caption}</figcaption>"
        f"<blockquote>{_in_paragraph(claim, articles)}</blockquote></figure>"
    )


def _file(source: SourceId, articles: Mapping[SourceId, Article]) -> str:
    article = articles.get(source)
    return PurePath(article.path).name if article else source


def _in_paragraph(claim: Claim, articles: Mapping[SourceId, Article]) -> str:
    """The paragraph (line) holding the evidence, escaped, with the evidence marked."""
    article = articles.get(claim.source)
    text = article.text if article else ""
    if text[claim.start : claim.end] != claim.evidence:  # a report built without its articles' text
        return f"<mark>{escape(claim.evidence)}</mark>"
    start = text.rfind("\n", 0, claim.start) + 1
    end = text.find("\n", claim.end)
    end = len(text) if end < 0 else end
    before = text[max(start, claim.start - PARAGRAPH_CONTEXT) : claim.start]
    after = text[claim.end : min(end, claim.end + PARAGRAPH_CONTEXT)]
    lead = "…" if claim.start - PARAGRAPH_CONTEXT > start else ""
    tail = "…" if claim.end + PARAGRAPH_CONTEXT < end else ""
    return (
        f"{lead}{escape(before.lstrip())}<mark>{escape(claim.evidence)}</mark>{escape(after.rstrip())}{tail}"
    )


def _unused(report: Report) -> str:
    parts = []
    if report.skipped:
        items = "".join(f"<li><code>{escape(s.path)}</code>: {escape(s.reason)}</li>" for s in report.skipped)
        parts.append(f'<h2>Skipped inputs ({len(report.skipped)})</h2><ul class="skipped">{items}</ul>')
    if report.duplicates:
        items = "".join(
            f"<li><code>{escape(path)}</code> duplicates <code>{escape(of)}</code> (counted once)</li>"
            for path, of in report.duplicates
        )
        parts.append(f'<h2>Duplicates ({len(report.duplicates)})</h2><ul class="skipped">{items}</ul>')
    return f'<section id="unused">{"".join(parts)}</section>' if parts else ""
