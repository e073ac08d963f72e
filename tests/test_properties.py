"""Properties that hold for any text at all (issue 6), checked with hypothesis.

For arbitrary Unicode (control characters, emoji, right-to-left text, very long tokens, every kind of
line break) and arbitrary bytes: ingest -> sentences -> claims never raises anything but the
InputError of an input with no text; every sentence and claim points at its text (start/end inside
the article, evidence == text[start:end], the line number of start); and the same input gives the
same output, run twice in one process and in two processes with different PYTHONHASHSEED values.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mineralcheck.errors import InputError
from mineralcheck.models import Article
from mineralcheck.pipeline import extract_all
from mineralcheck.read.decode import looks_like_html
from mineralcheck.read.ingest import MAX_ARTICLE_CHARS, load_articles
from mineralcheck.read.sentences import split_sentences
from tests.fakes import FAKE_MODEL_MAIN

FIXTURES = Path(__file__).parent / "unit" / "fixtures" / "robustness"
EXAMPLES = 1000

# Pieces that have broken text tools before: line and paragraph separators of every kind, controls,
# bidi overrides, zero-width and joining characters, combining marks, emoji sequences, quotes,
# abbreviations and figures that sentence splitters and value parsers treat specially.
# fmt: off
TRICKY = [
    # line breaks of every kind, controls, escape sequences, spaces
    "\n", "\r\n", "\r", "\n\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029",
    "\x00", "\x07", "\x1b[31m", "\t", "\u00a0", "\u3000",
    # BOM, zero-width and joining characters, bidi controls, combining marks
    "\ufeff", "\u200b", "\u200d", "\u2060", "\u202e", "\u202c", "\u200f", "\u061c", "e\u0301",
    "\u0300\u0301\u0302",
    # emoji sequences, the last code point, the replacement character, other scripts
    "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1f8", "\U0001f309",
    "\U0010ffff", "\ufffd", "مرحبا بالعالم. ", "שלום עולם. ", "林德穆尔大桥。", "Мост закрыт. ", "\ufdfa",
    "\U0001d518\U0001d52b\U0001d526", "\U0001f44d\U0001f3fd",
    # quotes, brackets and punctuation
    "“", "”", "‘", "’", '"', "'", "«", "»", "(", ")", "[", "]", "...", "…", "?!", ";", ":", " - ", " — ",
    # abbreviations, figures and dates that splitters and value parsers treat specially; markup
    "Dr. ", "U.S. ", "e.g. ", "No. 5 ", "157 ", "4.2 million euros ", "90% ", "$1,000 ", "3/4 ",
    "Oct. 18, 2024 ", "2024-10-18 ", "10:30 a.m. ", "-", "#", "* ", "> ", "| ", "---\n", "<html>", "<p>",
]
# fmt: on
SENTENCE = st.sampled_from(
    [
        "The bridge was closed on Monday after inspectors found cracks. ",
        "About 18,000 vehicles cross it every day, the office said. ",
        'Mayor Petra Holm said: "We will run free buses." ',
        "Repairs will take at least six weeks and cost 4.2 million euros. ",
        "By Anna Keller\n",
        "Photo: Reuters\n",
    ]
)
LONG_TOKEN = st.builds(lambda c, n: c * n, st.characters(exclude_categories=["Cs"]), st.integers(50, 400))
PIECE = st.one_of(st.text(max_size=30), st.sampled_from(TRICKY), SENTENCE, LONG_TOKEN)
TEXT = st.lists(PIECE, max_size=25).map("".join)
# In one example of four, a line longer than the block size at which read/sentences.py cuts long lines
# (MAX_BLOCK_CHARS): a run of one character, of one word, or of one pattern.
BIG = st.builds(
    lambda piece, n: (piece * (n // len(piece) + 1))[:n],
    st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(["spam ", "ab", ". ", "é\u0301"])),
    st.integers(4_900, 11_000),
)
TEXT_WITH_LONG_LINES = st.builds(
    lambda before, big, after: before + big + after,
    TEXT,
    st.one_of(st.just(""), st.just(""), st.just(""), BIG),
    TEXT,
)


def _article(text: str) -> Article | None:
    """The article read from `text` as stdin, or None when it has no text (an InputError)."""
    try:
        result = load_articles(["-"], stdin_text=text)
    except InputError as error:
        normalised = text.replace("\r\n", "\n").replace("\r", "\n")
        # an empty text, a too large one, or a web page with no text in it
        assert not normalised.strip() or len(normalised) > MAX_ARTICLE_CHARS or looks_like_html(text), error
        return None
    (article,) = result.articles
    return article


def _check_sentences(article: Article) -> None:
    previous_end = 0
    for sentence in split_sentences(article):
        assert 0 <= previous_end <= sentence.start < sentence.end <= len(article.text)
        assert sentence.text == article.text[sentence.start : sentence.end]
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT_WITH_LONG_LINES)
def test_any_text_gives_sentences_at_exact_offsets(text: str) -> None:
    article = _article(text)
    if article is None:
        return
    if "<html" not in text[:1100].lower():
        assert article.text == text.replace("\r\n", "\n").replace("\r", "\n")
    _check_sentences(article)  # (same input, same output: see the claims test, which splits again)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(st.binary(max_size=400), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_are_read_or_skipped_never_a_crash(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "good.txt").write_text("The bridge was closed on Monday after inspectors found cracks.\n")
    (folder / "any.txt").write_bytes(data)
    result = load_articles([str(folder)])
    named = (
        {a.path for a in result.articles}
        | {s.path for s in result.skipped}
        | {p for p, _ in result.duplicates}
    )
    assert named == {str(folder / "good.txt"), str(folder / "any.txt")}
    for article in result.articles:
        _check_sentences(article)


@pytest.fixture(scope="module")
def parser() -> None:
    from mineralcheck.claims.parse import load_parser

    load_parser()  # once, before hypothesis times anything


# Short texts: the parser costs about a millisecond per word, and a thousand examples must stay fast.
SHORT_TEXT = st.lists(st.one_of(st.text(max_size=15), st.sampled_from(TRICKY), SENTENCE), max_size=8).map(
    "".join
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(SHORT_TEXT)
def test_any_text_gives_claims_whose_evidence_is_the_text_at_their_offsets(parser: None, text: str) -> None:
    article = _article(text)
    if article is None:
        return
    claims = extract_all([article])
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(article.text)
        assert claim.evidence == article.text[claim.start : claim.end]
        # the line of the file a user opens (for a web page, the line in its HTML)
        assert claim.line == article.line_of(claim.start)
        if not article.line_map:
            assert claim.line == article.text.count("\n", 0, claim.start) + 1
        assert claim.source == article.id
        assert claim.id == f"{article.id}:{claim.start}-{claim.end}"
    assert extract_all([article]) == claims  # same input, same output


# --- the same output under two hash seeds -------------------------------------------------------

# The whole pipeline (with the fake embedder, so this stays fast) on the fixture articles plus a
# tricky article made of every TRICKY piece; the JSON report must be identical byte for byte.
DETERMINISM_MAIN = (
    FAKE_MODEL_MAIN
    + """
import sys
sys.argv[0] = "mineralcheck"
main()
"""
)


def test_same_report_under_two_hash_seeds(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for path in FIXTURES.glob("*.*"):
        if path.suffix in (".txt", ".html"):
            (folder / path.name).write_bytes(path.read_bytes())
    tricky = "".join(TRICKY).replace("<html>", "").replace("\x00", "")
    body = (FIXTURES / "bridge_herald.txt").read_text(encoding="utf-8")
    (folder / "tricky.txt").write_text(f"{tricky}\n\n{body}\n{tricky}\n", encoding="utf-8", newline="")
    outputs = []
    for seed in ("1", "4242"):
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                DETERMINISM_MAIN,
                "compare",
                str(folder),
                "--format",
                "json",
                "--no-cache",
            ],
            capture_output=True,
            timeout=300,
            env={
                **os.environ,
                "PYTHONHASHSEED": seed,
                "MINERALCHECK_CACHE_DIR": str(tmp_path / f"cache{seed}"),
            },
        )
        assert done.returncode == 0, done.stderr.decode()
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    report = json.loads(outputs[0])
    assert "tricky" in {s["id"] for s in report["sources"]}
    assert report["clusters"]
