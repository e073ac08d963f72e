"""Clauses that state several facts at once, split into one clause per fact: a figure and its
breakdown in brackets or after a dash, coordinated noun phrases that each carry their own modifier
or figure ("46 in one district and 17 in another")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mineralcheck.claims.tokens import Clause
from mineralcheck.lexicon.conjunctions import BREAKDOWN_JOINTS, EXEMPLIFYING

if TYPE_CHECKING:
    from spacy.tokens import Token


def split_breakdown(clause: Clause) -> list[Clause]:
    """ "Total cases: 41 (15 confirmed, 26 probable)": the figures in brackets after a figure
    break it down. The total is one fact and each part another, stated as "<the words before the
    total> <part>" ("Total cases: 15 confirmed"), so each part keeps the measure it counts."""
    toks = clause.tokens
    for k, tok in enumerate(toks):
        if tok.text != "(" or k == 0 or not any(t.like_num for t in toks[max(0, k - 3) : k]):
            continue
        close = next((m for m in range(k + 1, len(toks)) if toks[m].text == ")"), len(toks))
        inner = toks[k + 1 : close]
        parts: list[list[Token]] = [[]]
        for t in inner:
            if t.lower_ in BREAKDOWN_JOINTS:
                parts.append([])
            else:
                parts[-1].append(t)
        parts = [p for p in parts if any(t.like_num for t in p)]
        if not parts:
            continue
        figure = max(m for m in range(k) if toks[m].like_num)
        # The part counts what the total counts: "15 confirmed" of "total cases" -> "cases".
        counted = next((t.text for t in reversed(toks[:figure]) if t.pos_ == "NOUN"), "")
        total = tuple(toks[:k]) + tuple(toks[close + 1 :])
        out = [Clause(clause.head, clause.kind, total, clause.subject_prefix, clause.frame)]
        for part in parts:
            number = next(t for t in part if t.like_num)
            frame = clause.frame & {t.i for t in part}
            out.append(Clause(number, "part", tuple(part), "", frame, counted))
        return out
    return [clause]


DASHES = frozenset({"–", "—", "-", "--"})


def split_at_dash(clause: Clause) -> list[Clause]:
    """ "The toll has reached 63 – 46 in one district and 17 in another": the figures after the dash
    break down the figure before it. The total is one fact; the breakdown keeps the frame."""
    toks = clause.tokens
    for k in range(1, len(toks) - 1):
        dash, before, after = toks[k], toks[k - 1], toks[k + 1]
        if dash.text in DASHES and dash.whitespace_ and before.like_num and after.like_num:
            total = tuple(t for t in toks if t.i < dash.i)
            breakdown = tuple(t for t in toks if (t.i < dash.i and t.i != before.i) or t.i > dash.i)
            return [
                Clause(clause.head, clause.kind, total, clause.subject_prefix, clause.frame),
                Clause(after, clause.kind, breakdown, clause.subject_prefix, clause.frame),
            ]
    return [clause]


# Dependents that make a noun phrase a fact of its own: "a stop in Varna", "a mill that belonged to".
NP_MODIFIER_DEPS = frozenset({"prep", "acl", "relcl"})


def _split_figures_on_the_verb(
    clause: Clause, own: set[int], modified: Callable[[Token], bool]
) -> list[Clause] | None:
    """ "reached 46 in one district and 17 in another", parsed with "17" coordinated to the verb:
    the object and the words up to the "and" are one fact, the coordinated figure another."""
    head = clause.head
    obj = next((c for c in head.children if c.dep_ in ("dobj", "attr") and c.i in own), None)
    conj = next(
        (c for c in head.children if c.dep_ == "conj" and c.pos_ in ("NUM", "NOUN", "PROPN") and c.i in own),
        None,
    )
    if obj is None or conj is None or obj.pos_ != conj.pos_ or not modified(conj) or conj.i < obj.i:
        return None
    cc = next((c for c in head.children if c.dep_ == "cc" and obj.i < c.i < conj.i), None)
    if cc is None:
        return None
    second = {t.i for t in conj.subtree if t.i in own}
    first_part = {t.i for t in clause.tokens if obj.i <= t.i < cc.i}
    frame = [t for t in clause.tokens if t.i not in second and t.i not in first_part and t.i != cc.i]
    first = tuple(sorted(frame + [t for t in clause.tokens if t.i in first_part], key=lambda t: t.i))
    rest = tuple(sorted(frame + [t for t in clause.tokens if t.i in second], key=lambda t: t.i))
    return [
        Clause(head, clause.kind, first, clause.subject_prefix, clause.frame),
        Clause(conj, clause.kind, rest, clause.subject_prefix, clause.frame),
    ]


def split_coordinated_nouns(clause: Clause) -> list[Clause]:
    """Coordinated noun phrases that each carry their own modifier are separate facts.

    "reached 46 in one district and 17 in another" and "between a stop in A and a meeting in B with C"
    state one fact per conjunct; "timber and grain" (no modifiers) stays whole.
    """
    own = {t.i for t in clause.tokens}

    def modified(tok: Token) -> bool:
        return any(c.dep_ in NP_MODIFIER_DEPS and c.i in own for c in tok.children)

    verb_level = _split_figures_on_the_verb(clause, own, modified)
    if verb_level is not None:
        return verb_level

    def counted(tok: Token) -> bool:
        # "31 confirmed cases and 6 confirmed deaths": each conjunct carries its own figure
        return any(c.dep_ == "nummod" and c.i in own for c in tok.children)

    for tok in clause.tokens:
        if tok.dep_ not in ("pobj", "dobj", "attr", "npadvmod", "nsubj", "nsubjpass"):
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in EXEMPLIFYING:
            continue
        conjuncts = [c for c in tok.children if c.dep_ == "conj" and c.i in own]
        conjuncts += [cc for c in conjuncts for cc in c.children if cc.dep_ == "conj" and cc.i in own]
        if not conjuncts or not all(c.pos_ in ("NOUN", "PROPN", "NUM") for c in conjuncts):
            continue
        by_modifier = tok.dep_ != "nsubj" and modified(tok) and all(modified(c) for c in conjuncts)
        by_figure = counted(tok) and all(counted(c) for c in conjuncts)
        if not (by_modifier or by_figure):
            continue
        parts = [tok, *sorted(conjuncts, key=lambda c: c.i)]
        part_tokens: dict[int, set[int]] = {}
        for part in parts:
            # A conjunct's words, without the words of the conjuncts hanging under it.
            nested = {t.i for c in part.children if c.dep_ == "conj" for t in c.subtree}
            part_tokens[part.i] = {
                t.i
                for t in part.subtree
                if t.i in own and t.i not in nested and t.dep_ != "cc" and not t.is_punct
            }
        joints = {t.i for t in tok.subtree if t.i in own and (t.dep_ == "cc" or t.is_punct) and t.i > tok.i}
        all_parts = set().union(*part_tokens.values()) | joints
        out = []
        for part in parts:
            keep = tuple(t for t in clause.tokens if t.i not in all_parts or t.i in part_tokens[part.i])
            head = clause.head if part is tok else part
            out.append(Clause(head, clause.kind, keep, clause.subject_prefix, clause.frame))
        return out
    return [clause]
