"""The Markdown check result, for a pull-request comment or $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import re

from mineralcheck.display import inert
from mineralcheck.gate.results import CheckResult, ExpectationResult, FailOn, exit_code, fails, summary_line

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")

_ICON = {"passed": "✅", "failed": "❌", "warning": "⚠️", "xfail": "➖"}


class MarkdownCheckRenderer:
    """Renders a CheckResult as GitHub-flavoured Markdown; same result, same bytes."""

    def render(self, result: CheckResult, fail_on: FailOn) -> str:
        verdict = "failed" if exit_code(result, fail_on) else "passed"
        parts = [f"## mineralcheck: claims {verdict}", f"**{summary_line(result, fail_on)}**"]
        findings = result.findings()
        if findings:
            rows = ["| | Code | Claim | Finding | Line |", "|---|---|---|---|---|"]
            for f in findings:
                icon = "❌" if fails(f, fail_on) else "⚠️"
                rows.append(
                    f"| {icon} | `{f.code}` {f.code.slug} | `{f.expectation}` | {_cell(f.message)} "
                    f"| `{_cell(result.claims_path)}:{f.line}` |"
                )
            parts.append("### Findings\n\n" + "\n".join(rows))
        rows = ["| | Claim | Title | Fact | Sources |", "|---|---|---|---|---|"]
        rows += [_row(r) for r in result.results]
        parts.append(
            f"<details><summary>All {len(result.results)} expectations</summary>\n\n"
            + "\n".join(rows)
            + "\n\n</details>"
        )
        model = f" · model `{result.report.model}`" if result.report.model else ""
        parts.append(f"<sub>{len(result.report.articles)} sources{model}</sub>")
        return "\n\n".join(parts) + "\n"


def _row(item: ExpectationResult) -> str:
    e = item.expectation
    note = f" (xfail: {_cell(e.xfail)})" if item.outcome == "xfail" and e.xfail else ""
    fact = f"{item.match.fact_id} ({item.match.verdict})" if item.match else "—"
    sources = str(len(item.match.sources)) if item.match else "0"
    return f"| {_ICON[item.outcome]} | `{e.id}` | {_cell(e.title)}{note} | {fact} | {sources} |"


def _cell(text: str) -> str:
    """Text safe inside a table cell: one line, Markdown and HTML specials escaped."""
    text = " ".join(inert(text).split()).replace("&", "&amp;")
    return _SPECIAL.sub(r"\\\1", text)
