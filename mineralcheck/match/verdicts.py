"""Cluster -> verdict: single, agree, or diverge with the kind of disagreement and the values side by side.

A divergence needs evidence: two sources state values that can be compared (same kind, same unit,
same counted thing) and no reading of one is compatible with any reading of the other. A difference
of wording alone never makes a divergence, except for direct quotes, where the words are the fact.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from mineralcheck.lexicon.function_words import FUNCTION_WORDS
from mineralcheck.match.pairs import same_places as same_scope
from mineralcheck.match.timeline import Instant, rose_over_time
from mineralcheck.models import (
    Claim,
    Cluster,
    DivergenceKind,
    Fact,
    Mention,
    Reading,
    Reason,
    SourceId,
    Value,
)
from mineralcheck.values import same_name, weekday_of
from mineralcheck.values.written import measure_label, written_labels

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


@dataclass(frozen=True)
class _Written:
    """Where each value of a cluster comes from and how its outlet writes it (keyed by id(value):
    the claims own their values, see _owning_their_values)."""

    claim: Mapping[int, Claim]
    label: Mapping[int, str]

    @staticmethod
    def of(claims: Sequence[Claim]) -> _Written:
        origin: dict[int, Claim] = {}
        labels: dict[int, str] = {}
        for claim in claims:
            labels.update(written_labels(claim))
            origin.update((id(v), claim) for v in claim.values)
        return _Written(origin, labels)

    def mention(self, value: Value) -> Mention:
        claim = self.claim[id(value)]
        return Mention(claim.id, claim.source, value)


def _owning_their_values(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """The claims, each with value objects no other claim holds. The verdicts tell a cluster's values
    apart by identity (_Written), and wire copies may share one tuple of values: each outlet's
    reading must still be credited to its own claim."""
    seen: set[int] = set()
    out = []
    for claim in claims:
        if any(id(v) in seen for v in claim.values):
            claim = replace(claim, values=tuple(replace(v) for v in claim.values))
        seen.update(id(v) for v in claim.values)
        out.append(claim)
    return tuple(out)


def _credited(found: Sequence[tuple[Value, SourceId]], written: _Written, side: int = 0) -> list[Reading]:
    """One reading per wording, credited to exactly the sources that write it, in order of first mention."""
    return Reading.by_wording(((written.label[id(v)], s, written.mention(v)) for v, s in found), side)


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


_EARLIER = "earlier"
"""Where verdicts put an earlier value: a time of its own, so it never compares with today's."""


def verdict_scope(claim: Claim) -> tuple[str, ...]:
    """The claim's scope as a verdict compares it (with same_places): its places, and for an earlier
    value ("up from 40%") a mark no place name matches, so that it never conflicts with a figure now."""
    return (_EARLIER, *claim.scope) if claim.earlier else claim.scope


def _within_scope(compatible: Compatible, scope_of: Mapping[int, tuple[str, ...]]) -> Compatible:
    """compatible(), except that values about different places (a district, the nation) never compare."""

    def check(a: Value, b: Value) -> bool | None:
        if not same_scope(scope_of.get(id(a), ()), scope_of.get(id(b), ())):
            return None
        return compatible(a, b)

    return check


def _rivals_only(
    compatible: Compatible,
    by_source: Mapping[SourceId, Sequence[Value]],
    written: _Written,
) -> Compatible:
    """compatible(), except that two readings that can both be true are no conflict: one outlet
    gives both (an article does not contradict itself: "40 homes" and "12 homes" in one are a total
    and a part, or two counts it attributes), or two outlets wrote the same words for a date that
    each resolves against its own day ("tomorrow", in one report run on two days)."""

    # Which outlets give each figure, so that "does one outlet give both" costs a set intersection
    # rather than a pass over every outlet of a fact that hundreds of outlets state.
    giving: dict[tuple[str, float, float], set[SourceId]] = {}
    for source, values in by_source.items():
        for v in values:
            giving.setdefault((v.unit, v.low, v.high), set()).add(source)
    nobody: set[SourceId] = set()

    def givers(figure: Value) -> set[SourceId]:
        return giving.get((figure.unit, figure.low, figure.high), nobody)

    def check(a: Value, b: Value) -> bool | None:
        verdict = compatible(a, b)
        if verdict is not False:
            return verdict
        if a.kind in _DATE_KINDS and _same_words(written.label.get(id(a), ""), written.label.get(id(b), "")):
            return True
        if a.kind == "quantity" and not givers(a).isdisjoint(givers(b)):
            return None
        return False

    return check


