"""Writing reports: the path checked before the run, the report written atomically after it.

A report replaces a regular file atomically (a reader sees the old file or the new one). Anything
else is written the way a shell redirect writes it: through a symbolic link to its target, into a
device or a pipe directly, and /dev/stdout, /dev/stderr and /dev/fd/N into that descriptor. Nothing
that is not a regular file is ever replaced: as root, `-o /dev/null` replacing the real /dev/null
breaks the whole machine.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from mineralcheck.errors import OutputError
from mineralcheck.files.reading import special_kind
from mineralcheck.read.folders import ARTICLE_EXTENSIONS

# Names of an open descriptor: writing there must reach the descriptor, not replace what it points to.
_DESCRIPTOR = re.compile(r"^/(?:dev/fd|proc/self/fd)/(\d+)$")
_STANDARD = {"/dev/stdout": 1, "/dev/stderr": 2}

_TEMP_NAME_CHARS = 40
"""Characters of the report's name kept in its temporary file's name: a name near the file
system's limit (255 bytes) must not fail only because of the prefix and suffix added to it."""

_FIXES = {
    errno.ENOSPC: "free some disk space, or write the report elsewhere",
    errno.EDQUOT: "free some disk space, or write the report elsewhere",
    errno.EROFS: "the file system is read-only: write the report elsewhere",
    errno.EACCES: "check the permissions of the file and its folder, or write the report elsewhere",
    errno.EPERM: "check the permissions of the file and its folder, or write the report elsewhere",
    errno.ENAMETOOLONG: "choose a shorter name",
}


def encode_report(text: str) -> bytes:
    """A report as UTF-8 bytes, whatever the locale.

    Undecodable bytes of file names reach Python as lone surrogates, which UTF-8 cannot carry; they
    are written as `\\udcXX`, which in a JSON string is the standard escape (json readers give the
    original name back) and elsewhere reads as the byte it stands for.
    """
    return text.encode("utf-8", "backslashreplace")


def check_output_path(path: str | os.PathLike[str], inputs: Sequence[str] = ()) -> None:
    """Refuse, before any work is done, an output path that cannot or must not be written.

    Raises OutputError when the folder does not exist, the path is a folder, a disk, a socket or a
    symbolic link loop, or the path names one of the `inputs` or an article inside an input folder
    (a report must never overwrite an article). "-" in `inputs` is stdin.
    """
    out = Path(path)
    if _descriptor(out) is not None:
        return
    existing = _stat(out)
    if existing is not None:
        _refuse_unwritable(out, existing)
    target = Path(os.path.realpath(out))  # through symbolic links, even to a file not created yet
    folder = target.parent if out.is_symlink() else out.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist (create it first)"
        if out.is_symlink():
            raise OutputError(f"Cannot write {out}: it links to {target}, whose folder {what}")
        display_folder = f"{folder}{os.sep}" if str(folder) != "." else f".{os.sep}"
        raise OutputError(f"Cannot write {out.name}: folder {display_folder} {what}")
    for given in inputs:
        if given == "-":
            continue
        source = Path(given).resolve()
        # An existing article inside an input folder is an input too, though not named on its own.
        if source == target or (
            source.is_dir()
            and target.is_relative_to(source)
            and target.is_file()
            and target.suffix.lower() in ARTICLE_EXTENSIONS
        ):
            raise OutputError(
                f"Cannot write {out}: it is one of the input files and would be overwritten",
                tip="choose another name for the report, e.g. -o report.json",
            )


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to `path` so readers see the old file or the new one, never half of it.

    A regular file (or a new one) is written to a temporary file in the same folder, which then
    replaces it; through a symbolic link, the link's target is replaced and the link kept. A
    device or a pipe is written directly, and /dev/stdout and its kin to their descriptor. On any
    error, or Ctrl-C, the temporary file is removed; failures raise OutputError with the cause.
    """
    out = Path(path)
    data = encode_report(text)
    try:
        descriptor = _descriptor(out)
        if descriptor is not None:
            _write_all(descriptor, data)
            return
        existing = _stat(out)
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            _refuse_unwritable(out, existing)
            with open(out, "wb") as handle:  # a character device or a pipe: as `> out` would
                _write_to(handle, data)
            return
        _replace(Path(os.path.realpath(out)), data, existing)
    except BrokenPipeError:
        raise  # a pipe or stdout whose reader went away: the caller decides
    except OSError as error:
        raise cannot_write(str(out), error) from error


def write_stream(stream: BinaryIO, text: str, name: str = "stdout") -> None:
    """Write a report to an open binary stream (stdout) as UTF-8 and flush it.

    A closed pipe raises BrokenPipeError (the reader went away: the caller decides); any other
    failure (a full disk) raises OutputError naming `name` and the cause.
    """
    try:
        stream.write(encode_report(text))
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise cannot_write(name, error, what="the report to") from error


def cannot_write(name: str, error: OSError, *, what: str = "") -> OutputError:
    """The OutputError for a failed write: the path, the cause, and a fix where one is known."""
    cause = error.strerror or str(error)
    cause = cause[:1].lower() + cause[1:]
    target = f"{what} {name}".strip()
    return OutputError(f"Cannot write {target}: {cause}", tip=_FIXES.get(error.errno or 0))


def _refuse_unwritable(out: Path, existing: os.stat_result) -> None:
    """Raise OutputError for what a report must not be written into: a folder, a disk, a socket."""
    if stat.S_ISDIR(existing.st_mode):
        raise OutputError(
            f"Cannot write {out}: it is a folder",
            tip=f"name a file inside it, e.g. -o {out / 'report.json'}",
        )
    kind = special_kind(existing.st_mode)
    if kind is not None and not stat.S_ISCHR(existing.st_mode):
        raise OutputError(f"Cannot write {out}: it is {kind}, not a file", tip="choose a file name")


def _replace(target: Path, data: bytes, existing: os.stat_result | None) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:_TEMP_NAME_CHARS]}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_to(handle, data)
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; give the report the permissions (and, for root, the
        # owner) of the file it replaces, or those a plain open() would give a new one.
        os.chmod(tmp, existing.st_mode & 0o7777 if existing is not None else _default_mode())
        if existing is not None and os.geteuid() == 0:
            with contextlib.suppress(OSError):
                os.chown(tmp, existing.st_uid, existing.st_gid)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_to(handle: BinaryIO, data: bytes) -> None:
    handle.write(data)
    handle.flush()


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _descriptor(out: Path) -> int | None:
    """The descriptor that /dev/stdout, /dev/fd/N and the like name, else None."""
    name = os.path.normpath(os.path.abspath(out))
    if name in _STANDARD:
        return _STANDARD[name]
    match = _DESCRIPTOR.match(name)
    return int(match.group(1)) if match else None


def _stat(out: Path) -> os.stat_result | None:
    """The file the path leads to (through links), None when there is none yet."""
    try:
        return os.stat(out)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OutputError(
                f"Cannot write {out}: it is a symbolic link loop", tip="point it at a file, or remove it"
            ) from None
        if error.errno == errno.ENOTDIR:
            return None  # the folder check names the part that is not a folder
        raise cannot_write(str(out), error) from error


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
