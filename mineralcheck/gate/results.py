"""What `mineralcheck check` finds: stable finding codes, each expectation's outcome, and the exit code."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from mineralcheck.errors import ExitCode
from mineralcheck.gate.baseline import Observation
from mineralcheck.gate.expectations import Expectation, Severity
from mineralcheck.models import Report, SourceId


class Code(StrEnum):
    """Stable finding codes, the same in every output format. Never renumber; add at the end."""

    MISSING = "MC001"
    VALUE_CHANGED = "MC002"
    DIVERGING = "MC003"
    NO_LONGER_DIVERGING = "MC004"
    TOO_FEW_SOURCES = "MC005"
    SOURCE_REQUIRED = "MC006"
    SOURCE_FORBIDDEN = "MC007"
    STATUS_CHANGED = "MC008"
    UNEXPECTED_PASS = "MC009"
    BASELINE_NEW_DIVERGENCE = "MC101"
    BASELINE_SOURCE_DROPPED = "MC102"
    BASELINE_VALUE_MOVED = "MC103"

    @property
    def slug(self) -> str:
        """Short name shown beside the code ("value-changed")."""
        return _CODE_INFO[self][0]

    @property
    def description(self) -> str:
        """One sentence for the docs' table of codes."""
        return _CODE_INFO[self][1]


_CODE_INFO: dict[Code, tuple[str, str]] = {
    Code.MISSING: ("missing", "No fact of the report matches the expectation."),
    Code.VALUE_CHANGED: ("value-changed", "A source states a value that does not lie within expect.value."),
    Code.DIVERGING: ("diverging", "The sources now disagree on a fact expected to agree (or be single)."),
    Code.NO_LONGER_DIVERGING: ("no-longer-diverging", "A known divergence (status: diverge) is gone."),
    Code.TOO_FEW_SOURCES: ("too-few-sources", "Fewer sources state the fact than expect.min_sources."),
    Code.SOURCE_REQUIRED: ("source-required", "A source listed in expect.sources does not state the fact."),
    Code.SOURCE_FORBIDDEN: ("source-forbidden", "A source in expect.excluded_sources states the fact."),
    Code.STATUS_CHANGED: ("status-changed", "The verdict changed between agree and single."),
    Code.UNEXPECTED_PASS: ("unexpected-pass", "An expectation marked xfail now holds: remove the xfail."),
    Code.BASELINE_NEW_DIVERGENCE: ("new-divergence", "The fact diverges; in the baseline it did not."),
    Code.BASELINE_SOURCE_DROPPED: (
        "source-dropped",
        "A source of the fact in the baseline no longer states it.",
    ),
    Code.BASELINE_VALUE_MOVED: (
        "value-moved",
        "A source states other values for the fact than in the baseline.",
    ),
}

Outcome = Literal["passed", "failed", "warning", "xfail"]
"""failed: an error-severity finding; warning: only warning findings; xfail: failed as expected."""

FailOn = Severity
"""The lowest severity of a failed expectation that fails the run (`check --fail-on`)."""

_RANK: dict[Severity, int] = {"warning": 1, "error": 2}


@dataclass(frozen=True)
class Finding:
    """One way an expectation does not hold, with the values side by side."""

    code: Code
    expectation: str
    """Id of the expectation."""
    severity: Severity
    message: str
    """One line naming the claim and the values: "cobalt-share: expected >80%, found 70% (harbourpost)"."""
    line: int
    """Line of the expectation in claims.yaml."""
    expected: str = ""
    found: str = ""


@dataclass(frozen=True)
class Match:
    """The fact an expectation was matched to, and how well."""

    fact_id: str
    score: float
    title: str
    verdict: str
    sources: tuple[SourceId, ...]


@dataclass(frozen=True)
class ExpectationResult:
    """The verdict on one expectation."""

    expectation: Expectation
    outcome: Outcome
    findings: tuple[Finding, ...]
    """Every finding, including those of an xfail expectation (which do not count)."""
    match: Match | None
    """The matched fact; None when missing (then `nearest` says what came closest)."""
    nearest: Match | None = None
    observation: Observation | None = None
    """What was observed, for the baseline; None when missing."""

    @property
    def counted(self) -> tuple[Finding, ...]:
        """Findings that count towards the exit code (none for an expected failure)."""
        return () if self.outcome == "xfail" else self.findings


@dataclass(frozen=True)
class CheckResult:
    """Every expectation's result, in claims.yaml order, and the run it was checked against."""

    claims_path: str
    results: tuple[ExpectationResult, ...]
    report: Report

    def counts(self) -> dict[Outcome, int]:
        out: dict[Outcome, int] = {"passed": 0, "failed": 0, "warning": 0, "xfail": 0}
        for result in self.results:
            out[result.outcome] += 1
        return out

    def findings(self) -> tuple[Finding, ...]:
        """Counted findings, errors first, then warnings, each in claims.yaml order."""
        found = [f for r in self.results for f in r.counted]
        return tuple(sorted(found, key=lambda f: -_RANK[f.severity]))


def summary_line(result: CheckResult, fail_on: FailOn = "error") -> str:
    """ "12 expectations: 10 passed, 1 failed, 1 xfail; 2 warnings", counted as the lines above it
    are marked: an expectation failed when one of its findings fails the run under `fail_on` (✗),
    and each finding that does not is a warning (!), whatever the expectation's outcome."""
    counted = [r for r in result.results if r.outcome != "xfail"]
    failed = sum(1 for r in counted if any(fails(f, fail_on) for f in r.findings))
    warnings = sum(1 for r in counted for f in r.findings if not fails(f, fail_on))
    total = len(result.results)
    line = f"{total} {'expectation' if total == 1 else 'expectations'}: "
    line += f"{len(counted) - failed} passed, {failed} failed"
    if total > len(counted):
        line += f", {total - len(counted)} xfail"
    if warnings:
        line += f"; {warnings} {'warning' if warnings == 1 else 'warnings'}"
    return line


def fails(finding: Finding, fail_on: FailOn) -> bool:
    """Whether `finding` fails the run under --fail-on `fail_on`."""
    return _RANK[finding.severity] >= _RANK[fail_on]


def exit_code(result: CheckResult, fail_on: FailOn = "error") -> ExitCode:
    """FAILED when a counted finding is at or above `fail_on`, else OK (never ERROR: that is the CLI's)."""
    if any(fails(f, fail_on) for f in result.findings()):
        return ExitCode.FAILED
    return ExitCode.OK
