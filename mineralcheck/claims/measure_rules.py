"""What a figure measures, read from its place in the parse by named rules, one row each.

A figure hangs in a sentence in a few ways: as the number of a noun ("40 homes"), the object of a
preposition ("rose to 90"), the subject of a verb ("90 were evacuated"), a part of a known whole ("12
of the miners"), a line's value ("Total cases: 41"). MEASURE_RULES names each way; the first that
applies reads the measure, canonical ("death", "case", "arrest"): the noun counted, the noun a
wrapper stands for ("the death toll"), or for a count of people what happened to them ("killing 37
people" counts deaths). Every rule has example sentences, invented, in tests/unit/claims/test_frame.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mineralcheck.lexicon.change import LINKING_VERBS, OBJECT_LINKING_VERBS
from mineralcheck.lexicon.determiners import DEFINITE_DETERMINERS
from mineralcheck.lexicon.nouns import GENERIC_NOUNS, SHARE_WORDS, WRAPPER_NOUNS
from mineralcheck.lexicon.outcomes import OUTCOME_VERBS, TOLL_OBJECTS, TOLL_VERBS
from mineralcheck.values.nouns import canonical_noun

if TYPE_CHECKING:
    from spacy.tokens import Token

Reading = tuple[str, "Token | None"]
"""(measure, the noun that carries it); ("", None) when the figure names no measure."""

MAX_DEPTH = 4
"""How far a measure is followed through wrappers and complements ("the number of deaths")."""


def lemma(tok: Token) -> str:
    return str(tok.lemma_).lower()


def is_toll(verb: Token) -> bool:
    """A toll verb whose object counts people or lives ("claimed 14 lives"): it names an outcome, and
    says nothing (lexicon.outcomes.TOLL_VERBS)."""
    return lemma(verb) in TOLL_VERBS and any(
        c.dep_ in ("dobj", "obj") and lemma(c) in TOLL_OBJECTS for c in verb.children
    )


def outcome_of(verb: Token) -> str:
    """The measure a verb says its count of people is ("killed" -> death), else ""."""
    word = lemma(verb)
    if word in OUTCOME_VERBS:
        return OUTCOME_VERBS[word]
    return TOLL_VERBS[word] if is_toll(verb) else ""


def _own_outcome(tok: Token) -> str:
    """The outcome a participle hung on `tok` names ("300 injured", "dozens of people killed"), or ""."""
    for child in tok.children:
        if child.dep_ in ("acl", "amod") and child.tag_ == "VBN" and outcome_of(child):
            return outcome_of(child)
    return ""


def _wrapped(noun: Token, depth: int) -> Reading:
    """What a wrapper noun stands for: its compound ("death toll"), the noun it is a number of ("the
    number of arrests"), else itself ("the total")."""
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ == "NOUN":
            return canonical_noun(lemma(child)), noun
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return noun_measure(obj, depth + 1)
    return canonical_noun(lemma(noun)), noun


def noun_measure(noun: Token, depth: int = 0) -> Reading:
    """What a noun counts: itself, the noun a wrapper stands for, or the verb's outcome for people."""
    if noun.pos_ == "NUM":
        return "", None  # "the number of 19 confirmed and ...": a figure is not what is counted
    word = lemma(noun)
    if depth >= MAX_DEPTH:
        return canonical_noun(word), noun
    if word in WRAPPER_NOUNS:
        return _wrapped(noun, depth)
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "obj") and outcome_of(verb):
        # "90 firefighters were injured", "arrested 60 protesters": the verb says what is counted;
        # who was counted is in the words, for the embedding to weigh.
        return outcome_of(verb), noun
    if word in GENERIC_NOUNS or noun.lower_ in ("people", "others"):
        if outcome := _own_outcome(noun):
            return outcome, noun  # "with at least 300 others injured"
        if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "obj") and verb.pos_ in ("VERB", "AUX"):
            measure = verb_measure(verb, exclude=noun.i, depth=depth + 1)
            if measure[0]:
                return measure[0], noun
        return "people", noun
    return canonical_noun(word), noun


def verb_measure(verb: Token, *, exclude: int, depth: int = 0) -> Reading:
    """What a figure governed by `verb` measures: the verb's outcome, what its complement or "as"
    phrase says, the measure a linking verb brings to the figure, else the verb itself."""
    if outcome := outcome_of(verb):
        return outcome, None
    complement = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if complement is not None and depth < MAX_DEPTH:
        # "thirteen miners are thought to have drowned", "are feared to be missing": the complement says it
        found = verb_measure(complement, exclude=exclude, depth=depth + 1)
        if found[0]:
            return found
    listed = listed_as(verb)  # "six were listed as missing persons"
    if listed is not None:
        return noun_measure(listed, depth + 1)
    word = lemma(verb)
    if word in LINKING_VERBS and depth < MAX_DEPTH:
        deps = ("dobj", "obj") if word in OBJECT_LINKING_VERBS else ("nsubj", "nsubjpass", "expl", "attr")
        for child in verb.children:
            if child.dep_ in deps and child.i != exclude and child.pos_ in ("NOUN", "PROPN", "PRON"):
                if child.pos_ == "PRON":
                    return "", None
                return noun_measure(child, depth + 1)
        return "", None
    if verb.pos_ == "VERB":
        return canonical_noun(word), None
    return "", None


