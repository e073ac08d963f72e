"""Dates, weekdays, years and clock times in news prose -> Values (day ordinals, minutes).

Everything relative ("on Tuesday", "last year") is resolved against a base date that the caller
gives (the article's dateline); without one, relative phrases yield nothing, so the output never
depends on the machine's clock.
"""

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

# Month names are matched capitalised (or all capitals) only: "may" and "march" are verbs.
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)\.?)"
    r"(?![A-Za-z])"
)
_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:st|nd|rd|th)?"

_MDY = re.compile(
    rf"(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<mon>{_MON})\s*(?P<d>\d{{1,2}}){_ORD}(?![\d:.]\d|\d)"
    rf"(?:,?\s+(?P<y>(?:1[89]|20)\d\d)(?!\d))?"
)
_DMY = re.compile(
    rf"(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?<![\d.,])(?P<d>\d{{1,2}}){_ORD}(?:\s+of)?(?:\s+|[.\-/])"
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
    rf"(?:\b(?P<rel>last|next|this|past|coming|Last|Next|This)\s+)?(?P<wd>{_WD})(?:['’]s)?"
    rf"(?:\s+(?:morning|afternoon|evening|night))?\s*\(\s*(?P<inner>[^()]{{1,30}}?)\s*\)"
)
# "Friday 23": a day of the month may follow the weekday; it is part of the date, not a figure.
_WD_ALONE = re.compile(
    rf"(?:\b(?P<rel>last|next|this|past|coming|Last|Next|This)\s+)?\b(?P<wd>{_WD})\b"
    r"(?:,?\s+(?P<dom>[12]?\d|3[01])(?:st|nd|rd|th)?\b(?!\s*(?:%|per|million|billion|people)))?"
)
_RELATIVE = re.compile(
    r"\b(?:(?P<day>today|tonight|yesterday|tomorrow)"
    r"|(?:(?:earlier|later)\s+)?(?P<rel>this|last|next|past|coming)\s+(?P<span>week|weekend|month|year)"
    r"|(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<u>days?|weeks?|months?|years?)\s+ago)\b",
    re.IGNORECASE,
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
# Tense cues that a bare weekday lies ahead of the dateline.
_FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|going to|scheduled|expected to|expects to|plans? to|planned|set to|"
    r"is to|are to|due to (?:be|meet|visit|arrive|sign|hold|start|begin|travel|return|announce)|"
    r"upcoming|later this week|is due|are due)\b|['’]ll\b",
    re.IGNORECASE,
)

# --- clock times --------------------------------------------------------------------------

