"""GitHub Actions workflow commands: one annotation per finding, pointing at claims.yaml:LINE."""

from __future__ import annotations

from mineralcheck.display import inert
from mineralcheck.gate.results import CheckResult, FailOn, fails, summary_line

MAX_ANNOTATIONS = 10
"""GitHub shows at most 10 error and 10 warning annotations per step; more are dropped silently,
so the rest are counted in a final notice instead."""

MAX_MESSAGE = 1000


class GithubRenderer:
    """Renders a CheckResult as `::error file=...,line=...::message` lines for a workflow log."""

    def render(self, result: CheckResult, fail_on: FailOn) -> str:
        out: list[str] = []
        shown = {"error": 0, "warning": 0}
        hidden = 0
        for finding in result.findings():
            level = "error" if fails(finding, fail_on) else "warning"
            if shown[level] >= MAX_ANNOTATIONS:
                hidden += 1
                continue
            shown[level] += 1
            title = f"{finding.code} {finding.code.slug} ({finding.expectation})"
            props = f"file={_property(result.claims_path)},line={finding.line},title={_property(title)}"
            out.append(f"::{level} {props}::{_data(_cap(finding.message))}")
        summary = summary_line(result, fail_on)
        if hidden:
            summary += f" ({hidden} more findings not annotated; see the report)"
        out.append(f"::notice title=mineralcheck::{_data(summary)}")
        return "\n".join(out) + "\n"


def _cap(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _data(text: str) -> str:
    """Escape a workflow command's message (GitHub's own rules: %, CR and LF), escape sequences inert."""
    return inert(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value (also ':' and ',', which end a property)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
