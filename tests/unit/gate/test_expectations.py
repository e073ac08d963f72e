"""claims.yaml: loading, strict validation with FILE:LINE and suggestions, value syntax, frame pins."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from mineralcheck.errors import ConfigError
from mineralcheck.gate.expectations import load, loads, parse_value
from mineralcheck.gate.fit import Pin

SKETCH = """\
version: 1
sources: [seeds/]                # default paths to check
defaults: {min_sources: 1, severity: error}
claims:
  - id: norvia-refining-share
    title: Norvia refines more than 90% of the world's cobalt
    match: "Norvia refines more than 90% of cobalt"
    expect: {value: ">90%", status: agree, min_sources: 2}
  - id: two-busiest-ports
    title: Which pair are the region's two busiest ports
    match: "the region's two busiest ports"
    expect: {status: diverge}
    severity: warning
    tags: [known]
    xfail: {reason: not clustered yet}
"""


def error_of(text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        loads(text)
    return str(caught.value)


def test_the_sketch_of_the_issue_loads() -> None:
    claims = loads(SKETCH, base=Path("project"))
    assert claims.version == 1
    assert claims.sources == (str(Path("project/seeds")),)
    norvia, pair = claims.expectations
    assert (norvia.id, norvia.line, norvia.status, norvia.min_sources, norvia.severity) == (
        "norvia-refining-share",
        5,
        "agree",
        2,
        "error",
    )
    assert norvia.match == ("Norvia refines more than 90% of cobalt",)
    assert norvia.value is not None and norvia.value.text == ">90%"
    assert (pair.status, pair.severity, pair.tags, pair.xfail) == (
        "diverge",
        "warning",
        ("known",),
        "not clustered yet",
    )
    assert pair.value is None and pair.min_sources == 1
    assert claims.by_id("two-busiest-ports") is pair


@pytest.mark.parametrize(
    ("text", "kind", "low", "high", "unit", "quantity"),
    [
        (">90%", "quantity", 90, math.inf, "percent", ""),
        (">=157", "quantity", 157, math.inf, "", ""),
        ("<5 km", "quantity", -math.inf, 5, "km", ""),
        ("~70%", "quantity", 65, 75, "percent", ""),
        ("180", "quantity", 180, 180, "", ""),
        ("180 boats", "quantity", 180, 180, "", "boat"),
        ("6.1 magnitude", "quantity", 6.1, 6.1, "magnitude", ""),
        ("six months", "quantity", 6, 6, "month", ""),
        ("2015-07-28", "date", 735807, 735807, "day", ""),
        ("Thursday", "weekday", 3, 3, "weekday", ""),
    ],
)
def test_value_syntax(text: str, kind: str, low: float, high: float, unit: str, quantity: str) -> None:
    value = parse_value(text)
    assert value is not None
    assert (value.kind, value.low, value.high, value.unit, value.quantity) == (
        kind,
        low,
        high,
        unit,
        quantity,
    )


def test_unquoted_dates_and_numbers_are_values_too() -> None:
    claims = loads(
        "version: 1\nclaims:\n"
        "  - {id: a, match: x, expect: {value: 2015-07-28}}\n"
        "  - {id: b, match: y, expect: {value: 180}}\n"
    )
    assert [e.value.text for e in claims.expectations if e.value] == ["2015-07-28", "180"]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        (
            "expect: {min_source: 2}",
            "claims.yaml:5: unknown key 'min_source' in expect of claim 'a'; did you mean 'min_sources'?",
        ),
        (
            "min_sources: 2",
            "claims.yaml:5: 'min_sources' is not allowed in claim 'a': it belongs under 'expect:'",
        ),
        ("expect: {value: banana}", "claims.yaml:5: cannot read value 'banana' of claim 'a'"),
        ("expect: {status: agreed}", "claims.yaml:5: bad status 'agreed': did you mean 'agree'?"),
        ("expect: {min_sources: 0}", "claims.yaml:5: bad min_sources 0: expected a whole number, 1 or more"),
        ("severity: fatal", "claims.yaml:5: bad severity 'fatal'"),
        ("xfail: {why: x}", "claims.yaml:5: unknown key 'why' in xfail of claim 'a'"),
        ("min_score: 7", "claims.yaml:5: bad min_score 7"),
        ("scope: Calder", "claims.yaml:5: 'scope' of claim 'a' needs a 'measure'"),
        ("measure: [deaths]", "claims.yaml:5: measure of claim 'a' must be non-empty text"),
        ("measure: 'deaths: 12'", "claims.yaml:5: bad measure 'deaths: 12' of claim 'a'"),
        ("mesure: deaths", "claims.yaml:5: unknown key 'mesure' in claim 'a'; did you mean 'measure'?"),
    ],
)
def test_bad_keys_and_values_name_the_line_and_suggest_the_fix(fragment: str, expected: str) -> None:
    text = f"version: 1\nclaims:\n  - id: a\n    match: x\n    {fragment}\n"
    assert expected in error_of(text)


def test_a_measure_and_scope_pin_the_figure_and_make_match_words_optional() -> None:
    text = (
        "version: 1\nclaims:\n"
        "  - {id: a, measure: confirmed cases, scope: [Varna], expect: {value: '>=16'}}\n"
        "  - {id: b, measure: arrests in Calder, match: police arrested people}\n"
    )
    first, second = loads(text).expectations
    assert first.pin == Pin("case", ("confirmed",), ("Varna",))
    assert (first.match, first.title) == ((), "confirmed case in Varna")
    assert second.pin == Pin("arrest", (), ("Calder",)) and second.match == ("police arrested people",)


def test_duplicate_ids_name_both_lines() -> None:
    text = "version: 1\nclaims:\n  - {id: a, match: x}\n  - {id: b, match: y}\n  - {id: a, match: z}\n"
    assert error_of(text) == "claims.yaml:5: duplicate id 'a' (first on line 3)"


def test_a_duplicate_yaml_key_is_an_error_not_a_silent_override() -> None:
    assert error_of("version: 1\nversion: 1\nclaims: []\n").startswith(
        "claims.yaml:2: duplicate key 'version'"
    )


def test_every_error_is_reported_at_once() -> None:
    message = error_of(
        "version: 1\nclaims:\n  - {id: a, match: x, sevrity: error}\n  - {id: 'b c', match: y}\n"
    )
    assert message.startswith("claims.yaml has 2 errors:")
    assert "claims.yaml:3: unknown key 'sevrity'" in message and "did you mean 'severity'?" in message
    assert "claims.yaml:4: bad id 'b c'" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("version: 2\nclaims: [{id: a, match: x}]\n", "claims.yaml:1: unknown version 2"),
        ("claims: [{id: a, match: x}]\n", "claims.yaml:1: missing 'version'"),
        ("version: 1\nclaims: []\n", "claims.yaml:2: 'claims' is empty"),
        ("version: 1\nclaims:\n  - {match: x}\n", "claims.yaml:3: claim without an 'id'"),
        ("version: 1\nclaims:\n  - {id: a}\n", "claims.yaml:3: claim 'a' has no 'match' (the sentence"),
        (
            "version: 1\nclaim: []\n",
            "claims.yaml:2: unknown key 'claim' in the top level; did you mean 'claims'?",
        ),
        ("- a\n- b\n", "claims.yaml:1: the top level must be a mapping"),
        ("", "claims.yaml is empty"),
        ("version: 1\nclaims: [\n", "claims.yaml:3: invalid YAML"),
    ],
)
def test_structural_errors(text: str, expected: str) -> None:
    assert error_of(text).startswith(expected)


def test_only_plain_data_is_loaded() -> None:
    # A safe loader refuses Python object tags instead of running them.
    message = error_of("version: 1\nclaims: !!python/object/apply:os.system ['true']\n")
    assert message.startswith("claims.yaml:2: invalid YAML")


def test_a_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path / "claims.yaml")
    assert "Claims file not found" in str(caught.value) and "mineralcheck init" in (caught.value.tip or "")


def test_sources_are_resolved_next_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "claims.yaml").write_text(
        "version: 1\nsources: [../news]\nclaims: [{id: a, match: x}]\n"
    )
    assert load(tmp_path / "ci" / "claims.yaml").sources == (str(tmp_path / "ci" / "../news"),)


def test_the_seeds_claims_file_lists_the_expected_facts() -> None:
    claims = load(Path(__file__).parents[3] / "claims.yaml")
    assert len(claims.expectations) >= 12
    ids = {e.id for e in claims.expectations}
    assert {
        "china-processing-share",
        "us-one-rare-earth-mine",
        "japan-reliance-on-china",
        "projects-within-six-months",
        "cherry-trees",
        "signing-date",
        "trump-xi-thursday",
        "two-largest-economies",
    } <= ids
    signing = claims.by_id("signing-date")
    assert (signing.status, signing.min_sources) == ("agree", 3)
