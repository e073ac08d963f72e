"""Claims: parsed sentences -> atomic claims, each with its fact frame and its values (read by
mineralcheck.values).

parse.py       the spaCy parser, loaded once and only when sentences need parsing
clauses.py     a parse -> its clauses, one fact each (breakdowns.py splits figures and their parts;
               tokens.py is what a clause is)
frame.py       what each figure measures, how it is qualified, where; attribution and polarity
text.py        the claim's text, evidence and quote as a reader sees them
extract.py     all of the above -> Claims: extract_claims(), the stage's entry point
words.py       the English word lists, each kind in one place
"""

from mineralcheck.claims.extract import claims_from_sentence, extract_claims
from mineralcheck.claims.text import quoted_regions

__all__ = ["claims_from_sentence", "extract_claims", "quoted_regions"]
