"""`mineralcheck init`'s starter claims.yaml: facts several sources state, each written as a
readable sentence, with a value only when every source's figure fits it today."""

from __future__ import annotations

from mineralcheck.gate.expectations import loads
from mineralcheck.gate.starter import starter
from mineralcheck.models import Claim, Cluster, Fact, Reason, Report, SourceId
from mineralcheck.values import extract_values


def _claim(source: str, text: str, evidence: str | None = None) -> Claim:
    evidence = evidence or text
    return Claim(
        id=f"{source}:{text}", source=SourceId(source), start=0, end=len(evidence), line=1, evidence=evidence,
        text=text, values=extract_values(text),
    )  # fmt: skip


def _fact(fact_id: str, verdict: str, *claims: Claim) -> Fact:
    return Fact(Cluster(fact_id, claims), verdict, Reason(""), claims[0].text)  # type: ignore[arg-type]


CHINA = 'China "processes" more than 90%: of rare earths'


def test_the_starter_file_lists_multi_source_facts_and_validates() -> None:
    report = Report(
        articles=(),
        facts=(
            _fact(
                "f1", "agree", _claim("a", CHINA), _claim("b", "China processes more than 95% of rare earths")
            ),
            _fact("f2", "single", _claim("a", "A lone fact stands here")),
            _fact(
                "f3", "diverge", *(_claim(s, "China processes more than 90%: of rare earths") for s in "abc")
            ),
        ),
    )
    made = starter(report, ["news"])
    claims = loads(made.text)
    assert claims.sources == ("news",)
    first, second = claims.expectations
    assert made.expectations == 2  # what `init` says it wrote
    assert (first.id, first.status, first.min_sources) == (
        "china-processes-more-than-90-rare-earths",
        "agree",
        2,
    )
    assert first.match == (CHINA,)
    # "more than 95%" lies within "more than 90%": the expectation holds today.
    assert first.value is not None and first.value.text == "more than 90%"
    assert (second.id, second.status, second.min_sources, second.value) == (
        "china-processes-more-than-90-rare-earths-2",
        "diverge",
        3,
        None,
    )


def test_a_value_some_source_does_not_fit_is_left_out() -> None:
    injured = _fact(
        "f1",
        "agree",
        _claim("a", "more than 700 people were injured in the blast"),
        _claim("b", "about 1,000 people were injured in the blast"),
        _claim("c", "at least 516 people were injured in the blast"),
    )
    (only,) = loads(starter(Report((), (injured,))).text).expectations
    assert only.value is not None and only.value.text == "at least 516"  # all three lie within it
    two = _fact(
        "f1", "agree", _claim("a", "about 700 people were injured"), _claim("b", "about 1,000 were injured")
    )
    (only,) = loads(starter(Report((), (two,))).text).expectations
    assert only.value is None


def test_only_claims_that_read_as_sentences_become_expectations() -> None:
    broken = _fact(
        "f1",
        "agree",
        _claim("a", "The blast happened talks", evidence="The blast happened"),
        _claim(
            "b", "Over 500 begins", evidence="Over 500 injured in massive blast at Iran port as talks begins"
        ),
    )
    readable_elsewhere = _fact(
        "f2",
        "agree",
        _claim("a", 'Takaichi also emphasized the nations\' bond, saying "."'),
        _claim("b", "Takaichi emphasized the bond between the two nations"),
    )
    text = starter(Report((), (broken, readable_elsewhere))).text
    (only,) = loads(text).expectations
    assert only.match == ("Takaichi emphasized the bond between the two nations",)
    assert "The blast happened talks" not in text and "Over 500 begins" not in text
    assert "# 1 more facts that several sources state were left out" in text


def test_nothing_to_write_is_still_a_valid_file_that_says_why() -> None:
    made = starter(Report((), ()))
    text = made.text
    assert made.expectations == 0
    assert "claims: []" in text
