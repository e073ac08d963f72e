"""Numbers as news writes them -> cores: digits ("1,881", "6.1"), words ("two hundred and fifty
thousand", "a million"), ordinals ("third", "250th") and vague amounts ("dozens", "several hundred"),
each with the precision it was written to; identifiers ("G7", "F-35", "Article 5") are not numbers."""

from __future__ import annotations

from collections.abc import Sequence

from mineralcheck.values.tokens import Core, Tok, adjacent, match_after
from mineralcheck.values.units import ORDINAL_SUFFIX, SCALE_WORDS, known_suffix

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip


_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip


ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fiftieth": 50, "hundredth": 100,
}  # fmt: skip


# A word ordinal is a value only after one of these ("Norland's first", "for the second time"):
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
    ("lakhs",): (2e5, 9.999e5),
    ("crores",): (2e7, 9.999e7),
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


_VAGUE_SORTED = sorted(_VAGUE, key=lambda p: -len(p))


# Capitalised words that make the following number an identifier, not a figure ("Article 5").
_ID_WORDS = set(
    """article section chapter flight route highway road room resolution level category phase stage
    gate platform terminal boeing airbus apollo windows iphone galaxy pixel model version no nos
    number vol volume page rule clause amendment paragraph item bill act proposition prop form
    title district ward block zone sector unit grade class type mark mk season episode part round
    game match group pool lot building floor apartment flat suite box line bus tram train track
    ch pg fig figure table appendix annex schedule exhibit case docket file code covid sars""".split()
)


# Letters that may touch the digits after them: currency prefixes ("US$5", "S$5", "Rs5", "RM5") and
# the "M" of a magnitude ("M6.1").
_CURRENCY_LETTERS = ("us", "s", "a", "au", "c", "ca", "hk", "nz", "nt", "rs", "rm", "rp", "r", "mx", "m")


def _parse_digits(s: str) -> tuple[float, float]:
    """Value of a digit token and its precision unit ("500" -> 100, "63" -> 1, "1.5" -> 0.1)."""
    s = s.replace(",", "")
    value = float(s)
    if "." in s:
        unit = 10.0 ** -len(s.split(".")[1])
    else:
        stripped = s.rstrip("0")
        zeros = len(s) - len(stripped) if stripped else 0
        unit = 10.0**zeros
    return value, unit


def find_cores(text: str, toks: Sequence[Tok], reserved: Sequence[tuple[int, int]]) -> list[Core]:
    """The number cores of `toks`, in order, outside the reserved spans (dates and times)."""
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
        core = None
        if t.kind == "num":
            # None: the rest of an identifier such as "3.5.2" or "555-123-4567" is skipped
            core = _digit_core(text, toks, k)
        elif t.kind == "word":
            core = _word_core(text, toks, k)
        if core is not None:
            cores.append(core)
            k = core.j
        else:
            k += 1
    return cores


def _word_core(text: str, toks: Sequence[Tok], k: int) -> Core | None:
    """A vague amount, an ordinal or a number in words starting at token k."""
    t = toks[k]
    n = len(toks)
    vague = match_after(toks, k, _VAGUE_SORTED)
    if vague is not None and _vague_ok(toks, k, vague):
        return _vague_core(toks, k, vague)
    if t.low in ORDINAL_WORDS:
        prev = toks[k - 1].low if k else ""
        if prev in _ORDINAL_DETERMINERS or prev.endswith(("'s", "’s")):
            v = ORDINAL_WORDS[t.low]
            return Core(k, k + 1, v, v, 1.0, ordinal=True, words=True)
    half = _half_of_scale(toks, k)
    if half is not None:
        return half
    if t.low in _SMALL or t.low in _TENS or (t.low in ("a", "an") and k + 1 < n):
        parsed = _number_words(toks, k)
        if parsed is not None and not _glued_to_word(text, toks, k, parsed[2]):
            number, unit, j = parsed
            if _number_word_ok(toks, k, j, number):
                return Core(k, j, number, number, unit, words=True)
    return None


def _half_of_scale(toks: Sequence[Tok], k: int) -> Core | None:
    """ "half a million", "half a billion": half of the scale named after it, as precise as written."""
    n = len(toks)
    if not (k + 2 < n and toks[k].low == "half" and toks[k + 1].low in ("a", "an")):
        return None
    scale = SCALE_WORDS.get(toks[k + 2].low)
    if scale is None or scale < 1e3 or toks[k + 2].low.endswith("s"):
        return None  # "half a hundred" is not how news writes fifty; plurals ("half a lakhs") are not figures
    return Core(k, k + 3, scale / 2, scale / 2, scale / 2, words=True)


def _vague_core(toks: Sequence[Tok], k: int, vague: tuple[str, ...]) -> Core:
    """ "dozens", "several hundred", "a few thousand", "hundreds of thousands", "tens of millions"."""
    n = len(toks)
    lo, hi = _VAGUE[vague]
    j = k + len(vague)
    if j < n and toks[j].low in SCALE_WORDS and toks[j].low not in ("lakhs", "crores"):
        s = SCALE_WORDS[toks[j].low]
        lo, hi, j = lo * s, hi * s, j + 1
    elif (
        j + 1 < n
        and toks[j].low == "of"
        and toks[j + 1].low in ("thousands", "millions", "billions")
        and vague[-1] in ("tens", "hundreds", "dozens")
    ):
        s = SCALE_WORDS[toks[j + 1].low[:-1]]
        base = {"tens": (20, 99), "hundreds": (200, 999), "dozens": (24, 99)}[vague[-1]]
        lo, hi, j = base[0] * s, base[1] * s, j + 2
    exact = vague in _VAGUE_EXACT
    return Core(k, j, lo, hi, 1.0, vague=not exact, words=True)


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
    if k < n and toks[k].low in ("a", "an") and k + 1 < n and toks[k + 1].low in SCALE_WORDS:
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
            and adjacent(toks[k], toks[k + 1])
        ):
            k += 1
            continue
        elif w in SCALE_WORDS and seen and not w.endswith("s"):
            scale = SCALE_WORDS[w]
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
    unit = SCALE_WORDS.get(last_tok, 1.0) if last_tok in SCALE_WORDS else 1.0
    return value, unit, k


