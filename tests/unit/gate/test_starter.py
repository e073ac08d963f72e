"""`mineralcheck init`'s starter claims.yaml: facts several sources state, each written as a whole
sentence, with a value only where that sentence states one every source's figure fits, and nothing
that `mineralcheck check` would fail on the same report."""

from __future__ import annotations

from mineralcheck.gate.evaluate import evaluate
from mineralcheck.gate.expectations import loads
from mineralcheck.gate.starter import Starter, starter
from mineralcheck.models import Claim, Cluster, Fact, Reason, Report, SourceId
from mineralcheck.values import extract_values
from tests.fakes import FakeEmbedder


def _claim(source: str, text: str, evidence: str | None = None, *, n: int = 0) -> Claim:
    evidence = evidence or text
    return Claim(
        id=f"{source}:{n}:{text}", source=SourceId(source), start=0, end=len(evidence), line=1,
        evidence=evidence, text=text, values=extract_values(text),
    )  # fmt: skip


def _fact(fact_id: str, verdict: str, *claims: Claim) -> Fact:
    return Fact(Cluster(fact_id, claims), verdict, Reason(""), claims[0].text)  # type: ignore[arg-type]


def _starter(*facts: Fact, sources: list[str] | None = None) -> Starter:
    return starter(Report((), facts), sources or [], embedder=FakeEmbedder())


def _holds(made: Starter, *facts: Fact) -> bool:
    """What `mineralcheck check` would say of the file on the same report."""
    result = evaluate(loads(made.text), Report((), facts), embedder=FakeEmbedder())
    return all(r.outcome == "passed" for r in result.results)


NORVIA = "Norvia refines more than 80% of the world's cobalt"


def test_the_starter_file_lists_multi_source_facts_and_validates() -> None:
    agree = _fact("f1", "agree", _claim("a", NORVIA), _claim("b", "Norvia refines more than 85% of cobalt"))
    single = _fact("f2", "single", _claim("a", "A lone fact stands here"))
    made = _starter(agree, single, sources=["news"])
    claims = loads(made.text)
    assert claims.sources == ("news",)
    (first,) = claims.expectations
    assert made.expectations == 1  # what `init` says it wrote
    assert (first.id, first.status, first.min_sources) == (
        "norvia-refines-more-than-80-world-s-coba",
        "agree",
        2,
    )
    assert first.match == (NORVIA,)
    # "more than 85%" lies within "more than 80%", as the title writes it: the expectation holds today.
    assert first.value is not None and first.value.text == "more than 80%"
    assert _holds(made, agree, single)


def test_a_value_some_source_does_not_fit_is_left_out() -> None:
    injured = _fact(
        "f1",
        "agree",
        _claim("a", "At least 212 people were injured in the crash"),
        _claim("b", "More than 300 people were injured in the crash"),
        _claim("c", "About 450 people were injured in the crash"),
    )
    (only,) = loads(_starter(injured).text).expectations
    assert only.value is not None and only.value.text == "At least 212"  # all three lie within it
    two = _fact(
        "f1", "agree", _claim("a", "About 320 people were injured"), _claim("b", "About 460 were injured")
    )
    (only,) = loads(_starter(two).text).expectations
    assert only.value is None


def test_a_value_is_pinned_only_where_the_title_states_it() -> None:
    # The "2" of another claim's "the 2 towns" is not what the title says (issue 20).
    golden = _fact(
        "f1",
        "agree",
        _claim("a", "Quenby hailed the dawn of a new shared prosperity for the partnership"),
        _claim("b", "They spoke of a new shared prosperity in the partnership between the 2 towns"),
        _claim("c", "The 2 towns spoke of a new shared prosperity of the partnership"),
    )
    (only,) = loads(_starter(golden).text).expectations
    assert only.match == ("Quenby hailed the dawn of a new shared prosperity for the partnership",)
    assert only.value is None


def test_a_title_with_two_dates_of_one_kind_pins_neither() -> None:
    # "July 29" fits one of the two dates of the sentence, but the meeting is on the 30th.
    meeting = _fact(
        "f1",
        "agree",
        _claim(
            "a",
            "The minister flies to Velmora on Wednesday (Jul 29) and meets the governor on Thursday (Jul 30)",
        ),
        _claim("b", "The minister flies to Velmora on July 29 and meets the governor there"),
    )
    (only,) = loads(_starter(meeting).text).expectations
    assert only.value is None


def test_a_figure_no_other_source_can_confirm_is_not_pinned() -> None:
    # Ordinals of different things ("third title", "first half") never compare: nothing to pin.
    title = _fact(
        "f1",
        "agree",
        _claim("a", "This was Calder's third league title win"),
        _claim("b", "Calder won the league for a third time"),
    )
    (only,) = loads(_starter(title).text).expectations
    assert only.value is None


def test_only_claims_that_read_as_whole_sentences_become_expectations() -> None:
    pairs = [
        ("only weeks after he joined the board", "weeks after he joined the board"),
        ("Norvia refining more than 80% of these metals", "Norvia refining 80%"),
        ("thanked the mayor for his long friendship with Pell", "thanked the mayor warmly"),
        ("a trip squeezed between a summit in Ostrava", "a trip squeezed between two summits"),
        (
            "The coach described him as “a rock for the whole squad,”",
            "The coach described him as “a rock for the squad,”",
        ),
        ("when the roof of his tin shed collapsed", "when the roof of the shed collapsed"),
    ]
    fragments = [_fact(f"f{n}", "agree", _claim("a", a), _claim("b", b)) for n, (a, b) in enumerate(pairs)]
    readable_elsewhere = _fact(
        "f7",
        "agree",
        _claim("a", 'Quenby also stressed the towns\' ties, saying "."'),
        _claim("b", "Quenby stressed the ties between the two towns"),
    )
    made = _starter(*fragments, readable_elsewhere)
    (only,) = loads(made.text).expectations
    assert only.match == ("Quenby stressed the ties between the two towns",)
    assert (
        "#   6 facts that several sources state, but in no claim that reads as a whole sentence" in made.text
    )


def test_the_closing_comment_always_says_what_was_left_out() -> None:
    agree = _fact("f1", "agree", _claim("a", NORVIA), _claim("b", NORVIA))
    single = _fact("f2", "single", _claim("a", "A lone fact stands here"))
    text = _starter(agree, single).text
    assert text.endswith(
        "# Left out:\n"
        "#   1 fact that only one source states (nothing to cross-check)\n"
        "#   0 facts that several sources state, but in no claim that reads as a whole sentence\n"
        "#   0 facts whose expectation `mineralcheck check` would fail or warn on these same articles\n"
    )


def test_an_expectation_check_would_fail_is_left_out() -> None:
    # Two facts told in the same words: the second one's sentence matches the first fact as well
    # as its own, `check` takes the first, and finds too few sources there. Left out.
    told = "The bridge reopened to traffic on Monday morning"
    first = _fact("f1", "agree", _claim("a", told), _claim("b", told))
    second = _fact("f2", "agree", _claim("c", told, n=1), _claim("a", told, n=1), _claim("b", told, n=1))
    made = _starter(first, second)
    assert [(e.match, e.min_sources) for e in loads(made.text).expectations] == [((told,), 2)]
    assert (
        "#   1 fact whose expectation `mineralcheck check` would fail or warn on these same articles"
        in made.text
    )
    assert _holds(made, first, second)


def test_nothing_to_write_is_still_a_valid_file_that_says_why() -> None:
    made = _starter()
    assert made.expectations == 0
    assert "claims: []  # no fact that several sources state could be written: see below" in made.text
