"""The English words that mineralcheck's rules read, one module per kind of word.

saying.py          verbs of saying, reporting, speaking and counting; written forms of saying
outcomes.py        verbs that name what a count of people measures ("killed" -> death)
change.py          verbs of change and verbs that link a measure to its figure
qualifiers.py      words before a measure that restrict nothing, words of an increment
nouns.py           nouns a figure counts: wrappers ("toll"), generic and human nouns, synonyms
places.py          prepositions of place, common nouns for a part of a country, entity labels
determiners.py     determiners that refer to a known set, take a part of one or deny
conjunctions.py    words that open a clause, join a breakdown or give examples
function_words.py  closed-class words, and the words two wordings share without sharing a fact
fractions.py       words for a part of a whole

Language, never a corpus: a word is listed because English uses it so, never because one story
does. Where two lists of one kind differ they are built from a shared core, so that the difference
is visible; where two lists would read one word in contradicting ways, tests/unit/lexicon says so.
This package imports nothing: values/, claims/ and match/ all read it.
"""
