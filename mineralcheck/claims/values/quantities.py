"""Numbers in news prose -> interval Values: comparators, hedges, scales, units and counted nouns."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mineralcheck.models import Value

INF = math.inf

# --- tokens ---------------------------------------------------------------------------------

# Digits are ASCII only on purpose: float() accepts other scripts' digits, but news figures we
# compare are written with 0-9, and this keeps arbitrary Unicode from turning into numbers.
_TOKEN_RE = re.compile(
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)"
    r"|(?P<sym>\S)"
)


@dataclass(frozen=True)
class Tok:
    kind: str  # "num" | "word" | "sym"
    text: str
    low: str  # lower-cased text
    start: int
    end: int


def tokenize(text: str) -> list[Tok]:
    """Split text into number, word and symbol tokens with offsets."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "sym"
        out.append(Tok(kind, m.group(), m.group().lower(), m.start(), m.end()))
    return out


# --- vocabularies ---------------------------------------------------------------------------

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip
# Scale suffixes written after digits ("1.2bn", "$6bn", "£2.5m", "3 mln"). "m" and "b" are
# only scales after a currency (or before a plural noun for "m"); otherwise "m" is metres.
_SCALE_ABBR = {
    "k": 1e3, "mn": 1e6, "mln": 1e6, "mil": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
_SCALE_ABBR_MONEY = {"m": 1e6, "b": 1e9, "t": 1e12}

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fiftieth": 50, "hundredth": 100,
}  # fmt: skip
_ORDINAL_SUFFIX = {"st", "nd", "rd", "th"}
# A word ordinal is a value only after one of these ("Japan's first", "for the second time"):
# "second" alone is as often a duration or a verb.
_ORDINAL_DETERMINERS = {"the", "its", "his", "her", "their", "our", "my", "your", "a", "an", "s"}

# Vague amounts: (low, high). Spans follow how news uses them ("dozens" = 24..99).
_VAGUE = {
    ("dozens",): (24, 99),
    ("scores",): (40, 99),
    ("tens",): (20, 99),
    ("hundreds",): (200, 999),
    ("thousands",): (2000, 9999),
    ("millions",): (2e6, 9.999e6),
    ("billions",): (2e9, 9.999e9),
    ("a", "few"): (2, 5),
    ("few",): (2, 5),
    ("several",): (3, 9),
    ("a", "handful", "of"): (2, 6),
    ("a", "couple", "of"): (2, 3),
    ("a", "dozen"): (12, 12),
    ("half", "a", "dozen"): (6, 6),
    ("a", "half", "dozen"): (6, 6),
}
_VAGUE_EXACT = {("a", "dozen"), ("half", "a", "dozen"), ("a", "half", "dozen")}

# Comparators before a number: canonical word -> phrases.
_COMPARATORS: dict[str, tuple[str, ...]] = {
    "more-than": (
        "more than", "over", "above", "in excess of", "upwards of", "upward of", "greater than",
        "exceeding", "north of", "well over", "well above", "higher than", "beyond",
        # verbs of crossing a mark, as headlines write tolls and tallies: "toll passes 150"
        "passes", "passed", "surpasses", "surpassed", "exceeds", "exceeded", "tops", "topped",
        "crosses", "crossed",
    ),
    "at-least": ("at least", "no fewer than", "no less than", "a minimum of", "not less than", "minimum"),
    "less-than": ("less than", "fewer than", "under", "below", "lower than", "short of", "well under",
                  "well below"),
    "at-most": ("at most", "no more than", "a maximum of", "not more than", "maximum", "not exceeding"),
    "up-to": ("up to", "as many as", "as much as", "as high as"),
    "about": (
        "about", "around", "some", "roughly", "approximately", "an estimated", "estimated", "circa",
        "approx", "approx.", "c.", "~", "nearly about", "close on", "or so", "more or less",
        "round about", "in the region of", "on the order of", "an approximate",
    ),
    "nearly": ("nearly", "almost", "close to", "just under", "just below", "just shy of", "not quite",
               "just short of", "approaching", "nearing"),
    "just-over": ("just over", "just above", "slightly more than", "a little over", "a little more than",
                  "slightly over", "just more than"),
    "only": ("only", "just", "a mere", "merely", "mere"),
    "exactly": ("exactly", "precisely", "a total of", "in total", "totalling", "totaling", "total"),
    "between": ("between",),
}  # fmt: skip
# "approx." is tokenised as "approx" + ".", so phrases are split the same way.
_COMPARATOR_PHRASES = sorted(
    ((tuple(p.replace(".", " .").split()), c) for c, ps in _COMPARATORS.items() for p in ps),
    key=lambda x: -len(x[0]),
)
_POST_HEDGES = {
    ("or", "more"): "at-least",
    ("or", "above"): "at-least",
    ("and", "above"): "at-least",
    ("or", "so"): "about",
    ("or", "less"): "at-most",
    ("or", "fewer"): "at-most",
    ("and", "counting"): "at-least",
    ("plus",): "at-least",
    ("+",): "at-least",
}

