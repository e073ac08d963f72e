"""Cluster -> verdict: single, agree, or diverge with the kind of disagreement and the values side by side.

A divergence needs evidence: two sources state values that can be compared (same kind, same unit,
same counted thing) and no reading of one is compatible with any reading of the other. A difference
of wording alone never makes a divergence, except for direct quotes, where the words are the fact.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from mineralcheck.lexicon.function_words import FUNCTION_WORDS
from mineralcheck.match.pairs import same_places as same_scope
from mineralcheck.match.pairs import verdict_scope
from mineralcheck.models import Claim, Cluster, DivergenceKind, Fact, Reason, SourceId, Value, ValueGroup
from mineralcheck.values import same_name, weekday_of

Compatible = Callable[[Value, Value], "bool | None"]
Describe = Callable[[Value], str]

_DATE_KINDS = frozenset({"date", "weekday", "year", "time"})
TITLE_SAMPLE = 32
"""Claims a fact's title is chosen by likeness to (its first ones, in reading order)."""
MAX_COMPARED_READINGS = 24
"""Beyond this many distinct sets of readings in one fact, rare ones are compared with common ones only."""
MISQUOTED_WORDS = 2
"""A misquote is one passage with at most this many words changed, added or dropped ("a bright new
dawn" / "a bright new day"); beyond, two quotes are two translations or two passages, not a conflict."""


@dataclass(frozen=True)
class _Reading:
    """One source's value for the compared quantity."""

    source: SourceId
    value: Value


def _title(cluster: Cluster) -> str:
    """The claim text that best represents the cluster: most like the others, then shortest."""
    claims = cluster.claims
    if len(claims) == 1:
        return claims[0].text

    # Likeness to a fixed sample of the others is as telling as to all of them, and bounded in cost.
    sample = [c.text for c in claims[:TITLE_SAMPLE]]
    likeness = process.cdist([c.text for c in claims], sample, scorer=fuzz.token_set_ratio, workers=1)
    scores = likeness.sum(axis=1)
    best = min(range(len(claims)), key=lambda k: (-float(scores[k]), len(claims[k].text), claims[k].id))
    return claims[best].text


def _within_scope(compatible: Compatible, scope_of: Mapping[int, tuple[str, ...]]) -> Compatible:
    """compatible(), except that values about different places (a district, the nation) never compare."""

    def check(a: Value, b: Value) -> bool | None:
        if not same_scope(scope_of.get(id(a), ()), scope_of.get(id(b), ())):
            return None
        return compatible(a, b)

    return check


def _plain(describe: Describe, family: str) -> Describe:
    """describe() without the counted noun or unit word that the family label already gives."""

    def label(value: Value) -> str:
        text = describe(replace(value, quantity="")) if value.quantity else describe(value)
        return text.removeprefix(f"{family} ")

    return label


def _family(value: Value) -> str:
    """Values of one family can conflict; a label for the reason line."""
    if value.kind in _DATE_KINDS:
        return "date" if value.kind != "time" else "time"
    return value.quantity or value.unit or "figure"


def _measure_different_things(a: Sequence[Value], b: Sequence[Value], compatible: Compatible) -> bool:
    """Both sides state figures and none of them can be compared: they are about different things
    (a share price and a percentage move), so a date or other difference between them is no conflict."""
    qa = [v for v in a if v.kind == "quantity"]
    qb = [v for v in b if v.kind == "quantity"]
    if not (qa and qb):
        return False
    if not ({v.unit for v in qa} & {v.unit for v in qb}):
        return True  # values of different units never compare: no need to ask one by one
    return all(compatible(x, y) is None for x in qa for y in qb)


def _leftover_conflict(
    a: Sequence[Value], b: Sequence[Value], compatible: Compatible
) -> tuple[Value, Value] | None:
    """Match the two sides' values one to one by compatibility; a conflict is a comparable pair
    left over. "68 of 120 seats" vs "66 of 120 seats": 120 matches 120, and 68 conflicts with 66."""
    left_b = list(b)
    unmatched_a = []
    for x in a:
        partner = next((y for y in left_b if compatible(x, y)), None)
        if partner is None:
            unmatched_a.append(x)
        else:
            left_b.remove(partner)
    conflicting = [(x, y) for x in unmatched_a for y in left_b if compatible(x, y) is False]
    # The closest pair is the one shown: "Friday" against the claim's "Thursday (Oct 30)", not
    # against the "Wednesday (Oct 29)" it also states.
    return min(conflicting, key=lambda pair: _gap(*pair), default=None)


