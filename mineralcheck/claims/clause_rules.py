"""The named rules by which a token of a parse heads a clause of its own, one row each.

A rule is the dependency by which a token hangs from its parent and a test on the token: "a
coordinated verb with its own complement" makes "the storm flooded the valley and cut the power" two
facts, not "officials plan to inspect and repair the bridge" (one object for both verbs). Rules are
tried in order and the first that holds names the clause's kind. Elaborations are phrases that carry
a figure of their own (", with 12 of them in the old town", "up from 40%"). Every rule has example
sentences, invented, in tests/unit/claims/test_clause_rules.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mineralcheck.claims.tokens import OBJECT_DEPS, ClauseKind, has_complement, is_verb, own_subject
from mineralcheck.lexicon.change import CHANGE_VERBS
from mineralcheck.lexicon.conjunctions import CLAUSE_MARKERS
from mineralcheck.lexicon.fractions import FRACTIONS
from mineralcheck.lexicon.nouns import SHARE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token

Heads = dict[int, ClauseKind]
"""Token index -> the kind of clause it heads, for the clause heads found so far."""


@dataclass(frozen=True)
class ClauseRule:
    """A named way for a token to head a clause: the dependencies it may hang by, and a test."""

    name: str
    kind: ClauseKind
    deps: frozenset[str]
    holds: Callable[[Token, Heads], bool]

    def matches(self, tok: Token, heads: Heads) -> bool:
        return tok.dep_ in self.deps and self.holds(tok, heads)


def inside_clause(tok: Token, heads: Heads) -> bool:
    """Some ancestor of `tok` heads a clause."""
    return any(anc.i in heads for anc in tok.ancestors)


def _coordinated_verb(tok: Token, heads: Heads) -> bool:
    """Both verbs carry their own complement, or the second its own subject."""
    parent = tok.head
    return (
        is_verb(tok)
        and parent.i in heads
        and is_verb(parent)
        and has_complement(tok)
        and (has_complement(parent) or own_subject(tok) is not None)
    )


def _verb_coordinated_with_a_noun(tok: Token, heads: Heads) -> bool:
    """A participle or past verb the parser coordinated with a noun ("destroying dozens of homes and
    killing 37 people" is two facts whichever word "killing" hangs from)."""
    return (
        tok.pos_ == "VERB"
        and tok.tag_ in ("VBG", "VBD", "VBN")
        and has_complement(tok)
        and tok.head.pos_ in ("NOUN", "PROPN", "NUM")
    )


def _adverbial(tok: Token, heads: Heads) -> bool:
    """An adverbial clause with its own subject, a participle ("..., processing most of the ore"), or
    one a subordinator opens with a complement; not an infinitive of purpose ("to meet the minister")."""
    if not is_verb(tok) or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    introduced = any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKERS for c in tok.children)
    return own_subject(tok) is not None or tok.tag_ == "VBG" or (introduced and has_complement(tok))


def _relative(tok: Token, heads: Heads) -> bool:
    """A relative clause, unless it describes a verb's object ("signed a deal that sets up a fund" is
    one fact; "the visit, which included a dinner, ended early" is two)."""
    return is_verb(tok) and tok.head.dep_ not in OBJECT_DEPS


def _participle(tok: Token, heads: Heads) -> bool:
    """A participle with a complement that modifies a noun other than a verb's object ("a tour
    squeezed between two summits")."""
    return tok.tag_ in ("VBN", "VBG") and has_complement(tok) and tok.head.dep_ not in OBJECT_DEPS


def _complement(tok: Token, heads: Heads) -> bool:
    """A clausal complement with its own subject ("officials said [the dam held]")."""
    return is_verb(tok) and own_subject(tok) is not None


def _closed_apposition(appos: Token) -> bool:
    """A real apposition ends at punctuation or the sentence's end ("Norland, the largest producer,
    has ..."); "with the mayor, the new council called for ..." is a subject the parser hung on the
    noun before it."""
    last = max(t.i for t in appos.subtree)
    doc = appos.doc
    return last + 1 >= len(doc) or doc[last + 1].is_punct


def _adds_a_fact(appos: Token) -> bool:
    """An appositive with a figure adds a fact when its head is a noun of its own ("$30 a share, a
    premium of 25% to the last close"), and restates when its head is the figure ("the bulk, about two
    thirds")."""
    return (
        any(t.like_num for t in appos.subtree)
        and not appos.like_num
        and appos.lower_ not in FRACTIONS
        and appos.lower_ not in SHARE_WORDS
    )


def _apposition(tok: Token, heads: Heads) -> bool:
    """An apposition that describes a name ("Norland, the largest producer, ...") or adds a figure."""
    return (
        tok.pos_ == "NOUN"
        and len(list(tok.subtree)) >= 3
        and _closed_apposition(tok)
        and (tok.head.pos_ == "PROPN" or _adds_a_fact(tok))
    )


ROOT = ClauseRule("the sentence's root", "root", frozenset({"ROOT"}), lambda tok, heads: True)

CLAUSE_RULES: tuple[ClauseRule, ...] = (
    ClauseRule("a coordinated verb with its own complement", "conj", frozenset({"conj"}), _coordinated_verb),
    ClauseRule("a verb coordinated with a noun", "conj", frozenset({"conj"}), _verb_coordinated_with_a_noun),
    ClauseRule("an adverbial clause", "advcl", frozenset({"advcl"}), _adverbial),
    ClauseRule("a relative clause not on an object", "relcl", frozenset({"relcl"}), _relative),
    ClauseRule("a participle modifying a noun", "acl", frozenset({"acl"}), _participle),
    ClauseRule("a complement with its own subject", "ccomp", frozenset({"ccomp", "parataxis"}), _complement),
    ClauseRule("an apposition", "appos", frozenset({"appos"}), _apposition),
)
"""The ways a token below the root heads a clause, tried in order."""


def clause_rule(tok: Token, heads: Heads) -> ClauseRule | None:
    """The first rule by which `tok` heads a clause, else None."""
    return next((rule for rule in CLAUSE_RULES if rule.matches(tok, heads)), None)


def _carries_a_figure(tok: Token) -> bool:
    return any(t.like_num for t in tok.subtree)


def under_a_clause(tok: Token, heads: Heads) -> bool:
    """The token hangs from a clause head, or from a token inside one."""
    return tok.head.i in heads or inside_clause(tok.head, heads)


def _absolute_with(tok: Token, heads: Heads) -> bool:
    """ ", with 12 of them in the old town": an absolute "with" phrase after a comma that carries a
    figure elaborates the clause it hangs from with a fact of its own."""
    doc = tok.doc
    return (
        tok.lower_ == "with"
        and tok.i > 0
        and doc[tok.i - 1].text == ","
        and _carries_a_figure(tok)
        and under_a_clause(tok, heads)
    )


def _earlier_value(tok: Token, heads: Heads) -> bool:
    """ "48%, up from 41% in 2019", "rose to 90 from 75": the figure after "from" is an earlier value
    of the same measure, a fact of its own about an earlier moment."""
    return (
        tok.lower_ == "from"
        and _carries_a_figure(tok)
        and (tok.head.lower_ in ("up", "down") or tok.head.lemma_.lower() in CHANGE_VERBS)
        and under_a_clause(tok, heads)
    )


ELABORATION_RULES: tuple[ClauseRule, ...] = (
    ClauseRule('an absolute "with" phrase carrying a figure', "with", frozenset({"prep"}), _absolute_with),
    ClauseRule('an earlier value after "from"', "from", frozenset({"prep"}), _earlier_value),
)
"""Phrases that state a figure of their own, found after the clauses (each rule over the sentence)."""
