"""What a clause is, and the tests on parsed tokens that finding and splitting clauses share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ClauseKind = Literal["root", "conj", "advcl", "relcl", "acl", "ccomp", "appos", "with", "from", "part"]
"""How a clause hangs in its sentence: the sentence's root, a coordinated verb, an adverbial,
relative, participial or complement clause, an apposition, a "with" phrase carrying a figure, an
earlier value after "from", or a part of a breakdown ("15 confirmed" of "41 (15 confirmed, ...)")."""

# Dependents that make a verb a complete predicate on its own; a coordinated verb splits off only
# when both verbs have one ("explore a plan and work with partners", but not "identify and fund X").
COMPLEMENT_DEPS = frozenset(
    {"dobj", "obj", "attr", "acomp", "prep", "xcomp", "ccomp", "dative", "oprd", "agent", "npadvmod"}
)

# A clause that describes the object of a verb belongs to that verb's fact: "signed a deal that sets
# up a fund" is one fact; "the minister, who took office in May, resigned ..." is two.
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


@dataclass(frozen=True)
class Clause:
    """A stretch of a sentence that states one fact: its head, its kind and its own tokens."""

    head: Token
    """The spaCy token heading the clause."""
    kind: ClauseKind
    tokens: tuple[Token, ...]
    """The clause's own tokens, in order (nested clauses removed)."""
    subject_prefix: str = ""
    """Words prepended to make the claim stand alone (an inherited subject)."""
    frame: frozenset[int] = frozenset()
    """Token indices of a reporting frame folded into this clause ("the ministry said on Monday"):
    part of the evidence, but neither the claim's text nor its values (they date the report)."""
    subject_suffix: str = ""
    """Words appended to make the claim stand alone: what a breakdown's part counts ("cases")."""


def is_verb(tok: Token) -> bool:
    """A verb or an auxiliary (which heads a clause when it is the only verb: "is", "was")."""
    return tok.pos_ in ("VERB", "AUX")


def has_complement(tok: Token) -> bool:
    """True when the verb has its own complement after it (one before it is usually a shared frame)."""
    return any(c.dep_ in COMPLEMENT_DEPS and c.i > tok.i for c in tok.children)


def join_tokens(tokens: Sequence[Token]) -> str:
    """Tokens back to text; where tokens were left out, keep a space so words do not fuse."""

    def borders_a_cut(k: int) -> bool:
        # A comma next to words that were cut out: "Norland, [the producer,] has" -> "Norland has".
        t = tokens[k]
        gap_after = k + 1 < len(tokens) and tokens[k + 1].i != t.i + 1
        gap_before = k > 0 and tokens[k - 1].i != t.i - 1
        return t.text in ",;" and (gap_after or gap_before)

    kept = [t for k, t in enumerate(tokens) if not borders_a_cut(k)]
    parts: list[str] = []
    for k, t in enumerate(kept):
        parts.append(t.text)
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        if nxt is not None and (t.whitespace_ or nxt.i != t.i + 1):
            parts.append(" ")
    return "".join(parts)


def entity_of(tok: Token) -> Span | None:
    """The named entity a token is part of, else None."""
    return next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)


def own_subject(tok: Token) -> Token | None:
    """The subject of a verb, among its own dependents."""
    for c in tok.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    return None


def content_words(tokens: Iterable[Token]) -> int:
    """Words that are not stop words, plus figures: how much a stretch of tokens says."""
    return sum(1 for t in tokens if t.is_alpha and not t.is_stop) + sum(
        1 for t in tokens if t.like_num or any(ch.isdigit() for ch in t.text)
    )
