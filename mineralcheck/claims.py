"""Sentences -> atomic claims: split a parsed sentence into clauses that each state one fact.

A clause is a verb (or a descriptive appositive) with the words that depend on it, minus the words of
the other clauses nested inside it. The dependency parse tells which verbs head their own clause:
coordinated verbs that each carry their own complement, adverbial clauses with their own subject or
a participle ("..., processing more than 90% of ..."), relative clauses and participial modifiers of
a noun ("a visit sandwiched between ..."). Reporting frames ("the ministry said") are attached to
the clause they report, not emitted as claims of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mineralcheck.frame import clause_frame, clause_scope, frame_values
from mineralcheck.models import Article, Claim, Sentence, Value

ValueExtractor = Callable[[str, int, "dt.date | None"], tuple[Value, ...]]
EntityCanonicaliser = Callable[[str], str]
CountryTest = Callable[[str], bool]

# Verbs that introduce what someone said, wrote or reported: their clause is attribution, and the
# fact is the clause they report.
REPORTING_LEMMAS = frozenset(
    "say tell add state report announce confirm note write claim declare explain insist warn "
    "reveal show indicate suggest stress emphasise emphasize argue believe think".split()
)

# Dependents that make a verb a complete predicate on its own; a coordinated verb splits off only
# when both verbs have one ("explore a plan and work with partners", but not "identify and fund X").
COMPLEMENT_DEPS = frozenset(
    {"dobj", "obj", "attr", "acomp", "prep", "xcomp", "ccomp", "dative", "oprd", "agent", "npadvmod"}
)

# A clause that describes the object of a verb belongs to that verb's fact: "signed an agreement that
# sets up a fund" is one fact; "the visit, which included a dinner, preceded ..." is two.
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
ENTITY_LABELS = frozenset({"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC", "EVENT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
QUOTE_CHARS = '"“”'
MIN_CONTENT_WORDS = 3
MAX_SENTENCE_CHARS = 1500
"""A 'sentence' longer than this is a table, a code blob or run-on scraped text, not a statement."""

# Verbs of change whose "from" phrase gives the earlier value: "rose to 157 from 128".
CHANGE_VERBS = frozenset(
    "rise fall increase decrease climb drop jump grow decline surge slip slide soar plunge edge "
    "revise raise lower cut".split()
)
EARLIER = "earlier"
"""Scope of a figure stated as an earlier value ("up from 54.9%"): it never conflicts with today's."""

# Conjunctions that open an adverbial clause stating an event of its own ("after neither won a
# majority on Sunday"), even where the parser found no subject for it.
CLAUSE_MARKERS = frozenset("after before when while because since although though until once as".split())


@dataclass(frozen=True)
class _Clause:
    head: Any
    """The spaCy token heading the clause."""
    kind: str
    """root | conj | advcl | relcl | acl | ccomp | appos"""
    tokens: tuple[Any, ...]
    """The clause's own tokens, in order (nested clauses removed)."""
    subject_prefix: str = ""
    """Words prepended to make the claim stand alone (an inherited subject)."""
    frame: frozenset[int] = frozenset()
    """Token indices of a reporting frame folded into this clause ("the ministry said on Monday"):
    part of the evidence, but neither the claim's text nor its values (they date the report)."""
    subject_suffix: str = ""
    """Words appended to make the claim stand alone: what a breakdown's part counts ("cases")."""


def _is_verb(tok: Any) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _has_complement(tok: Any) -> bool:
    """True when the verb has its own complement after it (one before it is usually a shared frame)."""
    return any(c.dep_ in COMPLEMENT_DEPS and c.i > tok.i for c in tok.children)


def _join(tokens: Sequence[Any]) -> str:
    """Tokens back to text; where tokens were left out, keep a space so words do not fuse."""

    def borders_a_cut(k: int) -> bool:
        # A comma next to words that were cut out: "China, [the producer,] has" -> "China has".
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


def _own_subject(tok: Any) -> Any | None:
    for c in tok.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    return None


def _content_words(tokens: Iterable[Any]) -> int:
    return sum(1 for t in tokens if t.is_alpha and not t.is_stop) + sum(
        1 for t in tokens if t.like_num or any(ch.isdigit() for ch in t.text)
    )


