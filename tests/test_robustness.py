"""Issue 6: whatever it is given, mineralcheck answers with a clear sentence and the right exit code,
never a traceback, and never damages the user's files.

Three kinds of case, each through the real command line (CliRunner, and a few real processes):

- per-file problems: the run goes on (exit 0), the file is named in a warning on stderr and listed
  under "skipped" (or "duplicates") in every report; files that can be read are read correctly;
- run-level problems: exit 2 and one sentence naming the input, the cause and the fix;
- interruptions: Ctrl-C leaves no half-written report, and inputs are never modified.

The embedding model is replaced by FakeEmbedder (see the autouse fixture) so the suite stays fast;
only the --model cases load a model path for real. Fixtures: tests/unit/fixtures/robustness/.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from mineralcheck import cli
from mineralcheck.cli import commands
from mineralcheck.errors import ExitCode
from mineralcheck.files import writing as output_module
from mineralcheck.match import embed
from mineralcheck.report import ReportFormat
from tests.fakes import FAKE_MODEL_MAIN, FakeEmbedder

FIXTURES = Path(__file__).parent / "unit" / "fixtures" / "robustness"
HERALD = (FIXTURES / "bridge_herald.txt").read_text(encoding="utf-8")
COURIER = (FIXTURES / "bridge_courier.txt").read_text(encoding="utf-8")
VENV_BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every command gets FakeEmbedder, and a cache of its own that no other test sees."""

    def fake(*args: Any, **kwargs: Any) -> FakeEmbedder:
        return FakeEmbedder()

    monkeypatch.setattr(embed, "embedder_for", fake)
    monkeypatch.setenv("MINERALCHECK_CACHE_DIR", str(tmp_path / "cache"))


def run(*args: str, input: str | None = None) -> Result:
    """Invoke the CLI; whatever happens, the user never sees a traceback."""
    result = CliRunner().invoke(cli.app, list(args), input=input)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def compare_json(*args: str) -> tuple[Result, dict[str, Any]]:
    result = run("compare", *args, "--format", "json")
    assert result.exit_code == ExitCode.OK, result.stderr
    return result, json.loads(result.stdout)


def one_sentence_error(result: Result) -> str:
    """The error line of a failed run (the message, without the "error: " prefix); asserts exit 2."""
    assert result.exit_code == ExitCode.ERROR, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and lines[0].startswith("error: "), result.stderr
    assert all(line.startswith("Tip: ") for line in lines[1:]), result.stderr
    return lines[0].removeprefix("error: ")


def news(tmp_path: Path, **files: str | bytes) -> Path:
    """A folder news/ holding the Herald article and `files` (name -> text or bytes)."""
    folder = tmp_path / "news"
    folder.mkdir(exist_ok=True)
    (folder / "herald.txt").write_text(HERALD, encoding="utf-8", newline="")
    for name, data in files.items():
        path = folder / name.replace("__", ".")
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="")
        else:
            path.write_bytes(data)
    return folder


def claims_of(report: dict[str, Any], source: str) -> list[dict[str, Any]]:
    return [c for cluster in report["clusters"] for c in cluster["claims"] if c["source"] == source]


def assert_skipped(result: Result, report: dict[str, Any], path: Path, reason: str) -> None:
    """`path` is named in a warning on stderr and listed, with `reason`, under skipped."""
    shown = os.path.join("news", path.name) if not path.is_absolute() else str(path)
    assert f"warning: skipped {shown}: {reason}" in result.stderr, result.stderr
    assert {"path": shown, "reason": reason} in [
        {"path": s["path"], "reason": s["reason"][: len(reason)]} for s in report["skipped"]
    ], report["skipped"]
    assert path.stem not in {a["id"] for a in report["sources"]}


