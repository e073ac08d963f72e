"""What a figure counts, in the words of the outlet that states it.

"At least 37 people have been killed", "only nine fatalities", "the death toll stood at 38": one
measure, worded three ways. The measure of a figure is the part of its clause that says what is
counted, without the figure, its place or its agent ("people killed", "fatalities", "death toll
people"): the words in which outlets that count one thing are most alike. match/measures.py groups
these wordings across outlets and names each group.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from mineralcheck.claims.measure_rules import is_toll, lemma
from mineralcheck.claims.tokens import SUBJECT_DEPS
from mineralcheck.lexicon.change import LINKING_VERBS
from mineralcheck.lexicon.conjunctions import EXEMPLIFYING
from mineralcheck.lexicon.determiners import REFERRING_DETERMINERS
from mineralcheck.lexicon.saying import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "advmod"})
"""How a figure hangs from the noun it counts ("38 people", "58 per cent", "2.6 million")."""
KIND_MODIFIERS = frozenset({"amod", "compound", "nmod"})
"""Modifiers that say what kind of thing a measure counts ("confirmed deaths", "death toll")."""


def counted_noun(anchor: Token) -> Token:
    """The head of the noun phrase a figure counts ("people" in "at least 38 people"), or the
    figure itself when it stands alone ("Floods kill 37")."""
    tok = anchor
    while tok.dep_ in NUMBER_DEPS and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
        tok = tok.head
    return tok


def is_reference(anchor: Token) -> bool:
    """A count that refers to a known set rather than reports a figure: "the two leaders signed",
    "the 27 member states" (a determiner or possessive right before it in its noun phrase)."""
    noun = counted_noun(anchor)
    if noun.i == anchor.i:
        return False
    first = min(t.i for t in anchor.subtree)
    before = anchor.doc[first - 1] if first > 0 else None
    return (
        before is not None
        and before.head.i == noun.i
        and (before.lower_ in REFERRING_DETERMINERS or before.dep_ == "poss")
    )


def measure_tokens(anchor: Token, value_tokens: Collection[int], own: Collection[int]) -> list[Token]:
    """The words that say what the figure headed by `anchor` counts: the counted noun with its kind
    ("confirmed deaths"), the noun it is a number of ("death toll ... people"), and the verb that says
    what happened to it ("people killed", "kill", "had fled the valley"). Not the figure, and not a
    name (the place or agent of a figure is its scope, not its measure)."""
    allowed = set(own) - set(value_tokens)
    noun = counted_noun(anchor)
    if noun.i != anchor.i and noun.i in allowed:
        words = _noun_measure(noun, allowed)
    else:  # "12 of the miners": a count standing alone counts the noun it takes a part of
        words = [w for w in _noun_measure(anchor, allowed) if w.i != anchor.i]
    described = _participle_of(noun, allowed)
    if described is not None:
        # "40 hurt in the crash as rescuers arrive", "reports of 80 people hurt": the participle says
        # what is counted; the verb the phrase hangs from ("arrive") says nothing about it.
        words.append(described)
    top = _preposition_of(noun, own)
    governor = top.head
    if described is None and governor.i != top.i and governor.i in allowed:
        if governor.pos_ == "NOUN":
            words += _kind_of(governor, allowed)
        elif governor.lower_ in EXEMPLIFYING and governor.head.pos_ == "NOUN":
            # "38 people, including five in X": a part counts what its whole counts.
            whole = governor.head
            words += _noun_measure(whole, allowed) + _governed_by(whole, allowed)
        elif governor.pos_ in ("VERB", "AUX") and not _says(governor):
            words += _verb_measure(governor, top, allowed)
    kept = {w.i: w for w in words if not _named(w) and not w.like_num}
    return [kept[i] for i in sorted(kept)]


def _participle_of(noun: Token, allowed: Collection[int]) -> Token | None:
    """A past participle that describes what a count stands for ("some 80 evacuated", "people hurt")."""
    return next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.i in allowed), None)


def _named(tok: Token) -> bool:
    """Part of a name (a place, an agent): a figure's scope, not its measure. A sentence's first
    word is capitalised anyway, and parsers often take a common noun there for a name."""
    return bool(tok.ent_type_) and tok.i > 0


def _noun_measure(noun: Token, allowed: Collection[int]) -> list[Token]:
    """A counted noun with its kind, and the noun it is a number of ("number of confirmed cases")."""
    words = _kind_of(noun, allowed)
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i in allowed:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in allowed:
                    words += _kind_of(obj, allowed)
    return words


def _governed_by(noun: Token, allowed: Collection[int]) -> list[Token]:
    """What the verb a noun hangs from says happened to it ("[people] have died")."""
    verb = noun.head
    if verb.i == noun.i or verb.i not in allowed or verb.pos_ not in ("VERB", "AUX"):
        return []
    return [] if _says(verb) else _verb_measure(verb, noun, allowed)


def _verb_measure(verb: Token, figure: Token, allowed: Collection[int]) -> list[Token]:
    """What a verb says a figure counts: its subject when it only links the two ("the toll stood at
    15"), else the verb itself, with its particle and, for a figure that is its subject, its object."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i in allowed), None)
    if lemma(verb) in LINKING_VERBS or verb.pos_ == "AUX":
        if subject is not None and subject.i != figure.i and subject.pos_ == "NOUN":
            return _noun_measure(subject, allowed)
        return []
    words = [verb] + [c for c in verb.children if c.dep_ == "prt" and c.i in allowed]
    if figure.dep_ in SUBJECT_DEPS:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i in allowed), None)
        if obj is not None and obj.pos_ == "NOUN":
            words += _kind_of(obj, allowed)
    return words


def _says(verb: Token) -> bool:
    """A verb of saying ("said", "reported"): who says so, not what happened to what is counted."""
    return lemma(verb) in REPORTING_VERBS and not is_toll(verb)


def _preposition_of(noun: Token, own: Collection[int]) -> Token:
    """The preposition a figure's noun phrase hangs from ("at" in "stood at 38"), else the noun."""
    if noun.dep_ == "pobj" and noun.head.pos_ == "ADP" and noun.head.i in own:
        return noun.head
    return noun


def _kind_of(noun: Token, allowed: Collection[int]) -> list[Token]:
    """A noun with the modifiers that say what kind of thing it is ("confirmed deaths")."""
    return [noun] + [
        c
        for c in noun.children
        if c.i in allowed and c.dep_ in KIND_MODIFIERS and c.pos_ in ("NOUN", "ADJ", "VERB")
    ]
