"""Report formats: one renderer per format behind one interface, chosen by the ReportFormat enum."""

from __future__ import annotations

from enum import StrEnum
from typing import assert_never

from mineralcheck.models import Report
from mineralcheck.report.base import Renderer
from mineralcheck.report.html import HtmlRenderer
from mineralcheck.report.json import JsonRenderer
from mineralcheck.report.markdown import MarkdownRenderer
from mineralcheck.report.selection import EVERYTHING, Selection
from mineralcheck.report.terminal import TerminalRenderer


class ReportFormat(StrEnum):
    """The formats `mineralcheck compare --format` offers. Adding one: a member, a renderer, a case below."""

    terminal = "terminal"
    markdown = "markdown"
    json = "json"
    html = "html"

    def renderer(self) -> Renderer:
        """The renderer of this format (exhaustive: mypy flags a member without a case)."""
        match self:
            case ReportFormat.terminal:
                return TerminalRenderer()
            case ReportFormat.markdown:
                return MarkdownRenderer()
            case ReportFormat.json:
                return JsonRenderer()
            case ReportFormat.html:
                return HtmlRenderer()
            case _:
                assert_never(self)


def render(report: Report, fmt: ReportFormat, selection: Selection = EVERYTHING) -> str:
    """The report as text in format `fmt` (terminal: plain, no colour, 100 columns), showing the
    facts `selection` keeps."""
    return fmt.renderer().render(report, selection)


__all__ = [
    "HtmlRenderer",
    "JsonRenderer",
    "MarkdownRenderer",
    "Renderer",
    "ReportFormat",
    "Selection",
    "TerminalRenderer",
    "render",
]
