"""The named clause rules, each with sentences where it holds and, where a near miss teaches
something, one where it does not. Every sentence is invented."""

from __future__ import annotations

import pytest

from mineralcheck.claims.clause_rules import CLAUSE_RULES, ELABORATION_RULES, ROOT
from mineralcheck.claims.clauses import _add_elaborations, clause_heads
from mineralcheck.claims.parse import load_parser

EXAMPLES: dict[str, list[tuple[str, str]]] = {
    # rule name -> (sentence, the word heading the clause it finds)
    ROOT.name: [("The dam held through the night.", "held")],
    "a coordinated verb with its own complement": [
        ("The storm flooded the valley and cut the power to 3,000 homes.", "cut"),
        (
            "The blast shattered windows across the district, tearing down stalls and injuring 30 traders.",
            "injuring",
        ),
    ],
    "a verb coordinated with a noun": [
        (
            "The typhoon swept across the islands, causing widespread flooding and killing 17 people.",
            "killing",
        ),
    ],
    "an adverbial clause": [
        ("Norland leads the trade, refining most of the world's cobalt.", "refining"),
        ("The strike ended when the union accepted a 6% raise.", "accepted"),
    ],
    "a relative clause not on an object": [
        ("The minister, who took office in May, resigned on Monday.", "took")
    ],
    "a participle modifying a noun": [
        ("The choir landed in Varna for a tour squeezed between two festivals.", "squeezed"),
        ("The ferry, carrying 80 passengers, sank in the bay.", "carrying"),
    ],
    "a complement with its own subject": [("Inspectors said the dam held during the night.", "held")],
    "an apposition": [
        ("Norland, the largest producer of cobalt, raised its output.", "producer"),
        ("The offer values each share at $30, a premium of 25% over the last close.", "premium"),
    ],
    'an absolute "with" phrase carrying a figure': [
        ("The fire destroyed 40 homes, officials said, with 12 of them in the old town.", "with"),
    ],
    'an earlier value after "from"': [
        ("Turnout was 48 percent, up from 41 percent in 2019.", "from"),
        ("The toll rose to 90 from 75 on Friday.", "from"),
    ],
}

NEAR_MISSES: list[tuple[str, str, str]] = [
    # (rule name, sentence, the word it must not take for a clause head)
    (
        "a coordinated verb with its own complement",
        "Officials plan to inspect and repair the bridge.",
        "repair",
    ),
    ("an adverbial clause", "The council met on Friday to approve the budget.", "approve"),
    ("a relative clause not on an object", "The mayor signed a deal that sets up a fund.", "sets"),
    ('an earlier value after "from"', "Rescuers arrived from 12 towns.", "from"),
]

RULES = {rule.name: rule for rule in (ROOT, *CLAUSE_RULES, *ELABORATION_RULES)}


def rules_found(sentence: str) -> dict[str, str]:
    """Word -> the name of the rule by which it heads a clause (elaborations read after clauses)."""
    doc = load_parser()(sentence)
    found = clause_heads(doc)
    heads = {i: rule.kind for i, rule in found.items()}
    _add_elaborations(doc, heads, {})  # as the extractor adds them: after the clauses, in rule order
    elaboration = {rule.kind: rule for rule in ELABORATION_RULES}
    found.update({i: elaboration[kind] for i, kind in heads.items() if i not in found})
    return {doc[i].text: rule.name for i, rule in found.items()}


def test_every_rule_has_examples() -> None:
    assert set(EXAMPLES) == set(RULES)


@pytest.mark.parametrize(
    ("rule", "sentence", "head"), [(rule, s, h) for rule, rows in EXAMPLES.items() for s, h in rows]
)
def test_a_rule_finds_the_clause_of_its_examples(rule: str, sentence: str, head: str) -> None:
    assert rules_found(sentence).get(head) == rule


@pytest.mark.parametrize(("rule", "sentence", "word"), NEAR_MISSES)
def test_a_rule_leaves_its_near_misses_alone(rule: str, sentence: str, word: str) -> None:
    assert rule in RULES
    assert rules_found(sentence).get(word) != rule