def assert_offsets_exact(report: dict[str, Any], source: str, text: str) -> None:
    """Every claim of `source` points at its evidence: text[start:end], on the right line."""
    claims = claims_of(report, source)
    assert claims, f"no claims from {source}"
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["evidence"]
        assert claim["line"] == text.count("\n", 0, claim["start"]) + 1


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path, so relative paths in messages are short and nothing lands in the repo."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- per-file problems: the run goes on ---------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n  \n", codecs.BOM_UTF8 + b"\n \n", "\u3000\u00a0\n".encode(), codecs.BOM_UTF16_LE],
    ids=["empty", "whitespace", "bom-and-blank-lines", "unicode-spaces", "utf16-bom-only"],
)
def test_empty_or_whitespace_only_file_is_skipped(in_tmp: Path, data: bytes) -> None:
    news(in_tmp, blank__txt=data)
    result, report = compare_json("news")
    assert_skipped(result, report, Path("news/blank.txt"), "empty file")
    assert [a["id"] for a in report["sources"]] == ["herald"]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a PDF"),
        ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "a PNG image"),
        ("archive.html", b"PK\x03\x04\x14\x00\x00\x00\x08\x00story.txt", "a ZIP archive or office document"),
        ("blob.txt", b"looks like text\x00\x01\x02\x03 but has NUL bytes", "contains NUL bytes"),
    ],
)
def test_binary_file_with_a_text_extension_is_skipped(
    in_tmp: Path, name: str, data: bytes, kind: str
) -> None:
    news(in_tmp, **{name.replace(".", "__"): data})
    result, report = compare_json("news")
    assert_skipped(result, report, Path("news") / name, "binary file")
    assert kind in report["skipped"][0]["reason"]


def test_invalid_utf8_is_decoded_with_a_detected_encoding(in_tmp: Path) -> None:
    text = COURIER.replace("Mayor Petra Holm", "Mayor Petra Hölm").replace(
        "promised free shuttle buses", "promised “free” shuttle buses – at no cost"
    )
    news(in_tmp, courier__txt=text.encode("cp1252"))
    result, report = compare_json("news")
    assert report["skipped"] == []
    assert "courier" in {a["id"] for a in report["sources"]}
    assert_offsets_exact(report, "courier", text)
    assert any("Hölm" in c["evidence"] for c in claims_of(report, "courier"))


def test_undecodable_bytes_are_decoded_or_skipped_with_the_reason(in_tmp: Path) -> None:
    # Bytes no text encoding reads sensibly: either a guess or a skip, never a crash or a silent loss.
    noise = bytes((i * 73 + 41) % 127 + 129 for i in range(3000))
    news(in_tmp, noise__txt=noise)
    result, report = compare_json("news")
    used = "noise" in {a["id"] for a in report["sources"]}
    listed = [s for s in report["skipped"] if s["path"].endswith("noise.txt")]
    assert used != bool(listed)
    if listed:
        assert "warning: skipped news/noise.txt: " in result.stderr
        assert "encoding" in listed[0]["reason"]


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with its BOM, as Windows editors write it
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
        lambda t: t.encode("utf-16-le"),  # no BOM: told from binary by where the NUL bytes fall
        lambda t: t.encode("utf-16-be"),
    ],
    ids=["utf8-bom", "utf16", "utf16-be", "utf32", "utf16-le-no-bom", "utf16-be-no-bom"],
)
def test_bom_and_utf16_give_the_same_claims_as_plain_utf8(in_tmp: Path, encode: Any) -> None:
    _, plain = compare_json(str(FIXTURES / "bridge_herald.txt"))
    (in_tmp / "bridge_herald.txt").write_bytes(encode(HERALD))
    _, encoded = compare_json("bridge_herald.txt")
    assert claims_of(encoded, "bridge_herald") == claims_of(plain, "bridge_herald")
    assert_offsets_exact(encoded, "bridge_herald", HERALD)


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_line_endings_keep_offsets_and_line_numbers(in_tmp: Path, newline: str) -> None:
    _, plain = compare_json(str(FIXTURES / "bridge_herald.txt"))
    raw = HERALD.replace("\n", newline)
    (in_tmp / "bridge_herald.txt").write_bytes(raw.encode())
    _, report = compare_json("bridge_herald.txt")
    assert claims_of(report, "bridge_herald") == claims_of(plain, "bridge_herald")
    # Offsets count a line break as one character (universal newlines, as every editor shows it);
    # line numbers point at the line of the raw file that holds the evidence.
    assert_offsets_exact(report, "bridge_herald", HERALD)
    raw_lines = raw.split(newline)
    for claim in claims_of(report, "bridge_herald"):
        assert claim["evidence"] in raw_lines[claim["line"] - 1]


