"""Weekdays and relative phrases ("on Tuesday", "last week", "three days ago") resolved against the
article's date, with the tense of their own clause; without a date they stay unresolved weekdays or
are left out, so the result never depends on today's date."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from mineralcheck.models import Value
from mineralcheck.values.days import (
    WD,
    WEEKDAY_RELATIVES,
    WEEKDAYS,
    day_value,
    overlaps,
    safe_date,
    span_value,
)

# "Friday 19": a day of the month may follow the weekday; it is part of the date, not a figure. A
# number that counts something is not: "On Sunday, 12 firefighters were hurt" (a word follows it
# that is not a preposition or conjunction) or "beat them on Sunday, 3-1" (a tally or range runs on).
_WD_ALONE = re.compile(
    rf"(?:\b(?P<rel>{WEEKDAY_RELATIVES}|Last|Next|This)\s+)?\b(?P<wd>{WD})\b"
    r"(?:,?\s+(?P<dom>[12]?\d|3[01])(?:st|nd|rd|th)?\b(?!\s*(?:%|per|million|billion))"
    r"(?![-–]\d)(?!\s+(?!(?:at|in|on|and|or|when|after|before|as)\b)[a-z]))?"
)


_RELATIVE = re.compile(
    r"\b(?:(?P<day>today|tonight|yesterday|tomorrow)"
    r"|(?:(?:earlier|later)\s+)?(?P<rel>this|last|next|past|coming)\s+(?P<span>week|weekend|month|year)"
    r"|(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<u>days?|weeks?|months?|years?)\s+ago)\b",
    re.IGNORECASE,
)


# Tense cues that a bare weekday lies ahead of the dateline.
_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|going to|scheduled|expected to|expects to|plans? to|planned|set to|"
    r"is to|are to|due to (?:be|meet|visit|arrive|sign|hold|start|begin|travel|return|announce)|"
    r"upcoming|later this week|is due|are due)\b|['’]ll\b",
    re.IGNORECASE,
)


def resolve_weekday(weekday: int, base: dt.date, rel: str, future: bool) -> dt.date:
    """The date of a weekday within six days of the base date ("last" = past, "next" = future)."""
    if rel == "last" or rel == "past":
        back = (base.weekday() - weekday) % 7 or 7
        return base - dt.timedelta(days=back)
    if rel in ("next", "coming"):
        ahead = (weekday - base.weekday()) % 7 or 7
        return base + dt.timedelta(days=ahead)
    if future:
        return base + dt.timedelta(days=(weekday - base.weekday()) % 7)
    return base - dt.timedelta(days=(base.weekday() - weekday) % 7)


# Past-tense cues: a verb in -ed or an auxiliary of the past, read in the weekday's own clause.
_PAST = re.compile(r"\b(?:\w{3,}ed|was|were|had|did|said|told|met|began|struck|hit|took|made|gave)\b", re.I)


_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]—–]")


def _looks_ahead(text: str, at: int) -> bool:
    """Whether the clause holding position `at` speaks of the future: the nearest tense cue wins.

    "X will buy Y, the group announced on Monday": the weekday's clause is "the group announced on",
    so Monday lies in the past even though the sentence also speaks of the future.
    """
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, at)]
    window = text[breaks[-1] if breaks else 0 : at]
    future_spans = [m.span() for m in _FUTURE.finditer(window)]
    future = [end for _, end in future_spans]
    # "scheduled", "expected", "planned" end in -ed but point ahead.
    past = [m.end() for m in _PAST.finditer(window) if not any(a <= m.start() < b for a, b in future_spans)]
    if not future:
        return False
    return not past or max(future) > max(past)


def find_weekdays(text: str, base: dt.date | None, taken: list[tuple[int, int]]) -> list[Value]:
    """Weekdays outside `taken`: dates when `base` is known, else unresolved weekday Values."""
    out: list[Value] = []
    for m in _WD_ALONE.finditer(text):
        start = m.start("rel") if m.group("rel") else m.start("wd")
        if overlaps(start, m.end(), taken):
            continue
        wd = WEEKDAYS.index(m.group("wd").lower())
        rel = (m.group("rel") or "").lower()
        taken.append((start, m.end()))
        if base is None:
            out.append(
                Value("weekday", text[start : m.end()], start, m.end(), float(wd), float(wd), unit="weekday")
            )
        else:
            future = _looks_ahead(text, start)
            out.append(day_value(text, start, m.end(), resolve_weekday(wd, base, rel, future)))
    return out


_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUM_WORDS |= {"eight": 8, "nine": 9, "ten": 10}


def find_relative(text: str, base: dt.date | None, taken: list[tuple[int, int]]) -> list[Value]:
    """ "today", "last week", "three days ago" outside `taken`, resolved against `base` (none without it)."""
    out: list[Value] = []
    for m in _RELATIVE.finditer(text):
        start, end = m.start(), m.end()
        if overlaps(start, end, taken):
            continue
        taken.append((start, end))
        if base is None:
            continue  # relative phrases need a dateline; never today's clock
        surface = text[start:end]
        if m.group("day"):
            shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("day").lower()]
            out.append(day_value(text, start, end, base + dt.timedelta(days=shift)))
            continue
        if m.group("n"):
            n_txt = m.group("n").lower()
            n = int(n_txt) if n_txt.isdigit() else _NUM_WORDS[n_txt]
            u = m.group("u").lower().rstrip("s")
            if u == "year":
                y = float(base.year - n)
                out.append(Value("year", surface, start, end, y, y, unit="year"))
            elif u == "month":
                month_index = base.year * 12 + base.month - 1 - n
                y, mon = divmod(month_index, 12)
                day = safe_date(y, mon + 1, min(base.day, calendar.monthrange(y, mon + 1)[1]))
                if day:
                    out.append(day_value(text, start, end, day))
            else:
                days = n * (7 if u == "week" else 1)
                out.append(day_value(text, start, end, base - dt.timedelta(days=days)))
            continue
        rel = m.group("rel").lower()
        span = m.group("span").lower()
        shift = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[rel]
        if span in ("week", "weekend"):
            if rel == "past":
                first, last = base - dt.timedelta(days=7), base
            else:
                monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=7 * shift)
                first, last = monday, monday + dt.timedelta(days=6)
                if span == "weekend":
                    first = monday + dt.timedelta(days=5)
            out.append(span_value(text, start, end, first, last))
        elif span == "month":
            month_index = base.year * 12 + base.month - 1 + shift
            y, mon = divmod(month_index, 12)
            last_day = calendar.monthrange(y, mon + 1)[1]
            out.append(span_value(text, start, end, dt.date(y, mon + 1, 1), dt.date(y, mon + 1, last_day)))
        else:
            y = float(base.year + shift)
            out.append(Value("year", surface, start, end, y, y, unit="year"))
    return out
