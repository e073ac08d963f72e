"""Every ReportFormat has a working renderer: a new format cannot be half-added."""

from __future__ import annotations

import pytest
from test_report_base import sample_report

from mineralcheck.report import ReportFormat, render
from mineralcheck.report.base import Renderer


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_format_has_a_renderer_that_shows_the_whole_report(fmt: ReportFormat) -> None:
    renderer = fmt.renderer()
    assert isinstance(renderer, Renderer)
    text = render(sample_report(), fmt)
    assert text.endswith("\n")
    # The same content in every format: counts, every fact, every claim's evidence and the skipped file.
    for needle in ("c1", "c2", "002_5cb4e665f289d482", "004_a3715113cb39c5e3", "seeds/notes.pdf"):
        assert needle in text, f"{fmt.value} report lacks {needle!r}"
    assert "Takaichi greeted Trump at Akasaka Palace" in text


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_format_is_deterministic(fmt: ReportFormat) -> None:
    assert render(sample_report(), fmt) == render(sample_report(), fmt)


def test_format_names_are_what_the_cli_accepts() -> None:
    assert [f.value for f in ReportFormat] == ["terminal", "markdown", "json", "html"]
