"""A parsed sentence -> its clauses, each stating one fact.

A clause is a verb (or a descriptive appositive) with the words that depend on it, minus the words of
the other clauses nested inside it. Which tokens head a clause of their own is told by the named
rules of clause_rules.py: coordinated verbs that each carry their own complement, adverbial clauses
with their own subject or a participle ("..., processing most of the ore"), relative clauses and
participial modifiers of a noun ("a tour squeezed between two summits"). Reporting frames ("the
ministry said") are attached to the clause they report, not emitted as clauses of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mineralcheck.claims.breakdowns import split_at_dash, split_breakdown, split_coordinated_nouns
from mineralcheck.claims.clause_rules import (
    ELABORATION_RULES,
    ROOT,
    ClauseRule,
    Heads,
    clause_rule,
    under_a_clause,
)
from mineralcheck.claims.tokens import (
    SUBJECT_DEPS,
    Clause,
    ClauseKind,
    content_words,
    is_verb,
    join_tokens,
    own_subject,
)
from mineralcheck.lexicon.conjunctions import RELATIVE_PRONOUNS
from mineralcheck.lexicon.saying import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MIN_CONTENT_WORDS = 3
"""Content words a clause needs to state a fact on its own (a figure and a verb may do with two)."""


def _bracketed_breakdowns(doc: Doc) -> set[int]:
    """Tokens inside brackets that break down the figure before them ("41 (15 confirmed, 26
    probable)"): parsers read "15 confirmed" as a clause, but it is a part of the figure."""
    inside: set[int] = set()
    for tok in doc:
        if tok.text == "(" and any(t.like_num for t in doc[max(0, tok.i - 3) : tok.i]):
            close = next((t.i for t in doc[tok.i + 1 :] if t.text == ")"), len(doc))
            if any(t.like_num for t in doc[tok.i + 1 : close]):
                inside.update(range(tok.i + 1, close))
    return inside


def clause_heads(doc: Doc) -> dict[int, ClauseRule]:
    """Token index -> the rule by which the token heads its own clause (clause_rules.py). A clause
    only nests under a clause, so the walk goes outwards from the roots until nothing changes."""
    rules = {t.i: ROOT for t in doc if t.dep_ == "ROOT"}
    heads: Heads = {i: rule.kind for i, rule in rules.items()}
    bracketed = _bracketed_breakdowns(doc)
    changed = True
    while changed:
        changed = False
        for tok in doc:
            if tok.i in heads or tok.head.i == tok.i or tok.i in bracketed:
                continue
            rule = clause_rule(tok, heads)
            if rule is not None and under_a_clause(tok, heads):
                rules[tok.i] = rule
                heads[tok.i] = rule.kind
                changed = True
    return rules


def _owner(tok: Token, heads: Heads) -> int:
    """The clause head that owns a token: the nearest clause head among itself and its ancestors."""
    if tok.i in heads:
        return tok.i
    for anc in tok.ancestors:
        if anc.i in heads:
            return anc.i
    return -1


def _noun_core(noun: Token, heads: Heads) -> str:
    """The noun phrase a relative clause or participle modifies, without its other clauses."""
    # Determiners, modifiers, the noun and its prepositions; not its appositions, clauses or the
    # nouns coordinated with it ("the mayor, who ..., and her deputy": the clause is about the mayor).
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


def _subject_text(verb: Token, heads: Heads) -> str:
    subj = own_subject(verb)
    if subj is None:
        return ""
    if subj.lower_ in RELATIVE_PRONOUNS:
        return ""
    toks = [t for t in subj.subtree if _owner(t, heads) == _owner(verb, heads)]
    return join_tokens(toks).strip()


def _inherited_subject(head: Token, kind: ClauseKind, heads: Heads) -> str:
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


