"""Issue 12: never a traceback, never a replaced file, whatever the inputs and the environment.

The bad inputs and hostile environments a CI job and a careless user meet: devices, links, pipes
and odd file names where a report goes; devices, endless streams and bombs where an article or a
config is read; closed, full and terminal stdin/stdout/stderr; escape sequences in articles;
caches on read-only or full disks; signals, locales and runs in parallel. Every case checks the
exit code, that no traceback is shown, that the message names the input, the cause and the fix,
and that no input or unrelated file changed.

Cases run through CliRunner, or as real processes where a real descriptor, signal or environment
matters (FAKE_MODEL_MAIN: the fake embedder in a real process). Conditions that only root can set
up (device nodes, mount namespaces for read-only and full file systems) skip with the reason where
they cannot be; CI runs as root, so there they run.
"""

from __future__ import annotations

import functools
import json
import os
import pty
import re
import resource
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from mineralcheck.errors import ExitCode
from mineralcheck.report import ReportFormat
from tests.test_robustness import (
    COURIER,
    FAKE_MODEL_MAIN,
    HERALD,
    assert_offsets_exact,
    fake_model,  # noqa: F401  (autouse: every command gets FakeEmbedder and a cache of its own)
    news,
    one_sentence_error,
)
from tests.test_robustness import run as run_cli

MAIN = [sys.executable, "-c", FAKE_MODEL_MAIN + "main()"]
MEMORY_LIMIT = 2 * 2**30
"""Address-space limit of processes that read something endless: a regression fails fast with
MemoryError instead of eating the machine (a whole run with spaCy fits in well under this)."""


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path, so relative paths in messages are short and nothing lands in the repo."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def _cache_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache holding the claims and vectors of news/herald.txt and news/courier.txt."""
    root = tmp_path_factory.mktemp("warm")
    news(root, courier__txt=COURIER)
    assert mc("compare", "news", cwd=root).returncode == ExitCode.OK
    return root / "cache"


@pytest.fixture
def warm(_cache_template: Path, tmp_path: Path) -> None:
    """This test's cache starts warm for herald and courier: a process that reads only those two
    never loads the parser, which keeps the many real-process cases of this module quick."""
    shutil.copytree(_cache_template, tmp_path / "cache")


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


def run(*args: str, input: str | None = None) -> Any:
    """The CLI through CliRunner (no traceback, see test_robustness.run); news/ is left unchanged."""
    before = _inputs(Path.cwd())
    result = run_cli(*args, input=input)
    assert _inputs(Path.cwd()) == before, "an input article was changed"
    return result


def _inputs(cwd: Path) -> dict[str, Any]:
    return state(cwd / "news", skip=()) if (cwd / "news").is_dir() else {}


def err(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stderr.decode("utf-8", "replace")


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


def make_device(path: Path, kind: int, major: int, minor: int) -> None:
    """A device node (a copy of /dev/null, /dev/full, ...); skips where the system forbids it."""
    try:
        os.mknod(path, kind | 0o666, os.makedev(major, minor))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot create a device node here ({error.strerror}): needs root or CAP_MKNOD")


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


# --- 1, 2. where a report goes: devices, links, pipes, descriptors --------------------------------


def test_output_onto_a_copy_of_dev_null_writes_into_it_and_keeps_the_device(in_tmp: Path) -> None:
    news(in_tmp)
    make_device(in_tmp / "null", stat.S_IFCHR, 1, 3)
    before = state(in_tmp)
    result = run("compare", "news", "--format", "json", "-o", "null")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == "Wrote the json report to null\n"
    assert state(in_tmp) == before  # still the device, nothing beside it


def test_output_onto_a_copy_of_dev_full_is_an_output_error_and_keeps_the_device(in_tmp: Path) -> None:
    news(in_tmp)
    make_device(in_tmp / "full", stat.S_IFCHR, 1, 7)
    before = state(in_tmp)
    result = run("compare", "news", "--format", "json", "-o", "full")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.splitlines() == [
        "error: Cannot write full: no space left on device",
        "Tip: free some disk space, or write the report elsewhere",
    ]
    assert state(in_tmp) == before


@pytest.mark.parametrize("kind", ["socket", "block device"])
def test_output_onto_a_socket_or_a_disk_is_refused_before_the_run(in_tmp: Path, kind: str) -> None:
    news(in_tmp)
    target = in_tmp / "target"
    if kind == "socket":
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(target))
        what = "a socket"
    else:
        make_device(target, stat.S_IFBLK, 240, 0)  # an unassigned number: nothing behind it
        what = "a block device (a disk)"
    before = state(in_tmp)
    result = run("compare", "news", "-o", "target")
    assert one_sentence_error(result) == f"Cannot write target: it is {what}, not a file"
    assert state(in_tmp) == before
    assert not (in_tmp / "cache").exists()  # refused before any work


