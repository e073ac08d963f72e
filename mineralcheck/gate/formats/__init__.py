"""Formats of `mineralcheck check`: one renderer per format behind one interface, chosen by CheckFormat."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol, assert_never, runtime_checkable

from mineralcheck.gate.formats.github import GithubRenderer
from mineralcheck.gate.formats.json import JsonCheckRenderer
from mineralcheck.gate.formats.junit import JunitRenderer
from mineralcheck.gate.formats.markdown import MarkdownCheckRenderer
from mineralcheck.gate.formats.terminal import TerminalCheckRenderer
from mineralcheck.gate.results import CheckResult, FailOn


@runtime_checkable
class CheckRenderer(Protocol):
    """Turns a CheckResult into text. Renderers read findings; they never re-evaluate."""

    def render(self, result: CheckResult, fail_on: FailOn) -> str:
        """The whole result as one string (no colour), ending with a newline."""
        ...


class CheckFormat(StrEnum):
    """The formats `mineralcheck check --format/--report` offer. Adding one: a member, a module, a case."""

    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    junit = "junit"
    github = "github"

    def renderer(self) -> CheckRenderer:
        """The renderer of this format (exhaustive: mypy flags a member without a case)."""
        # Imported here: each renderer module imports this one for the interface.

        match self:
            case CheckFormat.terminal:
                return TerminalCheckRenderer()
            case CheckFormat.json:
                return JsonCheckRenderer()
            case CheckFormat.markdown:
                return MarkdownCheckRenderer()
            case CheckFormat.junit:
                return JunitRenderer()
            case CheckFormat.github:
                return GithubRenderer()
            case _:
                assert_never(self)


def render_check(result: CheckResult, fmt: CheckFormat, fail_on: FailOn = "error") -> str:
    """The check result as text in format `fmt` (terminal: plain, no colour)."""
    return fmt.renderer().render(result, fail_on)
