"""Words for a part of a whole ("a third", "two-thirds", "half of the homes")."""

from __future__ import annotations

FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
}
"""Words for a part of a whole, and how many such parts make it."""
