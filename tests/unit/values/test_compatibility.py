"""Pairs of stated values -> agree (True), diverge (False) or not comparable (None)."""

from __future__ import annotations

import datetime as dt

import pytest

from mineralcheck.values import extract_values, values_compatible

BASE = dt.date(2015, 7, 30)

PAIRS = [
    # exact counts
    ("157 people", "157 people", True),
    ("157 people", "128 people", False),
    ("at least 128 people", "157 people", True),
    ("at least 160 people", "157 people", False),
    ("157 deaths", "157 dead", True),
    ("157 people", "128 deaths", False),
    ("157 deaths", "52 injured", None),
    ("157", "157 people", True),
    ("1,881 homes", "1881 homes", True),
    ("1.5 million", "1,500,000", True),
    ("3 million", "three million", True),
    # comparators
    ("more than 90%", "95%", True),
    ("more than 90%", "85%", False),
    ("more than 90%", "90%", True),  # "90%" may be a rounding of 90.4%
    ("more than 90%", "89%", False),
    ("at least 90%", "90%", True),
    # a bound at the very figure another outlet gives is that figure, rounded into a bound
    ("more than 180 km/h", "180 km/h", True),
    ("fewer than 50 people", "50 people", True),
    ("more than 180 km/h", "170 km/h", False),
    ("less than 5%", "4.5%", True),
    ("less than 5%", "5%", True),  # "5%" may be a rounding of 4.8%
    ("less than 5%", "6%", False),
    ("up to $490 billion", "$400 billion", True),
    ("up to $490 billion", "$500 billion", False),
    ("$6bn", "$6.1 billion", True),  # a rounding of the same figure
    ("about a third", "32%", True),  # fractions are shares stated loosely
    ("about a third", "27 percent", False),
    ("roughly two-thirds", "About 66 per cent", True),
    ("more than half of voters", "48%", False),
    ("in the first half", "in the second quarter", None),  # ordinals of different things
    ("the second leg of the tour", "the third leg of the tour", False),
    ("$1.2bn", "$1.3bn", False),
    ("27.5%", "27.3%", False),
    ("about 500 km", "520 km", True),
    ("about 500 km", "600 km", False),
    ("about 500 km", "310 miles", True),
    ("around 157", "160", True),
    ("around 157", "170", False),
    ("nearly 2,000", "1,950", True),
    ("nearly 2,000", "2,100", False),
    ("only one", "one", True),
    ("only one", "two", False),
    ("dozens", "40", True),
    ("dozens", "150", False),
    ("hundreds", "more than 300", True),
    ("a few", "four", True),
    ("several", "12", False),
    ("between 20 and 30", "25", True),
    ("between 20 and 30", "35", False),
    ("100 or more", "120", True),
    # units
    ("25 per cent", "25%", True),
    ("25 percent", "25pc", True),
    ("3 percentage points", "3%", None),
    ("$6bn", "6 billion dollars", True),
    ("$6bn", "€6bn", None),
    ("S$1.2 million", "US$1.2 million", None),
    ("500 km", "500", None),
    ("a 6.1-magnitude quake", "magnitude 6.1", True),
    ("magnitude 6.1", "magnitude 6.4", False),
    ("magnitude 6.1", "6.1 km", None),
    ("48 hours", "two days", True),
    ("a 7-day trip", "one week", True),
    ("six months", "half a dozen months", True),
    ("6 months", "180 days", None),
    ("2 GB", "2,000 MB", True),
    ("its 180th year", "180 years", None),
    ("its 180th anniversary", "its 181st anniversary", False),
    ("for the second time", "its 2nd time", True),
    # dates and times
    ("Jul. 28, 2015", "28 July 2015", True),
    ("Jul. 28, 2015", "2015-07-29", False),
    ("July 2015", "Jul. 28, 2015", True),
    ("Jul 28", "2015-07-28", True),
    ("Jul 28", "2015-07-27", False),
    ("11:47 p.m. (1802 GMT)", "2.02am Singapore time", True),
    ("11:47 p.m. (1802 GMT)", "18:05 UTC", False),
    ("10am local time", "18:02 UTC", None),
    ("in 2015", "in 2015", True),
    ("in 2015", "in 2014", False),
    ("in 2015", "Jul. 28, 2015", None),
    ("157", "Jul. 28, 2015", None),
]


def one(text: str, base: dt.date | None = None):
    values = extract_values(text, base_date=base)
    assert len(values) == 1, (text, values)
    return values[0]


@pytest.mark.parametrize(("a", "b", "expected"), PAIRS)
def test_pair(a, b, expected):
    va, vb = one(a), one(b)
    assert values_compatible(va, vb) is expected
    assert values_compatible(vb, va) is expected  # symmetric


@pytest.mark.parametrize(
    ("weekday", "date", "expected"),
    [
        ("on Tuesday", "Jul. 28, 2015", True),
        ("on Wednesday", "Jul. 28, 2015", False),
        ("on Tuesday", "July 2015", True),
        ("on Tuesday", "Jul 28", None),
        # Without a year the date's own weekday is what compares ("as weekdays" when undated).
        ("on Thursday", "on Thursday (Jul 30)", True),
        ("on Friday", "on Thursday (Jul 30)", False),
        ("on Friday", "Thursday, July 30", False),
    ],
)
def test_unresolved_weekday_against_a_date(weekday, date, expected):
    assert values_compatible(one(weekday), one(date)) is expected


def test_resolved_weekday_against_a_date():
    assert values_compatible(one("on Tuesday", BASE), one("Jul. 28, 2015")) is True
    assert values_compatible(one("on Monday", BASE), one("Jul. 28, 2015")) is False
