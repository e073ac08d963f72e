"""Edits to one seed article that the report must show, end to end with the real model.

A fact-checker changes one word of one article and runs mineralcheck again: the report says which
reading changed and does not blame the outlets that did not change.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from mineralcheck import pipeline
from mineralcheck.models import Fact, Report
from tests.conftest import ROOT

pytestmark = pytest.mark.model

EDITED = "000_29446ee9bb4fc833"
THURSDAY = "Xi Jinping on Thursday"


def _seeds_with(tmp_path: Path, old: str, new: str) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    article = seeds / f"{EDITED}.txt"
    text = article.read_text(encoding="utf-8")
    assert text.count(old) == 1
    article.write_text(text.replace(old, new), encoding="utf-8")
    return seeds


def _diverging(report: Report, kind: str = "date") -> list[Fact]:
    return [f for f in report.facts if f.verdict == "diverge" and f.reason.kind == kind]


def _manifest(seeds: Path) -> Path:
    """Every seed dated 2025-10-28, the day of the signing."""
    rows = [f"{p.name},{p.stem[:3]},2025-10-28" for p in sorted(seeds.glob("*.txt"))]
    manifest = seeds.parent / "sources.csv"
    manifest.write_text("path,outlet,date\n" + "\n".join(f"seeds/{r}" for r in rows) + "\n", encoding="utf-8")
    return manifest


def test_the_untouched_seeds_have_no_date_divergence(real_embedder: Any, tmp_path: Path) -> None:
    seeds = _seeds_with(tmp_path, THURSDAY, THURSDAY)
    for sources in (None, str(_manifest(seeds))):
        report = pipeline.compare(
            [str(seeds)], pipeline.CompareOptions(sources=sources), embedder=real_embedder
        )
        assert _diverging(report) == []


@pytest.mark.parametrize("dated", [False, True], ids=["as-weekdays", "as-dates"])
def test_a_meeting_moved_from_thursday_to_friday_diverges_and_names_the_edited_outlet(
    real_embedder: Any, tmp_path: Path, dated: bool
) -> None:
    # Undated, "Friday" is compared as a weekday with "Thursday (Oct 30)"; dated by a manifest, as
    # the date 2025-10-31 with 2025-10-30. Either way the edit shows, and "later this week" (which
    # fits both) does not make the unchanged article the odd one out.
    seeds = _seeds_with(tmp_path, THURSDAY, "Xi Jinping on Friday")
    sources = str(_manifest(seeds)) if dated else None
    report = pipeline.compare([str(seeds)], pipeline.CompareOptions(sources=sources), embedder=real_embedder)
    (fact,) = _diverging(report)
    assert fact.reason.kind == "date"
    # Compared as a weekday or a date, the reading is shown as the outlet wrote it.
    edited = [g for g in fact.reason.groups if EDITED in g.sources]
    assert [g.value for g in edited] == ["Friday"]
    assert EDITED in fact.diverging_sources
    assert fact.reason.majority == ""


def test_the_seeds_show_the_golden_age_quoted_as_a_golden_era(real_embedder: Any, tmp_path: Path) -> None:
    # Takaichi, named in both articles: "a new golden age of the Japan-US Alliance" in one, "new
    # golden era" in the other. The README promises a divergence for a changed quote.
    report = pipeline.compare([str(ROOT / "seeds")], pipeline.CompareOptions(), embedder=real_embedder)
    (fact,) = _diverging(report, "quote")
    assert [g.value for g in fact.reason.groups] == [
        "“I would like to realise a new golden age of the Japan US Alliance”",
        "“new golden era”",
    ]
