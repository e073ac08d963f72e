"""Escape sequences in articles and file names never reach a terminal: every human format (terminal,
markdown, check's findings, warnings) shows them as visible escapes, the JSON keeps the text verbatim,
and a line break in a file name never starts a line of its own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mineralcheck.errors import ExitCode
from mineralcheck.report import ReportFormat
from tests.runs import (
    COURIER,
    HERALD,
    HOSTILE,
    RAW_CONTROLS,
    assert_offsets_exact,
    news,
    run_checked,
)

pytestmark = pytest.mark.usefixtures("fake_model")  # every command gets FakeEmbedder and its own cache


def _unescape_markdown(text: str) -> str:
    return re.sub(r"\\([\\`*_\[\]<>|~#])", r"\1", text)


@pytest.mark.parametrize("fmt", [*(f.value for f in ReportFormat), "terminal-in-colour"])
def test_escape_sequences_in_an_article_never_reach_the_terminal(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    news(in_tmp, hostile__txt=HOSTILE)
    if fmt == "terminal-in-colour":  # rich's own colour codes on: the article's must still be inert
        monkeypatch.setenv("FORCE_COLOR", "1")
        result = run_checked("compare", "news", "--singles")
        assert "\x1b[1m" in result.stdout
        assert not [s for s in ("\x1b]0;", "\x1b[2J", "\x07", "\x9b", "\u202e") if s in result.stdout]
        assert "\\x1b]0;pwned-title" in result.stdout
        return
    # --singles: the hostile sentences are each stated by one source, listed only when asked
    result = run_checked("compare", "news", "--format", fmt, "--singles")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert not [c for c in RAW_CONTROLS if c in result.stdout]
    if fmt == "json":
        # For programs the text is verbatim (escaped as JSON), so its offsets point into the article.
        assert_offsets_exact(json.loads(result.stdout), "hostile", HOSTILE)
        return
    shown = _unescape_markdown(result.stdout) if fmt == "markdown" else result.stdout
    assert "\\x1b]0;pwned-title" in shown  # visible, not acted on
    assert "\\x1b[31mreopened" in shown
    for printable in ("Zürich", "東京", "🎉"):  # printable text of any script stays as it is
        assert printable in shown, printable


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "github"])
def test_escape_sequences_quoted_in_check_findings_are_inert(in_tmp: Path, fmt: str) -> None:
    news(in_tmp, hostile__txt=HOSTILE)
    (in_tmp / "claims.yaml").write_text(
        "version: 1\nclaims:\n  - id: reopened\n    match: The Lindmoor river bridge reopened on Monday\n"
        "    expect: {min_sources: 5}\n"
    )
    result = run_checked("check", "news", "--format", fmt)
    assert result.exit_code == ExitCode.FAILED, result.stderr
    assert "reopened" in result.stdout  # the finding quotes the article
    assert not [c for c in RAW_CONTROLS if c in result.stdout]


def test_escape_sequences_and_line_breaks_in_file_names_stay_on_one_inert_line(in_tmp: Path) -> None:
    folder = news(in_tmp, courier__txt=COURIER)
    (folder / "\x1b]0;owned\x07.txt").write_text("")
    (folder / "x\nerror: all good.txt").write_text("")
    result = run_checked("compare", "news", "--format", "markdown")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert not [c for c in RAW_CONTROLS if c in result.stderr + result.stdout]
    assert sorted(result.stderr.splitlines()) == [
        "warning: skipped news/\\x1b]0;owned\\x07.txt: empty file",
        "warning: skipped news/x\\nerror: all good.txt: empty file",
    ]
    assert "- `news/x\\nerror: all good.txt`: empty file" in result.stdout


def test_init_keeps_a_line_break_in_a_file_name_inside_its_comment(in_tmp: Path) -> None:
    folder = news(in_tmp)
    (folder / "copy\nversion: 2.txt").write_text(HERALD.replace("Monday", "Tuesday"))
    result = run_checked("init", "news")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "\nversion: 2" not in (in_tmp / "claims.yaml").read_text()
    assert run_checked("check").exit_code in (ExitCode.OK, ExitCode.FAILED)  # the file still loads