def test_a_20_mb_article_is_skipped_quickly_with_the_reason(in_tmp: Path) -> None:
    paragraph = "The council met on Tuesday and approved the budget after a long debate.\n\n"
    news(in_tmp, dump__txt=paragraph * 275_000)  # 20 MB: no news article; parsing it would take an hour
    started = time.monotonic()
    result, report = compare_json("news")
    assert time.monotonic() - started < 20
    assert_skipped(
        result, report, Path("news/dump.txt"), "too large for a news article (20.1 MB; the limit is 10 MB)"
    )
    assert "split it into articles" in report["skipped"][0]["reason"]


def test_an_article_over_the_text_limit_is_skipped_also_from_stdin(in_tmp: Path) -> None:
    long_text = "Budget Passes\n\n" + "The council approved the budget after a long debate.\n" * 7_000
    result = run("compare", "-", str(FIXTURES / "bridge_herald.txt"), "--format", "json", input=long_text)
    assert result.exit_code == ExitCode.OK, result.stderr
    (skipped,) = json.loads(result.stdout)["skipped"]
    assert skipped["path"] == "-"
    assert skipped["reason"].startswith("too large for a news article (371,015 characters")
    assert "warning: skipped -: too large" in result.stderr


@pytest.mark.parametrize(
    ("data", "skip_reason"),
    [
        (COURIER.replace("Holm", "Hölm").encode("cp1252"), None),
        (COURIER.encode("utf-16"), None),
        (codecs.BOM_UTF8 + COURIER.replace("\n", "\r\n").encode(), None),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3", "binary file (looks like a PDF), not an article"),
        (b" \n\t\n", "empty file"),
    ],
    ids=["cp1252", "utf16", "utf8-bom-crlf", "pdf", "blank"],
)
def test_stdin_is_decoded_like_a_file(in_tmp: Path, data: bytes, skip_reason: str | None) -> None:
    # Not with the locale's encoding: a pipe from curl or iconv carries whatever the page had.
    herald = str(FIXTURES / "bridge_herald.txt")
    result = run("compare", "-", herald, "--format", "json", input=data)  # type: ignore[arg-type]
    assert result.exit_code == ExitCode.OK, result.stderr
    report = json.loads(result.stdout)
    if skip_reason is None:
        assert report["skipped"] == []
        assert_offsets_exact(
            report, "stdin", COURIER.replace("Holm", "Hölm") if b"H\xf6lm" in data else COURIER
        )
    else:
        assert report["skipped"] == [{"path": "-", "reason": skip_reason}]
        assert f"warning: skipped -: {skip_reason}" in result.stderr


def test_extremely_long_lines_are_read_with_exact_offsets(in_tmp: Path) -> None:
    sentences = " ".join(
        f"Inspectors found crack number {k} in the steel span of the Lindmoor bridge on Monday."
        for k in range(120)
    )  # one 10,000-character line of sentences: cut into blocks, offsets kept
    blob = "data:image/png;base64," + "QUJD" * 25_000  # one 100,000-character token
    words = "spam " * 20_000  # 100,000 characters of one repeated word
    text = f"Lindmoor bridge\n\n{sentences}\n\n{blob}\n\n{words}\n\n{HERALD}"
    news(in_tmp, long__txt=text)
    started = time.monotonic()
    result, report = compare_json("news")
    assert time.monotonic() - started < 60
    assert report["skipped"] == []
    assert_offsets_exact(report, "long", text)
    evidence = " ".join(c["evidence"] for c in claims_of(report, "long"))
    assert "crack number 119" in evidence


@pytest.mark.parametrize(
    "name", ["other_arabic.txt", "other_chinese.txt", "other_russian.txt", "other_mixed.txt"]
)
def test_text_in_another_language_or_script_is_read_without_error(in_tmp: Path, name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    result, report = compare_json(str(FIXTURES / "bridge_herald.txt"), str(FIXTURES / name))
    assert report["skipped"] == []
    assert Path(name).stem in {a["id"] for a in report["sources"]}
    for claim in claims_of(report, Path(name).stem):
        assert text[claim["start"] : claim["end"]] == claim["evidence"]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and refuse) every attempt to open a connection."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access attempted during a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))  # type: ignore[arg-type]
    return attempts


