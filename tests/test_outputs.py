"""Where a report goes: a missing folder, an input article, devices, links, pipes and descriptors, odd
names, full file systems, two runs at once. A report replaces a regular file atomically and nothing
else; nothing but the report is ever created or changed, and no input is ever modified.

Conditions that only root can set up (device nodes, mount namespaces for full file systems) skip with
the reason where they cannot be; CI runs as root, so there they run.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mineralcheck.errors import ExitCode
from mineralcheck.report import ReportFormat
from tests.runs import (
    COURIER,
    FIXTURES,
    HERALD,
    HOSTILE,
    LATIN1_NAME,
    MAIN,
    err,
    in_namespace,
    mc,
    news,
    one_sentence_error,
    run,
    run_checked,
    state,
)

pytestmark = pytest.mark.usefixtures("fake_model")  # every command gets FakeEmbedder and its own cache


# --- refused before the run -------------------------------------------------------------------


def test_output_into_a_folder_that_does_not_exist(in_tmp: Path) -> None:
    news(in_tmp)
    message = one_sentence_error(run("compare", "news", "-o", "out/report.md"))
    assert message == f"Cannot write report.md: folder out{os.sep} does not exist (create it first)"
    assert not (in_tmp / "out").exists()


@pytest.mark.parametrize("target", ["news/herald.txt", "news/../news/herald.txt", "link.txt"])
@pytest.mark.parametrize("inputs", [["news"], ["news/herald.txt"]], ids=["folder", "file"])
def test_output_naming_one_of_the_input_articles_is_refused(
    in_tmp: Path, target: str, inputs: list[str]
) -> None:
    news(in_tmp)
    os.symlink("news/herald.txt", in_tmp / "link.txt")
    before = (in_tmp / "news" / "herald.txt").read_bytes()
    message = one_sentence_error(run("compare", *inputs, "--format", "markdown", "-o", target))
    assert message == f"Cannot write {target}: it is one of the input files and would be overwritten"
    assert (in_tmp / "news" / "herald.txt").read_bytes() == before
    assert os.listdir(in_tmp / "news") == ["herald.txt"]


# --- devices, links, pipes, descriptors -------------------------------------------------------


def make_device(path: Path, kind: int, major: int, minor: int) -> None:
    """A device node (a copy of /dev/null, /dev/full, ...); skips where the system forbids it."""
    try:
        os.mknod(path, kind | 0o666, os.makedev(major, minor))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot create a device node here ({error.strerror}): needs root or CAP_MKNOD")


def test_output_onto_a_copy_of_dev_null_writes_into_it_and_keeps_the_device(in_tmp: Path) -> None:
    news(in_tmp, courier__txt=COURIER)
    make_device(in_tmp / "null", stat.S_IFCHR, 1, 3)
    before = state(in_tmp)
    result = run_checked("compare", "news", "--format", "json", "-o", "null")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == "Wrote the json report to null\n"
    assert state(in_tmp) == before  # still the device, nothing beside it


def test_output_onto_a_copy_of_dev_full_is_an_output_error_and_keeps_the_device(in_tmp: Path) -> None:
    news(in_tmp, courier__txt=COURIER)
    make_device(in_tmp / "full", stat.S_IFCHR, 1, 7)
    before = state(in_tmp)
    result = run_checked("compare", "news", "--format", "json", "-o", "full")
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
    result = run_checked("compare", "news", "-o", "target")
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
    result = run_checked("compare", "news", "--format", "json", "-o", "pipe")
    reader.join(timeout=60)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert json.loads(received[0])["sources"][0]["id"] == "herald"
    assert stat.S_ISFIFO(os.lstat(in_tmp / "pipe").st_mode)


def test_output_through_a_symlink_writes_its_target_and_keeps_the_link(in_tmp: Path) -> None:
    news(in_tmp)
    (in_tmp / "reports").mkdir()
    (in_tmp / "reports" / "latest.json").write_text("old report\n")
    os.symlink("reports/latest.json", in_tmp / "report.json")
    result = run_checked("compare", "news", "--format", "json", "-o", "report.json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert os.readlink(in_tmp / "report.json") == "reports/latest.json"
    assert json.loads((in_tmp / "reports" / "latest.json").read_text())["summary"]["sources"] == 1
    assert sorted(os.listdir(in_tmp / "reports")) == ["latest.json"]  # no temporary file left


def test_output_through_a_dangling_symlink_creates_its_target(in_tmp: Path) -> None:
    news(in_tmp)
    (in_tmp / "reports").mkdir()
    os.symlink("reports/new.md", in_tmp / "report.md")
    result = run_checked("compare", "news", "--format", "markdown", "-o", "report.md")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert os.path.islink(in_tmp / "report.md")
    assert (in_tmp / "reports" / "new.md").read_text().startswith("# mineralcheck report")


def test_output_through_a_symlink_into_a_missing_folder_names_the_target(in_tmp: Path) -> None:
    news(in_tmp)
    os.symlink("gone/report.md", in_tmp / "report.md")
    message = one_sentence_error(run_checked("compare", "news", "-o", "report.md"))
    target = in_tmp / "gone" / "report.md"
    assert (
        message
        == f"Cannot write report.md: it links to {target}, whose folder does not exist (create it first)"
    )


def test_output_onto_a_symlink_loop_is_refused(in_tmp: Path) -> None:
    news(in_tmp)
    os.symlink("loop.md", in_tmp / "loop.md")
    message = one_sentence_error(run_checked("compare", "news", "-o", "loop.md"))
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


# --- owners, names, file systems, runs at once ------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_output_replacing_a_report_keeps_its_owner_and_mode(in_tmp: Path) -> None:
    news(in_tmp)
    old = in_tmp / "report.json"
    old.write_text("old")
    os.chown(old, 4321, 4321)
    old.chmod(0o640)
    result = run_checked("compare", "news", "--format", "json", "-o", "report.json")
    assert result.exit_code == ExitCode.OK, result.stderr
    info = old.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (4321, 4321, 0o640)


def test_output_with_a_name_at_the_file_system_limit(in_tmp: Path) -> None:
    news(in_tmp)
    name = "r" * 250 + ".json"  # 255 bytes: legal, but not with a temporary prefix and suffix added
    result = run_checked("compare", "news", "--format", "json", "-o", name)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert json.loads((in_tmp / name).read_text())["summary"]["sources"] == 1
    assert sorted(os.listdir(in_tmp)) == sorted(["cache", "news", name])


def test_a_report_path_that_is_not_utf8_is_written_under_that_name(in_tmp: Path) -> None:
    news(in_tmp, courier__txt=COURIER)
    name = os.fsdecode(b"r\xe9sum\xe9.json")
    result = run_checked("compare", "news", "--format", "json", "-o", name)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == "Wrote the json report to r\\udce9sum\\udce9.json\n"
    assert json.loads((in_tmp / name).read_text())["summary"]["sources"] == 2


@pytest.mark.usefixtures("warm")
def test_a_report_onto_a_full_file_system_keeps_the_old_report(tmp_path: Path) -> None:
    news(tmp_path, courier__txt=COURIER)
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


# --- inputs are never modified; reports go only where asked -----------------------------------


def _snapshot(root: Path) -> dict[str, tuple[bytes, int, int]]:
    out = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            stat = path.lstat()
            out[str(path.relative_to(root))] = (path.read_bytes(), stat.st_mtime_ns, stat.st_mode)
    return out


def _tree(root: Path) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            yield str((Path(folder) / name).relative_to(root))


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_inputs_are_never_modified_and_reports_go_only_where_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: ReportFormat
) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(FIXTURES, inputs)
    (inputs / "crlf.txt").write_bytes(COURIER.replace("\n", "\r\n").encode("utf-16"))
    (inputs / "empty.md").write_bytes(b"")
    before = _snapshot(inputs)
    os.utime(inputs, ns=(1, 1))
    work = tmp_path / "work"
    (work / "reports").mkdir(parents=True)
    monkeypatch.chdir(work)
    result = run("compare", str(inputs), "--format", fmt.value, "-o", "reports/out.report")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert _snapshot(inputs) == before
    assert inputs.stat().st_mtime_ns == 1  # nothing created or deleted in the input folder
    assert sorted(_tree(work)) == ["reports", os.path.join("reports", "out.report")]
    assert os.stat("reports/out.report").st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
