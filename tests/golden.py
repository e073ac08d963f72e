"""What a scenario corpus's expectation is: the projection of its JSON report on its gold file."""

from __future__ import annotations

from pathlib import Path

from mineralcheck import pipeline
from mineralcheck.match.embed import Embedder
from mineralcheck.report import ReportFormat, render
from tests.quality import projection

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted(p.name for p in (ROOT / "tests" / "corpora").iterdir() if (p / "gold.yaml").is_file())


def corpus_report(case: str, embedder: Embedder) -> str:
    """The JSON report of tests/corpora/<case>, without the cache, paths relative to the repository."""
    report = pipeline.compare(
        [f"tests/corpora/{case}"], pipeline.CompareOptions(use_cache=False), embedder=embedder
    )
    return render(report, ReportFormat.json)


def expectation(case: str, report_json: str) -> str:
    """tests/corpora/<case>/expected.txt: fact -> verdict -> sources, beside the gold where wrong."""
    header = f"# {case}: one line per gold fact -- id, ok/--, verdict and sources given (gold when wrong)\n"
    return header + projection(ROOT / "tests" / "corpora" / case / "gold.yaml", report_json)
