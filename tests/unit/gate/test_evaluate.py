"""gate.evaluate: which expectations hold against a hand-built report, with the fake embedder."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

import pytest

from mineralcheck import gate
from mineralcheck.errors import ExitCode
from mineralcheck.gate import Code, evaluate, exit_code, summary_line
from mineralcheck.gate.baseline import Baseline, Observation
from mineralcheck.gate.expectations import loads
from mineralcheck.models import Article, Claim, Cluster, Fact, Reason, Report, SourceId
from mineralcheck.values import extract_values
from tests.fakes import FakeEmbedder

BASE = dt.date(2015, 7, 28)


def claim(source: str, text: str, line: int = 1) -> Claim:
    return Claim(
        id=f"{source}:{line}",
        source=SourceId(source),
        start=0,
        end=len(text),
        line=line,
        evidence=text,
        text=text,
        values=extract_values(text, base_date=BASE),
    )


def fact(fact_id: str, verdict: str, *claims: Claim, summary: str = "") -> Fact:
    return Fact(
        cluster=Cluster(fact_id, claims),
        verdict=verdict,  # type: ignore[arg-type]
        reason=Reason(summary),
        title=claims[0].text,
    )


def report(*facts: Fact, texts: dict[str, str] | None = None) -> Report:
    sources = sorted({c.source for f in facts for c in f.cluster.claims} | set(texts or {}))
    texts = texts or {}
    return Report(
        articles=tuple(
            Article(
                id=SourceId(s),
                path=f"news/{s}.txt",
                text=texts.get(s, s),
                sha256=hashlib.sha256(texts.get(s, s).encode()).hexdigest(),
            )
            for s in sources
        ),
        facts=facts,
        model="fake",
    )


NORVIA = "Norvia refines more than 90% of the world's cobalt"
BOATS = "Norland will build 180 rowing boats in Lakeport"
MEETING = "Halden will open Norland's new ferry terminal with Quenby on Thursday"

CLAIMS = """\
version: 1
claims:
  - id: norvia-share
    match: "Norvia refines more than 90% of cobalt"
    expect: {value: ">90%", status: agree, min_sources: 2}
  - id: lakeport-boats
    match: "Norland will build 180 rowing boats in Lakeport"
    expect: {value: "180 boats"}
"""


def seeds() -> Report:
    return report(
        fact("f1", "agree", claim("a", NORVIA), claim("b", "Norvia refines more than 90% of cobalt")),
        fact("f2", "single", claim("a", BOATS)),
        fact("f3", "single", claim("c", "The weather in Varna was mild")),
    )


def run(claims_yaml: str, rep: Report, **kwargs: object) -> gate.CheckResult:
    return evaluate(loads(claims_yaml), rep, embedder=FakeEmbedder(), **kwargs)  # type: ignore[arg-type]


def codes(result: gate.CheckResult) -> list[str]:
    return [f.code for r in result.results for f in r.findings]


def test_expectations_that_hold_pass_and_exit_0() -> None:
    result = run(CLAIMS, seeds())
    assert [r.outcome for r in result.results] == ["passed", "passed"]
    assert [r.match.fact_id for r in result.results if r.match] == ["f1", "f2"]
    assert exit_code(result) is ExitCode.OK
    assert summary_line(result) == "2 expectations: 2 passed, 0 failed"


def test_an_edited_value_is_value_changed_naming_the_claim_and_both_values() -> None:
    rep = report(
        fact("f1", "agree", claim("a", NORVIA), claim("b", "Norvia refines 80% of cobalt")),
        fact("f2", "single", claim("a", BOATS)),
    )
    result = run(CLAIMS, rep)
    (finding,) = result.findings()
    assert finding.code is Code.VALUE_CHANGED
    assert finding.message.startswith(
        "norvia-share: expected >90%, found 80% at b:1 “Norvia refines 80% of cobalt” (f1)"
    )
    assert "a still states a fitting value" in finding.message
    assert finding.line == 3
    assert exit_code(result) is ExitCode.FAILED


def test_a_fact_stating_no_comparable_value_is_value_changed() -> None:
    rep = report(fact("f2", "single", claim("a", "Norland will build rowing boats in Lakeport")))
    result = run(CLAIMS, rep)
    boats = result.results[1]
    assert [f.code for f in boats.findings] == [Code.VALUE_CHANGED]
    assert "no source" in boats.findings[0].message


def test_nothing_close_enough_is_missing_and_names_the_nearest_fact() -> None:
    rep = report(fact("f3", "single", claim("c", "The weather in Varna was mild")))
    result = run(CLAIMS, rep)
    assert codes(result) == [Code.MISSING, Code.MISSING]
    assert "nearest: f3" in result.results[0].findings[0].message
    assert result.results[0].match is None


def test_an_empty_report_makes_every_expectation_missing() -> None:
    result = run(CLAIMS, report())
    assert codes(result) == [Code.MISSING, Code.MISSING]
    assert "the report has no facts" in result.results[0].findings[0].message


def test_too_few_sources() -> None:
    rep = report(fact("f1", "single", claim("a", NORVIA)), fact("f2", "single", claim("a", BOATS)))
    result = run(CLAIMS, rep)
    assert codes(result) == [Code.STATUS_CHANGED, Code.TOO_FEW_SOURCES]
    assert "expected at least 2 sources, found 1 (a)" in result.results[0].findings[1].message


def test_a_new_divergence_is_diverging() -> None:
    rep = report(
        fact(
            "f1",
            "diverge",
            claim("a", NORVIA),
            claim("b", "Norvia refines more than 90% of cobalt"),
            summary="quoted differently",
        )
    )
    result = run(CLAIMS.split("  - id: lakeport")[0], rep)
    assert codes(result) == [Code.DIVERGING]
    assert "quoted differently" in result.results[0].findings[0].message


def test_a_known_divergence_that_is_gone_is_no_longer_diverging() -> None:
    yaml_text = (
        'version: 1\nclaims:\n  - {id: d, match: "Norvia refines cobalt", expect: {status: diverge}}\n'
    )
    rep = report(fact("f1", "agree", claim("a", NORVIA), claim("b", NORVIA)))
    assert codes(run(yaml_text, rep)) == [Code.NO_LONGER_DIVERGING]


def test_required_and_excluded_sources() -> None:
    yaml_text = """\