def _same_words(a: str, b: str) -> bool:
    """Two dates written alike in words alone ("tomorrow", "on Tuesday"): the same words, not two dates."""
    return bool(a) and a.casefold() == b.casefold() and not any(ch.isdigit() for ch in a)


def _family(value: Value) -> str:
    """Values of one family can conflict; the dates' and times' label for the reason line."""
    return "time" if value.kind == "time" else "date"


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
    # The closest pair is the one shown: "Friday" against the claim's "Thursday (Mar 14)", not
    # against the "Wednesday (Mar 13)" it also states.
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
    describe: Describe,
) -> list[tuple[SourceId, SourceId, Value, Value]]:
    """Pairs of sources that state a figure or date which the other side contradicts.

    Sources stating the same readings (by `describe`) are compared once, through their first
    member: a story covered by a hundred outlets mostly repeats a handful of readings.
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
                pair = (
                    s2,
                    t2,
                    _same_reading(by_source[s2], va, describe),
                    _same_reading(by_source[t2], vb, describe),
                )
                expanded.append(pair if s2 < t2 else (t2, s2, pair[3], pair[2]))
    return sorted(expanded, key=lambda c: (c[0], c[1]))


def _same_reading(values: Sequence[Value], like: Value, describe: Describe) -> Value:
    """A member's own value for its group head's reading: the member may write it in other words
    ("more than 40" where the head wrote "over 40"), and is credited with its own words."""
    same = [v for v in values if v == like or (v.text, v.low, v.high) == (like.text, like.low, like.high)]
    same += [v for v in values if describe(v) == describe(like)]
    return same[0] if same else like


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


def _group_readings(readings: Sequence[_Reading], compatible: Compatible, written: _Written) -> list[Reading]:
    """One reading per wording with exactly the sources that write it, on sides of compatible
    readings ("157" and "at least 128" on one side, "112" on another); the side most sources take first."""
    sides: list[tuple[Value, list[_Reading]]] = []
    for reading in readings:
        side = next((members for value, members in sides if compatible(value, reading.value)), None)
        if side is None:
            side = []
            sides.append((reading.value, side))
        side.append(reading)

    def stated_by(members: list[_Reading]) -> list[SourceId]:
        return sorted({r.source for r in members})

    ordered = sorted((members for _, members in sides), key=lambda ms: (-len(stated_by(ms)), stated_by(ms)))
    out = []
    for n, members in enumerate(ordered):
        credited = _credited([(r.value, r.source) for r in members], written, side=n)
        out += sorted(credited, key=lambda r: (-len(r.sources), r.value))
    return out


def _side_sources(groups: Sequence[Reading], side: int) -> list[SourceId]:
    return sorted({s for g in groups if g.side == side for s in g.sources})


def _side_by_side(groups: Sequence[Reading]) -> str:
    """ "157 (a, b) / at least 128 (c) vs 112 (d)": each reading with its own sources, sides apart."""
    sides = sorted({g.side for g in groups})
    return " vs ".join(
        " / ".join(f"{g.value} ({', '.join(g.sources)})" for g in groups if g.side == side) for side in sides
    )


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
    by_source: Mapping[SourceId, Sequence[Value]], compatible: Compatible, written: _Written
) -> tuple[Reading, ...]:
    """The values that another source confirms (states a compatible one), each credited to exactly
    the sources that write it: "more than 700 (a, b); about 1,000 (c)", never the same six twice.
    A value no other source confirms is a detail of its own claim, not a figure of the shared fact."""
    sources = sorted(by_source)
    confirmed = [
        (value, s)
        for s in sources
        for value in by_source[s]
        if not _is_rank(value)
        and any(t != s and any(compatible(value, other) for other in by_source[t]) for t in sources)
    ]
    return tuple(_credited(confirmed, written))


def _is_rank(value: Value) -> bool:
    """A rank ("third") is no figure of the fact; a date two sources share is (unlike
    Value.is_figure, which counts only quantities)."""
    return value.unit == "ordinal"


def _own_figures(claims: Sequence[Claim], written: _Written) -> tuple[Reading, ...]:
    """A single source's figures: the counts, amounts and measurements its claims state."""
    found = [(v, c.source) for c in claims for v in c.values if v.is_figure]
    return tuple(_credited(found, written))


