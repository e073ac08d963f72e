"""claims/text.py: the surface tidying of a claim's text after its clause was cut out (invented texts)."""

from __future__ import annotations

import pytest

from mineralcheck.claims.text import tidy


@pytest.mark.parametrize(
    ("cut", "tidied"),
    [
        # a bracket the cut left open is closed where the text ends
        ("Here is the report (PDF – 310 kB", "Here is the report (PDF – 310 kB)"),
        ("heads to Ostvale on Friday (May 9,", "heads to Ostvale on Friday (May 9)"),
        # a closing bracket whose opening fell outside the clause is dropped
        ("Wire) — The judge fined him", "Wire — The judge fined him"),
        # brackets and quotes close in the order they opened
        ("He said “the port (Varna", "He said “the port (Varna)”"),
        # whole pairs are left alone
        ("Ten people (four of them children) died", "Ten people (four of them children) died"),
        # quotes: a cut quote is closed, an empty one dropped, a dangling verb of saying removed
        ("She called it “a good deal", "She called it “a good deal”"),
        ("Quenby stressed the ties, saying", "Quenby stressed the ties"),
        ("The  toll rose ,, officials say ,", "The toll rose, officials say"),
    ],
)
def test_tidy_leaves_a_text_whose_marks_come_in_pairs(cut: str, tidied: str) -> None:
    assert tidy(cut) == tidied
