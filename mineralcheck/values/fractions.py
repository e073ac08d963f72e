"""Fractions in news prose ("about a third", "two-thirds of the cost", "half of the homes") as percentages.

A fraction states a share as loosely as a rounded percentage does, so it becomes a percent interval with
a tolerance of two points: "about two-thirds" agrees with "66 per cent", "a third" with "32%".
"""

from __future__ import annotations

import re

from mineralcheck.lexicon.fractions import FRACTIONS
from mineralcheck.models import Value
from mineralcheck.values.comparators import COMPARATORS

_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
# The hedges a fraction takes, in the order the pattern tries them; what each means is what it
# means before a figure (comparators.py).
_HEDGE_PHRASES = (
    "about", "around", "roughly", "some", "approximately", "nearly", "almost", "more than", "over",
    "less than", "under",
)  # fmt: skip
_HEDGES = {
    phrase: name for name, phrases in COMPARATORS.items() for phrase in phrases if phrase in _HEDGE_PHRASES
}
TOLERANCE = 2.0
"""Percentage points either side of a fraction: it is a rounded way of stating a share."""

# "a third", "two-thirds", "three quarters of", "half of": a count word is required before the part
# ("the third quarter" is an ordinal), except for "half of".
FRACTION = re.compile(
    rf"\b(?:(?P<hedge>{'|'.join(_HEDGE_PHRASES)})"
    r"\s+)?"
    r"(?:(?P<count>an?|one|two|three|four)[\s-]+(?P<part>halves|half|thirds?|quarters?|fifths?)"
    r"|(?P<half>half)(?=\s+(?:of|the|its|their)\b))\b",
    re.IGNORECASE,
)


def find_fractions(text: str, reserved: list[tuple[int, int]]) -> list[Value]:
    """Fractions as percent Values; their spans are added to `reserved` so no number is read twice."""
    out: list[Value] = []
    for m in FRACTION.finditer(text):
        start, end = m.start(), m.end()
        if any(s < end and start < e for s, e in reserved):
            continue
        if m.group("half"):
            share = 50.0
        else:
            count = _COUNTS[m.group("count").lower()]
            part = FRACTIONS[m.group("part").lower()]
            if count >= part:
                continue
            share = 100.0 * count / part
        comparator = _HEDGES.get((m.group("hedge") or "").lower(), "about")
        low, high = share - TOLERANCE, share + TOLERANCE
        low_open = high_open = False
        if comparator == "more-than":
            low, high, low_open = share, float("inf"), True
        elif comparator == "less-than":
            low, high, high_open = float("-inf"), share, True
        elif comparator == "nearly":
            low, high = share - TOLERANCE, share
        reserved.append((start, end))
        out.append(
            Value(
                kind="quantity",
                text=text[start:end],
                start=start,
                end=end,
                low=low,
                high=high,
                low_open=low_open,
                high_open=high_open,
                unit="percent",
                comparator=comparator,
            )
        )
    return out
