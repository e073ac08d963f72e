"""Claims + vectors -> clusters: same fact together, different facts apart, deterministic, scalable.

The pair model here is a hand-made one that trusts the embedding cosine alone, so each test says
what the clustering does with probabilities, whatever the fitted weights of the day.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from mineralcheck.logistic import Logistic
from mineralcheck.match.cluster import ClusterParams, cluster_claims
from mineralcheck.match.pairs import FEATURES, PairModel, shipped_model
from mineralcheck.models import Claim, SourceId, Value
from tests.fakes import FakeEmbedder


def claim(source: str, text: str, *, sentence: int = 0, values: tuple[Value, ...] = ()) -> Claim:
    start = sentence * 1000
    return Claim(
        id=f"{source}:{start}",
        source=SourceId(source),
        start=start,
        end=start + len(text),
        line=1,
        evidence=text,
        text=text,
        values=values,
        sentence=sentence,
    )


def count(n: float, measure: str) -> Value:
    return Value("quantity", str(n), 0, 1, n, n, quantity=measure)


def cosine_model(threshold: float = 0.5, dispute: float = 1.0) -> PairModel:
    """P(same fact) = 0.5 at cosine 0.7, steep around it; nothing else counts."""
    weights = [0.0] * len(FEATURES)
    weights[FEATURES.index("cosine")] = 40.0
    zeros, ones = tuple(0.0 for _ in FEATURES), tuple(1.0 for _ in FEATURES)
    return PairModel(Logistic(tuple(weights), -28.0, zeros, ones), threshold, dispute)


def unit(*rows: list[float]) -> np.ndarray:
    vectors = np.array(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def groups(claims: list[Claim], vectors: np.ndarray, model: PairModel, **params: int) -> list[set[str]]:
    clusters = cluster_claims(claims, vectors, ClusterParams(**params), pair_model=model)
    return [{c.id for c in cluster.claims} for cluster in clusters]


def test_the_same_fact_in_two_articles_is_one_cluster() -> None:
    a = claim("a", "Floods destroyed the old stone bridge")
    b = claim("b", "The old stone bridge was destroyed by floods")
    c = claim("c", "The governor declared a state of emergency", sentence=1)
    vectors = unit([1, 0, 0], [0.95, 0.3, 0], [0, 0, 1])
    assert groups([a, b, c], vectors, cosine_model()) == [{a.id, b.id}, {c.id}]


def test_every_claim_lands_in_exactly_one_cluster() -> None:
    claims = [claim(s, f"text {s} {k} about the harbour", sentence=k) for s in "abc" for k in range(4)]
    vectors = FakeEmbedder().encode([c.text for c in claims])
    found = [cid for group in groups(claims, vectors, cosine_model()) for cid in group]
    assert sorted(found) == sorted(c.id for c in claims)


def test_two_clauses_of_one_sentence_never_share_a_cluster() -> None:
    a = claim("a", "rescuers searched the collapsed school", sentence=3)
    b = claim("a", "rescuers searched the collapsed school again", sentence=3)
    assert len(groups([a, b], unit([1, 0], [1, 0]), cosine_model())) == 2


def test_a_group_joins_only_when_its_members_are_alike_on_average() -> None:
    # b is like a and c, but a and c are unlike: average linkage keeps c out of {a, b}.
    a, b, c = claim("a", "x"), claim("b", "y"), claim("c", "z")
    vectors = unit([1, 0], [0.8, 0.6], [0.28, 0.96])
    assert groups([a, b, c], vectors, cosine_model()) == [{a.id, b.id}, {c.id}]


def test_two_sides_of_a_disputed_figure_join_when_no_article_states_both() -> None:
    a = claim("a", "the toll rose to 157", values=(count(157, "death"),))
    b = claim("b", "the toll stands at 157", values=(count(157, "death"),))
    c = claim("c", "112 people died", values=(count(112, "death"),))
    vectors = unit([1, 0], [1, 0], [0.6, 0.8])  # c is unlike a and b in its words
    assert len(groups([a, b, c], vectors, cosine_model())) == 2
    assert groups([a, b, c], vectors, cosine_model(dispute=0.01)) == [{a.id, b.id, c.id}]


def test_an_article_giving_both_figures_states_two_facts() -> None:
    a = claim("a", "the toll rose to 157", values=(count(157, "death"),))
    b = claim("b", "the toll stands at 157", values=(count(157, "death"),))
    c = claim("b", "112 people died in the district", sentence=4, values=(count(112, "death"),))
    vectors = unit([1, 0], [1, 0], [0.6, 0.8])
    assert len(groups([a, b, c], vectors, cosine_model(dispute=0.01))) == 2


def test_output_is_deterministic_and_ordered_by_reading_position() -> None:
    claims = [
        claim(s, f"the bridge over the river collapsed {k}", sentence=k) for s in "ba" for k in range(3)
    ]
    encode = FakeEmbedder().encode
    first = cluster_claims(claims, encode([c.text for c in claims]), pair_model=cosine_model())
    backwards = list(reversed(claims))
    second = cluster_claims(backwards, encode([c.text for c in backwards]), pair_model=cosine_model())
    assert [[c.id for c in x.claims] for x in first] == [[c.id for c in x.claims] for x in second]
    assert [x.id for x in first] == [f"f{n}" for n in range(1, len(first) + 1)]


def test_the_nearest_neighbour_index_gives_the_same_clusters_as_exact_search() -> None:
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(20, 32))
    vectors = np.repeat(centres, 3, axis=0) + 0.05 * rng.normal(size=(60, 32))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    claims = [claim("abc"[k % 3], f"fact {k // 3}", sentence=k) for k in range(60)]
    exact = groups(claims, vectors, cosine_model())
    indexed = groups(claims, vectors, cosine_model(), dense_limit=10)
    assert indexed == exact
    assert len(exact) == 20


def test_the_shipped_model_clusters_without_being_told_which() -> None:
    a = claim("a", "Floods destroyed the old stone bridge")
    b = claim("b", "The old stone bridge was destroyed by floods")
    vectors = unit([1, 0], [1, 0])
    assert cluster_claims([a, b], vectors) == cluster_claims([a, b], vectors, pair_model=shipped_model())


def test_two_articles_are_aligned_one_to_one_for_the_largest_total_likeness() -> None:
    # a1 is nearest b1, but pairing a1-b2 and a2-b1 gives more in total (1.65 against 1.0):
    # a greedy match would take a1-b1 and leave a2 with its worst partner.
    from mineralcheck.match.cluster import _aligned

    a1, a2 = claim("a", "one", sentence=0), claim("a", "two", sentence=1)
    b1, b2, b3 = (
        claim("b", "three", sentence=0),
        claim("b", "four", sentence=1),
        claim("b", "five", sentence=2),
    )
    claims = [a1, a2, b1, b2, b3]
    candidates = [(0, 2, 0.9), (0, 3, 0.8), (1, 2, 0.85), (1, 3, 0.1), (2, 3, 0.99)]  # b1-b2: one article
    assert _aligned(claims, candidates) == {(0, 3), (1, 2)}


def test_linking_at_one_threshold_does_not_depend_on_linking_at_others_before() -> None:
    """The fit links one set of scored pairs at many thresholds: each answer must be what that
    threshold alone gives. Linking at 0.4 scores a and c (not a candidate pair: cosine 0) while
    judging {a, b} against c; their conflicting figures must not become a dispute that a later
    link at 0.6 joins."""
    from mineralcheck.match.cluster import link, score_pairs

    a = claim("a", "the floods killed ten", values=(count(10, "death"),))
    b = claim("b", "floods hit the valley")
    c = claim("c", "twenty died in the floods", values=(count(20, "death"),))
    vectors = unit([1, 0, 0], [0.7, 0.7, 0], [0, 1, 0])
    model = cosine_model()
    alone = link(score_pairs([a, b, c], vectors, model), 0.6, 0.0)
    shared = score_pairs([a, b, c], vectors, model)
    link(shared, 0.4, 0.0)
    assert link(shared, 0.6, 0.0) == alone


def measure_model(dispute: float = 0.1) -> PairModel:
    """Like cosine_model, and a shared measure word raises the probability: at cosine 0.25 (not a
    candidate pair) two figures of one measure get 0.20, of two measures next to nothing."""
    weights = [0.0] * len(FEATURES)
    weights[FEATURES.index("cosine")] = 40.0
    weights[FEATURES.index("same_measure")] = 16.6
    zeros, ones = tuple(0.0 for _ in FEATURES), tuple(1.0 for _ in FEATURES)
    return PairModel(Logistic(tuple(weights), -28.0, zeros, ones), 0.5, dispute)


def joined(a: Claim, b: Claim, dispute: float = 0.1, *, named: bool = True) -> int:
    """How many clusters two claims worded apart (cosine 0.25) make."""
    from mineralcheck.match.cluster import link, score_pairs

    scored = score_pairs([a, b], unit([1, 0, 0], [0.25, 0.968, 0]), measure_model(dispute))
    return len(link(scored, 0.5, dispute, named=[a, b] if named else None))


def test_named_claims_that_are_not_the_scored_ones_are_refused() -> None:
    from mineralcheck.match.cluster import link, score_pairs

    a, b = claim("a", "ten people were killed"), claim("b", "the storm flooded the valley")
    scored = score_pairs([a, b], unit([1, 0, 0], [0, 1, 0]), measure_model())
    with pytest.raises(ValueError, match="named claims must be the scored claims"):
        link(scored, 0.5, 0.1, named=[b, a])


def worded(n: float, measure: str) -> Value:
    """A count with the words that say what it counts, as the parse reads them."""
    return replace(count(n, measure), measure=measure)


TOLL = claim("a", "ten people were killed", values=(worded(10, "death"),), sentence=2)


def other_outlet(text: str, *values: Value) -> Claim:
    """A claim in the body of another outlet's article."""
    return claim("b", text, values=values, sentence=4)


