"""A parsed sentence -> its clauses, each stating one fact.

A clause is a verb (or a descriptive appositive) with the words that depend on it, minus the words of
the other clauses nested inside it. The dependency parse tells which verbs head their own clause:
coordinated verbs that each carry their own complement, adverbial clauses with their own subject or
a participle ("..., processing more than 90% of ..."), relative clauses and participial modifiers of
a noun ("a visit sandwiched between ..."). Reporting frames ("the ministry said") are attached to
the clause they report, not emitted as clauses of their own.
"""

from __future__ import annotations

from typing import Any

from mineralcheck.claims.breakdowns import split_at_dash, split_breakdown, split_coordinated_nouns
from mineralcheck.claims.tokens import (
    OBJECT_DEPS,
    SUBJECT_DEPS,
    Clause,
    content_words,
    has_complement,
    is_verb,
    join_tokens,
    own_subject,
)
from mineralcheck.lexicon.change import CHANGE_VERBS
from mineralcheck.lexicon.conjunctions import CLAUSE_MARKERS, RELATIVE_PRONOUNS
from mineralcheck.lexicon.fractions import FRACTIONS
from mineralcheck.lexicon.saying import REPORTING_VERBS

MIN_CONTENT_WORDS = 3
"""Content words a clause needs to state a fact on its own (a figure and a verb may do with two)."""


def _closed_apposition(appos: Any) -> bool:
    """A real apposition ends at punctuation or the sentence's end ("China, the dominant producer,
    has ..."); "with Trump, Japan's new prime minister called for ..." is a subject the parser hung on
    the name before it."""
    last = max(t.i for t in appos.subtree)
    doc = appos.doc
    return last + 1 >= len(doc) or doc[last + 1].is_punct


def _adds_a_fact(appos: Any) -> bool:
    """An appositive with a figure adds a fact when its head is a noun of its own ("$48 a share, a
    premium of 32% to ..."), and restates when its head is the figure ("the bulk, about two thirds")."""
    return (
        any(t.like_num for t in appos.subtree)
        and not appos.like_num
        and appos.lower_ not in FRACTIONS
        and appos.lower_ not in ("percent", "cent", "%")
    )


def _bracketed_breakdowns(doc: Any) -> set[int]:
    """Tokens inside brackets that break down the figure before them ("21 (4 confirmed, 17
    probable)"): parsers read "4 confirmed" as a clause, but it is a part of the figure."""
    inside: set[int] = set()
    for tok in doc:
        if tok.text == "(" and any(t.like_num for t in doc[max(0, tok.i - 3) : tok.i]):
            close = next((t.i for t in doc[tok.i + 1 :] if t.text == ")"), len(doc))
            if any(t.like_num for t in doc[tok.i + 1 : close]):
                inside.update(range(tok.i + 1, close))
    return inside


def _clause_heads(doc: Any) -> dict[int, str]:
    """Token index -> clause kind, for every token that heads its own clause."""
    heads: dict[int, str] = {}
    roots = [t for t in doc if t.dep_ == "ROOT"]
    for root in roots:
        heads[root.i] = "root"
    bracketed = _bracketed_breakdowns(doc)
    changed = True
    # Walk outwards from the roots: a clause can only nest under a clause.
    while changed:
        changed = False
        for tok in doc:
            if tok.i in heads or tok.head.i == tok.i or tok.i in bracketed:
                continue
            kind = _clause_kind(tok, heads)
            if kind is not None and (tok.head.i in heads or _inside_clause(tok.head, heads)):
                heads[tok.i] = kind
                changed = True
    return heads


def _clause_kind(tok: Any, heads: dict[int, str]) -> str | None:
    """The kind of clause `tok` heads, by its dependency on its parent; None when it heads none."""
    parent = tok.head
    kind = None
    if tok.dep_ == "conj" and is_verb(tok) and parent.i in heads and is_verb(parent):
        if has_complement(tok) and (has_complement(parent) or own_subject(tok) is not None):
            kind = "conj"
    elif tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.tag_ in ("VBG", "VBD", "VBN"):
        # A verb the parser coordinated with a noun: "bringing down hundreds of homes and killing
        # 128 people" is two facts whichever word "killing" hangs from.
        if has_complement(tok) and parent.pos_ in ("NOUN", "PROPN", "NUM"):
            kind = "conj"
    elif tok.dep_ == "advcl" and is_verb(tok):
        is_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        introduced = any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKERS for c in tok.children)
        if not is_infinitive and (
            own_subject(tok) is not None or tok.tag_ == "VBG" or (introduced and has_complement(tok))
        ):
            kind = "advcl"
    elif tok.dep_ == "relcl" and is_verb(tok) and parent.dep_ not in OBJECT_DEPS:
        kind = "relcl"
    elif (
        tok.dep_ == "acl"
        and tok.tag_ in ("VBN", "VBG")
        and has_complement(tok)
        and parent.dep_ not in OBJECT_DEPS
    ):
        kind = "acl"
    elif tok.dep_ in ("ccomp", "parataxis") and is_verb(tok) and own_subject(tok) is not None:
        kind = "ccomp"
    elif (
        tok.dep_ == "appos"
        and tok.pos_ == "NOUN"
        and len(list(tok.subtree)) >= 3
        and _closed_apposition(tok)
        and (parent.pos_ == "PROPN" or _adds_a_fact(tok))
    ):
        # "China, the dominant producer, ..." describes a name; "$48 a share, a premium of
        # 32% to Friday's close" adds a figure: both are facts of their own.
        kind = "appos"
    return kind


