"""The fact frame of a clause, read from its dependency parse: what each figure measures, how the
measure is qualified, where it applies, when, whether the clause is negated and who says so.

Two claims with similar words can state different facts: arrests in the capital and arrests
nationwide, the ministry's turnout and the unions', confirmed and probable cases, one day's new
deaths and the running total. The frame names those slots, so clustering and verdicts can tell
them apart however alike the sentences read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Any

from mineralcheck.lexicon.change import CHANGE_VERBS, LINKING_VERBS, OBJECT_LINKING_VERBS
from mineralcheck.lexicon.determiners import DEFINITE_DETERMINERS, NEGATING_DETERMINERS
from mineralcheck.lexicon.nouns import GENERIC_NOUNS, WRAPPER_NOUNS
from mineralcheck.lexicon.outcomes import OUTCOME_VERBS, TOLL_OBJECTS, TOLL_VERBS
from mineralcheck.lexicon.places import LOCATIVE_PREPOSITIONS, PART_OF_A_COUNTRY, PLACE_LABELS
from mineralcheck.lexicon.qualifiers import INCREMENT_WORDS, NON_QUALIFIERS
from mineralcheck.lexicon.saying import COUNTING_VERBS
from mineralcheck.models import Value
from mineralcheck.values.nouns import canonical_noun


@dataclass(frozen=True)
class ClauseFrame:
    """The slots of a clause's frame that are not carried by its values."""

    attribution: str = ""
    """Who says or counted it ("Interior Ministry", "union"), as written, "" when unattributed."""
    negated: bool = False
    """The clause denies its predicate ("did not sign", "no cases have been detected")."""


Canonical = Callable[[str], str]


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def _anchor(doc: Any, start: int, end: int) -> Any | None:
    """The token that heads a value's words (its head lies outside them): "million" in "1.08 million"."""
    inside = [t for t in doc if start <= t.idx < end]
    if not inside:
        return None
    ids = {t.i for t in inside}
    heads = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    return heads[-1] if heads else inside[-1]


def is_toll(verb: Any) -> bool:
    """A toll verb whose object counts people or lives ("claimed 14 lives"): it names an outcome, and
    says nothing (lexicon.outcomes.TOLL_VERBS)."""
    return _lemma(verb) in TOLL_VERBS and any(
        c.dep_ in ("dobj", "obj") and _lemma(c) in TOLL_OBJECTS for c in verb.children
    )


def outcome_of(verb: Any) -> str:
    """The measure a verb says its count of people is ("killed" -> death), else ""."""
    lemma = _lemma(verb)
    if lemma in OUTCOME_VERBS:
        return OUTCOME_VERBS[lemma]
    return TOLL_VERBS[lemma] if is_toll(verb) else ""


def _own_outcome(tok: Any) -> str:
    """The outcome a participle hung on `tok` names ("500 injured", "dozens of people killed"), or ""."""
    for child in tok.children:
        if child.dep_ in ("acl", "amod") and child.tag_ == "VBN" and outcome_of(child):
            return outcome_of(child)
    return ""


def _noun_measure(noun: Any, depth: int = 0) -> tuple[str, Any | None]:
    """What a noun counts: itself, the noun a wrapper stands for, or the verb's outcome for people."""
    if noun.pos_ == "NUM":
        return "", None  # "the number of 18 confirmed and ...": a figure is not what is counted
    lemma = _lemma(noun)
    if depth > 3:
        return canonical_noun(lemma), noun
    if lemma in WRAPPER_NOUNS:
        for child in noun.children:
            if child.dep_ == "compound" and child.pos_ == "NOUN":
                return canonical_noun(_lemma(child)), noun
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return _noun_measure(obj, depth + 1)
        return canonical_noun(lemma), noun
    verb = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "obj") and outcome_of(verb):
        # "441 security forces were injured", "arrested 457 protesters": the verb says what is
        # counted; who was counted is in the words, for the embedding to weigh.
        return outcome_of(verb), noun
    if lemma in GENERIC_NOUNS or noun.lower_ in ("people", "others"):
        if outcome := _own_outcome(noun):
            return outcome, noun  # "with at least 750 others injured"
        if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "obj") and verb.pos_ in ("VERB", "AUX"):
            measure = _verb_measure(verb, exclude=noun.i, depth=depth + 1)
            if measure[0]:
                return measure[0], noun
        return "people", noun
    return canonical_noun(lemma), noun


