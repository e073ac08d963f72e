"""The readability test: a claim's text reads as a sentence and is its evidence, cut where a
reader would cut. The broken texts are those a new user met (issue 11)."""

from __future__ import annotations

import pytest

from mineralcheck.claims.readable import follows_evidence, readable_claim, readable_sentence
from mineralcheck.models import Claim, SourceId


@pytest.mark.parametrize(
    "text",
    [
        "China processes more than 90% of the world's rare earths",
        'Washington is an "ally of the strongest level"',
        "On Friday 23, the Ministry confirmed 11 death cases in Mubende District, Uganda",
        "The U.S., meanwhile, has only one operational rare earth mine",
        "Police fired tear gas",
    ],
)
def test_sentences_read_as_sentences(text: str) -> None:
    assert readable_sentence(text)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('Trump praised her as "one of the great prime ministers," assuring."', "a quote left open"),
        ('Takaichi also emphasized the nations\' bond, saying "."', "an empty quotation"),
        ('"New York means business in combating business fraud," -page', "a fragment after the quote"),
        ("South Korea where he is expected to meet the president (Democratic Party", "a bracket left open"),
        ("The ministry considers confirmed cases as those with", "ends on a function word"),
        ("a fire broke out at the port, specifically in the dock area, adding", "one word after a comma"),
        ("TEHRAN/MUSCAT", "too short"),
        ("At least four people have been killed and 500", "a bare figure after 'and'"),
    ],
)
def test_broken_texts_do_not(text: str, why: str) -> None:
    assert not readable_sentence(text), why


def test_a_text_must_follow_its_evidence_cut_only_at_punctuation_or_a_clause() -> None:
    # An inherited subject up front, a reporting frame cut at a comma, a clause cut at "and".
    assert follows_evidence("Takaichi signed the deal", "signed the deal, the White House said")
    assert follows_evidence("Trump met Takaichi", "Trump, who arrived on Monday, met Takaichi")
    assert follows_evidence(
        "Mehrdad Hasanzadeh is a provincial official", "Mehrdad Hasanzadeh, a provincial official,"
    )
    # Words the evidence does not hold, or a cut in the middle of a phrase.
    assert not follows_evidence("The blast happened talks", "The blast happened")
    assert not follows_evidence(
        "Over 500 begins",
        "Over 500 injured in massive blast at Iran port as 3rd round of US nuclear talks begins",
    )


def test_a_readable_claim_needs_both() -> None:
    def claim(text: str, evidence: str) -> Claim:
        return Claim("a:1", SourceId("a"), 0, len(evidence), 1, evidence, text)

    assert readable_claim(claim("Police fired tear gas", "Police fired tear gas at protesters"))
    assert not readable_claim(claim("Police fired tear gas at", "Police fired tear gas at protesters"))
    assert not readable_claim(claim("The blast happened talks", "The blast happened"))
