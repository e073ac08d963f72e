"""Dates, weekdays, years and clock times -> Values, resolved against a dateline."""

from __future__ import annotations

import datetime as dt

import pytest

from mineralcheck.values import describe, extract_values

BASE = dt.date(2015, 7, 30)  # a Thursday
D = dt.date.toordinal


def only(text: str, base: dt.date | None = BASE):
    values = [v for v in extract_values(text, base_date=base) if v.kind != "quantity"]
    assert len(values) == 1, values
    return values[0]


# (text, base, expected surface, kind, low, high, unit)
ROWS = [
    (
        "signed on Jul. 28, 2015 in Varna",
        None,
        "Jul. 28, 2015",
        "date",
        D(dt.date(2015, 7, 28)),
        None,
        "day",
    ),
    ("dated 28.Jul.2015", None, "28.Jul.2015", "date", D(dt.date(2015, 7, 28)), None, "day"),
    ("filed 2015-07-28", None, "2015-07-28", "date", D(dt.date(2015, 7, 28)), None, "day"),
    ("the vote on July 28", BASE, "July 28", "date", D(dt.date(2015, 7, 28)), None, "day"),
    ("held on 28 July", BASE, "28 July", "date", D(dt.date(2015, 7, 28)), None, "day"),
    ("on the 3rd of March 2024", None, "3rd of March 2024", "date", D(dt.date(2024, 3, 3)), None, "day"),
    (
        "on Tuesday, July 28, 2015, the two",
        None,
        "Tuesday, July 28, 2015",
        "date",
        D(dt.date(2015, 7, 28)),
        None,
        "day",
    ),
    ("flights resumed (Jul 21)", BASE, "Jul 21", "date", D(dt.date(2015, 7, 21)), None, "day"),
    ("the polls (Jul 21) closed", None, "Jul 21", "date", 721, None, "month-day"),
    (
        "the talks on December 30",
        dt.date(2026, 1, 2),
        "December 30",
        "date",
        D(dt.date(2025, 12, 30)),
        None,
        "day",
    ),
    (
        "floods in October 2024",
        None,
        "October 2024",
        "date",
        D(dt.date(2024, 10, 1)),
        D(dt.date(2024, 10, 31)),
        "day",
    ),
    ("Sept. 11, 2001", None, "Sept. 11, 2001", "date", D(dt.date(2001, 9, 11)), None, "day"),
    ("on 25/12/2024", None, "25/12/2024", "date", D(dt.date(2024, 12, 25)), None, "day"),
    # weekdays resolved against the dateline
    ("the quake struck on Monday", BASE, "Monday", "date", D(dt.date(2015, 7, 27)), None, "day"),
    ("they met last Tuesday", BASE, "last Tuesday", "date", D(dt.date(2015, 7, 28)), None, "day"),
    ("talks resume next Tuesday", BASE, "next Tuesday", "date", D(dt.date(2015, 8, 4)), None, "day"),
    ("he will visit on Saturday", BASE, "Saturday", "date", D(dt.date(2015, 8, 1)), None, "day"),
    ("the summit is scheduled for Friday", BASE, "Friday", "date", D(dt.date(2015, 7, 31)), None, "day"),
    ("the ceasefire began on Friday", BASE, "Friday", "date", D(dt.date(2015, 7, 24)), None, "day"),
    ("they signed on Thursday", BASE, "Thursday", "date", D(BASE), None, "day"),
    ("he flies out on Thursday (Jul 30)", None, "Thursday (Jul 30)", "date", 730, None, "month-day"),
    (
        "who last Tuesday (Jul 21) won",
        BASE,
        "last Tuesday (Jul 21)",
        "date",
        D(dt.date(2015, 7, 21)),
        None,
        "day",
    ),
    # weekdays without a dateline stay weekdays
    ("the strike on Wednesday", None, "Wednesday", "weekday", 2, None, "weekday"),
    ("on Sunday", None, "Sunday", "weekday", 6, None, "weekday"),
    # relative phrases
    ("elections next year", BASE, "next year", "year", 2016, None, "year"),
    ("losses last year", BASE, "last year", "year", 2014, None, "year"),
    ("talks this week", BASE, "this week", "date", D(dt.date(2015, 7, 27)), D(dt.date(2015, 8, 2)), "day"),
    ("prices last month", BASE, "last month", "date", D(dt.date(2015, 6, 1)), D(dt.date(2015, 6, 30)), "day"),
    ("rain fell yesterday", BASE, "yesterday", "date", D(dt.date(2015, 7, 29)), None, "day"),
    ("three days ago", BASE, "three days ago", "date", D(dt.date(2015, 7, 27)), None, "day"),
    # years
    ("in 2015 the budget", None, "2015", "year", 2015, None, "year"),
    ("between 1996-2006", None, "between 1996-2006", "year", 1996, 2006, "year"),
    ("from 2010 to 2015", None, "from 2010 to 2015", "year", 2010, 2015, "year"),
    ("the 2024-25 fiscal year", None, "2024-25", "year", 2024, 2025, "year"),
    ("in the 1990s", None, "1990s", "year", 1990, 1999, "year"),
    ("the 2015 budget", None, "2015", "year", 2015, None, "year"),
    # clock times
    ("at 11:47 p.m. (1802 GMT) on", None, "11:47 p.m. (1802 GMT)", "time", 18 * 60 + 2, None, "utc-minutes"),
    ("at 5:45 pm (0945 GMT)", None, "5:45 pm (0945 GMT)", "time", 9 * 60 + 45, None, "utc-minutes"),
    ("at 09.30 BST", None, "09.30 BST", "time", 8 * 60 + 30, None, "utc-minutes"),
    ("at 2.02am Singapore time", None, "2.02am Singapore time", "time", 18 * 60 + 2, None, "utc-minutes"),
    ("at 10am local time", None, "10am local time", "time", 600, None, "local-minutes"),
    ("at 14:05 UTC", None, "14:05 UTC", "time", 14 * 60 + 5, None, "utc-minutes"),
    ("at 9 a.m. EDT", None, "9 a.m. EDT", "time", 13 * 60, None, "utc-minutes"),
    ("shortly after 6 pm", None, "6 pm", "time", 18 * 60, None, "local-minutes"),
    ("the polls closed at 7.24pm. Then", None, "7.24pm", "time", 19 * 60 + 24, None, "local-minutes"),
    ("at noon GMT", None, "noon GMT", "time", 720, None, "utc-minutes"),
]


