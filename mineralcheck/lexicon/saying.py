"""Verbs (lemmas) and written forms of saying: who says so is a frame of a fact, not the fact."""

from __future__ import annotations

SAYING_VERBS = frozenset(
    "say tell add state report announce confirm note write claim declare explain".split()
)
"""Verbs that say who says so: the core of every list below. A toll verb with a count of lives as its
object ("claimed 14 lives") says nothing: it names an outcome (outcomes.TOLL_VERBS)."""

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
