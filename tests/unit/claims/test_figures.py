"""What a figure counts, in the outlet's words: the measure text read from the parse of invented
sentences, one row per way of stating a figure."""

from __future__ import annotations

import pytest

from mineralcheck.claims.figures import is_reference, measure_tokens
from mineralcheck.claims.parse import load_parser


def measure(sentence: str, figure: str) -> str:
    doc = load_parser()(sentence)
    value = {t.i for t in doc if t.text in figure.split()}
    anchor = max((t for t in doc if t.i in value), key=lambda t: t.head.i not in value)
    own = {t.i for t in doc}
    return " ".join(t.lower_ for t in measure_tokens(anchor, value, own))


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        ("At least 37 people were killed in the floods.", "37", "people killed"),
        ("The storm killed 37 villagers.", "37", "killed villagers"),
        ("There were 12 confirmed deaths by Monday.", "12", "confirmed deaths"),
        ("The death toll stood at 38.", "38", "death toll"),
        ("Floods destroyed more than 300 homes.", "300", "destroyed homes"),
        ("Heavy rain kills 29.", "29", "kills"),
        ("The number of arrests rose to 80.", "80", "number arrests"),
        ("12 of the miners were rescued.", "12", "miners rescued"),
    ],
)
def test_a_figure_is_measured_by_the_words_that_say_what_it_counts(
    sentence: str, figure: str, expected: str
) -> None:
    assert measure(sentence, figure) == expected


def test_a_place_or_agent_is_not_part_of_the_measure() -> None:
    assert "ostvale" not in measure("Floods in Ostvale killed 37 people.", "37")


@pytest.mark.parametrize(
    ("sentence", "figure", "refers"),
    [
        ("The two ministers signed the accord.", "two", True),
        ("All 27 members backed the plan.", "27", True),
        ("Two ministers resigned on Friday.", "Two", False),
        ("The storm killed 37 villagers.", "37", False),
    ],
)
def test_a_count_of_a_known_set_is_a_reference_not_a_figure(sentence: str, figure: str, refers: bool) -> None:
    doc = load_parser()(sentence)
    anchor = next(t for t in doc if t.text == figure)
    assert is_reference(anchor) is refers
