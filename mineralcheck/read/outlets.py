"""Who published an article and when: front matter, a leading `Source:` line, a dateline, and outlet
names from URLs. The sources manifest (sources_manifest.py) and web pages (webpage.py) add theirs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from urllib.parse import urlsplit

import yaml

from mineralcheck.files import safeyaml
from mineralcheck.models import Span
from mineralcheck.values.dates import find_temporal

# Front matter is a short block; do not scan a huge file for its closing fence.
FRONT_MATTER_MAX_CHARS = 65536
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)

# Front-matter keys of static-site generators and scrapers, by the field they fill.
FRONT_MATTER_KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "site_name": "outlet",
    "sitename": "outlet",
    "url": "url",
    "link": "url",
    "canonical_url": "url",
    "source_url": "url",
    "date": "date",
    "published": "date",
    "pubdate": "date",
    "date_published": "date",
    "source": "source",
}

# "Source: https://…" or "URL: https://…" on the first line of a saved article.
SOURCE_LINE = re.compile(
    r"[ \t]*(?:source|url)[ \t]*:[ \t]*(?P<url>https?://\S+)[ \t]*(?:\n|\Z)", re.IGNORECASE
)

# A dateline sits at the top; further down a date is an event's, not the article's.
DATELINE_WINDOW = 600
# The text before a date that opens the first line: nothing, a label ("date", "Published:") or a wire
# dateline's place in capitals ("HALVIK, "). "On March 12, 2024, …" is a sentence, not a dateline.
DATE_LABEL = re.compile(
    r"^[\W_]*(?:(?i:date|dated|published|posted|updated|first published|last updated)\b\s*[:|–—-]?"
    r"|[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+)*\s*[,:–—-])?\s*$"
)

# A date the first paragraph calls today's: "... the ministry said today, Monday, March 3, 2025, ...".
TODAY = re.compile(
    r"\btoday\s*,?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*,?\s*)?(?:the\s+)?$", re.IGNORECASE
)

# A line that is a date besides a few capitalised words (weekday, place, zone) or these labels.
DATE_LINE_MAX_WORDS = 4
DATE_LINE_LABELS = frozenset({"date", "dated", "published", "posted", "updated", "on", "at", "am", "pm"})

# Prefixes of a host name that say nothing about the outlet.
HOST_PREFIXES = ("www.", "www2.", "m.", "amp.", "mobile.")

TITLE_MAX_CHARS = 200


@dataclass(frozen=True)
class SourceMeta:
    """What one origin (manifest, front matter, page metadata, text) says about an article; None = silent."""

    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    """Only together with `date`: a time is never taken from another origin than its date."""


def merge(*metas: SourceMeta | None) -> SourceMeta:
    """Field by field, the first origin that states it wins; date and time travel together."""
    found: dict[str, object] = {}
    for meta in metas:
        if meta is None:
            continue
        for f in fields(SourceMeta):
            if f.name == "time":
                continue
            value = getattr(meta, f.name)
            if value is not None and found.get(f.name) is None:
                found[f.name] = value
                if f.name == "date":
                    found["time"] = meta.time
    return SourceMeta(**found)  # type: ignore[arg-type]


def outlet_from_url(url: str | None) -> str | None:
    """The host name of a URL without "www." and the like: "https://www.nzz.ch/x" -> "nzz.ch"."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return host


def date_from_url(url: str | None) -> dt.date | None:
    """A publication date written in a URL's path (/2023/03/24/, /2024-02-16/), read by htmldate."""
    if not url:
        return None
    from htmldate import find_date  # imported here: only articles with a URL pay for it
    from lxml.html import fromstring

    # A parsed empty page, never a string: htmldate downloads a string that looks like a URL.
    found = find_date(fromstring("<html><body></body></html>"), extensive_search=False, url=url)
    return dt.date.fromisoformat(found) if found else None


def clean_title(value: object) -> str | None:
    if value is None:
        return None
    title = " ".join(str(value).split())
    return title[:TITLE_MAX_CHARS] or None


# --- front matter -------------------------------------------------------------------------------


def front_matter(text: str) -> tuple[SourceMeta | None, int]:
    """(what the YAML front matter says, end offset of the block), or (None, 0) when there is none."""
    match = FRONT_MATTER.match(text[:FRONT_MATTER_MAX_CHARS])
    if not match:
        return None, 0
    try:
        raw = safeyaml.load(match.group(1) or "")  # an article's YAML: alias bombs stop here
    except yaml.YAMLError:
        return None, 0
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return None, 0
    found: dict[str, object] = {}
    for key, value in raw.items():
        field = FRONT_MATTER_KEYS.get(str(key).lower())
        if field and field not in found and value not in (None, ""):
            found[field] = value
    source = found.pop("source", None)
    if isinstance(source, str):  # a URL or an outlet's name
        found.setdefault("url" if source.strip().lower().startswith("http") else "outlet", source)
    when, clock = to_date_time(found.get("date"))
    url = str(found["url"]).strip() if "url" in found else None
    return (
        SourceMeta(
            outlet=clean_title(found.get("outlet")),
            url=url if url and url.lower().startswith(("http://", "https://")) else None,
            title=clean_title(found.get("title")),
            date=when,
            time=clock if when else None,
        ),
        match.end(),
    )


