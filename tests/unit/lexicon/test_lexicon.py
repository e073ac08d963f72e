"""The lexicon: one module per kind of word, the lists of one kind built from a shared core, and no
word in two lists that read it in contradicting ways."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Collection
from types import ModuleType

import pytest

from mineralcheck import lexicon
from mineralcheck.lexicon import (
    change,
    conjunctions,
    fractions,
    nouns,
    outcomes,
    places,
    qualifiers,
    saying,
)
from mineralcheck.values.fractions import FRACTION

MODULES = tuple(
    importlib.import_module(f"{lexicon.__name__}.{info.name}")
    for info in pkgutil.iter_modules(lexicon.__path__)
)
"""Every module of the package, found rather than listed: a new kind of word is checked at once."""

SAYS = saying.SAYING_VERBS | saying.REPORTING_VERBS | saying.SPEAKING_VERBS | saying.COUNTING_VERBS

CONTRADICTIONS: tuple[tuple[str, Collection[str], str, Collection[str]], ...] = (
    # A verb's subject says so, or something happened to its object: not both at once.
    ("verbs of saying", SAYS, "outcome verbs", outcomes.OUTCOME_VERBS),
    # A change leads to a level; an outcome is what happened to what is counted.
    ("verbs of change", change.CHANGE_VERBS, "outcome verbs", outcomes.OUTCOME_VERBS),
    ("linking verbs", change.LINKING_VERBS, "outcome verbs", outcomes.OUTCOME_VERBS),
    ("verbs of saying", SAYS, "verbs of change", change.CHANGE_VERBS),
    # An increment restricts a figure to one update; a non-qualifier restricts nothing.
    ("increment words", qualifiers.INCREMENT_WORDS, "non-qualifiers", qualifiers.NON_QUALIFIERS),
    # A wrapper stands for a count of something else; a generic noun is what is counted.
    ("wrapper nouns", nouns.WRAPPER_NOUNS, "generic nouns", nouns.GENERIC_NOUNS),
    ("scale words", nouns.NOT_COUNTED_AFTER_A_NUMBER, "human nouns", nouns.HUMAN_NOUNS),
    ("scale words", nouns.NOT_COUNTED_AFTER_A_NUMBER, "noun synonyms", nouns.NOUN_SYNONYMS),
    ("words that are no counted noun", nouns.NOT_NOUNS, "human nouns", nouns.HUMAN_NOUNS),
    ("places below the nation", places.PART_OF_A_COUNTRY, "wrapper nouns", nouns.WRAPPER_NOUNS),
    # A toll verb's object chooses its outcome: those objects are what is counted, never a wrapper.
    ("toll objects", outcomes.TOLL_OBJECTS, "wrapper nouns", nouns.WRAPPER_NOUNS),
)


@pytest.mark.parametrize(
    ("name_a", "words_a", "name_b", "words_b"),
    CONTRADICTIONS,
    ids=[f"{a} / {b}" for a, _, b, _ in CONTRADICTIONS],
)
def test_no_word_sits_in_two_lists_that_contradict(
    name_a: str, words_a: Collection[str], name_b: str, words_b: Collection[str]
) -> None:
    assert not set(words_a) & set(words_b), f"in both {name_a} and {name_b}"


def test_a_toll_verb_is_a_verb_of_saying_whose_object_chooses_the_outcome() -> None:
    # "claimed that ..." says; "claimed 14 lives" counts deaths: the object decides (claims/frame.py).
    assert set(outcomes.TOLL_VERBS) <= saying.SAYING_VERBS
    assert not set(outcomes.TOLL_VERBS) & set(outcomes.OUTCOME_VERBS)
    assert set(outcomes.TOLL_VERBS.values()) <= set(outcomes.OUTCOME_VERBS.values())


def test_every_list_of_verbs_of_saying_extends_the_core() -> None:
    assert saying.SAYING_VERBS < saying.REPORTING_VERBS < saying.SPEAKING_VERBS
    assert saying.SAYING_VERBS < saying.COUNTING_VERBS
    # counting a figure is not reporting a clause: "estimate" frames a figure, not a fact
    assert "estimate" in saying.COUNTING_VERBS and "estimate" not in saying.REPORTING_VERBS


def test_clause_openers_include_every_relative_pronoun_and_subordinator() -> None:
    assert conjunctions.RELATIVE_PRONOUNS < conjunctions.CLAUSE_OPENERS
    assert conjunctions.SUBORDINATORS < conjunctions.CLAUSE_OPENERS
    assert conjunctions.SUBORDINATORS < conjunctions.CLAUSE_MARKERS


def test_object_linking_verbs_are_linking_verbs() -> None:
    assert change.OBJECT_LINKING_VERBS < change.LINKING_VERBS


@pytest.mark.parametrize("module", MODULES, ids=[m.__name__.rsplit(".", 1)[-1] for m in MODULES])
def test_every_list_is_lower_case_words_with_a_docstring_in_the_package(module: ModuleType) -> None:
    assert module.__doc__
    assert module.__name__.rsplit(".", 1)[-1] + ".py" in (lexicon.__doc__ or "")
    for name, words in vars(module).items():
        if name.isupper() and not name.endswith("_LABELS"):
            for word in words:
                # words, or the punctuation that joins the parts of a breakdown
                assert word == word.lower() and (word.isalpha() or not word.isalnum()), (name, word)


def test_the_fraction_reader_reads_every_fraction_word() -> None:
    for word in fractions.FRACTIONS:
        count = "one" if not word.endswith("s") else "two"
        assert FRACTION.search(f"{count} {word} of the homes"), word
