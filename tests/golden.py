"""What a golden scenario report is: the JSON report of one corpus under tests/corpora, run from the root."""

from __future__ import annotations

from pathlib import Path

from mineralcheck import pipeline
from mineralcheck.embed import Embedder
from mineralcheck.report import ReportFormat, render

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted(p.name for p in (ROOT / "tests" / "corpora").iterdir() if (p / "gold.yaml").is_file())


def golden_report(case: str, embedder: Embedder) -> str:
    """The JSON report of tests/corpora/<case>, without the cache, paths relative to the repository."""
    report = pipeline.compare(
        [f"tests/corpora/{case}"], pipeline.CompareOptions(use_cache=False), embedder=embedder
    )
    return render(report, ReportFormat.json)
