"""Days as Values, and the small calendar helpers every date reader shares: month names, weekdays,
day ordinals, spans of days, dates known only by month and day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from mineralcheck.models import Value

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

WEEKDAY_RELATIVES = r"last|next|this|past|coming"
"""Words that place a weekday relative to the article's day ("last Friday")."""

_NAMED_WEEKDAY = re.compile(rf"^(?:(?:{WEEKDAY_RELATIVES})\s+)?({WD})\b", re.IGNORECASE)


def month_num(name: str) -> int:
    """1..12 for a month's name or abbreviation ("Sept.", "OCT")."""
    return _MONTHS[name.rstrip(".")[:3].lower()]


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The date, or None when there is no such day."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def nearest_year(m: int, d: int, base: dt.date) -> dt.date | None:
    """The (month, day) closest to the base date: "December 30" in a January article is last year's."""
    best = None
    for y in (base.year - 1, base.year, base.year + 1):
        cand = safe_date(y, m, d)
        if cand is not None and (best is None or abs((cand - base).days) < abs((best - base).days)):
            best = cand
    return best


def day_value(text: str, start: int, end: int, day: dt.date) -> Value:
    """One day, as a date Value over text[start:end]."""
    o = float(day.toordinal())
    return Value("date", text[start:end], start, end, o, o, unit="day")


def span_value(text: str, start: int, end: int, first: dt.date, last: dt.date) -> Value:
    """The days first..last, as a date Value over text[start:end]."""
    return Value(
        "date", text[start:end], start, end, float(first.toordinal()), float(last.toordinal()), unit="day"
    )


def month_day_value(text: str, start: int, end: int, m: int, d1: int, d2: int) -> Value:
    """Days d1..d2 of month m in a year not known."""
    # Without a year and without a base date, a date is kept as month*100+day ("month-day").
    return Value(
        "date", text[start:end], start, end, float(m * 100 + d1), float(m * 100 + d2), unit="month-day"
    )


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """[start, end) shares a character with one of `spans`."""
    return any(s < end and start < e for s, e in spans)


def describe_temporal(v: Value) -> str:
    """Short human form: "2024-03-12", "2024-03-01..2024-03-31", "Thursday", "Thursday, March 14"
    (a day without its year), "18:02 UTC", "2025"."""
    if v.kind == "weekday":
        return WEEKDAYS[int(v.low)].capitalize()
    if v.kind == "time":
        h, mi = divmod(int(v.low), 60)
        return f"{h:02d}:{mi:02d} {'UTC' if v.unit == 'utc-minutes' else 'local time'}"
    if v.kind == "year":
        return f"{int(v.low)}" if v.low == v.high else f"{int(v.low)}–{int(v.high)}"
    if v.unit == "month-day":
        m1, d1 = divmod(int(v.low), 100)
        m2, d2 = divmod(int(v.high), 100)
        name = calendar.month_name[m1]
        if m1 == m2 and d1 == 1 and d2 == 31:
            return name
        if v.low != v.high:
            return f"{name} {d1}–{calendar.month_name[m2]} {d2}"
        # Without its year, the day of the week its words name is all that places it in a week.
        named = weekday_of(v)
        return f"{name} {d1}" if named is None else f"{WEEKDAYS[named].capitalize()}, {name} {d1}"
    first = dt.date.fromordinal(int(v.low))
    last = dt.date.fromordinal(int(v.high))
    return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"


def weekday_of(value: Value) -> int | None:
    """The day of the week (Monday = 0) a value states: a weekday; a single day; or a date without
    its year whose words name the day ("Thursday (Mar 14)", "Thursday, March 14"). None otherwise."""
    if value.kind == "weekday":
        return int(value.low)
    if value.kind != "date" or value.low != value.high:
        return None
    if value.unit == "day":
        return dt.date.fromordinal(int(value.low)).weekday()
    named = _NAMED_WEEKDAY.match(value.text)
    return WEEKDAYS.index(named.group(1).lower()) if named else None


def month_day(ordinal: float) -> int:
    """month*100+day of a day ordinal, to compare a full date with a date stated without year."""
    day = dt.date.fromordinal(int(ordinal))
    return day.month * 100 + day.day
