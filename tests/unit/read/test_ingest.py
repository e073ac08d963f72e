"""Reading inputs: decoding, ids, folders, stdin, HTML, front matter, dates, duplicates, input errors."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from mineralcheck.errors import InputError
from mineralcheck.models import SourceId
from mineralcheck.read.ingest import load_articles, read_article

BODY = "Storm Hits Coast\n\nA strong storm hit the coast on Sunday, officials said.\n"


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def _one(tmp_path: Path, name: str, data: str | bytes):  # type: ignore[no-untyped-def]
    path = _write(tmp_path / name, data)
    return read_article(path, display_path=str(path), source_id=SourceId("a"))


# --- decoding -----------------------------------------------------------------------------------


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    article = _one(tmp_path, "a.txt", b"\xef\xbb\xbf" + BODY.encode())
    assert article.text == BODY


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom_are_decoded(tmp_path: Path, encoding: str) -> None:
    article = _one(tmp_path, "a.txt", "Zürich café\nÉté 2024.\n".encode(encoding))
    assert article.text == "Zürich café\nÉté 2024.\n"


def test_latin1_is_detected(tmp_path: Path) -> None:
    text = "Les électeurs de la région ont voté dimanche à Genève. Le résultat était très serré.\n" * 3
    article = _one(tmp_path, "a.txt", text.encode("latin-1"))
    assert "électeurs" in article.text
    assert "Genève" in article.text


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00", "GZIP"),
        (b"some text\x00\x01\x02 with NULs", "NUL"),
    ],
)
def test_binary_files_are_skipped_with_the_reason(tmp_path: Path, data: bytes, kind: str) -> None:
    _write(tmp_path / "good.txt", BODY)
    _write(tmp_path / "bad.txt", data)
    result = load_articles([str(tmp_path)])
    assert [a.id for a in result.articles] == ["good"]
    assert len(result.skipped) == 1
    assert result.skipped[0].path.endswith("bad.txt")
    assert result.skipped[0].reason.startswith("binary file")
    assert kind in result.skipped[0].reason


def test_pdf_reason_reads_like_a_sentence(tmp_path: Path) -> None:
    _write(tmp_path / "good.txt", BODY)
    _write(tmp_path / "scan.txt", b"%PDF-1.4 ...")
    (skipped,) = load_articles([str(tmp_path)]).skipped
    assert skipped.reason == "binary file (looks like a PDF), not an article"


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "])
def test_empty_files_are_skipped(tmp_path: Path, data: bytes) -> None:
    _write(tmp_path / "good.txt", BODY)
    _write(tmp_path / "empty.txt", data)
    result = load_articles([str(tmp_path)])
    assert [s.reason for s in result.skipped] == ["empty file"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_lf_and_offsets_follow(tmp_path: Path, newline: str) -> None:
    raw = BODY.replace("\n", newline)
    path = _write(tmp_path / "a.txt", raw.encode())
    article = read_article(path, display_path="a.txt", source_id=SourceId("a"))
    assert article.text == path.read_text(encoding="utf-8")  # universal newlines, as a user sees it
    assert "\r" not in article.text
    start = article.text.index("A strong")
    assert article.line_of(start) == 3


def test_text_is_not_altered_beyond_newlines(tmp_path: Path) -> None:
    raw = "  Indented title  \n\n\tTabbed  body,  with   spaces. \n\n\n"
    article = _one(tmp_path, "a.txt", raw)
    assert article.text == raw


def test_sha256_is_of_the_decoded_text(tmp_path: Path) -> None:
    import hashlib

    article = _one(tmp_path, "a.txt", BODY.replace("\n", "\r\n").encode())
    assert article.sha256 == hashlib.sha256(BODY.encode()).hexdigest()


# --- ids and folders ----------------------------------------------------------------------------


def test_id_is_the_file_stem(tmp_path: Path) -> None:
    _write(tmp_path / "herald-flood.txt", BODY)
    result = load_articles([str(tmp_path / "herald-flood.txt")])
    assert [a.id for a in result.articles] == ["herald-flood"]
    assert result.articles[0].path == str(tmp_path / "herald-flood.txt")


def test_colliding_stems_use_the_relative_path(tmp_path: Path) -> None:
    _write(tmp_path / "news" / "a" / "story.txt", BODY)
    _write(tmp_path / "news" / "b" / "story.md", BODY.replace("Sunday", "Monday"))
    _write(tmp_path / "news" / "other.txt", BODY.replace("Sunday", "Friday"))
    result = load_articles([str(tmp_path / "news")])
    assert [a.id for a in result.articles] == ["a/story", "b/story", "other"]


def test_folders_are_read_recursively_in_sorted_order_ignoring_hidden_and_other_files(tmp_path: Path) -> None:
    root = tmp_path / "news"
    for i, name in enumerate(["b.txt", "a.md", "sub/c.html", "sub/deeper/d.markdown", "z.htm"]):
        _write(root / name, f"Title {i}\n\nSentence number {i} is here.\n")
    _write(root / ".hidden.txt", "Hidden\n\nNot read.\n")
    _write(root / ".git" / "e.txt", "Hidden\n\nNot read either.\n")
    _write(root / "notes.csv", "a,b\n")
    result = load_articles([str(root)])
    assert [a.id for a in result.articles] == ["a", "b", "c", "d", "z"]
    assert result.articles[2].path == os.path.join(str(root), "sub", "c.html")
    assert result.skipped == ()


def test_symlinked_folder_loop_is_visited_once(tmp_path: Path) -> None:
    root = tmp_path / "news"
    _write(root / "a.txt", BODY)
    os.symlink(root, root / "loop")
    result = load_articles([str(root)])
    assert [a.id for a in result.articles] == ["a"]


def test_stdin_is_read_as_article_stdin() -> None:
    result = load_articles(["-"], stdin_text=BODY.replace("\n", "\r\n"))
    (article,) = result.articles
    assert article.id == "stdin"
    assert article.path == "-"
    assert article.text == BODY


def test_stdin_html_is_converted() -> None:
    html = "<!DOCTYPE html><html><head><title>Vote Count</title></head><body><p>Counting began.</p></body>"
    (article,) = load_articles(["-"], stdin_text=html).articles
    assert article.title == "Vote Count"
    assert "Counting began." in article.text
    assert "<p>" not in article.text


def test_duplicates_are_counted_once(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", BODY)
    _write(tmp_path / "b.txt", "\n\n" + BODY.replace("\n", "\r\n") + "   \n")
    _write(tmp_path / "c.txt", BODY.replace("Sunday", "Monday"))
    result = load_articles([str(tmp_path)])
    assert [a.id for a in result.articles] == ["a", "c"]
    assert result.duplicates == ((str(tmp_path / "b.txt"), "a"),)


# --- HTML and front matter ----------------------------------------------------------------------


def test_html_drops_script_and_style_and_takes_the_headline(tmp_path: Path) -> None:
    html = """<!doctype html><html><head><title>Polls close in Nordland</title>
