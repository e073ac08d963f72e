"""Bytes -> text: byte order marks, UTF-16 without one, detected encodings, binary files refused."""

from __future__ import annotations

import codecs

# Binary formats people drop into a news folder by mistake; the name goes into the skip reason.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "a GZIP archive"),
    (b"\xd0\xcf\x11\xe0", "an old office document"),
)
# Text files have no NUL bytes; looking at the head is enough and keeps large files cheap.
BINARY_SNIFF_BYTES = 8192

# The preferred guess where several single-byte encodings read a non-UTF-8 file equally well.
WESTERN_ENCODING = "cp1252"
ENCODING_TIE = 0.02

# BOMs, longest first: the UTF-32 LE mark starts with the UTF-16 LE mark.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class Skip(Exception):
    """A per-file problem: the file is reported as skipped and the run goes on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode(data: bytes) -> str:
    """Bytes -> text with \\n newlines; raises Skip for binary, empty or undecodable data."""
    text: str | None = None
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise Skip(f"not valid {encoding.upper()} despite its byte order mark") from None
            break
    if text is None:
        for magic, name in MAGIC_NUMBERS:
            if data.startswith(magic):
                raise Skip(f"binary file (looks like {name}), not an article")
        if b"\x00" in data[:BINARY_SNIFF_BYTES]:
            text = _utf16_without_bom(data)
            if text is None:
                raise Skip("binary file (contains NUL bytes), not an article")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data)
    # Universal newlines, as Python's read_text shows the file: offsets refer to this text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Skip("empty file")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte order mark, told from binary data by where its NUL bytes fall.

    Text in Latin script has a NUL as every second byte (the high byte of each character), and
    none in between; binary data has them anywhere. The decoded head must also be printable text.
    """
    head = data[:BINARY_SNIFF_BYTES]
    if len(data) % 2 or len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for encoding, highs, lows in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if highs.count(0) < len(highs) // 2 or lows.count(0) > len(lows) // 100:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(c.isprintable() or c.isspace() for c in text[: BINARY_SNIFF_BYTES // 2]):
            return text
    return None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 files need it

    best = from_bytes(data).best()
    if best is None:
        raise Skip("could not detect the text encoding; save it as UTF-8")
    # Several single-byte code pages often decode a file equally well and the detector then picks
    # one by name. News in English that is not UTF-8 is nearly always Windows-1252 (Latin-1 plus
    # curly quotes), so it wins every tie.
    western = from_bytes(data, cp_isolation=[WESTERN_ENCODING]).best()
    if (
        western is not None
        and western.chaos <= best.chaos + ENCODING_TIE
        and western.coherence >= best.coherence - ENCODING_TIE
    ):
        return str(western)
    return str(best)


def looks_like_html(text: str | None) -> bool:
    head = (text or "")[:1024].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))
