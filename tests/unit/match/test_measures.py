"""Figures named by what they count: wordings of one measure share a name across outlets, other
measures and other kinds of unit never do. Vectors are made by hand, so each test states the
geometry it relies on."""

from __future__ import annotations

import numpy as np

from mineralcheck.match.measures import measure_groups, name_measures
from mineralcheck.models import Claim, SourceId, Value


def figure(n: float, measure: str, *, read: str = "", unit: str = "") -> Value:
    return Value("quantity", str(n), 0, 1, n, n, unit=unit, quantity=read, measure=measure)


def claim(source: str, *values: Value) -> Claim:
    return Claim(f"{source}:0", SourceId(source), 0, 1, 1, "x", "x", values=values)


def unit(*rows: list[float]) -> np.ndarray:
    vectors = np.array(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


DEATHS, FATALITIES, PEOPLE_KILLED, HOMES = unit([1, 0.1, 0], [1, 0.2, 0], [1, 0, 0.1], [0, 0, 1])
VECTORS = {
    "deaths": DEATHS,
    "fatalities": FATALITIES,
    "people killed": PEOPLE_KILLED,
    "homes destroyed": HOMES,
}


def names(claims: tuple[Claim, ...]) -> list[str]:
    return [v.quantity for c in claims for v in c.values]


def test_wordings_of_one_measure_get_one_name_and_other_measures_another() -> None:
    claims = (
        claim("a", figure(7, "fatalities", read="fatality")),
        claim("b", figure(15, "people killed", read="death")),
        claim("c", figure(23, "deaths", read="death")),
        claim("d", figure(300, "homes destroyed", read="home")),
    )
    assert names(name_measures(claims, VECTORS, threshold=0.8)) == ["death", "death", "death", "home"]


def test_a_share_is_never_named_with_a_count() -> None:
    claims = (claim("a", figure(7, "deaths", read="death")), claim("b", figure(12, "deaths", unit="percent")))
    named = name_measures(claims, VECTORS, threshold=0.8)
    assert names(named) == ["death", "deaths"]  # the share's group has no parse reading: its wording


def test_at_threshold_one_each_wording_keeps_its_own_name() -> None:
    claims = (
        claim("a", figure(7, "fatalities", read="fatality")),
        claim("b", figure(23, "deaths", read="death")),
    )
    assert names(name_measures(claims, VECTORS, threshold=1.0)) == ["fatality", "death"]


def test_values_without_a_measure_are_left_as_read() -> None:
    bare = Value("quantity", "5", 0, 1, 5, 5, quantity="case")
    date = Value("date", "Monday", 0, 1, 1, 1, unit="day")
    (named,) = name_measures((claim("a", bare, date),), VECTORS, threshold=0.5)
    assert named.values == (bare, date)


def test_groups_are_cut_at_the_average_cosine() -> None:
    vectors = unit([1, 0], [0.9, 0.44], [0, 1])
    assert measure_groups(vectors, 0.8)[:2] == [measure_groups(vectors, 0.8)[0]] * 2
    assert len(set(measure_groups(vectors, 0.8))) == 2
    assert len(set(measure_groups(vectors, 0.99))) == 3
