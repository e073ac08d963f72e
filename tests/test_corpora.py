"""Scenario corpora end to end with the real model: each fact's verdict and sources, and quality floors.

Each folder under tests/corpora holds a few articles about one invented event and a gold.yaml in the
format of ../shared/eval (facts, their sources and verdicts, page furniture). expected.txt says, for
every gold fact, which verdict and sources mineralcheck gives today (`make golden` rewrites it after
a deliberate change: review its diff fact by fact); the floors say how good the output must stay,
measured by the shared scorer.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT
from tests.golden import CORPORA, corpus_report, expectation
from tests.quality import evaluate

pytestmark = pytest.mark.model

# The share of gold facts each corpus must keep getting right: just below what it scores today.
FLOORS = {
    "agree_paraphrase": 0.45,
    "deal": 0.50,
    "election": 0.55,
    "furniture": 0.65,
    "quake": 0.60,
    "single_article": 1.00,
}


@pytest.fixture(scope="module")
def reports(real_embedder, monkeypatch_module) -> dict[str, str]:  # type: ignore[no-untyped-def]
    monkeypatch_module.chdir(ROOT)
    return {case: corpus_report(case, real_embedder) for case in CORPORA}


@pytest.fixture(scope="module")
def monkeypatch_module():  # type: ignore[no-untyped-def]
    with pytest.MonkeyPatch.context() as mp:
        yield mp


@pytest.mark.parametrize("case", CORPORA)
def test_each_fact_gets_the_verdict_and_sources_it_got_before(case: str, reports: dict[str, str]) -> None:
    expected = (ROOT / "tests" / "corpora" / case / "expected.txt").read_text(encoding="utf-8")
    assert expectation(case, reports[case]) == expected, (
        f"run `make golden` if the change to tests/corpora/{case} is deliberate, and review its diff"
    )


@pytest.mark.parametrize("case", CORPORA)
def test_quality_stays_above_its_floor(case: str, reports: dict[str, str]) -> None:
    got, _outcomes, _clusters = evaluate(ROOT / "tests" / "corpora" / case / "gold.yaml", reports[case])
    assert got["problems"] == []
    assert got["score"] >= FLOORS[case]
    assert got["noise"] == 0  # no claim from page furniture


def test_every_scenario_has_a_floor() -> None:
    assert sorted(FLOORS) == CORPORA


def test_reports_are_deterministic(real_embedder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    first = corpus_report("quake", real_embedder)
    assert corpus_report("quake", real_embedder) == first
    assert json.loads(first)["schema_version"] == 1