def test_html_scripts_styles_and_iframes_are_never_run_or_followed(
    in_tmp: Path, no_network: list[object]
) -> None:
    secret = in_tmp / "secret.txt"
    secret.write_text("IFRAME_TARGET_MARKER the framed page was fetched", encoding="utf-8")
    page = (
        (FIXTURES / "hostile_page.html").read_text(encoding="utf-8").replace("IFRAME_TARGET", secret.as_uri())
    )
    news(in_tmp, page__html=page)
    outputs = []
    for fmt in ReportFormat:
        result = run("compare", "news", "--format", fmt.value)
        assert result.exit_code == ExitCode.OK, result.stderr
        outputs.append(result.stdout)
    report = json.loads(outputs[[f.value for f in ReportFormat].index("json")])
    assert {a["id"]: a["title"] for a in report["sources"]}["page"] == "Lindmoor bridge reopens early"
    assert any("two weeks ahead of schedule" in c["evidence"] for c in claims_of(report, "page"))
    for marker in ("SCRIPT_MARKER", "STYLE_MARKER", "ONLOAD_MARKER", "MODULE_MARKER", "IFRAME_TARGET_MARKER"):
        assert all(marker not in text for text in outputs), marker
    assert no_network == []


def test_a_duplicate_article_is_counted_once_and_said_so(in_tmp: Path) -> None:
    # The same text under another name, even saved with other line endings and a BOM.
    copy = codecs.BOM_UTF8 + HERALD.replace("\n", "\r\n").encode()
    news(in_tmp, courier__txt=COURIER, zz_copy__txt=copy)
    result, report = compare_json("news")
    assert [a["id"] for a in report["sources"]] == ["courier", "herald"]
    assert report["duplicates"] == [{"path": os.path.join("news", "zz_copy.txt"), "duplicate_of": "herald"}]
    assert "warning: news/zz_copy.txt repeats the text of herald; counted once as a source" in result.stderr
    assert all(c["source"] != "zz_copy" for cluster in report["clusters"] for c in cluster["claims"])


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_skipped_and_duplicate_files_are_listed_in_every_report_format(
    in_tmp: Path, fmt: ReportFormat
) -> None:
    news(in_tmp, empty__txt="", scan__pdf__txt=b"%PDF-1.4", z_again__txt=HERALD)
    result = run("compare", "news", "--format", fmt.value)
    assert result.exit_code == ExitCode.OK, result.stderr
    for name in ("empty.txt", "scan.pdf.txt", "z_again.txt"):
        assert name in result.stdout, name
        assert name in result.stderr, name


def test_skipped_files_are_named_on_stderr_even_with_quiet(in_tmp: Path) -> None:
    news(in_tmp, empty__txt="")
    result = run("compare", "news", "--format", "json", "--quiet")
    assert result.stderr == f"warning: skipped {os.path.join('news', 'empty.txt')}: empty file\n"