<style>body { color: red }</style><script>document.write("tracking pixel")</script></head>
<body><h1>Polls close</h1><p>Voting ended at 8 p.m. on Sunday.</p>
<script>var x = "never shown";</script></body></html>"""
    article = _one(tmp_path, "a.html", html)
    assert article.title == "Polls close"  # the page's own headline, as a reader view shows it
    assert "Voting ended at 8 p.m. on Sunday." in article.text
    for hidden in ("color: red", "tracking pixel", "never shown", "<p>"):
        assert hidden not in article.text


def test_html_title_falls_back_to_the_first_h1(tmp_path: Path) -> None:
    article = _one(
        tmp_path, "a.htm", "<html><body><h1>Dam Breaks</h1><h1>Other</h1><p>Water rose.</p></body></html>"
    )
    assert article.title == "Dam Breaks"


def test_front_matter_gives_title_and_date_and_is_furniture(tmp_path: Path) -> None:
    text = "---\ntitle: Quake Shakes Capital\ndate: 2024-04-03\n---\nA quake shook the capital.\n"
    article = _one(tmp_path, "a.md", text)
    assert article.title == "Quake Shakes Capital"
    assert article.date == dt.date(2024, 4, 3)
    assert article.text == text
    (span,) = [s for s in article.furniture if s.start == 0]
    assert text[span.start : span.end] == "---\ntitle: Quake Shakes Capital\ndate: 2024-04-03\n---\n"


def test_title_is_the_first_short_line_that_is_not_furniture(tmp_path: Path) -> None:
    article = _one(tmp_path, "a.txt", "Menu\nSearch\n\nFerry Sinks Off Island\n\nA ferry sank on Monday.\n")
    assert article.title == "Ferry Sinks Off Island"


def test_no_title_when_the_text_starts_with_a_sentence(tmp_path: Path) -> None:
    article = _one(
        tmp_path, "a.txt", "A ferry sank on Monday, the coast guard said.\nIt carried 40 people.\n"
    )
    assert article.title is None


@pytest.mark.parametrize(
    "dateline",
    [
        " date 2015-07-28 Example Post / world",
        "July 28, 2015",
        "Published 28.Jul.2015",
        "Jul. 28, 2015 4:30 p.m.",
        "2015-07-28",
        "Tuesday, July 28, 2015",
        "28 July 2015",
    ],
)
def test_dateline_formats_give_the_date(tmp_path: Path, dateline: str) -> None:
    article = _one(tmp_path, "a.txt", f"Ferry Sinks\n{dateline}\n\nA ferry sank on Monday.\n")
    assert article.date == dt.date(2015, 7, 28)


@pytest.mark.parametrize(
    "body",
    [
        "Ferry Sinks\n\nIt sank on March 3, 2024, near the harbour.\n",
        "Ferry Sinks\n\n" + "The ferry had sailed for years. " * 30 + "\nIt sank on March 3, 2024.\n",
        "On March 3, 2024, a ferry sank near the harbour.\n",
        "Ferry Sinks\n\nA survivor (pictured on March 3, 2024) waits. (AP)\n",
    ],
)
def test_a_date_in_the_body_is_never_the_publication_date(tmp_path: Path, body: str) -> None:
    # It dates an event (the sinking, a photo), not the article: "rose over time" would be misled.
    assert _one(tmp_path, "a.txt", body).date is None


def test_a_date_opening_the_text_behind_a_label_is_a_dateline_and_never_a_claim(tmp_path: Path) -> None:
    text = (
        "Source: https://example.org/ferry\n\n"
        " date 2024-03-04 A ferry carrying 87 people sank near the harbour on Sunday, the coast guard said.\n"
    )
    article = _one(tmp_path, "a.txt", text)
    assert article.date == dt.date(2024, 3, 4)
    assert [text[s.start : s.end] for s in article.furniture] == [
        "Source: https://example.org/ferry",
        " date 2024-03-04",
    ]


def test_no_date_when_none_is_stated(tmp_path: Path) -> None:
    assert _one(tmp_path, "a.txt", "Ferry Sinks\n\nIt sank on Monday (Oct 21).\n").date is None


def test_impossible_dates_are_ignored(tmp_path: Path) -> None:
    assert _one(tmp_path, "a.txt", "Title\n2025-02-30\n\nFebruary 3, 2025 was cold.\n").date is None
    assert _one(tmp_path, "a.txt", "Title\n2025-02-30\nFebruary 3, 2025\n\nIt was cold.\n").date == dt.date(
        2025, 2, 3
    )


def test_furniture_and_captions_are_marked_on_the_article(tmp_path: Path) -> None:
    text = "Flood Hits Town\n\nAdvertisement\n\nWater rose fast on Friday.\n\nA flooded road. (AP)\n"
    article = _one(tmp_path, "a.txt", text)
    # The credit is cut out of its caption: the caption's claims are second-hand, the credit none.
    assert [text[s.start : s.end] for s in article.furniture] == ["Advertisement", "(AP)"]
    assert [text[s.start : s.end] for s in article.captions] == ["A flooded road. (AP)"]


def test_files_far_larger_than_an_article_are_skipped_with_the_reason(tmp_path: Path) -> None:
    # Parsing 20 MB would take half an hour; no news article comes near the limit.
    paragraph = "The council met on Tuesday and approved the budget after a long debate.\n\n"
    path = _write(tmp_path / "big.txt", "Budget Passes\n\n" + paragraph * 270_000)  # about 20 MB
    with pytest.raises(InputError, match=r"too large for a news article \(19\.7 MB; the limit is 10 MB\)"):
        read_article(path, display_path="big.txt", source_id=SourceId("big"))
    long_text = _write(tmp_path / "long.txt", "Budget Passes\n\n" + paragraph * 5_000)  # 365 kB
    with pytest.raises(InputError, match=r"\(365,015 characters; the limit is 300,000\)"):
        read_article(long_text, display_path="long.txt", source_id=SourceId("long"))
    article = _one(tmp_path, "ok.txt", "Budget Passes\n\n" + paragraph * 3_000)  # 220 kB
    assert article.title == "Budget Passes"


# --- run-level errors ---------------------------------------------------------------------------


def test_missing_path_names_the_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^Input not found: .*nope/ \(check the path\)\.$"):
        load_articles([str(tmp_path / "nope") + "/"])


def test_folder_without_articles(tmp_path: Path) -> None:
    _write(tmp_path / "news" / "data.csv", "a,b\n")
    given = str(tmp_path / "news")
    with pytest.raises(InputError) as info:
        load_articles([given])
    assert str(info.value) == f"No articles found in {given}: expected .txt, .md or .html files."


def test_folder_whose_only_content_is_a_symlink_loop(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    os.symlink(root, root / "again")
    with pytest.raises(InputError, match="No articles found"):
        load_articles([str(root)])


def test_self_referencing_symlink_is_an_input_error(tmp_path: Path) -> None:
    link = tmp_path / "loop.txt"
    os.symlink(link, link)
    with pytest.raises(InputError, match="symbolic link loop"):
        load_articles([str(link)])


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_only_input_is_an_error_but_one_of_many_is_skipped(tmp_path: Path) -> None:
    locked = _write(tmp_path / "locked.txt", BODY)
    locked.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        load_articles([str(locked)])
    _write(tmp_path / "open.txt", BODY.replace("Sunday", "Monday"))
    result = load_articles([str(locked), str(tmp_path / "open.txt")])
    assert [s.reason for s in result.skipped] == ["permission denied"]


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", b"%PDF-1.4")
    _write(tmp_path / "b.txt", b"")
    with pytest.raises(InputError, match=r"No readable articles in .*: every input was skipped"):
        load_articles([str(tmp_path)])


def test_stdin_without_text_is_an_error() -> None:
    with pytest.raises(InputError, match="stdin"):
        load_articles(["-"])


def test_read_article_raises_input_error_for_a_binary_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", b"\x89PNG\r\n\x1a\n....")
    with pytest.raises(InputError, match=r"Cannot use x\.txt: binary file \(looks like a PNG image\)"):
        read_article(path, display_path="x.txt", source_id=SourceId("x"))


def test_permission_denied_even_when_running_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = _write(tmp_path / "locked.txt", BODY)
    real_open = Path.open

    def open_(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    with pytest.raises(InputError) as info:
        load_articles([str(locked)])
    assert str(info.value) == f"Cannot read {locked}: permission denied (check the file's permissions)."
    _write(tmp_path / "open.txt", BODY.replace("Sunday", "Monday"))
    result = load_articles([str(tmp_path)])
    assert [a.id for a in result.articles] == ["open"]
    assert [(s.path, s.reason) for s in result.skipped] == [(str(locked), "permission denied")]
