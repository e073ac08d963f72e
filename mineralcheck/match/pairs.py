"""Whether two claims state the same fact: explicit pair features and a model fitted on labelled pairs.

The features mean the same thing in every story (how alike the meanings and the words are, whether
the two figures measure the same thing, in the same place, at the same time, said by the same
counter); the weights are fitted by `make fit` (bench/fit.py) on claim pairs labelled by the gold
files of the development events, and shipped in data/pair_model.json with their
leave-one-event-out result. Nothing here is tuned by hand to a story.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources

import numpy as np
from rapidfuzz import fuzz

from mineralcheck.lexicon.function_words import WORDING_STOP_WORDS
from mineralcheck.logistic import Logistic
from mineralcheck.models import Claim, Value
from mineralcheck.values import same_name, values_compatible

_WORD = re.compile(r"[\w%$€£¥]+", re.UNICODE)
STEM_LENGTH = 6
"""Words are compared on their first letters: "processes"/"processing", "dominant"/"dominates"."""

SMALL_COUNT = 10
"""Whole counts up to this are common to many facts of a story ("two leaders", "one mine")."""

GENERIC_MEASURES = frozenset({"", "people"})
"""Measures that say nothing about what is counted."""

FEATURES = (
    "cosine",
    "wording",
    "best_match",
    "aligned",
    "same_source",
    "shared_figure",
    "figure_conflict",
    "same_source_conflict",
    "same_measure",
    "other_measure",
    "qualifier_conflict",
    "qualifier_one_side",
    "shared_date",
    "date_conflict",
    "scope_conflict",
    "scope_one_side",
    "time_conflict",
    "polarity_differs",
    "attribution_conflict",
    "figures_one_side",
    "headline",
    "caption",
    "length_ratio",
    "quote_likeness",
    "entity_overlap",
)
"""The pair features, in the order of the model's weights."""


def stems(text: str) -> frozenset[str]:
    """Content-word stems of a text, the units of the wording score."""
    return frozenset(
        w[:STEM_LENGTH] for w in _WORD.findall(text.lower()) if w not in WORDING_STOP_WORDS and len(w) > 1
    )