def listed_as(verb: Token) -> Token | None:
    """The noun a verb takes with "as" ("listed as missing persons"), else None."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if obj is not None:
                return obj
    return None


# --- the rules: each reads a figure's measure, or returns None where it does not apply -------------


def _label_line(tok: Token) -> Reading | None:
    """ "Total cases: 41": the noun before the colon, which parsers hang anywhere."""
    doc = tok.doc
    first = min(t.i for t in tok.subtree)
    if first >= 2 and doc[first - 1].text == ":" and doc[first - 2].pos_ == "NOUN":
        return noun_measure(doc[first - 2])
    return None


def _number_of_a_noun(tok: Token) -> Reading | None:
    """ "40 homes", "1.2 million voters": the noun the figure modifies."""
    if tok.dep_ in ("nummod", "amod", "compound", "quantmod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        return noun_measure(tok.head)
    return None


def _object_of_a_verb(tok: Token) -> Reading | None:
    """ "the toll rose to 90", "were evacuated by the hundreds": the verb the preposition hangs on."""
    if tok.dep_ == "pobj" and tok.head.pos_ == "ADP" and tok.head.head.pos_ in ("VERB", "AUX"):
        return verb_measure(tok.head.head, exclude=tok.i)
    return None


def _object_of_a_noun(tok: Token) -> Reading | None:
    """ "a toll of 90", "a rise to 40": the noun an "of", "to" or "at" phrase hangs on."""
    head = tok.head
    if tok.dep_ == "pobj" and head.pos_ == "ADP" and head.lower_ in ("of", "to", "at"):
        if head.head.pos_ in ("NOUN", "PROPN"):
            return noun_measure(head.head)
    return None


def _part_of_a_known_whole(tok: Token) -> Reading | None:
    """ "12 of the miners": what the whole counts. A share ("40% of the world's cobalt") says what it
    is a share of, not what it counts."""
    if tok.lower_ in SHARE_WORDS:
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if obj is not None and any(
                c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in obj.children
            ):
                return noun_measure(obj)
    return None


def _own_participle(tok: Token) -> Reading | None:
    """A headline's "Over 300 injured in blast": the outcome the figure's participle names."""
    outcome = _own_outcome(tok)
    return (outcome, None) if outcome else None


def _subject(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX", "ADJ")


def _subject_of_an_outcome(tok: Token) -> Reading | None:
    """ "90 were evacuated": the outcome the verb names."""
    outcome = outcome_of(tok.head) if _subject(tok) else ""
    return (outcome, None) if outcome else None


def _subject_of_a_noun(tok: Token) -> Reading | None:
    """ "seven were confirmed infections": the noun the verb links the figure to."""
    if not _subject(tok):
        return None
    attr = next((c for c in tok.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    return noun_measure(attr) if attr is not None else None


def _subject_listed_as(tok: Token) -> Reading | None:
    """ "six were listed as missing persons": the noun after "as"."""
    listed = listed_as(tok.head) if _subject(tok) else None
    return noun_measure(listed) if listed is not None else None


def _part_of_a_breakdown(tok: Token) -> Reading | None:
    """ "15 confirmed", "26 probable": a figure that is the subject of a participle or adjective
    names no measure of its own; it breaks down the figure before it (frame.frame_values)."""
    head = tok.head
    if _subject(tok) and (head.tag_ in ("VBN", "VBD", "JJ") or head.pos_ == "ADJ"):
        return "", None
    return None


_ARGUMENT_DEPS = ("dobj", "obj", "attr", "nsubj", "nsubjpass", "appos", "meta", "oprd", "npadvmod", "conj")


def _argument(tok: Token) -> Reading | None:
    """ "police arrested 60", "cases reached 41", "a toll, 90": what the verb or noun it hangs on
    says it measures."""
    if tok.dep_ not in _ARGUMENT_DEPS:
        return None
    head = tok.head
    if head.pos_ in ("VERB", "AUX"):
        return verb_measure(head, exclude=tok.i)
    if head.pos_ in ("NOUN", "PROPN") and head.i != tok.i:
        return noun_measure(head)
    return None


@dataclass(frozen=True)
class MeasureRule:
    """A named way for a figure to hang in a parse, and how its measure is read there."""

    name: str
    read: Callable[[Token], Reading | None]
    """The measure of the figure headed by a token, or None where the rule does not apply."""


MEASURE_RULES: tuple[MeasureRule, ...] = (
    MeasureRule("the value of a labelled line", _label_line),
    MeasureRule("the number of a noun", _number_of_a_noun),
    MeasureRule("the object of a verb's preposition", _object_of_a_verb),
    MeasureRule("the object of a noun's preposition", _object_of_a_noun),
    MeasureRule("a part of a known whole", _part_of_a_known_whole),
    MeasureRule("a figure with its own participle", _own_participle),
    MeasureRule("the subject of an outcome", _subject_of_an_outcome),
    MeasureRule("the subject of a noun", _subject_of_a_noun),
    MeasureRule('the subject of "listed as"', _subject_listed_as),
    MeasureRule("a part of a breakdown", _part_of_a_breakdown),
    MeasureRule("the argument of a verb or noun", _argument),
)
"""The ways a figure hangs in a parse, tried in order: the first that applies reads its measure."""


def measure_rule(anchor: Token) -> tuple[MeasureRule | None, Reading]:
    """The rule that reads the measure of the figure headed by `anchor`, and its reading."""
    for rule in MEASURE_RULES:
        reading = rule.read(anchor)
        if reading is not None:
            return rule, reading
    return None, ("", None)


def measure_of(anchor: Token) -> Reading:
    """(measure, the noun carrying it) for the figure headed by `anchor`; ("", None) when unknown."""
    return measure_rule(anchor)[1]
