"""The demo corpus end to end: the quality bar of the compare issue, measured by the shared scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from mineralcheck import pipeline
from mineralcheck.report import ReportFormat, render
from tests.conftest import ROOT, SHARED_EVAL
from tests.test_corpora import score

pytestmark = pytest.mark.model


def test_seeds_meet_the_quality_bar(real_embedder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Score >= 0.80, no claim from page furniture, no report problem (issue: compare)."""
    gold = SHARED_EVAL / "seeds.gold.yaml"
    if not gold.is_file():
        pytest.skip("../shared/eval/seeds.gold.yaml is not beside the repository")
    monkeypatch.chdir(ROOT)
    report = pipeline.compare(["seeds"], pipeline.CompareOptions(use_cache=False), embedder=real_embedder)
    got = score(gold, render(report, ReportFormat.json), tmp_path)
    assert got["problems"] == []
    assert got["noise"] == 0
    assert got["score"] >= 0.80
    # A cross-checker that cries wolf is useless: every divergence on the seeds names its values.
    for fact in report.facts:
        if fact.verdict == "diverge":
            assert fact.reason.kind is not None and len(fact.reason.groups) >= 2
