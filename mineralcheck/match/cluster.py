"""Claims + vectors -> clusters of claims that state the same fact (pure: no model load, no I/O).

Each candidate pair of claims gets a probability of stating the same fact from the fitted pair model
(mineralcheck.match.pairs): meaning, wording and the fact frame (measure, qualifiers, place, time,
polarity, attribution). Clusters grow by average linkage of those probabilities over a sparse graph
of candidate pairs: every pair above a cosine floor when the corpus is small, each claim's nearest
neighbours (hnswlib) when it is large, so time and memory grow close to linearly with the claims.
Then the two sides of a disputed figure join, and so do groups that give one measure's figure from
different outlets however their sentences are worded (a toll told eight ways is one fact).
Two clauses of one sentence are different facts by construction and never share a cluster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mineralcheck.match.measures import countable
from mineralcheck.match.pairs import (
    FEATURES,
    GENERIC_MEASURES,
    ClaimView,
    PairModel,
    Wording,
    frame_compatible,
    frames_exclusive,
    pair_features,
    shipped_model,
    time_conflict,
)
from mineralcheck.models import Claim, Cluster, Value


@dataclass(frozen=True)
class ClusterParams:
    """How candidate pairs are found; what makes a pair one fact is the fitted pair model."""

    candidate_floor: float = 0.30
    """Cosine below which a pair is never considered (blocking, as cross-document coreference does:
    the pair model then only judges pairs that could be one fact). Measured by bench/candidates.py
    over the seeds and the dev events: 0.30 keeps 86% of the cross-outlet pairs that serve one gold
    fact while scoring 31% of all pairs (0.20: 94% for 55%); refitting at 0.20 left the
    leave-one-event-out score where it was (0.494 against 0.495), so the pairs below 0.30 are
    ones the model would not join anyway."""
    neighbours: int = 24
    """Neighbours per claim in the approximate graph (large corpora)."""
    dense_limit: int = 3000
    """Up to this many claims every pair is scored exactly; beyond, a nearest-neighbour index is used."""


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


def _best_matches(
    claims: Sequence[Claim], candidates: Sequence[tuple[int, int, float]]
) -> dict[tuple[int, int], float]:
    """For each pair (i, j) of two articles: 1 when each is the other's most similar claim in its
    article, 0.5 when one of them is, else absent.

    An article usually states a fact once, so when two claims of two articles pick each other as their
    closest match, they very likely state the same fact even in quite different words.
    """
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for i, j, cosine in candidates:
        for a, b in ((i, j), (j, i)):
            key = (a, claims[b].source)
            if claims[a].source != claims[b].source and (
                key not in best or (cosine, -b) > (best[key][0], -best[key][1])
            ):
                best[key] = (cosine, b)
    out: dict[tuple[int, int], float] = {}
    for (a, _source), (_cosine, b) in best.items():
        pair = (a, b) if a < b else (b, a)
        out[pair] = out.get(pair, 0.0) + 0.5
    return out


_AT = {name: k for k, name in enumerate(FEATURES)}


def disputes(row: np.ndarray) -> bool:
    """Two articles give different figures for one measure, with the same qualifiers, place and
    time: one fact, disputed, whatever else their wording says."""
    return bool(
        row[_AT["figure_conflict"]]
        and not row[_AT["same_source"]]
        and not row[_AT["qualifier_conflict"]]
        and not row[_AT["qualifier_one_side"]]
        and not row[_AT["scope_conflict"]]
        and not row[_AT["scope_one_side"]]
        and not row[_AT["time_conflict"]]
    )


def _aligned(claims: Sequence[Claim], candidates: Sequence[tuple[int, int, float]]) -> set[tuple[int, int]]:
    """Pairs matched when each pair of articles has its claims aligned one to one (the assignment
    of largest total cosine over candidate pairs): a fact found in both articles is one match, so a
    claim cannot pair with several claims of the other article."""
    # lap, not scipy.optimize: same optimum, and importing scipy.optimize costs a third of a warm run.
    import lap

    by_articles: dict[tuple[str, str], list[tuple[int, int, float]]] = {}
    for i, j, cosine in candidates:
        a, b = claims[i].source, claims[j].source
        if a != b:
            key = (a, b) if a < b else (b, a)
            by_articles.setdefault(key, []).append((i, j, cosine) if a < b else (j, i, cosine))
    aligned: set[tuple[int, int]] = set()
    for edges in by_articles.values():
        rows = sorted({i for i, _j, _c in edges})
        cols = sorted({j for _i, j, _c in edges})
        at_row = {i: k for k, i in enumerate(rows)}
        at_col = {j: k for k, j in enumerate(cols)}
        gain = np.zeros((len(rows), len(cols)))
        for i, j, cosine in edges:
            gain[at_row[i], at_col[j]] = cosine
        _total, assigned, _back = lap.lapjv(-gain, extend_cost=True)
        for r, c in enumerate(assigned):
            if c >= 0 and gain[r, c] > 0:
                i, j = rows[r], cols[c]
                aligned.add((i, j) if i < j else (j, i))
    return aligned


NEVER = -1.0
"""The probability given to two clauses of one sentence: they never share a cluster."""


class PairScorer:
    """Pair features and same-fact probabilities over the claims of one corpus."""

    def __init__(
        self,
        claims: Sequence[Claim],
        vectors: np.ndarray,
        candidates: Sequence[tuple[int, int, float]],
        model: PairModel | None = None,
    ) -> None:
        self.claims = claims
        self.vectors = vectors
        self.model = model
        self.views = [ClaimView.of(c) for c in claims]
        self.wording = Wording([c.text for c in claims])
        self.best = _best_matches(claims, candidates)
        self.aligned = _aligned(claims, candidates)

    def never(self, i: int, j: int) -> bool:
        """Two clauses of one sentence, or two claims whose figures cannot be one fact (their
        frames exclude each other): never in one cluster, however alike their words."""
        a, b = self.views[i], self.views[j]
        return (a.source == b.source and a.sentence == b.sentence) or frames_exclusive(a, b)

    def features(self, i: int, j: int, cosine: float | None = None) -> list[float]:
        if cosine is None:
            cosine = float(self.vectors[i] @ self.vectors[j])
        key = (i, j) if i < j else (j, i)
        return pair_features(
            self.views[i],
            self.views[j],
            cosine=cosine,
            wording=self.wording.score(i, j),
            best_match=self.best.get(key, 0.0),
            aligned=key in self.aligned,
        )

    def probabilities(self, pairs: Sequence[tuple[int, int, float]]) -> tuple[np.ndarray, list[bool]]:
        """P(same fact) of each (i, j, cosine), NEVER for two clauses of one sentence; and whether
        each pair disputes a figure (see `disputes`)."""
        assert self.model is not None
        if not pairs:
            return np.zeros(0), []
        rows = np.array([self.features(i, j, cosine) for i, j, cosine in pairs], dtype=np.float64)
        probs = self.model.probability(rows)
        disputed = [False] * len(pairs)
        for k, (i, j, _cosine) in enumerate(pairs):
            if self.never(i, j):
                probs[k] = NEVER
            else:
                disputed[k] = disputes(rows[k])
        return probs, disputed


def pair_table(
    claims: Sequence[Claim], vectors: np.ndarray, params: ClusterParams = ClusterParams()
) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Every candidate pair that may be one fact (two clauses of one sentence excluded) and its
    features: what the pair model is fitted on, exactly as clustering sees it."""
    candidates = _candidate_pairs(vectors, params)
    scorer = PairScorer(claims, vectors, candidates)
    kept = [(i, j, c) for i, j, c in candidates if not scorer.never(i, j)]
    rows = [scorer.features(i, j, c) for i, j, c in kept]
    return [(i, j) for i, j, _c in kept], np.array(rows, dtype=np.float64).reshape(len(rows), -1)


