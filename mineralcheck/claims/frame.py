"""The fact frame of a clause, read from its dependency parse: what each figure measures (read by
measure_rules.py), how it is qualified, where it applies, whether the clause is negated, who says so.

Two claims with similar words can state different facts: arrests in the capital and arrests
nationwide, the ministry's turnout and the unions', confirmed and probable cases, one day's new
deaths and the running total. The frame names those slots, so clustering and verdicts can tell
them apart however alike the sentences read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mineralcheck.claims.measure_rules import is_toll, lemma, measure_of, outcome_of
from mineralcheck.claims.tokens import entity_of, join_tokens
from mineralcheck.lexicon.change import CHANGE_VERBS
from mineralcheck.lexicon.determiners import NEGATING_DETERMINERS
from mineralcheck.lexicon.nouns import GENERIC_NOUNS, WRAPPER_NOUNS
from mineralcheck.lexicon.places import LOCATIVE_PREPOSITIONS, PART_OF_A_COUNTRY, PLACE_LABELS
from mineralcheck.lexicon.qualifiers import INCREMENT_WORDS, NON_QUALIFIERS
from mineralcheck.lexicon.saying import COUNTING_VERBS
from mineralcheck.models import Value
from mineralcheck.values.nouns import canonical_noun

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class ClauseFrame:
    """The slots of a clause's frame that are not carried by its values."""

    attribution: str = ""
    """Who says or counted it ("health ministry", "union"), as written, "" when unattributed."""
    negated: bool = False
    """The clause denies its predicate ("did not sign", "no leaks were found")."""


Canonical = Callable[[str], str]


def value_anchor(doc: Doc, start: int, end: int) -> Token | None:
    """The token that heads a value's words (its head lies outside them): "million" in "2.6 million"."""
    inside = [t for t in doc if start <= t.idx < end]
    if not inside:
        return None
    ids = {t.i for t in inside}
    heads = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    return heads[-1] if heads else inside[-1]


def _comparator(tok: Token) -> bool:
    """ "more" in "more than 300" bounds a figure; "12 more deaths" adds to one."""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "than"


def _modifiers(noun: Token | None, anchor: Token) -> list[Token]:
    """The adjectives and participles that modify a measure noun (or the noun a wrapper stands for).

    Coordinated modifiers ("confirmed and suspected deaths") restrict nothing: they add up to the
    whole. A noun before the counted noun says who or what it is ("police officers"), for the words.
    """
    holders = [noun] if noun is not None else []
    if noun is not None and lemma(noun) in WRAPPER_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                holders.extend(c for c in child.children if c.dep_ == "pobj")
    found: list[Token] = []
    for holder in holders:
        modifiers = [c for c in holder.children if c.dep_ in ("amod", "compound") and c.i != anchor.i]
        if any(c.dep_ in ("cc", "conj") for m in modifiers for c in m.children):
            modifiers = [m for m in modifiers if m.pos_ == "NOUN"]  # "confirmed and suspected deaths"
        found.extend(m for m in modifiers if m.pos_ in ("ADJ", "VERB"))
    return found


def _own_predicate(noun: Token | None, anchor: Token) -> str:
    """The participle or adjective a bare figure is the subject or number of ("15 confirmed", "12 of
    the cases were confirmed", "26 probable"), else ""."""
    bare = noun is None or noun.head.head.i == anchor.i
    if not bare:
        return ""
    if (
        anchor.dep_ in ("nsubj", "nsubjpass")
        and anchor.head.tag_ in ("VBN", "VBD", "JJ")
        and anchor.head.pos_ != "AUX"
    ):
        return lemma(anchor.head)
    if anchor.dep_ == "nummod" and anchor.head.pos_ == "ADJ":
        return lemma(anchor.head)  # "26 probable": the parser makes the adjective the head
    return ""


OWNER_LABELS = frozenset({"ORG", "PERSON", "NORP"})
"""Named-entity labels of actors a figure can belong to (a place's name is the figure's scope)."""


