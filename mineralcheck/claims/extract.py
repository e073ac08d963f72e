"""Sentences -> atomic claims: each clause of a parsed sentence becomes a claim with its text, its
evidence span, its values read with their fact frame, its entities, scope, quote and speaker.

Reporting frames ("..., the ministry said on Monday", "According to ...") stay in the evidence but
not in the claim's text or values: they date the report, not the fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mineralcheck.claims.clauses import MIN_CONTENT_WORDS, split_clauses
from mineralcheck.claims.figures import is_reference, measure_tokens
from mineralcheck.claims.frame import clause_frame, clause_scope, frame_values, value_anchor
from mineralcheck.claims.readable import follows_evidence, readable_sentence
from mineralcheck.claims.text import evidence_run, quote_of, quoted_regions, tidy, trim
from mineralcheck.claims.tokens import (
    COMPLEMENT_DEPS,
    Clause,
    content_words,
    entity_of,
    join_tokens,
    own_subject,
)
from mineralcheck.lexicon.places import ENTITY_LABELS
from mineralcheck.lexicon.saying import SPEAKING_VERBS
from mineralcheck.models import Article, Claim, Sentence, Value

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ValueExtractor = Callable[[str, int, "dt.date | None"], tuple[Value, ...]]
EntityCanonicaliser = Callable[[str], str]
CountryTest = Callable[[str], bool]

MAX_SENTENCE_CHARS = 1500
"""A 'sentence' longer than this is a table, a code blob or run-on scraped text, not a statement."""


def _frame_tokens(doc: Doc, clause: Clause) -> set[int]:
    """Tokens that say who reported the fact or when, not the fact: a folded reporting frame and
    "According to X,"."""
    drop: set[int] = set(clause.frame)
    for t in clause.tokens:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            # "According to the harbour authority," up to its comma (the parser attaches it variously)
            end = next((x.i for x in doc[t.i :] if x.text in ",;:"), max(x.i for x in t.subtree))
            drop.update(range(t.i, end + 1))
    # A symbol glued to a kept word ("48.5%") belongs to that word, whatever the parser hung it on.
    kept_ends = {t.idx + len(t.text) for t in clause.tokens if t.i not in drop}
    return {i for i in drop if doc[i].idx not in kept_ends}


def _only_a_frame(head: Token, own: set[int]) -> bool:
    """ "Dock unions fear", "Ana Ruiz said": a verb whose clausal complement is a claim of its
    own, with nothing else of its own to state, says only who said or thought it."""
    if head.pos_ not in ("VERB", "AUX"):
        return False
    complements = [c for c in head.children if c.dep_ in COMPLEMENT_DEPS or c.dep_ in ("ccomp", "parataxis")]
    cut = [c for c in complements if c.dep_ in ("ccomp", "xcomp", "parataxis") and c.i not in own]
    kept = [c for c in complements if c.i in own]
    return bool(cut) and not kept


def _is_imperative_or_question(doc: Doc) -> bool:
    text = doc.text.rstrip()
    if text.endswith("?"):
        return True
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return True
    root = roots[0]
    return root.tag_ == "VB" and root.i == 0 and own_subject(root) is None


def _speaker(doc: Doc, canonical_entity: EntityCanonicaliser) -> str:
    """Who speaks in a sentence: the named subject of its verb of saying (pronouns stay unresolved)."""
    for tok in doc:
        if tok.lemma_.lower() in SPEAKING_VERBS:
            subj = own_subject(tok)
            if subj is not None and subj.pos_ == "PROPN":
                ent = entity_of(subj)
                return canonical_entity(ent.text if ent is not None else subj.text)
    return ""


@dataclass(frozen=True)
class _Context:
    """What every claim of one parsed sentence shares."""

    article: Article
    sentence: Sentence
    doc: Doc
    index: int
    values: tuple[Value, ...]
    """The sentence's values, read with their frame over the whole sentence."""
    regions: list[tuple[int, int]]
    """Quoted stretches of the sentence."""
    speaker: str
    canonical_entity: EntityCanonicaliser
    is_country: CountryTest


def claims_from_sentence(
    article: Article,
    sentence: Sentence,
    doc: Doc,
    *,
    index: int = 0,
    extract_values: ValueExtractor,
    canonical_entity: EntityCanonicaliser,
    is_country: CountryTest = lambda name: False,
) -> list[Claim]:
    """The atomic claims of one parsed sentence (doc parses sentence.text)."""
    if (
        _is_imperative_or_question(doc)
        or content_words(doc) < MIN_CONTENT_WORDS
        or len(sentence.text) > MAX_SENTENCE_CHARS
    ):
        return []
    base = sentence.start
    # The frame is read over the whole sentence, in order: a breakdown's parts ("15 confirmed")
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
    context = _Context(
        article, sentence, doc, index, sentence_values, regions, speaker, canonical_entity, is_country
    )
    out: list[Claim] = []
    for clause in split_clauses(doc):
        claim = _claim(context, clause)
        if claim is not None:
            out.append(_with_measures(context, clause, claim))
    return out


