"""Verbs (lemmas) that say what a count of people measures: "killing at least 37 people" counts
deaths, "65 people were detained" counts arrests. The measure is what happened to them."""

from __future__ import annotations

OUTCOME_VERBS = {
    "kill": "death", "die": "death", "perish": "death", "injure": "injured", "wound": "injured",
    "hurt": "injured", "evacuate": "evacuee", "displace": "displaced", "rescue": "survivor",
    "arrest": "arrest", "detain": "arrest",
}  # fmt: skip
"""Verb -> the measure its count of people is."""

TOLL_VERBS = {"claim": "death"}
"""Verbs of saying that name an outcome instead when their object counts people or lives ("the
landslide claimed 14 lives", not "claimed a second title" or "claimed that ..."): one of
TOLL_OBJECTS as object chooses the outcome, and the verb then says nothing."""

TOLL_OBJECTS = frozenset({"life", "people", "person", "individual", "other"})
"""Objects (lemmas) that make a toll verb name its outcome."""