# Currencies. Prefix forms are matched as token sequences ending right before the number.
_CURRENCY_PREFIX: dict[tuple[str, ...], str] = {
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
_CURRENCY_SUFFIX: dict[tuple[str, ...], str] = {
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
_UNITS: dict[tuple[str, ...], tuple[str, float]] = {
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
    ("mph",): ("km/h", 1.609344), ("miles", "per", "hour"): ("km/h", 1.609344), ("knots",): ("km/h", 1.852),
    ("tonnes",): ("tonne", 1), ("tonne",): ("tonne", 1), ("tons",): ("tonne", 1), ("ton",): ("tonne", 1),
    ("metric", "tons"): ("tonne", 1), ("t",): ("tonne", 1), ("kg",): ("tonne", 1e-3),
    ("kilograms",): ("tonne", 1e-3), ("kilogrammes",): ("tonne", 1e-3), ("kilos",): ("tonne", 1e-3),
    ("megawatts",): ("watt", 1e6), ("mw",): ("watt", 1e6), ("gigawatts",): ("watt", 1e9),
    ("gw",): ("watt", 1e9), ("kw",): ("watt", 1e3), ("kilowatts",): ("watt", 1e3),
    ("litres",): ("litre", 1), ("liters",): ("litre", 1),
    ("barrels",): ("barrel", 1), ("barrel",): ("barrel", 1), ("bpd",): ("barrel-per-day", 1),
    ("barrels", "per", "day"): ("barrel-per-day", 1), ("barrels", "a", "day"): ("barrel-per-day", 1),

}  # fmt: skip
_UNIT_PHRASES = sorted(_UNITS, key=lambda p: -len(p))
# Units that stay ambiguous on their own: "pounds" is money in Britain and weight in America.
_UNITS[("pounds",)] = ("pound", 1)
_UNITS[("lbs",)] = ("lb", 1)
_UNIT_PHRASES = sorted(_UNITS, key=lambda p: -len(p))
# Units written before the number ("magnitude 6.1", "magnitude-6.1", "a magnitude of 6.1").
_PREFIX_UNITS = {("magnitude",): "magnitude", ("magnitude", "of"): "magnitude", ("m",): "magnitude"}
# Units that are themselves a counted dimension: no counted noun is looked for after them.
_MEASURE_UNITS = {"percent", "percentage-point", "magnitude", "celsius", "fahrenheit", "km/h", "age"}

# Words that are not the counted noun when they follow a number.
_STOP = set(
    """a an the of in on at to and or but for from by with as that which who whom whose this these
    those it its their his her our your my is are was were be been being has have had do does did
    will would shall should can could may might must said says say told according after before
    since until till during when while where than then also about into onto over under per each
    every more less most least other others another such so too very just only last next this
    ago later earlier up down out off again percent cent if not no nor yet both either neither all
    some any many much few several rose fell rising falling rose increased decreased reached hit
    stood stands stood climbed jumped dropped including include includes among across against
    toward towards via vs versus between around near mark marks s t what how why following
    according""".split()
)
# Adjectives skipped between a number and its noun ("20 new cases", "157 more people").
_ADJ_SKIP = {
    "more", "new", "other", "additional", "confirmed", "known", "reported", "registered", "total",
    "further", "extra", "fresh", "suspected", "separate", "different", "small", "large", "big",
    "major", "minor", "local", "foreign", "young", "old", "critical", "key", "rare", "remaining",
    "fewer", "less", "full", "whole", "entire", "official", "estimated", "possible",
}  # fmt: skip
_IRREGULAR = {
    "people": "people", "persons": "people", "person": "people", "individuals": "people",
    "individual": "people", "children": "child", "men": "man", "women": "woman", "lives": "life",
    "feet": "foot", "mice": "mouse", "teeth": "tooth", "geese": "goose", "data": "data",
    "news": "news", "series": "series", "species": "species", "aircraft": "aircraft",
    "police": "police", "staff": "staff", "crew": "crew", "personnel": "personnel",
    "sheep": "sheep", "fish": "fish", "cattle": "cattle", "troops": "troop",
}  # fmt: skip
# Different words for one thing counted, so "105 deaths" and "105 dead" compare.
_NOUN_SYNONYMS = {
    "dead": "death", "fatality": "death", "killed": "death", "died": "death", "body": "death",
    "wounded": "injured", "injury": "injured", "hurt": "injured", "casualty": "casualty",
    "missing": "missing", "displaced": "displaced", "evacuated": "evacuee",
}  # fmt: skip
# "people" is generic: it is comparable with any of these more specific counts of people.
HUMAN_NOUNS = {
    "people", "death", "injured", "missing", "displaced", "evacuee", "survivor", "victim",
    "resident", "casualty", "child", "man", "woman", "worker", "soldier", "troop", "civilian",
    "passenger", "migrant", "refugee", "patient", "student", "voter", "citizen", "tourist",
}  # fmt: skip
# Capitalised words that make the following number an identifier, not a figure ("Article 5").
_ID_WORDS = set(
    """article section chapter flight route highway road room resolution level category phase stage
    gate platform terminal boeing airbus apollo windows iphone galaxy pixel model version no nos
    number vol volume page rule clause amendment paragraph item bill act proposition prop form
    title district ward block zone sector unit grade class type mark mk season episode part round
    game match group pool lot building floor apartment flat suite box line bus tram train track
    ch pg fig figure table appendix annex schedule exhibit case docket file code covid sars""".split()
)
# Verbs before "from X to Y" that make it a change (two values), not a range.
_CHANGE_VERBS = re.compile(
    r"\b(?:rose|rise|rises|rising|risen|fell|fall|falls|falling|fallen|increased?|increasing|decreased?|"
    r"decreasing|climbed?|climbing|jumped?|jumping|dropped?|dropping|grew|grow|grown|growing|raised?|"
    r"cut|lowered?|revised|surged?|soared?|declined?|plunged?|slipped|went|gone|up|down|upgraded?|"
    r"downgraded?|changed?|moved?|shrank|expanded)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


# --- helpers --------------------------------------------------------------------------------


def _words(toks: Sequence[Tok], i: int, n: int) -> tuple[str, ...] | None:
    if i < 0 or i + n > len(toks):
        return None
    return tuple(t.low for t in toks[i : i + n])


def _match_after(toks: Sequence[Tok], i: int, phrases: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Longest phrase of `phrases` (sorted longest first) starting at token i."""
    for p in phrases:
        if _words(toks, i, len(p)) == p:
            return p
    return None


def _match_before(toks: Sequence[Tok], j: int, phrases: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Longest phrase of `phrases` (sorted longest first) ending right before token j."""
    for p in phrases:
        if _words(toks, j - len(p), len(p)) == p:
            return p
    return None


def _adjacent(a: Tok, b: Tok) -> bool:
    return a.end == b.start


def _gap_ok(text: str, a: Tok, b: Tok) -> bool:
    """b follows a with nothing but spaces (no newline, no punctuation) between them."""
    gap = text[a.end : b.start]
    return len(gap) <= 2 and (gap == "" or gap.isspace()) and "\n" not in gap


def lemma(word: str) -> str:
    """Light lemmatiser for counted nouns: "trees" -> "tree", "casualties" -> "casualty"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("sses") or re.search(r"(?:sh|ch|x|zz)es$", w):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w


def canonical_noun(word: str) -> str:
    """The counted noun in canonical form: lemma, then synonyms ("fatalities" -> "death")."""
    lem = lemma(word)
    return _NOUN_SYNONYMS.get(lem, _NOUN_SYNONYMS.get(word.lower(), lem))


def _parse_digits(s: str) -> tuple[float, float]:
    """Value of a digit token and its precision unit ("500" -> 100, "157" -> 1, "1.5" -> 0.1)."""
    s = s.replace(",", "")
    value = float(s)
    if "." in s:
        unit = 10.0 ** -len(s.split(".")[1])
    else:
        stripped = s.rstrip("0")
        zeros = len(s) - len(stripped) if stripped else 0
        unit = 10.0**zeros
    return value, unit


def tolerance(value: float, unit: float) -> float:
    """Rounding tolerance of an "about" figure: half its precision, kept within 2%..10%."""
    v = abs(value)
    return min(max(unit / 2, 0.02 * v), 0.10 * v) if v else unit / 2


# --- number cores ---------------------------------------------------------------------------


@dataclass
class Core:
    """A number before comparators and units are applied: tokens [i, j)."""

    i: int
    j: int
    low: float
    high: float
    unit: float  # precision unit of the written figure
    ordinal: bool = False
    vague: bool = False
    words: bool = False  # written in words


def _number_words(toks: Sequence[Tok], i: int) -> tuple[float, float, int] | None:
    """Parse "twenty-five", "two hundred and fifty thousand", "a million" from token i.

    Returns (value, precision unit, end token index).
    """
    total = 0.0
    current = 0.0
    k = i
    seen = False
    last = ""
    n = len(toks)
    if k < n and toks[k].low in ("a", "an") and k + 1 < n and toks[k + 1].low in _SCALE_WORDS:
        current = 1
        k += 1
        seen = True
        last = "small"
    while k < n:
        w = toks[k].low
        if w in _SMALL and last not in ("small", "teen"):
            current += _SMALL[w]
            last = "small"
        elif w in _TENS and last not in ("small", "tens"):
            current += _TENS[w]
            last = "tens"
        elif (
            w == "-"
            and last == "tens"
            and k + 1 < n
            and toks[k + 1].low in _SMALL
            and _adjacent(toks[k], toks[k + 1])
        ):
            k += 1
            continue
        elif w in _SCALE_WORDS and seen and not w.endswith("s"):
            scale = _SCALE_WORDS[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last = "scale"
        elif (
            w == "and"
            and last == "scale"
            and k + 1 < n
            and (toks[k + 1].low in _SMALL or toks[k + 1].low in _TENS)
        ):
            k += 1
            last = "and"
            continue
        elif w == "dozen" and seen and last in ("small", "tens"):
            current *= 12
            last = "scale"
        else:
            break
        seen = True
        k += 1
    if not seen:
        return None
    value = total + current
    # precision: the smallest named place; "three million" is precise to a million
    last_tok = toks[k - 1].low
    unit = _SCALE_WORDS.get(last_tok, 1.0) if last_tok in _SCALE_WORDS else 1.0
    return value, unit, k


def _find_cores(text: str, toks: Sequence[Tok], reserved: Sequence[tuple[int, int]]) -> list[Core]:
    cores: list[Core] = []
    n = len(toks)
    k = 0

    def is_reserved(t: Tok) -> bool:
        return any(s < t.end and t.start < e for s, e in reserved)

    while k < n:
        t = toks[k]
        if is_reserved(t):
            k += 1
            continue
        if t.kind == "num":
            core = _digit_core(text, toks, k)
            if core is not None:
                cores.append(core)
                k = core.j
                continue
            # skip the rest of an identifier such as "3.5.2" or "555-123-4567"
            k += 1
            continue
        if t.kind == "word":
            vague = _match_after(toks, k, _VAGUE_SORTED)
            if vague is not None and _vague_ok(toks, k, vague):
                lo, hi = _VAGUE[vague]
                j = k + len(vague)
                # "several hundred", "a few thousand", "hundreds of thousands", "tens of millions"
                if j < n and toks[j].low in _SCALE_WORDS and toks[j].low not in ("lakhs", "crores"):
                    s = _SCALE_WORDS[toks[j].low]
                    lo, hi, j = lo * s, hi * s, j + 1
                elif (
                    j + 1 < n
                    and toks[j].low == "of"
                    and toks[j + 1].low in ("thousands", "millions", "billions")
                    and vague[-1] in ("tens", "hundreds", "dozens")
                ):
                    s = _SCALE_WORDS[toks[j + 1].low[:-1]]
                    base = {"tens": (20, 99), "hundreds": (200, 999), "dozens": (24, 99)}[vague[-1]]
                    lo, hi, j = base[0] * s, base[1] * s, j + 2
                exact = vague in _VAGUE_EXACT
                cores.append(Core(k, j, lo, hi, 1.0, vague=not exact, words=True))
                k = j
                continue
            if t.low in _ORDINAL_WORDS:
                prev = toks[k - 1].low if k else ""
                if prev in _ORDINAL_DETERMINERS or prev.endswith(("'s", "’s")):
                    v = _ORDINAL_WORDS[t.low]
                    cores.append(Core(k, k + 1, v, v, 1.0, ordinal=True, words=True))
                    k += 1
                    continue
            if t.low in _SMALL or t.low in _TENS or (t.low in ("a", "an") and k + 1 < n):
                parsed = _number_words(toks, k)
                if parsed is not None and not _glued_to_word(text, toks, k, parsed[2]):
                    number, unit, j = parsed
                    if _number_word_ok(toks, k, j, number):
                        cores.append(Core(k, j, number, number, unit, words=True))
                        k = j
                        continue
        k += 1
    return cores


_VAGUE_SORTED = sorted(_VAGUE, key=lambda p: -len(p))


def _vague_ok(toks: Sequence[Tok], k: int, phrase: tuple[str, ...]) -> bool:
    # "few" alone is only vague after "a"; "tens" only before "of thousands/millions"
    if phrase == ("few",):
        return False
    if phrase == ("tens",):
        return k + 2 < len(toks) and toks[k + 1].low == "of" and toks[k + 2].low in ("thousands", "millions")
    return True


def _glued_to_word(text: str, toks: Sequence[Tok], i: int, j: int) -> bool:
    """Number words glued by a hyphen to a preceding word ("Apollo-Eleven", "twenty-one" excluded)."""
    if i < 2 or toks[i - 1].text != "-" or not _adjacent(toks[i - 1], toks[i]):
        return False
    before = toks[i - 2]
    return before.kind == "word" and before.low not in _TENS and _adjacent(before, toks[i - 1])


def _number_word_ok(toks: Sequence[Tok], i: int, j: int, v: float) -> bool:
    """Reject pronoun-like "one" ("one of the", "no one", "the one who")."""
    words = [t.low for t in toks[i:j]]
    if words == ["one"] or words == ["a"] or words == ["an"]:
        prev = toks[i - 1].low if i else ""
        nxt = toks[j].low if j < len(toks) else ""
        if words != ["one"]:
            return False
        if prev in ("no", "the", "this", "that", "which", "every", "any", "each", "any", "someone", "such"):
            return False
        if nxt in ("of", "another", "day", "time", "by", "-", "way", "thing", "on", "who", "that", "which"):
            # "one day", "one by one", "one-on-one": idioms, not counts
            return False
    if words and words[0] in ("a", "an") and len(words) == 1:
        return False
    return True


def _digit_core(text: str, toks: Sequence[Tok], k: int) -> Core | None:
    t = toks[k]
    n = len(toks)
    prev = toks[k - 1] if k else None
    nxt = toks[k + 1] if k + 1 < n else None
    # glued to a preceding word or identifier: "G7", "COVID-19", "F-35", "MH370"
    if prev is not None and _adjacent(prev, t):
        if prev.kind in ("word", "num"):
            if prev.low not in (
                "us",
                "s",
                "a",
                "au",
                "c",
                "ca",
                "hk",
                "nz",
                "nt",
                "rs",
                "rm",
                "rp",
                "r",
                "mx",
                "m",
            ):
                return None
            # "M6.1" is a magnitude only when alone; "MH370" was already rejected above
        if prev.text in ("-", "/", ".", ":") and k >= 2 and _adjacent(toks[k - 2], prev):
            before = toks[k - 2]
            if before.kind == "num":
                # "20-30" is a range (or a score, which _build drops); "555-123-4567", "24/7",
                # "3.5.2" are identifiers
                chained = k >= 3 and toks[k - 3].text in ("-", ".", "/") and _adjacent(toks[k - 3], before)
                chained = chained or (
                    nxt is not None
                    and nxt.text in ("-", ".", "/")
                    and _adjacent(t, nxt)
                    and k + 2 < n
                    and toks[k + 2].kind == "num"
                )
                if prev.text != "-" or chained:
                    return None
            if before.kind == "word" and before.low not in ("magnitude", "richter"):
                return None  # "COVID-19", "F-35"
        if prev.text in ("#", "+", "№"):
            return None
    if (
        prev is not None
        and prev.kind == "word"
        and prev.low.rstrip(".") in _ID_WORDS
        and prev.text[:1].isupper()
    ):
        return None
    if (
        prev is not None
        and prev.text == "."
        and k >= 2
        and toks[k - 2].low in ("no", "nos", "vol", "fig", "pp", "p")
    ):
        return None
    # followed by something that makes it an identifier: "3D", "4G", "5/8", "3.5.2", "555-1234-..."
    if nxt is not None and _adjacent(t, nxt):
        if nxt.text in ("/",) and k + 2 < n and toks[k + 2].kind == "num":
            return None
        if nxt.text == "." and k + 2 < n and toks[k + 2].kind == "num" and _adjacent(nxt, toks[k + 2]):
            return None
        if nxt.text == "-" and k + 2 < n and toks[k + 2].kind == "num" and k + 4 < n:
            third = toks[k + 3]
            if third.text == "-" and toks[k + 4].kind == "num" and _adjacent(toks[k + 2], third):
                return None  # phone-like 555-123-4567
        if nxt.kind == "word" and not _known_suffix(toks, k + 1):
            return None
    digits = t.text.replace(",", "").replace(".", "")
    if len(digits) >= 9 and "," not in t.text and "." not in t.text:
        return None  # long digit runs are ids and phone numbers, not figures
    if t.text.startswith("0") and len(t.text) > 1 and not t.text.startswith("0."):
        return None  # "007", "0830": codes and clock readings, not quantities
    value, unit = _parse_digits(t.text)
    if nxt is not None and nxt.low in _ORDINAL_SUFFIX and _adjacent(t, nxt) and "." not in t.text:
        return Core(k, k + 2, value, value, 1.0, ordinal=True)
    return Core(k, k + 1, value, value, unit)


def _figure_follows(toks: Sequence[Tok], k: int) -> bool:
    """A figure (possibly after a hedge or a currency sign) starts within the next three tokens."""
    return any(t.kind != "word" and any(ch.isdigit() for ch in t.text) for t in toks[k : k + 3])


def _known_suffix(toks: Sequence[Tok], i: int) -> bool:
    w = toks[i].low
    if w in _ORDINAL_SUFFIX or w in _SCALE_ABBR or w in _SCALE_ABBR_MONEY or w in _SCALE_WORDS:
        return True
    if w in ("am", "pm", "a", "p", "s"):  # times (dates.py) and decades ("1990s")
        return True
    return any(p[0] == w for p in _UNIT_PHRASES) or any(p[0] == w for p in _CURRENCY_SUFFIX)


# --- building values ------------------------------------------------------------------------


def find_quantities(text: str, reserved: Sequence[tuple[int, int]] = ()) -> list[Value]:
    """Quantity Values in `text` (offsets relative to text), skipping reserved spans."""
    toks = tokenize(text)
    cores = _find_cores(text, toks, reserved)
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
class _Side:
    """A core with its currency, scale and unit applied."""

    low: float
    high: float
    unit_name: str
    start_tok: int
    end_tok: int  # exclusive
    currency: str = ""
    scaled: bool = False
    precision: float = 1.0


def _apply_right(text: str, toks: Sequence[Tok], core: Core, currency: str) -> _Side:
    """Apply a scale ("million", "bn") and a unit ("km", "%", "dollars") after a core."""
    n = len(toks)
    k = core.j
    low, high, prec = core.low, core.high, core.unit
    scaled = False
    unit_name = ""
    if core.ordinal:
        return _Side(low, high, "ordinal", core.i, k, precision=prec)
    # scale
    if k < n and _gap_ok(text, toks[k - 1], toks[k]):
        w = toks[k].low
        scale = None
        if w in _SCALE_WORDS and not core.words and not w.endswith("s"):
            scale = _SCALE_WORDS[w]
        elif w in _SCALE_WORDS and w in ("lakhs", "crores"):
            scale = _SCALE_WORDS[w]
        elif w in _SCALE_ABBR and (
            _adjacent(toks[k - 1], toks[k]) or w in ("mn", "mln", "bn", "bln", "tn", "trn")
        ):
            scale = _SCALE_ABBR[w]
        elif w in _SCALE_ABBR_MONEY and _adjacent(toks[k - 1], toks[k]):
            after = toks[k + 1] if k + 1 < n else None
            plural_noun = (
                after is not None
                and after.kind == "word"
                and after.low.endswith("s")
                and after.low not in _STOP
                and w == "m"
            )
            if currency or plural_noun or (w == "b" and currency):
                scale = _SCALE_ABBR_MONEY[w]
        if scale is not None:
            low, high, prec = low * scale, high * scale, prec * scale
            k += 1
            scaled = True
            # "3 million and 2 thousand" is rare enough to ignore
    # unit / currency word
    if k < n and _gap_ok(text, toks[k - 1], toks[k]):
        cur = _match_after(toks, k, _CURRENCY_SUFFIX_SORTED)
        # "-" joins compounds: "7-day", "6.1-magnitude", "45-year-old"
        hyphen = toks[k].text == "-" and _adjacent(toks[k - 1], toks[k])
        start_unit = k + 1 if hyphen else k
        unit = _match_after(toks, start_unit, _UNIT_PHRASES)
        if (
            unit is not None
            and len(unit) == 1
            and len(toks[start_unit].text) <= 3
            and toks[start_unit].text.istitle()
        ):
            unit = None  # "2 Min Read": a title-cased abbreviation is a heading, not a unit
        if cur is not None and not currency and not hyphen:
            currency = _CURRENCY_SUFFIX[cur]
            k += len(cur)
        elif unit is not None and not currency:
            name, factor = _UNITS[unit]
            if unit == ("m",) and scaled:
                pass  # "3m" already read as million
            elif unit in (("b",), ("t",)) and not _adjacent(toks[start_unit - 1], toks[start_unit]):
                pass  # a lone "b"/"t" after a space is a letter, not bytes/tonnes
            elif (
                name == "percent"
                and unit == ("pc",)
                and not _adjacent(toks[start_unit - 1], toks[start_unit])
            ):
                if (
                    start_unit + 1 < n
                    and toks[start_unit + 1].kind == "word"
                    and toks[start_unit + 1].low not in _STOP
                ):
                    pass  # "5 PC games"
                else:
                    low, high, prec = low * factor, high * factor, prec * factor
                    unit_name = name
                    k = start_unit + len(unit)
            else:
                low, high, prec = low * factor, high * factor, prec * factor
                unit_name = name
                k = start_unit + len(unit)
    if currency:
        unit_name = currency
    return _Side(low, high, unit_name, core.i, k, currency=currency, scaled=scaled, precision=prec)


_CURRENCY_SUFFIX_SORTED = sorted(_CURRENCY_SUFFIX, key=lambda p: -len(p))
_CURRENCY_PREFIX_SORTED = sorted(_CURRENCY_PREFIX, key=lambda p: -len(p))
_PREFIX_UNITS_SORTED = sorted(_PREFIX_UNITS, key=lambda p: -len(p))
_POST_HEDGES_SORTED = sorted(_POST_HEDGES, key=lambda p: -len(p))


def _currency_before(text: str, toks: Sequence[Tok], i: int) -> tuple[str, int]:
    """Currency written before token i ("$", "US$", "S$", "USD ", "Rs."): (code, first token)."""
    if i == 0 or not _gap_ok(text, toks[i - 1], toks[i]):
        return "", i
    for p in _CURRENCY_PREFIX_SORTED:
        if _words(toks, i - len(p), len(p)) != p:
            continue
        first = i - len(p)
        # letters in a prefix must be capitals ("US$", "S$", "USD", "RM") and glued to any
        # symbol: "a $6bn package" is dollars, not Australian dollars
        ok = True
        for x in range(first, i):
            tok = toks[x]
            if tok.kind == "word" and not (tok.text.isupper() or tok.text in ("Rs", "Rp")):
                ok = False
            if x > first and not _adjacent(toks[x - 1], tok):
                ok = False
        if p == ("r",) and not _adjacent(toks[first], toks[i]):
            ok = False
        if ok:
            return _CURRENCY_PREFIX[p], first
    return "", i


def _comparator_before(text: str, toks: Sequence[Tok], i: int) -> tuple[str, int]:
    for phrase, comp in _COMPARATOR_PHRASES:
        first = i - len(phrase)
        if first < 0:
            continue
        if tuple(t.low for t in toks[first:i]) == phrase:
            # the phrase must sit on the same line, right before the number
            if not _gap_ok(text, toks[i - 1], toks[i]) and toks[i - 1].text != "~":
                continue
            if phrase == ("some",) and i < len(toks) and toks[i].kind == "word" and toks[i].low in ("one",):
                continue
            if phrase in (("under",), ("over",), ("above",), ("below",), ("total",)) and first > 0:
                # "under 5" after a verb of place ("lies under 5 metres of water") still reads as a bound
                pass
            if (
                phrase == ("just",)
                and i < len(toks)
                and toks[i].kind == "word"
                and toks[i].low in _ORDINAL_WORDS
            ):
                continue
            return comp, first
    return "", i


def _noun_after(toks: Sequence[Tok], k: int, text: str) -> tuple[str, int]:
    """The counted noun after token k ("people", "deaths"), lemmatised; and the end token."""
    n = len(toks)
    j = k
    if j < n and toks[j].low == "of" and j + 1 < n:
        j += 1
        # "68 of the 120 seats", "66 of 120 seats": the share counts what the whole counts
        if toks[j].low == "the" and j + 1 < n and toks[j + 1].kind != "word":
            j += 1
        if toks[j].kind != "word" and any(ch.isdigit() for ch in toks[j].text) and j + 1 < n:
            j += 1
        elif toks[j].low in ("the", "them"):
            return "", k
    # a run of up to four lower-case words: "cherry trees", "key allies", "largest economies";
    # the counted noun is the first plural in it, else its first word that is not an adjective
    run: list[Tok] = []
    while j < n and len(run) < 4:
        tok = toks[j]
        if tok.kind != "word" or tok.low in _STOP or len(tok.text) < 2:
            break
        if tok.text[:1].isupper() and not tok.text.isupper():
            break  # "5 Downing Street", "3 Americans": a name, not a counted noun
        gap = text[toks[j - 1].end : tok.start]
        if gap not in (" ", "-", "") or (gap == "" and toks[j - 1].kind == "word"):
            break
        run.append(tok)
        j += 1
        if j < n and toks[j].text == "-" and j + 1 < n and _adjacent(toks[j - 1], toks[j]):
            j += 1  # "rare-earth"
    if not run:
        return "", k
    nouns = [t for t in run if t.low not in _ADJ_SKIP and not _ADJ_SUFFIX.search(t.low)]
    plural = [t for t in nouns if lemma(t.low) != t.low or t.low in _PLURAL_AS_IS]
    if not nouns:
        # the suffix test is a guess ("anniversary", "salary" are nouns): a lone word is the noun
        if len(run) != 1 or run[0].low in _ADJ_SKIP:
            return "", k
        nouns = run
    # the first plural ("cherry trees"), else the head of the compound, its last noun
    # ("one operational rare earth mine" counts mines)
    chosen = plural[0] if plural else nouns[-1]
    return canonical_noun(chosen.text), chosen.end


# Nouns that are plural without an -s: "three million people fled" counts people, not "fled".
_PLURAL_AS_IS = frozenset("people children men women police staff personnel cattle livestock troops".split())
_ADJ_SUFFIX = re.compile(r"(?:al|ive|ic|ous|ful|able|ible|est|ern|ary|less|ish)$")


def _build(
    text: str, toks: Sequence[Tok], cores: Sequence[Core], idx: int, reserved: Sequence[tuple[int, int]]
) -> tuple[Value | None, int]:
    """Build the Value around cores[idx]; returns (value, number of cores consumed)."""
    core = cores[idx]
    n = len(toks)
    first = core.i
    currency, first = ("", first) if core.words and core.vague else _currency_before(text, toks, first)
    prefix_unit = ""
    if not currency:
        pu = _match_before(toks, first, _PREFIX_UNITS_SORTED)
        if pu is not None:
            if pu == ("m",):
                # "M6.1": only when the letter touches the number and is upper case
                if _adjacent(toks[first - 1], toks[first]) and toks[first - 1].text == "M" and not core.words:
                    prefix_unit = "magnitude"
                    first -= 1
            else:
                prefix_unit = "magnitude"
                first -= len(pu)
                if first < core.i - len(pu) or (first < n and toks[core.i - 1].text == "-"):
                    pass
        elif core.i >= 2 and toks[core.i - 1].text == "-" and toks[core.i - 2].low == "magnitude":
            prefix_unit = "magnitude"
            first = core.i - 2
    comparator, cfirst = _comparator_before(text, toks, first)
    if comparator:
        first = cfirst
    side = _apply_right(text, toks, core, currency)
    if prefix_unit and not side.unit_name:
        side.unit_name = prefix_unit
    consumed = 1
    low, high = side.low, side.high
    low_open = high_open = False
    end_tok = side.end_tok

    # ranges: "between 20 and 30", "20 to 30", "20-30", "from 20 to 30", "two or three"
    if idx + 1 < len(cores) and not core.ordinal and not core.vague:
        nxt_core = cores[idx + 1]
        conn = toks[end_tok : nxt_core.i]
        conn_words = [t.low for t in conn]
        currency2, first2 = _currency_before(text, toks, nxt_core.i)
        if currency2:
            conn_words = [t.low for t in toks[end_tok:first2]]
        ok = False
        if comparator == "between" and conn_words == ["and"]:
            ok = True
        elif conn_words in (["to"], ["-"], ["–"], ["—"], ["or"], ["and"]) and conn_words != ["and"]:
            ok = True
            if conn_words == ["-"] and not (_adjacent(toks[end_tok - 1], conn[0]) or len(conn) == 1):
                ok = False
        if ok and conn_words == ["to"] and _CHANGE_VERBS.search(text[: toks[first].start]):
            ok = False  # "rose from 100 to 157": two figures, not a range
        if ok and (currency2 and currency and currency2 != currency):
            ok = False
        if ok:
            side2 = _apply_right(text, toks, nxt_core, currency2 or currency)
            # share scale and unit across the range: "5-6bn", "20 to 30 per cent", "$5 to $6 billion"
            if side2.scaled and not side.scaled and side.low < side2.low:
                scale = side2.low / nxt_core.low if nxt_core.low else 1
                low, high = side.low * scale, side.high * scale
                if side.low * scale > side2.low:
                    low, high = side.low, side.high
            unit1 = side.unit_name or (prefix_unit if prefix_unit else "")
            unit2 = side2.unit_name
            if not unit1 and unit2:
                _, factor = _unit_factor_for(toks, side2)
                low, high = low * factor, high * factor
                unit1 = unit2
            if unit1 and unit2 and unit1 != unit2:
                ok = False
            elif low < side2.low:
                if comparator in ("between", ""):
                    comparator = "between"
                high = side2.high
                end_tok = side2.end_tok
                side.unit_name = unit1
                consumed = 2
            else:
                ok = False
                if conn_words == ["-"] and low >= side2.low:
                    # "won 3-1": a score, neither a range nor two figures
                    return None, 2
    if consumed == 1 and comparator == "between":
        comparator = ""
    unit_name = side.unit_name

    # post hedges: "100 or more", "1,000-plus", "50+"
    if end_tok < n:
        ph = _match_after(toks, end_tok, _POST_HEDGES_SORTED)
        if ph is None and toks[end_tok].text == "-" and end_tok + 1 < n and toks[end_tok + 1].low == "plus":
            ph = ("-", "plus")
        # "$354.8 million plus $100 million in interest": "plus" before another figure adds it
        adds = ph == ("plus",) and _figure_follows(toks, end_tok + 1)
        if ph is not None and not comparator and not adds:
            comparator = _POST_HEDGES.get(ph, "at-least")
            end_tok += len(ph)

    # counted noun
    quantity = ""
    # only bare counts name what they count: "157 people", "105 deaths"; a unit already says it
    if not unit_name or unit_name == "ordinal":
        # an ordinal keeps its noun too: "second leg", "first half", "250th anniversary"
        quantity, qend = _noun_after(toks, end_tok, text)
        if quantity in _UNIT_NOUNS:
            quantity = ""

    # comparators -> interval
    prec = side.precision
    if core.vague:
        comparator = comparator if comparator in ("more-than", "at-least", "up-to", "only") else "vague"
        if comparator in ("more-than", "at-least"):
            high = INF
        if comparator == "up-to":
            low = 0
    elif comparator == "more-than":
        low_open, high = True, INF
    elif comparator == "at-least":
        high = INF
    elif comparator == "less-than":
        low, high_open = -INF, True
    elif comparator in ("at-most", "up-to"):
        low = min(0.0, low)
    elif comparator == "about":
        tol = tolerance(low, prec)
        low, high = low - tol, high + tol
    elif comparator == "nearly":
        low = high - max(0.05 * abs(high), 0.0)
    elif comparator == "just-over":
        low_open = True
        high = low + max(0.05 * abs(low), 0.0)
    elif not comparator and low == high and (side.scaled or unit_name == "percent") and prec > 0:
        # A figure is only as precise as its last stated digit: "$6bn" is a rounding of "$6.1bn",
        # "61%" of "61.2%"; "157 people" stays exact. Just under half a unit, so that "1.2bn" and
        # "1.3bn" still conflict.
        # The unit of the last digit written: trailing zeros are written digits ("$500bn" is not
        # "$450bn-$550bn").
        factor = prec / core.unit if core.unit else 1.0
        half = 0.4999 * min(core.unit, 1.0) * factor
        low, high = low - half, high + half

    start = toks[first].start
    end = toks[end_tok - 1].end
    # a trailing "." that closes "a.m." style abbreviations is not part of a number's surface
    if any(s < end and start < e for s, e in reserved):
        # the extended surface ran into a date or time: keep the bare core
        start, end = toks[core.i].start, toks[core.j - 1].end
        if any(s < end and start < e for s, e in reserved):
            return None, consumed
    surface = text[start:end]
    return (
        Value(
            kind="quantity",
            text=surface,
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
        consumed,
    )


_CURRENCY_CODES = set(_CURRENCY_PREFIX.values()) | set(_CURRENCY_SUFFIX.values())
# Words that are units or scales, never the counted noun.
_UNIT_NOUNS = {"million", "billion", "thousand", "hundred", "trillion", "percent", "cent"}


def _unit_factor_for(toks: Sequence[Tok], side: _Side) -> tuple[str, float]:
    """Factor of the unit found on the right side of a range, to apply it to the left end."""
    for p in _UNIT_PHRASES:
        for start in range(side.start_tok, side.end_tok):
            if _words(toks, start, len(p)) == p and start + len(p) == side.end_tok:
                return _UNITS[p]
    return side.unit_name, 1.0


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
_COMPARATOR_DISPLAY = {
    "more-than": "more than ", "at-least": "at least ", "less-than": "less than ", "at-most": "at most ",
    "up-to": "up to ", "about": "about ", "nearly": "nearly ", "just-over": "just over ", "only": "only ",
    "exactly": "exactly ",
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
    if v.unit in _CURRENCY_CODES:
        body = f"{v.unit.upper()} {num}"
    elif v.unit == "magnitude":
        body = f"magnitude {num}"
    else:
        body = num + _UNIT_DISPLAY.get(v.unit, f" {v.unit}" if v.unit else "")
    if v.quantity:
        body += f" {v.quantity}"
    return prefix + body
