"""Running mineralcheck as the subject files do, and the inputs they build: helpers shared by
test_articles, test_input_paths, test_outputs, test_streams, test_signals, test_cache_failures,
test_config_files and test_terminal_safety (their fixtures are in conftest.py).

Every run goes through the real command line: in-process through CliRunner (`run`), or as a real
process with the fake embedder (`mc`) where a real descriptor, signal or environment matters. Neither
ever shows the user a traceback.
"""

from __future__ import annotations

import functools
import json
import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from mineralcheck import cli
from mineralcheck.errors import ExitCode
from tests.fakes import FAKE_MODEL_MAIN

FIXTURES = Path(__file__).parent / "unit" / "fixtures" / "robustness"
HERALD = (FIXTURES / "bridge_herald.txt").read_text(encoding="utf-8")
COURIER = (FIXTURES / "bridge_courier.txt").read_text(encoding="utf-8")
VENV_BIN = Path(sys.executable).parent
"""Where the installed `mineralcheck` command is."""
MAIN = [sys.executable, "-c", FAKE_MODEL_MAIN + "main()"]
"""mineralcheck in a fresh interpreter, with the fake embedder."""
MEMORY_LIMIT = 2 * 2**30
"""Address-space limit of processes that read something endless: a regression fails fast with
MemoryError instead of eating the machine (a whole run with spaCy fits in well under this)."""

LATIN1_NAME = b"caf\xe9.txt"
"""café.txt as an old Windows or file-server tool writes it: not UTF-8, so Python sees \\udce9."""

HOSTILE = (
    "Lindmoor bridge \x1b]0;pwned-title\x07reopens\n\n"
    "LINDMOOR, March 9 - The Lindmoor river bridge \x1b[2J\x1b[31mreopened\x1b[0m on Monday, "
    "officials said 🎉.\n\n"
    "About 18,000 vehicles\x08\x08\x08 cross the bridge\x9b31m every day, "
    "the office said \u202edias\u202c.\n\n"
    "Mayors in Zürich and 東京 welcomed the reopening of the bridge 🎉.\n"
)
"""An article full of escape sequences, bidirectional overrides and printable text of other scripts."""
RAW_CONTROLS = ("\x1b", "\x07", "\x08", "\x9b", "\u202e", "\u202c")
"""What HOSTILE holds that a terminal or viewer acts on: none may reach one."""


# --- in-process, through CliRunner --------------------------------------------------------------


def run(*args: str, input: str | None = None) -> Result:
    """Invoke the CLI; whatever happens, the user never sees a traceback."""
    result = CliRunner().invoke(cli.app, list(args), input=input)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def run_checked(*args: str, input: str | None = None) -> Any:
    """The CLI through CliRunner (no traceback, see run); news/ is left unchanged."""
    before = _inputs(Path.cwd())
    result = run(*args, input=input)
    assert _inputs(Path.cwd()) == before, "an input article was changed"
    return result


def _inputs(cwd: Path) -> dict[str, Any]:
    return state(cwd / "news", skip=()) if (cwd / "news").is_dir() else {}


def compare_json(*args: str) -> tuple[Result, dict[str, Any]]:
    result = run("compare", *args, "--format", "json")
    assert result.exit_code == ExitCode.OK, result.stderr
    return result, json.loads(result.stdout)


def one_sentence_error(result: Result) -> str:
    """The error line of a failed run (the message, without the "error: " prefix); asserts exit 2."""
    assert result.exit_code == ExitCode.ERROR, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and lines[0].startswith("error: "), result.stderr
    assert all(line.startswith("Tip: ") for line in lines[1:]), result.stderr
    return lines[0].removeprefix("error: ")


# --- as a real process --------------------------------------------------------------------------


