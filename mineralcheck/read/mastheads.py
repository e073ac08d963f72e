"""Who published an article, as the article itself says it: a masthead above the first paragraph
("Example Times / international", "Daily Example | World", a name beside the reading time), and a
short readable label from the headline where nothing names the outlet.

The words here are how pages name themselves in general (a section after a slash, "News", "Times",
"TV" in a name); none names an outlet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mineralcheck.models import Span
from mineralcheck.read.furniture import name_keys
from mineralcheck.read.furniture_lines import READ_TIME, SECTION_SEPARATOR, UI_LINE
from mineralcheck.read.line_features import key
from mineralcheck.read.line_shape import SENTENCE_END, is_label_text, is_sentence
from mineralcheck.read.line_shape import Line as _Line
from mineralcheck.values.dates import find_temporal

# The header a masthead is looked for in: the lines above the first paragraph, at most this many.
HEADER_MAX_LINES = 15
NAME_MAX_WORDS = 4
# Words that outlets put in their names.
MEDIA_WORDS = re.compile(
    r"\b(?:news|times|post|daily|herald|tribune|journal|express|gazette|telegraph|chronicle|observer|"
    r"press|media|network|online|tv|radio|broadcasting|wire|magazine|weekly|bulletin|courier|dispatch)\b",
    re.IGNORECASE,
)
# A date label before a masthead: " date 2024-03-12 Example Times / international".
DATE_LABELS = re.compile(r"^(?:date|dated|published|posted|updated|on)\b\s*:?\s*", re.IGNORECASE)
HASH_MIN_CHARS = 8
LABEL_MAX_CHARS = 30
"""A label made from a headline: its first words, up to this many characters (an outlet's column in
the terminal report is 32 wide)."""


def stated_outlet(text: str, furniture: Sequence[Span]) -> str | None:
    """The outlet's name as the page prints it above its first paragraph, or None.

    A "Name / section" line names the outlet in its first part; otherwise a short label line with a
    word outlets put in their names ("Example News"), or such a name beside a reading-time badge."""
    named: str | None = None
    for line in _header(text, furniture):
        stripped = _without_dates(line)
        parts = [p.strip() for p in SECTION_SEPARATOR.split(stripped) if p.strip()]
        if len(parts) >= 2 and _is_name(parts[0]):
            return parts[0]
        badge = READ_TIME.search(stripped)
        candidate = stripped[: badge.start()].strip() if badge else stripped
        if named is None and _is_name(candidate) and MEDIA_WORDS.search(candidate):
            named = candidate
    return named


def same_outlet(name: str, host: str) -> bool:
    """Whether a printed name is the outlet of a URL's host: "Example Post" and "examplepost.in"."""
    return key(name) in name_keys((host,))


def headline_label(title: str | None) -> str | None:
    """A short readable label from a headline (or a first sentence): its first words, "…" where cut."""
    if not title:
        return None
    words = title.split()
    label = ""
    for word in words:
        if len(label) + len(word) + 1 > LABEL_MAX_CHARS and label:
            return label + "…"
        label = f"{label} {word}".strip()
    return label or None


def _header(text: str, furniture: Sequence[Span]) -> list[str]:
    """The lines above the first paragraph, furniture included (a masthead is furniture)."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        line = raw.strip()
        if not line:
            continue
        inside = any(f.start <= start + len(raw) - len(raw.lstrip()) < f.end for f in furniture)
        if not inside and is_sentence(_Line(0, 0, 0, line, line.split())):
            break
        out.append(line)
        if len(out) >= HEADER_MAX_LINES:
            break
    return out


def _without_dates(line: str) -> str:
    values, _ = find_temporal(line, None)
    for value in sorted(values, key=lambda v: -v.start):
        line = line[: value.start] + " " + line[value.end :]
    return DATE_LABELS.sub("", " ".join(line.split())).strip()


def _is_name(text: str) -> bool:
    """A short title-case or capitals label that is not interface text ("Home", "News", "Menu")."""
    words = text.split()
    if not 1 <= len(words) <= NAME_MAX_WORDS or SENTENCE_END.search(text) or UI_LINE.match(text):
        return False
    return is_label_text(text) or (text.isupper() and not any(c.isdigit() for c in text))


def outlet_name(
    given: str | None, host: str | None, stated: str | None, source_id: str, lead: str | None
) -> str:
    """What a reader calls the publisher: the name a manifest, front matter or page metadata gives;
    else the name the page prints where it agrees with the URL's host, or prints without a URL;
    else the host; else the file name, unless it is a hash ("000_29446ee9bb4fc833"), which gives
    way to a label made from the headline (or first sentence), `lead`."""
    if given:
        return given
    if stated and (host is None or same_outlet(stated, host)):
        return stated
    if host:
        return host
    if hash_like(source_id):
        return headline_label(lead) or source_id
    return source_id


def hash_like(name: str) -> bool:
    """A name made by a program: a run of hex digits ("29446ee9bb4fc833") or of many digits."""
    return any(
        (
            len(token) >= HASH_MIN_CHARS
            and re.fullmatch(r"[0-9a-f]+", token)
            and sum(c.isdigit() for c in token) >= 2
        )
        or (len(token) >= HASH_MIN_CHARS and token.isdigit())
        for token in re.split(r"[\W_]+", name.lower())
    )