FRACTION_WORDS = frozenset({"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths"})


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
        and appos.lower_ not in FRACTION_WORDS
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
            parent = tok.head
            kind = None
            if tok.dep_ == "conj" and _is_verb(tok) and parent.i in heads and _is_verb(parent):
                if _has_complement(tok) and (_has_complement(parent) or _own_subject(tok) is not None):
                    kind = "conj"
            elif tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.tag_ in ("VBG", "VBD", "VBN"):
                # A verb the parser coordinated with a noun: "bringing down hundreds of homes and killing
                # 128 people" is two facts whichever word "killing" hangs from.
                if _has_complement(tok) and parent.pos_ in ("NOUN", "PROPN", "NUM"):
                    kind = "conj"
            elif tok.dep_ == "advcl" and _is_verb(tok):
                is_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
                introduced = any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKERS for c in tok.children)
                if not is_infinitive and (
                    _own_subject(tok) is not None
                    or tok.tag_ == "VBG"
                    or (introduced and _has_complement(tok))
                ):
                    kind = "advcl"
            elif tok.dep_ == "relcl" and _is_verb(tok) and parent.dep_ not in OBJECT_DEPS:
                kind = "relcl"
            elif (
                tok.dep_ == "acl"
                and tok.tag_ in ("VBN", "VBG")
                and _has_complement(tok)
                and parent.dep_ not in OBJECT_DEPS
            ):
                kind = "acl"
            elif tok.dep_ in ("ccomp", "parataxis") and _is_verb(tok) and _own_subject(tok) is not None:
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
            if kind is not None and (parent.i in heads or _inside_clause(parent, heads)):
                heads[tok.i] = kind
                changed = True
    return heads


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
    return _join(toks).strip()


def _subject_text(verb: Any, heads: dict[int, str]) -> str:
    subj = _own_subject(verb)
    if subj is None:
        return ""
    if subj.lower_ in RELATIVE_PRONOUNS:
        return ""
    toks = [t for t in subj.subtree if _owner(t, heads) == _owner(verb, heads)]
    return _join(toks).strip()


def _inherited_subject(head: Any, kind: str, heads: dict[int, str]) -> str:
    """What a clause without a subject is about: its parent's subject, or the noun it modifies."""
    if _own_subject(head) is not None and kind != "relcl":
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


