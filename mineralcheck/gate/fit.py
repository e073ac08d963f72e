"""What a source must state for an expectation of claims.yaml to hold.

An expectation's value is a promise about the articles: a found value fits when it lies within the
expected one. `>90%` accepts "92%" and "more than 90%", not "more than 60%" (which allows 61%) or
"about 70%"; `>=1000 km` rejects "more than 100 km". Overlapping intervals are not enough: an edit
from "more than 1,000 km" to "more than 100 km" still overlaps `>=1000 km`.

An expectation may also pin the figure it is about by its frame (`measure:` and `scope:`, matched
against Value.quantity, Value.increment, Value.qualifiers and Value.scope), so that a fact stating
several figures is checked on the right one, and a failure never blames another figure.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from mineralcheck.models import INCREMENT_LABEL, Claim, Fact, SourceId, Value, restrictions
from mineralcheck.values import same_name, values_compatible
from mineralcheck.values.nouns import canonical_noun

STEM = 4
"""Letters two qualifier words must share to be one word in two forms ("confirm", "confirmed")."""


def within(found: Value, expected: Value) -> bool:
    """True when every point of `found` lies in `expected` (open ends respected, float noise ignored)."""
    ends = [x for x in (found.low, found.high, expected.low, expected.high) if math.isfinite(x)]
    eps = 1e-9 * max([1.0, *(abs(x) for x in ends)])
    if found.low < expected.low - eps or found.high > expected.high + eps:
        return False
    # At a shared end, an open expected end excludes what a closed found end includes.
    if expected.low_open and not found.low_open and abs(found.low - expected.low) <= eps:
        return False
    return not (expected.high_open and not found.high_open and abs(found.high - expected.high) <= eps)


def fits(expected: Value, found: Value) -> bool | None:
    """None when `found` cannot be compared with `expected` (another kind, unit or counted thing);
    else whether it lies within it. A weekday against a date, or a date without its year, fits when
    they agree: neither is an interval of the other's kind."""
    agree = values_compatible(expected, found)
    if agree is None or not agree:
        return agree
    if expected.kind != found.kind or expected.unit != found.unit:
        return True
    return within(found, expected)


@dataclass(frozen=True)
class Pin:
    """The frame an expectation pins its figure by: what is counted, how it is qualified, where."""

    measure: str
    """The counted thing, canonical ("death", "case")."""
    qualifiers: tuple[str, ...] = ()
    """Words that restrict it ("confirmed"): a figure must carry exactly these."""
    scope: tuple[str, ...] = ()
    """Places below the national level; none means the figure names no such place."""
    increment: bool = False
    """The figure is one update ("new cases"), not the running total."""

    @classmethod
    def parse(cls, measure: str, scope: Iterable[str] = ()) -> Pin:
        """ "confirmed cases" -> Pin("case", ("confirmed",)); "new deaths in Lakeport" -> an increment
        of deaths, scope Lakeport: the way the report's key figures label a measure."""
        words, _, place = measure.strip().partition(" in ")
        *qualifiers, noun = words.split()
        restricting = [q.lower() for q in qualifiers]
        increment = INCREMENT_LABEL in restricting
        qualifiers = [q for q in restricting if q != INCREMENT_LABEL]
        places = tuple(scope) or tuple(p.strip() for p in place.split(",") if p.strip())
        return cls(canonical_noun(noun), tuple(qualifiers), places, increment)

    def holds(self, value: Value) -> bool:
        """Whether `value` is a figure of this measure, so qualified, in this place."""
        if value.kind != "quantity" or canonical_noun(value.quantity) != self.measure:
            return False
        if value.increment != self.increment:
            return False
        # The key figures write an owner before the measure ("Acme shares"), as they write a qualifier.
        restricting = (*value.qualifiers, *value.owner.lower().split())
        if len(restricting) != len(self.qualifiers) or not all(
            any(_one_word(q, v) for v in restricting) for q in self.qualifiers
        ):
            return False
        if len(value.scope) != len(self.scope):
            return False
        return all(
            any(p.casefold() == s.casefold() or same_name(p, s) for s in value.scope) for p in self.scope
        )

    def describe(self) -> str:
        words = " ".join((*restrictions(self.increment, self.qualifiers), self.measure))
        return f"{words} in {', '.join(self.scope)}" if self.scope else words


def _one_word(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= STEM and long_.startswith(short))


@dataclass(frozen=True)
class Statement:
    """What one source states for an expectation: the claim and its values that can be compared."""

    source: SourceId
    claim: Claim
    values: tuple[Value, ...]


def statements(
    fact: Fact, expected: Value | None, pin: Pin | None, score: Callable[[Claim], float]
) -> dict[SourceId, Statement]:
    """Per source of `fact`, its claim that best matches the expectation (by `score`) among those
    that state a comparable value (of the pinned frame, when pinned), with those values. A denied
    claim or an earlier value ("up from 54.9%") states nothing about the figure now."""
    best: dict[SourceId, tuple[float, Statement]] = {}
    for claim in fact.cluster.claims:
        if claim.negated or claim.earlier:
            continue
        values = tuple(v for v in claim.values if _about(v, expected, pin))
        if not values:
            continue
        rank = score(claim)
        if claim.source not in best or rank > best[claim.source][0]:
            best[claim.source] = (rank, Statement(claim.source, claim, values))
    return {source: found for source, (_, found) in sorted(best.items())}


def _about(value: Value, expected: Value | None, pin: Pin | None) -> bool:
    if pin is not None and not pin.holds(value):
        return False
    return expected is None or values_compatible(expected, value) is not None


def pinned_sources(fact: Fact, pin: Pin) -> set[SourceId]:
    """The sources of `fact` that state a figure of the pinned frame."""
    return {c.source for c in fact.cluster.claims for v in c.values if pin.holds(v) and not c.negated}


def measures(facts: Iterable[Fact]) -> Mapping[str, int]:
    """Every frame of the report's figures as a Pin would write it, with its number of facts (for
    a message that says which measures there are)."""
    found: dict[str, int] = {}
    for fact in facts:
        seen = set()
        for claim in fact.cluster.claims:
            for value in claim.values:
                if value.kind == "quantity" and value.quantity:
                    seen.add(Pin(value.quantity, value.qualifiers, value.scope, value.increment).describe())
        for label in seen:
            found[label] = found.get(label, 0) + 1
    return found


__all__ = ["Pin", "Statement", "fits", "measures", "pinned_sources", "statements", "within"]
