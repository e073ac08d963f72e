"""stdin, stdout and stderr, whatever they turn out to be: a terminal, closed, full, a pipe whose reader
left, another locale. None of these is a bug, so none ends in a traceback or in exit 1 (which CI reads
as "an expectation failed"); warnings go to the real stderr, never into the report.

Real processes (tests.runs.mc: the fake embedder in a real process), since only they have real
descriptors.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from mineralcheck.errors import ExitCode
from mineralcheck.report import ReportFormat
from tests.fakes import FAKE_MODEL_MAIN
from tests.runs import (
    COURIER,
    MAIN,
    err,
    mc,
    news,
    run_checked,
)

pytestmark = pytest.mark.usefixtures("fake_model")  # every command gets FakeEmbedder and its own cache


# --- stdin at a terminal or closed ------------------------------------------------------------


def test_stdin_at_a_terminal_is_refused_at_once_instead_of_hanging(tmp_path: Path) -> None:
    news(tmp_path)
    primary, terminal = pty.openpty()
    try:
        done = mc("compare", "-", "news", cwd=tmp_path, stdin=terminal, timeout=60)
    finally:
        os.close(primary)
        os.close(terminal)
    assert done.returncode == ExitCode.ERROR
    assert err(done).splitlines() == [
        "error: Input - means stdin, but nothing was piped in: pipe an article or give a path.",
        "Tip: curl -s URL | mineralcheck compare - other.txt",
    ]


def test_closed_stdin_is_an_input_error(tmp_path: Path) -> None:
    news(tmp_path)
    done = mc("compare", "-", "news", cwd=tmp_path, prefix=("sh", "-c", 'exec "$0" "$@" <&-'))
    assert done.returncode == ExitCode.ERROR
    assert err(done) == "error: Input - means stdin, but stdin is closed: pipe an article or give a path.\n"
    assert done.stdout == b""


# --- stdout and stderr: full, closed, or a pipe whose reader left -----------------------------


@pytest.mark.parametrize(
    "args", [["compare", "news"], ["compare", "news", "--format", "json"], ["check", "news"]]
)
@pytest.mark.usefixtures("warm")
def test_stdout_on_a_full_disk_is_an_output_error(tmp_path: Path, args: list[str]) -> None:
    news(tmp_path, courier__txt=COURIER)
    (tmp_path / "claims.yaml").write_text("version: 1\nclaims:\n  - id: a\n    match: the bridge closed\n")
    with open("/dev/full", "wb") as full:
        done = mc(*args, cwd=tmp_path, stdout=full)
    assert done.returncode == ExitCode.ERROR
    assert err(done).splitlines() == [
        "error: Cannot write the report to stdout: no space left on device",
        "Tip: free some disk space, or write the report elsewhere",
    ]


def _closed_pipe() -> int:
    """The write end of a pipe whose reader already left, as with `| true` or `| head -1`."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    return write_end


@pytest.mark.parametrize("fmt", [f.value for f in ReportFormat])
@pytest.mark.usefixtures("warm")
def test_a_closed_pipe_on_stdout_exits_0_quietly(tmp_path: Path, fmt: str) -> None:
    news(tmp_path, courier__txt=COURIER)
    write_end = _closed_pipe()
    try:
        done = mc("compare", "news", "--format", fmt, cwd=tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    assert (done.returncode, err(done)) == (ExitCode.OK, "")


@pytest.mark.parametrize(("expect", "code"), [("agree", ExitCode.OK), ("diverge", ExitCode.FAILED)])
@pytest.mark.parametrize("fmt", ["terminal", "json"])
@pytest.mark.usefixtures("warm")
def test_check_into_a_closed_pipe_still_exits_with_its_verdict(
    tmp_path: Path, fmt: str, expect: str, code: ExitCode
) -> None:
    news(tmp_path, courier__txt=COURIER)
    (tmp_path / "claims.yaml").write_text(
        "version: 1\nclaims:\n  - id: daily-traffic\n"
        "    match: About 18,000 vehicles cross the bridge every day\n"
        f"    expect: {{status: {expect}}}\n"
    )
    write_end = _closed_pipe()
    try:
        done = mc("check", "news", "--format", fmt, cwd=tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    assert (done.returncode, err(done)) == (code, "")


def test_per_file_warnings_reach_the_real_stderr_of_a_process(in_tmp: Path) -> None:
    news(in_tmp, courier__txt=COURIER, scan__txt=b"%PDF-1.4")
    done = subprocess.run(
        [sys.executable, "-c", FAKE_MODEL_MAIN + "main()", "compare", "news", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MINERALCHECK_CACHE_DIR": str(in_tmp / "cache")},
    )
    assert done.returncode == ExitCode.OK, done.stderr
    scan = os.path.join("news", "scan.txt")
    assert done.stderr == f"warning: skipped {scan}: binary file (looks like a PDF), not an article\n"
    assert json.loads(done.stdout)["skipped"][0]["path"] == os.path.join("news", "scan.txt")


@pytest.mark.usefixtures("warm")
def test_a_full_stderr_changes_neither_the_exit_code_nor_the_report(tmp_path: Path) -> None:
    news(tmp_path, empty__txt="")  # a warning to write
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [*MAIN, "compare", "news", "--format", "json"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=full,
            env={**os.environ, "MINERALCHECK_CACHE_DIR": str(tmp_path / "cache")},
            timeout=120,
        )
    assert done.returncode == ExitCode.OK
    assert json.loads(done.stdout)["skipped"] == [{"path": "news/empty.txt", "reason": "empty file"}]


@pytest.mark.usefixtures("warm")
def test_closed_stderr_never_sends_warnings_into_the_report(tmp_path: Path) -> None:
    news(tmp_path, empty__txt="")
    done = mc("compare", "news", "--format", "json", cwd=tmp_path, prefix=("sh", "-c", 'exec "$0" "$@" 2>&-'))
    assert done.returncode == ExitCode.OK
    assert json.loads(done.stdout)["skipped"] == [{"path": "news/empty.txt", "reason": "empty file"}]


def test_closed_stdout_is_an_output_error_before_the_run(tmp_path: Path) -> None:
    news(tmp_path)
    done = mc("compare", "news", cwd=tmp_path, prefix=("sh", "-c", 'exec "$0" "$@" >&-'))
    assert done.returncode == ExitCode.ERROR
    assert err(done).splitlines() == [
        "error: Cannot write the report to stdout: it is closed",
        "Tip: write it to a file with -o FILE",
    ]
    assert not (tmp_path / "cache").exists()


# --- locales ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
        {"PYTHONIOENCODING": "latin-1"},
        {"PYTHONIOENCODING": "ascii"},
    ],
    ids=["C-locale", "latin-1", "ascii"],
)
@pytest.mark.usefixtures("in_tmp")
def test_reports_on_stdout_do_not_depend_on_the_locale(tmp_path: Path, env: dict[str, str]) -> None:
    news(tmp_path, tokyo__txt=COURIER.replace("Lindmoor", "Lindmöör").replace("Monday", "Monday — 月曜日"))
    for fmt in ("json", "markdown"):
        plain = run_checked("compare", "news", "--format", fmt)  # in UTF-8; fills the cache the processes use
        odd = mc("compare", "news", "--format", fmt, cwd=tmp_path, env=env)
        assert (odd.returncode, err(odd)) == (ExitCode.OK, "")
        assert odd.stdout == plain.stdout_bytes  # UTF-8, as a report written with -o
    terminal = mc("compare", "news", cwd=tmp_path, env=env)
    assert (terminal.returncode, err(terminal)) == (ExitCode.OK, "")
    assert b"Lindm" in terminal.stdout
