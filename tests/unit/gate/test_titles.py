"""Which claims may title a starter expectation: a whole sentence by the parser's reading, cut from
a whole phrase of its article's sentence."""

from __future__ import annotations

import pytest

from mineralcheck.claims.parse import parse_sentences
from mineralcheck.gate.titles import whole_sentence_claims
from mineralcheck.models import Article, Claim, SourceId
from mineralcheck.read import split_sentences

A = SourceId("a")


def _claim(text: str, evidence: str | None = None, *, article: Article | None = None) -> Claim:
    evidence = evidence or text
    start = article.text.index(evidence) if article else 0
    sentence = 0
    if article:
        sentence = next(k for k, s in enumerate(split_sentences(article)) if s.start <= start < s.end)
    return Claim(
        id=f"a:{start}-{start + len(evidence)}", source=A, start=start, end=start + len(evidence), line=1,
        evidence=evidence, text=text, sentence=sentence,
    )  # fmt: skip


def _whole(claim: Claim, article: Article | None = None) -> bool:
    return claim in whole_sentence_claims([claim], {A: article} if article else {}, parse_sentences)


@pytest.mark.parametrize(
    "text",
    [
        "Mara Quenby and Tomas Rell met in Velmora",
        "Norvia has tightened export controls",
        "The province, for its part, keeps only two staffed lighthouses",
        "The northern district had the lowest turnout, at 41%",
        "The brewery cut its night shift in half",
        "The bridge reopened to traffic on Monday morning",
        '"I realise this is hard on all of us"',
    ],
)
def test_whole_sentences_are_kept(text: str) -> None:
    assert _whole(_claim(text))


@pytest.mark.parametrize(
    "text",
    [
        "only weeks after he joined the board",  # a subordinate clause
        "when the roof of his tin shed collapsed",
        "Norvia refining more than 80% of these metals",  # no tense
        "Governor Pell to address the province on the floods",
        "thanked the mayor for his long friendship with Pell",  # no subject
        "a trip squeezed between a summit in Ostrava",  # no verb at all
        "Calder's long wait",
        "The coach described him as “a rock for the whole squad,”",  # the quote goes on
        "Floods swept away scores of painted",  # stops inside a phrase
    ],
)
def test_fragments_are_left_out(text: str) -> None:
    assert not _whole(_claim(text))


def test_words_that_hang_from_a_verb_cut_off_are_no_whole_phrase() -> None:
    article = Article(
        A,
        "a.txt",
        "Brewery stock slipped 4.2% in early trading when the board said it will close two plants.\n",
    )
    cut = _claim("Brewery stock slipped 4.2% in early trading when the board", article=article)
    assert not _whole(cut, article)
    whole = _claim("Brewery stock slipped 4.2% in early trading", article=article)
    assert _whole(whole, article)


def test_the_body_of_a_clause_without_tense_is_no_whole_phrase() -> None:
    article = Article(A, "a.txt", "With 70 per cent of the ballots counted, the mayor led by 52 per cent.\n")
    assert not _whole(_claim("70 per cent of the ballots counted", article=article), article)
