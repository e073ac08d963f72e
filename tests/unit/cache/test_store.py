"""The SQLite store under both caches: what it does when it cannot write, is full, or is a link."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from mineralcheck.cache import store as store_module
from mineralcheck.cache.store import Store, warn_once


def _filled(path: Path) -> None:
    store = Store(path)
    store.put_many([("a", b"first")])
    store.close()


def _writes_refused(refusal: Callable[[], sqlite3.Error]) -> Callable[..., sqlite3.Connection]:
    """Store._open as a store sees it when every opening for writing fails with `refusal()`."""
    real_open = Store._open

    def refusing(self: Store, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
        if not read_only:
            raise refusal()
        return real_open(self, read_only=True, immutable=immutable)

    return refusing


def test_a_full_disk_stops_writes_with_one_warning_and_keeps_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(tmp_path / "s.sqlite")
    real_open = Store._open

    def full(self: Store, **kwargs: bool) -> sqlite3.Connection:
        db = real_open(self, **kwargs)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
        return db

    monkeypatch.setattr(Store, "_open", full)
    warnings: list[str] = []
    store = Store(tmp_path / "s.sqlite", warn=warnings.append)
    for batch in range(4):
        store.put_many([(f"k{batch}-{n}", bytes(4000)) for n in range(10)])
    assert store.get_many(["a", "k0-0"]) == {"a": b"first"}  # reads go on; nothing half-written
    (warning,) = warnings
    assert warning.startswith(f"cannot store new results in the cache in {tmp_path} (the disk is full)")
    assert "Free some disk space" in warning
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".corrupt") == []


def test_a_store_that_cannot_be_written_is_read_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(tmp_path / "s.sqlite")
    monkeypatch.setattr(
        Store,
        "_open",
        _writes_refused(lambda: sqlite3.OperationalError("attempt to write a readonly database")),
    )
    warnings: list[str] = []
    store = Store(tmp_path / "s.sqlite", warn=warnings.append)
    store.put_many([("b", b"second")])
    assert store.get_many(["a", "b"]) == {"a": b"first"}
    (warning,) = warnings
    assert warning.startswith(f"cannot write the cache in {tmp_path} (")
    assert "using it read-only" in warning
    assert not list(tmp_path.glob("*.corrupt"))


def _busy() -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError("database is locked")
    exc.sqlite_errorcode = sqlite3.SQLITE_BUSY  # what SQLite sets when another run holds the file
    return exc


def test_a_store_another_run_is_opening_is_waited_for_not_given_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two runs that create the cache at once both switch it to WAL; SQLite tells one of them BUSY
    # without waiting, and that run must take its turn rather than stop storing.
    real_open = Store._open
    refusals = iter([_busy(), _busy()])

    def contended(self: Store, **kwargs: bool) -> sqlite3.Connection:
        for exc in refusals:
            raise exc
        return real_open(self, **kwargs)

    monkeypatch.setattr(Store, "_open", contended)
    warnings: list[str] = []
    store = Store(tmp_path / "s.sqlite", warn=warnings.append)
    store.put_many([("a", b"first")])
    assert store.get_many(["a"]) == {"a": b"first"}
    assert warnings == []


def test_a_store_locked_past_the_wait_is_read_only_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(tmp_path / "s.sqlite")
    monkeypatch.setattr(Store, "_open", _writes_refused(_busy))
    monkeypatch.setattr(store_module, "_WAIT", 0.05)
    warnings: list[str] = []
    store = Store(tmp_path / "s.sqlite", warn=warnings.append)
    store.put_many([("b", b"second")])
    assert store.get_many(["a", "b"]) == {"a": b"first"}
    (warning,) = warnings
    assert "another run has kept it locked" in warning and "Wait for the other run" in warning


def test_a_store_file_that_is_a_symlink_is_not_opened(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.db"
    target.write_bytes(b"someone else's file")
    (tmp_path / "s.sqlite").symlink_to(target)
    warnings: list[str] = []
    store = Store(tmp_path / "s.sqlite", warn=warnings.append)
    store.put_many([("a", b"x")])
    assert store.get_many(["a"]) == {}
    assert target.read_bytes() == b"someone else's file"
    (warning,) = warnings
    assert "(s.sqlite is a symbolic link, which mineralcheck never creates); running without it" in warning
    assert "Move it away" in warning


def test_a_table_of_another_program_is_set_aside(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        db.execute("CREATE TABLE entries (id INTEGER, payload TEXT)")
    warnings: list[str] = []
    store = Store(tmp_path / "s.sqlite", warn=warnings.append)
    store.put_many([("a", b"x")])
    assert store.get_many(["a"]) == {"a": b"x"}
    assert (tmp_path / "s.sqlite.corrupt").exists()
    assert len(warnings) == 1 and "set it aside as s.sqlite.corrupt" in warnings[0]


def test_warn_once_says_each_sentence_once() -> None:
    said: list[str] = []
    warn = warn_once(said.append)
    for message in ("a", "b", "a", "a"):
        warn(message)
    assert said == ["a", "b"]