def _split_clauses(doc: Any) -> list[_Clause]:
    heads = _clause_heads(doc)
    # Reporting frames fold into the clause they report: "X said [Y did Z]" is a claim that Y did Z.
    for idx, kind in list(heads.items()):
        tok = doc[idx]
        if tok.lemma_.lower() in REPORTING_LEMMAS and any(
            doc[c].dep_ in ("ccomp", "parataxis") and doc[c].head.i == idx for c in heads if c != idx
        ):
            del heads[idx]
            for c in list(heads):
                if doc[c].head.i == idx and heads[c] == "ccomp":
                    heads[c] = kind
    trailing_frame: set[int] = set()
    with_subject: dict[int, str] = {}
    # "..., the ministry said(, with 61 of them in one district)": a trailing verb of saying with no
    # clause of its own is the frame of the clause it follows; an elaboration hanging from it (a
    # "with" phrase carrying a figure) is a fact of its own.
    for idx, kind in list(heads.items()):
        tok = doc[idx]
        if (
            kind == "ccomp"
            and tok.lemma_.lower() in REPORTING_LEMMAS
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
        return [_Clause(doc[0], "root", tuple(orphans))]
    clauses: list[_Clause] = []
    for idx in sorted(owned):
        toks = owned[idx]
        kind = heads[idx]
        head = doc[idx]
        if kind == "relcl":
            toks = [t for t in toks if not (t.lower_ in RELATIVE_PRONOUNS and t.dep_ in SUBJECT_DEPS)]
        if kind in ("with", "from"):
            toks = [t for t in toks if t.i != idx]
        own_frame = (frame | trailing_frame) & {t.i for t in toks}
        if kind == "with":
            prefix = with_subject.get(idx, "")
        elif kind == "from":
            prefix = f"{with_subject.get(idx, '')} was earlier".strip()
        else:
            prefix = _inherited_subject(head, kind, heads)
        clauses.append(_Clause(head, kind, tuple(toks), prefix, frozenset(own_frame)))
    split: list[_Clause] = []
    for clause in clauses:
        for part in _split_at_dash(clause):
            for piece in _split_breakdown(part):
                split.extend(_split_coordinated_nouns(piece))
    return _merge_small(split)


BREAKDOWN_JOINTS = frozenset({",", ";", "and", "plus"})


def _split_breakdown(clause: _Clause) -> list[_Clause]:
    """ "Cumulative cases: 34 (16 confirmed, 18 probable)": the figures in brackets after a figure
    break it down. The total is one fact and each part another, stated as "<the words before the
    total> <part>" ("Cumulative cases: 16 confirmed"), so each part keeps the measure it counts."""
    toks = clause.tokens
    for k, tok in enumerate(toks):
        if tok.text != "(" or k == 0 or not any(t.like_num for t in toks[max(0, k - 3) : k]):
            continue
        close = next((m for m in range(k + 1, len(toks)) if toks[m].text == ")"), len(toks))
        inner = toks[k + 1 : close]
        parts: list[list[Any]] = [[]]
        for t in inner:
            if t.lower_ in BREAKDOWN_JOINTS:
                parts.append([])
            else:
                parts[-1].append(t)
        parts = [p for p in parts if any(t.like_num for t in p)]
        if not parts:
            continue
        figure = max(m for m in range(k) if toks[m].like_num)
        # The part counts what the total counts: "16 confirmed" of "cumulative cases" -> "cases".
        counted = next((t.text for t in reversed(toks[:figure]) if t.pos_ == "NOUN"), "")
        total = tuple(toks[:k]) + tuple(toks[close + 1 :])
        out = [_Clause(clause.head, clause.kind, total, clause.subject_prefix, clause.frame)]
        for part in parts:
            number = next(t for t in part if t.like_num)
            frame = clause.frame & {t.i for t in part}
            out.append(_Clause(number, "part", tuple(part), "", frame, counted))
        return out
    return [clause]


DASHES = frozenset({"–", "—", "-", "--"})


def _split_at_dash(clause: _Clause) -> list[_Clause]:
    """ "The toll has reached 157 – 105 in one district and 52 in another": the figures after the dash
    break down the figure before it. The total is one fact; the breakdown keeps the frame."""
    toks = clause.tokens
    for k in range(1, len(toks) - 1):
        dash, before, after = toks[k], toks[k - 1], toks[k + 1]
        if dash.text in DASHES and dash.whitespace_ and before.like_num and after.like_num:
            total = tuple(t for t in toks if t.i < dash.i)
            breakdown = tuple(t for t in toks if (t.i < dash.i and t.i != before.i) or t.i > dash.i)
            return [
                _Clause(clause.head, clause.kind, total, clause.subject_prefix, clause.frame),
                _Clause(after, clause.kind, breakdown, clause.subject_prefix, clause.frame),
            ]
    return [clause]


# Dependents that make a noun phrase a fact of its own: "a trip to Malaysia", "a club that belonged to".
NP_MODIFIER_DEPS = frozenset({"prep", "acl", "relcl"})
# "including X and Y", "such as X and Y": examples of one fact, not separate facts.
EXEMPLIFYING = frozenset({"including", "like", "as", "excluding", "notably"})


def _split_figures_on_the_verb(clause: _Clause, own: set[int], modified: Any) -> list[_Clause] | None:
    """ "reached 105 in one district and 52 in another", parsed with "52" coordinated to the verb:
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
        _Clause(head, clause.kind, first, clause.subject_prefix, clause.frame),
        _Clause(conj, clause.kind, rest, clause.subject_prefix, clause.frame),
    ]


def _split_coordinated_nouns(clause: _Clause) -> list[_Clause]:
    """Coordinated noun phrases that each carry their own modifier are separate facts.

    "reached 105 in one district and 52 in another" and "between a trip to A and a meeting in B with C"
    state one fact per conjunct; "critical minerals and rare earths" (no modifiers) stays whole.
    """
    own = {t.i for t in clause.tokens}

    def modified(tok: Any) -> bool:
        return any(c.dep_ in NP_MODIFIER_DEPS and c.i in own for c in tok.children)

    verb_level = _split_figures_on_the_verb(clause, own, modified)
    if verb_level is not None:
        return verb_level

    def counted(tok: Any) -> bool:
        # "24 confirmed cases and 5 confirmed deaths": each conjunct carries its own figure
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
            out.append(_Clause(head, clause.kind, keep, clause.subject_prefix, clause.frame))
        return out
    return [clause]


def _stands_alone(clause: _Clause) -> bool:
    """Enough to state a fact: three content words, or a verb with a figure ("injured 140 others")."""
    words = _content_words(clause.tokens)
    has_figure = any(t.like_num or any(ch.isdigit() for ch in t.text) for t in clause.tokens)
    if clause.kind in ("with", "from", "part"):
        return has_figure  # "from 128", "with 61 of them": a figure is the whole point
    return words >= MIN_CONTENT_WORDS or (words >= 2 and has_figure and _is_verb(clause.head))


def _merge_small(clauses: list[_Clause]) -> list[_Clause]:
    """A clause too small to state a fact on its own goes back into the clause before it."""
    out: list[_Clause] = []
    for clause in clauses:
        if out and not _stands_alone(clause):
            prev = out[-1]
            merged = tuple(sorted(prev.tokens + clause.tokens, key=lambda t: t.i))
            out[-1] = _Clause(prev.head, prev.kind, merged, prev.subject_prefix, prev.frame | clause.frame)
        else:
            out.append(clause)
    if len(out) > 1 and not _stands_alone(out[0]):
        # A leading fragment (often a verbless subject the parser left as root) becomes the start of
        # the next clause, and then supplies that clause's subject itself.
        first, second = out[0], out[1]
        merged = tuple(sorted(first.tokens + second.tokens, key=lambda t: t.i))
        prefix = "" if first.tokens[0].i < second.tokens[0].i else second.subject_prefix
        out[:2] = [_Clause(second.head, second.kind, merged, prefix, first.frame | second.frame)]
    return out


def _glued_symbol(tok: Any) -> bool:
    """A closing quote, or a symbol written onto its number ("61.2%"): part of the text, not punctuation."""
    if tok.text in QUOTE_CHARS:
        return True
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and not prev.whitespace_ and tok.text not in ".,;:!?)]}…-–—"


def _trim(tokens: Sequence[Any]) -> list[Any]:
    """Drop leading/trailing punctuation, conjunctions and relative markers from a clause."""
    toks = list(tokens)
    while toks and (toks[0].is_punct and toks[0].text not in QUOTE_CHARS or toks[0].dep_ in ("cc", "mark")):
        toks.pop(0)
    while toks and (toks[-1].is_punct and not _glued_symbol(toks[-1]) or toks[-1].dep_ == "cc"):
        toks.pop()
    return toks


def _evidence_run(tokens: Sequence[Any], head: Any) -> Sequence[Any]:
    """The contiguous stretch of the clause around its head: the evidence a reader is shown.

    Where a nested clause was cut out of the middle ("X, who did Y, did Z"), the stretch holding the
    head is the evidence of this claim; the other stretch belongs to the nested clause's claim.
    """
    runs: list[list[Any]] = [[tokens[0]]]
    for prev, tok in zip(tokens, tokens[1:], strict=False):
        if tok.i == prev.i + 1 or all(t.is_punct or t.is_space for t in tok.doc[prev.i + 1 : tok.i]):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    chosen = next((r for r in runs if any(t.i == head.i for t in r)), max(runs, key=len))
    chosen = _trim(chosen) or chosen
    return chosen if _content_words(chosen) >= 2 else tokens


def _frame_tokens(doc: Any, clause: _Clause) -> set[int]:
    """Tokens that say who reported the fact or when, not the fact: a folded reporting frame and
    "According to X,"."""
    drop: set[int] = set(clause.frame)
    for t in clause.tokens:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            # "According to the White House," up to its comma (the parser attaches it variously)
            end = next((x.i for x in doc[t.i :] if x.text in ",;:"), max(x.i for x in t.subtree))
            drop.update(range(t.i, end + 1))
    # A symbol glued to a kept word ("61.2%") belongs to that word, whatever the parser hung it on.
    kept_ends = {t.idx + len(t.text) for t in clause.tokens if t.i not in drop}
    return {i for i in drop if doc[i].idx not in kept_ends}


def _only_a_frame(head: Any, own: set[int]) -> bool:
    """ "Labour unions fear", "Marylise Leon said": a verb whose clausal complement is a claim of its
    own, with nothing else of its own to state, says only who said or thought it."""
    if head.pos_ not in ("VERB", "AUX"):
        return False
    complements = [c for c in head.children if c.dep_ in COMPLEMENT_DEPS or c.dep_ in ("ccomp", "parataxis")]
    cut = [c for c in complements if c.dep_ in ("ccomp", "xcomp", "parataxis") and c.i not in own]
    kept = [c for c in complements if c.i in own]
    return bool(cut) and not kept


def _is_imperative_or_question(doc: Any) -> bool:
    text = doc.text.rstrip()
    if text.endswith("?"):
        return True
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return True
    root = roots[0]
    return root.tag_ == "VB" and root.i == 0 and _own_subject(root) is None


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of text inside quotation marks (curly or straight), quotes excluded."""
    regions: list[tuple[int, int]] = []
    k = 0
    while k < len(text):
        ch = text[k]
        if ch in '“"':
            close = "”" if ch == "“" else '"'
            end = text.find(close, k + 1)
            if end == -1 and ch == "“":
                end = text.find('"', k + 1)
            if end == -1:
                break
            if end - k > 1:
                regions.append((k + 1, end))
            k = end + 1
        else:
            k += 1
    return regions


def _quote_of(tokens: Sequence[Any], regions: Sequence[tuple[int, int]]) -> str:
    """The claim's own words that stand inside quotation marks (a direct quote), else ""."""
    inside = [t for t in tokens if not t.is_punct and any(a <= t.idx < b for a, b in regions)]
    if len(inside) < 2:
        return ""
    return _join(inside).strip()


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)”’])")
_REPEATED_COMMA = re.compile(r"(,\s*){2,}")