version: 1
claims:
  - id: c
    match: Norvia refines more than 90% of cobalt
    expect: {sources: [a, news/c.txt, zzz], excluded_sources: [b.txt]}
"""
    rep = report(
        fact("f1", "agree", claim("a", NORVIA), claim("b", NORVIA)), fact("f9", "single", claim("c", "x"))
    )
    result = run(yaml_text, rep)
    assert codes(result) == [Code.SOURCE_REQUIRED, Code.SOURCE_REQUIRED, Code.SOURCE_FORBIDDEN]
    messages = [f.message for f in result.results[0].findings]
    assert "no such article" not in messages[0] and "no such article in this run" in messages[1]


def test_a_weekday_holds_when_any_reading_of_a_source_fits() -> None:
    yaml_text = f'version: 1\nclaims:\n  - {{id: meeting, match: "{MEETING}", expect: {{value: Thursday}}}}\n'
    both = "On Wednesday (Jul 29) Halden sails to Ostvale and opens it with Quenby on Thursday (Jul 30)"
    rep = report(fact("f1", "agree", claim("a", MEETING), claim("b", both)))
    assert codes(run(yaml_text, rep)) == []
    wrong = report(fact("f1", "agree", claim("a", MEETING.replace("Thursday", "Friday"))))
    assert codes(run(yaml_text, wrong)) == [Code.VALUE_CHANGED]


def test_a_warning_fails_the_run_only_with_fail_on_warning() -> None:
    result = run(CLAIMS.replace("min_sources: 2}", "min_sources: 3}\n    severity: warning"), seeds())
    assert [r.outcome for r in result.results] == ["warning", "passed"]
    assert exit_code(result, "error") is ExitCode.OK
    assert exit_code(result, "warning") is ExitCode.FAILED


def test_an_expected_failure_does_not_count_and_an_unexpected_pass_warns() -> None:
    failing = CLAIMS.replace("min_sources: 2}", "min_sources: 3}\n    xfail: {reason: known}")
    result = run(failing, seeds())
    assert result.results[0].outcome == "xfail"
    assert result.results[0].findings and result.findings() == ()
    assert exit_code(result, "warning") is ExitCode.OK
    assert summary_line(result).endswith(", 1 xfail")

    passing = CLAIMS.replace("min_sources: 2}", "min_sources: 2}\n    xfail: {reason: known}")
    result = run(passing, seeds())
    assert [f.code for f in result.findings()] == [Code.UNEXPECTED_PASS]
    assert exit_code(result) is ExitCode.OK


def test_a_comparable_value_breaks_a_tie_between_facts_on_one_topic() -> None:
    rep = report(
        fact("f1", "single", claim("a", "Norland will build rowing boats in Lakeport next spring")),
        fact("f2", "single", claim("b", "Norland will build 180 rowing boats in Lakeport")),
    )
    assert run(CLAIMS, rep).results[1].match.fact_id == "f2"  # type: ignore[union-attr]


def _baseline(verdict: str = "agree", **sources: tuple[str, ...]) -> Baseline:
    return Baseline(
        claims={"norvia-share": Observation(verdict, sources)},
        sources={"a": hashlib.sha256(b"a").hexdigest(), "b": "0" * 64},
    )


def test_baseline_changes_are_warnings_and_name_who_changed() -> None:
    rep = report(
        fact(
            "f1",
            "agree",
            claim("a", "Norvia refines more than 95% of the world's cobalt"),
            claim("b", NORVIA),
        )
    )
    before = _baseline(a=("more than 90%",), b=("more than 90%",), c=("more than 90%",))
    result = run(CLAIMS.split("  - id: lakeport")[0], rep, baseline=before)
    by_code = {f.code: f for f in result.findings()}
    assert set(by_code) == {Code.BASELINE_SOURCE_DROPPED, Code.BASELINE_VALUE_MOVED}
    assert (
        "source c no longer states it (the article is no longer among the inputs)"
        in by_code[Code.BASELINE_SOURCE_DROPPED].message
    )
    moved = by_code[Code.BASELINE_VALUE_MOVED].message
    assert "source a moved from more than 90% to more than 95%" in moved
    assert "mineralcheck's reading changed" in moved  # a's text hash is the baseline's
    assert all(f.severity == "warning" for f in result.findings())
    assert exit_code(result) is ExitCode.OK
    strict = run(CLAIMS.split("  - id: lakeport")[0], rep, baseline=before, strict=True)
    assert exit_code(strict) is ExitCode.FAILED


def test_a_new_divergence_since_the_baseline() -> None:
    rep = report(
        fact("f1", "diverge", claim("a", NORVIA), claim("b", "Norvia refines more than 90% of cobalt"))
    )
    yaml_text = CLAIMS.split("  - id: lakeport")[0].replace("status: agree, ", "")
    result = run(yaml_text, rep, baseline=_baseline(a=("more than 90%",), b=("more than 90%",)))
    assert [f.code for f in result.findings()] == [Code.BASELINE_NEW_DIVERGENCE]


def test_only_expectations_without_real_findings_are_accepted_into_the_baseline() -> None:
    rep = report(fact("f1", "single", claim("a", NORVIA)), fact("f2", "single", claim("a", BOATS)))
    accepted, keep = gate.accepted_observations(run(CLAIMS, rep))
    assert set(accepted) == {"lakeport-boats"} and keep == {"norvia-share", "lakeport-boats"}
    assert accepted["lakeport-boats"] == Observation("single", {"a": ("180 boat",)})


@pytest.mark.parametrize("code", list(Code))
def test_every_code_has_a_name_and_a_description(code: Code) -> None:
    assert code.slug and code.description.endswith(".")
    assert code.value.startswith("MC")


# --- a gate that catches edits -------------------------------------------------------------

DISTANCE = """\
version: 1
claims:
  - id: distance
    match: "The depot is more than 600 kilometres south of Varna"
    expect: {value: ">=600 km"}
