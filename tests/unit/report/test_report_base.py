"""The shared report helpers, and the hand-built Report every renderer test reads.

Other test_report_*.py files import `sample_report` from here (pytest puts tests/unit on sys.path).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from mineralcheck.models import (
    Article,
    Claim,
    Cluster,
    Fact,
    Reading,
    Reason,
    Report,
    Skipped,
    SourceId,
    Value,
)
from mineralcheck.report.base import (
    location,
    matrix_cell,
    matrix_facts,
    named,
    ordered_facts,
    published,
    readable,
    source_labels,
    summary_line,
    truncate,
)

A = SourceId("101_0f3a9c2e7b14d6a8")
B = SourceId("102_9e1d4b7c3a2f8e05")

LONG_EVIDENCE = (
    "The harbour accord, initialled in Varna on Friday by Governor Dorian Varga and Mayor Greta "
    "Hartmann, binds both port authorities to dredging the eastern channel and rebuilding the old quay | "
    "and to sharing pilot boats during the winter storms, the State House said in a statement."
)


def _claim(source: SourceId, start: int, line: int, evidence: str, text: str, **kw: object) -> Claim:
    return Claim(
        id=f"{source}:{start}-{start + len(evidence)}",
        source=source,
        start=start,
        end=start + len(evidence),
        line=line,
        evidence=evidence,
        text=text,
        **kw,  # type: ignore[arg-type]
    )


def sample_report() -> Report:
    """Two articles; one agree, one diverge (kind value, two groups), one single (a caption); one skipped."""
    a = Article(
        id=A,
        path="news/101_0f3a9c2e7b14d6a8.txt",
        text="x",
        title="Varga and Hartmann sign cobalt ores deal",
        date=dt.date(2015, 7, 28),
        time=dt.time(9, 5),
        outlet="Harbour Post",
        url="https://www.harbourpost.example/2015/07/28/deal",
        sha256="a" * 64,
    )
    b = Article(id=B, path="news/102_9e1d4b7c3a2f8e05.txt", text="y", title=None, date=None, sha256="b" * 64)
    more_than_90 = Value(
        kind="quantity",
        text="more than 90%",
        start=1220,
        end=1233,
        low=90.0,
        high=float("inf"),
        low_open=True,
        unit="percent",
        comparator="more-than",
    )
    about_70 = Value(
        kind="quantity", text="about 70%", start=300, end=309, low=66.5, high=73.5, unit="percent"
    )
    diverge = Fact(
        cluster=Cluster(
            id="c2",
            claims=(
                _claim(
                    A,
                    1203,
                    6,
                    "Ruvia processes more than 90% of the world's cobalt ores",
                    "Ruvia processes more than 90% of the world's cobalt ores",
                    subject="Ruvia",
                    predicate="process",
                    values=(more_than_90,),
                ),
                _claim(
                    B,
                    280,
                    4,
                    "Ruvia refines about 70% of cobalt ores",
                    "Ruvia refines about 70% of cobalt ores",
                    subject="Ruvia",
                    predicate="refine",
                    values=(about_70,),
                ),
            ),
        ),
        verdict="diverge",
        reason=Reason(
            summary="share of cobalt ores processed by Ruvia: more than 90% (101) vs about 70% (102)",
            kind="value",
            groups=(
                Reading(value="more than 90%", sources=(A,)),
                Reading(value="about 70%", sources=(B,), side=1),
            ),
            majority="",
            notes=("figures may count different stages | mining vs refining",),
            measure="share of cobalt ores processed",
        ),
        title="Ruvia's share of cobalt-ore processing",
        diverging_sources=(B,),
    )
    agree = Fact(
        cluster=Cluster(
            id="c1",
            claims=(
                _claim(
                    A, 410, 3, LONG_EVIDENCE, "Varga and Hartmann initialled the harbour accord on Friday"
                ),
                _claim(
                    B,
                    90,
                    2,
                    "the two officials initialled the accord on Friday",
                    "The officials initialled the accord",
                ),
            ),
        ),
        verdict="agree",
        reason=Reason(summary="initialled the harbour accord on Friday"),
        title="Varga and Hartmann initialled a harbour dredging accord | on Friday",
    )
    single = Fact(
        cluster=Cluster(
            id="c3",
            claims=(
                _claim(
                    B,
                    700,
                    9,
                    "Hartmann greets Varga at Ostberg Palace",
                    "Hartmann greeted Varga at Ostberg Palace",
                    is_caption=True,
                ),
            ),
        ),
        verdict="single",
        reason=Reason(summary="one source"),
        title="Hartmann greeted Varga at Ostberg Palace",
    )
    return Report(
        articles=(a, b),
        # Deliberately not in display order: renderers put divergences first.
        facts=(single, agree, diverge),
        skipped=(Skipped(path="news/notes.pdf", reason="not a text, Markdown or HTML file"),),
        duplicates=(("news/copy-of-101.txt", A),),
        model="all-MiniLM-L6-v2",
    )


def test_summary_line_counts_sources_and_verdicts() -> None:
    assert summary_line(sample_report()) == "2 sources, 3 facts: 1 agree, 1 diverge, 1 single"


def test_facts_are_ordered_divergences_agreements_singles() -> None:
    assert [f.verdict for f in ordered_facts(sample_report())] == ["diverge", "agree", "single"]


def test_matrix_rows_are_the_multi_source_facts() -> None:
    assert [f.id for f in matrix_facts(sample_report())] == ["c2", "c1"]


def test_matrix_cell_agrees_diverges_or_silent() -> None:
    report = sample_report()
    diverge, agree = matrix_facts(report)
    single = ordered_facts(report)[-1]
    assert matrix_cell(diverge, A) == "agrees"
    assert matrix_cell(diverge, B) == "diverges"
    assert matrix_cell(agree, A) == "agrees"
    assert matrix_cell(single, A) == "silent"


def test_location_is_source_colon_line_by_the_outlet_where_labels_are_given() -> None:
    report = sample_report()
    claim = ordered_facts(report)[0].cluster.claims[0]
    assert location(claim) == "101_0f3a9c2e7b14d6a8:6"
    assert location(claim, source_labels(report.articles)) == "Harbour Post:6"


def test_sources_are_named_by_outlet_else_by_id() -> None:
    report = sample_report()
    labels = source_labels(report.articles)
    assert labels == {A: "Harbour Post", B: "102_9e1d4b7c3a2f8e05"}
    assert named((B, A), labels) == "102_9e1d4b7c3a2f8e05, Harbour Post"


def test_two_articles_of_one_outlet_are_told_apart_by_id() -> None:
    a, b = sample_report().articles
    labels = source_labels((a, replace(b, outlet="Harbour Post")))
    assert labels == {A: f"Harbour Post ({A})", B: f"Harbour Post ({B})"}


def test_readable_writes_listed_source_ids_as_labels() -> None:
    labels = {A: "Harbour Post", B: B}
    assert readable(f"death: 5 ({A}, {B}) vs 7 ({B})", labels) == f"death: 5 (Harbour Post, {B}) vs 7 ({B})"
    assert readable(f"{A}x ({A}y)", labels) == f"{A}x ({A}y)"  # only whole ids in a list


def test_published_shows_the_date_and_the_time_where_known() -> None:
    a, b = sample_report().articles
    assert published(a) == "2015-07-28 09:05"
    assert published(replace(a, time=None)) == "2015-07-28"
    assert published(b) == ""


def test_truncate_keeps_short_text_and_cuts_long_text_with_ellipsis() -> None:
    assert truncate("short  text", 20) == "short text"
    assert truncate("a" * 30, 10) == "a" * 9 + "…"
