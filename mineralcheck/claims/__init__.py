"""Claims: parsed sentences -> atomic claims, each with its fact frame and its values (read by
mineralcheck.values). The words the rules read are in mineralcheck.lexicon.

parse.py          the spaCy parser, loaded once and only when sentences need parsing
clause_rules.py   the named rules by which a token heads a clause of its own
clauses.py        a parse -> its clauses, one fact each (breakdowns.py splits figures and their
                  parts; tokens.py is what a clause is)
measure_rules.py  the named rules by which a figure's measure is read from the parse
frame.py          how each figure is qualified, whether it is an update, where; attribution, polarity
figures.py        what each figure counts in the outlet's words (for naming measures across outlets)
text.py           the claim's text, evidence and quote as a reader sees them
extract.py        all of the above -> Claims: extract_claims(), the stage's entry point
"""

from mineralcheck.claims.extract import claims_from_sentence, extract_claims
from mineralcheck.claims.text import quoted_regions

__all__ = ["claims_from_sentence", "extract_claims", "quoted_regions"]
