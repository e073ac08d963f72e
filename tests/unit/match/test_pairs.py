"""Pair features: what makes two claims one fact, slot by slot of the fact frame."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from mineralcheck.match.pairs import (
    FEATURES,
    ClaimView,
    PairModel,
    Wording,
    close_figures,
    frame_compatible,
    frames_exclusive,
    pair_features,
    same_places,
    shipped_model,
)
from mineralcheck.models import Claim, SourceId, Value


def figure(n: float, measure: str = "death", *, high: float | None = None, **kw: object) -> Value:
    return Value("quantity", str(n), 0, 1, n, n if high is None else high, quantity=measure, **kw)  # type: ignore[arg-type]


def view(source: str = "a", *values: Value, sentence: int = 1, **kw: object) -> ClaimView:
    claim = Claim(
        id=f"{source}:{sentence}",
        source=SourceId(source),
        start=0,
        end=1,
        line=1,
        evidence="x",
        text="some words of a claim",
        values=values,
        sentence=sentence,
        **kw,  # type: ignore[arg-type]
    )
    return ClaimView.of(claim)


def features(a: ClaimView, b: ClaimView) -> dict[str, float]:
    row = pair_features(a, b, cosine=0.5, wording=0.2, best_match=0.0, aligned=False)
    return dict(zip(FEATURES, row, strict=True))


def test_a_shared_specific_figure_is_strong_evidence_and_a_small_count_weak() -> None:
    assert features(view("a", figure(63)), view("b", figure(63)))["shared_figure"] == 1.0
    assert features(view("a", figure(2)), view("b", figure(2)))["shared_figure"] == pytest.approx(1 / 3)
    assert features(view("a"), view("b"))["shared_figure"] == 0.0


def test_the_same_figure_qualified_differently_is_two_facts() -> None:
    confirmed = view("a", figure(18, "case", qualifiers=("confirmed",)))
    probable = view("b", figure(18, "case", qualifiers=("probable",)))
    found = features(confirmed, probable)
    assert found["shared_figure"] == 0.0
    assert found["qualifier_conflict"] == 1.0


def test_different_figures_of_one_measure_conflict_and_one_article_never_contradicts_itself() -> None:
    across = features(view("a", figure(63)), view("b", figure(48)))
    assert across["figure_conflict"] == 1.0 and across["same_source_conflict"] == 0.0
    within = features(view("a", figure(63)), view("a", figure(48), sentence=2))
    assert within["same_source_conflict"] == 1.0


def test_an_open_ended_figure_is_not_the_same_figure_as_a_much_larger_one() -> None:
    more_than_210 = figure(210e6, "", high=math.inf, unit="usd")
    exact_290 = figure(290e6, "", unit="usd")
    assert not close_figures(more_than_210, exact_290)
    assert close_figures(figure(212.4e6, "", unit="usd"), figure(212e6, "", unit="usd"))


def test_figures_of_two_owners_never_compare_and_an_owner_on_one_side_restricts_nothing() -> None:
    acme, brio, bare = (figure(6, "output", unit="percent", owner=o) for o in ("Acme", "Brio", ""))
    three = figure(3, "output", unit="percent")
    assert frame_compatible(acme, replace(brio, low=3, high=3)) is None
    assert frame_compatible(acme, three) is False  # one outlet's "Acme output", another's "its output"
    assert frame_compatible(acme, bare) is True
    assert frame_compatible(acme, replace(bare, owner="Acme Corp")) is True  # a short form of one name
    assert frames_exclusive(view("a", acme), view("b", brio))
    assert not frames_exclusive(view("a", acme), view("b", three))


def test_places_differ_unless_spelled_two_ways() -> None:
    assert same_places(("Ostvale",), ("Oostvale",))
    assert not same_places(("Corvia",), ("Marren",))
    district = view("a", figure(24), scope=("Ostvale",))
    other = view("b", figure(24), scope=("Marren",))
    assert features(district, other)["scope_conflict"] == 1.0


def test_an_increment_and_a_running_total_are_two_facts() -> None:
    update = figure(4, "death", increment=True)
    total = figure(4, "death")
    assert features(view("a", update), view("b", total))["qualifier_conflict"] == 1.0
    assert features(view("a", update), view("b", figure(4, "death", increment=True)))["shared_figure"] > 0
    assert frame_compatible(update, total) is None


def test_two_increments_restricted_differently_are_two_facts() -> None:
    new_confirmed = figure(2, "case", increment=True, qualifiers=("confirmed",))
    new_probable = figure(2, "case", increment=True, qualifiers=("probable",))
    assert features(view("a", new_confirmed), view("b", new_probable))["qualifier_conflict"] == 1.0
    assert features(view("a", new_confirmed), view("b", new_confirmed))["qualifier_conflict"] == 0.0


def test_an_earlier_value_is_another_time() -> None:
    earlier = view("a", figure(41.3, "turnout"), earlier=True)
    now = view("b", figure(48.5, "turnout"))
    assert features(earlier, now)["time_conflict"] == 1.0


def test_a_denial_and_an_assertion_differ_in_polarity() -> None:
    assert features(view("a", negated=True), view("b"))["polarity_differs"] == 1.0


def test_figures_compare_in_a_verdict_only_within_one_frame() -> None:
    assert frame_compatible(figure(63), figure(48)) is False
    assert frame_compatible(figure(63), figure(63)) is True
    assert frame_compatible(figure(63), figure(48, "arrest")) is None
    assert (
        frame_compatible(figure(18, qualifiers=("confirmed",)), figure(17, qualifiers=("probable",))) is None
    )
    assert frame_compatible(figure(24, scope=("Ostvale",)), figure(63)) is None


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


def test_a_model_round_trips_through_json_and_refuses_other_features() -> None:
    model = shipped_model()
    again = PairModel.from_json(model.to_json())
    assert again == model
    assert len(model.logistic.weights) == len(FEATURES)
    with pytest.raises(ValueError, match="make fit"):
        PairModel.from_json(model.to_json().replace('"cosine"', '"cosine2"'))


def test_two_lower_bounds_that_are_not_one_figure_are_two_counts() -> None:
    at_least_280 = figure(280, "injured", high=math.inf)
    more_than_300 = figure(300, "injured", high=math.inf)
    assert frame_compatible(at_least_280, more_than_300) is False
    assert frame_compatible(figure(600, "fire", high=math.inf), figure(604, "fire")) is True
