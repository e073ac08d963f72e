"""Text made inert for people: controls and bidi overrides become visible escapes, all else stays."""

from __future__ import annotations

import json

import pytest

from mineralcheck.display import inert, inert_copy, inert_line, json_inert
from mineralcheck.models import Article, Report, Skipped, SourceId


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;owned\x07", "\\x1b]0;owned\\x07"),  # window title
        ("\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred"),  # clear screen, colour
        ("a\x9b31mb", "a\\x9b31mb"),  # C1 CSI
        ("back\x08\x08", "back\\x08\\x08"),
        ("cr\rlf", "cr\\x0dlf"),
        ("del\x7f", "del\\x7f"),
        ("\u202eevil\u202c", "\\u202eevil\\u202c"),  # right-to-left override
        ("\u2066isolate\u2069", "\\u2066isolate\\u2069"),
        ("line\u2028sep", "line\\u2028sep"),
        ("caf\udce9", "caf\\udce9"),  # a file-name byte that is not UTF-8
    ],
)
def test_controls_become_visible_escapes(text: str, shown: str) -> None:
    assert inert(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "Zürich, 東京, Москва, القاهرة, 🎉, e\u0301",
        "tabs\tand\nnewlines stay",
        "\u200f\u200e\u061c marks, \u200d joiners and \u00ad soft hyphens are text",
    ],
)
def test_printable_text_of_any_script_is_unchanged(text: str) -> None:
    assert inert(text) == text


def test_inert_line_escapes_line_breaks_too() -> None:
    assert inert_line("x\nerror: fake\x1b") == "x\\nerror: fake\\x1b"


def test_json_inert_is_the_same_data_for_a_json_reader() -> None:
    data = {"evidence": "a\x1b[2J\x9b\u202e\x7f\udce9 東京"}
    text = json_inert(json.dumps(data, ensure_ascii=False))
    assert not any(c in text for c in "\x1b\x9b\u202e\x7f")
    assert json.loads(text) == data


def test_inert_copy_walks_dataclasses_and_shares_what_it_does_not_change() -> None:
    clean = Article(id=SourceId("a"), path="a.txt", text="plain")
    dirty = Article(id=SourceId("b\x1b"), path="b\x1b.txt", text="x\x1b[31my", title="t\x07")
    report = Report(articles=(clean, dirty), facts=(), skipped=(Skipped("c\x9b.txt", "empty file"),))
    copy = inert_copy(report)
    assert copy.articles[0] is clean
    assert copy.articles[1] == Article(
        id=SourceId("b\\x1b"), path="b\\x1b.txt", text="x\\x1b[31my", title="t\\x07"
    )
    assert copy.skipped == (Skipped("c\\x9b.txt", "empty file"),)
    assert report.articles[1].text == "x\x1b[31my"  # the original is untouched
    untouched = Report(articles=(clean,), facts=())
    assert inert_copy(untouched) is untouched
