"""Sentence splitting: exact offsets, abbreviations, quotes, line blocks, captions and furniture."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mineralcheck.models import Article, SourceId, Span
from mineralcheck.read.furniture import find_furniture
from mineralcheck.read.ingest import load_articles
from mineralcheck.read.sentences import MAX_BLOCK_CHARS, split_sentences

REPO = Path(__file__).resolve().parents[3]
GOLD = REPO.parent / "shared" / "eval" / "seeds.gold.yaml"


def _article(text: str, furniture: tuple[Span, ...] = (), captions: tuple[Span, ...] = ()) -> Article:
    return Article(id=SourceId("a"), path="a.txt", text=text, furniture=furniture, captions=captions)


def _texts(text: str, **kwargs: tuple[Span, ...]) -> list[str]:
    return [s.text for s in split_sentences(_article(text, **kwargs))]


def _assert_exact(article: Article) -> None:
    for sentence in split_sentences(article):
        assert sentence.text == article.text[sentence.start : sentence.end]
        assert sentence.text == sentence.text.strip()
        assert sentence.text
        assert sentence.source == article.id


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "The U.K. and Norland signed the pact on Jul. 28 in Varna. "
        "The vote closed at 4:30 p.m. local time, officials said. Turnout was high."
    )
    assert _texts(text) == [
        "The U.K. and Norland signed the pact on Jul. 28 in Varna.",
        "The vote closed at 4:30 p.m. local time, officials said.",
        "Turnout was high.",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    text = '"We will rebuild," the mayor said. "Nobody will be left behind." Aid arrived on Friday.'
    assert _texts(text) == [
        '"We will rebuild," the mayor said.',
        '"Nobody will be left behind."',
        "Aid arrived on Friday.",
    ]


def test_curly_quotes_inside_a_sentence() -> None:
    text = "She called it “a new era” for the region. Talks resume in May."
    assert _texts(text) == ["She called it “a new era” for the region.", "Talks resume in May."]


def test_headline_and_body_on_separate_lines_are_separate_sentences() -> None:
    text = "Quake Strikes Northern Coast\nA magnitude 6.1 quake struck on Sunday. No tsunami was expected.\n"
    assert _texts(text) == [
        "Quake Strikes Northern Coast",
        "A magnitude 6.1 quake struck on Sunday.",
        "No tsunami was expected.",
    ]


def test_offsets_are_exact_for_every_sentence() -> None:
    text = (
        "  Flood Warning Issued \n\n\tRivers rose by 2.5 m overnight.  Roads closed (see map).\r"
        "Dr. Lee said: “Stay home.” The U.N. agreed!\n\n\n  Is it over? Not yet…  \n"
    )
    article = _article(text)
    _assert_exact(article)
    assert len(split_sentences(article)) >= 6


def test_furniture_is_skipped() -> None:
    text = "Storm Hits Port\nAdvertisement\nWaves reached 8 m. Ships stayed in port.\n"
    start = text.index("Advertisement")
    texts = _texts(text, furniture=(Span(start, start + len("Advertisement")),))
    assert texts == ["Storm Hits Port", "Waves reached 8 m.", "Ships stayed in port."]


def test_furniture_covering_part_of_a_line_leaves_the_rest() -> None:
    text = "Share this: Officials counted 200 ballots.\n"
    texts = _texts(text, furniture=(Span(0, len("Share this:")),))
    assert texts == ["Officials counted 200 ballots."]


def test_captions_are_flagged() -> None:
    text = "Storm Hits Port\nA flooded pier on Monday. (AP)\nWaves reached 8 m.\n"
    start = text.index("A flooded")
    end = text.index("(AP)") + len("(AP)")
    sentences = split_sentences(_article(text, captions=(Span(start, end),)))
    assert [(s.text, s.is_caption) for s in sentences] == [
        ("Storm Hits Port", False),
        ("A flooded pier on Monday. (AP)", True),
        ("Waves reached 8 m.", False),
    ]


def test_long_blocks_are_cut_and_stay_exact() -> None:
    text = ("word " * 40 + "end. ") * 600 + "x" * (MAX_BLOCK_CHARS * 2)
    article = _article(text)
    sentences = split_sentences(article)
    _assert_exact(article)
    assert all(len(s.text) <= MAX_BLOCK_CHARS for s in sentences)
    covered = "".join(s.text for s in sentences)
    assert covered.replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n   \n",
        "\x00\x01\x02 control chars.\x0b\x0c Next.",
        "Emoji 🌊🔥 everywhere. 👍🏽 Yes!",
        "‏مرحبا بالعالم. هذا اختبار.‏ Mixed English text.",
        "...!!!???",
        "(((((",
        "a.b.c.d.e.f.g.h",
        "\ufeff\u200b\u2028\u2029 odd spaces.",
    ],
)
def test_never_raises_on_arbitrary_unicode(text: str) -> None:
    _assert_exact(_article(text))


def test_every_non_furniture_character_is_in_some_sentence() -> None:
    text = "Title Line\nOne. Two? Three! “Four.” (Five.)\nSix — seven; eight.\n"
    sentences = split_sentences(_article(text))
    kept = "".join(s.text for s in sentences)
    assert kept.replace(" ", "") == text.replace(" ", "").replace("\n", "")


@pytest.mark.skipif(not GOLD.exists(), reason="gold file of the seed articles not present")
def test_seed_noise_yields_no_sentence_and_every_fact_quote_lies_in_a_sentence() -> None:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    seeds = (GOLD.parent / gold.get("corpus", "../seeds")).resolve()
    if not seeds.is_dir():
        seeds = REPO / "seeds"
    result = load_articles([str(seeds)])
    articles = {a.id: a for a in result.articles}
    sentences = {a.id: split_sentences(a) for a in result.articles}

    for noise in gold["noise"]:
        article = articles[noise["source"]]
        start = article.text.index(noise["quote"])
        span = Span(start, start + len(noise["quote"]))
        overlapping = [s.text for s in sentences[article.id] if span.overlaps(Span(s.start, s.end))]
        assert overlapping == [], noise

    for fact in gold["facts"]:
        for mention in fact["mentions"]:
            article = articles[mention["source"]]
            start = article.text.index(mention["quote"])
            end = start + len(mention["quote"])
            assert any(s.start <= start and end <= s.end for s in sentences[article.id]), (
                fact["id"],
                mention["quote"],
            )


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_offsets_hold_for_any_text(text: str) -> None:
    _assert_exact(_article(text))


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab AB.()|:\n\r\t,“”'\"0123456789©/-") + ["é", "🌊"]), max_size=300)
)
def test_furniture_then_sentences_hold_for_any_text(text: str) -> None:
    furniture, captions = find_furniture(text)
    article = _article(text, furniture=furniture, captions=captions)
    _assert_exact(article)
    for sentence in split_sentences(article):
        assert not any(Span(sentence.start, sentence.end).overlaps(f) for f in furniture)


# --- our pysbd: the same sentences as stock pysbd, found without a regex per sentence ----------


@given(
    text=st.text(alphabet="ab .\n\t\u00a0", max_size=40),
    sentence=st.text(alphabet="ab .", max_size=4),
)
def test_occurrences_are_where_pysbd_regex_finds_them(text: str, sentence: str) -> None:
    import re

    from mineralcheck.read.sentences import _occurrences

    expected = [m.span() for m in re.finditer(re.escape(sentence) + r"\s*", text)]
    assert list(_occurrences(text, sentence)) == expected


def test_spans_are_those_of_stock_pysbd_on_real_articles() -> None:
    import pysbd

    from mineralcheck.read.sentences import _segmenter

    stock = pysbd.Segmenter(language="en", clean=False, char_span=True)
    paths = [REPO / "seeds", REPO / "tests" / "unit" / "fixtures"]
    blocks = [p for a in load_articles([str(p) for p in paths]).articles for p in a.text.split("\n")]
    blocks = [b for b in blocks if b.strip()]
    assert len(blocks) > 100
    for block in blocks:
        ours = [(s.sent, s.start, s.end) for s in _segmenter().segment(block)]
        assert ours == [(s.sent, s.start, s.end) for s in stock.segment(block)], block