_EMPTY_QUOTE = re.compile(r"[“\"]\s*[.,;:!?]?\s*[”\"]")
_SAYING_AT_END = re.compile(r"[,\s]+(?:\w+ing|said|says|adding|saying)\s*[.,]?$")


def _balance_quotes(text: str) -> str:
    """Quotation marks in pairs: a quote the clause cut in two is closed where the text ends, and a
    closing mark whose opening belongs to another clause is dropped."""
    text = _EMPTY_QUOTE.sub("", text)
    out: list[str] = []
    open_curly = False
    for ch in text:
        if ch == "“":
            if open_curly:
                continue  # a second opening inside an open quote: the first was never closed
            open_curly = True
        elif ch == "”":
            if not open_curly:
                continue
            open_curly = False
        out.append(ch)
    text = "".join(out)
    if open_curly:
        text = text.rstrip(" ,;:") + "”"
    if text.count('"') % 2:
        text = text[:-1].rstrip() if text.endswith('"') else text.rstrip(" ,;:") + '"'
    return text


def _tidy(text: str) -> str:
    """Collapse the stray spaces and commas left where nested clauses were cut out; keep quotation
    marks in pairs; drop a verb of saying left dangling at the end by a quote cut out."""
    text = " ".join(text.split())
    text = _REPEATED_COMMA.sub(", ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _balance_quotes(text).strip()
    if _SAYING_AT_END.search(text) and text.split()[-1].strip(".,").lower() in _SAYING_WORDS:
        text = _SAYING_AT_END.sub("", text)
    return text.strip(" ,;:—–-")


# Participles and past forms of saying that end a clause when the quote they introduce is cut out.
_SAYING_WORDS = frozenset(
    "saying said says adding added noting noted assuring assured telling told stating stated".split()
)


SPEAKING_LEMMAS = REPORTING_LEMMAS | frozenset("praise call describe promise declare vow pledge urge".split())


def _speaker(doc: Any, canonical_entity: EntityCanonicaliser) -> str:
    """Who speaks in a sentence: the named subject of its verb of saying (pronouns stay unresolved)."""
    for tok in doc:
        if tok.lemma_.lower() in SPEAKING_LEMMAS:
            subj = _own_subject(tok)
            if subj is not None and subj.pos_ == "PROPN":
                ent = next((e for e in doc.ents if e.start <= subj.i < e.end), None)
                return canonical_entity(ent.text if ent is not None else subj.text)
    return ""


def claims_from_sentence(
    article: Article,
    sentence: Sentence,
    doc: Any,
    *,
    index: int = 0,
    extract_values: ValueExtractor,
    canonical_entity: EntityCanonicaliser,
    is_country: CountryTest = lambda name: False,
) -> list[Claim]:
    """The atomic claims of one parsed sentence (doc parses sentence.text)."""
    if (
        _is_imperative_or_question(doc)
        or _content_words(doc) < MIN_CONTENT_WORDS
        or len(sentence.text) > MAX_SENTENCE_CHARS
    ):
        return []
    base = sentence.start
    # The frame is read over the whole sentence, in order: a breakdown's parts ("16 confirmed")
    # count what the figure before them counts.
    sentence_values = frame_values(
        doc,
        extract_values(sentence.text, base, article.date),
        base,
        canonical=canonical_entity,
        is_country=is_country,
    )
    regions = quoted_regions(sentence.text)
    speaker = _speaker(doc, canonical_entity) if regions else ""
    claims: list[Claim] = []
    for clause in _split_clauses(doc):
        toks = _trim(clause.tokens)
        if not toks or (
            _content_words(toks) < MIN_CONTENT_WORDS - 1 and clause.kind not in ("with", "from", "part")
        ):
            continue
        if _only_a_frame(clause.head, {t.i for t in toks}):
            continue
        run = _evidence_run(toks, clause.head)
        start = base + run[0].idx
        end = base + run[-1].idx + len(run[-1].text)
        frame = _frame_tokens(doc, clause)
        body_toks = _trim([t for t in toks if t.i not in frame]) or toks
        body = _join(body_toks).strip().strip(",;:—–- ")
        text = f"{clause.subject_prefix} {body} {clause.subject_suffix}".strip()
        own = {t.i for t in toks}
        owned_chars = [(base + t.idx, base + t.idx + len(t.text)) for t in body_toks]
        values = tuple(v for v in sentence_values if any(a <= v.start < b for a, b in owned_chars))
        entities = tuple(
            sorted(
                {
                    canonical_entity(ent.text)
                    for ent in doc.ents
                    if ent.label_ in ENTITY_LABELS and any(t.i in own for t in ent)
                }
            )
        )
        earlier = (EARLIER,) if clause.kind == "from" else ()
        value_places = {p for v in values for p in v.scope}
        places = (
            value_places
            if any(v.kind == "quantity" for v in values)
            else set(clause_scope(clause.head, canonical_entity, is_country))
        )
        scope = earlier + tuple(sorted(places))
        slots = clause_frame(doc, clause.head, own, canonical_entity)
        subject_tok = _own_subject(clause.head)
        subject = ""
        if subject_tok is not None:
            subject = _join([t for t in subject_tok.subtree if t.i in own]).strip()
        if not subject:
            subject = clause.subject_prefix.removesuffix(" is")
        text = _tidy(text)
        if len(text.split()) < MIN_CONTENT_WORDS and not any(ch.isdigit() for ch in text):
            continue  # what is left of a clause whose fact went to another claim ("Marylise Leon")
        claims.append(
            Claim(
                id=f"{article.id}:{start}-{end}",
                source=article.id,
                start=start,
                end=end,
                line=article.line_of(start),
                evidence=article.text[start:end],
                text=text,
                subject=" ".join(subject.split()),
                predicate=clause.head.lemma_.lower() if clause.kind != "appos" else "be",
                values=values,
                entities=entities,
                quote=(quote := _quote_of(toks, regions)),
                speaker=speaker if quote else "",
                is_caption=sentence.is_caption,
                scope=scope,
                sentence=index,
                attribution=slots.attribution,
                negated=slots.negated,
            )
        )
    return claims


def extract_claims(
    article: Article,
    sentences: Sequence[Sentence],
    docs: Sequence[Any],
    *,
    extract_values: ValueExtractor,
    canonical_entity: EntityCanonicaliser,
    is_country: CountryTest = lambda name: False,
) -> tuple[Claim, ...]:
    """All atomic claims of an article, in reading order; docs[i] parses sentences[i].text."""
    out: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    for index, (sentence, doc) in enumerate(zip(sentences, docs, strict=True)):
        for claim in claims_from_sentence(
            article,
            sentence,
            doc,
            index=index,
            extract_values=extract_values,
            canonical_entity=canonical_entity,
            is_country=is_country,
        ):
            if (claim.start, claim.end) not in seen:
                seen.add((claim.start, claim.end))
                out.append(claim)
    return tuple(out)


__all__ = ["claims_from_sentence", "extract_claims", "quoted_regions"]