def _verb_measure(verb: Any, *, exclude: int, depth: int = 0) -> tuple[str, Any | None]:
    """What a figure governed by `verb` measures."""
    lemma = _lemma(verb)
    if outcome := outcome_of(verb):
        return outcome, None
    complement = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if complement is not None and depth < 4:
        # "21 people are believed to have died", "are feared to be missing": the complement says it
        found = _verb_measure(complement, exclude=exclude, depth=depth + 1)
        if found[0]:
            return found
    listed = _listed_as(verb)  # "18 were listed as probable deaths"
    if listed is not None:
        return _noun_measure(listed, depth + 1)
    if lemma in LINKING_VERBS and depth < 4:
        deps = ("dobj", "obj") if lemma in OBJECT_LINKING_VERBS else ("nsubj", "nsubjpass", "expl", "attr")
        for child in verb.children:
            if child.dep_ in deps and child.i != exclude and child.pos_ in ("NOUN", "PROPN", "PRON"):
                if child.pos_ == "PRON":
                    return "", None
                return _noun_measure(child, depth + 1)
        return "", None
    if verb.pos_ == "VERB":
        return canonical_noun(lemma), None
    return "", None


def _listed_as(verb: Any) -> Any | None:
    """The noun a verb takes with "as" ("listed as probable deaths"), else None."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if obj is not None:
                return obj
    return None


def _labelled(anchor: Any) -> Any | None:
    """The noun of a "Label: figure" line ("Cumulative deaths: 21"), which parsers hang anywhere."""
    doc = anchor.doc
    first = min(t.i for t in anchor.subtree)
    if first >= 2 and doc[first - 1].text == ":" and doc[first - 2].pos_ == "NOUN":
        return doc[first - 2]
    return None


def _partitive(tok: Any) -> Any | None:
    """The noun a count takes a part of ("18 of the cases", "three of the victims"), else None.
    A share ("90% of the world's supply") says what it is a share of, not what it counts."""
    if tok.lower_ in ("%", "percent", "cent"):
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if obj is not None and any(
                c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in obj.children
            ):
                return obj
    return None


def measure_of(anchor: Any) -> tuple[str, Any | None]:
    """(measure, the noun carrying it) for the figure headed by `anchor`; ("", None) when unknown.

    A figure that is the subject of a participle or adjective ("16 confirmed", "18 probable") names
    no measure of its own: it breaks down a figure stated before it (see frame_values).
    """
    tok = anchor
    head = tok.head
    label = _labelled(tok)
    if label is not None:
        return _noun_measure(label)
    if tok.dep_ in ("nummod", "amod", "compound", "quantmod", "nmod") and head.pos_ in ("NOUN", "PROPN"):
        return _noun_measure(head)
    if tok.dep_ == "pobj" and head.pos_ == "ADP":
        governor = head.head
        if governor.pos_ in ("VERB", "AUX"):
            return _verb_measure(governor, exclude=tok.i)
        if governor.pos_ in ("NOUN", "PROPN") and head.lower_ in ("of", "to", "at"):
            return _noun_measure(governor)
    part = _partitive(tok)
    if part is not None:
        return _noun_measure(part)
    if outcome := _own_outcome(tok):
        return outcome, None  # a headline's "Over 500 injured in blast as talks begin"
    if tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if outcome := outcome_of(head):
            return outcome, None
        attr = next((c for c in head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
        if attr is not None:
            return _noun_measure(attr)  # "five were confirmed cases"
        listed = _listed_as(head)  # "18 were listed as probable deaths"
        if listed is not None:
            return _noun_measure(listed)
        if head.tag_ in ("VBN", "VBD", "JJ") or head.pos_ == "ADJ":
            return "", None
    if tok.dep_ in ("dobj", "obj", "attr", "nsubj", "nsubjpass", "appos", "meta", "oprd", "npadvmod", "conj"):
        if head.pos_ in ("VERB", "AUX"):
            return _verb_measure(head, exclude=tok.i)
        if head.pos_ in ("NOUN", "PROPN") and head.i != tok.i:
            return _noun_measure(head)
    return "", None


def _comparator(tok: Any) -> bool:
    """ "more" in "more than 700" bounds a figure; "12 more deaths" adds to one."""
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "than"


def _modifiers(noun: Any | None, anchor: Any) -> list[Any]:
    """The adjectives and participles that modify a measure noun (or the noun a wrapper stands for).

    Coordinated modifiers ("confirmed and suspected deaths") restrict nothing: they add up to the
    whole. A noun before the counted noun says who or what it is ("police officers"), for the words.
    """
    holders = [noun] if noun is not None else []
    if noun is not None and _lemma(noun) in WRAPPER_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                holders.extend(c for c in child.children if c.dep_ == "pobj")
    found: list[Any] = []
    for holder in holders:
        modifiers = [c for c in holder.children if c.dep_ in ("amod", "compound") and c.i != anchor.i]
        if any(c.dep_ in ("cc", "conj") for m in modifiers for c in m.children):
            modifiers = [m for m in modifiers if m.pos_ == "NOUN"]  # "confirmed and suspected deaths"
        found.extend(m for m in modifiers if m.pos_ in ("ADJ", "VERB"))
    return found


def _own_predicate(noun: Any | None, anchor: Any) -> str:
    """The participle or adjective a bare figure is the subject or number of ("16 confirmed", "18 of
    the cases were confirmed", "18 probable"), else ""."""
    bare = noun is None or noun.head.head.i == anchor.i
    if not bare:
        return ""
    if (
        anchor.dep_ in ("nsubj", "nsubjpass")
        and anchor.head.tag_ in ("VBN", "VBD", "JJ")
        and anchor.head.pos_ != "AUX"
    ):
        return _lemma(anchor.head)
    if anchor.dep_ == "nummod" and anchor.head.pos_ == "ADJ":
        return _lemma(anchor.head)  # "18 probable": the parser makes the adjective the head
    return ""


def qualifiers_of(noun: Any | None, anchor: Any) -> tuple[str, ...]:
    """Words that restrict a measure ("confirmed", "probable", "cumulative"); an increment word is
    no qualifier (increment_of reads it)."""
    found: set[str] = set()
    for child in _modifiers(noun, anchor):
        word = _lemma(child)
        if word not in INCREMENT_WORDS and word not in NON_QUALIFIERS and word.isalpha():
            if word not in WRAPPER_NOUNS:
                found.add(word)
    own = _own_predicate(noun, anchor)
    if own and own not in INCREMENT_WORDS:
        found.add(own)
    return tuple(sorted(found))


def increment_of(noun: Any | None, anchor: Any) -> bool:
    """The figure is one update, not the running total: "four new deaths", "18 more are suspected",
    "raised the age by two years" (a change, not the level it leads to)."""
    if any(_lemma(m) in INCREMENT_WORDS and not _comparator(m) for m in _modifiers(noun, anchor)):
        return True
    if any(
        c.lower_ in INCREMENT_WORDS and c.dep_ in ("amod", "advmod") and not _comparator(c)
        for c in anchor.children
    ):
        return True  # "18 more are suspected": the increment word hangs from the figure itself
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "by" and _lemma(anchor.head.head) in CHANGE_VERBS:
        return True
    return _own_predicate(noun, anchor) in INCREMENT_WORDS


def _place(tok: Any, canonical: Canonical, is_country: Callable[[str], bool]) -> str:
    """The place a locative phrase's object names, "" for a country (the story's whole scope).

    A named place, or a common noun that names a part of a country ("in the capital", "in three
    districts"): a figure for a part is not the figure for the whole."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is not None and ent.label_ in PLACE_LABELS:
        return "" if is_country(ent.text) else canonical(ent.text)
    if ent is None and tok.pos_ == "NOUN" and _lemma(tok) in PART_OF_A_COUNTRY:
        return _lemma(tok)
    return ""


def scope_of(
    anchor: Any, noun: Any | None, canonical: Canonical, is_country: Callable[[str], bool]
) -> tuple[str, ...]:
    """Places below the national level that a figure is about, as the parse attaches them: to the
    measure noun, to the figure itself or to the verb that governs it ("80 detained in X"); not a
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


def _locative_places(holder: Any, canonical: Canonical, is_country: Callable[[str], bool]) -> set[str]:
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


def context_of(anchor: Any, noun: Any | None) -> tuple[str, ...]:
    """The content words around a figure that say what it counts: its noun, the verbs that govern
    it, the noun's modifiers ("441 security forces were injured" -> force, injured, security).
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
        lemma = _lemma(tok)
        word = outcome_of(tok) or canonical_noun(lemma)
        if word.isalpha() and word not in NON_QUALIFIERS and word not in GENERIC_NOUNS:
            words.add(word)
    return tuple(sorted(words))


def frame_values(
    doc: Any,
    values: tuple[Value, ...],
    base: int,
    *,
    canonical: Canonical,
    is_country: Callable[[str], bool],
) -> tuple[Value, ...]:
    """The values with the measure, qualifiers and scope the parse gives them (the parse wins over
    the counted noun the value reader guessed from the words after the figure)."""
    out = []
    stated = ""  # the measure of the last figure with one: "34 cases (16 confirmed, 18 probable)"
    for value in values:
        if value.kind != "quantity":
            out.append(value)
            continue
        anchor = _anchor(doc, value.start - base, value.end - base)
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
                context=context_of(anchor, noun),
            )
        )
    return tuple(out)


def _attribution(doc: Any, tokens: Collection[int], canonical: Canonical) -> str:
    """Who says or counted what the clause states: "according to X", or the subject of a verb of
    saying or counting that heads or frames the clause."""
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None and (tok.i in tokens or tok.head.i in tokens):
                return _name(obj, canonical)
    for tok in doc:
        if _lemma(tok) in COUNTING_VERBS and tok.pos_ == "VERB" and not is_toll(tok):
            subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
                return _name(subject, canonical)
    return ""


def _name(tok: Any, canonical: Canonical) -> str:
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is not None:
        return canonical(ent.text)
    return _lemma(tok)


def _negated(head: Any, tokens: Collection[int]) -> bool:
    """The clause's verb is negated, or its subject or object is "no ..."."""
    for child in head.children:
        if child.dep_ == "neg" or child.lower_ in ("never",):
            return True
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and any(
            c.dep_ == "det" and c.lower_ in NEGATING_DETERMINERS for c in child.children
        ):
            return True
    return False


def clause_scope(head: Any, canonical: Canonical, is_country: Callable[[str], bool]) -> tuple[str, ...]:
    """Places below the national level a clause without figures is about: those its own verb (or
    noun) takes in a locative phrase."""
    return tuple(sorted(_locative_places(head, canonical, is_country)))


def clause_frame(doc: Any, head: Any, tokens: Collection[int], canonical: Canonical) -> ClauseFrame:
    """Attribution and polarity of the clause headed by `head` with token ids `tokens`."""
    return ClauseFrame(attribution=_attribution(doc, tokens, canonical), negated=_negated(head, tokens))


__all__ = [
    "ClauseFrame",
    "clause_frame",
    "clause_scope",
    "frame_values",
    "increment_of",
    "measure_of",
    "qualifiers_of",
    "scope_of",
]
