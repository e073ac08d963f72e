"""The JUnit XML check result: one testcase per expectation, so CI test tabs list them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mineralcheck.gate.results import CheckResult, ExpectationResult, FailOn, fails


class JunitRenderer:
    """Renders a CheckResult as JUnit XML (the subset GitHub, GitLab and Jenkins read)."""

    def render(self, result: CheckResult, fail_on: FailOn) -> str:
        cases = [_case(r, result.claims_path, fail_on) for r in result.results]
        failures = sum(1 for c in cases if c.find("failure") is not None)
        skipped = sum(1 for c in cases if c.find("skipped") is not None)
        suite = ET.Element(
            "testsuite",
            name="mineralcheck",
            tests=str(len(cases)),
            failures=str(failures),
            errors="0",
            skipped=str(skipped),
        )
        suite.extend(cases)
        root = ET.Element("testsuites", name="mineralcheck", tests=str(len(cases)), failures=str(failures))
        root.append(suite)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case(item: ExpectationResult, path: str, fail_on: FailOn) -> ET.Element:
    e = item.expectation
    case = ET.Element("testcase", classname=path, name=e.id, file=path, line=str(e.line))
    failing = [f for f in item.counted if fails(f, fail_on)]
    if item.outcome == "xfail":
        ET.SubElement(case, "skipped", message=_clean(f"xfail: {e.xfail}"))
    elif failing:
        first = failing[0]
        failure = ET.SubElement(
            case, "failure", message=_clean(first.message), type=f"{first.code} {first.code.slug}"
        )
        failure.text = _clean("\n".join(f"{path}:{f.line}: {f.code} {f.message}" for f in failing))
    notes = [f for f in item.findings if f not in failing]
    if notes:
        out = ET.SubElement(case, "system-out")
        out.text = _clean("\n".join(f"{f.severity}: {f.code} {f.message}" for f in notes))
    return case


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters from odd article text)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)
