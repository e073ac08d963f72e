"""The key figures of a report: one row per measure of one thing that several outlets give a figure
for, each figure as written with the outlets that write it, earliest first.

Computed once, after the verdicts, from the facts' readings (match/verdicts.py): a row only holds
figures that the verdicts credit to an outlet for a fact, so a figure that merely sits in the same
sentence never reaches it. What makes two figures one measure of one thing:
- the same measure name (match/measures.py) in the same unit, restricted alike ("confirmed");
- the same places below the national level (a district's toll is not the nation's);
- the same time: an increment ("new cases") is not a running total, and a figure of an earlier
  event the claim dates ("the 1987 flood killed 3,000") is not this story's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mineralcheck.match.pairs import frame_compatible
from mineralcheck.match.timeline import UNDATED, Instant, published, rose_over_time
from mineralcheck.models import Article, Claim, Fact, KeyFigure, Mention, Reading, SourceId, Value
from mineralcheck.values.written import close_in_size, measure_label, written_size

KEY_FIGURE_SOURCES = 2
"""A measure is a key figure when at least this many sources state a figure for it."""
MAGNITUDE_GAP = 3.0
"""Figures of one measure more than this many times apart, with no figure between, count two
things. Fitted by bench/fit_key_figures.py on the development events: the ratio whose rows best
match the gold facts, by B-cubed F1 of the rows' figures against the facts their outlets state
(0.797 at 3, 0.788 never splitting; leave-one-event-out 0.782)."""
ONE_FIGURE = 0.1
"""Two figures of one outlet this close (relative) are its figure for one thing, rounded two ways."""

_Key = tuple[str, str, tuple[str, ...], str, tuple[str, ...], str]
"""(measure name, unit, qualifiers, owner, places, earlier event) of a key figure's row."""


@dataclass(frozen=True)
class _Found:
    """A fact's reading of one key figure: the fact, the reading as written, where, and the passage."""

    fact: str
    text: str
    mention: Mention
    evidence: str


def key_figures(
    facts: Sequence[Fact], articles: Sequence[Article], *, gap: float = MAGNITUDE_GAP
) -> tuple[KeyFigure, ...]:
    """The rows of the key-figures table, most widely reported first (see the module doc); `gap` is
    the ratio beyond which figures of one measure count two things (see MAGNITUDE_GAP)."""
    years = {a.id: a.date.year for a in articles if a.date is not None}
    rows: dict[_Key, list[_Found]] = {}
    for fact in facts:
        claims = {c.id: c for c in fact.cluster.claims}
        dated = _dated_figures(fact, years)
        for reading in fact.readings:
            for mention in reading.mentions:
                claim, value = claims.get(mention.claim), mention.value
                if claim is None or value is None or not is_key(value, claim):
                    continue
                era = next((year for figure, year in dated if frame_compatible(figure, value)), "")
                key = (
                    value.quantity,
                    value.unit,
                    value.restrictions(),
                    value.owner,
                    places(claim, value),
                    era,
                )
                rows.setdefault(key, []).append(_Found(fact.id, reading.value, mention, claim.evidence))
    when = published(articles)
    order = {fact.id: n for n, fact in enumerate(facts)}
    out = [
        _row(key, part, when, order)
        for key, found in rows.items()
        for band in _magnitudes(found, gap)
        for part in _one_thing(band)
        if len({f.mention.source for f in part}) >= KEY_FIGURE_SOURCES
    ]
    out.sort(key=lambda row: (-len(row.sources), row.measure, row.facts))
    return tuple(out)


def _magnitudes(found: Sequence[_Found], gap: float) -> list[list[_Found]]:
    """The figures of one measure split where, in increasing order, one is more than `gap` times
    the one before: 312 arrests and a million marchers are two things, not one figure that
    outlets disagree on; a toll that rose from 3 to 31 through 5, 9 and 16 stays one row."""
    ordered = sorted(found, key=lambda f: (_size(f), f.text))
    parts: list[list[_Found]] = []
    previous = 0.0
    for item in ordered:
        size = _size(item)
        if not parts or (previous > 0 and size > gap * previous):
            parts.append([])
        parts[-1].append(item)
        previous = size
    return parts


