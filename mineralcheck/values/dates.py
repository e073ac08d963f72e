"""Dates and years in news prose -> Values (day ordinals, spans of days, years); the entry point of
every temporal reader (clock times, weekdays and relative phrases have their own modules).

Everything relative ("on Tuesday", "last year") is resolved against a base date that the caller
gives (the article's dateline); without one, relative phrases yield nothing, so the output never
depends on the machine's clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from mineralcheck.models import Value
from mineralcheck.values.days import (
    WD,
    WEEKDAY_RELATIVES,
    day_value,
    month_day_value,
    month_num,
    nearest_year,
    overlaps,
    safe_date,
    span_value,
)
from mineralcheck.values.relative import find_relative, find_weekdays
from mineralcheck.values.times import find_times

# Month names are matched capitalised (or all capitals) only: "may" and "march" are verbs.
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)\.?)"
    r"(?![A-Za-z])"
)


_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


_ORD = r"(?:st|nd|rd|th)?"


_MDY = re.compile(
    rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<mon>{_MON})\s*(?P<d>\d{{1,2}}){_ORD}(?![\d:.]\d|\d)"
    rf"(?:,?\s+(?P<y>(?:1[89]|20)\d\d)(?!\d))?"
)


_DMY = re.compile(
    rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?<![\d.,])(?P<d>\d{{1,2}}){_ORD}(?:\s+of)?(?:\s+|[.\-/])"
    rf"(?P<mon>{_MON})(?:[,.\-/]?\s*(?P<y>(?:1[89]|20)\d\d)(?!\d))?"
)


_ISO = re.compile(r"(?<![\d\-])(?P<y>(?:1[89]|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d\-])")


_SLASH = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])")


_MONTH_YEAR = re.compile(rf"(?P<mon>{_MON}),?\s+(?P<y>(?:1[89]|20)\d\d)(?!\d)")


_BARE_MONTH = re.compile(
    rf"\b(?P<pre>in|since|until|till|by|from|through|during|early|late|mid|end of|last|next|this|"
    rf"before|after|of|In|Since|Until|By|From|During|Last|Next|This)(?:\s+|-)(?P<mon>{_MON_FULL})\b"
)


_WD_PAREN = re.compile(
    rf"(?:\b(?P<rel>{WEEKDAY_RELATIVES}|Last|Next|This)\s+)?(?P<wd>{WD})(?:['’]s)?"
    rf"(?:\s+(?:morning|afternoon|evening|night))?\s*\(\s*(?P<inner>[^()]{{1,30}}?)\s*\)"
)


_YEAR_RANGE = re.compile(
    r"(?:\b(?P<pre>from|between|From|Between)\s+)?(?<![\w$£€¥.,\-/])(?P<y1>(?:1[89]|20)\d\d)"
    r"(?:\s*[-–—/]\s*|\s+(?:to|and|until|through)\s+)(?P<y2>(?:1[89]|20)\d\d|\d\d)(?![\w%]|[.,]\d)"
)


_YEAR = re.compile(r"(?<![\w$£€¥.,\-/#])(?P<y>(?:1[89]|20)\d\d|2100)(?P<s>s|['’]s)?(?![\w%°]|[.,]\d)")


# Words before a 4-digit number that make it a year.
_YEAR_PREP = set(
    """in since by until till from of during before after early late mid year years fiscal to through
    between and or the end spring summer autumn fall winter january february march april may june july
    august september october november december season class""".split()
)


# Words before a number that make it a figure, not a year.
_FIGURE_PREP = set(
    """about around some roughly approximately nearly almost over under more than less fewer least most
    only just estimated exactly up killed injured dead kill""".split()
)


_PLURAL_OR_UNIT = re.compile(
    r"\s*(?:%|per\s?cent|percent|km|kilomet|miles|metres|meters|tonnes|tons|people|[a-z]+(?<![su]s)(?<!is)s\b)"
)


def find_temporal(text: str, base_date: dt.date | None = None) -> tuple[list[Value], list[tuple[int, int]]]:
    """Temporal Values in `text` (offsets relative to text) and the spans they (and unreadable
    date-like strings) occupy, so that their digits are not read again as quantities."""
    taken: list[tuple[int, int]] = []
    values: list[Value] = []
    values += find_times(text, taken)
    values += _find_dates(text, base_date, taken)
    values += find_weekdays(text, base_date, taken)
    values += find_relative(text, base_date, taken)
    values += _find_years(text, taken)
    return values, taken


def _date_from_match(m: re.Match[str], base: dt.date | None) -> tuple[dt.date | None, tuple[int, int] | None]:
    """(full date, or (month, day) when the year is unknown); (None, None) if invalid."""
    groups = m.groupdict()
    if "m" in groups and groups.get("m"):
        day = safe_date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        return day, None
    mon = month_num(groups["mon"])
    d = int(groups["d"])
    if not 1 <= d <= 31:
        return None, None
    if groups.get("y"):
        return safe_date(int(groups["y"]), mon, d), None
    if safe_date(2000, mon, d) is None:  # 2000 is a leap year, so Feb 29 passes
        return None, None
    if base is not None:
        return nearest_year(mon, d, base), None
    return None, (mon, d)


def parse_explicit_date(s: str, base: dt.date | None) -> tuple[dt.date | None, tuple[int, int] | None]:
    """Parse a whole string that is one explicit date ("Mar 7", "2024-03-14", "14 March 2024")."""
    for rx in (_ISO, _MDY, _DMY):
        m = rx.fullmatch(s.strip())
        if m:
            return _date_from_match(m, base)
    return None, None


def _find_dates(text: str, base: dt.date | None, taken: list[tuple[int, int]]) -> list[Value]:
    """Calendar dates outside `taken`, in the order their readers run."""
    out: list[Value] = []
    _explicit_dates(text, base, taken, out)
    _slashed_dates(text, taken, out)
    _months(text, base, taken, out)
    return out


def _explicit_dates(text: str, base: dt.date | None, taken: list[tuple[int, int]], out: list[Value]) -> None:
    """ "Thursday (Mar 14)", "2024-03-14", "Mar. 14, 2024", "14 March"."""
    # weekday followed by an explicit date in parentheses: one value, the date
    for m in _WD_PAREN.finditer(text):
        day, md = parse_explicit_date(m.group("inner"), base)
        if day is None and md is None:
            continue
        start = m.start("rel") if m.group("rel") else m.start("wd")
        _emit(text, start, m.end(), day, md, taken, out)

    for rx in (_ISO, _MDY, _DMY):
        for m in rx.finditer(text):
            day, md = _date_from_match(m, base)
            if day is None and md is None:
                continue
            start = m.start()
            if text[start : start + 4].lower() == "the ":
                start += 4
            _emit(text, start, m.end(), day, md, taken, out)


def _slashed_dates(text: str, taken: list[tuple[int, int]], out: list[Value]) -> None:
    """ "12/03/2024": only where the order of day and month is not in doubt."""
    for m in _SLASH.finditer(text):
        if overlaps(m.start(), m.end(), taken):
            continue
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        y = y + 2000 if y < 100 else y
        # 3/4/2025 is March 4 in America and 3 April elsewhere: only unambiguous ones are read
        day = None
        if a > 12:
            day = safe_date(y, b, a)
        elif b > 12:
            day = safe_date(y, a, b)
        elif a == b:
            day = safe_date(y, a, b)
        taken.append((m.start(), m.end()))
        if day is not None:
            out.append(day_value(text, m.start(), m.end(), day))


def _months(text: str, base: dt.date | None, taken: list[tuple[int, int]], out: list[Value]) -> None:
    """ "October 2025", "in October", "last March": a month's days."""
    for m in _MONTH_YEAR.finditer(text):
        if overlaps(m.start(), m.end(), taken):
            continue
        y, mon = int(m.group("y")), month_num(m.group("mon"))
        last = calendar.monthrange(y, mon)[1]
        taken.append((m.start(), m.end()))
        out.append(span_value(text, m.start(), m.end(), dt.date(y, mon, 1), dt.date(y, mon, last)))

    for m in _BARE_MONTH.finditer(text):
        start = m.start("mon")
        pre = m.group("pre").lower()
        if pre in ("last", "next", "this", "early", "late", "mid", "end of"):
            start = m.start("pre")
        if overlaps(start, m.end(), taken):
            continue
        mon = month_num(m.group("mon"))
        if base is None:
            taken.append((start, m.end()))
            out.append(month_day_value(text, start, m.end(), mon, 1, 31))
            continue
        if pre == "last":
            y = base.year if mon < base.month else base.year - 1
        elif pre == "next":
            y = base.year if mon > base.month else base.year + 1
        else:
            near = nearest_year(mon, 15, base)
            y = near.year if near else base.year
        last = calendar.monthrange(y, mon)[1]
        taken.append((start, m.end()))
        out.append(span_value(text, start, m.end(), dt.date(y, mon, 1), dt.date(y, mon, last)))