class Wording:
    """IDF-weighted overlap of word stems, with IDF taken over the claims of this corpus.

    Words that every claim of a story shares (the main actors, the event) weigh little; the words
    that single out one fact (a rare noun, a figure) weigh much. The weighting adapts to each corpus.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self.stems = [stems(t) for t in texts]
        df: dict[str, int] = {}
        for bag in self.stems:
            for stem in bag:
                df[stem] = df.get(stem, 0) + 1
        n = len(texts)
        self.weight = {stem: (math.log((n + 1) / (count + 1)) + 1.0) ** 2 for stem, count in df.items()}
        self.norm = [math.sqrt(sum(self.weight[s] for s in bag)) or 1.0 for bag in self.stems]

    def score(self, i: int, j: int) -> float:
        shared = self.stems[i] & self.stems[j]
        if not shared:
            return 0.0
        return sum(self.weight[s] for s in shared) / (self.norm[i] * self.norm[j])


@dataclass(frozen=True)
class ClaimView:
    """What pair features need of a claim, computed once per claim rather than once per pair."""

    source: str
    sentence: int
    figures: tuple[Value, ...]
    measures: frozenset[str]
    scope: tuple[str, ...]
    earlier: bool
    dates: tuple[Value, ...]
    negated: bool
    attribution: str
    words: int
    quote: str
    entities: frozenset[str]
    is_caption: bool

    @classmethod
    def of(cls, claim: Claim) -> ClaimView:
        figures = tuple(v for v in claim.values if v.is_figure)
        return cls(
            source=claim.source,
            sentence=claim.sentence,
            figures=figures,
            measures=frozenset(w for v in figures for w in measure_words(v)),
            scope=claim.scope,
            earlier=claim.earlier,
            dates=tuple(v for v in claim.values if v.kind in ("date", "weekday", "year", "time")),
            negated=claim.negated,
            attribution=claim.attribution.lower(),
            words=max(1, len(claim.text.split())),
            quote=claim.quote.lower(),
            entities=frozenset(claim.entities),
            is_caption=claim.is_caption,
        )


def _figure_weight(value: Value) -> float:
    """How much a shared figure says about two claims being one fact: 1 when specific, 1/3 when small."""
    small = value.unit in ("", "ordinal") and value.low == value.high and value.low <= SMALL_COUNT
    return 1 / 3 if small and float(value.low).is_integer() else 1.0


def measure_words(value: Value) -> frozenset[str]:
    """What a figure counts, as a set of words: its measure and the words around it."""
    return frozenset({value.quantity, *value.context}) - GENERIC_MEASURES


def _same_measure(a: Value, b: Value) -> bool:
    """Both name what they count, and it is the same thing."""
    return a.quantity == b.quantity and a.quantity not in GENERIC_MEASURES


def _measures_match(a: Value, b: Value) -> bool:
    """Same measure, or a figure whose measure is unknown: they may count the same thing."""
    return a.quantity in GENERIC_MEASURES or b.quantity in GENERIC_MEASURES or _same_measure(a, b)


def _related_measures(a: Value, b: Value) -> bool:
    """The words around the two figures overlap: a looser sign that they count the same thing."""
    return bool(measure_words(a) & measure_words(b))


def _qualifiers_clash(a: Value, b: Value) -> bool:
    """One is an increment and the other not ("four new deaths", "37 deaths"), or both restrict the
    measure with nothing in common ("19 confirmed" and "19 probable" cases; "two new confirmed"
    and "two new probable" cases: being an increment is not a qualifier they share)."""
    if a.increment != b.increment:
        return True
    return bool(a.qualifiers and b.qualifiers and not set(a.qualifiers) & set(b.qualifiers))


def nominal(value: Value) -> float:
    """The figure as written: the middle of a bounded interval, else its finite bound."""
    if math.isfinite(value.low) and math.isfinite(value.high):
        return (value.low + value.high) / 2
    return value.low if math.isfinite(value.low) else value.high


CLOSE = 0.02
"""Two figures this close (relative) are one figure written twice ("$6.1bn", "6.1 billion dollars")."""


def close_figures(a: Value, b: Value) -> bool:
    """The same figure, as written: bounded intervals that overlap, or nominal values within CLOSE.
    "More than 210 million" and "290 million" overlap as intervals but are not one figure."""
    bounded = all(math.isfinite(x) for x in (a.low, a.high, b.low, b.high))
    if bounded and values_compatible(a, b):
        return True
    x, y = nominal(a), nominal(b)
    return math.isfinite(x) and math.isfinite(y) and abs(x - y) <= CLOSE * max(abs(x), abs(y))


def _figures(a: ClaimView, b: ClaimView) -> tuple[float, float, float]:
    """(weight of the most telling figure both state, 1 if a figure of one measure conflicts,
    1 if a shared measure is qualified differently)."""
    shared = conflict = clash = 0.0
    for x in a.figures:
        for y in b.figures:
            if x.unit != y.unit:
                continue
            if _qualifiers_clash(x, y):
                clash = max(clash, float(_measures_match(x, y)))
                continue
            if close_figures(x, y):
                # The same specific figure is telling even where the words around it differ
                # ("fined $212.4 million", "ordered to pay nearly $212 million").
                related = _measures_match(x, y) or _related_measures(x, y)
                shared = max(shared, _figure_weight(x) * (1.0 if related else 0.5))
                continue
            if _same_measure(x, y) and (values_compatible(x, y) is False or different_bounds(x, y)):
                conflict = 1.0
    return shared, conflict, clash


def owners_differ(a: Value, b: Value) -> bool:
    """Both figures name whose they are, and not the same actor ("Acme shares", "Brio shares"); a
    short form of one name is the same actor ("Acme", "Acme Corp")."""
    if not (a.owner and b.owner) or a.owner == b.owner or same_name(a.owner, b.owner):
        return False
    x, y = (frozenset(owner.casefold().split()) for owner in (a.owner, b.owner))
    return not (x <= y or y <= x)


def frames_exclusive(a: ClaimView, b: ClaimView) -> bool:
    """The two claims give figures for one measure, and every such pair is restricted differently
    ("15 confirmed" / "26 probable" cases), about different places or owners, or one is an earlier value:
    they state different facts, whatever their wording."""
    found = False
    for x in a.figures:
        for y in b.figures:
            if x.unit != y.unit or not _same_measure(x, y):
                continue
            found = True
            places_differ = bool(x.scope and y.scope) and not same_places(x.scope, y.scope)
            if not (
                _qualifiers_clash(x, y) or places_differ or owners_differ(x, y) or a.earlier != b.earlier
            ):
                return False
    return found


def frame_compatible(a: Value, b: Value) -> bool | None:
    """values_compatible() for two values read with their frames: figures compare only when they
    count the same thing (measure words), restricted the same way (qualifiers), in the same place and
    of the same owner; None when they do not compare."""
    if a.kind != "quantity" or b.kind != "quantity":
        return values_compatible(a, b)
    if a.unit != b.unit or not _measures_match(a, b):
        return None
    if a.increment != b.increment or set(a.qualifiers) != set(b.qualifiers):
        return None
    if not same_places(a.scope, b.scope) or owners_differ(a, b):
        return None
    agree = values_compatible(replace(a, quantity=""), replace(b, quantity=""))
    return False if agree and different_bounds(a, b) else agree


def different_bounds(a: Value, b: Value) -> bool:
    """Two bounds on the same side that are not one figure: "at least 280" and "more than 300"
    injured overlap as intervals, but they are two different counts, as reported."""
    same_side = (math.isinf(a.high) and math.isinf(b.high)) or (math.isinf(a.low) and math.isinf(b.low))
    return same_side and not close_figures(a, b)


@functools.lru_cache(maxsize=65536)
def same_places(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two claims' places match, allowing for spelling variants of one name ("Ostvale"/"Oostvale")."""
    if len(a) != len(b):
        return False
    return all(any(x == y or same_name(x, y) for y in b) for x in a)


