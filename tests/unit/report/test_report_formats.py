"""Every ReportFormat has a working renderer: a new format cannot be half-added, and the filters
(--only, --min-sources) mean the same in every format."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from test_report_base import sample_report

from mineralcheck.match.key_figures import key_figures
from mineralcheck.models import Cluster, CopyGroup, Report
from mineralcheck.pipeline import judge_clusters
from mineralcheck.report import ReportFormat, Selection, render
from mineralcheck.report.base import Renderer, source_labels

EVERYTHING_LISTED = Selection(singles=True)


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_format_has_a_renderer_that_shows_the_whole_report(fmt: ReportFormat) -> None:
    renderer = fmt.renderer()
    assert isinstance(renderer, Renderer)
    text = render(sample_report(), fmt, EVERYTHING_LISTED)
    assert text.endswith("\n")
    # The same content in every format: counts, every fact, every claim's evidence and the skipped file.
    for needle in ("c1", "c2", "101_0f3a9c2e7b14d6a8", "102_9e1d4b7c3a2f8e05", "news/notes.pdf"):
        assert needle in text, f"{fmt.value} report lacks {needle!r}"
    assert "Hartmann greeted Varga at Ostberg Palace" in text


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_format_is_deterministic(fmt: ReportFormat) -> None:
    assert render(sample_report(), fmt) == render(sample_report(), fmt)


def test_format_names_are_what_the_cli_accepts() -> None:
    assert [f.value for f in ReportFormat] == ["terminal", "markdown", "json", "html"]


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_only_shows_the_facts_of_one_verdict_in_every_format(fmt: ReportFormat) -> None:
    text = render(sample_report(), fmt, Selection(only="diverge"))
    assert "c2" in text
    assert "Varga and Hartmann initialled" not in text and "Hartmann greeted Varga" not in text
    # The report says that facts were left out (JSON in its `filters` object).
    said = '"only": "diverge"' if fmt is ReportFormat.json else "showing 1 of 3 facts (only diverge)"
    assert said in text


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_min_sources_leaves_out_the_single_source_facts_in_every_format(fmt: ReportFormat) -> None:
    text = render(sample_report(), fmt, Selection(min_sources=2, singles=True))
    assert "c1" in text and "c2" in text
    assert "Hartmann greeted Varga" not in text


@pytest.mark.parametrize("fmt", [ReportFormat.terminal, ReportFormat.markdown])
def test_single_source_facts_are_counted_and_listed_only_when_asked(fmt: ReportFormat) -> None:
    folded = render(sample_report(), fmt)
    assert "Single-source facts (1)" in folded and "--singles" in folded
    assert "Hartmann greeted Varga" not in folded
    assert "Hartmann greeted Varga" in render(sample_report(), fmt, Selection(singles=True))
    assert "Hartmann greeted Varga" in render(sample_report(), fmt, Selection(only="single"))


def test_the_json_report_holds_every_cluster_unless_filters_are_given() -> None:
    whole = json.loads(render(sample_report(), ReportFormat.json))
    assert [c["id"] for c in whole["clusters"]] == ["c2", "c1", "c3"]
    assert whole["filters"] == {"only": None, "min_sources": 1}
    only = json.loads(render(sample_report(), ReportFormat.json, Selection(only="agree")))
    assert [c["id"] for c in only["clusters"]] == ["c1"]
    assert only["filters"] == {"only": "agree", "min_sources": 1}
    # The summary still counts the whole report; `shown` says how many clusters are listed.
    assert only["summary"]["facts"] == 3 and only["summary"]["shown"] == 1


def _figures_report() -> Report:
    from tests.unit.match.test_key_figures import ARTICLES, DEATHS, INJURED

    # Without the lower bound that disputes the injured.
    facts = judge_clusters(ARTICLES, [Cluster("f1", INJURED[:3]), Cluster("f2", DEATHS)])
    return Report(ARTICLES, facts, key_figures=key_figures(facts, ARTICLES))


@pytest.mark.parametrize("fmt", [ReportFormat.terminal, ReportFormat.markdown, ReportFormat.html])
def test_key_figures_come_before_the_facts_with_dates_and_the_rise_over_time(fmt: ReportFormat) -> None:
    text = render(_figures_report(), fmt)
    assert text.index("Key figures (2)") < text.index("Divergences (1)") < text.index("Agreements (1)")
    assert "rose over time: three → 9 → at least 22" in text
    assert "Fenwick Daily" in text and "2019-03-16 09:30" in text
    assert render(_figures_report(), fmt, Selection(only="agree")).count("Key figures") == 0


def test_the_json_report_lists_the_key_figures() -> None:
    data = json.loads(render(_figures_report(), ReportFormat.json))
    by_measure = {row["measure"]: row for row in data["key_figures"]}
    injured, deaths = by_measure["injured"], by_measure["people killed"]
    assert injured["readings"][0] == {
        "value": "more than 320",
        "sources": ["a", "b"],
        "outlets": ["Fenwick Daily", "Ridge Wire"],
        "side": None,
        "evidence": [
            {"claim": "a:more than 320 people were injured", "source": "a", "start": 0, "end": 13},
            {"claim": "b:more than 320 people were injured", "source": "b", "start": 0, "end": 13},
        ],
    }
    assert deaths["trend"] == "rose over time: three → 9 → at least 22"
    assert deaths["facts"] == ["f2"]


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_copies_of_one_text_are_shown_in_every_format(fmt: ReportFormat) -> None:
    """Two outlets that run one text: said once with the sources, and what they agree on is one voice."""
    report = sample_report()
    first, second = (a.id for a in report.articles)
    copied = replace(report, copies=(CopyGroup((first, second), 0.54),))
    text = render(copied, fmt)
    labels = source_labels(report.articles)
    if fmt is ReportFormat.json:
        data = json.loads(text)
        assert data["copies"] == [
            {"sources": [first, second], "outlets": [labels[first], labels[second]], "shared": 0.54}
        ]
        assert [s["copies"] for s in data["sources"]] == [[second], [first]]
        agreed = next(c for c in data["clusters"] if c["verdict"] == "agree")
        assert agreed["voices"] == 1  # the verdict the scorer reads is unchanged
    else:
        assert f"{labels[first]} and {labels[second]} run one text" in text.replace("\\", "")
        assert "one voice" in text.lower()
    assert "run one text" not in render(report, fmt)
