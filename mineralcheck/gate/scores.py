"""Which fact of the report an expectation is about: meaning (cosine of sentence vectors) mixed with
wording (rapidfuzz), so that a paraphrase still matches and a fact that merely shares a topic does not.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, utils

from mineralcheck.gate.expectations import Expectation
from mineralcheck.gate.fit import pinned_sources
from mineralcheck.match.embed import Embedder
from mineralcheck.models import Fact, SourceId, Value
from mineralcheck.values import values_compatible

MEANING_WEIGHT = 0.75
"""Share of the match score given to the cosine of the sentence vectors; the rest is wording."""

VALUE_BONUS = 0.05
"""Added to the score of a fact that states a value comparable to the expected one (a tie-breaker
between two facts about the same topic; never a penalty, so an edited figure still matches)."""


def match_scores(
    expectations: Sequence[Expectation], facts: Sequence[Fact], embedder: Embedder
) -> tuple[np.ndarray, list[dict[str, float]]]:
    """Match score of every (expectation, fact) pair, shape (len(expectations), len(facts)), and
    for each expectation the score of every claim (by id). A fact without a figure of the frame
    an expectation pins scores -1: it never matches."""
    out = np.zeros((len(expectations), len(facts)), dtype=np.float64)
    per_claim: list[dict[str, float]] = [{} for _ in expectations]
    if not expectations or not facts:
        return out, per_claim
    phrases = sorted({m for e in expectations for m in e.match})
    texts = sorted({c.text for f in facts for c in f.cluster.claims})
    vectors = embedder.encode(phrases + texts) if phrases else np.zeros((0, 1))
    phrase_row = {p: k for k, p in enumerate(phrases)}
    text_row = {t: k for k, t in enumerate(texts)}
    cosines = vectors[: len(phrases)] @ vectors[len(phrases) :].T if phrases else np.zeros((0, 0))
    for i, expectation in enumerate(expectations):
        for j, fact in enumerate(facts):
            if expectation.pin is not None and not pinned_sources(fact, expectation.pin):
                out[i, j] = -1.0
                continue
            best = 0.0
            for claim in fact.cluster.claims:
                score = max(
                    (
                        MEANING_WEIGHT * float(cosines[phrase_row[phrase], text_row[claim.text]])
                        + (1 - MEANING_WEIGHT) * _wording(phrase, claim.text)
                        for phrase in expectation.match
                    ),
                    default=0.0,
                )
                per_claim[i][claim.id] = score
                best = max(best, score)
            if expectation.value is not None and _comparable_values(expectation.value.value, fact):
                best += VALUE_BONUS
            out[i, j] = best
    return out, per_claim


def _wording(phrase: str, text: str) -> float:
    """Word overlap in 0..1; token_set_ratio ignores word order, which suits paraphrase, but it
    scores a short text inside a long one as 100, so it is scaled by how much of the phrase the
    text could cover."""
    phrase_words = utils.default_process(phrase).split()
    text_words = utils.default_process(text).split()
    if not phrase_words or not text_words:
        return 0.0
    coverage = min(1.0, len(text_words) / len(phrase_words))
    return fuzz.token_set_ratio(phrase, text, processor=utils.default_process) / 100 * coverage


def _comparable_values(expected: Value, fact: Fact) -> list[tuple[SourceId, Value]]:
    return [
        (claim.source, value)
        for claim in fact.cluster.claims
        for value in claim.values
        if values_compatible(expected, value) is not None
    ]