def _measure(groups: Sequence[Reading], written: _Written) -> str:
    """What the readings measure, in readable words ("deaths", "wind speed", "date")."""
    values = [m.value for g in groups for m in g.mentions if m.value is not None]
    dated = [v for v in values if v.kind in _DATE_KINDS]
    if dated and len(dated) == len(values):
        return _family(dated[0])
    figures = [v for v in values if v.kind == "quantity"]
    return measure_label(figures, [written.claim[id(v)].evidence for v in figures])


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
    written: _Written,
    published: Mapping[SourceId, Instant],
) -> Fact:
    """The verdict on a cluster whose sources state conflicting values (`va` is one of them):
    the readings grouped into sides, the trend over time, the majority and the notes."""
    groups = tuple(_group_readings(readings, compatible, written))
    kind: DivergenceKind = "date" if va.kind in _DATE_KINDS else "value"
    measure = _measure(groups, written) or "figure"
    first, second = _side_sources(groups, 0), _side_sources(groups, 1)
    majority = " / ".join(g.value for g in groups if g.side == 0) if len(first) > len(second) else ""
    summary = f"{measure}: {_side_by_side(groups)}"
    notes: list[str] = []
    if kind == "value":
        points = [(m.source, m.value.low, g.value) for g in groups for m in g.mentions if m.value is not None]
        trend = rose_over_time(points, published)
        if trend:
            notes.append(trend)
            summary = f"{measure}: {trend}"
    if majority:
        notes.append(f"most sources give {majority}")
    notes.extend(_spelling_notes(cluster.claims))
    minority = (
        tuple(sorted({s for g in groups if g.side > 0 for s in g.sources}))
        if majority
        else tuple(sorted({s for g in groups for s in g.sources}))
    )
    reason = Reason(summary, kind, groups, majority, tuple(notes), measure)
    return Fact(cluster, "diverge", reason, title, minority)


def _quote_divergence(cluster: Cluster, title: str, a: Claim, b: Claim) -> Fact:
    """Two sources quoting one speaker's passage with words changed: the quotes side by side."""
    quotes = (
        Reading(f"“{a.quote}”", (a.source,), 0, (Mention(a.id, a.source),)),
        Reading(f"“{b.quote}”", (b.source,), 1, (Mention(b.id, b.source),)),
    )
    summary = f"quoted differently: “{a.quote}” ({a.source}) vs “{b.quote}” ({b.source})"
    measure = f"{a.speaker} quoted in different words"
    return Fact(
        cluster, "diverge", Reason(summary, "quote", quotes, measure=measure), title, (a.source, b.source)
    )


def judge(
    cluster: Cluster,
    *,
    compatible: Compatible,
    describe: Describe,
    published: Mapping[SourceId, Instant] | None = None,
) -> Fact:
    """The verdict on one cluster, with a reason that puts the fact's figures side by side, each as
    its outlets write it. `describe` is the canonical form under which one source's repeats of a
    figure count once; `published` dates the sources for the trend of a rising figure."""
    title = _title(cluster)
    sources = cluster.sources
    claims = _owning_their_values(cluster.claims)
    written = _Written.of(claims)
    if len(sources) == 1:
        own = _own_figures(claims, written)
        return Fact(
            cluster,
            "single",
            Reason(f"only {sources[0]} reports this", None, own, measure=_measure(own, written)),
            title,
        )

    by_source: dict[SourceId, list[Value]] = {}
    scope_of: dict[int, tuple[str, ...]] = {}
    for claim in claims:
        known = by_source.setdefault(claim.source, [])
        # A headline and a body sentence of one article often repeat a figure: count it once.
        for v in claim.values:
            if all(describe(v) != describe(k) for k in known):
                known.append(v)
                scope_of[id(v)] = verdict_scope(claim)
    compatible = _rivals_only(_within_scope(compatible, scope_of), by_source, written)

    def signature(values: Sequence[Value]) -> object:
        return tuple(sorted((describe(v), scope_of.get(id(v), ())) for v in values))

    conflicts = _value_conflict(by_source, compatible, signature, describe)
    if conflicts:
        readings = _readings(sources, by_source, conflicts, compatible)
        return _value_divergence(
            cluster, title, conflicts[0][2], readings, compatible, written, published or {}
        )

    quoted = _quote_conflict(cluster.claims)
    if quoted is not None:
        return _quote_divergence(cluster, title, *quoted)

    shared = _shared_values(by_source, compatible, written)
    summary = f"{len(sources)} sources agree"
    if shared:
        summary += ": " + "; ".join(f"{g.value} ({', '.join(g.sources)})" for g in shared)
    reason = Reason(
        summary, None, shared, notes=_spelling_notes(cluster.claims), measure=_measure(shared, written)
    )
    return Fact(cluster, "agree", reason, title)


def judge_all(
    clusters: Sequence[Cluster],
    *,
    compatible: Compatible,
    describe: Describe,
    published: Mapping[SourceId, Instant] | None = None,
) -> tuple[Fact, ...]:
    """Verdicts for every cluster, in cluster order."""
    return tuple(judge(c, compatible=compatible, describe=describe, published=published) for c in clusters)
