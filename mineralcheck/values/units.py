"""What is written around a number that says what it measures: scales ("million", "1.2bn"), units
with their conversion ("km", "miles", "%"), currencies before or after it ("$", "US$", "yen")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mineralcheck.lexicon.nouns import NOT_NOUNS
from mineralcheck.values.tokens import Core, Tok, adjacent, gap_ok, match_after, match_before, words_at

SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip


# Scale suffixes written after digits ("1.2bn", "$6bn", "£2.5m", "3 mln"). "m" and "b" are
# only scales after a currency (or before a plural noun for "m"); otherwise "m" is metres.
SCALE_ABBR = {
    "k": 1e3, "mn": 1e6, "mln": 1e6, "mil": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip


SCALE_ABBR_MONEY = {"m": 1e6, "b": 1e9, "t": 1e12}


ORDINAL_SUFFIX = {"st", "nd", "rd", "th"}


# Currencies. Prefix forms are matched as token sequences ending right before the number.
CURRENCY_PREFIX: dict[tuple[str, ...], str] = {
    ("$",): "usd", ("us", "$"): "usd", ("u", ".", "s", ".", "$"): "usd", ("usd",): "usd",
    ("s", "$"): "sgd", ("sgd",): "sgd", ("a", "$"): "aud", ("au", "$"): "aud", ("aud",): "aud",
    ("c", "$"): "cad", ("ca", "$"): "cad", ("cad",): "cad", ("hk", "$"): "hkd", ("hkd",): "hkd",
    ("nz", "$"): "nzd", ("nzd",): "nzd", ("nt", "$"): "twd", ("twd",): "twd",
    ("€",): "eur", ("eur",): "eur", ("£",): "gbp", ("gbp",): "gbp", ("¥",): "jpy", ("jpy",): "jpy",
    ("cny",): "cny", ("rmb",): "cny", ("₹",): "inr", ("inr",): "inr", ("rs",): "inr", ("rs", "."): "inr",
    ("npr",): "npr", ("pkr",): "pkr", ("₩",): "krw", ("krw",): "krw", ("rm",): "myr", ("myr",): "myr",
    ("₱",): "php", ("php",): "php", ("chf",): "chf", ("₽",): "rub", ("rub",): "rub", ("₺",): "try",
    ("zar",): "zar", ("r",): "zar", ("₦",): "ngn", ("ngn",): "ngn", ("aed",): "aed", ("sar",): "sar",
    ("idr",): "idr", ("rp",): "idr", ("thb",): "thb", ("฿",): "thb", ("brl",): "brl", ("r", "$"): "brl",
    ("mxn",): "mxn", ("mx", "$"): "mxn", ("₫",): "vnd", ("vnd",): "vnd", ("ils",): "ils", ("₪",): "ils",
}  # fmt: skip


# Currency words after the number ("6 billion dollars", "500 yen").
CURRENCY_SUFFIX: dict[tuple[str, ...], str] = {
    ("us", "dollars"): "usd", ("us", "dollar"): "usd", ("u", ".", "s", ".", "dollars"): "usd",
    ("dollars",): "usd", ("dollar",): "usd", ("usd",): "usd",
    ("singapore", "dollars"): "sgd", ("australian", "dollars"): "aud", ("canadian", "dollars"): "cad",
    ("hong", "kong", "dollars"): "hkd", ("new", "zealand", "dollars"): "nzd", ("taiwan", "dollars"): "twd",
    ("euros",): "eur", ("euro",): "eur", ("eur",): "eur",
    ("pounds", "sterling"): "gbp", ("sterling",): "gbp", ("gbp",): "gbp", ("british", "pounds"): "gbp",
    ("yen",): "jpy", ("jpy",): "jpy", ("yuan",): "cny", ("renminbi",): "cny", ("cny",): "cny",
    ("indian", "rupees"): "inr", ("nepali", "rupees"): "npr", ("nepalese", "rupees"): "npr",
    ("pakistani", "rupees"): "pkr", ("sri", "lankan", "rupees"): "lkr", ("rupees",): "rupee",
    ("rupee",): "rupee", ("won",): "krw", ("ringgit",): "myr", ("baht",): "thb", ("pesos",): "peso",
    ("francs",): "chf", ("swiss", "francs"): "chf", ("roubles",): "rub", ("rubles",): "rub",
    ("lira",): "try", ("rand",): "zar", ("naira",): "ngn", ("dirhams",): "aed", ("riyals",): "sar",
    ("rupiah",): "idr", ("dong",): "vnd", ("shekels",): "ils", ("reais",): "brl",
}  # fmt: skip


# Units after a number: phrase -> (canonical unit, factor to the canonical unit).
UNITS: dict[tuple[str, ...], tuple[str, float]] = {
    ("%",): ("percent", 1), ("percent",): ("percent", 1), ("per", "cent"): ("percent", 1),
    ("pc",): ("percent", 1), ("pct",): ("percent", 1), ("per", "-", "cent"): ("percent", 1),
    ("percentage", "points"): ("percentage-point", 1), ("percentage", "point"): ("percentage-point", 1),
    ("pp",): ("percentage-point", 1), ("ppt",): ("percentage-point", 1),
    ("basis", "points"): ("percentage-point", 0.01), ("basis", "point"): ("percentage-point", 0.01),
    ("bps",): ("percentage-point", 0.01), ("bp",): ("percentage-point", 0.01),
    ("km",): ("km", 1), ("kms",): ("km", 1), ("kilometres",): ("km", 1), ("kilometers",): ("km", 1),
    ("kilometre",): ("km", 1), ("kilometer",): ("km", 1), ("miles",): ("km", 1.609344),
    ("mile",): ("km", 1.609344), ("mi",): ("km", 1.609344), ("nautical", "miles"): ("km", 1.852),
    ("nautical", "mile"): ("km", 1.852), ("metres",): ("km", 1e-3), ("meters",): ("km", 1e-3),
    ("metre",): ("km", 1e-3), ("meter",): ("km", 1e-3), ("m",): ("km", 1e-3), ("feet",): ("km", 3.048e-4),
    ("foot",): ("km", 3.048e-4), ("ft",): ("km", 3.048e-4), ("yards",): ("km", 9.144e-4),
    ("cm",): ("km", 1e-5), ("centimetres",): ("km", 1e-5), ("centimeters",): ("km", 1e-5),
    ("mm",): ("km", 1e-6), ("millimetres",): ("km", 1e-6), ("millimeters",): ("km", 1e-6),
    ("inches",): ("km", 2.54e-5), ("inch",): ("km", 2.54e-5),
    ("sq", "km"): ("km2", 1), ("square", "kilometres"): ("km2", 1), ("square", "kilometers"): ("km2", 1),
    ("km", "²"): ("km2", 1), ("km2",): ("km2", 1), ("square", "miles"): ("km2", 2.589988),
    ("sq", "miles"): ("km2", 2.589988), ("hectares",): ("km2", 0.01), ("hectare",): ("km2", 0.01),
    ("ha",): ("km2", 0.01), ("acres",): ("km2", 0.004046856), ("acre",): ("km2", 0.004046856),
    ("magnitude",): ("magnitude", 1), ("richter",): ("magnitude", 1),
    ("on", "the", "richter", "scale"): ("magnitude", 1),
    ("b",): ("byte", 1), ("bytes",): ("byte", 1), ("kb",): ("byte", 1e3), ("kilobytes",): ("byte", 1e3),
    ("mb",): ("byte", 1e6), ("megabytes",): ("byte", 1e6), ("gb",): ("byte", 1e9),
    ("gigabytes",): ("byte", 1e9), ("tb",): ("byte", 1e12), ("terabytes",): ("byte", 1e12),
    ("pb",): ("byte", 1e15), ("petabytes",): ("byte", 1e15), ("kib",): ("byte", 1024),
    ("mib",): ("byte", 1024**2), ("gib",): ("byte", 1024**3), ("tib",): ("byte", 1024**4),
    ("seconds",): ("day", 1 / 86400), ("second",): ("day", 1 / 86400), ("secs",): ("day", 1 / 86400),
    ("minutes",): ("day", 1 / 1440), ("minute",): ("day", 1 / 1440), ("mins",): ("day", 1 / 1440),
    ("min",): ("day", 1 / 1440), ("hours",): ("day", 1 / 24), ("hour",): ("day", 1 / 24),
    ("hrs",): ("day", 1 / 24), ("hr",): ("day", 1 / 24), ("days",): ("day", 1), ("day",): ("day", 1),
    ("weeks",): ("day", 7), ("week",): ("day", 7), ("fortnight",): ("day", 14),
    # Months and years do not convert exactly to days; they share a unit of their own.
    ("months",): ("month", 1), ("month",): ("month", 1), ("years",): ("month", 12),
    ("year",): ("month", 12), ("decades",): ("month", 120), ("decade",): ("month", 120),
    ("year", "-", "old"): ("age", 1), ("years", "old"): ("age", 1), ("year", "old"): ("age", 1),
    ("°", "c"): ("celsius", 1), ("degrees", "celsius"): ("celsius", 1), ("degrees", "c"): ("celsius", 1),
    ("celsius",): ("celsius", 1), ("°", "f"): ("fahrenheit", 1), ("degrees", "fahrenheit"): ("fahrenheit", 1),
    ("fahrenheit",): ("fahrenheit", 1),
    ("km", "/", "h"): ("km/h", 1), ("kph",): ("km/h", 1), ("kmh",): ("km/h", 1),
    ("kilometres", "per", "hour"): ("km/h", 1), ("kilometers", "per", "hour"): ("km/h", 1),
    ("kilometres", "an", "hour"): ("km/h", 1), ("kilometers", "an", "hour"): ("km/h", 1),
    ("km", "per", "hour"): ("km/h", 1), ("km", "an", "hour"): ("km/h", 1), ("kmph",): ("km/h", 1),
    ("km", "/", "hr"): ("km/h", 1),
    ("mph",): ("km/h", 1.609344), ("miles", "per", "hour"): ("km/h", 1.609344),
    ("miles", "an", "hour"): ("km/h", 1.609344), ("knots",): ("km/h", 1.852),
    ("tonnes",): ("tonne", 1), ("tonne",): ("tonne", 1), ("tons",): ("tonne", 1), ("ton",): ("tonne", 1),
    ("metric", "tons"): ("tonne", 1), ("t",): ("tonne", 1), ("kg",): ("tonne", 1e-3),
    ("kilograms",): ("tonne", 1e-3), ("kilogrammes",): ("tonne", 1e-3), ("kilos",): ("tonne", 1e-3),
    ("megawatts",): ("watt", 1e6), ("mw",): ("watt", 1e6), ("gigawatts",): ("watt", 1e9),
    ("gw",): ("watt", 1e9), ("kw",): ("watt", 1e3), ("kilowatts",): ("watt", 1e3),
    ("litres",): ("litre", 1), ("liters",): ("litre", 1),
    ("barrels",): ("barrel", 1), ("barrel",): ("barrel", 1), ("bpd",): ("barrel-per-day", 1),
    ("barrels", "per", "day"): ("barrel-per-day", 1), ("barrels", "a", "day"): ("barrel-per-day", 1),

}  # fmt: skip
# Units that stay ambiguous on their own: "pounds" is money in Britain and weight in America.
UNITS[("pounds",)] = ("pound", 1)
UNITS[("lbs",)] = ("lb", 1)


UNIT_PHRASES = sorted(UNITS, key=lambda p: -len(p))


# Units written before the number ("magnitude 6.1", "magnitude-6.1", "a magnitude of 6.1").
_PREFIX_UNITS = {("magnitude",): "magnitude", ("magnitude", "of"): "magnitude", ("m",): "magnitude"}


CURRENCY_CODES = set(CURRENCY_PREFIX.values()) | set(CURRENCY_SUFFIX.values())


_CURRENCY_SUFFIX_SORTED = sorted(CURRENCY_SUFFIX, key=lambda p: -len(p))


_CURRENCY_PREFIX_SORTED = sorted(CURRENCY_PREFIX, key=lambda p: -len(p))


PREFIX_UNITS_SORTED = sorted(_PREFIX_UNITS, key=lambda p: -len(p))


def known_suffix(toks: Sequence[Tok], i: int) -> bool:
    """Token i, glued to a number before it, is a suffix of that number (a scale, unit or ordinal)."""
    w = toks[i].low
    if w in ORDINAL_SUFFIX or w in SCALE_ABBR or w in SCALE_ABBR_MONEY or w in SCALE_WORDS:
        return True
    if w in ("am", "pm", "a", "p", "s"):  # times (dates.py) and decades ("1990s")
        return True
    return any(p[0] == w for p in UNIT_PHRASES) or any(p[0] == w for p in CURRENCY_SUFFIX)


@dataclass
class Side:
    """A core with its currency, scale and unit applied."""

    low: float
    high: float
    unit_name: str
    start_tok: int
    end_tok: int  # exclusive
    currency: str = ""
    scaled: bool = False
    precision: float = 1.0


def prefix_of(text: str, toks: Sequence[Tok], core: Core) -> tuple[int, str, str]:
    """What is written right before a core: (its first token, a currency, a unit): "$", "US$",
    "magnitude 6.1", "M6.1"."""
    first = core.i
    currency, first = ("", first) if core.words and core.vague else currency_before(text, toks, first)
    prefix_unit = ""
    if not currency:
        pu = match_before(toks, first, PREFIX_UNITS_SORTED)
        if pu is not None:
            if pu == ("m",):
                # "M6.1": only when the letter touches the number and is upper case
                if adjacent(toks[first - 1], toks[first]) and toks[first - 1].text == "M" and not core.words:
                    prefix_unit = "magnitude"
                    first -= 1
            else:
                prefix_unit = "magnitude"
                first -= len(pu)
        elif core.i >= 2 and toks[core.i - 1].text == "-" and toks[core.i - 2].low == "magnitude":
            prefix_unit = "magnitude"
            first = core.i - 2
    return first, currency, prefix_unit


def apply_right(text: str, toks: Sequence[Tok], core: Core, currency: str) -> Side:
    """Apply a scale ("million", "bn") and a unit ("km", "%", "dollars") after a core."""
    k = core.j
    low, high, prec = core.low, core.high, core.unit
    scaled = False
    unit_name = ""
    if core.ordinal:
        return Side(low, high, "ordinal", core.i, k, precision=prec)
    scale = _scale_at(text, toks, k, core, currency)
    if scale is not None:
        low, high, prec = low * scale, high * scale, prec * scale
        k += 1
        scaled = True
        # "3 million and 2 thousand" is rare enough to ignore
    currency, k, unit = _unit_at(text, toks, k, currency, scaled)
    if unit is not None:
        unit_name, factor = unit
        low, high, prec = low * factor, high * factor, prec * factor
    if currency:
        unit_name = currency
    return Side(low, high, unit_name, core.i, k, currency=currency, scaled=scaled, precision=prec)


def _scale_at(text: str, toks: Sequence[Tok], k: int, core: Core, currency: str) -> float | None:
    """The scale written at token k, right after a core ("million", "bn", "m" after a currency)."""
    n = len(toks)
    if not (k < n and gap_ok(text, toks[k - 1], toks[k])):
        return None
    w = toks[k].low
    scale = None
    if w in SCALE_WORDS and not core.words and not w.endswith("s"):
        scale = SCALE_WORDS[w]
    elif w in SCALE_WORDS and w in ("lakhs", "crores"):
        scale = SCALE_WORDS[w]
    elif w in SCALE_ABBR and (adjacent(toks[k - 1], toks[k]) or w in ("mn", "mln", "bn", "bln", "tn", "trn")):
        scale = SCALE_ABBR[w]
    elif w in SCALE_ABBR_MONEY and adjacent(toks[k - 1], toks[k]):
        after = toks[k + 1] if k + 1 < n else None
        plural_noun = (
            after is not None
            and after.kind == "word"
            and after.low.endswith("s")
            and after.low not in NOT_NOUNS
            and w == "m"
        )
        if currency or plural_noun or (w == "b" and currency):
            scale = SCALE_ABBR_MONEY[w]
    return scale


def _unit_at(
    text: str, toks: Sequence[Tok], k: int, currency: str, scaled: bool
) -> tuple[str, int, tuple[str, float] | None]:
    """The currency or unit word at token k: (the currency, the token after what was read, the unit
    and its factor to the canonical unit, or None)."""
    n = len(toks)
    if not (k < n and gap_ok(text, toks[k - 1], toks[k])):
        return currency, k, None
    cur = match_after(toks, k, _CURRENCY_SUFFIX_SORTED)
    # "-" joins compounds: "7-day", "6.1-magnitude", "45-year-old"
    hyphen = toks[k].text == "-" and adjacent(toks[k - 1], toks[k])
    start_unit = k + 1 if hyphen else k
    unit = match_after(toks, start_unit, UNIT_PHRASES)
    written = toks[start_unit].text if start_unit < n else ""
    if unit is not None and len(unit) == 1 and len(written) <= 3 and written.istitle():
        unit = None  # "2 Min Read": a title-cased abbreviation is a heading, not a unit
    if cur is not None and not currency and not hyphen:
        return CURRENCY_SUFFIX[cur], k + len(cur), None
    if unit is None or currency:
        return currency, k, None
    name, factor = UNITS[unit]
    if unit == ("m",) and scaled:
        return currency, k, None  # "3m" already read as million
    if unit in (("b",), ("t",)) and not adjacent(toks[start_unit - 1], toks[start_unit]):
        return currency, k, None  # a lone "b"/"t" after a space is a letter, not bytes/tonnes
    if (
        name == "percent"
        and unit == ("pc",)
        and not adjacent(toks[start_unit - 1], toks[start_unit])
        and start_unit + 1 < n
        and toks[start_unit + 1].kind == "word"
        and toks[start_unit + 1].low not in NOT_NOUNS
    ):
        return currency, k, None  # "5 PC games"
    return currency, start_unit + len(unit), (name, factor)


def currency_before(text: str, toks: Sequence[Tok], i: int) -> tuple[str, int]:
    """Currency written before token i ("$", "US$", "S$", "USD ", "Rs."): (code, first token)."""
    if i == 0 or not gap_ok(text, toks[i - 1], toks[i]):
        return "", i
    for p in _CURRENCY_PREFIX_SORTED:
        if words_at(toks, i - len(p), len(p)) != p:
            continue
        first = i - len(p)
        # letters in a prefix must be capitals ("US$", "S$", "USD", "RM") and glued to any
        # symbol: "a $6bn package" is dollars, not Australian dollars
        ok = True
        for x in range(first, i):
            tok = toks[x]
            if tok.kind == "word" and not (tok.text.isupper() or tok.text in ("Rs", "Rp")):
                ok = False
            if x > first and not adjacent(toks[x - 1], tok):
                ok = False
        if p == ("r",) and not adjacent(toks[first], toks[i]):
            ok = False
        if ok:
            return CURRENCY_PREFIX[p], first
    return "", i


def unit_factor_for(toks: Sequence[Tok], side: Side) -> tuple[str, float]:
    """Factor of the unit found on the right side of a range, to apply it to the left end."""
    for p in UNIT_PHRASES:
        for start in range(side.start_tok, side.end_tok):
            if words_at(toks, start, len(p)) == p and start + len(p) == side.end_tok:
                return UNITS[p]
    return side.unit_name, 1.0
