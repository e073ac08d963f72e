"""claims.words: one list of each kind of word, the lists of one kind built from a shared core."""

from __future__ import annotations

from mineralcheck.claims import words
from mineralcheck.values.fractions import FRACTION


def test_every_list_of_verbs_of_saying_extends_the_core() -> None:
    assert words.SAYING_VERBS < words.REPORTING_VERBS < words.SPEAKING_VERBS
    assert words.SAYING_VERBS < words.COUNTING_VERBS
    # counting a figure is not reporting a clause: "estimate" frames a figure, not a fact
    assert "estimate" in words.COUNTING_VERBS and "estimate" not in words.REPORTING_VERBS


def test_clause_openers_include_every_relative_pronoun_and_subordinator() -> None:
    assert words.RELATIVE_PRONOUNS < words.CLAUSE_OPENERS
    assert words.SUBORDINATORS < words.CLAUSE_OPENERS
    assert words.SUBORDINATORS < words.CLAUSE_MARKERS


def test_lists_are_lower_case_words() -> None:
    for name in ("SAYING_VERBS", "SPEAKING_VERBS", "COUNTING_VERBS", "CHANGE_VERBS", "FUNCTION_WORDS"):
        assert all(w.isalpha() and w == w.lower() for w in getattr(words, name)), name


def test_the_fraction_reader_reads_every_fraction_word() -> None:
    for word in words.FRACTIONS:
        count = "one" if not word.endswith("s") else "two"
        assert FRACTION.search(f"{count} {word} of the homes"), word