@pytest.mark.parametrize(("text", "base", "surface", "kind", "low", "high", "unit"), ROWS)
def test_temporal_phrase(text, base, surface, kind, low, high, unit):
    v = only(text, base)
    assert v.text == surface
    assert text[v.start : v.end] == surface
    assert (v.kind, v.unit) == (kind, unit)
    assert (v.low, v.high) == (low, low if high is None else high)


@pytest.mark.parametrize(
    "text",
    ["on Tuesday, Jul. 28, 2015", "July 28, 2015", "at 11:47 p.m. (1802 GMT)", "2015-07-28", "in 2015"],
)
def test_date_digits_are_not_quantities(text):
    assert [v for v in extract_values(text, base_date=BASE) if v.kind == "quantity"] == []


@pytest.mark.parametrize("text", ["next year", "last Tuesday", "yesterday", "this week"])
def test_relative_phrases_need_a_dateline(text):
    values = extract_values(text)
    assert all(v.kind == "weekday" for v in values)


def test_counts_that_look_like_years_stay_counts():
    (v,) = extract_values("about 2000 people fled")
    assert (v.kind, v.low < 2000 < v.high) == ("quantity", True)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("On Sunday, 12 firefighters were hurt", ["12"]),
        # a falling pair is a score, never a range, so neither of its numbers is read on its own
        ("beat the visitors on Sunday, 3-1 after extra time", []),
    ],
)
def test_a_count_after_a_weekday_is_not_its_day_of_the_month(text, figures):
    values = extract_values(text)
    assert [v.text for v in values if v.kind == "weekday"] == ["Sunday"]
    assert [v.text for v in values if v.kind == "quantity"] == figures


@pytest.mark.parametrize("text", ["on Sunday 18, the polls", "on Sunday 18th", "Friday 19 at noon"])
def test_a_day_of_the_month_after_a_weekday_is_part_of_the_date(text):
    values = extract_values(text)
    assert [v.kind for v in values if v.kind != "time"] == ["weekday"]
    assert values[0].text.split()[-1].rstrip(",").startswith(("18", "19"))


def test_month_verb_is_not_a_date():
    assert extract_values("they may march on") == ()


@pytest.mark.parametrize(
    ("text", "base", "shown"),
    [
        ("Jul. 28, 2015", None, "2015-07-28"),
        ("on Thursday", None, "Thursday"),
        ("11:47 p.m. (1802 GMT)", None, "18:02 UTC"),
        ("in July 2015", None, "2015-07-01..2015-07-31"),
        ("in 2015", None, "2015"),
    ],
)
def test_describe_temporal(text, base, shown):
    assert describe(only(text, base)) == shown


def test_same_text_twice_gives_identical_values():
    text = "On Tuesday (Jul 28) at 11:47 p.m. (1802 GMT), next year, in 2015."
    assert extract_values(text, base_date=BASE) == extract_values(text, base_date=BASE)


def test_weekday_tense_comes_from_its_own_clause() -> None:
    """A future verb elsewhere in the sentence does not move a past weekday forward."""
    base = dt.date(2015, 8, 11)  # a Tuesday
    text = "The group will take over its rival for $6bn, the company announced on Monday."
    (monday,) = [v for v in extract_values(text, base_date=base) if v.kind == "date"]
    assert dt.date.fromordinal(int(monday.low)) == dt.date(2015, 8, 10)
    ahead = "Officials said the minister is scheduled to visit the site on Thursday."
    (thursday,) = [v for v in extract_values(ahead, base_date=base) if v.kind == "date"]
    assert dt.date.fromordinal(int(thursday.low)) == dt.date(2015, 8, 13)