def to_date_time(value: object) -> tuple[dt.date | None, dt.time | None]:
    """A date (and time) from YAML's date or datetime, an ISO string or a written date."""
    if isinstance(value, dt.datetime):
        return value.date(), _clock(value)
    if isinstance(value, dt.date):
        return value, None
    if not isinstance(value, str) or not value.strip():
        return None, None
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        return parsed.date(), _clock(parsed) if "T" in text or " " in text else None
    # Written dates ("Mar. 12, 2024", "12 March 2024 10:04"), read like dates in articles; nothing
    # relative ("yesterday"), so the result never depends on the day it runs.
    day, clock, _ = _first_date(text)
    return day, clock


def _clock(moment: dt.datetime) -> dt.time | None:
    clock = moment.timetz()
    return None if clock.replace(tzinfo=None) == dt.time(0) and moment.tzinfo is None else clock


# --- the text itself ----------------------------------------------------------------------------


def source_line(text: str, start: int = 0) -> tuple[str | None, Span | None]:
    """The URL of a `Source: URL` / `URL: URL` first line at or after `start`, and that line's span."""
    while start < len(text) and text[start] in " \t\n":
        start += 1
    # Back to the line start, so leading blanks on the line itself are part of the match.
    line_start = text.rfind("\n", 0, start) + 1
    match = SOURCE_LINE.match(text, line_start)
    if not match:
        return None, None
    end = match.end() - (1 if match.group(0).endswith("\n") else 0)
    return match.group("url").rstrip(".,;)>\"'"), Span(line_start, end)


def dateline(text: str, furniture: tuple[Span, ...], start: int = 0) -> tuple[SourceMeta | None, Span | None]:
    """The publication date (and time) of a dateline at the top of the text, with the span to drop.

    A dateline is a date on a line of its own or a time-stamp line (page furniture), a wire dateline
    ("VELMORA, Mar. 12, 2024 —"), or a date that opens the first line behind at most one label
    (" date 2024-11-05 The council said…"): the span returned is that label and date. The first
    line may also date itself ("... said today, Monday, March 3, 2025, ..."): that date stays in the
    text. Any other date inside a sentence of the body is never one: it dates an event, not the article.
    """
    head = text[:DATELINE_WINDOW]
    values, _ = find_temporal(head, None)
    days = sorted(
        (v for v in values if v.kind == "date" and v.unit == "day" and v.low == v.high and v.start >= start),
        key=lambda v: v.start,
    )
    first_line = _first_line_start(text, start)
    for value in days:
        line_start = text.rfind("\n", 0, value.start) + 1
        line_end = text.find("\n", value.end)
        line_end = len(text) if line_end < 0 else line_end
        in_furniture = any(f.start <= value.start and value.end <= f.end for f in furniture)
        opens_text = line_start == first_line and DATE_LABEL.match(text[line_start : value.start])
        date_line = _is_date_line(text, line_start, line_end, values)
        today = line_start == first_line and TODAY.search(text[line_start : value.start]) is not None
        if not (in_furniture or opens_text or date_line or today):
            continue
        clock = _time_on_line(values, line_start, line_end)
        meta = SourceMeta(date=dt.date.fromordinal(int(value.low)), time=clock)
        drop = opens_text and not (in_furniture or date_line)
        return meta, (Span(line_start, value.end) if drop else None)
    return None, None


def _is_date_line(text: str, start: int, end: int, values: list) -> bool:  # type: ignore[type-arg]
    """A line that is a date and time with at most a few labels: "Mar. 12, 2024 4:30 p.m.", "Updated:
    Tuesday, 12 March 2024 10:04 IST". A lower-case word other than a label makes it a sentence."""
    rest = text[start:end]
    for value in sorted(values, key=lambda v: -v.start):
        if start <= value.start and value.end <= end:
            rest = rest[: value.start - start] + " " + rest[value.end - start :]
    words = re.findall(r"[^\W\d_][\w'’.-]*", rest)
    return len(words) <= DATE_LINE_MAX_WORDS and all(
        w[0].isupper() or w.lower().rstrip(".:") in DATE_LINE_LABELS for w in words
    )


def _first_line_start(text: str, start: int) -> int:
    pos = start
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return text.rfind("\n", 0, pos) + 1


def _time_on_line(values: list, line_start: int, line_end: int) -> dt.time | None:  # type: ignore[type-arg]
    for value in values:
        if value.kind == "time" and line_start <= value.start < line_end and value.low == value.high:
            minutes = int(value.low) % (24 * 60)
            zone = dt.UTC if value.unit == "utc-minutes" else None
            return dt.time(minutes // 60, minutes % 60, tzinfo=zone)
    return None


def _first_date(text: str) -> tuple[dt.date | None, dt.time | None, int]:
    values, _ = find_temporal(text, None)
    days = [v for v in values if v.kind == "date" and v.unit == "day" and v.low == v.high]
    if not days:
        return None, None, -1
    first = min(days, key=lambda v: v.start)
    return dt.date.fromordinal(int(first.low)), _time_on_line(values, 0, len(text)), first.start
