"""Fit the key figures' magnitude gap (mineralcheck.match.key_figures.MAGNITUDE_GAP) on the development
events: `python bench/fit_key_figures.py`.

A key-figure row should hold one gold fact: one measure of one thing. Each figure a row could show
(a key figure of a fact's readings) is labelled with the gold fact whose quote, in its outlet, holds
the figure's words. For each ratio of the grid, the rows are built as `compare` builds them, and
scored by B-cubed F1 of the rows against the gold facts (a figure left out of every row is a row of
its own): splitting less mixes facts in a row (precision), splitting more scatters one fact over
rows or drops it (recall). The best mean F1 over the events wins; leave-one-event-out, each event
is scored at the ratio fitted on the others.

    python bench/fit_key_figures.py          # print the table, the fit and leave-one-event-out
    python bench/fit_key_figures.py --check  # fail if the fit differs from the shipped constant
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaldata import Corpus, real_corpora, serving, source_stem  # noqa: E402

from mineralcheck import pipeline  # noqa: E402
from mineralcheck.match.key_figures import MAGNITUDE_GAP, is_key, key_figures  # noqa: E402
from mineralcheck.models import Fact, Report, SourceId  # noqa: E402

GAPS = (1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 8.0, 20.0, float("inf"))
"""Ratios tried (inf: never split by size)."""

Item = tuple[str, str, int]
"""A figure a row may show: (claim id, source, offset of the figure in its article)."""


@dataclass(frozen=True)
class Event:
    """One event's report and the gold fact of each figure a key-figure row may show."""

    name: str
    report: Report
    labels: dict[Item, str]


def load(corpus: Corpus, report: Report | None = None) -> Event:
    """The event's report (`compare` on it, unless given) with its figures labelled by the gold."""
    report = report or pipeline.compare([str(corpus.path)])
    paths = {a.id: a.path for a in report.articles}
    spans = {item: span for fact in report.facts for item, span in _figures(fact, paths).items()}
    served = serving(corpus, list(spans.values()))
    labels = {item: found[0][0].id for item, found in zip(spans, served, strict=True) if found}
    return Event(corpus.name, report, labels)


def _figures(fact: Fact, paths: Mapping[SourceId, str]) -> dict[Item, tuple[str, int, int]]:
    """The key figures of a fact's readings: item -> (source stem, start, end) of the figure."""
    claims = {c.id: c for c in fact.cluster.claims}
    out: dict[Item, tuple[str, int, int]] = {}
    for reading in fact.readings:
        for m in reading.mentions:
            claim, value = claims.get(m.claim), m.value
            if claim is not None and value is not None and is_key(value, claim):
                out[(m.claim, m.source, value.start)] = (source_stem(paths[m.source]), value.start, value.end)
    return out


def bcubed(event: Event, gap: float) -> float:
    """B-cubed F1 of the key-figure rows at `gap` against the gold facts of their figures."""
    rows = key_figures(event.report.facts, event.report.articles, gap=gap)
    row_of: dict[Item, int] = {}
    for n, row in enumerate(rows):
        for reading in row.readings:
            for m in reading.mentions:
                if m.value is not None:
                    row_of[(m.claim, m.source, m.value.start)] = n
    items = sorted(event.labels)
    if not items:
        return 1.0
    cluster = {item: row_of.get(item, len(rows) + k) for k, item in enumerate(items)}
    precision = recall = 0.0
    for item in items:
        same_row = [x for x in items if cluster[x] == cluster[item]]
        same_fact = [x for x in items if event.labels[x] == event.labels[item]]
        both = sum(1 for x in same_row if event.labels[x] == event.labels[item])
        precision += both / len(same_row)
        recall += both / len(same_fact)
    precision, recall = precision / len(items), recall / len(items)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def fit(events: Sequence[Event]) -> tuple[float, dict[float, float]]:
    """The gap with the best mean F1 over `events` (ties: the larger, which splits less), and the table."""
    table = {gap: float(np.mean([bcubed(e, gap) for e in events])) for gap in GAPS}
    best = max(GAPS, key=lambda gap: (round(table[gap], 9), gap))
    return best, table


def leave_one_event_out(events: Sequence[Event]) -> dict[str, float]:
    """Each event's F1 at the gap fitted on the others."""
    return {held.name: bcubed(held, fit([e for e in events if e is not held])[0]) for held in events}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the fit differs from the shipped gap")
    args = parser.parse_args()
    events = [load(c) for c in real_corpora()]
    best, table = fit(events)
    if args.check:
        if best != MAGNITUDE_GAP:
            print(f"MAGNITUDE_GAP is {MAGNITUDE_GAP}, a refit gives {best}", file=sys.stderr)
            return 1
        print("the shipped magnitude gap is what a refit gives")
        return 0
    for gap, f1 in table.items():
        print(f"gap {gap:>5}: mean B-cubed F1 {f1:.3f}")
    loeo = leave_one_event_out(events)
    print(f"fitted gap {best}; leave-one-event-out mean F1 {np.mean(list(loeo.values())):.3f}")
    for name, f1 in loeo.items():
        print(f"  {name}: {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
