"""Words and entity labels of place: where a figure holds below the national level."""

from __future__ import annotations

LOCATIVE_PREPOSITIONS = frozenset({"in", "across", "at", "outside", "inside", "throughout", "within", "near"})
"""Prepositions whose object is where a figure holds ("65 people were detained in the capital")."""

PART_OF_A_COUNTRY = frozenset(
    "capital city town village district province region state county municipality suburb "
    "neighbourhood neighborhood borough prefecture governorate".split()
)
"""Common nouns for a part of a country: a figure for a part is not the figure for the whole."""

ENTITY_LABELS = frozenset({"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT"})
"""Named-entity labels of the actors and places a claim names."""

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
"""Named-entity labels of places."""
