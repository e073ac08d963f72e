"""Reading files that may be anything: a device, a pipe, an endless stream or a huge file.

A path a user gives can name /dev/zero, a FIFO, a socket, a 10 GB dump or a file that grows while it
is read. Reading it whole first and checking afterwards is how a run ends in MemoryError, so every
input is read here: special files are refused before they are opened (opening some devices has side
effects), pipes are allowed (`<(curl ...)` is a pipe), and no read takes more than its limit plus one
byte, whatever the size the file system reports (devices and pipes report 0).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from mineralcheck.errors import ConfigError


class NotARegularFile(Exception):
    """The path names a device, socket or folder: nothing to read an article or config from."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind
        """What it is instead, with its article: "a character device"."""


class TooLarge(Exception):
    """More bytes than the limit: the file was not read whole."""

    def __init__(self, size: int | None, limit: int) -> None:
        super().__init__(size, limit)
        self.size = size
        """Its size in bytes, when the file system knows it (None for pipes and growing files)."""
        self.limit = limit


def megabytes(size: int) -> str:
    """A limit for people: 10_000_000 -> "10 MB"."""
    return f"{size / 1e6:g} MB"


def file_size(size: int) -> str:
    """A measured size for people: "20.1 MB", "20.0 GB"."""
    return f"{size / 1e9:.1f} GB" if size >= 1e9 else f"{size / 1e6:.1f} MB"


def special_kind(mode: int) -> str | None:
    """What a file of this st_mode is when it is not a regular file or a pipe, else None."""
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device (a disk)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file or a pipe, at most `limit` of them.

    Raises NotARegularFile for devices, sockets and folders (checked before opening), TooLarge when
    there are more than `limit` bytes (checked from the size first, then by reading `limit` + 1), and
    OSError (PermissionError, ...) as the system reports it.
    """
    path = Path(path)
    before = os.stat(path)
    kind = special_kind(before.st_mode)
    if kind is not None:
        raise NotARegularFile(kind)
    if stat.S_ISREG(before.st_mode) and before.st_size > limit:
        raise TooLarge(before.st_size, limit)
    with path.open("rb") as handle:
        # The path may have been swapped for something else between stat and open.
        kind = special_kind(os.fstat(handle.fileno()).st_mode)
        if kind is not None:
            raise NotARegularFile(kind)
        return read_stream_limited(handle, limit)


def read_stream_limited(stream: BinaryIO, limit: int) -> bytes:
    """At most `limit` bytes of a stream; TooLarge (size unknown) when it holds more."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(None, limit)
    return data


MAX_CONFIG_BYTES = 10_000_000
"""claims.yaml and baselines: a thousand times the size of any real one."""


def read_config_text(path: str | os.PathLike[str], limit: int = MAX_CONFIG_BYTES) -> str:
    """The UTF-8 text of a config file (claims.yaml, a baseline).

    FileNotFoundError propagates (the caller knows how such a file is made); every other problem
    is a ConfigError naming the file, the cause and the fix.
    """
    try:
        data = read_limited(path, limit)
    except FileNotFoundError:
        raise
    except NotARegularFile as exc:
        raise ConfigError(
            f"Cannot read {path}: it is {exc.kind}, not a file", tip="give the path of the file"
        ) from None
    except TooLarge as exc:
        size = file_size(exc.size) if exc.size is not None else f"more than {megabytes(limit)}"
        raise ConfigError(
            f"Cannot read {path}: too large ({size}; the limit is {megabytes(limit)})",
            tip="is this the right file?",
        ) from None
    except OSError as exc:
        raise ConfigError(f"Cannot read {path}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"{path}:{line}: not UTF-8 text ({exc.reason})", tip="save the file as UTF-8"
        ) from None