def _actor(tok: Token) -> Span | None:
    """The named actor a word belongs to (the parser tags some names as adjectives), else None."""
    entity = entity_of(tok)
    return entity if entity is not None and entity.label_ in OWNER_LABELS else None


def owner_of(noun: Token | None, canonical: Canonical) -> str:
    """The named actor a measure noun belongs to ("Acme shares", "Orvik Mining's output"),
    canonical, else "". Only a name the entity recogniser knows: a capitalised word of a headline
    ("Death Toll Rises") is no owner."""
    if noun is None:
        return ""
    for child in noun.children:
        actor = _actor(child) if child.dep_ in ("poss", "compound", "amod") else None
        if actor is not None:
            words = [t for t in actor if t.text[:1].isalnum()]
            if words:
                return canonical(join_tokens(words).strip())
    return ""


def qualifiers_of(noun: Token | None, anchor: Token) -> tuple[str, ...]:
    """Words that restrict a measure ("confirmed", "probable", "cumulative"); an increment word is
    no qualifier (increment_of reads it), nor a name (owner_of reads it)."""
    found: set[str] = set()
    for child in _modifiers(noun, anchor):
        if _actor(child) is not None:
            continue
        word = lemma(child)
        if word not in INCREMENT_WORDS and word not in NON_QUALIFIERS and word.isalpha():
            if word not in WRAPPER_NOUNS:
                found.add(word)
    own = _own_predicate(noun, anchor)
    if own and own not in INCREMENT_WORDS:
        found.add(own)
    return tuple(sorted(found))


def increment_of(noun: Token | None, anchor: Token) -> bool:
    """The figure is one update, not the running total: "four new deaths", "nine more are suspected",
    "raised the fee by 30 dollars" (a change, not the level it leads to)."""
    if any(lemma(m) in INCREMENT_WORDS and not _comparator(m) for m in _modifiers(noun, anchor)):
        return True
    if any(
        c.lower_ in INCREMENT_WORDS and c.dep_ in ("amod", "advmod") and not _comparator(c)
        for c in anchor.children
    ):
        return True  # "nine more are suspected": the increment word hangs from the figure itself
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "by" and lemma(anchor.head.head) in CHANGE_VERBS:
        return True
    return _own_predicate(noun, anchor) in INCREMENT_WORDS


def _place(tok: Token, canonical: Canonical, is_country: Callable[[str], bool]) -> str:
    """The place a locative phrase's object names, "" for a country (the story's whole scope).

    A named place, or a common noun that names a part of a country ("in the capital", "in three
    districts"): a figure for a part is not the figure for the whole."""
    ent = entity_of(tok)
    if ent is not None and ent.label_ in PLACE_LABELS:
        return "" if is_country(ent.text) else canonical(ent.text)
    if ent is None and tok.pos_ == "NOUN" and lemma(tok) in PART_OF_A_COUNTRY:
        return lemma(tok)
    return ""


def scope_of(
    anchor: Token, noun: Token | None, canonical: Canonical, is_country: Callable[[str], bool]
) -> tuple[str, ...]:
    """Places below the national level that a figure is about, as the parse attaches them: to the
    measure noun, to the figure itself or to the verb that governs it ("65 detained in X"); not a
    place named elsewhere in the sentence ("the wildfire in X has killed 30" is about the fire)."""
    holders = [t for t in (anchor, noun) if t is not None]
    verb = (noun if noun is not None else anchor).head
    if verb.pos_ == "ADP":
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX"):
        holders.append(verb)
    places: set[str] = set()
    for holder in holders:
        places |= _locative_places(holder, canonical, is_country)
    return tuple(sorted(places))


def _locative_places(holder: Token, canonical: Canonical, is_country: Callable[[str], bool]) -> set[str]:
    """The places below the national level that `holder` takes in a locative phrase ("in X")."""
    places: set[str] = set()
    for child in holder.children:
        if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPOSITIONS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    name = _place(obj, canonical, is_country)
                    if name:
                        places.add(name)
    return places


