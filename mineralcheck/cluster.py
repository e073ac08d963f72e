"""Claims + vectors -> clusters of claims that state the same fact (pure: no model, no I/O).

Similarity of two claims combines meaning (cosine of their embeddings) with wording (rapidfuzz over
content words) and structure (two clauses of one sentence are different facts by construction; two
claims whose figures measure different things are less alike). Clusters grow by average linkage over
a sparse graph of candidate pairs: every pair when the corpus is small, each claim's nearest
neighbours (hnswlib) when it is large, so time and memory grow close to linearly with the claims.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from mineralcheck.models import Claim, Cluster, Value
from mineralcheck.normalize import same_name

# Function words carry no fact; leaving them out makes the wording score about content.
_STOP = frozenset(
    "a an the of in on at to for from by with and or but as is are was were be been being has have had "
    "will would could should may might can that this these those which who whom whose its it their "
    "his her they them he she we our also than then there here into over about after before during "
    "said says say according just very more most".split()
)
_WORD = re.compile(r"[\w%$€£¥]+", re.UNICODE)


@dataclass(frozen=True)
class ClusterParams:
    """Thresholds of the clustering; defaults were set on the seeds and checked on scenario corpora."""

    threshold: float = 0.50
    """Average-linkage similarity two groups need to merge."""
    candidate_floor: float = 0.30
    """Cosine below which a pair is never considered."""
    lexical_weight: float = 0.45
    """Share of the wording score in the similarity (the rest is the embedding cosine)."""
    scope_penalty: float = 0.15
    """Subtracted when the claims name different places below the national level (or one names one
    and both state figures): a district's toll is not the national toll."""
    measure_bonus: float = 0.08
    """Added when two claims count the same named thing (deaths, seats) with figures that differ."""
    mutual_floor: float = 0.40
    """Similarity at which two claims that are each other's best match across two articles may join."""
    value_bonus: float = 0.25
    """Added when two claims state the same specific figure (same unit and counted thing, overlapping
    intervals); a small whole count ("two", "one") adds a third of it, being far less telling."""
    unit_penalty: float = 0.15
    """Subtracted when both claims state figures, all in different units (a depth and a magnitude)."""
    quote_bonus: float = 0.15
    """Added, scaled by likeness, when two claims quote similar words."""
    neighbours: int = 24
    """Neighbours per claim in the approximate graph (large corpora)."""
    dense_limit: int = 3000
    """Up to this many claims every pair is scored exactly; beyond, a nearest-neighbour index is used."""


STEM_LENGTH = 6
"""Words are compared on their first letters: "processes"/"processing", "dominant"/"dominates"."""


def stems(text: str) -> frozenset[str]:
    """Content-word stems of a text, the units of the wording score."""
    return frozenset(w[:STEM_LENGTH] for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1)


