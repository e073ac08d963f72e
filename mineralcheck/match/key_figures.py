"""The key figures of a report: one row per measure of one thing that several outlets give a figure
for, each figure as written with the outlets that write it, earliest first.

Computed once, after the verdicts, from the facts' readings (match/verdicts.py): a row only holds
figures that the verdicts credit to an outlet for a fact, so a figure that merely sits in the same
sentence never reaches it. What makes two figures one measure of one thing:
- the same measure name (match/measures.py) in the same unit, restricted alike ("confirmed");
- the same places below the national level (a district's toll is not the nation's);
- the same time: an increment ("new cases") is not a running total, and a figure of an earlier
  event the claim dates ("the 1999 cyclone killed 10,000") is not this story's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mineralcheck.match.timeline import UNDATED, Instant, published, rose_over_time
from mineralcheck.models import Article, Claim, Fact, KeyFigure, Mention, Reading, SourceId, Value
from mineralcheck.values.written import measure_label

KEY_FIGURE_SOURCES = 2
"""A measure is a key figure when at least this many sources state a figure for it."""

_Key = tuple[str, str, tuple[str, ...], tuple[str, ...], str]
"""(measure name, unit, qualifiers, places, earlier event) of a key figure's row."""


@dataclass(frozen=True)
class _Found:
    """A fact's reading of one key figure: the fact, the reading as written, where, and the passage."""

    fact: str
    text: str
    mention: Mention
    evidence: str


def key_figures(facts: Sequence[Fact], articles: Sequence[Article]) -> tuple[KeyFigure, ...]:
    """The rows of the key-figures table, most widely reported first (see the module doc)."""
    years = {a.id: a.date.year for a in articles if a.date is not None}
    rows: dict[_Key, list[_Found]] = {}
    for fact in facts:
        claims = {c.id: c for c in fact.cluster.claims}
        for reading in fact.readings:
            for mention in reading.mentions:
                claim, value = claims.get(mention.claim), mention.value
                if claim is None or value is None or not is_key(value, claim):
                    continue
                key = (value.quantity, value.unit, value.restrictions(), places(claim, value),
                       earlier_event(claim, years.get(claim.source)))  # fmt: skip
                rows.setdefault(key, []).append(_Found(fact.id, reading.value, mention, claim.evidence))
    when = published(articles)
    out = [
        _row(key, found, when)
        for key, found in rows.items()
        if len({f.mention.source for f in found}) >= KEY_FIGURE_SOURCES
    ]
    out.sort(key=lambda row: (-len(row.sources), row.measure, row.facts))
    return tuple(out)


def is_key(value: Value, claim: Claim) -> bool:
    """A figure a reader would call key: a count, amount or measurement of a named measure; not a
    rank ("third"), not a vague amount ("dozens"), not an earlier value ("up from 54.9%"), not a
    denied one."""
    return (
        value.kind == "quantity"
        and bool(value.quantity)
        and value.unit != "ordinal"
        and value.comparator != "vague"
        and not claim.negated
        and not claim.earlier
    )


def places(claim: Claim, value: Value) -> tuple[str, ...]:
    """The places below the national level a figure is about: its own, else its claim's."""
    return tuple(sorted(value.scope or claim.scope))


def earlier_event(claim: Claim, year: int | None) -> str:
    """The year of an earlier event the claim dates its figures to ("the 1999 cyclone killed
    10,000"): the latest year it names before its article's, "" when it names none."""
    if year is None:
        return ""
    named = [_year_of(v) for v in claim.values if v.kind in ("year", "date")]
    before = [y for y in named if y is not None and y < year]
    return str(max(before)) if before else ""


def _year_of(value: Value) -> int | None:
    if value.kind == "year":
        return int(value.high) if value.low == value.high else None
    if value.unit == "day" and value.high - value.low <= 366:
        return dt.date.fromordinal(int(value.high)).year
    return None


def _row(key: _Key, found: Sequence[_Found], when: Mapping[SourceId, Instant]) -> KeyFigure:
    quantity, _unit, _qualifiers, where, era = key
    values = [f.mention.value for f in found if f.mention.value is not None]
    label = measure_label(values, [f.evidence for f in found]) or quantity
    if where:
        label += f" in {', '.join(where)}"
    if era:
        label += f" ({era})"
    readings = _readings((f.text, f.mention) for f in found)
    low = {r.value: min(m.value.low for m in r.mentions if m.value is not None) for r in readings}

    def first(reading: Reading) -> tuple[object, ...]:
        dates = [when[s] for s in reading.sources if s in when]
        return (min(dates) if dates else UNDATED, low[reading.value], reading.value)

    ordered = tuple(sorted(readings, key=first))
    points = [(s, low[r.value], r.value) for r in ordered for s in r.sources]
    return KeyFigure(
        measure=label,
        readings=ordered,
        trend=rose_over_time(points, when),
        facts=tuple(dict.fromkeys(f.fact for f in found)),
    )


def _readings(found: Iterable[tuple[str, Mention]]) -> list[Reading]:
    """One reading per wording, with exactly the sources that write it and one mention each."""
    by_text: dict[str, dict[SourceId, Mention]] = {}
    for text, mention in found:
        by_text.setdefault(text, {}).setdefault(mention.source, mention)
    return [
        Reading(text, tuple(sorted(backers)), mentions=tuple(backers[s] for s in sorted(backers)))
        for text, backers in by_text.items()
    ]
