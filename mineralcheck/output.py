"""Writing reports to files: checked before the run, written atomically after it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mineralcheck.errors import OutputError
from mineralcheck.ingest import ARTICLE_EXTENSIONS


def check_output_path(path: str | os.PathLike[str], inputs: Sequence[str] = ()) -> None:
    """Refuse, before any work is done, an output path that cannot or must not be written.

    Raises OutputError when the folder does not exist, the path is a folder, or the path names
    one of the `inputs` or an article inside an input folder (a report must never overwrite an
    article). "-" in `inputs` is stdin.
    """
    out = Path(path)
    folder = out.parent
    display_folder = f"{folder}{os.sep}" if str(folder) != "." else f".{os.sep}"
    if out.is_dir():
        raise OutputError(
            f"Cannot write {out}: it is a folder",
            tip=f"name a file inside it, e.g. -o {out / 'report.json'}",
        )
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist (create it first)"
        raise OutputError(f"Cannot write {out.name}: folder {display_folder} {what}")
    target = out.resolve()
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
    """Write `text` (UTF-8) to `path` so readers see the old file or the new one, never half of it.

    The text goes to a temporary file in the same folder (so os.replace stays on one file system),
    which then replaces `path`. On any error, or Ctrl-C, the temporary file is removed.
    """
    out = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as error:
        raise OutputError(f"Cannot write {out}: {error.strerror or error}") from error
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; give the report the permissions a plain open() would.
        os.chmod(tmp, _mode_for(out))
        os.replace(tmp, out)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):
            raise OutputError(f"Cannot write {out}: {error.strerror or error}") from error
        raise


def _mode_for(out: Path) -> int:
    try:
        return out.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
