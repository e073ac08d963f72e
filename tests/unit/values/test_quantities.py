"""Phrases as news writes figures -> the canonical quantity Value they must become."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mineralcheck.values import describe, extract_values

INF = math.inf
H = 0.4999
"""A figure stated without a hedge is only as precise as its last written digit: "$6bn" spans
$6bn +/- just under half a billion, so that it agrees with "$6.1bn" and conflicts with "$7bn"."""

# (phrase, expected surface, low, high, unit, quantity, comparator); low/high compared with a
# relative tolerance of 1e-6. Open ends are checked in OPEN_ROWS below.
ROWS = [
    # digits, separators, decimals
    ("The quake killed 1,881 people", "1,881", 1881, 1881, "", "people", ""),
    ("Rescuers searched 9,000 homes", "9,000", 9000, 9000, "", "home", ""),
    ("Inflation was 1.5 last month", "1.5", 1.5, 1.5, "", "", ""),
    ("Officials counted 157 deaths", "157", 157, 157, "", "death", ""),
    ("Floods destroyed 430 bridges", "430", 430, 430, "", "bridge", ""),
    ("the storm felled 180 old trees", "180", 180, 180, "", "tree", ""),
    ("52 injured were taken to hospital", "52", 52, 52, "", "injured", ""),
    ("Police said 12 fatalities were confirmed", "12", 12, 12, "", "death", ""),
    ("There were 36 casualties", "36", 36, 36, "", "casualty", ""),
    # number words
    ("one child was rescued", "one", 1, 1, "", "child", ""),
    ("seven villages were cut off", "seven", 7, 7, "", "village", ""),
    ("twenty-five miners were trapped", "twenty-five", 25, 25, "", "miner", ""),
    ("one hundred and eighty houses", "one hundred and eighty", 180, 180, "", "house", ""),
    ("a dozen boats capsized", "a dozen", 12, 12, "", "boat", ""),
    ("a million voters stayed home", "a million", 1e6, 1e6, "", "voter", ""),
    ("three million people fled", "three million", 3e6, 3e6, "", "people", ""),
    ("half a million bees were lost", "half a million", 5e5, 5e5, "", "bee", ""),
    ("nearly half a billion trees were planted", "nearly half a billion", 4.75e8, 5e8, "", "tree", "nearly"),
    # vague amounts
    ("dozens of people were hurt", "dozens", 24, 99, "", "people", "vague"),
    ("hundreds of homes", "hundreds", 200, 999, "", "home", "vague"),
    ("thousands of protesters", "thousands", 2000, 9999, "", "protester", "vague"),
    # Indian English counts in lakhs (100,000) and crores (10 million), in plurals as in figures
    ("lakhs of mango trees", "lakhs", 2e5, 9.999e5, "", "tree", "vague"),
    ("crores of saplings", "crores", 2e7, 9.999e7, "", "sapling", "vague"),
    ("a few shops reopened", "a few", 2, 5, "", "shop", "vague"),
    ("several aftershocks followed", "several", 3, 9, "", "aftershock", "vague"),
    ("several hundred troops", "several hundred", 300, 900, "", "troop", "vague"),
    ("tens of thousands of refugees", "tens of thousands", 20000, 99000, "", "refugee", "vague"),
    # scales and money
    ("a 3 million budget", "3 million", 3e6 - H * 1e06, 3e6 + H * 1e06, "", "budget", ""),
    ("exports worth 490 billion", "490 billion", 490e9 - H * 1e09, 490e9 + H * 1e09, "", "", ""),
    ("revenue of 1.2bn", "1.2bn", 1.2e9 - H * 1e08, 1.2e9 + H * 1e08, "", "", ""),
    ("a $6bn package", "$6bn", 6e9 - H * 1e09, 6e9 + H * 1e09, "usd", "", ""),
    ("a £2.5m grant", "£2.5m", 2.5e6 - H * 100000, 2.5e6 + H * 100000, "gbp", "", ""),
    ("US$1.8 billion in aid", "US$1.8 billion", 1.8e9 - H * 1e08, 1.8e9 + H * 1e08, "usd", "", ""),
    ("a S$12 million fund", "S$12 million", 12e6 - H * 1e06, 12e6 + H * 1e06, "sgd", "", ""),
    ("EUR 40 million for repairs", "EUR 40 million", 40e6 - H * 1e06, 40e6 + H * 1e06, "eur", "", ""),
    ("€300m in loans", "€300m", 300e6 - H * 1e06, 300e6 + H * 1e06, "eur", "", ""),
    ("a fine of 500 million yen", "500 million yen", 500e6 - H * 1e06, 500e6 + H * 1e06, "jpy", "", ""),
    ("2 billion rupees", "2 billion rupees", 2e9 - H * 1e09, 2e9 + H * 1e09, "rupee", "", ""),
    ("6 billion dollars", "6 billion dollars", 6e9 - H * 1e09, 6e9 + H * 1e09, "usd", "", ""),
    ("USD 75 million", "USD 75 million", 75e6 - H * 1e06, 75e6 + H * 1e06, "usd", "", ""),
    # ranges
    ("between 20 and 30 people", "between 20 and 30", 20, 30, "", "people", "between"),
    ("20 to 30 boats", "20 to 30", 20, 30, "", "boat", "between"),
    ("20-30 percent", "20-30 percent", 20, 30, "percent", "", "between"),
    ("two or three days", "two or three days", 2, 3, "day", "", "between"),
    ("a $5-6bn bill", "$5-6bn", 5e9, 6e9, "usd", "", "between"),
    # hyphenated compounds, magnitudes, durations
    ("a 7-day state of emergency", "7-day", 7, 7, "day", "", ""),
    ("a 6.1-magnitude earthquake", "6.1-magnitude", 6.1, 6.1, "magnitude", "", ""),
    ("a magnitude-6.1 tremor", "magnitude-6.1", 6.1, 6.1, "magnitude", "", ""),
    ("a quake of magnitude 6.1", "magnitude 6.1", 6.1, 6.1, "magnitude", "", ""),
    ("a 5.8 magnitude aftershock", "5.8 magnitude", 5.8, 5.8, "magnitude", "", ""),
    ("within six months", "six months", 6, 6, "month", "", ""),
    ("for 48 hours", "48 hours", 2, 2, "day", "", ""),
    ("a two-week trip", "two-week", 14, 14, "day", "", ""),
    ("a 10-year plan", "10-year", 120, 120, "month", "", ""),
    ("a 45-year-old man", "45-year-old", 45, 45, "age", "", ""),
    # ordinals
    ("its 180th anniversary", "180th", 180, 180, "ordinal", "anniversary", ""),
    ("for the second time", "second", 2, 2, "ordinal", "time", ""),
    ("the 3rd round", "3rd", 3, 3, "ordinal", "round", ""),
    ("Velmora's first female governor", "first", 1, 1, "ordinal", "governor", ""),
    # comparators
    ("more than 90% of supply", "more than 90%", 90, INF, "percent", "", "more-than"),
    ("over 400 aftershocks", "over 400", 400, INF, "", "aftershock", "more-than"),
    ("above 30 percent", "above 30 percent", 30, INF, "percent", "", "more-than"),
    ("in excess of 1,000 jobs", "in excess of 1,000", 1000, INF, "", "job", "more-than"),
    ("at least 157 people", "at least 157", 157, INF, "", "people", "at-least"),
    ("less than 5%", "less than 5%", -INF, 5, "percent", "", "less-than"),
    ("quake toll passes 150", "passes 150", 150, INF, "", "", "more-than"),
    ("the bill tops $2 billion", "tops $2 billion", 2e9, INF, "usd", "", "more-than"),
    ("fewer than 10 survivors", "fewer than 10", -INF, 10, "", "survivor", "less-than"),
    ("under 20 km", "under 20 km", -INF, 20, "km", "", "less-than"),
    ("below 2 percent", "below 2 percent", -INF, 2, "percent", "", "less-than"),
    ("at most 40 seats", "at most 40", 0, 40, "", "seat", "at-most"),
    ("up to $490 billion", "up to $490 billion", 0, 490e9, "usd", "", "up-to"),
    ("about 500 km", "about 500 km", 450, 550, "km", "", "about"),
    ("around 157 bodies", "around 157", 157 - 3.14, 157 + 3.14, "", "death", "about"),
    ("roughly 1.5 million", "roughly 1.5 million", 1.45e6, 1.55e6, "", "", "about"),
    ("an estimated 2,000 homes", "an estimated 2,000", 1800, 2200, "", "home", "about"),
    ("some 30 villages", "some 30", 27, 33, "", "village", "about"),
    ("approximately 1.5 km", "approximately 1.5 km", 1.45, 1.55, "km", "", "about"),
    ("nearly 2,000 homes", "nearly 2,000", 1900, 2000, "", "home", "nearly"),
    ("almost 100 schools", "almost 100", 95, 100, "", "school", "nearly"),
    ("only one survivor", "only one", 1, 1, "", "survivor", "only"),
    ("just 12 lifeboats", "just 12", 12, 12, "", "lifeboat", "only"),
    ("100 or more", "100 or more", 100, INF, "", "", "at-least"),
    ("1,000-plus volunteers", "1,000-plus", 1000, INF, "", "volunteer", "at-least"),
    # units
    ("25 per cent", "25 per cent", 25 - H * 1, 25 + H * 1, "percent", "", ""),
    ("25 percent", "25 percent", 25 - H * 1, 25 + H * 1, "percent", "", ""),
    ("25pc", "25pc", 25 - H * 1, 25 + H * 1, "percent", "", ""),
    ("3 percentage points", "3 percentage points", 3, 3, "percentage-point", "", ""),
    ("25 basis points", "25 basis points", 0.25, 0.25, "percentage-point", "", ""),
    ("310 miles", "310 miles", 498.897, 498.897, "km", "", ""),
    ("10 kilometres deep", "10 kilometres", 10, 10, "km", "", ""),
    ("a depth of 10 kilometers", "10 kilometers", 10, 10, "km", "", ""),
    ("800 metres", "800 metres", 0.8, 0.8, "km", "", ""),
    ("a 500m-deep shaft", "500m", 0.5, 0.5, "km", "", ""),
    ("3,000 feet", "3,000 feet", 0.9144, 0.9144, "km", "", ""),
    ("a 500 MB file", "500 MB", 5e8, 5e8, "byte", "", ""),
    ("2 GB of data", "2 GB", 2e9, 2e9, "byte", "", ""),
    ("winds of 150 km/h", "150 km/h", 150, 150, "km/h", "", ""),
    ("winds of 150 kilometres an hour", "150 kilometres an hour", 150, 150, "km/h", "", ""),
    ("gusts of 90 km per hour", "90 km per hour", 90, 90, "km/h", "", ""),
    ("40°C heat", "40°C", 40, 40, "celsius", "", ""),
    ("2 million tonnes", "2 million tonnes", 2e6 - H * 1e06, 2e6 + H * 1e06, "tonne", "", ""),
]


@pytest.mark.parametrize(("phrase", "surface", "low", "high", "unit", "quantity", "comparator"), ROWS)
def test_phrase_becomes_value(phrase, surface, low, high, unit, quantity, comparator):
    values = [v for v in extract_values(phrase) if v.kind == "quantity"]
    assert len(values) == 1, values
    v = values[0]
    assert v.text == surface
    assert phrase[v.start : v.end] == surface
    assert v.low == pytest.approx(low, rel=1e-3)
    assert v.high == pytest.approx(high, rel=1e-3)
    assert (v.unit, v.quantity, v.comparator) == (unit, quantity, comparator)


OPEN_ROWS = [
    ("more than 90%", (True, False)),
    ("over 400", (True, False)),
    ("at least 157", (False, False)),
    ("less than 5%", (False, True)),
    ("about 500 km", (False, False)),
    ("157", (False, False)),
]


@pytest.mark.parametrize(("phrase", "openness"), OPEN_ROWS)
def test_open_ends(phrase, openness):
    (v,) = extract_values(phrase)
    assert (v.low_open, v.high_open) == openness


NOT_VALUES = [
    "The G7 met after COVID-19 hit",
    "An F-35 and an MP3 player",
    "Call 555-123-4567 for help",
    "Article 5 of the treaty",
    "Flight MH370 vanished",
    "version 3.5.2 was released",
    "open 24/7",
    "the team won 3-1",
    "no one was hurt",
    "one of the largest",
    "a 3D model",
]


@pytest.mark.parametrize("phrase", NOT_VALUES)
def test_identifiers_are_not_values(phrase):
    assert [v for v in extract_values(phrase) if v.kind == "quantity"] == []


def test_offset_shifts_positions():
    text = "Officials said at least 157 people died."
    (v,) = extract_values(text, offset=1000)
    assert (v.start, v.end) == (1015, 1027)
    assert text[v.start - 1000 : v.end - 1000] == "at least 157"


def test_several_values_in_order():
    values = extract_values("The 6.1-magnitude quake killed 157 people and injured more than 480.")
    assert [v.text for v in values] == ["6.1-magnitude", "157", "more than 480"]


def test_rise_is_two_figures_not_a_range():
    values = extract_values("The toll rose from 100 to 157.")
    assert [(v.low, v.high) for v in values] == [(100, 100), (157, 157)]


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("more than 90%", "more than 90%"),
        ("about 500 km", "about 500 km"),
        ("up to $490 billion", "up to USD 490 billion"),
        ("157 people", "157 people"),
        ("its 180th year", "180th year"),
        ("between 20 and 30", "20–30"),
        ("dozens", "dozens"),
        # emphasis, not a bound: the same figure as "4", shown the same way
        ("only 4 survivors", "4 survivor"),
        ("exactly 12 people", "12 people"),
    ],
)
def test_describe(phrase, text):
    assert describe(extract_values(phrase)[0]) == text


def test_deterministic():
    text = "On Tuesday, about 500 km away, more than 90% of 1,881 homes and $6bn were lost in 2025."
    assert extract_values(text) == extract_values(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    for v in extract_values(text, offset=7):
        assert text[v.start - 7 : v.end - 7] == v.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789,.-–/:$%£€ amptoreandbtwenkmGMTMayOct()", max_size=40))
def test_never_raises_on_number_soup(text):
    for v in extract_values(text):
        assert text[v.start : v.end] == v.text


def test_speed_of_a_thousand_sentences():
    sentences = [
        "The 6.1-magnitude earthquake struck about 500 km from the capital at 11:47 p.m. on Tuesday.",
        "At least 157 people were killed and more than 1,200 injured, officials said on Jul. 28, 2015.",
        "The government pledged up to $490 billion over the next five years.",
        "Turnout was 67 per cent, up 3 percentage points from the 2020 election.",
        "Rescue teams from several countries arrived within 48 hours.",
    ] * 200
    t0 = time.perf_counter()
    for s in sentences:
        extract_values(s)
    elapsed = time.perf_counter() - t0
    print(f"\n1,000 sentences: {elapsed:.3f} s")
    assert elapsed < 10
