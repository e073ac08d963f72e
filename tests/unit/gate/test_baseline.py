"""The baseline file: deterministic, reviewable JSON; only accepted observations are written."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mineralcheck.errors import ConfigError
from mineralcheck.gate.baseline import Baseline, Observation, dumps, load, loads, observe, updated
from mineralcheck.gate.expectations import parse_value
from mineralcheck.gate.fit import Pin
from mineralcheck.models import Article, Claim, Cluster, Fact, Reason, SourceId
from mineralcheck.values import extract_values


def _baseline() -> Baseline:
    return Baseline(
        claims={
            "z-last": Observation("single", {"b": ()}),
            "a-first": Observation("agree", {"b": ("more than 90%",), "a": ("more than 90%",)}),
        },
        sources={"b": "2" * 64, "a": "1" * 64},
    )


def test_round_trip() -> None:
    assert loads(dumps(_baseline())) == _baseline()


def test_the_text_is_sorted_and_has_no_timestamp() -> None:
    text = dumps(_baseline())
    assert text == dumps(loads(text))  # same data, same bytes
    data = json.loads(text)
    assert list(data) == ["claims", "schema_version", "sources"]
    assert list(data["claims"]) == ["a-first", "z-last"]
    assert list(data["claims"]["a-first"]["sources"]) == ["a", "b"]
    assert "time" not in text and "date" not in text
    assert text.endswith("}\n")


def test_updating_keeps_the_old_entry_of_a_failed_expectation_and_drops_removed_ones() -> None:
    old = _baseline()
    articles = (Article(id=SourceId("c"), path="c.txt", text="", sha256="3" * 64),)
    new = updated(old, {"new": Observation("agree", {"c": ()})}, {"new", "z-last"}, articles)
    assert list(new.claims) == ["new", "z-last"]
    assert new.claims["z-last"] == old.claims["z-last"]
    assert new.sources == {"c": "3" * 64}


def test_observing_keeps_only_values_comparable_to_the_expected_one() -> None:
    text = "Norland will build 180 rowing boats next year for the 180th regatta"
    claim = Claim(
        id="a:0", source=SourceId("a"), start=0, end=len(text), line=1, evidence=text, text=text,
        values=extract_values(text),
    )  # fmt: skip
    fact = Fact(Cluster("f1", (claim,)), "single", Reason(""), text)
    assert observe(fact, parse_value("180 boats")).sources == {"a": ("180 boat",)}
    assert len(observe(fact).sources["a"]) >= 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{", "b.json:1: not valid JSON"),
        ('{"schema_version": 9, "claims": {}, "sources": {}}', "unknown baseline schema_version 9"),
        ('{"schema_version": 1, "sources": {}}', "not a mineralcheck baseline (missing key 'claims')"),
        ('{"schema_version": 1, "claims": {"a": 3}, "sources": {}}', "not a mineralcheck baseline"),
    ],
)
def test_a_broken_baseline_is_a_config_error_with_a_fix(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        loads(text, "b.json")
    assert expected in str(caught.value)
    assert "--update-baseline" in (caught.value.tip or "")


def test_a_missing_baseline_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path / "nope.json")
    assert "Baseline not found" in str(caught.value)


def test_a_pinned_expectation_observes_only_figures_of_its_frame() -> None:
    text = "3 people were killed and more than 320 injured"
    deaths, injured = extract_values(text)
    values = (replace(deaths, quantity="death"), replace(injured, quantity="injured"))
    claim = Claim("a:1", SourceId("a"), 0, len(text), 1, text, text, values=values)
    fact = Fact(Cluster("f1", (claim,)), "single", Reason(""), text)
    assert observe(fact).sources == {"a": ("3 death", "more than 320 injured")}
    assert observe(fact, pin=Pin.parse("injured")).sources == {"a": ("more than 320 injured",)}
