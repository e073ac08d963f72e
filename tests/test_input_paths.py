"""Where the articles are said to be: paths that do not exist, folders without articles, permissions,
symbolic link loops, names that are not UTF-8, devices, pipes, sockets and endless streams, and a
--model that cannot be loaded.

A path that cannot be used at all is exit 2 and one sentence naming the input, the cause and the fix;
one bad entry among others is skipped with the reason. Through CliRunner, or a real process where a
real device or stream matters (tests.runs.mc: the fake embedder in a real process).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from mineralcheck.errors import ExitCode
from mineralcheck.report import ReportFormat
from tests.runs import (
    COURIER,
    HERALD,
    LATIN1_NAME,
    VENV_BIN,
    assert_offsets_exact,
    assert_skipped,
    compare_json,
    err,
    mc,
    news,
    one_sentence_error,
    run,
    run_checked,
    state,
)

pytestmark = pytest.mark.usefixtures("fake_model")  # every command gets FakeEmbedder and its own cache


# --- paths and folders ------------------------------------------------------------------------


def test_a_path_that_does_not_exist(in_tmp: Path) -> None:
    message = one_sentence_error(run("compare", "nope/"))
    assert message == "Input not found: nope/ (check the path)."


def test_a_path_that_does_not_exist_in_a_real_process(in_tmp: Path) -> None:
    done = subprocess.run(
        [str(VENV_BIN / "mineralcheck"), "compare", "missing.txt"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == ExitCode.ERROR
    assert done.stdout == ""
    assert done.stderr == "error: Input not found: missing.txt (check the path).\n"


@pytest.mark.parametrize("url", ["https://example.com/2015/07/28/story.html", "www.example.com/story"])
def test_a_web_address_says_it_is_not_fetched_and_how_to_save_the_page(in_tmp: Path, url: str) -> None:
    done = run("compare", url)
    message = one_sentence_error(done)
    assert message == (
        f"Input {url} is a web address: mineralcheck reads saved files and never fetches a page."
    )
    assert "Tip: save the page as HTML" in done.stderr and "pass the file" in done.stderr


@pytest.mark.parametrize("value", ["true", "False", "yes"])
def test_a_value_after_a_switch_is_named_as_the_mistake(in_tmp: Path, value: str) -> None:
    news(in_tmp)
    done = run("compare", "news", "--singles", value)
    assert one_sentence_error(done) == f"Input not found: {value} (check the path)."
    assert f"write `--singles`, not `--singles {value}`" in done.stderr


@pytest.mark.parametrize("contents", [{}, {"photo.jpg": b"\xff\xd8\xff", ".hidden.txt": b"A hidden note."}])
def test_a_folder_with_no_articles(in_tmp: Path, contents: dict[str, bytes]) -> None:
    (in_tmp / "empty").mkdir()
    for name, data in contents.items():
        (in_tmp / "empty" / name).write_bytes(data)
    message = one_sentence_error(run("compare", "empty"))
    assert message == "No articles found in empty: expected .txt, .md or .html files."


def test_a_folder_whose_every_file_is_skipped(in_tmp: Path) -> None:
    folder = in_tmp / "junk"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.txt").write_bytes(b"%PDF-1.4")
    message = one_sentence_error(run("compare", "junk"))
    assert message.startswith("No readable articles in junk: every input was skipped (")
    assert "junk/a.txt: empty file" in message
    assert message.endswith("give UTF-8 text, Markdown or HTML files.")


# --- permissions and links --------------------------------------------------------------------


@pytest.fixture
def locked(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Names of files and folders that raise PermissionError when read, also for root (who bypasses chmod)."""
    names: set[str] = set()
    real_open, real_scandir = Path.open, os.scandir

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name in names:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def scandir(path: Any = ".") -> Any:
        if Path(path).name in names:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "open", open_)
    monkeypatch.setattr(os, "scandir", scandir)
    return names


def test_a_permission_denied_file_as_the_only_input(in_tmp: Path, locked: set[str]) -> None:
    (in_tmp / "secret.txt").write_text(HERALD)
    locked.add("secret.txt")
    message = one_sentence_error(run("compare", "secret.txt"))
    assert message == "Cannot read secret.txt: permission denied (check the file's permissions)."


def test_a_permission_denied_folder_as_the_only_input(in_tmp: Path, locked: set[str]) -> None:
    news(in_tmp)
    locked.add("news")
    message = one_sentence_error(run("compare", "news"))
    assert message == "Cannot read folder news: permission denied (check the folder's permissions)."


