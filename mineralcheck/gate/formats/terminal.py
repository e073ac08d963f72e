"""The terminal check result: failures first, one line each, then one summary line."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from mineralcheck.display import inert
from mineralcheck.gate.results import CheckResult, FailOn, fails, summary_line

_STYLE = {"fail": "bold red", "warn": "yellow", "xfail": "dim", "pass": "green"}


class TerminalCheckRenderer:
    """Renders a CheckResult as lines; `print` adds colour when the console allows it."""

    def __init__(self, *, verbose: bool = False) -> None:
        self.verbose = verbose

    def render(self, result: CheckResult, fail_on: FailOn) -> str:
        buffer = io.StringIO()
        console = Console(file=buffer, width=10_000, color_system=None, force_terminal=False)
        self.print(result, fail_on, console)
        return buffer.getvalue()

    def print(self, result: CheckResult, fail_on: FailOn, console: Console) -> None:
        """Write the result to `console` (rich decides colour: terminal only, NO_COLOR honoured)."""
        for kind, line in lines(result, fail_on, verbose=self.verbose):
            # Messages quote articles: Text, never markup, so "[b]" in a headline prints as is,
            # and inert, so an escape sequence in one never reaches the terminal.
            console.print(Text(inert(line), style=_STYLE[kind]), soft_wrap=True, highlight=False)


def lines(result: CheckResult, fail_on: FailOn, *, verbose: bool = False) -> list[tuple[str, str]]:
    """(kind, line) pairs: failing findings, other warnings, expected failures, [passes], summary."""
    path = result.claims_path
    failing, warning = [], []
    for finding in result.findings():
        line = f"{path}:{finding.line}: {finding.code} {finding.code.slug} {finding.message}"
        if fails(finding, fail_on):
            failing.append(("fail", f"✗ {line}"))
        else:
            warning.append(("warn", f"! {line}"))
    xfails = [
        ("xfail", f"x {path}:{r.expectation.line}: {r.expectation.id}: xfail ({r.expectation.xfail})")
        for r in result.results
        if r.outcome == "xfail"
    ]
    passes = []
    if verbose:
        for r in result.results:
            if r.outcome == "passed" and r.match is not None:
                passes.append(
                    (
                        "pass",
                        f"✓ {r.expectation.id}: {r.match.fact_id} ({r.match.verdict}, "
                        f"{_sources(len(r.match.sources))}, score {r.match.score:.2f})",
                    )
                )
    kind = "fail" if failing else "warn" if warning else "pass"
    return failing + warning + xfails + passes + [(kind, summary_line(result, fail_on))]


def _sources(n: int) -> str:
    return "1 source" if n == 1 else f"{n} sources"
