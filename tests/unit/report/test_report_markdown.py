"""The Markdown report: order, evidence quotes with source:line, tables, escaping, folded long evidence."""

from __future__ import annotations

from dataclasses import replace

from test_report_base import sample_report

from mineralcheck.report import Selection
from mineralcheck.report.markdown import MarkdownRenderer


def _md() -> str:
    return MarkdownRenderer().render(sample_report(), Selection(singles=True))


def _table_rows(text: str, header_start: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def test_summary_line_is_near_the_top() -> None:
    assert "**2 sources, 3 facts: 1 agree, 1 diverge, 1 single**" in _md().splitlines()[:3]


def test_sections_in_the_order_a_reader_needs_them() -> None:
    md = _md()
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Sources (2)",
        "## Divergences (1)",
        "## Agreements (1)",
        "## Facts × sources",
        "## Single-source facts (1)",
        "## Skipped inputs (1)",
        "## Duplicates (1)",
    ]


def test_divergence_shows_kind_measure_readings_side_by_side_notes_and_evidence() -> None:
    md = _md()
    section = md[md.index("## Divergences") : md.index("## Agreements")]
    assert "**Diverges (value):** share of cobalt ores processed" in section
    assert _table_rows(section, "|  | Reading |") == [
        "|  | more than 90% | **Harbour Post** |",
        "| vs | about 70% | **102\\_9e1d4b7c3a2f8e05** |",
    ]
    assert "- Note: figures may count different stages \\| mining vs refining" in section
    assert "> Ruvia processes more than 90% of the world's cobalt ores\n>\n> — `Harbour Post:6`" in section
    assert "> — `102_9e1d4b7c3a2f8e05:4`" in section


def test_long_evidence_is_folded_in_details_short_evidence_is_not() -> None:
    md = _md()
    agreements = md[md.index("## Agreements") : md.index("## Single-source")]
    assert agreements.count("<details>") == 1
    assert "<summary><code>Harbour Post:3</code>" in agreements
    assert "> The harbour accord, initialled in Varna" in agreements
    assert "> — `102_9e1d4b7c3a2f8e05:2`" in agreements  # the short one stays a plain quote


def test_single_source_facts_are_one_line_each_with_caption_mark() -> None:
    assert "- `102_9e1d4b7c3a2f8e05:9` Hartmann greeted Varga at Ostberg Palace (caption)" in _md()


def test_matrix_has_a_row_per_multi_source_fact_and_a_numbered_column_per_source() -> None:
    md = _md()
    assert "| Fact | Verdict | 1 | 2 |" in md
    assert _table_rows(md, "| Fact |") == [
        "| Ruvia's share of cobalt-ore processing | diverge | ✓ | **✗** |",
        "| Varga and Hartmann initialled a harbour dredging accord \\| o… | agree | ✓ | ✓ |",
    ]
    assert (
        "Columns are the sources numbered above (1 Harbour Post, 2 102\\_9e1d4b7c3a2f8e05): "
        "✓ agrees, **✗** diverges, · silent." in md
    )


def test_sources_table_names_outlets_linked_to_the_article_with_date_and_file() -> None:
    assert _table_rows(_md(), "| # | Outlet |") == [
        "| 1 | **[Harbour Post](<https://www.harbourpost.example/2015/07/28/deal>)** | 2015-07-28 09:05 "
        "| Varga and Hartmann sign cobalt ores deal | `101_0f3a9c2e7b14d6a8.txt` |",
        "| 2 | **102\\_9e1d4b7c3a2f8e05** |  |  | `102_9e1d4b7c3a2f8e05.txt` |",
    ]


def test_matrix_marks_silent_sources() -> None:
    report = sample_report()
    third = replace(report.articles[1], id="103_silent", path="news/103_silent.txt")
    md = MarkdownRenderer().render(replace(report, articles=(*report.articles, third)))
    assert _table_rows(md, "| Fact |")[0].endswith("| ✓ | **✗** | · |")


def test_pipes_in_table_cells_are_escaped() -> None:
    md = _md()
    for line in md.splitlines():
        if line.startswith("|"):
            cells = line.strip("|").replace("\\|", "").split("|")
            assert len(cells) == line.count("|") - line.count("\\|") - 1


def test_markdown_in_article_text_is_shown_verbatim_not_interpreted() -> None:
    report = sample_report()
    single = report.facts[0]
    claim = replace(single.cluster.claims[0], text="# *Breaking*: <b>[link](x)</b>")
    fact = replace(single, cluster=replace(single.cluster, claims=(claim,)))
    md = MarkdownRenderer().render(replace(report, facts=(fact, *report.facts[1:])), Selection(singles=True))
    assert r"\# \*Breaking\*: \<b\>\[link\](x)\</b\>" in md


def test_skipped_and_duplicates_listed() -> None:
    md = _md()
    assert "- `news/notes.pdf`: not a text, Markdown or HTML file" in md
    assert "- `news/copy-of-101.txt` duplicates `101_0f3a9c2e7b14d6a8` (counted once)" in md


def test_no_skipped_section_when_nothing_was_skipped() -> None:
    md = MarkdownRenderer().render(replace(sample_report(), skipped=(), duplicates=()))
    assert "## Skipped" not in md
    assert "## Duplicates" not in md


def test_same_report_same_bytes() -> None:
    assert MarkdownRenderer().render(sample_report()) == MarkdownRenderer().render(sample_report())
