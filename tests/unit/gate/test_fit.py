"""What a source must state for an expectation to hold: its value lies within the expected one
(containment, not overlap), and a pinned frame (measure, qualifiers, place) picks the figure."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from mineralcheck.gate.expectations import parse_value
from mineralcheck.gate.fit import Pin, fits, statements, within
from mineralcheck.models import Claim, Cluster, Fact, Reason, SourceId, Value
from mineralcheck.values import extract_values


def value(text: str) -> Value:
    (found,) = extract_values(text, base_date=dt.date(2015, 7, 28))
    return found


def expected(text: str) -> Value:
    parsed = parse_value(text)
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("want", "found", "holds"),
    [
        (">90%", "92%", True),
        (">90%", "more than 90%", True),
        (">90%", "more than 95%", True),
        (">90%", "more than 60%", False),  # allows 61%: overlaps, but is not within
        (">90%", "about 70%", False),
        (">90%", "90%", False),  # "more than" excludes 90 itself
        (">=600 km", "more than 600 kilometres", True),
        (">=600 km", "some 640 kilometers", True),
        (">=600 km", "600 km", True),
        (">=600 km", "more than 60 kilometres", False),
        (">=600 km", "approximately 600 kilometres", False),  # may be 580
        ("~70%", "70%", True),
        ("~70%", "about 70%", True),
        ("~70%", "92%", False),
        ("157", "157", True),
        ("157", "at least 128", False),
        ("<5 km", "3 km", True),
        ("<5 km", "up to 8 km", False),
    ],
)
def test_a_found_value_fits_when_it_lies_within_the_expected_one(want: str, found: str, holds: bool) -> None:
    assert fits(expected(want), value(found)) is holds


def test_values_that_cannot_be_compared_neither_fit_nor_fail() -> None:
    assert fits(expected(">90%"), value("180 boats")) is None
    assert fits(expected("180 boats"), value("180 lanterns")) is None


def test_a_weekday_fits_the_date_it_falls_on() -> None:
    assert fits(expected("2015-07-28"), replace(value("on Tuesday"), kind="weekday", low=1, high=1)) is True
    assert fits(expected("2015-07-28"), replace(value("on Tuesday"), kind="weekday", low=2, high=2)) is False


def test_within_respects_open_ends() -> None:
    more_than = expected(">1000")
    at_least = expected(">=1000")
    assert within(more_than, at_least) and not within(at_least, more_than)


def test_a_pin_reads_measure_qualifiers_and_place_as_key_figures_write_them() -> None:
    assert Pin.parse("deaths") == Pin("death")
    assert Pin.parse("confirmed cases", ["Varna"]) == Pin("case", ("confirmed",), ("Varna",))
    assert Pin.parse("confirm case in Varna") == Pin("case", ("confirm",), ("Varna",))
    assert Pin.parse("arrests in Calder").describe() == "arrest in Calder"


def test_new_in_a_pin_is_an_increment_as_key_figures_write_it() -> None:
    new_cases = Pin.parse("new cases")
    assert new_cases == Pin("case", increment=True)
    assert Pin.parse("new confirmed cases in Varna").describe() == "new confirmed case in Varna"
    update = replace(_figure("12 cases", "case"), increment=True)
    assert new_cases.holds(update) and not new_cases.holds(_figure("12 cases", "case"))
    assert not Pin.parse("cases").holds(update)  # the running total is another figure


def _figure(text: str, measure: str, qualifiers: tuple[str, ...] = (), scope: tuple[str, ...] = ()) -> Value:
    return replace(value(text), quantity=measure, qualifiers=qualifiers, scope=scope)


def test_a_pin_holds_for_exactly_its_frame() -> None:
    confirmed = Pin.parse("confirmed cases", ["Varna"])
    assert confirmed.holds(_figure("27 cases", "case", ("confirm",), ("Varna",)))
    assert not confirmed.holds(_figure("27 cases", "case", ("probable",), ("Varna",)))
    assert not confirmed.holds(_figure("27 cases", "case", (), ("Varna",)))  # the whole is not the part
    assert not confirmed.holds(_figure("27 cases", "case", ("confirm",)))  # nationwide is another figure
    assert not confirmed.holds(_figure("27 deaths", "death", ("confirm",), ("Varna",)))
    assert Pin.parse("deaths").holds(_figure("14 people", "death"))


def _claim(source: str, n: int, text: str, *values: Value, **kw: object) -> Claim:
    return Claim(
        f"{source}:{n}", SourceId(source), 0, len(text), n, text, text, values=values,
        **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_each_source_is_read_from_its_best_matching_claim_and_only_on_comparable_figures() -> None:
    fact = Fact(
        Cluster(
            "f1",
            (
                _claim("a", 3, "the depot is more than 600 km from Varna", value("more than 600 km")),
                _claim("a", 9, "the depot lies 17 km from the city", value("17 km")),
                _claim("b", 4, "the depot is 640 km south of the capital", value("640 km")),
                _claim("b", 5, "earlier reports said 550 km", value("550 km"), earlier=True),
                _claim("c", 2, "the depot stores 45 million tons", value("45 million tons")),
            ),
        ),
        "agree",
        Reason(""),
        "the depot is far from Varna",
    )
    score = {"a:3": 0.9, "a:9": 0.6, "b:4": 0.8, "b:5": 0.95, "c:2": 0.7}
    found = statements(fact, expected(">=600 km"), None, lambda c: score[c.id])
    assert {s: (st.claim.line, [v.text for v in st.values]) for s, st in found.items()} == {
        "a": (3, ["more than 600 km"]),  # not the 17 km of a claim that matches less well
        "b": (4, ["640 km"]),  # an earlier value says nothing about the figure now
    }  # c states no distance


def test_a_pin_names_an_owner_as_the_key_figures_write_it() -> None:
    brio = replace(_figure("4%", "share"), owner="Brio")
    assert Pin.parse("Brio shares").holds(brio)
    assert not Pin.parse("shares").holds(brio)  # one actor's shares are not the market's
    assert not Pin.parse("Acme shares").holds(brio)
