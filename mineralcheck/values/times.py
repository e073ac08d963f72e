"""Clock times in news prose ("11:47 p.m. (1802 GMT)", "9am local time", "noon") -> minutes in UTC
where a zone is known, else local minutes."""

from __future__ import annotations

import re

from mineralcheck.models import Value
from mineralcheck.values.days import overlaps

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


_AMPM = r"(?P<ap>[AaPp])(?:\.\s?[Mm]\.?|\s?[Mm])(?![A-Za-z])"
"""'pm', 'p.m.': a full stop after a bare 'pm' ends the sentence, not the time."""


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


def find_times(text: str, taken: list[tuple[int, int]]) -> list[Value]:
    """The clock times of `text` outside the `taken` spans, which grow by the ones found."""
    out: list[Value] = []
    for rx in (_TIME_AMPM, _TIME_24, _TIME_ZONED, _TIME_WORD):
        for m in rx.finditer(text):
            start, end = m.start(), _time_end(m)
            if overlaps(start, end, taken):
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
                        if overlaps(start, end, taken):
                            continue
            if offset is None:
                unit, low = "local-minutes", minutes
            else:
                unit, low = "utc-minutes", (minutes - offset) % 1440
            taken.append((start, end))
            out.append(Value("time", text[start:end], start, end, float(low), float(low), unit=unit))
    return out