def _vague_ok(toks: Sequence[Tok], k: int, phrase: tuple[str, ...]) -> bool:
    # "few" alone is only vague after "a"; "tens" only before "of thousands/millions"
    if phrase == ("few",):
        return False
    if phrase == ("tens",):
        return k + 2 < len(toks) and toks[k + 1].low == "of" and toks[k + 2].low in ("thousands", "millions")
    return True


def _glued_to_word(text: str, toks: Sequence[Tok], i: int, j: int) -> bool:
    """Number words glued by a hyphen to a preceding word ("Apollo-Eleven", "twenty-one" excluded)."""
    if i < 2 or toks[i - 1].text != "-" or not adjacent(toks[i - 1], toks[i]):
        return False
    before = toks[i - 2]
    return before.kind == "word" and before.low not in _TENS and adjacent(before, toks[i - 1])


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
    """The core of the digits at token k; None when they are part of an identifier or a code."""
    t = toks[k]
    n = len(toks)
    nxt = toks[k + 1] if k + 1 < n else None
    if _identifier_before(toks, k) or _identifier_after(toks, k):
        return None
    digits = t.text.replace(",", "").replace(".", "")
    if len(digits) >= 9 and "," not in t.text and "." not in t.text:
        return None  # long digit runs are ids and phone numbers, not figures
    if t.text.startswith("0") and len(t.text) > 1 and not t.text.startswith("0."):
        return None  # "007", "0830": codes and clock readings, not quantities
    value, unit = _parse_digits(t.text)
    if nxt is not None and nxt.low in ORDINAL_SUFFIX and adjacent(t, nxt) and "." not in t.text:
        return Core(k, k + 2, value, value, 1.0, ordinal=True)
    return Core(k, k + 1, value, value, unit)


def _identifier_before(toks: Sequence[Tok], k: int) -> bool:
    """What precedes the digits at token k makes them part of an identifier ("G7", "F-35", "No. 5")."""
    t = toks[k]
    n = len(toks)
    prev = toks[k - 1] if k else None
    nxt = toks[k + 1] if k + 1 < n else None
    # glued to a preceding word or identifier: "G7", "COVID-19", "F-35", "MH370"
    if prev is not None and adjacent(prev, t):
        if prev.kind in ("word", "num"):
            if prev.low not in _CURRENCY_LETTERS:
                return True
            # "M6.1" is a magnitude only when alone; "MH370" was already rejected above
        if prev.text in ("-", "/", ".", ":") and k >= 2 and adjacent(toks[k - 2], prev):
            before = toks[k - 2]
            if before.kind == "num":
                # "20-30" is a range (or a score, which _build drops); "555-123-4567", "24/7",
                # "3.5.2" are identifiers
                chained = k >= 3 and toks[k - 3].text in ("-", ".", "/") and adjacent(toks[k - 3], before)
                chained = chained or (
                    nxt is not None
                    and nxt.text in ("-", ".", "/")
                    and adjacent(t, nxt)
                    and k + 2 < n
                    and toks[k + 2].kind == "num"
                )
                if prev.text != "-" or chained:
                    return True
            if before.kind == "word" and before.low not in ("magnitude", "richter"):
                return True  # "COVID-19", "F-35"
        if prev.text in ("#", "+", "№"):
            return True
    if (
        prev is not None
        and prev.kind == "word"
        and prev.low.rstrip(".") in _ID_WORDS
        and prev.text[:1].isupper()
    ):
        return True
    if (
        prev is not None
        and prev.text == "."
        and k >= 2
        and toks[k - 2].low in ("no", "nos", "vol", "fig", "pp", "p")
    ):
        return True
    return False


def _identifier_after(toks: Sequence[Tok], k: int) -> bool:
    """What follows the digits at token k makes them part of an identifier ("3D", "5/8", "3.5.2")."""
    t = toks[k]
    n = len(toks)
    nxt = toks[k + 1] if k + 1 < n else None
    # followed by something that makes it an identifier: "3D", "4G", "5/8", "3.5.2", "555-1234-..."
    if nxt is not None and adjacent(t, nxt):
        if nxt.text in ("/",) and k + 2 < n and toks[k + 2].kind == "num":
            return True
        if nxt.text == "." and k + 2 < n and toks[k + 2].kind == "num" and adjacent(nxt, toks[k + 2]):
            return True
        if nxt.text == "-" and k + 2 < n and toks[k + 2].kind == "num" and k + 4 < n:
            third = toks[k + 3]
            if third.text == "-" and toks[k + 4].kind == "num" and adjacent(toks[k + 2], third):
                return True  # phone-like 555-123-4567
        if nxt.kind == "word" and not known_suffix(toks, k + 1):
            return True
    return False