def time_conflict(a: ClaimView, b: ClaimView) -> bool:
    """One figure is an earlier value and the other is not, or both figures are dated differently."""
    if a.earlier != b.earlier:
        return True
    return bool(
        a.figures
        and b.figures
        and a.dates
        and b.dates
        and all(values_compatible(x, y) is False for x in a.dates for y in b.dates)
    )


def _attribution_conflict(a: ClaimView, b: ClaimView) -> float:
    if not (a.attribution and b.attribution) or a.attribution == b.attribution:
        return 0.0
    return 0.0 if fuzz.token_set_ratio(a.attribution, b.attribution) >= 80 else 1.0


def _qualified_one_side(a: ClaimView, b: ClaimView) -> float:
    """A shared measure that one claim qualifies and the other does not ("37 deaths", "6 confirmed
    deaths"): often a part and its whole."""
    for x in a.figures:
        for y in b.figures:
            if x.quantity == y.quantity and x.quantity not in GENERIC_MEASURES:
                if bool(x.restrictions()) != bool(y.restrictions()):
                    return 1.0
    return 0.0


def _dates(a: ClaimView, b: ClaimView) -> tuple[float, float]:
    """(both state a compatible date or time, both state dates and none is compatible)."""
    verdicts = [values_compatible(x, y) for x in a.dates for y in b.dates]
    known = [v for v in verdicts if v is not None]
    if not known:
        return 0.0, 0.0
    return float(any(known)), float(not any(known))


def pair_features(
    a: ClaimView, b: ClaimView, *, cosine: float, wording: float, best_match: float, aligned: bool
) -> list[float]:
    """The features of a pair of claims, in the order of FEATURES."""
    shared, conflict, clash = _figures(a, b)
    shared_date, date_conflict = _dates(a, b)
    both_scoped = bool(a.scope and b.scope)
    quote = fuzz.token_set_ratio(a.quote, b.quote) / 100.0 if a.quote and b.quote else 0.0
    union = a.entities | b.entities
    return [
        cosine,
        wording,
        best_match,
        float(aligned),
        float(a.source == b.source),
        shared,
        conflict,
        # An article does not contradict itself: two of its figures that differ are two facts.
        conflict * float(a.source == b.source),
        float(bool(a.measures & b.measures)),
        float(bool(a.measures and b.measures and not a.measures & b.measures)),
        clash,
        _qualified_one_side(a, b),
        shared_date,
        date_conflict,
        float(both_scoped and not same_places(a.scope, b.scope)),
        float(bool(a.scope) != bool(b.scope)),
        float(time_conflict(a, b)),
        float(a.negated != b.negated),
        _attribution_conflict(a, b),
        float(bool(a.figures) != bool(b.figures)),
        float(a.sentence == 0 or b.sentence == 0),
        float(a.is_caption or b.is_caption),
        min(a.words, b.words) / max(a.words, b.words),
        quote,
        len(a.entities & b.entities) / len(union) if union else 0.0,
    ]


@dataclass(frozen=True)
class PairModel:
    """A logistic model of "these two claims state the same fact", and the linkage threshold."""

    logistic: Logistic
    """Weights over the pair features (FEATURES order)."""
    threshold: float
    """Average probability two groups of claims need to merge."""
    dispute_threshold: float = 1.0
    """Average probability two groups that give different figures for one measure need to merge."""
    measure_threshold: float = 1.0
    """Average cosine at which figures' measure wordings are one measure (match/measures.py); 1.0
    names each wording apart. Fitted with the model, used after clustering."""

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(same fact) for each row of features (rows in FEATURES order)."""
        return self.logistic.probabilities(features)

    def to_json(self, extra: dict[str, object] | None = None) -> str:
        data: dict[str, object] = {
            **self.logistic.fields(FEATURES),
            "threshold": self.threshold,
            "dispute_threshold": self.dispute_threshold,
            "measure_threshold": self.measure_threshold,
        }
        data.update(extra or {})
        return json.dumps(data, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> PairModel:
        data = json.loads(text)
        return cls(
            Logistic.from_fields(data, FEATURES, "pair model"),
            data["threshold"],
            data["dispute_threshold"],
            data.get("measure_threshold", 1.0),
        )


@functools.cache
def shipped_model() -> PairModel:
    """The model fitted by `make fit` on the development events (mineralcheck/data/pair_model.json)."""
    text = resources.files("mineralcheck").joinpath("data/pair_model.json").read_text(encoding="utf-8")
    return PairModel.from_json(text)