def split_clauses(doc: Doc) -> list[Clause]:
    """The clauses of a parsed sentence, one fact each, in reading order."""
    heads: Heads = {i: rule.kind for i, rule in clause_heads(doc).items()}
    _fold_reporting_frames(doc, heads)
    with_subject: dict[int, str] = {}
    trailing_frame = _fold_trailing_frames(doc, heads, with_subject)
    _add_elaborations(doc, heads, with_subject)
    counted = _counted_by_participle(doc, heads)
    counting = set(counted.values())  # participle clauses that hold their own figure
    owned: dict[int, list[Token]] = {i: [] for i in heads}
    orphans: list[Token] = []
    for tok in doc:
        owner = counted.get(tok.i, _owner(tok, heads))
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
    clauses = [
        _clause(doc, idx, owned[idx], heads, frames, with_subject, idx in counting) for idx in sorted(owned)
    ]
    split: list[Clause] = []
    for clause in clauses:
        for part in split_at_dash(clause):
            for piece in split_breakdown(part):
                split.extend(split_coordinated_nouns(piece))
    return _merge_small(split)


def _counted_by_participle(doc: Doc, heads: Heads) -> dict[int, int]:
    """Tokens of a bare figure that a past participle describes ("two died and 40 hurt", "some 80
    evacuated to shelters"), mapped to the participle's clause. The figure stands for what it counts,
    so it is the participle's subject and belongs to its fact, not to the clause it hangs from. A
    figure that is the point of its phrase ("up from 75", ", with 12 of them ...") stays there."""
    out: dict[int, int] = {}
    for idx, kind in heads.items():
        participle, figure = doc[idx], doc[idx].head
        if (
            kind != "acl"
            or participle.tag_ != "VBN"
            or figure.pos_ != "NUM"
            or figure.dep_ == "nummod"
            or figure.ent_type_ in ("DATE", "TIME", "ORDINAL")  # a year or an hour counts nothing
            or figure.i in heads
        ):
            continue
        owner = _owner(figure, heads)
        if heads.get(owner) in ("from", "with"):
            continue
        described = {t.i for t in participle.subtree}
        out.update((t.i, idx) for t in figure.subtree if t.i not in described and _owner(t, heads) == owner)
    return out


def _fold_reporting_frames(doc: Doc, heads: Heads) -> None:
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


def _fold_trailing_frames(doc: Doc, heads: Heads, with_subject: dict[int, str]) -> set[int]:
    """ "..., the ministry said(, with 12 of them in the old town)": a trailing verb of saying with no
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


def _add_elaborations(doc: Doc, heads: Heads, with_subject: dict[int, str]) -> None:
    """Phrases that carry a figure of their own (clause_rules.ELABORATION_RULES), with the subject
    each stands on: the clause's it elaborates, or for an earlier value the changing verb's."""
    for rule in ELABORATION_RULES:
        for tok in doc:
            if tok.i in heads or not rule.matches(tok, heads):
                continue
            heads[tok.i] = rule.kind
            if rule.kind == "with":
                subject = _subject_text(tok.head, heads) or _inherited_subject(tok.head, "conj", heads)
            else:  # "up from 41%" hangs from "up"; "rose to 90 from 75" from the verb
                verb = tok.head.head if tok.head.lower_ in ("up", "down") else tok.head
                subject = _subject_text(verb, heads)
            with_subject.setdefault(tok.i, subject)


def _clause(
    doc: Doc,
    idx: int,
    toks: list[Token],
    heads: Heads,
    frames: frozenset[int],
    with_subject: dict[int, str],
    owns_its_subject: bool = False,
) -> Clause:
    """The clause headed by doc[idx] with its own tokens `toks`, and the subject it stands on
    (none to inherit when `owns_its_subject`: its tokens hold it)."""
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
    elif owns_its_subject:
        prefix = ""
    else:
        prefix = _inherited_subject(head, kind, heads)
    return Clause(head, kind, tuple(toks), prefix, frozenset(own_frame))


def _stands_alone(clause: Clause) -> bool:
    """Enough to state a fact: three content words, or a verb with a figure ("injured 90 others")."""
    words = content_words(clause.tokens)
    has_figure = any(t.like_num or any(ch.isdigit() for ch in t.text) for t in clause.tokens)
    if clause.kind in ("with", "from", "part"):
        return has_figure  # "from 75", "with 12 of them": a figure is the whole point
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
