"""The fact frame read from the parse: what a figure measures, how it is qualified, where, who says."""

from __future__ import annotations

import datetime as dt

import pytest

from mineralcheck.claims import claims_from_sentence
from mineralcheck.claims.parse import load_parser
from mineralcheck.models import Article, Claim, Sentence, SourceId
from mineralcheck.values import canonical_entity, extract_values, is_country


def claims_of(text: str) -> list[Claim]:
    article = Article(id=SourceId("a"), path="a.txt", text=text, date=dt.date(2023, 11, 4))
    return claims_from_sentence(
        article,
        Sentence(SourceId("a"), 0, len(text), text),
        load_parser()(text),
        extract_values=lambda t, offset, base: extract_values(t, offset=offset, base_date=base),
        canonical_entity=canonical_entity,
        is_country=is_country,
    )


def figures(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(figure as written, measure, qualifiers) of every figure, claim by claim."""
    return [
        (v.text, v.quantity, v.qualifiers) for c in claims_of(text) for v in c.values if v.kind == "quantity"
    ]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The blast killed at least 70 people.", "death"),
        ("The death toll rose to 21.", "death"),
        ("The number of deaths rose to 23.", "death"),
        ("Cumulative deaths: 21.", "death"),
        ("Police arrested 457 people.", "arrest"),
        ("80 people had been detained in the capital.", "arrest"),
        ("441 security forces were injured on Thursday.", "injured"),
        ("There have been 36 Ebola cases in the country.", "case"),
    ],
)
def test_the_measure_is_what_the_figure_counts_whatever_the_wording(text: str, measure: str) -> None:
    assert [m for _, m, _ in figures(text)] == [measure]


def test_a_breakdown_in_brackets_is_a_fact_per_part_counting_what_the_total_counts() -> None:
    found = claims_of("Cumulative cases stand at 34 (16 confirmed, 18 probable).")
    assert [c.evidence for c in found] == ["Cumulative cases stand at 34", "16 confirmed", "18 probable"]
    assert [(v.text, v.quantity, v.qualifiers) for c in found for v in c.values] == [
        ("34", "case", ("cumulative",)),
        ("16", "case", ("confirm",)),
        ("18", "case", ("probable",)),
    ]


def test_coordinated_figures_are_a_fact_each() -> None:
    found = claims_of("There are 24 confirmed cases and 5 confirmed deaths in the country.")
    assert [[(v.text, v.quantity) for v in c.values] for c in found] == [[("24", "case")], [("5", "death")]]


def test_qualifiers_joined_by_and_restrict_nothing() -> None:
    [(_, measure, qualifiers)] = figures(
        "The cumulative number of confirmed and suspected deaths rose to 23."
    )
    assert measure == "death"
    assert "confirm" not in qualifiers and "suspect" not in qualifiers


def test_a_place_counts_as_scope_only_where_it_is_attached_to_the_figure() -> None:
    [about_the_fire] = claims_of("The wildfire in Lakeport has killed 30 people.")
    [in_the_town] = claims_of("The fire killed 30 people in Lakeport.")
    assert about_the_fire.scope == ()
    assert in_the_town.scope == ("Lakeport",)


def test_a_denial_is_negated_and_an_assertion_is_not() -> None:
    [denied] = claims_of("The two leaders did not sign the agreement.")
    [signed] = claims_of("The two leaders signed the agreement.")
    assert denied.negated and not signed.negated


def test_who_counted_a_figure_is_its_attribution() -> None:
    [claim] = claims_of("Turnout reached 3.5 million, according to the union.")
    assert claim.attribution == "union"


def test_a_weekday_with_its_day_of_the_month_is_a_date_not_a_figure() -> None:
    [(text, _m, _q)] = figures("The toll rose to 21 on Sunday 25.")
    assert text == "21"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "more than" bounds a figure; only "N more" adds to an earlier one
        ("A powerful explosion injured more than 700 people.", [("more than 700", "injured", ())]),
        ("More than 900 fires were lit in the streets.", [("More than 900", "fire", ())]),
        ("Officials reported 12 more deaths on Monday.", [("12", "death", ())]),
        # a figure's own participle says what it counts, as headlines write it
        ("Over 500 injured in massive blast at port as round of talks begins", [("Over 500", "injured", ())]),
        ("The blast left at least 750 others injured.", [("at least 750", "injured", ())]),
        # a part of a counted whole counts what the whole counts, qualified as the part is
        ("18 of the cases have been confirmed.", [("18", "case", ("confirm",))]),
        ("Three of the victims were children.", [("Three", "victim", ())]),
        # ... but a share is no part of a count ("of" says what it is a share of)
        ("China processes more than 90% of the world's rare earths.", [("more than 90%", "process", ())]),
        # a figure is never what another figure counts: unknown is better than wrong
        (
            "A cumulative number of 18 confirmed and 18 probable cases.",
            [("18", "", ()), ("18", "case", ("probable",))],
        ),
    ],
)
def test_a_comparator_is_no_increment_and_a_participle_names_the_outcome(
    text: str, expected: list[tuple[str, str, tuple[str, ...]]]
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "increment"),
    [
        ("Officials reported 12 more deaths on Monday.", True),
        ("Inspectors found four new leaks in the dam.", True),
        ("The board raised the fee by 30 dollars.", True),
        ("More than 40 leaks were found in the dam.", False),
        ("Inspectors found 40 leaks in the dam.", False),
    ],
)
def test_an_update_is_an_increment_not_a_qualifier(text: str, increment: bool) -> None:
    [value] = [v for c in claims_of(text) for v in c.values if v.kind == "quantity"]
    assert value.increment is increment
    assert value.qualifiers == ()