# Offsets in minutes east of UTC. Ambiguous abbreviations (CST, IST as Irish/Israeli) are
# resolved to their most common use in English-language news, or left out.
ZONES = {
    "GMT": 0, "UTC": 0, "Z": 0, "WET": 0, "BST": 60, "CET": 60, "CEST": 120, "WEST": 60, "EET": 120,
    "EEST": 180, "MSK": 180, "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "IST": 330, "NPT": 345,
    "PKT": 300, "JST": 540, "KST": 540, "SGT": 480, "HKT": 480, "PHT": 480, "PHST": 480, "WIB": 420,
    "ICT": 420, "AEST": 600, "AEDT": 660, "ACST": 570, "ACDT": 630, "AWST": 480, "NZST": 720,
    "NZDT": 780, "SAST": 120, "EAT": 180, "CAT": 120, "WAT": 60, "GST": 240, "AST": 180, "BDT": 360,
    "MMT": 390, "AFT": 270, "IRST": 210, "TRT": 180,
}  # fmt: skip
# "<place> time" for places without daylight saving (a fixed offset is then always right).
PLACE_TIME = {
    "singapore": 480, "tokyo": 540, "japan": 540, "beijing": 480, "china": 480, "hong kong": 480,
    "seoul": 540, "korea": 540, "south korea": 540, "india": 330, "new delhi": 330, "delhi": 330,
    "mumbai": 330, "kathmandu": 345, "nepal": 345, "manila": 480, "philippine": 480,
    "philippines": 480, "jakarta": 420, "indonesia": 420, "bangkok": 420, "thailand": 420,
    "taipei": 480, "taiwan": 480, "moscow": 180, "dubai": 240, "uae": 240, "abu dhabi": 240,
    "riyadh": 180, "saudi": 180, "doha": 180, "qatar": 180, "istanbul": 180, "ankara": 180,
    "turkey": 180, "karachi": 300, "islamabad": 300, "pakistan": 300, "dhaka": 360,
    "bangladesh": 360, "kuala lumpur": 480, "malaysia": 480, "hanoi": 420, "vietnam": 420,
    "yangon": 390, "myanmar": 390, "kabul": 270, "afghanistan": 270, "tehran": 210, "iran": 210,
    "nairobi": 180, "kenya": 180, "lagos": 60, "nigeria": 60, "johannesburg": 120,
    "south africa": 120, "beijing local": 480, "perth": 480, "brisbane": 600, "sri lanka": 330,
    "colombo": 330, "utc": 0, "gmt": 0, "universal": 0,
}  # fmt: skip
_ZONE_NAMES = "|".join(sorted(ZONES, key=len, reverse=True))
_AMPM = r"(?P<ap>[AaPp])\.?\s?[Mm]\.?(?![A-Za-z])"
_ZONE_TAIL = (
    rf"(?:\s*(?P<tz>(?<![A-Za-z])(?:{_ZONE_NAMES})(?![A-Za-z]))(?:\s*(?P<sign>[+\-−])\s*(?P<off>\d{{1,2}}))?"
    r"|\s+(?P<local>local)\s+time"
    r"|\s+(?:in\s+)?(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:\s+\((?:local\s+)?time\))?\s+time)?"
)
_TIME_AMPM = re.compile(rf"(?<![\d.:,])(?P<h>1[0-2]|0?\d)(?:[:.](?P<mi>[0-5]\d))?\s?{_AMPM}{_ZONE_TAIL}")
_TIME_24 = re.compile(rf"(?<![\d.:,])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:]){_ZONE_TAIL}")
_TIME_ZONED = re.compile(
    rf"(?<![\d.:,])(?P<h>[01]\d|2[0-3])[:.h]?(?P<mi>[0-5]\d)\s*(?:hrs?|hours|h)?"
    rf"\s*(?P<tz>(?<![A-Za-z])(?:{_ZONE_NAMES})(?![A-Za-z]))(?:\s*(?P<sign>[+\-−])\s*(?P<off>\d{{1,2}}))?"
)
_TIME_WORD = re.compile(rf"\b(?P<w>noon|midday|midnight){_ZONE_TAIL}")
_PAREN = re.compile(r"\s*\(\s*(?P<inner>[^()]{1,40}?)\s*\)")


def _zone_offset(m: re.Match[str]) -> tuple[int | None, bool]:
    """(offset minutes east of UTC or None, whether a zone was named at all)."""
    groups = m.groupdict()
    if groups.get("tz"):
        off = ZONES[groups["tz"]]
        if groups.get("off"):
            sign = -1 if groups["sign"] in "-−" else 1
            off += sign * int(groups["off"]) * 60
        return off, True
    if groups.get("local"):
        return None, True
    place = groups.get("place")
    if place:
        key = place.lower()
        if key in PLACE_TIME:
            return PLACE_TIME[key], True
    return None, False


def _time_minutes(m: re.Match[str]) -> int:
    groups = m.groupdict()
    if groups.get("w"):
        return 0 if groups["w"].lower() == "midnight" else 720
    h = int(groups["h"])
    mi = int(groups.get("mi") or 0)
    ap = (groups.get("ap") or "").lower()
    if ap == "p" and h != 12:
        h += 12
    if ap == "a" and h == 12:
        h = 0
    return h * 60 + mi


def _time_end(m: re.Match[str]) -> int:
    """End of the match, dropping a place name that turned out not to be a known zone."""
    if m.groupdict().get("place") and m.group("place").lower() not in PLACE_TIME:
        return _strip_place(m)
    return m.end()


def _strip_place(m: re.Match[str]) -> int:
    # Everything from the whitespace before the unknown place name is dropped.
    s = m.string
    k = m.start("place")
    while k > m.start() and s[k - 1].isspace():
        k -= 1
    if s[max(m.start(), k - 2) : k] == "in":
        k -= 2
        while k > m.start() and s[k - 1].isspace():
            k -= 1
    return k


def _find_times(text: str, taken: list[tuple[int, int]]) -> list[Value]:
    out: list[Value] = []
    for rx in (_TIME_AMPM, _TIME_24, _TIME_ZONED, _TIME_WORD):
        for m in rx.finditer(text):
            start, end = m.start(), _time_end(m)
            if _overlaps(start, end, taken):
                continue
            minutes = _time_minutes(m)
            offset, _named = _zone_offset(m)
            # "11:47 p.m. (1802 GMT)": the UTC equivalent in parentheses wins
            paren = _PAREN.match(text, end)
            if paren:
                inner = _TIME_ZONED.fullmatch(paren.group("inner")) or _TIME_AMPM.fullmatch(
                    paren.group("inner")
                )
                if inner is None:
                    inner = _TIME_24.fullmatch(paren.group("inner"))
                if inner is not None:
                    inner_off, _ = _zone_offset(inner)
                    if inner_off is not None:
                        minutes, offset = _time_minutes(inner), inner_off
                        end = paren.end()
                        if _overlaps(start, end, taken):
                            continue
            if offset is None:
                unit, low = "local-minutes", minutes
            else:
                unit, low = "utc-minutes", (minutes - offset) % 1440
            taken.append((start, end))
            out.append(Value("time", text[start:end], start, end, float(low), float(low), unit=unit))
    return out


