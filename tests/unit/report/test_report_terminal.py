"""The terminal report: same content as the others, fits 100 columns, colour only when asked."""

from __future__ import annotations

import io
import re

from rich.console import Console
from test_report_base import sample_report

from mineralcheck.report import Selection
from mineralcheck.report.terminal import WIDTH, TerminalRenderer


def _text() -> str:
    return TerminalRenderer().render(sample_report(), Selection(singles=True))


def test_summary_line_first() -> None:
    assert "2 sources, 3 facts: 1 agree, 1 diverge, 1 single" in _text().splitlines()[0]


def test_sections_in_the_order_a_reader_needs_them() -> None:
    text = _text()
    order = [
        "Divergences (1)",
        "Agreements (1)",
        "Facts × sources",
        "Single-source facts (1)",
        "Skipped inputs (1)",
        "Duplicates (1)",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_divergence_shows_kind_readings_side_by_side_notes_and_evidence_with_source_and_line() -> None:
    text = _text()
    section = text[text.index("Divergences") : text.index("Agreements")]
    assert "value: share of cobalt ores processed" in section
    assert "note: figures may count different stages | mining vs refining" in section
    assert "Harbour Post:6" in section
    assert re.search(r"│ +more than 90% +Harbour Post +│", section)
    assert re.search(r"│ +vs +about 70% +102_9e1d4b7c3a2f8e05 +│", section)
    assert "“Ruvia processes more than 90% of the world's cobalt ores”" in section


def test_sources_table_names_outlets_with_publication_time_title_and_file() -> None:
    lines = _text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("1 "))
    assert re.search(r"1 +Harbour Post +2015-07-28 09:05 +Varga and Hartmann sign", lines[at])
    assert lines[at + 1].split()[0] == "101_0f3a9c2e7b14d6a8.txt"  # the file to open, under its outlet
    # An article known only by its file is not named twice.
    assert lines[at + 2].split() == ["2", "102_9e1d4b7c3a2f8e05"]


def test_an_agreement_is_its_title_and_where_each_source_states_it() -> None:
    text = _text()
    section = text[text.index("Agreements") : text.index("Facts × sources")].splitlines()
    assert section[1].startswith("✓ c1 Varga and Hartmann initialled a harbour dredging accord")
    assert section[2].split() == ["agree:", "Harbour", "Post:3,", "102_9e1d4b7c3a2f8e05:2"]


def test_matrix_legend_names_the_outlets_of_its_columns() -> None:
    assert "columns: 1 Harbour Post · 2 102_9e1d4b7c3a2f8e05" in _text()


def test_single_source_fact_is_one_line_with_caption_mark() -> None:
    lines = [line for line in _text().splitlines() if "102_9e1d4b7c3a2f8e05:9" in line]
    assert len(lines) == 1
    assert "Hartmann greeted Varga at Ostberg Palace (caption)" in lines[0]


def test_matrix_cells() -> None:
    text = _text()
    matrix = text[text.index("Facts × sources") : text.index("Skipped inputs")]
    diverge_row = next(line for line in matrix.splitlines() if line.startswith("c2 "))
    agree_row = next(line for line in matrix.splitlines() if line.startswith("c1 "))
    assert diverge_row.split()[-2:] == ["agrees", "diverges"]
    assert agree_row.split()[-2:] == ["agrees", "agrees"]


def test_fits_in_100_columns_and_has_no_escape_codes() -> None:
    text = _text()
    assert max(len(line) for line in text.splitlines()) <= WIDTH
    assert "\x1b[" not in text


def test_markup_in_article_text_is_printed_verbatim() -> None:
    from dataclasses import replace

    report = sample_report()
    single = report.facts[0]
    claim = replace(single.cluster.claims[0], text="[bold]not markup[/bold]")
    fact = replace(single, cluster=replace(single.cluster, claims=(claim,)))
    assert "[bold]not markup[/bold]" in TerminalRenderer().render(
        replace(report, facts=(fact, *report.facts[1:])), Selection(singles=True)
    )


def test_print_uses_colour_on_a_colour_console_and_none_with_no_color() -> None:
    coloured = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=WIDTH)
    TerminalRenderer().print(sample_report(), coloured)
    assert "\x1b[" in coloured.file.getvalue()  # type: ignore[attr-defined]

    plain = Console(file=io.StringIO(), force_terminal=True, no_color=True, width=WIDTH)
    TerminalRenderer().print(sample_report(), plain)
    assert _colour_codes(coloured.file.getvalue())  # type: ignore[attr-defined]
    assert not _colour_codes(plain.file.getvalue())  # type: ignore[attr-defined]  # bold/italic may stay


def _colour_codes(text: str) -> set[int]:
    params = {int(p) for seq in re.findall(r"\x1b\[([\d;]*)m", text) for p in seq.split(";") if p}
    return {p for p in params if 30 <= p <= 37 or 90 <= p <= 97}
