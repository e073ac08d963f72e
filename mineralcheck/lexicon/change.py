"""Verbs (lemmas) of change, and verbs that link a measure to its figure."""

from __future__ import annotations

CHANGE_VERBS = frozenset(
    "rise fall increase decrease climb drop jump grow decline surge slip slide soar plunge edge "
    "revise raise lower cut reduce extend shorten".split()
)
"""Verbs of change: their "from" phrase gives an earlier value ("rose to 90 from 75") and their "by"
phrase the change itself ("rose by 5%"), neither the level stated now."""

LINKING_VERBS = frozenset(
    "be stand reach rise climb increase jump grow fall drop decline total hit bring put top exceed "
    "surpass near number remain".split()
)
"""Verbs that relate a measure to its figure ("the toll climbed to 86", "cases stand at 41"): the
measure is their subject, or the object they bring to the figure ("bringing the tally to 132")."""

OBJECT_LINKING_VERBS = frozenset({"bring", "put"})
"""Linking verbs whose object, not their subject, is the measure ("put the tally at 132")."""