def _with_measures(context: _Context, clause: Clause, claim: Claim) -> Claim:
    """The claim with each of its figures' measure in the outlet's words (Value.measure): what the
    figure counts, read from the clause's parse (claims/figures.py)."""
    doc, base = context.doc, context.sentence.start
    own = {t.i for t in clause.tokens} - set(clause.frame)
    values = []
    for value in claim.values:
        value_tokens = {t.i for t in doc if value.start <= base + t.idx < value.end}
        anchor = value_anchor(doc, value.start - base, value.end - base)
        if value.is_figure and anchor is not None and not is_reference(anchor):
            words = measure_tokens(anchor, value_tokens, own)
            value = replace(value, measure=" ".join(t.lower_ for t in words))
        values.append(value)
    return replace(claim, values=tuple(values))


def _entities(doc: Doc, own: set[int], canonical_entity: EntityCanonicaliser) -> tuple[str, ...]:
    """Canonical names of the actors and places among the clause's own tokens."""
    return tuple(
        sorted(
            {
                canonical_entity(ent.text)
                for ent in doc.ents
                if ent.label_ in ENTITY_LABELS and any(t.i in own for t in ent)
            }
        )
    )


def _claim(context: _Context, clause: Clause) -> Claim | None:
    """The claim one clause states; None when what is left of it states no fact of its own."""
    article, doc, canonical_entity = context.article, context.doc, context.canonical_entity
    base = context.sentence.start
    toks = trim(clause.tokens)
    if not toks or (
        content_words(toks) < MIN_CONTENT_WORDS - 1 and clause.kind not in ("with", "from", "part")
    ):
        return None
    if _only_a_frame(clause.head, {t.i for t in toks}):
        return None
    run = evidence_run(toks, clause.head)
    start = base + run[0].idx
    end = base + run[-1].idx + len(run[-1].text)
    frame = _frame_tokens(doc, clause)
    body_toks = trim([t for t in toks if t.i not in frame]) or toks
    body = join_tokens(body_toks).strip().strip(",;:—–- ")
    text = f"{clause.subject_prefix} {body} {clause.subject_suffix}".strip()
    own = {t.i for t in toks}
    owned_chars = [(base + t.idx, base + t.idx + len(t.text)) for t in body_toks]
    values = tuple(v for v in context.values if any(a <= v.start < b for a, b in owned_chars))
    entities = _entities(doc, own, canonical_entity)
    slots = clause_frame(doc, clause.head, own, canonical_entity)
    text = tidy(text)
    if len(text.split()) < MIN_CONTENT_WORDS and not any(ch.isdigit() for ch in text):
        return None  # what is left of a clause whose fact went to another claim ("Ana Ruiz")
    evidence = article.text[start:end]
    if not (readable_sentence(text) and follows_evidence(text, evidence)):
        # A cut the parse got wrong ("Over 300 begins"): the words as written read better.
        verbatim = tidy(evidence)
        if readable_sentence(verbatim):
            text = verbatim
            # The claim says what its evidence says: a figure of the clause beyond it (in a relative
            # clause the cut left out) is not its own. A date beyond it still dates the clause.
            values = tuple(v for v in values if v.kind != "quantity" or start <= v.start and v.end <= end)
    quote = quote_of(toks, context.regions)
    return Claim(
        id=f"{article.id}:{start}-{end}",
        source=article.id,
        start=start,
        end=end,
        line=article.line_of(start),
        evidence=evidence,
        text=text,
        subject=" ".join(_subject(clause, own).split()),
        predicate=clause.head.lemma_.lower() if clause.kind != "appos" else "be",
        values=values,
        entities=entities,
        quote=quote,
        speaker=context.speaker if quote else "",
        is_caption=context.sentence.is_caption,
        scope=_scope(context, clause, values),
        earlier=clause.kind == "from",  # "up from 40%": the figure after "from" is an earlier value
        sentence=context.index,
        attribution=slots.attribution,
        negated=slots.negated,
    )


def _scope(context: _Context, clause: Clause, values: tuple[Value, ...]) -> tuple[str, ...]:
    """Where the claim's fact holds: the places its figures are about (or, without figures, those
    its verb takes)."""
    value_places = {p for v in values for p in v.scope}
    places = (
        value_places
        if any(v.kind == "quantity" for v in values)
        else set(clause_scope(clause.head, context.canonical_entity, context.is_country))
    )
    return tuple(sorted(places))


def _subject(clause: Clause, own: set[int]) -> str:
    """The clause's own subject as written, else the subject it inherited."""
    subject_tok = own_subject(clause.head)
    subject = ""
    if subject_tok is not None:
        subject = join_tokens([t for t in subject_tok.subtree if t.i in own]).strip()
    return subject or clause.subject_prefix.removesuffix(" is")


def extract_claims(
    article: Article,
    sentences: Sequence[Sentence],
    docs: Sequence[Doc],
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
