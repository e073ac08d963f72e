"""Scenario corpora end to end with the real model: golden reports, and quality floors against gold files.

Each folder under tests/corpora holds a few articles about one invented event and a gold.yaml in the
format of ../shared/eval (facts, their sources and verdicts, page furniture). The golden report pins
today's output byte for byte (`make golden` rewrites it after a deliberate change); the floors say
how good the output must stay, measured by the shared scorer when it is beside the repository.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_EVAL
from tests.golden import CORPORA, golden_report

pytestmark = pytest.mark.model

# Score floors: the share of gold facts each corpus must keep getting right, and the most page
# furniture that may leak into claims. Raise them when the mechanism improves.
FLOORS = {
    "agree_paraphrase": 0.30,
    "deal": 0.40,
    "election": 0.55,
    "furniture": 0.60,
    "quake": 0.60,
    "single_article": 1.00,
}


@pytest.fixture(scope="module")
def reports(real_embedder, monkeypatch_module) -> dict[str, str]:  # type: ignore[no-untyped-def]
    monkeypatch_module.chdir(ROOT)
    return {case: golden_report(case, real_embedder) for case in CORPORA}


@pytest.fixture(scope="module")
def monkeypatch_module():  # type: ignore[no-untyped-def]
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def _scorer():  # type: ignore[no-untyped-def]
    path = SHARED_EVAL / "score.py"
    if not path.is_file():
        pytest.skip("../shared/eval/score.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["shared_score"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def score(case_gold: Path, report_text: str, tmp_path: Path) -> dict[str, object]:
    scorer = _scorer()
    report_path = tmp_path / "report.json"
    report_path.write_text(report_text, encoding="utf-8")
    facts, noise, texts = scorer.load_gold(case_gold)
    claims, clusters, problems = scorer.load_report(report_path, texts)
    outcomes = [scorer.judge(f, claims, clusters) for f in facts]
    noisy = sum(1 for c in claims if any(c.source == m.source and scorer.hits(c, m.spans) for m in noise))
    return {"score": sum(o.correct for o in outcomes) / len(facts), "noise": noisy, "problems": problems}


@pytest.mark.parametrize("case", CORPORA)
def test_report_matches_its_golden_file(case: str, reports: dict[str, str]) -> None:
    expected = (ROOT / "tests" / "corpora" / case / "expected.json").read_text(encoding="utf-8")
    assert reports[case] == expected, f"run `make golden` if the change to tests/corpora/{case} is deliberate"


@pytest.mark.parametrize("case", CORPORA)
def test_quality_stays_above_its_floor(case: str, reports: dict[str, str], tmp_path: Path) -> None:
    got = score(ROOT / "tests" / "corpora" / case / "gold.yaml", reports[case], tmp_path)
    assert got["problems"] == []
    assert got["score"] >= FLOORS[case]
    assert got["noise"] <= 2


def test_every_scenario_has_a_floor() -> None:
    assert sorted(FLOORS) == CORPORA


def test_reports_are_deterministic(real_embedder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    first = golden_report("quake", real_embedder)
    assert golden_report("quake", real_embedder) == first
    assert json.loads(first)["schema_version"] == 1
