"""Renderers of check results: every CheckFormat renders; JSON, JUnit and annotations are well-formed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from mineralcheck.gate.expectations import Expectation
from mineralcheck.gate.formats import CheckFormat, CheckRenderer, render_check
from mineralcheck.gate.formats.github import MAX_ANNOTATIONS, GithubRenderer
from mineralcheck.gate.formats.terminal import lines
from mineralcheck.gate.results import CheckResult, Code, ExpectationResult, Finding, Match
from mineralcheck.models import Article, Report, SourceId


def _expectation(n: int, **kwargs: object) -> Expectation:
    return Expectation(
        id=f"claim-{n}", title=f"Fact number {n} | with a pipe", match=("x",), line=3 * n, **kwargs
    )  # type: ignore[arg-type]


def _finding(
    e: Expectation, code: Code = Code.VALUE_CHANGED, severity: str = "error", message: str = ""
) -> Finding:
    text = message or f"{e.id}: expected >90%, found 80% (b)"
    return Finding(code, e.id, severity, text, e.line, ">90%", "80% (b)")  # type: ignore[arg-type]


def _match() -> Match:
    return Match("f1", 0.91, "China processes", "agree", (SourceId("a"), SourceId("b")))


def _result(*items: ExpectationResult) -> CheckResult:
    report = Report(
        articles=(Article(id=SourceId("a"), path="news/a.txt", text="", sha256="1" * 64),), facts=()
    )
    return CheckResult("ci/claims.yaml", items, report)


def mixed() -> CheckResult:
    failed = _expectation(1)
    warned = _expectation(2, severity="warning")
    xfailed = _expectation(3, xfail="known <bug> & co")
    passed = _expectation(4)
    return _result(
        ExpectationResult(failed, "failed", (_finding(failed),), _match()),
        ExpectationResult(warned, "warning", (_finding(warned, Code.TOO_FEW_SOURCES, "warning"),), _match()),
        ExpectationResult(xfailed, "xfail", (_finding(xfailed, Code.MISSING),), None),
        ExpectationResult(passed, "passed", (), _match()),
    )


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_every_format_has_a_renderer_that_renders(fmt: CheckFormat) -> None:
    renderer = fmt.renderer()
    assert isinstance(renderer, CheckRenderer)
    text = render_check(mixed(), fmt)
    assert text.endswith("\n") and "\x1b[" not in text
    assert render_check(mixed(), fmt) == text  # deterministic


def test_terminal_lists_failures_first_then_one_summary_line() -> None:
    text = render_check(mixed(), CheckFormat.terminal).splitlines()
    assert text[0] == "✗ ci/claims.yaml:3: MC002 value-changed claim-1: expected >90%, found 80% (b)"
    assert text[1].startswith("! ci/claims.yaml:6: MC005 too-few-sources")
    assert text[2].startswith("x ci/claims.yaml:9: claim-3: xfail")
    assert text[-1] == "4 expectations: 2 passed, 1 failed, 1 xfail; 1 warning"
    assert len(text) == 4
    verbose = [line for _, line in lines(mixed(), "error", verbose=True)]
    assert "✓ claim-4: f1 (agree, 2 sources, score 0.91)" in verbose


def test_fail_on_warning_turns_warnings_into_failures() -> None:
    text = render_check(mixed(), CheckFormat.terminal, "warning").splitlines()
    assert text[1].startswith("✗ ci/claims.yaml:6: MC005")
    assert text[-1] == "4 expectations: 1 passed, 2 failed, 1 xfail"
    assert json.loads(render_check(mixed(), CheckFormat.json, "warning"))["exit_code"] == 1


def test_the_summary_counts_every_warning_line_it_follows() -> None:
    # A failed expectation with a change since the baseline prints a ✗ and a ! line: the summary
    # said "0 warnings" under them (issue 20). It counts lines as they are marked.
    failed = _expectation(1)
    moved = Finding(Code.BASELINE_VALUE_MOVED, failed.id, "warning", "claim-1: source a moved", failed.line)
    result = _result(ExpectationResult(failed, "failed", (_finding(failed), moved, moved), _match()))
    text = render_check(result, CheckFormat.terminal).splitlines()
    assert [line[0] for line in text[:-1]] == ["✗", "!", "!"]
    assert text[-1] == "1 expectation: 0 passed, 1 failed; 2 warnings"
    assert "**1 expectation: 0 passed, 1 failed; 2 warnings**" in render_check(result, CheckFormat.markdown)


def test_json_is_pure_json_with_the_exit_code() -> None:
    data = json.loads(render_check(mixed(), CheckFormat.json))
    assert data["exit_code"] == 1 and data["fail_on"] == "error"
    assert data["summary"] == {"expectations": 4, "passed": 1, "failed": 1, "warning": 1, "xfail": 1}
    first = data["expectations"][0]
    assert first["findings"][0] == {
        "code": "MC002",
        "name": "value-changed",
        "severity": "error",
        "fails_run": True,
        "message": "claim-1: expected >90%, found 80% (b)",
        "line": 3,
        "expected": ">90%",
        "found": "80% (b)",
    }
    assert data["expectations"][2]["findings"][0]["fails_run"] is False  # xfail
    assert data["sources"] == [{"id": "a", "path": "news/a.txt", "sha256": "1" * 64}]


def test_junit_is_valid_xml_with_one_testcase_per_expectation() -> None:
    root = ET.fromstring(render_check(mixed(), CheckFormat.junit).encode())
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["claim-1", "claim-2", "claim-3", "claim-4"]
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("4", "1", "1")
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "MC002 value-changed"
    assert "ci/claims.yaml:3" in (failure.text or "")
    assert cases[1].find("failure") is None and "MC005" in (cases[1].findtext("system-out") or "")
    skipped = cases[2].find("skipped")
    assert skipped is not None and skipped.get("message") == "xfail: known <bug> & co"
    assert cases[0].get("file") == "ci/claims.yaml" and cases[0].get("line") == "3"


def test_junit_drops_characters_xml_cannot_carry() -> None:
    e = _expectation(1)
    result = _result(ExpectationResult(e, "failed", (_finding(e, message="bad \x00\x07 byte"),), None))
    ET.fromstring(render_check(result, CheckFormat.junit).encode())


def test_markdown_has_the_summary_a_findings_table_and_escapes_cells() -> None:
    text = render_check(mixed(), CheckFormat.markdown)
    assert text.startswith(
        "## mineralcheck: claims failed\n\n**4 expectations: 2 passed, 1 failed, 1 xfail; 1 warning**"
    )
    assert "| ❌ | `MC002` value-changed | `claim-1` |" in text
    assert "Fact number 1 \\| with a pipe" in text
    assert "known \\<bug\\> &amp; co" in text


def test_github_annotations_point_at_the_claims_file_and_are_escaped() -> None:
    e = _expectation(1)
    nasty = "claim-1: 100% wrong,\nsecond line: yes"
    out = GithubRenderer().render(
        _result(ExpectationResult(e, "failed", (_finding(e, message=nasty),), None)), "error"
    )
    first, notice = out.splitlines()
    assert first == (
        "::error file=ci/claims.yaml,line=3,title=MC002 value-changed (claim-1)::"
        "claim-1: 100%25 wrong,%0Asecond line: yes"
    )
    assert notice.startswith("::notice title=mineralcheck::1 expectation: 0 passed, 1 failed")


def test_github_properties_escape_colons_and_commas() -> None:
    e = Expectation(id="a", title="t", match=("x",), line=1)
    result = CheckResult(
        "we,ird:name.yaml", (ExpectationResult(e, "failed", (_finding(e),), None),), Report((), ())
    )
    assert "file=we%2Cird%3Aname.yaml,line=1," in GithubRenderer().render(result, "error")


def test_github_annotations_are_capped_and_the_rest_counted() -> None:
    items = []
    for n in range(1, 16):
        e = _expectation(n)
        items.append(ExpectationResult(e, "failed", (_finding(e),), None))
    out = GithubRenderer().render(_result(*items), "error").splitlines()
    assert sum(line.startswith("::error ") for line in out) == MAX_ANNOTATIONS
    assert "(5 more findings not annotated; see the report)" in out[-1]
    long = "x" * 5000
    e = _expectation(1)
    one = GithubRenderer().render(
        _result(ExpectationResult(e, "failed", (_finding(e, message=long),), None)), "error"
    )
    assert len(one.splitlines()[0]) < 1200
