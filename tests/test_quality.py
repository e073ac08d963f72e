"""Real coverage end to end: the seeds and each event of ../shared/eval/dev, scored by the shared scorer.

The floors sit just below what each event scores today with the shipped pair model (bench/QUALITY.md
has the full table and the leave-one-event-out figures); a change that loses facts on any real event
fails here. These tests need ../shared beside the repository: without it they fail and say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mineralcheck import pipeline
from mineralcheck.report import ReportFormat, render
from tests.quality import SHARED, SHARED_EVAL, evaluate, require_shared

pytestmark = pytest.mark.model

# Share of gold facts right, per real event: just below today's score.
FLOORS = {
    "seeds": 0.80,
    "france-pension-protests-2023-03-23": 0.54,
    "iran-shahid-rajaee-port-explosion-2025": 0.48,
    "trump-civil-fraud-ruling-2024": 0.47,
    "uganda-ebola-sudan-outbreak-2022-09": 0.48,
}


def _corpus(name: str) -> tuple[Path, Path]:
    if name == "seeds":
        return require_shared(SHARED / "seeds"), require_shared(SHARED_EVAL / "seeds.gold.yaml")
    gold = require_shared(SHARED_EVAL / "dev" / f"{name}.gold.yaml")
    folder = yaml.safe_load(gold.read_text(encoding="utf-8")).get("corpus") or name
    return require_shared(gold.parent / folder), gold


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_each_real_event_stays_above_its_floor(name: str, real_embedder) -> None:  # type: ignore[no-untyped-def]
    folder, gold = _corpus(name)
    report = pipeline.compare([str(folder)], pipeline.CompareOptions(use_cache=False), embedder=real_embedder)
    got, _outcomes, _clusters = evaluate(gold, render(report, ReportFormat.json))
    assert got["problems"] == []
    assert got["noise"] == 0, f"{name}: {got['noise']} claims taken from page furniture"
    assert got["score"] >= FLOORS[name], f"{name}: {got['score']:.3f} < {FLOORS[name]}"
    # A cross-checker that cries wolf is not trusted.
    assert got["diverge_precision"] >= 0.6
    for fact in report.facts:
        if fact.verdict == "diverge":
            assert fact.reason.kind is not None and len(fact.reason.groups) >= 2


def test_the_development_events_are_all_measured() -> None:
    dev = require_shared(SHARED_EVAL / "dev")
    names = {p.name.removesuffix(".gold.yaml") for p in dev.glob("*.gold.yaml")}
    assert names == set(FLOORS) - {"seeds"}