class Wording:
    """IDF-weighted overlap of word stems, with IDF taken over the claims of this corpus.

    Words that every claim of a story shares (the main actors, the event) weigh little; the words
    that single out one fact (a rare noun, a figure) weigh much. The weighting adapts to each corpus.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.stems = [stems(t) for t in texts]
        df: dict[str, int] = {}
        for bag in self.stems:
            for stem in bag:
                df[stem] = df.get(stem, 0) + 1
        n = len(texts)
        self.weight = {stem: (math.log((n + 1) / (count + 1)) + 1.0) ** 2 for stem, count in df.items()}
        self.norm = [math.sqrt(sum(self.weight[s] for s in bag)) or 1.0 for bag in self.stems]

    def score(self, i: int, j: int) -> float:
        shared = self.stems[i] & self.stems[j]
        if not shared:
            return 0.0
        return sum(self.weight[s] for s in shared) / (self.norm[i] * self.norm[j])


SMALL_COUNT = 10
"""Whole counts and ordinals up to this are common to many facts of a story ("two leaders", "one
mine", "her first visit")."""


def _figure_weight(value: Value) -> float:
    """How much a shared figure says about two claims being one fact: 1 for specific, 1/3 for small."""
    small = (
        value.unit in ("", "ordinal")
        and value.low == value.high
        and value.low <= SMALL_COUNT
        and float(value.low).is_integer()
    )
    return 1 / 3 if small else 1.0


@dataclass(frozen=True)
class _Features:
    """What pair scoring needs of a claim, computed once per claim rather than once per pair."""

    source: str
    sentence: int
    figures: tuple[tuple[str, str, float, float, float], ...]
    """(unit, counted noun, low, high, weight) of each quantity."""
    units: frozenset[str]
    counted: frozenset[str]
    scope: tuple[str, ...]
    quote: str

    @classmethod
    def of(cls, claim: Claim) -> _Features:
        quantities = [v for v in claim.values if v.kind == "quantity"]
        return cls(
            source=claim.source,
            sentence=claim.sentence,
            figures=tuple((v.unit, v.quantity, v.low, v.high, _figure_weight(v)) for v in quantities),
            units=frozenset(v.unit for v in quantities if v.unit),
            counted=frozenset(v.quantity for v in quantities if v.quantity and v.quantity != "people"),
            scope=claim.scope,
            quote=claim.quote.lower(),
        )


def _same_figure(a: _Features, b: _Features) -> float:
    """Weight of the most telling figure both claims state (same unit and counted thing, overlapping)."""
    best = 0.0
    for unit_a, noun_a, low_a, high_a, weight in a.figures:
        for unit_b, noun_b, low_b, high_b, _ in b.figures:
            if unit_a == unit_b and low_a <= high_b and low_b <= high_a:
                # Counted nouns may be synonyms ("14 stops", "fourteen stations"): half the evidence.
                same_thing = noun_a == noun_b or not noun_a or not noun_b
                best = max(best, weight * (1.0 if same_thing else 0.5))
    return best


def _same_count(a: _Features, b: _Features) -> bool:
    """Both claims count the same named thing (deaths, seats), whatever the figures: the two
    readings of a disputed toll must meet in one cluster for the dispute to be seen."""
    return bool(a.counted & {noun for _, noun, _, _, _ in b.figures})


@functools.lru_cache(maxsize=65536)
def same_scope(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two claims' places match, allowing for spelling variants of one name ("Gharmabad"/"Garmobod")."""
    if len(a) != len(b):
        return False
    return all(any(x == y or same_name(x, y) for y in b) for x in a)


def _structure(a: _Features, b: _Features, params: ClusterParams) -> float:
    """What the claims' figures, places and quotes add to or take from their similarity."""
    adjust = 0.0
    shared = _same_figure(a, b)
    if shared:
        adjust += params.value_bonus * shared
    elif _same_count(a, b):
        adjust += params.measure_bonus
    elif a.units and b.units and not (a.units & b.units):
        # Both state figures in different units (a depth in km and a magnitude).
        adjust -= params.unit_penalty
    if not same_scope(a.scope, b.scope) and (a.scope and b.scope or (a.figures and b.figures)):
        # A district's toll is not the national toll; two different districts are two facts.
        adjust -= params.scope_penalty
    if a.quote and b.quote:
        likeness = fuzz.token_set_ratio(a.quote, b.quote) / 100.0
        if likeness >= 0.6:
            adjust += params.quote_bonus * likeness
    return adjust


def _score(a: _Features, b: _Features, cosine: float, wording: float, params: ClusterParams) -> float:
    if a.source == b.source and a.sentence == b.sentence:
        return -1.0
    return (1.0 - params.lexical_weight) * cosine + params.lexical_weight * wording + _structure(a, b, params)


def pair_similarity(a: Claim, b: Claim, cosine: float, wording: float, params: ClusterParams) -> float:
    """Similarity of two claims in [~-1, 1]; -1 means they must never share a cluster."""
    return _score(_Features.of(a), _Features.of(b), cosine, wording, params)


def _candidate_pairs(vectors: np.ndarray, params: ClusterParams) -> list[tuple[int, int, float]]:
    n = len(vectors)
    pairs: list[tuple[int, int, float]] = []
    if n < 2:
        return pairs
    if n <= params.dense_limit:
        sims = vectors @ vectors.T
        rows, cols = np.nonzero(np.triu(sims >= params.candidate_floor, k=1))
        return [(int(i), int(j), float(sims[i, j])) for i, j in zip(rows, cols, strict=True)]
    import hnswlib  # only large corpora pay for the index

    index = hnswlib.Index(space="ip", dim=vectors.shape[1])
    index.init_index(max_elements=n, ef_construction=200, M=16, random_seed=7)
    # A multi-threaded build inserts in a racy order and gives a different graph each run: build
    # on one thread (deterministic), query on two.
    index.set_num_threads(1)
    index.add_items(vectors, np.arange(n))
    index.set_num_threads(2)
    k = min(params.neighbours + 1, n)
    index.set_ef(max(2 * k, 64))
    labels, distances = index.knn_query(vectors, k=k)
    seen: set[tuple[int, int]] = set()
    for i in range(n):
        for j, dist in zip(labels[i], distances[i], strict=True):
            j = int(j)
            if j == i:
                continue
            key = (i, j) if i < j else (j, i)
            sim = 1.0 - float(dist)
            if sim >= params.candidate_floor and key not in seen:
                seen.add(key)
                pairs.append((key[0], key[1], sim))
    return pairs


LINKAGE_SAMPLE = 16
"""Groups larger than this are compared on their first members (in reading order): bounded cost,
the same answer every run; a fact stated by dozens of outlets is as well judged by sixteen."""


class _Linker:
    """Average-linkage merging over candidate edges, strongest first."""

    def __init__(self, claims: Sequence[Claim], vectors: np.ndarray, params: ClusterParams) -> None:
        self.claims = claims
        self.vectors = vectors
        self.params = params
        self.wording = Wording([c.text for c in claims])
        self.features = [_Features.of(c) for c in claims]
        self.memo: dict[tuple[int, int], float] = {}
        self.parent = list(range(len(claims)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def similarity(self, i: int, j: int, cosine: float | None = None) -> float:
        key = (i, j) if i < j else (j, i)
        known = self.memo.get(key)
        if known is not None:
            return known
        if cosine is None:
            cosine = float(self.vectors[i] @ self.vectors[j])
        score = _score(self.features[i], self.features[j], cosine, self.wording.score(i, j), self.params)
        self.memo[key] = score
        return score

    def linkage(self, a: int, b: int) -> float:
        # Large groups are compared on a fixed prefix of their members: bounded cost, same answer
        # every run.
        ma, mb = self.members[a][:LINKAGE_SAMPLE], self.members[b][:LINKAGE_SAMPLE]
        cos = self.vectors[ma] @ self.vectors[mb].T
        total = 0.0
        for x, i in enumerate(ma):
            for y, j in enumerate(mb):
                s = self.similarity(i, j, float(cos[x, y]))
                if s <= -1.0:
                    return -1.0
                total += s
        return total / (len(ma) * len(mb))

    def run(self, edges: list[tuple[float, int, int]], mutual: set[tuple[int, int]]) -> list[list[int]]:
        for _score, i, j in edges:
            a, b = self.find(i), self.find(j)
            if a == b:
                continue
            # Mutual best matches across two articles may join on weaker similarity.
            needed = self.params.mutual_floor if (i, j) in mutual else self.params.threshold
            if self.linkage(a, b) >= needed:
                keep, drop = (a, b) if a < b else (b, a)
                self.parent[drop] = keep
                self.members[keep].extend(self.members.pop(drop))
        return [sorted(m) for m in self.members.values()]


def _mutual_best(
    claims: Sequence[Claim], scored: Sequence[tuple[float, int, int]], floor: float
) -> set[tuple[int, int]]:
    """Pairs (i, j) where j is i's most similar claim in j's article and i is j's in i's.

    An article usually states a fact once, so when two claims of two articles pick each other as their
    closest match, they very likely state the same fact even in quite different words.
    """
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for score, i, j in scored:
        if score < floor:
            continue
        for a, b in ((i, j), (j, i)):
            key = (a, claims[b].source)
            if claims[a].source != claims[b].source and (
                key not in best or (score, -b) > (best[key][0], -best[key][1])
            ):
                best[key] = (score, b)
    mutual = set()
    for (a, _source), (_score, b) in best.items():
        if a < b and best.get((b, claims[a].source), (0.0, -1))[1] == a:
            mutual.add((a, b))
    return mutual


def cluster_claims(
    claims: Sequence[Claim], vectors: np.ndarray, params: ClusterParams = ClusterParams()
) -> tuple[Cluster, ...]:
    """Group claims that state the same fact; every claim lands in exactly one cluster.

    `vectors[i]` is the L2-normalised embedding of `claims[i].text`. Cluster ids ("f1", "f2", ...)
    follow the reading order of each cluster's first claim, so output is deterministic.
    """
    if len(claims) == 0:
        return ()
    linker = _Linker(claims, vectors, params)
    scored = [(linker.similarity(i, j, cosine), i, j) for i, j, cosine in _candidate_pairs(vectors, params)]
    mutual = _mutual_best(claims, scored, params.mutual_floor)
    edges = [(score, i, j) for score, i, j in scored if score >= params.threshold or (i, j) in mutual]
    # Strongest pairs first; ties broken by position so the result never depends on hashing.
    edges.sort(key=lambda e: (-round(e[0], 6), e[1], e[2]))
    groups = linker.run(edges, mutual)
    ordered = sorted(
        (sorted(g, key=lambda k: (claims[k].source, claims[k].start, claims[k].end)) for g in groups),
        key=lambda g: (claims[g[0]].source, claims[g[0]].start, claims[g[0]].end),
    )
    return tuple(
        Cluster(id=f"f{n}", claims=tuple(claims[k] for k in group)) for n, group in enumerate(ordered, 1)
    )
