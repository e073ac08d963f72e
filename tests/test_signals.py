"""Interrupted runs: Ctrl-C, SIGINT, SIGTERM and SIGHUP (a cancelled CI job, a closed terminal) while a
report is rendered or written leave the previous report and no temporary file, and exit 2.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from mineralcheck.cli import commands
from mineralcheck.errors import ExitCode
from mineralcheck.files import writing as output_module
from tests.fakes import FAKE_MODEL_MAIN
from tests.runs import (
    COURIER,
    news,
    run,
)

pytestmark = pytest.mark.usefixtures("fake_model")  # every command gets FakeEmbedder and its own cache


def _old_report(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    old = folder / "report.md"
    old.write_text("the previous report\n")
    return old


def test_ctrl_c_while_rendering_leaves_the_previous_report_and_no_temp_file(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news(in_tmp, courier__txt=COURIER)
    old = _old_report(in_tmp / "out")

    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "render", interrupted)
    result = run("compare", "news", "--format", "markdown", "-o", str(old))
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr == "interrupted\n"
    assert os.listdir(in_tmp / "out") == ["report.md"]
    assert old.read_text() == "the previous report\n"


@pytest.mark.parametrize("stage", ["write", "fsync", "replace"])
def test_ctrl_c_while_writing_leaves_the_previous_report_and_no_temp_file(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    news(in_tmp)
    old = _old_report(in_tmp / "out")
    real_fdopen = os.fdopen

    class Handle:
        """A file whose write is interrupted half-way."""

        def __init__(self, handle: Any) -> None:
            self._handle = handle

        def __enter__(self) -> Handle:
            return self

        def __exit__(self, *exc: object) -> None:
            self._handle.close()

        def write(self, text: str) -> int:
            self._handle.write(text[: len(text) // 2])
            self._handle.flush()
            raise KeyboardInterrupt

        def __getattr__(self, name: str) -> Any:
            return getattr(self._handle, name)

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if stage == "write":
        monkeypatch.setattr(output_module.os, "fdopen", lambda *a, **k: Handle(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(output_module.os, stage, interrupt)
    result = run("compare", "news", "--format", "markdown", "-o", str(old))
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.endswith("interrupted\n")
    assert os.listdir(in_tmp / "out") == ["report.md"]
    assert old.read_text() == "the previous report\n"


def test_a_real_sigint_while_writing_leaves_no_partial_report(in_tmp: Path) -> None:
    news(in_tmp, courier__txt=COURIER)
    old = _old_report(in_tmp / "out")
    # The signal arrives while the report is being written (between write and rename).
    script = FAKE_MODEL_MAIN + textwrap.dedent(
        """
        import os, signal, mineralcheck.files.writing as out
        def fsync(fd):
            os.kill(os.getpid(), signal.SIGINT)
        out.os.fsync = fsync
        main()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "compare", "news", "--format", "markdown", "-o", str(old)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MINERALCHECK_CACHE_DIR": str(in_tmp / "cache")},
    )
    assert done.returncode == ExitCode.ERROR
    assert done.stderr == "interrupted\n"
    assert os.listdir(in_tmp / "out") == ["report.md"]
    assert old.read_text() == "the previous report\n"
    assert signal.SIGINT  # (the handler is Python's default: KeyboardInterrupt)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.usefixtures("warm")
def test_sigterm_or_sighup_while_writing_leaves_the_old_report_and_no_temp_file(
    tmp_path: Path, signum: signal.Signals
) -> None:
    news(tmp_path, courier__txt=COURIER)
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("the previous report\n")
    # The signal arrives while the report is being written (between write and rename), as when a
    # CI job is cancelled.
    script = FAKE_MODEL_MAIN + textwrap.dedent(
        f"""
        import os, mineralcheck.files.writing as out
        def fsync(fd):
            os.kill(os.getpid(), {int(signum)})
        out.os.fsync = fsync
        main()
        """
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "compare",
            "news",
            "--format",
            "markdown",
            "-o",
            str(out / "report.md"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MINERALCHECK_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert (done.returncode, done.stderr) == (ExitCode.ERROR, "terminated\n")
    assert os.listdir(out) == ["report.md"]
    assert (out / "report.md").read_text() == "the previous report\n"
