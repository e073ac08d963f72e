"""Evaluate claims.yaml against a report: which expected facts hold, which regressed, and the exit code.

Pure apart from the embedder it is given: no I/O, never prints. Matching (mineralcheck.gate.scores)
finds the fact each expectation is about; judging (mineralcheck.gate.findings) says how it holds.
"""

from __future__ import annotations

import numpy as np

from mineralcheck.gate.baseline import Baseline, Observation, observe
from mineralcheck.gate.expectations import Expectation, ExpectationSet, Severity
from mineralcheck.gate.findings import baseline_findings, core_findings, finding, short
from mineralcheck.gate.fit import measures, pinned_sources
from mineralcheck.gate.results import CheckResult, Code, ExpectationResult, Finding, Match, Outcome
from mineralcheck.gate.scores import match_scores
from mineralcheck.match.embed import Embedder
from mineralcheck.models import Fact, Report


def evaluate(
    expectations: ExpectationSet,
    report: Report,
    *,
    embedder: Embedder,
    baseline: Baseline | None = None,
    strict: bool = False,
) -> CheckResult:
    """Match every expectation to the report's facts and say which hold.

    With a `baseline`, changes since it (new divergences, dropped sources, moved values) are
    warnings, or findings of the expectation's own severity when `strict`.
    """
    scores, claim_scores = match_scores(expectations.expectations, report.facts, embedder)
    results = []
    for row, expectation in enumerate(expectations.expectations):
        results.append(_judge(expectation, report, scores[row], claim_scores[row], baseline, strict))
    return CheckResult(expectations.path, tuple(results), report)


def accepted_observations(result: CheckResult) -> tuple[dict[str, Observation], set[str]]:
    """What --update-baseline may write: observations of expectations whose only findings (if any)
    are baseline changes, and the ids of every expectation (so failed ones keep their old entry)."""
    accepted = {}
    for item in result.results:
        core = [f for f in item.findings if not f.code.startswith("MC1")]
        if item.observation is not None and item.outcome != "xfail" and not core:
            accepted[item.expectation.id] = item.observation
    return accepted, {item.expectation.id for item in result.results}


# --- judging --------------------------------------------------------------------------------


def _judge(
    expectation: Expectation,
    report: Report,
    scores: np.ndarray,
    claim_scores: dict[str, float],
    baseline: Baseline | None,
    strict: bool,
) -> ExpectationResult:
    best, candidate = _best_fact(expectation, report, scores)
    if candidate is None or candidate.score < expectation.min_score:
        missing = finding(expectation, Code.MISSING, _missing_message(expectation, report, candidate))
        return _result(expectation, (missing,), None, candidate, None)

    fact = report.facts[best]
    findings = list(core_findings(expectation, fact, report, claim_scores))
    observation = observe(fact, expectation.value.value if expectation.value else None, expectation.pin)
    result = _result(expectation, tuple(findings), candidate, None, observation)
    if baseline is not None and result.outcome != "xfail":
        previous = baseline.claims.get(expectation.id)
        if previous is not None:
            severity: Severity = expectation.severity if strict else "warning"
            extra = baseline_findings(expectation, previous, observation, baseline, report, severity)
            result = _result(expectation, tuple(findings) + extra, candidate, None, observation)
    return result


def _best_fact(expectation: Expectation, report: Report, scores: np.ndarray) -> tuple[int, Match | None]:
    """The fact the expectation is about: the best match of its phrases or, pinned by its frame
    alone, the fact in which most sources state a figure of that frame."""
    if not len(scores) or scores.max() < 0:
        return -1, None
    if expectation.match:
        best = int(np.argmax(scores))
        return best, _match(report.facts[best], float(scores[best]))
    assert expectation.pin is not None
    counts = [
        len(pinned_sources(f, expectation.pin)) if scores[j] >= 0 else -1 for j, f in enumerate(report.facts)
    ]
    best = int(np.argmax(counts))
    return best, _match(report.facts[best], 1.0)


def _missing_message(expectation: Expectation, report: Report, nearest: Match | None) -> str:
    pin = expectation.pin
    if pin is not None and (nearest is None or not expectation.match):
        known = sorted(measures(report.facts))
        listed = ", ".join(known[:8]) + (", …" if len(known) > 8 else "") if known else "none"
        return f"no fact states a figure of “{pin.describe()}” (measures in this report: {listed})"
    found = (
        f"nearest: {nearest.fact_id} “{short(nearest.title)}” scored {nearest.score:.2f}"
        if nearest
        else "the report has no facts"
    )
    return (
        f"no fact matches “{short(expectation.match[0])}” (needs a score of "
        f"{expectation.min_score:.2f}; {found})"
    )


def _match(fact: Fact, score: float) -> Match:
    # The value bonus can lift a score past 1; shown scores stay in 0..1.
    return Match(fact.id, round(min(score, 1.0), 4), fact.title, fact.verdict, fact.cluster.sources)


def _result(
    expectation: Expectation,
    findings: tuple[Finding, ...],
    match: Match | None,
    nearest: Match | None,
    observation: Observation | None,
) -> ExpectationResult:
    if expectation.xfail is not None:
        if findings:
            return ExpectationResult(expectation, "xfail", findings, match, nearest, observation)
        unexpected = finding(
            expectation,
            Code.UNEXPECTED_PASS,
            f"marked xfail ({expectation.xfail}) but now holds: remove the xfail",
            severity="warning",
        )
        return ExpectationResult(expectation, "warning", (unexpected,), match, nearest, observation)
    if any(f.severity == "error" for f in findings):
        outcome: Outcome = "failed"
    elif findings:
        outcome = "warning"
    else:
        outcome = "passed"
    return ExpectationResult(expectation, outcome, findings, match, nearest, observation)
