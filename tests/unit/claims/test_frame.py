"""The fact frame read from the parse: what a figure measures (each named measure rule with its
examples), how it is qualified, whether it is an update, where, who says. Every sentence is invented."""

from __future__ import annotations

import datetime as dt

import pytest

from mineralcheck.claims import claims_from_sentence
from mineralcheck.claims.frame import value_anchor
from mineralcheck.claims.measure_rules import MEASURE_RULES, measure_rule
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


MEASURE_EXAMPLES: dict[str, list[tuple[str, str, str]]] = {
    # rule name -> (sentence, figure, the measure the rule reads)
    "the value of a labelled line": [("Total cases: 41.", "41", "case")],
    "the number of a noun": [
        ("Floods destroyed 40 homes.", "40", "home"),
        ("The landslide claimed 14 lives.", "14", "death"),
        ("The club claimed a second title.", "second", "title"),
    ],
    "the object of a verb's preposition": [
        ("The toll rose to 90.", "90", "toll"),
        ("The number of arrests rose to 80.", "80", "arrest"),
    ],
    "the object of a noun's preposition": [
        ("Rents saw an increase of 40 percent.", "40 percent", "increase")
    ],
    "a part of a known whole": [("12 of the miners were rescued.", "12", "miner")],
    "a figure with its own participle": [
        ("More than 260 injured in warehouse fire as strike begins", "More than 260", "injured")
    ],
    "the subject of an outcome": [("90 were evacuated overnight.", "90", "evacuee")],
    "the subject of a noun": [("Seven were confirmed infections.", "Seven", "infection")],
    'the subject of "listed as"': [("Six were listed as missing persons.", "Six", "people")],
    "a part of a breakdown": [("The clinic reported 41 cases (15 confirmed, 26 probable).", "15", "")],
    "the argument of a verb or noun": [("Police arrested 60 in the square.", "60", "arrest")],
}


def test_every_measure_rule_has_examples() -> None:
    assert set(MEASURE_EXAMPLES) == {rule.name for rule in MEASURE_RULES}


@pytest.mark.parametrize(
    ("rule", "sentence", "figure", "measure"),
    [(rule, *row) for rule, rows in MEASURE_EXAMPLES.items() for row in rows],
)
def test_a_measure_rule_reads_the_measure_of_its_examples(
    rule: str, sentence: str, figure: str, measure: str
) -> None:
    doc = load_parser()(sentence)
    start = sentence.index(figure)
    anchor = value_anchor(doc, start, start + len(figure))
    assert anchor is not None
    found, (read, _noun) = measure_rule(anchor)
    assert (found.name if found else None, read) == (rule, measure)


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The blast killed at least 37 people.", "death"),
        ("The death toll rose to 37.", "death"),
        ("The number of deaths rose to 37.", "death"),
        ("Cumulative deaths: 37.", "death"),
        ("Police arrested 60 people.", "arrest"),
        ("65 people were detained in the capital.", "arrest"),
        ("90 firefighters were injured on Thursday.", "injured"),
        ("There have been 47 cholera cases in the country.", "case"),
    ],
)
def test_the_measure_is_what_the_figure_counts_whatever_the_wording(text: str, measure: str) -> None:
    assert [m for _, m, _ in figures(text)] == [measure]


def test_a_toll_verb_counts_deaths_only_with_lives_as_its_object_and_then_says_nothing() -> None:
    [toll] = claims_of("The landslide claimed 14 lives.")
    assert [v.quantity for v in toll.values] == ["death"] and toll.attribution == ""
    [title] = claims_of("The club claimed a second title.")
    assert [v.quantity for v in title.values] == ["title"]
    [reported] = claims_of("The company claimed that sales rose 4% in May.")
    assert reported.text == "sales rose 4% in May" and reported.attribution == "company"


def test_a_breakdown_in_brackets_is_a_fact_per_part_counting_what_the_total_counts() -> None:
    found = claims_of("Cumulative infections stand at 52 (21 confirmed, 31 probable).")
    assert [c.evidence for c in found] == ["Cumulative infections stand at 52", "21 confirmed", "31 probable"]
    assert [(v.text, v.quantity, v.qualifiers) for c in found for v in c.values] == [
        ("52", "infection", ("cumulative",)),
        ("21", "infection", ("confirm",)),
        ("31", "infection", ("probable",)),
    ]