def test_one_measures_figure_from_outlets_worded_apart_is_one_fact() -> None:
    """A toll worded two ways is too unlike to link, or even to be a candidate pair, but both claims
    give a figure of one named measure in one frame, from two outlets, and are alike enough for a
    dispute (0.20 >= 0.1): one fact. Without the measures' names, two."""
    other = other_outlet("the death toll stood at 12", worded(12, "death"))
    assert joined(TOLL, other, named=False) == 2
    assert joined(TOLL, other) == 1


def test_figures_join_only_across_outlets_in_one_frame_and_above_the_dispute_bar() -> None:
    same_outlet = claim("a", "the death toll stood at 12", values=(worded(12, "death"),), sentence=3)
    assert joined(TOLL, same_outlet) == 2
    assert joined(TOLL, replace(same_outlet, sentence=0)) == 1  # its headline restates it
    assert joined(TOLL, other_outlet("12 people were injured", worded(12, "injured"))) == 2
    elsewhere = replace(worded(12, "death"), scope=("Varna",))
    assert joined(TOLL, other_outlet("the toll in Varna stood at 12", elsewhere)) == 2
    known_set = count(12, "death")  # "the 12 victims": no measure read, a reference to known dead
    assert joined(TOLL, other_outlet("the 12 victims were buried", known_set)) == 2
    assert joined(TOLL, other_outlet("the death toll stood at 12", worded(12, "death")), dispute=0.3) == 2


def test_figures_dated_apart_stay_apart() -> None:
    monday, friday = (Value("date", day, 0, 1, n, n, unit="day") for day, n in (("Monday", 1), ("Friday", 5)))
    dated = claim("a", "ten people were killed on Monday", values=(worded(10, "death"), monday), sentence=2)
    assert joined(dated, other_outlet("the toll stood at 12 on Friday", worded(12, "death"), friday)) == 2
    assert joined(dated, other_outlet("the toll stood at 12 on Monday", worded(12, "death"), monday)) == 1
