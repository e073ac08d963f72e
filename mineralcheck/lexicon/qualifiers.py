"""Words (lemmas) before a measure that restrict nothing, and those that make it an update.

What does restrict a measure ("confirmed", "probable") is any other modifier: no list is needed."""

from __future__ import annotations

NON_QUALIFIERS = frozenset(
    "less least most many few several other another some about around over under nearly "
    "almost roughly only just total overall such".split()
)
"""Modifiers of a measure that restrict nothing: comparators and hedges are read by the value reader."""

INCREMENT_WORDS = frozenset("new more additional further fresh".split())
"""Words that make a figure an increment ("four new deaths", "18 more cases"): one update, never the
running total (Value.increment). "more" before "than" bounds a figure instead ("more than 700")."""