def _inside_clause(tok: Any, heads: dict[int, str]) -> bool:
    for anc in tok.ancestors:
        if anc.i in heads:
            return True
    return False


def _owner(tok: Any, heads: dict[int, str]) -> int:
    """The clause head that owns a token: the nearest clause head among itself and its ancestors."""
    if tok.i in heads:
        return tok.i
    for anc in tok.ancestors:
        if anc.i in heads:
            return anc.i
    return -1


def _noun_core(noun: Any, heads: dict[int, str]) -> str:
    """The noun phrase a relative clause or participle modifies, without its other clauses."""
    # Determiners, modifiers, the noun and its prepositions; not its appositions, clauses or the
    # nouns coordinated with it ("Trump, who ..., and Takaichi": the clause is about Trump).
    cut: set[int] = set()
    for child in noun.children:
        if child.dep_ in ("appos", "relcl", "acl", "cc", "conj", "punct"):
            cut.update(t.i for t in child.subtree)
    toks = [
        t
        for t in noun.subtree
        if t.i not in cut and _owner(t, heads) == _owner(noun, heads) and not t.is_punct
    ]
    return join_tokens(toks).strip()


def _subject_text(verb: Any, heads: dict[int, str]) -> str:
    subj = own_subject(verb)
    if subj is None:
        return ""
    if subj.lower_ in RELATIVE_PRONOUNS:
        return ""
    toks = [t for t in subj.subtree if _owner(t, heads) == _owner(verb, heads)]
    return join_tokens(toks).strip()


def _inherited_subject(head: Any, kind: str, heads: dict[int, str]) -> str:
    """What a clause without a subject is about: its parent's subject, or the noun it modifies."""
    if own_subject(head) is not None and kind != "relcl":
        return ""
    parent = head.head
    if kind in ("relcl", "acl"):
        return _noun_core(parent, heads)
    if kind == "appos":
        return _noun_core(parent, heads) + " is"
    # conj / advcl / ccomp: climb to the nearest ancestor verb with a subject; a relative clause
    # stands for the noun it modifies.
    node = parent
    for _ in range(6):
        if heads.get(node.i) in ("relcl", "acl"):
            return _noun_core(node.head, heads)
        text = _subject_text(node, heads)
        if text:
            return text
        if node.head.i == node.i:
            break
        node = node.head
    return ""


def split_clauses(doc: Any) -> list[Clause]:
    """The clauses of a parsed sentence, one fact each, in reading order."""
    heads = _clause_heads(doc)
    _fold_reporting_frames(doc, heads)
    with_subject: dict[int, str] = {}
    trailing_frame = _fold_trailing_frames(doc, heads, with_subject)
    _add_elaborations(doc, heads, with_subject)
    owned: dict[int, list[Any]] = {i: [] for i in heads}
    orphans: list[Any] = []
    for tok in doc:
        owner = _owner(tok, heads)
        if owner in owned:
            owned[owner].append(tok)
        else:
            orphans.append(tok)
    # Tokens of a folded reporting frame belong to the first clause of the sentence.
    frame: frozenset[int] = frozenset()
    if orphans and owned:
        first = min(owned)
        owned[first] = sorted(owned[first] + orphans, key=lambda t: t.i)
        frame = frozenset(t.i for t in orphans if not t.is_punct)
    elif orphans:
        return [Clause(doc[0], "root", tuple(orphans))]
    frames = frame | trailing_frame
    clauses = [_clause(doc, idx, owned[idx], heads, frames, with_subject) for idx in sorted(owned)]
    split: list[Clause] = []
    for clause in clauses:
        for part in split_at_dash(clause):
            for piece in split_breakdown(part):
                split.extend(split_coordinated_nouns(piece))
    return _merge_small(split)


def _fold_reporting_frames(doc: Any, heads: dict[int, str]) -> None:
    """Reporting frames fold into the clause they report: "X said [Y did Z]" is a claim that Y did Z."""
    for idx, kind in list(heads.items()):
        tok = doc[idx]
        if tok.lemma_.lower() in REPORTING_VERBS and any(
            doc[c].dep_ in ("ccomp", "parataxis") and doc[c].head.i == idx for c in heads if c != idx
        ):
            del heads[idx]
            for c in list(heads):
                if doc[c].head.i == idx and heads[c] == "ccomp":
                    heads[c] = kind


