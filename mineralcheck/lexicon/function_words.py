"""Closed-class words, and the words that carry no fact when two wordings are compared."""

from __future__ import annotations

FUNCTION_WORDS = frozenset(
    "a an the this that these those my your his her its our their of to in on at by for with from into "
    "onto upon about as than and or but nor so yet if because while although though whether when where "
    "which who whom whose what is are was were be been being am has have had do does did will would "
    "shall should can could may might must not no".split()
)
"""English closed-class words: a sentence does not end on one of them, and the claim extractor may
supply them ("X, a minister," -> "X is a minister")."""

WORDING_STOP_WORDS = frozenset(
    "a an the of in on at to for from by with and or but as is are was were be been being has have had "
    "will would could should may might can that this these those which who whom whose its it their "
    "his her they them he she we our also than then there here into over about after before during "
    "said says say according just very more most".split()
)
"""Words that carry no fact when two claims' wordings are compared: function words as used in news,
with pronouns and the words of attribution ("said", "according"), which every claim shares."""
