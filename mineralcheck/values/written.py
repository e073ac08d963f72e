"""A figure as its outlet wrote it: what a reader is shown and can find in the article.

Values are normalised so that they can be compared ("four years" is 48 months, "80mph" is
128.75 km/h); a reader is shown the words: "four years", "80mph (130km/h)", "12 lakh".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TypeVar

from mineralcheck.models import Claim, Value
from mineralcheck.values.comparators import COMPARATORS
from mineralcheck.values.units import UNITS

T = TypeVar("T")

_OPENING_WORDS = frozenset(w.split()[0] for phrases in COMPARATORS.values() for w in phrases)
"""First words of the comparators ("Nearly", "More"): capitalised only because a sentence opens there."""

CONVERSION_TOLERANCE = 0.05
"""How far a figure and its conversion in brackets may lie apart: conversions are rounded ("80mph
(130km/h)" is 1% off, "2,000 hectares (4,940 acres)" 0.05%); two figures of one unit more than 5%
apart are two figures."""

_OPEN = re.compile(r"\s*[(\[]\s*\Z")
_CLOSE = re.compile(r"\A\s*[)\]]")


def as_written(value: Value) -> str:
    """The figure's words as in its text, on one line: "about half a million", "four years"; a
    comparator that opens a sentence loses its capital ("Nearly 6 inches" -> "nearly 6 inches")."""
    return _shown(value.text)


def _shown(text: str) -> str:
    text = " ".join(text.split())
    first, _, rest = text.partition(" ")
    if rest and first[:1].isupper() and first[1:].islower() and first.lower() in _OPENING_WORDS:
        return f"{first.lower()} {rest}"
    return text


def written_labels(claim: Claim) -> dict[int, str]:
    """How the claim's outlet writes each of its values, keyed by id(value); a figure and its
    conversion in brackets are one label, shown for both ("up to 80mph (130km/h)")."""
    labels = {id(v): as_written(v) for v in claim.values}
    for k, j in conversions(claim.values, claim.evidence, claim.start).items():
        both = with_conversion(claim.values[k], claim.values[j], claim.evidence, claim.start)
        labels[id(claim.values[k])] = labels[id(claim.values[j])] = both
    return labels


def conversions(values: Sequence[Value], text: str, offset: int = 0) -> dict[int, int]:
    """Figures followed by their own conversion in brackets ("80mph (130km/h)", "2,000 hectares
    (4,940 acres)"): index of the figure -> index of its conversion. `text` is the passage the
    values were read from, starting at article offset `offset`."""
    out: dict[int, int] = {}
    for k in range(len(values) - 1):
        a, b = values[k], values[k + 1]
        if a.kind != "quantity" or b.kind != "quantity" or a.unit != b.unit or not a.unit:
            continue
        if a.start < offset or b.end > offset + len(text):
            continue  # a value read outside the passage: nothing written between them to look at
        between = text[a.end - offset : b.start - offset]
        after = text[b.end - offset : b.end - offset + 3]
        if _OPEN.fullmatch(between) and _CLOSE.match(after) and close_in_size(a, b):
            out[k] = k + 1
    return out


def close_in_size(a: Value, b: Value, tolerance: float = CONVERSION_TOLERANCE) -> bool:
    """The two numbers as written are within `tolerance` of the larger (relative)."""
    x, y = written_size(a), written_size(b)
    return max(x, y) > 0 and abs(x - y) <= tolerance * max(x, y)


def written_size(value: Value) -> float:
    """The size of the number written, in the canonical unit: the finite end of a bound, else the
    middle of its interval."""
    if value.high == float("inf"):
        return abs(value.low)
    if value.low in (0.0, float("-inf")):
        return abs(value.high)
    return abs(value.low + value.high) / 2


def with_conversion(value: Value, conversion: Value, text: str, offset: int = 0) -> str:
    """A figure with its conversion in brackets, as written: "up to 80mph (130km/h)"."""
    return _shown(text[value.start - offset : _closing(conversion, text, offset) - offset])


def _closing(conversion: Value, text: str, offset: int) -> int:
    end = conversion.end - offset
    found = _CLOSE.match(text[end : end + 3])
    return offset + end + (found.end() if found else 0)


DIMENSIONS = {"km/h": "speed", "celsius": "temperature", "fahrenheit": "temperature"}
"""Units whose figures a reader names by what they measure: "wind speed", not "winds"."""


def measure_label(values: Sequence[Value], texts: Sequence[str] = ()) -> str:
    """What figures measure, in readable words: the thing they count with its qualifiers where the
    outlets name it with a noun ("deaths", "confirmed cases"), else the outlets' most common wording
    ("people evacuated"); for a speed or a temperature the thing and the dimension ("wind speed");
    "" when no figure says. `texts`, the passages that state them, show how a qualifier is written."""
    unit = _most_common(v.unit for v in values)
    quantity = _most_common(v.quantity for v in values if v.quantity)
    if unit in DIMENSIONS:
        thing = _most_common(v.quantity for v in values if _names_a_thing(v.quantity))
        return f"{thing} {DIMENSIONS[unit]}" if thing else DIMENSIONS[unit]
    wordings = [w for w in (_words(v.measure) for v in values) if w]
    words = [w for wording in wordings for w in wording.split()]
    written = words + [w for text in texts for w in _words(text).split()]
    qualifiers = _most_common(v.restrictions() for v in values) or ()
    noun = _noun(quantity, written)
    if noun:
        return " ".join([*(_written_form(q, written) for q in qualifiers), noun])
    if wordings:
        wording = _most_common(sorted(wordings, key=len)) or ""
        missing = [q for q in qualifiers if not any(w.startswith(q) for w in wording.split())]
        return " ".join([*(_written_form(q, written) for q in missing), wording])
    return quantity or ""


def _words(text: str) -> str:
    """The words of a text, lower-cased, without punctuation or bullets."""
    return " ".join(w for w in (t.strip(".,;:()[]\"'“”‘’•–—-").lower() for t in text.split()) if w)


def _most_common(items: Iterable[T]) -> T | None:
    """The most frequent item; among equals, the first met."""
    counted = Counter(items)
    return max(counted, key=lambda x: counted[x]) if counted else None


def _noun(quantity: str | None, words: Sequence[str]) -> str:
    """The counted thing as the outlets write it when they name it with a plural noun ("deaths",
    "injured"); "" when they only say what happened ("people evacuated" counts evacuees) or the
    word may as well be a verb ("raise")."""
    if not quantity:
        return ""
    plural = quantity.endswith(("s", "ed")) or quantity == "people"
    forms = (quantity,) if plural else (f"{quantity}s", f"{quantity}es")
    return next((w for w in words if w in forms), "")


def _written_form(lemma: str, words: Sequence[str]) -> str:
    """A qualifier as the outlets write it ("confirm" -> "confirmed")."""
    forms = Counter(w for w in words if w.startswith(lemma))
    return max(forms, key=forms.__getitem__) if forms else lemma


def _names_a_thing(quantity: str) -> bool:
    """A counted noun that is not a unit's own name: "kph" is how a speed is written, not what of."""
    return (
        bool(quantity)
        and quantity.isalpha()
        and (quantity,) not in UNITS
        and quantity not in DIMENSIONS.values()
    )
