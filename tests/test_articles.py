"""What an article file may hold: whatever it is, it is read correctly or skipped with the reason.

Per-file problems never stop a run (exit 0): the file is named in a warning on stderr and listed under
"skipped" (or "duplicates") in every report; files that can be read are read correctly, with exact
offsets. Through the real command line (CliRunner) with the fake embedder; fixtures in
tests/unit/fixtures/robustness/.
"""

from __future__ import annotations

import codecs
import json
import os
import socket
import time
from pathlib import Path
from typing import Any

import pytest

from mineralcheck.errors import ExitCode
from mineralcheck.report import ReportFormat
from tests.runs import (
    COURIER,
    FIXTURES,
    HERALD,
    assert_offsets_exact,
    assert_skipped,
    claims_of,
    compare_json,
    news,
    run,
    run_checked,
)

pytestmark = pytest.mark.usefixtures("fake_model")  # every command gets FakeEmbedder and its own cache


# --- empty, binary and oddly encoded files ----------------------------------------------------


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


# --- too large, too long ----------------------------------------------------------------------


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


@pytest.mark.parametrize(("size", "skipped"), [(10_000_000, False), (10_000_001, True)])
def test_the_byte_limit_is_exact(in_tmp: Path, size: int, skipped: bool) -> None:
    news(in_tmp)
    (in_tmp / "big.txt").write_bytes(b"x" * size)
    result = run_checked("compare", "big.txt", "news", "--format", "json")
    assert result.exit_code == ExitCode.OK, result.stderr
    (reason,) = [s["reason"] for s in json.loads(result.stdout)["skipped"]]
    # Within the byte limit the file is read, then refused for its length in characters.
    expected = "10.0 MB; the limit is 10 MB" if skipped else "10,000,000 characters; the limit is 300,000"
    assert reason == f"too large for a news article ({expected}): split it into articles"


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


# --- other scripts, web pages, duplicates -----------------------------------------------------


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
    news(in_tmp, courier__txt=COURIER, empty__txt="")
    result = run("compare", "news", "--format", "json", "--quiet")
    assert result.stderr == f"warning: skipped {os.path.join('news', 'empty.txt')}: empty file\n"


ONE_ARTICLE = (
    "warning: only one article was read ({path}): nothing can be cross-checked, so every fact is "
    "single-source; give two or more articles about the same event\n"
)


@pytest.mark.parametrize("command", [["compare"], ["init", "-o", "starter.yaml"]])
def test_a_single_article_says_that_nothing_can_be_cross_checked(in_tmp: Path, command: list[str]) -> None:
    news(in_tmp)
    path = os.path.join("news", "herald.txt")
    result = run(*command, path, "--quiet")
    assert result.exit_code == ExitCode.OK, result.stderr
    assert result.stderr == ONE_ARTICLE.format(path=path)


def test_a_copy_that_leaves_one_article_says_so_too(in_tmp: Path) -> None:
    news(in_tmp, zz_copy__txt=HERALD)
    result = run("compare", "news", "--quiet")
    assert ONE_ARTICLE.format(path=os.path.join("news", "herald.txt")) in result.stderr


def test_two_articles_get_no_such_warning(in_tmp: Path) -> None:
    news(in_tmp, courier__txt=COURIER)
    assert run("compare", "news", "--quiet").stderr == ""
