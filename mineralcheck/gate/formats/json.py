"""The JSON check result: pure JSON for scripts, with the exit code the run ends with."""

from __future__ import annotations

import json
from typing import Any

from mineralcheck.display import json_inert
from mineralcheck.gate.results import CheckResult, ExpectationResult, FailOn, Finding, exit_code, fails

SCHEMA_VERSION = 1
"""Bumped whenever a field is renamed, removed or changes meaning (adding a field does not bump it)."""


class JsonCheckRenderer:
    """Renders a CheckResult as JSON; same result, same bytes (no timestamps)."""

    def render(self, result: CheckResult, fail_on: FailOn) -> str:
        text = json.dumps(to_dict(result, fail_on), sort_keys=True, indent=2, ensure_ascii=False)
        return json_inert(text) + "\n"


def to_dict(result: CheckResult, fail_on: FailOn) -> dict[str, Any]:
    """The result as plain JSON-ready data."""
    from mineralcheck import __version__

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "mineralcheck", "version": __version__},
        "claims_file": result.claims_path,
        "model": result.report.model,
        "fail_on": fail_on,
        "exit_code": int(exit_code(result, fail_on)),
        "summary": {"expectations": len(result.results), **result.counts()},
        "sources": [{"id": a.id, "path": a.path, "sha256": a.sha256} for a in result.report.articles],
        "expectations": [_expectation(r, fail_on) for r in result.results],
    }


def _expectation(item: ExpectationResult, fail_on: FailOn) -> dict[str, Any]:
    e = item.expectation
    return {
        "id": e.id,
        "title": e.title,
        "line": e.line,
        "severity": e.severity,
        "tags": list(e.tags),
        "xfail": e.xfail,
        "outcome": item.outcome,
        "match": None
        if item.match is None
        else {
            "fact": item.match.fact_id,
            "score": item.match.score,
            "title": item.match.title,
            "verdict": item.match.verdict,
            "sources": list(item.match.sources),
        },
        "nearest": None
        if item.nearest is None
        else {"fact": item.nearest.fact_id, "score": item.nearest.score, "title": item.nearest.title},
        "findings": [_finding(f, item.outcome != "xfail" and fails(f, fail_on)) for f in item.findings],
    }


def _finding(finding: Finding, failing: bool) -> dict[str, Any]:
    return {
        "code": str(finding.code),
        "name": finding.code.slug,
        "severity": finding.severity,
        "fails_run": failing,
        "message": finding.message,
        "line": finding.line,
        "expected": finding.expected,
        "found": finding.found,
    }
