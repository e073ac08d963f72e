"""Evaluate claims.yaml against a report: which expected facts hold, which regressed, and the exit code.

Pure apart from the embedder it is given: no I/O, never prints. Matching an expectation to a fact
mixes meaning (cosine of sentence vectors) with wording (rapidfuzz), so that a paraphrase still
matches and a fact that merely shares a topic does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, utils

from mineralcheck.baseline import Baseline, Observation, observe
from mineralcheck.embed import Embedder
from mineralcheck.errors import ExitCode
from mineralcheck.expectations import Expectation, ExpectationSet, Severity
from mineralcheck.fit import Statement, fits, measures, pinned_sources, statements
from mineralcheck.models import Claim, Fact, Report, SourceId, Value
from mineralcheck.normalize import values_compatible
from mineralcheck.report.base import Labels, location, source_labels

MEANING_WEIGHT = 0.75
"""Share of the match score given to the cosine of the sentence vectors; the rest is wording."""

VALUE_BONUS = 0.05
"""Added to the score of a fact that states a value comparable to the expected one (a tie-breaker
between two facts about the same topic; never a penalty, so an edited figure still matches)."""


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

FailOn = Literal["error", "warning"]

_RANK: dict[Severity, int] = {"warning": 1, "error": 2}


@dataclass(frozen=True)
class Finding:
    """One way an expectation does not hold, with the values side by side."""

    code: Code
    expectation: str
    """Id of the expectation."""
    severity: Severity
    message: str
    """One line naming the claim and the values: "china-share: expected >90%, found 80% (002_b)"."""
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


def summary_line(result: CheckResult) -> str:
    """ "12 expectations: 10 passed, 1 failed, 1 warning" (plus xfail when there are any)."""
    counts = result.counts()
    total = len(result.results)
    noun = "expectation" if total == 1 else "expectations"
    warnings = "warning" if counts["warning"] == 1 else "warnings"
    line = f"{total} {noun}: {counts['passed']} passed, {counts['failed']} failed, "
    line += f"{counts['warning']} {warnings}"
    if counts["xfail"]:
        line += f", {counts['xfail']} xfail"
    return line


def fails(finding: Finding, fail_on: FailOn) -> bool:
    """Whether `finding` fails the run under --fail-on `fail_on`."""
    return _RANK[finding.severity] >= _RANK[fail_on]


def exit_code(result: CheckResult, fail_on: FailOn = "error") -> ExitCode:
    """FAILED when a counted finding is at or above `fail_on`, else OK (never ERROR: that is the CLI's)."""
    if any(fails(f, fail_on) for f in result.findings()):
        return ExitCode.FAILED
    return ExitCode.OK


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
    scores, claim_scores = _scores(expectations.expectations, report.facts, embedder)
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


# --- matching -------------------------------------------------------------------------------


def _scores(
    expectations: Sequence[Expectation], facts: Sequence[Fact], embedder: Embedder
) -> tuple[np.ndarray, list[dict[str, float]]]:
    """Match score of every (expectation, fact) pair, shape (len(expectations), len(facts)), and
    for each expectation the score of every claim (by id). A fact without a figure of the frame
    an expectation pins scores -1: it never matches."""
    out = np.zeros((len(expectations), len(facts)), dtype=np.float64)
    per_claim: list[dict[str, float]] = [{} for _ in expectations]
    if not expectations or not facts:
        return out, per_claim
    phrases = sorted({m for e in expectations for m in e.match})
    texts = sorted({c.text for f in facts for c in f.cluster.claims})
    vectors = embedder.encode(phrases + texts) if phrases else np.zeros((0, 1))
    phrase_row = {p: k for k, p in enumerate(phrases)}
    text_row = {t: k for k, t in enumerate(texts)}
    cosines = vectors[: len(phrases)] @ vectors[len(phrases) :].T if phrases else np.zeros((0, 0))
    for i, expectation in enumerate(expectations):
        for j, fact in enumerate(facts):
            if expectation.pin is not None and not pinned_sources(fact, expectation.pin):
                out[i, j] = -1.0
                continue
            best = 0.0
            for claim in fact.cluster.claims:
                score = max(
                    (
                        MEANING_WEIGHT * float(cosines[phrase_row[phrase], text_row[claim.text]])
                        + (1 - MEANING_WEIGHT) * _wording(phrase, claim.text)
                        for phrase in expectation.match
                    ),
                    default=0.0,
                )
                per_claim[i][claim.id] = score
                best = max(best, score)
            if expectation.value is not None and _comparable_values(expectation.value.value, fact):
                best += VALUE_BONUS
            out[i, j] = best
    return out, per_claim


def _wording(phrase: str, text: str) -> float:
    """Word overlap in 0..1; token_set_ratio ignores word order, which suits paraphrase, but it
    scores a short text inside a long one as 100, so it is scaled by how much of the phrase the
    text could cover."""
    phrase_words = utils.default_process(phrase).split()
    text_words = utils.default_process(text).split()
    if not phrase_words or not text_words:
        return 0.0
    coverage = min(1.0, len(text_words) / len(phrase_words))
    return fuzz.token_set_ratio(phrase, text, processor=utils.default_process) / 100 * coverage


def _comparable_values(expected: Value, fact: Fact) -> list[tuple[SourceId, Value]]:
    return [
        (claim.source, value)
        for claim in fact.cluster.claims
        for value in claim.values
        if values_compatible(expected, value) is not None
    ]


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
        missing = _finding(expectation, Code.MISSING, _missing_message(expectation, report, candidate))
        return _result(expectation, (missing,), None, candidate, None)

    fact = report.facts[best]
    findings = list(_core_findings(expectation, fact, report, claim_scores))
    observation = observe(fact, expectation.value.value if expectation.value else None, expectation.pin)
    result = _result(expectation, tuple(findings), candidate, None, observation)
    if baseline is not None and result.outcome != "xfail":
        previous = baseline.claims.get(expectation.id)
        if previous is not None:
            severity: Severity = expectation.severity if strict else "warning"
            extra = _baseline_findings(expectation, previous, observation, baseline, report, severity)
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
        f"nearest: {nearest.fact_id} “{_short(nearest.title)}” scored {nearest.score:.2f}"
        if nearest
        else "the report has no facts"
    )
    return (
        f"no fact matches “{_short(expectation.match[0])}” (needs a score of "
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
        unexpected = _finding(
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


def _core_findings(
    expectation: Expectation, fact: Fact, report: Report, claim_scores: dict[str, float]
) -> list[Finding]:
    findings: list[Finding] = []
    sources = fact.cluster.sources
    label = f"{fact.id} “{_short(fact.title)}”"

    if expectation.value is not None or expectation.pin is not None:
        labels = source_labels(report.articles)
        found = statements(
            fact,
            expectation.value.value if expectation.value else None,
            expectation.pin,
            lambda claim: claim_scores.get(claim.id, 0.0),
        )
        findings.extend(_value_findings(expectation, found, label, labels))

    wanted = expectation.status
    if wanted != "any" and fact.verdict != wanted:
        why = f" ({fact.reason.summary})" if fact.reason.summary else ""
        if fact.verdict == "diverge":
            code = Code.DIVERGING
            message = f"expected {wanted}, but the sources diverge on {label}{why}"
        elif wanted == "diverge":
            code = Code.NO_LONGER_DIVERGING
            message = f"expected the sources to diverge, but {label} is {fact.verdict}{why}"
        else:
            code = Code.STATUS_CHANGED
            message = f"expected {wanted}, found {fact.verdict} for {label}{why}"
        findings.append(_finding(expectation, code, message, expected=wanted, found=fact.verdict))

    if len(sources) < expectation.min_sources:
        findings.append(
            _finding(
                expectation,
                Code.TOO_FEW_SOURCES,
                f"expected at least {expectation.min_sources} sources, found {len(sources)} "
                f"({', '.join(sources)}) for {label}",
                expected=str(expectation.min_sources),
                found=str(len(sources)),
            )
        )

    for wanted_source in expectation.sources:
        if not _among(wanted_source, fact.cluster.sources, report):
            absent = (
                "" if _among(wanted_source, _all_ids(report), report) else " (no such article in this run)"
            )
            findings.append(
                _finding(
                    expectation,
                    Code.SOURCE_REQUIRED,
                    f"source {wanted_source} does not state {label}{absent}",
                    expected=wanted_source,
                    found=", ".join(sources),
                )
            )
    for unwanted in expectation.excluded_sources:
        if _among(unwanted, fact.cluster.sources, report):
            findings.append(
                _finding(
                    expectation,
                    Code.SOURCE_FORBIDDEN,
                    f"source {unwanted} states {label}, but is excluded",
                    expected=f"not {unwanted}",
                    found=", ".join(sources),
                )
            )
    return findings


def _value_findings(
    expectation: Expectation, found: dict[SourceId, Statement], label: str, labels: Labels
) -> list[Finding]:
    """Each source's statement (its claim that best matches the expectation, with the figures that
    can be compared) must hold a value within the expected one; a failure names the figure, the
    outlet and the line, and never a figure of another claim."""
    expected = expectation.value
    what = f"a figure of “{expectation.pin.describe()}”" if expectation.pin else "a comparable value"
    if not found:
        return [
            _finding(
                expectation,
                Code.VALUE_CHANGED,
                f"expected {expected.text if expected else what}, but no source of {label} states {what}",
                expected=expected.text if expected else what,
                found="no value",
            )
        ]
    if expected is None:
        return []
    # A claim may state several readings (a date and its weekday): one fitting is enough.
    wrong = [s for s in found.values() if not any(fits(expected.value, v) for v in s.values)]
    if not wrong:
        return []
    stated = "; ".join(_statement(s, labels) for s in wrong)
    right = [labels.get(s, s) for s in found if all(w.source != s for w in wrong)]
    also = f"; {', '.join(right)} still state a fitting value" if right else ""
    return [
        _finding(
            expectation,
            Code.VALUE_CHANGED,
            f"expected {expected.text}, found {stated} ({label.split()[0]}){also}",
            expected=expected.text,
            found="; ".join(f"{_as_written(s.values)} ({location(s.claim, labels)})" for s in wrong),
        )
    ]


def _statement(statement: Statement, labels: Labels) -> str:
    """ "more than 60% at kuwaittimes.com:7 “China processes more than 60% of the world's …”"."""
    claim: Claim = statement.claim
    return f"{_as_written(statement.values)} at {location(claim, labels)} “{_short(claim.text)}”"


def _baseline_findings(
    expectation: Expectation,
    previous: Observation,
    now: Observation,
    baseline: Baseline,
    report: Report,
    severity: Severity,
) -> tuple[Finding, ...]:
    hashes = {a.id: a.sha256 for a in report.articles}

    def cause(source: str) -> str:
        old = baseline.sources.get(source)
        new = hashes.get(SourceId(source))
        if new is None:
            return "the article is no longer among the inputs"
        if old is None:
            return "the article is new since the baseline"
        if old == new:
            return "the article is unchanged, so mineralcheck's reading changed"
        return "the article's text changed"

    out: list[Finding] = []
    if now.verdict == "diverge" and previous.verdict != "diverge":
        out.append(
            _finding(
                expectation,
                Code.BASELINE_NEW_DIVERGENCE,
                f"now diverges; in the baseline it was {previous.verdict}",
                severity=severity,
                expected=previous.verdict,
                found=now.verdict,
            )
        )
    for source in sorted(set(previous.sources) - set(now.sources)):
        out.append(
            _finding(
                expectation,
                Code.BASELINE_SOURCE_DROPPED,
                f"source {source} no longer states it ({cause(source)})",
                severity=severity,
                expected=source,
                found=", ".join(sorted(now.sources)),
            )
        )
    for source in sorted(set(previous.sources) & set(now.sources)):
        before, after = previous.sources[source], now.sources[source]
        if before != after:
            old_text, new_text = ", ".join(before) or "no value", ", ".join(after) or "no value"
            out.append(
                _finding(
                    expectation,
                    Code.BASELINE_VALUE_MOVED,
                    f"source {source} moved from {old_text} to {new_text} ({cause(source)})",
                    severity=severity,
                    expected=old_text,
                    found=new_text,
                )
            )
    return tuple(out)


def _finding(
    expectation: Expectation,
    code: Code,
    message: str,
    *,
    severity: Severity | None = None,
    expected: str = "",
    found: str = "",
) -> Finding:
    return Finding(
        code=code,
        expectation=expectation.id,
        severity=severity or expectation.severity,
        message=f"{expectation.id}: {message}",
        line=expectation.line,
        expected=expected,
        found=found,
    )


def _all_ids(report: Report) -> tuple[SourceId, ...]:
    return tuple(a.id for a in report.articles)


def _among(name: str, sources: Sequence[SourceId], report: Report) -> bool:
    """Whether the article called `name` (its id, file name or path) is one of `sources`."""
    by_id = {a.id: a for a in report.articles}
    for source in sources:
        article = by_id.get(source)
        path = article.path if article else ""
        if name == source or (path and (name == path or path.endswith("/" + name))):
            return True
    return False


def _as_written(values: Sequence[Value]) -> str:
    """The figures as the article writes them ("more than 60%"): what an editor searches for."""
    return " / ".join(dict.fromkeys(" ".join(v.text.split()) for v in values))


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