def _gap(a: Value, b: Value) -> float:
    """How far apart two readings lie (days of the week for weekdays); inf when not measurable."""
    days = weekday_of(a), weekday_of(b)
    # A weekday against a day is days of the week apart, before any linear gap: Sunday is next to Monday.
    if "weekday" in (a.kind, b.kind) and days[0] is not None and days[1] is not None:
        apart = abs(days[0] - days[1])
        return min(apart, 7 - apart)
    ends = (a.low, a.high, b.low, b.high)
    if a.unit == b.unit and all(math.isfinite(x) for x in ends):
        return abs(a.low + a.high - b.low - b.high) / 2
    return math.inf


def _value_conflict(
    by_source: Mapping[SourceId, Sequence[Value]],
    compatible: Compatible,
    signature: Callable[[Sequence[Value]], object],
) -> list[tuple[SourceId, SourceId, Value, Value]]:
    """Pairs of sources that state a figure or date which the other side contradicts.

    Sources stating the same readings are compared once, through their first member: a story
    covered by a hundred outlets mostly repeats a handful of readings.
    """
    members: dict[object, list[SourceId]] = {}
    for source in sorted(by_source):
        members.setdefault(signature(by_source[source]), []).append(source)
    heads = [group[0] for group in members.values()]
    # In a fact stated by very many outlets, each reading is checked against the most common ones:
    # a conflict that no common reading takes part in is not worth quadratic time.
    common = sorted(heads, key=lambda h: (-len(members[signature(by_source[h])]), h))[:MAX_COMPARED_READINGS]
    conflicts = []
    for x, s in enumerate(heads):
        for t in heads[x + 1 :]:
            if len(heads) > MAX_COMPARED_READINGS and s not in common and t not in common:
                continue
            if _measure_different_things(by_source[s], by_source[t], compatible):
                continue
            found = _leftover_conflict(by_source[s], by_source[t], compatible)
            if found is not None:
                conflicts.append((s, t, found[0], found[1]))
    if not conflicts:
        return []
    # Each member of a group holds the same readings as its head: the same conflict, its own value.
    expanded = []
    for s, t, va, vb in conflicts:
        for s2 in members[signature(by_source[s])]:
            for t2 in members[signature(by_source[t])]:
                pair = (s2, t2, _same_reading(by_source[s2], va), _same_reading(by_source[t2], vb))
                expanded.append(pair if s2 < t2 else (t2, s2, pair[3], pair[2]))
    return sorted(expanded, key=lambda c: (c[0], c[1]))


def _same_reading(values: Sequence[Value], like: Value) -> Value:
    return next(
        (v for v in values if v == like or (v.text, v.low, v.high) == (like.text, like.low, like.high)), like
    )


def _readings(
    sources: Sequence[SourceId],
    by_source: Mapping[SourceId, Sequence[Value]],
    conflicts: Sequence[tuple[SourceId, SourceId, Value, Value]],
    compatible: Compatible,
) -> list[_Reading]:
    """Each source's value for the disputed quantity: the one it was caught conflicting with, else
    the one that fits a disputed value (so it joins that side), else its first comparable one; a
    source whose every reading fits all the disputed values takes no side and is left out."""
    disputed: dict[SourceId, Value] = {}
    for s, t, va, vb in conflicts:
        disputed.setdefault(s, va)
        disputed.setdefault(t, vb)
    anchor = conflicts[0][2]
    readings = []
    for source in sources:
        if source in disputed:
            readings.append(_Reading(source, disputed[source]))
            continue
        candidates = [v for v in by_source.get(source, ()) if compatible(anchor, v) is not None]
        # A reading that fits every disputed one ("later this week" beside Thursday and Friday)
        # takes no side: counted on one, it would make that side the majority and blame the other.
        siding = [v for v in candidates if not all(compatible(v, d) for d in disputed.values())]
        fitting = [v for v in siding if any(compatible(v, d) for d in disputed.values())]
        if fitting or siding:
            readings.append(_Reading(source, (fitting or siding)[0]))
    return readings


def _group_readings(
    readings: Sequence[_Reading], compatible: Compatible, describe: Describe
) -> list[ValueGroup]:
    """One group per reading with exactly the sources that give it, on sides of compatible readings
    ("157" and "at least 128" on one side, "112" on another); the side most sources take first."""
    sides: list[tuple[Value, dict[str, list[SourceId]]]] = []
    for reading in readings:
        label = describe(reading.value)
        side = next((labels for value, labels in sides if compatible(value, reading.value)), None)
        if side is None:
            side = {}
            sides.append((reading.value, side))
        backers = side.setdefault(label, [])
        if reading.source not in backers:
            backers.append(reading.source)

    def stated_by(labels: dict[str, list[SourceId]]) -> list[SourceId]:
        return sorted({s for backers in labels.values() for s in backers})

    ordered = sorted((labels for _, labels in sides), key=lambda ls: (-len(stated_by(ls)), stated_by(ls)))
    return [
        ValueGroup(label, tuple(sorted(backers)), side=n)
        for n, labels in enumerate(ordered)
        for label, backers in sorted(labels.items(), key=lambda item: (-len(item[1]), item[0]))
    ]


