"""The readability test: a claim's text reads as a sentence and is its evidence, cut where a
reader would cut. The broken texts are of the kinds a new user met (issue 11); every text is invented."""

from __future__ import annotations

import pytest

from mineralcheck.claims.readable import follows_evidence, readable_claim, readable_sentence
from mineralcheck.models import Claim, SourceId


@pytest.mark.parametrize(
    "text",
    [
        "Norland refines more than 70% of the world's cobalt",
        'Varna is a "partner of the first rank"',
        "On Monday 14, the Agency recorded 9 new infections in Brevik County, Norland",
        "The U.K., for its part, keeps only two staffed lighthouses",
        "Police fired water cannon",
    ],
)
def test_sentences_read_as_sentences(text: str) -> None:
    assert readable_sentence(text)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('Halden hailed him as "a rock for the whole town," insisting."', "a quote left open"),
        ('Quenby also stressed the towns\' ties, saying "."', "an empty quotation"),
        ('"Varna will not tolerate fraud," -page', "a fragment after the quote"),
        ("Ostvale where the mayor will open the new library (Civic Alliance", "a bracket left open"),
        ("The board counts valid ballots as those with", "ends on a function word"),
        ("the roof gave way at the depot, mostly over the loading bay, adding", "one word after a comma"),
        ("VARNA/OSTVALE", "too short"),
        ("Some 40 homes have been flooded and 120", "a bare figure after 'and'"),
    ],
)
def test_broken_texts_do_not(text: str, why: str) -> None:
    assert not readable_sentence(text), why


def test_a_text_must_follow_its_evidence_cut_only_at_punctuation_or_a_clause() -> None:
    # An inherited subject up front, a reporting frame cut at a comma, a clause cut at "and".
    assert follows_evidence("Quenby signed the deal", "signed the deal, the harbour board said")
    assert follows_evidence("Halden met Quenby", "Halden, who arrived on Monday, met Quenby")
    assert follows_evidence("Ana Ruiz is a provincial official", "Ana Ruiz, a provincial official,")
    # Words the evidence does not hold, or a cut in the middle of a phrase.
    assert not follows_evidence("The blast happened talks", "The blast happened")
    assert not follows_evidence(
        "Over 260 begins",
        "Over 260 injured in warehouse fire at Varna dock as second week of wage talks begins",
    )


def test_a_readable_claim_needs_both() -> None:
    def claim(text: str, evidence: str) -> Claim:
        return Claim("a:1", SourceId("a"), 0, len(evidence), 1, evidence, text)

    assert readable_claim(claim("Police fired water cannon", "Police fired water cannon at marchers"))
    assert not readable_claim(claim("Police fired water cannon at", "Police fired water cannon at marchers"))
    assert not readable_claim(claim("The blast happened talks", "The blast happened"))
