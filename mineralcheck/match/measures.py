"""What each figure counts, named alike across outlets.

Outlets say "at least 37 people have been killed", "only nine fatalities", "the death toll stood at
38": one measure in many words. Each figure carries its measure in its outlet's words
(Value.measure); here those wordings are grouped by meaning (average linkage over their embeddings,
cut at a cosine fitted on the development events by `make fit`), and every figure of a group takes
one name: the measure the parse read most often in the group. Figures are only grouped with figures
of the same kind of unit: a share is never a count, a speed never a distance.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from mineralcheck.match.pairs import GENERIC_MEASURES
from mineralcheck.models import Claim, Value

COUNT_UNITS = frozenset({"", "people"})
"""Units of a plain count: a number of people and a number of anything are one kind."""


def countable(value: Value) -> bool:
    """A figure the parse read a measure for: not a date, a rank, or a count that refers to a
    known set ("her two children", "the 27 members")."""
    return value.is_figure and bool(value.measure)


def unit_kind(value: Value) -> str:
    """What kind of figure a value is: a count, or the unit it is measured in."""
    return "count" if value.unit in COUNT_UNITS else value.unit


def measure_groups(vectors: np.ndarray, threshold: float) -> list[int]:
    """Group labels for rows of L2-normalised vectors: average linkage, cut where the average
    cosine between two groups falls below `threshold`.

    Written out rather than taken from scipy.cluster.hierarchy, whose import alone costs a fifth
    of a warm run; a story has a few dozen measure wordings, so the cubic worst case is nothing."""
    n = len(vectors)
    distances = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0).astype(np.float64)
    np.fill_diagonal(distances, np.inf)
    sizes = np.ones(n)
    labels = list(range(n))
    for _merge in range(n - 1):
        a, b = divmod(int(np.argmin(distances)), n)
        if distances[a, b] > 1.0 - threshold:
            break
        # b joins a: a's distance to every other group becomes the size-weighted average of both.
        merged = (sizes[a] * distances[a] + sizes[b] * distances[b]) / (sizes[a] + sizes[b])
        distances[a], distances[:, a] = merged, merged
        distances[a, a] = np.inf
        distances[b], distances[:, b] = np.inf, np.inf
        sizes[a] += sizes[b]
        labels = [a if k == b else k for k in labels]
    return labels


def _name(members: Sequence[Value]) -> str:
    """A group's name: the measure the parse read most often, else its most common wording."""
    read = Counter(v.quantity for v in members if v.quantity not in GENERIC_MEASURES)
    if read:
        return min(read, key=lambda q: (-read[q], q))
    worded = Counter(v.measure for v in members)
    return min(worded, key=lambda t: (-worded[t], t))


def name_measures(
    claims: Sequence[Claim], vectors: Mapping[str, np.ndarray], threshold: float
) -> tuple[Claim, ...]:
    """The claims with each figure named by its measure group (see the module doc); `vectors` maps
    each figure's measure text to its embedding."""
    by_kind: dict[str, list[Value]] = {}
    for claim in claims:
        for value in claim.values:
            if countable(value):
                by_kind.setdefault(unit_kind(value), []).append(value)
    names: dict[tuple[str, str], str] = {}
    for kind in sorted(by_kind):
        members = by_kind[kind]
        texts = sorted({v.measure for v in members})
        labels = measure_groups(np.stack([vectors[t] for t in texts]), threshold)
        group_of = dict(zip(texts, labels, strict=True))
        groups: dict[int, list[Value]] = {}
        for value in members:
            groups.setdefault(group_of[value.measure], []).append(value)
        for group in groups.values():
            name = _name(group)
            names.update({(kind, v.measure): name for v in group})
    return tuple(
        replace(c, values=tuple(_named(v, names) for v in c.values)) if any(map(countable, c.values)) else c
        for c in claims
    )


def _named(value: Value, names: Mapping[tuple[str, str], str]) -> Value:
    if not countable(value):
        return value
    return replace(value, quantity=names[(unit_kind(value), value.measure)])