def context_of(anchor: Token, noun: Token | None) -> tuple[str, ...]:
    """The content words around a figure that say what it counts: its noun, the verbs that govern
    it, the noun's modifiers ("93 harbour police were injured" -> harbour, injured, police).
    Parsers attach figures differently from one wording to the next; these words overlap anyway."""
    holders = [noun, anchor.head]
    if anchor.head.pos_ == "ADP":
        holders.append(anchor.head.head)
    if noun is not None:
        holders.append(noun.head)
        holders.extend(c for c in noun.children if c.dep_ in ("compound", "amod"))
    words: set[str] = set()
    for tok in holders:
        if tok is None or tok.i == anchor.i or tok.pos_ not in ("NOUN", "VERB", "ADJ") or tok.is_stop:
            continue
        word = outcome_of(tok) or canonical_noun(lemma(tok))
        if word.isalpha() and word not in NON_QUALIFIERS and word not in GENERIC_NOUNS:
            words.add(word)
    return tuple(sorted(words))


def frame_values(
    doc: Doc,
    values: tuple[Value, ...],
    base: int,
    *,
    canonical: Canonical,
    is_country: Callable[[str], bool],
) -> tuple[Value, ...]:
    """The values with the measure, qualifiers and scope the parse gives them (the parse wins over
    the counted noun the value reader guessed from the words after the figure)."""
    out = []
    stated = ""  # the measure of the last figure with one: "41 cases (15 confirmed, 26 probable)"
    for value in values:
        if value.kind != "quantity":
            out.append(value)
            continue
        anchor = value_anchor(doc, value.start - base, value.end - base)
        if anchor is None:
            out.append(value)
            continue
        measure, noun = measure_of(anchor)
        if not measure:
            measure = stated or (value.quantity if value.quantity != "people" else "")
        stated = measure or stated
        out.append(
            replace(
                value,
                quantity=measure,
                qualifiers=tuple(q for q in qualifiers_of(noun, anchor) if q != measure),
                increment=increment_of(noun, anchor),
                scope=scope_of(anchor, noun, canonical, is_country),
                owner=owner_of(noun, canonical),
                context=context_of(anchor, noun),
            )
        )
    return tuple(out)


def _attribution(doc: Doc, tokens: Collection[int], canonical: Canonical) -> str:
    """Who says or counted what the clause states: "according to X", or the subject of a verb of
    saying or counting that heads or frames the clause."""
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None and (tok.i in tokens or tok.head.i in tokens):
                return _name(obj, canonical)
    for tok in doc:
        if lemma(tok) in COUNTING_VERBS and tok.pos_ == "VERB" and not is_toll(tok):
            subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
                return _name(subject, canonical)
    return ""


def _name(tok: Token, canonical: Canonical) -> str:
    ent = entity_of(tok)
    if ent is not None:
        return canonical(ent.text)
    return lemma(tok)


def _negated(head: Token, tokens: Collection[int]) -> bool:
    """The clause's verb is negated, or its subject or object is "no ..."."""
    for child in head.children:
        if child.dep_ == "neg" or child.lower_ in ("never",):
            return True
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and any(
            c.dep_ == "det" and c.lower_ in NEGATING_DETERMINERS for c in child.children
        ):
            return True
    return False


def clause_scope(head: Token, canonical: Canonical, is_country: Callable[[str], bool]) -> tuple[str, ...]:
    """Places below the national level a clause without figures is about: those its own verb (or
    noun) takes in a locative phrase."""
    return tuple(sorted(_locative_places(head, canonical, is_country)))


def clause_frame(doc: Doc, head: Token, tokens: Collection[int], canonical: Canonical) -> ClauseFrame:
    """Attribution and polarity of the clause headed by `head` with token ids `tokens`."""
    return ClauseFrame(attribution=_attribution(doc, tokens, canonical), negated=_negated(head, tokens))


__all__ = [
    "ClauseFrame",
    "clause_frame",
    "clause_scope",
    "frame_values",
    "increment_of",
    "qualifiers_of",
    "scope_of",
]
