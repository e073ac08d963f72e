"""Claims + vectors -> clusters: same fact together, different facts apart, deterministic, scalable."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from mineralcheck.cluster import ClusterParams, Wording, cluster_claims, pair_similarity, same_scope
from mineralcheck.embed import FakeEmbedder
from mineralcheck.models import Claim, SourceId, Value


def claim(
    source: str, text: str, *, sentence: int = 0, values: tuple[Value, ...] = (), **kw: object
) -> Claim:
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
        **kw,  # type: ignore[arg-type]
    )


def count(n: float, quantity: str = "", unit: str = "") -> Value:
    return Value("quantity", str(n), 0, 1, n, n, unit=unit, quantity=quantity)


def groups(claims: list[Claim], vectors: np.ndarray | None = None, **params: float) -> list[set[str]]:
    if vectors is None:
        vectors = FakeEmbedder().encode([c.text for c in claims])
    clusters = cluster_claims(claims, vectors, replace(ClusterParams(), **params))
    return [{c.id for c in cluster.claims} for cluster in clusters]


def test_the_same_fact_in_two_articles_is_one_cluster() -> None:
    a = claim("a", "Floods destroyed the old stone bridge over the Kolva river")
    b = claim("b", "The old stone bridge over the Kolva river was destroyed by floods")
    c = claim("c", "The regional governor declared a state of emergency", sentence=1)
    assert groups([a, b, c]) == [{a.id, b.id}, {c.id}]


def test_every_claim_lands_in_exactly_one_cluster() -> None:
    claims = [claim(s, f"text {s} {k} about the harbour", sentence=k) for s in "abc" for k in range(4)]
    found = [cid for group in groups(claims) for cid in group]
    assert sorted(found) == sorted(c.id for c in claims)


def test_two_clauses_of_one_sentence_never_share_a_cluster() -> None:
    a = claim("a", "rescuers searched the collapsed school", sentence=3)
    b = claim("a", "rescuers searched the collapsed school again", sentence=3)
    assert pair_similarity(a, b, 1.0, 1.0, ClusterParams()) == -1.0
    assert len(groups([a, b])) == 2


def test_a_shared_specific_figure_is_strong_evidence_and_a_small_count_is_weak() -> None:
    params = ClusterParams()
    plain = pair_similarity(claim("a", "x"), claim("b", "y"), 0.5, 0.2, params)
    specific = pair_similarity(
        claim("a", "x", values=(count(157),)), claim("b", "y", values=(count(157),)), 0.5, 0.2, params
    )
    small = pair_similarity(
        claim("a", "x", values=(count(2),)), claim("b", "y", values=(count(2),)), 0.5, 0.2, params
    )
    assert specific - plain == pytest.approx(params.value_bonus)
    assert 0 < small - plain < specific - plain


def test_figures_in_different_units_pull_claims_apart() -> None:
    depth = claim("a", "it struck at a depth of 10 km", values=(count(10, unit="km"),))
    magnitude = claim("b", "it measured magnitude 6.1", values=(count(6.1, unit="magnitude"),))
    params = ClusterParams()
    assert pair_similarity(depth, magnitude, 0.6, 0.3, params) < 0.7 * 0.6 + 0.3 * 0.3


def test_a_district_figure_and_the_national_figure_are_kept_apart() -> None:
    national = claim("a", "the toll rose to 157", values=(count(157, "death"),))
    district = claim(
        "b", "the toll rose to 105 in Jajarkot", values=(count(105, "death"),), scope=("Jajarkot",)
    )
    params = ClusterParams()
    same = pair_similarity(national, replace(district, scope=()), 0.8, 0.6, params)
    assert pair_similarity(national, district, 0.8, 0.6, params) == pytest.approx(same - params.scope_penalty)


def test_spelling_variants_of_a_place_are_one_scope() -> None:
    assert same_scope(("Gharmabad",), ("Garmobod",))
    assert not same_scope(("Jajarkot",), ("Rukum",))
    assert not same_scope((), ("Rukum",))


def test_words_every_claim_shares_weigh_less_than_words_that_single_out_a_fact() -> None:
    wording = Wording(
        [
            "the earthquake damaged the stockpiling depot",
            "the earthquake damaged a stockpiling depot",
            "the earthquake hit the capital",
            "the earthquake hit the coast",
        ]
    )
    assert wording.score(0, 1) > wording.score(2, 3)


def test_mutual_best_matches_across_articles_join_on_weaker_similarity() -> None:
    a = claim("a", "building work will start in spring next year")
    b = claim("b", "work on the tracks is due to begin next spring")
    vectors = np.array([[1.0, 0.0], [0.8, 0.6]], dtype=np.float32)  # cosine 0.8
    assert groups([a, b], vectors, threshold=0.99, lexical_weight=0.0) == [{a.id, b.id}]
    assert len(groups([a, b], vectors, threshold=0.99, mutual_floor=0.99, lexical_weight=0.0)) == 2


def test_output_is_deterministic_and_ordered_by_reading_position() -> None:
    claims = [
        claim(s, f"the bridge over the river collapsed {k}", sentence=k) for s in "ba" for k in range(3)
    ]
    first = cluster_claims(claims, FakeEmbedder().encode([c.text for c in claims]))
    second = cluster_claims(list(reversed(claims)), FakeEmbedder().encode([c.text for c in reversed(claims)]))
    assert [[c.id for c in x.claims] for x in first] == [[c.id for c in x.claims] for x in second]
    assert [x.id for x in first] == [f"f{n}" for n in range(1, len(first) + 1)]


def test_the_nearest_neighbour_index_gives_the_same_clusters_as_exact_search() -> None:
    rng = np.random.default_rng(7)
    centres = rng.normal(size=(20, 32))
    vectors = np.repeat(centres, 3, axis=0) + 0.05 * rng.normal(size=(60, 32))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    claims = [claim("abc"[k % 3], f"fact {k // 3}", sentence=k) for k in range(60)]
    exact = groups(claims, vectors, lexical_weight=0.0)
    indexed = groups(claims, vectors, lexical_weight=0.0, dense_limit=10)
    assert indexed == exact
    assert len(exact) == 20
