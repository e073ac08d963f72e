"""Canonical values a comparison can trust: numbers, dates, times and names.

extract_values() reads the figures, dates and times a sentence states; values_compatible() says
whether two of them agree; canonical_entity() and same_name() normalise actors and places.

    dates.py (days.py, times.py, relative.py)   dates, years, clock times, weekdays, "last week"
    fractions.py                                 "about a third", "two-thirds"
    quantities.py                                figures, read in steps by tokens.py, numbers.py,
                                                 units.py, comparators.py and nouns.py
    entities.py                                  names through the alias table (data/aliases.yaml)
    written.py                                   a figure as its outlet wrote it, a measure in words
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from mineralcheck.models import Value
from mineralcheck.values.dates import find_temporal
from mineralcheck.values.days import describe_temporal, month_day, weekday_of
from mineralcheck.values.entities import canonical_entity, is_country, load_aliases, same_name
from mineralcheck.values.fractions import FRACTION, find_fractions
from mineralcheck.values.quantities import (
    describe_quantity,
    find_quantities,
    intervals_overlap,
    quantities_comparable,
)

__all__ = [
    "canonical_entity",
    "is_country",
    "describe",
    "extract_values",
    "load_aliases",
    "same_name",
    "values_compatible",
    "weekday_of",
]


def extract_values(text: str, *, offset: int = 0, base_date: dt.date | None = None) -> tuple[Value, ...]:
    """Every value stated in `text`, in order, with offsets shifted by `offset`.

    Relative dates ("on Tuesday", "next year") are resolved against `base_date`; without it they
    stay unresolved weekdays or are left out, so the result never depends on today's date.
    """
    temporal, reserved = find_temporal(text, base_date)
    fractions = find_fractions(text, reserved)
    values = temporal + fractions + find_quantities(text, reserved)
    values.sort(key=lambda v: (v.start, v.end))
    if offset:
        values = [replace(v, start=v.start + offset, end=v.end + offset) for v in values]
    return tuple(values)


def values_compatible(a: Value, b: Value) -> bool | None:
    """True when a and b agree (their intervals overlap), False when they conflict, None when
    they are not comparable (different kinds, units or counted nouns)."""
    if a.kind != b.kind:
        if {a.kind, b.kind} == {"weekday", "date"}:
            return _weekday_matches(a if a.kind == "weekday" else b, b if a.kind == "weekday" else a)
        return None
    if a.kind == "date" and a.unit != b.unit:
        # a date with its year against one without ("Mar 14" when no dateline was known)
        full, partial = (a, b) if a.unit == "day" else (b, a)
        if full.unit != "day" or partial.unit != "month-day" or full.high - full.low > 31:
            return None
        lo, hi = month_day(full.low), month_day(full.high)
        if lo > hi:  # spans a new year: cannot order month-days
            return None
        return partial.low <= hi and lo <= partial.high
    if a.kind == "quantity" and not quantities_comparable(a, b):
        return None
    if a.unit == "ordinal" and not (a.quantity and a.quantity == b.quantity):
        # "first half" and "second quarter" rank different things; only "second leg" vs "third leg" compare
        return None
    if a.unit != b.unit:
        return None
    return intervals_overlap(a, b) or (a.kind == "quantity" and (_bound_of(a, b) or _bound_of(b, a)))


def _bound_of(bound: Value, figure: Value) -> bool:
    """A bound at the very figure another outlet gives ("more than 200" and "200", "fewer than 50"
    and "50"): outlets round a figure into a bound, so the two are one figure, not rivals."""
    if figure.low != figure.high:
        return False
    if bound.low_open and math.isinf(bound.high):
        return math.isclose(bound.low, figure.low)
    if bound.high_open and math.isinf(bound.low):
        return math.isclose(bound.high, figure.high)
    return False


def _weekday_matches(weekday: Value, date: Value) -> bool | None:
    """A weekday against a date. Without the article's date a weekday stays a weekday: it compares
    with a full date by the day that date falls on, and with a date stated without its year only
    by the day its own words name ("Thursday (Mar 14)"); a bare "Mar 14" could be any day."""
    if date.unit == "month-day":
        named = weekday_of(date)
        return None if named is None else named == int(weekday.low)
    if date.unit != "day" or not (math.isfinite(date.low) and math.isfinite(date.high)):
        return None
    if date.high - date.low >= 6:
        return True
    days = range(int(date.low), int(date.high) + 1)
    return any(dt.date.fromordinal(d).weekday() == int(weekday.low) for d in days)


def describe(value: Value) -> str:
    """Short human form for reasons: "more than 90%", "2024-03-12", "Thursday", "500 km"."""
    if value.kind == "quantity":
        if value.unit == "percent" and FRACTION.fullmatch(value.text):
            return value.text  # "about a third" says it better than "about 33.333%"
        return describe_quantity(value)
    return describe_temporal(value)