def _side_sources(groups: Sequence[ValueGroup], side: int) -> list[SourceId]:
    return sorted({s for g in groups if g.side == side for s in g.sources})


def _side_by_side(groups: Sequence[ValueGroup]) -> str:
    """ "157 (a, b) / at least 128 (c) vs 112 (d)": each reading with its own sources, sides apart."""
    sides = sorted({g.side for g in groups})
    return " vs ".join(
        " / ".join(f"{g.value} ({', '.join(g.sources)})" for g in groups if g.side == side) for side in sides
    )


def _rose_over_time(
    groups: Sequence[ValueGroup], values: Mapping[str, Value], dates: Mapping[SourceId, dt.date | None]
) -> str:
    """'figure rose over time: 40 -> 128 -> 157' when later articles give larger figures."""
    points = []
    for group in groups:
        known = [d for d in (dates.get(s) for s in group.sources) if d is not None]
        value = values.get(group.value)
        if value is None:
            return ""
        if known:  # an undated article places its reading nowhere in time: it is left out
            points.append((max(known), value.low, group.value))
    points.sort()
    if len(points) < 2 or len({p[0] for p in points}) != len(points):
        return ""
    lows = [p[1] for p in points]
    if all(a < b for a, b in zip(lows, lows[1:], strict=False)):
        return "figure rose over time: " + " → ".join(p[2] for p in points)
    return ""


def _words(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in text.casefold()).split()


def _quote_conflict(claims: Sequence[Claim]) -> tuple[Claim, Claim] | None:
    """Two sources quoting the same named speaker's same passage with words changed."""
    quoted = [c for c in claims if len(c.quote.split()) >= 2 and c.speaker]
    for x, a in enumerate(quoted):
        for b in quoted[x + 1 :]:
            if a.source == b.source or a.speaker != b.speaker:
                continue
            if _misquoted(_words(a.quote), _words(b.quote)):
                return a, b
    return None


def _misquoted(wa: list[str], wb: list[str]) -> bool:
    """One passage with a word or two changed. Quotes that differ more are another passage, or
    another translation of the same words. A shorter quote is also read against the passage of the
    longer one it renders ("bright new day" inside "We hope to open a bright new dawn for the
    valley"), with one word changed at most: a looser match inside a long quote is chance. Either
    way the two must share two content words: "the talks failed" and "the talks were useful" share
    only their grammar and one noun, which any two quotes of one speaker on one subject do."""
    short, long_ = sorted((wa, wb), key=len)
    if len(short) <= MISQUOTED_WORDS:
        return False
    if any(long_[k : k + len(short)] == short for k in range(len(long_) - len(short) + 1)):
        return False  # the same words, or one quotes a part of the other
    if Levenshtein.distance(wa, wb) <= MISQUOTED_WORDS:
        return _share_content(short, long_)
    passages = (
        long_[k : k + n]
        for n in (len(short) - 1, len(short), len(short) + 1)
        for k in range(len(long_) - n + 1)
    )
    return any(Levenshtein.distance(short, p) <= 1 and _share_content(short, p) for p in passages)


def _share_content(a: list[str], b: list[str]) -> bool:
    """Whether two word lists share at least two content words (not closed-class words)."""
    return len((set(a) & set(b)) - FUNCTION_WORDS) >= 2


def _shared_values(
    by_source: Mapping[SourceId, Sequence[Value]], compatible: Compatible, describe: Describe
) -> tuple[ValueGroup, ...]:
    """The values that another source confirms (states a compatible one), each credited to exactly
    the sources that write it: "more than 700 (a, b); about 1,000 (c)", never the same six twice."""
    stated: dict[str, list[SourceId]] = {}
    confirmed: set[str] = set()
    sources = sorted(by_source)
    for s in sources:
        for value in by_source[s]:
            label = describe(value)
            if s not in stated.setdefault(label, []):
                stated[label].append(s)
            if any(t != s and any(compatible(value, other) for other in by_source[t]) for t in sources):
                confirmed.add(label)
    return tuple(ValueGroup(label, tuple(stated[label])) for label in stated if label in confirmed)


