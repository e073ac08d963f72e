"""Determiners that change what a count is: a known set, a part of one, none at all."""

from __future__ import annotations

DEFINITE_DETERMINERS = frozenset({"the", "these", "those"})
"""Determiners of a whole that a count takes a part of ("12 of the miners")."""

REFERRING_DETERMINERS = DEFINITE_DETERMINERS | {"both", "all"}
"""Determiners before a count that point at a set the reader knows ("the two leaders", "all 27
members"): the count names the set, it is not a figure the story reports."""

NEGATING_DETERMINERS = frozenset({"no", "zero"})
"""Determiners that deny what a clause states of their noun ("no cases were found")."""
