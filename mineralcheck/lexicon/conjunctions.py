"""Words that open a clause, join the parts of a breakdown, or introduce examples."""

from __future__ import annotations

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})

SUBORDINATORS = frozenset("after before when while because since although though as".split())
"""Conjunctions that open an adverbial clause."""

CLAUSE_MARKERS = SUBORDINATORS | frozenset({"until", "once"})
"""Conjunctions that open an adverbial clause stating an event of its own ("after neither side won
a majority on Sunday"), even where the parser found no subject for it."""

CLAUSE_OPENERS = frozenset({"and", "or", "but", "nor", "where", "if"}) | RELATIVE_PRONOUNS | SUBORDINATORS
"""Where a clause or a reporting frame may be cut out of a sentence besides punctuation."""

BREAKDOWN_JOINTS = frozenset({",", ";", "and", "plus"})
"""What separates the parts of a breakdown in brackets ("41 (15 confirmed, 26 probable)")."""

EXEMPLIFYING = frozenset({"including", "like", "as", "excluding", "notably"})
"""Words before examples of one fact ("including X and Y", "such as X and Y"), not separate facts."""