"""
FAR = "The depot is more than 600 kilometres south of Varna"
NEAR = "The depot lies 17 kilometres west of the city"


@pytest.mark.parametrize(
    ("edited", "holds"),
    [
        ("Norvia refines 92% of the world's cobalt", True),
        ("Norvia refines more than 90% of the world's cobalt", True),
        ("Norvia refines more than 60% of the world's cobalt", False),
        ("Norvia refines about 70% of the world's cobalt", False),
    ],
)
def test_an_edit_fails_when_the_new_figure_is_not_within_the_expected_one(edited: str, holds: bool) -> None:
    rep = report(
        fact("f1", "agree", claim("a", NORVIA), claim("b", edited)), fact("f2", "single", claim("a", BOATS))
    )
    assert (codes(run(CLAIMS, rep)) == []) is holds


def test_an_edit_from_600_km_to_60_km_fails_naming_the_figure_the_outlet_and_the_line() -> None:
    assert codes(run(DISTANCE, report(fact("f1", "agree", claim("a", FAR), claim("b", FAR, line=7))))) == []
    edited = FAR.replace("600", "60")
    rep = report(fact("f1", "agree", claim("a", FAR), claim("b", edited, line=7)))
    (finding,) = run(DISTANCE, rep).findings()
    assert finding.code is Code.VALUE_CHANGED
    assert finding.message == (
        f"distance: expected >=600 km, found more than 60 kilometres at b:7 “{edited}” (f1); "
        "a still states a fitting value"
    )


def test_a_failure_never_blames_another_figure_of_the_fact() -> None:
    edited = FAR.replace("600", "60")
    rep = report(fact("f1", "agree", claim("a", FAR), claim("b", NEAR, line=3), claim("b", edited, line=7)))
    (finding,) = run(DISTANCE, rep).findings()
    assert "more than 60 kilometres at b:7" in finding.message
    assert "17" not in finding.message
    # Unedited, the other figure of the same outlet is no failure at all.
    fine = report(fact("f1", "agree", claim("a", FAR), claim("b", NEAR, line=3), claim("b", FAR, line=7)))
    assert codes(run(DISTANCE, fine)) == []


def test_failures_name_sources_by_their_outlet() -> None:
    rep = report(fact("f1", "agree", claim("a", FAR), claim("b", FAR.replace("600", "60"), line=7)))
    named = Report(
        tuple(replace(a, outlet="Lowmarsh Wire") if a.id == "b" else a for a in rep.articles),
        rep.facts,
        model="fake",
    )
    assert "at Lowmarsh Wire:7" in run(DISTANCE, named).findings()[0].message


def framed(source: str, text: str, *measures: str, line: int = 1, **frame: tuple[str, ...]) -> Claim:
    """A claim whose figures the fact frame reads as `measures` (one per figure, in order; the last
    one for the rest), with the qualifiers or scope given."""
    base = claim(source, text, line)
    values = tuple(
        replace(v, quantity=measures[min(k, len(measures) - 1)], **frame)  # type: ignore[arg-type]
        for k, v in enumerate(base.values)
    )
    return replace(base, values=values)


PINNED = """\
version: 1
claims:
  - id: injured
    measure: injured
    expect: {value: ">=200"}
