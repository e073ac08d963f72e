"""Comparators and hedges around a figure ("more than", "about", "up to", "100 or more") and the
interval each makes of it; a plain figure is as precise as its last written digit."""

from __future__ import annotations

import math
from collections.abc import Sequence

from mineralcheck.values.numbers import ORDINAL_WORDS
from mineralcheck.values.tokens import Core, Tok, gap_ok, match_after

INF = math.inf

# Comparators before a number: canonical word -> phrases.
COMPARATORS: dict[str, tuple[str, ...]] = {
    "more-than": (
        "more than", "over", "above", "in excess of", "upwards of", "upward of", "greater than",
        "exceeding", "north of", "well over", "well above", "higher than", "beyond",
        # verbs of crossing a mark, as headlines write tolls and tallies: "toll passes 150"
        "passes", "passed", "surpasses", "surpassed", "exceeds", "exceeded", "tops", "topped",
        "crosses", "crossed",
    ),
    "at-least": ("at least", "no fewer than", "no less than", "a minimum of", "not less than", "minimum"),
    "less-than": ("less than", "fewer than", "under", "below", "lower than", "short of", "well under",
                  "well below"),
    "at-most": ("at most", "no more than", "a maximum of", "not more than", "maximum", "not exceeding"),
    "up-to": ("up to", "as many as", "as much as", "as high as"),
    "about": (
        "about", "around", "some", "roughly", "approximately", "an estimated", "estimated", "circa",
        "approx", "approx.", "c.", "~", "nearly about", "close on", "or so", "more or less",
        "round about", "in the region of", "on the order of", "an approximate",
    ),
    "nearly": ("nearly", "almost", "close to", "just under", "just below", "just shy of", "not quite",
               "just short of", "approaching", "nearing"),
    "just-over": ("just over", "just above", "slightly more than", "a little over", "a little more than",
                  "slightly over", "just more than"),
    "only": ("only", "just", "a mere", "merely", "mere"),
    "exactly": ("exactly", "precisely", "a total of", "in total", "totalling", "totaling", "total"),
    "between": ("between",),
}  # fmt: skip


# "approx." is tokenised as "approx" + ".", so phrases are split the same way.
_COMPARATOR_PHRASES = sorted(
    ((tuple(p.replace(".", " .").split()), c) for c, ps in COMPARATORS.items() for p in ps),
    key=lambda x: -len(x[0]),
)


_POST_HEDGES = {
    ("or", "more"): "at-least",
    ("or", "above"): "at-least",
    ("and", "above"): "at-least",
    ("or", "so"): "about",
    ("or", "less"): "at-most",
    ("or", "fewer"): "at-most",
    ("and", "counting"): "at-least",
    ("plus",): "at-least",
    ("+",): "at-least",
}


_POST_HEDGES_SORTED = sorted(_POST_HEDGES, key=lambda p: -len(p))


def tolerance(value: float, unit: float) -> float:
    """Rounding tolerance of an "about" figure: half its precision, kept within 2%..10%."""
    v = abs(value)
    return min(max(unit / 2, 0.02 * v), 0.10 * v) if v else unit / 2


def comparator_before(text: str, toks: Sequence[Tok], i: int) -> tuple[str, int]:
    """The comparator written right before token i ("more than", "about"): (its name, its first token)."""
    for phrase, comp in _COMPARATOR_PHRASES:
        first = i - len(phrase)
        if first < 0:
            continue
        if tuple(t.low for t in toks[first:i]) == phrase:
            # the phrase must sit on the same line, right before the number
            if not gap_ok(text, toks[i - 1], toks[i]) and toks[i - 1].text != "~":
                continue
            if phrase == ("some",) and i < len(toks) and toks[i].kind == "word" and toks[i].low in ("one",):
                continue
            # "under 5" after a verb of place ("lies under 5 metres of water") still reads as a bound
            if (
                phrase == ("just",)
                and i < len(toks)
                and toks[i].kind == "word"
                and toks[i].low in ORDINAL_WORDS
            ):
                continue
            return comp, first
    return "", i


def post_hedge(toks: Sequence[Tok], end_tok: int, comparator: str) -> tuple[str, int]:
    """A hedge after the figure ending at `end_tok` ("100 or more", "1,000-plus", "50+"), unless a
    comparator came before it: (the comparator, the token after the figure and its hedge)."""
    n = len(toks)
    if end_tok < n:
        ph = match_after(toks, end_tok, _POST_HEDGES_SORTED)
        if ph is None and toks[end_tok].text == "-" and end_tok + 1 < n and toks[end_tok + 1].low == "plus":
            ph = ("-", "plus")
        # "$212.5 million plus $40 million in interest": "plus" before another figure adds it
        adds = ph == ("plus",) and _figure_follows(toks, end_tok + 1)
        if ph is not None and not comparator and not adds:
            comparator = _POST_HEDGES.get(ph, "at-least")
            end_tok += len(ph)
    return comparator, end_tok


def _figure_follows(toks: Sequence[Tok], k: int) -> bool:
    """A figure (possibly after a hedge or a currency sign) starts within the next three tokens."""
    return any(t.kind != "word" and any(ch.isdigit() for ch in t.text) for t in toks[k : k + 3])


def to_interval(
    core: Core, comparator: str, low: float, high: float, precision: float, scaled: bool, unit: str
) -> tuple[str, float, float, bool, bool]:
    """The interval a figure states: (comparator, low, high, low_open, high_open)."""
    low_open = high_open = False
    if core.vague:
        comparator = comparator if comparator in ("more-than", "at-least", "up-to", "only") else "vague"
        if comparator in ("more-than", "at-least"):
            high = INF
        if comparator == "up-to":
            low = 0
    elif comparator == "more-than":
        low_open, high = True, INF
    elif comparator == "at-least":
        high = INF
    elif comparator == "less-than":
        low, high_open = -INF, True
    elif comparator in ("at-most", "up-to"):
        low = min(0.0, low)
    elif comparator == "about":
        tol = tolerance(low, precision)
        low, high = low - tol, high + tol
    elif comparator == "nearly":
        low = high - max(0.05 * abs(high), 0.0)
    elif comparator == "just-over":
        low_open = True
        high = low + max(0.05 * abs(low), 0.0)
    elif not comparator and low == high and (scaled or unit == "percent") and precision > 0:
        # A figure is only as precise as its last stated digit: "$6bn" is a rounding of "$6.1bn",
        # "48%" of "48.3%"; "63 people" stays exact. Just under half a unit, so that "1.2bn" and
        # "1.3bn" still conflict.
        # The unit of the last digit written: trailing zeros are written digits ("$500bn" is not
        # "$450bn-$550bn").
        factor = precision / core.unit if core.unit else 1.0
        half = 0.4999 * min(core.unit, 1.0) * factor
        low, high = low - half, high + half
    return comparator, low, high, low_open, high_open
