"""Report files: refused early when they cannot or must not be written, written atomically."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mineralcheck.errors import OutputError
from mineralcheck.files import writing as output_module
from mineralcheck.files.writing import check_output_path, write_atomic, write_stream


def test_write_atomic_writes_utf8_text(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomic(target, "Tōkyō | ok\n")
    assert target.read_text(encoding="utf-8") == "Tōkyō | ok\n"
    assert os.listdir(tmp_path) == ["report.md"]


def test_write_atomic_replaces_an_existing_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_new_file_gets_ordinary_permissions_not_mkstemp_0600(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_atomic(target, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failed_write_removes_the_temp_file_and_leaves_the_old_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")

    def fail(src: str, dst: str) -> None:
        raise failure

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError if isinstance(failure, OSError) else KeyboardInterrupt):
        write_atomic(target, "new")
    assert os.listdir(tmp_path) == ["report.json"]
    assert target.read_text() == "old"


def test_write_into_a_read_only_folder_is_an_output_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="Cannot write"):
            write_atomic(tmp_path / "report.json", "{}")
    finally:
        tmp_path.chmod(0o700)


def test_missing_folder_is_refused_with_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError) as caught:
        check_output_path("out/report.json", ["news"])
    assert (
        str(caught.value) == f"Cannot write report.json: folder out{os.sep} does not exist (create it first)"
    )


def test_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("")
    with pytest.raises(OutputError, match="is not a folder"):
        check_output_path(tmp_path / "out" / "report.json")


def test_output_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a folder"):
        check_output_path(tmp_path)


def test_output_naming_an_input_is_refused_even_by_another_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("article")
    with pytest.raises(OutputError, match="one of the input files"):
        check_output_path("./a.txt", ["b.txt", str(tmp_path / "a.txt")])


def test_ordinary_output_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    check_output_path("report.json", ["-", "a.txt"])
    check_output_path(tmp_path / "report.json", ["a.txt"])


def test_write_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to("real.json")
    write_atomic(tmp_path / "link.json", "new")
    assert os.readlink(tmp_path / "link.json") == "real.json"
    assert (tmp_path / "real.json").read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["link.json", "real.json"]


def test_write_into_a_device_writes_it_and_a_full_one_is_an_output_error(tmp_path: Path) -> None:
    # Copies of /dev/null and /dev/full: a regression must not be able to replace the real ones.
    try:
        os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        os.mknod(tmp_path / "full", stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except OSError as error:
        pytest.skip(f"cannot create device nodes here ({error.strerror}): needs root or CAP_MKNOD")
    write_atomic(tmp_path / "null", "{}")  # written into, never replaced
    assert stat.S_ISCHR(os.lstat(tmp_path / "null").st_mode)
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "full", "{}")
    assert str(caught.value) == f"Cannot write {tmp_path / 'full'}: no space left on device"
    assert caught.value.tip == "free some disk space, or write the report elsewhere"
    assert sorted(os.listdir(tmp_path)) == ["full", "null"]


def test_write_stream_names_stdout_and_the_cause() -> None:
    with open("/dev/full", "wb", buffering=0) as full, pytest.raises(OutputError) as caught:
        write_stream(full, "{}")  # type: ignore[arg-type]
    assert str(caught.value) == "Cannot write the report to stdout: no space left on device"


def test_lone_surrogates_of_file_names_are_written_as_escapes(tmp_path: Path) -> None:
    write_atomic(tmp_path / "r.json", '{"path": "caf\udce9.txt"}')
    assert (tmp_path / "r.json").read_bytes() == b'{"path": "caf\\udce9.txt"}'


@pytest.mark.parametrize(
    ("path", "descriptor"),
    [("/dev/stdout", 1), ("/dev/stderr", 2), ("/dev/fd/1", 1), ("/proc/self/fd/7", 7), ("/dev/null", None)],
)
def test_names_of_open_descriptors_are_written_to_the_descriptor(path: str, descriptor: int | None) -> None:
    # Tested on the name alone: a regression must never be able to replace the real /dev/stdout.
    assert output_module._descriptor(Path(path)) == descriptor
