"""When each article was published, and whether a figure rose with it ("rose over time: 5 → 14").

One reading of time for the whole report: a divergence's note and a key figure's trend say the same
thing about the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from mineralcheck.models import Article, SourceId

Instant = tuple[int, int]
"""When an article was published, as (day ordinal, minute of the day in UTC, or -1 when the day
has no time of day): sortable."""

UNDATED: Instant = (dt.date.max.toordinal(), 0)
"""Where an article without a date sorts: after every dated one."""


def instant(article: Article) -> Instant | None:
    """The article's publication instant, None when it has no date."""
    if article.date is None:
        return None
    if article.time is None:
        return article.date.toordinal(), -1
    moment = dt.datetime.combine(article.date, article.time)
    offset = article.time.utcoffset()
    if offset is not None:
        moment -= offset
    return moment.date().toordinal(), moment.hour * 60 + moment.minute


def published(articles: Iterable[Article]) -> dict[SourceId, Instant]:
    """Each dated article's publication instant."""
    return {a.id: at for a in articles if (at := instant(a)) is not None}


def rose_over_time(
    points: Iterable[tuple[SourceId, float, str]], published: Mapping[SourceId, Instant]
) -> str:
    """ "rose over time: five → 14 → at least 70" when, ordered by publication, each later article's
    largest figure is larger than every earlier one; else "". `points` are (source, the figure's
    lower end, how it is written); undated articles are left out, and articles of a day without a
    time of day cannot be put in order with that day's others, so such a day counts as one moment."""
    listed = [(source, low, text) for source, low, text in points if source in published]
    untimed_days = {published[s][0] for s, _, _ in listed if published[s][1] < 0}
    largest: dict[Instant, tuple[float, str]] = {}
    for source, low, text in listed:
        day, minute = published[source]
        moment = (day, -1) if day in untimed_days else (day, minute)
        largest[moment] = max(largest.get(moment, (low, text)), (low, text))
    rising = [largest[moment] for moment in sorted(largest)]
    if len(rising) < 2 or any(a[0] >= b[0] for a, b in zip(rising, rising[1:], strict=False)):
        return ""
    return "rose over time: " + " → ".join(text for _, text in rising)
