"""Which claims `mineralcheck init` may write as an expectation: those that read as a whole sentence.

claims/readable.py judges a claim's text by its surface (quotes closed, no dangling function word).
A starter claims.yaml is read by a person who keeps or prunes each line, so here the parser has the
last word, on two things:

- the text is a clause: a finite verb with its subject ("The coach praised her", not "Norvia
  refining more than 80%", "a trip squeezed between…", "thanked the mayor for…"), not a subordinate clause
  ("only weeks after he joined the board", "when the roof collapsed"), and it does not stop where a
  phrase cannot ("… of painted", "… great captains,”");
- in its article's sentence, the words it was cut from form a whole phrase: they do not hang from
  a verb cut off ("after the company [said…]"), and they are not the body of a clause without
  tense ("[With] 60 per cent of the ballots counted").

A good sentence rejected costs less here than a broken one kept: the parser errs both ways, and
the starter is checked again against the report before it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from mineralcheck.models import Article, Claim, SourceId
from mineralcheck.read import split_sentences

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Parse = Callable[[Sequence[str]], Iterable["Doc"]]
"""Texts -> one spaCy Doc each, in order (claims.parse.parse_sentences)."""

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
"""Penn tags of a verb that carries tense: a clause needs one (on the verb or its auxiliary)."""
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
"""which, who, whose, where, when: before its subject they make the clause a relative one."""
ABSOLUTE_MARKS = frozenset({"with", "without"})
"""Words that open a clause without tense ("with 76 per cent of the ballots counted")."""

_CLOSING = ".,;:!?\"”’')"
"""What may close a text after its last word ("… 48%.”")."""


def whole_sentence_claims(
    claims: Sequence[Claim], articles: Mapping[SourceId, Article], parse: Parse
) -> set[Claim]:
    """The `claims` whose text reads as a whole sentence (see the module's docstring); the
    sentence test is skipped for a claim whose article is not among `articles`."""
    wanted = {claim.source for claim in claims}
    sentences = {source: split_sentences(a) for source, a in articles.items() if source in wanted}
    contexts: list[tuple[str, int, int] | None] = []
    for claim in claims:
        found = sentences.get(claim.source, ())
        sentence = found[claim.sentence] if claim.sentence < len(found) else None
        if sentence is None or not (sentence.start <= claim.start and claim.end <= sentence.end):
            contexts.append(None)
            continue
        end = _text_end(claim)
        contexts.append((sentence.text, claim.start - sentence.start, end - sentence.start))
    texts = [" ".join(c.text.split()) for c in claims]
    # Clauses of one sentence share it, and copies share claim texts: each text is parsed once.
    unique = list(dict.fromkeys([*texts, *(c[0] for c in contexts if c is not None)]))
    parsed = dict(zip(unique, parse(unique), strict=True))
    whole: set[Claim] = set()
    for claim, text, context in zip(claims, texts, contexts, strict=True):
        if not is_clause(parsed[text], claim.text):
            continue
        if context is None or is_whole_phrase(parsed[context[0]], context[1], context[2]):
            whole.add(claim)
    return whole


def is_clause(doc: Doc, text: str) -> bool:
    """Each sentence of `doc` is a main clause: a finite verb with a subject before it, no
    subordinating word, no relative word before the subject; the text ends where a phrase can."""
    if text.rstrip().endswith((",”", ',"', ",", ",’", ",'")):
        return False  # '… prime ministers,”': the quoted sentence goes on
    for sentence in doc.sents:
        root = sentence.root
        if root.pos_ not in ("VERB", "AUX"):
            return False
        children = list(root.children)
        subjects = [c for c in children if c.dep_ in SUBJECTS and c.i < root.i]
        if not subjects or any(c.dep_ == "mark" for c in children):
            return False
        if not _finite(root, children):
            return False
        if any(t.tag_ in WH_TAGS for t in sentence if t.i < subjects[0].left_edge.i):
            return False
    words = [t for t in doc if not (t.is_punct and t.dep_ == "punct")]
    if not words:
        return False
    # The last word waits for a head that never comes ("… of the copper"), or is a participle
    # left as the object of a preposition ("… scores of painted").
    last = words[-1]
    return last.head.i <= last.i and not (last.dep_ == "pobj" and last.tag_ in ("VBN", "VBG"))


def _finite(verb: Token, children: Sequence[Token]) -> bool:
    """The verb carries tense, itself or through an auxiliary. The tagger often reads a past tense
    as a participle or a base form: a participle with an active subject counts ("The bridge
    reopened"), and so does a base form ("The brewery cut its workforce") unless "to" makes it an
    infinitive ("Governor Pell to address the province")."""
    if verb.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in children
    ):
        return True
    if verb.tag_ == "VBN":
        return any(c.dep_ == "nsubj" for c in children)
    return verb.tag_ == "VB" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in children)


def is_whole_phrase(doc: Doc, start: int, end: int) -> bool:
    """The characters start..end of the sentence `doc` cover a whole phrase: unless a single word
    of it hangs from a word outside, none hangs from a word cut off after it; and its head word is
    not the body of a clause without tense."""
    inside = {t.i for t in doc if start <= t.idx < end and not t.is_space}
    if not inside:
        return True
    tokens = [t for t in doc if t.i in inside]
    exits = [t for t in tokens if t.head.i not in inside and t.head.i != t.i and not t.is_punct]
    last = max(inside)
    if len(exits) > 1 and any(t.head.i > last for t in exits):
        return False  # "after the company [said]": the words hang from a verb cut off
    top = exits[0] if len(exits) == 1 else next((t for t in tokens if t.head.i == t.i), None)
    # "[With] 60 per cent of the ballots counted": a clause without tense, whatever the tagger says.
    # ("[as] the port has tightened its inspections" is a whole clause: other subordinators may go.)
    return top is None or not any(
        c.dep_ == "mark" and c.i not in inside and c.lower_ in ABSOLUTE_MARKS for c in top.children
    )


def _text_end(claim: Claim) -> int:
    """Where the claim's text ends in its evidence: the text may drop words the extractor trims
    after the parse ("… after the company [said]"), and those words were cut, too."""
    tail = claim.text.split()[-1].rstrip(_CLOSING) if claim.text.split() else ""
    at = claim.evidence.rfind(tail) if tail else -1
    return claim.start + at + len(tail) if at >= 0 else claim.end


__all__ = ["Parse", "is_clause", "is_whole_phrase", "whole_sentence_claims"]