# --- calendar dates -----------------------------------------------------------------------


def _month_num(name: str) -> int:
    return _MONTHS[name.rstrip(".")[:3].lower()]


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _nearest_year(m: int, d: int, base: dt.date) -> dt.date | None:
    """The (month, day) closest to the base date: "December 30" in a January article is last year's."""
    best = None
    for y in (base.year - 1, base.year, base.year + 1):
        cand = _safe_date(y, m, d)
        if cand is not None and (best is None or abs((cand - base).days) < abs((best - base).days)):
            best = cand
    return best


def _day_value(text: str, start: int, end: int, day: dt.date) -> Value:
    o = float(day.toordinal())
    return Value("date", text[start:end], start, end, o, o, unit="day")


def _span_value(text: str, start: int, end: int, first: dt.date, last: dt.date) -> Value:
    return Value(
        "date", text[start:end], start, end, float(first.toordinal()), float(last.toordinal()), unit="day"
    )


def _month_day_value(text: str, start: int, end: int, m: int, d1: int, d2: int) -> Value:
    # Without a year and without a base date, a date is kept as month*100+day ("month-day").
    return Value(
        "date", text[start:end], start, end, float(m * 100 + d1), float(m * 100 + d2), unit="month-day"
    )


def _date_from_match(m: re.Match[str], base: dt.date | None) -> tuple[dt.date | None, tuple[int, int] | None]:
    """(full date, or (month, day) when the year is unknown); (None, None) if invalid."""
    groups = m.groupdict()
    if "m" in groups and groups.get("m"):
        day = _safe_date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        return day, None
    mon = _month_num(groups["mon"])
    d = int(groups["d"])
    if not 1 <= d <= 31:
        return None, None
    if groups.get("y"):
        return _safe_date(int(groups["y"]), mon, d), None
    if _safe_date(2000, mon, d) is None:  # 2000 is a leap year, so Feb 29 passes
        return None, None
    if base is not None:
        return _nearest_year(mon, d, base), None
    return None, (mon, d)


def parse_explicit_date(s: str, base: dt.date | None) -> tuple[dt.date | None, tuple[int, int] | None]:
    """Parse a whole string that is one explicit date ("Oct 21", "2025-10-28", "28 October 2025")."""
    for rx in (_ISO, _MDY, _DMY):
        m = rx.fullmatch(s.strip())
        if m:
            return _date_from_match(m, base)
    return None, None


def _find_dates(text: str, base: dt.date | None, taken: list[tuple[int, int]]) -> list[Value]:
    out: list[Value] = []

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

    for m in _SLASH.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        y = y + 2000 if y < 100 else y
        # 3/4/2025 is March 4 in America and 3 April elsewhere: only unambiguous ones are read
        day = None
        if a > 12:
            day = _safe_date(y, b, a)
        elif b > 12:
            day = _safe_date(y, a, b)
        elif a == b:
            day = _safe_date(y, a, b)
        taken.append((m.start(), m.end()))
        if day is not None:
            out.append(_day_value(text, m.start(), m.end(), day))

    for m in _MONTH_YEAR.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        y, mon = int(m.group("y")), _month_num(m.group("mon"))
        last = calendar.monthrange(y, mon)[1]
        taken.append((m.start(), m.end()))
        out.append(_span_value(text, m.start(), m.end(), dt.date(y, mon, 1), dt.date(y, mon, last)))

    for m in _BARE_MONTH.finditer(text):
        start = m.start("mon")
        pre = m.group("pre").lower()
        if pre in ("last", "next", "this", "early", "late", "mid", "end of"):
            start = m.start("pre")
        if _overlaps(start, m.end(), taken):
            continue
        mon = _month_num(m.group("mon"))
        if base is None:
            taken.append((start, m.end()))
            out.append(_month_day_value(text, start, m.end(), mon, 1, 31))
            continue
        if pre == "last":
            y = base.year if mon < base.month else base.year - 1
        elif pre == "next":
            y = base.year if mon > base.month else base.year + 1
        else:
            near = _nearest_year(mon, 15, base)
            y = near.year if near else base.year
        last = calendar.monthrange(y, mon)[1]
        taken.append((start, m.end()))
        out.append(_span_value(text, start, m.end(), dt.date(y, mon, 1), dt.date(y, mon, last)))
    return out


