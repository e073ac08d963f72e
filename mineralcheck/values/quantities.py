"""Numbers in news prose -> interval Values, read in steps: the number core (numbers.py), what is
written before it and after it (units.py: currency, scale, unit), comparators and hedges
(comparators.py), the counted noun (nouns.py); then ranges ("20 to 30") and the interval.
Also how two quantities compare and how one is shown."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from mineralcheck.lexicon.nouns import HUMAN_NOUNS
from mineralcheck.models import Value
from mineralcheck.values.comparators import INF, comparator_before, post_hedge, to_interval
from mineralcheck.values.nouns import counted_noun
from mineralcheck.values.numbers import find_cores
from mineralcheck.values.tokens import Core, Tok, adjacent, tokenize
from mineralcheck.values.units import (
    CURRENCY_CODES,
    Side,
    apply_right,
    currency_before,
    prefix_of,
    unit_factor_for,
)

# Verbs before "from X to Y" that make it a change (two values), not a range.
_CHANGE_VERBS = re.compile(
    r"\b(?:rose|rise|rises|rising|risen|fell|fall|falls|falling|fallen|increased?|increasing|decreased?|"
    r"decreasing|climbed?|climbing|jumped?|jumping|dropped?|dropping|grew|grow|grown|growing|raised?|"
    r"cut|lowered?|revised|surged?|soared?|declined?|plunged?|slipped|went|gone|up|down|upgraded?|"
    r"downgraded?|changed?|moved?|shrank|expanded)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


def find_quantities(text: str, reserved: Sequence[tuple[int, int]] = ()) -> list[Value]:
    """Quantity Values in `text` (offsets relative to text), skipping reserved spans."""
    toks = tokenize(text)
    cores = find_cores(text, toks, reserved)
    out: list[Value] = []
    used_until = -1
    idx = 0
    while idx < len(cores):
        core = cores[idx]
        if core.i < used_until:
            idx += 1
            continue
        value, consumed = _build(text, toks, cores, idx, reserved)
        idx += consumed
        if value is not None:
            out.append(value)
            used_until = _tok_index_at(toks, value.end)
    return out


def _tok_index_at(toks: Sequence[Tok], offset: int) -> int:
    for i, t in enumerate(toks):
        if t.start >= offset:
            return i
    return len(toks)


@dataclass
class _Reading:
    """A figure as read so far: its interval before the comparator is applied, and its extent."""

    low: float
    high: float
    comparator: str
    end_tok: int
    """The token after the figure (exclusive)."""
    consumed: int = 1
    """Cores it took: two for a range."""


def _build(
    text: str, toks: Sequence[Tok], cores: Sequence[Core], idx: int, reserved: Sequence[tuple[int, int]]
) -> tuple[Value | None, int]:
    """Build the Value around cores[idx]; returns (value, number of cores consumed)."""
    core = cores[idx]
    first, currency, prefix_unit = prefix_of(text, toks, core)
    comparator, cfirst = comparator_before(text, toks, first)
    if comparator:
        first = cfirst
    side = apply_right(text, toks, core, currency)
    if prefix_unit and not side.unit_name:
        side.unit_name = prefix_unit
    reading = _Reading(side.low, side.high, comparator, side.end_tok)
    # ranges: "between 20 and 30", "20 to 30", "20-30", "from 20 to 30", "two or three"
    if idx + 1 < len(cores) and not core.ordinal and not core.vague:
        if not _read_range(text, toks, first, core, cores[idx + 1], side, currency, prefix_unit, reading):
            return None, 2  # "won 3-1": a score, neither a range nor two figures
    if reading.consumed == 1 and reading.comparator == "between":
        reading.comparator = ""
    comparator, end_tok = post_hedge(toks, reading.end_tok, reading.comparator)
    unit_name = side.unit_name
    quantity = counted_noun(toks, end_tok, text, unit_name)
    comparator, low, high, low_open, high_open = to_interval(
        core, comparator, reading.low, reading.high, side.precision, side.scaled, unit_name
    )
    start = toks[first].start
    end = toks[end_tok - 1].end
    if any(s < end and start < e for s, e in reserved):
        # the extended surface ran into a date or time: keep the bare core
        start, end = toks[core.i].start, toks[core.j - 1].end
        if any(s < end and start < e for s, e in reserved):
            return None, reading.consumed
    return (
        Value(
            kind="quantity",
            text=text[start:end],
            start=start,
            end=end,
            low=low,
            high=high,
            low_open=low_open,
            high_open=high_open,
            unit=unit_name,
            quantity=quantity,
            comparator=comparator,
        ),
        reading.consumed,
    )


def _read_range(
    text: str,
    toks: Sequence[Tok],
    first: int,
    core: Core,
    nxt_core: Core,
    side: Side,
    currency: str,
    prefix_unit: str,
    reading: _Reading,
) -> bool:
    """Extend `reading` (and `side`'s unit) over the next core when the two make a range; False when
    they are a score ("won 3-1"), which is no figure at all."""
    end_tok = reading.end_tok
    conn = toks[end_tok : nxt_core.i]
    conn_words = [t.low for t in conn]
    currency2, first2 = currency_before(text, toks, nxt_core.i)
    if currency2:
        conn_words = [t.low for t in toks[end_tok:first2]]
    ok = False
    if reading.comparator == "between" and conn_words == ["and"]:
        ok = True
    elif conn_words in (["to"], ["-"], ["–"], ["—"], ["or"], ["and"]) and conn_words != ["and"]:
        ok = True
        if conn_words == ["-"] and not (adjacent(toks[end_tok - 1], conn[0]) or len(conn) == 1):
            ok = False
    if ok and conn_words == ["to"] and _CHANGE_VERBS.search(text[: toks[first].start]):
        ok = False  # "rose from 40 to 63": two figures, not a range
    if ok and (currency2 and currency and currency2 != currency):
        ok = False
    if not ok:
        return True
    side2 = apply_right(text, toks, nxt_core, currency2 or currency)
    low, high = reading.low, reading.high
    # share scale and unit across the range: "5-6bn", "20 to 30 per cent", "$5 to $6 billion"
    if side2.scaled and not side.scaled and side.low < side2.low:
        scale = side2.low / nxt_core.low if nxt_core.low else 1
        low, high = side.low * scale, side.high * scale
        if side.low * scale > side2.low:
            low, high = side.low, side.high
    unit1 = side.unit_name or (prefix_unit if prefix_unit else "")
    unit2 = side2.unit_name
    if not unit1 and unit2:
        _, factor = unit_factor_for(toks, side2)
        low, high = low * factor, high * factor
        unit1 = unit2
    reading.low, reading.high = low, high
    if unit1 and unit2 and unit1 != unit2:
        return True
    if low < side2.low:
        if reading.comparator in ("between", ""):
            reading.comparator = "between"
        reading.high = side2.high
        reading.end_tok = side2.end_tok
        side.unit_name = unit1
        reading.consumed = 2
        return True
    # "won 3-1": a score, neither a range nor two figures
    return not (conn_words == ["-"] and low >= side2.low)


# --- comparing and describing ---------------------------------------------------------------


def intervals_overlap(a: Value, b: Value) -> bool:
    """True when the intervals of a and b share a point (open ends respected, float noise ignored)."""
    eps = 1e-9 * max(1.0, *(abs(x) for x in (a.low, a.high, b.low, b.high) if math.isfinite(x)))
    return _below(a.low, a.low_open, b.high, b.high_open, eps) and _below(
        b.low, b.low_open, a.high, a.high_open, eps
    )


def _below(low: float, low_open: bool, high: float, high_open: bool, eps: float) -> bool:
    """low (open?) is below high (open?): the two half-lines meet."""
    if low_open or high_open:
        return low < high - eps
    return low <= high + eps


def quantities_comparable(a: Value, b: Value) -> bool:
    """Same unit, and the same counted noun when both name one."""
    if a.unit != b.unit:
        return False
    if a.quantity and b.quantity and a.quantity != b.quantity:
        generic = {"people"}
        if not (
            (a.quantity in generic and b.quantity in HUMAN_NOUNS)
            or (b.quantity in generic and a.quantity in HUMAN_NOUNS)
        ):
            return False
    return True


_UNIT_DISPLAY = {
    "percent": "%", "percentage-point": " percentage points", "km": " km", "km2": " km²", "magnitude": "",
    "byte": " bytes", "day": " days", "month": " months", "age": " years old", "celsius": "°C",
    "fahrenheit": "°F", "km/h": " km/h", "tonne": " tonnes", "ordinal": "", "watt": " W",
}  # fmt: skip


# "only 4" and "exactly 4" state the figure 4: shown as "4", so a reader sees one figure, not two.
_COMPARATOR_DISPLAY = {
    "more-than": "more than ", "at-least": "at least ", "less-than": "less than ", "at-most": "at most ",
    "up-to": "up to ", "about": "about ", "nearly": "nearly ", "just-over": "just over ",
}  # fmt: skip


def format_number(x: float) -> str:
    """1500000 -> "1.5 million", 1881 -> "1,881", 6.1 -> "6.1"."""
    if not math.isfinite(x):
        return "∞" if x > 0 else "-∞"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= scale:
            return f"{_trim(x / scale)} {word}"
    if abs(x - round(x)) < 1e-9:
        return f"{round(x):,}"
    return _trim(x)


def _trim(x: float) -> str:
    s = f"{x:.3f}".rstrip("0").rstrip(".")
    return s if s not in ("-0", "") else "0"


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _is_rounding(v: Value) -> bool:
    """True for the interval a plain figure gets from its last written digit ("$6bn"), not a range."""
    width = v.high - v.low
    if not (0 < width < INF):
        return False
    unit = width / (2 * 0.4999)
    exponent = math.log10(unit)
    return abs(exponent - round(exponent)) < 1e-6


def describe_quantity(v: Value) -> str:
    """Short human form of a quantity: "more than 90%", "about 500 km", "USD 490 billion"."""
    if v.comparator == "vague":
        return v.text
    comp = v.comparator
    if comp in ("more-than", "at-least", "just-over"):
        nominal = v.low
    elif comp in ("less-than", "at-most", "up-to", "nearly"):
        nominal = v.high
    elif comp == "about":
        nominal = (v.low + v.high) / 2
    else:
        nominal = v.low
    if not comp and _is_rounding(v):
        nominal = (v.low + v.high) / 2
    if comp == "between" or (not comp and v.low != v.high and not _is_rounding(v)):
        num = f"{format_number(v.low)}–{format_number(v.high)}"
        comp = ""
    elif v.unit == "ordinal":
        num = f"{int(nominal)}{_ordinal_suffix(int(nominal))}"
    else:
        num = format_number(nominal)
    prefix = _COMPARATOR_DISPLAY.get(comp, "")
    if v.unit in CURRENCY_CODES:
        body = f"{v.unit.upper()} {num}"
    elif v.unit == "magnitude":
        body = f"magnitude {num}"
    else:
        body = num + _UNIT_DISPLAY.get(v.unit, f" {v.unit}" if v.unit else "")
    if v.quantity:
        body += f" {v.quantity}"
    return prefix + body
