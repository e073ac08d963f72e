"""Who states which figure: every value credited to exactly the sources that write it, and the key
figures of a report (one row per measured quantity, with each outlet's figure and date).

Presentation only: verdicts stay those of match/verdicts.py. A verdict groups compatible readings into
sides ("157 / at least 128" against "112"); a reader also needs to know which outlet wrote which
of them, so each reading is credited here from the claims themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from mineralcheck.models import Article, Claim, Fact, Report, SourceId, Value
from mineralcheck.values import describe

KEY_FIGURE_SOURCES = 2
"""A measure is a key figure when at least this many sources state a figure for it."""


@dataclass(frozen=True)
class Reading:
    """One value as written, and exactly the sources whose claims state it."""

    value: str
    sources: tuple[SourceId, ...]
    side: int | None = None
    """For a divergence: the index of the reason's group (the side) it belongs to."""


@dataclass(frozen=True)
class KeyFigure:
    """One measured quantity of the story and what each outlet says it is."""

    measure: str
    """What is counted, how it is qualified and where: "confirmed case in Mubende"."""
    readings: tuple[Reading, ...]
    """Each figure (without the measure's words) with the sources that state it, earliest first."""
    trend: str = ""
    """ "rose over time: five → 14 → at least 70" when later articles give larger figures."""
    facts: tuple[str, ...] = ()
    """Ids of the facts whose claims state these figures."""

    @property
    def sources(self) -> tuple[SourceId, ...]:
        return tuple(sorted({s for r in self.readings for s in r.sources}))


def stated(fact: Fact) -> tuple[Reading, ...]:
    """Every distinct value of the fact's claims, each credited to the sources that write it, in
    the order the claims state them."""
    found: dict[str, list[SourceId]] = {}
    for claim in fact.cluster.claims:
        for value in claim.values:
            backers = found.setdefault(describe(value), [])
            if claim.source not in backers:
                backers.append(claim.source)
    return tuple(Reading(value, tuple(sorted(backers))) for value, backers in found.items())


def sides(fact: Fact) -> tuple[Reading, ...]:
    """A divergence's readings, side by side, each with exactly the sources that state it."""
    return tuple(Reading(g.value, g.sources, g.side) for g in fact.reason.groups)


def disputed_measure(fact: Fact) -> str:
    """What a divergence is about: what its readings measure ("death", "date"), from the frame of
    the first one, or for quotes who is quoted."""
    if fact.reason.kind == "quote":
        # The speaker of the quotes in dispute, not of another quote in the fact.
        quoted = {g.value.strip("“”") for g in fact.reason.groups}
        speaker = next((c.speaker for c in fact.cluster.claims if c.speaker and c.quote in quoted), "")
        return f"{speaker or 'the same speaker'} quoted in different words"
    for group in fact.reason.groups:
        for label in group.value.split(" / "):
            for claim in _claims_of(fact, group.sources):
                for value in claim.values:
                    if label in _labels(value):
                        if value.kind != "quantity":
                            return "time" if value.kind == "time" else "date"
                        return measure_label(value) or value.unit or "figure"
    return fact.reason.kind or ""


def measure_label(value: Value) -> str:
    """The measure a figure gives, from its frame: qualifiers, counted thing, places below the
    national level ("confirmed case in Mubende"); "" when the figure names no measure."""
    if not value.quantity:
        return ""
    words = " ".join((*value.restrictions(), value.quantity))
    return f"{words} in {', '.join(value.scope)}" if value.scope else words


def key_figures(report: Report, *, min_sources: int = KEY_FIGURE_SOURCES) -> tuple[KeyFigure, ...]:
    """The measures that at least `min_sources` sources give a figure for, in every fact (a fact
    split in two still shows one row), most widely reported first."""
    by_measure: dict[tuple[object, ...], list[tuple[Claim, Value, str]]] = {}
    for fact in report.facts:
        for claim in fact.cluster.claims:
            for value in _figures(claim):
                key = (value.quantity, value.restrictions(), tuple(sorted(value.scope)), value.unit)
                by_measure.setdefault(key, []).append((claim, value, fact.id))
    published = {a.id: _instant(a) for a in report.articles}
    rows = []
    for found in by_measure.values():
        if len({claim.source for claim, _, _ in found}) < max(min_sources, KEY_FIGURE_SOURCES):
            continue
        rows.append(_key_figure(found, published))
    rows.sort(key=lambda row: (-len(row.sources), row.measure))
    return tuple(rows)