def _emit(
    text: str,
    start: int,
    end: int,
    day: dt.date | None,
    md: tuple[int, int] | None,
    taken: list[tuple[int, int]],
    out: list[Value],
) -> None:
    if _overlaps(start, end, taken):
        return
    taken.append((start, end))
    if day is not None:
        out.append(_day_value(text, start, end, day))
    elif md is not None:
        out.append(_month_day_value(text, start, end, md[0], md[1], md[1]))


# --- weekdays and relative phrases --------------------------------------------------------


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


def _find_weekdays(text: str, base: dt.date | None, taken: list[tuple[int, int]]) -> list[Value]:
    out: list[Value] = []
    for m in _WD_ALONE.finditer(text):
        start = m.start("rel") if m.group("rel") else m.start("wd")
        if _overlaps(start, m.end(), taken):
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
            out.append(_day_value(text, start, m.end(), resolve_weekday(wd, base, rel, future)))
    return out


_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUM_WORDS |= {"eight": 8, "nine": 9, "ten": 10}


def _find_relative(text: str, base: dt.date | None, taken: list[tuple[int, int]]) -> list[Value]:
    out: list[Value] = []
    for m in _RELATIVE.finditer(text):
        start, end = m.start(), m.end()
        if _overlaps(start, end, taken):
            continue
        taken.append((start, end))
        if base is None:
            continue  # relative phrases need a dateline; never today's clock
        surface = text[start:end]
        if m.group("day"):
            shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("day").lower()]
            out.append(_day_value(text, start, end, base + dt.timedelta(days=shift)))
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
                day = _safe_date(y, mon + 1, min(base.day, calendar.monthrange(y, mon + 1)[1]))
                if day:
                    out.append(_day_value(text, start, end, day))
            else:
                days = n * (7 if u == "week" else 1)
                out.append(_day_value(text, start, end, base - dt.timedelta(days=days)))
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
            out.append(_span_value(text, start, end, first, last))
        elif span == "month":
            month_index = base.year * 12 + base.month - 1 + shift
            y, mon = divmod(month_index, 12)
            last_day = calendar.monthrange(y, mon + 1)[1]
            out.append(_span_value(text, start, end, dt.date(y, mon + 1, 1), dt.date(y, mon + 1, last_day)))
        else:
            y = float(base.year + shift)
            out.append(Value("year", surface, start, end, y, y, unit="year"))
    return out


# --- years --------------------------------------------------------------------------------

_PLURAL_OR_UNIT = re.compile(
    r"\s*(?:%|per\s?cent|percent|km|kilomet|miles|metres|meters|tonnes|tons|people|[a-z]+(?<![su]s)(?<!is)s\b)"
)


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
        if y2 <= y1 or y2 - y1 > 200 or _overlaps(start, m.end(), taken):
            continue
        if _PLURAL_OR_UNIT.match(text, m.end()) and not m.group("pre"):
            continue  # "1000-2000 people" is a range of counts
        taken.append((start, m.end()))
        out.append(Value("year", text[start : m.end()], start, m.end(), float(y1), float(y2), unit="year"))
    for m in _YEAR.finditer(text):
        start, end = m.start(), m.end()
        if _overlaps(start, end, taken):
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


# --- entry point --------------------------------------------------------------------------


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def find_temporal(text: str, base_date: dt.date | None = None) -> tuple[list[Value], list[tuple[int, int]]]:
    """Temporal Values in `text` (offsets relative to text) and the spans they (and unreadable
    date-like strings) occupy, so that their digits are not read again as quantities."""
    taken: list[tuple[int, int]] = []
    values: list[Value] = []
    values += _find_times(text, taken)
    values += _find_dates(text, base_date, taken)
    values += _find_weekdays(text, base_date, taken)
    values += _find_relative(text, base_date, taken)
    values += _find_years(text, taken)
    return values, taken


def describe_temporal(v: Value) -> str:
    """Short human form: "2025-10-28", "2025-10-01..2025-10-31", "Thursday", "18:02 UTC", "2025"."""
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
        return f"{name} {d1}" if v.low == v.high else f"{name} {d1}–{calendar.month_name[m2]} {d2}"
    first = dt.date.fromordinal(int(v.low))
    last = dt.date.fromordinal(int(v.high))
    return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"


def month_day(ordinal: float) -> int:
    """month*100+day of a day ordinal, to compare a full date with a date stated without year."""
    day = dt.date.fromordinal(int(ordinal))
    return day.month * 100 + day.day
