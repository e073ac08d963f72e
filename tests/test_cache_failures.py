"""The on-disk cache in every state it may be found in: interrupted while written, read-only, on a full
disk, a symbolic link, a file where the folder should be, another program's database, shared by runs in
parallel. A cache problem is at most one warning naming the folder, the cause and the fix: it never
fails a run, changes a report, or damages a file that is not the cache's own.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mineralcheck.errors import ExitCode
from tests.runs import (
    COURIER,
    HERALD,
    MAIN,
    compare_json,
    err,
    in_namespace,
    mc,
    news,
    read_only_mount,
    run,
    run_checked,
)

pytestmark = pytest.mark.usefixtures("fake_model")  # every command gets FakeEmbedder and its own cache


class _CommitInterrupted:
    """A cache connection where Ctrl-C arrives just before COMMIT: the writes are in, not committed."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.strip().upper() == "COMMIT":
            self._db.close()  # the process dies here: SQLite keeps nothing of an open transaction
            raise KeyboardInterrupt
        return self._db.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def _cache_entries(folder: Path) -> dict[str, int]:
    counts = {}
    for store in sorted(folder.glob("*.sqlite")):
        with contextlib.closing(sqlite3.connect(store)) as db:
            counts[store.name] = db.execute("SELECT count(*) FROM entries").fetchone()[0]
    return counts


def test_ctrl_c_while_writing_the_cache_leaves_no_partial_entry(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mineralcheck import cache

    news(in_tmp, courier__txt=COURIER)
    cache_dir = in_tmp / "cache"
    _, before = compare_json("news")  # fills the cache
    entries = _cache_entries(cache_dir)
    assert entries and all(entries.values())
    (in_tmp / "news" / "other.txt").write_text(COURIER.replace("Monday", "Tuesday"))

    real_open = cache.Store._open
    monkeypatch.setattr(cache.Store, "_open", lambda self: _CommitInterrupted(real_open(self)))
    result = run("compare", "news", "--format", "json")
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.endswith("interrupted\n")
    monkeypatch.setattr(cache.Store, "_open", real_open)

    # Nothing of the interrupted run is in the cache: exactly the entries of the first run are there.
    assert _cache_entries(cache_dir) == entries
    assert not [name for name in os.listdir(cache_dir) if name.endswith(".corrupt")]
    with_other = run("compare", "news", "--format", "json")
    assert with_other.exit_code == ExitCode.OK
    assert "warning" not in with_other.stderr  # no corrupt entry to ignore or rebuild
    (in_tmp / "news" / "other.txt").unlink()
    _, after = compare_json("news")
    assert after == before


def _cache_with_a_new_article(tmp_path: Path) -> tuple[bytes, dict[str, bytes]]:
    """A cache warm for herald and courier, and a third article it has not seen (so a run wants to
    write); returns the report a run without the cache gives, and the cache files' bytes."""
    folder = news(tmp_path, courier__txt=COURIER)
    (folder / "other.txt").write_text(HERALD.replace("Monday", "Tuesday").replace("18,000", "19,000"))
    fresh = run_checked("compare", "news", "--format", "json", "--no-cache")
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
    news(tmp_path, courier__txt=COURIER)
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
    news(tmp_path, courier__txt=COURIER)
    (tmp_path / "cache").write_text("not a folder")
    done = mc("compare", "news", "--format", "json", cwd=tmp_path)
    assert done.returncode == ExitCode.OK
    _assert_one_cache_warning(done, f"({tmp_path / 'cache'} is not a folder); running without it")
    assert (tmp_path / "cache").read_text() == "not a folder"


def test_another_programs_database_in_place_of_the_cache_is_set_aside(tmp_path: Path) -> None:
    news(tmp_path, courier__txt=COURIER)
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