def test_a_permission_denied_file_or_folder_among_others_is_skipped(in_tmp: Path, locked: set[str]) -> None:
    news(in_tmp, secret__txt=COURIER)
    (in_tmp / "news" / "private").mkdir()
    (in_tmp / "news" / "private" / "memo.txt").write_text(COURIER.replace("Monday", "Tuesday"))
    locked.update({"secret.txt", "private"})
    result, report = compare_json("news")
    assert_skipped(result, report, Path("news/secret.txt"), "permission denied")
    assert_skipped(result, report, Path("news/private"), "permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_permission_denied_file_for_real(in_tmp: Path) -> None:
    (in_tmp / "secret.txt").write_text(HERALD)
    (in_tmp / "secret.txt").chmod(0)
    message = one_sentence_error(run("compare", "secret.txt"))
    assert message == "Cannot read secret.txt: permission denied (check the file's permissions)."


@pytest.mark.parametrize("loop", ["self", "pair"])
def test_a_symlink_loop(in_tmp: Path, loop: str) -> None:
    if loop == "self":
        os.symlink("link", in_tmp / "link")
    else:
        os.symlink("other", in_tmp / "link")
        os.symlink("link", in_tmp / "other")
    message = one_sentence_error(run("compare", "link"))
    assert message == "Input link is a symbolic link loop: point it at a real file or folder."


def test_a_symlink_loop_inside_a_folder_does_not_stop_the_run(in_tmp: Path) -> None:
    folder = news(in_tmp)
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink(".", folder / "again")  # a folder that contains itself
    result, report = compare_json("news")
    assert [a["id"] for a in report["sources"]] == ["herald"]


# --- file names that are not valid UTF-8 ------------------------------------------------------


def test_an_article_whose_name_is_not_utf8_is_read_cached_and_reported(in_tmp: Path) -> None:
    folder = news(in_tmp)
    with open(os.path.join(os.fsencode(folder), LATIN1_NAME), "wb") as handle:
        handle.write(COURIER.encode())
    before = state(in_tmp)
    outputs = {}
    for fmt in ReportFormat:
        for attempt in ("cold", "warm"):  # the cache stores the claims, then serves them
            result = run_checked("compare", "news", "--format", fmt.value)
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
    result = run_checked("compare", "news", "--format", "json", "-o", "report.json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert json.loads((in_tmp / "report.json").read_bytes()) == report
    assert {k: v for k, v in state(in_tmp).items() if k != "report.json"} == before


# --- devices, pipes, sockets and endless streams named as articles ----------------------------


@pytest.mark.usefixtures("warm")
def test_dev_zero_as_an_article_is_skipped_at_once(tmp_path: Path) -> None:
    news(tmp_path, courier__txt=COURIER)
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
    news(tmp_path, courier__txt=COURIER)
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
    result = run_checked("compare", "feed", "news", "--format", "json")
    writer.join(timeout=60)
    assert result.exit_code == ExitCode.OK, result.stderr
    assert_offsets_exact(json.loads(result.stdout), "feed", COURIER)


def test_a_fifo_socket_or_device_inside_a_folder_is_not_an_article(in_tmp: Path) -> None:
    folder = news(in_tmp)
    os.mkfifo(folder / "pipe.txt")  # opening it would wait for a writer forever
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "socket.txt"))
    result = run_checked("compare", "news", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert [s["id"] for s in json.loads(result.stdout)["sources"]] == ["herald"]


def test_a_socket_named_as_an_article_is_skipped_with_the_reason(in_tmp: Path) -> None:
    news(in_tmp)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(in_tmp / "socket.txt"))
    result = run_checked("compare", "socket.txt", "news", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.stderr
    reason = "a socket, not a file: name an article file instead"
    assert json.loads(result.stdout)["skipped"] == [{"path": "socket.txt", "reason": reason}]


# --- --model: one that cannot be loaded offline is named, with how to get one; never a network wait ---


@pytest.mark.parametrize(
    "model", ["./no-such-model", "someone/not-a-cached-model"], ids=["folder", "hub-name"]
)
def test_a_model_that_cannot_be_loaded_offline(in_tmp: Path, model: str) -> None:
    news(in_tmp)
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HOME": str(in_tmp / "hf"),  # an empty hub cache: nothing to find offline
        "MINERALCHECK_CACHE_DIR": str(in_tmp / "cache"),
    }
    started = time.monotonic()
    done = subprocess.run(
        [str(VENV_BIN / "mineralcheck"), "compare", "news", "--model", model],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert time.monotonic() - started < 120
    assert done.returncode == ExitCode.ERROR, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    error, tip = done.stderr.splitlines()[-2:]
    assert error.startswith(f"error: Cannot load the embedding model {model!r} offline"), done.stderr
    assert tip.startswith("Tip: ") and "--model" in tip and "pip install" in tip