def test_per_file_warnings_reach_the_real_stderr_of_a_process(in_tmp: Path) -> None:
    news(in_tmp, scan__txt=b"%PDF-1.4")
    done = subprocess.run(
        [sys.executable, "-c", FAKE_MODEL_MAIN + "main()", "compare", "news", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MINERALCHECK_CACHE_DIR": str(in_tmp / "cache")},
    )
    assert done.returncode == ExitCode.OK, done.stderr
    scan = os.path.join("news", "scan.txt")
    assert done.stderr == f"warning: skipped {scan}: binary file (looks like a PDF), not an article\n"
    assert json.loads(done.stdout)["skipped"][0]["path"] == os.path.join("news", "scan.txt")


# --- run-level problems: exit 2, one sentence ----------------------------------------------------


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


# claims.yaml: read by `check`, with a safe loader that constructs no objects.


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("version: 1\nclaims:\n  - id: a\n    match: [unclosed\n", "claims.yaml:5: invalid YAML"),
        ("version: 1\nclaims:\n\t- id: a\n", "claims.yaml:3: invalid YAML"),
        (
            "version: 1\nclaims:\n  - id: a\n    match: the bridge closed\n    expected: {value: 6}\n",
            "claims.yaml:5: ",
        ),
        ("version: 1\nsorces: [news/]\nclaims: []\n", "claims.yaml:2: "),
    ],
    ids=["unclosed-bracket", "tab-indent", "unknown-key", "misspelt-top-level-key"],
)
def test_claims_yaml_malformed_or_with_unknown_keys(in_tmp: Path, yaml_text: str, expected: str) -> None:
    news(in_tmp)
    (in_tmp / "claims.yaml").write_text(yaml_text)
    result = run("check", "news")
    message = one_sentence_error(result)
    assert message.startswith(expected), message


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {flag}']",
        "!!python/object/new:os.system ['touch {flag}']",
        "!!python/object:os.system {{cmd: 'touch {flag}'}}",
        "!!python/name:os.system",
        "!!python/object/apply:subprocess.check_output [['touch', '{flag}']]",
    ],
)
def test_claims_yaml_tags_that_construct_objects_are_refused(in_tmp: Path, payload: str) -> None:
    news(in_tmp)
    flag = in_tmp / "pwned"
    (in_tmp / "claims.yaml").write_text(
        "version: 1\nclaims:\n  - id: a\n    match: " + payload.format(flag=flag) + "\n"
    )
    message = one_sentence_error(run("check", "news"))
    assert message.startswith("claims.yaml:4: "), message
    assert "python" in message
    assert not flag.exists()


# --model: one that cannot be loaded offline is named, with how to get one; never a network wait.


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


# --- interrupted runs ---------------------------------------------------------------------------


def _old_report(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    old = folder / "report.md"
    old.write_text("the previous report\n")
    return old


def test_ctrl_c_while_rendering_leaves_the_previous_report_and_no_temp_file(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news(in_tmp)
    old = _old_report(in_tmp / "out")

    def interrupted(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "render", interrupted)
    result = run("compare", "news", "--format", "markdown", "-o", str(old))
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr == "interrupted\n"
    assert os.listdir(in_tmp / "out") == ["report.md"]
    assert old.read_text() == "the previous report\n"


@pytest.mark.parametrize("stage", ["write", "fsync", "replace"])
def test_ctrl_c_while_writing_leaves_the_previous_report_and_no_temp_file(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    news(in_tmp)
    old = _old_report(in_tmp / "out")
    real_fdopen = os.fdopen

    class Handle:
        """A file whose write is interrupted half-way."""

        def __init__(self, handle: Any) -> None:
            self._handle = handle

        def __enter__(self) -> Handle:
            return self

        def __exit__(self, *exc: object) -> None:
            self._handle.close()

        def write(self, text: str) -> int:
            self._handle.write(text[: len(text) // 2])
            self._handle.flush()
            raise KeyboardInterrupt

        def __getattr__(self, name: str) -> Any:
            return getattr(self._handle, name)

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if stage == "write":
        monkeypatch.setattr(output_module.os, "fdopen", lambda *a, **k: Handle(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(output_module.os, stage, interrupt)
    result = run("compare", "news", "--format", "markdown", "-o", str(old))
    assert result.exit_code == ExitCode.ERROR
    assert result.stderr.endswith("interrupted\n")
    assert os.listdir(in_tmp / "out") == ["report.md"]
    assert old.read_text() == "the previous report\n"


def test_a_real_sigint_while_writing_leaves_no_partial_report(in_tmp: Path) -> None:
    news(in_tmp)
    old = _old_report(in_tmp / "out")
    # The signal arrives while the report is being written (between write and rename).
    script = FAKE_MODEL_MAIN + textwrap.dedent(
        """
        import os, signal, mineralcheck.files.writing as out
        def fsync(fd):
            os.kill(os.getpid(), signal.SIGINT)
        out.os.fsync = fsync
        main()
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "compare", "news", "--format", "markdown", "-o", str(old)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MINERALCHECK_CACHE_DIR": str(in_tmp / "cache")},
    )
    assert done.returncode == ExitCode.ERROR
    assert done.stderr == "interrupted\n"
    assert os.listdir(in_tmp / "out") == ["report.md"]
    assert old.read_text() == "the previous report\n"
    assert signal.SIGINT  # (the handler is Python's default: KeyboardInterrupt)


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


# --- inputs are never modified; reports go only where asked --------------------------------------


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