def test_output_into_a_fifo_is_written_into_it(in_tmp: Path) -> None:
    news(in_tmp)
    os.mkfifo(in_tmp / "pipe")
    received: list[bytes] = []
    # A daemon: if the pipe were replaced instead of written, the reader would wait forever.
    reader = threading.Thread(target=lambda: received.append((in_tmp / "pipe").read_bytes()), daemon=True)
    reader.start()
    result = run("compare", "news", "--format", "json", "-o", "pipe")
    reader.join(timeout=60)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert json.loads(received[0])["sources"][0]["id"] == "herald"
    assert stat.S_ISFIFO(os.lstat(in_tmp / "pipe").st_mode)


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(in_tmp: Path) -> None:
    news(in_tmp)
    (in_tmp / "reports").mkdir()
    (in_tmp / "reports" / "latest.json").write_text("old report\n")
    os.symlink("reports/latest.json", in_tmp / "report.json")
    result = run("compare", "news", "--format", "json", "-o", "report.json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert os.readlink(in_tmp / "report.json") == "reports/latest.json"
    assert json.loads((in_tmp / "reports" / "latest.json").read_text())["summary"]["sources"] == 1
    assert sorted(os.listdir(in_tmp / "reports")) == ["latest.json"]  # no temporary file left


def test_output_through_a_dangling_symlink_creates_its_target(in_tmp: Path) -> None:
    news(in_tmp)
    (in_tmp / "reports").mkdir()
    os.symlink("reports/new.md", in_tmp / "report.md")
    result = run("compare", "news", "--format", "markdown", "-o", "report.md")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert os.path.islink(in_tmp / "report.md")
    assert (in_tmp / "reports" / "new.md").read_text().startswith("# mineralcheck report")


def test_output_through_a_symlink_into_a_missing_folder_names_the_target(in_tmp: Path) -> None:
    news(in_tmp)
    os.symlink("gone/report.md", in_tmp / "report.md")
    message = one_sentence_error(run("compare", "news", "-o", "report.md"))
    target = in_tmp / "gone" / "report.md"
    assert (
        message
        == f"Cannot write report.md: it links to {target}, whose folder does not exist (create it first)"
    )


def test_output_onto_a_symlink_loop_is_refused(in_tmp: Path) -> None:
    news(in_tmp)
    os.symlink("loop.md", in_tmp / "loop.md")
    message = one_sentence_error(run("compare", "news", "-o", "loop.md"))
    assert message == "Cannot write loop.md: it is a symbolic link loop"
    assert os.readlink(in_tmp / "loop.md") == "loop.md"


@pytest.mark.parametrize("append", [False, True], ids=["pipe", "appended-file"])
@pytest.mark.usefixtures("warm")
def test_output_to_dev_fd_1_goes_to_stdout_and_never_truncates_it(tmp_path: Path, append: bool) -> None:
    news(tmp_path)
    if not append:
        done = mc("compare", "news", "--format", "json", "-o", "/dev/fd/1", cwd=tmp_path)
        assert done.returncode == ExitCode.OK, err(done)
        assert json.loads(done.stdout)["summary"]["sources"] == 1
        return
    log = tmp_path / "ci.log"
    log.write_text("earlier log lines\n")
    with log.open("a") as appended:  # as `>> ci.log`
        done = mc("compare", "news", "--format", "json", "-o", "/dev/fd/1", cwd=tmp_path, stdout=appended)
    assert done.returncode == ExitCode.OK, err(done)
    text = log.read_text()
    assert text.startswith("earlier log lines\n{")
    assert json.loads(text.removeprefix("earlier log lines\n"))["summary"]["sources"] == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_output_replacing_a_report_keeps_its_owner_and_mode(in_tmp: Path) -> None:
    news(in_tmp)
    old = in_tmp / "report.json"
    old.write_text("old")
    os.chown(old, 4321, 4321)
    old.chmod(0o640)
    result = run("compare", "news", "--format", "json", "-o", "report.json")
    assert result.exit_code == ExitCode.OK, result.stderr
    info = old.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (4321, 4321, 0o640)


def test_output_with_a_name_at_the_file_system_limit(in_tmp: Path) -> None:
    news(in_tmp)
    name = "r" * 250 + ".json"  # 255 bytes: legal, but not with a temporary prefix and suffix added
    result = run("compare", "news", "--format", "json", "-o", name)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert json.loads((in_tmp / name).read_text())["summary"]["sources"] == 1
    assert sorted(os.listdir(in_tmp)) == sorted(["cache", "news", name])


@pytest.mark.usefixtures("warm")
def test_two_runs_writing_one_report_at_once_leave_one_whole_report(tmp_path: Path) -> None:
    news(tmp_path, courier__txt=COURIER)
    runs = [
        subprocess.Popen(
            [*MAIN, "compare", "news", "--format", "json", "-o", "report.json"],
            cwd=tmp_path,
            stderr=subprocess.PIPE,
            env={**os.environ, "MINERALCHECK_CACHE_DIR": str(tmp_path / "cache")},
        )
        for _ in range(4)
    ]
    for process in runs:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == ExitCode.OK, stderr
        assert b"warning" not in stderr
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["sources"] == 2
    assert sorted(os.listdir(tmp_path)) == ["cache", "news", "report.json"]


# --- 3. file names that are not valid UTF-8 -------------------------------------------------------

LATIN1_NAME = b"caf\xe9.txt"
"""café.txt as an old Windows or file-server tool writes it: not UTF-8, so Python sees \\udce9."""


def test_an_article_whose_name_is_not_utf8_is_read_cached_and_reported(in_tmp: Path) -> None:
    folder = news(in_tmp)
    with open(os.path.join(os.fsencode(folder), LATIN1_NAME), "wb") as handle:
        handle.write(COURIER.encode())
    before = state(in_tmp)
    outputs = {}
    for fmt in ReportFormat:
        for attempt in ("cold", "warm"):  # the cache stores the claims, then serves them
            result = run("compare", "news", "--format", fmt.value)
            assert result.exit_code == ExitCode.OK, result.stderr
            assert result.stderr == ""
            outputs[fmt, attempt] = result.stdout_bytes
        assert outputs[fmt, "cold"] == outputs[fmt, "warm"]
    report = json.loads(outputs[ReportFormat.json, "cold"].decode("utf-8"))  # valid UTF-8 JSON
    (source,) = [s for s in report["sources"] if s["id"] != "herald"]
    assert os.fsencode(source["path"]) == b"news/" + LATIN1_NAME  # json gives the real name back
    assert os.path.exists(source["path"])
    for fmt in (ReportFormat.terminal, ReportFormat.markdown):
        assert "caf\\udce9" in outputs[fmt, "cold"].decode("utf-8")
    result = run("compare", "news", "--format", "json", "-o", "report.json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert json.loads((in_tmp / "report.json").read_bytes()) == report
    assert {k: v for k, v in state(in_tmp).items() if k != "report.json"} == before


def test_a_report_path_that_is_not_utf8_is_written_under_that_name(in_tmp: Path) -> None:
    news(in_tmp)
    name = os.fsdecode(b"r\xe9sum\xe9.json")
    result = run("compare", "news", "--format", "json", "-o", name)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == "Wrote the json report to r\\udce9sum\\udce9.json\n"
    assert json.loads((in_tmp / name).read_text())["summary"]["sources"] == 1


# --- 4. devices and endless streams named as articles ---------------------------------------------


@pytest.mark.usefixtures("warm")
def test_dev_zero_as_an_article_is_skipped_at_once(tmp_path: Path) -> None:
    news(tmp_path)
    started = time.monotonic()
    done = mc("compare", "/dev/zero", "news", "--format", "json", cwd=tmp_path, bounded_memory=True)
    assert time.monotonic() - started < 60
    assert done.returncode == ExitCode.OK, err(done)
    reason = "a character device, not a file: name an article file instead"
    assert err(done) == f"warning: skipped /dev/zero: {reason}\n"
    assert json.loads(done.stdout)["skipped"] == [{"path": "/dev/zero", "reason": reason}]


def test_dev_zero_alone_is_an_input_error(tmp_path: Path) -> None:
    done = mc("compare", "/dev/zero", cwd=tmp_path, bounded_memory=True)
    assert (done.returncode, done.stdout) == (ExitCode.ERROR, b"")
    assert err(done) == (
        "error: No readable articles in /dev/zero: every input was skipped (/dev/zero: a character "
        "device, not a file: name an article file instead); give UTF-8 text, Markdown or HTML files.\n"
    )


@pytest.mark.parametrize("source", ["/dev/zero", "yes"])
@pytest.mark.usefixtures("warm")
def test_endless_stdin_is_skipped_as_too_large(tmp_path: Path, source: str) -> None:
    news(tmp_path)
    if source == "yes":
        feeder = subprocess.Popen(["yes", "The bridge reopened on Monday."], stdout=subprocess.PIPE)
        stdin: Any = feeder.stdout
    else:
        stdin = open(source, "rb")  # noqa: SIM115 - closed below
    try:
        done = mc("compare", "-", "news", "--format", "json", cwd=tmp_path, stdin=stdin, bounded_memory=True)
    finally:
        stdin.close()
        if source == "yes":
            feeder.kill()
            feeder.wait()
    assert done.returncode == ExitCode.OK, err(done)
    reason = "too large for a news article (over the limit of 10 MB): split it into articles"
    assert err(done) == f"warning: skipped -: {reason}\n"
    assert json.loads(done.stdout)["skipped"] == [{"path": "-", "reason": reason}]


def test_a_fifo_named_as_an_article_is_read_like_process_substitution(in_tmp: Path) -> None:
    # `mineralcheck compare <(curl -s URL) other.txt` hands over a pipe: it must still work.
    news(in_tmp)
    os.mkfifo(in_tmp / "feed")
    writer = threading.Thread(target=lambda: (in_tmp / "feed").write_text(COURIER), daemon=True)
    writer.start()
    result = run("compare", "feed", "news", "--format", "json")
    writer.join(timeout=60)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert_offsets_exact(json.loads(result.stdout), "feed", COURIER)


def test_a_fifo_socket_or_device_inside_a_folder_is_not_an_article(in_tmp: Path) -> None:
    folder = news(in_tmp)
    os.mkfifo(folder / "pipe.txt")  # opening it would wait for a writer forever
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "socket.txt"))
    result = run("compare", "news", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert [s["id"] for s in json.loads(result.stdout)["sources"]] == ["herald"]


def test_a_socket_named_as_an_article_is_skipped_with_the_reason(in_tmp: Path) -> None:
    news(in_tmp)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(in_tmp / "socket.txt"))
    result = run("compare", "socket.txt", "news", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.stderr
    reason = "a socket, not a file: name an article file instead"
    assert json.loads(result.stdout)["skipped"] == [{"path": "socket.txt", "reason": reason}]


@pytest.mark.parametrize(("size", "skipped"), [(10_000_000, False), (10_000_001, True)])
def test_the_byte_limit_is_exact(in_tmp: Path, size: int, skipped: bool) -> None:
    news(in_tmp)
    (in_tmp / "big.txt").write_bytes(b"x" * size)
    result = run("compare", "big.txt", "news", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.stderr
    (reason,) = [s["reason"] for s in json.loads(result.stdout)["skipped"]]
    # Within the byte limit the file is read, then refused for its length in characters.
    expected = "10.0 MB; the limit is 10 MB" if skipped else "10,000,000 characters; the limit is 300,000"
    assert reason == f"too large for a news article ({expected}): split it into articles"


# --- 5. stdin at a terminal or closed --------------------------------------------------


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


# --- 6, 7. stdout and stderr: full, closed, or a pipe whose reader left ---------------------------


@pytest.mark.parametrize(
    "args", [["compare", "news"], ["compare", "news", "--format", "json"], ["check", "news"]]
)
@pytest.mark.usefixtures("warm")
def test_stdout_on_a_full_disk_is_an_output_error(tmp_path: Path, args: list[str]) -> None:
    news(tmp_path)
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
    news(tmp_path)
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


@pytest.mark.usefixtures("warm")
def test_a_report_onto_a_full_file_system_keeps_the_old_report(tmp_path: Path) -> None:
    news(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    setup = (
        f"mount -t tmpfs -o size=64k tmpfs '{out}' && printf 'the previous report\\n' > '{out}/report.json' "
        f"&& (head -c 1000000 /dev/zero > '{out}/filler' 2>/dev/null; true)"
    )
    in_namespace(setup)  # skips where it cannot be set up
    # The tmpfs lives as long as the namespace: list it from inside, after the run.
    after = f'; code=$?; ls -A "{out}" >&2; cat "{out}/report.json" >&2; exit $code'
    prefix = ("unshare", "--mount", "sh", "-c", f'{setup} && "$0" "$@"{after}')
    done = mc(
        "compare", "news", "--format", "json", "-o", str(out / "report.json"), cwd=tmp_path, prefix=prefix
    )
    assert done.returncode == ExitCode.ERROR
    assert err(done).splitlines() == [
        f"error: Cannot write {out / 'report.json'}: no space left on device",
        "Tip: free some disk space, or write the report elsewhere",
        "filler",
        "report.json",
        "the previous report",
    ]


# --- 8. escape sequences in articles and file names -----------------------------------------------

HOSTILE = (
    "Lindmoor bridge \x1b]0;pwned-title\x07reopens\n\n"
    "LINDMOOR, March 9 - The Lindmoor river bridge \x1b[2J\x1b[31mreopened\x1b[0m on Monday, "
    "officials said 🎉.\n\n"
    "About 18,000 vehicles\x08\x08\x08 cross the bridge\x9b31m every day, "
    "the office said \u202edias\u202c.\n\n"
    "Mayors in Zürich and 東京 welcomed the reopening of the bridge 🎉.\n"
)
RAW_CONTROLS = ("\x1b", "\x07", "\x08", "\x9b", "\u202e", "\u202c")


def _unescape_markdown(text: str) -> str:
    return re.sub(r"\\([\\`*_\[\]<>|~#])", r"\1", text)


@pytest.mark.parametrize("fmt", [*(f.value for f in ReportFormat), "terminal-in-colour"])
def test_escape_sequences_in_an_article_never_reach_the_terminal(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    news(in_tmp, hostile__txt=HOSTILE)
    if fmt == "terminal-in-colour":  # rich's own colour codes on: the article's must still be inert
        monkeypatch.setenv("FORCE_COLOR", "1")
        result = run("compare", "news", "--singles")
        assert "\x1b[1m" in result.stdout
        assert not [s for s in ("\x1b]0;", "\x1b[2J", "\x07", "\x9b", "\u202e") if s in result.stdout]
        assert "\\x1b]0;pwned-title" in result.stdout
        return
    # --singles: the hostile sentences are each stated by one source, listed only when asked
    result = run("compare", "news", "--format", fmt, "--singles")
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
    result = run("check", "news", "--format", fmt)
    assert result.exit_code == ExitCode.FAILED, result.stderr
    assert "reopened" in result.stdout  # the finding quotes the article
    assert not [c for c in RAW_CONTROLS if c in result.stdout]


def test_escape_sequences_and_line_breaks_in_file_names_stay_on_one_inert_line(in_tmp: Path) -> None:
    folder = news(in_tmp)
    (folder / "\x1b]0;owned\x07.txt").write_text("")
    (folder / "x\nerror: all good.txt").write_text("")
    result = run("compare", "news", "--format", "markdown")
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
    result = run("init", "news")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert "\nversion: 2" not in (in_tmp / "claims.yaml").read_text()
    assert run("check").exit_code in (ExitCode.OK, ExitCode.FAILED)  # the file still loads


# --- 9. bombs: claims.yaml, baselines and front matter --------------------------------------------

BILLION_LAUGHS = (
    "version: 1\n"
    + "".join(
        f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
        for prev, name in zip([None, *"abcdefgh"], "abcdefghi", strict=True)
    )
    + "claims: []\n"
)


ALIAS_CHAIN = "version: 1\na0: &a0 [x]\n" + "".join(f"a{k}: &a{k} [*a{k - 1}]\n" for k in range(1, 1000))


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            BILLION_LAUGHS,
            "claims.yaml:7: invalid YAML: its aliases (*name) expand to more than 100,000 values",
        ),
        (
            "version: 1\nclaims: " + "[" * 5000 + "]" * 5000 + "\n",
            "claims.yaml:2: invalid YAML: nested more than 50 levels deep",
        ),
        (
            "version: 1\nclaims: &loop [*loop]\n",
            "claims.yaml:2: invalid YAML: an alias (*name) refers to a value that contains it",
        ),
        (
            ALIAS_CHAIN + "claims: []\n",
            "claims.yaml:51: invalid YAML: its aliases (*name) nest more than 50 levels deep",
        ),
    ],
    ids=["billion-laughs", "nested-5000", "self-alias", "alias-chain-1000"],
)
def test_a_claims_yaml_bomb_is_refused_fast_naming_the_file(
    tmp_path: Path, yaml_text: str, message: str
) -> None:
    news(tmp_path)
    (tmp_path / "claims.yaml").write_text(yaml_text)
    started = time.monotonic()
    done = mc("check", "news", cwd=tmp_path, bounded_memory=True, timeout=60)
    assert time.monotonic() - started < 30
    assert done.returncode == ExitCode.ERROR
    (line,) = err(done).splitlines()
    assert line.startswith(f"error: {message}"), line
    assert line.endswith(
        ("write the values out, or use fewer aliases", "flatten the structure", "contains it")
    ), line


def test_a_baseline_nested_100000_deep_is_refused_naming_the_file(in_tmp: Path) -> None:
    news(in_tmp)
    (in_tmp / "claims.yaml").write_text("version: 1\nclaims:\n  - id: a\n    match: the bridge closed\n")
    (in_tmp / "base.json").write_text("[" * 100_000 + "]" * 100_000)
    result = run("check", "news", "--baseline", "base.json")
    assert one_sentence_error(result) == "base.json: nested too deeply to be a mineralcheck baseline"
    assert "--update-baseline" in result.stderr.splitlines()[1]


LAUGHS = BILLION_LAUGHS.removeprefix("version: 1\n").removesuffix("claims: []\n")


@pytest.mark.parametrize(
    "front",
    [LAUGHS + "title: *i\n", "title: &t [*t]\n", "title: " + "[" * 5000 + "]" * 5000 + "\n"],
    ids=["billion-laughs", "self-alias", "nested-5000"],
)
def test_a_front_matter_bomb_is_ignored_and_the_article_read(tmp_path: Path, front: str) -> None:
    news(tmp_path, bomb__md=f"---\n{front}---\n{COURIER}")
    done = mc("compare", "news", "--format", "json", cwd=tmp_path, bounded_memory=True, timeout=60)
    assert done.returncode == ExitCode.OK, err(done)
    report = json.loads(done.stdout)
    assert {s["id"] for s in report["sources"]} == {"bomb", "herald"}
    assert_offsets_exact(report, "bomb", f"---\n{front}---\n{COURIER}")


@pytest.mark.parametrize("option", ["--claims", "--baseline"])
def test_a_device_or_a_huge_file_as_claims_or_baseline_is_refused_at_once(
    tmp_path: Path, option: str
) -> None:
    news(tmp_path)
    (tmp_path / "claims.yaml").write_text("version: 1\nclaims:\n  - id: a\n    match: the bridge closed\n")
    with open(tmp_path / "huge", "wb") as huge:
        huge.truncate(20_000_000_000)  # sparse: 20 GB that take no space
    for path, cause in [
        ("/dev/zero", "it is a character device, not a file"),
        ("huge", "too large (20.0 GB; the limit is 10 MB)"),
        ("news", "it is a folder, not a file"),
    ]:
        done = mc("check", "news", option, path, cwd=tmp_path, bounded_memory=True, timeout=60)
        assert done.returncode == ExitCode.ERROR
        assert err(done).splitlines()[0] == f"error: Cannot read {path}: {cause}"


def test_claims_yaml_that_is_not_utf8_names_the_line(in_tmp: Path) -> None:
    news(in_tmp)
    (in_tmp / "claims.yaml").write_bytes(b"version: 1\nclaims:\n  - id: caf\xe9\n")
    result = run("check", "news")
    assert one_sentence_error(result) == "claims.yaml:3: not UTF-8 text (invalid continuation byte)"
    assert result.stderr.splitlines()[1] == "Tip: save the file as UTF-8"


# --- 10. the cache's own failure modes ------------------------------------------------------------


def _cache_with_a_new_article(tmp_path: Path) -> tuple[bytes, dict[str, bytes]]:
    """A cache warm for herald and courier, and a third article it has not seen (so a run wants to
    write); returns the report a run without the cache gives, and the cache files' bytes."""
    folder = news(tmp_path, courier__txt=COURIER)
    (folder / "other.txt").write_text(HERALD.replace("Monday", "Tuesday").replace("18,000", "19,000"))
    fresh = run("compare", "news", "--format", "json", "--no-cache")
    assert fresh.exit_code == ExitCode.OK, fresh.stderr
    return fresh.stdout_bytes, {p.name: p.read_bytes() for p in sorted((tmp_path / "cache").iterdir())}


def _assert_one_cache_warning(done: subprocess.CompletedProcess[bytes], *parts: str) -> None:
    (line,) = err(done).splitlines()
    assert line.startswith("warning: "), line
    for part in parts:
        assert part in line, line
    assert "MINERALCHECK_CACHE_DIR" in line and "--no-cache" in line


@pytest.mark.usefixtures("warm", "in_tmp")
def test_a_read_only_cache_folder_is_read_with_one_warning(tmp_path: Path) -> None:
    expected, files = _cache_with_a_new_article(tmp_path)
    cache = tmp_path / "cache"
    if os.geteuid() == 0:
        prefix = in_namespace(read_only_mount(cache))
    else:
        prefix = ()
        cache.chmod(0o555)
    try:
        done = mc("compare", "news", "--format", "json", cwd=tmp_path, prefix=prefix)
    finally:
        cache.chmod(0o755)
    assert done.returncode == ExitCode.OK
    assert done.stdout == expected
    _assert_one_cache_warning(
        done, f"cannot write the cache in {cache} (the folder is read-only); using it read-only"
    )
    assert {p.name: p.read_bytes() for p in sorted(cache.iterdir())} == files  # nothing set aside


@pytest.mark.usefixtures("warm", "in_tmp")
def test_read_only_cache_files_in_a_writable_folder_are_never_set_aside(tmp_path: Path) -> None:
    expected, files = _cache_with_a_new_article(tmp_path)
    cache = tmp_path / "cache"
    stores = sorted(cache.glob("*.sqlite"))
    if os.geteuid() == 0:
        prefix = in_namespace(read_only_mount(*stores))
    else:
        prefix = ()
        for store in stores:
            store.chmod(0o444)
    done = mc("compare", "news", "--format", "json", cwd=tmp_path, prefix=prefix)
    assert done.returncode == ExitCode.OK
    assert done.stdout == expected
    _assert_one_cache_warning(done, "(its files are read-only); using it read-only")
    assert not list(cache.glob("*.corrupt"))  # none set aside (SQLite may leave its -wal and -shm files)
    assert {p.name: p.read_bytes() for p in stores} == {p.name: files[p.name] for p in stores}


@pytest.mark.usefixtures("warm", "in_tmp")
def test_a_cache_on_a_full_disk_is_read_with_one_warning(tmp_path: Path) -> None:
    expected, files = _cache_with_a_new_article(tmp_path)
    cache = tmp_path / "cache"
    saved = tmp_path / "saved"
    cache.rename(saved)
    cache.mkdir()
    prefix = in_namespace(
        f"mount -t tmpfs -o size=256k tmpfs '{cache}' && cp '{saved}'/* '{cache}'/ "
        f"&& (head -c 1000000 /dev/zero > '{cache}/filler' 2>/dev/null; true)"
    )
    done = mc("compare", "news", "--format", "json", cwd=tmp_path, prefix=prefix)
    assert done.returncode == ExitCode.OK
    assert done.stdout == expected
    _assert_one_cache_warning(done, "(the disk is full)", "Free some disk space")
    assert "unreadable" not in err(done) and "corrupt" not in err(done)


def test_a_cache_file_that_is_a_symlink_is_never_followed(tmp_path: Path) -> None:
    news(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    victim = tmp_path / "victim.sqlite"  # someone else's database, or /etc/passwd
    with sqlite3.connect(victim) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    before = victim.read_bytes()
    os.symlink(victim, cache / "claims-v1.sqlite")
    done = mc("compare", "news", "--format", "json", cwd=tmp_path)
    assert done.returncode == ExitCode.OK
    _assert_one_cache_warning(
        done, "(claims-v1.sqlite is a symbolic link, which mineralcheck never creates); running without it"
    )
    assert victim.read_bytes() == before
    assert os.readlink(cache / "claims-v1.sqlite") == str(victim)


def test_a_cache_folder_that_is_a_file_is_skipped_with_one_warning(tmp_path: Path) -> None:
    news(tmp_path)
    (tmp_path / "cache").write_text("not a folder")
    done = mc("compare", "news", "--format", "json", cwd=tmp_path)
    assert done.returncode == ExitCode.OK
    _assert_one_cache_warning(done, f"({tmp_path / 'cache'} is not a folder); running without it")
    assert (tmp_path / "cache").read_text() == "not a folder"


def test_another_programs_database_in_place_of_the_cache_is_set_aside(tmp_path: Path) -> None:
    news(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("claims-v1.sqlite", "vectors-v1.sqlite"):
        with sqlite3.connect(cache / name) as db:
            db.execute("CREATE TABLE entries (id INTEGER, payload TEXT)")  # same table name, other columns
    done = mc("compare", "news", "--format", "json", cwd=tmp_path)
    assert done.returncode == ExitCode.OK, err(done)
    assert len(err(done).splitlines()) == 2 and "set it aside as claims-v1.sqlite.corrupt" in err(done)
    again = mc("compare", "news", "--format", "json", cwd=tmp_path)
    assert (again.returncode, err(again), again.stdout) == (ExitCode.OK, "", done.stdout)


def test_runs_in_parallel_share_a_cold_cache_without_a_warning(tmp_path: Path) -> None:
    news(tmp_path, courier__txt=COURIER)
    env = {**os.environ, "MINERALCHECK_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.Popen(
            [*MAIN, "compare", "news", "--format", "json"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=180) for process in runs]
    assert [p.returncode for p in runs] == [ExitCode.OK] * 2
    assert [stderr for _, stderr in outputs] == [b""] * 2
    assert len({stdout for stdout, _ in outputs}) == 1


# --- signals and locales --------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
@pytest.mark.usefixtures("warm")
def test_sigterm_or_sighup_while_writing_leaves_the_old_report_and_no_temp_file(
    tmp_path: Path, signum: signal.Signals
) -> None:
    news(tmp_path)
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
        plain = run("compare", "news", "--format", fmt)  # in UTF-8; fills the cache the processes use
        odd = mc("compare", "news", "--format", fmt, cwd=tmp_path, env=env)
        assert (odd.returncode, err(odd)) == (ExitCode.OK, "")
        assert odd.stdout == plain.stdout_bytes  # UTF-8, as a report written with -o
    terminal = mc("compare", "news", cwd=tmp_path, env=env)
    assert (terminal.returncode, err(terminal)) == (ExitCode.OK, "")
    assert b"Lindm" in terminal.stdout


# --- no input is ever modified, whatever the case -------------------------------------------------


def test_a_folder_of_every_oddity_at_once_is_never_modified(tmp_path: Path) -> None:
    """The bad inputs above side by side in one folder: after every format, byte-for-byte the same."""
    folder = news(tmp_path, courier__txt=COURIER, hostile__txt=HOSTILE, empty__txt="")
    with open(os.path.join(os.fsencode(folder), LATIN1_NAME), "wb") as handle:
        handle.write(HERALD.replace("Monday", "Sunday").encode("cp1252"))
    os.symlink("herald.txt", folder / "link.txt")
    before = state(tmp_path)
    for fmt in ReportFormat:
        done = mc("compare", "news", "--format", fmt.value, cwd=tmp_path)
        assert done.returncode == ExitCode.OK, err(done)
    assert state(tmp_path) == before