def _figures(claim: Claim) -> Iterable[Value]:
    """The claim's figures that measure something now: not ranks, not vague words ("dozens"),
    not an earlier value ("up from 54.9%"), not a denied one."""
    if claim.negated or claim.earlier:
        return ()
    return (
        v
        for v in claim.values
        if v.kind == "quantity" and v.quantity and v.unit != "ordinal" and v.comparator != "vague"
    )


Instant = tuple[int, int]
"""When an article was published, as (day ordinal, minute of the day or -1): sortable."""


def _instant(article: Article) -> Instant | None:
    if article.date is None:
        return None
    if article.time is None:
        return article.date.toordinal(), -1
    moment = dt.datetime.combine(article.date, article.time)
    offset = article.time.utcoffset()
    if offset is not None:
        moment -= offset
    return moment.date().toordinal(), moment.hour * 60 + moment.minute


def _key_figure(
    found: Sequence[tuple[Claim, Value, str]], published: Mapping[SourceId, Instant | None]
) -> KeyFigure:
    texts: dict[str, list[SourceId]] = {}
    lows: dict[str, float] = {}
    for claim, value, _ in found:
        text = describe(replace(value, quantity=""))
        backers = texts.setdefault(text, [])
        if claim.source not in backers:
            backers.append(claim.source)
        lows[text] = value.low

    def first(item: tuple[str, list[SourceId]]) -> tuple[object, ...]:
        dates = [instant for s in item[1] if (instant := published.get(s)) is not None]
        return (min(dates) if dates else (dt.date.max.toordinal(), 0), lows[item[0]], item[0])

    readings = tuple(
        Reading(text, tuple(sorted(backers))) for text, backers in sorted(texts.items(), key=first)
    )
    return KeyFigure(
        measure=measure_label(found[0][1]),
        readings=readings,
        trend=_rose_over_time(readings, lows, published),
        facts=tuple(dict.fromkeys(fact_id for _, _, fact_id in found)),
    )


def _rose_over_time(
    readings: Sequence[Reading], lows: Mapping[str, float], published: Mapping[SourceId, Instant | None]
) -> str:
    """ "rose over time: five → 14 → at least 70" when, ordered by publication, each later article's
    largest figure is larger than every earlier one (articles without a date are left out)."""
    dated = {s: instant for r in readings for s in r.sources if (instant := published.get(s)) is not None}
    # Articles of a day without a time of day cannot be put in order with that day's others.
    untimed_days = {day for day, minute in dated.values() if minute < 0}
    largest: dict[Instant, tuple[float, str]] = {}
    for reading in readings:
        for source in reading.sources:
            if source not in dated:
                continue
            day, minute = dated[source]
            moment = (day, -1) if day in untimed_days else (day, minute)
            point = (lows[reading.value], reading.value)
            largest[moment] = max(largest.get(moment, point), point)
    points = [largest[moment] for moment in sorted(largest)]
    if len(points) < 2 or any(a[0] >= b[0] for a, b in zip(points, points[1:], strict=False)):
        return ""
    return "rose over time: " + " → ".join(text for _, text in points)


def _claims_of(fact: Fact, sources: Sequence[SourceId]) -> list[Claim]:
    return [c for c in fact.cluster.claims if c.source in sources]


def _labels(value: Value) -> set[str]:
    """How match/verdicts.py may have written this value in a reason: with or without the counted thing,
    and without the measure or unit word that heads the reason line."""
    full = describe(value)
    plain = describe(replace(value, quantity="")) if value.quantity else full
    out = {full, plain}
    for head in (value.quantity, value.unit):
        if head:
            out.add(plain.removeprefix(f"{head} "))
    return out


__all__ = [
    "KEY_FIGURE_SOURCES",
    "KeyFigure",
    "Reading",
    "disputed_measure",
    "key_figures",
    "measure_label",
    "sides",
    "stated",
]