def test_coordinated_figures_are_a_fact_each() -> None:
    found = claims_of("There are 31 confirmed cases and 6 confirmed deaths in the province.")
    assert [[(v.text, v.quantity) for v in c.values] for c in found] == [[("31", "case")], [("6", "death")]]


def test_qualifiers_joined_by_and_restrict_nothing() -> None:
    [(_, measure, qualifiers)] = figures("The total number of confirmed and suspected infections rose to 37.")
    assert measure == "infection"
    assert "confirm" not in qualifiers and "suspect" not in qualifiers


def test_a_place_counts_as_scope_only_where_it_is_attached_to_the_figure() -> None:
    [about_the_fire] = claims_of("The wildfire in Lakeport has killed 30 people.")
    [in_the_town] = claims_of("The fire killed 30 people in Lakeport.")
    [in_the_capital] = claims_of("65 people were detained in the capital.")
    assert about_the_fire.scope == ()
    assert in_the_town.scope == ("Lakeport",)
    assert in_the_capital.scope == ("capital",)  # a part of the country, named by a common noun


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Acme Corp's output fell 12% last year.", "Acme Corp"),
        ("About 2,400 Acme Corp workers will lose their posts.", "Acme Corp"),
        ("Its stock climbed 3% in early trading.", ""),
        ("Lakeport's population grew 3% in a decade.", ""),  # a place is a scope, not an owner
    ],
)
def test_a_name_on_the_counted_noun_is_its_owner_not_a_qualifier(text: str, owner: str) -> None:
    [value] = [v for c in claims_of(text) for v in c.values if v.kind == "quantity"]
    assert (value.owner, value.qualifiers) == (owner, ())


def test_a_denial_is_negated_and_an_assertion_is_not() -> None:
    [denied] = claims_of("The two leaders did not sign the agreement.")
    [signed] = claims_of("The two leaders signed the agreement.")
    assert denied.negated and not signed.negated


def test_who_counted_a_figure_is_its_attribution() -> None:
    [claim] = claims_of("Turnout reached 2.4 million, according to the union.")
    assert claim.attribution == "union"


def test_a_weekday_with_its_day_of_the_month_is_a_date_not_a_figure() -> None:
    [(text, _m, _q)] = figures("The toll rose to 37 on Friday 19.")
    assert text == "37"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "more than" bounds a figure; only "N more" adds to an earlier one
        ("A powerful explosion injured more than 300 people.", [("more than 300", "injured", ())]),
        ("More than 600 cars were torched in the suburbs.", [("More than 600", "car", ())]),
        ("Officials reported 12 more deaths on Monday.", [("12", "death", ())]),
        # a figure's own participle says what it counts, as headlines write it
        ("More than 260 injured in warehouse fire as strike begins", [("More than 260", "injured", ())]),
        ("The blast left at least 300 others injured.", [("at least 300", "injured", ())]),
        # a part of a counted whole counts what the whole counts, qualified as the part is
        ("12 of the samples have been confirmed.", [("12", "sample", ("confirm",))]),
        ("Four of the victims were children.", [("Four", "victim", ())]),
        # ... but a share is no part of a count ("of" says what it is a share of)
        ("Norland refines more than 70% of the world's cobalt.", [("more than 70%", "refine", ())]),
        # a figure is never what another figure counts: unknown is better than wrong
        (
            "A combined count of 26 confirmed and 26 probable infections.",
            [("26", "", ()), ("26", "infection", ("probable",))],
        ),
    ],
)
def test_a_comparator_is_no_increment_and_a_participle_names_the_outcome(
    text: str, expected: list[tuple[str, str, tuple[str, ...]]]
) -> None:
    assert figures(text) == expected


def test_more_than_bounds_a_figure_and_n_more_adds_to_an_earlier_one() -> None:
    def increments(text: str) -> list[bool]:
        return [v.increment for c in claims_of(text) for v in c.values if v.kind == "quantity"]

    assert increments("A powerful explosion injured more than 300 people.") == [False]
    assert increments("Officials reported 12 more deaths on Monday.") == [True]


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
