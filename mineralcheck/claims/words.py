"""The English word lists that extraction reads, each kind in one place: where two lists of one kind
differ, they are built from a shared core, so that the difference is visible and deliberate.

Language, never a corpus: closed-class words, verbs of saying and of change, parser labels.
"""

from __future__ import annotations

from mineralcheck.values.fractions import FRACTIONS  # noqa: F401  (a word list the values read too)

# --- verbs (lemmas) ------------------------------------------------------------------------------

SAYING_VERBS = frozenset(
    "say tell add state report announce confirm note write claim declare explain".split()
)
"""Verbs that say who says so: the core of every list below."""

REPORTING_VERBS = SAYING_VERBS | frozenset(
    "insist warn reveal show indicate suggest stress emphasise emphasize argue believe think".split()
)
"""Verbs that introduce what someone said, wrote or reported: their clause is attribution, and the
fact is the clause they report."""

SPEAKING_VERBS = REPORTING_VERBS | frozenset("praise call describe promise declare vow pledge urge".split())
"""Verbs whose named subject speaks the words quoted in their sentence."""

COUNTING_VERBS = SAYING_VERBS | frozenset("estimate count record put register tally".split())
"""Verbs whose subject says or counted a figure: the attribution of a claim's fact frame."""

SAYING_FORMS = frozenset(
    "saying said says adding added noting noted assuring assured telling told stating stated".split()
)
"""Written forms (not lemmas) of saying that end a claim's text when the quote they introduce was cut
out: the text is tidied after the parse, as words."""

CHANGE_VERBS = frozenset(
    "rise fall increase decrease climb drop jump grow decline surge slip slide soar plunge edge "
    "revise raise lower cut reduce extend shorten".split()
)
"""Verbs of change: their "from" phrase gives an earlier value ("rose to 157 from 128") and their
"by" phrase the change itself ("rose by 5%"), neither the level stated now."""

# --- closed-class words --------------------------------------------------------------------------

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

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})

SUBORDINATORS = frozenset("after before when while because since although though as".split())
"""Conjunctions that open an adverbial clause."""

CLAUSE_MARKERS = SUBORDINATORS | frozenset({"until", "once"})
"""Conjunctions that open an adverbial clause stating an event of its own ("after neither won a
majority on Sunday"), even where the parser found no subject for it."""

CLAUSE_OPENERS = frozenset({"and", "or", "but", "nor", "where", "if"}) | RELATIVE_PRONOUNS | SUBORDINATORS
"""Where a clause or a reporting frame may be cut out of a sentence besides punctuation."""

# --- parser labels -------------------------------------------------------------------------------

ENTITY_LABELS = frozenset({"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT"})
"""Named-entity labels of the actors and places a claim names."""

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
"""Named-entity labels of places."""