"""


def test_a_measure_pins_the_fact_and_the_figure_without_any_match_words() -> None:
    rep = report(
        fact(
            "f1",
            "single",
            framed("a", "The blast injured 40 workers at the depot", "injured", scope=("Depot",)),
        ),
        fact(
            "f2",
            "agree",
            framed("a", "3 people were killed and more than 320 injured", "death", "injured"),
            framed("b", "at least 340 people were injured", "injured"),
        ),
    )
    result = run(PINNED, rep)
    assert result.results[0].match.fact_id == "f2"  # type: ignore[union-attr]
    assert codes(result) == []  # the "3" of the deaths is not what the expectation is about
    (finding,) = run(PINNED.replace(">=200", ">=330"), rep).findings()
    assert "found more than 320 at a:1" in finding.message and "found 3" not in finding.message


def test_a_measure_nobody_states_is_missing_and_names_the_measures_there_are() -> None:
    rep = report(
        fact("f1", "agree", framed("a", "8 people died", "death"), framed("b", "8 people died", "death"))
    )
    (finding,) = run(PINNED, rep).findings()
    assert finding.code is Code.MISSING
    assert finding.message == "injured: no fact states a figure of “injured” (measures in this report: death)"


def test_match_words_choose_among_the_facts_that_state_the_pinned_measure() -> None:
    yaml_text = """\
version: 1
claims:
  - id: confirmed
    match: "cases were confirmed in the district"
    measure: confirmed cases
    scope: Corvia
    expect: {value: "27"}
"""
    rep = report(
        fact(
            "f1",
            "single",
            framed("a", "27 cases were confirmed in the district", "case", qualifiers=("confirm",)),
        ),
        fact(
            "f2",
            "single",
            framed("a", "27 cases were recorded", "case", qualifiers=("confirm",), scope=("Corvia",)),
        ),
    )
    result = run(yaml_text, rep)
    # f1 reads closer to the words, but its figure is not the district's.
    assert result.results[0].match.fact_id == "f2"  # type: ignore[union-attr]
    assert codes(result) == []
