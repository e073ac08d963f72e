"""Whether a claim's text reads as a sentence a person would write, by a small, general test.

The claim extractor cuts clauses out of sentences; when a cut goes wrong the text shows it on the
surface: a quote or bracket left open, an empty quotation, a fragment hanging after the last comma
("..., assuring"), an ending on a function word ("... as those with"), or words that do not follow
the evidence they were cut from ("Over 300 begins" out of "Over 300 injured in ... talks begins").
The test is conservative: it is used where a claim's text is shown to a person as a statement to
keep (the starter claims.yaml), and a good sentence rejected costs less there than a broken one kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mineralcheck.lexicon.conjunctions import CLAUSE_OPENERS
from mineralcheck.lexicon.function_words import FUNCTION_WORDS
from mineralcheck.models import Claim

MIN_WORDS = 3

_WORD = re.compile(r"\w[\w’'-]*")
_TOKEN = re.compile(r"\w[\w’'-]*|[^\w\s]")
_EMPTY_QUOTE = re.compile(r"[\"“][^\w\"“”]*[\"”]")
_CLOSING = " .!?\"”’'"
_LONE_FIGURE = re.compile(r"\b(?:and|or)\s+[\d.,]+\W*$", re.IGNORECASE)


def readable_sentence(text: str) -> bool:
    """True when `text` reads as a whole sentence: a few words, quotes and brackets closed, no empty
    quotation, and an ending on a content word rather than on punctuation, a function word, a bare
    figure after "and", or a one-word fragment after a comma."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return False
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return False
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return False
    if _EMPTY_QUOTE.search(text):
        return False
    last = text.split()[-1]
    if not any(ch.isalnum() for ch in last) or last[0] in "-–—":
        return False  # '… fraud," -page' or '… and "'
    if words[-1] in FUNCTION_WORDS:
        return False
    if _LONE_FIGURE.search(text):
        return False  # "… have been killed and 300": the figure's own words were cut off
    body = text.rstrip(_CLOSING).rstrip(",;:")
    tail = re.split(r"[,;:–—]", body)[-1].strip(" \"“”’'")
    # "…, assuring": a lone lower-case word after the last comma is a clause cut short; a capitalised
    # one is usually a place ("in Varna, Norland").
    return not (tail != body.strip() and len(tail.split()) == 1 and tail[:1].islower())


def follows_evidence(text: str, evidence: str) -> bool:
    """True when the text is its evidence with cuts a reader would not notice: after any words the
    extractor supplied up front (an inherited subject), the words follow the evidence in order, and
    every stretch skipped starts at punctuation or a clause opener ("and", "who", "as")."""
    spoken = _tokens(evidence)
    # A function word the extractor supplied ("X, a minister" -> "X is a minister") is no cut.
    words = [w for w in _tokens(text) if w[0].isalnum() and (w in spoken or w not in FUNCTION_WORDS)]
    for cut in range(len(words)):
        body = words[cut:]
        for start in (k for k, token in enumerate(spoken) if token == body[0]):
            if not _follows(body, spoken, start):
                continue
            # Supplied words come from outside the evidence; words of the evidence skipped over
            # between the start and the body are a cut in the wrong place ("Over 300 begins").
            before = set(spoken[:start])
            return not any(w in before for w in words[:cut] if w not in FUNCTION_WORDS)
    return False


def readable_claim(claim: Claim) -> bool:
    """The claim's text reads as a sentence and is its evidence, cut where a reader would cut."""
    return readable_sentence(claim.text) and follows_evidence(claim.text, claim.evidence)


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _follows(words: Sequence[str], spoken: Sequence[str], start: int) -> bool:
    at = start
    for word in words[1:]:
        found = next((k for k in range(at + 1, len(spoken)) if spoken[k] == word), None)
        if found is None:
            return False
        skipped = spoken[at + 1] if found > at + 1 else ""
        at_boundary = not spoken[at][0].isalnum() or not skipped[:1].isalnum() or skipped in CLAUSE_OPENERS
        if skipped and not at_boundary:
            return False
        at = found
    return True


__all__ = ["FUNCTION_WORDS", "follows_evidence", "readable_claim", "readable_sentence"]