def _one_thing(found: Sequence[_Found]) -> list[list[_Found]]:
    """The figures of one measure grouped by fact, so that no outlet gives two different figures in
    one group: an article does not contradict itself, so where one states 31 deaths in one fact and
    two in another, the two facts count two things (the toll and a part of it). The facts most
    sources state are placed first; a fact joins the first group none of whose facts it conflicts with."""
    facts: dict[str, list[_Found]] = {}
    for item in found:
        facts.setdefault(item.fact, []).append(item)
    ordered = sorted(facts.values(), key=lambda items: -len({f.mention.source for f in items}))
    groups: list[list[list[_Found]]] = []
    for items in ordered:
        home = next((g for g in groups if not any(_contradict(items, other) for other in g)), None)
        if home is None:
            groups.append([items])
        else:
            home.append(items)
    order = {id(item): n for n, item in enumerate(found)}
    return [
        sorted((item for items in group for item in items), key=lambda f: order[id(f)]) for group in groups
    ]


def _contradict(a: Sequence[_Found], b: Sequence[_Found]) -> bool:
    """Some outlet gives figures in both facts, and none of its figures in one is its figure in the other."""
    for source in {f.mention.source for f in a} & {f.mention.source for f in b}:
        mine = [f.mention.value for f in a if f.mention.source == source and f.mention.value is not None]
        theirs = [f.mention.value for f in b if f.mention.source == source and f.mention.value is not None]
        if not any(_same_figure(x, y) for x in mine for y in theirs):
            return True
    return False


def _same_figure(a: Value, b: Value) -> bool:
    """One outlet's figure for one thing, written twice: compatible, or the sizes written within
    ONE_FIGURE ("about half a million" in a caption, "more than 480,000" in the text)."""
    return bool(frame_compatible(a, b)) or close_in_size(a, b, ONE_FIGURE)


def _size(found: _Found) -> float:
    return written_size(found.mention.value) if found.mention.value is not None else 0.0


def is_key(value: Value, claim: Claim) -> bool:
    """A figure a reader would call key: a count, amount or measurement of a named measure; not a
    rank ("third"), not a vague amount ("dozens"), not an earlier value ("up from 41.5%"), not a
    denied one."""
    return (
        value.is_figure
        and bool(value.quantity)
        and value.comparator != "vague"
        and not claim.negated
        and not claim.earlier
    )


def places(claim: Claim, value: Value) -> tuple[str, ...]:
    """The places below the national level a figure is about: its own, else its claim's."""
    return tuple(sorted(value.scope or claim.scope))


def _dated_figures(fact: Fact, years: Mapping[SourceId, int]) -> list[tuple[Value, str]]:
    """The figures of a fact that a claim dates to an earlier event ("a 1987 flood killed
    3,000"), with the year. A figure of the same fact that agrees with one of them is of that event
    too, though its outlet does not repeat the year; one that does not agree is not."""
    dated = []
    for claim in fact.cluster.claims:
        year = earlier_event(claim, years.get(claim.source))
        if year:
            dated += [(v, year) for v in claim.values if v.kind == "quantity"]
    return dated


def earlier_event(claim: Claim, year: int | None) -> str:
    """The latest year before `year` (its article's) that the claim names as a date, "" when none:
    "in 1987" dates an event, "since 1987" only the start of a span that runs to now."""
    if year is None:
        return ""
    named = [_year_of(v) for v in claim.values if v.kind in ("year", "date") and not _since(v, claim)]
    before = [y for y in named if y is not None and y < year]
    return str(max(before)) if before else ""


def _since(value: Value, claim: Claim) -> bool:
    start = value.start - claim.start
    return 0 <= start <= len(claim.evidence) and claim.evidence[:start].rstrip().lower().endswith("since")


def _year_of(value: Value) -> int | None:
    if value.kind == "year":
        return int(value.high) if value.low == value.high else None
    if value.unit == "day" and value.high - value.low <= 366:
        return dt.date.fromordinal(int(value.high)).year
    return None


def _row(
    key: _Key, found: Sequence[_Found], when: Mapping[SourceId, Instant], order: Mapping[str, int]
) -> KeyFigure:
    quantity, _unit, _qualifiers, owner, where, era = key
    values = [f.mention.value for f in found if f.mention.value is not None]
    label = measure_label(values, [f.evidence for f in found]) or quantity
    if owner:
        label = f"{owner} {label}"
    if where:
        label += f" in {', '.join(where)}"
    if era:
        label += f" ({era})"
    readings = Reading.by_wording((f.text, f.mention.source, f.mention) for f in found)
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
        facts=tuple(sorted({f.fact for f in found}, key=order.__getitem__)),
    )
