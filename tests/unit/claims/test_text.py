"""claims/text.py: the surface tidying of a claim's text after its clause was cut out."""

from __future__ import annotations

import pytest

from mineralcheck.claims.text import tidy


@pytest.mark.parametrize(
    ("cut", "tidied"),
    [
        # a bracket the cut left open is closed where the text ends
        ("Here is the agreement (PDF – 420 kB", "Here is the agreement (PDF – 420 kB)"),
        ("heads to Seoul on Thursday (Oct 30,", "heads to Seoul on Thursday (Oct 30)"),
        # a closing bracket whose opening fell outside the clause is dropped
        ("CNN) — The judge fined him", "CNN — The judge fined him"),
        # brackets and quotes close in the order they opened
        ("He said “the port (Bandar", "He said “the port (Bandar)”"),
        # whole pairs are left alone
        ("Ten people (four of them children) died", "Ten people (four of them children) died"),
        # quotes: a cut quote is closed, an empty one dropped, a dangling verb of saying removed
        ("She called it “a good deal", "She called it “a good deal”"),
        ("Takaichi stressed the bond, saying", "Takaichi stressed the bond"),
        ("The  toll rose ,, officials say ,", "The toll rose, officials say"),
    ],
)
def test_tidy_leaves_a_text_whose_marks_come_in_pairs(cut: str, tidied: str) -> None:
    assert tidy(cut) == tidied