def _fold_trailing_frames(doc: Any, heads: dict[int, str], with_subject: dict[int, str]) -> set[int]:
    """ "..., the ministry said(, with 61 of them in one district)": a trailing verb of saying with no
    clause of its own is the frame of the clause it follows (its tokens are returned); an elaboration
    hanging from it (a "with" phrase carrying a figure) is a fact of its own."""
    trailing_frame: set[int] = set()
    for idx, kind in list(heads.items()):
        tok = doc[idx]
        if (
            kind == "ccomp"
            and tok.lemma_.lower() in REPORTING_VERBS
            and tok.dep_ in ("parataxis", "ccomp")
            and not any(doc[c].head.i == idx for c in heads if c != idx)
            and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
        ):
            del heads[idx]
            trailing_frame.update(
                t.i
                for child in tok.children
                if child.dep_ in SUBJECT_DEPS
                or child.is_punct
                or child.dep_ in ("aux", "advmod", "prep")
                and not (child.lower_ == "with" and any(x.like_num for x in child.subtree))
                for t in child.subtree
            )
            trailing_frame.add(idx)
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "with" and any(t.like_num for t in child.subtree):
                    heads[child.i] = "with"
                    with_subject[child.i] = _subject_text(tok.head, heads)
    return trailing_frame


def _add_elaborations(doc: Any, heads: dict[int, str], with_subject: dict[int, str]) -> None:
    """Phrases that carry a figure of their own: ", with 61 of them in one district" and the earlier
    value after "from" ("up from 54.9%", "rose to 157 from 128")."""
    # ", with 61 of them in one district": an absolute "with" phrase after a comma that carries a
    # figure elaborates the clause it hangs from with a fact of its own.
    for tok in doc:
        if (
            tok.lower_ == "with"
            and tok.dep_ == "prep"
            and tok.i > 0
            and doc[tok.i - 1].text == ","
            and tok.i not in heads
            and any(t.like_num for t in tok.subtree)
            and (tok.head.i in heads or _inside_clause(tok.head, heads))
        ):
            heads[tok.i] = "with"
            with_subject.setdefault(
                tok.i, _subject_text(tok.head, heads) or _inherited_subject(tok.head, "conj", heads)
            )
    # "61.2%, up from 54.9% in 2020", "rose to 157 from 128": the figure after "from" is an earlier
    # value of the same measure, a fact of its own about an earlier moment.
    for tok in doc:
        if (
            tok.lower_ == "from"
            and tok.dep_ == "prep"
            and tok.i not in heads
            and any(t.like_num for t in tok.subtree)
            and (tok.head.lower_ in ("up", "down") or tok.head.lemma_.lower() in CHANGE_VERBS)
            and (tok.head.i in heads or _inside_clause(tok.head, heads))
        ):
            heads[tok.i] = "from"
            verb = tok.head.head if tok.head.lower_ in ("up", "down") else tok.head
            with_subject.setdefault(tok.i, _subject_text(verb, heads))


def _clause(
    doc: Any,
    idx: int,
    toks: list[Any],
    heads: dict[int, str],
    frames: frozenset[int],
    with_subject: dict[int, str],
) -> Clause:
    """The clause headed by doc[idx] with its own tokens `toks`, and the subject it stands on."""
    kind = heads[idx]
    head = doc[idx]
    if kind == "relcl":
        toks = [t for t in toks if not (t.lower_ in RELATIVE_PRONOUNS and t.dep_ in SUBJECT_DEPS)]
    if kind in ("with", "from"):
        toks = [t for t in toks if t.i != idx]
    own_frame = frames & {t.i for t in toks}
    if kind == "with":
        prefix = with_subject.get(idx, "")
    elif kind == "from":
        prefix = f"{with_subject.get(idx, '')} was earlier".strip()
    else:
        prefix = _inherited_subject(head, kind, heads)
    return Clause(head, kind, tuple(toks), prefix, frozenset(own_frame))


def _stands_alone(clause: Clause) -> bool:
    """Enough to state a fact: three content words, or a verb with a figure ("injured 140 others")."""
    words = content_words(clause.tokens)
    has_figure = any(t.like_num or any(ch.isdigit() for ch in t.text) for t in clause.tokens)
    if clause.kind in ("with", "from", "part"):
        return has_figure  # "from 128", "with 61 of them": a figure is the whole point
    return words >= MIN_CONTENT_WORDS or (words >= 2 and has_figure and is_verb(clause.head))


def _merge_small(clauses: list[Clause]) -> list[Clause]:
    """A clause too small to state a fact on its own goes back into the clause before it."""
    out: list[Clause] = []
    for clause in clauses:
        if out and not _stands_alone(clause):
            prev = out[-1]
            merged = tuple(sorted(prev.tokens + clause.tokens, key=lambda t: t.i))
            out[-1] = Clause(prev.head, prev.kind, merged, prev.subject_prefix, prev.frame | clause.frame)
        else:
            out.append(clause)
    if len(out) > 1 and not _stands_alone(out[0]):
        # A leading fragment (often a verbless subject the parser left as root) becomes the start of
        # the next clause, and then supplies that clause's subject itself.
        first, second = out[0], out[1]
        merged = tuple(sorted(first.tokens + second.tokens, key=lambda t: t.i))
        prefix = "" if first.tokens[0].i < second.tokens[0].i else second.subject_prefix
        out[:2] = [Clause(second.head, second.kind, merged, prefix, first.frame | second.frame)]
    return out