def mc(
    *args: str,
    cwd: Path,
    stdin: Any = subprocess.DEVNULL,
    stdout: Any = subprocess.PIPE,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    bounded_memory: bool = False,
    prefix: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[bytes]:
    """mineralcheck (with the fake embedder) as a real process; asserts no traceback on stderr and
    that news/ under `cwd` is left unchanged."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    before = _inputs(cwd)
    done = subprocess.run(
        [*prefix, *MAIN, *args],
        cwd=cwd,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, "MINERALCHECK_CACHE_DIR": str(cwd / "cache"), **(env or {})},
        timeout=timeout,
        preexec_fn=limit_memory if bounded_memory else None,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert _inputs(cwd) == before, "an input article was changed"
    return done


def err(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stderr.decode("utf-8", "replace")


# --- inputs, and what the runs leave of them ----------------------------------------------------


def news(tmp_path: Path, **files: str | bytes) -> Path:
    """A folder news/ holding the Herald article and `files` (name -> text or bytes)."""
    folder = tmp_path / "news"
    folder.mkdir(exist_ok=True)
    (folder / "herald.txt").write_text(HERALD, encoding="utf-8", newline="")
    for name, data in files.items():
        path = folder / name.replace("__", ".")
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="")
        else:
            path.write_bytes(data)
    return folder


def claims_of(report: dict[str, Any], source: str) -> list[dict[str, Any]]:
    return [c for cluster in report["clusters"] for c in cluster["claims"] if c["source"] == source]


def assert_skipped(result: Result, report: dict[str, Any], path: Path, reason: str) -> None:
    """`path` is named in a warning on stderr and listed, with `reason`, under skipped."""
    shown = os.path.join("news", path.name) if not path.is_absolute() else str(path)
    assert f"warning: skipped {shown}: {reason}" in result.stderr, result.stderr
    assert {"path": shown, "reason": reason} in [
        {"path": s["path"], "reason": s["reason"][: len(reason)]} for s in report["skipped"]
    ], report["skipped"]
    assert path.stem not in {a["id"] for a in report["sources"]}


def assert_offsets_exact(report: dict[str, Any], source: str, text: str) -> None:
    """Every claim of `source` points at its evidence: text[start:end], on the right line."""
    claims = claims_of(report, source)
    assert claims, f"no claims from {source}"
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["evidence"]
        assert claim["line"] == text.count("\n", 0, claim["start"]) + 1


def state(root: Path, *, skip: tuple[str, ...] = ("cache",)) -> dict[str, Any]:
    """Everything under root (but `skip`): each entry's kind, mode, owner and content or target."""
    out: dict[str, Any] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if os.path.relpath(os.path.join(folder, d), root) not in skip]
        for name in dirs + files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                content: Any = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                content = Path(path).read_bytes()
            else:
                content = info.st_rdev
            out[os.path.relpath(path, root)] = (stat.S_IFMT(info.st_mode), info.st_mode, info.st_uid, content)
    return out


# --- file systems only root can set up ----------------------------------------------------------


@functools.cache
def _mount_namespaces() -> str | None:
    """None when `unshare --mount` and tmpfs mounts work here, else why not."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return "unshare or mount is not installed"
    probe = subprocess.run(
        [
            "unshare",
            "--mount",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs /mnt && mount -o remount,ro /mnt",
        ],
        capture_output=True,
        timeout=30,
    )
    return None if probe.returncode == 0 else f"no mount namespace here: {probe.stderr.decode().strip()}"


def in_namespace(setup: str) -> tuple[str, ...]:
    """A command prefix: run in a private mount namespace after the shell commands `setup`."""
    reason = _mount_namespaces()
    if reason is not None:
        pytest.skip(f"needs root and mount namespaces (read-only or full file systems): {reason}")
    return ("unshare", "--mount", "sh", "-c", f'{setup} && exec "$0" "$@"')


def read_only_mount(*paths: Path) -> str:
    return " && ".join(f"mount --bind '{p}' '{p}' && mount -o remount,bind,ro '{p}'" for p in paths)
