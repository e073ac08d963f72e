"""Counted nouns: what a bare figure counts, read from the words after it ("63 people", "46
deaths"), in a canonical form ("fatalities" -> "death") so that two wordings compare."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mineralcheck.lexicon.nouns import (
    COUNT_ADJECTIVES,
    IRREGULAR_PLURALS,
    NOT_COUNTED_AFTER_A_NUMBER,
    NOT_NOUNS,
    NOUN_SYNONYMS,
    PLURAL_AS_IS,
)
from mineralcheck.values.tokens import Tok, adjacent

_ADJ_SUFFIX = re.compile(r"(?:al|ive|ic|ous|ful|able|ible|est|ern|ary|less|ish)$")


def lemma(word: str) -> str:
    """Light lemmatiser for counted nouns: "trees" -> "tree", "casualties" -> "casualty"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[w]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("sses") or re.search(r"(?:sh|ch|x|zz)es$", w):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


def canonical_noun(word: str) -> str:
    """The counted noun in canonical form: lemma, then synonyms ("fatalities" -> "death")."""
    lem = lemma(word)
    return NOUN_SYNONYMS.get(lem, NOUN_SYNONYMS.get(word.lower(), lem))


def noun_after(toks: Sequence[Tok], k: int, text: str) -> tuple[str, int]:
    """The counted noun after token k ("people", "deaths"), lemmatised; and the end token."""
    n = len(toks)
    j = k
    if j < n and toks[j].low == "of" and j + 1 < n:
        j += 1
        # "68 of the 120 seats", "66 of 120 seats": the share counts what the whole counts
        if toks[j].low == "the" and j + 1 < n and toks[j + 1].kind != "word":
            j += 1
        if toks[j].kind != "word" and any(ch.isdigit() for ch in toks[j].text) and j + 1 < n:
            j += 1
        elif toks[j].low in ("the", "them"):
            return "", k
    # a run of up to four lower-case words: "cherry trees", "key allies", "largest economies";
    # the counted noun is the first plural in it, else its first word that is not an adjective
    run: list[Tok] = []
    while j < n and len(run) < 4:
        tok = toks[j]
        if tok.kind != "word" or tok.low in NOT_NOUNS or len(tok.text) < 2:
            break
        if tok.text[:1].isupper() and not tok.text.isupper():
            break  # "5 Downing Street", "3 Americans": a name, not a counted noun
        gap = text[toks[j - 1].end : tok.start]
        if gap not in (" ", "-", "") or (gap == "" and toks[j - 1].kind == "word"):
            break
        run.append(tok)
        j += 1
        if j < n and toks[j].text == "-" and j + 1 < n and adjacent(toks[j - 1], toks[j]):
            j += 1  # "rare-earth"
    if not run:
        return "", k
    nouns = [t for t in run if t.low not in COUNT_ADJECTIVES and not _ADJ_SUFFIX.search(t.low)]
    plural = [t for t in nouns if lemma(t.low) != t.low or t.low in PLURAL_AS_IS]
    if not nouns:
        # the suffix test is a guess ("anniversary", "salary" are nouns): a lone word is the noun
        if len(run) != 1 or run[0].low in COUNT_ADJECTIVES:
            return "", k
        nouns = run
    # the first plural ("cherry trees"), else the head of the compound, its last noun
    # ("one working tin mine" counts mines)
    chosen = plural[0] if plural else nouns[-1]
    return canonical_noun(chosen.text), chosen.end


def counted_noun(toks: Sequence[Tok], end_tok: int, text: str, unit_name: str) -> str:
    """What a figure ending at token `end_tok` counts; "" when a unit already says it."""
    quantity = ""
    # only bare counts name what they count: "63 people", "46 deaths"; a unit already says it
    if not unit_name or unit_name == "ordinal":
        # an ordinal keeps its noun too: "second leg", "first half", "100th anniversary"
        quantity, _end = noun_after(toks, end_tok, text)
        if quantity in NOT_COUNTED_AFTER_A_NUMBER:
            quantity = ""
    return quantity
