"""One key -> bytes table in one SQLite file, that survives the environment it finds itself in.

SQLite (stdlib) gives atomic, transactional writes that concurrent runs can share without
corrupting anything. What goes wrong is told apart, because the remedies differ: a damaged file is
set aside and rebuilt; a cache that cannot be written (read-only folder or files, full disk, a lock
held by another run) is read without storing anything new; one that cannot be opened at all is
skipped. Each is one warning, naming the folder, the cause and the fix: a cache problem never
fails a run.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

CACHE_DIR_ENV = "MINERALCHECK_CACHE_DIR"
"""Environment variable that overrides the cache directory."""

Warn = Callable[[str], None]
"""warn(sentence): a cache problem the user may want to know about (never an error)."""

_CHUNK = 500  # keys per SELECT ... IN (...): well under SQLite's bound-parameter limit
_WAIT = 60.0  # seconds a run waits for another to let go of the file: SQLite's busy timeout below


def ignore_warning(message: str) -> None:
    """The default warn callback: a library never prints."""
    return None


def warn_once(warn: Warn) -> Warn:
    """`warn` that says each sentence once: the two caches of a folder share its problems."""
    said: set[str] = set()

    def once(message: str) -> None:
        if message not in said:
            said.add(message)
            warn(message)

    return once


def _checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=8).digest()


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Store:
    """A key -> bytes table in one SQLite file, opened on first use.

    Writes go through `INSERT OR REPLACE` in one transaction, so a reader sees an entry whole or not
    at all, and two runs writing at once simply take turns (WAL journal, generous busy timeout).
    Every value carries a checksum; get_many skips (and reports) values that fail it.
    """

    def __init__(self, path: Path, *, warn: Warn = ignore_warning) -> None:
        self.path = path
        self._warn = warn
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._read_only = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        try:
            if self.path.is_symlink():
                # Never created by mineralcheck; in a shared folder it could point at anyone's file.
                raise _Refused(f"{self.path.name} is a symbolic link, which mineralcheck never creates")
            self._db = self._open_in_turn()
        except (sqlite3.Error, OSError, _Refused) as exc:
            if _damaged(exc, opening=True):
                self._set_aside(exc)
            else:
                self._open_read_only(exc)
        return self._db

    def _open_in_turn(self) -> sqlite3.Connection:
        """Open for writing, waiting while another run opens the same file."""
        deadline = time.monotonic() + _WAIT
        pause = 0.005
        while True:
            try:
                return self._open()
            except sqlite3.OperationalError as exc:
                # Turning a new file to WAL needs it alone. When two runs open it at once, SQLite
                # answers BUSY at once instead of after its busy timeout (each would wait for the
                # other), and the loser would fall back to read-only: take turns instead.
                if _code(exc) != sqlite3.SQLITE_BUSY or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(2 * pause, 0.25)

    def _open(self, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
        if read_only:
            mode = "ro&immutable=1" if immutable else "ro"
            db = sqlite3.connect(f"{self.path.absolute().as_uri()}?mode={mode}", timeout=_WAIT, uri=True)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=_WAIT, isolation_level=None)
        try:
            if not read_only:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable enough for a cache
                db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, sum BLOB, value BLOB)")
            # Reads a page (fails if not a database) and checks the columns are ours.
            db.execute("SELECT key, sum, value FROM entries LIMIT 1").fetchall()
        except BaseException:
            db.close()
            raise
        return db

    def _open_read_only(self, cause: BaseException) -> None:
        """The cache cannot be written: read what it holds, or go on without it."""
        if isinstance(cause, _Refused) or not self.path.is_file():
            self._give_up(cause)
            return
        for immutable in (False, True):  # immutable: a read-only folder where WAL files cannot be made
            try:
                self._db = self._open(read_only=True, immutable=immutable)
            except sqlite3.Error:
                continue
            self._read_only = True
            why, fix = self._explain(cause)
            self._warn(
                f"cannot write the cache in {self.path.parent} ({why}); using it read-only, "
                f"so new results are not stored. {fix}"
            )
            return
        self._give_up(cause)

    def _set_aside(self, exc: BaseException) -> None:
        """A damaged file: move it aside (kept for a bug report) and start an empty one."""
        aside = self.path.with_name(self.path.name + ".corrupt")
        try:
            os.replace(self.path, aside)
            self._db = self._open_in_turn()
        except (OSError, sqlite3.Error) as again:
            why, fix = self._explain(again)
            self._warn(
                f"the cache file {self.path} is damaged ({exc}) and cannot be replaced ({why}); "
                f"running without it. Delete it, or {fix[:1].lower()}{fix[1:]}"
            )
            self._broken = True
            self._db = None
            return
        self._warn(
            f"the cache file {self.path} was damaged ({exc}); set it aside as {aside.name} and rebuilding it"
        )

    def _give_up(self, exc: BaseException) -> None:
        why, fix = self._explain(exc)
        self._warn(f"cannot use the cache in {self.path.parent} ({why}); running without it. {fix}")
        self._broken = True
        self.close()

    def _stop_writing(self, exc: BaseException) -> None:
        """A write failed (a full disk, a lock held too long): keep reading, stop storing."""
        self._read_only = True
        why, fix = self._explain(exc)
        self._warn(
            f"cannot store new results in the cache in {self.path.parent} ({why}); "
            f"using it read-only for the rest of the run. {fix}"
        )

    def _explain(self, exc: BaseException) -> tuple[str, str]:
        """(what stands in the way, in the user's terms rather than SQLite's; what to do about it)."""
        elsewhere = f"set {CACHE_DIR_ENV} to another folder (--no-cache skips the cache)."
        try:
            why = self._diagnose(exc)
        except OSError:  # the folder cannot even be looked at
            why = str(exc)
        if why == _FULL:
            return why, f"Free some disk space, or {elsewhere}"
        if why == _BUSY:
            return why, f"Wait for the other run, or {elsewhere}"
        if isinstance(exc, _Refused) or why.endswith(_NOT_A_FOLDER):
            return why, f"Move it away, or {elsewhere}"
        return why, f"Make the folder writable, or {elsewhere}"

    def _diagnose(self, exc: BaseException) -> str:
        code = _code(exc)
        folder = self.path.parent
        if code == sqlite3.SQLITE_FULL or getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
            return _FULL
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return _BUSY
        if isinstance(exc, FileExistsError | NotADirectoryError) or (folder.exists() and not folder.is_dir()):
            return f"{folder}{_NOT_A_FOLDER}"
        if code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN) and _no_space_left(folder):
            return _FULL  # SQLite reports a full disk as an I/O error when its WAL index cannot grow
        if code in _NOT_WRITABLE or isinstance(exc, PermissionError):
            if folder.is_dir() and not os.access(folder, os.W_OK):
                return "the folder is read-only"
            if self.path.exists() and not os.access(self.path, os.W_OK):
                return "its files are read-only"
        return str(exc)

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored values of those keys that are present and intact."""
        db = self._connect()
        found: dict[str, bytes] = {}
        if db is None:
            return found
        bad = 0
        try:
            for chunk in _chunks(keys):
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, sum, value FROM entries WHERE key IN ({marks})", tuple(chunk))
                for key, checksum, value in rows:
                    if isinstance(value, bytes) and checksum == _checksum(value):
                        found[key] = value
                    else:
                        bad += 1
        except sqlite3.Error as exc:
            self.close()
            if _damaged(exc):
                self._set_aside(exc)
            else:
                self._give_up(exc)
            return {}
        if bad:
            self._warn(f"ignored {bad} corrupt entr{'y' if bad == 1 else 'ies'} in {self.path}; rebuilding")
        return found

    def put_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Store (key, value) pairs in one transaction; replaces entries with the same key."""
        db = self._connect()
        if db is None or self._read_only:
            return
        rows = [(key, _checksum(value), value) for key, value in items]
        if not rows:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO entries (key, sum, value) VALUES (?, ?, ?)", rows)
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if _damaged(exc):
                self.close()
                self._set_aside(exc)
            else:
                self._stop_writing(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


_FULL = "the disk is full"
_NOT_A_FOLDER = " is not a folder"
_BUSY = "another run has kept it locked for over a minute"

# SQLite's primary result codes for "this process may not write here" (not: the file is damaged).
_NOT_WRITABLE = (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH)


class _Refused(Exception):
    """A cache file mineralcheck will not open (a symbolic link)."""


def _no_space_left(folder: Path) -> bool:
    try:
        return os.statvfs(folder).f_bavail == 0
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return False


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None  # extended codes carry the primary below


def _damaged(exc: BaseException, *, opening: bool = False) -> bool:
    """The file is not a cache we can read (garbage, truncated, another program's table), as
    opposed to a cache we may not write: only this is set aside. A plain SQL error when opening
    means the table is not ours (other columns)."""
    damaged = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) + ((sqlite3.SQLITE_ERROR,) if opening else ())
    return _code(exc) in damaged