def _emit(
    text: str,
    start: int,
    end: int,
    day: dt.date | None,
    md: tuple[int, int] | None,
    taken: list[tuple[int, int]],
    out: list[Value],
) -> None:
    if overlaps(start, end, taken):
        return
    taken.append((start, end))
    if day is not None:
        out.append(day_value(text, start, end, day))
    elif md is not None:
        out.append(month_day_value(text, start, end, md[0], md[1], md[1]))


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z]+)[\s\-]*$", text[max(0, start - 30) : start])
    return m.group(1).lower() if m else ""


def _find_years(text: str, taken: list[tuple[int, int]]) -> list[Value]:
    out: list[Value] = []
    for m in _YEAR_RANGE.finditer(text):
        y1 = int(m.group("y1"))
        y2_txt = m.group("y2")
        y2 = int(y2_txt) if len(y2_txt) == 4 else (y1 // 100) * 100 + int(y2_txt)
        start = m.start("pre") if m.group("pre") else m.start("y1")
        if y2 <= y1 or y2 - y1 > 200 or overlaps(start, m.end(), taken):
            continue
        if _PLURAL_OR_UNIT.match(text, m.end()) and not m.group("pre"):
            continue  # "1000-2000 people" is a range of counts
        taken.append((start, m.end()))
        out.append(Value("year", text[start : m.end()], start, m.end(), float(y1), float(y2), unit="year"))
    for m in _YEAR.finditer(text):
        start, end = m.start(), m.end()
        if overlaps(start, end, taken):
            continue
        y = int(m.group("y"))
        prev = _prev_word(text, start)
        decade = bool(m.group("s"))
        if decade and y % 10 == 0:
            taken.append((start, end))
            out.append(Value("year", text[start:end], start, end, float(y), float(y + 9), unit="year"))
            continue
        if decade:
            continue
        if prev not in _YEAR_PREP:
            if prev in _FIGURE_PREP or _PLURAL_OR_UNIT.match(text, end):
                continue
        taken.append((start, end))
        out.append(Value("year", text[start:end], start, end, float(y), float(y), unit="year"))
    return out