class _Linker:
    """Average-linkage merging of same-fact probabilities over candidate edges, strongest first."""

    def __init__(self, scorer: PairScorer, known: dict[tuple[int, int], float], threshold: float) -> None:
        self.scorer = scorer
        self.memo = known
        self.threshold = threshold
        n = len(scorer.claims)
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def probability(self, i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        known = self.memo.get(key)
        if known is None:
            cosine = float(self.scorer.vectors[i] @ self.scorer.vectors[j])
            known = float(self.scorer.probabilities([(key[0], key[1], cosine)])[0][0])
            self.memo[key] = known
        return known

    def linkage(self, a: int, b: int) -> float:
        # Large groups are compared on a fixed prefix of their members: bounded cost, same answer
        # every run.
        ma, mb = self.members[a][:LINKAGE_SAMPLE], self.members[b][:LINKAGE_SAMPLE]
        total = 0.0
        for i in ma:
            for j in mb:
                p = self.probability(i, j)
                if p <= NEVER:
                    return NEVER
                total += p
        return total / (len(ma) * len(mb))

    def merge(self, a: int, b: int) -> None:
        keep, drop = (a, b) if a < b else (b, a)
        self.parent[drop] = keep
        self.members[keep].extend(self.members.pop(drop))

    def run(self, edges: list[tuple[float, int, int]]) -> None:
        for _p, i, j in edges:
            a, b = self.find(i), self.find(j)
            if a != b and self.linkage(a, b) >= self.threshold:
                self.merge(a, b)

    def groups(self) -> list[list[int]]:
        return [sorted(m) for m in self.members.values()]


def _average(linker: _Linker, xs: list[int], ys: list[int]) -> float:
    """Average same-fact probability between two sets of claims (on a fixed prefix of each)."""
    total = 0.0
    for i in xs[:LINKAGE_SAMPLE]:
        for j in ys[:LINKAGE_SAMPLE]:
            p = linker.probability(i, j)
            if p <= NEVER:
                return NEVER
            total += p
    return total / (min(len(xs), LINKAGE_SAMPLE) * min(len(ys), LINKAGE_SAMPLE))


def _join_disputes(
    linker: _Linker, disputed: list[tuple[float, int, int]], threshold: float
) -> list[list[int]]:
    """Join the two sides of a disputed figure into one fact.

    Two groups that give different figures for one measure in one frame (same qualifiers, place
    and time) state one fact when no article gives a figure of that frame in both (an article
    states a fact once) and the claims that give those figures are alike enough (average
    probability at least `threshold`). Those claims move together; the rest of each group stays.
    """
    views = linker.scorer.views
    groups = {n: list(g) for n, g in enumerate(linker.groups())}
    where = {k: n for n, g in groups.items() for k in g}

    def stating(group: list[int], frame: tuple[Value, ...]) -> list[int]:
        return [
            k
            for k in group
            if any(frame_compatible(x, y) is not None for x in views[k].figures for y in frame)
        ]

    for _p, i, j in disputed:
        a, b = where[i], where[j]
        if a == b:
            continue
        frame = views[i].figures + views[j].figures
        side_a, side_b = stating(groups[a], frame), stating(groups[b], frame)
        if not side_a or not side_b:
            continue
        if {views[k].source for k in side_a} & {views[k].source for k in side_b}:
            continue
        if _average(linker, side_a, side_b) < threshold:
            continue
        whole = len(side_a) == len(groups[a]) and len(side_b) == len(groups[b])
        if whole or _average(linker, groups[a], groups[b]) >= threshold:
            groups[a].extend(groups.pop(b))
            for k in groups[a]:
                where[k] = a
            continue
        # The groups as wholes are not one fact: only the claims giving the figures move together.
        moved = side_a + side_b
        groups[a] = [k for k in groups[a] if k not in side_a]
        groups[b] = [k for k in groups[b] if k not in side_b]
        new = max(groups) + 1
        groups[new] = moved
        for k in moved:
            where[k] = new
    return [sorted(g) for g in groups.values() if g]


def _measure_of(group: list[int], named: Sequence[Claim]) -> str:
    """The one measure every claim of a group gives a figure of (by its measure group's name, see
    match/measures.py), else ""."""
    shared: set[str] | None = None
    for k in group:
        own = {v.quantity for v in named[k].values if countable(v) and v.quantity not in GENERIC_MEASURES}
        shared = own if shared is None else shared & own
        if not shared:
            return ""
    return shared.pop() if shared and len(shared) == 1 else ""


def _telling(group: list[int], named: Sequence[Claim]) -> set[str]:
    """The outlets whose body states a group's figure: a headline (an article's first sentence)
    restates what its body tells, so an outlet whose headline sits in one group and its body in
    another still tells the figure once."""
    return {named[k].source for k in group if named[k].sentence > 0}


@dataclass
class _FigureGroup:
    """Groups joined into one fact by _join_figure_groups, with what the next candidate is checked
    against: their claims, the outlets that tell the figure, and their distinct frames and times."""

    members: list[int]
    telling: set[str]
    frames: dict[tuple[object, ...], Value]
    times: dict[tuple[object, ...], ClaimView]


def _frame_key(value: Value) -> tuple[object, ...]:
    """What frame_compatible reads of a figure besides its number: two figures with one key
    compare with a third alike."""
    return (
        value.unit,
        value.quantity,
        value.increment,
        frozenset(value.qualifiers),
        value.scope,
        value.owner,
    )


def _time_key(view: ClaimView) -> tuple[object, ...]:
    """What time_conflict reads of a claim."""
    return (view.earlier, bool(view.figures), view.dates)


def _join_figure_groups(
    linker: _Linker, groups: list[list[int]], named: Sequence[Claim], threshold: float
) -> list[list[int]]:
    """Join groups that give one measure's figure, told by different outlets, into one fact.

    Outlets word one toll in many ways ("people killed", "fatalities", "the death toll"), and the
    sentences around it differ more than the figures do. A group whose every claim gives a figure
    of one named measure joins the first earlier such group (the groups with the most outlets come
    first) when no outlet tells it in both (_telling), every pair of their figures compares (same
    measure, qualifiers and place: frame_compatible), no two of their claims are dated apart
    (time_conflict: another day, or an earlier value) or are clauses of one sentence, and their
    claims are alike enough (average probability at least `threshold`: the fitted bar for the two
    sides of a dispute, which these are when their figures differ; one bar, so that a model fitted
    without an event still carries it there)."""
    views = linker.scorer.views
    order = sorted(
        range(len(groups)), key=lambda n: (-len({named[k].source for k in groups[n]}), groups[n][0])
    )
    joined: dict[str, list[_FigureGroup]] = {}
    out: list[list[int]] = []
    for n in order:
        group = groups[n]
        measure = _measure_of(group, named)
        if not measure:
            out.append(group)
            continue
        telling = _telling(group, named)
        frames = {
            _frame_key(v): v for k in group for v in named[k].values if countable(v) and v.quantity == measure
        }
        times = {_time_key(views[k]): views[k] for k in group}
        for target in joined.setdefault(measure, []):
            if (
                not telling & target.telling
                and all(
                    frame_compatible(x, y) is not None
                    for x in target.frames.values()
                    for y in frames.values()
                )
                and not any(time_conflict(a, b) for a in target.times.values() for b in times.values())
                and not any(
                    linker.scorer.never(i, j)
                    for i in target.members
                    for j in group
                    if named[i].source == named[j].source
                )
                and _average(linker, target.members, group) >= threshold
            ):
                target.members.extend(group)
                target.telling |= telling
                target.frames.update(frames)
                target.times.update(times)
                break
        else:
            joined[measure].append(_FigureGroup(list(group), telling, frames, times))
    return out + [sorted(g.members) for measure in sorted(joined) for g in joined[measure]]


@dataclass
class ScoredPairs:
    """The candidate pairs of a corpus with their same-fact probabilities (computed once; linking
    with other thresholds reuses them)."""

    scorer: PairScorer
    known: dict[tuple[int, int], float]
    """P(same fact) of every candidate pair."""
    disputed: frozenset[tuple[int, int]]
    """Candidate pairs of two articles giving different figures for one measure in one frame."""


def score_pairs(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    model: PairModel,
    params: ClusterParams = ClusterParams(),
) -> ScoredPairs:
    candidates = _candidate_pairs(vectors, params)
    scorer = PairScorer(claims, vectors, candidates, model)
    probs, disputed = scorer.probabilities(candidates)
    known = {(i, j): float(p) for (i, j, _c), p in zip(candidates, probs, strict=True)}
    return ScoredPairs(
        scorer, known, frozenset((i, j) for (i, j, _c), d in zip(candidates, disputed, strict=True) if d)
    )


def _strongest_first(pairs: Sequence[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    # Ties broken by position so the result never depends on hashing.
    return sorted(pairs, key=lambda e: (-round(e[0], 6), e[1], e[2]))


def link(
    scored: ScoredPairs, threshold: float, dispute_threshold: float, named: Sequence[Claim] | None = None
) -> tuple[Cluster, ...]:
    """Clusters from scored pairs: average linkage at `threshold`, then disputed figures joined at
    `dispute_threshold`. With `named` (the claims with their figures named by measure group,
    match/measures.py), groups that give one measure's figure join at the same bar
    (_join_figure_groups), and the clusters hold the named claims."""
    claims = scored.scorer.claims
    if named is not None and [c.id for c in named] != [c.id for c in claims]:
        raise ValueError("link(named=...): the named claims must be the scored claims, in their order")
    known = scored.known
    # The linker memoises the pairs it scores beyond the candidates in a copy: linking the same
    # scored pairs at several thresholds (as the fit does) gives what each would give alone.
    linker = _Linker(scored.scorer, dict(known), threshold)
    linker.run(_strongest_first([(p, i, j) for (i, j), p in known.items() if p >= threshold]))
    groups = _join_disputes(
        linker, _strongest_first([(known[key], *key) for key in sorted(scored.disputed)]), dispute_threshold
    )
    if named is not None:
        groups = _join_figure_groups(linker, groups, named, dispute_threshold)
        claims = tuple(named)
    ordered = sorted(
        (sorted(g, key=lambda k: (claims[k].source, claims[k].start, claims[k].end)) for g in groups),
        key=lambda g: (claims[g[0]].source, claims[g[0]].start, claims[g[0]].end),
    )
    return tuple(
        Cluster(id=f"f{n}", claims=tuple(claims[k] for k in group)) for n, group in enumerate(ordered, 1)
    )


def cluster_claims(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    params: ClusterParams = ClusterParams(),
    pair_model: PairModel | None = None,
    named: Sequence[Claim] | None = None,
) -> tuple[Cluster, ...]:
    """Group claims that state the same fact; every claim lands in exactly one cluster.

    `vectors[i]` is the L2-normalised embedding of `claims[i].text`; `pair_model` defaults to the
    shipped one; `named`, when given, is `claims` with their figures named by measure group (see
    link()). Cluster ids ("f1", "f2", ...) follow the reading order of each cluster's first claim,
    so output is deterministic.
    """
    if len(claims) == 0:
        return ()
    model = pair_model or shipped_model()
    scored = score_pairs(claims, vectors, model, params)
    return link(scored, model.threshold, model.dispute_threshold, named)