def _letters(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _spelling_notes(claims: Sequence[Claim]) -> tuple[str, ...]:
    """'spelled Gharmabad (a) / Garmobod (b)': one name written two ways is a note, not a conflict."""
    names: dict[str, set[SourceId]] = {}
    for claim in claims:
        for name in (*claim.entities, *claim.scope):
            names.setdefault(name, set()).add(claim.source)
    notes = []
    ordered = sorted(names)
    for x, a in enumerate(ordered):
        for b in ordered[x + 1 :]:
            fa, fb = _letters(a), _letters(b)
            # Same letters (punctuation only), or one name inside the other ("Altaria"/"Altarian"):
            # not two spellings.
            if fa in fb or fb in fa:
                continue
            if names[a] != names[b] and same_name(a, b):
                left, right = ", ".join(sorted(names[a])), ", ".join(sorted(names[b]))
                notes.append(f"spelled {a} ({left}) / {b} ({right})")
    return tuple(notes)


def _value_divergence(
    cluster: Cluster,
    title: str,
    va: Value,
    readings: Sequence[_Reading],
    compatible: Compatible,
    describe: Describe,
    dates: Mapping[SourceId, dt.date | None],
) -> Fact:
    """The verdict on a cluster whose sources state conflicting values (`va` is one of them):
    the readings grouped into sides, the trend over time, the majority and the notes."""
    # Name the family after a reading that names its counted thing ("68" and "66 seats": seats).
    family = next((_family(r.value) for r in readings if r.value.quantity), _family(va))
    # The family names what is measured ("death: 157 vs 112"), so readings leave the noun out.
    plain = _plain(describe, family)
    groups = tuple(_group_readings(readings, compatible, plain))
    kind: DivergenceKind = "date" if va.kind in _DATE_KINDS else "value"
    first, second = _side_sources(groups, 0), _side_sources(groups, 1)
    majority = " / ".join(g.value for g in groups if g.side == 0) if len(first) > len(second) else ""
    summary = f"{family}: {_side_by_side(groups)}"
    notes: list[str] = []
    if kind == "value":
        by_text = {plain(r.value): r.value for r in readings}
        trend = _rose_over_time(groups, by_text, dates)
        if trend:
            notes.append(trend)
            summary = f"{family}: {trend}"
    if majority:
        notes.append(f"most sources give {majority}")
    notes.extend(_spelling_notes(cluster.claims))
    minority = (
        tuple(sorted({s for g in groups if g.side > 0 for s in g.sources}))
        if majority
        else tuple(sorted({s for g in groups for s in g.sources}))
    )
    return Fact(cluster, "diverge", Reason(summary, kind, groups, majority, tuple(notes)), title, minority)


def judge(
    cluster: Cluster,
    *,
    compatible: Compatible,
    describe: Describe,
    dates: Mapping[SourceId, dt.date | None] | None = None,
) -> Fact:
    """The verdict on one cluster, with a reason that puts the values side by side."""
    title = _title(cluster)
    sources = cluster.sources
    if len(sources) == 1:
        return Fact(cluster, "single", Reason(f"only {sources[0]} reports this"), title)

    by_source: dict[SourceId, list[Value]] = {}
    scope_of: dict[int, tuple[str, ...]] = {}
    for claim in cluster.claims:
        known = by_source.setdefault(claim.source, [])
        # A headline and a body sentence of one article often repeat a figure: count it once.
        for v in claim.values:
            if all(describe(v) != describe(k) for k in known):
                known.append(v)
                scope_of[id(v)] = verdict_scope(claim)
    compatible = _within_scope(compatible, scope_of)

    def signature(values: Sequence[Value]) -> object:
        return tuple(sorted((describe(v), scope_of.get(id(v), ())) for v in values))

    conflicts = _value_conflict(by_source, compatible, signature)
    if conflicts:
        readings = _readings(sources, by_source, conflicts, compatible)
        return _value_divergence(cluster, title, conflicts[0][2], readings, compatible, describe, dates or {})

    quoted = _quote_conflict(cluster.claims)
    if quoted is not None:
        a, b = quoted
        quotes = (ValueGroup(f"“{a.quote}”", (a.source,)), ValueGroup(f"“{b.quote}”", (b.source,), side=1))
        summary = f"quoted differently: “{a.quote}” ({a.source}) vs “{b.quote}” ({b.source})"
        return Fact(cluster, "diverge", Reason(summary, "quote", quotes), title, (a.source, b.source))

    shared = _shared_values(by_source, compatible, describe)
    summary = f"{len(sources)} sources agree"
    if shared:
        summary += ": " + "; ".join(f"{g.value} ({', '.join(g.sources)})" for g in shared)
    return Fact(cluster, "agree", Reason(summary, None, shared, notes=_spelling_notes(cluster.claims)), title)


def judge_all(
    clusters: Sequence[Cluster],
    *,
    compatible: Compatible,
    describe: Describe,
    dates: Mapping[SourceId, dt.date | None] | None = None,
) -> tuple[Fact, ...]:
    """Verdicts for every cluster, in cluster order."""
    return tuple(judge(c, compatible=compatible, describe=describe, dates=dates) for c in clusters)
