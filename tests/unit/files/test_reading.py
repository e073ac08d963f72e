"""Bounded reads: devices refused unopened, pipes read, nothing read past its limit."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from mineralcheck.errors import ConfigError
from mineralcheck.files.reading import NotARegularFile, TooLarge, read_config_text, read_limited


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"x" * 10)
    assert read_limited(tmp_path / "a.txt", 10) == b"x" * 10


def test_a_file_over_the_limit_is_refused_by_its_size_without_reading_it(tmp_path: Path) -> None:
    with open(tmp_path / "sparse", "wb") as handle:
        handle.truncate(5_000_000_000)
    with pytest.raises(TooLarge) as caught:
        read_limited(tmp_path / "sparse", 100)
    assert (caught.value.size, caught.value.limit) == (5_000_000_000, 100)


@pytest.mark.parametrize(("path", "kind"), [("/dev/zero", "a character device"), ("/", "a folder")])
def test_devices_and_folders_are_refused(path: str, kind: str) -> None:
    with pytest.raises(NotARegularFile) as caught:
        read_limited(path, 100)
    assert caught.value.kind == kind


def test_a_socket_is_refused(tmp_path: Path) -> None:
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "s"))
    with pytest.raises(NotARegularFile, match="a socket"):
        read_limited(tmp_path / "s", 100)
    listener.close()


@pytest.mark.parametrize(("size", "fits"), [(100, True), (101, False)])
def test_a_pipe_is_read_up_to_its_limit(tmp_path: Path, size: int, fits: bool) -> None:
    os.mkfifo(tmp_path / "p")
    writer = threading.Thread(target=lambda: (tmp_path / "p").write_bytes(b"y" * size), daemon=True)
    writer.start()
    if fits:
        assert read_limited(tmp_path / "p", 100) == b"y" * 100
    else:
        with pytest.raises(TooLarge) as caught:
            read_limited(tmp_path / "p", 100)
        assert caught.value.size is None  # a pipe has no size: only the limit is known
    writer.join(timeout=10)


def test_config_text_names_the_file_for_every_problem(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes(b"a: 1\nb: \xff\n")
    with pytest.raises(ConfigError, match=r"bad\.yaml:2: not UTF-8 text"):
        read_config_text(tmp_path / "bad.yaml")
    with pytest.raises(ConfigError, match="Cannot read /dev/zero: it is a character device, not a file"):
        read_config_text("/dev/zero")
    with pytest.raises(FileNotFoundError):
        read_config_text(tmp_path / "missing.yaml")
