"""The findings of one expectation against the fact it matched: its value, status and sources, and
changes since the baseline. Each names the claim, the values side by side, and the outlet and line."""

from __future__ import annotations

from collections.abc import Sequence

from mineralcheck.gate.baseline import Baseline, Observation
from mineralcheck.gate.expectations import Expectation, Severity
from mineralcheck.gate.fit import Statement, fits, statements
from mineralcheck.gate.results import Code, Finding
from mineralcheck.models import Claim, Fact, Report, SourceId, Value
from mineralcheck.report.base import Labels, location, source_labels


def core_findings(
    expectation: Expectation, fact: Fact, report: Report, claim_scores: dict[str, float]
) -> list[Finding]:
    """What does not hold of `expectation` on the fact it matched: value, status, sources."""
    findings: list[Finding] = []
    label = f"{fact.id} “{short(fact.title)}”"

    if expectation.value is not None or expectation.pin is not None:
        labels = source_labels(report.articles)
        found = statements(
            fact,
            expectation.value.value if expectation.value else None,
            expectation.pin,
            lambda claim: claim_scores.get(claim.id, 0.0),
        )
        findings.extend(_value_findings(expectation, found, label, labels))
    findings.extend(_status_findings(expectation, fact, label))
    findings.extend(_source_findings(expectation, fact, report, label))
    return findings


def _status_findings(expectation: Expectation, fact: Fact, label: str) -> list[Finding]:
    """The verdict differs from `expect.status`."""
    wanted = expectation.status
    if wanted == "any" or fact.verdict == wanted:
        return []
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
    return [finding(expectation, code, message, expected=wanted, found=fact.verdict)]


def _source_findings(expectation: Expectation, fact: Fact, report: Report, label: str) -> list[Finding]:
    """Too few sources, a required source missing, an excluded source present."""
    findings: list[Finding] = []
    sources = fact.cluster.sources
    if len(sources) < expectation.min_sources:
        findings.append(
            finding(
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
                finding(
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
                finding(
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
            finding(
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
    verb = "states" if len(right) == 1 else "state"
    also = f"; {', '.join(right)} still {verb} a fitting value" if right else ""
    return [
        finding(
            expectation,
            Code.VALUE_CHANGED,
            f"expected {expected.text}, found {stated} ({label.split()[0]}){also}",
            expected=expected.text,
            found="; ".join(f"{_as_written(s.values)} ({location(s.claim, labels)})" for s in wrong),
        )
    ]


def _statement(statement: Statement, labels: Labels) -> str:
    """ "more than 60% at harbourpost.example:7 “Norland refines more than 60% of the world's …”"."""
    claim: Claim = statement.claim
    return f"{_as_written(statement.values)} at {location(claim, labels)} “{short(claim.text)}”"


def baseline_findings(
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
            finding(
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
            finding(
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
                finding(
                    expectation,
                    Code.BASELINE_VALUE_MOVED,
                    f"source {source} moved from {old_text} to {new_text} ({cause(source)})",
                    severity=severity,
                    expected=old_text,
                    found=new_text,
                )
            )
    return tuple(out)


def finding(
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


def short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
